/* mkrv_test.h - M/S/U test environment of the mkrv privileged-architecture
 * assembly test suite (tests/asm_priv).
 *
 * Written for mkrv from the RISC-V privileged specification (1.12). It extends
 * the machine-mode environment of tests/asm/env/mkrv_test.h (same layout, same
 * reporting, same register conventions) with a supervisor trap vector, mode
 * switches and trap recording at both M and S level. A test file looks like:
 *
 *     #include "mkrv_test.h"
 *     #include "test_macros.h"      (tests/asm/env: TEST_CASE, CHECK_REG, ...)
 *     RVTEST_RV64M
 *     RVTEST_CODE_BEGIN
 *       TEST_TRAP_M(2, PRV_U, CAUSE_BREAKPOINT, ebreak)
 *       ...
 *     TEST_PASSFAIL
 *     RVTEST_CODE_END
 *     RVTEST_DATA_BEGIN
 *     RVTEST_DATA_END
 *
 * The test starts in M-mode with mtvec = mkrv_trap_vector, stvec =
 * mkrv_strap_vector (both direct mode), satp = 0 (Bare), medeleg = mideleg = 0,
 * mie = mip = 0, mcounteren = scounteren = 0, mstatus = MPP=M only, the CLINT
 * quiet (mtimecmp = -1, msip = 0).
 *
 * Reporting (the riscv-tests / HTIF convention, as tests/asm):
 *   pass: the 64-bit value 1 is stored to `tohost`;
 *   fail: (n << 1) | 1 is stored, n = the failing test number (TESTNUM, gp),
 *         1..1023; n = 1023 if TESTNUM was 0.
 *   An *unexpected* trap fails with n = TESTNUM | ((code + 1) << 10), where
 *   code = cause[4:0] | 0x20 (if an interrupt) | 0x40 (if taken by the S-mode
 *   vector, i.e. delegated). So n >> 10 != 0 means "unexpected trap":
 *   code = (n >> 10) - 1, during test n & 1023. Its cause/epc/tval are also
 *   saved at `mkrv_trap_info`.
 *
 * Registers: gp (TESTNUM) belongs to the environment; the trap vectors and
 * hooks clobber t5 and t6 only. The mode-switch macros clobber t0 (ENTER_*)
 * and a6, a7 (RETURN_M). Everything else is preserved across traps.
 *
 * Modes. ENTER_U(label) / ENTER_S(label) / ENTER_M(label) (in M-mode) mret to
 * `label` in that mode (mepc = label, MPP = mode; the other mstatus bits are
 * kept, so MIE = MPIE and MPIE = 1 afterwards). ENTER_U_VM(label) enters U-mode
 * at the user alias of `label` (see mkrv_vm.h: under the standard page tables
 * the whole image is mapped for U at VA = PA + 0x4000_0000).
 * RETURN_M (in any mode) continues at the next instruction in M-mode: it loads
 * a7 = MKRV_ESCAPE and a6 = the physical address of the next instruction and
 * executes ecall. The M vector, on any exception with a7 == MKRV_ESCAPE, sets
 * mepc = a6, MPP = M, a7 = 0 and mrets (nothing is recorded). The S vector (ecall
 * delegated) forwards it to M with an ecall from S; if that is delegated too
 * (medeleg[9]), with an illegal instruction (.word 0); if delegated, with an
 * ebreak; if delegated, with an M-mode software interrupt (it sets the CLINT
 * msip: this last resort needs mie.MSIE = 1, see ESCAPE_IRQ_ON, and the
 * CLINT reachable from S; the M vector clears msip).
 *
 * Traps. Each vector jumps to its hook, the dword `mkrv_trap_hook` (M) or
 * `mkrv_strap_hook` (S), if non-zero, else reports an unexpected trap. The
 * hooks start as the weak symbols `mtvec_handler` / `stvec_handler`.
 * TRAP_CATCH_ON installs the recording hooks at both levels and clears both
 * records; TRAP_CATCH_OFF removes both hooks. A recording hook stores
 * cause, epc, tval and the status register (mstatus / sstatus as read on
 * entry, i.e. after the trap updated it), counts the trap, logs its cause in a
 * 16-entry byte log (cause, or 0x80 | code for an interrupt) and in a common
 * log of both levels (mkrv_trap_seq: the same byte | 0x40 for S), then resumes:
 *   - at the address set by TRAP_RESUME_AT / STRAP_RESUME_AT (used once), and
 *     in the mode set by the *_RESUME_MODE_AT macros (default: the trapping
 *     mode); the S hook resumes in M-mode (STRAP_RESUME_M_AT) with RETURN_M's
 *     escape, so it clobbers a6 and a7 then;
 *   - else, for an exception, at epc + 4 in the trapping mode;
 *   - else (an interrupt) at epc.
 * For an interrupt, the hook also clears that interrupt's enable bit in mie
 * (M hook) or sie (S hook), so that it is not taken again.
 */
