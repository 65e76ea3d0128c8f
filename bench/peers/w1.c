/* W1: s = sum_{i=1}^{N} 1/i^2 as a plain forward loop. */
#include <stdio.h>

int main(void) {
    const long n = 10000000;
    double s = 0.0;
    for (long i = 1; i <= n; i++)
        s += 1.0 / ((double)i * (double)i);
    printf("%.17g\n", s);
    return 0;
}
