# Machine-mode CSRs of an RV64IMA hart with M, S and U modes (privileged spec
# 1.12), read and written from machine mode: misa, mhartid and the ID
# registers, the writable fields of mstatus (and its sstatus view), mie and mip,
# mepc alignment (IALIGN = 32: bits 1:0 read as zero), mtvec modes, mcause and
# mtval; the delegation and counter-enable registers, the supervisor CSRs
# (sie/sip as views of mie/mip through mideleg), satp (Bare and Sv39 only),
# menvcfg/senvcfg and the machine hpm counters.
#
# mkrv's WARL choices that spike (--priv=msu) shares are checked exactly. Not
# checked because they differ between spike and mkrv, both legal: mstatus.FS
# (spike keeps it writable with S and without F, mkrv has it read-only zero; SD
# follows it), medeleg bits above 15 (spike has 18 and 19), satp modes Sv48/Sv57
# (spike accepts them), tdata1 (spike: type 15), scontext/mcontext.
#
# Written for mkrv from the RISC-V privileged specification (1.12).
#include "mkrv_test.h"
#include "test_macros.h"

/* mstatus bits writable from M; UXL = SXL = 2 are read-only */
#define MSTATUS_WRITABLE (MSTATUS_SIE | MSTATUS_MIE | MSTATUS_SPIE | MSTATUS_MPIE | \
        MSTATUS_SPP | MSTATUS_MPP | MSTATUS_MPRV | MSTATUS_SUM | MSTATUS_MXR |      \
        MSTATUS_TVM | MSTATUS_TW | MSTATUS_TSR)
#define MSTATUS_XL64 (MSTATUS_UXL64 | MSTATUS_SXL64)
/* the sstatus fields: SIE, SPIE, SPP, SUM, MXR (writable) and UXL */
#define SSTATUS_WRITABLE (MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP | MSTATUS_SUM | MSTATUS_MXR)
/* what is compared: everything but FS and SD (see above) */
#define NOT_FS_SD (~(MSTATUS_FS | MSTATUS_SD))

/* reg = the CSR `csr` with FS and SD masked out (clobbers a2) */
#define READ_STATUS(reg, csr) csrr reg, csr; li a2, NOT_FS_SD; and reg, reg, a2

/* medeleg: every exception but ecall from M (11) and the reserved 10 and 14 */
#define MEDELEG_WRITABLE 0xb3ff
#define S_IRQS (MIP_SSIP | MIP_STIP | MIP_SEIP)
#define M_IRQS (MIP_MSIP | MIP_MTIP | MIP_MEIP)

#define SV39_ASID 0x1234
#define SV39_PPN  0x80123
#define SATP_SV39 ((SATP_MODE_SV39 << 60) | (SV39_ASID << 44) | SV39_PPN)

