/* prog.h — element-wise expressions compiled to small programs and run fused.
 *
 * An expression made of arithmetic, comparisons, powers, element-wise builtins (exp, sin, …),
 * min/max of two, indexing by scalars, ranges written in place (1:N, their bounds numbers or
 * names) and calls of one-line user functions (inlined) compiles to a postfix program. One program runs in two ways:
 *   - on scalars (a tight stack machine, no Values), for loops and Σ bodies;
 *   - over arrays in cache-sized blocks (the numexpr idea): every operator is a SIMD kernel
 *     over a block of 256 elements, so `sum((y - ŷ)^2)` or `1/(1 + exp(-x))` makes no
 *     full-size temporaries; reductions consume the blocks directly. Operands of different
 *     shapes broadcast (a row, a column or one element spread over the result's shape) as in
 *     the element-wise engine.
 * Programs are cached in their node (arena memory) and compiled on first use. When a run
 * meets something it does not handle (shapes that do not broadcast, a function that was
 * redefined, a string), it answers PROG_NO and the caller uses the general evaluator: a
 * program is an optimisation, never a different meaning. */
#ifndef MLM_PROG_H
#define MLM_PROG_H

#include "eval.h"
#include "ops.h"

typedef struct Prog Prog;

typedef enum ProgResult { PROG_OK = 0, PROG_NO = 1, PROG_ERROR = 2 } ProgResult;


/* The program for expression n, compiling it the first time (into fr->arena); NULL when n
 * cannot be compiled. */
Prog *prog_of(Interp *in, Frame *fr, Node *n);

/* Runs p on scalars. */
ProgResult prog_scalar(Interp *in, Frame *fr, const Prog *p, double *out);

/* Runs p element-wise over its array operands (broadcast to one shape, as ew_binary does)
 * into a new array. PROG_NO when no operand is an array or the shapes do not broadcast. */
ProgResult prog_array(Interp *in, Frame *fr, const Prog *p, Span span, Value *out);

/* Reduces the elements p produces (as prog_array would) without storing them. */
ProgResult prog_reduce(Interp *in, Frame *fr, const Prog *p, Reduce how, Span span, double *out);

/* Σ / ∏ of p for the local slot index_slot = from, from + 1, …, to, evaluated in blocks of
 * the index. PROG_NO when the body is not a scalar of the index. */
ProgResult prog_index_reduce(Interp *in, Frame *fr, const Prog *p, int index_slot, double from,
                             double to, bool is_sum, Span span, double *out);

/* Runs `for var = start:step:… { … }` for iterations *iter … count − 1 in one tight loop,
 * when its body is made of: assignments of scalar programs to names, stores into array
 * elements (w[i] = e, X[i, j] = e), if/else, for over a range and while, break, continue
 * and return (arrays the body indexes are bound when the loop starts; loops of plain
 * arithmetic with 4096 iterations or more left run as x86-64 machine code, x86jit.h).
 * PROG_OK when all ran (or a `break` ended it; a `return` too, with *stmt −2 and fr->ret
 * set). PROG_NO when something needs the general evaluator (or SIGINT is pending):
 * iteration *iter has its loop variable set and its statements before *stmt done, or has
 * not started when *stmt is −1 (a body with branches or loops falls back only there).
 * PROG_ERROR with the error recorded, the general path's message at the general path's
 * position. The compiled loop is cached in the loop's node. */
ProgResult prog_loop(Interp *in, Frame *fr, Node *loop, double start, double step, size_t count,
                     size_t *iter, int *stmt);

/* Runs `while cond { … }` compiled (the same bodies as prog_loop, the condition a scalar
 * program) from the top of an iteration: PROG_OK when the loop has ended, PROG_NO when the
 * general path should go on from the condition (nothing of the iteration done), PROG_ERROR
 * with the error recorded. */
ProgResult prog_while(Interp *in, Frame *fr, Node *loop, bool *returned);

/* For tests: false sends every loop down the general path; the count of iterations that
 * compiled loops have run (all sessions of the process). */
extern bool prog_loops_enabled;
extern unsigned long prog_loop_iterations;
/* The native tier (x86-64): on, for loops with at least this many iterations left, and the
 * count of iterations it ran. */
extern bool prog_native_enabled;
extern size_t prog_native_min_iterations;
extern unsigned long prog_native_iterations;

#endif
