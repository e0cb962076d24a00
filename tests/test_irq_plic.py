"""The PLIC (rtl/irq/plic.py), in the Amaranth simulator."""

from amaranth.sim import Simulator

from rtl.irq.plic import PLIC
from rtl.soc.testing import bus_read, bus_read32, bus_write, bus_write32


PENDING = 0x1000


def enable(ctx_):
    return 0x2000 + 0x80 * ctx_


def threshold(ctx_):
    return 0x20_0000 + 0x1000 * ctx_


def claim(ctx_):
    return 0x20_0004 + 0x1000 * ctx_


def run(dut, bench):
    sim = Simulator(dut)
    sim.add_clock(1e-6)
    sim.add_testbench(bench)
    sim.run()


def raise_sources(ctx, dut, *sources):
    ctx.set(dut.sources, sum(1 << s for s in sources))


def test_registers():
    dut = PLIC()

    async def bench(ctx):
        for s in range(1, 32):
            await bus_write32(ctx, dut.bus, 4 * s, s % 8)
        for s in range(1, 32):
            assert await bus_read32(ctx, dut.bus, 4 * s) == s % 8
        # Two priorities per doubleword; only 3 bits each.
        await bus_write(ctx, dut.bus, 0x10, 0xffff_ffff_0000_0002)
        assert await bus_read(ctx, dut.bus, 0x10) == 0x7_0000_0002
        # Source 0 does not exist.
        await bus_write32(ctx, dut.bus, 0, 7)
        assert await bus_read32(ctx, dut.bus, 0) == 0
        # Enables, per byte lane; bit 0 is hardwired to 0.
        await bus_write32(ctx, dut.bus, enable(0), 0xffff_ffff)
        await bus_write32(ctx, dut.bus, enable(1), 0x0000_0400)
        await bus_write(ctx, dut.bus, enable(0), 0x00, sel=0x02)
        assert await bus_read32(ctx, dut.bus, enable(0)) == 0xffff_00fe
        assert await bus_read32(ctx, dut.bus, enable(1)) == 0x0000_0400
        await bus_write32(ctx, dut.bus, threshold(0), 0xff)
        await bus_write32(ctx, dut.bus, threshold(1), 3)
        assert await bus_read32(ctx, dut.bus, threshold(0)) == 7
        assert await bus_read32(ctx, dut.bus, threshold(1)) == 3
        # Pending is read-only; unmapped addresses read zero.
        await bus_write32(ctx, dut.bus, PENDING, 0xffff_ffff)
        assert await bus_read32(ctx, dut.bus, PENDING) == 0
        assert await bus_read(ctx, dut.bus, 0x3000) == 0

    run(dut, bench)


