"""Parsing the tools' results (boards.report), on excerpts saved from a real ULX3S build.

tests/fixtures/fpga/ holds, from ``mkrv build --board ulx3s-85f --freq 50`` with YoWASP
yosys 0.70 and nextpnr-ecp5 0.11.1:

- ``nextpnr-ulx3s-85f.log``: parts of ``top.tim`` (derived constraints, utilisation, the
  Fmax after placement and after routing, the start and the end of the critical path);
- ``nextpnr-report-ulx3s-85f.json``: ``top.report.json`` (``--report``), each critical path
  cut to its first and last three segments;
- ``yosys-stat-ulx3s-85f.json``: ``top.stat.json`` (``stat -json``);
- ``yosys-stats-ulx3s-85f.log``: the ``Printing statistics`` section of ``top.rpt``.
"""

import json
from pathlib import Path

import pytest

from boards.report import (ReportError, cell_counts_from_stat_json, cell_counts_from_yosys_log,
                           critical_path_from_log, critical_path_summary, fmax_from_log,
                           fmax_from_report, resources, utilization_from_log,
                           utilization_from_report)


FIXTURES = Path(__file__).parent / "fixtures" / "fpga"
CLOCK = "$glbnet$pll.clk_out"


def fixture(name):
    return (FIXTURES / name).read_text()


SOC_CELLS = {"CCU2C": 1280, "DP16KD": 128, "EHXPLLL": 1, "L6MUX21": 676, "LUT4": 9513,
             "MULT18X18D": 16, "PFUMX": 2185, "TRELLIS_DPR16X4": 68, "TRELLIS_FF": 2461,
             "TRELLIS_IO": 12}


def test_stat_json():
    assert cell_counts_from_stat_json(fixture("yosys-stat-ulx3s-85f.json")) == SOC_CELLS


def test_stat_json_modules_only():
    text = json.dumps({"modules": {"\\a": {"num_cells_by_type": {"LUT4": 3, "$scopeinfo": 1}},
                                   "\\b": {"num_cells_by_type": {"LUT4": 2, "CCU2C": 1}}}})
    assert cell_counts_from_stat_json(text) == {"LUT4": 5, "CCU2C": 1}


def test_stat_json_bad():
    with pytest.raises(ReportError, match=r"^yosys stat output is not JSON"):
        cell_counts_from_stat_json("Printing statistics.")
    with pytest.raises(ReportError, match=r"^yosys stat output has no cell counts$"):
        cell_counts_from_stat_json("{}")


def test_yosys_log_stats():
    # The log has what stat -json has (the ECP5 primitives).
    assert cell_counts_from_yosys_log(fixture("yosys-stats-ulx3s-85f.log")) == SOC_CELLS


def test_yosys_log_old_layout():
    text = ("2.50. Printing statistics.\n\n=== top ===\n\n   Number of cells:  12\n"
            "     LUT4                           10\n     TRELLIS_FF                      2\n\n"
            "2.51. Executing CHECK pass\n")
    assert cell_counts_from_yosys_log(text) == {"LUT4": 10, "TRELLIS_FF": 2}


def test_yosys_log_without_stats():
    with pytest.raises(ReportError, match=r"^yosys log has no statistics$"):
        cell_counts_from_yosys_log("End of script.")


def test_resources():
    assert resources(SOC_CELLS) == {"lut4": 9513 + 2 * 1280, "ff": 2461, "bram": 128,
                                    "dsp": 16, "lutram": 68}
    assert resources({}) == {"lut4": 0, "ff": 0, "bram": 0, "dsp": 0, "lutram": 0}


def test_fmax_from_report():
    report = json.loads(fixture("nextpnr-report-ulx3s-85f.json"))
    timing = fmax_from_report(report, 50)
    assert timing["clock"] == CLOCK
    assert timing["fmax_mhz"] == pytest.approx(22.6958, abs=1e-3)
    assert timing["constraint_mhz"] == 50
    # Its text works too.
    assert fmax_from_report(fixture("nextpnr-report-ulx3s-85f.json"))["clock"] == CLOCK


def test_fmax_from_log_takes_the_last():
    # After placement 16.34 MHz; after routing (a Warning: line, as timing failed) 22.70.
    timing = fmax_from_log(fixture("nextpnr-ulx3s-85f.log"), 50)
    assert timing == {"clock": CLOCK, "fmax_mhz": 22.70, "constraint_mhz": 50.0,
                      "clocks": {CLOCK: (22.70, 50.0)}}


