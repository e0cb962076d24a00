/*
 * mkrv minimal kernel: constants shared by the C code and the assembly (the
 * trap vector in entry.h, the user domains in udom.h), the kernel's data
 * structures and its interface to the programs built on it (kernel.c,
 * callgate_sec.c).
 *
 * The kernel is one translation unit: a program is one C file (the firmware
 * Makefile links one object per program) that includes core.c, which includes
 * the assembly parts. Assembly lives in top-level asm statements written with
 * ASM(...) lines, so the offsets below are shared with C and checked there.
 *
 * Build-time switches:
 *   NO_XCALL       no custom instruction or CSR is assembled anywhere; the
 *                  call-gate parts are reported as skipped (runs on spike).
 *   SLOW_REFILL    the CLB-miss refill is done by the C trap handler instead
 *                  of the assembly fast refill at the top of the trap vector.
 * Without NO_XCALL the kernel still checks at boot that the core has the
 * extension (medeleg bits 24..26 writable) and skips the call-gate parts
 * when it has not, so the same ELF runs on spike.
 */
#ifndef MKRV_KERNEL_H
#define MKRV_KERNEL_H

/* One line of assembly: ASM(sd t5, PC_T5(t6)). Macros in the line are
 * expanded first. No '#' (comment) inside: use C comments. */
#define ASM(...)  ASM_(__VA_ARGS__)
#define ASM_(...) #__VA_ARGS__ "\n"
#define STR(x)    STR_(x)
#define STR_(x)   #x

/* ---- Custom instructions and CSRs (docs/isa/callgate.md) ---------------- */

#define CSR_XLSBASE  0x5C0
#define CSR_XLSLIMIT 0x5C1
#define CSR_XLSPTR   0x5C2
#define CSR_XGSATP   0x5C4
#define CSR_XGPC     0x5C5
#define CSR_XGBADGE  0x5C6

/* In assembly: XCALL(t3), XRET, CLB_FILL(t4, t3), CLB_INVAL(a0, a1). */
#define XCALL(rs1)           .insn r 0x0b, 0, 0, x0, rs1, x0
#define XRET                 .insn r 0x0b, 0, 1, x0, x0, x0
#define CLB_FILL(idx, asid)  .insn r 0x0b, 0, 2, x0, idx, asid
#define CLB_INVAL(idx, asid) .insn r 0x0b, 0, 3, x0, idx, asid

#define CAUSE_CLB_MISS      24
#define CAUSE_LINK_OVERFLOW 25
#define CAUSE_LINK_EMPTY    26

/* ---- System calls (a7 = number) ------------------------------------------ */

/*
 * SYS_CALL and SYS_REPLY are the software IPC, handled by the assembly fast
 * path: call gate a6 (an index in the caller's gate table, the same table the
 * CLB is refilled from), reply to the most recent call. Every register passes
 * through unchanged, except t0, which the callee receives the gate's badge in
 * (exactly as with xcall/xret). Errors come back in a0 (IPC_ERR_*).
 */
#define SYS_CALL      1
#define SYS_REPLY     2
#define SYS_DONE      3   /* end of a user run: a0 = result */
#define SYS_CLB_INVAL 4   /* clb.inval a0, <caller's ASID> */
#define SYS_NULL      5   /* does nothing, through the slow path */
#define SYS_PUTC      6   /* a0 = character */

/* Error codes returned in a0 (negative; a handler's results are not). */
#define IPC_ERR_NOGATE        (-2)
#define IPC_ERR_LINK_OVERFLOW (-3)
#define IPC_ERR_LINK_EMPTY    (-4)
#define IPC_ERR_CALLEE_FAULT  (-5)
#define IPC_ERR_NOSYS         (-6)

/* ---- Address spaces --------------------------------------------------------- */

#define MAX_ASID     8          /* ASIDs 0..7; 0 is the kernel's own (no gates) */
#define NGATES_MAX   15
#define GATE_SHIFT   5          /* sizeof(struct gate) == 32 */
#define DOM_SHIFT    9          /* sizeof(struct domain) == 512 */

#define ASID_KERNEL  0
#define ASID_CLIENT  1
#define ASID_A       2
#define ASID_B       3

/* Each domain's pages are mapped at its own virtual address, all within the
 * one level-0 table (VA 0x4000_0000..0x401F_FFFF) of its address space. */
#define UVA_BASE     0x40000000UL
#define UVA_CLIENT   0x40000000UL
#define UVA_A        0x40010000UL
#define UVA_B        0x40020000UL

#define SATP_MODE_SV39 (8UL << 60)
#define SATP_ASID_SHIFT 44

/* ---- Per-CPU area (sscratch points at it) ----------------------------------- */

