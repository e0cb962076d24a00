# The machine timer interrupt (code 7) from the CLINT below M-mode
# (privileged spec 1.12, 3.1.9, 3.2.1): mip.MTIP = (mtime >= mtimecmp). It
# is an M-level interrupt: it cannot be delegated (mideleg bit 7 is read-only
# 0), it is taken in S- and U-mode whatever mstatus.MIE (and SIE), and in
# M-mode only with MIE = 1. Writing mtimecmp into the future clears MTIP.
# The same holds for the machine software interrupt (code 3, CLINT msip).
#
# Written for mkrv from the RISC-V privileged specification (1.12).
#include "mkrv_test.h"
#include "test_macros.h"

#define QUIET   TIMER_OFF MSIP_CLEAR csrw mie, zero; \
                li t0, MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_SIE | MSTATUS_SPIE; csrc mstatus, t0;

RVTEST_RV64M
RVTEST_CODE_BEGIN

  # 2: mtimecmp = 0: MTIP is set; mtimecmp = -1: MTIP clears
  li TESTNUM, 2
  TIMER_NOW
  csrr a4, mip
  andi a4, a4, MIP_MTIP
  CHECK_REG(a4, MIP_MTIP)
  TIMER_OFF
  csrr a4, mip
  andi a4, a4, MIP_MTIP
  CHECK_REG(a4, 0)

  # 3: in S with MIE = 0 (and SIE = 0): taken into M at once
  li TESTNUM, 3
  QUIET
  li t0, MIP_MTIP
  csrw mie, t0
  TIMER_NOW
  TRAP_CATCH_ON
  ENTER_S(1f)
1: nop
  RETURN_M
  TRAP_CATCH_OFF
  CHECK_ONE_TRAP_M(MCAUSE_IRQ(IRQ_M_TIMER), 1b)
  CHECK_TRAP_STATUS(MSTATUS_MPP | MSTATUS_MPIE, MSTATUS_MPP_S)
  # 4: in U with MIE = 0: taken into M
  li TESTNUM, 4
  QUIET
  li t0, MIP_MTIP
  csrw mie, t0
  TIMER_NOW
  TRAP_CATCH_ON
  ENTER_U(1f)
1: nop
  RETURN_M
  TRAP_CATCH_OFF
  CHECK_ONE_TRAP_M(MCAUSE_IRQ(IRQ_M_TIMER), 1b)
  CHECK_TRAP_MPP(PRV_U)

  # 5: in M with MIE = 0: not taken; with MIE = 1: taken right after
  li TESTNUM, 5
  QUIET
  li t0, MIP_MTIP
  csrw mie, t0
  TIMER_NOW
  TRAP_CATCH_ON
  nop
  nop
  CHECK_NO_TRAP
  csrsi mstatus, MSTATUS_MIE
1: csrci mstatus, MSTATUS_MIE
  TRAP_CATCH_OFF
  CHECK_ONE_TRAP_M(MCAUSE_IRQ(IRQ_M_TIMER), 1b)

  # 6: mie.MTIE = 0: not taken in U or S
  li TESTNUM, 6
  QUIET
  TIMER_NOW
  TRAP_CATCH_ON
  ENTER_U(1f)
1: nop
  RETURN_M
  ENTER_S(1f)
1: nop
  RETURN_M
  TRAP_CATCH_OFF
  CHECK_NO_TRAP

  # 7: mideleg bit 7 is read-only 0; with mideleg written all ones and S
  #    in S-mode with SIE = 1, the timer still goes to M
  li TESTNUM, 7
  QUIET
  li t0, -1
  csrw mideleg, t0
  csrr a4, mideleg
  li t0, MIP_MTIP | MIP_MSIP | MIP_MEIP
  and a4, a4, t0
  CHECK_REG(a4, 0)
  li t0, MIP_MTIP
  csrw mie, t0
  csrsi mstatus, MSTATUS_SIE
  TIMER_NOW
  TRAP_CATCH_ON
  ENTER_S(1f)
1: nop
  RETURN_M
  TRAP_CATCH_OFF
  CHECK_ONE_TRAP_M(MCAUSE_IRQ(IRQ_M_TIMER), 1b)
  csrw mideleg, zero

  # 8: a timer in the future fires while U-mode runs a loop: taken into M
  #    within the loop (bounded), MPP = U
  li TESTNUM, 8
  QUIET
  li t0, MIP_MTIP
  csrw mie, t0
  TIMER_IN(30)
  li s1, 1000000
  TRAP_CATCH_ON
  TRAP_RESUME_M_AT(2f)
  ENTER_U(1f)
1: addi s1, s1, -1
  bnez s1, 1b
  RETURN_M                  # the loop ran out: no interrupt
2: TRAP_CATCH_OFF
  CHECK_TRAP_COUNT(1)
  CHECK_TRAP_CAUSE(MCAUSE_IRQ(IRQ_M_TIMER))
  CHECK_TRAP_MPP(PRV_U)
  beqz s1, fail

  # 9: the machine software interrupt (CLINT msip) in S with MIE = 0: into M
  li TESTNUM, 9
  QUIET
  li t0, MIP_MSIP
  csrw mie, t0
  MSIP_SET
  TRAP_CATCH_ON
  ENTER_S(1f)
1: nop
  RETURN_M
  TRAP_CATCH_OFF
  CHECK_ONE_TRAP_M(MCAUSE_IRQ(IRQ_M_SOFT), 1b)
  CHECK_TRAP_MPP(PRV_S)
  # 10: ... and in U
  li TESTNUM, 10
  QUIET
  li t0, MIP_MSIP
  csrw mie, t0
  MSIP_SET
  TRAP_CATCH_ON
  ENTER_U(1f)
1: nop
  RETURN_M
  TRAP_CATCH_OFF
  CHECK_ONE_TRAP_M(MCAUSE_IRQ(IRQ_M_SOFT), 1b)
  CHECK_TRAP_MPP(PRV_U)

  QUIET

TEST_PASSFAIL
RVTEST_CODE_END

RVTEST_DATA_BEGIN
RVTEST_DATA_END
