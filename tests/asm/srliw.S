# srliw: rd = sext(rs1[31:0] >>u shamt5) (RV64I)
#
# 32-bit immediate logical right shift by 0..31, result sign-extended (a shift by 0 keeps bit 31, so the result can be negative).
#
# Written for mkrv from the RISC-V unprivileged ISA specification (20191213).
#include "mkrv_test.h"
#include "test_macros.h"

RVTEST_RV64U
RVTEST_CODE_BEGIN

  TEST_IMM_OP(  2, srliw, 0xffffffff80000000, 0x0000000080000000, 0)
  TEST_IMM_OP(  3, srliw, 0x0000000040000000, 0x0000000080000000, 1)
  TEST_IMM_OP(  4, srliw, 0x0000000001000000, 0x0000000080000000, 7)
  TEST_IMM_OP(  5, srliw, 0x0000000000000001, 0x0000000080000000, 31)
  TEST_IMM_OP(  6, srliw, 0xffffffffffffffff, 0xffffffffffffffff, 0)
  TEST_IMM_OP(  7, srliw, 0x000000007fffffff, 0xffffffffffffffff, 1)
  TEST_IMM_OP(  8, srliw, 0x0000000000000001, 0xffffffffffffffff, 31)
  TEST_IMM_OP(  9, srliw, 0x0000000000008484, 0x0000000021212121, 14)
  TEST_IMM_OP( 10, srliw, 0x0000000000000000, 0xffffffff00000000, 0)
  TEST_IMM_OP( 11, srliw, 0x0000000009abcdef, 0x123456789abcdef0, 4)
  TEST_IMM_OP( 12, srliw, 0x000000007fffffff, 0x000000017fffffff, 0)
  TEST_IMM_OP( 13, srliw, 0x0000000000000001, 0x7fffffff80000000, 31)

  # source == destination
  TEST_IMM_SRC1_EQ_DEST(100, srliw, 0x00000000000001e0, 0x000000000000f000, 7)

  # x0 as the source reads 0; x0 as the destination stays 0
  TEST_IMM_ZEROSRC1(101, srliw, 0x0000000000000000, 7)
  TEST_IMM_ZERODEST(102, srliw, 0x000000000000f000, 7)

  # bypass distances 0, 1, 2 for the result and for the operand
  TEST_IMM_BYPASS_ALL(110, srliw, 0x00000000000001e0, 0x000000000000f000, 7)

TEST_PASSFAIL
RVTEST_CODE_END

RVTEST_DATA_BEGIN
RVTEST_DATA_END
