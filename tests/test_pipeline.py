"""The pipeline's timing and hazards, observed on the RVFI port of a core running short
programs in the Amaranth simulator: one instruction per cycle for independent ALU code, one
bubble after a load or multiply feeding the next instruction, the documented branch costs,
forwarding at every distance, and precise traps."""

import pytest

from core_harness import run

PASS = """
  li a0, 1
  la t6, tohost
  sd a0, 0(t6)
1: j 1b
"""


def program(body):
    return body + "\n" + PASS + """
fail:
  li a0, 3
  la t6, tohost
  sd a0, 0(t6)
2: j 2b
.data
.align 3
data: .dword 0x1122334455667788, 0, 0, 0
"""


def marker_gaps(result, start, end):
    """Cycles between the retirement of the instructions at ``start`` and ``end`` (pcs)."""
    cycles = {}
    for r in result["retired"]:
        if r.get("pc_rdata") in (start, end) and r["pc_rdata"] not in cycles:
            cycles[r["pc_rdata"]] = r["cycle"]
    return cycles[end] - cycles[start]


BASE = 0x8000_0000


def test_straight_line_alu_code_retires_one_per_cycle():
    body = "\n".join(["addi a0, a0, 1", "xor a1, a1, a0", "add a2, a1, a0",
                      "sub a3, a2, a1"] * 8)
    r = run(program(body))
    assert r["tohost"] == 1
    # 32 instructions, the first at BASE, the last at BASE + 31*4: 31 cycles apart.
    assert marker_gaps(r, BASE, BASE + 31 * 4) == 31


@pytest.mark.parametrize("producer,consumer,bubbles", [
    ("ld a0, 0(s0)", "addi a1, a0, 1", 1),      # load-use: one bubble
    ("ld a0, 0(s0)", "addi a1, s0, 1", 0),      # load, independent use: none
    ("ld a0, 0(s0)", "addi a1, s0, 10", 0),     # ... whose rs2 field is a0 (imm 10): none
    ("ld a0, 0(s0)", "add a1, s0, a0", 1),      # ... read as rs2: one
    ("mul a0, s0, s0", "addi a1, a0, 1", 1),    # multiply-use: one bubble
    ("addi a0, s0, 1", "addi a1, a0, 1", 0),    # ALU-use: forwarded
    ("lw a0, 0(s0)", "sw a0, 8(s0)", 1),        # load feeding store data
    ("amoadd.d a0, s1, (s0)", "addi a1, a0, 1", 0),   # an AMO's result: forwarded
])
def test_use_after_producer(producer, consumer, bubbles):
    r = run(program(f"la s0, data\n{producer}\n{consumer}\n"))
    assert r["tohost"] == 1
    # la is two instructions: producer at BASE+8, consumer at BASE+12.
    assert marker_gaps(r, BASE + 8, BASE + 12) == 1 + bubbles


def test_amo_takes_three_cycles():
    """An AMO reads, registers the data, then operates and writes: it retires three cycles
    after the instruction before it, with the old value in rd and the new one in memory."""
    r = run(program("""
  la s0, data
  li s1, 5
  amoadd.d a0, s1, (s0)
  ld a1, 0(s0)
  li t0, 0x1122334455667788
  bne a0, t0, fail
  addi t0, t0, 5
  bne a1, t0, fail
"""))
    assert r["tohost"] == 1
    assert marker_gaps(r, BASE + 8, BASE + 12) == 3


