# remuw: rd = sext(rs1[31:0] %u rs2[31:0]) (M, RV64)
#
# 32-bit unsigned remainder of the low words, result sign-extended; remuw(x, 0) = sext(x[31:0]).
#
# Written for mkrv from the RISC-V unprivileged ISA specification (20191213).
#include "mkrv_test.h"
#include "test_macros.h"

RVTEST_RV64U
RVTEST_CODE_BEGIN

  TEST_RR_OP(  2, remuw, 0x0000000000000002, 0x0000000000000014, 0x0000000000000006)
  TEST_RR_OP(  3, remuw, 0x0000000000000002, 0xffffffffffffffec, 0x0000000000000006)
  TEST_RR_OP(  4, remuw, 0x0000000000000014, 0x0000000000000014, 0xfffffffffffffffa)
  TEST_RR_OP(  5, remuw, 0xffffffffffffffec, 0xffffffffffffffec, 0xfffffffffffffffa)
  TEST_RR_OP(  6, remuw, 0x0000000000000000, 0x0000000080000000, 0x0000000000000001)
  TEST_RR_OP(  7, remuw, 0xffffffff80000000, 0x0000000080000000, 0xffffffffffffffff)
  TEST_RR_OP(  8, remuw, 0x0000000000000001, 0x00000000ffffffff, 0x0000000000000002)
  TEST_RR_OP(  9, remuw, 0x000000000000000f, 0x00000000ffffffff, 0x0000000000000010)
  TEST_RR_OP( 10, remuw, 0x0000000000000001, 0x0000000000000001, 0x0000000000000000)
  TEST_RR_OP( 11, remuw, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000)
  TEST_RR_OP( 12, remuw, 0xffffffff80000000, 0x0000000080000000, 0x0000000000000000)
  TEST_RR_OP( 13, remuw, 0x000000007fffffff, 0x123456787fffffff, 0x0000000000000000)
  TEST_RR_OP( 14, remuw, 0x0000000000000002, 0x12345678fffffffb, 0xffffffff00000003)
  TEST_RR_OP( 15, remuw, 0x0000000000000def, 0x0123456789abcdef, 0x0000000000001000)
  TEST_RR_OP( 16, remuw, 0x0000000000000001, 0xffffffff80000005, 0x0000000100000003)

  # source == destination
  TEST_RR_SRC1_EQ_DEST(100, remuw, 0x0000000000000002, 0xffffffffffffffec, 0x0000000000000006)
  TEST_RR_SRC2_EQ_DEST(101, remuw, 0x0000000000000002, 0xffffffffffffffec, 0x0000000000000006)
  TEST_RR_SRC12_EQ_DEST(102, remuw, 0x0000000000000000, 0xffffffffffffffec)

  # x0 as a source reads 0; x0 as the destination stays 0
  TEST_RR_ZEROSRC1(103, remuw, 0x0000000000000000, 0x0000000000000006)
  TEST_RR_ZEROSRC2(104, remuw, 0xffffffffffffffec, 0xffffffffffffffec)
  TEST_RR_ZEROSRC12(105, remuw, 0x0000000000000000)
  TEST_RR_ZERODEST(106, remuw, 0xffffffffffffffec, 0x0000000000000006)

  # bypass distances 0, 1, 2 for the result and for each operand
  TEST_RR_BYPASS_ALL(110, remuw, 0x0000000000000002, 0xffffffffffffffec, 0x0000000000000006)

TEST_PASSFAIL
RVTEST_CODE_END

RVTEST_DATA_BEGIN
RVTEST_DATA_END
