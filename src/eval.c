/* eval.c — evaluates resolved expressions: literals, ranges, operators, calls, Σ/∏ and the
 * scalar fast path. Indexing is eval_index.c's, statements eval_stmt.c's (eval_internal.h
 * joins the three).
 *
 * Scalars take a fast path everywhere (no allocation); arrays go through the element-wise
 * engine (elementwise.c) and linear algebra (linalg.c). Errors are recorded in
 * in->error with the span of the operator, operand or call at fault, and every path that
 * fails releases the values it holds before returning false. */
#include "eval.h"
#include "eval_internal.h"

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "builtins.h"
#include "commands.h"
#include "elementwise.h"
#include "func.h"
#include "help_topics.h"
#include "kernels.h"
#include "linalg.h"
#include "member.h"
#include "object.h"
#include "dist.h"
#include "print.h"
#include "prog.h"
#include "eval_prob.h"
#include "builtins_calc.h"
#include "why.h"

/* {===================== helpers */

/* Element-wise expressions over arrays run fused (prog.c) when they can. */
static bool fusable_kind(const Node *n) {
    switch (n->kind) {
    case N_BINARY: return n->op <= OP_MOD;
    case N_UNARY: case N_COMPARE: case N_POWSUP: case N_ABS: case N_CALL: return true;
    default: return false;
    }
}


static bool la_fail(Interp *in, Span span, LaStatus st, const LaError *err) {
    (void)st;
    return interp_error(in, span, "%s", err->message);
}

bool eval_truth(Interp *in, Value v, const Node *where, bool *out) {
    if (v.kind == VAL_NUM) {
        if (isnan(v.as.num)) return interp_error(in, node_extent(where), "condition is nan");
        *out = v.as.num != 0;
        return true;
    }
    if (v.kind == VAL_ARR) {
        const Array *a = v.as.arr;
        bool all = a->len > 0;
        for (size_t i = 0; i < a->len; i++) {
            if (isnan(a->data[i])) return interp_error(in, node_extent(where), "condition contains nan");
            if (a->data[i] == 0) all = false;
        }
        *out = all;
        return true;
    }
    return interp_error(in, node_extent(where), "a condition must be a number, got a %s", value_kind_name(v));
}

/* A scalar that must be a whole number (an index, a count, a Σ bound). */
static bool whole_number(Interp *in, Value v, Span span, const char *what, double *out) {
    if (v.kind != VAL_NUM) {
        char shape[64];
        return interp_error(in, span, "%s must be a scalar, got %s", what, value_describe(v, shape, sizeof shape));
    }
    double x = v.as.num;
    if (isnan(x)) return interp_error(in, span, "%s is nan", what);
    if (x != floor(x) || isinf(x))
        return interp_error(in, span, "%s must be a whole number, got %.15g", what, x);
    *out = x;
    return true;
}

/* }===================== */

/* {===================== ranges */

/* A lazy range or linspace held in a variable gets its storage when something other than
 * the fused engine reads it. */
bool eval_materialize(Interp *in, Array *a, Span span) {
    AllocStatus st;
    if (array_materialize(a, &st)) return true;
    return interp_alloc_error(in, span, st, 1, a->len);
}

/* Number of elements of start:step:stop, or -1 for a zero/NaN step. The quotient
 * (stop - start) / step carries rounding error (0:0.1:0.3 gives 2.9999999999999996), so a
 * fractional part within a few units in its last place, plus 1e-10, of the next whole number
 * counts as reaching it; the tolerance is absolute in the quotient, never proportional to the
 * count (1:1e12 has exactly 10^12 elements). */
static double range_count(double start, double step, double stop) {
    if (step == 0 || isnan(step) || isnan(start) || isnan(stop)) return -1;
    double q = (stop - start) / step;
    if (q < 0) return 0;
    double whole = floor(q);
    double tol = fmin(1e-10 + 4 * DBL_EPSILON * q, 1e-6);
    if (q - whole > 1 - tol) whole += 1;
    return whole + 1;
}


/* Evaluates the ends and step of range n and its element count (at most 10^15, else an
 * error): what building it, storing it lazily and looping over it all need. */
bool eval_range_bounds(Interp *in, Frame *fr, Node *n, double *start, double *step,
                              double *stop, size_t *count) {
    Value a, b, c = value_num(1);
    if (!eval_expr(in, fr, n->a, &a)) return false;
    if (!eval_expr(in, fr, n->b, &b)) { value_release(a); return false; }
    if (n->c && !eval_expr(in, fr, n->c, &c)) { value_release(a); value_release(b); return false; }
    bool ok = true;
    if (a.kind != VAL_NUM) ok = interp_error(in, node_extent(n->a), "a range's start must be a scalar, got a %s", value_kind_name(a));
    else if (b.kind != VAL_NUM) ok = interp_error(in, node_extent(n->b), "a range's end must be a scalar, got a %s", value_kind_name(b));
    else if (c.kind != VAL_NUM) ok = interp_error(in, node_extent(n->c), "a range's step must be a scalar, got a %s", value_kind_name(c));
    if (ok) {
        *start = a.as.num;
        *stop = b.as.num;
        *step = c.as.num;
    }
    value_release(a);
    value_release(b);
    value_release(c);
    return ok && eval_range_check(in, n, *start, *step, *stop, count);
}

bool eval_range_check(Interp *in, const Node *n, double start, double step, double stop, size_t *count) {
    if (step == 0 || isnan(step)) return interp_error(in, n->span, "a range's step cannot be %s", isnan(step) ? "nan" : "0");
    if (isnan(start) || isnan(stop) || isinf(start) || isinf(stop))
        return interp_error(in, n->span, "a range's ends must be finite numbers");
    double elements = range_count(start, step, stop);
    if (elements > 1e15) return interp_error(in, n->span, "range %.15g:%.15g has too many elements", start, stop);
    *count = (size_t)elements;
    return true;
}

/* For fused programs (prog.c): the ends, step and count of range n when its bounds are
 * numbers or variables holding numbers and the range is valid, with no error recorded and
 * nothing evaluated that could fail; false otherwise (the general path then says why). */
bool eval_range_quiet(Interp *in, Frame *fr, const Node *n, double *start, double *step, size_t *count) {
    const Node *parts[3] = {n->a, n->b, n->c};
    double v[3] = {0, 0, 1};
    for (int k = 0; k < 3; k++) {
        const Node *e = parts[k];
        if (!e) continue;
        const Value *x = e->kind == N_NUM ? NULL
                       : e->kind == N_LOCAL || e->kind == N_GLOBAL ? variable_slot(in, fr, e) : NULL;
        if (e->kind != N_NUM && (!x || x->kind != VAL_NUM)) return false;
        v[k] = x ? x->as.num : e->num;
    }
    if (!isfinite(v[0]) || !isfinite(v[1]) || v[2] == 0 || isnan(v[2])) return false;
    double elements = range_count(v[0], v[2], v[1]);
    if (elements < 0 || elements > 1e15) return false;
    *start = v[0];
    *step = v[2];
    *count = (size_t)elements;
    return true;
}

