# slli: rd = rs1 << shamt6 (RV64I)
#
# Immediate logical left shift by 0..63.
#
# Written for mkrv from the RISC-V unprivileged ISA specification (20191213).
#include "mkrv_test.h"
#include "test_macros.h"

RVTEST_RV64U
RVTEST_CODE_BEGIN

  TEST_IMM_OP(  2, slli, 0x0000000000000001, 0x0000000000000001, 0)
  TEST_IMM_OP(  3, slli, 0x0000000000000002, 0x0000000000000001, 1)
  TEST_IMM_OP(  4, slli, 0x0000000000000080, 0x0000000000000001, 7)
  TEST_IMM_OP(  5, slli, 0x0000000080000000, 0x0000000000000001, 31)
  TEST_IMM_OP(  6, slli, 0x0000000100000000, 0x0000000000000001, 32)
  TEST_IMM_OP(  7, slli, 0x8000000000000000, 0x0000000000000001, 63)
  TEST_IMM_OP(  8, slli, 0xffffffffffffffff, 0xffffffffffffffff, 0)
  TEST_IMM_OP(  9, slli, 0xfffffffffffffffe, 0xffffffffffffffff, 1)
  TEST_IMM_OP( 10, slli, 0xffffffff80000000, 0xffffffffffffffff, 31)
  TEST_IMM_OP( 11, slli, 0xffffffff00000000, 0xffffffffffffffff, 32)
  TEST_IMM_OP( 12, slli, 0x8000000000000000, 0xffffffffffffffff, 63)
  TEST_IMM_OP( 13, slli, 0x4848484848484000, 0x2121212121212121, 14)
  TEST_IMM_OP( 14, slli, 0x9abcdef000000000, 0x0123456789abcdef, 36)
  TEST_IMM_OP( 15, slli, 0x0000000100000000, 0x0000000080000000, 1)
  TEST_IMM_OP( 16, slli, 0x123456789abcdef0, 0x0123456789abcdef, 4)

  # source == destination
  TEST_IMM_SRC1_EQ_DEST(100, slli, 0x0000000000000680, 0x000000000000000d, 7)

  # x0 as the source reads 0; x0 as the destination stays 0
  TEST_IMM_ZEROSRC1(101, slli, 0x0000000000000000, 7)
  TEST_IMM_ZERODEST(102, slli, 0x000000000000000d, 7)

  # bypass distances 0, 1, 2 for the result and for the operand
  TEST_IMM_BYPASS_ALL(110, slli, 0x0000000000000680, 0x000000000000000d, 7)

TEST_PASSFAIL
RVTEST_CODE_END

RVTEST_DATA_BEGIN
RVTEST_DATA_END
