/* linalg.c — mlm's linear algebra: products, shapes, norms, solvers and decompositions of
 * arrays, computed by CBLAS (OpenBLAS) and LAPACKE in row-major layout.
 *
 * Every function is pure: inputs are borrowed, results are new arrays (refcount 1) charged
 * to the caller's MemBudget, temporaries are charged too and released on every path.
 * Failures fill LaError and return an LaStatus; nothing is printed. Before any LAPACK call
 * the arguments are validated (dimensions fit in an int, leading dimensions ≥ 1, no NaN
 * that LAPACKE's own NaN check would reject), so LAPACKE never reaches its xerbla.
 * Conventions (empty arrays, NaN, orderings) are documented in linalg.h. */
#include "linalg.h"

#include <cblas.h>
#include <float.h>
#include <lapacke.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Symmetry tolerance for eig/cholesky, relative to the largest |entry|. */
#define LA_SYM_RTOL 1e-12
/* LU reciprocal-condition estimate below which inv/solve confirm regularity by SVD rank. */
#define LA_RCOND_SUSPECT 1e-12
/* numpy.linalg.pinv's default rcond. */
#define LA_PINV_RCOND 1e-15

/* {======================================================================
 * Errors, shapes, allocation
 * ======================================================================= */

/* What a failing function needs to describe the failure: its name and where to write. */
typedef struct Ctx {
    MemBudget *budget;   /* borrowed */
    LaError *err;        /* borrowed: the caller's message buffer */
    const char *fn;      /* "inv", "svd", … (static string) */
} Ctx;

enum { SHAPE_BUF = 48 };

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static LaStatus fail(LaError *err, LaStatus status, const char *fmt, ...) {
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->message, sizeof err->message, fmt, ap);
        va_end(ap);
    }
    return status;
}

/* "3" for a vector, "3×2" for a matrix, into buf (SHAPE_BUF bytes). */
static const char *shape_text(int ndim, size_t rows, size_t cols, char *buf) {
    if (ndim == 1) snprintf(buf, SHAPE_BUF, "%zu", cols);
    else snprintf(buf, SHAPE_BUF, "%zu×%zu", rows, cols);
    return buf;
}

static const char *shape_of(const Array *a, char *buf) {
    return shape_text(a->ndim, a->rows, a->cols, buf);
}

/* Returns a new array (refcount 1, uninitialised) charged to c->budget, or NULL with the
 * LA_NOMEM message written to c->err. */
static Array *new_array(const Ctx *c, int ndim, size_t rows, size_t cols) {
    AllocStatus status;
    Array *a = array_new(c->budget, ndim, rows, cols, &status);
    if (a) return a;
    char shape[SHAPE_BUF];
    shape_text(ndim, rows, cols, shape);
    size_t bytes = array_bytes_for(rows, cols);
    if (status == ALLOC_TOO_BIG && bytes == SIZE_MAX) {
        fail(c->err, LA_NOMEM, "%s: a %s array is too large (its size overflows)", c->fn, shape);
    } else if (status == ALLOC_TOO_BIG) {
        fail(c->err, LA_NOMEM, "%s: a %s array is too large: it needs %zu bytes", c->fn, shape, bytes);
    } else if (status == ALLOC_OVER_LIMIT) {
        fail(c->err, LA_NOMEM, "%s: memory limit exceeded: a %s array needs %zu bytes (limit %zu, %zu in use)",
             c->fn, shape, bytes, c->budget ? c->budget->limit : 0, c->budget ? c->budget->in_use : 0);
    } else {
        fail(c->err, LA_NOMEM, "%s: out of memory: a %s array needs %zu bytes", c->fn, shape, bytes);
    }
    return NULL;
}

static Array *new_matrix(const Ctx *c, size_t rows, size_t cols) { return new_array(c, 2, rows, cols); }
static Array *new_vector(const Ctx *c, size_t len) { return new_array(c, 1, 1, len); }

/* Returns a new zero-filled array, or NULL (message written). */
static Array *new_zeros(const Ctx *c, int ndim, size_t rows, size_t cols) {
    Array *a = new_array(c, ndim, rows, cols);
    if (a && a->len) memset(a->data, 0, a->len * sizeof(double));
    return a;
}

/* Returns a new copy of a with the given shape (same element count), or NULL. */
static Array *copy_as(const Ctx *c, const Array *a, int ndim, size_t rows, size_t cols) {
    Array *r = new_array(c, ndim, rows, cols);
    if (r && a->len) memcpy(r->data, a->data, a->len * sizeof(double));
    return r;
}

/* Returns a malloc'd array of n LAPACK ints (caller frees), or NULL with the message set. */
static lapack_int *new_ints(const Ctx *c, size_t n) {
    size_t count = n ? n : 1;
    if (count > SIZE_MAX / sizeof(lapack_int)) {
        fail(c->err, LA_NOMEM, "%s: %zu pivot indices are too many", c->fn, n);
        return NULL;
    }
    lapack_int *p = malloc(count * sizeof *p);
    if (!p) fail(c->err, LA_NOMEM, "%s: out of memory: %zu pivot indices need %zu bytes",
                 c->fn, n, count * sizeof *p);
    return p;
}

/* True when rows and cols can be handed to 32-bit BLAS/LAPACK; else writes the message. */
static bool fits_int(const Ctx *c, size_t rows, size_t cols) {
    if (rows <= INT_MAX && cols <= INT_MAX) return true;
    fail(c->err, LA_NOMEM, "%s: a %zu×%zu matrix is too large for BLAS/LAPACK (dimensions up to %d)",
         c->fn, rows, cols, INT_MAX);
    return false;
}

/* LA_OK when a holds no NaN or infinity; else LA_DOMAIN "fn: WHAT contains NaN". */
static LaStatus check_finite(const Ctx *c, const Array *a, const char *what) {
    bool has_inf = false;
    for (size_t i = 0; i < a->len; i++) {
        double v = a->data[i];
        if (isnan(v)) return fail(c->err, LA_DOMAIN, "%s: %s contains NaN", c->fn, what);
        if (isinf(v)) has_inf = true;
    }
    if (has_inf) return fail(c->err, LA_DOMAIN, "%s: %s contains infinity", c->fn, what);
    return LA_OK;
}

/* LA_OK for a square matrix; else LA_SHAPE "fn: matrix must be square, got 3×2". */
static LaStatus need_square(const Ctx *c, const Array *a) {
    if (a->ndim == 1)
        return fail(c->err, LA_SHAPE, "%s: matrix must be square, got a vector of length %zu", c->fn, a->len);
    if (a->rows != a->cols)
        return fail(c->err, LA_SHAPE, "%s: matrix must be square, got %zu×%zu", c->fn, a->rows, a->cols);
    return LA_OK;
}

/* Describes a failed LAPACK call: negative info is an argument error (a bug here, since
 * arguments are checked), the memory codes are LAPACKE's own allocations. */
