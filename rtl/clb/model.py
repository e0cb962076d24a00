"""Executable specification of the call-gate extension (docs/isa/callgate.md).

Plain Python (standard library only): the state the extension adds to a hart (the CLB, the
link-stack and gate CSRs, the top-of-stack register) and one function per instruction. The
tests and the lockstep checker (:mod:`sim.verify.callgate`) use it, so the semantics are
written once, here; the RTL (:mod:`rtl.clb.clb`, :mod:`rtl.clb.unit`) must agree with it.

The model does not own the rest of the hart. An instruction gets a :class:`Machine` (any
object with the methods of that protocol: the ``x`` registers, ``satp``, ``mstatus``, the
privilege mode, the PC and physical memory as 64-bit words) and either performs itself on it
and returns :class:`Retired` (what it did, for comparison with a trace), or changes nothing
and returns :class:`Trap` (cause and ``tval``), which the caller delivers like any other
exception (:func:`trap_target` says to which mode). :class:`SimpleMachine` is a
self-contained machine for tests::

    gates = CallGates()
    m = SimpleMachine(priv=Priv.S)
    for csr, value in [(CSR.XLSBASE, 0x8001_0000), (CSR.XLSPTR, 0x8001_0000),
                       (CSR.XLSLIMIT, 0x8001_0100), (CSR.XGPC, 0x8000_1000)]:
        gates.csr_write(csr, value)
    m.regs[6] = 3
    gates.execute(clb_fill(rs1=6, rs2=0), m)      # gate 3 of ASID 0
    m.priv = Priv.U
    gates.execute(xcall(rs1=6), m)                # -> Retired(next_pc=0x80001000, rd=5, ...)

Where the RTL makes a choice the document leaves open, the model follows the RTL and says
so (the docstrings of :meth:`CallGates.xcall` and :meth:`CallGates.xret`).
"""

from dataclasses import dataclass, field
from enum import IntEnum
from typing import Protocol, Union


__all__ = [
    "Op", "Cause", "Priv", "CSR", "Gate", "CLBEntry", "CLBModel", "LinkTop", "Trap", "Retired",
    "Outcome", "Machine", "SimpleMachine", "CallGates", "trap_target", "asid_of",
    "xcall", "xret", "clb_fill", "clb_inval", "encode",
    "OPCODE", "BADGE_REG", "INDEX_BITS", "ASID_BITS", "LINK_RECORD_BYTES", "DELEG_CAUSES",
    "MEDELEG_BITS", "CSR_SATP", "CSR_MSTATUS", "MSTATUS_TVM", "CSR_ZERO_BITS", "LINK_CSRS",
]


MASK64 = (1 << 64) - 1
#: The custom-0 major opcode, which all four instructions use (R-type, funct3 = 0).
OPCODE = 0b0001011
#: The register that receives the badge (``t0``).
BADGE_REG = 5
#: A gate index is 32 bits; a wider value in ``rs1`` never hits.
INDEX_BITS = 32
ASID_BITS = 16
#: A link record: ``[0]`` return PC, ``[8]`` the caller's ``satp``.
LINK_RECORD_BYTES = 16
CSR_SATP = 0x180
CSR_MSTATUS = 0x300
MSTATUS_TVM = 1 << 20


class Op(IntEnum):
    """The instructions, by ``funct7``."""
    XCALL = 0
    XRET = 1
    CLB_FILL = 2
    CLB_INVAL = 3


class Cause(IntEnum):
    """The exceptions the instructions raise (24..26: custom causes of the extension)."""
    ILLEGAL_INSN = 2
    LOAD_ACCESS = 5
    STORE_ACCESS = 7
    CLB_MISS = 24
    LINK_OVERFLOW = 25
    LINK_EMPTY = 26


#: The extension's causes; their ``medeleg`` bits are writable on a core with it.
DELEG_CAUSES = (Cause.CLB_MISS, Cause.LINK_OVERFLOW, Cause.LINK_EMPTY)
MEDELEG_BITS = sum(1 << c for c in DELEG_CAUSES)


