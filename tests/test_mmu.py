"""Sv39 translation: TLB lookups, flushes and permission checks as units, and programs that
run in S and U mode under page tables on the core (Amaranth simulator)."""

import pytest
from amaranth.sim import Simulator

from core_harness import run
from rtl.core.isa import Priv
from rtl.core.mmu import TLB, Access, TLBEntry, permission_fault


def entry(vpn, asid=1, level=0, ppn=0x80000, g=0, **perms):
    e = dict(valid=1, vpn=vpn, asid=asid, level=level, ppn=ppn, g=g, r=1, w=1, x=1, u=0,
             a=1, d=1)
    e.update(perms)
    return e


def tlb_sim(bench, entries=4, **kwargs):
    dut = TLB(entries, **kwargs)
    sim = Simulator(dut)
    sim.add_clock(1e-6)

    async def wrapped(ctx):
        async def fill(e):
            ctx.set(dut.fill, 1)
            ctx.set(dut.fill_entry, e)
            await ctx.tick()
            ctx.set(dut.fill, 0)

        def lookup(vaddr, asid=1):
            ctx.set(dut.vaddr, vaddr)
            ctx.set(dut.asid, asid)
            return ctx.get(dut.hit), ctx.get(dut.paddr)

        async def flush(va=None, asid=None):
            ctx.set(dut.flush, 1)
            ctx.set(dut.flush_va_valid, va is not None)
            ctx.set(dut.flush_va, va or 0)
            ctx.set(dut.flush_asid_valid, asid is not None)
            ctx.set(dut.flush_asid, asid or 0)
            await ctx.tick()
            ctx.set(dut.flush, 0)

        await bench(ctx, dut, fill, lookup, flush)

    sim.add_testbench(wrapped)
    sim.run()


def test_tlb_page_sizes():
    async def bench(ctx, dut, fill, lookup, flush):
        await fill(entry(vpn=0x00001, level=0, ppn=0x80123))           # 4 KiB
        await fill(entry(vpn=0x40000, level=1, ppn=0x80400))           # 2 MiB at 0x4000_0000
        await fill(entry(vpn=3 << 18, level=2, ppn=0x80000))            # 1 GiB at 0xc000_0000
        assert lookup(0x1abc) == (1, 0x80123abc)
        assert lookup(0x2abc)[0] == 0
        assert lookup(0x4012_3456) == (1, 0x8052_3456)
        assert lookup(0x4000_0000 + (1 << 21))[0] == 0
        assert lookup(0xc765_4321) == (1, 0x8765_4321)

    tlb_sim(bench)


def test_tlb_gigapage():
    async def bench(ctx, dut, fill, lookup, flush):
        await fill(entry(vpn=2 << 18, level=2, ppn=0x80000))            # VA 0x8000_0000
        assert lookup(0x8765_4321) == (1, 0x8765_4321)
        assert lookup(0x4765_4321)[0] == 0

    tlb_sim(bench)


def test_tlb_asids_and_global():
    async def bench(ctx, dut, fill, lookup, flush):
        await fill(entry(vpn=1, asid=1, ppn=0x80001))
        await fill(entry(vpn=1, asid=2, ppn=0x80002))
        await fill(entry(vpn=5, asid=3, ppn=0x80005, g=1))
        assert lookup(0x1000, asid=1) == (1, 0x80001000)
        assert lookup(0x1000, asid=2) == (1, 0x80002000)
        assert lookup(0x1000, asid=3)[0] == 0
        assert lookup(0x5000, asid=7) == (1, 0x80005000)               # global
        await flush(asid=1)                                             # x0, asid
        assert lookup(0x1000, asid=1)[0] == 0
        assert lookup(0x1000, asid=2)[0] == 1
        await flush(asid=3)                                             # globals survive
        assert lookup(0x5000, asid=3)[0] == 1
        await flush(va=0x5000)                                          # va, x0: any entry
        assert lookup(0x5000, asid=3)[0] == 0
        await fill(entry(vpn=7, asid=2, ppn=0x80007))
        await flush(va=0x7000, asid=1)                                  # other ASID: stays
        assert lookup(0x7000, asid=2)[0] == 1
        await flush(va=0x7000, asid=2)
        assert lookup(0x7000, asid=2)[0] == 0
        assert lookup(0x1000, asid=2)[0] == 1
        await flush()                                                   # x0, x0: all
        assert lookup(0x1000, asid=2)[0] == 0

    tlb_sim(bench)


