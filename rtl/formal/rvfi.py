"""Formal properties of the core, read from its RVFI port only.

The core starts from reset (every register at its ``init`` value; the register file, which
reset does not clear, with any contents) and then sees an unconstrained world: every cycle the instruction and data buses return any
doubleword, the interrupt lines and ``time`` take any value. Nothing else is assumed, so a
bounded check of depth *n* covers every program, every memory content and every interrupt
timing for the first *n* cycles after reset.

Properties checked on every retirement (``rvfi.valid``):

``order``
    ``rvfi_order`` counts retirements: the first is 0 and each is one more than the last
    (no gap, no repeat). Checked on every cycle (``order`` is the number of retirements so
    far), which makes it provable by induction.
``rd_zero``
    ``rd_wdata`` is zero when ``rd_addr`` is 0.
``pc_chain``
    ``pc_rdata`` is the previous retirement's ``pc_wdata``, unless ``intr`` is set (the first
    instruction of an interrupt handler).
``mode``
    ``mode`` is 0 (U), 1 (S) or 3 (M).
``trap``
    A trapped instruction writes no register (``rd_addr`` = 0) and no memory
    (``mem_wmask`` = 0).
``constants``
    ``halt`` = 0, ``ixl`` = 2 (XLEN 64).
``rs_zero``
    ``rs1_rdata``/``rs2_rdata`` are zero when ``rs1_addr``/``rs2_addr`` are 0.

The covers show the check is not vacuous: within the depth, instructions retire, one traps,
an interrupt is taken, a store writes memory, and a retirement happens in S or U mode (when
the depth allows it).
"""

from amaranth.asserts import AnySeq
from amaranth.hdl import Assert, Cover, Elaboratable, Module, Signal

from ..core.core import Core


__all__ = ["RVFIChecks", "PROPERTIES"]


PROPERTIES = ("order", "rd_zero", "pc_chain", "mode", "trap", "constants", "rs_zero")


class RVFIChecks(Elaboratable):
    """The core with unconstrained buses and interrupts, and assertions on its RVFI port.

    Parameters
    ----------
    properties : iterable of str
        Which of :data:`PROPERTIES` to assert (default: all).
    covers : bool
        Add the non-vacuity covers.
    free_regfile : bool
        Let the register file, which reset does not clear, start with any contents (else
        zero, as on the FPGA). Covers are found several times faster from zero.
    core_kwargs
        Passed to :class:`rtl.core.core.Core`.

    Members
    -------
    core : Core
    free_init : tuple of str
        State that starts with any value (see :func:`rtl.formal.runner.run_formal`).
    """

    def __init__(self, properties=PROPERTIES, covers=True, free_regfile=True, **core_kwargs):
        properties = tuple(properties)
        for name in properties:
            if name not in PROPERTIES:
                self._MustUse__silence = True   # a harness that failed to build is not unused
                raise ValueError(f"RVFI property must be one of {PROPERTIES!r}, not {name!r}")
        self.properties = properties
        self.covers = covers
        self.free_init = ("core.regfile*",) if free_regfile else ()
        self.core = Core(**core_kwargs)

    def elaborate(self, platform):
        m = Module()
        m.submodules.core = core = self.core
        m.d.comb += [
            core.ibus.rdata.eq(AnySeq(64)),
            core.dbus.rdata.eq(AnySeq(64)),
            core.time.eq(AnySeq(64)),
            core.irq_msip.eq(AnySeq(1)),
            core.irq_mtip.eq(AnySeq(1)),
            core.irq_meip.eq(AnySeq(1)),
            core.irq_seip.eq(AnySeq(1)),
        ]
        rv = core.rvfi

        # What the checker remembers of earlier retirements.
        retired = Signal(64)        # number of retirements so far
        seen = Signal()             # at least one retirement so far
        last_pc_wdata = Signal(64)
        with m.If(rv.valid):
            m.d.sync += [retired.eq(retired + 1), seen.eq(1), last_pc_wdata.eq(rv.pc_wdata)]

        # Built only for the properties asked for (an unused Assert is a warning).
        checks = {
            "order": lambda: [
                Assert(rv.order == retired, "order: rvfi_order counts retirements from 0"),
            ],
            "rd_zero": lambda: [
                Assert((rv.rd_addr != 0) | (rv.rd_wdata == 0),
                       "rd_zero: rd_wdata is 0 when rd_addr is 0"),
            ],
            "pc_chain": lambda: [
                Assert(~seen | rv.intr | (rv.pc_rdata == last_pc_wdata),
                       "pc_chain: pc_rdata is the previous pc_wdata unless intr"),
            ],
            "mode": lambda: [
                Assert((rv.mode == 0) | (rv.mode == 1) | (rv.mode == 3),
                       "mode: mode is U, S or M"),
            ],
            "trap": lambda: [
                Assert(~rv.trap | (rv.rd_addr == 0), "trap: a trap writes no register"),
                Assert(~rv.trap | (rv.mem_wmask == 0), "trap: a trap writes no memory"),
            ],
            "constants": lambda: [
                Assert(rv.halt == 0, "constants: halt is 0"),
                Assert(rv.ixl == 2, "constants: ixl is 2"),
            ],
            "rs_zero": lambda: [
                Assert((rv.rs1_addr != 0) | (rv.rs1_rdata == 0),
                       "rs_zero: rs1_rdata is 0 when rs1_addr is 0"),
                Assert((rv.rs2_addr != 0) | (rv.rs2_rdata == 0),
                       "rs_zero: rs2_rdata is 0 when rs2_addr is 0"),
            ],
        }
        # rvfi_order is a register, not just a value sampled on retirement: requiring it to
        # count retirements on every cycle is the same property, and makes it 1-inductive.
        if "order" in self.properties:
            m.d.comb += checks["order"]()
        with m.If(rv.valid):
            for name in self.properties:
                if name != "order":
                    m.d.comb += checks[name]()
            if self.covers:
                m.d.comb += [
                    Cover(rv.order == 2, "three instructions retire"),
                    Cover(rv.trap, "an instruction traps"),
                    Cover(rv.intr, "an interrupt handler starts"),
                    Cover(rv.mem_wmask != 0, "a store writes memory"),
                    Cover(rv.rd_addr != 0, "a register is written"),
                    Cover(rv.mode != 3, "an instruction retires in S or U mode"),
                ]
        return m