static LaStatus lapack_fail(const Ctx *c, lapack_int info, const char *routine) {
    if (info == LAPACK_WORK_MEMORY_ERROR || info == LAPACK_TRANSPOSE_MEMORY_ERROR)
        return fail(c->err, LA_NOMEM, "%s: out of memory for %s's work arrays", c->fn, routine);
    if (info < 0)
        return fail(c->err, LA_DOMAIN, "%s: %s rejected argument %d", c->fn, routine, (int)-info);
    return fail(c->err, LA_NOCONV, "%s: %s did not converge", c->fn, routine);
}

/* } */

/* {======================================================================
 * Small kernels (no GEMM here: products go to BLAS)
 * ======================================================================= */

/* Σ x_i y_i over n contiguous elements, in int-sized chunks for cblas_ddot. */
static double blas_dot(size_t n, const double *x, const double *y) {
    double sum = 0.0;
    while (n > 0) {
        size_t chunk = n < (size_t)INT_MAX ? n : (size_t)INT_MAX;
        sum += cblas_ddot((blasint)chunk, x, 1, y, 1);
        x += chunk;
        y += chunk;
        n -= chunk;
    }
    return sum;
}

/* Euclidean norm of n contiguous elements (cblas_dnrm2 per chunk, chunks combined by hypot). */
static double blas_nrm2(size_t n, const double *x) {
    double norm = 0.0;
    while (n > 0) {
        size_t chunk = n < (size_t)INT_MAX ? n : (size_t)INT_MAX;
        norm = hypot(norm, cblas_dnrm2((blasint)chunk, x, 1));
        x += chunk;
        n -= chunk;
    }
    return norm;
}

/* Σ|x_i| of n contiguous elements; NaN propagates. */
static double sum_abs(size_t n, const double *x) {
    double sum = 0.0;
    for (size_t i = 0; i < n; i++) sum += fabs(x[i]);
    return sum;
}

/* max(best, v) where a NaN anywhere wins. */
static double max_nan(double best, double v) {
    return (v > best || isnan(v)) && !isnan(best) ? v : best;
}

/* dst (cols×rows) = transpose of src (rows×cols), both row-major, in cache blocks. */
static void transpose_into(const double *src, size_t rows, size_t cols, double *dst) {
    enum { BLOCK = 32 };
    for (size_t i0 = 0; i0 < rows; i0 += BLOCK) {
        size_t i1 = i0 + BLOCK < rows ? i0 + BLOCK : rows;
        for (size_t j0 = 0; j0 < cols; j0 += BLOCK) {
            size_t j1 = j0 + BLOCK < cols ? j0 + BLOCK : cols;
            for (size_t i = i0; i < i1; i++)
                for (size_t j = j0; j < j1; j++) dst[j * rows + i] = src[i * cols + j];
        }
    }
}

/* Max column sum of |a| (the matrix 1-norm) of a rows×cols row-major matrix. */
static double norm1_of(const double *a, size_t rows, size_t cols) {
    double best = 0.0;
    for (size_t j = 0; j < cols; j++) {
        double sum = 0.0;
        for (size_t i = 0; i < rows; i++) sum += fabs(a[i * cols + j]);
        best = max_nan(best, sum);
    }
    return best;
}

/* True when square a is symmetric to LA_SYM_RTOL · max|a|. */
static bool is_symmetric(const Array *a) {
    size_t n = a->rows;
    double biggest = 0.0;
    for (size_t i = 0; i < a->len; i++) biggest = fmax(biggest, fabs(a->data[i]));
    double tol = LA_SYM_RTOL * biggest;
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            if (!(fabs(a->data[i * n + j] - a->data[j * n + i]) <= tol)) return false;
    return true;
}

/* } */

/* {======================================================================
 * Products and shapes
 * ======================================================================= */

static LaStatus inner_mismatch(LaError *err, const Array *a, const Array *b, size_t ka, size_t kb) {
    char sa[SHAPE_BUF], sb[SHAPE_BUF];
    return fail(err, LA_SHAPE, "(%s) @ (%s): inner dimensions %zu and %zu differ",
                shape_of(a, sa), shape_of(b, sb), ka, kb);
}

LaStatus la_matmul(MemBudget *budget, const Array *a, const Array *b,
                   Array **out, double *scalar, bool *is_scalar, LaError *err) {
    Ctx c = {budget, err, "@"};
    *is_scalar = false;
    enum { GEMM, GEMV_N, GEMV_T, OUTER } kind;
    size_t m, k, n;   /* result is m×n (a vector result has m = 1), k the inner dimension */
    int ndim;
    if (a->ndim == 1 && b->ndim == 1) {
        if (a->len != b->len) return inner_mismatch(err, a, b, a->len, b->len);
        *scalar = blas_dot(a->len, a->data, b->data);
        *is_scalar = true;
        return LA_OK;
    } else if (a->ndim == 2 && b->ndim == 2) {
        if (a->cols != b->rows) return inner_mismatch(err, a, b, a->cols, b->rows);
        kind = GEMM; m = a->rows; k = a->cols; n = b->cols; ndim = 2;
    } else if (a->ndim == 2) {
        if (a->cols != b->len) return inner_mismatch(err, a, b, a->cols, b->len);
        kind = GEMV_N; m = 1; k = a->cols; n = a->rows; ndim = 1;
    } else if (a->len == b->rows) {
        kind = GEMV_T; m = 1; k = b->rows; n = b->cols; ndim = 1;
    } else if (b->rows == 1) {
        kind = OUTER; m = a->len; k = 1; n = b->cols; ndim = 2;
    } else {
        return inner_mismatch(err, a, b, a->len, b->rows);
    }
    if (m == 1 && n == 1) {
        /* One element: both operands are contiguous k-vectors here. */
        *scalar = blas_dot(k, a->data, b->data);
        *is_scalar = true;
        return LA_OK;
    }
    if (!fits_int(&c, m, n) || !fits_int(&c, k, k)) return LA_NOMEM;
    /* dgemm with beta 0 writes every element of C (OpenBLAS zeroes C itself, never reading it),
     * so a product with k > 0 skips a pass over fresh memory; dgemv scales y by beta through
     * scal, which may carry NaN garbage along, so its result and an empty product (k = 0,
     * all zeros) start zeroed. */
    bool blas_writes_all = (kind == GEMM || kind == OUTER) && k > 0;
    Array *r = blas_writes_all ? new_array(&c, ndim, m, n) : new_zeros(&c, ndim, m, n);
    if (!r) return LA_NOMEM;
    if (r->len > 0 && k > 0) {
        int im = (int)m, ik = (int)k, in = (int)n;
        switch (kind) {
        case GEMM:
            cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, im, in, ik, 1.0,
                        a->data, ik, b->data, in, 0.0, r->data, in);
            break;
        case GEMV_N:
            cblas_dgemv(CblasRowMajor, CblasNoTrans, in, ik, 1.0, a->data, ik, b->data, 1, 0.0, r->data, 1);
            break;
        case GEMV_T:
            cblas_dgemv(CblasRowMajor, CblasTrans, ik, in, 1.0, b->data, in, a->data, 1, 0.0, r->data, 1);
            break;
        case OUTER:
            cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, im, in, 1, 1.0,
                        a->data, 1, b->data, in, 0.0, r->data, in);
            break;
        }
    }
    *out = r;
    return LA_OK;
}

