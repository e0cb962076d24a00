// mkrv_ram: the main memory of the mkrv SoC for Verilator (rtl/soc/ram.py, VerilogRAM).
//
// A fetch port (ibus, read only) and a data port (dbus, byte-lane writes), both with the
// one-cycle read latency of rtl/bus.py; a fetch in the cycle of a write to the same word
// sees the written bytes (transparent, as the Amaranth RAM's fetch port). Addresses are
// full byte addresses; the RAM decodes addr[AW+2:3] only.
//
// At time zero the memory is cleared and, when the simulation is run with
// +mkrv_ram=<file>, loaded with $readmemh from <file>: one 64-bit word a line (hex), with
// "@<word index>" markers; word 0 is the doubleword at the base (0x8000_0000).

`default_nettype none

module mkrv_ram #(
    parameter integer WORDS = 2097152
) (
    input  wire        clk,
    input  wire        ibus_valid,
    // verilator lint_off UNUSEDSIGNAL
    // The RAM ignores the byte offset and the base bits above its size.
    input  wire [31:0] ibus_addr,
    // verilator lint_on UNUSEDSIGNAL
    output reg  [63:0] ibus_rdata,
    input  wire        dbus_valid,
    // verilator lint_off UNUSEDSIGNAL
    input  wire [31:0] dbus_addr,
    // verilator lint_on UNUSEDSIGNAL
    input  wire        dbus_we,
    input  wire [7:0]  dbus_sel,
    input  wire [63:0] dbus_wdata,
    output reg  [63:0] dbus_rdata
);
    localparam integer AW = $clog2(WORDS);

    reg [63:0] mem [0:WORDS-1];

    wire [AW-1:0] iidx = ibus_addr[AW+2:3];
    wire [AW-1:0] didx = dbus_addr[AW+2:3];
    wire [63:0] mask = {{8{dbus_sel[7]}}, {8{dbus_sel[6]}}, {8{dbus_sel[5]}},
                        {8{dbus_sel[4]}}, {8{dbus_sel[3]}}, {8{dbus_sel[2]}},
                        {8{dbus_sel[1]}}, {8{dbus_sel[0]}}};

    // One read-modify-write of the whole word: faster in Verilator than eight byte writes.
    always @(posedge clk) begin
        if (dbus_valid && dbus_we)
            mem[didx] <= (mem[didx] & ~mask) | (dbus_wdata & mask);
        if (dbus_valid && !dbus_we)
            dbus_rdata <= mem[didx];
        if (ibus_valid)
            ibus_rdata <= (dbus_valid && dbus_we && didx == iidx)
                          ? (mem[iidx] & ~mask) | (dbus_wdata & mask) : mem[iidx];
    end

    reg [8*1024-1:0] image;
    integer i;
    initial begin
        ibus_rdata = 64'd0;
        dbus_rdata = 64'd0;
        for (i = 0; i < WORDS; i = i + 1)
            mem[i] = 64'd0;
        if ($value$plusargs("mkrv_ram=%s", image))
            $readmemh(image, mem);
    end
endmodule

`default_nettype wire
