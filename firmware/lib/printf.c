#include <stdbool.h>
#include <stdint.h>

#include "printf.h"
#include "uart.h"

enum {
    F_LEFT  = 1 << 0,   /* '-' */
    F_ZERO  = 1 << 1,   /* '0' */
    F_PLUS  = 1 << 2,   /* '+' */
    F_SPACE = 1 << 3,   /* ' ' */
    F_ALT   = 1 << 4,   /* '#' */
    F_UPPER = 1 << 5,   /* %X */
};

struct spec {
    unsigned flags;
    int width;          /* 0: none */
    int prec;           /* -1: none */
};

struct out {
    format_sink sink;
    void *ctx;
    int count;
};

static void emit(struct out *o, char c)
{
    o->sink(c, o->ctx);
    o->count++;
}

static void emit_n(struct out *o, char c, int n)
{
    while (n-- > 0)
        emit(o, c);
}

/* Lay out [pad][prefix][zeros][body][pad], the one shape every conversion
 * shares; `body` may be NULL when `zeros` alone is the content. */
static void emit_field(struct out *o, const struct spec *s, const char *prefix,
                       int zeros, const char *body, int body_len, bool reversed)
{
    int prefix_len = 0;

    while (prefix[prefix_len])
        prefix_len++;

    int len = prefix_len + zeros + body_len;
    int pad = s->width > len ? s->width - len : 0;

    if (!(s->flags & F_LEFT))
        emit_n(o, ' ', pad);
    for (int i = 0; i < prefix_len; i++)
        emit(o, prefix[i]);
    emit_n(o, '0', zeros);
    for (int i = 0; i < body_len; i++)
        emit(o, reversed ? body[body_len - 1 - i] : body[i]);
    if (s->flags & F_LEFT)
        emit_n(o, ' ', pad);
}

static void format_int(struct out *o, const struct spec *s, uint64_t mag,
                       bool negative, unsigned base)
{
    const char *digits = (s->flags & F_UPPER) ? "0123456789ABCDEF"
                                              : "0123456789abcdef";
    char buf[20];       /* 2^64 has 20 decimal digits */
    int n = 0;
    bool is_zero = mag == 0;

    /* C: a zero with precision 0 prints no digits at all. */
    if (!(is_zero && s->prec == 0)) {
        do {
            if (base == 16) {
                buf[n++] = digits[mag & 15];
                mag >>= 4;
            } else {
                buf[n++] = digits[mag % 10];
                mag /= 10;
            }
        } while (mag);
    }

    const char *prefix = "";
    if (negative)
        prefix = "-";
    else if (s->flags & F_PLUS)
        prefix = "+";
    else if (s->flags & F_SPACE)
        prefix = " ";
    else if ((s->flags & F_ALT) && base == 16 && !is_zero)   /* C: no 0x for 0 */
        prefix = (s->flags & F_UPPER) ? "0X" : "0x";

    int zeros = s->prec > n ? s->prec - n : 0;
    if ((s->flags & F_ZERO) && !(s->flags & F_LEFT) && s->prec < 0) {
        int prefix_len = prefix[0] ? (prefix[1] ? 2 : 1) : 0;
        int fill = s->width - prefix_len - n;
        if (fill > zeros)
            zeros = fill;
    }
    emit_field(o, s, prefix, zeros, buf, n, true);
}

/* Parse a decimal number or '*' (taken from the arguments). */
static int parse_count(const char **fmt, va_list *ap)
{
    if (**fmt == '*') {
        (*fmt)++;
        return va_arg(*ap, int);
    }
    int v = 0;
    while (**fmt >= '0' && **fmt <= '9')
        v = v * 10 + (*(*fmt)++ - '0');
    return v;
}

