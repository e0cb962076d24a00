"""Reading the tools' results: yosys's cell counts, nextpnr's Fmax, utilisation and critical path.

Every parser takes text (or parsed JSON) and returns plain data, so the tests run them on
saved excerpts of real logs (tests/fixtures/fpga/). Each prefers the machine-readable form
(``stat -json``, nextpnr's ``--report``) and falls back on the log, whose format changes more
between versions.

Resource counts (:func:`resources`), from the ECP5 cells yosys maps to:

``lut4``
    Logic LUT4s: ``LUT4`` cells plus two per carry cell (``CCU2C`` is two LUT4s and a carry).
``ff``
    ``TRELLIS_FF`` flip-flops.
``bram``
    Block RAMs (``DP16KD``, ``PDPW16KD``), 18 kbit each.
``dsp``
    ``MULT18X18D`` multipliers (and ``ALU54B``, which yosys does not infer).
``lutram``
    ``TRELLIS_DPR16X4`` distributed RAMs (16x4 bits, each one slice's LUTs).
"""

import json
import re


__all__ = ["cell_counts_from_stat_json", "cell_counts_from_yosys_log", "resources",
           "fmax_from_report", "fmax_from_log", "utilization_from_report",
           "utilization_from_log", "critical_path_from_log", "critical_path_sources",
           "critical_path_summary",
           "ReportError"]


class ReportError(ValueError):
    """A tool's output did not say what was looked for."""


# ECP5 primitives whose counts matter; the rest (PFUMX, L6MUX21: LUT combiners inside a
# slice) are kept in the cell counts but not summarised.
PRIMITIVES = {"LUT4", "CCU2C", "TRELLIS_FF", "DP16KD", "PDPW16KD", "MULT18X18D", "ALU54B",
              "TRELLIS_DPR16X4", "PFUMX", "L6MUX21", "EHXPLLL", "TRELLIS_IO"}


def cell_counts_from_stat_json(text):
    """Cell counts by type from the output of yosys ``stat -json``.

    Returns a dict of cell type to count for the whole design (the ``design`` totals, or the
    sum over modules if there are none).
    """
    try:
        data = json.loads(text)
    except ValueError as e:
        raise ReportError(f"yosys stat output is not JSON ({e})") from None
    design = data.get("design") if isinstance(data, dict) else None
    if isinstance(design, dict) and isinstance(design.get("num_cells_by_type"), dict):
        cells = design["num_cells_by_type"]
    else:
        cells = {}
        for module in (data.get("modules") or {}).values():
            for name, n in (module.get("num_cells_by_type") or {}).items():
                cells[name] = cells.get(name, 0) + n
        if not cells:
            raise ReportError("yosys stat output has no cell counts")
    return {name: int(n) for name, n in cells.items() if not name.startswith("$")}


_STAT_LINE = re.compile(r"^\s*(\d+)\s+([A-Za-z_][A-Za-z0-9_]*)\s*$")
_STAT_LINE_OLD = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*)\s+(\d+)\s*$")


def cell_counts_from_yosys_log(text):
    """Cell counts of ECP5 primitives from the last ``Printing statistics`` of a yosys log.

    Understands both the layout of yosys 0.5x and later (``  7858   LUT4``) and the older
    one (``     LUT4    7858``). Later counts in the section (the design totals) win.
    """
    start = text.rfind("Printing statistics")
    if start < 0:
        raise ReportError("yosys log has no statistics")
    end = text.find("Executing", start)
    cells = {}
    for line in text[start:end if end >= 0 else None].splitlines():
        if m := _STAT_LINE.match(line):
            n, name = m.groups()
        elif m := _STAT_LINE_OLD.match(line):
            name, n = m.groups()
        else:
            continue
        if name in PRIMITIVES:
            cells[name] = int(n)
    if not cells:
        raise ReportError("yosys statistics list no ECP5 cells")
    return cells


def resources(cells):
    """The summary counts (see the module's doc) from a dict of cell counts."""
    n = lambda name: cells.get(name, 0)     # noqa: E731
    return {
        "lut4": n("LUT4") + 2 * n("CCU2C"),
        "ff": n("TRELLIS_FF"),
        "bram": n("DP16KD") + n("PDPW16KD"),
        "dsp": n("MULT18X18D") + n("ALU54B"),
        "lutram": n("TRELLIS_DPR16X4"),
    }


def _pick_clock(fmax, target_mhz):
    """The main clock among ``{name: (achieved, constraint)}``: the constraint nearest the
    target, then the slowest."""
    if not fmax:
        raise ReportError("nextpnr reported no clock")

    def key(item):
        name, (achieved, constraint) = item
        off = abs(constraint - target_mhz) if (constraint and target_mhz) else 0
        return (off, achieved)
    name, (achieved, constraint) = min(fmax.items(), key=key)
    return {"clock": name, "fmax_mhz": achieved, "constraint_mhz": constraint}


def fmax_from_report(report, target_mhz=None):
    """Fmax of the main clock from nextpnr's ``--report`` JSON (parsed, or its text).

    Returns ``{"clock", "fmax_mhz", "constraint_mhz", "clocks"}``, ``clocks`` being every
    clock's ``(achieved, constraint)``.
    """
    if isinstance(report, str):
        try:
            report = json.loads(report)
        except ValueError as e:
            raise ReportError(f"nextpnr report is not JSON ({e})") from None
    fmax = {}
    for name, entry in (report.get("fmax") or {}).items():
        try:
            fmax[name] = (float(entry["achieved"]), float(entry.get("constraint") or 0))
        except (KeyError, TypeError, ValueError):
            continue
    result = _pick_clock(fmax, target_mhz)
    result["clocks"] = fmax
    return result


