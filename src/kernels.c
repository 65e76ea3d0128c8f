/* kernels.c — SIMD element-wise kernels (see kernels.h).
 *
 * Each loop is written plainly so GCC vectorises it; kernels_simd.h is compiled as SSE2, AVX2
 * and AVX-512 versions of every kernel and the first kernel call picks one (see below). The libm functions
 * are declared with the `simd` attribute (as glibc's own math-vector.h does under
 * -ffast-math), so the vectorised loops call libmvec's _ZGVdN4v_exp and friends; mlm is
 * never built with -ffast-math, which would flush subnormals to zero. sin and cos of
 * arrays go to SLEEF when it is installed (vecmath.c: faster and within 1 ulp). pow stays scalar
 * (glibc's correctly rounded one), so 2^3 is exactly 8 in arrays as in scalars. */
#include "kernels.h"
#include "cpu.h"
#include "vecmath.h"

#include <math.h>
#include <pthread.h>

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

/* {===================== three copies and the dispatch on first use
 *
 * Each kernel is compiled for the x86-64 baseline (SSE2), AVX2 and AVX-512F — the targets the
 * target_clones attribute used to build — and the public functions call through a table chosen
 * the first time any kernel runs. target_clones resolved its ifuncs at load time, which links
 * libgcc's CPU detection (a constructor running cpuid): ~90 µs of every start in a VM, where
 * cpuid traps, though `mlm -e 1+1` runs no kernel. The pthread_once check on each call is one
 * load and a compare, against kernels that run over blocks of up to 256 elements. */

typedef struct KernelTable {
    void (*binary)(KernelBinary, double *, const double *, const double *, size_t);
    void (*binary_vs)(KernelBinary, double *, const double *, double, size_t);
    void (*binary_sv)(KernelBinary, double *, double, const double *, size_t);
    void (*unary)(KernelUnary, double *, const double *, size_t);
    void (*powk)(double *, const double *, double, size_t);
    void (*affine)(double *, double, double, size_t, size_t);
    double (*sum)(const double *, size_t);
    double (*prod)(const double *, size_t);
} KernelTable;

#define KERNEL_TABLE(SUFFIX)                                                              \
    { kernel_binary##SUFFIX, kernel_binary_vs##SUFFIX, kernel_binary_sv##SUFFIX,          \
      kernel_unary##SUFFIX, kernel_powk##SUFFIX, kernel_affine##SUFFIX, kernel_sum##SUFFIX, \
      kernel_prod##SUFFIX }

#define KNAME(f) f##_sse2
#define KATTR
#include "kernels_simd.h"
#undef KNAME
#undef KATTR
#define KNAME(f) f##_avx2
#define KATTR __attribute__((target("avx2")))
#include "kernels_simd.h"
#undef KNAME
#undef KATTR
#define KNAME(f) f##_avx512
#define KATTR __attribute__((target("avx512f")))
#include "kernels_simd.h"
#undef KNAME
#undef KATTR

static const KernelTable tables[3] = {KERNEL_TABLE(_sse2), KERNEL_TABLE(_avx2), KERNEL_TABLE(_avx512)};
static const KernelTable *table; /* written under `once`, or by kernels_force_width */
static pthread_once_t once = PTHREAD_ONCE_INIT;

static const KernelTable *table_for(int width) {
    return &tables[width >= 8 ? 2 : width >= 4 ? 1 : 0];
}

static void pick_table(void) {
    if (!table) table = table_for(cpu_simd_width());
}

static inline const KernelTable *kt(void) {
    pthread_once(&once, pick_table);
    return table;
}

int kernels_force_width(int width) {
    pthread_once(&once, pick_table);
    int best = cpu_simd_width();
    int w = width <= 0 || width > best ? best : width >= 8 ? 8 : width >= 4 ? 4 : 2;
    table = table_for(w);
    return w;
}

void kernel_binary(KernelBinary op, double *z, const double *x, const double *y, size_t n) {
    kt()->binary(op, z, x, y, n);
}
void kernel_binary_vs(KernelBinary op, double *z, const double *x, double s, size_t n) {
    kt()->binary_vs(op, z, x, s, n);
}
void kernel_binary_sv(KernelBinary op, double *z, double s, const double *y, size_t n) {
    kt()->binary_sv(op, z, s, y, n);
}
void kernel_unary(KernelUnary f, double *z, const double *x, size_t n) { kt()->unary(f, z, x, n); }
void kernel_powk(double *z, const double *x, double k, size_t n) { kt()->powk(z, x, k, n); }
void kernel_affine(double *z, double start, double step, size_t first, size_t n) {
    kt()->affine(z, start, step, first, n);
}
double kernel_sum(const double *x, size_t n) { return kt()->sum(x, n); }
double kernel_prod(const double *x, size_t n) { return kt()->prod(x, n); }

/* }===================== */
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
