/*
 * A compact printf of our own: no libc, no floating point, no heap.
 *
 * Conversions: %d %i %u %x %X %s %c %p %%.
 * Flags: '-' (left-justify), '0' (zero-pad), '+', ' ', '#' (0x/0X prefix).
 * Width and precision: digits or '*'. Precision is the minimum number of
 * digits for integers (as in C, it turns '0' off) and the maximum length for
 * %s.
 * Length: hh h l ll z j t.
 * %p prints "0x" and 16 hex digits, so that addresses line up in logs.
 * An unknown conversion is printed as is, to make the mistake visible.
 *
 * Integers are converted without a divide instruction (hex by shifts,
 * decimal by the compiler's multiply-by-reciprocal), so printing stays cheap
 * on a core with an iterative divider.
 */
#ifndef MKRV_PRINTF_H
#define MKRV_PRINTF_H

#include <stdarg.h>
#include <stddef.h>

/* The sink vformat() writes each output character to. */
typedef void (*format_sink)(char c, void *ctx);

/* Format to `sink`; returns the number of characters produced. */
int vformat(format_sink sink, void *ctx, const char *fmt, va_list ap);

/* To the UART. */
int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int vprintf(const char *fmt, va_list ap);
int putchar(int c);
int puts(const char *s);            /* appends a newline, as in C */

/* To a buffer: always NUL-terminated when size > 0; returns the length the
 * whole output would have had, as in C, so truncation is detectable. */
int snprintf(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

#endif /* MKRV_PRINTF_H */