class Priv(IntEnum):
    U = 0
    S = 1
    M = 3


class CSR(IntEnum):
    """The extension's CSRs (supervisor read/write)."""
    XLSBASE = 0x5C0
    XLSLIMIT = 0x5C1
    XLSPTR = 0x5C2
    XGSATP = 0x5C4
    XGPC = 0x5C5
    XGBADGE = 0x5C6


_CSR_NUMBERS = frozenset(int(n) for n in CSR)
#: Bits of each CSR that read zero (a write to them is ignored).
CSR_ZERO_BITS = {CSR.XLSBASE: 0xf, CSR.XLSLIMIT: 0xf, CSR.XLSPTR: 0xf, CSR.XGSATP: 0,
                 CSR.XGPC: 0x3, CSR.XGBADGE: 0}
#: A write to one of these (even of the value it holds) invalidates the top-of-stack register.
LINK_CSRS = (CSR.XLSBASE, CSR.XLSLIMIT, CSR.XLSPTR)


def asid_of(satp):
    """``satp.ASID`` (bits 59..44)."""
    return satp >> 44 & ((1 << ASID_BITS) - 1)


# ----------------------------------------------------------------------------- encodings

def encode(op, rs1=0, rs2=0, rd=0, funct3=0):
    """The instruction word ``.insn r 0x0b, funct3, op, rd, rs1, rs2``."""
    return int(op) << 25 | rs2 << 20 | rs1 << 15 | funct3 << 12 | rd << 7 | OPCODE


def xcall(rs1):
    return encode(Op.XCALL, rs1=rs1)


def xret():
    return encode(Op.XRET)


def clb_fill(rs1, rs2):
    return encode(Op.CLB_FILL, rs1=rs1, rs2=rs2)


def clb_inval(rs1, rs2):
    return encode(Op.CLB_INVAL, rs1=rs1, rs2=rs2)


def _fields(insn):
    return insn >> 25, insn >> 20 & 31, insn >> 15 & 31, insn >> 12 & 7, insn >> 7 & 31


# ----------------------------------------------------------------------------- the CLB

@dataclass(frozen=True)
class Gate:
    """What a gate holds: the callee's address space, entry point and badge."""
    satp: int = 0
    pc: int = 0
    badge: int = 0


@dataclass
class CLBEntry:
    valid: bool = False
    asid: int = 0
    index: int = 0
    gate: Gate = Gate()


class CLBModel:
    """The Call Lookaside Buffer: fully associative, tagged ``(asid, index)``, round robin.

    ``entries`` (a positive power of two) as :class:`rtl.clb.CLB`'s constructor parameter.
    The victim counter starts at entry 0 and advances by one (modulo ``entries``) on each fill
    that does not replace an entry with the same tag, whether or not the victim is valid;
    invalidation leaves it alone.
    """

    def __init__(self, entries=8):
        if not isinstance(entries, int) or entries < 1 or entries & (entries - 1):
            raise ValueError(f"CLB entries must be a positive power of two, not {entries!r}")
        self.entries = [CLBEntry() for _ in range(entries)]
        self.victim = 0

    def lookup(self, asid, index):
        """The gate of the valid entry tagged ``(asid, index)``, or None. An index wider than
        :data:`INDEX_BITS` never hits::

            hit = valid and index < 2**32 and (entry.asid, entry.index) == (asid, index)
        """
        if index >> INDEX_BITS:
            return None
        for e in self.entries:
            if e.valid and e.asid == asid and e.index == index:
                return e.gate
        return None

    def fill(self, asid, index, gate):
        """Write ``gate`` for ``(asid, index)`` (ASID_BITS and INDEX_BITS wide): into the valid
        entry with that tag if there is one, else into the victim, and the victim advances.
        Returns the entry number written."""
        assert asid >> ASID_BITS == 0 and index >> INDEX_BITS == 0
        new = CLBEntry(True, asid, index, gate)
        for i, e in enumerate(self.entries):
            if e.valid and e.asid == asid and e.index == index:
                self.entries[i] = new
                return i
        i = self.victim
        self.entries[i] = new
        self.victim = (i + 1) % len(self.entries)
        return i

    def inval(self, asid=None, index=None):
        """Invalidate the entries of ``asid`` (every ASID if None) with ``index`` (every index
        if None; an index wider than INDEX_BITS matches nothing). Returns the entry numbers
        invalidated (valid before)."""
        out = []
        for i, e in enumerate(self.entries):
            if asid is not None and e.asid != asid:
                continue
            if index is not None and (index >> INDEX_BITS or e.index != index):
                continue
            if e.valid:
                out.append(i)
            e.valid = False
        return out

    def valid_tags(self):
        """The tags of the valid entries, as a set of ``(asid, index)``."""
        return {(e.asid, e.index) for e in self.entries if e.valid}


