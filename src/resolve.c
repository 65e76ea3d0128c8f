/* resolve.c — the name-binding pass (see resolve.h). */
#include "resolve.h"

#include <stdlib.h>
#include <string.h>

#include "subscript.h"

typedef struct Binding {
    const char *name;
    int slot;
} Binding;

typedef struct Scope {
    struct Scope *outer;     /* the enclosing frame's scope, or NULL */
    Binding *bindings;       /* owned; a stack: later entries shadow earlier */
    int nbindings, capbindings;
    int nslots;              /* frame size so far */
    bool is_function;        /* assignments bind locals (else: globals) */
    int loop_depth;
    Node *captures;          /* lambda: N_BLOCK of captures (arena memory) */
} Scope;

typedef struct Resolver {
    Interp *in;
    AstArena *arena;
    bool failed;
} Resolver;

static bool fail(Resolver *r, Span span, const char *msg) {
    if (!r->failed) interp_error(r->in, span, "%s", msg);
    r->failed = true;
    return false;
}

static int bind(Scope *s, const char *name) {
    if (s->nbindings == s->capbindings) {
        s->capbindings = s->capbindings ? s->capbindings * 2 : 8;
        s->bindings = realloc(s->bindings, (size_t)s->capbindings * sizeof *s->bindings);
        if (!s->bindings) abort();
    }
    int slot = s->nslots++;
    s->bindings[s->nbindings++] = (Binding){name, slot};
    return slot;
}

static int find_local(const Scope *s, const char *name) {
    for (int i = s->nbindings - 1; i >= 0; i--)
        if (strcmp(s->bindings[i].name, name) == 0) return s->bindings[i].slot;
    return -1;
}

/* Finds name in s or (as a capture) in an enclosing frame; -1 if it is global. */
static int lookup(Resolver *r, Scope *s, const char *name, Span span) {
    int slot = find_local(s, name);
    if (slot >= 0) return slot;
    if (!s->outer) return -1;
    int outer_slot = lookup(r, s->outer, name, span);
    if (outer_slot < 0) return -1;
    /* capture: copy the enclosing value into a slot of this frame when the lambda is made */
    slot = bind(s, name);
    Node *cap = ast_node(r->arena, N_LOCAL, span);
    cap->name = name;
    cap->slot = slot;
    cap->num = outer_slot;
    ast_append(r->arena, s->captures, cap);
    return slot;
}

static void resolve_expr(Resolver *r, Scope *s, Node *n);
static void resolve_stmt(Resolver *r, Scope *s, Node *n);

static void resolve_name(Resolver *r, Scope *s, Node *n) {
    int slot = lookup(r, s, n->name, n->span);
    if (slot >= 0) {
        n->kind = N_LOCAL;
        n->slot = slot;
    } else {
        n->kind = N_GLOBAL;
        n->slot = interp_global_slot(r->in, n->name);
    }
}

/* Names a function body assigns become its locals (as in Python), found before the body
 * is resolved so a use before the assignment is still local. */
static void declare_assigned(Scope *s, Node *n) {
    if (!n) return;
    switch (n->kind) {
    case N_ASSIGN:
        if (n->a->kind == N_NAME) {
            if (find_local(s, n->a->name) < 0) bind(s, n->a->name);
        } else if (n->a->kind == N_VECTOR) {
            for (int i = 0; i < n->a->nlist; i++)
                if (find_local(s, n->a->list[i]->name) < 0) bind(s, n->a->list[i]->name);
        }
        return;
    case N_FUNCDEF:
        if (find_local(s, n->name) < 0) bind(s, n->name);
        return;
    case N_FOR:
        if (find_local(s, n->name) < 0) bind(s, n->name);
        declare_assigned(s, n->b);
        return;
    case N_WHILE: declare_assigned(s, n->b); return;
    case N_IF: declare_assigned(s, n->b); declare_assigned(s, n->c); return;
    case N_BLOCK:
        for (int i = 0; i < n->nlist; i++) declare_assigned(s, n->list[i]);
        return;
    default: return;
    }
}

