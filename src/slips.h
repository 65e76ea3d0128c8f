/* slips.h — when a `check a ≈ b` fails, the usual slip that the numbers show: a factor n or
 * 1/n (a sum for a mean), n/(n − 1) (population for sample variance), ln 2 (nats for bits),
 * 100 (percent for a fraction), π/180 (degrees), a sign, a reciprocal, a transposed matrix,
 * the element-wise for the matrix product. A hint is given only when got equals the slipped
 * expected value within the check's tolerance and the slip moves expected by more than that
 * tolerance ten times over: numbers that only come near a slip get no hint. */
#ifndef MLM_SLIPS_H
#define MLM_SLIPS_H
#include <stdbool.h>
#include <stddef.h>

#include "ast.h"
#include "interp.h"
#include "value.h"

/* A matrix or vector of doubles, row-major (a scalar is 1×1, ndim 0). Borrowed data. */
typedef struct SlipArray {
    const double *data;
    size_t rows, cols;
    int ndim;               /* 0 scalar, 1 vector, 2 matrix */
} SlipArray;

/* The hint for got where want was expected, compared with relative tolerance rel and
 * absolute abs_tol as the check does; ns[0..nn) are the lengths n of the arrays the check's
 * expressions use (the n of a mean or a variance); with nn = 0 the slips that need n are not
 * claimed.
 * Writes the hint (no trailing full stop) into buf and returns true, or returns false. */
bool slips_numbers(SlipArray got, SlipArray want, double rel, double abs_tol,
                   const size_t *ns, int nn, char *buf, size_t size);

/* The product slip: got ≈ A ⊙ B (element-wise) where want ≈ A B (matrix product), or the
 * other way (elementwise_got false: got is A B, want A ⊙ B). */
bool slips_product(SlipArray A, SlipArray B, SlipArray got, SlipArray want, bool elementwise_got,
                   double rel, double abs_tol, char *buf, size_t size);

/* For eval_check: got (the value of got_expr) failed against want (of want_expr). Looks at the
 * expressions for array lengths and for a product of two named matrices; writes the hint or
 * returns false. Reads globals only; evaluates nothing. */
bool slips_explain(Interp *in, const Node *got_expr, const Node *want_expr, Value got, Value want,
                   double rel, double abs_tol, char *buf, size_t size);

#endif
