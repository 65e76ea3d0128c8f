/* builtins_calc.c — the calculus pillar's builtins and notation glue: diff (d/dx, ∂f/∂x,
 * written as a special form: its arguments are formulas, not values), f' (eval.c's postfix
 * ' on a function), grad (∇f) and hessian. The derivatives themselves are deriv.c's.
 *
 * Every derivative made here is a new Func (refcount 1, owned by the Value returned) with
 * its own arena (deriv_make_func). */
#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "backprop.h"
#include "builtins.h"
#include "builtins_calc.h"
#include "deriv.h"
#include "eval.h"
#include "object.h"
#include "simplify.h"

static Value func_value(Func *f) {
    Value v = {.kind = VAL_FUNC, .as.fn = f};
    return v;
}

/* A one-parameter builtin as the formula name(x). */
static Func *builtin_as_func(Interp *in, const Builtin *b, Span where) {
    AstArena *arena = ast_arena_new((Source *)where.src);
    Sym s = {arena, where};
    const char *x = "x";
    Func *f = deriv_make_func(in, arena, b->name, 1, &x, sym_call1(&s, b->name, sym_name(&s, x)));
    ast_arena_release(arena);
    return f;
}

static bool prime_of(Interp *in, Value v, Span span, int order, Value *out) {
    Func *f = NULL;
    if (v.kind == VAL_BUILTIN) {
        if (v.as.builtin->min_args != 1)
            return interp_error(in, span, "%s takes %d arguments: write ∂%s/∂x for one of them", v.as.builtin->name,
                                v.as.builtin->min_args, v.as.builtin->name);
        f = builtin_as_func(in, v.as.builtin, span);
        if (!f) return false;
    } else {
        f = v.as.fn;
        func_retain(f);
    }
    if (f->nparams != 1) {
        char params[256] = "";
        for (int i = 0; i < f->nparams && strlen(params) < 200; i++) {
            if (i) strcat(params, ", ");
            strcat(params, f->params[i]->name);
        }
        bool ok = interp_error(in, span, "%s' needs a function of one variable, but %s takes (%s): write ∂%s/∂%s",
                               f->name, f->name, params, f->name, f->nparams ? f->params[0]->name : "x");
        func_release(f);
        return ok;
    }
    Func *d = deriv_func(in, f, 0, order, span);
    func_release(f);
    if (!d) return false;
    *out = func_value(d);
    return true;
}

bool calc_prime(Interp *in, Value v, Span span, Value *out) { return prime_of(in, v, span, 1, out); }

static bool fn_diff(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    (void)argc; (void)argv; (void)out;
    return interp_error(in, ci->call, "diff is written diff(expr, x) with the formula itself, not passed as a value");
}

bool calc_is_special(const Builtin *b) { return b && b->fn == fn_diff; }

static Value *global_value(Interp *in, Frame *fr, const Node *n) {
    if (n->kind == N_GLOBAL) return &in->globals[n->slot].value;
    if (n->kind == N_LOCAL) return &fr->slots[n->slot];
    return NULL;
}

/* The first local name in n other than var and the indices of the sums around it (a
 * derivative's formula reads globals only). */
static const Node *local_name(const Node *n, const char *var, const char **bound, int nbound) {
    if (!n) return NULL;
    if (n->kind == N_LOCAL && strcmp(n->name, var) != 0) {
        for (int i = 0; i < nbound; i++)
            if (strcmp(bound[i], n->name) == 0) return NULL;
        return n;
    }
    const char *more[32];
    int nmore = nbound < 31 ? nbound : 31;
    if (nmore) memcpy(more, bound, (size_t)nmore * sizeof *more);
    if (n->kind == N_SUM) more[nmore++] = n->name;
    const char *f = n->kind == N_CALL ? sym_name_of(n->a) : NULL;
    if (f && (!strcmp(f, "sum") || !strcmp(f, "prod")) && n->nlist == 4 && sym_name_of(n->list[0]))
        more[nmore++] = sym_name_of(n->list[0]); /* sum(i, a, b, body) binds i */
    const Node *r = local_name(n->a, var, more, nmore);
    if (!r) r = local_name(n->b, var, more, nmore);
    if (!r && n->kind != N_LAMBDA) r = local_name(n->c, var, more, nmore);
    for (int i = 0; !r && i < n->nlist; i++) r = local_name(n->list[i], var, more, nmore);
    return r;
}

