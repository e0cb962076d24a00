/*
 * Start-up code and trap entry of the mkrv firmware runtime.
 *
 * Reset enters _start at 0x8000_0000 in machine mode (on spike, via its boot
 * ROM, which leaves the hart id in a0 and a device tree pointer in a1; we use
 * neither). No assumption is made about register or CSR contents beyond
 * what the privileged spec guarantees at reset.
 */

/* struct trap_frame (runtime.h): x0..x31, then these four CSRs. */
#define FRAME_MEPC    (32 * 8)
#define FRAME_MCAUSE  (33 * 8)
#define FRAME_MTVAL   (34 * 8)
#define FRAME_MSTATUS (35 * 8)
#define FRAME_SIZE    (36 * 8)

#define EXIT_NESTED_TRAP 254    /* runtime.h */

        .section .text.init, "ax", @progbits
        .globl  _start
        .type   _start, @function
_start:
        /* The runtime is single-hart: any other hart waits forever (wfi may
         * return spuriously, hence the loop). */
        csrr    t0, mhartid
        bnez    t0, .Lpark

        /* gp must be loaded without relaxation, which would make this
         * instruction gp-relative itself. */
        .option push
        .option norelax
        la      gp, __global_pointer$
        .option pop

        la      sp, __stack_top

        /* Interrupts stay off until a program turns them on. */
        csrci   mstatus, 0x8            /* MSTATUS_MIE */
        csrw    mie, zero

        /* The trap entry finds its stack in mscratch; see below. Set it
         * before mtvec, so a trap from here on can be reported. */
        la      t0, __trap_stack_top
        csrw    mscratch, t0
        la      t0, trap_entry
        csrw    mtvec, t0               /* direct mode: the low bits are 0 */

        /* Zero .bss; the linker script aligns both ends to 8 bytes. The
         * image is loaded straight into RAM, so .data needs no copy. */
        la      t0, __bss_start
        la      t1, __bss_end
1:      bgeu    t0, t1, 2f
        sd      zero, 0(t0)
        addi    t0, t0, 8
        j       1b
2:
        call    runtime_init
        li      a0, 0                   /* argc */
        li      a1, 0                   /* argv */
        call    main
        tail    exit                    /* with main's return value in a0 */

.Lpark:
        wfi
        j       .Lpark
        .size   _start, . - _start

/*
 * Trap entry. mscratch holds the top of the trap stack while no trap is
 * being handled, and 0 while one is: the first instruction swaps it with
 * sp, so a nested trap (a fault inside trap_handler()) finds sp == 0 and is
 * reported without touching memory, which also covers a trap caused by a
 * corrupt sp. Every register is saved, so a handler can return (mret) to
 * the interrupted code, or switch it to another context by editing the
 * frame.
 */
        .text
        .globl  trap_entry
        .type   trap_entry, @function
        .align  2                       /* mtvec needs 4-byte alignment */
trap_entry:
        csrrw   sp, mscratch, sp
        beqz    sp, .Lnested

        addi    sp, sp, -FRAME_SIZE
        sd      x1,   1 * 8(sp)
        sd      x3,   3 * 8(sp)
        sd      x4,   4 * 8(sp)
        sd      x5,   5 * 8(sp)
        sd      x6,   6 * 8(sp)
        sd      x7,   7 * 8(sp)
        sd      x8,   8 * 8(sp)
        sd      x9,   9 * 8(sp)
        sd      x10, 10 * 8(sp)
        sd      x11, 11 * 8(sp)
        sd      x12, 12 * 8(sp)
        sd      x13, 13 * 8(sp)
        sd      x14, 14 * 8(sp)
        sd      x15, 15 * 8(sp)
        sd      x16, 16 * 8(sp)
        sd      x17, 17 * 8(sp)
        sd      x18, 18 * 8(sp)
        sd      x19, 19 * 8(sp)
        sd      x20, 20 * 8(sp)
        sd      x21, 21 * 8(sp)
        sd      x22, 22 * 8(sp)
        sd      x23, 23 * 8(sp)
        sd      x24, 24 * 8(sp)
        sd      x25, 25 * 8(sp)
        sd      x26, 26 * 8(sp)
        sd      x27, 27 * 8(sp)
        sd      x28, 28 * 8(sp)
        sd      x29, 29 * 8(sp)
        sd      x30, 30 * 8(sp)
        sd      x31, 31 * 8(sp)
        csrrw   t0, mscratch, zero      /* the interrupted sp; 0 = busy */
        sd      t0,   2 * 8(sp)
        sd      zero, 0 * 8(sp)
        csrr    t0, mepc
        sd      t0, FRAME_MEPC(sp)
        csrr    t0, mcause
        sd      t0, FRAME_MCAUSE(sp)
        csrr    t0, mtval
        sd      t0, FRAME_MTVAL(sp)
        csrr    t0, mstatus
        sd      t0, FRAME_MSTATUS(sp)

        mv      a0, sp
        call    trap_handler

        ld      t0, FRAME_MEPC(sp)
        csrw    mepc, t0
        ld      t0, FRAME_MSTATUS(sp)
        csrw    mstatus, t0
        addi    t0, sp, FRAME_SIZE      /* re-arm: not busy any more */
        csrw    mscratch, t0
        ld      x1,   1 * 8(sp)
        ld      x3,   3 * 8(sp)
        ld      x4,   4 * 8(sp)
        ld      x5,   5 * 8(sp)
        ld      x6,   6 * 8(sp)
        ld      x7,   7 * 8(sp)
        ld      x8,   8 * 8(sp)
        ld      x9,   9 * 8(sp)
        ld      x10, 10 * 8(sp)
        ld      x11, 11 * 8(sp)
        ld      x12, 12 * 8(sp)
        ld      x13, 13 * 8(sp)
        ld      x14, 14 * 8(sp)
        ld      x15, 15 * 8(sp)
        ld      x16, 16 * 8(sp)
        ld      x17, 17 * 8(sp)
        ld      x18, 18 * 8(sp)
        ld      x19, 19 * 8(sp)
        ld      x20, 20 * 8(sp)
        ld      x21, 21 * 8(sp)
        ld      x22, 22 * 8(sp)
        ld      x23, 23 * 8(sp)
        ld      x24, 24 * 8(sp)
        ld      x25, 25 * 8(sp)
        ld      x26, 26 * 8(sp)
        ld      x27, 27 * 8(sp)
        ld      x28, 28 * 8(sp)
        ld      x29, 29 * 8(sp)
        ld      x30, 30 * 8(sp)
        ld      x31, 31 * 8(sp)
        ld      sp,   2 * 8(sp)         /* last: it is the frame pointer */
        mret

.Lnested:
        /* sp is 0 and mscratch holds the handler's sp; nothing is saved.
         * Exit as exit() would, without the stack or the UART it may need. */
        la      t0, tohost
        li      t1, (EXIT_NESTED_TRAP << 1) | 1
1:      sd      t1, 0(t0)
        j       1b
        .size   trap_entry, . - trap_entry

/*
 * The host's mailbox (riscv-tests convention): a section of its own, each
 * word on a 64-byte line so a host polling it never shares a line with
 * program data.
 */
        .section .tohost, "aw", @progbits
        .globl  tohost
        .globl  fromhost
        .align  6
tohost:
        .dword  0
        .size   tohost, 8
        .align  6
fromhost:
        .dword  0
        .size   fromhost, 8
