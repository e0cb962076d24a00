"""The executable specification of the call-gate extension (rtl/clb/model.py), on its own:
each instruction, each trap, the CLB's round robin and invalidation forms, the CSRs, the
link stack's overflow and empty cases. That the RTL agrees with it is checked by
tests/test_callgate_core.py and, instruction by instruction, by lockstep
(tests/test_lockstep.py)."""

import copy
import random

import pytest

from rtl.clb import model as cg
from rtl.clb.model import (CSR, CallGates, Cause, CLBModel, Gate, Op, Priv, Retired,
                           SimpleMachine, Trap, clb_fill, clb_inval, encode, trap_target, xcall,
                           xret)


RAM = 0x8000_0000
LS = RAM + 0x1_0000             # the link stack: 4 records
CALLEE = RAM + 0x2000
CALLER_SATP = 8 << 60 | 7 << 44 | 0x80123      # Sv39, ASID 7
CALLEE_SATP = 8 << 60 | 9 << 44 | 0x80456      # Sv39, ASID 9
T1, T2, A0 = 6, 7, 10


def setup(records=4, gates=((7, 3, Gate(CALLEE_SATP, CALLEE, 0x42)),)):
    """A model with a link stack of ``records`` records and ``gates`` filled, and a machine
    in U-mode in ASID 7 (as a kernel would leave them)."""
    g = CallGates()
    m = SimpleMachine(priv=Priv.S, pc=RAM + 0x100, satp=CALLER_SATP)
    g.csr_write(CSR.XLSBASE, LS)
    g.csr_write(CSR.XLSPTR, LS)
    g.csr_write(CSR.XLSLIMIT, LS + 16 * records)
    for asid, index, gate in gates:
        g.csr_write(CSR.XGSATP, gate.satp)
        g.csr_write(CSR.XGPC, gate.pc)
        g.csr_write(CSR.XGBADGE, gate.badge)
        m.regs[T1], m.regs[T2] = index, asid
        assert isinstance(g.execute(clb_fill(T1, T2), m), Retired)
    m.priv = Priv.U
    m.regs = [0] * 32
    m.pc = RAM + 0x100
    return g, m


def unchanged(g, m):
    """A snapshot of everything, to check that a trap changed nothing."""
    return copy.deepcopy((g.clb.entries, g.clb.victim, g.csrs, g.top, m))


# ----------------------------------------------------------------------------- encodings

def test_encodings_and_constants_agree_with_the_rtl():
    from rtl.clb import unit

    assert (cg.BADGE_REG, cg.OPCODE) == (unit.BADGE_REG, 0b0001011)
    assert (Cause.CLB_MISS, Cause.LINK_OVERFLOW, Cause.LINK_EMPTY) == \
        (unit.CAUSE_CLB_MISS, unit.CAUSE_LINK_OVERFLOW, unit.CAUSE_LINK_EMPTY)
    assert [CSR.XLSBASE, CSR.XLSLIMIT, CSR.XLSPTR, CSR.XGSATP, CSR.XGPC, CSR.XGBADGE] == \
        [unit.CSR_XLSBASE, unit.CSR_XLSLIMIT, unit.CSR_XLSPTR, unit.CSR_XGSATP, unit.CSR_XGPC,
         unit.CSR_XGBADGE]
    assert set(unit.CallGateUnit.deleg_causes) == set(cg.DELEG_CAUSES)
    from rtl.clb.clb import INDEX_BITS
    assert INDEX_BITS == cg.INDEX_BITS


