"""A stand-in for the core, with the core's ports, for SoC tests and lint runs.

``FakeCore(reset_pc=..., ram_size=...)`` has the ports the SoC expects of
:class:`rtl.core.core.Core` (:data:`rtl.soc.soc.CORE_PORTS`). By default it has no logic: a
testbench drives its outputs (the fetch and data ports, RVFI) and reads its inputs. With ``live=True`` it is a toy
initiator whose outputs are registered functions of all its inputs, so that the generated
Verilog has no dead or undriven logic (for ``verilator --lint-only``); it does nothing useful.
"""

from amaranth.hdl import Cat, Module, Signal
from amaranth.lib import wiring
from amaranth.lib.wiring import In, Out

from ..bus import BusSignature
from ..core.rvfi import RVFISignature
from .memmap import DEFAULT_RAM_SIZE, PADDR_BITS, RAM_BASE


__all__ = ["FakeCore"]


class FakeCore(wiring.Component):
    """The core's ports without the core.

    Parameters
    ----------
    reset_pc : int
        Recorded only.
    ram_size : int
        Recorded only.
    live : bool
        Drive the outputs from the inputs (for lint), instead of leaving them to a testbench.

    Members
    -------
    ibus, dbus : Out(BusSignature(32))
        Fetch and data ports.
    time : In(64)
        ``mtime``.
    irq_msip, irq_mtip, irq_meip, irq_seip : In(1)
        Interrupt lines.
    rvfi : Out(RVFISignature())
        Retirement port.
    """

    ibus: Out(BusSignature(PADDR_BITS))
    dbus: Out(BusSignature(PADDR_BITS))
    time: In(64)
    irq_msip: In(1)
    irq_mtip: In(1)
    irq_meip: In(1)
    irq_seip: In(1)
    rvfi: Out(RVFISignature())

    def __init__(self, *, reset_pc=RAM_BASE, ram_size=DEFAULT_RAM_SIZE, live=False):
        self.reset_pc = reset_pc
        self.ram_size = ram_size
        self._live = live
        super().__init__()

    def elaborate(self, platform):
        m = Module()
        if not self._live:
            return m

        # A 64-bit register stirred by every input; every output is a slice of it.
        state = Signal(64, init=self.reset_pc)
        irqs = Cat(self.irq_msip, self.irq_mtip, self.irq_meip, self.irq_seip)
        m.d.sync += state.eq(Cat(state[1:], state[0]) ^ self.ibus.rdata ^ self.dbus.rdata
                             ^ self.time ^ irqs)
        for bus in (self.ibus, self.dbus):
            m.d.comb += [
                bus.valid.eq(state[0]),
                bus.addr.eq(state),
                bus.we.eq(state[1] & (bus is self.dbus)),
                bus.sel.eq(state[8:16]),
                bus.wdata.eq(state),
            ]
        for name, member in self.rvfi.signature.members.items():
            port = getattr(self.rvfi, name)
            m.d.comb += port.eq(state[:len(port)])
        return m
