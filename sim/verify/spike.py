"""spike, the reference model, stepped one instruction at a time through its Python bindings.

:class:`Spike` builds a spike simulator (the ``riscv`` package, pyspike) configured like the
mkrv core and SoC: RV64IMA + Zicsr + Zifencei + Zicntr, M/S/U modes, Sv39 as the only
translation mode, no PMP, no debug triggers, RAM at 0x8000_0000. It loads a program's segments
straight into RAM and starts at the program's entry point in machine mode with every register
zero, as the core comes out of reset (spike's boot ROM at 0x1000, which would leave a0, a1 and
t0 set, is not run at all).

The SoC's devices are not spike's own CLINT, PLIC and ns16550 but Python models at the same
addresses (:class:`Clint`, :class:`Plic`, :class:`Uart`) that never raise an interrupt: every
interrupt spike takes is either one that software requested through ``mip`` (SSIP, STIP,
SEIP, which both sides see alike) or one injected by :meth:`Spike.take_interrupt` because the
RTL took it. Reads of registers whose value depends on time or on the outside world (``mtime``,
every UART and PLIC register) are counted in :attr:`Spike.inputs`, so that the caller can give
spike the value the RTL read.

Three settings are not reachable through the bindings' ``cfg_t`` (the number of PMP regions
and of triggers): :func:`_patch_cfg` writes them into the C++ object, after checking that the
fields hold spike's defaults where this version of spike keeps them.
"""

import ctypes
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from rtl.soc.memmap import CLINT, DEFAULT_RAM_SIZE, PLIC, RAM_BASE, UART

from ..build import BUILD_DIR
from ..elf import image_words
from ..errors import SimError


__all__ = ["Spike", "Step", "ISA", "PRIV", "spike_available"]


ISA = "rv64ima_zicsr_zifencei_zicntr"
PRIV = "MSU"

M, S, U = 3, 1, 0

CSR_MSTATUS, CSR_MIE, CSR_MIP, CSR_MIDELEG = 0x300, 0x304, 0x344, 0x303
CSR_MTVEC, CSR_MEPC, CSR_MCAUSE, CSR_MTVAL = 0x305, 0x341, 0x342, 0x343
CSR_STVEC, CSR_SEPC, CSR_SCAUSE, CSR_STVAL = 0x105, 0x141, 0x142, 0x143
CSR_MINSTRET, CSR_MCOUNTINHIBIT = 0xB02, 0x320
MSTATUS_SIE, MSTATUS_MIE, MSTATUS_SPIE, MSTATUS_MPIE = 1 << 1, 1 << 3, 1 << 5, 1 << 7
MSTATUS_TW = 1 << 21
SSI = 1

_DTS = """\
/dts-v1/;
/ {{
  #address-cells = <2>;
  #size-cells = <2>;
  compatible = "ucbbar,spike-bare-dev";
  model = "mkrv";
  cpus {{
    #address-cells = <1>;
    #size-cells = <0>;
    timebase-frequency = <10000000>;
    cpu@0 {{
      device_type = "cpu";
      reg = <0>;
      status = "okay";
      compatible = "riscv";
      riscv,isa = "{isa}";
      mmu-type = "riscv,sv39";
      clock-frequency = <1000000000>;
      interrupt-controller {{
        #address-cells = <2>;
        #interrupt-cells = <1>;
        interrupt-controller;
        compatible = "riscv,cpu-intc";
      }};
    }};
  }};
  memory@{base:x} {{
    device_type = "memory";
    reg = <0x0 {base:#x} 0x0 {size:#x}>;
  }};
}};
"""


def spike_available():
    """None if spike's Python bindings and ``dtc`` can be used, else why not (one line)."""
    try:
        import riscv.sim  # noqa: F401
    except ImportError as e:
        return f"spike's Python bindings are not installed ({e}; `make setup` installs them)"
    if shutil.which("dtc") is None:
        return "dtc is not installed (apt-get install device-tree-compiler)"
    return None


