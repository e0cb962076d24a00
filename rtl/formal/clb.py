"""Formal properties of the CLB: a hit only for a valid entry whose tag equals (ASID, index).

Built after :mod:`rtl.formal.tlb`: every input of :class:`rtl.clb.CLB` is ``AnySeq`` (any
sequence of fills, invalidations of each form, and lookups of any key, including indices
wider than 32 bits), and the properties compare the CLB with what ``docs/isa/callgate.md``
says it holds. They are stated so that they are *1-inductive*: ``prove`` mode shows them on
every cycle of every sequence, not only up to a depth.

Properties (:data:`PROPERTIES`):

``hit_tag``
    ``hit`` exactly when a valid entry's tag equals ``(asid, index)`` (and ``index`` fits in
    32 bits): the property of the issue, and its converse.
``gate``
    on a hit, ``gate`` is that entry's gate.
``unique``
    no two valid entries have the same tag (a fill of a present tag replaces it): what lets
    the CLB OR the gates of the hitting entries.
``filled``
    the cycle after a fill of a tag, a valid entry holds that tag;
``fill``
    the cycle after a fill, a lookup of its tag hits and answers its gate.
``inval``
    the cycle after an invalidation (of one entry, one index in every ASID, one ASID, or
    everything), a lookup of a tag it selected misses.
``stale``
    for any tag *T* (an ``AnyConst``), over the whole sequence: a lookup of *T* hits only
    if *T* was filled and no invalidation selected it since, and then answers the gate of
    *T*'s latest fill. It does not depend on the replacement policy (an evicted tag simply
    misses). The induction needs it stated on the entries as well: every valid entry
    tagged *T* holds *T*'s latest gate, and *T* is live.
``replacement``
    the entries and the victim pointer equal a reference model of the documented round
    robin: a fill of a tag present in a valid entry rewrites that entry, else it writes the
    victim, and the victim advances by one (modulo the size) on that fill only;
    invalidations leave it.

Assumption (the call-gate unit's contract: ``clb.fill`` and ``clb.inval`` are different
instructions, so one at most a cycle): no fill in the cycle of an invalidation.
"""

from amaranth.asserts import AnyConst, AnySeq
from amaranth.hdl import Assert, Assume, Cat, Const, Cover, Elaboratable, Module, Mux, Signal

from ..clb.clb import CLB, CLBEntry, Gate, INDEX_BITS


__all__ = ["CLBChecks", "PROPERTIES"]


GATE_BITS = len(Signal(Gate).as_value())


PROPERTIES = ("hit_tag", "gate", "unique", "filled", "fill", "inval", "live", "stale",
              "replacement")


def _tag_is(e, asid, index):
    """Whether entry (or model entry) ``e``'s tag equals ``(asid, index)``; ``index`` is 64
    bits wide: one wider than :data:`INDEX_BITS` equals no tag."""
    return (e.asid == asid) & (Cat(e.index, Const(0, 64 - INDEX_BITS)) == index)


