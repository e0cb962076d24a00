/*
 * trap_test: traps that the program handles and returns from.
 *
 * Covers the runtime's trap entry and exit (every register preserved,
 * mepc and the return value editable from C) and the core's trap behaviour
 * for the causes an M-mode microkernel relies on: ecall, ebreak, illegal
 * instruction, load and store access faults, and the CLINT's timer and
 * software interrupts. Prints one line per check and exits with the number
 * of failed checks.
 */
#include "runtime.h"

/* Nothing is mapped here in the SoC or in spike. */
#define UNMAPPED 0x40000000UL

static int failures;

/* What the handler saw on the last trap. */
static volatile uint64_t last_cause, last_epc, last_tval;
static volatile unsigned timer_irqs, soft_irqs;

void trap_handler(struct trap_frame *f)
{
    last_cause = f->mcause;
    last_epc = f->mepc;
    last_tval = f->mtval;

    if (f->mcause & MCAUSE_INTERRUPT) {
        switch (f->mcause & ~MCAUSE_INTERRUPT) {
        case IRQ_M_TIMER:
            /* Push the compare value out to clear the (level) request. */
            write_mtimecmp(~0UL);
            timer_irqs++;
            return;
        case IRQ_M_SOFT:
            write_msip(0);
            soft_irqs++;
            return;
        }
    } else {
        switch (f->mcause) {
        case CAUSE_MACHINE_ECALL:
            /* A toy system call: a0 = 2 * a0 + 1. */
            f->x[10] = 2 * f->x[10] + 1;
            /* fall through */
        case CAUSE_BREAKPOINT:
        case CAUSE_ILLEGAL_INSN:
        case CAUSE_LOAD_ACCESS:
        case CAUSE_STORE_ACCESS:
            f->mepc += 4;       /* no C extension: every insn is 4 bytes */
            return;
        }
    }
    trap_report(f);
    exit(EXIT_UNHANDLED_TRAP);
}

static void expect(int ok, const char *what)
{
    printf("trap_test: %-28s %s\n", what, ok ? "ok" : "FAILED");
    if (!ok) {
        printf("trap_test:   mcause=0x%lx mepc=0x%lx mtval=0x%lx\n",
               last_cause, last_epc, last_tval);
        failures++;
    }
}

/*
 * regs_across_trap(out): loads every register but sp, gp and tp (which
 * the handler itself relies on) with a distinct value, takes a trap
 * (ebreak, at regs_ebreak), and then stores all of them to out[32] for C
 * to check. Written in assembly because no C code can pin down all
 * registers at once.
 */
#define PATTERN(i) (0x0101010101010101UL * (i) ^ 0xA5A5000000000000UL)
void regs_across_trap(uint64_t out[32]);
extern const char regs_ebreak[];

#define STR_(x) #x
#define STR(x) STR_(x)
#define LOAD(n)  "li x" #n ", " STR(PATTERN(n)) "\n\t"
#define STORE(n) "sd x" #n ", " #n "*8(sp)\n\t"

__asm__(
    "   .text\n"
    "   .globl regs_across_trap\n"
    "   .type regs_across_trap, @function\n"
    "regs_across_trap:\n\t"
    /* Frame: out[] at 0..31, a0 at 32, ra at 33, s0-s11 at 34..45. */
    "addi sp, sp, -46*8\n\t"
    "sd a0, 32*8(sp)\n\t"
    "sd ra, 33*8(sp)\n\t"
    "sd s0, 34*8(sp)\n\t"  "sd s1, 35*8(sp)\n\t"  "sd s2, 36*8(sp)\n\t"
    "sd s3, 37*8(sp)\n\t"  "sd s4, 38*8(sp)\n\t"  "sd s5, 39*8(sp)\n\t"
    "sd s6, 40*8(sp)\n\t"  "sd s7, 41*8(sp)\n\t"  "sd s8, 42*8(sp)\n\t"
    "sd s9, 43*8(sp)\n\t"  "sd s10, 44*8(sp)\n\t" "sd s11, 45*8(sp)\n\t"
    LOAD(1) LOAD(5) LOAD(6) LOAD(7) LOAD(8) LOAD(9) LOAD(10) LOAD(11)
    LOAD(12) LOAD(13) LOAD(14) LOAD(15) LOAD(16) LOAD(17) LOAD(18)
    LOAD(19) LOAD(20) LOAD(21) LOAD(22) LOAD(23) LOAD(24) LOAD(25)
    LOAD(26) LOAD(27) LOAD(28) LOAD(29) LOAD(30) LOAD(31)
    "   .globl regs_ebreak\n"
    "regs_ebreak:\n\t"
    "ebreak\n\t"
    STORE(1) STORE(5) STORE(6) STORE(7) STORE(8) STORE(9) STORE(10)
    STORE(11) STORE(12) STORE(13) STORE(14) STORE(15) STORE(16) STORE(17)
    STORE(18) STORE(19) STORE(20) STORE(21) STORE(22) STORE(23) STORE(24)
    STORE(25) STORE(26) STORE(27) STORE(28) STORE(29) STORE(30) STORE(31)
    /* Copy the 32 slots (unchecked ones included) to out[]. */
    "ld t0, 32*8(sp)\n\t"
    "mv t1, sp\n\t"
    "addi t2, sp, 32*8\n"
    "1:\n\t"
    "ld t3, 0(t1)\n\t"
    "sd t3, 0(t0)\n\t"
    "addi t1, t1, 8\n\t"
    "addi t0, t0, 8\n\t"
    "bltu t1, t2, 1b\n\t"
    "ld ra, 33*8(sp)\n\t"
    "ld s0, 34*8(sp)\n\t"  "ld s1, 35*8(sp)\n\t"  "ld s2, 36*8(sp)\n\t"
    "ld s3, 37*8(sp)\n\t"  "ld s4, 38*8(sp)\n\t"  "ld s5, 39*8(sp)\n\t"
    "ld s6, 40*8(sp)\n\t"  "ld s7, 41*8(sp)\n\t"  "ld s8, 42*8(sp)\n\t"
    "ld s9, 43*8(sp)\n\t"  "ld s10, 44*8(sp)\n\t" "ld s11, 45*8(sp)\n\t"
    "addi sp, sp, 46*8\n\t"
    "ret\n"
    "   .size regs_across_trap, . - regs_across_trap\n");