# Each jump below runs once, so the branch target buffer has not seen it: a jump D predicts
# taken costs the cycle of D's redirect (test_taken_jumps_are_learned: none after that).
@pytest.mark.parametrize("code,jump_index,cost", [
    # A backward branch is predicted taken in D: one cycle when taken.
    ("j 2f\n1: j 3f\n2: beq x0, x0, 1b\n3: nop", 2, 1),
    # A backward branch that is not taken was mispredicted: two cycles (X redirects, F
    # fetches the target from a register in the next cycle).
    ("j 2f\n1: nop\n2: bne x0, x0, 1b\n nop", 2, 2),
    # A forward branch is predicted not taken: two cycles when taken, none when not.
    ("beq x0, x0, 1f\n nop\n1: nop", 0, 2),
    ("bne x0, x0, 1f\n nop\n1: nop", 0, 0),
    # jal is taken in D: one cycle.
    ("jal x0, 1f\n nop\n1: nop", 0, 1),
    # jalr is resolved in X: two cycles.
    ("la t0, 1f\n jalr x0, 0(t0)\n nop\n1: nop", 2, 2),
    # A return (jalr x0, 0(ra)) goes where the return-address stack says: D's cycle...
    ("jal ra, 1f\n j 2f\n1: ret\n2: nop", 2, 1),
    ("jal t0, 1f\n j 2f\n1: jr t0\n2: nop", 2, 1),
    # ... unless ra was changed since the call: the redirect's two cycles.
    ("jal ra, 1f\n j 2f\n1: la ra, 2f\n ret\n2: nop", 4, 2),
    # A jalr through another register is not a return: resolved in X.
    ("jal ra, 1f\n j 2f\n1: mv t1, ra\n jr t1\n2: nop", 3, 2),
])
def test_branch_costs(code, jump_index, cost):
    r = run(program(code))
    assert r["tohost"] == 1
    pc = BASE + 4 * jump_index
    jump = next(x for x in r["retired"] if x.get("pc_rdata") == pc)
    following = next(x for x in r["retired"] if x.get("order") == jump["order"] + 1)
    assert following["cycle"] - jump["cycle"] - 1 == cost


def _costs_at(r, pc):
    """The bubbles after each retirement of the instruction at ``pc``."""
    by_order = {x["order"]: x for x in r["retired"] if "order" in x}
    return [by_order[x["order"] + 1]["cycle"] - x["cycle"] - 1
            for x in r["retired"] if x.get("pc_rdata") == pc]


@pytest.mark.parametrize("branch,costs", [
    # A forward branch taken every time: mispredicted while its counter is weak (the
    # static rule says not taken), predicted once two outcomes agreed.
    # (The first time it is predicted taken, the fetch learns it: one cycle.)
    ("beq x0, x0, 2f", [2, 2, 1, 0, 0, 0]),
    # A backward-style loop exit seen the other way: a forward branch never taken.
    ("bne x0, x0, 2f", [0, 0, 0, 0, 0, 0]),
    # Alternating: the counter never becomes strong, so the static rule decides.
    ("bnez t2, 2f", [2, 0, 2, 0, 2, 0]),
])
def test_branch_history(branch, costs):
    r = run(program(f"""
  li t1, 6
  li t2, 1
1: {branch}
  nop
2: xori t2, t2, 1
  addi t1, t1, -1
  bnez t1, 1b
"""))
    assert r["tohost"] == 1
    assert _costs_at(r, BASE + 8) == costs


def test_taken_jumps_are_learned():
    """The fetch goes where the branch target buffer says after a jump D predicted taken
    before: a call, a return and a loop's backward branch cost D's redirect (one cycle)
    the first time and nothing after; the loop's exit is X's misprediction (two)."""
    r = run(program("""
  li t1, 4
1: jal ra, 2f
  addi t1, t1, -1
  bnez t1, 1b
  j 3f
2: ret
3: nop
"""))
    assert r["tohost"] == 1
    assert _costs_at(r, BASE + 4) == [1, 0, 0, 0]      # jal ra
    assert _costs_at(r, BASE + 20) == [1, 0, 0, 0]     # ret
    assert _costs_at(r, BASE + 12) == [1, 0, 0, 2]     # bnez


def test_return_held_in_d_keeps_its_prediction():
    """A return that waits in D (here for the load of ra just before it, the usual
    epilogue) pops the return-address stack once, in its first cycle in D, and X checks
    it against the top it predicted then: it costs nothing, only the load's bubble before
    it (the first time, D's redirect while the buffer learns it overlaps the wait)."""
    r = run(program("""
  la s0, data
  li t1, 4
1: jal ra, 2f
  addi t1, t1, -1
  bnez t1, 1b
  j 3f
2: sd ra, 8(s0)
  ld ra, 8(s0)
  ret
3: nop
"""))
    assert r["tohost"] == 1
    assert _costs_at(r, BASE + 32) == [1, 1, 1, 1]     # ld ra: the load-use bubble
    assert _costs_at(r, BASE + 36) == [0, 0, 0, 0]     # ret
    assert _costs_at(r, BASE + 12) == [1, 0, 0, 0]     # jal ra


