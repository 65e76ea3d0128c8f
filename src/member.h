/* member.h — x ∈ S (OP_IN): a shape stated as x ∈ ℝ, x ∈ ℝⁿ, X ∈ ℝ^{m×n} (also ℤ and ℕ),
 * or membership in a vector or a range (3 ∈ [1, 2, 3], i ∈ 1..10). */
#ifndef MLM_MEMBER_H
#define MLM_MEMBER_H

#include "frame.h"
#include "interp.h"

/* Evaluates n (an N_BINARY with op OP_IN) into *out: 1 or 0 for a shape or a number's
 * membership, an array of 1s and 0s for an array's elements' membership in a vector. */
bool eval_member(Interp *in, Frame *fr, Node *n, Value *out);

#endif
