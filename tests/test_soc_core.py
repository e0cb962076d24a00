"""The SoC with the real core, in the Amaranth simulator: a few hand-assembled programs that
talk to the UART, the CLINT and tohost through the data-port decoder."""

import pytest
from amaranth.sim import Simulator

try:
    from rtl.core.core import Core  # noqa: F401 (the SoC imports it itself)
except ImportError as error:       # the core is written in parallel with the SoC
    pytest.skip(f"no core yet: {error}", allow_module_level=True)

from rtl.soc.soc import SoC


RAM = 0x8000_0000
TOHOST = RAM + 0x100
T0, T1, T2, T3 = 5, 6, 7, 28


def lui(rd, imm20):
    return (imm20 & 0xfffff) << 12 | rd << 7 | 0x37


def auipc(rd, imm20):
    return (imm20 & 0xfffff) << 12 | rd << 7 | 0x17


def i_type(funct3, opcode, rd, rs1, imm):
    return (imm & 0xfff) << 20 | rs1 << 15 | funct3 << 12 | rd << 7 | opcode


def s_type(funct3, rs2, rs1, imm):
    return ((imm >> 5) & 0x7f) << 25 | rs2 << 20 | rs1 << 15 | funct3 << 12 \
        | (imm & 0x1f) << 7 | 0x23


def addi(rd, rs1, imm):
    return i_type(0, 0x13, rd, rs1, imm)


def lbu(rd, rs1, imm):
    return i_type(4, 0x03, rd, rs1, imm)


def ld(rd, rs1, imm):
    return i_type(3, 0x03, rd, rs1, imm)


def sb(rs2, rs1, imm):
    return s_type(0, rs2, rs1, imm)


def sw(rs2, rs1, imm):
    return s_type(2, rs2, rs1, imm)


def sd(rs2, rs1, imm):
    return s_type(3, rs2, rs1, imm)


def sub(rd, rs1, rs2):
    return 0x20 << 25 | rs2 << 20 | rs1 << 15 | rd << 7 | 0x33


JAL_SELF = 0x0000_006f


def image(insns):
    if len(insns) % 2:
        insns = insns + [JAL_SELF]
    return [insns[i] | insns[i + 1] << 32 for i in range(0, len(insns), 2)]


def run_program(insns, max_cycles=400):
    """Run until tohost is written; return (tohost value, UART bytes, last_pc, cycle)."""
    soc = SoC(ram_size=4096, ram_init=image(insns), sim=True)
    out = {}

    async def bench(ctx):
        ctx.set(soc.tohost_addr, TOHOST)
        uart = []
        for _ in range(max_cycles):
            await ctx.tick()
            if ctx.get(soc.uart_tx_valid):
                uart.append(ctx.get(soc.uart_tx_data))
            if ctx.get(soc.tohost_valid):
                out.update(tohost=ctx.get(soc.tohost_data), uart=bytes(uart),
                           last_pc=ctx.get(soc.last_pc), cycle=ctx.get(soc.cycle))
                return
        raise AssertionError(f"no tohost write in {max_cycles} cycles; uart {bytes(uart)!r}")

    sim = Simulator(soc)
    sim.add_clock(1e-6)
    sim.add_testbench(bench)
    sim.run()
    return out


def test_uart_and_tohost():
    prog = [
        lui(T0, 0x10000),              # t0 = UART
        addi(T1, 0, ord("O")),
        sb(T1, T0, 0),
        addi(T1, 0, ord("K")),
        sb(T1, T0, 0),
        lbu(T2, T0, 5),                # LSR: THRE | TEMT
        sb(T2, T0, 0),
        auipc(T3, 0),                  # t3 = pc of this instruction (RAM + 0x1c)
        addi(T1, 0, 1),
        sw(T1, T3, TOHOST - (RAM + 0x1c)),
        JAL_SELF,
    ]
    out = run_program(prog)
    assert out["uart"] == b"OK\x60"
    assert out["tohost"] == 1
    assert RAM + 0x1c <= out["last_pc"] <= RAM + 0x24


