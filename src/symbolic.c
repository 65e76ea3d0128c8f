/* symbolic.c — formula builders, copies, substitution and comparison (see symbolic.h). */
#include "symbolic.h"

#include <string.h>

static Node *node(const Sym *s, NodeKind kind) { return ast_node(s->arena, kind, s->span); }

Node *sym_num(const Sym *s, double x) {
    Node *n = node(s, N_NUM);
    n->num = x == 0 ? 0 : x; /* no −0 in formulas */
    return n;
}

Node *sym_name(const Sym *s, const char *name) {
    Node *n = node(s, N_NAME);
    n->name = ast_strdup(s->arena, name, strlen(name));
    return n;
}

Node *sym_bin(const Sym *s, int op, Node *a, Node *b) {
    Node *n = node(s, N_BINARY);
    n->op = op;
    n->a = a;
    n->b = b;
    return n;
}

Node *sym_neg(const Sym *s, Node *a) {
    Node *n = node(s, N_UNARY);
    n->op = OP_NEG;
    n->a = a;
    return n;
}

Node *sym_call(const Sym *s, const char *fname, int nargs, Node **args) {
    Node *n = node(s, N_CALL);
    n->a = sym_name(s, fname);
    for (int i = 0; i < nargs; i++) ast_append(s->arena, n, args[i]);
    return n;
}

Node *sym_call1(const Sym *s, const char *fname, Node *a) { return sym_call(s, fname, 1, &a); }

Node *sym_call2(const Sym *s, const char *fname, Node *a, Node *b) {
    Node *args[2] = {a, b};
    return sym_call(s, fname, 2, args);
}

const char *sym_name_of(const Node *n) {
    if (!n) return NULL;
    return n->kind == N_NAME || n->kind == N_LOCAL || n->kind == N_GLOBAL ? n->name : NULL;
}

bool sym_is_num(const Node *n, double x) { return n && n->kind == N_NUM && n->num == x; }

static Node *copy_subst(const Sym *s, const Node *n, int count, const char *const *names, Node *const *values) {
    if (!n) return NULL;
    const char *nm = sym_name_of(n);
    if (nm) {
        for (int i = 0; i < count; i++)
            if (strcmp(nm, names[i]) == 0) return sym_copy(s, values[i]);
        return sym_name(s, nm);
    }
    Node *c = node(s, n->kind);
    c->op = n->op;
    c->num = n->num;
    c->flag = n->flag;
    c->parenthesized = n->parenthesized;
    if (n->name) c->name = ast_strdup(s->arena, n->name, strlen(n->name));
    c->a = copy_subst(s, n->a, count, names, values);
    c->b = copy_subst(s, n->b, count, names, values);
    if (n->kind == N_SUM) {
        /* the index shadows a substituted name of the same spelling inside the body */
        const char *kept[16];
        Node *vals[16];
        int k = 0;
        for (int i = 0; i < count && k < 16; i++)
            if (strcmp(names[i], n->name) != 0) { kept[k] = names[i]; vals[k] = values[i]; k++; }
        c->c = copy_subst(s, n->c, k, kept, vals);
    } else if (n->kind == N_LAMBDA) {
        c->c = NULL; /* captures are recomputed when the copy is resolved */
    } else {
        c->c = copy_subst(s, n->c, count, names, values);
    }
    for (int i = 0; i < n->nlist; i++) {
        Node *item = n->kind == N_LAMBDA ? sym_name(s, n->list[i]->name)
                                         : copy_subst(s, n->list[i], count, names, values);
        ast_append(s->arena, c, item);
    }
    return c;
}

Node *sym_copy(const Sym *s, const Node *n) { return copy_subst(s, n, 0, NULL, NULL); }

Node *sym_subst(const Sym *s, const Node *n, int count, const char *const *names, Node *const *values) {
    return copy_subst(s, n, count, names, values);
}

bool sym_equal(const Node *a, const Node *b) {
    if (a == b) return true;
    if (!a || !b) return false;
    const char *na = sym_name_of(a), *nb = sym_name_of(b);
    if (na || nb) return na && nb && strcmp(na, nb) == 0;
    if (a->kind != b->kind || a->op != b->op || a->nlist != b->nlist) return false;
    if (a->kind == N_NUM || a->kind == N_POWSUP) {
        if (a->num != b->num) return false;
    }
    if ((a->name || b->name) && (!a->name || !b->name || strcmp(a->name, b->name) != 0)) return false;
    if (!sym_equal(a->a, b->a) || !sym_equal(a->b, b->b)) return false;
    if (a->kind != N_LAMBDA && !sym_equal(a->c, b->c)) return false;
    for (int i = 0; i < a->nlist; i++)
        if (!sym_equal(a->list[i], b->list[i])) return false;
    return true;
}

bool sym_depends(const Node *n, const char *var) {
    if (!n) return false;
    const char *nm = sym_name_of(n);
    if (nm) return strcmp(nm, var) == 0;
    if (n->kind == N_LAMBDA) {
        for (int i = 0; i < n->nlist; i++)
            if (strcmp(n->list[i]->name, var) == 0) return false;
        return sym_depends(n->a, var);
    }
    if (sym_depends(n->a, var) || sym_depends(n->b, var)) return true;
    if (n->kind == N_SUM && strcmp(n->name, var) == 0) return false; /* the index shadows var */
    if (sym_depends(n->c, var)) return true;
    for (int i = 0; i < n->nlist; i++)
        if (sym_depends(n->list[i], var)) return true;
    return false;
}
