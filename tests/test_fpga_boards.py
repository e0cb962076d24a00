# amaranth: UnusedElaboratable=no
"""The board tops: elaboration with each platform (pins, PLL, RAM image) and the status lights.

No FPGA tool runs here: the platform only writes its files (RTLIL, yosys script,
constraints, build script), which is where a wrong pin or resource name shows up.
"""

import json

import pytest
from amaranth.sim import Simulator

from boards import BOARDS, BoardError, get_board
from boards.pll import pll_params
from boards.top import Status


MHZ = 1_000_000


def _prepare(name, freq_mhz, tmp_path, ram_init=(0x0000006f,)):
    info = get_board(name)
    platform = info.platform()
    f_in = int(platform.lookup(info.top.clock, 0).clock.frequency)
    top = info.top(pll=pll_params(f_in, freq_mhz * MHZ), ram_init=list(ram_init),
                   ram_size=4096)
    plan = platform.prepare(top, name="top")
    plan.extract(tmp_path)
    return tmp_path


def _lpf(path):
    return (path / "top.lpf").read_text()


def test_ulx3s(tmp_path):
    out = _prepare("ulx3s-85f", 50, tmp_path)
    lpf = _lpf(out)
    for port, site in [("clk25_0__io", "G2"), ("uart_0__tx__io", "L4"),
                       ("uart_0__rx__io", "M1"), ("led_0__io", "B2"), ("led_7__io", "H3"),
                       ("button_pwr_0__io", "D6")]:
        assert f'LOCATE COMP "{port}" SITE "{site}";' in lpf
    assert 'FREQUENCY PORT "clk25_0__io" 25000000.0 HZ;' in lpf
    il = (out / "top.il").read_text()
    assert "EHXPLLL" in il and "\\CLKFB_DIV 2" in il and "\\CLKOP_DIV 12" in il
    commands = json.loads((out / "build_top.json").read_text())["commands"]
    assert [c[0] for c in commands] == ["yosys", "nextpnr-ecp5", "ecppack"]
    assert "--85k" in commands[1] and "CABGA381" in commands[1]


def test_orangecrab(tmp_path):
    out = _prepare("orangecrab-85f", 48, tmp_path)
    lpf = _lpf(out)
    for port, site in [("clk_0__io", "A9"), ("uart_0__tx__io", "M18"),
                       ("uart_0__rx__io", "N17"), ("button_0__io", "J17"),
                       ("program_0__io", "V17"), ("rgb_led_0__r__io", "K4")]:
        assert f'LOCATE COMP "{port}" SITE "{site}";' in lpf
    assert 'IOBUF PORT "uart_0__rx__io" IO_TYPE=LVCMOS33 PULLMODE=UP;' in lpf
    commands = json.loads((out / "build_top.json").read_text())["commands"]
    # No dfu-suffix step: openFPGALoader loads the plain bitstream.
    assert [c[0] for c in commands] == ["yosys", "nextpnr-ecp5", "ecppack"]
    assert "--85k" in commands[1] and "CSFBGA285" in commands[1]


def test_board_clocks():
    for info in BOARDS.values():
        clock = info.platform().lookup(info.top.clock, 0).clock
        assert clock.frequency == info.top.clock_hz


def test_building_needs_no_programmer():
    for info in BOARDS.values():
        assert info.platform().required_tools == ["yosys", "nextpnr-ecp5", "ecppack"]


def test_pll_input_must_be_board_clock(tmp_path):
    info = get_board("ulx3s-85f")
    with pytest.raises(ValueError, match=r"^PLL input frequency must be that of clk25, "
                                         r"25000000 Hz, not 48000000.0 Hz$"):
        info.top(pll=pll_params(48 * MHZ, 48 * MHZ), ram_init=[], ram_size=4096)


def test_get_board():
    assert get_board("ulx3s-85f").loader_board == "ulx3s"
    assert get_board("orangecrab-85f").loader_board == "orangeCrab"
    with pytest.raises(BoardError, match=r"^unknown board 'x'; known boards: ulx3s-85f, "
                                         r"orangecrab-85f$"):
        get_board("x")


def test_status_lights():
    dut = Status(1000)          # 2**10 > 1000: heartbeat is bit 9, retire blink bit 8
    seen = {}

    async def testbench(ctx):
        ctx.set(dut.txd, 1)
        ctx.set(dut.rxd, 1)
        assert not ctx.get(dut.tx_active)
        # A start bit on TXD lights TX for freq/20 = 50 cycles after the line goes high.
        ctx.set(dut.txd, 0)
        await ctx.tick()
        ctx.set(dut.txd, 1)
        await ctx.tick()
        assert ctx.get(dut.tx_active) and not ctx.get(dut.rx_active)
        await ctx.tick().repeat(50)
        assert not ctx.get(dut.tx_active)
        # 256 retirements toggle the retire light; none, and it stays.
        ctx.set(dut.retire, 1)
        await ctx.tick().repeat(255)
        assert not ctx.get(dut.retire_blink)
        await ctx.tick()
        assert ctx.get(dut.retire_blink)
        ctx.set(dut.retire, 0)
        await ctx.tick().repeat(300)
        assert ctx.get(dut.retire_blink)
        # The heartbeat has toggled by now (bit 9 of the cycle count: 512 cycles).
        seen["beat"] = ctx.get(dut.heartbeat)

    sim = Simulator(dut)
    sim.add_clock(1e-6)
    sim.add_testbench(testbench)
    sim.run()
    assert seen["beat"] == 1


def test_status_checks_frequency():
    with pytest.raises(ValueError, match=r"^Clock frequency must be an integer number of Hz, "
                                         r"at least 1000, not 12.5$"):
        Status(12.5)
