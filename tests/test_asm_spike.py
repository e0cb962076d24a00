"""Runs every assembly test of tests/asm (built by `make -C tests/asm` into build/tests/asm)
on spike, the reference RISC-V simulator, and checks that it passes.

This validates the tests themselves against the reference model: the same ELFs are the
acceptance suite of the mkrv core (tests/test_asm.py runs them on the Verilator model).

Spike is set up like the mkrv SoC: RV64IMA + Zicsr + Zifencei + Zicntr, machine mode only,
16 MiB of RAM at 0x8000_0000 (spike's CLINT is at 0x0200_0000 as on the SoC).
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest


REPO = Path(__file__).resolve().parent.parent
ASM_SRC = REPO / "tests" / "asm"
ASM_BUILD = REPO / "build" / "tests" / "asm"

SPIKE_ISA = "rv64ima_zicsr_zifencei_zicntr"
SPIKE_ARGS = [f"--isa={SPIKE_ISA}", "--priv=m", "-m0x80000000:0x1000000"]
TIMEOUT_S = 10               # wall clock, per test
MAX_INSTRUCTIONS = 2_000_000  # every test is far shorter; stops a runaway test

CAUSES = {
    0: "instruction address misaligned", 1: "instruction access fault",
    2: "illegal instruction", 3: "breakpoint", 4: "load address misaligned",
    5: "load access fault", 6: "store/AMO address misaligned", 7: "store/AMO access fault",
    8: "ecall from U", 9: "ecall from S", 11: "ecall from M",
    12: "instruction page fault", 13: "load page fault", 15: "store/AMO page fault",
}


def find_spike():
    local = Path(sys.executable).parent / "spike"
    if local.exists():
        return str(local)
    return shutil.which("spike")


def sources():
    return sorted(p.stem for p in ASM_SRC.glob("*.S"))


def elfs():
    return sorted(ASM_BUILD.glob("*.elf")) if ASM_BUILD.is_dir() else []


def describe_failure(n):
    """Decodes the failure code n (tohost = (n << 1) | 1; spike prints n as "tohost = n")
    following tests/asm/env/mkrv_test.h."""
    if n >> 10:
        code = (n >> 10) - 1
        kind = "interrupt" if code & 0x20 else "exception"
        name = CAUSES.get(code & 0x1f, "?") if kind == "exception" else f"irq {code & 0x1f}"
        return f"unexpected {kind} (cause {code & 0x1f}: {name}) during test {n & 1023}"
    return f"test {n} failed"


def run_spike(elf):
    spike = find_spike()
    if spike is None:
        pytest.skip("spike is not installed (scripts/setup.sh installs it into .venv)")
    cmd = [spike, *SPIKE_ARGS, f"--instructions={MAX_INSTRUCTIONS}", str(elf)]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT_S,
                              stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{elf.name}: spike timed out after {TIMEOUT_S} s: {' '.join(cmd)}")
    return cmd, proc


_ELFS = elfs()


@pytest.mark.parametrize("elf", _ELFS or [None], ids=[e.stem for e in _ELFS] or ["none"])
def test_asm_on_spike(elf):
    if elf is None:
        pytest.skip(f"no assembly tests built in {ASM_BUILD}; run `make -C tests/asm` "
                    "(`make test` builds them first)")
    cmd, proc = run_spike(elf)
    output = proc.stdout + proc.stderr
    m = re.search(r"FAILED \*\*\* \(tohost = (\d+)\)", output)
    if m:
        n = int(m.group(1))
        pytest.fail(f"{elf.name}: {describe_failure(n)} (spike: tohost = {n})\n"
                    f"command: {' '.join(cmd)}\n{output[-2000:]}")
    assert proc.returncode == 0, (
        f"{elf.name}: spike exited with {proc.returncode} without passing (no tohost "
        f"write within {MAX_INSTRUCTIONS} instructions?)\ncommand: {' '.join(cmd)}\n"
        f"{output[-2000:]}")


def test_every_source_is_built():
    """Each tests/asm/*.S has an up-to-date ELF (else the run above silently misses it)."""
    if not _ELFS:
        pytest.skip(f"no assembly tests built in {ASM_BUILD}")
    missing = [s for s in sources() if not (ASM_BUILD / f"{s}.elf").exists()]
    assert not missing, f"not built (run `make -C tests/asm`): {missing}"
    stale = [s for s in sources()
             if (ASM_BUILD / f"{s}.elf").stat().st_mtime < (ASM_SRC / f"{s}.S").stat().st_mtime]
    assert not stale, f"older than their source (run `make -C tests/asm`): {stale}"


def test_suite_covers_enough():
    """The suite keeps its breadth: a sanity check against accidental deletion."""
    assert len(sources()) >= 60, sources()
