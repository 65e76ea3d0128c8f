/* linalg.h — dense linear algebra on mlm arrays, through CBLAS (OpenBLAS) and LAPACKE.
 *
 * Pure functions of arrays: no interpreter, no printing. Each returns LA_OK and stores new
 * arrays (refcount 1, charged to budget) in its out-parameters, or an LaStatus and a
 * message in err (e.g. "inv: matrix is singular (rank 2 of 3)"). Inputs are borrowed.
 * On failure no out-parameter array is set (they are left untouched), so nothing leaks.
 * Matrices are row-major (LAPACK_ROW_MAJOR / CblasRowMajor). Nothing is printed to stderr:
 * LAPACKE's own messages are suppressed by checking arguments first.
 *
 * Conventions (shared by every function below):
 * - Shapes in messages are "3×2" for a matrix and "3" for a vector where they stand alone
 *   ("(3×2) @ (3)"); in a sentence they read "a 3×2 matrix", "a vector of length 3", and
 *   counts agree with their noun ("1 element", "6 elements").
 * - Where a function wants a matrix and gets a vector, the vector is a 1×n row (mlm's
 *   broadcasting rule) — except where stated. Square-only functions (det, inv, solve's A,
 *   trace, eig, cholesky) reject vectors: "det: matrix must be square, got a vector of
 *   length 3" / "det: matrix must be square, got 3×2".
 * - Empty arrays are valid input and give the mathematically natural empty result, never
 *   a LAPACK call: det(0×0) = 1, inv(0×0) = 0×0, trace(0×0) = 0, rank = 0, svd of m×0
 *   gives U m×0, S empty, V 0×0, eig(0×0) gives no values and a 0×0 vector matrix.
 * - NaN / infinity: element-wise and BLAS-only functions (matmul, transpose, dot, cross,
 *   outer, trace, diag, kron, reshape, stacks, cov, norm, det) propagate IEEE values.
 *   Functions that run a LAPACK factorisation (inv, solve, pinv, rank, eig, svd, qr,
 *   cholesky, lstsq, pca) return LA_DOMAIN "inv: matrix contains NaN" (or "…contains
 *   infinity") instead.
 * - Sizes: every product of dimensions is checked for overflow, and dimensions handed to
 *   BLAS/LAPACK must fit in an int (32-bit OpenBLAS) — only when a call is made: an empty
 *   operand or result needs none (zeros(0, 3e9) @ zeros(3e9, 0) is 0×0, rank(zeros(0, 3e9))
 *   is 0). Allocation failure or an exceeded budget gives LA_NOMEM "inv: out of memory: a
 *   5000×5000 matrix needs 200000000 bytes".
 * - Extreme scales: LAPACK is handed matrices scaled by a power of two (exact: the same
 *   digits on ordinary input) so that entries near DBL_MAX or in the subnormal range neither
 *   overflow nor turn into NaN inside it; results are scaled back, and a result whose true
 *   value is beyond DBL_MAX is ±inf, one below the subnormals 0 (IEEE rounding of the exact
 *   answer). Which functions scale, and how, is said at each below. */
#ifndef MLM_LINALG_H
#define MLM_LINALG_H

#include <stdbool.h>
#include <stddef.h>
#include "value.h"

typedef enum LaStatus {
    LA_OK = 0,
    LA_SHAPE,      /* wrong shapes: message names them */
    LA_SINGULAR,   /* singular / not positive definite */
    LA_NOCONV,     /* LAPACK did not converge */
    LA_NOMEM,      /* allocation failed or over the budget */
    LA_DOMAIN,     /* NaN input where LAPACK would misbehave, complex result, … */
} LaStatus;

typedef struct LaError {
    char message[256];
} LaError;

/* ---- products and shapes ---- */

