/*
 * The S-mode trap vector: the software IPC fast path (SYS_CALL, SYS_REPLY),
 * the CLB-miss fast refill, and the slow path (full register save, then the
 * C handler kernel_trap()). Included once, by core.c.
 *
 * No base register is needed: the fast paths keep their scratch slots and
 * the software link stack pointer in the window that struct percpu has at
 * the top of every address space (VA -2 KiB..0, `sd t5, W_T5(zero)`), and
 * find domains[asid] with one lui (kernel.h). So nothing writes sscratch,
 * and the only CSR writes (each a pipeline refetch on mkrv) are the ones
 * that do the work: satp and sepc.
 *
 * The fast paths save only the registers they use (t5, t4; the refill also
 * t3, t2) and identify the caller by satp.ASID, exactly as the hardware does.
 * The ASID is trusted (only the kernel and kernel-filled gates write satp),
 * so it needs no bounds check; every gate index is bounds-checked. Loads are
 * scheduled so that no instruction waits for the load right before it,
 * except where noted.
 *
 * Instructions executed, trap entry to sret included, the ecall itself not
 * (docs/performance.md; tests/test_kernel.py checks them on spike):
 *   SYS_CALL   37    SYS_REPLY  21    CLB refill  36
 */
#ifndef MKRV_KERNEL_ENTRY_H
#define MKRV_KERNEL_ENTRY_H

#include "kernel.h"

