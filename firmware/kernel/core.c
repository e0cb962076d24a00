/*
 * mkrv minimal kernel: M-mode start-up, the S-mode kernel (address spaces,
 * gate tables, the trap handler behind the assembly fast paths, user runs).
 * Included by each program (kernel.c, callgate_sec.c), which defines
 * kernel_main(). See README.md.
 *
 *   M-mode  main(): probes the call-gate extension, delegates to S what S
 *           handles (ecall from U, faults, page faults, CLB_MISS,
 *           LINK_OVERFLOW, LINK_EMPTY, the supervisor interrupts), opens the
 *           counters to S and U (mcounteren), and mrets to s_start().
 *   S-mode  kernel_init(): the trap vector, page tables (one root per
 *           address space, the kernel mapped global in all), the software and
 *           hardware link stacks; then kernel_main(), which runs user code
 *           with run_user().
 */
#include "runtime.h"
#include "kernel.h"
#include "entry.h"
#include "udom.h"

#define WOFF(field) ((long)__builtin_offsetof(struct percpu, field) - 8192)
_Static_assert(WOFF(scratch[0]) == W_T2, "percpu");
_Static_assert(WOFF(scratch[3]) == W_T5, "percpu");
_Static_assert(WOFF(lsp) == W_LSP, "percpu");
_Static_assert(WOFF(lsbase) == W_LSBASE, "percpu");
_Static_assert(WOFF(ksp) == W_KSP, "percpu");
_Static_assert(WOFF(nfill) == W_NFILL, "percpu");
_Static_assert(WOFF(frame.x[31]) == W_F(31), "percpu");
_Static_assert(WOFF(frame.sepc) == W_SEPC, "percpu");
_Static_assert(WOFF(frame.sstatus) == W_SSTATUS, "percpu");
_Static_assert(WOFF(kctx[13]) == W_K(13), "percpu");
_Static_assert(WOFF(sw_link_stack) == W_SWLS, "percpu");
_Static_assert(WOFF(domains) == PCPU_VA, "percpu");
_Static_assert(W_SWLS_END == W(0), "the software link stack ends where the window starts");
_Static_assert(-W_SWLS_END < 2048 && W_K(13) < 0 && W_SWLS >= -2048, "x0-relative offsets fit 12 bits");
_Static_assert(sizeof(struct percpu) == PCPU_SIZE, "percpu");
_Static_assert(((long)PCPU_LUI << 12) - (1L << 32) == PCPU_VA, "lui PCPU_LUI gives PCPU_VA");
_Static_assert(sizeof(struct domain) == 1 << DOM_SHIFT, "domain");
_Static_assert(sizeof(struct gate) == 1 << GATE_SHIFT, "gate");
_Static_assert(__builtin_offsetof(struct domain, ngates) == D_NGATES, "domain");
_Static_assert(__builtin_offsetof(struct domain, gates) == D_GATES, "domain");
_Static_assert(__builtin_offsetof(struct gate, pc) == G_PC, "gate");
_Static_assert(__builtin_offsetof(struct gate, badge) == G_BADGE, "gate");
_Static_assert(D_GATES + (NGATES_MAX << GATE_SHIFT) <= (1 << DOM_SHIFT), "gate table fits");
_Static_assert(D_GATES + G_BADGE + (NGATES_MAX << GATE_SHIFT) < 2048, "gate offsets fit 12 bits");

struct percpu percpu __attribute__((aligned(4096)));
struct kstats kstats;
int have_xcall;
uint64_t m_probe_cause[4];
int kverbose = 1;
uint8_t kpanic_stack[1024] __attribute__((aligned(16)));

/* The hardware link stack: kernel memory, mapped (global, supervisor-only)
 * in every address space, never for U; so is the software one, in percpu. */
uint64_t hw_link_stack[LINK_RECORDS * 2] __attribute__((aligned(16)));

/* Page tables: the kernel's root (ASID 0); the level-1 and level-0 tables
 * that map percpu at the top of every address space (shared); then root,
 * level 1 and level 0 for each user domain. */
#define NUDOM 3
#define PT_TOP_L1 1
#define PT_TOP_L0 2
#define PT_DOM(i, level) (3 + 3 * (i) + (2 - (level)))
static uint64_t page_tables[3 + 3 * NUDOM][512] __attribute__((aligned(4096)));

