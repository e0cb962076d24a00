/*
 * The S-mode trap vector: the software IPC fast path (SYS_CALL, SYS_REPLY),
 * the CLB-miss fast refill, and the slow path (full register save, then the
 * C handler kernel_trap()). Included once, by core.c.
 *
 * Invariant: sscratch holds &percpu whenever the hart is not inside this
 * vector. The first instruction swaps it with t6, so t6 = &percpu and the
 * user's t6 waits in sscratch; every path swaps back before sret.
 *
 * The fast paths save only what they use (t5, and t2..t4 where needed) in
 * percpu's scratch slots, and identify the caller by satp.ASID, exactly as
 * the hardware does: domains[asid] is at &percpu + PC_DOMS + (asid << 9).
 * The ASID is trusted (only the kernel and kernel-filled gates write satp),
 * so it needs no bounds check. Every gate index is bounds-checked.
 *
 * Instructions executed (counted in docs/performance.md, checked on spike by
 * tests/test_kernel.py):
 *   SYS_CALL   38 (trap entry to sret, both included), ecall not included
 *   SYS_REPLY  23
 *   CLB refill 36
 */
#ifndef MKRV_KERNEL_ENTRY_H
#define MKRV_KERNEL_ENTRY_H

#include "kernel.h"

__asm__(
ASM(    .section .text.kentry, "ax", @progbits)
ASM(    .balign 4)
ASM(    .globl strap_entry)
ASM(strap_entry:)
ASM(    csrrw   t6, sscratch, t6        ) /* t6 = &percpu, sscratch = user t6 */
ASM(    sd      t5, PC_T5(t6)           )
ASM(    csrr    t5, scause              )
ASM(    addi    t5, t5, -8              ) /* ecall from U? */
ASM(    bnez    t5, .Lnot_ecall         )
ASM(    addi    t5, a7, -SYS_CALL       )
ASM(    bnez    t5, .Lnot_call          )

/* ---- SYS_CALL: a6 = gate index -------------------------------------------- */
ASM(    csrr    t5, satp                ) /* the caller's domain, from its ASID */
ASM(    slli    t5, t5, 4               )
ASM(    srli    t5, t5, 48              )
ASM(    slli    t5, t5, DOM_SHIFT       )
ASM(    add     t5, t5, t6              )
ASM(    ld      t0, PC_DOMS + D_NGATES(t5))  /* t0 is the badge's: free */
ASM(    bgeu    a6, t0, .Lslow          ) /* no such index: refused there */
ASM(    slli    t0, a6, GATE_SHIFT      )
ASM(    add     t5, t5, t0              ) /* t5 + PC_DOMS + D_GATES = the gate */
ASM(    ld      t0, PC_DOMS + D_GATES + G_PC(t5))
ASM(    beqz    t0, .Lslow              ) /* no gate at this index */
ASM(    sd      t4, PC_T4(t6)           )
ASM(    ld      t4, PC_LSP(t6)          )
ASM(    ld      t0, PC_LSLIMIT(t6)      )
ASM(    bgeu    t4, t0, .Lcall_overflow )
ASM(    csrr    t0, sepc                ) /* push (return pc, caller satp) */
ASM(    addi    t0, t0, 4               )
ASM(    sd      t0, 0(t4)               )
ASM(    csrr    t0, satp                )
ASM(    sd      t0, 8(t4)               )
ASM(    addi    t4, t4, 16              )
ASM(    sd      t4, PC_LSP(t6)          )
ASM(    ld      t0, PC_DOMS + D_GATES + G_SATP(t5))
ASM(    csrw    satp, t0                ) /* ASID-tagged: no TLB flush */
ASM(    ld      t0, PC_DOMS + D_GATES + G_PC(t5))
ASM(    csrw    sepc, t0                )
ASM(    ld      t0, PC_DOMS + D_GATES + G_BADGE(t5))
ASM(    ld      t4, PC_T4(t6)           )
ASM(    ld      t5, PC_T5(t6)           )
ASM(    csrrw   t6, sscratch, t6        )
ASM(    sret                            )

ASM(.Lcall_overflow:                    )
ASM(    ld      t4, PC_T4(t6)           )
ASM(    j       .Lslow                  ) /* refused there */

/* ---- SYS_REPLY -------------------------------------------------------------- */
ASM(.Lnot_call:                         ) /* t5 = a7 - SYS_CALL */
ASM(    addi    t5, t5, SYS_CALL - SYS_REPLY)
ASM(    bnez    t5, .Lslow              )
ASM(    sd      t4, PC_T4(t6)           )
ASM(    ld      t4, PC_LSP(t6)          )
ASM(    ld      t5, PC_LSBASE(t6)       )
ASM(    bgeu    t5, t4, .Lreply_empty   )
ASM(    addi    t4, t4, -16             ) /* pop (return pc, caller satp) */
ASM(    sd      t4, PC_LSP(t6)          )
ASM(    ld      t5, 0(t4)               )
ASM(    csrw    sepc, t5                )
ASM(    ld      t5, 8(t4)               )
ASM(    csrw    satp, t5                )
ASM(    ld      t4, PC_T4(t6)           )
ASM(    ld      t5, PC_T5(t6)           )
ASM(    csrrw   t6, sscratch, t6        )
ASM(    sret                            )

ASM(.Lreply_empty:                      )
ASM(    ld      t4, PC_T4(t6)           )
ASM(    j       .Lslow                  )

/* ---- CLB miss: refill from the caller's gate table ----------------------- */
ASM(.Lnot_ecall:                        ) /* t5 = scause - 8 */
#if !defined(NO_XCALL) && !defined(SLOW_REFILL)
ASM(    addi    t5, t5, 8 - CAUSE_CLB_MISS)
ASM(    bnez    t5, .Lslow              )
ASM(    sd      t4, PC_T4(t6)           )
ASM(    sd      t3, PC_T3(t6)           )
ASM(    sd      t2, PC_T2(t6)           )
ASM(    csrr    t3, satp                ) /* t3 = the caller's ASID */
ASM(    slli    t3, t3, 4               )
ASM(    srli    t3, t3, 48              )
ASM(    slli    t5, t3, DOM_SHIFT       )
ASM(    add     t5, t5, t6              )
ASM(    csrr    t4, stval               ) /* t4 = the gate index */
ASM(    ld      t2, PC_DOMS + D_NGATES(t5))
ASM(    bgeu    t4, t2, .Lrefill_refuse )
ASM(    slli    t2, t4, GATE_SHIFT      )
ASM(    add     t5, t5, t2              )
ASM(    ld      t2, PC_DOMS + D_GATES + G_PC(t5))
ASM(    beqz    t2, .Lrefill_refuse     )
ASM(    csrw    CSR_XGPC, t2            )
ASM(    ld      t2, PC_DOMS + D_GATES + G_SATP(t5))
ASM(    csrw    CSR_XGSATP, t2          )
ASM(    ld      t2, PC_DOMS + D_GATES + G_BADGE(t5))
ASM(    csrw    CSR_XGBADGE, t2         )
ASM(    CLB_FILL(t4, t3)                )
ASM(    ld      t2, PC_NFILL(t6)        )
ASM(    addi    t2, t2, 1               )
ASM(    sd      t2, PC_NFILL(t6)        )
ASM(    ld      t2, PC_T2(t6)           )
ASM(    ld      t3, PC_T3(t6)           )
ASM(    ld      t4, PC_T4(t6)           )
ASM(    ld      t5, PC_T5(t6)           )
ASM(    csrrw   t6, sscratch, t6        )
ASM(    sret                            ) /* to the xcall, which now hits */

ASM(.Lrefill_refuse:                    )
ASM(    ld      t2, PC_T2(t6)           )
ASM(    ld      t3, PC_T3(t6)           )
ASM(    ld      t4, PC_T4(t6)           )
#endif

/* ---- Slow path: t6 = &percpu, user t5 in PC_T5, user t6 in sscratch ------- */
ASM(.Lslow:                             )
ASM(    csrr    t5, sstatus             )
ASM(    andi    t5, t5, SSTATUS_SPP     )
ASM(    bnez    t5, .Lfrom_kernel       )
ASM(    sd      x1, F_X(1)(t6)          )
ASM(    sd      x2, F_X(2)(t6)          )
ASM(    sd      x3, F_X(3)(t6)          )
ASM(    sd      x4, F_X(4)(t6)          )
ASM(    sd      x5, F_X(5)(t6)          )
ASM(    sd      x6, F_X(6)(t6)          )
ASM(    sd      x7, F_X(7)(t6)          )
ASM(    sd      x8, F_X(8)(t6)          )
ASM(    sd      x9, F_X(9)(t6)          )
ASM(    sd      x10, F_X(10)(t6)        )
ASM(    sd      x11, F_X(11)(t6)        )
ASM(    sd      x12, F_X(12)(t6)        )
ASM(    sd      x13, F_X(13)(t6)        )
ASM(    sd      x14, F_X(14)(t6)        )
ASM(    sd      x15, F_X(15)(t6)        )
ASM(    sd      x16, F_X(16)(t6)        )
ASM(    sd      x17, F_X(17)(t6)        )
ASM(    sd      x18, F_X(18)(t6)        )
ASM(    sd      x19, F_X(19)(t6)        )
ASM(    sd      x20, F_X(20)(t6)        )
ASM(    sd      x21, F_X(21)(t6)        )
ASM(    sd      x22, F_X(22)(t6)        )
ASM(    sd      x23, F_X(23)(t6)        )
ASM(    sd      x24, F_X(24)(t6)        )
ASM(    sd      x25, F_X(25)(t6)        )
ASM(    sd      x26, F_X(26)(t6)        )
ASM(    sd      x27, F_X(27)(t6)        )
ASM(    sd      x28, F_X(28)(t6)        )
ASM(    sd      x29, F_X(29)(t6)        )
ASM(    ld      t5, PC_T5(t6)           )
ASM(    sd      t5, F_X(30)(t6)         )
ASM(    csrr    t5, sscratch            )
ASM(    sd      t5, F_X(31)(t6)         )
ASM(    csrw    sscratch, t6            )
ASM(    csrr    t5, sepc                )
ASM(    sd      t5, F_SEPC(t6)          )
ASM(    csrr    t5, scause              )
ASM(    sd      t5, F_SCAUSE(t6)        )
ASM(    csrr    t5, stval               )
ASM(    sd      t5, F_STVAL(t6)         )
ASM(    csrr    t5, sstatus             )
ASM(    sd      t5, F_SSTATUS(t6)       )
ASM(    .option push                    )
ASM(    .option norelax                 )
ASM(    la      gp, __global_pointer$   )
ASM(    .option pop                     )
ASM(    ld      sp, PC_KSP(t6)          )
ASM(    addi    a0, t6, PC_FRAME        )
ASM(    call    kernel_trap             )
ASM(    csrr    t6, sscratch            )
/* Return to the frame in percpu (t6 = &percpu). */
ASM(.Lframe_return:                     )
ASM(    ld      t5, F_SEPC(t6)          )
ASM(    csrw    sepc, t5                )
ASM(    ld      t5, F_SSTATUS(t6)       )
ASM(    csrw    sstatus, t5             )
ASM(    ld      x1, F_X(1)(t6)          )
ASM(    ld      x2, F_X(2)(t6)          )
ASM(    ld      x3, F_X(3)(t6)          )
ASM(    ld      x4, F_X(4)(t6)          )
ASM(    ld      x5, F_X(5)(t6)          )
ASM(    ld      x6, F_X(6)(t6)          )
ASM(    ld      x7, F_X(7)(t6)          )
ASM(    ld      x8, F_X(8)(t6)          )
ASM(    ld      x9, F_X(9)(t6)          )
ASM(    ld      x10, F_X(10)(t6)        )
ASM(    ld      x11, F_X(11)(t6)        )
ASM(    ld      x12, F_X(12)(t6)        )
ASM(    ld      x13, F_X(13)(t6)        )
ASM(    ld      x14, F_X(14)(t6)        )
ASM(    ld      x15, F_X(15)(t6)        )
ASM(    ld      x16, F_X(16)(t6)        )
ASM(    ld      x17, F_X(17)(t6)        )
ASM(    ld      x18, F_X(18)(t6)        )
ASM(    ld      x19, F_X(19)(t6)        )
ASM(    ld      x20, F_X(20)(t6)        )
ASM(    ld      x21, F_X(21)(t6)        )
ASM(    ld      x22, F_X(22)(t6)        )
ASM(    ld      x23, F_X(23)(t6)        )
ASM(    ld      x24, F_X(24)(t6)        )
ASM(    ld      x25, F_X(25)(t6)        )
ASM(    ld      x26, F_X(26)(t6)        )
ASM(    ld      x27, F_X(27)(t6)        )
ASM(    ld      x28, F_X(28)(t6)        )
ASM(    ld      x29, F_X(29)(t6)        )
ASM(    ld      x30, F_X(30)(t6)        )
ASM(    ld      x31, F_X(31)(t6)        )
ASM(    sret                            )

/* A trap from S-mode: a kernel bug. Report it on a stack of its own. */
ASM(.Lfrom_kernel:                      )
ASM(    csrrw   t6, sscratch, t6        ) /* sscratch = &percpu again */
ASM(    la      sp, kpanic_stack        )
ASM(    addi    sp, sp, 1024            )
ASM(    csrr    a0, scause              )
ASM(    csrr    a1, sepc                )
ASM(    csrr    a2, stval               )
ASM(    call    kernel_panic            )
ASM(1:  j       1b                      )

/* void user_enter(struct percpu *pc): save the kernel's callee-saved
 * registers, make the current sp the slow path's stack and return to the
 * user frame. kernel_resume() comes back from here. */
ASM(    .globl  user_enter              )
ASM(user_enter:                         )
ASM(    sd      ra, K_RA(a0)            )
ASM(    sd      sp, K_SP(a0)            )
ASM(    sd      s0, K_S(0)(a0)          )
ASM(    sd      s1, K_S(1)(a0)          )
ASM(    sd      s2, K_S(2)(a0)          )
ASM(    sd      s3, K_S(3)(a0)          )
ASM(    sd      s4, K_S(4)(a0)          )
ASM(    sd      s5, K_S(5)(a0)          )
ASM(    sd      s6, K_S(6)(a0)          )
ASM(    sd      s7, K_S(7)(a0)          )
ASM(    sd      s8, K_S(8)(a0)          )
ASM(    sd      s9, K_S(9)(a0)          )
ASM(    sd      s10, K_S(10)(a0)        )
ASM(    sd      s11, K_S(11)(a0)        )
ASM(    sd      sp, PC_KSP(a0)          )
ASM(    mv      t6, a0                  )
ASM(    j       .Lframe_return          )

/* void kernel_resume(struct percpu *pc): return from user_enter(). */
ASM(    .globl  kernel_resume           )
ASM(kernel_resume:                      )
ASM(    ld      ra, K_RA(a0)            )
ASM(    ld      sp, K_SP(a0)            )
ASM(    ld      s0, K_S(0)(a0)          )
ASM(    ld      s1, K_S(1)(a0)          )
ASM(    ld      s2, K_S(2)(a0)          )
ASM(    ld      s3, K_S(3)(a0)          )
ASM(    ld      s4, K_S(4)(a0)          )
ASM(    ld      s5, K_S(5)(a0)          )
ASM(    ld      s6, K_S(6)(a0)          )
ASM(    ld      s7, K_S(7)(a0)          )
ASM(    ld      s8, K_S(8)(a0)          )
ASM(    ld      s9, K_S(9)(a0)          )
ASM(    ld      s10, K_S(10)(a0)        )
ASM(    ld      s11, K_S(11)(a0)        )
ASM(    ret                             )
ASM(    .text                           )
);

#endif /* MKRV_KERNEL_ENTRY_H */
