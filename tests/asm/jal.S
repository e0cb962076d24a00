# jal: rd = pc + 4; pc = pc + sext(imm21) (RV64I)
#
# Link values, forward and backward jumps, x0 as rd (j), instructions after a
# jal not executed, the link used right at the target (bypass distance 0),
# and a chain of jumps.
#
# Written for mkrv from the RISC-V unprivileged ISA specification (20191213).
#include "mkrv_test.h"
#include "test_macros.h"

RVTEST_RV64U
RVTEST_CODE_BEGIN

  # 2: the link is the address of the instruction after the jal
  li TESTNUM, 2
  li ra, 0
j2: jal ra, 1f
    j fail
1:  la a4, j2 + 4
    bne ra, a4, fail

  # 3: any register can be the link register; the shadow does not execute
  li TESTNUM, 3
  li a4, 0
j3: jal s1, 1f
    addi a4, a4, 1
    addi a4, a4, 1
1:  bnez a4, fail
    la a5, j3 + 4
    bne s1, a5, fail

  # 4: backward jump
  li TESTNUM, 4
  li a4, 0
  j 2f
1:  addi a4, a4, 7             # reached backwards
    j 3f
2:  jal t0, 1b
    j fail
3:  CHECK_REG(a4, 7)
    la a5, 2b + 4
    bne t0, a5, fail

  # 5: j (rd = x0): x0 stays zero
  li TESTNUM, 5
  j 1f
  j fail
1: add a4, x0, x0
   bnez a4, fail

  # 6: link consumed by the first instruction at the target (distance 0)
  li TESTNUM, 6
j6: jal a1, 1f
    j fail
1:  addi a4, a1, 0
    la a5, j6 + 4
    bne a4, a5, fail

  # 7: jal to the next instruction
  li TESTNUM, 7
j7: jal a1, 1f
1:  la a5, j7 + 4
    bne a1, a5, fail

  # 8: the link register is written even when it was just read: jal ra
  #    after an instruction that writes ra (write-after-write)
  li TESTNUM, 8
  li ra, 55
j8: jal ra, 1f
    j fail
1:  la a5, j8 + 4
    bne ra, a5, fail

  # 9: a chain of jumps, each to the next, with counting in between
  li TESTNUM, 9
  li a4, 0
  jal x0, 1f
  j fail
1: addi a4, a4, 1
   jal x0, 2f
   j fail
2: addi a4, a4, 2
   jal x0, 3f
   j fail
3: addi a4, a4, 4
   CHECK_REG(a4, 7)

  # 10: a jump over more than 2 KiB and back (offset bits above bit 11)
  li TESTNUM, 10
  li a4, 0
j10: jal a1, 2f
    addi a4, a4, 1
    j 3f
    .skip 0x1800
2:  addi a4, a4, 2
    jr a1
3:  CHECK_REG(a4, 3)

TEST_PASSFAIL
RVTEST_CODE_END

RVTEST_DATA_BEGIN
RVTEST_DATA_END
