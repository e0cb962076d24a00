/* irq_s.h - the body shared by irq_ssi.S, irq_sti.S and irq_sei.S: one
 * supervisor-level interrupt (code IRQ_N, made pending by M-mode through mip)
 * taken in every mode, not delegated and delegated (privileged spec 1.12,
 * 3.1.9, 4.1.3).
 *
 * An interrupt is taken when it is pending (mip) and enabled (mie), and:
 *   not delegated (mideleg bit 0): into M, if the hart is in M with MIE = 1,
 *     or in S or U whatever MIE (M-level interrupts are always enabled below M);
 *   delegated (mideleg bit 1): into S, if the hart is in S with SIE = 1, or in
 *     U whatever SIE; never in M, whatever MIE and SIE.
 * The condition is evaluated right after a write to mip/mie/mstatus/sip/sie/
 * sstatus and after an xRET, so the interrupt is taken before the next
 * instruction: xepc = the instruction after the enabling one (or the xRET's
 * target). xcause = (1 << 63) | IRQ_N.
 * S_CAN_SET: S-mode can set/clear the bit through sip (SSIP only; STIP and
 * SEIP are read-only in sip).
 *
 * Written for mkrv from the RISC-V privileged specification (1.12).
 */
#include "mkrv_test.h"
#include "test_macros.h"

#define BIT (1 << IRQ_N)

/* pending and enabled (mie), delegated or not */
#define ARM(deleg)                                                          \
        li t0, (deleg) * BIT; csrw mideleg, t0;                             \
        li t0, BIT; csrw mie, t0; csrs mip, t0;
#define DISARM                                                              \
        li t0, BIT; csrc mip, t0;                                           \
        csrw mie, zero; csrw mideleg, zero;                                 \
        li t0, MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_SIE | MSTATUS_SPIE;     \
        csrc mstatus, t0;

RVTEST_RV64M
RVTEST_CODE_BEGIN

  # ----- not delegated: into M -----
  # 2: in M with MIE = 1: taken right after the csrs mip
  li TESTNUM, 2
  li t0, 0
  csrw mideleg, zero
  li t0, BIT
  csrw mie, t0
  TRAP_CATCH_ON
  csrsi mstatus, MSTATUS_MIE
  li t0, BIT
  csrs mip, t0
1: nop
  csrci mstatus, MSTATUS_MIE
  TRAP_CATCH_OFF
  CHECK_ONE_TRAP_M(MCAUSE_IRQ(IRQ_N), 1b)
  CHECK_TRAP_STATUS(MSTATUS_MPP | MSTATUS_MPIE | MSTATUS_MIE, MSTATUS_MPP_M | MSTATUS_MPIE)
  DISARM

  # 3: in M with MIE = 0: not taken, stays pending; taken right after MIE = 1
  li TESTNUM, 3
  ARM(0)
  TRAP_CATCH_ON
  nop
  nop
  csrr a4, mip
  CHECK_NO_TRAP
  andi a4, a4, BIT
  CHECK_REG(a4, BIT)
  csrsi mstatus, MSTATUS_MIE
1: csrci mstatus, MSTATUS_MIE
  TRAP_CATCH_OFF
  CHECK_ONE_TRAP_M(MCAUSE_IRQ(IRQ_N), 1b)
  DISARM

  # 4: in S with MIE = 0: taken into M at once (at the mret's target)
  li TESTNUM, 4
  ARM(0)
  TRAP_CATCH_ON
  ENTER_S(1f)
1: nop
  RETURN_M
  TRAP_CATCH_OFF
  CHECK_ONE_TRAP_M(MCAUSE_IRQ(IRQ_N), 1b)
  CHECK_TRAP_STATUS(MSTATUS_MPP | MSTATUS_MPIE, MSTATUS_MPP_S)
  DISARM
  # 5: in U: into M
  li TESTNUM, 5
  ARM(0)
  TRAP_CATCH_ON
  ENTER_U(1f)
1: nop
  RETURN_M
  TRAP_CATCH_OFF
  CHECK_ONE_TRAP_M(MCAUSE_IRQ(IRQ_N), 1b)
  CHECK_TRAP_MPP(PRV_U)
  DISARM
  # 6: in S with SIE = 1 (not delegated: SIE does not matter): into M
  li TESTNUM, 6
  ARM(0)
  csrsi mstatus, MSTATUS_SIE
  TRAP_CATCH_ON
  ENTER_S(1f)
1: nop
  RETURN_M
  TRAP_CATCH_OFF
  CHECK_ONE_TRAP_M(MCAUSE_IRQ(IRQ_N), 1b)
  DISARM

  # 7: not enabled in mie: never taken (U, S, M with MIE = 1)
  li TESTNUM, 7
  ARM(0)
  csrw mie, zero
  TRAP_CATCH_ON
  ENTER_U(1f)
1: nop
  RETURN_M
  ENTER_S(1f)
