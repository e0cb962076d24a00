"""The ``mkrv`` command: exit codes, messages and bad input.

Every bad input is one line on stderr, exit code 2, and no traceback. The runs use tiny
programs assembled here (skipped without the RISC-V toolchain) and need the core.
"""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sim.build import build_model
from sim.testing import assemble, exit_with, have_toolchain, program, uart_print


MKRV = Path(sys.executable).parent / "mkrv"
CMD = [str(MKRV)] if MKRV.exists() else [sys.executable, "-m", "sim.cli"]

needs_toolchain = pytest.mark.skipif(not have_toolchain(),
                                     reason="riscv64-unknown-elf-gcc not installed "
                                            "(run `make setup`)")


def mkrv(*args, env=None, timeout=600):
    full_env = dict(os.environ)
    full_env.update(env or {})
    return subprocess.run(CMD + [str(a) for a in args], capture_output=True, text=True,
                          env=full_env, timeout=timeout)


def assert_one_line_error(proc, *fragments):
    assert proc.returncode == 2, (proc.returncode, proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr + proc.stdout
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, proc.stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    assert proc.stdout == ""


@pytest.fixture(scope="module")
def model():
    """The Verilator model, built once (under a lock shared by the pytest workers)."""
    build_model(16 * 2**20)


@pytest.fixture(scope="module")
def programs(tmp_path_factory):
    if not have_toolchain():
        pytest.skip("riscv64-unknown-elf-gcc not installed (run `make setup`)")
    d = tmp_path_factory.mktemp("programs")
    return {
        "pass": assemble(program(exit_with(1)), d / "pass.elf"),
        "fail5": assemble(program(exit_with((5 << 1) | 1)), d / "fail5.elf"),
        "even": assemble(program(exit_with(4)), d / "even.elf"),
        "hang": assemble(program("1:  addi a0, a0, 1\n    j 1b\n"), d / "hang.elf"),
        "hello": assemble(program(uart_print("hello, mkrv\n") + exit_with(1)),
                          d / "hello.elf"),
        "partial": assemble(program(uart_print("no newline") + exit_with(1)),
                            d / "partial.elf"),
        "no_tohost": assemble(program(exit_with(1).replace("tohost", "scratch"),
                                      data="scratch: .dword 0", tohost=False),
                              d / "no_tohost.elf"),
        "rv32": assemble(program(exit_with(1).replace("sd", "sw")), d / "rv32.elf",
                         extra_flags=["-march=rv32ima_zicsr", "-mabi=ilp32"]),
        "outside": assemble(program(exit_with(1), data=".fill 32, 1, 0"), d / "outside.elf",
                            linker_script="""\
ENTRY(_start)
SECTIONS {
  . = 0x80000000;
  .text.init : { *(.text.init) }
  .tohost : { *(.tohost) }
  . = 0x81000000;
  .data : { *(.data*) }
}
"""),
    }


# --------------------------------------------------------------------------- bad input

def test_no_such_file(tmp_path):
    assert_one_line_error(mkrv("run", tmp_path / "missing.elf"), "missing.elf", "no such file")


def test_not_a_file(tmp_path):
    assert_one_line_error(mkrv("run", tmp_path), "not a file")


def test_not_an_elf(tmp_path):
    path = tmp_path / "text.elf"
    path.write_text("just some text\n")
    assert_one_line_error(mkrv("run", path), "not an ELF file")


def test_empty_file(tmp_path):
    path = tmp_path / "empty.elf"
    path.write_bytes(b"")
    assert_one_line_error(mkrv("run", path), "not an ELF file")


def test_truncated_elf(tmp_path, programs):
    path = tmp_path / "truncated.elf"
    path.write_bytes(programs["pass"].read_bytes()[:100])
    assert_one_line_error(mkrv("run", path), "truncated.elf")


def test_not_riscv():
    host = Path(sys.executable).resolve()  # an x86-64 (or other host) ELF
    assert_one_line_error(mkrv("run", host), "not a RISC-V ELF file")


def test_not_64_bit(programs):
    assert_one_line_error(mkrv("run", programs["rv32"]), "not a 64-bit ELF file")


def test_segment_outside_ram(programs):
    assert_one_line_error(mkrv("run", programs["outside"]), "outside RAM")


def test_segment_outside_smaller_ram(programs):
    # pass.elf has tohost at 0x8000_1000: outside a 4 KiB RAM.
    assert_one_line_error(mkrv("run", programs["pass"], "--ram-size", "4096"), "outside")


def test_no_tohost(programs):
    assert_one_line_error(mkrv("run", programs["no_tohost"]), "no `tohost` symbol")


@pytest.mark.parametrize("args, fragment", [
    (["--max-cycles", "0"], "cycle limit"),
    (["--max-cycles", "-3"], "cycle limit"),
    (["--max-cycles", "lots"], "cycle limit"),
    (["--ram-size", "1000"], "power of two"),
    (["--ram-size", "3M"], "power of two"),
    (["--ram-size", "8G"], "4 GiB"),
    (["--frobnicate"], "unrecognized arguments"),
    (["--wave"], "expected one argument"),
])
def test_bad_options(programs, args, fragment):
    assert_one_line_error(mkrv("run", programs["pass"], *args), fragment)


def test_no_program():
    assert_one_line_error(mkrv("run"), "PROGRAM.elf")


def test_no_command():
    assert_one_line_error(mkrv(), "COMMAND")


def test_unknown_command():
    assert_one_line_error(mkrv("frobnicate"), "invalid choice")


def test_unwritable_trace(programs, tmp_path):
    assert_one_line_error(mkrv("run", programs["pass"], "--trace", tmp_path / "no/dir/t.log"),
                          "cannot write the trace")


def test_missing_verilator(programs, tmp_path):
    proc = mkrv("run", programs["pass"], env={"MKRV_VERILATOR": str(tmp_path / "verilator")})
    assert_one_line_error(proc, "not found", "make setup")


def test_demo(model):
    from sim.build import BUILD_DIR

    if not (BUILD_DIR / "firmware" / "demo.elf").exists():
        pytest.skip("build/firmware/demo.elf not built (run `make firmware`)")
    proc = mkrv("demo")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout  # the demo prints over the UART
    assert proc.stderr.splitlines()[0] == "PASS"


def test_demo_not_built(tmp_path):
    proc = mkrv("demo", env={"MKRV_BUILD_DIR": str(tmp_path)})
    assert_one_line_error(proc, "demo.elf", "make demo")


# --------------------------------------------------------------------------- runs

def test_pass(programs, model):
    proc = mkrv("run", programs["pass"])
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.splitlines()[0] == "PASS"
    stats = proc.stderr.splitlines()[-1]
    for word in ("cycles:", "instret:", "IPC:", "kcycles/s"):
        assert word in stats


def test_pass_quiet(programs, model):
    proc = mkrv("run", programs["hello"], "--quiet")
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "", "")


