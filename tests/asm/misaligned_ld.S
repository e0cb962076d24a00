# Load address misaligned exceptions (mcause 4): every load width at every
# misaligned offset, inside and across an 8-byte boundary, with positive and
# negative immediates, and lr.w/lr.d. mtval = the effective address,
# mepc = the load, rd is not written. (The mkrv core, like spike here, does
# not emulate misaligned accesses: it traps.)
#
# Written for mkrv from the RISC-V privileged specification (1.12).
#include "mkrv_test.h"
#include "test_macros.h"

#define TEST_MISALIGNED_LD(testnum, insn, base_off, imm)                    \
        la a3, tdat + (base_off);                                           \
        addi a5, a3, imm;                                                   \
        li a4, 0x5a5a;                                                      \
        TEST_EXCEPTION(testnum, CAUSE_MISALIGNED_LOAD, a5, insn a4, imm(a3)) \
        CHECK_REG(a4, 0x5a5a)

#define TEST_MISALIGNED_LR(testnum, insn, off)                              \
        la a3, tdat + (off);                                                \
        addi a5, a3, 0;                                                     \
        li a4, 0x5a5a;                                                      \
        TEST_EXCEPTION(testnum, CAUSE_MISALIGNED_LOAD, a5, insn a4, (a3))   \
        CHECK_REG(a4, 0x5a5a)

RVTEST_RV64M
RVTEST_CODE_BEGIN

  TEST_MISALIGNED_LD( 2, lh,  0, 1)
  TEST_MISALIGNED_LD( 3, lh,  0, 3)
  TEST_MISALIGNED_LD( 4, lh,  0, 5)
  TEST_MISALIGNED_LD( 5, lh,  0, 7)        # crosses into the next doubleword
  TEST_MISALIGNED_LD( 6, lhu, 0, 1)
  TEST_MISALIGNED_LD( 7, lhu, 0, 7)
  TEST_MISALIGNED_LD( 8, lw,  0, 1)
  TEST_MISALIGNED_LD( 9, lw,  0, 2)
  TEST_MISALIGNED_LD(10, lw,  0, 3)
  TEST_MISALIGNED_LD(11, lw,  0, 5)
  TEST_MISALIGNED_LD(12, lw,  0, 6)
  TEST_MISALIGNED_LD(13, lw,  0, 7)
  TEST_MISALIGNED_LD(14, lwu, 0, 2)
  TEST_MISALIGNED_LD(15, lwu, 0, 6)
  TEST_MISALIGNED_LD(16, ld,  0, 1)
  TEST_MISALIGNED_LD(17, ld,  0, 2)
  TEST_MISALIGNED_LD(18, ld,  0, 3)
  TEST_MISALIGNED_LD(19, ld,  0, 4)
  TEST_MISALIGNED_LD(20, ld,  0, 5)
  TEST_MISALIGNED_LD(21, ld,  0, 6)
  TEST_MISALIGNED_LD(22, ld,  0, 7)
  # the base register is aligned but the immediate is not, and vice versa
  TEST_MISALIGNED_LD(23, lw, 16, -3)
  TEST_MISALIGNED_LD(24, ld, 17, 0)
  TEST_MISALIGNED_LD(25, ld, 17, -2048)
  TEST_MISALIGNED_LD(26, lh, 3, 2047 - 2047)
  # the address is misaligned only as a whole: base + imm
  TEST_MISALIGNED_LD(27, ld, 6, 4)

  # lr must be naturally aligned too
  TEST_MISALIGNED_LR(30, lr.w, 2)
  TEST_MISALIGNED_LR(31, lr.d, 4)
  TEST_MISALIGNED_LR(32, lr.d, 1)

  # aligned neighbours do not trap; bytes never do
  TEST_NO_TRAP(40, la a3, tdat; lh a4, 6(a3); lw a4, 4(a3); ld a4, 8(a3); lb a4, 7(a3); lbu a4, 1(a3))

  # a misaligned load after which an aligned one runs normally
  li TESTNUM, 41
  TRAP_CATCH_ON
  la a3, tdat
1: lw a4, 2(a3)
  lw a4, 4(a3)
  TRAP_CATCH_OFF
  CHECK_TRAP_COUNT(1)
  CHECK_TRAP_EPC(1b)
  CHECK_REG(a4, 0x77665544)

TEST_PASSFAIL
RVTEST_CODE_END

RVTEST_DATA_BEGIN
  .align 4
  .skip 2048
tdat:
  .dword 0x7766554433221100
  .dword 0xffeeddccbbaa9988
  .dword 0
  .dword 0
  .skip 2048
RVTEST_DATA_END
