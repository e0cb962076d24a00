"""Formal properties of the table-driven decoder, for an unconstrained instruction word.

:class:`DecoderTable` proves, for any table of rows (the core's by default), that the
decoder is the table: each ``hits`` bit is its row's ``insn & mask == match``, at most one
row matches, ``illegal`` is set exactly when none does, and ``ctrl`` is the matching row's
constant controls (all zero for an illegal word).

:class:`DecoderISA` proves properties of :data:`rtl.core.rv64.RV64IMA_ROWS` stated from the
ISA manual rather than from the table: reserved encodings of OP-32, OP-IMM-32, LOAD, STORE
and SYSTEM are illegal, so are the major opcodes the core does not implement, and which
instructions write ``rd`` or are *W operations follows from the opcode alone.

Both are combinational: one step of the solver covers every word.
"""

from amaranth.asserts import AnyConst
from amaranth.hdl import Assert, Cover, Elaboratable, Fragment, Module, Signal

from ..core.decoder import Control, Decoder, Fu
from ..core.isa import Opcode
from ..core.rv64 import RV64IMA_ROWS


__all__ = ["DecoderTable", "DecoderISA"]


def _elaborated(m, decoder, platform):
    # ``Decoder.hits`` only exists once the decoder is elaborated: elaborate it here and add
    # the resulting fragment, so the harness can read it.
    m.submodules.decoder = Fragment.get(decoder, platform)
    return decoder.hits


class DecoderTable(Elaboratable):
    """The decoder matches its table exactly.

    Parameters
    ----------
    rows : list of Row
        The decode table (default: the core's, ``RV64IMA_ROWS``).
    """

    def __init__(self, rows=None):
        self.rows = list(RV64IMA_ROWS if rows is None else rows)

    def elaborate(self, platform):
        m = Module()
        dec = Decoder(self.rows)
        hits = _elaborated(m, dec, platform)
        insn = Signal(32)
        m.d.comb += [insn.eq(AnyConst(32)), dec.insn.eq(insn)]

        # The specification of each row, written from the Row objects, not from the decoder.
        spec = Signal(len(self.rows))
        for i, row in enumerate(self.rows):
            m.d.comb += spec[i].eq((insn & row.mask) == row.match)
        m.d.comb += [
            Assert(hits == spec, "hits[i] is row i's insn & mask == match"),
            # Clearing the lowest set bit leaves nothing: at most one bit is set.
            Assert((hits & (hits - 1)) == 0, "at most one row matches"),
            Assert(dec.illegal == (spec == 0), "illegal exactly when no row matches"),
        ]
        ctrl = dec.ctrl.as_value()
        with m.If(spec == 0):
            m.d.comb += Assert(ctrl == 0, "ctrl is zero when no row matches")
        for i, row in enumerate(self.rows):
            with m.If(spec[i]):
                m.d.comb += Assert(ctrl == Control.const(row.controls).as_value(),
                                   "ctrl is the matching row's controls")
        m.d.comb += [
            Cover(dec.illegal, "some word is illegal"),
            Cover(~dec.illegal, "some word is legal"),
        ]
        return m


# funct7 values of OP-32 (0b0111011) and the funct3 values each allows.
_OP32_FUNCT3 = {
    0b0000000: {0, 1, 5},             # addw sllw srlw
    0b0100000: {0, 5},                # subw sraw
    0b0000001: {0, 4, 5, 6, 7},       # mulw divw divuw remw remuw
}

# Major opcodes of extensions the core does not implement (F, D, Q, V, custom-0..3, ...).
_UNIMPLEMENTED_OPCODES = [
    0b0000111,  # LOAD-FP
    0b0001011,  # custom-0
    0b0100111,  # STORE-FP
    0b0101011,  # custom-1
    0b1000011,  # MADD
    0b1000111,  # MSUB
    0b1001011,  # NMSUB
    0b1001111,  # NMADD
    0b1010011,  # OP-FP
    0b1010111,  # OP-V
    0b1011011,  # custom-2
    0b1101011,  # reserved
    0b1110111,  # OP-P / reserved
    0b1111011,  # custom-3
    0b1111111,  # >= 80-bit instructions
]


