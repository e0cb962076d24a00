"""The ECP5 PLL (``EHXPLLL``): divider settings for a frequency, and the instance.

:func:`pll_params` searches the divider settings the way Project Trellis's ``ecppll`` does
(same ranges, same order, same preference for a VCO near 600 MHz), but in exact arithmetic,
and refuses a frequency it cannot make to within ``tolerance``. :class:`ECP5PLL` instantiates
``EHXPLLL`` with those settings, its output fed back to itself (``FEEDBK_PATH = "CLKOP"``).

With the output fed back, the PLL runs at::

    f_pfd = f_in / CLKI_DIV          (3.125 .. 400 MHz)
    f_out = f_pfd * CLKFB_DIV
    f_vco = f_out * CLKOP_DIV        (400 .. 800 MHz)
"""

import struct
from dataclasses import dataclass
from fractions import Fraction

from amaranth.hdl import Const, Instance, Module
from amaranth.lib import wiring
from amaranth.lib.wiring import In, Out


__all__ = ["PLLParams", "pll_params", "ECP5PLL"]


MHZ = 1_000_000

# The ranges of the ECP5 PLL, as ecppll has them (Hz).
INPUT_RANGE = (8 * MHZ, 400 * MHZ)
OUTPUT_RANGE = (10 * MHZ, 400 * MHZ)
PFD_RANGE = (Fraction(3125, 1000) * MHZ, 400 * MHZ)
VCO_RANGE = (400 * MHZ, 800 * MHZ)
VCO_PREFERRED = 600 * MHZ
CLKI_DIVS = range(1, 129)
CLKFB_DIVS = range(1, 81)
CLKOP_DIVS = range(1, 129)


@dataclass(frozen=True)
class PLLParams:
    """Settings of an ``EHXPLLL`` with CLKOP fed back.

    Members
    -------
    f_in : Fraction
        Input (reference) frequency, Hz.
    clki_div, clkfb_div, clkop_div : int
        Reference, feedback and CLKOP output dividers.
    clkop_cphase : int
        CLKOP coarse phase, in VCO cycles: half an output cycle, computed as ecppll does
        (in single precision, truncated, so often one less than ``clkop_div // 2``). With
        CLKOP as the feedback the loop aligns CLKOP to the input whatever its value.
    """
    f_in: Fraction
    clki_div: int
    clkfb_div: int
    clkop_div: int
    clkop_cphase: int

    @property
    def f_out(self):
        """Output frequency, Hz (a :class:`~fractions.Fraction`)."""
        return self.f_in / self.clki_div * self.clkfb_div

    @property
    def f_vco(self):
        """VCO frequency, Hz."""
        return self.f_out * self.clkop_div

    @property
    def f_pfd(self):
        """Phase detector frequency, Hz."""
        return self.f_in / self.clki_div

    @property
    def f_out_hz(self):
        """Output frequency rounded to a whole number of Hz (what the firmware is told)."""
        return round(self.f_out)


def _f32(x):
    return struct.unpack("<f", struct.pack("<f", x))[0]


def _ecppll_cphase(f_in, clki_div, clkfb_div, clkop_div):
    # ecppll's float arithmetic, step by step: each float32 operation rounded to float32,
    # the products with 1e6 done in double precision as C promotes them.
    f_pfd = _f32(_f32(float(f_in) / MHZ) / clki_div)
    f_vco = _f32(_f32(f_pfd * clkfb_div) * clkop_div)
    f_out = _f32(f_vco / clkop_div)
    ns_phase = _f32(1 / (f_out * 1e6) * 0.5)
    return int(ns_phase * (f_vco * 1e6))


def _mhz(f):
    return f"{float(f) / MHZ:.6g} MHz"


