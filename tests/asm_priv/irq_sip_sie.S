# sip and sie are views of mip and mie restricted by mideleg (privileged spec
# 1.12, 3.1.9, 4.1.3): a bit of an interrupt delegated to S reads and writes
# the homonymous mip/mie bit; the bits of interrupts not delegated, and the
# M-level bits (MSI, MTI, MEI) always, read as 0 and ignore writes. Of the
# pending bits only SSIP is writable through sip.
#
# Written for mkrv from the RISC-V privileged specification (1.12).
#include "mkrv_test.h"
#include "test_macros.h"

/* mideleg = d; mip S bits all set; mie all set; then sip & sie must read v */
#define TEST_VIEW(testnum, d, v)                                            \
        li TESTNUM, testnum;                                                \
        li t0, d; csrw mideleg, t0;                                         \
        li t0, MIP_S_ALL; csrw mip, t0;                                     \
        li t0, -1; csrw mie, t0;                                            \
        csrr a4, sip; CHECK_REG(a4, v)                                      \
        csrr a4, sie; CHECK_REG(a4, v)

RVTEST_RV64M
RVTEST_CODE_BEGIN

  # the M-level bits pending too: MTIP (mtimecmp = 0) and MSIP
  TIMER_NOW
  MSIP_SET

  # 2-6: the views for several mideleg values
  TEST_VIEW(2, 0, 0)
  TEST_VIEW(3, MIP_SSIP, MIP_SSIP)
  TEST_VIEW(4, MIP_STIP, MIP_STIP)
  TEST_VIEW(5, MIP_SEIP | MIP_SSIP, MIP_SEIP | MIP_SSIP)
  TEST_VIEW(6, MIDELEG_ALL, MIP_S_ALL)
  # 7: mip itself shows everything
  li TESTNUM, 7
  csrr a4, mip
  CHECK_REG(a4, MIP_S_ALL | MIP_MTIP | MIP_MSIP)

  # 8: the same views read in S-mode (only the delegated STI enabled, SIE =
  #    0: nothing can be taken)
  li TESTNUM, 8
  li t0, MIP_STIP
  csrw mideleg, t0
  csrw mie, t0
  RUN_IN_MODE(PRV_S, 0, csrr s1, sip; csrr s2, sie)
  CHECK_NO_TRAP
  CHECK_REG(s1, MIP_STIP)
  CHECK_REG(s2, MIP_STIP)

  # 9: writes through sie reach mie only for delegated bits
  li TESTNUM, 9
  li t0, MIP_SSIP | MIP_SEIP
  csrw mideleg, t0
  csrw mie, zero
  li t0, -1
  csrw sie, t0
  csrr a4, mie
  CHECK_REG(a4, MIP_SSIP | MIP_SEIP)
  # 10: clearing through sie likewise (mie all set first)
  li TESTNUM, 10
  li t0, -1
  csrw mie, t0
  csrw sie, zero
  csrr a4, mie
  CHECK_REG(a4, 0xaaa & ~(MIP_SSIP | MIP_SEIP))

  # 11: writes through sip: only SSIP, and only when delegated
  li TESTNUM, 11
  csrw mie, zero
  csrw mip, zero
  li t0, MIDELEG_ALL
  csrw mideleg, t0
  li t0, -1
  csrw sip, t0
  csrr a4, mip
  li t0, MIP_S_ALL
  and a4, a4, t0
  CHECK_REG(a4, MIP_SSIP)
  # 12: SSIP not delegated: a sip write does not reach mip
  li TESTNUM, 12
  csrw mip, zero
  li t0, MIP_STIP | MIP_SEIP
  csrw mideleg, t0
  li t0, -1
  csrw sip, t0
  csrr a4, mip
  li t0, MIP_S_ALL
  and a4, a4, t0
  CHECK_REG(a4, 0)
  # 13: STIP/SEIP set in mip are not cleared by a sip write of 0
  li TESTNUM, 13
  li t0, MIP_STIP | MIP_SEIP
  csrw mip, t0
  csrw sip, zero
  csrr a4, mip
  li t0, MIP_S_ALL
  and a4, a4, t0
  CHECK_REG(a4, MIP_STIP | MIP_SEIP)

  csrw mip, zero
  csrw mie, zero
  csrw mideleg, zero
  TIMER_OFF
  MSIP_CLEAR

TEST_PASSFAIL
RVTEST_CODE_END

RVTEST_DATA_BEGIN
RVTEST_DATA_END
