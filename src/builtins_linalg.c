/* builtins_linalg.c — the linear algebra pillar as builtins: thin wrappers that check
 * argument kinds, call linalg.c (CBLAS/LAPACKE) and turn its errors into positioned ones.
 *
 * Functions with several results (eig, svd, qr, pca) return a tuple: `[U, S, V] = svd(A)`
 * binds the parts, and a tuple printed at the prompt shows each part by name. */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "builtins.h"
#include "object.h"
#include "linalg.h"

/* Argument i as an array: a scalar becomes a new 1×1 matrix held in *tmp (released by the
 * caller with array_release; NULL when no temporary was made). */
static const Array *array_arg(Interp *in, const CallInfo *ci, const Value *argv, int i, Array **tmp) {
    *tmp = NULL;
    if (argv[i].kind == VAL_ARR) return argv[i].as.arr;
    if (argv[i].kind == VAL_NUM) {
        Array *m = interp_new_matrix(in, ci->args[i], 1, 1);
        if (!m) return NULL;
        m->data[0] = argv[i].as.num;
        *tmp = m;
        return m;
    }
    interp_error(in, ci->args[i], "%s: argument %d must be a number or an array, got a %s", ci->builtin->name,
                 i + 1, value_kind_name(argv[i]));
    return NULL;
}

/* A failure that concerns both arguments (shapes that do not fit together) or none of them
 * (memory): the caret goes under the whole call, or the operator for `A \ b`. */
static bool la_failed(Interp *in, const CallInfo *ci, const LaError *err) {
    return interp_error(in, ci->call, "%s", err->message);
}

/* A failure caused by argument i (a non-square, singular or NaN matrix, a bad p): the caret
 * goes under that argument. Memory and convergence failures still point at the call. An
 * operator (A⁻¹, A \ b) passes its own span for every argument, so its caret stays put. */
static bool la_failed_arg(Interp *in, const CallInfo *ci, LaStatus st, const LaError *err, int i) {
    if (st == LA_NOMEM || st == LA_NOCONV || i < 0) return la_failed(in, ci, err);
    return interp_error(in, ci->args[i], "%s", err->message);
}

/* "3" for a vector, "3×2" for a matrix (linalg.h's convention), into buf (48 bytes). */
static const char *shape_text(const Array *a, char *buf) {
    if (a->ndim == 1) snprintf(buf, 48, "%zu", a->len);
    else snprintf(buf, 48, "%zu×%zu", a->rows, a->cols);
    return buf;
}

static bool all_finite(const Array *a) {
    for (size_t i = 0; i < a->len; i++)
        if (!isfinite(a->data[i])) return false;
    return true;
}

/* A 1×1 matrix result becomes a scalar. Consumes a. */
static Value simplify(Array *a) {
    if (a->len == 1 && a->ndim == 2 && a->rows == 1) {
        double x = a->data[0];
        array_release(a);
        return value_num(x);
    }
    return value_arr(a);
}

typedef LaStatus (*Unary)(MemBudget *, const Array *, Array **, LaError *);
typedef LaStatus (*Binary)(MemBudget *, const Array *, const Array *, Array **, LaError *);

static bool unary(Interp *in, const CallInfo *ci, const Value *argv, Unary f, Value *out) {
    Array *tmp, *r = NULL;
    const Array *a = array_arg(in, ci, argv, 0, &tmp);
    if (!a) return false;
    LaError err;
    LaStatus st = f(&in->budget, a, &r, &err);
    if (tmp) array_release(tmp);
    if (st != LA_OK) return la_failed_arg(in, ci, st, &err, 0);
    *out = value_arr(r);
    return true;
}

/* Which argument a failed f(a, b) is about: 0 or 1, or -1 for both (shapes that disagree). */
typedef int (*Blame)(const Array *a, const Array *b, LaStatus st);

