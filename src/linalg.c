/* linalg.c — mlm's linear algebra: products, shapes, norms, solvers and decompositions of
 * arrays, computed by CBLAS (OpenBLAS) and LAPACKE in row-major layout.
 *
 * Every function is pure: inputs are borrowed, results are new arrays (refcount 1) charged
 * to the caller's MemBudget, temporaries are charged too and released on every path.
 * Failures fill LaError and return an LaStatus; nothing is printed. Before any LAPACK call
 * the arguments are validated (dimensions fit in an int, leading dimensions ≥ 1, no NaN
 * that LAPACKE's own NaN check would reject), so LAPACKE never reaches its xerbla; LU
 * factors that OpenBLAS's dgetrf fills with NaN (its 1/pivot overflows for a pivot below
 * 2^-1024) are caught before they reach dgecon (check_singular, la_det). Matrices are scaled
 * by powers of two around LAPACK calls so that entries near DBL_MAX or subnormal ones do not
 * over- or underflow inside them ("Scaling by powers of two" below).
 * Conventions (empty arrays, NaN, orderings, scaling) are documented in linalg.h. */
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
/* cov and pca leave data unscaled when the largest |entry| is within 2^±LA_SAFE_EXP: the
 * centred values' squares (below 2^966, normal down to 2^-960) and sums of the at most
 * 2^31 of them that BLAS takes cannot over- or underflow. */
#define LA_SAFE_EXP 480

/* {======================================================================
 * Errors, shapes, allocation
 * ======================================================================= */

/* What a failing function needs to describe the failure: its name and where to write. */
typedef struct Ctx {
    MemBudget *budget;   /* borrowed */
    LaError *err;        /* borrowed: the caller's message buffer */
    const char *fn;      /* "inv", "svd", … (static string) */
} Ctx;

enum { SHAPE_BUF = 64 };

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

/* "a vector of length 3" or "a 3×2 matrix", into buf (SHAPE_BUF bytes): for sentences. */
static const char *describe(int ndim, size_t rows, size_t cols, char *buf) {
    if (ndim == 1) snprintf(buf, SHAPE_BUF, "a vector of length %zu", cols);
    else snprintf(buf, SHAPE_BUF, "a %zu×%zu matrix", rows, cols);
    return buf;
}

/* "1 element", "6 elements" — the noun after a count. */
static const char *elements(size_t n) {
    return n == 1 ? "element" : "elements";
}

/* Returns a new array (refcount 1, uninitialised) charged to c->budget, or NULL with the
 * LA_NOMEM message written to c->err. */
