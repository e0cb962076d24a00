/* test_macros.h - self-checking test-case macros for the mkrv assembly test suite.
 *
 * Every macro starts a test case by loading its number into TESTNUM (gp) and
 * branches to the label `fail` (defined by TEST_PASSFAIL) on a mismatch.
 *
 * Register use (a test case may clobber all of these):
 *   a1, a2   source operands          a4   result of the instruction under test
 *   a3       base address (loads and stores)
 *   a6       copy of the result (bypass tests)   t2   the expected value
 *   tp       loop counter of the bypass tests     a5   loop bound
 * t5/t6 belong to the trap environment and are never used here; s0-s11 are
 * free for the tests themselves.
 *
 * The *_BYPASS macros place 0, 1 or 2 independent instructions between a
 * producer and its consumer (the "bypass distance"), to exercise forwarding and
 * interlocks of a pipelined core. Their bodies run twice in a loop, so the second
 * pass also runs with warm caches and trained predictors.
 */
#ifndef MKRV_TEST_MACROS_H
#define MKRV_TEST_MACROS_H

#define MASK_XLEN(x) ((x) & 0xffffffffffffffff)
#define SEXT_IMM(x)  ((x) | (-(((x) >> 11) & 1) << 11))

#define TEST_INSERT_NOPS_0
#define TEST_INSERT_NOPS_1  nop;
#define TEST_INSERT_NOPS_2  nop; nop;
#define TEST_INSERT_NOPS_3  nop; nop; nop;
#define TEST_INSERT_NOPS_4  nop; nop; nop; nop;

/* ----- Generic ---------------------------------------------------------------------- */

/* Run `code...`, then check that testreg == correctval. */
#define TEST_CASE(testnum, testreg, correctval, code...)                    \
        li TESTNUM, testnum;                                                \
        code;                                                               \
        li t2, MASK_XLEN(correctval);                                       \
        bne testreg, t2, fail;

/* Check that reg == value (no new test number). */
#define CHECK_REG(reg, value)                                               \
        li t2, MASK_XLEN(value);                                            \
        bne reg, t2, fail;

/* Loop helpers of the bypass tests: run the body twice. */
#define BYPASS_LOOP_BEGIN(testnum)                                          \
        li TESTNUM, testnum;                                                \
        li tp, 0;                                                           \
1:
#define BYPASS_LOOP_END                                                     \
        addi tp, tp, 1;                                                     \
        li a5, 2;                                                           \
        bne tp, a5, 1b;

/* ----- Register-register ALU ops ---------------------------------------------------- */

#define TEST_RR_OP(testnum, inst, result, val1, val2)                       \
        TEST_CASE(testnum, a4, result,                                      \
          li a1, MASK_XLEN(val1);                                           \
          li a2, MASK_XLEN(val2);                                           \
          inst a4, a1, a2)

#define TEST_RR_SRC1_EQ_DEST(testnum, inst, result, val1, val2)             \
        TEST_CASE(testnum, a1, result,                                      \
          li a1, MASK_XLEN(val1);                                           \
          li a2, MASK_XLEN(val2);                                           \
          inst a1, a1, a2)

#define TEST_RR_SRC2_EQ_DEST(testnum, inst, result, val1, val2)             \
        TEST_CASE(testnum, a2, result,                                      \
          li a1, MASK_XLEN(val1);                                           \
          li a2, MASK_XLEN(val2);                                           \
          inst a2, a1, a2)

#define TEST_RR_SRC12_EQ_DEST(testnum, inst, result, val1)                  \
        TEST_CASE(testnum, a1, result,                                      \
          li a1, MASK_XLEN(val1);                                           \
          inst a1, a1, a1)

/* x0 as a source reads zero. */
#define TEST_RR_ZEROSRC1(testnum, inst, result, val)                        \
        TEST_CASE(testnum, a4, result,                                      \
          li a2, MASK_XLEN(val);                                            \
          inst a4, x0, a2)

