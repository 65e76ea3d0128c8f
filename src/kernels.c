/* kernels.c — SIMD element-wise kernels (see kernels.h).
 *
 * Each loop is written plainly so GCC vectorises it; target_clones builds SSE2, AVX2 and
 * AVX-512 versions of every kernel and an ifunc picks one at load time. The libm functions
 * are declared with the `simd` attribute (as glibc's own math-vector.h does under
 * -ffast-math), so the vectorised loops call libmvec's _ZGVdN4v_exp and friends; mlm is
 * never built with -ffast-math, which would flush subnormals to zero. sin and cos of
 * arrays go to SLEEF when it is installed (vecmath.c: faster and within 1 ulp). pow stays scalar
 * (glibc's correctly rounded one), so 2^3 is exactly 8 in arrays as in scalars. */
#include "kernels.h"
#include "vecmath.h"

#include <math.h>

#pragma GCC optimize("O3")

#define SIMD_DECL __attribute__((__simd__("notinbranch")))
SIMD_DECL double exp(double);
SIMD_DECL double log(double);
SIMD_DECL double log2(double);
SIMD_DECL double log10(double);
SIMD_DECL double sin(double);
SIMD_DECL double cos(double);
SIMD_DECL double tan(double);
SIMD_DECL double asin(double);
SIMD_DECL double acos(double);
SIMD_DECL double atan(double);
SIMD_DECL double sinh(double);
SIMD_DECL double cosh(double);
SIMD_DECL double tanh(double);
SIMD_DECL double atan2(double, double);
SIMD_DECL double hypot(double, double);

#define CLONES __attribute__((target_clones("default", "avx2", "avx512f")))

#define floor_mod kernel_floor_mod
#define min_nan kernel_min_nan
#define max_nan kernel_max_nan

/* floor_mod without fmod: the floored quotient, then the remainder x − q·y by one fused
 * multiply-add, which is exact when q is right; q off by one (x/y rounded across an integer)
 * is corrected. Falls back to fmod where q is not an exactly representable integer. */
static inline double floor_mod_fast(double x, double y) {
    double q = floor(x / y);
    if (!(fabs(q) < 4503599627370496.0) || y == 0 || !isfinite(y)) return floor_mod(x, y);
    double r = fma(-q, y, x);
    if (y > 0) {
        if (r < 0) r += y;
        else if (r >= y) r -= y;
    } else {
        if (r > 0) r += y;
        else if (r <= y) r -= y;
    }
    return r;
}

static inline double sign_of(double x) { return x > 0 ? 1 : x < 0 ? -1 : x; }


double kernel_unary_scalar(KernelUnary f, double x) {
    switch (f) {
    case KU_NEG: return -x;
    case KU_NOT: return x == 0;
    case KU_ABS: return fabs(x);
    case KU_SQR: return x * x;
    case KU_SQRT: return sqrt(x);
    case KU_EXP: return exp(x);
    case KU_LOG: return log(x);
    case KU_LOG2: return log2(x);
    case KU_LOG10: return log10(x);
    case KU_SIN: return sin(x);
    case KU_COS: return cos(x);
    case KU_TAN: return tan(x);
    case KU_ASIN: return asin(x);
    case KU_ACOS: return acos(x);
    case KU_ATAN: return atan(x);
    case KU_SINH: return sinh(x);
    case KU_COSH: return cosh(x);
    case KU_TANH: return tanh(x);
    case KU_FLOOR: return floor(x);
    case KU_CEIL: return ceil(x);
    case KU_ROUND: return round(x);
    case KU_SIGN: return sign_of(x);
    default: return NAN;
    }
}