#ifndef MKRV_TEST_H
#define MKRV_TEST_H

#define TESTNUM gp

#include "mkrv_defs.h"

/* ----- Header macros ---------------------------------------------------------------- */
#define RVTEST_RV64M
#define RVTEST_RV64U
#define RVTEST_RV64S

/* Trap-record layout (the same for the M and the S record). */
#define TRAP_REC_CAUSE   0
#define TRAP_REC_EPC     8
#define TRAP_REC_TVAL    16
#define TRAP_REC_COUNT   24
#define TRAP_REC_RESUME  32
#define TRAP_REC_RMODE   40   /* 0: keep the mode, else mode + 1 */
#define TRAP_REC_STATUS  48
#define TRAP_REC_LOG     56   /* 16 bytes */
#define TRAP_REC_SIZE    72
/* the names of tests/asm */
#define TRAP_REC_MCAUSE  TRAP_REC_CAUSE
#define TRAP_REC_MEPC    TRAP_REC_EPC
#define TRAP_REC_MTVAL   TRAP_REC_TVAL

/* Recording hook, first part: record the trap (x = m or s); level = 0 for
 * M, 0x40 for S (in the common sequence log). */
#define MKRV_CATCH_RECORD(rec, cause, epc, tval, status, level)             \
        la t5, mkrv_trap_seq;                                               \
        ld t6, 0(t5);                                                       \
        addi t6, t6, 1;                                                     \
        sd t6, 0(t5);                                                       \
        addi t6, t6, -1;                                                    \
        andi t6, t6, 15;                                                    \
        add t6, t6, t5;                                                     \
        csrr t5, cause;                                                     \
        bgez t5, 1f;                                                        \
        andi t5, t5, 0x3f;                                                  \
        ori t5, t5, 0x80;                                                   \
1:      ori t5, t5, level;                                                  \
        sb t5, 8(t6);                                                       \
        la t5, rec;                                                         \
        csrr t6, cause;   sd t6, TRAP_REC_CAUSE(t5);                        \
        csrr t6, epc;     sd t6, TRAP_REC_EPC(t5);                          \
        csrr t6, tval;    sd t6, TRAP_REC_TVAL(t5);                         \
        csrr t6, status;  sd t6, TRAP_REC_STATUS(t5);                       \
        ld t6, TRAP_REC_COUNT(t5);                                          \
        addi t6, t6, 1;                                                     \
        sd t6, TRAP_REC_COUNT(t5);                                          \
        addi t6, t6, -1;                                                    \
        andi t6, t6, 15;                                                    \
        add t6, t6, t5;                                                     \
        csrr t5, cause;                                                     \
        bgez t5, 1f;                                                        \
        andi t5, t5, 0x3f;                                                  \
        ori t5, t5, 0x80;                                                   \
1:      sb t5, TRAP_REC_LOG(t6);

