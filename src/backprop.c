/* backprop.c — reverse-mode automatic differentiation through array code (see backprop.h).
 *
 * The function's body is run forward once on a tape (one entry per operation, holding its
 * value), names bound to tape entries; then adjoints flow backward from the scalar result,
 * each operation adding its inputs' shares (broadcast operands get their share summed back
 * to their own shape). Only entries that depend on a parameter are differentiated, so a
 * constant data matrix X costs nothing backward. Exact: every rule is the analytic one.
 *
 * Ownership: every tape entry owns its value and adjoint; the tape is freed at the end. */
#include "backprop.h"

#include <cblas.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "elementwise.h"
#include "eval.h"
#include "frame.h"
#include "linalg.h"
#include "symbolic.h"

enum {
    T_LEAF, T_CONST, T_ADD, T_SUB, T_MUL, T_DIV, T_POW, T_NEG, T_MATMUL, T_TRANSPOSE, T_MAP, T_SUM,
    T_MEAN, T_MAX2, T_MIN2, T_MAX1, T_MIN1, T_NORM, T_INDEX, T_DOT, T_ABS, T_VECTOR, T_ATAN2, T_HYPOT, T_LOGB, T_CLAMP,
};

typedef struct TNode {
    int op;
    int a, b, c;        /* input entries (-1: none); c: clamp's upper bound */
    const char *fname;  /* T_MAP: the builtin */
    size_t pos;         /* T_INDEX: flat position */
    int *items;         /* T_VECTOR: the entries of its numbers (owned) */
    int nitems;
    Value val;          /* owned */
    Value adj;          /* owned; VAL_NIL until something flows in */
    bool need;          /* depends on a parameter */
} TNode;

typedef struct Env {
    const char *names[32];
    int idx[32];
    int n;
} Env;

typedef struct BP {
    Interp *in;
    AstArena *arena;    /* borrowed: the arena of the code being run forward (for the evaluator) */
    Span span;
    TNode *t;
    int n, cap;
    int depth;
    size_t out_count;   /* elements of the value whose adjoint is flowing back (see accum) */
} BP;

static int push(BP *bp, int op, int a, int b, Value val) {
    if (bp->n == bp->cap) {
        bp->cap = bp->cap ? bp->cap * 2 : 64;
        bp->t = realloc(bp->t, (size_t)bp->cap * sizeof *bp->t);
        if (!bp->t) abort();
    }
    TNode *e = &bp->t[bp->n];
    memset(e, 0, sizeof *e);
    e->op = op;
    e->a = a;
    e->b = b;
    e->c = -1;
    e->val = val;
    e->adj = value_nil();
    e->need = op == T_LEAF || (a >= 0 && bp->t[a].need) || (b >= 0 && bp->t[b].need);
    return bp->n++;
}

static int fail(BP *bp, Span span, const char *fmt, const char *arg) {
    interp_error(bp->in, span, fmt, arg);
    return -1;
}

/* {===================== value helpers (all return false with the error set) */

static bool bin(BP *bp, int op, Value a, Value b, Value *out) { return ew_binary(bp->in, op, a, b, bp->span, out); }

static bool call1(BP *bp, const char *name, Value a, Value *out) {
    return eval_call_builtin(bp->in, name, 1, &a, bp->span, out);
}

static bool matmul(BP *bp, Value a, Value b, Value *out) {
    if (a.kind == VAL_NUM || b.kind == VAL_NUM) return bin(bp, OP_MUL, a, b, out);
    Array *r = NULL;
    double s = 0;
    bool is_scalar = false;
    LaError err;
    if (la_matmul(&bp->in->budget, a.as.arr, b.as.arr, &r, &s, &is_scalar, &err) != LA_OK)
        return interp_error(bp->in, bp->span, "%s", err.message);
    *out = is_scalar ? value_num(s) : value_arr(r);
    return true;
}

static bool transpose(BP *bp, Value a, Value *out) {
    if (a.kind == VAL_NUM) { *out = a; return true; }
    Array *r = NULL;
    LaError err;
    if (la_transpose(&bp->in->budget, a.as.arr, &r, &err) != LA_OK)
        return interp_error(bp->in, bp->span, "%s", err.message);
    *out = value_arr(r);
    return true;
}

/* Aᵀ g for a matrix A and a vector g of its rows, without forming Aᵀ (cblas_dgemv). */
static bool matvec_t(BP *bp, const Array *A, const Array *g, Value *out) {
    Array *r = interp_new_vector(bp->in, bp->span, A->cols);
    if (!r) return false;
    if (A->rows && A->cols)
        cblas_dgemv(CblasRowMajor, CblasTrans, (int)A->rows, (int)A->cols, 1.0, A->data, (int)A->cols, g->data, 1,
                    0.0, r->data, 1);
    else
        memset(r->data, 0, r->len * sizeof(double));
    *out = value_arr(r);
    return true;
}

static bool outer(BP *bp, Value a, Value b, Value *out) {
    if (a.kind == VAL_NUM || b.kind == VAL_NUM) return bin(bp, OP_MUL, a, b, out);
    Array *r = NULL;
    LaError err;
    if (la_outer(&bp->in->budget, a.as.arr, b.as.arr, &r, &err) != LA_OK)
        return interp_error(bp->in, bp->span, "%s", err.message);
    *out = value_arr(r);
    return true;
}

