# sfence.vma (privileged spec 1.12, 4.2.1), all four forms. S-mode changes a
# PTE it has used (the old translation may be cached), then executes:
#   sfence.vma x0, x0      all addresses, all address spaces
#   sfence.vma va, x0      the leaf entries for va, all address spaces
#   sfence.vma x0, asid    all addresses of address space asid
#   sfence.vma va, asid    the leaf entries for va in address space asid
# After the right fence the new translation is used. A core need not cache
# translations, so the old one is never required: after a fence for another
# address or another ASID the access may see the old or the new page, but the
# translation must still work (no fault, one of the two values); the right
# fence then makes it the new one. Also: a PTE made invalid faults after the
# fence; a changed superpage leaf and a changed non-leaf entry (rs1 = x0
# forms) are seen after the fence.
#
# Written for mkrv from the RISC-V privileged specification (1.12).
#include "mkrv_test.h"
#include "mkrv_vm.h"
#include "test_macros.h"

#define VA_X     (VA_WIN + 0x1000)      /* PG(0) (0xaaaa) or PG(1) (0xbbbb) */
#define VA_Y     (VA_WIN + 0x2000)      /* PG(4) (0x4444) */
#define VA_MEGA  (VA_WIN + 0x200000)    /* L1[1]: MEGA(0) or MEGA(1) */
#define PTE_X_A  PTE(PG(0), PTE_RW)
#define PTE_X_B  PTE(PG(1), PTE_RW)
#define ASID     5

/* (in S) VA_X -> PG(0), fenced; load it (caches the old translation) */
#define X_TO_A                                                              \
        li t0, PTE_X_A; li t1, VM_PTE_ADDR(VA_X); sd t0, 0(t1);             \
        sfence.vma;                                                         \
        ld a4, 0(s0); CHECK_REG(a4, 0xaaaa)
/* (in S) VA_X -> PG(1), not fenced yet */
#define X_TO_B                                                              \
        li t0, PTE_X_B; li t1, VM_PTE_ADDR(VA_X); sd t0, 0(t1);
/* a4 must be 0xaaaa or 0xbbbb */
#define CHECK_OLD_OR_NEW                                                    \
        li t2, 0xaaaa; beq a4, t2, 9f;                                      \
        li t2, 0xbbbb; bne a4, t2, fail;                                    \
9:

RVTEST_RV64M
RVTEST_CODE_BEGIN

  VM_STD_INIT
  VM_MAP(VA_Y, PG(4), PTE_RW)
  PT_SET(PT_L1, 1, PTE(MEGA(0), PTE_RW))
  li a1, 0xaaaa; PA_SD(PG(0), a1)
  li a1, 0xbbbb; PA_SD(PG(1), a1)
  li a1, 0x4444; PA_SD(PG(4), a1)
  li a1, 0xaaaa; PA_SD(MEGA(0) + 0x12340, a1)
  li a1, 0xbbbb; PA_SD(MEGA(1) + 0x12340, a1)
  li a1, 0xcccc; PA_SD(PG(5), a1)
  PT_ZERO(PT(8))
  PT_SET(PT(8), VPN0(VA_X), PTE(PG(5), PTE_RW))
  VM_ON(ASID)
  li s0, VA_X
  li s1, VA_Y
  li s2, ASID
  li s3, 7                      # another ASID
  addi s4, s0, 0x123            # an address inside VA_X's page
  li s5, VA_MEGA + 0x12340

  li TESTNUM, 2
  ENTER_S(1f)
