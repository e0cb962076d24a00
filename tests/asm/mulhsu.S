# mulhsu: rd = (sext(rs1) * zext(rs2))[127:64] (M)
#
# High 64 bits of the signed (rs1) x unsigned (rs2) 128-bit product.
#
# Written for mkrv from the RISC-V unprivileged ISA specification (20191213).
#include "mkrv_test.h"
#include "test_macros.h"

RVTEST_RV64U
RVTEST_CODE_BEGIN

  TEST_RR_OP(  2, mulhsu, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000)
  TEST_RR_OP(  3, mulhsu, 0x0000000000000000, 0x0000000000000001, 0x0000000000000001)
  TEST_RR_OP(  4, mulhsu, 0x0000000000000000, 0x0000000000000003, 0x0000000000000007)
  TEST_RR_OP(  5, mulhsu, 0x0000000000000000, 0x0000000000000000, 0xffffffffffff8000)
  TEST_RR_OP(  6, mulhsu, 0x0000000000000000, 0xffffffff80000000, 0x0000000000000000)
  TEST_RR_OP(  7, mulhsu, 0xffffffff80000000, 0xffffffff80000000, 0xffffffffffff8000)
  TEST_RR_OP(  8, mulhsu, 0xc000000000000000, 0x8000000000000000, 0x8000000000000000)
  TEST_RR_OP(  9, mulhsu, 0x8000000000000000, 0x8000000000000000, 0xffffffffffffffff)
  TEST_RR_OP( 10, mulhsu, 0xffffffffffffffff, 0xffffffffffffffff, 0xffffffffffffffff)
  TEST_RR_OP( 11, mulhsu, 0xffffffffffffffff, 0xffffffffffffffff, 0x0000000000000001)
  TEST_RR_OP( 12, mulhsu, 0x0000000000000000, 0x0000000000000001, 0xffffffffffffffff)
  TEST_RR_OP( 13, mulhsu, 0x7ffffffffffffffe, 0x7fffffffffffffff, 0xffffffffffffffff)
  TEST_RR_OP( 14, mulhsu, 0xffffffffffffffff, 0x8000000000000000, 0x0000000000000001)
  TEST_RR_OP( 15, mulhsu, 0xffffffffffffffff, 0xffffffffffffffff, 0x8000000000000000)
  TEST_RR_OP( 16, mulhsu, 0x0000000000000001, 0x0000000100000000, 0x0000000100000000)
  TEST_RR_OP( 17, mulhsu, 0xfede05ff528828bc, 0xfedcba9876543210, 0xfedcba9876543210)
  TEST_RR_OP( 18, mulhsu, 0x0121fa00ad77d742, 0x0123456789abcdef, 0xfedcba9876543210)

  # source == destination
  TEST_RR_SRC1_EQ_DEST(100, mulhsu, 0xffffffffffffff71, 0xfffffff300000000, 0x0000000b00000000)
  TEST_RR_SRC2_EQ_DEST(101, mulhsu, 0xffffffffffffff71, 0xfffffff300000000, 0x0000000b00000000)
  TEST_RR_SRC12_EQ_DEST(102, mulhsu, 0xfffffff3000000a9, 0xfffffff300000000)

  # x0 as a source reads 0; x0 as the destination stays 0
  TEST_RR_ZEROSRC1(103, mulhsu, 0x0000000000000000, 0x0000000b00000000)
  TEST_RR_ZEROSRC2(104, mulhsu, 0x0000000000000000, 0xfffffff300000000)
  TEST_RR_ZEROSRC12(105, mulhsu, 0x0000000000000000)
  TEST_RR_ZERODEST(106, mulhsu, 0xfffffff300000000, 0x0000000b00000000)

  # bypass distances 0, 1, 2 for the result and for each operand
  TEST_RR_BYPASS_ALL(110, mulhsu, 0xffffffffffffff71, 0xfffffff300000000, 0x0000000b00000000)

TEST_PASSFAIL
RVTEST_CODE_END

RVTEST_DATA_BEGIN
RVTEST_DATA_END
