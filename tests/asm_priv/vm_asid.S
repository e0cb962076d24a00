# ASIDs (privileged spec 1.12, 4.1.11, 4.2.1): two address spaces, ASID 1
# (root PT(0)) and ASID 2 (root PT(4)), map the same virtual page to
# different physical pages. Once both are set up and fenced, S-mode switches
# satp between them without any sfence.vma, and every access sees its own
# address space's page (translations are tagged with the ASID, or not cached).
# Requires at least 2 ASID bits (checked first: test 2).
#
# Written for mkrv from the RISC-V privileged specification (1.12).
#include "mkrv_test.h"
#include "mkrv_vm.h"
#include "test_macros.h"

#define VA_X     (VA_WIN + 0x1000)      /* ASID 1 -> PG(0), ASID 2 -> PG(1) */
#define ROOT_B   PT(4)
#define SATP_A   SATP_SV39(1, PT_ROOT)
#define SATP_B   SATP_SV39(2, ROOT_B)

RVTEST_RV64M
RVTEST_CODE_BEGIN

  # 2: satp keeps ASIDs 1 and 2 (written from M; M is not translated)
  li TESTNUM, 2
  li t0, SATP_A
  csrw satp, t0
  csrr a4, satp
  bne a4, t0, fail
  li t0, SATP_B
  csrw satp, t0
  csrr a4, satp
  bne a4, t0, fail
  csrw satp, zero

  VM_STD_INIT
  VM_TABLES_INIT(ROOT_B, PT(5), PT(6), PT(7))
  VM_MAP(VA_X, PG(0), PTE_RW | PTE_U)
  PT_SET(PT(6), VPN0(VA_X), PTE(PG(1), PTE_RW | PTE_U))
  li a1, 0xaaaa; PA_SD(PG(0), a1)
  li a1, 0xbbbb; PA_SD(PG(1), a1)
  PA_SD(PG(0) + 8, zero)
  PA_SD(PG(1) + 8, zero)
  li t0, SATP_B
  csrw satp, t0
  sfence.vma
  VM_ON(1)                      # satp A, sfence.vma

  # ----- S-mode, switching satp without sfence.vma -----
  li s0, VA_X
  li s1, SATP_A
  li s2, SATP_B
  li TESTNUM, 3
  li t0, MSTATUS_SUM            # the pages are U pages, used from S too
  csrs mstatus, t0
  ENTER_S(1f)
1: li TESTNUM, 3
  ld a4, 0(s0)
  CHECK_REG(a4, 0xaaaa)
  li TESTNUM, 4
  csrw satp, s2
  ld a4, 0(s0)
  CHECK_REG(a4, 0xbbbb)
  li TESTNUM, 5
  csrw satp, s1
  ld a4, 0(s0)
  CHECK_REG(a4, 0xaaaa)
  li TESTNUM, 6
  csrw satp, s2
  ld a4, 0(s0)
  CHECK_REG(a4, 0xbbbb)
  # 7: stores go to each space's page
  li TESTNUM, 7
  li a1, 0x2222
  sd a1, 8(s0)                  # ASID 2 -> PG(1) + 8
  csrw satp, s1
  li a1, 0x1111
  sd a1, 8(s0)                  # ASID 1 -> PG(0) + 8
  ld a4, 8(s0)
  CHECK_REG(a4, 0x1111)
  csrw satp, s2
  ld a4, 8(s0)
  CHECK_REG(a4, 0x2222)
  # 8: quick alternation
  li TESTNUM, 8
  li s3, 8
2: csrw satp, s1
  ld a4, 0(s0)
  csrw satp, s2
  ld a5, 0(s0)
  CHECK_REG(a4, 0xaaaa)
  CHECK_REG(a5, 0xbbbb)
  addi s3, s3, -1
  bnez s3, 2b
  RETURN_M
  li TESTNUM, 9
  PA_LD(a4, PG(0) + 8)
  CHECK_REG(a4, 0x1111)
  PA_LD(a4, PG(1) + 8)
  CHECK_REG(a4, 0x2222)

  # ----- U-mode: M switches satp (no sfence) and enters U -----
  li TESTNUM, 10
  csrw satp, s1
  TEST_NO_TRAP_UVM(10, ld a4, 0(s0))
  CHECK_REG(a4, 0xaaaa)
  csrw satp, s2
  TEST_NO_TRAP_UVM(11, ld a4, 0(s0))
  CHECK_REG(a4, 0xbbbb)
  csrw satp, s1
  TEST_NO_TRAP_UVM(12, ld a4, 0(s0))
  CHECK_REG(a4, 0xaaaa)

TEST_PASSFAIL
RVTEST_CODE_END

RVTEST_DATA_BEGIN
RVTEST_DATA_END
