/* test_linalg.c — unit tests of src/linalg.c (products, norms, solvers, decompositions,
 * statistics) against reference values computed independently with NumPy 1.24
 * (/usr/bin/python3, numpy 1.24.2, LAPACK from Debian's OpenBLAS), pasted as literals.
 * Floats are compared to 1e-9 relative (plus 1e-12 absolute for values that are zero up to
 * rounding); eigen- and singular vectors up to sign, and through A v = λ v and
 * orthonormality. Every test also checks that the memory budget returns to zero. */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "linalg.h"

#define N_OF(arr) (sizeof(arr) / sizeof((arr)[0]))
#define REL_TOL 1e-9
#define ABS_TOL 1e-12

/* Test inputs are unaccounted (NULL budget); results are charged to this per-test budget. */
static MemBudget budget;
static LaError err;

static void setup(void) {
    budget = (MemBudget){0, 0};
    memset(&err, 0, sizeof err);
}

static void teardown(void) {
    ck_assert_msg(budget.in_use == 0, "budget leak: %zu bytes still charged", budget.in_use);
}

/* Returns a new unaccounted rows×cols matrix holding data (row-major). */
static Array *mat(size_t rows, size_t cols, const double *data) {
    Array *a = array_new_matrix(NULL, rows, cols, NULL);
    ck_assert_ptr_nonnull(a);
    if (a->len) memcpy(a->data, data, a->len * sizeof(double));
    return a;
}

/* Returns a new unaccounted vector holding data. */
static Array *vec(size_t len, const double *data) {
    Array *a = array_new_vector(NULL, len, NULL);
    ck_assert_ptr_nonnull(a);
    if (len) memcpy(a->data, data, len * sizeof(double));
    return a;
}

static bool close_to(double got, double want) {
    return fabs(got - want) <= REL_TOL * fabs(want) + ABS_TOL;
}

static void assert_values(const double *got, const double *want, size_t n) {
    for (size_t i = 0; i < n; i++)
        ck_assert_msg(close_to(got[i], want[i]), "element %zu: got %.17g, want %.17g", i, got[i], want[i]);
}

static void assert_shape(const Array *a, int ndim, size_t rows, size_t cols) {
    ck_assert_ptr_nonnull(a);
    ck_assert_int_eq(a->ndim, ndim);
    ck_assert_uint_eq(a->rows, rows);
    ck_assert_uint_eq(a->cols, cols);
}

/* Columns of got (rows×cols) equal those of want, each up to a common sign. */
static void assert_cols_up_to_sign(const Array *got, const double *want) {
    for (size_t j = 0; j < got->cols; j++) {
        size_t big = 0;
        for (size_t i = 0; i < got->rows; i++)
            if (fabs(want[i * got->cols + j]) > fabs(want[big * got->cols + j])) big = i;
        double sign = (got->data[big * got->cols + j] < 0) == (want[big * got->cols + j] < 0) ? 1.0 : -1.0;
        for (size_t i = 0; i < got->rows; i++)
            ck_assert_msg(close_to(sign * got->data[i * got->cols + j], want[i * got->cols + j]),
                          "column %zu row %zu: got %.17g, want ±%.17g", j, i,
                          got->data[i * got->cols + j], want[i * got->cols + j]);
    }
}

/* The columns of q (rows×cols) are orthonormal: QᵀQ = I. */
static void assert_orthonormal_cols(const Array *q) {
    for (size_t a = 0; a < q->cols; a++)
        for (size_t b = 0; b < q->cols; b++) {
            double dot = 0.0;
            for (size_t i = 0; i < q->rows; i++) dot += q->data[i * q->cols + a] * q->data[i * q->cols + b];
            ck_assert_msg(fabs(dot - (a == b)) < 1e-12, "QᵀQ[%zu,%zu] = %.17g", a, b, dot);
        }
}

/* A v_j = λ_j v_j for each column v_j of vectors (n×n), to 1e-10 relative to ‖A‖. */
static void assert_eigenpairs(const Array *a, const Array *values, const Array *vectors) {
    size_t n = a->rows;
    double scale = 0.0;
    for (size_t i = 0; i < a->len; i++) scale = fmax(scale, fabs(a->data[i]));
    for (size_t j = 0; j < n; j++)
        for (size_t i = 0; i < n; i++) {
            double av = 0.0;
            for (size_t t = 0; t < n; t++) av += a->data[i * n + t] * vectors->data[t * n + j];
            double lv = values->data[j] * vectors->data[i * n + j];
            ck_assert_msg(fabs(av - lv) <= 1e-10 * scale, "pair %zu row %zu: Av %.17g, λv %.17g", j, i, av, lv);
        }
}

static Array *hilbert5(void) {
    double h[25];
    for (int i = 0; i < 5; i++)
        for (int j = 0; j < 5; j++) h[i * 5 + j] = 1.0 / (i + j + 1);
    return mat(5, 5, h);
}

static const double A3[] = {4, -2, 1, 3, 6, -4, 2, 1, 8};
static const double SING3[] = {1, 2, 3, 4, 5, 6, 7, 8, 9};
static const double R32[] = {1, 2, 3, 4, 5, 6};

/* {====================================================== products and shapes */

START_TEST(matmul_seed_example) {
    /* The seed's X @ W before the bias; numpy 1.24 X @ W. */
    Array *x = mat(3, 3, (double[]){45, 62, 120, 92, 88, 450, 38, 55, 95});
    Array *w = mat(3, 2, (double[]){0.2, -0.1, 0.5, 0.3, 0.1, 0.4});
    Array *out = NULL;
    double scalar = 0;
    bool is_scalar = true;
    ck_assert_int_eq(la_matmul(&budget, x, w, &out, &scalar, &is_scalar, &err), LA_OK);
    ck_assert(!is_scalar);
    assert_shape(out, 2, 3, 2);
    assert_values(out->data, (double[]){52.0, 62.1, 107.4, 197.20000000000002, 44.6, 50.7}, 6);
    ck_assert_uint_eq(budget.in_use, 6 * sizeof(double));
    array_release(out);
    array_release(x);
    array_release(w);
}
END_TEST

START_TEST(matmul_shape_error) {
    Array *a = mat(3, 2, R32), *b = mat(3, 2, R32), *out = NULL;
    double scalar;
    bool is_scalar;
    ck_assert_int_eq(la_matmul(&budget, a, b, &out, &scalar, &is_scalar, &err), LA_SHAPE);
    ck_assert_str_eq(err.message, "(3×2) @ (3×2): inner dimensions 2 and 3 differ");
    ck_assert_ptr_null(out);
    Array *v = vec(3, (double[]){1, 2, 3}), *m22 = mat(2, 2, (double[]){1, 2, 3, 4});
    ck_assert_int_eq(la_matmul(&budget, v, m22, &out, &scalar, &is_scalar, &err), LA_SHAPE);
    ck_assert_str_eq(err.message, "(3) @ (2×2): inner dimensions 3 and 2 differ");
    Array *v2 = vec(2, (double[]){1, 2});
    ck_assert_int_eq(la_matmul(&budget, v, v2, &out, &scalar, &is_scalar, &err), LA_SHAPE);
    ck_assert_str_eq(err.message, "(3) @ (2): inner dimensions 3 and 2 differ");
    array_release(a);
    array_release(b);
    array_release(v);
    array_release(v2);
    array_release(m22);
}
END_TEST

