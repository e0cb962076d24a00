"""The minimal kernel (firmware/kernel/) and its IPC benchmark, on spike and on the RTL.

``build/firmware/kernel.elf`` (``make firmware``) checks its IPC paths, then measures a
function call, the software IPC through the kernel's fast path and the call gates, and prints
``IPC-RESULT`` lines (parsed by :mod:`sim.bench_ipc`).

Spike retires one instruction a cycle and has no call-gate hardware: it pins the software
fast path's instruction counts (documented in docs/performance.md and firmware/kernel/entry.h)
and shows that the kernel runs, and skips the call gates, on a core without them. The RTL run
is ``mkrv bench ipc``'s.
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from sim.bench_ipc import REQUIRED, bench_ipc, cli_bench_ipc, parse_output


ROOT = Path(__file__).resolve().parent.parent
FIRMWARE = ROOT / "build" / "firmware"
SPIKE_ARGS = ["--isa=rv64ima_zicsr_zifencei_zicntr", "--priv=msu", "--pmpregions=0",
              "-m0x80000000:0x1000000"]

# Instructions the software IPC fast path executes (trap entry to sret; the ecall, which
# traps, does not retire), and the servers' bodies around their ecalls.
CALL_INSNS = 37
REPLY_INSNS = 21
SERVER_A = 2            # add a0, a0, t0; li a7, SYS_REPLY
NESTED_A = 3 + 1        # add; li a6; li a7 (call B) ... li a7 (reply)
# The CLB-miss fast refill, trap entry to sret.
REFILL_INSNS = 36

XCALL_NAMES = ["xcall_roundtrip_cycles", "xcall_miss_roundtrip_cycles",
               "xcall_nested_roundtrip_cycles"]


def _elf(name):
    path = FIRMWARE / f"{name}.elf"
    if not path.exists():
        pytest.skip(f"{path.relative_to(ROOT)} is missing: build the firmware first "
                    f"with `make firmware` (`make test` does)")
    return path


def _spike():
    exe = ROOT / ".venv" / "bin" / "spike"
    exe = str(exe) if exe.exists() else shutil.which("spike")
    if exe is None:
        pytest.skip("spike is not installed (scripts/setup.sh installs it into .venv)")
    return exe


def run_spike(elf):
    proc = subprocess.run([_spike(), *SPIKE_ARGS, str(elf)], capture_output=True, text=True,
                          timeout=60)
    return proc.returncode, proc.stdout


@pytest.fixture(scope="module")
def spike_run():
    code, out = run_spike(_elf("kernel"))
    bench = parse_output(out)
    bench.returncode = code
    return bench


@pytest.fixture(scope="module")
def rtl_run():
    return bench_ipc(_elf("kernel"))


# ------------------------------------------------------------------------------ spike

def test_spike_kernel_passes(spike_run):
    assert spike_run.returncode == 0, spike_run.output[-3000:]
    assert spike_run.done
    assert not spike_run.failed_checks
    assert set(spike_run.checks) >= {"sw_call", "sw_call_b", "sw_nested", "sw_nogate"}


def test_spike_skips_call_gates(spike_run):
    assert "call-gate hardware: no" in spike_run.output
    assert set(spike_run.skipped) == set(XCALL_NAMES)


def test_spike_fast_path_instruction_counts(spike_run):
    r = spike_run.results
    assert r["measure_overhead_instret"] == 1
    assert r["call_ret_instret"] == 3
    assert r["sw_ipc_roundtrip_instret"] == CALL_INSNS + SERVER_A + REPLY_INSNS
    assert r["sw_ipc_nested_roundtrip_instret"] == \
        2 * CALL_INSNS + NESTED_A + SERVER_A + 2 * REPLY_INSNS
    # Spike retires an instruction a cycle.
    for name in ("call_ret", "sw_ipc_roundtrip", "syscall_null"):
        assert r[f"{name}_cycles"] == r[f"{name}_instret"]


def test_no_xcall_build(tmp_path):
    """-DNO_XCALL compiles every custom instruction out; the kernel still runs."""
    out = tmp_path / "fw"
    proc = subprocess.run(["make", "-s", "-C", str(ROOT / "firmware"), f"OUT={out}",
                           "FW_CFLAGS=-DNO_XCALL", f"{out}/kernel.elf", f"{out}/kernel.bin",
                           f"{out}/callgate_sec.elf"],
                          capture_output=True, text=True, timeout=300)
    if proc.returncode != 0 and shutil.which("riscv64-unknown-elf-gcc") is None:
        pytest.skip("no RISC-V toolchain")
    assert proc.returncode == 0, proc.stderr
    image = (out / "kernel.bin").read_bytes()
    words = [int.from_bytes(image[i:i + 4], "little") for i in range(0, len(image) - 3, 4)]
    # custom-0 (0001011), R-type funct3 = 0, funct7 = 0..3: xcall, xret, clb.fill, clb.inval
    custom = [w for w in words if w & 0x707f == 0x000b and (w >> 25) < 4]
    assert not custom, [hex(w) for w in custom]
    code, text = run_spike(out / "kernel.elf")
    assert code == 0, text
    bench = parse_output(text)
    assert bench.done and not bench.failed_checks
    code, text = run_spike(out / "callgate_sec.elf")
    assert code == 0 and "SEC-SUMMARY pass=9 fail=0" in text, text


# ------------------------------------------------------------------------------ the RTL

def test_rtl_kernel_passes(rtl_run):
    assert rtl_run.status == "pass", rtl_run.output[-3000:]
    assert rtl_run.done
    assert not rtl_run.failed_checks, rtl_run.failed_checks


def test_rtl_results(rtl_run):
    r = rtl_run.results
    for name in REQUIRED:
        assert name in r or name in rtl_run.skipped, name
    assert r["runs"] >= 101
    assert 1 <= r["call_ret_cycles"] <= 10
    # The RTL retires the same instructions as spike.
    assert r["sw_ipc_roundtrip_instret"] == CALL_INSNS + SERVER_A + REPLY_INSNS
    assert r["call_ret_cycles"] < r["sw_ipc_roundtrip_cycles"] < r["sw_ipc_nested_roundtrip_cycles"]


def test_rtl_call_gates(rtl_run):
    if "call-gate hardware: yes" not in rtl_run.output:
        assert set(rtl_run.skipped) == set(XCALL_NAMES)
        pytest.skip("no call-gate hardware in this core")
    r = rtl_run.results
    assert not rtl_run.skipped
    # xcall, add, xret
    assert r["xcall_roundtrip_instret"] == 3
    # + the refill, which the trapped xcall enters (the xcall retires once, when it hits)
    assert r["xcall_miss_roundtrip_instret"] == 3 + REFILL_INSNS
    assert r["xcall_roundtrip_cycles"] < r["xcall_nested_roundtrip_cycles"]
    assert r["xcall_roundtrip_cycles"] < r["xcall_miss_roundtrip_cycles"]
    assert r["xcall_roundtrip_cycles"] < r["sw_ipc_roundtrip_cycles"]
    assert "IPC-CHECK xcall_miss_refills ok" in rtl_run.output


def test_cli_json(rtl_run, monkeypatch):
    """`mkrv bench ipc --json`: the object has the required numbers."""
    import io

    import sim.bench_ipc as bi

    monkeypatch.setattr(bi, "bench_ipc", lambda *a, **k: rtl_run)
    out = io.StringIO()
    code = cli_bench_ipc(as_json=True, out=out)
    assert code == 0
    d = json.loads(out.getvalue())
    for name in REQUIRED:
        assert name in d
    assert d["call_ret_cycles"] == rtl_run.results["call_ret_cycles"]
    assert d["sw_ipc_roundtrip_cycles"] == rtl_run.results["sw_ipc_roundtrip_cycles"]
