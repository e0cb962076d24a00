"""Unit tests of the core's execution units in the Amaranth simulator, against Python
reference functions written from the ISA manual."""

import random

import pytest
from amaranth.sim import Simulator

from rtl.core.alu import ALU, BranchCompare, Shifter
from rtl.core.btb import BranchTargetBuffer, Kind
from rtl.core.decoder import AluOp
from rtl.core.lsu import LoadAlign, StoreAlign
from rtl.core.muldiv import Divider, Multiplier

M64 = (1 << 64) - 1
EDGES = [0, 1, 2, 31, 32, 63, 64, 0x7fffffff, 0x80000000, 0xffffffff, 0x100000000,
         0x7fffffffffffffff, 0x8000000000000000, M64, M64 - 1, 0x123456789abcdef0,
         0xffffffff80000000, 0x00000000ffff8000]


def s64(x):
    x &= M64
    return x - (1 << 64) if x >> 63 else x


def s32(x):
    x &= 0xffffffff
    return x - (1 << 32) if x >> 31 else x


def sext32(x):
    return s32(x) & M64


def vectors(n, seed):
    rng = random.Random(seed)
    pairs = [(a, b) for a in EDGES for b in EDGES]
    pairs += [(rng.getrandbits(64), rng.getrandbits(64)) for _ in range(n)]
    pairs += [(rng.getrandbits(64), rng.randrange(64)) for _ in range(n // 4)]
    return pairs


def alu_ref(op, word, a, b):
    if word:
        if op == AluOp.ADD:
            return sext32(a + b)
        if op == AluOp.SUB:
            return sext32(a - b)
        if op == AluOp.SLL:
            return sext32(a << (b & 31))
        if op == AluOp.SRL:
            return sext32((a & 0xffffffff) >> (b & 31))
        if op == AluOp.SRA:
            return sext32(s32(a) >> (b & 31))
        raise ValueError(op)
    return {
        AluOp.ADD: lambda: (a + b) & M64,
        AluOp.SUB: lambda: (a - b) & M64,
        AluOp.SLL: lambda: (a << (b & 63)) & M64,
        AluOp.SLT: lambda: int(s64(a) < s64(b)),
        AluOp.SLTU: lambda: int(a < b),
        AluOp.XOR: lambda: a ^ b,
        AluOp.SRL: lambda: a >> (b & 63),
        AluOp.SRA: lambda: (s64(a) >> (b & 63)) & M64,
        AluOp.OR: lambda: a | b,
        AluOp.AND: lambda: a & b,
    }[op]()


def run_comb(dut, bench):
    sim = Simulator(dut)
    sim.add_testbench(bench)
    sim.run()


@pytest.mark.parametrize("op,word", [(op, 0) for op in AluOp] +
                         [(op, 1) for op in (AluOp.ADD, AluOp.SUB, AluOp.SLL, AluOp.SRL,
                                             AluOp.SRA)])
def test_alu(op, word):
    dut = ALU()
    failures = []

    async def bench(ctx):
        ctx.set(dut.op, op)
        ctx.set(dut.word, word)
        for a, b in vectors(150, seed=int(op.value) * 2 + word):
            ctx.set(dut.a, a)
            ctx.set(dut.b, b)
            got = ctx.get(dut.result)
            want = alu_ref(op, word, a, b)
            if got != want:
                failures.append((hex(a), hex(b), hex(got), hex(want)))

    run_comb(dut, bench)
    assert not failures, f"{op} word={word}: {failures[:5]}"


def test_shifter_directions():
    dut = Shifter()

    async def bench(ctx):
        for left, arith, word in [(1, 0, 0), (0, 0, 0), (0, 1, 0), (1, 0, 1), (0, 0, 1),
                                  (0, 1, 1)]:
            for value, amount in vectors(40, seed=7):
                amount &= 63
                ctx.set(dut.value, value)
                ctx.set(dut.amount, amount)
                ctx.set(dut.left, left)
                ctx.set(dut.arith, arith)
                ctx.set(dut.word, word)
                op = AluOp.SLL if left else AluOp.SRA if arith else AluOp.SRL
                assert ctx.get(dut.result) == alu_ref(op, word, value, amount), \
                    (left, arith, word, hex(value), amount)

    run_comb(dut, bench)


def test_branch_compare():
    dut = BranchCompare()
    ref = {
        0: lambda a, b: a == b, 1: lambda a, b: a != b,
        4: lambda a, b: s64(a) < s64(b), 5: lambda a, b: s64(a) >= s64(b),
        6: lambda a, b: a < b, 7: lambda a, b: a >= b,
    }

    async def bench(ctx):
        for f3, fn in ref.items():
            ctx.set(dut.funct3, f3)
            for a, b in vectors(60, seed=f3) + [(x, x) for x in EDGES]:
                ctx.set(dut.a, a)
                ctx.set(dut.b, b)
                assert ctx.get(dut.taken) == int(fn(a, b)), (f3, hex(a), hex(b))

    run_comb(dut, bench)


def mul_ref(f3, word, a, b):
    if word:
        return sext32(a * b)
    if f3 == 0:
        return (a * b) & M64
    if f3 == 1:
        return ((s64(a) * s64(b)) >> 64) & M64
    if f3 == 2:
        return ((s64(a) * b) >> 64) & M64
    return (a * b) >> 64


def test_multiplier_pipelined():
    """A multiply may start every cycle; each result appears one cycle after it starts."""
    dut = Multiplier()
    ops = [(f3, 0) for f3 in range(4)] + [(0, 1)]
    stream = [(f3, w, a, b) for (a, b) in vectors(60, seed=3) for (f3, w) in ops]

    async def bench(ctx):
        ctx.set(dut.x_en, 1)
        ctx.set(dut.x_valid, 1)
        for f3, w, a, b in stream:
            ctx.set(dut.x_funct3, f3)
            ctx.set(dut.x_word, w)
            ctx.set(dut.x_a, a)
            ctx.set(dut.x_b, b)
            await ctx.tick()
            assert ctx.get(dut.m_result) == mul_ref(f3, w, a, b), (f3, w, hex(a), hex(b))

    sim = Simulator(dut)
    sim.add_clock(1e-6)
    sim.add_testbench(bench)
    sim.run()


def test_multiplier_holds_when_not_enabled():
    dut = Multiplier()

    async def bench(ctx):
        ctx.set(dut.x_en, 1)
        ctx.set(dut.x_a, 6)
        ctx.set(dut.x_b, 7)
        await ctx.tick()
        ctx.set(dut.x_en, 0)
        ctx.set(dut.x_a, 100)
        await ctx.tick()
        assert ctx.get(dut.m_result) == 42

    sim = Simulator(dut)
    sim.add_clock(1e-6)
    sim.add_testbench(bench)
    sim.run()


def div_ref(f3, word, a, b):
    if word:
        a, b = (s32(a), s32(b)) if f3 in (4, 6) else (a & 0xffffffff, b & 0xffffffff)
        bits = 32
    else:
        a, b = (s64(a), s64(b)) if f3 in (4, 6) else (a, b)
        bits = 64
    mask = (1 << bits) - 1
    if b == 0:
        q, r = -1, a
    elif f3 in (4, 6) and a == -(1 << (bits - 1)) and b == -1:
        q, r = a, 0
    else:
        q = abs(a) // abs(b)
        if (a < 0) != (b < 0):
            q = -q
        r = a - q * b
    res = q if f3 in (4, 5) else r
    res &= mask
    return sext32(res) if word else res


@pytest.mark.parametrize("f3", [4, 5, 6, 7])
@pytest.mark.parametrize("word", [0, 1])
def test_divider(f3, word):
    dut = Divider()
    rng = random.Random(f3 * 10 + word)
    cases = [(a, b) for a in EDGES[::2] for b in EDGES[::3]]
    cases += [(rng.getrandbits(64), rng.getrandbits(rng.choice([3, 17, 33, 64])))
              for _ in range(30)]

    async def bench(ctx):
        ctx.set(dut.funct3, f3)
        ctx.set(dut.word, word)
        for a, b in cases:
            ctx.set(dut.a, a)
            ctx.set(dut.b, b)
            ctx.set(dut.start, 1)
            await ctx.tick()
            ctx.set(dut.start, 0)
            cycles = 1
            while not ctx.get(dut.done):
                assert ctx.get(dut.busy)
                await ctx.tick()
                cycles += 1
            assert cycles <= 66
            assert ctx.get(dut.result) == div_ref(f3, word, a, b), (hex(a), hex(b))
            await ctx.tick()
            assert not ctx.get(dut.busy)

    sim = Simulator(dut)
    sim.add_clock(1e-6)
    sim.add_testbench(bench)
    sim.run()


def test_store_align():
    dut = StoreAlign()

    async def bench(ctx):
        ctx.set(dut.data, 0x1122334455667788)
        for size in range(4):
            n = 1 << size
            for addr in range(0, 8, n):
                ctx.set(dut.size, size)
                ctx.set(dut.addr, addr)
                sel = ctx.get(dut.sel)
                wdata = ctx.get(dut.wdata)
                assert sel == ((1 << n) - 1) << addr
                lanes = wdata.to_bytes(8, "little")[addr:addr + n]
                assert lanes == (0x1122334455667788).to_bytes(8, "little")[:n]

    run_comb(dut, bench)


def test_load_align():
    dut = LoadAlign()
    word = 0xf1e2d3c4b5a69788
    raw = word.to_bytes(8, "little")

    async def bench(ctx):
        ctx.set(dut.rdata, word)
        for size in range(4):
            n = 1 << size
            for addr in range(0, 8, n):
                for unsigned in (0, 1):
                    if size == 3 and unsigned:
                        continue
                    ctx.set(dut.size, size)
                    ctx.set(dut.addr, addr)
                    ctx.set(dut.unsigned, unsigned)
                    value = int.from_bytes(raw[addr:addr + n], "little")
                    if not unsigned and value >> (8 * n - 1):
                        value -= 1 << (8 * n)
                    assert ctx.get(dut.data) == value & M64, (size, addr, unsigned)

    run_comb(dut, bench)


def test_btb_answers_the_next_cycle_by_index_and_tag():
    dut = BranchTargetBuffer(16)
    A, B = 0x8000_1040, 0x8000_1080          # the same row (bits [2:6]), other tags
    C = 0x8000_1044                           # the next row

    async def bench(ctx):
        async def lookup(pc):
            ctx.set(dut.lookup_pc, pc)
            await ctx.tick()
            return ctx.get(dut.hit), Kind(ctx.get(dut.kind)), ctx.get(dut.target)

        assert (await lookup(A))[0] == 0                 # starts empty
        ctx.set(dut.we, 1)
        ctx.set(dut.wpc, A)
        ctx.set(dut.wvalid, 1)
        ctx.set(dut.wkind, Kind.TARGET)
        ctx.set(dut.wtarget, 0x8000_2000)
        await ctx.tick()
        ctx.set(dut.wpc, C)
        ctx.set(dut.wkind, Kind.XCALL)
        ctx.set(dut.wtarget, 0)
        await ctx.tick()
        ctx.set(dut.we, 0)
        assert await lookup(A) == (1, Kind.TARGET, 0x8000_2000)
        assert (await lookup(C))[:2] == (1, Kind.XCALL)
        assert (await lookup(B))[0] == 0                 # same row, another tag
        assert (await lookup(A + (1 << 39)))[0] == 1     # tag: bits up to 39 only
        # B takes the row; then A's jump is cleared (D no longer predicts it taken).
        ctx.set(dut.we, 1)
        ctx.set(dut.wpc, B)
        ctx.set(dut.wkind, Kind.RET)
        await ctx.tick()
        ctx.set(dut.we, 0)
        assert (await lookup(A))[0] == 0
        assert (await lookup(B))[:2] == (1, Kind.RET)
        ctx.set(dut.we, 1)
        ctx.set(dut.wvalid, 0)
        await ctx.tick()
        ctx.set(dut.we, 0)
        assert (await lookup(B))[0] == 0
        assert (await lookup(C))[0] == 1

    sim = Simulator(dut)
    sim.add_clock(1e-6)
    sim.add_testbench(bench)
    sim.run()


@pytest.mark.parametrize("entries", [0, 1, 12, "16"])
def test_btb_entries_must_be_a_power_of_two(entries):
    with pytest.raises(ValueError, match=rf"^BTB entries must be a power of two of at least 2, "
                                         rf"not {entries!r}$"):
        BranchTargetBuffer.check_entries(entries)   # (what the BTB and the core call)
