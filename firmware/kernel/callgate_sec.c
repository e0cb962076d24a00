/*
 * Security tests of the call gates and of the software IPC, on the kernel:
 * each scenario runs user code in the client and the servers (udom.h) and
 * checks what the kernel saw (the trap cause, stval, its counters) and what
 * the client got back. Every attack must trap with the cause that
 * docs/isa/callgate.md documents and leave the system running: the program
 * goes on to the next scenario and to the final summary.
 *
 * Output: `SEC <name> PASS|FAIL|SKIP <detail>` per scenario, then
 * `SEC-SUMMARY pass=P fail=F skip=S`. Exit code 0 when nothing failed.
 * The call-gate scenarios are skipped on a core without the extension
 * (spike), the software-IPC ones run everywhere.
 */
#include <stdarg.h>

#include "core.c"

#define CG_TEST 13              /* the client's gate for the scenario at hand */
#define ARG     1000

static int npass, nfail, nskip;

static void sec(const char *name, int ok, const char *fmt, ...)
{
    va_list ap;
    printf("SEC %s %s ", name, ok ? "PASS" : "FAIL");
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
    if (ok)
        npass++;
    else
        nfail++;
}

static void skip(const char *name)
{
    printf("SEC %s SKIP no call-gate hardware\n", name);
    nskip++;
}

static struct run_result client(char *entry, uint64_t a0, uint64_t a1, uint64_t gate)
{
    return run_user(ASID_CLIENT, entry, a0, a1, gate, 0);
}

static const char *end_name(const struct run_result *r)
{
    return r->end == RUN_DONE ? "done" : "killed";
}

/* ---- Software IPC ------------------------------------------------------------ */

static void sw_tests(void)
{
    struct run_result r;
    uint64_t n;

    n = kstats.sw_refused;
    r = client(ut_swcall, ARG, 0, CG_NONE);
    sec("sw_call_nogate", r.end == RUN_DONE && r.a0 == (uint64_t)IPC_ERR_NOGATE &&
        kstats.sw_refused == n + 1, "a0=%ld refused=%lu (%s)", (int64_t)r.a0,
        kstats.sw_refused - n, end_name(&r));

    n = kstats.sw_refused;
    r = client(ut_swcall, ARG, 0, 1UL << 40);
    sec("sw_call_wide_index", r.end == RUN_DONE && r.a0 == (uint64_t)IPC_ERR_NOGATE &&
        kstats.sw_refused == n + 1, "a0=%ld", (int64_t)r.a0);

    /* Index 12 is a gate in A's table only. */
    n = kstats.sw_refused;
    r = client(ut_swcall, ARG, 0, AG_B_ONLY);
    sec("sw_call_other_domains_gate", r.end == RUN_DONE &&
        r.a0 == (uint64_t)IPC_ERR_NOGATE && kstats.sw_refused == n + 1,
        "a0=%ld (A has a gate %d, the client has not)", (int64_t)r.a0, AG_B_ONLY);

    n = kstats.sw_empty;
    r = client(ut_swreply, ARG, 0, 0);
    sec("sw_reply_empty", r.end == RUN_DONE && r.a0 == (uint64_t)IPC_ERR_LINK_EMPTY &&
        kstats.sw_empty == n + 1, "a0=%ld", (int64_t)r.a0);

    /* A calls itself until the link stack (cut to 4 records) is full. */
    percpu.lsbase = W_SWLS_END - 4 * 16;
    gate_set(ASID_CLIENT, CG_TEST, ASID_A, a_recurse_sw, BADGE_A);
    n = kstats.sw_overflow;
    r = client(ut_swcall, ARG, 0, CG_TEST);
    int unwound = percpu.lsp == percpu.lsbase;
    percpu.lsbase = W_SWLS;
    sec("sw_link_overflow", r.end == RUN_DONE && r.a0 == (uint64_t)IPC_ERR_LINK_OVERFLOW &&
        kstats.sw_overflow == n + 1 && unwound,
        "a0=%ld overflows=%lu, stack unwound by the replies: %s", (int64_t)r.a0,
        kstats.sw_overflow - n, unwound ? "yes" : "no");

    /* A callee stores to the link stack: kernel memory, not mapped for U. */
    uint64_t target = percpu.lsbase;            /* the kernel's VA of the link stack */
    gate_set(ASID_CLIENT, CG_TEST, ASID_A, a_evil_sw_store, BADGE_A);
    n = kstats.unwinds;
    r = client(ut_swcall, target, 0, CG_TEST);
    uint64_t want_ret = uva(ASID_CLIENT, ut_swcall) + 12;       /* after its ecall */
    sec("sw_callee_writes_link_stack", r.end == RUN_DONE &&
        r.a0 == (uint64_t)IPC_ERR_CALLEE_FAULT && kstats.last_cause == 15 &&
        kstats.last_tval == target && kstats.unwinds == n + 1 && percpu.sw_link_stack[0] == want_ret,
        "cause=%lu stval=0x%lx a0=%ld record intact: %s", kstats.last_cause,
        kstats.last_tval, (int64_t)r.a0, percpu.sw_link_stack[0] == want_ret ? "yes" : "no");

    /* A callee jumps to the caller's code instead of replying. */
    uint64_t there = uva(ASID_CLIENT, ut_swcall) + 12;
    gate_set(ASID_CLIENT, CG_TEST, ASID_A, a_evil_jump, BADGE_A);
    r = client(ut_swcall, there, 0, CG_TEST);
    sec("sw_callee_jumps_to_caller", r.end == RUN_DONE &&
        r.a0 == (uint64_t)IPC_ERR_CALLEE_FAULT && kstats.last_cause == 12 &&
        kstats.last_tval == there, "cause=%lu stval=0x%lx a0=%ld", kstats.last_cause,
        kstats.last_tval, (int64_t)r.a0);

    /* A domain that faults at top level is killed; the next run is fine. */
    r = run_user(ASID_A, a_evil_sw_store, target, 0, 0, 0);
    sec("sw_top_level_fault_kills", r.end == RUN_KILLED && r.cause == 15 && r.tval == target,
        "%s cause=%lu", end_name(&r), r.cause);

    r = client(ut_swcall, ARG, 0, CG_A_SW);
    sec("sw_still_running", r.end == RUN_DONE && r.a0 == ARG + BADGE_A, "a0=%lu", r.a0);
}

