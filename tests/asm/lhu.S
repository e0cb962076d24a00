# lhu: rd = zext(M[rs1 + imm][15:0])
#
# Loads a little-endian halfword and zero-extends it.
# Every naturally aligned offset inside 32 bytes of data is loaded, with positive,
# negative and extreme (-2048, 2047) immediates, plus load-use bypass distances.
#
# Written for mkrv from the RISC-V unprivileged ISA specification (20191213).
#include "mkrv_test.h"
#include "test_macros.h"

RVTEST_RV64U
RVTEST_CODE_BEGIN

  # every aligned offset from the base
  TEST_LD_OP(  2, lhu, 0x0000000000007f80, 0, tdat)
  TEST_LD_OP(  3, lhu, 0x000000000000ff01, 2, tdat)
  TEST_LD_OP(  4, lhu, 0x000000000000fe00, 4, tdat)
  TEST_LD_OP(  5, lhu, 0x0000000000005a81, 6, tdat)
  TEST_LD_OP(  6, lhu, 0x0000000000001234, 8, tdat)
  TEST_LD_OP(  7, lhu, 0x0000000000008000, 10, tdat)
  TEST_LD_OP(  8, lhu, 0x000000000000ffff, 12, tdat)
  TEST_LD_OP(  9, lhu, 0x0000000000007fff, 14, tdat)
  TEST_LD_OP( 10, lhu, 0x0000000000005678, 16, tdat)
  TEST_LD_OP( 11, lhu, 0x0000000000001234, 18, tdat)
  TEST_LD_OP( 12, lhu, 0x000000000000cdef, 20, tdat)
  TEST_LD_OP( 13, lhu, 0x00000000000089ab, 22, tdat)
  TEST_LD_OP( 14, lhu, 0x0000000000000000, 24, tdat)
  TEST_LD_OP( 15, lhu, 0x0000000000008000, 26, tdat)
  TEST_LD_OP( 16, lhu, 0x0000000000000001, 28, tdat)
  TEST_LD_OP( 17, lhu, 0x0000000000000000, 30, tdat)

  # negative offsets from a base past the data
  TEST_LD_OP( 18, lhu, 0x0000000000000000, -2, tdat+32)
  TEST_LD_OP( 19, lhu, 0x0000000000000000, -8, tdat+32)
  TEST_LD_OP( 20, lhu, 0x0000000000001234, -14, tdat+32)
  TEST_LD_OP( 21, lhu, 0x000000000000ffff, -20, tdat+32)
  TEST_LD_OP( 22, lhu, 0x0000000000005a81, -26, tdat+32)
  TEST_LD_OP( 23, lhu, 0x0000000000007f80, -32, tdat+32)

  # the extreme immediates -2048 and 2047 (the base is the data address -imm)
  TEST_LD_OP( 24, lhu, 0x0000000000001234, -2048, tdat+8+2048)
  TEST_LD_OP( 25, lhu, 0x0000000000005678, 2047, tdat+16-2047)

  # the base register is also the destination
  TEST_CASE(50, a3, 0x000000000000ff01, la a3, tdat; lhu a3, 2(a3))

  # a load into x0 is discarded
  TEST_LD_ZERODEST(51, lhu, 0, tdat)

  # load-use distances 0, 1, 2 and base-address bypass
  TEST_LD_BYPASS_ALL(60, lhu, 0x00000000000089ab, 22, tdat)
  TEST_LD_BYPASS_ALL(70, lhu, 0x0000000000007f80, 0, tdat)

  # back-to-back loads, the second using the first's result as its base
  TEST_CASE(80, a4, 0x0000000000007f80, la a3, tdat_ptr; ld a2, 0(a3); lhu a4, 0(a2))

TEST_PASSFAIL
RVTEST_CODE_END

RVTEST_DATA_BEGIN
  .align 4
  .skip 2048
tdat:
  .byte 0x80, 0x7f, 0x01, 0xff, 0x00, 0xfe, 0x81, 0x5a
  .byte 0x34, 0x12, 0x00, 0x80, 0xff, 0xff, 0xff, 0x7f
  .byte 0x78, 0x56, 0x34, 0x12, 0xef, 0xcd, 0xab, 0x89
  .byte 0x00, 0x00, 0x00, 0x80, 0x01, 0x00, 0x00, 0x00
  .skip 2048
  .align 3
tdat_ptr: .dword tdat
RVTEST_DATA_END
