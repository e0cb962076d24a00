"""Formal properties of the TLB: a lookup hits only for a live entry whose tag matches.

This is the template for any tagged lookaside buffer of mkrv (the CLB of the call gates
will be checked the same way): the harness drives every input of the unit with ``AnySeq``,
keeps a *reference model* of what the buffer must hold, written from the documented
behaviour and not from the implementation, and compares every lookup with it.

The reference model
    A fill writes the round-robin victim, so the TLB holds the last ``entries`` fills; the
    model keeps them in the order of that policy (fill *k* in slot *k* mod ``entries``) and
    clears ``valid`` of those that an ``sfence.vma`` flush selects. An entry *maps* a virtual address when their VPNs
    agree at the entry's level (VPN[2] for a 1 GiB page, VPN[2:1] for 2 MiB, all of it for
    4 KiB), and *applies* to an address space when it is global or has that ASID.

Properties, on every cycle of an unconstrained sequence of lookups, fills and flushes:

``hit_sound``
    ``hit`` only when some live model entry applies and maps ``vaddr``;
``hit_complete``
    ``hit`` whenever one does;
``tag``
    on a hit, the answered ``entry`` is valid, applies to ``asid`` and maps ``vaddr``;
``answer``
    on a hit, ``entry`` equals one live model entry that applies and maps ``vaddr`` (not a
    mixture of several);
``paddr``
    on a hit, ``paddr`` is ``vaddr`` translated through that entry.

Assumptions (the contract the core's walker and ``sfence.vma`` keep): a fill is a valid
entry of level 0, 1 or 2, and no fill happens in the cycle of a flush. With
``consistent=True`` a fill also never overlaps a live entry (no two live entries map the
same address in the same address space), as the page-table walker guarantees while software
keeps page tables and ``sfence.vma`` consistent. With ``consistent=False`` the ``answer``
and ``paddr`` properties fail: see ``docs/formal.md``.
"""

from amaranth.asserts import AnySeq
from amaranth.hdl import Assert, Assume, Cat, Cover, Elaboratable, Module, Mux, Signal

from ..core.mmu import TLB, TLBEntry


__all__ = ["TLBChecks", "PROPERTIES", "maps", "applies", "overlap", "translate"]


PROPERTIES = ("hit_sound", "hit_complete", "tag", "answer", "paddr")


def maps(e, vaddr):
    """Whether TLB entry ``e`` maps virtual address ``vaddr`` (Sv39, at the entry's level)."""
    vpn = vaddr[12:39]
    return Mux(e.level == 2, e.vpn[18:27] == vpn[18:27],
           Mux(e.level == 1, e.vpn[9:27] == vpn[9:27], e.vpn == vpn))


def applies(e, asid):
    """Whether TLB entry ``e`` is visible in address space ``asid``."""
    return e.g | (e.asid == asid)


def overlap(a, b):
    """Whether some lookup could match both ``a`` and ``b``."""
    same_space = a.g | b.g | (a.asid == b.asid)
    coarse = Mux(a.level > b.level, a.level, b.level)
    same_page = Mux(coarse == 2, a.vpn[18:27] == b.vpn[18:27],
                Mux(coarse == 1, a.vpn[9:27] == b.vpn[9:27], a.vpn == b.vpn))
    return same_space & same_page


def translate(e, vaddr):
    """Physical address of ``vaddr`` through entry ``e``: the page offset of its level from
    ``vaddr``, the rest from ``e.ppn``."""
    return Mux(e.level == 2, Cat(vaddr[0:30], e.ppn[18:44]),
           Mux(e.level == 1, Cat(vaddr[0:21], e.ppn[9:44]),
               Cat(vaddr[0:12], e.ppn)))


