"""boards.depth: the logic depth of a synthesised netlist, on small hand-made netlists."""

import pytest

from boards.depth import logic_depth


def _netlist(cells, nets):
    return {"modules": {"top": {
        "attributes": {"top": "00000000000000000000000000000001"},
        "cells": {f"c{i}": {"type": t, "connections": conn} for i, (t, conn) in
                  enumerate(cells)},
        "netnames": {name: {"bits": [bit]} for name, bit in nets.items()},
    }}}


def ff(d, q):
    return ("TRELLIS_FF", {"DI": [d], "Q": [q], "CLK": [1]})


def lut(a, z, b=None):
    return ("LUT4", {"A": [a], "B": [b if b is not None else "0"], "C": ["0"], "D": ["0"],
                     "Z": [z]})


NETS = {"clk": 1, "r_a": 10, "r_b": 11, "n1": 12, "n2": 13, "n3": 14, "r_c": 15,
        "d_in": 16, "c0": 20, "c1": 21, "s": 22}


def test_counts_luts_between_registers():
    # r_a -> LUT -> LUT -> LUT -> r_c (3 levels); r_b -> LUT -> r_d (1 level)
    cells = [ff(15, 10), lut(10, 12), lut(12, 13), lut(13, 14), ff(14, 15),
             lut(11, 16), ff(16, 11)]
    d = logic_depth(_netlist(cells, NETS), paths=2)
    assert d["levels"] == 3.0
    first = d["paths"][0]
    assert (first["from"], first["to"], first["through"]) == ("r_a", "n3",
                                                              ["r_a", "n1", "n2", "n3"])
    assert d["paths"][1]["levels"] == 1.0 and d["paths"][1]["from"] == "r_b"


def test_carry_ripple_is_cheap():
    # r_a enters a carry cell (1 level to its carry out), the next cell's sum from its
    # carry in (0.4) feeds a LUT (1 level) into r_c: 2.4 levels.
    cells = [ff(15, 10), ("CCU2C", {"A0": [10], "COUT": [20]}),
             ("CCU2C", {"CIN": [20], "S1": [21], "COUT": [22]}), lut(21, 14), ff(14, 15)]
    d = logic_depth(_netlist(cells, NETS))
    assert d["levels"] == pytest.approx(2.4)


def test_combinational_loop_is_an_error():
    cells = [lut(12, 13), lut(13, 12)]
    with pytest.raises(ValueError, match="combinational loop"):
        logic_depth(_netlist(cells, NETS))