static bool make_range(Interp *in, Span span, double start, double step, size_t count, Value *out) {
    Array *v = interp_new_vector(in, span, count);
    if (!v) return false;
    for (size_t i = 0; i < v->len; i++) v->data[i] = start + (double)i * step;
    *out = value_arr(v);
    return true;
}

/* }===================== */

/* {===================== literals */

/* [a, b, c]: scalars make a vector; equal-length vectors make the rows of a matrix. */
COLD static bool eval_vector_literal(Interp *in, Frame *fr, Node *n, Value *out) {
    int count = n->nlist;
    if (count == 0) {
        Array *v = interp_new_vector(in, n->span, 0);
        if (!v) return false;
        *out = value_arr(v);
        return true;
    }
    Value small[SMALL_ARGS];
    Value *items = count <= SMALL_ARGS ? small : malloc((size_t)count * sizeof *items);
    if (!items) return interp_error(in, n->span, "out of memory");
    int done = 0;
    bool ok = true;
    bool all_scalars = true, all_vectors = true;
    for (; done < count; done++) {
        if (!eval_expr(in, fr, n->list[done], &items[done])) { ok = false; break; }
        Value v = items[done];
        if (v.kind != VAL_NUM) all_scalars = false;
        if (!(v.kind == VAL_ARR && v.as.arr->ndim == 1)) all_vectors = false;
        if (v.kind != VAL_NUM && v.kind != VAL_ARR) {
            ok = interp_error(in, n->list[done]->span, "a %s cannot be an element of an array", value_kind_name(v));
            done++;
            break;
        }
    }
    if (ok && all_scalars) {
        Array *v = interp_new_vector(in, n->span, (size_t)count);
        if (!v) ok = false;
        else {
            for (int i = 0; i < count; i++) v->data[i] = items[i].as.num;
            *out = value_arr(v);
        }
    } else if (ok && all_vectors) {
        size_t cols = items[0].as.arr->len;
        for (int i = 1; i < count && ok; i++)
            if (items[i].as.arr->len != cols)
                ok = interp_error(in, n->list[i]->span, "rows of a matrix must have the same length: row 1 has %zu, row %d has %zu",
                                  cols, i + 1, items[i].as.arr->len);
        if (ok) {
            Array *m = interp_new_matrix(in, n->span, (size_t)count, cols);
            if (!m) ok = false;
            else {
                for (int i = 0; i < count; i++)
                    if (cols) memcpy(m->data + (size_t)i * cols, items[i].as.arr->data, cols * sizeof(double));
                *out = value_arr(m);
            }
        }
    } else if (ok) {
        /* Mixed scalars and vectors: concatenate into one vector. */
        size_t total = 0;
        for (int i = 0; i < count && ok; i++) {
            Value v = items[i];
            if (v.kind == VAL_ARR && v.as.arr->ndim == 2)
                ok = interp_error(in, n->list[i]->span, "a matrix cannot be an element of a row of [ ]; stack matrices with vstack(A, B) or hstack(A, B)");
            else total += v.kind == VAL_NUM ? 1 : v.as.arr->len;
        }
        if (ok) {
            Array *v = interp_new_vector(in, n->span, total);
            if (!v) ok = false;
            else {
                size_t k = 0;
                for (int i = 0; i < count; i++) {
                    if (items[i].kind == VAL_NUM) v->data[k++] = items[i].as.num;
                    else {
                        const Array *x = items[i].as.arr;
                        if (x->len) memcpy(v->data + k, x->data, x->len * sizeof(double));
                        k += x->len;
                    }
                }
                *out = value_arr(v);
            }
        }
    }
    for (int i = 0; i < done; i++) value_release(items[i]);
    if (items != small) free(items);
    return ok;
}

/* [1, 2; 3, 4]: each row is the concatenation of its elements; rows must match. */
COLD static bool eval_matrix_literal(Interp *in, Frame *fr, Node *n, Value *out) {
    int nrows = n->nlist;
    Value *rows = calloc((size_t)nrows, sizeof *rows);
    if (!rows) return interp_error(in, n->span, "out of memory");
    bool ok = true;
    int done = 0;
    size_t cols = 0;
    for (; done < nrows && ok; done++) {
        Node *row = n->list[done];
        if (!eval_vector_literal(in, fr, row, &rows[done])) { ok = false; break; }
        Value v = rows[done];
        size_t len = v.kind == VAL_ARR ? v.as.arr->len : 1;
        if (v.kind == VAL_ARR && v.as.arr->ndim == 2) {
            ok = interp_error(in, row->span, "row %d of the matrix is itself a matrix", done + 1);
        } else if (done == 0) {
            cols = len;
        } else if (len != cols) {
            ok = interp_error(in, row->list[0]->span, "rows of a matrix must have the same length: row 1 has %zu, row %d has %zu",
                              cols, done + 1, len);
        }
    }
    if (ok) {
        Array *m = interp_new_matrix(in, n->span, (size_t)nrows, cols);
        if (!m) ok = false;
        else {
            for (int i = 0; i < nrows; i++)
                if (cols) memcpy(m->data + (size_t)i * cols, rows[i].as.arr->data, cols * sizeof(double));
            *out = value_arr(m);
        }
    }
    for (int i = 0; i < done; i++) value_release(rows[i]);
    free(rows);
    return ok;
}

/* }===================== */


/* {===================== operators */

static bool transpose(Interp *in, Value v, Span span, Value *out) {
    if (v.kind == VAL_NUM) { *out = v; return true; }
    if (v.kind == VAL_FUNC || v.kind == VAL_BUILTIN) return calc_prime(in, v, span, out);
    if (v.kind != VAL_ARR) return interp_error(in, span, "cannot transpose a %s", value_kind_name(v));
    const Array *a = v.as.arr;
    if (a->ndim == 1) {
        Array *r = interp_new_matrix(in, span, 1, a->len);
        if (!r) return false;
        if (a->len) memcpy(r->data, a->data, a->len * sizeof(double));
        *out = value_arr(r);
        return true;
    }
    Array *r = interp_new_matrix(in, span, a->cols, a->rows);
    if (!r) return false;
    for (size_t i = 0; i < a->rows; i++)
        for (size_t j = 0; j < a->cols; j++) r->data[j * a->rows + i] = a->data[i * a->cols + j];
    *out = value_arr(r);
    return true;
}

/* a.name: the part called name of a result with several (eig, svd, qr, pca, lstsq). */
COLD static bool field(Interp *in, Value a, const Node *n, Value *out) {
    if (a.kind != VAL_OBJ && strcmp(n->name, "T") == 0)
        return interp_error(in, n->span, "NumPy's '.T' is written xᵀ, x' or transpose(x) in mlm");
    if (a.kind != VAL_OBJ && learner_field_hint(n->name))
        return interp_error(in, n->span, "'.%s': %s", n->name, learner_field_hint(n->name));
    if (a.kind != VAL_OBJ) {
        char what[64];
        return interp_error(in, n->span, "'.%s' picks a part of a result with several (from eig, svd, qr, pca or "
                            "lstsq), but this is %s", n->name, value_describe(a, what, sizeof what));
    }
    return obj_field(in, a, n->name, n->span, out);
}