#define TEST_RR_ZEROSRC2(testnum, inst, result, val)                        \
        TEST_CASE(testnum, a4, result,                                      \
          li a1, MASK_XLEN(val);                                            \
          inst a4, a1, x0)

#define TEST_RR_ZEROSRC12(testnum, inst, result)                            \
        TEST_CASE(testnum, a4, result,                                      \
          li a4, -1;                                                        \
          inst a4, x0, x0)

/* x0 as the destination: the write is discarded, and a following reader of x0
 * (at bypass distance 0) still sees zero. */
#define TEST_RR_ZERODEST(testnum, inst, val1, val2)                         \
        TEST_CASE(testnum, a4, 0,                                           \
          li a1, MASK_XLEN(val1);                                           \
          li a2, MASK_XLEN(val2);                                           \
          inst x0, a1, a2;                                                  \
          add a4, x0, x0)

/* Result consumed `nops` instructions after it is produced. */
#define TEST_RR_DEST_BYPASS(testnum, nops, inst, result, val1, val2)        \
        BYPASS_LOOP_BEGIN(testnum)                                          \
        li a1, MASK_XLEN(val1);                                             \
        li a2, MASK_XLEN(val2);                                             \
        inst a4, a1, a2;                                                    \
        TEST_INSERT_NOPS_ ## nops                                           \
        addi a6, a4, 0;                                                     \
        BYPASS_LOOP_END                                                     \
        CHECK_REG(a6, result)

/* Operand 1 produced src1_nops+src2_nops+(li of a2) before use, operand 2
 * src2_nops before use. */
#define TEST_RR_SRC12_BYPASS(testnum, src1_nops, src2_nops, inst, result, val1, val2) \
        BYPASS_LOOP_BEGIN(testnum)                                          \
        li a1, MASK_XLEN(val1);                                             \
        TEST_INSERT_NOPS_ ## src1_nops                                      \
        li a2, MASK_XLEN(val2);                                             \
        TEST_INSERT_NOPS_ ## src2_nops                                      \
        inst a4, a1, a2;                                                    \
        BYPASS_LOOP_END                                                     \
        CHECK_REG(a4, result)

/* The same with operand 2 produced first. */
#define TEST_RR_SRC21_BYPASS(testnum, src1_nops, src2_nops, inst, result, val1, val2) \
        BYPASS_LOOP_BEGIN(testnum)                                          \
        li a2, MASK_XLEN(val2);                                             \
        TEST_INSERT_NOPS_ ## src1_nops                                      \
        li a1, MASK_XLEN(val1);                                             \
        TEST_INSERT_NOPS_ ## src2_nops                                      \
        inst a4, a1, a2;                                                    \
        BYPASS_LOOP_END                                                     \
        CHECK_REG(a4, result)

/* The full set of bypass cases for a register-register op; uses 9 test numbers
 * from n. */
#define TEST_RR_BYPASS_ALL(n, inst, result, val1, val2)                     \
        TEST_RR_DEST_BYPASS(n, 0, inst, result, val1, val2)                 \
        TEST_RR_DEST_BYPASS((n)+1, 1, inst, result, val1, val2)            \
        TEST_RR_DEST_BYPASS((n)+2, 2, inst, result, val1, val2)            \
        TEST_RR_SRC12_BYPASS((n)+3, 0, 0, inst, result, val1, val2)        \
        TEST_RR_SRC12_BYPASS((n)+4, 0, 1, inst, result, val1, val2)        \
        TEST_RR_SRC12_BYPASS((n)+5, 1, 1, inst, result, val1, val2)        \
        TEST_RR_SRC21_BYPASS((n)+6, 0, 0, inst, result, val1, val2)        \
        TEST_RR_SRC21_BYPASS((n)+7, 0, 1, inst, result, val1, val2)        \
        TEST_RR_SRC21_BYPASS((n)+8, 1, 1, inst, result, val1, val2)

/* ----- Register-immediate ALU ops --------------------------------------------------- */

#define TEST_IMM_OP(testnum, inst, result, val1, imm)                       \
        TEST_CASE(testnum, a4, result,                                      \
          li a1, MASK_XLEN(val1);                                           \
          inst a4, a1, imm)

