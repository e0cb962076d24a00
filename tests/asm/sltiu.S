# sltiu: rd = (rs1 <u sext(imm12)) ? 1 : 0 (RV64I)
#
# The immediate is sign-extended, then compared unsigned; sltiu rd, rs, 1 is seqz.
#
# Written for mkrv from the RISC-V unprivileged ISA specification (20191213).
#include "mkrv_test.h"
#include "test_macros.h"

RVTEST_RV64U
RVTEST_CODE_BEGIN

  TEST_IMM_OP(  2, sltiu, 0x0000000000000000, 0x0000000000000000, 0)
  TEST_IMM_OP(  3, sltiu, 0x0000000000000000, 0x0000000000000001, 1)
  TEST_IMM_OP(  4, sltiu, 0x0000000000000001, 0x0000000000000003, 7)
  TEST_IMM_OP(  5, sltiu, 0x0000000000000000, 0x0000000000000007, 3)
  TEST_IMM_OP(  6, sltiu, 0x0000000000000001, 0x0000000000000000, -2048)
  TEST_IMM_OP(  7, sltiu, 0x0000000000000001, 0x0000000000000000, 2047)
  TEST_IMM_OP(  8, sltiu, 0x0000000000000000, 0x8000000000000000, 0)
  TEST_IMM_OP(  9, sltiu, 0x0000000000000000, 0x7fffffffffffffff, 2047)
  TEST_IMM_OP( 10, sltiu, 0x0000000000000000, 0xffffffffffffffff, 0)
  TEST_IMM_OP( 11, sltiu, 0x0000000000000000, 0xffffffffffffffff, -1)
  TEST_IMM_OP( 12, sltiu, 0x0000000000000001, 0xfffffffffffff7ff, -2048)
  TEST_IMM_OP( 13, sltiu, 0x0000000000000000, 0xfffffffffffff800, -2048)
  TEST_IMM_OP( 14, sltiu, 0x0000000000000001, 0xfffffffffffffffe, -1)
  TEST_IMM_OP( 15, sltiu, 0x0000000000000001, 0x0000000000000000, 1)
  TEST_IMM_OP( 16, sltiu, 0x0000000000000000, 0x0000000000000001, 1)
  TEST_IMM_OP( 17, sltiu, 0x0000000000000001, 0x0000000080000000, -1)

  # source == destination
  TEST_IMM_SRC1_EQ_DEST(100, sltiu, 0x0000000000000001, 0x000000000000000b, 15)

  # x0 as the source reads 0; x0 as the destination stays 0
  TEST_IMM_ZEROSRC1(101, sltiu, 0x0000000000000001, 15)
  TEST_IMM_ZERODEST(102, sltiu, 0x000000000000000b, 15)

  # bypass distances 0, 1, 2 for the result and for the operand
  TEST_IMM_BYPASS_ALL(110, sltiu, 0x0000000000000001, 0x000000000000000b, 15)

TEST_PASSFAIL
RVTEST_CODE_END

RVTEST_DATA_BEGIN
RVTEST_DATA_END
