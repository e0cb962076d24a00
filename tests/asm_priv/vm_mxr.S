# mstatus.MXR (privileged spec 1.12, 4.1.1.2, 4.3.2 step 5): with MXR = 0 a
# load from an execute-only page (X = 1, R = 0) raises a load page fault; with
# MXR = 1 loads (and LR) from pages marked readable or executable succeed.
# Stores and AMOs to an execute-only page fault whatever MXR; fetches from it
# work. MXR applies to S- and U-mode accesses alike (U pages for U).
#
# Written for mkrv from the RISC-V privileged specification (1.12).
#include "mkrv_test.h"
#include "mkrv_vm.h"
#include "test_macros.h"

#define VA_XO   (VA_WIN + 0x1000)       /* -> code_page, S, X only */
#define VA_XOU  (VA_WIN + 0x2000)       /* -> code_page, U, X only */
#define VA_RO   (VA_WIN + 0x3000)       /* -> code_page, S, R only */

#define ADDI_A4_A4_1  0x00170713        /* the first instruction of code_page */

RVTEST_RV64M
RVTEST_CODE_BEGIN

  VM_STD_INIT
  VM_MAP_LABEL(VA_XO, code_page, PTE_XO)
  VM_MAP_LABEL(VA_XOU, code_page, PTE_XO | PTE_U)
  VM_MAP_LABEL(VA_RO, code_page, PTE_RO)
  VM_ON(1)
  li s0, VA_XO
  li s1, VA_XOU
  li a1, 0x5a5a

  # ----- MXR = 0 -----
  TEST_TRAP_M( 2, PRV_S, CAUSE_LOAD_PAGE_FAULT, lw a4, 0(s0))
  CHECK_TRAP_TVAL_REG(s0)
  TEST_TRAP_M( 3, PRV_S, CAUSE_LOAD_PAGE_FAULT, lr.w a4, (s0))
  TEST_TRAP_M_UVM( 4, CAUSE_LOAD_PAGE_FAULT, lw a4, 0(s1))
  CHECK_TRAP_TVAL_REG(s1)
  # 5-6: it executes (S and U)
  li a4, 1
  TEST_NO_TRAP_IN( 5, PRV_S, jalr ra, 0(s0))
  CHECK_REG(a4, 2)
  TEST_NO_TRAP_UVM( 6, jalr ra, 0(s1))
  CHECK_REG(a4, 3)
  # 7: a readable page is readable
  li s2, VA_RO
  TEST_NO_TRAP_IN( 7, PRV_S, lw a4, 0(s2))
  CHECK_REG(a4, ADDI_A4_A4_1)

  # ----- MXR = 1 -----
  li t0, MSTATUS_MXR
  csrs mstatus, t0
  TEST_NO_TRAP_IN( 8, PRV_S, lw a4, 0(s0))
  CHECK_REG(a4, ADDI_A4_A4_1)
  TEST_NO_TRAP_IN( 9, PRV_S, lr.w a4, (s0))
  CHECK_REG(a4, ADDI_A4_A4_1)
  TEST_NO_TRAP_UVM(10, lw a4, 0(s1))
  CHECK_REG(a4, ADDI_A4_A4_1)
  # 11-13: stores and AMOs still fault
  TEST_TRAP_M(11, PRV_S, CAUSE_STORE_PAGE_FAULT, sw a1, 0(s0))
  CHECK_TRAP_TVAL_REG(s0)
  TEST_TRAP_M(12, PRV_S, CAUSE_STORE_PAGE_FAULT, amoadd.w a4, a1, (s0))
  TEST_TRAP_M_UVM(13, CAUSE_STORE_PAGE_FAULT, sw a1, 0(s1))
  # 14: MXR does not open S pages to U-mode
  TEST_TRAP_M_UVM(14, CAUSE_LOAD_PAGE_FAULT, lw a4, 0(s0))
  # 15: S-mode sets MXR itself through sstatus (cleared in mstatus first)
  li t0, MSTATUS_MXR
  csrc mstatus, t0
  li a2, SSTATUS_MXR
  TEST_NO_TRAP_IN(15, PRV_S, csrs sstatus, a2; lw a4, 4(s0))
  CHECK_REG(a4, 0x00008067)        # ret
  li t0, MSTATUS_MXR
  csrc mstatus, t0
  # 16: and it is gone again
  TEST_TRAP_M(16, PRV_S, CAUSE_LOAD_PAGE_FAULT, lw a4, 0(s0))

TEST_PASSFAIL

  .align 12
code_page:
  addi a4, a4, 1
  ret

RVTEST_CODE_END

RVTEST_DATA_BEGIN
RVTEST_DATA_END
