# mstatus on trap entry and exit (privileged spec 1.12, 3.1.6.1, 3.3.2, 4.1.1).
#
# A trap into M: MPIE = MIE, MIE = 0, MPP = the trapping mode; the S fields
# (SIE, SPIE, SPP) are unchanged. mret: MIE = MPIE, MPIE = 1, MPP = U (the
# least-privileged mode). A trap into S: SPIE = SIE, SIE = 0, SPP = the trapping
# mode (0: U, 1: S); the M fields are unchanged. sret: SIE = SPIE, SPIE = 1,
# SPP = U. (mie = 0 throughout: setting MIE/SIE cannot let an interrupt in.)
#
# Written for mkrv from the RISC-V privileged specification (1.12).
#include "mkrv_test.h"
#include "test_macros.h"

#define M_FIELDS (MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP)
#define S_FIELDS (MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP)
#define ALL_FIELDS (M_FIELDS | S_FIELDS)

/* mstatus (M and S trap fields) = value */
#define SET_FIELDS(value)                                                   \
        li t0, ALL_FIELDS; csrc mstatus, t0;                                \
        li t0, value; csrs mstatus, t0;

/* a4 = mstatus & ALL_FIELDS must be value */
#define CHECK_FIELDS(value)                                                 \
        csrr a4, mstatus; li t0, ALL_FIELDS; and a4, a4, t0;                \
        CHECK_REG(a4, value)

RVTEST_RV64M
RVTEST_CODE_BEGIN

  # ----- traps into M from M -----
  # 2: MIE = 1 -> MPIE = 1, MIE = 0, MPP = M; S fields kept (SIE=1, SPP=1)
  li TESTNUM, 2
  SET_FIELDS(MSTATUS_MIE | MSTATUS_SIE | MSTATUS_SPP)
  TRAP_CATCH_ON
55: ebreak
  TRAP_CATCH_OFF
  CHECK_ONE_TRAP_M(CAUSE_BREAKPOINT, 55b)
  CHECK_TRAP_STATUS(ALL_FIELDS, MSTATUS_MPIE | MSTATUS_MPP_M | MSTATUS_SIE | MSTATUS_SPP)
  # 3: after the mret: MIE = 1 (from MPIE), MPIE = 1, MPP = U
  li TESTNUM, 3
  CHECK_FIELDS(MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_SIE | MSTATUS_SPP)

  # 4: MIE = 0 -> MPIE = 0; S fields kept (SPIE = 1)
  li TESTNUM, 4
  SET_FIELDS(MSTATUS_MPIE | MSTATUS_SPIE)
  TRAP_CATCH_ON