def test_clint_and_ram_through_the_decoder():
    # CLINT + 0xbff8 does not fit a 12-bit offset: point t0 at CLINT + 0xc000.
    prog = [
        lui(T0, 0x200c),               # t0 = CLINT + 0xc000
        ld(T1, T0, -8),                # t1 = mtime
        ld(T2, T0, -8),                # t2 = mtime, a little later
        auipc(T3, 0),                  # t3 = RAM + 0xc
        sd(T1, T3, 0x200 - 0xc),       # keep the first sample in RAM
        ld(T1, T3, 0x200 - 0xc),       # and load it back
        sub(T1, T2, T1),               # nonzero: time went on
        sd(T1, T3, TOHOST - (RAM + 0xc)),
        JAL_SELF,
    ]
    out = run_program(prog)
    assert 0 < out["tohost"] < 20


def csr(funct3, rd, rs1_or_uimm, number):
    return number << 20 | rs1_or_uimm << 15 | funct3 << 12 | rd << 7 | 0x73


MSTATUS, MIE, MTVEC, MCAUSE = 0x300, 0x304, 0x305, 0x342
CSRRW, CSRRS, CSRRSI = 1, 2, 6


def test_timer_interrupt():
    prog = [
        auipc(T0, 0),                  # 0x00
        addi(T0, T0, 0x40),            # handler at RAM + 0x40
        csr(CSRRW, 0, T0, MTVEC),
        lui(T0, 0x2004),               # t0 = CLINT + 0x4000: mtimecmp
        addi(T1, 0, 60),
        sd(T1, T0, 0),                 # mtimecmp = 60
        addi(T1, 0, 0x80),
        csr(CSRRS, 0, T1, MIE),        # MTIE
        csr(CSRRSI, 0, 8, MSTATUS),    # MIE
        JAL_SELF,                      # 0x24: wait for the interrupt
    ]
    prog += [JAL_SELF] * (0x40 // 4 - len(prog))
    prog += [
        csr(CSRRS, T1, 0, MCAUSE),     # 0x40
        auipc(T3, 0),                  # t3 = RAM + 0x44
        sd(T1, T3, TOHOST - (RAM + 0x44)),
        JAL_SELF,
    ]
    out = run_program(prog)
    assert out["tohost"] == (1 << 63) | 7          # machine timer interrupt
    assert out["cycle"] >= 60


def test_uart_interrupt_through_the_plic():
    prog = [
        auipc(T0, 0),
        addi(T0, T0, 0x80),
        csr(CSRRW, 0, T0, MTVEC),
        lui(T0, 0xc000),               # PLIC
        addi(T1, 0, 1),
        sw(T1, T0, 4 * 10),            # priority of source 10 (the UART) = 1
        lui(T0, 0xc002),
        addi(T1, 0, 1 << 10),
        sw(T1, T0, 0),                 # context 0 enables source 10
        addi(T1, 0, 0x7ff),
        addi(T1, T1, 1),
        csr(CSRRS, 0, T1, MIE),        # MEIE
        csr(CSRRSI, 0, 8, MSTATUS),    # MIE
        lui(T0, 0x10000),
        addi(T1, 0, 2),
        sb(T1, T0, 1),                 # UART IER.ETBEI: the empty THR interrupts at once
        JAL_SELF,
    ]
    prog += [JAL_SELF] * (0x80 // 4 - len(prog))
    prog += [
        lui(T0, 0xc200),               # 0x80: claim
        i_type(2, 0x03, T1, T0, 4),    # lw t1, 4(t0)
        auipc(T3, 0),                  # t3 = RAM + 0x88
        sw(T1, T3, TOHOST - (RAM + 0x88)),
        JAL_SELF,
    ]
    out = run_program(prog)
    assert out["tohost"] == 10                       # the claim returned the UART
