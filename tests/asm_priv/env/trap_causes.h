/* trap_causes.h - the body shared by the trap_<mode>_<level>.S tests: every
 * exception cause that needs no translation, raised in mode T_MODE, with its
 * medeleg bit clear (T_DELEG = 0) or set (T_DELEG = 1).
 *
 * Expected (privileged spec 1.12, 3.1.8 and 4.1): a trap from U or S is taken
 * in S-mode when its cause is delegated (medeleg bit set; here only that bit,
 * so delegation is per cause), else in M-mode; a trap from M is always taken in
 * M-mode (with every writable medeleg bit set here). The handler's xcause is the
 * cause, xepc the address of the trapping instruction (of the fetch for an
 * instruction access fault), xPP the trapping mode, and xtval:
 *   misaligned fetch            the misaligned target address
 *   fetch access fault          the faulting fetch address (= xepc)
 *   illegal instruction         the instruction's bits
 *   breakpoint                  the address of the ebreak (spike and mkrv)
 *   load/store misaligned/fault the faulting data address
 *   ecall                       0
 * The trapping instruction does not retire (no rd write, no memory write),
 * except that a jal/jalr whose target faults on fetch has retired.
 *
 * Written for mkrv from the RISC-V privileged specification (1.12).
 */
#include "mkrv_test.h"
#include "test_macros.h"

#if T_DELEG && T_MODE != PRV_M
#define T_TO_S 1
#define T_MEDELEG(cause) (1 << (cause))
#define CHECK_ONE(cause, epc)  CHECK_ONE_TRAP_S(cause, epc) CHECK_STRAP_SPP(T_MODE)
#define CHECK_LEVEL(cause)     CHECK_TRAP_COUNT(0) CHECK_STRAP_COUNT(1)     \
                               CHECK_STRAP_CAUSE(cause) CHECK_STRAP_SPP(T_MODE)
#define CHECK_TVAL(v)          CHECK_STRAP_TVAL(v)
#define CHECK_TVAL_LABEL(l)    CHECK_STRAP_TVAL_LABEL(l)
#define CHECK_TVAL_REG(r)      CHECK_STRAP_TVAL_REG(r)
#define CHECK_EPC_REG(r)       CHECK_STRAP_EPC_REG(r)
#define RESUME_AT(l)           STRAP_RESUME_AT(l)
#else
#define T_TO_S 0
#if T_DELEG
#define T_MEDELEG(cause) MEDELEG_ALL
#else
#define T_MEDELEG(cause) 0
#endif
#define CHECK_ONE(cause, epc)  CHECK_ONE_TRAP_M(cause, epc) CHECK_TRAP_MPP(T_MODE)
#define CHECK_LEVEL(cause)     CHECK_TRAP_COUNT(1) CHECK_STRAP_COUNT(0)     \
                               CHECK_TRAP_CAUSE(cause) CHECK_TRAP_MPP(T_MODE)
#define CHECK_TVAL(v)          CHECK_TRAP_TVAL(v)
#define CHECK_TVAL_LABEL(l)    CHECK_TRAP_TVAL_LABEL(l)
#define CHECK_TVAL_REG(r)      CHECK_TRAP_TVAL_REG(r)
#define CHECK_EPC_REG(r)       CHECK_TRAP_EPC_REG(r)
#define RESUME_AT(l)           TRAP_RESUME_AT(l)
#endif

/* Sub-test `testnum`: `insn` in T_MODE raises `cause` (medeleg set up). */
#define TC(testnum, cause, insn...)                                         \
        li TESTNUM, testnum;                                                \
        li t0, T_MEDELEG(cause);                                            \
        csrw medeleg, t0;                                                   \
        RUN_IN_MODE(T_MODE, 0, insn)                                        \
        CHECK_ONE(cause, 55b)

#define CAUSE_ECALL_HERE (CAUSE_USER_ECALL + T_MODE)

RVTEST_RV64M
RVTEST_CODE_BEGIN

  la s0, tdat                  # aligned data
  li s1, UNMAPPED_ADDR         # no device: access faults
  li s2, 0x5a5a5a5a

  # ----- 0: instruction address misaligned (IALIGN = 32: bit 1 set) -----
  # jalr to an address with bit 1 set: the jalr traps, rd not written
  la a1, tgt
  addi a5, a1, 2
  li ra, 0
  TC( 2, CAUSE_MISALIGNED_FETCH, jalr ra, 2(a1))
  CHECK_TVAL_REG(a5)
  CHECK_REG(ra, 0)
  # a taken branch to pc + 2 (encodable: B offsets are multiples of 2)
  la a5, 3f + 2
  TC( 3, CAUSE_MISALIGNED_FETCH, 3: beq x0, x0, . + 2)
  CHECK_TVAL_REG(a5)
  # a jal to pc + 6
  la a5, 4f + 6
  TC( 4, CAUSE_MISALIGNED_FETCH, 4: jal x0, . + 6)
  CHECK_TVAL_REG(a5)
  # a not-taken branch to a misaligned target does not trap
  li TESTNUM, 5
  li t0, T_MEDELEG(CAUSE_MISALIGNED_FETCH)
  csrw medeleg, t0
  RUN_IN_MODE(T_MODE, 0, bne x0, x0, . + 2)
  CHECK_NO_TRAP

  # ----- 1: instruction access fault (fetch from 0x4000_0000, no device) -----
  # xepc = xtval = the fetch address; the jalr itself retired (ra written)
  li TESTNUM, 6
  li t0, T_MEDELEG(CAUSE_FETCH_ACCESS)
  csrw medeleg, t0
  li ra, 0
  TRAP_CATCH_ON
  RESUME_AT(56f)
  ENTER_MODE(T_MODE, 55f)
