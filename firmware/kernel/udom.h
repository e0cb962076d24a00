/*
 * The user domains: the client (ASID 1) and the servers A (ASID 2) and B
 * (ASID 3). Each is one page-aligned block of the image, code pages then
 * data pages, that the kernel maps as U pages at the domain's own virtual
 * address (UVA_*) in the domain's own address space, and nowhere else. The
 * code is position independent (norelax: no gp-relative addressing, which
 * would use the kernel's gp).
 *
 * Register conventions (every register passes through xcall/xret and the
 * software IPC, except t0 = badge on entry to a callee):
 *   client loops  s0 = sample buffer, s1 = count, s2 = gate index, t1/t2 =
 *                 counter reads; the servers leave all of them alone.
 *   servers       result in a0 (a0 + badge); the nested handlers also use
 *                 t3 (xcall) or a6/a7 (software IPC).
 */
#ifndef MKRV_KERNEL_UDOM_H
#define MKRV_KERNEL_UDOM_H

#include "kernel.h"

/* Gate indices in the client's table (set up by the program). */
#define CG_A_X          0       /* A: add a0, a0, t0; xret */
#define CG_A_SW         1       /* A: add a0, a0, t0; reply */
#define CG_A_NESTED_X   2       /* A: add; xcall B; xret */
#define CG_A_NESTED_SW  3       /* A: add; call B; reply */
#define CG_B_X          4
#define CG_B_SW         5
#define CG_A_RECURSE_X  6       /* A calls itself until the link stack is full */
#define CG_A_RECURSE_SW 7
#define CG_A_EVIL_STORE 8       /* A stores to a0 (the link stack) */
#define CG_A_EVIL_LOAD  9       /* A loads from a0 */
#define CG_A_EVIL_CSR   10      /* A writes xlsptr */
#define CG_A_EVIL_JUMP  11      /* A jumps to a0 (the client's code) */
#define CG_NONE         12      /* never a gate in the client's table */
#define CG_A_VIA12      13      /* A: xcall its own gate 12 (to B); xret */
#define CG_A_EVIL_SW_STORE 14   /* A stores to a0 (the software link stack) */

/* Gate indices in A's table. */
#define AG_B_X          0
#define AG_B_SW         1
#define AG_SELF_X       2
#define AG_SELF_SW      3
#define AG_B_ONLY       12      /* only A has a gate 12 */

#define BADGE_A         0xA0
#define BADGE_A_NESTED  0xA1
#define BADGE_B         0xB0
#define BADGE_B_FROM_A  0xB1

/* A benchmark loop, in two versions: NAME_c counts cycles, NAME_i
 * instructions. a0 = sample buffer (VA), a1 = iterations, a2 = gate index.
 * SETUP runs before each measurement, OP is measured. */
#define UBENCH1(name, ctr, setup, op)                                         \
    ASM(    .globl  name)                                                     \
    ASM(name:)                                                                \
    ASM(    mv      s0, a0)                                                   \
    ASM(    mv      s1, a1)                                                   \
    ASM(    mv      s2, a2)                                                   \
    ASM(1:)                                                                   \
    setup                                                                     \
    ASM(    ctr     t1)                                                       \
    op                                                                        \
    ASM(    ctr     t2)                                                       \
    ASM(    sub     t2, t2, t1)                                               \
    ASM(    sd      t2, 0(s0))                                                \
    ASM(    addi    s0, s0, 8)                                                \
    ASM(    addi    s1, s1, -1)                                               \
    ASM(    bnez    s1, 1b)                                                   \
    ASM(    li      a0, 0)                                                    \
    ASM(    li      a7, SYS_DONE)                                             \
    ASM(    ecall)
