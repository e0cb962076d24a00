/* mkrv_vm.h - Sv39 page tables for the mkrv privileged-architecture tests.
 *
 * Written for mkrv from the RISC-V privileged specification (1.12), 4.3-4.4.
 *
 * Physical areas at the top of the 16 MiB of RAM (the image stays below
 * 0x80A0_0000, env/link.ld checks it):
 *   PT(n)    = 0x80F0_0000 + n * 4 KiB   page tables (n < 256)
 *   PG(n)    = 0x80E0_0000 + n * 4 KiB   data pages (n < 256)
 *   MEGA(n)  = 0x80A0_0000 + n * 2 MiB   2 MiB-aligned targets (n = 0, 1)
 *
 * The standard tables (VM_STD_INIT, root PT(0)) map:
 *   VA 0x8000_0000..0xBFFF_FFFF -> PA 0x8000_0000..  1 GiB page, S (U = 0),
 *        R W X, A = D = 1: the image, identity, for S-mode code and data
 *        (and the tables and pages above, so S can also edit them);
 *   VA 0xC000_0000..0xFFFF_FFFF -> PA 0x8000_0000..  1 GiB page, U = 1,
 *        R W X, A = D = 1: the image for U-mode (enter with ENTER_U_VM:
 *        VA = PA + 0x4000_0000; pc-relative code and `la` work unchanged);
 *   VA 0x4000_0000..0x401F_FFFF    4 KiB pages through PT(1) (level 1) and
 *        PT(2) (level 0), all invalid at first: each test maps what it needs
 *        with VM_MAP(va, pa, flags). Physically nothing is there (accesses
 *        from M-mode or with satp = Bare fault), on the SoC and on spike;
 *   VA 0x0200_0000..0x021F_FFFF -> the CLINT, 2 MiB page, S, R W, A = D = 1,
 *        through PT(3) (RETURN_M's last resort under translation).
 * PT(4) and up, PG(*), MEGA(*) are free for the tests.
 *
 * The macros run in M-mode (physical addresses) or in S-mode under the standard
 * tables (identity); they clobber t0, t1 (and t2 where said). After changing a
 * PTE that may have been used, execute sfence.vma.
 */
#ifndef MKRV_VM_H
#define MKRV_VM_H

#define PT_AREA     0x80F00000
#define PT(n)       (PT_AREA + (n) * 0x1000)
#define PG_AREA     0x80E00000
#define PG(n)       (PG_AREA + (n) * 0x1000)
#define MEGA(n)     (0x80A00000 + (n) * 0x200000)

#define PT_ROOT     PT(0)
#define PT_L1       PT(1)
#define PT_L0       PT(2)
#define PT_LOW      PT(3)
#define VA_WIN      0x40000000      /* the 2 MiB window of 4 KiB test pages */

#define VPN2(va)    (((va) >> 30) & 511)
#define VPN1(va)    (((va) >> 21) & 511)
#define VPN0(va)    (((va) >> 12) & 511)

#define PTE_AD      (PTE_A | PTE_D)
#define PTE_RW      (PTE_V | PTE_R | PTE_W | PTE_AD)
#define PTE_RWX     (PTE_V | PTE_R | PTE_W | PTE_X | PTE_AD)
#define PTE_RX      (PTE_V | PTE_R | PTE_X | PTE_A)
#define PTE_RO      (PTE_V | PTE_R | PTE_A)
#define PTE_XO      (PTE_V | PTE_X | PTE_A)
#define PTE_PTR     PTE_V                   /* non-leaf: points to a table */

#define SATP_SV39(asid, root) \
        (SATP_MODE_SV39 | ((asid) << SATP_ASID_SHIFT) | ((root) >> 12))

/* Zero the 4 KiB table at physical address `table` (clobbers t0, t1). */
#define PT_ZERO(table)                                                      \
        li t0, table;                                                       \
        li t1, (table) + 0x1000;                                            \
1:      sd zero, 0(t0); sd zero, 8(t0); sd zero, 16(t0); sd zero, 24(t0);   \
        addi t0, t0, 32;                                                    \
        bltu t0, t1, 1b;

/* table[idx] = pte (a constant) (clobbers t0, t1). */
#define PT_SET(table, idx, pte)                                             \
        li t0, (table) + (idx) * 8;                                         \
        li t1, pte;                                                         \
        sd t1, 0(t0);

