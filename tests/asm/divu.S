# divu: rd = rs1 /u rs2 (M)
#
# Unsigned division; division by zero gives 2^64-1 (all ones) and does not trap.
#
# Written for mkrv from the RISC-V unprivileged ISA specification (20191213).
#include "mkrv_test.h"
#include "test_macros.h"

RVTEST_RV64U
RVTEST_CODE_BEGIN

  TEST_RR_OP(  2, divu, 0x0000000000000003, 0x0000000000000014, 0x0000000000000006)
  TEST_RR_OP(  3, divu, 0x2aaaaaaaaaaaaaa7, 0xffffffffffffffec, 0x0000000000000006)
  TEST_RR_OP(  4, divu, 0x0000000000000000, 0x0000000000000014, 0xfffffffffffffffa)
  TEST_RR_OP(  5, divu, 0x0000000000000000, 0xffffffffffffffec, 0xfffffffffffffffa)
  TEST_RR_OP(  6, divu, 0x0000000000000003, 0x0000000000000007, 0x0000000000000002)
  TEST_RR_OP(  7, divu, 0x8000000000000000, 0x8000000000000000, 0x0000000000000001)
  TEST_RR_OP(  8, divu, 0x0000000000000000, 0x8000000000000000, 0xffffffffffffffff)
  TEST_RR_OP(  9, divu, 0x4000000000000000, 0x8000000000000000, 0x0000000000000002)
  TEST_RR_OP( 10, divu, 0x0000000000000001, 0xffffffffffffffff, 0xffffffffffffffff)
  TEST_RR_OP( 11, divu, 0xffffffffffffffff, 0xffffffffffffffff, 0x0000000000000001)
  TEST_RR_OP( 12, divu, 0x7fffffffffffffff, 0xffffffffffffffff, 0x0000000000000002)
  TEST_RR_OP( 13, divu, 0x0000000000000000, 0x0000000000000001, 0xffffffffffffffff)
  TEST_RR_OP( 14, divu, 0x0000000000000000, 0x0000000000000000, 0x0000000000000007)
  TEST_RR_OP( 15, divu, 0xffffffffffffffff, 0x0000000000000001, 0x0000000000000000)
  TEST_RR_OP( 16, divu, 0xffffffffffffffff, 0x0000000000000000, 0x0000000000000000)
  TEST_RR_OP( 17, divu, 0xffffffffffffffff, 0xffffffffffffffff, 0x0000000000000000)
  TEST_RR_OP( 18, divu, 0xffffffffffffffff, 0x8000000000000000, 0x0000000000000000)
  TEST_RR_OP( 19, divu, 0x54f43e32d21c10b0, 0xfedcba9876543210, 0x0000000000000003)
  TEST_RR_OP( 20, divu, 0x0000123456789abc, 0x0123456789abcdef, 0x0000000000001000)

  # source == destination
  TEST_RR_SRC1_EQ_DEST(100, divu, 0x2aaaaaaaaaaaaaa7, 0xffffffffffffffec, 0x0000000000000006)
  TEST_RR_SRC2_EQ_DEST(101, divu, 0x2aaaaaaaaaaaaaa7, 0xffffffffffffffec, 0x0000000000000006)
  TEST_RR_SRC12_EQ_DEST(102, divu, 0x0000000000000001, 0xffffffffffffffec)

  # x0 as a source reads 0; x0 as the destination stays 0
  TEST_RR_ZEROSRC1(103, divu, 0x0000000000000000, 0x0000000000000006)
  TEST_RR_ZEROSRC2(104, divu, 0xffffffffffffffff, 0xffffffffffffffec)
  TEST_RR_ZEROSRC12(105, divu, 0xffffffffffffffff)
  TEST_RR_ZERODEST(106, divu, 0xffffffffffffffec, 0x0000000000000006)

  # bypass distances 0, 1, 2 for the result and for each operand
  TEST_RR_BYPASS_ALL(110, divu, 0x2aaaaaaaaaaaaaa7, 0xffffffffffffffec, 0x0000000000000006)

TEST_PASSFAIL
RVTEST_CODE_END

RVTEST_DATA_BEGIN
RVTEST_DATA_END
