"""The privileged CSRs: WARL fields, traps and xret, delegation, counters, interrupt priority;
and the CSR instructions' legality checks on a running core."""

import pytest
from amaranth.sim import Simulator

from core_harness import run
from rtl.core.csr import CSRDef, PrivilegedCSRs
from rtl.core.isa import CSRAddr


def csr_sim(bench):
    dut = PrivilegedCSRs()
    defs = {d.addr: d for d in dut.csr_defs()}

    async def wrapped(ctx):
        async def write(addr, value):
            ctx.set(dut.csr_w.we, 1)
            ctx.set(dut.csr_w.addr, addr)
            ctx.set(dut.csr_w.data, value)
            await ctx.tick()
            ctx.set(dut.csr_w.we, 0)

        def read(addr):
            return ctx.get(defs[addr].read)

        await bench(ctx, dut, write, read)

    sim = Simulator(dut)
    sim.add_clock(1e-6)
    sim.add_testbench(wrapped)
    sim.run()


def test_warl_fields():
    async def bench(ctx, dut, write, read):
        await write(CSRAddr.MTVEC, 0x8000_0103)       # mode 3 reads as vectored (bit 1 is 0)
        assert read(CSRAddr.MTVEC) == 0x8000_0101
        await write(CSRAddr.MTVEC, 0x8000_0102)       # mode 2 reads as direct
        assert read(CSRAddr.MTVEC) == 0x8000_0100
        await write(CSRAddr.MEPC, 0x8000_0007)        # no C extension: 4-byte aligned
        assert read(CSRAddr.MEPC) == 0x8000_0004
        await write(CSRAddr.MIE, 0xffff_ffff_ffff_ffff)
        assert read(CSRAddr.MIE) == 0xaaa              # M and S: software, timer, external
        await write(CSRAddr.MSTATUS, 0xffff_ffff_ffff_ffff)
        # SIE MIE SPIE MPIE SPP MPP MPRV SUM MXR TVM TW TSR, and UXL = SXL = 2 (64-bit)
        assert read(CSRAddr.MSTATUS) == 0x0000_000a_007e_19aa
        await write(CSRAddr.MSTATUS, 2 << 11)          # MPP = 2 (reserved) stores U
        assert read(CSRAddr.MSTATUS) >> 11 & 3 == 0
        await write(CSRAddr.MISA, 0)
        assert read(CSRAddr.MISA) == (2 << 62) | sum(1 << (ord(c) - 65) for c in "AIMSU")
        await write(0x302, 0xffff_ffff_ffff_ffff)     # medeleg: all but ecall from M
        assert read(0x302) == 0xb3ff & ~(1 << 11)
        await write(0x303, 0xffff_ffff_ffff_ffff)     # mideleg: supervisor interrupts
        assert read(0x303) == 0x222
        await write(0x180, (9 << 60) | 5)              # satp: Sv48 is not supported: ignored
        assert read(0x180) == 0
        await write(0x180, (8 << 60) | (3 << 44) | 5)
        assert read(0x180) == (8 << 60) | (3 << 44) | 5
        await write(CSRAddr.MSTATUS, 0xffff_ffff_ffff_ffff)
        await write(0x100, 0)                          # sstatus only touches its own bits
        assert read(CSRAddr.MSTATUS) == 0x0000_000a_0072_1888
        await write(0xB03, 1234)                       # mhpmcounter3: reads zero
        assert read(0xB03) == 0

    csr_sim(bench)


