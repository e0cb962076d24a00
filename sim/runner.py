"""Running a program on the SoC in Verilator, under cocotb, from Python.

:func:`run_elf` is what ``mkrv run``, ``mkrv demo``, ``mkrv bench`` and the tests use::

    from sim.runner import run_elf
    result = run_elf("build/tests/asm/add.elf", max_cycles=100_000, stream=False)
    assert result.status == "pass", result.message

It checks the ELF (:mod:`sim.elf`), writes its RAM image, builds or reuses the Verilator model
(:mod:`sim.build`), runs the cocotb test :mod:`sim.cocotb_soc` in a simulator process through
``cocotb_tools.runner`` and reads back its results file.

A program ends by storing a nonzero value to its ``tohost`` symbol, as riscv-tests do:
``1`` passes, ``(n << 1) | 1`` means that test ``n`` failed, and an even value is an error.
"""

import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from rtl.soc.memmap import DEFAULT_RAM_SIZE

from .build import BUILD_DIR, TOPLEVEL, build_model
from .elf import load_elf, write_hex
from .errors import SimError


__all__ = ["Result", "run_elf", "run_program", "DEFAULT_MAX_CYCLES"]


DEFAULT_MAX_CYCLES = 10_000_000


@dataclass
class Result:
    """What a run ended with.

    Members
    -------
    status : str
        ``"pass"`` (tohost = 1), ``"fail"`` (tohost = (n << 1) | 1), ``"error"`` (an even
        tohost value) or ``"timeout"`` (the cycle limit came first).
    tohost : int or None
        The value stored to ``tohost`` (None on a timeout).
    cycles : int
        Clock cycles since reset.
    instret : int
        Instructions retired (RVFI retirements, trapped ones included).
    seconds : float
        Wall-clock time of the simulation itself (not of building or starting it).
    uart_output : bytes
        Everything the program wrote to the UART.
    last_pc : int
        Address of the last instruction retired.
    cpu_seconds : float
        CPU time of the simulation (equal to ``seconds`` on an idle machine).
    """
    status: str
    tohost: object
    cycles: int
    instret: int
    seconds: float
    uart_output: bytes = field(repr=False)
    last_pc: int = 0
    cpu_seconds: float = 0.0

    @property
    def test_number(self):
        """The failing test's number for a ``"fail"``, else None."""
        return self.tohost >> 1 if self.status == "fail" else None

    @property
    def ipc(self):
        return self.instret / self.cycles if self.cycles else 0.0

    @property
    def cycles_per_second(self):
        return self.cycles / self.seconds if self.seconds > 0 else 0.0

    @property
    def message(self):
        """One line saying how the run ended."""
        if self.status == "pass":
            return "PASS"
        if self.status == "fail":
            return f"FAIL: test {self.test_number} (tohost = {self.tohost:#x})"
        if self.status == "error":
            return f"ERROR: tohost = {self.tohost:#x} (an even value is not a test result)"
        return (f"TIMEOUT after {self.cycles} cycles; the last PC retired was "
                f"{self.last_pc:#018x}")

    @property
    def summary(self):
        """One line of statistics."""
        return (f"cycles: {self.cycles}  instret: {self.instret}  IPC: {self.ipc:.3f}  "
                f"sim speed: {self.cycles_per_second / 1e3:.0f} kcycles/s "
                f"({self.seconds:.2f} s)")


def _status(tohost):
    if tohost is None:
        return "timeout"
    if tohost == 1:
        return "pass"
    if tohost & 1:
        return "fail"
    return "error"


def _check_max_cycles(max_cycles):
    if not isinstance(max_cycles, int) or isinstance(max_cycles, bool) or max_cycles <= 0:
        raise SimError(f"the cycle limit must be a positive integer, not {max_cycles!r}")
    if max_cycles > 1 << 52:
        raise SimError(f"the cycle limit must be at most 2**52, not {max_cycles}")


def run_elf(path, *, max_cycles=DEFAULT_MAX_CYCLES, ram_size=DEFAULT_RAM_SIZE, trace=None,
            wave=None, stream=True, uart_input=b"", log=None):
    """Run the ELF program ``path`` on the SoC and return a :class:`Result`.

    Parameters
    ----------
    path : path-like
        A 64-bit RISC-V executable with a ``tohost`` symbol, loaded in RAM.
    max_cycles : int
        Cycle limit (counted from the end of reset).
    ram_size : int
        RAM size in bytes (a different size is a different Verilator model).
    trace : path-like, optional
        Write a spike-style commit log there (:mod:`sim.trace`); slower.
    wave : path-like, optional
        Write an FST waveform there (uses a model built with waveform support).
    stream : bool
        Copy the UART output to this process's standard output as it comes.
    uart_input : bytes
        Bytes fed to the UART's receiver as fast as it takes them.
    log : callable, optional
        Called with progress messages (a model build).

    Raises
    ------
    SimError
        The program, an option or the environment is not usable, or the simulator failed.
    """
    _check_max_cycles(max_cycles)
    program = load_elf(path, ram_size=ram_size)
    return run_program(program, max_cycles=max_cycles, ram_size=ram_size, trace=trace,
                       wave=wave, stream=stream, uart_input=uart_input, log=log)


