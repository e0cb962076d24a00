# Access faults for addresses where nothing is mapped (0x4000_0000,
# 0x7fff_fff8 just below RAM, 0x1_8000_0000 above the 32-bit physical address
# space, which must not alias RAM at 0x8000_0000):
#   load / lr            -> mcause 5 (load access fault),       mtval = address
#   store / AMO          -> mcause 7 (store/AMO access fault),  mtval = address
#   instruction fetch    -> mcause 1 (instruction access fault), mepc = mtval =
#                           the target (the jump itself retires and links)
# A faulting load or AMO does not write rd.
#
# Written for mkrv from the RISC-V privileged specification (1.12).
#include "mkrv_test.h"
#include "test_macros.h"

#define TEST_LOAD_FAULT(testnum, addr, insn, imm)                           \
        li a3, (addr) - (imm);                                              \
        li a5, addr;                                                        \
        li a4, 0x5a5a;                                                      \
        TEST_EXCEPTION(testnum, CAUSE_LOAD_ACCESS, a5, insn a4, imm(a3))    \
        CHECK_REG(a4, 0x5a5a)

#define TEST_STORE_FAULT(testnum, addr, insn, imm)                          \
        li a3, (addr) - (imm);                                              \
        li a5, addr;                                                        \
        li a2, -1;                                                          \
        TEST_EXCEPTION(testnum, CAUSE_STORE_ACCESS, a5, insn a2, imm(a3))

#define TEST_AMO_FAULT(testnum, cause, addr, insn...)                       \
        li a3, addr;                                                        \
        li a5, addr;                                                        \
        li a2, 1;                                                           \
        li a4, 0x5a5a;                                                      \
        TEST_EXCEPTION(testnum, cause, a5, insn)                            \
        CHECK_REG(a4, 0x5a5a)

/* Jump to an unmapped address; the fault is taken at the target and the
 * catch hook resumes at the label 3 after the test. */
#define TEST_FETCH_FAULT(testnum, addr)                                     \
        li TESTNUM, testnum;                                                \
        li a1, addr;                                                        \
        TRAP_CATCH_ON                                                       \
        TRAP_RESUME_AT(3f)                                                  \
2:      jalr ra, 0(a1);                                                     \
        j fail;                                                             \
3:      TRAP_CATCH_OFF                                                      \
        CHECK_TRAP_COUNT(1)                                                 \
        CHECK_TRAP_CAUSE(CAUSE_FETCH_ACCESS)                                \
        CHECK_TRAP_EPC_REG(a1)                                              \
        CHECK_TRAP_TVAL_REG(a1)                                             \
        la a5, 2b + 4;                                                      \
        bne ra, a5, fail;

RVTEST_RV64M
RVTEST_CODE_BEGIN

  TEST_LOAD_FAULT( 2, UNMAPPED_ADDR, lb, 0)
  TEST_LOAD_FAULT( 3, UNMAPPED_ADDR, lbu, 1)
  TEST_LOAD_FAULT( 4, UNMAPPED_ADDR + 2, lh, 0)
  TEST_LOAD_FAULT( 5, UNMAPPED_ADDR + 4, lw, 4)
  TEST_LOAD_FAULT( 6, UNMAPPED_ADDR + 8, lwu, -8)
  TEST_LOAD_FAULT( 7, UNMAPPED_ADDR + 0x10, ld, 16)
  TEST_LOAD_FAULT( 8, RAM_BASE - 8, ld, 0)
  TEST_LOAD_FAULT( 9, 0x180000000, ld, 0)
  TEST_LOAD_FAULT(10, 0x180000000, lw, 0)

  TEST_STORE_FAULT(20, UNMAPPED_ADDR, sb, 0)
  TEST_STORE_FAULT(21, UNMAPPED_ADDR + 2, sh, 2)
  TEST_STORE_FAULT(22, UNMAPPED_ADDR + 4, sw, -4)
  TEST_STORE_FAULT(23, UNMAPPED_ADDR + 8, sd, 0)
  TEST_STORE_FAULT(24, RAM_BASE - 8, sd, 0)
  TEST_STORE_FAULT(25, 0x180000000, sd, 0)
  TEST_STORE_FAULT(26, 0x180000000, sb, 0)

  # nothing reached RAM through an alias of 0x1_8000_0000
  TEST_CASE(27, a4, 0, li a3, RAM_BASE; ld a4, 0(a3); li a5, 0xffffffffffffffff; beq a4, a5, fail; li a4, 0)

  TEST_AMO_FAULT(30, CAUSE_STORE_ACCESS, UNMAPPED_ADDR, amoadd.w a4, a2, (a3))
  TEST_AMO_FAULT(31, CAUSE_STORE_ACCESS, UNMAPPED_ADDR, amoswap.d a4, a2, (a3))
  TEST_AMO_FAULT(32, CAUSE_STORE_ACCESS, UNMAPPED_ADDR + 8, amomaxu.d a4, a2, (a3))
  TEST_AMO_FAULT(33, CAUSE_STORE_ACCESS, 0x180000000, amoor.w a4, a2, (a3))
  TEST_AMO_FAULT(34, CAUSE_LOAD_ACCESS, UNMAPPED_ADDR, lr.w a4, (a3))
  TEST_AMO_FAULT(35, CAUSE_LOAD_ACCESS, UNMAPPED_ADDR, lr.d a4, (a3))

  TEST_FETCH_FAULT(40, UNMAPPED_ADDR)
  TEST_FETCH_FAULT(41, UNMAPPED_ADDR + 0x100)
  TEST_FETCH_FAULT(42, RAM_BASE - 4)
  TEST_FETCH_FAULT(43, 0x180000000)

  # a fault in the middle of normal code: the following loads work
  li TESTNUM, 50
  la s0, tdat
  li a3, UNMAPPED_ADDR
  TRAP_CATCH_ON
  ld a1, 0(s0)
1: ld a2, 0(a3)
  ld a4, 8(s0)
  TRAP_CATCH_OFF
  CHECK_TRAP_COUNT(1)
  CHECK_TRAP_EPC(1b)
  CHECK_REG(a1, 0x1111)
  CHECK_REG(a4, 0x2222)

TEST_PASSFAIL
RVTEST_CODE_END

RVTEST_DATA_BEGIN
  .align 3
tdat: .dword 0x1111, 0x2222
RVTEST_DATA_END
