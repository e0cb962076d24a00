"""Call gates on the core (Amaranth simulator): xcall/xret through the CLB, the badge, the
link stack, the three custom exceptions, and the privilege checks; and the CLB as a unit."""

import pytest
from amaranth.sim import Simulator

from core_harness import run
from rtl.clb import CLB

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


def test_xcall_and_xret():
    r = run(program("""
  li a0, 10
  li t1, 3
  """ + XCALL.format(rs1="t1") + """
  li t2, 11
  bne a0, t2, fail
  li t2, 0x42
  bne a1, t2, fail
"""), max_cycles=3000)
    assert r["tohost"] == 1
    retired = [x for x in r["retired"] if "insn" in x]
    xcall = next(x for x in retired if x["insn"] == 0x0003000b)
    assert xcall["rd_addr"] == 5 and xcall["rd_wdata"] == 0x42     # the badge in t0
    xret = next(x for x in retired if x["insn"] == 0x0200000b)
    assert xret["pc_wdata"] == xcall["pc_rdata"] + 4


@pytest.mark.parametrize("body,cause,tval", [
    # no gate 4 in ASID 0: CLB miss, stval = the index
    ("li t1, 4\n " + XCALL.format(rs1="t1"), 24, 4),
    # xret with nothing on the link stack
    (XRET, 26, None),
    # U mode may not fill the CLB or touch the link-stack CSRs
    ("li t1, 3\n " + FILL.format(rs1="t1", rs2="x0"), 2, None),
    ("csrw 0x5c2, x0", 2, None),
    ("csrr t1, 0x5c6", 2, None),
])
def test_exceptions(body, cause, tval):
    r = run(program(f"""
  li s2, {cause}
  {body}
  li t2, 1
  bne s3, t2, fail
""" + (f"  li t2, {tval}\n  bne s4, t2, fail\n" if tval is not None else "")),
            max_cycles=3000)
    assert r["tohost"] == 1


def test_link_stack_overflow():
    """A callee that calls its own gate again: the fifth nested call finds the four-record
    stack full (LINK_OVERFLOW, stval = xlsptr); the handler skips it and the four calls made
    unwind with four xret."""
    src = program("""
  li s2, 25
  li a0, 0
  li t1, 3
  """ + XCALL.format(rs1="t1") + """
  li t2, 1
  bne s3, t2, fail
  li t2, 4
  bne a0, t2, fail
  la t2, lstack
  addi t2, t2, 64
  bne s4, t2, fail
""").replace("""callee:
  addi a0, a0, 1""", """callee:
  addi a0, a0, 1
  li t1, 3
  """ + XCALL.format(rs1="t1"))
    r = run(src, max_cycles=3000)
    assert r["tohost"] == 1


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
    r = run(src, max_cycles=3000)
    assert r["tohost"] == 1


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
    r = run(src, max_cycles=3000)
    assert r["tohost"] == 1


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