def _dtb(ram_size):
    """The device tree spike gets: one hart with Sv39, no PMP property, RAM, no devices."""
    dts = _DTS.format(isa=ISA, base=RAM_BASE, size=ram_size)
    out = BUILD_DIR / "verify" / f"mkrv-{ram_size:#x}.dtb"
    if out.exists():
        return out
    dtc = shutil.which("dtc")
    if dtc is None:
        raise SimError("dtc not found: it is needed to give spike the SoC's device tree "
                       "(apt-get install device-tree-compiler)")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f"{out.name}.{os.getpid()}.tmp")
    proc = subprocess.run([dtc, "-q", "-I", "dts", "-O", "dtb", "-o", str(tmp), "-"],
                          input=dts, text=True, capture_output=True)
    if proc.returncode != 0:
        raise SimError(f"dtc failed on spike's device tree: {proc.stderr.strip()[:200]}")
    tmp.replace(out)
    return out


# Offsets of fields of spike's C++ cfg_t (riscv/cfg.h of the pinned spike), and the defaults
# they must hold for the offsets to be trusted.
_CFG_ISA, _CFG_PMPREGIONS, _CFG_TRIGGERS, _CFG_BLOCKSZ = 24, 48, 136, 144


def _patch_cfg(cfg):
    """Set ``pmpregions`` and ``trigger_count`` of a ``cfg_t`` to 0 (spike's ``--pmpregions=0
    --triggers=0``), which the bindings do not expose."""
    # A pybind11 instance holds the pointer to its C++ object right after the PyObject header.
    ptr = ctypes.c_void_p.from_address(id(cfg) + 16).value
    field_at = lambda off: ctypes.c_uint64.from_address(ptr + off)  # noqa: E731
    isa = ctypes.string_at(field_at(_CFG_ISA).value) if field_at(_CFG_ISA).value else b""
    if (isa != ISA.encode() or field_at(_CFG_PMPREGIONS).value != 16
            or field_at(_CFG_TRIGGERS).value != 4 or field_at(_CFG_BLOCKSZ).value != 64):
        raise SimError("this version of spike's Python bindings keeps cfg_t differently; "
                       "sim/verify/spike.py cannot set --pmpregions=0 --triggers=0")
    field_at(_CFG_PMPREGIONS).value = 0
    field_at(_CFG_TRIGGERS).value = 0


# ------------------------------------------------------------------------------- devices

class _Inputs:
    """Counts the reads of device registers whose value spike cannot know."""
    count = 0
    uart = bytearray()
    clint = None
    state = None    # spike's state_t, for the PC
    amo = False     # the instruction being stepped is an AMO


def _make_devices():
    from riscv import dev

    class Device(dev.MMIO):
        BASE = 0

        def load(self, addr, size):
            if _Inputs.amo or 0 <= self.BASE + addr - _Inputs.state.pc < 4:
                # An AMO or an instruction fetch: the SoC's devices allow neither (the core
                # raises an access fault), where spike would do them. A short answer makes
                # spike raise the same access fault.
                return b""
            base = addr & ~7
            value = self.read(base)
            if value is None:
                _Inputs.count += 1
                value = 0
            return (value >> 8 * (addr - base) & ((1 << 8 * size) - 1)).to_bytes(size, "little")

        def store(self, addr, data):
            base = addr & ~7
            lanes = range(addr - base, addr - base + len(data))
            value = int.from_bytes(data, "little") << 8 * (addr - base)
            self.write(base, value, sum(0xff << 8 * i for i in lanes))

        def read(self, offset):
            return None

        def write(self, offset, value, mask):
            pass

    class Clint(Device):
        """msip and mtimecmp are plain registers; mtime is an input."""
        def __init__(self, sim, args=None):
            super().__init__(sim, args)
            self.msip = 0
            self.mtimecmp = (1 << 64) - 1
            _Inputs.clint = self

        def read(self, offset):
            if offset == 0x0:
                return self.msip
            if offset == 0x4000:
                return self.mtimecmp
            if offset == 0xBFF8:
                return None
            return 0

        def write(self, offset, value, mask):
            if offset == 0x0 and mask & 0xff:
                self.msip = value & 1
            elif offset == 0x4000:
                self.mtimecmp = self.mtimecmp & ~mask | value & mask

    class Plic(Device):
        """Every register is an input (pending bits and claims depend on the devices)."""

    class Uart(Device):
        """Every register is an input; bytes written to THR are kept."""
        def __init__(self, sim, args=None):
            super().__init__(sim, args)
            self.dlab = False

        def write(self, offset, value, mask):
            if offset != 0:
                return
            if mask & 0xff << 24:
                self.dlab = bool(value >> 31 & 1)
            if mask & 0xff and not self.dlab:
                _Inputs.uart.append(value & 0xff)

    for name, cls, region in (("mkrv_clint", Clint, CLINT), ("mkrv_plic", Plic, PLIC),
                              ("mkrv_uart", Uart, UART)):
        if name not in dev.mmio_device_map:
            cls.BASE = region.base
            dev.register(name, size=region.size)(cls)


