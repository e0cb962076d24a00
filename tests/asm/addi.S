# addi: rd = rs1 + sext(imm12) (RV64I)
#
# The 12-bit immediate is sign-extended; addi x0, x0, 0 is the canonical nop.
#
# Written for mkrv from the RISC-V unprivileged ISA specification (20191213).
#include "mkrv_test.h"
#include "test_macros.h"

RVTEST_RV64U
RVTEST_CODE_BEGIN

  TEST_IMM_OP(  2, addi, 0x0000000000000000, 0x0000000000000000, 0)
  TEST_IMM_OP(  3, addi, 0x0000000000000002, 0x0000000000000001, 1)
  TEST_IMM_OP(  4, addi, 0x000000000000000a, 0x0000000000000003, 7)
  TEST_IMM_OP(  5, addi, 0xfffffffffffff800, 0x0000000000000000, -2048)
  TEST_IMM_OP(  6, addi, 0x00000000000007ff, 0x0000000000000000, 2047)
  TEST_IMM_OP(  7, addi, 0x8000000000000000, 0x8000000000000000, 0)
  TEST_IMM_OP(  8, addi, 0x7fffffffffffffff, 0x8000000000000000, -1)
  TEST_IMM_OP(  9, addi, 0x8000000000000000, 0x7fffffffffffffff, 1)
  TEST_IMM_OP( 10, addi, 0x80000000000007fe, 0x7fffffffffffffff, 2047)
  TEST_IMM_OP( 11, addi, 0x0000000000000000, 0xffffffffffffffff, 1)
  TEST_IMM_OP( 12, addi, 0xfffffffffffffffe, 0xffffffffffffffff, -1)
  TEST_IMM_OP( 13, addi, 0x0000000080000000, 0x000000007fffffff, 1)
  TEST_IMM_OP( 14, addi, 0x0000000100000000, 0x00000000ffffffff, 1)
  TEST_IMM_OP( 15, addi, 0x000000007ffff800, 0x0000000080000000, -2048)
  TEST_IMM_OP( 16, addi, 0x0123456789abc89a, 0x0123456789abcdef, -1365)
  TEST_IMM_OP( 17, addi, 0xffffffffffffffff, 0x0000000000000000, -1)

  # source == destination
  TEST_IMM_SRC1_EQ_DEST(100, addi, 0x0000000000000018, 0x000000000000000d, 11)

  # x0 as the source reads 0; x0 as the destination stays 0
  TEST_IMM_ZEROSRC1(101, addi, 0x000000000000000b, 11)
  TEST_IMM_ZERODEST(102, addi, 0x000000000000000d, 11)

  # bypass distances 0, 1, 2 for the result and for the operand
  TEST_IMM_BYPASS_ALL(110, addi, 0x0000000000000018, 0x000000000000000d, 11)

TEST_PASSFAIL
RVTEST_CODE_END

RVTEST_DATA_BEGIN
RVTEST_DATA_END
