/* kernels.h — SIMD element-wise kernels over contiguous doubles, with run-time dispatch.
 *
 * Every kernel is compiled three times (x86-64 baseline SSE2, AVX2, AVX-512F); the first call
 * of any kernel picks the widest the CPU runs (cpu.h), so one binary is fast everywhere.
 * Transcendentals (exp, log, tanh, …) are vectorised through glibc's libmvec (documented
 * accuracy: at most 4 ulp), sin and cos through SLEEF when installed (vecmath.h, 1 ulp),
 * else libmvec; the scalar reference (kernel_*_scalar, libm) stays the test
 * oracle. Sums use pairwise summation. No kernel allocates. */
#ifndef MLM_KERNELS_H
#define MLM_KERNELS_H

#include <math.h>
#include <stddef.h>

typedef enum KernelBinary {
    KB_NONE = 0,
    KB_ADD, KB_SUB, KB_MUL, KB_DIV, KB_POW, KB_MOD,
    KB_EQ, KB_NE, KB_LT, KB_LE, KB_GT, KB_GE,
    KB_MIN, KB_MAX, KB_ATAN2, KB_HYPOT,
    KB_COUNT
} KernelBinary;

typedef enum KernelUnary {
    KU_NONE = 0,
    KU_NEG, KU_NOT, KU_ABS, KU_SQR, KU_SQRT, KU_EXP, KU_LOG, KU_LOG2, KU_LOG10, KU_SIN, KU_COS,
    KU_TAN, KU_ASIN, KU_ACOS, KU_ATAN, KU_SINH, KU_COSH, KU_TANH, KU_FLOOR, KU_CEIL, KU_ROUND,
    KU_SIGN,
    KU_COUNT
} KernelUnary;

/* z[i] = x[i] op y[i]; z may alias x or y. */
void kernel_binary(KernelBinary op, double *z, const double *x, const double *y, size_t n);
/* z[i] = x[i] op s */
void kernel_binary_vs(KernelBinary op, double *z, const double *x, double s, size_t n);
/* z[i] = s op y[i] */
void kernel_binary_sv(KernelBinary op, double *z, double s, const double *y, size_t n);
/* z[i] = f(x[i]) */
void kernel_unary(KernelUnary f, double *z, const double *x, size_t n);
/* z[i] = x[i] ^ k for a constant k (k = 2, 1, -1 take shortcuts that give pow's exact result) */
void kernel_powk(double *z, const double *x, double k, size_t n);
/* z[i] = start + (first + i) * step */
void kernel_affine(double *z, double start, double step, size_t first, size_t n);
/* Σ x[i], pairwise (error O(log n)). */
double kernel_sum(const double *x, size_t n);
/* min / max (NaN if any element is NaN), product. */
double kernel_min(const double *x, size_t n);
double kernel_max(const double *x, size_t n);
double kernel_prod(const double *x, size_t n);

/* Adds x to a compensated (Neumaier) sum: *sum + *comp is the running total. */
static inline void neumaier_add(double *sum, double *comp, double x) {
    double t = *sum + x;
    if ((*sum >= 0 ? *sum : -*sum) >= (x >= 0 ? x : -x)) *comp += (*sum - t) + x;
    else *comp += (x - t) + *sum;
    *sum = t;
}

/* Makes the kernels use the copies for `width` doubles (2, 4 or 8; 0 = the widest the CPU
 * runs), never wider than the CPU allows; returns the width now in use. For tests. */
int kernels_force_width(int width);

/* The floored remainder: the result has the sign of the divisor (mlm's %). */
static inline double kernel_floor_mod(double x, double y) {
    double r = fmod(x, y);
    return (r != 0 && ((r < 0) != (y < 0))) ? r + y : r;
}
/* min and max that give nan when either operand is nan. */
static inline double kernel_min_nan(double a, double b) { return a != a || b != b ? NAN : a < b ? a : b; }
static inline double kernel_max_nan(double a, double b) { return a != a || b != b ? NAN : a > b ? a : b; }

/* The scalar meaning of each binary kernel: the one definition of mlm's arithmetic, inlined
 * by the scalar fast paths (eval.c, prog.c) and the test oracle of the SIMD loops. x^2 is x·x,
 * which is pow's correctly rounded result. */
static inline double kernel_binary_scalar(KernelBinary op, double x, double y) {
    switch (op) {
    case KB_ADD: return x + y;
    case KB_SUB: return x - y;
    case KB_MUL: return x * y;
    case KB_DIV: return x / y;
    case KB_POW: return y == 2 ? x * x : pow(x, y);
    case KB_MOD: return kernel_floor_mod(x, y);
    case KB_EQ: return x == y;
    case KB_NE: return x != y;
    case KB_LT: return x < y;
    case KB_LE: return x <= y;
    case KB_GT: return x > y;
    case KB_GE: return x >= y;
    case KB_MIN: return kernel_min_nan(x, y);
    case KB_MAX: return kernel_max_nan(x, y);
    case KB_ATAN2: return atan2(x, y);
    case KB_HYPOT: return hypot(x, y);
    default: return NAN;
    }
}

/* The scalar meaning of each unary kernel. */
double kernel_unary_scalar(KernelUnary f, double x);

#endif