static bool binary(Interp *in, const CallInfo *ci, const Value *argv, Binary f, Blame blame, Value *out) {
    Array *ta, *tb, *r = NULL;
    const Array *a = array_arg(in, ci, argv, 0, &ta);
    if (!a) return false;
    const Array *b = array_arg(in, ci, argv, 1, &tb);
    if (!b) { if (ta) array_release(ta); return false; }
    LaError err;
    LaStatus st = f(&in->budget, a, b, &r, &err);
    int culprit = st != LA_OK && blame ? blame(a, b, st) : -1;
    if (ta) array_release(ta);
    if (tb) array_release(tb);
    if (st != LA_OK) return la_failed_arg(in, ci, st, &err, culprit);
    *out = value_arr(r);
    return true;
}

/* cross(x, y): the argument that is not a 3-vector, when only one of them is wrong. */
static int cross_blame(const Array *a, const Array *b, LaStatus st) {
    (void)st;
    bool a_ok = a->ndim == 1 && a->len == 3, b_ok = b->ndim == 1 && b->len == 3;
    return a_ok == b_ok ? -1 : a_ok ? 1 : 0;
}

/* solve(A, b): A non-square, singular or not finite → A; b not finite → b; row counts → both. */
static int solve_blame(const Array *a, const Array *b, LaStatus st) {
    (void)b;
    if (st == LA_SINGULAR) return 0;
    if (st == LA_SHAPE) return a->ndim == 1 || a->rows != a->cols ? 0 : -1;
    if (st == LA_DOMAIN) return all_finite(a) ? 1 : 0;
    return -1;
}

static bool fn_dot(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    (void)argc;
    if (argv[0].kind == VAL_NUM && argv[1].kind == VAL_NUM) { *out = value_num(argv[0].as.num * argv[1].as.num); return true; }
    Array *ta, *tb;
    const Array *a = array_arg(in, ci, argv, 0, &ta);
    if (!a) return false;
    const Array *b = array_arg(in, ci, argv, 1, &tb);
    if (!b) { if (ta) array_release(ta); return false; }
    double d;
    LaError err;
    LaStatus st = la_dot(a, b, &d, &err);
    if (ta) array_release(ta);
    if (tb) array_release(tb);
    if (st != LA_OK) return la_failed(in, ci, &err);
    *out = value_num(d);
    return true;
}

static bool fn_cross(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    (void)argc;
    return binary(in, ci, argv, la_cross, cross_blame, out);
}

static bool fn_outer(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    (void)argc;
    return binary(in, ci, argv, la_outer, NULL, out);
}

static bool fn_kron(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    (void)argc;
    if (argv[0].kind == VAL_NUM && argv[1].kind == VAL_NUM) { *out = value_num(argv[0].as.num * argv[1].as.num); return true; }
    return binary(in, ci, argv, la_kron, NULL, out);
}

static bool fn_solve(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    (void)argc;
    return binary(in, ci, argv, la_solve, solve_blame, out);
}

static bool fn_inv(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    (void)argc;
    if (argv[0].kind == VAL_NUM) {
        if (argv[0].as.num == 0) return interp_error(in, ci->args[0], "inv: 0 has no inverse");
        *out = value_num(1 / argv[0].as.num);
        return true;
    }
    return unary(in, ci, argv, la_inv, out);
}

static bool fn_pinv(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    (void)argc;
    return unary(in, ci, argv, la_pinv, out);
}

static bool fn_transpose(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    (void)argc;
    if (argv[0].kind == VAL_NUM) { *out = argv[0]; return true; }
    return unary(in, ci, argv, la_transpose, out);
}

static bool fn_diag(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    (void)argc;
    return unary(in, ci, argv, la_diag, out);
}

static bool fn_cholesky(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    (void)argc;
    return unary(in, ci, argv, la_cholesky, out);
}

static bool fn_cov(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    if (argc == 2) return stats_builtin_cov2(in, ci, argc, argv, out);
    Array *tmp, *r = NULL;
    const Array *a = array_arg(in, ci, argv, 0, &tmp);
    if (!a) return false;
    LaError err;
    LaStatus st = la_cov(&in->budget, a, &r, &err);
    if (tmp) array_release(tmp);
    if (st != LA_OK) return la_failed_arg(in, ci, st, &err, 0);
    *out = simplify(r);
    return true;
}

