# addiw: rd = sext((rs1 + sext(imm12))[31:0]) (RV64I)
#
# 32-bit add immediate, result sign-extended; addiw rd, rs, 0 is sext.w.
#
# Written for mkrv from the RISC-V unprivileged ISA specification (20191213).
#include "mkrv_test.h"
#include "test_macros.h"

RVTEST_RV64U
RVTEST_CODE_BEGIN

  TEST_IMM_OP(  2, addiw, 0x0000000000000000, 0x0000000000000000, 0)
  TEST_IMM_OP(  3, addiw, 0x0000000000000002, 0x0000000000000001, 1)
  TEST_IMM_OP(  4, addiw, 0x000000000000000a, 0x0000000000000003, 7)
  TEST_IMM_OP(  5, addiw, 0xfffffffffffff800, 0x0000000000000000, -2048)
  TEST_IMM_OP(  6, addiw, 0x00000000000007ff, 0x0000000000000000, 2047)
  TEST_IMM_OP(  7, addiw, 0xffffffff80000000, 0x000000007fffffff, 1)
  TEST_IMM_OP(  8, addiw, 0xffffffff800007fe, 0x000000007fffffff, 2047)
  TEST_IMM_OP(  9, addiw, 0x000000007fffffff, 0x0000000080000000, -1)
  TEST_IMM_OP( 10, addiw, 0x0000000000000000, 0x00000000ffffffff, 1)
  TEST_IMM_OP( 11, addiw, 0xffffffffffffffff, 0x00000000ffffffff, 0)
  TEST_IMM_OP( 12, addiw, 0xffffffff80000000, 0x1234567880000000, 0)
  TEST_IMM_OP( 13, addiw, 0x000000007fffffff, 0xffffffff7fffffff, 0)
  TEST_IMM_OP( 14, addiw, 0xffffffffffffffff, 0x0000000100000000, -1)
  TEST_IMM_OP( 15, addiw, 0xffffffff89abc89a, 0x0123456789abcdef, -1365)

  # source == destination
  TEST_IMM_SRC1_EQ_DEST(100, addiw, 0x0000000000000018, 0x000000000000000d, 11)

  # x0 as the source reads 0; x0 as the destination stays 0
  TEST_IMM_ZEROSRC1(101, addiw, 0x000000000000000b, 11)
  TEST_IMM_ZERODEST(102, addiw, 0x000000000000000d, 11)

  # bypass distances 0, 1, 2 for the result and for the operand
  TEST_IMM_BYPASS_ALL(110, addiw, 0x0000000000000018, 0x000000000000000d, 11)

TEST_PASSFAIL
RVTEST_CODE_END

RVTEST_DATA_BEGIN
RVTEST_DATA_END