static bool matmul(Interp *in, Value a, Value b, Span span, Value *out) {
    if (a.kind == VAL_NUM || b.kind == VAL_NUM) {
        if ((a.kind == VAL_NUM || a.kind == VAL_ARR) && (b.kind == VAL_NUM || b.kind == VAL_ARR))
            return ew_binary(in, OP_MUL, a, b, span, out);
    }
    if (a.kind != VAL_ARR || b.kind != VAL_ARR) {
        Value bad = a.kind != VAL_ARR ? a : b;
        return interp_error(in, span, "'@' needs arrays, got a %s", value_kind_name(bad));
    }
    Array *r = NULL;
    double scalar = 0;
    bool is_scalar = false;
    LaError err;
    LaStatus st = la_matmul(&in->budget, a.as.arr, b.as.arr, &r, &scalar, &is_scalar, &err);
    if (st != LA_OK) return la_fail(in, span, st, &err);
    *out = is_scalar ? value_num(scalar) : value_arr(r);
    return true;
}

static bool dot_op(Interp *in, Value a, Value b, Span span, Value *out) {
    if (a.kind == VAL_ARR && b.kind == VAL_ARR) {
        Value args[2] = {a, b};
        return eval_call_builtin(in, "dot", 2, args, span, out);
    }
    return ew_binary(in, OP_MUL, a, b, span, out);
}

static bool binary(Interp *in, int op, Value a, Value b, Span span, Value *out);

/* {===================== readings print and code give differently: never the element-wise one in silence */

static bool square_matrix(Value v) {
    return v.kind == VAL_ARR && v.as.arr->ndim == 2 && v.as.arr->rows == v.as.arr->cols && v.as.arr->rows > 1;
}

/* A power of a square matrix reads as the matrix power in print (A², A^2) and element by
 * element in NumPy: refused, naming both. `written` is how the power was typed. */
COLD static bool matrix_power_refused(Interp *in, Value a, double k, const char *written, Span span) {
    char kt[32];
    print_number(k, kt, sizeof kt);
    size_t n = a.as.arr->rows;
    if (k == -1)
        return interp_error(in, span, "%s of a square matrix (%zu×%zu) is ambiguous: for the inverse write A⁻¹ or "
                            "inv(A); for the reciprocal of each element write 1 / A or A .^ -1", written, n, n);
    if (k == 2)
        return interp_error(in, span, "%s of a square matrix (%zu×%zu) is ambiguous: for the matrix power write A @ A; "
                            "for each element squared write A .^ 2", written, n, n);
    return interp_error(in, span, "%s of a square matrix (%zu×%zu) is ambiguous: for the matrix power multiply with @ "
                        "(A⁻¹ is the inverse); for the power of each element write A .^ %s", written, n, n, kt);
}

/* a × b: a product of numbers, or of a number and an array; between two arrays print means
 * the matrix (or cross) product where code means element by element: refused, naming them. */
COLD static bool times(Interp *in, Value a, Value b, Span span, Value *out) {
    bool a_many = a.kind == VAL_ARR && a.as.arr->len != 1, b_many = b.kind == VAL_ARR && b.as.arr->len != 1;
    if (a_many && b_many) {
        char sa[64], sb[64];
        return interp_error(in, span, "'×' between two arrays (%s and %s) is ambiguous: write A @ B for the matrix "
                            "product, A * B (or A .* B) element by element, or cross(a, b) for 3-vectors",
                            value_shape(a, sa, sizeof sa), value_shape(b, sb, sizeof sb));
    }
    return ew_binary(in, OP_MUL, a, b, span, out);
}

/* }===================== */

/* An operator with an object operand: the object's type decides; one without operators of
 * its own that stands for an array (a data table's matrix) takes part as that array. */
COLD static bool object_binary(Interp *in, int op, Value a, Value b, Span span, Value *out) {
    Value ca = value_nil(), cb = value_nil();
    bool conv_a = a.kind == VAL_OBJ && !a.as.obj->type->binary && obj_to_array(a, &ca);
    bool conv_b = b.kind == VAL_OBJ && !b.as.obj->type->binary && obj_to_array(b, &cb);
    if (!conv_a && !conv_b) return obj_binary(in, op, a, b, span, out);
    bool ok = binary(in, op, conv_a ? ca : a, conv_b ? cb : b, span, out);
    value_release(ca);
    value_release(cb);
    return ok;
}

static bool binary(Interp *in, int op, Value a, Value b, Span span, Value *out) {
    if (a.kind == VAL_OBJ || b.kind == VAL_OBJ) return object_binary(in, op, a, b, span, out);
    switch (op) {
    case OP_TIMES: return times(in, a, b, span, out);
    case OP_MATMUL: return matmul(in, a, b, span, out);
    case OP_DOT: return dot_op(in, a, b, span, out);
    case OP_LDIV: {
        if (a.kind == VAL_NUM) return ew_binary(in, OP_DIV, b, a, span, out);
        Value args[2] = {a, b};
        return eval_call_builtin(in, "solve", 2, args, span, out);
    }
    case OP_INTERSECT:
        return interp_error(in, span, "'∩' joins events inside P(…)");
    default:
        return ew_binary(in, op, a, b, span, out);
    }
}

static double negate(double x) { return -x; }
static double logical_not(double x) { return x == 0; }

COLD static bool eval_compare(Interp *in, Frame *fr, Node *n, Value *out, Value *rightmost) {
    Value a, b;
    Value left_truth = value_nil();
    if (n->flag) {
        /* a < b < c: (a < b) and (b < c), b evaluated once */
        if (!eval_compare(in, fr, n->a, &left_truth, &a)) return false;
    } else if (!eval_expr(in, fr, n->a, &a)) {
        return false;
    }
    if (!eval_expr(in, fr, n->b, &b)) { value_release(a); value_release(left_truth); return false; }
    Value r;
    bool ok = binary(in, n->op, a, b, n->span, &r);
    value_release(a);
    if (ok && n->flag) {
        Value both;
        ok = ew_binary(in, OP_MUL, left_truth, r, n->span, &both);
        value_release(r);
        r = both;
    }
    value_release(left_truth);
    if (!ok) { value_release(b); return false; }
    *out = r;
    if (rightmost) *rightmost = b;
    else value_release(b);
    return true;
}

