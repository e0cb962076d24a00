"""Formal checks with yosys-smtbmc and z3 (rtl/formal): the decoder (at most one row matches
any word; illegal exactly when none does; controls are the row's), the TLB (a hit only from a
valid entry whose tag matches), and pipeline properties on the core's RVFI port in a bounded
model check from reset. Deeper runs: `python -c` with rtl.formal.runner.run_formal."""

import pytest

from rtl.formal.decoder import DecoderISA, DecoderTable
from rtl.formal.rvfi import RVFIChecks
from rtl.formal.runner import run_formal
from rtl.formal.tlb import TLBChecks


@pytest.mark.parametrize("name,harness,depth", [
    ("decoder_table", DecoderTable, 1),   # combinational: depth 1 is a proof
    ("decoder_isa", DecoderISA, 1),
    ("tlb", TLBChecks, 4),
    ("rvfi", lambda: RVFIChecks(covers=False), 6),
])
def test_formal(tmp_path, name, harness, depth):
    result = run_formal(harness(), name=name, mode="bmc", depth=depth, workdir=tmp_path)
    assert result.passed, f"{name}: {result.failed}\n{result.log}"
