#include "uart.h"
#include "mkrv.h"

/* Register offsets; the registers are one byte apart (reg-shift 0). */
enum {
    UART_RBR = 0,   /* receive buffer (read, DLAB=0) */
    UART_THR = 0,   /* transmit holding (write, DLAB=0) */
    UART_DLL = 0,   /* divisor latch low (DLAB=1) */
    UART_IER = 1,   /* interrupt enable (DLAB=0) */
    UART_DLM = 1,   /* divisor latch high (DLAB=1) */
    UART_FCR = 2,   /* FIFO control (write) */
    UART_LCR = 3,   /* line control */
    UART_MCR = 4,   /* modem control */
    UART_LSR = 5,   /* line status */
};

#define LCR_8N1   0x03  /* 8 data bits, no parity, 1 stop bit */
#define LCR_DLAB  0x80  /* divisor latch access */
#define FCR_INIT  0x07  /* enable FIFOs, clear RX and TX FIFOs */
#define MCR_INIT  0x03  /* DTR and RTS, for boards that wire them */
#define LSR_DR    0x01  /* a received byte is waiting */
#define LSR_THRE  0x20  /* room in the transmit holding register/FIFO */
#define LSR_TEMT  0x40  /* transmitter completely empty */

static inline uint8_t uart_read(unsigned reg)
{
    return mmio_read8(MKRV_UART_BASE + reg);
}

static inline void uart_write(unsigned reg, uint8_t v)
{
    mmio_write8(MKRV_UART_BASE + reg, v);
}

void uart_init(void)
{
    /* Round to the nearest divisor: truncating can be far enough off at
     * high baud rates to garble characters. */
    unsigned div = (UART_CLOCK_HZ + 8 * UART_BAUD) / (16 * UART_BAUD);

    uart_write(UART_IER, 0);
    uart_write(UART_LCR, LCR_DLAB);
    uart_write(UART_DLL, div & 0xff);
    uart_write(UART_DLM, (div >> 8) & 0xff);
    uart_write(UART_LCR, LCR_8N1);
    uart_write(UART_FCR, FCR_INIT);
    uart_write(UART_MCR, MCR_INIT);
}

void uart_putc(char c)
{
    while (!(uart_read(UART_LSR) & LSR_THRE))
        ;
    uart_write(UART_THR, (uint8_t)c);
}

void uart_puts(const char *s)
{
    while (*s)
        uart_putc(*s++);
}

void uart_flush(void)
{
    /*
     * Matters only where the UART really serializes (a board, or an RTL
     * model whose TX pin a testbench decodes): a simulator stops the moment
     * exit() writes tohost and would cut the last line short. Bounded so a
     * model that never sets TEMT costs a fraction of a second instead of
     * hanging: 100k polls of ~6 cycles outlast a full 16-byte FIFO at
     * 115200 baud with a 50 MHz clock (~70k cycles).
     */
    for (unsigned long n = 0; n < 100000; n++)
        if (uart_read(UART_LSR) & LSR_TEMT)
            return;
}

int uart_trygetc(void)
{
    if (!(uart_read(UART_LSR) & LSR_DR))
        return -1;
    return uart_read(UART_RBR);
}

int uart_getc(void)
{
    int c;

    while ((c = uart_trygetc()) < 0)
        ;
    return c;
}
