# mret (privileged 1.12, 3.3.2): pc = mepc; privilege = MPP; MIE = MPIE;
# MPIE = 1; MPP = the least privileged mode (U on this M/S/U hart); and, when
# MPP was not M, MPRV = 0. mret is legal in machine mode at any time, not only
# in a trap handler. The mode mret went to is probed with an ecall (cause 8 for
# U, 9 for S; csrr of an M-mode CSR would trap below M).
#
# Written for mkrv from the RISC-V privileged specification (1.12).
#include "mkrv_test.h"
#include "test_macros.h"

#define STATUS_BITS (MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP)

/* mret with MPP = `mode` (and MPRV = `mprv`) to an ecall: the ecall's cause
 * says the mode, the trap's MPP too; the hook comes back to M. */
#define TEST_MRET_TO(testnum, mode, mprv)                                   \
        li TESTNUM, testnum;                                                \
        li a4, 0;                                                           \
        TRAP_CATCH_TO_M                                                     \
        li a1, mprv; csrs mstatus, a1;                                      \
        MRET_TO(mode, 56f)                                                  \
        li a4, 1;               /* not executed */                          \
56:     ecall;                                                              \
        TRAP_CATCH_OFF                                                      \
        CHECK_REG(a4, 0)                                                    \
        CHECK_ONE_TRAP(CAUSE_USER_ECALL + (mode), 56b)                      \
        CHECK_TRAP_MPP(mode)                                                \
        TRAP_REC_LOAD(a4, TRAP_REC_MSTATUS)                                 \
        li a1, MSTATUS_MPRV; and a4, a4, a1;                                \
        CHECK_REG(a4, 0)

RVTEST_RV64M
RVTEST_CODE_BEGIN

  csrw mie, x0                    # MIE = 1 below must not take anything

  # 2: mret jumps to mepc; the instructions after it do not run
  li TESTNUM, 2
  li a4, 0
  la a1, 1f
  csrw mepc, a1
  MPP_SET_M
  mret
  addi a4, a4, 1
  j fail
1: CHECK_REG(a4, 0)

  # 3: MPIE = 1, MIE = 0, MPP = M  ->  MIE = 1, MPIE = 1, MPP = U (still in M:
  #    the csrr mstatus would trap in U)
  li TESTNUM, 3
  li a1, MSTATUS_MPIE | MSTATUS_MPP
  csrs mstatus, a1
  csrci mstatus, MSTATUS_MIE
  la a1, 1f
  csrw mepc, a1
  mret
1: csrr a4, mstatus
  li a5, STATUS_BITS
  and a4, a4, a5
  CHECK_REG(a4, MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP_U)

  # 4: MPIE = 0, MIE = 1  ->  MIE = 0, MPIE = 1
  li TESTNUM, 4
  li a1, MSTATUS_MPIE
  csrc mstatus, a1
  csrsi mstatus, MSTATUS_MIE
  la a1, 1f
  csrw mepc, a1
  MPP_SET_M
  mret
1: csrr a4, mstatus
  li a5, STATUS_BITS
  and a4, a4, a5
  CHECK_REG(a4, MSTATUS_MPIE | MSTATUS_MPP_U)

  # 5: MPIE = 0, MIE = 0  ->  MIE = 0, MPIE = 1
  li TESTNUM, 5
  li a1, MSTATUS_MPIE | MSTATUS_MIE
  csrc mstatus, a1
  la a1, 1f
  csrw mepc, a1
  MPP_SET_M
  mret
1: csrr a4, mstatus
  li a5, STATUS_BITS
  and a4, a4, a5
  CHECK_REG(a4, MSTATUS_MPIE | MSTATUS_MPP_U)

  # 6: mepc written right before the mret (CSR write -> mret, distance 0),
  #    backwards target
  li TESTNUM, 6
  li a4, 0
  j 2f
1: addi a4, a4, 1
  j 3f
2: MPP_SET_M
  la a1, 1b
  csrw mepc, a1
  mret
  j fail
3: CHECK_REG(a4, 1)

  # 7: a trap, then mret from the handler, twice in a row with different
  #    handlers' mepc adjustments (the environment's catch hook uses mret; trap
  #    entry set MPP = M, so it returns to M)
  li TESTNUM, 7
  TRAP_CATCH_ON
  ecall
  ecall
  TRAP_CATCH_OFF
  CHECK_TRAP_COUNT(2)
  CHECK_TRAP_MPP(PRV_M)

  # 8: mret does not change mepc
  li TESTNUM, 8
  la a1, 1f
  csrw mepc, a1
  MPP_SET_M
  mret
1: csrr a4, mepc
  bne a4, a1, fail

  # 9: registers are untouched by mret
  li TESTNUM, 9
  li a2, 0x1234
  la a1, 1f
  csrw mepc, a1
  MPP_SET_M
  mret
1: CHECK_REG(a2, 0x1234)

  # 10-11: mret with MPP = S enters S, with MPP = U enters U
  TEST_MRET_TO(10, PRV_S, 0)
  TEST_MRET_TO(11, PRV_U, 0)
  # 12-13: ... and clears MPRV on the way (it is set before the mret)
  TEST_MRET_TO(12, PRV_S, MSTATUS_MPRV)
  TEST_MRET_TO(13, PRV_U, MSTATUS_MPRV)

  # 14: an mret that stays in M keeps MPRV (and sets MPP = U; with MPRV = 1 that
  #     would make loads and stores U-mode ones, so MPRV is cleared right away)
  li TESTNUM, 14
  li a1, MSTATUS_MPRV
  csrs mstatus, a1
  la a1, 1f
  csrw mepc, a1
  MPP_SET_M
  mret
1: csrr a4, mstatus
  li a1, MSTATUS_MPRV
  csrc mstatus, a1
  li a5, MSTATUS_MPRV | MSTATUS_MPP
  and a4, a4, a5
  CHECK_REG(a4, MSTATUS_MPRV | MSTATUS_MPP_U)

  # 15: MPP = 2 (reserved) is stored as U, so such an mret goes to U
  li TESTNUM, 15
  li a1, MSTATUS_MPP
  csrc mstatus, a1
  li a1, 2 << MSTATUS_MPP_SHIFT
  csrs mstatus, a1
  TRAP_CATCH_TO_M
  la a1, 1f
  csrw mepc, a1
  mret
1: ecall
  TRAP_CATCH_OFF
  CHECK_ONE_TRAP(CAUSE_USER_ECALL, 1b)

TEST_PASSFAIL
RVTEST_CODE_END

RVTEST_DATA_BEGIN
RVTEST_DATA_END