bool eval_approx_equal(Interp *in, Value a, Value b, double rel, double abs_tol, Span span, bool *equal) {
    if (a.kind == VAL_NUM && b.kind == VAL_NUM) {
        *equal = ew_close(a.as.num, b.as.num, rel, abs_tol);
        return true;
    }
    if ((a.kind != VAL_NUM && a.kind != VAL_ARR) || (b.kind != VAL_NUM && b.kind != VAL_ARR))
        return interp_error(in, span, "'≈' compares numbers and arrays, got a %s and a %s",
                            value_kind_name(a), value_kind_name(b));
    int ndim;
    size_t rows, cols;
    if (!ew_broadcast_shape(a, b, &ndim, &rows, &cols)) { *equal = false; return true; }
    /* two arrays are close only with the same shape: [1, 5, 9] is not ≈ a 3×1 column */
    if (a.kind == VAL_ARR && b.kind == VAL_ARR &&
        (a.as.arr->ndim != b.as.arr->ndim || a.as.arr->rows != b.as.arr->rows || a.as.arr->cols != b.as.arr->cols)) {
        *equal = false;
        return true;
    }
    size_t n = rows * cols;
    *equal = true;
    for (size_t i = 0; i < n; i++) {
        double x = a.kind == VAL_NUM ? a.as.num : a.as.arr->data[a.as.arr->len == n ? i : 0];
        double y = b.kind == VAL_NUM ? b.as.num : b.as.arr->data[b.as.arr->len == n ? i : 0];
        if (!ew_close(x, y, rel, abs_tol)) { *equal = false; break; }
    }
    return true;
}

/* }===================== */

/* {===================== calls */

static bool call_user(Interp *in, struct Func *f, int argc, const Value *argv, Span span, Value *out) {
    if (argc != f->nparams)
        return interp_error(in, span, "%s expects %d argument%s, got %d", f->name, f->nparams,
                            f->nparams == 1 ? "" : "s", argc);
    for (int i = 0; f->scalar_args && i < argc; i++)
        if (argv[i].kind != VAL_NUM)
            return interp_error(in, span, "%s is a derivative with respect to a number, but the function reduces "
                                "arrays (sum, mean, @, …): for the gradient over an array write ∇ (grad)", f->name);
    if (!interp_stack_ok(in))
        return interp_error(in, span, "recursion too deep for the stack (%d calls, in %s)", in->call_depth, f->name);
    if (interp_interrupt_pending(in) && interp_check_interrupt(in, span)) return false;
    if (in->call_depth >= in->limits.max_call_depth)
        return interp_error(in, span, "recursion deeper than %d call%s (in %s)", in->limits.max_call_depth,
                            in->limits.max_call_depth == 1 ? "" : "s", f->name);
    Value small[16];
    int nslots = f->nslots;
    Value *slots = nslots <= 16 ? small : calloc((size_t)nslots, sizeof *slots);
    if (!slots) return interp_error(in, span, "out of memory");
    for (int i = 0; i < nslots; i++) slots[i] = value_nil();
    for (int i = 0; i < argc; i++) slots[f->params[i]->slot] = value_retain(argv[i]);
    for (int i = 0; i < f->ncaptured; i++) slots[f->capture_slots[i]] = value_retain(f->captured[i]);
    Frame fr = {slots, nslots, 0, false, value_nil(), f->arena};
    in->call_depth++;
    func_retain(f); /* the body must outlive a redefinition of f during the call */
    bool ok;
    if (f->body->kind == N_BLOCK) {
        Flow flow = eval_statement(in, &fr, f->body);
        ok = flow != FLOW_ERROR && flow != FLOW_ASSERT;
        if (ok) *out = fr.ret;
        else value_release(fr.ret);
    } else {
        double d;
        int st = eval_scalar(in, &fr, f->body, &d);
        if (st == SCALAR_OK) *out = value_num(d);
        ok = st == SCALAR_OK || (st == SCALAR_NO && eval_expr(in, &fr, f->body, out));
    }
    func_release(f);
    in->call_depth--;
    for (int i = 0; i < nslots; i++) value_release(slots[i]);
    if (slots != small) free(slots);
    return ok;
}

bool eval_call_value(Interp *in, Value callee, int argc, const Value *argv, Span span,
                     const Span *arg_spans, Value *out) {
    if (callee.kind == VAL_FUNC) return call_user(in, callee.as.fn, argc, argv, span, out);
    if (callee.kind == VAL_BUILTIN) {
        const Builtin *b = callee.as.builtin;
        if (argc < b->min_args || (b->max_args >= 0 && argc > b->max_args)) {
            if (b->min_args == b->max_args)
                return interp_error(in, span, "%s expects %d argument%s, got %d (%s)", b->name, b->min_args,
                                    b->min_args == 1 ? "" : "s", argc, b->signature);
            if (b->max_args < 0)
                return interp_error(in, span, "%s expects at least %d argument%s, got %d (%s)", b->name,
                                    b->min_args, b->min_args == 1 ? "" : "s", argc, b->signature);
            return interp_error(in, span, "%s expects %d to %d arguments, got %d (%s)", b->name, b->min_args,
                                b->max_args, argc, b->signature);
        }
        Span fallback[SMALL_ARGS];
        if (!arg_spans) {
            for (int i = 0; i < argc && i < SMALL_ARGS; i++) fallback[i] = span;
            arg_spans = fallback;
            if (argc > SMALL_ARGS) return interp_error(in, span, "too many arguments");
        }
        CallInfo ci = {span, arg_spans, b};
        *out = value_nil();
        if (argc > 0 && argv[0].kind == VAL_OBJ && argv[0].as.obj->type->builtin) {
            bool handled = false;
            bool ok = argv[0].as.obj->type->builtin(in, b, &ci, argc, argv, out, &handled);
            if (handled) return ok;
        }
        bool has_objects = false;
        for (int i = 0; i < argc && !b->takes_objects; i++) has_objects = has_objects || argv[i].kind == VAL_OBJ;
        if (!has_objects) return b->fn(in, &ci, argc, argv, out);
        /* an object that stands for an array (a data table) is passed as that array */
        Value small[SMALL_ARGS];
        Value *conv = argc <= SMALL_ARGS ? small : malloc((size_t)argc * sizeof *conv);
        if (!conv) return interp_error(in, span, "out of memory");
        for (int i = 0; i < argc; i++)
            if (!obj_to_array(argv[i], &conv[i])) conv[i] = value_retain(argv[i]);
        bool ok = b->fn(in, &ci, argc, conv, out);
        for (int i = 0; i < argc; i++) value_release(conv[i]);
        if (conv != small) free(conv);
        return ok;
    }
    if (callee.kind == VAL_OBJ && callee.as.obj->type->call)
        return callee.as.obj->type->call(in, callee.as.obj, argc, argv, span, out);
    char shape[64];
    return interp_error(in, span, "a %s (%s) is not a function", value_kind_name(callee),
                        value_shape(callee, shape, sizeof shape));
}

bool eval_call_builtin(Interp *in, const char *name, int argc, const Value *argv, Span span, Value *out) {
    const Builtin *b = builtins_find(name);
    if (!b) return interp_error(in, span, "internal: builtin %s missing", name);
    Value callee = {.kind = VAL_BUILTIN, .as.builtin = b};
    return eval_call_value(in, callee, argc, argv, span, NULL, out);
}

/* sum(expr), mean(expr), … of an element-wise expression: reduced block by block, with no
 * array for expr ever made. */