static Array *new_array(const Ctx *c, int ndim, size_t rows, size_t cols) {
    AllocStatus status;
    Array *a = array_new(c->budget, ndim, rows, cols, &status);
    if (a) return a;
    char what[SHAPE_BUF];
    describe(ndim, rows, cols, what);
    size_t bytes = array_bytes_for(rows, cols);
    if (status == ALLOC_TOO_BIG && bytes == SIZE_MAX) {
        fail(c->err, LA_NOMEM, "%s: %s is too large (its size overflows)", c->fn, what);
        return NULL;
    }
    char need[32], limit[32], in_use[32];
    bytes_text((double)bytes, need, sizeof need);
    if (status == ALLOC_TOO_BIG) {
        fail(c->err, LA_NOMEM, "%s: %s is too large: it needs %s", c->fn, what, need);
    } else if (status == ALLOC_OVER_LIMIT) {
        bytes_text(c->budget ? (double)c->budget->limit : 0, limit, sizeof limit);
        bytes_text(c->budget ? (double)c->budget->in_use : 0, in_use, sizeof in_use);
        fail(c->err, LA_NOMEM, "%s: %s needs %s, over the memory limit of %s (%s in use; --memory-limit or limit(\"memory\", …))",
             c->fn, what, need, limit, in_use);
    } else {
        fail(c->err, LA_NOMEM, "%s: out of memory: %s needs %s", c->fn, what, need);
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

/* True when none of the n elements of x is NaN or infinite. */
static bool all_finite(size_t n, const double *x) {
    for (size_t i = 0; i < n; i++)
        if (!isfinite(x[i])) return false;
    return true;
}

/* Scaling by powers of two. Matrices whose entries lie near either end of the double range
 * overflow or underflow inside LAPACK (a norm or singular value above DBL_MAX, a pivot whose
 * reciprocal is infinite) although the answer is representable. Scaling the input by 2^-e so
 * that its largest |entry| lies in [1, 2), and the result back, avoids that; it is exact
 * (apart from entries below 2^-1074 · 2^e, far beneath rounding at the matrix's scale), so
 * on ordinary input every result is bit for bit the unscaled one. */

/* The e with max|x_i| · 2^-e in [1, 2) over n elements; 0 when all are zero or any is NaN
 * or infinite (nothing to gain). Subnormals count: 1e-320 gives -1063. */
static int scale_exponent(size_t n, const double *x) {
    double big = 0.0;
    for (size_t i = 0; i < n; i++) {
        double v = fabs(x[i]);
        if (!(v <= DBL_MAX)) return 0;
        if (v > big) big = v;
    }
    return big > 0.0 ? ilogb(big) : 0;
}

/* 2^k as a double when it is one (k in -1074…1023), else 0: the factor for times_pow2. */
static double pow2_factor(int k) {
    return k >= DBL_MIN_EXP - DBL_MANT_DIG && k <= DBL_MAX_EXP - 1 ? ldexp(1.0, k) : 0.0;
}

/* x · 2^k correctly rounded (overflowing to ±inf, underflowing to subnormals or 0), given
 * f = pow2_factor(k): one multiplication by an exact power of two, or ldexp beyond it. */
static double times_pow2(double x, double f, int k) {
    return f != 0.0 ? x * f : ldexp(x, k);
}

/* dst[i] = src[i] · 2^k for n elements (dst may be src). */
static void scale_pow2(double *dst, const double *src, size_t n, int k) {
    if (k == 0) {
        if (dst != src && n) memcpy(dst, src, n * sizeof *dst);
        return;
    }
    double f = pow2_factor(k);
    for (size_t i = 0; i < n; i++) dst[i] = times_pow2(src[i], f, k);
}

/* Returns a new copy of a with the given shape, every element times 2^-e, or NULL. */
static Array *copy_scaled(const Ctx *c, const Array *a, int ndim, size_t rows, size_t cols, int e) {
    Array *r = new_array(c, ndim, rows, cols);
    if (r) scale_pow2(r->data, a->data, a->len, -e);
    return r;
}

/* Per-column scaling: column j of a rows×cols matrix is multiplied by 2^-exp[j] (factor[j]
 * = pow2_factor(-exp[j])), exp[j] being that column's scale_exponent. */
typedef struct ColScale {
    int *exp;         /* malloc'd, cols entries */
    double *factor;   /* malloc'd, cols entries */
} ColScale;

static void col_scale_free(ColScale *cs) {
    free(cs->exp);
    free(cs->factor);
}

/* Allocates *cs for cols columns, uninitialised (free with col_scale_free); false with the
 * message set when out of memory. */
static bool col_scale_new(const Ctx *c, size_t cols, ColScale *cs) {
    size_t count = cols ? cols : 1;
    cs->exp = count <= SIZE_MAX / sizeof(double) ? malloc(count * sizeof *cs->exp) : NULL;
    cs->factor = cs->exp ? malloc(count * sizeof *cs->factor) : NULL;
    if (cs->factor) return true;
    col_scale_free(cs);
    fail(c->err, LA_NOMEM, "%s: out of memory for %zu column scales", c->fn, cols);
    return false;
}

/* big[j] = max |x_ij| over the rows×cols row-major x, inf if the column holds NaN or inf. */
static void column_maxima(const double *x, size_t rows, size_t cols, double *big) {
    for (size_t j = 0; j < cols; j++) big[j] = 0.0;
    for (size_t i = 0; i < rows; i++)
        for (size_t j = 0; j < cols; j++) {
            double v = fabs(x[i * cols + j]);
            if (!(v <= big[j])) big[j] = v <= DBL_MAX ? v : INFINITY;   /* NaN too */
        }
}

/* Sets cs->exp[j] from the column maxima in cs->factor[j] (overwritten with the factors):
 * scale_exponent's e, or 0 when |e| ≤ keep (no need to scale). */
static void col_scale_from_maxima(ColScale *cs, size_t cols, int keep) {
    for (size_t j = 0; j < cols; j++) {
        double big = cs->factor[j];
        int e = big > 0.0 && big <= DBL_MAX ? ilogb(big) : 0;
        cs->exp[j] = e >= -keep && e <= keep ? 0 : e;
        cs->factor[j] = pow2_factor(-cs->exp[j]);
    }
}

/* Fills *cs for the rows×cols row-major x (free with col_scale_free); false with the message
 * set when out of memory. */
static bool col_scale_of(const Ctx *c, const double *x, size_t rows, size_t cols, ColScale *cs) {
    if (!col_scale_new(c, cols, cs)) return false;
    column_maxima(x, rows, cols, cs->factor);
    col_scale_from_maxima(cs, cols, 0);
    return true;
}

/* dst = src (rows×cols row-major) with column j times 2^-cs->exp[j] (dst may be src). */
static void scale_columns(double *dst, const double *src, size_t rows, size_t cols, const ColScale *cs) {
    for (size_t i = 0; i < rows; i++)
        for (size_t j = 0; j < cols; j++)
            dst[i * cols + j] = times_pow2(src[i * cols + j], cs->factor[j], -cs->exp[j]);
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
    /* An empty result, or an empty inner dimension (a product of all zeros), needs no BLAS
     * call, so its dimensions need not fit BLAS's ints: zeros(0, 3e9) @ zeros(3e9, 0) is 0×0. */
    if (m == 0 || n == 0 || k == 0) {
        Array *r = new_zeros(&c, ndim, m, n);
        if (!r) return LA_NOMEM;
        *out = r;
        return LA_OK;
    }
    if (k > INT_MAX)
        return fail(err, LA_NOMEM, "@: inner dimension %zu is too large for BLAS (at most %d)", k, INT_MAX);
    if (m > INT_MAX || n > INT_MAX) {
        char what[SHAPE_BUF];
        return fail(err, LA_NOMEM, "@: the result, %s, is too large for BLAS (dimensions up to %d)",
                    describe(ndim, m, n, what), INT_MAX);
    }
    /* dgemm with beta 0 writes every element of C (OpenBLAS zeroes C itself, never reading it),
     * so a matrix product skips a pass over fresh memory; dgemv scales y by beta through
     * scal, which may carry NaN garbage along, so its result starts zeroed. */
    bool blas_writes_all = kind == GEMM || kind == OUTER;
    Array *r = blas_writes_all ? new_array(&c, ndim, m, n) : new_zeros(&c, ndim, m, n);
    if (!r) return LA_NOMEM;
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
    if (m > 0 && n > 0 && !fits_int(&c, m, n)) return LA_NOMEM;   /* empty: no BLAS call */
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
    bool overflow = !mul_size(rows, cols, &count);
    if (overflow || count != a->len) {
        /* "6 elements" for a vector, "2×3 (6 elements)" for a matrix */
        char what[SHAPE_BUF + 32], into[32];
        if (a->ndim == 1) snprintf(what, sizeof what, "%zu %s", a->len, elements(a->len));
        else snprintf(what, sizeof what, "%zu×%zu (%zu %s)", a->rows, a->cols, a->len, elements(a->len));
        if (overflow) snprintf(into, sizeof into, "too many elements");
        else snprintf(into, sizeof into, "%zu %s", count, elements(count));
        return fail(err, LA_SHAPE, "reshape: cannot reshape %s into %zu×%zu (%s)", what, rows, cols, into);
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
    if (r->len > 0) {   /* an empty r has no data to offset into (0 rows of 9e15 columns) */
        copy_block(r->data, r->cols, a->data, ba.cols, ba.rows, ba.cols);
        copy_block(r->data + ba.cols, r->cols, b->data, bb.cols, bb.rows, bb.cols);
    }
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
 * dgesdd first; dgesvd if it does not converge. a must be finite (checked by caller).
 * LAPACK gets a scaled by 2^-e (e = scale_exponent), so singular values of matrices near
 * DBL_MAX do not overflow: with scale non-NULL, *scale = e and *s are those of 2^-e a
 * (U and V are the same); with scale NULL, *s is multiplied back by 2^e (a value beyond
 * DBL_MAX becoming inf). An empty a needs no LAPACK call, whatever its other dimension. */
static LaStatus svd_thin(const Ctx *c, const Array *a, Array **u, Array **s, Array **vt, int *scale) {
    size_t m = a->rows, n = a->cols, k = m < n ? m : n;
    bool want = u != NULL;
    if (k > 0 && !fits_int(c, m, n)) return LA_NOMEM;
    int e = scale_exponent(a->len, a->data);
    Array *sv = new_vector(c, k), *um = NULL, *vtm = NULL, *work = NULL;
    LaStatus st = LA_NOMEM;
    if (!sv) goto done;
    if (want) {
        um = new_matrix(c, m, k);
        vtm = new_matrix(c, k, n);
        if (!um || !vtm) goto done;
    }
    if (k > 0) {
        work = copy_scaled(c, a, 2, m, n, e);
        if (!work) goto done;
        double dummy[1] = {0.0};
        char job = want ? 'S' : 'N';
        int im = (int)m, in = (int)n, ldu = (int)k;
        double *udata = want ? um->data : dummy, *vtdata = want ? vtm->data : dummy;
        lapack_int info = LAPACKE_dgesdd(LAPACK_ROW_MAJOR, job, im, in, work->data, in, sv->data,
                                         udata, ldu, vtdata, in);
        if (info > 0) {
            /* dgesdd occasionally fails where the slower QR-iteration SVD succeeds. */
            scale_pow2(work->data, a->data, a->len, -e);
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
    if (scale) *scale = e;
    else scale_pow2(sv->data, sv->data, k, e);
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

/* *rank = count of singular values of finite a above S.max() · max(m, n) · eps (those of
 * the scaled a: the count does not change, and S.max() cannot overflow). */
static LaStatus rank_of(const Ctx *c, const Array *a, size_t *rank) {
    Array *s = NULL;
    int e;
    LaStatus st = svd_thin(c, a, NULL, &s, NULL, &e);
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
    st = svd_thin(&c, a, &um, &sv, &vt, NULL);
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
    return svd_thin(&c, a, NULL, s, NULL, NULL);
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
    int e;
    st = svd_thin(&c, a, &u, &s, &vt, &e);
    if (st != LA_OK) return st;
    Array *r = new_zeros(&c, 2, n, m);
    if (r && s->len > 0) {
        /* pinv = V diag(1/s) Uᵀ: scale the rows of Vᵀ, then (Vᵀ)ᵀ · Uᵀ by dgemm. s is of
         * 2^-e a, and pinv(a) = 2^-e pinv(2^-e a): scaled last, where 0 stays 0 and an entry
         * beyond DBL_MAX becomes inf (scaling 1/s first would give 0 · inf = NaN). */
        size_t k = s->len;
        double cutoff = LA_PINV_RCOND * s->data[0];
        for (size_t i = 0; i < k; i++) {
            double inv = s->data[i] > cutoff ? 1.0 / s->data[i] : 0.0;
            for (size_t j = 0; j < n; j++) vt->data[i * n + j] *= inv;
        }
        cblas_dgemm(CblasRowMajor, CblasTrans, CblasTrans, (int)n, (int)m, (int)k, 1.0,
                    vt->data, (int)n, u->data, (int)k, 0.0, r->data, (int)m);
        scale_pow2(r->data, r->data, r->len, -e);
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

double la_norm_fro(const Array *a) {
    return blas_nrm2(a->len, a->data);
}

LaStatus la_norm(MemBudget *budget, const Array *a, double p, double *out, LaError *err) {
    Ctx c = {budget, err, "norm"};
    if (a->ndim == 1) {
        if (p == 2.0) {
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
    if (p == 1.0) {
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
        LaStatus st = svd_thin(&c, a, NULL, &s, NULL, NULL);
        if (st != LA_OK) return st;
        *out = s->len > 0 ? s->data[0] : 0.0;
        array_release(s);
    } else {
        return fail(err, LA_DOMAIN, "norm: a matrix norm needs p = 1, 2, inf or \"fro\", got %g", p);
    }
    return LA_OK;
}

/* Π diag(lu) · 2^extra with the sign of dgetrf's row swaps, without intermediate overflow
 * or underflow: the mantissas are multiplied and renormalised by frexp, the exponents summed,
 * one ldexp at the end. Where the plain product stays in range this is bit for bit the plain
 * product; det(diag([1e200, 1e200, 1e-200, 1e-200])) is 1, not inf. */
static double det_from_lu(const double *lu, size_t n, const lapack_int *ipiv, long long extra) {
    double mant = 1.0;
    long long exp = extra;
    for (size_t i = 0; i < n; i++) {
        int ei;
        mant *= frexp(lu[i * n + i], &ei);
        exp += ei;
        mant = frexp(mant, &ei);
        exp += ei;
        if (ipiv[i] != (lapack_int)(i + 1)) mant = -mant;
    }
    if (exp > INT_MAX) exp = INT_MAX;
    if (exp < INT_MIN) exp = INT_MIN;
    return ldexp(mant, (int)exp);
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
    /* det(a) = det(a D) / det(D) with D = diag(2^-e_j) scaling each column's largest |entry|
     * into [1, 2): the elimination neither overflows on huge columns nor loses tiny ones
     * (det(diag([1e200, 1e200, 1e-200, 1e-200])) = 1). A column holding inf keeps e_j = 0. */
    ColScale cs;
    if (!col_scale_of(&c, a->data, n, n, &cs)) return LA_NOMEM;
    Array *lu = new_matrix(&c, n, n);
    lapack_int *ipiv = lu ? new_ints(&c, n) : NULL;
    if (!ipiv) {
        col_scale_free(&cs);
        array_release(lu);
        return LA_NOMEM;
    }
    long long exp_sum = 0;
    for (size_t j = 0; j < n; j++) exp_sum += cs.exp[j];
    scale_columns(lu->data, a->data, n, n, &cs);
    lapack_int info = LAPACKE_dgetrf(LAPACK_ROW_MAJOR, (int)n, (int)n, lu->data, (int)n, ipiv);
    if (info == 0 && !all_finite(lu->len, lu->data) && all_finite(a->len, a->data)) {
        /* OpenBLAS's dgetrf multiplies by 1/pivot, which overflows for |pivot| < 2^-1024
         * (≈ 5.6e-309) and turns the zeros below such a pivot into 0 · inf = NaN:
         * det([1e-320, 0; 0, 1]) came out NaN (so does NumPy's on OpenBLAS). LAPACK's
         * reference recursive dgetrf2 divides by a pivot that small instead: factor again
         * with it in that rare case. */
        scale_columns(lu->data, a->data, n, n, &cs);
        info = LAPACKE_dgetrf2(LAPACK_ROW_MAJOR, (int)n, (int)n, lu->data, (int)n, ipiv);
    }
    if (info < 0) st = lapack_fail(&c, info, "dgetrf");
    else if (info > 0) *out = 0.0;   /* an exactly zero pivot */
    else *out = det_from_lu(lu->data, n, ipiv, exp_sum);
    col_scale_free(&cs);
    free(ipiv);
    array_release(lu);
    return st;
}

/* For inv/solve after an LU (lu, info from dgetrf/dgesv) of finite square a scaled to
 * max|entry| in [1, 2) (anorm: that scaled matrix's 1-norm): LA_OK when a is regular;
 * LA_SINGULAR "fn: matrix is singular (rank R of N)" for an exact zero pivot or a small
 * condition estimate confirmed by the SVD rank; another status if the check failed.
 * Factors holding NaN or inf come from OpenBLAS's 1/pivot overflowing (see la_det):
 * a pivot below 2^-1024 of a matrix scaled so means σ_min ≤ n · |pivot|, so the SVD rank
 * finds it singular — unless the factors overflowed by element growth instead (possible
 * only beyond n ≈ 1000), which gets its own message. */
static LaStatus check_singular(const Ctx *c, const Array *a, double anorm, const Array *lu, lapack_int info) {
    size_t n = a->rows;
    bool factors_ok = info == 0 && all_finite(lu->len, lu->data);
    if (factors_ok) {
        double rcond = 0.0;
        lapack_int cinfo = LAPACKE_dgecon(LAPACK_ROW_MAJOR, '1', (int)n, lu->data, (int)n, anorm, &rcond);
        if (cinfo < 0) return lapack_fail(c, cinfo, "dgecon");
        if (cinfo == 0 && !(rcond < LA_RCOND_SUSPECT)) return LA_OK;
    }
    size_t rank;
    LaStatus st = rank_of(c, a, &rank);
    if (st != LA_OK) return st;
    if (rank >= n) {
        if (factors_ok) return LA_OK;   /* ill-conditioned but regular */
        if (info == 0)
            return fail(c->err, LA_NOCONV, "%s: the LU factorisation overflowed (element growth); %s avoids it",
                        c->fn, strcmp(c->fn, "inv") == 0 ? "pinv(A)" : "lstsq(A, b)");
        rank = n - 1;                   /* an exact zero pivot proves singularity */
    }
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
    /* inv(a) = 2^-e inv(2^-e a): LAPACK sees max|entry| in [1, 2). */
    int e = scale_exponent(a->len, a->data);
    Array *r = copy_scaled(&c, a, 2, n, n, e);
    if (!r) return LA_NOMEM;
    lapack_int *ipiv = new_ints(&c, n);
    if (!ipiv) {
        array_release(r);
        return LA_NOMEM;
    }
    double anorm = norm1_of(r->data, n, n);
    lapack_int info = LAPACKE_dgetrf(LAPACK_ROW_MAJOR, (int)n, (int)n, r->data, (int)n, ipiv);
    if (info < 0) st = lapack_fail(&c, info, "dgetrf");
    else st = check_singular(&c, a, anorm, r, info);
    if (st == LA_OK) {
        info = LAPACKE_dgetri(LAPACK_ROW_MAJOR, (int)n, r->data, (int)n, ipiv);
        if (info != 0) st = info > 0 ? fail(err, LA_SINGULAR, "inv: matrix is singular") : lapack_fail(&c, info, "dgetri");
    }
    free(ipiv);
    if (st != LA_OK) {
        array_release(r);
        return st;
    }
    /* Entries whose magnitude exceeds DBL_MAX become ±inf, exact zeros stay 0: inv of
     * 1e-310·I is inf·I, the IEEE rounding of 1e310·I (NumPy 1.24 gives NaN there with
     * OpenBLAS, [inf, nan; 0, inf] with reference LAPACK). The matrix is perfectly
     * conditioned, so an error would be wrong; a result that overflows is inf, as 1/1e-310. */
    scale_pow2(r->data, r->data, r->len, -e);
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
    /* a x = b with a = 2^ea ã, b = 2^eb b̃: ã y = b̃, x = 2^(eb − ea) y. LAPACK sees both
     * scaled to max|entry| in [1, 2); an x beyond DBL_MAX becomes ±inf (solve(1e-320·I, b)). */
    int ea = scale_exponent(a->len, a->data), eb = scale_exponent(b->len, b->data);
    Array *x = copy_scaled(&c, b, b->ndim, b->rows, b->cols, eb);
    if (!x) return LA_NOMEM;
    if (n == 0 || nrhs == 0) {
        *out = x;
        return LA_OK;
    }
    Array *lu = NULL;
    lapack_int *ipiv = NULL;
    if (!fits_int(&c, n, nrhs)) st = LA_NOMEM;
    else if (!(lu = copy_scaled(&c, a, 2, n, n, ea))) st = LA_NOMEM;
    else if (!(ipiv = new_ints(&c, n))) st = LA_NOMEM;
    if (st == LA_OK) {
        double anorm = norm1_of(lu->data, n, n);
        lapack_int info = LAPACKE_dgesv(LAPACK_ROW_MAJOR, (int)n, (int)nrhs, lu->data, (int)n, ipiv,
                                        x->data, (int)nrhs);
        if (info < 0) st = lapack_fail(&c, info, "dgesv");
        else st = check_singular(&c, a, anorm, lu, info);
    }
    free(ipiv);
    array_release(lu);
    if (st != LA_OK) {
        array_release(x);
        return st;
    }
    scale_pow2(x->data, x->data, x->len, eb - ea);
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
    if (k > 0 && !fits_int(&c, m, n)) return LA_NOMEM;   /* empty: no LAPACK call */
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

/* Returns a new n×p copy of x (rows observations) with each column's mean subtracted, every
 * column first scaled by 2^-e, or (cs non-NULL, allocated for p columns) column j by
 * 2^-cs->exp[j], which this fills: 0 for a column within 2^±LA_SAFE_EXP, whose squares and
 * sums cannot over- or underflow (scaling would change no digit, only cost time), else its
 * scale_exponent. With the largest |entry| below 2, the sums cannot overflow: the mean of
 * 1.7e308, 1.7e308 is not inf, and the centred data are not NaN. */
static Array *centred(const Ctx *c, const Array *x, size_t n, size_t p, ColScale *cs, int e) {
    Array *xc = new_matrix(c, n, p);
    Array *mean = new_zeros(c, 1, 1, p);
    Array *fix = new_zeros(c, 1, 1, p);
    if (!xc || !mean || !fix) {
        array_release(xc);
        array_release(mean);
        array_release(fix);
        return NULL;
    }
    bool scaled = e != 0;
    if (cs) {
        /* one pass for the sums and the column maxima; sums that overflowed are redone scaled */
        double *big = cs->factor;
        for (size_t j = 0; j < p; j++) big[j] = 0.0;
        for (size_t i = 0; i < n; i++)
            for (size_t j = 0; j < p; j++) {
                double v = x->data[i * p + j], a = fabs(v);
                mean->data[j] += v;
                if (!(a <= big[j])) big[j] = a <= DBL_MAX ? a : INFINITY;
            }
        col_scale_from_maxima(cs, p, LA_SAFE_EXP);
        for (size_t j = 0; j < p; j++) scaled |= cs->exp[j] != 0;
    } else if (!scaled) {
        for (size_t i = 0; i < n; i++)
            for (size_t j = 0; j < p; j++) mean->data[j] += x->data[i * p + j];
    }
    if (scaled) {
        double f_all = pow2_factor(-e);
        for (size_t j = 0; j < p; j++) mean->data[j] = 0.0;
        for (size_t i = 0; i < n; i++)
            for (size_t j = 0; j < p; j++) {
                double v = cs ? times_pow2(x->data[i * p + j], cs->factor[j], -cs->exp[j])
                              : times_pow2(x->data[i * p + j], f_all, -e);
                xc->data[i * p + j] = v;
                mean->data[j] += v;
            }
    }
    for (size_t j = 0; j < p; j++) mean->data[j] /= (double)n;
    /* When data were scaled, a second pass corrects the mean by the mean of the residuals
     * (the rounding error of the first): a constant column is then centred to exact zeros,
     * whose variance is 0 rather than rounding noise squared, which scaled back from 1.7e308
     * would overflow. Unscaled data are centred as NumPy does (one pass). */
    if (scaled) {
        for (size_t i = 0; i < n; i++)
            for (size_t j = 0; j < p; j++) fix->data[j] += xc->data[i * p + j] - mean->data[j];
        for (size_t j = 0; j < p; j++) mean->data[j] += fix->data[j] / (double)n;
    }
    const double *src = scaled ? xc->data : x->data;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < p; j++) xc->data[i * p + j] = src[i * p + j] - mean->data[j];
    array_release(mean);
    array_release(fix);
    return xc;
}

LaStatus la_cov(MemBudget *budget, const Array *x, Array **out, LaError *err) {
    Ctx c = {budget, err, "cov"};
    /* A vector is n observations of one variable. */
    size_t n = x->ndim == 1 ? x->len : x->rows, p = x->ndim == 1 ? 1 : x->cols;
    if (n < 2) return fail(err, LA_SHAPE, "cov: needs at least 2 observations, got %zu", n);
    if (p > 0 && !fits_int(&c, n, p)) return LA_NOMEM;   /* p = 0: no BLAS call */
    /* Each column is scaled by its own power of two (cov(X D) = D cov(X) D for diagonal D,
     * exactly), so columns of very different magnitudes keep their digits and an entry
     * overflows to inf only when its true value does. */
    ColScale cs;
    if (!col_scale_new(&c, p, &cs)) return LA_NOMEM;
    Array *xc = centred(&c, x, n, p, &cs, 0);
    Array *r = xc ? new_zeros(&c, 2, p, p) : NULL;
    if (!r) {
        col_scale_free(&cs);
        array_release(xc);
        return LA_NOMEM;
    }
    if (p > 0) {
        cblas_dsyrk(CblasRowMajor, CblasUpper, CblasTrans, (int)p, (int)n, 1.0 / (double)(n - 1),
                    xc->data, (int)p, 0.0, r->data, (int)p);
        for (size_t i = 0; i < p; i++)
            for (size_t j = i; j < p; j++) {
                double v = ldexp(r->data[i * p + j], cs.exp[i] + cs.exp[j]);
                r->data[i * p + j] = r->data[j * p + i] = v;
            }
    }
    col_scale_free(&cs);
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
    /* PCA of 2^-e x (e = scale_exponent): the same components and ratios, scores 2^-e times
     * x's, scaled back below; the column means of values near DBL_MAX do not overflow. */
    int e = scale_exponent(x->len, x->data);
    if (e >= -LA_SAFE_EXP && e <= LA_SAFE_EXP) e = 0;   /* nothing can overflow: as is */
    double back = pow2_factor(e);
    Array *xc = centred(&c, x, n, p, NULL, e);
    if (!xc) return LA_NOMEM;
    Array *u = NULL, *s = NULL, *vt = NULL;
    st = svd_thin(&c, xc, &u, &s, &vt, NULL);
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
            for (size_t i = 0; i < n; i++)
                proj->data[i * k + j] = times_pow2(sign * u->data[i * q + j] * s->data[j], back, e);
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
