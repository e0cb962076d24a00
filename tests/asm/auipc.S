# auipc: rd = pc + sext(imm20 << 12) (RV64I)
#
# The reference pc is the link value of a jal (pc of the jal + 4), which is
# the address of the auipc that follows it.
#
# Written for mkrv from the RISC-V unprivileged ISA specification (20191213).
#include "mkrv_test.h"
#include "test_macros.h"

/* rd = auipc(imm) - (pc of the auipc), via a jal that links to the auipc. */
#define TEST_AUIPC(testnum, imm, delta)                                     \
        li TESTNUM, testnum;                                                \
        jal a5, 1f;                                                         \
1:      auipc a4, imm;                                                      \
        sub a4, a4, a5;                                                     \
        CHECK_REG(a4, delta)

RVTEST_RV64U
RVTEST_CODE_BEGIN

  TEST_AUIPC( 2, 0x00000, 0)
  TEST_AUIPC( 3, 0x00001, 0x1000)
  TEST_AUIPC( 4, 0x7ffff, 0x7ffff000)
  TEST_AUIPC( 5, 0x80000, 0xffffffff80000000)
  TEST_AUIPC( 6, 0xfffff, 0xfffffffffffff000)
  TEST_AUIPC( 7, 0x12345, 0x12345000)

  # auipc + addi is how `la` reaches a label: compare with an absolute
  # address stored in memory by the linker
  TEST_CASE( 8, a4, 0, la a4, target; la a3, target_addr; ld a3, 0(a3); sub a4, a4, a3)
  # the pc is in RAM, at or above 0x8000_0000, so the high 32 bits are zero
  TEST_CASE( 9, a4, 0x80000000, auipc a4, 0; srli a4, a4, 31; slli a4, a4, 31)
  # pc + 0x80000 << 12 on a pc of 0x8000_xxxx: 0xffff_ffff_8000_0000 added wraps to 0x0000_xxxx
  TEST_CASE(10, a4, 0, auipc a4, 0x80000; srli a4, a4, 24)
  # two auipc in a row differ by 4
  TEST_CASE(11, a4, 4, auipc a1, 0; auipc a2, 0; sub a4, a2, a1)
  # x0 destination
  TEST_CASE(12, a4, 0, auipc x0, 0x12345; add a4, x0, x0)
  # result consumed at distance 0
  TEST_CASE(13, a4, 12, jal a5, 1f; 1: auipc a1, 0; addi a4, a1, 12; sub a4, a4, a5)

target:
TEST_PASSFAIL
RVTEST_CODE_END

RVTEST_DATA_BEGIN
  .align 3
target_addr: .dword target
RVTEST_DATA_END