static bool scalar_result(Interp *in, const CallInfo *ci, const Value *argv,
                          LaStatus (*f)(MemBudget *, const Array *, double *, LaError *), Value *out) {
    Array *tmp;
    const Array *a = array_arg(in, ci, argv, 0, &tmp);
    if (!a) return false;
    double d;
    LaError err;
    LaStatus st = f(&in->budget, a, &d, &err);
    if (tmp) array_release(tmp);
    if (st != LA_OK) return la_failed_arg(in, ci, st, &err, 0);
    *out = value_num(d);
    return true;
}

static bool fn_det(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    (void)argc;
    return scalar_result(in, ci, argv, la_det, out);
}

static LaStatus trace_with_budget(MemBudget *budget, const Array *a, double *out, LaError *err) {
    (void)budget;
    return la_trace(a, out, err);
}

static bool fn_trace(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    (void)argc;
    return scalar_result(in, ci, argv, trace_with_budget, out);
}

static bool fn_rank(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    (void)argc;
    Array *tmp;
    const Array *a = array_arg(in, ci, argv, 0, &tmp);
    if (!a) return false;
    size_t rank;
    LaError err;
    LaStatus st = la_rank(&in->budget, a, &rank, &err);
    if (tmp) array_release(tmp);
    if (st != LA_OK) return la_failed_arg(in, ci, st, &err, 0);
    *out = value_num((double)rank);
    return true;
}

static bool fn_norm(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    double p = 2;
    bool fro = false;   /* "fro" is a flag, not a p value: every number is the user's */
    if (argc == 2) {
        if (argv[1].kind == VAL_STR) {
            const char *s = argv[1].as.str->text;
            if (strcmp(s, "fro") == 0 || strcmp(s, "F") == 0) fro = true;
            else if (strcmp(s, "inf") == 0) p = INFINITY;
            else return interp_error(in, ci->args[1], "norm: p must be a number, inf or \"fro\", got \"%s\"", s);
        } else if (!builtin_scalar_arg(in, ci, "norm", argv, 1, &p)) {
            return false;
        }
    }
    if (argv[0].kind == VAL_NUM) {
        /* a scalar is a vector of length 1: the same p are valid (la_norm's message) */
        if (!fro && !(p > 0))
            return interp_error(in, ci->args[1], "norm: p must be positive, inf or \"fro\", got %g", p);
        *out = value_num(fabs(argv[0].as.num));
        return true;
    }
    if (argv[0].kind != VAL_ARR)
        return interp_error(in, ci->args[0], "norm needs a vector or matrix, got a %s", value_kind_name(argv[0]));
    if (fro) { *out = value_num(la_norm_fro(argv[0].as.arr)); return true; }
    double d;
    LaError err;
    LaStatus st = la_norm(&in->budget, argv[0].as.arr, p, &d, &err);
    if (st != LA_OK) return la_failed_arg(in, ci, st, &err, argc == 2 ? 1 : 0);   /* LA_DOMAIN: a bad p */
    *out = value_num(d);
    return true;
}

static bool fn_eye(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    long long r, c;
    if (!builtin_int_arg(in, ci, "eye", argv, 0, 0, 1e8, &r)) return false;
    c = r;
    if (argc == 2 && !builtin_int_arg(in, ci, "eye", argv, 1, 0, 1e8, &c)) return false;
    Array *m = NULL;
    LaError err;
    if (la_eye(&in->budget, (size_t)r, (size_t)c, &m, &err) != LA_OK) return la_failed(in, ci, &err);
    *out = value_arr(m);
    return true;
}

