"""Logic depth of a synthesised ECP5 netlist: a quick estimate of the critical path.

Place and route of the whole SoC takes tens of minutes; the synthesised netlist (yosys
``synth_ecp5``, the ``top.json`` nextpnr reads) is there after a few. :func:`logic_depth`
finds its longest register-to-register path counted in LUT levels: a LUT4 (and a carry
cell's entry) is one level, the wide-function muxes behind a LUT (``PFUMX``, ``L6MUX21``)
0.2, a carry cell's ripple 0.05, a multiplier 4. Sources are flip-flop outputs, block-RAM
outputs and inputs; ends are flip-flop inputs (data, enable, reset) and block-RAM and
distributed-RAM write inputs. It ignores placement and routing, which on the ECP5 are most
of the delay: use it to compare designs and to find the path, not as an Fmax. On this
project's SoC, nextpnr's Fmax was about 1 / (2.2 ns x levels) (docs/fpga.md).
"""

import collections
import json
import re


__all__ = ["logic_depth", "ARCS"]


def _lut(inputs):
    return [(p, "Z", 1.0) for p in inputs]


def _ccu2c(conn):
    arcs = [("CIN", "COUT", 0.05), ("CIN", "S0", 0.4), ("CIN", "S1", 0.4)]
    for i in "01":
        for p in "ABCD":
            arcs += [(p + i, "S" + i, 1.0), (p + i, "COUT", 1.0)]
    return arcs


def _mult(conn):
    ins = [p for p in conn if re.fullmatch(r"[AB]\d+", p)]
    outs = [p for p in conn if re.fullmatch(r"P\d+", p)]
    return [(i, o, 4.0) for i in ins for o in outs]


#: cell type -> function of its connections -> [(input port, output port, levels)]
ARCS = {
    "LUT4": lambda conn: _lut("ABCD"),
    "LUT2": lambda conn: _lut("AB"),
    "INV": lambda conn: [("A", "Z", 0.5)],
    "PFUMX": lambda conn: [("ALUT", "Z", 0.2), ("BLUT", "Z", 0.2), ("C0", "Z", 1.0)],
    "L6MUX21": lambda conn: [("D0", "Z", 0.2), ("D1", "Z", 0.2), ("SD", "Z", 1.0)],
    "CCU2C": _ccu2c,
    "TRELLIS_DPR16X4": lambda conn: [(f"RAD{i}", f"DO{j}", 1.0)
                                     for i in range(4) for j in range(4)],
    "MULT18X18D": _mult,
}

# Where a path may end, per cell type: a predicate on the port name.
_ENDS = {
    "TRELLIS_FF": lambda p: p in ("DI", "CE", "LSR", "M"),
    "DP16KD": lambda p: re.match(r"(AD|DI|WE|CE|CS)[AB]", p) is not None,
    "PDPW16KD": lambda p: re.match(r"(ADW|ADR|DI|BE|CEW|CER)", p) is not None,
    "TRELLIS_DPR16X4": lambda p: p in ("WRE",) or p.startswith("WAD") or p.startswith("DI"),
}

_TECH = re.compile(r"_(TRELLIS_FF|LUT4|LUT2|CCU2C|PFUMX|L6MUX21|MULT18X18D|DP16KD|"
                   r"TRELLIS_DPR16X4|TRELLIS_COMB)(_|$)")


def _signal(name):
    """The design signal a technology-mapped net name starts from."""
    m = _TECH.search(name)
    return re.sub(r"\$\d+$", "", (name[:m.start()] if m else name).split(" [")[0])


def logic_depth(netlist, top=None, paths=1):
    """The deepest paths of a yosys JSON netlist (a path or the parsed dict).

    Returns a dict: ``levels`` (of the deepest path), ``paths`` (up to ``paths`` paths, one
    per distinct start, each with ``levels``, ``from``, ``to`` and ``through``: the design
    signals it passes, in order, without repeats), and ``cells`` (combinational cells
    counted).
    """
    if not isinstance(netlist, dict):
        with open(netlist) as f:
            netlist = json.load(f)
    modules = netlist["modules"]
    if top is None:
        tops = [n for n, m in modules.items() if int(m.get("attributes", {}).get("top", 0) or 0)]
        if len(tops) != 1:
            raise ValueError(f"cannot tell the top module of the netlist (candidates: "
                             f"{tops or sorted(modules)}); pass top=")
        top = tops[0]
    mod = modules[top]
    names = {}
    for name, net in mod["netnames"].items():
        for bit in net["bits"]:
            if isinstance(bit, int) and (bit not in names or len(name) < len(names[bit])):
                names[bit] = name

    edges = collections.defaultdict(list)
    indeg = collections.Counter()
    nodes = set()
    counted = 0
    for cell in mod["cells"].values():
        arcs = ARCS.get(cell["type"])
        if arcs is None:
            continue
        counted += 1
        conn = cell["connections"]
        for src, dst, levels in arcs(conn):
            for a in conn.get(src, ()):
                if not isinstance(a, int):
                    continue
                for b in conn.get(dst, ()):
                    if isinstance(b, int):
                        edges[a].append((b, levels))
                        indeg[b] += 1
                        nodes.update((a, b))

    arrival = dict.fromkeys(nodes, 0.0)
    prev = {}
    queue = collections.deque(n for n in nodes if indeg[n] == 0)
    done = 0
    while queue:
        n = queue.popleft()
        done += 1
        for b, levels in edges[n]:
            if arrival[n] + levels > arrival[b]:
                arrival[b] = arrival[n] + levels
                prev[b] = n
            indeg[b] -= 1
            if indeg[b] == 0:
                queue.append(b)
    if done != len(nodes):
        raise ValueError(f"the netlist has a combinational loop through "
                         f"{len(nodes) - done} nets: logic depth is undefined")

    ends = set()
    for cell in mod["cells"].values():
        is_end = _ENDS.get(cell["type"])
        if is_end is None:
            continue
        for port, bits in cell["connections"].items():
            if is_end(port):
                ends.update(b for b in bits if isinstance(b, int) and b in arrival)

    found, starts = [], set()
    for end in sorted(ends, key=lambda b: -arrival[b]):
        chain = [end]
        while chain[-1] in prev:
            chain.append(prev[chain[-1]])
        chain.reverse()
        start = _signal(names.get(chain[0], "?"))
        if start in starts:
            continue
        starts.add(start)
        through = []
        for bit in chain:
            s = _signal(names.get(bit, "?"))
            if not through or through[-1] != s:
                through.append(s)
        found.append({"levels": round(arrival[end], 1), "from": through[0],
                      "to": _signal(names.get(end, "?")), "through": through})
        if len(found) >= paths:
            break
    return {"levels": found[0]["levels"] if found else 0.0, "paths": found, "cells": counted}
