/* mkrv_test.h - machine-mode test environment for the mkrv assembly test suite.
 *
 * Written for mkrv from the RISC-V unprivileged (20191213) and privileged (1.12)
 * specifications. The hart has M, S and U modes (misa "AIMSU", Sv39); every test
 * starts and normally runs in machine mode. A test file looks like:
 *
 *     #include "mkrv_test.h"
 *     #include "test_macros.h"
 *     RVTEST_RV64M
 *     RVTEST_CODE_BEGIN
 *       TEST_RR_OP(2, add, 3, 1, 2)
 *       ...
 *     TEST_PASSFAIL
 *     RVTEST_CODE_END
 *     RVTEST_DATA_BEGIN
 *       ...
 *     RVTEST_DATA_END
 *
 * Reporting (the riscv-tests / HTIF convention):
 *   pass: the 64-bit value 1 is stored to the symbol `tohost`;
 *   fail: (n << 1) | 1 is stored, where n is the failing test number, kept in
 *         TESTNUM (gp, x3). Test numbers are 1..1023 (normally they start at 2).
 *   An *unexpected* trap fails with n = TESTNUM | ((code + 1) << 10), where
 *   code = mcause[4:0] | (0x20 if mcause is an interrupt). So n >> 10 != 0
 *   means "unexpected trap": cause = (n >> 10) - 1, during test n & 1023.
 *   mcause/mepc/mtval of that trap are also saved at `mkrv_trap_info`.
 *   A fail with TESTNUM == 0 reports n = 1023.
 *
 * Registers owned by the environment: gp (TESTNUM). The trap vector and the trap
 * hooks clobber t5 and t6 (x30, x31) only; tests must not keep values in t5/t6
 * across an instruction that may trap. Everything else is preserved by traps.
 *
 * Reset state: mtvec = mkrv_trap_vector, mie = 0, mip (its writable S bits) = 0,
 * medeleg = mideleg = 0 (every trap goes to M), mstatus = MPP = M, all else 0.
 *
 * mret and privilege: mret returns to the mode in mstatus.MPP and then sets MPP
 * to U (the least privileged mode). A trap handler's mret returns to the mode
 * the trap came from (trap entry set MPP to it). Any other mret that must stay
 * in machine mode sets MPP = M first: MPP_SET_M, or MRET_TO(PRV_M, label).
 *
 * Traps: mtvec points at mkrv_trap_vector (direct mode). It jumps to the address
 * held in the dword `mkrv_trap_hook` if that is non-zero, else reports an
 * unexpected trap. `mkrv_trap_hook` starts as the address of the (weak) symbol
 * `mtvec_handler`, so a test can define `mtvec_handler` to handle every trap, or
 * install a hook at run time with TRAP_HOOK_SET(label) / TRAP_HOOK_CLEAR.
 *
 * The stock hook `mkrv_catch_trap` (installed by TRAP_CATCH_ON) records mcause,
 * mepc, mtval and mstatus (as seen by the handler: MPP = the mode the trap came
 * from) in `mkrv_trap_rec` and counts traps, then resumes:
 *   - at the address set by TRAP_RESUME_AT(label), if one was set (used once);
 *   - else, for an exception, at mepc + 4 (the instruction after the trapping one);
 *   - else, for an interrupt, at mepc, with MPIE cleared so that interrupts stay
 *     disabled (mstatus.MIE = 0) after the mret;
 * in the mode the trap came from, or always in machine mode when installed by
 * TRAP_CATCH_TO_M (used to come back from S or U mode, e.g. with an ecall).
 */
#ifndef MKRV_TEST_H
#define MKRV_TEST_H

#define TESTNUM gp

/* ----- CSR fields and causes (privileged spec 1.12) ---------------------------------- */
#define MSTATUS_SIE   0x00000002
#define MSTATUS_MIE   0x00000008
#define MSTATUS_SPIE  0x00000020
#define MSTATUS_MPIE  0x00000080
#define MSTATUS_SPP   0x00000100
#define MSTATUS_MPP   0x00001800
#define MSTATUS_FS    0x00006000
#define MSTATUS_MPRV  0x00020000
#define MSTATUS_SUM   0x00040000
#define MSTATUS_MXR   0x00080000
#define MSTATUS_TVM   0x00100000
#define MSTATUS_TW    0x00200000
#define MSTATUS_TSR   0x00400000
#define MSTATUS_UXL   0x0000000300000000
#define MSTATUS_SXL   0x0000000c00000000
#define MSTATUS_SD    0x8000000000000000
#define MSTATUS_UXL64 0x0000000200000000   /* UXL = 2: U-mode XLEN = 64 */
#define MSTATUS_SXL64 0x0000000800000000   /* SXL = 2: S-mode XLEN = 64 */

