/* test_kernels.c — the SIMD kernels against their scalar reference, for every length 0–67
 * (so every vector width's main loop and tail are exercised) on random data, and the fused
 * engine against the element-wise engine. Arithmetic and comparisons must agree exactly;
 * libmvec's transcendentals within 4 ulp, SLEEF's sin and cos (vecmath.c) within 1.5 ulp of
 * libm (each within 1 ulp, libm within 0.5, of the exact value). The kernel tests run once per
 * vector width the CPU has (SSE2, AVX2, AVX-512F: kernels_force_width), so every copy of the
 * kernels is checked on a machine that can run it. */
#include <check.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interp.h"
#include "kernels.h"
#include "source.h"
#include "vecmath.h"

enum { MAX_LEN = 67 };

/* Check writes a record for every assertion, which is slow inside loops of thousands of
 * comparisons: each loop notes its first failure here and asserts once at the end. */
typedef struct FirstFailure {
    int count;
    char what[256];
} FirstFailure;

#define EXPECT(ff, cond, ...)                                                        \
    do {                                                                             \
        if (!(cond) && (ff)->count++ == 0) snprintf((ff)->what, sizeof (ff)->what, __VA_ARGS__); \
    } while (0)
#define ASSERT_NONE(ff) ck_assert_msg((ff)->count == 0, "%d failures, first: %s", (ff)->count, (ff)->what)

/* Deterministic random doubles in [lo, hi). */
static double rnd(uint64_t *state, double lo, double hi) {
    *state = *state * 6364136223846793005ULL + 1442695040888963407ULL;
    return lo + (hi - lo) * (double)(*state >> 11) / 9007199254740992.0;
}

static double ulps(double a, double b) {
    if (a == b || (isnan(a) && isnan(b))) return 0;
    if (isnan(a) || isnan(b) || isinf(a) || isinf(b)) return INFINITY;
    double scale = fmax(fabs(a), fabs(b));
    return fabs(a - b) / (nextafter(scale, INFINITY) - scale);
}

/* Loop tests pass _i = 0, 1, 2 for widths 2, 4, 8 doubles; false when the CPU lacks it. */
static bool at_width(int i) {
    static const int widths[] = {2, 4, 8};
    return kernels_force_width(widths[i]) == widths[i];
}

static void widest(void) { kernels_force_width(0); }

START_TEST(binary_kernels_match_scalar) {
    if (!at_width(_i)) return;
    FirstFailure ff = {0};
    uint64_t seed = 42;
    double x[MAX_LEN + 1], y[MAX_LEN + 1], z[MAX_LEN + 1];
    for (int op = KB_NONE + 1; op < KB_COUNT; op++) {
        for (size_t n = 0; n <= MAX_LEN; n++) {
            for (size_t i = 0; i < n; i++) {
                x[i] = rnd(&seed, -5, 5);
                y[i] = i % 7 == 3 ? x[i] : rnd(&seed, -5, 5); /* some equal pairs for == */
                if (op == KB_POW) x[i] = fabs(x[i]);
            }
            double s = rnd(&seed, 0.5, 3);
            kernel_binary((KernelBinary)op, z, x, y, n);
            for (size_t i = 0; i < n; i++)
                EXPECT(&ff, ulps(z[i], kernel_binary_scalar((KernelBinary)op, x[i], y[i])) <= 4,
                       "op %d n %zu i %zu: %.17g vs %.17g", op, n, i, z[i],
                       kernel_binary_scalar((KernelBinary)op, x[i], y[i]));
            kernel_binary_vs((KernelBinary)op, z, x, s, n);
            for (size_t i = 0; i < n; i++)
                EXPECT(&ff, ulps(z[i], kernel_binary_scalar((KernelBinary)op, x[i], s)) <= 4, "vs op %d", op);
            kernel_binary_sv((KernelBinary)op, z, s, y, n);
            for (size_t i = 0; i < n; i++)
                EXPECT(&ff, ulps(z[i], kernel_binary_scalar((KernelBinary)op, s, y[i])) <= 4, "sv op %d", op);
            if (op <= KB_DIV || (op >= KB_EQ && op <= KB_MAX)) {
                /* exact for arithmetic, comparisons, min and max */
                kernel_binary((KernelBinary)op, z, x, y, n);
                for (size_t i = 0; i < n; i++)
                    EXPECT(&ff, z[i] == kernel_binary_scalar((KernelBinary)op, x[i], y[i]), "exact op %d", op);
            }
        }
    }
    ASSERT_NONE(&ff);
}
END_TEST

