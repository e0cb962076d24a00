"""The cocotb test that runs one program on the SoC; it runs inside the simulator process.

:func:`sim.runner.run_elf` starts the Verilator model through the cocotb runner with this
module as the test module and passes its parameters in a JSON file named by the plusarg
``+mkrv_config=<file>``. The test writes its results as JSON to the file named there, streams
the UART's bytes to the inherited standard output as they come, and sends everything else the
simulator process prints (cocotb's log, Python errors) to a log file.

The loop awaits events, not clock cycles: the clock is cocotb's C++ clock, and Python only
wakes up when ``tohost_valid`` or ``uart_tx_valid`` rises or the cycle limit's timer fires.
Only the commit log (``trace``) samples every cycle.
"""

import json
import os
import sys
import time

import cocotb
from cocotb.clock import Clock
from cocotb.triggers import ClockCycles, Event, FallingEdge, First, ReadOnly, RisingEdge, Timer

from .trace import commit_line


PERIOD_NS = 2
RESET_CYCLES = 2
# After tohost is written the trace goes on until the store retires, at most this long.
TRACE_DRAIN_CYCLES = 64


class _Output:
    """UART bytes: to the inherited stdout (streamed) and kept for the results file."""

    def __init__(self, fd):
        self.fd = fd
        self.data = bytearray()

    def write(self, byte):
        self.data.append(byte)
        if self.fd is not None:
            try:
                os.write(self.fd, bytes((byte,)))
            except OSError:  # the reader went away (a closed pipe): keep simulating
                self.fd = None


