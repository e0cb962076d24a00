"""Decode rows of RV64I, M, A, Zicsr and Zifencei, and the machine-mode system instructions.

Masks and matches follow the ISA manual (and agree with spike's ``encoding.h``): reserved
fields that must be zero are in the mask, so a word with them set is illegal.
"""

from .decoder import Row, Fu, AluOp, OpA, OpB, Imm, SysOp


__all__ = ["RV64I_ROWS", "RV64M_ROWS", "RV64A_ROWS", "ZICSR_ROWS", "ZIFENCEI_ROWS",
           "SYSTEM_ROWS", "RV64IMA_ROWS"]


OPC = 0x7f
F3 = 0x7000
F7 = 0xfe000000
F6 = 0xfc000000


def _r(opcode, f3, f7):
    return opcode | f3 << 12 | f7 << 25


def _alu_rr(name, f3, f7, op, opcode=0b0110011, word=0):
    return Row(name, OPC | F3 | F7, _r(opcode, f3, f7),
               dict(fu=Fu.ALU, alu_op=op, op_a=OpA.RS1, op_b=OpB.RS2, rs1_re=1, rs2_re=1,
                    rd_we=1, word=word))


def _alu_ri(name, f3, op, opcode=0b0010011, word=0):
    return Row(name, OPC | F3, opcode | f3 << 12,
               dict(fu=Fu.ALU, alu_op=op, op_a=OpA.RS1, op_b=OpB.IMM, imm=Imm.I, rs1_re=1,
                    rd_we=1, word=word))


def _shift_i(name, f3, top, op, opcode=0b0010011, word=0):
    # RV64 shifts by a 6-bit shamt (insn[25:20]) and check insn[31:26]; the *W forms take a
    # 5-bit shamt and check insn[31:25].
    mask = OPC | F3 | (F7 if word else F6)
    match = opcode | f3 << 12 | (top << 25 if word else top << 26)
    return Row(name, mask, match,
               dict(fu=Fu.ALU, alu_op=op, op_a=OpA.RS1, op_b=OpB.IMM, imm=Imm.I, rs1_re=1,
                    rd_we=1, word=word))


def _branch(name, f3):
    return Row(name, OPC | F3, 0b1100011 | f3 << 12,
               dict(fu=Fu.BRANCH, imm=Imm.B, rs1_re=1, rs2_re=1))


def _load(name, f3):
    return Row(name, OPC | F3, 0b0000011 | f3 << 12,
               dict(fu=Fu.LOAD, op_a=OpA.RS1, op_b=OpB.IMM, imm=Imm.I, rs1_re=1, rd_we=1))


def _store(name, f3):
    return Row(name, OPC | F3, 0b0100011 | f3 << 12,
               dict(fu=Fu.STORE, op_a=OpA.RS1, op_b=OpB.IMM, imm=Imm.S, rs1_re=1, rs2_re=1))


RV64I_ROWS = [
    Row("lui", OPC, 0b0110111,
        dict(fu=Fu.ALU, alu_op=AluOp.ADD, op_a=OpA.ZERO, op_b=OpB.IMM, imm=Imm.U, rd_we=1)),
    Row("auipc", OPC, 0b0010111,
        dict(fu=Fu.ALU, alu_op=AluOp.ADD, op_a=OpA.PC, op_b=OpB.IMM, imm=Imm.U, rd_we=1)),
    Row("jal", OPC, 0b1101111, dict(fu=Fu.JAL, imm=Imm.J, rd_we=1)),
    Row("jalr", OPC | F3, 0b1100111, dict(fu=Fu.JALR, imm=Imm.I, rs1_re=1, rd_we=1)),
    _branch("beq", 0), _branch("bne", 1), _branch("blt", 4), _branch("bge", 5),
    _branch("bltu", 6), _branch("bgeu", 7),
    _load("lb", 0), _load("lh", 1), _load("lw", 2), _load("ld", 3),
    _load("lbu", 4), _load("lhu", 5), _load("lwu", 6),
    _store("sb", 0), _store("sh", 1), _store("sw", 2), _store("sd", 3),
    _alu_ri("addi", 0, AluOp.ADD), _alu_ri("slti", 2, AluOp.SLT),
    _alu_ri("sltiu", 3, AluOp.SLTU), _alu_ri("xori", 4, AluOp.XOR),
    _alu_ri("ori", 6, AluOp.OR), _alu_ri("andi", 7, AluOp.AND),
    _shift_i("slli", 1, 0b000000, AluOp.SLL), _shift_i("srli", 5, 0b000000, AluOp.SRL),
    _shift_i("srai", 5, 0b010000, AluOp.SRA),
    _alu_rr("add", 0, 0, AluOp.ADD), _alu_rr("sub", 0, 0b0100000, AluOp.SUB),
    _alu_rr("sll", 1, 0, AluOp.SLL), _alu_rr("slt", 2, 0, AluOp.SLT),
    _alu_rr("sltu", 3, 0, AluOp.SLTU), _alu_rr("xor", 4, 0, AluOp.XOR),
    _alu_rr("srl", 5, 0, AluOp.SRL), _alu_rr("sra", 5, 0b0100000, AluOp.SRA),
    _alu_rr("or", 6, 0, AluOp.OR), _alu_rr("and", 7, 0, AluOp.AND),
    _alu_ri("addiw", 0, AluOp.ADD, opcode=0b0011011, word=1),
    _shift_i("slliw", 1, 0b0000000, AluOp.SLL, opcode=0b0011011, word=1),
    _shift_i("srliw", 5, 0b0000000, AluOp.SRL, opcode=0b0011011, word=1),
    _shift_i("sraiw", 5, 0b0100000, AluOp.SRA, opcode=0b0011011, word=1),
    _alu_rr("addw", 0, 0, AluOp.ADD, opcode=0b0111011, word=1),
    _alu_rr("subw", 0, 0b0100000, AluOp.SUB, opcode=0b0111011, word=1),
    _alu_rr("sllw", 1, 0, AluOp.SLL, opcode=0b0111011, word=1),
    _alu_rr("srlw", 5, 0, AluOp.SRL, opcode=0b0111011, word=1),
    _alu_rr("sraw", 5, 0b0100000, AluOp.SRA, opcode=0b0111011, word=1),
    # fence: fm, pred, succ, rs1 and rd are ignored (treated as a full fence), as in spike.
    Row("fence", OPC | F3, 0b0001111, dict(fu=Fu.FENCE)),
]

