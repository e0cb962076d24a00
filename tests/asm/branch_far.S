# Branches with the extreme offsets (hand-encoded with literal offsets, so the
# assembler cannot turn them into branch-over-jump sequences): +4092 (the largest 4-byte-aligned forward
# offset, 4094 would be a misaligned target without C) and -4096 (the most
# negative), so every immediate bit of the B-type encoding is exercised.
#
# Written for mkrv from the RISC-V unprivileged ISA specification (20191213).
#include "mkrv_test.h"
#include "test_macros.h"

/* A B-type branch with a literal byte offset; rs1/rs2 are register numbers. */
#define BRANCH_OFF(funct3, rs1, rs2, off)                                   \
        .word ((((off) >> 12) & 1) << 31) | ((((off) >> 5) & 0x3f) << 25) | \
              ((rs2) << 20) | ((rs1) << 15) | ((funct3) << 12) |            \
              ((((off) >> 1) & 0xf) << 8) | ((((off) >> 11) & 1) << 7) | 0x63

RVTEST_RV64U
RVTEST_CODE_BEGIN

  # 2: beq forward by +4092, taken
  li TESTNUM, 2
  li a4, 0
b2: BRANCH_OFF(0, 0, 0, 4092)       # beq x0, x0, b2_t
  addi a4, a4, 1
  .skip 4092 - 8
b2_t:
  bnez a4, fail

  # 3: bne backward by -4096, taken
  li TESTNUM, 3
  li a4, 0
  li a1, 1
  j b3
b3_t: addi a4, a4, 5
  j 1f
  .skip 4096 - 8
b3: BRANCH_OFF(1, 11, 0, -4096)      # bne a1, x0, b3_t
  j fail
1: CHECK_REG(a4, 5)

  # 4: bltu forward by +4092, not taken: falls through
  li TESTNUM, 4
  li a1, 1
  la t0, 1f
b4: BRANCH_OFF(6, 11, 0, 4092)       # bltu a1, x0, b4_t
  jr t0
  .skip 4092 - 8
b4_t: j fail
1:

  # 5: bge backward by -4096, not taken
  li TESTNUM, 5
  li a1, -1
  j b5
b5_t: j fail
  .skip 4096 - 4
b5: BRANCH_OFF(5, 11, 0, -4096)      # bge a1, x0, b5_t

  # 6: blt backward by -4096, taken (signed: -1 < 1)
  li TESTNUM, 6
  li a4, 0
  li a1, -1
  li a2, 1
  j b6
b6_t: addi a4, a4, 6
  j 1f
  .skip 4096 - 8
b6: BRANCH_OFF(4, 11, 12, -4096)      # blt a1, a2, b6_t
  j fail
1: CHECK_REG(a4, 6)

  # 7: bgeu forward by +4092, taken
  li TESTNUM, 7
  li a1, -1
  li a4, 0
b7: BRANCH_OFF(7, 11, 11, 4092)       # bgeu a1, a1, b7_t
  li a4, 1
  .skip 4092 - 8
b7_t:
  bnez a4, fail

TEST_PASSFAIL
RVTEST_CODE_END

RVTEST_DATA_BEGIN
RVTEST_DATA_END
