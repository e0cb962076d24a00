# Machine-mode CSRs of an M-only RV64IMA hart (privileged spec 1.12):
# misa, mhartid and the ID registers, the writable fields of mstatus, mie and
# mip, mepc alignment (IALIGN = 32: bits 1:0 read as zero), mtvec modes, mcause
# and mtval.
#
# Written for mkrv from the RISC-V privileged specification (1.12).
#include "mkrv_test.h"
#include "test_macros.h"

RVTEST_RV64M
RVTEST_CODE_BEGIN

  CLINT_QUIET                          # no interrupt pending in mip

  # misa: MXL = 2 (XLEN 64); I, M, A present; no C, F, D, S, U, E
  TEST_CASE( 2, a4, 2, csrr a1, misa; srli a4, a1, 62)
  TEST_CASE( 3, a4, 0x1101, csrr a1, misa; li a2, 0x1101; and a4, a1, a2)
  TEST_CASE( 4, a4, 0, csrr a1, misa; li a2, (1 << 2) | (1 << 3) | (1 << 4) | (1 << 5) | (1 << 18) | (1 << 20); and a4, a1, a2)

  # mhartid is 0 on a single-hart system; the ID registers can be read
  TEST_CASE( 5, a4, 0, csrr a4, mhartid)
  TEST_CASE( 6, a4, 0, csrr a1, mvendorid; csrr a2, marchid; csrr a3, mimpid; li a4, 0)

  # mstatus: only MIE and MPIE are writable; MPP is hardwired to M (3);
  # everything else (SIE, SPIE, MPRV, FS, XS, SUM, MXR, TVM, TW, TSR, UXL, SXL,
  # SBE, MBE, SD) reads as zero without S and U modes
  TEST_CASE( 7, a4, MSTATUS_MPP | MSTATUS_MPIE, li a1, ~MSTATUS_MIE; csrw mstatus, a1; csrr a4, mstatus)
  TEST_CASE( 8, a4, MSTATUS_MPP, csrw mstatus, x0; csrr a4, mstatus)
  TEST_CASE( 9, a4, MSTATUS_MPP | MSTATUS_MIE, csrsi mstatus, MSTATUS_MIE; csrr a4, mstatus)
  TEST_CASE(10, a4, MSTATUS_MPP, csrci mstatus, MSTATUS_MIE; csrr a4, mstatus)
  TEST_CASE(11, a4, MSTATUS_MPP, csrc mstatus, a4; csrr a4, mstatus)

  # mie: only MSIE, MTIE and MEIE are writable (MIE = 0 here, so nothing is taken)
  TEST_CASE(12, a4, MIP_MSIP | MIP_MTIP | MIP_MEIP, li a1, -1; csrw mie, a1; csrr a4, mie)
  TEST_CASE(13, a4, MIP_MSIP | MIP_MEIP, li a1, MIP_MTIP; csrc mie, a1; csrr a4, mie)
  TEST_CASE(14, a4, 0, csrw mie, x0; csrr a4, mie)

  # mip: MSIP, MTIP and MEIP are read-only in M-only harts (they follow the
  # CLINT and the PLIC), and nothing is pending: writes change nothing
  TEST_CASE(15, a4, 0, csrr a4, mip)
  TEST_CASE(16, a4, 0, li a1, -1; csrw mip, a1; csrr a4, mip)

  # mepc: bit 0 is always zero and, with IALIGN = 32, bit 1 too
  TEST_CASE(17, a4, 0x80001234, li a1, 0x80001234; csrw mepc, a1; csrr a4, mepc)
  TEST_CASE(18, a4, 0x80000000, li a1, 0x80000003; csrw mepc, a1; csrr a4, mepc)
  TEST_CASE(19, a4, 0x80001234, li a1, 0x80001236; csrw mepc, a1; csrr a4, mepc)
  TEST_CASE(20, a4, 0x80001234, li a1, 0x80001235; csrw mepc, a1; csrr a4, mepc)

  # mtvec: direct (MODE 0) and vectored (MODE 1) with a 256-byte aligned base
  csrr s0, mtvec
  TEST_CASE(21, a4, 0x80000100, li a1, 0x80000100; csrw mtvec, a1; csrr a4, mtvec)
  TEST_CASE(22, a4, 0x80000101, li a1, 0x80000101; csrw mtvec, a1; csrr a4, mtvec)
  csrw mtvec, s0
  TEST_CASE(23, a4, 0, la a1, mkrv_trap_vector; csrr a2, mtvec; sub a4, a1, a2)

  # mcause holds any legal cause, exceptions and interrupts
  TEST_CASE(24, a4, 2, li a1, 2; csrw mcause, a1; csrr a4, mcause)
  TEST_CASE(25, a4, MCAUSE_IRQ(IRQ_M_TIMER), li a1, MCAUSE_IRQ(IRQ_M_TIMER); csrw mcause, a1; csrr a4, mcause)
  TEST_CASE(26, a4, CAUSE_MACHINE_ECALL, li a1, CAUSE_MACHINE_ECALL; csrw mcause, a1; csrr a4, mcause)

  # mtval holds any valid address and zero
  TEST_CASE(27, a4, 0x80fffff8, li a1, 0x80fffff8; csrw mtval, a1; csrr a4, mtval)
  TEST_CASE(28, a4, 0, csrw mtval, x0; csrr a4, mtval)
  TEST_CASE(29, a4, 0x00000013, li a1, 0x13; csrw mtval, a1; csrr a4, mtval)

TEST_PASSFAIL
RVTEST_CODE_END

RVTEST_DATA_BEGIN
RVTEST_DATA_END
