/*
 * trap_nested: a trap handler that itself faults. The trap entry must see
 * that a trap is already being handled and end the run with
 * EXIT_NESTED_TRAP, instead of looping or overwriting the first frame.
 */
#include "runtime.h"

/* Nothing is mapped here in the SoC or in spike: a load access fault. */
#define UNMAPPED 0x40000000UL

void trap_handler(struct trap_frame *f)
{
    printf("trap_nested: in the handler (%s), now faulting\n",
           trap_cause_name(f->mcause));
    (void)mmio_read64(UNMAPPED);
    printf("trap_nested: the nested fault was missed\n");
    exit(2);
}

int main(void)
{
    printf("trap_nested: ebreak\n");
    __asm__ __volatile__("ebreak");
    printf("trap_nested: returned from the handler\n");
    return 1;
}
