/* blas_loader.c — OpenBLAS and LAPACKE, loaded on first use instead of at start-up.
 *
 * Why: linking libopenblas and liblapacke (with libgfortran, libquadmath, liblapack) costs
 * about 8 ms at every start of the process — four times the rest of mlm's start-up — while
 * most runs (`mlm -e '1+1'`, scalar scripts) never call them. Measured on this machine with
 * hyperfine: an empty C program linked against them takes 10.7 ms, without them 2.6 ms.
 *
 * So mlm does not link them; each CBLAS/LAPACKE function linalg.c calls is defined here with
 * the library's own prototype (from cblas.h and lapacke.h, so a mismatch is a compile error)
 * and forwards to the real function, which is looked up with dlopen/dlsym the first time.
 * linalg.c is unchanged: it calls cblas_dgemm as before. A function not listed here is a
 * link error, which says what to add. If the libraries cannot be loaded the process stops
 * with a message naming the package to install: a broken installation, not bad input. */
#include <cblas.h>
#include <dlfcn.h>
#include <lapacke.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#ifndef MLM_OPENBLAS_SO
#define MLM_OPENBLAS_SO "libopenblas.so.0"
#endif
#ifndef MLM_LAPACKE_SO
#define MLM_LAPACKE_SO "liblapacke.so.3"
#endif

typedef struct Libraries {
    void *blas;
    void *lapacke;
} Libraries;

static Libraries libraries;            /* written once, under `once` */
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void load_libraries(void) {
    libraries.blas = dlopen(MLM_OPENBLAS_SO, RTLD_NOW | RTLD_LOCAL);
    if (!libraries.blas) libraries.blas = dlopen("libopenblas.so.0", RTLD_NOW | RTLD_LOCAL);
    libraries.lapacke = dlopen(MLM_LAPACKE_SO, RTLD_NOW | RTLD_LOCAL);
    if (!libraries.blas || !libraries.lapacke) {
        fprintf(stderr, "mlm: cannot load the linear algebra libraries (%s): install libopenblas0 and liblapacke\n",
                dlerror());
        exit(1);
    }
}

/* The address of a CBLAS (from OpenBLAS) or LAPACKE function. */
static void *symbol(const char *name, int from_lapacke) {
    pthread_once(&once, load_libraries);
    void *p = dlsym(from_lapacke ? libraries.lapacke : libraries.blas, name);
    if (!p) {
        fprintf(stderr, "mlm: the linear algebra library has no %s: install libopenblas0 and liblapacke\n", name);
        exit(1);
    }
    return p;
}

/* Defines NAME with the given prototype, forwarding to the library's NAME. The pointer is
 * cached after the first call (a benign race: every thread stores the same value). */