#define UBENCH(name, setup, op)                                               \
    UBENCH1(name##_c, rdcycle, setup, op)                                     \
    UBENCH1(name##_i, rdinstret, setup, op)

#define UDONE ASM(li a7, SYS_DONE) ASM(ecall)
#define USWCALL(idx) ASM(li a6, idx) ASM(li a7, SYS_CALL) ASM(ecall)
#define USWREPLY ASM(li a7, SYS_REPLY) ASM(ecall)

__asm__(
ASM(    .option push)
ASM(    .option norelax)

/* ==== The client ========================================================== */
ASM(    .section .text.udom_client, "ax", @progbits)
ASM(    .balign 4096)
ASM(    .globl  udom_client_start)
ASM(udom_client_start:)

UBENCH(ub_empty, , )
UBENCH(ub_callret, , ASM(jal ra, client_fn))
UBENCH(ub_syscall, ASM(li a7, SYS_NULL), ASM(ecall))
UBENCH(ub_sw, ASM(mv a6, s2) ASM(li a7, SYS_CALL), ASM(ecall))
#ifndef NO_XCALL
UBENCH(ub_xcall, , ASM(XCALL(s2)))
UBENCH(ub_xcall_miss, ASM(mv a0, s2) ASM(li a7, SYS_CLB_INVAL) ASM(ecall), ASM(XCALL(s2)))
#endif

/* The local function of call_ret: the servers' handler body. */
ASM(client_fn:)
ASM(    add     a0, a0, t0)
ASM(    ret)

/* Test entries: a0 = argument, a1 = second argument, a2 = gate index.
 * They end with SYS_DONE(a0). */
ASM(    .globl  ut_swcall)
ASM(ut_swcall:)
ASM(    mv      a6, a2)
ASM(    li      a7, SYS_CALL)
ASM(    ecall)
UDONE
ASM(    .globl  ut_swreply)
ASM(ut_swreply:)
USWREPLY
UDONE
ASM(    .globl  ut_syscall)     /* a7 = a2: any system call number */
ASM(ut_syscall:)
ASM(    mv      a7, a2)
ASM(    ecall)
UDONE
#ifndef NO_XCALL
ASM(    .globl  ut_xcall)
ASM(ut_xcall:)
ASM(    XCALL(a2))
UDONE
ASM(    .globl  ut_xret)
ASM(ut_xret:)
ASM(    XRET)
UDONE
ASM(    .globl  ut_clb_fill)
ASM(ut_clb_fill:)
ASM(    CLB_FILL(a0, a1))
UDONE
ASM(    .globl  ut_clb_inval)
ASM(ut_clb_inval:)
ASM(    CLB_INVAL(a0, a1))
UDONE
ASM(    .globl  ut_clb_inval_all)
ASM(ut_clb_inval_all:)
ASM(    CLB_INVAL(x0, x0))
UDONE
/* Read and write each call-gate CSR: ut_csrr_N, ut_csrw_N. */
#define UCSR(n, csr)                                                          \
    ASM(    .globl  ut_csrr_##n) ASM(ut_csrr_##n:) ASM(csrr a0, csr) UDONE    \
    ASM(    .globl  ut_csrw_##n) ASM(ut_csrw_##n:) ASM(csrw csr, a0) UDONE
UCSR(0, CSR_XLSBASE)
UCSR(1, CSR_XLSLIMIT)
UCSR(2, CSR_XLSPTR)
UCSR(4, CSR_XGSATP)
UCSR(5, CSR_XGPC)
UCSR(6, CSR_XGBADGE)
#endif

ASM(    .balign 4096)
ASM(    .globl  udom_client_data)
ASM(udom_client_data:)
ASM(    .space  4096)
ASM(    .globl  udom_client_end)
ASM(udom_client_end:)

/* ==== Server A ============================================================ */
ASM(    .section .text.udom_a, "ax", @progbits)
ASM(    .balign 4096)
ASM(    .globl  udom_a_start)
ASM(udom_a_start:)

ASM(    .globl  a_h_sw)
ASM(a_h_sw:)
ASM(    add     a0, a0, t0)
USWREPLY

ASM(    .globl  a_nested_sw)
ASM(a_nested_sw:)
ASM(    add     a0, a0, t0)
USWCALL(AG_B_SW)
USWREPLY

ASM(    .globl  a_recurse_sw)
ASM(a_recurse_sw:)
USWCALL(AG_SELF_SW)
USWREPLY

ASM(    .globl  a_evil_sw_store)
ASM(a_evil_sw_store:)
ASM(    sd      zero, 0(a0))
USWREPLY

ASM(    .globl  a_evil_jump)
ASM(a_evil_jump:)
ASM(    jr      a0)

#ifndef NO_XCALL
ASM(    .globl  a_h_x)
ASM(a_h_x:)
ASM(    add     a0, a0, t0)
ASM(    XRET)

ASM(    .globl  a_nested_x)
ASM(a_nested_x:)
ASM(    add     a0, a0, t0)
ASM(    li      t3, AG_B_X)
ASM(    XCALL(t3))
ASM(    XRET)

ASM(    .globl  a_recurse_x)
ASM(a_recurse_x:)
ASM(    li      t3, AG_SELF_X)
ASM(    XCALL(t3))
ASM(    XRET)

ASM(    .globl  a_via12_x)
ASM(a_via12_x:)
ASM(    li      t3, AG_B_ONLY)
ASM(    XCALL(t3))
ASM(    XRET)

ASM(    .globl  a_evil_store)
ASM(a_evil_store:)
ASM(    sd      zero, 0(a0))
ASM(    XRET)

ASM(    .globl  a_evil_load)
ASM(a_evil_load:)
ASM(    ld      a1, 0(a0))
ASM(    XRET)

ASM(    .globl  a_evil_csr)
ASM(a_evil_csr:)
ASM(    csrw    CSR_XLSPTR, a0)
ASM(    XRET)
#endif

ASM(    .balign 4096)
ASM(    .globl  udom_a_data)
ASM(udom_a_data:)
ASM(    .space  4096)
ASM(    .globl  udom_a_end)
ASM(udom_a_end:)

/* ==== Server B ============================================================ */
ASM(    .section .text.udom_b, "ax", @progbits)
ASM(    .balign 4096)
ASM(    .globl  udom_b_start)
ASM(udom_b_start:)

ASM(    .globl  b_h_sw)
ASM(b_h_sw:)
ASM(    add     a0, a0, t0)
USWREPLY

#ifndef NO_XCALL
ASM(    .globl  b_h_x)
ASM(b_h_x:)
ASM(    add     a0, a0, t0)
ASM(    XRET)
#endif

ASM(    .balign 4096)
ASM(    .globl  udom_b_data)
ASM(udom_b_data:)
ASM(    .space  4096)
ASM(    .globl  udom_b_end)
ASM(udom_b_end:)

ASM(    .option pop)
ASM(    .text)
);

/* The symbols, for C. */
#define UDECL(x) extern char x[];
UDECL(udom_client_start) UDECL(udom_client_data) UDECL(udom_client_end)
UDECL(udom_a_start) UDECL(udom_a_data) UDECL(udom_a_end)
UDECL(udom_b_start) UDECL(udom_b_data) UDECL(udom_b_end)
UDECL(ub_empty_c) UDECL(ub_empty_i) UDECL(ub_callret_c) UDECL(ub_callret_i)
UDECL(ub_syscall_c) UDECL(ub_syscall_i) UDECL(ub_sw_c) UDECL(ub_sw_i)
UDECL(ut_swcall) UDECL(ut_swreply) UDECL(ut_syscall)
UDECL(a_h_sw) UDECL(a_nested_sw) UDECL(a_recurse_sw) UDECL(a_evil_sw_store)
UDECL(a_evil_jump) UDECL(b_h_sw)
#ifndef NO_XCALL
UDECL(ub_xcall_c) UDECL(ub_xcall_i) UDECL(ub_xcall_miss_c) UDECL(ub_xcall_miss_i)
UDECL(ut_xcall) UDECL(ut_xret) UDECL(ut_clb_fill) UDECL(ut_clb_inval)
UDECL(ut_clb_inval_all)
UDECL(ut_csrr_0) UDECL(ut_csrr_1) UDECL(ut_csrr_2) UDECL(ut_csrr_4) UDECL(ut_csrr_5)
UDECL(ut_csrr_6)
UDECL(ut_csrw_0) UDECL(ut_csrw_1) UDECL(ut_csrw_2) UDECL(ut_csrw_4) UDECL(ut_csrw_5)
UDECL(ut_csrw_6)
UDECL(a_h_x) UDECL(a_nested_x) UDECL(a_recurse_x) UDECL(a_via12_x)
UDECL(a_evil_store) UDECL(a_evil_load) UDECL(a_evil_csr) UDECL(b_h_x)
#endif

#endif /* MKRV_KERNEL_UDOM_H */