START_TEST(matmul_vector_forms) {
    Array *m = mat(3, 2, R32), *v2 = vec(2, (double[]){1, -1}), *v3 = vec(3, (double[]){1, 0, 2});
    Array *out = NULL;
    double scalar = 0;
    bool is_scalar;
    /* matrix @ vector → vector: [1-2, 3-4, 5-6] */
    ck_assert_int_eq(la_matmul(&budget, m, v2, &out, &scalar, &is_scalar, &err), LA_OK);
    ck_assert(!is_scalar);
    assert_shape(out, 1, 1, 3);
    assert_values(out->data, (double[]){-1, -1, -1}, 3);
    array_release(out);
    /* vector @ matrix → vector (row semantics): [1+10, 2+12] */
    ck_assert_int_eq(la_matmul(&budget, v3, m, &out, &scalar, &is_scalar, &err), LA_OK);
    assert_shape(out, 1, 1, 2);
    assert_values(out->data, (double[]){11, 14}, 2);
    array_release(out);
    /* vector @ vector → dot */
    ck_assert_int_eq(la_matmul(&budget, v3, v3, &out, &scalar, &is_scalar, &err), LA_OK);
    ck_assert(is_scalar);
    ck_assert_double_eq(scalar, 5.0);
    /* vector(3) @ matrix(1×2) → 3×2 outer product */
    Array *row = mat(1, 2, (double[]){2, 3});
    ck_assert_int_eq(la_matmul(&budget, v3, row, &out, &scalar, &is_scalar, &err), LA_OK);
    ck_assert(!is_scalar);
    assert_shape(out, 2, 3, 2);
    assert_values(out->data, (double[]){2, 3, 0, 0, 4, 6}, 6);
    array_release(out);
    /* 1×3 @ 3×1 → scalar */
    Array *r13 = mat(1, 3, (double[]){1, 2, 3}), *c31 = mat(3, 1, (double[]){4, 5, 6});
    ck_assert_int_eq(la_matmul(&budget, r13, c31, &out, &scalar, &is_scalar, &err), LA_OK);
    ck_assert(is_scalar);
    ck_assert_double_eq(scalar, 32.0);
    /* 3×1 @ 1×3 → 3×3 */
    ck_assert_int_eq(la_matmul(&budget, c31, r13, &out, &scalar, &is_scalar, &err), LA_OK);
    assert_shape(out, 2, 3, 3);
    assert_values(out->data, (double[]){4, 8, 12, 5, 10, 15, 6, 12, 18}, 9);
    array_release(out);
    /* inner dimension 0: 2×0 @ 0×2 → 2×2 zeros */
    Array *e20 = mat(2, 0, NULL), *e02 = mat(0, 2, NULL);
    ck_assert_int_eq(la_matmul(&budget, e20, e02, &out, &scalar, &is_scalar, &err), LA_OK);
    assert_shape(out, 2, 2, 2);
    assert_values(out->data, (double[]){0, 0, 0, 0}, 4);
    array_release(out);
    /* NaN propagates through BLAS */
    Array *nanv = vec(2, (double[]){NAN, 1});
    ck_assert_int_eq(la_matmul(&budget, m, nanv, &out, &scalar, &is_scalar, &err), LA_OK);
    ck_assert(isnan(out->data[0]) && isnan(out->data[2]));
    array_release(out);
    Array *arrs[] = {m, v2, v3, row, r13, c31, e20, e02, nanv};
    for (size_t i = 0; i < N_OF(arrs); i++) array_release(arrs[i]);
}
END_TEST

START_TEST(transpose_and_products) {
    Array *m = mat(3, 2, R32), *v = vec(3, (double[]){1, 2, 3}), *w = vec(3, (double[]){4, 5, 6});
    Array *out = NULL;
    ck_assert_int_eq(la_transpose(&budget, m, &out, &err), LA_OK);
    assert_shape(out, 2, 2, 3);
    assert_values(out->data, (double[]){1, 3, 5, 2, 4, 6}, 6);
    array_release(out);
    ck_assert_int_eq(la_transpose(&budget, v, &out, &err), LA_OK);
    assert_shape(out, 2, 1, 3);
    array_release(out);
    double d = 0;
    ck_assert_int_eq(la_dot(v, w, &d, &err), LA_OK);
    ck_assert_double_eq(d, 32.0);
    ck_assert_int_eq(la_dot(m, m, &d, &err), LA_OK);
    ck_assert_double_eq(d, 91.0);
    ck_assert_int_eq(la_dot(v, m, &d, &err), LA_SHAPE);
    ck_assert_str_eq(err.message, "dot: shapes 3 and 3×2 differ");
    ck_assert_int_eq(la_cross(&budget, v, w, &out, &err), LA_OK);
    assert_values(out->data, (double[]){-3, 6, -3}, 3);
    array_release(out);
    ck_assert_int_eq(la_cross(&budget, v, m, &out, &err), LA_SHAPE);
    ck_assert_str_eq(err.message, "cross: needs two vectors of length 3, got 3 and 3×2");
    Array *two = vec(2, (double[]){1, -1});
    ck_assert_int_eq(la_outer(&budget, v, two, &out, &err), LA_OK);
    assert_shape(out, 2, 3, 2);
    assert_values(out->data, (double[]){1, -1, 2, -2, 3, -3}, 6);
    array_release(out);
    array_release(two);
    array_release(m);
    array_release(v);
    array_release(w);
}
END_TEST

START_TEST(shape_builders) {
    Array *out = NULL;
    ck_assert_int_eq(la_eye(&budget, 2, 3, &out, &err), LA_OK);
    assert_shape(out, 2, 2, 3);
    assert_values(out->data, (double[]){1, 0, 0, 0, 1, 0}, 6);
    array_release(out);
    Array *v = vec(3, (double[]){1, 2, 3}), *m = mat(3, 2, R32), *a = mat(3, 3, A3);
    ck_assert_int_eq(la_diag(&budget, v, &out, &err), LA_OK);
    assert_shape(out, 2, 3, 3);
    assert_values(out->data, (double[]){1, 0, 0, 0, 2, 0, 0, 0, 3}, 9);
    array_release(out);
    ck_assert_int_eq(la_diag(&budget, m, &out, &err), LA_OK);
    assert_shape(out, 1, 1, 2);
    assert_values(out->data, (double[]){1, 4}, 2);
    array_release(out);
    double t = 0;
    ck_assert_int_eq(la_trace(a, &t, &err), LA_OK);
    ck_assert_double_eq(t, 18.0);
    ck_assert_int_eq(la_trace(m, &t, &err), LA_SHAPE);
    ck_assert_str_eq(err.message, "trace: matrix must be square, got 3×2");
    /* numpy 1.24 np.kron([[1,2],[3,4]], [[0,5],[6,7]]) */
    Array *k1 = mat(2, 2, (double[]){1, 2, 3, 4}), *k2 = mat(2, 2, (double[]){0, 5, 6, 7});
    ck_assert_int_eq(la_kron(&budget, k1, k2, &out, &err), LA_OK);
    assert_shape(out, 2, 4, 4);
    assert_values(out->data, (double[]){0, 5, 0, 10, 6, 7, 12, 14, 0, 15, 0, 20, 18, 21, 24, 28}, 16);
    array_release(out);
    /* numpy 1.24 np.kron([1,2], [[1,2],[3,4]]) → 2×4 */
    Array *kv = vec(2, (double[]){1, 2});
    ck_assert_int_eq(la_kron(&budget, kv, k1, &out, &err), LA_OK);
    assert_shape(out, 2, 2, 4);
    assert_values(out->data, (double[]){1, 2, 2, 4, 3, 4, 6, 8}, 8);
    array_release(out);
    ck_assert_int_eq(la_kron(&budget, kv, kv, &out, &err), LA_OK);
    assert_shape(out, 1, 1, 4);
    assert_values(out->data, (double[]){1, 2, 2, 4}, 4);
    array_release(out);
    ck_assert_int_eq(la_reshape(&budget, m, 2, 3, &out, &err), LA_OK);
    assert_shape(out, 2, 2, 3);
    assert_values(out->data, R32, 6);
    array_release(out);
    ck_assert_int_eq(la_reshape(&budget, m, 4, 2, &out, &err), LA_SHAPE);
    ck_assert_str_eq(err.message, "reshape: cannot reshape 3×2 (6 elements) into 4×2 (8 elements)");
    ck_assert_int_eq(la_reshape(&budget, v, 2, 2, &out, &err), LA_SHAPE);
    ck_assert_str_eq(err.message, "reshape: cannot reshape 3 elements into 2×2 (4 elements)");
    Array *arrs[] = {v, m, a, k1, k2, kv};
    for (size_t i = 0; i < N_OF(arrs); i++) array_release(arrs[i]);
}
END_TEST

