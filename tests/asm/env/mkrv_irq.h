/* mkrv_irq.h - interrupt helpers for the mkrv assembly tests (CLINT
 * machine timer and software interrupts).
 *
 * IRQ_HANDLER_CODE (placed once, after TEST_PASSFAIL) defines:
 *   mkrv_irq_handler   a trap hook for TRAP_HOOK_SET: for an interrupt it
 *                      counts it, logs mcause[7:0] in mkrv_irq_seq (one byte
 *                      per interrupt, 16 at most), saves mcause, mepc and
 *                      mtval in mkrv_irq_last, clears the source (timer:
 *                      mtimecmp = -1; software: msip = 0) and returns to mepc.
 *                      An exception is reported as an unexpected trap.
 *   mkrv_irq_vectors   a 256-byte aligned table for vectored mode
 *                      (mtvec = mkrv_irq_vectors | 1): entry i records i in
 *                      mkrv_irq_vector, then runs mkrv_irq_handler (through
 *                      the environment's trap vector for entry 0, so
 *                      exceptions still reach the hook). It uses t5 and t6 only.
 * IRQ_DATA (in the data section) defines the records.
 */
#ifndef MKRV_IRQ_H
#define MKRV_IRQ_H

#define IRQ_LAST_MCAUSE 0
#define IRQ_LAST_MEPC   8
#define IRQ_LAST_MTVAL  16

#define IRQ_HANDLER_CODE                                                    \
        .align 2;                                                           \
mkrv_irq_handler:                                                           \
        csrr t6, mcause;                                                    \
        bgez t6, mkrv_unexpected_trap;                                      \
        la t5, mkrv_irq_count;                                              \
        ld t6, 0(t5);                                                       \
        addi t6, t6, 1;                                                     \
        sd t6, 0(t5);                                                       \
        andi t6, t6, 15;                                                    \
        la t5, mkrv_irq_seq - 1;                                            \
        add t5, t5, t6;                                                     \
        csrr t6, mcause;                                                    \
        sb t6, 0(t5);                                                       \
        la t5, mkrv_irq_last;                                               \
        sd t6, IRQ_LAST_MCAUSE(t5);                                         \
        csrr t6, mepc;                                                      \
        sd t6, IRQ_LAST_MEPC(t5);                                           \
        csrr t6, mtval;                                                     \
        sd t6, IRQ_LAST_MTVAL(t5);                                          \
        csrr t6, mcause;                                                    \
        andi t6, t6, 0xff;                                                  \
        addi t6, t6, -IRQ_M_TIMER;                                          \
        bnez t6, 1f;                                                        \
        li t5, CLINT_MTIMECMP;                                              \
        li t6, -1;                                                          \
        sd t6, 0(t5);                                                       \
        mret;                                                               \
1:      addi t6, t6, IRQ_M_TIMER - IRQ_M_SOFT;                              \
        bnez t6, mkrv_unexpected_trap;                                      \
        li t5, CLINT_MSIP;                                                  \
        sw zero, 0(t5);                                                     \
        mret;                                                               \
                                                                            \
mkrv_irq_stub:                                                              \
        la t5, mkrv_irq_vector;                                             \
        sd t6, 0(t5);                                                       \
        j mkrv_irq_handler;                                                 \
mkrv_irq_stub_0:                                                            \
        j mkrv_trap_vector;                                                 \
mkrv_irq_stub_1: li t6, 1; j mkrv_irq_stub;                       \
mkrv_irq_stub_2: li t6, 2; j mkrv_irq_stub;                       \
mkrv_irq_stub_3: li t6, 3; j mkrv_irq_stub;                       \
mkrv_irq_stub_4: li t6, 4; j mkrv_irq_stub;                       \
mkrv_irq_stub_5: li t6, 5; j mkrv_irq_stub;                       \
mkrv_irq_stub_6: li t6, 6; j mkrv_irq_stub;                       \
mkrv_irq_stub_7: li t6, 7; j mkrv_irq_stub;                       \
mkrv_irq_stub_8: li t6, 8; j mkrv_irq_stub;                       \
mkrv_irq_stub_9: li t6, 9; j mkrv_irq_stub;                       \
mkrv_irq_stub_10: li t6, 10; j mkrv_irq_stub;                       \
mkrv_irq_stub_11: li t6, 11; j mkrv_irq_stub;                       \
mkrv_irq_stub_12: li t6, 12; j mkrv_irq_stub;                       \
mkrv_irq_stub_13: li t6, 13; j mkrv_irq_stub;                       \
mkrv_irq_stub_14: li t6, 14; j mkrv_irq_stub;                       \
mkrv_irq_stub_15: li t6, 15; j mkrv_irq_stub;                       \
                                                                            \
        .align 8;                                                           \
