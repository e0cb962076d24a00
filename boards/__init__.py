"""The mkrv SoC on FPGA boards: board tops, the build flow and the programmer.

======================  ========================================  ===========  =========
name                    board                                     board clock  default
======================  ========================================  ===========  =========
``ulx3s-85f``           Radiona ULX3S, LFE5U-85F-6 (CABGA381)     25 MHz       31.25 MHz
``orangecrab-85f``      OrangeCrab r0.2, LFE5U-85F-8 (CSFBGA285)  48 MHz       48 MHz
======================  ========================================  ===========  =========

``mkrv build --board NAME`` (:func:`boards.build.build`) and ``mkrv program --board NAME``
(:func:`boards.program.program`); the ``mkrv`` glue is :mod:`boards.cli`. See docs/fpga.md.
"""

from dataclasses import dataclass

from .platforms import OrangeCrab85FPlatform, ULX3S85FPlatform
from .top import OrangeCrabTop, ULX3STop


__all__ = ["Board", "BOARDS", "BoardError", "get_board"]


class BoardError(Exception):
    """A problem the user can fix (unknown board, missing tool or file, no board attached).

    Its message is one line, fit to print after the command's name.
    """


@dataclass(frozen=True)
class Board:
    """A supported board.

    Members
    -------
    name : str
        The name ``mkrv`` knows it by.
    title : str
        What it is.
    platform : type
        Its Amaranth platform (:mod:`boards.platforms`).
    top : type
        Its top (:mod:`boards.top`).
    default_mhz : float
        The ``sync`` clock ``mkrv build`` targets without ``--freq``: one the build meets
        (docs/fpga.md), and near a multiple of 16 x 115200 Hz where the PLL can make one, so
        that the UART's divisor is close to exact (48 MHz gives 115385 baud, 0.2 % fast;
        31.25 MHz gives 114890 baud, 0.3 % slow).
    loader_board : str
        openFPGALoader's name for it (``-b``).
    dfu : bool
        Programmed through a USB DFU bootloader (into flash) rather than JTAG (into SRAM).
    serial : str
        Where its serial console is.
    """
    name: str
    title: str
    platform: type
    top: type
    default_mhz: float
    loader_board: str
    dfu: bool
    serial: str


BOARDS = {b.name: b for b in [
    Board("ulx3s-85f", "Radiona ULX3S (LFE5U-85F)", ULX3S85FPlatform, ULX3STop,
          default_mhz=31.25, loader_board="ulx3s", dfu=False,
          serial="the US1 USB port's FT231X (e.g. /dev/ttyUSB0)"),
    Board("orangecrab-85f", "OrangeCrab r0.2 (LFE5U-85F)", OrangeCrab85FPlatform,
          OrangeCrabTop, default_mhz=48, loader_board="orangeCrab", dfu=True,
          serial="Feather header pins 1 (TX) and 0 (RX), 3.3 V: use a USB-serial adapter"),
]}


def get_board(name):
    """The :class:`Board` called ``name``; :class:`BoardError` listing the known ones if none."""
    try:
        return BOARDS[name]
    except (KeyError, TypeError):
        raise BoardError(f"unknown board {name!r}; known boards: "
                         f"{', '.join(BOARDS)}") from None