class DecoderISA(Elaboratable):
    """Properties of the RV64IMA + Zicsr + Zifencei table, stated from the ISA manual.

    Parameters
    ----------
    rows : list of Row
        The decode table (default ``RV64IMA_ROWS``). An extension that adds rows in the
        custom opcodes makes the "unimplemented opcode" property fail, as it should: run this
        harness on the base table.
    """

    def __init__(self, rows=None):
        self.rows = list(RV64IMA_ROWS if rows is None else rows)

    def elaborate(self, platform):
        m = Module()
        m.submodules.decoder = dec = Decoder(self.rows)
        insn = Signal(32)
        m.d.comb += [insn.eq(AnyConst(32)), dec.insn.eq(insn)]
        opcode = insn[0:7]
        funct3 = insn[12:15]
        funct7 = insn[25:32]
        legal = ~dec.illegal

        def f3_in(values):
            return _any(funct3 == v for v in values)

        with m.If(insn[0:2] != 0b11):
            m.d.comb += Assert(dec.illegal, "16-bit (compressed) encodings are illegal")
        for op in _UNIMPLEMENTED_OPCODES:
            with m.If(opcode == op):
                m.d.comb += Assert(dec.illegal, "unimplemented major opcodes are illegal")

        with m.If(opcode == Opcode.OP_32):
            with m.If(~_any(funct7 == f7 for f7 in _OP32_FUNCT3)):
                m.d.comb += Assert(dec.illegal, "OP-32 with funct7 not in {0, 0x20, 1} is "
                                                "illegal")
            for f7, allowed in _OP32_FUNCT3.items():
                with m.If((funct7 == f7) & ~f3_in(allowed)):
                    m.d.comb += Assert(dec.illegal, "OP-32 funct3 not defined for its funct7 "
                                                    "is illegal")
        with m.If(opcode == Opcode.OP_IMM_32):
            m.d.comb += Assert(legal == (
                (funct3 == 0) |
                ((funct3 == 1) & (funct7 == 0)) |
                ((funct3 == 5) & ((funct7 == 0) | (funct7 == 0b0100000)))),
                "OP-IMM-32: legal exactly for addiw, slliw, srliw, sraiw")
        with m.If(opcode == Opcode.OP_IMM):
            # RV64 shifts take a 6-bit shamt: only insn[31:26] is funct6.
            funct6 = insn[26:32]
            with m.If(funct3 == 1):
                m.d.comb += Assert(legal == (funct6 == 0), "slli: funct6 must be zero")
            with m.Elif(funct3 == 5):
                m.d.comb += Assert(legal == ((funct6 == 0) | (funct6 == 0b010000)),
                                   "srli/srai: funct6 must be 0 or 0x10")
            with m.Else():
                m.d.comb += Assert(legal, "OP-IMM without shift: every word is legal")
        with m.If(opcode == Opcode.LOAD):
            m.d.comb += Assert(legal == (funct3 != 7), "LOAD: funct3 7 is illegal (no ldu)")
        with m.If(opcode == Opcode.STORE):
            m.d.comb += Assert(legal == (funct3 < 4), "STORE: funct3 >= 4 is illegal")
        with m.If(opcode == Opcode.BRANCH):
            m.d.comb += Assert(legal == ~f3_in({2, 3}), "BRANCH: funct3 2 and 3 are illegal")
        for op in (Opcode.LUI, Opcode.AUIPC, Opcode.JAL):
            with m.If(opcode == op):
                m.d.comb += Assert(legal, "LUI, AUIPC and JAL: every word is legal")
        with m.If(opcode == Opcode.SYSTEM):
            with m.If(funct3 == 4):
                m.d.comb += Assert(dec.illegal, "SYSTEM funct3 4 (hypervisor) is illegal")
            with m.If(funct3 == 0):
                exact = [0x00000073, 0x00100073, 0x30200073, 0x10500073, 0x10200073]
                sfence = (insn & 0xfe007fff) == 0x12000073
                m.d.comb += Assert(legal == (_any(insn == w for w in exact) | sfence),
                                   "SYSTEM funct3 0: only ecall, ebreak, mret, sret, wfi, "
                                   "sfence.vma")

        # Controls that follow from the major opcode.
        writes_rd = ~(_any(opcode == op for op in (Opcode.BRANCH, Opcode.STORE,
                                                      Opcode.MISC_MEM)) |
                      ((opcode == Opcode.SYSTEM) & (funct3 == 0)))
        is_word = (opcode == Opcode.OP_32) | (opcode == Opcode.OP_IMM_32)
        with m.If(legal):
            m.d.comb += [
                Assert(dec.ctrl.rd_we == writes_rd, "rd_we follows from the opcode"),
                Assert(dec.ctrl.word == is_word, "word is set exactly for OP-32 and "
                                                 "OP-IMM-32"),
                Assert((dec.ctrl.fu == Fu.LOAD) == (opcode == Opcode.LOAD),
                       "fu is LOAD exactly for the LOAD opcode"),
                Assert((dec.ctrl.fu == Fu.STORE) == (opcode == Opcode.STORE),
                       "fu is STORE exactly for the STORE opcode"),
                Assert((dec.ctrl.fu == Fu.AMO) == (opcode == Opcode.AMO),
                       "fu is AMO exactly for the AMO opcode"),
            ]
        return m


def _any(terms):
    """OR of a sequence of 1-bit values (0 when empty)."""
    result = 0
    for term in terms:
        result = result | term
    return result