static double total(Value v) {
    if (v.kind == VAL_NUM) return v.as.num;
    double s = 0;
    for (size_t i = 0; i < v.as.arr->len; i++) s += v.as.arr->data[i];
    return s;
}

/* An array shaped like `like` filled with x (a number when like is one). */
static bool filled(BP *bp, Value like, double x, Value *out) {
    if (like.kind == VAL_NUM) { *out = value_num(x); return true; }
    const Array *l = like.as.arr;
    Array *r = interp_new_array(bp->in, bp->span, l->ndim, l->rows, l->cols);
    if (!r) return false;
    for (size_t i = 0; i < r->len; i++) r->data[i] = x;
    *out = value_arr(r);
    return true;
}

/* g (consumed) summed down to the shape of `like` (undoing broadcasting). */
static bool unbroadcast(BP *bp, Value g, Value like, Value *out) {
    if (like.kind == VAL_NUM) {
        *out = value_num(total(g));
        value_release(g);
        return true;
    }
    if (g.kind == VAL_NUM) {
        bool ok = filled(bp, like, g.as.num, out);
        return ok;
    }
    const Array *l = like.as.arr, *ga = g.as.arr;
    if (l->len == ga->len) {
        if (l->ndim == ga->ndim && l->rows == ga->rows) { *out = g; return true; }
        Array *r = interp_new_array(bp->in, bp->span, l->ndim, l->rows, l->cols);
        if (!r) { value_release(g); return false; }
        if (l->len) memcpy(r->data, ga->data, l->len * sizeof(double));
        value_release(g);
        *out = value_arr(r);
        return true;
    }
    if (ga->ndim == 2) {
        bool by_columns = l->len == ga->cols && (l->ndim == 1 || l->rows == 1);
        bool by_rows = l->len == ga->rows && l->ndim == 2 && l->cols == 1;
        if (by_columns || by_rows) {
            Array *r = interp_new_array(bp->in, bp->span, l->ndim, l->rows, l->cols);
            if (!r) { value_release(g); return false; }
            memset(r->data, 0, r->len * sizeof(double));
            for (size_t i = 0; i < ga->rows; i++)
                for (size_t j = 0; j < ga->cols; j++) r->data[by_columns ? j : i] += ga->data[i * ga->cols + j];
            value_release(g);
            *out = value_arr(r);
            return true;
        }
    }
    value_release(g);
    return interp_error(bp->in, bp->span, "∇: cannot match a gradient's shape to its operand's (internal)");
}

static size_t count_of(Value v) { return v.kind == VAL_ARR ? v.as.arr->len : 1; }

/* entry i's adjoint += contribution (consumed). An array contribution is summed down to the
 * entry's shape. A number stands for the same share for each of the bp->out_count elements of
 * the value flowing back (an adjoint that is the same everywhere is kept as one number, never
 * spread into an array): an array entry of M elements gets c·N/M in each (broadcasting used
 * each of its elements N/M times), a number entry all N shares. */
static bool accum(BP *bp, int i, Value c) {
    TNode *e = &bp->t[i];
    if (!e->need) { value_release(c); return true; }
    Value u;
    if (c.kind == VAL_NUM) {
        double n = (double)bp->out_count;
        u = value_num(e->val.kind == VAL_ARR ? c.as.num * n / (double)count_of(e->val) : c.as.num * n);
    } else if (!unbroadcast(bp, c, e->val, &u)) {
        return false;
    }
    if (e->adj.kind == VAL_NIL) { e->adj = u; return true; }
    Value s;
    bool ok = bin(bp, OP_ADD, e->adj, u, &s);
    value_release(u);
    if (!ok) return false;
    value_release(e->adj);
    bp->t[i].adj = s;
    return true;
}

/* entry i's adjoint += x in each of its elements. */
static bool accum_each(BP *bp, int i, double x) {
    size_t saved = bp->out_count;
    bp->out_count = count_of(bp->t[i].val);
    bool ok = accum(bp, i, value_num(x));
    bp->out_count = saved;
    return ok;
}

/* }===================== */

/* {===================== forward */

static int fwd(BP *bp, const Node *n, const Env *env);

static int fwd_binary_value(BP *bp, int op, int tap, int a, int b) {
    Value v;
    bool ok = op == OP_MATMUL ? matmul(bp, bp->t[a].val, bp->t[b].val, &v)
                              : bin(bp, op, bp->t[a].val, bp->t[b].val, &v);
    if (!ok) return -1;
    return push(bp, tap, a, b, v);
}

