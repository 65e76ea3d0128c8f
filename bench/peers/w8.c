/* W8: memory bandwidth of c = a + b over 10^7 doubles (already-mapped memory, best of 10). */
#define _POSIX_C_SOURCE 199309L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

int main(void) {
    const long n = 10000000;
    double *a = malloc(n * sizeof *a), *b = malloc(n * sizeof *b), *c = malloc(n * sizeof *c);
    if (!a || !b || !c) return 1;
    for (long i = 0; i < n; i++) { a[i] = i; b[i] = 2.0 * i; c[i] = 0.0; }
    double best = 1e30;
    for (int rep = 0; rep < 10; rep++) {
        double t0 = now();
        for (long i = 0; i < n; i++) c[i] = a[i] + b[i];
        double t = now() - t0;
        if (t < best) best = t;
    }
    if (c[n - 1] != 3.0 * (n - 1)) return 1;
    printf("%.2f GB/s\n", 3.0 * n * sizeof(double) / best / 1e9);
    free(a); free(b); free(c);
    return 0;
}