1: nop
  RETURN_M
  csrsi mstatus, MSTATUS_MIE
  nop
  csrci mstatus, MSTATUS_MIE
  TRAP_CATCH_OFF
  CHECK_NO_TRAP
  DISARM

  # ----- delegated: into S -----
  # 8: in S with SIE = 1: into S at once; SPP = S, SPIE = 1, SIE = 0
  li TESTNUM, 8
  ARM(1)
  csrsi mstatus, MSTATUS_SIE
  TRAP_CATCH_ON
  ENTER_S(1f)
1: nop
  RETURN_M
  TRAP_CATCH_OFF
  CHECK_ONE_TRAP_S(MCAUSE_IRQ(IRQ_N), 1b)
  CHECK_STRAP_STATUS(SSTATUS_SPP | SSTATUS_SPIE | SSTATUS_SIE, SSTATUS_SPP | SSTATUS_SPIE)
  DISARM
  # 9: in S with SIE = 0: not taken; taken right after S sets SIE
  li TESTNUM, 9
  ARM(1)
  TRAP_CATCH_ON
  ENTER_S(1f)
1: nop
  nop
  csrr s1, sip
  csrsi sstatus, SSTATUS_SIE
2: nop
  RETURN_M
  TRAP_CATCH_OFF
  CHECK_ONE_TRAP_S(MCAUSE_IRQ(IRQ_N), 2b)
  andi a4, s1, BIT           # it was visible in sip
  CHECK_REG(a4, BIT)
  DISARM
  # 10: in U with SIE = 0: into S (S-level interrupts are enabled below S)
  li TESTNUM, 10
  ARM(1)
  TRAP_CATCH_ON
  ENTER_U(1f)
1: nop
  RETURN_M
  TRAP_CATCH_OFF
  CHECK_ONE_TRAP_S(MCAUSE_IRQ(IRQ_N), 1b)
  CHECK_STRAP_SPP(PRV_U)
  DISARM
  # 11: in M with MIE = 1 and SIE = 1: a delegated interrupt is not taken
  li TESTNUM, 11
  ARM(1)
  TRAP_CATCH_ON
  csrsi mstatus, MSTATUS_MIE | MSTATUS_SIE
  nop
  nop
  csrci mstatus, MSTATUS_MIE | MSTATUS_SIE
  TRAP_CATCH_OFF
  CHECK_NO_TRAP
  DISARM
  # 12: delegated but not enabled in sie (= mie): not taken in U
  li TESTNUM, 12
  ARM(1)
  li t0, BIT
  csrc sie, t0
  TRAP_CATCH_ON
  ENTER_U(1f)
1: nop
  RETURN_M
  TRAP_CATCH_OFF
  CHECK_NO_TRAP
  DISARM

  # ----- S-mode writes to sip -----
#if S_CAN_SET
  # 13: S clears its pending SSIP through sip (SIE = 0): mip.SSIP = 0 after
  li TESTNUM, 13
  ARM(1)
  TRAP_CATCH_ON
  li a1, BIT
  ENTER_S(1f)
1: csrc sip, a1
  RETURN_M
  TRAP_CATCH_OFF
  CHECK_NO_TRAP
  csrr a4, mip
  andi a4, a4, BIT
  CHECK_REG(a4, 0)
  DISARM
  # 14: S sets SSIP through sip with SIE = 1: taken right after
  li TESTNUM, 14
  li t0, BIT
  csrw mideleg, t0
  csrw mie, t0
  csrsi mstatus, MSTATUS_SIE
  TRAP_CATCH_ON
  li a1, BIT
  ENTER_S(1f)
1: csrs sip, a1
2: nop
  RETURN_M
  TRAP_CATCH_OFF
  CHECK_ONE_TRAP_S(MCAUSE_IRQ(IRQ_N), 2b)
  DISARM
#else
  # 13: the bit is read-only in sip: S cannot clear it (it stays pending)
  li TESTNUM, 13
  ARM(1)
  TRAP_CATCH_ON
  li a1, BIT
  ENTER_S(1f)
1: csrc sip, a1
  csrr s1, sip
  RETURN_M
  TRAP_CATCH_OFF
  CHECK_NO_TRAP
  andi a4, s1, BIT
  CHECK_REG(a4, BIT)
  csrr a4, mip
  andi a4, a4, BIT
  CHECK_REG(a4, BIT)
  DISARM
  # 14: ... nor set it (with SIE = 1 and the bit enabled: nothing happens)
  li TESTNUM, 14
  li t0, BIT
  csrw mideleg, t0
  csrw mie, t0
  csrsi mstatus, MSTATUS_SIE
  TRAP_CATCH_ON
  li a1, BIT
  ENTER_S(1f)
1: csrs sip, a1
  nop
  csrr s1, sip
  RETURN_M
  TRAP_CATCH_OFF
  CHECK_NO_TRAP
  andi a4, s1, BIT
  CHECK_REG(a4, 0)
  DISARM
#endif

TEST_PASSFAIL
RVTEST_CODE_END

RVTEST_DATA_BEGIN
RVTEST_DATA_END
