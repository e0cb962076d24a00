"""``mkrv build``: firmware, bitstream and report for a board.

:func:`build` runs, in ``build/<board>/``:

1. **firmware**: without ``firmware_elf``, the demo is rebuilt for the board's clock
   (``make -C firmware OUT=build/<board>/firmware FW_CFLAGS="-DUART_CLOCK_HZ=<f> ..."``),
   because the UART divisor the firmware programs is computed from ``UART_CLOCK_HZ``;
2. **elaborate**: the board top (:mod:`boards.top`) with the firmware in block RAM, written
   out by the platform (``top.il``, ``top.ys``, ``top.lpf``, ``build_top.{sh,json}``);
3. **synthesis**, **place and route**, **bitstream**: the platform's own three commands
   (from ``build_top.json``), run one at a time with the YoWASP tools, each logging to
   ``<step>.log`` beside the tool's own log (``top.rpt`` for yosys, ``top.tim`` for nextpnr);
   nextpnr also writes ``top.report.json`` and does not stop on failed timing; after
   synthesis the netlist's logic depth (:func:`boards.depth.logic_depth`) is printed, an
   early look at the critical path while place and route runs;
4. **core**: the core alone through ``synth_ecp5`` (:func:`boards.synth.synth_core`), in
   ``build/<board>/core/``;

then writes ``report.json`` and prints a summary. While a step runs, a status line shows
which step it is and its elapsed time (a line every 30 s when the output is not a terminal).
"""

import json
import os
import re
import shutil
import subprocess
import sys
import time
from fractions import Fraction
from pathlib import Path

from . import BoardError, get_board
from .depth import logic_depth
from .elf import FirmwareError, ram_image
from .pll import pll_params
from .report import (ReportError, cell_counts_from_stat_json, cell_counts_from_yosys_log,
                     critical_path_from_log, critical_path_summary, fmax_from_log,
                     fmax_from_report, resources, utilization_from_log,
                     utilization_from_report)
from .synth import TOOLS, synth_core, tool, tool_env
from .top import DEFAULT_RAM_SIZE


__all__ = ["build", "build_firmware", "Progress", "ROOT", "build_dir_for", "DEFAULT_BAUD"]


#: The repository's root (firmware/ and build/ are under it).
ROOT = Path(__file__).resolve().parent.parent
DEFAULT_BAUD = 115200
DEFAULT_SEED = 1

# What each of the platform's commands does, for the status line.
_STEP_NAMES = {
    "yosys": "synthesis (yosys)",
    "nextpnr-ecp5": "place and route (nextpnr-ecp5)",
    "ecppack": "bitstream (ecppack)",
}

# nextpnr log lines -> what it is doing, for the status line; the last one seen wins.
_NEXTPNR_PHASES = [
    ("Packing", "packing"),
    ("initial placer", "placing"),
    ("analytical placer", "placing"),
    ("HeAP", "placing"),
    ("Running simulated annealing placer", "placing (annealing)"),
    ("Routing globals", "routing"),
    ("Running router2", "routing"),
    ("Router2", "routing"),
    ("Running router1", "routing"),
    ("Critical path report", "timing"),
]


def build_dir_for(board_name, root=None):
    """``build/<board>`` under ``root`` (the repository by default)."""
    return Path(root or ROOT) / "build" / board_name


def _mmss(seconds):
    seconds = int(seconds)
    return f"{seconds // 60}:{seconds % 60:02d}"


