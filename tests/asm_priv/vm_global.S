# Global mappings (privileged spec 1.12, 4.3.1, 4.2.1): a page with G = 1 is
# present in every address space (here in the tables of ASID 1 and ASID 2,
# which otherwise map VA_X differently); it is visible in both ASIDs; an
# sfence.vma for one ASID (rs1 = x0, rs2 = asid) does not affect global
# mappings, which keep working; a changed global PTE is seen after an
# sfence.vma with rs2 = x0 (all address spaces), in every ASID.
#
# Written for mkrv from the RISC-V privileged specification (1.12).
#include "mkrv_test.h"
#include "mkrv_vm.h"
#include "test_macros.h"

#define VA_X     (VA_WIN + 0x1000)      /* ASID 1 -> PG(0), ASID 2 -> PG(1) */
#define VA_G     (VA_WIN + 0x2000)      /* global -> PG(2), later PG(3) */
#define ROOT_B   PT(4)
#define L0_B     PT(6)
#define SATP_A   SATP_SV39(1, PT_ROOT)
#define SATP_B   SATP_SV39(2, ROOT_B)

RVTEST_RV64M
RVTEST_CODE_BEGIN

  VM_STD_INIT
  VM_TABLES_INIT(ROOT_B, PT(5), L0_B, PT(7))
  VM_MAP(VA_X, PG(0), PTE_RW | PTE_U)
  PT_SET(L0_B, VPN0(VA_X), PTE(PG(1), PTE_RW | PTE_U))
  VM_MAP(VA_G, PG(2), PTE_RW | PTE_U | PTE_G)
  PT_SET(L0_B, VPN0(VA_G), PTE(PG(2), PTE_RW | PTE_U | PTE_G))
  li a1, 0xaaaa; PA_SD(PG(0), a1)
  li a1, 0xbbbb; PA_SD(PG(1), a1)
  li a1, 0xcccc; PA_SD(PG(2), a1)
  li a1, 0xdddd; PA_SD(PG(3), a1)
  li t0, SATP_B
  csrw satp, t0
  sfence.vma
  VM_ON(1)

  li s0, VA_X
  li s4, VA_G
  li s1, SATP_A
  li s2, SATP_B
  li s5, 1                      # ASID 1
  li TESTNUM, 2
  li t0, MSTATUS_SUM            # the pages are U pages, used from S too
  csrs mstatus, t0
  ENTER_S(1f)
  # 2-3: the global page in both ASIDs (and the private one differs)
1: li TESTNUM, 2
  ld a4, 0(s4)
  CHECK_REG(a4, 0xcccc)
  ld a4, 0(s0)
  CHECK_REG(a4, 0xaaaa)
  li TESTNUM, 3
  csrw satp, s2
  ld a4, 0(s4)
  CHECK_REG(a4, 0xcccc)
  ld a4, 0(s0)
  CHECK_REG(a4, 0xbbbb)
  # 4: sfence.vma x0, asid 1 (in ASID 1): the global page still works
  li TESTNUM, 4
  csrw satp, s1
  sfence.vma x0, s5
  ld a4, 0(s4)
  CHECK_REG(a4, 0xcccc)
  ld a4, 0(s0)
  CHECK_REG(a4, 0xaaaa)
  # 5: the global PTE changed (to PG(3)) in both tables, sfence.vma x0, x0:
  #    both ASIDs see the new page
  li TESTNUM, 5
  li t0, PTE(PG(3), PTE_RW | PTE_U | PTE_G)
  li t1, VM_PTE_ADDR(VA_G)
  sd t0, 0(t1)
  li t1, L0_B + VPN0(VA_G) * 8
  sd t0, 0(t1)
  sfence.vma
  ld a4, 0(s4)
  CHECK_REG(a4, 0xdddd)
  csrw satp, s2
  ld a4, 0(s4)
  CHECK_REG(a4, 0xdddd)
  # 6: changed back (PG(2)), sfence.vma va, x0: new in both ASIDs
  li TESTNUM, 6
  li t0, PTE(PG(2), PTE_RW | PTE_U | PTE_G)
  li t1, VM_PTE_ADDR(VA_G)
  sd t0, 0(t1)
  li t1, L0_B + VPN0(VA_G) * 8
  sd t0, 0(t1)
  sfence.vma s4, x0
  ld a4, 0(s4)
  CHECK_REG(a4, 0xcccc)
  csrw satp, s1
  ld a4, 0(s4)
  CHECK_REG(a4, 0xcccc)
  RETURN_M

  # 7-8: from U-mode in both ASIDs
  csrw satp, s1
  TEST_NO_TRAP_UVM(7, ld a4, 0(s4); ld a5, 0(s0))
  CHECK_REG(a4, 0xcccc)
  CHECK_REG(a5, 0xaaaa)
  csrw satp, s2
  TEST_NO_TRAP_UVM(8, ld a4, 0(s4); ld a5, 0(s0))
  CHECK_REG(a4, 0xcccc)
  CHECK_REG(a5, 0xbbbb)

TEST_PASSFAIL
RVTEST_CODE_END

RVTEST_DATA_BEGIN
RVTEST_DATA_END
