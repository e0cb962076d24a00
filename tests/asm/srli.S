# srli: rd = rs1 >>u shamt6 (RV64I)
#
# Immediate logical right shift by 0..63.
#
# Written for mkrv from the RISC-V unprivileged ISA specification (20191213).
#include "mkrv_test.h"
#include "test_macros.h"

RVTEST_RV64U
RVTEST_CODE_BEGIN

  TEST_IMM_OP(  2, srli, 0x8000000000000000, 0x8000000000000000, 0)
  TEST_IMM_OP(  3, srli, 0x4000000000000000, 0x8000000000000000, 1)
  TEST_IMM_OP(  4, srli, 0x0100000000000000, 0x8000000000000000, 7)
  TEST_IMM_OP(  5, srli, 0x0000000100000000, 0x8000000000000000, 31)
  TEST_IMM_OP(  6, srli, 0x0000000080000000, 0x8000000000000000, 32)
  TEST_IMM_OP(  7, srli, 0x0000000000000001, 0x8000000000000000, 63)
  TEST_IMM_OP(  8, srli, 0xffffffffffffffff, 0xffffffffffffffff, 0)
  TEST_IMM_OP(  9, srli, 0x7fffffffffffffff, 0xffffffffffffffff, 1)
  TEST_IMM_OP( 10, srli, 0x00000001ffffffff, 0xffffffffffffffff, 31)
  TEST_IMM_OP( 11, srli, 0x00000000ffffffff, 0xffffffffffffffff, 32)
  TEST_IMM_OP( 12, srli, 0x0000000000000001, 0xffffffffffffffff, 63)
  TEST_IMM_OP( 13, srli, 0x0000000000000001, 0x0000000080000000, 31)
  TEST_IMM_OP( 14, srli, 0x000000000fedcba9, 0xfedcba9876543210, 36)
  TEST_IMM_OP( 15, srli, 0x0fedcba987654321, 0xfedcba9876543210, 4)

  # source == destination
  TEST_IMM_SRC1_EQ_DEST(100, srli, 0x00000000000001e0, 0x000000000000f000, 7)

  # x0 as the source reads 0; x0 as the destination stays 0
  TEST_IMM_ZEROSRC1(101, srli, 0x0000000000000000, 7)
  TEST_IMM_ZERODEST(102, srli, 0x000000000000f000, 7)

  # bypass distances 0, 1, 2 for the result and for the operand
  TEST_IMM_BYPASS_ALL(110, srli, 0x00000000000001e0, 0x000000000000f000, 7)

TEST_PASSFAIL
RVTEST_CODE_END

RVTEST_DATA_BEGIN
RVTEST_DATA_END
