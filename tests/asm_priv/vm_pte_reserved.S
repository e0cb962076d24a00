# Reserved PTE bits (privileged spec 1.12, 4.4.1 and 4.3.2 step 3): bits
# 63-54 of a Sv39 PTE are reserved (N, PBMT without Svnapot/Svpbmt, and bits
# 60-54); if any is set in a PTE met by the walk - leaf or not - the access
# raises a page fault of its type, xtval = the virtual address.
#
# Written for mkrv from the RISC-V privileged specification (1.12).
#include "mkrv_test.h"
#include "mkrv_vm.h"
#include "test_macros.h"

#define BIT54  (1 << 54)
#define BIT60  (1 << 60)
#define PBMT1  (1 << 61)
#define PBMT2  (2 << 61)
#define BIT_N  (1 << 63)

/* leaf at VA_WIN + page * 4 KiB -> PG(0), RWX AD | extra; a load there faults */
#define TEST_LEAF_RSVD(testnum, page, extra)                                \
        VM_MAP(VA_WIN + (page) * 0x1000, PG(0), PTE_RWX | (extra))          \
        sfence.vma;                                                         \
        li s1, VA_WIN + (page) * 0x1000 + 8;                                \
        TEST_TRAP_M(testnum, PRV_S, CAUSE_LOAD_PAGE_FAULT, ld a4, 0(s1))    \
        CHECK_TRAP_TVAL_REG(s1)

RVTEST_RV64M
RVTEST_CODE_BEGIN

  VM_STD_INIT
  li a1, 0x1234; PA_SD(PG(0) + 8, a1)
  VM_ON(1)

  # 2: the same leaf without reserved bits works
  VM_MAP(VA_WIN + 0x1000, PG(0), PTE_RWX)
  sfence.vma
  li s1, VA_WIN + 0x1000 + 8
  TEST_NO_TRAP_IN(2, PRV_S, ld a4, 0(s1))
  CHECK_REG(a4, 0x1234)

  # 3-7: one reserved bit at a time in a leaf
  TEST_LEAF_RSVD(3, 2, BIT54)
  TEST_LEAF_RSVD(4, 3, BIT60)
  TEST_LEAF_RSVD(5, 4, PBMT1)
  TEST_LEAF_RSVD(6, 5, PBMT2)
  TEST_LEAF_RSVD(7, 6, BIT_N)
  # 8: a store faults too (15)
  li s1, VA_WIN + 0x2000 + 16
  TEST_TRAP_M(8, PRV_S, CAUSE_STORE_PAGE_FAULT, sd a1, 0(s1))
  CHECK_TRAP_TVAL_REG(s1)

  # 9: a reserved bit in a non-leaf entry: the level-1 pointer to a level-0
  #    table, PT(4), that maps VA_WIN + 2 MiB -> PG(0) correctly
  PT_ZERO(PT(4))
  PT_SET(PT(4), 0, PTE(PG(0), PTE_RWX))
  PT_SET(PT_L1, 1, PTE(PT(4), PTE_PTR) | BIT54)
  sfence.vma
  li s1, VA_WIN + 0x200000 + 8
  TEST_TRAP_M(9, PRV_S, CAUSE_LOAD_PAGE_FAULT, ld a4, 0(s1))
  CHECK_TRAP_TVAL_REG(s1)
  # 10: without it the same walk works
  PT_SET(PT_L1, 1, PTE(PT(4), PTE_PTR))
  sfence.vma
  TEST_NO_TRAP_IN(10, PRV_S, ld a4, 0(s1))
  CHECK_REG(a4, 0x1234)

TEST_PASSFAIL
RVTEST_CODE_END

RVTEST_DATA_BEGIN
RVTEST_DATA_END
