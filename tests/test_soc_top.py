"""The SoC top level (rtl/soc/soc.py) around a fake core the testbench drives."""

import gc
import re

import pytest
from amaranth.lib import wiring
from amaranth.lib.wiring import Out
from amaranth.sim import Simulator

from rtl.soc.fake_core import FakeCore
from rtl.soc.soc import SoC
from rtl.soc.testing import (bus_read, bus_read8, bus_read32, bus_write, bus_write8,
                             bus_write32)


# Components built only to check their constructor are never elaborated.
pytestmark = pytest.mark.filterwarnings("ignore::amaranth.hdl.UnusedElaboratable")

RAM = 0x8000_0000
UART = 0x1000_0000
CLINT = 0x0200_0000
PLIC = 0x0C00_0000
TOHOST = RAM + 0x1000


def make_soc(**kwargs):
    kwargs.setdefault("ram_size", 8192)
    return SoC(core=FakeCore, **kwargs)


def run(dut, bench):
    sim = Simulator(dut)
    sim.add_clock(1e-6)
    sim.add_testbench(bench)
    sim.run()


class NoTime(wiring.Component):
    """A core without the ``time`` input."""
    ibus: Out(1)

    def __init__(self, *, reset_pc, ram_size):
        super().__init__()


def test_construction_errors():
    def raises(exc, message, **kwargs):
        with pytest.raises(exc, match="^" + re.escape(message) + "$"):
            make_soc(**kwargs)

    raises(ValueError, "RAM size must be a power of two of at least 4096 bytes, not 1000",
           ram_size=1000)
    raises(ValueError, "RAM size must be a power of two of at least 4096 bytes, not 2048",
           ram_size=2048)
    raises(ValueError, "RAM size must fit below 4 GiB from 0x8000_0000, not 0x100000000",
           ram_size=1 << 32)
    raises(ValueError, "RAM implementation must be 'amaranth' or 'verilog', not 'vhdl'",
           ram_impl="vhdl")
    raises(ValueError, "RAM initial contents must be None with the Verilog RAM "
                       "(it loads +mkrv_ram=<file>), not list",
           ram_impl="verilog", ram_init=[1])
    raises(ValueError, "RAM initial contents must be at most 1024 doublewords, not 1025",
           ram_init=[0] * 1025)
    raises(TypeError, "Simulation flag must be a bool, not 1", sim=1)
    raises(ValueError, "Timebase divisor must be a positive integer, not 0", timebase_div=0)
    raises(ValueError, "Reset PC must be a 4-byte aligned address in RAM "
                       "(0x80000000..0x80001fff), not 2147483650", reset_pc=RAM + 2)
    raises(ValueError, "Reset PC must be a 4-byte aligned address in RAM "
                       "(0x80000000..0x80001fff), not 2147491840", reset_pc=RAM + 8192)
    raises(ValueError, "Reset PC must be a 4-byte aligned address in RAM "
                       "(0x80000000..0x80001fff), not 4096", reset_pc=0x1000)
    with pytest.raises(TypeError, match=r"^Core must be a component with the ports ibus: "
                                        r"Out\(BusSignature\(addr_width=32\)\), .*, not "
                                        r"<.*NoTime object at .*>$"):
        SoC(ram_size=8192, core=NoTime)
    gc.collect()      # while the UnusedElaboratable warnings are still filtered


def test_ports():
    assert set(make_soc().signature.members) == {"uart_txd", "uart_rxd", "rvfi"}
    assert set(make_soc(sim=True).signature.members) == {
        "uart_txd", "uart_rxd", "rvfi", "tohost_addr", "tohost_valid", "tohost_data",
        "uart_tx_valid", "uart_tx_data", "uart_rx_valid", "uart_rx_data", "uart_rx_ready",
        "cycle", "last_pc"}
    soc = make_soc(sim=True, reset_pc=RAM + 0x40, ram_size=4096)
    assert soc.core.reset_pc == RAM + 0x40
    assert soc.core.ram_size == 4096
    assert [r.name for r in soc.regions] == ["clint", "plic", "uart", "ram"]
    gc.collect()


