# Page-fault causes and xtval (privileged spec 1.12, 3.1.15-16, 4.1.9,
# 4.3.2): every load-type access (loads of each width, LR) to an unmapped
# page raises a load page fault (13), every store-type access (stores of each
# width, AMOs) a store/AMO page fault (15), a fetch an instruction page fault
# (12); xtval = the faulting virtual address (base + offset, byte exact),
# xepc = the instruction (the target for a fetch); rd is not written. The
# trap goes to M (medeleg clear) or to S (medeleg 12, 13, 15 set), from S- and
# from U-mode.
#
# Written for mkrv from the RISC-V privileged specification (1.12).
#include "mkrv_test.h"
#include "mkrv_vm.h"
#include "test_macros.h"

#define VA_NONE  (VA_WIN + 0x10000)     /* never mapped */

/* One access: `insn` faults with `cause` at address s1 + off; rd = a4 kept. */
#define PF(testnum, LEVEL, MODE_SFX, cause, off, insn...)                   \
        addi a5, s1, off;                                                   \
        li a4, 0x77;                                                        \
        TEST_TRAP_ ## LEVEL ## MODE_SFX(testnum, cause, insn)               \
        CHECK_ ## LEVEL ## _TVAL_REG(a5)                                    \
        CHECK_REG(a4, 0x77)

/* adapters: TEST_TRAP_{M,S}{_S,_U}(testnum, cause, insn) */
#define TEST_TRAP_M_S(n, c, insn...)   TEST_TRAP_M(n, PRV_S, c, insn)
#define TEST_TRAP_S_S(n, c, insn...)   TEST_TRAP_S(n, PRV_S, c, insn)
#define TEST_TRAP_M_U(n, c, insn...)   TEST_TRAP_M_UVM(n, c, insn)
#define TEST_TRAP_S_U(n, c, insn...)   TEST_TRAP_S_UVM(n, c, insn)
#define CHECK_M_TVAL_REG(r)            CHECK_TRAP_TVAL_REG(r)
#define CHECK_S_TVAL_REG(r)            CHECK_STRAP_TVAL_REG(r)

/* The whole set for one path, test numbers n .. n+19 */
#define PF_SET(n, LEVEL, MODE_SFX)                                          \
        PF((n)+0,  LEVEL, MODE_SFX, CAUSE_LOAD_PAGE_FAULT, 0, lb a4, 0(s1))  \
        PF((n)+1,  LEVEL, MODE_SFX, CAUSE_LOAD_PAGE_FAULT, 0x7ff, lbu a4, 0x7ff(s1)) \
        PF((n)+2,  LEVEL, MODE_SFX, CAUSE_LOAD_PAGE_FAULT, 2, lh a4, 2(s1))  \
        PF((n)+3,  LEVEL, MODE_SFX, CAUSE_LOAD_PAGE_FAULT, 6, lhu a4, 6(s1)) \
        PF((n)+4,  LEVEL, MODE_SFX, CAUSE_LOAD_PAGE_FAULT, 4, lw a4, 4(s1))  \
        PF((n)+5,  LEVEL, MODE_SFX, CAUSE_LOAD_PAGE_FAULT, 12, lwu a4, 12(s1)) \
        PF((n)+6,  LEVEL, MODE_SFX, CAUSE_LOAD_PAGE_FAULT, 0x10, ld a4, 0x10(s1)) \
        PF((n)+7,  LEVEL, MODE_SFX, CAUSE_LOAD_PAGE_FAULT, -8, ld a4, -8(s1)) \
        PF((n)+8,  LEVEL, MODE_SFX, CAUSE_LOAD_PAGE_FAULT, 0, lr.w a4, (s1)) \
        PF((n)+9,  LEVEL, MODE_SFX, CAUSE_LOAD_PAGE_FAULT, 0, lr.d a4, (s1)) \
        PF((n)+10, LEVEL, MODE_SFX, CAUSE_STORE_PAGE_FAULT, 1, sb a1, 1(s1)) \
        PF((n)+11, LEVEL, MODE_SFX, CAUSE_STORE_PAGE_FAULT, 0x7fe, sh a1, 0x7fe(s1)) \
        PF((n)+12, LEVEL, MODE_SFX, CAUSE_STORE_PAGE_FAULT, 8, sw a1, 8(s1)) \
        PF((n)+13, LEVEL, MODE_SFX, CAUSE_STORE_PAGE_FAULT, 0x18, sd a1, 0x18(s1)) \
        PF((n)+14, LEVEL, MODE_SFX, CAUSE_STORE_PAGE_FAULT, 0, amoswap.w a4, a1, (s1)) \
        PF((n)+15, LEVEL, MODE_SFX, CAUSE_STORE_PAGE_FAULT, 0, amoadd.d a4, a1, (s1)) \
        PF((n)+16, LEVEL, MODE_SFX, CAUSE_STORE_PAGE_FAULT, 0, amoand.d a4, a1, (s1)) \
        PF((n)+17, LEVEL, MODE_SFX, CAUSE_STORE_PAGE_FAULT, 0, amomaxu.w a4, a1, (s1)) \
        PF((n)+18, LEVEL, MODE_SFX, CAUSE_STORE_PAGE_FAULT, 0, amoxor.w a4, a1, (s1))

