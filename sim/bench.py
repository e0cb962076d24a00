"""``mkrv bench sim``: how many clock cycles a second the Verilator model simulates.

The program is an endless loop of arithmetic, loads, stores, a multiply and a taken branch;
it never writes ``tohost``, so the run ends at the cycle limit, which is the goal here (``mkrv
run`` would call that a timeout). It is assembled with the GNU toolchain into
``build/bench/`` once.
"""

import shutil
import subprocess
from dataclasses import asdict, dataclass

from .build import BUILD_DIR, tool_env
from .errors import SimError


__all__ = ["LOOP_SOURCE", "SimBench", "bench_sim", "loop_elf", "DEFAULT_BENCH_CYCLES"]


DEFAULT_BENCH_CYCLES = 2_000_000

LOOP_SOURCE = """\
    .section .text.init, "ax", @progbits
    .globl _start
_start:
    li      t0, 0
    li      t1, 1
    la      a0, scratch
1:  add     t0, t0, t1
    xor     t2, t0, t1
    sd      t2, 0(a0)
    ld      t3, 0(a0)
    mul     t4, t3, t1
    addi    t1, t1, 3
    j       1b

    .data
    .balign 8
scratch:
    .dword  0

    .section .tohost, "aw", @progbits
    .balign 64
    .globl  tohost
tohost:
    .dword  0
    .balign 64
    .globl  fromhost
fromhost:
    .dword  0
"""

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

CROSS = "riscv64-unknown-elf-"
ARCH = ["-march=rv64ima_zicsr_zifencei", "-mabi=lp64"]


def assemble(source, out, *, cc=CROSS + "gcc"):
    """Assemble and link ``source`` (RISC-V assembly text) at 0x8000_0000 into ``out``.

    Raises :class:`SimError` when the toolchain is missing or the assembler fails.
    """
    exe = shutil.which(cc, path=tool_env()["PATH"])
    if exe is None:
        raise SimError(f"{cc} not found: the RISC-V GNU toolchain is needed (run `make setup`)")
    out.parent.mkdir(parents=True, exist_ok=True)
    src = out.with_suffix(".S")
    lds = out.with_suffix(".ld")
    src.write_text(source)
    lds.write_text(LINKER_SCRIPT)
    tmp = out.with_name(out.name + ".tmp")
    proc = subprocess.run([exe, *ARCH, "-static", "-nostdlib", "-nostartfiles",
                           "-Wl,--no-warn-rwx-segments", "-T", str(lds), "-o", str(tmp),
                           str(src)], capture_output=True, text=True)
    if proc.returncode != 0:
        raise SimError(f"assembling {src} failed: {proc.stderr.strip().splitlines()[-1:]}")
    tmp.replace(out)
    return out


def loop_elf():
    """Path of the benchmark program, assembled if it is missing or out of date."""
    out = BUILD_DIR / "bench" / "loop.elf"
    src = out.with_suffix(".S")
    if not (out.exists() and src.exists() and src.read_text() == LOOP_SOURCE):
        assemble(LOOP_SOURCE, out)
    return out


@dataclass
class SimBench:
    """Result of :func:`bench_sim`."""
    cycles: int
    instret: int
    seconds: float
    cycles_per_second: float
    ipc: float

    def as_dict(self):
        return {"benchmark": "sim", **asdict(self)}


def bench_sim(cycles=DEFAULT_BENCH_CYCLES, log=None):
    """Run the loop for ``cycles`` cycles; the simulation speed, in a :class:`SimBench`."""
    from .elf import load_elf
    from .runner import run_program

    program = load_elf(loop_elf())
    result = run_program(program, max_cycles=cycles, stream=False, log=log)
    if result.status != "timeout":
        raise SimError(f"the benchmark loop ended unexpectedly: {result.message}")
    return SimBench(cycles=result.cycles, instret=result.instret, seconds=result.seconds,
                    cycles_per_second=result.cycles_per_second, ipc=result.ipc)