def test_fmax_picks_the_main_clock():
    text = ("Info: Max frequency for clock 'clk25_0__io': 250.00 MHz (PASS at 25.00 MHz)\n"
            "Info: Max frequency for clock '$glbnet$sync': 61.20 MHz (PASS at 60.00 MHz)\n")
    assert fmax_from_log(text, 60)["clock"] == "$glbnet$sync"
    assert fmax_from_log(text, 25)["clock"] == "clk25_0__io"
    # Unconstrained (old nextpnr): no verdict; the slowest clock.
    assert fmax_from_log("Info: Max frequency for clock 'clk': 41.5 MHz\n")["fmax_mhz"] == 41.5


def test_fmax_none():
    with pytest.raises(ReportError, match=r"^nextpnr reported no clock$"):
        fmax_from_log("Info: Program finished normally.\n", 50)


def test_utilization():
    from_log = utilization_from_log(fixture("nextpnr-ulx3s-85f.log"))
    from_report = utilization_from_report(fixture("nextpnr-report-ulx3s-85f.json"))
    assert from_log["TRELLIS_COMB"] == (12717, 83640)
    assert from_log["DP16KD"] == (128, 208)
    assert from_log["MULT18X18D"] == (16, 156)
    assert from_log["TRELLIS_FF"] == (2461, 83640)
    for name, used in from_log.items():
        assert from_report[name] == used, name


def test_utilization_missing():
    with pytest.raises(ReportError, match=r"^nextpnr log has no device utilisation$"):
        utilization_from_log("Info: Program finished normally.\n")


def test_critical_path():
    lines = critical_path_from_log(fixture("nextpnr-ulx3s-85f.log"), CLOCK)
    assert lines[0] == f"Critical path report for clock '{CLOCK}' (posedge -> posedge):"
    assert lines[-1] == "8.26 ns logic, 35.81 ns routing"
    # Cross-domain reports (I/O) are not the clock's.
    assert not any("pin_uart_0__rx" in line for line in lines)
    assert critical_path_from_log("Info: Program finished normally.\n") == []


def test_critical_path_summary():
    lines = critical_path_from_log(fixture("nextpnr-ulx3s-85f.log"), CLOCK)
    gist = critical_path_summary(lines, root="/work/main")
    assert gist["from"] == "soc.core.wp__addr_TRELLIS_FF_Q_4.Q"
    assert gist["to"] == "soc.ram.mem.1.34.ADB5"
    assert (gist["total_ns"], gist["logic_ns"], gist["routing_ns"]) == (44.06, 8.26, 35.81)
    assert gist["sources"] == [("rtl/core/csr.py:212", 33.5)]
    assert critical_path_summary([]) is None


def test_routing_progress(tmp_path):
    """The status line follows nextpnr's log: phases, then the routers' own progress."""
    from boards.build import _NEXTPNR_PHASES, _phase

    log = tmp_path / "top.tim"
    log.write_text("Info: Packing IOs..\nInfo: Running simulated annealing placer for "
                   "refinement.\n")
    phase, seen = _phase(log, _NEXTPNR_PHASES, None, 0)
    assert phase == "placing (annealing)"
    # router1 (lines as in a real top.tim), the last row cut off mid-line.
    with open(log, "a") as f:
        f.write("Info: Routing globals...\nInfo: Routing 94844 arcs.\n"
                "Info:            |   (re-)routed arcs  |   delta    | remaining|       time "
                "spent     |\n"
                "Info:    IterCnt |  w/ripup   wo/ripup |  w/r  wo/r |      arcs| batch(sec) "
                "total(sec)|\n"
                "Info:     297000 |    90593     203349 |  394   583 |     19411|       3.91"
                "     937.01|\n"
                "Info:     298000 |    90933     203928 |  340   579 |     18960|       2.86"
                "     939.87|\n"
                "Info:     299000 |    91")
    phase, seen = _phase(log, _NEXTPNR_PHASES, phase, seen)
    assert phase == "routing, 18960 arcs left"
    with open(log, "a") as f:
        f.write("200     204500 |  300   570 |     18500|       2.00     941.87|\n")
    phase, seen = _phase(log, _NEXTPNR_PHASES, phase, seen)
    assert phase == "routing, 18500 arcs left"
    phase, seen = _phase(log, _NEXTPNR_PHASES, phase, seen)   # nothing new: kept
    assert phase == "routing, 18500 arcs left"
    with open(log, "a") as f:
        f.write("Info: Critical path report for clock 'pll.clk_out' (posedge -> posedge):\n")
    assert _phase(log, _NEXTPNR_PHASES, phase, seen)[0] == "timing"

    log2 = tmp_path / "router2.tim"
    log2.write_text("Info: Running router2...\nInfo: Setting up routing resources...\n"
                    "Info:     iter=1 wires=398927 overused=33884 overuse=40792 archfail=NA\n"
                    "Info:     iter=2 wires=410314 overused=24157 overuse=26418 archfail=NA\n")
    assert _phase(log2, _NEXTPNR_PHASES, None, 0)[0] == \
        "routing, iteration 2, 24157 wires overused"
