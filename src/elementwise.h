/* elementwise.h — element-wise arithmetic, comparison and maths functions over scalars
 * and arrays with NumPy broadcasting (a vector broadcasts as a row over a matrix's rows).
 *
 * The scalar kernels here are the reference implementation: a faster (SIMD, fused)
 * engine must agree with them. All functions take borrowed operands and store a new
 * reference in *out; on failure they record an error at `span` and return false. */
#ifndef MLM_ELEMENTWISE_H
#define MLM_ELEMENTWISE_H

#include "interp.h"
#include "kernels.h"
#include "ops.h"

/* a op b element-wise with broadcasting; op is OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_POW,
 * OP_MOD or a comparison OP_EQ … OP_GE (results 1/0). Shape errors name both shapes:
 * "shapes 2 and 3 do not match for +". */
bool ew_binary(Interp *in, int op, Value a, Value b, Span span, Value *out);

/* ew_binary on operands the caller owns and gives up: a and b are released. The result may be
 * written over the storage of either when it is a temporary (an array no one else holds) of
 * the result's shape: `X @ W + b` adds b into the product's storage, allocating nothing. */
bool ew_binary_owned(Interp *in, int op, Value a, Value b, Span span, Value *out);

/* f applied to every element (scalar → scalar, array → same-shape array). */
bool ew_map(Interp *in, double (*f)(double), Value a, Span span, Value *out);

/* A kernel operator element-wise with broadcasting, named in errors (atan2, min, max …). */
bool ew_binary_named(Interp *in, KernelBinary kb, const char *name, Value a, Value b, Span span, Value *out);

/* The shape broadcasting a and b gives: returns false if incompatible. ndim 0 = scalar. */
bool ew_broadcast_shape(Value a, Value b, int *ndim, size_t *rows, size_t *cols);

/* The same on shapes: (na, ra, ca) and (nb, rb, cb), a vector being 1 × length and a scalar
 * ndim 0 and 1 × 1; each dimension equal or 1. The fused engine (prog.c) folds its operands'
 * shapes with it, so both engines broadcast alike. */
bool ew_broadcast_dims(int na, size_t ra, size_t ca, int nb, size_t rb, size_t cb, int *ndim,
                       size_t *rows, size_t *cols);

/* Approximate equality used by ≈ and `check a ≈ b`: |x − y| ≤ max(rel·max(|x|,|y|), abs). */
bool ew_close(double x, double y, double rel, double abs_tol);

#endif