def test_priority_order_and_claim_complete():
    dut = PLIC()

    async def bench(ctx):
        for s, p in ((3, 2), (5, 5), (7, 5), (9, 0)):
            await bus_write32(ctx, dut.bus, 4 * s, p)
        await bus_write32(ctx, dut.bus, enable(0), (1 << 3) | (1 << 5) | (1 << 7) | (1 << 9))
        raise_sources(ctx, dut, 0, 3, 5, 7, 9)          # source 0 is ignored
        await ctx.tick()
        # Pending from this edge; irq is registered, so it follows a cycle later.
        assert ctx.get(dut.irq) == 0
        await ctx.tick()
        assert ctx.get(dut.irq) == 0b01
        assert await bus_read32(ctx, dut.bus, PENDING) == (1 << 3) | (1 << 5) | (1 << 7) | (1 << 9)
        # The highest priority first, the lowest number on a tie; priority 0 never.
        assert await bus_read32(ctx, dut.bus, claim(0)) == 5
        assert await bus_read32(ctx, dut.bus, claim(0)) == 7
        assert await bus_read32(ctx, dut.bus, claim(0)) == 3
        await ctx.tick()                                 # irq is registered
        assert ctx.get(dut.irq) == 0
        assert await bus_read32(ctx, dut.bus, claim(0)) == 0
        assert await bus_read32(ctx, dut.bus, PENDING) == 1 << 9

        # Claimed sources that stay high are not pending again until completed.
        await ctx.tick().repeat(5)
        assert await bus_read32(ctx, dut.bus, PENDING) == 1 << 9
        await ctx.tick()                                 # irq is registered
        assert ctx.get(dut.irq) == 0
        await bus_write32(ctx, dut.bus, claim(0), 7)
        await ctx.tick()
        assert await bus_read32(ctx, dut.bus, PENDING) == (1 << 7) | (1 << 9)
        await ctx.tick()                                 # irq is registered
        assert ctx.get(dut.irq) == 0b01
        # A source that went low while claimed is not pending after completion.
        raise_sources(ctx, dut, 7, 9)
        await bus_write32(ctx, dut.bus, claim(0), 5)
        await ctx.tick()
        assert await bus_read32(ctx, dut.bus, PENDING) == (1 << 7) | (1 << 9)
        # A pending source stays pending when it goes low (until claimed).
        raise_sources(ctx, dut)
        await ctx.tick()
        assert await bus_read32(ctx, dut.bus, PENDING) == (1 << 7) | (1 << 9)
        # A 64-bit read of threshold + claim claims too; a read of threshold alone does not.
        await bus_read32(ctx, dut.bus, threshold(0))
        assert await bus_read(ctx, dut.bus, threshold(0)) >> 32 == 7
        assert await bus_read32(ctx, dut.bus, PENDING) == 1 << 9

    run(dut, bench)


def test_threshold():
    dut = PLIC()

    async def bench(ctx):
        await bus_write32(ctx, dut.bus, 4 * 10, 4)
        await bus_write32(ctx, dut.bus, enable(0), 1 << 10)
        raise_sources(ctx, dut, 10)
        for thr, irq in ((0, 1), (3, 1), (4, 0), (7, 0)):
            await bus_write32(ctx, dut.bus, threshold(0), thr)
            await ctx.tick()                                 # irq is registered
            assert ctx.get(dut.irq) == irq, thr
        # The threshold does not stop a claim.
        assert await bus_read32(ctx, dut.bus, claim(0)) == 10

    run(dut, bench)


def test_contexts():
    dut = PLIC()

    async def bench(ctx):
        await bus_write32(ctx, dut.bus, 4 * 4, 1)
        await bus_write32(ctx, dut.bus, 4 * 6, 6)
        await bus_write32(ctx, dut.bus, enable(0), 1 << 4)
        await bus_write32(ctx, dut.bus, enable(1), 1 << 6)
        raise_sources(ctx, dut, 6)
        await ctx.tick()
        await ctx.tick()                                 # irq is registered
        assert ctx.get(dut.irq) == 0b10                  # S-mode context only
        assert await bus_read32(ctx, dut.bus, claim(0)) == 0
        raise_sources(ctx, dut, 4, 6)
        await ctx.tick()
        await ctx.tick()                                 # irq is registered
        assert ctx.get(dut.irq) == 0b11
        assert await bus_read32(ctx, dut.bus, claim(0)) == 4
        await ctx.tick()                                 # irq is registered
        assert ctx.get(dut.irq) == 0b10
        # A completion for a source the context has not enabled is ignored.
        await bus_write32(ctx, dut.bus, claim(1), 4)
        await ctx.tick()
        assert await bus_read32(ctx, dut.bus, PENDING) == 1 << 6
        await bus_write32(ctx, dut.bus, claim(0), 4)
        await ctx.tick()
        assert await bus_read32(ctx, dut.bus, PENDING) == (1 << 4) | (1 << 6)
        assert await bus_read32(ctx, dut.bus, claim(1)) == 6
        await ctx.tick()                                 # irq is registered
        assert ctx.get(dut.irq) == 0b01

    run(dut, bench)
