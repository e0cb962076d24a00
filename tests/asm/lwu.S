# lwu: rd = zext(M[rs1 + imm][31:0])
#
# Loads a little-endian word and zero-extends it (RV64 only).
# Every naturally aligned offset inside 32 bytes of data is loaded, with positive,
# negative and extreme (-2048, 2047) immediates, plus load-use bypass distances.
#
# Written for mkrv from the RISC-V unprivileged ISA specification (20191213).
#include "mkrv_test.h"
#include "test_macros.h"

RVTEST_RV64U
RVTEST_CODE_BEGIN

  # every aligned offset from the base
  TEST_LD_OP(  2, lwu, 0x00000000ff017f80, 0, tdat)
  TEST_LD_OP(  3, lwu, 0x000000005a81fe00, 4, tdat)
  TEST_LD_OP(  4, lwu, 0x0000000080001234, 8, tdat)
  TEST_LD_OP(  5, lwu, 0x000000007fffffff, 12, tdat)
  TEST_LD_OP(  6, lwu, 0x0000000012345678, 16, tdat)
  TEST_LD_OP(  7, lwu, 0x0000000089abcdef, 20, tdat)
  TEST_LD_OP(  8, lwu, 0x0000000080000000, 24, tdat)
  TEST_LD_OP(  9, lwu, 0x0000000000000001, 28, tdat)

  # negative offsets from a base past the data
  TEST_LD_OP( 10, lwu, 0x0000000000000001, -4, tdat+32)
  TEST_LD_OP( 11, lwu, 0x0000000012345678, -16, tdat+32)
  TEST_LD_OP( 12, lwu, 0x000000005a81fe00, -28, tdat+32)

  # the extreme immediates -2048 and 2047 (the base is the data address -imm)
  TEST_LD_OP( 13, lwu, 0x0000000080001234, -2048, tdat+8+2048)
  TEST_LD_OP( 14, lwu, 0x0000000012345678, 2047, tdat+16-2047)

  # the base register is also the destination
  TEST_CASE(50, a3, 0x000000005a81fe00, la a3, tdat; lwu a3, 4(a3))

  # a load into x0 is discarded
  TEST_LD_ZERODEST(51, lwu, 0, tdat)

  # load-use distances 0, 1, 2 and base-address bypass
  TEST_LD_BYPASS_ALL(60, lwu, 0x0000000089abcdef, 20, tdat)
  TEST_LD_BYPASS_ALL(70, lwu, 0x00000000ff017f80, 0, tdat)

  # back-to-back loads, the second using the first's result as its base
  TEST_CASE(80, a4, 0x00000000ff017f80, la a3, tdat_ptr; ld a2, 0(a3); lwu a4, 0(a2))

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
