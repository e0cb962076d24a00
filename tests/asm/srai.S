# srai: rd = rs1 >>s shamt6 (RV64I)
#
# Immediate arithmetic right shift by 0..63 (bit 63 is replicated).
#
# Written for mkrv from the RISC-V unprivileged ISA specification (20191213).
#include "mkrv_test.h"
#include "test_macros.h"

RVTEST_RV64U
RVTEST_CODE_BEGIN

  TEST_IMM_OP(  2, srai, 0x8000000000000000, 0x8000000000000000, 0)
  TEST_IMM_OP(  3, srai, 0xc000000000000000, 0x8000000000000000, 1)
  TEST_IMM_OP(  4, srai, 0xff00000000000000, 0x8000000000000000, 7)
  TEST_IMM_OP(  5, srai, 0xffffffff00000000, 0x8000000000000000, 31)
  TEST_IMM_OP(  6, srai, 0xffffffff80000000, 0x8000000000000000, 32)
  TEST_IMM_OP(  7, srai, 0xffffffffffffffff, 0x8000000000000000, 63)
  TEST_IMM_OP(  8, srai, 0x3fffffffffffffff, 0x7fffffffffffffff, 1)
  TEST_IMM_OP(  9, srai, 0x0000000000000000, 0x7fffffffffffffff, 63)
  TEST_IMM_OP( 10, srai, 0xffffffffffffffff, 0xffffffffffffffff, 1)
  TEST_IMM_OP( 11, srai, 0xffffffffffffffff, 0xffffffffffffffff, 63)
  TEST_IMM_OP( 12, srai, 0x0000000000000001, 0x0000000080000000, 31)
  TEST_IMM_OP( 13, srai, 0x0000000000000000, 0x0000000080000000, 32)
  TEST_IMM_OP( 14, srai, 0xffffffffffedcba9, 0xfedcba9876543210, 36)
  TEST_IMM_OP( 15, srai, 0x0000000000123456, 0x0123456789abcdef, 36)

  # source == destination
  TEST_IMM_SRC1_EQ_DEST(100, srai, 0xffffffffffffffe0, 0xfffffffffffff000, 7)

  # x0 as the source reads 0; x0 as the destination stays 0
  TEST_IMM_ZEROSRC1(101, srai, 0x0000000000000000, 7)
  TEST_IMM_ZERODEST(102, srai, 0xfffffffffffff000, 7)

  # bypass distances 0, 1, 2 for the result and for the operand
  TEST_IMM_BYPASS_ALL(110, srai, 0xffffffffffffffe0, 0xfffffffffffff000, 7)

TEST_PASSFAIL
RVTEST_CODE_END

RVTEST_DATA_BEGIN
RVTEST_DATA_END