static bool fn_reshape(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    Array *tmp;
    const Array *a = array_arg(in, ci, argv, 0, &tmp);
    if (!a) return false;
    long long r, c = -1;
    char shape[48];
    bool ok = builtin_int_arg(in, ci, "reshape", argv, 1, 0, 9e15, &r) &&
              (argc < 3 || builtin_int_arg(in, ci, "reshape", argv, 2, 0, 9e15, &c));
    bool scalar = argv[0].kind == VAL_NUM;
    if (ok && scalar && (r != 1 || (argc == 3 && c != 1))) {
        /* a number is one element, whatever 1×1 matrix stands in for it */
        if (argc == 2)
            ok = interp_error(in, ci->call, "reshape: cannot reshape a scalar into a vector of length %lld", r);
        else if (r != 0 && c > LLONG_MAX / r)
            ok = interp_error(in, ci->call, "reshape: cannot reshape a scalar into %lld×%lld (too many elements)", r, c);
        else
            ok = interp_error(in, ci->call, "reshape: cannot reshape a scalar into %lld×%lld (%lld elements)", r, c, r * c);
    } else if (ok && argc == 2) {
        /* reshape(A, n): a vector of n elements */
        if ((size_t)r != a->len) {
            const char *noun = a->len == 1 ? "element" : "elements";
            if (a->ndim == 1)
                ok = interp_error(in, ci->call, "reshape: cannot reshape %zu %s into a vector of length %lld", a->len, noun, r);
            else
                ok = interp_error(in, ci->call, "reshape: cannot reshape %s (%zu %s) into a vector of length %lld",
                                  shape_text(a, shape), a->len, noun, r);
        } else {
            Array *v = interp_new_vector(in, ci->call, a->len);
            if (!v) ok = false;
            else {
                if (a->len) memcpy(v->data, a->data, a->len * sizeof(double));
                *out = value_arr(v);
            }
        }
    } else if (ok) {
        Array *m = NULL;
        LaError err;
        if (la_reshape(&in->budget, a, (size_t)r, (size_t)c, &m, &err) != LA_OK) ok = la_failed(in, ci, &err);
        else *out = value_arr(m);
    }
    if (tmp) array_release(tmp);
    return ok;
}

/* hstack(a, b, …) / vstack(a, b, …): folds the pairwise stack over the arguments; an
 * argument that does not fit the ones before it gets the caret. */
static bool stack(Interp *in, const CallInfo *ci, int argc, const Value *argv, Binary f, Value *out) {
    Array *tmp;
    const Array *first = array_arg(in, ci, argv, 0, &tmp);
    if (!first) return false;
    Array *acc = tmp ? tmp : array_retain((Array *)first);
    for (int i = 1; i < argc; i++) {
        Array *tb, *r = NULL;
        const Array *b = array_arg(in, ci, argv, i, &tb);
        if (!b) { array_release(acc); return false; }
        LaError err;
        LaStatus st = f(&in->budget, acc, b, &r, &err);
        if (tb) array_release(tb);
        array_release(acc);
        if (st != LA_OK) return la_failed_arg(in, ci, st, &err, i);   /* b does not fit what came before */
        acc = r;
    }
    *out = value_arr(acc);
    return true;
}

static bool fn_hstack(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    return stack(in, ci, argc, argv, la_hstack, out);
}

static bool fn_vstack(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    return stack(in, ci, argc, argv, la_vstack, out);
}

static const char *const eig_names[] = {"values", "vectors"};
static const char *const svd_names[] = {"U", "S", "V"};
static const char *const qr_names[] = {"Q", "R"};
static const char *const pca_names[] = {"projected", "components", "explained"};
static const char *const lstsq_names[] = {"x", "rank"};

static Value make_tuple(int count, const char *const *names, Value *items) {
    return value_tuple(count, names, items);
}

static bool fn_eig(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    (void)argc;
    Array *tmp, *values = NULL, *vectors = NULL;
    const Array *a = array_arg(in, ci, argv, 0, &tmp);
    if (!a) return false;
    LaError err;
    LaStatus st = la_eig(&in->budget, a, &values, &vectors, &err);
    if (tmp) array_release(tmp);
    if (st != LA_OK) return la_failed_arg(in, ci, st, &err, 0);
    Value items[2] = {value_arr(values), value_arr(vectors)};
    *out = make_tuple(2, eig_names, items);
    return true;
}

static bool fn_eigvals(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    (void)argc;
    Array *tmp, *values = NULL;
    const Array *a = array_arg(in, ci, argv, 0, &tmp);
    if (!a) return false;
    LaError err;
    LaStatus st = la_eigvals(&in->budget, a, &values, &err);
    if (tmp) array_release(tmp);
    if (st != LA_OK) return la_failed_arg(in, ci, st, &err, 0);
    *out = value_arr(values);
    return true;
}

