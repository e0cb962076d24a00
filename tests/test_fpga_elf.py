"""The firmware ELF to block RAM image loader (boards.elf)."""

import struct
import subprocess
from pathlib import Path

import pytest

from boards.elf import FirmwareError, ram_image


RAM = 0x8000_0000
KIB = 1024
ROOT = Path(__file__).resolve().parent.parent


def make_elf(path, segments, *, entry=RAM, machine=243, etype=2, cls=2, data=1):
    """Write a minimal ELF: ``segments`` are (paddr, bytes, memsz) PT_LOAD segments."""
    ehsize, phentsize = 64, 56
    phoff = ehsize
    offset = phoff + phentsize * len(segments)
    headers, blobs = b"", b""
    for paddr, blob, memsz in segments:
        headers += struct.pack("<IIQQQQQQ", 1, 7, offset + len(blobs), paddr, paddr,
                               len(blob), memsz, 8)
        blobs += blob
    ident = b"\x7fELF" + bytes([cls, data, 1, 0]) + bytes(8)
    header = ident + struct.pack("<HHIQQQIHHHHHH", etype, machine, 1, entry, phoff, 0, 0,
                                 ehsize, phentsize, len(segments), 64, 0, 0)
    Path(path).write_bytes(header + headers + blobs)
    return path


def words(data):
    data = data + bytes(-len(data) % 8)
    return [int.from_bytes(data[i:i + 8], "little") for i in range(0, len(data), 8)]


def test_one_segment(tmp_path):
    code = bytes(range(1, 21))      # 20 bytes: padded to 3 words
    elf = make_elf(tmp_path / "a.elf", [(RAM, code, len(code))])
    assert ram_image(elf, 128 * KIB) == words(code)
    assert ram_image(elf, 128 * KIB)[0] == 0x0807060504030201


def test_gap_and_bss(tmp_path):
    # .text at the base, .data 0x100 further, with .bss after it (memsz > filesz): the gap
    # is zero and the image ends with the file data.
    text, data = b"\x13\x00\x00\x00" * 4, b"\xaa" * 8
    elf = make_elf(tmp_path / "a.elf", [(RAM, text, len(text)),
                                        (RAM + 0x100, data, 0x1000)])
    image = ram_image(elf, 128 * KIB)
    assert len(image) == 0x108 // 8
    assert image[:2] == words(text)
    assert image[2:0x100 // 8] == [0] * (0x100 // 8 - 2)
    assert image[-1] == 0xaaaa_aaaa_aaaa_aaaa


def test_segment_beyond_ram(tmp_path):
    elf = make_elf(tmp_path / "big.elf", [(RAM, b"\x00" * 16, 200 * KIB)])
    with pytest.raises(FirmwareError, match=r"big.elf: segment 0x80000000..0x80031fff does "
                                            r"not fit the 128 KiB of RAM at "
                                            r"0x80000000..0x8001ffff$"):
        ram_image(elf, 128 * KIB)
    assert len(ram_image(elf, 256 * KIB)) == 2


def test_segment_below_ram(tmp_path):
    elf = make_elf(tmp_path / "low.elf", [(0x1000, b"\x00" * 8, 8)])
    with pytest.raises(FirmwareError, match=r"segment 0x1000..0x1007 does not fit"):
        ram_image(elf, 128 * KIB)


def test_entry_not_reset_pc(tmp_path):
    elf = make_elf(tmp_path / "e.elf", [(RAM, b"\x00" * 8, 8)], entry=RAM + 4)
    with pytest.raises(FirmwareError, match=r"e.elf: entry point 0x80000004 is not the reset "
                                            r"address 0x80000000$"):
        ram_image(elf, 128 * KIB)
    assert ram_image(elf, 128 * KIB, reset_pc=RAM + 4) == [0]


@pytest.mark.parametrize("kwargs,message", [
    (dict(machine=62), r"not a RISC-V ELF \(machine EM_X86_64\)"),
    (dict(cls=1), r"not a 64-bit little-endian ELF"),
    (dict(etype=3), r"not an executable \(type ET_DYN\)"),
])
def test_wrong_kind(tmp_path, kwargs, message):
    elf = make_elf(tmp_path / "x.elf", [(RAM, b"\x00" * 8, 8)], **kwargs)
    with pytest.raises(FirmwareError, match=message):
        ram_image(elf, 128 * KIB)


def test_no_segment(tmp_path):
    elf = make_elf(tmp_path / "n.elf", [])
    with pytest.raises(FirmwareError, match=r"n.elf: no loadable segment$"):
        ram_image(elf, 128 * KIB)


def test_not_elf(tmp_path):
    path = tmp_path / "t.elf"
    path.write_text("hello")
    with pytest.raises(FirmwareError, match=r"t.elf: not a valid ELF"):
        ram_image(path, 128 * KIB)


def test_missing(tmp_path):
    with pytest.raises(FirmwareError, match=r"nothing.elf: no such file or directory$"):
        ram_image(tmp_path / "nothing.elf", 128 * KIB)


def test_bad_size(tmp_path):
    with pytest.raises(ValueError, match=r"^RAM size must be a positive multiple of 8 bytes, "
                                         r"not 12$"):
        ram_image(tmp_path / "x.elf", 12)


def test_real_firmware_matches_objcopy(tmp_path):
    """The demo as the firmware Makefile builds it: the image is its objcopy .bin."""
    gcc = subprocess.run(["which", "riscv64-unknown-elf-gcc"], capture_output=True)
    if gcc.returncode != 0:
        pytest.skip("riscv64-unknown-elf-gcc not installed")
    out = tmp_path / "fw"
    subprocess.run(["make", "-s", "-C", str(ROOT / "firmware"), f"OUT={out}",
                    str(out / "demo.elf"), str(out / "demo.bin")],
                   check=True, capture_output=True)
    assert ram_image(out / "demo.elf", 128 * KIB) == words((out / "demo.bin").read_bytes())
