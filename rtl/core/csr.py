"""Control and status registers: the CSR access port, and the privileged-architecture CSRs
(machine and supervisor trap handling, delegation, interrupts, counters, address translation).

A unit that owns CSRs lists them as :class:`CSRDef` (number, name, read value, whether a
write is allowed) and watches the :class:`CSRWriteSignature` broadcast for its numbers. The
core builds the read multiplexer and the legality check from the union of the lists, so an
extension adds CSRs without editing the core's CSR code.

WARL choices (mostly spike's; where they differ, the lockstep checker accounts for it, see
docs/verification.md: spike's mstatus.FS/SD are writable, its medeleg has bits 18-19, it has
scontext/mcontext/tinfo, and marchid reads 5):

- ``mstatus.MPP`` holds M, S or U; writing the reserved value 2 stores U.
- ``mtvec``/``stvec``: MODE bit 0 is kept, bit 1 reads zero (modes 2 and 3 become 0 and 1).
- ``mepc``/``sepc``: bits 1..0 read zero (no C extension).
- ``medeleg``: every exception but ``ecall`` from M (bits 0-9, 12, 13, 15);
  ``mideleg``: the supervisor interrupts (SSI, STI, SEI).
- ``mip``: SSIP, STIP and SEIP are writable by M (the PLIC's supervisor context is ORed into
  SEIP on reads); ``sip``: SSIP, when delegated.
- ``satp``: MODE is Bare (0) or Sv39 (8); a write of another mode is ignored entirely.
- No PMP: ``pmpcfg*``/``pmpaddr*`` are illegal (spike with ``--pmpregions=0``).
- Triggers: ``tselect`` and ``tdata1..3`` read zero and ignore writes (no trigger module).
"""

from dataclasses import dataclass

from amaranth.hdl import Cat, Const, Module, Mux, Signal, Value
from amaranth.lib import wiring
from amaranth.lib.wiring import In, Out

from .isa import CSRAddr, Cause, Interrupt, Priv, MISA_EXT


__all__ = ["CSRDef", "CSRWriteSignature", "PrivilegedCSRs", "MSTATUS", "SSTATUS_MASK",
           "MEDELEG_MASK", "MIDELEG_MASK"]