def test_tlb_replacement_keeps_the_newest():
    async def bench(ctx, dut, fill, lookup, flush):
        for i in range(6):
            await fill(entry(vpn=i, ppn=0x80000 + i))
        assert [lookup(i << 12)[0] for i in range(6)] == [0, 0, 1, 1, 1, 1]

    tlb_sim(bench)


@pytest.mark.parametrize("small_first", [True, False])
def test_tlb_overlap_answers_the_first_entry(small_first):
    # Page tables changed without sfence.vma: a 4 KiB page of ASID 1 and a global 1 GiB
    # page both map VA 0x1000. The lowest-numbered entry answers, whole (not a mixture of
    # both, as when the TLB ORed the matching entries); a miss answers zero.
    small = entry(vpn=1, level=0, ppn=0x80123, u=1)
    giga = entry(vpn=0, asid=7, level=2, ppn=0x40000, g=1, w=0)

    async def bench(ctx, dut, fill, lookup, flush):
        for e in (small, giga) if small_first else (giga, small):
            await fill(e)
        first = small if small_first else giga
        assert lookup(0x1abc) == (1, 0x80123abc if small_first else 0x40001abc)
        got = ctx.get(dut.entry)
        assert {name: getattr(got, name) for name in first} == first
        assert lookup(0x2abc) == (1, 0x40002abc)                       # only the 1 GiB page
        assert lookup(0x1abc, asid=2) == (1, 0x40001abc)               # only the global one
        assert lookup(0x4000_0000)[0] == 0
        assert ctx.get(dut.entry.as_value()) == 0

    tlb_sim(bench)


def test_tlb_attrs():
    """Per-entry attributes of the translated address: the matching (first) entry's, from
    its own translation, for every page size; zero on a miss."""
    from amaranth.hdl import Cat

    def attrs(pa):                 # bit 0: in 0x8000_0000..+128 KiB; bit 1: bit 12 set
        return Cat(pa[17:] == 0x8000_0000 >> 17, pa[12])

    def expect(pa):
        return int(0x8000_0000 <= pa < 0x8002_0000) | (pa >> 12 & 1) << 1

    async def bench(ctx, dut, fill, lookup, flush):
        await fill(entry(vpn=0x00001, level=0, ppn=0x80011))           # 4 KiB
        await fill(entry(vpn=0x40000, level=1, ppn=0x80000))           # 2 MiB
        await fill(entry(vpn=3 << 18, level=2, ppn=0x80000))            # 1 GiB
        await fill(entry(vpn=0x00001, level=0, ppn=0x12345))           # shadowed by slot 0
        for va in (0x1abc, 0x4001_f000, 0x4002_0000, 0x4000_1000, 0xc001_3000,
                   0xc7ff_f000, 0x2abc):
            hit, pa = lookup(va)
            assert ctx.get(dut.attr) == (expect(pa) if hit else 0), hex(va)
        assert lookup(0x1abc) == (1, 0x80011abc) and ctx.get(dut.attr) == 0b11
        assert lookup(0x4002_0000)[0] and ctx.get(dut.attr) == 0b00
        assert lookup(0x2abc)[0] == 0 and ctx.get(dut.attr) == 0

    tlb_sim(bench, attrs=attrs, attr_width=2)
    with pytest.raises(ValueError, match=r"^TLB attrs and attr_width go together"):
        TLB(4, attr_width=2)


def test_tlb_size_check():
    with pytest.raises(ValueError, match=r"^TLB entries must be a positive power of two, "
                                         r"not 3$"):
        TLB(3)


