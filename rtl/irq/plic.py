"""A platform-level interrupt controller (PLIC) with the standard register layout.

Sources 1..31 (source 0 does not exist), priorities 0..7 (0 never interrupts), and two
contexts: 0 is hart 0 in M-mode, 1 is hart 0 in S-mode.

================================  ==============================================
Offset                            Register (32 bits)
================================  ==============================================
0x000000 + 4 * source             priority of the source (bits 2:0)
0x001000                          pending bits (read only; bit *s* = source *s*)
0x002000 + 0x80 * context         enable bits of the context
0x200000 + 0x1000 * context       priority threshold of the context (bits 2:0)
0x200004 + 0x1000 * context       claim (read) / complete (write)
================================  ==============================================

Every other address reads zero and ignores writes. Registers are 32 bits wide, so one 64-bit
bus access may reach two of them (two priorities, or a threshold and a claim register); each
acts only when one of its byte lanes is selected, and a claim happens only on a read with a
lane of the claim register selected.

The gateways are level-triggered: a source that is high and neither pending nor claimed
becomes pending. A claim returns the enabled pending source of the highest priority (the
lowest number on a tie; the threshold does not matter; 0 for none), clears its pending bit and
marks it claimed, so it is not pending again until the context writes its number to the
complete register (a completion of a source not enabled for the context is ignored).

``irq[c]`` is high when the best enabled pending source of context *c* has a priority above
the threshold of *c*; it is registered, so it follows a change of the pending, enable,
priority or threshold registers one cycle later.
"""

from amaranth.hdl import Cat, Const, Module, Mux, Signal
from amaranth.lib import wiring
from amaranth.lib.wiring import In, Out

from ..bus import BusSignature


__all__ = ["PLIC", "N_SOURCES", "N_CONTEXTS", "PRIORITY_BITS",
           "PRIORITY_OFFSET", "PENDING_OFFSET", "ENABLE_OFFSET", "ENABLE_STRIDE",
           "CONTEXT_OFFSET", "CONTEXT_STRIDE"]


N_SOURCES = 32        # including the reserved source 0
N_CONTEXTS = 2
PRIORITY_BITS = 3

PRIORITY_OFFSET = 0x000000
PENDING_OFFSET = 0x001000
ENABLE_OFFSET = 0x002000
ENABLE_STRIDE = 0x80
CONTEXT_OFFSET = 0x200000
CONTEXT_STRIDE = 0x1000


def _best(m, candidates, name):
    """Reduce ``[(priority, id), ...]`` to the highest priority, the earlier one on a tie.

    A balanced tree of comparators, so the depth grows with log2 of the number of sources.
    Each node is a signal: an expression used twice would be emitted twice.
    """
    level = 0
    while len(candidates) > 1:
        reduced = []
        for i in range(0, len(candidates) - 1, 2):
            (pa, ia), (pb, ib) = candidates[i], candidates[i + 1]
            p = Signal.like(pa, name=f"{name}_p{level}_{i // 2}")
            n = Signal.like(ia, name=f"{name}_id{level}_{i // 2}")
            with m.If(pb > pa):
                m.d.comb += [p.eq(pb), n.eq(ib)]
            with m.Else():
                m.d.comb += [p.eq(pa), n.eq(ia)]
            reduced.append((p, n))
        if len(candidates) % 2:
            reduced.append(candidates[-1])
        candidates = reduced
        level += 1
    return candidates[0]


