# lui: rd = sext(imm20 << 12) (RV64I)
#
# The 20-bit immediate fills bits 31:12, the low 12 bits are zero, and the
# 32-bit result is sign-extended to 64 bits on RV64.
#
# Written for mkrv from the RISC-V unprivileged ISA specification (20191213).
#include "mkrv_test.h"
#include "test_macros.h"

RVTEST_RV64U
RVTEST_CODE_BEGIN

  TEST_CASE( 2, a4, 0x0000000000000000, lui a4, 0x00000)
  TEST_CASE( 3, a4, 0x0000000000001000, lui a4, 0x00001)
  TEST_CASE( 4, a4, 0x000000007ffff000, lui a4, 0x7ffff)
  TEST_CASE( 5, a4, 0xffffffff80000000, lui a4, 0x80000)
  TEST_CASE( 6, a4, 0xfffffffffffff000, lui a4, 0xfffff)
  TEST_CASE( 7, a4, 0x0000000012345000, lui a4, 0x12345)
  TEST_CASE( 8, a4, 0xffffffffabcde000, lui a4, 0xabcde)
  # the upper bits really are copies of bit 31
  TEST_CASE( 9, a4, 0xffffffffffffffff, lui a4, 0x80000; srai a4, a4, 32)
  TEST_CASE(10, a4, 0x0000000000000000, lui a4, 0x7ffff; srai a4, a4, 32)
  # lui overwrites every bit of rd (the low 12 bits become zero)
  TEST_CASE(11, a4, 0x0000000000055000, li a4, -1; lui a4, 0x55)
  # lui + addi builds a 32-bit constant (addi's immediate is sign-extended)
  TEST_CASE(12, a4, 0x0000000012345678, lui a4, 0x12345; addi a4, a4, 0x678)
  TEST_CASE(13, a4, 0x0000000012344800, lui a4, 0x12345; addi a4, a4, -0x800)
  # x0 as the destination
  TEST_CASE(14, a4, 0, lui x0, 0x80000; add a4, x0, x0)
  # result used at distance 0, 1, 2
  TEST_CASE(15, a4, 0x0000000000002001, lui a1, 2; addi a4, a1, 1)
  TEST_CASE(16, a4, 0x0000000000003001, lui a1, 3; nop; addi a4, a1, 1)
  TEST_CASE(17, a4, 0x0000000000004001, lui a1, 4; nop; nop; addi a4, a1, 1)
  # two lui into the same register back to back: the second wins
  TEST_CASE(18, a4, 0x0000000000006000, lui a4, 5; lui a4, 6)

TEST_PASSFAIL
RVTEST_CODE_END

RVTEST_DATA_BEGIN
RVTEST_DATA_END
