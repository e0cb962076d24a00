# x0 is hardwired to zero: writes of every instruction class are discarded,
# and a reader right after the write (bypass distance 0, 1, 2) still sees 0,
# so a pipeline must not forward a result destined for x0.
#
# Written for mkrv from the RISC-V unprivileged ISA specification (20191213).
#include "mkrv_test.h"
#include "test_macros.h"

/* `code` writes x0; then x0 is read at distance nops. */
#define TEST_X0(testnum, nops, code...)                                     \
        TEST_CASE(testnum, a4, 0, li a4, -1; code; TEST_INSERT_NOPS_ ## nops add a4, x0, x0)

RVTEST_RV64U
RVTEST_CODE_BEGIN

  TEST_X0( 2, 0, addi x0, x0, 1)
  TEST_X0( 3, 1, addi x0, x0, 1)
  TEST_X0( 4, 2, addi x0, x0, 1)
  TEST_X0( 5, 0, li a1, -1; add x0, a1, a1)
  TEST_X0( 6, 0, lui x0, 0xfffff)
  TEST_X0( 7, 0, auipc x0, 0x1)
  TEST_X0( 8, 0, la a3, tdat; ld x0, 0(a3))
  TEST_X0( 9, 1, la a3, tdat; lw x0, 0(a3))
  TEST_X0(10, 0, jal x0, 1f; 1:)
  TEST_X0(11, 0, la a1, 1f; jalr x0, 0(a1); 1:)
  TEST_X0(12, 0, li a1, 7; li a2, 3; mul x0, a1, a2)
  TEST_X0(13, 0, li a1, 7; li a2, 3; div x0, a1, a2)
  TEST_X0(14, 0, li a1, 7; li a2, 3; remw x0, a1, a2)
  TEST_X0(15, 0, csrr x0, mscratch)
  TEST_X0(16, 0, la a3, tdat; li a2, 5; amoadd.d x0, a2, (a3))
  TEST_X0(17, 0, la a3, tdat; lr.d x0, (a3))
  TEST_X0(18, 0, la a3, tdat; lr.d a1, (a3); sc.d x0, a1, (a3))
  TEST_X0(19, 0, rdcycle x0)

  # x0 in every source position reads 0, even right after a write to x0
  TEST_CASE(20, a4, 0, addi x0, x0, 5; addi a4, x0, 0)
  TEST_CASE(21, a4, 7, li a1, 7; addi x0, x0, 5; add a4, a1, x0)
  TEST_CASE(22, a4, 7, li a1, 7; addi x0, x0, 5; add a4, x0, a1)
  TEST_CASE(23, a4, 0, la a3, tdat; li a2, -1; addi x0, x0, 1; sd x0, 8(a3); ld a4, 8(a3))

  # a branch reading x0 right after a write to x0
  li TESTNUM, 24
  addi x0, x0, 1
  bnez x0, fail
  li a1, 1
  addi x0, a1, 0
  beq x0, a1, fail

TEST_PASSFAIL
RVTEST_CODE_END

RVTEST_DATA_BEGIN
  .align 3
tdat: .dword 0x1122334455667788
      .dword 0
RVTEST_DATA_END
