# rem: rd = rs1 %s rs2, the sign of the dividend (M)
#
# rem(x, 0) = x; rem(most-negative, -1) = 0. No traps.
#
# Written for mkrv from the RISC-V unprivileged ISA specification (20191213).
#include "mkrv_test.h"
#include "test_macros.h"

RVTEST_RV64U
RVTEST_CODE_BEGIN

  TEST_RR_OP(  2, rem, 0x0000000000000002, 0x0000000000000014, 0x0000000000000006)
  TEST_RR_OP(  3, rem, 0xfffffffffffffffe, 0xffffffffffffffec, 0x0000000000000006)
  TEST_RR_OP(  4, rem, 0x0000000000000002, 0x0000000000000014, 0xfffffffffffffffa)
  TEST_RR_OP(  5, rem, 0xfffffffffffffffe, 0xffffffffffffffec, 0xfffffffffffffffa)
  TEST_RR_OP(  6, rem, 0x0000000000000001, 0x0000000000000007, 0x0000000000000002)
  TEST_RR_OP(  7, rem, 0xffffffffffffffff, 0xfffffffffffffff9, 0x0000000000000002)
  TEST_RR_OP(  8, rem, 0x0000000000000001, 0x0000000000000007, 0xfffffffffffffffe)
  TEST_RR_OP(  9, rem, 0xffffffffffffffff, 0xfffffffffffffff9, 0xfffffffffffffffe)
  TEST_RR_OP( 10, rem, 0x0000000000000000, 0x8000000000000000, 0x0000000000000001)
  TEST_RR_OP( 11, rem, 0x0000000000000000, 0x8000000000000000, 0xffffffffffffffff)
  TEST_RR_OP( 12, rem, 0x0000000000000000, 0x8000000000000000, 0x0000000000000002)
  TEST_RR_OP( 13, rem, 0xfffffffffffffffe, 0x8000000000000000, 0x0000000000000003)
  TEST_RR_OP( 14, rem, 0x0000000000000000, 0x7fffffffffffffff, 0xffffffffffffffff)
  TEST_RR_OP( 15, rem, 0x0000000000000000, 0x8000000000000000, 0x8000000000000000)
  TEST_RR_OP( 16, rem, 0x0000000000000001, 0x0000000000000001, 0x8000000000000000)
  TEST_RR_OP( 17, rem, 0x0000000000000000, 0x0000000000000000, 0x0000000000000007)
  TEST_RR_OP( 18, rem, 0x0000000000000001, 0x0000000000000001, 0x0000000000000000)
  TEST_RR_OP( 19, rem, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000)
  TEST_RR_OP( 20, rem, 0xffffffffffffffff, 0xffffffffffffffff, 0x0000000000000000)
  TEST_RR_OP( 21, rem, 0x8000000000000000, 0x8000000000000000, 0x0000000000000000)
  TEST_RR_OP( 22, rem, 0x0000000000000def, 0x0123456789abcdef, 0x0000000000001000)
  TEST_RR_OP( 23, rem, 0xffffffffffffffff, 0xfedcba9876543210, 0x0000000000000003)

  # source == destination
  TEST_RR_SRC1_EQ_DEST(100, rem, 0xfffffffffffffffe, 0xffffffffffffffec, 0x0000000000000006)
  TEST_RR_SRC2_EQ_DEST(101, rem, 0xfffffffffffffffe, 0xffffffffffffffec, 0x0000000000000006)
  TEST_RR_SRC12_EQ_DEST(102, rem, 0x0000000000000000, 0xffffffffffffffec)

  # x0 as a source reads 0; x0 as the destination stays 0
  TEST_RR_ZEROSRC1(103, rem, 0x0000000000000000, 0x0000000000000006)
  TEST_RR_ZEROSRC2(104, rem, 0xffffffffffffffec, 0xffffffffffffffec)
  TEST_RR_ZEROSRC12(105, rem, 0x0000000000000000)
  TEST_RR_ZERODEST(106, rem, 0xffffffffffffffec, 0x0000000000000006)

  # bypass distances 0, 1, 2 for the result and for each operand
  TEST_RR_BYPASS_ALL(110, rem, 0xfffffffffffffffe, 0xffffffffffffffec, 0x0000000000000006)

TEST_PASSFAIL
RVTEST_CODE_END

RVTEST_DATA_BEGIN
RVTEST_DATA_END
