"""Board tops: the SoC with its firmware in block RAM, a PLL, a reset, the UART and LEDs.

Every top has the same insides (:class:`BoardTop`):

- an ECP5 PLL (:class:`~boards.pll.ECP5PLL`) makes the ``sync`` clock from the board clock;
- ``sync`` is reset, through a reset synchroniser and a global buffer (``DCCA``: the reset
  reaches some 8000 flip-flops), until the PLL locks and while the board's reset input is
  held;
- the SoC (:class:`rtl.soc.soc.SoC`) with its RAM initialised from the firmware image;
- the SoC's UART on the board's serial pins;
- status lights (:class:`Status`): a heartbeat (about 1 Hz, from a counter), retire activity
  (a bit of the count of retired instructions, so it blinks faster the more the core runs and
  stops when the core does), UART activity, and reset.

The subclasses say which pins are which.
"""

from amaranth.hdl import (ClockDomain, ClockSignal, Elaboratable, Instance, Module, ResetSignal,
                          Signal)
from amaranth.lib import io, wiring
from amaranth.lib.cdc import FFSynchronizer, ResetSynchronizer
from amaranth.lib.wiring import In, Out

from rtl.soc.soc import SoC

from .pll import ECP5PLL, PLLParams


__all__ = ["BoardTop", "ULX3STop", "OrangeCrabTop", "Status", "DEFAULT_RAM_SIZE"]


#: RAM of the board SoCs: what firmware/lib/link.ld allows, 64 DP16KD block RAMs.
DEFAULT_RAM_SIZE = 128 * 1024


class Status(wiring.Component):
    """Lights that show the SoC is alive.

    Parameters
    ----------
    freq_hz : int
        Clock frequency, to scale the blink rates.

    Members
    -------
    retire : In(1)
        An instruction retired (``rvfi.valid``).
    txd, rxd : In(1)
        The UART lines (``rxd`` synchronised here).
    heartbeat : Out(1)
        Toggles every 0.5 to 1 s (a bit of a free-running counter).
    retire_blink : Out(1)
        A bit of the count of retired instructions: toggles every 2**k retirements, about
        2 to 4 times a second at one instruction a cycle; still while the core retires nothing.
    tx_active, rx_active : Out(1)
        The line was low (a start or data bit) in the last ~50 ms.
    """

    retire: In(1)
    txd: In(1)
    rxd: In(1)
    heartbeat: Out(1)
    retire_blink: Out(1)
    tx_active: Out(1)
    rx_active: Out(1)

    def __init__(self, freq_hz):
        if not isinstance(freq_hz, int) or freq_hz < 1000:
            raise ValueError(f"Clock frequency must be an integer number of Hz, at least "
                             f"1000, not {freq_hz!r}")
        self.freq_hz = freq_hz
        super().__init__()

    def elaborate(self, platform):
        m = Module()
        bits = self.freq_hz.bit_length()        # 2**bits > freq_hz

        beat = Signal(bits)
        m.d.sync += beat.eq(beat + 1)
        m.d.comb += self.heartbeat.eq(beat[-1])

        retired = Signal(bits - 1)
        with m.If(self.retire):
            m.d.sync += retired.eq(retired + 1)
        m.d.comb += self.retire_blink.eq(retired[-1])

        rxd = Signal(init=1)
        m.submodules.rxd_sync = FFSynchronizer(self.rxd, rxd, init=1)
        hold = self.freq_hz // 20
        for line, active in ((self.txd, self.tx_active), (rxd, self.rx_active)):
            timer = Signal(range(hold + 1))
            with m.If(~line):
                m.d.sync += timer.eq(hold)
            with m.Elif(timer != 0):
                m.d.sync += timer.eq(timer - 1)
            m.d.comb += active.eq(timer != 0)
        return m


def buffer_in(m, name, port):
    """The value of input ``port`` (from ``platform.request(..., dir="-")``) through an input
    buffer named ``name``; active-low pins (``PinsN``) read 1 when asserted."""
    m.submodules[name] = buf = io.Buffer("i", port)
    return buf.i


def buffer_out(m, name, port):
    """The value to drive on output ``port``, through an output buffer named ``name``."""
    m.submodules[name] = buf = io.Buffer("o", port)
    return buf.o


