# wfi (privileged spec 1.12, 3.1.6.5, 3.3.3).
#
# Legality: wfi is illegal in U-mode (S-mode exists; mkrv does not let it
# complete), and in S-mode when mstatus.TW = 1 (mkrv: at once, the "bounded
# time limit" is 0). It is legal in S-mode with TW = 0 and always in M-mode.
# Waking: wfi resumes when an interrupt is pending and locally enabled (mip &
# mie != 0), whatever the global enables (MIE, SIE); if the interrupt is also
# globally enabled it is taken with xepc = the instruction after the wfi. mkrv
# stalls in wfi (it is not a nop): right after a wfi that waited for the timer,
# mip.MTIP is set. Every wfi here waits for the CLINT timer (mtimecmp = mtime
# + a small delta); a `j .` after it makes xepc = wfi + 4 also on a core whose
# wfi is a nop.
#
# Written for mkrv from the RISC-V privileged specification (1.12).
#include "mkrv_test.h"
#include "test_macros.h"

#define WFI_BITS 0x10500073

RVTEST_RV64M
RVTEST_CODE_BEGIN

  # ----- illegal cases -----
  TEST_TRAP_M( 2, PRV_U, CAUSE_ILLEGAL_INSTRUCTION, wfi)
  CHECK_TRAP_TVAL(WFI_BITS)
  li t0, MSTATUS_TW
  csrs mstatus, t0
  TEST_TRAP_M( 3, PRV_U, CAUSE_ILLEGAL_INSTRUCTION, wfi)
  CHECK_TRAP_TVAL(WFI_BITS)
  TEST_TRAP_M( 4, PRV_S, CAUSE_ILLEGAL_INSTRUCTION, wfi)
  CHECK_TRAP_TVAL(WFI_BITS)
  # 5-6: delegated (medeleg[2]): into S
  li t0, 1 << CAUSE_ILLEGAL_INSTRUCTION
  csrw medeleg, t0
  TEST_TRAP_S( 5, PRV_S, CAUSE_ILLEGAL_INSTRUCTION, wfi)
  CHECK_STRAP_TVAL(WFI_BITS)
  li t0, MSTATUS_TW
  csrc mstatus, t0
  TEST_TRAP_S( 6, PRV_U, CAUSE_ILLEGAL_INSTRUCTION, wfi)
  CHECK_STRAP_TVAL(WFI_BITS)
  csrw medeleg, zero

  # ----- M-mode, TW = 1 (no effect in M), MIE = 0: wfi returns when the
  #       timer is pending (mie.MTIE = 1); no trap -----
  li TESTNUM, 7
  li t0, MSTATUS_TW
  csrs mstatus, t0
  csrci mstatus, MSTATUS_MIE
  li t0, MIP_MTIP
  csrw mie, t0
  TRAP_CATCH_ON
  TIMER_IN(20)
  wfi
  csrr a4, mip               # 8: the timer is pending right after the wfi
  TRAP_CATCH_OFF
  CHECK_NO_TRAP
  li TESTNUM, 8
  andi a4, a4, MIP_MTIP
  CHECK_REG(a4, MIP_MTIP)
  TIMER_OFF
  csrw mie, zero
  li t0, MSTATUS_TW
  csrc mstatus, t0

  # ----- M-mode, MIE = 1: the timer interrupt is taken at wfi + 4 -----
  li TESTNUM, 9
  li t0, MIP_MTIP
  csrw mie, t0
  TRAP_CATCH_ON
  TRAP_RESUME_AT(2f)
  TIMER_IN(20)
  csrsi mstatus, MSTATUS_MIE
  wfi
1: j 1b
2: csrci mstatus, MSTATUS_MIE
  TRAP_CATCH_OFF
  CHECK_ONE_TRAP_M(MCAUSE_IRQ(IRQ_M_TIMER), 1b)
  TIMER_OFF

  # ----- S-mode, TW = 0: legal; the machine timer (always enabled below M)
  #       is taken into M at wfi + 4 -----
  li TESTNUM, 10
  li t0, MIP_MTIP
  csrw mie, t0
  TRAP_CATCH_ON
  TRAP_RESUME_M_AT(2f)
  TIMER_IN(20)
  ENTER_S(55f)
55: wfi
1: j 1b
2: TRAP_CATCH_OFF
  CHECK_ONE_TRAP_M(MCAUSE_IRQ(IRQ_M_TIMER), 1b)
  CHECK_TRAP_MPP(PRV_S)
  TIMER_OFF

  # ----- an interrupt already pending and locally enabled (SSIP, not
  #       delegated, MIE = 0): wfi in M returns at once, no trap -----
  li TESTNUM, 11
  csrci mstatus, MSTATUS_MIE
  li t0, MIP_SSIP
  csrw mie, t0
  csrs mip, t0
  TRAP_CATCH_ON
  wfi
  TRAP_CATCH_OFF
  CHECK_NO_TRAP
  li t0, MIP_SSIP
  csrc mip, t0
  csrw mie, zero

TEST_PASSFAIL
RVTEST_CODE_END

RVTEST_DATA_BEGIN
RVTEST_DATA_END
