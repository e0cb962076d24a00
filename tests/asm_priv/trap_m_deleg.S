# Traps from M-mode with every medeleg bit set: still taken into M-mode (a trap
# never goes to a less privileged mode than the one it is raised in).
#
# Every exception cause that needs no address translation (0-9, 11: misaligned
# fetch, fetch access fault, illegal instruction, breakpoint, load/store
# misaligned and access faults, ecall) with its cause, xepc, xtval and xPP:
# the body is env/trap_causes.h, see there for the expected values. Page
# faults (12, 13, 15) and their delegation are in the vm_*.S tests.
#
# Written for mkrv from the RISC-V privileged specification (1.12).
#define T_MODE  PRV_M
#define T_DELEG 1
#include "trap_causes.h"