class Progress:
    """Numbered steps with a live elapsed-time line.

    Parameters
    ----------
    total : int
        Number of steps.
    stream : file
        Where to write (a status line rewritten in place if it is a terminal).
    interval : float
        Seconds between status lines when ``stream`` is not a terminal.
    """

    def __init__(self, total, stream=None, interval=30.0):
        self.total = total
        self.index = 0
        self.stream = sys.stdout if stream is None else stream
        self.interval = interval
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.times = {}

    def _print(self, text, end="\n"):
        if self.tty:
            self.stream.write("\r\x1b[K" + text + end)
        else:
            self.stream.write(text + end)
        self.stream.flush()

    def begin(self, label):
        self.index += 1
        self.label = label
        self.start = time.monotonic()
        self._print(f"[{self.index}/{self.total}] {label} ...", end="" if self.tty else "\n")

    def tick(self, phase=None):
        elapsed = time.monotonic() - self.start
        extra = f" ({phase})" if phase else ""
        if self.tty:
            self._print(f"[{self.index}/{self.total}] {self.label}: {_mmss(elapsed)}{extra}",
                        end="")
        elif elapsed >= getattr(self, "_next", 0):
            if elapsed > 0.5:
                self._print(f"    {self.label}: {_mmss(elapsed)}{extra}")
            self._next = (elapsed // self.interval + 1) * self.interval

    def end(self, key=None, status="done"):
        elapsed = time.monotonic() - self.start
        self.times[key or self.label] = round(elapsed, 1)
        self._print(f"[{self.index}/{self.total}] {self.label}: {status} in {_mmss(elapsed)}")
        self._next = 0
        return elapsed

    def step(self, label, fn, *args, key=None, **kwargs):
        """Run ``fn(*args, **kwargs)`` as a step (no live line; for short Python steps)."""
        self.begin(label)
        try:
            result = fn(*args, **kwargs)
        except BaseException:
            self.end(key, status="failed")
            raise
        self.end(key)
        return result

    def run(self, label, argv, cwd, log_path, *, key=None, watch=None, phases=()):
        """Run a command as a step, its output to ``log_path``.

        ``watch`` is a file (the tool's own log) whose last known phase (``phases``: pairs
        of marker text and phase name) is shown on the status line.
        """
        self.begin(label)
        with open(log_path, "wb") as log:
            log.write(("$ " + " ".join(map(str, argv)) + "\n").encode())
            log.flush()
            try:
                proc = subprocess.Popen(argv, cwd=cwd, stdout=log, stderr=subprocess.STDOUT,
                                        stdin=subprocess.DEVNULL)
            except OSError as e:
                self.end(key, status="failed")
                raise BoardError(f"cannot run {argv[0]}: {e.strerror or e}") from None
            phase, seen = None, 0
            try:
                while True:
                    try:
                        rc = proc.wait(timeout=1.0)
                        break
                    except subprocess.TimeoutExpired:
                        pass
                    if watch is not None and phases:
                        phase, seen = _phase(Path(cwd) / watch, phases, phase, seen)
                    self.tick(phase)
            except BaseException:
                proc.kill()
                proc.wait()
                self.end(key, status="interrupted")
                raise
        if rc != 0:
            self.end(key, status="failed")
            # The tool's own log (nextpnr --quiet writes little else) says most.
            shown = Path(cwd) / watch if watch is not None else Path(log_path)
            if not shown.exists():
                shown = Path(log_path)
            for line in shown.read_text(errors="replace").splitlines()[-12:]:
                self.stream.write("    | " + line + "\n")
            raise BoardError(f"{label} failed (exit {rc}); see {shown}")
        return self.end(key)


# How far nextpnr's routers are, from their progress lines: router1's table row (the
# last column before the times is the arcs still to route), router2's iteration line.
_ROUTER_PROGRESS = [
    (re.compile(r"Info:\s+\d+ \|\s+\d+\s+\d+ \|\s+-?\d+\s+-?\d+ \|\s+(\d+)\|"),
     lambda m: f"{int(m[1])} arcs left"),
    (re.compile(r"Info:\s+iter=(\d+) wires=\d+ overused=(\d+)"),
     lambda m: f"iteration {m[1]}, {m[2]} wires overused"),
]


def _phase(path, phases, phase, seen):
    """Scan what ``path`` gained since offset ``seen`` for phase markers.

    Returns the phase (with the router's progress while routing) and the new offset. Only
    whole lines are consumed, so a line being written is read again in full next time.
    """
    try:
        with open(path, "rb") as f:
            f.seek(seen)
            data = f.read()
    except OSError:
        return phase, seen
    data = data[:data.rfind(b"\n") + 1]
    chunk = data.decode(errors="replace")
    best = -1
    for marker, name in phases:
        at = chunk.rfind(marker)
        if at > best:
            best, phase = at, name
    if phase is not None and phase.startswith("routing"):
        progress = [text(match) for line in chunk.splitlines()
                    for pattern, text in _ROUTER_PROGRESS if (match := pattern.match(line))]
        if progress:
            phase = f"routing, {progress[-1]}"
    return phase, seen + len(data)


def build_firmware(out_dir, clock_hz, *, baud=DEFAULT_BAUD, program="demo", root=None,
                   progress_run=None):
    """Build ``firmware`` program ``program`` for a ``clock_hz`` UART clock into ``out_dir``.

    The objects are kept between builds and thrown away when the flags change (the firmware
    Makefile does not track flags given on its command line).

    Returns the path of the ELF.
    """
    root = Path(root or ROOT)
    out_dir = Path(out_dir)
    if shutil.which("riscv64-unknown-elf-gcc") is None:
        raise BoardError("riscv64-unknown-elf-gcc not found: run scripts/setup.sh, or give "
                         "--firmware FILE.elf")
    flags = f"-DUART_CLOCK_HZ={int(clock_hz)} -DUART_BAUD={int(baud)} -DCONSOLE_CRLF"
    stamp = out_dir / "FW_CFLAGS"
    if out_dir.exists() and (not stamp.exists() or stamp.read_text() != flags):
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    stamp.write_text(flags)
    elf = out_dir / f"{program}.elf"
    argv = ["make", "-s", "-C", str(root / "firmware"), f"OUT={out_dir}",
            f"FW_CFLAGS={flags}", str(elf)]
    log = out_dir / "make.log"
    if progress_run is not None:
        progress_run(argv, root, log)
    else:
        result = subprocess.run(argv, cwd=root, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True)
        log.write_text(result.stdout)
        if result.returncode != 0:
            raise BoardError(f"firmware build failed; see {log}")
    return elf


# Outputs of a previous build that must not outlive a failed one.
_OUTPUTS = ["top.json", "top.config", "top.bit", "top.svf", "top.report.json", "top.tim",
            "top.rpt", "top.stat.json", "report.json"]


def build(board, freq_mhz=None, firmware_elf=None, *, ram_size=DEFAULT_RAM_SIZE,
          baud=DEFAULT_BAUD, build_dir=None, seed=DEFAULT_SEED, timebase_div=1, core=True,
          stream=None):
    """Build the bitstream of the SoC for ``board`` and report its resources and Fmax.

    Parameters
    ----------
    board : str
        A name from :data:`boards.BOARDS`.
    freq_mhz : float, optional
        Clock of the SoC, MHz (the board's default if None); the PLL must make it to 0.5 %.
    firmware_elf : str or Path, optional
        Firmware for the RAM; the demo rebuilt for the clock if None. A given ELF must have
        been built with ``FW_CFLAGS=-DUART_CLOCK_HZ=<clock in Hz>`` for its UART's baud rate
        to be right.
    ram_size : int
        RAM in bytes (block RAM; 128 KiB is 64 of the 85F's 208 DP16KD).
    baud : int
        UART baud rate of the rebuilt demo.
    build_dir : str or Path, optional
        Where to build (``build/<board>`` by default).
    seed : int
        nextpnr's placement seed.
    timebase_div : int
        Clock cycles per ``mtime`` tick.
    core : bool
        Also synthesise the core alone and report its resources.
    stream : file, optional
        Where progress and the summary go (stdout by default).

    Returns
    -------
    dict
        What ``report.json`` holds.

    Raises
    ------
    BoardError
        For anything the user can fix: unknown board, unreachable frequency, bad firmware,
        missing tools, a tool that failed.
    """
    stream = sys.stdout if stream is None else stream
    info = get_board(board)
    platform = info.platform()
    clock = platform.lookup(info.top.clock, 0).clock
    f_in = Fraction(clock.frequency).limit_denominator(1000)
    freq_mhz = info.default_mhz if freq_mhz is None else freq_mhz
    try:
        pll = pll_params(f_in, Fraction(freq_mhz).limit_denominator(10**6) * 10**6)
    except (TypeError, ValueError) as e:
        raise BoardError(str(e)) from None
    ram_init = None
    if firmware_elf is not None:
        try:
            ram_init = ram_image(firmware_elf, ram_size)
        except FirmwareError as e:
            raise BoardError(str(e)) from None
    tool_env()
    version = git_version()
    build_dir = Path(build_dir) if build_dir is not None else build_dir_for(info.name)
    build_dir.mkdir(parents=True, exist_ok=True)
    for name in _OUTPUTS:
        (build_dir / name).unlink(missing_ok=True)
    t_start = time.monotonic()

    target_mhz = float(pll.f_out) / 1e6
    stream.write(f"mkrv build: {info.name}, {info.title}; {platform.device}-{platform.speed} "
                 f"{platform.package}; SoC clock {target_mhz:g} MHz "
                 f"({float(f_in) / 1e6:g} MHz x {pll.clkfb_div}/{pll.clki_div}, "
                 f"VCO {float(pll.f_vco) / 1e6:g} MHz)\n")
    progress = Progress(6 if core else 5, stream)

    def run(label, key):
        return lambda argv, cwd, log: progress.run(label, argv, cwd, log, key=key)

    # 1. Firmware.
    if firmware_elf is None:
        firmware_elf = build_firmware(build_dir / "firmware", pll.f_out_hz, baud=baud,
                                      progress_run=run("firmware (demo, make)", "firmware"))
        fw_note = f"demo, built for UART_CLOCK_HZ={pll.f_out_hz}, {baud} baud"
        try:
            ram_init = ram_image(firmware_elf, ram_size)
        except FirmwareError as e:
            raise BoardError(str(e)) from None
    else:
        progress.begin(f"firmware ({Path(firmware_elf).name}, given)")
        progress.end(key="firmware")
        fw_note = (f"given; its UART is right only if built with "
                   f"FW_CFLAGS=-DUART_CLOCK_HZ={pll.f_out_hz}")

    # 2. Elaborate and write out the design.
    def elaborate():
        top = info.top(pll=pll, ram_init=ram_init, ram_size=ram_size,
                       timebase_div=timebase_div)
        plan = platform.prepare(
            top, name="top",
            script_after_synth="tee -q -o top.stat.json stat -json",
            nextpnr_opts=f"--report top.report.json --timing-allow-fail --seed {seed}")
        plan.extract(build_dir)
    progress.step("elaborate (Amaranth)", elaborate, key="elaborate")

    # 3. The platform's commands.
    commands = json.loads((build_dir / "build_top.json").read_text())["commands"]
    depth = None
    for argv in commands:
        name = argv[0]
        label = _STEP_NAMES.get(name, name)
        exe = tool(name) if name in TOOLS else (shutil.which(name) or name)
        watch, phases = ("top.tim", _NEXTPNR_PHASES) if name == "nextpnr-ecp5" else (None, ())
        progress.run(label, [exe, *argv[1:]], build_dir, build_dir / f"{name}.log",
                     key=name, watch=watch, phases=phases)
        if name == "yosys":
            depth = logic_depth(build_dir / "top.json", top="top", paths=3)
            stream.write(f"    logic depth {depth['levels']:g} LUT levels: "
                         f"{depth['paths'][0]['from']} -> {depth['paths'][0]['to']}\n")

    # 4. The core alone.
    core_res = None
    if core:
        core_res = synth_core(build_dir / "core", ram_size, run=run("core alone (yosys)", "core"))

    report = make_report(build_dir, info, platform, pll, ram_size=ram_size, core=core_res)
    report["logic_depth"] = depth
    report.update({
        "firmware": str(firmware_elf),
        "firmware_note": fw_note,
        "uart_clock_hz": pll.f_out_hz,
        "seed": seed,
        "git": version,
        "times_s": {**progress.times, "total": round(time.monotonic() - t_start, 1)},
        "tools": {env_var: os.path.basename(os.environ[env_var])
                  for env_var, _ in TOOLS.values()},
    })
    (build_dir / "report.json").write_text(json.dumps(report, indent=2) + "\n")
    stream.write(summary(report))
    stream.flush()
    return report


def git_version(root=None):
    """``git describe --always`` of the repository, ``-dirty`` if rtl/ or boards/ differ from
    the commit (what the bitstream was built from); None outside a git checkout."""
    root = Path(root or ROOT)
    try:
        head = subprocess.run(["git", "-C", str(root), "describe", "--always"],
                              capture_output=True, text=True, timeout=30)
        dirty = subprocess.run(["git", "-C", str(root), "status", "--porcelain",
                                "--untracked-files=no", "--", "rtl", "boards"],
                               capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    if head.returncode != 0:
        return None
    return head.stdout.strip() + ("-dirty" if dirty.stdout.strip() else "")


def make_report(build_dir, info, platform, pll, *, ram_size, core=None):
    """The report of a finished build in ``build_dir`` (without times and firmware)."""
    build_dir = Path(build_dir)
    target_mhz = round(float(pll.f_out) / 1e6, 6)
    stat = build_dir / "top.stat.json"
    if stat.exists():
        cells = cell_counts_from_stat_json(stat.read_text())
    else:
        cells = cell_counts_from_yosys_log((build_dir / "top.rpt").read_text(errors="replace"))
    soc = {**resources(cells), "cells": cells}
    log = (build_dir / "top.tim").read_text(errors="replace")
    try:
        npr = json.loads((build_dir / "top.report.json").read_text())
        timing = fmax_from_report(npr, target_mhz)
        util = utilization_from_report(npr)
    except (OSError, ValueError, ReportError):
        timing = fmax_from_log(log, target_mhz)
        util = utilization_from_log(log)
    path = critical_path_from_log(log, timing["clock"])
    report = {
        "board": info.name,
        "device": platform.device,
        "package": platform.package,
        "speed": platform.speed,
        "target_mhz": target_mhz,
        "fmax_mhz": round(timing["fmax_mhz"], 2),
        "timing_met": timing["fmax_mhz"] >= target_mhz,
        "clock": timing["clock"],
        "lut4": soc["lut4"],
        "ff": soc["ff"],
        "bram": soc["bram"],
        "dsp": soc["dsp"],
        "lutram": soc["lutram"],
        "cells": soc["cells"],
        "core": None if core is None else {k: core[k] for k in
                                           ("lut4", "ff", "bram", "dsp", "lutram", "cells")},
        "pnr_utilization": {k: list(v) for k, v in util.items()},
        "pll": {"f_in_hz": float(pll.f_in), "f_out_hz": float(pll.f_out),
                "f_vco_hz": float(pll.f_vco), "clki_div": pll.clki_div,
                "clkfb_div": pll.clkfb_div, "clkop_div": pll.clkop_div},
        "ram_size": ram_size,
        "critical_path": path,
        "critical_path_summary": critical_path_summary(path, ROOT),
        "bitstream": str(build_dir / "top.bit"),
    }
    return report


def summary(report):
    """The table ``mkrv build`` prints at the end."""
    util = report.get("pnr_utilization") or {}
    avail = lambda name: util.get(name, (None, None))[1]     # noqa: E731
    rows = [("SoC", report)]
    if report.get("core"):
        rows.append(("core", report["core"]))
    cols = ("lut4", "ff", "bram", "dsp", "lutram")
    out = ["", f"{'':8}{'LUT4':>8}{'FF':>8}{'BRAM':>6}{'DSP':>6}{'LUTRAM':>8}"]
    for name, r in rows:
        out.append(f"{name:8}" + "".join(f"{r[c]:>{w}}" for c, w in zip(cols, (8, 8, 6, 6, 8))))
    device = [avail("TRELLIS_COMB"), avail("TRELLIS_FF"), avail("DP16KD"), avail("MULT18X18D")]
    if all(device):
        out.append(f"{'device':8}{device[0]:>8}{device[1]:>8}{device[2]:>6}{device[3]:>6}")
    verdict = "met" if report["timing_met"] else "NOT MET"
    out += ["",
            f"Fmax {report['fmax_mhz']:.2f} MHz for the {report['target_mhz']:g} MHz clock "
            f"({verdict}; clock net {report['clock']})"]
    gist = report.get("critical_path_summary")
    if not report["timing_met"] and gist:
        out.append(f"critical path: {gist['total_ns']} ns ({gist['logic_ns']} ns logic, "
                   f"{gist['routing_ns']} ns routing), see top.tim")
        out.append(f"  from {gist['from']}")
        out.append(f"  to   {gist['to']}")
        if gist["sources"]:
            out.append("  through " + ", ".join(f"{loc} (at {t:.1f} ns)"
                                                for loc, t in gist["sources"]))
    times = report.get("times_s") or {}
    total = f"; took {_mmss(times['total'])}" if "total" in times else ""
    out += [f"bitstream {report['bitstream']}{total}",
            f"firmware {report.get('firmware')} ({report.get('firmware_note')})", ""]
    return "\n".join(out)
