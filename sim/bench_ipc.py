"""``mkrv bench ipc``: the cost of IPC through call gates, through the kernel and of a call.

Runs the kernel's benchmark (``build/firmware/kernel.elf``, built by ``make firmware`` from
``firmware/kernel/``) on the RTL with :func:`sim.runner.run_elf` and parses what it prints:

- ``IPC-RESULT name value``: a measurement (cycles or instructions, median of the runs, minus
  the cost of the empty measurement ``rdcycle; rdcycle``);
- ``IPC-SKIP name reason``: a measurement the core could not run (no call-gate hardware);
- ``IPC-CHECK name ok|FAIL ...``: a functional check the kernel did first;
- ``IPC-DONE ok|FAIL``.

Nothing is built here. :func:`bench_ipc` returns an :class:`IPCBench`; :func:`format_table`
is the readable table, :meth:`IPCBench.as_dict` the JSON object, :func:`plot` the bar chart
(matplotlib). :func:`cli_bench_ipc` is what the ``mkrv bench ipc`` command runs.
"""

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from .build import BUILD_DIR
from .errors import SimError


__all__ = ["KERNEL_ELF", "REQUIRED", "BENCHMARKS", "IPCBench", "parse_output", "bench_ipc",
           "format_table", "plot", "cli_bench_ipc", "DEFAULT_IPC_MAX_CYCLES",
           "TARGET_XCALL_VS_CALL", "TARGET_SW_VS_XCALL"]


KERNEL_ELF = BUILD_DIR / "firmware" / "kernel.elf"
DEFAULT_IPC_MAX_CYCLES = 20_000_000

# What the JSON object always has (None when the core could not measure it).
REQUIRED = ["call_ret_cycles", "sw_ipc_roundtrip_cycles", "xcall_roundtrip_cycles",
            "xcall_miss_roundtrip_cycles"]

# Benchmark name (without _cycles/_instret) -> what one run executes, in table order.
BENCHMARKS = {
    "call_ret": "jal; add a0, a0, t0; ret (one address space)",
    "xcall_roundtrip": "xcall -> A: add; xret (CLB hit)",
    "xcall_nested_roundtrip": "client -> A -> B -> A -> client with xcall/xret",
    "xcall_miss_roundtrip": "xcall, CLB miss, kernel refill, xcall -> A: add; xret",
    "sw_ipc_roundtrip": "ecall -> kernel fast path -> A: add; ecall reply -> client",
    "sw_ipc_nested_roundtrip": "client -> A -> B -> A -> client through the kernel",
    "syscall_null": "ecall to the kernel's slow path (full save/restore) and back",
}

# The project's targets: an xcall round trip costs at most twice a call and return, and at
# least 20 times less than the software IPC round trip.
TARGET_XCALL_VS_CALL = 2.0
TARGET_SW_VS_XCALL = 20.0

_LINE = re.compile(r"^IPC-(RESULT|SKIP|CHECK|DONE)\s+(\S+)(?:\s+(.*))?$")


