# Instruction fetch under Sv39 (privileged spec 1.12, 4.3): sequential
# execution that runs off the end of a page continues at the next *virtual*
# page, wherever it is mapped; if that page is unmapped, not executable, or a
# U page fetched from S, the fetch raises an instruction page fault with xepc
# = xtval = the first address of that page. A code mapping changed and fenced
# with sfence.vma is used by the next fetch.
#
# Written for mkrv from the RISC-V privileged specification (1.12).
#include "mkrv_test.h"
#include "mkrv_vm.h"
#include "test_macros.h"

#define VA_C     (VA_WIN + 0x10000)     /* p1, then p2 (S, RX) */
#define VA_D     (VA_WIN + 0x20000)     /* p1, then nothing */
#define VA_E     (VA_WIN + 0x30000)     /* p1, then p2 without X */
#define VA_F     (VA_WIN + 0x40000)     /* p1, then p2 as a U page */
#define VA_G     (VA_WIN + 0x50000)     /* p1, then p2, both U (for U-mode) */
#define VA_R     (VA_WIN + 0x60000)     /* fa or fb */

/* Run from `va` + 0xff8 in S (jalr), expect a fetch fault at va + 0x1000. */
#define TEST_FALL_FAULT(testnum, va)                                        \
        li TESTNUM, testnum;                                                \
        li s1, (va) + 0xff8;                                                \
        li s2, (va) + 0x1000;                                               \
        li a4, 0;                                                           \
        TRAP_CATCH_ON                                                       \
        TRAP_RESUME_AT(2f)                                                  \
        ENTER_S(1f)                                                         \
1:      jalr ra, 0(s1);                                                     \
2:      RETURN_M                                                            \
        TRAP_CATCH_OFF                                                      \
        CHECK_TRAP_COUNT(1)                                                 \
        CHECK_TRAP_CAUSE(CAUSE_FETCH_PAGE_FAULT)                            \
        CHECK_TRAP_EPC_REG(s2)                                              \
        CHECK_TRAP_TVAL_REG(s2)                                             \
        CHECK_REG(a4, 2)           /* the two instructions of p1 ran */

RVTEST_RV64M
RVTEST_CODE_BEGIN

  VM_STD_INIT
  VM_MAP_LABEL(VA_C, p1, PTE_RX)
  VM_MAP_LABEL(VA_C + 0x1000, p2, PTE_RX)
  VM_MAP_LABEL(VA_D, p1, PTE_RX)
  VM_MAP_LABEL(VA_E, p1, PTE_RX)
  VM_MAP_LABEL(VA_E + 0x1000, p2, PTE_RW)
  VM_MAP_LABEL(VA_F, p1, PTE_RX)
  VM_MAP_LABEL(VA_F + 0x1000, p2, PTE_RX | PTE_U)
  VM_MAP_LABEL(VA_G, p1, PTE_RX | PTE_U)
  VM_MAP_LABEL(VA_G + 0x1000, p2, PTE_RX | PTE_U)
  VM_MAP_LABEL(VA_R, fa, PTE_RX)
  VM_ON(1)

  # 2: S runs the last two instructions of p1, then p2 (not p1's physical
  #    successor): a4 = 1 + 1 + 4
  li s1, VA_C + 0xff8
  li a4, 0
  TEST_NO_TRAP_IN(2, PRV_S, jalr ra, 0(s1))
  CHECK_REG(a4, 6)
  # 3: the same in U-mode on U pages
  li s1, VA_G + 0xff8
  li a4, 0
  TEST_NO_TRAP_UVM(3, jalr ra, 0(s1))
  CHECK_REG(a4, 6)

  # 4-6: falling into an unmapped page, a page without X, a U page (from S)
  TEST_FALL_FAULT(4, VA_D)
  TEST_FALL_FAULT(5, VA_E)
  TEST_FALL_FAULT(6, VA_F)
  # 7: the same, delegated to S
  li t0, 1 << CAUSE_FETCH_PAGE_FAULT
  csrw medeleg, t0
  li TESTNUM, 7
  li s1, VA_D + 0xff8
  li s2, VA_D + 0x1000
  li a4, 0
  TRAP_CATCH_ON
  STRAP_RESUME_AT(2f)
  ENTER_S(1f)
1: jalr ra, 0(s1)
2: RETURN_M
  TRAP_CATCH_OFF
  CHECK_TRAP_COUNT(0)
  CHECK_STRAP_COUNT(1)
  CHECK_STRAP_CAUSE(CAUSE_FETCH_PAGE_FAULT)
  CHECK_STRAP_EPC_REG(s2)
  CHECK_STRAP_TVAL_REG(s2)
  CHECK_REG(a4, 2)
  csrw medeleg, zero

  # 8-9: a code page remapped (fa -> fb) and fenced: the next call runs fb
  li s1, VA_R
  li a4, 0
  TEST_NO_TRAP_IN(8, PRV_S, jalr ra, 0(s1))
  CHECK_REG(a4, 1)
  VM_MAP_LABEL(VA_R, fb, PTE_RX)
  sfence.vma
  li a4, 0
  TEST_NO_TRAP_IN(9, PRV_S, jalr ra, 0(s1))
  CHECK_REG(a4, 2)
  # 10: remapped by S-mode itself, fenced with sfence.vma va, x0
  li s3, VM_PTE_ADDR(VA_R)
  la s4, fa
  srli s4, s4, 12
  slli s4, s4, 10
  ori s4, s4, PTE_RX
  li a4, 0
  TEST_NO_TRAP_IN(10, PRV_S, sd s4, 0(s3); sfence.vma s1, x0; jalr ra, 0(s1))
  CHECK_REG(a4, 1)

TEST_PASSFAIL

  # p1: error markers, then two increments at its very end
  .align 12
p1:
  .rept 1022
  addi a4, a4, 100
  .endr
  addi a4, a4, 1
  addi a4, a4, 1
  # p1's physical successor: must not run
filler:
  .rept 1024
  addi a4, a4, 200
  .endr
p2:
  addi a4, a4, 4
  ret
  .align 12
fa:
  addi a4, a4, 1
  ret
  .align 12
fb:
  addi a4, a4, 2
  ret

RVTEST_CODE_END

RVTEST_DATA_BEGIN
RVTEST_DATA_END