const struct udom_image udoms[NUDOM] = {
    {"client", ASID_CLIENT, UVA_CLIENT, udom_client_start, udom_client_data, udom_client_end},
    {"A", ASID_A, UVA_A, udom_a_start, udom_a_data, udom_a_end},
    {"B", ASID_B, UVA_B, udom_b_start, udom_b_data, udom_b_end},
};

/* ---- Small helpers ---------------------------------------------------------- */

#define PTE_V (1UL << 0)
#define PTE_R (1UL << 1)
#define PTE_W (1UL << 2)
#define PTE_X (1UL << 3)
#define PTE_U (1UL << 4)
#define PTE_G (1UL << 5)
#define PTE_A (1UL << 6)
#define PTE_D (1UL << 7)

static uint64_t pte(const void *pa, uint64_t flags)
{
    return (((uint64_t)pa >> 12) << 10) | flags;
}

static const struct udom_image *udom(int asid)
{
    for (int i = 0; i < NUDOM; i++)
        if (udoms[i].asid == asid)
            return &udoms[i];
    return 0;
}

uint64_t uva(int asid, const void *sym)
{
    const struct udom_image *d = udom(asid);
    return d->va + (uint64_t)((const char *)sym - d->start);
}

void *upa(int asid, uint64_t va)
{
    const struct udom_image *d = udom(asid);
    return d->start + (va - d->va);
}

static uint64_t cur_asid(void)
{
    return (read_csr(satp) >> SATP_ASID_SHIFT) & 0xffff;
}

const char *cause_name(uint64_t cause)
{
    switch (cause) {
    case CAUSE_CLB_MISS:      return "CLB miss";
    case CAUSE_LINK_OVERFLOW: return "link stack overflow";
    case CAUSE_LINK_EMPTY:    return "link stack empty";
    default:                  return trap_cause_name(cause);
    }
}

/* ---- CLB ---------------------------------------------------------------- */

void clb_inval(uint64_t idx, uint64_t asid)
{
#ifndef NO_XCALL
    if (have_xcall)
        __asm__ __volatile__(".insn r 0x0b, 0, 3, x0, %0, %1" :: "r"(idx), "r"(asid) : "memory");
#else
    (void)idx, (void)asid;
#endif
}

void clb_inval_all(void)
{
#ifndef NO_XCALL
    if (have_xcall)
        __asm__ __volatile__(".insn r 0x0b, 0, 3, x0, x0, x0" ::: "memory");
#endif
}

/* Write a gate into a table without touching the CLB (only for showing
 * that the CLB is a cache the kernel must keep coherent). */
void gate_write(int asid, unsigned idx, int target, const void *entry, uint64_t badge)
{
    struct domain *d = &percpu.domains[asid];
    struct gate *g = &d->gates[idx];
    g->satp = percpu.domains[target].satp;
    g->badge = badge;
    g->pc = uva(target, entry);
    if (idx >= d->ngates)
        d->ngates = idx + 1;
}

/* Give `asid` gate `idx` to `entry` in domain `target`; the CLB entry for
 * (asid, idx), if any, is invalidated (like a TLB shootdown). */
void gate_set(int asid, unsigned idx, int target, const void *entry, uint64_t badge)
{
    gate_write(asid, idx, target, entry, badge);
    clb_inval(idx, asid);
}

void gate_clear(int asid, unsigned idx)
{
    percpu.domains[asid].gates[idx].pc = 0;
    clb_inval(idx, asid);
}

/* ---- Traps ---------------------------------------------------------------- */

void kernel_panic(uint64_t cause, uint64_t epc, uint64_t tval) __attribute__((noreturn));
void kernel_panic(uint64_t cause, uint64_t epc, uint64_t tval)
{
    printf("\n[kernel] PANIC: trap in S-mode: %s (scause 0x%lx) at 0x%lx, stval 0x%lx\n",
           cause_name(cause), cause, epc, tval);
    exit(3);
}

static struct run_result run_res;

static void __attribute__((noreturn)) finish_run(enum run_end end, struct kframe *f)
{
    run_res.end = end;
    run_res.a0 = f->x[10];
    run_res.cause = f->scause;
    run_res.tval = f->stval;
    run_res.epc = f->sepc;
    kernel_resume();
}

static void report(struct kframe *f, const char *action)
{
    if (kverbose)
        printf("[kernel] ASID %lu: %s (scause %lu) at pc 0x%lx, stval 0x%lx: %s\n",
               cur_asid(), cause_name(f->scause), f->scause, f->sepc, f->stval, action);
}