/* diff(E, x[, k]): E a formula in x, or the name of a function (∂f/∂x). */
bool calc_eval_special(Interp *in, Frame *fr, Node *n, const Builtin *b, Value *out) {
    (void)b;
    if (n->nlist < 2 || n->nlist > 3)
        return interp_error(in, n->span, "diff expects 2 or 3 arguments, got %d (diff(expr, x, order = 1))", n->nlist);
    Node *e = n->list[0], *var = n->list[1];
    const char *x = sym_name_of(var);
    if (!x) return interp_error(in, node_extent(var), "diff: the variable must be a name, as in diff(x^2, x)");
    double order = 1;
    if (n->nlist == 3) {
        Value k;
        if (!eval_expr(in, fr, n->list[2], &k)) return false;
        bool whole = k.kind == VAL_NUM && k.as.num == floor(k.as.num) && k.as.num >= 1 && k.as.num <= 20;
        order = whole ? k.as.num : 0;
        value_release(k);
        if (!whole) return interp_error(in, node_extent(n->list[2]), "diff: the order must be a whole number 1 to 20");
    }
    Value *held = sym_name_of(e) ? global_value(in, fr, e) : NULL;
    if (held && strcmp(e->name, x) != 0) {
        if (held->kind == VAL_BUILTIN) {
            if (held->as.builtin->min_args != 1)
                return interp_error(in, node_extent(e), "%s takes %d arguments", held->as.builtin->name,
                                    held->as.builtin->min_args);
            Func *f = builtin_as_func(in, held->as.builtin, n->span);
            if (!f) return false;
            Func *d = deriv_func(in, f, 0, (int)order, n->span);
            func_release(f);
            if (!d) return false;
            *out = func_value(d);
            return true;
        }
        if (held->kind == VAL_FUNC) {
            const Func *f = held->as.fn;
            int k = -1;
            for (int i = 0; i < f->nparams; i++)
                if (strcmp(f->params[i]->name, x) == 0) k = i;
            if (k < 0) {
                char params[256] = "";
                for (int i = 0; i < f->nparams && strlen(params) < 200; i++) {
                    if (i) strcat(params, ", ");
                    strcat(params, f->params[i]->name);
                }
                return interp_error(in, var->span, "%s has no variable %s: it takes (%s)", f->name, x, params);
            }
            Func *d = deriv_func(in, f, k, (int)order, n->span);
            if (!d) return false;
            *out = func_value(d);
            return true;
        }
        if (held->kind != VAL_NIL) {
            char what[64];
            return interp_error(in, node_extent(e), "'%s' is %s, not a function of %s: differentiate a function or "
                                "a formula in %s", e->name, value_describe(*held, what, sizeof what), x, x);
        }
    }
    if (e->kind == N_LAMBDA)
        return interp_error(in, node_extent(e), "this is a function, not a formula: differentiate it with f' or ∂f/∂x");
    const Node *local = local_name(e, x, NULL, 0);
    if (local)
        return interp_error(in, local->span, "d/d%s here uses '%s', a local name: a derivative's other names are "
                            "read from the session; define the function at the top level and use ∂f/∂%s", x,
                            local->name, x);
    AstArena *arena = ast_arena_new((Source *)n->span.src);
    bool reduces = false;
    Node *formula = deriv_formula(in, arena, n->span, e, x, (int)order, &reduces);
    Func *d = formula ? deriv_make_func(in, arena, "d/d", 1, &x, formula) : NULL;
    if (d) d->scalar_args = reduces;
    ast_arena_release(arena);
    if (!d) return false;
    *out = func_value(d);
    return true;
}

/* f'(x) with x an undefined name: the formula itself (in the names given). */
int calc_symbolic_call(Interp *in, Node *n, Value callee, Value *out) {
    if (callee.kind != VAL_FUNC || !callee.as.fn->formula) return -1;
    const Func *f = callee.as.fn;
    if (n->nlist != f->nparams || n->nlist > 16) return -1;
    const char *names[16];
    for (int i = 0; i < n->nlist; i++) {
        const Node *a = n->list[i];
        if (a->kind != N_GLOBAL || in->globals[a->slot].value.kind != VAL_NIL) return -1;
        names[i] = a->name;
    }
    AstArena *arena = ast_arena_new((Source *)n->span.src);
    Sym s = {arena, n->span};
    const char *params[16];
    Node *vals[16];
    for (int i = 0; i < n->nlist; i++) {
        params[i] = f->params[i]->name;
        vals[i] = sym_name(&s, names[i]);
    }
    Node *body = sym_subst(&s, f->body, n->nlist, params, vals);
    Func *d = deriv_make_func(in, arena, f->name, n->nlist, names, body);
    ast_arena_release(arena);
    if (!d) return 0;
    d->scalar_args = f->scalar_args;
    *out = func_value(d);
    return 1;
}

