# mret (privileged spec 1.12, 3.3.2): pc = mepc, privilege = MPP, MIE = MPIE,
# MPIE = 1, MPP = U (the least-privileged mode); if the new mode is not M,
# MPRV = 0. mepc[1:0] read as zero (no C extension: IALIGN = 32).
# The mode mret went to is probed with an ecall (cause 8, 9 or 11).
#
# Written for mkrv from the RISC-V privileged specification (1.12).
#include "mkrv_test.h"
#include "test_macros.h"

/* mret into `mode` at 55f; there, ecall: its cause must say `mode`. */
#define TEST_MRET_TO(testnum, mode)                                         \
        li TESTNUM, testnum;                                                \
        TRAP_CATCH_ON                                                       \
        li t0, MSTATUS_MPP; csrc mstatus, t0;                               \
        li t0, (mode) << 11; csrs mstatus, t0;                              \
        la t0, 55f; csrw mepc, t0;                                          \
        li a4, 0;                                                           \
        mret;                                                               \
        li a4, 1;               /* not executed */                          \
55:     ecall;                                                              \
        RETURN_M                                                            \
        TRAP_CATCH_OFF                                                      \
        CHECK_REG(a4, 0)                                                    \
        CHECK_ONE_TRAP_M(CAUSE_USER_ECALL + (mode), 55b)

RVTEST_RV64M
RVTEST_CODE_BEGIN

  # 2-4: mret to M, S and U
  TEST_MRET_TO(2, PRV_M)
  TEST_MRET_TO(3, PRV_S)
  TEST_MRET_TO(4, PRV_U)

  # 5: after an mret (to M) MPP = U, MPIE = 1, MIE = old MPIE = 0
  li TESTNUM, 5
  li t0, MSTATUS_MPP | MSTATUS_MPIE | MSTATUS_MIE
  csrc mstatus, t0
  li t0, MSTATUS_MPP_M
  csrs mstatus, t0
  la t0, 1f
  csrw mepc, t0
  mret
1: csrr a4, mstatus
  li t0, MSTATUS_MPP | MSTATUS_MPIE | MSTATUS_MIE
  and a4, a4, t0
  CHECK_REG(a4, MSTATUS_MPIE)
  # 6: MPIE = 1 -> MIE = 1 (mie = 0: nothing can be taken)
  li TESTNUM, 6
  li t0, MSTATUS_MPP_M | MSTATUS_MPIE
  csrs mstatus, t0
  la t0, 1f
  csrw mepc, t0
  mret
1: csrr a4, mstatus
  li t0, MSTATUS_MPP | MSTATUS_MPIE | MSTATUS_MIE
  and a4, a4, t0
  CHECK_REG(a4, MSTATUS_MPIE | MSTATUS_MIE)
  csrci mstatus, MSTATUS_MIE

  # 7: pc = mepc exactly: the instructions between are skipped
  li TESTNUM, 7
  li a4, 0
  li t0, MSTATUS_MPP_M
  csrs mstatus, t0
  la t0, 1f
  csrw mepc, t0
  mret
  addi a4, a4, 1
  addi a4, a4, 2
1: addi a4, a4, 4
  CHECK_REG(a4, 4)

  # 8: mepc[1:0] are read-only 0 (IALIGN = 32): mepc = label + 2 reads as
  #    label, and mret goes there
  li TESTNUM, 8
  la a5, 1f
  addi t0, a5, 2
  csrw mepc, t0
  csrr a4, mepc
  bne a4, a5, fail
  addi t0, a5, 3
  csrw mepc, t0
  csrr a4, mepc
  bne a4, a5, fail
  li t0, MSTATUS_MPP_M
  csrs mstatus, t0
  li a4, 0
  mret
  j fail
1: li a4, 8
  CHECK_REG(a4, 8)

  # 9: mret to S clears MPRV
  li TESTNUM, 9
  li t0, MSTATUS_MPRV
  csrs mstatus, t0
  TEST_MRET_TO(9, PRV_S)
  csrr a4, mstatus
  li t0, MSTATUS_MPRV
  and a4, a4, t0
  CHECK_REG(a4, 0)
  # 10: mret to U clears MPRV
  li t0, MSTATUS_MPRV
  csrs mstatus, t0
  TEST_MRET_TO(10, PRV_U)
  csrr a4, mstatus
  li t0, MSTATUS_MPRV
  and a4, a4, t0
  CHECK_REG(a4, 0)
  # 11: mret to M keeps MPRV (satp is Bare: MPRV changes nothing else here)
  li TESTNUM, 11
  li t0, MSTATUS_MPRV | MSTATUS_MPP_M
  csrs mstatus, t0
  la t0, 1f
  csrw mepc, t0
  mret
1: csrr a4, mstatus
  li t0, MSTATUS_MPRV
  csrc mstatus, t0
  and a4, a4, t0
  CHECK_REG(a4, MSTATUS_MPRV)

  # 12: mret from an M-mode trap handler back into U-mode code resumes it
  #     there (the handler only bumps mepc): a sequence of two ecalls in U
  li TESTNUM, 12
  li a4, 0
  RUN_IN_MODE(PRV_U, 0, ecall; addi a4, a4, 1; ecall; addi a4, a4, 1)
  CHECK_REG(a4, 2)
  CHECK_TRAP_COUNT(2)
  CHECK_TRAP_LOG(0, CAUSE_USER_ECALL)
  CHECK_TRAP_LOG(1, CAUSE_USER_ECALL)

TEST_PASSFAIL
RVTEST_CODE_END

RVTEST_DATA_BEGIN
RVTEST_DATA_END