/* Recording hook, second part: resume (see the header comment). */
#define MKRV_CATCH_RESUME(rec, cause, epc, status, ie, PPMASK, PPSHIFT, xret) \
        la t5, rec;                                                         \
        ld t6, TRAP_REC_RMODE(t5);                                          \
        beqz t6, 3f;                                                        \
        sd zero, TRAP_REC_RMODE(t5);                                        \
        addi t6, t6, -1;                                                    \
        slli t6, t6, PPSHIFT;                                               \
        li t5, PPMASK;                                                      \
        csrc status, t5;                                                    \
        csrs status, t6;                                                    \
        la t5, rec;                                                         \
3:      csrr t6, cause;                                                     \
        bgez t6, 4f;                                                        \
        andi t6, t6, 0x3f;                                                  \
        li t5, 1;                                                           \
        sll t5, t5, t6;                                                     \
        csrc ie, t5;                                                        \
4:      la t5, rec;                                                         \
        ld t6, TRAP_REC_RESUME(t5);                                         \
        sd zero, TRAP_REC_RESUME(t5);                                       \
        bnez t6, 2f;                                                        \
        csrr t6, epc;                                                       \
        csrr t5, cause;                                                     \
        bltz t5, 2f;                                                        \
        addi t6, t6, 4;                                                     \
2:      csrw epc, t6;                                                       \
        xret;

#define RVTEST_CODE_BEGIN                                                   \
        .section .text.init, "ax", @progbits;                               \
        .option norvc;                                                      \
        .option norelax;                                                    \
        .align 6;                                                           \
        .weak mtvec_handler;                                                \
        .weak stvec_handler;                                                \
        .globl _start;                                                      \
_start:                                                                     \
        j mkrv_reset;                                                       \
                                                                            \
        /* M-mode trap vector */                                            \
        .align 6;                                                           \
        .globl mkrv_trap_vector;                                            \
mkrv_trap_vector:                                                           \
        li t5, MKRV_ESCAPE;                                                 \
        bne a7, t5, 1f;                                                     \
        csrr t5, mcause;                                                    \
        bgez t5, 2f;                                                        \
        slli t5, t5, 1;                                                     \
        li t6, IRQ_M_SOFT << 1;                                             \
        bne t5, t6, 1f;                                                     \
        li t5, CLINT_MSIP;                                                  \
        sw zero, 0(t5);                                                     \
2:      csrw mepc, a6;                                                      \
        li t5, MSTATUS_MPP;                                                 \
        csrs mstatus, t5;                                                   \
        li a7, 0;                                                           \
        mret;                                                               \
1:      la t5, mkrv_trap_hook;                                              \
        ld t5, 0(t5);                                                       \
        beqz t5, mkrv_unexpected_trap;                                      \
        jr t5;                                                              \
mkrv_unexpected_trap:                                                       \
        MKRV_UNEXPECTED(mcause, mepc, mtval, 0)                             \
                                                                            \
        /* S-mode trap vector */                                            \
        .align 6;                                                           \
        .globl mkrv_strap_vector;                                           \
mkrv_strap_vector:                                                          \
        li t5, MKRV_ESCAPE;                                                 \
        bne a7, t5, 1f;                                                     \
        csrr t5, scause;                                                    \
        bltz t5, 1f;                                                        \
        /* forward RETURN_M to M: an ecall from S, else (if that was        \
           delegated too) an illegal instruction, else an ebreak, else an   \
           M software interrupt (needs mie.MSIE, see ESCAPE_IRQ_ON) */       \
        csrr t5, sepc;                                                      \
        la t6, mkrv_strap_fwd1;                                             \
        beq t5, t6, mkrv_strap_fwd2;                                        \
        la t6, mkrv_strap_fwd2;                                             \
        beq t5, t6, mkrv_strap_fwd3;                                        \
        la t6, mkrv_strap_fwd3;                                             \
        beq t5, t6, mkrv_strap_fwd4;                                        \
mkrv_strap_fwd1:                                                            \
        ecall;                                                              \
mkrv_strap_fwd2:                                                            \
        .word 0;                                                            \
mkrv_strap_fwd3:                                                            \
        ebreak;                                                             \
