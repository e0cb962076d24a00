"""The ``mkrv`` command.

::

    mkrv run PROGRAM.elf [--max-cycles N] [--wave out.fst] [--trace out.log]
                         [--ram-size BYTES] [--quiet]
    mkrv verilog -o soc.v [--ram-size BYTES] [--sim] [--ram-impl verilog|amaranth]
    mkrv bench sim [--cycles N] [--json]
    mkrv bench ipc [--json] [--plot FILE.png]
    mkrv build --board NAME [--freq MHZ] [--firmware FILE.elf]
    mkrv program --board NAME
    mkrv demo [--max-cycles N] [--quiet]
    mkrv lockstep PROGRAM.elf [--max-cycles N] [--ram-size BYTES]
    mkrv fuzz [--seeds N] [--start S] [--length BLOCKS] [--jobs J] [--max-cycles N] [-v]

``run`` exits with 0 when the program passes (stores 1 to ``tohost``), 1 when it fails
(stores ``(n << 1) | 1``: test ``n`` failed) and 2 on a timeout or any error. The program's
UART output goes to stdout as it comes; mkrv's own messages go to stderr. Bad input is one
line on stderr and exit code 2. ``lockstep`` and ``fuzz`` (comparison with spike) are
defined in :mod:`sim.verify.cli`.
"""

import argparse
import json
import os
import re
import sys

from .errors import SimError


__all__ = ["main"]


