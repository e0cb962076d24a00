"""Control and status registers: the CSR access port, and the machine-mode trap/counter CSRs.

A unit that owns CSRs lists them as :class:`CSRDef` (number, name, read value, whether a
write is allowed) and watches the :class:`CSRWriteSignature` broadcast for its numbers. The
core builds the read multiplexer and the legality check from the union of the lists, so an
extension adds CSRs without editing the core's CSR code.
"""

from dataclasses import dataclass

from amaranth.hdl import Cat, Const, Module, Mux, Signal, Value
from amaranth.lib import wiring
from amaranth.lib.wiring import In, Out

from .isa import CSRAddr, Cause, Interrupt, Priv, MISA_EXT


__all__ = ["CSRDef", "CSRWriteSignature", "MachineCSRs", "MSTATUS"]


@dataclass
class CSRDef:
    """One CSR as its owner exposes it.

    ``read`` is the value a CSR instruction reads; ``writable`` is False for a CSR whose
    writes are illegal (read-only numbers, 0xC00..0xFFF, are always illegal to write).
    """
    addr: int
    name: str
    read: Value
    writable: bool = True

    def __post_init__(self):
        if not isinstance(self.addr, int) or not 0 <= self.addr < 4096:
            raise ValueError(f"CSR number must be an integer in 0..4095, not {self.addr!r}")
        if self.writable and (self.addr >> 10) == 0b11:
            raise ValueError(f"CSR {self.name!r} at {self.addr:#05x} is in the read-only "
                             f"range 0xc00..0xfff and cannot be writable")


class CSRWriteSignature(wiring.Signature):
    """A committed write of one CSR, broadcast to every CSR owner.

    Members
    -------
    we : Out(1)
    addr : Out(12)
    data : Out(64)
    """

    def __init__(self):
        super().__init__({"we": Out(1), "addr": Out(12), "data": Out(64)})


class MSTATUS:
    """Bit positions of ``mstatus``."""
    SIE = 1
    MIE = 3
    SPIE = 5
    MPIE = 7
    SPP = 8
    MPP = slice(11, 13)


