/* backprop.h — reverse-mode automatic differentiation (backpropagation) of a function whose
 * parameters are arrays: ∇L(w) for L(w) = mean((X @ w − y)^2), the gradients of a
 * two-layer network's weights. Exact (the analytic rule of every operation, never finite
 * differences) through + − * / ^ with broadcasting, @, transpose, element-wise maths,
 * sum, mean, max/min (one and two arguments), norm, dot, indexing, if, Σ/∏, and user and
 * prelude functions (inlined). relu′ and |x|′ at 0 are 0, as for the symbolic rules. */
#ifndef MLM_BACKPROP_H
#define MLM_BACKPROP_H

#include "func.h"
#include "interp.h"

/* grads[i] = ∂f/∂(parameter i) at argv (new values of each parameter's shape). The
 * function's value must be a number. False with the error set. */
bool backprop_grad(Interp *in, const Func *f, int argc, const Value *argv, Span span, Value *grads);

#endif
