/*
 * mkrv demo: a greeting, then a table of microbenchmarks measured with the
 * machine counters (mcycle, minstret).
 *
 * Each benchmark is a loop in inline assembly (except call-ret, which must
 * be a real C call), so what one iteration executes is known exactly and
 * does not change with the compiler; the comment on each says what it is.
 * All of them go through the same harness, measure(), and the harness's own
 * cost, measured on an empty benchmark, is subtracted from every row.
 *
 * The iteration counts keep the whole run to about 60k instructions: the
 * RTL simulator does ~500k cycles/s, and a slow multiplier or divider
 * (tens of cycles each) must not blow that up.
 */
#include "runtime.h"

struct sample {
    uint64_t cycles;
    uint64_t instret;
};

typedef void (*bench_fn)(uint64_t iters);

/* noipa on the harness and every benchmark keeps GCC from inlining or
 * specializing any of them, so all of them pay exactly the same call
 * overhead, which the empty benchmark then measures. */
#define BENCH __attribute__((noinline, noipa))

BENCH static struct sample measure(bench_fn fn, uint64_t iters)
{
    uint64_t c0 = read_mcycle();
    uint64_t i0 = read_minstret();
    fn(iters);
    uint64_t i1 = read_minstret();
    uint64_t c1 = read_mcycle();
    return (struct sample){ c1 - c0, i1 - i0 };
}

BENCH static void bench_empty(uint64_t n)
{
    (void)n;
}

/* 8 ALU ops, each on its own register, so no op waits for the one before:
 * the best case, CPI 1 on a scalar pipeline. + addi, bnez = 10 insns. */
BENCH static void bench_alu_indep(uint64_t n)
{
    uint64_t a = 1, b = 2, c = 3, d = 4, e = 5, f = 6, g = 7, h = 8, k = 0x55;

    __asm__ __volatile__(
        "1:\n\t"
        "add  %[a], %[a], %[k]\n\t"
        "xor  %[b], %[b], %[k]\n\t"
        "add  %[c], %[c], %[k]\n\t"
        "xor  %[d], %[d], %[k]\n\t"
        "add  %[e], %[e], %[k]\n\t"
        "xor  %[f], %[f], %[k]\n\t"
        "add  %[g], %[g], %[k]\n\t"
        "xor  %[h], %[h], %[k]\n\t"
        "addi %[n], %[n], -1\n\t"
        "bnez %[n], 1b"
        : [n] "+r"(n), [a] "+r"(a), [b] "+r"(b), [c] "+r"(c), [d] "+r"(d),
          [e] "+r"(e), [f] "+r"(f), [g] "+r"(g), [h] "+r"(h)
        : [k] "r"(k));
}

/* The same 8 ops as one chain, each using the result of the one before:
 * exposes any ALU-to-ALU forwarding gap. + addi, bnez = 10 insns. */
BENCH static void bench_alu_chain(uint64_t n)
{
    uint64_t a = 1, k = 0x55;

    __asm__ __volatile__(
        "1:\n\t"
        "add  %[a], %[a], %[k]\n\t"
        "xor  %[a], %[a], %[k]\n\t"
        "add  %[a], %[a], %[k]\n\t"
        "xor  %[a], %[a], %[k]\n\t"
        "add  %[a], %[a], %[k]\n\t"
        "xor  %[a], %[a], %[k]\n\t"
        "add  %[a], %[a], %[k]\n\t"
        "xor  %[a], %[a], %[k]\n\t"
        "addi %[n], %[n], -1\n\t"
        "bnez %[n], 1b"
        : [n] "+r"(n), [a] "+r"(a)
        : [k] "r"(k));
}

static uint64_t ldst_buf[8];

/* Copy 4 doublewords: 4 loads, then 4 stores, each store 4 insns after the
 * load feeding it, so no load-use stall; this is load/store bandwidth.
 * + addi, bnez = 10 insns. */
BENCH static void bench_ld_st(uint64_t n)
{
    uint64_t *p = ldst_buf, a, b, c, d;

    __asm__ __volatile__(
        "1:\n\t"
        "ld   %[a],  0(%[p])\n\t"
        "ld   %[b],  8(%[p])\n\t"
        "ld   %[c], 16(%[p])\n\t"
        "ld   %[d], 24(%[p])\n\t"
        "sd   %[a], 32(%[p])\n\t"
        "sd   %[b], 40(%[p])\n\t"
        "sd   %[c], 48(%[p])\n\t"
        "sd   %[d], 56(%[p])\n\t"
        "addi %[n], %[n], -1\n\t"
        "bnez %[n], 1b"
        : [n] "+r"(n), [a] "=&r"(a), [b] "=&r"(b), [c] "=&r"(c), [d] "=&r"(d)
        : [p] "r"(p)
        : "memory");
}