@pytest.mark.parametrize("perms,access,priv,sum_,mxr,fault", [
    (dict(u=1), Access.LOAD, Priv.U, 0, 0, False),
    (dict(u=0), Access.LOAD, Priv.U, 0, 0, True),        # S page from U
    (dict(u=1), Access.LOAD, Priv.S, 0, 0, True),        # U page from S without SUM
    (dict(u=1), Access.STORE, Priv.S, 1, 0, False),      # ... with SUM
    (dict(u=1), Access.FETCH, Priv.S, 1, 0, True),       # never execute U pages in S
    (dict(r=0, w=0, x=1), Access.LOAD, Priv.S, 0, 0, True),
    (dict(r=0, w=0, x=1), Access.LOAD, Priv.S, 0, 1, False),   # MXR
    (dict(w=0), Access.STORE, Priv.S, 0, 0, True),
    (dict(x=0), Access.FETCH, Priv.S, 0, 0, True),
    (dict(a=0), Access.LOAD, Priv.S, 0, 0, True),        # Svade: A clear
    (dict(d=0), Access.STORE, Priv.S, 0, 0, True),       # Svade: D clear
    (dict(d=0), Access.LOAD, Priv.S, 0, 0, False),
])
def test_permission_fault(perms, access, priv, sum_, mxr, fault):
    from amaranth.hdl import Signal
    from amaranth.lib.wiring import Component, Out, In
    e = Signal(TLBEntry)
    out = Signal()
    from amaranth.hdl import Module

    class Wrap(Component):
        o: Out(1)

        def elaborate(self, platform):
            m = Module()
            m.d.comb += self.o.eq(permission_fault(e, access, priv, sum_, mxr))
            return m

    dut = Wrap()

    async def bench(ctx):
        ctx.set(e, entry(vpn=0, **perms))
        assert ctx.get(dut.o) == fault

    sim = Simulator(dut)
    sim.add_testbench(bench)
    sim.run()


# --------------------------------------------------------------------------- programs

PAGE_TABLES = """
.section .data
.align 12
pt_root:
  .dword 0                                  # VA 0x0000_0000: pointer to pt_l1 (set below)
  .dword 0
  .dword (0x80000 << 10) | 0xcf             # VA 0x8000_0000: 1 GiB, RWX, A, D, G (kernel)
  .fill 509, 8, 0
.align 12
pt_l1:
  .fill 512, 8, 0
.align 12
pt_l0:
  .fill 512, 8, 0
.align 12
upage:
  .dword 0x1111111111111111
  .fill 511, 8, 0
.align 12
upage2:
  .dword 0x2222222222222222
  .fill 511, 8, 0
"""

SETUP = """
  la t0, mtrap
  csrw mtvec, t0
  # pt_root[0] -> pt_l1 -> pt_l0 (pointers: V only)
  la t0, pt_root
  la t1, pt_l1
  srli t1, t1, 12
  slli t1, t1, 10
  ori t1, t1, 1
  sd t1, 0(t0)
  la t0, pt_l1
  la t1, pt_l0
  srli t1, t1, 12
  slli t1, t1, 10
  ori t1, t1, 1
  sd t1, 0(t0)
  la s4, pt_l0
"""


def leaf(label, slot, flags):
    return f"""
  la t1, {label}
  srli t1, t1, 12
  slli t1, t1, 10
  ori t1, t1, {flags}
  sd t1, {slot * 8}(s4)
"""


def satp(asid):
    return f"""
  la t0, pt_root
  srli t0, t0, 12
  li t1, (8 << 60) | ({asid} << 44)
  or t0, t0, t1
  csrw satp, t0
"""


TAIL = """
pass:
  li a0, 1
  la t6, tohost
  sd a0, 0(t6)
1: j 1b
fail:
  li a0, 3
  la t6, tohost
  sd a0, 0(t6)
2: j 2b
.align 4
# M-mode handler: an ecall passes; an expected fault (cause in s2) skips the instruction
# and counts in s3; anything else fails.
mtrap:
  csrr t5, mcause
  li t6, 9
  beq t5, t6, pass
  li t6, 8
  beq t5, t6, pass
  bne t5, s2, fail
  csrr t5, mtval
  bne t5, s5, fail
  addi s3, s3, 1
  li s2, -1
  csrr t5, mepc
  addi t5, t5, 4
  csrw mepc, t5
  mret
"""