def test_btb_aliases_cost_cycles_not_correctness():
    """Two jumps that share a buffer row (addresses 64 bytes apart, 16 rows) alternate:
    each finds the other's entry (another tag) or its own stale one, and D redirects;
    the program still takes every jump to its own target."""
    r = run(program("""
  li t1, 3
1: jal x0, 2f
  nop
  nop
3: addi t1, t1, -1
  bnez t1, 1b
  j 9f
  .balign 64
  nop
2: jal x0, 3b
9: nop
"""))
    assert r["tohost"] == 1
    jal1 = BASE + 4
    jal2 = next(x["pc_rdata"] for x in r["retired"] if x.get("pc_wdata") == BASE + 16)
    assert (jal2 - jal1) % 64 == 0
    assert _costs_at(r, jal1) == [1, 1, 1]
    assert _costs_at(r, jal2) == [1, 1, 1]


def test_forwarding_at_every_distance():
    body = """
      li a0, 7
      addi a1, a0, 1      # distance 1
      nop
      addi a2, a0, 2      # distance 3 (register file)
      addi a3, a1, 3      # distance 3 from a1
      li t0, 8
      bne a1, t0, fail
      li t0, 9
      bne a2, t0, fail
      li t0, 11
      bne a3, t0, fail
      la s0, data
      ld t1, 0(s0)
      nop
      add t2, t1, x0      # load, distance 2
      bne t2, t1, fail
      addi x0, x0, 5      # writes to x0 are discarded
      bne x0, zero, fail
      li t3, -1
      sd t3, 8(s0)
      ld t4, 8(s0)        # load after store to the same address
      bne t4, t3, fail
    """
    r = run(program(body))
    assert r["tohost"] == 1


def test_divide_holds_the_pipeline_and_forwards():
    body = """
      li a0, 1000
      li a1, 7
      div a2, a0, a1
      addi a3, a2, 1
      li t0, 143
      bne a3, t0, fail
    """
    r = run(program(body))
    assert r["tohost"] == 1


def test_trap_is_precise():
    """A load fault: nothing after it executes, mepc/mcause/mtval describe it."""
    body = """
      la t0, handler
      csrw mtvec, t0
      li s1, 0
      li a0, 0x40000000
      ld a1, 0(a0)        # load access fault
      li s1, 1            # must not execute before the handler
    handler:
      bnez s1, fail
      csrr t1, mcause
      li t2, 5
      bne t1, t2, fail
      csrr t1, mtval
      bne t1, a0, fail
      csrr t1, mepc
      la t2, handler
      addi t2, t2, -8
      bne t1, t2, fail
    """
    r = run(program(body))
    assert r["tohost"] == 1
    traps = [x for x in r["retired"] if x.get("trap")]
    assert len(traps) == 1 and traps[0]["insn"] == 0x00053583


def test_timer_interrupt_is_taken_between_instructions():
    body = """
      la t0, handler
      csrw mtvec, t0
      li t0, 1 << 7
      csrw mie, t0
      csrsi mstatus, 8
      li s1, 0
    spin:
      addi s1, s1, 1
      j spin
    handler:
      csrr t1, mcause
      li t2, (1 << 63) | 7
      bne t1, t2, fail
    """

    def setup(ctx, dut, cycle):
        ctx.set(dut.mtip, cycle >= 60)

    r = run(program(body), setup=setup)
    assert r["tohost"] == 1
    intr = [x for x in r["retired"] if x.get("intr")]
    assert len(intr) == 1
    assert intr[0]["insn"] == 0x34202373  # csrr t1, mcause: the handler's first instruction
