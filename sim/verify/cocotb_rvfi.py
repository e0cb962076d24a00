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
        self.buf = []     # records not written yet

    async def record(self, f):
        """Write every retirement to ``f`` until the store to tohost retires."""
        dut = self.dut
        clk = dut.clk

        # Raw simulator handles: reading a signal through them is 3-5 times faster than
        # through ``handle.value`` (this loop runs every cycle). A 1..32-bit signal reads as an
        # integer, a wider one as a string of binary digits.
        def narrow(name):
            return getattr(dut, name)._handle.get_signal_val_long

        def wide(name):
            read = getattr(dut, name)._handle.get_signal_val_binstr
            return lambda: int(read(), 2)

        valid, trap, intr, mode = (narrow(f"rvfi__{n}") for n in ("valid", "trap", "intr", "mode"))
        rd_addr, rmask, wmask = (narrow(f"rvfi__{n}") for n in ("rd_addr", "mem_rmask",
                                                                  "mem_wmask"))
        csr_we, csr_addr = narrow("rvfi__csr_we"), narrow("rvfi__csr_addr")
        insn = wide("rvfi__insn")   # 32 bits: get_signal_val_long would sign-extend it
        pc_r, pc_w, rd_wdata = wide("rvfi__pc_rdata"), wide("rvfi__pc_wdata"), \
            wide("rvfi__rd_wdata")
        mem_addr, rdata, wdata = wide("rvfi__mem_addr"), wide("rvfi__mem_rdata"), \
            wide("rvfi__mem_wdata")
        csr_wdata = wide("rvfi__csr_wdata")
        tx_valid, tx_data = narrow("uart_tx_valid"), narrow("uart_tx_data")
        pack = RECORD.pack
        buf = self.buf
        edge = FallingEdge(clk)
        await edge
        cycle = int(dut.cycle.value) - 1   # counted here rather than read every cycle
        while True:
            cycle += 1
            if tx_valid():
                self.uart.append(tx_data() & 0xff)
            if not valid():
                await edge
                continue
            t = trap()
            rm = rmask()
            wm = wmask()
            cw = csr_we()
            rd = rd_addr()
            addr = mem_addr() if rm or wm else 0
            wd = wdata() if wm else 0
            buf.append(pack(
                pc_r(), pc_w(), insn(), t | intr() << 1 | mode() << 2 | cw << 4,
                rd, rd_wdata() if rd else 0, addr, rm, wm, rdata() if rm else 0, wd,
                csr_addr() if cw else 0, csr_wdata() if cw else 0, cycle))
            self.count += 1
            if len(buf) >= 4096:
                f.write(b"".join(buf))
                buf.clear()
            if wm and not t and addr == self.tohost_word:
                f.write(b"".join(buf))
                buf.clear()
                low = (wm & -wm).bit_length() - 1
                return wd >> 8 * low & ((1 << 8 * bin(wm).count("1")) - 1)
            await edge

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
                f.write(b"".join(self.buf))
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
