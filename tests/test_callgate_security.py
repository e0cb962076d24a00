"""Security of the call gates and of the software IPC, on the kernel (firmware/kernel/).

``build/firmware/callgate_sec.elf`` (``make firmware``) runs every scenario in turn on the
kernel: the client and the servers attack the gates, the CLB, the link stacks and their CSRs,
and the kernel checks the trap it gets (cause, stval) and what the client gets back. Each
scenario prints ``SEC <name> PASS|FAIL|SKIP <detail>``; a scenario that crashed the system would
leave every later one unreported, so the final ``SEC-SUMMARY`` line is checked too.

The program is run once per module on the RTL (and once on spike, which has no call-gate
hardware: there the software-IPC scenarios run and the call-gate ones report SKIP). On a core
without the extension the call-gate tests skip; once it is there they must pass.
"""

import re
import shutil
import subprocess
from pathlib import Path

import pytest


ROOT = Path(__file__).resolve().parent.parent
ELF = ROOT / "build" / "firmware" / "callgate_sec.elf"
SPIKE_ARGS = ["--isa=rv64ima_zicsr_zifencei_zicntr", "--priv=msu", "--pmpregions=0",
              "-m0x80000000:0x1000000"]

CAUSE_ILLEGAL = 2
CAUSE_FETCH_PF, CAUSE_LOAD_PF, CAUSE_STORE_PF = 12, 13, 15
CAUSE_CLB_MISS, CAUSE_LINK_OVERFLOW, CAUSE_LINK_EMPTY = 24, 25, 26

# Scenario -> the trap cause it must report (None: no single cause to check).
SOFTWARE = {
    "sw_call_nogate": None,
    "sw_call_wide_index": None,
    "sw_call_other_domains_gate": None,
    "sw_reply_empty": None,
    "sw_link_overflow": None,
    "sw_callee_writes_link_stack": CAUSE_STORE_PF,
    "sw_callee_jumps_to_caller": CAUSE_FETCH_PF,
    "sw_top_level_fault_kills": CAUSE_STORE_PF,
    "sw_still_running": None,
}

CALL_GATES = {
    "m_mode_custom_insns_illegal": None,   # xcall/xret: mcause 2; clb.fill/inval: no trap
    "xcall_works": None,
    "xcall_nogate": CAUSE_CLB_MISS,
    "xcall_wide_index_never_hits": CAUSE_CLB_MISS,
    "xcall_other_domains_gate": CAUSE_CLB_MISS,
    "xret_link_empty": CAUSE_LINK_EMPTY,
    "xcall_link_overflow": CAUSE_LINK_OVERFLOW,
    **{f"u_{op}_{csr:#x}": CAUSE_ILLEGAL
       for csr in (0x5C0, 0x5C1, 0x5C2, 0x5C4, 0x5C5, 0x5C6) for op in ("csrr", "csrw")},
    "u_clb_fill": CAUSE_ILLEGAL,
    "u_clb_inval": CAUSE_ILLEGAL,
    "u_clb_inval_all": CAUSE_ILLEGAL,
    "clb_caches_gate": None,
    "clb_stale_until_invalidated": None,
    "clb_inval_then_miss": None,
    "clb_revoked_gate_refused": None,
    "callee_writes_link_stack": CAUSE_STORE_PF,
    "callee_reads_link_stack": CAUSE_LOAD_PF,
    "callee_writes_xlsptr": CAUSE_ILLEGAL,
    "callee_jumps_to_caller": CAUSE_FETCH_PF,
    "xcall_still_running": None,
}

# Scenarios where the RTL departs from docs/isa/callgate.md (reported; strict xfail, so a
# fix makes the test fail until the entry is removed here).
KNOWN_RTL_DEVIATIONS = {}

_SEC = re.compile(r"^SEC (\S+) (PASS|FAIL|SKIP)\s*(.*)$")
_SUMMARY = re.compile(r"^SEC-SUMMARY pass=(\d+) fail=(\d+) skip=(\d+)$")