START_TEST(unary_kernels_match_scalar) {
    if (!at_width(_i)) return;
    FirstFailure ff = {0};
    uint64_t seed = 7;
    double x[MAX_LEN + 1], z[MAX_LEN + 1];
    for (int f = KU_NONE + 1; f < KU_COUNT; f++) {
        for (size_t n = 0; n <= MAX_LEN; n++) {
            for (size_t i = 0; i < n; i++) {
                double lo = -3, hi = 3;
                if (f == KU_LOG || f == KU_LOG2 || f == KU_LOG10 || f == KU_SQRT) lo = 1e-3, hi = 1e3;
                if (f == KU_ASIN || f == KU_ACOS) lo = -1, hi = 1;
                if (f == KU_SIN || f == KU_COS || f == KU_TAN) lo = -1e4, hi = 1e4;
                x[i] = rnd(&seed, lo, hi);
            }
            kernel_unary((KernelUnary)f, z, x, n);
            for (size_t i = 0; i < n; i++) {
                double want = kernel_unary_scalar((KernelUnary)f, x[i]);
                EXPECT(&ff, ulps(z[i], want) <= 4, "f %d n %zu x %.17g: %.17g vs %.17g", f, n, x[i], z[i], want);
            }
        }
    }
    /* special values go through unchanged in meaning */
    double specials[] = {0.0, -0.0, INFINITY, -INFINITY, NAN, 5e-324, 1e308};
    for (int f = KU_NONE + 1; f < KU_COUNT; f++) {
        kernel_unary((KernelUnary)f, z, specials, 7);
        for (int i = 0; i < 7; i++) {
            double want = kernel_unary_scalar((KernelUnary)f, specials[i]);
            /* sign(nan): valgrind's emulation of the vector blend differs from the CPU's */
            if (f == KU_SIGN && isnan(specials[i])) continue;
            EXPECT(&ff, isnan(want) ? isnan(z[i]) : ulps(z[i], want) <= 4, "f %d special %d", f, i);
        }
    }
    ASSERT_NONE(&ff);
}
END_TEST

START_TEST(sleef_sin_cos_match_libm) {
    /* make deps installs libsleef3: its absence would silently cost speed, so it fails here */
    ck_assert_msg(vecmath_loaded(), "libsleef.so.3 did not load (Debian package libsleef3)");
    FirstFailure ff = {0};
    uint64_t seed = 11;
    enum { LEN = 1000 };
    static double x[LEN], z[LEN];
    size_t lengths[] = {VECMATH_MIN_LEN, 65, 66, 67, 71, 256, LEN};
    for (int f = KU_SIN; f <= KU_COS; f++)
        for (size_t k = 0; k < sizeof lengths / sizeof *lengths; k++) {
            size_t n = lengths[k];
            for (size_t i = 0; i < n; i++) x[i] = rnd(&seed, -1e7, 1e7);
            double specials[] = {0.0, -0.0, INFINITY, -INFINITY, NAN, 5e-324, 1e308, 1e22, -1e-300};
            for (size_t i = 0; i < sizeof specials / sizeof *specials; i++) x[(i * 7) % n] = specials[i];
            ck_assert(vecmath_unary((KernelUnary)f, z, x, n));
            for (size_t i = 0; i < n; i++) {
                double want = f == KU_SIN ? sin(x[i]) : cos(x[i]);
                EXPECT(&ff, isnan(want) ? isnan(z[i]) : ulps(z[i], want) <= 1.5 && signbit(z[i]) == signbit(want),
                       "f %d n %zu x %.17g: %.17g vs libm %.17g", f, n, x[i], z[i], want);
            }
        }
    /* shorter arrays and other functions are not SLEEF's: the caller keeps libmvec */
    ck_assert(!vecmath_unary(KU_SIN, z, x, VECMATH_MIN_LEN - 1));
    ck_assert(!vecmath_unary(KU_EXP, z, x, LEN));
    ASSERT_NONE(&ff);
}
END_TEST

