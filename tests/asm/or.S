# or: rd = rs1 | rs2 (RV64I)
#
# Bitwise or.
#
# Written for mkrv from the RISC-V unprivileged ISA specification (20191213).
#include "mkrv_test.h"
#include "test_macros.h"

RVTEST_RV64U
RVTEST_CODE_BEGIN

  TEST_RR_OP(  2, or, 0xff0fff0fff0fff0f, 0xff00ff00ff00ff00, 0x0f0f0f0f0f0f0f0f)
  TEST_RR_OP(  3, or, 0xfff0fff0fff0fff0, 0x0ff00ff00ff00ff0, 0xf0f0f0f0f0f0f0f0)
  TEST_RR_OP(  4, or, 0xffffffffffffffff, 0xaaaaaaaaaaaaaaaa, 0x5555555555555555)
  TEST_RR_OP(  5, or, 0xaaaaaaaaaaaaaaaa, 0xaaaaaaaaaaaaaaaa, 0xaaaaaaaaaaaaaaaa)
  TEST_RR_OP(  6, or, 0x0123456789abcdef, 0x0000000000000000, 0x0123456789abcdef)
  TEST_RR_OP(  7, or, 0x8000000000000001, 0x8000000000000000, 0x0000000000000001)
  TEST_RR_OP(  8, or, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000)

  # source == destination
  TEST_RR_SRC1_EQ_DEST(100, or, 0xff0fff0fff0fff0f, 0xff00ff00ff00ff00, 0x0f0f0f0f0f0f0f0f)
  TEST_RR_SRC2_EQ_DEST(101, or, 0xff0fff0fff0fff0f, 0xff00ff00ff00ff00, 0x0f0f0f0f0f0f0f0f)
  TEST_RR_SRC12_EQ_DEST(102, or, 0xff00ff00ff00ff00, 0xff00ff00ff00ff00)

  # x0 as a source reads 0; x0 as the destination stays 0
  TEST_RR_ZEROSRC1(103, or, 0x0f0f0f0f0f0f0f0f, 0x0f0f0f0f0f0f0f0f)
  TEST_RR_ZEROSRC2(104, or, 0xff00ff00ff00ff00, 0xff00ff00ff00ff00)
  TEST_RR_ZEROSRC12(105, or, 0x0000000000000000)
  TEST_RR_ZERODEST(106, or, 0xff00ff00ff00ff00, 0x0f0f0f0f0f0f0f0f)

  # bypass distances 0, 1, 2 for the result and for each operand
  TEST_RR_BYPASS_ALL(110, or, 0xff0fff0fff0fff0f, 0xff00ff00ff00ff00, 0x0f0f0f0f0f0f0f0f)

TEST_PASSFAIL
RVTEST_CODE_END

RVTEST_DATA_BEGIN
RVTEST_DATA_END