static void test_registers(void)
{
    uint64_t regs[32];
    uint64_t sp_before, sp_after;
    int ok = 1;

    __asm__ __volatile__("mv %0, sp" : "=r"(sp_before));
    regs_across_trap(regs);
    __asm__ __volatile__("mv %0, sp" : "=r"(sp_after));

    for (int i = 1; i < 32; i++) {
        if (i >= 2 && i <= 4)
            continue;
        if (regs[i] != PATTERN(i)) {
            printf("trap_test:   x%d = 0x%016lx, expected 0x%016lx\n",
                   i, regs[i], PATTERN(i));
            ok = 0;
        }
    }
    ok &= sp_before == sp_after;
    ok &= last_cause == CAUSE_BREAKPOINT;
    ok &= last_epc == (uintptr_t)regs_ebreak;
    expect(ok, "ebreak keeps every register");
}

static void test_ecall(void)
{
    register uint64_t a0 __asm__("a0") = 20;

    __asm__ __volatile__("ecall" : "+r"(a0) :: "memory");
    expect(a0 == 41 && last_cause == CAUSE_MACHINE_ECALL, "ecall returns a value");
}

static void test_illegal(void)
{
    last_cause = ~0UL;
    /* unimp is `csrrw zero, cycle, zero` here: a write to a read-only CSR. */
    __asm__ __volatile__("unimp" ::: "memory");
    expect(last_cause == CAUSE_ILLEGAL_INSN, "illegal instruction");
}

static void test_access_faults(void)
{
    last_cause = ~0UL;
    (void)mmio_read64(UNMAPPED);
    /* mtval is the address, or 0 where a core does not report it. */
    expect(last_cause == CAUSE_LOAD_ACCESS &&
           (last_tval == UNMAPPED || last_tval == 0), "load access fault");

    last_cause = ~0UL;
    mmio_write64(UNMAPPED + 8, 1);
    expect(last_cause == CAUSE_STORE_ACCESS &&
           (last_tval == UNMAPPED + 8 || last_tval == 0), "store access fault");
}

/* Wait for `*counter` to move, with interrupts enabled, for a bounded
 * number of polls (the same bound on spike and in RTL simulation). */
static int wait_for_irq(volatile unsigned *counter, unsigned before)
{
    set_csr(mstatus, MSTATUS_MIE);
    for (unsigned i = 0; i < 20000 && *counter == before; i++)
        __asm__ __volatile__("" ::: "memory");
    clear_csr(mstatus, MSTATUS_MIE);
    return *counter != before;
}

static void test_timer_irq(void)
{
    unsigned before = timer_irqs;

    /* A few ticks ahead, so it fires only once the wait has started. */
    write_mtimecmp(read_mtime() + 5);
    write_csr(mie, MIP_MTIP);
    int fired = wait_for_irq(&timer_irqs, before);
    write_csr(mie, 0);
    expect(fired && timer_irqs == before + 1 &&
           last_cause == (MCAUSE_INTERRUPT | IRQ_M_TIMER), "timer interrupt");
}

static void test_soft_irq(void)
{
    unsigned before = soft_irqs;

    write_csr(mie, MIP_MSIP);
    write_msip(1);
    int fired = wait_for_irq(&soft_irqs, before);
    write_csr(mie, 0);
    expect(fired && soft_irqs == before + 1 &&
           last_cause == (MCAUSE_INTERRUPT | IRQ_M_SOFT), "software interrupt");
}

int main(void)
{
    printf("trap_test: start\n");
    test_registers();
    test_ecall();
    test_illegal();
    test_access_faults();
    test_timer_irq();
    test_soft_irq();
    printf("trap_test: %d failures\n", failures);
    return failures;
}