START_TEST(reductions_and_sequences) {
    if (!at_width(_i)) return;
    FirstFailure ff = {0};
    uint64_t seed = 3;
    double x[1000] = {0};
    for (size_t n = 0; n <= 1000; n += n < 70 ? 1 : 37) {
        double naive = 0, lo = INFINITY, hi = -INFINITY, p = 1;
        for (size_t i = 0; i < n; i++) {
            x[i] = rnd(&seed, -1, 1);
            naive += x[i];
            lo = fmin(lo, x[i]);
            hi = fmax(hi, x[i]);
            p *= 1 + x[i] / 100;
        }
        EXPECT(&ff, fabs(kernel_sum(x, n) - naive) <= 1e-12, "sum n %zu", n);
        EXPECT(&ff, n == 0 || (kernel_min(x, n) == lo && kernel_max(x, n) == hi), "min/max n %zu", n);
    }
    x[3] = NAN;
    ck_assert(isnan(kernel_min(x, 10)) && isnan(kernel_max(x, 10)));
    double z[67];
    kernel_affine(z, 1, 0.5, 10, 67);
    for (int i = 0; i < 67; i++) EXPECT(&ff, z[i] == 1 + (10 + i) * 0.5, "affine %d", i);
    double y[67];
    for (int i = 0; i < 67; i++) y[i] = i - 30;
    kernel_powk(z, y, 2, 67);
    for (int i = 0; i < 67; i++) EXPECT(&ff, z[i] == y[i] * y[i], "powk 2 at %d", i);
    kernel_powk(z, y, -1, 67);
    for (int i = 0; i < 67; i++) EXPECT(&ff, z[i] == pow(y[i], -1), "powk -1 at %d", i);
    ASSERT_NONE(&ff);
}
END_TEST

/* Runs text in a fresh session and returns what it printed (malloc'd). */
/* Runs text in a new session whose fused engine may use `threads` threads (0: the default);
 * returns what it printed, errors after output (caller frees). */
static char *run_threads(const char *text, int threads) {
    char *buf = NULL, *ebuf = NULL;
    size_t len = 0, elen = 0;
    FILE *out = open_memstream(&buf, &len), *err = open_memstream(&ebuf, &elen);
    Interp *in = interp_new(out, err);
    ck_assert_ptr_nonnull(in);
    if (threads > 0) in->threads = threads;
    Source *src = source_new("t.mlm", text, strlen(text));
    interp_run(in, src, false);
    source_release(src);
    interp_free(in);
    fclose(out);
    fclose(err);
    if (elen) {
        char *both = malloc(len + elen + 2);
        snprintf(both, len + elen + 2, "%s%s", buf, ebuf);
        free(buf);
        buf = both;
    }
    free(ebuf);
    return buf;
}

static char *run(const char *text) { return run_threads(text, 0); }

static void same_output(const char *fused, const char *reference) {
    char *a = run(fused), *b = run(reference);
    ck_assert_msg(strcmp(a, b) == 0, "\n%s\n→ %s\nvs\n%s\n→ %s", fused, a, reference, b);
    free(a);
    free(b);
}

