"""The call-gate unit: executes ``xcall``, ``xret``, ``clb.fill`` and ``clb.inval`` in the
core's execute stage, and owns the CLB and the link-stack and gate CSRs.

The core hands the unit the instruction in X (``go`` when it may act: no older trap, no
interrupt); the unit answers with a stall, an exception, data-port requests, a register
write (the badge), a new ``satp`` and a redirect. See docs/isa/callgate.md.
"""

from amaranth.hdl import Array, Cat, Const, Module, Mux, Signal
from amaranth.lib import data, wiring
from amaranth.lib.wiring import In, Out

from ..core.csr import CSRDef, CSRWriteSignature
from ..core.decoder import Fu, Row
from ..core.isa import Priv
from .clb import CLB, Gate, INDEX_BITS


__all__ = ["CallGateUnit", "CALLGATE_ROWS", "CAUSE_CLB_MISS", "CAUSE_LINK_OVERFLOW",
           "CAUSE_LINK_EMPTY", "CSR_XLSBASE", "CSR_XLSLIMIT", "CSR_XLSPTR", "CSR_XGSATP",
           "CSR_XGPC", "CSR_XGBADGE", "EXT_CALLGATE", "BADGE_REG"]


EXT_CALLGATE = 1          # Control.ext of this unit's rows
BADGE_REG = 5             # t0 receives the badge

CAUSE_CLB_MISS = 24
CAUSE_LINK_OVERFLOW = 25
CAUSE_LINK_EMPTY = 26

CSR_XLSBASE = 0x5C0
CSR_XLSLIMIT = 0x5C1
CSR_XLSPTR = 0x5C2
CSR_XGSATP = 0x5C4
CSR_XGPC = 0x5C5
CSR_XGBADGE = 0x5C6

_OPC = 0b0001011
_XCALL, _XRET, _FILL, _INVAL = 0, 1, 2, 3

CALLGATE_ROWS = [
    # rd, funct3 and rs2 must be zero; rs1 is the gate index.
    Row("xcall", 0xfff07fff, _OPC, dict(fu=Fu.EXT, ext=EXT_CALLGATE, rs1_re=1)),
    Row("xret", 0xffffffff, _OPC | _XRET << 25, dict(fu=Fu.EXT, ext=EXT_CALLGATE)),
    Row("clb.fill", 0xfe007fff, _OPC | _FILL << 25,
        dict(fu=Fu.EXT, ext=EXT_CALLGATE, rs1_re=1, rs2_re=1)),
    Row("clb.inval", 0xfe007fff, _OPC | _INVAL << 25,
        dict(fu=Fu.EXT, ext=EXT_CALLGATE, rs1_re=1, rs2_re=1)),
]


class XCallPrediction(data.Struct):
    """An entry of the gate predictor: where the ``xcall`` at ``pc`` last went."""
    valid:  1
    pc:     62      # the xcall's address, bits 2 and up
    asid:   16
    target: 64
    satp:   64