/* Privilege modes (the encoding of MPP and SPP) */
#define PRV_U 0
#define PRV_S 1
#define PRV_M 3
#define MSTATUS_MPP_SHIFT 11
#define MSTATUS_MPP_U (PRV_U << MSTATUS_MPP_SHIFT)
#define MSTATUS_MPP_S (PRV_S << MSTATUS_MPP_SHIFT)
#define MSTATUS_MPP_M (PRV_M << MSTATUS_MPP_SHIFT)

#define MIP_SSIP      (1 << 1)
#define MIP_MSIP      (1 << 3)
#define MIP_STIP      (1 << 5)
#define MIP_MTIP      (1 << 7)
#define MIP_SEIP      (1 << 9)
#define MIP_MEIP      (1 << 11)

#define SATP_MODE_BARE 0
#define SATP_MODE_SV39 8

#define CAUSE_MISALIGNED_FETCH    0
#define CAUSE_FETCH_ACCESS        1
#define CAUSE_ILLEGAL_INSTRUCTION 2
#define CAUSE_BREAKPOINT          3
#define CAUSE_MISALIGNED_LOAD     4
#define CAUSE_LOAD_ACCESS         5
#define CAUSE_MISALIGNED_STORE    6
#define CAUSE_STORE_ACCESS        7
#define CAUSE_USER_ECALL          8
#define CAUSE_SUPERVISOR_ECALL    9
#define CAUSE_MACHINE_ECALL       11
#define CAUSE_FETCH_PAGE_FAULT    12
#define CAUSE_LOAD_PAGE_FAULT     13
#define CAUSE_STORE_PAGE_FAULT    15

#define IRQ_S_SOFT    1
#define IRQ_M_SOFT    3
#define IRQ_S_TIMER   5
#define IRQ_M_TIMER   7
#define IRQ_S_EXT     9
#define IRQ_M_EXT     11
#define CAUSE_INTERRUPT (1 << 63)
#define MCAUSE_IRQ(n) ((1 << 63) | (n))

/* ----- Memory map (the same as spike's) --------------------------------------------- */
#define RAM_BASE        0x80000000
#define CLINT_BASE      0x02000000
#define CLINT_MSIP      0x02000000
#define CLINT_MTIMECMP  0x02004000
#define CLINT_MTIME     0x0200BFF8
#define UNMAPPED_ADDR   0x40000000   /* nothing is mapped here: access faults */

/* ----- Header macros ---------------------------------------------------------------- */
#define RVTEST_RV64M
#define RVTEST_RV64U

#define MKRV_INIT_XREG                                                      \
        li x1, 0;  li x2, 0;  li x3, 0;  li x4, 0;  li x5, 0;  li x6, 0;    \
        li x7, 0;  li x8, 0;  li x9, 0;  li x10, 0; li x11, 0; li x12, 0;   \
        li x13, 0; li x14, 0; li x15, 0; li x16, 0; li x17, 0; li x18, 0;   \
        li x19, 0; li x20, 0; li x21, 0; li x22, 0; li x23, 0; li x24, 0;   \
        li x25, 0; li x26, 0; li x27, 0; li x28, 0; li x29, 0; li x30, 0;   \
        li x31, 0;

#define RVTEST_CODE_BEGIN                                                   \
        .section .text.init, "ax", @progbits;                               \
        .option norvc;                                                      \
        .option norelax;                                                    \
        .align 6;                                                           \
        .weak mtvec_handler;                                                \
        .globl _start;                                                      \
_start:                                                                     \
        j mkrv_reset;                                                       \
                                                                            \
        .align 6;                                                           \
        .globl mkrv_trap_vector;                                            \
mkrv_trap_vector:                                                           \
        la t5, mkrv_trap_hook;                                              \
        ld t5, 0(t5);                                                       \
        beqz t5, mkrv_unexpected_trap;                                      \
        jr t5;                                                              \
                                                                            \
