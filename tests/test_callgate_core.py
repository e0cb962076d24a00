"""Call gates on the core (Amaranth simulator): xcall/xret through the CLB, the badge, the
link stack, the three custom exceptions, and the privilege checks; and the CLB as a unit.

The expected values come from the executable model (rtl/clb/model.py): every run is replayed
through it (:func:`checked_run`: each call-gate instruction and CSR access the core retires
must retire, or trap, as the model says, with the same register write, next PC, link-record
store and CSR value), the causes and ``mtval`` the programs check are the model's, and the
CLB unit is compared with the model's CLB on random operations."""

import random

import pytest
from amaranth.sim import Simulator

from core_harness import assemble, run
from rtl.clb import CLB
from rtl.clb import model as cg
from rtl.clb.model import CallGates, Cause, Retired, SimpleMachine, Trap

T1 = 6

XCALL = ".insn r 0x0b, 0, 0, x0, {rs1}, x0"
XRET = ".insn r 0x0b, 0, 1, x0, x0, x0"
FILL = ".insn r 0x0b, 0, 2, x0, {rs1}, {rs2}"
INVAL = ".insn r 0x0b, 0, 3, x0, {rs1}, {rs2}"

# M mode sets up a link stack of four records and gate 3 of ASID 0 (satp Bare), then runs the
# body in U mode. The M-mode handler accepts the cause in s2 (once), skipping the faulting
# instruction, and passes on an ecall from U.
PROLOGUE = """
  la t0, mtrap
  csrw mtvec, t0
  la t0, lstack
  csrw 0x5c0, t0
  csrw 0x5c2, t0
  addi t0, t0, 64
  csrw 0x5c1, t0
  csrw 0x5c4, x0
  la t0, callee
  csrw 0x5c5, t0
  li t0, 0x42
  csrw 0x5c6, t0
  li t1, 3
  """ + FILL.format(rs1="t1", rs2="x0") + """
  li s2, -1
  li s3, 0
  li t0, 3 << 11
  csrc mstatus, t0
  la t0, user
  csrw mepc, t0
  mret
callee:
  addi a0, a0, 1
  mv a1, t0
  """ + XRET + """
"""

EPILOGUE = """
  ecall
pass:
  li a0, 1
  la t6, tohost
  sd a0, 0(t6)
1: j 1b
fail:
  li a0, 3
  la t6, tohost
  sd a0, 0(t6)
2: j 2b
.align 4
mtrap:
  csrr t5, mcause
  li t6, 8
  beq t5, t6, pass
  bne t5, s2, fail
  csrr s4, mtval
  addi s3, s3, 1
  li s2, -1
  csrr t5, mepc
  addi t5, t5, 4
  csrw mepc, t5
  mret
.data
.align 4
lstack: .fill 8, 8, 0
"""


def program(body):
    return PROLOGUE + "user:\n" + body + EPILOGUE


RVFI_EXTRA = ("mode", "rs1_addr", "rs1_rdata", "rs2_addr", "rs2_rdata")


def checked_run(src, max_cycles=3000):
    """Run ``src`` on the core and replay its retirements through the model, from reset:
    every call-gate instruction and CSR access of the extension must do on the core what the
    model does (from the mode and source operands RVFI reports). Returns the run's result,
    with ``"model"``: the list of ``(retirement, model outcome)`` and ``"gates"``: the model
    at the end."""
    extra = {}

    def setup(ctx, dut, cycle):
        rv = dut.core.rvfi
        if ctx.get(rv.valid):
            extra[ctx.get(rv.order)] = {n: ctx.get(getattr(rv, n)) for n in RVFI_EXTRA}

    r = run(src, max_cycles=max_cycles, setup=setup)
    gates = CallGates()
    m = SimpleMachine(ram_size=4096 * 8)          # the harness's RAM
    outcomes = []
    for rec in r["retired"]:
        if "insn" not in rec or not gates.handles(rec["insn"]):
            continue
        x = extra[rec["order"]]
        m.priv, m.pc = x["mode"], rec["pc_rdata"]
        m.set_x(x["rs1_addr"], x["rs1_rdata"])
        m.set_x(x["rs2_addr"], x["rs2_rdata"])
        out = gates.execute(rec["insn"], m)
        where = f"{rec['insn']:#010x} at {rec['pc_rdata']:#x}: core {rec}, model {out}"
        assert bool(rec["trap"]) == isinstance(out, Trap), where
        if isinstance(out, Retired):
            assert (rec["rd_addr"], rec["rd_wdata"]) == (out.rd, out.rd_value), where
            assert rec["pc_wdata"] == out.next_pc, where
            first = out.writes[:1]
            assert [(rec["mem_addr"], rec["mem_wdata"])] * bool(rec["mem_wmask"]) == first, where
            assert rec["mem_wmask"] in (0, 0xff)
            csr = (rec["csr_addr"], rec["csr_wdata"]) if rec["csr_we"] else None
            assert csr == out.csr_write, where
        outcomes.append((rec, out))
    r["model"] = outcomes
    r["gates"] = gates
    return r


