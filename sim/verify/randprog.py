"""Random, well-formed RV64IMA + Zicsr programs for lockstep testing (``mkrv fuzz``).

:func:`generate` turns a seed into the GNU assembly of one program and the linker script that
places it; :func:`build` assembles it with ``riscv64-unknown-elf-gcc``. The same seed always
gives the same program. A program is a series of *segments*, each running in one privilege
mode (M, S or U) and made of random *blocks*:

- ALU, shift, multiply and divide operations (64- and 32-bit forms) on registers loaded with
  interesting values (0, -1, the extreme integers, powers of two and their neighbours,
  random bit patterns);
- loads and stores of every size into a data page, mostly aligned, sometimes not (a
  misaligned access traps); AMOs of both sizes; LR/SC pairs that succeed or fail;
- forward branches, bounded backward loops, ``jal``/``jalr`` (sometimes to a misaligned
  target, which traps);
- CSR reads and writes allowed in the mode (scratch registers, counters, ``mcounteren``,
  ``sstatus.SUM``/``MXR``), and ones that are not (illegal);
- traps: illegal instruction words, ``ecall``, ``ebreak``, page faults (a store to a
  read-only page, a U-page from S without SUM, an invalid, an unaccessed (A = 0) or clean
  (D = 0) page, a non-canonical address), instruction page faults (a jump to a page without
  X), privileged instructions in a lower mode;
- in M-mode, a software interrupt (``msip``) taken while the block runs; before switching to
  S or U, sometimes a timer interrupt armed to arrive while the lower mode runs.

Segments switch mode with ``mret`` and ``sret`` written in the code, or through an ``ecall``
that asks the M-mode handler to jump to the next segment (s11 = its number). Every trap
handler reads the cause, ``tval`` and ``epc`` (which lockstep compares) and resumes after the
instruction, or at the recovery address in t3 after an instruction fetch fault. Some
exceptions are delegated to S-mode (a random ``medeleg``); ``mtvec`` and ``stvec`` are direct
or vectored at random.

Memory (physical = virtual for the mapped parts; Sv39 with a random ASID, set up from M-mode
before the first segment)::

    0x8000_0000  M code and trap handler         (not mapped)
    0x8010_0000  M data: segment table, tohost    (not mapped)
    0x8020_0000  S code and S trap handler        megapage, R X
    0x8040_0000  U code                           megapage, R X U
    0x8060_0000  data, 4 KiB pages                (see DATA_PAGES)
    0x8080_0000  page tables

Registers: x1..x26 are random; s11 (x27) asks for a mode switch, t3 (x28) holds the recovery
address, t4 (x29) points into the segment's data page, t5 and t6 (x30, x31) belong to the
trap handlers.
"""

import random
from pathlib import Path

from ..testing import assemble


__all__ = ["generate", "build", "DATA_PAGES"]


M_CODE, M_DATA, S_CODE, U_CODE, DATA, PT = (0x8000_0000, 0x8010_0000, 0x8020_0000,
                                             0x8040_0000, 0x8060_0000, 0x8080_0000)
CLINT_MSIP, CLINT_MTIMECMP, CLINT_MTIME = 0x0200_0000, 0x0200_4000, 0x0200_BFF8

V, R, W, X, U_, G, A, D = (1 << i for i in range(8))
#: The 4 KiB data pages at 0x8060_0000: (name, PTE flags).
DATA_PAGES = [
    ("u_rw0", V | R | W | U_ | A | D),
    ("u_rw1", V | R | W | U_ | A | D),
    ("u_ro", V | R | U_ | A),
    ("s_rw", V | R | W | A | D),
    ("invalid", 0),
    ("u_clean", V | R | W | U_ | A),       # D = 0: stores fault (Svade)
    ("u_unaccessed", V | R | W | U_),      # A = 0: every access faults
    ("u_xonly", V | X | U_ | A),           # loads need MXR
    ("s_scratch", V | R | W | A | D),
]
PAGE = {name: DATA + 0x1000 * i for i, (name, _) in enumerate(DATA_PAGES)}
M_PAGE = M_DATA + 0x1000     # m_page, after the segment table

