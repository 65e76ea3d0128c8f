/* W6: 10^7 steps of gradient descent on x^2 (runs mostly on subnormals). */
#include <stdio.h>

int main(void) {
    double x = 5.0, lr = 0.1;
    for (long k = 0; k < 10000000; k++) {
        double g = 2.0 * x;
        x = x - lr * g;
    }
    printf("%.17g\n", x);
    return 0;
}
