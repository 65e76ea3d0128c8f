/* W4: C = A @ B for n = 1000 with cblas_dgemm; prints sum(C) and trace(C). */
#include <stdio.h>
#include <stdlib.h>
#include <cblas.h>

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
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, n, n, 1.0, A, n, B, n, 0.0, C, n);
    double sum = 0.0, trace = 0.0;
    for (long k = 0; k < (long)n * n; k++) sum += C[k];
    for (int i = 0; i < n; i++) trace += C[(long)i * n + i];
    printf("%.17g %.17g\n", sum, trace);
    free(A); free(B); free(C);
    return 0;
}
