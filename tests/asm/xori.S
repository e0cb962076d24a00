# xori: rd = rs1 ^ sext(imm12) (RV64I)
#
# xori rd, rs, -1 is not.
#
# Written for mkrv from the RISC-V unprivileged ISA specification (20191213).
#include "mkrv_test.h"
#include "test_macros.h"

RVTEST_RV64U
RVTEST_CODE_BEGIN

  TEST_IMM_OP(  2, xori, 0xffffffffff00f00f, 0x0000000000ff0f00, -241)
  TEST_IMM_OP(  3, xori, 0x000000000ff00f00, 0x000000000ff00ff0, 240)
  TEST_IMM_OP(  4, xori, 0x0000000000ff0ff0, 0x0000000000ff08ff, 1807)
  TEST_IMM_OP(  5, xori, 0x00000000f00ff0ff, 0x00000000f00ff00f, 240)
  TEST_IMM_OP(  6, xori, 0xfedcba9876543210, 0x0123456789abcdef, -1)
  TEST_IMM_OP(  7, xori, 0xffffffffffffffff, 0x0000000000000000, -1)
  TEST_IMM_OP(  8, xori, 0x7ffffffffffff800, 0x8000000000000000, -2048)
  TEST_IMM_OP(  9, xori, 0xfffffffffffff800, 0xffffffffffffffff, 2047)

  # source == destination
  TEST_IMM_SRC1_EQ_DEST(100, xori, 0x000000000ff00f00, 0x000000000ff00ff0, 240)

  # x0 as the source reads 0; x0 as the destination stays 0
  TEST_IMM_ZEROSRC1(101, xori, 0x00000000000000f0, 240)
  TEST_IMM_ZERODEST(102, xori, 0x000000000ff00ff0, 240)

  # bypass distances 0, 1, 2 for the result and for the operand
  TEST_IMM_BYPASS_ALL(110, xori, 0x000000000ff00f00, 0x000000000ff00ff0, 240)

TEST_PASSFAIL
RVTEST_CODE_END

RVTEST_DATA_BEGIN
RVTEST_DATA_END