ZIFENCEI_ROWS = [
    Row("fence.i", OPC | F3, 0b0001111 | 1 << 12, dict(fu=Fu.FENCE, fencei=1)),
]


def _muldiv(name, f3, fu, opcode=0b0110011, word=0):
    return Row(name, OPC | F3 | F7, _r(opcode, f3, 1),
               dict(fu=fu, rs1_re=1, rs2_re=1, rd_we=1, word=word))


RV64M_ROWS = [
    _muldiv("mul", 0, Fu.MUL), _muldiv("mulh", 1, Fu.MUL), _muldiv("mulhsu", 2, Fu.MUL),
    _muldiv("mulhu", 3, Fu.MUL), _muldiv("div", 4, Fu.DIV), _muldiv("divu", 5, Fu.DIV),
    _muldiv("rem", 6, Fu.DIV), _muldiv("remu", 7, Fu.DIV),
    _muldiv("mulw", 0, Fu.MUL, opcode=0b0111011, word=1),
    _muldiv("divw", 4, Fu.DIV, opcode=0b0111011, word=1),
    _muldiv("divuw", 5, Fu.DIV, opcode=0b0111011, word=1),
    _muldiv("remw", 6, Fu.DIV, opcode=0b0111011, word=1),
    _muldiv("remuw", 7, Fu.DIV, opcode=0b0111011, word=1),
]


AMO_FUNCT5 = {
    "amoadd": 0b00000, "amoswap": 0b00001, "lr": 0b00010, "sc": 0b00011,
    "amoxor": 0b00100, "amoor": 0b01000, "amoand": 0b01100, "amomin": 0b10000,
    "amomax": 0b10100, "amominu": 0b11000, "amomaxu": 0b11100,
}


def _amo_rows():
    rows = []
    for name, f5 in AMO_FUNCT5.items():
        for suffix, f3 in (("w", 2), ("d", 3)):
            if name == "lr":
                # LR has no rs2: insn[24:20] must be zero.
                mask = OPC | F3 | 0xf9f00000
                ctrl = dict(fu=Fu.AMO, op_a=OpA.RS1, op_b=OpB.IMM, rs1_re=1, rd_we=1)
            else:
                mask = OPC | F3 | 0xf8000000
                ctrl = dict(fu=Fu.AMO, op_a=OpA.RS1, op_b=OpB.IMM, rs1_re=1, rs2_re=1,
                            rd_we=1)
            rows.append(Row(f"{name}.{suffix}", mask, 0b0101111 | f3 << 12 | f5 << 27, ctrl))
    return rows


RV64A_ROWS = _amo_rows()


def _csr(name, f3):
    ctrl = dict(fu=Fu.CSR, rd_we=1)
    if f3 < 4:
        ctrl["rs1_re"] = 1
    return Row(name, OPC | F3, 0b1110011 | f3 << 12, ctrl)


ZICSR_ROWS = [
    _csr("csrrw", 1), _csr("csrrs", 2), _csr("csrrc", 3),
    _csr("csrrwi", 5), _csr("csrrsi", 6), _csr("csrrci", 7),
]

SYSTEM_ROWS = [
    Row("ecall", 0xffffffff, 0x00000073, dict(fu=Fu.SYSTEM, sys=SysOp.ECALL)),
    Row("ebreak", 0xffffffff, 0x00100073, dict(fu=Fu.SYSTEM, sys=SysOp.EBREAK)),
    Row("mret", 0xffffffff, 0x30200073, dict(fu=Fu.SYSTEM, sys=SysOp.MRET)),
    Row("wfi", 0xffffffff, 0x10500073, dict(fu=Fu.SYSTEM, sys=SysOp.WFI)),
    Row("sret", 0xffffffff, 0x10200073, dict(fu=Fu.SYSTEM, sys=SysOp.SRET)),
    Row("sfence.vma", 0xfe007fff, 0x12000073,
        dict(fu=Fu.SYSTEM, sys=SysOp.SFENCE, rs1_re=1, rs2_re=1)),
]

RV64IMA_ROWS = RV64I_ROWS + ZIFENCEI_ROWS + RV64M_ROWS + RV64A_ROWS + ZICSR_ROWS + SYSTEM_ROWS
