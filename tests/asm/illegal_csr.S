# Illegal instruction exceptions from CSR instructions (privileged spec 1.12,
# section 2.1): accesses to CSRs that do not exist in mkrv's RV64IMA hart with
# M, S and U modes (F, PMP, Zihpm's user counters, H, debug mode, Sstc, the
# RV32-only high halves), and writes to read-only CSRs (csr[11:10] = 11:
# mvendorid, marchid, mimpid, mhartid, mconfigptr, cycle, time, instret). A
# "write" is any csrrw/csrrwi, and any csrrs/csrrc with rs1 != x0 or
# csrrsi/csrrci with uimm != 0, even when the value written would be
# unchanged. Reads (csrrs/csrrc with rs1 = x0, csrrsi/csrrci with uimm = 0) of
# read-only CSRs are legal. The supervisor, delegation, counter-enable and
# envcfg CSRs exist and are accessible from M.
#
# mtval = the instruction's bits; mepc = its address; rd is not written.
#
# Written for mkrv from the RISC-V privileged specification (1.12).
#include "mkrv_test.h"
#include "test_macros.h"

/* A CSR instruction word: funct3 1..3 = csrrw/s/c, 5..7 = csrrwi/si/ci. */
#define CSR_WORD(funct3, rd, rs1, csr) \
        (((csr) << 20) | ((rs1) << 15) | ((funct3) << 12) | ((rd) << 7) | 0x73)
#define RW 1
#define RS 2
#define RC 3
#define RWI 5
#define RSI 6
#define RCI 7
#define A1 11
#define A4 14

/* The CSR instruction must trap as illegal and leave a4 unchanged. */
#define TEST_CSR_ILLEGAL(testnum, funct3, rs1, csr)                         \
        li a1, 0;                                                           \
        li a4, 0x5a5a;                                                      \
        TEST_ILLEGAL_WORD(testnum, CSR_WORD(funct3, A4, rs1, csr))          \
        CHECK_REG(a4, 0x5a5a)