#define TEST_IMM_SRC1_EQ_DEST(testnum, inst, result, val1, imm)             \
        TEST_CASE(testnum, a1, result,                                      \
          li a1, MASK_XLEN(val1);                                           \
          inst a1, a1, imm)

#define TEST_IMM_ZEROSRC1(testnum, inst, result, imm)                       \
        TEST_CASE(testnum, a4, result,                                      \
          li a4, -1;                                                        \
          inst a4, x0, imm)

#define TEST_IMM_ZERODEST(testnum, inst, val1, imm)                         \
        TEST_CASE(testnum, a4, 0,                                           \
          li a1, MASK_XLEN(val1);                                           \
          inst x0, a1, imm;                                                 \
          add a4, x0, x0)

#define TEST_IMM_DEST_BYPASS(testnum, nops, inst, result, val1, imm)        \
        BYPASS_LOOP_BEGIN(testnum)                                          \
        li a1, MASK_XLEN(val1);                                             \
        inst a4, a1, imm;                                                   \
        TEST_INSERT_NOPS_ ## nops                                           \
        addi a6, a4, 0;                                                     \
        BYPASS_LOOP_END                                                     \
        CHECK_REG(a6, result)

#define TEST_IMM_SRC1_BYPASS(testnum, nops, inst, result, val1, imm)        \
        BYPASS_LOOP_BEGIN(testnum)                                          \
        li a1, MASK_XLEN(val1);                                             \
        TEST_INSERT_NOPS_ ## nops                                           \
        inst a4, a1, imm;                                                   \
        BYPASS_LOOP_END                                                     \
        CHECK_REG(a4, result)

/* The full set of bypass cases for an immediate op; uses 6 test numbers from n. */
#define TEST_IMM_BYPASS_ALL(n, inst, result, val1, imm)                     \
        TEST_IMM_DEST_BYPASS(n, 0, inst, result, val1, imm)                 \
        TEST_IMM_DEST_BYPASS((n)+1, 1, inst, result, val1, imm)            \
        TEST_IMM_DEST_BYPASS((n)+2, 2, inst, result, val1, imm)            \
        TEST_IMM_SRC1_BYPASS((n)+3, 0, inst, result, val1, imm)            \
        TEST_IMM_SRC1_BYPASS((n)+4, 1, inst, result, val1, imm)            \
        TEST_IMM_SRC1_BYPASS((n)+5, 2, inst, result, val1, imm)

/* ----- Loads and stores ------------------------------------------------------------- */

/* Load from base+offset and compare. */
#define TEST_LD_OP(testnum, inst, result, offset, base)                     \
        TEST_CASE(testnum, a4, result,                                      \
          la a3, base;                                                      \
          inst a4, offset(a3))

/* The loaded value consumed `nops` instructions after the load (load-use). */
#define TEST_LD_DEST_BYPASS(testnum, nops, inst, result, offset, base)      \
        BYPASS_LOOP_BEGIN(testnum)                                          \
        la a3, base;                                                        \
        inst a4, offset(a3);                                                \
        TEST_INSERT_NOPS_ ## nops                                           \
        addi a6, a4, 0;                                                     \
        BYPASS_LOOP_END                                                     \
        CHECK_REG(a6, result)

/* The base address produced `nops` instructions before the load. */
#define TEST_LD_SRC1_BYPASS(testnum, nops, inst, result, offset, base)      \
        BYPASS_LOOP_BEGIN(testnum)                                          \
        la a3, base;                                                        \
        TEST_INSERT_NOPS_ ## nops                                           \
        inst a4, offset(a3);                                                \
        BYPASS_LOOP_END                                                     \
        CHECK_REG(a4, result)

#define TEST_LD_BYPASS_ALL(n, inst, result, offset, base)                   \
        TEST_LD_DEST_BYPASS(n, 0, inst, result, offset, base)               \
        TEST_LD_DEST_BYPASS((n)+1, 1, inst, result, offset, base)          \
        TEST_LD_DEST_BYPASS((n)+2, 2, inst, result, offset, base)          \
        TEST_LD_SRC1_BYPASS((n)+3, 0, inst, result, offset, base)          \
        TEST_LD_SRC1_BYPASS((n)+4, 1, inst, result, offset, base)          \
        TEST_LD_SRC1_BYPASS((n)+5, 2, inst, result, offset, base)