RANDOM_REGS = list(range(1, 27))
SWITCH, RECOVER, BASE = 27, 28, 29

# Exceptions that may be delegated to S-mode (never ecall from S: the switch protocol needs
# it in M).
DELEGABLE = [0, 2, 3, 4, 5, 6, 7, 8, 12, 13, 15]

INTERESTING = [0, 1, 2, 3, 4, 7, 8, 15, 16, 31, 32, 33, 63, 64, 127, 128, 255, 256, 2047, 2048,
               4095, 4096, 0x7fff, 0x8000, 0xffff, 0x10000, 0x7fffffff, 0x80000000, 0xffffffff,
               0x100000000, 0x7fffffffffffffff, 0x8000000000000000, 0xffffffffffffffff,
               0xfffffffffffff800, 0xffffffff80000000, 0xaaaaaaaaaaaaaaaa, 0x5555555555555555,
               0x0123456789abcdef, 0xfedcba9876543210]

RR_OPS = ["add", "sub", "sll", "slt", "sltu", "xor", "srl", "sra", "or", "and",
          "addw", "subw", "sllw", "srlw", "sraw"]
M_OPS = ["mul", "mulh", "mulhsu", "mulhu", "div", "divu", "rem", "remu",
         "mulw", "divw", "divuw", "remw", "remuw"]
IMM_OPS = ["addi", "slti", "sltiu", "xori", "ori", "andi", "addiw"]
SHIFT_OPS = [("slli", 64), ("srli", 64), ("srai", 64), ("slliw", 32), ("srliw", 32),
             ("sraiw", 32)]
LOADS = [("lb", 1), ("lh", 2), ("lw", 4), ("ld", 8), ("lbu", 1), ("lhu", 2), ("lwu", 4)]
STORES = [("sb", 1), ("sh", 2), ("sw", 4), ("sd", 8)]
AMOS = ["amoswap", "amoadd", "amoxor", "amoand", "amoor", "amomin", "amomax", "amominu",
        "amomaxu"]
BRANCHES = ["beq", "bne", "blt", "bge", "bltu", "bgeu"]

# CSRs random code may touch in each mode: (number, writable by random code).
CSRS = {
    3: [(0x340, True), (0x306, True), (0x106, True), (0x140, True), (0xB02, False),
        (0xC00, False), (0xC01, False), (0xC02, False), (0xB00, False), (0x301, False),
        (0xF14, False), (0xF11, False), (0xF12, False), (0xF13, False), (0x302, False),
        (0x303, False), (0x305, False), (0x304, False), (0x344, False), (0x300, False),
        (0x100, False), (0x180, False), (0x341, False), (0x342, False), (0x343, False)],
    1: [(0x140, True), (0x106, True), (0xC00, False), (0xC01, False), (0xC02, False),
        (0x100, False), (0x104, False), (0x144, False), (0x105, False), (0x141, False),
        (0x142, False), (0x143, False), (0x180, False)],
    0: [(0xC00, False), (0xC01, False), (0xC02, False)],
}
# CSRs that are illegal to access from each mode (or do not exist).
ILLEGAL_CSRS = {
    3: [0x7C0, 0x800, 0xC03, 0x3A0, 0x3B0, 0x8FF],
    1: [0x300, 0x340, 0x305, 0xB00, 0x7C0, 0x3A0, 0xF11],
    0: [0x100, 0x140, 0x300, 0x340, 0xB00, 0x180, 0xF14],
}
# Words that are illegal on RV64IMA + Zicsr + Zifencei (reserved or absent opcodes).
ILLEGAL_OPCODES = [0x07, 0x27, 0x43, 0x47, 0x4b, 0x4f, 0x53, 0x57, 0x2b, 0x5b, 0x77, 0x7b, 0x1f]


