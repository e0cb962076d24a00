"""Helpers for Amaranth-simulator testbenches of the SoC and its devices.

An initiator model of the fixed-latency bus (:mod:`rtl.bus`): each call drives one request
for one cycle and, for a read, returns the data of the following cycle. ``bus`` is any bus
interface the testbench may drive (a device's target port, or a fake core's initiator port).
"""

__all__ = ["bus_read", "bus_write", "bus_read8", "bus_write8", "bus_read32", "bus_write32",
           "lanes_of"]


def lanes_of(addr, size):
    """Byte-lane mask of an aligned access of ``size`` bytes at ``addr``."""
    assert size in (1, 2, 4, 8) and addr % size == 0
    return ((1 << size) - 1) << (addr & 7)


async def bus_write(ctx, bus, addr, data, sel=0xff):
    """Write doubleword ``data`` (lane-aligned) to the lanes ``sel`` of ``addr``."""
    ctx.set(bus.valid, 1)
    ctx.set(bus.addr, addr)
    ctx.set(bus.we, 1)
    ctx.set(bus.sel, sel)
    ctx.set(bus.wdata, data)
    await ctx.tick()
    ctx.set(bus.valid, 0)
    ctx.set(bus.we, 0)


async def bus_read(ctx, bus, addr, sel=0xff, latency=1):
    """Read the doubleword at ``addr`` with the lanes ``sel``; the answer ``latency`` cycles
    later (1 on a device's own port and for the SoC's RAM, 2 for a device through the SoC)."""
    ctx.set(bus.valid, 1)
    ctx.set(bus.addr, addr)
    ctx.set(bus.we, 0)
    ctx.set(bus.sel, sel)
    await ctx.tick()
    ctx.set(bus.valid, 0)
    for _ in range(latency - 1):
        await ctx.tick()
    return ctx.get(bus.rdata)


async def bus_write8(ctx, bus, addr, value):
    """Store one byte."""
    await bus_write(ctx, bus, addr, (value & 0xff) << 8 * (addr & 7), lanes_of(addr, 1))


async def bus_read8(ctx, bus, addr, latency=1):
    """Load one byte."""
    return (await bus_read(ctx, bus, addr, lanes_of(addr, 1), latency)) >> 8 * (addr & 7) & 0xff


async def bus_write32(ctx, bus, addr, value):
    """Store one word."""
    await bus_write(ctx, bus, addr, (value & 0xffff_ffff) << 8 * (addr & 7),
                    lanes_of(addr, 4))


async def bus_read32(ctx, bus, addr, latency=1):
    """Load one word."""
    return ((await bus_read(ctx, bus, addr, lanes_of(addr, 4), latency)) >> 8 * (addr & 7)
            & 0xffff_ffff)