EXIT_PASS, EXIT_FAIL, EXIT_ERROR = 0, 1, 2
EXIT_INTERRUPTED = 130


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line on stderr (and exit code 2)."""

    def error(self, message):
        sys.stderr.write(f"{self.prog}: {message} (see `{self.prog} --help`)\n")
        sys.exit(EXIT_ERROR)


_SUFFIXES = {"": 1, "k": 10**3, "m": 10**6, "g": 10**9,
             "ki": 2**10, "mi": 2**20, "gi": 2**30}


def _count(text, what, *, binary=False):
    """An integer option: decimal, 0x hex, with _ separators, and k/M/G (or Ki/Mi/Gi)."""
    s = text.strip().replace("_", "")
    m = re.fullmatch(r"(0x[0-9a-fA-F]+|[0-9]+)([kKmMgG]i?)?[bB]?", s)
    if not m:
        raise argparse.ArgumentTypeError(f"{what} must be a positive integer, not {text!r}")
    suffix = (m.group(2) or "").lower()
    if binary and suffix in ("k", "m", "g"):
        suffix += "i"  # 16M of RAM means 16 MiB
    value = int(m.group(1), 0) * _SUFFIXES[suffix]
    if value <= 0:
        raise argparse.ArgumentTypeError(f"{what} must be a positive integer, not {text!r}")
    return value


def _max_cycles(text):
    value = _count(text, "the cycle limit")
    if value > 1 << 52:
        raise argparse.ArgumentTypeError(f"the cycle limit must be at most 2**52, not {text!r}")
    return value


def _ram_size(text):
    from rtl.soc.memmap import regions

    value = _count(text, "the RAM size", binary=True)
    try:
        regions(value)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from None
    return value


def _out_path(text):
    if not text:
        raise argparse.ArgumentTypeError("the output file name is empty")
    return text


def _parser():
    from rtl.soc.memmap import DEFAULT_RAM_SIZE

    from .bench import DEFAULT_BENCH_CYCLES
    from .runner import DEFAULT_MAX_CYCLES

    parser = _Parser(prog="mkrv", description="Run programs on the mkrv SoC in Verilator.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND",
                                parser_class=_Parser)

    def run_options(p):
        p.add_argument("--max-cycles", type=_max_cycles, default=DEFAULT_MAX_CYCLES,
                       metavar="N", help=f"stop after N cycles (default {DEFAULT_MAX_CYCLES})")
        p.add_argument("--wave", type=_out_path, metavar="FILE",
                       help="write an FST waveform to FILE (a separate, slower model)")
        p.add_argument("--trace", type=_out_path, metavar="FILE",
                       help="write a spike-style commit log (--log-commits) to FILE, - for "
                            "stdout (slower)")
        p.add_argument("--ram-size", type=_ram_size, default=DEFAULT_RAM_SIZE, metavar="BYTES",
                       help="RAM size, a power of two (default 16M)")
        p.add_argument("-q", "--quiet", action="store_true",
                       help="no UART output and no statistics; only a failure's message")

    run = sub.add_parser(
        "run", help="run an ELF program until it writes tohost",
        description="Run a RISC-V ELF program on the SoC until it stores to `tohost`\n"
                    "(1 = pass, (n << 1) | 1 = test n failed). Exit code 0 pass, 1 fail,\n"
                    "2 timeout or error. The UART's output goes to stdout.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="compare a --trace with spike's commit log (sim/trace.py says what differs):\n"
               "  spike --isa=rv64ima_zicsr_zifencei_zicntr -m16 --log-commits PROGRAM.elf "
               "2>&1 \\\n"
               "    | grep -v '^core   0: 3 0x00000000000010' "
               "| head -n \"$(wc -l < out.log)\" | diff - out.log")
    run.add_argument("program", metavar="PROGRAM.elf")
    run_options(run)

    demo = sub.add_parser("demo", help="run the demo firmware (build/firmware/demo.elf)",
                          description="Run build/firmware/demo.elf (`make demo` builds it).")
    run_options(demo)

    verilog = sub.add_parser("verilog", help="write the SoC as Verilog",
                             description="Write the SoC as one Verilog file (top module "
                                         "mkrv_soc, with the RAM module).")
    verilog.add_argument("-o", "--output", type=_out_path, required=True, metavar="FILE",
                         help="output file (- for stdout)")
    verilog.add_argument("--ram-size", type=_ram_size, default=DEFAULT_RAM_SIZE,
                         metavar="BYTES", help="RAM size, a power of two (default 16M)")
    verilog.add_argument("--sim", action="store_true",
                         help="add the simulator ports (tohost, UART bytes, cycle, last PC)")
    verilog.add_argument("--ram-impl", choices=("verilog", "amaranth"), default="verilog",
                         help="RAM as the Verilog module mkrv_ram, loaded with "
                              "+mkrv_ram=<hex file> (default), or as an Amaranth memory "
                              "(block RAM; slow to convert when large)")

    bench = sub.add_parser("bench", help="benchmarks",
                           description="Measure the simulation speed (sim), or IPC on the RTL "
                                       "(ipc: runs build/firmware/kernel.elf).")
    bench.add_argument("what", choices=("sim", "ipc"),
                       help="sim: simulated cycles per second; ipc: call gates vs software "
                            "IPC vs a function call")
    bench.add_argument("--plot", type=_out_path, metavar="FILE",
                       help="ipc: also write a bar chart to FILE (needs matplotlib)")
    bench.add_argument("--cycles", type=_max_cycles, default=DEFAULT_BENCH_CYCLES,
                       metavar="N", help=f"cycles to simulate (default {DEFAULT_BENCH_CYCLES})")
    bench.add_argument("--json", action="store_true", help="print the result as JSON")

    from .verify.cli import add_parsers as add_verify_parsers
    add_verify_parsers(sub)   # lockstep, fuzz
    from boards.cli import add_commands as add_board_commands
    add_board_commands(sub)   # build, program (set args.func)
    return parser


def _log(message):
    sys.stderr.write(message + "\n")
    sys.stderr.flush()


def _run(args, program):
    from .runner import run_elf

    quiet = args.quiet
    sys.stdout.flush()
    result = run_elf(program, max_cycles=args.max_cycles, ram_size=args.ram_size,
                     trace=args.trace, wave=args.wave, stream=not quiet,
                     log=None if quiet else _log)
    if not quiet and result.uart_output and not result.uart_output.endswith(b"\n"):
        sys.stdout.write("\n")  # the UART's last line was not finished
        sys.stdout.flush()
    if result.status == "pass":
        if not quiet:
            _log("PASS")
            _log(result.summary)
        return EXIT_PASS
    _log(result.message)
    if not quiet:
        _log(result.summary)
    return EXIT_FAIL if result.status == "fail" else EXIT_ERROR


def _demo(args):
    from .build import BUILD_DIR

    demo = BUILD_DIR / "firmware" / "demo.elf"
    if not demo.is_file():
        raise SimError(f"{demo} has not been built; run `make demo` (or `make firmware`)")
    return _run(args, demo)


# Lint waivers for properties of the Verilog that Amaranth and yosys generate, not of the
# design (the same as tests/test_soc_lint.py's): constants at their minimal width, `case`
# without `default` after a default assignment, registers declared with their reset value,
# comparisons made constant by a narrow field, unread named wires, one file for all modules.
LINT_WAIVERS = ["WIDTHEXPAND", "WIDTHTRUNC", "CASEINCOMPLETE", "PROCASSINIT", "CMPCONST",
                "UNUSEDSIGNAL", "DECLFILENAME"]


def _verilog(args):
    from .build import TOPLEVEL, soc_verilog

    text = soc_verilog(args.ram_size, sim=args.sim, ram_impl=args.ram_impl)
    header = [f"// The mkrv SoC (mkrv verilog --ram-size {args.ram_size}"
              f"{' --sim' if args.sim else ''} --ram-impl {args.ram_impl}), generated by"
              f" Amaranth.\n",
              "// Lint waivers for the generated code (sim/cli.py, LINT_WAIVERS):\n"]
    header += [f"/* verilator lint_off {w} */\n" for w in LINT_WAIVERS]
    text = "".join(header) + text
    if args.ram_impl == "verilog":
        from rtl.soc.ram import MKRV_RAM_V
        text += "\n" + MKRV_RAM_V.read_text()
    if args.output == "-":
        sys.stdout.write(text)
        return EXIT_PASS
    try:
        with open(args.output, "w") as f:
            f.write(text)
    except OSError as e:
        raise SimError(f"cannot write {args.output}: {e.strerror or e}") from None
    _log(f"mkrv: wrote {args.output} (top module {TOPLEVEL})")
    return EXIT_PASS


def _bench(args):
    if args.what == "ipc":
        from .bench_ipc import cli_bench_ipc
        return cli_bench_ipc(as_json=args.json, plot_path=args.plot, log=_log)
    from .bench import bench_sim

    result = bench_sim(args.cycles, log=_log)
    if args.json:
        print(json.dumps(result.as_dict()))
    else:
        # On a busy machine the wall-clock rate is lower than the CPU-time rate.
        print(f"sim: {result.cycles_per_second / 1e3:.0f} kcycles/s "
              f"({result.cycles} cycles in {result.seconds:.2f} s, IPC {result.ipc:.3f}; "
              f"{result.cycles_per_cpu_second / 1e3:.0f} kcycles per CPU second)")
    return EXIT_PASS


def main(argv=None):
    """Entry point of the ``mkrv`` console script; returns (and exits with) the exit code."""
    try:
        parser = _parser()
        args = parser.parse_args(argv)
        handler = {"run": lambda a: _run(a, a.program), "demo": _demo,
                   "verilog": _verilog, "bench": _bench}.get(args.command) or \
            getattr(args, "handler", None) or args.func
        code = handler(args)
    except SimError as e:
        _log(f"mkrv: {e}")
        code = EXIT_ERROR
    except KeyboardInterrupt:
        _log("mkrv: interrupted")
        code = EXIT_INTERRUPTED
    except BrokenPipeError:
        # stdout was closed early (`mkrv run ... | head`): not an error of the simulation.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        code = EXIT_ERROR
    sys.exit(code)


if __name__ == "__main__":
    main()