# ----------------------------------------------------------------------------- outcomes

@dataclass(frozen=True)
class Trap:
    """The instruction raises exception ``cause`` with ``tval``; nothing has changed."""
    cause: int
    tval: int


@dataclass
class Retired:
    """The instruction retired; what it did (already applied to the machine).

    Members
    -------
    next_pc : int
    rd, rd_value : int
        The register written (0: none) and its value.
    satp : int or None
        The new ``satp`` (``xcall``/``xret``).
    writes : list of (int, int)
        Physical doublewords stored, ``(address, value)``, in order.
    reads : list of int
        Physical doublewords loaded, in order.
    csr_write : (int, int) or None
        For a CSR instruction on one of :class:`CSR`: the CSR written and the value it holds
        after the write (legalised); None when the instruction does not write it.
    """
    next_pc: int
    rd: int = 0
    rd_value: int = 0
    satp: object = None
    writes: list = field(default_factory=list)
    reads: list = field(default_factory=list)
    csr_write: object = None


Outcome = Union[Retired, Trap]


@dataclass
class LinkTop:
    """The top-of-stack register: the most recent link record, kept in the core."""
    valid: bool = False
    pc: int = 0
    satp: int = 0


class Machine(Protocol):
    """The architectural state of the hart that the instructions read and write.

    ``pc`` and ``priv`` are attributes (``priv`` read only here); ``csr`` needs to answer for
    ``satp`` (0x180) and ``mstatus`` (0x300). Memory is physical, in aligned 64-bit words, and
    only addresses for which ``is_ram`` is true are accessed.
    """
    pc: int
    priv: int

    def x(self, n: int) -> int: ...

    def set_x(self, n: int, value: int) -> None: ...

    def csr(self, n: int) -> int: ...

    def set_satp(self, value: int) -> None: ...

    def load64(self, paddr: int) -> int: ...

    def store64(self, paddr: int, value: int) -> None: ...

    def is_ram(self, paddr: int) -> bool: ...


@dataclass
class SimpleMachine:
    """A :class:`Machine` in a few fields, for tests: ``memory`` maps doubleword addresses to
    values (absent: 0); RAM is ``[ram_base, ram_base + ram_size)``."""
    pc: int = 0x8000_0000
    priv: int = Priv.U
    satp: int = 0
    mstatus: int = 0
    regs: list = field(default_factory=lambda: [0] * 32)
    memory: dict = field(default_factory=dict)
    ram_base: int = 0x8000_0000
    ram_size: int = 16 << 20

    def x(self, n):
        return self.regs[n] if n else 0

    def set_x(self, n, value):
        if n:
            self.regs[n] = value & MASK64

    def csr(self, n):
        return {CSR_SATP: self.satp, CSR_MSTATUS: self.mstatus}[n]

    def set_satp(self, value):
        self.satp = value & MASK64

    def load64(self, paddr):
        assert paddr % 8 == 0 and self.is_ram(paddr), hex(paddr)
        return self.memory.get(paddr, 0)

    def store64(self, paddr, value):
        assert paddr % 8 == 0 and self.is_ram(paddr), hex(paddr)
        self.memory[paddr] = value & MASK64

    def is_ram(self, paddr):
        return self.ram_base <= paddr < self.ram_base + self.ram_size


