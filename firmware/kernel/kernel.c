/*
 * The IPC benchmark: a function call, the software IPC through the kernel's
 * fast path, and the hardware call gates (xcall/xret), all timed in U-mode
 * with rdcycle (and, separately, rdinstret). Each is WARMUP + RUNS
 * iterations of one loop in the client (udom.h); the kernel takes the median
 * of the last RUNS and subtracts the median of an empty measurement.
 *
 * Output: a readable table, then one `IPC-RESULT name value` line per
 * number (what `mkrv bench ipc` parses), `IPC-SKIP name reason` for what
 * this core cannot run, and `IPC-CHECK name ok|FAIL ...` for the functional
 * checks done first. Exit code 0 when every check passed.
 */
#include "core.c"

#define WARMUP 10
#define RUNS   101
#define ITERS  (WARMUP + RUNS)

_Static_assert(ITERS * 8 <= 4096, "samples fit the client's data page");

struct bench {
    const char *name;           /* IPC-RESULT <name>_cycles, <name>_instret */
    char *entry_c, *entry_i;    /* the client's loops */
    unsigned gate;
    int xcall;                  /* needs the call-gate hardware */
    const char *what;
};

struct stat {
    uint64_t median, min, max;
};

static const struct bench benches[] = {
    {"measure_overhead", ub_empty_c, ub_empty_i, 0, 0,
     "rdcycle; rdcycle (subtracted from the others)"},
    {"call_ret", ub_callret_c, ub_callret_i, 0, 0,
     "jal; add a0, a0, t0; ret"},
    {"syscall_null", ub_syscall_c, ub_syscall_i, 0, 0,
     "ecall, slow path (full save/restore), sret"},
    {"sw_ipc_roundtrip", ub_sw_c, ub_sw_i, CG_A_SW, 0,
     "ecall call -> A: add; ecall reply (fast path)"},
    {"sw_ipc_nested_roundtrip", ub_sw_c, ub_sw_i, CG_A_NESTED_SW, 0,
     "client -> A -> B -> A -> client, software"},
#ifndef NO_XCALL
    {"xcall_roundtrip", ub_xcall_c, ub_xcall_i, CG_A_X, 1,
     "xcall -> A: add; xret (CLB hit)"},
    {"xcall_miss_roundtrip", ub_xcall_miss_c, ub_xcall_miss_i, CG_A_X, 1,
     "xcall, CLB miss, kernel refill, xcall -> A: add; xret"},
    {"xcall_nested_roundtrip", ub_xcall_c, ub_xcall_i, CG_A_NESTED_X, 1,
     "client -> A -> B -> A -> client, xcall/xret"},
#else
    {"xcall_roundtrip", 0, 0, 0, 1, ""},
    {"xcall_miss_roundtrip", 0, 0, 0, 1, ""},
    {"xcall_nested_roundtrip", 0, 0, 0, 1, ""},
#endif
};
#define NBENCH (sizeof(benches) / sizeof(benches[0]))

static uint64_t sorted[RUNS];

static struct stat measure(const struct bench *b, char *entry)
{
    uint64_t *samples = (uint64_t *)udom_client_data;
    struct stat s = {0, 0, 0};
    struct run_result r = run_user(ASID_CLIENT, entry, uva(ASID_CLIENT, udom_client_data),
                                   ITERS, b->gate, 0);

    if (r.end != RUN_DONE) {
        printf("IPC-CHECK %s FAIL: the client was killed (%s at 0x%lx)\n", b->name,
               cause_name(r.cause), r.epc);
        return s;
    }
    for (int i = 0; i < RUNS; i++) {             /* insertion sort */
        uint64_t v = samples[WARMUP + i];
        int j = i;
        while (j > 0 && sorted[j - 1] > v) {
            sorted[j] = sorted[j - 1];
            j--;
        }
        sorted[j] = v;
    }
    s.median = sorted[RUNS / 2];
    s.min = sorted[0];
    s.max = sorted[RUNS - 1];
    return s;
}

static int failures;

/* a - b, or 0 */
static uint64_t net(uint64_t a, uint64_t b)
{
    return a > b ? a - b : 0;
}

static void check(const char *name, int ok, uint64_t got, uint64_t want)
{
    if (ok) {
        printf("IPC-CHECK %s ok\n", name);
    } else {
        printf("IPC-CHECK %s FAIL: got 0x%lx, expected 0x%lx\n", name, got, want);
        failures++;
    }
}

static void check_call(const char *name, char *entry, unsigned gate, uint64_t want)
{
    struct run_result r = run_user(ASID_CLIENT, entry, 1000, 0, gate, 0);
    check(name, r.end == RUN_DONE && r.a0 == want, r.end == RUN_DONE ? r.a0 : ~0UL, want);
}

/* value * 100 / base, printed with two decimals */
static void ratio(const char *label, uint64_t num, uint64_t den)
{
    if (!den) {
        printf("  %-34s n/a\n", label);
        return;
    }
    uint64_t r = num * 100 / den;
    printf("  %-34s %lu.%02lu\n", label, r / 100, r % 100);
}

