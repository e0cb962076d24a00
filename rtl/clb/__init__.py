"""Call gates: ``xcall``/``xret`` through a Call Lookaside Buffer (docs/isa/callgate.md).

The extension contributes decode rows (:data:`CALLGATE_ROWS`), CSRs (the link stack and the
gate staging registers), three delegable exception causes and a unit in the execute stage
(:class:`CallGateUnit`); :mod:`rtl.clb.model` is its executable specification.
"""

from .clb import CLB, Gate, CLBEntry
from .model import CallGates, CLBModel
from .unit import *  # noqa: F401,F403
from .unit import __all__ as _unit_all

__all__ = ["CLB", "Gate", "CLBEntry", "CallGates", "CLBModel"] + _unit_all
