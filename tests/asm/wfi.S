# wfi: wait for an interrupt. The hart resumes when an interrupt that is
# enabled in mie becomes pending, whatever mstatus.MIE says:
#   - MIE = 1: the interrupt is taken and mepc = the instruction after wfi;
#   - MIE = 0: execution simply continues after the wfi, no trap.
# An interrupt already pending (and enabled in mie) makes wfi return at once.
# This suite requires wfi to really wait: right after a wfi that returned
# with MIE = 0 the waking interrupt is pending in mip. With MIE = 1 the timer
# is set 200 ticks ahead, so that it cannot fire before the wfi is reached
# (if it did, the wfi would wait forever).
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

  # 2: MIE = 0, MSIE = 1, software interrupt already pending: wfi returns,
  #    no trap
  li TESTNUM, 2
  li a1, MIP_MSIP
  csrw mie, a1
  MSIP_SET
  MIP_WAIT(MIP_MSIP, MIP_MSIP)
  wfi
  IRQ_COUNT(a4)
  CHECK_REG(a4, 0)
  MSIP_CLEAR
  MIP_WAIT(MIP_MSIP, 0)

  # 3: MIE = 0, MTIE = 1, the timer fires later: wfi returns once it is
  #    pending (mip.MTIP is set right after the wfi), no trap
  li TESTNUM, 3
  li a1, MIP_MTIP
  csrw mie, a1
  TIMER_IN(20)
  wfi
  csrr a4, mip
  andi a4, a4, MIP_MTIP
  CHECK_REG(a4, MIP_MTIP)
  IRQ_COUNT(a4)
  CHECK_REG(a4, 0)
  TIMER_OFF
  MIP_WAIT(MIP_MTIP, 0)

  # 4: MIE = 1, MTIE = 1, the timer fires later: the interrupt is taken with
  #    mepc = the instruction after the wfi
  li TESTNUM, 4
  IRQ_REC_CLEAR
  csrsi mstatus, MSTATUS_MIE
  TIMER_IN(200)                # far enough that it cannot fire before the wfi
  wfi
4: nop
  IRQ_COUNT(a4)
  CHECK_REG(a4, 1)
  IRQ_LAST(a4, IRQ_LAST_MCAUSE)
  CHECK_REG(a4, MCAUSE_IRQ(IRQ_M_TIMER))
  IRQ_LAST(a4, IRQ_LAST_MEPC)
  la a5, 4b
  bne a4, a5, fail

  # 5: wfi in a loop, woken by the timer three times
  li TESTNUM, 5
  IRQ_REC_CLEAR
  li s0, 3
1: TIMER_IN(200)
  wfi
  addi s0, s0, -1
  bnez s0, 1b
  IRQ_COUNT(a4)
  CHECK_REG(a4, 3)

  csrci mstatus, MSTATUS_MIE
  csrw mie, x0
  TRAP_HOOK_CLEAR

TEST_PASSFAIL

IRQ_HANDLER_CODE

RVTEST_CODE_END

RVTEST_DATA_BEGIN
IRQ_DATA
RVTEST_DATA_END
