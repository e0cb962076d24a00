"""The RAM (rtl/soc/ram.py): the Amaranth RAM in the Amaranth simulator, ``mkrv_ram.v`` in
Verilator (lint, and a small C++ harness that checks ``+mkrv_ram=<file>`` loading)."""

import gc
import subprocess
import sys
from pathlib import Path

import pytest
from amaranth.sim import Simulator

from rtl.soc.ram import MKRV_RAM_V, RAM, VerilogRAM, hex_image
from rtl.soc.testing import bus_read, bus_write


# Components built only to check their constructor are never elaborated.
pytestmark = pytest.mark.filterwarnings("ignore::amaranth.hdl.UnusedElaboratable")

VERILATOR = Path(sys.executable).parent / "verilator"
BASE = 0x8000_0000


def run(dut, bench):
    sim = Simulator(dut)
    sim.add_clock(1e-6)
    sim.add_testbench(bench)
    sim.run()


def test_construction_errors():
    for cls in (RAM, VerilogRAM):
        with pytest.raises(ValueError,
                           match=r"^RAM size must be a power of two of at least 8 bytes, "
                                 r"not 1000$"):
            cls(1000)
        with pytest.raises(ValueError,
                           match=r"^RAM size must be a power of two of at least 8 bytes, "
                                 r"not '4096'$"):
            cls("4096")
    with pytest.raises(ValueError,
                       match=r"^RAM initial contents must be at most 512 doublewords, not 513$"):
        RAM(4096, init=[0] * 513)
    ram = RAM(4096)
    assert (ram.size, ram.depth, ram.index_bits) == (4096, 512, 9)
    assert RAM(4096).signature == VerilogRAM(4096).signature
    del ram
    gc.collect()      # while the UnusedElaboratable warnings are still filtered


def test_read_latency_and_init():
    dut = RAM(4096, init=[0x1111, 0x2222, 0x3333])

    async def bench(ctx):
        # The word requested in cycle t is on rdata in cycle t + 1, on both ports.
        ctx.set(dut.ibus.valid, 1)
        ctx.set(dut.ibus.addr, BASE + 8)
        ctx.set(dut.dbus.valid, 1)
        ctx.set(dut.dbus.addr, BASE + 16)
        ctx.set(dut.dbus.sel, 0xff)
        assert ctx.get(dut.ibus.rdata) == 0
        await ctx.tick()
        assert ctx.get(dut.ibus.rdata) == 0x2222
        assert ctx.get(dut.dbus.rdata) == 0x3333
        ctx.set(dut.ibus.addr, BASE)
        ctx.set(dut.dbus.addr, BASE + 8 * 511)
        assert ctx.get(dut.ibus.rdata) == 0x2222        # not before the clock edge
        await ctx.tick()
        assert ctx.get(dut.ibus.rdata) == 0x1111
        assert ctx.get(dut.dbus.rdata) == 0
        # Only addr[3:12] is decoded: the RAM repeats every 4 KiB.
        assert await bus_read(ctx, dut.dbus, BASE + 4096 + 8) == 0x2222

    run(dut, bench)


def test_byte_lanes():
    dut = RAM(4096)

    async def bench(ctx):
        addr = BASE + 0x100
        await bus_write(ctx, dut.dbus, addr, 0x8877_6655_4433_2211)
        assert await bus_read(ctx, dut.dbus, addr) == 0x8877_6655_4433_2211
        await bus_write(ctx, dut.dbus, addr, 0xaaaa_aaaa_aaaa_aaaa, sel=0b1000_0001)
        assert await bus_read(ctx, dut.dbus, addr) == 0xaa77_6655_4433_22aa
        await bus_write(ctx, dut.dbus, addr + 4, 0xbbbb_bbbb_0000_0000, sel=0xf0)
        assert await bus_read(ctx, dut.dbus, addr) == 0xbbbb_bbbb_4433_22aa
        await bus_write(ctx, dut.dbus, addr, 0xcccc_cccc_cccc_cccc, sel=0x00)
        # The fetch port sees the data port's writes; a write in cycle t is read in t + 1.
        ctx.set(dut.ibus.valid, 1)
        ctx.set(dut.ibus.addr, addr)
        await ctx.tick()
        assert ctx.get(dut.ibus.rdata) == 0xbbbb_bbbb_4433_22aa
        await bus_write(ctx, dut.dbus, addr, 0x1234, sel=0x03)
        # A fetch in the cycle of a write to its doubleword sees the written bytes.
        assert ctx.get(dut.ibus.rdata) == 0xbbbb_bbbb_4433_1234
        assert await bus_read(ctx, dut.dbus, addr) == 0xbbbb_bbbb_4433_1234
        # rdata holds while no read is requested (a write is not a read).
        ctx.set(dut.ibus.valid, 0)
        await bus_write(ctx, dut.dbus, addr, 0, sel=0xff)
        assert ctx.get(dut.dbus.rdata) == 0xbbbb_bbbb_4433_1234

    run(dut, bench)


