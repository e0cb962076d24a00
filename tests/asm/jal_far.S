# jal with the extreme offsets +0xffffc (the largest 4-byte-aligned forward
# offset) and -0x100000 (the most negative), so every immediate bit of the
# J-type encoding is exercised. The program is about 1 MiB long.
#
# Written for mkrv from the RISC-V unprivileged ISA specification (20191213).
#include "mkrv_test.h"
#include "test_macros.h"

RVTEST_RV64U
RVTEST_CODE_BEGIN

  li TESTNUM, 2
  li s1, 0
  li a4, 0
  j T
  .align 2
T:  bnez s1, back               # reached the second time by the -1 MiB jump
    li s1, 1
fw: jal ra, F                   # + 0xffffc
    j mkrv_fail                 # (the label fail is out of reach)
back:
    addi a4, a4, 1
    la t0, done
    jr t0
    .skip 0x100000 - 32
B:  jal a1, T                   # - 0x100000
F:  addi a4, a4, 2
    jal x0, B
    j fail

done:
  li TESTNUM, 3
  CHECK_REG(a4, 3)
  li TESTNUM, 4
  la a5, fw + 4
  bne ra, a5, fail
  li TESTNUM, 5
  la a5, B + 4
  bne a1, a5, fail

TEST_PASSFAIL
RVTEST_CODE_END

RVTEST_DATA_BEGIN
RVTEST_DATA_END
