/* mkrv_test.h (v) - the virtual-memory environment of the mkrv test suites:
 * the test body runs in U-mode under Sv39 page tables.
 *
 * Written for mkrv from the RISC-V privileged specification (1.12), after the
 * idea of the riscv-tests `v` environment. It has the interface of
 * tests/asm/env/mkrv_test.h for user-level tests (RVTEST_CODE_BEGIN ...
 * TEST_PASSFAIL ... RVTEST_DATA_END, TESTNUM = gp), so an unmodified
 * tests/asm/<name>.S built with -I pointing here first runs translated
 * (build/tests/asm_priv/v-<name>.elf). Only tests that use no machine-mode
 * feature (CSRs, traps, the CLINT) can run here.
 *
 * Layout (env/v/link.ld): the environment (M boot, S trap handler, tohost, its
 * data) comes first, then, from the 4 KiB boundary `mkrv_user_start`, the
 * test's code and data.
 *
 * Boot, in M-mode at 0x8000_0000:
 *   - mtvec = a handler that reports every trap into M as unexpected;
 *     medeleg = every exception a user program can raise (0-8, 12, 13, 15),
 *     mideleg = 0, mie = 0, mcounteren = scounteren = 7 (cycle, time, instret);
 *   - page tables at VENV_PT (top MiB of RAM): the image, 0x8000_0000.._end, is
 *     identity-mapped with 4 KiB pages through all three levels: the pages below
 *     mkrv_user_start with U = 0 (environment), the others with U = 1 (test);
 *     all R W X, A = D = 1. Also a 1 GiB read-only S page at VA 0 that aliases
 *     PA 0x8000_0000, used for the check below;
 *   - satp = Sv39, ASID 1; sfence.vma; mret to S-mode.
 * In S-mode: check that translation is on (a load through the VA-0 alias must
 * read the environment's magic word, else fail with test number 1022), then
 * sret to mkrv_test_begin in U-mode (SPIE = 0) with all registers zero.
 *
 * The S-mode trap handler (stvec): an ecall from U ends the test: a0 == 0
 * passes (tohost = 1), a0 != 0 fails with TESTNUM; any other trap into S
 * reports an unexpected trap: n = TESTNUM | ((code + 1) << 10), code =
 * scause[4:0] | 0x20 (interrupt) | 0x40 (taken in S). A trap into M reports
 * the same way without 0x40. Cause/epc/tval are saved at mkrv_trap_info.
 */
#ifndef MKRV_TEST_H
#define MKRV_TEST_H

#include "../mkrv_defs.h"

#define MKRV_VENV 1
#define TESTNUM gp

#define RVTEST_RV64M
#define RVTEST_RV64U
#define RVTEST_RV64S

#define VENV_PT        0x80F00000        /* root, then L1, then the L0 tables */
#define VENV_L1        (VENV_PT + 0x1000)
#define VENV_L0        (VENV_PT + 0x2000)
#define VENV_ASID      1
#define VENV_MAGIC     0x76656e76
#define VENV_MEDELEG   ((1 << CAUSE_MISALIGNED_FETCH) | (1 << CAUSE_FETCH_ACCESS) | \
                        (1 << CAUSE_ILLEGAL_INSTRUCTION) | (1 << CAUSE_BREAKPOINT) | \
                        (1 << CAUSE_MISALIGNED_LOAD) | (1 << CAUSE_LOAD_ACCESS) |   \
                        (1 << CAUSE_MISALIGNED_STORE) | (1 << CAUSE_STORE_ACCESS) | \
                        (1 << CAUSE_USER_ECALL) | (1 << CAUSE_FETCH_PAGE_FAULT) |   \
                        (1 << CAUSE_LOAD_PAGE_FAULT) | (1 << CAUSE_STORE_PAGE_FAULT))
#define VENV_PTE_S     (PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D)
#define VENV_PTE_U     (VENV_PTE_S | PTE_U)

