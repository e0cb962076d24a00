"""The ``mkrv lockstep`` and ``mkrv fuzz`` commands (registered by :mod:`sim.cli`).

::

    mkrv lockstep PROGRAM.elf [--max-cycles N] [--ram-size BYTES]
    mkrv fuzz [--seeds N] [--start S] [--length BLOCKS] [--jobs J] [--max-cycles N] [-v]

``lockstep`` runs a program on the RTL and on spike and compares every retired instruction
(:mod:`sim.verify.lockstep`): exit 0 when they agree to the end (the number of instructions
compared is printed), 1 at the first difference (both sides are printed with the
instructions before it) or when the RTL does not reach ``tohost``, 2 for bad input.
``fuzz`` does the same for random programs (:mod:`sim.verify.randprog`) of seeds
``S .. S+N-1`` and prints a summary, each failing seed and the command that reproduces it.
"""

import os
import sys
import time

from ..errors import SimError


__all__ = ["add_parsers", "lockstep_main", "fuzz_main", "main", "DEFAULT_LOCKSTEP_CYCLES"]


EXIT_PASS, EXIT_FAIL, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130
#: Cycle limit of a lockstep run: every retirement is kept in memory, so lower than `run`'s.
DEFAULT_LOCKSTEP_CYCLES = 2_000_000
DEFAULT_FUZZ_CYCLES = 500_000


def _fuzz_dir():
    from ..build import BUILD_DIR
    return BUILD_DIR / "fuzz"


def add_parsers(sub):
    """Add ``lockstep`` and ``fuzz`` to the subcommands ``sub`` of :mod:`sim.cli`; each
    parser's ``handler`` default is the function that runs it."""
    from rtl.soc.memmap import DEFAULT_RAM_SIZE

    from ..cli import _count, _max_cycles, _ram_size

    def positive(what):
        return lambda text: _count(text, what)

    def seed(text):
        if text.strip() in ("0", "0x0"):
            return 0
        return _count(text, "the first seed")

    ls = sub.add_parser(
        "lockstep", help="compare a program's run on the RTL with spike, instruction by "
                         "instruction",
        description="Run PROGRAM.elf on the RTL (Verilator) and on spike and compare every "
                    "retired instruction: PC, instruction bits, privilege mode, destination "
                    "register and value, memory accesses, traps. Time, cycle counters, device "
                    "registers and interrupts come from the RTL; the call-gate extension, "
                    "which spike lacks, is executed by its model (see docs/verification.md). "
                    "Exit code 0 when they agree, 1 at the first difference or when the "
                    "program does not reach tohost, 2 for bad input.")
    ls.add_argument("program", metavar="PROGRAM.elf")
    ls.add_argument("--max-cycles", type=_max_cycles, default=DEFAULT_LOCKSTEP_CYCLES,
                    metavar="N",
                    help=f"RTL cycle limit (default {DEFAULT_LOCKSTEP_CYCLES})")
    ls.add_argument("--ram-size", type=_ram_size, default=DEFAULT_RAM_SIZE, metavar="BYTES",
                    help="RAM size, a power of two (default 16M)")
    ls.set_defaults(handler=lockstep_main)

    fz = sub.add_parser(
        "fuzz", help="random programs in lockstep with spike",
        description="Generate random RV64IMA + Zicsr programs (M/S/U modes, Sv39, traps, "
                    "interrupts) for seeds START .. START+N-1 and run each in lockstep with "
                    "spike (`mkrv lockstep`). Prints a summary and every failing seed with the "
                    "command that reproduces it; exit code 1 if any seed fails.")
    fz.add_argument("--seeds", type=positive("the number of seeds"), default=10, metavar="N",
                    help="how many seeds (default 10)")
    fz.add_argument("--start", type=seed, default=0, metavar="S",
                    help="first seed (default 0)")
    fz.add_argument("--length", type=positive("the program length"), default=800,
                    metavar="BLOCKS", help="random blocks per program (default 800: about "
                                           "5000 instructions executed)")
    fz.add_argument("-j", "--jobs", type=positive("the number of jobs"),
                    default=os.cpu_count() or 1, metavar="J",
                    help="programs run in parallel (default: one per CPU)")
    fz.add_argument("--max-cycles", type=_max_cycles, default=DEFAULT_FUZZ_CYCLES,
                    metavar="N", help=f"RTL cycle limit per program (default "
                                      f"{DEFAULT_FUZZ_CYCLES})")
    fz.add_argument("-v", "--verbose", action="store_true",
                    help="print the whole report of every failing seed")
    fz.set_defaults(handler=fuzz_main)


