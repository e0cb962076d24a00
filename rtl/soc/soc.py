"""The mkrv SoC: the core with RAM, UART, CLINT and PLIC at spike's and QEMU virt's addresses.

The core's fetch port goes straight to the RAM (the core fetches from RAM only). Its data port
is decoded by region (:func:`rtl.soc.memmap.regions`): the RAM sees the request of its region
in the cycle the core makes it, the devices (UART, CLINT, PLIC) one cycle later from a
register, which keeps the core's execute stage off the devices' logic (the core spends a
second cycle in execute on a device access); the read data of the target addressed in the
previous cycle is returned. The core checks every address against the memory map before it
drives the bus, so the decoder has no error path.

Interrupts: the CLINT drives ``irq_msip``, ``irq_mtip`` and ``time``; the PLIC's contexts 0 and
1 drive ``irq_meip`` and ``irq_seip``; the UART is PLIC source :data:`UART_IRQ` (10).
"""

from types import SimpleNamespace

from amaranth.hdl import Cat, Module, Mux, Shape, Signal
from amaranth.lib import wiring
from amaranth.lib.wiring import In, Out, connect, flipped

from ..bus import BusSignature
from ..core.rvfi import RVFISignature
from ..irq.clint import CLINT
from ..irq.plic import PLIC
from . import memmap
from .ram import RAM, VerilogRAM
from .uart import UART


__all__ = ["SoC", "UART_IRQ", "CORE_PORTS"]


#: PLIC source of the UART.
UART_IRQ = memmap.UART_IRQ

#: The ports the SoC expects of its core: name -> (direction, signature or width).
CORE_PORTS = {
    "ibus":     (Out, BusSignature(memmap.PADDR_BITS)),
    "dbus":     (Out, BusSignature(memmap.PADDR_BITS)),
    "time":     (In, 64),
    "irq_msip": (In, 1),
    "irq_mtip": (In, 1),
    "irq_meip": (In, 1),
    "irq_seip": (In, 1),
    "rvfi":     (Out, RVFISignature()),
}


def _check_core(core):
    members = getattr(getattr(core, "signature", None), "members", None)
    ok = members is not None
    for name, (flow, shape) in CORE_PORTS.items():
        if not ok or name not in members:
            ok = False
            break
        member = members[name]
        if isinstance(shape, wiring.Signature):
            ok = member.is_signature and member.flow == flow and member.signature == shape
        else:
            ok = (member.is_port and member.flow == flow
                  and Shape.cast(member.shape) == Shape.cast(shape))
        if not ok:
            break
    if not ok:
        ports = ", ".join(f"{name}: {flow.name}({shape!r})"
                          for name, (flow, shape) in CORE_PORTS.items())
        raise TypeError(f"Core must be a component with the ports {ports}, not {core!r}")


