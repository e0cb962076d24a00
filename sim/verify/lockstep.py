"""Lockstep comparison of the RTL with spike, one retired instruction at a time.

The RTL runs first: :func:`sim.verify.rtl.record` records every RVFI retirement of the program
up to its store to ``tohost``. Then spike (:class:`sim.verify.spike.Spike`) steps through the
same program one instruction per retirement, and each step is compared with the retirement:

- the PC and the privilege mode the instruction ran in;
- whether it trapped and, if so, the handler's address (the cause and ``mtval`` are compared
  when the handler reads them: their CSR reads are compared like any other);
- the destination register and its value, the addresses of the loads, the stores (address,
  size and value) and the next PC;
- the instruction bits, from spike's commit log.

Inputs spike cannot know come from the RTL (Ibex style), never making a false mismatch:

- a register read from a CSR that depends on time (``cycle``, ``mcycle``, ``time``) or on the
  devices (``mip``, ``sip``), or loaded from a device register that does (``mtime``, the UART,
  the PLIC), gets the RTL's value in spike too;
- an interrupt: when the first instruction of a handler retires with ``intr`` set, spike takes
  an interrupt into the same mode at the same point (:meth:`Spike.take_interrupt`). Its cause
  is the one the RTL reports when the handler reads ``mcause``/``scause`` (or the vector the
  handler runs from), checked to be an interrupt that was enabled in ``mie``, delegated
  according to ``mideleg``, and, for a software interrupt, requested in ``msip``;
- ``wfi`` retires on spike as a no-op (the RTL's next retirement says whether an interrupt
  came).

Where the specification lets the two differ, the difference is accounted for explicitly:

- the identification CSRs (``marchid`` is 5 on spike) take the RTL's value;
- CSRs that spike has and the core does not (:data:`SPIKE_ONLY_CSRS`): spike follows the
  core (an illegal-instruction trap);
- WARL fields that spike implements and the core does not, or the other way round
  (:data:`WARL_IGNORE`): a CSR read compares the other bits and gives spike the RTL's value;
- after a ``sfence.vma`` for one address or one address space (spike flushes every cached
  translation, the core only the ones named), until the next full fence, a
  translated load may see the old translation (privileged spec 4.2.1): a load value that
  differs there takes the RTL's value and is counted in :attr:`LockstepResult.allowed`.

The call-gate extension (docs/isa/callgate.md), which spike does not have, is executed on
spike's state by its executable model (:mod:`sim.verify.callgate`, :mod:`rtl.clb.model`):
the custom-0 instructions and the accesses to its CSRs (:data:`CORE_ONLY_CSRS`) are compared
with what the model says, and its traps are delivered into spike.

:func:`lockstep` does it all for one program and returns a :class:`LockstepResult`.
"""

from dataclasses import dataclass, field

from rtl.soc.memmap import DEFAULT_RAM_SIZE

from ..elf import load_elf
from ..trace import lanes
from .callgate import CSR_MEDELEG, CallGateChecker, Unrepresentable
from .rtl import record
from .spike import (CSR_MCAUSE, CSR_MIDELEG, CSR_MIE, CSR_MTVEC, CSR_SCAUSE, CSR_STVEC, M,
                    Spike, Step, _Inputs, _is_csr_access)


__all__ = ["lockstep", "compare", "LockstepResult", "Mismatch", "CONTEXT", "CAUSES"]


#: How many instructions before a mismatch the report shows.
CONTEXT = 20
WFI = 0x10500073
#: CSRs whose value comes from outside the core (time, devices): reads take the RTL's value.
INPUT_CSRS = {0xC00: "cycle", 0xC01: "time", 0xB00: "mcycle", 0x344: "mip", 0x144: "sip"}
#: CSRs spike has and the core does not (the debug-trigger CSRs spike keeps without
#: triggers): an access the core finds illegal is illegal on spike too.
SPIKE_ONLY_CSRS = {0x5A8: "scontext", 0x7A4: "tinfo", 0x7A8: "mcontext"}
#: CSRs of mkrv's extensions, which spike does not have (call gates, docs/isa/callgate.md):
#: accesses are executed by the extension's model (:mod:`sim.verify.callgate`).
CORE_ONLY_CSRS = {0x5C0: "xlsbase", 0x5C1: "xlslimit", 0x5C2: "xlsptr", 0x5C4: "xgsatp",
                  0x5C5: "xgpc", 0x5C6: "xgbadge"}
