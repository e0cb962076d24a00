"""Running programs on the mkrv SoC in Verilator (the ``mkrv`` command and its Python API).

- :mod:`sim.elf`: checking ELF programs and writing RAM images;
- :mod:`sim.build`: the Verilog of the SoC and the cached Verilator model;
- :mod:`sim.runner`: :func:`~sim.runner.run_elf`, a program run to its end;
- :mod:`sim.cocotb_soc`: the cocotb test that runs inside the simulator;
- :mod:`sim.trace`: spike-style commit logs from RVFI;
- :mod:`sim.bench`: the simulation speed benchmark;
- :mod:`sim.testing`: tiny test programs assembled with the GNU toolchain;
- :mod:`sim.cli`: the ``mkrv`` command.

Importing this package imports neither Amaranth nor cocotb; the submodules do as needed.
"""
