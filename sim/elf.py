"""Loading RISC-V ELF programs into the SoC's RAM image.

:func:`load_elf` checks that a file is a program the SoC can run (a 64-bit little-endian
RISC-V executable whose loadable segments all lie in RAM, with a ``tohost`` symbol) and
returns its segments and symbols; :func:`write_hex` writes the RAM image in the format the
Verilog RAM (``rtl/soc/mkrv_ram.v``) loads with ``$readmemh``: ``@<word index>`` markers and
one 64-bit word a line, word 0 being the doubleword at :data:`rtl.soc.memmap.RAM_BASE`.

Every problem is a :class:`~sim.errors.SimError` with a one-line message.
"""

import os
from dataclasses import dataclass, field

from elftools.common.exceptions import ELFError
from elftools.elf.elffile import ELFFile
from elftools.elf.sections import SymbolTableSection

from rtl.soc.memmap import DEFAULT_RAM_SIZE, RAM_BASE

from .errors import SimError


__all__ = ["Segment", "Program", "load_elf", "write_hex", "EM_RISCV"]


EM_RISCV = 243


@dataclass(frozen=True)
class Segment:
    """A loadable segment: ``data`` at physical address ``addr``, zero-filled to ``memsz``."""
    addr: int
    data: bytes
    memsz: int


@dataclass(frozen=True)
class Program:
    """A checked ELF program.

    Members
    -------
    path : str
        The file it was loaded from.
    entry : int
        The entry point.
    segments : list of Segment
        Its loadable segments with a nonzero size, by physical address.
    symbols : dict of str to int
        Its symbols (functions, objects and untyped labels), by name.
    tohost : int
        Address of the ``tohost`` symbol.
    """
    path: str
    entry: int
    segments: list
    symbols: dict = field(repr=False)
    tohost: int = 0


def _fail(path, what):
    raise SimError(f"{path}: {what}")


def load_elf(path, ram_size=DEFAULT_RAM_SIZE, reset_pc=RAM_BASE):
    """Load and check the program in ``path`` for an SoC with ``ram_size`` bytes of RAM.

    Raises
    ------
    SimError
        ``path`` is not a file, not an ELF file, not a 64-bit little-endian RISC-V
        executable, has a loadable segment outside RAM, an entry point other than
        ``reset_pc``, or no ``tohost`` symbol in RAM.
    """
    path = os.fspath(path)
    if not os.path.exists(path):
        _fail(path, "no such file")
    if not os.path.isfile(path):
        _fail(path, "not a file")
    try:
        with open(path, "rb") as f:
            if f.read(4) != b"\x7fELF":
                _fail(path, "not an ELF file")
            f.seek(0)
            return _load(path, ELFFile(f), ram_size, reset_pc)
    except OSError as e:
        _fail(path, f"cannot read: {e.strerror or e}")
    except (ELFError, ValueError, KeyError, IndexError) as e:
        # pyelftools reports truncated or corrupt files with several exception types.
        _fail(path, f"corrupt ELF file ({e})")


def _load(path, elf, ram_size, reset_pc):
    if elf.elfclass != 64:
        _fail(path, f"not a 64-bit ELF file (ELFCLASS{elf.elfclass})")
    if not elf.little_endian:
        _fail(path, "not a little-endian ELF file")
    machine = elf.header["e_machine"]
    if machine not in ("EM_RISCV", EM_RISCV):
        _fail(path, f"not a RISC-V ELF file (e_machine {machine})")
    if elf.header["e_type"] != "ET_EXEC":
        _fail(path, f"not an executable (e_type {elf.header['e_type']})")

    ram_end = RAM_BASE + ram_size
    segments = []
    for seg in elf.iter_segments():
        if seg["p_type"] != "PT_LOAD" or seg["p_memsz"] == 0:
            continue
        addr, memsz = seg["p_paddr"], seg["p_memsz"]
        if not (RAM_BASE <= addr and addr + memsz <= ram_end):
            _fail(path, f"loadable segment {addr:#x}..{addr + memsz - 1:#x} lies outside "
                        f"RAM ({RAM_BASE:#x}..{ram_end - 1:#x}, --ram-size {ram_size})")
        data = seg.data()
        if len(data) != seg["p_filesz"]:
            _fail(path, "corrupt ELF file (truncated segment)")
        segments.append(Segment(addr, data, memsz))
    if not segments:
        _fail(path, "no loadable segment")
    segments.sort(key=lambda s: s.addr)

    symbols = {}
    for section in elf.iter_sections():
        if isinstance(section, SymbolTableSection):
            for sym in section.iter_symbols():
                if sym.name and sym["st_info"]["type"] in ("STT_NOTYPE", "STT_OBJECT",
                                                           "STT_FUNC"):
                    symbols.setdefault(sym.name, sym["st_value"])

    entry = elf.header["e_entry"]
    if entry != reset_pc:
        _fail(path, f"entry point {entry:#x} is not the reset address {reset_pc:#x}")
    if "tohost" not in symbols:
        _fail(path, "no `tohost` symbol (the program cannot report its result)")
    tohost = symbols["tohost"]
    if not (RAM_BASE <= tohost and tohost + 8 <= ram_end) or tohost % 8:
        _fail(path, f"`tohost` at {tohost:#x} is not an aligned doubleword in RAM")
    return Program(path, entry, segments, symbols, tohost)


def image_words(program):
    """The RAM image of ``program``: a dict of word index to 64-bit value (nonzero words)."""
    words = {}
    for seg in program.segments:
        offset = seg.addr - RAM_BASE
        pad = offset % 8
        data = bytes(pad) + seg.data
        data += bytes(-len(data) % 8)
        first = (offset - pad) // 8
        for i in range(0, len(data), 8):
            value = int.from_bytes(data[i:i + 8], "little")
            if value:
                index = first + i // 8
                words[index] = words.get(index, 0) | value
    return words


def write_hex(program, path):
    """Write the RAM image of ``program`` to ``path`` for ``$readmemh`` (see module docs)."""
    lines = []
    expect = None
    words = image_words(program)
    for index in sorted(words):
        if index != expect:
            lines.append(f"@{index:x}")
        lines.append(f"{words[index]:016x}")
        expect = index + 1
    with open(path, "w") as f:
        f.write("\n".join(lines))
        f.write("\n")
