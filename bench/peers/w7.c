/* W7: eigenvalues and eigenvectors of A_ij = min(i, j), n = 500, with LAPACKE_dsyevd. */
#include <stdio.h>
#include <stdlib.h>
#include <lapacke.h>

int main(void) {
    const int n = 500;
    double *A = malloc(sizeof(double) * n * n), *w = malloc(sizeof(double) * n);
    if (!A || !w) return 1;
    for (int i = 1; i <= n; i++)
        for (int j = 1; j <= n; j++)
            A[(i - 1) * n + (j - 1)] = i < j ? i : j;
    if (LAPACKE_dsyevd(LAPACK_ROW_MAJOR, 'V', 'U', n, A, n, w) != 0) return 1;
    printf("%.17g\n", w[n - 1]); /* ascending order: the last is the largest */
    free(A); free(w);
    return 0;
}
