# fence (RV64I): orders memory accesses. On a single hart it has no visible
# effect on its own accesses, so this checks that every encoding (including
# fence.tso, the rarely used predecessor/successor sets, and the reserved
# fields that must be ignored) executes as a no-op without trapping and that
# memory stays consistent across it.
#
# Written for mkrv from the RISC-V unprivileged ISA specification (20191213).
#include "mkrv_test.h"
#include "test_macros.h"

RVTEST_RV64U
RVTEST_CODE_BEGIN

  la s0, tdat
  TEST_CASE( 2, a4, 0x1234, li a1, 0x1234; sd a1, 0(s0); fence; ld a4, 0(s0))
  TEST_CASE( 3, a4, 0x5678, li a1, 0x5678; sd a1, 0(s0); fence w, r; ld a4, 0(s0))
  TEST_CASE( 4, a4, 0x5678, fence r, rw; ld a4, 0(s0))
  TEST_CASE( 5, a4, 0x9abc, li a1, 0x9abc; fence rw, w; sd a1, 0(s0); fence iorw, iorw; ld a4, 0(s0))
  TEST_CASE( 6, a4, 0x9abc, fence i, o; fence o, i; fence.tso; ld a4, 0(s0))
  # fence with an empty set (a hint) and the reserved rd/rs1/fm fields set:
  # implementations must ignore them
  TEST_CASE( 7, a4, 0x9abc, .word 0x0000000f; ld a4, 0(s0))    /* fence 0, 0 */
  TEST_CASE( 8, a4, 0x9abc, .word 0x0ff5800f; ld a4, 0(s0))    /* fence iorw, iorw with rs1 = a1 */
  TEST_CASE( 9, a4, 0x9abc, .word 0x0ff0058f; ld a4, 0(s0))    /* fence iorw, iorw with rd = a1 */
  TEST_CASE(10, a4, 7, li a1, 7; .word 0x0ff0058f; addi a4, a1, 0) /* ... and rd is not written */
  # registers and a dependent chain across fences
  TEST_CASE(11, a4, 3, li a1, 1; fence; addi a1, a1, 1; fence; addi a4, a1, 1)
  # an AMO and a load around a fence
  TEST_CASE(12, a4, 0x9abd, li a1, 1; amoadd.d a2, a1, (s0); fence; ld a4, 0(s0))

TEST_PASSFAIL
RVTEST_CODE_END

RVTEST_DATA_BEGIN
  .align 3
tdat: .dword 0
RVTEST_DATA_END
