# CSR access privilege (privileged spec 1.12, 2.1, 2.2): csr[9:8] is the
# lowest privilege that may access a CSR (0: U, 1: S, 3: M) and csr[11:10] = 3
# marks it read-only. An access from a lower privilege, or a write (csrrw/
# csrrwi always; csrrs/csrrc with rs1 != x0; csrrsi/csrrci with uimm != 0) to
# a read-only CSR, raises an illegal-instruction exception: xtval = the
# instruction bits, rd is not written, the CSR is not changed. A read of a
# read-only CSR (csrrs/csrrc rs1 = x0, csrrsi/csrrci uimm = 0) is legal, even
# with rd = x0 it is still an access checked for privilege.
# (The counters, gated by mcounteren/scounteren: see counters_priv.S.)
#
# Written for mkrv from the RISC-V privileged specification (1.12).
#include "mkrv_test.h"
#include "test_macros.h"

#define CSR_WORD(funct3, rd, rs1, csr) \
        (((csr) << 20) | ((rs1) << 15) | ((funct3) << 12) | ((rd) << 7) | 0x73)
#define RW 1
#define RS 2
#define RC 3
#define RWI 5
#define RSI 6
#define RCI 7
#define X0 0
#define A1 11
#define A4 14

/* The CSR instruction, run in `mode`, traps (into M) as illegal; a4 unchanged. */
#define TEST_CSR_ILLEGAL(testnum, mode, funct3, rs1, csr)                   \
        li a1, -1;                                                          \
        li a4, 0x5a5a;                                                      \
        TEST_TRAP_M(testnum, mode, CAUSE_ILLEGAL_INSTRUCTION,               \
                    .word CSR_WORD(funct3, A4, rs1, csr))                   \
        CHECK_TRAP_TVAL(CSR_WORD(funct3, A4, rs1, csr))                     \
        CHECK_REG(a4, 0x5a5a)

/* A read in `mode` must trap (csrr a4, csr). */
#define TEST_READ_ILLEGAL(testnum, mode, csr) TEST_CSR_ILLEGAL(testnum, mode, RS, X0, csr)

/* The CSR instruction, run in `mode`, does not trap. */
#define TEST_CSR_LEGAL(testnum, mode, funct3, rs1, csr)                     \
        li a1, 0;                                                           \
        TEST_NO_TRAP_IN(testnum, mode, .word CSR_WORD(funct3, A4, rs1, csr))

