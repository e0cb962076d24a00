"""Run formal checks by name: ``python -m rtl.formal [NAME ...] [--depth N] [--solver S]``.

With no name, runs the quick checks (those of ``make test``); ``--all`` runs every check,
``--list`` lists them. Exits non-zero when a check does not give its expected verdict.
"""

import argparse
import sys

from .checks import CHECKS
from .runner import SOLVERS, run_formal


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m rtl.formal",
                                     description="Run mkrv's formal checks.")
    parser.add_argument("names", nargs="*", metavar="NAME", help="checks to run")
    parser.add_argument("--all", action="store_true", help="run every check")
    parser.add_argument("--list", action="store_true", help="list the checks")
    parser.add_argument("--depth", type=int, help="override the depth")
    parser.add_argument("--solver", default="z3", choices=sorted(SOLVERS))
    parser.add_argument("--workdir", default="build/formal")
    args = parser.parse_args(argv)

    if args.list:
        for c in CHECKS.values():
            kind = "quick" if c.quick else "long "
            print(f"{c.name:22} {kind} {c.mode:5} depth {c.depth:2}  {c.doc}")
        return 0
    for name in args.names:
        if name not in CHECKS:
            parser.error(f"unknown check {name!r}; see --list")
    if args.names:
        checks = [CHECKS[n] for n in args.names]
    else:
        checks = [c for c in CHECKS.values() if args.all or c.quick]

    ok = True
    for c in checks:
        result = run_formal(c.harness(), name=c.name, mode=c.mode,
                            depth=args.depth or c.depth, workdir=args.workdir,
                            solver=args.solver)
        expected = "" if c.expect_pass else " (expected to fail)"
        print(result.summary() + expected, flush=True)
        ok &= result.passed == c.expect_pass
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
