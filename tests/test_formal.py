"""Formal checks with yosys-smtbmc and z3 (rtl/formal, docs/formal.md).

Every check of :data:`rtl.formal.checks.CHECKS` runs here: the quick ones always (each under
about a minute on 2 cores), the deep ones only with ``MKRV_FORMAL_LONG=1`` (``make formal``).
The mutation tests show that the harnesses catch a broken decoder table, so a pass is not
vacuous.
"""

import os

import pytest
from amaranth.hdl import Cat, Mux

from rtl.clb.clb import INDEX_BITS, CLB
from rtl.core.decoder import Decoder, Fu, Row
from rtl.core.mmu import TLB
from rtl.core.rv64 import RV64IMA_ROWS
from rtl.formal import clb as formal_clb
from rtl.formal import decoder as formal_decoder
from rtl.formal import tlb as formal_tlb
from rtl.formal.checks import CHECKS
from rtl.formal.clb import CLBChecks
from rtl.formal.decoder import DecoderISA, DecoderTable
from rtl.formal.runner import run_formal
from rtl.formal.rvfi import RVFIChecks
from rtl.formal.tlb import TLBChecks


LONG = os.environ.get("MKRV_FORMAL_LONG") == "1"


@pytest.mark.parametrize("name", [
    name if check.quick else pytest.param(name, marks=pytest.mark.skipif(
        not LONG, reason="deep formal run: set MKRV_FORMAL_LONG=1 (make formal)"))
    for name, check in CHECKS.items()
])
def test_formal(tmp_path, name):
    check = CHECKS[name]
    result = run_formal(check.harness(), name=name, mode=check.mode, depth=check.depth,
                        workdir=tmp_path)
    assert result.passed == check.expect_pass, result.summary() + "\n" + result.log[-3000:]


def test_tlb_multi_catches_an_or(tmp_path, monkeypatch):
    # The TLB before its priority select ORed the matching entries: two overlapping fills
    # (a global entry over an ASID's) answer a mixture, found in a few cycles.
    class OrTLB(TLB):
        @staticmethod
        def _first(hits, values):
            out = 0
            for i, value in enumerate(values):
                out = out | Mux(hits[i], value, 0)
            return out

    monkeypatch.setattr(formal_tlb, "TLB", OrTLB)
    result = run_formal(TLBChecks(8, ["multi"], fill_on_miss=True), name="mut_multi",
                        depth=6, workdir=tmp_path)
    assert not result.passed
    assert result.step is not None and result.step <= 3
    assert result.failed and result.failed[0].startswith("multi:")
    assert result.vcd is not None and result.vcd.exists()


def _mutated(name, mask=None, controls=None):
    rows = []
    for row in RV64IMA_ROWS:
        if row.name == name:
            row = Row(row.name, row.mask if mask is None else mask, row.match,
                      row.controls if controls is None else controls)
        rows.append(row)
    return rows


def test_isa_catches_a_mask_too_wide(tmp_path):
    # subw without funct7 bit 25 in its mask also decodes the reserved funct7 0x21.
    rows = _mutated("subw", mask=0x7f | 0x7000 | 0xfc000000)
    result = run_formal(DecoderISA(rows), name="mut_mask", depth=1, workdir=tmp_path)
    assert not result.passed
    assert any(f.startswith("OP-32 with funct7 not in {0, 0x20, 1} is illegal")
               for f in result.failed)


def test_isa_catches_a_custom_row(tmp_path):
    rows = RV64IMA_ROWS + [Row("custom", 0x7f, 0b0001011, dict(fu=Fu.EXT))]
    result = run_formal(DecoderISA(rows), name="mut_custom", depth=1, workdir=tmp_path)
    assert not result.passed
    assert any(f.startswith("unimplemented major opcodes are illegal") for f in result.failed)


def test_table_catches_wrong_controls(tmp_path, monkeypatch):
    class WrongControls(Decoder):
        def row_const(self, row):
            value = super().row_const(row)
            return value ^ 1 if row.name == "sraw" else value

    monkeypatch.setattr(formal_decoder, "Decoder", WrongControls)
    result = run_formal(DecoderTable(), name="mut_ctrl", depth=1, workdir=tmp_path)
    assert not result.passed
    assert len(result.failed) == 1
    assert result.failed[0].startswith("ctrl is the matching row's controls")


def test_run_formal_rejects_bad_arguments(tmp_path):
    with pytest.raises(ValueError, match=r"^Formal mode must be one of \('bmc', 'cover', "
                                         r"'prove'\), not 'sim'$"):
        run_formal(DecoderTable(), name="x", mode="sim", workdir=tmp_path)
    with pytest.raises(ValueError, match=r"^Formal depth must be a positive integer, not 0$"):
        run_formal(DecoderTable(), name="x", depth=0, workdir=tmp_path)
    with pytest.raises(ValueError, match=r"^Formal solver must be one of \('z3', 'yices'\), "
                                         r"not 'cvc5'$"):
        run_formal(DecoderTable(), name="x", solver="cvc5", workdir=tmp_path)
    with pytest.raises(TypeError, match=r"^Formal harness must be an Elaboratable, not 1$"):
        run_formal(1, name="x", workdir=tmp_path)


def test_harnesses_reject_unknown_properties():
    with pytest.raises(ValueError, match=r"^RVFI property must be one of .*, not 'pc'$"):
        RVFIChecks(["pc"])
    with pytest.raises(ValueError, match=r"^TLB property must be one of .*, not 'hit'$"):
        TLBChecks(2, ["hit"])


class _AsidBlindCLB(CLB):
    # A CLB whose lookup forgets the caller's ASID: any domain's gate of that index hits.
    def elaborate(self, platform):
        m = super().elaborate(platform)
        m.d.comb += self.hit.eq(Cat(*[e.valid & (e.index == self.index[:INDEX_BITS])
                                      for e in self.entries]).any())
        return m


class _DuplicatingCLB(CLB):
    # A CLB whose fill always takes the victim, even when the tag is already present: two
    # entries with one tag, the older gate still ORed into the answer.
    def elaborate(self, platform):
        m = super().elaborate(platform)
        with m.If(self.fill):
            m.d.sync += self.victim.eq(self.victim + 1)
            with m.Switch(self.victim):
                for i, e in enumerate(self.entries):
                    with m.Case(i):
                        m.d.sync += [e.valid.eq(1), e.asid.eq(self.fill_asid),
                                     e.index.eq(self.fill_index), e.gate.eq(self.fill_gate)]
        return m


class _AsidInvalCLB(CLB):
    # A CLB that ignores the invalidation of one whole ASID: its gates stay callable.
    def elaborate(self, platform):
        m = super().elaborate(platform)
        with m.If(~self.fill & self.inval & self.inval_asid_valid & ~self.inval_index_valid):
            m.d.sync += [e.valid.eq(e.valid) for e in self.entries]
        return m


@pytest.mark.parametrize("mutant, prop", [
    (_AsidBlindCLB, "hit_tag"), (_DuplicatingCLB, "unique"), (_AsidInvalCLB, "inval"),
    (_AsidInvalCLB, "stale"),
])
def test_clb_checks_catch_a_broken_clb(tmp_path, monkeypatch, mutant, prop):
    monkeypatch.setattr(formal_clb, "CLB", mutant)
    result = run_formal(CLBChecks(8, [prop], covers=False), name=f"mut_{prop}", mode="bmc",
                        depth=4, workdir=tmp_path)
    assert not result.passed
    assert result.failed and result.failed[0].startswith(f"{prop}:")
