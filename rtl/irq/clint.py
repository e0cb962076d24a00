"""The core-local interruptor (CLINT) of the mkrv SoC, for one hart, at spike's layout.

======  =====  ==========================================================
Offset  Width  Register
======  =====  ==========================================================
0x0000  32     msip (bit 0: machine software interrupt of hart 0)
0x4000  64     mtimecmp (hart 0); reset to all ones, so no timer interrupt
0xBFF8  64     mtime; counts up every ``timebase_div`` cycles, writable
======  =====  ==========================================================

Every other address reads zero and ignores writes. Writes follow the byte lanes, so a
32-bit store updates half of ``mtimecmp`` or ``mtime``; a write to ``mtime`` takes priority
over its increment in the same cycle.
"""

from amaranth.hdl import Cat, Module, Mux, Signal
from amaranth.lib import wiring
from amaranth.lib.wiring import In, Out

from ..bus import BusSignature


__all__ = ["CLINT", "MSIP_OFFSET", "MTIMECMP_OFFSET", "MTIME_OFFSET"]


MSIP_OFFSET = 0x0000
MTIMECMP_OFFSET = 0x4000
MTIME_OFFSET = 0xBFF8


def _merge(old, wdata, sel):
    """``old`` with the byte lanes selected in ``sel`` replaced by those of ``wdata``."""
    return Cat(*(Mux(sel[i], wdata[8 * i:8 * i + 8], old[8 * i:8 * i + 8]) for i in range(8)))


class CLINT(wiring.Component):
    """Timer and software interrupts of hart 0.

    Parameters
    ----------
    timebase_div : int
        ``mtime`` counts once every ``timebase_div`` clock cycles.

    Members
    -------
    bus : In(BusSignature(16))
        Register access (offsets within the 64 KiB CLINT region).
    msip : Out(1)
        Machine software interrupt pending.
    mtip : Out(1)
        Machine timer interrupt pending: ``mtime >= mtimecmp``.
    mtime : Out(64)
        The current time, for the ``time`` CSR.
    """

    bus: In(BusSignature(16))
    msip: Out(1)
    mtip: Out(1)
    mtime: Out(64)

    def __init__(self, *, timebase_div=1):
        if not isinstance(timebase_div, int) or timebase_div < 1:
            raise ValueError(f"Timebase divisor must be a positive integer, "
                             f"not {timebase_div!r}")
        self._timebase_div = timebase_div
        super().__init__()

    @property
    def timebase_div(self):
        return self._timebase_div

    def elaborate(self, platform):
        m = Module()
        bus = self.bus

        msip = Signal()
        mtimecmp = Signal(64, init=(1 << 64) - 1)
        mtime = Signal(64)

        dword = bus.addr[3:]
        at_msip = dword == MSIP_OFFSET >> 3
        at_mtimecmp = dword == MTIMECMP_OFFSET >> 3
        at_mtime = dword == MTIME_OFFSET >> 3
        write = bus.valid & bus.we

        if self._timebase_div == 1:
            m.d.sync += mtime.eq(mtime + 1)
        else:
            prescaler = Signal(range(self._timebase_div))
            with m.If(prescaler == self._timebase_div - 1):
                m.d.sync += [
                    prescaler.eq(0),
                    mtime.eq(mtime + 1),
                ]
            with m.Else():
                m.d.sync += prescaler.eq(prescaler + 1)

        with m.If(write & at_msip & bus.sel[0]):
            m.d.sync += msip.eq(bus.wdata[0])
        with m.If(write & at_mtimecmp):
            m.d.sync += mtimecmp.eq(_merge(mtimecmp, bus.wdata, bus.sel))
        with m.If(write & at_mtime):
            m.d.sync += mtime.eq(_merge(mtime, bus.wdata, bus.sel))

        with m.If(bus.valid & ~bus.we):
            with m.If(at_msip):
                m.d.sync += bus.rdata.eq(msip)
            with m.Elif(at_mtimecmp):
                m.d.sync += bus.rdata.eq(mtimecmp)
            with m.Elif(at_mtime):
                m.d.sync += bus.rdata.eq(mtime)
            with m.Else():
                m.d.sync += bus.rdata.eq(0)

        m.d.comb += [
            self.msip.eq(msip),
            self.mtip.eq(mtime >= mtimecmp),
            self.mtime.eq(mtime),
        ]
        return m
