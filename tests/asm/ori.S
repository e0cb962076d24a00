# ori: rd = rs1 | sext(imm12) (RV64I)
#
# Bitwise or with the sign-extended immediate.
#
# Written for mkrv from the RISC-V unprivileged ISA specification (20191213).
#include "mkrv_test.h"
#include "test_macros.h"

RVTEST_RV64U
RVTEST_CODE_BEGIN

  TEST_IMM_OP(  2, ori, 0xffffffffffffff0f, 0x00000000ff00ff00, -241)
  TEST_IMM_OP(  3, ori, 0x000000000ff00ff0, 0x000000000ff00ff0, 240)
  TEST_IMM_OP(  4, ori, 0x0000000000ff07ff, 0x0000000000ff00ff, 1807)
  TEST_IMM_OP(  5, ori, 0x00000000f00ff0ff, 0x00000000f00ff00f, 240)
  TEST_IMM_OP(  6, ori, 0xfffffffffffff800, 0x0000000000000000, -2048)
  TEST_IMM_OP(  7, ori, 0x0123456789abcdef, 0x0123456789abcdef, 0)
  TEST_IMM_OP(  8, ori, 0x00000000000007ff, 0x0000000000000000, 2047)

  # source == destination
  TEST_IMM_SRC1_EQ_DEST(100, ori, 0x000000000ff00ff0, 0x000000000ff00ff0, 240)

  # x0 as the source reads 0; x0 as the destination stays 0
  TEST_IMM_ZEROSRC1(101, ori, 0x00000000000000f0, 240)
  TEST_IMM_ZERODEST(102, ori, 0x000000000ff00ff0, 240)

  # bypass distances 0, 1, 2 for the result and for the operand
  TEST_IMM_BYPASS_ALL(110, ori, 0x000000000ff00ff0, 0x000000000ff00ff0, 240)

TEST_PASSFAIL
RVTEST_CODE_END

RVTEST_DATA_BEGIN
RVTEST_DATA_END
