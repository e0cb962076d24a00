"""A 16550-compatible UART, with registers one byte apart (reg shift 0, as on QEMU virt).

======  ===========  ===========  ==========================================
Offset  Read         Write        With LCR.DLAB = 1
======  ===========  ===========  ==========================================
0       RBR          THR          DLL (divisor latch, low byte)
1       IER          IER          DLM (divisor latch, high byte)
2       IIR          FCR
3       LCR          LCR
4       MCR          MCR
5       LSR          (ignored)
6       MSR          (ignored)
7       SCR          SCR
======  ===========  ===========  ==========================================

The UART sits at a doubleword-aligned base, so register *k* is byte lane *k* of the 64-bit bus;
an access to any other doubleword of the UART region reads zero and writes nothing. Each lane is
handled on its own: a multi-byte access acts on every register whose lane is selected, and a
read has a side effect (popping the receive FIFO for RBR, clearing error bits for LSR, clearing
the THRE interrupt for IIR) only when that register's lane is selected.

The serial side is 8N1 with 16x oversampling: the baud tick comes every ``divisor`` cycles
(65536 for a divisor of 0) and a bit lasts 16 ticks. LCR only contributes DLAB and break
control; word length, stop bits and parity are stored but the line is always 8N1. MCR.LOOP
loops the transmitter into the receiver (``txd`` idles high meanwhile) and MSR then reflects
MCR; otherwise MSR reports CTS, DSR and DCD asserted, and never a delta.

Both FIFOs are always in use; FCR.FIFOEN (bit 0) sets IIR[7:6] and the receive trigger level
(1 byte when clear) and enables the character timeout. Writing FCR with bit 1 (2) clears the
receive (transmit) FIFO; changing FIFOEN clears both.

With ``sim=True`` the transmitter drains instantly: each byte written to THR is presented on
``tx_valid``/``tx_data`` (one cycle later) instead of being serialised, so LSR.THRE and
LSR.TEMT are always set. Bytes offered on ``rx_valid``/``rx_data`` enter the receive FIFO when
``rx_ready`` is high (the FIFO has room and the serial receiver does not push that cycle).
"""

import enum as py_enum

from amaranth.hdl import Cat, Const, Module, Mux, ResetInserter, Signal
from amaranth.lib import data, enum, wiring
from amaranth.lib.cdc import FFSynchronizer
from amaranth.lib.fifo import SyncFIFO
from amaranth.lib.wiring import In, Out

from ..bus import BusSignature


__all__ = ["UART", "Reg", "IER", "IIRId", "FCR", "LCR", "MCR", "LSR", "FIFO_DEPTH"]


FIFO_DEPTH = 16
# A character is 10 bits of 16 ticks; the receive timeout is 4 character times.
_CHAR_TICKS = 10 * 16
_TIMEOUT_TICKS = 4 * _CHAR_TICKS


class Reg(py_enum.IntEnum):
    """Byte offset (and bus lane) of each register."""
    RBR_THR_DLL = 0
    IER_DLM = 1
    IIR_FCR = 2
    LCR = 3
    MCR = 4
    LSR = 5
    MSR = 6
    SCR = 7


IER = data.StructLayout({
    "erbfi": 1,   # received data available (and character timeout)
    "etbei": 1,   # transmitter holding register empty
    "elsi":  1,   # receiver line status
    "edssi": 1,   # modem status
})


class IIRId(enum.Enum, shape=4):
    """Interrupt identification (IIR[3:0]), highest priority first."""
    LINE_STATUS = 0b0110
    RX_DATA = 0b0100
    RX_TIMEOUT = 0b1100
    THR_EMPTY = 0b0010
    MODEM_STATUS = 0b0000
    NONE = 0b0001


FCR = data.StructLayout({
    "fifo_en":  1,
    "rx_reset": 1,
    "tx_reset": 1,
    "dma_mode": 1,
    "_unused":  2,
    "rx_trig":  2,   # receive trigger level: 1, 4, 8 or 14 bytes
})


LCR = data.StructLayout({
    "wls":  2,   # word length select (stored; the line is always 8 bits)
    "stb":  1,   # stop bits (stored)
    "pen":  1,   # parity enable (stored)
    "eps":  1,   # even parity select (stored)
    "sp":   1,   # stick parity (stored)
    "brk":  1,   # break control: hold txd low
    "dlab": 1,   # divisor latch access
})


