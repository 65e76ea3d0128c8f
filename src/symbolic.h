/* symbolic.h — building and comparing formula trees for the calculus pillar (deriv.c,
 * simplify.c).
 *
 * Formulas are ordinary AST nodes (ast.h) allocated in an arena the caller owns. Names in
 * built formulas are N_NAME (unresolved): a formula becomes runnable code by resolving it
 * like a lambda's body (deriv_make_func in deriv.h). Every built node carries the one Span
 * given to the builder (where the formula was asked for), so a runtime error inside a
 * derivative points at the request, and no node refers to a Source the arena does not hold.
 * Names and strings are copied into the arena. */
#ifndef MLM_SYMBOLIC_H
#define MLM_SYMBOLIC_H

#include <stdbool.h>

#include "ast.h"

typedef struct Sym {
    AstArena *arena; /* borrowed: new nodes go here */
    Span span;       /* the span every new node gets */
    bool light;      /* simplify without distributing or factoring (the steps of `why`) */
} Sym;

Node *sym_num(const Sym *s, double x);
Node *sym_name(const Sym *s, const char *name);
Node *sym_bin(const Sym *s, int op, Node *a, Node *b);
Node *sym_neg(const Sym *s, Node *a);
Node *sym_call(const Sym *s, const char *fname, int nargs, Node **args);
Node *sym_call1(const Sym *s, const char *fname, Node *a);
Node *sym_call2(const Sym *s, const char *fname, Node *a, Node *b);
/* A deep copy of n into s's arena: N_LOCAL/N_GLOBAL become N_NAME again, caches cleared. */
Node *sym_copy(const Sym *s, const Node *n);
/* A copy of n with every free occurrence of names[i] replaced by a copy of values[i]
 * (a Σ index of the same name shadows it). */
Node *sym_subst(const Sym *s, const Node *n, int count, const char *const *names, Node *const *values);

/* The name a name-like node (N_NAME, N_LOCAL, N_GLOBAL) stands for, or NULL. */
const char *sym_name_of(const Node *n);
/* True when n is the number x. */
bool sym_is_num(const Node *n, double x);
/* Structural equality (names compared by text, spans ignored). */
bool sym_equal(const Node *a, const Node *b);
/* True when n mentions the free name var. */
bool sym_depends(const Node *n, const char *var);

#endif