static bool fn_svd(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    (void)argc;
    Array *tmp, *u = NULL, *s = NULL, *v = NULL;
    const Array *a = array_arg(in, ci, argv, 0, &tmp);
    if (!a) return false;
    LaError err;
    LaStatus st = la_svd(&in->budget, a, &u, &s, &v, &err);
    if (tmp) array_release(tmp);
    if (st != LA_OK) return la_failed_arg(in, ci, st, &err, 0);
    Value items[3] = {value_arr(u), value_arr(s), value_arr(v)};
    *out = make_tuple(3, svd_names, items);
    return true;
}

static bool fn_svdvals(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    (void)argc;
    Array *tmp, *s = NULL;
    const Array *a = array_arg(in, ci, argv, 0, &tmp);
    if (!a) return false;
    LaError err;
    LaStatus st = la_svdvals(&in->budget, a, &s, &err);
    if (tmp) array_release(tmp);
    if (st != LA_OK) return la_failed_arg(in, ci, st, &err, 0);
    *out = value_arr(s);
    return true;
}

static bool fn_qr(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    (void)argc;
    Array *tmp, *q = NULL, *r = NULL;
    const Array *a = array_arg(in, ci, argv, 0, &tmp);
    if (!a) return false;
    LaError err;
    LaStatus st = la_qr(&in->budget, a, &q, &r, &err);
    if (tmp) array_release(tmp);
    if (st != LA_OK) return la_failed_arg(in, ci, st, &err, 0);
    Value items[2] = {value_arr(q), value_arr(r)};
    *out = make_tuple(2, qr_names, items);
    return true;
}

static bool fn_lstsq(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    (void)argc;
    Array *ta, *tb, *x = NULL;
    const Array *a = array_arg(in, ci, argv, 0, &ta);
    if (!a) return false;
    const Array *b = array_arg(in, ci, argv, 1, &tb);
    if (!b) { if (ta) array_release(ta); return false; }
    size_t rank = 0;
    LaError err;
    LaStatus st = la_lstsq(&in->budget, a, b, &x, &rank, &err);
    /* row counts that differ concern both; NaN or infinity is in A or in b */
    int culprit = st == LA_DOMAIN ? (all_finite(a) ? 1 : 0) : -1;
    if (ta) array_release(ta);
    if (tb) array_release(tb);
    if (st != LA_OK) return la_failed_arg(in, ci, st, &err, culprit);
    Value items[2] = {value_arr(x), value_num((double)rank)};
    *out = make_tuple(2, lstsq_names, items);
    return true;
}

static bool fn_pca(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    (void)argc;
    if (argv[0].kind != VAL_ARR || argv[0].as.arr->ndim != 2)
        return interp_error(in, ci->args[0], "pca: X must be a matrix (rows are samples), got a %s", value_kind_name(argv[0]));
    const Array *x = argv[0].as.arr;
    long long k;
    if (!builtin_int_arg(in, ci, "pca", argv, 1, -9e15, 9e15, &k)) return false;
    /* k out of range is k's fault (la_pca words it the same way, but cannot see k < 0) */
    size_t n = x->rows, p = x->cols, q = n < p ? n : p;
    if (n >= 2 && (k < 1 || (unsigned long long)k > q)) {
        if (q == p)
            return interp_error(in, ci->args[1], "pca: k = %lld is out of range: %zu features, so k must be 1 to %zu",
                                k, p, q);
        return interp_error(in, ci->args[1],
                            "pca: k = %lld is out of range: %zu observations and %zu features, so k must be 1 to %zu",
                            k, n, p, q);
    }
    Array *projected = NULL, *components = NULL, *ratio = NULL;
    LaError err;
    LaStatus st = la_pca(&in->budget, x, (size_t)k, &projected, &components, &ratio, &err);
    if (st != LA_OK) return la_failed_arg(in, ci, st, &err, 0);
    Value items[3] = {value_arr(projected), value_arr(components), value_arr(ratio)};
    *out = make_tuple(3, pca_names, items);
    return true;
}