#define RVTEST_CODE_BEGIN                                                   \
        .section .text.venv, "ax", @progbits;                               \
        .option norvc;                                                      \
        .option norelax;                                                    \
        .align 6;                                                           \
        .globl _start;                                                      \
_start:                                                                     \
        j mkrv_v_reset;                                                     \
                                                                            \
        /* M-mode: every trap is unexpected */                              \
        .align 6;                                                           \
mkrv_v_mtrap:                                                               \
        MKRV_UNEXPECTED(mcause, mepc, mtval, 0)                             \
                                                                            \
        /* S-mode: ecall from U ends the test */                            \
        .align 6;                                                           \
mkrv_v_strap:                                                               \
        csrr t5, scause;                                                    \
        li t6, CAUSE_USER_ECALL;                                            \
        bne t5, t6, mkrv_v_unexpected_s;                                    \
        bnez a0, mkrv_fail;                                                 \
        j mkrv_pass;                                                        \
mkrv_v_unexpected_s:                                                        \
        MKRV_UNEXPECTED(scause, sepc, stval, 0x40)                          \
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
mkrv_v_reset:                                                               \
        MKRV_INIT_XREG                                                      \
        la t0, mkrv_v_mtrap;                                                \
        csrw mtvec, t0;                                                     \
        csrwi mie, 0;                                                       \
        csrw mip, zero;                                                     \
        csrw mideleg, zero;                                                 \
        li t0, VENV_MEDELEG;                                                \
        csrw medeleg, t0;                                                   \
        li t0, 7;                                                           \
        csrw mcounteren, t0;                                                \
        csrw scounteren, t0;                                                \
        /* zero the root and the L1 table */                              \
        li t0, VENV_PT;                                                     \
        li t1, VENV_L0;                                                     \
        jal t2, mkrv_v_zero;                                                \
        /* root[2] -> L1 (VA 0x8000_0000..0xBFFF_FFFF) */                   \
        li t0, VENV_PT + 2 * 8;                                             \
        li t1, PTE(VENV_L1, PTE_V);                                         \
        sd t1, 0(t0);                                                       \
        /* root[0]: VA 0..1 GiB -> PA 0x8000_0000, S read-only */           \
        li t0, VENV_PT;                                                     \
        li t1, PTE(RAM_BASE, PTE_V | PTE_R | PTE_A);                        \
        sd t1, 0(t0);                                                       \
        /* L1[k] -> L0 table k (zeroed) for every 2 MiB of the image;       \
           t3 = chunk, t4 = L1 entry, t5 = L0 table, t6 = _end */           \
        li t3, RAM_BASE;                                                    \
        li t4, VENV_L1;                                                     \
        li t5, VENV_L0;                                                     \
        la t6, _end;                                                        \
4:      mv t0, t5;                                                          \
        li t1, 0x1000;                                                      \
        add t1, t1, t5;                                                     \
        jal t2, mkrv_v_zero;                                                \
        srli t0, t5, 12;                                                    \
        slli t0, t0, 10;                                                    \
        ori t0, t0, PTE_V;                                                  \
        sd t0, 0(t4);                                                       \
        addi t4, t4, 8;                                                     \
        li t0, 0x1000;                                                      \
        add t5, t5, t0;                                                     \
        li t0, 0x200000;                                                    \
        add t3, t3, t0;                                                     \
        bltu t3, t6, 4b;                                                    \
        /* 4 KiB leaves for the image; t0 = page, t1 = end, t2 = U start */ \
        li t0, RAM_BASE;                                                    \
        la t1, _end;                                                        \
        la t2, mkrv_user_start;                                             \
2:      srli t3, t0, 12;                                                    \
        slli t3, t3, 10;                                                    \
        ori t3, t3, VENV_PTE_S;                                             \
        bltu t0, t2, 3f;                                                    \
        ori t3, t3, PTE_U;                                                  \
