# mstatus.MPRV (privileged spec 1.12, 3.1.6.3): with MPRV = 1, M-mode loads
# and stores (not fetches) are translated and protected as if the privilege
# were MPP, with SUM and MXR applying; a fault is taken into M-mode (it is
# raised in M: medeleg does not apply) with mtval = the virtual address. With
# MPP = M, or MPRV = 0, M-mode accesses are physical. (The fault sets MPP = M,
# so the handler's own accesses are physical; the mret back sets MPP = U.)
#
# Written for mkrv from the RISC-V privileged specification (1.12).
#include "mkrv_test.h"
#include "mkrv_vm.h"
#include "test_macros.h"

#define VA_S    (VA_WIN + 0x1000)       /* -> PG(0), S, RW */
#define VA_U    (VA_WIN + 0x2000)       /* -> PG(1), U, RW */
#define VA_XO   (VA_WIN + 0x3000)       /* -> PG(2), S, X only */

/* mstatus: MPRV = 1, MPP = mode, plus `extra` (SUM, MXR) */
#define MPRV_ON(mode, extra)                                                \
        li t0, MSTATUS_MPP | MSTATUS_SUM | MSTATUS_MXR; csrc mstatus, t0;   \
        li t0, MSTATUS_MPRV | ((mode) << 11) | (extra); csrs mstatus, t0;
#define MPRV_OFF                                                            \
        li t0, MSTATUS_MPRV | MSTATUS_MPP | MSTATUS_SUM | MSTATUS_MXR;      \
        csrc mstatus, t0;

/* With MPRV on (mode, extra), `insn` in M-mode; MPRV off right after. */
#define RUN_MPRV(testnum, mode, extra, insn...)                             \
        li TESTNUM, testnum;                                                \
        TRAP_CATCH_ON                                                       \
        MPRV_ON(mode, extra)                                                \
55:     insn;                                                               \
        MPRV_OFF                                                            \
        TRAP_CATCH_OFF

RVTEST_RV64M
RVTEST_CODE_BEGIN

  VM_STD_INIT
  VM_MAP(VA_S, PG(0), PTE_RW)
  VM_MAP(VA_U, PG(1), PTE_RW | PTE_U)
  VM_MAP(VA_XO, PG(2), PTE_XO)
  li a1, 0x1111; PA_SD(PG(0), a1)
  li a1, 0x2222; PA_SD(PG(1), a1)
  li a1, 0x3333; PA_SD(PG(2), a1)
  PA_SD(PG(0) + 8, zero)
  PA_SD(PG(1) + 8, zero)
  VM_ON(1)
  li s0, VA_S
  li s1, VA_U
  li s2, VA_XO
  li a1, 0x5a5a

  # ----- MPP = S -----
  RUN_MPRV(2, PRV_S, 0, ld a4, 0(s0))
  CHECK_NO_TRAP
  CHECK_REG(a4, 0x1111)
  RUN_MPRV(3, PRV_S, 0, sd a1, 8(s0))
  CHECK_NO_TRAP
  PA_LD(a4, PG(0) + 8)
  CHECK_REG(a4, 0x5a5a)
  # 4: a U page without SUM: load page fault into M, mepc = the load
  li a4, 0x77
  RUN_MPRV(4, PRV_S, 0, ld a4, 0(s1))
  CHECK_ONE_TRAP_M(CAUSE_LOAD_PAGE_FAULT, 55b)
  CHECK_TRAP_TVAL_REG(s1)
  CHECK_TRAP_MPP(PRV_M)
  CHECK_REG(a4, 0x77)
  # 5: with SUM: allowed
  RUN_MPRV(5, PRV_S, MSTATUS_SUM, ld a4, 0(s1))
  CHECK_NO_TRAP
  CHECK_REG(a4, 0x2222)
  # 6-7: an execute-only page: fault without MXR, readable with it
  RUN_MPRV(6, PRV_S, 0, ld a4, 0(s2))
  CHECK_ONE_TRAP_M(CAUSE_LOAD_PAGE_FAULT, 55b)
  CHECK_TRAP_TVAL_REG(s2)
  RUN_MPRV(7, PRV_S, MSTATUS_MXR, ld a4, 0(s2))
  CHECK_NO_TRAP
  CHECK_REG(a4, 0x3333)
  # 8: a store to it faults (15) even with MXR
  RUN_MPRV(8, PRV_S, MSTATUS_MXR, sd a1, 0(s2))
  CHECK_ONE_TRAP_M(CAUSE_STORE_PAGE_FAULT, 55b)
  CHECK_TRAP_TVAL_REG(s2)

  # ----- MPP = U -----
  RUN_MPRV(9, PRV_U, 0, ld a4, 0(s1); sd a1, 8(s1))
  CHECK_NO_TRAP
  CHECK_REG(a4, 0x2222)
  PA_LD(a4, PG(1) + 8)
  CHECK_REG(a4, 0x5a5a)
  RUN_MPRV(10, PRV_U, 0, ld a4, 0(s0))
  CHECK_ONE_TRAP_M(CAUSE_LOAD_PAGE_FAULT, 55b)
  CHECK_TRAP_TVAL_REG(s0)
  RUN_MPRV(11, PRV_U, MSTATUS_SUM, amoadd.d a4, a1, (s0))
  CHECK_ONE_TRAP_M(CAUSE_STORE_PAGE_FAULT, 55b)
  CHECK_TRAP_TVAL_REG(s0)
  # 12: with medeleg set for page faults the MPRV fault still goes to M
  li t0, (1 << CAUSE_LOAD_PAGE_FAULT) | (1 << CAUSE_STORE_PAGE_FAULT)
  csrw medeleg, t0
  RUN_MPRV(12, PRV_U, 0, sd a1, 0(s0))
  CHECK_ONE_TRAP_M(CAUSE_STORE_PAGE_FAULT, 55b)
  csrw medeleg, zero

  # ----- MPP = M, or MPRV = 0: physical -----
  li s3, PG(0)
  RUN_MPRV(13, PRV_M, 0, ld a4, 0(s3))
  CHECK_NO_TRAP
  CHECK_REG(a4, 0x1111)
  RUN_MPRV(14, PRV_M, 0, ld a4, 0(s0))    # VA_S as a physical address: nothing there
  CHECK_ONE_TRAP_M(CAUSE_LOAD_ACCESS, 55b)
  # 15: MPRV = 1 with satp = Bare: accesses are physical (MPP = S)
  csrw satp, zero
  sfence.vma
  RUN_MPRV(15, PRV_S, 0, ld a4, 0(s3))
  CHECK_NO_TRAP
  CHECK_REG(a4, 0x1111)

TEST_PASSFAIL
RVTEST_CODE_END

RVTEST_DATA_BEGIN
RVTEST_DATA_END