def test_data_port_decode():
    soc = make_soc(sim=True)
    dbus = soc.core.dbus

    async def bench(ctx):
        await bus_write(ctx, dbus, RAM + 0x18, 0x0123_4567_89ab_cdef)
        await bus_write8(ctx, dbus, UART + 7, 0x5a)                  # SCR
        await bus_write(ctx, dbus, CLINT + 0x4000, 0x1_0000_0000)    # mtimecmp
        await bus_write32(ctx, dbus, PLIC + 4 * 10, 6)               # priority of source 10
        assert await bus_read(ctx, dbus, RAM + 0x18) == 0x0123_4567_89ab_cdef
        # The devices answer a cycle later than the RAM: they see a registered request.
        assert await bus_read8(ctx, dbus, UART + 7, latency=2) == 0x5a
        assert await bus_read(ctx, dbus, CLINT + 0x4000, latency=2) == 0x1_0000_0000
        assert await bus_read32(ctx, dbus, PLIC + 4 * 10, latency=2) == 6
        # Past the end of the RAM no target is selected (the core never goes there).
        await bus_write(ctx, dbus, RAM + 8192 + 0x18, 0)
        assert await bus_read(ctx, dbus, RAM + 8192 + 0x18) == 0
        assert await bus_read(ctx, dbus, RAM + 0x18) == 0x0123_4567_89ab_cdef
        assert await bus_read8(ctx, dbus, UART + 0x800 + 7, latency=2) == 0

        # Back to back (None: no request): the RAM answers in the next cycle, a device in
        # the one after (the core leaves that cycle to the device).
        requests = [RAM + 0x18, UART, None, CLINT + 0x4000, None, PLIC + 40, None,
                    RAM + 0x18, CLINT + 0x4000, None, None]
        answers = []
        for addr in requests:
            ctx.set(dbus.valid, addr is not None)
            ctx.set(dbus.addr, addr or 0)
            ctx.set(dbus.sel, 0xff)
            await ctx.tick()
            answers.append(ctx.get(dbus.rdata))
        ctx.set(dbus.valid, 0)
        assert answers[0] == 0x0123_4567_89ab_cdef
        assert answers[1] == 0
        assert answers[2] >> 56 == 0x5a and answers[2] >> 40 & 0xff == 0x60   # SCR, LSR
        assert answers[4] == 0x1_0000_0000
        assert answers[6] == 6
        assert answers[7] == 0x0123_4567_89ab_cdef
        assert answers[9] == 0x1_0000_0000
        assert answers[10] == 0                                       # no request, no data

    run(soc, bench)


def test_fetch_port():
    soc = make_soc(ram_init=[0x0000_0013_0000_006f, 0x1234])
    ibus = soc.core.ibus

    async def bench(ctx):
        ctx.set(ibus.valid, 1)
        ctx.set(ibus.addr, RAM)
        await ctx.tick()
        assert ctx.get(ibus.rdata) == 0x0000_0013_0000_006f
        ctx.set(ibus.addr, RAM + 8)
        await ctx.tick()
        assert ctx.get(ibus.rdata) == 0x1234
        # Stores through the data port are seen by fetches.
        await bus_write32(ctx, soc.core.dbus, RAM + 12, 0x0010_0073)
        await ctx.tick()
        assert ctx.get(ibus.rdata) == 0x0010_0073_0000_1234

    run(soc, bench)


def test_interrupt_wiring():
    soc = make_soc(timebase_div=2)
    core, dbus = soc.core, soc.core.dbus

    async def bench(ctx):
        t0 = ctx.get(core.time)
        await ctx.tick().repeat(10)
        assert ctx.get(core.time) == t0 + 5
        assert (ctx.get(core.irq_msip), ctx.get(core.irq_mtip)) == (0, 0)
        # A device acts on a request one cycle after the core makes it.
        await bus_write32(ctx, dbus, CLINT, 1)
        assert ctx.get(core.irq_msip) == 0
        await ctx.tick()
        assert ctx.get(core.irq_msip) == 1
        await bus_write(ctx, dbus, CLINT + 0x4000, 0)
        await ctx.tick()
        assert ctx.get(core.irq_mtip) == 1

        # The UART is PLIC source 10: M-mode context 0 -> meip, S-mode context 1 -> seip.
        await bus_write32(ctx, dbus, PLIC + 4 * 10, 1)
        await bus_write32(ctx, dbus, PLIC + 0x2000, 1 << 10)
        await bus_write8(ctx, dbus, UART + 1, 0x02)       # IER.ETBEI: THR empty
        await ctx.tick()
        assert await bus_read32(ctx, dbus, PLIC + 0x1000, latency=2) == 1 << 10
        assert (ctx.get(core.irq_meip), ctx.get(core.irq_seip)) == (1, 0)
        await bus_write32(ctx, dbus, PLIC + 0x2080, 1 << 10)
        await ctx.tick().repeat(2)                        # the PLIC's irq is registered
        assert (ctx.get(core.irq_meip), ctx.get(core.irq_seip)) == (1, 1)
        assert await bus_read32(ctx, dbus, PLIC + 0x20_1004, latency=2) == 10
        await ctx.tick()
        assert (ctx.get(core.irq_meip), ctx.get(core.irq_seip)) == (0, 0)

    run(soc, bench)


