# Store/AMO address misaligned exceptions (mcause 6): every store width at
# every misaligned offset, the AMOs (.w and .d) and sc.w/sc.d at misaligned
# addresses. mtval = the effective address, mepc = the instruction, memory
# is not modified and (for AMO/SC) rd is not written.
#
# Written for mkrv from the RISC-V privileged specification (1.12).
#include "mkrv_test.h"
#include "test_macros.h"

#define TEST_MISALIGNED_ST(testnum, insn, imm)                              \
        la a3, tdat;                                                        \
        addi a5, a3, imm;                                                   \
        li a2, -1;                                                          \
        TEST_EXCEPTION(testnum, CAUSE_MISALIGNED_STORE, a5, insn a2, imm(a3))

#define TEST_MISALIGNED_AMO(testnum, insn, off)                             \
        la a3, tdat + (off);                                                \
        addi a5, a3, 0;                                                     \
        li a2, -1;                                                          \
        li a4, 0x5a5a;                                                      \
        TEST_EXCEPTION(testnum, CAUSE_MISALIGNED_STORE, a5, insn a4, a2, (a3)) \
        CHECK_REG(a4, 0x5a5a)

RVTEST_RV64M
RVTEST_CODE_BEGIN

  TEST_MISALIGNED_ST( 2, sh, 1)
  TEST_MISALIGNED_ST( 3, sh, 3)
  TEST_MISALIGNED_ST( 4, sh, 5)
  TEST_MISALIGNED_ST( 5, sh, 7)
  TEST_MISALIGNED_ST( 6, sw, 1)
  TEST_MISALIGNED_ST( 7, sw, 2)
  TEST_MISALIGNED_ST( 8, sw, 3)
  TEST_MISALIGNED_ST( 9, sw, 5)
  TEST_MISALIGNED_ST(10, sw, 6)
  TEST_MISALIGNED_ST(11, sw, 7)
  TEST_MISALIGNED_ST(12, sd, 1)
  TEST_MISALIGNED_ST(13, sd, 2)
  TEST_MISALIGNED_ST(14, sd, 3)
  TEST_MISALIGNED_ST(15, sd, 4)
  TEST_MISALIGNED_ST(16, sd, 5)
  TEST_MISALIGNED_ST(17, sd, 6)
  TEST_MISALIGNED_ST(18, sd, 7)
  TEST_MISALIGNED_ST(19, sd, 15)
  TEST_MISALIGNED_ST(20, sh, -1)

  # AMOs
  TEST_MISALIGNED_AMO(30, amoswap.w, 2)
  TEST_MISALIGNED_AMO(31, amoadd.w, 1)
  TEST_MISALIGNED_AMO(32, amoand.w, 3)
  TEST_MISALIGNED_AMO(33, amoor.w, 6)
  TEST_MISALIGNED_AMO(34, amoxor.w, 5)
  TEST_MISALIGNED_AMO(35, amomax.w, 2)
  TEST_MISALIGNED_AMO(36, amomin.w, 7)
  TEST_MISALIGNED_AMO(37, amomaxu.w, 1)
  TEST_MISALIGNED_AMO(38, amominu.w, 2)
  TEST_MISALIGNED_AMO(40, amoswap.d, 4)
  TEST_MISALIGNED_AMO(41, amoadd.d, 1)
  TEST_MISALIGNED_AMO(42, amoand.d, 2)
  TEST_MISALIGNED_AMO(43, amoor.d, 3)
  TEST_MISALIGNED_AMO(44, amoxor.d, 4)
  TEST_MISALIGNED_AMO(45, amomax.d, 5)
  TEST_MISALIGNED_AMO(46, amomin.d, 6)
  TEST_MISALIGNED_AMO(47, amomaxu.d, 7)
  TEST_MISALIGNED_AMO(48, amominu.d, 4)
  # sc, with and without a reservation on the aligned neighbour
  TEST_MISALIGNED_AMO(50, sc.w, 2)
  TEST_MISALIGNED_AMO(51, sc.d, 4)
  la a3, tdat
  lr.d a1, (a3)
  TEST_MISALIGNED_AMO(52, sc.d, 1)

  # memory was never written: the data area still holds its pattern
  TEST_CASE(60, a4, 0x7766554433221100, la a3, tdat; ld a4, 0(a3))
  TEST_CASE(61, a4, 0xffeeddccbbaa9988, ld a4, 8(a3))
  TEST_CASE(62, a4, 0x0123456789abcdef, ld a4, 16(a3))
  TEST_CASE(63, a4, 0xfedcba9876543210, ld a4, -8(a3))

  # aligned stores of each width do not trap
  TEST_NO_TRAP(70, la a3, tdat + 32; sh x0, 6(a3); sw x0, 4(a3); sd x0, 8(a3); sb x0, 7(a3); addi a3, a3, 4; amoadd.w x0, x0, (a3))

TEST_PASSFAIL
RVTEST_CODE_END

RVTEST_DATA_BEGIN
  .align 4
  .dword 0xfedcba9876543210
tdat:
  .dword 0x7766554433221100
  .dword 0xffeeddccbbaa9988
  .dword 0x0123456789abcdef
  .dword 0
  .dword 0, 0, 0
RVTEST_DATA_END
