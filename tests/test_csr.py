"""The machine-mode CSRs: WARL fields, traps and mret, counters, interrupt priority; and the
CSR instructions' legality checks on a running core."""

import pytest
from amaranth.sim import Simulator

from core_harness import run
from rtl.core.csr import CSRDef, MachineCSRs
from rtl.core.isa import CSRAddr


def csr_sim(bench):
    dut = MachineCSRs()
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
        assert read(CSRAddr.MIE) == 0x888              # MEIE, MTIE, MSIE only
        await write(CSRAddr.MSTATUS, 0xffff_ffff_ffff_ffff)
        assert read(CSRAddr.MSTATUS) == 0x1888        # MPP fixed at M, MPIE, MIE
        await write(CSRAddr.MISA, 0)
        assert read(CSRAddr.MISA) == (2 << 62) | (1 << 0) | (1 << 8) | (1 << 12)
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
        ctx.set(dut.trap, 0)
        assert read(CSRAddr.MEPC) == 0x8000_0040
        assert read(CSRAddr.MCAUSE) == 2
        assert read(CSRAddr.MTVAL) == 0xdead
        assert read(CSRAddr.MSTATUS) == 0x1880         # MPIE = old MIE, MIE = 0
        ctx.set(dut.mret, 1)
        await ctx.tick()
        ctx.set(dut.mret, 0)
        assert read(CSRAddr.MSTATUS) == 0x1888         # MIE = MPIE, MPIE = 1

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
    ("csrr t0, satp", False),          # no S-mode in this core yet
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