def test_decode_agrees_with_the_decoder_rows():
    """Every custom-0 word decodes in the model exactly when one of the core's decoder rows
    matches it, as the same instruction."""
    from rtl.clb.unit import CALLGATE_ROWS

    names = {"xcall": Op.XCALL, "xret": Op.XRET, "clb.fill": Op.CLB_FILL,
             "clb.inval": Op.CLB_INVAL}
    rng = random.Random(3)
    words = [rng.getrandbits(25) << 7 | 0x0b for _ in range(20000)]
    words += [encode(op, rs1=a, rs2=b, rd=d, funct3=f) for op in range(8)
              for a in (0, 1, 31) for b in (0, 2) for d in (0, 5) for f in (0, 1, 7)]
    seen = set()
    for w in words:
        rows = [r for r in CALLGATE_ROWS if w & r.mask == r.match]
        op = CallGates.decode(w)
        assert (op is not None) == bool(rows), hex(w)
        if rows:
            assert names[rows[0].name] == op
            seen.add(op)
    assert seen == set(Op)
    assert CallGates.decode(0x00000013) is None            # not custom-0


@pytest.mark.parametrize("word", [
    encode(Op.XCALL, rs1=T1, rd=1),          # rd set
    encode(Op.XCALL, rs1=T1, rs2=1),         # rs2 set
    encode(Op.XCALL, rs1=T1, funct3=1),      # funct3 set
    encode(Op.XRET, rs1=1),
    encode(Op.XRET, rs2=1),
    encode(Op.CLB_FILL, rs1=T1, rs2=T2, rd=3),
    encode(Op.CLB_INVAL, funct3=4),
    encode(4), encode(0x7f),                 # other funct7
])
@pytest.mark.parametrize("priv", [Priv.U, Priv.S, Priv.M])
def test_reserved_encodings_are_illegal(word, priv):
    g, m = setup()
    m.priv = priv
    before = unchanged(g, m)
    assert g.execute(word, m) == Trap(Cause.ILLEGAL_INSN, word)
    assert unchanged(g, m) == before


# ----------------------------------------------------------------------------- the CLB

def test_clb_tags_are_asid_and_index():
    clb = CLBModel(4)
    clb.fill(1, 3, Gate(pc=0x100))
    clb.fill(2, 3, Gate(pc=0x200))
    assert clb.lookup(1, 3) == Gate(pc=0x100)
    assert clb.lookup(2, 3) == Gate(pc=0x200)
    assert clb.lookup(3, 3) is None                  # another ASID's index
    assert clb.lookup(1, 4) is None
    assert clb.lookup(1, 3 | 1 << 32) is None        # wider than 32 bits: never
    assert clb.lookup(1, 3 | 1 << 63) is None


def test_clb_round_robin_and_refill_in_place():
    clb = CLBModel(4)
    assert [clb.fill(0, i, Gate(pc=i)) for i in range(4)] == [0, 1, 2, 3]
    # Same tag: replaced in place, the victim does not move.
    assert clb.fill(0, 2, Gate(pc=0x22)) == 2 and clb.victim == 0
    assert clb.lookup(0, 2) == Gate(pc=0x22)
    # The next new tag evicts entry 0 (the oldest fill), then 1...
    assert clb.fill(0, 10, Gate(pc=10)) == 0
    assert clb.lookup(0, 0) is None and clb.lookup(0, 10) == Gate(pc=10)
    assert clb.fill(0, 11, Gate(pc=11)) == 1
    assert clb.lookup(0, 1) is None
    # The victim goes round even over an invalid entry (no search for a free one).
    clb.inval(asid=0, index=3)
    assert clb.fill(0, 12, Gate()) == 2 and clb.fill(0, 13, Gate()) == 3
    assert clb.fill(0, 14, Gate()) == 0                          # wraps
    # A fill of a tag whose entry was invalidated is a new fill, not in place.
    clb.inval(asid=0, index=14)
    assert clb.fill(0, 14, Gate()) == 1


def test_clb_entries_parameter():
    assert len(CLBModel().entries) == 8
    assert CLBModel(1).fill(0, 1, Gate()) == 0
    for bad in (0, 3, 6, -2, 2.0):
        with pytest.raises(ValueError):
            CLBModel(bad)