55: ebreak
  TRAP_CATCH_OFF
  CHECK_ONE_TRAP_M(CAUSE_BREAKPOINT, 55b)
  CHECK_TRAP_STATUS(ALL_FIELDS, MSTATUS_MPP_M | MSTATUS_SPIE)
  # 5: after the mret: MIE = 0, MPIE = 1, MPP = U
  li TESTNUM, 5
  CHECK_FIELDS(MSTATUS_MPIE | MSTATUS_SPIE)

  # ----- traps into M from S and U -----
  # 6: from S with MIE = 1 (MPIE = 1 before the mret into S)
  li TESTNUM, 6
  SET_FIELDS(MSTATUS_MPIE)
  RUN_IN_MODE(PRV_S, 0, ebreak)
  CHECK_ONE_TRAP_M(CAUSE_BREAKPOINT, 55b)
  CHECK_TRAP_STATUS(ALL_FIELDS, MSTATUS_MPIE | MSTATUS_MPP_S)
  # 7: from S with MIE = 0, SIE = 1, SPIE = 1
  li TESTNUM, 7
  SET_FIELDS(MSTATUS_SIE | MSTATUS_SPIE)
  RUN_IN_MODE(PRV_S, 0, ebreak)
  CHECK_ONE_TRAP_M(CAUSE_BREAKPOINT, 55b)
  CHECK_TRAP_STATUS(ALL_FIELDS, MSTATUS_MPP_S | MSTATUS_SIE | MSTATUS_SPIE)
  # 8: from U with MIE = 1, SPP = 1
  li TESTNUM, 8
  SET_FIELDS(MSTATUS_MPIE | MSTATUS_SPP)
  RUN_IN_MODE(PRV_U, 0, ebreak)
  CHECK_ONE_TRAP_M(CAUSE_BREAKPOINT, 55b)
  CHECK_TRAP_STATUS(ALL_FIELDS, MSTATUS_MPIE | MSTATUS_SPP)
  # 9: from U with MIE = 0
  li TESTNUM, 9
  SET_FIELDS(0)
  RUN_IN_MODE(PRV_U, 0, ebreak)
  CHECK_ONE_TRAP_M(CAUSE_BREAKPOINT, 55b)
  CHECK_TRAP_STATUS(ALL_FIELDS, 0)

  # ----- traps into S (ebreak delegated) -----
  li t0, 1 << CAUSE_BREAKPOINT
  csrw medeleg, t0
  # 10: from S with SIE = 1: SPIE = 1, SIE = 0, SPP = 1; after the sret (by
  #     the hook, back into S): SIE = 1, SPIE = 1, SPP = 0 (read in S)
  li TESTNUM, 10
  SET_FIELDS(MSTATUS_SIE)
  RUN_IN_MODE(PRV_S, 0, ebreak; csrr s1, sstatus)
  CHECK_ONE_TRAP_S(CAUSE_BREAKPOINT, 55b)
  CHECK_STRAP_STATUS(S_FIELDS, MSTATUS_SPIE | MSTATUS_SPP)
  li TESTNUM, 11
  li t0, S_FIELDS
  and a4, s1, t0
  CHECK_REG(a4, MSTATUS_SIE | MSTATUS_SPIE)
  # 12: from S with SIE = 0, SPIE = 1: SPIE = 0; after the sret: SIE = 0,
  #     SPIE = 1, SPP = 0
  li TESTNUM, 12
  SET_FIELDS(MSTATUS_SPIE)
  RUN_IN_MODE(PRV_S, 0, ebreak; csrr s1, sstatus)
  CHECK_ONE_TRAP_S(CAUSE_BREAKPOINT, 55b)
  CHECK_STRAP_STATUS(S_FIELDS, MSTATUS_SPP)
  li TESTNUM, 13
  li t0, S_FIELDS
  and a4, s1, t0
  CHECK_REG(a4, MSTATUS_SPIE)
  # 14: from U with SIE = 1, SPP = 1 before: SPP = 0, SPIE = 1, SIE = 0
  li TESTNUM, 14
  SET_FIELDS(MSTATUS_SIE | MSTATUS_SPP)
  RUN_IN_MODE(PRV_U, 0, ebreak)
  CHECK_ONE_TRAP_S(CAUSE_BREAKPOINT, 55b)
  CHECK_STRAP_STATUS(S_FIELDS, MSTATUS_SPIE)
  # 15: from U with SIE = 0, SPIE = 1
  li TESTNUM, 15
  SET_FIELDS(MSTATUS_SPIE)
  RUN_IN_MODE(PRV_U, 0, ebreak)
  CHECK_ONE_TRAP_S(CAUSE_BREAKPOINT, 55b)
  CHECK_STRAP_STATUS(S_FIELDS, 0)
  # 16: a trap into S leaves the M fields alone: set MPIE = 1, MPP = S in
  #     S-mode's view before and read mstatus from M right after the trap, in
  #     the S-level hook, through an S-mode ecall into M (not delegated)
  li TESTNUM, 16
  SET_FIELDS(MSTATUS_MPIE)
  STRAP_HOOK_SET(strap_to_m)
  la t0, 1f
  csrw mepc, t0
  li t0, MSTATUS_MPP
  csrc mstatus, t0
  li t0, MSTATUS_MPP_S | MSTATUS_MPIE
  csrs mstatus, t0
  TRAP_HOOK_SET(mtrap_peek)
  mret                           # -> S; MIE = 1, MPIE = 1, MPP = U now
1: ebreak                        # -> S (delegated) -> ecall -> M: mtrap_peek
  j fail
t16_back:
  TRAP_CATCH_OFF
  # M fields as they were in S (MIE = 1, MPIE = 1, MPP = U) when the ebreak
  # went to S, then the ecall into M: MPIE = 1 (MIE), MIE = 0, MPP = S
  la t0, peek
  ld a4, 0(t0)
  li t0, ALL_FIELDS
  and a4, a4, t0
  CHECK_REG(a4, MSTATUS_MPIE | MSTATUS_MPP_S | MSTATUS_SPP)

  csrw medeleg, zero
  SET_FIELDS(0)

TEST_PASSFAIL

  # S-level hook of test 16: ecall into M
strap_to_m:
  ecall
  # M-level hook of test 16: save mstatus, continue at t16_back in M
mtrap_peek:
  csrr t6, mstatus
  la t5, peek
  sd t6, 0(t5)
  la t5, t16_back
  csrw mepc, t5
  li t5, MSTATUS_MPP
  csrs mstatus, t5
  mret

RVTEST_CODE_END

RVTEST_DATA_BEGIN
  .align 3
peek: .dword 0
RVTEST_DATA_END
