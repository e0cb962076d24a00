# slliw: rd = sext((rs1[31:0] << shamt5)[31:0]) (RV64I)
#
# 32-bit immediate left shift by 0..31, result sign-extended.
#
# Written for mkrv from the RISC-V unprivileged ISA specification (20191213).
#include "mkrv_test.h"
#include "test_macros.h"

RVTEST_RV64U
RVTEST_CODE_BEGIN

  TEST_IMM_OP(  2, slliw, 0x0000000000000001, 0x0000000000000001, 0)
  TEST_IMM_OP(  3, slliw, 0x0000000000000002, 0x0000000000000001, 1)
  TEST_IMM_OP(  4, slliw, 0x0000000000000080, 0x0000000000000001, 7)
  TEST_IMM_OP(  5, slliw, 0xffffffff80000000, 0x0000000000000001, 31)
  TEST_IMM_OP(  6, slliw, 0xffffffffffffffff, 0xffffffffffffffff, 0)
  TEST_IMM_OP(  7, slliw, 0xfffffffffffffffe, 0xffffffffffffffff, 1)
  TEST_IMM_OP(  8, slliw, 0xffffffff80000000, 0xffffffffffffffff, 31)
  TEST_IMM_OP(  9, slliw, 0x0000000048484000, 0x0000000021212121, 14)
  TEST_IMM_OP( 10, slliw, 0xffffffff80000000, 0x0000000021212121, 31)
  TEST_IMM_OP( 11, slliw, 0xffffffff80000000, 0xfffffffe00000001, 31)
  TEST_IMM_OP( 12, slliw, 0xffffffffabcdef00, 0x123456789abcdef0, 4)
  TEST_IMM_OP( 13, slliw, 0xffffffff80000000, 0x0000000040000000, 1)
  TEST_IMM_OP( 14, slliw, 0x000000007fffffff, 0xffffffff7fffffff, 0)

  # source == destination
  TEST_IMM_SRC1_EQ_DEST(100, slliw, 0x0000000000000680, 0x000000000000000d, 7)

  # x0 as the source reads 0; x0 as the destination stays 0
  TEST_IMM_ZEROSRC1(101, slliw, 0x0000000000000000, 7)
  TEST_IMM_ZERODEST(102, slliw, 0x000000000000000d, 7)

  # bypass distances 0, 1, 2 for the result and for the operand
  TEST_IMM_BYPASS_ALL(110, slliw, 0x0000000000000680, 0x000000000000000d, 7)

TEST_PASSFAIL
RVTEST_CODE_END

RVTEST_DATA_BEGIN
RVTEST_DATA_END
