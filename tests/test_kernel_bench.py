"""sim/bench_ipc.py on made-up kernel output: parsing, the table, the JSON object, the plot.

No simulation here (tests/test_kernel.py runs the kernel on the RTL).
"""

import io
import json

import pytest

from sim import bench_ipc as bi
from sim.errors import SimError


OUTPUT = """\
mkrv kernel: call gates (xcall/xret) vs software IPC vs a function call
call-gate hardware: yes (medeleg bits 24..26 writable)
IPC-CHECK sw_call ok
IPC-CHECK xcall ok
some table line that is not parsed
IPC-RESULT runs 101
IPC-RESULT measure_overhead_cycles 1
IPC-RESULT call_ret_cycles 4
IPC-RESULT call_ret_instret 3
IPC-RESULT call_ret_min_cycles 4
IPC-RESULT call_ret_max_cycles 5
IPC-RESULT xcall_roundtrip_cycles 6
IPC-RESULT xcall_roundtrip_instret 3
IPC-RESULT xcall_miss_roundtrip_cycles 70
IPC-RESULT sw_ipc_roundtrip_cycles 150
IPC-RESULT sw_ipc_roundtrip_instret 60
IPC-DONE ok
"""

NO_HW = """\
IPC-RESULT runs 101
IPC-RESULT call_ret_cycles 4
IPC-RESULT sw_ipc_roundtrip_cycles 79
IPC-SKIP xcall_roundtrip_cycles no call-gate hardware
IPC-SKIP xcall_miss_roundtrip_cycles no call-gate hardware
IPC-CHECK sw_call ok
IPC-DONE ok
"""


def test_parse():
    b = bi.parse_output(OUTPUT.encode())
    assert b.done and b.ok
    assert b.results["call_ret_cycles"] == 4
    assert b.get("xcall_roundtrip") == 6
    assert b.get("xcall_roundtrip_instret") == 3
    assert b.checks == {"sw_call": "ok", "xcall": "ok"}
    assert b.get("xcall_nested_roundtrip") is None


def test_parse_failures():
    b = bi.parse_output("IPC-CHECK xcall FAIL: got 0x1, expected 0x2\nIPC-DONE FAIL\n")
    assert not b.ok
    assert b.failed_checks["xcall"] == "FAIL: got 0x1, expected 0x2"
    assert not bi.parse_output("IPC-RESULT call_ret_cycles 4\n").ok      # never finished
    with pytest.raises(SimError):
        bi.parse_output("IPC-RESULT call_ret_cycles four\n")


def test_ratios_and_targets():
    b = bi.parse_output(OUTPUT)
    r = b.ratios()
    assert r["xcall_vs_call_ret"] == 1.5
    assert r["sw_ipc_vs_xcall"] == 25.0
    assert r["xcall_miss_vs_xcall"] == 11.67
    assert b.targets() == {"xcall_le_2x_call_ret": True, "sw_ipc_ge_20x_xcall": True}
    b = bi.parse_output(NO_HW)
    assert b.ratios()["xcall_vs_call_ret"] is None
    assert b.targets() == {"xcall_le_2x_call_ret": None, "sw_ipc_ge_20x_xcall": None}


def test_table():
    text = bi.format_table(bi.parse_output(OUTPUT))
    assert "medians of 101 runs" in text
    lines = {}
    for line in text.splitlines():
        if line.strip():
            lines.setdefault(line.split()[0], line)     # the table comes before the ratios
    assert lines["call_ret"].split()[1:6] == ["4", "4", "5", "3", "1.00"]
    assert lines["xcall_roundtrip"].split()[1] == "6"
    assert "(not measured)" in lines["xcall_nested_roundtrip"]
    assert "target <= 2: met" in text and "target >= 20: met" in text
    text = bi.format_table(bi.parse_output(NO_HW))
    assert "(no call-gate hardware)" in text and "n/a" in text


def test_json():
    d = bi.parse_output(NO_HW).as_dict()
    json.dumps(d)
    for name in bi.REQUIRED:
        assert name in d
    assert d["xcall_roundtrip_cycles"] is None
    assert d["call_ret_cycles"] == 4
    assert d["skipped"]["xcall_roundtrip_cycles"] == "no call-gate hardware"


def test_cli(monkeypatch, tmp_path):
    monkeypatch.setattr(bi, "bench_ipc", lambda *a, **k: bi.parse_output(OUTPUT))
    out = io.StringIO()
    assert bi.cli_bench_ipc(out=out) == 0
    assert "xcall_roundtrip" in out.getvalue()
    out = io.StringIO()
    assert bi.cli_bench_ipc(as_json=True, out=out) == 0
    assert json.loads(out.getvalue())["xcall_roundtrip_cycles"] == 6
    monkeypatch.setattr(bi, "bench_ipc", lambda *a, **k: bi.parse_output("IPC-DONE FAIL\n"))
    assert bi.cli_bench_ipc(out=io.StringIO()) == 1


def test_plot(tmp_path):
    pytest.importorskip("matplotlib")
    path = tmp_path / "ipc.png"
    bi.plot(bi.parse_output(OUTPUT), path)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with pytest.raises(SimError):
        bi.plot(bi.parse_output("IPC-DONE ok\n"), tmp_path / "empty.png")


def test_plot_without_matplotlib(monkeypatch, tmp_path):
    import builtins

    real_import = builtins.__import__

    def fake_import(name, *args, **kwargs):
        if name.startswith("matplotlib"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake_import)
    with pytest.raises(SimError, match="needs matplotlib"):
        bi.plot(bi.parse_output(OUTPUT), tmp_path / "x.png")


def test_missing_elf(tmp_path):
    with pytest.raises(SimError, match="make firmware"):
        bi.bench_ipc(tmp_path / "nope.elf")