static int fused_reduction(Interp *in, Frame *fr, Node *n, Value *out) {
    if (n->nlist != 1 || n->a->kind != N_GLOBAL) return SCALAR_NO;
    Value callee = in->globals[n->a->slot].value;
    if (callee.kind != VAL_BUILTIN || !callee.as.builtin->reduce) return SCALAR_NO;
    Node *arg = n->list[0];
    if (arg->prog_state < 0 || !fusable_kind(arg) ) {
        if (!(arg->kind == N_GLOBAL || arg->kind == N_LOCAL)) return SCALAR_NO;
    }
    Prog *p = prog_of(in, fr, arg);
    if (!p) return SCALAR_NO;
    double x;
    ProgResult r = prog_reduce(in, fr, p, callee.as.builtin->reduce, n->span, &x);
    if (r == PROG_OK) { *out = value_num(x); return SCALAR_OK; }
    return r == PROG_ERROR ? SCALAR_ERROR : SCALAR_NO;
}


/* For builtins that read only shapes: a name holding a lazy range, or a range written in
 * place, is passed as it is, never built. Returns false when arg is not such a thing (the
 * caller evaluates it); true with *out set, or with *ok false and the error set. */
static bool lazy_argument(Interp *in, Frame *fr, Node *arg, Value *out, bool *ok) {
    if (arg->kind == N_GLOBAL || arg->kind == N_LOCAL) {
        Value held = *variable_slot(in, fr, arg);
        if (held.kind != VAL_ARR || !held.as.arr->lazy) return false;
        *out = value_retain(held);
        return true;
    }
    if (arg->kind != N_RANGE) return false;
    int st = eval_lazy_sequence(in, fr, arg, out);
    if (st == SCALAR_ERROR) *ok = false;
    return st != SCALAR_NO;
}

COLD bool eval_call(Interp *in, Frame *fr, Node *n, Value *out) {
    int fused = fused_reduction(in, fr, n, out);
    if (fused != SCALAR_NO) return fused == SCALAR_OK;
    Value callee;
    if (!eval_expr(in, fr, n->a, &callee)) return false;
    if (callee.kind == VAL_BUILTIN && calc_is_special(callee.as.builtin))
        return calc_eval_special(in, fr, n, callee.as.builtin, out);
    int symbolic = calc_symbolic_call(in, n, callee, out);
    if (symbolic >= 0) {
        value_release(callee);
        return symbolic == 1;
    }
    int argc = n->nlist;
    Value small[SMALL_ARGS];
    Span small_spans[SMALL_ARGS];
    Value *argv = argc <= SMALL_ARGS ? small : malloc((size_t)argc * sizeof *argv);
    Span *spans = argc <= SMALL_ARGS ? small_spans : malloc((size_t)argc * sizeof *spans);
    if (!argv || !spans) {
        if (argv != small) free(argv);
        if (spans != small_spans) free(spans);
        value_release(callee);
        return interp_error(in, n->span, "out of memory");
    }
    int done = 0;
    bool ok = true;
    bool shape_only = callee.kind == VAL_BUILTIN && callee.as.builtin->shape_only;
    for (; done < argc; done++) {
        Node *arg = n->list[done];
        /* only builtins report errors about one argument; a user function's call does not
         * pay for walking its arguments' trees */
        spans[done] = callee.kind == VAL_BUILTIN ? node_extent(arg) : arg->span;
        if (shape_only && lazy_argument(in, fr, arg, &argv[done], &ok)) {
            if (!ok) break;
            continue;
        }
        if (!eval_expr(in, fr, arg, &argv[done])) { ok = false; break; }
        if (argv[done].kind == VAL_NIL) {
            ok = interp_error(in, node_extent(arg), "this call returns no value, so it cannot be an argument");
            done++;
            break;
        }
    }
    if (ok) {
        if (callee.kind != VAL_FUNC && callee.kind != VAL_BUILTIN &&
            !(callee.kind == VAL_OBJ && callee.as.obj->type->call)) {
            char shape[64];
            const char *name = (n->a->kind == N_GLOBAL || n->a->kind == N_LOCAL) ? n->a->name : NULL;
            if (name && callee.kind == VAL_ARR && callee.as.arr->ndim == 1)
                ok = interp_error(in, n->a->span, "'%s' is a vector of length %zu, not a function (index it with %s[…])",
                                  name, callee.as.arr->len, name);
            else if (name && callee.kind == VAL_ARR)
                ok = interp_error(in, n->a->span, "'%s' is a %s matrix, not a function (index it with %s[…])", name,
                                  value_shape(callee, shape, sizeof shape), name);
            else if (name)
                ok = interp_error(in, n->a->span, "'%s' is a %s, not a function", name, value_kind_name(callee));
            else
                ok = interp_error(in, n->a->span, "a %s is not a function", value_kind_name(callee));
        } else {
            ok = eval_call_value(in, callee, argc, argv, n->span, spans, out);
        }
    }
    for (int i = 0; i < done; i++) value_release(argv[i]);
    if (argv != small) free(argv);
    if (spans != small_spans) free(spans);
    value_release(callee);
    return ok;
}

COLD static bool make_lambda(Interp *in, Frame *fr, Node *n, Value *out) {
    Node *caps = n->c;
    int ncap = caps ? caps->nlist : 0;
    Value small_vals[8];
    int small_slots[8];
    Value *vals = ncap <= 8 ? small_vals : malloc((size_t)ncap * sizeof *vals);
    int *slots = ncap <= 8 ? small_slots : malloc((size_t)ncap * sizeof *slots);
    if (!vals || !slots) abort();
    for (int i = 0; i < ncap; i++) {
        vals[i] = value_retain(fr->slots[(int)caps->list[i]->num]);
        slots[i] = caps->list[i]->slot;
    }
    /* the lambda's nodes are in the arena of the code running in fr (a function's own, inside
     * a call): that is the arena the lambda keeps alive and compiles its programs into */
    struct Func *f = func_new(++in->func_serial, "<lambda>", n->nlist, n->list, n->a, n->slot, fr->arena, ncap,
                              vals, slots);
    if (vals != small_vals) free(vals);
    if (slots != small_slots) free(slots);
    out->kind = VAL_FUNC;
    out->as.fn = f;
    return true;
}

/* }===================== */

/* {===================== Σ and ∏ */

