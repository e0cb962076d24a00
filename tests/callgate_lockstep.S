/*
 * The call-gate extension in lockstep with spike (tests/test_lockstep.py): a short,
 * self-checking program that uses every instruction, CSR and trap of docs/isa/callgate.md,
 * for `mkrv lockstep`, where spike follows it through the extension's executable model
 * (rtl/clb/model.py). It also passes on its own (`mkrv run`): each check stores the number
 * of the failing step (gp) to tohost.
 *
 * Conventions: s2 = cause of the last trap recorded (-1: none), s3 = its tval, s4 = traps
 * recorded, s5 != 0: the S-mode handler refills CLB misses (and counts them in s6), a6 = where
 * an ecall continues (in the mode it traps into), gp = step number. Handlers clobber t5, t6.
 */
    .option norvc

    .macro XCALL rs
    .insn r 0x0b, 0, 0, x0, \rs, x0
    .endm
    .macro XRET
    .insn r 0x0b, 0, 1, x0, x0, x0
    .endm
    .macro FILL idx, asid
    .insn r 0x0b, 0, 2, x0, \idx, \asid
    .endm
    .macro INVAL idx, asid
    .insn r 0x0b, 0, 3, x0, \idx, \asid
    .endm
    .macro STEP n
    li gp, \n
    .endm
    .macro CHECK reg, value
    li t6, \value
    bne \reg, t6, fail
    .endm
    .macro EXPECT cause
    CHECK s2, \cause
    li s2, -1
    .endm
    /* Stage a gate (satp in register, pc = label, badge) and fill it for (idx, asid). */
    .macro GATE satpreg, label, badge, idx, asid
    csrw 0x5C4, \satpreg
    la t1, \label
    csrw 0x5C5, t1
    li t1, \badge
    csrw 0x5C6, t1
    li t1, \idx
    li t2, \asid
    FILL t1, t2
    .endm
    /* xcall gate idx from the current ASID; a0 = the badge, or -7 if it missed. */
    .macro CALL idx
    li a0, -7
    li t1, \idx
    XCALL t1
    .endm
    .macro ASID n
    li t1, \n << 44
    csrw satp, t1
    .endm

    .section .text.init, "ax", @progbits
    .globl _start
_start:
    la t0, mtrap
    csrw mtvec, t0
    la t0, strap
    csrw stvec, t0
    li s2, -1
    li s4, 0
    li s5, 0

    /* ---- M-mode: the CSRs, their legalisation, medeleg bits 24..26 */
    STEP 1
    li t1, -1
    csrw 0x5C0, t1
    csrw 0x5C1, t1
    csrw 0x5C2, t1
    csrw 0x5C4, t1
    csrw 0x5C5, t1
    csrw 0x5C6, t1
    csrr t2, 0x5C0
    CHECK t2, -16
    csrr t2, 0x5C5
    CHECK t2, -4
    csrr t2, 0x5C4
    CHECK t2, 0                  /* xgsatp is WARL: MODE 15 is not written */
    li t1, 0x8fffffffffffffff
    csrw 0x5C4, t1
    csrr t2, 0x5C4
    CHECK t2, 0x8fffffffffffffff
    li t1, 0xff
    csrrc t2, 0x5C6, t1
    CHECK t2, -1
    csrrsi t2, 0x5C6, 3
    CHECK t2, -256
    csrrwi t2, 0x5C2, 17
    CHECK t2, -16
    csrr t2, 0x5C2
    CHECK t2, 16
    STEP 2
    li t1, 0x7ff01ff
    csrw medeleg, t1
    csrr t2, medeleg
    srli t2, t2, 24
    CHECK t2, 7
    csrci medeleg, 0x1f          /* illegal instructions to M; 24..26 stay */
    li t1, 1 << 25               /* LINK_OVERFLOW stays in M */
    csrc medeleg, t1
    csrr t2, medeleg
    srli t2, t2, 24
    CHECK t2, 5

    /* ---- M-mode: xcall/xret illegal, clb.* legal, reserved encodings illegal */
    STEP 3
    li t1, 3
    XCALL t1
    EXPECT 2
    CHECK s3, 0x0003000b        /* mtval = the instruction */
    XRET
    EXPECT 2
    .insn r 0x0b, 1, 0, x0, t1, x0        /* funct3 1 */
    EXPECT 2
    .insn r 0x0b, 0, 0, t0, t1, x0        /* xcall with rd */
    EXPECT 2
    .insn r 0x0b, 0, 1, x0, t1, x0        /* xret with rs1 */
    EXPECT 2
    .insn r 0x0b, 0, 9, x0, x0, x0        /* funct7 9 */
    EXPECT 2
    .insn r 0x0b, 0, 2, a1, t1, t1        /* clb.fill with rd */
    EXPECT 2
    li t1, 1
    li t2, 1
    FILL t1, t2
    INVAL x0, x0
    CHECK s4, 7                          /* no more traps than those */

    /* The link stack: four records; gates for S-mode, Bare with ASIDs. */
    la t1, lstack
    csrw 0x5C0, t1
    csrw 0x5C2, t1
    addi t1, t1, 64
    csrw 0x5C1, t1
    /* to S-mode */
    li t1, 3 << 11
    csrc mstatus, t1
    li t1, 1 << 11
    csrs mstatus, t1
    la t1, s_main
    csrw mepc, t1
    mret