int vformat(format_sink sink, void *ctx, const char *fmt, va_list ap_in)
{
    struct out o = { sink, ctx, 0 };
    va_list ap;

    /* A copy, so parse_count() can take its address portably. */
    va_copy(ap, ap_in);

    while (*fmt) {
        if (*fmt != '%') {
            emit(&o, *fmt++);
            continue;
        }
        const char *start = fmt++;
        struct spec s = { 0, 0, -1 };

        for (;; fmt++) {
            if (*fmt == '-')      s.flags |= F_LEFT;
            else if (*fmt == '0') s.flags |= F_ZERO;
            else if (*fmt == '+') s.flags |= F_PLUS;
            else if (*fmt == ' ') s.flags |= F_SPACE;
            else if (*fmt == '#') s.flags |= F_ALT;
            else break;
        }
        s.width = parse_count(&fmt, &ap);
        if (s.width < 0) {              /* C: a negative '*' width means '-' */
            s.flags |= F_LEFT;
            s.width = -s.width;
        }
        if (*fmt == '.') {
            fmt++;
            s.prec = parse_count(&fmt, &ap);
            if (s.prec < 0)             /* C: a negative precision is none */
                s.prec = -1;
        }

        /* Length, reduced to the operand's size in bytes: on LP64 every
         * long, long long, size_t, intmax_t and ptrdiff_t is 8 bytes. */
        int size = 4;
        if (*fmt == 'h') {
            fmt++;
            size = 2;
            if (*fmt == 'h') {
                fmt++;
                size = 1;
            }
        } else if (*fmt == 'l') {
            fmt++;
            size = 8;
            if (*fmt == 'l')
                fmt++;
        } else if (*fmt == 'z' || *fmt == 'j' || *fmt == 't') {
            fmt++;
            size = 8;
        }

        char conv = *fmt;
        if (conv)
            fmt++;
        switch (conv) {
        case 'd':
        case 'i': {
            int64_t v = size == 8 ? va_arg(ap, int64_t) : va_arg(ap, int);
            if (size == 2)
                v = (int16_t)v;
            else if (size == 1)
                v = (int8_t)v;
            /* Negate in unsigned arithmetic so INT64_MIN is not overflow. */
            uint64_t mag = v < 0 ? -(uint64_t)v : (uint64_t)v;
            format_int(&o, &s, mag, v < 0, 10);
            break;
        }
        case 'u':
        case 'x':
        case 'X': {
            uint64_t v = size == 8 ? va_arg(ap, uint64_t) : va_arg(ap, unsigned);
            if (size == 2)
                v = (uint16_t)v;
            else if (size == 1)
                v = (uint8_t)v;
            if (conv == 'X')
                s.flags |= F_UPPER;
            /* '+' and ' ' apply to signed conversions only. */
            s.flags &= ~(F_PLUS | F_SPACE);
            format_int(&o, &s, v, false, conv == 'u' ? 10 : 16);
            break;
        }
        case 'p': {
            /* Not format_int() with '#': that drops the 0x for NULL. */
            uintptr_t v = (uintptr_t)va_arg(ap, void *);
            char buf[16];
            for (int i = 0; i < 16; i++, v >>= 4)
                buf[i] = "0123456789abcdef"[v & 15];
            emit_field(&o, &s, "0x", 0, buf, 16, true);
            break;
        }
        case 's': {
            const char *str = va_arg(ap, const char *);
            if (!str)
                str = "(null)";
            int len = 0;
            while (str[len] && (s.prec < 0 || len < s.prec))
                len++;
            emit_field(&o, &s, "", 0, str, len, false);
            break;
        }
        case 'c': {
            char c = (char)va_arg(ap, int);
            emit_field(&o, &s, "", 0, &c, 1, false);
            break;
        }
        case '%':
            emit(&o, '%');
            break;
        default:
            /* Unknown or truncated: print the directive as written. */
            while (start < fmt)
                emit(&o, *start++);
            break;
        }
    }
    va_end(ap);
    return o.count;
}

/* ---- UART sink ---------------------------------------------------------- */

static void uart_sink(char c, void *ctx)
{
    (void)ctx;
#ifdef CONSOLE_CRLF
    /* For a raw serial terminal; off by default so that simulator logs and
     * the tests that compare them see plain '\n'. */
    if (c == '\n')
        uart_putc('\r');
#endif
    uart_putc(c);
}

int vprintf(const char *fmt, va_list ap)
{
    return vformat(uart_sink, NULL, fmt, ap);
}

int printf(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    int n = vprintf(fmt, ap);
    va_end(ap);
    return n;
}

int putchar(int c)
{
    uart_sink((char)c, NULL);
    return (unsigned char)c;
}

int puts(const char *s)
{
    int n = 0;

    while (s[n])
        uart_sink(s[n++], NULL);
    uart_sink('\n', NULL);
    return n + 1;
}

/* ---- Buffer sink -------------------------------------------------------- */

struct buf_ctx {
    char *buf;
    size_t size;
    size_t len;         /* characters produced so far, stored or not */
};

static void buf_sink(char c, void *ctx)
{
    struct buf_ctx *b = ctx;

    if (b->len + 1 < b->size)
        b->buf[b->len] = c;
    b->len++;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    struct buf_ctx b = { buf, size, 0 };
    int n = vformat(buf_sink, &b, fmt, ap);

    if (size > 0)
        buf[b.len < size ? b.len : size - 1] = '\0';
    return n;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    int n = vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}