# Info: Max frequency for clock '$glbnet$clk': 62.34 MHz (PASS at 50.00 MHz)
# Info: Max frequency for clock             'clk': 36.42 MHz (FAIL at 50.00 MHz)
_FMAX = re.compile(r"Max frequency for clock\s+'(?P<name>[^']*)':\s*(?P<achieved>[\d.]+)\s*MHz"
                   r"(?:\s*\((?P<verdict>PASS|FAIL)\s+at\s+(?P<constraint>[\d.]+)\s*MHz\))?")


def fmax_from_log(text, target_mhz=None):
    """Fmax of the main clock from a nextpnr log: the last report (after routing) wins.

    Returns the same as :func:`fmax_from_report`.
    """
    fmax = {}
    for m in _FMAX.finditer(text):
        fmax[m["name"]] = (float(m["achieved"]), float(m["constraint"] or 0))
    result = _pick_clock(fmax, target_mhz)
    result["clocks"] = fmax
    return result


def utilization_from_report(report):
    """``{cell type: (used, available)}`` from nextpnr's ``--report`` JSON."""
    if isinstance(report, str):
        report = json.loads(report)
    util = {}
    for name, entry in (report.get("utilization") or {}).items():
        try:
            util[name] = (int(entry["used"]), int(entry["available"]))
        except (KeyError, TypeError, ValueError):
            continue
    if not util:
        raise ReportError("nextpnr report has no utilisation")
    return util


# Info: 	        TRELLIS_COMB:   12717/  83640    15%
_UTIL = re.compile(r"^(?:Info|Warning):\s+([A-Za-z0-9_]+):\s*(\d+)\s*/\s*(\d+)\s+\d+%\s*$")


def utilization_from_log(text):
    """``{cell type: (used, available)}`` from the last ``Device utilisation`` of a log."""
    start = max(text.rfind("Device utilisation"), text.rfind("Device utilization"))
    if start < 0:
        raise ReportError("nextpnr log has no device utilisation")
    util = {}
    for line in text[start:].splitlines()[1:]:
        m = _UTIL.match(line)
        if m is None:
            break
        util[m[1]] = (int(m[2]), int(m[3]))
    if not util:
        raise ReportError("nextpnr log lists no utilisation")
    return util


# The end of a path report: "Info: 8.26 ns logic, 35.81 ns routing" (nextpnr 0.6 and later),
# "Info: Total path delay: ..." before.
_PATH_END = re.compile(r"^\S+:\s+(?:[\d.]+ ns logic, [\d.]+ ns routing|Total path delay.*)$",
                       re.MULTILINE)
_PATH_HEADER = re.compile(r"Critical path report for (?:clock '(?P<clock>[^']*)'|"
                          r"cross-domain path)[^\n]*")


def critical_path_from_log(text, clock=None):
    """The last critical path report of a nextpnr log (for ``clock``, if given).

    Returns its lines without the ``Info: `` prefixes, from the header to the line that
    sums up the delay; an empty list if the log has none.
    """
    blocks = []
    for m in _PATH_HEADER.finditer(text):
        if m["clock"] is None or (clock is not None and m["clock"] != clock):
            continue
        end = _PATH_END.search(text, m.end())
        if end is None:
            continue
        blocks.append(text[m.start():end.end()])
    if not blocks:
        return []
    return [re.sub(r"^(?:Info|Warning):\s?", "", line).rstrip()
            for line in blocks[-1].splitlines() if line.strip()]


def critical_path_summary(lines, root=None):
    """The gist of a path from :func:`critical_path_from_log`: ``{"from", "to", "total_ns",
    "logic_ns", "routing_ns", "sources"}``; ``sources`` are :func:`critical_path_sources`
    made relative to ``root`` (a path prefix) when given. None for an empty path."""
    if not lines:
        return None
    cells = [m[1] for line in lines if (m := re.search(r"\bSource (\S+)", line))]
    totals = [float(m[1]) for line in lines
              if (m := re.match(r"^\s*(?:clk-to-q|routing|logic|setup|source)\s+[\d.]+\s+"
                                r"([\d.]+)\s", line))]
    split = re.search(r"([\d.]+) ns logic, ([\d.]+) ns routing", lines[-1])
    prefix = (str(root).rstrip("/") + "/") if root else None
    sources = [(loc[len(prefix):] if prefix and loc.startswith(prefix) else loc, t)
               for loc, t in critical_path_sources(lines)]
    return {
        "from": cells[0] if cells else None,
        "to": cells[-1] if cells else None,
        "total_ns": totals[-1] if totals else None,
        "logic_ns": float(split[1]) if split else None,
        "routing_ns": float(split[2]) if split else None,
        "sources": sources,
    }


def critical_path_sources(lines):
    """Where in the design a critical path goes: the ``Defined in`` source locations of the
    project's own files (not the tools' cell libraries), in path order, each with the
    cumulative delay (ns) at its first appearance.

    Returns a list of ``(location, total_ns)``.
    """
    out, seen, total = [], set(), 0.0
    for i, line in enumerate(lines):
        m = re.match(r"^\s*(?:clk-to-q|routing|logic|setup|source)\s+[\d.]+\s+([\d.]+)\s", line)
        if m:
            total = float(m[1])
            continue
        loc = line.strip()
        if re.match(r"^\S+\.py:\d+", loc) and loc not in seen:
            seen.add(loc)
            out.append((loc, total))
    return out
