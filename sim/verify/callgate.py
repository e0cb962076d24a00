"""The call-gate extension in lockstep: the executable model runs it on spike's state.

spike does not have the extension (docs/isa/callgate.md). When the RTL retires one of its
instructions (a custom-0 word: ``xcall``, ``xret``, ``clb.fill``, ``clb.inval`` and the
reserved encodings) or a CSR instruction on one of its CSRs (0x5C0-0x5C6), spike does not
step: :class:`CallGateChecker` executes it with the model (:class:`rtl.clb.model.CallGates`)
on spike's registers, ``satp``, PC, privilege mode and physical memory (:class:`SpikeMachine`),
and returns a :class:`sim.verify.spike.Step` that the lockstep comparator checks against the
RTL's RVFI record like any other. The model keeps its own CLB, CSRs and top-of-stack
register, built from the ``clb.fill``/``clb.inval`` and CSR writes it has executed, so the
RTL's values are never copied.

A trap the model raises is delivered into spike as the same trap (:meth:`Spike.raise_exception`:
cause, ``tval``, delegated by ``medeleg``). spike's ``medeleg`` has no bits 24..26, so the
checker keeps the core's (:attr:`CallGateChecker.medeleg`), from the ``medeleg`` writes it sees,
and gives them to the reads of ``medeleg`` (so that they are compared).

What RVFI shows of these instructions, and so what is compared: ``rd`` (the badge in ``t0``
for ``xcall``), the next PC, the trap (its cause and ``tval`` when the handler reads them),
the first doubleword of an ``xcall``'s link record (the return PC at ``xlsptr``; the second,
the caller's ``satp``, is stored a cycle later, outside any retirement: it reaches spike's
memory through the model and is compared when the kernel loads it), and for a CSR
instruction the CSR written and its legalised value. ``xret``'s loads of the link record are
not in RVFI (neither side reports them).

Known limit: the model's physical accesses use spike's load-reserved/store-conditional
(the bindings' only memory access), so an ``xcall``/``xret`` between a program's ``lr`` and
``sc`` clears spike's reservation, not the core's.
"""

from contextlib import contextmanager

from rtl.clb.model import (CSR, CSR_MSTATUS, CSR_SATP, MEDELEG_BITS, CallGates, Op, Trap,
                           trap_target)
from rtl.soc.memmap import RAM_BASE

from .spike import M, Step


__all__ = ["CallGateChecker", "SpikeMachine", "Unrepresentable", "CSR_MEDELEG"]


CSR_MEDELEG = 0x302
MASK64 = (1 << 64) - 1
MSTATUS_MPRV = 1 << 17
_NAMES = {Op.XCALL: "xcall", Op.XRET: "xret", Op.CLB_FILL: "clb.fill",
          Op.CLB_INVAL: "clb.inval"}


class Unrepresentable(Exception):
    """The model produced a state that spike cannot hold (a ``satp`` spike legalises)."""


