# The WARL choices of mkrv's privileged CSRs (privileged spec 1.12; the
# implementation choices of the mkrv core, which spike is set up to match):
#   medeleg  writable bits 0-9, 12, 13, 15 (not 10, 11, 14); only bits 15:0 are
#            checked (spike also has bits 18 and 19 writable, mkrv does not)
#   mideleg  writable SSI, STI, SEI (0x222): M interrupts cannot be delegated
#   mip      SSIP, STIP, SEIP writable from M (0x222); MSIP, MTIP, MEIP are
#            read-only (they follow the CLINT and the PLIC)
#   mie      SSIE, MSIE, STIE, MTIE, SEIE, MEIE writable (0xaaa)
#   misa     RV64 (MXL = 2), I, M, A, S, U; no C
#   pmpcfg*, pmpaddr*  not implemented: illegal instruction
#   tselect, tdata1-3  read 0 (no triggers)
#
# Written for mkrv from the RISC-V privileged specification (1.12).
#include "mkrv_test.h"
#include "test_macros.h"

#define CSRR_A4(csr)  (((csr) << 20) | (2 << 12) | (14 << 7) | 0x73)

/* M-mode read of csr traps as illegal */
#define TEST_M_ILLEGAL(testnum, csr)                                        \
        li a4, 0x5a5a;                                                      \
        TEST_TRAP_M(testnum, PRV_M, CAUSE_ILLEGAL_INSTRUCTION, .word CSRR_A4(csr)) \
        CHECK_TRAP_TVAL(CSRR_A4(csr))                                       \
        CHECK_REG(a4, 0x5a5a)

RVTEST_RV64M
RVTEST_CODE_BEGIN

  # 2-3: medeleg
  li TESTNUM, 2
  li t0, -1
  csrw medeleg, t0
  csrr a4, medeleg
  li t0, 0xffff
  and a4, a4, t0
  CHECK_REG(a4, MEDELEG_ALL)
  li TESTNUM, 3
  csrw medeleg, zero
  csrr a4, medeleg
  CHECK_REG(a4, 0)

  # 4-5: mideleg
  li TESTNUM, 4
  li t0, -1
  csrw mideleg, t0
  csrr a4, mideleg
  CHECK_REG(a4, MIDELEG_ALL)
  li TESTNUM, 5
  csrw mideleg, zero
  csrr a4, mideleg
  CHECK_REG(a4, 0)

  # 6-7: mip (the CLINT is quiet: MTIP = MSIP = 0; no external interrupt)
  li TESTNUM, 6
  li t0, -1
  csrw mip, t0
  csrr a4, mip
  CHECK_REG(a4, MIP_S_ALL)
  li TESTNUM, 7
  csrw mip, zero
  csrr a4, mip
  CHECK_REG(a4, 0)

  # 8-9: mie
  li TESTNUM, 8
  li t0, -1
  csrw mie, t0
  csrr a4, mie
  CHECK_REG(a4, 0xaaa)
  li TESTNUM, 9
  csrw mie, zero
  csrr a4, mie
  CHECK_REG(a4, 0)

  # 10: misa: MXL = 2, extensions A, I, M, S, U and nothing else
  li TESTNUM, 10
  csrr a4, misa
  CHECK_REG(a4, (2 << 62) | (1 << 0) | (1 << 8) | (1 << 12) | (1 << 18) | (1 << 20))

  # 11-16: no PMP
  TEST_M_ILLEGAL(11, 0x3A0)      # pmpcfg0
  TEST_M_ILLEGAL(12, 0x3A2)      # pmpcfg2
  TEST_M_ILLEGAL(13, 0x3B0)      # pmpaddr0
  TEST_M_ILLEGAL(14, 0x3BF)      # pmpaddr15
  li a1, -1
  TEST_TRAP_M(15, PRV_M, CAUSE_ILLEGAL_INSTRUCTION, csrw pmpcfg0, a1)
  TEST_TRAP_M(16, PRV_M, CAUSE_ILLEGAL_INSTRUCTION, csrw pmpaddr0, a1)

  # 17-20: no triggers: tselect, tdata1-3 read 0
  li TESTNUM, 17
  li a4, -1
  csrr a4, tselect
  CHECK_REG(a4, 0)
  li TESTNUM, 18
  li a4, -1
  csrr a4, tdata1
  CHECK_REG(a4, 0)
  li TESTNUM, 19
  li a4, -1
  csrr a4, tdata2
  CHECK_REG(a4, 0)
  li TESTNUM, 20
  li a4, -1
  csrr a4, tdata3
  CHECK_REG(a4, 0)

TEST_PASSFAIL
RVTEST_CODE_END

RVTEST_DATA_BEGIN
RVTEST_DATA_END
