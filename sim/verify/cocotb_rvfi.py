"""The cocotb test that records every RVFI retirement of a program; it runs inside the
simulator process (started by :func:`sim.verify.rtl.record`).

Like :mod:`sim.cocotb_soc` it resets the SoC, runs the program loaded by ``+mkrv_ram`` and stops
at the retirement of the store to ``tohost`` (or at the cycle limit), but it samples the RVFI
port in the middle of every cycle and writes each retirement, trapped ones and the first
instruction of an interrupt handler included, to a binary file (:data:`RECORD`, one
:class:`sim.verify.rtl.Retirement` each). Parameters come in the JSON file named by the plusarg
``+mkrv_config=<file>``; the results (how the run ended) go to the JSON file named there.
"""

import json
import os
import struct
import sys
import time

import cocotb
from cocotb.clock import Clock
from cocotb.triggers import ClockCycles, FallingEdge, First, ReadOnly, Timer


PERIOD_NS = 2
RESET_CYCLES = 2
#: One retirement: pc_rdata, pc_wdata, insn, flags (trap | intr << 1 | mode << 2 |
#: csr_we << 4), rd_addr, rd_wdata, mem_addr, mem_rmask, mem_wmask, mem_rdata, mem_wdata,
#: csr_addr, csr_wdata, cycle.
RECORD = struct.Struct("<QQIBBQQBBQQHQQ")


class _Recorder:
    def __init__(self, dut, cfg):
        self.dut = dut
        self.cfg = cfg
        self.uart = bytearray()
        self.tohost_word = cfg["tohost"] & ~7
        self.count = 0

    async def record(self, f):
        """Write every retirement to ``f`` until the store to tohost retires."""
        dut = self.dut
        clk = dut.clk
        valid, trap, intr, mode = dut.rvfi__valid, dut.rvfi__trap, dut.rvfi__intr, dut.rvfi__mode
        pc_r, pc_w, insn = dut.rvfi__pc_rdata, dut.rvfi__pc_wdata, dut.rvfi__insn
        rd_addr, rd_wdata = dut.rvfi__rd_addr, dut.rvfi__rd_wdata
        mem_addr, rmask, wmask = dut.rvfi__mem_addr, dut.rvfi__mem_rmask, dut.rvfi__mem_wmask
        rdata, wdata = dut.rvfi__mem_rdata, dut.rvfi__mem_wdata
        csr_we, csr_addr, csr_wdata = dut.rvfi__csr_we, dut.rvfi__csr_addr, dut.rvfi__csr_wdata
        cycle = dut.cycle
        tx_valid, tx_data = dut.uart_tx_valid, dut.uart_tx_data
        pack = RECORD.pack
        buf = []
        while True:
            await FallingEdge(clk)
            if tx_valid.value:
                self.uart.append(int(tx_data.value))
            if not valid.value:
                continue
            t = int(trap.value)
            rm = int(rmask.value)
            wm = int(wmask.value)
            cw = int(csr_we.value)
            rd = int(rd_addr.value)
            addr = int(mem_addr.value) if rm or wm else 0
            buf.append(pack(
                int(pc_r.value), int(pc_w.value), int(insn.value),
                t | int(intr.value) << 1 | int(mode.value) << 2 | cw << 4,
                rd, int(rd_wdata.value) if rd else 0,
                addr, rm, wm,
                int(rdata.value) if rm else 0, int(wdata.value) if wm else 0,
                int(csr_addr.value) if cw else 0, int(csr_wdata.value) if cw else 0,
                int(cycle.value)))
            self.count += 1
            if len(buf) >= 4096:
                f.write(b"".join(buf))
                buf.clear()
            if wm and not t and addr == self.tohost_word:
                f.write(b"".join(buf))
                low = (wm & -wm).bit_length() - 1
                return int(wdata.value) >> 8 * low & ((1 << 8 * bin(wm).count("1")) - 1)

    async def run(self):
        dut, cfg = self.dut, self.cfg
        clk = dut.clk
        dut.rst.value = 1
        dut.tohost_addr.value = cfg["tohost"]
        dut.uart_rxd.value = 1
        dut.uart_rx_valid.value = 0
        dut.uart_rx_data.value = 0
        Clock(clk, PERIOD_NS, unit="ns").start(start_high=False)
        await ClockCycles(clk, RESET_CYCLES)
        dut.rst.value = 0

        start = time.perf_counter()
        limit = Timer(cfg["max_cycles"] * PERIOD_NS, unit="ns")
        with open(cfg["record"], "wb", buffering=1 << 20) as f:
            recorder = cocotb.start_soon(self.record(f))
            fired = await First(recorder, limit)
            if fired is limit:
                recorder.cancel()
                event, tohost = "timeout", None
            else:
                event, tohost = "tohost", recorder.result()
        seconds = time.perf_counter() - start
        await ReadOnly()
        results = {
            "event": event,
            "tohost": tohost,
            "cycles": int(dut.cycle.value),
            "instret": self.count,
            "seconds": seconds,
            "uart": self.uart.decode("latin-1"),
        }
        tmp = cfg["results"] + ".tmp"
        with open(tmp, "w") as f:
            json.dump(results, f)
        os.replace(tmp, cfg["results"])


def _redirect(path):
    """cocotb's log and Python's errors go to the log file, not to the caller's terminal."""
    sys.stdout.flush()
    sys.stderr.flush()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    os.close(fd)


@cocotb.test()
async def record_program(dut):
    """Run the program loaded by ``+mkrv_ram`` and record its retirements."""
    with open(cocotb.plusargs["mkrv_config"]) as f:
        cfg = json.load(f)
    _redirect(cfg["log"])
    await _Recorder(dut, cfg).run()
