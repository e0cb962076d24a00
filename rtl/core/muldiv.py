"""The M extension's units: a two-stage pipelined multiplier and an iterative divider."""

from amaranth.hdl import Cat, Const, Module, Mux, Signal
from amaranth.lib import wiring
from amaranth.lib.wiring import In, Out


__all__ = ["Multiplier", "Divider"]


class Multiplier(wiring.Component):
    """64 x 64 multiplier in two pipeline stages (execute, memory); a new multiply can start
    every cycle and its result is ready at the end of the second stage.

    The first stage forms the four 32 x 32 unsigned partial products and registers them; the
    second adds them and corrects the high half for signed operands:
    ``mulh = mulhu - (a < 0 ? b : 0) - (b < 0 ? a : 0)`` (modulo 2**64), and ``mulhsu`` drops
    the second term.

    Members
    -------
    x_valid : In(1)
        Start a multiply (when ``x_en`` is high too).
    x_en : In(1)
        The first stage advances.
    x_funct3 : In(3)
        0 mul, 1 mulh, 2 mulhsu, 3 mulhu.
    x_word : In(1)
        ``mulw``: the low 32 bits of the product, sign-extended.
    x_a, x_b : In(64)
    m_result : Out(64)
        Result of the multiply that was in the first stage in the previous cycle.
    """

    x_valid:  In(1)
    x_en:     In(1)
    x_funct3: In(3)
    x_word:   In(1)
    x_a:      In(64)
    x_b:      In(64)
    m_result: Out(64)

    def elaborate(self, platform):
        m = Module()
        a, b = self.x_a, self.x_b
        ll = Signal(64)
        lh = Signal(64)
        hl = Signal(64)
        hh = Signal(64)
        corr = Signal(64)
        high = Signal()
        word = Signal()
        a_signed = self.x_funct3.matches(1, 2)
        b_signed = self.x_funct3 == 1
        with m.If(self.x_en):
            m.d.sync += [
                ll.eq(a[:32] * b[:32]),
                lh.eq(a[:32] * b[32:]),
                hl.eq(a[32:] * b[:32]),
                hh.eq(a[32:] * b[32:]),
                corr.eq(Mux(a_signed & a[63], b, 0) + Mux(b_signed & b[63], a, 0)),
                high.eq(self.x_funct3 != 0),
                word.eq(self.x_word),
            ]
        product = Signal(128)
        m.d.comb += product.eq(ll + (lh << 32) + (hl << 32) + (hh << 64))
        hi = Signal(64)
        m.d.comb += hi.eq(product[64:] - corr)
        with m.If(high):
            m.d.comb += self.m_result.eq(hi)
        with m.Elif(word):
            m.d.comb += self.m_result.eq(product[:32].as_signed())
        with m.Else():
            m.d.comb += self.m_result.eq(product[:64])
        return m


class Divider(wiring.Component):
    """Iterative restoring divider: one quotient bit per cycle, 64 cycles plus one to start
    and one to finish. Division by zero and signed overflow give the results the ISA defines
    (all ones / the dividend; the most negative number / zero) without special cases in the
    loop: they fall out of the unsigned algorithm and the sign fix-up, except the quotient of
    a division by zero, whose sign is not fixed up.

    Members
    -------
    start : In(1)
        Begin a division of ``a`` by ``b`` (ignored while ``busy``).
    funct3 : In(3)
        4 div, 5 divu, 6 rem, 7 remu.
    word : In(1)
        32-bit operation on ``a[0:32]`` and ``b[0:32]``; the result is sign-extended.
    a, b : In(64)
    busy : Out(1)
    done : Out(1)
        ``result`` is valid in this cycle (one cycle).
    result : Out(64)
    """

    start:  In(1)
    funct3: In(3)
    word:   In(1)
    a:      In(64)
    b:      In(64)
    busy:   Out(1)
    done:   Out(1)
    result: Out(64)

    def elaborate(self, platform):
        m = Module()
        signed = ~self.funct3[0]
        # Operands as 64-bit values: the *W forms sign- or zero-extend their 32-bit inputs.
        a = Signal(64)
        b = Signal(64)
        with m.If(self.word):
            m.d.comb += [
                a.eq(Mux(signed, self.a[:32].as_signed(), self.a[:32])),
                b.eq(Mux(signed, self.b[:32].as_signed(), self.b[:32])),
            ]
        with m.Else():
            m.d.comb += [a.eq(self.a), b.eq(self.b)]
        a_neg = signed & a[63]
        b_neg = signed & b[63]

        quotient = Signal(64)   # shifts in quotient bits, shifts out dividend bits
        remainder = Signal(64)
        divisor = Signal(64)
        count = Signal(range(65))
        neg_q = Signal()
        neg_r = Signal()
        rem_op = Signal()
        word = Signal()
        by_zero = Signal()

        trial = Signal(65)
        m.d.comb += trial.eq(Cat(quotient[63], remainder) - divisor)

        with m.FSM():
            with m.State("IDLE"):
                with m.If(self.start):
                    m.d.sync += [
                        quotient.eq(Mux(a_neg, -a, a)),
                        remainder.eq(0),
                        divisor.eq(Mux(b_neg, -b, b)),
                        count.eq(64),
                        neg_q.eq(a_neg ^ b_neg),
                        neg_r.eq(a_neg),
                        rem_op.eq(self.funct3[1]),
                        word.eq(self.word),
                        by_zero.eq(b == 0),
                    ]
                    m.next = "RUN"
            with m.State("RUN"):
                m.d.comb += self.busy.eq(1)
                with m.If(trial[64]):
                    # Negative trial: keep the shifted remainder, quotient bit 0.
                    m.d.sync += remainder.eq(Cat(quotient[63], remainder)[:64])
                    m.d.sync += quotient.eq(Cat(Const(0, 1), quotient[:63]))
                with m.Else():
                    m.d.sync += remainder.eq(trial[:64])
                    m.d.sync += quotient.eq(Cat(Const(1, 1), quotient[:63]))
                m.d.sync += count.eq(count - 1)
                with m.If(count == 1):
                    m.next = "DONE"
            with m.State("DONE"):
                m.d.comb += [self.busy.eq(1), self.done.eq(1)]
                q = Mux(neg_q & ~by_zero, -quotient, quotient)
                r = Mux(neg_r, -remainder, remainder)
                res = Mux(rem_op, r, q)
                m.d.comb += self.result.eq(Mux(word, res[:32].as_signed(), res))
                m.next = "IDLE"
        return m
