# Interrupt priority (privileged spec 1.12, 3.1.9): with several interrupts
# pending and enabled, those destined for M-mode are taken before those
# destined for S-mode; among one destination the order is MEI, MSI, MTI, SEI,
# SSI, STI. Each recording hook clears the enable bit of the interrupt it
# took, so the rest follow one by one; the common log (mkrv_trap_seq) shows
# the order across both levels. (MEI is not used: it needs the PLIC.)
#
# Written for mkrv from the RISC-V privileged specification (1.12).
#include "mkrv_test.h"
#include "test_macros.h"

#define TO_M(n)  LOG_IRQ(n)
#define TO_S(n)  (LOG_IRQ(n) | SEQ_S)

/* make pending: MSI, MTI (CLINT), SEI, SSI, STI (mip); enable `en` in mie */
#define ARM_ALL(deleg, en)                                                  \
        li t0, deleg; csrw mideleg, t0;                                     \
        MSIP_SET                                                            \
        TIMER_NOW                                                           \
        li t0, MIP_S_ALL; csrw mip, t0;                                     \
        li t0, en; csrw mie, t0;
#define QUIET                                                               \
        csrw mie, zero; csrw mip, zero; csrw mideleg, zero;                 \
        MSIP_CLEAR TIMER_OFF                                                \
        li t0, MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_SIE | MSTATUS_SPIE;     \
        csrc mstatus, t0;

#define EN_ALL (MIP_MSIP | MIP_MTIP | MIP_S_ALL)

RVTEST_RV64M
RVTEST_CODE_BEGIN

  # 2: everything to M, in M with MIE = 1: MSI, MTI, SEI, SSI, STI
  li TESTNUM, 2
  ARM_ALL(0, EN_ALL)
  TRAP_CATCH_ON
  csrsi mstatus, MSTATUS_MIE
  nop
  csrci mstatus, MSTATUS_MIE
  TRAP_CATCH_OFF
  CHECK_TRAP_SEQ_COUNT(5)
  CHECK_TRAP_SEQ(0, TO_M(IRQ_M_SOFT))
  CHECK_TRAP_SEQ(1, TO_M(IRQ_M_TIMER))
  CHECK_TRAP_SEQ(2, TO_M(IRQ_S_EXT))
  CHECK_TRAP_SEQ(3, TO_M(IRQ_S_SOFT))
  CHECK_TRAP_SEQ(4, TO_M(IRQ_S_TIMER))
  QUIET

  # 3: only the S-level ones enabled, all delegated, in S with SIE = 1:
  #    SEI, SSI, STI into S
  li TESTNUM, 3
  ARM_ALL(MIDELEG_ALL, MIP_S_ALL)
  csrsi mstatus, MSTATUS_SIE
  TRAP_CATCH_ON
  ENTER_S(1f)
1: nop
  RETURN_M
  TRAP_CATCH_OFF
  CHECK_TRAP_SEQ_COUNT(3)
  CHECK_TRAP_SEQ(0, TO_S(IRQ_S_EXT))
  CHECK_TRAP_SEQ(1, TO_S(IRQ_S_SOFT))
  CHECK_TRAP_SEQ(2, TO_S(IRQ_S_TIMER))
  QUIET

  # 4: mixed, in S with SIE = 1: STI and SEI delegated, SSI not; MTI, MSI:
  #    first everything for M (MSI, MTI, SSI), then for S (SEI, STI)
  li TESTNUM, 4
  ARM_ALL(MIP_STIP | MIP_SEIP, EN_ALL)
  csrsi mstatus, MSTATUS_SIE
  TRAP_CATCH_ON
  ENTER_S(1f)
1: nop
  RETURN_M
  TRAP_CATCH_OFF
  CHECK_TRAP_SEQ_COUNT(5)
  CHECK_TRAP_SEQ(0, TO_M(IRQ_M_SOFT))
  CHECK_TRAP_SEQ(1, TO_M(IRQ_M_TIMER))
  CHECK_TRAP_SEQ(2, TO_M(IRQ_S_SOFT))
  CHECK_TRAP_SEQ(3, TO_S(IRQ_S_EXT))
  CHECK_TRAP_SEQ(4, TO_S(IRQ_S_TIMER))
  QUIET

  # 5: the same in U (S-level interrupts enabled there whatever SIE)
  li TESTNUM, 5
  ARM_ALL(MIP_STIP | MIP_SEIP, EN_ALL)
  TRAP_CATCH_ON
  ENTER_U(1f)
1: nop
  RETURN_M
  TRAP_CATCH_OFF
  CHECK_TRAP_SEQ_COUNT(5)
  CHECK_TRAP_SEQ(0, TO_M(IRQ_M_SOFT))
  CHECK_TRAP_SEQ(1, TO_M(IRQ_M_TIMER))
  CHECK_TRAP_SEQ(2, TO_M(IRQ_S_SOFT))
  CHECK_TRAP_SEQ(3, TO_S(IRQ_S_EXT))
  CHECK_TRAP_SEQ(4, TO_S(IRQ_S_TIMER))
  QUIET

  # 6: the same in M with MIE = 1: only the non-delegated ones are taken
  li TESTNUM, 6
  ARM_ALL(MIP_STIP | MIP_SEIP, EN_ALL)
  csrsi mstatus, MSTATUS_SIE
  TRAP_CATCH_ON
  csrsi mstatus, MSTATUS_MIE
  nop
  nop
  csrci mstatus, MSTATUS_MIE
  TRAP_CATCH_OFF
  CHECK_TRAP_SEQ_COUNT(3)
  CHECK_TRAP_SEQ(0, TO_M(IRQ_M_SOFT))
  CHECK_TRAP_SEQ(1, TO_M(IRQ_M_TIMER))
  CHECK_TRAP_SEQ(2, TO_M(IRQ_S_SOFT))
  QUIET

  # 7: two S-level ones to M (not delegated), in U: SSI before STI
  li TESTNUM, 7
  ARM_ALL(0, MIP_SSIP | MIP_STIP)
  TRAP_CATCH_ON
  ENTER_U(1f)
1: nop
  RETURN_M
  TRAP_CATCH_OFF
  CHECK_TRAP_SEQ_COUNT(2)
  CHECK_TRAP_SEQ(0, TO_M(IRQ_S_SOFT))
  CHECK_TRAP_SEQ(1, TO_M(IRQ_S_TIMER))
  QUIET

TEST_PASSFAIL
RVTEST_CODE_END

RVTEST_DATA_BEGIN
RVTEST_DATA_END
