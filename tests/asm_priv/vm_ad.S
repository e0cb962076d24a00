# Accessed and dirty bits, Svade (privileged spec 1.12, 4.3.1 and 4.3.2 step
# 7; mkrv does not update A/D in hardware): an access through a leaf PTE with
# A = 0, or a store/AMO through one with D = 0, raises a page fault of the
# access type (load 13, store/AMO 15, fetch 12; xtval = the VA). The handler
# sets the bit, executes sfence.vma and returns to the same instruction,
# which then completes. A load through a PTE with A = 1, D = 0 is fine. The
# hardware never writes the PTE.
#
# Written for mkrv from the RISC-V privileged specification (1.12).
#include "mkrv_test.h"
#include "mkrv_vm.h"
#include "test_macros.h"

#define VA_P    (VA_WIN + 0x1000)       /* -> PG(0) */
#define VA_C    (VA_WIN + 0x2000)       /* -> code_page */
#define VA_MEGA (VA_WIN + 0x200000)     /* L1[1] -> MEGA(0) */

#define PTE_P   VM_PTE_ADDR(VA_P)
#define PTE_C   VM_PTE_ADDR(VA_C)

/* the handlers fix the PTE at fix_pte with fix_bits */
#define FIX(pte_addr, bits)                                                 \
        la t0, fix_pte; li t1, pte_addr; sd t1, 0(t0);                      \
        la t0, fix_bits; li t1, bits; sd t1, 0(t0);                         \
        la t0, fix_count; sd zero, 0(t0);

/* `insn` in S (at VA s1) faults once with `cause`, is fixed and retried by
 * the M handler; the PTE then reads `pte` */
#define TEST_AD_M(testnum, mode, ofs, cause, pte_addr, bits, insn...)       \
        li TESTNUM, testnum;                                                \
        FIX(pte_addr, bits)                                                 \
        TRAP_HOOK_SET(fix_m)                                                \
        STRAP_HOOK_CLEAR                                                    \
        ENTER_MODE(mode, 55f + (ofs))                                       \
55:     insn;                                                               \
        RETURN_M                                                            \
        TRAP_HOOK_CLEAR                                                     \
        la t0, fix_count; ld a5, 0(t0); CHECK_REG(a5, 1)                    \
        la t0, fix_cause; ld a5, 0(t0); CHECK_REG(a5, cause)                \
        la t0, fix_tval; ld a5, 0(t0); bne a5, s1, fail;                    \
        la t0, fix_epc; ld a5, 0(t0); la t0, 55b + (ofs); bne a5, t0, fail;

RVTEST_RV64M
RVTEST_CODE_BEGIN

  VM_STD_INIT
  li a1, 0x1111; PA_SD(PG(0), a1)
  li a1, 0x2222; PA_SD(MEGA(0) + 0x10, a1)
  VM_ON(1)
  li s1, VA_P
  li a1, 0x5a5a

  # ----- A = 0 -----
  # 2: load, S: fault 13, A set, the retried load reads
  VM_MAP(VA_P, PG(0), PTE_V | PTE_R | PTE_W)
  sfence.vma
  TEST_AD_M(2, PRV_S, 0, CAUSE_LOAD_PAGE_FAULT, PTE_P, PTE_A, ld a4, 0(s1))
  CHECK_REG(a4, 0x1111)
  PA_LD(a5, PTE_P)
  CHECK_REG(a5, PTE(PG(0), PTE_V | PTE_R | PTE_W | PTE_A))
  # 3: store with A = 0 (and D = 0): fault 15; the handler sets A and D
  VM_MAP(VA_P, PG(0), PTE_V | PTE_R | PTE_W)
  sfence.vma
  TEST_AD_M(3, PRV_S, 0, CAUSE_STORE_PAGE_FAULT, PTE_P, PTE_AD, sd a1, 0(s1))
  PA_LD(a4, PG(0))
  CHECK_REG(a4, 0x5a5a)
  # 4: fetch with A = 0: fault 12 (xepc = xtval = the target)
  VM_MAP_LABEL(VA_C, code_page, PTE_V | PTE_R | PTE_X)
  sfence.vma
  li TESTNUM, 4
  li s1, VA_C
  FIX(PTE_C, PTE_A)
  TRAP_HOOK_SET(fix_m)
  li a4, 1
  ENTER_S(1f)
