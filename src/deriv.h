/* deriv.h — exact symbolic differentiation of mlm expressions and functions.
 *
 * deriv_expr walks a formula (parsed or resolved: names are read by their text) and builds
 * its derivative with respect to one name, rule by rule: sum, product, quotient, power
 * (constant, variable and x^x exponents), chain rule through every differentiable builtin
 * (sqrt exp log ln log2 log10 sin cos tan asin acos atan atan2 hypot sinh cosh tanh abs
 * sum mean prod cumsum dot norm transpose min/max of two), the prelude's activations by
 * name (sigmoid, relu, leaky_relu, softplus, softmax), other user and prelude functions by
 * inlining their bodies, `if … then … else` piecewise, Σ/∏ over an index. Names other than
 * the variable are constants. Never finite differences.
 *
 * Conventions where the derivative does not exist: |x|′ = sign(x) and relu′ = (x > 0), so
 * both are 0 at 0 (the subgradient PyTorch uses); floor, ceil, round, sign and comparisons
 * have derivative 0 (true everywhere except at their jumps).
 *
 * Memory: new nodes go into the arena of the Sym given; they are unresolved (N_NAME).
 * On failure a function returns NULL with the error recorded in in->error. */
#ifndef MLM_DERIV_H
#define MLM_DERIV_H

#include "func.h"
#include "interp.h"
#include "symbolic.h"

/* One step of a derivation, reported to a trace (why d/dx …): the rule used, the
 * expression it was applied to, and that expression's derivative (simplified). */
typedef void (*DerivTrace)(void *ctx, int depth, const char *rule, const Node *expr, const Node *result);

typedef struct Deriv {
    Interp *in;
    Sym sym;
    const char *var;
    int depth;
    DerivTrace trace; /* optional */
    void *trace_ctx;
    bool reduces;     /* set when a reduction (sum, mean, @, norm, …) was differentiated: the
                       * formula then holds for a number x only, not element by element */
} Deriv;

/* d n / d var, not simplified. */
Node *deriv_expr(Deriv *d, const Node *n);

/* d n / d var (order times), simplified, into arena; *reduces (optional) as Deriv.reduces. */
Node *deriv_formula(Interp *in, AstArena *arena, Span where, const Node *n, const char *var, int order,
                    bool *reduces);

/* A new Func (refcount 1) that computes the derivative of f with respect to its parameter
 * `param` `order` times; it owns a new arena holding its body (resolved like a lambda's).
 * Its name is f's with primes (f', f'') or ∂f/∂y. */
Func *deriv_func(Interp *in, const Func *f, int param, int order, Span where);

/* A new Func of the given parameters whose body is formula (unresolved, in arena, which
 * the Func retains). */
Func *deriv_make_func(Interp *in, AstArena *arena, const char *name, int nparams, const char *const *params,
                      Node *formula);

/* Prints formula n (operand: parenthesised unless it is a name, number or call). */
void deriv_print_node(FILE *out, const Node *n, bool operand);
/* Prints a derivative function as its formula. */
void deriv_print(FILE *out, const Func *f);

/* True when f was made by deriv_func / deriv_make_func (it prints as its formula). */
bool deriv_is_formula(const Func *f);

#endif