RVTEST_RV64M
RVTEST_CODE_BEGIN

  # CSRs that do not exist: F's fcsr/fflags/frm; the PMP registers (mkrv has
  # no PMP); the Zihpm user counters hpmcounter3..31 (only the machine
  # mhpmcounters exist); the RV32-only high halves of the counters and
  # mstatush/menvcfgh; hypervisor CSRs (no H); debug-mode CSRs (not in debug
  # mode); stimecmp (no Sstc)
  TEST_CSR_ILLEGAL( 2, RS, 0, 0x003)      # fcsr
  TEST_CSR_ILLEGAL( 3, RS, 0, 0x001)      # fflags
  TEST_CSR_ILLEGAL( 4, RS, 0, 0x002)      # frm
  TEST_CSR_ILLEGAL( 5, RS, 0, 0x3A0)      # pmpcfg0
  TEST_CSR_ILLEGAL( 6, RS, 0, 0x3B0)      # pmpaddr0
  TEST_CSR_ILLEGAL( 7, RS, 0, 0x3A2)      # pmpcfg2
  TEST_CSR_ILLEGAL( 8, RS, 0, 0x3BF)      # pmpaddr15
  TEST_CSR_ILLEGAL( 9, RS, 0, 0xC03)      # hpmcounter3
  TEST_CSR_ILLEGAL(10, RS, 0, 0xC80)      # cycleh
  TEST_CSR_ILLEGAL(11, RS, 0, 0xC81)      # timeh
  TEST_CSR_ILLEGAL(12, RS, 0, 0xC82)      # instreth
  TEST_CSR_ILLEGAL(13, RS, 0, 0xB80)      # mcycleh
  TEST_CSR_ILLEGAL(14, RS, 0, 0xB82)      # minstreth
  TEST_CSR_ILLEGAL(15, RS, 0, 0x310)      # mstatush (RV32 only)
  TEST_CSR_ILLEGAL(16, RW, A1, 0x3A0)     # write to pmpcfg0
  TEST_CSR_ILLEGAL(17, RWI, 0, 0x3B0)     # csrrwi pmpaddr0
  TEST_CSR_ILLEGAL(18, RS, 0, 0xC1F)      # hpmcounter31
  TEST_CSR_ILLEGAL(19, RS, 0, 0x31A)      # menvcfgh (RV32 only)
  TEST_CSR_ILLEGAL(36, RS, 0, 0x600)      # hstatus
  TEST_CSR_ILLEGAL(37, RS, 0, 0x200)      # vsstatus
  TEST_CSR_ILLEGAL(38, RS, 0, 0x34A)      # mtinst (H only)
  TEST_CSR_ILLEGAL(39, RS, 0, 0x7B0)      # dcsr (debug mode only)
  TEST_CSR_ILLEGAL(47, RS, 0, 0x14D)      # stimecmp (no Sstc)

  # writes to read-only CSRs (csr[11:10] = 11), in every write form
  TEST_CSR_ILLEGAL(20, RW, A1, 0xF11)     # csrrw mvendorid, a1
  TEST_CSR_ILLEGAL(21, RW, A1, 0xF12)     # csrrw marchid, a1
  TEST_CSR_ILLEGAL(22, RW, A1, 0xF13)     # csrrw mimpid, a1
  TEST_CSR_ILLEGAL(23, RW, A1, 0xF14)     # csrrw mhartid, a1
  TEST_CSR_ILLEGAL(24, RW, A1, 0xC00)     # csrrw cycle, a1
  TEST_CSR_ILLEGAL(25, RW, A1, 0xC01)     # csrrw time, a1
  TEST_CSR_ILLEGAL(26, RW, A1, 0xC02)     # csrrw instret, a1
  TEST_CSR_ILLEGAL(27, RW, 0, 0xC00)      # csrrw cycle, x0: still a write
  TEST_CSR_ILLEGAL(28, RS, A1, 0xC00)     # csrrs cycle, a1 (a1 = 0): still a write
  TEST_CSR_ILLEGAL(29, RC, A1, 0xC02)     # csrrc instret, a1 (a1 = 0)
  TEST_CSR_ILLEGAL(30, RWI, 0, 0xF14)     # csrrwi mhartid, 0: still a write
  TEST_CSR_ILLEGAL(31, RSI, 1, 0xC01)     # csrrsi time, 1
  TEST_CSR_ILLEGAL(32, RCI, 31, 0xF11)    # csrrci mvendorid, 31
  TEST_CSR_ILLEGAL(33, RS, A1, 0xF14)     # csrrs mhartid, a1
  TEST_CSR_ILLEGAL(34, RW, A1, 0xF15)     # csrrw mconfigptr, a1
  li a4, 0
  li a5, CSR_WORD(RW, 0, A1, 0xC00)       # csrw cycle, a1 (rd = x0)
  TEST_EXCEPTION(35, CAUSE_ILLEGAL_INSTRUCTION, a5, csrw cycle, a1)

  # reads of read-only CSRs are legal: rs1 = x0 or uimm = 0
  TEST_NO_TRAP(40, csrrs a4, cycle, x0)
  TEST_NO_TRAP(41, csrrc a4, instret, x0)
  TEST_NO_TRAP(42, csrrsi a4, time, 0)
  TEST_NO_TRAP(43, csrrci a4, mhartid, 0)
  TEST_NO_TRAP(44, csrrs a4, mvendorid, x0)
  TEST_NO_TRAP(45, csrrs a4, marchid, x0)
  TEST_NO_TRAP(46, csrrs a4, mimpid, x0)
  TEST_NO_TRAP(48, csrrs a4, mconfigptr, x0)

  # the supervisor, delegation, counter-enable and envcfg CSRs exist: reads
  # and writes from M do not trap (their contents: csr_machine.S)
  TEST_NO_TRAP(60, csrr a4, sstatus; csrw sstatus, a4)
  TEST_NO_TRAP(61, csrr a4, sie; csrw sie, a4; csrr a4, sip; csrw sip, a4)
  TEST_NO_TRAP(62, csrr a4, stvec; csrw stvec, a4; csrr a4, sscratch; csrw sscratch, a4)
  TEST_NO_TRAP(63, csrr a4, sepc; csrw sepc, a4; csrr a4, scause; csrw scause, a4)
  TEST_NO_TRAP(64, csrr a4, stval; csrw stval, a4; csrr a4, satp; csrw satp, a4)
  TEST_NO_TRAP(65, csrr a4, medeleg; csrw medeleg, a4; csrr a4, mideleg; csrw mideleg, a4)
  TEST_NO_TRAP(66, csrr a4, mcounteren; csrw mcounteren, a4; csrr a4, scounteren; csrw scounteren, a4)
  TEST_NO_TRAP(67, csrr a4, menvcfg; csrw menvcfg, a4; csrr a4, senvcfg; csrw senvcfg, a4)
  TEST_NO_TRAP(68, csrr a4, mhpmcounter3; csrr a4, mhpmevent3; csrr a4, mhpmcounter31; csrr a4, mhpmevent31)

  # a trapping CSR write does not change the CSR: mscratch unharmed by an
  # illegal access to a neighbouring number, and mhartid still 0
  li a1, 0x1234
  csrw mscratch, a1
  TEST_CSR_ILLEGAL(50, RW, A1, 0xF14)
  TEST_CASE(51, a4, 0, csrr a4, mhartid)
  TEST_CASE(52, a4, 0x1234, csrr a4, mscratch)

TEST_PASSFAIL
RVTEST_CODE_END

RVTEST_DATA_BEGIN
RVTEST_DATA_END
