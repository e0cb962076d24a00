# satp (privileged spec 1.12, 4.1.11): MODE is WARL; mkrv supports Bare (0)
# and Sv39 (8) only, and a write with any other MODE (Sv48, Sv57, reserved
# values) is ignored entirely: satp keeps its old value (also its ASID and
# PPN), from M- and S-mode. A Sv39 value with an ASID and the PPN of a table
# reads back. Changing MODE takes effect at once, without sfence.vma: S-mode
# turning translation off sees physical addresses on its next access.
#
# Written for mkrv from the RISC-V privileged specification (1.12).
#include "mkrv_test.h"
#include "mkrv_vm.h"
#include "test_macros.h"

#define VA_A     (VA_WIN + 0x1000)      /* -> PG(0) */
#define SATP_ON  SATP_SV39(3, PT_ROOT)

/* satp = SATP_ON; write (mode << 60) | other fields; satp unchanged */
#define TEST_MODE_IGNORED(testnum, mode)                                    \
        li TESTNUM, testnum;                                                \
        li t0, SATP_ON; csrw satp, t0;                                      \
        li t1, ((mode) << 60) | (7 << SATP_ASID_SHIFT) | (PT(9) >> 12);     \
        csrw satp, t1;                                                      \
        csrr a4, satp;                                                      \
        bne a4, t0, fail;

RVTEST_RV64M
RVTEST_CODE_BEGIN

  VM_STD_INIT
  VM_MAP(VA_A, PG(0), PTE_RW)
  li a1, 0xaaaa; PA_SD(PG(0), a1)

  # 2-15: every MODE but 0 and 8 is ignored (written from M)
  TEST_MODE_IGNORED( 2, 9)       # Sv48
  TEST_MODE_IGNORED( 3, 10)      # Sv57
  TEST_MODE_IGNORED( 4, 11)      # Sv64 (reserved)
  TEST_MODE_IGNORED( 5, 1)
  TEST_MODE_IGNORED( 6, 2)
  TEST_MODE_IGNORED( 7, 3)
  TEST_MODE_IGNORED( 8, 4)
  TEST_MODE_IGNORED( 9, 5)
  TEST_MODE_IGNORED(10, 6)
  TEST_MODE_IGNORED(11, 7)
  TEST_MODE_IGNORED(12, 12)
  TEST_MODE_IGNORED(13, 13)
  TEST_MODE_IGNORED(14, 14)
  TEST_MODE_IGNORED(15, 15)
  # 16: also when satp is Bare: it stays 0
  li TESTNUM, 16
  csrw satp, zero
  li t1, (9 << 60) | (PT(9) >> 12)
  csrw satp, t1
  csrr a4, satp
  CHECK_REG(a4, 0)
  # 17: Sv39 with ASID and PPN reads back; Bare reads back 0
  li TESTNUM, 17
  li t0, SATP_SV39(3, PT(9))
  csrw satp, t0
  csrr a4, satp
  bne a4, t0, fail
  csrw satp, zero
  csrr a4, satp
  CHECK_REG(a4, 0)

  # ----- from S-mode -----
  li t0, SATP_ON
  csrw satp, t0
  sfence.vma
  li s0, VA_A
  li s1, SATP_ON
  li s2, (9 << 60) | (3 << SATP_ASID_SHIFT) | (PT_ROOT >> 12)   # Sv48
  li TESTNUM, 18
  ENTER_S(1f)
  # 18: Sv48 written in S: ignored, translation goes on
1: li TESTNUM, 18
  csrw satp, s2
  csrr a4, satp
  bne a4, s1, fail
  ld a4, 0(s0)
  CHECK_REG(a4, 0xaaaa)
  # 19: S turns translation off (Bare): the next load is physical (nothing
  #     at VA_A's value as a physical address: load access fault)
  li TESTNUM, 19
  TRAP_CATCH_ON
  TRAP_RESUME_AT(2f)
  csrw satp, zero
55: ld a4, 0(s0)
2: TRAP_CATCH_OFF
  CHECK_ONE_TRAP_M(CAUSE_LOAD_ACCESS, 55b)
  # 20: Sv48 written while Bare: still Bare (a physical load of PG(0) works)
  li TESTNUM, 20
  csrw satp, s2
  csrr a4, satp
  CHECK_REG(a4, 0)
  li t0, PG(0)
  ld a4, 0(t0)
  CHECK_REG(a4, 0xaaaa)
  # 21: S turns translation back on: VA_A translates at once
  li TESTNUM, 21
  csrw satp, s1
  ld a4, 0(s0)
  CHECK_REG(a4, 0xaaaa)
  RETURN_M

TEST_PASSFAIL
RVTEST_CODE_END

RVTEST_DATA_BEGIN
RVTEST_DATA_END
