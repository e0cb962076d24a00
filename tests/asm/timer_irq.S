# Machine timer interrupt through the CLINT (mtimecmp at 0x0200_4000, mtime
# at 0x0200_BFF8): mip.MTIP follows mtime >= mtimecmp; the interrupt is taken
# when mstatus.MIE and mie.MTIE are set, with mcause = 0x8000_0000_0000_0007,
# mtval = 0 and mepc = the interrupted instruction; in vectored mode it enters
# at base + 4 * 7. Enabling MIE or MTIE while MTIP is pending takes the
# interrupt right after the enabling CSR write (privileged spec 1.12 3.1.9).
#
# Written for mkrv from the RISC-V privileged specification (1.12).
#include "mkrv_test.h"
#include "test_macros.h"
#include "mkrv_irq.h"

RVTEST_RV64M
RVTEST_CODE_BEGIN

  CLINT_QUIET
  IRQ_REC_CLEAR
  TRAP_HOOK_SET(mkrv_irq_handler)

  # 2: mtimecmp = 0 (<= mtime): MTIP becomes pending; no trap with MIE = 0
  li TESTNUM, 2
  li a1, MIP_MTIP
  csrs mie, a1
  TIMER_NOW
  MIP_WAIT(MIP_MTIP, MIP_MTIP)
  IRQ_COUNT(a4)
  CHECK_REG(a4, 0)

  # 3: mtimecmp = all ones: MTIP clears
  li TESTNUM, 3
  TIMER_OFF
  MIP_WAIT(MIP_MTIP, 0)

  # 4: MIE = 1, MTIE = 0, timer pending: not taken; setting MTIE takes it
  #    immediately after the csrs (mepc = the next instruction)
  li TESTNUM, 4
  csrw mie, x0
  csrsi mstatus, MSTATUS_MIE
  TIMER_NOW
  MIP_WAIT(MIP_MTIP, MIP_MTIP)
  IRQ_COUNT(a4)
  CHECK_REG(a4, 0)
  li a1, MIP_MTIP
  csrs mie, a1
4: nop
  IRQ_COUNT(a4)
  CHECK_REG(a4, 1)
  IRQ_LAST(a4, IRQ_LAST_MCAUSE)
  CHECK_REG(a4, MCAUSE_IRQ(IRQ_M_TIMER))
  IRQ_LAST(a4, IRQ_LAST_MEPC)
  la a5, 4b
  bne a4, a5, fail
  # 5: mtval = 0 for an interrupt
  li TESTNUM, 5
  IRQ_LAST(a4, IRQ_LAST_MTVAL)
  CHECK_REG(a4, 0)
  # 6: after the mret, MIE is 1 again and MTIP is clear (the handler
  #    wrote mtimecmp)
  li TESTNUM, 6
  csrr a4, mstatus
  andi a4, a4, MSTATUS_MIE
  CHECK_REG(a4, MSTATUS_MIE)
  MIP_WAIT(MIP_MTIP, 0)

  # 7: MTIE = 1, MIE = 0, pending: not taken; csrsi mstatus.MIE takes it
  #    right after the csrsi
  li TESTNUM, 7
  IRQ_REC_CLEAR
  csrci mstatus, MSTATUS_MIE
  TIMER_NOW
  MIP_WAIT(MIP_MTIP, MIP_MTIP)
  nop
  nop
  IRQ_COUNT(a4)
  CHECK_REG(a4, 0)
  csrsi mstatus, MSTATUS_MIE
7: nop
  IRQ_COUNT(a4)
  CHECK_REG(a4, 1)
  IRQ_LAST(a4, IRQ_LAST_MEPC)
  la a5, 7b
  bne a4, a5, fail

  # 8: a timer set in the future interrupts a running loop
  li TESTNUM, 8
  IRQ_REC_CLEAR
  TIMER_IN(5)
8:
  IRQ_WAIT_COUNT(a4, 1)
  IRQ_LAST(a4, IRQ_LAST_MCAUSE)
  CHECK_REG(a4, MCAUSE_IRQ(IRQ_M_TIMER))
  # the interrupted instruction is inside the wait loop of IRQ_WAIT_COUNT
  IRQ_LAST(a4, IRQ_LAST_MEPC)
  la a5, 8b
  bltu a4, a5, fail
  la a5, 9f
  bgeu a4, a5, fail
9:
  # 10: registers used by the interrupted code survive (only t5/t6 are
  #     touched by the handler): a computation runs across the interrupt
  li TESTNUM, 10
  IRQ_REC_CLEAR
  li a1, 0
  li a2, 0
  TIMER_IN(3)
1: addi a1, a1, 1
  add a2, a2, a1
  IRQ_COUNT(a4)
  beqz a4, 1b
  # a2 = a1 * (a1 + 1) / 2
  addi a3, a1, 1
  mul a3, a3, a1
  srli a3, a3, 1
  bne a2, a3, fail

  # 11: vectored mode: the timer interrupt enters at base + 4 * 7
  li TESTNUM, 11
  IRQ_REC_CLEAR
  la a1, mkrv_irq_vectors + 1
  csrw mtvec, a1
  TIMER_NOW
  IRQ_WAIT_COUNT(a4, 1)
  IRQ_VECTOR(a4)
  CHECK_REG(a4, IRQ_M_TIMER)
  IRQ_LAST(a4, IRQ_LAST_MCAUSE)
  CHECK_REG(a4, MCAUSE_IRQ(IRQ_M_TIMER))
  # 12: ...while exceptions in vectored mode still enter at base
  li TESTNUM, 12
  TRAP_CATCH_ON
  ecall
  TRAP_CATCH_OFF
  CHECK_TRAP_COUNT(1)
  CHECK_TRAP_CAUSE(CAUSE_MACHINE_ECALL)
  la a1, mkrv_trap_vector
  csrw mtvec, a1
  TRAP_HOOK_SET(mkrv_irq_handler)

  # 13: with MIE = 0 in the handler, nothing nests: one interrupt per event
  li TESTNUM, 13
  IRQ_REC_CLEAR
  TIMER_NOW
  IRQ_WAIT_COUNT(a4, 1)
  li a5, 100
1: addi a5, a5, -1
  bnez a5, 1b
  IRQ_COUNT(a4)
  CHECK_REG(a4, 1)

  csrci mstatus, MSTATUS_MIE
  csrw mie, x0
  TRAP_HOOK_CLEAR

TEST_PASSFAIL

IRQ_HANDLER_CODE

RVTEST_CODE_END

RVTEST_DATA_BEGIN
IRQ_DATA
RVTEST_DATA_END
