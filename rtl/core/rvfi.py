"""The RISC-V Formal Interface (RVFI) retirement port, with riscv-formal's signal names.

Everything that checks or traces the core (the commit-log tracer, the lockstep checker, the
formal properties) reads this port and nothing else. One instruction retires per cycle at
most (``NRET = 1``), in program order.

A trapped instruction retires with ``trap = 1``, writes no register, and has ``pc_wdata`` set to
the trap handler's address. An interrupt is not an instruction: the first instruction of the
handler retires with ``intr = 1``.

mkrv adds one CSR write per instruction (``csr_we``/``csr_addr``/``csr_wdata``): the value an
explicit CSR instruction left in the CSR it names, for spike-style commit logs.
"""

from amaranth.lib import wiring
from amaranth.lib.wiring import Out


__all__ = ["RVFISignature"]


class RVFISignature(wiring.Signature):
    """Signature of the RVFI port (output-only), for XLEN = 64 and one retirement a cycle.

    Members
    -------
    valid, order, insn, trap, halt, intr, mode, ixl
        Retirement, its index (0, 1, 2, ...), the instruction word, whether it trapped, halt
        (always 0), whether it is the first instruction of a trap handler entered by an
        interrupt, the privilege mode it ran in (3 = M, 1 = S, 0 = U) and XLEN (2 = 64).
    rs1_addr, rs2_addr, rs1_rdata, rs2_rdata
        Source registers read, and their values (0 when the instruction has no such source).
    rd_addr, rd_wdata
        Destination register written (0 for none) and the value written (0 when ``rd_addr``
        is 0).
    pc_rdata, pc_wdata
        Address of the instruction and of the next instruction retired.
    mem_addr, mem_rmask, mem_wmask, mem_rdata, mem_wdata
        Data memory access: the address (aligned down to 8 bytes), the byte lanes read and
        written, and the doublewords read and written (lane-aligned, as on the bus).
    csr_we, csr_addr, csr_wdata
        An explicit CSR instruction wrote ``csr_addr``; its new value.
    """

    def __init__(self):
        super().__init__({
            "valid":     Out(1),
            "order":     Out(64),
            "insn":      Out(32),
            "trap":      Out(1),
            "halt":      Out(1),
            "intr":      Out(1),
            "mode":      Out(2),
            "ixl":       Out(2),
            "rs1_addr":  Out(5),
            "rs2_addr":  Out(5),
            "rs1_rdata": Out(64),
            "rs2_rdata": Out(64),
            "rd_addr":   Out(5),
            "rd_wdata":  Out(64),
            "pc_rdata":  Out(64),
            "pc_wdata":  Out(64),
            "mem_addr":  Out(64),
            "mem_rmask": Out(8),
            "mem_wmask": Out(8),
            "mem_rdata": Out(64),
            "mem_wdata": Out(64),
            "csr_we":    Out(1),
            "csr_addr":  Out(12),
            "csr_wdata": Out(64),
        })

    def __eq__(self, other):
        return isinstance(other, RVFISignature)

    def __repr__(self):
        return "RVFISignature()"
