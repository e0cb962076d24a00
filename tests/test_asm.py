"""The assembly test suite (tests/asm) on the mkrv SoC in Verilator: every test must pass.

The ELFs are built by `make -C tests/asm` (`make test` does it first) into build/tests/asm;
an ELF whose source was removed is left out. tests/test_asm_spike.py runs the same ELFs on
spike, which validates the tests themselves.
"""

from pathlib import Path

import pytest

from sim.runner import run_elf


REPO = Path(__file__).resolve().parent.parent
ASM_SRC = REPO / "tests" / "asm"
ASM_BUILD = REPO / "build" / "tests" / "asm"

# Every test runs in about 26k instructions or fewer on spike (tests/asm/README.md); the
# limit leaves room for a CPI of 10 and the timer tests' waits.
MAX_CYCLES = 1_000_000

CAUSES = {
    0: "instruction address misaligned", 1: "instruction access fault",
    2: "illegal instruction", 3: "breakpoint", 4: "load address misaligned",
    5: "load access fault", 6: "store/AMO address misaligned", 7: "store/AMO access fault",
    8: "ecall from U", 9: "ecall from S", 11: "ecall from M",
    12: "instruction page fault", 13: "load page fault", 15: "store/AMO page fault",
}


def elfs():
    if not ASM_BUILD.is_dir():
        return []
    names = {p.stem for p in ASM_SRC.glob("*.S")}
    return sorted(e for e in ASM_BUILD.glob("*.elf") if e.stem in names)


def describe(result):
    """The failure in the suite's terms (tests/asm/README.md): test n, or a trap in it."""
    if result.status != "fail":
        return result.message
    n = result.test_number
    if n < 1024:
        return f"test {n} failed (tohost = {result.tohost:#x})"
    code = (n >> 10) - 1
    kind = "interrupt" if code & 0x20 else "exception"
    cause = code & 0x1f
    name = f"cause {cause}" if kind == "interrupt" else CAUSES.get(cause, f"cause {cause}")
    return f"unexpected {kind} ({name}) during test {n & 1023} (tohost = {result.tohost:#x})"


ELFS = elfs()


@pytest.mark.skipif(not ELFS, reason="no assembly tests built: run `make -C tests/asm`")
@pytest.mark.parametrize("elf", ELFS or [None], ids=lambda e: e.stem if e else "none")
def test_asm(elf):
    result = run_elf(elf, max_cycles=MAX_CYCLES, stream=False)
    assert result.status == "pass", f"{elf.name}: {describe(result)}"
    assert result.instret > 0
