# Page permissions R, W, X (privileged spec 1.12, 4.3.2 step 5, 4.3.1): a
# store or AMO needs W (else store/AMO page fault 15, also for an SC that
# holds a reservation), a load or LR needs R (or X with MXR; else load page
# fault 13), a fetch needs X (else instruction page fault 12, xepc = xtval =
# the fetch address). Faulting stores write nothing. The same for U-mode on
# U pages.
#
# Written for mkrv from the RISC-V privileged specification (1.12).
#include "mkrv_test.h"
#include "mkrv_vm.h"
#include "test_macros.h"

#define VA_RO   (VA_WIN + 0x1000)       /* -> PG(0), S, R */
#define VA_RW   (VA_WIN + 0x2000)       /* -> code_page, S, RW (no X) */
#define VA_RX   (VA_WIN + 0x3000)       /* -> code_page, S, RX */
#define VA_XO   (VA_WIN + 0x4000)       /* -> PG(0), S, X */
#define VA_ROU  (VA_WIN + 0x5000)       /* -> PG(0), U, R */
#define VA_RWU  (VA_WIN + 0x6000)       /* -> code_page, U, RW (no X) */

/* A fetch (jalr to s1) in `mode`, entered at `ofs`, faults into M. */
#define TEST_PF_FETCH(testnum, mode, ofs)                                   \
        li TESTNUM, testnum;                                                \
        TRAP_CATCH_ON                                                       \
        TRAP_RESUME_AT(2f + (ofs))                                          \
        ENTER_MODE(mode, 1f + (ofs))                                        \
1:      jalr ra, 0(s1);                                                     \
2:      RETURN_M                                                            \
        TRAP_CATCH_OFF                                                      \
        CHECK_TRAP_COUNT(1)                                                 \
        CHECK_TRAP_CAUSE(CAUSE_FETCH_PAGE_FAULT)                            \
        CHECK_TRAP_MPP(mode)                                                \
        CHECK_TRAP_EPC_REG(s1)                                              \
        CHECK_TRAP_TVAL_REG(s1)

RVTEST_RV64M
RVTEST_CODE_BEGIN

  VM_STD_INIT
  VM_MAP(VA_RO, PG(0), PTE_RO)
  VM_MAP_LABEL(VA_RW, code_page, PTE_RW)
  VM_MAP_LABEL(VA_RX, code_page, PTE_RX)
  VM_MAP(VA_XO, PG(0), PTE_XO)
  VM_MAP(VA_ROU, PG(0), PTE_RO | PTE_U)
  VM_MAP_LABEL(VA_RWU, code_page, PTE_RW | PTE_U)
  li a1, 0x1111; PA_SD(PG(0), a1)
  PA_SD(PG(0) + 8, zero)
  VM_ON(1)
  li a1, 0x5a5a

  # ----- read-only page -----
  li s0, VA_RO
  TEST_NO_TRAP_IN( 2, PRV_S, ld a4, 0(s0))
  CHECK_REG(a4, 0x1111)
  addi s1, s0, 8
  TEST_TRAP_M( 3, PRV_S, CAUSE_STORE_PAGE_FAULT, sd a1, 8(s0))
  CHECK_TRAP_TVAL_REG(s1)
  TEST_TRAP_M( 4, PRV_S, CAUSE_STORE_PAGE_FAULT, sb a1, 8(s0))
  TEST_TRAP_M( 5, PRV_S, CAUSE_STORE_PAGE_FAULT, amoswap.d a4, a1, (s0))
  CHECK_TRAP_TVAL_REG(s0)
  # 6: LR succeeds, the SC (which would succeed) faults
  li TESTNUM, 6
  li a5, -1
  RUN_IN_MODE(PRV_S, 0, lr.d a4, (s0); sc.d a5, a1, (s0))
  CHECK_TRAP_COUNT(1)
  CHECK_TRAP_CAUSE(CAUSE_STORE_PAGE_FAULT)
  CHECK_TRAP_TVAL_REG(s0)
  CHECK_REG(a4, 0x1111)
  CHECK_REG(a5, -1)
  # 7: no X: a fetch faults
  mv s1, s0
  TEST_PF_FETCH(7, PRV_S, 0)
  # 8: nothing was written
  li TESTNUM, 8
  PA_LD(a4, PG(0))
  CHECK_REG(a4, 0x1111)
  PA_LD(a4, PG(0) + 8)
  CHECK_REG(a4, 0)

  # ----- read-write page without X, with code in it -----
  li s1, VA_RW
  TEST_PF_FETCH(9, PRV_S, 0)
  TEST_NO_TRAP_IN(10, PRV_S, lw a4, 0(s1))
  CHECK_REG(a4, 0x00170713)
  # ----- the same code through an RX page: runs; a store faults -----
  li s1, VA_RX
  li a4, 1
  TEST_NO_TRAP_IN(11, PRV_S, jalr ra, 0(s1))
  CHECK_REG(a4, 2)
  TEST_TRAP_M(12, PRV_S, CAUSE_STORE_PAGE_FAULT, sw a1, 0(s1))
  # ----- execute-only: load faults (MXR = 0) -----
  li s1, VA_XO
  TEST_TRAP_M(13, PRV_S, CAUSE_LOAD_PAGE_FAULT, ld a4, 0(s1))
  TEST_TRAP_M(14, PRV_S, CAUSE_STORE_PAGE_FAULT, sd a1, 0(s1))

  # ----- U-mode on U pages -----
  li s0, VA_ROU
  TEST_NO_TRAP_UVM(15, ld a4, 0(s0))
  CHECK_REG(a4, 0x1111)
  TEST_TRAP_M_UVM(16, CAUSE_STORE_PAGE_FAULT, sd a1, 0(s0))
  CHECK_TRAP_TVAL_REG(s0)
  TEST_TRAP_M_UVM(17, CAUSE_STORE_PAGE_FAULT, amoadd.d a4, a1, (s0))
  li s1, VA_ROU
  TEST_PF_FETCH(18, PRV_U, U_ALIAS_OFS)
  li s1, VA_RWU
  TEST_PF_FETCH(19, PRV_U, U_ALIAS_OFS)

  # ----- delegated -----
  li t0, (1 << CAUSE_FETCH_PAGE_FAULT) | (1 << CAUSE_LOAD_PAGE_FAULT) | (1 << CAUSE_STORE_PAGE_FAULT)
  csrw medeleg, t0
  TEST_TRAP_S(20, PRV_S, CAUSE_STORE_PAGE_FAULT, sd a1, 0(s0))
  CHECK_STRAP_TVAL_REG(s0)
  li s1, VA_XO
  TEST_TRAP_S(21, PRV_S, CAUSE_LOAD_PAGE_FAULT, lw a4, 4(s1))
  addi s1, s1, 4
  CHECK_STRAP_TVAL_REG(s1)
  csrw medeleg, zero

TEST_PASSFAIL

  .align 12
code_page:
  addi a4, a4, 1
  ret

RVTEST_CODE_END

RVTEST_DATA_BEGIN
RVTEST_DATA_END
