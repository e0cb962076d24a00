"""The firmware in firmware/, run on spike, the reference simulator.

These tests build nothing: ``make -C firmware`` (which ``make test`` runs first) puts the ELFs
in build/firmware/. They check the programs and the runtime against a reference, so that a
difference seen later on the RTL (under ``mkrv run``) points at the RTL, not at the firmware.

Spike is configured like the SoC: 16 MiB of RAM at 0x8000_0000, an RV64IMA hart whose counters
are readable (zicntr), and its default ns16550 UART at 0x1000_0000, which prints to stdout.
"""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from elftools.elf.elffile import ELFFile


ROOT = Path(__file__).resolve().parent.parent
FIRMWARE = ROOT / "build" / "firmware"
SPIKE_ISA = "rv64ima_zicsr_zifencei_zicntr"
SPIKE_TIMEOUT = 30  # seconds; every program finishes in well under one

# Exit codes of the runtime (firmware/lib/runtime.h).
EXIT_UNHANDLED_TRAP = 255
EXIT_NESTED_TRAP = 254

RAM_BASE = 0x8000_0000
IMAGE_LIMIT = 128 * 1024  # the block RAM the firmware must fit in (firmware/lib/link.ld)

PROGRAMS = ["demo", "printf_test", "trap_test", "trap_unhandled", "trap_nested", "exit_code"]


def _spike():
    venv_spike = ROOT / ".venv" / "bin" / "spike"
    if venv_spike.exists():
        return str(venv_spike)
    return shutil.which("spike")


def _elf(name):
    path = FIRMWARE / f"{name}.elf"
    if not path.exists():
        pytest.skip(f"{path.relative_to(ROOT)} is missing: build the firmware first "
                    f"with `make -C firmware` (`make test` does)")
    return path


def run_spike(name):
    """Run build/firmware/NAME.elf on spike; return (exit code, stdout)."""
    elf = _elf(name)
    spike = _spike()
    if spike is None:
        pytest.skip("spike is not installed (scripts/setup.sh installs it into .venv)")
    proc = subprocess.run([spike, f"--isa={SPIKE_ISA}", "-m16", str(elf)],
                          capture_output=True, text=True, timeout=SPIKE_TIMEOUT)
    return proc.returncode, proc.stdout


def symbol(elf_path, name):
    with open(elf_path, "rb") as f:
        syms = ELFFile(f).get_section_by_name(".symtab").get_symbol_by_name(name)
        assert syms, f"{name} not in {elf_path.name}"
        return syms[0]["st_value"]


# --- demo ---------------------------------------------------------------------------------------

# Benchmark name -> instructions per iteration of its loop, where the loop is inline assembly
# (call-ret is C, so its count depends on the compiler and is only bounded).
DEMO_BENCHMARKS = {
    "alu-indep": 10,
    "alu-chain": 10,
    "ld-st": 10,
    "ld-use": 10,
    "mul-chain": 10,
    "div": 3,
    "br-taken": 6,
    "call-ret": None,
}

ROW = re.compile(r"^(?P<name>[\w-]+)\s+(?P<iters>\d+)\s+(?P<cycles>\d+)\s+(?P<instret>\d+)\s+"
                 r"(?P<cpi>\d+\.\d\d)\s+(?P<per_iter>\d+\.\d\d)\s+\S.*$")


def _fixed2(num, den):
    """num/den rounded to two decimals, as the demo computes it."""
    return f"{(num * 100 + den // 2) // den // 100}.{(num * 100 + den // 2) // den % 100:02d}"


@pytest.fixture(scope="module")
def demo():
    return run_spike("demo")


def test_demo_passes(demo):
    code, out = demo
    assert code == 0, out
    lines = out.splitlines()
    assert lines[0].startswith("mkrv: RV64IMA"), out
    assert lines[-1] == "demo: done", out


def test_demo_reports_the_isa(demo):
    _, out = demo
    assert re.search(r"^misa: rv64ima\b", out, re.M), out


