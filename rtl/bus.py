"""The on-chip memory bus of mkrv.

One initiator (the core's data port, or its fetch port) talks to one target. The bus has a
fixed latency of one cycle, the latency of a block RAM read port:

- in cycle *t* the initiator drives ``valid`` with ``addr``, ``we``, ``sel`` and ``wdata``;
- the target performs the write at the end of cycle *t*;
- in cycle *t + 1* ``rdata`` holds the doubleword read at ``addr`` in cycle *t*.

There is no back-pressure and no error response: the core checks every physical address
against the physical memory attributes (:mod:`rtl.soc.memmap`) before it drives the bus, so
an access that reaches a target always hits a device. ``addr`` is a byte address; targets
ignore its low three bits and use ``sel`` (one bit per byte lane of the 64-bit doubleword).
A read has ``we`` low and may have any ``sel``; devices with read side effects (a UART
receive FIFO) act only when the lane they own is selected.
"""

from amaranth.lib import wiring
from amaranth.lib.wiring import In, Out


__all__ = ["BusSignature"]


class BusSignature(wiring.Signature):
    """Signature of the fixed-latency memory bus, seen from the initiator.

    Parameters
    ----------
    addr_width : int
        Width of the byte address.

    Members
    -------
    valid : Out(1)
        A request is presented this cycle.
    addr : Out(addr_width)
        Byte address of the request.
    we : Out(1)
        The request is a write.
    sel : Out(8)
        Byte lanes written (for a write) or wanted (for a read).
    wdata : Out(64)
        Write data, aligned to the doubleword (byte lane *i* is ``wdata[8*i:8*i+8]``).
    rdata : In(64)
        Read data of the request of the previous cycle.
    """

    def __init__(self, addr_width=32):
        if not isinstance(addr_width, int) or not 8 <= addr_width <= 64:
            raise TypeError(f"Bus address width must be an integer in 8..64, not {addr_width!r}")
        self._addr_width = addr_width
        super().__init__({
            "valid": Out(1),
            "addr":  Out(addr_width),
            "we":    Out(1),
            "sel":   Out(8),
            "wdata": Out(64),
            "rdata": In(64),
        })

    @property
    def addr_width(self):
        return self._addr_width

    def __eq__(self, other):
        return isinstance(other, BusSignature) and self.addr_width == other.addr_width

    def __repr__(self):
        return f"BusSignature(addr_width={self.addr_width})"
