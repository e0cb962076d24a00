# sd: M[rs1 + imm][63:0] = rs2
#
# Stores a doubleword (RV64 only, little-endian).
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
  TEST_ST_OP(  2, ld, sd, 0x0123456789abcdef, 0x0123456789abcdef, 0, tdat)
  TEST_ST_OP(  3, ld, sd, 0xfedcba9876543210, 0xfedcba9876543210, 8, tdat)
  TEST_ST_OP(  4, ld, sd, 0x8000000000000080, 0x8000000000000080, 16, tdat)
  TEST_ST_OP(  5, ld, sd, 0x7f7f7f7f7f7f7f7f, 0x7f7f7f7f7f7f7f7f, 24, tdat)

  # the whole area: every store hit exactly its own bytes
  TEST_LD_OP(  6, ld, 0x0123456789abcdef, 0, tdat)
  TEST_LD_OP(  7, ld, 0xfedcba9876543210, 8, tdat)
  TEST_LD_OP(  8, ld, 0x8000000000000080, 16, tdat)
  TEST_LD_OP(  9, ld, 0x7f7f7f7f7f7f7f7f, 24, tdat)
  TEST_LD_OP( 10, ld, 0xa5a5a5a5a5a5a5a5, 32, tdat)

  # negative offsets; extreme immediates
  TEST_ST_OP( 11, ld, sd, 0x1122334455667788, 0x1122334455667788, -8, tdat+40)
  TEST_ST_OP( 12, ld, sd, 0xeeddccbbaa998877, 0xeeddccbbaa998877, -2048, tdat+40+2048)
  TEST_ST_OP( 13, ld, sd, 0x1122334455667788, 0x1122334455667788, 2047, tdat+48-2047)

  # a store does not write rs2 or rs1
  TEST_CASE(14, a2, 0x0123456789abcdef, la a3, tdat; li a2, 0x0123456789abcdef; sd a2, 0(a3))
  la s0, tdat
  TEST_CASE(15, a3, 0, la a3, tdat; sd zero, 0(a3); sub a3, a3, s0)

  # store x0: writes zeros
  TEST_ST_OP( 16, ld, sd, 0, 0, 0, tdat)
  TEST_CASE(17, a4, 0, la a3, tdat; li a2, -1; sd a2, 8(a3); sd x0, 8(a3); ld a4, 8(a3))

  # data and address produced 0, 1, 2 instructions before the store
  TEST_ST_BYPASS_ALL(60, ld, sd, 0xdeadbeefcafef00d, 0xdeadbeefcafef00d, 8, tdat)
  TEST_ST_BYPASS_ALL(70, ld, sd, 0x2152411035010ff2, 0x2152411035010ff2, 8, tdat)

TEST_PASSFAIL
RVTEST_CODE_END

RVTEST_DATA_BEGIN
  .align 4
  .skip 2048
tdat:
  .fill 64, 1, 0xa5
  .skip 2048
RVTEST_DATA_END