class _Gen:
    def __init__(self, seed, length):
        self.rng = random.Random(seed)
        self.seed = seed
        self.length = length
        self.label = 0
        self.out = []

    # ---------------------------------------------------------------- helpers
    def lbl(self):
        self.label += 1
        return f".L{self.label}"

    def emit(self, *lines):
        self.out.extend(f"    {line}" if not line.endswith(":") else line for line in lines)

    def reg(self, exclude=()):
        return self.rng.choice([r for r in RANDOM_REGS if r not in exclude])

    def value(self):
        rng = self.rng
        k = rng.random()
        if k < 0.55:
            v = rng.choice(INTERESTING)
            if rng.random() < 0.3:
                v = -v & (2**64 - 1)
            if rng.random() < 0.2:
                v = (v + rng.choice([-1, 1])) & (2**64 - 1)
            return v
        if k < 0.75:
            return (1 << rng.randrange(64)) + rng.choice([-1, 0, 1]) & (2**64 - 1)
        if k < 0.9:
            return rng.getrandbits(64)
        return rng.randrange(-100, 100) & (2**64 - 1)

    def li(self, rd, value):
        self.emit(f"li x{rd}, {value & (2**64 - 1):#x}")

    # ---------------------------------------------------------------- blocks
    def alu(self, exclude=()):
        rng = self.rng
        rd = self.reg(exclude) if rng.random() > 0.03 else 0
        a, b = rng.choice(RANDOM_REGS + [0]), rng.choice(RANDOM_REGS + [0])
        k = rng.random()
        if k < 0.35:
            self.emit(f"{rng.choice(RR_OPS)} x{rd}, x{a}, x{b}")
        elif k < 0.55:
            self.emit(f"{rng.choice(M_OPS)} x{rd}, x{a}, x{b}")
        elif k < 0.75:
            imm = rng.choice([0, 1, -1, 2047, -2048, rng.randrange(-2048, 2048)])
            self.emit(f"{rng.choice(IMM_OPS)} x{rd}, x{a}, {imm}")
        elif k < 0.88:
            op, width = rng.choice(SHIFT_OPS)
            self.emit(f"{op} x{rd}, x{a}, {rng.choice([0, 1, width - 1, rng.randrange(width)])}")
        elif k < 0.94:
            self.emit(f"lui x{rd}, {rng.randrange(1 << 20):#x}")
        elif k < 0.97:
            self.emit(f"auipc x{rd}, {rng.randrange(1 << 20):#x}")
        else:
            self.li(rd, self.value())

    def mem(self, exclude=()):
        rng = self.rng
        misaligned = rng.random() < 0.06
        if rng.random() < 0.5:
            op, size = rng.choice(LOADS)
            rd = self.reg(exclude)
        else:
            op, size = rng.choice(STORES)
            rd = rng.choice(RANDOM_REGS + [0])
        off = rng.randrange(-2048, 2048 - 8)
        off = off - off % size + (rng.randrange(1, size) if misaligned and size > 1 else 0)
        self.emit(f"{op} x{rd}, {off}(x{BASE})")

    def amo(self, exclude=()):
        rng = self.rng
        ra = self.reg(exclude)
        size = rng.choice(["w", "d"])
        align = 4 if size == "w" else 8
        off = rng.randrange(-2048, 2040) // align * align
        if rng.random() < 0.05:
            off += rng.choice([1, 2, 4 if size == "d" else 2])
        rd = self.reg(exclude + (ra,))
        rs = rng.choice(RANDOM_REGS)
        order = rng.choice(["", ".aq", ".rl", ".aqrl"])
        self.emit(f"addi x{ra}, x{BASE}, {off}")
        if rng.random() < 0.35:
            # LR/SC: the same address (succeeds), or another one (fails).
            rd2 = self.reg(exclude + (ra,))
            self.emit(f"lr.{size}{order} x{rd}, (x{ra})")
            for _ in range(rng.randrange(3)):
                self.alu(exclude + (ra,))
            if rng.random() < 0.25:
                self.emit(f"addi x{ra}, x{ra}, {align * rng.choice([1, -1])}")
            self.emit(f"sc.{size}{order} x{rd2}, x{rs}, (x{ra})")
        else:
            self.emit(f"{rng.choice(AMOS)}.{size}{order} x{rd}, x{rs}, (x{ra})")

    def branch(self, depth, exclude=()):
        rng = self.rng
        end = self.lbl()
        a, b = rng.choice(RANDOM_REGS + [0]), rng.choice(RANDOM_REGS + [0])
        self.emit(f"{rng.choice(BRANCHES)} x{a}, x{b}, {end}")
        for _ in range(rng.randrange(1, 5)):
            self.simple(depth + 1, exclude)
        self.emit(f"{end}:")

    def loop(self, depth, exclude=()):
        rng = self.rng
        counter = self.reg(exclude)
        top = self.lbl()
        self.li(counter, rng.randrange(1, 8))
        self.emit(f"{top}:")
        for _ in range(rng.randrange(2, 8)):
            self.simple(depth + 1, exclude + (counter,))
        self.emit(f"addi x{counter}, x{counter}, -1", f"bnez x{counter}, {top}")

    def jump(self, exclude=()):
        rng = self.rng
        end = self.lbl()
        rd = self.reg(exclude) if rng.random() < 0.7 else 0
        if rng.random() < 0.5:
            self.emit(f"jal x{rd}, {end}")
        else:
            # To the first or second nop or past them; a misaligned target traps (the
            # handler resumes after the jalr).
            t = self.reg(exclude)
            sled = self.lbl()
            misaligned = rng.random() < 0.15
            self.emit(f"la x{t}, {sled}")
            off = rng.choice([0, 4, 8]) + (2 if misaligned else 0)
            self.emit(f"jalr x{rd}, {off}(x{t})", f"{sled}:", "nop", "nop")
        self.emit(f"{end}:")

    def csr(self, mode, exclude=()):
        rng = self.rng
        k = rng.random()
        rd = self.reg(exclude) if rng.random() > 0.1 else 0
        rs = rng.choice(RANDOM_REGS + [0])
        if k < 0.7:
            num, writable = rng.choice(CSRS[mode])
            if writable:
                op = rng.choice(["csrrw", "csrrs", "csrrc", "csrrwi", "csrrsi", "csrrci"])
            else:
                op, rs = rng.choice(["csrrs", "csrrc"]), 0
            src = f"{rng.randrange(32)}" if op.endswith("i") else f"x{rs}"
            self.emit(f"{op} x{rd}, {num:#x}, {src}")
        elif k < 0.8 and mode != 0:
            bits = rng.choice([1 << 18, 1 << 19, 3 << 18])    # SUM, MXR
            t = self.reg(exclude)
            self.emit(f"li x{t}, {bits:#x}",
                      f"{rng.choice(['csrrs', 'csrrc'])} x{rd}, sstatus, x{t}")
        elif k < 0.9:
            self.emit(f"csrrs x{rd}, {rng.choice(ILLEGAL_CSRS[mode]):#x}, x0")
        else:
            # A write to a read-only CSR, or to a counter from below M.
            num = rng.choice([0xC00, 0xC01, 0xC02, 0xF14, 0xB02 if mode != 3 else 0xC02])
            self.emit(f"csrrw x{rd}, {num:#x}, x{rs}")

    def trap(self, mode, exclude=()):
        rng = self.rng
        k = rng.random()
        if k < 0.25:
            word = rng.choice([0, 0xffffffff,
                               rng.getrandbits(25) << 7 | rng.choice(ILLEGAL_OPCODES)])
            self.emit(f".word {word:#010x}")
        elif k < 0.45:
            self.emit(f"li x{SWITCH}, 0", "ecall")
        elif k < 0.55:
            self.emit("ebreak")
        elif k < 0.75:
            self.page_fault(mode, exclude)
        elif k < 0.85:
            self.fetch_fault(mode, exclude)
        else:
            self.emit(rng.choice({3: ["wfi" if False else "fence.i", "sfence.vma x0, x0"],
                                  1: ["mret", "sfence.vma", "fence.i"],
                                  0: ["mret", "sret", "sfence.vma", "wfi"]}[mode]))

    def page_fault(self, mode, exclude=()):
        rng = self.rng
        t = self.reg(exclude)
        if mode == 3:
            # No translation in M-mode: nothing there (access fault), or a device.
            page = rng.choice(["nothing", "nothing", "above4g", "clint"])
        else:
            page = rng.choice(["u_ro", "invalid", "u_clean", "u_unaccessed", "u_xonly", "s_rw",
                               "u_rw0", "noncanonical", "unmapped"])
        addr = {"noncanonical": 0x0000_0040_0000_0000, "unmapped": 0x1000,
                "nothing": 0x4000_0000, "above4g": 0x1_8000_0000, "clint": 0x200_0000}.get(page)
        if addr is None:
            addr = PAGE[page]
        addr += rng.randrange(0, 4096, 8)
        self.li(t, addr)
        if rng.random() < 0.5:
            op, size = rng.choice(LOADS)
            self.emit(f"{op} x{self.reg(exclude + (t,))}, 0(x{t})")
        elif rng.random() < 0.8 and page != "clint":   # (no random stores to the CLINT)
            op, size = rng.choice(STORES)
            self.emit(f"{op} x{rng.choice(RANDOM_REGS)}, 0(x{t})")
        else:
            self.emit(f"amoadd.d x{self.reg(exclude + (t,))}, x{rng.choice(RANDOM_REGS)}, (x{t})")

    def fetch_fault(self, mode, exclude=()):
        rng = self.rng
        t = self.reg(exclude)
        back = self.lbl()
        target = rng.choice([PAGE["u_rw0"], PAGE["u_xonly"], PAGE["invalid"], S_CODE + 0x100,
                             U_CODE + 0x100, 0x1000])
        if mode == 3:
            target = rng.choice([0x1000, 0x4000_0000, 0x200_0000])   # nothing, a device
        if (mode, target) in ((0, U_CODE + 0x100), (1, S_CODE + 0x100)):
            target = PAGE["invalid"]
        if mode == 0 and target == PAGE["u_xonly"]:
            target = PAGE["u_ro"]       # u_xonly holds data, executable from U-mode
        self.emit(f"la x{RECOVER}, {back}")
        self.li(t, target)
        self.emit(f"jalr x{rng.choice([0, self.reg(exclude + (t,))])}, 0(x{t})", f"{back}:")

    def simple(self, depth, exclude=()):
        """One block without mode changes."""
        rng = self.rng
        k = rng.random()
        if k < 0.45 or depth > 1:
            self.alu(exclude)
        elif k < 0.65:
            self.mem(exclude)
        elif k < 0.72:
            self.amo(exclude)
        elif k < 0.8:
            self.branch(depth, exclude)
        elif k < 0.85:
            self.loop(depth, exclude)
        elif k < 0.9:
            self.jump(exclude)
        elif k < 0.96:
            self.csr(self.mode, exclude)
        else:
            self.trap(self.mode, exclude)

    def msi_block(self):
        """M-mode: a software interrupt while some random instructions run."""
        a, b = self.reg(), None
        b = self.reg((a,))
        self.li(a, CLINT_MSIP)
        self.li(b, 1)
        self.emit("csrsi mie, 8", "csrsi mstatus, 8", f"sw x{b}, 0(x{a})")
        for _ in range(self.rng.randrange(1, 10)):
            self.alu((a, b))
        self.emit("csrci mstatus, 8", "csrci mie, 8")

    def arm_timer(self):
        """Arm the timer to fire a little later (taken in S or U-mode, whatever MIE)."""
        a, b = self.reg(), None
        b = self.reg((a,))
        self.li(a, CLINT_MTIME)
        self.emit(f"ld x{b}, 0(x{a})", f"addi x{b}, x{b}, {self.rng.randrange(20, 600)}")
        self.li(a, CLINT_MTIMECMP)
        self.emit(f"sd x{b}, 0(x{a})", "li x{0}, 0x80".format(a), f"csrs mie, x{a}")

    # ---------------------------------------------------------------- program
    def segment_body(self, mode, count):
        self.mode = mode
        base = {3: M_PAGE, 1: PAGE["s_rw"], 0: PAGE[self.rng.choice(["u_rw0", "u_rw1"])]}[mode]
        self.emit(f"li x{BASE}, {base + 2048:#x}")
        for r in RANDOM_REGS:
            if self.rng.random() < 0.5:
                self.li(r, self.value())
        n = 0
        while n < count:
            if mode == 3 and self.rng.random() < 0.04:
                self.msi_block()
            else:
                self.simple(0)
            n += 1

    def program(self):
        rng = self.rng
        nseg = rng.randrange(6, 11)
        modes = [3] + [rng.choice([3, 1, 1, 0, 0, 0]) for _ in range(nseg - 1)] + [3]
        per_seg = max(20, self.length // len(modes))
        medeleg = sum(1 << c for c in DELEGABLE if rng.random() < 0.5)
        asid = rng.randrange(1 << 16)
        m_vectored, s_vectored = rng.random() < 0.5, rng.random() < 0.5
        sections = {3: [], 1: [], 0: []}

        # Segment i's code goes to the section of its mode.
        for i, mode in enumerate(modes):
            self.out = []
            self.emit(f"seg{i}:")
            if i == len(modes) - 1:
                self.emit("li t0, 1", "la t1, tohost", "sd t0, 0(t1)", "1: j 1b")
            else:
                self.segment_body(mode, per_seg)
                nxt = modes[i + 1]
                if mode == 3 and nxt != 3 and rng.random() < 0.3:
                    self.arm_timer()
                if mode == 3 and rng.random() < 0.6:
                    # mret straight to the next segment.
                    t = self.reg()
                    self.emit(f"li x{t}, 0x1800", f"csrc mstatus, x{t}",
                              f"li x{t}, {nxt << 11:#x}", f"csrs mstatus, x{t}",
                              f"la x{t}, seg{i + 1}", f"csrw mepc, x{t}", "mret")
                elif mode == 1 and nxt == 0 and rng.random() < 0.6:
                    t = self.reg()
                    self.emit(f"li x{t}, 0x100", f"csrc sstatus, x{t}",
                              f"la x{t}, seg{i + 1}", f"csrw sepc, x{t}", "sret")
                else:
                    self.emit(f"li x{SWITCH}, {i + 1}", "ecall")
            sections[mode].extend(self.out)

        table = ["seg_table:", "    .dword 0, 0"]
        for i, mode in enumerate(modes[1:], 1):
            table.append(f"    .dword {mode << 11:#x}, seg{i}")

        pt = _page_tables()
        return _SOURCE.format(
            seed=self.seed, medeleg=medeleg, satp=8 << 60 | asid << 44 | PT >> 12,
            mtvec_mode=int(m_vectored), stvec_mode=int(s_vectored),
            m_code="\n".join(sections[3]), s_code="\n".join(sections[1]),
            u_code="\n".join(sections[0]), table="\n".join(table),
            m_data=_random_words(rng, 512), data=_random_words(rng, 512 * len(DATA_PAGES)),
            page_tables="\n".join(f"    .dword {v:#x}" for v in pt),
            clint_msip=CLINT_MSIP, clint_mtimecmp=CLINT_MTIMECMP)


def _random_words(rng, n):
    return "\n".join(f"    .dword {rng.getrandbits(64):#x}" for _ in range(n))


def _page_tables():
    """Root, L1 and L0 tables (512 doublewords each) mapping the regions above."""
    root, l1, l0 = [0] * 512, [0] * 512, [0] * 512
    l1_addr, l0_addr = PT + 0x1000, PT + 0x2000
    root[2] = (l1_addr >> 12) << 10 | V
    l1[1] = (S_CODE >> 12) << 10 | V | R | X | A
    l1[2] = (U_CODE >> 12) << 10 | V | R | X | U_ | A
    l1[3] = (l0_addr >> 12) << 10 | V
    for i, (_, flags) in enumerate(DATA_PAGES):
        l0[i] = (PAGE[DATA_PAGES[i][0]] >> 12) << 10 | flags if flags else 0
    return root + l1 + l0


_SOURCE = """\
# Random program, seed {seed} (sim/verify/randprog.py).
    .option norvc
    .section .text.init, "ax", @progbits
    .globl _start
_start:
    la t5, m_vector
    ori t5, t5, {mtvec_mode}
    csrw mtvec, t5
    la t5, s_vector
    ori t5, t5, {stvec_mode}
    csrw stvec, t5
    li t5, {medeleg:#x}
    csrw medeleg, t5
    li t5, {satp:#x}
    csrw satp, t5
    sfence.vma
    li t5, 0x1800
    csrc mstatus, t5
    li t5, -1
    csrw mcounteren, t5
    csrw scounteren, t5
    j seg0

# M-mode trap handler: interrupts (MSI, MTI), segment switches, and every other trap
# (skipped, or resumed at t3 after a fetch fault).
    .balign 256
m_vector:
    .rept 16
    j m_trap
    .endr
m_trap:
    csrr t6, mcause
    csrr t5, mtval
    csrr t5, mepc
    bltz t6, m_irq
    addi t5, t6, -8
    bltz t5, 1f
    addi t5, t6, -11
    bgtz t5, 1f
    bnez s11, m_switch      # ecall (8, 9, 11) with s11 = segment number
1:  addi t5, t6, -1
    beqz t5, m_fetch_fault
    addi t5, t6, -12
    beqz t5, m_fetch_fault
    csrr t5, mepc
    addi t5, t5, 4
    csrw mepc, t5
    mret
m_fetch_fault:
    csrw mepc, t3
    mret
m_irq:
    slli t6, t6, 1
    srli t6, t6, 1
    addi t6, t6, -3
    bnez t6, 1f
    li t5, {clint_msip:#x}
    sw x0, 0(t5)
    mret
1:  li t5, {clint_mtimecmp:#x}
    li t6, -1
    sd t6, 0(t5)
    li t6, 0x80
    csrc mie, t6
    mret
m_switch:
    la t5, seg_table
    slli t6, s11, 4
    add t5, t5, t6
    ld t6, 8(t5)
    csrw mepc, t6
    ld t6, 0(t5)
    li t5, 0x1800
    csrc mstatus, t5
    csrs mstatus, t6
    li s11, 0
    mret

{m_code}

    .section .text.s, "ax", @progbits
# S-mode trap handler: delegated exceptions; a switch request from U goes on to M.
    .balign 256
s_vector:
    .rept 16
    j s_trap
    .endr
s_trap:
    csrr t6, scause
    csrr t5, stval
    csrr t5, sepc
    addi t5, t6, -8
    bnez t5, 1f
    bnez s11, s_switch
1:  addi t5, t6, -1
    beqz t5, s_fetch_fault
    addi t5, t6, -12
    beqz t5, s_fetch_fault
    csrr t5, sepc
    addi t5, t5, 4
    csrw sepc, t5
    sret
s_fetch_fault:
    csrw sepc, t3
    sret
s_switch:
    ecall

{s_code}

    .section .text.u, "ax", @progbits
{u_code}

    .section .data.m, "aw", @progbits
    .balign 8
{table}
    .balign 4096
m_page:
{m_data}

    .section .tohost, "aw", @progbits
    .balign 64
    .globl tohost
tohost: .dword 0
    .balign 64
    .globl fromhost
fromhost: .dword 0

    .section .data.pages, "aw", @progbits
{data}

    .section .pagetables, "aw", @progbits
{page_tables}
"""

LINKER_SCRIPT = f"""\
OUTPUT_ARCH("riscv")
ENTRY(_start)
SECTIONS {{
  . = {M_CODE:#x};
  .text.init : {{ *(.text.init) }}
  . = {M_DATA:#x};
  .data.m : {{ *(.data.m) }}
  .tohost : {{ *(.tohost) }}
  . = {S_CODE:#x};
  .text.s : {{ *(.text.s) }}
  . = {U_CODE:#x};
  .text.u : {{ *(.text.u) }}
  . = {DATA:#x};
  .data.pages : {{ *(.data.pages) }}
  . = {PT:#x};
  .pagetables : {{ *(.pagetables) }}
}}
"""


def generate(seed, length=800):
    """The assembly source of the random program for ``seed`` (about ``length`` random
    blocks, a few thousand instructions executed)."""
    if not isinstance(seed, int) or seed < 0:
        raise ValueError(f"Seed must be a non-negative integer, not {seed!r}")
    return _Gen(seed, length).program()


def build(seed, out_dir, length=800):
    """Generate and assemble the program for ``seed`` into ``out_dir/rand-<seed>.elf``."""
    out = Path(out_dir) / f"rand-{seed}.elf"
    return assemble(generate(seed, length), out, linker_script=LINKER_SCRIPT)
