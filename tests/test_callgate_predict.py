"""The gate predictor (Amaranth simulator): D fetches the target an xcall site went to last
time; X checks it against the CLB. A repeated xcall costs no bubble once the fetch has
learned it (the first prediction at a site costs D's redirect, one cycle, while the branch
target buffer learns that the site is an xcall); a site whose gate changed, or one not seen
before, costs X's redirect (three cycles: X kills D and X in the cycle after the xcall, and
the target is fetched in the next), and is never wrong."""

from core_harness import run
from test_callgate_core import FILL, XCALL, program

XCALL_T1 = 0x0003000b   # xcall t1 (the encoding the programs below use)

# Gate 3 adds 1 to a0 (PROLOGUE's callee); gate 7 adds 100. One xcall site calls the gates
# listed in the data table `seq` (0-terminated) in turn.
BODY = """
  li a0, 0
  la s5, seq
loop:
  ld t1, 0(s5)
  beqz t1, done
  nop
  nop
  """ + XCALL.format(rs1="t1") + """
  addi s5, s5, 8
  j loop
done:
  li t2, {want}
  bne a0, t2, fail
"""


def _program(seq):
    want = sum(1 if g == 3 else 100 for g in seq)
    src = program(BODY.format(want=want)).replace("""  li s2, -1
  li s3, 0
""", """  la t0, callee2
  csrw 0x5c5, t0
  li t1, 7
  """ + FILL.format(rs1="t1", rs2="x0") + """
  li s2, -1
  li s3, 0
""")
    return src + """
.section .text.init
callee2:
  addi a0, a0, 100
  .insn r 0x0b, 0, 1, x0, x0, x0
.data
.align 3
seq: .dword """ + ", ".join(str(g) for g in seq + [0]) + "\n"


# Cycles from an xcall's retirement to the next one's: predicted (by D the first time at a
# site, then by the fetch), and redirected by X.
FIRST_PREDICTED, PREDICTED, REDIRECTED = 2, 1, 4


def _xcall_gaps(r):
    """For each retired xcall: (the cycles until the next retirement, that one's pc)."""
    retired = [x for x in r["retired"] if "insn" in x]
    gaps = []
    for a, b in zip(retired, retired[1:]):
        if a["insn"] == XCALL_T1 and not a.get("trap"):
            assert b["pc_rdata"] == a["pc_wdata"], "the instruction after an xcall is its target"
            gaps.append((b["cycle"] - a["cycle"], b["pc_rdata"]))
    return gaps


def test_repeated_site_is_predicted():
    r = run(_program([3, 3, 3, 3]), max_cycles=4000)
    assert r["tohost"] == 1
    gaps = _xcall_gaps(r)
    assert len(gaps) == 4
    # The first call is not predicted (X redirects: three bubbles), the others are.
    assert [g for g, _ in gaps] == [REDIRECTED, FIRST_PREDICTED, PREDICTED, PREDICTED]


def test_changed_gate_at_a_site_is_corrected():
    seq = [3, 3, 7, 7, 3, 7]
    r = run(_program(seq), max_cycles=6000)
    assert r["tohost"] == 1                  # a0 summed every callee once, in order
    gaps = _xcall_gaps(r)
    assert len(gaps) == len(seq)
    targets = [pc for _, pc in gaps]
    assert targets[0] == targets[1] == targets[4] and targets[2] == targets[3] == targets[5]
    assert targets[0] != targets[2]
    # Predicted exactly when the site went to the same gate the time before; the fetch
    # knows the site is an xcall from the first prediction on.
    want, learned = [REDIRECTED], False
    for i in range(1, len(seq)):
        if seq[i] == seq[i - 1]:
            want.append(PREDICTED if learned else FIRST_PREDICTED)
            learned = True
        else:
            want.append(REDIRECTED)
    assert [g for g, _ in gaps] == want


def test_drain_store_is_not_the_callees():
    """A predicted xcall into a callee whose first instruction is xret: the xret executes in
    the cycle the xcall's second link-record store drains. Both stores reach memory (the
    record written holds the caller's satp), and RVFI gives the xcall its own store only,
    the xret none."""
    src = _program([7, 7, 7]).replace("""callee2:
  addi a0, a0, 100
  .insn""", """callee2:
  .insn""").replace("li t2, 300", "li t2, 0")
    src = src.replace("""done:
  li t2, 0
  bne a0, t2, fail
""", """done:
  li t2, 0
  bne a0, t2, fail
  la t2, lstack
  ld t3, 0(t2)
  la t4, retaddr
  bne t3, t4, fail
""").replace("""  addi s5, s5, 8
  j loop""", """retaddr:
  addi s5, s5, 8
  j loop""")
    r = run(src, max_cycles=4000)
    assert r["tohost"] == 1
    retired = [x for x in r["retired"] if "insn" in x]
    xcalls = [x for x in retired if x["insn"] == XCALL_T1]
    xrets = [x for x in retired if x["insn"] == 0x0200000b]
    assert len(xcalls) == 3 and len(xrets) == 3
    assert all(x["mem_wmask"] == 0xff and x["mem_wdata"] == x["pc_rdata"] + 4 for x in xcalls)
    assert all(x["mem_wmask"] == 0 and x["mem_rmask"] == 0 for x in xrets)
    gaps = _xcall_gaps(r)
    assert [g for g, _ in gaps] == [REDIRECTED, FIRST_PREDICTED, PREDICTED]
