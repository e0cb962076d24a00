"""Formal harnesses of mkrv, checked with yosys-smtbmc and z3 (see ``docs/formal.md``)."""
