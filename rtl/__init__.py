"""mkrv RTL: an RV64 core for microkernels, its extensions and its SoC, in Amaranth."""
