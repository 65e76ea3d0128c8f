/* eval_internal.h — what the evaluator's three files (eval.c: expressions, eval_index.c:
 * indexing, eval_stmt.c: statements) share and nobody else uses. Errors and ownership follow
 * eval.h: false (or FLOW_ERROR / SCALAR_ERROR) after recording in->error; produced Values are
 * new references. */
#ifndef MLM_EVAL_INTERNAL_H
#define MLM_EVAL_INTERNAL_H

#include "eval.h"

/* Handlers kept out of line so the hot paths (scalar, eval_statement) stay small. */
#define COLD __attribute__((noinline))

enum { MAX_EVAL_DEPTH = 100000, SMALL_ARGS = 8 };

/* Results of eval_scalar (the scalar fast path). */
enum { SCALAR_OK = 0, SCALAR_NO = 1, SCALAR_ERROR = 2 };

/* The value a name node (N_LOCAL or N_GLOBAL) refers to, in the frame or the globals. */
static inline Value *variable_slot(Interp *in, Frame *fr, const Node *name) {
    return name->kind == N_LOCAL ? &fr->slots[name->slot] : &in->globals[name->slot].value;
}

/* The ends, step and element count (at most 10^15) of range node n (eval.c). */
bool eval_range_bounds(Interp *in, Frame *fr, Node *n, double *start, double *step, double *stop, size_t *count);
/* Gives a lazy range or linspace held in a variable its storage (eval.c). */
bool eval_materialize(Interp *in, Array *a, Span span);
/* n as a scalar without touching the heap when every value it meets is a scalar: SCALAR_OK
 * with *out, SCALAR_NO (nothing happened), or SCALAR_ERROR (eval.c). */
int eval_scalar(Interp *in, Frame *fr, Node *n, double *out);
/* The scalar fast path of an index node x[i] / X[i, j]; *st as eval_scalar's (eval.c). */
double eval_scalar_index(Interp *in, Frame *fr, Node *n, int *st);
/* a ≈ b with relative rel and absolute abs_tol tolerances, element-wise (eval.c). */
bool eval_approx_equal(Interp *in, Value a, Value b, double rel, double abs_tol, Span span, bool *equal);
/* `x = a:b`, `x = linspace(a, b, n)` as a lazy sequence: SCALAR_OK with *out, SCALAR_NO when
 * value is not such a thing, SCALAR_ERROR (eval.c). */
int eval_lazy_sequence(Interp *in, Frame *fr, Node *value, Value *out);
/* A call node f(args) (also E[X], a call written with brackets) (eval.c). */
bool eval_call(Interp *in, Frame *fr, Node *n, Value *out);
/* x[i] … as a value (eval_index.c). */
bool eval_index(Interp *in, Frame *fr, Node *n, Value *out);
/* name[i] = v … (eval_index.c). */
bool eval_index_assign(Interp *in, Frame *fr, Node *s);

#endif