/* A ring of pointers, each to the next node; built in main(). */
static uint64_t *ring[8];

/* Pointer chasing: each load's address is the previous load's result, so
 * every load pays the full load-to-use latency. 8 loads + addi, bnez. */
BENCH static void bench_ld_use(uint64_t n)
{
    uint64_t *p = (uint64_t *)&ring[0];

    __asm__ __volatile__(
        "1:\n\t"
        "ld   %[p], 0(%[p])\n\t"
        "ld   %[p], 0(%[p])\n\t"
        "ld   %[p], 0(%[p])\n\t"
        "ld   %[p], 0(%[p])\n\t"
        "ld   %[p], 0(%[p])\n\t"
        "ld   %[p], 0(%[p])\n\t"
        "ld   %[p], 0(%[p])\n\t"
        "ld   %[p], 0(%[p])\n\t"
        "addi %[n], %[n], -1\n\t"
        "bnez %[n], 1b"
        : [n] "+r"(n), [p] "+r"(p)
        :
        : "memory");
}

/* A chain of 8 multiplies, each needing the last product: multiplier
 * latency. The factor is odd so the product never collapses to 0.
 * + addi, bnez = 10 insns. */
BENCH static void bench_mul(uint64_t n)
{
    uint64_t a = 3, k = 0x9E3779B97F4A7C15;

    __asm__ __volatile__(
        "1:\n\t"
        "mul  %[a], %[a], %[k]\n\t"
        "mul  %[a], %[a], %[k]\n\t"
        "mul  %[a], %[a], %[k]\n\t"
        "mul  %[a], %[a], %[k]\n\t"
        "mul  %[a], %[a], %[k]\n\t"
        "mul  %[a], %[a], %[k]\n\t"
        "mul  %[a], %[a], %[k]\n\t"
        "mul  %[a], %[a], %[k]\n\t"
        "addi %[n], %[n], -1\n\t"
        "bnez %[n], 1b"
        : [n] "+r"(n), [a] "+r"(a)
        : [k] "r"(k));
}

/* One 64-bit signed divide per iteration, so cycles/iteration is the cost
 * of a divide plus 2 insns. The operands are fixed, with a 47-bit quotient,
 * so an early-out divider takes the same, fairly long, path every time.
 * div + addi, bnez = 3 insns. */
BENCH static void bench_div(uint64_t n)
{
    uint64_t q, a = 0x7A5E12C3B4D69F01, b = 12345;

    __asm__ __volatile__(
        "1:\n\t"
        "div  %[q], %[a], %[b]\n\t"
        "addi %[n], %[n], -1\n\t"
        "bnez %[n], 1b"
        : [n] "+r"(n), [q] "=&r"(q)
        : [a] "r"(a), [b] "r"(b));
}

/* 4 always-taken branches, each over an instruction (never executed) so
 * the target is not the fall-through, then the loop's own taken branch:
 * 5 taken branches in 6 insns. */
BENCH static void bench_branch(uint64_t n)
{
    __asm__ __volatile__(
        "1:\n\t"
        "beqz zero, 2f\n\t"
        "nop\n"
        "2:\n\t"
        "beqz zero, 3f\n\t"
        "nop\n"
        "3:\n\t"
        "beqz zero, 4f\n\t"
        "nop\n"
        "4:\n\t"
        "beqz zero, 5f\n\t"
        "nop\n"
        "5:\n\t"
        "addi %[n], %[n], -1\n\t"
        "bnez %[n], 1b"
        : [n] "+r"(n));
}

/* A real call: noipa so GCC neither inlines it nor assumes what it
 * returns. The body is one add, so the row is dominated by jal + ret. */
BENCH static uint64_t leaf(uint64_t x)
{
    return x + 1;
}

BENCH static void bench_call(uint64_t n)
{
    uint64_t acc = 0;

    for (uint64_t i = 0; i < n; i++)
        acc = leaf(acc);
    /* Keep acc alive without a store the loop would have to wait for. */
    __asm__ __volatile__("" :: "r"(acc));
}

struct bench {
    const char *name;
    bench_fn fn;
    uint64_t iters;
    const char *what;       /* one iteration */
};