static void refuse(struct kframe *f, int64_t err, const char *action)
{
    report(f, action);
    f->x[10] = (uint64_t)err;
    f->sepc += 4;
}

static void do_syscall(struct kframe *f)
{
    struct domain *d = &percpu.domains[cur_asid()];
    uint64_t idx = f->x[16];

    switch (f->x[17]) {
    case SYS_CALL:      /* the fast path refused it */
        if (idx >= d->ngates || !d->gates[idx].pc) {
            kstats.sw_refused++;
            refuse(f, IPC_ERR_NOGATE, "software call: no gate at this index (a6), refused");
        } else {
            kstats.sw_overflow++;
            refuse(f, IPC_ERR_LINK_OVERFLOW, "software call: link stack full, refused");
        }
        return;
    case SYS_REPLY:     /* the fast path found no call to reply to */
        kstats.sw_empty++;
        refuse(f, IPC_ERR_LINK_EMPTY, "software reply: no call to reply to, refused");
        return;
    case SYS_DONE:
        finish_run(RUN_DONE, f);
    case SYS_CLB_INVAL:
        clb_inval(f->x[10], cur_asid());
        f->x[10] = 0;
        break;
    case SYS_NULL:
        f->x[10] = 0;
        break;
    case SYS_PUTC:
        putchar((int)f->x[10]);
        f->x[10] = 0;
        break;
    default:
        f->x[10] = (uint64_t)IPC_ERR_NOSYS;
        break;
    }
    f->sepc += 4;
}

#ifndef NO_XCALL
/* CLB miss the fast refill did not handle (or every miss with SLOW_REFILL):
 * fill from the caller's gate table and retry the xcall, or refuse. */
static void do_clb_miss(struct kframe *f)
{
    uint64_t asid = cur_asid();
    struct domain *d = &percpu.domains[asid];
    uint64_t idx = f->stval;

    if (idx < d->ngates && d->gates[idx].pc) {
        struct gate *g = &d->gates[idx];
        write_csr(0x5C4, g->satp);
        write_csr(0x5C5, g->pc);
        write_csr(0x5C6, g->badge);
        __asm__ __volatile__(".insn r 0x0b, 0, 2, x0, %0, %1" :: "r"(idx), "r"(asid) : "memory");
        kstats.clb_fills++;
        return;         /* sepc is the xcall: it now hits */
    }
    kstats.clb_refused++;
    refuse(f, IPC_ERR_NOGATE, "xcall: no gate at this index, refused (a0 = IPC_ERR_NOGATE)");
}
#endif

/*
 * A fault in user mode. If the faulting domain is a callee (a link stack is
 * not empty), the call is aborted: the kernel pops the caller's link record
 * and resumes the caller after its xcall/ecall with IPC_ERR_CALLEE_FAULT in
 * a0. The hardware link stack is unwound first (a chain that mixes the two
 * kinds of call is not tracked). A top-level domain that faults ends the run.
 */
static void do_fault(struct kframe *f)
{
#ifndef NO_XCALL
    if (have_xcall) {
        uint64_t p = read_csr(0x5C2);
        if (p > read_csr(0x5C0)) {
            p -= 16;
            uint64_t ret = ((uint64_t *)p)[0], rsatp = ((uint64_t *)p)[1];
            report(f, "callee killed, caller resumed with IPC_ERR_CALLEE_FAULT (xcall)");
            write_csr(0x5C2, p);
            write_csr(satp, rsatp);
            f->sepc = ret;
            f->x[10] = (uint64_t)IPC_ERR_CALLEE_FAULT;
            kstats.unwinds++;
            return;
        }
    }
#endif
    if (percpu.lsp > percpu.lsbase) {
        uint64_t *rec = (uint64_t *)(percpu.lsp - 16);
        report(f, "callee killed, caller resumed with IPC_ERR_CALLEE_FAULT (software call)");
        percpu.lsp -= 16;
        write_csr(satp, rec[1]);
        f->sepc = rec[0];
        f->x[10] = (uint64_t)IPC_ERR_CALLEE_FAULT;
        kstats.unwinds++;
        return;
    }
    report(f, "domain killed");
    finish_run(RUN_KILLED, f);
}

