"""Sv39 address translation: ASID-tagged TLBs and a hardware page-table walker.

A TLB lookup is combinational, so a hit costs no cycle. A miss stalls the stage that needs
it while the walker reads the page table through the data port (one cycle a level: a walk
costs 2 to 4 cycles, see ``docs/privileged.md``), fills the TLB and lets the access retry.

Accessed and dirty bits follow Svade: the hardware never writes a PTE. An access through a
leaf with A = 0, or a store through a leaf with D = 0, raises a page fault and software sets
the bit. Walks therefore have no side effects and may be done speculatively (for fetch).

Invalid PTEs are never cached: a walk that ends in a fault leaves the TLB unchanged.
"""

from amaranth.hdl import Cat, Const, Module, Mux, Signal
from amaranth.lib import data, enum, wiring
from amaranth.lib.wiring import In, Out

from .isa import Priv


__all__ = ["PTE", "Access", "TLBEntry", "TLB", "PageTableWalker", "permission_fault",
           "canonical"]


class PTE(data.Struct):
    """An Sv39 page-table entry."""
    v:        1
    r:        1
    w:        1
    x:        1
    u:        1
    g:        1
    a:        1
    d:        1
    rsw:      2
    ppn:      44
    reserved: 10   # Svpbmt and Svnapot are not implemented: must be zero


class Access(enum.Enum, shape=2):
    FETCH = 0
    LOAD  = 1
    STORE = 2   # stores, AMOs and SC


class TLBEntry(data.Struct):
    valid: 1
    vpn:   27
    asid:  16
    level: 2    # 0: 4 KiB page, 1: 2 MiB, 2: 1 GiB
    ppn:   44
    r:     1
    w:     1
    x:     1
    u:     1
    g:     1
    a:     1
    d:     1


def canonical(vaddr):
    """Whether bits 63..39 of ``vaddr`` all equal bit 38."""
    top = vaddr[38:64]
    return (top == 0) | (top == (1 << 26) - 1)


def permission_fault(entry, access, priv, sum_, mxr):
    """Whether an access of kind ``access`` in mode ``priv`` through TLB ``entry`` faults."""
    user_page_bad = Mux(priv == Priv.U, ~entry.u,
                    Mux(access == Access.FETCH, entry.u, entry.u & ~sum_))
    kind_bad = Mux(access == Access.FETCH, ~entry.x,
               Mux(access == Access.LOAD, ~(entry.r | (mxr & entry.x)), ~entry.w))
    ad_bad = ~entry.a | ((access == Access.STORE) & ~entry.d)
    return user_page_bad | kind_bad | ad_bad