@dataclass
class CSRDef:
    """One CSR as its owner exposes it.

    ``read`` is the value a CSR instruction reads; ``writable`` is False for a CSR whose
    writes are illegal (read-only numbers, 0xC00..0xFFF, are always illegal to write).
    ``min_priv`` is taken from the number (bits 9..8) unless given.
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
    MPP = 11      # two bits
    MPRV = 17
    SUM = 18
    MXR = 19
    TVM = 20
    TW = 21
    TSR = 22
    UXL = 32      # two bits, read-only 2 (64-bit)
    SXL = 34      # two bits, read-only 2 (64-bit)


SSTATUS_MASK = ((1 << MSTATUS.SIE) | (1 << MSTATUS.SPIE) | (1 << MSTATUS.SPP) |
                (1 << MSTATUS.SUM) | (1 << MSTATUS.MXR) | (3 << MSTATUS.UXL))
MEDELEG_MASK = 0xb3ff & ~(1 << Cause.ECALL_M) & ~(1 << 10) & ~(1 << 14)
MIDELEG_MASK = (1 << Interrupt.SSI) | (1 << Interrupt.STI) | (1 << Interrupt.SEI)
MIE_MASK = 0xaaa
MIP_WRITABLE = (1 << Interrupt.SSI) | (1 << Interrupt.STI) | (1 << Interrupt.SEI)

# Interrupts in the specification's priority order.
_IRQ_ORDER = [Interrupt.MEI, Interrupt.MSI, Interrupt.MTI, Interrupt.SEI, Interrupt.SSI,
              Interrupt.STI]


class PrivilegedCSRs(wiring.Component):
    """The privilege mode and the CSRs of machine and supervisor mode.

    Members
    -------
    csr_w : In(CSRWriteSignature())
        Committed CSR writes.
    trap : In(1)
        Take a trap this cycle (exception or interrupt) at ``trap_pc``. Its effects on the
        CSRs (mode, ``mstatus``, ``xepc``, ``xcause``, ``xtval``) happen at the end of the
        next cycle, from registers: nothing may read or write CSRs in that cycle (the core
        has X empty then).
    trap_cause : In(64)
        Cause value: bit 63 set for an interrupt.
    trap_pc, trap_val : In(64)
    trap_target : Out(64)
        Where the trap goes (``mtvec`` or ``stvec`` by delegation, vectored for
        interrupts). Valid in the same cycle as ``trap_cause``.
    trap_entry : Out(64)
        The same address, in the cycle after the trap (when the CSRs take the trap), from
        registers only. The core redirects to it then, which keeps the cause, delegation
        and vector arithmetic off the trapping cycle.
    mret, sret : In(1)
        An ``mret``/``sret`` commits.
    xret_m : In(1)
        The instruction in X is an ``mret`` (whether it commits or not).
    xret_target : Out(64)
        ``mepc`` (when ``xret_m``) or ``sepc``: where an ``mret`` or ``sret`` returns.
    retire : In(1)
        An instruction commits (counted in ``minstret``).
    irq_msip, irq_mtip, irq_meip, irq_seip : In(1)
        Interrupt lines; ``irq_seip`` is the PLIC's supervisor context.
    irq_take : Out(1)
        An interrupt is pending, enabled and allowed in the current mode.
    irq_cause : Out(64)
    wfi_wake : Out(1)
        Some interrupt is pending and enabled in ``mie`` (whatever the global enables).
    time : In(64)
    priv : Out(2)
        Current privilege mode.
    status : Out(64)
        ``mstatus`` (for the MMU: MPRV, MPP, SUM, MXR; for the core: TVM, TW, TSR).
    satp : Out(64)
    satp_set : In(1), satp_value : In(64)
        An extension's switch of address space (``xcall``/``xret``).
    counteren_ok : Out(3)
        Whether ``cycle``, ``time``, ``instret`` may be read in the current mode.
    """

    def __init__(self, *, misa_ext="AIMSU", extra_deleg=()):
        self.misa = (2 << 62) | MISA_EXT(misa_ext)
        self.medeleg_mask = MEDELEG_MASK
        for cause in extra_deleg:
            if not isinstance(cause, int) or not 24 <= cause <= 31:
                raise ValueError(f"An extension's exception cause must be a custom cause "
                                 f"(24..31), not {cause!r}")
            self.medeleg_mask |= 1 << cause
        super().__init__({
            "csr_w":        In(CSRWriteSignature()),
            "trap":         In(1),
            "trap_cause":   In(64),
            "trap_pc":      In(64),
            "trap_val":     In(64),
            "trap_target":  Out(64),
            "trap_entry":   Out(64),
            "mret":         In(1),
            "sret":         In(1),
            "xret_m":       In(1),
            "xret_target":  Out(64),
            "retire":       In(1),
            "irq_msip":     In(1),
            "irq_mtip":     In(1),
            "irq_meip":     In(1),
            "irq_seip":     In(1),
            "irq_take":     Out(1),
            "irq_cause":    Out(64),
            "wfi_wake":     Out(1),
            "time":         In(64),
            "priv":         Out(2),
            "status":       Out(64),
            "satp":         Out(64),
            "satp_set":     In(1),
            "satp_value":   In(64),
            "counteren_ok": Out(3),
        })
        self.r_priv = Signal(2, init=Priv.M, name="priv_r")
        self.r_status = Signal(64, name="mstatus_r")   # the writable bits only
        self.r_mtvec = Signal(64, name="mtvec")
        self.r_stvec = Signal(64, name="stvec")
        self.r_mscratch = Signal(64, name="mscratch")
        self.r_sscratch = Signal(64, name="sscratch")
        self.r_mepc = Signal(64, name="mepc")
        self.r_sepc = Signal(64, name="sepc")
        self.r_mcause = Signal(64, name="mcause")
        self.r_scause = Signal(64, name="scause")
        self.r_mtval = Signal(64, name="mtval")
        self.r_stval = Signal(64, name="stval")
        self.r_mie = Signal(64, name="mie")
        self.r_mip = Signal(64, name="mip_sw")          # SSIP, STIP, SEIP written by software
        self.r_medeleg = Signal(64, name="medeleg")
        self.r_mideleg = Signal(64, name="mideleg")
        self.r_mcounteren = Signal(32, name="mcounteren")
        self.r_scounteren = Signal(32, name="scounteren")
        self.r_satp = Signal(64, name="satp_r")
        self.r_mcycle = Signal(64, name="mcycle")
        self.r_minstret = Signal(64, name="minstret")
        self.r_mcountinhibit = Signal(64, name="mcountinhibit")
        self.mip_value = Signal(64, name="mip")
        self.mstatus_value = Signal(64, name="mstatus")

    def csr_defs(self):
        """The CSRs this unit owns."""
        ro = dict(writable=False)
        zero = Const(0, 64)
        mideleg = self.r_mideleg
        defs = [
            CSRDef(CSRAddr.MSTATUS, "mstatus", self.mstatus_value),
            CSRDef(CSRAddr.MISA, "misa", Const(self.misa, 64)),
            CSRDef(0x302, "medeleg", self.r_medeleg),
            CSRDef(0x303, "mideleg", self.r_mideleg),
            CSRDef(CSRAddr.MIE, "mie", self.r_mie),
            CSRDef(CSRAddr.MTVEC, "mtvec", self.r_mtvec),
            CSRDef(0x306, "mcounteren", self.r_mcounteren),
            CSRDef(0x30A, "menvcfg", zero),
            CSRDef(CSRAddr.MCOUNTINHIBIT, "mcountinhibit", self.r_mcountinhibit),
            CSRDef(CSRAddr.MSCRATCH, "mscratch", self.r_mscratch),
            CSRDef(CSRAddr.MEPC, "mepc", self.r_mepc),
            CSRDef(CSRAddr.MCAUSE, "mcause", self.r_mcause),
            CSRDef(CSRAddr.MTVAL, "mtval", self.r_mtval),
            CSRDef(CSRAddr.MIP, "mip", self.mip_value),
            CSRDef(0x100, "sstatus", self.mstatus_value & SSTATUS_MASK),
            CSRDef(0x104, "sie", self.r_mie & mideleg),
            CSRDef(0x105, "stvec", self.r_stvec),
            CSRDef(0x106, "scounteren", self.r_scounteren),
            CSRDef(0x10A, "senvcfg", zero),
            CSRDef(0x140, "sscratch", self.r_sscratch),
            CSRDef(0x141, "sepc", self.r_sepc),
            CSRDef(0x142, "scause", self.r_scause),
            CSRDef(0x143, "stval", self.r_stval),
            CSRDef(0x144, "sip", self.mip_value & mideleg),
            CSRDef(0x180, "satp", self.r_satp),
            CSRDef(CSRAddr.MCYCLE, "mcycle", self.r_mcycle),
            CSRDef(CSRAddr.MINSTRET, "minstret", self.r_minstret),
            CSRDef(CSRAddr.CYCLE, "cycle", self.r_mcycle, **ro),
            CSRDef(CSRAddr.TIME, "time", self.time, **ro),
            CSRDef(CSRAddr.INSTRET, "instret", self.r_minstret, **ro),
            CSRDef(CSRAddr.MVENDORID, "mvendorid", zero, **ro),
            CSRDef(CSRAddr.MARCHID, "marchid", zero, **ro),
            CSRDef(CSRAddr.MIMPID, "mimpid", zero, **ro),
            CSRDef(CSRAddr.MHARTID, "mhartid", zero, **ro),
            CSRDef(CSRAddr.MCONFIGPTR, "mconfigptr", zero, **ro),
            # No trigger module: tselect and tdata1..3 read zero (tdata1 type 0: none).
            CSRDef(0x7A0, "tselect", zero),
            CSRDef(0x7A1, "tdata1", zero),
            CSRDef(0x7A2, "tdata2", zero),
            CSRDef(0x7A3, "tdata3", zero),
        ]
        # mhpmcounter3..31 and mhpmevent3..31 exist but count nothing (as in spike without
        # Zihpm); the user-level hpmcounters do not exist.
        for n in range(3, 32):
            defs.append(CSRDef(0xB00 + n, f"mhpmcounter{n}", zero))
            defs.append(CSRDef(0x320 + n, f"mhpmevent{n}", zero))
        return defs

    def elaborate(self, platform):
        m = Module()
        w = self.csr_w
        st = self.r_status
        priv = self.r_priv

        def written(addr):
            return w.we & (w.addr == addr)

        mip = Signal(64)
        m.d.comb += mip.eq(self.r_mip
                           | (self.irq_msip << Interrupt.MSI)
                           | (self.irq_mtip << Interrupt.MTI)
                           | (self.irq_meip << Interrupt.MEI)
                           | (self.irq_seip << Interrupt.SEI))
        m.d.comb += [
            self.mip_value.eq(mip),
            self.mstatus_value.eq(st | (2 << MSTATUS.UXL) | (2 << MSTATUS.SXL)),
            self.priv.eq(priv),
            self.status.eq(self.mstatus_value),
            self.satp.eq(self.r_satp),
        ]

        # Counter access from S and U mode: mcounteren, and scounteren for U.
        en = Mux(priv == Priv.M, 0b111,
             Mux(priv == Priv.S, self.r_mcounteren[:3],
                 self.r_mcounteren[:3] & self.r_scounteren[:3]))
        m.d.comb += self.counteren_ok.eq(en)

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
        with m.If(written(0x306)):
            m.d.sync += self.r_mcounteren.eq(w.data & 0b111)
        with m.If(written(0x106)):
            m.d.sync += self.r_scounteren.eq(w.data & 0b111)

        mstatus_mask = ((1 << MSTATUS.SIE) | (1 << MSTATUS.MIE) | (1 << MSTATUS.SPIE) |
                        (1 << MSTATUS.MPIE) | (1 << MSTATUS.SPP) | (3 << MSTATUS.MPP) |
                        (1 << MSTATUS.MPRV) | (1 << MSTATUS.SUM) | (1 << MSTATUS.MXR) |
                        (1 << MSTATUS.TVM) | (1 << MSTATUS.TW) | (1 << MSTATUS.TSR))
        sstatus_w = SSTATUS_MASK & ~(3 << MSTATUS.UXL)

        def legal_mpp(value):
            # The reserved MPP value 2 stores U, as spike does.
            new = value[MSTATUS.MPP:MSTATUS.MPP + 2]
            return Mux(new == 2, 0, new)

        with m.If(written(CSRAddr.MSTATUS)):
            data = (w.data & mstatus_mask & ~(3 << MSTATUS.MPP)) | \
                   (legal_mpp(w.data) << MSTATUS.MPP)
            m.d.sync += st.eq(data)
        with m.If(written(0x100)):
            m.d.sync += st.eq((st & ~sstatus_w) | (w.data & sstatus_w))

        with m.If(written(0x302)):
            m.d.sync += self.r_medeleg.eq(w.data & self.medeleg_mask)
        with m.If(written(0x303)):
            m.d.sync += self.r_mideleg.eq(w.data & MIDELEG_MASK)
        with m.If(written(CSRAddr.MIE)):
            m.d.sync += self.r_mie.eq(w.data & MIE_MASK)
        with m.If(written(0x104)):
            sie_mask = self.r_mideleg & MIE_MASK
            m.d.sync += self.r_mie.eq((self.r_mie & ~sie_mask) | (w.data & sie_mask))
        with m.If(written(CSRAddr.MIP)):
            m.d.sync += self.r_mip.eq(w.data & MIP_WRITABLE)
        with m.If(written(0x144)):
            sip_mask = self.r_mideleg & (1 << Interrupt.SSI)
            m.d.sync += self.r_mip.eq((self.r_mip & ~sip_mask) | (w.data & sip_mask))

        def tvec(value):
            return Cat(value[0], Const(0, 1), value[2:])

        def epc(value):
            return Cat(Const(0, 2), value[2:])

        for addr, reg, fn in [(CSRAddr.MTVEC, self.r_mtvec, tvec), (0x105, self.r_stvec, tvec),
                              (CSRAddr.MSCRATCH, self.r_mscratch, None),
                              (0x140, self.r_sscratch, None),
                              (CSRAddr.MEPC, self.r_mepc, epc), (0x141, self.r_sepc, epc),
                              (CSRAddr.MCAUSE, self.r_mcause, None),
                              (0x142, self.r_scause, None),
                              (CSRAddr.MTVAL, self.r_mtval, None),
                              (0x143, self.r_stval, None)]:
            with m.If(written(addr)):
                m.d.sync += reg.eq(fn(w.data) if fn else w.data)
        with m.If(self.satp_set):
            # An extension's address-space switch (xcall/xret), never with a CSR write.
            m.d.sync += self.r_satp.eq(self.satp_value)
        with m.If(written(0x180)):
            # Bare or Sv39; any other mode leaves satp unchanged.
            mode = w.data[60:64]
            with m.If((mode == 0) | (mode == 8)):
                m.d.sync += self.r_satp.eq(Cat(w.data[:44], w.data[44:60], mode))

        # Interrupts: M-level ones (not delegated) are taken below M, or in M with MIE;
        # delegated ones below S, or in S with SIE; M-level ones go first.
        pending = Signal(64)
        m.d.comb += pending.eq(mip & self.r_mie)
        m_en = (priv != Priv.M) | st[MSTATUS.MIE]
        s_en = (priv == Priv.U) | ((priv == Priv.S) & st[MSTATUS.SIE])
        m_pending = Signal(64)
        s_pending = Signal(64)
        m.d.comb += [
            m_pending.eq(Mux(m_en, pending & ~self.r_mideleg, 0)),
            s_pending.eq(Mux(s_en, pending & self.r_mideleg, 0)),
            self.wfi_wake.eq(pending != 0),
            self.irq_take.eq((m_pending | s_pending) != 0),
        ]
        chosen = Mux(m_pending != 0, m_pending, s_pending)
        with m.If(self.irq_take):
            for irq in reversed(_IRQ_ORDER):   # the last assignment wins: highest priority
                with m.If(chosen[irq]):
                    m.d.comb += self.irq_cause.eq((1 << 63) | irq)

        # Trap entry: delegated to S when taken below M and the cause is delegated. The
        # trap's values are registered every cycle and the CSRs take it in the next one, so
        # what decides a trap late in X (its cause, value, delegation) stops at registers.
        def to_s(cause):
            deleg = Mux(cause[63], self.r_mideleg, self.r_medeleg).bit_select(cause[:6], 1)
            return (priv != Priv.M) & deleg

        def handler(cause, to_s):
            tvec = Mux(to_s, self.r_stvec, self.r_mtvec)
            base = Cat(Const(0, 2), tvec[2:])
            return Mux(tvec[0] & cause[63], base + (cause[:6] << 2), base)

        trap_q = Signal()
        cause_q = Signal(64)
        pc_q = Signal(64)
        val_q = Signal(64)
        to_s_q = Signal()        # the registered trap goes to S
        m.d.sync += [trap_q.eq(self.trap), cause_q.eq(self.trap_cause),
                     pc_q.eq(self.trap_pc), val_q.eq(self.trap_val)]
        m.d.comb += [
            to_s_q.eq(to_s(cause_q)),
            self.trap_target.eq(handler(self.trap_cause, to_s(self.trap_cause))),
            self.trap_entry.eq(handler(cause_q, to_s_q)),
            self.xret_target.eq(Mux(self.xret_m, self.r_mepc, self.r_sepc)),
        ]

        with m.If(trap_q):
            with m.If(to_s_q):
                m.d.sync += [
                    self.r_sepc.eq(pc_q),
                    self.r_scause.eq(cause_q),
                    self.r_stval.eq(val_q),
                    st[MSTATUS.SPIE].eq(st[MSTATUS.SIE]),
                    st[MSTATUS.SIE].eq(0),
                    st[MSTATUS.SPP].eq(priv[0]),
                    priv.eq(Priv.S),
                ]
            with m.Else():
                m.d.sync += [
                    self.r_mepc.eq(pc_q),
                    self.r_mcause.eq(cause_q),
                    self.r_mtval.eq(val_q),
                    st[MSTATUS.MPIE].eq(st[MSTATUS.MIE]),
                    st[MSTATUS.MIE].eq(0),
                    st[MSTATUS.MPP:MSTATUS.MPP + 2].eq(priv),
                    priv.eq(Priv.M),
                ]
        with m.Elif(self.mret):
            mpp = st[MSTATUS.MPP:MSTATUS.MPP + 2]
            m.d.sync += [
                st[MSTATUS.MIE].eq(st[MSTATUS.MPIE]),
                st[MSTATUS.MPIE].eq(1),
                st[MSTATUS.MPP:MSTATUS.MPP + 2].eq(Priv.U),
                priv.eq(mpp),
            ]
            with m.If(mpp != Priv.M):
                m.d.sync += st[MSTATUS.MPRV].eq(0)
        with m.Elif(self.sret):
            m.d.sync += [
                st[MSTATUS.SIE].eq(st[MSTATUS.SPIE]),
                st[MSTATUS.SPIE].eq(1),
                st[MSTATUS.SPP].eq(0),
                priv.eq(st[MSTATUS.SPP]),
                st[MSTATUS.MPRV].eq(0),
            ]
        return m