/* A load into x0 is performed but the value is discarded. */
#define TEST_LD_ZERODEST(testnum, inst, offset, base)                       \
        TEST_CASE(testnum, a4, 0,                                           \
          la a3, base;                                                      \
          inst x0, offset(a3);                                              \
          add a4, x0, x0)

/* Store `value` at base+offset, load it back with load_inst and compare to
 * `result` (the value as load_inst sees it). */
#define TEST_ST_OP(testnum, load_inst, store_inst, result, value, offset, base) \
        TEST_CASE(testnum, a4, result,                                      \
          la a3, base;                                                      \
          li a2, MASK_XLEN(value);                                          \
          store_inst a2, offset(a3);                                        \
          load_inst a4, offset(a3))

/* Store with the data produced src2_nops before and the address src1_nops
 * before (address first), then load back. */
#define TEST_ST_SRC12_BYPASS(testnum, src1_nops, src2_nops, load_inst, store_inst, result, value, offset, base) \
        BYPASS_LOOP_BEGIN(testnum)                                          \
        la a3, base;                                                        \
        TEST_INSERT_NOPS_ ## src1_nops                                      \
        li a2, MASK_XLEN(value);                                            \
        TEST_INSERT_NOPS_ ## src2_nops                                      \
        store_inst a2, offset(a3);                                          \
        load_inst a4, offset(a3);                                           \
        BYPASS_LOOP_END                                                     \
        CHECK_REG(a4, result)

/* The same with the data produced first. */
#define TEST_ST_SRC21_BYPASS(testnum, src1_nops, src2_nops, load_inst, store_inst, result, value, offset, base) \
        BYPASS_LOOP_BEGIN(testnum)                                          \
        li a2, MASK_XLEN(value);                                            \
        TEST_INSERT_NOPS_ ## src1_nops                                      \
        la a3, base;                                                        \
        TEST_INSERT_NOPS_ ## src2_nops                                      \
        store_inst a2, offset(a3);                                          \
        load_inst a4, offset(a3);                                           \
        BYPASS_LOOP_END                                                     \
        CHECK_REG(a4, result)

#define TEST_ST_BYPASS_ALL(n, load_inst, store_inst, result, value, offset, base) \
        TEST_ST_SRC12_BYPASS(n, 0, 0, load_inst, store_inst, result, value, offset, base) \
        TEST_ST_SRC12_BYPASS((n)+1, 0, 1, load_inst, store_inst, result, value, offset, base) \
        TEST_ST_SRC12_BYPASS((n)+2, 1, 1, load_inst, store_inst, result, value, offset, base) \
        TEST_ST_SRC21_BYPASS((n)+3, 0, 0, load_inst, store_inst, result, value, offset, base) \
        TEST_ST_SRC21_BYPASS((n)+4, 0, 1, load_inst, store_inst, result, value, offset, base) \
        TEST_ST_SRC21_BYPASS((n)+5, 1, 1, load_inst, store_inst, result, value, offset, base)

/* ----- Branches --------------------------------------------------------------------- */

/* The branch must be taken, both forwards and backwards. */
#define TEST_BR2_OP_TAKEN(testnum, inst, val1, val2)                        \
        li TESTNUM, testnum;                                                \
        li a1, MASK_XLEN(val1);                                             \
        li a2, MASK_XLEN(val2);                                             \
        inst a1, a2, 2f;             /* forwards */                         \
        j fail;                                                             \
1:      j 3f;                                                               \
        j fail;                                                             \
2:      inst a1, a2, 1b;             /* backwards */                        \
        j fail;                                                             \
3:

