/* simplify.h — rewrites a formula into the form a textbook prints.
 *
 * Constants folded (exactly: 2/4 stays the fraction 1/2), no 0· or ·1 or +0, like terms
 * collected (x + x = 2x), powers of one base merged (x·x² = x³), numbers first (2x, not x·2),
 * denominators kept factored (1/(2√x), not expanded), equal branches of `if` merged. The
 * rewrite keeps the value: only identities that hold for every input are used (x/x is not
 * cancelled to 1, (x²)^(1/2) is not x).
 *
 * Memory: the result and its new nodes are in s->arena; n's nodes may be reused in it. */
#ifndef MLM_SIMPLIFY_H
#define MLM_SIMPLIFY_H

#include "symbolic.h"

Node *simplify(const Sym *s, Node *n);

#endif