def pll_params(f_in, f_out, *, tolerance=0.005):
    """Divider settings that make ``f_out`` from ``f_in`` with one ECP5 PLL.

    Parameters
    ----------
    f_in : int or Fraction
        Input frequency, Hz (8 to 400 MHz).
    f_out : int, float or Fraction
        Wanted output frequency, Hz (10 to 400 MHz).
    tolerance : float
        Largest accepted relative error of the output frequency.

    Returns
    -------
    PLLParams
        Of the settings whose output is nearest ``f_out``, the one whose VCO is nearest
        600 MHz (the first in ecppll's search order on a tie).

    Raises
    ------
    ValueError
        If a frequency is out of range, or the nearest output is further than ``tolerance``.
    """
    if isinstance(f_in, bool) or not isinstance(f_in, (int, float, Fraction)):
        raise TypeError(f"PLL input frequency must be a number of Hz, not {f_in!r}")
    if isinstance(f_out, bool) or not isinstance(f_out, (int, float, Fraction)):
        raise TypeError(f"PLL output frequency must be a number of Hz, not {f_out!r}")
    f_in, f_out = Fraction(f_in), Fraction(f_out)
    if not INPUT_RANGE[0] <= f_in <= INPUT_RANGE[1]:
        raise ValueError(f"PLL input frequency must be 8 to 400 MHz, not {_mhz(f_in)}")
    if not OUTPUT_RANGE[0] <= f_out <= OUTPUT_RANGE[1]:
        raise ValueError(f"PLL output frequency must be 10 to 400 MHz, not {_mhz(f_out)}")

    best = None             # (error, |f_vco - 600 MHz|, clki_div, clkfb_div, clkop_div)
    for clki_div in CLKI_DIVS:
        f_pfd = f_in / clki_div
        if not PFD_RANGE[0] <= f_pfd <= PFD_RANGE[1]:
            continue
        for clkfb_div in CLKFB_DIVS:
            f = f_pfd * clkfb_div
            error = abs(f - f_out)
            if best is not None and error > best[0]:
                continue
            # Only the output dividers that put the VCO in range; ecppll skips the others.
            lo = max(CLKOP_DIVS.start, -(-VCO_RANGE[0] // f))
            hi = min(CLKOP_DIVS.stop - 1, VCO_RANGE[1] // f)
            for clkop_div in range(int(lo), int(hi) + 1):
                vco_off = abs(f * clkop_div - VCO_PREFERRED)
                if (best is None or error < best[0]
                        or (error == best[0] and vco_off < best[1])):
                    best = (error, vco_off, clki_div, clkfb_div, clkop_div)
    if best is None:
        raise ValueError(f"No ECP5 PLL setting makes anything from {_mhz(f_in)}")
    error, _, clki_div, clkfb_div, clkop_div = best
    cphase = _ecppll_cphase(f_in, clki_div, clkfb_div, clkop_div)
    params = PLLParams(f_in, clki_div, clkfb_div, clkop_div, clkop_cphase=cphase)
    if error > f_out * Fraction(tolerance):
        raise ValueError(f"ECP5 PLL cannot make {_mhz(f_out)} from {_mhz(f_in)} "
                         f"(nearest: {_mhz(params.f_out)})")
    return params


class ECP5PLL(wiring.Component):
    """An ``EHXPLLL`` whose CLKOP is the output and the feedback.

    Parameters
    ----------
    params : PLLParams
        Divider settings (:func:`pll_params`).

    Members
    -------
    clk_in : In(1)
        Reference clock (from a pin).
    clk_out : Out(1)
        Output clock.
    locked : Out(1)
        The PLL is locked (asynchronous to both clocks).
    """

    clk_in: In(1)
    clk_out: Out(1)
    locked: Out(1)

    def __init__(self, params):
        if not isinstance(params, PLLParams):
            raise TypeError(f"PLL parameters must be a PLLParams, not {params!r}")
        self.params = params
        super().__init__()

    def elaborate(self, platform):
        p = self.params
        m = Module()
        m.submodules.pll = Instance(
            "EHXPLLL",
            # Attributes ecppll writes: the frequencies for nextpnr's timing analysis, and
            # the loop filter settings Lattice's tools use.
            a_FREQUENCY_PIN_CLKI=f"{float(p.f_in) / MHZ:g}",
            a_FREQUENCY_PIN_CLKOP=f"{float(p.f_out) / MHZ:g}",
            a_ICP_CURRENT="12",
            a_LPF_RESISTOR="8",
            a_MFG_ENABLE_FILTEROPAMP="1",
            a_MFG_GMCREF_SEL="2",
            p_PLLRST_ENA="DISABLED",
            p_INTFB_WAKE="DISABLED",
            p_STDBY_ENABLE="DISABLED",
            p_DPHASE_SOURCE="DISABLED",
            p_OUTDIVIDER_MUXA="DIVA",
            p_OUTDIVIDER_MUXB="DIVB",
            p_OUTDIVIDER_MUXC="DIVC",
            p_OUTDIVIDER_MUXD="DIVD",
            p_CLKI_DIV=p.clki_div,
            p_CLKOP_ENABLE="ENABLED",
            p_CLKOP_DIV=p.clkop_div,
            p_CLKOP_CPHASE=p.clkop_cphase,
            p_CLKOP_FPHASE=0,
            p_FEEDBK_PATH="CLKOP",
            p_CLKFB_DIV=p.clkfb_div,
            i_RST=Const(0),
            i_STDBY=Const(0),
            i_CLKI=self.clk_in,
            o_CLKOP=self.clk_out,
            i_CLKFB=self.clk_out,
            i_PHASESEL0=Const(0),
            i_PHASESEL1=Const(0),
            i_PHASEDIR=Const(1),
            i_PHASESTEP=Const(1),
            i_PHASELOADREG=Const(1),
            i_PLLWAKESYNC=Const(0),
            i_ENCLKOP=Const(0),
            o_LOCK=self.locked,
        )
        return m