LaStatus la_transpose(MemBudget *budget, const Array *a, Array **out, LaError *err) {
    Ctx c = {budget, err, "transpose"};
    Array *r;
    if (a->ndim == 1) {
        r = copy_as(&c, a, 2, 1, a->len);
    } else {
        r = new_matrix(&c, a->cols, a->rows);
        if (r) transpose_into(a->data, a->rows, a->cols, r->data);
    }
    if (!r) return LA_NOMEM;
    *out = r;
    return LA_OK;
}

/* Vector n, 1×n or n×1. */
static bool vector_like(const Array *a) {
    return a->ndim == 1 || a->rows == 1 || a->cols == 1;
}

LaStatus la_dot(const Array *x, const Array *y, double *out, LaError *err) {
    bool same_shape = x->ndim == y->ndim && x->rows == y->rows && x->cols == y->cols;
    if (!same_shape && !(vector_like(x) && vector_like(y) && x->len == y->len)) {
        char sx[SHAPE_BUF], sy[SHAPE_BUF];
        return fail(err, LA_SHAPE, "dot: shapes %s and %s differ", shape_of(x, sx), shape_of(y, sy));
    }
    *out = blas_dot(x->len, x->data, y->data);
    return LA_OK;
}

LaStatus la_cross(MemBudget *budget, const Array *x, const Array *y, Array **out, LaError *err) {
    Ctx c = {budget, err, "cross"};
    if (x->ndim != 1 || y->ndim != 1 || x->len != 3 || y->len != 3) {
        char sx[SHAPE_BUF], sy[SHAPE_BUF];
        return fail(err, LA_SHAPE, "cross: needs two vectors of length 3, got %s and %s",
                    shape_of(x, sx), shape_of(y, sy));
    }
    Array *r = new_vector(&c, 3);
    if (!r) return LA_NOMEM;
    const double *u = x->data, *v = y->data;
    r->data[0] = u[1] * v[2] - u[2] * v[1];
    r->data[1] = u[2] * v[0] - u[0] * v[2];
    r->data[2] = u[0] * v[1] - u[1] * v[0];
    *out = r;
    return LA_OK;
}

LaStatus la_outer(MemBudget *budget, const Array *x, const Array *y, Array **out, LaError *err) {
    Ctx c = {budget, err, "outer"};
    size_t m = x->len, n = y->len;
    if (!fits_int(&c, m, n)) return LA_NOMEM;
    Array *r = new_zeros(&c, 2, m, n);
    if (!r) return LA_NOMEM;
    if (r->len > 0)
        cblas_dger(CblasRowMajor, (int)m, (int)n, 1.0, x->data, 1, y->data, 1, r->data, (int)n);
    *out = r;
    return LA_OK;
}

LaStatus la_eye(MemBudget *budget, size_t rows, size_t cols, Array **out, LaError *err) {
    Ctx c = {budget, err, "eye"};
    Array *r = new_zeros(&c, 2, rows, cols);
    if (!r) return LA_NOMEM;
    size_t k = rows < cols ? rows : cols;
    for (size_t i = 0; i < k; i++) r->data[i * cols + i] = 1.0;
    *out = r;
    return LA_OK;
}

LaStatus la_diag(MemBudget *budget, const Array *a, Array **out, LaError *err) {
    Ctx c = {budget, err, "diag"};
    Array *r;
    if (a->ndim == 1) {
        size_t n = a->len;
        r = new_zeros(&c, 2, n, n);
        if (!r) return LA_NOMEM;
        for (size_t i = 0; i < n; i++) r->data[i * n + i] = a->data[i];
    } else {
        size_t k = a->rows < a->cols ? a->rows : a->cols;
        r = new_vector(&c, k);
        if (!r) return LA_NOMEM;
        for (size_t i = 0; i < k; i++) r->data[i] = a->data[i * a->cols + i];
    }
    *out = r;
    return LA_OK;
}

LaStatus la_trace(const Array *a, double *out, LaError *err) {
    Ctx c = {NULL, err, "trace"};
    LaStatus st = need_square(&c, a);
    if (st != LA_OK) return st;
    double sum = 0.0;
    for (size_t i = 0; i < a->rows; i++) sum += a->data[i * a->cols + i];
    *out = sum;
    return LA_OK;
}

/* a·b for sizes, or false on overflow. */
static bool mul_size(size_t a, size_t b, size_t *out) {
    if (b != 0 && a > SIZE_MAX / b) return false;
    *out = a * b;
    return true;
}

LaStatus la_kron(MemBudget *budget, const Array *a, const Array *b, Array **out, LaError *err) {
    Ctx c = {budget, err, "kron"};
    size_t rows, cols;
    if (!mul_size(a->rows, b->rows, &rows) || !mul_size(a->cols, b->cols, &cols)) {
        char sa[SHAPE_BUF], sb[SHAPE_BUF];
        return fail(err, LA_NOMEM, "kron: the product of %s and %s is too large",
                    shape_of(a, sa), shape_of(b, sb));
    }
    int ndim = a->ndim == 1 && b->ndim == 1 ? 1 : 2;
    Array *r = new_array(&c, ndim, rows, cols);
    if (!r) return LA_NOMEM;
    for (size_t ia = 0; ia < a->rows; ia++)
        for (size_t ja = 0; ja < a->cols; ja++) {
            double s = a->data[ia * a->cols + ja];
            for (size_t ib = 0; ib < b->rows; ib++) {
                double *dst = r->data + (ia * b->rows + ib) * cols + ja * b->cols;
                const double *src = b->data + ib * b->cols;
                for (size_t jb = 0; jb < b->cols; jb++) dst[jb] = s * src[jb];
            }
        }
    *out = r;
    return LA_OK;
}

LaStatus la_reshape(MemBudget *budget, const Array *a, size_t rows, size_t cols,
                    Array **out, LaError *err) {
    Ctx c = {budget, err, "reshape"};
    size_t count;
    if (!mul_size(rows, cols, &count) || count != a->len) {
        char sa[SHAPE_BUF];
        if (!mul_size(rows, cols, &count))
            return fail(err, LA_SHAPE, "reshape: cannot reshape %s (%zu elements) into %zu×%zu (too many elements)",
                        shape_of(a, sa), a->len, rows, cols);
        if (a->ndim == 1)
            return fail(err, LA_SHAPE, "reshape: cannot reshape %zu elements into %zu×%zu (%zu elements)",
                        a->len, rows, cols, count);
        return fail(err, LA_SHAPE, "reshape: cannot reshape %s (%zu elements) into %zu×%zu (%zu elements)",
                    shape_of(a, sa), a->len, rows, cols, count);
    }
    Array *r = copy_as(&c, a, 2, rows, cols);
    if (!r) return LA_NOMEM;
    *out = r;
    return LA_OK;
}

