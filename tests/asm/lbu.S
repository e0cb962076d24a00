# lbu: rd = zext(M[rs1 + imm][7:0])
#
# Loads a byte and zero-extends it.
# Every naturally aligned offset inside 32 bytes of data is loaded, with positive,
# negative and extreme (-2048, 2047) immediates, plus load-use bypass distances.
#
# Written for mkrv from the RISC-V unprivileged ISA specification (20191213).
#include "mkrv_test.h"
#include "test_macros.h"

RVTEST_RV64U
RVTEST_CODE_BEGIN

  # every aligned offset from the base
  TEST_LD_OP(  2, lbu, 0x0000000000000080, 0, tdat)
  TEST_LD_OP(  3, lbu, 0x000000000000007f, 1, tdat)
  TEST_LD_OP(  4, lbu, 0x0000000000000001, 2, tdat)
  TEST_LD_OP(  5, lbu, 0x00000000000000ff, 3, tdat)
  TEST_LD_OP(  6, lbu, 0x0000000000000000, 4, tdat)
  TEST_LD_OP(  7, lbu, 0x00000000000000fe, 5, tdat)
  TEST_LD_OP(  8, lbu, 0x0000000000000081, 6, tdat)
  TEST_LD_OP(  9, lbu, 0x000000000000005a, 7, tdat)
  TEST_LD_OP( 10, lbu, 0x0000000000000034, 8, tdat)
  TEST_LD_OP( 11, lbu, 0x0000000000000012, 9, tdat)
  TEST_LD_OP( 12, lbu, 0x0000000000000000, 10, tdat)
  TEST_LD_OP( 13, lbu, 0x0000000000000080, 11, tdat)
  TEST_LD_OP( 14, lbu, 0x00000000000000ff, 12, tdat)
  TEST_LD_OP( 15, lbu, 0x00000000000000ff, 13, tdat)
  TEST_LD_OP( 16, lbu, 0x00000000000000ff, 14, tdat)
  TEST_LD_OP( 17, lbu, 0x000000000000007f, 15, tdat)
  TEST_LD_OP( 18, lbu, 0x0000000000000078, 16, tdat)
  TEST_LD_OP( 19, lbu, 0x0000000000000056, 17, tdat)
  TEST_LD_OP( 20, lbu, 0x0000000000000034, 18, tdat)
  TEST_LD_OP( 21, lbu, 0x0000000000000012, 19, tdat)
  TEST_LD_OP( 22, lbu, 0x00000000000000ef, 20, tdat)
  TEST_LD_OP( 23, lbu, 0x00000000000000cd, 21, tdat)
  TEST_LD_OP( 24, lbu, 0x00000000000000ab, 22, tdat)
  TEST_LD_OP( 25, lbu, 0x0000000000000089, 23, tdat)
  TEST_LD_OP( 26, lbu, 0x0000000000000000, 24, tdat)
  TEST_LD_OP( 27, lbu, 0x0000000000000000, 25, tdat)
  TEST_LD_OP( 28, lbu, 0x0000000000000000, 26, tdat)
  TEST_LD_OP( 29, lbu, 0x0000000000000080, 27, tdat)
  TEST_LD_OP( 30, lbu, 0x0000000000000001, 28, tdat)
  TEST_LD_OP( 31, lbu, 0x0000000000000000, 29, tdat)
  TEST_LD_OP( 32, lbu, 0x0000000000000000, 30, tdat)
  TEST_LD_OP( 33, lbu, 0x0000000000000000, 31, tdat)

  # negative offsets from a base past the data
  TEST_LD_OP( 34, lbu, 0x0000000000000000, -1, tdat+32)
  TEST_LD_OP( 35, lbu, 0x0000000000000001, -4, tdat+32)
  TEST_LD_OP( 36, lbu, 0x0000000000000000, -7, tdat+32)
  TEST_LD_OP( 37, lbu, 0x00000000000000ab, -10, tdat+32)
  TEST_LD_OP( 38, lbu, 0x0000000000000012, -13, tdat+32)
  TEST_LD_OP( 39, lbu, 0x0000000000000078, -16, tdat+32)
  TEST_LD_OP( 40, lbu, 0x00000000000000ff, -19, tdat+32)
  TEST_LD_OP( 41, lbu, 0x0000000000000000, -22, tdat+32)
  TEST_LD_OP( 42, lbu, 0x000000000000005a, -25, tdat+32)
  TEST_LD_OP( 43, lbu, 0x0000000000000000, -28, tdat+32)
  TEST_LD_OP( 44, lbu, 0x000000000000007f, -31, tdat+32)

  # the extreme immediates -2048 and 2047 (the base is the data address -imm)
  TEST_LD_OP( 45, lbu, 0x0000000000000034, -2048, tdat+8+2048)
  TEST_LD_OP( 46, lbu, 0x0000000000000078, 2047, tdat+16-2047)

  # the base register is also the destination
  TEST_CASE(50, a3, 0x000000000000007f, la a3, tdat; lbu a3, 1(a3))

  # a load into x0 is discarded
  TEST_LD_ZERODEST(51, lbu, 0, tdat)

  # load-use distances 0, 1, 2 and base-address bypass
  TEST_LD_BYPASS_ALL(60, lbu, 0x0000000000000089, 23, tdat)
  TEST_LD_BYPASS_ALL(70, lbu, 0x0000000000000080, 0, tdat)

  # back-to-back loads, the second using the first's result as its base
  TEST_CASE(80, a4, 0x0000000000000080, la a3, tdat_ptr; ld a2, 0(a3); lbu a4, 0(a2))

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