@dataclass
class IPCBench:
    """What the kernel measured.

    Members
    -------
    results : dict
        ``IPC-RESULT`` values by name (``call_ret_cycles``, ``call_ret_instret``, ...).
    skipped : dict
        Name -> reason, for what the core could not run.
    checks : dict
        Functional check -> ``"ok"`` or the failure message.
    done : bool
        The kernel got to its last line.
    status : str
        How the simulation ended (:class:`sim.runner.Result`'s status).
    cycles, instret : int
        The whole run's.
    seconds : float
        Wall-clock time of the simulation.
    output : str
        Everything the kernel printed.
    """
    results: dict
    skipped: dict
    checks: dict
    done: bool
    status: str = "pass"
    cycles: int = 0
    instret: int = 0
    seconds: float = 0.0
    output: str = field(default="", repr=False)

    def get(self, name):
        """A result in cycles (``call_ret``) or by full name; None when it is missing."""
        if name in self.results:
            return self.results[name]
        return self.results.get(f"{name}_cycles")

    @property
    def failed_checks(self):
        return {k: v for k, v in self.checks.items() if v != "ok"}

    @property
    def ok(self):
        return self.status == "pass" and self.done and not self.failed_checks

    def ratios(self):
        """The ratios the project tracks; None where a number is missing."""
        call, xcall = self.get("call_ret"), self.get("xcall_roundtrip")
        sw, miss = self.get("sw_ipc_roundtrip"), self.get("xcall_miss_roundtrip")
        return {
            "xcall_vs_call_ret": _ratio(xcall, call),
            "sw_ipc_vs_xcall": _ratio(sw, xcall),
            "sw_ipc_vs_call_ret": _ratio(sw, call),
            "xcall_miss_vs_xcall": _ratio(miss, xcall),
        }

    def targets(self):
        """Whether each target is met (None when it cannot be judged)."""
        r = self.ratios()
        return {
            "xcall_le_2x_call_ret": (None if r["xcall_vs_call_ret"] is None
                                     else r["xcall_vs_call_ret"] <= TARGET_XCALL_VS_CALL),
            "sw_ipc_ge_20x_xcall": (None if r["sw_ipc_vs_xcall"] is None
                                    else r["sw_ipc_vs_xcall"] >= TARGET_SW_VS_XCALL),
        }

    def as_dict(self):
        d = {"benchmark": "ipc"}
        for name in REQUIRED:
            d[name] = self.results.get(name)
        d.update(self.results)
        d["ratios"] = self.ratios()
        d["targets"] = self.targets()
        d["skipped"] = dict(self.skipped)
        d["checks"] = dict(self.checks)
        d["ok"] = self.ok
        d["sim"] = {"status": self.status, "cycles": self.cycles, "instret": self.instret,
                    "seconds": round(self.seconds, 3)}
        return d


def _ratio(a, b):
    if a is None or b is None or b == 0:
        return None
    return round(a / b, 2)


def parse_output(text):
    """Parse the kernel's output (str or bytes) into an :class:`IPCBench`."""
    if isinstance(text, bytes):
        text = text.decode("latin-1")
    results, skipped, checks, done = {}, {}, {}, False
    for raw in text.splitlines():
        m = _LINE.match(raw.strip())
        if not m:
            continue
        kind, name, rest = m.group(1), m.group(2), (m.group(3) or "").strip()
        if kind == "RESULT":
            try:
                results[name] = int(rest.split()[0])
            except (ValueError, IndexError):
                raise SimError(f"the kernel printed a malformed result: {raw.strip()!r}") from None
        elif kind == "SKIP":
            skipped[name] = rest
        elif kind == "CHECK":
            checks[name] = "ok" if rest == "ok" else rest
        else:
            done = True
            if name != "ok":
                checks.setdefault("done", name)
    return IPCBench(results=results, skipped=skipped, checks=checks, done=done, output=text)


def bench_ipc(elf=None, *, max_cycles=DEFAULT_IPC_MAX_CYCLES, log=None):
    """Run the kernel benchmark on the RTL; an :class:`IPCBench`.

    Raises
    ------
    SimError
        The ELF is missing (``make firmware`` builds it), or the simulation failed.
    """
    from .runner import run_elf

    path = Path(elf) if elf is not None else KERNEL_ELF
    if not path.is_file():
        raise SimError(f"{path} has not been built; run `make firmware` "
                       f"(or `make -C firmware`)")
    result = run_elf(path, max_cycles=max_cycles, stream=False, log=log)
    bench = parse_output(result.uart_output)
    bench.status = result.status
    bench.cycles = result.cycles
    bench.instret = result.instret
    bench.seconds = result.seconds
    if result.status == "timeout":
        raise SimError(f"the kernel benchmark did not finish: {result.message}")
    return bench


def _fmt(v):
    return "-" if v is None else str(v)


