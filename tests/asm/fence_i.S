# fence.i (Zifencei): self-modifying code. After stores that write new
# instructions, a fence.i makes later fetches on this hart see them.
#
# A code buffer in RAM is patched with "addi a4, a4, imm" / "ret" sequences
# and executed after fence.i; patches are made both to code already executed
# (so stale copies may be cached or in flight) and right before the jump.
#
# Written for mkrv from the RISC-V unprivileged ISA specification (20191213).
#include "mkrv_test.h"
#include "test_macros.h"

/* The encoding of "addi a4, a4, imm". */
#define ADDI_A4(imm)  ((((imm) & 0xfff) << 20) | (14 << 15) | (14 << 7) | 0x13)
#define RET_INSN      0x00008067

RVTEST_RV64U
RVTEST_CODE_BEGIN

  la s0, codebuf

  # 2: run the buffer as assembled (adds 1)
  TEST_CASE( 2, a4, 1, li a4, 0; jalr ra, 0(s0))

  # 3: patch the first instruction to add 100, fence.i, run
  li TESTNUM, 3
  li a1, ADDI_A4(100)
  sw a1, 0(s0)
  fence.i
  li a4, 0
  jalr ra, 0(s0)
  CHECK_REG(a4, 100)

  # 4: patch twice in a row, only the last one counts
  li TESTNUM, 4
  li a1, ADDI_A4(200)
  sw a1, 0(s0)
  li a1, ADDI_A4(300)
  sw a1, 0(s0)
  fence.i
  li a4, 0
  jalr ra, 0(s0)
  CHECK_REG(a4, 300)

  # 5: a longer sequence: 8 instructions written with sd (two per store)
  li TESTNUM, 5
  li a1, (ADDI_A4(2) << 32) | ADDI_A4(1)
  sd a1, 0(s0)
  li a1, (ADDI_A4(8) << 32) | ADDI_A4(4)
  sd a1, 8(s0)
  li a1, (ADDI_A4(32) << 32) | ADDI_A4(16)
  sd a1, 16(s0)
  li a1, (RET_INSN << 32) | ADDI_A4(64)
  sd a1, 24(s0)
  fence.i
  li a4, 0
  jalr ra, 0(s0)
  CHECK_REG(a4, 127)

  # 6: the same buffer patched with byte stores (a sub-word write to code)
  li TESTNUM, 6
  li a1, 0xff
  sb a1, 3(s0)                # imm[11:4] of the first addi: 1 -> 0xff1 (= -15)
  fence.i
  li a4, 0
  jalr ra, 0(s0)
  CHECK_REG(a4, 127 - 1 - 15)

  # 7: patch the instruction right after the fence.i in straight-line code
  #    (the one in the pipeline when the store happens)
  li TESTNUM, 7
  li a4, 0
  la a3, 1f
  li a1, ADDI_A4(77)
  sw a1, 0(a3)
  fence.i
1: addi a4, a4, 1             # replaced by addi a4, a4, 77
  CHECK_REG(a4, 77)

  # 8: a buffer in the data section (never executed before) works too
  li TESTNUM, 8
  la s1, databuf
  li a1, (RET_INSN << 32) | ADDI_A4(-5)
  sd a1, 0(s1)
  fence.i
  li a4, 10
  jalr ra, 0(s1)
  CHECK_REG(a4, 5)

TEST_PASSFAIL

  .align 4
codebuf:
  addi a4, a4, 1
  ret
  .skip 64

RVTEST_CODE_END

RVTEST_DATA_BEGIN
  .align 4
databuf: .skip 64
RVTEST_DATA_END