static const Builtin entries[] = {
    {.name = "dot", .min_args = 2, .max_args = 2, .fn = fn_dot,
     .signature = "dot(x, y)", .summary = "the dot product Σ x[i]·y[i] (x · y is the same)",
     .example = "dot([1, 2, 3], [4, 5, 6])", .related = "outer, cross, norm", .pillar = "linear algebra"},
    {.name = "cross", .min_args = 2, .max_args = 2, .fn = fn_cross,
     .signature = "cross(x, y)", .summary = "the cross product of two 3-vectors",
     .example = "cross([1, 0, 0], [0, 1, 0])", .related = "dot", .pillar = "linear algebra"},
    {.name = "outer", .min_args = 2, .max_args = 2, .fn = fn_outer,
     .signature = "outer(x, y)", .summary = "the outer product x yᵀ (a matrix)",
     .example = "outer([1, 2], [3, 4])", .related = "dot, kron", .pillar = "linear algebra"},
    {.name = "norm", .min_args = 1, .max_args = 2, .fn = fn_norm,
     .signature = "norm(x, p = 2)", .summary = "vector p-norm (p = 1, 2, inf, …) or matrix norm (1, 2 = largest singular value, inf, \"fro\"; NumPy's default is \"fro\"); ‖x‖, ||x||_1, ‖A‖_F are the same",
     .example = "norm([3, 4])", .related = "dot, abs", .pillar = "linear algebra"},
    {.name = "det", .min_args = 1, .max_args = 1, .fn = fn_det,
     .signature = "det(A)", .summary = "the determinant of a square matrix",
     .example = "det([1, 2; 3, 4])", .related = "inv, rank", .pillar = "linear algebra"},
    {.name = "inv", .min_args = 1, .max_args = 1, .fn = fn_inv,
     .signature = "inv(A)", .summary = "the inverse of a square matrix (A⁻¹ is the same); singular matrices are an error",
     .example = "inv([2, 0; 0, 4])", .related = "solve, pinv, det", .pillar = "linear algebra"},
    {.name = "solve", .min_args = 2, .max_args = 2, .fn = fn_solve,
     .signature = "solve(A, b)", .summary = "x with A x = b for square A (A \\ b is the same)",
     .example = "solve([2, 0; 0, 4], [2, 8])", .related = "inv, lstsq", .pillar = "linear algebra"},
    {.name = "pinv", .min_args = 1, .max_args = 1, .fn = fn_pinv,
     .signature = "pinv(A)", .summary = "the Moore–Penrose pseudo-inverse (by SVD)",
     .example = "pinv([1, 2; 2, 4])", .related = "inv, lstsq, svd", .pillar = "linear algebra"},
    {.name = "rank", .min_args = 1, .max_args = 1, .fn = fn_rank,
     .signature = "rank(A)", .summary = "the number of independent rows (by SVD, NumPy's tolerance)",
     .example = "rank([1, 2; 2, 4])", .related = "svd, det", .pillar = "linear algebra"},
    {.name = "trace", .min_args = 1, .max_args = 1, .fn = fn_trace,
     .signature = "trace(A)", .summary = "the sum of the diagonal",
     .example = "trace([1, 2; 3, 4])", .related = "diag, det", .pillar = "linear algebra"},
    {.name = "diag", .min_args = 1, .max_args = 1, .fn = fn_diag,
     .signature = "diag(x)", .summary = "a diagonal matrix from a vector, or the diagonal of a matrix",
     .example = "diag([1, 2, 3])", .related = "eye, trace", .pillar = "linear algebra"},
    {.name = "eye", .min_args = 1, .max_args = 2, .fn = fn_eye,
     .signature = "eye(n) or eye(rows, cols)", .summary = "the identity matrix",
     .example = "eye(3)", .related = "zeros, diag", .pillar = "linear algebra"},
    {.name = "kron", .min_args = 2, .max_args = 2, .fn = fn_kron,
     .signature = "kron(A, B)", .summary = "the Kronecker product",
     .example = "kron(eye(2), [1, 2; 3, 4])", .related = "outer", .pillar = "linear algebra"},
    {.name = "transpose", .min_args = 1, .max_args = 1, .fn = fn_transpose,
     .signature = "transpose(A)", .summary = "rows become columns (Aᵀ, A', A^T are the same)",
     .example = "transpose([1, 2; 3, 4])", .related = "", .pillar = "linear algebra"},
    {.name = "reshape", .min_args = 2, .max_args = 3, .fn = fn_reshape,
     .signature = "reshape(A, rows, cols) or reshape(A, n)", .summary = "the same elements in a new shape, row by row (as NumPy)",
     .example = "reshape(1:6, 2, 3)", .related = "size, hstack", .pillar = "linear algebra"},
    {.name = "hstack", .min_args = 1, .max_args = -1, .fn = fn_hstack,
     .signature = "hstack(a, b, …)", .summary = "side by side (a vector beside a matrix becomes a column)",
     .example = "hstack([1, 2; 3, 4], [5, 6])", .related = "vstack", .pillar = "linear algebra"},
    {.name = "vstack", .min_args = 1, .max_args = -1, .fn = fn_vstack,
     .signature = "vstack(a, b, …)", .summary = "one above the other (vectors are rows)",
     .example = "vstack([1, 2], [3, 4])", .related = "hstack", .pillar = "linear algebra"},
    {.name = "eig", .min_args = 1, .max_args = 1, .fn = fn_eig,
     .signature = "[values, vectors] = eig(A)", .summary = "eigenvalues (ascending) and eigenvectors (columns); symmetric A uses LAPACK dsyevd; complex eigenvalues are not supported yet",
     .example = "eig([2, 1; 1, 2])", .related = "eigvals, svd, pca", .pillar = "linear algebra"},
    {.name = "eigvals", .min_args = 1, .max_args = 1, .fn = fn_eigvals,
     .signature = "eigvals(A)", .summary = "the eigenvalues alone, ascending",
     .example = "eigvals([2, 1; 1, 2])", .related = "eig", .pillar = "linear algebra"},
    {.name = "svd", .min_args = 1, .max_args = 1, .fn = fn_svd,
     .signature = "[U, S, V] = svd(A)", .summary = "thin singular value decomposition A = U diag(S) Vᵀ (V itself, where NumPy returns Vᵀ)",
     .example = "svd([3, 0; 0, 4])", .related = "svdvals, pinv, pca", .pillar = "linear algebra"},
    {.name = "svdvals", .min_args = 1, .max_args = 1, .fn = fn_svdvals,
     .signature = "svdvals(A)", .summary = "the singular values alone, descending",
     .example = "svdvals([3, 0; 0, 4])", .related = "svd", .pillar = "linear algebra"},
    {.name = "qr", .min_args = 1, .max_args = 1, .fn = fn_qr,
     .signature = "[Q, R] = qr(A)", .summary = "reduced QR decomposition: Q orthonormal columns, R upper triangular",
     .example = "qr([1, 2; 3, 4])", .related = "cholesky, svd", .pillar = "linear algebra"},
    {.name = "cholesky", .min_args = 1, .max_args = 1, .fn = fn_cholesky,
     .signature = "cholesky(A)", .summary = "lower-triangular L with A = L Lᵀ for symmetric positive definite A",
     .example = "cholesky([4, 2; 2, 3])", .related = "qr", .pillar = "linear algebra"},
    {.name = "lstsq", .min_args = 2, .max_args = 2, .fn = fn_lstsq,
     .signature = "[x, rank] = lstsq(A, b)", .summary = "least-squares solution of A x ≈ b (LAPACK dgelsd)",
     .example = "lstsq([1, 0; 1, 1; 1, 2], [1, 2, 2])", .related = "solve, pinv", .pillar = "linear algebra"},
    {.name = "cov", .min_args = 1, .max_args = 2, .fn = fn_cov,
     .signature = "cov(X) or cov(x, y)", .summary = "covariance matrix of the columns of X (rows are samples, n − 1 in the denominator); cov(x, y): the sample covariance of two vectors",
     .example = "cov([1, 2; 2, 4; 3, 7])", .related = "pca, mean", .pillar = "linear algebra"},
    {.name = "pca", .min_args = 2, .max_args = 2, .fn = fn_pca,
     .signature = "[projected, components, explained] = pca(X, k)", .summary = "principal component analysis: X projected on its k main directions, the directions (rows), the explained variance ratio",
     .example = "pca([1, 2; 2, 4.1; 3, 6.2; 4, 7.9], 1)", .related = "svd, cov, eig", .pillar = "linear algebra"},
};

const BuiltinTable builtins_linalg = {entries, sizeof entries / sizeof entries[0]};
