"""The table-driven decoder: every row decodes its own encodings, at most one row matches any
word, reserved encodings are illegal, and malformed tables are rejected."""

import random
import re

import pytest
from amaranth.sim import Simulator

from core_harness import assemble
from rtl.core.decoder import Control, Decoder, Fu, Row, check_rows
from rtl.core.rv64 import RV64IMA_ROWS

# One instance of every instruction, as the GNU assembler encodes it.
SAMPLES = """
lui a0, 0x12345; auipc a1, 0xfffff; jal ra, .+8; jalr t0, 12(a1)
beq a0, a1, .+8; bne a0, a1, .-8; blt a0, a1, .+16; bge a0, a1, .+16
bltu a0, a1, .+16; bgeu a0, a1, .+16
lb a0, -1(a1); lh a0, 2(a1); lw a0, 4(a1); ld a0, 8(a1); lbu a0, 1(a1); lhu a0, 2(a1)
lwu a0, 4(a1); sb a0, 1(a1); sh a0, 2(a1); sw a0, 4(a1); sd a0, -8(a1)
addi a0, a1, -5; slti a0, a1, 3; sltiu a0, a1, 3; xori a0, a1, -1; ori a0, a1, 7
andi a0, a1, 7; slli a0, a1, 63; srli a0, a1, 33; srai a0, a1, 63
add a0, a1, a2; sub a0, a1, a2; sll a0, a1, a2; slt a0, a1, a2; sltu a0, a1, a2
xor a0, a1, a2; srl a0, a1, a2; sra a0, a1, a2; or a0, a1, a2; and a0, a1, a2
addiw a0, a1, -1; slliw a0, a1, 31; srliw a0, a1, 31; sraiw a0, a1, 31
addw a0, a1, a2; subw a0, a1, a2; sllw a0, a1, a2; srlw a0, a1, a2; sraw a0, a1, a2
fence; fence rw, w; fence.i
mul a0, a1, a2; mulh a0, a1, a2; mulhsu a0, a1, a2; mulhu a0, a1, a2
div a0, a1, a2; divu a0, a1, a2; rem a0, a1, a2; remu a0, a1, a2
mulw a0, a1, a2; divw a0, a1, a2; divuw a0, a1, a2; remw a0, a1, a2; remuw a0, a1, a2
lr.w a0, (a1); sc.w a0, a2, (a1); lr.d.aqrl a0, (a1); sc.d.rl a0, a2, (a1)
amoswap.w a0, a2, (a1); amoadd.w a0, a2, (a1); amoxor.w a0, a2, (a1)
amoand.w a0, a2, (a1); amoor.w a0, a2, (a1); amomin.w a0, a2, (a1)
amomax.w a0, a2, (a1); amominu.w a0, a2, (a1); amomaxu.w a0, a2, (a1)
amoswap.d.aq a0, a2, (a1); amoadd.d a0, a2, (a1); amoxor.d a0, a2, (a1)
amoand.d a0, a2, (a1); amoor.d a0, a2, (a1); amomin.d a0, a2, (a1)
amomax.d a0, a2, (a1); amominu.d a0, a2, (a1); amomaxu.d a0, a2, (a1)
csrrw a0, mscratch, a1; csrrs a0, mscratch, a1; csrrc a0, mscratch, a1
csrrwi a0, mscratch, 5; csrrsi a0, mscratch, 5; csrrci a0, mscratch, 5
ecall; ebreak; mret; wfi; sret; sfence.vma; sfence.vma a0; sfence.vma a0, a1
"""

# Words that look like instructions but have a reserved field set.
ILLEGAL = {
    0x00000000: "all zero",
    0xffffffff: "all ones",
    0x40001033: "sll with funct7 0100000",
    0x04001013: "slli with insn[26] set (funct6 must be 000000)",
    0x0200101b: "slliw with shamt[5] set",
    0x4200501b: "sraiw with shamt[5] set",
    0x1015a52f: "lr.w with rs2 = 1",
    0x00000073 | 1 << 7: "ecall with rd set",
    0x30200073 | 1 << 15: "mret with rs1 set",
    0x2800202f: "amo funct5 00101 (reserved)",
    0x0000402f: "amo with funct3 4 (no such width)",
    0x00007003: "load funct3 7",
    0x00004023: "store funct3 4",
    0x00002063: "branch funct3 2",
    0x00001067: "jalr funct3 1",
    0x0000200f: "misc-mem funct3 2",
    0x0000000b: "custom-0",
    0x00004073: "system funct3 4",
    0x06000033: "op with funct7 0000011",
}


