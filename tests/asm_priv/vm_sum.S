# mstatus.SUM (privileged spec 1.12, 4.1.1.2, 4.3.2 step 5): S-mode loads,
# stores and AMOs to a U page (PTE.U = 1) raise a page fault when SUM = 0 and
# are allowed when SUM = 1; S-mode never executes from a U page, whatever SUM
# (instruction page fault). SUM does not change what U-mode may access.
#
# Written for mkrv from the RISC-V privileged specification (1.12).
#include "mkrv_test.h"
#include "mkrv_vm.h"
#include "test_macros.h"

#define VA_U    (VA_WIN + 0x1000)       /* -> PG(0), U, RW */
#define VA_UX   (VA_WIN + 0x2000)       /* -> code_page, U, RX */
#define VA_S    (VA_WIN + 0x3000)       /* -> PG(1), S, RW */

/* A fetch (jalr to s1) in S faults into M, xepc = xtval = s1. */
#define TEST_PF_FETCH_S(testnum)                                            \
        li TESTNUM, testnum;                                                \
        TRAP_CATCH_ON                                                       \
        TRAP_RESUME_AT(2f)                                                  \
        ENTER_S(1f)                                                         \
1:      jalr ra, 0(s1);                                                     \
2:      RETURN_M                                                            \
        TRAP_CATCH_OFF                                                      \
        CHECK_TRAP_COUNT(1)                                                 \
        CHECK_TRAP_CAUSE(CAUSE_FETCH_PAGE_FAULT)                            \
        CHECK_TRAP_EPC_REG(s1)                                              \
        CHECK_TRAP_TVAL_REG(s1)

RVTEST_RV64M
RVTEST_CODE_BEGIN

  VM_STD_INIT
  VM_MAP(VA_U, PG(0), PTE_RW | PTE_U)
  VM_MAP_LABEL(VA_UX, code_page, PTE_RX | PTE_U)
  VM_MAP(VA_S, PG(1), PTE_RW)
  li a1, 0x1111; PA_SD(PG(0), a1)
  li a1, 0x2222; PA_SD(PG(1), a1)
  VM_ON(1)
  li s0, VA_U
  li a1, 0x5a5a

  # ----- SUM = 0 -----
  TEST_TRAP_M( 2, PRV_S, CAUSE_LOAD_PAGE_FAULT, ld a4, 0(s0))
  CHECK_TRAP_TVAL_REG(s0)
  addi s1, s0, 8
  TEST_TRAP_M( 3, PRV_S, CAUSE_STORE_PAGE_FAULT, sd a1, 8(s0))
  CHECK_TRAP_TVAL_REG(s1)
  TEST_TRAP_M( 4, PRV_S, CAUSE_STORE_PAGE_FAULT, amoor.d a4, a1, (s0))
  CHECK_TRAP_TVAL_REG(s0)
  TEST_TRAP_M( 5, PRV_S, CAUSE_LOAD_PAGE_FAULT, lr.d a4, (s0))
  li s1, VA_UX
  TEST_PF_FETCH_S(6)
  li TESTNUM, 7                # nothing was written
  PA_LD(a4, PG(0))
  CHECK_REG(a4, 0x1111)
  PA_LD(a4, PG(0) + 8)
  CHECK_REG(a4, 0)

  # ----- SUM = 1 -----
  li t0, MSTATUS_SUM
  csrs mstatus, t0
  TEST_NO_TRAP_IN( 8, PRV_S, ld a4, 0(s0))
  CHECK_REG(a4, 0x1111)
  TEST_NO_TRAP_IN( 9, PRV_S, sd a1, 8(s0))
  PA_LD(a4, PG(0) + 8)
  CHECK_REG(a4, 0x5a5a)
  li a2, 1
  TEST_NO_TRAP_IN(10, PRV_S, amoadd.d a4, a2, (s0))
  CHECK_REG(a4, 0x1111)
  TEST_NO_TRAP_IN(11, PRV_S, lr.d a4, (s0); sc.d a5, a1, (s0))
  CHECK_REG(a5, 0)
  # 12: still no fetch from a U page
  li s1, VA_UX
  TEST_PF_FETCH_S(12)
  # 13: S pages are unaffected
  li s2, VA_S
  TEST_NO_TRAP_IN(13, PRV_S, ld a4, 0(s2))
  CHECK_REG(a4, 0x2222)
  # 14: SUM does not let U-mode access an S page
  TEST_TRAP_M_UVM(14, CAUSE_LOAD_PAGE_FAULT, ld a4, 0(s2))
  CHECK_TRAP_TVAL_REG(s2)

  # ----- S-mode sets and clears SUM itself (sstatus) -----
  li t0, MSTATUS_SUM
  csrc mstatus, t0
  li a2, SSTATUS_SUM
  # 15: set: the load works
  TEST_NO_TRAP_IN(15, PRV_S, csrs sstatus, a2; ld a4, 0(s0))
  CHECK_REG(a4, 0x5a5a)          # (written by the sc.d of test 11)
  # 16: cleared again: the load faults (and the fault is delegated here)
  li t0, 1 << CAUSE_LOAD_PAGE_FAULT
  csrw medeleg, t0
  li TESTNUM, 16
  RUN_IN_MODE(PRV_S, 0, csrc sstatus, a2; ld a4, 0(s0))
  CHECK_STRAP_COUNT(1)
  CHECK_TRAP_COUNT(0)
  CHECK_STRAP_CAUSE(CAUSE_LOAD_PAGE_FAULT)
  CHECK_STRAP_TVAL_REG(s0)
  csrw medeleg, zero

TEST_PASSFAIL

  .align 12
code_page:
  addi a4, a4, 1
  ret

RVTEST_CODE_END

RVTEST_DATA_BEGIN
RVTEST_DATA_END
