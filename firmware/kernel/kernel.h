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

/* One line of assembly: ASM(sd t5, W_T5(zero)). Macros in the line are
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

/* ---- Per-CPU area ----------------------------------------------------------- */

/*
 * struct percpu (8 KiB, page aligned) is mapped, global and supervisor-only,
 * at the top of every address space: VA PCPU_VA = -8 KiB. So the trap vector
 * needs no base register and no sscratch swap (a CSR write, which costs the
 * pipeline a refetch):
 *   - its last 2 KiB, the window at VA -2 KiB, are addressed from x0
 *     (`sd t5, W_T5(zero)`): the software link stack, then the fast path's
 *     scratch slots, the link stack pointer, the slow path's register frame;
 *   - domains[asid] is at PCPU_VA + (asid << DOM_SHIFT): one `lui` makes the
 *     base.
 * The kernel's C code uses the same memory through its identity mapping.
 */
#define PCPU_VA      (-8192)
#define PCPU_LUI     0xffffe    /* lui rd, PCPU_LUI: rd = PCPU_VA */
#define P_DOMS       0          /* domains[MAX_ASID] */
#define P_SWLS       6144       /* the software link stack: VA -2 KiB..-1 KiB */
#define P_WIN        7168       /* the window's data: VA -1 KiB..0 */
#define W(off)       (P_WIN - 8192 + (off))

#define D_SATP       0
#define D_NGATES     8
#define D_GATES      32         /* gates[i] at D_GATES + (i << GATE_SHIFT) */
#define G_SATP       0
#define G_PC         8
#define G_BADGE      16

/* In the window: scratch slots of the fast paths. */
#define W_T2         W(0)
#define W_T3         W(8)
#define W_T4         W(16)
#define W_T5         W(24)
/* The software link stack: pointer, base, limit (exclusive). */
#define W_LSP        W(32)
#define W_LSBASE     W(40)
#define W_LSLIMIT    W(48)
/* Kernel stack pointer for the slow path (set by user_enter). */
#define W_KSP        W(56)
/* CLB refills done by the assembly fast refill. */
#define W_NFILL      W(64)
/* The slow path's register frame: x0..x31, sepc, scause, stval, sstatus. */
#define WO_FRAME     128
#define W_F(n)       W(WO_FRAME + 8 * (n))
#define W_SEPC       W(WO_FRAME + 8 * 32)
#define W_SCAUSE     W(WO_FRAME + 8 * 33)
#define W_STVAL      W(WO_FRAME + 8 * 34)
#define W_SSTATUS    W(WO_FRAME + 8 * 35)
/* user_enter's callee-saved registers: ra, sp, s0..s11. */
#define WO_KCTX      512
#define W_K(n)       W(WO_KCTX + 8 * (n))
/* The software link stack: LINK_RECORDS records from VA W_SWLS. Its limit
 * is a constant of the fast path (`addi t0, t4, -W_SWLS_END` needs it within
 * 12 bits); tests move its base instead. */
#define W_SWLS       (PCPU_VA + P_SWLS)
#define W_SWLS_END   (W_SWLS + LINK_RECORDS * 16)
#define PCPU_SIZE    8192

#define LINK_RECORDS 64
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
    struct domain domains[MAX_ASID];            /* P_DOMS */
    uint8_t pad[P_SWLS - MAX_ASID * (1 << DOM_SHIFT)];
    uint64_t sw_link_stack[LINK_RECORDS * 2];   /* P_SWLS */
    /* The window (P_WIN): x0-addressed. */
    uint64_t scratch[4];            /* t2..t5 */
    uint64_t lsp, lsbase, lslimit;  /* software link stack (VAs; lslimit informative) */
    uint64_t ksp;
    uint64_t nfill;                 /* fast CLB refills */
    uint64_t reserved1[7];
    struct kframe frame;            /* WO_FRAME */
    uint64_t reserved2[12];
    uint64_t kctx[14];              /* ra, sp, s0..s11 */
    uint64_t reserved3[50];
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
#define NO_TRAP (~0UL)                 /* m_probe_cause: the instruction did not trap */

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
void user_enter(void);
void kernel_resume(void) __attribute__((noreturn));
#endif

#endif /* MKRV_KERNEL_H */
