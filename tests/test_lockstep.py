"""Lockstep of the RTL with spike (sim/verify/lockstep.py).

- A selection of the assembly suites (tests/asm, tests/asm_priv: ALU, M, A, loads and stores,
  traps, counters, timer, software and external interrupts, wfi, delegation, Sv39) and the
  demo firmware run in lockstep: every retired instruction agrees with spike.
- The comparator itself: a recorded run whose retirements are doctored one field at a time
  (a register value, a store, the PC, the mode, a trap, the instruction bits, an interrupt
  that could not have happened) is caught at that retirement.
- The call-gate extension, which spike lacks, through its executable model
  (rtl/clb/model.py, sim/verify/callgate.py): tests/callgate_lockstep.S (every instruction,
  CSR and trap of docs/isa/callgate.md) and the kernel's security scenarios
  (build/firmware/callgate_sec.elf) agree; a model made wrong on purpose (the badge register,
  the CLB's replacement, the top-of-stack register, a CSR's legalisation, the invalidation
  forms) or a doctored link-record store or medeleg read is caught.
- The command line (``python -m sim.verify.cli lockstep``, and ``mkrv lockstep`` once
  sim/cli.py registers it): exit codes 0, 1 and 2 and their messages.
"""

import subprocess
import sys
from pathlib import Path

import pytest

from sim.testing import assemble, exit_with, have_toolchain, program
from sim.verify.spike import spike_available


REPO = Path(__file__).resolve().parent.parent
BUILD = REPO / "build"

WHY_NOT = spike_available()
pytestmark = pytest.mark.skipif(WHY_NOT is not None, reason=WHY_NOT or "")

ASM = ["add", "sraw", "mulhsu", "divw", "remuw", "lwu", "sd", "ldst_overlap", "amomaxu", "lrsc",
       "bltu", "jalr", "fence_i", "csr_machine", "counters", "minstret", "misaligned_ld",
       "misaligned_fetch", "ecall", "access_fault", "timer_irq", "soft_irq", "wfi", "mtvec"]
ASM_PRIV = ["trap_u_s", "trap_m_deleg", "sret", "mstatus_trap", "tvm", "csr_warl", "wfi",
            "irq_sei", "irq_sti", "irq_priority", "irq_deleg_m", "vm_sfence", "vm_ad",
            "vm_mprv", "vm_sum", "vm_fetch", "v-amoadd", "v-lw"]
SELECTION = ([BUILD / "tests" / "asm" / f"{n}.elf" for n in ASM]
             + [BUILD / "tests" / "asm_priv" / f"{n}.elf" for n in ASM_PRIV]
             + [BUILD / "firmware" / "demo.elf"])


