/*
 * The engine's frame lemma: what a write elsewhere in the context leaves of a program
 * slot's part of the invariant (dp_boot_prog_ok, dp_boot.h). Internal to the proofs of
 * the engine; no code.
 *
 * A write of a pointer or a 32-bit field of the context changes the array WP keeps all
 * such values in, and program slot k's part reads six fields of the slot and four of
 * b->mem from those arrays. The provers do not carry the part across the write by
 * unfolding it (out of time); from this lemma they need only the ten equalities
 * (proofs/README.md, "Wide writes: a writer, then a keeper").
 *
 * Where it is proved: WP proves a lemma only in a run over a whole file, and dp_boot.c is
 * still proved function by function (-wp-fct; WP_PENDING in mk/proofs.mk). So
 * dp_boot_query.c, whose run is whole, includes this header as well, and its run proves
 * the lemma; dp_boot.c uses it.
 */
#ifndef DP_BOOT_FRAME_H
#define DP_BOOT_FRAME_H

#include "dp_boot.h"

/*@ lemma dp_boot_prog_frame{L1, L2}: \forall struct dp_boot *b, integer k;
      dp_boot_prog_ok{L1}(b, k) && DP_BOOT_PROG_SAME(b, k, L1, L2) &&
      \at(b->mem.stmt, L1) == \at(b->mem.stmt, L2) && \at(b->mem.pool, L1) == \at(b->mem.pool, L2) &&
      \at(b->mem.stmt_cap, L1) == \at(b->mem.stmt_cap, L2) &&
      \at(b->mem.pool_cap, L1) == \at(b->mem.pool_cap, L2) ==>
      dp_boot_prog_ok{L2}(b, k);
*/

#endif
