/* func.h — user functions and lambdas as first-class values.
 *
 * A Func points into the AST it was defined in and holds a reference to that AST's arena,
 * so the body outlives the REPL line that defined it. The arena is the one the function's
 * nodes were parsed into — for a lambda, the arena of the code that contains the lambda
 * expression (the enclosing function's, when it is made inside a call), never merely the
 * arena of whatever entry happens to be running. A lambda that uses locals of the
 * function around it captures their values when it is created (captured[i] is copied into
 * frame slot capture_slots[i] at each call). */
#ifndef MLM_FUNC_H
#define MLM_FUNC_H

#include "ast.h"
#include "value.h"

enum { FORMULA_NONE = 0, FORMULA_NAMED, FORMULA_BARE };

typedef struct Func {
    int refcount;
    unsigned long serial;  /* unique in its session, never reused: compiled programs that
                            * inlined this function check it (an address can be reused) */
    const char *name;     /* arena-owned; "<lambda>" for anonymous */
    int nparams;
    Node **params;        /* arena-owned N_LOCAL nodes: params[i]->slot is the frame slot */
    Node *body;           /* expression, or N_BLOCK with `return` */
    int nslots;           /* frame size */
    AstArena *arena;      /* owned reference */
    int ncaptured;
    Value *captured;      /* owned values */
    int *capture_slots;   /* owned: frame slot for each captured value */
    unsigned char formula; /* made by deriv.c: FORMULA_NAMED prints `f'(x) = 3x²`, FORMULA_BARE `3x²` */
    bool scalar_args;     /* a derivative of a function that reduces arrays: numbers only (∇ for arrays) */
} Func;

/* Returns a new Func (refcount 1) retaining arena; captured values are consumed. */
Func *func_new(unsigned long serial, const char *name, int nparams, Node **params, Node *body,
               int nslots, AstArena *arena, int ncaptured, Value *captured, int *capture_slots);
void func_retain(Func *f);
void func_release(Func *f);

#endif
