/* builtins_calc.h — the calculus glue the evaluator calls (builtins_calc.c): f' on a
 * function, the diff special form, and f'(x) at undefined names (the formula itself). */
#ifndef MLM_BUILTINS_CALC_H
#define MLM_BUILTINS_CALC_H

#include "builtins.h"
#include "frame.h"

/* f' of a function or one-argument builtin v: a new derivative function in *out. */
bool calc_prime(Interp *in, Value v, Span span, Value *out);
/* True for builtins whose arguments are formulas (diff): eval_call hands them the node. */
bool calc_is_special(const Builtin *b);
bool calc_eval_special(Interp *in, Frame *fr, Node *n, const Builtin *b, Value *out);
/* A call of a derivative at names that are undefined: 1 with the formula in *out, 0 on an
 * error, -1 when the call is an ordinary one. */
int calc_symbolic_call(Interp *in, Node *n, Value callee, Value *out);

/* why d/dx E (a diff call): prints the derivation rule by rule. */
bool calc_why_accepts(const Node *n);
Flow calc_why(Interp *in, Frame *fr, Node *s);

#endif
