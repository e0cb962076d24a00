"""The mkrv core: an in-order RV64IMA + Zicsr + Zifencei + Zicntr pipeline.

Stages
------
F/D  The fetch address is chosen from registers only (the target of last cycle's redirect
     from X, else from D; the last fetch again while D holds a stalled instruction; else
     the branch target buffer's answer for the last fetch, or the last fetch + 4),
     translated by the ITLB and sent to the instruction port; the word arrives one cycle
     later in D, which decodes it, reads the register file (bypassing the value W writes),
     computes the data address of a load, store or AMO, looks up an ``xcall``'s gate in the
     CLB, and predicts: ``jal``; branches by their history counters (else backward taken);
     returns by the return-address stack; ``xret`` by the top of the link stack; ``xcall``
     by the gate predictor. When the fetch chose otherwise, D redirects it: its prediction
     is fetched in the next cycle, and the buffer learns it.
X    Execute and commit. Operands are forwarded from M and W. Every exception is known here
     and every side effect (store, CSR write, trap, ``mret``) happens here, so traps are
     precise: older instructions have committed, younger ones are killed. Loads, stores and
     AMOs drive the data port in X; divides, AMOs and device accesses hold X for more cycles.
     A mispredicted branch or jump kills D at once and its target is fetched in the next
     cycle; a trap or a call-gate redirect kills D and X in the next cycle (so the DTLB's
     and the CLB's answers stop at registers), and its target is fetched in the one after.
M    Load data arrives (one-cycle bus) and is aligned; the multiplier's second stage.
W    Register write and the RVFI retirement port.

Costs (docs/core.md): a dependent instruction right after a load or a multiply waits one
cycle; a jump predicted taken costs one the first time (D's redirect; the buffer knows it
after that); a redirect from X (a mispredicted branch or return, another ``jalr``, a CSR write,
``fence.i``) costs two, a trap three (the CSRs take it a cycle later, from registers), an
unpredicted ``xcall`` three; ``div``/``rem`` take 66 cycles.
"""

from amaranth.hdl import Array, Cat, Const, Module, Mux, Signal
from amaranth.lib import data, wiring
from amaranth.lib.memory import Memory
from amaranth.lib.wiring import In, Out

from ..bus import BusSignature
from ..soc import memmap
from .alu import ALU, BranchCompare
from .btb import BranchTargetBuffer, Kind as BtbKind
from .csr import MSTATUS, PrivilegedCSRs
from .decoder import AluOp, Control, Decoder, Fu, Imm, OpA, OpB, SysOp
from .isa import Cause, Priv
from .lsu import LoadAlign, StoreAlign, misaligned
from .mmu import TLB, Access, PageTableWalker, canonical, permission_fault
from .muldiv import Divider, Multiplier
from .rv64 import RV64IMA_ROWS
from .rvfi import RVFISignature
from ..clb.unit import CALLGATE_ROWS, CallGateUnit, EXT_CALLGATE


__all__ = ["Core"]


class DX(data.Struct):
    """What D hands to X."""
    valid:       1
    pc:          64
    insn:        32
    ctrl:        Control
    illegal:     1
    fetch_pf:    1   # instruction page fault
    fetch_af:    1   # instruction access fault
    pred_taken:  1
    ras_target:  64  # the return address D predicted for a return (pred_taken)
    bht:         2   # the branch's history counter as D read it
    addr:        64  # the data address of a load, store or AMO (rs1 + imm), computed in D
    rs1_val:     64
    rs2_val:     64
    imm:         64


class Retire(data.Struct):
    """What X hands to M and M to W: the result, and what RVFI reports."""
    valid:     1
    trap:      1
    intr:      1
    load:      1   # result comes from the data port in M
    mul:       1   # result comes from the multiplier in M
    size:      2
    unsigned:  1
    offset:    3   # byte offset of a load in the doubleword
    rd:        5
    rd_we:     1
    result:    64
    pc:        64
    pc_next:   64
    insn:      32
    mode:      2
    rs1:       5
    rs2:       5
    rs1_val:   64
    rs2_val:   64
    mem_addr:  64
    mem_rmask: 8
    mem_wmask: 8
    mem_rdata: 64
    mem_wdata: 64
    csr_we:    1
    csr_addr:  12
    csr_wdata: 64


def _imm_b(i):
    return Cat(Const(0, 1), i[8:12], i[25:31], i[7], i[31].replicate(52))


def _imm_j(i):
    return Cat(Const(0, 1), i[21:31], i[20], i[12:20], i[31].replicate(44))


def _imm(insn, kind):
    """The sign-extended immediate of ``insn`` for format ``kind`` (a Value of Imm)."""
    i = insn
    sign = i[31]
    imm_i = Cat(i[20:31], sign.replicate(53))
    imm_s = Cat(i[7:12], i[25:31], sign.replicate(53))
    imm_u = Cat(Const(0, 12), i[12:31], sign.replicate(33))
    return Mux(kind == Imm.I, imm_i,
           Mux(kind == Imm.S, imm_s,
           Mux(kind == Imm.B, _imm_b(i),
           Mux(kind == Imm.U, imm_u,
           Mux(kind == Imm.J, _imm_j(i), 0)))))