mkrv_irq_vectors:                                                           \
        j mkrv_irq_stub_0;                                                \
        j mkrv_irq_stub_1;                                                \
        j mkrv_irq_stub_2;                                                \
        j mkrv_irq_stub_3;                                                \
        j mkrv_irq_stub_4;                                                \
        j mkrv_irq_stub_5;                                                \
        j mkrv_irq_stub_6;                                                \
        j mkrv_irq_stub_7;                                                \
        j mkrv_irq_stub_8;                                                \
        j mkrv_irq_stub_9;                                                \
        j mkrv_irq_stub_10;                                                \
        j mkrv_irq_stub_11;                                                \
        j mkrv_irq_stub_12;                                                \
        j mkrv_irq_stub_13;                                                \
        j mkrv_irq_stub_14;                                                \
        j mkrv_irq_stub_15;                                                \

#define IRQ_DATA                                                            \
        .align 3;                                                           \
mkrv_irq_count:  .dword 0;                                                  \
mkrv_irq_vector: .dword -1;                                                 \
mkrv_irq_last:   .dword 0, 0, 0;                                            \
mkrv_irq_seq:    .fill 16, 1, 0;

/* Reset the records (clobbers t5, t6). */
#define IRQ_REC_CLEAR                                                       \
        la t6, mkrv_irq_count; sd zero, 0(t6);                              \
        la t6, mkrv_irq_vector; li t5, -1; sd t5, 0(t6);                    \
        la t6, mkrv_irq_seq; sd zero, 0(t6); sd zero, 8(t6);

/* Load a record field into reg. */
#define IRQ_COUNT(reg)   la reg, mkrv_irq_count; ld reg, 0(reg);
#define IRQ_VECTOR(reg)  la reg, mkrv_irq_vector; ld reg, 0(reg);
#define IRQ_LAST(reg, field) la reg, mkrv_irq_last; ld reg, field(reg);
#define IRQ_SEQ(reg, i)  la reg, mkrv_irq_seq; lbu reg, i(reg);

/* Wait (bounded) until the irq count reaches n; branch to fail on timeout
 * (clobbers reg and s11). */
#define IRQ_WAIT_COUNT(reg, n)                                              \
        li s11, 200000;                                                     \
1:      IRQ_COUNT(reg)                                                      \
        li t2, n;                                                           \
        beq reg, t2, 2f;                                                    \
        addi s11, s11, -1;                                                  \
        bnez s11, 1b;                                                       \
        j fail;                                                             \
2:

/* Wait (bounded) until the mip bit `bit` reads as `val` (0 or the bit)
 * (clobbers t2, s10, s11). */
#define MIP_WAIT(bit, val)                                                  \
        li s11, 200000;                                                     \
1:      csrr t2, mip;                                                       \
        andi t2, t2, bit;                                                   \
        li s10, val;                                                        \
        beq t2, s10, 2f;                                                    \
        addi s11, s11, -1;                                                  \
        bnez s11, 1b;                                                       \
        j fail;                                                             \
2:

/* mtimecmp = mtime + delta (clobbers t0, t1). */
#define TIMER_IN(delta)                                                     \
        li t0, CLINT_MTIME; ld t1, 0(t0);                                   \
        addi t1, t1, delta;                                                 \
        li t0, CLINT_MTIMECMP; sd t1, 0(t0);

#define TIMER_NOW      li t0, CLINT_MTIMECMP; sd zero, 0(t0);
#define TIMER_OFF      li t0, CLINT_MTIMECMP; li t1, -1; sd t1, 0(t0);
#define MSIP_SET       li t0, CLINT_MSIP; li t1, 1; sw t1, 0(t0);
#define MSIP_CLEAR     li t0, CLINT_MSIP; sw zero, 0(t0);

#endif /* MKRV_IRQ_H */