int kernel_main(void)
{
    struct stat cyc[NBENCH], ins[NBENCH];
    int ran[NBENCH];

    printf("mkrv kernel: call gates (xcall/xret) vs software IPC vs a function call\n");
    printf("call-gate hardware: %s\n", have_xcall ? "yes (medeleg bits 24..26 writable)"
                                                  : "no (xcall parts skipped)");

    gate_set(ASID_CLIENT, CG_A_SW, ASID_A, a_h_sw, BADGE_A);
    gate_set(ASID_CLIENT, CG_A_NESTED_SW, ASID_A, a_nested_sw, BADGE_A_NESTED);
    gate_set(ASID_CLIENT, CG_B_SW, ASID_B, b_h_sw, BADGE_B);
    gate_set(ASID_A, AG_B_SW, ASID_B, b_h_sw, BADGE_B_FROM_A);
#ifndef NO_XCALL
    gate_set(ASID_CLIENT, CG_A_X, ASID_A, a_h_x, BADGE_A);
    gate_set(ASID_CLIENT, CG_A_NESTED_X, ASID_A, a_nested_x, BADGE_A_NESTED);
    gate_set(ASID_CLIENT, CG_B_X, ASID_B, b_h_x, BADGE_B);
    gate_set(ASID_A, AG_B_X, ASID_B, b_h_x, BADGE_B_FROM_A);
#endif

    /* Functional checks: each call returns a0 + the badges on its way. */
    kverbose = 0;
    check_call("sw_call", ut_swcall, CG_A_SW, 1000 + BADGE_A);
    check_call("sw_call_b", ut_swcall, CG_B_SW, 1000 + BADGE_B);
    check_call("sw_nested", ut_swcall, CG_A_NESTED_SW, 1000 + BADGE_A_NESTED + BADGE_B_FROM_A);
    check_call("sw_nogate", ut_swcall, CG_NONE, (uint64_t)IPC_ERR_NOGATE);
#ifndef NO_XCALL
    if (have_xcall) {
        check_call("xcall", ut_xcall, CG_A_X, 1000 + BADGE_A);
        check_call("xcall_b", ut_xcall, CG_B_X, 1000 + BADGE_B);
        check_call("xcall_nested", ut_xcall, CG_A_NESTED_X,
                   1000 + BADGE_A_NESTED + BADGE_B_FROM_A);
        check_call("xcall_nogate", ut_xcall, CG_NONE, (uint64_t)IPC_ERR_NOGATE);
    }
#endif
    kverbose = 1;

    for (unsigned i = 0; i < NBENCH; i++) {
        ran[i] = !benches[i].xcall || have_xcall;
        if (!ran[i])
            continue;
        uint64_t fills = percpu.nfill + kstats.clb_fills;
        cyc[i] = measure(&benches[i], benches[i].entry_c);
        fills = percpu.nfill + kstats.clb_fills - fills;
        ins[i] = measure(&benches[i], benches[i].entry_i);
        if (!strcmp(benches[i].name, "xcall_miss_roundtrip"))
            check("xcall_miss_refills", fills == ITERS, fills, ITERS);
    }

    uint64_t oc = cyc[0].median, oi = ins[0].median;
    printf("\n%d runs each after %d warm-up runs; medians, minus the empty measurement "
           "(%lu cycles, %lu instructions)\n\n", RUNS, WARMUP, oc, oi);
    printf("%-26s %7s %7s %7s %8s  %s\n", "benchmark", "cycles", "min", "max", "instret",
           "what one run executes");
    for (unsigned i = 1; i < NBENCH; i++) {
        if (!ran[i]) {
            printf("%-26s %7s %7s %7s %8s  (no call-gate hardware)\n", benches[i].name,
                   "-", "-", "-", "-");
            continue;
        }
        printf("%-26s %7lu %7lu %7lu %8lu  %s\n", benches[i].name,
               net(cyc[i].median, oc), net(cyc[i].min, oc), net(cyc[i].max, oc), net(ins[i].median, oi),
               benches[i].what);
    }

    /* Ratios: index by name. */
    uint64_t call_ret = net(cyc[1].median, oc), sw = net(cyc[3].median, oc);
    printf("\nratios:\n");
    if (ran[5]) {
        uint64_t x = net(cyc[5].median, oc);
        ratio("xcall_roundtrip / call_ret", x, call_ret);
        ratio("sw_ipc_roundtrip / xcall_roundtrip", sw, x);
        ratio("xcall_miss / xcall_roundtrip", net(cyc[6].median, oc), x);
        printf("  targets: xcall <= 2 x call_ret: %s; sw >= 20 x xcall: %s\n",
               x <= 2 * call_ret ? "met" : "NOT met", sw >= 20 * x ? "met" : "NOT met");
    }
    ratio("sw_ipc_roundtrip / call_ret", sw, call_ret);

    printf("\n");
    printf("IPC-RESULT runs %d\n", RUNS);
    printf("IPC-RESULT measure_overhead_cycles %lu\n", oc);
    printf("IPC-RESULT measure_overhead_instret %lu\n", oi);
    for (unsigned i = 1; i < NBENCH; i++) {
        if (!ran[i]) {
            printf("IPC-SKIP %s_cycles no call-gate hardware\n", benches[i].name);
            continue;
        }
        printf("IPC-RESULT %s_cycles %lu\n", benches[i].name, net(cyc[i].median, oc));
        printf("IPC-RESULT %s_instret %lu\n", benches[i].name, net(ins[i].median, oi));
        printf("IPC-RESULT %s_min_cycles %lu\n", benches[i].name, net(cyc[i].min, oc));
        printf("IPC-RESULT %s_max_cycles %lu\n", benches[i].name, net(cyc[i].max, oc));
    }
    printf("IPC-DONE %s\n", failures ? "FAIL" : "ok");
    return failures ? 1 : 0;
}
