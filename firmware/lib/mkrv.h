/*
 * mkrv firmware runtime: platform constants and machine-level helpers.
 *
 * Everything here is header-only (macros and static inlines) so that a
 * benchmark can read a counter without a call perturbing what it measures.
 * The memory map is the SoC's (rtl/soc/memmap.py), which is also spike's and
 * QEMU virt's, so the same ELF runs on all three.
 */
#ifndef MKRV_H
#define MKRV_H

#include <stdint.h>

/* ---- Memory map ------------------------------------------------------- */

#define MKRV_RAM_BASE   0x80000000UL
#define MKRV_CLINT_BASE 0x02000000UL
#define MKRV_PLIC_BASE  0x0C000000UL
#define MKRV_UART_BASE  0x10000000UL

/* CLINT registers, for hart 0 (the only hart the runtime runs on). */
#define MKRV_CLINT_MSIP     (MKRV_CLINT_BASE + 0x0000)
#define MKRV_CLINT_MTIMECMP (MKRV_CLINT_BASE + 0x4000)
#define MKRV_CLINT_MTIME    (MKRV_CLINT_BASE + 0xBFF8)

/* ---- CSR access ------------------------------------------------------- */

/* `reg` is a bare CSR name (read_csr(mcause)), pasted into the mnemonic so
 * the assembler checks it; a number (read_csr(0xb00)) works too. */
#define read_csr(reg) ({                                              \
        uint64_t __v;                                                 \
        __asm__ __volatile__("csrr %0, " #reg : "=r"(__v));           \
        __v; })

#define write_csr(reg, val) ({                                        \
        __asm__ __volatile__("csrw " #reg ", %0" :: "rK"(val));       \
        })

/* Atomically swap, set bits or clear bits; each returns the old value. */
#define swap_csr(reg, val) ({                                         \
        uint64_t __v;                                                 \
        __asm__ __volatile__("csrrw %0, " #reg ", %1"                 \
                             : "=r"(__v) : "rK"(val));                \
        __v; })

#define set_csr(reg, bits) ({                                         \
        uint64_t __v;                                                 \
        __asm__ __volatile__("csrrs %0, " #reg ", %1"                 \
                             : "=r"(__v) : "rK"(bits));               \
        __v; })

#define clear_csr(reg, bits) ({                                       \
        uint64_t __v;                                                 \
        __asm__ __volatile__("csrrc %0, " #reg ", %1"                 \
                             : "=r"(__v) : "rK"(bits));               \
        __v; })

/* mstatus / mie / mip bits the runtime and tests use. */
#define MSTATUS_MIE  (1UL << 3)
#define MSTATUS_MPIE (1UL << 7)
#define MSTATUS_MPP  (3UL << 11)
#define MIP_MSIP     (1UL << 3)
#define MIP_MTIP     (1UL << 7)
#define MIP_MEIP     (1UL << 11)

/* mcause values (the interrupt bit is the top bit of the 64-bit register). */
#define MCAUSE_INTERRUPT        (1UL << 63)
#define CAUSE_MISALIGNED_FETCH  0
#define CAUSE_FETCH_ACCESS      1
#define CAUSE_ILLEGAL_INSN      2
#define CAUSE_BREAKPOINT        3
#define CAUSE_MISALIGNED_LOAD   4
#define CAUSE_LOAD_ACCESS       5
#define CAUSE_MISALIGNED_STORE  6
#define CAUSE_STORE_ACCESS      7
#define CAUSE_USER_ECALL        8
#define CAUSE_SUPERVISOR_ECALL  9
#define CAUSE_MACHINE_ECALL     11
#define IRQ_M_SOFT              3
#define IRQ_M_TIMER             7
#define IRQ_M_EXT               11

/* ---- Counters --------------------------------------------------------- */

/*
 * The m* forms are the machine-mode CSRs, always present in M-mode; the rd*
 * forms read the unprivileged Zicntr shadows (cycle, instret, time), which a
 * core may trap on. `time` in particular is often not implemented in
 * hardware (it is meant to be emulated from the CLINT's mtime), so prefer
 * read_mtime() for wall-clock time.
 *
 * The asm is volatile so the compiler neither merges two reads nor moves a
 * read across the code being measured; the "memory" clobber also keeps
 * loads and stores from being moved across it.
 */
static inline uint64_t read_mcycle(void)
{
    uint64_t v;
    __asm__ __volatile__("csrr %0, mcycle" : "=r"(v) :: "memory");
    return v;
}

static inline uint64_t read_minstret(void)
{
    uint64_t v;
    __asm__ __volatile__("csrr %0, minstret" : "=r"(v) :: "memory");
    return v;
}

static inline uint64_t rdcycle(void)
{
    uint64_t v;
    __asm__ __volatile__("rdcycle %0" : "=r"(v) :: "memory");
    return v;
}

static inline uint64_t rdinstret(void)
{
    uint64_t v;
    __asm__ __volatile__("rdinstret %0" : "=r"(v) :: "memory");
    return v;
}

static inline uint64_t rdtime(void)
{
    uint64_t v;
    __asm__ __volatile__("rdtime %0" : "=r"(v) :: "memory");
    return v;
}

/* ---- MMIO ------------------------------------------------------------- */

static inline uint8_t mmio_read8(uintptr_t addr)
{
    return *(volatile uint8_t *)addr;
}

static inline void mmio_write8(uintptr_t addr, uint8_t v)
{
    *(volatile uint8_t *)addr = v;
}

static inline uint32_t mmio_read32(uintptr_t addr)
{
    return *(volatile uint32_t *)addr;
}

static inline void mmio_write32(uintptr_t addr, uint32_t v)
{
    *(volatile uint32_t *)addr = v;
}

static inline uint64_t mmio_read64(uintptr_t addr)
{
    return *(volatile uint64_t *)addr;
}

static inline void mmio_write64(uintptr_t addr, uint64_t v)
{
    *(volatile uint64_t *)addr = v;
}

/* ---- CLINT ------------------------------------------------------------ */

static inline uint64_t read_mtime(void)
{
    return mmio_read64(MKRV_CLINT_MTIME);
}

static inline void write_mtimecmp(uint64_t v)
{
    mmio_write64(MKRV_CLINT_MTIMECMP, v);
}

static inline void write_msip(uint32_t v)
{
    mmio_write32(MKRV_CLINT_MSIP, v);
}

#endif /* MKRV_H */