def test_demo_table(demo):
    _, out = demo
    rows = {}
    for line in out.splitlines():
        m = ROW.match(line)
        if m:
            rows[m["name"]] = m
    assert set(rows) == set(DEMO_BENCHMARKS), out

    for name, body in DEMO_BENCHMARKS.items():
        row = rows[name]
        iters, cycles, instret = int(row["iters"]), int(row["cycles"]), int(row["instret"])
        assert iters > 0 and cycles > 0 and instret > 0, row[0]
        # The fixed-point columns are what the raw columns say.
        assert row["cpi"] == _fixed2(cycles, instret), row[0]
        assert row["per_iter"] == _fixed2(cycles, iters), row[0]
        # Spike retires one instruction per cycle: with the measurement overhead correctly
        # subtracted, every row has CPI 1.00.
        assert row["cpi"] == "1.00", row[0]
        # The loops are what the demo says they are: the instructions per iteration are the
        # loop body, plus a few instructions of set-up spread over all iterations.
        per_iter = instret / iters
        if body is None:
            assert 3 <= per_iter <= 8, row[0]
        else:
            assert body <= per_iter <= body + 0.1, row[0]


def test_demo_stays_short(demo):
    """The RTL simulator runs ~500k cycles/s: the demo must stay a fraction of a second."""
    _, out = demo
    m = re.search(r"^total: (\d+) cycles, (\d+) instructions, (\d+) mtime ticks$", out, re.M)
    assert m, out
    assert int(m[2]) < 150_000, m[0]


# --- printf -------------------------------------------------------------------------------------

PRINTF_EXPECTED = """\
printf_test: start
[42]
[-42]
[0]
[-2147483648]
[-9223372036854775808]
[9223372036854775807]
[-1]
[-32768]
[4294967295]
[18446744073709551615]
[65535]
[12345678]
[deadbeef]
[DEADBEEF]
[123456789abcdef0]
[ffffffff]
[0x1f 0X1F 0]
[    42]
[42    ]
[000042]
[-00042]
[-42   ]
[+42 -42]
[ 42]
[00ff]
[0x00ff]
[  007]
[   07]
[]
[   42]
[42   ]
[0000000000000000002a]
[hello]
[   hi]
[hi   ]
[hel]
[  hel]
[(null)]
[x]
[  x|x  ]
[100%]
[0x0000000080001234]
[0x0000000000000000]
[a1b-2c3d]
[%y]
snprintf: "1234" 7
printf_test: 0 failures
"""


def test_printf_output():
    code, out = run_spike("printf_test")
    assert out == PRINTF_EXPECTED
    assert code == 0


# --- traps and exit -----------------------------------------------------------------------------

def test_handled_traps():
    code, out = run_spike("trap_test")
    checks = re.findall(r"^trap_test: (.+?)\s+(ok|FAILED)$", out, re.M)
    assert len(checks) == 7, out
    assert all(result == "ok" for _, result in checks), out
    assert code == 0, out


def test_unhandled_trap_is_reported():
    code, out = run_spike("trap_unhandled")
    assert code == EXIT_UNHANDLED_TRAP, out
    assert "*** trap: illegal instruction" in out
    mepc = symbol(_elf("trap_unhandled"), "illegal_insn")
    assert f"mcause=0x{2:016x} mepc=0x{mepc:016x} mtval=0x" in out, out
    assert "still running" not in out


def test_nested_trap_ends_the_run():
    code, out = run_spike("trap_nested")
    assert code == EXIT_NESTED_TRAP, out
    assert "trap_nested: in the handler (breakpoint), now faulting" in out
    assert "missed" not in out


def test_main_return_value_is_the_exit_code():
    code, out = run_spike("exit_code")
    assert out == "exit_code: returning 42\n"
    assert code == 42


# --- image layout -------------------------------------------------------------------------------

@pytest.mark.parametrize("name", PROGRAMS)
def test_elf_layout(name):
    """What the SoC and the RTL testbench rely on, for every program."""
    path = _elf(name)
    with open(path, "rb") as f:
        elf = ELFFile(f)
        assert elf.header["e_entry"] == RAM_BASE
        # No compressed instructions (EF_RISCV_RVC) and the soft-float ABI (lp64).
        assert elf.header["e_flags"] & 0x7 == 0, hex(elf.header["e_flags"])
        tohost_section = elf.get_section_by_name(".tohost")
        assert tohost_section is not None and tohost_section["sh_addr"] % 64 == 0
    assert symbol(path, "_start") == RAM_BASE
    tohost, fromhost = symbol(path, "tohost"), symbol(path, "fromhost")
    assert tohost % 64 == 0 and fromhost % 64 == 0
    assert tohost_section["sh_addr"] <= tohost < tohost_section["sh_addr"] + tohost_section["sh_size"]
    # Code, data and both stacks fit in the block RAM of a board.
    assert symbol(path, "__image_end") - RAM_BASE <= IMAGE_LIMIT