def format_table(bench):
    """The readable table: every benchmark, its ratio to call_ret, and the targets."""
    runs = bench.results.get("runs")
    lines = [f"IPC on the mkrv RTL: medians of {runs if runs else '?'} runs after warm-up, "
             f"cycles read with rdcycle in U-mode, minus the empty measurement "
             f"({_fmt(bench.results.get('measure_overhead_cycles'))} cycles)",
             "",
             f"{'benchmark':<25} {'cycles':>7} {'min':>6} {'max':>6} {'instret':>8} "
             f"{'x call':>7}  what one run executes"]
    call = bench.get("call_ret")
    for name, what in BENCHMARKS.items():
        c = bench.get(name)
        if c is None:
            reason = bench.skipped.get(f"{name}_cycles", "not measured")
            lines.append(f"{name:<25} {'-':>7} {'-':>6} {'-':>6} {'-':>8} {'-':>7}  ({reason})")
            continue
        x = _ratio(c, call)
        lines.append(f"{name:<25} {c:>7} {_fmt(bench.results.get(name + '_min_cycles')):>6} "
                     f"{_fmt(bench.results.get(name + '_max_cycles')):>6} "
                     f"{_fmt(bench.results.get(name + '_instret')):>8} "
                     f"{'-' if x is None else f'{x:.2f}':>7}  {what}")
    r, t = bench.ratios(), bench.targets()

    def verdict(v):
        return "n/a" if v is None else ("met" if v else "NOT met")

    lines += ["",
              f"xcall_roundtrip / call_ret         = "
              f"{_fmt(r['xcall_vs_call_ret'])}  (target <= {TARGET_XCALL_VS_CALL:g}: "
              f"{verdict(t['xcall_le_2x_call_ret'])})",
              f"sw_ipc_roundtrip / xcall_roundtrip = "
              f"{_fmt(r['sw_ipc_vs_xcall'])}  (target >= {TARGET_SW_VS_XCALL:g}: "
              f"{verdict(t['sw_ipc_ge_20x_xcall'])})",
              f"xcall_miss / xcall_roundtrip       = {_fmt(r['xcall_miss_vs_xcall'])}"]
    failed = bench.failed_checks
    if failed:
        lines.append("")
        lines += [f"CHECK FAILED: {k}: {v}" for k, v in failed.items()]
    return "\n".join(lines)


def plot(bench, path):
    """Write a bar chart of the round trips (cycles) to ``path`` (PNG, SVG, PDF...)."""
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        raise SimError("--plot needs matplotlib, which is not installed "
                       "(pip install matplotlib)") from None
    names = [n for n in BENCHMARKS if bench.get(n) is not None]
    if not names:
        raise SimError("nothing to plot: the kernel printed no result")
    values = [bench.get(n) for n in names]
    colors = ["#777777" if n == "call_ret" else "#1f77b4" if n.startswith("xcall")
              else "#d62728" for n in names]
    fig, ax = plt.subplots(figsize=(9, 4.5))
    bars = ax.bar(range(len(names)), values, color=colors)
    ax.set_xticks(range(len(names)))
    ax.set_xticklabels([n.replace("_roundtrip", "") for n in names], rotation=25, ha="right")
    ax.set_ylabel("cycles (median)")
    ax.set_yscale("log")
    ax.set_title("mkrv: call gates (blue) vs software IPC (red) vs call/return (grey)")
    for bar, v in zip(bars, values):
        ax.annotate(str(v), (bar.get_x() + bar.get_width() / 2, v), ha="center",
                    va="bottom", fontsize=9)
    fig.tight_layout()
    try:
        fig.savefig(path)
    except (OSError, ValueError) as e:
        raise SimError(f"cannot write the plot to {path}: {e}") from None
    finally:
        plt.close(fig)


def cli_bench_ipc(*, as_json=False, plot_path=None, elf=None,
                  max_cycles=DEFAULT_IPC_MAX_CYCLES, log=None, out=None):
    """``mkrv bench ipc``: print the table (or JSON), write the plot; the exit code (0 when
    the kernel's checks passed, 1 when one failed)."""
    import sys

    out = out or sys.stdout
    if log is not None:
        log(f"mkrv: running {elf or KERNEL_ELF} on the RTL")
    bench = bench_ipc(elf, max_cycles=max_cycles, log=log)
    if plot_path is not None:
        plot(bench, plot_path)
        if log is not None:
            log(f"mkrv: wrote {plot_path}")
    if as_json:
        out.write(json.dumps(bench.as_dict()) + "\n")
    else:
        out.write(format_table(bench) + "\n")
    out.flush()
    return 0 if bench.ok else 1