1: jalr ra, 0(s1)
  RETURN_M
  TRAP_HOOK_CLEAR
  CHECK_REG(a4, 2)
  la t0, fix_count; ld a5, 0(t0); CHECK_REG(a5, 1)
  la t0, fix_cause; ld a5, 0(t0); CHECK_REG(a5, CAUSE_FETCH_PAGE_FAULT)
  la t0, fix_tval; ld a5, 0(t0); bne a5, s1, fail
  la t0, fix_epc; ld a5, 0(t0); bne a5, s1, fail
  # 5: AMO with A = 0: fault 15
  li s1, VA_P
  VM_MAP(VA_P, PG(0), PTE_V | PTE_R | PTE_W)
  sfence.vma
  li a1, 1
  TEST_AD_M(5, PRV_S, 0, CAUSE_STORE_PAGE_FAULT, PTE_P, PTE_AD, amoadd.d a4, a1, (s1))
  CHECK_REG(a4, 0x5a5a)
  # 6: A = 0 on a megapage leaf
  PT_SET(PT_L1, 1, PTE(MEGA(0), PTE_V | PTE_R | PTE_W))
  sfence.vma
  li s1, VA_MEGA + 0x10
  TEST_AD_M(6, PRV_S, 0, CAUSE_LOAD_PAGE_FAULT, PT_L1 + 8, PTE_A, ld a4, 0(s1))
  CHECK_REG(a4, 0x2222)
  # 7: from U-mode (a U page)
  li s1, VA_P
  VM_MAP(VA_P, PG(0), PTE_V | PTE_R | PTE_W | PTE_U)
  sfence.vma
  TEST_AD_M(7, PRV_U, U_ALIAS_OFS, CAUSE_LOAD_PAGE_FAULT, PTE_P, PTE_A, ld a4, 0(s1))
  CHECK_REG(a4, 0x5a5b)

  # ----- D = 0 (A = 1) -----
  # 8: a load is fine and does not set D
  VM_MAP(VA_P, PG(0), PTE_V | PTE_R | PTE_W | PTE_A)
  sfence.vma
  TEST_NO_TRAP_IN(8, PRV_S, ld a4, 0(s1))
  CHECK_REG(a4, 0x5a5b)
  PA_LD(a5, PTE_P)
  CHECK_REG(a5, PTE(PG(0), PTE_V | PTE_R | PTE_W | PTE_A))
  # 9: a store faults (15); the handler sets D; memory written after
  li a1, 0x6b6b
  addi s1, s1, 8
  TEST_AD_M(9, PRV_S, 0, CAUSE_STORE_PAGE_FAULT, PTE_P, PTE_D, sd a1, 0(s1))
  addi s1, s1, -8
  PA_LD(a4, PG(0) + 8)
  CHECK_REG(a4, 0x6b6b)
  PA_LD(a5, PTE_P)
  CHECK_REG(a5, PTE(PG(0), PTE_V | PTE_R | PTE_W | PTE_A | PTE_D))
  # 10: an SC (with a reservation) faults on D = 0 too, then succeeds
  VM_MAP(VA_P, PG(0), PTE_V | PTE_R | PTE_W | PTE_A)
  sfence.vma
  li TESTNUM, 10
  FIX(PTE_P, PTE_D)
  TRAP_HOOK_SET(fix_m)
  li a5, -1
  ENTER_S(1f)