s_main:
    /* ---- S-mode, Bare, ASID 1: hits, badge, nested calls, misses */
    STEP 4
    ASID 1
    li a1, 0x1111
    ASID 1
    li t3, 2 << 44
    GATE t3, callee, 0xA1, 3, 1          /* (1, 3) -> callee in ASID 2, badge 0xA1 */
    li t3, 3 << 44
    GATE t3, nested, 0xA2, 4, 1          /* (1, 4) -> nested in ASID 3 */
    li t3, 1 << 44
    GATE t3, callee, 0xB5, 5, 3          /* (3, 5) -> callee back in ASID 1 */
    CALL 3
    CHECK a0, 0xA1
    CHECK a1, 0x1111                     /* argument registers unchanged */
    csrr t2, satp
    CHECK t2, 1 << 44                    /* back in the caller's address space */
    csrr t2, 0x5C2
    la t1, lstack
    bne t1, t2, fail
    STEP 5
    CALL 4                               /* 1 -> 3 -> 1: the second xret reads memory */
    CHECK a0, 0xB5
    CHECK a2, 0xA2
    csrr t2, satp
    CHECK t2, 1 << 44
    STEP 6
    CALL 6                               /* miss: delegated, recorded, skipped */
    EXPECT 24
    CHECK s3, 6
    CHECK a0, -7
    li t1, 1 << 32 | 3                   /* wider than 32 bits: never hits */
    XCALL t1
    EXPECT 24
    li t2, 1 << 32 | 3
    bne s3, t2, fail
    ASID 2
    CALL 3                               /* (2, 3): another ASID's index */
    EXPECT 24
    ASID 1
    STEP 7
    li t1, 1 << 32 | 7                   /* a fill truncates the index to 32 bits */
    li t2, 0x50001                       /* and the ASID to 16 */
    FILL t1, t2
    CALL 7
    CHECK a0, 0xB5
    STEP 8
    li s5, 1                             /* the handler refills: the xcall retries and hits */
    li s6, 0
    li t3, 2 << 44
    csrw 0x5C4, t3
    la t1, callee
    csrw 0x5C5, t1
    li t1, 0xC8
    csrw 0x5C6, t1
    CALL 8
    CHECK a0, 0xC8
    CHECK s6, 1
    CALL 8
    CHECK s6, 1                          /* cached now */
    li s5, 0

    /* ---- link-stack traps */
    STEP 9
    XRET                                 /* empty: LINK_EMPTY, stval = xlsptr */
    EXPECT 26
    la t1, lstack
    bne s3, t1, fail
    addi t1, t1, 16
    csrw 0x5C1, t1                       /* room for one record */
    CALL 4                               /* nested: the inner xcall overflows, into M */
    CHECK a0, -7
    CHECK a2, 0xA2
    EXPECT 25
    la t1, lstack
    addi t1, t1, 16
    bne s3, t1, fail                     /* stval = xlsptr */
    la t1, lstack
    addi t1, t1, 64
    csrw 0x5C1, t1
    li t1, 0x1000                        /* a link stack outside RAM */
    csrw 0x5C0, x0
    csrw 0x5C2, t1
    CALL 3
    EXPECT 7                             /* store access fault, stval = xlsptr */
    CHECK s3, 0x1000
    XRET                                 /* load access fault, stval = xlsptr - 16 */
    EXPECT 5
    CHECK s3, 0xff0
    la t1, lstack
    csrw 0x5C0, t1
    csrw 0x5C2, t1

    /* ---- the top-of-stack register wins over a record rewritten in memory ... */
    STEP 10
    li t3, 2 << 44
    GATE t3, rewrite, 0xD1, 9, 1
    li a3, 0
    CALL 9
    CHECK a3, 1                          /* returned to the xcall + 4 */
    /* ... until a link-stack CSR is written (here with the value it holds) */
    li a3, 2
    CALL 9
    j fail                               /* returns to alt_ret, from memory */
