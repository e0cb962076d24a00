"""``mkrv program``: load a built bitstream onto a board with openFPGALoader.

- ULX3S: over JTAG through its FT231X (US1 port), into SRAM (lost at power-off), or into the
  configuration flash with ``flash=True``.
- OrangeCrab: through its USB DFU bootloader, which writes the flash; the board must be in the
  bootloader (plug it in with the button held, or hold the button for 2 s while an mkrv
  bitstream runs).

openFPGALoader's output goes to ``build/<board>/program.log``; a failure becomes one
:class:`~boards.BoardError` line saying what is wrong.
"""

import os
import shutil
import subprocess
import time
from pathlib import Path

from . import BoardError, get_board
from .build import build_dir_for


__all__ = ["program", "loader_command"]


_HINTS = {
    False: "is the board plugged in by its US1 (FTDI) port, and readable by you (udev)?",
    True: "is the board in its DFU bootloader? Plug it in with the button held, or hold the "
          "button for 2 s while an mkrv bitstream runs",
}


def loader_command(info, bitstream, *, flash=False):
    """The openFPGALoader command line that loads ``bitstream`` onto board ``info``."""
    loader = os.environ.get("OPENFPGALOADER", "openFPGALoader")
    argv = [loader, "-b", info.loader_board]
    if not info.dfu:
        argv.append("-f" if flash else "-m")
    return argv + [str(bitstream)]


def _failure(output):
    """The line of openFPGALoader's output that says what failed."""
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    keys = ("not found", "failed", "error", "unable", "cannot", "no such")
    for line in reversed(lines):
        if any(k in line.lower() for k in keys):
            return line
    return lines[-1] if lines else "no output"


def program(board, *, bitstream=None, flash=False, build_dir=None):
    """Load the bitstream ``mkrv build`` made for ``board`` onto it.

    Parameters
    ----------
    board : str
        A name from :data:`boards.BOARDS`.
    bitstream : str or Path, optional
        The bitstream (``build/<board>/top.bit`` by default).
    flash : bool
        ULX3S: write the configuration flash rather than SRAM (the OrangeCrab's bootloader
        always writes flash).
    build_dir : str or Path, optional
        Where the build is (``build/<board>`` by default).

    Returns
    -------
    str
        One line saying what was done.

    Raises
    ------
    BoardError
        Unknown board, no bitstream, no openFPGALoader, or no board found.
    """
    info = get_board(board)
    build_dir = Path(build_dir) if build_dir is not None else build_dir_for(info.name)
    bit = Path(bitstream) if bitstream is not None else build_dir / "top.bit"
    if not bit.is_file():
        if bitstream is not None:
            raise BoardError(f"no bitstream at {bit}")
        raise BoardError(f"no bitstream for {info.name} ({bit} is missing): run "
                         f"`mkrv build --board {info.name}` first")
    argv = loader_command(info, bit, flash=flash)
    if shutil.which(argv[0]) is None:
        raise BoardError(f"{argv[0]} not found: install it (Debian: apt-get install "
                         f"openfpgaloader), or point OPENFPGALOADER at it")
    start = time.monotonic()
    result = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL, text=True, errors="replace")
    log = build_dir / "program.log"
    try:
        build_dir.mkdir(parents=True, exist_ok=True)
        log.write_text("$ " + " ".join(argv) + "\n" + result.stdout)
    except OSError:
        pass
    if result.returncode != 0:
        raise BoardError(f"could not program the {info.title}: {_failure(result.stdout)}; "
                         f"{_HINTS[info.dfu]}")
    where = "flash" if (flash or info.dfu) else "SRAM"
    return (f"programmed the {info.title} ({where}) with {bit} in "
            f"{time.monotonic() - start:.1f} s")
