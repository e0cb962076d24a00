"""A broad sample of 32-bit words, each executed in lockstep with spike
(sim/verify/encodings.py): every major opcode with every funct3, every funct7 of OP and OP-32,
every AMO funct5 with both ordering bits, the shifts with their reserved immediate bits, the
SYSTEM and MISC-MEM encodings with reserved fields set, and every CSR number. A word either
executes as the instruction spike says it is (same result) or traps as illegal with the word
in mtval (the handler reads mcause and mtval, which lockstep compares): no hang, no silent
execution of an undefined encoding.
"""

import pytest

from sim.testing import assemble, have_toolchain
from sim.verify.spike import spike_available


WHY_NOT = spike_available() or (None if have_toolchain() else
                                "the RISC-V GNU toolchain is not installed")
pytestmark = pytest.mark.skipif(WHY_NOT is not None, reason=WHY_NOT or "")


def test_sample_is_broad():
    from sim.verify.encodings import csr_sample, sample

    words = sample()
    assert len(words) >= 4000
    assert len(set(words)) == len(words)
    pairs = {(w & 0x7f, w >> 12 & 7) for w in words}
    assert all((op << 2 | 3, f3) in pairs for op in range(32) for f3 in range(8)
               if (op << 2 | 3, f3) != (0x73, 1)), "an opcode/funct3 pair is missing"
    for opcode in (0x33, 0x3b):
        assert len({(w >> 25, w >> 12 & 7) for w in words if w & 0x7f == opcode}) == 1024
    assert len({w >> 27 for w in words if w & 0x7f == 0x2f}) == 32
    assert sorted(w >> 20 for w in csr_sample()) == list(range(4096))


def _run(words, tmp_path, name):
    from sim.verify.encodings import program
    from sim.verify.lockstep import lockstep

    elf = assemble(program(words), tmp_path / f"{name}.elf")
    result = lockstep(elf, max_cycles=3_000_000)
    assert result.ok, "\n".join(result.report())
    return result


def _outcomes(result, words):
    """For each word executed: 'executed' or the cause of its trap."""
    todo = set(words)
    out = {}
    for r, s in zip(result.records, result.steps):
        if r.insn in todo and r.pc_rdata < 0x8010_0000:
            todo.discard(r.insn)
            out[r.insn] = s.cause if s.trapped else "executed"
    return out


def test_encodings(tmp_path):
    from sim.verify.encodings import sample

    words = sample()
    result = _run(words, tmp_path, "encodings")
    outcomes = _outcomes(result, words)
    illegal = sum(1 for v in outcomes.values() if v == 2)
    executed = sum(1 for v in outcomes.values() if v == "executed")
    assert illegal > 3000 and executed > 200, (illegal, executed)


def test_every_csr_number(tmp_path):
    from sim.verify.encodings import csr_sample

    words = csr_sample()
    outcomes = _outcomes(_run(words, tmp_path, "csrs"), words)
    assert len(outcomes) == 4096
    assert 90 < sum(1 for v in outcomes.values() if v == "executed") < 200


def test_16bit_parcels(tmp_path):
    from sim.verify.encodings import sample

    _run(sample(parcels16=True), tmp_path, "parcels16")
