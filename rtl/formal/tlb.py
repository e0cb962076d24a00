"""Formal properties of the TLB: a lookup hits only for a live entry whose tag matches.

This is the template for any tagged lookaside buffer of mkrv (the CLB of the call gates
will be checked the same way): the harness drives every input of the unit with ``AnySeq``,
keeps a *reference model* of what the buffer must hold, written from the documented
behaviour and not from the implementation, and compares every lookup with it.

The reference model
    A fill writes the round-robin victim, so the TLB holds the last ``entries`` fills; the
    model keeps them in the order of that policy (fill *k* in slot *k* mod ``entries``) and
    clears ``valid`` of those that an ``sfence.vma`` flush selects. An entry *maps* a virtual
    address when their VPNs agree at the entry's level (VPN[2] for a 1 GiB page, VPN[2:1]
    for 2 MiB, all of it for 4 KiB), and *applies* to an address space when it is global or
    has that ASID. A live entry that maps ``vaddr`` and applies to ``asid`` *matches*.

Properties, on every cycle of an unconstrained sequence of lookups, fills and flushes
(:data:`PROPERTIES`):

``hit_sound``
    ``hit`` only when some live entry matches: a flushed, evicted or never filled entry, an
    entry of another address space, or one of another page never hits;
``hit_complete``
    ``hit`` whenever some live entry matches;
``tag``
    when one live entry matches, the answered ``entry`` is valid, applies to ``asid`` and
    maps ``vaddr``;
``answer``
    when one live entry matches, ``entry`` is that entry;
``paddr``
    when one live entry matches, ``paddr`` is ``vaddr`` translated through it;
``multi``
    when several live entries match (two fills that overlap: a superpage and a smaller page
    inside it, or a global entry and an entry of one address space, which only inconsistent
    page tables without ``sfence.vma`` produce), ``entry`` is the first of them (the lowest
    slot), never a mixture. The TLB ORed the matching entries until it had a priority
    select; ``docs/formal.md`` keeps that counterexample.

Assumptions (the contract the core's walker and ``sfence.vma`` keep): a fill is a valid
entry of level 0, 1 or 2, and no fill happens in the cycle of a flush.
"""

from amaranth.asserts import AnySeq
from amaranth.hdl import Assert, Assume, Cat, Cover, Elaboratable, Module, Mux, Signal

from ..core.mmu import TLB, TLBEntry


__all__ = ["TLBChecks", "PROPERTIES", "maps", "applies", "translate"]


PROPERTIES = ("hit_sound", "hit_complete", "tag", "answer", "paddr", "multi")


def maps(e, vaddr):
    """Whether TLB entry ``e`` maps virtual address ``vaddr`` (Sv39, at the entry's level)."""
    vpn = vaddr[12:39]
    return Mux(e.level == 2, e.vpn[18:27] == vpn[18:27],
           Mux(e.level == 1, e.vpn[9:27] == vpn[9:27], e.vpn == vpn))


def applies(e, asid):
    """Whether TLB entry ``e`` is visible in address space ``asid``."""
    return e.g | (e.asid == asid)


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
    properties : iterable of str
        Which of :data:`PROPERTIES` to assert (default: all).
    fill_on_miss : bool
        Also assume the walker's contract: a fill happens only when the lookup (``vaddr``,
        ``asid``) misses, and the filled entry maps ``vaddr`` and applies to ``asid``. The
        properties hold without it; it makes the overlaps ``multi`` checks realistic ones.

    Members
    -------
    tlb : TLB
    """

    def __init__(self, entries=8, properties=PROPERTIES, fill_on_miss=False):
        properties = tuple(properties)
        for name in properties:
            if name not in PROPERTIES:
                self._MustUse__silence = True   # a harness that failed to build is not unused
                raise ValueError(f"TLB property must be one of {PROPERTIES!r}, not {name!r}")
        self.properties = properties
        self.fill_on_miss = fill_on_miss
        self.tlb = TLB(entries)
        self.entries = entries

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
        fill = tlb.fill_entry
        m.d.comb += [
            Assume(~tlb.fill | fill.valid, "a fill is a valid entry"),
            Assume(~tlb.fill | (fill.level != 3), "a fill has level 0, 1 or 2"),
            Assume(~(tlb.fill & tlb.flush), "no fill in the cycle of a flush"),
        ]
        if self.fill_on_miss:
            m.d.comb += Assume(~tlb.fill | (~tlb.hit & maps(fill, tlb.vaddr) &
                                            applies(fill, tlb.asid)),
                               "a fill answers a miss of the address looked up")

        # The reference model. Keeping it in the order of the replacement policy (rather
        # than, say, newest first) lets the solver pair model and TLB slots directly.
        model = [Signal(TLBEntry, name=f"model{i}") for i in range(self.entries)]
        victim = Signal(range(self.entries))
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

        match = Signal(self.entries)      # live model entries that match the lookup
        for i, e in enumerate(model):
            m.d.comb += match[i].eq(e.valid & applies(e, tlb.asid) & maps(e, tlb.vaddr))
        one = Signal()                    # exactly one live entry matches
        m.d.comb += one.eq(match.any() & ((match & (match - 1)) == 0))
        expected = Signal(TLBEntry)       # that entry; when several match, the first (model
        for i, e in reversed(list(enumerate(model))):   # slot i is TLB slot i: both fill
            with m.If(match[i]):                        # slot k mod n with fill k)
                m.d.comb += expected.eq(e)

        out = tlb.entry
        checks = {
            "hit_sound": lambda: Assert(~tlb.hit | match.any(),
                                        "hit_sound: a hit only for a live entry that applies "
                                        "and maps vaddr"),
            "hit_complete": lambda: Assert(~match.any() | tlb.hit,
                                           "hit_complete: a live matching entry hits"),
            "tag": lambda: Assert(~one | (out.valid & applies(out, tlb.asid) &
                                          maps(out, tlb.vaddr)),
                                  "tag: the answered entry is valid, applies to asid and maps "
                                  "vaddr"),
            "answer": lambda: Assert(~one | (out.as_value() == expected.as_value()),
                                     "answer: the answered entry is the live matching entry"),
            "paddr": lambda: Assert(~one | (tlb.paddr ==
                                            translate(out, tlb.vaddr)[:len(tlb.paddr)]),
                                    "paddr: vaddr translated through the answered entry"),
            "multi": lambda: Assert(~match.any() | (out.as_value() == expected.as_value()),
                                    "multi: with several live matching entries, the answer "
                                    "is the first of them"),
        }
        for name in self.properties:
            m.d.comb += checks[name]()

        # Non-vacuity: the interesting cases are reachable within the depth.
        fills = Signal(range(self.entries + 2))
        with m.If(tlb.fill & (fills != self.entries + 1)):
            m.d.sync += fills.eq(fills + 1)
        flushed = Signal()
        with m.If(tlb.flush & tlb.flush_va_valid & tlb.flush_asid_valid):
            m.d.sync += flushed.eq(1)
        m.d.comb += [
            Cover(tlb.hit & (out.level == 2) & ~out.g, "a 1 GiB page hits"),
            Cover(tlb.hit & out.g & (out.asid != tlb.asid),
                  "a global entry hits in another address space"),
            Cover(tlb.hit & (fills == self.entries + 1), "a hit after an eviction"),
            Cover(tlb.hit & flushed, "a hit after a flush by address and ASID"),
            Cover(tlb.hit & match.any() & ~one, "two live entries match"),
        ]
        return m
