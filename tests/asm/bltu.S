# bltu: branch if rs1 <u rs2
#
# Unsigned 64-bit comparison. Every pair of operands is tried with a forward and a backward target;
# a taken branch must skip the instructions after it and a not-taken branch
# must fall through. Operand bypass distances 0, 1, 2, taken and not taken.
#
# Written for mkrv from the RISC-V unprivileged ISA specification (20191213).
#include "mkrv_test.h"
#include "test_macros.h"

RVTEST_RV64U
RVTEST_CODE_BEGIN

  TEST_BR2_OP_NOTTAKEN(  2, bltu, 0x0000000000000000, 0x0000000000000000)
  TEST_BR2_OP_NOTTAKEN(  3, bltu, 0x0000000000000001, 0x0000000000000001)
  TEST_BR2_OP_NOTTAKEN(  4, bltu, 0xffffffffffffffff, 0xffffffffffffffff)
  TEST_BR2_OP_NOTTAKEN(  5, bltu, 0x8000000000000000, 0x8000000000000000)
  TEST_BR2_OP_TAKEN(  6, bltu, 0x0000000000000000, 0x0000000000000001)
  TEST_BR2_OP_NOTTAKEN(  7, bltu, 0x0000000000000001, 0x0000000000000000)
  TEST_BR2_OP_NOTTAKEN(  8, bltu, 0xffffffffffffffff, 0x0000000000000001)
  TEST_BR2_OP_TAKEN(  9, bltu, 0x0000000000000001, 0xffffffffffffffff)
  TEST_BR2_OP_NOTTAKEN( 10, bltu, 0xffffffffffffffff, 0x0000000000000000)
  TEST_BR2_OP_TAKEN( 11, bltu, 0x0000000000000000, 0xffffffffffffffff)
  TEST_BR2_OP_NOTTAKEN( 12, bltu, 0xffffffffffffffff, 0xfffffffffffffffe)
  TEST_BR2_OP_TAKEN( 13, bltu, 0xfffffffffffffffe, 0xffffffffffffffff)
  TEST_BR2_OP_NOTTAKEN( 14, bltu, 0x8000000000000000, 0x7fffffffffffffff)
  TEST_BR2_OP_TAKEN( 15, bltu, 0x7fffffffffffffff, 0x8000000000000000)
  TEST_BR2_OP_NOTTAKEN( 16, bltu, 0x8000000000000000, 0x0000000000000000)
  TEST_BR2_OP_TAKEN( 17, bltu, 0x0000000000000000, 0x8000000000000000)
  TEST_BR2_OP_NOTTAKEN( 18, bltu, 0x0000000080000000, 0x000000007fffffff)
  TEST_BR2_OP_TAKEN( 19, bltu, 0x000000007fffffff, 0x0000000080000000)
  TEST_BR2_OP_NOTTAKEN( 20, bltu, 0xffffffff80000000, 0x000000007fffffff)
  TEST_BR2_OP_TAKEN( 21, bltu, 0x000000007fffffff, 0xffffffff80000000)
  TEST_BR2_OP_NOTTAKEN( 22, bltu, 0x0000000100000000, 0x0000000000000000)
  TEST_BR2_OP_TAKEN( 23, bltu, 0x0000000000000000, 0x0000000100000000)
  TEST_BR2_OP_NOTTAKEN( 24, bltu, 0x0000000100000000, 0x0000000000000001)
  TEST_BR2_OP_TAKEN( 25, bltu, 0x00000000ffffffff, 0xffffffffffffffff)
  TEST_BR2_OP_NOTTAKEN( 26, bltu, 0x0123456789abcdef, 0x0123456789abcdee)

  # bypass: operands produced 0, 1, 2 instructions before the branch
  TEST_BR2_BYPASS_ALL(100, bltu, 0x8000000000000000, 0x7fffffffffffffff, 0x0000000000000000, 0x0000000000000001)

  # x0 as an operand
  li TESTNUM, 120; li a1, 0x0000000000000000; li a4, 0
  bltu a1, x0, fail
  li TESTNUM, 121; li a4, 0
  bltu x0, a1, fail
  li TESTNUM, 122; li a1, 0xffffffffffffffff; li a4, 0
  bltu a1, x0, fail
  li TESTNUM, 123; li a4, 0
  bltu x0, a1, 1f; li a4, 1; 1: bnez a4, fail
  li TESTNUM, 124; li a1, 0x0000000000000001; li a4, 0
  bltu a1, x0, fail
  li TESTNUM, 125; li a4, 0
  bltu x0, a1, 1f; li a4, 1; 1: bnez a4, fail

  # a taken branch followed by a taken branch, and a branch to the next instruction
  li TESTNUM, 130; li a1, 0x0000000000000000; li a2, 0x0000000000000001; li a4, 0
  bltu a1, a2, 1f; addi a4, a4, 1; 1: bltu a1, a2, 2f; addi a4, a4, 1; 2: bnez a4, fail
  li TESTNUM, 131; li a4, 0
  bltu a1, a2, 1f; 1: addi a4, a4, 1; CHECK_REG(a4, 1)

TEST_PASSFAIL
RVTEST_CODE_END

RVTEST_DATA_BEGIN
RVTEST_DATA_END
