# Illegal instruction exceptions (mcause 2) for encodings that are not RV64IMA,
# Zicsr or Zifencei instructions: the all-zero and all-ones words, F/D/V
# opcodes, reserved opcodes, reserved funct3/funct7 values of existing
# opcodes, RV64 shift encodings with the reserved shamt bits, byte/quad AMOs,
# the return instructions of privilege levels and extensions that do not exist
# (uret, dret outside debug mode, mnret without Smrnmi), and the instructions
# of H and Svinval. sret is not among them: the hart has S mode, and sret is
# legal in M (test 30).
#
# mepc = the instruction's address; mtval = the instruction's bits; rd is
# not written; execution resumes after the handler returns to mepc + 4.
#
# Written for mkrv from the RISC-V unprivileged (20191213) and privileged (1.12)
# specifications.
#include "mkrv_test.h"
#include "test_macros.h"

RVTEST_RV64M
RVTEST_CODE_BEGIN

  TEST_ILLEGAL_WORD( 2, 0x00000000)     # all zeros: defined to be illegal
  TEST_ILLEGAL_WORD( 3, 0xffffffff)     # all ones
  TEST_ILLEGAL_WORD( 4, 0x00052707)     # flw  f14, 0(a0)      (LOAD-FP, no F)
  TEST_ILLEGAL_WORD( 5, 0x00e52027)     # fsw  f14, 0(a0)      (STORE-FP)
  TEST_ILLEGAL_WORD( 6, 0x00000053)     # fadd.s f0, f0, f0    (OP-FP)
  TEST_ILLEGAL_WORD( 7, 0x00000043)     # fmadd.s              (MADD)
  TEST_ILLEGAL_WORD( 8, 0x00000057)     # OP-V (no V)
  TEST_ILLEGAL_WORD( 9, 0x0000006b)     # reserved opcode 1101011
  TEST_ILLEGAL_WORD(10, 0x00000077)     # reserved opcode 1110111
  TEST_ILLEGAL_WORD(11, 0x00057703)     # LOAD funct3 = 7 (reserved)
  TEST_ILLEGAL_WORD(12, 0x00e54023)     # STORE funct3 = 4 (reserved)
  TEST_ILLEGAL_WORD(13, 0x00002063)     # BRANCH funct3 = 2 (reserved)
  TEST_ILLEGAL_WORD(14, 0x00003063)     # BRANCH funct3 = 3 (reserved)
  TEST_ILLEGAL_WORD(15, 0x00051767)     # JALR funct3 = 1 (reserved)
  TEST_ILLEGAL_WORD(16, 0x40b51733)     # OP: sll with funct7 = 0100000
  TEST_ILLEGAL_WORD(17, 0x40b52733)     # OP: slt with funct7 = 0100000
  TEST_ILLEGAL_WORD(18, 0x80b50733)     # OP: add with funct7 = 1000000
  TEST_ILLEGAL_WORD(19, 0x02b5173b)     # OP-32: funct7 = 1, funct3 = 1 (no mulhw)
  TEST_ILLEGAL_WORD(20, 0x40b5173b)     # OP-32: sllw with funct7 = 0100000
  TEST_ILLEGAL_WORD(21, 0x0205171b)     # slliw with shamt[5] = 1 (reserved)
  TEST_ILLEGAL_WORD(22, 0x0205571b)     # srliw with shamt[5] = 1
  TEST_ILLEGAL_WORD(23, 0x4205571b)     # sraiw with shamt[5] = 1
  TEST_ILLEGAL_WORD(24, 0x40051713)     # slli with imm[10] = 1
  TEST_ILLEGAL_WORD(25, 0x0000200f)     # MISC-MEM funct3 = 2 (no Zicbom)
  TEST_ILLEGAL_WORD(26, 0x00b5072f)     # AMO funct3 = 0 (no byte AMOs)
  TEST_ILLEGAL_WORD(27, 0x00b5472f)     # AMO funct3 = 4 (no quad AMOs)
  TEST_ILLEGAL_WORD(28, 0x28b5272f)     # AMO.W funct5 = 00101 (undefined)
  TEST_ILLEGAL_WORD(29, 0x00200073)     # uret (no N extension)
  TEST_ILLEGAL_WORD(31, 0x7b200073)     # dret (not in debug mode)
  TEST_ILLEGAL_WORD(32, 0x00054073)     # SYSTEM funct3 = 4 (no H)
  TEST_ILLEGAL_WORD(33, 0x02b50733 | (1 << 25) | (1 << 26))  # OP funct7 = 0000111
  TEST_ILLEGAL_WORD(34, 0x70200073)     # mnret (no Smrnmi)
  TEST_ILLEGAL_WORD(35, 0x22000073)     # hfence.vma (no H)
  TEST_ILLEGAL_WORD(36, 0x62000073)     # hfence.gvma (no H)
  TEST_ILLEGAL_WORD(37, 0x16000073)     # sinval.vma (no Svinval)
  TEST_ILLEGAL_WORD(38, 0x18000073)     # sfence.w.inval (no Svinval)
  TEST_ILLEGAL_WORD(39, 0x18100073)     # sfence.inval.ir (no Svinval)

  # 30: sret is legal in M: with SPP = S it goes to S at sepc, where an ecall
  #     traps with cause 9 (ecall from S); the hook brings the hart back to M
  li TESTNUM, 30
  li a1, MSTATUS_SPP
  csrs mstatus, a1
  la a1, 1f
  csrw sepc, a1
  TRAP_CATCH_TO_M
  sret
  j fail
1: ecall
  TRAP_CATCH_OFF
  CHECK_ONE_TRAP(CAUSE_SUPERVISOR_ECALL, 1b)
  CHECK_TRAP_MPP(PRV_S)

  # the destination of an illegal instruction is not written
  li TESTNUM, 40
  li a4, 0x1234
  TEST_ILLEGAL_WORD(40, 0x02b5173b)     # rd = a4
  CHECK_REG(a4, 0x1234)

  # two illegal instructions back to back: two traps, the second after the first
  li TESTNUM, 41
  TRAP_CATCH_ON
1: .word 0
2: .word 0
  TRAP_CATCH_OFF
  CHECK_TRAP_COUNT(2)
  CHECK_TRAP_EPC(2b)

TEST_PASSFAIL
RVTEST_CODE_END

RVTEST_DATA_BEGIN
RVTEST_DATA_END