mkrv_unexpected_trap:                                                       \
        la t5, mkrv_trap_info;                                              \
        csrr t6, mcause;  sd t6, 0(t5);                                     \
        csrr t6, mepc;    sd t6, 8(t5);                                     \
        csrr t6, mtval;   sd t6, 16(t5);                                    \
        csrr t6, mcause;                                                    \
        andi t5, t6, 0x1f;                                                  \
        bgez t6, 1f;                                                        \
        ori t5, t5, 0x20;                                                   \
1:      addi t5, t5, 1;                                                     \
        slli t5, t5, 10;                                                    \
        andi TESTNUM, TESTNUM, 1023;                                        \
        or TESTNUM, TESTNUM, t5;                                            \
        j mkrv_fail;                                                        \
                                                                            \
        /* Stock hook: record the trap and resume (see the header comment). */ \
        .align 2;                                                           \
        .globl mkrv_catch_trap;                                             \
mkrv_catch_trap:                                                            \
        la t5, mkrv_trap_rec;                                               \
        csrr t6, mcause;  sd t6, 0(t5);                                     \
        csrr t6, mepc;    sd t6, 8(t5);                                     \
        csrr t6, mtval;   sd t6, 16(t5);                                    \
        csrr t6, mstatus; sd t6, 40(t5);                                    \
        ld t6, 24(t5);                                                      \
        addi t6, t6, 1;                                                     \
        sd t6, 24(t5);                                                      \
        ld t6, 32(t5);                                                      \
        sd zero, 32(t5);                                                    \
        bnez t6, 2f;                                                        \
        csrr t6, mcause;                                                    \
        bltz t6, 1f;                                                        \
        csrr t6, mepc;                                                      \
        addi t6, t6, 4;                                                     \
        j 2f;                                                               \
1:      li t6, MSTATUS_MPIE;                                                \
        csrc mstatus, t6;                                                   \
        csrr t6, mepc;                                                      \
2:      csrw mepc, t6;                                                      \
        ld t6, 48(t5);                                                      \
        beqz t6, 3f;                                                        \
        li t6, MSTATUS_MPP;                                                 \
        csrs mstatus, t6;                                                   \
3:      mret;                                                               \
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
        csrwi mie, 0;                                                       \
        csrwi mip, 0;                                                       \
        csrwi medeleg, 0;                                                   \
        csrwi mideleg, 0;                                                   \
        li t0, MSTATUS_MPP;                                                 \
        csrw mstatus, t0;                                                   \
        li t0, 0;                                                           \
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
 * `fail` is the target of every check in test_macros.h. */
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
        .globl mkrv_trap_rec;                                               \
mkrv_trap_rec:   .dword 0, 0, 0, 0, 0, 0, 0;                                \
                 /* mcause, mepc, mtval, count, resume, mstatus, to_m */    \
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

/* ----- Trap hooks ------------------------------------------------------------------- */
#define TRAP_REC_MCAUSE  0
#define TRAP_REC_MEPC    8
#define TRAP_REC_MTVAL   16
#define TRAP_REC_COUNT   24
#define TRAP_REC_RESUME  32
#define TRAP_REC_MSTATUS 40
#define TRAP_REC_TO_M    48

/* Install `label` as the trap hook (clobbers t5, t6). */
#define TRAP_HOOK_SET(label)                                                \
        la t5, label;                                                       \
        la t6, mkrv_trap_hook;                                              \
        sd t5, 0(t6);

/* No hook: every trap is unexpected (clobbers t6). */
#define TRAP_HOOK_CLEAR                                                     \
        la t6, mkrv_trap_hook;                                              \
        sd zero, 0(t6);

/* Install the recording hook and zero the record (clobbers t5, t6). */
#define TRAP_CATCH_ON                                                       \
        la t6, mkrv_trap_rec;                                               \
        sd zero, TRAP_REC_MCAUSE(t6);                                       \
        sd zero, TRAP_REC_MEPC(t6);                                         \
        sd zero, TRAP_REC_MTVAL(t6);                                        \
        sd zero, TRAP_REC_COUNT(t6);                                        \
        sd zero, TRAP_REC_RESUME(t6);                                       \
        sd zero, TRAP_REC_MSTATUS(t6);                                      \
        sd zero, TRAP_REC_TO_M(t6);                                         \
        TRAP_HOOK_SET(mkrv_catch_trap)

