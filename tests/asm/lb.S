# lb: rd = sext(M[rs1 + imm][7:0])
#
# Loads a byte and sign-extends it to 64 bits.
# Every naturally aligned offset inside 32 bytes of data is loaded, with positive,
# negative and extreme (-2048, 2047) immediates, plus load-use bypass distances.
#
# Written for mkrv from the RISC-V unprivileged ISA specification (20191213).
#include "mkrv_test.h"
#include "test_macros.h"

RVTEST_RV64U
RVTEST_CODE_BEGIN

  # every aligned offset from the base
  TEST_LD_OP(  2, lb, 0xffffffffffffff80, 0, tdat)
  TEST_LD_OP(  3, lb, 0x000000000000007f, 1, tdat)
  TEST_LD_OP(  4, lb, 0x0000000000000001, 2, tdat)
  TEST_LD_OP(  5, lb, 0xffffffffffffffff, 3, tdat)
  TEST_LD_OP(  6, lb, 0x0000000000000000, 4, tdat)
  TEST_LD_OP(  7, lb, 0xfffffffffffffffe, 5, tdat)
  TEST_LD_OP(  8, lb, 0xffffffffffffff81, 6, tdat)
  TEST_LD_OP(  9, lb, 0x000000000000005a, 7, tdat)
  TEST_LD_OP( 10, lb, 0x0000000000000034, 8, tdat)
  TEST_LD_OP( 11, lb, 0x0000000000000012, 9, tdat)
  TEST_LD_OP( 12, lb, 0x0000000000000000, 10, tdat)
  TEST_LD_OP( 13, lb, 0xffffffffffffff80, 11, tdat)
  TEST_LD_OP( 14, lb, 0xffffffffffffffff, 12, tdat)
  TEST_LD_OP( 15, lb, 0xffffffffffffffff, 13, tdat)
  TEST_LD_OP( 16, lb, 0xffffffffffffffff, 14, tdat)
  TEST_LD_OP( 17, lb, 0x000000000000007f, 15, tdat)
  TEST_LD_OP( 18, lb, 0x0000000000000078, 16, tdat)
  TEST_LD_OP( 19, lb, 0x0000000000000056, 17, tdat)
  TEST_LD_OP( 20, lb, 0x0000000000000034, 18, tdat)
  TEST_LD_OP( 21, lb, 0x0000000000000012, 19, tdat)
  TEST_LD_OP( 22, lb, 0xffffffffffffffef, 20, tdat)
  TEST_LD_OP( 23, lb, 0xffffffffffffffcd, 21, tdat)
  TEST_LD_OP( 24, lb, 0xffffffffffffffab, 22, tdat)
  TEST_LD_OP( 25, lb, 0xffffffffffffff89, 23, tdat)
  TEST_LD_OP( 26, lb, 0x0000000000000000, 24, tdat)
  TEST_LD_OP( 27, lb, 0x0000000000000000, 25, tdat)
  TEST_LD_OP( 28, lb, 0x0000000000000000, 26, tdat)
  TEST_LD_OP( 29, lb, 0xffffffffffffff80, 27, tdat)
  TEST_LD_OP( 30, lb, 0x0000000000000001, 28, tdat)
  TEST_LD_OP( 31, lb, 0x0000000000000000, 29, tdat)
  TEST_LD_OP( 32, lb, 0x0000000000000000, 30, tdat)
  TEST_LD_OP( 33, lb, 0x0000000000000000, 31, tdat)

  # negative offsets from a base past the data
  TEST_LD_OP( 34, lb, 0x0000000000000000, -1, tdat+32)
  TEST_LD_OP( 35, lb, 0x0000000000000001, -4, tdat+32)
  TEST_LD_OP( 36, lb, 0x0000000000000000, -7, tdat+32)
  TEST_LD_OP( 37, lb, 0xffffffffffffffab, -10, tdat+32)
  TEST_LD_OP( 38, lb, 0x0000000000000012, -13, tdat+32)
  TEST_LD_OP( 39, lb, 0x0000000000000078, -16, tdat+32)
  TEST_LD_OP( 40, lb, 0xffffffffffffffff, -19, tdat+32)
  TEST_LD_OP( 41, lb, 0x0000000000000000, -22, tdat+32)
  TEST_LD_OP( 42, lb, 0x000000000000005a, -25, tdat+32)
  TEST_LD_OP( 43, lb, 0x0000000000000000, -28, tdat+32)
  TEST_LD_OP( 44, lb, 0x000000000000007f, -31, tdat+32)

  # the extreme immediates -2048 and 2047 (the base is the data address -imm)
  TEST_LD_OP( 45, lb, 0x0000000000000034, -2048, tdat+8+2048)
  TEST_LD_OP( 46, lb, 0x0000000000000078, 2047, tdat+16-2047)

  # the base register is also the destination
  TEST_CASE(50, a3, 0x000000000000007f, la a3, tdat; lb a3, 1(a3))

  # a load into x0 is discarded
  TEST_LD_ZERODEST(51, lb, 0, tdat)

  # load-use distances 0, 1, 2 and base-address bypass
  TEST_LD_BYPASS_ALL(60, lb, 0xffffffffffffff89, 23, tdat)
  TEST_LD_BYPASS_ALL(70, lb, 0xffffffffffffff80, 0, tdat)

  # back-to-back loads, the second using the first's result as its base
  TEST_CASE(80, a4, 0xffffffffffffff80, la a3, tdat_ptr; ld a2, 0(a3); lb a4, 0(a2))

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