START_TEST(fused_engine_agrees_with_the_element_wise_engine) {
    if (!at_width(_i)) return;
    /* the reference forces the general path: a block body (not compiled) or materialised arrays */
    same_output("x = [1, 2, 3, 4.5]; y = x * 2 - 1 / x + exp(-x) - sqrt(x)\nfor v in y { printf(\"%.17g \", v) }",
                "x = [1, 2, 3, 4.5]; id(v) = { return v }\n"
                "y = id(x) * 2 - 1 / id(x) + id(exp(-x)) - id(sqrt(x))\nfor v in y { printf(\"%.17g \", v) }");
    same_output("i = 1:1000; printf(\"%.17g\", sum(1 / i^2))",
                "i = 1:1000; i[1] = 1; printf(\"%.17g\", sum(1 / i^2))");
    same_output("printf(\"%.14g\", sum(i, 1, 100, 1 / i^2))",
                "t = 0; for i in 1..100 { t = t + 1 / i^2 }; printf(\"%.14g\", t)");
    same_output("printf(\"%.14g\", sum(i, 1, 1000, sigmoid(i / 100 - 5)))",
                "t = 0; for i in 1..1000 { t = t + 1 / (1 + exp(-(i / 100 - 5))) }; printf(\"%.14g\", t)");
    same_output("y = [3, 5, 2]; yh = [2.5, 5, 4]; printf(\"%.17g\", Σ_{i=1}^{3} (y[i] - yh[i])^2)",
                "printf(\"%.17g\", 0.5^2 + 0 + 2^2)");
    /* broadcasting: a column against a row (lazy or stored), a matrix against its row and its
     * column, one element against all, rows shorter and longer than a block */
    const char *print_all = "\nfor v in reshape(Z, 1, numel(Z)) { printf(\"%.17g \", v) }";
    const char *broadcasts[][2] = {
        {"c = reshape(1:300, 300, 1); r = 1:700\nZ = (c + 2 * r) % 7 - 2",
         "c = reshape(1:300, 300, 1); r = 1:700; id(v) = { return v }\nZ = id(id(c + id(2 * r)) % 7) - 2"},
        {"c = reshape(linspace(-1, 1, 40), 40, 1); r = linspace(0, 3, 9) * 1\nZ = exp(c) * r - c / (1 + r)",
         "c = reshape(linspace(-1, 1, 40), 40, 1); r = linspace(0, 3, 9) * 1; id(v) = { return v }\n"
         "Z = id(id(exp(c)) * r) - id(c / id(1 + r))"},
        {"M = reshape(1:12, 4, 3) / 7; c = [1; 2; 3; 4]\nZ = (M - [1, 2, 3]) * c + [5]",
         "M = reshape(1:12, 4, 3) / 7; c = [1; 2; 3; 4]; id(v) = { return v }\nZ = id(id(M - [1, 2, 3]) * c) + [5]"},
    };
    for (size_t k = 0; k < sizeof broadcasts / sizeof *broadcasts; k++) {
        char fused[512], general[512];
        snprintf(fused, sizeof fused, "%s%s", broadcasts[k][0], print_all);
        snprintf(general, sizeof general, "%s%s", broadcasts[k][1], print_all);
        same_output(fused, general);
    }
    /* and it runs fused: the result is the only array made */
    char *t = run("c = reshape(1:300, 300, 1); r = 1:700\ntime Z = (c + 2 * r) % 7 - 2");
    ck_assert_msg(strstr(t, ", 1 array allocated (1.602 MiB)") != NULL, "%s", t);
    free(t);
    /* errors inside fused code are the same errors */
    char *e = run("y = 1:100; sum(i, 1, 101, y[i])");
    ck_assert_str_eq(e, "t.mlm:1:29: error: index 101 is out of range 1..100 (length 100)\n"
                        "  y = 1:100; sum(i, 1, 101, y[i])\n"
                        "                              ^\n");
    free(e);
}
END_TEST

START_TEST(compiled_loops_agree_with_the_general_path) {
    /* The same loop twice: as written (compiled: statements that read what the one before
     * stored take it from a register, stores fused into the last operator) and with a no-op
     * `if` added, which keeps the loop on the general path. Output and errors must match. */
    struct { const char *before, *body, *after; } loops[] = {
        {"x = 5; lr = 0.1\n", "g = 2 * x\nx = x - lr * g\n", "printf(\"%.17g %.17g\", x, g)"},
        {"a = 1; b = 2\n", "t = a + b\na = b\nb = t\n", "printf(\"%g %g %g\", a, b, t)"},
        {"x = 2\n", "y = x * 3\nx = y + x\nz = x - y + k\n", "printf(\"%g %g %g\", x, y, z)"},
        {"x = \"a\"\n", "y = 1 + k\nx = y * 2\n", "printf(\"%g\", x)"},      /* x was a string */
        {"x = \"a\"\n", "y = x + 1\nx = y * 2\n", "printf(\"%g\", x)"},      /* an error, same place */
        {"s = 0; p = 1\n", "s = s + p\np = p * 0.5 + s / 100\ns = s - p / 3\n", "printf(\"%.17g %.17g\", s, p)"},
    };
    for (size_t i = 0; i < sizeof loops / sizeof *loops; i++) {
        char fused[512], general[512];
        snprintf(fused, sizeof fused, "%sfor k = 1:40 {\n%s}\n%s", loops[i].before, loops[i].body, loops[i].after);
        snprintf(general, sizeof general, "%sfor k = 1:40 {\n%sif k < 0 { print(k) }\n}\n%s", loops[i].before,
                 loops[i].body, loops[i].after);
        same_output(fused, general);
    }
    /* inside a function: locals */
    same_output("f(n) = {\n  s = 0; p = 1\n  for k = 1:n {\n    s = s + p\n    p = p * 0.5 + s / 100\n  }\n  return s + p\n}\n"
                "printf(\"%.17g\", f(40))",
                "f(n) = {\n  s = 0; p = 1\n  for k = 1:n {\n    s = s + p\n    p = p * 0.5 + s / 100\n    if k < 0 { print(k) }\n  }\n  return s + p\n}\n"
                "printf(\"%.17g\", f(40))");
}
END_TEST