class SoC(wiring.Component):
    """The core and its devices.

    Parameters
    ----------
    ram_size : int
        RAM size in bytes (a power of two, at least 4096), at 0x8000_0000.
    ram_init : list of int, optional
        Initial RAM contents, one doubleword per element from 0x8000_0000 (``ram_impl`` must
        be ``"amaranth"``; the Verilog RAM loads ``+mkrv_ram=<file>`` instead).
    ram_impl : ``"amaranth"`` or ``"verilog"``
        :class:`~rtl.soc.ram.RAM` (FPGAs, Amaranth simulation) or
        :class:`~rtl.soc.ram.VerilogRAM` (Verilator).
    sim : bool
        Add the simulator ports (tohost, the UART's byte-level port, cycle and last PC) and
        make the UART transmit instantly.
    timebase_div : int
        Clock cycles per ``mtime`` tick.
    reset_pc : int
        Address of the first instruction, 4-byte aligned, in RAM.
    core : callable, optional
        Called as ``core(reset_pc=reset_pc, ram_size=ram_size)`` to make the core;
        :class:`rtl.core.core.Core` by default, :class:`rtl.soc.fake_core.FakeCore` in tests.

    Members
    -------
    uart_txd : Out(1)
        UART serial output.
    uart_rxd : In(1)
        UART serial input.
    rvfi : Out(RVFISignature())
        The core's retirement port.
    tohost_addr : In(32)
        (``sim`` only) Address of the ``tohost`` word.
    tohost_valid : Out(1)
        (``sim`` only) Strobe, one cycle after the core's data port wrote a nonzero value to
        the word at ``tohost_addr``.
    tohost_data : Out(64)
        (``sim`` only) That value: the bytes written from ``tohost_addr`` up, so a ``sw``
        gives the zero-extended word and a ``sd`` the doubleword.
    uart_tx_valid, uart_tx_data, uart_rx_valid, uart_rx_data, uart_rx_ready
        (``sim`` only) The UART's byte-level port (:class:`~rtl.soc.uart.UART`).
    cycle : Out(64)
        (``sim`` only) Cycles since reset.
    last_pc : Out(64)
        (``sim`` only) ``pc_rdata`` of the last instruction retired.
    """

    def __init__(self, *, ram_size=memmap.DEFAULT_RAM_SIZE, ram_init=None, ram_impl="amaranth",
                 sim=False, timebase_div=1, reset_pc=memmap.RAM_BASE, core=None):
        self._regions = memmap.regions(ram_size)
        if ram_impl not in ("amaranth", "verilog"):
            raise ValueError(f"RAM implementation must be 'amaranth' or 'verilog', "
                             f"not {ram_impl!r}")
        if ram_impl == "verilog" and ram_init is not None:
            raise ValueError(f"RAM initial contents must be None with the Verilog RAM "
                             f"(it loads +mkrv_ram=<file>), not {type(ram_init).__name__}")
        if not isinstance(sim, bool):
            raise TypeError(f"Simulation flag must be a bool, not {sim!r}")
        ram_region = self._regions[-1]
        if (not isinstance(reset_pc, int) or reset_pc not in ram_region or reset_pc % 4):
            raise ValueError(f"Reset PC must be a 4-byte aligned address in RAM "
                             f"({ram_region.base:#x}..{ram_region.base + ram_region.size - 1:#x})"
                             f", not {reset_pc!r}")

        self._ram_size = ram_size
        self._sim = sim
        self._reset_pc = reset_pc

        self.clint = CLINT(timebase_div=timebase_div)
        self.plic = PLIC()
        self.uart = UART(sim=sim)
        if ram_impl == "amaranth":
            self.ram = RAM(ram_size, init=ram_init)
        else:
            self.ram = VerilogRAM(ram_size)
        if core is None:
            from ..core.core import Core as core
        self.core = core(reset_pc=reset_pc, ram_size=ram_size)
        _check_core(self.core)

        members = {
            "uart_txd": Out(1, init=1),
            "uart_rxd": In(1, init=1),
            "rvfi":     Out(RVFISignature()),
        }
        if sim:
            members.update({
                "tohost_addr":   In(memmap.PADDR_BITS),
                "tohost_valid":  Out(1),
                "tohost_data":   Out(64),
                "uart_tx_valid": Out(1),
                "uart_tx_data":  Out(8),
                "uart_rx_valid": In(1),
                "uart_rx_data":  In(8),
                "uart_rx_ready": Out(1),
                "cycle":         Out(64),
                "last_pc":       Out(64),
            })
        super().__init__(members)

    @property
    def regions(self):
        """The memory map of this SoC (:func:`rtl.soc.memmap.regions`)."""
        return list(self._regions)

    @property
    def sim(self):
        return self._sim

    @property
    def reset_pc(self):
        return self._reset_pc

    def elaborate(self, platform):
        m = Module()
        m.submodules.core = core = self.core
        m.submodules.ram = ram = self.ram
        m.submodules.uart = uart = self.uart
        m.submodules.clint = clint = self.clint
        m.submodules.plic = plic = self.plic

        connect(m, core.ibus, ram.ibus)

        # Data port decoder, by region. `resp` remembers which target answers next cycle.
        # The RAM sees the core's request as it is; the devices see it one cycle later,
        # from a register (the core gives a device access a second cycle in X, so its
        # answer still arrives when the instruction is in M).
        dbus = core.dbus
        targets = {"clint": clint.bus, "plic": plic.bus, "uart": uart.bus, "ram": ram.dbus}
        io = SimpleNamespace(**{name: Signal.like(getattr(dbus, name), name=f"io_{name}")
                                for name in ("valid", "addr", "we", "sel", "wdata")})
        m.d.sync += [getattr(io, name).eq(getattr(dbus, name))
                     for name in ("valid", "addr", "we", "sel", "wdata")]
        resp = Signal(len(self._regions))
        rdata = 0
        for i, region in enumerate(self._regions):
            target = targets[region.name]
            req = dbus if region.name == "ram" else io
            shift = region.size.bit_length() - 1
            assert region.size == 1 << shift and region.base % region.size == 0
            hit = req.addr[shift:] == region.base >> shift
            m.d.comb += [
                target.valid.eq(req.valid & hit),
                target.addr.eq(req.addr),
                target.we.eq(req.we),
                target.sel.eq(req.sel),
                target.wdata.eq(req.wdata),
            ]
            m.d.sync += resp[i].eq(req.valid & hit)
            rdata = rdata | Mux(resp[i], target.rdata, 0)
        m.d.comb += dbus.rdata.eq(rdata)

        m.d.comb += [
            core.time.eq(clint.mtime),
            core.irq_msip.eq(clint.msip),
            core.irq_mtip.eq(clint.mtip),
            core.irq_meip.eq(plic.irq[0]),
            core.irq_seip.eq(plic.irq[1]),
            plic.sources[UART_IRQ].eq(uart.irq),
            self.uart_txd.eq(uart.txd),
            uart.rxd.eq(self.uart_rxd),
        ]
        connect(m, core.rvfi, flipped(self.rvfi))

        if self._sim:
            m.d.comb += [
                self.uart_tx_valid.eq(uart.tx_valid),
                self.uart_tx_data.eq(uart.tx_data),
                uart.rx_valid.eq(self.uart_rx_valid),
                uart.rx_data.eq(self.uart_rx_data),
                self.uart_rx_ready.eq(uart.rx_ready),
            ]

            # tohost: the bytes written from tohost_addr up, when a lane of its word is
            # written and they are not all zero (riscv-tests clear the upper word after).
            upper = self.tohost_addr[2]
            masked = Cat(*(Mux(dbus.sel[i], dbus.wdata[8 * i:8 * i + 8], 0) for i in range(8)))
            value = Signal(64)
            strobe = Signal()
            m.d.comb += [
                value.eq(Mux(upper, masked[32:64], masked)),
                strobe.eq(dbus.valid & dbus.we
                          & (dbus.addr[3:] == self.tohost_addr[3:])
                          & Mux(upper, dbus.sel[4:8], dbus.sel[0:4]).any()
                          & (value != 0)),
            ]
            m.d.sync += self.tohost_valid.eq(strobe)
            with m.If(strobe):
                m.d.sync += self.tohost_data.eq(value)

            m.d.sync += self.cycle.eq(self.cycle + 1)
            with m.If(core.rvfi.valid):
                m.d.sync += self.last_pc.eq(core.rvfi.pc_rdata)

        return m
