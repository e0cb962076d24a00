# mtvec (privileged 1.12, 3.1.7): in direct mode (MODE = 0) every trap enters
# at BASE; in vectored mode (MODE = 1) exceptions enter at BASE and
# interrupts at BASE + 4 * cause (see timer_irq and soft_irq for those).
# The handler address can be changed at any time and the next trap uses it.
#
# Written for mkrv from the RISC-V privileged specification (1.12).
#include "mkrv_test.h"
#include "test_macros.h"

/* Each handler records its id and resumes after the trapping instruction. */
#define HANDLER(id)                                                         \
        la t5, which; li t6, id; sd t6, 0(t5);                              \
        csrr t6, mepc; addi t6, t6, 4; csrw mepc, t6; mret;

#define WHICH(reg) la reg, which; ld reg, 0(reg);

RVTEST_RV64M
RVTEST_CODE_BEGIN

  csrr s0, mtvec

  # 2: direct mode, handler A (64-byte aligned)
  li TESTNUM, 2
  la a1, handler_a
  csrw mtvec, a1
  csrr a4, mtvec
  bne a4, a1, fail
  ecall
  WHICH(a4)
  CHECK_REG(a4, 1)

  # 3: switching to handler B takes effect for the next trap
  li TESTNUM, 3
  la a1, handler_b
  csrw mtvec, a1
  ecall
  WHICH(a4)
  CHECK_REG(a4, 2)

  # 4: direct mode with a base that is only 4-byte aligned
  li TESTNUM, 4
  la a1, handler_c
  csrw mtvec, a1
  csrr a4, mtvec
  bne a4, a1, fail
  .word 0                           # illegal instruction
  WHICH(a4)
  CHECK_REG(a4, 3)

  # 5: vectored mode: exceptions (ecall, illegal, misaligned load) enter at BASE
  li TESTNUM, 5
  la a1, vtable + 1
  csrw mtvec, a1
  csrr a4, mtvec
  bne a4, a1, fail
  la a3, which
  sd zero, 0(a3)
  ecall
  WHICH(a4)
  CHECK_REG(a4, 10)
  li TESTNUM, 6
  sd zero, 0(a3)
  .word 0
  WHICH(a4)
  CHECK_REG(a4, 10)
  li TESTNUM, 7
  sd zero, 0(a3)
  lw a4, 1(a3)
  WHICH(a4)
  CHECK_REG(a4, 10)

  # 8: back to the environment's vector
  li TESTNUM, 8
  csrw mtvec, s0
  TRAP_CATCH_ON
  ecall
  TRAP_CATCH_OFF
  CHECK_TRAP_COUNT(1)

  # 9: mtvec written right before the trapping instruction (distance 0)
  li TESTNUM, 9
  la a1, handler_b
  la a3, which
  sd zero, 0(a3)
  csrw mtvec, a1
  ecall
  WHICH(a4)
  CHECK_REG(a4, 2)
  csrw mtvec, s0

TEST_PASSFAIL

  .align 6
handler_a: HANDLER(1)
  .align 6
handler_b: HANDLER(2)
  .align 6
  nop
handler_c: HANDLER(3)           # 4-byte aligned, not 8

  .align 8
vtable:
  j vec_exc                      # 0: exceptions
  .rept 15
  j fail                         # 1..15: interrupts (none expected)
  .endr
vec_exc: HANDLER(10)

RVTEST_CODE_END

RVTEST_DATA_BEGIN
  .align 3
which: .dword 0
RVTEST_DATA_END