1:
  # 2: sfence.vma x0, x0
  li TESTNUM, 2
  X_TO_A
  X_TO_B
  sfence.vma x0, x0
  ld a4, 0(s0)
  CHECK_REG(a4, 0xbbbb)
  # 3: sfence.vma va, x0 (va anywhere in the page)
  li TESTNUM, 3
  X_TO_A
  X_TO_B
  sfence.vma s4, x0
  ld a4, 0(s0)
  CHECK_REG(a4, 0xbbbb)
  # 4: sfence.vma x0, asid (the current one)
  li TESTNUM, 4
  X_TO_A
  X_TO_B
  sfence.vma x0, s2
  ld a4, 0(s0)
  CHECK_REG(a4, 0xbbbb)
  # 5: sfence.vma va, asid
  li TESTNUM, 5
  X_TO_A
  X_TO_B
  sfence.vma s0, s2
  ld a4, 0(s0)
  CHECK_REG(a4, 0xbbbb)

  # 6-7: a fence for another address: VA_X old or new, VA_Y unharmed; then
  #      the right one
  li TESTNUM, 6
  X_TO_A
  ld a4, 0(s1)
  X_TO_B
  sfence.vma s1, x0
  ld a4, 0(s0)
  CHECK_OLD_OR_NEW
  ld a4, 0(s1)
  CHECK_REG(a4, 0x4444)
  li TESTNUM, 7
  sfence.vma s0, x0
  ld a4, 0(s0)
  CHECK_REG(a4, 0xbbbb)
  # 8-9: a fence for another ASID (x0, 7 and va, 7): old or new; then right
  li TESTNUM, 8
  X_TO_A
  X_TO_B
  sfence.vma x0, s3
  ld a4, 0(s0)
  CHECK_OLD_OR_NEW
  sfence.vma s0, s3
  ld a4, 0(s0)
  CHECK_OLD_OR_NEW
  ld a4, 0(s1)
  CHECK_REG(a4, 0x4444)
  li TESTNUM, 9
  sfence.vma s0, s2
  ld a4, 0(s0)
  CHECK_REG(a4, 0xbbbb)

  # 10: a PTE made invalid: after the fence the access faults
  li TESTNUM, 10
  X_TO_A
  li t1, VM_PTE_ADDR(VA_X)
  sd zero, 0(t1)
  sfence.vma s0, x0
  TRAP_CATCH_ON
  TRAP_RESUME_AT(2f)
  li a4, 0x77
55: ld a4, 0(s0)
2: TRAP_CATCH_OFF
  CHECK_ONE_TRAP_M(CAUSE_LOAD_PAGE_FAULT, 55b)
  CHECK_TRAP_TVAL_REG(s0)
  CHECK_REG(a4, 0x77)
  # 11: valid again after a fence
  li TESTNUM, 11
  X_TO_B
  sfence.vma s0, s2
  ld a4, 0(s0)
  CHECK_REG(a4, 0xbbbb)

  # 12: a megapage leaf changed (MEGA(0) -> MEGA(1)), sfence.vma va, x0 with
  #     an address in the megapage
  li TESTNUM, 12
  ld a4, 0(s5)
  CHECK_REG(a4, 0xaaaa)
  li t0, PTE(MEGA(1), PTE_RW)
  li t1, PT_L1 + 8
  sd t0, 0(t1)
  li t2, VA_MEGA + 0x1ff000
  sfence.vma t2, x0
  ld a4, 0(s5)
  CHECK_REG(a4, 0xbbbb)

  # 13: a non-leaf entry changed: the window's level-1 entry now points to
  #     PT(8) (VA_X -> PG(5)); sfence.vma x0, asid
  li TESTNUM, 13
  X_TO_A
  li t0, PTE(PT(8), PTE_PTR)
  li t1, PT_L1
  sd t0, 0(t1)
  sfence.vma x0, s2
  ld a4, 0(s0)
  CHECK_REG(a4, 0xcccc)
  # 14: and back (PT_L0: VA_X -> PG(0) since test 13), sfence.vma x0, x0
  li TESTNUM, 14
  li t0, PTE(PT_L0, PTE_PTR)
  li t1, PT_L1
  sd t0, 0(t1)
  sfence.vma
  ld a4, 0(s0)
  CHECK_REG(a4, 0xaaaa)
  RETURN_M

  # 15: a PTE changed by M-mode, fenced by M-mode, used by S
  li TESTNUM, 15
  VM_MAP(VA_X, PG(1), PTE_RW)
  sfence.vma s0, s2
  TEST_NO_TRAP_IN(15, PRV_S, ld a4, 0(s0))
  CHECK_REG(a4, 0xbbbb)

TEST_PASSFAIL
RVTEST_CODE_END

RVTEST_DATA_BEGIN
RVTEST_DATA_END
