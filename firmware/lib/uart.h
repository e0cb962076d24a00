/*
 * Polled driver for the 16550-compatible UART at MKRV_UART_BASE.
 *
 * Polled rather than interrupt driven: the console must work from the trap
 * handler and before anything else is set up, and the programs here are
 * small enough that the wait never matters.
 */
#ifndef MKRV_UART_H
#define MKRV_UART_H

/* The divisor is only meaningful on real hardware: simulators (spike, the
 * RTL testbench) transmit a byte the moment THR is written. Override on the
 * command line for a board, e.g. CFLAGS += -DUART_CLOCK_HZ=25000000. */
#ifndef UART_CLOCK_HZ
#define UART_CLOCK_HZ 50000000
#endif
#ifndef UART_BAUD
#define UART_BAUD 115200
#endif

/* Program 8N1 at UART_BAUD, enable and reset the FIFOs, mask interrupts. */
void uart_init(void);

/* Transmit one byte, waiting for room in the transmitter. */
void uart_putc(char c);

/* Transmit a NUL-terminated string as is (no newline is appended). */
void uart_puts(const char *s);

/* Wait until the transmitter has sent everything (bounded, see uart.c). */
void uart_flush(void);

/* Receive one byte, waiting for it. */
int uart_getc(void);

/* Receive one byte if one is waiting, or return -1 at once. */
int uart_trygetc(void);

#endif /* MKRV_UART_H */