@pytest.mark.parametrize("asid, index, left", [
    (None, None, set()),                                   # every entry
    (1, None, {(2, 3), (2, 4)}),                           # one ASID
    (None, 3, {(1, 4), (2, 4)}),                           # one index, every ASID
    (2, 4, {(1, 3), (1, 4), (2, 3)}),                      # one entry
    (3, None, {(1, 3), (1, 4), (2, 3), (2, 4)}),           # nothing of that ASID
    (None, 3 | 1 << 32, {(1, 3), (1, 4), (2, 3), (2, 4)}), # a wide index matches nothing
])
def test_clb_invalidation_forms(asid, index, left):
    clb = CLBModel(8)
    for a, i in [(1, 3), (1, 4), (2, 3), (2, 4)]:
        clb.fill(a, i, Gate(pc=a << 8 | i))
    victim = clb.victim
    clb.inval(asid=asid, index=index)
    assert clb.valid_tags() == left
    assert clb.victim == victim


# ----------------------------------------------------------------------------- xcall

def test_xcall_hit():
    g, m = setup()
    m.regs[T1] = 3
    m.regs[A0] = 0x1234
    regs = list(m.regs)
    out = g.execute(xcall(T1), m)
    ret = RAM + 0x104
    assert out == Retired(CALLEE, rd=5, rd_value=0x42, satp=CALLEE_SATP,
                          writes=[(LS, ret), (LS + 8, CALLER_SATP)])
    assert (m.pc, m.satp, m.priv) == (CALLEE, CALLEE_SATP, Priv.U)
    assert m.memory == {LS: ret, LS + 8: CALLER_SATP}
    assert g.xlsptr == LS + 16 and (g.top.valid, g.top.pc, g.top.satp) == (True, ret,
                                                                            CALLER_SATP)
    # t0 gets the badge; every other register (a0..a7 included) is unchanged.
    assert m.regs == regs[:5] + [0x42] + regs[6:]


def test_xcall_from_s_mode_keeps_s_mode():
    g, m = setup()
    m.priv = Priv.S
    m.regs[T1] = 3
    assert isinstance(g.execute(xcall(T1), m), Retired) and m.priv == Priv.S


@pytest.mark.parametrize("index", [4, 0, 3 | 1 << 32, (1 << 64) - 1])
def test_xcall_clb_miss(index):
    g, m = setup()
    m.regs[T1] = index
    before = unchanged(g, m)
    assert g.execute(xcall(T1), m) == Trap(Cause.CLB_MISS, index)
    assert unchanged(g, m) == before


def test_xcall_other_asids_gate_misses():
    """Gate 3 exists for ASID 7; the same index from ASID 8 misses."""
    g, m = setup()
    m.satp = 8 << 60 | 8 << 44
    m.regs[T1] = 3
    assert g.execute(xcall(T1), m) == Trap(Cause.CLB_MISS, 3)


def test_xcall_link_overflow_and_xret_link_empty():
    """Four nested calls fill a four-record stack; the fifth overflows (stval = xlsptr);
    four xret unwind it and the fifth finds it empty (stval = xlsptr = xlsbase)."""
    g, m = setup(records=4, gates=((7, 3, Gate(CALLER_SATP, CALLEE, 1)),))
    m.regs[T1] = 3
    for k in range(4):
        assert isinstance(g.execute(xcall(T1), m), Retired)
        assert g.xlsptr == LS + 16 * (k + 1)
    before = unchanged(g, m)
    assert g.execute(xcall(T1), m) == Trap(Cause.LINK_OVERFLOW, LS + 64)
    assert unchanged(g, m) == before
    rets = []
    for k in range(4):
        out = g.execute(xret(), m)
        rets.append(out.next_pc)
        # Only the first comes from the top-of-stack register, the others from memory.
        assert out.reads == ([] if k == 0 else [LS + 48 - 16 * k, LS + 56 - 16 * k])
    assert rets == [CALLEE + 4] * 3 + [RAM + 0x104] and m.satp == CALLER_SATP
    before = unchanged(g, m)
    assert g.execute(xret(), m) == Trap(Cause.LINK_EMPTY, LS)
    assert unchanged(g, m) == before


