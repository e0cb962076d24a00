"""The CLINT (rtl/irq/clint.py), in the Amaranth simulator."""

import pytest
from amaranth.sim import Simulator

from rtl.irq.clint import CLINT
from rtl.soc.testing import bus_read, bus_read32, bus_write, bus_write32


# Components built only to check their constructor are never elaborated.
pytestmark = pytest.mark.filterwarnings("ignore::amaranth.hdl.UnusedElaboratable")


MSIP = 0x0000
MTIMECMP = 0x4000
MTIME = 0xbff8


def run(dut, bench):
    sim = Simulator(dut)
    sim.add_clock(1e-6)
    sim.add_testbench(bench)
    sim.run()


def test_construction_errors():
    with pytest.raises(ValueError, match=r"^Timebase divisor must be a positive integer, not 0$"):
        CLINT(timebase_div=0)
    with pytest.raises(ValueError,
                       match=r"^Timebase divisor must be a positive integer, not 2\.0$"):
        CLINT(timebase_div=2.0)


def test_mtime_counts_every_cycle():
    dut = CLINT()

    async def bench(ctx):
        t0 = ctx.get(dut.mtime)
        await ctx.tick().repeat(10)
        assert ctx.get(dut.mtime) == t0 + 10
        # A read returns mtime as it was in the cycle of the request.
        t1 = ctx.get(dut.mtime)
        assert await bus_read(ctx, dut.bus, MTIME) == t1

    run(dut, bench)


def test_mtime_timebase_div():
    dut = CLINT(timebase_div=3)

    async def bench(ctx):
        values = []
        for _ in range(12):
            values.append(ctx.get(dut.mtime))
            await ctx.tick()
        assert values == [0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3]

    run(dut, bench)


def test_mtimecmp_and_mtip():
    dut = CLINT()

    async def bench(ctx):
        # mtimecmp resets to all ones: no timer interrupt.
        assert await bus_read(ctx, dut.bus, MTIMECMP) == (1 << 64) - 1
        assert ctx.get(dut.mtip) == 0
        # mtip is high exactly while mtime >= mtimecmp.
        target = ctx.get(dut.mtime) + 20
        await bus_write(ctx, dut.bus, MTIMECMP, target)
        while ctx.get(dut.mtime) < target:
            assert ctx.get(dut.mtip) == 0
            await ctx.tick()
        assert ctx.get(dut.mtime) == target
        assert ctx.get(dut.mtip) == 1
        await ctx.tick().repeat(5)
        assert ctx.get(dut.mtip) == 1
        # 32-bit writes update one half: an upper half of 1 puts mtimecmp far ahead.
        await bus_write32(ctx, dut.bus, MTIMECMP + 4, 1)
        assert ctx.get(dut.mtip) == 0
        assert await bus_read(ctx, dut.bus, MTIMECMP) == (1 << 32) | target
        assert await bus_read32(ctx, dut.bus, MTIMECMP + 4) == 1

    run(dut, bench)


def test_mtime_writable():
    dut = CLINT()

    async def bench(ctx):
        await bus_write(ctx, dut.bus, MTIME, 0x1234_5678_0000_0000)
        assert ctx.get(dut.mtime) == 0x1234_5678_0000_0000
        await ctx.tick().repeat(4)
        assert ctx.get(dut.mtime) == 0x1234_5678_0000_0004
        # A 32-bit write of the low half leaves the high half.
        await bus_write32(ctx, dut.bus, MTIME, 0xffff_fff0)
        assert ctx.get(dut.mtime) == 0x1234_5678_ffff_fff0
        await ctx.tick().repeat(0x10)
        assert ctx.get(dut.mtime) == 0x1234_5679_0000_0000
        # Time passing past mtimecmp raises mtip.
        await bus_write(ctx, dut.bus, MTIMECMP, 0x1234_5679_0000_0100)
        assert ctx.get(dut.mtip) == 0
        await bus_write(ctx, dut.bus, MTIME, 0x1234_5679_0000_0100)
        assert ctx.get(dut.mtip) == 1

    run(dut, bench)


def test_msip():
    dut = CLINT()

    async def bench(ctx):
        assert ctx.get(dut.msip) == 0
        await bus_write32(ctx, dut.bus, MSIP, 1)
        assert ctx.get(dut.msip) == 1
        assert await bus_read32(ctx, dut.bus, MSIP) == 1
        # Only bit 0 exists; a write to the next word (hart 1) does nothing.
        await bus_write32(ctx, dut.bus, MSIP + 4, 0)
        assert ctx.get(dut.msip) == 1
        assert await bus_read(ctx, dut.bus, MSIP) == 1
        await bus_write32(ctx, dut.bus, MSIP, 0xffff_fffe)
        assert ctx.get(dut.msip) == 0
        assert ctx.get(dut.mtip) == 0
        # Elsewhere: reads zero, writes nothing.
        await bus_write(ctx, dut.bus, 0x8, 1)
        assert await bus_read(ctx, dut.bus, 0x8) == 0
        assert ctx.get(dut.msip) == 0

    run(dut, bench)