def test_hex_image():
    assert hex_image([1, (1 << 64) - 1], base_index=0x10) == \
        "@10\n0000000000000001\nffffffffffffffff\n"


def test_mkrv_ram_lint():
    result = subprocess.run([VERILATOR, "--lint-only", "-Wall", "-GWORDS=512", str(MKRV_RAM_V)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "%Warning" not in result.stderr


HARNESS = r"""
#include "Vmkrv_ram.h"
#include "verilated.h"
#include <cstdio>

static Vmkrv_ram *r;
static void tick() { r->clk = 1; r->eval(); r->clk = 0; r->eval(); }

int main(int argc, char **argv) {
    VerilatedContext ctx;
    ctx.commandArgs(argc, argv);
    r = new Vmkrv_ram{&ctx};
    r->clk = 0;
    r->eval();
    // Fetch words 0, 1, 16 and 511; print each one cycle after its request.
    const unsigned words[] = {0, 1, 16, 511};
    r->ibus_valid = 1;
    for (unsigned w : words) {
        r->ibus_addr = 0x80000000u + 8 * w;
        r->eval();
        tick();
        printf("fetch %u %016llx\n", w, (unsigned long long)r->ibus_rdata);
    }
    // Write lanes 0 and 7 of word 1 while fetching it (the fetch sees the written bytes),
    // then read it back on the data port.
    r->ibus_addr = 0x80000008u;
    r->dbus_valid = 1;
    r->dbus_we = 1;
    r->dbus_addr = 0x80000008u;
    r->dbus_sel = 0x81;
    r->dbus_wdata = 0xaaaaaaaaaaaaaaaaull;
    tick();
    printf("fetch_same_cycle %016llx\n", (unsigned long long)r->ibus_rdata);
    r->ibus_addr = 0x80000080u;        // word 16 while word 1 is written again
    tick();
    printf("fetch_other %016llx\n", (unsigned long long)r->ibus_rdata);
    r->ibus_valid = 0;
    r->dbus_we = 0;
    r->dbus_sel = 0xff;
    r->eval();
    unsigned long long before = r->dbus_rdata;
    tick();
    printf("before %016llx\n", before);
    printf("load %016llx\n", (unsigned long long)r->dbus_rdata);
    r->final();
    delete r;
    return 0;
}
"""


@pytest.fixture(scope="module")
def mkrv_ram_binary(tmp_path_factory):
    """mkrv_ram with WORDS = 512 and the harness, built once (about 10 s)."""
    build = tmp_path_factory.mktemp("mkrv_ram")
    (build / "main.cpp").write_text(HARNESS)
    result = subprocess.run(
        [VERILATOR, "--cc", "--exe", "--build", "-j", "2", "-GWORDS=512",
         "--Mdir", str(build / "obj"), "-o", "harness",
         # The harness is tiny: compiling fast beats running fast.
         "-MAKEFLAGS", "OPT_FAST=-O0 OPT_SLOW=-O0 OPT_GLOBAL=-O0",
         str(MKRV_RAM_V), str(build / "main.cpp")],
        capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return build / "obj" / "harness"


def run_harness(binary, *args):
    result = subprocess.run([binary, *args], capture_output=True, text=True, check=True)
    return dict(line.rsplit(" ", 1) for line in result.stdout.splitlines())


def test_mkrv_ram_loads_plusarg(mkrv_ram_binary, tmp_path):
    image = tmp_path / "image.hex"
    image.write_text(hex_image([0x0000_0013_0000_0013, 0x1122_3344_5566_7788])
                     + hex_image([0xdead_beef], base_index=16)
                     + hex_image([0x0123_4567_89ab_cdef], base_index=511))
    out = run_harness(mkrv_ram_binary, f"+mkrv_ram={image}")
    assert out["fetch 0"] == "0000001300000013"
    assert out["fetch 1"] == "1122334455667788"
    assert out["fetch 16"] == "00000000deadbeef"
    assert out["fetch 511"] == "0123456789abcdef"
    assert out["before"] == "0000000000000000"        # rdata comes one cycle after the request
    assert out["load"] == "aa223344556677aa"
    assert out["fetch_same_cycle"] == "aa223344556677aa"
    assert out["fetch_other"] == "00000000deadbeef"   # another word: not the write's bytes


def test_mkrv_ram_without_plusarg_is_zero(mkrv_ram_binary):
    out = run_harness(mkrv_ram_binary)
    assert out["fetch 1"] == "0000000000000000"
    assert out["load"] == "aa000000000000aa"
    assert out["fetch_same_cycle"] == "aa000000000000aa"
