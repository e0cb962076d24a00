# Invalid PTEs (privileged spec 1.12, 4.3.2 step 3 and 4): a PTE with V = 0,
# or with W = 1 and R = 0 (reserved: W without R, with or without X), stops
# the walk with a page fault of the access type (load 13, store/AMO 15, fetch
# 12), at any level; so does a non-leaf PTE (V = 1, R = W = X = 0) at level 0,
# where a leaf is required. xtval = the virtual address. Other PTE bits of an
# invalid PTE do not matter.
#
# Written for mkrv from the RISC-V privileged specification (1.12).
#include "mkrv_test.h"
#include "mkrv_vm.h"
#include "test_macros.h"

#define VA_L2_ZERO   0x1C0000000              /* root[7] = 0 */
#define VA_L2_NOV    0x200000000              /* root[8]: RWX AD, V = 0 */
#define VA_L2_W      0x240000000              /* root[9]: V W X AD, no R */
#define VA_L1_ZERO   (VA_WIN + 0xA00000)      /* L1[5] = 0 */
#define VA_L1_W      (VA_WIN + 0xC00000)      /* L1[6]: V W AD, no R */
#define VA_L0_ZERO   (VA_WIN + 0x6000)        /* L0 entry 0 */
#define VA_L0_NOV    (VA_WIN + 0x7000)        /* RWX AD, V = 0 */
#define VA_L0_W      (VA_WIN + 0x8000)        /* V W AD */
#define VA_L0_WX     (VA_WIN + 0x9000)        /* V W X AD */
#define VA_L0_PTR    (VA_WIN + 0xA000)        /* V only: non-leaf at level 0 */
#define VA_OK        (VA_WIN + 0xB000)        /* RW, U: a valid page */

/* `insn` in S at the VA in s1 faults with `cause`, xtval = s1, into M. */
#define TEST_PF(testnum, cause, insn...)                                    \
        TEST_TRAP_M(testnum, PRV_S, cause, insn)                            \
        CHECK_TRAP_TVAL_REG(s1)

/* A fetch (jalr to s1) in S faults: into M, xepc = xtval = s1. */
#define TEST_PF_FETCH(testnum)                                              \
        li TESTNUM, testnum;                                                \
        TRAP_CATCH_ON                                                       \
        TRAP_RESUME_AT(2f)                                                  \
        ENTER_S(1f)                                                         \
1:      jalr ra, 0(s1);                                                     \
2:      RETURN_M                                                            \
        TRAP_CATCH_OFF                                                      \
        CHECK_TRAP_COUNT(1)                                                 \
        CHECK_STRAP_COUNT(0)                                                \
        CHECK_TRAP_CAUSE(CAUSE_FETCH_PAGE_FAULT)                            \
        CHECK_TRAP_EPC_REG(s1)                                              \
        CHECK_TRAP_TVAL_REG(s1)