static const struct bench benches[] = {
    { "alu-indep", bench_alu_indep, 500, "8 independent add/xor + loop" },
    { "alu-chain", bench_alu_chain, 500, "8 dependent add/xor + loop" },
    { "ld-st",     bench_ld_st,     500, "4 ld + 4 sd + loop" },
    { "ld-use",    bench_ld_use,    500, "8 dependent ld (pointer chase) + loop" },
    { "mul-chain", bench_mul,       100, "8 dependent mul + loop" },
    { "div",       bench_div,       200, "1 div (64-bit) + loop" },
    { "br-taken",  bench_branch,    500, "5 taken branches + addi" },
    { "call-ret",  bench_call,      500, "call + add + ret + loop" },
};

#define NBENCH (sizeof(benches) / sizeof(benches[0]))

/* Print num/den rounded to 2 decimals, with no floating point (no F/D). */
static void print_fixed2(int width, uint64_t num, uint64_t den)
{
    if (den == 0) {
        printf("%*s", width, "-");
        return;
    }
    uint64_t hundredths = (num * 100 + den / 2) / den;
    char buf[24];

    snprintf(buf, sizeof(buf), "%lu.%02lu", hundredths / 100, hundredths % 100);
    printf("%*s", width, buf);
}

/* misa as an ISA string, e.g. "rv64ima, modes M S U". S and U in misa are
 * privilege modes, not ISA extensions, so they are listed apart. */
static void print_isa(uint64_t misa)
{
    if (misa == 0) {
        printf("misa: 0 (not implemented)\n");
        return;
    }
    unsigned xlen = 16u << (misa >> 62);    /* MXL: 1 = 32, 2 = 64, 3 = 128 */
    printf("misa: rv%u", xlen);
    /* The canonical order of single-letter extensions. */
    for (const char *p = "iemafdqlcbjtpvnh"; *p; p++)
        if (misa & (1UL << (*p - 'a')))
            putchar(*p);
    printf(", modes M%s%s (0x%016lx)\n",
           misa & (1UL << ('s' - 'a')) ? " S" : "",
           misa & (1UL << ('u' - 'a')) ? " U" : "", misa);
}

static uint64_t saturating_sub(uint64_t a, uint64_t b)
{
    return a > b ? a - b : 0;
}

int main(void)
{
    uint64_t t0 = read_mtime();
    uint64_t c0 = read_mcycle();
    uint64_t i0 = read_minstret();

    printf("mkrv: RV64IMA core for microkernel research, demo firmware\n");
    print_isa(read_csr(misa));
    printf("hart %lu, mvendorid 0x%lx, marchid 0x%lx, mimpid 0x%lx\n",
           read_csr(mhartid), read_csr(mvendorid), read_csr(marchid),
           read_csr(mimpid));

    for (int i = 0; i < 8; i++)
        ring[i] = (uint64_t *)&ring[(i + 1) % 8];
    for (int i = 0; i < 8; i++)
        ldst_buf[i] = i;

    /* The harness's cost: the least of a few runs, in case the first pays
     * for something (a cold cache, a predictor) the others do not. */
    struct sample ovh = measure(bench_empty, 0);
    for (int i = 0; i < 2; i++) {
        struct sample s = measure(bench_empty, 0);
        if (s.cycles < ovh.cycles)
            ovh = s;
    }
    printf("measurement overhead: %lu cycles, %lu instructions "
           "(subtracted below)\n\n", ovh.cycles, ovh.instret);

    struct sample results[NBENCH];
    for (unsigned i = 0; i < NBENCH; i++)
        results[i] = measure(benches[i].fn, benches[i].iters);

    printf("%-10s %6s %8s %8s %6s %8s  %s\n",
           "benchmark", "iters", "cycles", "instret", "CPI", "cyc/iter",
           "one iteration");
    for (unsigned i = 0; i < NBENCH; i++) {
        const struct bench *b = &benches[i];
        uint64_t cyc = saturating_sub(results[i].cycles, ovh.cycles);
        uint64_t ins = saturating_sub(results[i].instret, ovh.instret);

        printf("%-10s %6lu %8lu %8lu ", b->name, b->iters, cyc, ins);
        print_fixed2(6, cyc, ins);
        putchar(' ');
        print_fixed2(8, cyc, b->iters);
        printf("  %s\n", b->what);
    }

    uint64_t i1 = read_minstret();
    uint64_t c1 = read_mcycle();
    uint64_t t1 = read_mtime();
    printf("\ntotal: %lu cycles, %lu instructions, %lu mtime ticks\n",
           c1 - c0, i1 - i0, t1 - t0);
    printf("demo: done\n");
    return 0;
}
