# A delegated interrupt is never taken in M-mode (privileged spec 1.12,
# 3.1.9): with SSI, STI and SEI delegated, pending and enabled in mie, and
# MIE = SIE = 1, M-mode runs on undisturbed; the first instruction in S takes
# them (into S). mret from M to M does not take them either, and wfi in M
# returns (they are pending and locally enabled) without a trap.
#
# Written for mkrv from the RISC-V privileged specification (1.12).
#include "mkrv_test.h"
#include "test_macros.h"

RVTEST_RV64M
RVTEST_CODE_BEGIN

  li t0, MIDELEG_ALL
  csrw mideleg, t0
  csrw mie, t0
  csrw mip, t0
  li t0, MSTATUS_MIE | MSTATUS_SIE | MSTATUS_MPIE
  csrs mstatus, t0

  # 2: M-mode code runs, nothing is taken
  li TESTNUM, 2
  TRAP_CATCH_ON
  li a4, 0
  addi a4, a4, 1
  addi a4, a4, 1
  CHECK_REG(a4, 2)
  # 3: an mret to M (MPIE = 1): still nothing
  li TESTNUM, 3
  li t0, MSTATUS_MPP_M | MSTATUS_MPIE
  csrs mstatus, t0
  la t0, 1f
  csrw mepc, t0
  mret
1: nop
  # 4: wfi returns without a trap
  li TESTNUM, 4
  wfi
  nop
  CHECK_NO_TRAP

  # 5: entering S with SIE = 1: all three are taken into S, in order
  li TESTNUM, 5
  ENTER_S(1f)
1: nop
  RETURN_M
  TRAP_CATCH_OFF
  CHECK_TRAP_COUNT(0)
  CHECK_STRAP_COUNT(3)
  CHECK_STRAP_LOG(0, LOG_IRQ(IRQ_S_EXT))
  CHECK_STRAP_LOG(1, LOG_IRQ(IRQ_S_SOFT))
  CHECK_STRAP_LOG(2, LOG_IRQ(IRQ_S_TIMER))
  CHECK_STRAP_EPC(1b)

  csrci mstatus, MSTATUS_MIE | MSTATUS_SIE
  csrw mip, zero
  csrw mie, zero
  csrw mideleg, zero

TEST_PASSFAIL
RVTEST_CODE_END

RVTEST_DATA_BEGIN
RVTEST_DATA_END
