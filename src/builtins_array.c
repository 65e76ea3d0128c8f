/* builtins_array.c — the arrays pillar: building arrays (zeros, ones, linspace), their
 * shape (size, length, numel) and reductions (sum, prod, mean, min, max, cumsum). */
#include <math.h>
#include <string.h>

#include "builtins.h"
#include "elementwise.h"
#include "kernels.h"

static const double MAX_COUNT = 9007199254740992.0; /* 2^53 */

/* {===================== construction */

/* zeros(n), zeros(r, c), ones(...): the size arguments, checked. */
static bool shape_args(Interp *in, const CallInfo *ci, int argc, const Value *argv, int *ndim,
                       size_t *rows, size_t *cols) {
    const char *name = ci->builtin->name;
    long long r, c;
    if (argc == 1) {
        if (argv[0].kind == VAL_ARR && argv[0].as.arr->ndim == 1 && argv[0].as.arr->len == 2) {
            /* zeros(size(X)) */
            Value pair[2] = {value_num(argv[0].as.arr->data[0]), value_num(argv[0].as.arr->data[1])};
            Span spans[2] = {ci->args[0], ci->args[0]};
            CallInfo sub = {ci->call, spans, ci->builtin};
            return shape_args(in, &sub, 2, pair, ndim, rows, cols);
        }
        if (!builtin_int_arg(in, ci, name, argv, 0, 0, MAX_COUNT, &c)) return false;
        *ndim = 1;
        *rows = 1;
        *cols = (size_t)c;
        return true;
    }
    if (!builtin_int_arg(in, ci, name, argv, 0, 0, MAX_COUNT, &r)) return false;
    if (!builtin_int_arg(in, ci, name, argv, 1, 0, MAX_COUNT, &c)) return false;
    *ndim = 2;
    *rows = (size_t)r;
    *cols = (size_t)c;
    return true;
}

static bool filled(Interp *in, const CallInfo *ci, int argc, const Value *argv, double fill, Value *out) {
    int ndim;
    size_t rows, cols;
    if (!shape_args(in, ci, argc, argv, &ndim, &rows, &cols)) return false;
    Array *a = interp_new_array(in, ci->call, ndim, rows, cols);
    if (!a) return false;
    if (fill == 0) { if (a->len) memset(a->data, 0, a->len * sizeof(double)); }
    else for (size_t i = 0; i < a->len; i++) a->data[i] = fill;
    *out = value_arr(a);
    return true;
}

static bool fn_zeros(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    return filled(in, ci, argc, argv, 0, out);
}

static bool fn_ones(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    return filled(in, ci, argc, argv, 1, out);
}

static bool fn_linspace(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    double a, b;
    long long n = 100;
    if (!builtin_scalar_arg(in, ci, "linspace", argv, 0, &a)) return false;
    if (!builtin_scalar_arg(in, ci, "linspace", argv, 1, &b)) return false;
    if (argc == 3 && !builtin_int_arg(in, ci, "linspace", argv, 2, 0, MAX_COUNT, &n)) return false;
    if (!isfinite(a) || !isfinite(b)) return interp_error(in, ci->call, "linspace: the ends must be finite numbers");
    Array *v = interp_new_vector(in, ci->call, (size_t)n);
    if (!v) return false;
    double step = n > 1 ? (b - a) / (double)(n - 1) : 0;
    for (long long i = 0; i < n; i++) v->data[i] = a + (double)i * step;
    if (n > 1) v->data[n - 1] = b;
    *out = value_arr(v);
    return true;
}

/* }===================== */

/* {===================== shape */

static bool fn_size(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    Value x = argv[0];
    size_t dims[2];
    int nd = 0;
    if (x.kind == VAL_ARR) {
        if (x.as.arr->ndim == 1) { dims[0] = x.as.arr->len; nd = 1; }
        else { dims[0] = x.as.arr->rows; dims[1] = x.as.arr->cols; nd = 2; }
    } else if (x.kind != VAL_NUM) {
        return interp_error(in, ci->args[0], "size: a %s has no shape", value_kind_name(x));
    }
    if (argc == 2) {
        long long d;
        if (!builtin_int_arg(in, ci, "size", argv, 1, 1, 2, &d)) return false;
        *out = value_num(d <= nd ? (double)dims[d - 1] : 1);
        return true;
    }
    Array *v = interp_new_vector(in, ci->call, (size_t)nd);
    if (!v) return false;
    for (int i = 0; i < nd; i++) v->data[i] = (double)dims[i];
    *out = value_arr(v);
    return true;
}

static bool fn_length(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    (void)argc;
    Value x = argv[0];
    if (x.kind == VAL_NUM) *out = value_num(1);
    else if (x.kind == VAL_ARR) *out = value_num((double)(x.as.arr->ndim == 1 ? x.as.arr->len : x.as.arr->rows));
    else if (x.kind == VAL_STR) *out = value_num((double)x.as.str->len);
    else return interp_error(in, ci->args[0], "length: a %s has no length", value_kind_name(x));
    return true;
}

