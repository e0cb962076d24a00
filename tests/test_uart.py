"""The 16550-compatible UART (rtl/soc/uart.py), in the Amaranth simulator."""

import pytest
from amaranth.sim import Simulator

from rtl.soc.testing import bus_read, bus_read8, bus_write, bus_write8
from rtl.soc.uart import UART


# Components built only to check their constructor are never elaborated.
pytestmark = pytest.mark.filterwarnings("ignore::amaranth.hdl.UnusedElaboratable")


RBR = THR = DLL = 0
IER = DLM = 1
IIR = FCR = 2
LCR = 3
MCR = 4
LSR = 5
MSR = 6
SCR = 7

LSR_DR, LSR_OE, LSR_FE, LSR_BI, LSR_THRE, LSR_TEMT, LSR_RXFE = 0x01, 0x02, 0x08, 0x10, 0x20, \
    0x40, 0x80
IIR_NONE, IIR_RLS, IIR_RDA, IIR_TIMEOUT, IIR_THRE = 0x01, 0x06, 0x04, 0x0c, 0x02
IIR_FIFO = 0xc0


def run(dut, bench):
    sim = Simulator(dut)
    sim.add_clock(1e-6)
    sim.add_testbench(bench)
    sim.run()


async def push_rx(ctx, dut, byte):
    """Offer one byte on the sim port and wait until it is taken."""
    ctx.set(dut.rx_valid, 1)
    ctx.set(dut.rx_data, byte)
    while True:
        ready = ctx.get(dut.rx_ready)
        await ctx.tick()
        if ready:
            break
    ctx.set(dut.rx_valid, 0)


async def set_divisor(ctx, dut, divisor):
    await bus_write8(ctx, dut.bus, LCR, 0x80)
    await bus_write8(ctx, dut.bus, DLL, divisor & 0xff)
    await bus_write8(ctx, dut.bus, DLM, divisor >> 8)
    await bus_write8(ctx, dut.bus, LCR, 0x03)


async def drive_frame(ctx, dut, byte, bit_cycles, stop=1, start=0):
    """Drive one 8N1 character on ``rxd``, LSB first."""
    bits = [start] + [(byte >> i) & 1 for i in range(8)] + [stop]
    for bit in bits:
        ctx.set(dut.rxd, bit)
        await ctx.tick().repeat(bit_cycles)
    ctx.set(dut.rxd, 1)


