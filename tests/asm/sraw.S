# sraw: rd = sext(rs1[31:0] >>s rs2[4:0]) (RV64I)
#
# 32-bit arithmetic right shift: copies of bit 31 (not bit 63) are shifted in; only the low 5 bits of rs2 count; result sign-extended.
#
# Written for mkrv from the RISC-V unprivileged ISA specification (20191213).
#include "mkrv_test.h"
#include "test_macros.h"

RVTEST_RV64U
RVTEST_CODE_BEGIN

  TEST_RR_OP(  2, sraw, 0xffffffff80000000, 0x0000000080000000, 0x0000000000000000)
  TEST_RR_OP(  3, sraw, 0xffffffffc0000000, 0x0000000080000000, 0x0000000000000001)
  TEST_RR_OP(  4, sraw, 0xffffffffff000000, 0x0000000080000000, 0x0000000000000007)
  TEST_RR_OP(  5, sraw, 0xffffffffffffffff, 0x0000000080000000, 0x000000000000001f)
  TEST_RR_OP(  6, sraw, 0x000000007fffffff, 0x000000007fffffff, 0x0000000000000000)
  TEST_RR_OP(  7, sraw, 0x000000003fffffff, 0x000000007fffffff, 0x0000000000000001)
  TEST_RR_OP(  8, sraw, 0x0000000000000000, 0x000000007fffffff, 0x000000000000001f)
  TEST_RR_OP(  9, sraw, 0xffffffffffffffff, 0xffffffffffffffff, 0x000000000000001f)
  TEST_RR_OP( 10, sraw, 0xffffffff80000000, 0x0000000080000000, 0x0000000000000020)
  TEST_RR_OP( 11, sraw, 0xffffffffc0000000, 0x0000000080000000, 0x0000000000000021)
  TEST_RR_OP( 12, sraw, 0xffffffffffffffff, 0x0000000080000000, 0x000000000000003f)
  TEST_RR_OP( 13, sraw, 0xffffffffffffffff, 0x0000000080000000, 0xffffffffffffffff)
  TEST_RR_OP( 14, sraw, 0x0000000000000000, 0x7fffffff00000000, 0x0000000000000000)
  TEST_RR_OP( 15, sraw, 0x0000000007ffffff, 0xffffffff7fffffff, 0x0000000000000004)
  TEST_RR_OP( 16, sraw, 0xffffffffff000000, 0x00000000f0000000, 0x0000000000000004)
  TEST_RR_OP( 17, sraw, 0xfffffffff9abcdef, 0x123456789abcdef0, 0x0000000000000024)

  # source == destination
  TEST_RR_SRC1_EQ_DEST(100, sraw, 0xffffffffffffffe0, 0x00000000fffff000, 0x0000000000000007)
  TEST_RR_SRC2_EQ_DEST(101, sraw, 0xffffffffffffffe0, 0x00000000fffff000, 0x0000000000000007)
  TEST_RR_SRC12_EQ_DEST(102, sraw, 0xfffffffffffff000, 0x00000000fffff000)

  # x0 as a source reads 0; x0 as the destination stays 0
  TEST_RR_ZEROSRC1(103, sraw, 0x0000000000000000, 0x0000000000000007)
  TEST_RR_ZEROSRC2(104, sraw, 0xfffffffffffff000, 0x00000000fffff000)
  TEST_RR_ZEROSRC12(105, sraw, 0x0000000000000000)
  TEST_RR_ZERODEST(106, sraw, 0x00000000fffff000, 0x0000000000000007)

  # bypass distances 0, 1, 2 for the result and for each operand
  TEST_RR_BYPASS_ALL(110, sraw, 0xffffffffffffffe0, 0x00000000fffff000, 0x0000000000000007)

TEST_PASSFAIL
RVTEST_CODE_END

RVTEST_DATA_BEGIN
RVTEST_DATA_END