/* Matrix product with mlm's @ semantics (see docs/LANGUAGE.md):
 * matrix@matrix → matrix, matrix@vector → vector, vector@matrix → vector (row semantics)
 * except vector(n)@matrix(1×m) → n×m outer product (when n ≠ 1), vector@vector → dot.
 * A result with one element (1×1 or length 1) is returned in *scalar with *is_scalar =
 * true and *out untouched; otherwise *out is a new array and *is_scalar = false.
 * Uses cblas_dgemm / dgemv / ddot; an empty result or inner dimension makes no call (zeros).
 * Error text: "(3×2) @ (3×2): inner dimensions 2 and 3 differ"; sizes past BLAS's ints:
 * "@: inner dimension 3000000000 is too large for BLAS (at most 2147483647)". */
LaStatus la_matmul(MemBudget *budget, const Array *a, const Array *b,
                   Array **out, double *scalar, bool *is_scalar, LaError *err);

/* *out = new transpose: matrix r×c → c×r; vector n → 1×n matrix. */
LaStatus la_transpose(MemBudget *budget, const Array *a, Array **out, LaError *err);

/* *out = Σ x_i y_i. Accepts two arrays of the same shape (flattened), or two
 * vector-like arrays (vector n, 1×n or n×1) of the same length. cblas_ddot. */
LaStatus la_dot(const Array *x, const Array *y, double *out, LaError *err);

/* *out = new 3-vector x × y; both must be vectors of length 3. */
LaStatus la_cross(MemBudget *budget, const Array *x, const Array *y, Array **out, LaError *err);

/* *out = new len(x)×len(y) matrix x yᵀ of the flattened inputs (numpy.outer). cblas_dger. */
LaStatus la_outer(MemBudget *budget, const Array *x, const Array *y, Array **out, LaError *err);

/* *out = new rows×cols identity (ones on the main diagonal of a rectangle). */
LaStatus la_eye(MemBudget *budget, size_t rows, size_t cols, Array **out, LaError *err);

/* *out = new: vector n → n×n matrix with it on the diagonal; matrix r×c → vector of its
 * min(r, c) diagonal entries. */
LaStatus la_diag(MemBudget *budget, const Array *a, Array **out, LaError *err);

/* *out = sum of the diagonal of a square matrix. */
LaStatus la_trace(const Array *a, double *out, LaError *err);

/* *out = new Kronecker product: two vectors → vector of length n·m; otherwise vectors
 * count as 1×n rows and the result is a (ra·rb)×(ca·cb) matrix (numpy.kron). */
LaStatus la_kron(MemBudget *budget, const Array *a, const Array *b, Array **out, LaError *err);

/* *out = new rows×cols matrix holding a's elements in row-major order (numpy.reshape).
 * Error: "reshape: cannot reshape 2×3 (6 elements) into 4×2 (8 elements)", "…reshape 6
 * elements into…" for a vector, "(too many elements)" when rows × cols overflows. */
LaStatus la_reshape(MemBudget *budget, const Array *a, size_t rows, size_t cols,
                    Array **out, LaError *err);

/* *out = new [a b] side by side. Two vectors → one longer vector. A vector beside a
 * matrix is a column when its length equals the matrix's row count (numpy.column_stack),
 * else a 1×n row. Matrices must have equal row counts. */
LaStatus la_hstack(MemBudget *budget, const Array *a, const Array *b, Array **out, LaError *err);

/* *out = new [a; b], a on top of b. Vectors are rows (two vectors of length n → 2×n);
 * a vector under/over an r×1 column matrix is a column. Column counts must agree. */
LaStatus la_vstack(MemBudget *budget, const Array *a, const Array *b, Array **out, LaError *err);

/* ---- norms and scalar summaries ---- */

/* *out = ‖a‖_p. Vectors: any p > 0 ((Σ|x|^p)^(1/p)), p = INFINITY (max |x|).
 * Matrices: p = 1 (max column sum of |a|), 2 (largest singular value, LAPACKE_dgesdd),
 * INFINITY (max row sum). Other p (0, negative, NaN, −inf; NumPy's negative vector
 * "norms" are not norms) → LA_DOMAIN "norm: p must be positive, inf or \"fro\", got -1".
 * A matrix holding NaN gives NaN, infinity gives infinity. */