class TLB(wiring.Component):
    """A fully associative, ASID-tagged TLB with round-robin replacement.

    Members
    -------
    vaddr : In(64)
        Virtual address looked up (combinationally).
    asid : In(16)
    hit : Out(1)
    entry : Out(TLBEntry)
        The matching entry: the lowest-numbered one if several match, zero on a miss.
    paddr : Out(56)
        The translated physical address.
    attr : Out(attr_width)
        With ``attrs``: ``attrs(paddr)``, zero on a miss. Each entry applies ``attrs`` to its
        own translation of ``vaddr`` in parallel with the tag compare, and the hit selects
        the result, so a physical-memory check costs no levels after the lookup.
    fill : In(1)
        Write ``fill_entry`` into the next victim.
    fill_entry : In(TLBEntry)
    flush : In(1)
        ``sfence.vma``: invalidate the entries selected by ``flush_va_valid``/``flush_va``
        (entries mapping that address) and ``flush_asid_valid``/``flush_asid`` (non-global
        entries of that address space); with neither, every entry.
    flush_va_valid, flush_asid_valid : In(1)
    flush_va : In(64)
    flush_asid : In(16)
    """

    def __init__(self, entries=8, *, attrs=None, attr_width=0):
        if not isinstance(entries, int) or entries < 1 or entries & (entries - 1):
            self._MustUse__silence = True
            raise ValueError(f"TLB entries must be a positive power of two, not {entries!r}")
        if (attrs is None) != (attr_width == 0):
            self._MustUse__silence = True
            raise ValueError(f"TLB attrs and attr_width go together (attrs={attrs!r}, "
                             f"attr_width={attr_width!r})")
        self.entries = entries
        self.attrs = attrs
        super().__init__({
            "attr":             Out(attr_width),
            "vaddr":            In(64),
            "asid":             In(16),
            "hit":              Out(1),
            "entry":            Out(TLBEntry),
            "paddr":            Out(56),
            "fill":             In(1),
            "fill_entry":       In(TLBEntry),
            "flush":            In(1),
            "flush_va_valid":   In(1),
            "flush_asid_valid": In(1),
            "flush_va":         In(64),
            "flush_asid":       In(16),
        })

    @staticmethod
    def _vpn_match(e, vpn):
        hi = e.vpn[18:27] == vpn[18:27]
        mid = e.vpn[9:18] == vpn[9:18]
        lo = e.vpn[0:9] == vpn[0:9]
        return hi & ((e.level == 2) | (mid & ((e.level == 1) | lo)))

    @staticmethod
    def _translate(e, vaddr):
        """The physical address of ``vaddr`` through entry ``e`` (whose tag it matches)."""
        return Cat(vaddr[:12],
                   Mux(e.level == 0, e.ppn[0:9], vaddr[12:21]),
                   Mux(e.level == 2, vaddr[21:30], e.ppn[9:18]),
                   e.ppn[18:44])

    @staticmethod
    def _first(hits, values):
        """The value of the first (lowest-numbered) hit, zero if none.

        Two live entries can both match (a superpage over a smaller page, or a global entry
        over an ASID's, from page tables changed without ``sfence.vma``); the answer must be
        one of them, not a mixture. A tree of 2:1 muxes, each taking its lower half when an
        entry there hits: as shallow as ORing the hits and smaller (only the last leaf is
        masked, for the zero on a miss).
        """
        def first(lo, hi):
            if hi - lo == 1:
                return Mux(hits[lo], values[lo], 0) if hi == len(values) else values[lo]
            mid = (lo + hi) // 2
            return Mux(hits[lo:mid].any(), first(lo, mid), first(mid, hi))
        return first(0, len(values))

    def elaborate(self, platform):
        m = Module()
        entries = [Signal(TLBEntry, name=f"e{i}") for i in range(self.entries)]
        vpn = self.vaddr[12:39]
        hits = Signal(self.entries)
        for i, e in enumerate(entries):
            m.d.comb += hits[i].eq(e.valid & (e.g | (e.asid == self.asid)) &
                                   self._vpn_match(e, vpn))
        m.d.comb += self.hit.eq(hits.any())
        m.d.comb += self.entry.as_value().eq(self._first(hits, [e.as_value() for e in entries]))
        m.d.comb += self.paddr.eq(self._translate(self.entry, self.vaddr))
        if self.attrs is not None:
            m.d.comb += self.attr.eq(self._first(
                hits, [self.attrs(self._translate(e, self.vaddr)) for e in entries]))

        victim = Signal(range(self.entries))
        with m.If(self.fill):
            m.d.sync += victim.eq(victim + 1)
            with m.Switch(victim):
                for i, e in enumerate(entries):
                    with m.Case(i):
                        m.d.sync += e.eq(self.fill_entry)
        with m.If(self.flush):
            fvpn = self.flush_va[12:39]
            for e in entries:
                va_ok = ~self.flush_va_valid | self._vpn_match(e, fvpn)
                asid_ok = ~self.flush_asid_valid | (~e.g & (e.asid == self.flush_asid))
                with m.If(va_ok & asid_ok):
                    m.d.sync += e.valid.eq(0)
        return m