#: Identification CSRs, whose values differ by implementation: reads take the RTL's value.
ID_CSRS = {0xF11: "mvendorid", 0xF12: "marchid", 0xF13: "mimpid"}
_FS_SD = 3 << 13 | 1 << 63
#: Bits of CSR reads not compared, with why: spike and the core made different WARL choices,
#: both allowed by the specification.
WARL_IGNORE = {
    0x300: (_FS_SD, "mstatus.FS/SD: writable on spike (S-mode exists), zero on the core (no F)"),
    0x100: (_FS_SD, "sstatus.FS/SD: writable on spike (S-mode exists), zero on the core (no F)"),
    0x302: (3 << 18, "medeleg: bits 18-19 (software check, hardware error) exist on spike "
                     "only"),
}
INTERRUPTS = {1: "SSI", 3: "MSI", 5: "STI", 7: "MTI", 9: "SEI", 11: "MEI"}
CAUSES = {
    0: "instruction address misaligned", 1: "instruction access fault",
    2: "illegal instruction", 3: "breakpoint", 4: "load address misaligned",
    5: "load access fault", 6: "store/AMO address misaligned", 7: "store/AMO access fault",
    8: "ecall from U-mode", 9: "ecall from S-mode", 11: "ecall from M-mode",
    12: "instruction page fault", 13: "load page fault", 15: "store/AMO page fault",
    24: "CLB miss", 25: "link-stack overflow", 26: "link stack empty",
}
MODES = {3: "M", 1: "S", 0: "U"}


def cause_name(cause):
    if cause >> 63:
        code = cause & ((1 << 63) - 1)
        return f"interrupt {code} ({INTERRUPTS.get(code, '?')})"
    return f"exception {cause} ({CAUSES.get(cause, '?')})"


@dataclass
class Mismatch:
    """The first difference: at retirement ``index``, ``what`` (one line), and details."""
    index: int
    what: str
    details: list = field(default_factory=list)


@dataclass
class LockstepResult:
    """The outcome of :func:`lockstep`.

    Members
    -------
    compared : int
        Retirements compared (all of them when there is no mismatch).
    mismatch : Mismatch or None
    rtl : sim.runner.Result
        How the program ended on the RTL (``status`` is ``"timeout"`` when it did not store
        to ``tohost`` within the cycle limit).
    records, steps : list
        The RTL's retirements and spike's steps (as far as they were compared).
    allowed : int
        Loads after a partial ``sfence.vma`` that saw another translation than spike's.
    """
    compared: int
    mismatch: object
    rtl: object
    records: list
    steps: list
    allowed: int = 0

    @property
    def ok(self):
        return self.mismatch is None and self.rtl.status != "timeout"

    def report(self):
        """The report, as a list of lines."""
        lines = []
        if self.mismatch is not None:
            mm = self.mismatch
            r = self.records[mm.index]
            lines.append(f"MISMATCH at instruction {mm.index} (RTL cycle {r.cycle}): {mm.what}")
            lines += [f"  {d}" for d in mm.details]
            first = max(0, mm.index - CONTEXT)
            lines.append(f"RTL, instructions {first}..{mm.index}:")
            for i in range(first, mm.index + 1):
                mark = ">" if i == mm.index else " "
                lines.append(f"  {mark}{i:>8} {format_record(self.records[i])}")
            lines.append(f"spike, instructions {first}..{mm.index}:")
            for i in range(first, min(mm.index + 1, len(self.steps))):
                s = self.steps[i]
                lines.append(f"  {'>' if i == mm.index else ' '}{i:>8} {format_step(s)}")
            if len(self.steps) <= mm.index:
                lines.append(f"  >{mm.index:>8} (not stepped)")
            return lines
        if self.rtl.status == "timeout":
            lines.append(f"TIMEOUT: the RTL did not store to tohost within {self.rtl.cycles} "
                         f"cycles; its {self.compared} retirements all matched spike "
                         f"(last PC {self.rtl.last_pc:#018x})")
            return lines
        lines.append(f"PASS: {self.compared} instructions compared, RTL and spike agree "
                     f"({self.rtl.cycles} RTL cycles; the program stored "
                     f"tohost = {self.rtl.tohost:#x}: {self.rtl.message})")
        if self.allowed:
            lines.append(f"  ({self.allowed} loads after a sfence.vma for another address or "
                         f"address space saw the old translation, as the specification "
                         f"allows; spike flushes every translation)")
        return lines


