# jalr: t = (rs1 + sext(imm12)) & ~1; rd = pc + 4; pc = t (RV64I)
#
# Link values, positive and negative offsets, bit 0 of the target cleared,
# rd == rs1 (the old rs1 is the target), x0 as rd, and rs1 produced 0, 1, 2
# instructions before the jalr.
#
# Written for mkrv from the RISC-V unprivileged ISA specification (20191213).
#include "mkrv_test.h"
#include "test_macros.h"

/* jalr to `target` with rs1 = addr(target) + adj and the immediate imm
 * (adj + imm is the target plus 0 or 1); the link must be pc + 4 and the
 * instruction after the jalr must not execute. */
#define TEST_JALR(testnum, adj, imm)                                        \
        li TESTNUM, testnum;                                                \
        li a4, 0;                                                           \
        la a1, 3f + (adj);                                                  \
2:      jalr a2, imm(a1);                                                   \
        addi a4, a4, 1;                                                     \
        j fail;                                                             \
3:      bnez a4, fail;                                                      \
        la a5, 2b + 4;                                                      \
        bne a2, a5, fail;

#define TEST_JALR_SRC1_BYPASS(testnum, nops)                                \
        BYPASS_LOOP_BEGIN(testnum)                                          \
        la a1, 3f;                                                          \
        TEST_INSERT_NOPS_ ## nops                                           \
        jalr a2, 0(a1);                                                     \
        j fail;                                                             \
3:      BYPASS_LOOP_END

#define TEST_JALR_DEST_BYPASS(testnum, nops)                                \
        BYPASS_LOOP_BEGIN(testnum)                                          \
        la a1, 3f;                                                          \
2:      jalr a2, 0(a1);                                                     \
        j fail;                                                             \
3:      TEST_INSERT_NOPS_ ## nops                                           \
        addi a6, a2, 0;                                                     \
        la a5, 2b + 4;                                                      \
        bne a6, a5, fail;                                                   \
        BYPASS_LOOP_END

RVTEST_RV64U
RVTEST_CODE_BEGIN

  TEST_JALR( 2, 0, 0)
  TEST_JALR( 3, -8, 8)
  TEST_JALR( 4, 16, -16)
  TEST_JALR( 5, -2047, 2047)       # the extreme immediates
  TEST_JALR( 6, 2048, -2048)
  # bit 0 of the sum is cleared
  TEST_JALR( 7, 1, 0)              # rs1 odd
  TEST_JALR( 8, 0, 1)              # immediate odd
  TEST_JALR( 9, 3, -2)             # sum odd, from two non-multiples of 4
  TEST_JALR(10, 2049, -2048)       # sum = target + 1, negative immediate
  TEST_JALR(11, -1, 2)             # sum = target + 1

  # 12: rd == rs1: the target uses the old value of rs1
  li TESTNUM, 12
  la a1, 1f
j12: jalr a1, 0(a1)
  j fail
1: la a5, j12 + 4
   bne a1, a5, fail

  # 13: rd = x0 (jr / ret): x0 stays zero
  li TESTNUM, 13
  la a1, 1f
  jalr x0, 0(a1)
  j fail
1: add a4, x0, x0
   bnez a4, fail

  # 14: call and return: jal links ra, jalr x0, 0(ra) returns
  li TESTNUM, 14
  li a4, 0
  jal ra, sub14
  addi a4, a4, 1
  CHECK_REG(a4, 11)
  j 1f
sub14: addi a4, a4, 10
  ret
  j fail
1:

  # 15: jalr with rs1 = x0 cannot reach RAM; use the link of a jal instead:
  #     a call through a function pointer held in memory (load-use into jalr)
  li TESTNUM, 15
  la a3, fptr
  ld a1, 0(a3)
j15: jalr ra, 0(a1)
  j fail
tgt15: la a5, j15 + 4
  bne ra, a5, fail

  # rs1 produced 0, 1, 2 instructions before; link consumed 0, 1, 2 after
  TEST_JALR_SRC1_BYPASS(20, 0)
  TEST_JALR_SRC1_BYPASS(21, 1)
  TEST_JALR_SRC1_BYPASS(22, 2)
  TEST_JALR_DEST_BYPASS(23, 0)
  TEST_JALR_DEST_BYPASS(24, 1)
  TEST_JALR_DEST_BYPASS(25, 2)

TEST_PASSFAIL
RVTEST_CODE_END

RVTEST_DATA_BEGIN
  .align 3
fptr: .dword tgt15
RVTEST_DATA_END
