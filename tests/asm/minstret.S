# minstret counts retired instructions exactly.
#
# `csrr a1, minstret; <N instructions>; csrr a2, minstret` gives
# a2 - a1 = N + 1: a CSR read returns the count of the instructions retired
# before it, so the first csrr itself is counted, the second is not.
# Taken and not-taken branches, jumps, loads, stores, multiplies, divides,
# AMOs, fences, CSR accesses, x0 writes and nops each count as one. An
# instruction that traps (ecall, a misaligned load) does not retire; the trap
# handler's instructions (including mret) do.
#
# Written for mkrv from the RISC-V unprivileged (20191213) and privileged (1.12)
# specifications.
#include "mkrv_test.h"
#include "test_macros.h"

/* a4 = minstret delta over `code` minus 1 (i.e. the instructions in code). */
#define COUNT(code...)                                                      \
        csrr a1, minstret;                                                  \
        code;                                                               \
        csrr a2, minstret;                                                  \
        sub a4, a2, a1;                                                     \
        addi a4, a4, -1;

/* The trap hook used by test 20: 4 instructions, resumes after the trap. */
#define STEP_OVER_HOOK_LEN 4

RVTEST_RV64M
RVTEST_CODE_BEGIN

  la s0, tdat

  TEST_CASE( 2, a4, 0, COUNT())
  TEST_CASE( 3, a4, 1, COUNT(nop))
  TEST_CASE( 4, a4, 10, COUNT(nop; nop; nop; nop; nop; nop; nop; nop; nop; nop))
  TEST_CASE( 5, a4, 6, COUNT(addi x0, x0, 1; add a3, a3, a3; lui a3, 1; auipc a3, 0; slli a3, a3, 1; sltu a3, a3, a3))
  # loads and stores
  TEST_CASE( 6, a4, 4, COUNT(ld a3, 0(s0); sd a3, 8(s0); lb a3, 1(s0); sw a3, 4(s0)))
  # multiply and divide (possibly multi-cycle) count once each
  TEST_CASE( 7, a4, 5, COUNT(li a3, 7; mul a5, a3, a3; div a5, a5, a3; remuw a5, a5, a3; mulhu a5, a3, a3))
  # a not-taken and a taken branch, a jal and a jalr
  TEST_CASE( 8, a4, 2, COUNT(bnez x0, fail; beqz x0, 1f; 1:))
  TEST_CASE( 9, a4, 1, COUNT(j 1f; nop; nop; 1:))
  TEST_CASE(10, a4, 3, COUNT(la a3, 1f; jalr a5, 0(a3); nop; 1:))
  # a loop: 1 + 10 * 2 instructions
  TEST_CASE(11, a4, 21, COUNT(li a5, 10; 1: addi a5, a5, -1; bnez a5, 1b))
  # atomics and fences
  TEST_CASE(12, a4, 5, COUNT(amoadd.d a3, a3, (s0); lr.d a3, (s0); sc.d a3, a3, (s0); fence; fence.i))
  # CSR instructions (reads and writes)
  TEST_CASE(13, a4, 3, COUNT(csrr a3, mscratch; csrw mscratch, a3; csrrs x0, mscratch, x0))
  # rdcycle / rdtime / rdinstret
  TEST_CASE(14, a4, 3, COUNT(rdcycle a3; rdtime a3; rdinstret a3))

  # 20: an ecall does not retire; the trap vector (5 instructions) and the hook
  #     (4, with mret) do. See mkrv_test.h for the 5 instructions of the vector.
  TRAP_HOOK_SET(step_over)
  TEST_CASE(20, a4, 5 + STEP_OVER_HOOK_LEN, COUNT(ecall))
  # 21: a misaligned load traps and does not retire either
  TEST_CASE(21, a4, 5 + STEP_OVER_HOOK_LEN, COUNT(ld a3, 1(s0)))
  TRAP_HOOK_CLEAR

TEST_PASSFAIL

step_over:
  csrr t6, mepc
  addi t6, t6, 4
  csrw mepc, t6
  mret

RVTEST_CODE_END

RVTEST_DATA_BEGIN
  .align 3
tdat: .dword 0, 0
RVTEST_DATA_END