def decode_words(words):
    dut = Decoder(RV64IMA_ROWS)
    out = []

    async def bench(ctx):
        for w in words:
            ctx.set(dut.insn, w)
            out.append((ctx.get(dut.illegal), ctx.get(dut.hits)))

    sim = Simulator(dut)
    sim.add_testbench(bench)
    sim.run()
    return out


def names(hits):
    return [row.name for i, row in enumerate(RV64IMA_ROWS) if hits >> i & 1]


def test_every_instruction_decodes_as_itself():
    lines = [s.strip() for s in re.split(r"[;\n]", SAMPLES) if s.strip()]
    words, _ = assemble("\n".join(lines))
    insns = []
    for w in words:
        insns += [w & 0xffffffff, w >> 32]
    insns = insns[:len(lines)]
    for line, (illegal, hits) in zip(lines, decode_words(insns)):
        mnemonic = line.split()[0]
        mnemonic = mnemonic.split()[0]
        expected = {"lr.d.aqrl": "lr.d", "sc.d.rl": "sc.d", "amoswap.d.aq": "amoswap.d"}
        assert not illegal, line
        assert names(hits) == [expected.get(mnemonic, mnemonic)], line
    covered = {expected for expected in (l.split()[0].split(".aq")[0].split(".rl")[0]
                                         for l in lines)}
    missing = {row.name for row in RV64IMA_ROWS} - covered
    assert not missing, f"rows without a sample: {missing}"


@pytest.mark.parametrize("word", sorted(ILLEGAL))
def test_reserved_encodings_are_illegal(word):
    (illegal, hits), = decode_words([word])
    assert illegal and hits == 0, ILLEGAL[word]


def test_random_words_match_at_most_one_row():
    rng = random.Random(1)
    # Random words with a valid major opcode, so that most rows are exercised.
    opcodes = sorted({row.match & 0x7f for row in RV64IMA_ROWS})
    words = [(rng.getrandbits(25) << 7) | rng.choice(opcodes) for _ in range(1500)]
    words += [row.match for row in RV64IMA_ROWS]
    for w, (illegal, hits) in zip(words, decode_words(words)):
        ref = [row.name for row in RV64IMA_ROWS if row.matches(w)]
        assert len(ref) <= 1
        assert names(hits) == ref, hex(w)
        assert illegal == (not ref), hex(w)


def test_controls_of_a_row():
    dut = Decoder(RV64IMA_ROWS)

    async def bench(ctx):
        ctx.set(dut.insn, 0x02b50533)  # mul a0, a0, a1
        ctrl = ctx.get(dut.ctrl)
        assert ctrl.fu == Fu.MUL and ctrl.rs1_re and ctrl.rs2_re and ctrl.rd_we

    sim = Simulator(dut)
    sim.add_testbench(bench)
    sim.run()


def test_overlapping_rows_are_rejected():
    a = Row("a", 0x707f, 0x0013)
    b = Row("b", 0x7f, 0x13)
    with pytest.raises(ValueError, match=r"^Decode rows 'a' and 'b' overlap: some word "
                                         r"matches both$"):
        check_rows([a, b])
    with pytest.raises(ValueError, match=r"^Decode table has two rows named 'a'$"):
        check_rows([a, Row("a", 0x707f, 0x1013)])


def test_malformed_rows_are_rejected():
    with pytest.raises(ValueError, match=r"^Row 'x': match 0x00000100 has bits outside mask "
                                         r"0x0000007f$"):
        Row("x", 0x7f, 0x100)
    with pytest.raises(ValueError, match=r"^Row 'x': mask must cover the opcode bits \[6:0\], "
                                         r"not 0x00007000$"):
        Row("x", 0x7000, 0)
    with pytest.raises(ValueError, match=r"^Row 'x': unknown control 'speed'"):
        Row("x", 0x7f, 0x0b, dict(speed=1))
    with pytest.raises(ValueError, match=r"^Decoder needs at least one row, not an empty "
                                         r"table$"):
        Decoder([])


def test_extension_rows_are_added_not_edited():
    ext = Row("custom.op", 0xfe00707f, 0x0000000b, dict(fu=Fu.EXT, ext=1, rd_we=1))
    dut = Decoder(RV64IMA_ROWS + [ext])

    async def bench(ctx):
        ctx.set(dut.insn, 0x0000050b)
        assert not ctx.get(dut.illegal)
        assert ctx.get(dut.ctrl.fu) == Fu.EXT and ctx.get(dut.ctrl.ext) == 1

    sim = Simulator(dut)
    sim.add_testbench(bench)
    sim.run()