/* Copies src (rows×cols block, row stride src_stride) into dst at its row stride. */
static void copy_block(double *dst, size_t dst_stride, const double *src, size_t src_stride,
                       size_t rows, size_t cols) {
    if (cols == 0) return;
    for (size_t i = 0; i < rows; i++)
        memcpy(dst + i * dst_stride, src + i * src_stride, cols * sizeof(double));
}

/* The rows × cols an operand occupies in a stacked result. */
typedef struct Block { size_t rows, cols; } Block;

LaStatus la_hstack(MemBudget *budget, const Array *a, const Array *b, Array **out, LaError *err) {
    Ctx c = {budget, err, "hstack"};
    char sa[SHAPE_BUF], sb[SHAPE_BUF];
    if (a->len > SIZE_MAX - b->len || a->cols > SIZE_MAX - b->cols)
        return fail(err, LA_NOMEM, "hstack: %s beside %s is too large", shape_of(a, sa), shape_of(b, sb));
    if (a->ndim == 1 && b->ndim == 1) {
        Array *r = new_vector(&c, a->len + b->len);
        if (!r) return LA_NOMEM;
        if (a->len) memcpy(r->data, a->data, a->len * sizeof(double));
        if (b->len) memcpy(r->data + a->len, b->data, b->len * sizeof(double));
        *out = r;
        return LA_OK;
    }
    /* A vector beside a matrix is a column when its length matches the row count. */
    Block ba = {a->rows, a->cols}, bb = {b->rows, b->cols};
    if (a->ndim == 1 && a->len == b->rows) ba = (Block){a->len, 1};
    if (b->ndim == 1 && b->len == a->rows) bb = (Block){b->len, 1};
    if (ba.rows != bb.rows) {
        const Array *m = a->ndim == 2 ? a : b;   /* a vector beside a matrix: say what fits */
        if (a->ndim != b->ndim)
            return fail(err, LA_SHAPE, "hstack: cannot put %s beside %s: a vector beside a %zu-row matrix needs %zu elements",
                        shape_of(a, sa), shape_of(b, sb), m->rows, m->rows);
        return fail(err, LA_SHAPE, "hstack: cannot put %s beside %s: row counts %zu and %zu differ",
                    shape_of(a, sa), shape_of(b, sb), ba.rows, bb.rows);
    }
    Array *r = new_matrix(&c, ba.rows, ba.cols + bb.cols);
    if (!r) return LA_NOMEM;
    copy_block(r->data, r->cols, a->data, ba.cols, ba.rows, ba.cols);
    copy_block(r->data + ba.cols, r->cols, b->data, bb.cols, bb.rows, bb.cols);
    *out = r;
    return LA_OK;
}

LaStatus la_vstack(MemBudget *budget, const Array *a, const Array *b, Array **out, LaError *err) {
    Ctx c = {budget, err, "vstack"};
    char sa[SHAPE_BUF], sb[SHAPE_BUF];
    /* Vectors are rows, except beside an r×1 column matrix they extend. */
    Block ba = {a->rows, a->cols}, bb = {b->rows, b->cols};
    if (a->ndim == 1 && b->ndim == 2 && a->len != b->cols && b->cols == 1) ba = (Block){a->len, 1};
    if (b->ndim == 1 && a->ndim == 2 && b->len != a->cols && a->cols == 1) bb = (Block){b->len, 1};
    if (ba.cols != bb.cols)
        return fail(err, LA_SHAPE, "vstack: cannot put %s on top of %s: column counts %zu and %zu differ",
                    shape_of(a, sa), shape_of(b, sb), ba.cols, bb.cols);
    if (ba.rows > SIZE_MAX - bb.rows)
        return fail(err, LA_NOMEM, "vstack: %s on top of %s is too large", shape_of(a, sa), shape_of(b, sb));
    Array *r = new_matrix(&c, ba.rows + bb.rows, ba.cols);
    if (!r) return LA_NOMEM;
    if (a->len) memcpy(r->data, a->data, a->len * sizeof(double));
    if (b->len) memcpy(r->data + a->len, b->data, b->len * sizeof(double));
    *out = r;
    return LA_OK;
}

/* } */

/* {======================================================================
 * SVD core (shared by svd, svdvals, norm 2, rank, pinv, inv/solve rank, pca)
 * ======================================================================= */

/* Thin SVD of a (m×n; a vector is 1×n), k = min(m, n). Sets *s = new vector (k) and, when
 * u and vt are non-NULL, *u = new m×k and *vt = new k×n. On failure sets nothing.
 * dgesdd first; dgesvd if it does not converge. a must be finite (checked by caller). */
static LaStatus svd_thin(const Ctx *c, const Array *a, Array **u, Array **s, Array **vt) {
    size_t m = a->rows, n = a->cols, k = m < n ? m : n;
    bool want = u != NULL;
    if (!fits_int(c, m, n)) return LA_NOMEM;
    Array *sv = new_vector(c, k), *um = NULL, *vtm = NULL, *work = NULL;
    LaStatus st = LA_NOMEM;
    if (!sv) goto done;
    if (want) {
        um = new_matrix(c, m, k);
        vtm = new_matrix(c, k, n);
        if (!um || !vtm) goto done;
    }
    if (k > 0) {
        work = copy_as(c, a, 2, m, n);
        if (!work) goto done;
        double dummy[1] = {0.0};
        char job = want ? 'S' : 'N';
        int im = (int)m, in = (int)n, ldu = k > 0 ? (int)k : 1;
        double *udata = want ? um->data : dummy, *vtdata = want ? vtm->data : dummy;
        lapack_int info = LAPACKE_dgesdd(LAPACK_ROW_MAJOR, job, im, in, work->data, in, sv->data,
                                         udata, ldu, vtdata, in);
        if (info > 0) {
            /* dgesdd occasionally fails where the slower QR-iteration SVD succeeds. */
            memcpy(work->data, a->data, a->len * sizeof(double));
            Array *superb = new_vector(c, k);
            if (!superb) goto done;
            info = LAPACKE_dgesvd(LAPACK_ROW_MAJOR, job, job, im, in, work->data, in, sv->data,
                                  udata, ldu, vtdata, in, superb->data);
            array_release(superb);
        }
        if (info != 0) {
            st = lapack_fail(c, info, "the SVD");
            goto done;
        }
    }
    st = LA_OK;
    *s = sv;
    sv = NULL;
    if (want) {
        *u = um;
        *vt = vtm;
        um = vtm = NULL;
    }
done:
    array_release(work);
    array_release(sv);
    array_release(um);
    array_release(vtm);
    return st;
}

