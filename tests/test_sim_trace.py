"""Commit logs (``mkrv run --trace``): the line format, and equality with spike's log."""

import subprocess
import sys
from pathlib import Path

import pytest

from sim.runner import run_elf
from sim.testing import assemble, exit_with, have_toolchain, program
from sim.trace import commit_line, lanes


SPIKE = Path(sys.executable).parent / "spike"


# Lines copied from `spike --log-commits` output.
@pytest.mark.parametrize("fields, line", [
    (dict(mode=3, pc=0x80000000, insn=0x00500293, rd_addr=5, rd_wdata=5),
     "core   0: 3 0x0000000080000000 (0x00500293) x5  0x0000000000000005"),
    (dict(mode=3, pc=0x8000000c, insn=0x00001517, rd_addr=10, rd_wdata=0x8000100c),
     "core   0: 3 0x000000008000000c (0x00001517) x10 0x000000008000100c"),
    (dict(mode=3, pc=0x80000014, insn=0x00753023, mem_addr=0x80001048, mem_wmask=0xff,
          mem_wdata=0xc),
     "core   0: 3 0x0000000080000014 (0x00753023) mem 0x0000000080001048 0x000000000000000c"),
    (dict(mode=3, pc=0x80000018, insn=0x00053e03, rd_addr=28, rd_wdata=0xc,
          mem_addr=0x80001048, mem_rmask=0xff),
     "core   0: 3 0x0000000080000018 (0x00053e03) x28 0x000000000000000c "
     "mem 0x0000000080001048"),
    (dict(mode=3, pc=0x8000001c, insn=0x00752423, mem_addr=0x80001050, mem_wmask=0x0f,
          mem_wdata=0xc),
     "core   0: 3 0x000000008000001c (0x00752423) mem 0x0000000080001050 0x0000000c"),
    (dict(mode=3, pc=0x80000020, insn=0x00750623, mem_addr=0x80001050, mem_wmask=0x10,
          mem_wdata=0xc << 32),
     "core   0: 3 0x0000000080000020 (0x00750623) mem 0x0000000080001054 0x0c"),
    (dict(mode=3, pc=0x80000040, insn=0x00651123, mem_addr=0x80001048, mem_wmask=0x0c,
          mem_wdata=0x0100 << 16),
     "core   0: 3 0x0000000080000040 (0x00651123) mem 0x000000008000104a 0x0100"),
    (dict(mode=3, pc=0x80000028, insn=0x34029073, csr_we=1, csr_addr=0x340, csr_wdata=5),
     "core   0: 3 0x0000000080000028 (0x34029073) c832_mscratch 0x0000000000000005"),
    (dict(mode=3, pc=0x80000004, insn=0x340312f3, rd_addr=5, rd_wdata=0, csr_we=1,
          csr_addr=0x340, csr_wdata=9),
     "core   0: 3 0x0000000080000004 (0x340312f3) x5  0x0000000000000000 "
     "c832_mscratch 0x0000000000000009"),
    (dict(mode=3, pc=0x80000034, insn=0x00553faf, rd_addr=31, rd_wdata=0xc,
          mem_addr=0x80001048, mem_rmask=0xff, mem_wmask=0xff, mem_wdata=0x11),
     "core   0: 3 0x0000000080000034 (0x00553faf) x31 0x000000000000000c "
     "mem 0x0000000080001048 mem 0x0000000080001048 0x0000000000000011"),
    (dict(mode=0, pc=0x8000002c, insn=0x00100293, rd_addr=5, rd_wdata=1),
     "core   0: 0 0x000000008000002c (0x00100293) x5  0x0000000000000001"),
    (dict(mode=3, pc=0x80000048, insn=0x0000006f),
     "core   0: 3 0x0000000080000048 (0x0000006f)"),
])
def test_commit_line(fields, line):
    assert commit_line(**fields) == line


def test_lanes():
    assert lanes(0) == (0, 0)
    assert lanes(0xff) == (0, 8)
    assert lanes(0xf0) == (4, 4)
    assert lanes(0x40) == (6, 1)


def test_unknown_csr_name():
    assert commit_line(3, 0, 0, csr_we=1, csr_addr=0x7c0, csr_wdata=1).endswith(
        " c1984_unknown-csr 0x0000000000000001")


# A program whose every result is architectural (no counter, no implementation-specific
# CSR value): its commit log must equal spike's.
SPIKE_PROGRAM = """\
    li      t0, 5
    li      t1, -7
    add     t2, t0, t1
    sub     t3, t0, t1
    mul     t4, t2, t3
    divu    t5, t4, t0
    remw    t6, t1, t0
    slli    a1, t1, 13
    sraiw   a2, t1, 3
    la      a0, scratch
    sd      t1, 0(a0)
    sw      t0, 8(a0)
    sh      t0, 12(a0)
    sb      t0, 14(a0)
    ld      a3, 0(a0)
    lw      a4, 8(a0)
    lhu     a5, 12(a0)
    lb      a6, 14(a0)
    amoadd.d a7, t0, (a0)
    amoswap.w s2, t1, (a0)
    lr.d    s3, (a0)
    sc.d    s4, t0, (a0)
    sc.d    s5, t0, (a0)
    csrw    mscratch, t0
    csrrw   s6, mscratch, t1
    csrr    s7, mscratch
    la      s8, 1f
    jalr    ra, 0(s8)
    nop
1:  beq     t0, t1, 1b
    bne     t0, t1, 2f
    nop
2:  li      s9, 3
3:  addi    s9, s9, -1
    bnez    s9, 3b
    ld      zero, 0(a0)
    addi    zero, zero, 1
""" + exit_with(1)


@pytest.mark.skipif(not have_toolchain(), reason="riscv64-unknown-elf-gcc not installed")
@pytest.mark.skipif(not SPIKE.exists(), reason="spike not installed (run `make setup`)")
def test_trace_equals_spike(tmp_path):
    elf = assemble(program(SPIKE_PROGRAM, data="scratch: .dword 0, 0, 0"), tmp_path / "t.elf")
    trace = tmp_path / "mkrv.log"
    result = run_elf(elf, trace=trace, stream=False, max_cycles=10_000)
    assert result.status == "pass"
    ours = trace.read_text().splitlines()

    spike = subprocess.run([SPIKE, "--isa=rv64ima_zicsr_zifencei_zicntr", "-m16",
                            "--log-commits", elf], capture_output=True, text=True, timeout=60)
    theirs = [line for line in spike.stderr.splitlines()
              if line.startswith("core") and not line.startswith("core   0: 3 0x00000000000010")]
    assert len(ours) > 40
    assert ours == theirs[:len(ours)]
    # The trace ends with the store to tohost.
    assert ours[-1].endswith("mem 0x0000000080001000 0x0000000000000001")