alt_ret:
    CHECK a3, 3

    /* ---- round robin: the ninth new tag evicts the first, a refill stays in place */
    STEP 11
    INVAL x0, x0
    li t3, 2 << 44
    .irp n, 100, 101, 102, 103, 104, 105, 106, 107, 108
    GATE t3, callee, \n, \n, 1
    .endr
    CALL 100
    EXPECT 24
    CALL 101
    CHECK a0, 101
    GATE t3, callee, 0x101, 101, 1      /* same tag: in place, the victim stays */
    CALL 101
    CHECK a0, 0x101
    CALL 102
    CHECK a0, 102
    GATE t3, callee, 109, 109, 1        /* evicts 101, the next victim */
    CALL 101
    EXPECT 24
    CALL 102
    CHECK a0, 102
    CALL 108
    CHECK a0, 108

    /* ---- the invalidation forms */
    STEP 12
    .macro FOUR
    INVAL x0, x0
    GATE t3, callee, 0x13, 3, 1
    GATE t3, callee, 0x14, 4, 1
    GATE t3, callee, 0x23, 3, 2
    GATE t3, callee, 0x24, 4, 2
    .endm
    .macro CALL_FROM asid, idx, expect
    ASID \asid
    CALL \idx
    CHECK a0, \expect
    li s2, -1
    .endm
    FOUR
    li t2, 1
    INVAL x0, t2                         /* ASID 1 */
    CALL_FROM 1, 3, -7
    CALL_FROM 1, 4, -7
    CALL_FROM 2, 3, 0x23
    STEP 13
    FOUR
    li t1, 3
    INVAL t1, x0                         /* index 3, every ASID */
    CALL_FROM 1, 3, -7
    CALL_FROM 2, 3, -7
    CALL_FROM 2, 4, 0x24
    STEP 14
    FOUR
    li t1, 4
    li t2, 2
    INVAL t1, t2                         /* one entry */
    CALL_FROM 2, 4, -7
    CALL_FROM 1, 4, 0x14
    CALL_FROM 2, 3, 0x23
    STEP 15
    FOUR
    li t1, 0
    INVAL t1, x0                         /* a register holding 0: index 0, not all */
    CALL_FROM 1, 3, 0x13
    li t1, 1 << 32 | 3
    INVAL t1, x0                         /* a wide index: nothing */
    CALL_FROM 1, 3, 0x13
    li t2, 0
    INVAL x0, t2                         /* ASID 0 (a register holding 0): nothing here */
    CALL_FROM 2, 4, 0x24
    INVAL x0, x0
    CALL_FROM 2, 4, -7
    ASID 1

    /* ---- U-mode: xcall and xret work, management is illegal */
    STEP 16
    li t3, 2 << 44
    GATE t3, callee, 0xE1, 3, 1
    la a6, s_back
    la t1, u_main
    csrw sepc, t1
    li t1, 1 << 8
    csrc sstatus, t1
    sret
u_main:
    CALL 3
    CHECK a0, 0xE1
    li t1, 3
    li t2, 1
    FILL t1, t2
    EXPECT 2
    INVAL x0, x0
    EXPECT 2
    csrr t1, 0x5C0
    EXPECT 2
    csrw 0x5C6, x0
    EXPECT 2
    CALL 4
    EXPECT 24
    ecall                                /* back to S, at a6 */
