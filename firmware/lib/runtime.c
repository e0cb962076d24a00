#include "runtime.h"

/* crt0.S hard-codes these offsets; keep the two in step. */
_Static_assert(offsetof(struct trap_frame, mepc) == 32 * 8, "trap frame layout");
_Static_assert(offsetof(struct trap_frame, mcause) == 33 * 8, "trap frame layout");
_Static_assert(offsetof(struct trap_frame, mtval) == 34 * 8, "trap frame layout");
_Static_assert(offsetof(struct trap_frame, mstatus) == 35 * 8, "trap frame layout");
_Static_assert(sizeof(struct trap_frame) % 16 == 0, "trap frame keeps sp aligned");

void runtime_init(void)
{
    uart_init();
}

void exit(int code)
{
    /* Let the UART finish the last line before the host stops simulating. */
    uart_flush();
    /* Keep storing, as riscv-tests do: a host that polls and clears tohost
     * still sees the value, and one that stops at the first store already
     * has. The cast makes the code's sign bits part of the payload, so any
     * nonzero code, negative ones included, reads as a failure. */
    for (;;)
        tohost = ((uint64_t)(int64_t)code << 1) | 1;
}

const char *trap_cause_name(uint64_t mcause)
{
    static const char *const exceptions[] = {
        [CAUSE_MISALIGNED_FETCH]  = "instruction address misaligned",
        [CAUSE_FETCH_ACCESS]      = "instruction access fault",
        [CAUSE_ILLEGAL_INSN]      = "illegal instruction",
        [CAUSE_BREAKPOINT]        = "breakpoint",
        [CAUSE_MISALIGNED_LOAD]   = "load address misaligned",
        [CAUSE_LOAD_ACCESS]       = "load access fault",
        [CAUSE_MISALIGNED_STORE]  = "store/AMO address misaligned",
        [CAUSE_STORE_ACCESS]      = "store/AMO access fault",
        [CAUSE_USER_ECALL]        = "ecall from U-mode",
        [CAUSE_SUPERVISOR_ECALL]  = "ecall from S-mode",
        [CAUSE_MACHINE_ECALL]     = "ecall from M-mode",
        [12]                      = "instruction page fault",
        [13]                      = "load page fault",
        [15]                      = "store/AMO page fault",
    };
    static const char *const interrupts[] = {
        [1]           = "supervisor software interrupt",
        [IRQ_M_SOFT]  = "machine software interrupt",
        [5]           = "supervisor timer interrupt",
        [IRQ_M_TIMER] = "machine timer interrupt",
        [9]           = "supervisor external interrupt",
        [IRQ_M_EXT]   = "machine external interrupt",
    };
    uint64_t code = mcause & ~MCAUSE_INTERRUPT;
    const char *name = NULL;

    if (mcause & MCAUSE_INTERRUPT) {
        if (code < sizeof(interrupts) / sizeof(interrupts[0]))
            name = interrupts[code];
    } else if (code < sizeof(exceptions) / sizeof(exceptions[0])) {
        name = exceptions[code];
    }
    return name ? name : "unknown cause";
}

void trap_report(const struct trap_frame *f)
{
    printf("\n*** trap: %s\n"
           "*** mcause=0x%016lx mepc=0x%016lx mtval=0x%016lx\n"
           "*** ra=0x%016lx sp=0x%016lx\n",
           trap_cause_name(f->mcause), f->mcause, f->mepc, f->mtval,
           f->x[1], f->x[2]);
}

__attribute__((weak)) void trap_handler(struct trap_frame *f)
{
    trap_report(f);
    exit(EXIT_UNHANDLED_TRAP);
}