/* The branch must fall through, both for a forward and a backward target. */
#define TEST_BR2_OP_NOTTAKEN(testnum, inst, val1, val2)                     \
        li TESTNUM, testnum;                                                \
        li a1, MASK_XLEN(val1);                                             \
        li a2, MASK_XLEN(val2);                                             \
        inst a1, a2, 1f;             /* forwards */                         \
        j 2f;                                                               \
1:      j fail;                                                             \
2:      inst a1, a2, 1b;             /* backwards */                        \
        addi a4, x0, 1;                                                     \
        CHECK_REG(a4, 1)

/* Not-taken branch (to fail) with operands produced 0..2 instructions before. */
#define TEST_BR2_SRC12_BYPASS(testnum, src1_nops, src2_nops, inst, val1, val2) \
        BYPASS_LOOP_BEGIN(testnum)                                          \
        li a1, MASK_XLEN(val1);                                             \
        TEST_INSERT_NOPS_ ## src1_nops                                      \
        li a2, MASK_XLEN(val2);                                             \
        TEST_INSERT_NOPS_ ## src2_nops                                      \
        inst a1, a2, fail;                                                  \
        BYPASS_LOOP_END

#define TEST_BR2_SRC21_BYPASS(testnum, src1_nops, src2_nops, inst, val1, val2) \
        BYPASS_LOOP_BEGIN(testnum)                                          \
        li a2, MASK_XLEN(val2);                                             \
        TEST_INSERT_NOPS_ ## src1_nops                                      \
        li a1, MASK_XLEN(val1);                                             \
        TEST_INSERT_NOPS_ ## src2_nops                                      \
        inst a1, a2, fail;                                                  \
        BYPASS_LOOP_END

/* Taken branch with operands produced 0..2 instructions before: the
 * instruction after the branch must not execute. */
#define TEST_BR2_TAKEN_BYPASS(testnum, src1_nops, src2_nops, inst, val1, val2) \
        BYPASS_LOOP_BEGIN(testnum)                                          \
        li a4, 0;                                                           \
        li a1, MASK_XLEN(val1);                                             \
        TEST_INSERT_NOPS_ ## src1_nops                                      \
        li a2, MASK_XLEN(val2);                                             \
        TEST_INSERT_NOPS_ ## src2_nops                                      \
        inst a1, a2, 2f;                                                    \
        addi a4, a4, 1;              /* shadow: must be squashed */         \
        addi a4, a4, 1;                                                     \
2:      bnez a4, fail;                                                      \
        BYPASS_LOOP_END

/* Bypass set for a branch whose (val1, val2) is NOT taken and whose
 * (tval1, tval2) is taken; uses 9 test numbers from n. */
#define TEST_BR2_BYPASS_ALL(n, inst, val1, val2, tval1, tval2)              \
        TEST_BR2_SRC12_BYPASS(n, 0, 0, inst, val1, val2)                    \
        TEST_BR2_SRC12_BYPASS((n)+1, 0, 1, inst, val1, val2)               \
        TEST_BR2_SRC12_BYPASS((n)+2, 1, 1, inst, val1, val2)               \
        TEST_BR2_SRC21_BYPASS((n)+3, 0, 0, inst, val1, val2)               \
        TEST_BR2_SRC21_BYPASS((n)+4, 0, 1, inst, val1, val2)               \
        TEST_BR2_SRC21_BYPASS((n)+5, 1, 1, inst, val1, val2)               \
        TEST_BR2_TAKEN_BYPASS((n)+6, 0, 0, inst, tval1, tval2)             \
        TEST_BR2_TAKEN_BYPASS((n)+7, 0, 1, inst, tval1, tval2)             \
        TEST_BR2_TAKEN_BYPASS((n)+8, 1, 1, inst, tval1, tval2)

/* ----- AMOs ------------------------------------------------------------------------- */

/* amo: memory at `base` holds `init` (stored with store_inst); after
 * `inst a4, a2, (a3)` with a2 = operand, a4 must be `old` and memory, loaded
 * with load_inst, `new`. */