class Core(wiring.Component):
    """The mkrv RV64IMA core (machine mode).

    Parameters
    ----------
    reset_pc : int
        Address of the first instruction.
    ram_size : int
        Size of the RAM at 0x8000_0000: the physical memory attributes (what may be fetched,
        loaded, stored, or used by an AMO) come from :mod:`rtl.soc.memmap`.
    rows : list of Row
        The decode table; extensions append their rows.

    Members
    -------
    ibus : Out(BusSignature(32))
        Instruction fetch (reads only).
    dbus : Out(BusSignature(32))
        Loads, stores and AMOs.
    time : In(64)
        ``mtime`` of the CLINT.
    irq_msip, irq_mtip, irq_meip, irq_seip : In(1)
        Interrupt lines (``irq_seip`` is for supervisor mode, not used yet).
    rvfi : Out(RVFISignature())
        The retirement port.
    """

    def __init__(self, *, reset_pc=memmap.RAM_BASE, ram_size=memmap.DEFAULT_RAM_SIZE,
                 rows=None, itlb_entries=8, dtlb_entries=8, with_callgates=True,
                 clb_entries=8, ras_entries=4, bht_entries=64, btb_entries=16):
        if not isinstance(reset_pc, int) or reset_pc % 4 or not 0 <= reset_pc < 2**64:
            raise ValueError(f"Reset PC must be a 4-byte aligned 64-bit address, "
                             f"not {reset_pc!r}")
        self.reset_pc = reset_pc
        self.regions = memmap.regions(ram_size)
        self.rows = list(RV64IMA_ROWS if rows is None else rows)
        self.with_callgates = with_callgates
        self.clb_entries = clb_entries
        if with_callgates:
            self.rows += CallGateUnit.rows
        for name, value in (("ITLB", itlb_entries), ("DTLB", dtlb_entries)):
            if not isinstance(value, int) or value < 1 or value & (value - 1):
                raise ValueError(f"{name} entries must be a positive power of two, "
                                 f"not {value!r}")
        if not isinstance(ras_entries, int) or ras_entries < 2 or ras_entries & (ras_entries - 1):
            raise ValueError(f"RAS entries must be a power of two of at least 2, "
                             f"not {ras_entries!r}")
        self.ras_entries = ras_entries
        if not isinstance(bht_entries, int) or bht_entries < 2 or bht_entries & (bht_entries - 1):
            raise ValueError(f"BHT entries must be a power of two of at least 2, "
                             f"not {bht_entries!r}")
        self.bht_entries = bht_entries
        self.btb_entries = btb_entries
        BranchTargetBuffer.check_entries(btb_entries)
        self.itlb_entries = itlb_entries
        self.dtlb_entries = dtlb_entries
        super().__init__({
            "ibus":     Out(BusSignature(memmap.PADDR_BITS)),
            "dbus":     Out(BusSignature(memmap.PADDR_BITS)),
            "time":     In(64),
            "irq_msip": In(1),
            "irq_mtip": In(1),
            "irq_meip": In(1),
            "irq_seip": In(1),
            "rvfi":     Out(RVFISignature()),
        })

    def _pma(self, addr, kind):
        """Whether physical ``addr`` lies in a region of ``kind`` (or any kind if None).

        Every region is aligned to its power-of-two size (rtl/soc/memmap.py), so a region
        is an equality on the address's upper bits (no comparators).
        """
        hits = [Const(0, 1)]
        for region in self.regions:
            if kind is None or region.kind == kind:
                shift = region.size.bit_length() - 1
                if region.size != 1 << shift or region.base & (region.size - 1):
                    raise ValueError(f"memory region {region.name!r} at {region.base:#x} of "
                                     f"{region.size:#x} bytes is not a power of two aligned "
                                     f"to its size, which the core's checks expect")
                hits.append(addr[shift:] == region.base >> shift)
        return Cat(*hits).any()

    def elaborate(self, platform):
        m = Module()

        m.submodules.decoder = decoder = Decoder(self.rows)
        m.submodules.alu = alu = ALU()
        m.submodules.bcmp = bcmp = BranchCompare()
        m.submodules.mul = mul = Multiplier()
        m.submodules.div = div = Divider()
        ext_deleg = CallGateUnit.deleg_causes if self.with_callgates else ()
        m.submodules.csrs = csrs = PrivilegedCSRs(extra_deleg=ext_deleg)
        m.submodules.itlb = itlb = TLB(self.itlb_entries)
        m.submodules.btb = btb = BranchTargetBuffer(self.btb_entries)
        # The DTLB also answers the physical memory attributes of the translated address.
        m.submodules.dtlb = dtlb = TLB(
            self.dtlb_entries, attr_width=2,
            attrs=lambda pa: Cat(self._pma(pa, memmap.Kind.RAM), self._pma(pa, None)))
        m.submodules.ptw = ptw = PageTableWalker()
        m.submodules.st_align = st_align = StoreAlign()
        m.submodules.ld_align = ld_align = LoadAlign()
        m.submodules.regfile = regfile = Memory(shape=64, depth=32, init=[])
        rp1 = regfile.read_port(domain="comb")
        rp2 = regfile.read_port(domain="comb")
        wp = regfile.write_port()

        csr_defs = csrs.csr_defs()
        csr_w = wiring.flipped(csrs.csr_w)
        if self.with_callgates:
            ram = next(r for r in self.regions if r.kind == memmap.Kind.RAM)
            cg = CallGateUnit(clb_entries=self.clb_entries,
                              in_ram=lambda a: (a >= ram.base) & (a < ram.base + ram.size))
            m.submodules.callgate = cg
            csr_defs += cg.csr_defs()
            m.d.comb += [cg.csr_w.we.eq(csr_w.we), cg.csr_w.addr.eq(csr_w.addr),
                         cg.csr_w.data.eq(csr_w.data)]
        else:
            cg = None

        f_pc_q = Signal(64, init=(self.reset_pc - 4) % 2**64)   # fetched last cycle
        f_satp_q = Signal(64)                                   # ... translated with it
        d_pc = Signal(64)        # f_pc_q, or while D holds its instruction, kept from it
        d_valid = Signal()
        d_imiss = Signal()       # the fetch of d_pc missed in the ITLB
        d_ipf = Signal()         # ... raised an instruction page fault
        d_iaf = Signal()         # ... raised an instruction access fault
        d_walk_pf = Signal()     # a walk for d_pc ended in a page fault
        d_walk_af = Signal()     # ... in an access fault

        # Translation state.
        priv = csrs.priv
        status = csrs.status
        satp = csrs.satp
        sv39 = satp[60:64] == 8
        asid = satp[44:60]
        mprv = status[MSTATUS.MPRV] & (priv == Priv.M)
        dpriv = Mux(mprv, status[MSTATUS.MPP:MSTATUS.MPP + 2], priv)
        # The fetch after an xcall/xret is translated with the satp it switches to.
        fetch_satp = Signal(64)
        translate_i = (fetch_satp[60:64] == 8) & (priv != Priv.M)
        translate_d = sv39 & (dpriv != Priv.M)
        m.d.comb += [itlb.asid.eq(fetch_satp[44:60]), dtlb.asid.eq(asid), ptw.asid.eq(asid),
                     ptw.root.eq(satp[:44])]
        x = Signal(DX)
        x_first = Signal(init=1)
        # A trap or a call-gate redirect kills what is younger in the next cycle (kill_q):
        # the instruction that entered X then is not X's (xv), and D is killed. So what
        # decides them late in X (the data address's translation, the CLB lookup) stops at
        # registers instead of reaching D and the fetch.
        kill_q = Signal()
        xv = Signal()
        m.d.comb += xv.eq(x.valid & ~kill_q)
        mr = Signal(Retire)   # in M
        wr = Signal(Retire)   # in W
        next_intr = Signal()  # the next instruction retired is the first of an interrupt
        order = Signal(64)

        # ---------------------------------------------------------------- D: decode
        fetch_word = Signal(64)
        d_insn = Signal(32)
        d_held = Signal()        # D kept its instruction last cycle

        def d_reads(value, fresh, name):
            # What D reads: ``fresh`` (the fetch's, from the RAM or F's registers), or while
            # D holds its instruction, what it read last cycle, kept in a register loaded
            # every cycle: D's stall decision enables only d_held.
            kept = Signal.like(value, name=f"{name}_kept")
            m.d.comb += value.eq(Mux(d_held, kept, fresh))
            m.d.sync += kept.eq(value)

        m.d.comb += [fetch_word.eq(self.ibus.rdata), decoder.insn.eq(d_insn)]
        d_reads(d_insn, Mux(d_pc[2], fetch_word[32:], fetch_word[:32]), "d_insn")
        d_ctrl = decoder.ctrl
        d_rs1 = d_insn[15:20]
        d_rs2 = d_insn[20:25]
        d_imm = Signal(64)
        m.d.comb += d_imm.eq(_imm(d_insn, d_ctrl.imm))

        # Register file read with the value W writes in this cycle bypassed.
        w_writes = Signal()
        m.d.comb += w_writes.eq(wr.valid & wr.rd_we & ~wr.trap & (wr.rd != 0))
        m.d.comb += [rp1.addr.eq(d_rs1), rp2.addr.eq(d_rs2)]
        d_rs1_val = Mux(w_writes & (wr.rd == d_rs1), wr.result, rp1.data)
        d_rs2_val = Mux(w_writes & (wr.rd == d_rs2), wr.result, rp2.data)

        # ---------------------------------------------------------------- X: execute
        x_rs1 = Signal(5)
        x_rs2 = Signal(5)
        x_rd = Signal(5)
        m.d.comb += [
            x_rs1.eq(Mux(x.ctrl.rs1_re, x.insn[15:20], 0)),
            x_rs2.eq(Mux(x.ctrl.rs2_re, x.insn[20:25], 0)),
            x_rd.eq(Mux(x.ctrl.rd_we, x.insn[7:12], 0) |
                    (Mux(cg.rd_we, cg.rd_addr, 0) if cg is not None else 0)),
        ]

        def forward(idx, value):
            from_m = mr.valid & mr.rd_we & ~mr.trap & (mr.rd == idx) & (idx != 0)
            from_w = wr.valid & wr.rd_we & ~wr.trap & (wr.rd == idx) & (idx != 0)
            return Mux(from_m, mr.result, Mux(from_w, wr.result, value))

        a = Signal(64)
        b = Signal(64)
        m.d.comb += [a.eq(forward(x_rs1, x.rs1_val)), b.eq(forward(x_rs2, x.rs2_val))]

        fu = x.ctrl.fu
        funct3 = x.insn[12:15]
        m.d.comb += [
            alu.op.eq(x.ctrl.alu_op),
            alu.word.eq(x.ctrl.word),
            alu.a.eq(Mux(x.ctrl.op_a == OpA.RS1, a, Mux(x.ctrl.op_a == OpA.PC, x.pc, 0))),
            alu.b.eq(Mux(x.ctrl.op_b == OpB.IMM, x.imm, b)),
            bcmp.funct3.eq(funct3),
            bcmp.a.eq(a),
            bcmp.b.eq(b),
        ]

        link = Signal(64)
        m.d.comb += link.eq(x.pc + 4)
        br_target = Signal(64)
        m.d.comb += br_target.eq(x.pc + x.imm)
        jalr_target = Signal(64)
        m.d.comb += jalr_target.eq(Cat(Const(0, 1), (a + x.imm)[1:]))

        is_branch = fu == Fu.BRANCH
        is_jal = fu == Fu.JAL
        is_jalr = fu == Fu.JALR
        taken = Signal()
        m.d.comb += taken.eq(is_jal | is_jalr | (is_branch & bcmp.taken))
        jump_target = Mux(is_jalr, jalr_target, br_target)

        # Memory accesses.
        is_load = fu == Fu.LOAD
        is_store = fu == Fu.STORE
        is_amo = fu == Fu.AMO
        amo_f5 = x.insn[27:32]
        is_lr = is_amo & (amo_f5 == 0b00010)
        is_sc = is_amo & (amo_f5 == 0b00011)
        is_rmw = is_amo & ~is_lr & ~is_sc
        addr = x.addr
        size = funct3[:2]
        mem_any = is_load | is_store | is_amo
        mem_write_kind = is_store | is_sc | is_rmw
        mis = misaligned(addr, size)

        # CSR instructions.
        csr_addr = x.insn[20:32]
        csr_op = funct3[:2]
        csr_imm = funct3[2]
        csr_src = Mux(csr_imm, x.insn[15:20], a)
        csr_writes = (csr_op == 1) | (x.insn[15:20] != 0)
        csr_rdata = Signal(64)
        csr_known = Signal()
        csr_writable = Signal()
        with m.Switch(csr_addr):
            for d in csr_defs:
                with m.Case(d.addr):
                    m.d.comb += [csr_rdata.eq(d.read), csr_known.eq(1),
                                 csr_writable.eq(int(d.writable))]
        csr_priv_ok = csrs.priv >= csr_addr[8:10]
        # cycle, time and instret below M need their mcounteren (and, in U, scounteren)
        # bit; satp in S needs TVM clear.
        counter_bad = (csr_addr[2:12] == (0xC00 >> 2)) & (csr_addr[:2] != 3) & \
            ~csrs.counteren_ok.bit_select(csr_addr[:2], 1)
        satp_bad = (csr_addr == 0x180) & (csrs.priv == Priv.S) & \
            csrs.status[MSTATUS.TVM]
        csr_illegal = ~csr_known | ~csr_priv_ok | (csr_writes & ~csr_writable) | \
            counter_bad | satp_bad
        csr_new = Signal(64)
        with m.Switch(csr_op):
            with m.Case(1):
                m.d.comb += csr_new.eq(csr_src)
            with m.Case(2):
                m.d.comb += csr_new.eq(csr_rdata | csr_src)
            with m.Case(3):
                m.d.comb += csr_new.eq(csr_rdata & ~csr_src)

        is_csr = fu == Fu.CSR
        is_sys = fu == Fu.SYSTEM
        sysop = x.ctrl.sys

        # Privileged instructions and CSRs allowed in the current mode.
        tvm = status[MSTATUS.TVM] & (priv == Priv.S)
        sys_illegal = Signal()
        with m.Switch(sysop):
            with m.Case(SysOp.MRET):
                m.d.comb += sys_illegal.eq(priv != Priv.M)
            with m.Case(SysOp.SRET):
                m.d.comb += sys_illegal.eq((priv == Priv.U) |
                                           ((priv == Priv.S) & status[MSTATUS.TSR]))
            with m.Case(SysOp.WFI):
                m.d.comb += sys_illegal.eq((priv == Priv.U) |
                                           ((priv == Priv.S) & status[MSTATUS.TW]))
            with m.Case(SysOp.SFENCE):
                m.d.comb += sys_illegal.eq((priv == Priv.U) | tvm)

        # Data address translation: misaligned accesses fault before translation.
        xlat_pf = Signal()       # page fault latched from a walk for this instruction
        xlat_af = Signal()       # access fault latched from a walk for this instruction
        mem_kind = Mux(mem_write_kind, Access.STORE, Access.LOAD)
        m.d.comb += dtlb.vaddr.eq(addr)
        dmiss = Signal()
        d_pf = Signal()
        paddr = Signal(64)
        with m.If(translate_d):
            m.d.comb += paddr.eq(dtlb.paddr)
            with m.If(~canonical(addr) | xlat_pf):
                m.d.comb += d_pf.eq(1)
            with m.Elif(dtlb.hit):
                m.d.comb += d_pf.eq(permission_fault(dtlb.entry, mem_kind, dpriv,
                                                     status[MSTATUS.SUM], status[MSTATUS.MXR]))
            with m.Elif(~xlat_af):
                m.d.comb += dmiss.eq(1)
        with m.Else():
            m.d.comb += paddr.eq(addr)

        in_ram = Mux(translate_d, dtlb.attr[0], self._pma(addr, memmap.Kind.RAM))
        in_any = Mux(translate_d, dtlb.attr[1], self._pma(addr, None))
        access_ok = Signal()
        m.d.comb += access_ok.eq(Mux(is_amo, in_ram, in_any))
        # A load or store to a device takes two cycles in X: the SoC registers the request
        # (so X's late decisions stop there) and the device acts in the second.
        is_io = Signal()
        io_phase = Signal()
        m.d.comb += is_io.eq((is_load | is_store) & ~in_ram)

        # The call-gate unit (an extension's unit in X).
        is_cg = Signal()
        cg_illegal = Signal()
        cg_exc = Signal()
        if cg is not None:
            m.d.comb += [
                is_cg.eq((fu == Fu.EXT) & (x.ctrl.ext == EXT_CALLGATE)),
                cg.active.eq(xv & is_cg & ~x.fetch_pf & ~x.fetch_af & ~x.illegal),
                cg.insn.eq(x.insn),
                cg.pc.eq(x.pc),
                cg.rs1_val.eq(a),
                cg.rs2_val.eq(b),
                cg.rs1_zero.eq(x_rs1 == 0),
                cg.rs2_zero.eq(x_rs2 == 0),
                cg.priv.eq(priv),
                cg.satp.eq(satp),
                cg.tvm.eq(status[MSTATUS.TVM]),
                cg.bus_rdata.eq(self.dbus.rdata),
                cg_illegal.eq(cg.illegal),
                cg_exc.eq(cg.exc),
            ]

        # A memory access's own exceptions (after the fetch's and the decoder's): misaligned,
        # then a page fault, then an access fault; mem_exc is any of them.
        mem_mis = Signal()
        mem_pf = Signal()
        mem_af = Signal()
        mem_exc = Signal()
        m.d.comb += [
            mem_mis.eq(mem_any & mis),
            mem_pf.eq(mem_any & d_pf),
            mem_af.eq(mem_any & ~dmiss & (xlat_af | ~access_ok)),
            mem_exc.eq(mem_mis | mem_pf | mem_af),
        ]

        # Exceptions, in the specification's priority order.
        exc = Signal()
        exc_cause = Signal(6)
        any_illegal = x.illegal | (is_csr & csr_illegal) | (is_sys & sys_illegal) | cg_illegal
        with m.If(x.fetch_pf):
            m.d.comb += [exc.eq(1), exc_cause.eq(Cause.FETCH_PAGE_FAULT)]
        with m.Elif(x.fetch_af):
            m.d.comb += [exc.eq(1), exc_cause.eq(Cause.FETCH_ACCESS)]
        with m.Elif(any_illegal):
            m.d.comb += [exc.eq(1), exc_cause.eq(Cause.ILLEGAL_INSN)]
        with m.Elif(is_sys & (sysop == SysOp.ECALL)):
            m.d.comb += [exc.eq(1), exc_cause.eq(Cause.ECALL_U + csrs.priv)]
        with m.Elif(is_sys & (sysop == SysOp.EBREAK)):
            m.d.comb += [exc.eq(1), exc_cause.eq(Cause.BREAKPOINT)]
        with m.Elif(taken & jump_target[1]):
            m.d.comb += [exc.eq(1), exc_cause.eq(Cause.FETCH_MISALIGNED)]
        if cg is not None:
            with m.Elif(cg_exc):
                m.d.comb += [exc.eq(1), exc_cause.eq(cg.exc_cause)]
        with m.Elif(mem_mis):
            m.d.comb += [exc.eq(1), exc_cause.eq(Mux(mem_write_kind, Cause.STORE_MISALIGNED,
                                                     Cause.LOAD_MISALIGNED))]
        with m.Elif(mem_pf):
            m.d.comb += [exc.eq(1), exc_cause.eq(Mux(mem_write_kind, Cause.STORE_PAGE_FAULT,
                                                     Cause.LOAD_PAGE_FAULT))]
        with m.Elif(mem_af):
            m.d.comb += [exc.eq(1), exc_cause.eq(Mux(mem_write_kind, Cause.STORE_ACCESS,
                                                     Cause.LOAD_ACCESS))]
        # The trap value, by the kind of instruction and its early exceptions only (an
        # instruction's late causes all have the same value), so the translation is not
        # on its path; ecall's is zero.
        exc_val = Signal(64)
        with m.If(x.fetch_pf | x.fetch_af):
            m.d.comb += exc_val.eq(x.pc)
        with m.Elif(any_illegal):
            # tval is the faulting instruction: a word whose low bits are not 11 is a
            # 16-bit parcel, and only those 16 bits are the instruction.
            m.d.comb += exc_val.eq(Mux(x.insn[:2] == 0b11, x.insn, x.insn[:16]))
        with m.Elif(is_sys):
            m.d.comb += exc_val.eq(Mux(sysop == SysOp.EBREAK, x.pc, 0))
        with m.Elif(is_jal | is_jalr | is_branch):
            m.d.comb += exc_val.eq(jump_target)
        if cg is not None:
            with m.Elif(is_cg):
                m.d.comb += exc_val.eq(cg.exc_val)
        with m.Else():
            m.d.comb += exc_val.eq(addr)

        irq = Signal()
        m.d.comb += irq.eq(xv & x_first & csrs.irq_take)
        # What is known of a trap before the data address's translation and the call-gate
        # unit's checks: an interrupt or an exception of the fetch or the decoder.
        early_exc = x.fetch_pf | x.fetch_af | x.illegal
        early_trap = Signal()
        m.d.comb += early_trap.eq(irq | early_exc)
        # An access that may go to the data port: no early trap and none of its own
        # exceptions (the chain's other causes are those of other instructions).
        mem_go = Signal()
        m.d.comb += mem_go.eq(xv & mem_any & ~early_trap & ~mem_exc)

        # Multi-cycle operations hold X.
        amo_phase = Signal(range(3))
        reservation = Signal(memmap.PADDR_BITS)
        reservation_valid = Signal()
        x_stall = Signal()
        m.d.comb += [
            div.start.eq(xv & (fu == Fu.DIV) & ~early_trap),
            div.funct3.eq(funct3),
            div.word.eq(x.ctrl.word),
            div.a.eq(a),
            div.b.eq(b),
        ]
        # X waits for a walk of its data address. Of X's exceptions, a memory access that
        # misses in the DTLB can only have those known before translation (its page and
        # access faults need a hit), so the walk does not wait for the exception chain.
        walk_x = Signal()
        m.d.comb += walk_x.eq(xv & ~early_trap & mem_any & ~mis & dmiss)
        # The walker owns the data port while it walks for a fetch: X's accesses wait.
        walk_for_d = Signal()
        bus_wait = Signal()
        cg_needs_bus = Signal()
        cg_draining = Signal()
        if cg is not None:
            m.d.comb += [cg_needs_bus.eq(cg.needs_bus), cg_draining.eq(cg.draining)]
        m.d.comb += bus_wait.eq(xv & ~early_trap & (mem_any | (is_cg & cg_needs_bus)) &
                                ((ptw.busy & walk_for_d) | cg_draining))
        if cg is not None:
            # (A call-gate instruction's exceptions are the early ones and its own.)
            m.d.comb += cg.go.eq(xv & is_cg & ~early_trap & ~cg_exc & ~bus_wait)
        # X holds for these whatever the instruction's exceptions: one that traps after
        # a hold (a data access the bus or the device phase held) traps when it ends;
        # until then the exception keeps it off the data port.
        with m.If(xv & ~early_trap):
            with m.If(walk_x | bus_wait):
                m.d.comb += x_stall.eq(1)
            with m.Elif(is_cg):
                m.d.comb += x_stall.eq(cg.stall if cg is not None else 0)
            with m.Elif(fu == Fu.DIV):
                m.d.comb += x_stall.eq(~div.done)
            with m.Elif(is_rmw):
                m.d.comb += x_stall.eq(amo_phase != 2)
            with m.Elif(is_io):
                m.d.comb += x_stall.eq(~io_phase)
            with m.Elif(is_sys & (sysop == SysOp.WFI)):
                m.d.comb += x_stall.eq(~csrs.wfi_wake & ~sys_illegal)
        # An AMO reads in phase 0, registers the data in phase 1 (so the data port's output
        # does not reach the arithmetic and the write in the same cycle), and computes and
        # writes in phase 2.
        with m.If(~(xv & ~early_trap & is_rmw) | (amo_phase == 2)):
            m.d.sync += amo_phase.eq(0)
        with m.Elif((amo_phase != 0) | (~walk_x & ~bus_wait)):
            m.d.sync += amo_phase.eq(amo_phase + 1)

        trap = Signal()
        m.d.comb += trap.eq(xv & (irq | exc) & ~x_stall)
        commit = Signal()
        m.d.comb += commit.eq(xv & ~irq & ~exc & ~x_stall)
        # The same for a CSR instruction and for sfence.vma, from the only exceptions they
        # can have (no memory access, jump or call gate; they never stall): their side
        # effects (every CSR, the TLBs) do not wait for the data address's translation.
        # Likewise mret and sret (sys_commit), and the branch history's update (a branch
        # whose target is misaligned updates it too: a prediction only).
        csr_commit = Signal()
        sfence_commit = Signal()
        sys_commit = Signal()
        is_sfence = is_sys & (sysop == SysOp.SFENCE)
        m.d.comb += [
            csr_commit.eq(xv & is_csr & ~early_trap & ~csr_illegal),
            sfence_commit.eq(xv & is_sfence & ~early_trap & ~sys_illegal),
            sys_commit.eq(xv & is_sys & ~early_trap & ~sys_illegal),
        ]
        with m.If(commit | trap | ~xv):
            m.d.sync += io_phase.eq(0)
        with m.Elif(is_io & ~walk_x & ~bus_wait):
            m.d.sync += io_phase.eq(1)

        # AMO arithmetic on the value read in phase 0 (arriving in phase 1, registered) and
        # the source operand registered in phase 1 too: in phase 2 the operand forwarding
        # is not on the path through the arithmetic into the write data.
        amo_rdata = Signal(64)   # the doubleword read
        amo_src = Signal(64)     # rs2
        with m.If(amo_phase == 1):
            m.d.sync += [amo_rdata.eq(self.dbus.rdata), amo_src.eq(b)]
        amo_old = Signal(64)
        m.d.comb += amo_old.eq(Mux(size == 2,
                                   Mux(addr[2], amo_rdata[32:], amo_rdata[:32]).as_signed(),
                                   amo_rdata))
        amo_new = Signal(64)
        old_s = Mux(size == 2, amo_old[:32].as_signed(), amo_old.as_signed())
        src_s = Mux(size == 2, amo_src[:32].as_signed(), amo_src.as_signed())
        old_u = Mux(size == 2, amo_old[:32], amo_old)
        src_u = Mux(size == 2, amo_src[:32], amo_src)
        with m.Switch(amo_f5):
            with m.Case(0b00000):
                m.d.comb += amo_new.eq(amo_old + amo_src)
            with m.Case(0b00001):
                m.d.comb += amo_new.eq(amo_src)
            with m.Case(0b00100):
                m.d.comb += amo_new.eq(amo_old ^ amo_src)
            with m.Case(0b01000):
                m.d.comb += amo_new.eq(amo_old | amo_src)
            with m.Case(0b01100):
                m.d.comb += amo_new.eq(amo_old & amo_src)
            with m.Case(0b10000):
                m.d.comb += amo_new.eq(Mux(old_s < src_s, amo_old, amo_src))
            with m.Case(0b10100):
                m.d.comb += amo_new.eq(Mux(old_s < src_s, amo_src, amo_old))
            with m.Case(0b11000):
                m.d.comb += amo_new.eq(Mux(old_u < src_u, amo_old, amo_src))
            with m.Case(0b11100):
                m.d.comb += amo_new.eq(Mux(old_u < src_u, amo_src, amo_old))

        sc_ok = reservation_valid & (reservation == paddr[:memmap.PADDR_BITS])

        # Data port.
        store_value = Mux(is_rmw, amo_new, b)
        m.d.comb += [
            st_align.addr.eq(addr[:3]),
            st_align.size.eq(size),
            st_align.data.eq(store_value),
        ]
        bus_read = Signal()
        bus_write = Signal()
        with m.If(mem_go & ~walk_x & ~bus_wait & ~io_phase):
            with m.If(is_rmw):
                m.d.comb += [bus_read.eq(amo_phase == 0), bus_write.eq(amo_phase == 2)]
            with m.Elif(is_load | is_lr):
                m.d.comb += bus_read.eq(1)
            with m.Elif(is_store):
                m.d.comb += bus_write.eq(1)
            with m.Elif(is_sc):
                m.d.comb += bus_write.eq(sc_ok)
        cg_bus = Signal()
        cg_own_bus = Signal()    # ... for the instruction in X (not a previous xcall's drain)
        if cg is not None:
            m.d.comb += [cg_bus.eq(cg.bus_valid),
                         cg_own_bus.eq(is_cg & cg.bus_valid & ~cg_draining)]
        with m.If(ptw.mem_valid):
            m.d.comb += [
                self.dbus.valid.eq(1),
                self.dbus.addr.eq(Cat(Const(0, 3), ptw.mem_addr[3:memmap.PADDR_BITS])),
                self.dbus.sel.eq(0xff),
            ]
        with m.Elif(cg_bus):
            m.d.comb += [
                self.dbus.valid.eq(1),
                self.dbus.addr.eq(Cat(Const(0, 3), cg.bus_addr[3:memmap.PADDR_BITS])),
                self.dbus.we.eq(cg.bus_we),
                self.dbus.sel.eq(0xff),
                self.dbus.wdata.eq(cg.bus_wdata),
            ]
        with m.Else():
            m.d.comb += [
                self.dbus.valid.eq(bus_read | bus_write),
                self.dbus.addr.eq(Cat(Const(0, 3), paddr[3:memmap.PADDR_BITS])),
                self.dbus.we.eq(bus_write),
                self.dbus.sel.eq(st_align.sel),
                self.dbus.wdata.eq(st_align.wdata),
            ]
        with m.If(commit & is_amo):
            with m.If(is_lr):
                m.d.sync += [reservation.eq(paddr[:memmap.PADDR_BITS]),
                             reservation_valid.eq(1)]
            with m.Elif(is_sc):
                m.d.sync += reservation_valid.eq(0)

        # Multiplier, first stage.
        m.d.comb += [
            mul.x_valid.eq(xv & (fu == Fu.MUL)),
            mul.x_en.eq(~x_stall),
            mul.x_funct3.eq(funct3),
            mul.x_word.eq(x.ctrl.word),
            mul.x_a.eq(a),
            mul.x_b.eq(b),
        ]

        # Result of the instructions that finish in X.
        x_result = Signal(64)
        with m.Switch(fu):
            with m.Case(Fu.ALU):
                m.d.comb += x_result.eq(alu.result)
            with m.Case(Fu.JAL, Fu.JALR):
                m.d.comb += x_result.eq(link)
            with m.Case(Fu.DIV):
                m.d.comb += x_result.eq(div.result)
            with m.Case(Fu.CSR):
                m.d.comb += x_result.eq(csr_rdata)
            with m.Case(Fu.AMO):
                m.d.comb += x_result.eq(Mux(is_sc, ~sc_ok, amo_old))
            with m.Case(Fu.EXT):
                if cg is not None:
                    m.d.comb += x_result.eq(cg.rd_wdata)

        # CSR writes, counters and traps.
        m.d.comb += [
            csr_w.we.eq(csr_commit & csr_writes),
            csr_w.addr.eq(csr_addr),
            csr_w.data.eq(csr_new),
            csrs.retire.eq(commit),
            csrs.trap.eq(trap),
            csrs.trap_cause.eq(Mux(irq, csrs.irq_cause, exc_cause)),
            csrs.trap_pc.eq(x.pc),
            csrs.trap_val.eq(Mux(irq, 0, exc_val)),
            csrs.mret.eq(sys_commit & (sysop == SysOp.MRET)),
            csrs.sret.eq(sys_commit & (sysop == SysOp.SRET)),
            csrs.xret_m.eq(sysop == SysOp.MRET),
            csrs.irq_msip.eq(self.irq_msip),
            csrs.irq_mtip.eq(self.irq_mtip),
            csrs.irq_meip.eq(self.irq_meip),
            csrs.irq_seip.eq(self.irq_seip),
            csrs.time.eq(self.time),
        ]
        cg_switch = Signal()     # an xcall/xret commits: new satp
        cg_redirect = Signal()   # ... continues at its target (xcall: in its first cycle)
        if cg is not None:
            m.d.comb += [
                cg_switch.eq(cg.satp_we),   # (only with cg.go: no trap, no stall)
                cg_redirect.eq(xv & is_cg & cg.redirect),
                csrs.satp_set.eq(cg_switch),
                csrs.satp_value.eq(cg.satp_wdata),
            ]
        # D predicts an xret whose return is in the top-of-stack register, unless X holds
        # something that could change that register (a call-gate instruction, a CSR write).
        # Likewise an xcall that the gate predictor knows, fetched in the current satp.
        d_xret_pred = Signal()
        d_xcall_pred = Signal()
        d_is_xcall = Signal()
        x_changes_gates = Signal()
        if cg is not None:
            rows = {row.name: row for row in CALLGATE_ROWS}
            m.d.comb += [
                x_changes_gates.eq(x.valid & (is_cg | (is_csr & csr_writes))),
                d_is_xcall.eq(rows["xcall"].matches(d_insn)),
                d_xret_pred.eq(d_valid & rows["xret"].matches(d_insn) & cg.top_valid &
                               ~x_changes_gates),
                cg.d_pc.eq(f_pc_q),   # d_pc in D's first cycle, when it matters
                cg.d_asid.eq(asid),
                d_xcall_pred.eq(d_valid & d_is_xcall & cg.pred_hit & ~x_changes_gates),
                cg.predicted.eq(x.pred_taken),
            ]

        # sfence.vma: invalidate by address (rs1 != x0) and by address space (rs2 != x0).
        for tlb in (itlb, dtlb):
            m.d.comb += [
                tlb.flush.eq(sfence_commit),
                tlb.flush_va_valid.eq(x_rs1 != 0),
                tlb.flush_va.eq(a),
                tlb.flush_asid_valid.eq(x_rs2 != 0),
                tlb.flush_asid.eq(b[:16]),
            ]

        # Redirects from X. A mispredicted branch or jalr, an mret or sret, a CSR write,
        # fence.i and sfence.vma kill D at once (whether or not the instruction traps: a
        # trap redirects again); a trap or a call-gate redirect kills D and X in the next
        # cycle (kill_q). The target is fetched in the cycle after the kill (from a
        # register, which keeps X's late decisions off the fetch address), under the mode,
        # satp and TLBs the redirecting instruction left.
        is_xret = is_sys & ((sysop == SysOp.MRET) | (sysop == SysOp.SRET))
        trap_q = Signal()        # the CSRs take last cycle's trap now
        cg_target_q = Signal(64)
        m.d.sync += [trap_q.eq(trap), kill_q.eq(trap | cg_redirect),
                     cg_target_q.eq(cg.target if cg is not None else 0)]
        x_redirect = Signal()
        with m.If(kill_q):
            m.d.comb += x_redirect.eq(1)
        with m.Elif(xv):
            with m.If(is_xret |
                      (is_jalr & ~(x.pred_taken & (jalr_target == x.ras_target))) |
                      (is_branch & (taken != x.pred_taken)) |
                      (is_csr & csr_writes) | x.ctrl.fencei | is_sfence):
                m.d.comb += x_redirect.eq(1)
        # Where a redirect goes, by the instruction alone (not by whether it redirects, which
        # depends on its exceptions); after a trap, the handler the CSRs give from registers.
        x_target = Signal(64)
        with m.If(trap_q):
            m.d.comb += x_target.eq(csrs.trap_entry)
        with m.Elif(kill_q):
            m.d.comb += x_target.eq(cg_target_q)
        with m.Elif(is_xret):
            m.d.comb += x_target.eq(csrs.xret_target)
        with m.Else():
            m.d.comb += x_target.eq(Mux(taken, jump_target, link))
        redirect_q = Signal()
        target_q = Signal(64)
        m.d.sync += [redirect_q.eq(x_redirect), target_q.eq(x_target)]

        pc_next = Signal(64)
        with m.If(trap):
            m.d.comb += pc_next.eq(csrs.trap_target)
        with m.Elif(is_xret):
            m.d.comb += pc_next.eq(csrs.xret_target)
        with m.Elif(cg_switch):
            m.d.comb += pc_next.eq(cg.target if cg is not None else 0)
        with m.Elif(taken):
            m.d.comb += pc_next.eq(jump_target)
        with m.Else():
            m.d.comb += pc_next.eq(link)

        # ---------------------------------------------------------------- hazards, D -> X
        # D's stall decision is on the path from the instruction RAM's output to the
        # enables of X's registers, so it does not wait for the decoder: which registers
        # an instruction reads and whether it accesses memory are taken from its opcode
        # (the opcodes of the rows that do: every row fixes the opcode bits). That can only
        # say "reads" or "accesses" of more words than the decoder (a CSR immediate, an
        # illegal word), which then wait a cycle they did not need to.
        d_opcode = d_insn[:7]
        def opcode_of(rows_that):
            opcodes = sorted({row.match & 0x7f for row in self.rows if rows_that(row.controls)})
            return Cat(*(d_opcode == opcode for opcode in opcodes)).any()
        late = x.valid & (is_load | is_lr | (fu == Fu.MUL)) & (x_rd != 0)
        d_uses_rs1 = opcode_of(lambda c: c.get("rs1_re")) & (d_rs1 == x_rd)
        d_uses_rs2 = opcode_of(lambda c: c.get("rs2_re")) & (d_rs2 == x_rd)
        # D computes the data address of a load, store or AMO; from X it can take only the
        # sum of a 64-bit add (add, addi, lui, auipc: the ALU's adder, not its result
        # select), so a base register that the instruction in X produces otherwise (another
        # ALU operation, a link, CSR, divide, AMO or badge value) waits a cycle.
        # The same for an xcall's gate index, which D looks up in the CLB; and an xcall
        # waits while X holds what could change the CLB or the address space.
        d_mem = opcode_of(lambda c: c.get("fu") in (Fu.LOAD, Fu.STORE, Fu.AMO))
        x_add_rd = Signal()
        m.d.comb += x_add_rd.eq(x.valid & (fu == Fu.ALU) & x.ctrl.rd_we &
                                (x.ctrl.alu_op == AluOp.ADD) & ~x.ctrl.word)
        agu_wait = (d_mem | d_is_xcall) & d_uses_rs1 & x.valid & (x_rd != 0) & ~x_add_rd
        gate_wait = d_is_xcall & x_changes_gates
        load_use = Signal()
        m.d.comb += load_use.eq(d_valid & ((late & (d_uses_rs1 | d_uses_rs2)) | agu_wait |
                                           gate_wait))
        # D waits while the walker translates its fetch address.
        d_wait_walk = Signal()
        m.d.comb += d_wait_walk.eq(d_valid & d_imiss & ~d_walk_pf & ~d_walk_af)
        d_stall = Signal()
        m.d.comb += d_stall.eq(x_stall | load_use | d_wait_walk)
        d_advance = Signal()
        m.d.comb += d_advance.eq(d_valid & ~d_stall & ~x_redirect)
        # D keeps its instruction this cycle (from the next on, from d_insn_kept).
        d_keep = Signal()
        m.d.comb += d_keep.eq(d_valid & d_stall & ~x_redirect & ~d_wait_walk)

        # Prediction in D: jal is taken; a branch goes the way its history counter says
        # when that is strong (two outcomes the same way in a row), else backwards is
        # taken; a known return, xret or xcall goes to its predicted target. Decided in D's
        # first cycle and kept while D waits (what X later checks must be what F fetched).
        bht = Memory(shape=2, depth=self.bht_entries, init=[1] * self.bht_entries)
        m.submodules.bht = bht
        bht_rp = bht.read_port(domain="comb")
        bht_wp = bht.write_port()
        bht_bits = (self.bht_entries - 1).bit_length()
        m.d.comb += bht_rp.addr.eq(d_pc[2:2 + bht_bits])
        d_hist = bht_rp.data
        d_strong = (d_hist == 0) | (d_hist == 3)
        # The fetch address depends on what D predicts, so the prediction is made from a
        # predecode of the instruction (the decoder's own rows of jal, jalr and the
        # branches, matched directly), not from the decoder, whose every-row match,
        # legality and immediate-format mux would be on the fetch path.
        def predecode(fu):
            return Cat(*(row.matches(d_insn) for row in self.rows
                         if row.controls.get("fu") == fu)).any()
        d_is_jal = predecode(Fu.JAL)
        d_is_jalr = predecode(Fu.JALR)
        d_is_branch = predecode(Fu.BRANCH)
        d_pred = Signal()        # a legal jal, or a legal branch predicted taken
        m.d.comb += d_pred.eq(d_is_jal | (d_is_branch & Mux(d_strong, d_hist[1], d_insn[31])))
        # X updates the counter of each branch it commits.
        m.d.comb += [
            bht_wp.addr.eq(x.pc[2:2 + bht_bits]),
            bht_wp.en.eq(xv & is_branch & ~early_trap),
            bht_wp.data.eq(Mux(taken, Mux(x.bht == 3, 3, x.bht + 1),
                                      Mux(x.bht == 0, 0, x.bht - 1))),
        ]
        # The target of a jal (J immediate) or a branch (B immediate); opcode bit 3 tells
        # them apart.
        d_off = Signal(64)
        m.d.comb += d_off.eq(Mux(d_insn[3], _imm_j(d_insn), _imm_b(d_insn)))
        d_target = Signal(64)
        m.d.comb += d_target.eq(d_pc + d_off)

        # D's first cycle with an instruction (not while it holds it or waits for a walk
        # of its fetch; X's redirect drops it): D predicts, checks F's choice and updates
        # the return-address stack then, once per instruction, whatever D waits for later.
        d_first = Signal()
        m.d.comb += d_first.eq(d_valid & ~d_held & ~d_wait_walk & ~x_redirect)

        # Return-address stack: jal/jalr with a link register (ra or t0) as rd push their
        # return address; a jalr through a link register with offset 0 and another rd (a
        # return) is predicted to go to the top, which it pops. Updated in D's first cycle
        # (D's stall decision, which needs the decode, is not on the stack's enables), so
        # a return keeps the top it predicted for X's check; an instruction X drops later
        # leaves its push or pop: a wrong entry only costs the redirect X makes when the
        # target differs.
        ras_top = Signal(64)
        ras_ptr = Signal(range(self.ras_entries))
        ras = Array(Signal(64, name=f"ras{i}") for i in range(self.ras_entries))
        d_rd = d_insn[7:12]
        rd_link = (d_rd == 1) | (d_rd == 5)
        rs1_link = (d_rs1 == 1) | (d_rs1 == 5)
        d_call = (d_is_jal | d_is_jalr) & rd_link
        d_ret = d_is_jalr & rs1_link & ~rd_link & (d_insn[20:32] == 0)
        d_ret_pred = Signal()
        ras_top_idx = Signal.like(ras_ptr)
        m.d.comb += ras_top_idx.eq(ras_ptr - 1)
        m.d.comb += [ras_top.eq(ras[ras_top_idx]),
                     d_ret_pred.eq(d_valid & d_ret)]
        with m.If(d_first):
            with m.If(d_call):
                m.d.sync += [ras[ras_ptr].eq(d_pc + 4), ras_ptr.eq(ras_ptr + 1)]
            with m.Elif(d_ret):
                m.d.sync += ras_ptr.eq(ras_ptr - 1)
        d_ras_target = Signal(64)   # the top D's instruction saw in its first cycle
        d_reads(d_ras_target, ras_top, "d_ras_target")

        d_taken_now = Signal()
        m.d.comb += d_taken_now.eq(d_pred | d_xret_pred | d_xcall_pred |
                                   d_ret_pred)
        d_taken_q = Signal()
        d_taken = Mux(d_held, d_taken_q, d_taken_now)
        m.d.sync += d_taken_q.eq(d_taken)

        # The fetch address comes from registers only, so the loop from the instruction
        # RAM's output to its address passes a register: after the last fetch, F goes where
        # the branch target buffer says (a jump D predicted taken there before: to its
        # target, the return-address stack's top, the link-stack top for an xret, the gate
        # predictor's answer for an xcall), else to the next address. In the first cycle of
        # each instruction in D (not while it holds it or waits for a walk of its fetch),
        # D checks that choice against its own prediction (the last fetch is D's
        # instruction then: the gate predictor answers for both); when they differ, the
        # address it predicts is fetched in the next cycle (the word fetched meanwhile is
        # dropped: a cycle) and the buffer learns it.
        f_next = Signal(64)      # F's choice after the last fetch
        f_next_satp = Signal(64)
        m.d.comb += [f_next.eq(f_pc_q + 4), f_next_satp.eq(f_satp_q)]
        with m.If(btb.hit):
            with m.Switch(btb.kind):
                with m.Case(BtbKind.TARGET):
                    m.d.comb += f_next.eq(btb.target)
                with m.Case(BtbKind.RET):
                    m.d.comb += f_next.eq(ras_top)
                if cg is not None:
                    with m.Case(BtbKind.XRET):
                        m.d.comb += [f_next.eq(cg.top_pc), f_next_satp.eq(cg.top_satp)]
                    with m.Case(BtbKind.XCALL):
                        m.d.comb += [f_next.eq(cg.pred_target), f_next_satp.eq(cg.pred_satp)]
        d_pred_pc = Signal(64)   # D's (in its first cycle)
        d_pred_satp = Signal(64)
        d_kind = Signal(BtbKind)  # ... and its kind, when taken (what the buffer learns)
        with m.If(d_pred):
            m.d.comb += [d_pred_pc.eq(d_target), d_pred_satp.eq(f_satp_q),
                         d_kind.eq(BtbKind.TARGET)]
        with m.Elif(d_ret_pred):
            m.d.comb += [d_pred_pc.eq(ras_top), d_pred_satp.eq(f_satp_q),
                         d_kind.eq(BtbKind.RET)]
        with m.Elif(d_xret_pred):
            m.d.comb += [d_pred_pc.eq(cg.top_pc if cg is not None else 0),
                         d_pred_satp.eq(cg.top_satp if cg is not None else 0),
                         d_kind.eq(BtbKind.XRET)]
        with m.Elif(d_xcall_pred):
            m.d.comb += [d_pred_pc.eq(cg.pred_target if cg is not None else 0),
                         d_pred_satp.eq(cg.pred_satp if cg is not None else 0),
                         d_kind.eq(BtbKind.XCALL)]
        with m.Else():
            m.d.comb += [d_pred_pc.eq(d_pc + 4), d_pred_satp.eq(f_satp_q)]
        # D agrees with F's choice when both chose the same kind: the next address; a
        # return, xret or xcall (each side reads the same registers, the return-address
        # stack's top, the link-stack top or the gate predictor's answer); or a target,
        # when the instruction's offset equals the buffered target minus the last fetch
        # address (D's address in its first cycle), which is computed from registers while
        # the RAM is read: no adder or 64-bit compare after the RAM's output.
        btb_off = Signal(64)
        m.d.comb += btb_off.eq(btb.target - f_pc_q)
        d_agrees = Signal()
        m.d.comb += d_agrees.eq(Mux(btb.hit,
                                    d_taken_now & (d_kind == btb.kind) &
                                    ((d_kind != BtbKind.TARGET) | (d_off == btb_off)),
                                    ~d_taken_now))
        d_redirect = Signal()    # D fetches its prediction next
        m.d.comb += d_redirect.eq(d_first & ~d_agrees)
        d_redirect_q = Signal()
        d_target_q = Signal(64)
        d_satp_q = Signal(64)
        m.d.sync += [d_redirect_q.eq(d_redirect), d_target_q.eq(d_pred_pc),
                     d_satp_q.eq(d_pred_satp)]
        m.d.comb += [
            btb.we.eq(d_redirect),
            btb.wpc.eq(d_pc),
            btb.wvalid.eq(d_taken_now),
            btb.wkind.eq(d_kind),
            btb.wtarget.eq(d_target),
        ]

        # Fetch address and the satp it is translated with: the target of last cycle's
        # redirect from X, else of D's; the address fetched last cycle again while D holds
        # its instruction (that fetch's word was not taken) or waits for a walk of it; or
        # F's choice.
        fetch_pc = Signal(64)
        with m.If(redirect_q):
            m.d.comb += [fetch_pc.eq(target_q), fetch_satp.eq(satp)]
        with m.Elif(d_redirect_q):
            m.d.comb += [fetch_pc.eq(d_target_q), fetch_satp.eq(d_satp_q)]
        with m.Elif(d_wait_walk | d_held):
            m.d.comb += [fetch_pc.eq(f_pc_q), fetch_satp.eq(f_satp_q)]
        with m.Else():
            m.d.comb += [fetch_pc.eq(f_next), fetch_satp.eq(f_next_satp)]
        m.d.sync += [f_pc_q.eq(fetch_pc), f_satp_q.eq(fetch_satp)]
        m.d.comb += btb.lookup_pc.eq(fetch_pc)

        # Fetch translation: looked up with the fetch address; the physical address goes to
        # the RAM, the entry with the fetch to D, which checks permissions and the memory
        # map from registers.
        m.d.comb += itlb.vaddr.eq(fetch_pc)
        i_paddr = Signal(64)
        i_noncanon = Signal()
        i_miss = Signal()
        with m.If(translate_i):
            m.d.comb += i_paddr.eq(itlb.paddr)
            with m.If(~canonical(fetch_pc)):
                m.d.comb += i_noncanon.eq(1)
            with m.Elif(~itlb.hit):
                m.d.comb += i_miss.eq(1)
        with m.Else():
            m.d.comb += i_paddr.eq(fetch_pc)
        # What the fetch's translation gave is registered every cycle next to the fetch
        # address (f_pc_q), on F's side; D reads these as it does its instruction word
        # (d_reads), so D's stall decision is on none of these 200 or so bits' enables.
        fetched = data.StructLayout({"imiss": 1, "itrans": 1, "inoncanon": 1,
                                     "ientry": itlb.entry.shape(), "ipaddr": 64})
        f_fetched_q = Signal(fetched)
        d_fetched = Signal(fetched)
        m.d.sync += [
            f_fetched_q.imiss.eq(i_miss),
            f_fetched_q.itrans.eq(translate_i),
            f_fetched_q.inoncanon.eq(i_noncanon),
            f_fetched_q.ientry.eq(itlb.entry),
            f_fetched_q.ipaddr.eq(i_paddr),
        ]
        d_reads(d_pc, f_pc_q, "d_pc")
        d_reads(d_fetched, f_fetched_q, "d_fetched")
        d_itrans = d_fetched.itrans
        d_inoncanon = d_fetched.inoncanon
        d_ientry = d_fetched.ientry
        d_ipaddr = d_fetched.ipaddr
        m.d.comb += d_imiss.eq(d_fetched.imiss)
        m.d.comb += [
            d_ipf.eq(d_itrans & (d_inoncanon |
                                 (~d_imiss & permission_fault(d_ientry, Access.FETCH, priv,
                                                              status[MSTATUS.SUM],
                                                              status[MSTATUS.MXR])))),
            d_iaf.eq(~d_ipf & ~d_imiss & ~self._pma(d_ipaddr, memmap.Kind.RAM)),
        ]
        m.d.comb += [
            self.ibus.valid.eq(1),
            self.ibus.addr.eq(Cat(Const(0, 3), i_paddr[3:memmap.PADDR_BITS])),
        ]
        m.d.sync += d_held.eq(d_keep)
        with m.If(x_redirect):
            m.d.sync += d_valid.eq(0)
        with m.Elif(~d_keep):
            # After D redirects, the word arriving next is not the one after its instruction.
            m.d.sync += d_valid.eq(~d_redirect)

        # The walker serves X first; D's fetch only when X is empty (so no walk for a younger
        # instruction overlaps an older sfence.vma or data access).
        # The cycle after a fill for D, D's miss flag still shows the lookup made before the
        # fill: D refetches, and walks again only if it still misses.
        d_filled = Signal()
        m.d.sync += d_filled.eq(ptw.done & walk_for_d)
        walk_d = Signal()
        # (With X empty, only a kill from last cycle redirects.)
        m.d.comb += walk_d.eq(d_wait_walk & ~x.valid & ~kill_q & ~d_filled)
        with m.If(~ptw.busy & ~walk_x & walk_d):
            m.d.sync += walk_for_d.eq(1)
        with m.Elif(~ptw.busy & walk_x):
            m.d.sync += walk_for_d.eq(0)
        m.d.comb += [
            ptw.req.eq(walk_x | walk_d),
            ptw.vaddr.eq(Mux(walk_x, addr, d_pc)),
            ptw.mem_rdata.eq(self.dbus.rdata),
            ptw.mem_ok.eq(self._pma(ptw.mem_addr, memmap.Kind.RAM)),
            itlb.fill.eq(ptw.done & walk_for_d & ~ptw.page_fault & ~ptw.access_fault),
            itlb.fill_entry.eq(ptw.entry),
            dtlb.fill.eq(ptw.done & ~walk_for_d & ~ptw.page_fault & ~ptw.access_fault),
            dtlb.fill_entry.eq(ptw.entry),
        ]
        # A fault ends the walk without a fill: remember it for the instruction that asked.
        with m.If(ptw.done & ~walk_for_d):
            m.d.sync += [xlat_pf.eq(ptw.page_fault), xlat_af.eq(ptw.access_fault)]
        with m.Elif(~x_stall):
            m.d.sync += [xlat_pf.eq(0), xlat_af.eq(0)]
        same_page = ptw.entry.vpn == d_pc[12:39]
        with m.If(ptw.done & walk_for_d & same_page & d_valid & ~x_redirect):
            m.d.sync += [d_walk_pf.eq(ptw.page_fault), d_walk_af.eq(ptw.access_fault)]
        with m.Elif(~(d_valid & d_stall) | x_redirect):
            m.d.sync += [d_walk_pf.eq(0), d_walk_af.eq(0)]

        with m.If(~x_stall):
            # X takes D's instruction whenever X moves on, also when D does not advance: X
            # is empty then (nothing X does acts without x.valid), so D's stall decision is
            # on the valid bit only, not on the enables of the 400 or so bits with it (as
            # x.addr below).
            m.d.sync += [
                x_first.eq(1),
                x.valid.eq(d_advance),
                x.pc.eq(d_pc),
                x.insn.eq(d_insn),
                x.ctrl.eq(d_ctrl),
                x.illegal.eq(decoder.illegal),
                x.fetch_pf.eq(d_ipf | d_walk_pf),
                x.fetch_af.eq(d_iaf | d_walk_af),
                x.pred_taken.eq(d_taken),
                x.ras_target.eq(d_ras_target),
                x.bht.eq(d_hist),
                x.rs1_val.eq(d_rs1_val),
                x.rs2_val.eq(d_rs2_val),
                x.imm.eq(d_imm),
            ]
        with m.Else():
            # Hold, but keep the operands current: the producers drain out of M and W.
            m.d.sync += [x_first.eq(0), x.rs1_val.eq(a), x.rs2_val.eq(b)]

        # ---------------------------------------------------------------- X -> M
        retire_x = Signal()
        m.d.comb += retire_x.eq(commit | (trap & ~irq))
        with m.If(retire_x):
            m.d.sync += next_intr.eq(0)
        with m.Elif(trap & irq):
            m.d.sync += next_intr.eq(1)
        mem_lanes = st_align.sel
        io_store = io_phase & is_store & ~trap    # the device store made last cycle retires
        m.d.sync += [
            mr.valid.eq(retire_x),
            mr.trap.eq(trap),
            mr.intr.eq(next_intr),
            mr.load.eq(is_load | is_lr),
            mr.mul.eq(fu == Fu.MUL),
            mr.size.eq(size),
            mr.unsigned.eq(funct3[2]),
            mr.offset.eq(addr[:3]),
            mr.rd.eq(x_rd),
            mr.rd_we.eq((x.ctrl.rd_we | is_cg) & (x_rd != 0) & ~trap),
            mr.result.eq(Mux(x_rd != 0, x_result, 0)),
            mr.pc.eq(x.pc),
            mr.pc_next.eq(pc_next),
            mr.insn.eq(x.insn),
            mr.mode.eq(priv),
            mr.rs1.eq(x_rs1),
            mr.rs2.eq(x_rs2),
            mr.rs1_val.eq(Mux(x_rs1 != 0, a, 0)),
            mr.rs2_val.eq(Mux(x_rs2 != 0, b, 0)),
            mr.mem_addr.eq(Cat(Const(0, 3), Mux(cg_own_bus,
                                                cg.bus_addr if cg is not None else 0,
                                                addr)[3:])),
            mr.mem_rmask.eq(Mux(~trap & (is_load | is_lr | is_rmw), mem_lanes, 0)),
            mr.mem_wmask.eq(Mux(bus_write | io_store, mem_lanes,
                                Mux(cg_own_bus & self.dbus.we, 0xff, 0))),
            mr.mem_rdata.eq(Mux(is_rmw, amo_rdata, 0)),
            mr.mem_wdata.eq(Mux(bus_write | io_store | cg_own_bus,
                                self.dbus.wdata, 0)),
            mr.csr_we.eq(csr_w.we),
            mr.csr_addr.eq(csr_addr),
            mr.csr_wdata.eq(csr_new),
        ]

        # ---------------------------------------------------------------- M
        m.d.comb += [
            ld_align.addr.eq(mr.offset),
            ld_align.size.eq(mr.size),
            ld_align.unsigned.eq(mr.unsigned),
            ld_align.rdata.eq(self.dbus.rdata),
        ]
        m_result = Signal(64)
        with m.If(mr.load):
            m.d.comb += m_result.eq(ld_align.data)
        with m.Elif(mr.mul):
            m.d.comb += m_result.eq(mul.m_result)
        with m.Else():
            m.d.comb += m_result.eq(mr.result)
        m.d.sync += wr.eq(mr)
        # RVFI reports the value the CSR holds after the write (legalised), read in M.
        csr_after = Signal(64)
        with m.Switch(mr.csr_addr):
            for d in csr_defs:
                with m.Case(d.addr):
                    m.d.comb += csr_after.eq(d.read)
        m.d.sync += wr.csr_wdata.eq(csr_after)
        m.d.sync += wr.result.eq(Mux(mr.rd != 0, m_result, 0))
        with m.If(mr.load):
            m.d.sync += wr.mem_rdata.eq(self.dbus.rdata)

        # The data address, in D: rs1 forwarded from X (an add's sum), M or W, plus the
        # offset. X then starts its translation from a register.
        d_base = Signal(64)
        with m.If(x_add_rd & (x_rd == d_rs1) & (d_rs1 != 0)):
            m.d.comb += d_base.eq(alu.sum)
        with m.Elif(mr.valid & mr.rd_we & ~mr.trap & (mr.rd == d_rs1) & (d_rs1 != 0)):
            m.d.comb += d_base.eq(m_result)
        with m.Else():
            m.d.comb += d_base.eq(d_rs1_val)
        # Taken whenever X moves on (not only when D advances: X is empty otherwise), so
        # D's stall decision is not on these registers' enables.
        with m.If(~x_stall):
            m.d.sync += x.addr.eq(d_base + d_imm)
        if cg is not None:
            m.d.comb += [cg.d_index.eq(d_base), cg.d_next.eq(~x_stall)]

        # ---------------------------------------------------------------- W
        m.d.comb += [
            wp.addr.eq(wr.rd),
            wp.data.eq(wr.result),
            wp.en.eq(w_writes),
        ]
        with m.If(wr.valid):
            m.d.sync += order.eq(order + 1)
        rv = self.rvfi
        m.d.comb += [
            rv.valid.eq(wr.valid),
            rv.order.eq(order),
            rv.insn.eq(wr.insn),
            rv.trap.eq(wr.trap),
            rv.halt.eq(0),
            rv.intr.eq(wr.intr),
            rv.mode.eq(wr.mode),
            rv.ixl.eq(2),
            rv.rs1_addr.eq(wr.rs1),
            rv.rs2_addr.eq(wr.rs2),
            rv.rs1_rdata.eq(wr.rs1_val),
            rv.rs2_rdata.eq(wr.rs2_val),
            rv.rd_addr.eq(Mux(wr.rd_we, wr.rd, 0)),
            rv.rd_wdata.eq(Mux(wr.rd_we, wr.result, 0)),
            rv.pc_rdata.eq(wr.pc),
            rv.pc_wdata.eq(wr.pc_next),
            rv.mem_addr.eq(wr.mem_addr),
            rv.mem_rmask.eq(wr.mem_rmask),
            rv.mem_wmask.eq(wr.mem_wmask),
            rv.mem_rdata.eq(wr.mem_rdata),
            rv.mem_wdata.eq(wr.mem_wdata),
            rv.csr_we.eq(wr.csr_we),
            rv.csr_addr.eq(wr.csr_addr),
            rv.csr_wdata.eq(wr.csr_wdata),
        ]
        return m
