# amomaxu.w / amomaxu.d: rd = memory; memory = max_unsigned(memory, rs2) (A)
#
# Atomically loads the word/doubleword at rs1 into rd (sign-extended for .w),
# and stores the result of the operation with rs2 (for .w: the low 32 bits of
# rs2, and signed comparisons on 32-bit values). Also: rd = x0, the old value
# consumed right away, two AMOs back to back on one address, the aq/rl forms,
# and that .w touches only its own 4 bytes.
#
# Written for mkrv from the RISC-V unprivileged ISA specification (20191213).
#include "mkrv_test.h"
#include "test_macros.h"

RVTEST_RV64U
RVTEST_CODE_BEGIN

  # doubleword
  TEST_AMO_OP(  2, amomaxu.d, ld, sd, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000, amo_d)
  TEST_AMO_OP(  3, amomaxu.d, ld, sd, 0x0000000000000001, 0xffffffffffffffff, 0x0000000000000001, 0xffffffffffffffff, amo_d)
  TEST_AMO_OP(  4, amomaxu.d, ld, sd, 0xffffffffffffffff, 0x0000000000000001, 0xffffffffffffffff, 0xffffffffffffffff, amo_d)
  TEST_AMO_OP(  5, amomaxu.d, ld, sd, 0x8000000000000000, 0x7fffffffffffffff, 0x8000000000000000, 0x8000000000000000, amo_d)
  TEST_AMO_OP(  6, amomaxu.d, ld, sd, 0x7fffffffffffffff, 0x8000000000000000, 0x7fffffffffffffff, 0x8000000000000000, amo_d)
  TEST_AMO_OP(  7, amomaxu.d, ld, sd, 0x8000000000000000, 0x0000000000000000, 0x8000000000000000, 0x8000000000000000, amo_d)
  TEST_AMO_OP(  8, amomaxu.d, ld, sd, 0x0000000000000000, 0x8000000000000000, 0x0000000000000000, 0x8000000000000000, amo_d)
  TEST_AMO_OP(  9, amomaxu.d, ld, sd, 0xffffffffffffffff, 0xffffffffffffffff, 0xffffffffffffffff, 0xffffffffffffffff, amo_d)
  TEST_AMO_OP( 10, amomaxu.d, ld, sd, 0x0000000000000005, 0x0000000000000003, 0x0000000000000005, 0x0000000000000005, amo_d)
  TEST_AMO_OP( 11, amomaxu.d, ld, sd, 0x0000000000000003, 0x0000000000000005, 0x0000000000000003, 0x0000000000000005, amo_d)
  TEST_AMO_OP( 12, amomaxu.d, ld, sd, 0x0123456789abcdef, 0xfedcba9876543210, 0x0123456789abcdef, 0xfedcba9876543210, amo_d)
  TEST_AMO_OP( 13, amomaxu.d, ld, sd, 0x00000000ffffffff, 0x0000000100000000, 0x00000000ffffffff, 0x0000000100000000, amo_d)
  TEST_AMO_OP( 14, amomaxu.d, ld, sd, 0xffffffffffffffff, 0x0000000000000000, 0xffffffffffffffff, 0xffffffffffffffff, amo_d)

  # word (rd and memory checked sign-extended)
  TEST_AMO_OP( 30, amomaxu.w, lw, sw, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000, amo_w)
  TEST_AMO_OP( 31, amomaxu.w, lw, sw, 0x0000000000000001, 0x00000000ffffffff, 0x0000000000000001, 0xffffffffffffffff, amo_w)
  TEST_AMO_OP( 32, amomaxu.w, lw, sw, 0x00000000ffffffff, 0x0000000000000001, 0xffffffffffffffff, 0xffffffffffffffff, amo_w)
  TEST_AMO_OP( 33, amomaxu.w, lw, sw, 0x0000000080000000, 0x000000007fffffff, 0xffffffff80000000, 0xffffffff80000000, amo_w)
  TEST_AMO_OP( 34, amomaxu.w, lw, sw, 0x000000007fffffff, 0x0000000080000000, 0x000000007fffffff, 0xffffffff80000000, amo_w)
  TEST_AMO_OP( 35, amomaxu.w, lw, sw, 0x0000000080000000, 0x0000000000000000, 0xffffffff80000000, 0xffffffff80000000, amo_w)
  TEST_AMO_OP( 36, amomaxu.w, lw, sw, 0x0000000000000000, 0x0000000080000000, 0x0000000000000000, 0xffffffff80000000, amo_w)
  TEST_AMO_OP( 37, amomaxu.w, lw, sw, 0x000000007fffffff, 0x0000000000000001, 0x000000007fffffff, 0x000000007fffffff, amo_w)
  TEST_AMO_OP( 38, amomaxu.w, lw, sw, 0x0000000000000005, 0x0000000000000003, 0x0000000000000005, 0x0000000000000005, amo_w)
  TEST_AMO_OP( 39, amomaxu.w, lw, sw, 0x0000000000000003, 0x0000000000000005, 0x0000000000000003, 0x0000000000000005, amo_w)
  TEST_AMO_OP( 40, amomaxu.w, lw, sw, 0x0000000089abcdef, 0x0000000076543210, 0xffffffff89abcdef, 0xffffffff89abcdef, amo_w)
  TEST_AMO_OP( 41, amomaxu.w, lw, sw, 0x0000000000000001, 0xdeadbeef00000002, 0x0000000000000001, 0x0000000000000002, amo_w)
  TEST_AMO_OP( 42, amomaxu.w, lw, sw, 0x0000000080000000, 0x00000001ffffffff, 0xffffffff80000000, 0xffffffffffffffff, amo_w)
  TEST_AMO_OP( 43, amomaxu.w, lw, sw, 0x00000000ffffffff, 0x7fffffff80000000, 0xffffffffffffffff, 0xffffffffffffffff, amo_w)

  # word at offset 4 of a doubleword: the other word is not touched
  TEST_AMO_OP(60, amomaxu.w, lw, sw, 0x0000000080000001, 0x000000007ffffffe, 0xffffffff80000001, 0xffffffff80000001, amo_w+4)
  TEST_CASE(61, a4, 0xa5a5a5a5, la a3, amo_w; li a1, 0xa5a5a5a5; sw a1, 0(a3); addi a5, a3, 4; li a2, 0x000000007ffffffe; amomaxu.w a4, a2, (a5); lwu a4, 0(a3))
  TEST_AMO_OP(62, amomaxu.w, ld, sd, 0x0000000100000002, 0xffffffff7ffffffe, 0x0000000000000002, 0x000000017ffffffe, amo_w)

  # rd = x0: memory is still updated
  TEST_AMO_ZERODEST(70, amomaxu.d, ld, sd, 0x8000000000000007, 0x0000000000000009, 0x8000000000000007, amo_d)
  TEST_AMO_ZERODEST(71, amomaxu.w, lw, sw, 0x8000000000000007, 0x0000000000000009, 0x0000000000000009, amo_w)

  # the old value used at distance 0; a second AMO right after the first
  TEST_AMO_CHAIN(72, amomaxu.d, ld, sd, 0x0000000080000003, 0xffffffff80000005, 0x0000000080000003, 0xffffffff80000005, 0xffffffff80000005, amo_d)
  TEST_AMO_CHAIN(73, amomaxu.w, lw, sw, 0x0000000080000003, 0xffffffff80000005, 0xffffffff80000003, 0xffffffff80000005, 0xffffffff80000005, amo_w)

  # the acquire/release forms behave the same
  TEST_AMO_OP(80, amomaxu.d.aq, ld, sd, 0x7fffffffffffffff, 0x8000000000000001, 0x7fffffffffffffff, 0x8000000000000001, amo_d)
  TEST_AMO_OP(81, amomaxu.w.aq, lw, sw, 0x7fffffffffffffff, 0x8000000000000001, 0xffffffffffffffff, 0xffffffffffffffff, amo_w)
  TEST_AMO_OP(82, amomaxu.d.rl, ld, sd, 0x7fffffffffffffff, 0x8000000000000001, 0x7fffffffffffffff, 0x8000000000000001, amo_d)
  TEST_AMO_OP(83, amomaxu.w.rl, lw, sw, 0x7fffffffffffffff, 0x8000000000000001, 0xffffffffffffffff, 0xffffffffffffffff, amo_w)
  TEST_AMO_OP(84, amomaxu.d.aqrl, ld, sd, 0x7fffffffffffffff, 0x8000000000000001, 0x7fffffffffffffff, 0x8000000000000001, amo_d)
  TEST_AMO_OP(85, amomaxu.w.aqrl, lw, sw, 0x7fffffffffffffff, 0x8000000000000001, 0xffffffffffffffff, 0xffffffffffffffff, amo_w)

  # rd == rs2: rd gets the old memory value, memory uses the old rs2
  TEST_CASE(90, a2, 0x1111111111111111, la a3, amo_d; li a1, 0x1111111111111111; sd a1, 0(a3); li a2, 0x2222222222222223; amomaxu.d a2, a2, (a3))
  TEST_CASE(91, a4, 0x2222222222222223, ld a4, 0(a3))

TEST_PASSFAIL
RVTEST_CODE_END

RVTEST_DATA_BEGIN
  .align 4
amo_d: .dword 0
       .dword 0x5a5a5a5a5a5a5a5a
amo_w: .dword 0
       .dword 0x5a5a5a5a5a5a5a5a
RVTEST_DATA_END