class PLIC(wiring.Component):
    """Platform-level interrupt controller, 31 sources, 2 contexts.

    Members
    -------
    bus : In(BusSignature(26))
        Register access (offsets within the 64 MiB PLIC region).
    sources : In(32)
        Interrupt request lines, level-triggered, active high; bit 0 is ignored.
    irq : Out(2)
        External interrupt of each context (0: M-mode, 1: S-mode of hart 0).
    """

    bus: In(BusSignature(26))
    sources: In(N_SOURCES)
    irq: Out(N_CONTEXTS)

    def elaborate(self, platform):
        m = Module()
        bus = self.bus

        # Source 0 does not exist: its priority is the constant 0.
        priority = [Const(0, PRIORITY_BITS)] + [Signal(PRIORITY_BITS, name=f"priority{s}")
                                                for s in range(1, N_SOURCES)]
        pending = Signal(N_SOURCES)
        claimed = Signal(N_SOURCES)
        enable = [Signal(N_SOURCES, name=f"enable{c}") for c in range(N_CONTEXTS)]
        threshold = [Signal(PRIORITY_BITS, name=f"threshold{c}") for c in range(N_CONTEXTS)]

        dword = bus.addr[3:]
        write = bus.valid & bus.we
        read = bus.valid & ~bus.we
        hi = bus.sel[4:8].any()

        # Best enabled pending source of each context.
        claim_id = []
        for c in range(N_CONTEXTS):
            candidates = [(Const(0, PRIORITY_BITS), Const(0, 5))]
            for s in range(1, N_SOURCES):
                p = Signal(PRIORITY_BITS, name=f"prio{c}_{s}")
                m.d.comb += p.eq(Mux(pending[s] & enable[c][s], priority[s], 0))
                candidates.append((p, Const(s, 5)))
            best_prio, best_id = _best(m, candidates, f"best{c}")
            best_prio_sig = Signal(PRIORITY_BITS, name=f"best_priority{c}")
            best_id_sig = Signal(5, name=f"best_id{c}")
            m.d.comb += [
                best_prio_sig.eq(best_prio),
                best_id_sig.eq(Mux(best_prio != 0, best_id, 0)),
            ]
            # Registered: the priority tree stops here, off the core's trap logic.
            m.d.sync += self.irq[c].eq(best_prio_sig > threshold[c])
            claim_id.append(best_id_sig)

        # Claims (reads with a lane of a claim register) and completions (writes to one),
        # as one-hot masks over the sources.
        complete_id = bus.wdata[32:64]
        claim_mask = Signal(N_SOURCES)
        complete_mask = Signal(N_SOURCES)
        for c in range(N_CONTEXTS):
            at_context = dword == (CONTEXT_OFFSET + CONTEXT_STRIDE * c) >> 3
            with m.If(read & at_context & hi):
                m.d.comb += claim_mask.eq(Const(1, N_SOURCES) << claim_id[c])
            with m.If(write & at_context & hi & (complete_id < N_SOURCES)):
                m.d.comb += complete_mask.eq(enable[c] & (Const(1, N_SOURCES) << complete_id[:5]))

        # Gateways: a source that is high and neither pending nor claimed becomes pending.
        gate_open = self.sources & ~pending & ~claimed
        m.d.sync += [
            pending.eq((pending | gate_open) & ~claim_mask & ~1),
            claimed.eq((claimed | claim_mask) & ~complete_mask & ~1),
        ]

        # Register writes. Priorities are two to a doubleword, in lanes 0 and 4.
        for s in range(1, N_SOURCES):
            at = dword == (PRIORITY_OFFSET + 4 * s) >> 3
            lane = 4 * (s % 2)
            with m.If(write & at & bus.sel[lane]):
                m.d.sync += priority[s].eq(bus.wdata[8 * lane:8 * lane + PRIORITY_BITS])
        for c in range(N_CONTEXTS):
            at_enable = dword == (ENABLE_OFFSET + ENABLE_STRIDE * c) >> 3
            at_context = dword == (CONTEXT_OFFSET + CONTEXT_STRIDE * c) >> 3
            with m.If(write & at_enable):
                bits = Cat(*(Mux(bus.sel[i], bus.wdata[8 * i:8 * i + 8],
                                 enable[c][8 * i:8 * i + 8]) for i in range(4)))
                m.d.sync += enable[c].eq(bits & ~1)
            with m.If(write & at_context & bus.sel[0]):
                m.d.sync += threshold[c].eq(bus.wdata[0:PRIORITY_BITS])

        # Register reads.
        with m.If(read):
            with m.Switch(dword):
                for d in range(N_SOURCES // 2):
                    with m.Case((PRIORITY_OFFSET >> 3) + d):
                        m.d.sync += bus.rdata.eq(Cat(priority[2 * d],
                                                     Const(0, 32 - PRIORITY_BITS),
                                                     priority[2 * d + 1]))
                with m.Case(PENDING_OFFSET >> 3):
                    m.d.sync += bus.rdata.eq(pending)
                for c in range(N_CONTEXTS):
                    with m.Case((ENABLE_OFFSET + ENABLE_STRIDE * c) >> 3):
                        m.d.sync += bus.rdata.eq(enable[c])
                    with m.Case((CONTEXT_OFFSET + CONTEXT_STRIDE * c) >> 3):
                        m.d.sync += bus.rdata.eq(Cat(threshold[c],
                                                     Const(0, 32 - PRIORITY_BITS),
                                                     claim_id[c]))
                with m.Default():
                    m.d.sync += bus.rdata.eq(0)
        return m
