/* func.c — lifetime of user functions and lambdas. */
#include "func.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

Func *func_new(unsigned long serial, const char *name, int nparams, Node **params, Node *body,
               int nslots, AstArena *arena, int ncaptured, Value *captured, int *capture_slots) {
    Func *f = calloc(1, sizeof *f);
    if (!f) { fputs("mlm: out of memory\n", stderr); abort(); }
    f->refcount = 1;
    f->serial = serial;
    f->name = name;
    f->nparams = nparams;
    f->params = params;
    f->body = body;
    f->nslots = nslots;
    f->arena = ast_arena_retain(arena);
    f->ncaptured = ncaptured;
    if (ncaptured > 0) {
        f->captured = malloc((size_t)ncaptured * sizeof *f->captured);
        f->capture_slots = malloc((size_t)ncaptured * sizeof *f->capture_slots);
        if (!f->captured || !f->capture_slots) { fputs("mlm: out of memory\n", stderr); abort(); }
        memcpy(f->captured, captured, (size_t)ncaptured * sizeof *captured);
        memcpy(f->capture_slots, capture_slots, (size_t)ncaptured * sizeof *capture_slots);
    }
    return f;
}

void func_retain(Func *f) { f->refcount++; }

void func_release(Func *f) {
    if (!f || --f->refcount > 0) return;
    for (int i = 0; i < f->ncaptured; i++) value_release(f->captured[i]);
    free(f->captured);
    free(f->capture_slots);
    ast_arena_release(f->arena);
    free(f);
}