s_back:
    CALL 3                               /* the U-mode attempts changed nothing */
    CHECK a0, 0xE1

    /* ---- Sv39: the callee's address space maps the code elsewhere and not the link stack */
    STEP 17
    la t1, root1
    srli t1, t1, 12
    li t2, 8 << 60 | 5 << 44
    or s7, t1, t2                        /* s7: satp of ASID 5 (root1) */
    la t1, root2
    srli t1, t1, 12
    li t2, 8 << 60 | 6 << 44
    or s8, t1, t2                        /* s8: satp of ASID 6 (root2) */
    csrw 0x5C4, s8
    la t1, callee
    li t2, 0x40000000                    /* root2 maps it at +1 GiB */
    add t1, t1, t2
    csrw 0x5C5, t1
    li t1, 0x5A
    csrw 0x5C6, t1
    li t1, 1
    li t2, 5
    FILL t1, t2                          /* (5, 1) -> callee in ASID 6 */
    la t1, nested
    li t2, 0x40000000
    add t1, t1, t2
    csrw 0x5C5, t1
    li t1, 2
    li t2, 5
    FILL t1, t2                          /* (5, 2) -> nested in ASID 6 */
    csrw 0x5C4, s7
    la t1, callee
    csrw 0x5C5, t1
    li t1, 0x65
    csrw 0x5C6, t1
    li t1, 5
    li t2, 6
    FILL t1, t2                          /* (6, 5) -> callee in ASID 5 */
    csrw satp, s7
    sfence.vma
    CALL 1
    CHECK a0, 0x5A
    CALL 2                               /* 5 -> 6 -> 5, the last xret from memory */
    CHECK a0, 0x65
    CHECK a2, 0x5A
    csrr t1, satp
    bne t1, s7, fail
    csrw satp, x0
    sfence.vma

    /* ---- TVM: clb.* illegal in S-mode, xcall still works */
    STEP 18
    la a6, m_tvm
    ecall                                /* to M, at a6 */
m_tvm:
    ASID 1                               /* (S may not write satp with TVM set) */
    li t1, 1 << 20
    csrs mstatus, t1
    la t1, s_tvm
    csrw mepc, t1
    li t1, 3 << 11
    csrc mstatus, t1
    li t1, 1 << 11
    csrs mstatus, t1
    mret
s_tvm:
    li t1, 3
    li t2, 1
    FILL t1, t2
    EXPECT 2
    INVAL x0, x0
    EXPECT 2
    CALL 3
    CHECK a0, 0xE1

    /* pass */
    la t0, tohost
    li t1, 1
    sd t1, 0(t0)
1:  j 1b

fail:
    slli gp, gp, 1
    ori gp, gp, 1
    la t0, tohost
    sd gp, 0(t0)
2:  j 2b

    /* ---- callees (they run in the caller's mode) */
callee:
    mv a0, t0
    XRET
nested:                                  /* a2 = own badge, then gate 5 of ASID 3 (or 5) */
    mv a2, t0
    li t1, 5
    XCALL t1
    XRET
rewrite:                                 /* S-mode, Bare: rewrite the record's return PC */
    addi a3, a3, 1
    csrr t1, 0x5C2
    la t2, alt_ret
    sd t2, -16(t1)
    li t2, 3
    bne a3, t2, 1f
    csrw 0x5C2, t1                       /* the same value: drops the top record */
1:  XRET

    /* ---- trap handlers */
    .balign 4
mtrap:
    csrr t5, mcause
    li t6, 9
    beq t5, t6, m_ecall
    li t6, 8
    beq t5, t6, m_ecall
    mv s2, t5
    csrr s3, mtval
    addi s4, s4, 1
    csrr t6, mepc
    addi t6, t6, 4
    csrw mepc, t6
    mret
m_ecall:                                 /* continue at a6 in M-mode */
    csrw mepc, a6
    li t6, 3 << 11
    csrs mstatus, t6
    mret

    .balign 4
strap:
    csrr t5, scause
    li t6, 8
    beq t5, t6, s_ecall
    li t6, 24
    bne t5, t6, 1f
    bnez s5, s_refill
1:  mv s2, t5
    csrr s3, stval
    addi s4, s4, 1
    csrr t6, sepc
    addi t6, t6, 4
    csrw sepc, t6
    sret
s_ecall:                                 /* continue at a6 in S-mode */
    csrw sepc, a6
    li t6, 1 << 8
    csrs sstatus, t6
    sret
s_refill:                                /* fill (stval, satp.ASID) from the staged gate */
    csrr t5, satp
    slli t5, t5, 4
    srli t5, t5, 48
    csrr t6, stval
    FILL t6, t5
    addi s6, s6, 1
    sret

    .section .tohost, "aw", @progbits
    .balign 64
    .globl tohost
tohost: .dword 0
    .balign 64
    .globl fromhost
fromhost: .dword 0

    .data
    .balign 4096
root1:                                   /* VA 0x8000_0000 (1 GiB) -> PA 0x8000_0000 */
    .dword 0, 0, 0x200000cf, 0
    .fill 508, 8, 0
root2:                                   /* VA 0xC000_0000 (1 GiB) -> PA 0x8000_0000 only */
    .dword 0, 0, 0, 0x200000cf
    .fill 508, 8, 0
    .balign 16
lstack:
    .fill 8, 8, 0
