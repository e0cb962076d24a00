# sb: M[rs1 + imm][7:0] = rs2[7:0]
#
# Stores the low byte of rs2; neighbouring bytes are unchanged.
# Each store is read back with loads; stores at every aligned offset, with
# positive, negative and extreme immediates, and checks that the bytes around
# the store are untouched. Data/address bypass distances 0, 1, 2.
#
# Written for mkrv from the RISC-V unprivileged ISA specification (20191213).
#include "mkrv_test.h"
#include "test_macros.h"

RVTEST_RV64U
RVTEST_CODE_BEGIN

  # store at every aligned offset, read back sign- and zero-extended
  TEST_ST_OP(  2, lb, sb, 0xffffffffffffffef, 0x0123456789abcdef, 0, tdat)
  TEST_LD_OP(  3, lbu, 0x00000000000000ef, 0, tdat)
  TEST_ST_OP(  4, lb, sb, 0x0000000000000010, 0xfedcba9876543210, 1, tdat)
  TEST_LD_OP(  5, lbu, 0x0000000000000010, 1, tdat)
  TEST_ST_OP(  6, lb, sb, 0xffffffffffffff80, 0x8000000000000080, 2, tdat)
  TEST_LD_OP(  7, lbu, 0x0000000000000080, 2, tdat)
  TEST_ST_OP(  8, lb, sb, 0x000000000000007f, 0x7f7f7f7f7f7f7f7f, 3, tdat)
  TEST_LD_OP(  9, lbu, 0x000000000000007f, 3, tdat)
  TEST_ST_OP( 10, lb, sb, 0x0000000000000000, 0x0000000000000000, 4, tdat)
  TEST_LD_OP( 11, lbu, 0x0000000000000000, 4, tdat)
  TEST_ST_OP( 12, lb, sb, 0xffffffffffffffff, 0xffffffffffffffff, 5, tdat)
  TEST_LD_OP( 13, lbu, 0x00000000000000ff, 5, tdat)
  TEST_ST_OP( 14, lb, sb, 0xffffffffffffffff, 0x00000000800000ff, 6, tdat)
  TEST_LD_OP( 15, lbu, 0x00000000000000ff, 6, tdat)
  TEST_ST_OP( 16, lb, sb, 0xffffffffffffffa5, 0x5a5a5a5aa5a5a5a5, 7, tdat)
  TEST_LD_OP( 17, lbu, 0x00000000000000a5, 7, tdat)
  TEST_ST_OP( 18, lb, sb, 0xffffffffffffffef, 0x0123456789abcdef, 8, tdat)
  TEST_LD_OP( 19, lbu, 0x00000000000000ef, 8, tdat)
  TEST_ST_OP( 20, lb, sb, 0x0000000000000010, 0xfedcba9876543210, 9, tdat)
  TEST_LD_OP( 21, lbu, 0x0000000000000010, 9, tdat)
  TEST_ST_OP( 22, lb, sb, 0xffffffffffffff80, 0x8000000000000080, 10, tdat)
  TEST_LD_OP( 23, lbu, 0x0000000000000080, 10, tdat)
  TEST_ST_OP( 24, lb, sb, 0x000000000000007f, 0x7f7f7f7f7f7f7f7f, 11, tdat)
  TEST_LD_OP( 25, lbu, 0x000000000000007f, 11, tdat)
  TEST_ST_OP( 26, lb, sb, 0x0000000000000000, 0x0000000000000000, 12, tdat)
  TEST_LD_OP( 27, lbu, 0x0000000000000000, 12, tdat)
  TEST_ST_OP( 28, lb, sb, 0xffffffffffffffff, 0xffffffffffffffff, 13, tdat)
  TEST_LD_OP( 29, lbu, 0x00000000000000ff, 13, tdat)
  TEST_ST_OP( 30, lb, sb, 0xffffffffffffffff, 0x00000000800000ff, 14, tdat)
  TEST_LD_OP( 31, lbu, 0x00000000000000ff, 14, tdat)
  TEST_ST_OP( 32, lb, sb, 0xffffffffffffffa5, 0x5a5a5a5aa5a5a5a5, 15, tdat)
  TEST_LD_OP( 33, lbu, 0x00000000000000a5, 15, tdat)
  TEST_ST_OP( 34, lb, sb, 0xffffffffffffffef, 0x0123456789abcdef, 16, tdat)
  TEST_LD_OP( 35, lbu, 0x00000000000000ef, 16, tdat)
  TEST_ST_OP( 36, lb, sb, 0x0000000000000010, 0xfedcba9876543210, 17, tdat)
  TEST_LD_OP( 37, lbu, 0x0000000000000010, 17, tdat)
  TEST_ST_OP( 38, lb, sb, 0xffffffffffffff80, 0x8000000000000080, 18, tdat)
  TEST_LD_OP( 39, lbu, 0x0000000000000080, 18, tdat)
  TEST_ST_OP( 40, lb, sb, 0x000000000000007f, 0x7f7f7f7f7f7f7f7f, 19, tdat)
  TEST_LD_OP( 41, lbu, 0x000000000000007f, 19, tdat)
  TEST_ST_OP( 42, lb, sb, 0x0000000000000000, 0x0000000000000000, 20, tdat)
  TEST_LD_OP( 43, lbu, 0x0000000000000000, 20, tdat)
  TEST_ST_OP( 44, lb, sb, 0xffffffffffffffff, 0xffffffffffffffff, 21, tdat)
  TEST_LD_OP( 45, lbu, 0x00000000000000ff, 21, tdat)
  TEST_ST_OP( 46, lb, sb, 0xffffffffffffffff, 0x00000000800000ff, 22, tdat)
  TEST_LD_OP( 47, lbu, 0x00000000000000ff, 22, tdat)
  TEST_ST_OP( 48, lb, sb, 0xffffffffffffffa5, 0x5a5a5a5aa5a5a5a5, 23, tdat)
  TEST_LD_OP( 49, lbu, 0x00000000000000a5, 23, tdat)
  TEST_ST_OP( 50, lb, sb, 0xffffffffffffffef, 0x0123456789abcdef, 24, tdat)
  TEST_LD_OP( 51, lbu, 0x00000000000000ef, 24, tdat)
  TEST_ST_OP( 52, lb, sb, 0x0000000000000010, 0xfedcba9876543210, 25, tdat)
  TEST_LD_OP( 53, lbu, 0x0000000000000010, 25, tdat)
  TEST_ST_OP( 54, lb, sb, 0xffffffffffffff80, 0x8000000000000080, 26, tdat)
  TEST_LD_OP( 55, lbu, 0x0000000000000080, 26, tdat)
  TEST_ST_OP( 56, lb, sb, 0x000000000000007f, 0x7f7f7f7f7f7f7f7f, 27, tdat)
  TEST_LD_OP( 57, lbu, 0x000000000000007f, 27, tdat)
  TEST_ST_OP( 58, lb, sb, 0x0000000000000000, 0x0000000000000000, 28, tdat)
  TEST_LD_OP( 59, lbu, 0x0000000000000000, 28, tdat)
  TEST_ST_OP( 60, lb, sb, 0xffffffffffffffff, 0xffffffffffffffff, 29, tdat)
  TEST_LD_OP( 61, lbu, 0x00000000000000ff, 29, tdat)
  TEST_ST_OP( 62, lb, sb, 0xffffffffffffffff, 0x00000000800000ff, 30, tdat)
  TEST_LD_OP( 63, lbu, 0x00000000000000ff, 30, tdat)
  TEST_ST_OP( 64, lb, sb, 0xffffffffffffffa5, 0x5a5a5a5aa5a5a5a5, 31, tdat)
  TEST_LD_OP( 65, lbu, 0x00000000000000a5, 31, tdat)

  # the whole area: every store hit exactly its own bytes
  TEST_LD_OP( 66, ld, 0xa5ffff007f8010ef, 0, tdat)
  TEST_LD_OP( 67, ld, 0xa5ffff007f8010ef, 8, tdat)
  TEST_LD_OP( 68, ld, 0xa5ffff007f8010ef, 16, tdat)
  TEST_LD_OP( 69, ld, 0xa5ffff007f8010ef, 24, tdat)
  TEST_LD_OP( 70, ld, 0xa5a5a5a5a5a5a5a5, 32, tdat)

  # negative offsets; extreme immediates
  TEST_ST_OP( 71, lb, sb, 0xffffffffffffff88, 0x1122334455667788, -1, tdat+40)
  TEST_ST_OP( 72, lb, sb, 0x0000000000000077, 0xeeddccbbaa998877, -2048, tdat+40+2048)
  TEST_ST_OP( 73, lb, sb, 0xffffffffffffff88, 0x1122334455667788, 2047, tdat+48-2047)

  # a store does not write rs2 or rs1
  TEST_CASE(74, a2, 0x0123456789abcdef, la a3, tdat; li a2, 0x0123456789abcdef; sb a2, 0(a3))
  la s0, tdat
  TEST_CASE(75, a3, 0, la a3, tdat; sb zero, 0(a3); sub a3, a3, s0)

  # store x0: writes zeros
  TEST_ST_OP( 76, lbu, sb, 0, 0, 0, tdat)
  TEST_CASE(77, a4, 0, la a3, tdat; li a2, -1; sd a2, 8(a3); sb x0, 8(a3); lbu a4, 8(a3))

  # data and address produced 0, 1, 2 instructions before the store
  TEST_ST_BYPASS_ALL(60, lb, sb, 0x000000000000000d, 0xdeadbeefcafef00d, 8, tdat)
  TEST_ST_BYPASS_ALL(70, lbu, sb, 0x00000000000000f2, 0x2152411035010ff2, 15, tdat)

TEST_PASSFAIL
RVTEST_CODE_END

RVTEST_DATA_BEGIN
  .align 4
  .skip 2048
tdat:
  .fill 64, 1, 0xa5
  .skip 2048
RVTEST_DATA_END
