# sra: rd = rs1 >>s rs2[5:0] (RV64I)
#
# Arithmetic right shift; copies of bit 63 are shifted in; only the low 6 bits of rs2 count.
#
# Written for mkrv from the RISC-V unprivileged ISA specification (20191213).
#include "mkrv_test.h"
#include "test_macros.h"

RVTEST_RV64U
RVTEST_CODE_BEGIN

  TEST_RR_OP(  2, sra, 0x8000000000000000, 0x8000000000000000, 0x0000000000000000)
  TEST_RR_OP(  3, sra, 0xc000000000000000, 0x8000000000000000, 0x0000000000000001)
  TEST_RR_OP(  4, sra, 0xff00000000000000, 0x8000000000000000, 0x0000000000000007)
  TEST_RR_OP(  5, sra, 0xffffffff00000000, 0x8000000000000000, 0x000000000000001f)
  TEST_RR_OP(  6, sra, 0xffffffff80000000, 0x8000000000000000, 0x0000000000000020)
  TEST_RR_OP(  7, sra, 0xffffffffffffffff, 0x8000000000000000, 0x000000000000003f)
  TEST_RR_OP(  8, sra, 0x3fffffffffffffff, 0x7fffffffffffffff, 0x0000000000000001)
  TEST_RR_OP(  9, sra, 0x0000000000000000, 0x7fffffffffffffff, 0x000000000000003f)
  TEST_RR_OP( 10, sra, 0xffffffffffffffff, 0xffffffffffffffff, 0x0000000000000000)
  TEST_RR_OP( 11, sra, 0xffffffffffffffff, 0xffffffffffffffff, 0x0000000000000001)
  TEST_RR_OP( 12, sra, 0xffffffffffffffff, 0xffffffffffffffff, 0x000000000000003f)
  TEST_RR_OP( 13, sra, 0x0000000000000001, 0x0000000080000000, 0x000000000000001f)
  TEST_RR_OP( 14, sra, 0x0000000000000000, 0x0000000080000000, 0x0000000000000020)
  TEST_RR_OP( 15, sra, 0xffffffffffedcba9, 0xfedcba9876543210, 0x0000000000000024)
  TEST_RR_OP( 16, sra, 0x0000000000123456, 0x0123456789abcdef, 0x0000000000000024)
  TEST_RR_OP( 17, sra, 0xfedcba9876543210, 0xfedcba9876543210, 0x0000000000000040)
  TEST_RR_OP( 18, sra, 0xff6e5d4c3b2a1908, 0xfedcba9876543210, 0x0000000000000041)
  TEST_RR_OP( 19, sra, 0xffffffffffffffff, 0xfedcba9876543210, 0xffffffffffffffff)
  TEST_RR_OP( 20, sra, 0xfedcba9876543210, 0xfedcba9876543210, 0xffffffffffffffc0)
  TEST_RR_OP( 21, sra, 0xffffffffffffffff, 0x8000000000000000, 0x00000000000007ff)

  # source == destination
  TEST_RR_SRC1_EQ_DEST(100, sra, 0xffffffffffffffe0, 0xfffffffffffff000, 0x0000000000000007)
  TEST_RR_SRC2_EQ_DEST(101, sra, 0xffffffffffffffe0, 0xfffffffffffff000, 0x0000000000000007)
  TEST_RR_SRC12_EQ_DEST(102, sra, 0xfffffffffffff000, 0xfffffffffffff000)

  # x0 as a source reads 0; x0 as the destination stays 0
  TEST_RR_ZEROSRC1(103, sra, 0x0000000000000000, 0x0000000000000007)
  TEST_RR_ZEROSRC2(104, sra, 0xfffffffffffff000, 0xfffffffffffff000)
  TEST_RR_ZEROSRC12(105, sra, 0x0000000000000000)
  TEST_RR_ZERODEST(106, sra, 0xfffffffffffff000, 0x0000000000000007)

  # bypass distances 0, 1, 2 for the result and for each operand
  TEST_RR_BYPASS_ALL(110, sra, 0xffffffffffffffe0, 0xfffffffffffff000, 0x0000000000000007)

TEST_PASSFAIL
RVTEST_CODE_END

RVTEST_DATA_BEGIN
RVTEST_DATA_END