def test_fail_names_the_test(programs, model):
    proc = mkrv("run", programs["fail5"])
    assert proc.returncode == 1, proc.stderr
    assert "FAIL: test 5 (tohost = 0xb)" in proc.stderr.splitlines()


def test_fail_quiet(programs, model):
    proc = mkrv("run", programs["fail5"], "-q")
    assert proc.returncode == 1
    assert proc.stderr == "FAIL: test 5 (tohost = 0xb)\n"


def test_even_tohost_is_an_error(programs, model):
    proc = mkrv("run", programs["even"])
    assert proc.returncode == 2
    assert "tohost = 0x4" in proc.stderr


def test_timeout(programs, model):
    proc = mkrv("run", programs["hang"], "--max-cycles", "5k")
    assert proc.returncode == 2, proc.stderr
    line = proc.stderr.splitlines()[0]
    assert line.startswith("TIMEOUT after 5000 cycles"), line
    # The loop is two instructions at the start of RAM.
    assert "last PC retired was 0x000000008000000" in line, line


def test_uart_output_streams_to_stdout(programs, model):
    proc = mkrv("run", programs["hello"])
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "hello, mkrv\n"


def test_unfinished_uart_line_is_ended(programs, model):
    proc = mkrv("run", programs["partial"])
    assert proc.stdout == "no newline\n"
    assert proc.stderr.startswith("PASS\n")