/* The slow path's C handler (entry.h): a trap from U-mode. */
void kernel_trap(struct kframe *f)
{
    uint64_t cause = f->scause;

    if (cause & MCAUSE_INTERRUPT)
        kernel_panic(cause, f->sepc, f->stval);
    kstats.cause[cause & 31]++;
    if (cause != CAUSE_USER_ECALL) {
        kstats.last_cause = cause;
        kstats.last_tval = f->stval;
        kstats.last_epc = f->sepc;
        kstats.last_satp = read_csr(satp);
    }
    switch (cause) {
    case CAUSE_USER_ECALL:
        do_syscall(f);
        break;
#ifndef NO_XCALL
    case CAUSE_CLB_MISS:
        do_clb_miss(f);
        break;
    case CAUSE_LINK_OVERFLOW:
        refuse(f, IPC_ERR_LINK_OVERFLOW, "xcall refused (a0 = IPC_ERR_LINK_OVERFLOW)");
        break;
    case CAUSE_LINK_EMPTY:
        refuse(f, IPC_ERR_LINK_EMPTY, "xret refused (a0 = IPC_ERR_LINK_EMPTY)");
        break;
#endif
    default:
        do_fault(f);
        break;
    }
}

/* ---- User runs ------------------------------------------------------------ */

void link_stacks_reset(void)
{
    percpu.lsp = percpu.lsbase;
#ifndef NO_XCALL
    if (have_xcall)
        write_csr(0x5C2, read_csr(0x5C0));
#endif
}

struct run_result run_user(int asid, const void *entry, uint64_t a0, uint64_t a1,
                           uint64_t a2, uint64_t a3)
{
    struct kframe *f = &percpu.frame;
    const struct udom_image *d = udom(asid);

    memset(f, 0, sizeof(*f));
    f->x[2] = d->va + (uint64_t)(d->end - d->start);      /* sp: top of its data */
    f->x[10] = a0;
    f->x[11] = a1;
    f->x[12] = a2;
    f->x[13] = a3;
    f->sepc = uva(asid, entry);
    f->sstatus = read_csr(sstatus) & ~(uint64_t)(SSTATUS_SPP | 0x22);  /* U, SIE = SPIE = 0 */
    link_stacks_reset();
    write_csr(satp, percpu.domains[asid].satp);
    user_enter();
    /* Back from kernel_resume(): SYS_DONE or a kill. */
    write_csr(satp, percpu.domains[ASID_KERNEL].satp);
    return run_res;
}

/* ---- S-mode start-up ------------------------------------------------------ */

static void map_kernel(uint64_t *root)
{
    /* VA 0..1 GiB: the devices (CLINT, PLIC, UART); 2..3 GiB: RAM (the
     * kernel image, identity). Global supervisor gigapages. */
    root[0] = pte((void *)0, PTE_V | PTE_R | PTE_W | PTE_G | PTE_A | PTE_D);
    root[2] = pte((void *)0x80000000UL, PTE_V | PTE_R | PTE_W | PTE_X | PTE_G | PTE_A | PTE_D);
    /* The last 8 KiB: percpu (kernel.h). */
    root[511] = pte(page_tables[PT_TOP_L1], PTE_V);
}

static uint64_t satp_of(int asid, const uint64_t *root)
{
    return SATP_MODE_SV39 | ((uint64_t)asid << SATP_ASID_SHIFT) | ((uint64_t)root >> 12);
}

static void kernel_init(void)
{
    write_csr(stvec, (uint64_t)strap_entry);
    write_csr(sscratch, 0);
    write_csr(scounteren, 7);          /* U may read cycle, time, instret */
    write_csr(sie, 0);

    page_tables[PT_TOP_L1][511] = pte(page_tables[PT_TOP_L0], PTE_V);
    for (int i = 0; i < PCPU_SIZE / 4096; i++)
        page_tables[PT_TOP_L0][512 - PCPU_SIZE / 4096 + i] =
            pte((char *)&percpu + 4096 * i, PTE_V | PTE_R | PTE_W | PTE_G | PTE_A | PTE_D);
    map_kernel(page_tables[0]);
    percpu.domains[ASID_KERNEL].satp = satp_of(ASID_KERNEL, page_tables[0]);
    for (int i = 0; i < NUDOM; i++) {
        const struct udom_image *d = &udoms[i];
        uint64_t *root = page_tables[PT_DOM(i, 2)];
        uint64_t *l1 = page_tables[PT_DOM(i, 1)];
        uint64_t *l0 = page_tables[PT_DOM(i, 0)];
        map_kernel(root);
        root[(d->va >> 30) & 511] = pte(l1, PTE_V);
        l1[(d->va >> 21) & 511] = pte(l0, PTE_V);
        for (char *p = d->start; p < d->end; p += 4096) {
            uint64_t va = d->va + (uint64_t)(p - d->start);
            uint64_t flags = p < d->data ? PTE_R | PTE_X | PTE_A
                                         : PTE_R | PTE_W | PTE_A | PTE_D;
            l0[(va >> 12) & 511] = pte(p, PTE_V | PTE_U | flags);
        }
        percpu.domains[d->asid].satp = satp_of(d->asid, root);
    }
    write_csr(satp, percpu.domains[ASID_KERNEL].satp);
    __asm__ __volatile__("sfence.vma zero, zero" ::: "memory");

    percpu.lsbase = percpu.lsp = (uint64_t)W_SWLS;
    percpu.lslimit = (uint64_t)W_SWLS_END;
#ifndef NO_XCALL
    if (have_xcall) {
        write_csr(0x5C0, (uint64_t)hw_link_stack);
        write_csr(0x5C1, (uint64_t)(hw_link_stack + 2 * LINK_RECORDS));
        write_csr(0x5C2, (uint64_t)hw_link_stack);
        clb_inval_all();
    }
#endif
}