/* *rank = count of singular values of finite a above S.max() · max(m, n) · eps. */
static LaStatus rank_of(const Ctx *c, const Array *a, size_t *rank) {
    Array *s = NULL;
    LaStatus st = svd_thin(c, a, NULL, &s, NULL);
    if (st != LA_OK) return st;
    size_t count = 0;
    if (s->len > 0) {
        size_t big = a->rows > a->cols ? a->rows : a->cols;
        double tol = s->data[0] * (double)big * DBL_EPSILON;
        for (size_t i = 0; i < s->len; i++)
            if (s->data[i] > tol) count++;
    }
    array_release(s);
    *rank = count;
    return LA_OK;
}

LaStatus la_svd(MemBudget *budget, const Array *a, Array **u, Array **s, Array **v, LaError *err) {
    Ctx c = {budget, err, "svd"};
    LaStatus st = check_finite(&c, a, "matrix");
    if (st != LA_OK) return st;
    Array *um, *sv, *vt;
    st = svd_thin(&c, a, &um, &sv, &vt);
    if (st != LA_OK) return st;
    Array *vm = new_matrix(&c, vt->cols, vt->rows);
    if (!vm) {
        array_release(um);
        array_release(sv);
        array_release(vt);
        return LA_NOMEM;
    }
    transpose_into(vt->data, vt->rows, vt->cols, vm->data);
    array_release(vt);
    *u = um;
    *s = sv;
    *v = vm;
    return LA_OK;
}

LaStatus la_svdvals(MemBudget *budget, const Array *a, Array **s, LaError *err) {
    Ctx c = {budget, err, "svdvals"};
    LaStatus st = check_finite(&c, a, "matrix");
    if (st != LA_OK) return st;
    return svd_thin(&c, a, NULL, s, NULL);
}

LaStatus la_rank(MemBudget *budget, const Array *a, size_t *rank, LaError *err) {
    Ctx c = {budget, err, "rank"};
    LaStatus st = check_finite(&c, a, "matrix");
    if (st != LA_OK) return st;
    return rank_of(&c, a, rank);
}

LaStatus la_pinv(MemBudget *budget, const Array *a, Array **out, LaError *err) {
    Ctx c = {budget, err, "pinv"};
    LaStatus st = check_finite(&c, a, "matrix");
    if (st != LA_OK) return st;
    size_t m = a->rows, n = a->cols;
    Array *u, *s, *vt;
    st = svd_thin(&c, a, &u, &s, &vt);
    if (st != LA_OK) return st;
    Array *r = new_zeros(&c, 2, n, m);
    if (r && s->len > 0) {
        /* pinv = V diag(1/s) Uᵀ: scale the rows of Vᵀ, then (Vᵀ)ᵀ · Uᵀ by dgemm. */
        size_t k = s->len;
        double cutoff = LA_PINV_RCOND * s->data[0];
        for (size_t i = 0; i < k; i++) {
            double inv = s->data[i] > cutoff ? 1.0 / s->data[i] : 0.0;
            for (size_t j = 0; j < n; j++) vt->data[i * n + j] *= inv;
        }
        cblas_dgemm(CblasRowMajor, CblasTrans, CblasTrans, (int)n, (int)m, (int)k, 1.0,
                    vt->data, (int)n, u->data, (int)k, 0.0, r->data, (int)m);
    }
    array_release(u);
    array_release(s);
    array_release(vt);
    if (!r) return LA_NOMEM;
    *out = r;
    return LA_OK;
}

/* } */

/* {======================================================================
 * Norms, determinant, inverse, solve, least squares
 * ======================================================================= */

LaStatus la_norm(MemBudget *budget, const Array *a, double p, double *out, LaError *err) {
    Ctx c = {budget, err, "norm"};
    if (a->ndim == 1) {
        if (p == LA_NORM_FRO || p == 2.0) {
            *out = blas_nrm2(a->len, a->data);
        } else if (p == 1.0) {
            *out = sum_abs(a->len, a->data);
        } else if (p == INFINITY) {
            double best = 0.0;
            for (size_t i = 0; i < a->len; i++) best = max_nan(best, fabs(a->data[i]));
            *out = best;
        } else if (p > 0.0 && isfinite(p)) {
            double sum = 0.0;
            for (size_t i = 0; i < a->len; i++) sum += pow(fabs(a->data[i]), p);
            *out = pow(sum, 1.0 / p);
        } else {
            return fail(err, LA_DOMAIN, "norm: p must be positive, inf or \"fro\", got %g", p);
        }
        return LA_OK;
    }
    size_t rows = a->rows, cols = a->cols;
    if (p == LA_NORM_FRO) {
        *out = blas_nrm2(a->len, a->data);
    } else if (p == 1.0) {
        *out = norm1_of(a->data, rows, cols);
    } else if (p == INFINITY) {
        double best = 0.0;
        for (size_t i = 0; i < rows; i++) best = max_nan(best, sum_abs(cols, a->data + i * cols));
        *out = best;
    } else if (p == 2.0) {
        bool has_nan = false, has_inf = false;
        for (size_t i = 0; i < a->len; i++) {
            has_nan |= isnan(a->data[i]);
            has_inf |= isinf(a->data[i]);
        }
        if (has_nan || has_inf) {
            *out = has_nan ? NAN : INFINITY;
            return LA_OK;
        }
        Array *s = NULL;
        LaStatus st = svd_thin(&c, a, NULL, &s, NULL);
        if (st != LA_OK) return st;
        *out = s->len > 0 ? s->data[0] : 0.0;
        array_release(s);
    } else {
        return fail(err, LA_DOMAIN, "norm: a matrix norm needs p = 1, 2, inf or \"fro\", got %g", p);
    }
    return LA_OK;
}

LaStatus la_det(MemBudget *budget, const Array *a, double *out, LaError *err) {
    Ctx c = {budget, err, "det"};
    LaStatus st = need_square(&c, a);
    if (st != LA_OK) return st;
    size_t n = a->rows;
    if (n == 0) {
        *out = 1.0;
        return LA_OK;
    }
    for (size_t i = 0; i < a->len; i++)
        if (isnan(a->data[i])) {
            *out = NAN;
            return LA_OK;
        }
    if (!fits_int(&c, n, n)) return LA_NOMEM;
    Array *lu = copy_as(&c, a, 2, n, n);
    if (!lu) return LA_NOMEM;
    lapack_int *ipiv = new_ints(&c, n);
    if (!ipiv) {
        array_release(lu);
        return LA_NOMEM;
    }
    lapack_int info = LAPACKE_dgetrf(LAPACK_ROW_MAJOR, (int)n, (int)n, lu->data, (int)n, ipiv);
    if (info < 0) {
        st = lapack_fail(&c, info, "dgetrf");
    } else if (info > 0) {
        *out = 0.0;   /* an exactly zero pivot */
    } else {
        double det = 1.0;
        for (size_t i = 0; i < n; i++) {
            det *= lu->data[i * n + i];
            if (ipiv[i] != (lapack_int)(i + 1)) det = -det;
        }
        *out = det;
    }
    free(ipiv);
    array_release(lu);
    return st;
}

