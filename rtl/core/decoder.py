"""Table-driven instruction decoder.

An instruction set is a list of :class:`Row`: a name, a (mask, match) pair on the 32-bit
instruction word and the control values that instruction sets. The decoder matches every row
in parallel and ORs the controls of the (at most one) matching row; a word that matches no
row is illegal. An extension adds rows (see :data:`rtl.core.rv64.RV64IMA_ROWS`); it does not
edit the decoder. :func:`check_rows` rejects tables in which two rows overlap, so "decoded as
at most one instruction" holds by construction (and is also proven formally).
"""

from dataclasses import dataclass, field

from amaranth.hdl import Signal, Module
from amaranth.lib import data, enum, wiring
from amaranth.lib.wiring import In, Out


__all__ = ["Fu", "AluOp", "OpA", "OpB", "Imm", "SysOp", "Control", "Row", "check_rows",
           "Decoder"]


class Fu(enum.Enum, shape=4):
    """Functional unit that executes an instruction."""
    ALU    = 0
    BRANCH = 1
    JAL    = 2
    JALR   = 3
    LOAD   = 4
    STORE  = 5
    AMO    = 6   # AMOs, LR and SC: the operation is insn[31:27]
    MUL    = 7
    DIV    = 8
    CSR    = 9
    SYSTEM = 10  # see SysOp
    FENCE  = 11
    EXT    = 12  # an extension's unit; which one is in Control.ext


class AluOp(enum.Enum, shape=4):
    ADD  = 0
    SUB  = 1
    SLL  = 2
    SLT  = 3
    SLTU = 4
    XOR  = 5
    SRL  = 6
    SRA  = 7
    OR   = 8
    AND  = 9


class OpA(enum.Enum, shape=2):
    """First ALU operand."""
    RS1  = 0
    PC   = 1
    ZERO = 2


class OpB(enum.Enum, shape=1):
    """Second ALU operand."""
    RS2 = 0
    IMM = 1


class Imm(enum.Enum, shape=3):
    """Immediate format."""
    NONE = 0
    I    = 1
    S    = 2
    B    = 3
    U    = 4
    J    = 5


class SysOp(enum.Enum, shape=3):
    ECALL  = 0
    EBREAK = 1
    MRET   = 2
    WFI    = 3
    SRET   = 4
    SFENCE = 5   # sfence.vma


class Control(data.Struct):
    """Decoded controls of one instruction (everything but the register numbers and the
    immediate, which come from fixed instruction fields)."""
    fu:      Fu
    alu_op:  AluOp
    op_a:    OpA
    op_b:    OpB
    imm:     Imm
    word:    1   # a *W instruction: 32-bit operation, result sign-extended
    rs1_re:  1
    rs2_re:  1
    rd_we:   1
    sys:     SysOp
    fencei:  1
    ext:     4   # extension unit number, for Fu.EXT


@dataclass(frozen=True)
class Row:
    """One instruction of a decode table.

    Parameters
    ----------
    name : str
        Mnemonic, for documentation, tracing and error messages.
    mask, match : int
        The instruction ``insn`` is this row's when ``insn & mask == match``.
    controls : dict
        Values of :class:`Control` fields; absent fields are zero.
    """
    name: str
    mask: int
    match: int
    controls: dict = field(default_factory=dict)

    def __post_init__(self):
        if self.match & ~self.mask:
            raise ValueError(f"Row {self.name!r}: match {self.match:#010x} has bits outside "
                             f"mask {self.mask:#010x}")
        if self.mask & 0x7f != 0x7f:
            raise ValueError(f"Row {self.name!r}: mask must cover the opcode bits [6:0], "
                             f"not {self.mask:#010x}")
        fields = Control.as_shape().members.keys()
        for key in self.controls:
            if key not in fields:
                raise ValueError(f"Row {self.name!r}: unknown control {key!r}; expected one "
                                 f"of {sorted(fields)}")

    def matches(self, insn):
        return insn & self.mask == self.match


def check_rows(rows):
    """Raise ``ValueError`` if two rows can match the same instruction word or share a name."""
    names = set()
    for i, a in enumerate(rows):
        if a.name in names:
            raise ValueError(f"Decode table has two rows named {a.name!r}")
        names.add(a.name)
        for b in rows[i + 1:]:
            common = a.mask & b.mask
            if a.match & common == b.match & common:
                raise ValueError(f"Decode rows {a.name!r} and {b.name!r} overlap: some word "
                                 f"matches both")


class Decoder(wiring.Component):
    """Combinational decoder built from a table of :class:`Row`.

    Members
    -------
    insn : In(32)
        The instruction word.
    ctrl : Out(Control)
        Controls of the matching row (all zero if none matches).
    illegal : Out(1)
        No row matches ``insn``.
    """

    def __init__(self, rows):
        rows = list(rows)
        try:
            if not rows:
                raise ValueError("Decoder needs at least one row, not an empty table")
            check_rows(rows)
        except ValueError:
            self._MustUse__silence = True   # refused, not forgotten
            raise
        self.rows = rows
        super().__init__({
            "insn":    In(32),
            "ctrl":    Out(Control),
            "illegal": Out(1),
        })

    def row_const(self, row):
        return Control.const(row.controls).as_value()

    def elaborate(self, platform):
        m = Module()
        hits = Signal(len(self.rows))
        ctrl_bits = 0
        for i, row in enumerate(self.rows):
            m.d.comb += hits[i].eq((self.insn & row.mask) == row.match)
            ctrl_bits = ctrl_bits | (hits[i].replicate(len(self.ctrl.as_value()))
                                     & self.row_const(row))
        m.d.comb += [
            self.ctrl.as_value().eq(ctrl_bits),
            self.illegal.eq(hits == 0),
        ]
        self.hits = hits
        return m
