"""Encodings of the base ISA that the core and its extensions share: opcodes, causes, CSRs."""

from amaranth.lib import enum


__all__ = ["Opcode", "Cause", "Interrupt", "CSRAddr", "Priv", "MISA_EXT"]


class Opcode(enum.IntEnum, shape=7):
    """Major opcodes (``insn[6:0]``) of RV64."""
    LOAD     = 0b0000011
    CUSTOM_0 = 0b0001011
    MISC_MEM = 0b0001111
    OP_IMM   = 0b0010011
    AUIPC    = 0b0010111
    OP_IMM_32 = 0b0011011
    STORE    = 0b0100011
    AMO      = 0b0101111
    OP       = 0b0110011
    LUI      = 0b0110111
    OP_32    = 0b0111011
    BRANCH   = 0b1100011
    JALR     = 0b1100111
    JAL      = 0b1101111
    SYSTEM   = 0b1110011


class Priv(enum.IntEnum, shape=2):
    """Privilege modes, encoded as in ``mstatus.MPP``."""
    U = 0
    S = 1
    M = 3


class Cause(enum.IntEnum, shape=6):
    """Exception codes (``mcause`` with the interrupt bit clear)."""
    FETCH_MISALIGNED = 0
    FETCH_ACCESS     = 1
    ILLEGAL_INSN     = 2
    BREAKPOINT       = 3
    LOAD_MISALIGNED  = 4
    LOAD_ACCESS      = 5
    STORE_MISALIGNED = 6
    STORE_ACCESS     = 7
    ECALL_U          = 8
    ECALL_S          = 9
    ECALL_M          = 11
    FETCH_PAGE_FAULT = 12
    LOAD_PAGE_FAULT  = 13
    STORE_PAGE_FAULT = 15


class Interrupt(enum.IntEnum, shape=6):
    """Interrupt codes (``mcause`` with the interrupt bit set), also bit numbers of mip/mie."""
    SSI = 1
    MSI = 3
    STI = 5
    MTI = 7
    SEI = 9
    MEI = 11


class CSRAddr(enum.IntEnum, shape=12):
    """Numbers of the CSRs of the base core."""
    MSTATUS   = 0x300
    MISA      = 0x301
    MIE       = 0x304
    MTVEC     = 0x305
    MCOUNTINHIBIT = 0x320
    MSCRATCH  = 0x340
    MEPC      = 0x341
    MCAUSE    = 0x342
    MTVAL     = 0x343
    MIP       = 0x344
    MCYCLE    = 0xB00
    MINSTRET  = 0xB02
    CYCLE     = 0xC00
    TIME      = 0xC01
    INSTRET   = 0xC02
    MVENDORID = 0xF11
    MARCHID   = 0xF12
    MIMPID    = 0xF13
    MHARTID   = 0xF14
    MCONFIGPTR = 0xF15


def MISA_EXT(letters):
    """The ``misa`` extension bits for the extension ``letters`` (e.g. ``"AIM"``)."""
    bits = 0
    for letter in letters:
        bits |= 1 << (ord(letter.upper()) - ord("A"))
    return bits
