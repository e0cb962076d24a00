# Loads after stores to the same and to overlapping bytes (store-to-load
# forwarding and merging in a pipelined core), at distances 0, 1 and 2, and
# loads after stores to neighbouring (non-overlapping) bytes.
#
# Written for mkrv from the RISC-V unprivileged ISA specification (20191213).
#include "mkrv_test.h"
#include "test_macros.h"

/* Reset the 16-byte buffer to a known pattern (clobbers a1, a3). */
#define RESET_BUF                                                           \
        la a3, buf;                                                         \
        li a1, 0x0706050403020100; sd a1, 0(a3);                            \
        li a1, 0x0f0e0d0c0b0a0908; sd a1, 8(a3);

RVTEST_RV64U
RVTEST_CODE_BEGIN

  # a doubleword store, then narrower loads of its parts, right after it
  RESET_BUF
  TEST_CASE( 2, a4, 0xffffffffffffffef, li a2, 0x0123456789abcdef; sd a2, 0(a3); lb a4, 0(a3))
  TEST_CASE( 3, a4, 0x00000000000000cd, li a2, 0x0123456789abcdef; sd a2, 0(a3); lbu a4, 1(a3))
  TEST_CASE( 4, a4, 0x0000000000000001, li a2, 0x0123456789abcdef; sd a2, 0(a3); lb a4, 7(a3))
  TEST_CASE( 5, a4, 0x0000000000004567, li a2, 0x0123456789abcdef; sd a2, 0(a3); lh a4, 4(a3))
  TEST_CASE( 6, a4, 0xffffffff89abcdef, li a2, 0x0123456789abcdef; sd a2, 0(a3); lw a4, 0(a3))
  TEST_CASE( 7, a4, 0x0000000001234567, li a2, 0x0123456789abcdef; sd a2, 0(a3); lwu a4, 4(a3))
  TEST_CASE( 8, a4, 0xffffffffffff89ab, li a2, 0x0123456789abcdef; sd a2, 0(a3); lh a4, 2(a3))

  # a byte store into the middle of a doubleword, then a wider load (merge)
  RESET_BUF
  TEST_CASE(10, a4, 0x07060504aa020100, li a2, 0xaa; sb a2, 3(a3); ld a4, 0(a3))
  TEST_CASE(11, a4, 0x07060504aa02bb00, li a2, 0xbb; sb a2, 1(a3); nop; ld a4, 0(a3))
  TEST_CASE(12, a4, 0xcc060504aa02bb00, li a2, 0xcc; sb a2, 7(a3); nop; nop; ld a4, 0(a3))
  TEST_CASE(13, a4, 0xffffffffaa02bb00, lw a4, 0(a3))
  TEST_CASE(14, a4, 0x000000000000aa02, lhu a4, 2(a3))

  # halfword and word stores overlapping a wider load
  RESET_BUF
  TEST_CASE(20, a4, 0x07061234 << 32 | 0x03020100, li a2, 0x1234; sh a2, 4(a3); ld a4, 0(a3))
  TEST_CASE(21, a4, 0xffffffff80000000, li a2, 0x80000000; sw a2, 8(a3); lw a4, 8(a3))
  TEST_CASE(22, a4, 0x0f0e0d0c80000000, ld a4, 8(a3))
  TEST_CASE(23, a4, 0x0000000000008000, lhu a4, 10(a3))

  # two stores to the same bytes back to back: the younger one wins
  RESET_BUF
  TEST_CASE(30, a4, 0x22, li a1, 0x11; li a2, 0x22; sb a1, 0(a3); sb a2, 0(a3); lbu a4, 0(a3))
  TEST_CASE(31, a4, 0x0706050433221100 & 0xffffffffffffffff, li a1, 0x33221100; li a2, 0x4455; sw a1, 0(a3); sh a2, 8(a3); ld a4, 0(a3))
  TEST_CASE(32, a4, 0x0706050433225566, li a2, 0x5566; sh a2, 0(a3); ld a4, 0(a3))
  TEST_CASE(33, a4, 0x8877665544332211, li a1, 0x1111111111111111; li a2, 0x8877665544332211; sd a1, 0(a3); sd a2, 0(a3); ld a4, 0(a3))
  # a narrow store after a wide one to the same address
  TEST_CASE(34, a4, 0x88776655443322ff, li a2, 0xff; sb a2, 0(a3); ld a4, 0(a3))

  # a store to a neighbouring byte/word does not affect a load of the next one
  RESET_BUF
  TEST_CASE(40, a4, 0x01, li a2, 0xee; sb a2, 0(a3); lbu a4, 1(a3))
  TEST_CASE(41, a4, 0x0b0a0908, li a2, -1; sw a2, 4(a3); lw a4, 8(a3))
  TEST_CASE(42, a4, 0xffffffffffffffff, lw a4, 4(a3))
  TEST_CASE(43, a4, 0x0f0e0d0c0b0a0908, li a2, 0; sd a2, 0(a3); ld a4, 8(a3))

  # store, then load through a different base register and offset to the same byte
  RESET_BUF
  TEST_CASE(50, a4, 0x5a, li a2, 0x5a; addi a1, a3, 16; sb a2, 5(a3); lbu a4, -11(a1))

  # a loaded value stored right away (load-use into a store's data) and reloaded
  RESET_BUF
  TEST_CASE(60, a4, 0x0706050403020100, ld a2, 0(a3); sd a2, 8(a3); ld a4, 8(a3))
  # a loaded value used right away as a store's address
  la a1, bufptr
  TEST_CASE(61, a4, 0x77, li a2, 0x77; ld a3, 0(a1); sb a2, 15(a3); lbu a4, 15(a3))

TEST_PASSFAIL
RVTEST_CODE_END

RVTEST_DATA_BEGIN
  .align 4
buf:    .skip 16
        .dword 0x5555555555555555
bufptr: .dword buf
RVTEST_DATA_END