mkrv_strap_fwd4:                                                            \
        li t5, CLINT_MSIP;                                                  \
        li t6, 1;                                                           \
        sw t6, 0(t5);                                                       \
        li t5, 1000;                                                        \
3:      addi t5, t5, -1;                                                    \
        bnez t5, 3b;                                                        \
        j mkrv_unexpected_strap;                                            \
1:      la t5, mkrv_strap_hook;                                             \
        ld t5, 0(t5);                                                       \
        beqz t5, mkrv_unexpected_strap;                                     \
        jr t5;                                                              \
mkrv_unexpected_strap:                                                      \
        MKRV_UNEXPECTED(scause, sepc, stval, 0x40)                          \
                                                                            \
        /* Stock recording hooks */                                         \
        .align 2;                                                           \
        .globl mkrv_catch_trap;                                             \
mkrv_catch_trap:                                                            \
        MKRV_CATCH_RECORD(mkrv_trap_rec, mcause, mepc, mtval, mstatus, 0)   \
        MKRV_CATCH_RESUME(mkrv_trap_rec, mcause, mepc, mstatus, mie,        \
                          MSTATUS_MPP, 11, mret)                            \
        .globl mkrv_catch_strap;                                            \
mkrv_catch_strap:                                                           \
        MKRV_CATCH_RECORD(mkrv_strap_rec, scause, sepc, stval, sstatus, 0x40) \
        /* resume mode M: through RETURN_M's escape (clobbers a6, a7) */    \
        la t5, mkrv_strap_rec;                                              \
        ld t6, TRAP_REC_RMODE(t5);                                          \
        addi t6, t6, -(PRV_M + 1);                                          \
        bnez t6, 1f;                                                        \
        sd zero, TRAP_REC_RMODE(t5);                                        \
        ld a6, TRAP_REC_RESUME(t5);                                         \
        sd zero, TRAP_REC_RESUME(t5);                                       \
        li a7, MKRV_ESCAPE;                                                 \
        ecall;                                                              \
1:      MKRV_CATCH_RESUME(mkrv_strap_rec, scause, sepc, sstatus, sie,       \
                          SSTATUS_SPP, 8, sret)                             \
                                                                            \
mkrv_pass:                                                                  \
        fence;                                                              \
        li t6, 1;                                                           \
        j mkrv_write_tohost;                                                \
mkrv_fail:                                                                  \
        fence;                                                              \
        bnez TESTNUM, 1f;                                                   \
        li TESTNUM, 1023;                                                   \
1:      slli t6, TESTNUM, 1;                                                \
        ori t6, t6, 1;                                                      \
mkrv_write_tohost:                                                          \
        la t5, tohost;                                                      \
        sd t6, 0(t5);                                                       \
        j mkrv_write_tohost;                                                \
                                                                            \
mkrv_reset:                                                                 \
        MKRV_INIT_XREG                                                      \
        la t0, mkrv_trap_vector;                                            \
        csrw mtvec, t0;                                                     \
        la t0, mkrv_strap_vector;                                           \
        csrw stvec, t0;                                                     \
        csrwi mie, 0;                                                       \
        csrw satp, zero;                                                    \
        csrw medeleg, zero;                                                 \
        csrw mideleg, zero;                                                 \
        csrw mcounteren, zero;                                              \
        csrw scounteren, zero;                                              \
        csrw mscratch, zero;                                                \
        csrw sscratch, zero;                                                \
        li t0, MSTATUS_MPP;                                                 \
        csrw mstatus, t0;                                                   \
        CLINT_QUIET                                                         \
        csrw mip, zero;                                                     \
        sfence.vma;                                                         \
        li t0, 0;                                                           \
        li t1, 0;                                                           \
        li TESTNUM, 0;                                                      \
        .globl mkrv_test_begin;                                             \
mkrv_test_begin:

#define RVTEST_CODE_END                                                     \
        .globl mkrv_test_end;                                               \
mkrv_test_end:                                                              \
        RVTEST_FAIL