/* For inv/solve after an LU of finite square a (lu, info from dgetrf/dgesv): LA_OK when a
 * is regular; LA_SINGULAR "fn: matrix is singular (rank R of N)" for an exact zero pivot or
 * a small condition estimate confirmed by the SVD rank; another status if the check failed. */
static LaStatus check_singular(const Ctx *c, const Array *a, const Array *lu, lapack_int info) {
    size_t n = a->rows;
    if (info == 0) {
        double rcond = 0.0;
        double anorm = norm1_of(a->data, n, n);
        lapack_int cinfo = LAPACKE_dgecon(LAPACK_ROW_MAJOR, '1', (int)n, lu->data, (int)n, anorm, &rcond);
        if (cinfo != 0) return lapack_fail(c, cinfo, "dgecon");
        if (!(rcond < LA_RCOND_SUSPECT)) return LA_OK;
    }
    size_t rank;
    LaStatus st = rank_of(c, a, &rank);
    if (st != LA_OK) return st;
    if (info == 0 && rank == n) return LA_OK;   /* ill-conditioned but regular */
    if (rank >= n) rank = n - 1;                /* an exact zero pivot proves singularity */
    return fail(c->err, LA_SINGULAR, "%s: matrix is singular (rank %zu of %zu)", c->fn, rank, n);
}

LaStatus la_inv(MemBudget *budget, const Array *a, Array **out, LaError *err) {
    Ctx c = {budget, err, "inv"};
    LaStatus st = need_square(&c, a);
    if (st == LA_OK) st = check_finite(&c, a, "matrix");
    if (st != LA_OK) return st;
    size_t n = a->rows;
    if (n == 0) {
        Array *r = new_matrix(&c, 0, 0);
        if (!r) return LA_NOMEM;
        *out = r;
        return LA_OK;
    }
    if (!fits_int(&c, n, n)) return LA_NOMEM;
    Array *r = copy_as(&c, a, 2, n, n);
    if (!r) return LA_NOMEM;
    lapack_int *ipiv = new_ints(&c, n);
    if (!ipiv) {
        array_release(r);
        return LA_NOMEM;
    }
    lapack_int info = LAPACKE_dgetrf(LAPACK_ROW_MAJOR, (int)n, (int)n, r->data, (int)n, ipiv);
    if (info < 0) st = lapack_fail(&c, info, "dgetrf");
    else st = check_singular(&c, a, r, info);
    if (st == LA_OK) {
        info = LAPACKE_dgetri(LAPACK_ROW_MAJOR, (int)n, r->data, (int)n, ipiv);
        if (info != 0) st = info > 0 ? fail(err, LA_SINGULAR, "inv: matrix is singular") : lapack_fail(&c, info, "dgetri");
    }
    free(ipiv);
    if (st != LA_OK) {
        array_release(r);
        return st;
    }
    *out = r;
    return LA_OK;
}

LaStatus la_solve(MemBudget *budget, const Array *a, const Array *b, Array **out, LaError *err) {
    Ctx c = {budget, err, "solve"};
    LaStatus st = need_square(&c, a);
    if (st != LA_OK) return st;
    size_t n = a->rows;
    size_t b_rows = b->ndim == 1 ? b->len : b->rows, nrhs = b->ndim == 1 ? 1 : b->cols;
    if (b_rows != n) {
        char sa[SHAPE_BUF], sb[SHAPE_BUF];
        return fail(err, LA_SHAPE, "solve: A is %s but b is %s: row counts %zu and %zu differ",
                    shape_of(a, sa), shape_of(b, sb), n, b_rows);
    }
    st = check_finite(&c, a, "matrix");
    if (st == LA_OK) st = check_finite(&c, b, "right-hand side");
    if (st != LA_OK) return st;
    Array *x = copy_as(&c, b, b->ndim, b->rows, b->cols);
    if (!x) return LA_NOMEM;
    if (n == 0 || nrhs == 0) {
        *out = x;
        return LA_OK;
    }
    Array *lu = NULL;
    lapack_int *ipiv = NULL;
    if (!fits_int(&c, n, nrhs)) st = LA_NOMEM;
    else if (!(lu = copy_as(&c, a, 2, n, n))) st = LA_NOMEM;
    else if (!(ipiv = new_ints(&c, n))) st = LA_NOMEM;
    if (st == LA_OK) {
        lapack_int info = LAPACKE_dgesv(LAPACK_ROW_MAJOR, (int)n, (int)nrhs, lu->data, (int)n, ipiv,
                                        x->data, (int)nrhs);
        if (info < 0) st = lapack_fail(&c, info, "dgesv");
        else st = check_singular(&c, a, lu, info);
    }
    free(ipiv);
    array_release(lu);
    if (st != LA_OK) {
        array_release(x);
        return st;
    }
    *out = x;
    return LA_OK;
}

LaStatus la_lstsq(MemBudget *budget, const Array *a, const Array *b, Array **x, size_t *rank,
                  LaError *err) {
    Ctx c = {budget, err, "lstsq"};
    size_t m = a->rows, n = a->cols;
    size_t b_rows = b->ndim == 1 ? b->len : b->rows, nrhs = b->ndim == 1 ? 1 : b->cols;
    if (b_rows != m) {
        char sa[SHAPE_BUF], sb[SHAPE_BUF];
        return fail(err, LA_SHAPE, "lstsq: A is %s but b is %s: row counts %zu and %zu differ",
                    shape_of(a, sa), shape_of(b, sb), m, b_rows);
    }
    LaStatus st = check_finite(&c, a, "matrix");
    if (st == LA_OK) st = check_finite(&c, b, "right-hand side");
    if (st != LA_OK) return st;
    Array *result = b->ndim == 1 ? new_zeros(&c, 1, 1, n) : new_zeros(&c, 2, n, nrhs);
    if (!result) return LA_NOMEM;
    lapack_int found_rank = 0;
    size_t big = m > n ? m : n, k = m < n ? m : n;
    if (k > 0 && nrhs > 0) {
        Array *acopy = NULL, *bwork = NULL, *s = NULL;
        if (!fits_int(&c, big, nrhs) || !fits_int(&c, m, n)) st = LA_NOMEM;
        else if (!(acopy = copy_as(&c, a, 2, m, n)) || !(bwork = new_zeros(&c, 2, big, nrhs)) ||
                 !(s = new_vector(&c, k)))
            st = LA_NOMEM;
        if (st == LA_OK) {
            memcpy(bwork->data, b->data, b->len * sizeof(double));
            double rcond = DBL_EPSILON * (double)big;
            lapack_int info = LAPACKE_dgelsd(LAPACK_ROW_MAJOR, (int)m, (int)n, (int)nrhs, acopy->data,
                                             (int)n, bwork->data, (int)nrhs, s->data, rcond, &found_rank);
            if (info != 0) st = lapack_fail(&c, info, "dgelsd");
            else memcpy(result->data, bwork->data, n * nrhs * sizeof(double));
        }
        array_release(acopy);
        array_release(bwork);
        array_release(s);
    }
    if (st != LA_OK) {
        array_release(result);
        return st;
    }
    *x = result;
    if (rank) *rank = (size_t)found_rank;
    return LA_OK;
}

