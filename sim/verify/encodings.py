"""Programs that execute a broad sample of 32-bit instruction words, for lockstep with spike.

:func:`sample` picks the words (seeded): every major opcode with every ``funct3``, every
``funct7`` of the register-register opcodes, every AMO ``funct5`` with both ordering bits,
the shift encodings with reserved immediate bits, every CSR number (read only), the SYSTEM
and MISC-MEM encodings with their reserved fields set, and so on. :func:`program` makes one
M-mode program executing them one after the other: a word either executes (then lockstep
checks it against spike: the same instruction, the same result) or traps, and the trap
handler (which reads ``mcause`` and ``mtval``, so lockstep compares them) resumes after it.

Every register holds an address in the middle of a scratch area (x\\ *n* = ``scratch + 8n``),
so that a load, store or AMO, whatever its register and offset, stays inside it; the word's
destination register is set back after it. The few encodings that would leave the program
are neutralised: branch and ``jal`` offsets are +8 (past the word and the next instruction),
``jalr`` gets its base register set to the next instruction first, CSR instructions write
only ``mscratch``/``sscratch``, and the exact ``mret``/``sret``/``wfi`` words are left out
(``mret``/``sret`` leave the program, and ``wfi`` would wait for an interrupt that never
comes; all three are tested in tests/asm_priv).
"""

import random


__all__ = ["sample", "program", "EXCLUDED", "is_parcel16"]


OPC_LOAD, OPC_MISC_MEM, OPC_OP_IMM, OPC_AUIPC, OPC_OP_IMM_32 = 0x03, 0x0f, 0x13, 0x17, 0x1b
OPC_STORE, OPC_AMO, OPC_OP, OPC_LUI, OPC_OP_32 = 0x23, 0x2f, 0x33, 0x37, 0x3b
OPC_BRANCH, OPC_JALR, OPC_JAL, OPC_SYSTEM, OPC_CUSTOM0 = 0x63, 0x67, 0x6f, 0x73, 0x0b

MRET, SRET, WFI = 0x30200073, 0x10200073, 0x10500073

#: Words left out of the sample: (mask, match, why). None now: the call-gate words
#: (custom-0; ``clb.fill``/``clb.inval`` are legal in M-mode), which spike does not know, are
#: executed in lockstep by the extension's model (sim/verify/callgate.py).
EXCLUDED = []


def is_parcel16(word):
    """A word whose low two bits are not 11: a 16-bit instruction parcel (the C space)."""
    return word & 3 != 3


def _excluded(word):
    return word in (MRET, SRET, WFI) or any(word & m == v for m, v, _ in EXCLUDED)


def _word(rng, opcode, funct3=None, funct7=None, rd=None, rs1=None, rs2=None):
    w = rng.getrandbits(32)
    w = w & ~0x7f | opcode
    if funct3 is not None:
        w = w & ~(7 << 12) | funct3 << 12
    if funct7 is not None:
        w = w & ~(0x7f << 25) | funct7 << 25
    if rd is not None:
        w = w & ~(31 << 7) | rd << 7
    if rs1 is not None:
        w = w & ~(31 << 15) | rs1 << 15
    if rs2 is not None:
        w = w & ~(31 << 20) | rs2 << 20
    return w


