/*
 * mkrv firmware runtime: what every program gets from lib/.
 *
 * crt0.S runs before main(): it parks every hart but hart 0, sets up the
 * stacks, the trap vector and .bss, and calls runtime_init() (which brings
 * up the UART). main()'s return value goes to exit().
 */
#ifndef MKRV_RUNTIME_H
#define MKRV_RUNTIME_H

#include <stddef.h>
#include <stdint.h>

#include "mkrv.h"
#include "printf.h"
#include "uart.h"

/* ---- Ending a run ------------------------------------------------------- */

/*
 * Exit codes the runtime itself reports; a program's own failures should
 * use small numbers (1, 2, ...) so the two cannot be confused.
 */
#define EXIT_UNHANDLED_TRAP 255  /* trap_handler() was not overridden */
#define EXIT_NESTED_TRAP    254  /* a trap inside the trap handler */

/*
 * End the run the way riscv-tests do: store (code << 1) | 1 to `tohost`,
 * which the host (spike's HTIF, the RTL testbench) watches; code 0 (stored
 * as 1) is a pass. Never returns: on a board nobody watches tohost, so the
 * hart just spins.
 */
void exit(int code) __attribute__((noreturn));

/* Written by exit(); read by the host. Defined in crt0.S. */
extern volatile uint64_t tohost;
extern volatile uint64_t fromhost;

/* ---- Traps -------------------------------------------------------------- */

/*
 * What crt0.S's trap entry saves, on a trap stack of its own (so a trap
 * caused by a bad sp can still be reported). x[2] is the interrupted sp;
 * x[0] is unused. trap_handler() may change any field: the entry code
 * restores all of them, mepc and mstatus included, before mret, so a handler
 * skips an ecall with `f->mepc += 4` or returns a value in f->x[10].
 * The layout is shared with crt0.S (checked in runtime.c).
 */
struct trap_frame {
    uint64_t x[32];
    uint64_t mepc;
    uint64_t mcause;
    uint64_t mtval;
    uint64_t mstatus;
};

/*
 * Called for every trap. The runtime's definition is weak: it reports the
 * trap (trap_report()) and exits with EXIT_UNHANDLED_TRAP. A program that
 * expects traps defines its own. A trap taken while trap_handler() runs is
 * not nested: it ends the run at once with EXIT_NESTED_TRAP.
 */
void trap_handler(struct trap_frame *f);

/* Print a one-line description of a trap, plus ra and sp. */
void trap_report(const struct trap_frame *f);

/* Short name of an mcause value ("illegal instruction", "timer interrupt"). */
const char *trap_cause_name(uint64_t mcause);

/* Called by crt0.S before main(). */
void runtime_init(void);

/* ---- Memory and strings (what GCC may call even when freestanding) ------ */

void *memset(void *dst, int c, size_t n);
void *memcpy(void *restrict dst, const void *restrict src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);

#endif /* MKRV_RUNTIME_H */