class SecRun:
    def __init__(self, text, ended):
        self.text = text
        self.ended = ended              # how the run ended, for messages
        self.scenarios = {}
        self.summary = None
        self.has_hardware = "call-gate hardware: yes" in text
        for line in text.splitlines():
            m = _SEC.match(line.strip())
            if m:
                self.scenarios[m.group(1)] = (m.group(2), m.group(3))
            m = _SUMMARY.match(line.strip())
            if m:
                self.summary = tuple(int(g) for g in m.groups())

    def check(self, name, cause):
        if name not in self.scenarios and not self.has_hardware and name.startswith("u_csr"):
            assert self.scenarios.get("u_csr", ("?",))[0] == "SKIP"
            pytest.skip("no call-gate hardware in this core")
        assert name in self.scenarios, (f"scenario {name} did not report ({self.ended}); "
                                        f"output:\n{self.text[-3000:]}")
        status, detail = self.scenarios[name]
        if status == "SKIP":
            assert not self.has_hardware
            pytest.skip("no call-gate hardware in this core")
        assert status == "PASS", f"{name}: {detail}\n{self._context(name)}"
        if cause is not None:
            m = re.search(r"cause=(\d+)", detail)
            assert m and int(m.group(1)) == cause, f"{name}: expected cause {cause}: {detail}"

    def _context(self, name):
        lines = self.text.splitlines()
        for i, line in enumerate(lines):
            if line.startswith(f"SEC {name} "):
                return "\n".join(lines[max(0, i - 4):i + 1])
        return ""


def _elf():
    if not ELF.exists():
        pytest.skip(f"{ELF.relative_to(ROOT)} is missing: build the firmware first "
                    f"with `make firmware` (`make test` does)")
    return ELF


@pytest.fixture(scope="module")
def rtl():
    from sim.runner import run_elf

    result = run_elf(_elf(), max_cycles=5_000_000, stream=False)
    run = SecRun(result.uart_output.decode("latin-1"), result.message)
    run.result = result
    return run


@pytest.fixture(scope="module")
def spike():
    exe = ROOT / ".venv" / "bin" / "spike"
    exe = str(exe) if exe.exists() else shutil.which("spike")
    if exe is None:
        pytest.skip("spike is not installed (scripts/setup.sh installs it into .venv)")
    proc = subprocess.run([exe, *SPIKE_ARGS, str(_elf())], capture_output=True, text=True,
                          timeout=60)
    run = SecRun(proc.stdout, f"exit code {proc.returncode}")
    run.returncode = proc.returncode
    return run


# ------------------------------------------------------------------------------ the RTL

def test_rtl_runs_to_the_end(rtl):
    """Every scenario ran and the system survived them all (the summary is the last line);
    the only failures are the known deviations, each tested (xfail) below."""
    assert rtl.summary is not None, f"no summary ({rtl.ended}):\n{rtl.text[-3000:]}"
    failed = {n for n, (status, _) in rtl.scenarios.items() if status == "FAIL"}
    assert failed <= set(KNOWN_RTL_DEVIATIONS), rtl.text
    assert rtl.summary[1] == len(failed)
    assert rtl.result.status == ("pass" if not failed else "fail"), rtl.ended


@pytest.mark.parametrize("name", SOFTWARE)
def test_rtl_software_ipc(rtl, name):
    rtl.check(name, SOFTWARE[name])


@pytest.mark.parametrize("name", [
    pytest.param(n, marks=pytest.mark.xfail(reason=KNOWN_RTL_DEVIATIONS[n], strict=True))
    if n in KNOWN_RTL_DEVIATIONS else n
    for n in CALL_GATES])
def test_rtl_call_gates(rtl, name):
    rtl.check(name, CALL_GATES[name])


def test_rtl_every_scenario_reported(rtl):
    """The firmware and this file list the same scenarios."""
    names = set(rtl.scenarios)
    if not rtl.has_hardware:
        names.discard("u_csr")
        expected = set(SOFTWARE) | {n for n in CALL_GATES if not n.startswith("u_csr")}
    else:
        expected = set(SOFTWARE) | set(CALL_GATES)
    assert names == expected


# ------------------------------------------------------------------------------ spike

def test_spike_runs_to_the_end(spike):
    assert spike.returncode == 0, spike.text[-3000:]
    assert spike.summary is not None and spike.summary[1] == 0


@pytest.mark.parametrize("name", SOFTWARE)
def test_spike_software_ipc(spike, name):
    spike.check(name, SOFTWARE[name])


def test_spike_skips_call_gates(spike):
    """Spike has no call-gate extension: the kernel must notice and skip, not crash."""
    assert not spike.has_hardware
    for name in CALL_GATES:
        if name.startswith("u_csr"):
            continue
        assert spike.scenarios[name][0] == "SKIP"