static void __attribute__((noreturn)) s_start(void)
{
    kernel_init();
    exit(kernel_main());
}

/* ---- M-mode -------------------------------------------------------------- */


static volatile int m_probing;
static volatile uint64_t m_probe_last;

/* M-mode traps: the probes below, else report and stop. (S-mode traps go to
 * strap_entry.) */
void trap_handler(struct trap_frame *f)
{
    if (m_probing && !(f->mcause & MCAUSE_INTERRUPT)) {
        m_probe_last = f->mcause;
        f->mepc += 4;
        return;
    }
    trap_report(f);
    exit(EXIT_UNHANDLED_TRAP);
}

#define M_PROBE(i, insn) do {                                   \
        m_probe_last = NO_TRAP;                                 \
        __asm__ __volatile__(insn ::: "memory");                \
        m_probe_cause[i] = m_probe_last;                        \
    } while (0)

#define MEDELEG_STD ((1UL << 0) | (1UL << 1) | (1UL << 2) | (1UL << 3) | (1UL << 4) | \
                     (1UL << 5) | (1UL << 6) | (1UL << 7) | (1UL << 8) | (1UL << 12) | \
                     (1UL << 13) | (1UL << 15))
#define MEDELEG_CLB ((1UL << CAUSE_CLB_MISS) | (1UL << CAUSE_LINK_OVERFLOW) | \
                     (1UL << CAUSE_LINK_EMPTY))

int main(void)
{
    /* Probe the custom instructions in M-mode: xcall and xret are illegal there (M does
     * not translate); clb.fill and clb.inval are legal (callgate.md). */
    m_probing = 1;
#ifndef NO_XCALL
    M_PROBE(0, ".insn r 0x0b, 0, 0, x0, x0, x0");       /* xcall x0 */
    M_PROBE(1, ".insn r 0x0b, 0, 1, x0, x0, x0");       /* xret */
    M_PROBE(2, ".insn r 0x0b, 0, 2, x0, x0, x0");       /* clb.fill x0, x0 */
    M_PROBE(3, ".insn r 0x0b, 0, 3, x0, x0, x0");       /* clb.inval x0, x0 */
#else
    for (int i = 0; i < 4; i++)
        m_probe_cause[i] = NO_TRAP;
#endif
    m_probing = 0;

    write_csr(medeleg, MEDELEG_STD | MEDELEG_CLB);
#ifndef NO_XCALL
    /* The extension makes medeleg bits 24..26 writable. */
    have_xcall = (read_csr(medeleg) & MEDELEG_CLB) == MEDELEG_CLB;
#else
    have_xcall = 0;
#endif
    write_csr(mideleg, (1UL << 1) | (1UL << 5) | (1UL << 9));   /* SSI, STI, SEI */
    write_csr(mie, 0);
    write_csr(mcounteren, 7);          /* S (and U, with scounteren) read the counters */
    write_csr(satp, 0);

    uint64_t ms = read_csr(mstatus);
    ms &= ~(MSTATUS_MPP | MSTATUS_MPIE | (1UL << 17) | (1UL << 18) | (1UL << 20) |
            (1UL << 21) | (1UL << 22));     /* MPRV, SUM, TVM, TW, TSR */
    ms |= 1UL << 11;                   /* MPP = S */
    write_csr(mstatus, ms);
    write_csr(mepc, (uint64_t)s_start);
    __asm__ __volatile__("mret");
    __builtin_unreachable();
}
