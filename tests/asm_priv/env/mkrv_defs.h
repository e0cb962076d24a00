/* mkrv_defs.h - constants and shared macros of the mkrv privileged-architecture
 * test environments (env/mkrv_test.h: M/S/U tests; env/v/mkrv_test.h: the
 * virtual-memory environment that runs tests/asm in U-mode under Sv39).
 *
 * Written for mkrv from the RISC-V privileged specification (1.12).
 */
#ifndef MKRV_DEFS_H
#define MKRV_DEFS_H

/* ----- Privilege modes, CSR fields, causes (privileged spec 1.12) ------------------- */
#define PRV_U 0
#define PRV_S 1
#define PRV_M 3

#define MSTATUS_SIE   0x00000002
#define MSTATUS_MIE   0x00000008
#define MSTATUS_SPIE  0x00000020
#define MSTATUS_UBE   0x00000040
#define MSTATUS_MPIE  0x00000080
#define MSTATUS_SPP   0x00000100
#define MSTATUS_MPP   0x00001800
#define MSTATUS_MPP_S 0x00000800
#define MSTATUS_MPP_M 0x00001800
#define MSTATUS_MPRV  0x00020000
#define MSTATUS_SUM   0x00040000
#define MSTATUS_MXR   0x00080000
#define MSTATUS_TVM   0x00100000
#define MSTATUS_TW    0x00200000
#define MSTATUS_TSR   0x00400000
#define MSTATUS_UXL   0x0000000300000000
#define MSTATUS_SXL   0x0000000c00000000

#define SSTATUS_SIE   MSTATUS_SIE
#define SSTATUS_SPIE  MSTATUS_SPIE
#define SSTATUS_SPP   MSTATUS_SPP
#define SSTATUS_SUM   MSTATUS_SUM
#define SSTATUS_MXR   MSTATUS_MXR

#define IRQ_S_SOFT    1
#define IRQ_M_SOFT    3
#define IRQ_S_TIMER   5
#define IRQ_M_TIMER   7
#define IRQ_S_EXT     9
#define IRQ_M_EXT     11

#define MIP_SSIP      (1 << IRQ_S_SOFT)
#define MIP_MSIP      (1 << IRQ_M_SOFT)
#define MIP_STIP      (1 << IRQ_S_TIMER)
#define MIP_MTIP      (1 << IRQ_M_TIMER)
#define MIP_SEIP      (1 << IRQ_S_EXT)
#define MIP_MEIP      (1 << IRQ_M_EXT)
#define MIP_S_ALL     (MIP_SSIP | MIP_STIP | MIP_SEIP)

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

#define CAUSE_INTERRUPT (1 << 63)
#define MCAUSE_IRQ(n) ((1 << 63) | (n))
#define LOG_IRQ(n)    (0x80 | (n))

/* medeleg bits the mkrv core implements (0-9, 12, 13, 15) */
#define MEDELEG_ALL   0xb3ff
/* mideleg / mip bits writable from M: SSI, STI, SEI */
#define MIDELEG_ALL   0x222

#define SATP_MODE_SV39  (8 << 60)
#define SATP_ASID_SHIFT 44

/* Sv39 page-table entries */
#define PTE_V   0x001
#define PTE_R   0x002
#define PTE_W   0x004
#define PTE_X   0x008
#define PTE_U   0x010
#define PTE_G   0x020
#define PTE_A   0x040
#define PTE_D   0x080
#define PTE(pa, flags)  ((((pa) >> 12) << 10) | (flags))

/* ----- Memory map (the same as spike's) --------------------------------------------- */
#define RAM_BASE        0x80000000
#define RAM_SIZE        0x01000000
#define CLINT_BASE      0x02000000
#define CLINT_MSIP      0x02000000
#define CLINT_MTIMECMP  0x02004000
#define CLINT_MTIME     0x0200BFF8
#define UNMAPPED_ADDR   0x40000000   /* no device here: physical accesses fault */

/* Escape value of RETURN_M (in a7). */
#define MKRV_ESCAPE     0x4d4b5256

#define MKRV_INIT_XREG                                                      \
        li x1, 0;  li x2, 0;  li x3, 0;  li x4, 0;  li x5, 0;  li x6, 0;    \
        li x7, 0;  li x8, 0;  li x9, 0;  li x10, 0; li x11, 0; li x12, 0;   \
        li x13, 0; li x14, 0; li x15, 0; li x16, 0; li x17, 0; li x18, 0;   \
        li x19, 0; li x20, 0; li x21, 0; li x22, 0; li x23, 0; li x24, 0;   \
        li x25, 0; li x26, 0; li x27, 0; li x28, 0; li x29, 0; li x30, 0;   \
        li x31, 0;

/* Report an unexpected trap of one level (flags: 0 for M, 0x40 for S). */
#define MKRV_UNEXPECTED(cause, epc, tval, flags)                            \
        la t5, mkrv_trap_info;                                              \
        csrr t6, cause;  sd t6, 0(t5);                                      \
        csrr t6, epc;    sd t6, 8(t5);                                      \
        csrr t6, tval;   sd t6, 16(t5);                                     \
        csrr t6, cause;                                                     \
        andi t5, t6, 0x1f;                                                  \
        ori t5, t5, flags;                                                  \
        bgez t6, 1f;                                                        \
        ori t5, t5, 0x20;                                                   \
1:      addi t5, t5, 1;                                                     \
        slli t5, t5, 10;                                                    \
        andi TESTNUM, TESTNUM, 1023;                                        \
        or TESTNUM, TESTNUM, t5;                                            \
        j mkrv_fail;

#endif /* MKRV_DEFS_H */
