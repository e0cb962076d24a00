"""The ``mkrv build`` and ``mkrv program`` subcommands.

``mkrv`` (sim/cli.py) hooks them in with::

    from boards.cli import add_commands as add_board_commands
    add_board_commands(subparsers)

after which ``args.func(args)`` runs the chosen subcommand and returns its exit status:
0 on success, 1 on failure (one line on stderr), 2 for an unknown board (the line lists the
known ones).
"""

import argparse
import sys

from . import BOARDS, BoardError, get_board
from .build import DEFAULT_BAUD, DEFAULT_SEED
from .top import DEFAULT_RAM_SIZE


__all__ = ["add_commands", "cmd_build", "cmd_program", "main"]


def _size(text):
    """``131072``, ``128K``, ``1M``: a size in bytes."""
    units = {"K": 1024, "M": 1024 * 1024}
    try:
        if text[-1:].upper() in units:
            return int(text[:-1]) * units[text[-1].upper()]
        return int(text, 0)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a size: {text!r}") from None


def _boards_help():
    return ", ".join(f"{b.name} ({b.title}, {b.default_mhz:g} MHz)" for b in BOARDS.values())


def add_commands(subparsers):
    """Add ``build`` and ``program`` to an argparse subparsers object."""
    p = subparsers.add_parser(
        "build", help="build the SoC's bitstream for an FPGA board",
        description="Build the SoC with its firmware in block RAM for an FPGA board (YoWASP "
                    "yosys + nextpnr-ecp5), in build/<board>/, and report its resources and "
                    "Fmax (build/<board>/report.json).")
    p.add_argument("--board", required=True, metavar="NAME", help=f"one of: {_boards_help()}")
    p.add_argument("--freq", type=float, metavar="MHZ",
                   help="SoC clock in MHz (default: the board's)")
    p.add_argument("--firmware", metavar="FILE.elf",
                   help="firmware for the RAM (default: the demo, rebuilt for the clock; "
                        "an ELF of yours must be built with FW_CFLAGS=-DUART_CLOCK_HZ=<Hz>)")
    p.add_argument("--ram-size", type=_size, default=DEFAULT_RAM_SIZE, metavar="BYTES",
                   help="RAM size, e.g. 64K (default: 128K)")
    p.add_argument("--baud", type=int, default=DEFAULT_BAUD,
                   help="UART baud rate of the rebuilt demo (default: %(default)s)")
    p.add_argument("--seed", type=int, default=DEFAULT_SEED,
                   help="nextpnr placement seed (default: %(default)s)")
    p.add_argument("--no-core", dest="core", action="store_false",
                   help="skip synthesising the core alone")
    p.add_argument("--build-dir", metavar="DIR", help="default: build/<board>")
    p.set_defaults(func=cmd_build)

    q = subparsers.add_parser(
        "program", help="load the built bitstream onto an FPGA board",
        description="Load build/<board>/top.bit onto the board with openFPGALoader.")
    q.add_argument("--board", required=True, metavar="NAME", help=f"one of: {', '.join(BOARDS)}")
    q.add_argument("--bitstream", metavar="FILE.bit", help="default: build/<board>/top.bit")
    q.add_argument("--flash", action="store_true",
                   help="ULX3S: write the configuration flash instead of SRAM")
    q.add_argument("--build-dir", metavar="DIR", help="default: build/<board>")
    q.set_defaults(func=cmd_program)
    return p, q


def _fail(command, error):
    print(f"mkrv {command}: {error}", file=sys.stderr)
    return 1


def _check_board(command, name):
    try:
        get_board(name)
    except BoardError as e:
        print(f"mkrv {command}: {e}", file=sys.stderr)
        return 2
    return 0


def cmd_build(args):
    """``mkrv build``: returns the exit status."""
    if rc := _check_board("build", args.board):
        return rc
    from .build import build
    try:
        build(args.board, args.freq, args.firmware, ram_size=args.ram_size, baud=args.baud,
              seed=args.seed, core=args.core, build_dir=args.build_dir)
    except BoardError as e:
        return _fail("build", e)
    except KeyboardInterrupt:
        return _fail("build", "interrupted")
    return 0


def cmd_program(args):
    """``mkrv program``: returns the exit status."""
    if rc := _check_board("program", args.board):
        return rc
    from .program import program
    try:
        print(program(args.board, bitstream=args.bitstream, flash=args.flash,
                      build_dir=args.build_dir))
    except BoardError as e:
        return _fail("program", e)
    return 0


def main(argv=None):
    """Stand-alone entry point (``python -m boards.cli build ...``)."""
    parser = argparse.ArgumentParser(prog="mkrv")
    add_commands(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