static int fwd_call(BP *bp, const Node *n, const Env *env) {
    const char *f = sym_name_of(n->a);
    int slot = f && n->a->kind != N_LOCAL ? interp_find_global(bp->in, f) : -1;
    Value callee = slot >= 0 ? bp->in->globals[slot].value : value_nil();
    if (callee.kind == VAL_FUNC) {
        const struct Func *fn = callee.as.fn;
        if (fn->body->kind == N_BLOCK || fn->nparams != n->nlist || fn->nparams > 32)
            return fail(bp, node_extent(n), "∇ cannot go through %s: only functions whose body is one expression", f);
        Env inner = {.n = fn->nparams};
        for (int i = 0; i < fn->nparams; i++) {
            inner.names[i] = fn->params[i]->name;
            inner.idx[i] = fwd(bp, n->list[i], env);
            if (inner.idx[i] < 0) return -1;
        }
        if (++bp->depth > 200) return fail(bp, node_extent(n), "∇: calls nested too deeply (through %s)", f);
        AstArena *outer = bp->arena;
        bp->arena = fn->arena;
        int r = fwd(bp, fn->body, &inner);
        bp->arena = outer;
        bp->depth--;
        return r;
    }
    if (callee.kind != VAL_BUILTIN)
        return fail(bp, node_extent(n), "∇ cannot go through a call of %s", f ? f : "an expression");
    int args[4] = {-1, -1, -1, -1};
    if (n->nlist > 3 || (n->nlist == 3 && strcmp(f, "clamp") != 0))
        return fail(bp, node_extent(n), "∇ cannot go through %s with more than two arguments", f);
    for (int i = 0; i < n->nlist; i++)
        if ((args[i] = fwd(bp, n->list[i], env)) < 0) return -1;
    bool any_need = false;
    Value argv[3];
    for (int i = 0; i < 3; i++) {
        any_need = any_need || (args[i] >= 0 && bp->t[args[i]].need);
        argv[i] = args[i] >= 0 ? bp->t[args[i]].val : value_nil();
    }
    Value v;
    if (!eval_call_value(bp->in, callee, n->nlist, argv, n->span, NULL, &v)) return -1;
    if (!any_need) return push(bp, T_CONST, -1, -1, v);
    static const char *const maps[] = {"exp", "log", "ln", "log2", "log10", "sqrt", "sin", "cos", "tan", "tanh",
                                       "sinh", "cosh", "asin", "acos", "atan", "asinh", "acosh", "atanh", "cbrt",
                                       "erf", "erfc", "sign", "floor", "ceil", "round", "trunc", NULL};
    if (n->nlist == 1) {
        for (int i = 0; maps[i]; i++)
            if (!strcmp(f, maps[i])) {
                int r = push(bp, T_MAP, args[0], -1, v);
                bp->t[r].fname = maps[i];
                return r;
            }
        if (!strcmp(f, "abs")) return push(bp, T_ABS, args[0], -1, v);
        if (!strcmp(f, "sum")) return push(bp, T_SUM, args[0], -1, v);
        if (!strcmp(f, "mean")) return push(bp, T_MEAN, args[0], -1, v);
        if (!strcmp(f, "max")) return push(bp, T_MAX1, args[0], -1, v);
        if (!strcmp(f, "min")) return push(bp, T_MIN1, args[0], -1, v);
        if (!strcmp(f, "norm")) return push(bp, T_NORM, args[0], -1, v);
        if (!strcmp(f, "transpose")) return push(bp, T_TRANSPOSE, args[0], -1, v);
    } else {
        if (!strcmp(f, "max")) return push(bp, T_MAX2, args[0], args[1], v);
        if (!strcmp(f, "min")) return push(bp, T_MIN2, args[0], args[1], v);
        if (!strcmp(f, "dot")) return push(bp, T_DOT, args[0], args[1], v);
        if (!strcmp(f, "atan2")) return push(bp, T_ATAN2, args[0], args[1], v);
        if (!strcmp(f, "hypot")) return push(bp, T_HYPOT, args[0], args[1], v);
        if (!strcmp(f, "log") && n->nlist == 2) return push(bp, T_LOGB, args[0], args[1], v);
        if (!strcmp(f, "clamp") && n->nlist == 3) {
            int r = push(bp, T_CLAMP, args[0], args[1], v);
            bp->t[r].c = args[2];
            bp->t[r].need = bp->t[r].need || bp->t[args[2]].need;
            return r;
        }
    }
    value_release(v);
    return fail(bp, node_extent(n), "∇ has no rule for %s (element-wise maths, sum, mean, max, min, norm, dot, "
                "@, transpose and indexing are differentiated)", f);
}

/* True when n reads a local of its function (a parameter, a Σ index): else it is a constant
 * the evaluator can compute with an empty frame. */
static bool reads_local(const Node *n) {
    if (!n) return false;
    if (n->kind == N_LOCAL || n->kind == N_NAME || n->kind == N_END || n->kind == N_LAMBDA) return true;
    if (reads_local(n->a) || reads_local(n->b) || reads_local(n->c)) return true;
    for (int i = 0; i < n->nlist; i++)
        if (reads_local(n->list[i])) return true;
    return false;
}

/* A constant subexpression (a data matrix written out, a range, a field …), evaluated. */
static int fwd_constant(BP *bp, const Node *n) {
    Frame fr = {NULL, 0, 0, false, value_nil(), bp->arena};
    Value v;
    if (!eval_expr(bp->in, &fr, (Node *)n, &v)) return -1;
    return push(bp, T_CONST, -1, -1, v);
}

