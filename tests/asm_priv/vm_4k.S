# Sv39 translation with 4 KiB pages through all three levels (privileged
# spec 1.12, 4.3.2, 4.4): loads, stores, AMOs, LR/SC and fetches in S- and
# U-mode go to the mapped physical page (page offset kept, pages mapped
# non-contiguously); M-mode is never translated (without MPRV) whatever satp;
# with satp = Bare, S-mode addresses are physical.
#
# Written for mkrv from the RISC-V privileged specification (1.12).
#include "mkrv_test.h"
#include "mkrv_vm.h"
#include "test_macros.h"

#define VA_A    (VA_WIN + 0x1000)         /* -> PG(0), S, RW */
#define VA_B    (VA_WIN + 0x2000)         /* -> PG(7), S, RW */
#define VA_U    (VA_WIN + 0x3000)         /* -> PG(1), U, RW */
#define VA_XS   (VA_WIN + 0x4000)         /* -> code_page, S, RX */
#define VA_XU   (VA_WIN + 0x5000)         /* -> code_page, U, RX */

RVTEST_RV64M
RVTEST_CODE_BEGIN

  VM_STD_INIT
  VM_MAP(VA_A, PG(0), PTE_RW)
  VM_MAP(VA_B, PG(7), PTE_RW)
  VM_MAP(VA_U, PG(1), PTE_RW | PTE_U)
  VM_MAP_LABEL(VA_XS, code_page, PTE_RX)
  VM_MAP_LABEL(VA_XU, code_page, PTE_RX | PTE_U)
  li a1, 0x1111; PA_SD(PG(0), a1)
  li a1, 0x2222; PA_SD(PG(0) + 0xff8, a1)
  li a1, 0x3333; PA_SD(PG(7) + 8, a1)
  li a1, 0x4444; PA_SD(PG(1) + 0x10, a1)
  PA_SD(PG(0) + 0x10, zero)
  PA_SD(PG(7) + 0x10, zero)
  VM_ON(1)

  # ----- S-mode -----
  li s0, VA_A
  li s1, VA_B
  # 2-4: loads: page start, page end, another (non-contiguous) page
  TEST_NO_TRAP_IN(2, PRV_S, ld a4, 0(s0))
  CHECK_REG(a4, 0x1111)
  li s2, VA_A + 0xff8
  TEST_NO_TRAP_IN(3, PRV_S, ld a4, 0(s2))
  CHECK_REG(a4, 0x2222)
  TEST_NO_TRAP_IN(4, PRV_S, ld a4, 8(s1))
  CHECK_REG(a4, 0x3333)
  # 5: a store reaches PG(0) + 0x10 (and not PG(7))
  li a1, 0x5555
  TEST_NO_TRAP_IN(5, PRV_S, sd a1, 0x10(s0))
  PA_LD(a4, PG(0) + 0x10)
  CHECK_REG(a4, 0x5555)
  PA_LD(a4, PG(7) + 0x10)
  CHECK_REG(a4, 0)
  # 6: sub-word store and loads
  li a1, 0xa5
  TEST_NO_TRAP_IN(6, PRV_S, sb a1, 0x13(s0); lbu a2, 0x13(s0); lw a4, 0x10(s0))
  CHECK_REG(a2, 0xa5)
  CHECK_REG(a4, 0xffffffffa5005555)
  # 7: an AMO
  li a1, 0x10
  TEST_NO_TRAP_IN(7, PRV_S, amoadd.d a4, a1, (s0))
  CHECK_REG(a4, 0x1111)
  PA_LD(a4, PG(0))
  CHECK_REG(a4, 0x1121)
  # 8: LR/SC
  addi s2, s0, 0x20
  li a1, 0x77
  TEST_NO_TRAP_IN(8, PRV_S, lr.d a2, (s2); sc.d a4, a1, (s2))
  CHECK_REG(a4, 0)
  PA_LD(a4, PG(0) + 0x20)
  CHECK_REG(a4, 0x77)
  # 9: a fetch: call the code page at VA_XS
  li s3, VA_XS
  li a4, 5
  TEST_NO_TRAP_IN(9, PRV_S, jalr ra, 0(s3))
  CHECK_REG(a4, 6)

  # ----- U-mode (code at the user alias) -----
  li s0, VA_U
  # 10: load from a U page
  TEST_NO_TRAP_UVM(10, ld a4, 0x10(s0))
  CHECK_REG(a4, 0x4444)
  # 11: store to a U page
  li a1, 0x6666
  TEST_NO_TRAP_UVM(11, sd a1, 0x18(s0))
  PA_LD(a4, PG(1) + 0x18)
  CHECK_REG(a4, 0x6666)
  # 12: fetch from a U page
  li s3, VA_XU
  li a4, 7
  TEST_NO_TRAP_UVM(12, jalr ra, 0(s3))
  CHECK_REG(a4, 8)
  # 13: U-mode data through the alias: `la` gives the alias address
  li TESTNUM, 13
  RUN_IN_MODE(PRV_U, U_ALIAS_OFS, la s4, udat; ld a4, 0(s4))
  CHECK_NO_TRAP
  CHECK_REG(a4, 0x0123456789abcdef)
  la a5, udat + U_ALIAS_OFS
  bne s4, a5, fail

  # ----- M-mode is not translated -----
  # 14: an M load of VA_A is physical: no device, access fault
  li s0, VA_A
  TEST_TRAP_M(14, PRV_M, CAUSE_LOAD_ACCESS, ld a4, 0(s0))
  CHECK_TRAP_TVAL_REG(s0)

  # ----- satp = Bare: S-mode is physical -----
  VM_OFF
  li s0, VA_A
  TEST_TRAP_M(15, PRV_S, CAUSE_LOAD_ACCESS, ld a4, 0(s0))
  CHECK_TRAP_TVAL_REG(s0)
  li s1, PG(7)
  TEST_NO_TRAP_IN(16, PRV_S, ld a4, 8(s1))
  CHECK_REG(a4, 0x3333)

TEST_PASSFAIL

  .align 12
code_page:
  addi a4, a4, 1
  ret
  .align 12

RVTEST_CODE_END

RVTEST_DATA_BEGIN
  .align 3
udat: .dword 0x0123456789abcdef
RVTEST_DATA_END
