/* elementwise.c — broadcasting element-wise operations (the scalar reference kernels). */
#include "elementwise.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ast.h"
#include "kernels.h"
#include "ops.h"


bool ew_close(double x, double y, double rel, double abs_tol) {
    if (x == y) return true;
    if (isnan(x) || isnan(y)) return false;
    if (isinf(x) || isinf(y)) return false;
    double diff = fabs(x - y);
    double scale = fmax(fabs(x), fabs(y));
    return diff <= fmax(rel * scale, abs_tol);
}

/* Shape of a value as (ndim, rows, cols); scalars are (0, 1, 1). */
static void shape_of(Value v, int *ndim, size_t *rows, size_t *cols) {
    if (v.kind == VAL_ARR) {
        *ndim = v.as.arr->ndim;
        *rows = v.as.arr->rows;
        *cols = v.as.arr->cols;
    } else {
        *ndim = 0;
        *rows = 1;
        *cols = 1;
    }
}

static bool dim_match(size_t x, size_t y, size_t *out) {
    if (x == y) { *out = x; return true; }
    if (x == 1) { *out = y; return true; }
    if (y == 1) { *out = x; return true; }
    return false;
}

bool ew_broadcast_dims(int na, size_t ra, size_t ca, int nb, size_t rb, size_t cb, int *ndim,
                       size_t *rows, size_t *cols) {
    *ndim = na > nb ? na : nb;
    if (!dim_match(ca, cb, cols)) return false;
    if (!dim_match(ra, rb, rows)) return false;
    return true;
}

bool ew_broadcast_shape(Value a, Value b, int *ndim, size_t *rows, size_t *cols) {
    int na, nb;
    size_t ra, ca, rb, cb;
    shape_of(a, &na, &ra, &ca);
    shape_of(b, &nb, &rb, &cb);
    return ew_broadcast_dims(na, ra, ca, nb, rb, cb, ndim, rows, cols);
}

/* z = x op y over a rows × cols result; x is xr × xc and y is yr × yc, each dimension equal
 * to the result's or 1 (broadcast). Each row runs one SIMD kernel (kernels.h). */
static void binary_loop(KernelBinary kb, const double *x, size_t xr, size_t xc, const double *y,
                        size_t yr, size_t yc, double *z, size_t rows, size_t cols) {
    size_t n = rows * cols;
    bool x_full = xr == rows && xc == cols, y_full = yr == rows && yc == cols;
    bool x_one = xr == 1 && xc == 1, y_one = yr == 1 && yc == 1;
    if (x_full && y_full) { kernel_binary(kb, z, x, y, n); return; }
    if (x_full && y_one) { kernel_binary_vs(kb, z, x, y[0], n); return; }
    if (x_one && y_full) { kernel_binary_sv(kb, z, x[0], y, n); return; }
    size_t xrs = xr == 1 ? 0 : xc, yrs = yr == 1 ? 0 : yc;
    for (size_t r = 0; r < rows; r++) {
        const double *xrow = x + r * xrs, *yrow = y + r * yrs;
        double *zrow = z + r * cols;
        if (xc == cols && yc == cols) kernel_binary(kb, zrow, xrow, yrow, cols);
        else if (xc == cols) kernel_binary_vs(kb, zrow, xrow, yrow[0], cols);
        else if (yc == cols) kernel_binary_sv(kb, zrow, xrow[0], yrow, cols);
        else for (size_t c = 0; c < cols; c++) zrow[c] = kernel_binary_scalar(kb, xrow[0], yrow[0]);
    }
}

/* v's storage when v is an array nobody else holds (a temporary its owner is about to
 * release) of the given shape, so a result can be written over it; else NULL. */
static Array *reusable(Value v, int ndim, size_t rows, size_t cols) {
    if (v.kind != VAL_ARR) return NULL;
    Array *x = v.as.arr;
    if (x->refcount != 1 || x->lazy || x->ndim != ndim || x->rows != rows || x->cols != cols) return NULL;
    return x;
}