def _redirect(cfg):
    """Keep the inherited stdout for the UART and a trace to "-"; send everything else that
    the simulator process prints to the log file. Returns the kept stdout."""
    stdout_fd = os.dup(1)
    sys.stdout.flush()
    sys.stderr.flush()
    log_fd = os.open(cfg["log"], os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    os.dup2(log_fd, 1)
    os.dup2(log_fd, 2)
    os.close(log_fd)
    return stdout_fd


class _Run:
    def __init__(self, dut, cfg):
        self.dut = dut
        self.cfg = cfg
        self.stdout_fd = _redirect(cfg)
        self.out = _Output(self.stdout_fd if cfg.get("stream") else None)
        self.tohost_addr = cfg["tohost"]

    async def uart_tx(self):
        dut = self.dut
        valid, data, clk = dut.uart_tx_valid, dut.uart_tx_data, dut.clk
        while True:
            await RisingEdge(valid)
            # Mid-cycle samples from here on: a burst has one byte per cycle.
            await FallingEdge(clk)
            while valid.value:
                self.out.write(int(data.value))
                await FallingEdge(clk)

    async def uart_rx(self, data):
        dut = self.dut
        clk = dut.clk
        for byte in data:
            dut.uart_rx_data.value = byte
            dut.uart_rx_valid.value = 1
            await FallingEdge(clk)
            while not dut.uart_rx_ready.value:
                await FallingEdge(clk)
            await RisingEdge(clk)  # taken at this edge
        dut.uart_rx_valid.value = 0

    async def trace(self, path, stop):
        """Write the commit log, sampling RVFI mid-cycle, until ``stop()`` is true."""
        dut = self.dut
        clk = dut.clk
        valid, trap = dut.rvfi__valid, dut.rvfi__trap
        mode, pc, insn = dut.rvfi__mode, dut.rvfi__pc_rdata, dut.rvfi__insn
        rd_addr, rd_wdata = dut.rvfi__rd_addr, dut.rvfi__rd_wdata
        csr_we, csr_addr, csr_wdata = dut.rvfi__csr_we, dut.rvfi__csr_addr, dut.rvfi__csr_wdata
        mem_addr, rmask, wmask = dut.rvfi__mem_addr, dut.rvfi__mem_rmask, dut.rvfi__mem_wmask
        wdata = dut.rvfi__mem_wdata
        tohost_word = self.tohost_addr & ~7
        if path == "-":
            f = open(self.stdout_fd, "w", buffering=1 << 16, closefd=False)
        else:
            f = open(path, "w", buffering=1 << 16)
        with f:
            while True:
                await FallingEdge(clk)
                if not valid.value or trap.value:
                    if stop(None):
                        return
                    continue
                fields = dict(mode=int(mode.value), pc=int(pc.value), insn=int(insn.value))
                rd = int(rd_addr.value)
                if rd:
                    fields.update(rd_addr=rd, rd_wdata=int(rd_wdata.value))
                if csr_we.value:
                    fields.update(csr_we=1, csr_addr=int(csr_addr.value),
                                  csr_wdata=int(csr_wdata.value))
                rm, wm = int(rmask.value), int(wmask.value)
                if rm or wm:
                    fields.update(mem_addr=int(mem_addr.value), mem_rmask=rm, mem_wmask=wm,
                                  mem_wdata=int(wdata.value) if wm else 0)
                f.write(commit_line(**fields))
                f.write("\n")
                stored_tohost = wm and fields["mem_addr"] == tohost_word
                if stop(stored_tohost):
                    return

    async def run(self):
        dut, cfg = self.dut, self.cfg
        clk = dut.clk
        dut.rst.value = 1
        dut.tohost_addr.value = self.tohost_addr
        dut.uart_rxd.value = 1
        dut.uart_rx_valid.value = 0
        dut.uart_rx_data.value = 0
        Clock(clk, PERIOD_NS, unit="ns").start(start_high=False)
        await ClockCycles(clk, RESET_CYCLES)
        dut.rst.value = 0

        cocotb.start_soon(self.uart_tx())
        if cfg.get("uart_input"):
            cocotb.start_soon(self.uart_rx(cfg["uart_input"].encode("latin-1")))

        start, start_cpu = time.perf_counter(), time.process_time()
        tohost_edge = RisingEdge(dut.tohost_valid)
        limit = Timer(cfg["max_cycles"] * PERIOD_NS, unit="ns")
        if cfg.get("trace"):
            state = {"tohost": None, "drain": 0, "done": False}

            def stop(stored_tohost):
                if state["tohost"] is None and dut.tohost_valid.value:
                    state["tohost"] = int(dut.tohost_data.value)
                if state["tohost"] is None:
                    return False
                state["drain"] += 1
                return bool(stored_tohost) or state["drain"] > TRACE_DRAIN_CYCLES

            done = Event()

            async def trace():
                await self.trace(cfg["trace"], stop)
                done.set()

            tracer = cocotb.start_soon(trace())
            await First(done.wait(), limit)
            tohost = state["tohost"]
            event = "timeout" if tohost is None else "tohost"
            if not tracer.done():
                tracer.cancel()
        else:
            fired = await First(tohost_edge, limit)
            event = "tohost" if fired is tohost_edge else "timeout"
            tohost = int(dut.tohost_data.value) if event == "tohost" else None
        seconds = time.perf_counter() - start
        cpu_seconds = time.process_time() - start_cpu
        await ReadOnly()  # the limit's timer may fire before the clock edge of its time step

        results = {
            "event": event,
            "tohost": tohost,
            "cycles": int(dut.cycle.value),
            "instret": int(dut.rvfi__order.value) + int(dut.rvfi__valid.value),
            "last_pc": int(dut.last_pc.value),
            "seconds": seconds,
            "cpu_seconds": cpu_seconds,
            "uart": self.out.data.decode("latin-1"),
        }
        tmp = cfg["results"] + ".tmp"
        with open(tmp, "w") as f:
            json.dump(results, f)
        os.replace(tmp, cfg["results"])


@cocotb.test()
async def run_program(dut):
    """Run the program loaded by ``+mkrv_ram`` until it writes tohost or the cycle limit."""
    with open(cocotb.plusargs["mkrv_config"]) as f:
        cfg = json.load(f)
    await _Run(dut, cfg).run()
