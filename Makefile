# mkrv: `make demo` runs the demo, `make test` runs the tests. Both set up what is missing.
SHELL := /bin/bash
VENV  := .venv
export PATH := $(CURDIR)/$(VENV)/bin:$(PATH)
JOBS  ?= auto

.PHONY: all setup demo test firmware asm-tests fpga formal clean

all: demo

setup:
	@scripts/setup.sh

firmware: setup
	@$(MAKE) -s -C firmware

asm-tests: setup
	@$(MAKE) -s -C tests/asm
	@$(MAKE) -s -C tests/asm_priv

demo: firmware
	@$(VENV)/bin/mkrv demo
	@$(VENV)/bin/mkrv bench ipc

test: firmware asm-tests
	@$(VENV)/bin/python -m pytest -n $(JOBS) -q tests

# The full FPGA flow (place and route takes tens of minutes a board): not part of `make test`.
fpga: firmware
	@$(VENV)/bin/mkrv build --board ulx3s-85f
	@$(VENV)/bin/mkrv build --board orangecrab-85f

# The deep formal checks (minutes each); the quick ones run in `make test`.
formal: setup
	@MKRV_FORMAL_LONG=1 $(VENV)/bin/python -m pytest -n $(JOBS) -q tests/test_formal.py

clean:
	rm -rf build
