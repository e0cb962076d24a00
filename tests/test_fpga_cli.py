"""``mkrv build`` and ``mkrv program`` errors, through their handlers (boards.cli).

Nothing is mocked: "no board attached" runs the real openFPGALoader, which finds no board
on a machine without one (the test skips itself if one is attached, or if openFPGALoader is
not installed).
"""

import argparse
import shutil
import subprocess

import pytest

from boards import BOARDS
from boards.cli import add_commands


def run_cli(argv):
    parser = argparse.ArgumentParser(prog="mkrv")
    add_commands(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return args.func(args)


def one_line(err):
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


@pytest.mark.parametrize("command", ["build", "program"])
def test_unknown_board(command, capsys):
    assert run_cli([command, "--board", "de10-nano"]) == 2
    out, err = capsys.readouterr()
    assert one_line(err) == (f"mkrv {command}: unknown board 'de10-nano'; known boards: "
                             f"{', '.join(BOARDS)}")
    assert set(BOARDS) == {"ulx3s-85f", "orangecrab-85f"}


@pytest.mark.parametrize("board", list(BOARDS))
def test_program_without_bitstream(board, tmp_path, capsys):
    assert run_cli(["program", "--board", board, "--build-dir", str(tmp_path)]) == 1
    line = one_line(capsys.readouterr().err)
    assert line == (f"mkrv program: no bitstream for {board} ({tmp_path}/top.bit is missing): "
                    f"run `mkrv build --board {board}` first")


def test_program_given_bitstream_missing(tmp_path, capsys):
    assert run_cli(["program", "--board", "ulx3s-85f", "--bitstream",
                    str(tmp_path / "x.bit")]) == 1
    assert one_line(capsys.readouterr().err) == f"mkrv program: no bitstream at {tmp_path}/x.bit"


def _loader_or_skip(board):
    loader = shutil.which("openFPGALoader")
    if loader is None:
        pytest.skip("openFPGALoader not installed (Debian package openfpgaloader)")
    if not BOARDS[board].dfu:
        # A board on the JTAG cable would really be programmed (with garbage): don't.
        probe = subprocess.run([loader, "--detect", "-b", BOARDS[board].loader_board],
                               capture_output=True, text=True)
        if probe.returncode == 0:
            pytest.skip("a board is attached")
    return loader


@pytest.mark.parametrize("board,expect", [
    ("ulx3s-85f", "could not program the Radiona ULX3S (LFE5U-85F): JTAG init failed with: "
                  "unable to open ftdi device; is the board plugged in by its US1 (FTDI) port"),
    ("orangecrab-85f", "could not program the OrangeCrab r0.2 (LFE5U-85F): DFU init failed "
                       "with: No DFU compatible device found; is the board in its DFU "
                       "bootloader?"),
])
def test_program_no_board_attached(board, expect, tmp_path, capsys):
    _loader_or_skip(board)
    (tmp_path / "top.bit").write_bytes(b"\xff" * 64)
    assert run_cli(["program", "--board", board, "--build-dir", str(tmp_path)]) == 1
    line = one_line(capsys.readouterr().err)
    assert line.startswith(f"mkrv program: {expect}"), line
    # openFPGALoader's own output is kept for whoever wants the details.
    assert (tmp_path / "program.log").read_text().startswith("$ ")


def test_build_unreachable_frequency(tmp_path, capsys):
    assert run_cli(["build", "--board", "ulx3s-85f", "--freq", "51",
                    "--build-dir", str(tmp_path)]) == 1
    assert one_line(capsys.readouterr().err) == (
        "mkrv build: ECP5 PLL cannot make 51 MHz from 25 MHz (nearest: 50 MHz)")
    assert not any(tmp_path.iterdir())


def test_build_frequency_out_of_range(tmp_path, capsys):
    assert run_cli(["build", "--board", "orangecrab-85f", "--freq", "500",
                    "--build-dir", str(tmp_path)]) == 1
    assert one_line(capsys.readouterr().err) == (
        "mkrv build: PLL output frequency must be 10 to 400 MHz, not 500 MHz")


def test_build_bad_firmware(tmp_path, capsys):
    fw = tmp_path / "fw.elf"
    fw.write_text("not an elf")
    assert run_cli(["build", "--board", "ulx3s-85f", "--firmware", str(fw),
                    "--build-dir", str(tmp_path / "b")]) == 1
    assert one_line(capsys.readouterr().err).startswith(
        f"mkrv build: {fw}: not a valid ELF")
    assert not (tmp_path / "b").exists()


def test_build_missing_firmware(tmp_path, capsys):
    assert run_cli(["build", "--board", "ulx3s-85f", "--firmware", str(tmp_path / "no.elf"),
                    "--build-dir", str(tmp_path / "b")]) == 1
    assert one_line(capsys.readouterr().err) == (
        f"mkrv build: {tmp_path}/no.elf: no such file or directory")


def test_ram_size_argument():
    parser = argparse.ArgumentParser(prog="mkrv")
    add_commands(parser.add_subparsers(dest="command", required=True))
    assert parser.parse_args(["build", "--board", "x", "--ram-size", "64K"]).ram_size == 65536
    assert parser.parse_args(["build", "--board", "x"]).ram_size == 131072