def format_record(r):
    """An RTL retirement as a line in the style of spike's commit log."""
    out = [f"{r.mode} 0x{r.pc_rdata:016x} (0x{r.insn:08x})"]
    if r.intr:
        out.insert(0, "[interrupt] ")
    if r.trap:
        out.append(f" trap -> 0x{r.pc_wdata:016x}")
        return "".join(out)
    if r.rd_addr:
        out.append(f" x{r.rd_addr:<2} 0x{r.rd_wdata:016x}")
    if r.mem_rmask:
        low, size = lanes(r.mem_rmask)
        out.append(f" mem 0x{r.mem_addr + low:016x}")
    if r.mem_wmask:
        low, size = lanes(r.mem_wmask)
        value = r.mem_wdata >> 8 * low & ((1 << 8 * size) - 1)
        out.append(f" mem 0x{r.mem_addr + low:016x} 0x{value:0{2 * size}x}")
    if r.csr_we:
        out.append(f" csr 0x{r.csr_addr:03x} <- 0x{r.csr_wdata:016x}")
    return "".join(out)


def format_step(s):
    """A spike step as a line in the style of spike's commit log."""
    insn = f"(0x{s.insn:08x})" if s.insn is not None else "(?)"
    out = [f"{s.mode} 0x{s.pc:016x} {insn}"]
    if s.interrupt:
        out.insert(0, "[interrupt] ")
    if s.trapped:
        out.append(f" trap -> 0x{s.next_pc:016x}: {cause_name(s.cause)}, tval 0x{s.tval:x}")
        return "".join(out)
    if s.rd:
        out.append(f" x{s.rd:<2} 0x{s.rd_value:016x}")
    for addr, size in s.reads:
        out.append(f" mem 0x{addr:016x}")
    for addr, value, size in s.writes:
        out.append(f" mem 0x{addr:016x} 0x{value:0{2 * size}x}")
    if s.csr_write:
        out.append(f" csr 0x{s.csr_write[0]:03x} <- 0x{s.csr_write[1]:016x}")
    if s.note:
        out.append(f"  ({s.note})")
    return "".join(out)


def _rtl_writes(r):
    if not r.mem_wmask:
        return []
    low, size = lanes(r.mem_wmask)
    return [(r.mem_addr + low, r.mem_wdata >> 8 * low & ((1 << 8 * size) - 1), size)]


def _rtl_reads(r):
    if not r.mem_rmask:
        return []
    low, size = lanes(r.mem_rmask)
    return [(r.mem_addr + low, size)]


def _csr_number(insn):
    """The CSR an instruction accesses, or None."""
    if insn & 0x7f == 0x73 and insn >> 12 & 3:
        return insn >> 20
    return None


@dataclass
class _Pending:
    """An interrupt spike took for the RTL whose cause is known when the handler reads it."""
    csr: int
    target: int
    mie: int
    mideleg: int


def _check_interrupt(cause, p, msip):
    """Why ``cause`` cannot be the interrupt the RTL took (None if it can)."""
    if not cause >> 63:
        return f"the handler read cause {cause:#x}, which is not an interrupt"
    code = cause & ((1 << 63) - 1)
    if code not in INTERRUPTS:
        return f"the handler read cause {cause:#x}, which is no interrupt of this hart"
    name = INTERRUPTS[code]
    if not p.mie >> code & 1:
        return f"the RTL took {name}, which was not enabled in mie ({p.mie:#x})"
    if bool(p.mideleg >> code & 1) != (p.target != M):
        return (f"the RTL took {name} into {MODES[p.target]}-mode, but mideleg is "
                f"{p.mideleg:#x}")
    if code == 3 and not msip:
        return "the RTL took MSI, but msip is 0"
    return None


def _sfence(insn):
    """For ``sfence.vma``: whether it flushes everything (rs1 = rs2 = x0); else None."""
    if insn & 0xfe007fff == 0x12000073:
        return insn >> 15 & 0x3ff == 0
    return None