def test_trap_and_mret():
    async def bench(ctx, dut, write, read):
        await write(CSRAddr.MTVEC, 0x8000_1001)
        await write(CSRAddr.MSTATUS, 1 << 3)          # MIE
        ctx.set(dut.trap_cause, (1 << 63) | 7)
        assert ctx.get(dut.trap_target) == 0x8000_1000 + 4 * 7   # vectored interrupt
        ctx.set(dut.trap_cause, 2)
        assert ctx.get(dut.trap_target) == 0x8000_1000           # exceptions: base
        ctx.set(dut.trap, 1)
        ctx.set(dut.trap_pc, 0x8000_0040)
        ctx.set(dut.trap_val, 0xdead)
        await ctx.tick()
        # The CSRs take the trap in the next cycle, from the values registered.
        ctx.set(dut.trap, 0)
        ctx.set(dut.trap_cause, 0)
        ctx.set(dut.trap_pc, 0)
        ctx.set(dut.trap_val, 0)
        assert read(CSRAddr.MEPC) == 0 and read(CSRAddr.MCAUSE) == 0
        assert ctx.get(dut.trap_entry) == 0x8000_1000
        await ctx.tick()
        assert read(CSRAddr.MEPC) == 0x8000_0040
        assert read(CSRAddr.MCAUSE) == 2
        assert read(CSRAddr.MTVAL) == 0xdead
        # MPIE = old MIE, MIE = 0, MPP = M (the trap came from M)
        assert read(CSRAddr.MSTATUS) & 0x1fff == 0x1880
        ctx.set(dut.mret, 1)
        await ctx.tick()
        ctx.set(dut.mret, 0)
        # MIE = MPIE, MPIE = 1, MPP = U, still in M
        assert read(CSRAddr.MSTATUS) & 0x1fff == 0x0088
        assert ctx.get(dut.priv) == 3

    csr_sim(bench)


def test_counters():
    async def bench(ctx, dut, write, read):
        start = read(CSRAddr.MCYCLE)
        await ctx.tick().repeat(5)
        assert read(CSRAddr.MCYCLE) == start + 5
        ctx.set(dut.retire, 1)
        await ctx.tick().repeat(3)
        ctx.set(dut.retire, 0)
        assert read(CSRAddr.MINSTRET) == 3 == read(CSRAddr.INSTRET)
        ctx.set(dut.retire, 1)
        await write(CSRAddr.MINSTRET, 100)             # the write wins over the increment
        ctx.set(dut.retire, 0)
        assert read(CSRAddr.MINSTRET) == 100
        await write(CSRAddr.MCOUNTINHIBIT, 0b101)
        frozen = read(CSRAddr.MCYCLE)
        await ctx.tick().repeat(4)
        assert read(CSRAddr.MCYCLE) == frozen
        ctx.set(dut.time, 77)
        assert read(CSRAddr.TIME) == 77

    csr_sim(bench)


def test_interrupt_priority_and_wfi_wake():
    async def bench(ctx, dut, write, read):
        await write(CSRAddr.MIE, 0x888)
        ctx.set(dut.irq_mtip, 1)
        ctx.set(dut.irq_msip, 1)
        assert ctx.get(dut.wfi_wake) and not ctx.get(dut.irq_take)   # MIE clear
        await write(CSRAddr.MSTATUS, 1 << 3)
        assert ctx.get(dut.irq_take)
        assert ctx.get(dut.irq_cause) == (1 << 63) | 3               # MSI before MTI
        ctx.set(dut.irq_meip, 1)
        assert ctx.get(dut.irq_cause) == (1 << 63) | 11              # MEI first
        assert read(CSRAddr.MIP) == 0x888

    csr_sim(bench)


