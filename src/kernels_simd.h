/* kernels_simd.h — the bodies of the SIMD kernels, included by kernels.c once per target.
 *
 * Before each inclusion kernels.c defines KNAME(f) (f with the target's suffix) and KATTR
 * (the target attribute, or nothing for the x86-64 baseline); the static inline helpers and
 * the BINARY_LOOPS macro it defines first are inlined into every copy. No include guard:
 * it is meant to be included more than once. */

KATTR static void KNAME(kernel_binary)(KernelBinary op, double *z, const double *x, const double *y, size_t n) {
    BINARY_LOOPS(VEC_X, VEC_Y)
}

KATTR static void KNAME(kernel_binary_vs)(KernelBinary op, double *z, const double *x, double s, size_t n) {
    if (op == KB_POW && s == 2) { for (size_t i = 0; i < n; i++) z[i] = x[i] * x[i]; return; }
    BINARY_LOOPS(VEC_X, SCALAR_S)
}

KATTR static void KNAME(kernel_binary_sv)(KernelBinary op, double *z, double s, const double *y, size_t n) {
    BINARY_LOOPS(SCALAR_S, VEC_Y)
}

KATTR static void KNAME(kernel_unary)(KernelUnary f, double *z, const double *x, size_t n) {
    if ((f == KU_SIN || f == KU_COS) && vecmath_unary(f, z, x, n)) return;
    switch (f) {
    case KU_NEG: for (size_t i = 0; i < n; i++) z[i] = -x[i]; return;
    case KU_NOT: for (size_t i = 0; i < n; i++) z[i] = x[i] == 0; return;
    case KU_ABS: for (size_t i = 0; i < n; i++) z[i] = fabs(x[i]); return;
    case KU_SQR: for (size_t i = 0; i < n; i++) z[i] = x[i] * x[i]; return;
    case KU_SQRT: for (size_t i = 0; i < n; i++) z[i] = sqrt(x[i]); return;
    case KU_EXP: for (size_t i = 0; i < n; i++) z[i] = exp(x[i]); return;
    case KU_LOG: for (size_t i = 0; i < n; i++) z[i] = log(x[i]); return;
    case KU_LOG2: for (size_t i = 0; i < n; i++) z[i] = log2(x[i]); return;
    case KU_LOG10: for (size_t i = 0; i < n; i++) z[i] = log10(x[i]); return;
    case KU_SIN: for (size_t i = 0; i < n; i++) z[i] = sin(x[i]); return;
    case KU_COS: for (size_t i = 0; i < n; i++) z[i] = cos(x[i]); return;
    case KU_TAN: for (size_t i = 0; i < n; i++) z[i] = tan(x[i]); return;
    case KU_ASIN: for (size_t i = 0; i < n; i++) z[i] = asin(x[i]); return;
    case KU_ACOS: for (size_t i = 0; i < n; i++) z[i] = acos(x[i]); return;
    case KU_ATAN: for (size_t i = 0; i < n; i++) z[i] = atan(x[i]); return;
    case KU_SINH: for (size_t i = 0; i < n; i++) z[i] = sinh(x[i]); return;
    case KU_COSH: for (size_t i = 0; i < n; i++) z[i] = cosh(x[i]); return;
    case KU_TANH: for (size_t i = 0; i < n; i++) z[i] = tanh(x[i]); return;
    case KU_FLOOR: for (size_t i = 0; i < n; i++) z[i] = floor(x[i]); return;
    case KU_CEIL: for (size_t i = 0; i < n; i++) z[i] = ceil(x[i]); return;
    case KU_ROUND: for (size_t i = 0; i < n; i++) z[i] = round(x[i]); return;
    case KU_SIGN: for (size_t i = 0; i < n; i++) z[i] = sign_of(x[i]); return;
    default: for (size_t i = 0; i < n; i++) z[i] = NAN; return;
    }
}

KATTR static void KNAME(kernel_powk)(double *z, const double *x, double k, size_t n) {
    if (k == 2) { for (size_t i = 0; i < n; i++) z[i] = x[i] * x[i]; return; }
    if (k == 1) { for (size_t i = 0; i < n; i++) z[i] = x[i]; return; }
    if (k == -1) { for (size_t i = 0; i < n; i++) z[i] = 1 / x[i]; return; }
    for (size_t i = 0; i < n; i++) z[i] = pow(x[i], k);
}

KATTR static void KNAME(kernel_affine)(double *z, double start, double step, size_t first, size_t n) {
    for (size_t i = 0; i < n; i++) z[i] = start + (double)(first + i) * step;
}

/* Pairwise summation over blocks of 32 summed with 8 independent accumulators. */
KATTR static double KNAME(kernel_sum)(const double *x, size_t n) {
    if (n <= 256) {
        double acc[8] = {0, 0, 0, 0, 0, 0, 0, 0};
        size_t i = 0;
        for (; i + 8 <= n; i += 8)
            for (int k = 0; k < 8; k++) acc[k] += x[i + k];
        double s = ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
        for (; i < n; i++) s += x[i];
        return s;
    }
    size_t half = (n / 2) & ~(size_t)7;
    return KNAME(kernel_sum)(x, half) + KNAME(kernel_sum)(x + half, n - half);
}

KATTR static double KNAME(kernel_prod)(const double *x, size_t n) {
    double p = 1;
    for (size_t i = 0; i < n; i++) p *= x[i];
    return p;
}