class BoardTop(Elaboratable):
    """The SoC on an ECP5 board (abstract: a subclass names the pins).

    Parameters
    ----------
    pll : PLLParams
        PLL settings: the board clock's frequency in, the ``sync`` clock out
        (:func:`boards.pll.pll_params`).
    ram_init : list of int
        Initial RAM contents, 64-bit words from 0x8000_0000 (:func:`boards.elf.ram_image`).
    ram_size : int
        RAM size in bytes.
    timebase_div : int
        Clock cycles per ``mtime`` tick.

    Subclasses define :attr:`clock` (the platform's clock resource name), :attr:`clock_hz`
    (its frequency) and
    :meth:`board_io`, which requests the board's pins and returns the reset input and
    drives the UART and lights.
    """

    clock = None
    clock_hz = None

    def __init__(self, *, pll, ram_init, ram_size=DEFAULT_RAM_SIZE, timebase_div=1):
        if not isinstance(pll, PLLParams):
            raise TypeError(f"PLL parameters must be a PLLParams, not {pll!r}")
        if self.clock_hz is not None and pll.f_in != self.clock_hz:
            raise ValueError(f"PLL input frequency must be that of {self.clock}, "
                             f"{self.clock_hz} Hz, not {float(pll.f_in)} Hz")
        self.pll = pll
        self.ram_size = ram_size
        self.soc = SoC(ram_size=ram_size, ram_init=ram_init, ram_impl="amaranth",
                       sim=False, timebase_div=timebase_div)

    def elaborate(self, platform):
        m = Module()
        board_hz = platform.lookup(self.clock, 0).clock.frequency
        if self.pll.f_in != board_hz:
            raise ValueError(f"PLL input frequency must be that of {self.clock}, {board_hz} Hz, "
                             f"not {float(self.pll.f_in)} Hz")
        clk_in = buffer_in(m, "clk_in", platform.request(self.clock, 0, dir="-"))

        m.submodules.pll = pll = ECP5PLL(self.pll)
        m.d.comb += pll.clk_in.eq(clk_in)
        m.domains.sync = cd_sync = ClockDomain("sync")
        # No clock constraint here: nextpnr derives the one of the PLL's output from the
        # board clock's and the EHXPLLL's dividers ("Derived frequency constraint").
        m.d.comb += cd_sync.clk.eq(pll.clk_out)

        # A reset-less domain on the same clock, for logic that must see the reset button
        # while `sync` is held in reset.
        m.domains.free = cd_free = ClockDomain("free", reset_less=True)
        m.d.comb += cd_free.clk.eq(ClockSignal("sync"))

        m.submodules.soc = soc = self.soc
        m.submodules.status = status = Status(self.pll.f_out_hz)
        m.d.comb += [
            status.retire.eq(soc.rvfi.valid),
            status.txd.eq(soc.uart_txd),
        ]

        rst_in = self.board_io(m, platform, soc, status)
        # The synchronised reset reaches every flip-flop of `sync` (about 8000 LSR inputs)
        # through a DCCA, on a global network rather than the general routing.
        m.domains.rst = ClockDomain("rst")
        m.d.comb += ClockSignal("rst").eq(ClockSignal("sync"))
        m.submodules.reset_sync = ResetSynchronizer(~pll.locked | rst_in, domain="rst")
        m.submodules.reset_buf = Instance("DCCA", i_CLKI=ResetSignal("rst"), i_CE=1,
                                          o_CLKO=ResetSignal("sync"))
        return m

    def board_io(self, m, platform, soc, status):
        """Request the board's pins; connect the UART and the lights. Returns the reset."""
        raise NotImplementedError


class ULX3STop(BoardTop):
    """The SoC on a Radiona ULX3S.

    - Clock: the 25 MHz oscillator (``clk25``, G2).
    - Reset: the PWR button (``button_pwr``, D6); the PLL's lock.
    - UART: the FT231X USB-serial bridge on the US1 port (``uart``: FPGA TX L4, RX M1).
    - LEDs: 0 heartbeat, 1 retire activity, 2 UART TX, 3 UART RX, 7 in reset.
    """

    clock = "clk25"
    clock_hz = 25_000_000

    def board_io(self, m, platform, soc, status):
        uart = platform.request("uart", 0, dir="-")
        rxd = buffer_in(m, "uart_rx", uart.rx)
        m.d.comb += [
            buffer_out(m, "uart_tx", uart.tx).eq(soc.uart_txd),
            soc.uart_rxd.eq(rxd),
            status.rxd.eq(rxd),
        ]
        lights = {0: status.heartbeat, 1: status.retire_blink, 2: status.tx_active,
                  3: status.rx_active, 7: ResetSignal("sync")}
        for i in range(8):
            led = buffer_out(m, f"led_{i}", platform.request("led", i, dir="-"))
            m.d.comb += led.eq(lights.get(i, 0))
        return buffer_in(m, "button_pwr", platform.request("button_pwr", 0, dir="-"))


class OrangeCrabTop(BoardTop):
    """The SoC on an OrangeCrab r0.2.

    - Clock: the 48 MHz oscillator (``clk``, A9).
    - Reset: pressing the button (J17) resets the SoC; holding it for 2 s reboots the FPGA
      into the DFU bootloader (through the ``program`` pin, V17), ready for
      ``mkrv program`` without unplugging the board.
    - UART: the Feather header, TX pin ``1`` (M18), RX pin ``0`` (N17), 3.3 V: wire a 3.3 V
      USB-serial adapter (its RX to pin 1, its TX to pin 0, GND to GND).
    - RGB LED: green heartbeat, blue retire activity or UART traffic, red in reset.
    """

    clock = "clk"
    clock_hz = 48_000_000
    HOLD_TO_BOOTLOADER_S = 2

    def board_io(self, m, platform, soc, status):
        uart = platform.request("uart", 0, dir="-")
        rxd = buffer_in(m, "uart_rx", uart.rx)
        m.d.comb += [
            buffer_out(m, "uart_tx", uart.tx).eq(soc.uart_txd),
            soc.uart_rxd.eq(rxd),
            status.rxd.eq(rxd),
        ]

        button = buffer_in(m, "button", platform.request("button", 0, dir="-"))
        pressed = Signal()
        m.submodules.button_sync = FFSynchronizer(button, pressed, o_domain="free")
        limit = self.HOLD_TO_BOOTLOADER_S * self.pll.f_out_hz
        hold = Signal(range(limit + 1))
        with m.If(~pressed):
            m.d.free += hold.eq(0)
        with m.Elif(hold != limit):
            m.d.free += hold.eq(hold + 1)
        program = buffer_out(m, "program", platform.request("program", 0, dir="-"))
        m.d.comb += program.eq(hold == limit)

        led = platform.request("rgb_led", 0, dir="-")
        m.d.comb += [
            buffer_out(m, "led_g", led.g).eq(status.heartbeat),
            buffer_out(m, "led_b", led.b).eq(status.retire_blink | status.tx_active
                                              | status.rx_active),
            buffer_out(m, "led_r", led.r).eq(ResetSignal("sync")),
        ]
        return pressed