3:      li t4, RAM_BASE;                                                    \
        sub t4, t0, t4;                                                     \
        srli t4, t4, 12 - 3;                                                \
        li t5, VENV_L0;                                                     \
        add t4, t4, t5;                                                     \
        sd t3, 0(t4);                                                       \
        li t4, 0x1000;                                                      \
        add t0, t0, t4;                                                     \
        bltu t0, t1, 2b;                                                    \
        j 5f;                                                               \
        /* zero [t0, t1) (64-byte multiples), return through t2 */          \
mkrv_v_zero:                                                                \
        sd zero, 0(t0);  sd zero, 8(t0);  sd zero, 16(t0); sd zero, 24(t0); \
        sd zero, 32(t0); sd zero, 40(t0); sd zero, 48(t0); sd zero, 56(t0); \
        addi t0, t0, 64;                                                    \
        bltu t0, t1, mkrv_v_zero;                                           \
        jr t2;                                                              \
5:                                                                          \
        /* translation on */                                                \
        li t0, SATP_MODE_SV39 | (VENV_ASID << SATP_ASID_SHIFT) | (VENV_PT >> 12); \
        csrw satp, t0;                                                      \
        sfence.vma;                                                         \
        la t0, mkrv_v_strap;                                                \
        csrw stvec, t0;                                                     \
        li t0, MSTATUS_MPP_S;                                               \
        csrw mstatus, t0;                                                   \
        la t0, mkrv_v_sentry;                                               \
        csrw mepc, t0;                                                      \
        mret;                                                               \
                                                                            \
        /* S-mode entry: check translation, then sret to the test */        \
mkrv_v_sentry:                                                              \
        la t0, mkrv_v_magic;                                                \
        li t1, RAM_BASE;                                                    \
        sub t0, t0, t1;                                                     \
        ld t0, 0(t0);                                                       \
        li t1, VENV_MAGIC;                                                  \
        beq t0, t1, 1f;                                                     \
        li TESTNUM, 1022;                                                   \
        j mkrv_fail;                                                        \
1:      li t0, SSTATUS_SPP | SSTATUS_SPIE | SSTATUS_SIE;                    \
        csrc sstatus, t0;                                                   \
        la t0, mkrv_test_begin;                                             \
        csrw sepc, t0;                                                      \
        MKRV_INIT_XREG                                                      \
        sret;                                                               \
                                                                            \
        /* the test, in U-mode */                                           \
        .section .text.init, "ax", @progbits;                               \
        .align 12;                                                          \
        .globl mkrv_test_begin;                                             \
mkrv_test_begin:

#define RVTEST_CODE_END                                                     \
        .globl mkrv_test_end;                                               \
mkrv_test_end:                                                              \
        RVTEST_FAIL

#define RVTEST_PASS   li a0, 0; ecall;
#define RVTEST_FAIL   li a0, 1; ecall;

#define TEST_PASSFAIL                                                       \
        bne x0, TESTNUM, pass;                                              \
fail:                                                                       \
        RVTEST_FAIL                                                         \
pass:                                                                       \
        RVTEST_PASS

#define RVTEST_DATA_BEGIN                                                   \
        .pushsection .tohost, "aw", @progbits;                              \
        .align 6; .globl tohost;   tohost:   .dword 0; .size tohost, 8;     \
        .align 6; .globl fromhost; fromhost: .dword 0; .size fromhost, 8;   \
        .align 6;                                                           \
        .popsection;                                                        \
        .pushsection .data.venv, "aw", @progbits;                           \
        .align 3;                                                           \
        .globl mkrv_trap_info;                                              \
mkrv_trap_info:  .dword 0, 0, 0;       /* the last unexpected trap */       \
mkrv_v_magic:    .dword VENV_MAGIC;                                         \
        .popsection;                                                        \
        .data;                                                              \
        .align 4;                                                           \
        .globl begin_signature;                                             \
begin_signature:

#define RVTEST_DATA_END                                                     \
        .align 4;                                                           \
        .globl end_signature;                                               \
end_signature:

#endif /* MKRV_TEST_H */
