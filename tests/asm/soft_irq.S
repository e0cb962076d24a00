# Machine software interrupt through the CLINT's msip register (0x0200_0000):
# only bit 0 of msip is writable; mip.MSIP follows it; the interrupt has
# mcause = 0x8000_0000_0000_0003 and enters at base + 4 * 3 in vectored mode.
# Also: the priority order MEI > MSI > MTI when several are pending, an mret
# (to M) whose MPIE = 1 takes a pending interrupt right at its target, and an
# mret to U takes it there whatever MPIE (below M, machine interrupts are always
# enabled; mideleg = 0).
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

  # 2: msip reads back 1 when written with all ones (only bit 0 exists)
  li TESTNUM, 2
  li a3, CLINT_MSIP
  li a1, -1
  sw a1, 0(a3)
  lw a4, 0(a3)
  CHECK_REG(a4, 1)
  # 3: mip.MSIP is set, no trap with MIE = 0 and MSIE = 0
  li TESTNUM, 3
  MIP_WAIT(MIP_MSIP, MIP_MSIP)
  IRQ_COUNT(a4)
  CHECK_REG(a4, 0)
  # 4: msip = 0 clears it
  li TESTNUM, 4
  sw zero, 0(a3)
  lw a4, 0(a3)
  CHECK_REG(a4, 0)
  MIP_WAIT(MIP_MSIP, 0)

  # 5: enabled: the interrupt is taken once, mcause, mtval = 0, and the
  #    handler's msip = 0 ends it
  li TESTNUM, 5
  li a1, MIP_MSIP
  csrw mie, a1
  csrsi mstatus, MSTATUS_MIE
  MSIP_SET
  IRQ_WAIT_COUNT(a4, 1)
  IRQ_LAST(a4, IRQ_LAST_MCAUSE)
  CHECK_REG(a4, MCAUSE_IRQ(IRQ_M_SOFT))
  IRQ_LAST(a4, IRQ_LAST_MTVAL)
  CHECK_REG(a4, 0)
  li a5, 100
1: addi a5, a5, -1
  bnez a5, 1b
  IRQ_COUNT(a4)
  CHECK_REG(a4, 1)

  # 6: vectored mode: enters at base + 4 * 3
  li TESTNUM, 6
  IRQ_REC_CLEAR
  la a1, mkrv_irq_vectors + 1
  csrw mtvec, a1
  MSIP_SET
  IRQ_WAIT_COUNT(a4, 1)
  IRQ_VECTOR(a4)
  CHECK_REG(a4, IRQ_M_SOFT)
  la a1, mkrv_trap_vector
  csrw mtvec, a1

  # 7: software and timer interrupt pending together, both enabled by one
  #    write to mie: the software interrupt is taken first, then the timer
  li TESTNUM, 7
  IRQ_REC_CLEAR
  csrci mstatus, MSTATUS_MIE
  csrw mie, x0
  MSIP_SET
  TIMER_NOW
  MIP_WAIT(MIP_MSIP, MIP_MSIP)
  MIP_WAIT(MIP_MTIP, MIP_MTIP)
  csrsi mstatus, MSTATUS_MIE
  li a1, MIP_MSIP | MIP_MTIP
  csrw mie, a1
  nop
  IRQ_WAIT_COUNT(a4, 2)
  IRQ_SEQ(a4, 0)
  CHECK_REG(a4, IRQ_M_SOFT)
  IRQ_SEQ(a4, 1)
  CHECK_REG(a4, IRQ_M_TIMER)

  # 8: mret with MPIE = 1 to a target while an enabled interrupt is pending:
  #    the interrupt is taken at the target (mepc = target) before it runs
  li TESTNUM, 8
  IRQ_REC_CLEAR
  csrci mstatus, MSTATUS_MIE
  MSIP_SET
  MIP_WAIT(MIP_MSIP, MIP_MSIP)
  li a1, MSTATUS_MPIE | MSTATUS_MPP   # MPP = M: the mret stays in M
  csrs mstatus, a1
  la a1, 8f
  csrw mepc, a1
  li a4, 0
  mret
  j fail
8: addi a4, a4, 1
  CHECK_REG(a4, 1)
  IRQ_COUNT(a4)
  CHECK_REG(a4, 1)
  IRQ_LAST(a4, IRQ_LAST_MEPC)
  la a5, 8b
  bne a4, a5, fail

  # 9: interrupts are taken between any two instructions, also right after
  #    a store to msip made the interrupt pending (within a bounded time)
  li TESTNUM, 9
  IRQ_REC_CLEAR
  li a3, CLINT_MSIP
  li a1, 1
  sw a1, 0(a3)
  li a5, 1000
1: addi a5, a5, -1
  IRQ_COUNT(a4)
  bnez a4, 2f
  bnez a5, 1b
  j fail
2: CHECK_REG(a4, 1)

  # 10: mret to U with MPIE = 0 while MSI is pending and enabled in mie: taken
  #     at the target (mepc = target) in U (MPP = U on entry), before it runs;
  #     the ecall at the target then brings the hart back to M
  li TESTNUM, 10
  IRQ_REC_CLEAR
  csrci mstatus, MSTATUS_MIE
  MSIP_SET
  MIP_WAIT(MIP_MSIP, MIP_MSIP)
  li a1, MSTATUS_MPIE
  csrc mstatus, a1
  TRAP_HOOK_SET(irq_or_ecall)
  li a4, 0
  MRET_TO(PRV_U, 10f)
  j fail
10: ecall
  TRAP_HOOK_SET(mkrv_irq_handler)
  IRQ_COUNT(a4)
  CHECK_REG(a4, 1)
  IRQ_LAST(a4, IRQ_LAST_MCAUSE)
  CHECK_REG(a4, MCAUSE_IRQ(IRQ_M_SOFT))
  IRQ_LAST(a4, IRQ_LAST_MEPC)
  la a5, 10b
  bne a4, a5, fail
  la a4, irq_mpp
  ld a4, 0(a4)
  CHECK_REG(a4, MSTATUS_MPP_U)
  la a4, ecall_cause
  ld a4, 0(a4)
  CHECK_REG(a4, CAUSE_USER_ECALL)

  csrci mstatus, MSTATUS_MIE
  csrw mie, x0
  TRAP_HOOK_CLEAR

TEST_PASSFAIL

IRQ_HANDLER_CODE

/* Test 10's hook: an interrupt goes to mkrv_irq_handler (which returns to U)
 * after its mstatus.MPP is saved; an exception (the ecall from U) is recorded
 * and returns to M after the ecall. */
irq_or_ecall:
  csrr t6, mcause
  bgez t6, 1f
  csrr t6, mstatus
  li t5, MSTATUS_MPP
  and t6, t6, t5
  la t5, irq_mpp
  sd t6, 0(t5)
  j mkrv_irq_handler
1: la t5, ecall_cause
  sd t6, 0(t5)
  csrr t6, mepc
  addi t6, t6, 4
  csrw mepc, t6
  li t6, MSTATUS_MPP
  csrs mstatus, t6
  mret

RVTEST_CODE_END

RVTEST_DATA_BEGIN
IRQ_DATA
  .align 3
irq_mpp:     .dword -1
ecall_cause: .dword -1
RVTEST_DATA_END
