"""A core with a block-RAM model, for running short programs in the Amaranth simulator.

Used by the unit tests of the core's pipeline (hazards, forwarding, traps) without the SoC
or Verilator. The RAM is an ``amaranth.lib.memory.Memory`` with the bus timing of
:mod:`rtl.bus`; a store of a nonzero value to ``tohost`` ends the run.
"""

import os
import subprocess
import tempfile

from amaranth.hdl import Cat, Const, Elaboratable, Module, Signal
from amaranth.lib.memory import Memory
from amaranth.sim import Simulator

from rtl.core.core import Core


RAM_BASE = 0x8000_0000


class CoreWithRAM(Elaboratable):
    def __init__(self, words, ram_words=4096, irq=None):
        self.core = Core(ram_size=ram_words * 8)
        self.words = list(words) + [0] * (ram_words - len(words))
        self.ram_words = ram_words
        self.msip = Signal()
        self.mtip = Signal()
        self.meip = Signal()
        self.time = Signal(64)

    def elaborate(self, platform):
        m = Module()
        m.submodules.core = core = self.core
        m.submodules.mem = mem = Memory(shape=64, depth=self.ram_words, init=self.words)
        bits = (self.ram_words - 1).bit_length()
        ir = mem.read_port()
        dr = mem.read_port()
        dw = mem.write_port(granularity=8)
        in_ram = core.dbus.addr[31]
        m.d.comb += [
            ir.addr.eq(core.ibus.addr[3:3 + bits]),
            core.ibus.rdata.eq(ir.data),
            dr.addr.eq(core.dbus.addr[3:3 + bits]),
            dw.addr.eq(core.dbus.addr[3:3 + bits]),
            dw.data.eq(core.dbus.wdata),
            dw.en.eq(Cat(*[core.dbus.valid & core.dbus.we & in_ram & core.dbus.sel[i]
                           for i in range(8)])),
            core.dbus.rdata.eq(dr.data),
            core.irq_msip.eq(self.msip),
            core.irq_mtip.eq(self.mtip),
            core.irq_meip.eq(self.meip),
            core.time.eq(self.time),
        ]
        return m


def assemble(source, tmpdir=None):
    """Assemble ``source`` (GNU as syntax, text at 0x8000_0000) and return its words and
    symbols."""
    from elftools.elf.elffile import ELFFile
    tmpdir = tmpdir or tempfile.mkdtemp()
    src = os.path.join(tmpdir, "t.S")
    elf = os.path.join(tmpdir, "t.elf")
    with open(src, "w") as f:
        f.write(".section .text.init\n.globl _start\n_start:\n" + source +
                "\n.section .tohost,\"aw\"\n.align 3\n.globl tohost\ntohost: .dword 0\n")
    subprocess.run(["riscv64-unknown-elf-gcc", "-march=rv64ima_zicsr_zifencei", "-mabi=lp64",
                    "-nostdlib", "-nostartfiles", "-Wl,-Ttext=0x80000000,--no-relax", "-o", elf, src],
                   check=True, capture_output=True)
    with open(elf, "rb") as f:
        e = ELFFile(f)
        image = bytearray()
        for seg in e.iter_segments():
            if seg["p_type"] != "PT_LOAD":
                continue
            off = seg["p_paddr"] - RAM_BASE
            data = seg.data() + bytes(seg["p_memsz"] - seg["p_filesz"])
            if off < 0:  # headers mapped below RAM: not part of the program
                data, off = data[-off:], 0
            if len(image) < off + len(data):
                image.extend(bytes(off + len(data) - len(image)))
            image[off:off + len(data)] = data
        symbols = {s.name: s["st_value"] for s in e.get_section_by_name(".symtab").iter_symbols()}
    image.extend(bytes(-len(image) % 8))
    words = [int.from_bytes(image[i:i + 8], "little") for i in range(0, len(image), 8)]
    return words, symbols


def run(source, max_cycles=5000, setup=None, ram_words=4096):
    """Run ``source`` until it stores to ``tohost``; return (tohost, retired list, cycles)."""
    words, symbols = assemble(source)
    dut = CoreWithRAM(words, ram_words=ram_words)
    tohost = symbols["tohost"]
    sim = Simulator(dut)
    sim.add_clock(1e-6)
    result = {"tohost": None, "retired": [], "cycles": 0}
    rv = dut.core.rvfi
    core = dut.core

    async def bench(ctx):
        for cycle in range(max_cycles):
            await ctx.tick()
            if setup:
                setup(ctx, dut, cycle)
            if ctx.get(rv.valid):
                result["retired"].append({"cycle": cycle} | {
                    name: ctx.get(getattr(rv, name)) for name in
                    ("order", "insn", "trap", "intr", "pc_rdata", "pc_wdata", "rd_addr",
                     "rd_wdata", "mem_addr", "mem_wmask", "mem_wdata", "mem_rmask", "csr_we",
                     "csr_addr", "csr_wdata")})
            if (ctx.get(core.dbus.valid) and ctx.get(core.dbus.we)
                    and ctx.get(core.dbus.addr) == tohost & ~7):
                value = ctx.get(core.dbus.wdata)
                if value:
                    result["tohost"] = value
                    result["cycles"] = cycle
                    # let the pipeline drain so the store itself retires
                    for _ in range(3):
                        await ctx.tick()
                        if ctx.get(rv.valid):
                            result["retired"].append({"pc_rdata": ctx.get(rv.pc_rdata)})
                    return

    sim.add_testbench(bench)
    sim.run()
    return result
