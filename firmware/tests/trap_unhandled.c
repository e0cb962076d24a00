/*
 * trap_unhandled: an illegal instruction with no handler of the program's
 * own, so the runtime's default handler must report it (cause, mepc at
 * the label below, mtval) and end the run with EXIT_UNHANDLED_TRAP.
 */
#include "runtime.h"

int main(void)
{
    printf("trap_unhandled: executing an illegal instruction\n");
    /* unimp without the C extension is `csrrw zero, cycle, zero`: a write
     * to a read-only CSR, which every core must reject. */
    __asm__ __volatile__(".globl illegal_insn\n"
                         "illegal_insn:\n\t"
                         "unimp");
    printf("trap_unhandled: still running, the trap was missed\n");
    return 1;
}
