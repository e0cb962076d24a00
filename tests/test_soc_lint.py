"""The SoC as Verilog, for Verilator: ``verilator --lint-only -Wall`` with explicit waivers.

Two builds: with the fake core in its live mode (every input used, every output driven), so
that only the SoC's own logic is judged and the test does not depend on the core's progress;
and with the real core, where warnings raised inside the core are left to its owner.
"""

import re
import subprocess
import sys
from functools import partial
from pathlib import Path

import pytest
from amaranth.back import verilog

from rtl.soc.fake_core import FakeCore
from rtl.soc.ram import MKRV_RAM_V
from rtl.soc.soc import SoC


VERILATOR = Path(sys.executable).parent / "verilator"

# Each waiver is for a property of the Verilog that Amaranth and yosys generate, not of the
# design. mkrv_ram.v, written by hand, is linted with no waiver at all (test_soc_ram.py).
WAIVERS = [
    # Amaranth writes every module into one file and names it after its place in the
    # hierarchy ("mkrv_soc.uart").
    "-Wno-DECLFILENAME",
    # yosys declares registers with their reset value and then assigns them in processes.
    "-Wno-PROCASSINIT",
    # yosys writes a `case` without `default` after a default assignment before it.
    "-Wno-CASEINCOMPLETE",
    # yosys writes constants at their minimal width (zero-extended by Verilog) and "== 0" as
    # `!` of a vector.
    "-Wno-WIDTHEXPAND",
    "-Wno-WIDTHTRUNC",
    # Amaranth declares a wire for every named signal, struct field and port, and moves the
    # bits actually used into new ports, which leaves many named wires unread; bus targets
    # also ignore addr[2:0] and bytes of wdata by design (rtl/bus.py).
    "-Wno-UNUSEDSIGNAL",
]


def convert(core):
    soc = SoC(sim=True, ram_impl="verilog", core=core)
    return verilog.convert(soc, name="mkrv_soc", emit_src=False)


def lint(tmp_path, text, *extra):
    top = tmp_path / "mkrv_soc.v"
    top.write_text(text)
    return subprocess.run(
        [VERILATOR, "--lint-only", "-Wall", *WAIVERS, *extra, "--top-module", "mkrv_soc",
         str(top), str(MKRV_RAM_V)],
        capture_output=True, text=True)


def test_lint_with_fake_core(tmp_path):
    result = lint(tmp_path, convert(partial(FakeCore, live=True)))
    assert result.returncode == 0, result.stderr
    assert "%Warning" not in result.stderr, result.stderr


def test_verilog_ports():
    text = convert(partial(FakeCore, live=True))
    header = re.search(r"^module mkrv_soc\((.*?)\);", text, re.M | re.S).group(1)
    ports = {p.strip() for p in header.split(",")}
    assert {"clk", "rst", "uart_txd", "uart_rxd", "tohost_addr", "tohost_valid",
            "tohost_data", "uart_tx_valid", "uart_tx_data", "uart_rx_valid", "uart_rx_data",
            "uart_rx_ready", "cycle", "last_pc", "rvfi__valid", "rvfi__pc_rdata",
            "rvfi__insn", "rvfi__order"} <= ports
    assert re.search(r"mkrv_ram #\(\s*\.WORDS\(32'd2097152\)", text)


def test_lint_with_real_core(tmp_path):
    try:
        from rtl.core.core import Core
    except ImportError as error:
        pytest.skip(f"no core yet: {error}")
    result = lint(tmp_path, convert(Core), "-Wno-fatal")
    assert "%Error" not in result.stderr, result.stderr
    # Warnings come as blocks: a "%Warning-..." line, then indented notes with the instance.
    blocks = re.split(r"^(?=%Warning)", result.stderr, flags=re.M)
    ours = [b for b in blocks if b.startswith("%Warning")
            and not re.search(r"In instance 'mkrv_soc\.core[.']", b)]
    assert not ours, "".join(ours)
