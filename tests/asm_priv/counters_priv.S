# Counter access from S and U (privileged spec 1.12, 3.1.11, 4.1.5; Zicntr):
# cycle (0xC00), time (0xC01) and instret (0xC02) may be read in S-mode when
# their mcounteren bit (CY = 0, TM = 1, IR = 2) is set, and in U-mode when both
# the mcounteren and the scounteren bits are set; else illegal instruction.
# M-mode always may. The enables' bits 0-2 are writable.
#
# Written for mkrv from the RISC-V privileged specification (1.12).
#include "mkrv_test.h"
#include "test_macros.h"

#define CSRR_A4(csr)  (((csr) << 20) | (2 << 12) | (14 << 7) | 0x73)

/* csrr a4, csr in `mode` with mcounteren = m, scounteren = s: traps into M
 * as illegal (legal = 0) or not (legal = 1; then a4 != 0 for cycle/instret,
 * the counters run). */
#define TEST_COUNTER(testnum, mode, csr, m, s, legal)                       \
        li t0, m; csrw mcounteren, t0;                                      \
        li t0, s; csrw scounteren, t0;                                      \
        li a4, 0;                                                           \
        li TESTNUM, testnum;                                                \
        RUN_IN_MODE(mode, 0, .word CSRR_A4(csr))                            \
        .if legal;                                                          \
        CHECK_NO_TRAP                                                       \
        .else;                                                              \
        CHECK_ONE_TRAP_M(CAUSE_ILLEGAL_INSTRUCTION, 55b)                    \
        CHECK_TRAP_TVAL(CSRR_A4(csr))                                       \
        CHECK_REG(a4, 0)                                                    \
        .endif

RVTEST_RV64M
RVTEST_CODE_BEGIN

  # 2-3: bits 0-2 of mcounteren and scounteren are writable
  li TESTNUM, 2
  li t0, 7
  csrw mcounteren, t0
  csrr a4, mcounteren
  andi a4, a4, 7
  CHECK_REG(a4, 7)
  csrw mcounteren, zero
  csrr a4, mcounteren
  andi a4, a4, 7
  CHECK_REG(a4, 0)
  li TESTNUM, 3
  li t0, 7
  csrw scounteren, t0
  csrr a4, scounteren
  andi a4, a4, 7
  CHECK_REG(a4, 7)
  csrw scounteren, zero
  csrr a4, scounteren
  andi a4, a4, 7
  CHECK_REG(a4, 0)

  # ----- S-mode: mcounteren decides, scounteren does not matter -----
  TEST_COUNTER(10, PRV_S, 0xC00, 0, 7, 0)
  TEST_COUNTER(11, PRV_S, 0xC01, 0, 7, 0)
  TEST_COUNTER(12, PRV_S, 0xC02, 0, 7, 0)
  TEST_COUNTER(13, PRV_S, 0xC00, 1, 0, 1)
  TEST_COUNTER(14, PRV_S, 0xC01, 2, 0, 1)
  TEST_COUNTER(15, PRV_S, 0xC02, 4, 0, 1)
  # each bit enables only its counter
  TEST_COUNTER(16, PRV_S, 0xC00, 6, 7, 0)
  TEST_COUNTER(17, PRV_S, 0xC01, 5, 7, 0)
  TEST_COUNTER(18, PRV_S, 0xC02, 3, 7, 0)

  # ----- U-mode: both must be set -----
  TEST_COUNTER(20, PRV_U, 0xC00, 0, 7, 0)
  TEST_COUNTER(21, PRV_U, 0xC00, 7, 0, 0)
  TEST_COUNTER(22, PRV_U, 0xC00, 1, 1, 1)
  TEST_COUNTER(23, PRV_U, 0xC01, 0, 7, 0)
  TEST_COUNTER(24, PRV_U, 0xC01, 7, 0, 0)
  TEST_COUNTER(25, PRV_U, 0xC01, 2, 2, 1)
  TEST_COUNTER(26, PRV_U, 0xC02, 0, 7, 0)
  TEST_COUNTER(27, PRV_U, 0xC02, 7, 0, 0)
  TEST_COUNTER(28, PRV_U, 0xC02, 4, 4, 1)
  TEST_COUNTER(29, PRV_U, 0xC00, 6, 1, 0)
  TEST_COUNTER(30, PRV_U, 0xC02, 7, 3, 0)

  # ----- M-mode: always -----
  TEST_COUNTER(31, PRV_M, 0xC00, 0, 0, 1)
  TEST_COUNTER(32, PRV_M, 0xC01, 0, 0, 1)
  TEST_COUNTER(33, PRV_M, 0xC02, 0, 0, 1)

  # ----- the counters run in U-mode: two reads of cycle and of instret
  #       in U (all enabled) differ -----
  li t0, 7
  csrw mcounteren, t0
  csrw scounteren, t0
  li TESTNUM, 34
  RUN_IN_MODE(PRV_U, 0, rdcycle a1; rdinstret a2; nop; nop; rdcycle a3; rdinstret a4)
  CHECK_NO_TRAP
  bgeu a1, a3, fail
  bgeu a2, a4, fail
  # 35: instret counts the U-mode instructions retired in between (at least 3)
  li TESTNUM, 35
  sub a4, a4, a2
  sltiu a4, a4, 3
  CHECK_REG(a4, 0)

  # ----- delegated: medeleg[2] sends U's illegal counter read to S -----
  li TESTNUM, 36
  li t0, 1 << CAUSE_ILLEGAL_INSTRUCTION
  csrw medeleg, t0
  csrw scounteren, zero
  TEST_TRAP_S(36, PRV_U, CAUSE_ILLEGAL_INSTRUCTION, rdtime a4)
  CHECK_STRAP_TVAL(CSRR_A4(0xC01))
  csrw medeleg, zero
  csrw mcounteren, zero

TEST_PASSFAIL
RVTEST_CODE_END

RVTEST_DATA_BEGIN
RVTEST_DATA_END
