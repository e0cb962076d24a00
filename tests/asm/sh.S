# sh: M[rs1 + imm][15:0] = rs2[15:0]
#
# Stores the low halfword of rs2 (little-endian); neighbouring bytes are unchanged.
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
  TEST_ST_OP(  2, lh, sh, 0xffffffffffffcdef, 0x0123456789abcdef, 0, tdat)
  TEST_LD_OP(  3, lhu, 0x000000000000cdef, 0, tdat)
  TEST_ST_OP(  4, lh, sh, 0x0000000000003210, 0xfedcba9876543210, 2, tdat)
  TEST_LD_OP(  5, lhu, 0x0000000000003210, 2, tdat)
  TEST_ST_OP(  6, lh, sh, 0x0000000000000080, 0x8000000000000080, 4, tdat)
  TEST_LD_OP(  7, lhu, 0x0000000000000080, 4, tdat)
  TEST_ST_OP(  8, lh, sh, 0x0000000000007f7f, 0x7f7f7f7f7f7f7f7f, 6, tdat)
  TEST_LD_OP(  9, lhu, 0x0000000000007f7f, 6, tdat)
  TEST_ST_OP( 10, lh, sh, 0x0000000000000000, 0x0000000000000000, 8, tdat)
  TEST_LD_OP( 11, lhu, 0x0000000000000000, 8, tdat)
  TEST_ST_OP( 12, lh, sh, 0xffffffffffffffff, 0xffffffffffffffff, 10, tdat)
  TEST_LD_OP( 13, lhu, 0x000000000000ffff, 10, tdat)
  TEST_ST_OP( 14, lh, sh, 0x00000000000000ff, 0x00000000800000ff, 12, tdat)
  TEST_LD_OP( 15, lhu, 0x00000000000000ff, 12, tdat)
  TEST_ST_OP( 16, lh, sh, 0xffffffffffffa5a5, 0x5a5a5a5aa5a5a5a5, 14, tdat)
  TEST_LD_OP( 17, lhu, 0x000000000000a5a5, 14, tdat)
  TEST_ST_OP( 18, lh, sh, 0xffffffffffffcdef, 0x0123456789abcdef, 16, tdat)
  TEST_LD_OP( 19, lhu, 0x000000000000cdef, 16, tdat)
  TEST_ST_OP( 20, lh, sh, 0x0000000000003210, 0xfedcba9876543210, 18, tdat)
  TEST_LD_OP( 21, lhu, 0x0000000000003210, 18, tdat)
  TEST_ST_OP( 22, lh, sh, 0x0000000000000080, 0x8000000000000080, 20, tdat)
  TEST_LD_OP( 23, lhu, 0x0000000000000080, 20, tdat)
  TEST_ST_OP( 24, lh, sh, 0x0000000000007f7f, 0x7f7f7f7f7f7f7f7f, 22, tdat)
  TEST_LD_OP( 25, lhu, 0x0000000000007f7f, 22, tdat)
  TEST_ST_OP( 26, lh, sh, 0x0000000000000000, 0x0000000000000000, 24, tdat)
  TEST_LD_OP( 27, lhu, 0x0000000000000000, 24, tdat)
  TEST_ST_OP( 28, lh, sh, 0xffffffffffffffff, 0xffffffffffffffff, 26, tdat)
  TEST_LD_OP( 29, lhu, 0x000000000000ffff, 26, tdat)
  TEST_ST_OP( 30, lh, sh, 0x00000000000000ff, 0x00000000800000ff, 28, tdat)
  TEST_LD_OP( 31, lhu, 0x00000000000000ff, 28, tdat)
  TEST_ST_OP( 32, lh, sh, 0xffffffffffffa5a5, 0x5a5a5a5aa5a5a5a5, 30, tdat)
  TEST_LD_OP( 33, lhu, 0x000000000000a5a5, 30, tdat)

  # the whole area: every store hit exactly its own bytes
  TEST_LD_OP( 34, ld, 0x7f7f00803210cdef, 0, tdat)
  TEST_LD_OP( 35, ld, 0xa5a500ffffff0000, 8, tdat)
  TEST_LD_OP( 36, ld, 0x7f7f00803210cdef, 16, tdat)
  TEST_LD_OP( 37, ld, 0xa5a500ffffff0000, 24, tdat)
  TEST_LD_OP( 38, ld, 0xa5a5a5a5a5a5a5a5, 32, tdat)

  # negative offsets; extreme immediates
  TEST_ST_OP( 39, lh, sh, 0x0000000000007788, 0x1122334455667788, -2, tdat+40)
  TEST_ST_OP( 40, lh, sh, 0xffffffffffff8877, 0xeeddccbbaa998877, -2048, tdat+40+2048)
  TEST_ST_OP( 41, lh, sh, 0x0000000000007788, 0x1122334455667788, 2047, tdat+48-2047)

  # a store does not write rs2 or rs1
  TEST_CASE(42, a2, 0x0123456789abcdef, la a3, tdat; li a2, 0x0123456789abcdef; sh a2, 0(a3))
  la s0, tdat
  TEST_CASE(43, a3, 0, la a3, tdat; sh zero, 0(a3); sub a3, a3, s0)

  # store x0: writes zeros
  TEST_ST_OP( 44, lhu, sh, 0, 0, 0, tdat)
  TEST_CASE(45, a4, 0, la a3, tdat; li a2, -1; sd a2, 8(a3); sh x0, 8(a3); lhu a4, 8(a3))

  # data and address produced 0, 1, 2 instructions before the store
  TEST_ST_BYPASS_ALL(60, lh, sh, 0xfffffffffffff00d, 0xdeadbeefcafef00d, 8, tdat)
  TEST_ST_BYPASS_ALL(70, lhu, sh, 0x0000000000000ff2, 0x2152411035010ff2, 14, tdat)

TEST_PASSFAIL
RVTEST_CODE_END

RVTEST_DATA_BEGIN
  .align 4
  .skip 2048
tdat:
  .fill 64, 1, 0xa5
  .skip 2048
RVTEST_DATA_END
