"""The amaranth-boards platforms of the supported boards, as mkrv uses them.

Two changes to the upstream platforms:

- Building does not require the programmer: ``mkrv build`` runs without openFPGALoader or
  dfu-util installed, and ``mkrv program`` calls openFPGALoader itself (:mod:`boards.program`).
- The OrangeCrab has no USB-serial bridge, so :class:`OrangeCrab85FPlatform` adds a UART on
  its Feather header, at the Feather standard's places: TX on pin ``1`` (M18), RX on pin ``0``
  (N17), 3.3 V, RX pulled up so an unconnected input idles high. The upstream step that
  appends a DFU suffix to the bitstream (``dfu-suffix``) is dropped: openFPGALoader loads the
  plain bitstream through the bootloader.
"""

from amaranth.build import Attrs
from amaranth.vendor import LatticeECP5Platform
from amaranth_boards.orangecrab_r0_2 import OrangeCrabR0_2_85FPlatform
from amaranth_boards.resources import UARTResource
from amaranth_boards.ulx3s import ULX3S_85F_Platform


__all__ = ["ULX3S85FPlatform", "OrangeCrab85FPlatform", "ORANGECRAB_UART_PINS"]


#: Feather header pins of the OrangeCrab's UART: (header pin, FPGA ball) for TX and RX.
ORANGECRAB_UART_PINS = {"tx": ("1", "M18"), "rx": ("0", "N17")}


class ULX3S85FPlatform(ULX3S_85F_Platform):
    """Radiona ULX3S with an LFE5U-85F; UART on the FTDI FT231X (``uart`` resource 0)."""

    @property
    def required_tools(self):
        return LatticeECP5Platform.required_tools.fget(self)


class OrangeCrab85FPlatform(OrangeCrabR0_2_85FPlatform):
    """OrangeCrab r0.2 with an LFE5U-85F; UART on the Feather header (``uart`` resource 0)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_resources([
            UARTResource(0, tx=ORANGECRAB_UART_PINS["tx"][0], rx=ORANGECRAB_UART_PINS["rx"][0],
                         conn=("io", 0), attrs=Attrs(IO_TYPE="LVCMOS33", PULLMODE="UP")),
        ])

    @property
    def required_tools(self):
        return LatticeECP5Platform.required_tools.fget(self)

    @property
    def command_templates(self):
        return LatticeECP5Platform.command_templates.fget(self)