#define TEST_AMO_OP(testnum, inst, load_inst, store_inst, init, operand, old, new, base) \
        li TESTNUM, testnum;                                                \
        la a3, base;                                                        \
        li a1, MASK_XLEN(init);                                             \
        store_inst a1, 0(a3);                                               \
        li a2, MASK_XLEN(operand);                                          \
        inst a4, a2, (a3);                                                  \
        CHECK_REG(a4, old)                                                  \
        load_inst a4, 0(a3);                                                \
        CHECK_REG(a4, new)

/* The same with rd = x0: memory still updated, x0 stays zero. */
#define TEST_AMO_ZERODEST(testnum, inst, load_inst, store_inst, init, operand, new, base) \
        li TESTNUM, testnum;                                                \
        la a3, base;                                                        \
        li a1, MASK_XLEN(init);                                             \
        store_inst a1, 0(a3);                                               \
        li a2, MASK_XLEN(operand);                                          \
        inst x0, a2, (a3);                                                  \
        add a4, x0, x0;                                                     \
        CHECK_REG(a4, 0)                                                    \
        load_inst a4, 0(a3);                                                \
        CHECK_REG(a4, new)

/* AMO result consumed right after (distance 0), and the next AMO on the same
 * address right after (read-modify-write chaining). */
#define TEST_AMO_CHAIN(testnum, inst, load_inst, store_inst, init, operand, old1, old2, new2, base) \
        li TESTNUM, testnum;                                                \
        la a3, base;                                                        \
        li a1, MASK_XLEN(init);                                             \
        store_inst a1, 0(a3);                                               \
        li a2, MASK_XLEN(operand);                                          \
        inst a4, a2, (a3);                                                  \
        inst a6, a2, (a3);                                                  \
        addi s0, a4, 0;                                                     \
        CHECK_REG(s0, old1)                                                 \
        CHECK_REG(a6, old2)                                                 \
        load_inst a4, 0(a3);                                                \
        CHECK_REG(a4, new2)

/* ----- Exceptions ------------------------------------------------------------------- */

/* `insn` (one instruction) must raise exactly one exception with mcause =
 * cause, mepc = the address of insn and mtval = the value of tvalreg (set up
 * before; not t5/t6); execution then resumes after insn. Uses the recording
 * hook of mkrv_test.h. */
#define TEST_EXCEPTION(testnum, cause, tvalreg, insn...)                    \
        li TESTNUM, testnum;                                                \
        TRAP_CATCH_ON                                                       \
55:     insn;                                                               \
        TRAP_CATCH_OFF                                                      \
        CHECK_TRAP_COUNT(1)                                                 \
        CHECK_TRAP_CAUSE(cause)                                             \
        CHECK_TRAP_EPC(55b)                                                 \
        CHECK_TRAP_TVAL_REG(tvalreg)

/* The same with mtval expected to be the address of insn (ebreak, fetch faults
 * on the instruction itself). */
#define TEST_EXCEPTION_TVAL_EPC(testnum, cause, insn...)                    \
        li TESTNUM, testnum;                                                \
        TRAP_CATCH_ON                                                       \
55:     insn;                                                               \
        TRAP_CATCH_OFF                                                      \
        CHECK_TRAP_COUNT(1)                                                 \
        CHECK_TRAP_CAUSE(cause)                                             \
        CHECK_TRAP_EPC(55b)                                                 \
        CHECK_TRAP_TVAL_LABEL(55b)

/* The same for an instruction given as a raw 32-bit word: mtval must be the
 * instruction's bits (clobbers a5). */
#define TEST_ILLEGAL_WORD(testnum, bits)                                    \
        li a5, bits;                                                        \
        TEST_EXCEPTION(testnum, CAUSE_ILLEGAL_INSTRUCTION, a5, .word bits)

/* `insn` must not trap (clobbers t5, t6). */
#define TEST_NO_TRAP(testnum, insn...)                                      \
        li TESTNUM, testnum;                                                \
        TRAP_CATCH_ON                                                       \
        insn;                                                               \
        TRAP_CATCH_OFF                                                      \
        CHECK_TRAP_COUNT(0)

#endif /* MKRV_TEST_MACROS_H */
