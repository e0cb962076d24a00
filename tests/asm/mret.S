# mret (privileged 1.12, 3.3.2): pc = mepc; MIE = MPIE; MPIE = 1; MPP = the
# least privileged mode (M on an M-only hart, so MPP stays 3). mret is legal
# in machine mode at any time, not only in a trap handler.
#
# Written for mkrv from the RISC-V privileged specification (1.12).
#include "mkrv_test.h"
#include "test_macros.h"

#define STATUS_BITS (MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP)

RVTEST_RV64M
RVTEST_CODE_BEGIN

  csrw mie, x0                    # MIE = 1 below must not take anything

  # 2: mret jumps to mepc; the instructions after it do not run
  li TESTNUM, 2
  li a4, 0
  la a1, 1f
  csrw mepc, a1
  mret
  addi a4, a4, 1
  j fail
1: CHECK_REG(a4, 0)

  # 3: MPIE = 1, MIE = 0  ->  MIE = 1, MPIE = 1, MPP = 3
  li TESTNUM, 3
  li a1, MSTATUS_MPIE
  csrs mstatus, a1
  csrci mstatus, MSTATUS_MIE
  la a1, 1f
  csrw mepc, a1
  mret
1: csrr a4, mstatus
  li a5, STATUS_BITS
  and a4, a4, a5
  CHECK_REG(a4, MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP)

  # 4: MPIE = 0, MIE = 1  ->  MIE = 0, MPIE = 1
  li TESTNUM, 4
  li a1, MSTATUS_MPIE
  csrc mstatus, a1
  csrsi mstatus, MSTATUS_MIE
  la a1, 1f
  csrw mepc, a1
  mret
1: csrr a4, mstatus
  li a5, STATUS_BITS
  and a4, a4, a5
  CHECK_REG(a4, MSTATUS_MPIE | MSTATUS_MPP)

  # 5: MPIE = 0, MIE = 0  ->  MIE = 0, MPIE = 1
  li TESTNUM, 5
  li a1, MSTATUS_MPIE | MSTATUS_MIE
  csrc mstatus, a1
  la a1, 1f
  csrw mepc, a1
  mret
1: csrr a4, mstatus
  li a5, STATUS_BITS
  and a4, a4, a5
  CHECK_REG(a4, MSTATUS_MPIE | MSTATUS_MPP)

  # 6: mepc written right before the mret (CSR write -> mret, distance 0),
  #    backwards target
  li TESTNUM, 6
  li a4, 0
  j 2f
1: addi a4, a4, 1
  j 3f
2: la a1, 1b
  csrw mepc, a1
  mret
  j fail
3: CHECK_REG(a4, 1)

  # 7: a trap, then mret from the handler, twice in a row with different
  #    handlers' mepc adjustments (the environment's catch hook uses mret)
  li TESTNUM, 7
  TRAP_CATCH_ON
  ecall
  ecall
  TRAP_CATCH_OFF
  CHECK_TRAP_COUNT(2)

  # 8: mret does not change mepc
  li TESTNUM, 8
  la a1, 1f
  csrw mepc, a1
  mret
1: csrr a4, mepc
  bne a4, a1, fail

  # 9: registers are untouched by mret
  li TESTNUM, 9
  li a2, 0x1234
  la a1, 1f
  csrw mepc, a1
  mret
1: CHECK_REG(a2, 0x1234)

TEST_PASSFAIL
RVTEST_CODE_END

RVTEST_DATA_BEGIN
RVTEST_DATA_END