/* } */

/* {======================================================================
 * Eigenvalues, QR, Cholesky
 * ======================================================================= */

typedef struct EigKey {
    double value;
    size_t index;
} EigKey;

static int eig_key_cmp(const void *pa, const void *pb) {
    const EigKey *x = pa, *y = pb;
    if (x->value < y->value) return -1;
    if (x->value > y->value) return 1;
    return (x->index > y->index) - (x->index < y->index);
}

/* Writes "eig: complex eigenvalues 0±1i, … are not supported yet" for the pairs in wr/wi. */
static LaStatus complex_eig_error(const Ctx *c, const double *wr, const double *wi, size_t n) {
    char list[200];
    size_t used = 0;
    bool truncated = false;
    list[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        if (!(wi[i] > 0.0)) continue;   /* one entry per conjugate pair: the + one */
        char item[64];
        snprintf(item, sizeof item, "%s%.6g±%.6gi", used ? ", " : "", wr[i] + 0.0, wi[i]);
        size_t len = strlen(item);
        if (used + len + 1 > sizeof list - 8) {
            truncated = true;
            break;
        }
        memcpy(list + used, item, len + 1);
        used += len;
    }
    return fail(c->err, LA_DOMAIN, "%s: complex eigenvalues %s%s are not supported yet",
                c->fn, list, truncated ? ", …" : "");
}

/* Eigenvalues (and, when vectors is non-NULL, eigenvectors) of square a, ascending. */
static LaStatus eig_core(const Ctx *c, const Array *a, Array **values, Array **vectors) {
    LaStatus st = need_square(c, a);
    if (st == LA_OK) st = check_finite(c, a, "matrix");
    if (st != LA_OK) return st;
    size_t n = a->rows;
    bool want = vectors != NULL;
    if (!fits_int(c, n, n)) return LA_NOMEM;
    Array *w = new_vector(c, n), *z = NULL, *work = NULL, *wi = NULL, *vr = NULL;
    EigKey *keys = NULL;
    st = LA_NOMEM;
    if (!w) goto done;
    if (n == 0) {
        if (want && !(z = new_matrix(c, 0, 0))) goto done;
        st = LA_OK;
        goto done;
    }
    if (is_symmetric(a)) {
        /* Symmetrise exactly, then the divide-and-conquer symmetric solver. */
        if (!(z = new_matrix(c, n, n))) goto done;
        for (size_t i = 0; i < n; i++)
            for (size_t j = 0; j < n; j++)
                z->data[i * n + j] = 0.5 * (a->data[i * n + j] + a->data[j * n + i]);
        /* A symmetric matrix reads the same in either order, so LAPACK gets it column-major
         * and LAPACKE makes no transposed copies in and out (two fresh n² buffers); the
         * eigenvectors come back as columns of a column-major matrix, which one in-place
         * transpose turns into the row-major columns mlm returns. */
        lapack_int info = LAPACKE_dsyevd(LAPACK_COL_MAJOR, want ? 'V' : 'N', 'U', (int)n, z->data,
                                         (int)n, w->data);
        st = info == 0 ? LA_OK : lapack_fail(c, info, "dsyevd");
        if (st == LA_OK && want)
            for (size_t i = 0; i < n; i++)
                for (size_t j = i + 1; j < n; j++) {
                    double t = z->data[i * n + j];
                    z->data[i * n + j] = z->data[j * n + i];
                    z->data[j * n + i] = t;
                }
        goto done;
    }
    if (!(work = copy_as(c, a, 2, n, n)) || !(wi = new_vector(c, n))) goto done;
    if (want && !(vr = new_matrix(c, n, n))) goto done;
    double dummy[1] = {0.0};
    lapack_int info = LAPACKE_dgeev(LAPACK_ROW_MAJOR, 'N', want ? 'V' : 'N', (int)n, work->data, (int)n,
                                    w->data, wi->data, dummy, 1, want ? vr->data : dummy, want ? (int)n : 1);
    if (info != 0) {
        st = lapack_fail(c, info, "dgeev");
        goto done;
    }
    for (size_t i = 0; i < n; i++)
        if (wi->data[i] != 0.0) {
            st = complex_eig_error(c, w->data, wi->data, n);
            goto done;
        }
    /* All real: sort ascending (like the symmetric path), moving vector columns along. */
    keys = malloc(n * sizeof *keys);
    if (!keys) {
        st = fail(c->err, LA_NOMEM, "%s: out of memory sorting %zu eigenvalues", c->fn, n);
        goto done;
    }
    for (size_t i = 0; i < n; i++) keys[i] = (EigKey){w->data[i], i};
    qsort(keys, n, sizeof *keys, eig_key_cmp);
    for (size_t i = 0; i < n; i++) w->data[i] = keys[i].value;
    if (want) {
        if (!(z = new_matrix(c, n, n))) goto done;
        for (size_t i = 0; i < n; i++)
            for (size_t j = 0; j < n; j++) z->data[i * n + j] = vr->data[i * n + keys[j].index];
    }
    st = LA_OK;
done:
    free(keys);
    array_release(work);
    array_release(wi);
    array_release(vr);
    if (st == LA_OK) {
        *values = w;
        if (want) *vectors = z;
        else array_release(z);
    } else {
        array_release(w);
        array_release(z);
    }
    return st;
}

LaStatus la_eig(MemBudget *budget, const Array *a, Array **values, Array **vectors, LaError *err) {
    Ctx c = {budget, err, "eig"};
    return eig_core(&c, a, values, vectors);
}

LaStatus la_eigvals(MemBudget *budget, const Array *a, Array **values, LaError *err) {
    Ctx c = {budget, err, "eigvals"};
    return eig_core(&c, a, values, NULL);
}