static bool fn_numel(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    (void)argc;
    Value x = argv[0];
    if (x.kind == VAL_NUM) *out = value_num(1);
    else if (x.kind == VAL_ARR) *out = value_num((double)x.as.arr->len);
    else return interp_error(in, ci->args[0], "numel: a %s has no elements", value_kind_name(x));
    return true;
}

/* }===================== */

/* {===================== reductions */


static double reduce_strided(Reduce how, const double *x, size_t n, size_t stride) {
    if (how == REDUCE_SUM || how == REDUCE_MEAN) {
        double s = 0, c = 0;
        if (stride == 1) s = kernel_sum(x, n);
        else for (size_t i = 0; i < n; i++) neumaier_add(&s, &c, x[i * stride]);
        s += c;
        return how == REDUCE_MEAN ? (n ? s / (double)n : NAN) : s;
    }
    if (how == REDUCE_PROD) {
        double p = 1;
        for (size_t i = 0; i < n; i++) p *= x[i * stride];
        return p;
    }
    double best = how == REDUCE_MIN ? INFINITY : -INFINITY;
    for (size_t i = 0; i < n; i++) {
        double v = x[i * stride];
        if (isnan(v)) return NAN;
        if (how == REDUCE_MIN ? v < best : v > best) best = v;
    }
    return best;
}

static bool reduce(Interp *in, const CallInfo *ci, int argc, const Value *argv, Reduce how, Value *out) {
    const char *name = ci->builtin->name;
    Value x = argv[0];
    if (x.kind != VAL_ARR && x.kind != VAL_NUM)
        return interp_error(in, ci->args[0], "%s needs a number or an array, got a %s", name, value_kind_name(x));
    long long dim = 0;
    /* the dimension is checked whatever x is: sum(3, 7) is an error, not 3 */
    if (argc == 2 && !builtin_int_arg(in, ci, name, argv, 1, 1, 2, &dim)) return false;
    if (x.kind == VAL_NUM) { *out = x; return true; }
    const Array *a = x.as.arr;
    if ((how == REDUCE_MIN || how == REDUCE_MAX) && a->len == 0 && argc == 1)
        return interp_error(in, ci->args[0], "%s of an empty array", name);
    if (argc == 1) {
        *out = value_num(reduce_strided(how, a->data, a->len, 1));
        return true;
    }
    if (a->ndim == 1) { *out = value_num(reduce_strided(how, a->data, a->len, 1)); return true; }
    if (dim == 1) {
        /* collapse the rows: one value per column */
        Array *v = interp_new_vector(in, ci->call, a->cols);
        if (!v) return false;
        for (size_t j = 0; j < a->cols; j++) v->data[j] = reduce_strided(how, a->data + j, a->rows, a->cols);
        *out = value_arr(v);
    } else {
        Array *v = interp_new_vector(in, ci->call, a->rows);
        if (!v) return false;
        for (size_t i = 0; i < a->rows; i++) v->data[i] = reduce_strided(how, a->data + i * a->cols, a->cols, 1);
        *out = value_arr(v);
    }
    return true;
}

static bool fn_sum(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    return reduce(in, ci, argc, argv, REDUCE_SUM, out);
}

static bool fn_prod(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    return reduce(in, ci, argc, argv, REDUCE_PROD, out);
}

static bool fn_mean(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    if (argv[0].kind == VAL_ARR && argv[0].as.arr->len == 0)
        return interp_error(in, ci->args[0], "mean of an empty array");
    return reduce(in, ci, argc, argv, REDUCE_MEAN, out);
}


/* min(1, 2, 3), max(a, b, c): three or more numbers */
static bool fold_scalars(Interp *in, const CallInfo *ci, int argc, const Value *argv, bool largest, Value *out) {
    double best = 0;
    for (int i = 0; i < argc; i++) {
        double x;
        if (!builtin_scalar_arg(in, ci, ci->builtin->name, argv, i, &x)) return false;
        if (i == 0 || (largest ? x > best : x < best) || isnan(x)) best = x;
        if (isnan(x)) break;
    }
    *out = value_num(best);
    return true;
}

static bool fn_min(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    if (argc == 2) return ew_binary_named(in, KB_MIN, "min", argv[0], argv[1], ci->call, out);
    if (argc > 2) return fold_scalars(in, ci, argc, argv, false, out);
    return reduce(in, ci, argc, argv, REDUCE_MIN, out);
}

static bool fn_max(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    if (argc == 2) return ew_binary_named(in, KB_MAX, "max", argv[0], argv[1], ci->call, out);
    if (argc > 2) return fold_scalars(in, ci, argc, argv, true, out);
    return reduce(in, ci, argc, argv, REDUCE_MAX, out);
}