static int fwd(BP *bp, const Node *n, const Env *env) {
    if (!interp_stack_ok(bp->in)) return fail(bp, node_extent(n), "expression too deep for ∇%s", "");
    const char *name = sym_name_of(n);
    if (name) {
        for (int i = env->n - 1; i >= 0; i--)
            if (!strcmp(env->names[i], name)) return env->idx[i];
        int slot = interp_find_global(bp->in, name);
        if (slot < 0 || bp->in->globals[slot].value.kind == VAL_NIL)
            return fail(bp, n->span, "unknown name '%s'", name);
        Value v = value_retain(bp->in->globals[slot].value);
        if (v.kind == VAL_ARR && v.as.arr->lazy) {
            AllocStatus st;
            if (!array_materialize(v.as.arr, &st)) { value_release(v); return fail(bp, n->span, "out of memory%s", ""); }
        }
        return push(bp, T_CONST, -1, -1, v);
    }
    switch (n->kind) {
    case N_NUM: return push(bp, T_CONST, -1, -1, value_num(n->num));
    case N_BINARY: {
        int a = fwd(bp, n->a, env);
        int b = a >= 0 ? fwd(bp, n->b, env) : -1;
        if (b < 0) return -1;
        switch (n->op) {
        case OP_ADD: return fwd_binary_value(bp, OP_ADD, T_ADD, a, b);
        case OP_SUB: return fwd_binary_value(bp, OP_SUB, T_SUB, a, b);
        case OP_MUL: return fwd_binary_value(bp, OP_MUL, T_MUL, a, b);
        case OP_DIV: return fwd_binary_value(bp, OP_DIV, T_DIV, a, b);
        case OP_POW: return fwd_binary_value(bp, OP_POW, T_POW, a, b);
        case OP_MATMUL: return fwd_binary_value(bp, OP_MATMUL, T_MATMUL, a, b);
        default: return fail(bp, n->span, "∇ has no rule for the operator %s", "here");
        }
    }
    case N_POWSUP: {
        int a = fwd(bp, n->a, env);
        if (a < 0) return -1;
        int k = push(bp, T_CONST, -1, -1, value_num(n->num));
        return fwd_binary_value(bp, OP_POW, T_POW, a, k);
    }
    case N_UNARY: {
        int a = fwd(bp, n->a, env);
        if (a < 0) return -1;
        if (n->op == OP_POS) return a;
        if (n->op != OP_NEG) return fail(bp, n->span, "∇ cannot go through 'not'%s", "");
        Value v;
        if (!bin(bp, OP_MUL, value_num(-1), bp->t[a].val, &v)) return -1;
        return push(bp, T_NEG, a, -1, v);
    }
    case N_TRANSPOSE: {
        int a = fwd(bp, n->a, env);
        Value v;
        if (a < 0 || !transpose(bp, bp->t[a].val, &v)) return -1;
        if (bp->t[a].val.kind == VAL_NUM) v = bp->t[a].val;
        return push(bp, T_TRANSPOSE, a, -1, v);
    }
    case N_ABS: {
        int a = fwd(bp, n->a, env);
        Value v;
        if (a < 0 || !call1(bp, "abs", bp->t[a].val, &v)) return -1;
        return push(bp, T_ABS, a, -1, v);
    }
    case N_NORM: {
        if (n->op != NORM_2 && n->op != NORM_FRO) return fail(bp, node_extent(n), "∇ has no rule for this norm%s", "");
        int a = fwd(bp, n->a, env);
        Value v;
        if (a < 0 || !call1(bp, "norm", bp->t[a].val, &v)) return -1;
        return push(bp, T_NORM, a, -1, v);
    }
    case N_IF_EXPR: {
        int c = fwd(bp, n->a, env);
        if (c < 0) return -1;
        bool truth;
        if (!eval_truth(bp->in, bp->t[c].val, n->a, &truth)) return -1;
        return fwd(bp, truth ? n->b : n->c, env);
    }
    case N_COMPARE: {
        int a = fwd(bp, n->a, env);
        int b = a >= 0 ? fwd(bp, n->b, env) : -1;
        Value v;
        if (b < 0 || !bin(bp, n->op, bp->t[a].val, bp->t[b].val, &v)) return -1;
        return push(bp, T_CONST, -1, -1, v); /* piecewise constant */
    }
    case N_INDEX: {
        int a = fwd(bp, n->a, env);
        if (a < 0) return -1;
        Value base = bp->t[a].val;
        if (base.kind != VAL_ARR || n->nlist < 1 || n->nlist > 2)
            return fail(bp, node_extent(n), "∇ differentiates only x[i] and X[i, j] of arrays%s", "");
        size_t at[2];
        for (int i = 0; i < n->nlist; i++) {
            int k = fwd(bp, n->list[i], env);
            if (k < 0) return -1;
            if (bp->t[k].val.kind != VAL_NUM)
                return fail(bp, node_extent(n->list[i]), "∇ differentiates only x[i] and X[i, j] with number indices%s", "");
            size_t len = n->nlist == 1 ? base.as.arr->len : i == 0 ? base.as.arr->rows : base.as.arr->cols;
            if (!eval_check_index(bp->in, node_extent(n->list[i]), bp->t[k].val.as.num, len, &at[i])) return -1;
        }
        size_t pos = n->nlist == 1 ? at[0] : at[0] * base.as.arr->cols + at[1];
        int r = push(bp, T_INDEX, a, -1, value_num(base.as.arr->data[pos]));
        bp->t[r].pos = pos;
        return r;
    }
    case N_SUM: {
        int lo = fwd(bp, n->a, env), hi = lo >= 0 ? fwd(bp, n->b, env) : -1;
        if (hi < 0) return -1;
        if (bp->t[lo].val.kind != VAL_NUM || bp->t[hi].val.kind != VAL_NUM)
            return fail(bp, node_extent(n), "Σ bounds must be numbers%s", "");
        Env inner = *env;
        if (inner.n >= 32) return fail(bp, n->span, "Σ nested too deeply for ∇%s", "");
        inner.names[inner.n++] = n->name;
        int acc = push(bp, T_CONST, -1, -1, value_num(n->op == OP_SUM ? 0 : 1));
        for (double i = bp->t[lo].val.as.num; i <= bp->t[hi].val.as.num; i++) {
            inner.idx[inner.n - 1] = push(bp, T_CONST, -1, -1, value_num(i));
            int t = fwd(bp, n->c, &inner);
            if (t < 0) return -1;
            acc = fwd_binary_value(bp, n->op == OP_SUM ? OP_ADD : OP_MUL, n->op == OP_SUM ? T_ADD : T_MUL, acc, t);
            if (acc < 0) return -1;
        }
        return acc;
    }
    case N_CALL: return fwd_call(bp, n, env);
    case N_VECTOR: {
        /* [a, b, c] of numbers */
        if (n->flag || n->nlist == 0) return fail(bp, node_extent(n), "∇ cannot differentiate this list%s", "");
        int *items = malloc((size_t)n->nlist * sizeof *items);
        if (!items) abort();
        bool need = false;
        for (int i = 0; i < n->nlist; i++) {
            items[i] = fwd(bp, n->list[i], env);
            if (items[i] < 0) { free(items); return -1; }
            if (bp->t[items[i]].val.kind != VAL_NUM) {
                free(items);
                return fail(bp, node_extent(n->list[i]), "∇ differentiates vectors written [a, b, …] of numbers "
                            "only%s", "");
            }
            need = need || bp->t[items[i]].need;
        }
        Array *v = interp_new_vector(bp->in, n->span, (size_t)n->nlist);
        if (!v) { free(items); return -1; }
        for (int i = 0; i < n->nlist; i++) v->data[i] = bp->t[items[i]].val.as.num;
        int r = push(bp, need ? T_VECTOR : T_CONST, -1, -1, value_arr(v));
        bp->t[r].need = need;
        if (need) { bp->t[r].items = items; bp->t[r].nitems = n->nlist; }
        else free(items);
        return r;
    }
    default:
        if (!reads_local(n)) return fwd_constant(bp, n);
        return fail(bp, node_extent(n), "∇ cannot differentiate this expression (matrices written [a, b; c, d] of "
                    "the variables, ranges and fields have no rule)%s", "");
    }
}

