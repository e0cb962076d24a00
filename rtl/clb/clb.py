"""The Call Lookaside Buffer: a fully associative cache of call gates, tagged by the
caller's ASID and the gate index (see docs/isa/callgate.md)."""

from amaranth.hdl import Module, Mux, Signal
from amaranth.lib import data, wiring
from amaranth.lib.wiring import In, Out


__all__ = ["Gate", "CLBEntry", "CLB", "INDEX_BITS"]


INDEX_BITS = 32


class Gate(data.Struct):
    """What a gate holds: the callee's address space, entry point and badge."""
    satp:  64
    pc:    64
    badge: 64


class CLBEntry(data.Struct):
    valid: 1
    asid:  16
    index: INDEX_BITS
    gate:  Gate


class CLB(wiring.Component):
    """Fully associative, round-robin replaced cache of call gates.

    Parameters
    ----------
    entries : int
        Number of entries, a positive power of two (default 8).

    Members
    -------
    asid : In(16)
    index : In(64)
        The lookup key (combinational). An index wider than 32 bits never hits.
    hit : Out(1)
        A valid entry's tag equals ``(asid, index)``.
    gate : Out(Gate)
        That entry's gate.
    hits : Out(entries)
        Which entry's tag equals ``(asid, index)`` (one bit a hit, at most one set).
    sel : In(entries), sel_gate : Out(Gate)
        The gate of the entry ``sel`` names (a registered ``hits``; zero if none), so that
        a lookup can be registered as its hit vector and the gate chosen a cycle later
        (the call-gate unit does; no instruction changes the CLB in between).
    fill : In(1)
        Write ``fill_gate`` for ``(fill_asid, fill_index)``: into the entry with that tag if
        there is one, else into the next victim.
    fill_asid : In(16)
    fill_index : In(INDEX_BITS)
    fill_gate : In(Gate)
    inval : In(1)
        Invalidate the entries selected by ``inval_asid_valid``/``inval_asid`` and
        ``inval_index_valid``/``inval_index``; with neither, every entry.
    inval_asid_valid, inval_index_valid : In(1)
    inval_asid : In(16)
    inval_index : In(64)

    Attributes
    ----------
    entries : list of Signal(CLBEntry)
        The entries (read by the formal harness, ``rtl/formal/clb.py``).
    victim : Signal
        The entry the next fill of a new tag writes (round robin).
    """

    def __init__(self, entries=8):
        if not isinstance(entries, int) or entries < 1 or entries & (entries - 1):
            self._MustUse__silence = True
            raise ValueError(f"CLB entries must be a positive power of two, not {entries!r}")
        self.entries_count = entries
        super().__init__({
            "asid":              In(16),
            "index":             In(64),
            "hit":               Out(1),
            "gate":              Out(Gate),
            "hits":              Out(entries),
            "sel":               In(entries),
            "sel_gate":          Out(Gate),
            "fill":              In(1),
            "fill_asid":         In(16),
            "fill_index":        In(INDEX_BITS),
            "fill_gate":         In(Gate),
            "inval":             In(1),
            "inval_asid_valid":  In(1),
            "inval_index_valid": In(1),
            "inval_asid":        In(16),
            "inval_index":       In(64),
        })
        self.entries = [Signal(CLBEntry, name=f"entry{i}") for i in range(entries)]
        self.victim = Signal(range(entries))   # the next entry a fill of a new tag writes

    def elaborate(self, platform):
        m = Module()
        entries = self.entries
        narrow = self.index[INDEX_BITS:] == 0
        hits = self.hits
        for i, e in enumerate(entries):
            m.d.comb += hits[i].eq(e.valid & narrow & (e.asid == self.asid) &
                                   (e.index == self.index[:INDEX_BITS]))
        m.d.comb += self.hit.eq(hits.any())
        # Tags are unique (a fill replaces the entry with the same tag), so OR the hits.
        def select(onehot):
            gate = 0
            for i, e in enumerate(entries):
                gate = gate | Mux(onehot[i], e.gate.as_value(), 0)
            return gate
        m.d.comb += [self.gate.as_value().eq(select(hits)),
                     self.sel_gate.as_value().eq(select(self.sel))]

        same = Signal(len(entries))
        for i, e in enumerate(entries):
            m.d.comb += same[i].eq(e.valid & (e.asid == self.fill_asid) &
                                   (e.index == self.fill_index))
        victim = self.victim
        new = Signal(CLBEntry)
        m.d.comb += [new.valid.eq(1), new.asid.eq(self.fill_asid),
                     new.index.eq(self.fill_index), new.gate.eq(self.fill_gate)]
        with m.If(self.fill):
            with m.If(same.any()):
                for i, e in enumerate(entries):
                    with m.If(same[i]):
                        m.d.sync += e.eq(new)
            with m.Else():
                m.d.sync += victim.eq(victim + 1)
                with m.Switch(victim):
                    for i, e in enumerate(entries):
                        with m.Case(i):
                            m.d.sync += e.eq(new)
        with m.Elif(self.inval):
            iindex_narrow = self.inval_index[INDEX_BITS:] == 0
            for e in entries:
                asid_ok = ~self.inval_asid_valid | (e.asid == self.inval_asid)
                index_ok = ~self.inval_index_valid | (iindex_narrow &
                                                      (e.index == self.inval_index[:INDEX_BITS]))
                with m.If(asid_ok & index_ok):
                    m.d.sync += e.valid.eq(0)
        return m
