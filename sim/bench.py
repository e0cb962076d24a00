"""``mkrv bench sim``: how many clock cycles a second the Verilator model simulates.

The program is an endless loop of arithmetic, loads, stores, a multiply and a taken branch;
it never writes ``tohost``, so the run ends at the cycle limit, which is the goal here (``mkrv
run`` would call that a timeout). It is assembled with the GNU toolchain into
``build/bench/`` once.
"""

from dataclasses import asdict, dataclass

from .build import BUILD_DIR
from .errors import SimError
from .testing import assemble


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