COLD static bool eval_sum(Interp *in, Frame *fr, Node *n, Value *out) {
    Value from_v, to_v;
    double from, to;
    const char *what = n->op == OP_SUM ? "Σ" : "∏";
    if (!eval_expr(in, fr, n->a, &from_v)) return false;
    if (!eval_expr(in, fr, n->b, &to_v)) { value_release(from_v); return false; }
    char label[64];
    snprintf(label, sizeof label, "%s's lower bound", what);
    bool ok = whole_number(in, from_v, node_extent(n->a), label, &from);
    snprintf(label, sizeof label, "%s's upper bound", what);
    ok = ok && whole_number(in, to_v, node_extent(n->b), label, &to);
    value_release(from_v);
    value_release(to_v);
    if (!ok) return false;
    if (fabs(from) > 9e15 || fabs(to) > 9e15)
        return interp_error(in, node_extent(fabs(from) > 9e15 ? n->a : n->b),
                            "%s bounds must be below 9e15 in size", what);
    bool is_sum = n->op == OP_SUM;
    Prog *body = n->c->prog_state >= 0 ? prog_of(in, fr, n->c) : NULL;
    if (body && to - from >= 64) {
        double x;
        ProgResult r = prog_index_reduce(in, fr, body, n->slot, from, to, is_sum, n->span, &x);
        if (r == PROG_OK) { *out = value_num(x); return true; }
        if (r == PROG_ERROR) return false;
    }
    double acc = is_sum ? 0 : 1, comp = 0; /* Neumaier-compensated sum */
    Value arr_acc = value_nil();
    Value *index = &fr->slots[n->slot];
    bool try_scalar = true;
    for (double i = from; i <= to; i++) {
        if (interp_interrupt_pending(in) && interp_check_interrupt(in, n->span)) { ok = false; break; }
        *index = value_num(i); /* the index slot only ever holds a number or nothing */
        if (try_scalar && arr_acc.kind == VAL_NIL) {
            double x;
            int st = eval_scalar(in, fr, n->c, &x);
            if (st == SCALAR_ERROR) { ok = false; break; }
            if (st == SCALAR_OK) {
                if (is_sum) neumaier_add(&acc, &comp, x);
                else acc *= x;
                continue;
            }
            try_scalar = false;
        }
        Value term;
        if (!eval_expr(in, fr, n->c, &term)) { ok = false; break; }
        index = &fr->slots[n->slot];
        if (term.kind == VAL_NUM && arr_acc.kind == VAL_NIL) {
            if (is_sum) neumaier_add(&acc, &comp, term.as.num);
            else acc *= term.as.num;
            continue;
        }
        if (term.kind != VAL_ARR && term.kind != VAL_NUM) {
            ok = interp_error(in, n->c->span, "%s needs numbers, got a %s", what, value_kind_name(term));
            value_release(term);
            break;
        }
        /* array terms: accumulate element-wise */
        if (arr_acc.kind == VAL_NIL) {
            Value start = value_num(is_sum ? acc + comp : acc);
            Value r;
            ok = ew_binary(in, is_sum ? OP_ADD : OP_MUL, start, term, n->span, &r);
            value_release(term);
            if (!ok) break;
            arr_acc = r;
        } else {
            Value r;
            ok = ew_binary(in, is_sum ? OP_ADD : OP_MUL, arr_acc, term, n->span, &r);
            value_release(term);
            if (!ok) break;
            value_replace(&arr_acc, r);
        }
    }
    fr->slots[n->slot] = value_nil();
    if (!ok) { value_release(arr_acc); return false; }
    *out = arr_acc.kind != VAL_NIL ? arr_acc : value_num(is_sum ? acc + comp : acc);
    return true;
}

/* }===================== */


/* {===================== the scalar fast path */

/* Evaluates n as a scalar without touching the heap, when every value it meets is a scalar
 * (or a scalar element of an array). Returns SCALAR_OK with *out set, SCALAR_NO when n
 * needs the general evaluator (nothing has happened: every node handled here is pure), or
 * SCALAR_ERROR with in->error set. Loops, Σ bodies and assignments try this first. */
static double scalar(Interp *in, Frame *fr, Node *n, int *st);

double eval_scalar_index(Interp *in, Frame *fr, Node *n, int *st) {
    Node *base = n->a;
    Value v;
    if (base->kind == N_LOCAL) v = fr->slots[base->slot];
    else if (base->kind == N_GLOBAL) v = in->globals[base->slot].value;
    else { *st = SCALAR_NO; return 0; }
    if (v.kind != VAL_ARR) { *st = SCALAR_NO; return 0; }
    const Array *a = v.as.arr;
    double saved_end = fr->end_value;
    bool saved_has = fr->has_end;
    double result = 0;
    if (a->ndim == 1 && n->nlist == 1) {
        fr->end_value = (double)a->len;
        fr->has_end = true;
        double x = scalar(in, fr, n->list[0], st);
        size_t pos;
        if (*st == SCALAR_OK) {
            if (!eval_check_index(in, n->list[0]->span, x, a->len, &pos)) *st = SCALAR_ERROR;
            else result = array_at(a, pos);
        }
    } else if (a->ndim == 2 && n->nlist == 2) {
        fr->end_value = (double)a->rows;
        fr->has_end = true;
        double r = scalar(in, fr, n->list[0], st), c = 0;
        if (*st == SCALAR_OK) {
            fr->end_value = (double)a->cols;
            c = scalar(in, fr, n->list[1], st);
        }
        size_t i, j;
        if (*st == SCALAR_OK) {
            if (!eval_check_index(in, n->list[0]->span, r, a->rows, &i) ||
                !eval_check_index(in, n->list[1]->span, c, a->cols, &j))
                *st = SCALAR_ERROR;
            else
                result = a->data[i * a->cols + j];
        }
    } else {
        *st = SCALAR_NO;
    }
    fr->end_value = saved_end;
    fr->has_end = saved_has;
    return result;
}

/* The value of n as a scalar; *st is SCALAR_OK, or becomes SCALAR_NO / SCALAR_ERROR (and
 * the returned number is meaningless). The result travels in a register, not through
 * memory: this is the interpreter's hottest path. */
static double scalar(Interp *in, Frame *fr, Node *n, int *st) {
    double x, y;
    if (!interp_stack_ok(in)) { *st = SCALAR_NO; return 0; }
    switch (n->kind) {
    case N_NUM:
        return n->num;
    case N_LOCAL: {
        const Value *v = &fr->slots[n->slot];
        if (v->kind != VAL_NUM) { *st = SCALAR_NO; return 0; }
        return v->as.num;
    }
    case N_GLOBAL: {
        const Value *v = &in->globals[n->slot].value;
        if (v->kind != VAL_NUM) { *st = SCALAR_NO; return 0; }
        return v->as.num;
    }
    case N_END:
        if (!fr->has_end) { *st = SCALAR_NO; return 0; }
        return fr->end_value;
    case N_BINARY:
        if (n->op > OP_MOD) { *st = SCALAR_NO; return 0; }
        x = scalar(in, fr, n->a, st);
        if (*st) return 0;
        y = scalar(in, fr, n->b, st);
        if (*st) return 0;
        return kernel_binary_scalar((KernelBinary)op_kernel(n->op), x, y);
    case N_UNARY:
        x = scalar(in, fr, n->a, st);
        if (*st) return 0;
        return n->op == OP_NEG ? -x : n->op == OP_NOT ? (x == 0) : x;
    case N_COMPARE:
        if (n->flag) { *st = SCALAR_NO; return 0; }
        x = scalar(in, fr, n->a, st);
        if (*st) return 0;
        y = scalar(in, fr, n->b, st);
        if (*st) return 0;
        return op_apply(n->op, x, y);
    case N_POWSUP:
        x = scalar(in, fr, n->a, st);
        if (*st) return 0;
        return n->num == 2 ? x * x : pow(x, n->num);
    case N_ABS:
        x = scalar(in, fr, n->a, st);
        if (*st) return 0;
        return fabs(x);
    case N_INDEX:
        return eval_scalar_index(in, fr, n, st);
    case N_CALL: {
        /* a pure element-wise builtin of one scalar: sqrt(x), exp(x), … */
        if (n->nlist != 1 || n->a->kind != N_GLOBAL) { *st = SCALAR_NO; return 0; }
        const Value *callee = &in->globals[n->a->slot].value;
        if (callee->kind != VAL_BUILTIN || !callee->as.builtin->map) { *st = SCALAR_NO; return 0; }
        x = scalar(in, fr, n->list[0], st);
        if (*st) return 0;
        return callee->as.builtin->map(x);
    }
    default:
        *st = SCALAR_NO;
        return 0;
    }
}

