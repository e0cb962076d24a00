# ecall from machine mode: an environment-call exception, mcause = 11,
# mepc = the address of the ecall (it does not retire), mtval = 0.
# Trap entry saves MIE in MPIE and clears MIE, MPP = M (the mode the trap came
# from); the handler's mret returns to M, restores MIE, sets MPIE = 1 and MPP = U
# (the least privileged mode: the hart has M, S and U).
# The handler can change mepc to choose where execution resumes.
#
# Written for mkrv from the RISC-V privileged specification (1.12).
#include "mkrv_test.h"
#include "test_macros.h"

RVTEST_RV64M
RVTEST_CODE_BEGIN

  # 2: cause, epc and tval (mtval is written with 0)
  li a5, 0
  li a1, 0x1234
  csrw mtval, a1
  TEST_EXCEPTION(2, CAUSE_MACHINE_ECALL, a5, ecall)

  # 3: registers other than t5/t6 are untouched by the trap and the return
  li TESTNUM, 3
  li a1, 0x1111; li a2, 0x2222; li a3, 0x3333; li s0, 0x4444; li ra, 0x5555; li sp, 0x6666
  TRAP_CATCH_ON
  ecall
  TRAP_CATCH_OFF
  CHECK_REG(a1, 0x1111)
  CHECK_REG(a2, 0x2222)
  CHECK_REG(a3, 0x3333)
  CHECK_REG(s0, 0x4444)
  CHECK_REG(ra, 0x5555)
  CHECK_REG(sp, 0x6666)

  # 4: mstatus on trap entry: MIE -> MPIE, MIE = 0, MPP = 3, also when MPP
  #    was U before (mie = 0: no interrupt can be taken while MIE = 1 here)
  li TESTNUM, 4
  csrwi mie, 0
  li a1, MSTATUS_MPP | MSTATUS_MPIE
  csrc mstatus, a1
  csrsi mstatus, MSTATUS_MIE
  TRAP_HOOK_SET(save_mstatus)
  ecall
  TRAP_HOOK_CLEAR
  la a3, saved
  ld a4, 0(a3)
  li a5, MSTATUS_MPP | MSTATUS_MPIE | MSTATUS_MIE
  and a4, a4, a5
  CHECK_REG(a4, MSTATUS_MPP | MSTATUS_MPIE)
  # 5: ...and the mret returned to M (the csrr would trap in U), restored
  #    MIE = 1, set MPIE = 1 and MPP = U
  li TESTNUM, 5
  csrr a4, mstatus
  and a4, a4, a5
  CHECK_REG(a4, MSTATUS_MPP_U | MSTATUS_MPIE | MSTATUS_MIE)
  csrci mstatus, MSTATUS_MIE

  # 6: with MIE = 0 on entry, MPIE becomes 0 (MPP: U -> M)
  li TESTNUM, 6
  li a1, MSTATUS_MPIE
  csrs mstatus, a1
  TRAP_HOOK_SET(save_mstatus)
  ecall
  TRAP_HOOK_CLEAR
  la a3, saved
  ld a4, 0(a3)
  li a5, MSTATUS_MPP | MSTATUS_MPIE | MSTATUS_MIE
  and a4, a4, a5
  CHECK_REG(a4, MSTATUS_MPP)

  # 7: the handler moves mepc 8 bytes on: the instruction after ecall is skipped
  li TESTNUM, 7
  li a4, 0
  TRAP_HOOK_SET(skip_two)
  ecall
  addi a4, a4, 1
  addi a4, a4, 2
  TRAP_HOOK_CLEAR
  CHECK_REG(a4, 2)

  # 8: five ecalls in a loop: five traps, each with its own epc
  li TESTNUM, 8
  TRAP_CATCH_ON
  li a1, 5
1: ecall
  addi a1, a1, -1
  bnez a1, 1b
  TRAP_CATCH_OFF
  CHECK_TRAP_COUNT(5)
  CHECK_TRAP_EPC(1b)

  # 9: an ecall right after a taken branch and right after a load
  li TESTNUM, 9
  TRAP_CATCH_ON
  la a3, saved
  beqz x0, 1f
  nop
1: ecall
  ld a1, 0(a3)
2: ecall
  TRAP_CATCH_OFF
  CHECK_TRAP_COUNT(2)
  CHECK_TRAP_EPC(2b)
  CHECK_TRAP_CAUSE(CAUSE_MACHINE_ECALL)

TEST_PASSFAIL

save_mstatus:
  la t5, saved
  csrr t6, mstatus
  sd t6, 0(t5)
  csrr t6, mepc
  addi t6, t6, 4
  csrw mepc, t6
  mret

skip_two:
  csrr t6, mepc
  addi t6, t6, 8
  csrw mepc, t6
  mret

RVTEST_CODE_END

RVTEST_DATA_BEGIN
  .align 3
saved: .dword 0
RVTEST_DATA_END