def test_xcall_overflow_check_does_not_wrap():
    g, m = setup()
    g.csr_write(CSR.XLSPTR, (1 << 64) - 16)
    g.csr_write(CSR.XLSLIMIT, (1 << 64) - 16)
    m.regs[T1] = 3
    assert g.execute(xcall(T1), m) == Trap(Cause.LINK_OVERFLOW, (1 << 64) - 16)


def test_xcall_link_stack_outside_ram_is_a_store_access_fault():
    g, m = setup()
    g.csr_write(CSR.XLSBASE, 0x1000)
    g.csr_write(CSR.XLSPTR, 0x1000)
    g.csr_write(CSR.XLSLIMIT, 0x2000)
    m.regs[T1] = 3
    assert g.execute(xcall(T1), m) == Trap(Cause.STORE_ACCESS, 0x1000)
    # The miss is checked first, then the overflow, then the access.
    m.regs[T1] = 4
    assert g.execute(xcall(T1), m) == Trap(Cause.CLB_MISS, 4)
    g.csr_write(CSR.XLSLIMIT, 0x1000)
    m.regs[T1] = 3
    assert g.execute(xcall(T1), m) == Trap(Cause.LINK_OVERFLOW, 0x1000)


def test_xcall_and_xret_are_illegal_in_m_mode():
    g, m = setup()
    m.priv = Priv.M
    m.regs[T1] = 3
    assert g.execute(xcall(T1), m) == Trap(Cause.ILLEGAL_INSN, xcall(T1))
    assert g.execute(xret(), m) == Trap(Cause.ILLEGAL_INSN, xret())


def test_a_gate_cannot_hold_a_reserved_satp_mode():
    """xgsatp is WARL: staging a reserved MODE leaves the previous (legal) value, which the
    gate and the xcall get."""
    g, m = setup(gates=((7, 3, Gate(5 << 60 | 1, CALLEE, 0)),))
    m.regs[T1] = 3
    assert g.execute(xcall(T1), m).satp == 0 and m.satp == 0


# ----------------------------------------------------------------------------- xret

def test_xret_uses_the_top_record_over_memory():
    """A record rewritten in memory is not seen while the top-of-stack register holds it;
    after a write to a link-stack CSR, xret reads memory."""
    g, m = setup()
    m.regs[T1] = 3
    g.execute(xcall(T1), m)
    m.memory[LS] = RAM + 0x800
    m.memory[LS + 8] = 0x1234
    out = g.execute(xret(), m)
    assert (out.next_pc, out.satp, out.reads) == (RAM + 0x104, CALLER_SATP, [])

    g, m = setup()
    m.regs[T1] = 3
    g.execute(xcall(T1), m)
    m.memory[LS] = RAM + 0x800
    m.memory[LS + 8] = 0x1234
    g.csr_write(CSR.XLSPTR, g.xlsptr)            # the same value: still drops the top record
    assert not g.top.valid
    out = g.execute(xret(), m)
    assert (out.next_pc, out.satp, out.reads) == (RAM + 0x800, 0x1234, [LS, LS + 8])
    assert (m.pc, m.satp, g.xlsptr, g.top.valid) == (RAM + 0x800, 0x1234, LS, False)


def test_xret_writes_no_register():
    g, m = setup()
    m.regs[T1] = 3
    g.execute(xcall(T1), m)
    regs = list(m.regs)
    out = g.execute(xret(), m)
    assert out.rd == 0 and m.regs == regs


def test_xret_below_base_is_empty():
    g, m = setup()
    g.csr_write(CSR.XLSPTR, LS - 16)
    assert g.execute(xret(), m) == Trap(Cause.LINK_EMPTY, LS - 16)


def test_xret_link_stack_outside_ram_is_a_load_access_fault():
    g, m = setup()
    g.csr_write(CSR.XLSBASE, 0x1000)
    g.csr_write(CSR.XLSPTR, 0x1010)
    assert g.execute(xret(), m) == Trap(Cause.LOAD_ACCESS, 0x1000)