def test_delegation_and_sret():
    async def bench(ctx, dut, write, read):
        await write(CSRAddr.MTVEC, 0x8000_1000)
        await write(0x105, 0x8000_2000)                 # stvec
        await write(0x302, 1 << 8)                      # delegate ecall from U
        await write(CSRAddr.MSTATUS, 0)                 # MPP = U
        ctx.set(dut.mret, 1)
        await ctx.tick()
        ctx.set(dut.mret, 0)
        assert ctx.get(dut.priv) == 0
        ctx.set(dut.trap_cause, 8)
        assert ctx.get(dut.trap_target) == 0x8000_2000  # delegated: stvec
        ctx.set(dut.trap_cause, 2)
        assert ctx.get(dut.trap_target) == 0x8000_1000  # not delegated: mtvec
        ctx.set(dut.trap_cause, 8)
        ctx.set(dut.trap, 1)
        ctx.set(dut.trap_pc, 0x1234)
        await ctx.tick()
        ctx.set(dut.trap, 0)
        assert ctx.get(dut.priv) == 0                    # taken in the next cycle
        assert ctx.get(dut.trap_entry) == 0x8000_2000    # delegated: stvec
        await ctx.tick()
        assert ctx.get(dut.priv) == 1
        assert read(0x141) == 0x1234 and read(0x142) == 8
        assert read(0x100) >> 8 & 1 == 0                 # SPP = U
        ctx.set(dut.sret, 1)
        assert ctx.get(dut.xret_target) == 0x1234
        await ctx.tick()
        ctx.set(dut.sret, 0)
        assert ctx.get(dut.priv) == 0
        # In M, a delegated cause still traps to M.
        await write(CSRAddr.MSTATUS, 3 << 11)
        ctx.set(dut.mret, 1)
        await ctx.tick()
        ctx.set(dut.mret, 0)
        assert ctx.get(dut.priv) == 3
        ctx.set(dut.trap_cause, 8)
        assert ctx.get(dut.trap_target) == 0x8000_1000

    csr_sim(bench)


def test_interrupt_delegation():
    async def bench(ctx, dut, write, read):
        await write(CSRAddr.MIE, 0xaaa)
        await write(0x303, 0x222)                       # delegate S interrupts
        await write(CSRAddr.MIP, 1 << 5)                # STIP
        # In M, a delegated interrupt is never taken.
        await write(CSRAddr.MSTATUS, (1 << 3) | (1 << 1))
        assert ctx.get(dut.wfi_wake) and not ctx.get(dut.irq_take)
        # Drop to S with SIE clear: not taken; to U: taken whatever SIE.
        await write(CSRAddr.MSTATUS, 1 << 11)           # MPP = S, SIE = 0
        ctx.set(dut.mret, 1)
        await ctx.tick()
        ctx.set(dut.mret, 0)
        assert ctx.get(dut.priv) == 1 and not ctx.get(dut.irq_take)
        # A machine timer interrupt is taken in S even with MIE clear.
        ctx.set(dut.irq_mtip, 1)
        assert ctx.get(dut.irq_take) and ctx.get(dut.irq_cause) == (1 << 63) | 7
        ctx.set(dut.irq_mtip, 0)
        assert read(0x144) == 1 << 5                    # sip shows STIP
        assert read(0x104) == 0x222                     # sie: the delegated enables

    csr_sim(bench)


def test_csrdef_checks():
    with pytest.raises(ValueError, match=r"^CSR 'cycle' at 0xc00 is in the read-only range "
                                         r"0xc00..0xfff and cannot be writable$"):
        CSRDef(0xC00, "cycle", 0)
    with pytest.raises(ValueError, match=r"^CSR number must be an integer in 0..4095, "
                                         r"not 4096$"):
        CSRDef(4096, "x", 0)


@pytest.mark.parametrize("insn,legal", [
    ("csrr t0, mvendorid", True),
    ("csrw mvendorid, t0", False),     # read-only number
    ("csrs mvendorid, x0", True),      # rs1 = x0: no write, legal
    ("csrw cycle, t0", False),
    ("csrr t0, 0x7c0", False),         # no such CSR
    ("csrr t0, satp", True),
    ("csrr t0, pmpcfg0", False),       # no PMP
    ("csrr t0, hpmcounter3", False),   # no Zihpm (spike agrees)
])
def test_csr_instruction_legality(insn, legal):
    body = f"""
      la t0, handler
      csrw mtvec, t0
      li s1, 0
      {insn}
      li s1, 1
    handler:
      csrr t2, mcause
    """
    r = run(body + "\n li a0, 1\n la t6, tohost\n sd a0, 0(t6)\n 1: j 1b\n")
    traps = [x for x in r["retired"] if x.get("trap")]
    assert bool(traps) != legal
    if traps:
        assert traps[0]["insn"] & 0x7f == 0x73
