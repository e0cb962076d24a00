# Supervisor software interrupt (code 1): M sets mip.SSIP; S-mode can set
# and clear it through sip when it is delegated.
#
# Taken into M when not delegated (in M with MIE = 1; in S and U always),
# into S when delegated through mideleg (in S with SIE = 1; in U always;
# never in M); xepc = the next instruction when enabled by a CSR write.
# The body is env/irq_s.h, see there for the rules.
#
# Written for mkrv from the RISC-V privileged specification (1.12).
#define IRQ_N     IRQ_S_SOFT
#define S_CAN_SET 1
#include "irq_s.h"
