"""Recording every retirement of a program on the RTL (the SoC in Verilator, under cocotb).

:func:`record` runs a checked program (:func:`sim.elf.load_elf`) on the cached Verilator model
(:mod:`sim.build`) with the cocotb test :mod:`sim.verify.cocotb_rvfi` and returns its RVFI
retirements, in order, as :class:`Retirement` tuples, with a :class:`sim.runner.Result`.
"""

import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import NamedTuple

from rtl.soc.memmap import DEFAULT_RAM_SIZE

from ..build import BUILD_DIR, TOPLEVEL, build_model
from ..elf import write_hex
from ..errors import SimError
from ..runner import Result, _status, _tail
from .cocotb_rvfi import RECORD


__all__ = ["Retirement", "record"]


class Retirement(NamedTuple):
    """One RVFI retirement (see :mod:`rtl.core.rvfi` for the meaning of each field)."""
    pc_rdata: int
    pc_wdata: int
    insn: int
    flags: int       # trap | intr << 1 | mode << 2 | csr_we << 4
    rd_addr: int
    rd_wdata: int
    mem_addr: int
    mem_rmask: int
    mem_wmask: int
    mem_rdata: int
    mem_wdata: int
    csr_addr: int
    csr_wdata: int
    cycle: int

    @property
    def trap(self):
        return bool(self.flags & 1)

    @property
    def intr(self):
        return bool(self.flags & 2)

    @property
    def mode(self):
        return self.flags >> 2 & 3

    @property
    def csr_we(self):
        return bool(self.flags & 16)


def record(program, *, max_cycles, ram_size=DEFAULT_RAM_SIZE, log=None):
    """Run ``program`` (a :class:`sim.elf.Program`) on the SoC and record its retirements.

    Returns ``(retirements, result)``: a list of :class:`Retirement` (ending with the store to
    ``tohost``, unless the cycle limit came first) and a :class:`sim.runner.Result`.
    """
    model = build_model(ram_size, log=log)
    run_root = BUILD_DIR / "run"
    run_root.mkdir(parents=True, exist_ok=True)
    run_dir = Path(tempfile.mkdtemp(dir=run_root, prefix=Path(program.path).stem + "-rvfi-"))
    keep = False
    try:
        image = run_dir / "ram.hex"
        write_hex(program, image)
        results = run_dir / "results.json"
        rvfi = run_dir / "rvfi.bin"
        sim_log = run_dir / "sim.log"
        cfg = {
            "tohost": program.tohost,
            "max_cycles": max_cycles,
            "results": str(results),
            "record": str(rvfi),
            "log": str(sim_log),
        }
        config = run_dir / "config.json"
        config.write_text(json.dumps(cfg))
        _simulate(model, run_dir, image, config, sim_log)
        if not results.exists():
            keep = True
            tail = _tail(sim_log)
            raise SimError(f"the simulation ended without results{': ' + tail if tail else ''}"
                           f" (log: {sim_log})")
        with open(results) as f:
            r = json.load(f)
        data = rvfi.read_bytes()
        data = data[:len(data) - len(data) % RECORD.size]
        retirements = [Retirement(*fields) for fields in RECORD.iter_unpack(data)]
    finally:
        if not keep:
            shutil.rmtree(run_dir, ignore_errors=True)
    tohost = r["tohost"] if r["event"] == "tohost" else None
    last_pc = retirements[-1].pc_rdata if retirements else 0
    result = Result(status=_status(tohost), tohost=tohost, cycles=r["cycles"],
                    instret=r["instret"], seconds=r["seconds"],
                    uart_output=r["uart"].encode("latin-1"), last_pc=last_pc)
    return retirements, result


def _simulate(model, run_dir, image, config, sim_log):
    from ..build import _runner

    extra_env = {
        "COCOTB_LOG_LEVEL": "WARNING",
        "GPI_LOG_LEVEL": "WARNING",
        "COCOTB_ANSI_OUTPUT": "0",
    }
    runner = _runner()
    saved = os.environ.pop("PYTEST_CURRENT_TEST", None)
    try:
        # Under pytest the runner would judge the cocotb results itself and sys.exit().
        runner.test(test_module="sim.verify.cocotb_rvfi", hdl_toplevel=TOPLEVEL,
                    hdl_toplevel_lang="verilog", build_dir=model.build_dir, test_dir=run_dir,
                    plusargs=[f"+mkrv_ram={image}", f"+mkrv_config={config}"],
                    extra_env=extra_env, results_xml=str(run_dir / "results.xml"))
    except (RuntimeError, SystemExit) as e:
        raise SimError(f"the simulator failed ({e}): {_tail(sim_log)}") from None
    finally:
        if saved is not None:
            os.environ["PYTEST_CURRENT_TEST"] = saved
