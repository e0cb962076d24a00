# Zicntr: rdcycle, rdinstret, rdtime (cycle, instret, time at 0xC00-0xC02)
# and the machine counters mcycle/minstret (0xB00/0xB02).
#
# cycle and instret increase as instructions run; cycle and mcycle,
# instret and minstret are the same counters; time is the CLINT's mtime
# (memory-mapped at 0x0200_BFF8) and increases; mcycle and minstret are
# writable in machine mode.
#
# Written for mkrv from the RISC-V unprivileged (20191213) and privileged (1.12)
# specifications.
#include "mkrv_test.h"
#include "test_macros.h"

RVTEST_RV64M
RVTEST_CODE_BEGIN

  # 2: rdcycle increases across some work
  li TESTNUM, 2
  rdcycle a1
  li a5, 10
1: addi a5, a5, -1
  bnez a5, 1b
  rdcycle a2
  bgeu a1, a2, fail

  # 3: rdinstret increases by at least the number of instructions run
  li TESTNUM, 3
  rdinstret a1
  li a5, 10
1: addi a5, a5, -1
  bnez a5, 1b
  rdinstret a2
  sub a4, a2, a1
  li a5, 21
  bltu a4, a5, fail

  # 4: cycle and mcycle are one counter: mcycle read between two cycle reads
  li TESTNUM, 4
  rdcycle a1
  csrr a2, mcycle
  rdcycle a3
  bltu a2, a1, fail
  bltu a3, a2, fail

  # 5: instret and minstret are one counter (each read retires one instruction)
  li TESTNUM, 5
  rdinstret a1
  csrr a2, minstret
  rdinstret a3
  sub a4, a2, a1
  CHECK_REG(a4, 1)
  sub a4, a3, a2
  CHECK_REG(a4, 1)

  # 6: rdtime increases (wait for a tick, bounded)
  li TESTNUM, 6
  rdtime a1
  li a5, 100000
1: rdtime a2
  bne a2, a1, 2f
  addi a5, a5, -1
  bnez a5, 1b
  j fail
2: bltu a2, a1, fail

  # 7: time reads the CLINT's mtime: mtime (MMIO) <= time <= mtime (MMIO)
  li TESTNUM, 7
  li a3, CLINT_MTIME
  ld a1, 0(a3)
  rdtime a2
  ld a4, 0(a3)
  bltu a2, a1, fail
  bltu a4, a2, fail

  # 8: the counters count on: a second rdcycle right after the first is not smaller
  li TESTNUM, 8
  rdcycle a1
  rdcycle a2
  bltu a2, a1, fail
  rdinstret a1
  rdinstret a2
  sub a4, a2, a1
  CHECK_REG(a4, 1)

  # 9: mcycle is writable: after writing 0 it reads back small
  li TESTNUM, 9
  csrw mcycle, x0
  csrr a4, mcycle
  li a5, 1000
  bgeu a4, a5, fail

  # 10: minstret is writable: written with x, the next instruction reads x
  #     (a CSR write takes effect after the writing instruction has
  #     otherwise completed, so the csrw itself is not counted on top)
  li TESTNUM, 10
  li a1, 1000
  csrw minstret, a1
  csrr a4, minstret
  CHECK_REG(a4, 1000)
  # 11: ...and counts on from there
  li TESTNUM, 11
  nop
  csrr a4, minstret
  CHECK_REG(a4, 1000 + 1 + 1 + 1 + 1 + 1)   # csrr, li t2, bne, li gp, nop

TEST_PASSFAIL
RVTEST_CODE_END

RVTEST_DATA_BEGIN
RVTEST_DATA_END
