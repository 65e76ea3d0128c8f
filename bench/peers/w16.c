/* W16: an indexed loop as learners write Σ by hand: y = sin(1:N); s = Σ y[i]·y[i].
 * The loop alone is timed (clock_gettime), after y is made. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

int main(void) {
    const long n = 10000000;
    double *y = malloc((size_t)n * sizeof *y);
    if (!y) return 1;
    for (long i = 0; i < n; i++) y[i] = sin((double)(i + 1));
    double t0 = now();
    double s = 0.0;
    for (long i = 0; i < n; i++) s += y[i] * y[i];
    double t1 = now();
    printf("time: %.4f ms\n", 1e3 * (t1 - t0));
    printf("%.17g\n", s);
    free(y);
    return 0;
}