/* One loop per operator, with the operand access pattern given by X(i) and Y(i). */
#define BINARY_LOOPS(X, Y)                                                              \
    switch (op) {                                                                       \
    case KB_ADD: for (size_t i = 0; i < n; i++) z[i] = X(i) + Y(i); return;             \
    case KB_SUB: for (size_t i = 0; i < n; i++) z[i] = X(i) - Y(i); return;             \
    case KB_MUL: for (size_t i = 0; i < n; i++) z[i] = X(i) * Y(i); return;             \
    case KB_DIV: for (size_t i = 0; i < n; i++) z[i] = X(i) / Y(i); return;             \
    case KB_POW: for (size_t i = 0; i < n; i++) z[i] = pow(X(i), Y(i)); return;         \
    case KB_MOD: for (size_t i = 0; i < n; i++) z[i] = floor_mod_fast(X(i), Y(i)); return; \
    case KB_EQ: for (size_t i = 0; i < n; i++) z[i] = X(i) == Y(i); return;             \
    case KB_NE: for (size_t i = 0; i < n; i++) z[i] = X(i) != Y(i); return;             \
    case KB_LT: for (size_t i = 0; i < n; i++) z[i] = X(i) < Y(i); return;              \
    case KB_LE: for (size_t i = 0; i < n; i++) z[i] = X(i) <= Y(i); return;             \
    case KB_GT: for (size_t i = 0; i < n; i++) z[i] = X(i) > Y(i); return;              \
    case KB_GE: for (size_t i = 0; i < n; i++) z[i] = X(i) >= Y(i); return;             \
    case KB_MIN: for (size_t i = 0; i < n; i++) z[i] = min_nan(X(i), Y(i)); return;     \
    case KB_MAX: for (size_t i = 0; i < n; i++) z[i] = max_nan(X(i), Y(i)); return;     \
    case KB_ATAN2: for (size_t i = 0; i < n; i++) z[i] = atan2(X(i), Y(i)); return;     \
    case KB_HYPOT: for (size_t i = 0; i < n; i++) z[i] = hypot(X(i), Y(i)); return;     \
    default: for (size_t i = 0; i < n; i++) z[i] = NAN; return;                         \
    }

#define VEC_X(i) x[i]
#define VEC_Y(i) y[i]
#define SCALAR_S(i) s

CLONES void kernel_binary(KernelBinary op, double *z, const double *x, const double *y, size_t n) {
    BINARY_LOOPS(VEC_X, VEC_Y)
}

CLONES void kernel_binary_vs(KernelBinary op, double *z, const double *x, double s, size_t n) {
    if (op == KB_POW && s == 2) { for (size_t i = 0; i < n; i++) z[i] = x[i] * x[i]; return; }
    BINARY_LOOPS(VEC_X, SCALAR_S)
}

CLONES void kernel_binary_sv(KernelBinary op, double *z, double s, const double *y, size_t n) {
    BINARY_LOOPS(SCALAR_S, VEC_Y)
}

CLONES void kernel_unary(KernelUnary f, double *z, const double *x, size_t n) {
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

CLONES void kernel_powk(double *z, const double *x, double k, size_t n) {
    if (k == 2) { for (size_t i = 0; i < n; i++) z[i] = x[i] * x[i]; return; }
    if (k == 1) { for (size_t i = 0; i < n; i++) z[i] = x[i]; return; }
    if (k == -1) { for (size_t i = 0; i < n; i++) z[i] = 1 / x[i]; return; }
    for (size_t i = 0; i < n; i++) z[i] = pow(x[i], k);
}

CLONES void kernel_affine(double *z, double start, double step, size_t first, size_t n) {
    for (size_t i = 0; i < n; i++) z[i] = start + (double)(first + i) * step;
}

/* Pairwise summation over blocks of 32 summed with 8 independent accumulators. */
CLONES double kernel_sum(const double *x, size_t n) {
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
    return kernel_sum(x, half) + kernel_sum(x + half, n - half);
}

CLONES double kernel_prod(const double *x, size_t n) {
    double p = 1;
    for (size_t i = 0; i < n; i++) p *= x[i];
    return p;
}

double kernel_min(const double *x, size_t n) {
    double best = INFINITY;
    for (size_t i = 0; i < n; i++) {
        if (x[i] != x[i]) return NAN;
        if (x[i] < best) best = x[i];
    }
    return best;
}

double kernel_max(const double *x, size_t n) {
    double best = -INFINITY;
    for (size_t i = 0; i < n; i++) {
        if (x[i] != x[i]) return NAN;
        if (x[i] > best) best = x[i];
    }
    return best;
}