/* }===================== */

/* {===================== backward */

static bool map_derivative(BP *bp, const TNode *e, Value a, Value *out) {
    const char *f = e->fname;
    Value t = value_nil(), u = value_nil();
    bool ok = true;
    if (!strcmp(f, "exp")) { *out = value_retain(e->val); return true; }
    if (!strcmp(f, "log") || !strcmp(f, "ln")) return bin(bp, OP_DIV, value_num(1), a, out);
    if (!strcmp(f, "log2")) return bin(bp, OP_DIV, value_num(1 / M_LN2), a, out);
    if (!strcmp(f, "log10")) return bin(bp, OP_DIV, value_num(1 / M_LN10), a, out);
    if (!strcmp(f, "sqrt")) return bin(bp, OP_DIV, value_num(0.5), e->val, out);
    if (!strcmp(f, "sin")) return call1(bp, "cos", a, out);
    if (!strcmp(f, "cos")) {
        ok = call1(bp, "sin", a, &t) && bin(bp, OP_MUL, value_num(-1), t, out);
    } else if (!strcmp(f, "tan")) {
        ok = call1(bp, "cos", a, &t) && bin(bp, OP_MUL, t, t, &u) && bin(bp, OP_DIV, value_num(1), u, out);
    } else if (!strcmp(f, "tanh")) {
        ok = bin(bp, OP_MUL, e->val, e->val, &t) && bin(bp, OP_SUB, value_num(1), t, out);
    } else if (!strcmp(f, "asin") || !strcmp(f, "acos")) {
        /* ±1/√(1 − a²) */
        ok = bin(bp, OP_MUL, a, a, &t) && bin(bp, OP_SUB, value_num(1), t, &u);
        value_release(t);
        t = value_nil();
        ok = ok && call1(bp, "sqrt", u, &t) && bin(bp, OP_DIV, value_num(!strcmp(f, "asin") ? 1 : -1), t, out);
    } else if (!strcmp(f, "atan")) {
        ok = bin(bp, OP_MUL, a, a, &t) && bin(bp, OP_ADD, value_num(1), t, &u) && bin(bp, OP_DIV, value_num(1), u, out);
    } else if (!strcmp(f, "asinh") || !strcmp(f, "acosh")) {
        /* 1/√(a² ± 1) */
        ok = bin(bp, OP_MUL, a, a, &t) && bin(bp, !strcmp(f, "asinh") ? OP_ADD : OP_SUB, t, value_num(1), &u);
        value_release(t);
        t = value_nil();
        ok = ok && call1(bp, "sqrt", u, &t) && bin(bp, OP_DIV, value_num(1), t, out);
    } else if (!strcmp(f, "atanh")) {
        ok = bin(bp, OP_MUL, a, a, &t) && bin(bp, OP_SUB, value_num(1), t, &u) && bin(bp, OP_DIV, value_num(1), u, out);
    } else if (!strcmp(f, "cbrt")) {
        ok = bin(bp, OP_MUL, e->val, e->val, &t) && bin(bp, OP_DIV, value_num(1.0 / 3), t, out);
    } else if (!strcmp(f, "erf") || !strcmp(f, "erfc")) {
        /* ±2/√π e^(−a²) */
        ok = bin(bp, OP_MUL, a, a, &t) && bin(bp, OP_MUL, value_num(-1), t, &u);
        value_release(t);
        t = value_nil();
        ok = ok && call1(bp, "exp", u, &t) &&
             bin(bp, OP_MUL, value_num((!strcmp(f, "erf") ? 2 : -2) / sqrt(M_PI)), t, out);
    } else if (!strcmp(f, "sinh")) {
        return call1(bp, "cosh", a, out);
    } else if (!strcmp(f, "cosh")) {
        return call1(bp, "sinh", a, out);
    } else {
        return filled(bp, a, 0, out); /* sign, floor, ceil, round: 0 except at jumps */
    }
    value_release(t);
    value_release(u);
    return ok;
}