/* (through a register: a test may be longer than a jal can reach) */
#define RVTEST_PASS   la t6, mkrv_pass; jr t6;
#define RVTEST_FAIL   la t6, mkrv_fail; jr t6;

/* The end of every test file's code: pass if at least one test ran. The label
 * `fail` is the target of every check. */
#define TEST_PASSFAIL                                                       \
        bne x0, TESTNUM, pass;                                              \
fail:                                                                       \
        RVTEST_FAIL                                                         \
pass:                                                                       \
        RVTEST_PASS

/* ----- Data ------------------------------------------------------------------------- */
#define RVTEST_DATA_BEGIN                                                   \
        .pushsection .tohost, "aw", @progbits;                              \
        .align 6; .globl tohost;   tohost:   .dword 0; .size tohost, 8;     \
        .align 6; .globl fromhost; fromhost: .dword 0; .size fromhost, 8;   \
        .align 6;                                                           \
        .popsection;                                                        \
        .pushsection .data.mkrv_env, "aw", @progbits;                       \
        .align 3;                                                           \
        .globl mkrv_trap_hook;                                              \
mkrv_trap_hook:  .dword mtvec_handler;                                      \
        .globl mkrv_strap_hook;                                             \
mkrv_strap_hook: .dword stvec_handler;                                      \
        .globl mkrv_trap_rec;                                               \
mkrv_trap_rec:   .fill TRAP_REC_SIZE / 8, 8, 0;                             \
        .globl mkrv_strap_rec;                                              \
mkrv_strap_rec:  .fill TRAP_REC_SIZE / 8, 8, 0;                             \
        .globl mkrv_trap_seq;                                               \
mkrv_trap_seq:   .dword 0, 0, 0;       /* count, 16 bytes of log */         \
        .globl mkrv_trap_info;                                              \
mkrv_trap_info:  .dword 0, 0, 0;       /* the last unexpected trap */       \
        .popsection;                                                        \
        .data;                                                              \
        .align 4;                                                           \
        .globl begin_signature;                                             \
begin_signature:

#define RVTEST_DATA_END                                                     \
        .align 4;                                                           \
        .globl end_signature;                                               \
end_signature:

/* ----- Mode switches ---------------------------------------------------------------- */

/* From M-mode: mret to `target` (an address expression) in `mode`
 * (clobbers t0). */
#define ENTER_MODE(mode, target)                                            \
        li t0, MSTATUS_MPP;                                                 \
        csrc mstatus, t0;                                                   \
        li t0, ((mode) & 3) << 11;                                          \
        csrs mstatus, t0;                                                   \
        la t0, target;                                                      \
        csrw mepc, t0;                                                      \
        mret;

#define ENTER_U(label)    ENTER_MODE(PRV_U, label)
#define ENTER_S(label)    ENTER_MODE(PRV_S, label)
#define ENTER_M(label)    ENTER_MODE(PRV_M, label)

/* The user alias of an image address under the standard page tables of
 * mkrv_vm.h (VA 0xC000_0000.. maps PA 0x8000_0000.. with U = 1). */
#define U_ALIAS_OFS       0x40000000
#define UVA(addr)         ((addr) + U_ALIAS_OFS)
#define ENTER_U_VM(label) ENTER_MODE(PRV_U, UVA(label))

/* From any mode: continue at the next instruction in M-mode (clobbers a6, a7;
 * see the header comment). */
#define RETURN_M                                                            \
        li a7, MKRV_ESCAPE;                                                 \
        ld a6, 57f;                                                         \
        ecall;                                                              \
        la t6, mkrv_fail;                                                   \
        jr t6;                                                              \
        .balign 8;                                                          \
57:     .dword 58f;                                                         \
58:     li a7, 0;

/* Arm the last resort of RETURN_M (for tests that delegate ecall, illegal
 * instruction and breakpoint all at once): mie.MSIE = 1. */
#define ESCAPE_IRQ_ON   csrsi mie, MIP_MSIP;
#define ESCAPE_IRQ_OFF  csrci mie, MIP_MSIP;