class MachineCSRs(wiring.Component):
    """The machine-mode CSRs: status, trap setup and handling, interrupts, counters, ids.

    Members
    -------
    csr_w : In(CSRWriteSignature())
        Committed CSR writes.
    trap : In(1)
        Take a trap this cycle (exception or interrupt) at ``trap_pc``.
    trap_cause : In(64)
        ``mcause`` value: bit 63 set for an interrupt.
    trap_pc, trap_val : In(64)
    trap_target : Out(64)
        Where the trap goes (``mtvec``, vectored for interrupts). Valid in the same cycle.
    mret : In(1)
        Return from a machine trap (``mret`` committing).
    mepc : Out(64)
    retire : In(1)
        An instruction commits (counted in ``minstret``).
    irq_msip, irq_mtip, irq_meip : In(1)
    irq_take : Out(1)
        An enabled interrupt is pending and interrupts are globally enabled.
    irq_cause : Out(64)
        ``mcause`` of the interrupt to take.
    wfi_wake : Out(1)
        Some interrupt is pending and enabled in ``mie`` (whatever ``mstatus.MIE``).
    time : In(64)
        ``mtime`` from the CLINT, read by ``rdtime``.
    priv : Out(2)
        Current privilege mode (always M in this core).
    """

    def __init__(self, *, misa_ext="AIM"):
        self.misa = (2 << 62) | MISA_EXT(misa_ext)
        super().__init__({
            "csr_w":       In(CSRWriteSignature()),
            "trap":        In(1),
            "trap_cause":  In(64),
            "trap_pc":     In(64),
            "trap_val":    In(64),
            "trap_target": Out(64),
            "mret":        In(1),
            "mepc":        Out(64),
            "retire":      In(1),
            "irq_msip":    In(1),
            "irq_mtip":    In(1),
            "irq_meip":    In(1),
            "irq_take":    Out(1),
            "irq_cause":   Out(64),
            "wfi_wake":    Out(1),
            "time":        In(64),
            "priv":        Out(2),
        })
        self.r_mie_bit = Signal(name="mstatus_mie")
        self.r_mpie = Signal(name="mstatus_mpie")
        self.r_mtvec = Signal(64, name="mtvec")
        self.r_mscratch = Signal(64, name="mscratch")
        self.r_mepc = Signal(64, name="mepc_r")
        self.r_mcause = Signal(64, name="mcause")
        self.r_mtval = Signal(64, name="mtval")
        self.r_mie = Signal(64, name="mie")
        self.r_mcycle = Signal(64, name="mcycle")
        self.r_minstret = Signal(64, name="minstret")
        self.r_mcountinhibit = Signal(64, name="mcountinhibit")

    def mip(self):
        return Cat(Const(0, 3), self.irq_msip, Const(0, 3), self.irq_mtip, Const(0, 3),
                   self.irq_meip, Const(0, 52))

    def csr_defs(self):
        """The CSRs this unit owns."""
        mstatus = Cat(Const(0, 3), self.r_mie_bit, Const(0, 3), self.r_mpie, Const(0, 3),
                      Const(int(Priv.M), 2), Const(0, 51))
        ro = dict(writable=False)
        defs = [
            CSRDef(CSRAddr.MSTATUS, "mstatus", mstatus),
            CSRDef(CSRAddr.MISA, "misa", Const(self.misa, 64)),
            CSRDef(CSRAddr.MIE, "mie", self.r_mie),
            CSRDef(CSRAddr.MTVEC, "mtvec", self.r_mtvec),
            CSRDef(CSRAddr.MCOUNTINHIBIT, "mcountinhibit", self.r_mcountinhibit),
            CSRDef(CSRAddr.MSCRATCH, "mscratch", self.r_mscratch),
            CSRDef(CSRAddr.MEPC, "mepc", self.r_mepc),
            CSRDef(CSRAddr.MCAUSE, "mcause", self.r_mcause),
            CSRDef(CSRAddr.MTVAL, "mtval", self.r_mtval),
            CSRDef(CSRAddr.MIP, "mip", self.mip()),
            CSRDef(CSRAddr.MCYCLE, "mcycle", self.r_mcycle),
            CSRDef(CSRAddr.MINSTRET, "minstret", self.r_minstret),
            CSRDef(CSRAddr.CYCLE, "cycle", self.r_mcycle, **ro),
            CSRDef(CSRAddr.TIME, "time", self.time, **ro),
            CSRDef(CSRAddr.INSTRET, "instret", self.r_minstret, **ro),
            CSRDef(CSRAddr.MVENDORID, "mvendorid", Const(0, 64), **ro),
            CSRDef(CSRAddr.MARCHID, "marchid", Const(0, 64), **ro),
            CSRDef(CSRAddr.MIMPID, "mimpid", Const(0, 64), **ro),
            CSRDef(CSRAddr.MHARTID, "mhartid", Const(0, 64), **ro),
            CSRDef(CSRAddr.MCONFIGPTR, "mconfigptr", Const(0, 64), **ro),
        ]
        # Zihpm's counters exist but count nothing: mhpmcounter3..31 and mhpmevent3..31
        # read zero and ignore writes, hpmcounter3..31 read zero.
        for n in range(3, 32):
            defs.append(CSRDef(0xB00 + n, f"mhpmcounter{n}", Const(0, 64)))
            defs.append(CSRDef(0x320 + n, f"mhpmevent{n}", Const(0, 64)))
            defs.append(CSRDef(0xC00 + n, f"hpmcounter{n}", Const(0, 64), **ro))
        return defs

    def elaborate(self, platform):
        m = Module()
        w = self.csr_w

        def written(addr):
            return w.we & (w.addr == addr)

        m.d.comb += self.priv.eq(Priv.M)

        # Counters: a CSR write in the same cycle wins over the increment.
        with m.If(written(CSRAddr.MCYCLE)):
            m.d.sync += self.r_mcycle.eq(w.data)
        with m.Elif(~self.r_mcountinhibit[0]):
            m.d.sync += self.r_mcycle.eq(self.r_mcycle + 1)
        with m.If(written(CSRAddr.MINSTRET)):
            m.d.sync += self.r_minstret.eq(w.data)
        with m.Elif(self.retire & ~self.r_mcountinhibit[2]):
            m.d.sync += self.r_minstret.eq(self.r_minstret + 1)
        with m.If(written(CSRAddr.MCOUNTINHIBIT)):
            m.d.sync += self.r_mcountinhibit.eq(w.data & 0b101)

        with m.If(written(CSRAddr.MSTATUS)):
            m.d.sync += [self.r_mie_bit.eq(w.data[MSTATUS.MIE]),
                         self.r_mpie.eq(w.data[MSTATUS.MPIE])]
        with m.If(written(CSRAddr.MIE)):
            mask = (1 << Interrupt.MSI) | (1 << Interrupt.MTI) | (1 << Interrupt.MEI)
            m.d.sync += self.r_mie.eq(w.data & mask)
        with m.If(written(CSRAddr.MTVEC)):
            # MODE is WARL: 0 direct, 1 vectored; bit 1 reads zero (so 2 -> 0, 3 -> 1, as spike).
            m.d.sync += self.r_mtvec.eq(Cat(w.data[0], Const(0, 1), w.data[2:]))
        with m.If(written(CSRAddr.MSCRATCH)):
            m.d.sync += self.r_mscratch.eq(w.data)
        with m.If(written(CSRAddr.MEPC)):
            # No C extension: mepc is always 4-byte aligned.
            m.d.sync += self.r_mepc.eq(Cat(Const(0, 2), w.data[2:]))
        with m.If(written(CSRAddr.MCAUSE)):
            m.d.sync += self.r_mcause.eq(w.data)
        with m.If(written(CSRAddr.MTVAL)):
            m.d.sync += self.r_mtval.eq(w.data)

        # Traps and mret; a trap never commits in the same cycle as a CSR write.
        base = Cat(Const(0, 2), self.r_mtvec[2:])
        vectored = self.r_mtvec[0] & self.trap_cause[63]
        m.d.comb += self.trap_target.eq(Mux(vectored, base + (self.trap_cause[:6] << 2), base))
        m.d.comb += self.mepc.eq(self.r_mepc)
        with m.If(self.trap):
            m.d.sync += [
                self.r_mepc.eq(self.trap_pc),
                self.r_mcause.eq(self.trap_cause),
                self.r_mtval.eq(self.trap_val),
                self.r_mpie.eq(self.r_mie_bit),
                self.r_mie_bit.eq(0),
            ]
        with m.Elif(self.mret):
            m.d.sync += [self.r_mie_bit.eq(self.r_mpie), self.r_mpie.eq(1)]

        # Interrupts in the specification's priority order: MEI, MSI, MTI.
        pending = self.mip() & self.r_mie
        m.d.comb += self.wfi_wake.eq(pending != 0)
        m.d.comb += self.irq_take.eq((pending != 0) & self.r_mie_bit)
        with m.If(pending[Interrupt.MEI]):
            m.d.comb += self.irq_cause.eq((1 << 63) | Interrupt.MEI)
        with m.Elif(pending[Interrupt.MSI]):
            m.d.comb += self.irq_cause.eq((1 << 63) | Interrupt.MSI)
        with m.Elif(pending[Interrupt.MTI]):
            m.d.comb += self.irq_cause.eq((1 << 63) | Interrupt.MTI)
        return m