# ----------------------------------------------------------------------------- CLB management

@pytest.mark.parametrize("priv, tvm, legal", [
    (Priv.U, 0, False), (Priv.S, 0, True), (Priv.S, 1, False), (Priv.M, 0, True),
    (Priv.M, 1, True)])
def test_clb_management_privilege(priv, tvm, legal):
    for word in (clb_fill(T1, T2), clb_inval(T1, T2), clb_inval(0, 0)):
        g, m = setup()
        m.priv = priv
        m.mstatus = tvm << 20
        m.regs[T1], m.regs[T2] = 3, 7
        out = g.execute(word, m)
        if legal:
            assert out == Retired(RAM + 0x104) and m.pc == RAM + 0x104
        else:
            assert out == Trap(Cause.ILLEGAL_INSN, word) and m.pc == RAM + 0x100


def test_clb_fill_takes_the_staged_gate_and_truncates_the_tag():
    g, m = setup(gates=())
    m.priv = Priv.S
    g.csr_write(CSR.XGSATP, 0xdead)
    g.csr_write(CSR.XGPC, 0x8000_0123)            # bits 1..0 read zero
    g.csr_write(CSR.XGBADGE, 0xbeef)
    m.regs[T1], m.regs[T2] = 1 << 32 | 5, 0xabc_0009
    g.execute(clb_fill(T1, T2), m)
    assert g.clb.valid_tags() == {(9, 5)}
    assert g.clb.lookup(9, 5) == Gate(0xdead, 0x8000_0120, 0xbeef)


def test_clb_inval_forms_follow_register_numbers():
    """x0 means "any"; a register holding 0 means index (or ASID) 0."""
    def after(rs1, rs2, v1=0, v2=0):
        g, m = setup(gates=[(a, i, Gate()) for a in (0, 7) for i in (0, 3)])
        m.priv = Priv.S
        m.regs[T1], m.regs[T2] = v1, v2
        g.execute(clb_inval(rs1, rs2), m)
        return g.clb.valid_tags()

    assert after(0, 0) == set()
    assert after(0, T2, v2=7) == {(0, 0), (0, 3)}
    assert after(T1, 0, v1=3) == {(0, 0), (7, 0)}
    assert after(T1, T2, v1=3, v2=7) == {(0, 0), (0, 3), (7, 0)}
    assert after(T1, 0, v1=0) == {(0, 3), (7, 3)}                 # index 0, not "all"
    assert after(0, T2, v2=0) == {(7, 0), (7, 3)}                 # ASID 0, not "all"
    assert after(T1, 0, v1=1 << 32) == {(0, 0), (0, 3), (7, 0), (7, 3)}


# ----------------------------------------------------------------------------- CSRs

def csr_insn(op, csr, rd=0, rs1=0):
    """csrrw (1), csrrs (2), csrrc (3); +4: the immediate forms."""
    return csr << 20 | rs1 << 15 | op << 12 | rd << 7 | 0x73


@pytest.mark.parametrize("csr, zero", [(CSR.XLSBASE, 0xf), (CSR.XLSLIMIT, 0xf),
                                       (CSR.XLSPTR, 0xf), (CSR.XGSATP, 0), (CSR.XGPC, 3),
                                       (CSR.XGBADGE, 0)])
def test_csr_legalisation(csr, zero):
    g = CallGates()
    ones = (1 << 64) - 1 if csr != CSR.XGSATP else 0x8fff_ffff_ffff_ffff   # Sv39, all else 1
    assert g.csr_read(csr) == 0
    assert g.csr_write(csr, ones) == ones & ~zero == g.csr_read(csr)


@pytest.mark.parametrize("mode", range(16))
def test_xgsatp_is_warl_like_satp(mode):
    """A MODE other than Bare (0) or Sv39 (8) is not written: the value stays."""
    g = CallGates()
    g.csr_write(CSR.XGSATP, 8 << 60 | 0x1234)
    value = mode << 60 | 0x5678
    after = g.csr_write(CSR.XGSATP, value)
    assert after == g.csr_read(CSR.XGSATP) == (value if mode in (0, 8) else 8 << 60 | 0x1234)


