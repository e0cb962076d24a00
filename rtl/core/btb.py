"""Branch target buffer: where the fetch goes after an address, from registers.

The core's fetch address comes from registers only (so the loop from the instruction RAM's
output to its address passes a register). This buffer remembers, for the address of a
jump that D predicted taken, where D sent the fetch (:class:`Kind`): a target (``jal``, a
branch), the return-address stack's top (a return), the link stack's top (an ``xret``) or
the gate predictor's answer (an ``xcall``). It is looked up with each fetch address and answers
for it in the next cycle, when F chooses the address after it.

It is only a hint: D checks every fetch against its own prediction and redirects when they
differ (writing the entry), so a stale, aliased or missing entry costs a cycle, never a
wrong instruction.

Direct-mapped, in distributed RAM: ``entries`` rows indexed by the fetch address's bits
``[2:2+log2(entries)]``, tagged with its bits up to 39 (Sv39's virtual address width; the
tag is not unique across address spaces, which again only costs the cycle). The rows start
empty (the memory's initial contents); a reset does not clear them, as it need not.
"""

from amaranth.hdl import Module
from amaranth.lib import enum
from amaranth.lib import data, wiring
from amaranth.lib.memory import Memory
from amaranth.lib.wiring import In, Out


__all__ = ["BranchTargetBuffer", "Kind"]


class Kind(enum.Enum, shape=2):
    """Where the fetch after a buffered jump goes."""
    TARGET = 0   # the entry's target (jal, a branch)
    RET    = 1   # the return-address stack's top
    XRET   = 2   # the call-gate unit's link-stack top (pc and satp)
    XCALL  = 3   # the gate predictor's target and satp for this address


class BranchTargetBuffer(wiring.Component):
    """Direct-mapped branch target buffer.

    Parameters
    ----------
    entries : int
        Number of rows, a power of two of at least 2.

    Members
    -------
    lookup_pc : In(64)
        The address fetched in this cycle.
    hit : Out(1)
        (Next cycle) ``lookup_pc`` had an entry: a taken jump.
    kind : Out(Kind)
        (Next cycle) ... its kind.
    target : Out(64)
        (Next cycle) ... its target (of kind ``TARGET``).
    we : In(1)
        Write the entry of ``wpc``.
    wpc : In(64)
        Address of the jump written.
    wvalid, wkind, wtarget : In(1), In(Kind), In(64)
        What is written: an entry (or none, ``wvalid`` low: a jump no longer predicted
        taken), its kind and target.
    """

    @staticmethod
    def check_entries(entries):
        """Raise ``ValueError`` unless ``entries`` is a power of two of at least 2."""
        if not isinstance(entries, int) or entries < 2 or entries & (entries - 1):
            raise ValueError(f"BTB entries must be a power of two of at least 2, "
                             f"not {entries!r}")

    def __init__(self, entries=16):
        try:
            self.check_entries(entries)
        except ValueError:
            self._MustUse__silence = True   # refused, not forgotten
            raise
        self.entries = entries
        self.index_bits = (entries - 1).bit_length()
        self.tag_bits = 39 - 2 - self.index_bits
        self.layout = data.StructLayout({
            "valid":  1,
            "kind":   Kind,
            "tag":    self.tag_bits,
            "target": 64,
        })
        super().__init__({
            "lookup_pc": In(64),
            "hit":       Out(1),
            "kind":      Out(Kind),
            "target":    Out(64),
            "we":        In(1),
            "wpc":       In(64),
            "wvalid":    In(1),
            "wkind":     In(Kind),
            "wtarget":   In(64),
        })

    def _index(self, pc):
        return pc[2:2 + self.index_bits]

    def _tag(self, pc):
        return pc[2 + self.index_bits:39]

    def elaborate(self, platform):
        m = Module()
        m.submodules.mem = mem = Memory(shape=self.layout, depth=self.entries, init=[])
        rp = mem.read_port(domain="comb")
        wp = mem.write_port()
        m.d.comb += [
            rp.addr.eq(self._index(self.lookup_pc)),
            wp.addr.eq(self._index(self.wpc)),
            wp.en.eq(self.we),
            wp.data.valid.eq(self.wvalid),
            wp.data.kind.eq(self.wkind),
            wp.data.tag.eq(self._tag(self.wpc)),
            wp.data.target.eq(self.wtarget),
        ]
        m.d.sync += [
            self.hit.eq(rp.data.valid &
                        (rp.data.tag == self._tag(self.lookup_pc))),
            self.kind.eq(rp.data.kind),
            self.target.eq(rp.data.target),
        ]
        return m