/* Scratch slots of the fast path. */
#define PC_T2        0
#define PC_T3        8
#define PC_T4        16
#define PC_T5        24
/* The software link stack: pointer, base, limit (exclusive). */
#define PC_LSP       32
#define PC_LSBASE    40
#define PC_LSLIMIT   48
/* Kernel stack pointer for the slow path (set by user_enter). */
#define PC_KSP       56
/* CLB refills done by the assembly fast refill. */
#define PC_NFILL     64
/* The slow path's register frame: x0..x31, sepc, scause, stval, sstatus. */
#define PC_FRAME     128
#define F_X(n)       (PC_FRAME + 8 * (n))
#define F_SEPC       (PC_FRAME + 8 * 32)
#define F_SCAUSE     (PC_FRAME + 8 * 33)
#define F_STVAL      (PC_FRAME + 8 * 34)
#define F_SSTATUS    (PC_FRAME + 8 * 35)
/* user_enter's callee-saved registers: ra, sp, s0..s11. */
#define PC_KCTX      512
#define K_RA         (PC_KCTX + 0)
#define K_SP         (PC_KCTX + 8)
#define K_S(n)       (PC_KCTX + 16 + 8 * (n))
/* domains[asid] at PC_DOMS + (asid << DOM_SHIFT). */
#define PC_DOMS      1024
#define D_SATP       0
#define D_NGATES     8
#define D_GATES      32         /* gates[i] at D_GATES + (i << GATE_SHIFT) */
#define G_SATP       0
#define G_PC         8
#define G_BADGE      16
#define PC_SIZE      (PC_DOMS + (MAX_ASID << DOM_SHIFT))

#define SSTATUS_SPP  0x100

#ifndef __ASSEMBLER__
#include <stdint.h>

/* A gate: where a call goes. pc == 0: no gate at this index. */
struct gate {
    uint64_t satp;
    uint64_t pc;
    uint64_t badge;
    uint64_t reserved;
};

/* An address space and its gate table (capability list). */
struct domain {
    uint64_t satp;
    uint64_t ngates;        /* indices >= ngates have no gate */
    uint64_t reserved[2];
    struct gate gates[NGATES_MAX];
};

struct kframe {
    uint64_t x[32];
    uint64_t sepc, scause, stval, sstatus;
};

struct percpu {
    uint64_t scratch[4];            /* t2..t5 */
    uint64_t lsp, lsbase, lslimit;  /* software link stack */
    uint64_t ksp;
    uint64_t nfill;                 /* fast CLB refills */
    uint64_t reserved1[7];
    struct kframe frame;
    uint64_t reserved2[12];
    uint64_t kctx[14];              /* ra, sp, s0..s11 */
    uint64_t reserved3[50];
    struct domain domains[MAX_ASID];
};

/* How a user run (run_user) ended. */
enum run_end { RUN_DONE, RUN_KILLED };

struct run_result {
    enum run_end end;
    uint64_t a0;                    /* SYS_DONE's a0 */
    uint64_t cause, tval, epc;      /* RUN_KILLED: the fault */
};

/* Kernel events, for the tests and the report. */
struct kstats {
    uint64_t cause[32];             /* exceptions from U-mode, by scause */
    uint64_t clb_fills;             /* refills (fast and slow) */
    uint64_t clb_refused;           /* CLB misses refused: no gate */
    uint64_t sw_refused;            /* SYS_CALL refused: no gate */
    uint64_t sw_overflow, sw_empty; /* software link stack errors */
    uint64_t unwinds;               /* faulting callees whose caller got an error */
    uint64_t last_cause, last_tval, last_epc, last_satp;
};

extern struct percpu percpu;
extern struct kstats kstats;
extern int have_xcall;             /* the core has the call-gate extension */
extern uint64_t m_probe_cause[4];  /* M-mode probe of the custom instructions */

/* Domain images (udom.h): [start, end) with code below data. */
struct udom_image {
    const char *name;
    uint8_t asid;
    uint64_t va;
    char *start, *data, *end;
};
extern const struct udom_image udoms[3];

/* A user symbol's virtual address in its domain. */
uint64_t uva(int asid, const void *sym);
/* The physical (= kernel virtual) address of a user virtual address. */
void *upa(int asid, uint64_t va);

void gate_set(int asid, unsigned idx, int target_asid, const void *entry, uint64_t badge);
void gate_clear(int asid, unsigned idx);
void clb_inval(uint64_t idx, uint64_t asid);   /* no-op without xcall */
void clb_inval_all(void);

/* Run `entry` (a user symbol of domain `asid`) in U-mode with a0..a3 until it
 * calls SYS_DONE or is killed. Both link stacks are reset first. */
struct run_result run_user(int asid, const void *entry, uint64_t a0, uint64_t a1,
                           uint64_t a2, uint64_t a3);

/* The program's S-mode part: returns the exit code. */
int kernel_main(void);

/* Assembly (entry.h). */
void strap_entry(void);
void user_enter(struct percpu *pc);
void kernel_resume(struct percpu *pc) __attribute__((noreturn));
#endif

#endif /* MKRV_KERNEL_H */