class CLBChecks(Elaboratable):
    """A CLB with unconstrained inputs and the properties above.

    Parameters
    ----------
    entries : int
        CLB size (the core's has 8).
    properties : iterable of str
        Which of :data:`PROPERTIES` to assert (default: all).
    covers : bool
        Add the non-vacuity covers.

    lemmas : iterable of str
        Properties to assume instead of assert (to split a proof).
    gate_bit : bool
        Compare one gate bit, at any position (an ``AnyConst``), instead of whole gates: the
        same proof, easier for the solver.

    Members
    -------
    clb : CLB
    """

    # The induction is fastest with a fresh z3 per query (its QF_BV bit-blasting tactic):
    # seconds instead of minutes (see rtl.formal.runner.run_formal).
    incremental = False

    def __init__(self, entries=8, properties=PROPERTIES, covers=True, lemmas=(),
                 gate_bit=True):
        properties, lemmas = tuple(properties), tuple(lemmas)
        for name in properties + lemmas:
            if name not in PROPERTIES:
                self._MustUse__silence = True   # a harness that failed to build is not unused
                raise ValueError(f"CLB property must be one of {PROPERTIES!r}, not {name!r}")
        self.properties = properties
        self.lemmas = lemmas
        self.gate_bit = gate_bit
        self.covers = covers
        self.entries = entries
        self.clb = CLB(entries)

    def elaborate(self, platform):
        m = Module()
        m.submodules.clb = clb = self.clb
        n = self.entries
        m.d.comb += [
            clb.asid.eq(AnySeq(16)),
            clb.index.eq(AnySeq(64)),
            clb.fill.eq(AnySeq(1)),
            clb.fill_asid.eq(AnySeq(16)),
            clb.fill_index.eq(AnySeq(INDEX_BITS)),
            clb.fill_gate.as_value().eq(AnySeq(len(clb.fill_gate.as_value()))),
            clb.inval.eq(AnySeq(1)),
            clb.inval_asid_valid.eq(AnySeq(1)),
            clb.inval_index_valid.eq(AnySeq(1)),
            clb.inval_asid.eq(AnySeq(16)),
            clb.inval_index.eq(AnySeq(64)),
        ]
        m.d.comb += Assume(~(clb.fill & clb.inval), "no fill in the cycle of an invalidation")

        fill_index = Cat(clb.fill_index, Const(0, 64 - INDEX_BITS))

        def inval_selects(asid, index):
            """Whether this cycle's invalidation selects tag ``(asid, index)`` (``index`` 64
            bits): x0 operands select every ASID / every index."""
            return clb.inval & ((~clb.inval_asid_valid | (clb.inval_asid == asid)) &
                                (~clb.inval_index_valid | (clb.inval_index == index)))

        entries = clb.entries
        hits = Signal(n)            # valid entries tagged with the lookup key
        for i, e in enumerate(entries):
            m.d.comb += hits[i].eq(e.valid & _tag_is(e, clb.asid, clb.index))

        # Gates are data the CLB only moves: compare them whole, or (easier for the solver)
        # one bit, at any position (an AnyConst: the proof covers every position).
        if self.gate_bit:
            bit = Signal(range(GATE_BITS))
            m.d.comb += [bit.eq(AnyConst(len(bit))),
                         Assume(bit < GATE_BITS, "the compared gate bit exists")]
            data = lambda gate: gate.as_value().bit_select(bit, 1)
        else:
            data = lambda gate: gate.as_value()

        # Any tag T (the properties are stated for T, so they hold for every tag), and what
        # the specification says of it: live (filled, and selected by no invalidation since)
        # and the gate of its latest fill.
        t_asid = Signal(16)
        t_index = Signal(INDEX_BITS)
        m.d.comb += [t_asid.eq(AnyConst(16)), t_index.eq(AnyConst(INDEX_BITS))]
        t_index64 = Cat(t_index, Const(0, 64 - INDEX_BITS))
        key_is_t = (clb.asid == t_asid) & (clb.index == t_index64)
        t_live = Signal()
        t_gate = Signal(len(data(clb.fill_gate)))
        t_filled = Signal()         # the previous cycle filled T
        t_invalidated = Signal()    # the previous cycle's invalidation selected T
        fills_t = clb.fill & (clb.fill_asid == t_asid) & (clb.fill_index == t_index)
        invals_t = inval_selects(t_asid, t_index64)
        m.d.sync += [t_filled.eq(fills_t), t_invalidated.eq(invals_t)]
        with m.If(fills_t):
            m.d.sync += [t_live.eq(1), t_gate.eq(data(clb.fill_gate))]
        with m.Elif(invals_t):
            m.d.sync += t_live.eq(0)

        tagged_t = Signal(n)        # the valid entries tagged T
        t_entries_ok = Signal()     # each is live with T's latest gate
        t_entry_gate = Signal(len(t_gate))  # the gate of the (first) one
        m.d.comb += t_entries_ok.eq(1)
        for i, e in reversed(list(enumerate(entries))):
            m.d.comb += tagged_t[i].eq(e.valid & (e.asid == t_asid) & (e.index == t_index))
            with m.If(tagged_t[i]):
                m.d.comb += t_entry_gate.eq(data(e.gate))
                with m.If(~t_live | (data(e.gate) != t_gate)):
                    m.d.comb += t_entries_ok.eq(0)

        # The reference model of the replacement policy (callgate.md, clb.fill).
        model = [Signal(CLBEntry, name=f"model{i}") for i in range(n)]
        victim = Signal(range(n))
        present = Signal(n)
        for i, e in enumerate(model):
            m.d.comb += present[i].eq(e.valid & _tag_is(e, clb.fill_asid, fill_index))
        with m.If(clb.fill):
            for i, e in enumerate(model):
                with m.If(present[i] | (~present.any() & (victim == i))):
                    m.d.sync += [e.valid.eq(1), e.asid.eq(clb.fill_asid),
                                 e.index.eq(clb.fill_index), e.gate.eq(clb.fill_gate)]
            with m.If(~present.any()):
                m.d.sync += victim.eq(Mux(victim == n - 1, 0, victim + 1))
        for e in model:
            with m.If(inval_selects(e.asid, Cat(e.index, Const(0, 64 - INDEX_BITS)))):
                m.d.sync += e.valid.eq(0)
        same_as_model = Signal()
        m.d.comb += same_as_model.eq(clb.victim == victim)
        for e, f in zip(entries, model):
            # An invalid entry's other fields are free.
            with m.If((e.valid != f.valid) |
                      (f.valid & (e.as_value() != f.as_value()))):
                m.d.comb += same_as_model.eq(0)

        gate = data(clb.gate)
        # name: (what must hold, message)
        checks = {
            "hit_tag": (clb.hit == hits.any(),
                        "hit_tag: a hit exactly when a valid entry's tag equals (asid, index)"),
            "gate": (~(key_is_t & clb.hit) | (gate == t_entry_gate),
                     "gate: a hit answers the gate of the entry tagged with the key"),
            "unique": ((tagged_t & (tagged_t - 1)) == 0,
                       "unique: no two valid entries have the same tag"),
            "filled": (~t_filled | tagged_t.any(),
                       "filled: the cycle after a fill of T, an entry is tagged T"),
            "fill": (~(t_filled & key_is_t) | (clb.hit & (gate == t_gate)),
                     "fill: the cycle after a fill, its tag hits with its gate"),
            "inval": (~(t_invalidated & key_is_t) | ~clb.hit,
                      "inval: the cycle after an invalidation, a tag it selected misses"),
            "live": (t_entries_ok,
                     "live: every valid entry tagged T is live and holds T's latest gate"),
            "stale": (~(key_is_t & clb.hit) | (t_live & (gate == t_gate)),
                      "stale: T hits only while live, with the gate of its latest fill"),
            "replacement": (same_as_model,
                            "replacement: the entries are the round-robin model's"),
        }
        for name in self.properties:
            m.d.comb += Assert(*checks[name])
        for name in self.lemmas:
            m.d.comb += Assume(*checks[name])

        if self.covers:
            fills = Signal(range(n + 2))    # fills of a new tag, saturating at n + 1
            with m.If(clb.fill & ~present.any() & (fills != n + 1)):
                m.d.sync += fills.eq(fills + 1)
            refilled = Signal()             # a fill rewrote an entry in place
            with m.If(clb.fill & present.any()):
                m.d.sync += refilled.eq(1)
            asid_inval = Signal()           # an invalidation of one ASID
            with m.If(clb.inval & clb.inval_asid_valid & ~clb.inval_index_valid):
                m.d.sync += asid_inval.eq(1)
            m.d.comb += [
                Cover(clb.hit, "a lookup hits"),
                Cover(key_is_t & clb.hit, "the tag T hits"),
                Cover(clb.hit & (fills == n + 1), "a hit after an eviction"),
                Cover(clb.hit & refilled, "a hit after a fill in place"),
                Cover(clb.hit & asid_inval, "a hit after an invalidation of one ASID"),
            ]
        return m