LaStatus la_norm(MemBudget *budget, const Array *a, double p, double *out, LaError *err);

/* The Frobenius norm √Σa² of any array (for a vector, its 2-norm), cblas_dnrm2. "fro" is
 * its own function rather than a p value, so that no number a user passes can mean it. */
double la_norm_fro(const Array *a);

/* *out = det(a) of a square matrix by LU (LAPACKE_dgetrf); det(0×0) = 1; NaN in → NaN out.
 * Each column is scaled by a power of two first and the pivots multiplied as mantissa and
 * exponent, so the result over- or underflows only when the determinant itself does:
 * det(diag([1e200, 1e200, 1e-200, 1e-200])) = 1, det([1e-320, 0; 0, 1]) = 1e-320 (NumPy on
 * OpenBLAS: NaN, from dgetrf's 1/pivot overflowing — here an unblocked LU that divides
 * takes over in that case). */
LaStatus la_det(MemBudget *budget, const Array *a, double *out, LaError *err);

/* *rank = numerical rank: singular values above S.max() · max(m, n) · eps
 * (numpy.linalg.matrix_rank). A vector is a 1×n row. Computed on a scaled to max|entry|
 * in [1, 2), so rank([1.7e308, 1.7e308; 1.7e308, 1.7e308]) is 1 (NumPy's is 0). */
LaStatus la_rank(MemBudget *budget, const Array *a, size_t *rank, LaError *err);

/* ---- solving ---- */

/* *out = new inverse of a square matrix (dgetrf + dgetri). Singular (an exactly zero
 * pivot, or an LU condition estimate below 1e-12 whose SVD rank confirms it; numpy would
 * return huge garbage there) → LA_SINGULAR "inv: matrix is singular (rank R of N)"; so is
 * inv([1e-320, 0; 0, 1]) (condition 1e320). A well-conditioned matrix whose inverse has
 * entries beyond DBL_MAX gets ±inf there: inv(1e-310·I) = inf·I (zeros off the diagonal). */
LaStatus la_inv(MemBudget *budget, const Array *a, Array **out, LaError *err);

/* *out = new x with a x = b (dgesv), a square n×n, b a vector of length n (→ vector) or
 * an n×k matrix (→ n×k). Singular as for la_inv: "solve: matrix is singular (rank R of N)".
 * a and b are scaled separately; solve(1e-320·I, [1, 1]) = [inf, inf] (x = 1e320).
 * Shape error: "solve: A is 3×3 but b is 2: row counts 3 and 2 differ". */
LaStatus la_solve(MemBudget *budget, const Array *a, const Array *b, Array **out, LaError *err);

/* *out = new Moore–Penrose pseudo-inverse, n×m for an m×n input, by thin SVD with
 * singular values ≤ 1e-15 · S.max() treated as zero (numpy.linalg.pinv's default rcond).
 * The SVD is of a scaled to max|entry| in [1, 2): pinv of a matrix near DBL_MAX is its
 * subnormal inverse, not zeros (NumPy's). */
LaStatus la_pinv(MemBudget *budget, const Array *a, Array **out, LaError *err);

/* Least squares min ‖a x − b‖₂ by LAPACKE_dgelsd with rcond = eps · max(m, n)
 * (numpy.linalg.lstsq with rcond=None). a is m×n; b is a vector of length m (→ *x a
 * vector of length n) or an m×k matrix (→ n×k). *x is new; *rank (may be NULL) gets the
 * effective rank of a. */
LaStatus la_lstsq(MemBudget *budget, const Array *a, const Array *b, Array **x, size_t *rank,
                  LaError *err);

/* ---- decompositions ---- */

