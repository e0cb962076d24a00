"""The formal checks of mkrv, by name: which harness, which mode, how deep.

``quick`` checks take under about a minute each on the 2-core build machine and run in
``make test``; the others are deeper runs of the same properties (``make formal``). The times
in ``docs/formal.md`` come from ``python -m rtl.formal --all``.
"""

from dataclasses import dataclass
from typing import Callable

from .clb import CLBChecks
from .decoder import DecoderISA, DecoderTable
from .rvfi import RVFIChecks
from .tlb import TLBChecks


__all__ = ["Check", "CHECKS"]


@dataclass(frozen=True)
class Check:
    """One formal run.

    Members
    -------
    name : str
    harness : callable
        Returns a fresh harness (an ``Elaboratable``).
    mode : str
        ``"bmc"``, ``"cover"`` or ``"prove"``, as in :func:`rtl.formal.runner.run_formal`.
    depth : int
    quick : bool
        Part of ``make test``.
    expect_pass : bool
        False for a check that documents a known failure (its counterexample is the point).
    doc : str
    """
    name: str
    harness: Callable
    mode: str
    depth: int
    quick: bool
    doc: str
    expect_pass: bool = True


_REGS = ("rd_zero", "rs_zero", "trap", "constants")

CHECKS = {c.name: c for c in [
    Check("decoder_table", DecoderTable, "bmc", 1, True,
          "any word: hits are the rows' mask/match, at most one row matches, illegal iff none "
          "does, ctrl is the matching row's constants (combinational: a proof)"),
    Check("decoder_table_cover", DecoderTable, "cover", 1, True,
          "some word is legal, some illegal"),
    Check("decoder_isa", DecoderISA, "bmc", 1, True,
          "ISA facts on any word: reserved and unimplemented encodings are illegal, rd_we, "
          "word and fu follow from the opcode (a proof)"),
    Check("rvfi_order", lambda: RVFIChecks(["order"], covers=False), "prove", 1, True,
          "rvfi_order counts retirements with no gap (k-induction: every cycle)"),
    Check("rvfi_regs", lambda: RVFIChecks(_REGS, covers=False), "prove", 3, True,
          "rd_wdata = 0 when rd_addr = 0, rs*_rdata = 0 when rs*_addr = 0, a trap writes no "
          "register and no memory, halt = 0, ixl = 2 (k-induction: every cycle)"),
    Check("rvfi_mode", lambda: RVFIChecks(["mode"], covers=False), "bmc", 12, True,
          "mode is U, S or M"),
    Check("rvfi_pc_chain", lambda: RVFIChecks(["pc_chain"], covers=False), "bmc", 8, True,
          "pc_rdata is the previous retirement's pc_wdata unless intr"),
    Check("rvfi_cover", lambda: RVFIChecks([], free_regfile=False), "cover", 15, True,
          "retirements, a trap, an interrupt, a store, a register write, S/U mode reachable"),
    Check("tlb_lookup", lambda: TLBChecks(8, ["hit_sound", "hit_complete", "paddr"]), "bmc",
          8, True, "8 entries: hit iff a live entry matches; paddr from the answered entry"),
    Check("tlb_answer", lambda: TLBChecks(8, ["tag", "answer"]), "bmc", 6, True,
          "8 entries: the answer is the matching entry, valid, with matching tag"),
    Check("tlb2", lambda: TLBChecks(2), "bmc", 8, True,
          "2 entries, every property, deep enough for evictions and flushes"),
    Check("tlb_cover", lambda: TLBChecks(8), "cover", 12, True,
          "superpage hit, global hit, hit after eviction, hit after a flush, two matching "
          "entries"),
    Check("tlb_multi", lambda: TLBChecks(8, ["multi"], fill_on_miss=True), "bmc", 6, True,
          "8 entries, fills on misses only: two overlapping live entries answer the first"),
    Check("clb", lambda: CLBChecks(8, covers=False), "prove", 1, True,
          "8-entry CLB: a hit exactly when a valid entry's tag equals (ASID, index), with its "
          "gate; unique tags; fills hit, invalidated and stale tags miss; round-robin "
          "replacement (k-induction: every cycle)"),
    Check("clb1", lambda: CLBChecks(1, covers=False), "prove", 1, True,
          "1-entry CLB, every property (k-induction)"),
    Check("clb_cover", lambda: CLBChecks(8), "cover", 12, True,
          "a hit, a hit after an eviction, after a fill in place, after an ASID "
          "invalidation"),
    # Deeper runs of the same properties (make formal).
    Check("rvfi_all_deep", lambda: RVFIChecks(covers=False), "bmc", 12, False,
          "every RVFI property together"),
    Check("rvfi_pc_chain_deep", lambda: RVFIChecks(["pc_chain"], covers=False), "bmc", 15,
          False, "pc chain, deeper"),
    Check("tlb_deep", lambda: TLBChecks(8), "bmc", 10, False,
          "8 entries, every property, deep enough for an eviction"),
    Check("tlb4_deep", lambda: TLBChecks(4), "bmc", 10, False,
          "4 entries, every property"),
]}