_DEVICES = [("mkrv_clint", CLINT), ("mkrv_plic", PLIC), ("mkrv_uart", UART)]


# ---------------------------------------------------------------------------- one step

@dataclass
class Step:
    """What one step of spike did.

    Members
    -------
    pc, mode : int
        Address and privilege mode of the instruction (before the step).
    trapped : bool
        It raised an exception instead of retiring (``cause``, ``tval``: of that trap).
    next_pc : int
        The PC after the step (the handler's address after a trap).
    rd, rd_value : int
        Destination register written (0 for none) and its value.
    reads, writes : list
        Data memory accesses: ``(addr, size)`` read, ``(addr, value, size)`` written.
    inputs : int
        Reads of device registers that spike cannot know (their value came from the RTL).
    """
    pc: int
    mode: int
    trapped: bool = False
    cause: int = 0
    tval: int = 0
    next_pc: int = 0
    rd: int = 0
    rd_value: int = 0
    reads: list = field(default_factory=list)
    writes: list = field(default_factory=list)
    inputs: int = 0
    note: str = ""
    insn: object = None      # from spike's commit log, once read
    interrupt: bool = False  # an interrupt was taken just before it
    model: bool = False      # executed by the call-gate model (sim/verify/callgate.py)
    csr_write: object = None  # model: (CSR, value after) a CSR instruction wrote, or None


def _is_csr_access(insn, csr):
    return insn & 0x7f == 0x73 and insn >> 12 & 3 and insn >> 20 == csr