/* Eigen-decomposition of a square matrix. Eigenvalues are sorted ascending in both paths.
 * Symmetric input (|a_ij − a_ji| ≤ 1e-12 · max|a|, symmetrised first) → LAPACKE_dsyevd:
 * orthonormal eigenvectors (numpy.linalg.eigh). Otherwise LAPACKE_dgeev: when every
 * eigenvalue is real, unit-length right eigenvectors (numpy.linalg.eig's, reordered);
 * complex ones → LA_DOMAIN "eig: complex eigenvalues 0±1i are not supported yet".
 * *values = new vector (n); *vectors = new n×n matrix whose column j goes with values[j].
 * Vector signs are LAPACK's (as numpy's). */
LaStatus la_eig(MemBudget *budget, const Array *a, Array **values, Array **vectors, LaError *err);
/* *values = new vector of eigenvalues, as la_eig (same order, same errors). */
LaStatus la_eigvals(MemBudget *budget, const Array *a, Array **values, LaError *err);

/* Thin SVD a = U diag(S) Vᵀ of an m×n matrix (LAPACKE_dgesdd, falling back to dgesvd if it
 * does not converge), k = min(m, n): *u = new m×k, *s = new vector (k) descending,
 * *v = new n×k whose columns are the right singular vectors (V, not Vᵀ: numpy returns Vᵀ).
 * Signs are LAPACK's (as numpy.linalg.svd(full_matrices=False)). */
LaStatus la_svd(MemBudget *budget, const Array *a, Array **u, Array **s, Array **v, LaError *err);
/* *s = new vector of the min(m, n) singular values, descending. */
LaStatus la_svdvals(MemBudget *budget, const Array *a, Array **s, LaError *err);

/* Reduced QR a = Q R (dgeqrf + dorgqr), k = min(m, n): *q = new m×k with orthonormal
 * columns, *r = new k×n upper triangular. Signs as LAPACK's (numpy.linalg.qr 'reduced'). */
LaStatus la_qr(MemBudget *budget, const Array *a, Array **q, Array **r, LaError *err);

/* *l = new lower triangular L with a = L Lᵀ (LAPACKE_dpotrf, numpy's convention). a must
 * be symmetric (tolerance as la_eig: "cholesky: matrix is not symmetric") and positive
 * definite (LA_SINGULAR "cholesky: matrix is not positive definite"). */
LaStatus la_cholesky(MemBudget *budget, const Array *a, Array **l, LaError *err);

/* ---- statistics ---- */

/* *out = new p×p sample covariance (ddof 1) of a matrix whose rows are observations and
 * columns variables (numpy.cov(X, rowvar=False)), by cblas_dsyrk on the centred data.
 * Each column is scaled by its own power of two and its mean refined by a second pass, so
 * a constant column of 1.7e308 has variance 0 and only entries whose true value is beyond
 * DBL_MAX are inf (NumPy: NaN from the overflowing mean).
 * A vector is one variable: *out is the 1×1 matrix of its variance. Needs at least 2
 * observations: "cov: needs at least 2 observations, got 1". */
LaStatus la_cov(MemBudget *budget, const Array *x, Array **out, LaError *err);

/* Principal component analysis of an n×p matrix (rows observations) keeping k components,
 * by thin SVD of the column-centred data (sklearn PCA(k, svd_solver='full')):
 * *projected = new n×k scores, *components = new k×p (rows are principal axes, like
 * sklearn's components_), *ratio = new vector (k) of explained-variance ratios. Signs
 * follow sklearn's svd_flip: each component's largest-|value| entry is positive.
 * Needs 1 ≤ k ≤ min(n, p) ("pca: k = 5 is out of range: 3 features, so k must be 1 to 3")
 * and n ≥ 2. Works on x scaled to max|entry| in [1, 2) (the same components and ratios),
 * so data near DBL_MAX do not give NaN. */
LaStatus la_pca(MemBudget *budget, const Array *x, size_t k, Array **projected,
                Array **components, Array **ratio, LaError *err);

#endif