/* Resolves a function body in a new frame; returns the frame size. */
static int resolve_function(Resolver *r, Scope *outer, Node **params, int nparams, Node *body,
                            Node *captures) {
    Scope fs = {0};
    fs.outer = outer;
    fs.is_function = true;
    fs.captures = captures;
    for (int i = 0; i < nparams; i++) {
        params[i]->kind = N_LOCAL;
        params[i]->slot = bind(&fs, params[i]->name);
    }
    if (body->kind == N_BLOCK) {
        declare_assigned(&fs, body);
        resolve_stmt(r, &fs, body);
    } else {
        resolve_expr(r, &fs, body);
    }
    free(fs.bindings);
    return fs.nslots;
}

/* y_i inside Σ_{i=…}: base[index] when the name is no variable, the index is bound in
 * scope and the base is a variable (the rule is in subscript.h). Returns true when n was
 * rewritten (or an error reported). */
static bool resolve_subscript(Resolver *r, Scope *s, Node *n) {
    size_t base_len;
    char index[64];
    if (find_local(s, n->name) >= 0 || (s->outer && lookup(r, s, n->name, n->span) >= 0)) return false;
    int g = interp_find_global(r->in, n->name);
    if (g >= 0 && r->in->globals[g].value.kind != VAL_NIL) return false;
    if (!subscript_split(n->name, &base_len, index, sizeof index)) return false;
    if (find_local(s, index) < 0) return false;
    const char *base = ast_strdup(r->arena, n->name, base_len);
    bool base_local = find_local(s, base) >= 0 || (s->outer && lookup(r, s, base, n->span) >= 0);
    int bg = base_local ? -1 : interp_find_global(r->in, base);
    if (!base_local && (bg < 0 || r->in->globals[bg].value.kind == VAL_NIL)) return false;
    if (!base_local && r->in->globals[bg].value.kind == VAL_NUM) {
        if (!r->failed)
            interp_error(r->in, n->span, "%s means %s[%s] here, but %s is a number, not an array", n->name, base, index,
                         base);
        r->failed = true;
        return true;
    }
    Span bs = n->span, is = n->span;
    bs.length = (unsigned)base_len;
    Node *b = ast_node(r->arena, N_NAME, bs);
    b->name = base;
    Node *i = ast_node(r->arena, N_NAME, is);
    i->name = ast_strdup(r->arena, index, strlen(index));
    n->kind = N_INDEX;
    n->a = b;
    n->list = NULL;
    n->nlist = 0;
    ast_append(r->arena, n, i);
    resolve_name(r, s, b);
    resolve_name(r, s, i);
    return true;
}

static void resolve_expr(Resolver *r, Scope *s, Node *n) {
    if (!n || r->failed) return;
    if (!interp_stack_ok(r->in)) { fail(r, n->span, "expression too deeply nested"); return; }
    switch (n->kind) {
    case N_NUM: case N_STR: case N_END: case N_ALL: case N_LOCAL: case N_GLOBAL:
        return;
    case N_NAME:
        if (!resolve_subscript(r, s, n)) resolve_name(r, s, n);
        return;
    case N_SUM: {
        resolve_expr(r, s, n->a);
        resolve_expr(r, s, n->b);
        int mark = s->nbindings;
        n->slot = bind(s, n->name);
        resolve_expr(r, s, n->c);
        s->nbindings = mark; /* the index is visible only in the body; its slot stays reserved */
        return;
    }
    case N_LAMBDA: {
        n->c = ast_node(r->arena, N_BLOCK, n->span);
        n->slot = resolve_function(r, s, n->list, n->nlist, n->a, n->c);
        return;
    }
    case N_PROB:
        /* Inside P(…) names are events, but they are bound like any name (keeping their
         * text): the evaluator tells an event from a variable holding a random variable. */
        for (int i = 0; i < n->nlist; i++) resolve_expr(r, s, n->list[i]);
        return;
    case N_VECTOR:
        if (n->flag) { fail(r, n->span, "a parenthesised list (x, y) is only allowed as lambda parameters"); return; }
        for (int i = 0; i < n->nlist; i++) resolve_expr(r, s, n->list[i]);
        return;
    case N_CALL: case N_INDEX: case N_MATRIX:
        if (n->a) resolve_expr(r, s, n->a);
        for (int i = 0; i < n->nlist; i++) resolve_expr(r, s, n->list[i]);
        return;
    default:
        resolve_expr(r, s, n->a);
        resolve_expr(r, s, n->b);
        resolve_expr(r, s, n->c);
        for (int i = 0; i < n->nlist; i++) resolve_expr(r, s, n->list[i]);
        return;
    }
}

