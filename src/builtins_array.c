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

typedef enum Reduce { R_SUM, R_PROD, R_MEAN, R_MIN, R_MAX } Reduce;

static double reduce_strided(Reduce how, const double *x, size_t n, size_t stride) {
    if (how == R_SUM || how == R_MEAN) {
        double s = 0, c = 0;
        if (stride == 1) s = kernel_sum(x, n);
        else for (size_t i = 0; i < n; i++) neumaier_add(&s, &c, x[i * stride]);
        s += c;
        return how == R_MEAN ? (n ? s / (double)n : NAN) : s;
    }
    if (how == R_PROD) {
        double p = 1;
        for (size_t i = 0; i < n; i++) p *= x[i * stride];
        return p;
    }
    double best = how == R_MIN ? INFINITY : -INFINITY;
    for (size_t i = 0; i < n; i++) {
        double v = x[i * stride];
        if (isnan(v)) return NAN;
        if (how == R_MIN ? v < best : v > best) best = v;
    }
    return best;
}

static bool reduce(Interp *in, const CallInfo *ci, int argc, const Value *argv, Reduce how, Value *out) {
    const char *name = ci->builtin->name;
    Value x = argv[0];
    if (x.kind == VAL_NUM && argc == 1) { *out = x; return true; }
    if (x.kind != VAL_ARR && x.kind != VAL_NUM)
        return interp_error(in, ci->args[0], "%s needs a number or an array, got a %s", name, value_kind_name(x));
    if (x.kind == VAL_NUM) { *out = x; return true; }
    const Array *a = x.as.arr;
    if ((how == R_MIN || how == R_MAX) && a->len == 0 && argc == 1)
        return interp_error(in, ci->args[0], "%s of an empty array", name);
    if (argc == 1) {
        *out = value_num(reduce_strided(how, a->data, a->len, 1));
        return true;
    }
    long long dim;
    if (!builtin_int_arg(in, ci, name, argv, 1, 1, 2, &dim)) return false;
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
    return reduce(in, ci, argc, argv, R_SUM, out);
}

static bool fn_prod(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    return reduce(in, ci, argc, argv, R_PROD, out);
}

static bool fn_mean(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    if (argv[0].kind == VAL_ARR && argv[0].as.arr->len == 0)
        return interp_error(in, ci->args[0], "mean of an empty array");
    return reduce(in, ci, argc, argv, R_MEAN, out);
}


static bool fn_min(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    if (argc == 2) return ew_binary_named(in, KB_MIN, "min", argv[0], argv[1], ci->call, out);
    return reduce(in, ci, argc, argv, R_MIN, out);
}

static bool fn_max(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    if (argc == 2) return ew_binary_named(in, KB_MAX, "max", argv[0], argv[1], ci->call, out);
    return reduce(in, ci, argc, argv, R_MAX, out);
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
    {"zeros", 1, 2, fn_zeros, "zeros(n) or zeros(rows, cols)", "a vector or matrix of zeros", "zeros(2, 3)", "ones, eye", "arrays", NULL},
    {"ones", 1, 2, fn_ones, "ones(n) or ones(rows, cols)", "a vector or matrix of ones", "ones(3)", "zeros, eye", "arrays", NULL},
    {"linspace", 2, 3, fn_linspace, "linspace(a, b, n = 100)", "n evenly spaced numbers from a to b, ends included", "linspace(0, 1, 5)", "zeros, ranges a:step:b", "arrays", NULL},
    {"size", 1, 2, fn_size, "size(x) or size(x, dim)", "the shape: [rows, cols] of a matrix, [n] of a vector, [] of a scalar", "size([1, 2; 3, 4; 5, 6])", "length, numel", "arrays", NULL, 0, true},
    {"length", 1, 1, fn_length, "length(x)", "the number of elements of a vector (rows of a matrix)", "length([4, 5, 6])", "size, numel", "arrays", NULL, 0, true},
    {"numel", 1, 1, fn_numel, "numel(x)", "the number of elements", "numel(ones(2, 3))", "size, length", "arrays", NULL, 0, true},
    {"sum", 1, 4, fn_sum, "sum(x), sum(X, dim), sum(i, a, b, body)", "the sum of the elements (dim 1: of each column, 2: of each row); sum(i, 1, n, body) is Σ_{i=1}^{n} body", "sum(i, 1, 4, i^2)", "prod, mean, Σ", "arrays", NULL, BUILTIN_SUM},
    {"prod", 1, 4, fn_prod, "prod(x), prod(X, dim), prod(i, a, b, body)", "the product of the elements; prod(i, 1, n, body) is ∏_{i=1}^{n} body", "prod([1, 2, 3, 4])", "sum, ∏", "arrays", NULL, BUILTIN_PROD},
    {"mean", 1, 2, fn_mean, "mean(x) or mean(X, dim)", "the arithmetic mean (dim 1: of each column, 2: of each row)", "mean([1, 2, 3, 4])", "sum", "arrays", NULL, BUILTIN_MEAN},
    {"min", 1, 2, fn_min, "min(x) or min(a, b)", "the smallest element, or the element-wise minimum of a and b", "min([3, 1, 2])", "max", "arrays", NULL, BUILTIN_MIN},
    {"max", 1, 2, fn_max, "max(x) or max(a, b)", "the largest element, or the element-wise maximum of a and b", "max(0, [-1, 2])", "min, relu", "arrays", NULL, BUILTIN_MAX},
    {"cumsum", 1, 1, fn_cumsum, "cumsum(x)", "running totals", "cumsum([1, 2, 3])", "sum", "arrays", NULL},
};

const BuiltinTable builtins_array = {entries, sizeof entries / sizeof entries[0]};