int eval_scalar(Interp *in, Frame *fr, Node *n, double *out) {
    if (n->kind == N_NUM) { *out = n->num; return SCALAR_OK; }
    Prog *p = n->prog_state == 1 ? n->prog : n->prog_state == 0 ? prog_of(in, fr, n) : NULL;
    if (p) {
        ProgResult r = prog_scalar(in, fr, p, out);
        return r == PROG_OK ? SCALAR_OK : r == PROG_ERROR ? SCALAR_ERROR : SCALAR_NO;
    }
    int st = SCALAR_OK;
    double x = scalar(in, fr, n, &st);
    if (st == SCALAR_OK) *out = x;
    return st;
}

/* }===================== */

bool eval_expr(Interp *in, Frame *fr, Node *n, Value *out) {
    if (!interp_stack_ok(in)) return interp_error(in, n->span, "expression or recursion too deep for the stack");
    if (n->prog_state >= 0 && fusable_kind(n)) {
        Prog *p = prog_of(in, fr, n);
        if (p) {
            ProgResult r = prog_array(in, fr, p, n->span, out);
            if (r == PROG_OK) return true;
            if (r == PROG_ERROR) return false;
        }
    }
    switch (n->kind) {
    case N_NUM:
        *out = value_num(n->num);
        return true;
    case N_STR:
        *out = value_str(str_new(n->name, (size_t)n->num));
        return true;
    case N_LOCAL: {
        Value v = fr->slots[n->slot];
        if (v.kind == VAL_NIL) return interp_error(in, n->span, "'%s' is used before it is given a value", n->name);
        if (v.kind == VAL_ARR && v.as.arr->lazy && !eval_materialize(in, v.as.arr, n->span)) return false;
        *out = value_retain(v);
        return true;
    }
    case N_GLOBAL: {
        Value v = in->globals[n->slot].value;
        if (v.kind == VAL_ARR && v.as.arr->lazy && !eval_materialize(in, v.as.arr, n->span)) return false;
        if (v.kind == VAL_NIL) {
            const char *hint = interp_hint(in, n->name);
            if (hint) return interp_error(in, n->span, "unknown name '%s' (%s)", n->name, hint);
            return interp_error(in, n->span, "unknown name '%s'", n->name);
        }
        *out = value_retain(v);
        return true;
    }
    case N_END:
        if (!fr->has_end) return interp_error(in, n->span, "'end' is only meaningful inside an index: x[end]");
        *out = value_num(fr->end_value);
        return true;
    case N_ALL:
        return interp_error(in, n->span, "':' alone selects everything only inside an index: X[:, 1]");
    case N_BINARY: {
        Value a, b;
        if (n->op == OP_IN) return eval_member(in, fr, n, out);
        if (!eval_expr(in, fr, n->a, &a)) return false;
        if (!eval_expr(in, fr, n->b, &b)) { value_release(a); return false; }
        if (n->op == OP_MATMUL && n->flag && (a.kind == VAL_FUNC || a.kind == VAL_BUILTIN)) {
            /* print x, sqrt x: side by side, a function is not called */
            value_release(a);
            value_release(b);
            Span f = node_extent(n->a);
            return interp_error(in, node_extent(n), "a function next to a value is not called: write %.*s(…) with parentheses",
                                (int)f.length, f.src->text + f.offset);
        }
        if (n->op == OP_MATMUL && n->flag && a.kind == VAL_ARR && b.kind == VAL_ARR && a.as.arr->ndim == 1 &&
            b.as.arr->ndim == 1) {
            /* written side by side (latex_in.c): xᵀx is a row times a column, but x y is ambiguous */
            value_release(a);
            value_release(b);
            return interp_error(in, node_extent(n), "two vectors side by side could be the dot product (x · y) or "
                                "the element-wise product (x * y): write the one you mean");
        }
        if (a.kind == VAL_NUM && b.kind == VAL_NUM && n->op <= OP_MOD) {
            *out = value_num(op_apply(n->op, a.as.num, b.as.num));
            return true;
        }
        /* element-wise operators take a and b over: a temporary operand's storage can
         * hold the result */
        if (n->op == OP_POW && !n->flag && square_matrix(a) && b.kind == VAL_NUM) {
            bool shown = matrix_power_refused(in, a, b.as.num, "'^'", n->span);
            value_release(a);
            return shown;
        }
        if (n->op <= OP_MOD && a.kind != VAL_OBJ && b.kind != VAL_OBJ)
            return ew_binary_owned(in, n->op, a, b, n->span, out);
        bool ok = binary(in, n->op, a, b, n->span, out);
        value_release(a);
        value_release(b);
        return ok;
    }
    case N_UNARY: {
        Value a;
        if (!eval_expr(in, fr, n->a, &a)) return false;
        bool ok;
        if (a.kind == VAL_OBJ) {
            ok = obj_unary(in, n->op, a, n->span, out);
            value_release(a);
            return ok;
        }
        if (a.kind != VAL_NUM && a.kind != VAL_ARR) {
            const char *what = n->op == OP_POS ? "unary '+'" : n->op == OP_NEG ? "unary '-'" : "'not'";
            ok = interp_error(in, n->span, "%s needs a number or an array, got a %s", what, value_kind_name(a));
            value_release(a);
            return ok;
        }
        if (n->op == OP_POS) {
            *out = a;
            return true;
        }
        if (a.kind == VAL_NUM) {
            *out = value_num(n->op == OP_NEG ? -a.as.num : (a.as.num == 0));
            return true;
        }
        ok = ew_map(in, n->op == OP_NEG ? negate : logical_not, a, n->span, out);
        value_release(a);
        return ok;
    }
    case N_AND: case N_OR: {
        Value a;
        if (!eval_expr(in, fr, n->a, &a)) return false;
        bool truth;
        if (a.kind == VAL_ARR) {
            Value b;
            if (!eval_expr(in, fr, n->b, &b)) { value_release(a); return false; }
            if (b.kind != VAL_NUM && b.kind != VAL_ARR) {
                bool shown = interp_error(in, n->span, "'%s' needs numbers or arrays, got a %s on the right",
                                          n->kind == N_AND ? "and" : "or", value_kind_name(b));
                value_release(a);
                value_release(b);
                return shown;
            }
            Value na, nb;
            bool ok = ew_map(in, logical_not, a, n->span, &na);
            if (ok && !ew_map(in, logical_not, b, n->span, &nb)) { value_release(na); ok = false; }
            if (ok) {
                /* a and b = not(not a or not b); computed as min/max of truth values */
                Value r;
                ok = ew_binary(in, n->kind == N_AND ? OP_ADD : OP_MUL, na, nb, n->span, &r);
                value_release(na);
                value_release(nb);
                if (ok) {
                    ok = ew_map(in, logical_not, r, n->span, out);
                    value_release(r);
                }
            }
            value_release(a);
            value_release(b);
            return ok;
        }
        bool ok = eval_truth(in, a, n->a, &truth);
        value_release(a);
        if (!ok) return false;
        if (n->kind == N_AND && !truth) { *out = value_num(0); return true; }
        if (n->kind == N_OR && truth) { *out = value_num(1); return true; }
        Value b;
        if (!eval_expr(in, fr, n->b, &b)) return false;
        ok = eval_truth(in, b, n->b, &truth);
        value_release(b);
        if (!ok) return false;
        *out = value_num(truth);
        return true;
    }
    case N_COMPARE:
        return eval_compare(in, fr, n, out, NULL);
    case N_APPROX: {
        Value a, b;
        if (!eval_expr(in, fr, n->a, &a)) return false;
        if (!eval_expr(in, fr, n->b, &b)) { value_release(a); return false; }
        bool equal;
        bool ok = eval_approx_equal(in, a, b, 1e-9, 1e-12, n->span, &equal);
        value_release(a);
        value_release(b);
        if (ok) *out = value_num(equal);
        return ok;
    }
    case N_POWSUP: {
        Value a;
        if (!eval_expr(in, fr, n->a, &a)) return false;
        bool ok;
        if (n->num == -1 && a.kind == VAL_ARR && a.as.arr->ndim == 2) {
            ok = eval_call_builtin(in, "inv", 1, &a, n->span, out);
        } else if (square_matrix(a)) {
            char written[32];
            snprintf(written, sizeof written, "'%.*s'", (int)n->span.length, n->span.src->text + n->span.offset);
            ok = matrix_power_refused(in, a, n->num, written, n->span);
        } else if (a.kind == VAL_NUM) {
            *out = value_num(pow(a.as.num, n->num));
            ok = true;
        } else {
            ok = ew_binary(in, OP_POW, a, value_num(n->num), n->span, out);
        }
        value_release(a);
        return ok;
    }
    case N_FIELD: {
        Value a;
        if (!eval_expr(in, fr, n->a, &a)) return false;
        bool ok = field(in, a, n, out);
        value_release(a);
        return ok;
    }
    case N_TRANSPOSE: {
        Value a;
        if (!eval_expr(in, fr, n->a, &a)) return false;
        bool ok = transpose(in, a, n->span, out);
        if (a.kind != VAL_NUM) value_release(a);
        return ok;
    }
    case N_ABS: case N_NORM: {
        Value a;
        if (!eval_expr(in, fr, n->a, &a)) return false;
        bool ok;
        if (n->kind == N_ABS) {
            if (a.kind == VAL_NUM) { *out = value_num(fabs(a.as.num)); return true; }
            if (a.kind != VAL_ARR) {
                ok = interp_error(in, n->span, "|x| needs a number or an array, got a %s", value_kind_name(a));
                value_release(a);
                return ok;
            }
            ok = ew_map(in, fabs, a, n->span, out);
        } else {
            Value args[2] = {a, value_num(n->op == NORM_1 ? 1 : n->op == NORM_INF ? INFINITY : 2)};
            if (n->op == NORM_FRO) args[1] = value_str(str_new("fro", 3));
            ok = eval_call_builtin(in, "norm", 2, args, n->span, out);
            value_release(args[1]);
        }
        value_release(a);
        return ok;
    }
    case N_CALL:
        return eval_call(in, fr, n, out);
    case N_INDEX:
        return eval_index(in, fr, n, out);
    case N_RANGE: {
        double start, step, stop;
        size_t count;
        if (!eval_range_bounds(in, fr, n, &start, &step, &stop, &count)) return false;
        return make_range(in, n->span, start, step, count, out);
    }
    case N_VECTOR:
        return eval_vector_literal(in, fr, n, out);
    case N_MATRIX:
        return eval_matrix_literal(in, fr, n, out);
    case N_IF_EXPR: {
        Value c;
        if (!eval_expr(in, fr, n->a, &c)) return false;
        bool truth;
        bool ok = eval_truth(in, c, n->a, &truth);
        value_release(c);
        if (!ok) return false;
        return eval_expr(in, fr, truth ? n->b : n->c, out);
    }
    case N_LAMBDA:
        return make_lambda(in, fr, n, out);
    case N_SUM:
        return eval_sum(in, fr, n, out);
    case N_PROB:
        return evalprob_query(in, fr, n, out);
    case N_GIVEN:
        return interp_error(in, n->span, "'|' means \"given\" only inside P(…): P(A | B)");
    default:
        return interp_error(in, n->span, "this cannot be used as a value");
    }
}

