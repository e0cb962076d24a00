# div: rd = rs1 /s rs2, rounding towards zero (M)
#
# Division by zero gives -1 (all ones); the overflow case most-negative / -1 gives the most-negative value. Neither traps.
#
# Written for mkrv from the RISC-V unprivileged ISA specification (20191213).
#include "mkrv_test.h"
#include "test_macros.h"

RVTEST_RV64U
RVTEST_CODE_BEGIN

  TEST_RR_OP(  2, div, 0x0000000000000003, 0x0000000000000014, 0x0000000000000006)
  TEST_RR_OP(  3, div, 0xfffffffffffffffd, 0xffffffffffffffec, 0x0000000000000006)
  TEST_RR_OP(  4, div, 0xfffffffffffffffd, 0x0000000000000014, 0xfffffffffffffffa)
  TEST_RR_OP(  5, div, 0x0000000000000003, 0xffffffffffffffec, 0xfffffffffffffffa)
  TEST_RR_OP(  6, div, 0x0000000000000003, 0x0000000000000007, 0x0000000000000002)
  TEST_RR_OP(  7, div, 0xfffffffffffffffd, 0xfffffffffffffff9, 0x0000000000000002)
  TEST_RR_OP(  8, div, 0xfffffffffffffffd, 0x0000000000000007, 0xfffffffffffffffe)
  TEST_RR_OP(  9, div, 0x0000000000000003, 0xfffffffffffffff9, 0xfffffffffffffffe)
  TEST_RR_OP( 10, div, 0x8000000000000000, 0x8000000000000000, 0x0000000000000001)
  TEST_RR_OP( 11, div, 0x8000000000000000, 0x8000000000000000, 0xffffffffffffffff)
  TEST_RR_OP( 12, div, 0xc000000000000000, 0x8000000000000000, 0x0000000000000002)
  TEST_RR_OP( 13, div, 0x8000000000000001, 0x7fffffffffffffff, 0xffffffffffffffff)
  TEST_RR_OP( 14, div, 0x0000000000000001, 0x8000000000000000, 0x8000000000000000)
  TEST_RR_OP( 15, div, 0x0000000000000000, 0x0000000000000001, 0x8000000000000000)
  TEST_RR_OP( 16, div, 0x0000000000000000, 0x0000000000000000, 0x0000000000000007)
  TEST_RR_OP( 17, div, 0xffffffffffffffff, 0x0000000000000001, 0x0000000000000000)
  TEST_RR_OP( 18, div, 0xffffffffffffffff, 0x0000000000000000, 0x0000000000000000)
  TEST_RR_OP( 19, div, 0xffffffffffffffff, 0xffffffffffffffff, 0x0000000000000000)
  TEST_RR_OP( 20, div, 0xffffffffffffffff, 0x8000000000000000, 0x0000000000000000)
  TEST_RR_OP( 21, div, 0xffffffffffffffff, 0x7fffffffffffffff, 0x0000000000000000)
  TEST_RR_OP( 22, div, 0x0000123456789abc, 0x0123456789abcdef, 0x0000000000001000)
  TEST_RR_OP( 23, div, 0xff9ee8dd7cc6bb5b, 0xfedcba9876543210, 0x0000000000000003)

  # source == destination
  TEST_RR_SRC1_EQ_DEST(100, div, 0xfffffffffffffffd, 0xffffffffffffffec, 0x0000000000000006)
  TEST_RR_SRC2_EQ_DEST(101, div, 0xfffffffffffffffd, 0xffffffffffffffec, 0x0000000000000006)
  TEST_RR_SRC12_EQ_DEST(102, div, 0x0000000000000001, 0xffffffffffffffec)

  # x0 as a source reads 0; x0 as the destination stays 0
  TEST_RR_ZEROSRC1(103, div, 0x0000000000000000, 0x0000000000000006)
  TEST_RR_ZEROSRC2(104, div, 0xffffffffffffffff, 0xffffffffffffffec)
  TEST_RR_ZEROSRC12(105, div, 0xffffffffffffffff)
  TEST_RR_ZERODEST(106, div, 0xffffffffffffffec, 0x0000000000000006)

  # bypass distances 0, 1, 2 for the result and for each operand
  TEST_RR_BYPASS_ALL(110, div, 0xfffffffffffffffd, 0xffffffffffffffec, 0x0000000000000006)

TEST_PASSFAIL
RVTEST_CODE_END

RVTEST_DATA_BEGIN
RVTEST_DATA_END