static bool fn_cumsum(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    (void)argc;
    Value x = argv[0];
    if (x.kind == VAL_NUM) { *out = x; return true; }
    if (x.kind != VAL_ARR) return interp_error(in, ci->args[0], "cumsum needs an array, got a %s", value_kind_name(x));
    const Array *a = x.as.arr;
    Array *r = interp_new_array(in, ci->call, a->ndim, a->rows, a->cols);
    if (!r) return false;
    double s = 0;
    for (size_t i = 0; i < a->len; i++) r->data[i] = (s += a->data[i]);
    *out = value_arr(r);
    return true;
}

/* }===================== */

static const Builtin entries[] = {
    {.name = "zeros", .min_args = 1, .max_args = 2, .fn = fn_zeros,
     .signature = "zeros(n) or zeros(rows, cols)", .summary = "a vector or matrix of zeros",
     .example = "zeros(2, 3)", .related = "ones, eye", .pillar = "arrays"},
    {.name = "ones", .min_args = 1, .max_args = 2, .fn = fn_ones,
     .signature = "ones(n) or ones(rows, cols)", .summary = "a vector or matrix of ones",
     .example = "ones(3)", .related = "zeros, eye", .pillar = "arrays"},
    {.name = "linspace", .min_args = 2, .max_args = 3, .fn = fn_linspace,
     .signature = "linspace(a, b, n = 100)", .summary = "n evenly spaced numbers from a to b, ends included",
     .example = "linspace(0, 1, 5)", .related = "zeros, ranges a:step:b", .pillar = "arrays"},
    {.name = "size", .min_args = 1, .max_args = 2, .fn = fn_size,
     .signature = "size(x) or size(x, dim)", .summary = "the shape: [rows, cols] of a matrix, [n] of a vector, [] of a scalar",
     .example = "size([1, 2; 3, 4; 5, 6])", .related = "length, numel", .pillar = "arrays", .shape_only = true},
    {.name = "length", .min_args = 1, .max_args = 1, .fn = fn_length,
     .signature = "length(x)", .summary = "the number of elements of a vector (rows of a matrix)",
     .example = "length([4, 5, 6])", .related = "size, numel", .pillar = "arrays", .shape_only = true},
    {.name = "numel", .min_args = 1, .max_args = 1, .fn = fn_numel,
     .signature = "numel(x)", .summary = "the number of elements",
     .example = "numel(ones(2, 3))", .related = "size, length", .pillar = "arrays", .shape_only = true},
    {.name = "sum", .min_args = 1, .max_args = 2, .fn = fn_sum,
     .signature = "sum(x), sum(X, dim), sum(i, a, b, body)", .summary = "the sum of the elements (dim 1: of each column, 2: of each row); sum(i, 1, n, body) is Σ_{i=1}^{n} body",
     .example = "sum(i, 1, 4, i^2)", .related = "prod, mean, Σ", .pillar = "arrays", .reduce = REDUCE_SUM},
    {.name = "prod", .min_args = 1, .max_args = 2, .fn = fn_prod,
     .signature = "prod(x), prod(X, dim), prod(i, a, b, body)", .summary = "the product of the elements; prod(i, 1, n, body) is ∏_{i=1}^{n} body",
     .example = "prod([1, 2, 3, 4])", .related = "sum, ∏", .pillar = "arrays", .reduce = REDUCE_PROD},
    {.name = "mean", .min_args = 1, .max_args = 2, .fn = fn_mean,
     .signature = "mean(x) or mean(X, dim)", .summary = "the arithmetic mean (dim 1: of each column, 2: of each row)",
     .example = "mean([1, 2, 3, 4])", .related = "sum", .pillar = "arrays", .reduce = REDUCE_MEAN},
    {.name = "min", .min_args = 1, .max_args = -1, .fn = fn_min,
     .signature = "min(x) or min(a, b) or min(a, b, c, …)", .summary = "the smallest element, the element-wise minimum of a and b, or the smallest of three or more numbers",
     .example = "min([3, 1, 2])", .related = "max", .pillar = "arrays", .reduce = REDUCE_MIN, .binary_kernel = KB_MIN},
    {.name = "max", .min_args = 1, .max_args = -1, .fn = fn_max,
     .signature = "max(x) or max(a, b) or max(a, b, c, …)", .summary = "the largest element, the element-wise maximum of a and b, or the largest of three or more numbers",
     .example = "max(0, [-1, 2])", .related = "min, relu", .pillar = "arrays", .reduce = REDUCE_MAX, .binary_kernel = KB_MAX},
    {.name = "cumsum", .min_args = 1, .max_args = 1, .fn = fn_cumsum,
     .signature = "cumsum(x)", .summary = "running totals",
     .example = "cumsum([1, 2, 3])", .related = "sum", .pillar = "arrays"},
};

const BuiltinTable builtins_array = {entries, sizeof entries / sizeof entries[0]};
