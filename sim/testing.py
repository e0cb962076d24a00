"""Tiny test programs for the SoC, assembled with the GNU toolchain.

Tests (and ``mkrv bench``) build their programs here instead of keeping ELF files::

    from sim.testing import assemble, program, exit_with, uart_print
    elf = assemble(program(uart_print("hi\\n") + exit_with(1)), tmp_path / "hi.elf")

:func:`program` wraps a body of assembly in the riscv-tests conventions the runner expects:
``_start`` at 0x8000_0000 (:data:`LINKER_SCRIPT`) and a ``tohost`` doubleword.
"""

import shutil
import subprocess
from pathlib import Path

from .build import tool_env
from .errors import SimError


__all__ = ["CROSS_GCC", "LINKER_SCRIPT", "have_toolchain", "assemble", "program",
           "exit_with", "uart_print", "UART_THR"]


CROSS_GCC = "riscv64-unknown-elf-gcc"
ARCH = ["-march=rv64ima_zicsr_zifencei", "-mabi=lp64"]
#: Transmit holding register of the 16550 UART.
UART_THR = 0x1000_0000

LINKER_SCRIPT = """\
OUTPUT_ARCH("riscv")
ENTRY(_start)
SECTIONS {
  . = 0x80000000;
  .text.init : { *(.text.init) }
  .text : { *(.text*) }
  . = ALIGN(0x1000);
  .tohost : { *(.tohost) }
  .data : { *(.data*) }
  .bss : { *(.bss*) }
}
"""


def have_toolchain():
    """Whether the RISC-V GNU toolchain (``riscv64-unknown-elf-gcc``) is installed."""
    return shutil.which(CROSS_GCC, path=tool_env()["PATH"]) is not None


def assemble(source, out, *, linker_script=LINKER_SCRIPT, extra_flags=()):
    """Assemble and link ``source`` (assembly text) into the ELF file ``out``; returns it.

    Raises :class:`SimError` when the toolchain is missing or the assembler fails.
    """
    out = Path(out)
    exe = shutil.which(CROSS_GCC, path=tool_env()["PATH"])
    if exe is None:
        raise SimError(f"{CROSS_GCC} not found: the RISC-V GNU toolchain is needed "
                       f"(run `make setup`)")
    out.parent.mkdir(parents=True, exist_ok=True)
    src = out.with_suffix(".S")
    lds = out.with_suffix(".ld")
    src.write_text(source)
    lds.write_text(linker_script)
    tmp = out.with_name(out.name + ".tmp")
    proc = subprocess.run([exe, *ARCH, "-static", "-nostdlib", "-nostartfiles",
                           "-Wl,--no-warn-rwx-segments", *extra_flags, "-T", str(lds),
                           "-o", str(tmp), str(src)], capture_output=True, text=True)
    if proc.returncode != 0:
        lines = proc.stderr.strip().splitlines()
        raise SimError(f"assembling {src} failed: {lines[-1] if lines else proc.returncode}")
    tmp.replace(out)
    return out


def program(body, data="", *, tohost=True):
    """Assembly source of a program: ``body`` at ``_start``, ``data`` in ``.data``."""
    tohost_section = """
    .section .tohost, "aw", @progbits
    .balign 64
    .globl  tohost
tohost:
    .dword  0
    .balign 64
    .globl  fromhost
fromhost:
    .dword  0
""" if tohost else ""
    return f"""\
    .section .text.init, "ax", @progbits
    .globl _start
_start:
{body}
    .data
    .balign 8
{data}
{tohost_section}"""


def exit_with(value):
    """Store ``value`` to ``tohost`` and spin (1 = pass, (n << 1) | 1 = test n failed)."""
    return f"""\
    li      t0, {value}
    la      t1, tohost
    sd      t0, 0(t1)
99: j       99b
"""


def uart_print(text):
    """Write the bytes of ``text`` to the UART, one ``sb`` each."""
    lines = [f"    li      t5, {UART_THR:#x}"]
    for byte in text.encode():
        lines += [f"    li      t6, {byte}", "    sb      t6, 0(t5)"]
    return "\n".join(lines) + "\n"
