# Non-canonical virtual addresses under Sv39 (privileged spec 1.12, 4.4.1):
# bits 63-39 of a fetch, load or store address must all equal bit 38, else the
# access raises a page fault of its type (fetch 12, load 13, store/AMO 15) -
# even when the low 39 bits would translate. mkrv reports the whole 64-bit
# faulting address in xtval (and the fetch address in xepc), as spike does.
# A canonical upper-half address (bits 63-38 all ones) translates normally.
#
# Written for mkrv from the RISC-V privileged specification (1.12).
#include "mkrv_test.h"
#include "mkrv_vm.h"
#include "test_macros.h"

#define VA_HI_OK    0xFFFFFFC080000000     /* canonical: root[258] -> RAM */
#define VA_BAD38    0x0000004000000000     /* bit 38 set, 63-39 clear */
#define VA_BAD39    0x0000008000000000     /* bit 39 set, 38 clear */
#define VA_BADHI    0xFFFFFFBFFFFFF000     /* 63-39 set, 38 clear */
#define VA_BAD63    0x8000000080000000     /* low 39 bits: the identity map */

/* A fetch (jalr to s1) in `mode` (entered at `ofs`) faults into M. */
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
        CHECK_TRAP_EPC_REG(s1)                                              \
        CHECK_TRAP_TVAL_REG(s1)

RVTEST_RV64M
RVTEST_CODE_BEGIN

  VM_STD_INIT
  PT_SET(PT_ROOT, VPN2(VA_HI_OK), PTE(RAM_BASE, PTE_RWX | PTE_U))
  VM_ON(1)
  li a1, 0x5a5a

  # 2-3: the canonical upper-half address translates (S and U)
  la s0, tdat
  li t0, VA_HI_OK - RAM_BASE
  add s0, s0, t0
  TEST_NO_TRAP_IN(2, PRV_S, li t0, MSTATUS_SUM; csrs sstatus, t0; ld a4, 0(s0); csrc sstatus, t0)
  CHECK_REG(a4, 0x1111)
  TEST_NO_TRAP_UVM(3, ld a4, 8(s0))
  CHECK_REG(a4, 0x2222)

  # ----- loads -----
  li s1, VA_BAD38
  TEST_TRAP_M( 4, PRV_S, CAUSE_LOAD_PAGE_FAULT, ld a4, 0(s1))
  CHECK_TRAP_TVAL_REG(s1)
  li s1, VA_BAD39 + 0x18
  TEST_TRAP_M( 5, PRV_S, CAUSE_LOAD_PAGE_FAULT, lw a4, 0(s1))
  CHECK_TRAP_TVAL_REG(s1)
  li s1, VA_BADHI + 0xff0
  TEST_TRAP_M( 6, PRV_S, CAUSE_LOAD_PAGE_FAULT, lbu a4, 0(s1))
  CHECK_TRAP_TVAL_REG(s1)
  li s1, VA_BAD63
  TEST_TRAP_M( 7, PRV_S, CAUSE_LOAD_PAGE_FAULT, ld a4, 0(s1))
  CHECK_TRAP_TVAL_REG(s1)
  # ----- stores and AMOs -----
  li s1, VA_BAD39
  TEST_TRAP_M( 8, PRV_S, CAUSE_STORE_PAGE_FAULT, sd a1, 0(s1))
  CHECK_TRAP_TVAL_REG(s1)
  li s1, VA_BAD63 + 0x100
  TEST_TRAP_M( 9, PRV_S, CAUSE_STORE_PAGE_FAULT, amoadd.d a4, a1, (s1))
  CHECK_TRAP_TVAL_REG(s1)
  # ----- fetches -----
  li s1, VA_BAD38
  TEST_PF_FETCH(10, PRV_S, 0)
  la s1, code
  li t0, 1 << 63
  or s1, s1, t0              # the identity address of `code`, with bit 63 set
  TEST_PF_FETCH(11, PRV_S, 0)

  # ----- from U-mode, and delegated -----
  li s1, VA_BADHI
  TEST_TRAP_M_UVM(12, CAUSE_LOAD_PAGE_FAULT, ld a4, 0(s1))
  CHECK_TRAP_TVAL_REG(s1)
  li s1, VA_BAD39 + 8
  TEST_PF_FETCH(13, PRV_U, U_ALIAS_OFS)
  li t0, (1 << CAUSE_LOAD_PAGE_FAULT) | (1 << CAUSE_STORE_PAGE_FAULT)
  csrw medeleg, t0
  li s1, VA_BAD38 + 0x20
  TEST_TRAP_S_UVM(14, CAUSE_STORE_PAGE_FAULT, sw a1, 0(s1))
  CHECK_STRAP_TVAL_REG(s1)
  TEST_TRAP_S(15, PRV_S, CAUSE_LOAD_PAGE_FAULT, lh a4, 0(s1))
  CHECK_STRAP_TVAL_REG(s1)
  csrw medeleg, zero

  # 16: the identity address without bit 63 still works (sanity)
  la s1, code
  li a4, 1
  TEST_NO_TRAP_IN(16, PRV_S, jalr ra, 0(s1))
  CHECK_REG(a4, 2)

TEST_PASSFAIL

code:
  addi a4, a4, 1
  ret

RVTEST_CODE_END

RVTEST_DATA_BEGIN
  .align 3
tdat: .dword 0x1111, 0x2222
RVTEST_DATA_END