START_TEST(stacks) {
    Array *v = vec(3, (double[]){1, 2, 3}), *w = vec(2, (double[]){4, 5}), *m = mat(3, 2, R32);
    Array *out = NULL;
    ck_assert_int_eq(la_hstack(&budget, v, w, &out, &err), LA_OK);
    assert_shape(out, 1, 1, 5);
    assert_values(out->data, (double[]){1, 2, 3, 4, 5}, 5);
    array_release(out);
    /* A vector beside a 3-row matrix is a column (adding a bias column). */
    ck_assert_int_eq(la_hstack(&budget, m, v, &out, &err), LA_OK);
    assert_shape(out, 2, 3, 3);
    assert_values(out->data, (double[]){1, 2, 1, 3, 4, 2, 5, 6, 3}, 9);
    array_release(out);
    ck_assert_int_eq(la_hstack(&budget, m, w, &out, &err), LA_SHAPE);
    ck_assert_str_eq(err.message, "hstack: cannot put 3×2 beside 2: a vector beside a 3-row matrix needs 3 elements");
    ck_assert_int_eq(la_hstack(&budget, w, m, &out, &err), LA_SHAPE);
    ck_assert_str_eq(err.message, "hstack: cannot put 2 beside 3×2: a vector beside a 3-row matrix needs 3 elements");
    /* beside a 1-row matrix a vector of any length is a row: np.hstack([[4, 5]], [[1, 2, 3]]) */
    Array *row = mat(1, 2, (double[]){4, 5});
    ck_assert_int_eq(la_hstack(&budget, row, v, &out, &err), LA_OK);
    assert_shape(out, 2, 1, 5);
    assert_values(out->data, (double[]){4, 5, 1, 2, 3}, 5);
    array_release(out);
    array_release(row);
    Array *m22 = mat(2, 2, (double[]){7, 8, 9, 10});
    ck_assert_int_eq(la_hstack(&budget, m, m22, &out, &err), LA_SHAPE);
    ck_assert_str_eq(err.message, "hstack: cannot put 3×2 beside 2×2: row counts 3 and 2 differ");
    ck_assert_int_eq(la_vstack(&budget, m, m22, &out, &err), LA_OK);
    assert_shape(out, 2, 5, 2);
    assert_values(out->data, (double[]){1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 10);
    array_release(out);
    ck_assert_int_eq(la_vstack(&budget, w, w, &out, &err), LA_OK);
    assert_shape(out, 2, 2, 2);
    assert_values(out->data, (double[]){4, 5, 4, 5}, 4);
    array_release(out);
    ck_assert_int_eq(la_vstack(&budget, m, w, &out, &err), LA_OK);
    assert_shape(out, 2, 4, 2);
    array_release(out);
    ck_assert_int_eq(la_vstack(&budget, v, w, &out, &err), LA_SHAPE);
    ck_assert_str_eq(err.message, "vstack: cannot put 3 on top of 2: column counts 3 and 2 differ");
    array_release(v);
    array_release(w);
    array_release(m);
    array_release(m22);
}
END_TEST

/* {====================================================== norms, det, rank */

START_TEST(norms) {
    Array *a = mat(3, 3, A3), *r = mat(3, 2, R32), *v = vec(4, (double[]){3, -4, 12, 1});
    double x = 0;
    /* numpy 1.24 np.linalg.norm(A, 1 / 2 / inf / 'fro') */
    const double pa[] = {1, 2, INFINITY};
    const double wa[] = {13.0, 9.385549506960281, 13.0, 12.288205727444508};
    const double wr[] = {12.0, 9.525518091565107, 11.0, 9.539392014169456};
    for (size_t i = 0; i < 3; i++) {
        ck_assert_int_eq(la_norm(&budget, a, pa[i], &x, &err), LA_OK);
        ck_assert_msg(close_to(x, wa[i]), "norm(A, %g) = %.17g", pa[i], x);
        ck_assert_int_eq(la_norm(&budget, r, pa[i], &x, &err), LA_OK);
        ck_assert_msg(close_to(x, wr[i]), "norm(R, %g) = %.17g", pa[i], x);
    }
    ck_assert(close_to(la_norm_fro(a), wa[3]));
    ck_assert(close_to(la_norm_fro(r), wr[3]));
    ck_assert(close_to(la_norm_fro(v), 13.038404810405298));   /* a vector's: its 2-norm */
    /* numpy 1.24 np.linalg.norm([3,-4,12,1], 1 / 2 / inf / 3) */
    const double pv[] = {1, 2, INFINITY, 3};
    const double wv[] = {20.0, 13.038404810405298, 12.0, 12.20929149746794};
    for (size_t i = 0; i < 4; i++) {
        ck_assert_int_eq(la_norm(&budget, v, pv[i], &x, &err), LA_OK);
        ck_assert_msg(close_to(x, wv[i]), "norm(v, %g) = %.17g", pv[i], x);
    }
    ck_assert_int_eq(la_norm(&budget, a, 3, &x, &err), LA_DOMAIN);
    ck_assert_str_eq(err.message, "norm: a matrix norm needs p = 1, 2, inf or \"fro\", got 3");
    ck_assert_int_eq(la_norm(&budget, v, -2, &x, &err), LA_DOMAIN);
    /* -1 was once the code for "fro": now it is an invalid p like any other (NumPy's
     * norm([3, 4], -1) is the harmonic-style 1.714…, not a norm) */
    ck_assert_int_eq(la_norm(&budget, v, -1, &x, &err), LA_DOMAIN);
    ck_assert_str_eq(err.message, "norm: p must be positive, inf or \"fro\", got -1");
    ck_assert_int_eq(la_norm(&budget, a, -1, &x, &err), LA_DOMAIN);
    ck_assert_str_eq(err.message, "norm: a matrix norm needs p = 1, 2, inf or \"fro\", got -1");
    /* NaN propagates for every matrix norm */
    Array *n = mat(2, 2, (double[]){1, NAN, 3, 4});
    for (size_t i = 0; i < 3; i++) {
        ck_assert_int_eq(la_norm(&budget, n, pa[i], &x, &err), LA_OK);
        ck_assert_msg(isnan(x), "norm(NaN matrix, %g) = %g", pa[i], x);
    }
    ck_assert(isnan(la_norm_fro(n)));
    array_release(n);
    array_release(a);
    array_release(r);
    array_release(v);
}
END_TEST

START_TEST(det_cases) {
    Array *a = mat(3, 3, A3), *s = mat(3, 3, SING3), *r = mat(3, 2, R32), *h = hilbert5();
    Array *e = mat(0, 0, NULL), *n = mat(2, 2, (double[]){1, NAN, 3, 4}), *v = vec(3, (double[]){1, 2, 3});
    double d = 0;
    ck_assert_int_eq(la_det(&budget, a, &d, &err), LA_OK);
    ck_assert(close_to(d, 262.99999999999983));   /* numpy 1.24 np.linalg.det(A) */
    ck_assert_int_eq(la_det(&budget, h, &d, &err), LA_OK);
    ck_assert_msg(fabs(d - 3.749295132489812e-12) < 1e-9 * 3.75e-12, "det(H5) = %.17g", d); /* numpy 1.24 */
    ck_assert_int_eq(la_det(&budget, s, &d, &err), LA_OK);
    ck_assert(fabs(d) < 1e-12);
    ck_assert_int_eq(la_det(&budget, e, &d, &err), LA_OK);
    ck_assert_double_eq(d, 1.0);
    ck_assert_int_eq(la_det(&budget, n, &d, &err), LA_OK);
    ck_assert(isnan(d));
    ck_assert_int_eq(la_det(&budget, r, &d, &err), LA_SHAPE);
    ck_assert_str_eq(err.message, "det: matrix must be square, got 3×2");
    ck_assert_int_eq(la_det(&budget, v, &d, &err), LA_SHAPE);
    ck_assert_str_eq(err.message, "det: matrix must be square, got a vector of length 3");
    Array *arrs[] = {a, s, r, h, e, n, v};
    for (size_t i = 0; i < N_OF(arrs); i++) array_release(arrs[i]);
}
END_TEST

START_TEST(rank_cases) {
    Array *h = hilbert5(), *s = mat(3, 3, SING3), *z = mat(2, 3, (double[]){0, 0, 0, 0, 0, 0});
    Array *n = mat(2, 2, (double[]){1, NAN, 3, 4});
    size_t rank = 99;
    /* numpy 1.24 np.linalg.matrix_rank: H5 → 5, [[1,2,3],[4,5,6],[7,8,9]] → 2 */
    ck_assert_int_eq(la_rank(&budget, h, &rank, &err), LA_OK);
    ck_assert_uint_eq(rank, 5);
    ck_assert_int_eq(la_rank(&budget, s, &rank, &err), LA_OK);
    ck_assert_uint_eq(rank, 2);
    ck_assert_int_eq(la_rank(&budget, z, &rank, &err), LA_OK);
    ck_assert_uint_eq(rank, 0);
    ck_assert_int_eq(la_rank(&budget, n, &rank, &err), LA_DOMAIN);
    ck_assert_str_eq(err.message, "rank: matrix contains NaN");
    array_release(h);
    array_release(s);
    array_release(z);
    array_release(n);
}
END_TEST

/* {====================================================== inverse, solve, pinv, lstsq */

START_TEST(inv_cases) {
    Array *a = mat(3, 3, A3), *h = hilbert5(), *out = NULL;
    ck_assert_int_eq(la_inv(&budget, a, &out, &err), LA_OK);
    assert_shape(out, 2, 3, 3);
    /* numpy 1.24 np.linalg.inv(A) */
    assert_values(out->data, (double[]){0.19771863117870722, 0.06463878326996197, 0.007604562737642592,
                                        -0.12167300380228137, 0.11406844106463877, 0.07224334600760458,
                                        -0.034220532319391636, -0.030418250950570346, 0.1140684410646388}, 9);
    array_release(out);
    /* Ill-conditioned (cond ≈ 4.8e5): the exact integer inverse of the 5×5 Hilbert matrix
     * (numpy 1.24's np.linalg.inv agrees with it to 7.5e-12 relative). */
    ck_assert_int_eq(la_inv(&budget, h, &out, &err), LA_OK);
    assert_values(out->data, (double[]){25, -300, 1050, -1400, 630, -300, 4800, -18900, 26880, -12600,
                                        1050, -18900, 79380, -117600, 56700, -1400, 26880, -117600, 179200,
                                        -88200, 630, -12600, 56700, -88200, 44100}, 25);
    array_release(out);
    array_release(a);
    array_release(h);
}
END_TEST

START_TEST(inv_errors) {
    Array *s = mat(3, 3, SING3), *s2 = mat(2, 2, (double[]){1, 2, 2, 4}), *r = mat(3, 2, R32);
    Array *n = mat(2, 2, (double[]){1, NAN, 3, 4}), *i = mat(2, 2, (double[]){1, INFINITY, 3, 4});
    Array *e = mat(0, 0, NULL), *out = NULL;
    /* Numerically singular: numpy would return entries near 1e16; its matrix_rank is 2. */
    ck_assert_int_eq(la_inv(&budget, s, &out, &err), LA_SINGULAR);
    ck_assert_str_eq(err.message, "inv: matrix is singular (rank 2 of 3)");
    ck_assert_int_eq(la_inv(&budget, s2, &out, &err), LA_SINGULAR);
    ck_assert_str_eq(err.message, "inv: matrix is singular (rank 1 of 2)");
    ck_assert_int_eq(la_inv(&budget, r, &out, &err), LA_SHAPE);
    ck_assert_str_eq(err.message, "inv: matrix must be square, got 3×2");
    ck_assert_int_eq(la_inv(&budget, n, &out, &err), LA_DOMAIN);
    ck_assert_str_eq(err.message, "inv: matrix contains NaN");
    ck_assert_int_eq(la_inv(&budget, i, &out, &err), LA_DOMAIN);
    ck_assert_str_eq(err.message, "inv: matrix contains infinity");
    ck_assert_ptr_null(out);
    ck_assert_int_eq(la_inv(&budget, e, &out, &err), LA_OK);
    assert_shape(out, 2, 0, 0);
    array_release(out);
    Array *arrs[] = {s, s2, r, n, i, e};
    for (size_t k = 0; k < N_OF(arrs); k++) array_release(arrs[k]);
}
END_TEST

START_TEST(solve_cases) {
    Array *a = mat(3, 3, A3), *b = vec(3, (double[]){12, -25, 32}), *bm = mat(3, 2, R32), *out = NULL;
    ck_assert_int_eq(la_solve(&budget, a, b, &out, &err), LA_OK);
    assert_shape(out, 1, 1, 3);
    assert_values(out->data, (double[]){1.0, -2.0, 4.0}, 3);   /* numpy 1.24 np.linalg.solve(A, b) */
    array_release(out);
    ck_assert_int_eq(la_solve(&budget, a, bm, &out, &err), LA_OK);
    assert_shape(out, 2, 3, 2);
    /* numpy 1.24 np.linalg.solve(A, [[1,2],[3,4],[5,6]]) */
    assert_values(out->data, (double[]){0.42965779467680604, 0.6996197718631179, 0.5817490494296578,
                                        0.6463878326996199, 0.44486692015209134, 0.4942965779467681}, 6);
    array_release(out);
    Array *b2 = vec(2, (double[]){1, 2}), *s = mat(3, 3, SING3), *nb = vec(3, (double[]){1, NAN, 2});
    ck_assert_int_eq(la_solve(&budget, a, b2, &out, &err), LA_SHAPE);
    ck_assert_str_eq(err.message, "solve: A is 3×3 but b is 2: row counts 3 and 2 differ");
    ck_assert_int_eq(la_solve(&budget, s, b, &out, &err), LA_SINGULAR);
    ck_assert_str_eq(err.message, "solve: matrix is singular (rank 2 of 3)");
    ck_assert_int_eq(la_solve(&budget, bm, b, &out, &err), LA_SHAPE);
    ck_assert_str_eq(err.message, "solve: matrix must be square, got 3×2");
    ck_assert_int_eq(la_solve(&budget, a, nb, &out, &err), LA_DOMAIN);
    ck_assert_str_eq(err.message, "solve: right-hand side contains NaN");
    Array *arrs[] = {a, b, bm, b2, s, nb};
    for (size_t i = 0; i < N_OF(arrs); i++) array_release(arrs[i]);
}
END_TEST

START_TEST(pinv_cases) {
    Array *s = mat(3, 3, SING3), *r = mat(3, 2, R32), *out = NULL;
    ck_assert_int_eq(la_pinv(&budget, s, &out, &err), LA_OK);
    assert_shape(out, 2, 3, 3);
    /* numpy 1.24 np.linalg.pinv([[1,2,3],[4,5,6],[7,8,9]]) — rank deficient */
    assert_values(out->data, (double[]){-0.6388888888888883, -0.166666666666666, 0.3055555555555551,
                                        -0.0555555555555556, 4.207564362702767e-17, 0.05555555555555558,
                                        0.5277777777777771, 0.1666666666666661, -0.19444444444444398}, 9);
    array_release(out);
    ck_assert_int_eq(la_pinv(&budget, r, &out, &err), LA_OK);
    assert_shape(out, 2, 2, 3);
    /* numpy 1.24 np.linalg.pinv([[1,2],[3,4],[5,6]]) */
    assert_values(out->data, (double[]){-1.3333333333333337, -0.33333333333333287, 0.6666666666666665,
                                        1.0833333333333335, 0.3333333333333329, -0.4166666666666665}, 6);
    array_release(out);
    array_release(s);
    array_release(r);
}
END_TEST

START_TEST(lstsq_cases) {
    Array *l = mat(4, 2, (double[]){1, 1, 1, 2, 1, 3, 1, 4}), *y = vec(4, (double[]){6, 5, 7, 10});
    Array *x = NULL;
    size_t rank = 0;
    ck_assert_int_eq(la_lstsq(&budget, l, y, &x, &rank, &err), LA_OK);
    assert_shape(x, 1, 1, 2);
    assert_values(x->data, (double[]){3.4999999999999996, 1.4000000000000004}, 2); /* numpy 1.24 lstsq rcond=None */
    ck_assert_uint_eq(rank, 2);
    array_release(x);
    /* rank deficient: minimum-norm solution, numpy 1.24 np.linalg.lstsq(D, y2, rcond=None) */
    Array *d = mat(4, 3, (double[]){1, 2, 3, 2, 4, 6, 1, 1, 1, 0, 1, 2}), *y2 = vec(4, (double[]){1, 2, 3, 4});
    ck_assert_int_eq(la_lstsq(&budget, d, y2, &x, &rank, &err), LA_OK);
    assert_values(x->data, (double[]){-0.4090909090909097, 0.0909090909090905, 0.5909090909090915}, 3);
    ck_assert_uint_eq(rank, 2);
    array_release(x);
    /* matrix right-hand side */
    Array *ym = mat(4, 2, (double[]){1, 0, 2, 1, 3, 0, 4, 1});
    ck_assert_int_eq(la_lstsq(&budget, l, ym, &x, NULL, &err), LA_OK);
    assert_shape(x, 2, 2, 2);
    assert_values(x->data, (double[]){5.537128258524812e-16, -5.308180624079082e-17, 0.9999999999999997, 0.2}, 4);
    array_release(x);
    ck_assert_int_eq(la_lstsq(&budget, l, y2, &x, NULL, &err), LA_OK);
    array_release(x);
    ck_assert_int_eq(la_lstsq(&budget, d, y2, &x, NULL, &err), LA_OK);
    array_release(x);
    Array *y3 = vec(3, (double[]){1, 2, 3});
    ck_assert_int_eq(la_lstsq(&budget, l, y3, &x, NULL, &err), LA_SHAPE);
    ck_assert_str_eq(err.message, "lstsq: A is 4×2 but b is 3: row counts 4 and 3 differ");
    Array *arrs[] = {l, y, d, y2, ym, y3};
    for (size_t i = 0; i < N_OF(arrs); i++) array_release(arrs[i]);
}
END_TEST

/* {====================================================== decompositions */

START_TEST(eig_symmetric) {
    Array *a = mat(3, 3, (double[]){4, 1, 2, 1, 3, 0.5, 2, 0.5, 5}), *w = NULL, *v = NULL;
    ck_assert_int_eq(la_eig(&budget, a, &w, &v, &err), LA_OK);
    assert_shape(w, 1, 1, 3);
    assert_shape(v, 2, 3, 3);
    /* numpy 1.24 np.linalg.eigh: ascending values, eigenvector columns */
    assert_values(w->data, (double[]){2.0965216172967187, 3.0722239520050754, 6.831254430698205}, 3);
    assert_cols_up_to_sign(v, (double[]){-0.7167430662893416, -0.3257672733027812, -0.616567158200162,
                                         0.5748726248246245, -0.7765018813719533, -0.25800444463819483,
                                         0.3947161539048013, 0.5393704773814453, -0.7438270269195071});
    assert_orthonormal_cols(v);
    assert_eigenpairs(a, w, v);
    array_release(w);
    array_release(v);
    ck_assert_int_eq(la_eigvals(&budget, a, &w, &err), LA_OK);
    assert_values(w->data, (double[]){2.0965216172967187, 3.0722239520050754, 6.831254430698205}, 3);
    array_release(w);
    array_release(a);
}
END_TEST

START_TEST(eig_general) {
    /* numpy 1.24 np.linalg.eig([[4,1],[2,3]]) → 5, 2 (unsorted); ours ascending: 2, 5 */
    Array *g = mat(2, 2, (double[]){4, 1, 2, 3}), *w = NULL, *v = NULL;
    ck_assert_int_eq(la_eig(&budget, g, &w, &v, &err), LA_OK);
    assert_values(w->data, (double[]){2, 5}, 2);
    assert_cols_up_to_sign(v, (double[]){-0.4472135954999579, 0.7071067811865475, 0.8944271909999159, 0.7071067811865475});
    assert_eigenpairs(g, w, v);
    array_release(w);
    array_release(v);
    /* numpy 1.24 np.linalg.eig([[2,0,0],[1,3,0],[4,5,1]]) → 1, 3, 2 */
    Array *t = mat(3, 3, (double[]){2, 0, 0, 1, 3, 0, 4, 5, 1});
    ck_assert_int_eq(la_eig(&budget, t, &w, &v, &err), LA_OK);
    assert_values(w->data, (double[]){1, 2, 3}, 3);
    assert_eigenpairs(t, w, v);
    for (size_t j = 0; j < 3; j++) {
        double len = 0;
        for (size_t i = 0; i < 3; i++) len += v->data[i * 3 + j] * v->data[i * 3 + j];
        ck_assert(fabs(len - 1) < 1e-12);
    }
    array_release(w);
    array_release(v);
    ck_assert_int_eq(la_eigvals(&budget, t, &w, &err), LA_OK);
    assert_values(w->data, (double[]){1, 2, 3}, 3);
    array_release(w);
    array_release(g);
    array_release(t);
}
END_TEST

START_TEST(eig_errors) {
    Array *rot = mat(2, 2, (double[]){0, -1, 1, 0}), *mixed = mat(3, 3, (double[]){1, -2, 0, 2, 1, 0, 0, 0, 3});
    Array *n = mat(2, 2, (double[]){1, NAN, NAN, 4}), *r = mat(3, 2, R32), *e = mat(0, 0, NULL);
    Array *w = NULL, *v = NULL;
    ck_assert_int_eq(la_eig(&budget, rot, &w, &v, &err), LA_DOMAIN);
    ck_assert_str_eq(err.message, "eig: complex eigenvalues 0±1i are not supported yet");
    /* numpy 1.24 np.linalg.eigvals: 1±2i and 3 */
    ck_assert_int_eq(la_eigvals(&budget, mixed, &w, &err), LA_DOMAIN);
    ck_assert_str_eq(err.message, "eigvals: complex eigenvalues 1±2i are not supported yet");
    ck_assert_int_eq(la_eig(&budget, n, &w, &v, &err), LA_DOMAIN);
    ck_assert_str_eq(err.message, "eig: matrix contains NaN");
    ck_assert_int_eq(la_eig(&budget, r, &w, &v, &err), LA_SHAPE);
    ck_assert_str_eq(err.message, "eig: matrix must be square, got 3×2");
    ck_assert_ptr_null(w);
    ck_assert_ptr_null(v);
    ck_assert_int_eq(la_eig(&budget, e, &w, &v, &err), LA_OK);
    assert_shape(w, 1, 1, 0);
    assert_shape(v, 2, 0, 0);
    array_release(w);
    array_release(v);
    Array *arrs[] = {rot, mixed, n, r, e};
    for (size_t i = 0; i < N_OF(arrs); i++) array_release(arrs[i]);
}
END_TEST

START_TEST(svd_cases) {
    Array *r = mat(3, 2, R32), *u = NULL, *s = NULL, *v = NULL;
    ck_assert_int_eq(la_svd(&budget, r, &u, &s, &v, &err), LA_OK);
    assert_shape(u, 2, 3, 2);
    assert_shape(s, 1, 1, 2);
    assert_shape(v, 2, 2, 2);
    /* numpy 1.24 np.linalg.svd(R, full_matrices=False); V = Vtᵀ */
    assert_values(s->data, (double[]){9.525518091565107, 0.5143005806586443}, 2);
    assert_cols_up_to_sign(u, (double[]){-0.22984769640007147, 0.8834610176985255, -0.5247448187602937,
                                         0.24078249213254635, -0.8196419411205159, -0.4018960334334318});
    assert_cols_up_to_sign(v, (double[]){-0.6196294838293404, -0.7848944532670524, -0.7848944532670524,
                                         0.6196294838293404});
    assert_orthonormal_cols(u);
    assert_orthonormal_cols(v);
    /* U diag(S) Vᵀ = R */
    for (size_t i = 0; i < 3; i++)
        for (size_t j = 0; j < 2; j++) {
            double x = 0;
            for (size_t t = 0; t < 2; t++) x += u->data[i * 2 + t] * s->data[t] * v->data[j * 2 + t];
            ck_assert(close_to(x, R32[i * 2 + j]));
        }
    array_release(u);
    array_release(s);
    array_release(v);
    /* Hilbert 5×5 and a rank-deficient matrix: numpy 1.24 np.linalg.svd(..., compute_uv=False) */
    Array *h = hilbert5(), *sg = mat(3, 3, SING3);
    ck_assert_int_eq(la_svdvals(&budget, h, &s, &err), LA_OK);
    assert_values(s->data, (double[]){1.567050691098231, 0.2085342186110134, 0.011407491623419804,
                                      0.00030589804015118606, 3.287928772171693e-06}, 5);
    array_release(s);
    ck_assert_int_eq(la_svdvals(&budget, sg, &s, &err), LA_OK);
    assert_values(s->data, (double[]){16.84810335261421, 1.0683695145547103, 0}, 3);
    array_release(s);
    Array *n = mat(2, 2, (double[]){1, NAN, 3, 4});
    ck_assert_int_eq(la_svd(&budget, n, &u, &s, &v, &err), LA_DOMAIN);
    ck_assert_str_eq(err.message, "svd: matrix contains NaN");
    /* m×0: U m×0, S empty, V 0×0 */
    Array *e = mat(3, 0, NULL);
    ck_assert_int_eq(la_svd(&budget, e, &u, &s, &v, &err), LA_OK);
    assert_shape(u, 2, 3, 0);
    assert_shape(s, 1, 1, 0);
    assert_shape(v, 2, 0, 0);
    array_release(u);
    array_release(s);
    array_release(v);
    array_release(e);
    array_release(n);
    array_release(h);
    array_release(sg);
    array_release(r);
}
END_TEST

START_TEST(qr_cases) {
    Array *r = mat(3, 2, R32), *rt = mat(2, 3, (double[]){1, 3, 5, 2, 4, 6}), *q = NULL, *rr = NULL;
    ck_assert_int_eq(la_qr(&budget, r, &q, &rr, &err), LA_OK);
    assert_shape(q, 2, 3, 2);
    assert_shape(rr, 2, 2, 2);
    /* numpy 1.24 np.linalg.qr(R) ('reduced') */
    assert_values(q->data, (double[]){-0.16903085094570325, 0.8970852271450607, -0.50709255283711,
                                      0.27602622373694136, -0.8451542547285166, -0.34503277967117696}, 6);
    assert_values(rr->data, (double[]){-5.916079783099616, -7.437357441610946, 0.0, 0.828078671210825}, 4);
    assert_orthonormal_cols(q);
    array_release(q);
    array_release(rr);
    ck_assert_int_eq(la_qr(&budget, rt, &q, &rr, &err), LA_OK);
    assert_shape(q, 2, 2, 2);
    assert_shape(rr, 2, 2, 3);
    /* numpy 1.24 np.linalg.qr(Rᵀ) */
    assert_values(q->data, (double[]){-0.44721359549995787, -0.8944271909999157, -0.8944271909999157,
                                      0.4472135954999581}, 4);
    assert_values(rr->data, (double[]){-2.23606797749979, -4.919349550499537, -7.602631123499284, 0.0,
                                       -0.8944271909999149, -1.7888543819998306}, 6);
    array_release(q);
    array_release(rr);
    array_release(r);
    array_release(rt);
}
END_TEST

START_TEST(cholesky_cases) {
    Array *p = mat(3, 3, (double[]){4, 12, -16, 12, 37, -43, -16, -43, 98}), *l = NULL;
    ck_assert_int_eq(la_cholesky(&budget, p, &l, &err), LA_OK);
    assert_values(l->data, (double[]){2, 0, 0, 6, 1, 0, -8, 5, 3}, 9);   /* numpy 1.24 np.linalg.cholesky */
    array_release(l);
    l = NULL;
    Array *np = mat(2, 2, (double[]){1, 2, 2, 1}), *ns = mat(2, 2, (double[]){2, 1, 0, 2});
    ck_assert_int_eq(la_cholesky(&budget, np, &l, &err), LA_SINGULAR);
    ck_assert_str_eq(err.message, "cholesky: matrix is not positive definite");
    ck_assert_int_eq(la_cholesky(&budget, ns, &l, &err), LA_DOMAIN);
    ck_assert_str_eq(err.message, "cholesky: matrix is not symmetric");
    ck_assert_ptr_null(l);
    array_release(p);
    array_release(np);
    array_release(ns);
}
END_TEST

/* {====================================================== statistics */

static const double XD[] = {2.5, 2.4, 1.0, 0.5, 0.7, 2.1, 2.2, 2.9, 0.3,
                            1.9, 2.2, 1.7, 3.1, 3.0, 0.2, 2.3, 2.7, 1.1};

START_TEST(cov_cases) {
    Array *x = mat(6, 3, XD), *out = NULL;
    ck_assert_int_eq(la_cov(&budget, x, &out, &err), LA_OK);
    assert_shape(out, 2, 3, 3);
    /* numpy 1.24 np.cov(X, rowvar=False) */
    assert_values(out->data, (double[]){0.7616666666666667, 0.6923333333333335, -0.5486666666666669,
                                        0.6923333333333335, 0.7176666666666667, -0.5553333333333333,
                                        -0.5486666666666669, -0.5553333333333333, 0.5626666666666668}, 9);
    array_release(out);
    Array *v = vec(4, (double[]){1, 2, 4, 7}), *one = mat(1, 3, (double[]){1, 2, 3});
    ck_assert_int_eq(la_cov(&budget, v, &out, &err), LA_OK);
    assert_shape(out, 2, 1, 1);
    ck_assert(close_to(out->data[0], 7.0));   /* numpy 1.24 np.cov([1,2,4,7]) */
    array_release(out);
    ck_assert_int_eq(la_cov(&budget, one, &out, &err), LA_SHAPE);
    ck_assert_str_eq(err.message, "cov: needs at least 2 observations, got 1");
    array_release(x);
    array_release(v);
    array_release(one);
}
END_TEST

START_TEST(pca_cases) {
    Array *x = mat(6, 3, XD), *proj = NULL, *comp = NULL, *ratio = NULL;
    ck_assert_int_eq(la_pca(&budget, x, 2, &proj, &comp, &ratio, &err), LA_OK);
    assert_shape(proj, 2, 6, 2);
    assert_shape(comp, 2, 2, 3);
    assert_shape(ratio, 1, 1, 2);
    /* numpy 1.24: SVD of the centred X with sklearn's svd_flip (V-based) applied; k = 2 */
    assert_values(proj->data, (double[]){0.34069902237695243, 0.17472672080668974, -2.474053001733044,
                                         -0.23663460917957937, 0.8121752431309859, -0.48009013789550653,
                                         -0.5041722988617041, 0.4149111820802973, 1.4775333933394368,
                                         -0.07973225607361241, 0.34781764174737173, 0.20681910026171138}, 12);
    assert_values(comp->data, (double[]){0.6159667913465111, 0.6032500390907798, -0.5066303408751364,
                                         0.51857550413072, 0.1736185209635301, 0.8372192399210654}, 6);
    assert_values(ratio->data, (double[]){0.9260445104868873, 0.052722288700967596}, 2);
    array_release(proj);
    array_release(comp);
    array_release(ratio);
    proj = comp = ratio = NULL;
    ck_assert_int_eq(la_pca(&budget, x, 4, &proj, &comp, &ratio, &err), LA_SHAPE);
    ck_assert_str_eq(err.message, "pca: k = 4 is out of range: 3 features, so k must be 1 to 3");
    ck_assert_int_eq(la_pca(&budget, x, 0, &proj, &comp, &ratio, &err), LA_SHAPE);
    ck_assert_str_eq(err.message, "pca: k = 0 is out of range: 3 features, so k must be 1 to 3");
    Array *n = mat(2, 2, (double[]){1, NAN, 3, 4});
    ck_assert_int_eq(la_pca(&budget, n, 1, &proj, &comp, &ratio, &err), LA_DOMAIN);
    ck_assert_str_eq(err.message, "pca: matrix contains NaN");
    ck_assert_ptr_null(proj);
    array_release(n);
    array_release(x);
}
END_TEST

/* {====================================================== extreme scales */

/* Entries near the ends of the double range. NumPy 1.24 on Debian's OpenBLAS gets most of
 * these wrong (NaN from dgetrf's 1/pivot overflowing, rank 0 and a zero pinv from singular
 * values above DBL_MAX), so the expected values are exact ones, or NumPy's on a matrix
 * scaled by a power of two (which changes no digit) and scaled back. */
START_TEST(subnormal_lu) {
    Array *t = mat(2, 2, (double[]){1e-320, 0, 0, 1}), *tt = mat(2, 2, (double[]){1e-320, 0, 0, 1e-320});
    Array *d = mat(4, 4, (double[]){1e200, 0, 0, 0, 0, 1e200, 0, 0, 0, 0, 1e-200, 0, 0, 0, 0, 1e-200});
    Array *mixed = mat(3, 3, (double[]){1e308, 1e308, 0, 1e308, -1e308, 0, 0, 0, 1e-310});
    double x = 0;
    /* exact: 1e-320 · 1 (NumPy with reference LAPACK: 1e-320; with OpenBLAS: nan) */
    ck_assert_int_eq(la_det(&budget, t, &x, &err), LA_OK);
    ck_assert_double_eq(x, 1e-320);
    /* exact 1e-640 underflows to 0 (NumPy with reference LAPACK: 0.0) */
    ck_assert_int_eq(la_det(&budget, tt, &x, &err), LA_OK);
    ck_assert_double_eq(x, 0.0);
    /* numpy 1.24 np.linalg.det(np.diag([1e200, 1e200, 1e-200, 1e-200])) = 1.0 (the plain
     * product of the pivots overflows on the way) */
    ck_assert_int_eq(la_det(&budget, d, &x, &err), LA_OK);
    ck_assert_msg(close_to(x, 1.0), "det = %.17g", x);
    /* exact: −2e616 · 1e-310 = −2e306 (the unscaled elimination overflows to −inf) */
    ck_assert_int_eq(la_det(&budget, mixed, &x, &err), LA_OK);
    ck_assert_msg(close_to(x, -2e306), "det = %.17g", x);

    /* inv(1e-320 ⊕ 1): condition 1e320, rank 1 (numpy matrix_rank 1): singular, not
     * LAPACKE's "dgecon rejected argument 4" */
    Array *out = NULL;
    ck_assert_int_eq(la_inv(&budget, t, &out, &err), LA_SINGULAR);
    ck_assert_str_eq(err.message, "inv: matrix is singular (rank 1 of 2)");
    ck_assert_ptr_null(out);
    /* inv(1e-310 I) = 1e310 I, whose diagonal overflows to inf (exact zeros stay 0) */
    Array *small = mat(2, 2, (double[]){1e-310, 0, 0, 1e-310});
    ck_assert_int_eq(la_inv(&budget, small, &out, &err), LA_OK);
    ck_assert(isinf(out->data[0]) && out->data[0] > 0 && isinf(out->data[3]) && out->data[3] > 0);
    ck_assert_double_eq(out->data[1], 0.0);
    ck_assert_double_eq(out->data[2], 0.0);
    array_release(out);
    /* solve(1e-320 I, b) = 1e320 b: [1, 1] → [inf, inf]; [1e-320, 2e-320] → [1, 2] exactly */
    Array *b = vec(2, (double[]){1, 1}), *b2 = vec(2, (double[]){1e-320, 2e-320});
    ck_assert_int_eq(la_solve(&budget, tt, b, &out, &err), LA_OK);
    ck_assert(isinf(out->data[0]) && isinf(out->data[1]));
    array_release(out);
    ck_assert_int_eq(la_solve(&budget, tt, b2, &out, &err), LA_OK);
    ck_assert_double_eq(out->data[0], 1.0);
    ck_assert_double_eq(out->data[1], 2.0);
    array_release(out);
    Array *arrs[] = {t, tt, d, mixed, small, b, b2};
    for (size_t i = 0; i < N_OF(arrs); i++) array_release(arrs[i]);
}
END_TEST

START_TEST(huge_svd) {
    Array *ones = mat(2, 2, (double[]){1.7e308, 1.7e308, 1.7e308, 1.7e308});
    Array *h = mat(2, 2, (double[]){1.7e308, 1.7e308, 1.7e308, -1.7e308}), *out = NULL;
    size_t rank = 99;
    /* exact rank 1 (numpy 1.24 matrix_rank says 0: S.max() overflows to inf) */
    ck_assert_int_eq(la_rank(&budget, ones, &rank, &err), LA_OK);
    ck_assert_uint_eq(rank, 1);
    /* pinv(c H) = H / (2c) for H = [1, 1; 1, −1]: numpy 1.24
     * np.linalg.pinv(B / 2.0**1023) / 2.0**1023 = ±2.941176470588236e-309 (np.linalg.pinv(B)
     * itself is all zeros); compared after multiplying by 1.7e308, as the subnormal values
     * are below any absolute tolerance */
    ck_assert_int_eq(la_pinv(&budget, h, &out, &err), LA_OK);
    const double want[] = {0.5, 0.5, 0.5, -0.5};
    for (size_t i = 0; i < 4; i++)
        ck_assert_msg(close_to(out->data[i] * 1.7e308, want[i]), "pinv[%zu] = %.17g", i, out->data[i]);
    array_release(out);
    /* svdvals: √2 · 1.7e308 is beyond DBL_MAX, so inf (an honest overflow) */
    ck_assert_int_eq(la_svdvals(&budget, h, &out, &err), LA_OK);
    ck_assert(isinf(out->data[0]) && isinf(out->data[1]));
    array_release(out);
    array_release(ones);
    array_release(h);
}
END_TEST

START_TEST(huge_statistics) {
    /* a constant column of 1.7e308 has variance 0 (its mean once overflowed: NaN); numpy 1.24
     * np.cov([[1, 1], [1, 2], [1, 4.]], rowvar=False) for the rest, [[0, 0], [0, 2.333…]] */
    Array *x = mat(3, 2, (double[]){1.7e308, 1, 1.7e308, 2, 1.7e308, 4}), *out = NULL;
    ck_assert_int_eq(la_cov(&budget, x, &out, &err), LA_OK);
    ck_assert_double_eq(out->data[0], 0.0);
    ck_assert_double_eq(out->data[1], 0.0);
    ck_assert_double_eq(out->data[2], 0.0);
    ck_assert(close_to(out->data[3], 2.3333333333333335));
    array_release(out);
    /* columns of very different sizes: cov = [inf, 1; 1, 0] exactly (0.5e600 overflows,
     * 2e-600 underflows, the cross term is 1) */
    Array *y = mat(2, 2, (double[]){1e300, 1e-300, 2e300, 3e-300});
    ck_assert_int_eq(la_cov(&budget, y, &out, &err), LA_OK);
    ck_assert(isinf(out->data[0]));
    ck_assert(close_to(out->data[1], 1.0) && close_to(out->data[2], 1.0));
    ck_assert_double_eq(out->data[3], 0.0);
    array_release(out);
    /* pca of 1e307 · X (whose column sums overflow): components and ratios of X, scores 1e307
     * times X's — numpy 1.24 pca_np(np.array([[1, 2], [2, 4.1], [3, 6.2], [4, 7.9]]), 1),
     * as in tests/scripts/linalg.mlm (pca_np of the scaled matrix is all NaN) */
    Array *z = mat(4, 2, (double[]){1e307, 2e307, 2e307, 4.1e307, 3e307, 6.2e307, 4e307, 7.9e307});
    Array *proj = NULL, *comp = NULL, *ratio = NULL;
    ck_assert_int_eq(la_pca(&budget, z, 1, &proj, &comp, &ratio, &err), LA_OK);
    const double scores[] = {-3.3987327696444, -1.0733795955935332, 1.2519735784573347, 3.220138786780596};
    for (size_t i = 0; i < 4; i++)
        ck_assert_msg(close_to(proj->data[i] / 1e307, scores[i]), "score %zu = %.17g", i, proj->data[i]);
    assert_values(comp->data, (double[]){0.4501163539809366, 0.8929699143190146}, 2);
    assert_values(ratio->data, (double[]){0.9996048617839878}, 1);
    array_release(proj);
    array_release(comp);
    array_release(ratio);
    array_release(x);
    array_release(y);
    array_release(z);
}
END_TEST

/* } */

/* {====================================================== limits */

START_TEST(budget_exceeded) {
    /* A 1 KiB budget cannot hold the 100×100 product: LA_NOMEM naming the bytes needed. */
    budget.limit = 1024;
    Array *a = array_new_matrix(NULL, 100, 100, NULL), *out = NULL;
    ck_assert_ptr_nonnull(a);
    memset(a->data, 0, a->len * sizeof(double));
    double scalar;
    bool is_scalar;
    ck_assert_int_eq(la_matmul(&budget, a, a, &out, &scalar, &is_scalar, &err), LA_NOMEM);
    ck_assert_str_eq(err.message, "@: a 100×100 matrix needs 78.1 KiB, over the memory limit of 1 KiB (0 bytes in use; --memory-limit or limit(\"memory\", …))");
    ck_assert_int_eq(la_inv(&budget, a, &out, &err), LA_NOMEM);
    ck_assert_ptr_nonnull(strstr(err.message, "needs 78.1 KiB"));
    ck_assert_ptr_null(out);
    ck_assert_uint_eq(budget.in_use, 0);
    /* Dimensions whose product overflows size_t. */
    Array *wide = mat(0, (size_t)1 << 40, NULL);
    ck_assert_int_eq(la_kron(&budget, wide, wide, &out, &err), LA_NOMEM);
    ck_assert_int_eq(la_reshape(&budget, a, (size_t)1 << 40, (size_t)1 << 40, &out, &err), LA_SHAPE);
    array_release(wide);
    array_release(a);
}
END_TEST

START_TEST(messages_describe_vectors) {
    /* a vector is "a vector of length 400", not "a 400 array"; one element is "1 element" */
    budget.limit = 1000;
    Array *v = vec(20, (double[20]){0}), *two = vec(2, (double[]){1, 2}), *one = mat(1, 1, (double[]){5});
    Array *out = NULL;
    ck_assert_int_eq(la_kron(&budget, v, v, &out, &err), LA_NOMEM);
    ck_assert_str_eq(err.message, "kron: a vector of length 400 needs 3.12 KiB, over the memory limit of 1000 bytes (0 bytes in use; --memory-limit or limit(\"memory\", …))");
    ck_assert_int_eq(la_reshape(&budget, two, 9000000000000000, 9000000000000000, &out, &err), LA_SHAPE);
    ck_assert_str_eq(err.message,
                     "reshape: cannot reshape 2 elements into 9000000000000000×9000000000000000 (too many elements)");
    ck_assert_int_eq(la_reshape(&budget, one, 2, 3, &out, &err), LA_SHAPE);
    ck_assert_str_eq(err.message, "reshape: cannot reshape 1×1 (1 element) into 2×3 (6 elements)");
    ck_assert_int_eq(la_reshape(&budget, two, 1, 1, &out, &err), LA_SHAPE);
    ck_assert_str_eq(err.message, "reshape: cannot reshape 2 elements into 1×1 (1 element)");
    ck_assert_ptr_null(out);
    array_release(v);
    array_release(two);
    array_release(one);
}
END_TEST

/* An array header with no storage: its dimensions are past what could be allocated, and the
 * functions under test must reject (or skip) them before touching data. */
static Array header(int ndim, size_t rows, size_t cols) {
    return (Array){.refcount = 1, .ndim = ndim, .rows = rows, .cols = cols, .len = rows * cols, .data = NULL};
}

START_TEST(blas_dimensions) {
    double scalar;
    bool is_scalar;
    Array *out = NULL;
    /* empty products need no BLAS call, however long the other dimension: 0×3e9 @ 3e9×0 is
     * 0×0 and 2×0 @ 0×3 is a 2×3 of zeros (NumPy the same) */
    Array *wide = mat(0, 3000000000, NULL), *tall = mat(3000000000, 0, NULL);
    ck_assert_int_eq(la_matmul(&budget, wide, tall, &out, &scalar, &is_scalar, &err), LA_OK);
    assert_shape(out, 2, 0, 0);
    array_release(out);
    Array *e20 = mat(2, 0, NULL), *e03 = mat(0, 3, NULL);
    ck_assert_int_eq(la_matmul(&budget, e20, e03, &out, &scalar, &is_scalar, &err), LA_OK);
    assert_shape(out, 2, 2, 3);
    assert_values(out->data, (double[]){0, 0, 0, 0, 0, 0}, 6);
    array_release(out);
    size_t rank = 99;
    ck_assert_int_eq(la_rank(&budget, wide, &rank, &err), LA_OK);
    ck_assert_uint_eq(rank, 0);
    /* a real BLAS call whose sizes do not fit its ints says which dimension */
    out = NULL;
    Array row = header(2, 1, 3000000000), col = header(2, 3000000000, 2), one = header(2, 1, 1);
    ck_assert_int_eq(la_matmul(&budget, &row, &col, &out, &scalar, &is_scalar, &err), LA_NOMEM);
    ck_assert_str_eq(err.message, "@: inner dimension 3000000000 is too large for BLAS (at most 2147483647)");
    Array colvec = header(2, 3000000000, 1);
    ck_assert_int_eq(la_matmul(&budget, &colvec, &one, &out, &scalar, &is_scalar, &err), LA_NOMEM);
    ck_assert_str_eq(err.message, "@: the result, a 3000000000×1 matrix, is too large for BLAS (dimensions up to 2147483647)");
    Array longvec = header(1, 1, 3000000000), onevec = header(1, 1, 1);
    ck_assert_int_eq(la_outer(&budget, &longvec, &onevec, &out, &err), LA_NOMEM);
    ck_assert_str_eq(err.message, "outer: a 3000000000×1 matrix is too large for BLAS/LAPACK (dimensions up to 2147483647)");
    ck_assert_ptr_null(out);
    array_release(wide);
    array_release(tall);
    array_release(e20);
    array_release(e03);
}
END_TEST

/* } */

Suite *linalg_suite(void) {
    Suite *s = suite_create("linalg");
    TCase *core = tcase_create("Core");
    tcase_add_checked_fixture(core, setup, teardown);
    tcase_add_test(core, matmul_seed_example);
    tcase_add_test(core, matmul_shape_error);
    tcase_add_test(core, matmul_vector_forms);
    tcase_add_test(core, transpose_and_products);
    tcase_add_test(core, shape_builders);
    tcase_add_test(core, stacks);
    tcase_add_test(core, norms);
    tcase_add_test(core, det_cases);
    tcase_add_test(core, rank_cases);
    tcase_add_test(core, inv_cases);
    tcase_add_test(core, inv_errors);
    tcase_add_test(core, solve_cases);
    tcase_add_test(core, pinv_cases);
    tcase_add_test(core, lstsq_cases);
    tcase_add_test(core, eig_symmetric);
    tcase_add_test(core, eig_general);
    tcase_add_test(core, eig_errors);
    tcase_add_test(core, svd_cases);
    tcase_add_test(core, qr_cases);
    tcase_add_test(core, cholesky_cases);
    tcase_add_test(core, cov_cases);
    tcase_add_test(core, pca_cases);
    suite_add_tcase(s, core);
    TCase *limits = tcase_create("Limits");
    tcase_add_checked_fixture(limits, setup, teardown);
    tcase_add_test(limits, budget_exceeded);
    tcase_add_test(limits, messages_describe_vectors);
    tcase_add_test(limits, blas_dimensions);
    tcase_add_test(limits, subnormal_lu);
    tcase_add_test(limits, huge_svd);
    tcase_add_test(limits, huge_statistics);
    suite_add_tcase(s, limits);
    return s;
}
