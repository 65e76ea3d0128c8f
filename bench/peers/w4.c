/* W4: C = A @ B for n = 1000 with cblas_dgemm, five times; prints each dgemm's time, then sum(C)
 * and trace(C). */
#define _POSIX_C_SOURCE 199309L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cblas.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

int main(void) {
    const int n = 1000;
    double *A = malloc(sizeof(double) * n * n), *B = malloc(sizeof(double) * n * n);
    double *C = malloc(sizeof(double) * n * n);
    if (!A || !B || !C) return 1;
    for (int i = 1; i <= n; i++)
        for (int j = 1; j <= n; j++) {
            A[(i - 1) * n + (j - 1)] = (i + 2 * j) % 7 - 2;
            B[(i - 1) * n + (j - 1)] = (3 * i + j) % 5 - 1;
        }
    double eye[4] = {1, 0, 0, 1}, out[4]; /* untimed warm-up, as in the mlm and NumPy programs */
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, 2, 2, 2, 1.0, eye, 2, eye, 2, 0.0, out, 2);
    /* The limit: time dgemm alone, not the first touch of C's fresh 4 KiB pages (~0.3 GB/s here). */
    memset(C, 0, sizeof(double) * n * n);
    for (int rep = 0; rep < 5; rep++) {
        double t0 = now();
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, n, n, 1.0, A, n, B, n, 0.0, C, n);
        printf("time: %.4f ms\n", 1e3 * (now() - t0));
    }
    double sum = 0.0, trace = 0.0;
    for (long k = 0; k < (long)n * n; k++) sum += C[k];
    for (int i = 0; i < n; i++) trace += C[(long)i * n + i];
    printf("%.17g %.17g\n", sum, trace);
    free(A); free(B); free(C);
    return 0;
}