/* ----- Trap hooks and records ------------------------------------------------------- */

/* Install `label` as the M / S trap hook (clobbers t5, t6). */
#define TRAP_HOOK_SET(label)                                                \
        la t5, label;                                                       \
        la t6, mkrv_trap_hook;                                              \
        sd t5, 0(t6);
#define STRAP_HOOK_SET(label)                                               \
        la t5, label;                                                       \
        la t6, mkrv_strap_hook;                                             \
        sd t5, 0(t6);

/* No hook: every trap is unexpected (clobbers t6). */
#define TRAP_HOOK_CLEAR                                                     \
        la t6, mkrv_trap_hook;                                              \
        sd zero, 0(t6);
#define STRAP_HOOK_CLEAR                                                    \
        la t6, mkrv_strap_hook;                                             \
        sd zero, 0(t6);

#define MKRV_REC_CLEAR(rec)                                                 \
        la t6, rec;                                                         \
        sd zero, 0(t6);  sd zero, 8(t6);  sd zero, 16(t6);                  \
        sd zero, 24(t6); sd zero, 32(t6); sd zero, 40(t6);                  \
        sd zero, 48(t6); sd zero, 56(t6); sd zero, 64(t6);

/* Clear both records and install both recording hooks (clobbers t5, t6). */
#define TRAP_CATCH_ON                                                       \
        MKRV_REC_CLEAR(mkrv_trap_rec)                                       \
        MKRV_REC_CLEAR(mkrv_strap_rec)                                      \
        la t6, mkrv_trap_seq; sd zero, 0(t6); sd zero, 8(t6); sd zero, 16(t6); \
        TRAP_HOOK_SET(mkrv_catch_trap)                                      \
        STRAP_HOOK_SET(mkrv_catch_strap)

#define TRAP_CATCH_OFF  TRAP_HOOK_CLEAR STRAP_HOOK_CLEAR

/* The next trap caught by the M / S recording hook resumes at `target` (an
 * address expression, as seen by the trapping mode), in the trapping mode or
 * in `mode` (clobbers t5, t6). */
#define TRAP_RESUME_AT(target)                                              \
        la t5, target;                                                      \
        la t6, mkrv_trap_rec;                                               \
        sd t5, TRAP_REC_RESUME(t6);
#define TRAP_RESUME_MODE_AT(mode, target)                                   \
        TRAP_RESUME_AT(target)                                              \
        li t5, (mode) + 1;                                                  \
        sd t5, TRAP_REC_RMODE(t6);
#define TRAP_RESUME_M_AT(label)  TRAP_RESUME_MODE_AT(PRV_M, label)
#define STRAP_RESUME_AT(target)                                             \
        la t5, target;                                                      \
        la t6, mkrv_strap_rec;                                              \
        sd t5, TRAP_REC_RESUME(t6);
#define STRAP_RESUME_MODE_AT(mode, target)                                  \
        STRAP_RESUME_AT(target)                                             \
        li t5, (mode) + 1;                                                  \
        sd t5, TRAP_REC_RMODE(t6);
/* The S hook continues at `label` (physical) in M-mode, through RETURN_M's
 * escape (no xret: works when sret would trap, e.g. with TSR = 1). */
#define STRAP_RESUME_M_AT(label)  STRAP_RESUME_MODE_AT(PRV_M, label)

/* Load a field of the M / S trap record into reg (clobbers t6 unless reg is t6). */
#define TRAP_REC_LOAD(reg, field)                                           \
        la t6, mkrv_trap_rec;                                               \
        ld reg, field(t6);
#define STRAP_REC_LOAD(reg, field)                                          \
        la t6, mkrv_strap_rec;                                              \
        ld reg, field(t6);

/* Checks of the records; each branches to `fail` on a mismatch and clobbers
 * t5 and t6. */
#define CHECK_TRAP_COUNT(n)                                                 \
        TRAP_REC_LOAD(t6, TRAP_REC_COUNT) li t5, n; bne t5, t6, fail;