def _log(message):
    sys.stderr.write(message + "\n")
    sys.stderr.flush()


def lockstep_main(args):
    from .lockstep import lockstep

    result = lockstep(args.program, max_cycles=args.max_cycles, ram_size=args.ram_size,
                      log=_log)
    print("\n".join(result.report()))
    return EXIT_PASS if result.ok else EXIT_FAIL


def run_seed(seed, length, max_cycles):
    """Build and lockstep the random program of ``seed``; returns a dict (picklable)."""
    from .lockstep import lockstep
    from .randprog import build

    start = time.perf_counter()
    try:
        elf = build(seed, _fuzz_dir(), length=length)
        result = lockstep(elf, max_cycles=max_cycles)
    except SimError as e:
        return {"seed": seed, "ok": False, "error": str(e), "report": [f"ERROR: {e}"],
                "compared": 0, "seconds": time.perf_counter() - start, "elf": None}
    return {"seed": seed, "ok": result.ok, "error": None, "report": result.report(),
            "compared": result.compared, "seconds": time.perf_counter() - start,
            "elf": str(elf)}


def reproduce_command(seed, length):
    extra = f" --length {length}" if length != 800 else ""
    return f"mkrv fuzz --seeds 1 --start {seed}{extra}"


def fuzz_main(args):
    from rtl.soc.memmap import DEFAULT_RAM_SIZE

    from ..build import build_model
    from .spike import spike_available

    why = spike_available()
    if why:
        raise SimError(why)
    build_model(DEFAULT_RAM_SIZE, log=_log)   # once, before the workers start
    seeds = range(args.start, args.start + args.seeds)
    start = time.perf_counter()
    results = []

    def done(r):
        results.append(r)
        print(f"seed {r['seed']}: {r['report'][0]}", flush=True)

    if args.jobs > 1 and len(seeds) > 1:
        import concurrent.futures
        import multiprocessing
        ctx = multiprocessing.get_context("spawn")   # pyspike is not fork-safe
        with concurrent.futures.ProcessPoolExecutor(min(args.jobs, len(seeds)),
                                                    mp_context=ctx) as pool:
            futures = [pool.submit(run_seed, s, args.length, args.max_cycles) for s in seeds]
            for f in concurrent.futures.as_completed(futures):
                done(f.result())
    else:
        for s in seeds:
            done(run_seed(s, args.length, args.max_cycles))

    results.sort(key=lambda r: r["seed"])
    failed = [r for r in results if not r["ok"]]
    total = sum(r["compared"] for r in results)
    print(f"fuzz: {len(results)} seeds ({args.start}..{args.start + args.seeds - 1}), "
          f"{len(results) - len(failed)} passed, {len(failed)} failed; {total} instructions "
          f"compared in {time.perf_counter() - start:.1f} s")
    for i, r in enumerate(failed):
        print(f"FAILED seed {r['seed']}: {r['report'][0]}")
        if args.verbose or i == 0:
            for line in r["report"][1:]:
                print(f"  {line}")
        print(f"  reproduce: {reproduce_command(r['seed'], args.length)}")
        if r["elf"]:
            print(f"         or: mkrv lockstep {r['elf']}  (source: "
                  f"{os.path.splitext(r['elf'])[0]}.S)")
    return EXIT_FAIL if failed else EXIT_PASS


def main(argv=None):
    """``python -m sim.verify.cli lockstep|fuzz ...``: the two commands on their own, with
    ``mkrv``'s conventions (one line on stderr and exit code 2 for bad input)."""
    from ..cli import _Parser

    parser = _Parser(prog="mkrv", description="Lockstep with spike, and random programs.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND",
                                parser_class=_Parser)
    add_parsers(sub)
    try:
        args = parser.parse_args(argv)
        code = args.handler(args)
    except SimError as e:
        _log(f"mkrv: {e}")
        code = EXIT_ERROR
    except KeyboardInterrupt:
        _log("mkrv: interrupted")
        code = EXIT_INTERRUPTED
    sys.exit(code)


if __name__ == "__main__":
    main()
