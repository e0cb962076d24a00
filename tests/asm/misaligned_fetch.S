# Instruction address misaligned exceptions (mcause 0). Without the C
# extension (IALIGN = 32) a taken jal, jalr or branch whose target is not
# 4-byte aligned raises the exception on the jump itself: mepc = the jump,
# mtval = the target, and the jump does not retire (its rd is not written).
# A not-taken branch to a misaligned target does not trap, and jalr clears
# bit 0 of the target before the check (so bit 1 alone decides).
#
# Written for mkrv from the RISC-V unprivileged (20191213) and privileged (1.12)
# specifications.
#include "mkrv_test.h"
#include "test_macros.h"

/* The jump must trap with mtval = target + 2 and leave ra unchanged. */
#define TEST_MISALIGNED_JUMP(testnum, insn...)                              \
        la a5, tgt + 2;                                                     \
        la a1, tgt;                                                         \
        li ra, 0x5a5a;                                                      \
        TEST_EXCEPTION(testnum, CAUSE_MISALIGNED_FETCH, a5, insn)           \
        CHECK_REG(ra, 0x5a5a)

RVTEST_RV64M
RVTEST_CODE_BEGIN

  TEST_MISALIGNED_JUMP( 2, jal ra, tgt + 2)
  TEST_MISALIGNED_JUMP( 3, jalr ra, 2(a1))
  TEST_MISALIGNED_JUMP( 4, jalr ra, 3(a1))         # (tgt + 3) & ~1 = tgt + 2
  la a6, tgt + 6
  TEST_MISALIGNED_JUMP( 5, jalr ra, -4(a6))
  TEST_MISALIGNED_JUMP( 6, beq x0, x0, tgt + 2)
  TEST_MISALIGNED_JUMP( 7, bne a1, x0, tgt + 2)
  TEST_MISALIGNED_JUMP( 8, blt x0, a1, tgt + 2)    # a1 > 0 (RAM address)
  TEST_MISALIGNED_JUMP( 9, bge a1, x0, tgt + 2)
  TEST_MISALIGNED_JUMP(10, bltu x0, a1, tgt + 2)
  TEST_MISALIGNED_JUMP(11, bgeu a1, x0, tgt + 2)
  TEST_MISALIGNED_JUMP(12, jal x0, tgt + 2)

  # not-taken branches to a misaligned target do not trap
  TEST_NO_TRAP(20, beq a1, x0, tgt + 2; bne x0, x0, tgt + 2; blt a1, x0, tgt + 2; bge x0, a1, tgt + 2; bltu a1, x0, tgt + 2; bgeu x0, a1, tgt + 2)
  # jalr with only bit 0 set in the sum is fine (bit 0 is cleared)
  TEST_NO_TRAP(21, la a1, 1f; jalr ra, 1(a1); j fail; 1:)

  # a misaligned jump after which the code continues normally
  li TESTNUM, 22
  li a4, 0
  TRAP_CATCH_ON
1: jal ra, tgt + 2
  addi a4, a4, 1
  TRAP_CATCH_OFF
  CHECK_TRAP_COUNT(1)
  CHECK_TRAP_EPC(1b)
  CHECK_REG(a4, 1)

TEST_PASSFAIL

  .align 3
tgt:
  j fail
  j fail
  j fail

RVTEST_CODE_END

RVTEST_DATA_BEGIN
RVTEST_DATA_END