START_TEST(threads_give_the_same_numbers_as_one) {
    /* 300,001 and 400,000 elements: enough blocks for 2–4 threads; reductions combine the
     * blocks' values in order, so every digit must agree with one thread */
    const char *programs[] = {
        "x = linspace(-5, 5, 300001)\n"
        "printf(\"%.17g %.17g %.17g %.17g %.17g\", sum(exp(-x^2)), mean(sin(x)), min(cos(3x)), max(x^3 - x), prod(1 + x/1e6))",
        "x = linspace(-5, 5, 300001); y = sin(x) * 2 + 1\n"
        "printf(\"%.17g %.17g %.17g %.17g\", y[1], y[150000], y[end], sum(y))",
        "printf(\"%.17g\", Σ_{i=1}^{400000} 1/i^2)",
        "z = linspace(0, 1, 300001); z[299999] = nan; printf(\"%g %g\", min(z * 2), max(z + 1))",
        "c = reshape(1:600, 600, 1) / 600; r = linspace(0, 1, 700)\n"
        "Z = exp(-c) * r - c; printf(\"%.17g %.17g %.17g\", sum(exp(-c) * r), Z[600, 700], sum(Z))",
    };
    for (size_t k = 0; k < sizeof programs / sizeof *programs; k++) {
        char *one = run_threads(programs[k], 1);
        for (int threads = 2; threads <= 4; threads++) {
            char *many = run_threads(programs[k], threads);
            ck_assert_msg(strcmp(one, many) == 0, "%d threads: %s\nvs one: %s", threads, many, one);
            free(many);
        }
        free(one);
    }
}
END_TEST

/* Runs text in a session whose Ctrl-C flag is already up (threads > 0 sets the fused
 * engine's threads) and checks that it stopped with "interrupted". */
static void stops_when_interrupted(const char *text, int threads) {
    char *buf = NULL, *ebuf = NULL;
    size_t len = 0, elen = 0;
    FILE *out = open_memstream(&buf, &len), *err = open_memstream(&ebuf, &elen);
    Interp *in = interp_new(out, err);
    if (threads > 0) in->threads = threads;
    volatile sig_atomic_t flag = 1;
    in->interrupted = &flag;
    Source *src = source_new("t.mlm", text, strlen(text));
    ck_assert_int_eq(interp_run(in, src, false), RUN_ERROR);
    ck_assert(in->interrupt_seen);
    source_release(src);
    interp_free(in);
    fclose(out);
    fclose(err);
    ck_assert_msg(strstr(ebuf, "error: interrupted") != NULL, "%s", ebuf);
    free(buf);
    free(ebuf);
}

START_TEST(threads_stop_on_an_interrupt) {
    stops_when_interrupted("x = 1:4e6\ns = sum(sin(x))\n", 2);
}
END_TEST

START_TEST(recursion_notices_an_interrupt) {
    /* f(60) makes 2^60 calls: only polling the interrupt flag inside calls ends it */
    stops_when_interrupted("f(x) = if x < 1 then 0 else f(x - 1) + f(x - 1)\nf(60)\n", 0);
}
END_TEST

Suite *kernels_suite(void) {
    Suite *s = suite_create("kernels");
    TCase *tc = tcase_create("Core");
    tcase_set_timeout(tc, 30);
    tcase_add_checked_fixture(tc, NULL, widest);
    tcase_add_loop_test(tc, binary_kernels_match_scalar, 0, 3);
    tcase_add_loop_test(tc, unary_kernels_match_scalar, 0, 3);
    tcase_add_test(tc, sleef_sin_cos_match_libm);
    tcase_add_loop_test(tc, reductions_and_sequences, 0, 3);
    tcase_add_loop_test(tc, fused_engine_agrees_with_the_element_wise_engine, 0, 3);
    tcase_add_test(tc, compiled_loops_agree_with_the_general_path);
    tcase_add_test(tc, threads_give_the_same_numbers_as_one);
    tcase_add_test(tc, threads_stop_on_an_interrupt);
    tcase_add_test(tc, recursion_notices_an_interrupt);
    suite_add_tcase(s, tc);
    return s;
}
