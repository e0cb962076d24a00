"""Load/store alignment: byte lanes and data of stores, extraction and extension of loads."""

from amaranth.hdl import Module, Mux, Signal
from amaranth.lib import wiring
from amaranth.lib.wiring import In, Out


__all__ = ["StoreAlign", "LoadAlign", "misaligned"]


def misaligned(addr, size):
    """Whether an access of ``2**size`` bytes at ``addr`` is not naturally aligned."""
    return Mux(size == 0, 0,
           Mux(size == 1, addr[0],
           Mux(size == 2, addr[:2] != 0, addr[:3] != 0)))


class StoreAlign(wiring.Component):
    """Byte lanes and lane-aligned data of a naturally aligned store.

    Members
    -------
    addr : In(3)
        Low bits of the address.
    size : In(2)
        log2 of the access size in bytes.
    data : In(64)
        Value in the low bytes.
    sel : Out(8)
    wdata : Out(64)
    """

    addr:  In(3)
    size:  In(2)
    data:  In(64)
    sel:   Out(8)
    wdata: Out(64)

    def elaborate(self, platform):
        m = Module()
        with m.Switch(self.size):
            with m.Case(0):
                m.d.comb += [self.sel.eq(0b1 << self.addr),
                             self.wdata.eq(self.data[:8].replicate(8))]
            with m.Case(1):
                m.d.comb += [self.sel.eq(0b11 << self.addr),
                             self.wdata.eq(self.data[:16].replicate(4))]
            with m.Case(2):
                m.d.comb += [self.sel.eq(0b1111 << self.addr),
                             self.wdata.eq(self.data[:32].replicate(2))]
            with m.Case(3):
                m.d.comb += [self.sel.eq(0xff), self.wdata.eq(self.data)]
        return m


class LoadAlign(wiring.Component):
    """Value of a naturally aligned load from the doubleword read.

    Members
    -------
    addr : In(3)
    size : In(2)
    unsigned : In(1)
        Zero-extend (``lbu``, ``lhu``, ``lwu``) instead of sign-extend.
    rdata : In(64)
        The doubleword read.
    data : Out(64)
    """

    addr:     In(3)
    size:     In(2)
    unsigned: In(1)
    rdata:    In(64)
    data:     Out(64)

    def elaborate(self, platform):
        m = Module()
        shifted = Signal(64)
        m.d.comb += shifted.eq(self.rdata >> (self.addr * 8))
        with m.Switch(self.size):
            with m.Case(0):
                m.d.comb += self.data.eq(Mux(self.unsigned, shifted[:8], shifted[:8].as_signed()))
            with m.Case(1):
                m.d.comb += self.data.eq(Mux(self.unsigned, shifted[:16],
                                             shifted[:16].as_signed()))
            with m.Case(2):
                m.d.comb += self.data.eq(Mux(self.unsigned, shifted[:32],
                                             shifted[:32].as_signed()))
            with m.Case(3):
                m.d.comb += self.data.eq(shifted)
        return m