static void resolve_target(Resolver *r, Scope *s, Node *target) {
    if (s->is_function) {
        resolve_name(r, s, target);
    } else {
        target->kind = N_GLOBAL;
        target->slot = interp_global_slot(r->in, target->name);
    }
}

static void resolve_stmt(Resolver *r, Scope *s, Node *n) {
    if (!n || r->failed) return;
    if (!interp_stack_ok(r->in)) { fail(r, n->span, "statements too deeply nested"); return; }
    switch (n->kind) {
    case N_EXPR_STMT:
        resolve_expr(r, s, n->a);
        return;
    case N_ASSIGN:
        resolve_expr(r, s, n->b);
        if (n->a->kind == N_VECTOR)
            for (int i = 0; i < n->a->nlist; i++) resolve_target(r, s, n->a->list[i]);
        else
            resolve_target(r, s, n->a);
        return;
    case N_INDEX_ASSIGN: {
        resolve_expr(r, s, n->b);
        Node *target = n->a;
        if (target->a->kind != N_NAME) {
            fail(r, target->span, "only a named array can be assigned into: name[i] = …");
            return;
        }
        resolve_expr(r, s, target->a);
        for (int i = 0; i < target->nlist; i++) resolve_expr(r, s, target->list[i]);
        return;
    }
    case N_FUNCDEF: {
        if (s->is_function) {
            fail(r, n->span, "functions can only be defined at the top level (inside one, use a lambda: g = x -> …)");
            return;
        }
        n->slot = resolve_function(r, NULL, n->list, n->nlist, n->a, ast_node(r->arena, N_BLOCK, n->span));
        Node *target = ast_node(r->arena, N_NAME, n->span);
        target->name = n->name;
        resolve_target(r, s, target);
        n->b = target;
        return;
    }
    case N_FACT:
        resolve_expr(r, s, n->a);
        resolve_expr(r, s, n->b);
        return;
    case N_BLOCK:
        for (int i = 0; i < n->nlist; i++) resolve_stmt(r, s, n->list[i]);
        return;
    case N_FOR: {
        resolve_expr(r, s, n->a);
        Node *var = n->c;
        resolve_target(r, s, var);
        s->loop_depth++;
        resolve_stmt(r, s, n->b);
        s->loop_depth--;
        return;
    }
    case N_WHILE:
        resolve_expr(r, s, n->a);
        s->loop_depth++;
        resolve_stmt(r, s, n->b);
        s->loop_depth--;
        return;
    case N_IF:
        resolve_expr(r, s, n->a);
        resolve_stmt(r, s, n->b);
        resolve_stmt(r, s, n->c);
        return;
    case N_RETURN:
        if (!s->is_function) { fail(r, n->span, "'return' outside a function"); return; }
        resolve_expr(r, s, n->a);
        return;
    case N_BREAK: case N_CONTINUE:
        if (s->loop_depth == 0) {
            fail(r, n->span, n->kind == N_BREAK ? "'break' outside a loop" : "'continue' outside a loop");
        }
        return;
    case N_CHECK: case N_ASSERT:
        resolve_expr(r, s, n->a);
        resolve_expr(r, s, n->b);
        resolve_expr(r, s, n->c);
        return;
    case N_WHY:
        if (n->a->kind != N_PROB && n->a->kind != N_CALL) {
            fail(r, node_extent(n->a), "'why' explains a probability: why P(A | B), or a call: why kl(p, q)");
            return;
        }
        resolve_expr(r, s, n->a);
        return;
    case N_IMPORT: case N_COMMAND:
        return;
    case N_TIME:
        resolve_stmt(r, s, n->a);
        return;
    default:
        resolve_expr(r, s, n);
        return;
    }
}

bool resolve_statement(Interp *in, AstArena *arena, Node *stmt) {
    Resolver r = {in, arena, false};
    Scope top = {0};
    top.captures = NULL;
    resolve_stmt(&r, &top, stmt);
    free(top.bindings);
    stmt->frame_size = top.nslots;
    return !r.failed;
}