def load(reg, value, sym):
    """Assembly that loads ``value`` into ``reg``; an address in the link stack is written
    relative to ``lstack`` (which moves when the program's text grows)."""
    off = value - sym["lstack"]
    if 0 <= off <= 64:
        return f"la {reg}, lstack + {off}"
    return f"li {reg}, {value}"


def after_prologue(src):
    """The model and a machine as PROLOGUE leaves them for the body (U-mode, satp 0, the link
    stack and gate 3 of ASID 0 set up), for the program ``src``."""
    _, sym = assemble(src)
    g = CallGates()
    m = SimpleMachine(priv=cg.Priv.M, ram_size=4096 * 8)
    g.csr_write(cg.CSR.XLSBASE, sym["lstack"])
    g.csr_write(cg.CSR.XLSPTR, sym["lstack"])
    g.csr_write(cg.CSR.XLSLIMIT, sym["lstack"] + 64)
    g.csr_write(cg.CSR.XGSATP, 0)
    g.csr_write(cg.CSR.XGPC, sym["callee"])
    g.csr_write(cg.CSR.XGBADGE, 0x42)
    m.regs[T1] = 3
    assert isinstance(g.execute(cg.clb_fill(T1, 0), m), Retired)
    m.priv, m.pc = cg.Priv.U, sym["user"]
    return g, m, sym


def test_xcall_and_xret():
    src = program("""
  li a0, 10
  li t1, 3
  """ + XCALL.format(rs1="t1") + """
  li t2, 11
  bne a0, t2, fail
  li t2, 0x42
  bne a1, t2, fail
""")
    r = checked_run(src)
    assert r["tohost"] == 1
    g, m, sym = after_prologue(src)
    m.regs[T1] = 3
    xcall = next(rec for rec, _ in r["model"] if rec["insn"] == cg.xcall(T1))
    m.pc = xcall["pc_rdata"]
    out = g.execute(cg.xcall(T1), m)
    # The model's xcall from the state the prologue leaves: the badge in t0, the callee,
    # the return PC at xlsbase (the core's RVFI record was checked against it above).
    assert (out.rd, out.rd_value, out.next_pc) == (cg.BADGE_REG, 0x42, sym["callee"])
    assert (xcall["rd_addr"], xcall["rd_wdata"], xcall["pc_wdata"]) == \
        (out.rd, out.rd_value, out.next_pc)
    assert (xcall["mem_addr"], xcall["mem_wdata"]) == out.writes[0] == \
        (sym["lstack"], xcall["pc_rdata"] + 4)
    xret = next(rec for rec, _ in r["model"] if rec["insn"] == cg.xret())
    assert xret["pc_wdata"] == g.execute(cg.xret(), m).next_pc == xcall["pc_rdata"] + 4


def _csr(op, csr, rd=0, rs1=0):
    return csr << 20 | rs1 << 15 | op << 12 | rd << 7 | 0x73


@pytest.mark.parametrize("setup, regs, word", [
    # no gate 4 in ASID 0: CLB miss, stval = the index
    ("li t1, 4", {T1: 4}, cg.xcall(T1)),
    # an index wider than 32 bits never hits
    ("li t1, 1\n  slli t1, t1, 32\n  addi t1, t1, 3", {T1: 1 << 32 | 3}, cg.xcall(T1)),
    # xret with nothing on the link stack
    ("", {}, cg.xret()),
    # U mode may not fill the CLB or touch the link-stack CSRs
    ("li t1, 3", {T1: 3}, cg.clb_fill(T1, 0)),
    ("", {}, cg.clb_inval(0, 0)),
    ("", {}, _csr(1, 0x5C2)),                      # csrw 0x5c2, x0
    ("", {}, _csr(2, 0x5C6, rd=T1)),               # csrr t1, 0x5c6
    # reserved fields
    ("li t1, 3", {T1: 3}, cg.encode(cg.Op.XCALL, rs1=T1, rd=7)),
    ("", {}, cg.encode(cg.Op.XRET, funct3=2)),
], ids=["miss", "wide-index", "empty", "u-fill", "u-inval", "u-csrw", "u-csrr",
        "xcall-rd", "xret-funct3"])
