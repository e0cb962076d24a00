"""Random programs (sim/verify/randprog.py) in lockstep with spike.

A fixed set of seeds runs in every `make test`; `mkrv fuzz --seeds N --start S` runs more.
A failing seed prints the command that reproduces it.
"""

import subprocess
import sys
from pathlib import Path

import pytest

from sim.testing import have_toolchain
from sim.verify.spike import spike_available


REPO = Path(__file__).resolve().parent.parent
#: The seeds `make test` runs (about 5000 instructions each).
SEEDS = range(32)

WHY_NOT = spike_available() or (None if have_toolchain() else
                                "the RISC-V GNU toolchain is not installed")
pytestmark = pytest.mark.skipif(WHY_NOT is not None, reason=WHY_NOT or "")


def test_generate_is_deterministic():
    from sim.verify.randprog import generate

    assert generate(5) == generate(5)
    assert generate(5) != generate(6)
    assert generate(5, length=100) != generate(5)


@pytest.mark.parametrize("seed", [-1, 1.5, "3", None])
def test_generate_bad_seed(seed):
    from sim.verify.randprog import generate

    with pytest.raises(ValueError) as e:
        generate(seed)
    assert str(e.value) == f"Seed must be a non-negative integer, not {seed!r}"


def test_program_has_every_kind_of_block():
    """The generator emits what it promises (a seed-independent sanity check)."""
    from sim.verify.randprog import generate

    src = "\n".join(generate(s) for s in range(4))
    for needle in ("mret", "sret", "ecall", "ebreak", "lr.", "sc.", "amo", "div", "mulh",
                   "csrrw", "sfence.vma", "jalr", ".word", "bnez", "0x2000000", "0x2004000",
                   "csrw satp"):
        assert needle in src, needle


@pytest.mark.parametrize("seed", SEEDS)
def test_fuzz_seed(seed, tmp_path):
    from sim.verify.cli import reproduce_command
    from sim.verify.lockstep import lockstep
    from sim.verify.randprog import build

    elf = build(seed, tmp_path)
    result = lockstep(elf, max_cycles=500_000)
    assert result.ok, "\n".join(result.report() + [f"reproduce: {reproduce_command(seed, 800)}"])
    assert result.compared > 2000


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "sim.verify.cli", *args], capture_output=True,
                          text=True, cwd=REPO, timeout=600)


def test_fuzz_cli():
    p = _cli("fuzz", "--seeds", "1", "--start", "1000", "--length", "200", "-j", "1")
    assert p.returncode == 0, p.stdout + p.stderr
    lines = p.stdout.splitlines()
    assert lines[0].startswith("seed 1000: PASS: ")
    assert lines[-1].startswith("fuzz: 1 seeds (1000..1000), 1 passed, 0 failed; ")


@pytest.mark.parametrize("args", [["fuzz", "--seeds", "0"], ["fuzz", "--start", "-1"],
                                  ["fuzz", "--seeds", "x"], ["fuzz", "--jobs", "0"]])
def test_fuzz_cli_bad_input(args):
    p = _cli(*args)
    assert p.returncode == 2 and p.stdout == "" and len(p.stderr.splitlines()) == 1, p.stderr
