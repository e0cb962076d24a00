"""The physical memory map of the mkrv SoC (the same as spike's and QEMU ``virt``'s).

Physical addresses are 32 bits wide; every region lies below 4 GiB. An access outside every
region, or one that a region does not allow (an instruction fetch from a device, for
example), is an access fault raised by the core before the access reaches the bus.
"""

import enum
from dataclasses import dataclass


__all__ = ["Region", "Kind", "CLINT", "PLIC", "UART", "RAM_BASE", "DEFAULT_RAM_SIZE",
           "regions", "PADDR_BITS", "UART_IRQ"]


PADDR_BITS = 32


class Kind(enum.Enum):
    RAM = "ram"        # fetch, load, store, AMO, LR/SC
    DEVICE = "device"  # load and store only; no fetch, no AMO


@dataclass(frozen=True)
class Region:
    name: str
    base: int
    size: int
    kind: Kind

    def __contains__(self, addr):
        return self.base <= addr < self.base + self.size


CLINT = Region("clint", 0x0200_0000, 0x0001_0000, Kind.DEVICE)
PLIC = Region("plic", 0x0C00_0000, 0x0400_0000, Kind.DEVICE)
UART = Region("uart", 0x1000_0000, 0x0000_1000, Kind.DEVICE)
RAM_BASE = 0x8000_0000
DEFAULT_RAM_SIZE = 16 * 1024 * 1024

# PLIC source of the UART (as on QEMU virt).
UART_IRQ = 10


def regions(ram_size=DEFAULT_RAM_SIZE):
    """All regions of an SoC with ``ram_size`` bytes of RAM, in address order."""
    if not isinstance(ram_size, int) or ram_size < 4096 or ram_size & (ram_size - 1):
        raise ValueError(f"RAM size must be a power of two of at least 4096 bytes, "
                         f"not {ram_size!r}")
    if RAM_BASE + ram_size > 1 << PADDR_BITS:
        raise ValueError(f"RAM size must fit below 4 GiB from 0x8000_0000, not {ram_size:#x}")
    return [CLINT, PLIC, UART, Region("ram", RAM_BASE, ram_size, Kind.RAM)]