/* ---- Call gates ---------------------------------------------------------------- */

#ifndef NO_XCALL
static const unsigned gate_csrs[6] = {CSR_XLSBASE, CSR_XLSLIMIT, CSR_XLSPTR,
                                      CSR_XGSATP, CSR_XGPC, CSR_XGBADGE};

static void read_gate_csrs(uint64_t v[6])
{
    v[0] = read_csr(0x5C0);
    v[1] = read_csr(0x5C1);
    v[2] = read_csr(0x5C2);
    v[3] = read_csr(0x5C4);
    v[4] = read_csr(0x5C5);
    v[5] = read_csr(0x5C6);
}

static int same(const uint64_t a[6], const uint64_t b[6])
{
    for (int i = 0; i < 6; i++)
        if (a[i] != b[i])
            return 0;
    return 1;
}

static uint64_t fills(void)
{
    return percpu.nfill + kstats.clb_fills;
}

static void xcall_tests(void)
{
    struct run_result r;
    uint64_t n, f;

    /* M-mode: xcall and xret are illegal (M does not translate); clb.fill and clb.inval
     * are allowed, as sfence.vma is (docs/isa/callgate.md). */
    int m_ok = m_probe_cause[0] == CAUSE_ILLEGAL_INSN &&
               m_probe_cause[1] == CAUSE_ILLEGAL_INSN &&
               m_probe_cause[2] == NO_TRAP && m_probe_cause[3] == NO_TRAP;
    sec("m_mode_custom_insns_illegal", m_ok, "mcause xcall=%lu xret=%lu clb.fill=%lu "
        "clb.inval=%lu", m_probe_cause[0], m_probe_cause[1], m_probe_cause[2],
        m_probe_cause[3]);

    r = client(ut_xcall, ARG, 0, CG_A_X);
    sec("xcall_works", r.end == RUN_DONE && r.a0 == ARG + BADGE_A, "a0=%lu", r.a0);

    n = kstats.clb_refused;
    r = client(ut_xcall, ARG, 0, CG_NONE);
    sec("xcall_nogate", r.end == RUN_DONE && r.a0 == (uint64_t)IPC_ERR_NOGATE &&
        kstats.clb_refused == n + 1 && kstats.last_cause == CAUSE_CLB_MISS &&
        kstats.last_tval == CG_NONE, "cause=%lu stval=%lu a0=%ld (%s)", kstats.last_cause,
        kstats.last_tval, (int64_t)r.a0, end_name(&r));

    /* (client, 0) is in the CLB now; index 2^32 + 0 must not hit it. */
    client(ut_xcall, ARG, 0, CG_A_X);
    n = kstats.clb_refused;
    r = client(ut_xcall, ARG, 0, (1UL << 32) | CG_A_X);
    sec("xcall_wide_index_never_hits", r.end == RUN_DONE &&
        r.a0 == (uint64_t)IPC_ERR_NOGATE && kstats.clb_refused == n + 1 &&
        kstats.last_cause == CAUSE_CLB_MISS && kstats.last_tval == ((1UL << 32) | CG_A_X),
        "cause=%lu stval=0x%lx a0=%ld", kstats.last_cause, kstats.last_tval, (int64_t)r.a0);

    /* A uses its gate 12 (so (A, 12) is cached); the client's index 12 must
     * still miss and be refused. */
    gate_set(ASID_A, AG_B_ONLY, ASID_B, b_h_x, 0xB2);
    gate_set(ASID_CLIENT, CG_TEST, ASID_A, a_via12_x, BADGE_A);
    r = client(ut_xcall, ARG, 0, CG_TEST);
    int via_ok = r.end == RUN_DONE && r.a0 == ARG + 0xB2;
    n = kstats.clb_refused;
    r = client(ut_xcall, ARG, 0, AG_B_ONLY);
    sec("xcall_other_domains_gate", via_ok && r.end == RUN_DONE &&
        r.a0 == (uint64_t)IPC_ERR_NOGATE && kstats.clb_refused == n + 1 &&
        kstats.last_tval == AG_B_ONLY, "A's own call via 12: %s; client's: a0=%ld cause=%lu",
        via_ok ? "ok" : "FAILED", (int64_t)r.a0, kstats.last_cause);

    uint64_t base = read_csr(0x5C0);
    r = client(ut_xret, ARG, 0, 0);
    sec("xret_link_empty", r.end == RUN_DONE && r.a0 == (uint64_t)IPC_ERR_LINK_EMPTY &&
        kstats.last_cause == CAUSE_LINK_EMPTY && kstats.last_tval == base &&
        kstats.last_epc == uva(ASID_CLIENT, ut_xret),
        "cause=%lu stval=0x%lx (xlsbase 0x%lx) a0=%ld", kstats.last_cause, kstats.last_tval,
        base, (int64_t)r.a0);

    /* A calls itself until the link stack (cut to 4 records) is full. */
    uint64_t limit = read_csr(0x5C1);
    write_csr(0x5C1, base + 4 * 16);
    gate_set(ASID_CLIENT, CG_TEST, ASID_A, a_recurse_x, BADGE_A);
    gate_set(ASID_A, AG_SELF_X, ASID_A, a_recurse_x, BADGE_A);
    r = client(ut_xcall, ARG, 0, CG_TEST);
    uint64_t ptr = read_csr(0x5C2);
    write_csr(0x5C1, limit);
    sec("xcall_link_overflow", r.end == RUN_DONE &&
        r.a0 == (uint64_t)IPC_ERR_LINK_OVERFLOW && kstats.last_cause == CAUSE_LINK_OVERFLOW &&
        kstats.last_tval == base + 4 * 16 && ptr == base,
        "cause=%lu stval=0x%lx (limit 0x%lx) a0=%ld, unwound by xret: %s", kstats.last_cause,
        kstats.last_tval, base + 4 * 16, (int64_t)r.a0, ptr == base ? "yes" : "no");

    /* U-mode may neither read nor write the CLB's CSRs, nor run clb.*. */
    static char *const csrr[6] = {ut_csrr_0, ut_csrr_1, ut_csrr_2, ut_csrr_4, ut_csrr_5,
                                  ut_csrr_6};
    static char *const csrw[6] = {ut_csrw_0, ut_csrw_1, ut_csrw_2, ut_csrw_4, ut_csrw_5,
                                  ut_csrw_6};
    for (int i = 0; i < 6; i++) {
        for (int w = 0; w < 2; w++) {
            uint64_t before[6], after[6];
            char name[40];
            read_gate_csrs(before);
            r = client(w ? csrw[i] : csrr[i], 0x80001230, 0, 0);
            read_gate_csrs(after);
            snprintf(name, sizeof(name), "u_%s_0x%x", w ? "csrw" : "csrr", gate_csrs[i]);
            sec(name, r.end == RUN_KILLED && r.cause == CAUSE_ILLEGAL_INSN && same(before, after),
                "%s cause=%lu, CSRs unchanged: %s", end_name(&r), r.cause,
                same(before, after) ? "yes" : "no");
        }
    }

    /* Stage a gate to B, then let U try to install it at the client's index 12. */
    write_csr(0x5C4, percpu.domains[ASID_B].satp);
    write_csr(0x5C5, uva(ASID_B, b_h_x));
    write_csr(0x5C6, 0x77);
    r = client(ut_clb_fill, CG_NONE, ASID_CLIENT, 0);
    struct run_result r2 = client(ut_xcall, ARG, 0, CG_NONE);
    sec("u_clb_fill", r.end == RUN_KILLED && r.cause == CAUSE_ILLEGAL_INSN &&
        r2.a0 == (uint64_t)IPC_ERR_NOGATE, "%s cause=%lu; xcall 12 after it: a0=%ld",
        end_name(&r), r.cause, (int64_t)r2.a0);

    client(ut_xcall, ARG, 0, CG_A_X);          /* cached */
    r = client(ut_clb_inval, CG_A_X, ASID_CLIENT, 0);
    f = fills();
    r2 = client(ut_xcall, ARG, 0, CG_A_X);
    sec("u_clb_inval", r.end == RUN_KILLED && r.cause == CAUSE_ILLEGAL_INSN &&
        fills() == f && r2.a0 == ARG + BADGE_A,
        "%s cause=%lu; entry still cached: %s", end_name(&r), r.cause,
        fills() == f ? "yes" : "no");

    r = client(ut_clb_inval_all, 0, 0, 0);
    sec("u_clb_inval_all", r.end == RUN_KILLED && r.cause == CAUSE_ILLEGAL_INSN,
        "%s cause=%lu", end_name(&r), r.cause);

    /* Stale entries: the CLB caches gates until the kernel invalidates them. */
    gate_set(ASID_CLIENT, CG_TEST, ASID_A, a_h_x, BADGE_A);
    f = fills();
    r = client(ut_xcall, ARG, 0, CG_TEST);
    uint64_t m1 = fills() - f;
    r2 = client(ut_xcall, ARG, 0, CG_TEST);
    uint64_t m2 = fills() - f - m1;
    sec("clb_caches_gate", r.a0 == ARG + BADGE_A && r2.a0 == ARG + BADGE_A && m1 == 1 &&
        m2 == 0, "first call: %lu refill, second: %lu", m1, m2);

    gate_write(ASID_CLIENT, CG_TEST, ASID_B, b_h_x, BADGE_B);     /* no invalidation */
    f = fills();
    r = client(ut_xcall, ARG, 0, CG_TEST);
    sec("clb_stale_until_invalidated", r.a0 == ARG + BADGE_A && fills() == f,
        "changed table, no clb.inval: still reaches A (a0=%lu), refills %lu", r.a0,
        fills() - f);

    clb_inval(CG_TEST, ASID_CLIENT);
    f = fills();
    r = client(ut_xcall, ARG, 0, CG_TEST);
    sec("clb_inval_then_miss", r.a0 == ARG + BADGE_B && fills() == f + 1,
        "after clb.inval: refills %lu, reaches B (a0=%lu)", fills() - f, r.a0);

    gate_clear(ASID_CLIENT, CG_TEST);
    n = kstats.clb_refused;
    r = client(ut_xcall, ARG, 0, CG_TEST);
    sec("clb_revoked_gate_refused", r.a0 == (uint64_t)IPC_ERR_NOGATE &&
        kstats.clb_refused == n + 1, "a0=%ld refused %lu", (int64_t)r.a0,
        kstats.clb_refused - n);

    /* A callee attacks its return path. */
    uint64_t ls = (uint64_t)&hw_link_stack[0];
    uint64_t want_ret = uva(ASID_CLIENT, ut_xcall) + 4;
    gate_set(ASID_CLIENT, CG_TEST, ASID_A, a_evil_store, BADGE_A);
    n = kstats.unwinds;
    r = client(ut_xcall, ls, 0, CG_TEST);
    int intact = hw_link_stack[0] == want_ret &&
                 hw_link_stack[1] == percpu.domains[ASID_CLIENT].satp;
    sec("callee_writes_link_stack", r.end == RUN_DONE &&
        r.a0 == (uint64_t)IPC_ERR_CALLEE_FAULT && kstats.last_cause == 15 &&
        kstats.last_tval == ls && kstats.unwinds == n + 1 && intact,
        "cause=%lu stval=0x%lx a0=%ld record intact: %s", kstats.last_cause,
        kstats.last_tval, (int64_t)r.a0, intact ? "yes" : "no");

    gate_set(ASID_CLIENT, CG_TEST, ASID_A, a_evil_load, BADGE_A);
    r = client(ut_xcall, ls, 0, CG_TEST);
    sec("callee_reads_link_stack", r.end == RUN_DONE &&
        r.a0 == (uint64_t)IPC_ERR_CALLEE_FAULT && kstats.last_cause == 13 &&
        kstats.last_tval == ls, "cause=%lu stval=0x%lx a0=%ld", kstats.last_cause,
        kstats.last_tval, (int64_t)r.a0);

    gate_set(ASID_CLIENT, CG_TEST, ASID_A, a_evil_csr, BADGE_A);
    r = client(ut_xcall, ls + 16 * 8, 0, CG_TEST);
    sec("callee_writes_xlsptr", r.end == RUN_DONE &&
        r.a0 == (uint64_t)IPC_ERR_CALLEE_FAULT && kstats.last_cause == CAUSE_ILLEGAL_INSN &&
        read_csr(0x5C2) == base, "cause=%lu a0=%ld", kstats.last_cause, (int64_t)r.a0);

    uint64_t there = want_ret;
    gate_set(ASID_CLIENT, CG_TEST, ASID_A, a_evil_jump, BADGE_A);
    r = client(ut_xcall, there, 0, CG_TEST);
    sec("callee_jumps_to_caller", r.end == RUN_DONE &&
        r.a0 == (uint64_t)IPC_ERR_CALLEE_FAULT && kstats.last_cause == 12 &&
        kstats.last_tval == there, "cause=%lu stval=0x%lx a0=%ld", kstats.last_cause,
        kstats.last_tval, (int64_t)r.a0);

    r = client(ut_xcall, ARG, 0, CG_A_NESTED_X);
    sec("xcall_still_running", r.end == RUN_DONE &&
        r.a0 == ARG + BADGE_A_NESTED + BADGE_B_FROM_A, "nested a0=%lu", r.a0);
}
#endif

