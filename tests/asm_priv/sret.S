# sret (privileged spec 1.12, 3.3.2, 4.1.1): pc = sepc, privilege = SPP
# (U or S), SIE = SPIE, SPIE = 1, SPP = U, and MPRV = 0 (SPP is never M).
# Legal in S (when TSR = 0) and in M; sepc[1:0] read as zero (IALIGN = 32).
# The mode sret went to is probed with an ecall (cause 8 or 9).
#
# Written for mkrv from the RISC-V privileged specification (1.12).
#include "mkrv_test.h"
#include "test_macros.h"

/* In `from` (S or M) mode: sret with SPP = `to` to 56f; there, ecall: its
 * cause must say `to`. */
#define TEST_SRET(testnum, from, to)                                        \
        li TESTNUM, testnum;                                                \
        li t0, SSTATUS_SPP; csrc mstatus, t0;                               \
        li t0, (to) << 8; csrs mstatus, t0;                                 \
        la t0, 56f; csrw sepc, t0;                                          \
        li a4, 0;                                                           \
        TRAP_CATCH_ON                                                       \
        ENTER_MODE(from, 55f)                                               \
55:     sret;                                                               \
        li a4, 1;               /* not executed */                          \
56:     ecall;                                                              \
        RETURN_M                                                            \
        TRAP_CATCH_OFF                                                      \
        CHECK_REG(a4, 0)                                                    \
        CHECK_ONE_TRAP_M(CAUSE_USER_ECALL + (to), 56b)

RVTEST_RV64M
RVTEST_CODE_BEGIN

  # 2-3: from S to U and to S
  TEST_SRET(2, PRV_S, PRV_U)
  TEST_SRET(3, PRV_S, PRV_S)
  # 4-5: from M to U and to S
  TEST_SRET(4, PRV_M, PRV_U)
  TEST_SRET(5, PRV_M, PRV_S)

  # 6: in S: sret with SPIE = 1, SPP = S, SIE = 0 -> SIE = 1, SPIE = 1, SPP = U
  #    (read in S after the sret; mie = 0: nothing can be taken)
  li TESTNUM, 6
  li t0, SSTATUS_SIE | SSTATUS_SPIE | SSTATUS_SPP
  csrc mstatus, t0
  li t0, SSTATUS_SPIE | SSTATUS_SPP
  csrs mstatus, t0
  la t0, 1f
  csrw sepc, t0
  TRAP_CATCH_ON
  ENTER_S(2f)
2: sret
1: csrr s1, sstatus
  RETURN_M
  TRAP_CATCH_OFF
  CHECK_NO_TRAP
  li t0, SSTATUS_SIE | SSTATUS_SPIE | SSTATUS_SPP
  and a4, s1, t0
  CHECK_REG(a4, SSTATUS_SIE | SSTATUS_SPIE)
  # 7: SPIE = 0 -> SIE = 0, SPIE = 1
  li TESTNUM, 7
  li t0, SSTATUS_SIE | SSTATUS_SPIE | SSTATUS_SPP
  csrc mstatus, t0
  li t0, SSTATUS_SIE | SSTATUS_SPP
  csrs mstatus, t0
  la t0, 1f
  csrw sepc, t0
  TRAP_CATCH_ON
  ENTER_S(2f)
2: sret
1: csrr s1, sstatus
  RETURN_M
  TRAP_CATCH_OFF
  CHECK_NO_TRAP
  li t0, SSTATUS_SIE | SSTATUS_SPIE | SSTATUS_SPP
  and a4, s1, t0
  CHECK_REG(a4, SSTATUS_SPIE)

  # 8: sret leaves the M fields (MIE, MPIE, MPP) alone: from M with MIE = 0,
  #    MPIE = 1, MPP = S, sret to S; read mstatus after an ecall into M
  li TESTNUM, 8
  li t0, MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP | SSTATUS_SPP
  csrc mstatus, t0
  li t0, MSTATUS_MPIE | MSTATUS_MPP_S | SSTATUS_SPP
  csrs mstatus, t0
  la t0, 1f
  csrw sepc, t0
  TRAP_CATCH_ON
  sret
1: ecall                       # from S: MPIE = MIE (0), MPP = S
  RETURN_M
  TRAP_CATCH_OFF
  CHECK_TRAP_COUNT(1)
  CHECK_TRAP_CAUSE(CAUSE_SUPERVISOR_ECALL)
  CHECK_TRAP_STATUS(MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP, MSTATUS_MPP_S)

  # 9: pc = sepc exactly; sepc[1:0] read as 0
  li TESTNUM, 9
  la a5, 1f
  addi t0, a5, 2
  csrw sepc, t0
  csrr a4, sepc
  bne a4, a5, fail
  li t0, SSTATUS_SPP
  csrs mstatus, t0
  li a4, 0
  TRAP_CATCH_ON
  ENTER_S(2f)
2: sret
  addi a4, a4, 1
1: addi a4, a4, 4
  RETURN_M
  TRAP_CATCH_OFF
  CHECK_NO_TRAP
  CHECK_REG(a4, 4)

  # 10: sret (in M) clears MPRV
  li TESTNUM, 10
  li t0, MSTATUS_MPRV | SSTATUS_SPP
  csrs mstatus, t0
  la t0, 1f
  csrw sepc, t0
  TRAP_CATCH_ON
  sret
1: RETURN_M
  TRAP_CATCH_OFF
  CHECK_NO_TRAP
  csrr a4, mstatus
  li t0, MSTATUS_MPRV
  and a4, a4, t0
  CHECK_REG(a4, 0)

TEST_PASSFAIL
RVTEST_CODE_END

RVTEST_DATA_BEGIN
RVTEST_DATA_END
