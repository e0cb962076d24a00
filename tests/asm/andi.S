# andi: rd = rs1 & sext(imm12) (RV64I)
#
# Bitwise and with the sign-extended immediate.
#
# Written for mkrv from the RISC-V unprivileged ISA specification (20191213).
#include "mkrv_test.h"
#include "test_macros.h"

RVTEST_RV64U
RVTEST_CODE_BEGIN

  TEST_IMM_OP(  2, andi, 0x00000000ff00ff00, 0x00000000ff00ff00, -241)
  TEST_IMM_OP(  3, andi, 0x00000000000000f0, 0x000000000ff00ff0, 240)
  TEST_IMM_OP(  4, andi, 0x000000000000000f, 0x0000000000ff00ff, 1807)
  TEST_IMM_OP(  5, andi, 0x0000000000000000, 0x00000000f00ff00f, 240)
  TEST_IMM_OP(  6, andi, 0xfffffffffffff800, 0xffffffffffffffff, -2048)
  TEST_IMM_OP(  7, andi, 0x00000000000005ef, 0x0123456789abcdef, 2047)
  TEST_IMM_OP(  8, andi, 0xfedcba9876543210, 0xfedcba9876543210, -1)
  TEST_IMM_OP(  9, andi, 0x0000000000000000, 0xfedcba9876543210, 0)

  # source == destination
  TEST_IMM_SRC1_EQ_DEST(100, andi, 0x0000000000000700, 0x000000000ff00ff0, 1807)

  # x0 as the source reads 0; x0 as the destination stays 0
  TEST_IMM_ZEROSRC1(101, andi, 0x0000000000000000, 1807)
  TEST_IMM_ZERODEST(102, andi, 0x000000000ff00ff0, 1807)

  # bypass distances 0, 1, 2 for the result and for the operand
  TEST_IMM_BYPASS_ALL(110, andi, 0x0000000000000700, 0x000000000ff00ff0, 1807)

TEST_PASSFAIL
RVTEST_CODE_END

RVTEST_DATA_BEGIN
RVTEST_DATA_END
