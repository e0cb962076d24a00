"""Integer units of the execute stage: the ALU (with its shifter) and the branch comparator."""

from amaranth.hdl import Cat, Module, Mux, Signal
from amaranth.lib import wiring
from amaranth.lib.wiring import In, Out

from .decoder import AluOp


__all__ = ["Shifter", "ALU", "BranchCompare"]


class Shifter(wiring.Component):
    """Logical and arithmetic shifts of 64-bit and (``word``) 32-bit operands.

    Members
    -------
    value : In(64)
    amount : In(6)
        Shift amount; only ``amount[0:5]`` counts when ``word`` is set.
    left, arith, word : In(1)
    result : Out(64)
        The shifted value; a ``word`` shift sign-extends its 32-bit result.
    """

    value:  In(64)
    amount: In(6)
    left:   In(1)
    arith:  In(1)
    word:   In(1)
    result: Out(64)

    def elaborate(self, platform):
        m = Module()
        # Right shifts of the sign- or zero-extended operand; a left shift is a right shift of
        # the bit-reversed operand, so one barrel shifter serves both directions.
        src = Signal(64)
        with m.If(self.word):
            with m.If(self.left):
                m.d.comb += src.eq(self.value[:32].as_unsigned())
            with m.Else():
                m.d.comb += src.eq(Mux(self.arith, self.value[:32].as_signed(),
                                       self.value[:32].as_unsigned()))
        with m.Else():
            m.d.comb += src.eq(self.value)
        amount = Mux(self.word, self.amount[:5], self.amount)
        operand = Mux(self.left, src[::-1], src)
        fill = Signal()
        m.d.comb += fill.eq(self.arith & ~self.left & src[63])
        # Arithmetic fill: ones shifted in from the left when the operand is negative.
        wide = Signal(128)
        m.d.comb += wide.eq(Cat(operand, fill.replicate(64)))
        out = Signal(64)
        m.d.comb += out.eq((wide >> amount)[:64])
        result = Mux(self.left, out[::-1], out)
        m.d.comb += self.result.eq(Mux(self.word, result[:32].as_signed(), result))
        return m


class ALU(wiring.Component):
    """Add, subtract, compare, logic and shifts, for 64-bit and (``word``) 32-bit operations.

    Members
    -------
    op : In(AluOp)
    word : In(1)
        32-bit operation; the result is sign-extended from bit 31.
    a, b : In(64)
    result : Out(64)
    sum : Out(64)
        ``a + b`` (``a - b`` for a subtraction or comparison) before the result's select: an
        ``add`` result a cycle's later logic can take without the select's levels.
    """

    op:     In(AluOp)
    word:   In(1)
    a:      In(64)
    b:      In(64)
    result: Out(64)
    sum:    Out(64)

    def elaborate(self, platform):
        m = Module()
        m.submodules.shifter = shifter = Shifter()
        sub = Signal()
        m.d.comb += sub.eq((self.op == AluOp.SUB) | (self.op == AluOp.SLT) | (self.op == AluOp.SLTU))
        # a - b computed as a + ~b + 1 in 65 bits: bit 64 is the borrow-free carry.
        sum_ = Signal(65)
        m.d.comb += sum_.eq(self.a + Mux(sub, ~self.b, self.b) + sub)
        m.d.comb += self.sum.eq(sum_[:64])
        ltu = ~sum_[64]
        lt = Mux(self.a[63] == self.b[63], sum_[63], self.a[63])
        m.d.comb += [
            shifter.value.eq(self.a),
            shifter.amount.eq(self.b[:6]),
            shifter.left.eq(self.op == AluOp.SLL),
            shifter.arith.eq(self.op == AluOp.SRA),
            shifter.word.eq(self.word),
        ]
        res = Signal(64)
        with m.Switch(self.op):
            with m.Case(AluOp.ADD, AluOp.SUB):
                m.d.comb += res.eq(Mux(self.word, sum_[:32].as_signed(), sum_[:64]))
            with m.Case(AluOp.SLT):
                m.d.comb += res.eq(lt)
            with m.Case(AluOp.SLTU):
                m.d.comb += res.eq(ltu)
            with m.Case(AluOp.XOR):
                m.d.comb += res.eq(self.a ^ self.b)
            with m.Case(AluOp.OR):
                m.d.comb += res.eq(self.a | self.b)
            with m.Case(AluOp.AND):
                m.d.comb += res.eq(self.a & self.b)
            with m.Case(AluOp.SLL, AluOp.SRL, AluOp.SRA):
                m.d.comb += res.eq(shifter.result)
        m.d.comb += self.result.eq(res)
        return m


class BranchCompare(wiring.Component):
    """Condition of a conditional branch (``funct3`` of BRANCH) on two register values.

    Members
    -------
    funct3 : In(3)
    a, b : In(64)
    taken : Out(1)
    """

    funct3: In(3)
    a:      In(64)
    b:      In(64)
    taken:  Out(1)

    def elaborate(self, platform):
        m = Module()
        eq = self.a == self.b
        lt = self.a.as_signed() < self.b.as_signed()
        ltu = self.a < self.b
        cond = Signal()
        with m.Switch(self.funct3[1:]):
            with m.Case(0b00):
                m.d.comb += cond.eq(eq)
            with m.Case(0b10):
                m.d.comb += cond.eq(lt)
            with m.Case(0b11):
                m.d.comb += cond.eq(ltu)
        # funct3[0] inverts the condition (bne, bge, bgeu).
        m.d.comb += self.taken.eq(cond ^ self.funct3[0])
        return m