#define CHECK_TRAP_CAUSE(cause)                                             \
        TRAP_REC_LOAD(t6, TRAP_REC_CAUSE) li t5, cause; bne t5, t6, fail;
#define CHECK_TRAP_EPC(target)                                              \
        TRAP_REC_LOAD(t6, TRAP_REC_EPC) la t5, target; bne t5, t6, fail;
#define CHECK_TRAP_EPC_REG(reg)                                             \
        TRAP_REC_LOAD(t6, TRAP_REC_EPC) bne reg, t6, fail;
#define CHECK_TRAP_TVAL(value)                                              \
        TRAP_REC_LOAD(t6, TRAP_REC_TVAL) li t5, value; bne t5, t6, fail;
#define CHECK_TRAP_TVAL_LABEL(target)                                       \
        TRAP_REC_LOAD(t6, TRAP_REC_TVAL) la t5, target; bne t5, t6, fail;
#define CHECK_TRAP_TVAL_REG(reg)                                            \
        TRAP_REC_LOAD(t6, TRAP_REC_TVAL) bne reg, t6, fail;
/* (recorded mstatus & mask) == value */
#define CHECK_TRAP_STATUS(mask, value)                                      \
        TRAP_REC_LOAD(t6, TRAP_REC_STATUS) li t5, mask; and t6, t6, t5;     \
        li t5, value; bne t5, t6, fail;
#define CHECK_TRAP_MPP(mode)  CHECK_TRAP_STATUS(MSTATUS_MPP, (mode) << 11)
/* The i-th logged cause byte (0x80 | code for an interrupt). */
#define CHECK_TRAP_LOG(i, byte)                                             \
        la t6, mkrv_trap_rec; lbu t6, (TRAP_REC_LOG + (i))(t6);             \
        li t5, byte; bne t5, t6, fail;

#define CHECK_STRAP_COUNT(n)                                                \
        STRAP_REC_LOAD(t6, TRAP_REC_COUNT) li t5, n; bne t5, t6, fail;
#define CHECK_STRAP_CAUSE(cause)                                            \
        STRAP_REC_LOAD(t6, TRAP_REC_CAUSE) li t5, cause; bne t5, t6, fail;
#define CHECK_STRAP_EPC(target)                                             \
        STRAP_REC_LOAD(t6, TRAP_REC_EPC) la t5, target; bne t5, t6, fail;
#define CHECK_STRAP_EPC_REG(reg)                                            \
        STRAP_REC_LOAD(t6, TRAP_REC_EPC) bne reg, t6, fail;
#define CHECK_STRAP_TVAL(value)                                             \
        STRAP_REC_LOAD(t6, TRAP_REC_TVAL) li t5, value; bne t5, t6, fail;
#define CHECK_STRAP_TVAL_LABEL(target)                                      \
        STRAP_REC_LOAD(t6, TRAP_REC_TVAL) la t5, target; bne t5, t6, fail;
#define CHECK_STRAP_TVAL_REG(reg)                                           \
        STRAP_REC_LOAD(t6, TRAP_REC_TVAL) bne reg, t6, fail;
#define CHECK_STRAP_STATUS(mask, value)                                     \
        STRAP_REC_LOAD(t6, TRAP_REC_STATUS) li t5, mask; and t6, t6, t5;    \
        li t5, value; bne t5, t6, fail;
#define CHECK_STRAP_SPP(mode) CHECK_STRAP_STATUS(SSTATUS_SPP, (mode) << 8)
#define CHECK_STRAP_LOG(i, byte)                                            \
        la t6, mkrv_strap_rec; lbu t6, (TRAP_REC_LOG + (i))(t6);            \
        li t5, byte; bne t5, t6, fail;

/* The i-th trap caught at either level, in order: its cause byte, | 0x40 if
 * it was taken into S. */
#define SEQ_S  0x40
#define CHECK_TRAP_SEQ(i, byte)                                             \
        la t6, mkrv_trap_seq; lbu t6, (8 + (i))(t6);                        \
        li t5, byte; bne t5, t6, fail;
