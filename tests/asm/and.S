# and: rd = rs1 & rs2 (RV64I)
#
# Bitwise and.
#
# Written for mkrv from the RISC-V unprivileged ISA specification (20191213).
#include "mkrv_test.h"
#include "test_macros.h"

RVTEST_RV64U
RVTEST_CODE_BEGIN

  TEST_RR_OP(  2, and, 0x0f000f000f000f00, 0xff00ff00ff00ff00, 0x0f0f0f0f0f0f0f0f)
  TEST_RR_OP(  3, and, 0x00f000f000f000f0, 0x0ff00ff00ff00ff0, 0xf0f0f0f0f0f0f0f0)
  TEST_RR_OP(  4, and, 0x0000000000000000, 0xaaaaaaaaaaaaaaaa, 0x5555555555555555)
  TEST_RR_OP(  5, and, 0xaaaaaaaaaaaaaaaa, 0xaaaaaaaaaaaaaaaa, 0xaaaaaaaaaaaaaaaa)
  TEST_RR_OP(  6, and, 0x0123456789abcdef, 0xffffffffffffffff, 0x0123456789abcdef)
  TEST_RR_OP(  7, and, 0x0000000000000000, 0xfedcba9876543210, 0x0123456789abcdef)
  TEST_RR_OP(  8, and, 0x8000000000000000, 0x8000000000000000, 0xffffffffffffffff)

  # source == destination
  TEST_RR_SRC1_EQ_DEST(100, and, 0x0f000f000f000f00, 0xff00ff00ff00ff00, 0x0f0f0f0f0f0f0f0f)
  TEST_RR_SRC2_EQ_DEST(101, and, 0x0f000f000f000f00, 0xff00ff00ff00ff00, 0x0f0f0f0f0f0f0f0f)
  TEST_RR_SRC12_EQ_DEST(102, and, 0xff00ff00ff00ff00, 0xff00ff00ff00ff00)

  # x0 as a source reads 0; x0 as the destination stays 0
  TEST_RR_ZEROSRC1(103, and, 0x0000000000000000, 0x0f0f0f0f0f0f0f0f)
  TEST_RR_ZEROSRC2(104, and, 0x0000000000000000, 0xff00ff00ff00ff00)
  TEST_RR_ZEROSRC12(105, and, 0x0000000000000000)
  TEST_RR_ZERODEST(106, and, 0xff00ff00ff00ff00, 0x0f0f0f0f0f0f0f0f)

  # bypass distances 0, 1, 2 for the result and for each operand
  TEST_RR_BYPASS_ALL(110, and, 0x0f000f000f000f00, 0xff00ff00ff00ff00, 0x0f0f0f0f0f0f0f0f)

TEST_PASSFAIL
RVTEST_CODE_END

RVTEST_DATA_BEGIN
RVTEST_DATA_END
