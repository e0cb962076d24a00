# divuw: rd = sext(rs1[31:0] /u rs2[31:0]) (M, RV64)
#
# 32-bit unsigned division of the low words, result sign-extended; /0 gives all ones. Upper source bits ignored.
#
# Written for mkrv from the RISC-V unprivileged ISA specification (20191213).
#include "mkrv_test.h"
#include "test_macros.h"

RVTEST_RV64U
RVTEST_CODE_BEGIN

  TEST_RR_OP(  2, divuw, 0x0000000000000003, 0x0000000000000014, 0x0000000000000006)
  TEST_RR_OP(  3, divuw, 0x000000002aaaaaa7, 0xffffffffffffffec, 0x0000000000000006)
  TEST_RR_OP(  4, divuw, 0x0000000000000000, 0x0000000000000014, 0xfffffffffffffffa)
  TEST_RR_OP(  5, divuw, 0x0000000000000000, 0xffffffffffffffec, 0xfffffffffffffffa)
  TEST_RR_OP(  6, divuw, 0xffffffff80000000, 0x0000000080000000, 0x0000000000000001)
  TEST_RR_OP(  7, divuw, 0x0000000000000000, 0x0000000080000000, 0xffffffffffffffff)
  TEST_RR_OP(  8, divuw, 0xffffffffffffffff, 0x00000000ffffffff, 0x0000000000000001)
  TEST_RR_OP(  9, divuw, 0x000000007fffffff, 0x00000000ffffffff, 0x0000000000000002)
  TEST_RR_OP( 10, divuw, 0xffffffffffffffff, 0x0000000000000001, 0x0000000000000000)
  TEST_RR_OP( 11, divuw, 0xffffffffffffffff, 0x0000000000000000, 0x0000000000000000)
  TEST_RR_OP( 12, divuw, 0xffffffffffffffff, 0x0000000080000000, 0x0000000000000000)
  TEST_RR_OP( 13, divuw, 0xffffffffffffffff, 0x000000007fffffff, 0x0000000000000000)
  TEST_RR_OP( 14, divuw, 0x0000000000000003, 0x1234567800000014, 0xffffffff00000006)
  TEST_RR_OP( 15, divuw, 0x0000000000000003, 0x0000000100000007, 0x0000000000000002)
  TEST_RR_OP( 16, divuw, 0x0000000000089abc, 0x0123456789abcdef, 0x0000000000001000)
  TEST_RR_OP( 17, divuw, 0x0000000000000000, 0xffffffff00000000, 0x0000000000000001)

  # source == destination
  TEST_RR_SRC1_EQ_DEST(100, divuw, 0x000000002aaaaaa7, 0xffffffffffffffec, 0x0000000000000006)
  TEST_RR_SRC2_EQ_DEST(101, divuw, 0x000000002aaaaaa7, 0xffffffffffffffec, 0x0000000000000006)
  TEST_RR_SRC12_EQ_DEST(102, divuw, 0x0000000000000001, 0xffffffffffffffec)

  # x0 as a source reads 0; x0 as the destination stays 0
  TEST_RR_ZEROSRC1(103, divuw, 0x0000000000000000, 0x0000000000000006)
  TEST_RR_ZEROSRC2(104, divuw, 0xffffffffffffffff, 0xffffffffffffffec)
  TEST_RR_ZEROSRC12(105, divuw, 0xffffffffffffffff)
  TEST_RR_ZERODEST(106, divuw, 0xffffffffffffffec, 0x0000000000000006)

  # bypass distances 0, 1, 2 for the result and for each operand
  TEST_RR_BYPASS_ALL(110, divuw, 0x000000002aaaaaa7, 0xffffffffffffffec, 0x0000000000000006)

TEST_PASSFAIL
RVTEST_CODE_END

RVTEST_DATA_BEGIN
RVTEST_DATA_END