def sample(seed=0, parcels16=False):
    """The words to try (a sorted list without duplicates).

    With ``parcels16``, only words whose low two bits are not 11 (16-bit parcels, C space).
    """
    rng = random.Random(seed)
    words = set()
    if parcels16:
        for low in range(3):
            for op in range(0, 0x80, 4):
                for _ in range(4):
                    words.add(rng.getrandbits(32) & ~0x7f | op | low)
        words.update([0x00000000, 0x00010001, 0x0000ffff & ~3, 0xfffffffc])
        return sorted(w for w in words if is_parcel16(w) and not _excluded(w))

    # Every major opcode (low bits 11) with every funct3, random other fields.
    for op5 in range(32):
        for f3 in range(8):
            for _ in range(3):
                words.add(_word(rng, op5 << 2 | 3, f3))
    # Register-register opcodes: every funct7 with every funct3.
    for opcode in (OPC_OP, OPC_OP_32):
        for f7 in range(128):
            for f3 in range(8):
                words.add(_word(rng, opcode, f3, f7))
    # AMOs: every funct5, both ordering bits, every funct3; LR with rs2 != 0 (reserved).
    for f5 in range(32):
        for aqrl in range(4):
            for f3 in range(8):
                words.add(_word(rng, OPC_AMO, f3, f5 << 2 | aqrl))
    for f3 in (2, 3):
        for rs2 in range(1, 32, 3):
            words.add(_word(rng, OPC_AMO, f3, 0b00010 << 2 | rng.randrange(4), rs2=rs2))
    # Shifts by an immediate, with every value of the bits above the shift amount.
    for opcode, f3s in ((OPC_OP_IMM, (1, 5)), (OPC_OP_IMM_32, (1, 5))):
        for f3 in f3s:
            for top in range(128):
                words.add(_word(rng, opcode, f3, top))
    # SYSTEM, funct3 = 0: the privileged instructions, exact and with reserved fields set.
    for funct12 in (0x000, 0x001, 0x002, 0x102, 0x105, 0x302, 0x202, 0x7b2, 0x105 | 0x800):
        words.add(funct12 << 20 | OPC_SYSTEM)
        for _ in range(4):
            words.add(funct12 << 20 | rng.randrange(1, 32) << 7 | OPC_SYSTEM)
            words.add(funct12 << 20 | rng.randrange(1, 32) << 15 | OPC_SYSTEM)
    for f7 in (0x09, 0x11, 0x51, 0x31, 0x0b, 0x0d, 0x19):   # sfence.vma, hfence, sinval...
        for _ in range(4):
            words.add(_word(rng, OPC_SYSTEM, 0, f7, rd=0))
            words.add(_word(rng, OPC_SYSTEM, 0, f7))
    for _ in range(64):
        words.add(_word(rng, OPC_SYSTEM, 0))
    for _ in range(16):
        words.add(_word(rng, OPC_SYSTEM, 4))                   # reserved funct3
    # CSR instructions that write: mscratch and sscratch, and the read-only CSRs.
    for f3 in (1, 2, 3, 5, 6, 7):
        for csr in (0x340, 0x140, 0xC00, 0xC01, 0xC02, 0xF11, 0xF14, 0xB02):
            if csr in (0x340, 0x140) or f3 not in (1, 5):
                words.add(_word(rng, OPC_SYSTEM, f3, rs1=rng.randrange(1, 32)) & 0xfffff
                          | csr << 20)
            words.add(_word(rng, OPC_SYSTEM, f3, rs1=0) & 0xfffff | csr << 20)
    # MISC-MEM: fence and fence.i with their ignored fields set, and the rest.
    for f3 in range(8):
        for _ in range(8):
            words.add(_word(rng, OPC_MISC_MEM, f3))
    words.update([0x0ff0000f, 0x8330000f, 0x0000100f, 0x0000000f])
    # Custom-0: the call-gate encodings with reserved fields set, and others.
    for f7 in range(8):
        for f3 in range(8):
            words.add(_word(rng, OPC_CUSTOM0, f3, f7))
    for _ in range(8):
        words.add(_word(rng, OPC_CUSTOM0, 0, rng.randrange(4), rd=0))
    words.update([0x00000000, 0xffffffff, 0x0000007f, 0x0000003f, 0x0000001f])
    return sorted(w for w in words if not is_parcel16(w) and not _excluded(w)
                  and not _is_csr_op(w))


def csr_sample():
    """Every CSR number, read without a write (``csrrs x<n>, csr, x0``)."""
    rng = random.Random(1)
    return [csr << 20 | 2 << 12 | rng.randrange(1, 32) << 7 | OPC_SYSTEM for csr in range(4096)]


def _is_csr_op(w):
    """A CSR instruction that would write a CSR other than the scratch registers."""
    if w & 0x7f != OPC_SYSTEM or w >> 12 & 7 in (0, 4):
        return False
    csr = w >> 20
    writes = w >> 12 & 3 == 1 or w >> 15 & 31 != 0
    return writes and csr not in (0x340, 0x140) and csr >> 10 != 3


def _slot(i, w):
    """Assembly that executes ``w`` and puts its destination register back."""
    opcode, rd, rs1 = w & 0x7f, w >> 7 & 31, w >> 15 & 31
    lines = [f"w{i}:"]
    after = f"a{i}"
    if opcode == OPC_BRANCH:
        # offset +8: past the word and the nop after it
        w = w & 0x01fff07f | (8 >> 1 & 0xf) << 8
    elif opcode == OPC_JAL:
        w = w & 0xfff | (8 >> 1) << 21     # imm[10:1] = 4, the rest 0
    elif opcode == OPC_JALR and w >> 12 & 7 == 0:
        w = w & 0x000fffff                 # offset 0
        if not rs1:                        # (a jump to address 0 is not the subject here)
            rs1 = 1
            w |= 1 << 15
        lines.append(f"    la x{rs1}, {after}")
    lines.append(f"    .word {w:#010x}")
    lines.append(f"    nop")
    lines.append(f"{after}:")
    for r in sorted({rd, rs1} - {0}):
        lines.append(f"    la x{r}, scratch_mid + {8 * r}")
    return lines


def program(words):
    """Assembly source of an M-mode program executing ``words`` (see the module docs)."""
    body = []
    for i, w in enumerate(words):
        body += _slot(i, w)
    regs = "\n".join(f"    la x{r}, scratch_mid + {8 * r}" for r in range(1, 32))
    return _SOURCE.format(body="\n".join(body), regs=regs)


_SOURCE = """\
    .option norvc
    .section .text.init, "ax", @progbits
    .globl _start
_start:
    la t0, trap
    csrw mtvec, t0
    li t0, 0x1800
    csrs mstatus, t0           # MPP = M: an mret (in the handler) stays in M-mode
{regs}
{body}
    la t0, tohost
    li t1, 1
    sd t1, 0(t0)
1:  j 1b

    .balign 4
trap:
    csrr t5, mcause
    csrr t6, mtval
    csrr t6, mepc
    addi t6, t6, 4
    csrw mepc, t6
    li t6, 0x1800
    csrs mstatus, t6
    la t5, scratch_mid + 240
    la t6, scratch_mid + 248
    mret

    .section .tohost, "aw", @progbits
    .balign 64
    .globl tohost
tohost: .dword 0
    .balign 64
fromhost: .dword 0

    .data
    .balign 4096
scratch:
    .fill 4096, 1, 0x5a
scratch_mid:
    .fill 4096, 1, 0xa5
"""