static bool back(BP *bp, int i) {
    TNode *e = &bp->t[i];
    if (!e->need || e->adj.kind == VAL_NIL || e->op == T_LEAF) return true;
    Value g = e->adj;
    Value A = e->a >= 0 ? bp->t[e->a].val : value_nil(), B = e->b >= 0 ? bp->t[e->b].val : value_nil();
    bool needA = e->a >= 0 && bp->t[e->a].need, needB = e->b >= 0 && bp->t[e->b].need;
    Value c = value_nil(), t = value_nil(), u = value_nil();
    bool ok = true;
    bp->out_count = count_of(e->val);
#define TRY(x) do { if (ok && !(x)) ok = false; } while (0)
    switch (e->op) {
    case T_ADD:
        if (needA) TRY(accum(bp, e->a, value_retain(g)));
        if (needB) TRY(accum(bp, e->b, value_retain(g)));
        break;
    case T_SUB:
        if (needA) TRY(accum(bp, e->a, value_retain(g)));
        if (needB) { TRY(bin(bp, OP_MUL, value_num(-1), g, &c)); if (ok) { TRY(accum(bp, e->b, c)); } }
        break;
    case T_NEG:
        TRY(bin(bp, OP_MUL, value_num(-1), g, &c));
        if (ok) TRY(accum(bp, e->a, c));
        break;
    case T_MUL:
        if (needA) { TRY(bin(bp, OP_MUL, g, B, &c)); if (ok) TRY(accum(bp, e->a, c)); }
        if (needB) { TRY(bin(bp, OP_MUL, g, A, &c)); if (ok) TRY(accum(bp, e->b, c)); }
        break;
    case T_DIV:
        if (needA) { TRY(bin(bp, OP_DIV, g, B, &c)); if (ok) TRY(accum(bp, e->a, c)); }
        if (needB) {
            /* −g·out/b */
            TRY(bin(bp, OP_MUL, g, e->val, &t));
            TRY(bin(bp, OP_DIV, t, B, &u));
            TRY(bin(bp, OP_MUL, value_num(-1), u, &c));
            if (ok) TRY(accum(bp, e->b, c));
            value_release(t); value_release(u); t = u = value_nil();
        }
        break;
    case T_POW:
        if (needA && B.kind == VAL_NUM && B.as.num == 2) {
            /* (a²)′ = 2a: one array, written over the temporary */
            Value two_g;
            TRY(bin(bp, OP_MUL, value_num(2), g, &two_g));
            if (ok) TRY(ew_binary_owned(bp->in, OP_MUL, two_g, value_retain(A), bp->span, &c));
            if (ok) TRY(accum(bp, e->a, c));
            needA = false;
        }
        if (needA) {
            /* g·b·a^(b−1) */
            Value bm1;
            TRY(bin(bp, OP_SUB, B, value_num(1), &bm1));
            if (ok) { TRY(bin(bp, OP_POW, A, bm1, &t)); value_release(bm1); }
            TRY(bin(bp, OP_MUL, t, B, &u));
            TRY(bin(bp, OP_MUL, g, u, &c));
            if (ok) TRY(accum(bp, e->a, c));
            value_release(t); value_release(u); t = u = value_nil();
        }
        if (needB) {
            TRY(call1(bp, "log", A, &t));
            TRY(bin(bp, OP_MUL, t, e->val, &u));
            TRY(bin(bp, OP_MUL, g, u, &c));
            if (ok) TRY(accum(bp, e->b, c));
            value_release(t); value_release(u); t = u = value_nil();
        }
        break;
    case T_MATMUL: {
        Value spread = value_nil();
        if (g.kind == VAL_NUM && e->val.kind == VAL_ARR) {
            /* the same share everywhere: the products below need it as an array */
            if (!filled(bp, e->val, g.as.num, &spread)) return false;
            g = spread;
        }
        bool a_vec = A.kind == VAL_ARR && A.as.arr->ndim == 1, b_vec = B.kind == VAL_ARR && B.as.arr->ndim == 1;
        if (A.kind == VAL_NUM || B.kind == VAL_NUM || (a_vec && b_vec)) {
            /* a product of a number, or a dot product */
            if (needA) { TRY(bin(bp, OP_MUL, g, B, &c)); if (ok) TRY(accum(bp, e->a, c)); }
            if (needB) { TRY(bin(bp, OP_MUL, g, A, &c)); if (ok) TRY(accum(bp, e->b, c)); }
            value_release(spread);
            break;
        }
        if (needA) {
            if (b_vec) TRY(outer(bp, g, B, &c));                                /* M v: g vᵀ */
            else if (a_vec) TRY(matmul(bp, B, g, &c));                         /* v M: M g */
            else { TRY(transpose(bp, B, &t)); TRY(matmul(bp, g, t, &c)); }     /* g Bᵀ */
            if (ok) TRY(accum(bp, e->a, c));
            value_release(t); t = value_nil();
        }
        if (needB) {
            bool g_vec = g.kind == VAL_ARR && g.as.arr->ndim == 1;
            if (a_vec) TRY(outer(bp, A, g, &c));                               /* v M: v gᵀ */
            else if (g_vec && g.as.arr->len == A.as.arr->rows && A.as.arr->rows <= 2147483647u &&
                     A.as.arr->cols <= 2147483647u)
                TRY(matvec_t(bp, A.as.arr, g.as.arr, &c));                     /* M v: Mᵀ g */
            else { TRY(transpose(bp, A, &t)); TRY(matmul(bp, t, g, &c)); }     /* Aᵀ g */
            if (ok) TRY(accum(bp, e->b, c));
            value_release(t); t = value_nil();
        }
        value_release(spread);
        break;
    }
    case T_TRANSPOSE:
        TRY(transpose(bp, g, &c));
        if (ok && g.kind == VAL_NUM) c = g;
        if (ok) TRY(accum(bp, e->a, c)); /* accum reshapes a 1×n back to a vector */
        break;
    case T_MAP:
        TRY(map_derivative(bp, e, A, &t));
        TRY(bin(bp, OP_MUL, g, t, &c));
        if (ok) TRY(accum(bp, e->a, c));
        value_release(t); t = value_nil();
        break;
    case T_ABS:
        TRY(call1(bp, "sign", A, &t));
        TRY(bin(bp, OP_MUL, g, t, &c));
        if (ok) TRY(accum(bp, e->a, c));
        value_release(t); t = value_nil();
        break;
    case T_SUM:
        TRY(accum_each(bp, e->a, total(g)));
        break;
    case T_MEAN:
        TRY(accum_each(bp, e->a, total(g) / (double)count_of(A)));
        break;
    case T_MAX1: case T_MIN1: {
        TRY(filled(bp, A, 0, &c));
        if (ok && c.kind == VAL_ARR) {
            for (size_t k = 0; k < A.as.arr->len; k++)
                if (A.as.arr->data[k] == e->val.as.num) { c.as.arr->data[k] = total(g); break; }
        } else if (ok) {
            c = value_num(total(g));
        }
        if (ok) TRY(accum(bp, e->a, c));
        break;
    }
    case T_MAX2: case T_MIN2: {
        /* the share goes to the operand that was chosen (a on ties) */
        int op = e->op == T_MAX2 ? OP_GE : OP_LE;
        TRY(bin(bp, op, A, B, &t));
        if (needA) { TRY(bin(bp, OP_MUL, g, t, &c)); if (ok) TRY(accum(bp, e->a, c)); }
        if (needB) {
            TRY(bin(bp, OP_SUB, value_num(1), t, &u));
            TRY(bin(bp, OP_MUL, g, u, &c));
            if (ok) TRY(accum(bp, e->b, c));
        }
        value_release(t); value_release(u); t = u = value_nil();
        break;
    }
    case T_NORM:
        TRY(bin(bp, OP_DIV, A, e->val, &t));
        TRY(bin(bp, OP_MUL, g, t, &c));
        if (ok) TRY(accum(bp, e->a, c));
        value_release(t); t = value_nil();
        break;
    case T_DOT:
        if (needA) { TRY(bin(bp, OP_MUL, g, B, &c)); if (ok) TRY(accum(bp, e->a, c)); }
        if (needB) { TRY(bin(bp, OP_MUL, g, A, &c)); if (ok) TRY(accum(bp, e->b, c)); }
        break;
    case T_VECTOR:
        for (int k = 0; k < e->nitems && ok; k++) {
            double gk = g.kind == VAL_NUM ? g.as.num : g.as.arr->data[k];
            TRY(accum_each(bp, e->items[k], gk));
        }
        break;
    case T_ATAN2: case T_HYPOT: case T_LOGB: {
        /* atan2(y, x): (x, −y)/(x² + y²); hypot(a, b): (a, b)/hypot; log(a, b) = ln a / ln b */
        Value da = value_nil(), db = value_nil(), q = value_nil();
        if (e->op == T_ATAN2) {
            Value x2, y2;
            TRY(bin(bp, OP_MUL, B, B, &x2));
            if (ok) { TRY(bin(bp, OP_MUL, A, A, &y2)); if (ok) { TRY(ew_binary_owned(bp->in, OP_ADD, x2, y2, bp->span, &q)); } else value_release(x2); }
            if (ok && needA) TRY(bin(bp, OP_DIV, B, q, &da));
            if (ok && needB) { TRY(bin(bp, OP_DIV, A, q, &t)); TRY(bin(bp, OP_MUL, value_num(-1), t, &db)); }
        } else if (e->op == T_HYPOT) {
            if (needA) TRY(bin(bp, OP_DIV, A, e->val, &da));
            if (ok && needB) TRY(bin(bp, OP_DIV, B, e->val, &db));
        } else {
            Value lb = value_nil();
            TRY(call1(bp, "log", B, &lb));
            if (ok && needA) { TRY(bin(bp, OP_MUL, A, lb, &t)); TRY(bin(bp, OP_DIV, value_num(1), t, &da)); }
            value_release(t); t = value_nil();
            if (ok && needB) {
                /* −ln a / (b ln² b) = −out / (b ln b) */
                TRY(bin(bp, OP_MUL, B, lb, &t));
                TRY(bin(bp, OP_DIV, e->val, t, &u));
                TRY(bin(bp, OP_MUL, value_num(-1), u, &db));
            }
            value_release(lb);
        }
        if (ok && needA) { TRY(bin(bp, OP_MUL, g, da, &c)); if (ok) TRY(accum(bp, e->a, c)); }
        if (ok && needB) { TRY(bin(bp, OP_MUL, g, db, &c)); if (ok) TRY(accum(bp, e->b, c)); }
        value_release(da); value_release(db); value_release(q); value_release(t); value_release(u);
        t = u = value_nil();
        break;
    }
    case T_CLAMP: {
        /* the share goes to u inside [lo, hi], to the bound that was taken outside */
        Value H = bp->t[e->c].val, lo_mask = value_nil(), hi_mask = value_nil(), in_mask = value_nil();
        TRY(bin(bp, OP_LT, A, B, &lo_mask));
        TRY(bin(bp, OP_GT, A, H, &hi_mask));
        if (ok) { TRY(bin(bp, OP_ADD, lo_mask, hi_mask, &t)); TRY(bin(bp, OP_SUB, value_num(1), t, &in_mask)); }
        if (ok && needA) { TRY(bin(bp, OP_MUL, g, in_mask, &c)); if (ok) TRY(accum(bp, e->a, c)); }
        if (ok && needB) { TRY(bin(bp, OP_MUL, g, lo_mask, &c)); if (ok) TRY(accum(bp, e->b, c)); }
        if (ok && bp->t[e->c].need) { TRY(bin(bp, OP_MUL, g, hi_mask, &c)); if (ok) TRY(accum(bp, e->c, c)); }
        value_release(lo_mask); value_release(hi_mask); value_release(in_mask); value_release(t);
        t = value_nil();
        break;
    }
    case T_INDEX:
        TRY(filled(bp, A, 0, &c));
        if (ok) { c.as.arr->data[e->pos] = total(g); TRY(accum(bp, e->a, c)); }
        break;
    default:
        break;
    }
#undef TRY
    return ok;
}