def run_program(program, *, max_cycles=DEFAULT_MAX_CYCLES, ram_size=DEFAULT_RAM_SIZE,
                trace=None, wave=None, stream=True, uart_input=b"", log=None):
    """:func:`run_elf` for a :class:`sim.elf.Program` already loaded."""
    _check_max_cycles(max_cycles)
    for name, out in (("trace", trace), ("waveform", wave)):
        if out is None or (name == "trace" and str(out) == "-"):
            continue
        parent = Path(os.path.abspath(out)).parent
        if not parent.is_dir():
            raise SimError(f"cannot write the {name} to {out}: no directory {parent}")
        try:
            with open(out, "a"):
                pass
        except OSError as e:
            raise SimError(f"cannot write the {name} to {out}: {e.strerror or e}") from None
    model = build_model(ram_size, waves=wave is not None, log=log)

    run_root = BUILD_DIR / "run"
    run_root.mkdir(parents=True, exist_ok=True)
    run_dir = Path(tempfile.mkdtemp(dir=run_root, prefix=Path(program.path).stem + "-"))
    keep = False
    try:
        image = run_dir / "ram.hex"
        write_hex(program, image)
        results = run_dir / "results.json"
        sim_log = run_dir / "sim.log"
        cfg = {
            "tohost": program.tohost,
            "max_cycles": max_cycles,
            "results": str(results),
            "log": str(sim_log),
            "stream": bool(stream),
            "trace": _out_path(trace),
            "uart_input": bytes(uart_input).decode("latin-1"),
        }
        test_args = []
        if wave is not None:
            test_args = ["--trace-file", _out_path(wave)]
        _simulate(model, cfg, run_dir, test_args, image)
        if not results.exists():
            keep = True
            tail = _tail(sim_log)
            raise SimError(f"the simulation ended without results{': ' + tail if tail else ''}"
                           f" (log: {sim_log})")
        with open(results) as f:
            r = json.load(f)
    finally:
        if not keep:
            shutil.rmtree(run_dir, ignore_errors=True)

    tohost = r["tohost"] if r["event"] == "tohost" else None
    return Result(status=_status(tohost), tohost=tohost, cycles=r["cycles"],
                  instret=r["instret"], seconds=r["seconds"],
                  uart_output=r["uart"].encode("latin-1"), last_pc=r["last_pc"],
                  cpu_seconds=r["cpu_seconds"])


def _out_path(path):
    """An output file's path for the simulator process (another working directory)."""
    if path is None:
        return None
    if str(path) in ("-", "/dev/stdout"):
        return "-"  # the simulator process's own stdout is its log: use the inherited one
    return os.path.abspath(path)


def _tail(path):
    """The most telling line of the simulator's log (a Python exception), for a message."""
    try:
        lines = [line.strip() for line in Path(path).read_text(errors="replace").splitlines()]
    except OSError:
        return ""
    lines = [line for line in lines if line and "$finish" not in line]
    errors = [line for line in lines
              if re.match(r"[\w.]*(Error|Exception|Interrupt)\b", line)]
    chosen = errors or lines
    return chosen[-1][:300] if chosen else ""


def _simulate(model, cfg, run_dir, test_args, image):
    from .build import _runner

    extra_env = {
        "COCOTB_LOG_LEVEL": "WARNING",
        "GPI_LOG_LEVEL": "WARNING",
        "COCOTB_ANSI_OUTPUT": "0",
    }
    config = run_dir / "config.json"
    config.write_text(json.dumps(cfg))
    runner = _runner()
    saved = os.environ.pop("PYTEST_CURRENT_TEST", None)
    try:
        # Under pytest the runner would judge the cocotb results itself and sys.exit().
        runner.test(test_module="sim.cocotb_soc", hdl_toplevel=TOPLEVEL,
                    hdl_toplevel_lang="verilog", build_dir=model.build_dir, test_dir=run_dir,
                    waves=model.waves, test_args=test_args, extra_env=extra_env,
                    plusargs=[f"+mkrv_ram={image}", f"+mkrv_config={config}"],
                    results_xml=str(run_dir / "results.xml"))
    except (RuntimeError, SystemExit) as e:
        raise SimError(f"the simulator failed ({e}): "
                       f"{_tail(Path(cfg['log']))}") from None
    finally:
        if saved is not None:
            os.environ["PYTEST_CURRENT_TEST"] = saved