def test_trace_and_wave_files(programs, model, tmp_path):
    trace, wave = tmp_path / "t.log", tmp_path / "w.fst"
    proc = mkrv("run", programs["pass"], "--trace", trace, "--wave", wave)
    if "liblz4-dev" in proc.stderr:
        pytest.skip(proc.stderr.strip())
    assert proc.returncode == 0, proc.stderr
    lines = trace.read_text().splitlines()
    assert lines[0].startswith("core   0: 3 0x0000000080000000 (0x")
    assert lines[-1].endswith("mem 0x0000000080001000 0x0000000000000001")  # the tohost store
    assert wave.stat().st_size > 1000


def test_interrupt(programs, model, tmp_path):
    from sim.build import BUILD_DIR

    spin = tmp_path / "spin_for_sigint.elf"
    spin.write_bytes(programs["hang"].read_bytes())
    # SIGINT as in a terminal's foreground job, even when this test runs in a background job
    # (whose commands inherit SIGINT ignored, which mkrv then rightly keeps).
    proc = subprocess.Popen(CMD + ["run", str(spin), "--max-cycles", "1G"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        # Wait until the simulation runs (its run directory has the simulator's log).
        deadline = time.monotonic() + 120
        while not list((BUILD_DIR / "run").glob("spin_for_sigint-*/sim.log")):
            assert proc.poll() is None and time.monotonic() < deadline
            time.sleep(0.1)
        time.sleep(0.5)
        os.killpg(proc.pid, signal.SIGINT)  # as Ctrl-C does: to the whole process group
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:             # do not leave a simulation of 1G cycles behind
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    assert proc.returncode == 130, err
    assert "Traceback" not in err + out
    assert err.splitlines()[-1] == "mkrv: interrupted"


# --------------------------------------------------------------------------- other commands

def test_verilog_lints(tmp_path):
    from sim.build import verilator_exe

    out = tmp_path / "soc.v"
    proc = mkrv("verilog", "-o", out, "--sim", "--ram-size", "64k")
    assert proc.returncode == 0, proc.stderr
    assert "module mkrv_soc(" in out.read_text()
    assert "module mkrv_ram" in out.read_text()
    for flags in ([], ["-Wall"]):
        lint = subprocess.run([verilator_exe(), "--lint-only", *flags, str(out)],
                              capture_output=True, text=True)
        assert lint.returncode == 0, lint.stderr[-3000:]
        assert "%Warning" not in lint.stderr, lint.stderr[-3000:]


def test_verilog_to_stdout():
    proc = mkrv("verilog", "-o", "-", "--ram-size", "64k")
    assert proc.returncode == 0, proc.stderr
    assert "module mkrv_soc(" in proc.stdout
    assert proc.stderr == ""


def test_verilog_needs_output():
    assert_one_line_error(mkrv("verilog"), "--output")


def test_bench_json(model):
    if not have_toolchain():
        pytest.skip("riscv64-unknown-elf-gcc not installed (run `make setup`)")
    proc = mkrv("bench", "sim", "--json", "--cycles", "200k")
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert result["benchmark"] == "sim"
    assert result["cycles"] == 200_000
    assert result["cycles_per_second"] > 0
    assert 0 < result["ipc"] <= 1


def test_bench_unknown():
    assert_one_line_error(mkrv("bench", "nothing"), "invalid choice")
