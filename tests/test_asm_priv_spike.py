"""Runs every ELF of build/tests/asm_priv (built by `make -C tests/asm_priv`) on spike, the
reference RISC-V simulator, and checks that it passes.

These are the privileged-architecture tests (M, S and U modes, traps and delegation,
interrupts, Sv39) of tests/asm_priv/*.S, plus the user-level tests of tests/asm built a second
time in the virtual-memory environment (v-<name>.elf: the test body runs in U-mode under Sv39
page tables). Running them on spike validates the tests against the reference model; the same
ELFs are acceptance tests of the mkrv core.

Spike is set up like the mkrv core: RV64IMA + Zicsr + Zifencei + Zicntr, M/S/U modes, no PMP
(--pmpregions=0: the pmp CSRs are illegal), no debug triggers (--triggers=0: tselect and
tdata1-3 read 0), 16 MiB of RAM at 0x8000_0000, CLINT at 0x0200_0000, and Sv39 as the only
translation mode: spike's own device tree is dumped, its mmu-type changed to riscv,sv39 and the
result passed with --dtb (then spike ignores satp writes of Sv48/Sv57, as the core does).
"""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest


REPO = Path(__file__).resolve().parent.parent
PRIV_SRC = REPO / "tests" / "asm_priv"
ASM_SRC = REPO / "tests" / "asm"
BUILD = REPO / "build" / "tests" / "asm_priv"

SPIKE_ISA = "rv64ima_zicsr_zifencei_zicntr"
SPIKE_ARGS = [f"--isa={SPIKE_ISA}", "--priv=MSU", "--pmpregions=0", "--triggers=0",
              "-m0x80000000:0x1000000"]
# Wall clock per test: each runs in well under a second on spike; one that never writes
# tohost (a hang, a trap loop) runs into it and fails. (spike's --instructions=N limit is
# not used: spike exits with status 0 when it hits it, which would look like a pass.)
TIMEOUT_S = 10

CAUSES = {
    0: "instruction address misaligned", 1: "instruction access fault",
    2: "illegal instruction", 3: "breakpoint", 4: "load address misaligned",
    5: "load access fault", 6: "store/AMO address misaligned", 7: "store/AMO access fault",
    8: "ecall from U", 9: "ecall from S", 11: "ecall from M",
    12: "instruction page fault", 13: "load page fault", 15: "store/AMO page fault",
}
IRQS = {1: "SSI", 3: "MSI", 5: "STI", 7: "MTI", 9: "SEI", 11: "MEI"}


def find_spike():
    local = Path(sys.executable).parent / "spike"
    if local.exists():
        return str(local)
    return shutil.which("spike")


def sources():
    """The names of the ELFs the Makefile builds (`make list`)."""
    try:
        out = subprocess.run(["make", "-s", "-C", str(PRIV_SRC), "list"], capture_output=True,
                             text=True, timeout=60, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return sorted(p.stem for p in PRIV_SRC.glob("*.S"))
    return sorted(out.split())


def source_of(name):
    if name.startswith("v-"):
        return ASM_SRC / f"{name[2:]}.S"
    return PRIV_SRC / f"{name}.S"


def elfs():
    """Built ELFs that still have a source (a stale ELF of a removed test is ignored)."""
    if not BUILD.is_dir():
        return []
    return sorted(e for e in BUILD.glob("*.elf") if source_of(e.stem).exists())


def describe_failure(n):
    """Decodes the failure code n (tohost = (n << 1) | 1; spike prints n as "tohost = n")
    following tests/asm_priv/env/mkrv_test.h."""
    if n >> 10:
        code = (n >> 10) - 1
        level = "S" if code & 0x40 else "M"
        if code & 0x20:
            what = f"interrupt {code & 0x1f} ({IRQS.get(code & 0x1f, '?')})"
        else:
            what = f"exception {code & 0x1f} ({CAUSES.get(code & 0x1f, '?')})"
        return f"unexpected {what} taken into {level}-mode during test {n & 1023}"
    if n == 1022:
        return "the v environment found translation off (test 1022)"
    return f"test {n} failed"


@pytest.fixture(scope="session")
def spike_dtb(tmp_path_factory):
    """Spike's device tree with Sv39 as the only MMU mode."""
    spike = find_spike()
    if spike is None:
        pytest.skip("spike is not installed (scripts/setup.sh installs it into .venv)")
    dtc = shutil.which("dtc")
    if dtc is None:
        pytest.skip("dtc (device-tree-compiler) is not installed")
    any_elf = (elfs() or [None])[0]
    if any_elf is None:
        pytest.skip("no ELF to dump the device tree with")
    dts = subprocess.run([spike, *SPIKE_ARGS, "--dump-dts", str(any_elf)], capture_output=True,
                         text=True, timeout=30, check=True).stdout
    dts, n = re.subn(r'mmu-type = "riscv,sv\d+"', 'mmu-type = "riscv,sv39"', dts)
    assert n == 1, f"no mmu-type in spike's device tree:\n{dts}"
    out = tmp_path_factory.mktemp("spike") / "mkrv-sv39.dtb"
    subprocess.run([dtc, "-q", "-I", "dts", "-O", "dtb", "-o", str(out), "-"], input=dts,
                   text=True, timeout=30, check=True)
    return out


def run_spike(elf, dtb):
    cmd = [find_spike(), *SPIKE_ARGS, f"--dtb={dtb}", str(elf)]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT_S,
                              stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{elf.name}: no pass/fail after {TIMEOUT_S} s (a hang, a trap loop, or "
                    f"a wfi that never wakes?)\ncommand: {' '.join(cmd)}")
    return cmd, proc


_ELFS = elfs()


@pytest.mark.parametrize("elf", _ELFS or [None], ids=[e.stem for e in _ELFS] or ["none"])
def test_asm_priv_on_spike(elf, spike_dtb):
    if elf is None:
        pytest.skip(f"no tests built in {BUILD}; run `make -C tests/asm_priv`")
    cmd, proc = run_spike(elf, spike_dtb)
    output = proc.stdout + proc.stderr
    m = re.search(r"FAILED \*\*\* \(tohost = (\d+)\)", output)
    if m:
        n = int(m.group(1))
        pytest.fail(f"{elf.name}: {describe_failure(n)} (spike: tohost = {n})\n"
                    f"command: {' '.join(cmd)}\n{output[-2000:]}")
    assert proc.returncode == 0, (
        f"{elf.name}: spike exited with {proc.returncode}\ncommand: {' '.join(cmd)}\n"
        f"{output[-2000:]}")


def test_every_source_is_built():
    """Each test the Makefile knows has an up-to-date ELF (else the run above misses it)."""
    if not _ELFS:
        pytest.skip(f"no tests built in {BUILD}")
    names = sources()
    missing = [s for s in names if not (BUILD / f"{s}.elf").exists()]
    assert not missing, f"not built (run `make -C tests/asm_priv`): {missing}"
    stale = [s for s in names
             if (BUILD / f"{s}.elf").stat().st_mtime < source_of(s).stat().st_mtime]
    assert not stale, f"older than their source (run `make -C tests/asm_priv`): {stale}"


def test_suite_covers_enough():
    """The suite keeps its breadth: a sanity check against accidental deletion."""
    names = sources()
    priv = [s for s in names if not s.startswith("v-")]
    virt = [s for s in names if s.startswith("v-")]
    assert len(priv) >= 30, priv
    assert len(virt) >= 70, virt
