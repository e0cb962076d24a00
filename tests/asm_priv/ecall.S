# ecall: environment call from U-, S- and M-mode (privileged spec 1.12, 3.3.1).
#
# The cause is the mode the ecall was executed in: 8 (U), 9 (S), 11 (M); xepc
# is the address of the ecall (it does not retire), xtval = 0. Without
# delegation every ecall traps into M. medeleg[8] / medeleg[9] delegate ecalls
# from U / S to S-mode; medeleg[11] is read-only 0 (an ecall from M, like every
# trap taken in M, is never delegated). Delegation is per cause: the bit of
# another cause does not delegate.
#
# Written for mkrv from the RISC-V privileged specification (1.12).
#include "mkrv_test.h"
#include "test_macros.h"

RVTEST_RV64M
RVTEST_CODE_BEGIN

  # xtval is written with 0 by the trap: preset it to something else
  li s0, -1
  csrw mtval, s0
  csrw stval, s0

  # 2-4: no delegation: into M from every mode, cause by mode, mtval = 0
  TEST_TRAP_M( 2, PRV_U, CAUSE_USER_ECALL, ecall)
  CHECK_TRAP_TVAL(0)
  csrw mtval, s0
  TEST_TRAP_M( 3, PRV_S, CAUSE_SUPERVISOR_ECALL, ecall)
  CHECK_TRAP_TVAL(0)
  csrw mtval, s0
  TEST_TRAP_M( 4, PRV_M, CAUSE_MACHINE_ECALL, ecall)
  CHECK_TRAP_TVAL(0)

  # 5-6: medeleg[8]: an ecall from U goes to S (stval = 0), one from S still to M
  li t0, 1 << CAUSE_USER_ECALL
  csrw medeleg, t0
  TEST_TRAP_S( 5, PRV_U, CAUSE_USER_ECALL, ecall)
  CHECK_STRAP_TVAL(0)
  TEST_TRAP_M( 6, PRV_S, CAUSE_SUPERVISOR_ECALL, ecall)

  # 7-9: medeleg[9]: an ecall from S goes to S, one from U to M, one from M to M
  li t0, 1 << CAUSE_SUPERVISOR_ECALL
  csrw medeleg, t0
  csrw stval, s0
  TEST_TRAP_S( 7, PRV_S, CAUSE_SUPERVISOR_ECALL, ecall)
  CHECK_STRAP_TVAL(0)
  TEST_TRAP_M( 8, PRV_U, CAUSE_USER_ECALL, ecall)
  TEST_TRAP_M( 9, PRV_M, CAUSE_MACHINE_ECALL, ecall)

  # 10: medeleg[11] is read-only 0; with every writable bit set an ecall from
  #     M is still taken in M
  li TESTNUM, 10
  li t0, -1
  csrw medeleg, t0
  csrr a4, medeleg
  srli a4, a4, CAUSE_MACHINE_ECALL
  andi a4, a4, 1
  CHECK_REG(a4, 0)
  TEST_TRAP_M(11, PRV_M, CAUSE_MACHINE_ECALL, ecall)
  CHECK_TRAP_TVAL(0)
  # 12-13: ... and U and S ecalls both go to S (every cause is delegated:
  #        RETURN_M needs its interrupt fallback)
  ESCAPE_IRQ_ON
  TEST_TRAP_S(12, PRV_U, CAUSE_USER_ECALL, ecall)
  ESCAPE_IRQ_OFF
  csrw medeleg, zero
  li t0, (1 << CAUSE_USER_ECALL) | (1 << CAUSE_SUPERVISOR_ECALL)
  csrw medeleg, t0
  TEST_TRAP_S(13, PRV_S, CAUSE_SUPERVISOR_ECALL, ecall)

  # 14: other causes delegated, not this one: into M
  li t0, MEDELEG_ALL & ~(1 << CAUSE_USER_ECALL)
  csrw medeleg, t0
  TEST_TRAP_M(14, PRV_U, CAUSE_USER_ECALL, ecall)
  csrw medeleg, zero

  # 15: the ecall does not retire: a register written by it... (ecall has no
  #     rd) - the instruction after it runs exactly once after the return
  li TESTNUM, 15
  li a4, 0
  RUN_IN_MODE(PRV_U, 0, ecall; addi a4, a4, 1)
  CHECK_REG(a4, 1)
  CHECK_ONE_TRAP_M(CAUSE_USER_ECALL, 55b)

  # 16: registers are preserved across the trap and the return
  li TESTNUM, 16
  li a1, 0x1111; li a2, 0x2222; li s1, 0x3333; li ra, 0x4444; li sp, 0x5555; li tp, 0x6666
  RUN_IN_MODE(PRV_S, 0, ecall)
  CHECK_REG(a1, 0x1111)
  CHECK_REG(a2, 0x2222)
  CHECK_REG(s1, 0x3333)
  CHECK_REG(ra, 0x4444)
  CHECK_REG(sp, 0x5555)
  CHECK_REG(tp, 0x6666)

TEST_PASSFAIL
RVTEST_CODE_END

RVTEST_DATA_BEGIN
RVTEST_DATA_END