/* A fetch (jalr to s1) in `mode` (entered at `ofs`) faults; checked at LEVEL. */
#define PF_FETCH(testnum, mode, ofs)                                        \
        li TESTNUM, testnum;                                                \
        li ra, 0;                                                           \
        TRAP_CATCH_ON                                                       \
        TRAP_RESUME_AT(2f + (ofs))                                          \
        STRAP_RESUME_AT(2f + (ofs))                                         \
        ENTER_MODE(mode, 1f + (ofs))                                        \
1:      jalr ra, 0(s1);                                                     \
2:      RETURN_M                                                            \
        TRAP_CATCH_OFF                                                      \
        la t0, 2b + (ofs);                                                  \
        bne ra, t0, fail;          /* the jalr retired */
#define CHECK_FETCH_M                                                       \
        CHECK_TRAP_COUNT(1) CHECK_STRAP_COUNT(0)                            \
        CHECK_TRAP_CAUSE(CAUSE_FETCH_PAGE_FAULT)                            \
        CHECK_TRAP_EPC_REG(s1) CHECK_TRAP_TVAL_REG(s1)
#define CHECK_FETCH_S                                                       \
        CHECK_TRAP_COUNT(0) CHECK_STRAP_COUNT(1)                            \
        CHECK_STRAP_CAUSE(CAUSE_FETCH_PAGE_FAULT)                           \
        CHECK_STRAP_EPC_REG(s1) CHECK_STRAP_TVAL_REG(s1)

RVTEST_RV64M
RVTEST_CODE_BEGIN

  VM_STD_INIT
  VM_ON(1)
  li s1, VA_NONE + 0x800       # (room for negative offsets)
  li a1, 0x5a5a

  # ----- into M (medeleg = 0) -----
  PF_SET(100, M, _S)           # from S: 100..118
  PF_SET(200, M, _U)           # from U: 200..218
  PF_FETCH(120, PRV_S, 0)
  CHECK_FETCH_M
  CHECK_TRAP_MPP(PRV_S)
  PF_FETCH(220, PRV_U, U_ALIAS_OFS)
  CHECK_FETCH_M
  CHECK_TRAP_MPP(PRV_U)

  # ----- into S (medeleg 12, 13, 15) -----
  li t0, (1 << CAUSE_FETCH_PAGE_FAULT) | (1 << CAUSE_LOAD_PAGE_FAULT) | (1 << CAUSE_STORE_PAGE_FAULT)
  csrw medeleg, t0
  PF_SET(300, S, _S)           # from S: 300..318
  PF_SET(400, S, _U)           # from U: 400..418
  PF_FETCH(320, PRV_S, 0)
  CHECK_FETCH_S
  CHECK_STRAP_SPP(PRV_S)
  PF_FETCH(420, PRV_U, U_ALIAS_OFS)
  CHECK_FETCH_S
  CHECK_STRAP_SPP(PRV_U)

  # ----- per-cause delegation: only 13 delegated -----
  li t0, 1 << CAUSE_LOAD_PAGE_FAULT
  csrw medeleg, t0
  PF(500, S, _S, CAUSE_LOAD_PAGE_FAULT, 0, ld a4, 0(s1))
  PF(501, M, _S, CAUSE_STORE_PAGE_FAULT, 0, sd a1, 0(s1))
  PF_FETCH(502, PRV_S, 0)
  CHECK_FETCH_M
  csrw medeleg, zero

TEST_PASSFAIL
RVTEST_CODE_END

RVTEST_DATA_BEGIN
RVTEST_DATA_END