@pytest.mark.parametrize("elf", SELECTION, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_lockstep(elf):
    from sim.verify.lockstep import lockstep

    if not elf.exists():
        pytest.skip(f"{elf} is not built (make -C tests/asm, make -C tests/asm_priv, "
                    f"make firmware)")
    result = lockstep(elf, max_cycles=2_000_000)
    assert result.ok, "\n".join(result.report())
    assert result.compared == len(result.records) > 10


# ---------------------------------------------------------------- the comparator itself

# Loads, stores, an AMO, a trap (ecall) and its handler's CSR reads, a software interrupt.
PROBE = """\
    la t0, handler
    csrw mtvec, t0
    la s0, buf
    li a0, 0x1234
    sd a0, 0(s0)
    ld a1, 0(s0)
    addi a2, a1, 5
    amoadd.d a3, a2, (s0)
    ecall
    li t1, 0x2000000
    li t2, 1
    csrsi mie, 8
    csrsi mstatus, 8
    sw t2, 0(t1)
    addi a4, a4, 1
    addi a4, a4, 1
    addi a4, a4, 1
    addi a4, a4, 1
    addi a4, a4, 1
    csrci mstatus, 8
    mul a5, a2, a3
    j done
    .balign 4
handler:
    csrr t5, mcause
    csrr t6, mepc
    bltz t5, 1f
    addi t6, t6, 4
    csrw mepc, t6
    mret
1:  li t5, 0x2000000
    sw zero, 0(t5)
    mret
done:
"""


@pytest.fixture(scope="module")
def probe(tmp_path_factory):
    """The probe program and its RTL retirements."""
    if not have_toolchain():
        pytest.skip("the RISC-V GNU toolchain is not installed")
    from sim.elf import load_elf
    from sim.verify.rtl import record

    elf = assemble(program(PROBE + exit_with(1), data="buf: .dword 0, 0"),
                   tmp_path_factory.mktemp("probe") / "probe.elf")
    prog = load_elf(elf)
    records, result = record(prog, max_cycles=100_000)
    assert result.status == "pass", result.message
    assert any(r.intr for r in records), "the probe's interrupt did not happen"
    return prog, records


def _compare(probe, records):
    from sim.verify.lockstep import compare
    from sim.verify.spike import Spike

    spike = Spike(probe[0])
    try:
        steps, mismatch, _ = compare(records, spike)
    finally:
        spike.close()
    return mismatch


def _index(records, pred):
    return next(i for i, r in enumerate(records) if pred(r))


def test_probe_agrees(probe):
    assert _compare(probe, probe[1]) is None


@pytest.mark.parametrize("field, change, what", [
    ("rd_wdata", lambda r: r.rd_wdata ^ 1 << 7, "value written to x"),
    ("rd_addr", lambda r: r.rd_addr % 31 + 1, "destination register differs"),
    ("pc_rdata", lambda r: r.pc_rdata + 4, "PC differs"),
    ("flags", lambda r: r.flags ^ 3 << 2, "privilege mode differs"),
    ("flags", lambda r: r.flags | 1, "the RTL trapped, spike did not"),
    ("insn", lambda r: r.insn ^ 1 << 20, "instruction bits differ"),
    ("pc_wdata", lambda r: r.pc_wdata + 8, "next PC differs"),
])
def test_doctored_alu_result_is_caught(probe, field, change, what):
    records = list(probe[1])
    i = _index(records, lambda r: r.insn == 0x00558613)      # addi a2, a1, 5
    records[i] = records[i]._replace(**{field: change(records[i])})
    mismatch = _compare(probe, records)
    assert mismatch is not None and mismatch.index == i and what in mismatch.what, mismatch


def test_doctored_store_is_caught(probe):
    records = list(probe[1])
    i = _index(records, lambda r: r.mem_wmask == 0xff and r.insn & 0x7f == 0x23)
    records[i] = records[i]._replace(mem_wdata=records[i].mem_wdata + 1)
    mismatch = _compare(probe, records)
    assert mismatch.index == i and mismatch.what == "memory write differs"


def test_doctored_amo_read_value_is_caught(probe):
    records = list(probe[1])
    i = _index(records, lambda r: r.insn & 0x7f == 0x2f)
    records[i] = records[i]._replace(rd_wdata=records[i].rd_wdata - 1)
    mismatch = _compare(probe, records)
    assert mismatch.index == i


def test_missed_trap_is_caught(probe):
    records = list(probe[1])
    i = _index(records, lambda r: r.insn == 0x00000073)      # ecall
    records[i] = records[i]._replace(flags=records[i].flags & ~1, pc_wdata=records[i].pc_rdata + 4)
    mismatch = _compare(probe, records)
    assert mismatch.index == i and mismatch.what.startswith("spike trapped (exception 11")


def test_impossible_interrupt_is_caught(probe):
    # An interrupt before any was enabled (mstatus.MIE = 0): the RTL could not take it.
    records = list(probe[1])
    records[3] = records[3]._replace(flags=records[3].flags | 2)
    mismatch = _compare(probe, records)
    assert mismatch.index == 3 and "mstatus.MIE = 0" in mismatch.what


def test_wrong_interrupt_cause_is_caught(probe):
    # The handler reads mcause = MTI, but the timer was never enabled in mie.
    records = list(probe[1])
    i = _index(records, lambda r: r.intr)
    j = _index(records[i:], lambda r: r.insn == 0x34202f73) + i      # csrr t5, mcause
    records[j] = records[j]._replace(rd_wdata=1 << 63 | 7)
    mismatch = _compare(probe, records)
    assert mismatch.index == j and "MTI" in mismatch.what and "mie" in mismatch.what


def test_report_shows_both_sides(probe):
    from sim.runner import Result
    from sim.verify.lockstep import CONTEXT, LockstepResult, Mismatch

    records = probe[1]
    i = len(records) - 3
    result = LockstepResult(i, Mismatch(i, "value written to x5 differs", ["RTL: a", "spike: b"]),
                            Result("pass", 1, 100, len(records), 0.1, b""), records,
                            [_step(r) for r in records])
    lines = result.report()
    assert lines[0].startswith(f"MISMATCH at instruction {i} (RTL cycle ")
    assert lines[1:3] == ["  RTL: a", "  spike: b"]
    rtl = lines.index(f"RTL, instructions {i - CONTEXT}..{i}:")
    spike = lines.index(f"spike, instructions {i - CONTEXT}..{i}:")
    assert spike - rtl == CONTEXT + 2
    assert lines[spike - 1].lstrip().startswith(">") and f" {i} " in lines[spike - 1]


def _step(r):
    from sim.verify.spike import Step
    return Step(pc=r.pc_rdata, mode=r.mode, insn=r.insn)


# ---------------------------------------------------------------- the call-gate extension

CALLGATE_SRC = REPO / "tests" / "callgate_lockstep.S"
CALLGATE_SEC = BUILD / "firmware" / "callgate_sec.elf"


@pytest.fixture(scope="module")
def callgate(tmp_path_factory):
    """tests/callgate_lockstep.S and its RTL retirements."""
    if not have_toolchain():
        pytest.skip("the RISC-V GNU toolchain is not installed")
    from sim.elf import load_elf
    from sim.verify.rtl import record

    elf = assemble(CALLGATE_SRC.read_text(),
                   tmp_path_factory.mktemp("callgate") / "callgate_lockstep.elf")
    prog = load_elf(elf)
    records, result = record(prog, max_cycles=200_000)
    assert result.status == "pass", result.message    # (it checks itself, too)
    return prog, records


def _compare_steps(prog, records, model=None):
    from sim.verify.lockstep import compare
    from sim.verify.spike import Spike

    spike = Spike(prog)
    try:
        steps, mismatch, _ = compare(records, spike, model)
    finally:
        spike.close()
    return steps, mismatch


def test_callgate_program_agrees(callgate):
    """Every instruction of the extension retires and traps as the model says, on the RTL
    and (through the model) on spike; the run covers each instruction and each trap."""
    from rtl.clb.model import CallGates, Op

    prog, records = callgate
    steps, mismatch = _compare_steps(prog, records)
    assert mismatch is None, mismatch
    assert len(steps) == len(records)
    retired = {CallGates.decode(s.insn) for s in steps if s.model and not s.trapped}
    assert retired >= set(Op)
    causes = {(s.insn & 0x7f, s.cause) for s in steps if s.model and s.trapped}
    assert causes >= {(0x0b, c) for c in (2, 5, 7, 24, 25, 26)} | {(0x73, 2)}
    # Traps went where medeleg (bits 24..26 the model's) sent them: 25 to M, 24 and 26 to S.
    for k, s in enumerate(steps[:-1]):
        if s.model and s.trapped and s.cause in (24, 25, 26):
            assert steps[k + 1].mode == (3 if s.cause == 25 else 1)     # the handler's
    csr_writes = {s.csr_write[0] for s in steps if s.model and s.csr_write}
    assert csr_writes == {0x5C0, 0x5C1, 0x5C2, 0x5C4, 0x5C5, 0x5C6}


def test_callgate_kernel_in_lockstep():
    """The kernel's call-gate and software-IPC security scenarios (about 325 000
    instructions: CLB refills, nested calls, unwinding, attacks) in lockstep."""
    from sim.verify.lockstep import lockstep

    if not CALLGATE_SEC.exists():
        pytest.skip(f"{CALLGATE_SEC} is not built (make firmware)")
    result = lockstep(CALLGATE_SEC, max_cycles=2_000_000)
    assert result.ok, "\n".join(result.report())
    assert result.rtl.status == "pass"
    from rtl.clb.model import CallGates, Op

    ops = [CallGates.decode(s.insn) for s in result.steps if s.model and not s.trapped]
    assert ops.count(Op.XCALL) >= 10 and ops.count(Op.XRET) >= 10
    assert {s.cause for s in result.steps if s.model and s.trapped} >= {2, 24, 25, 26}


def _refill_never_in_place(self, asid, index, gate):
    from rtl.clb.model import CLBEntry

    i = self.victim
    self.entries[i] = CLBEntry(True, asid, index, gate)
    self.victim = (i + 1) % len(self.entries)
    return i


def _xret_without_top(original):
    def xret(self, m):
        self.top.valid = False
        return original(self, m)
    return xret


def _inval_by_value(original):
    def clb_inval(self, m, rs1, rs2):
        # Wrong: "any" when the register holds 0, rather than when it is x0.
        return original(self, m, rs1 if m.x(rs1) else 0, rs2 if m.x(rs2) else 0)
    return clb_inval


@pytest.mark.parametrize("mutate, what, insn", [
    (lambda mp, cg: mp.setattr(cg, "BADGE_REG", 6), "destination register differs", "xcall"),
    (lambda mp, cg: mp.setattr(cg.CLBModel, "fill", _refill_never_in_place), "trapped",
     "xcall"),
    (lambda mp, cg: mp.setattr(cg.CallGates, "xret", _xret_without_top(cg.CallGates.xret)),
     "next PC differs", "xret"),
    (lambda mp, cg: mp.setitem(cg.CSR_ZERO_BITS, cg.CSR.XGPC, 0), "CSR write differs", "csr"),
    (lambda mp, cg: mp.setattr(cg.CallGates, "clb_inval",
                               _inval_by_value(cg.CallGates.clb_inval)), "trapped", "xcall"),
], ids=["badge-register", "round-robin", "top-of-stack", "xgpc-legalisation", "inval-forms"])
def test_wrong_model_is_caught(callgate, monkeypatch, mutate, what, insn):
    """A model made wrong on purpose disagrees with the RTL at the first instruction where
    the difference shows, an instruction of the extension."""
    from rtl.clb import model as cg

    prog, records = callgate
    mutate(monkeypatch, cg)
    steps, mismatch = _compare_steps(prog, records)
    assert mismatch is not None and what in mismatch.what, mismatch
    word = records[mismatch.index].insn
    kind = {cg.xcall(6): "xcall", cg.xret(): "xret"}.get(word, "csr" if word & 0x7f == 0x73
                                                         else hex(word))
    assert kind == insn, (mismatch, hex(word))


def test_doctored_link_record_store_is_caught(callgate):
    prog, records = callgate
    records = list(records)
    i = _index(records, lambda r: r.insn & 0xfe00707f == 0x0b and r.mem_wmask and not r.trap)
    records[i] = records[i]._replace(mem_wdata=records[i].mem_wdata ^ 4)
    _, mismatch = _compare_steps(prog, records)
    assert mismatch.index == i and mismatch.what == "memory write differs"


def test_doctored_medeleg_read_is_caught(callgate):
    """medeleg bits 24..26 exist on the core only: the model's copy is compared."""
    prog, records = callgate
    records = list(records)
    i = _index(records, lambda r: r.insn >> 20 == 0x302 and r.insn & 0x707f == 0x2073
               and r.rd_addr)
    assert records[i].rd_wdata >> 24 & 7 == 7
    records[i] = records[i]._replace(rd_wdata=records[i].rd_wdata ^ 1 << 25)
    _, mismatch = _compare_steps(prog, records)
    assert mismatch.index == i and "value written to x" in mismatch.what


# ---------------------------------------------------------------- command line

def _cli(*args):
    return subprocess.run([sys.executable, "-m", "sim.verify.cli", *args], capture_output=True,
                          text=True, cwd=REPO, timeout=600)


def test_cli_pass():
    elf = BUILD / "tests" / "asm" / "add.elf"
    if not elf.exists():
        pytest.skip("tests/asm is not built")
    p = _cli("lockstep", str(elf))
    assert p.returncode == 0, p.stdout + p.stderr
    assert p.stdout.startswith("PASS: ") and " instructions compared" in p.stdout


@pytest.mark.parametrize("args, message", [
    (["lockstep", "no/such.elf"], "mkrv: no/such.elf: no such file\n"),
    (["lockstep", "README.md"], "mkrv: README.md: not an ELF file\n"),
    (["lockstep", "README.md", "--max-cycles", "0"], None),
    (["lockstep"], None),
])
def test_cli_bad_input(args, message):
    p = _cli(*args)
    assert p.returncode == 2
    assert p.stdout == ""
    assert len(p.stderr.splitlines()) == 1, p.stderr
    if message:
        assert p.stderr == message


def test_cli_mismatch_exit_code(probe, monkeypatch, capsys):
    """A difference: exit code 1 and the report on stdout."""
    from sim.verify import cli, lockstep

    prog, records = probe
    doctored = list(records)
    doctored[5] = doctored[5]._replace(rd_wdata=doctored[5].rd_wdata + 1)
    monkeypatch.setattr(lockstep, "record", lambda *a, **k: (doctored, _pass_result(records)))
    with pytest.raises(SystemExit) as e:
        cli.main(["lockstep", prog.path])
    assert e.value.code == 1
    out = capsys.readouterr().out
    assert out.startswith("MISMATCH at instruction 5 ")


def _pass_result(records):
    from sim.runner import Result
    return Result("pass", 1, records[-1].cycle, len(records), 0.1, b"")


def test_mkrv_lockstep_registered():
    from sim.cli import _parser

    sub = next(a for a in _parser()._actions if a.dest == "command")
    if "lockstep" not in sub.choices:
        pytest.skip("sim/cli.py does not register `mkrv lockstep` yet (sim/verify/cli.py "
                    "add_parsers)")
    assert "fuzz" in sub.choices