/* {===================== why d/dx */

bool calc_why_accepts(const Node *n) {
    const char *f = n->kind == N_CALL ? sym_name_of(n->a) : NULL;
    return f && strcmp(f, "diff") == 0 && n->nlist >= 2;
}

typedef struct WhyTrace {
    Interp *in;
    const char *var;
    int steps;
} WhyTrace;

static void why_step(void *ctx, int depth, const char *rule, const Node *expr, const Node *result) {
    WhyTrace *t = ctx;
    FILE *out = t->in->out;
    (void)depth;
    t->steps++;
    fprintf(out, "  %s: d/d%s ", rule, t->var);
    deriv_print_node(out, expr, true);
    fputs(" = ", out);
    deriv_print_node(out, result, false);
    fputc('\n', out);
}

Flow calc_why(Interp *in, Frame *fr, Node *s) {
    (void)fr;
    Node *n = s->a;
    const char *x = sym_name_of(n->list[1]);
    if (!x) {
        interp_error(in, node_extent(n->list[1]), "diff: the variable must be a name, as in diff(x^2, x)");
        return FLOW_ERROR;
    }
    const Node *e = n->list[0];
    /* why ∂f/∂x: the function's body */
    const char *fname = sym_name_of(e);
    int slot = fname && strcmp(fname, x) ? interp_find_global(in, fname) : -1;
    if (slot >= 0 && in->globals[slot].value.kind == VAL_FUNC) {
        const Func *f = in->globals[slot].value.as.fn;
        if (f->body->kind == N_BLOCK) {
            interp_error(in, node_extent(e), "cannot differentiate %s: its body is a block of statements", f->name);
            return FLOW_ERROR;
        }
        e = f->body;
    }
    AstArena *arena = ast_arena_new((Source *)n->span.src);
    WhyTrace t = {in, x, 0};
    Deriv d = {in, {arena, n->span}, x, 0, why_step, &t};
    fprintf(in->out, "d/d%s ", x);
    deriv_print_node(in->out, e, true);
    fputs(":\n", in->out);
    Node *r = deriv_expr(&d, e);
    if (r) {
        r = simplify(&d.sym, r);
        fputs("  so d/d", in->out);
        fprintf(in->out, "%s ", x);
        deriv_print_node(in->out, e, true);
        fputs(" = ", in->out);
        deriv_print_node(in->out, r, false);
        fputc('\n', in->out);
    }
    ast_arena_release(arena);
    return r ? FLOW_NEXT : FLOW_ERROR;
}

/* }===================== */

/* ∇f: the function of f's variables whose value is the vector of partial derivatives. */
static Func *gradient_func(Interp *in, const Func *f, Span where, bool *reduces) {
    if (f->body->kind == N_BLOCK) {
        interp_error(in, where, "cannot differentiate %s: its body is a block of statements (write it as one "
                     "expression)", f->name);
        return NULL;
    }
    AstArena *arena = ast_arena_new((Source *)where.src);
    Sym s = {arena, where};
    Node *vec = ast_node(arena, N_VECTOR, where);
    const char *params[64];
    int np = f->nparams < 64 ? f->nparams : 64;
    for (int i = 0; i < np; i++) params[i] = f->params[i]->name;
    Func *g = NULL;
    bool ok = true;
    for (int i = 0; i < np && ok; i++) {
        bool r = false;
        Node *d = deriv_formula(in, arena, where, f->body, params[i], 1, &r);
        *reduces = *reduces || r;
        if (!d) ok = false;
        else ast_append(arena, vec, d);
    }
    (void)s;
    if (ok) {
        char name[256];
        snprintf(name, sizeof name, "∇%s", f->name && strcmp(f->name, "<lambda>") ? f->name : "f");
        g = deriv_make_func(in, arena, name, np, params, vec);
    }
    ast_arena_release(arena);
    return g;
}

