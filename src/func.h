/* func.h — user functions and lambdas as first-class values.
 *
 * A Func points into the AST it was defined in and holds a reference to that AST's arena,
 * so the body outlives the REPL line that defined it. A lambda that uses locals of the
 * function around it captures their values when it is created (captured[i] is copied into
 * frame slot capture_slots[i] at each call). */
#ifndef MLM_FUNC_H
#define MLM_FUNC_H

#include "ast.h"
#include "value.h"

typedef struct Func {
    int refcount;
    const char *name;     /* arena-owned; "<lambda>" for anonymous */
    int nparams;
    Node **params;        /* arena-owned N_LOCAL nodes: params[i]->slot is the frame slot */
    Node *body;           /* expression, or N_BLOCK with `return` */
    int nslots;           /* frame size */
    AstArena *arena;      /* owned reference */
    int ncaptured;
    Value *captured;      /* owned values */
    int *capture_slots;   /* owned: frame slot for each captured value */
} Func;

/* Returns a new Func (refcount 1) retaining arena; captured values are consumed. */
Func *func_new(const char *name, int nparams, Node **params, Node *body, int nslots,
               AstArena *arena, int ncaptured, Value *captured, int *capture_slots);
void func_retain(Func *f);
void func_release(Func *f);

#endif
