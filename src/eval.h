/* eval.h — the tree-walking evaluator over resolved ASTs.
 *
 * Every function returns false (or FLOW_ERROR) after recording an error in in->error; the
 * caller releases what it holds and passes the failure up. Values stored in *out are new
 * references owned by the caller. */
#ifndef MLM_EVAL_H
#define MLM_EVAL_H

#include "frame.h"
#include "interp.h"

bool eval_expr(Interp *in, Frame *fr, Node *n, Value *out);
Flow eval_statement(Interp *in, Frame *fr, Node *n);

/* Calls a function value (user function, lambda or builtin) with borrowed arguments. */
bool eval_call_value(Interp *in, Value callee, int argc, const Value *argv, Span span,
                     const Span *arg_spans, Value *out);

/* Calls the builtin called name (a table entry, whatever the user has rebound). */
bool eval_call_builtin(Interp *in, const char *name, int argc, const Value *argv, Span span,
                       Value *out);

/* Checks that x is a whole number in 1..len and stores x − 1 in *pos; otherwise records
 * "index 4 is out of range 1..3 (length 3)" or "index 1.5 is not a whole number" at span. */
bool eval_check_index(Interp *in, Span span, double x, size_t len, size_t *pos);
bool eval_range_quiet(Interp *in, Frame *fr, const Node *n, double *start, double *step, size_t *count);
/* The checks of range n's values (its step, ends and count) with the general path's errors. */
bool eval_range_check(Interp *in, const Node *n, double start, double step, double stop, size_t *count);

/* Truth of a condition: a nonzero scalar, or an array with every element nonzero. NaN is
 * an error, underlining the whole of the expression `where` that gave v. */
bool eval_truth(Interp *in, Value v, const Node *where, bool *out);

#endif
