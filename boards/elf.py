"""The block RAM image of a firmware ELF: the initial contents of the SoC's RAM.

:func:`ram_image` reads a 64-bit little-endian RISC-V executable and returns its loadable
bytes as 64-bit words, word 0 being the doubleword at the RAM base (0x8000_0000), ready for
``SoC(ram_init=...)``. It checks that the program was linked for the RAM it will run in:
every segment, the zero-filled ones (``.bss``, the stacks) included, must lie in RAM, and the
entry point must be the reset address, since the core starts there and not at the ELF's entry.
"""

from elftools.common.exceptions import ELFError
from elftools.elf.elffile import ELFFile

from rtl.soc.memmap import RAM_BASE


__all__ = ["FirmwareError", "ram_image", "EM_RISCV"]


EM_RISCV = 243


class FirmwareError(ValueError):
    """A firmware file the board cannot run; the message is one line naming the file."""


def ram_image(path, ram_size, *, base=RAM_BASE, reset_pc=None):
    """The RAM contents for the firmware ELF at ``path``.

    Parameters
    ----------
    path : str or os.PathLike
        A statically linked RV64 executable.
    ram_size : int
        RAM size in bytes (a positive multiple of 8).
    base : int
        Address of the first byte of RAM.
    reset_pc : int, optional
        Where the core starts (``base`` by default); the ELF's entry point must be there.

    Returns
    -------
    list of int
        64-bit little-endian words from ``base`` up to the last byte of file data (at most
        ``ram_size // 8`` words); bytes the ELF does not give are zero.

    Raises
    ------
    FirmwareError
        If the file is missing, not such an ELF, or does not fit the RAM.
    """
    if not isinstance(ram_size, int) or ram_size <= 0 or ram_size % 8:
        raise ValueError(f"RAM size must be a positive multiple of 8 bytes, not {ram_size!r}")
    reset_pc = base if reset_pc is None else reset_pc
    end = base + ram_size

    def fail(what):
        raise FirmwareError(f"{path}: {what}")

    try:
        f = open(path, "rb")
    except OSError as e:
        fail(e.strerror.lower() if e.strerror else str(e))
    with f:
        try:
            elf = ELFFile(f)
            if elf.elfclass != 64 or not elf.little_endian:
                fail("not a 64-bit little-endian ELF")
            if elf["e_machine"] not in ("EM_RISCV", EM_RISCV):
                fail(f"not a RISC-V ELF (machine {elf['e_machine']})")
            if elf["e_type"] != "ET_EXEC":
                fail(f"not an executable (type {elf['e_type']})")
            segments = []
            for seg in elf.iter_segments():
                if seg["p_type"] != "PT_LOAD" or seg["p_memsz"] == 0:
                    continue
                addr, memsz = seg["p_paddr"], seg["p_memsz"]
                if not (base <= addr and addr + memsz <= end):
                    fail(f"segment {addr:#x}..{addr + memsz - 1:#x} does not fit the "
                         f"{ram_size // 1024} KiB of RAM at {base:#x}..{end - 1:#x}")
                segments.append((addr, seg.data()[:seg["p_filesz"]]))
            if not segments:
                fail("no loadable segment")
            if elf["e_entry"] != reset_pc:
                fail(f"entry point {elf['e_entry']:#x} is not the reset address {reset_pc:#x}")
        except ELFError as e:
            fail(f"not a valid ELF ({e})")

    image = bytearray()
    for addr, data in segments:
        offset = addr - base
        if len(image) < offset + len(data):
            image.extend(bytes(offset + len(data) - len(image)))
        image[offset:offset + len(data)] = data
    image.extend(bytes(-len(image) % 8))
    return [int.from_bytes(image[i:i + 8], "little") for i in range(0, len(image), 8)]