def trap_target(cause, priv, medeleg):
    """The mode an exception is taken into: S if it is raised below M and delegated in
    ``medeleg`` (whose bits 24..26, :data:`MEDELEG_BITS`, exist with this extension), else
    M."""
    return Priv.S if priv != Priv.M and medeleg >> cause & 1 else Priv.M


# ----------------------------------------------------------------------------- the extension

class CallGates:
    """The extension's state on one hart, and its instructions.

    State: :attr:`clb` (:class:`CLBModel`), :attr:`csrs` (the six CSRs, by :class:`CSR`), and
    :attr:`top` (:class:`LinkTop`). Everything is zero/invalid at reset.
    """

    def __init__(self, clb_entries=8):
        self.clb = CLBModel(clb_entries)
        self.csrs = {n: 0 for n in CSR}
        self.top = LinkTop()

    # --- CSRs

    @property
    def xlsbase(self):
        return self.csrs[CSR.XLSBASE]

    @property
    def xlslimit(self):
        return self.csrs[CSR.XLSLIMIT]

    @property
    def xlsptr(self):
        return self.csrs[CSR.XLSPTR]

    def staged_gate(self):
        """The gate ``clb.fill`` would write: ``(xgsatp, xgpc, xgbadge)``."""
        return Gate(self.csrs[CSR.XGSATP], self.csrs[CSR.XGPC], self.csrs[CSR.XGBADGE])

    def csr_read(self, n):
        return self.csrs[CSR(n)]

    def csr_write(self, n, value):
        """Write CSR ``n`` (legalised: :data:`CSR_ZERO_BITS` read zero; ``xgsatp``, like
        ``satp``, ignores a write whose MODE is neither Bare (0) nor Sv39 (8)); a write to
        ``xlsbase``, ``xlslimit`` or ``xlsptr`` also invalidates the top-of-stack register.
        Returns the value the CSR holds after."""
        n = CSR(n)
        if n == CSR.XGSATP and (value & MASK64) >> 60 not in (0, 8):
            return self.csrs[n]
        self.csrs[n] = value & MASK64 & ~CSR_ZERO_BITS[n]
        if n in LINK_CSRS:
            self.top.valid = False
        return self.csrs[n]

    @staticmethod
    def csr_legal(n, priv, writes):
        """Whether a CSR instruction may access CSR ``n`` from ``priv`` (the standard rule:
        ``priv >= n[9:8]``, no write to ``n[11:10] == 3``); False for a number that is not
        one of :class:`CSR`. The extension's CSRs are supervisor read/write: illegal from U."""
        if n not in _CSR_NUMBERS:
            return False
        return priv >= (n >> 8 & 3) and not (writes and n >> 10 == 3)

    @staticmethod
    def is_csr_instruction(insn):
        """``insn`` is a Zicsr instruction (``csrrw``/``rs``/``rc`` and their immediate forms)
        on one of :class:`CSR`."""
        return insn & 0x7f == 0x73 and insn >> 12 & 3 != 0 and insn >> 20 in _CSR_NUMBERS

    def csr_instruction(self, insn, m):
        """Execute a Zicsr instruction on one of the extension's CSRs::

            src    = zimm if funct3[2] else x[rs1]
            writes = csrrw or csrrwi, or rs1 (zimm) != 0
            if not csr_legal(csr, priv, writes): trap(ILLEGAL_INSN, tval = insn)
            old = CSR[csr]
            if writes: CSR[csr] = src           (csrrw, csrrwi)
                                  old | src     (csrrs, csrrsi)
                                  old & ~src    (csrrc, csrrci)   legalised by csr_write
            x[rd] = old
            pc = pc + 4
        """
        csr, funct3, rs1, rd = insn >> 20, insn >> 12 & 7, insn >> 15 & 31, insn >> 7 & 31
        op = funct3 & 3
        writes = op == 1 or rs1 != 0
        if not self.csr_legal(csr, m.priv, writes):
            return Trap(Cause.ILLEGAL_INSN, insn)
        src = rs1 if funct3 & 4 else m.x(rs1)
        old = self.csr_read(csr)
        written = None
        if writes:
            new = {1: src, 2: old | src, 3: old & ~src}[op]
            written = (csr, self.csr_write(csr, new))
        m.set_x(rd, old)
        m.pc = (m.pc + 4) & MASK64
        return Retired(m.pc, rd=rd, rd_value=old if rd else 0, csr_write=written)

    # --- instructions

    @staticmethod
    def decode(insn):
        """The :class:`Op` of a custom-0 word, or None if it is not one (an illegal
        instruction): ``funct3`` must be 0, and so must ``rd``, and ``rs2`` of ``xcall``,
        and ``rs1`` and ``rs2`` of ``xret``."""
        if insn & 0x7f != OPCODE:
            return None
        funct7, rs2, rs1, funct3, rd = _fields(insn)
        if funct3 or rd or funct7 > Op.CLB_INVAL:
            return None
        op = Op(funct7)
        if op == Op.XCALL and rs2 or op == Op.XRET and (rs1 or rs2):
            return None
        return op

    def handles(self, insn):
        """``insn`` is the model's to execute: a custom-0 word, or a CSR instruction on one of
        the extension's CSRs."""
        return insn & 0x7f == OPCODE or self.is_csr_instruction(insn)

    def execute(self, insn, m):
        """Execute ``insn`` (see :meth:`handles`) on machine ``m``; returns
        :class:`Retired` (the machine has changed) or :class:`Trap` (it has not).

        Custom-0 words::

            op = decode(insn)                       # None: reserved fields set, other funct7
            if op is none:                                  trap(ILLEGAL_INSN, tval = insn)
            if op in (xcall, xret) and priv == M:           trap(ILLEGAL_INSN, tval = insn)
            if op in (clb.fill, clb.inval) and (priv == U or priv == S and mstatus.TVM):
                                                            trap(ILLEGAL_INSN, tval = insn)
            then the instruction's own method
        """
        if insn & 0x7f != OPCODE:
            return self.csr_instruction(insn, m)
        op = self.decode(insn)
        illegal = Trap(Cause.ILLEGAL_INSN, insn)
        if op is None:
            return illegal
        _, rs2, rs1, _, _ = _fields(insn)
        if op in (Op.XCALL, Op.XRET):
            if m.priv == Priv.M:
                return illegal
            return self.xcall(m, rs1) if op == Op.XCALL else self.xret(m)
        if m.priv == Priv.U or m.priv == Priv.S and m.csr(CSR_MSTATUS) & MSTATUS_TVM:
            return illegal
        if op == Op.CLB_FILL:
            return self.clb_fill(m, rs1, rs2)
        return self.clb_inval(m, rs1, rs2)

    def xcall(self, m, rs1):
        """``xcall rs1`` (U or S-mode)::

            index = x[rs1]
            gate  = CLB.lookup(asid = satp.ASID, index = index)
            if gate is none:                      trap(CLB_MISS, tval = index)
            if xlsptr + 16 > xlslimit:            trap(LINK_OVERFLOW, tval = xlsptr)
            if [xlsptr, xlsptr + 16) is not RAM:  trap(STORE_ACCESS, tval = xlsptr)
            mem64[xlsptr]     = pc + 4            # physical
            mem64[xlsptr + 8] = satp
            xlsptr = xlsptr + 16
            top    = (valid, pc + 4, satp)
            satp   = gate.satp                    # as is: not legalised (as the RTL)
            x[5]   = gate.badge
            pc     = gate.pc

        ``xlsptr + 16 > xlslimit`` is computed without wrapping; ``xlsptr`` is not compared
        with ``xlsbase``.
        """
        index = m.x(rs1)
        caller = m.csr(CSR_SATP)
        gate = self.clb.lookup(asid_of(caller), index)
        if gate is None:
            return Trap(Cause.CLB_MISS, index)
        ptr = self.xlsptr
        if ptr + LINK_RECORD_BYTES > self.xlslimit:
            return Trap(Cause.LINK_OVERFLOW, ptr)
        if not (m.is_ram(ptr) and m.is_ram(ptr + 8)):
            return Trap(Cause.STORE_ACCESS, ptr)
        ret = (m.pc + 4) & MASK64
        m.store64(ptr, ret)
        m.store64(ptr + 8, caller)
        self.csrs[CSR.XLSPTR] = ptr + LINK_RECORD_BYTES
        self.top = LinkTop(True, ret, caller)
        m.set_satp(gate.satp)
        m.set_x(BADGE_REG, gate.badge)
        m.pc = gate.pc
        return Retired(gate.pc, rd=BADGE_REG, rd_value=gate.badge, satp=gate.satp,
                       writes=[(ptr, ret), (ptr + 8, caller)])

    def xret(self, m):
        """``xret`` (U or S-mode)::

            if xlsptr <= xlsbase:                 trap(LINK_EMPTY, tval = xlsptr)
            if top.valid:
                (ret, caller_satp) = (top.pc, top.satp)
            else:
                if [xlsptr - 16, xlsptr) is not RAM:  trap(LOAD_ACCESS, tval = xlsptr - 16)
                (ret, caller_satp) = (mem64[xlsptr - 16], mem64[xlsptr - 8])   # physical
            xlsptr = xlsptr - 16
            top.valid = 0
            satp = caller_satp                    # as is: not legalised (as the RTL)
            pc   = ret                            # as is (the kernel writes aligned PCs)

        The top-of-stack register wins over memory: a record the kernel rewrote in memory
        since the ``xcall`` is used only after a write to a link-stack CSR.
        """
        ptr = self.xlsptr
        if ptr <= self.xlsbase:
            return Trap(Cause.LINK_EMPTY, ptr)
        reads = []
        if self.top.valid:
            ret, caller = self.top.pc, self.top.satp
        else:
            at = ptr - LINK_RECORD_BYTES
            if not (m.is_ram(at) and m.is_ram(at + 8)):
                return Trap(Cause.LOAD_ACCESS, at)
            ret, caller = m.load64(at), m.load64(at + 8)
            reads = [at, at + 8]
        self.csrs[CSR.XLSPTR] = ptr - LINK_RECORD_BYTES
        self.top.valid = False
        m.set_satp(caller)
        m.pc = ret
        return Retired(ret, satp=caller, reads=reads)

    def clb_fill(self, m, rs1, rs2):
        """``clb.fill rs1, rs2`` (S-mode without TVM, M-mode)::

            CLB.fill(asid = x[rs2][15:0], index = x[rs1][31:0],
                     gate = (xgsatp, xgpc, xgbadge))     # same tag: in place; else victim
            pc = pc + 4
        """
        self.clb.fill(m.x(rs2) & ((1 << ASID_BITS) - 1), m.x(rs1) & ((1 << INDEX_BITS) - 1),
                      self.staged_gate())
        m.pc = (m.pc + 4) & MASK64
        return Retired(m.pc)

    def clb_inval(self, m, rs1, rs2):
        """``clb.inval rs1, rs2`` (S-mode without TVM, M-mode): the register *numbers* say
        which form::

            CLB.inval(asid  = x[rs2][15:0] if rs2 != x0 else any,
                      index = x[rs1]       if rs1 != x0 else any)   # wider than 32 bits: none
            pc = pc + 4
        """
        self.clb.inval(asid=m.x(rs2) & ((1 << ASID_BITS) - 1) if rs2 else None,
                       index=m.x(rs1) if rs1 else None)
        m.pc = (m.pc + 4) & MASK64
        return Retired(m.pc)
