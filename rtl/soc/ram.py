"""The main memory of the mkrv SoC: a RAM with a fetch port and a data port.

Two implementations have the same signature:

- :class:`RAM` is an Amaranth :class:`~amaranth.lib.memory.Memory`, optionally initialised,
  for FPGAs and the Amaranth simulator;
- :class:`VerilogRAM` instantiates the Verilog module ``mkrv_ram`` (:data:`MKRV_RAM_V`), a
  plain ``reg [63:0] mem [0:WORDS-1]`` that Verilator simulates fast and that loads its
  contents at time zero from the file named by the plusarg ``+mkrv_ram=<file>``.

Both have the one-cycle read latency of :mod:`rtl.bus`. A fetch in the cycle of a data write
to the same doubleword sees the written bytes (the fetch port is transparent to the write
port): with a non-transparent fetch port yosys replicates the memory for its ports, 128
ECP5 block RAMs for 128 KiB instead of 64. RISC-V allows either (a store is guaranteed
visible to fetch only after ``fence.i``); the data port reads or writes, never both.
"""

from pathlib import Path

from amaranth.hdl import ClockSignal, Instance, Module, Mux
from amaranth.lib import wiring
from amaranth.lib.memory import Memory
from amaranth.lib.wiring import In

from ..bus import BusSignature
from .memmap import PADDR_BITS


__all__ = ["RAM", "VerilogRAM", "MKRV_RAM_V", "hex_image"]


#: Path of the Verilog source of ``mkrv_ram``, to be given to Verilator with the design.
MKRV_RAM_V = Path(__file__).with_name("mkrv_ram.v")


def _check_size(size):
    if not isinstance(size, int) or size < 8 or size & (size - 1):
        raise ValueError(f"RAM size must be a power of two of at least 8 bytes, not {size!r}")
    if size > 1 << PADDR_BITS:
        raise ValueError(f"RAM size must be at most 4 GiB, not {size:#x}")


class _RAMBase(wiring.Component):
    """The signature shared by :class:`RAM` and :class:`VerilogRAM`.

    Members
    -------
    ibus : In(BusSignature(32))
        Fetch port (reads only; ``we``, ``sel`` and ``wdata`` are ignored).
    dbus : In(BusSignature(32))
        Data port: reads, and writes of the byte lanes in ``sel``.
    """

    ibus: In(BusSignature(PADDR_BITS))
    dbus: In(BusSignature(PADDR_BITS))

    def __init__(self, size):
        _check_size(size)
        self._size = size
        super().__init__()

    @property
    def size(self):
        """Size in bytes."""
        return self._size

    @property
    def depth(self):
        """Size in doublewords."""
        return self._size // 8

    @property
    def index_bits(self):
        """Width of the doubleword index, ``addr[3:log2(size)]``."""
        return (self._size // 8).bit_length() - 1


class RAM(_RAMBase):
    """Main memory as an Amaranth memory (block RAM on an FPGA).

    Parameters
    ----------
    size : int
        Size in bytes, a power of two. The RAM decodes ``addr[3:log2(size)]`` only, so it
        answers at any base aligned to its size (0x8000_0000 in the SoC).
    init : list of int, optional
        Initial contents, one 64-bit doubleword per element (element 0 is at the base);
        the rest of the RAM is zero.

    Members
    -------
    ibus : In(BusSignature(32))
        Fetch port (reads only).
    dbus : In(BusSignature(32))
        Data port (reads, and writes with byte lanes).
    """

    def __init__(self, size, *, init=None):
        super().__init__(size)
        init = [] if init is None else list(init)
        if len(init) > self.depth:
            raise ValueError(f"RAM initial contents must be at most {self.depth} doublewords, "
                             f"not {len(init)}")
        self._init = init

    def elaborate(self, platform):
        m = Module()
        m.submodules.mem = mem = Memory(shape=64, depth=self.depth, init=self._init)

        # The data read port shares its address with the write port, so that the two map
        # onto one read/write port of a true dual-port block RAM; fetch uses the other port.
        d_index = self.dbus.addr[3:3 + self.index_bits]
        wp = mem.write_port(granularity=8)
        d_rp = mem.read_port()
        i_rp = mem.read_port(transparent_for=(wp,))
        m.d.comb += [
            wp.addr.eq(d_index),
            wp.data.eq(self.dbus.wdata),
            wp.en.eq(Mux(self.dbus.valid & self.dbus.we, self.dbus.sel, 0)),
            d_rp.addr.eq(d_index),
            d_rp.en.eq(self.dbus.valid & ~self.dbus.we),
            self.dbus.rdata.eq(d_rp.data),
            i_rp.addr.eq(self.ibus.addr[3:3 + self.index_bits]),
            i_rp.en.eq(self.ibus.valid),
            self.ibus.rdata.eq(i_rp.data),
        ]
        return m


class VerilogRAM(_RAMBase):
    """Main memory as the Verilog module ``mkrv_ram``, for Verilator.

    Its contents are loaded at time zero from the hex file named by the plusarg
    ``+mkrv_ram=<file>`` (see :func:`hex_image`); without it the RAM is zero. The Amaranth
    simulator cannot simulate it; the Verilog source :data:`MKRV_RAM_V` must be given to
    Verilator beside the generated Verilog.

    Parameters
    ----------
    size : int
        Size in bytes, a power of two (``WORDS = size // 8``).

    Members
    -------
    ibus : In(BusSignature(32))
        Fetch port (reads only).
    dbus : In(BusSignature(32))
        Data port (reads, and writes with byte lanes).
    """

    def elaborate(self, platform):
        m = Module()
        m.submodules.ram = Instance(
            "mkrv_ram",
            p_WORDS=self.depth,
            i_clk=ClockSignal(),
            i_ibus_valid=self.ibus.valid,
            i_ibus_addr=self.ibus.addr,
            o_ibus_rdata=self.ibus.rdata,
            i_dbus_valid=self.dbus.valid,
            i_dbus_addr=self.dbus.addr,
            i_dbus_we=self.dbus.we,
            i_dbus_sel=self.dbus.sel,
            i_dbus_wdata=self.dbus.wdata,
            o_dbus_rdata=self.dbus.rdata,
        )
        return m


def hex_image(words, *, base_index=0):
    """Text of a ``$readmemh`` file for ``mkrv_ram``: one 64-bit word a line.

    Parameters
    ----------
    words : iterable of int
        Doublewords from word ``base_index`` on (word 0 is at 0x8000_0000).
    base_index : int
        Index of the first word, written as an ``@`` marker.
    """
    lines = [f"@{base_index:x}"]
    lines += [f"{w & 0xffff_ffff_ffff_ffff:016x}" for w in words]
    return "\n".join(lines) + "\n"