def test_tohost():
    soc = make_soc(sim=True)
    dbus = soc.core.dbus

    async def expect(ctx, valid, data=None):
        assert ctx.get(soc.tohost_valid) == valid
        if valid:
            assert ctx.get(soc.tohost_data) == data
        await ctx.tick()
        assert ctx.get(soc.tohost_valid) == 0             # a one-cycle strobe

    async def bench(ctx):
        ctx.set(soc.tohost_addr, TOHOST)
        await bus_write32(ctx, dbus, TOHOST, 0xffff_fff1)  # sw: zero-extended
        await expect(ctx, 1, 0xffff_fff1)
        await bus_write32(ctx, dbus, TOHOST + 4, 0)        # riscv-tests clear the upper half
        await expect(ctx, 0)
        await bus_write32(ctx, dbus, TOHOST + 4, 5)        # not the tohost word
        await expect(ctx, 0)
        await bus_write(ctx, dbus, TOHOST, 0x2_0000_0000)  # sd: 64 bits
        await expect(ctx, 1, 0x2_0000_0000)
        await bus_write(ctx, dbus, TOHOST, 0)              # zero is no message
        await expect(ctx, 0)
        await bus_write8(ctx, dbus, TOHOST, 3)             # sb
        await expect(ctx, 1, 3)
        await bus_write32(ctx, dbus, TOHOST + 8, 1)        # elsewhere
        await expect(ctx, 0)
        assert await bus_read(ctx, dbus, TOHOST) == 3      # the store reached the RAM too
        # A tohost word in the upper half of a doubleword.
        ctx.set(soc.tohost_addr, TOHOST + 4)
        await bus_write(ctx, dbus, TOHOST, 0x0000_0007_ffff_ffff)
        await expect(ctx, 1, 7)
        await bus_write32(ctx, dbus, TOHOST, 9)
        await expect(ctx, 0)

    run(soc, bench)


def test_sim_ports():
    soc = make_soc(sim=True)
    core, dbus = soc.core, soc.core.dbus

    async def bench(ctx):
        c0 = ctx.get(soc.cycle)
        await ctx.tick().repeat(7)
        assert ctx.get(soc.cycle) == c0 + 7

        # last_pc follows retirements; every RVFI field is forwarded.
        assert ctx.get(soc.last_pc) == 0
        ctx.set(core.rvfi.valid, 1)
        ctx.set(core.rvfi.pc_rdata, RAM + 0x44)
        ctx.set(core.rvfi.insn, 0x0000_0013)
        ctx.set(core.rvfi.mem_wdata, 0xfeed)
        assert ctx.get(soc.rvfi.valid) == 1
        assert ctx.get(soc.rvfi.insn) == 0x13
        assert ctx.get(soc.rvfi.mem_wdata) == 0xfeed
        await ctx.tick()
        assert ctx.get(soc.last_pc) == RAM + 0x44
        ctx.set(core.rvfi.valid, 0)
        ctx.set(core.rvfi.pc_rdata, RAM + 0x48)
        await ctx.tick()
        assert ctx.get(soc.last_pc) == RAM + 0x44

        # The UART's byte-level port.
        await bus_write8(ctx, dbus, UART, ord("Z"))
        await ctx.tick()
        assert (ctx.get(soc.uart_tx_valid), ctx.get(soc.uart_tx_data)) == (1, ord("Z"))
        await ctx.tick()
        assert ctx.get(soc.uart_tx_valid) == 0
        assert ctx.get(soc.uart_rx_ready) == 1
        ctx.set(soc.uart_rx_valid, 1)
        ctx.set(soc.uart_rx_data, ord("q"))
        await ctx.tick()
        ctx.set(soc.uart_rx_valid, 0)
        assert await bus_read8(ctx, dbus, UART + 5, latency=2) & 1
        assert await bus_read8(ctx, dbus, UART, latency=2) == ord("q")

    run(soc, bench)


def test_uart_pins():
    soc = make_soc()
    dbus = soc.core.dbus

    async def bench(ctx):
        # The reset divisor is 1: a bit lasts 16 cycles. Send 0x00: start + 8 zero bits.
        assert ctx.get(soc.uart_txd) == 1
        await bus_write8(ctx, dbus, UART, 0x00)
        await ctx.tick().repeat(4)
        assert ctx.get(soc.uart_txd) == 0
        await ctx.tick().repeat(9 * 16)
        assert ctx.get(soc.uart_txd) == 1
        # A character on uart_rxd arrives in RBR.
        for bit in [0, 1, 0, 0, 0, 0, 1, 0, 0, 1]:                     # 0x21
            ctx.set(soc.uart_rxd, bit)
            await ctx.tick().repeat(16)
        await ctx.tick().repeat(4)
        assert await bus_read8(ctx, dbus, UART, latency=2) == 0x21

    run(soc, bench)