class PageTableWalker(wiring.Component):
    """The Sv39 page-table walker.

    A request names a virtual address and the root page; the walker reads one PTE a cycle
    through its memory port (request in one cycle, data in the next, as on :mod:`rtl.bus`)
    and answers with ``done`` and either a TLB entry to fill or a fault.

    Members
    -------
    req : In(1)
        Start a walk (when idle).
    vaddr : In(64)
    root : In(44)
        ``satp.PPN``.
    asid : In(16)
    busy : Out(1)
    done : Out(1)
        The walk is over (one cycle). ``entry`` is valid when ``page_fault`` and
        ``access_fault`` are low.
    entry : Out(TLBEntry)
    page_fault : Out(1)
        Invalid or reserved PTE, a pointer at level 0, a misaligned superpage.
    access_fault : Out(1)
        A PTE address outside RAM.
    mem_valid : Out(1)
    mem_addr : Out(56)
    mem_rdata : In(64)
    mem_ok : In(1)
        ``mem_addr`` is in RAM (checked by the core's physical memory attributes).
    """

    vaddr:        In(64)
    req:          In(1)
    root:         In(44)
    asid:         In(16)
    busy:         Out(1)
    done:         Out(1)
    entry:        Out(TLBEntry)
    page_fault:   Out(1)
    access_fault: Out(1)
    mem_valid:    Out(1)
    mem_addr:     Out(56)
    mem_rdata:    In(64)
    mem_ok:       In(1)

    def elaborate(self, platform):
        m = Module()
        level = Signal(2)
        table = Signal(44)
        va = Signal(64)
        asid = Signal(16)
        vpn = va[12:39]
        index = Mux(level == 2, vpn[18:27], Mux(level == 1, vpn[9:18], vpn[0:9]))
        pte = Signal(PTE)
        m.d.comb += pte.as_value().eq(self.mem_rdata)

        leaf = pte.r | pte.x
        bad = ~pte.v | (~pte.r & pte.w) | (pte.reserved != 0)
        misaligned = Mux(level == 2, pte.ppn[:18] != 0,
                     Mux(level == 1, pte.ppn[:9] != 0, 0))

        m.d.comb += [
            self.entry.valid.eq(1),
            self.entry.vpn.eq(vpn),
            self.entry.asid.eq(asid),
            self.entry.level.eq(level),
            self.entry.ppn.eq(pte.ppn),
            self.entry.r.eq(pte.r),
            self.entry.w.eq(pte.w),
            self.entry.x.eq(pte.x),
            self.entry.u.eq(pte.u),
            self.entry.g.eq(pte.g),
            self.entry.a.eq(pte.a),
            self.entry.d.eq(pte.d),
            self.mem_addr.eq(Cat(Const(0, 3), index, table)),
        ]
        with m.FSM():
            with m.State("IDLE"):
                with m.If(self.req):
                    m.d.sync += [va.eq(self.vaddr), table.eq(self.root), level.eq(2),
                                 asid.eq(self.asid)]
                    m.next = "READ"
            with m.State("READ"):
                m.d.comb += self.busy.eq(1)
                with m.If(~self.mem_ok):
                    m.d.comb += [self.done.eq(1), self.access_fault.eq(1)]
                    m.next = "IDLE"
                with m.Else():
                    m.d.comb += self.mem_valid.eq(1)
                    m.next = "CHECK"
            with m.State("CHECK"):
                m.d.comb += self.busy.eq(1)
                with m.If(bad):
                    m.d.comb += [self.done.eq(1), self.page_fault.eq(1)]
                    m.next = "IDLE"
                with m.Elif(leaf):
                    m.d.comb += [self.done.eq(1), self.page_fault.eq(misaligned)]
                    m.next = "IDLE"
                with m.Elif(level == 0):
                    m.d.comb += [self.done.eq(1), self.page_fault.eq(1)]
                    m.next = "IDLE"
                with m.Else():
                    m.d.sync += [table.eq(pte.ppn), level.eq(level - 1)]
                    m.next = "READ"
        return m