RVTEST_RV64M
RVTEST_CODE_BEGIN

  # ----- U-mode reading supervisor CSRs -----
  TEST_READ_ILLEGAL( 2, PRV_U, 0x100)     # sstatus
  TEST_READ_ILLEGAL( 3, PRV_U, 0x104)     # sie
  TEST_READ_ILLEGAL( 4, PRV_U, 0x105)     # stvec
  TEST_READ_ILLEGAL( 5, PRV_U, 0x106)     # scounteren
  TEST_READ_ILLEGAL( 6, PRV_U, 0x140)     # sscratch
  TEST_READ_ILLEGAL( 7, PRV_U, 0x141)     # sepc
  TEST_READ_ILLEGAL( 8, PRV_U, 0x142)     # scause
  TEST_READ_ILLEGAL( 9, PRV_U, 0x143)     # stval
  TEST_READ_ILLEGAL(10, PRV_U, 0x144)     # sip
  TEST_READ_ILLEGAL(11, PRV_U, 0x180)     # satp

  # ----- U-mode reading machine CSRs -----
  TEST_READ_ILLEGAL(20, PRV_U, 0x300)     # mstatus
  TEST_READ_ILLEGAL(21, PRV_U, 0x301)     # misa
  TEST_READ_ILLEGAL(22, PRV_U, 0x302)     # medeleg
  TEST_READ_ILLEGAL(23, PRV_U, 0x303)     # mideleg
  TEST_READ_ILLEGAL(24, PRV_U, 0x304)     # mie
  TEST_READ_ILLEGAL(25, PRV_U, 0x305)     # mtvec
  TEST_READ_ILLEGAL(26, PRV_U, 0x306)     # mcounteren
  TEST_READ_ILLEGAL(27, PRV_U, 0x340)     # mscratch
  TEST_READ_ILLEGAL(28, PRV_U, 0x341)     # mepc
  TEST_READ_ILLEGAL(29, PRV_U, 0x342)     # mcause
  TEST_READ_ILLEGAL(30, PRV_U, 0x343)     # mtval
  TEST_READ_ILLEGAL(31, PRV_U, 0x344)     # mip
  TEST_READ_ILLEGAL(32, PRV_U, 0xB00)     # mcycle
  TEST_READ_ILLEGAL(33, PRV_U, 0xB02)     # minstret
  TEST_READ_ILLEGAL(34, PRV_U, 0xF11)     # mvendorid
  TEST_READ_ILLEGAL(35, PRV_U, 0xF14)     # mhartid
  TEST_READ_ILLEGAL(36, PRV_U, 0x7A0)     # tselect

  # ----- S-mode reading machine CSRs -----
  TEST_READ_ILLEGAL(40, PRV_S, 0x300)     # mstatus
  TEST_READ_ILLEGAL(41, PRV_S, 0x301)     # misa
  TEST_READ_ILLEGAL(42, PRV_S, 0x302)     # medeleg
  TEST_READ_ILLEGAL(43, PRV_S, 0x303)     # mideleg
  TEST_READ_ILLEGAL(44, PRV_S, 0x304)     # mie
  TEST_READ_ILLEGAL(45, PRV_S, 0x305)     # mtvec
  TEST_READ_ILLEGAL(46, PRV_S, 0x306)     # mcounteren
  TEST_READ_ILLEGAL(47, PRV_S, 0x340)     # mscratch
  TEST_READ_ILLEGAL(48, PRV_S, 0x341)     # mepc
  TEST_READ_ILLEGAL(49, PRV_S, 0x342)     # mcause
  TEST_READ_ILLEGAL(50, PRV_S, 0x343)     # mtval
  TEST_READ_ILLEGAL(51, PRV_S, 0x344)     # mip
  TEST_READ_ILLEGAL(52, PRV_S, 0xB00)     # mcycle
  TEST_READ_ILLEGAL(53, PRV_S, 0xB02)     # minstret
  TEST_READ_ILLEGAL(54, PRV_S, 0xF11)     # mvendorid
  TEST_READ_ILLEGAL(55, PRV_S, 0xF12)     # marchid
  TEST_READ_ILLEGAL(56, PRV_S, 0xF13)     # mimpid
  TEST_READ_ILLEGAL(57, PRV_S, 0xF14)     # mhartid
  TEST_READ_ILLEGAL(58, PRV_S, 0x7A0)     # tselect

  # ----- every CSR instruction form is an access (rd = x0, csrrsi 0, ...) -----
  TEST_CSR_ILLEGAL(60, PRV_U, RS, X0, 0x140)   # csrrs  a4, sscratch, x0
  TEST_CSR_ILLEGAL(61, PRV_U, RSI, 0, 0x140)   # csrrsi a4, sscratch, 0
  TEST_CSR_ILLEGAL(62, PRV_U, RC, X0, 0x140)   # csrrc  a4, sscratch, x0
  TEST_CSR_ILLEGAL(63, PRV_U, RW, A1, 0x140)   # csrrw  a4, sscratch, a1
  TEST_CSR_ILLEGAL(64, PRV_S, RWI, 7, 0x340)   # csrrwi a4, mscratch, 7
  TEST_CSR_ILLEGAL(65, PRV_S, RCI, 1, 0x340)   # csrrci a4, mscratch, 1
  # csrrs x0, sstatus, x0 in U (rd = x0): still illegal
  TEST_TRAP_M(66, PRV_U, CAUSE_ILLEGAL_INSTRUCTION, .word CSR_WORD(RS, 0, 0, 0x100))
  CHECK_TRAP_TVAL(CSR_WORD(RS, 0, 0, 0x100))

  # ----- an illegal write changes nothing -----
  li TESTNUM, 67
  li t0, 0x1234
  csrw sscratch, t0
  csrw mscratch, t0
  li a1, 0x5678
  TEST_TRAP_M(67, PRV_U, CAUSE_ILLEGAL_INSTRUCTION, csrw sscratch, a1)
  TEST_TRAP_M(68, PRV_S, CAUSE_ILLEGAL_INSTRUCTION, csrw mscratch, a1)
  li TESTNUM, 69
  csrr a4, sscratch
  CHECK_REG(a4, 0x1234)
  csrr a4, mscratch
  CHECK_REG(a4, 0x1234)

  # ----- S-mode may access its own CSRs, M-mode everything -----
  TEST_CSR_LEGAL(70, PRV_S, RS, X0, 0x100)     # sstatus
  TEST_CSR_LEGAL(71, PRV_S, RW, A1, 0x140)     # sscratch
  TEST_CSR_LEGAL(72, PRV_S, RS, X0, 0x180)     # satp (TVM = 0)
  TEST_CSR_LEGAL(73, PRV_M, RS, X0, 0x140)     # sscratch
  TEST_CSR_LEGAL(74, PRV_M, RS, X0, 0x300)     # mstatus

  # ----- writes to read-only CSRs (csr[11:10] = 3): illegal even in M -----
  TEST_CSR_ILLEGAL(80, PRV_M, RW, A1, 0xF14)   # mhartid
  TEST_CSR_ILLEGAL(81, PRV_M, RS, A1, 0xF11)   # mvendorid (rs1 != x0)
  TEST_CSR_ILLEGAL(82, PRV_M, RCI, 1, 0xF12)   # marchid (uimm != 0)
  TEST_CSR_ILLEGAL(83, PRV_M, RWI, 0, 0xF13)   # mimpid (csrrwi always writes)
  TEST_CSR_ILLEGAL(84, PRV_M, RW, A1, 0xC00)   # cycle
  TEST_CSR_ILLEGAL(85, PRV_M, RS, A1, 0xC01)   # time
  TEST_CSR_ILLEGAL(86, PRV_M, RWI, 1, 0xC02)   # instret
  # ... and in S with the counter enabled for S (mcounteren = 7)
  li t0, 7
  csrw mcounteren, t0
  TEST_CSR_ILLEGAL(87, PRV_S, RW, A1, 0xC00)   # cycle
  TEST_CSR_ILLEGAL(88, PRV_S, RSI, 1, 0xC02)   # instret
  # reads of read-only CSRs are legal
  TEST_CSR_LEGAL(89, PRV_M, RS, X0, 0xF14)     # mhartid
  TEST_CSR_LEGAL(90, PRV_M, RCI, 0, 0xF11)     # csrrci a4, mvendorid, 0
  TEST_CSR_LEGAL(91, PRV_S, RS, X0, 0xC00)     # cycle (mcounteren.CY = 1)
  TEST_CSR_LEGAL(92, PRV_S, RSI, 0, 0xC02)     # csrrsi a4, instret, 0
  csrw mcounteren, zero

  # ----- delegated: with medeleg[2], U's and S's illegal CSR accesses go to S -----
  li t0, 1 << CAUSE_ILLEGAL_INSTRUCTION
  csrw medeleg, t0
  TEST_TRAP_S(95, PRV_U, CAUSE_ILLEGAL_INSTRUCTION, .word CSR_WORD(RS, A4, X0, 0x100))
  CHECK_STRAP_TVAL(CSR_WORD(RS, A4, X0, 0x100))
  TEST_TRAP_S(96, PRV_S, CAUSE_ILLEGAL_INSTRUCTION, .word CSR_WORD(RS, A4, X0, 0x300))
  CHECK_STRAP_TVAL(CSR_WORD(RS, A4, X0, 0x300))
  csrw medeleg, zero

TEST_PASSFAIL
RVTEST_CODE_END

RVTEST_DATA_BEGIN
RVTEST_DATA_END
