# Supervisor CSRs (privileged spec 1.12, 4.1): sstatus is a restricted view of
# mstatus (SIE, SPIE, SPP, SUM, MXR visible and writable through it; MIE,
# MPIE, MPP, MPRV, TVM, TW, TSR not visible, not writable through it);
# sscratch, sepc, scause, stval and stvec hold what S-mode writes (sepc[1:0]
# = 0: IALIGN = 32; stvec in direct mode); S-mode traps go through stvec.
# (sie/sip: see irq_sip_sie.S; satp: see vm_satp.S.)
#
# Written for mkrv from the RISC-V privileged specification (1.12).
#include "mkrv_test.h"
#include "test_macros.h"

#define S_BITS  (MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP | MSTATUS_SUM | MSTATUS_MXR)
#define M_BITS  (MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP | MSTATUS_MPRV | \
                 MSTATUS_TVM | MSTATUS_TW | MSTATUS_TSR)

RVTEST_RV64M
RVTEST_CODE_BEGIN

  # 2: S fields set in mstatus show in sstatus; M fields do not
  li TESTNUM, 2
  li t0, S_BITS | MSTATUS_MPIE | MSTATUS_MPP | MSTATUS_MPRV | MSTATUS_TVM | MSTATUS_TW | MSTATUS_TSR
  csrs mstatus, t0
  csrr a4, sstatus
  li t0, S_BITS | M_BITS
  and a4, a4, t0
  CHECK_REG(a4, S_BITS)
  li t0, S_BITS | M_BITS
  csrc mstatus, t0

  # 3: writing sstatus with all ones sets the S fields, not the M fields
  li TESTNUM, 3
  li t0, MSTATUS_MPP
  csrc mstatus, t0            # MPP = U
  li t0, -1
  csrw sstatus, t0
  csrr a4, mstatus
  li t0, S_BITS | M_BITS
  and a4, a4, t0
  CHECK_REG(a4, S_BITS)
  # 4: writing sstatus with 0 clears them, M fields untouched (set them first)
  li TESTNUM, 4
  li t0, MSTATUS_MPIE | MSTATUS_MPP_S | MSTATUS_TW
  csrs mstatus, t0
  csrw sstatus, zero
  csrr a4, mstatus
  li t0, S_BITS | M_BITS
  and a4, a4, t0
  CHECK_REG(a4, MSTATUS_MPIE | MSTATUS_MPP_S | MSTATUS_TW)
  li t0, M_BITS
  csrc mstatus, t0

  # 5: the same from S-mode: SUM and SPIE set through sstatus in S
  li TESTNUM, 5
  li a1, SSTATUS_SUM | SSTATUS_SPIE
  RUN_IN_MODE(PRV_S, 0, csrs sstatus, a1; csrr s1, sstatus)
  CHECK_NO_TRAP
  li t0, S_BITS
  and a4, s1, t0
  CHECK_REG(a4, SSTATUS_SUM | SSTATUS_SPIE)
  csrr a4, mstatus
  and a4, a4, t0
  CHECK_REG(a4, SSTATUS_SUM | SSTATUS_SPIE)
  csrw sstatus, zero

  # 6-9: sscratch, stval, scause, sepc written and read back in S
  li a1, 0x0123456789abcdef
  li a2, 0x0000000080001234
  li a3, 2                   # a legal scause value (illegal instruction)
  li TESTNUM, 6
  RUN_IN_MODE(PRV_S, 0, csrw sscratch, a1; csrr s1, sscratch; csrw stval, a1; csrr s2, stval; csrw scause, a3; csrr s3, scause; csrw sepc, a2; csrr s4, sepc)
  CHECK_NO_TRAP
  bne s1, a1, fail
  li TESTNUM, 7
  bne s2, a1, fail
  li TESTNUM, 8
  bne s3, a3, fail
  li TESTNUM, 9
  bne s4, a2, fail
  # 10: sepc[1:0] read as 0
  li TESTNUM, 10
  li t0, 0x80001237
  csrw sepc, t0
  csrr a4, sepc
  CHECK_REG(a4, 0x80001234)
  # 11: scause interrupt bit and stval are whole registers
  li TESTNUM, 11
  li t0, MCAUSE_IRQ(IRQ_S_TIMER)
  csrw scause, t0
  csrr a4, scause
  CHECK_REG(a4, MCAUSE_IRQ(IRQ_S_TIMER))

  # 12: sscratch is not mscratch
  li TESTNUM, 12
  li t0, 0x1111
  csrw sscratch, t0
  li t0, 0x2222
  csrw mscratch, t0
  csrr a4, sscratch
  CHECK_REG(a4, 0x1111)

  # 13: stvec direct mode: a 4-byte aligned address reads back; a trap into S
  #     goes there (an ebreak delegated to S lands on other_vector)
  li TESTNUM, 13
  la a1, other_vector
  csrw stvec, a1
  csrr a4, stvec
  bne a4, a1, fail
  li t0, 1 << CAUSE_BREAKPOINT
  csrw medeleg, t0
  li s1, 0
  TRAP_CATCH_ON
  ENTER_S(1f)
1: ebreak
  RETURN_M
  TRAP_CATCH_OFF
  CHECK_REG(s1, 1)            # other_vector ran
  CHECK_ONE_TRAP_S(CAUSE_BREAKPOINT, 1b)
  la t0, mkrv_strap_vector
  csrw stvec, t0
  csrw medeleg, zero

TEST_PASSFAIL

  .align 6
other_vector:                 # counts in s1, then the environment's S vector
  addi s1, s1, 1
  j mkrv_strap_vector

RVTEST_CODE_END

RVTEST_DATA_BEGIN
RVTEST_DATA_END
