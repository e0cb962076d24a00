"""The mkrv SoC: RAM, UART, CLINT and PLIC around the core, at spike's and QEMU virt's addresses."""