__asm__(
ASM(    .section .text.kentry, "ax", @progbits)
ASM(    .balign 4)
ASM(    .globl strap_entry)
ASM(strap_entry:)
ASM(    sd      t5, W_T5(zero)          )
ASM(    csrr    t5, scause              )
ASM(    addi    t5, t5, -8              ) /* ecall from U? */
ASM(    bnez    t5, .Lnot_ecall         )
ASM(    addi    t5, a7, -SYS_CALL       )
ASM(    bnez    t5, .Lnot_call          )

/* ---- SYS_CALL: a6 = gate index; t0 becomes the badge ------------------------ */
ASM(    csrr    t5, satp                ) /* the caller's domain, from its ASID */
ASM(    sd      t4, W_T4(zero)          )
ASM(    slli    t5, t5, 4               )
ASM(    srli    t5, t5, 48              )
ASM(    slli    t5, t5, DOM_SHIFT       )
ASM(    lui     t4, PCPU_LUI            )
ASM(    add     t5, t5, t4              ) /* t5 = &domains[asid] */
ASM(    ld      t0, D_NGATES(t5)        )
ASM(    slli    t4, a6, GATE_SHIFT      )
ASM(    bgeu    a6, t0, .Lcall_refused  ) /* no such index */
ASM(    add     t5, t5, t4              ) /* t5 + D_GATES = &gates[a6] */
ASM(    ld      t0, D_GATES + G_PC(t5)  )
ASM(    ld      t4, W_LSP(zero)         )
ASM(    beqz    t0, .Lcall_refused      ) /* no gate at this index */
ASM(    addi    t0, t4, -W_SWLS_END     )
ASM(    bgez    t0, .Lcall_refused      ) /* link stack full */
ASM(    csrr    t0, sepc                ) /* push (return pc, caller satp) */
ASM(    addi    t0, t0, 4               )
ASM(    sd      t0, 0(t4)               )
ASM(    csrr    t0, satp                )
ASM(    sd      t0, 8(t4)               )
ASM(    addi    t4, t4, 16              )
ASM(    sd      t4, W_LSP(zero)         )
ASM(    ld      t0, D_GATES + G_SATP(t5))
ASM(    ld      t4, D_GATES + G_PC(t5)  )
ASM(    csrw    satp, t0                ) /* ASID-tagged: no TLB flush */
ASM(    csrw    sepc, t4                )
ASM(    ld      t0, D_GATES + G_BADGE(t5))
ASM(    ld      t4, W_T4(zero)          )
ASM(    ld      t5, W_T5(zero)          )
ASM(    sret                            )

ASM(.Lcall_refused:                     ) /* the slow path says why */
ASM(    ld      t4, W_T4(zero)          )
ASM(    j       .Lslow                  )

/* ---- SYS_REPLY ------------------------------------------------------------- */
ASM(.Lnot_call:                         ) /* t5 = a7 - SYS_CALL */
ASM(    addi    t5, t5, SYS_CALL - SYS_REPLY)
ASM(    bnez    t5, .Lslow              )
ASM(    ld      t5, W_LSP(zero)         )
ASM(    sd      t4, W_T4(zero)          )
ASM(    ld      t4, W_LSBASE(zero)      )
ASM(    addi    t5, t5, -16             ) /* the top record */
ASM(    bltu    t5, t4, .Lreply_refused ) /* none: nothing to reply to */
ASM(    ld      t4, 0(t5)               ) /* pop (return pc, caller satp) */
ASM(    sd      t5, W_LSP(zero)         )
ASM(    ld      t5, 8(t5)               )
ASM(    csrw    sepc, t4                )
ASM(    csrw    satp, t5                )
ASM(    ld      t4, W_T4(zero)          )
ASM(    ld      t5, W_T5(zero)          )
ASM(    sret                            )

ASM(.Lreply_refused:                    )
ASM(    ld      t4, W_T4(zero)          )
ASM(    j       .Lslow                  )

/* ---- CLB miss: refill from the caller's gate table ----------------------- */
ASM(.Lnot_ecall:                        ) /* t5 = scause - 8 */
#if !defined(NO_XCALL) && !defined(SLOW_REFILL)
ASM(    addi    t5, t5, 8 - CAUSE_CLB_MISS)
ASM(    bnez    t5, .Lslow              )
ASM(    sd      t4, W_T4(zero)          )
ASM(    csrr    t4, satp                )
ASM(    sd      t3, W_T3(zero)          )
ASM(    slli    t4, t4, 4               )
ASM(    srli    t3, t4, 48              ) /* t3 = the caller's ASID */
ASM(    slli    t5, t3, DOM_SHIFT       )
ASM(    lui     t4, PCPU_LUI            )
ASM(    add     t5, t5, t4              ) /* t5 = &domains[asid] */
ASM(    sd      t2, W_T2(zero)          )
ASM(    ld      t2, D_NGATES(t5)        )
ASM(    csrr    t4, stval               ) /* t4 = the gate index */
ASM(    bgeu    t4, t2, .Lrefill_refused)
ASM(    slli    t2, t4, GATE_SHIFT      )
ASM(    add     t5, t5, t2              )
ASM(    ld      t2, D_GATES + G_PC(t5)  )
ASM(    beqz    t2, .Lrefill_refused    ) /* (waits for the load) */
ASM(    csrw    CSR_XGPC, t2            )
ASM(    ld      t2, D_GATES + G_SATP(t5))
ASM(    csrw    CSR_XGSATP, t2          )
ASM(    ld      t2, D_GATES + G_BADGE(t5))
ASM(    csrw    CSR_XGBADGE, t2         )
ASM(    CLB_FILL(t4, t3)                )
ASM(    ld      t2, W_NFILL(zero)       )
ASM(    ld      t3, W_T3(zero)          )
ASM(    addi    t2, t2, 1               )
ASM(    sd      t2, W_NFILL(zero)       )
ASM(    ld      t2, W_T2(zero)          )
ASM(    ld      t4, W_T4(zero)          )
ASM(    ld      t5, W_T5(zero)          )
ASM(    sret                            ) /* to the xcall, which now hits */

ASM(.Lrefill_refused:                   )
ASM(    ld      t2, W_T2(zero)          )
ASM(    ld      t3, W_T3(zero)          )
ASM(    ld      t4, W_T4(zero)          )
#endif

/* ---- Slow path: the user's t5 is in W_T5, every other register is its own --- */
ASM(.Lslow:                             )
ASM(    sd      t6, W_F(31)(zero)       )
ASM(    csrr    t6, sstatus             )
ASM(    andi    t6, t6, SSTATUS_SPP     )
ASM(    bnez    t6, .Lfrom_kernel       )
ASM(    sd      x1, W_F(1)(zero)        )
ASM(    sd      x2, W_F(2)(zero)        )
ASM(    sd      x3, W_F(3)(zero)        )
ASM(    sd      x4, W_F(4)(zero)        )
ASM(    sd      x5, W_F(5)(zero)        )
ASM(    sd      x6, W_F(6)(zero)        )
ASM(    sd      x7, W_F(7)(zero)        )
ASM(    sd      x8, W_F(8)(zero)        )
ASM(    sd      x9, W_F(9)(zero)        )
ASM(    sd      x10, W_F(10)(zero)      )
ASM(    sd      x11, W_F(11)(zero)      )
ASM(    sd      x12, W_F(12)(zero)      )
ASM(    sd      x13, W_F(13)(zero)      )
ASM(    sd      x14, W_F(14)(zero)      )
ASM(    sd      x15, W_F(15)(zero)      )
ASM(    sd      x16, W_F(16)(zero)      )
ASM(    sd      x17, W_F(17)(zero)      )
ASM(    sd      x18, W_F(18)(zero)      )
ASM(    sd      x19, W_F(19)(zero)      )
ASM(    sd      x20, W_F(20)(zero)      )
ASM(    sd      x21, W_F(21)(zero)      )
ASM(    sd      x22, W_F(22)(zero)      )
ASM(    sd      x23, W_F(23)(zero)      )
ASM(    sd      x24, W_F(24)(zero)      )
ASM(    sd      x25, W_F(25)(zero)      )
ASM(    sd      x26, W_F(26)(zero)      )
ASM(    sd      x27, W_F(27)(zero)      )
ASM(    sd      x28, W_F(28)(zero)      )
ASM(    sd      x29, W_F(29)(zero)      )
ASM(    ld      t5, W_T5(zero)          )
ASM(    sd      t5, W_F(30)(zero)       )
ASM(    csrr    t5, sepc                )
ASM(    sd      t5, W_SEPC(zero)        )
ASM(    csrr    t5, scause              )
ASM(    sd      t5, W_SCAUSE(zero)      )
ASM(    csrr    t5, stval               )
ASM(    sd      t5, W_STVAL(zero)       )
ASM(    csrr    t5, sstatus             )
ASM(    sd      t5, W_SSTATUS(zero)     )
ASM(    .option push                    )
ASM(    .option norelax                 )
ASM(    la      gp, __global_pointer$   )
ASM(    .option pop                     )
ASM(    ld      sp, W_KSP(zero)         )
ASM(    la      a0, percpu + P_WIN + WO_FRAME)
ASM(    call    kernel_trap             )
/* Return to the frame. */
ASM(.Lframe_return:                     )
ASM(    ld      t5, W_SEPC(zero)        )
ASM(    csrw    sepc, t5                )
ASM(    ld      t5, W_SSTATUS(zero)     )
ASM(    csrw    sstatus, t5             )
ASM(    ld      x1, W_F(1)(zero)        )
ASM(    ld      x2, W_F(2)(zero)        )
ASM(    ld      x3, W_F(3)(zero)        )
ASM(    ld      x4, W_F(4)(zero)        )
ASM(    ld      x5, W_F(5)(zero)        )
ASM(    ld      x6, W_F(6)(zero)        )
ASM(    ld      x7, W_F(7)(zero)        )
ASM(    ld      x8, W_F(8)(zero)        )
ASM(    ld      x9, W_F(9)(zero)        )
ASM(    ld      x10, W_F(10)(zero)      )
ASM(    ld      x11, W_F(11)(zero)      )
ASM(    ld      x12, W_F(12)(zero)      )
ASM(    ld      x13, W_F(13)(zero)      )
ASM(    ld      x14, W_F(14)(zero)      )
ASM(    ld      x15, W_F(15)(zero)      )
ASM(    ld      x16, W_F(16)(zero)      )
ASM(    ld      x17, W_F(17)(zero)      )
ASM(    ld      x18, W_F(18)(zero)      )
ASM(    ld      x19, W_F(19)(zero)      )
ASM(    ld      x20, W_F(20)(zero)      )
ASM(    ld      x21, W_F(21)(zero)      )
ASM(    ld      x22, W_F(22)(zero)      )
ASM(    ld      x23, W_F(23)(zero)      )
ASM(    ld      x24, W_F(24)(zero)      )
ASM(    ld      x25, W_F(25)(zero)      )
ASM(    ld      x26, W_F(26)(zero)      )
ASM(    ld      x27, W_F(27)(zero)      )
ASM(    ld      x28, W_F(28)(zero)      )
ASM(    ld      x29, W_F(29)(zero)      )
ASM(    ld      x30, W_F(30)(zero)      )
ASM(    ld      x31, W_F(31)(zero)      )
ASM(    sret                            )

/* A trap from S-mode: a kernel bug. Report it on a stack of its own. */
ASM(.Lfrom_kernel:                      )
ASM(    la      sp, kpanic_stack        )
ASM(    addi    sp, sp, 1024            )
ASM(    csrr    a0, scause              )
ASM(    csrr    a1, sepc                )
ASM(    csrr    a2, stval               )
ASM(    call    kernel_panic            )
ASM(1:  j       1b                      )

/* void user_enter(void): save the kernel's callee-saved registers, make the
 * current sp the slow path's stack and return to the user frame.
 * kernel_resume() comes back from here. */
ASM(    .globl  user_enter              )
ASM(user_enter:                         )
ASM(    sd      ra, W_K(0)(zero)        )
ASM(    sd      sp, W_K(1)(zero)        )
ASM(    sd      s0, W_K(2)(zero)        )
ASM(    sd      s1, W_K(3)(zero)        )
ASM(    sd      s2, W_K(4)(zero)        )
ASM(    sd      s3, W_K(5)(zero)        )
ASM(    sd      s4, W_K(6)(zero)        )
ASM(    sd      s5, W_K(7)(zero)        )
ASM(    sd      s6, W_K(8)(zero)        )
ASM(    sd      s7, W_K(9)(zero)        )
ASM(    sd      s8, W_K(10)(zero)       )
ASM(    sd      s9, W_K(11)(zero)       )
ASM(    sd      s10, W_K(12)(zero)      )
ASM(    sd      s11, W_K(13)(zero)      )
ASM(    sd      sp, W_KSP(zero)         )
ASM(    j       .Lframe_return          )

/* void kernel_resume(void): return from user_enter(). */
ASM(    .globl  kernel_resume           )
ASM(kernel_resume:                      )
ASM(    ld      ra, W_K(0)(zero)        )
ASM(    ld      sp, W_K(1)(zero)        )
ASM(    ld      s0, W_K(2)(zero)        )
ASM(    ld      s1, W_K(3)(zero)        )
ASM(    ld      s2, W_K(4)(zero)        )
ASM(    ld      s3, W_K(5)(zero)        )
ASM(    ld      s4, W_K(6)(zero)        )
ASM(    ld      s5, W_K(7)(zero)        )
ASM(    ld      s6, W_K(8)(zero)        )
ASM(    ld      s7, W_K(9)(zero)        )
ASM(    ld      s8, W_K(10)(zero)       )
ASM(    ld      s9, W_K(11)(zero)       )
ASM(    ld      s10, W_K(12)(zero)      )
ASM(    ld      s11, W_K(13)(zero)      )
ASM(    ret                             )
ASM(    .text                           )
);

#endif /* MKRV_KERNEL_ENTRY_H */
