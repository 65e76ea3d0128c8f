/* member.c — x ∈ S (see member.h).
 *
 * The right side is read as written before it is evaluated: ℝ, ℤ, ℕ with an exponent
 * (ℝ³, ℝⁿ, ℝ^3, ℝ^{m×n}, which LaTeX input turns into ℝ^(m × n)) state a shape, which is
 * how books declare a variable: x ∈ ℝⁿ is a vector of n reals (a vector of length n, or an
 * n×1 matrix), X ∈ ℝ^{m×n} an m×n matrix (ℝ^{1×n} also takes a vector of length n), and
 * x ∈ ℝ a number. The elements must be finite reals; ℤ wants whole numbers and ℕ whole
 * numbers ≥ 0. Any other right side is evaluated and must be a vector, a matrix or a range:
 * then x ∈ S is true where x equals an element of S (exactly, as == does). */
#include "member.h"

#include <math.h>
#include <string.h>

#include "eval.h"

typedef enum SetKind { SET_NONE, SET_REAL, SET_INT, SET_NAT } SetKind;

static SetKind set_of(const Node *n) {
    if (!n || (n->kind != N_NAME && n->kind != N_GLOBAL && n->kind != N_LOCAL) || !n->name) return SET_NONE;
    if (strcmp(n->name, "ℝ") == 0) return SET_REAL;
    if (strcmp(n->name, "ℤ") == 0) return SET_INT;
    if (strcmp(n->name, "ℕ") == 0) return SET_NAT;
    return SET_NONE;
}

static bool element_in(SetKind k, double x) {
    if (!isfinite(x)) return false;
    if (k == SET_INT) return x == floor(x);
    if (k == SET_NAT) return x == floor(x) && x >= 0;
    return true;
}

/* A dimension of ℝ^…: a whole number ≥ 1. */
static bool dimension(Interp *in, Frame *fr, Node *e, double *out) {
    Value v;
    if (!eval_expr(in, fr, e, &v)) return false;
    if (v.kind != VAL_NUM) {
        char what[64];
        bool ok = interp_error(in, node_extent(e), "a dimension of ℝ^{m×n} is a whole number, got %s",
                               value_describe(v, what, sizeof what));
        value_release(v);
        return ok;
    }
    if (!(v.as.num >= 1 && v.as.num == floor(v.as.num) && v.as.num < 1e15))
        return interp_error(in, node_extent(e), "a dimension of ℝ^{m×n} is a whole number ≥ 1, got %g", v.as.num);
    *out = v.as.num;
    return true;
}

/* x against the shape rows×cols (cols = 0: ℝ alone, a number; rows = 0: ℝⁿ, a vector). */
static bool shape_holds(Value x, SetKind k, double rows, double cols, bool scalar) {
    if (scalar) return x.kind == VAL_NUM && element_in(k, x.as.num);
    if (x.kind != VAL_ARR) return false;
    const Array *a = x.as.arr;
    bool fits;
    if (rows == 0) /* ℝⁿ: a vector of length n or an n×1 column */
        fits = (a->ndim == 1 && (double)a->len == cols) || (a->ndim == 2 && (double)a->rows == cols && a->cols == 1);
    else
        fits = (a->ndim == 2 && (double)a->rows == rows && (double)a->cols == cols) ||
               (a->ndim == 1 && rows == 1 && (double)a->len == cols);
    if (!fits) return false;
    for (size_t i = 0; i < a->len; i++)
        if (!element_in(k, array_at(a, i))) return false;
    return true;
}

static bool shape_member(Interp *in, Frame *fr, Node *n, SetKind k, Value *out) {
    Node *s = n->b;
    double rows = 0, cols = 0;
    bool scalar = false;
    if (set_of(s)) {
        scalar = true;
    } else if (s->kind == N_POWSUP) {
        if (!(s->num >= 1 && s->num == floor(s->num)))
            return interp_error(in, s->span, "the exponent of ℝⁿ is a whole number ≥ 1, got %g", s->num);
        cols = s->num;
    } else {
        Node *e = s->b; /* ℝ^e */
        if (e->kind == N_BINARY && (e->op == OP_MUL || e->op == OP_TIMES)) {
            if (!dimension(in, fr, e->a, &rows) || !dimension(in, fr, e->b, &cols)) return false;
        } else if (!dimension(in, fr, e, &cols)) {
            return false;
        }
    }
    Value x;
    if (!eval_expr(in, fr, n->a, &x)) return false;
    bool holds = shape_holds(x, k, rows, cols, scalar);
    value_release(x);
    *out = value_num(holds);
    return true;
}

static bool in_array(const Array *s, double x) {
    for (size_t i = 0; i < s->len; i++)
        if (array_at(s, i) == x) return true;
    return false;
}

bool eval_member(Interp *in, Frame *fr, Node *n, Value *out) {
    Node *s = n->b;
    SetKind k = set_of(s);
    if (!k && (s->kind == N_POWSUP || (s->kind == N_BINARY && s->op == OP_POW))) k = set_of(s->a);
    if (k) return shape_member(in, fr, n, k, out);
    Value set;
    if (!eval_expr(in, fr, s, &set)) return false;
    if (set.kind != VAL_ARR) {
        char what[64];
        bool ok = interp_error(in, node_extent(s), "'∈' needs a set on its right (ℝ, ℝⁿ, ℝ^{m×n}, a vector or a range), got %s",
                               value_describe(set, what, sizeof what));
        value_release(set);
        return ok;
    }
    Value x;
    if (!eval_expr(in, fr, n->a, &x)) { value_release(set); return false; }
    bool ok = true;
    if (x.kind == VAL_NUM) {
        *out = value_num(in_array(set.as.arr, x.as.num));
    } else if (x.kind == VAL_ARR) {
        const Array *a = x.as.arr;
        Array *r = a->ndim == 1 ? interp_new_vector(in, n->span, a->len) : interp_new_matrix(in, n->span, a->rows, a->cols);
        if (!r) {
            ok = false;
        } else {
            for (size_t i = 0; i < a->len; i++) r->data[i] = in_array(set.as.arr, array_at(a, i));
            *out = value_arr(r);
        }
    } else {
        char what[64];
        ok = interp_error(in, node_extent(n->a), "'∈' needs a number or an array on its left, got %s",
                          value_describe(x, what, sizeof what));
    }
    value_release(x);
    value_release(set);
    return ok;
}