static bool function_arg(Interp *in, const CallInfo *ci, const Value *argv, Func **out) {
    if (argv[0].kind == VAL_BUILTIN && argv[0].as.builtin->min_args == 1) {
        *out = builtin_as_func(in, argv[0].as.builtin, ci->call);
        return *out != NULL;
    }
    if (argv[0].kind != VAL_FUNC) {
        char what[64];
        return interp_error(in, ci->args[0], "%s: the first argument must be a function, got %s", ci->builtin->name,
                            value_describe(argv[0], what, sizeof what));
    }
    *out = argv[0].as.fn;
    func_retain(*out);
    return true;
}

/* Calls g at the point p (a number for one variable, a vector of f's arity). */
static bool call_at(Interp *in, const CallInfo *ci, Func *g, Value p, Value *out) {
    int np = g->nparams;
    Value args[64];
    if (p.kind == VAL_NUM && np == 1) {
        args[0] = p;
    } else if (p.kind == VAL_ARR && p.as.arr->ndim == 1 && (int)p.as.arr->len == np && np <= 64) {
        for (int i = 0; i < np; i++) args[i] = value_num(p.as.arr->data[i]);
    } else {
        char what[64];
        return interp_error(in, ci->args[1], "%s: the point must be a vector of %d number%s (one per variable of "
                            "the function), got %s", ci->builtin->name, np, np == 1 ? "" : "s",
                            value_describe(p, what, sizeof what));
    }
    Value fv = func_value(g);
    return eval_call_value(in, fv, np, args, ci->call, NULL, out);
}

/* {===================== the gradient ∇f: an object that prints as the vector of partial
 * derivatives, and when called computes the gradient — from those formulas at numbers, by
 * backpropagation (backprop.c) when an argument is an array. */

typedef struct Gradient {
    Obj obj;
    Func *f;   /* owned reference: the function differentiated */
    Func *sym; /* owned: the formulas as a function of f's variables, or NULL (no formula) */
    bool arrays; /* f reduces arrays (sum, mean, @ …): the formulas hold for numbers only */
} Gradient;

static void gradient_free(Obj *o) {
    Gradient *g = (Gradient *)o;
    func_release(g->f);
    if (g->sym) func_release(g->sym);
    free(g);
}

static void gradient_print(FILE *out, const Obj *o) {
    const Gradient *g = (const Gradient *)o;
    if (g->sym && !g->arrays) deriv_print(out, g->sym);
    else fprintf(out, "<the gradient of %s, by backpropagation: call it at a point, ∇%s(…)>", g->f->name, g->f->name);
}

static void gradient_describe(const Obj *o, char *buf, size_t size) {
    snprintf(buf, size, "the gradient of %s", ((const Gradient *)o)->f->name);
}

/* Names of gradient parts live as long as the session's tuples may: interned, never freed. */
static const char *intern(const char *name) {
    static char *pool[256];
    static int n;
    for (int i = 0; i < n; i++)
        if (strcmp(pool[i], name) == 0) return pool[i];
    if (n == 256) return "?";
    pool[n] = strdup(name);
    return pool[n] ? pool[n++] : "?";
}

static bool gradient_call(Interp *in, const Obj *o, int argc, const Value *argv, Span span, Value *out) {
    const Gradient *g = (const Gradient *)o;
    bool numbers = true;
    for (int i = 0; i < argc; i++) numbers = numbers && argv[i].kind == VAL_NUM;
    if (numbers && g->sym) {
        Value fv = func_value(g->sym);
        return eval_call_value(in, fv, argc, argv, span, NULL, out);
    }
    if (argc > 32) return interp_error(in, span, "∇: too many arguments");
    Value grads[32];
    if (!backprop_grad(in, g->f, argc, argv, span, grads)) return false;
    if (argc == 1) { *out = grads[0]; return true; }
    if (numbers) {
        Array *v = interp_new_vector(in, span, (size_t)argc);
        if (!v) return false;
        for (int i = 0; i < argc; i++) v->data[i] = grads[i].as.num;
        *out = value_arr(v);
        return true;
    }
    const char *names[32];
    for (int i = 0; i < argc; i++) names[i] = intern(g->f->params[i]->name);
    const char **kept = malloc((size_t)argc * sizeof *kept);
    if (!kept) abort();
    /* the tuple borrows its names array: keep one per distinct parameter list */
    static const char **lists[64];
    static int nlists;
    const char **found = NULL;
    for (int i = 0; i < nlists && !found; i++) {
        bool same = true;
        for (int k = 0; k < argc && same; k++) same = lists[i][k] == names[k] && lists[i][argc] == NULL;
        if (same) found = lists[i];
    }
    free(kept);
    if (!found) {
        const char **list = malloc((size_t)(argc + 1) * sizeof *list);
        if (!list) abort();
        for (int i = 0; i < argc; i++) list[i] = names[i];
        list[argc] = NULL;
        if (nlists < 64) lists[nlists++] = list;
        found = list;
    }
    *out = value_tuple(argc, found, grads);
    return true;
}