#define FORWARD(ret, name, lapacke, params, args)                         \
    ret name params {                                                      \
        static ret(*volatile real) params;                                 \
        if (!real) real = (ret(*) params)symbol(#name, lapacke);           \
        return real args;                                                  \
    }
#define FORWARD_VOID(name, params, args)                                   \
    void name params {                                                     \
        static void(*volatile real) params;                                \
        if (!real) real = (void(*) params)symbol(#name, 0);                \
        real args;                                                         \
    }

#define C OPENBLAS_CONST

FORWARD(double, cblas_ddot, 0,
        (C blasint n, C double *x, C blasint incx, C double *y, C blasint incy), (n, x, incx, y, incy))
FORWARD(double, cblas_dnrm2, 0, (C blasint N, C double *X, C blasint incX), (N, X, incX))
FORWARD_VOID(cblas_dgemm,
             (C enum CBLAS_ORDER Order, C enum CBLAS_TRANSPOSE TransA, C enum CBLAS_TRANSPOSE TransB,
              C blasint M, C blasint N, C blasint K, C double alpha, C double *A, C blasint lda,
              C double *B, C blasint ldb, C double beta, double *Cm, C blasint ldc),
             (Order, TransA, TransB, M, N, K, alpha, A, lda, B, ldb, beta, Cm, ldc))
FORWARD_VOID(cblas_dgemv,
             (C enum CBLAS_ORDER order, C enum CBLAS_TRANSPOSE trans, C blasint m, C blasint n,
              C double alpha, C double *a, C blasint lda, C double *x, C blasint incx, C double beta,
              double *y, C blasint incy),
             (order, trans, m, n, alpha, a, lda, x, incx, beta, y, incy))
FORWARD_VOID(cblas_dger,
             (C enum CBLAS_ORDER order, C blasint M, C blasint N, C double alpha, C double *X,
              C blasint incX, C double *Y, C blasint incY, double *A, C blasint lda),
             (order, M, N, alpha, X, incX, Y, incY, A, lda))
FORWARD_VOID(cblas_dsyrk,
             (C enum CBLAS_ORDER Order, C enum CBLAS_UPLO Uplo, C enum CBLAS_TRANSPOSE Trans, C blasint N,
              C blasint K, C double alpha, C double *A, C blasint lda, C double beta, double *Cm,
              C blasint ldc),
             (Order, Uplo, Trans, N, K, alpha, A, lda, beta, Cm, ldc))

#undef C

FORWARD(lapack_int, LAPACKE_dgecon, 1,
        (int matrix_layout, char norm, lapack_int n, const double *a, lapack_int lda, double anorm,
         double *rcond),
        (matrix_layout, norm, n, a, lda, anorm, rcond))
FORWARD(lapack_int, LAPACKE_dgeev, 1,
        (int matrix_layout, char jobvl, char jobvr, lapack_int n, double *a, lapack_int lda, double *wr,
         double *wi, double *vl, lapack_int ldvl, double *vr, lapack_int ldvr),
        (matrix_layout, jobvl, jobvr, n, a, lda, wr, wi, vl, ldvl, vr, ldvr))
FORWARD(lapack_int, LAPACKE_dgelsd, 1,
        (int matrix_layout, lapack_int m, lapack_int n, lapack_int nrhs, double *a, lapack_int lda,
         double *b, lapack_int ldb, double *s, double rcond, lapack_int *rank),
        (matrix_layout, m, n, nrhs, a, lda, b, ldb, s, rcond, rank))
FORWARD(lapack_int, LAPACKE_dgeqrf, 1,
        (int matrix_layout, lapack_int m, lapack_int n, double *a, lapack_int lda, double *tau),
        (matrix_layout, m, n, a, lda, tau))
FORWARD(lapack_int, LAPACKE_dgesdd, 1,
        (int matrix_layout, char jobz, lapack_int m, lapack_int n, double *a, lapack_int lda, double *s,
         double *u, lapack_int ldu, double *vt, lapack_int ldvt),
        (matrix_layout, jobz, m, n, a, lda, s, u, ldu, vt, ldvt))
FORWARD(lapack_int, LAPACKE_dgesv, 1,
        (int matrix_layout, lapack_int n, lapack_int nrhs, double *a, lapack_int lda, lapack_int *ipiv,
         double *b, lapack_int ldb),
        (matrix_layout, n, nrhs, a, lda, ipiv, b, ldb))
FORWARD(lapack_int, LAPACKE_dgesvd, 1,
        (int matrix_layout, char jobu, char jobvt, lapack_int m, lapack_int n, double *a, lapack_int lda,
         double *s, double *u, lapack_int ldu, double *vt, lapack_int ldvt, double *superb),
        (matrix_layout, jobu, jobvt, m, n, a, lda, s, u, ldu, vt, ldvt, superb))
FORWARD(lapack_int, LAPACKE_dgetrf, 1,
        (int matrix_layout, lapack_int m, lapack_int n, double *a, lapack_int lda, lapack_int *ipiv),
        (matrix_layout, m, n, a, lda, ipiv))
FORWARD(lapack_int, LAPACKE_dgetrf2, 1,
        (int matrix_layout, lapack_int m, lapack_int n, double *a, lapack_int lda, lapack_int *ipiv),
        (matrix_layout, m, n, a, lda, ipiv))
FORWARD(lapack_int, LAPACKE_dgetri, 1,
        (int matrix_layout, lapack_int n, double *a, lapack_int lda, const lapack_int *ipiv),
        (matrix_layout, n, a, lda, ipiv))
FORWARD(lapack_int, LAPACKE_dorgqr, 1,
        (int matrix_layout, lapack_int m, lapack_int n, lapack_int k, double *a, lapack_int lda,
         const double *tau),
        (matrix_layout, m, n, k, a, lda, tau))
FORWARD(lapack_int, LAPACKE_dpotrf, 1,
        (int matrix_layout, char uplo, lapack_int n, double *a, lapack_int lda),
        (matrix_layout, uplo, n, a, lda))
FORWARD(lapack_int, LAPACKE_dsyevd, 1,
        (int matrix_layout, char jobz, char uplo, lapack_int n, double *a, lapack_int lda, double *w),
        (matrix_layout, jobz, uplo, n, a, lda, w))