55: jalr ra, 0(s1)
56: RETURN_M
  TRAP_CATCH_OFF
  CHECK_LEVEL(CAUSE_FETCH_ACCESS)
  CHECK_EPC_REG(s1)
  CHECK_TVAL_REG(s1)
  la a5, 56b
  bne ra, a5, fail

  # ----- 2: illegal instruction: xtval = the instruction bits -----
  TC( 7, CAUSE_ILLEGAL_INSTRUCTION, .word 0x5555500b)   /* custom-0 */
  CHECK_TVAL(0x5555500b)
  TC( 8, CAUSE_ILLEGAL_INSTRUCTION, .word 0xffffffff)
  CHECK_TVAL(0xffffffff)
  # a machine CSR, legal only in M (in M it must not trap: see test 9)
#if T_MODE != PRV_M
  TC( 9, CAUSE_ILLEGAL_INSTRUCTION, csrr a4, mscratch)
  CHECK_TVAL(0x34002773)
#else
  TEST_NO_TRAP_IN(9, PRV_M, csrr a4, mscratch)
#endif

  # ----- 3: breakpoint: xtval = the address of the ebreak -----
  TC(10, CAUSE_BREAKPOINT, ebreak)
  CHECK_TVAL_LABEL(55b)

  # ----- 4: load address misaligned: xtval = the address, rd not written -----
  li a4, 0x77
  addi a5, s0, 1
  TC(11, CAUSE_MISALIGNED_LOAD, ld a4, 1(s0))
  CHECK_TVAL_REG(a5)
  CHECK_REG(a4, 0x77)
  addi a5, s0, 6
  TC(12, CAUSE_MISALIGNED_LOAD, lw a4, 6(s0))
  CHECK_TVAL_REG(a5)
  addi a5, s0, 3
  TC(13, CAUSE_MISALIGNED_LOAD, lhu a4, 3(s0))
  CHECK_TVAL_REG(a5)
  addi a5, s0, 4
  TC(14, CAUSE_MISALIGNED_LOAD, lr.d a4, (a5))
  CHECK_TVAL_REG(a5)
  CHECK_REG(a4, 0x77)

  # ----- 5: load access fault -----
  TC(15, CAUSE_LOAD_ACCESS, ld a4, 0(s1))
  CHECK_TVAL_REG(s1)
  CHECK_REG(a4, 0x77)
  addi a5, s1, 0x10
  TC(16, CAUSE_LOAD_ACCESS, lbu a4, 0x10(s1))
  CHECK_TVAL_REG(a5)

  # ----- 6: store/AMO address misaligned: xtval = the address, no write -----
  sd zero, 0(s0)
  sd zero, 8(s0)
  addi a5, s0, 4
  TC(17, CAUSE_MISALIGNED_STORE, sd s2, 4(s0))
  CHECK_TVAL_REG(a5)
  addi a5, s0, 1
  TC(18, CAUSE_MISALIGNED_STORE, sh s2, 1(s0))
  CHECK_TVAL_REG(a5)
  addi a5, s0, 2
  TC(19, CAUSE_MISALIGNED_STORE, amoadd.w a4, s2, (a5))
  CHECK_TVAL_REG(a5)
  CHECK_REG(a4, 0x77)
  addi a5, s0, 4
  TC(20, CAUSE_MISALIGNED_STORE, sc.d a4, s2, (a5))
  CHECK_TVAL_REG(a5)
  CHECK_REG(a4, 0x77)
  li TESTNUM, 21               # nothing was written
  ld a4, 0(s0)
  CHECK_REG(a4, 0)
  ld a4, 8(s0)
  CHECK_REG(a4, 0)

  # ----- 7: store/AMO access fault -----
  TC(22, CAUSE_STORE_ACCESS, sd s2, 0(s1))
  CHECK_TVAL_REG(s1)
  addi a5, s1, 8
  li a4, 0x77
  TC(23, CAUSE_STORE_ACCESS, amoswap.d a4, s2, (a5))
  CHECK_TVAL_REG(a5)
  CHECK_REG(a4, 0x77)

  # ----- 8/9/11: ecall from this mode, xtval = 0 -----
  li t0, -1
  csrw mtval, t0
  csrw stval, t0
  TC(24, CAUSE_ECALL_HERE, ecall)
  CHECK_TVAL(0)

  # ----- the trapping instruction's neighbours run exactly once -----
  li TESTNUM, 25
  li a4, 0
  li t0, T_MEDELEG(CAUSE_BREAKPOINT)
  csrw medeleg, t0
  RUN_IN_MODE(T_MODE, 0, addi a4, a4, 1; ebreak; addi a4, a4, 2)
  CHECK_REG(a4, 3)

  csrw medeleg, zero

TEST_PASSFAIL

  .align 3
tgt: ret
  .align 3

RVTEST_CODE_END

RVTEST_DATA_BEGIN
  .align 4
tdat: .dword 0, 0, 0, 0
RVTEST_DATA_END