def test_exceptions(setup, regs, word):
    """The body executes ``word`` in U-mode; the M-mode handler must see the cause and
    mtval that the model gives for it."""
    src = program(f"  {setup}\n  .word {word:#010x}\n")
    g, m, sym = after_prologue(src)
    for n, v in regs.items():
        m.regs[n] = v
    expected = g.execute(word, m)
    assert isinstance(expected, Trap)
    r = checked_run(program(f"""
  li s2, {int(expected.cause)}
  {setup}
  .word {word:#010x}
  li t2, 1
  bne s3, t2, fail
  {load("t2", expected.tval, sym)}
  bne s4, t2, fail
"""))
    assert r["tohost"] == 1


def test_link_stack_overflow():
    """A callee that calls its own gate again: the call that finds the four-record stack
    full traps (the model says which call, the cause and stval); the handler skips it and
    the calls made unwind with as many xret."""
    def src(calls, cause, tval, sym=None):
        return program(f"""
  li s2, {cause}
  li a0, 0
  li t1, 3
  """ + XCALL.format(rs1="t1") + f"""
  li t2, 1
  bne s3, t2, fail
  li t2, {calls}
  bne a0, t2, fail
  {load("t2", tval, sym) if sym else "li t2, 0"}
  bne s4, t2, fail
""").replace("""callee:
  addi a0, a0, 1""", """callee:
  addi a0, a0, 1
  li t1, 3
  """ + XCALL.format(rs1="t1"))

    g, m, sym = after_prologue(src(0, 0, 0))
    m.regs[T1] = 3
    calls = 0
    while isinstance(out := g.execute(cg.xcall(T1), m), Retired):
        calls += 1
    assert out.cause == Cause.LINK_OVERFLOW and calls == 4
    r = checked_run(src(calls, int(out.cause), out.tval, sym))
    assert r["tohost"] == 1
    assert [type(o) for _, o in r["model"] if _["insn"] == cg.xcall(T1)] == \
        [Retired] * calls + [Trap]


def test_nested_calls_return_in_order():
    """Gate 3's callee is replaced by one that calls gate 7 (a second callee) first."""
    src = program("""
  li a0, 0
  li t1, 3
  """ + XCALL.format(rs1="t1") + """
  li t2, 2
  bne a0, t2, fail
""").replace("""callee:
  addi a0, a0, 1""", """callee:
  li t1, 7
  """ + XCALL.format(rs1="t1") + """
  addi a0, a0, 1""").replace("""  li s2, -1
  li s3, 0
""", """  la t0, callee2
  csrw 0x5c5, t0
  li t1, 7
  """ + FILL.format(rs1="t1", rs2="x0") + """
  li s2, -1
  li s3, 0
""") + """
.section .text.init
callee2:
  addi a0, a0, 1
  """ + XRET + "\n"
    r = checked_run(src)
    assert r["tohost"] == 1
    # The second xret found no top-of-stack record: the model read the link stack.
    xrets = [o for rec, o in r["model"] if rec["insn"] == cg.xret()]
    assert [len(o.reads) for o in xrets] == [0, 2]


def test_stale_entry_after_invalidate_misses():
    src = program("""
  li s2, 24
  li t1, 3
  """ + XCALL.format(rs1="t1") + """
  li t2, 1
  bne s3, t2, fail
""").replace("""  li s2, -1
  li s3, 0
  li t0, 3 << 11""", """  li t1, 3
  """ + INVAL.format(rs1="t1", rs2="x0") + """
  li s2, -1
  li s3, 0
  li t0, 3 << 11""")
    r = checked_run(src)
    assert r["tohost"] == 1
    assert r["gates"].clb.valid_tags() == set()