RVTEST_RV64M
RVTEST_CODE_BEGIN

  VM_STD_INIT
  PT_SET(PT_ROOT, 8, PTE(RAM_BASE, PTE_RWX & ~PTE_V))
  PT_SET(PT_ROOT, 9, PTE(RAM_BASE, PTE_V | PTE_W | PTE_X | PTE_AD))
  PT_SET(PT_L1, 6, PTE(MEGA(0), PTE_V | PTE_W | PTE_AD))
  VM_MAP(VA_L0_NOV, PG(0), PTE_RWX & ~PTE_V)
  VM_MAP(VA_L0_W, PG(0), PTE_V | PTE_W | PTE_AD)
  VM_MAP(VA_L0_WX, PG(0), PTE_V | PTE_W | PTE_X | PTE_AD)
  VM_MAP(VA_L0_PTR, PG(0), PTE_PTR)
  VM_MAP(VA_OK, PG(0), PTE_RW | PTE_U)
  PT_ZERO(PG(0))                   # (also a harmless "table" for VA_L0_PTR)
  li a1, 0x1234; PA_SD(PG(0) + 8, a1)
  VM_ON(1)
  li a1, 0x5a5a

  # ----- V = 0 -----
  li s1, VA_L2_ZERO
  TEST_PF( 2, CAUSE_LOAD_PAGE_FAULT, ld a4, 0(s1))
  li s1, VA_L2_NOV + 0x10
  TEST_PF( 3, CAUSE_LOAD_PAGE_FAULT, ld a4, 0(s1))
  li s1, VA_L1_ZERO + 0x18
  TEST_PF( 4, CAUSE_STORE_PAGE_FAULT, sd a1, 0(s1))
  li s1, VA_L0_ZERO
  TEST_PF_FETCH(5)
  li s1, VA_L0_NOV + 8
  TEST_PF( 6, CAUSE_LOAD_PAGE_FAULT, ld a4, 0(s1))
  TEST_PF( 7, CAUSE_STORE_PAGE_FAULT, amoadd.d a4, a1, (s1))

  # ----- W = 1 without R -----
  li s1, VA_L0_W + 8
  TEST_PF( 8, CAUSE_LOAD_PAGE_FAULT, ld a4, 0(s1))
  TEST_PF( 9, CAUSE_STORE_PAGE_FAULT, sd a1, 0(s1))
  li s1, VA_L0_W
  TEST_PF_FETCH(10)
  li s1, VA_L0_WX + 8
  TEST_PF(11, CAUSE_LOAD_PAGE_FAULT, ld a4, 0(s1))
  TEST_PF(12, CAUSE_STORE_PAGE_FAULT, sd a1, 0(s1))
  li s1, VA_L0_WX
  TEST_PF_FETCH(13)
  li s1, VA_L1_W + 0x100
  TEST_PF(14, CAUSE_LOAD_PAGE_FAULT, ld a4, 0(s1))
  li s1, VA_L2_W + 0x100
  TEST_PF(15, CAUSE_STORE_PAGE_FAULT, sd a1, 0(s1))

  # ----- a non-leaf PTE at level 0 -----
  li s1, VA_L0_PTR + 8
  TEST_PF(16, CAUSE_LOAD_PAGE_FAULT, ld a4, 0(s1))
  TEST_PF(17, CAUSE_STORE_PAGE_FAULT, sd a1, 0(s1))
  li s1, VA_L0_PTR
  TEST_PF_FETCH(18)

  # 19: nothing was written to PG(0) by the faulting stores
  li TESTNUM, 19
  PA_LD(a4, PG(0) + 8)
  CHECK_REG(a4, 0x1234)
  PA_LD(a4, PG(0))
  CHECK_REG(a4, 0)

  # ----- from U-mode, and delegated to S -----
  li s1, VA_L0_ZERO + 0x20
  TEST_TRAP_M_UVM(20, CAUSE_LOAD_PAGE_FAULT, ld a4, 0(s1))
  CHECK_TRAP_TVAL_REG(s1)
  li t0, (1 << CAUSE_LOAD_PAGE_FAULT) | (1 << CAUSE_STORE_PAGE_FAULT)
  csrw medeleg, t0
  li s1, VA_L0_W + 0x30
  TEST_TRAP_S_UVM(21, CAUSE_STORE_PAGE_FAULT, sd a1, 0(s1))
  CHECK_STRAP_TVAL_REG(s1)
  li s1, VA_L0_PTR + 0x38
  TEST_TRAP_S(22, PRV_S, CAUSE_LOAD_PAGE_FAULT, ld a4, 0(s1))
  CHECK_STRAP_TVAL_REG(s1)
  csrw medeleg, zero

  # 23: a valid PTE to the same page works (from U)
  li s1, VA_OK + 8
  TEST_NO_TRAP_UVM(23, ld a4, 0(s1))
  CHECK_REG(a4, 0x1234)
  # 24: ... and after making the W-only PTE valid (R W) and sfence.vma
  VM_MAP(VA_L0_W, PG(0), PTE_RW)
  sfence.vma
  li s1, VA_L0_W + 8
  TEST_NO_TRAP_IN(24, PRV_S, ld a4, 0(s1))
  CHECK_REG(a4, 0x1234)

TEST_PASSFAIL
RVTEST_CODE_END

RVTEST_DATA_BEGIN
RVTEST_DATA_END
