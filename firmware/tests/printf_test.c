/*
 * printf_test: formats known values, once through printf() to the UART and
 * once through snprintf() into a buffer.
 *
 * tests/test_firmware_spike.py compares the UART output with its own copy
 * of the expected text; the snprintf() side compares against the
 * expectation written here, so the program also checks itself where nobody
 * reads its output (the exit code is the number of mismatches).
 */
#include "runtime.h"

static int failures;

__attribute__((format(printf, 2, 3)))
static void check(const char *expected, const char *fmt, ...)
{
    char buf[128];
    va_list ap;

    va_start(ap, fmt);
    int n_buf = vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);

    va_start(ap, fmt);
    int n_uart = vprintf(fmt, ap);
    va_end(ap);
    putchar('\n');

    int len = (int)strlen(expected);
    if (strcmp(buf, expected) != 0 || n_buf != len || n_uart != len) {
        printf("MISMATCH: expected \"%s\" (%d chars), got \"%s\" (%d, %d chars)\n",
               expected, len, buf, n_buf, n_uart);
        failures++;
    }
}

/* Out of the compiler's sight, so -Wformat does not flag the NULL %s. */
static const char *volatile null_string;

int main(void)
{
    printf("printf_test: start\n");

    /* Signed decimal, all lengths, and the extremes. */
    check("[42]", "[%d]", 42);
    check("[-42]", "[%i]", -42);
    check("[0]", "[%d]", 0);
    check("[-2147483648]", "[%d]", (int)0x80000000);
    check("[-9223372036854775808]", "[%ld]", (long)(1UL << 63));
    check("[9223372036854775807]", "[%lld]", 0x7fffffffffffffffLL);
    check("[-1]", "[%hhd]", 255);
    check("[-32768]", "[%hd]", 32768);

    /* Unsigned and hex. */
    check("[4294967295]", "[%u]", 0xffffffffu);
    check("[18446744073709551615]", "[%lu]", ~0UL);
    check("[65535]", "[%hu]", 0x1ffff);
    check("[12345678]", "[%zu]", (size_t)12345678);
    check("[deadbeef]", "[%x]", 0xdeadbeefu);
    check("[DEADBEEF]", "[%X]", 0xdeadbeefu);
    check("[123456789abcdef0]", "[%lx]", 0x123456789abcdef0UL);
    check("[ffffffff]", "[%x]", -1);
    check("[0x1f 0X1F 0]", "[%#x %#X %#x]", 31, 31, 0);

    /* Width, flags, precision. */
    check("[    42]", "[%6d]", 42);
    check("[42    ]", "[%-6d]", 42);
    check("[000042]", "[%06d]", 42);
    check("[-00042]", "[%06d]", -42);
    /* C's rules for flags that cancel out; GCC warns that they do. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat"
    check("[-42   ]", "[%-06d]", -42);
    check("[+42 -42]", "[%+d %+d]", 42, -42);
    check("[ 42]", "[% d]", 42);
    check("[00ff]", "[%04x]", 255);
    check("[0x00ff]", "[%#06x]", 255);
    check("[  007]", "[%5.3d]", 7);
    check("[   07]", "[%05.2d]", 7);
#pragma GCC diagnostic pop
    check("[]", "[%.0d]", 0);
    check("[   42]", "[%*d]", 5, 42);
    check("[42   ]", "[%*d]", -5, 42);
    check("[0000000000000000002a]", "[%020lx]", 42UL);

    /* Strings, characters, pointers, %%. */
    check("[hello]", "[%s]", "hello");
    check("[   hi]", "[%5s]", "hi");
    check("[hi   ]", "[%-5s]", "hi");
    check("[hel]", "[%.3s]", "hello");
    check("[  hel]", "[%5.*s]", 3, "hello");
    check("[(null)]", "[%s]", null_string);
    check("[x]", "[%c]", 'x');
    check("[  x|x  ]", "[%3c|%-3c]", 'x', 'x');
    check("[100%]", "[100%%]");
    check("[0x0000000080001234]", "[%p]", (void *)0x80001234UL);
    check("[0x0000000000000000]", "[%p]", (void *)0);
    check("[a1b-2c3d]", "[%s%d%c%d%s%x]", "a", 1, 'b', -2, "c", 0x3d);

    /* An unknown conversion is printed as written. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat"
#pragma GCC diagnostic ignored "-Wformat-extra-args"
    check("[%y]", "[%y]");
#pragma GCC diagnostic pop

    /* snprintf truncates, always terminates, and returns the full length. */
    char small[5];
    int n = snprintf(small, sizeof(small), "%d", 1234567);
    printf("snprintf: \"%s\" %d\n", small, n);
    if (strcmp(small, "1234") != 0 || n != 7) {
        printf("MISMATCH: snprintf truncation\n");
        failures++;
    }

    printf("printf_test: %d failures\n", failures);
    return failures;
}
