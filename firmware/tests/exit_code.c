/*
 * exit_code: main()'s return value must reach the host; crt0.S stores
 * (42 << 1) | 1 to tohost, so spike exits with 42.
 */
#include "runtime.h"

int main(void)
{
    printf("exit_code: returning 42\n");
    return 42;
}