static const ObjType gradient_type = {
    .name = "gradient", .free = gradient_free, .print = gradient_print, .describe = gradient_describe,
    .call = gradient_call,
};

static bool fn_grad(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    Func *f;
    if (!function_arg(in, ci, argv, &f)) return false;
    if (f->body->kind == N_BLOCK) {
        func_release(f);
        return interp_error(in, ci->args[0], "cannot differentiate %s: its body is a block of statements (write it "
                            "as one expression)", f->name);
    }
    Gradient *g = calloc(1, sizeof *g);
    if (!g) abort();
    obj_init(&g->obj, &gradient_type);
    g->f = f;
    g->sym = gradient_func(in, f, ci->call, &g->arrays); /* NULL when some part has no formula: backprop only */
    Value gv = value_obj(&g->obj);
    if (argc == 1) {
        if (!g->sym && f->nparams > 0) {
            /* keep the error of the formula only if backprop cannot help either: it can, at a point */
            in->error.message[0] = '\0';
        }
        *out = gv;
        return true;
    }
    Value p = argv[1];
    bool ok;
    if (f->nparams == 1) {
        ok = gradient_call(in, &g->obj, 1, &p, ci->call, out);
    } else if (p.kind == VAL_ARR && p.as.arr->ndim == 1 && (int)p.as.arr->len == f->nparams && f->nparams <= 32) {
        Value args[32];
        for (int i = 0; i < f->nparams; i++) args[i] = value_num(p.as.arr->data[i]);
        ok = gradient_call(in, &g->obj, f->nparams, args, ci->call, out);
    } else {
        char what[64];
        ok = interp_error(in, ci->args[1], "grad: the point must be a vector of %d numbers (one per variable of %s), "
                          "got %s", f->nparams, f->name, value_describe(p, what, sizeof what));
    }
    value_release(gv);
    return ok;
}

/* }===================== */

/* The parameter names of f for a matrix of formulas (hessian, jacobian): at most 64, else an
 * error (never a matrix cut short in silence). */
static bool formula_params(Interp *in, const CallInfo *ci, const Func *f, const char **params, int *np) {
    if (f->nparams > 64)
        return interp_error(in, ci->args[0], "%s: %s has %d variables; at most 64 are differentiated at once",
                            ci->builtin->name, f->name, f->nparams);
    *np = f->nparams;
    for (int i = 0; i < *np; i++) params[i] = f->params[i]->name;
    return true;
}

/* The end of hessian and jacobian: the matrix of formulas m (in arena) becomes the function
 * NAME(params) — returned alone, or called at the point argv[1]. Releases arena and f. */
static bool formula_result(Interp *in, const CallInfo *ci, int argc, const Value *argv, AstArena *arena, Func *f,
                           const char *prefix, int np, const char **params, Node *body, bool ok, Value *out) {
    Func *g = NULL;
    if (ok) {
        char name[256];
        snprintf(name, sizeof name, "%s%s", prefix, f->name);
        g = deriv_make_func(in, arena, name, np, params, body);
    }
    ast_arena_release(arena);
    func_release(f);
    if (!g) return false;
    if (argc == 1) {
        *out = func_value(g);
        return true;
    }
    ok = call_at(in, ci, g, argv[1], out);
    func_release(g);
    return ok;
}

