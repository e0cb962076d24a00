"""Commit logs in spike's ``--log-commits`` format, made from the RVFI port.

One line per retired instruction that did not trap::

    core   0: 3 0x0000000080000010 (0x00c50513) x10 0x0000000080001048
    core   0: 3 0x0000000080000014 (0x00753023) mem 0x0000000080001048 0x000000000000000c
    core   0: 3 0x0000000080000018 (0x00053e03) x28 0x000000000000000c mem 0x0000000080001048
    core   0: 3 0x0000000080000028 (0x34029073) c832_mscratch 0x0000000000000005

that is: the privilege mode, the PC, the instruction word, then the destination register
written (``x<n>``, not for x0), the CSR an explicit CSR instruction wrote
(``c<number>_<name>``), the byte address of a load (``mem <addr>``) and the byte address and
value of a store (``mem <addr> <value>``, as many hex digits as the store has bytes). An AMO
has both a load and a store. Trapped instructions are not logged (spike logs only what
retires); the first instruction of a trap handler is.

Comparing with spike (the diff is then empty for a program that reads no CSR whose value is
implementation-specific)::

    spike --isa=rv64ima_zicsr_zifencei_zicntr -m16 --log-commits prog.elf 2>&1 \\
        | grep -v '^core   0: 3 0x00000000000010' | head -n "$(wc -l < out.log)" \\
        | diff - out.log

Known differences:

- spike first runs five instructions of its boot ROM at 0x1000 (removed by the ``grep``);
- spike keeps running after the program stores to ``tohost`` until its host notices (the
  ``head``); mkrv's log ends with the retirement of that store;
- ``mret``/``sret`` update ``mstatus`` implicitly: spike logs that write
  (``c768_mstatus ...`` on the ``mret`` line), RVFI has explicit CSR writes only;
- what depends on time: values read from ``mtime`` (CLINT), ``time``, ``cycle`` and
  ``mcycle`` differ, and so does the instruction at which a timer interrupt is taken;
- implementation-specific CSR values (``misa``, ``marchid``, ``mimpid``, WARL fields).

``mkrv run --trace -`` writes the log to stdout (mixed with the UART's output).
"""

from .csr_names import csr_name


__all__ = ["commit_line", "lanes"]


def lanes(mask):
    """(first byte lane, number of lanes) of a byte-lane mask; (0, 0) for none."""
    if not mask:
        return 0, 0
    low = (mask & -mask).bit_length() - 1
    return low, bin(mask).count("1")


def commit_line(mode, pc, insn, rd_addr=0, rd_wdata=0, csr_we=0, csr_addr=0, csr_wdata=0,
                mem_addr=0, mem_rmask=0, mem_wmask=0, mem_wdata=0):
    """One line of a spike commit log (without the newline), from RVFI fields."""
    parts = [f"core   0: {mode} 0x{pc:016x} (0x{insn:08x})"]
    if rd_addr:
        parts.append(f" x{rd_addr:<2} 0x{rd_wdata:016x}")
    if csr_we:
        parts.append(f" c{csr_addr}_{csr_name(csr_addr)} 0x{csr_wdata:016x}")
    if mem_rmask:
        low, _ = lanes(mem_rmask)
        parts.append(f" mem 0x{mem_addr + low:016x}")
    if mem_wmask:
        low, size = lanes(mem_wmask)
        value = mem_wdata >> 8 * low & ((1 << 8 * size) - 1)
        parts.append(f" mem 0x{mem_addr + low:016x} 0x{value:0{2 * size}x}")
    return "".join(parts)