#define CHECK_TRAP_SEQ_COUNT(n)                                             \
        la t6, mkrv_trap_seq; ld t6, 0(t6); li t5, n; bne t5, t6, fail;

/* Exactly one trap, taken into M (none into S) / into S (none into M). */
#define CHECK_ONE_TRAP_M(cause, epc_target)                                 \
        CHECK_TRAP_COUNT(1) CHECK_STRAP_COUNT(0)                            \
        CHECK_TRAP_CAUSE(cause) CHECK_TRAP_EPC(epc_target)
#define CHECK_ONE_TRAP_S(cause, epc_target)                                 \
        CHECK_TRAP_COUNT(0) CHECK_STRAP_COUNT(1)                            \
        CHECK_STRAP_CAUSE(cause) CHECK_STRAP_EPC(epc_target)
#define CHECK_NO_TRAP   CHECK_TRAP_COUNT(0) CHECK_STRAP_COUNT(0)

/* ----- One-instruction trap tests --------------------------------------------------- */
/* Run `insn` in `mode` (entered at `ofs` from the physical address: 0, or
 * U_ALIAS_OFS for U-mode under the standard page tables), then come back to M.
 * The label 55 is on insn. */
#define RUN_IN_MODE(mode, ofs, insn...)                                     \
        TRAP_CATCH_ON                                                       \
        ENTER_MODE(mode, 54f + (ofs))                                       \
54:                                                                         \
55:     insn;                                                               \
        RETURN_M                                                            \
        TRAP_CATCH_OFF

/* `insn`, run in `mode` (Bare), must trap once into M with mcause = cause,
 * mepc = its address and MPP = mode; it resumes after insn. Check mtval
 * afterwards with CHECK_TRAP_TVAL*. */
#define TEST_TRAP_M(testnum, mode, cause, insn...)                          \
        li TESTNUM, testnum;                                                \
        RUN_IN_MODE(mode, 0, insn)                                          \
        CHECK_ONE_TRAP_M(cause, 55b)                                        \
        CHECK_TRAP_MPP(mode)

/* The same, taken into S (delegated): scause, sepc, SPP = mode. */
#define TEST_TRAP_S(testnum, mode, cause, insn...)                          \
        li TESTNUM, testnum;                                                \
        RUN_IN_MODE(mode, 0, insn)                                          \
        CHECK_ONE_TRAP_S(cause, 55b)                                        \
        CHECK_STRAP_SPP(mode)

/* `insn`, run in `mode`, must not trap. */
#define TEST_NO_TRAP_IN(testnum, mode, insn...)                             \
        li TESTNUM, testnum;                                                \
        RUN_IN_MODE(mode, 0, insn)                                          \
        CHECK_NO_TRAP

/* ----- CLINT ------------------------------------------------------------------------ */
/* No timer interrupt pending (mtimecmp = all ones), no software interrupt
 * (clobbers t0, t1). */
#define CLINT_QUIET                                                         \
        li t0, CLINT_MTIMECMP; li t1, -1; sd t1, 0(t0);                     \
        li t0, CLINT_MSIP; sw zero, 0(t0);

/* mtimecmp = mtime + delta (clobbers t0, t1). */
#define TIMER_IN(delta)                                                     \
        li t0, CLINT_MTIME; ld t1, 0(t0);                                   \
        addi t1, t1, delta;                                                 \
        li t0, CLINT_MTIMECMP; sd t1, 0(t0);
#define TIMER_NOW      li t0, CLINT_MTIMECMP; sd zero, 0(t0);
#define TIMER_OFF      li t0, CLINT_MTIMECMP; li t1, -1; sd t1, 0(t0);
#define MSIP_SET       li t0, CLINT_MSIP; li t1, 1; sw t1, 0(t0);
#define MSIP_CLEAR     li t0, CLINT_MSIP; sw zero, 0(t0);

#endif /* MKRV_TEST_H */