int kernel_main(void)
{
    static const char *const xnames[] = {
        "m_mode_custom_insns_illegal", "xcall_works", "xcall_nogate",
        "xcall_wide_index_never_hits", "xcall_other_domains_gate", "xret_link_empty",
        "xcall_link_overflow", "u_csr", "u_clb_fill", "u_clb_inval", "u_clb_inval_all",
        "clb_caches_gate", "clb_stale_until_invalidated", "clb_inval_then_miss",
        "clb_revoked_gate_refused", "callee_writes_link_stack", "callee_reads_link_stack",
        "callee_writes_xlsptr", "callee_jumps_to_caller", "xcall_still_running",
    };

    printf("mkrv kernel: call-gate and software-IPC security tests\n");
    printf("call-gate hardware: %s\n", have_xcall ? "yes" : "no");

    gate_set(ASID_CLIENT, CG_A_SW, ASID_A, a_h_sw, BADGE_A);
    gate_set(ASID_A, AG_SELF_SW, ASID_A, a_recurse_sw, BADGE_A);
    gate_set(ASID_A, AG_B_SW, ASID_B, b_h_sw, BADGE_B_FROM_A);
    gate_set(ASID_A, AG_B_ONLY, ASID_B, b_h_sw, 0xB2);
#ifndef NO_XCALL
    gate_set(ASID_CLIENT, CG_A_X, ASID_A, a_h_x, BADGE_A);
    gate_set(ASID_CLIENT, CG_A_NESTED_X, ASID_A, a_nested_x, BADGE_A_NESTED);
    gate_set(ASID_A, AG_B_X, ASID_B, b_h_x, BADGE_B_FROM_A);
#endif
    /* The client's table spans 0..CG_TEST, with no gate at CG_NONE. */
    gate_clear(ASID_CLIENT, CG_TEST);
    percpu.domains[ASID_CLIENT].ngates = CG_TEST + 1;

    sw_tests();
#ifndef NO_XCALL
    if (have_xcall)
        xcall_tests();
    else
#endif
        for (unsigned i = 0; i < sizeof(xnames) / sizeof(xnames[0]); i++)
            skip(xnames[i]);

    printf("SEC-SUMMARY pass=%d fail=%d skip=%d\n", npass, nfail, nskip);
    return nfail ? 1 : 0;
}