/* The same, but the hook always resumes in machine mode (it sets MPP = M
 * before its mret), whatever mode the trap came from (clobbers t5, t6). */
#define TRAP_CATCH_TO_M                                                     \
        TRAP_CATCH_ON                                                       \
        la t6, mkrv_trap_rec;                                               \
        li t5, 1;                                                           \
        sd t5, TRAP_REC_TO_M(t6);

#define TRAP_CATCH_OFF  TRAP_HOOK_CLEAR

/* The next trap caught by mkrv_catch_trap resumes at `label` (clobbers t5, t6). */
#define TRAP_RESUME_AT(label)                                               \
        la t5, label;                                                       \
        la t6, mkrv_trap_rec;                                               \
        sd t5, TRAP_REC_RESUME(t6);

/* Load a field of the trap record into reg (clobbers t6 unless reg is t6). */
#define TRAP_REC_LOAD(reg, field)                                           \
        la t6, mkrv_trap_rec;                                               \
        ld reg, field(t6);

/* Checks of the trap record; each branches to `fail` on a mismatch and clobbers
 * t5 and t6. */
#define CHECK_TRAP_COUNT(n)                                                 \
        TRAP_REC_LOAD(t6, TRAP_REC_COUNT) li t5, n; bne t5, t6, fail;
#define CHECK_TRAP_CAUSE(cause)                                             \
        TRAP_REC_LOAD(t6, TRAP_REC_MCAUSE) li t5, cause; bne t5, t6, fail;
#define CHECK_TRAP_EPC(label)                                               \
        TRAP_REC_LOAD(t6, TRAP_REC_MEPC) la t5, label; bne t5, t6, fail;
#define CHECK_TRAP_EPC_REG(reg)                                             \
        TRAP_REC_LOAD(t6, TRAP_REC_MEPC) bne reg, t6, fail;
#define CHECK_TRAP_TVAL(value)                                              \
        TRAP_REC_LOAD(t6, TRAP_REC_MTVAL) li t5, value; bne t5, t6, fail;
#define CHECK_TRAP_TVAL_LABEL(label)                                        \
        TRAP_REC_LOAD(t6, TRAP_REC_MTVAL) la t5, label; bne t5, t6, fail;
#define CHECK_TRAP_TVAL_REG(reg)                                            \
        TRAP_REC_LOAD(t6, TRAP_REC_MTVAL) bne reg, t6, fail;

/* mstatus.MPP recorded at the trap (the mode the trap came from) == mode. */
#define CHECK_TRAP_MPP(mode)                                                \
        TRAP_REC_LOAD(t6, TRAP_REC_MSTATUS) srli t6, t6, MSTATUS_MPP_SHIFT;  \
        andi t6, t6, 3; li t5, mode; bne t5, t6, fail;

/* One exception: count == 1, mcause, mepc == epc_label. */
#define CHECK_ONE_TRAP(cause, epc_label)                                    \
        CHECK_TRAP_COUNT(1) CHECK_TRAP_CAUSE(cause) CHECK_TRAP_EPC(epc_label)

/* ----- Privilege ------------------------------------------------------------------- */
/* mstatus.MPP = M, so that the next mret stays in machine mode (clobbers t6). */
#define MPP_SET_M                                                           \
        li t6, MSTATUS_MPP; csrs mstatus, t6;

/* mret to `label` in mode `mode` (PRV_U, PRV_S or PRV_M) (clobbers t6). */
#define MRET_TO(mode, label)                                                \
        li t6, MSTATUS_MPP; csrc mstatus, t6;                               \
        li t6, (mode) << MSTATUS_MPP_SHIFT; csrs mstatus, t6;               \
        la t6, label; csrw mepc, t6;                                        \
        mret;

/* ----- CLINT ------------------------------------------------------------------------ */
/* No timer interrupt pending (mtimecmp = all ones), no software interrupt
 * (clobbers t0, t1). */
#define CLINT_QUIET                                                         \
        li t0, CLINT_MTIMECMP; li t1, -1; sd t1, 0(t0);                     \
        li t0, CLINT_MSIP; sw zero, 0(t0);

#endif /* MKRV_TEST_H */
