"""The privileged-architecture suite (tests/asm_priv: M/S/U traps, delegation, interrupts,
Sv39, and the user-level tests rebuilt in the virtual-memory environment as v-*.elf) on the
mkrv SoC in Verilator: every test must pass. tests/test_asm_priv_spike.py runs the same ELFs
on spike, which validates the tests themselves."""

from pathlib import Path

import pytest

from sim.runner import run_elf


REPO = Path(__file__).resolve().parent.parent
BUILD = REPO / "build" / "tests" / "asm_priv"
SRC = REPO / "tests" / "asm_priv"
MAX_CYCLES = 2_000_000


def elfs():
    if not BUILD.is_dir():
        return []
    own = {p.stem for p in SRC.glob("*.S")}
    user = {"v-" + p.stem for p in (REPO / "tests" / "asm").glob("*.S")}
    return sorted(e for e in BUILD.glob("*.elf") if e.stem in own | user)


ELFS = elfs()


@pytest.mark.skipif(not ELFS, reason="no privileged tests built: run `make -C tests/asm_priv`")
@pytest.mark.parametrize("elf", ELFS or [None], ids=lambda e: e.stem if e else "none")
def test_asm_priv(elf):
    result = run_elf(elf, max_cycles=MAX_CYCLES, stream=False)
    assert result.status == "pass", f"{elf.name}: {result.message}"
    assert result.instret > 0
