# Privileged instructions executed with too little privilege (privileged spec
# 1.12, 3.1.6.5, 3.3.2, 4.2.1): illegal instruction, xtval = the instruction
# bits, the instruction has no effect.
#   mret   illegal in S and U
#   sret   illegal in U; in S when mstatus.TSR = 1; legal in M whatever TSR
#   sfence.vma  illegal in U (and in S when TVM = 1: see tvm.S)
# With medeleg[2] the illegal-instruction trap from U/S goes to S instead.
# (wfi: see wfi.S)
#
# Written for mkrv from the RISC-V privileged specification (1.12).
#include "mkrv_test.h"
#include "test_macros.h"

#define MRET_BITS   0x30200073
#define SRET_BITS   0x10200073
#define SFENCE_BITS 0x12000073

RVTEST_RV64M
RVTEST_CODE_BEGIN

  # sepc/mepc point at a place that fails, in case a "nop" xret jumps
  la t0, fail
  csrw sepc, t0

  # 2-3: mret in U and S
  TEST_TRAP_M( 2, PRV_U, CAUSE_ILLEGAL_INSTRUCTION, mret)
  CHECK_TRAP_TVAL(MRET_BITS)
  TEST_TRAP_M( 3, PRV_S, CAUSE_ILLEGAL_INSTRUCTION, mret)
  CHECK_TRAP_TVAL(MRET_BITS)
  # 4: the illegal mret in S changed nothing: MPP (= S, from the trap), and
  #    MIE/MPIE as the trap left them
  li TESTNUM, 4
  CHECK_TRAP_STATUS(MSTATUS_MPP, MSTATUS_MPP_S)

  # 5: sret in U
  TEST_TRAP_M( 5, PRV_U, CAUSE_ILLEGAL_INSTRUCTION, sret)
  CHECK_TRAP_TVAL(SRET_BITS)

  # 6-7: sret in S with TSR = 1: illegal; SPP/SIE/SPIE unchanged
  li t0, MSTATUS_TSR
  csrs mstatus, t0
  li t0, SSTATUS_SPP | SSTATUS_SPIE
  csrs mstatus, t0
  TEST_TRAP_M( 6, PRV_S, CAUSE_ILLEGAL_INSTRUCTION, sret)
  CHECK_TRAP_TVAL(SRET_BITS)
  li TESTNUM, 7
  CHECK_TRAP_STATUS(SSTATUS_SPP | SSTATUS_SPIE | SSTATUS_SIE, SSTATUS_SPP | SSTATUS_SPIE)
  # 8: TSR does not affect sret in M: it goes to S (SPP) at sepc
  li TESTNUM, 8
  la t0, 1f
  csrw sepc, t0
  TRAP_CATCH_ON
  sret
  j fail
1: ecall
  RETURN_M
  TRAP_CATCH_OFF
  CHECK_ONE_TRAP_M(CAUSE_SUPERVISOR_ECALL, 1b)
  # 9: TSR = 1 does not affect sret in U: still illegal (nothing new)
  TEST_TRAP_M( 9, PRV_U, CAUSE_ILLEGAL_INSTRUCTION, sret)
  li t0, MSTATUS_TSR
  csrc mstatus, t0

  # 10: sret in S with TSR = 0 is legal (to U at sepc, probed with ecall)
  li TESTNUM, 10
  li t0, SSTATUS_SPP
  csrc mstatus, t0
  la t0, 1f
  csrw sepc, t0
  TRAP_CATCH_ON
  ENTER_S(2f)
2: sret
  j fail
1: ecall
  RETURN_M
  TRAP_CATCH_OFF
  CHECK_ONE_TRAP_M(CAUSE_USER_ECALL, 1b)

  # 11: sfence.vma in U
  TEST_TRAP_M(11, PRV_U, CAUSE_ILLEGAL_INSTRUCTION, sfence.vma)
  CHECK_TRAP_TVAL(SFENCE_BITS)
  # 12-13: sfence.vma in S and M (TVM = 0) is legal
  TEST_NO_TRAP_IN(12, PRV_S, sfence.vma)
  TEST_NO_TRAP_IN(13, PRV_M, sfence.vma)

  # 14-17: the same illegal instructions delegated to S (medeleg[2])
  li t0, 1 << CAUSE_ILLEGAL_INSTRUCTION
  csrw medeleg, t0
  TEST_TRAP_S(14, PRV_U, CAUSE_ILLEGAL_INSTRUCTION, mret)
  CHECK_STRAP_TVAL(MRET_BITS)
  TEST_TRAP_S(15, PRV_S, CAUSE_ILLEGAL_INSTRUCTION, mret)
  CHECK_STRAP_TVAL(MRET_BITS)
  TEST_TRAP_S(16, PRV_U, CAUSE_ILLEGAL_INSTRUCTION, sret)
  CHECK_STRAP_TVAL(SRET_BITS)
  # 17: sret in S with TSR = 1, delegated: the S handler cannot sret either
  #     (TSR), it returns to M through an ecall
  li TESTNUM, 17
  li t0, MSTATUS_TSR
  csrs mstatus, t0
  TRAP_CATCH_ON
  STRAP_RESUME_M_AT(1f)
  ENTER_S(55f)
55: sret
  j fail
1: TRAP_CATCH_OFF
  CHECK_ONE_TRAP_S(CAUSE_ILLEGAL_INSTRUCTION, 55b)
  CHECK_STRAP_SPP(PRV_S)
  CHECK_STRAP_TVAL(SRET_BITS)
  li t0, MSTATUS_TSR
  csrc mstatus, t0
  TEST_TRAP_S(18, PRV_U, CAUSE_ILLEGAL_INSTRUCTION, sfence.vma)
  CHECK_STRAP_TVAL(SFENCE_BITS)
  csrw medeleg, zero

TEST_PASSFAIL
RVTEST_CODE_END

RVTEST_DATA_BEGIN
RVTEST_DATA_END
