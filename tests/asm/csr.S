# Zicsr: csrrw, csrrs, csrrc, csrrwi, csrrsi, csrrci on mscratch (a plain
# 64-bit read/write machine CSR).
#
#   csrrw  rd, csr, rs1   rd = csr; csr = rs1             (rd = x0: no read)
#   csrrs  rd, csr, rs1   rd = csr; csr |= rs1            (rs1 = x0: no write)
#   csrrc  rd, csr, rs1   rd = csr; csr &= ~rs1           (rs1 = x0: no write)
#   csrr?i rd, csr, uimm  the same with the 5-bit zero-extended immediate
#                         (uimm = 0: csrrsi/csrrci do not write)
# The old value is read before the write, so rd == rs1 swaps.
#
# Written for mkrv from the RISC-V unprivileged ISA specification (20191213).
#include "mkrv_test.h"
#include "test_macros.h"

RVTEST_RV64U
RVTEST_CODE_BEGIN

  # csrw / csrr keep all 64 bits
  TEST_CASE( 2, a4, 0x0123456789abcdef, li a1, 0x0123456789abcdef; csrw mscratch, a1; csrr a4, mscratch)
  TEST_CASE( 3, a4, 0xfedcba9876543210, li a1, 0xfedcba9876543210; csrw mscratch, a1; csrr a4, mscratch)
  TEST_CASE( 4, a4, 0, csrw mscratch, x0; csrr a4, mscratch)

  # csrrw returns the old value and writes the new one
  TEST_CASE( 5, a4, 0, li a2, 0x5555; csrrw a4, mscratch, a2)
  TEST_CASE( 6, a4, 0x5555, li a2, 0xaaaa; csrrw a4, mscratch, a2)
  TEST_CASE( 7, a4, 0xaaaa, csrr a4, mscratch)

  # csrrs sets bits, csrrc clears bits; both return the old value
  TEST_CASE(10, a4, 0xaaaa, li a2, 0x0f0f; csrrs a4, mscratch, a2)
  TEST_CASE(11, a4, 0xafaf, csrr a4, mscratch)
  TEST_CASE(12, a4, 0xafaf, li a2, 0xff00; csrrc a4, mscratch, a2)
  TEST_CASE(13, a4, 0x00af, csrr a4, mscratch)
  TEST_CASE(14, a4, 0x00af, li a2, 0x8000000000000000; csrrs a4, mscratch, a2)
  TEST_CASE(15, a4, 0x80000000000000af, csrr a4, mscratch)
  TEST_CASE(16, a4, 0x80000000000000af, li a2, -1; csrrc a4, mscratch, a2)
  TEST_CASE(17, a4, 0, csrr a4, mscratch)

  # the immediate forms: uimm is 5 bits, zero-extended (31 is 0x1f, not -1)
  TEST_CASE(20, a4, 0, csrrwi a4, mscratch, 31)
  TEST_CASE(21, a4, 0x1f, csrr a4, mscratch)
  TEST_CASE(22, a4, 0x1f, csrrci a4, mscratch, 0x15)
  TEST_CASE(23, a4, 0x0a, csrrsi a4, mscratch, 0x10)
  TEST_CASE(24, a4, 0x1a, csrrwi a4, mscratch, 1)
  TEST_CASE(25, a4, 0x01, csrr a4, mscratch)
  TEST_CASE(26, a4, 0x01, li a1, -1; csrw mscratch, a1; csrrci a4, mscratch, 31; li a5, -1; bne a4, a5, fail; csrr a4, mscratch; srli a4, a4, 5; addi a4, a4, 1; srli a4, a4, 59)

  # rs1 = x0 / uimm = 0: csrrs and csrrc do not write
  TEST_CASE(30, a4, 0x1234, li a1, 0x1234; csrw mscratch, a1; csrrs a4, mscratch, x0)
  TEST_CASE(31, a4, 0x1234, csrrc a4, mscratch, x0; csrr a4, mscratch)
  TEST_CASE(32, a4, 0x1234, csrrsi a4, mscratch, 0; csrr a4, mscratch)
  TEST_CASE(33, a4, 0x1234, csrrci a4, mscratch, 0; csrr a4, mscratch)
  # but csrrw with rs1 = x0 (and csrrwi with 0) does write zero
  TEST_CASE(34, a4, 0x1234, csrrw a4, mscratch, x0)
  TEST_CASE(35, a4, 0, csrr a4, mscratch)
  TEST_CASE(36, a4, 0, li a1, 9; csrw mscratch, a1; csrrwi x0, mscratch, 0; csrr a4, mscratch)

  # rd = x0: the write still happens (csrw, csrs, csrc and immediates)
  TEST_CASE(40, a4, 0x0ff0, li a1, 0x0ff0; csrrw x0, mscratch, a1; csrr a4, mscratch)
  TEST_CASE(41, a4, 0x0fff, li a1, 0x000f; csrrs x0, mscratch, a1; csrr a4, mscratch)
  TEST_CASE(42, a4, 0x00ff, li a1, 0x0f00; csrrc x0, mscratch, a1; csrr a4, mscratch)
  TEST_CASE(43, a4, 0x01ff, csrsi mscratch, 0; csrrsi x0, mscratch, 0; li a1, 0x100; csrs mscratch, a1; csrr a4, mscratch)
  TEST_CASE(44, a4, 0x01f0, csrci mscratch, 0xf; csrr a4, mscratch)
  TEST_CASE(45, a4, 0x0015, csrwi mscratch, 0x15; csrr a4, mscratch)
  # and x0 stays zero when it is rd of a CSR read
  TEST_CASE(46, a4, 0, csrrs x0, mscratch, x0; add a4, x0, x0)

  # rd == rs1: the old CSR value goes to rd, the old rs1 to the CSR
  TEST_CASE(50, a1, 0x0015, li a1, 0x7777; csrrw a1, mscratch, a1)
  TEST_CASE(51, a4, 0x7777, csrr a4, mscratch)
  TEST_CASE(52, a1, 0x7777, li a1, 0x8888; csrrs a1, mscratch, a1)
  TEST_CASE(53, a4, 0xffff, csrr a4, mscratch)
  TEST_CASE(54, a1, 0xffff, li a1, 0x00ff; csrrc a1, mscratch, a1)
  TEST_CASE(55, a4, 0xff00, csrr a4, mscratch)

  # back-to-back dependencies: write then read (distance 0, 1, 2), the
  # written value produced right before the CSR instruction, and the read
  # value consumed right after it
  TEST_CASE(60, a4, 0x1001, li a1, 0x1001; csrw mscratch, a1; csrr a4, mscratch)
  TEST_CASE(61, a4, 0x1002, li a1, 0x1002; csrw mscratch, a1; nop; csrr a4, mscratch)
  TEST_CASE(62, a4, 0x1003, li a1, 0x1003; csrw mscratch, a1; nop; nop; csrr a4, mscratch)
  TEST_CASE(63, a4, 0x1004, csrr a1, mscratch; addi a4, a1, 1)
  TEST_CASE(64, a4, 0x3004, csrr a1, mscratch; nop; li a2, 0x2001; add a4, a1, a2)
  TEST_CASE(65, a4, 0x1003, li a1, 0x40; csrs mscratch, a1; csrc mscratch, a1; csrr a4, mscratch)
  TEST_CASE(66, a4, 0x1004, csrr a1, mscratch; addi a1, a1, 1; csrw mscratch, a1; csrr a4, mscratch)
  # read-modify-write chain: each csrrw returns what the previous one wrote
  TEST_CASE(67, a4, 3, li a1, 1; li a2, 2; li a3, 3; csrw mscratch, a1; csrrw a5, mscratch, a2; csrrw a6, mscratch, a3; csrr a4, mscratch; bne a5, a1, fail; bne a6, a2, fail)

TEST_PASSFAIL
RVTEST_CODE_END

RVTEST_DATA_BEGIN
RVTEST_DATA_END
