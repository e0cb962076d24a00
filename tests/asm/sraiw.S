# sraiw: rd = sext(rs1[31:0] >>s shamt5) (RV64I)
#
# 32-bit immediate arithmetic right shift by 0..31: copies of bit 31 are shifted in; result sign-extended.
#
# Written for mkrv from the RISC-V unprivileged ISA specification (20191213).
#include "mkrv_test.h"
#include "test_macros.h"

RVTEST_RV64U
RVTEST_CODE_BEGIN

  TEST_IMM_OP(  2, sraiw, 0xffffffff80000000, 0x0000000080000000, 0)
  TEST_IMM_OP(  3, sraiw, 0xffffffffc0000000, 0x0000000080000000, 1)
  TEST_IMM_OP(  4, sraiw, 0xffffffffff000000, 0x0000000080000000, 7)
  TEST_IMM_OP(  5, sraiw, 0xffffffffffffffff, 0x0000000080000000, 31)
  TEST_IMM_OP(  6, sraiw, 0x000000007fffffff, 0x000000007fffffff, 0)
  TEST_IMM_OP(  7, sraiw, 0x000000003fffffff, 0x000000007fffffff, 1)
  TEST_IMM_OP(  8, sraiw, 0x0000000000000000, 0x000000007fffffff, 31)
  TEST_IMM_OP(  9, sraiw, 0xffffffffffffffff, 0xffffffffffffffff, 31)
  TEST_IMM_OP( 10, sraiw, 0x0000000000000000, 0x7fffffff00000000, 0)
  TEST_IMM_OP( 11, sraiw, 0x0000000007ffffff, 0xffffffff7fffffff, 4)
  TEST_IMM_OP( 12, sraiw, 0xffffffffff000000, 0x00000000f0000000, 4)
  TEST_IMM_OP( 13, sraiw, 0xfffffffff9abcdef, 0x123456789abcdef0, 4)

  # source == destination
  TEST_IMM_SRC1_EQ_DEST(100, sraiw, 0xffffffffffffffe0, 0x00000000fffff000, 7)

  # x0 as the source reads 0; x0 as the destination stays 0
  TEST_IMM_ZEROSRC1(101, sraiw, 0x0000000000000000, 7)
  TEST_IMM_ZERODEST(102, sraiw, 0x00000000fffff000, 7)

  # bypass distances 0, 1, 2 for the result and for the operand
  TEST_IMM_BYPASS_ALL(110, sraiw, 0xffffffffffffffe0, 0x00000000fffff000, 7)

TEST_PASSFAIL
RVTEST_CODE_END

RVTEST_DATA_BEGIN
RVTEST_DATA_END