static bool fn_hessian(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    Func *f;
    if (!function_arg(in, ci, argv, &f)) return false;
    if (f->body->kind == N_BLOCK) {
        func_release(f);
        return interp_error(in, ci->args[0], "cannot differentiate %s: its body is a block of statements", f->name);
    }
    int np;
    const char *params[64];
    if (!formula_params(in, ci, f, params, &np)) { func_release(f); return false; }
    AstArena *arena = ast_arena_new((Source *)ci->call.src);
    Node *m = ast_node(arena, N_MATRIX, ci->call);
    bool ok = true;
    for (int i = 0; i < np && ok; i++) {
        Node *row = ast_node(arena, N_VECTOR, ci->call);
        Node *di = deriv_formula(in, arena, ci->call, f->body, params[i], 1, NULL);
        for (int j = 0; j < np && di && ok; j++) {
            Node *dij = deriv_formula(in, arena, ci->call, di, params[j], 1, NULL);
            if (!dij) ok = false;
            else ast_append(arena, row, dij);
        }
        if (!di) ok = false;
        ast_append(arena, m, row);
    }
    Node *body = ok && np == 1 ? m->list[0]->list[0] : m;
    return formula_result(in, ci, argc, argv, arena, f, "H", np, params, body, ok, out);
}

/* jacobian(f, p): J[i][j] = ∂f_i/∂x_j for f whose body is a vector [f_1, …, f_m]. */
static bool fn_jacobian(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    Func *f;
    if (!function_arg(in, ci, argv, &f)) return false;
    const Node *body = f->body;
    if (body->kind != N_VECTOR || body->nlist == 0 || body->flag) {
        func_release(f);
        return interp_error(in, ci->args[0], "jacobian: %s must give a vector written [f₁, f₂, …] (for a function "
                            "with a number as its value use grad)", f->name);
    }
    int np;
    const char *params[64];
    if (!formula_params(in, ci, f, params, &np)) { func_release(f); return false; }
    AstArena *arena = ast_arena_new((Source *)ci->call.src);
    Node *m = ast_node(arena, N_MATRIX, ci->call);
    bool ok = true;
    for (int i = 0; i < body->nlist && ok; i++) {
        Node *row = ast_node(arena, N_VECTOR, ci->call);
        for (int j = 0; j < np && ok; j++) {
            Node *dij = deriv_formula(in, arena, ci->call, body->list[i], params[j], 1, NULL);
            if (!dij) ok = false;
            else ast_append(arena, row, dij);
        }
        ast_append(arena, m, row);
    }
    return formula_result(in, ci, argc, argv, arena, f, "J", np, params, m, ok, out);
}

static const Builtin entries[] = {
    {.name = "diff", .min_args = 2, .max_args = 3, .fn = fn_diff,
     .signature = "diff(expr, x, order = 1)",
     .summary = "the exact derivative of a formula in x (d/dx expr, d²/dx² expr, ∂/∂x expr) or of a function "
                "(∂f/∂x): a function that prints as its formula",
     .example = "diff(x^2 + 3x, x)", .related = "grad, hessian", .pillar = "calculus"},
    {.name = "grad", .min_args = 1, .max_args = 2, .fn = fn_grad,
     .signature = "grad(f, p)",
     .summary = "the gradient ∇f of a function of several variables: the vector of its partial derivatives at "
                "the point p, or (without p) the function giving it",
     .example = "grad((x, y) -> x^2 * y, [1, 2])", .related = "diff, hessian", .pillar = "calculus",
     .takes_objects = true},
    {.name = "hessian", .min_args = 1, .max_args = 2, .fn = fn_hessian,
     .signature = "hessian(f, p)",
     .summary = "the matrix of second partial derivatives of f at the point p (or the function giving it)",
     .example = "hessian((x, y) -> x^2 * y, [1, 2])", .related = "grad, diff", .pillar = "calculus",
     .takes_objects = true},
    {.name = "jacobian", .min_args = 1, .max_args = 2, .fn = fn_jacobian,
     .signature = "jacobian(f, p)",
     .summary = "the matrix J[i, j] = ∂f_i/∂x_j of a function giving a vector [f₁, f₂, …], at the point p (or "
                "the function giving it)",
     .example = "jacobian((x, y) -> [x * y, x + y], [2, 3])", .related = "grad, hessian", .pillar = "calculus",
     .takes_objects = true},
};

const BuiltinTable builtins_calc = {entries, sizeof entries / sizeof entries[0]};