def test_clb_unit_tags():
    dut = CLB(4)

    async def bench(ctx):
        async def fill(asid, index, pc):
            ctx.set(dut.fill, 1)
            ctx.set(dut.fill_asid, asid)
            ctx.set(dut.fill_index, index)
            ctx.set(dut.fill_gate.pc, pc)
            await ctx.tick()
            ctx.set(dut.fill, 0)

        def lookup(asid, index):
            ctx.set(dut.asid, asid)
            ctx.set(dut.index, index)
            return ctx.get(dut.hit), ctx.get(dut.gate.pc)

        await fill(1, 3, 0x100)
        await fill(2, 3, 0x200)
        assert lookup(1, 3) == (1, 0x100)
        assert lookup(2, 3) == (1, 0x200)
        assert lookup(3, 3)[0] == 0                      # another domain's index
        assert lookup(1, 3 | 1 << 32)[0] == 0            # wider than 32 bits: never
        await fill(1, 3, 0x300)                           # same tag: replaced in place
        assert lookup(1, 3) == (1, 0x300)
        for i in range(4):
            await fill(5, 10 + i, i)
        assert lookup(2, 3)[0] == 0                       # evicted by round robin
        ctx.set(dut.inval, 1)
        ctx.set(dut.inval_asid_valid, 1)
        ctx.set(dut.inval_asid, 5)
        ctx.set(dut.inval_index_valid, 1)
        ctx.set(dut.inval_index, 11)
        await ctx.tick()
        ctx.set(dut.inval, 0)
        assert lookup(5, 11)[0] == 0 and lookup(5, 12)[0] == 1

    sim = Simulator(dut)
    sim.add_clock(1e-6)
    sim.add_testbench(bench)
    sim.run()


def test_clb_unit_agrees_with_the_model():
    """Random fills (often of a tag already there), invalidations of every form and
    lookups: the CLB's hit and gate equal the model's after every operation."""
    entries = 4
    dut = CLB(entries)
    ref = cg.CLBModel(entries)
    rng = random.Random(7)
    tags = [(a, i) for a in (0, 1, 0xffff) for i in (0, 5, 0xffffffff)]
    keys = tags + [(1, 5 | 1 << 32), (0, 1 << 63)]

    async def bench(ctx):
        for step in range(300):
            kind = rng.random()
            if kind < 0.6:
                asid, index = rng.choice(tags)
                gate = cg.Gate(rng.getrandbits(64), rng.getrandbits(64), rng.getrandbits(64))
                ctx.set(dut.fill, 1)
                ctx.set(dut.fill_asid, asid)
                ctx.set(dut.fill_index, index)
                ctx.set(dut.fill_gate.satp, gate.satp)
                ctx.set(dut.fill_gate.pc, gate.pc)
                ctx.set(dut.fill_gate.badge, gate.badge)
                ref.fill(asid, index, gate)
            elif kind < 0.7:
                asid, index = rng.choice(keys)
                by_asid, by_index = rng.random() < 0.5, rng.random() < 0.5
                ctx.set(dut.inval, 1)
                ctx.set(dut.inval_asid_valid, by_asid)
                ctx.set(dut.inval_asid, asid)
                ctx.set(dut.inval_index_valid, by_index)
                ctx.set(dut.inval_index, index)
                ref.inval(asid if by_asid else None, index if by_index else None)
            await ctx.tick()
            ctx.set(dut.fill, 0)
            ctx.set(dut.inval, 0)
            for asid, index in keys:
                ctx.set(dut.asid, asid)
                ctx.set(dut.index, index)
                gate = ref.lookup(asid, index)
                assert ctx.get(dut.hit) == (gate is not None), (step, asid, index)
                if gate is not None:
                    assert (ctx.get(dut.gate.satp), ctx.get(dut.gate.pc),
                            ctx.get(dut.gate.badge)) == (gate.satp, gate.pc, gate.badge)

    sim = Simulator(dut)
    sim.add_clock(1e-6)
    sim.add_testbench(bench)
    sim.run()


def test_xgsatp_is_warl():
    """As satp: a write of a reserved MODE to xgsatp is ignored (so no gate can hold one);
    Bare and Sv39 values are written whole. In M-mode, through the RTL."""
    from test_pipeline import program as m_program
    r = run(m_program("""
  li t0, 8
  slli t0, t0, 60
  addi t0, t0, 0x123
  csrw 0x5c4, t0
  li t1, 5
  slli t1, t1, 60
  csrw 0x5c4, t1
  csrr t2, 0x5c4
  bne t2, t0, fail
  li t1, 0x456
  csrw 0x5c4, t1
  csrr t2, 0x5c4
  bne t2, t1, fail
"""), max_cycles=2000)
    assert r["tohost"] == 1
