# lr.w/lr.d and sc.w/sc.d (A): load-reserved / store-conditional.
#
# lr loads (lr.w sign-extends) and registers a reservation on the address;
# sc stores only if the hart holds a reservation that covers its address
# (the one of the most recent lr), writing rd = 0 on success and rd = 1 on
# failure (with memory unchanged). Every sc, successful or not, invalidates
# the reservation. The reservation set is implementation-defined but an
# address 4 KiB away is never covered.
#
# Written for mkrv from the RISC-V unprivileged ISA specification (20191213).
#include "mkrv_test.h"
#include "test_macros.h"

RVTEST_RV64U
RVTEST_CODE_BEGIN

  la s0, rdat          # reserved-for-test area
  li s1, 4096
  add s1, s0, s1       # 4 KiB away

  # 2: no lr since reset: sc.d fails, rd = 1, memory unchanged
  TEST_CASE( 2, a4, 1, li a2, 0x1234; sc.d a4, a2, (s0))
  TEST_CASE( 3, a4, 0x0123456789abcdef, ld a4, 0(s0))

  # 4: lr.d reads the doubleword
  TEST_CASE( 4, a4, 0x0123456789abcdef, lr.d a4, (s0))
  # 5: sc.d to the same address succeeds: rd = 0, memory updated
  TEST_CASE( 5, a4, 0, li a2, 0x1122334455667788; sc.d a4, a2, (s0))
  TEST_CASE( 6, a4, 0x1122334455667788, ld a4, 0(s0))
  # 7: a second sc.d (the reservation was consumed) fails, memory unchanged
  TEST_CASE( 7, a4, 1, li a2, -1; sc.d a4, a2, (s0))
  TEST_CASE( 8, a4, 0x1122334455667788, ld a4, 0(s0))

  # 9: lr.w sign-extends the word; sc.w writes only 4 bytes
  TEST_CASE( 9, a4, 0xffffffff80000001, li a1, 0x7fffffff80000001; sd a1, 8(s0); addi a3, s0, 8; lr.w a4, (a3))
  TEST_CASE(10, a4, 0, li a2, 0xaaaaaaaa55555555; sc.w a4, a2, (a3))
  TEST_CASE(11, a4, 0x7fffffff55555555, ld a4, 8(s0))
  # 12: sc.w without a reservation fails
  TEST_CASE(12, a4, 1, li a2, 0; sc.w a4, a2, (a3))
  TEST_CASE(13, a4, 0x7fffffff55555555, ld a4, 8(s0))
  # 14: lr.w / sc.w on the upper word of a doubleword
  TEST_CASE(14, a4, 0x7fffffff, addi a3, s0, 12; lr.w a4, (a3))
  TEST_CASE(15, a4, 0, li a2, 0x80000000; sc.w a4, a2, (a3))
  TEST_CASE(16, a4, 0x8000000055555555, ld a4, 8(s0))

  # 17: sc.d to an address outside the reservation (4 KiB away) fails, and
  #     neither location changes
  TEST_CASE(17, a4, 1, lr.d a1, (s0); li a2, 0x5555; sc.d a4, a2, (s1))
  TEST_CASE(18, a4, 0xfedcba9876543210, ld a4, 0(s1))
  TEST_CASE(19, a4, 0x1122334455667788, ld a4, 0(s0))
  # 20: the failed sc also invalidated the reservation on s0
  TEST_CASE(20, a4, 1, li a2, 0x6666; sc.d a4, a2, (s0))
  TEST_CASE(21, a4, 0x1122334455667788, ld a4, 0(s0))

  # 22: two lr in a row: the most recent one's address counts
  TEST_CASE(22, a4, 0, lr.d a1, (s0); lr.d a1, (s1); li a2, 0x7777; sc.d a4, a2, (s1))
  TEST_CASE(23, a4, 0x7777, ld a4, 0(s1))

  # 24: sc with rd = x0 still stores on success
  TEST_CASE(24, a4, 0x8888, lr.d a1, (s0); li a2, 0x8888; sc.d x0, a2, (s0); ld a4, 0(s0))
  # 25: ...and consumed the reservation
  TEST_CASE(25, a4, 1, li a2, 0x9999; sc.d a4, a2, (s0))

  # 26: lr with rd = x0 still sets a reservation
  TEST_CASE(26, a4, 0, lr.d x0, (s0); li a2, 0xaaaa; sc.d a4, a2, (s0))
  TEST_CASE(27, a4, 0xaaaa, ld a4, 0(s0))

  # 28: the acquire/release forms
  TEST_CASE(28, a4, 0, lr.d.aq a1, (s0); addi a2, a1, 1; sc.d.rl a4, a2, (s0))
  TEST_CASE(29, a4, 0xaaab, ld a4, 0(s0))
  TEST_CASE(30, a4, 0, lr.w.aqrl a1, (s0); addi a2, a1, 1; sc.w.aqrl a4, a2, (s0))
  TEST_CASE(31, a4, 0xaaac, ld a4, 0(s0))

  # 32: loaded value and sc data/result used at distance 0 (a typical
  #     atomic-increment retry loop, bounded)
  li TESTNUM, 32
  li a5, 100
  li a4, 0
1: lr.d a1, (s0)
   addi a1, a1, 4
   sc.d a2, a1, (s0)
   beqz a2, 2f
   addi a5, a5, -1
   bnez a5, 1b
   j fail
2: ld a4, 0(s0)
   CHECK_REG(a4, 0xaab0)

  # 33: sc result consumed by the very next instruction (failure case)
  TEST_CASE(33, a4, 2, li a2, 1; sc.d a1, a2, (s0); addi a4, a1, 1)

  # 34: the sc's address register produced right before it
  TEST_CASE(34, a4, 0, lr.w a1, (s0); mv a3, s0; li a2, 0x42; sc.w a4, a2, (a3))
  TEST_CASE(35, a4, 0x42, lwu a4, 0(s0))

TEST_PASSFAIL
RVTEST_CODE_END

RVTEST_DATA_BEGIN
  .align 6
rdat:
  .dword 0x0123456789abcdef
  .dword 0
  .skip 4096 - 16
  .dword 0xfedcba9876543210
RVTEST_DATA_END
