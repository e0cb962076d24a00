"""Interrupt sources and controllers of the mkrv SoC (CLINT, PLIC)."""
