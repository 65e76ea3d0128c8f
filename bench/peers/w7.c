/* W7: eigenvalues and eigenvectors of A_ij = min(i, j), n = 500, with LAPACKE_dsyevd, five times;
 * prints each dsyevd's time, then the largest eigenvalue. dsyevd overwrites its input with the
 * eigenvectors, so each call works on a copy of A made before its timer. */
#define _POSIX_C_SOURCE 199309L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <lapacke.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

int main(void) {
    const int n = 500;
    double *A = malloc(sizeof(double) * n * n), *w = malloc(sizeof(double) * n);
    double *V = malloc(sizeof(double) * n * n);
    if (!A || !w || !V) return 1;
    for (int i = 1; i <= n; i++)
        for (int j = 1; j <= n; j++)
            A[(i - 1) * n + (j - 1)] = i < j ? i : j;
    double eye[4] = {1, 0, 0, 1}, v[2]; /* untimed warm-up, as in the mlm and NumPy programs */
    if (LAPACKE_dsyevd(LAPACK_ROW_MAJOR, 'V', 'U', 2, eye, 2, v) != 0) return 1;
    for (int rep = 0; rep < 5; rep++) {
        memcpy(V, A, sizeof(double) * n * n);
        double t0 = now();
        if (LAPACKE_dsyevd(LAPACK_ROW_MAJOR, 'V', 'U', n, V, n, w) != 0) return 1;
        printf("time: %.4f ms\n", 1e3 * (now() - t0));
    }
    printf("%.17g\n", w[n - 1]); /* ascending order: the last is the largest */
    free(A); free(V); free(w);
    return 0;
}