LaStatus la_qr(MemBudget *budget, const Array *a, Array **q, Array **r, LaError *err) {
    Ctx c = {budget, err, "qr"};
    LaStatus st = check_finite(&c, a, "matrix");
    if (st != LA_OK) return st;
    size_t m = a->rows, n = a->cols, k = m < n ? m : n;
    if (!fits_int(&c, m, n)) return LA_NOMEM;
    Array *qm = new_matrix(&c, m, k), *rm = new_zeros(&c, 2, k, n), *work = NULL, *tau = NULL;
    st = LA_NOMEM;
    if (!qm || !rm) goto done;
    if (k > 0) {
        if (!(work = copy_as(&c, a, 2, m, n)) || !(tau = new_vector(&c, k))) goto done;
        lapack_int info = LAPACKE_dgeqrf(LAPACK_ROW_MAJOR, (int)m, (int)n, work->data, (int)n, tau->data);
        if (info != 0) {
            st = lapack_fail(&c, info, "dgeqrf");
            goto done;
        }
        for (size_t i = 0; i < k; i++)
            for (size_t j = i; j < n; j++) rm->data[i * n + j] = work->data[i * n + j];
        /* Q is the first k columns of the m×n work array (leading dimension n ≥ k). */
        info = LAPACKE_dorgqr(LAPACK_ROW_MAJOR, (int)m, (int)k, (int)k, work->data, (int)n, tau->data);
        if (info != 0) {
            st = lapack_fail(&c, info, "dorgqr");
            goto done;
        }
        copy_block(qm->data, k, work->data, n, m, k);
    }
    st = LA_OK;
    *q = qm;
    *r = rm;
    qm = rm = NULL;
done:
    array_release(qm);
    array_release(rm);
    array_release(work);
    array_release(tau);
    return st;
}

LaStatus la_cholesky(MemBudget *budget, const Array *a, Array **l, LaError *err) {
    Ctx c = {budget, err, "cholesky"};
    LaStatus st = need_square(&c, a);
    if (st == LA_OK) st = check_finite(&c, a, "matrix");
    if (st != LA_OK) return st;
    if (!is_symmetric(a)) return fail(err, LA_DOMAIN, "cholesky: matrix is not symmetric");
    size_t n = a->rows;
    if (!fits_int(&c, n, n)) return LA_NOMEM;
    Array *lm = copy_as(&c, a, 2, n, n);
    if (!lm) return LA_NOMEM;
    if (n > 0) {
        lapack_int info = LAPACKE_dpotrf(LAPACK_ROW_MAJOR, 'L', (int)n, lm->data, (int)n);
        if (info != 0) {
            array_release(lm);
            if (info > 0) return fail(err, LA_SINGULAR, "cholesky: matrix is not positive definite");
            return lapack_fail(&c, info, "dpotrf");
        }
        for (size_t i = 0; i < n; i++)
            for (size_t j = i + 1; j < n; j++) lm->data[i * n + j] = 0.0;
    }
    *l = lm;
    return LA_OK;
}

/* } */

/* {======================================================================
 * Statistics: covariance and PCA
 * ======================================================================= */

/* Returns a new n×p copy of x (rows observations) with each column's mean subtracted. */
static Array *centred(const Ctx *c, const Array *x, size_t n, size_t p) {
    Array *xc = new_matrix(c, n, p);
    Array *mean = new_zeros(c, 1, 1, p);
    if (!xc || !mean) {
        array_release(xc);
        array_release(mean);
        return NULL;
    }
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < p; j++) mean->data[j] += x->data[i * p + j];
    for (size_t j = 0; j < p; j++) mean->data[j] /= (double)n;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < p; j++) xc->data[i * p + j] = x->data[i * p + j] - mean->data[j];
    array_release(mean);
    return xc;
}

LaStatus la_cov(MemBudget *budget, const Array *x, Array **out, LaError *err) {
    Ctx c = {budget, err, "cov"};
    /* A vector is n observations of one variable. */
    size_t n = x->ndim == 1 ? x->len : x->rows, p = x->ndim == 1 ? 1 : x->cols;
    if (n < 2) return fail(err, LA_SHAPE, "cov: needs at least 2 observations, got %zu", n);
    if (!fits_int(&c, n, p)) return LA_NOMEM;
    Array *xc = centred(&c, x, n, p);
    if (!xc) return LA_NOMEM;
    Array *r = new_zeros(&c, 2, p, p);
    if (!r) {
        array_release(xc);
        return LA_NOMEM;
    }
    if (p > 0) {
        cblas_dsyrk(CblasRowMajor, CblasUpper, CblasTrans, (int)p, (int)n, 1.0 / (double)(n - 1),
                    xc->data, (int)p, 0.0, r->data, (int)p);
        for (size_t i = 0; i < p; i++)
            for (size_t j = 0; j < i; j++) r->data[i * p + j] = r->data[j * p + i];
    }
    array_release(xc);
    *out = r;
    return LA_OK;
}

LaStatus la_pca(MemBudget *budget, const Array *x, size_t k, Array **projected,
                Array **components, Array **ratio, LaError *err) {
    Ctx c = {budget, err, "pca"};
    if (x->ndim == 1)
        return fail(err, LA_SHAPE, "pca: needs a matrix of observations × features, got a vector of length %zu", x->len);
    size_t n = x->rows, p = x->cols, q = n < p ? n : p;
    if (n < 2) return fail(err, LA_SHAPE, "pca: needs at least 2 observations, got %zu", n);
    if (k < 1 || k > q) {
        if (q == p)
            return fail(err, LA_SHAPE, "pca: k = %zu is out of range: %zu features, so k must be 1 to %zu", k, p, q);
        return fail(err, LA_SHAPE, "pca: k = %zu is out of range: %zu observations and %zu features, so k must be 1 to %zu",
                    k, n, p, q);
    }
    LaStatus st = check_finite(&c, x, "matrix");
    if (st != LA_OK) return st;
    if (!fits_int(&c, n, p)) return LA_NOMEM;
    Array *xc = centred(&c, x, n, p);
    if (!xc) return LA_NOMEM;
    Array *u = NULL, *s = NULL, *vt = NULL;
    st = svd_thin(&c, xc, &u, &s, &vt);
    array_release(xc);
    if (st != LA_OK) return st;
    Array *proj = new_matrix(&c, n, k), *comp = new_matrix(&c, k, p), *rat = new_vector(&c, k);
    if (!proj || !comp || !rat) {
        st = LA_NOMEM;
    } else {
        double total = 0.0;
        for (size_t j = 0; j < q; j++) total += s->data[j] * s->data[j];
        for (size_t j = 0; j < k; j++) {
            /* svd_flip: the largest-|value| entry of component j (first such) is positive. */
            const double *row = vt->data + j * p;
            size_t best = 0;
            for (size_t t = 1; t < p; t++)
                if (fabs(row[t]) > fabs(row[best])) best = t;
            double sign = row[best] < 0.0 ? -1.0 : 1.0;
            for (size_t t = 0; t < p; t++) comp->data[j * p + t] = sign * row[t];
            for (size_t i = 0; i < n; i++) proj->data[i * k + j] = sign * u->data[i * q + j] * s->data[j];
            rat->data[j] = s->data[j] * s->data[j] / total;
        }
    }
    array_release(u);
    array_release(s);
    array_release(vt);
    if (st != LA_OK) {
        array_release(proj);
        array_release(comp);
        array_release(rat);
        return st;
    }
    *projected = proj;
    *components = comp;
    *ratio = rat;
    return LA_OK;
}

/* } */
