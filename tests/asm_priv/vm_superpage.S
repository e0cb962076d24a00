# Sv39 superpages (privileged spec 1.12, 4.3.2 step 5/8, 4.4): a leaf PTE at
# level 1 maps a 2 MiB megapage, at level 2 a 1 GiB gigapage; the untranslated
# VA bits (20:0, 29:0) are the page offset. The physical page must be aligned
# to its size: a leaf with PPN[0] != 0 at level 1, or PPN[1:0] != 0 at level 2,
# is a misaligned superpage: page fault (load 13, store 15, fetch 12), xtval =
# the virtual address.
#
# Written for mkrv from the RISC-V privileged specification (1.12).
#include "mkrv_test.h"
#include "mkrv_vm.h"
#include "test_macros.h"

#define VA_MEGA      (VA_WIN + 0x200000)      /* L1[1] -> MEGA(0), S RW */
#define VA_MEGA_X    (VA_WIN + 0x400000)      /* L1[2] -> 0x8000_0000, S RX */
#define VA_MEGA_BAD  (VA_WIN + 0x600000)      /* L1[3] -> MEGA(0) + 4 KiB */
#define VA_MEGA_U    (VA_WIN + 0x800000)      /* L1[4] -> MEGA(1), U RW */
#define VA_GIGA      0x100000000              /* root[4] -> 0x8000_0000, S RW */
#define VA_GIGA_BAD1 0x140000000              /* root[5] -> 0x8020_0000 */
#define VA_GIGA_BAD0 0x180000000              /* root[6] -> 0x8000_1000 */

RVTEST_RV64M
RVTEST_CODE_BEGIN

  VM_STD_INIT
  PT_SET(PT_L1, 1, PTE(MEGA(0), PTE_RW))
  PT_SET(PT_L1, 2, PTE(RAM_BASE, PTE_RX))
  PT_SET(PT_L1, 3, PTE(MEGA(0) + 0x1000, PTE_RWX))
  PT_SET(PT_L1, 4, PTE(MEGA(1), PTE_RW | PTE_U))
  PT_SET(PT_ROOT, 4, PTE(RAM_BASE, PTE_RW))
  PT_SET(PT_ROOT, 5, PTE(RAM_BASE + 0x200000, PTE_RWX))
  PT_SET(PT_ROOT, 6, PTE(RAM_BASE + 0x1000, PTE_RWX))
  li a1, 0x1111; PA_SD(MEGA(0), a1)
  li a1, 0x2222; PA_SD(MEGA(0) + 0x12348, a1)
  li a1, 0x3333; PA_SD(MEGA(0) + 0x1ffff8, a1)
  li a1, 0x4444; PA_SD(MEGA(1) + 0x100008, a1)
  li a1, 0x5555; PA_SD(PG(3) + 0x10, a1)
  li a1, 0x6666; PA_SD(MEGA(0) + 0x1000, a1)
  VM_ON(1)

  # ----- 2 MiB -----
  li s0, VA_MEGA
  TEST_NO_TRAP_IN(2, PRV_S, ld a4, 0(s0))
  CHECK_REG(a4, 0x1111)
  li s1, VA_MEGA + 0x12348
  TEST_NO_TRAP_IN(3, PRV_S, ld a4, 0(s1))
  CHECK_REG(a4, 0x2222)
  li s1, VA_MEGA + 0x1ffff8
  TEST_NO_TRAP_IN(4, PRV_S, ld a4, 0(s1))
  CHECK_REG(a4, 0x3333)
  # 5: a store into the megapage
  li s1, VA_MEGA + 0x0abcd0
  li a1, 0x7777
  TEST_NO_TRAP_IN(5, PRV_S, sd a1, 0(s1))
  PA_LD(a4, MEGA(0) + 0x0abcd0)
  CHECK_REG(a4, 0x7777)
  # 6: a fetch from a megapage mapping the image (code_page's offset in it)
  la s1, code_page
  li t0, RAM_BASE
  sub s1, s1, t0
  li t0, VA_MEGA_X
  add s1, s1, t0
  li a4, 1
  TEST_NO_TRAP_IN(6, PRV_S, jalr ra, 0(s1))
  CHECK_REG(a4, 2)
  # 7: a U megapage from U-mode
  li s1, VA_MEGA_U + 0x100008
  TEST_NO_TRAP_UVM(7, ld a4, 0(s1))
  CHECK_REG(a4, 0x4444)

  # ----- 1 GiB -----
  # 8: PG(3) + 0x10 through the gigapage at VA 0x1_0000_0000
  li s1, VA_GIGA + PG(3) + 0x10 - RAM_BASE
  TEST_NO_TRAP_IN(8, PRV_S, ld a4, 0(s1))
  CHECK_REG(a4, 0x5555)
  # 9: a store through it
  li a1, 0x8888
  TEST_NO_TRAP_IN(9, PRV_S, sd a1, 8(s1))
  PA_LD(a4, PG(3) + 0x18)
  CHECK_REG(a4, 0x8888)
  # 10: the standard tables' gigapages themselves: S code and data at the
  #     identity VA (all the tests run so), U code at the alias
  TEST_NO_TRAP_UVM(10, la a1, udat; ld a4, 0(a1))
  CHECK_REG(a4, 0x0123456789abcdef)

  # ----- misaligned superpages -----
  # 11-13: megapage with PPN[0] != 0: load, store, fetch
  li s1, VA_MEGA_BAD + 0x1000
  TEST_TRAP_M(11, PRV_S, CAUSE_LOAD_PAGE_FAULT, ld a4, 0(s1))
  CHECK_TRAP_TVAL_REG(s1)
  TEST_TRAP_M(12, PRV_S, CAUSE_STORE_PAGE_FAULT, sd a1, 0(s1))
  CHECK_TRAP_TVAL_REG(s1)
  li TESTNUM, 13
  TRAP_CATCH_ON
  TRAP_RESUME_AT(2f)
  ENTER_S(1f)
1: jalr ra, 0(s1)
2: RETURN_M
  TRAP_CATCH_OFF
  CHECK_TRAP_COUNT(1)
  CHECK_TRAP_CAUSE(CAUSE_FETCH_PAGE_FAULT)
  CHECK_TRAP_EPC_REG(s1)
  CHECK_TRAP_TVAL_REG(s1)
  # the memory behind it was not touched
  PA_LD(a4, MEGA(0) + 0x1000)
  CHECK_REG(a4, 0x6666)
  # 14: gigapage with PPN[1] != 0
  li s1, VA_GIGA_BAD1 + 0x10
  TEST_TRAP_M(14, PRV_S, CAUSE_LOAD_PAGE_FAULT, ld a4, 0(s1))
  CHECK_TRAP_TVAL_REG(s1)
  # 15: gigapage with PPN[0] != 0
  li s1, VA_GIGA_BAD0 + 0x7f8
  TEST_TRAP_M(15, PRV_S, CAUSE_STORE_PAGE_FAULT, sd a1, 0(s1))
  CHECK_TRAP_TVAL_REG(s1)
  # 16: the misaligned megapage from U-mode (made a U page): still a fault
  PT_SET(PT_L1, 3, PTE(MEGA(0) + 0x1000, PTE_RWX | PTE_U))
  sfence.vma
  li s1, VA_MEGA_BAD + 8
  TEST_TRAP_M_UVM(16, CAUSE_LOAD_PAGE_FAULT, ld a4, 0(s1))
  CHECK_TRAP_TVAL_REG(s1)

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
