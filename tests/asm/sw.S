# sw: M[rs1 + imm][31:0] = rs2[31:0]
#
# Stores the low word of rs2 (little-endian); neighbouring bytes are unchanged.
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
  TEST_ST_OP(  2, lw, sw, 0xffffffff89abcdef, 0x0123456789abcdef, 0, tdat)
  TEST_LD_OP(  3, lwu, 0x0000000089abcdef, 0, tdat)
  TEST_ST_OP(  4, lw, sw, 0x0000000076543210, 0xfedcba9876543210, 4, tdat)
  TEST_LD_OP(  5, lwu, 0x0000000076543210, 4, tdat)
  TEST_ST_OP(  6, lw, sw, 0x0000000000000080, 0x8000000000000080, 8, tdat)
  TEST_LD_OP(  7, lwu, 0x0000000000000080, 8, tdat)
  TEST_ST_OP(  8, lw, sw, 0x000000007f7f7f7f, 0x7f7f7f7f7f7f7f7f, 12, tdat)
  TEST_LD_OP(  9, lwu, 0x000000007f7f7f7f, 12, tdat)
  TEST_ST_OP( 10, lw, sw, 0x0000000000000000, 0x0000000000000000, 16, tdat)
  TEST_LD_OP( 11, lwu, 0x0000000000000000, 16, tdat)
  TEST_ST_OP( 12, lw, sw, 0xffffffffffffffff, 0xffffffffffffffff, 20, tdat)
  TEST_LD_OP( 13, lwu, 0x00000000ffffffff, 20, tdat)
  TEST_ST_OP( 14, lw, sw, 0xffffffff800000ff, 0x00000000800000ff, 24, tdat)
  TEST_LD_OP( 15, lwu, 0x00000000800000ff, 24, tdat)
  TEST_ST_OP( 16, lw, sw, 0xffffffffa5a5a5a5, 0x5a5a5a5aa5a5a5a5, 28, tdat)
  TEST_LD_OP( 17, lwu, 0x00000000a5a5a5a5, 28, tdat)

  # the whole area: every store hit exactly its own bytes
  TEST_LD_OP( 18, ld, 0x7654321089abcdef, 0, tdat)
  TEST_LD_OP( 19, ld, 0x7f7f7f7f00000080, 8, tdat)
  TEST_LD_OP( 20, ld, 0xffffffff00000000, 16, tdat)
  TEST_LD_OP( 21, ld, 0xa5a5a5a5800000ff, 24, tdat)
  TEST_LD_OP( 22, ld, 0xa5a5a5a5a5a5a5a5, 32, tdat)

  # negative offsets; extreme immediates
  TEST_ST_OP( 23, lw, sw, 0x0000000055667788, 0x1122334455667788, -4, tdat+40)
  TEST_ST_OP( 24, lw, sw, 0xffffffffaa998877, 0xeeddccbbaa998877, -2048, tdat+40+2048)
  TEST_ST_OP( 25, lw, sw, 0x0000000055667788, 0x1122334455667788, 2047, tdat+48-2047)

  # a store does not write rs2 or rs1
  TEST_CASE(26, a2, 0x0123456789abcdef, la a3, tdat; li a2, 0x0123456789abcdef; sw a2, 0(a3))
  la s0, tdat
  TEST_CASE(27, a3, 0, la a3, tdat; sw zero, 0(a3); sub a3, a3, s0)

  # store x0: writes zeros
  TEST_ST_OP( 28, lwu, sw, 0, 0, 0, tdat)
  TEST_CASE(29, a4, 0, la a3, tdat; li a2, -1; sd a2, 8(a3); sw x0, 8(a3); lwu a4, 8(a3))

  # data and address produced 0, 1, 2 instructions before the store
  TEST_ST_BYPASS_ALL(60, lw, sw, 0xffffffffcafef00d, 0xdeadbeefcafef00d, 8, tdat)
  TEST_ST_BYPASS_ALL(70, lwu, sw, 0x0000000035010ff2, 0x2152411035010ff2, 12, tdat)

TEST_PASSFAIL
RVTEST_CODE_END

RVTEST_DATA_BEGIN
  .align 4
  .skip 2048
tdat:
  .fill 64, 1, 0xa5
  .skip 2048
RVTEST_DATA_END