def compare(records, spike, model=None):
    """Step ``spike`` through ``records`` (RTL retirements); returns
    ``(steps, mismatch, allowed)``. ``model`` is the call-gate model
    (:class:`rtl.clb.model.CallGates`, default: a new one)."""
    gates = CallGateChecker(spike, model)
    steps = []
    pending = None
    partial_fence = False   # a sfence.vma flushed less than spike's does
    allowed = 0
    executed = []   # indices of the steps that spike's commit log has a line for

    def fail(i, what, *details):
        return steps, _first_insn_mismatch(spike, records, steps, executed, i) or \
            Mismatch(i, what, list(details)), allowed

    for i, r in enumerate(records):
        interrupt_note = None
        if r.intr:
            target = r.mode
            mie, mideleg = spike.csr(CSR_MIE), spike.csr(CSR_MIDELEG)
            tvec = spike.csr(CSR_MTVEC if target == M else CSR_STVEC)
            at = Step(pc=spike.pc, mode=spike.mode)
            why = spike.take_interrupt(target)
            if why:
                at.note = why
                steps.append(at)
                return fail(i, f"interrupt: {why}")
            cause_csr = CSR_MCAUSE if target == M else CSR_SCAUSE
            pending = _Pending(cause_csr, target, mie, mideleg)
            base = tvec & ~3
            if tvec & 1:
                # Vectored: the handler's address tells the cause.
                offset = r.pc_rdata - base
                code = offset // 4
                why = None
                if offset % 4 or not 0 <= code < 64:
                    why = (f"the RTL's interrupt handler is at {r.pc_rdata:#x}, no vector of "
                           f"tvec {tvec:#x}")
                else:
                    why = _check_interrupt(1 << 63 | code, pending, _Inputs.clint.msip)
                if why:
                    steps.append(Step(pc=spike.pc, mode=spike.mode, note=why))
                    return fail(i, f"interrupt: {why}")
                spike.set_csr(cause_csr, 1 << 63 | code)
                spike.pc = r.pc_rdata
                pending = None
            else:
                spike.pc = base
            interrupt_note = "interrupt taken as the RTL did"

        if spike.pc != r.pc_rdata or spike.mode != r.mode:
            steps.append(Step(pc=spike.pc, mode=spike.mode, note="(not executed)"))
            if spike.pc != r.pc_rdata:
                return fail(i, "PC differs", f"RTL:   {r.pc_rdata:#018x}",
                            f"spike: {spike.pc:#018x}")
            return fail(i, "privilege mode differs", f"RTL:   {MODES.get(r.mode, r.mode)}",
                        f"spike: {MODES.get(spike.mode, spike.mode)}")

        insn = r.insn
        if pending is not None and _is_csr_access(insn, pending.csr):
            if r.rd_addr:
                why = _check_interrupt(r.rd_wdata, pending, _Inputs.clint.msip)
                if why:
                    steps.append(Step(pc=spike.pc, mode=spike.mode, note=why))
                    return fail(i, f"interrupt: {why}")
                spike.set_csr(pending.csr, r.rd_wdata)
            pending = None

        s = None
        csr = _csr_number(insn)
        medeleg_src = gates.medeleg_source(insn) if csr == CSR_MEDELEG else None
        if gates.handles(insn):
            try:
                s = gates.step(insn)
            except Unrepresentable as e:
                steps.append(Step(pc=spike.pc, mode=spike.mode, note=str(e)))
                return fail(i, f"call-gate model: {e}")
        elif insn == WFI and not r.trap:
            s = spike.skip_wfi()
        elif csr in SPIKE_ONLY_CSRS and r.trap:
            s = spike.raise_exception(2, insn)
            s.note = f"{SPIKE_ONLY_CSRS[csr]}: not on the core, illegal"
        if s is None:
            s = spike.step(insn)
            if not s.trapped:
                executed.append(i)
        s.interrupt = r.intr
        if interrupt_note and not s.note:
            s.note = interrupt_note
        steps.append(s)
        if s.trapped and pending is not None and \
                pending.csr == (CSR_MCAUSE if spike.mode == M else CSR_SCAUSE):
            pending = None

        if csr == CSR_MEDELEG and not s.trapped:
            gates.medeleg_access(insn, medeleg_src, s)
        if csr in (0xB02, 0xC02) and not s.trapped:
            if s.rd and spike.instret_lag:
                s.rd_value = (s.rd_value + spike.instret_lag) & (2**64 - 1)
                spike.set_x(s.rd, s.rd_value)
            if csr == 0xB02 and (insn >> 12 & 3 == 1 or insn >> 15 & 31):
                spike.instret_lag = 0      # written

        # Values from outside the core, and WARL bits: the RTL's.
        if not s.trapped and not r.trap and r.rd_addr and s.rd == r.rd_addr \
                and s.rd_value != r.rd_wdata:
            csr = _csr_number(insn)
            take = None
            if s.inputs or csr in INPUT_CSRS:
                take = f"{INPUT_CSRS.get(csr, 'a device register')}: the RTL's value"
            elif csr in ID_CSRS:
                take = f"{ID_CSRS[csr]}: implementation-specific, the RTL's value"
            elif csr in WARL_IGNORE and not (s.rd_value ^ r.rd_wdata) & ~WARL_IGNORE[csr][0]:
                take = f"WARL, {WARL_IGNORE[csr][1]}"
            elif partial_fence and insn & 0x7f == 0x03 and \
                    (s.mode != M or spike.csr(0x300) >> 17 & 1):
                take = "old translation after a partial sfence.vma: the RTL's value"
                allowed += 1
            if take:
                spike.set_x(s.rd, r.rd_wdata)
                s.rd_value = r.rd_wdata
                s.note = take
        fence = _sfence(insn)
        if fence is not None and not s.trapped:
            partial_fence = not fence

        if r.trap != s.trapped:
            if s.trapped:
                return fail(i, f"spike trapped ({cause_name(s.cause)}, tval {s.tval:#x}), "
                               f"the RTL did not")
            return fail(i, "the RTL trapped, spike did not",
                        f"RTL: trap, handler at {r.pc_wdata:#018x}")
        if s.trapped:
            if s.next_pc != r.pc_wdata:
                return fail(i, f"trap handler address differs ({cause_name(s.cause)})",
                            f"RTL:   {r.pc_wdata:#018x}", f"spike: {s.next_pc:#018x}")
            continue
        if (r.rd_addr, r.rd_wdata) != (s.rd, s.rd_value):
            return fail(i, "destination register differs" if r.rd_addr != s.rd
                        else f"value written to x{r.rd_addr} differs",
                        f"RTL:   x{r.rd_addr} = {r.rd_wdata:#018x}",
                        f"spike: x{s.rd} = {s.rd_value:#018x}")
        if _rtl_writes(r) != s.writes:
            return fail(i, "memory write differs",
                        f"RTL:   {_fmt_writes(_rtl_writes(r))}", f"spike: {_fmt_writes(s.writes)}")
        if _rtl_reads(r) != s.reads:
            return fail(i, "memory read differs",
                        f"RTL:   {_fmt_reads(_rtl_reads(r))}", f"spike: {_fmt_reads(s.reads)}")
        if s.next_pc != r.pc_wdata:
            return fail(i, "next PC differs", f"RTL:   {r.pc_wdata:#018x}",
                        f"spike: {s.next_pc:#018x}")
        if s.model and csr is not None:
            rtl_csr = (r.csr_addr, r.csr_wdata) if r.csr_we else None
            if rtl_csr != s.csr_write:
                return fail(i, "CSR write differs", f"RTL:   {_fmt_csr(rtl_csr)}",
                            f"model: {_fmt_csr(s.csr_write)}")
    return steps, _first_insn_mismatch(spike, records, steps, executed, len(records)), allowed