/* `x = a:b`, `x = a:step:b` and `x = linspace(a, b, n)` store a lazy sequence: no memory
 * until something needs the elements (the fused engine never does). */
int eval_lazy_sequence(Interp *in, Frame *fr, Node *value, Value *out) {
    double start, step, stop;
    if (value->kind == N_RANGE) {
        size_t count;
        if (!eval_range_bounds(in, fr, value, &start, &step, &stop, &count)) return SCALAR_ERROR;
        *out = value_arr(array_new_lazy(&in->budget, count, start, step));
        return SCALAR_OK;
    }
    if (value->kind != N_CALL || value->nlist != 3 || value->a->kind != N_GLOBAL) return SCALAR_NO;
    Value callee = in->globals[value->a->slot].value;
    if (callee.kind != VAL_BUILTIN || strcmp(callee.as.builtin->name, "linspace") != 0) return SCALAR_NO;
    double args[3];
    for (int i = 0; i < 3; i++) {
        Value v;
        if (!eval_expr(in, fr, value->list[i], &v)) return SCALAR_ERROR;
        bool scalar = v.kind == VAL_NUM;
        args[i] = scalar ? v.as.num : 0;
        value_release(v);
        if (!scalar) return SCALAR_NO; /* the builtin explains */
    }
    double n = args[2];
    if (!isfinite(args[0]) || !isfinite(args[1]) || n != floor(n) || n < 2 || n > 9e15) return SCALAR_NO;
    Array *a = array_new_lazy(&in->budget, (size_t)n, args[0], (args[1] - args[0]) / (n - 1));
    a->lazy_pin_last = true;
    a->lazy_last = args[1];
    *out = value_arr(a);
    return SCALAR_OK;
}