/* table[idx] = a leaf for the image address `label` | flags (clobbers t0, t1). */
#define PT_SET_LABEL(table, idx, label, flags)                              \
        la t1, label;                                                       \
        srli t1, t1, 12;                                                    \
        slli t1, t1, 10;                                                    \
        ori t1, t1, flags;                                                  \
        li t0, (table) + (idx) * 8;                                         \
        sd t1, 0(t0);

/* The 4 KiB page at `va` (in the window) -> `pa`, in the standard level-0
 * table. */
#define VM_MAP(va, pa, flags)       PT_SET(PT_L0, VPN0(va), PTE(pa, flags))
#define VM_MAP_LABEL(va, label, flags) PT_SET_LABEL(PT_L0, VPN0(va), label, flags)
#define VM_UNMAP(va)                PT_SET(PT_L0, VPN0(va), 0)
/* The physical address of the level-0 PTE of `va` (in the window). */
#define VM_PTE_ADDR(va)             (PT_L0 + VPN0(va) * 8)

/* Build the standard tables in `root`, `l1`, `l0`, `low` (clobbers t0, t1). */
#define VM_TABLES_INIT(root, l1, l0, low)                                   \
        PT_ZERO(root)                                                       \
        PT_ZERO(l1)                                                         \
        PT_ZERO(l0)                                                         \
        PT_ZERO(low)                                                        \
        PT_SET(root, 0, PTE(low, PTE_PTR))                                  \
        PT_SET(root, 1, PTE(l1, PTE_PTR))                                   \
        PT_SET(root, 2, PTE(RAM_BASE, PTE_RWX))                             \
        PT_SET(root, 3, PTE(RAM_BASE, PTE_RWX | PTE_U))                     \
        PT_SET(l1, 0, PTE(l0, PTE_PTR))                                     \
        PT_SET(low, VPN1(CLINT_BASE), PTE(CLINT_BASE, PTE_RW))

#define VM_STD_INIT    VM_TABLES_INIT(PT_ROOT, PT_L1, PT_L0, PT_LOW)

/* satp = Sv39 with the standard root (or `root`) and `asid`; sfence.vma
 * (clobbers t0). */
#define VM_ON(asid)                                                         \
        li t0, SATP_SV39(asid, PT_ROOT);                                    \
        csrw satp, t0;                                                      \
        sfence.vma;
#define VM_ON_ROOT(asid, root)                                              \
        li t0, SATP_SV39(asid, root);                                       \
        csrw satp, t0;                                                      \
        sfence.vma;
#define VM_OFF                                                              \
        csrw satp, zero;                                                    \
        sfence.vma;

/* Physical stores and loads for setting up and checking data (clobber t0). */
#define PA_SD(pa, reg)   li t0, pa; sd reg, 0(t0);
#define PA_LD(reg, pa)   li t0, pa; ld reg, 0(t0);

/* ----- One-instruction tests for U-mode under the standard tables ----- */
/* Like TEST_TRAP_M / TEST_TRAP_S / TEST_NO_TRAP_IN of mkrv_test.h, but in
 * U-mode at the user alias (xepc is the alias address of insn). */
#define TEST_TRAP_M_UVM(testnum, cause, insn...)                            \
        li TESTNUM, testnum;                                                \
        RUN_IN_MODE(PRV_U, U_ALIAS_OFS, insn)                               \
        CHECK_ONE_TRAP_M(cause, UVA(55b))                                   \
        CHECK_TRAP_MPP(PRV_U)
#define TEST_TRAP_S_UVM(testnum, cause, insn...)                            \
        li TESTNUM, testnum;                                                \
        RUN_IN_MODE(PRV_U, U_ALIAS_OFS, insn)                               \
        CHECK_ONE_TRAP_S(cause, UVA(55b))                                   \
        CHECK_STRAP_SPP(PRV_U)
#define TEST_NO_TRAP_UVM(testnum, insn...)                                  \
        li TESTNUM, testnum;                                                \
        RUN_IN_MODE(PRV_U, U_ALIAS_OFS, insn)                               \
        CHECK_NO_TRAP

#endif /* MKRV_VM_H */