def _fmt_writes(writes):
    return ", ".join(f"{size} bytes at {addr:#x} = {value:#x}" for addr, value, size in writes) \
        or "none"


def _fmt_csr(write):
    return f"CSR {write[0]:#x} = {write[1]:#x}" if write else "no CSR write"


def _fmt_reads(reads):
    return ", ".join(f"{size} bytes at {addr:#x}" for addr, size in reads) or "none"


def _first_insn_mismatch(spike, records, steps, executed, limit):
    """Fill in the instruction bits of spike's steps from its commit log; the first step
    before ``limit`` whose bits (or mode, or PC) differ from the RTL's, as a Mismatch."""
    commits = spike.commits()
    for k, (mode, pc, insn) in zip(executed, commits):
        steps[k].insn = insn
    for k, (mode, pc, insn) in zip(executed, commits):
        if k > limit:
            break
        r = records[k]
        if (mode, pc, insn) != (r.mode, r.pc_rdata, r.insn):
            return Mismatch(k, "instruction bits differ",
                            [f"RTL:   0x{r.insn:08x}", f"spike: 0x{insn:08x}"])
    return None


def lockstep(path, *, max_cycles, ram_size=DEFAULT_RAM_SIZE, log=None, model=None):
    """Run the ELF program ``path`` on the RTL and on spike and compare them; returns a
    :class:`LockstepResult`. Bad input raises :class:`sim.errors.SimError`. ``model``: the
    call-gate model (:class:`rtl.clb.model.CallGates`) to start from (default: a new one)."""
    program = load_elf(path, ram_size=ram_size)
    records, rtl_result = record(program, max_cycles=max_cycles, ram_size=ram_size, log=log)
    spike = Spike(program, ram_size)
    try:
        steps, mismatch, allowed = compare(records, spike, model)
    finally:
        spike.close()
    compared = mismatch.index if mismatch else len(records)
    return LockstepResult(compared, mismatch, rtl_result, records, steps, allowed)
