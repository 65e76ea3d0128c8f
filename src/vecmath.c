/* vecmath.c — sin and cos over arrays with SLEEF, loaded on first use (see vecmath.h).
 *
 * Why SLEEF for these two: over 10^7 arguments 1..10^7 in 256-element blocks (the fused
 * engine's), AVX-512, this machine: sin 17.3 ms with SLEEF's u10 against 24.3 ms with
 * libmvec, cos 21.0 against 25.0 ms; the largest relative difference from libm's correctly
 * rounded-in-practice result is 2.2e-16 for SLEEF (1.0 ulp bound) against 4.4e-16 for
 * libmvec (4 ulp bound). For exp, log and tanh libmvec is as fast or faster (exp 6.1 against
 * 6.0 ms, log 7.1 against 7.7, tanh 15.0 against 21.5), so they stay on libmvec.
 *
 * Like OpenBLAS (blas_loader.c), libsleef is opened with dlopen the first time an array of
 * at least VECMATH_MIN_LEN elements needs sin or cos, so start-up never pays for it. If it
 * cannot be loaded, vecmath_unary says so and the caller uses libmvec: slower, never wrong.
 * The width is picked once from the CPU: 8 doubles (AVX-512F), 4 (AVX2 with FMA, which
 * SLEEF's AVX2 code uses) or 2 (SSE2, every x86-64). */
#include "vecmath.h"

#include "cpu.h"

#include <dlfcn.h>
#include <immintrin.h>
#include <pthread.h>
#include <string.h>

typedef __m512d (*Vec8Fn)(__m512d);
typedef __m256d (*Vec4Fn)(__m256d);
typedef __m128d (*Vec2Fn)(__m128d);

/* What the loader found: written once under `once`, read-only afterwards. */
typedef struct Sleef {
    int width;          /* 8, 4 or 2 doubles per call; 0 when libsleef is not there */
    void *sin_fn, *cos_fn;
    void *erfc_fn;      /* NULL when this libsleef lacks it */
} Sleef;

static Sleef sleef;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void load_sleef(void) {
    void *lib = dlopen("libsleef.so.3", RTLD_NOW | RTLD_LOCAL);
    if (!lib) return;
    /* cpu.h, not __builtin_cpu_supports, which would link libgcc's start-up cpuid. */
    int width = cpu_simd_width();
    if (width == 4 && !cpu_has_fma()) width = 2;
    const char *sin_name = width == 8 ? "Sleef_sind8_u10avx512f" : width == 4 ? "Sleef_sind4_u10avx2" : "Sleef_sind2_u10sse2";
    const char *cos_name = width == 8 ? "Sleef_cosd8_u10avx512f" : width == 4 ? "Sleef_cosd4_u10avx2" : "Sleef_cosd2_u10sse2";
    void *s = dlsym(lib, sin_name), *c = dlsym(lib, cos_name);
    if (!s || !c) {
        dlclose(lib);
        return;
    }
    sleef.sin_fn = s;
    sleef.cos_fn = c;
    sleef.erfc_fn = dlsym(lib, width == 8 ? "Sleef_erfcd8_u15avx512f" : width == 4 ? "Sleef_erfcd4_u15avx2" : "Sleef_erfcd2_u15sse2");
    sleef.width = width;
}

/* z[i] = f(x[i]) for n elements, WIDTH at a time; the last partial vector goes through a
 * zero-padded copy so no call reads or writes past the arrays. One definition per width. */
#define DEFINE_APPLY(NAME, WIDTH, FN_TYPE, LOAD, STORE)                               \
    static void NAME(FN_TYPE f, double *z, const double *x, size_t n) {               \
        size_t i = 0;                                                                 \
        for (; i + WIDTH <= n; i += WIDTH) STORE(z + i, f(LOAD(x + i)));              \
        if (i < n) {                                                                  \
            double in[WIDTH] = {0}, out[WIDTH];                                       \
            memcpy(in, x + i, (n - i) * sizeof *in);                                  \
            STORE(out, f(LOAD(in)));                                                  \
            memcpy(z + i, out, (n - i) * sizeof *out);                                \
        }                                                                             \
    }
__attribute__((target("avx512f"))) DEFINE_APPLY(apply8, 8, Vec8Fn, _mm512_loadu_pd, _mm512_storeu_pd)
__attribute__((target("avx2,fma"))) DEFINE_APPLY(apply4, 4, Vec4Fn, _mm256_loadu_pd, _mm256_storeu_pd)
DEFINE_APPLY(apply2, 2, Vec2Fn, _mm_loadu_pd, _mm_storeu_pd)
#undef DEFINE_APPLY

bool vecmath_unary(KernelUnary f, double *z, const double *x, size_t n) {
    if ((f != KU_SIN && f != KU_COS) || n < VECMATH_MIN_LEN) return false;
    pthread_once(&once, load_sleef);
    void *fn = f == KU_SIN ? sleef.sin_fn : sleef.cos_fn;
    switch (sleef.width) {
    case 8: apply8((Vec8Fn)fn, z, x, n); return true;
    case 4: apply4((Vec4Fn)fn, z, x, n); return true;
    case 2: apply2((Vec2Fn)fn, z, x, n); return true;
    default: return false;
    }
}

bool vecmath_erfc(double *z, const double *x, size_t n) {
    if (n < VECMATH_MIN_LEN) return false;
    pthread_once(&once, load_sleef);
    if (!sleef.erfc_fn) return false;
    switch (sleef.width) {
    case 8: apply8((Vec8Fn)sleef.erfc_fn, z, x, n); return true;
    case 4: apply4((Vec4Fn)sleef.erfc_fn, z, x, n); return true;
    case 2: apply2((Vec2Fn)sleef.erfc_fn, z, x, n); return true;
    default: return false;
    }
}

bool vecmath_loaded(void) {
    pthread_once(&once, load_sleef);
    return sleef.width != 0;
}