RVTEST_RV64M
RVTEST_CODE_BEGIN

  CLINT_QUIET                          # no interrupt pending in mip

  # misa: MXL = 2 (XLEN 64); I, M, A, S, U present; no C, F, D, E, H, N, Q, V;
  # exactly "AIMSU"
  TEST_CASE( 2, a4, 2, csrr a1, misa; srli a4, a1, 62)
  TEST_CASE( 3, a4, 0x141101, csrr a1, misa; li a2, 0x141101; and a4, a1, a2)
  TEST_CASE( 4, a4, 0, csrr a1, misa; li a2, (1 << 2) | (1 << 3) | (1 << 4) | (1 << 5) | (1 << 7) | (1 << 13) | (1 << 16) | (1 << 21); and a4, a1, a2)
  TEST_CASE(30, a4, 0x8000000000141101, csrr a4, misa)

  # mhartid is 0 on a single-hart system; the ID registers can be read
  TEST_CASE( 5, a4, 0, csrr a4, mhartid)
  TEST_CASE( 6, a4, 0, csrr a1, mvendorid; csrr a2, marchid; csrr a3, mimpid; li a4, 0)

  # mstatus: SIE, MIE, SPIE, MPIE, SPP, MPP, MPRV, SUM, MXR, TVM, TW and TSR
  # are writable; UXL = SXL = 2 (read-only); XS, VS, UBE, SBE, MBE read zero.
  # (MPRV = 1 with MPP = M changes nothing for M-mode loads and stores; TVM, TW
  # and TSR only restrict S and U.)
  TEST_CASE( 7, a4, (MSTATUS_WRITABLE & ~MSTATUS_MIE) | MSTATUS_XL64, li a1, ~MSTATUS_MIE; csrw mstatus, a1; READ_STATUS(a4, mstatus))
  TEST_CASE( 8, a4, MSTATUS_XL64, csrw mstatus, x0; READ_STATUS(a4, mstatus))
  TEST_CASE( 9, a4, MSTATUS_XL64 | MSTATUS_MIE, csrsi mstatus, MSTATUS_MIE; READ_STATUS(a4, mstatus))
  TEST_CASE(10, a4, MSTATUS_XL64, csrci mstatus, MSTATUS_MIE; READ_STATUS(a4, mstatus))
  TEST_CASE(11, a4, MSTATUS_XL64, csrc mstatus, a4; READ_STATUS(a4, mstatus))
  # MPP holds M, S and U; the reserved value 2 is stored as U
  TEST_CASE(31, a4, MSTATUS_MPP_S | MSTATUS_XL64, li a1, MSTATUS_MPP_S; csrw mstatus, a1; READ_STATUS(a4, mstatus))
  TEST_CASE(32, a4, MSTATUS_MPP_M | MSTATUS_XL64, li a1, MSTATUS_MPP_M; csrw mstatus, a1; READ_STATUS(a4, mstatus))
  TEST_CASE(33, a4, MSTATUS_MPP_U | MSTATUS_XL64, li a1, 2 << MSTATUS_MPP_SHIFT; csrw mstatus, a1; READ_STATUS(a4, mstatus))
  # sstatus is a view of mstatus: SIE, SPIE, SPP, SUM, MXR and UXL; writing it
  # changes only those fields of mstatus
  li a1, MSTATUS_MPP_M | MSTATUS_MPIE | MSTATUS_TSR
  csrw mstatus, a1
  TEST_CASE(34, a4, MSTATUS_UXL64, READ_STATUS(a4, sstatus))
  TEST_CASE(35, a4, SSTATUS_WRITABLE | MSTATUS_UXL64, li a1, -1; csrw sstatus, a1; READ_STATUS(a4, sstatus))
  TEST_CASE(36, a4, SSTATUS_WRITABLE | MSTATUS_MPP_M | MSTATUS_MPIE | MSTATUS_TSR | MSTATUS_XL64, READ_STATUS(a4, mstatus))
  TEST_CASE(37, a4, MSTATUS_MPP_M | MSTATUS_MPIE | MSTATUS_TSR | MSTATUS_XL64, csrw sstatus, x0; READ_STATUS(a4, mstatus))
  TEST_CASE(38, a4, MSTATUS_SUM | MSTATUS_SPP | MSTATUS_UXL64, li a1, MSTATUS_SUM | MSTATUS_SPP | MSTATUS_MPP_M; csrw mstatus, a1; READ_STATUS(a4, sstatus))
  li a1, MSTATUS_MPP_M
  csrw mstatus, a1

  # mie: SSIE, MSIE, STIE, MTIE, SEIE and MEIE are writable (MIE = 0 here, so
  # nothing is taken)
  TEST_CASE(12, a4, S_IRQS | M_IRQS, li a1, -1; csrw mie, a1; csrr a4, mie)
  TEST_CASE(13, a4, S_IRQS | MIP_MSIP | MIP_MEIP, li a1, MIP_MTIP; csrc mie, a1; csrr a4, mie)
  TEST_CASE(14, a4, 0, csrw mie, x0; csrr a4, mie)

  # mip: MSIP, MTIP and MEIP are read-only (they follow the CLINT and the
  # PLIC) and nothing is pending; SSIP, STIP and SEIP are writable from M
  TEST_CASE(15, a4, 0, csrr a4, mip)
  TEST_CASE(16, a4, S_IRQS, li a1, -1; csrw mip, a1; csrr a4, mip)
  TEST_CASE(39, a4, MIP_STIP, li a1, MIP_SSIP | MIP_SEIP; csrc mip, a1; csrr a4, mip)
  TEST_CASE(40, a4, 0, csrw mip, x0; csrr a4, mip)

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

  # medeleg: exceptions 0-9, 12, 13 and 15 can be delegated; ecall from M (11)
  # cannot (bits 15:0 compared: spike also has bits 18 and 19)
  TEST_CASE(41, a4, MEDELEG_WRITABLE, li a1, -1; csrw medeleg, a1; csrr a4, medeleg; li a2, 0xffff; and a4, a4, a2)
  TEST_CASE(42, a4, 0, csrw medeleg, x0; csrr a4, medeleg)
  TEST_CASE(43, a4, 1 << CAUSE_USER_ECALL, li a1, (1 << CAUSE_USER_ECALL) | (1 << CAUSE_MACHINE_ECALL); csrw medeleg, a1; csrr a4, medeleg)
  csrw medeleg, x0
  # mideleg: the supervisor interrupts SSI, STI and SEI
  TEST_CASE(44, a4, S_IRQS, li a1, -1; csrw mideleg, a1; csrr a4, mideleg)
  TEST_CASE(45, a4, 0, csrw mideleg, x0; csrr a4, mideleg)

  # sie and sip show the bits of mie and mip that mideleg delegates; the rest
  # reads as zero and is not written
  li a1, -1
  csrw mie, a1
  csrw mip, a1
  TEST_CASE(46, a4, 0, csrr a1, sie; csrr a3, sip; or a4, a1, a3)   # nothing delegated
  TEST_CASE(47, a4, S_IRQS, csrw mie, x0; li a1, -1; csrw sie, a1; csrw sip, x0; csrr a1, mie; csrr a4, mip; or a4, a4, a1)
  li a1, S_IRQS
  csrw mideleg, a1
  TEST_CASE(48, a4, S_IRQS, csrr a4, sip)
  TEST_CASE(49, a4, 0, csrr a4, sie)
  TEST_CASE(50, a4, S_IRQS, li a1, -1; csrw sie, a1; csrr a4, sie)
  TEST_CASE(51, a4, S_IRQS, csrr a4, mie)
  # through sip only SSIP is writable (STIP and SEIP are read-only there)
  TEST_CASE(52, a4, MIP_STIP | MIP_SEIP, csrw sip, x0; csrr a4, mip)
  TEST_CASE(53, a4, MIP_SSIP | MIP_STIP | MIP_SEIP, csrsi sip, MIP_SSIP; csrr a4, sip)
  TEST_CASE(54, a4, 0, csrw sie, x0; csrr a4, mie)
  csrw mip, x0
  csrw mideleg, x0

  # mcounteren and scounteren: CY, TM, IR (bits 0-2)
  TEST_CASE(55, a4, 7, li a1, -1; csrw mcounteren, a1; csrr a4, mcounteren)
  TEST_CASE(56, a4, 0, csrw mcounteren, x0; csrr a4, mcounteren)
  TEST_CASE(57, a4, 7, li a1, -1; csrw scounteren, a1; csrr a4, scounteren)
  TEST_CASE(58, a4, 2, li a1, 2; csrw scounteren, a1; csrr a4, scounteren)
  csrw scounteren, x0

  # stvec: as mtvec (MODE 0 or 1, bit 1 reads zero)
  TEST_CASE(59, a4, 0x80000100, li a1, 0x80000100; csrw stvec, a1; csrr a4, stvec)
  TEST_CASE(60, a4, 0x80000101, li a1, 0x80000101; csrw stvec, a1; csrr a4, stvec)
  TEST_CASE(61, a4, 0x80000200, li a1, 0x80000202; csrw stvec, a1; csrr a4, stvec)
  # sepc: bits 1:0 read as zero
  TEST_CASE(62, a4, 0x80001234, li a1, 0x80001237; csrw sepc, a1; csrr a4, sepc)
  # scause, stval, sscratch hold any value
  TEST_CASE(63, a4, MCAUSE_IRQ(IRQ_S_TIMER), li a1, MCAUSE_IRQ(IRQ_S_TIMER); csrw scause, a1; csrr a4, scause)
  TEST_CASE(64, a4, CAUSE_LOAD_PAGE_FAULT, li a1, CAUSE_LOAD_PAGE_FAULT; csrw scause, a1; csrr a4, scause)
  TEST_CASE(65, a4, 0x80fffff8, li a1, 0x80fffff8; csrw stval, a1; csrr a4, stval)
  TEST_CASE(66, a4, -2, li a1, -2; csrw sscratch, a1; csrr a4, sscratch)
  # the S-mode CSRs are separate from the M-mode ones
  TEST_CASE(67, a4, 0x1234, li a1, 0x1234; csrw mscratch, a1; csrr a4, mscratch)
  TEST_CASE(68, a4, -2, csrr a4, sscratch)

  # satp: Bare (0) and Sv39 (8) are accepted (with ASID and PPN); a write with
  # an unsupported MODE (1: Sv32, not in RV64) has no effect at all. Machine
  # mode is not translated (MPRV = 0), so this changes nothing here.
  TEST_CASE(69, a4, 0, csrr a4, satp)
  TEST_CASE(70, a4, SATP_SV39, li a1, SATP_SV39; csrw satp, a1; csrr a4, satp)
  TEST_CASE(71, a4, SATP_SV39, li a1, (1 << 60) | 5; csrw satp, a1; csrr a4, satp)
  TEST_CASE(72, a4, 0, csrw satp, x0; csrr a4, satp)

  # menvcfg and senvcfg exist and read as zero; tselect reads 0; the machine
  # hpm counters and event selectors exist and read as zero
  TEST_CASE(73, a4, 0, csrr a1, menvcfg; csrr a2, senvcfg; or a4, a1, a2)
  TEST_CASE(74, a4, 0, csrr a4, tselect)
  TEST_CASE(75, a4, 0, csrr a1, mhpmcounter3; csrr a2, mhpmcounter31; or a4, a1, a2)
  TEST_CASE(76, a4, 0, csrr a1, mhpmevent3; csrr a2, mhpmevent31; or a4, a1, a2)
  TEST_CASE(77, a4, 0, csrr a4, mconfigptr)

TEST_PASSFAIL
RVTEST_CODE_END

RVTEST_DATA_BEGIN
RVTEST_DATA_END