def to_mode(mode, label):
    return f"""
  li t0, 3 << 11
  csrc mstatus, t0
  li t0, {mode} << 11
  csrs mstatus, t0
  la t0, {label}
  csrw mepc, t0
  mret
"""


def test_supervisor_data_accesses_through_page_tables():
    body = SETUP + leaf("upage", 1, 0xd7) + leaf("upage2", 2, 0x53) + satp(1) + \
        to_mode(1, "s_entry") + """
s_entry:
  li s3, 0
  li s2, 13                 # U page from S without SUM: load page fault
  li s5, 0x1000
  ld a0, 0(s5)
  li t0, 1
  bne s3, t0, fail
  li t0, 1 << 18            # SUM
  csrs sstatus, t0
  ld a0, 0(s5)
  li t0, 0x1111111111111111
  bne a0, t0, fail
  sd t0, 8(s5)              # dirty page, writable: fine
  li s2, 15                 # upage2 is read-only (and D clear)
  li s5, 0x2008
  sd t0, 0(s5)
  li t0, 2
  bne s3, t0, fail
  li s5, 0x2000
  ld a1, 0(s5)
  li t0, 0x2222222222222222
  bne a1, t0, fail
  li s2, 13                 # unmapped page 0x3000: invalid PTE
  li s5, 0x3000
  ld a1, 0(s5)
  li t0, 3
  bne s3, t0, fail
  li s2, 13                 # non-canonical address
  li s5, 0x0000008000000000
  ld a1, 0(s5)
  li t0, 4
  bne s3, t0, fail
  ecall
""" + TAIL + PAGE_TABLES
    r = run(body, max_cycles=8000, ram_words=8192)
    assert r["tohost"] == 1


def test_user_code_runs_from_a_user_page():
    """The ITLB path: user code at VA 0x1000, copied into upage by M mode."""
    body = SETUP + leaf("upage", 1, 0xdf) + satp(2) + """
  # copy ucode (4 instructions) to upage
  la t0, ucode
  la t1, upage
  ld t2, 0(t0)
  sd t2, 0(t1)
  ld t2, 8(t0)
  sd t2, 8(t1)
  fence.i
  li s2, -1
  li a0, 0
""" + to_mode(0, "0x1000") .replace("la t0, 0x1000", "li t0, 0x1000") + """
ucode:
  addi a0, a0, 5
  addi a0, a0, 6
  ecall
  nop
""" + TAIL.replace("""  li t6, 8
  beq t5, t6, pass""", """  li t6, 8
  bne t5, t6, 3f
  li t6, 11
  beq a0, t6, pass
  j fail
3:""") + PAGE_TABLES
    r = run(body, max_cycles=8000, ram_words=8192)
    assert r["tohost"] == 1
    user = [x for x in r["retired"] if x.get("pc_rdata", 0) in (0x1000, 0x1004)]
    assert len(user) == 2


def test_asids_isolate_the_same_virtual_address():
    body = SETUP + leaf("upage", 1, 0xd7) + satp(1) + """
  # ASID 2 uses a second root whose VA 0x1000 maps upage2
""" + to_mode(1, "s_entry") + """
s_entry:
  li t0, 1 << 18
  csrs sstatus, t0
  li s5, 0x1000
  ld a0, 0(s5)              # ASID 1: upage
  li t0, 0x1111111111111111
  bne a0, t0, fail
  # remap VA 0x1000 to upage2 in the page table, switch to ASID 3 without sfence:
  # ASID 3 has never been used, so it must walk and see the new mapping.
  la t1, upage2
  srli t1, t1, 12
  slli t1, t1, 10
  ori t1, t1, 0xd7
  sd t1, 8(s4)
""" + satp(3) + """
  ld a0, 0(s5)
  li t0, 0x2222222222222222
  bne a0, t0, fail
  ecall
""" + TAIL + PAGE_TABLES
    r = run(body, max_cycles=8000, ram_words=8192)
    assert r["tohost"] == 1