1: lr.d a4, (s1)
2: sc.d a5, a1, (s1)
  RETURN_M
  TRAP_HOOK_CLEAR
  la t0, fix_count; ld a2, 0(t0)
  CHECK_REG(a2, 1)
  la t0, fix_cause; ld a2, 0(t0)
  CHECK_REG(a2, CAUSE_STORE_PAGE_FAULT)
  # (whether the SC still succeeds after the trap is implementation-specific:
  #  a trap may clear the reservation)
  # 11: the faulting store of test 9's kind wrote nothing before the fix:
  #     a store with D = 0 handled by a handler that does NOT fix it and skips
  VM_MAP(VA_P, PG(0), PTE_V | PTE_R | PTE_W | PTE_A)
  sfence.vma
  li a1, 0x7c7c
  TEST_TRAP_M(11, PRV_S, CAUSE_STORE_PAGE_FAULT, sd a1, 16(s1))
  PA_LD(a4, PG(0) + 16)
  CHECK_REG(a4, 0)

  # ----- delegated to S: the S handler fixes the PTE (through the identity
  #       mapping of the tables) -----
  li t0, (1 << CAUSE_LOAD_PAGE_FAULT) | (1 << CAUSE_STORE_PAGE_FAULT)
  csrw medeleg, t0
  VM_MAP(VA_P, PG(0), PTE_V | PTE_R | PTE_W | PTE_U)
  sfence.vma
  li TESTNUM, 12
  li a1, 0x8d8d
  FIX(PTE_P, PTE_AD)
  TRAP_HOOK_CLEAR
  STRAP_HOOK_SET(fix_s)
  ENTER_U_VM(1f)
1: sd a1, 24(s1)
  RETURN_M
  STRAP_HOOK_CLEAR
  la t0, fix_count; ld a5, 0(t0); CHECK_REG(a5, 1)
  la t0, fix_cause; ld a5, 0(t0); CHECK_REG(a5, CAUSE_STORE_PAGE_FAULT)
  PA_LD(a4, PG(0) + 24)
  CHECK_REG(a4, 0x8d8d)
  csrw medeleg, zero

TEST_PASSFAIL

  # M-level handler: count, record, PTE |= bits, sfence.vma, retry
fix_m:
  la t5, fix_count; ld t6, 0(t5); addi t6, t6, 1; sd t6, 0(t5)
  csrr t6, mcause; la t5, fix_cause; sd t6, 0(t5)
  csrr t6, mtval; la t5, fix_tval; sd t6, 0(t5)
  csrr t6, mepc; la t5, fix_epc; sd t6, 0(t5)
  la t5, fix_bits; ld t6, 0(t5)
  la t5, fix_pte; ld t5, 0(t5)
  csrw mscratch, t4
  ld t4, 0(t5)
  or t4, t4, t6
  sd t4, 0(t5)
  csrr t4, mscratch
  sfence.vma
  mret
  # S-level handler: the same (sscratch)
fix_s:
  la t5, fix_count; ld t6, 0(t5); addi t6, t6, 1; sd t6, 0(t5)
  csrr t6, scause; la t5, fix_cause; sd t6, 0(t5)
  csrr t6, stval; la t5, fix_tval; sd t6, 0(t5)
  csrr t6, sepc; la t5, fix_epc; sd t6, 0(t5)
  la t5, fix_bits; ld t6, 0(t5)
  la t5, fix_pte; ld t5, 0(t5)
  csrw sscratch, t4
  ld t4, 0(t5)
  or t4, t4, t6
  sd t4, 0(t5)
  csrr t4, sscratch
  sfence.vma
  sret

  .align 12
code_page:
  addi a4, a4, 1
  ret

RVTEST_CODE_END

RVTEST_DATA_BEGIN
  .align 3
fix_pte:   .dword 0
fix_bits:  .dword 0
fix_count: .dword 0
fix_cause: .dword 0
fix_tval:  .dword 0
fix_epc:   .dword 0
RVTEST_DATA_END