def decode_8n1(samples, bit_cycles):
    """Characters in a list of per-cycle ``txd`` samples, sampled in the middle of each bit."""
    chars = []
    i = 0
    while i < len(samples):
        if samples[i] == 0:
            bits = [samples[i + bit_cycles // 2 + k * bit_cycles] for k in range(10)]
            assert bits[0] == 0 and bits[9] == 1, f"bad frame at {i}: {bits}"
            chars.append(sum(b << k for k, b in enumerate(bits[1:9])))
            i += bit_cycles * 19 // 2     # past the middle of the stop bit
        else:
            i += 1
    return chars


def test_construction_errors():
    with pytest.raises(TypeError, match=r"^Simulation flag must be a bool, not 1$"):
        UART(sim=1)
    with pytest.raises(ValueError,
                       match=r"^Reset divisor must be an integer in 1\.\.65535, not 0$"):
        UART(reset_divisor=0)


def test_ports():
    assert set(UART().signature.members) == {"bus", "irq", "txd", "rxd"}
    assert set(UART(sim=True).signature.members) == {
        "bus", "irq", "txd", "rxd", "tx_valid", "tx_data", "rx_valid", "rx_data", "rx_ready"}


def test_reset_values_and_scratch():
    dut = UART(sim=True)

    async def bench(ctx):
        assert await bus_read8(ctx, dut.bus, IIR) == IIR_NONE
        assert await bus_read8(ctx, dut.bus, LSR) == LSR_THRE | LSR_TEMT
        assert await bus_read8(ctx, dut.bus, MSR) == 0xb0     # DCD, DSR, CTS
        assert await bus_read8(ctx, dut.bus, IER) == 0
        assert await bus_read8(ctx, dut.bus, LCR) == 0
        await bus_write8(ctx, dut.bus, SCR, 0xa5)
        await bus_write8(ctx, dut.bus, LCR, 0x1b)
        assert await bus_read8(ctx, dut.bus, SCR) == 0xa5
        assert await bus_read8(ctx, dut.bus, LCR) == 0x1b
        await bus_write8(ctx, dut.bus, IER, 0xff)           # only 4 bits exist
        assert await bus_read8(ctx, dut.bus, IER) == 0x0f
        await bus_write8(ctx, dut.bus, MCR, 0xff)           # only 5 bits exist
        assert await bus_read8(ctx, dut.bus, MCR) == 0x1f
        # Only the doubleword at offset 0 holds registers.
        await bus_write(ctx, dut.bus, 8, 0x1122334455667788)
        assert await bus_read(ctx, dut.bus, 8) == 0
        assert await bus_read8(ctx, dut.bus, SCR) == 0xa5

    run(dut, bench)


def test_divisor_latch():
    dut = UART(sim=True)

    async def bench(ctx):
        await bus_write8(ctx, dut.bus, LCR, 0x83)
        await bus_write8(ctx, dut.bus, DLL, 0x34)
        await bus_write8(ctx, dut.bus, DLM, 0x12)
        assert await bus_read8(ctx, dut.bus, DLL) == 0x34
        assert await bus_read8(ctx, dut.bus, DLM) == 0x12
        assert ctx.get(dut.tx_valid) == 0                  # DLL writes are not THR writes
        await bus_write8(ctx, dut.bus, LCR, 0x03)
        assert await bus_read8(ctx, dut.bus, IER) == 0      # IER untouched by DLM writes
        await bus_write8(ctx, dut.bus, IER, 0x05)
        await bus_write8(ctx, dut.bus, LCR, 0x83)
        assert await bus_read8(ctx, dut.bus, DLM) == 0x12
        await bus_write8(ctx, dut.bus, LCR, 0x03)
        assert await bus_read8(ctx, dut.bus, IER) == 0x05

    run(dut, bench)


def test_sim_tx_port():
    dut = UART(sim=True)

    async def bench(ctx):
        sent = []
        for ch in b"Hi!":
            await bus_write8(ctx, dut.bus, THR, ch)
            # The byte is presented for exactly one cycle, right after the write.
            assert ctx.get(dut.tx_valid) == 1
            sent.append(ctx.get(dut.tx_data))
            assert await bus_read8(ctx, dut.bus, LSR) & (LSR_THRE | LSR_TEMT) == 0x60
            assert ctx.get(dut.tx_valid) == 0
        assert bytes(sent) == b"Hi!"
        assert ctx.get(dut.txd) == 1                        # nothing on the pin

    run(dut, bench)


def test_sim_rx_port_fifo_and_lanes():
    dut = UART(sim=True)

    async def bench(ctx):
        await bus_write8(ctx, dut.bus, FCR, 0x01)
        for ch in b"abc":
            await push_rx(ctx, dut, ch)
        assert await bus_read8(ctx, dut.bus, LSR) & LSR_DR
        # A read that does not select the RBR lane does not pop.
        await bus_read(ctx, dut.bus, 0, sel=0xfe)
        assert await bus_read8(ctx, dut.bus, RBR) == ord("a")
        # A doubleword read selects every lane: it pops and returns every register.
        await bus_write8(ctx, dut.bus, SCR, 0x77)
        dword = await bus_read(ctx, dut.bus, 0)
        assert dword & 0xff == ord("b")
        assert dword >> 56 == 0x77
        assert dword >> 40 & 0xff == LSR_DR | LSR_THRE | LSR_TEMT
        assert dword >> 16 & 0xff == IIR_FIFO | IIR_NONE
        assert await bus_read8(ctx, dut.bus, RBR) == ord("c")
        assert await bus_read8(ctx, dut.bus, LSR) & LSR_DR == 0

        # 16 bytes fill the FIFO; the port then stops taking bytes.
        for i in range(16):
            await push_rx(ctx, dut, i)
        assert ctx.get(dut.rx_ready) == 0
        ctx.set(dut.rx_valid, 1)
        await ctx.tick().repeat(3)
        ctx.set(dut.rx_valid, 0)
        assert [await bus_read8(ctx, dut.bus, RBR) for _ in range(16)] == list(range(16))
        assert await bus_read8(ctx, dut.bus, LSR) == LSR_THRE | LSR_TEMT   # no overrun
        assert ctx.get(dut.rx_ready) == 1

        # FCR bit 1 clears the receive FIFO.
        await push_rx(ctx, dut, 0x42)
        await bus_write8(ctx, dut.bus, FCR, 0x03)
        assert await bus_read8(ctx, dut.bus, LSR) & LSR_DR == 0

    run(dut, bench)


def test_iir_priorities():
    dut = UART(sim=True)

    async def bench(ctx):
        await bus_write8(ctx, dut.bus, FCR, 0x01)
        await bus_write8(ctx, dut.bus, IER, 0x07)          # ERBFI, ETBEI, ELSI
        assert ctx.get(dut.irq) == 1                       # THR empty when ETBEI is enabled
        # Loopback: THR writes go to the receive FIFO; the 17th overruns.
        await bus_write8(ctx, dut.bus, MCR, 0x10)
        for i in range(17):
            await bus_write8(ctx, dut.bus, THR, 0x30 + i)
            assert ctx.get(dut.tx_valid) == 0
        assert await bus_read8(ctx, dut.bus, IIR) == IIR_FIFO | IIR_RLS
        assert await bus_read8(ctx, dut.bus, IIR) == IIR_FIFO | IIR_RLS
        assert await bus_read8(ctx, dut.bus, LSR) == LSR_DR | LSR_OE | LSR_THRE | LSR_TEMT
        assert await bus_read8(ctx, dut.bus, LSR) == LSR_DR | LSR_THRE | LSR_TEMT
        assert await bus_read8(ctx, dut.bus, IIR) == IIR_FIFO | IIR_RDA
        got = [await bus_read8(ctx, dut.bus, RBR) for _ in range(16)]
        assert got == [0x30 + i for i in range(16)]
        assert ctx.get(dut.irq) == 1
        # Reading IIR when it reports THRE clears that interrupt.
        assert await bus_read8(ctx, dut.bus, IIR) == IIR_FIFO | IIR_THRE
        assert ctx.get(dut.irq) == 0
        assert await bus_read8(ctx, dut.bus, IIR) == IIR_FIFO | IIR_NONE
        # A THR write (drained at once) raises it again.
        await bus_write8(ctx, dut.bus, MCR, 0x00)
        await bus_write8(ctx, dut.bus, THR, 0x55)
        assert ctx.get(dut.irq) == 1
        await bus_write8(ctx, dut.bus, IER, 0x05)          # mask THRE
        assert ctx.get(dut.irq) == 0

    run(dut, bench)


def test_trigger_level_and_timeout():
    dut = UART(sim=True)

    async def bench(ctx):
        await bus_write8(ctx, dut.bus, FCR, 0x41)           # FIFO on, trigger at 4 bytes
        await bus_write8(ctx, dut.bus, IER, 0x01)
        for ch in b"xyz":
            await push_rx(ctx, dut, ch)
        assert ctx.get(dut.irq) == 0
        await push_rx(ctx, dut, ord("w"))
        assert await bus_read8(ctx, dut.bus, IIR) == IIR_FIFO | IIR_RDA
        assert ctx.get(dut.irq) == 1

        # Below the trigger level, data waits for 4 character times (640 ticks, divisor 1).
        await bus_read8(ctx, dut.bus, RBR)
        await ctx.tick().repeat(600)
        assert ctx.get(dut.irq) == 0
        await ctx.tick().repeat(50)
        assert ctx.get(dut.irq) == 1
        assert await bus_read8(ctx, dut.bus, IIR) == IIR_FIFO | IIR_TIMEOUT
        assert await bus_read8(ctx, dut.bus, RBR) == ord("y")    # a pop restarts the timer
        assert ctx.get(dut.irq) == 0

        # Without FIFOs the trigger level is one byte and IIR[7:6] is clear.
        await bus_write8(ctx, dut.bus, FCR, 0x00)              # also clears the FIFOs
        assert await bus_read8(ctx, dut.bus, LSR) & LSR_DR == 0
        await push_rx(ctx, dut, ord("q"))
        assert await bus_read8(ctx, dut.bus, IIR) == IIR_RDA

    run(dut, bench)


def test_msr_loopback():
    dut = UART(sim=True)

    async def bench(ctx):
        await bus_write8(ctx, dut.bus, MCR, 0x1f)
        assert await bus_read8(ctx, dut.bus, MSR) == 0xf0
        await bus_write8(ctx, dut.bus, MCR, 0x12)          # loop + RTS
        assert await bus_read8(ctx, dut.bus, MSR) == 0x10

    run(dut, bench)


def test_serial_tx():
    dut = UART()

    async def bench(ctx):
        await set_divisor(ctx, dut, 3)                     # a bit is 48 cycles
        await bus_write8(ctx, dut.bus, IER, 0x02)
        assert await bus_read8(ctx, dut.bus, IIR) == IIR_THRE
        assert ctx.get(dut.irq) == 0
        samples = []
        for ch in b"\xa5\x00\xff":
            await bus_write8(ctx, dut.bus, THR, ch)
            samples.append(ctx.get(dut.txd))
        lsr = await bus_read8(ctx, dut.bus, LSR)
        assert lsr & (LSR_THRE | LSR_TEMT) == 0
        samples.append(ctx.get(dut.txd))
        thre_irq_at = None
        for cycle in range(3 * 10 * 48 + 100):
            await ctx.tick()
            samples.append(ctx.get(dut.txd))
            if thre_irq_at is None and ctx.get(dut.irq):
                thre_irq_at = cycle
        assert decode_8n1(samples, 48) == [0xa5, 0x00, 0xff]
        # The THRE interrupt comes when the last byte enters the shifter, two characters in.
        assert 2 * 480 - 60 < thre_irq_at < 2 * 480 + 60
        assert await bus_read8(ctx, dut.bus, LSR) & (LSR_THRE | LSR_TEMT) == 0x60

        # Break control holds the line low.
        await bus_write8(ctx, dut.bus, LCR, 0x43)
        assert ctx.get(dut.txd) == 0
        await bus_write8(ctx, dut.bus, LCR, 0x03)
        assert ctx.get(dut.txd) == 1

    run(dut, bench)


def test_serial_rx():
    dut = UART()

    async def bench(ctx):
        await set_divisor(ctx, dut, 2)                     # a bit is 32 cycles
        await bus_write8(ctx, dut.bus, FCR, 0x01)
        await bus_write8(ctx, dut.bus, IER, 0x05)          # ERBFI, ELSI
        for ch in (0x3c, 0x81):
            await drive_frame(ctx, dut, ch, 32)
        await ctx.tick().repeat(8)
        assert ctx.get(dut.irq) == 1
        assert await bus_read8(ctx, dut.bus, IIR) == IIR_FIFO | IIR_RDA
        assert await bus_read8(ctx, dut.bus, RBR) == 0x3c
        assert await bus_read8(ctx, dut.bus, RBR) == 0x81
        assert await bus_read8(ctx, dut.bus, LSR) == LSR_THRE | LSR_TEMT

        # A glitch shorter than half a bit is not a start bit.
        ctx.set(dut.rxd, 0)
        await ctx.tick().repeat(6)
        ctx.set(dut.rxd, 1)
        await ctx.tick().repeat(400)
        assert await bus_read8(ctx, dut.bus, LSR) & LSR_DR == 0

        # A stop bit of 0 is a framing error; the character is kept.
        await drive_frame(ctx, dut, 0x5a, 32, stop=0)
        await ctx.tick().repeat(40)
        assert await bus_read8(ctx, dut.bus, IIR) == IIR_FIFO | IIR_RLS
        assert await bus_read8(ctx, dut.bus, LSR) == \
            LSR_DR | LSR_FE | LSR_THRE | LSR_TEMT | LSR_RXFE
        assert await bus_read8(ctx, dut.bus, LSR) == LSR_DR | LSR_THRE | LSR_TEMT
        assert await bus_read8(ctx, dut.bus, RBR) == 0x5a

        # A line held low for a whole character is a break: a zero character, FE and BI.
        ctx.set(dut.rxd, 0)
        await ctx.tick().repeat(32 * 15)
        ctx.set(dut.rxd, 1)
        await ctx.tick().repeat(40)
        assert await bus_read8(ctx, dut.bus, LSR) == \
            LSR_DR | LSR_FE | LSR_BI | LSR_THRE | LSR_TEMT | LSR_RXFE
        assert await bus_read8(ctx, dut.bus, RBR) == 0x00
        assert await bus_read8(ctx, dut.bus, LSR) == LSR_THRE | LSR_TEMT

    run(dut, bench)


def test_serial_overrun_in_sim_mode():
    # In sim mode the serial receiver still works; it overruns a FIFO the side port filled.
    dut = UART(sim=True)

    async def bench(ctx):
        for i in range(16):
            await push_rx(ctx, dut, i)
        await drive_frame(ctx, dut, 0xee, 16)              # reset divisor 1: 16 cycles a bit
        await ctx.tick().repeat(20)
        assert await bus_read8(ctx, dut.bus, LSR) & LSR_OE
        assert [await bus_read8(ctx, dut.bus, RBR) for _ in range(16)] == list(range(16))

    run(dut, bench)


def test_serial_loopback():
    dut = UART()

    async def bench(ctx):
        await bus_write8(ctx, dut.bus, MCR, 0x10)
        await bus_write8(ctx, dut.bus, THR, 0xc3)
        for _ in range(10 * 16 + 20):
            await ctx.tick()
            assert ctx.get(dut.txd) == 1                   # the pin idles in loopback
        assert await bus_read8(ctx, dut.bus, LSR) == LSR_DR | LSR_THRE | LSR_TEMT
        assert await bus_read8(ctx, dut.bus, RBR) == 0xc3

    run(dut, bench)
