# U-mode and S pages (privileged spec 1.12, 4.3.2 step 5, 4.3.1): U-mode may
# access only pages with PTE.U = 1; a load, store, AMO, LR or fetch of an S
# page (U = 0) from U-mode raises a page fault of its type (13, 15, 13, 12),
# whatever SUM and MXR. U pages are fully usable from U-mode.
#
# Written for mkrv from the RISC-V privileged specification (1.12).
#include "mkrv_test.h"
#include "mkrv_vm.h"
#include "test_macros.h"

#define VA_S    (VA_WIN + 0x1000)       /* -> PG(0), S, RW */
#define VA_SX   (VA_WIN + 0x2000)       /* -> code_page, S, RX */
#define VA_U    (VA_WIN + 0x3000)       /* -> PG(0), U, RW */
#define VA_UX   (VA_WIN + 0x4000)       /* -> code_page, U, RX */

RVTEST_RV64M
RVTEST_CODE_BEGIN

  VM_STD_INIT
  VM_MAP(VA_S, PG(0), PTE_RW)
  VM_MAP_LABEL(VA_SX, code_page, PTE_RX)
  VM_MAP(VA_U, PG(0), PTE_RW | PTE_U)
  VM_MAP_LABEL(VA_UX, code_page, PTE_RX | PTE_U)
  li a1, 0x1111; PA_SD(PG(0), a1)
  PA_SD(PG(0) + 8, zero)
  VM_ON(1)
  li s0, VA_S
  li a1, 0x5a5a

  # ----- S page from U -----
  TEST_TRAP_M_UVM( 2, CAUSE_LOAD_PAGE_FAULT, ld a4, 0(s0))
  CHECK_TRAP_TVAL_REG(s0)
  addi s1, s0, 8
  TEST_TRAP_M_UVM( 3, CAUSE_STORE_PAGE_FAULT, sd a1, 8(s0))
  CHECK_TRAP_TVAL_REG(s1)
  TEST_TRAP_M_UVM( 4, CAUSE_STORE_PAGE_FAULT, amoswap.d a4, a1, (s0))
  CHECK_TRAP_TVAL_REG(s0)
  TEST_TRAP_M_UVM( 5, CAUSE_LOAD_PAGE_FAULT, lr.d a4, (s0))
  CHECK_TRAP_TVAL_REG(s0)
  # 6: fetch from an S page: xepc = xtval = the target
  li TESTNUM, 6
  li s1, VA_SX
  TRAP_CATCH_ON
  TRAP_RESUME_AT(UVA(2f))
  ENTER_U_VM(1f)
1: jalr ra, 0(s1)
2: RETURN_M
  TRAP_CATCH_OFF
  CHECK_TRAP_COUNT(1)
  CHECK_TRAP_CAUSE(CAUSE_FETCH_PAGE_FAULT)
  CHECK_TRAP_MPP(PRV_U)
  CHECK_TRAP_EPC_REG(s1)
  CHECK_TRAP_TVAL_REG(s1)
  # 7: the identity-mapped image is an S gigapage: U cannot read it there
  la s1, udat
  TEST_TRAP_M_UVM( 7, CAUSE_LOAD_PAGE_FAULT, ld a4, 0(s1))
  CHECK_TRAP_TVAL_REG(s1)
  # 8: nothing was written
  li TESTNUM, 8
  PA_LD(a4, PG(0))
  CHECK_REG(a4, 0x1111)
  PA_LD(a4, PG(0) + 8)
  CHECK_REG(a4, 0)

  # 9: SUM = MXR = 1 change nothing for U
  li t0, MSTATUS_SUM | MSTATUS_MXR
  csrs mstatus, t0
  TEST_TRAP_M_UVM( 9, CAUSE_LOAD_PAGE_FAULT, ld a4, 0(s0))
  li t0, MSTATUS_SUM | MSTATUS_MXR
  csrc mstatus, t0

  # 10-11: delegated to S (medeleg 12, 13, 15)
  li t0, (1 << CAUSE_FETCH_PAGE_FAULT) | (1 << CAUSE_LOAD_PAGE_FAULT) | (1 << CAUSE_STORE_PAGE_FAULT)
  csrw medeleg, t0
  TEST_TRAP_S_UVM(10, CAUSE_LOAD_PAGE_FAULT, ld a4, 0(s0))
  CHECK_STRAP_TVAL_REG(s0)
  TEST_TRAP_S_UVM(11, CAUSE_STORE_PAGE_FAULT, sd a1, 0(s0))
  CHECK_STRAP_TVAL_REG(s0)
  csrw medeleg, zero

  # ----- U pages from U -----
  li s2, VA_U
  TEST_NO_TRAP_UVM(12, ld a4, 0(s2))
  CHECK_REG(a4, 0x1111)
  TEST_NO_TRAP_UVM(13, sd a1, 8(s2); amoadd.d a4, a1, (s2))
  CHECK_REG(a4, 0x1111)
  PA_LD(a4, PG(0) + 8)
  CHECK_REG(a4, 0x5a5a)
  PA_LD(a4, PG(0))
  CHECK_REG(a4, 0x1111 + 0x5a5a)
  li s3, VA_UX
  li a4, 3
  TEST_NO_TRAP_UVM(14, jalr ra, 0(s3))
  CHECK_REG(a4, 4)

TEST_PASSFAIL

  .align 12
code_page:
  addi a4, a4, 1
  ret

RVTEST_CODE_END

RVTEST_DATA_BEGIN
  .align 3
udat: .dword 0x0123456789abcdef
RVTEST_DATA_END