class TLBChecks(Elaboratable):
    """A TLB with unconstrained inputs, a reference model, and the properties above.

    Parameters
    ----------
    entries : int
        TLB size (the core's TLBs have 8).
    consistent : bool
        Assume fills never overlap a live entry.

    Members
    -------
    tlb : TLB
    """

    def __init__(self, entries=8, consistent=True, properties=PROPERTIES):
        properties = tuple(properties)
        for name in properties:
            if name not in PROPERTIES:
                raise ValueError(f"TLB property must be one of {PROPERTIES!r}, not {name!r}")
        self.properties = properties
        self.tlb = TLB(entries)
        self.entries = entries
        self.consistent = consistent

    def elaborate(self, platform):
        m = Module()
        m.submodules.tlb = tlb = self.tlb
        m.d.comb += [
            tlb.vaddr.eq(AnySeq(64)),
            tlb.asid.eq(AnySeq(16)),
            tlb.fill.eq(AnySeq(1)),
            tlb.fill_entry.as_value().eq(AnySeq(len(tlb.fill_entry.as_value()))),
            tlb.flush.eq(AnySeq(1)),
            tlb.flush_va_valid.eq(AnySeq(1)),
            tlb.flush_asid_valid.eq(AnySeq(1)),
            tlb.flush_va.eq(AnySeq(64)),
            tlb.flush_asid.eq(AnySeq(16)),
        ]

        # The reference model: round-robin replacement puts the k-th fill (from 0) in slot
        # k mod entries. Keeping the model in that order (rather than, say, newest first)
        # makes slot i of the model and of the TLB the same fill, which the solver sees at
        # once instead of searching over fill counts.
        model = [Signal(TLBEntry, name=f"model{i}") for i in range(self.entries)]
        victim = Signal(range(self.entries))
        fill = tlb.fill_entry
        m.d.comb += [
            Assume(~tlb.fill | fill.valid, "a fill is a valid entry"),
            Assume(~tlb.fill | (fill.level != 3), "a fill has level 0, 1 or 2"),
            Assume(~(tlb.fill & tlb.flush), "no fill in the cycle of a flush"),
        ]
        if self.consistent:
            for e in model:
                m.d.comb += Assume(~(tlb.fill & e.valid & overlap(e, fill)),
                                   "a fill overlaps no live entry")
        with m.If(tlb.fill):
            m.d.sync += victim.eq(Mux(victim == self.entries - 1, 0, victim + 1))
            for i, e in enumerate(model):
                with m.If(victim == i):
                    m.d.sync += e.eq(fill)
        with m.If(tlb.flush):
            # sfence.vma: rs1 != x0 selects the entries mapping flush_va; rs2 != x0 selects
            # the non-global entries of flush_asid; x0 selects everything.
            for e in model:
                by_va = ~tlb.flush_va_valid | maps(e, tlb.flush_va)
                by_asid = ~tlb.flush_asid_valid | (~e.g & (e.asid == tlb.flush_asid))
                with m.If(by_va & by_asid):
                    m.d.sync += e.valid.eq(0)

        match = Signal(self.entries)
        for i, e in enumerate(model):
            m.d.comb += match[i].eq(e.valid & applies(e, tlb.asid) & maps(e, tlb.vaddr))
        answered = Signal(self.entries)
        for i, e in enumerate(model):
            m.d.comb += answered[i].eq(match[i] & (e.as_value() == tlb.entry.as_value()))

        out = tlb.entry
        checks = {
            "hit_sound": lambda: Assert(~tlb.hit | match.any(),
                                        "hit_sound: a hit only for a live entry that applies "
                                        "and maps vaddr"),
            "hit_complete": lambda: Assert(~match.any() | tlb.hit,
                                           "hit_complete: a live matching entry hits"),
            "tag": lambda: Assert(~tlb.hit | (out.valid & applies(out, tlb.asid) &
                                              maps(out, tlb.vaddr)),
                                  "tag: the answered entry is valid, applies to asid and maps "
                                  "vaddr"),
            "answer": lambda: Assert(~tlb.hit | answered.any(),
                                     "answer: the answered entry is one live matching entry"),
            "paddr": lambda: Assert(~tlb.hit |
                                    (tlb.paddr == translate(out, tlb.vaddr)[:len(tlb.paddr)]),
                                    "paddr: vaddr translated through the answered entry"),
        }
        for name in self.properties:
            m.d.comb += checks[name]()

        # Non-vacuity: the interesting cases are reachable within the depth.
        fills = Signal(range(self.entries + 2))
        with m.If(tlb.fill & (fills != self.entries + 1)):
            m.d.sync += fills.eq(fills + 1)
        m.d.comb += [
            Cover(tlb.hit & (tlb.entry.level == 2) & ~tlb.entry.g, "a 1 GiB hit"),
            Cover(tlb.hit & tlb.entry.g & (tlb.entry.asid != tlb.asid),
                  "a global entry hits in another address space"),
            Cover(tlb.hit & (fills == self.entries + 1), "a hit after an eviction"),
        ]
        return m