class Spike:
    """A spike instance running one program; see the module documentation.

    Parameters
    ----------
    program : sim.elf.Program
    ram_size : int
    """

    def __init__(self, program, ram_size=DEFAULT_RAM_SIZE):
        why = spike_available()
        if why:
            raise SimError(why)
        from riscv.cfg import cfg_t, mem_cfg_t
        from riscv.sim import sim_t

        _make_devices()
        dtb = _dtb(ram_size)
        cfg = cfg_t(isa=ISA, priv=PRIV, mem_layout=[mem_cfg_t(RAM_BASE, ram_size)],
                    start_pc=program.entry)
        _patch_cfg(cfg)
        self._tmp = tempfile.mkdtemp(prefix="mkrv-spike-")
        self.log_path = Path(self._tmp) / "commits.log"
        self._log_read = 0
        devices = [(name, [f"{region.base:x}", name]) for name, region in _DEVICES]
        self.sim = sim_t(cfg=cfg, halted=False, plugin_device_factories=devices,
                         args=[program.path], log_path=str(self.log_path), dtb_file=str(dtb))
        self._cfg = cfg   # the simulator keeps a pointer to it
        self.ram_size = ram_size
        self.proc = self.sim.get_core(0)
        self.state = self.proc.state
        _Inputs.count = 0
        _Inputs.uart = bytearray()
        _Inputs.state = self.state
        mmu = self.proc.mmu
        # The bindings have no plain store: a store-conditional after a load-reserved of the
        # same doubleword is one (each pair leaves no reservation behind).
        for index, value in image_words(program).items():
            addr = RAM_BASE + 8 * index
            mmu.load_reserved_64(addr)
            if not mmu.store_conditional_64(addr, value):
                raise SimError(f"cannot load {program.path} into spike at {addr:#x}")
        self.state.pc = program.entry
        #: Instructions retired without spike executing them (:meth:`skip_wfi`,
        #: :meth:`retire`) since ``minstret`` was last written: spike's count is that much
        #: behind, and a read of ``minstret``/``instret`` gets it added.
        self.instret_lag = 0
        self.sim.configure_log(True, True)
        self._libc = ctypes.CDLL(None)

    def close(self):
        shutil.rmtree(self._tmp, ignore_errors=True)

    # Architectural state.
    @property
    def pc(self):
        return self.state.pc

    @pc.setter
    def pc(self, value):
        self.state.pc = value

    @property
    def mode(self):
        return self.state.prv

    def x(self, n):
        return self.state.XPR[n]

    def set_x(self, n, value):
        if n:
            self.state.XPR.write(n, value)

    def csr(self, n):
        return self.proc.get_csr(n)

    def set_csr(self, n, value):
        self.proc.put_csr(n, value)

    @property
    def uart_output(self):
        return bytes(_Inputs.uart)

    def step(self, insn):
        """Execute the instruction at the PC (``insn`` is what the RTL says it is; it only
        tells an explicit write of ``mcause``/``scause`` from a trap)."""
        st = self.state
        pc, mode = st.pc, st.prv
        inputs = _Inputs.count
        _Inputs.amo = insn & 0x7f == 0x2f
        self.proc.step(1)
        _Inputs.amo = False
        s = Step(pc=pc, mode=mode, next_pc=st.pc, inputs=_Inputs.count - inputs)
        log = st.log_reg_write
        for cause_csr in (CSR_MCAUSE, CSR_SCAUSE):
            key = cause_csr << 4 | 4
            if key in log:
                del log[key]
                if not (_is_csr_access(insn, cause_csr) and s.next_pc == pc + 4):
                    s.trapped = True
                    s.cause = self.csr(cause_csr)
                    s.tval = self.csr(CSR_MTVAL if cause_csr == CSR_MCAUSE else CSR_STVAL)
        if s.trapped:
            return s
        rd = insn >> 7 & 31
        if rd and rd << 4 in log:
            del log[rd << 4]
            s.rd, s.rd_value = rd, st.XPR[rd]
        reads, writes = st.log_mem_read, st.log_mem_write
        s.reads = [reads[i][::2] for i in range(len(reads))]
        s.writes = [tuple(writes[i]) for i in range(len(writes))]
        return s

    def skip_wfi(self):
        """Retire a ``wfi`` as a no-op, if it is legal in the current mode; returns a
        :class:`Step`, or None (then :meth:`step` it: it traps).

        spike's own ``wfi`` would leave it waiting for an interrupt that its devices never
        raise, and each further step would count an instruction without executing one.
        """
        st = self.state
        mode = st.prv
        if mode == U or (mode == S and self.csr(CSR_MSTATUS) & MSTATUS_TW):
            return None
        s = Step(pc=st.pc, mode=mode, next_pc=st.pc + 4, note="wfi: no-op on spike")
        st.pc = st.pc + 4
        self._count_retired()
        return s

    def count_retired(self):
        """Count an instruction retired without spike executing it (see
        :attr:`instret_lag`)."""
        self._count_retired()

    def _count_retired(self):
        # A write of minstret through the bindings would also cancel spike's count of the
        # next instruction, so the difference is kept aside (see :attr:`instret_lag`).
        if not self.csr(CSR_MCOUNTINHIBIT) & 4:
            self.instret_lag += 1

    def take_interrupt(self, target):
        """Take an interrupt into mode ``target`` (M or S) now, as the RTL did.

        spike takes a supervisor software interrupt, made pending and enabled (and delegated
        or not) for the occasion; then ``mie``, ``mip`` and ``mideleg`` get their values back,
        and the cause is the caller's to set. Returns None, or why the RTL could not have
        taken such an interrupt here.
        """
        mode = self.mode
        mstatus = self.csr(CSR_MSTATUS)
        if target == M and mode == M and not mstatus & MSTATUS_MIE:
            return "an interrupt was taken into M-mode from M-mode with mstatus.MIE = 0"
        if target == S and mode == M:
            return "an interrupt was taken into S-mode from M-mode"
        if target == S and mode == S and not mstatus & MSTATUS_SIE:
            return "an interrupt was taken into S-mode from S-mode with sstatus.SIE = 0"
        if target not in (M, S):
            return f"an interrupt was taken into mode {target}"
        if not self._enter_trap(target):
            return "spike did not take the injected interrupt"   # not expected
        return None

    def raise_exception(self, cause, tval, medeleg=None):
        """Take exception ``cause`` on the instruction at the PC without executing it (for an
        instruction that the core does not implement and spike does, or one of the core's
        that traps); returns a :class:`Step`. ``medeleg`` decides the delegation (default:
        spike's own, which has no bits for the call-gate causes 24..26)."""
        mode, pc = self.mode, self.pc
        if medeleg is None:
            medeleg = self.csr(0x302)
        target = S if mode != M and medeleg >> cause & 1 else M
        ie, pie = (MSTATUS_MIE, MSTATUS_MPIE) if target == M else (MSTATUS_SIE, MSTATUS_SPIE)
        mstatus = self.csr(CSR_MSTATUS)
        if mode == target:
            self.set_csr(CSR_MSTATUS, mstatus | ie)   # (an interrupt needs it, a trap not)
        self._enter_trap(target)
        after = self.csr(CSR_MSTATUS) & ~pie
        self.set_csr(CSR_MSTATUS, after | (pie if mstatus & ie else 0))
        cause_csr, tval_csr, tvec = ((CSR_MCAUSE, CSR_MTVAL, CSR_MTVEC) if target == M
                                     else (CSR_SCAUSE, CSR_STVAL, CSR_STVEC))
        self.set_csr(cause_csr, cause)
        self.set_csr(tval_csr, tval)
        self.pc = self.csr(tvec) & ~3
        return Step(pc=pc, mode=mode, trapped=True, cause=cause, tval=tval, next_pc=self.pc)

    def retire(self, rd, value, note):
        """Retire the instruction at the PC without executing it: ``x[rd] = value`` and the
        next instruction (for an instruction of a mkrv extension, which spike lacks)."""
        st = self.state
        s = Step(pc=st.pc, mode=st.prv, next_pc=st.pc + 4, rd=rd, rd_value=value, note=note)
        self.set_x(rd, value)
        st.pc = st.pc + 4
        self._count_retired()
        return s

    def _enter_trap(self, target):
        """Make spike take a supervisor software interrupt into mode ``target``: pending,
        enabled only that one, delegated or not; then put ``mie``, ``mip`` and ``mideleg``
        back. Whether the mode allows it is the caller's business. True if it was taken."""
        saved = {n: self.csr(n) for n in (CSR_MIE, CSR_MIP, CSR_MIDELEG)}
        mideleg = saved[CSR_MIDELEG]
        self.set_csr(CSR_MIDELEG, mideleg | 1 << SSI if target == S else mideleg & ~(1 << SSI))
        self.set_csr(CSR_MIE, 1 << SSI)
        self.set_csr(CSR_MIP, saved[CSR_MIP] | 1 << SSI)
        pc = self.pc
        self.proc.step(1)
        for n in (CSR_MIDELEG, CSR_MIE, CSR_MIP):
            self.set_csr(n, saved[n])
        log = self.state.log_reg_write
        for cause_csr in (CSR_MCAUSE, CSR_SCAUSE):
            if cause_csr << 4 | 4 in log:
                del log[cause_csr << 4 | 4]
        return self.mode == target and self.csr(CSR_MEPC if target == M else CSR_SEPC) == pc

    def commits(self):
        """New lines of spike's commit log: a list of (mode, pc, insn), one per instruction
        that retired since the last call."""
        self._libc.fflush(None)   # spike's log is a buffered FILE
        with open(self.log_path, "rb") as f:
            f.seek(self._log_read)
            data = f.read()
        end = data.rfind(b"\n") + 1
        self._log_read += end
        out = []
        for m in _COMMIT.finditer(data[:end].decode("latin-1")):
            out.append((int(m.group(1)), int(m.group(2), 16), int(m.group(3), 16)))
        return out


_COMMIT = re.compile(r"^core +\d+: (\d) 0x([0-9a-f]+) \(0x([0-9a-f]+)\)", re.M)
