"""Runs every assembly test of tests/asm (built by `make -C tests/asm` into build/tests/asm)
on spike, the reference RISC-V simulator, and checks that it passes.

This validates the tests themselves against the reference model: the same ELFs are the
acceptance suite of the mkrv core (tests/test_asm.py runs them on the Verilator model).

Spike is set up like the mkrv SoC: RV64IMA + Zicsr + Zifencei + Zicntr, M, S and U modes, no PMP,
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
SPIKE_ARGS = [f"--isa={SPIKE_ISA}", "--priv=msu", "--pmpregions=0", "-m0x80000000:0x1000000"]
# Wall clock per test: every test runs in well under a second on spike. A test that
# never writes tohost (a hang) runs into this timeout and fails. (spike's own
# --instructions=N limit is not used: spike exits with status 0 when it hits it, which
# would look like a pass.)
TIMEOUT_S = 20

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
    """The built ELFs that have a source in tests/asm (stale ones of removed sources are
    left out)."""
    if not ASM_BUILD.is_dir():
        return []
    names = set(sources())
    return sorted(e for e in ASM_BUILD.glob("*.elf") if e.stem in names)


def describe_failure(n):
    """Decodes the failure code n (tohost = (n << 1) | 1; spike prints n as "tohost = n")
    following tests/asm/env/mkrv_test.h."""
    if n >> 10:
        code = (n >> 10) - 1
        kind = "interrupt" if code & 0x20 else "exception"
        name = CAUSES.get(code & 0x1f, "?") if kind == "exception" else f"irq {code & 0x1f}"
        return f"unexpected {kind} (cause {code & 0x1f}: {name}) during test {n & 1023}"
    return f"test {n} failed"


def run_spike(elf, timeout=TIMEOUT_S):
    """Runs elf on spike; returns (command, outcome) with outcome "pass", ("fail", n),
    "timeout" or ("error", returncode, output)."""
    spike = find_spike()
    if spike is None:
        pytest.skip("spike is not installed (scripts/setup.sh installs it into .venv)")
    cmd = [spike, *SPIKE_ARGS, str(elf)]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout,
                              stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return cmd, "timeout"
    output = proc.stdout + proc.stderr
    m = re.search(r"FAILED \*\*\* \(tohost = (\d+)\)", output)
    if m:
        return cmd, ("fail", int(m.group(1)))
    if proc.returncode != 0:
        return cmd, ("error", proc.returncode, output[-2000:])
    return cmd, "pass"


_ELFS = elfs()


@pytest.mark.parametrize("elf", _ELFS or [None], ids=[e.stem for e in _ELFS] or ["none"])
def test_asm_on_spike(elf):
    if elf is None:
        pytest.skip(f"no assembly tests built in {ASM_BUILD}; run `make -C tests/asm` "
                    "(`make test` builds them first)")
    cmd, outcome = run_spike(elf)
    command = " ".join(cmd)
    if outcome == "timeout":
        pytest.fail(f"{elf.name}: no pass/fail after {TIMEOUT_S} s (a hang, or a wfi that "
                    f"never wakes?)\ncommand: {command}")
    if outcome != "pass" and outcome[0] == "fail":
        pytest.fail(f"{elf.name}: {describe_failure(outcome[1])} (spike: tohost = "
                    f"{outcome[1]})\ncommand: {command}")
    assert outcome == "pass", f"{elf.name}: spike exited with {outcome[1]}\n" \
                              f"command: {command}\n{outcome[2]}"


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


# ----- The harness itself: a failing test, an unexpected trap and a hang are detected ------

CONTROLS = {
    # test 7 fails
    "fail7": "li gp, 7\n j fail\n TEST_PASSFAIL",
    # an ecall with no hook installed, during test 3: unexpected trap, cause 11
    "trap3": "li gp, 3\n ecall\n TEST_PASSFAIL",
    # never writes tohost
    "hang": "1: j 1b\n TEST_PASSFAIL",
    "pass": "li gp, 2\n TEST_PASSFAIL",
}


def build_control(tmp_path, name):
    cc = shutil.which("riscv64-unknown-elf-gcc")
    if cc is None:
        pytest.skip("riscv64-unknown-elf-gcc is not installed")
    src = tmp_path / f"{name}.S"
    src.write_text('#include "mkrv_test.h"\n#include "test_macros.h"\nRVTEST_CODE_BEGIN\n'
                   f"{CONTROLS[name]}\nRVTEST_CODE_END\nRVTEST_DATA_BEGIN\nRVTEST_DATA_END\n")
    elf = tmp_path / f"{name}.elf"
    env = ASM_SRC / "env"
    subprocess.run([cc, "-march=rv64ima_zicsr_zifencei", "-mabi=lp64", "-mcmodel=medany",
                    "-mno-relax", "-static", "-nostdlib", "-nostartfiles",
                    "-Wl,--no-warn-rwx-segments", f"-I{env}", f"-T{env / 'link.ld'}",
                    "-o", str(elf), str(src)], check=True, capture_output=True)
    return elf


@pytest.mark.parametrize("name, expected", [
    ("pass", "pass"),
    ("fail7", ("fail", 7)),
    ("trap3", ("fail", 3 | ((11 + 1) << 10))),
    ("hang", "timeout"),
])
def test_harness_controls(tmp_path, name, expected):
    elf = build_control(tmp_path, name)
    _, outcome = run_spike(elf, timeout=2 if name == "hang" else TIMEOUT_S)
    assert outcome == expected
    if name == "trap3":
        assert describe_failure(outcome[1]) == \
            "unexpected exception (cause 11: ecall from M) during test 3"
