# mstatus.TVM, trap virtual memory (privileged spec 1.12, 3.1.6.5): when TVM =
# 1, reading or writing satp and executing sfence.vma in S-mode raise an
# illegal-instruction exception (xtval = the instruction bits; satp is not
# changed). TVM does not affect M-mode. sfence.vma in U-mode is always
# illegal. With TVM = 0, S-mode may use both.
#
# Written for mkrv from the RISC-V privileged specification (1.12).
#include "mkrv_test.h"
#include "test_macros.h"

#define CSRR_SATP_A4   0x18002773
#define CSRW_SATP_A1   0x18059073
#define SFENCE_BITS    0x12000073
#define SFENCE_A1_A2   0x12c58073    /* sfence.vma a1, a2 */

RVTEST_RV64M
RVTEST_CODE_BEGIN

  li t0, MSTATUS_TVM
  csrs mstatus, t0
  li a1, 0              # a satp value that would be legal (Bare)
  li a2, 0

  # 2-5: S-mode, TVM = 1: satp read, write, csrrs/csrrc forms, sfence.vma
  TEST_TRAP_M( 2, PRV_S, CAUSE_ILLEGAL_INSTRUCTION, csrr a4, satp)
  CHECK_TRAP_TVAL(CSRR_SATP_A4)
  TEST_TRAP_M( 3, PRV_S, CAUSE_ILLEGAL_INSTRUCTION, csrw satp, a1)
  CHECK_TRAP_TVAL(CSRW_SATP_A1)
  TEST_TRAP_M( 4, PRV_S, CAUSE_ILLEGAL_INSTRUCTION, sfence.vma)
  CHECK_TRAP_TVAL(SFENCE_BITS)
  TEST_TRAP_M( 5, PRV_S, CAUSE_ILLEGAL_INSTRUCTION, sfence.vma a1, a2)
  CHECK_TRAP_TVAL(SFENCE_A1_A2)

  # 6: the illegal write left satp alone (a PPN was set beforehand from M)
  li TESTNUM, 6
  li t0, 0x12345
  csrw satp, t0            # Bare with PPN bits: M may write it (TVM)
  csrr s1, satp
  li a1, 0
  TEST_TRAP_M( 6, PRV_S, CAUSE_ILLEGAL_INSTRUCTION, csrw satp, a1)
  csrr a4, satp
  bne a4, s1, fail
  csrw satp, zero

  # 7-8: M-mode is not affected by TVM
  TEST_NO_TRAP_IN( 7, PRV_M, csrr a4, satp; csrw satp, zero)
  TEST_NO_TRAP_IN( 8, PRV_M, sfence.vma; sfence.vma a1, a2)

  # 9: U-mode: sfence.vma illegal (as always)
  TEST_TRAP_M( 9, PRV_U, CAUSE_ILLEGAL_INSTRUCTION, sfence.vma)
  TEST_TRAP_M(10, PRV_U, CAUSE_ILLEGAL_INSTRUCTION, csrr a4, satp)

  # 11-12: delegated (medeleg[2]): into S
  li t0, 1 << CAUSE_ILLEGAL_INSTRUCTION
  csrw medeleg, t0
  TEST_TRAP_S(11, PRV_S, CAUSE_ILLEGAL_INSTRUCTION, csrr a4, satp)
  CHECK_STRAP_TVAL(CSRR_SATP_A4)
  TEST_TRAP_S(12, PRV_S, CAUSE_ILLEGAL_INSTRUCTION, sfence.vma a1, a2)
  CHECK_STRAP_TVAL(SFENCE_A1_A2)
  csrw medeleg, zero

  # 13-14: TVM = 0: S-mode may read/write satp and execute sfence.vma
  li t0, MSTATUS_TVM
  csrc mstatus, t0
  TEST_NO_TRAP_IN(13, PRV_S, csrr a4, satp; csrw satp, zero)
  TEST_NO_TRAP_IN(14, PRV_S, sfence.vma; sfence.vma a1, a2)

TEST_PASSFAIL
RVTEST_CODE_END

RVTEST_DATA_BEGIN
RVTEST_DATA_END