def test_csr_instructions():
    g, m = setup()
    m.priv = Priv.S
    m.regs[T1] = 0x8000_00ff
    out = g.execute(csr_insn(1, CSR.XGPC, rd=A0, rs1=T1), m)           # csrrw a0, xgpc, t1
    assert out == Retired(RAM + 0x104, rd=A0, rd_value=CALLEE,
                          csr_write=(CSR.XGPC, 0x8000_00fc))
    assert m.regs[A0] == CALLEE
    m.regs[T1] = 0xf0
    out = g.execute(csr_insn(3, CSR.XGPC, rs1=T1), m)                  # csrc xgpc, t1
    assert out.csr_write == (CSR.XGPC, 0x8000_000c) and out.rd == 0
    out = g.execute(csr_insn(6, CSR.XGBADGE, rs1=5), m)                # csrsi xgbadge, 5
    assert out.csr_write == (CSR.XGBADGE, 0x47)
    out = g.execute(csr_insn(5, CSR.XGBADGE, rd=A0, rs1=0), m)         # csrrwi a0, .., 0
    assert (out.rd_value, out.csr_write, m.regs[A0]) == (0x47, (CSR.XGBADGE, 0), 0x47)
    out = g.execute(csr_insn(2, CSR.XLSPTR, rd=A0), m)                 # csrr: no write
    assert out.csr_write is None and m.regs[A0] == LS


def test_csr_writes_drop_the_top_record_only_for_the_link_stack():
    for csr, op, rs1, drops in [(CSR.XGSATP, 1, T2, False), (CSR.XGBADGE, 2, T2, False),
                                (CSR.XLSPTR, 2, 0, False),       # csrr: reads only
                                (CSR.XLSPTR, 2, T2, True),       # csrs of zero: a write
                                (CSR.XLSBASE, 3, T2, True), (CSR.XLSLIMIT, 2, T2, True)]:
        g, m = setup()
        m.regs[T1] = 3
        g.execute(xcall(T1), m)
        m.priv = Priv.S
        m.regs[T2] = 0
        assert isinstance(g.execute(csr_insn(op, csr, rs1=rs1), m), Retired)
        assert g.top.valid != drops, (csr, op, rs1)


@pytest.mark.parametrize("csr", list(CSR))
def test_csrs_are_illegal_from_u_mode(csr):
    g, m = setup()
    for word in (csr_insn(2, csr, rd=A0), csr_insn(1, csr, rs1=T1)):
        before = unchanged(g, m)
        assert g.execute(word, m) == Trap(Cause.ILLEGAL_INSN, word)
        assert unchanged(g, m) == before


def test_handles():
    g = CallGates()
    assert g.handles(xcall(1)) and g.handles(encode(9, funct3=3))     # any custom-0 word
    assert g.handles(csr_insn(2, CSR.XLSBASE, rd=1))
    assert not g.handles(csr_insn(2, 0x5C3, rd=1))                    # no such CSR
    assert not g.handles(csr_insn(2, 0x300, rd=1))
    assert not g.handles(csr_insn(0, CSR.XLSBASE))                    # funct3 0: not Zicsr
    assert not g.handles(0x00000013)


# ----------------------------------------------------------------------------- delegation

def test_trap_target():
    deleg = 1 << 24 | 1 << 26
    assert trap_target(Cause.CLB_MISS, Priv.U, deleg) == Priv.S
    assert trap_target(Cause.CLB_MISS, Priv.S, deleg) == Priv.S
    assert trap_target(Cause.LINK_OVERFLOW, Priv.U, deleg) == Priv.M
    assert trap_target(Cause.LINK_EMPTY, Priv.U, deleg) == Priv.S
    assert trap_target(Cause.CLB_MISS, Priv.M, deleg) == Priv.M
    assert cg.MEDELEG_BITS == 7 << 24