class CallGateUnit(wiring.Component):
    """Executes the call-gate instructions.

    Parameters
    ----------
    clb_entries : int
        Entries of the CLB (a positive power of two).
    in_ram : callable
        ``in_ram(addr)`` returns a Value: whether physical ``addr`` is RAM (the link stack
        must be).

    Members
    -------
    active : In(1)
        X holds one of this unit's instructions (with no fetch fault and legal encoding).
    go : In(1)
        ... and it may act: no trap is being taken in this cycle.
    insn, pc, rs1_val, rs2_val : In
    rs1_zero, rs2_zero : In(1)
        The source register numbers are x0.
    priv : In(2)
    satp : In(64)
    tvm : In(1)
        ``mstatus.TVM``.
    csr_w : In(CSRWriteSignature())
    bus_rdata : In(64)
    illegal : Out(1)
        Not allowed in the current mode.
    exc : Out(1), exc_cause : Out(6), exc_val : Out(64)
        An exception, decided in the instruction's first cycle.
    stall : Out(1)
        More cycles are needed.
    bus_valid, bus_we : Out(1), bus_addr : Out(64), bus_wdata : Out(64)
        Data-port request (a whole doubleword).
    redirect : Out(1)
        Continue at ``target`` (fetched under ``target_satp``): ``xcall`` in its first
        cycle, while its second stores the link record; ``xret`` when it commits.
    target, target_satp : Out(64)
    satp_we : Out(1), satp_wdata : Out(64)
        In the committing cycle: the new ``satp``.
    rd_we : Out(1), rd_addr : Out(5), rd_wdata : Out(64)
    predicted : In(1)
        D already fetched this ``xret``'s target (from ``top_pc`` under ``top_satp``), or
        this ``xcall``'s predicted target (``pred_target`` under ``pred_satp``).
    needs_bus : Out(1)
        The instruction uses the data port (``xcall``; ``xret`` without the top record).
    draining : Out(1)
        The unit uses the data port this cycle for the previous ``xcall``'s second store.
    top_valid, top_pc, top_satp : Out
        The cached top link record (read by D to predict ``xret``).
    d_pc : In(64), d_asid : In(16)
        The address of the instruction in D and the address space it was fetched in (the
        core gives the address fetched last cycle, which is D's in its first cycle, when
        D predicts, and which the fetch uses for an ``xcall`` its branch target buffer
        knows).
    d_index : In(64), d_next : In(1)
        The rs1 value of the instruction in D, and whether X takes D's instruction (or a
        bubble) at the end of this cycle. The CLB is looked up in D (an ``xcall``'s gate
        index) and its hit vector moves to X with the instruction, where it selects the
        gate, so the lookup is off X's operand forwarding; the core holds an ``xcall`` in D
        while X holds an instruction that could change the CLB or the address space.
    pred_hit : Out(1), pred_target : Out(64), pred_satp : Out(64)
        The gate predictor's answer for ``(d_pc, d_asid)``: the ``xcall`` there last went to
        ``pred_target`` under ``pred_satp``. The core fetches there; X checks it against the
        CLB.
    """

    def __init__(self, *, clb_entries=8, pred_entries=4, in_ram):
        if not isinstance(pred_entries, int) or pred_entries < 1 or \
                pred_entries & (pred_entries - 1):
            raise ValueError(f"Gate predictor entries must be a positive power of two, "
                             f"not {pred_entries!r}")
        self.clb = CLB(clb_entries)
        self.pred_entries = pred_entries
        self.in_ram = in_ram
        super().__init__({
            "active":          In(1),
            "go":              In(1),
            "insn":            In(32),
            "pc":              In(64),
            "rs1_val":         In(64),
            "rs2_val":         In(64),
            "rs1_zero":        In(1),
            "rs2_zero":        In(1),
            "priv":            In(2),
            "satp":            In(64),
            "tvm":             In(1),
            "csr_w":           In(CSRWriteSignature()),
            "bus_rdata":       In(64),
            "illegal":         Out(1),
            "exc":             Out(1),
            "exc_cause":       Out(6),
            "exc_val":         Out(64),
            "stall":           Out(1),
            "bus_valid":       Out(1),
            "bus_we":          Out(1),
            "bus_addr":        Out(64),
            "bus_wdata":       Out(64),
            "redirect":        Out(1),
            "predicted":       In(1),
            "needs_bus":       Out(1),
            "draining":        Out(1),
            "top_valid":       Out(1),
            "top_pc":          Out(64),
            "top_satp":        Out(64),
            "target":          Out(64),
            "target_satp":     Out(64),
            "satp_we":         Out(1),
            "satp_wdata":      Out(64),
            "rd_we":           Out(1),
            "rd_addr":         Out(5),
            "rd_wdata":        Out(64),
            "d_pc":            In(64),
            "d_asid":          In(16),
            "d_index":         In(64),
            "d_next":          In(1),
            "pred_hit":        Out(1),
            "pred_target":     Out(64),
            "pred_satp":       Out(64),
        })
        self.r_base = Signal(64, name="xlsbase")
        self.r_limit = Signal(64, name="xlslimit")
        self.r_ptr = Signal(64, name="xlsptr")
        self.r_gsatp = Signal(64, name="xgsatp")
        self.r_gpc = Signal(64, name="xgpc")
        self.r_gbadge = Signal(64, name="xgbadge")

    deleg_causes = (CAUSE_CLB_MISS, CAUSE_LINK_OVERFLOW, CAUSE_LINK_EMPTY)
    rows = CALLGATE_ROWS

    def csr_defs(self):
        return [
            CSRDef(CSR_XLSBASE, "xlsbase", self.r_base),
            CSRDef(CSR_XLSLIMIT, "xlslimit", self.r_limit),
            CSRDef(CSR_XLSPTR, "xlsptr", self.r_ptr),
            CSRDef(CSR_XGSATP, "xgsatp", self.r_gsatp),
            CSRDef(CSR_XGPC, "xgpc", self.r_gpc),
            CSRDef(CSR_XGBADGE, "xgbadge", self.r_gbadge),
        ]

    def elaborate(self, platform):
        m = Module()
        m.submodules.clb = clb = self.clb
        op = self.insn[25:32]
        is_xcall = self.active & (op == _XCALL)
        is_xret = self.active & (op == _XRET)
        is_fill = self.active & (op == _FILL)
        is_inval = self.active & (op == _INVAL)
        asid = self.satp[44:60]

        # CSR writes; a link-stack CSR write drops the cached top record.
        w = self.csr_w
        for addr, reg, low_zero in [(CSR_XLSBASE, self.r_base, 4), (CSR_XLSLIMIT, self.r_limit, 4),
                                    (CSR_XLSPTR, self.r_ptr, 4), (CSR_XGSATP, self.r_gsatp, 0),
                                    (CSR_XGPC, self.r_gpc, 2), (CSR_XGBADGE, self.r_gbadge, 0)]:
            # xgsatp is WARL like satp: a MODE other than Bare or Sv39 is not written.
            legal = (w.data[60:64] == 0) | (w.data[60:64] == 8) if addr == CSR_XGSATP else 1
            with m.If(w.we & (w.addr == addr) & legal):
                value = Cat(Const(0, low_zero), w.data[low_zero:]) if low_zero else w.data
                m.d.sync += reg.eq(value)
                if addr in (CSR_XLSBASE, CSR_XLSLIMIT, CSR_XLSPTR):
                    m.d.sync += self.top_valid.eq(0)

        # Legality: xcall/xret from U and S only (M does not translate); the CLB is
        # managed from S and M, not from U, nor from S while TVM is set.
        manage = is_fill | is_inval
        m.d.comb += self.illegal.eq(
            (manage & ((self.priv == Priv.U) | ((self.priv == Priv.S) & self.tvm))) |
            ((is_xcall | is_xret) & (self.priv == Priv.M)))

        phase = Signal(2)
        ptr = self.r_ptr
        m.d.comb += [clb.asid.eq(asid), clb.index.eq(self.d_index)]
        # The lookup's hit vector is registered; the gate is chosen from it in X (the entry
        # multiplexer off D's path from the register file and forwarding).
        x_hits = Signal(clb.entries_count)
        with m.If(self.d_next):
            m.d.sync += x_hits.eq(clb.hits)
        x_hit = x_hits.any()
        x_gate = Signal(Gate)
        m.d.comb += [clb.sel.eq(x_hits), x_gate.eq(clb.sel_gate)]

        # Exceptions, decided in the first cycle.
        ok = self.active & ~self.illegal
        with m.If(ok & (phase == 0)):
            with m.If(is_xcall):
                with m.If(~x_hit):
                    m.d.comb += [self.exc.eq(1), self.exc_cause.eq(CAUSE_CLB_MISS),
                                 self.exc_val.eq(self.rs1_val)]
                with m.Elif(ptr + 16 > self.r_limit):
                    m.d.comb += [self.exc.eq(1), self.exc_cause.eq(CAUSE_LINK_OVERFLOW),
                                 self.exc_val.eq(ptr)]
                with m.Elif(~self.in_ram(ptr)):
                    m.d.comb += [self.exc.eq(1), self.exc_cause.eq(7), self.exc_val.eq(ptr)]
            with m.Elif(is_xret):
                with m.If(ptr <= self.r_base):
                    m.d.comb += [self.exc.eq(1), self.exc_cause.eq(CAUSE_LINK_EMPTY),
                                 self.exc_val.eq(ptr)]
                with m.Elif(~self.top_valid & ~self.in_ram(ptr - 16)):
                    m.d.comb += [self.exc.eq(1), self.exc_cause.eq(5),
                                 self.exc_val.eq(ptr - 16)]

        # The gate predictor: a direct-mapped table, indexed by the xcall's address, of the
        # target each xcall last went to. D fetches the predicted target (under its satp)
        # in the xcall's decode cycle; X compares the prediction, read again at the
        # xcall's address, with the CLB's gate and redirects when they differ. It holds
        # no rights: a wrong or stale entry only costs the redirect an unpredicted xcall
        # costs anyway.
        n = self.pred_entries
        ib = (n - 1).bit_length()
        pred = [Signal(XCallPrediction, name=f"pred{i}") for i in range(n)]

        def pred_lookup(pc, asid):
            e = Signal(XCallPrediction)
            m.d.comb += e.eq(Array(pred)[pc[2:2 + ib]] if ib else pred[0])
            return e, e.valid & (e.pc == pc[2:]) & (e.asid == asid)

        d_pred, d_hit = pred_lookup(self.d_pc, self.d_asid)
        m.d.comb += [self.pred_hit.eq(d_hit), self.pred_target.eq(d_pred.target),
                     self.pred_satp.eq(d_pred.satp)]
        x_pred, x_pred_hit = pred_lookup(self.pc, asid)
        x_pred_ok = self.predicted & x_pred_hit & (x_pred.target == x_gate.pc) & \
            (x_pred.satp == x_gate.satp)

        go = self.go & ~self.illegal
        commit = Signal()
        # The second doubleword of an xcall's link record is stored in the cycle after the
        # xcall (X's accesses wait for it), so the xcall itself takes one cycle.
        drain = self.draining
        drain_addr = Signal(64)
        drain_data = Signal(64)
        m.d.sync += drain.eq(0)
        m.d.comb += self.needs_bus.eq(is_xcall | (is_xret & ~self.top_valid))
        with m.If(drain):
            m.d.comb += [self.bus_valid.eq(1), self.bus_we.eq(1), self.bus_addr.eq(drain_addr),
                         self.bus_wdata.eq(drain_data)]
        with m.If(go & is_xcall):
            m.d.comb += [self.bus_valid.eq(1), self.bus_we.eq(1),
                         self.bus_addr.eq(ptr), self.bus_wdata.eq(self.pc + 4),
                         commit.eq(1), self.redirect.eq(~x_pred_ok),
                         self.target.eq(x_gate.pc), self.target_satp.eq(x_gate.satp),
                         self.rd_we.eq(1), self.rd_addr.eq(5), self.rd_wdata.eq(x_gate.badge)]
            new = Signal(XCallPrediction)
            m.d.comb += [new.valid.eq(1), new.pc.eq(self.pc[2:]), new.asid.eq(asid),
                         new.target.eq(x_gate.pc), new.satp.eq(x_gate.satp)]
            with m.Switch(self.pc[2:2 + ib] if ib else 0):
                for i in range(n):
                    with m.Case(i):
                        m.d.sync += pred[i].eq(new)
            m.d.sync += [ptr.eq(ptr + 16), self.top_valid.eq(1),
                         self.top_pc.eq(self.pc + 4), self.top_satp.eq(self.satp),
                         drain.eq(1), drain_addr.eq(ptr + 8), drain_data.eq(self.satp)]
        with m.Elif(go & is_xret):
            with m.If(self.top_valid):
                # Predicted in D (it fetched the target already) unless X held something
                # that could change the top record then.
                m.d.comb += [commit.eq(1), self.target.eq(self.top_pc),
                             self.target_satp.eq(self.top_satp),
                             self.redirect.eq(~self.predicted)]
                m.d.sync += [ptr.eq(ptr - 16), self.top_valid.eq(0)]
            with m.Elif(phase == 0):
                m.d.comb += [self.bus_valid.eq(1), self.bus_addr.eq(ptr - 16),
                             self.stall.eq(1)]
                m.d.sync += phase.eq(1)
            with m.Elif(phase == 1):
                m.d.comb += [self.bus_valid.eq(1), self.bus_addr.eq(ptr - 8),
                             self.stall.eq(1)]
                m.d.sync += [phase.eq(2), self.top_pc.eq(self.bus_rdata)]
            with m.Else():
                m.d.comb += [commit.eq(1), self.target.eq(self.top_pc),
                             self.target_satp.eq(self.bus_rdata), self.redirect.eq(1)]
                m.d.sync += [phase.eq(0), ptr.eq(ptr - 16)]
        m.d.comb += [
            self.satp_we.eq(commit),
            self.satp_wdata.eq(self.target_satp),
        ]

        # CLB management commits in one cycle.
        m.d.comb += [
            clb.fill.eq(go & is_fill),
            clb.fill_asid.eq(self.rs2_val[:16]),
            clb.fill_index.eq(self.rs1_val[:INDEX_BITS]),
            clb.fill_gate.satp.eq(self.r_gsatp),
            clb.fill_gate.pc.eq(self.r_gpc),
            clb.fill_gate.badge.eq(self.r_gbadge),
            clb.inval.eq(go & is_inval),
            clb.inval_index_valid.eq(~self.rs1_zero),
            clb.inval_index.eq(self.rs1_val),
            clb.inval_asid_valid.eq(~self.rs2_zero),
            clb.inval_asid.eq(self.rs2_val[:16]),
        ]
        return m
