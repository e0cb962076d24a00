"""The Python API of :mod:`sim`: the ELF loader, the RAM image, and :func:`sim.runner.run_elf`.

The runs need the RISC-V toolchain (to assemble their programs) and the core.
"""

import pytest

from sim.elf import image_words, load_elf, write_hex
from sim.errors import SimError
from sim.runner import Result, run_elf
from sim.testing import assemble, exit_with, have_toolchain, program, uart_print


pytestmark = pytest.mark.skipif(not have_toolchain(),
                                reason="riscv64-unknown-elf-gcc not installed (run `make setup`)")


@pytest.fixture
def elf(tmp_path):
    def make(body, data="", **kwargs):
        return assemble(program(body, data, **kwargs), tmp_path / "prog.elf")
    return make


# --------------------------------------------------------------------------- ELF loader

def test_load_elf(elf):
    prog = load_elf(elf(exit_with(1), data="value: .dword 0x1122334455667788"))
    assert prog.entry == 0x8000_0000
    assert prog.tohost == 0x8000_1000
    assert prog.symbols["_start"] == 0x8000_0000
    assert prog.segments[0].addr == 0x8000_0000
    value = prog.symbols["value"]
    words = image_words(prog)
    assert words[(value - 0x8000_0000) // 8] == 0x1122334455667788


def test_write_hex(elf, tmp_path):
    prog = load_elf(elf(exit_with(1), data="value: .dword 0x1122334455667788"))
    path = tmp_path / "ram.hex"
    write_hex(prog, path)
    lines = path.read_text().splitlines()
    assert lines[0] == "@0"
    assert all(len(line) == 16 or line.startswith("@") for line in lines)
    index = (prog.symbols["value"] - 0x8000_0000) // 8
    assert f"@{index:x}" in lines
    assert lines[lines.index(f"@{index:x}") + 1] == "1122334455667788"
    # The first word holds the first two instructions, little-endian.
    first = int(lines[1], 16)
    code = prog.segments[0].data
    assert first == int.from_bytes(code[:8], "little")


def test_unaligned_segment_start(tmp_path):
    script = """\
ENTRY(_start)
SECTIONS {
  . = 0x80000000;
  .text.init : { *(.text.init) }
  . = 0x80000204;
  .data : { *(.data*) }
  . = 0x80001000;
  .tohost : { *(.tohost) }
}
"""
    source = program(exit_with(1)).replace(".balign 8", "") + \
        "\n    .data\n    .word 0xdeadbeef\n"
    prog = load_elf(assemble(source, tmp_path / "u.elf", linker_script=script))
    words = image_words(prog)
    assert words[0x200 // 8] >> 32 == 0xdeadbeef


def test_entry_must_be_the_reset_address(tmp_path):
    script = "ENTRY(_start)\nSECTIONS { . = 0x80000100; .text : { *(.text*) } " \
             ".tohost : { *(.tohost) } }\n"
    path = assemble(program(exit_with(1)), tmp_path / "e.elf", linker_script=script)
    with pytest.raises(SimError, match=r"entry point 0x80000100 is not the reset address"):
        load_elf(path)


def test_tohost_must_be_in_ram(elf):
    path = elf(exit_with(1))
    with pytest.raises(SimError, match=r"outside RAM"):
        load_elf(path, ram_size=4096)


# --------------------------------------------------------------------------- runs

def test_pass(elf):
    result = run_elf(elf(exit_with(1)), stream=False)
    assert isinstance(result, Result)
    assert (result.status, result.tohost, result.test_number) == ("pass", 1, None)
    assert result.message == "PASS"
    # li, la (auipc + addi), then the sd, which is on the bus before it retires.
    assert 3 <= result.instret <= 4
    assert result.cycles >= result.instret
    assert result.seconds > 0
    assert result.uart_output == b""


def test_fail(elf):
    result = run_elf(elf(exit_with((42 << 1) | 1)), stream=False)
    assert (result.status, result.test_number) == ("fail", 42)
    assert result.message == "FAIL: test 42 (tohost = 0x55)"


def test_sw_to_tohost(elf):
    body = "    li t0, 7\n    la t1, tohost\n    sw t0, 0(t1)\n1:  j 1b\n"
    result = run_elf(elf(body), stream=False)
    assert (result.status, result.tohost) == ("fail", 7)


def test_timeout(elf):
    result = run_elf(elf("1:  addi a0, a0, 1\n    j 1b\n"), max_cycles=3000, stream=False)
    assert result.status == "timeout"
    assert result.tohost is None
    assert result.cycles == 3000
    assert result.last_pc in (0x8000_0000, 0x8000_0004)
    assert 1000 < result.instret <= 3000
    assert "TIMEOUT after 3000 cycles" in result.message


def test_instret_counts_retirements(elf):
    # 100 nops, then exit_with: li (1 insn), la (2: auipc + addi), sd: 104 before the spin.
    result = run_elf(elf("    nop\n" * 100 + exit_with(1)), stream=False)
    assert result.status == "pass"
    # The store retires a few cycles after the SoC sees it on the bus (pipeline depth).
    assert 100 <= result.instret <= 104


def test_uart_output(elf, capfd):
    text = "UART says hi\nsecond line\n"
    result = run_elf(elf(uart_print(text) + exit_with(1)), stream=True)
    assert result.uart_output == text.encode()
    assert capfd.readouterr().out == text


def test_uart_not_streamed(elf, capfd):
    result = run_elf(elf(uart_print("quiet\n") + exit_with(1)), stream=False)
    assert result.uart_output == b"quiet\n"
    assert capfd.readouterr().out == ""


def test_uart_burst(elf):
    # Stores on consecutive cycles: one byte a cycle on the simulator port.
    text = "back to back"
    body = "    li t5, 0x10000000\n"
    body += "".join(f"    li s{i}, {ord(c)}\n" for i, c in enumerate(text))
    body += "".join(f"    sb s{i}, 0(t5)\n" for i in range(len(text)))
    result = run_elf(elf(body + exit_with(1)), stream=False)
    assert result.uart_output == text.encode()


def test_uart_input_echo(elf):
    # Echo the UART's input until a newline: poll LSR.DR, read RBR, write THR.
    body = """\
    li      t5, 0x10000000
1:  lbu     t0, 5(t5)
    andi    t0, t0, 1
    beqz    t0, 1b
    lbu     t1, 0(t5)
    sb      t1, 0(t5)
    li      t2, 10
    bne     t1, t2, 1b
""" + exit_with(1)
    result = run_elf(elf(body), uart_input=b"echo me\n", max_cycles=100_000, stream=False)
    assert result.status == "pass"
    assert result.uart_output == b"echo me\n"


def test_bad_max_cycles(elf):
    with pytest.raises(SimError, match="cycle limit"):
        run_elf(elf(exit_with(1)), max_cycles=0)