MCR = data.StructLayout({
    "dtr":  1,
    "rts":  1,
    "out1": 1,
    "out2": 1,
    "loop": 1,
})


LSR = data.StructLayout({
    "dr":   1,   # data ready
    "oe":   1,   # overrun error
    "pe":   1,   # parity error (never: no parity)
    "fe":   1,   # framing error
    "bi":   1,   # break interrupt
    "thre": 1,   # transmit FIFO empty
    "temt": 1,   # transmit FIFO and shifter empty
    "rxfe": 1,   # error in receive FIFO
})


MSR = data.StructLayout({
    "dcts": 1,
    "ddsr": 1,
    "teri": 1,
    "ddcd": 1,
    "cts":  1,
    "dsr":  1,
    "ri":   1,
    "dcd":  1,
})


class UART(wiring.Component):
    """A 16550-compatible UART with 16-byte FIFOs (see the module documentation).

    Parameters
    ----------
    sim : bool
        Add the byte-level side port for a simulator, and drain the transmitter instantly.
    reset_divisor : int
        Divisor latch value at reset, 1..65535.

    Members
    -------
    bus : In(BusSignature(12))
        Register access; the registers are the byte lanes of the doubleword at offset 0.
    irq : Out(1)
        Interrupt request (IIR[0] clear), level.
    txd : Out(1)
        Serial output, idle high.
    rxd : In(1)
        Serial input, idle high; synchronised inside.
    tx_valid : Out(1)
        (``sim`` only) Strobe: a byte was written to THR.
    tx_data : Out(8)
        (``sim`` only) That byte.
    rx_valid : In(1)
        (``sim`` only) A byte is offered to the receive FIFO.
    rx_data : In(8)
        (``sim`` only) That byte.
    rx_ready : Out(1)
        (``sim`` only) The offered byte is taken this cycle (with ``rx_valid``).
    """

    def __init__(self, *, sim=False, reset_divisor=1):
        if not isinstance(sim, bool):
            raise TypeError(f"Simulation flag must be a bool, not {sim!r}")
        if not isinstance(reset_divisor, int) or not 1 <= reset_divisor <= 0xffff:
            raise ValueError(f"Reset divisor must be an integer in 1..65535, "
                             f"not {reset_divisor!r}")
        self._sim = sim
        self._reset_divisor = reset_divisor
        members = {
            "bus": In(BusSignature(12)),
            "irq": Out(1),
            "txd": Out(1, init=1),
            "rxd": In(1, init=1),
        }
        if sim:
            members.update({
                "tx_valid": Out(1),
                "tx_data":  Out(8),
                "rx_valid": In(1),
                "rx_data":  In(8),
                "rx_ready": Out(1),
            })
        super().__init__(members)

    @property
    def sim(self):
        return self._sim

    def elaborate(self, platform):
        m = Module()
        bus = self.bus

        # Lanes written and read this cycle; only the doubleword at offset 0 holds registers.
        hit = bus.valid & (bus.addr[3:] == 0)
        wr = Signal(8)
        rd = Signal(8)
        m.d.comb += [
            wr.eq(Mux(hit & bus.we, bus.sel, 0)),
            rd.eq(Mux(hit & ~bus.we, bus.sel, 0)),
        ]
        wbyte = [bus.wdata[8 * i:8 * i + 8] for i in range(8)]

        ier = Signal(IER)
        lcr = Signal(LCR)
        mcr = Signal(MCR)
        scr = Signal(8)
        fifo_en = Signal()
        rx_trig = Signal(2)
        divisor = Signal(16, init=self._reset_divisor)
        oe = Signal()
        fe = Signal()
        bi = Signal()
        thre_ip = Signal()    # THRE interrupt pending (cleared by THR write or IIR read)
        timeout_ip = Signal()

        dlab = lcr.dlab
        thr_write = Signal()
        rbr_read = Signal()
        m.d.comb += [
            thr_write.eq(wr[Reg.RBR_THR_DLL] & ~dlab),
            rbr_read.eq(rd[Reg.RBR_THR_DLL] & ~dlab),
        ]

        # Baud generator: one tick every `divisor` cycles, 16 ticks a bit.
        baud_cnt = Signal(16)
        baud_last = Signal(16)
        tick = Signal()
        m.d.comb += [
            baud_last.eq(divisor - 1),
            tick.eq(baud_cnt == baud_last),
        ]
        m.d.sync += baud_cnt.eq(Mux(tick, 0, baud_cnt + 1))

        # FIFOs, each cleared through FCR.
        rx_reset = Signal()
        tx_reset = Signal()
        m.submodules.rx_fifo = rx_fifo = ResetInserter(rx_reset)(
            SyncFIFO(width=8, depth=FIFO_DEPTH))

        # --- Transmitter -------------------------------------------------------------------
        tx_line = Signal(init=1)    # serial output before loopback and break
        tx_busy = Signal()
        tx_empty = Signal()          # LSR.THRE
        tx_idle = Signal()           # LSR.TEMT
        tx_push = Signal()
        if self._sim:
            # THR goes straight to the side port (or, in loopback, to the receiver).
            m.d.comb += [
                tx_empty.eq(1),
                tx_idle.eq(1),
            ]
            m.d.sync += [
                self.tx_valid.eq(thr_write & ~mcr.loop),
                self.tx_data.eq(wbyte[Reg.RBR_THR_DLL]),
            ]
        else:
            m.submodules.tx_fifo = tx_fifo = ResetInserter(tx_reset)(
                SyncFIFO(width=8, depth=FIFO_DEPTH))
            m.d.comb += [
                tx_fifo.w_en.eq(thr_write),
                tx_fifo.w_data.eq(wbyte[Reg.RBR_THR_DLL]),
                tx_empty.eq(~tx_fifo.r_rdy),
                tx_idle.eq(~tx_fifo.r_rdy & ~tx_busy),
            ]
            # {stop, data[7:0], start}, shifted out LSB first.
            tx_shift = Signal(10, init=0x3ff)
            tx_ticks = Signal(4)
            tx_bits = Signal(range(10))
            m.d.comb += tx_line.eq(tx_shift[0])
            with m.If(~tx_busy):
                with m.If(tx_fifo.r_rdy):
                    m.d.comb += tx_fifo.r_en.eq(1)
                    m.d.sync += [
                        tx_busy.eq(1),
                        tx_shift.eq(Cat(Const(0, 1), tx_fifo.r_data, Const(1, 1))),
                        tx_ticks.eq(0),
                        tx_bits.eq(0),
                    ]
            with m.Elif(tick):
                m.d.sync += tx_ticks.eq(tx_ticks + 1)
                with m.If(tx_ticks == 15):
                    m.d.sync += [
                        tx_shift.eq(Cat(tx_shift[1:], Const(1, 1))),
                        tx_bits.eq(tx_bits + 1),
                    ]
                    with m.If(tx_bits == 9):
                        m.d.sync += tx_busy.eq(0)
        m.d.comb += self.txd.eq(Mux(mcr.loop, 1, tx_line & ~lcr.brk))

        # --- Receiver ----------------------------------------------------------------------
        rx_sync = Signal(init=1)
        m.submodules.rx_sync = FFSynchronizer(
            Mux(mcr.loop, tx_line & ~lcr.brk, self.rxd), rx_sync, init=1)
        rx_ticks = Signal(4)
        rx_bits = Signal(range(8))
        rx_shift = Signal(8)
        ser_push = Signal()      # the serial receiver completes a character
        ser_fe = Signal()
        with m.FSM(name="rx"):
            with m.State("IDLE"):
                with m.If(~rx_sync):
                    m.d.sync += rx_ticks.eq(0)
                    m.next = "START"
            with m.State("START"):
                with m.If(tick):
                    m.d.sync += rx_ticks.eq(rx_ticks + 1)
                    # Mid start bit: a real start bit, or a glitch.
                    with m.If(rx_ticks == 7):
                        m.d.sync += [
                            rx_ticks.eq(0),
                            rx_bits.eq(0),
                        ]
                        with m.If(rx_sync):
                            m.next = "IDLE"
                        with m.Else():
                            m.next = "DATA"
            with m.State("DATA"):
                with m.If(tick):
                    m.d.sync += rx_ticks.eq(rx_ticks + 1)
                    with m.If(rx_ticks == 15):
                        m.d.sync += [
                            rx_shift.eq(Cat(rx_shift[1:], rx_sync)),
                            rx_bits.eq(rx_bits + 1),
                        ]
                        with m.If(rx_bits == 7):
                            m.next = "STOP"
            with m.State("STOP"):
                with m.If(tick):
                    m.d.sync += rx_ticks.eq(rx_ticks + 1)
                    with m.If(rx_ticks == 15):
                        m.d.comb += [
                            ser_push.eq(1),
                            ser_fe.eq(~rx_sync),
                        ]
                        with m.If(rx_sync):
                            m.next = "IDLE"
                        with m.Else():
                            # Framing error (or break): wait for the line to go idle.
                            m.next = "WAIT_IDLE"
            with m.State("WAIT_IDLE"):
                with m.If(rx_sync):
                    m.next = "IDLE"

        # Receive FIFO input: the serial receiver first, then loopback in sim mode, then
        # the side port (which waits for rx_ready, so it never overruns).
        push = Signal()
        push_data = Signal(8)
        m.d.comb += [
            push.eq(ser_push),
            push_data.eq(rx_shift),
        ]
        if self._sim:
            loop_push = thr_write & mcr.loop
            with m.If(~ser_push & loop_push):
                m.d.comb += [
                    push.eq(1),
                    push_data.eq(wbyte[Reg.RBR_THR_DLL]),
                ]
            m.d.comb += self.rx_ready.eq(rx_fifo.w_rdy & ~ser_push & ~loop_push & ~rx_reset)
            with m.If(self.rx_valid & self.rx_ready):
                m.d.comb += [
                    push.eq(1),
                    push_data.eq(self.rx_data),
                ]
        m.d.comb += [
            rx_fifo.w_en.eq(push),
            rx_fifo.w_data.eq(push_data),
            rx_fifo.r_en.eq(rbr_read),
        ]

        # Line status. Error bits are sticky until LSR is read.
        lsr = Signal(LSR)
        m.d.comb += [
            lsr.dr.eq(rx_fifo.r_rdy),
            lsr.oe.eq(oe),
            lsr.fe.eq(fe),
            lsr.bi.eq(bi),
            lsr.thre.eq(tx_empty),
            lsr.temt.eq(tx_idle),
            lsr.rxfe.eq(fe | bi),
        ]
        with m.If(rd[Reg.LSR]):
            m.d.sync += [
                oe.eq(0),
                fe.eq(0),
                bi.eq(0),
            ]
        with m.If(push & ~rx_fifo.w_rdy):
            m.d.sync += oe.eq(1)
        with m.If(ser_push & ser_fe):
            m.d.sync += fe.eq(1)
            with m.If(rx_shift == 0):
                m.d.sync += bi.eq(1)

        # Character timeout: data waits below the trigger level for 4 character times with
        # nothing pushed or popped.
        timeout_cnt = Signal(range(_TIMEOUT_TICKS + 1))
        with m.If(push | rbr_read | ~rx_fifo.r_rdy | ~fifo_en):
            m.d.sync += [
                timeout_cnt.eq(0),
                timeout_ip.eq(0),
            ]
        with m.Elif(tick):
            with m.If(timeout_cnt == _TIMEOUT_TICKS - 1):
                m.d.sync += timeout_ip.eq(1)
            with m.If(timeout_cnt != _TIMEOUT_TICKS):
                m.d.sync += timeout_cnt.eq(timeout_cnt + 1)

        # Interrupt identification, highest priority first.
        trig_level = Signal(range(FIFO_DEPTH + 1))
        with m.If(~fifo_en):
            m.d.comb += trig_level.eq(1)
        with m.Else():
            with m.Switch(rx_trig):
                for code, level in enumerate([1, 4, 8, 14]):
                    with m.Case(code):
                        m.d.comb += trig_level.eq(level)
        iid = Signal(IIRId)
        with m.If(ier.elsi & (oe | fe | bi)):
            m.d.comb += iid.eq(IIRId.LINE_STATUS)
        with m.Elif(ier.erbfi & (rx_fifo.level >= trig_level)):
            m.d.comb += iid.eq(IIRId.RX_DATA)
        with m.Elif(ier.erbfi & timeout_ip):
            m.d.comb += iid.eq(IIRId.RX_TIMEOUT)
        with m.Elif(ier.etbei & thre_ip):
            m.d.comb += iid.eq(IIRId.THR_EMPTY)
        with m.Else():
            m.d.comb += iid.eq(IIRId.NONE)
        m.d.comb += self.irq.eq(iid != IIRId.NONE)

        # THRE interrupt: set when enabled while the transmitter is empty and when the
        # transmit FIFO becomes empty; cleared by reading IIR that reports it and by THR
        # writes. Later statements take priority.
        new_ier = Signal(IER)
        m.d.comb += new_ier.eq(wbyte[Reg.IER_DLM])
        with m.If(wr[Reg.IER_DLM] & ~dlab & new_ier.etbei & ~ier.etbei & tx_empty):
            m.d.sync += thre_ip.eq(1)
        with m.If(rd[Reg.IIR_FCR] & (iid == IIRId.THR_EMPTY)):
            m.d.sync += thre_ip.eq(0)
        if self._sim:
            # The byte leaves at once, so the holding register is empty again.
            with m.If(thr_write):
                m.d.sync += thre_ip.eq(1)
        else:
            tx_empty_prev = Signal(init=1)
            m.d.sync += tx_empty_prev.eq(tx_empty)
            with m.If(tx_empty & ~tx_empty_prev):
                m.d.sync += thre_ip.eq(1)
            with m.If(thr_write):
                m.d.sync += thre_ip.eq(0)

        # Register writes.
        with m.If(wr[Reg.RBR_THR_DLL] & dlab):
            m.d.sync += [
                divisor[0:8].eq(wbyte[Reg.RBR_THR_DLL]),
                baud_cnt.eq(0),
            ]
        with m.If(wr[Reg.IER_DLM]):
            with m.If(dlab):
                m.d.sync += [
                    divisor[8:16].eq(wbyte[Reg.IER_DLM]),
                    baud_cnt.eq(0),
                ]
            with m.Else():
                m.d.sync += ier.eq(new_ier)
        new_fcr = Signal(FCR)
        m.d.comb += new_fcr.eq(wbyte[Reg.IIR_FCR])
        with m.If(wr[Reg.IIR_FCR]):
            m.d.sync += [
                fifo_en.eq(new_fcr.fifo_en),
                rx_trig.eq(new_fcr.rx_trig),
            ]
            changed = new_fcr.fifo_en != fifo_en
            m.d.comb += [
                rx_reset.eq(new_fcr.rx_reset | changed),
                tx_reset.eq(new_fcr.tx_reset | changed),
            ]
        with m.If(wr[Reg.LCR]):
            m.d.sync += lcr.eq(wbyte[Reg.LCR])
        with m.If(wr[Reg.MCR]):
            m.d.sync += mcr.eq(wbyte[Reg.MCR][:5])
        with m.If(wr[Reg.SCR]):
            m.d.sync += scr.eq(wbyte[Reg.SCR])

        # Register reads (registered: the data is on the bus one cycle later).
        # Modem status: no modem lines, so CTS, DSR and DCD are asserted (MCR in loopback),
        # and no change is ever reported.
        msr = Signal(MSR)
        m.d.comb += [
            msr.cts.eq(Mux(mcr.loop, mcr.rts, 1)),
            msr.dsr.eq(Mux(mcr.loop, mcr.dtr, 1)),
            msr.ri.eq(mcr.loop & mcr.out1),
            msr.dcd.eq(Mux(mcr.loop, mcr.out2, 1)),
        ]
        iir = Cat(iid, Const(0, 2), fifo_en, fifo_en)
        rbr = Mux(rx_fifo.r_rdy, rx_fifo.r_data, 0)
        lanes = [
            Mux(dlab, divisor[0:8], rbr),
            Mux(dlab, divisor[8:16], Cat(ier.as_value(), Const(0, 4))),
            iir,
            lcr.as_value(),
            Cat(mcr.as_value(), Const(0, 3)),
            lsr.as_value(),
            msr.as_value(),
            scr,
        ]
        m.d.sync += bus.rdata.eq(Mux(hit & ~bus.we, Cat(*lanes), 0))

        return m