class SpikeMachine:
    """spike's state as a :class:`rtl.clb.model.Machine`.

    Physical accesses go through spike's MMU with translation off for the occasion: below
    M-mode ``satp`` is set to Bare around the access (spike flushes its TLB on each change of
    ``satp``), in M-mode ``mstatus.MPRV`` is cleared.
    """

    def __init__(self, spike):
        self.spike = spike
        self.ram_size = spike.ram_size

    @property
    def pc(self):
        return self.spike.pc

    @pc.setter
    def pc(self, value):
        self.spike.pc = value

    @property
    def priv(self):
        return self.spike.mode

    def x(self, n):
        return self.spike.x(n)

    def set_x(self, n, value):
        self.spike.set_x(n, value)

    def csr(self, n):
        return self.spike.csr(n)

    def set_satp(self, value):
        self.spike.set_csr(CSR_SATP, value)
        held = self.spike.csr(CSR_SATP)
        if held != value:
            raise Unrepresentable(f"the model switches satp to {value:#x}, which spike "
                                  f"legalises to {held:#x} (MODE {value >> 60} is neither "
                                  f"Bare nor Sv39)")

    def is_ram(self, paddr):
        return RAM_BASE <= paddr < RAM_BASE + self.ram_size

    @contextmanager
    def _physical(self):
        sp = self.spike
        if sp.mode == M:
            mstatus = sp.csr(CSR_MSTATUS)
            if mstatus & MSTATUS_MPRV:
                sp.set_csr(CSR_MSTATUS, mstatus & ~MSTATUS_MPRV)
            try:
                yield
            finally:
                if mstatus & MSTATUS_MPRV:
                    sp.set_csr(CSR_MSTATUS, mstatus)
            return
        satp = sp.csr(CSR_SATP)
        if satp >> 60:
            sp.set_csr(CSR_SATP, 0)
        try:
            yield
        finally:
            if satp >> 60:
                sp.set_csr(CSR_SATP, satp)

    def load64(self, paddr):
        mmu = self.spike.proc.mmu
        with self._physical():
            value = mmu.load_reserved_64(paddr) & MASK64    # (read as signed)
            mmu.store_conditional_64(paddr, value)     # (drops the reservation again)
        return value

    def store64(self, paddr, value):
        mmu = self.spike.proc.mmu
        with self._physical():
            mmu.load_reserved_64(paddr)
            if not mmu.store_conditional_64(paddr, value):
                raise RuntimeError(f"spike refused the model's store to {paddr:#x}")


class CallGateChecker:
    """Executes the extension's instructions on spike with the model; see the module
    documentation.

    Parameters
    ----------
    spike : sim.verify.spike.Spike
    model : rtl.clb.model.CallGates, optional
        The model (default: a new one with the core's 8-entry CLB).
    """

    def __init__(self, spike, model=None):
        self.spike = spike
        self.model = model if model is not None else CallGates()
        self.machine = SpikeMachine(spike)
        #: Bits 24..26 of the core's ``medeleg`` (spike's has none).
        self.medeleg = 0

    def handles(self, insn):
        return self.model.handles(insn)

    def step(self, insn):
        """Execute ``insn`` (:meth:`handles` is true) on spike with the model; returns a
        :class:`Step`. Raises :class:`Unrepresentable` when spike cannot follow."""
        sp = self.spike
        pc, mode = sp.pc, sp.mode
        op = self.model.decode(insn)
        name = _NAMES[op] if op is not None else (
            f"{CSR(insn >> 20).name.lower()}" if insn & 0x7f == 0x73 else "custom-0")
        out = self.model.execute(insn, self.machine)
        if isinstance(out, Trap):
            medeleg = sp.csr(CSR_MEDELEG) & ~MEDELEG_BITS | self.medeleg
            s = sp.raise_exception(int(out.cause), out.tval, medeleg=medeleg)
            if sp.mode != trap_target(out.cause, mode, medeleg):
                raise Unrepresentable(f"spike did not take the model's trap (cause "
                                      f"{int(out.cause)}) into the mode medeleg says")
            s.note = f"{name}: trap by the call-gate model"
        else:
            sp.count_retired()
            s = Step(pc=pc, mode=mode, next_pc=out.next_pc, rd=out.rd, rd_value=out.rd_value,
                     writes=[(a, v, 8) for a, v in out.writes[:1]], csr_write=out.csr_write,
                     note=f"{name}: call-gate model")
        s.model = True
        s.insn = insn
        return s

    # medeleg: bits 24..26 are the core's only.

    def medeleg_source(self, insn):
        """Before a CSR instruction on ``medeleg`` steps: its source operand."""
        rs1 = insn >> 15 & 31
        return rs1 if insn >> 12 & 4 else self.spike.x(rs1)

    def medeleg_access(self, insn, src, step):
        """After a CSR instruction on ``medeleg`` retired on spike: keep the new bits 24..26
        (``src`` from :meth:`medeleg_source`) and give the read the old ones."""
        old = self.medeleg
        op, rs1 = insn >> 12 & 3, insn >> 15 & 31
        if op == 1 or rs1:
            new = {1: src, 2: old | src, 3: old & ~src}[op]
            self.medeleg = new & MEDELEG_BITS
        if step.rd:
            step.rd_value = step.rd_value & ~MEDELEG_BITS | old
            self.spike.set_x(step.rd, step.rd_value)