/* The core of every element-wise binary operation: kb over a and b with broadcasting; `what`
 * names the operation in errors ("'+'" or "atan2"). With `owned` the caller gives a and b up
 * after the call, and the result may take over the storage of either (the kernels read each
 * element before they write it). */
static bool binary_kernel(Interp *in, KernelBinary kb, const char *what, Value a, Value b, Span span,
                          bool owned, Value *out) {
    if (a.kind == VAL_NUM && b.kind == VAL_NUM) {
        *out = value_num(kernel_binary_scalar(kb, a.as.num, b.as.num));
        return true;
    }
    if ((a.kind != VAL_NUM && a.kind != VAL_ARR) || (b.kind != VAL_NUM && b.kind != VAL_ARR)) {
        Value bad = (a.kind != VAL_NUM && a.kind != VAL_ARR) ? a : b;
        return interp_error(in, span, "%s needs numbers, got a %s", what, value_kind_name(bad));
    }
    int ndim;
    size_t rows, cols;
    if (!ew_broadcast_shape(a, b, &ndim, &rows, &cols)) {
        char sa[64], sb[64];
        return interp_error(in, span, "shapes %s and %s do not match for %s",
                            value_shape(a, sa, sizeof sa), value_shape(b, sb, sizeof sb), what);
    }
    /* Two vectors of different lengths (one of length 1) stay a vector. */
    Array *z = NULL;
    if (owned && !(z = reusable(a, ndim, rows, cols))) z = reusable(b, ndim, rows, cols);
    if (z) array_retain(z);
    else if (!(z = interp_new_array(in, span, ndim, rows, cols))) return false;
    int nx, ny;
    size_t xr, xc, yr, yc;
    shape_of(a, &nx, &xr, &xc);
    shape_of(b, &ny, &yr, &yc);
    const double *x = a.kind == VAL_ARR ? a.as.arr->data : &a.as.num;
    const double *y = b.kind == VAL_ARR ? b.as.arr->data : &b.as.num;
    if (z->len > 0) binary_loop(kb, x, xr, xc, y, yr, yc, z->data, rows, cols);
    *out = value_arr(z);
    return true;
}

bool ew_binary(Interp *in, int op, Value a, Value b, Span span, Value *out) {
    if (a.kind == VAL_NUM && b.kind == VAL_NUM) {
        *out = value_num(op_apply(op, a.as.num, b.as.num));
        return true;
    }
    char what[16];
    snprintf(what, sizeof what, "'%s'", op_info(op)->text);
    return binary_kernel(in, (KernelBinary)op_kernel(op), what, a, b, span, false, out);
}

bool ew_binary_owned(Interp *in, int op, Value a, Value b, Span span, Value *out) {
    bool ok;
    if (a.kind == VAL_NUM && b.kind == VAL_NUM) {
        *out = value_num(op_apply(op, a.as.num, b.as.num));
        ok = true;
    } else {
        char what[16];
        snprintf(what, sizeof what, "'%s'", op_info(op)->text);
        ok = binary_kernel(in, (KernelBinary)op_kernel(op), what, a, b, span, true, out);
    }
    value_release(a);
    value_release(b);
    return ok;
}

bool ew_binary_named(Interp *in, KernelBinary kb, const char *name, Value a, Value b, Span span, Value *out) {
    return binary_kernel(in, kb, name, a, b, span, false, out);
}

bool ew_map(Interp *in, double (*f)(double), Value a, Span span, Value *out) {
    if (a.kind == VAL_NUM) {
        *out = value_num(f(a.as.num));
        return true;
    }
    if (a.kind != VAL_ARR)
        return interp_error(in, span, "expected a number or an array, got a %s", value_kind_name(a));
    const Array *x = a.as.arr;
    Array *z = interp_new_array(in, span, x->ndim, x->rows, x->cols);
    if (!z) return false;
    for (size_t i = 0; i < x->len; i++) z->data[i] = f(x->data[i]);
    *out = value_arr(z);
    return true;
}