/* }===================== */

bool backprop_grad(Interp *in, const struct Func *f, int argc, const Value *argv, Span span, Value *grads) {
    if (f->body->kind == N_BLOCK)
        return interp_error(in, span, "∇ needs a function whose body is one expression (%s has a block)", f->name);
    if (argc != f->nparams || argc > 32)
        return interp_error(in, span, "∇%s expects %d argument%s, got %d", f->name, f->nparams,
                            f->nparams == 1 ? "" : "s", argc);
    BP bp = {in, f->arena, span, NULL, 0, 0, 0};
    Env env = {.n = argc};
    for (int i = 0; i < argc; i++) {
        Value v = value_retain(argv[i]);
        if (v.kind != VAL_NUM && v.kind != VAL_ARR) {
            value_release(v);
            return interp_error(in, span, "∇: argument %d must be a number or an array", i + 1);
        }
        if (v.kind == VAL_ARR && v.as.arr->lazy) {
            AllocStatus st;
            if (!array_materialize(v.as.arr, &st)) { value_release(v); return interp_error(in, span, "out of memory"); }
        }
        env.names[i] = f->params[i]->name;
        env.idx[i] = push(&bp, T_LEAF, -1, -1, v);
    }
    bool ok = true;
    int root = fwd(&bp, f->body, &env);
    if (root < 0) ok = false;
    if (ok && bp.t[root].val.kind != VAL_NUM) {
        char what[64];
        ok = interp_error(in, span, "∇ needs a function with a number as its value; %s gives %s", f->name,
                          value_describe(bp.t[root].val, what, sizeof what));
    }
    if (ok && bp.t[root].need) {
        bp.t[root].adj = value_num(1);
        for (int i = root; i >= 0 && ok; i--) ok = back(&bp, i);
    }
    for (int i = 0; i < argc && ok; i++) {
        TNode *leaf = &bp.t[env.idx[i]];
        if (leaf->adj.kind == VAL_NIL) ok = filled(&bp, leaf->val, 0, &grads[i]);
        else if (leaf->adj.kind == VAL_NUM && leaf->val.kind == VAL_ARR) ok = filled(&bp, leaf->val, leaf->adj.as.num, &grads[i]);
        else { grads[i] = leaf->adj; leaf->adj = value_nil(); }
        if (!ok) for (int k = 0; k < i; k++) value_release(grads[k]);
    }
    for (int i = 0; i < bp.n; i++) {
        value_release(bp.t[i].val);
        value_release(bp.t[i].adj);
        free(bp.t[i].items);
    }
    free(bp.t);
    return ok;
}
