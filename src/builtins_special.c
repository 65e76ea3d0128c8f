/* builtins_special.c — counting and special functions, the rest of a calculator's keys:
 * factorial (and postfix n!), choose, perm, gamma, lgamma, beta, erf, erfc, gcd, lcm, the
 * inverse hyperbolic functions, cbrt (∛), trunc, fract, clamp, deg2rad and rad2deg; all
 * element-wise. Gamma-family values come from R's standalone maths library. */
#define MATHLIB_STANDALONE 1
#include <Rmath.h>
#include <math.h>
#include <string.h>

#include "builtins.h"
#include "elementwise.h"
#include "print.h"

/* {===================== element-wise helpers */

enum { ANY = 0, WHOLE = 1, NONNEG_WHOLE = 2 };

/* Checks every element of argument i against what (WHOLE, NONNEG_WHOLE). */
static bool check_arg(Interp *in, const CallInfo *ci, const Value *argv, int i, int what, const char *hint) {
    Value v = argv[i];
    if (v.kind != VAL_NUM && v.kind != VAL_ARR) {
        char d[64];
        return interp_error(in, ci->args[i], "%s needs numbers, got %s", ci->builtin->name, value_describe(v, d, sizeof d));
    }
    if (what == ANY) return true;
    size_t n = v.kind == VAL_NUM ? 1 : v.as.arr->len;
    for (size_t k = 0; k < n; k++) {
        double x = v.kind == VAL_NUM ? v.as.num : array_at(v.as.arr, k);
        bool ok = x == floor(x) && isfinite(x) && (what != NONNEG_WHOLE || x >= 0);
        if (!ok) {
            char num[40];
            print_number(x, num, sizeof num);
            return interp_error(in, ci->args[i], "%s: %s must be a whole number%s, got %s%s", ci->builtin->name,
                                i == 0 ? "the argument" : "k", what == NONNEG_WHOLE ? " ≥ 0" : "", num, hint ? hint : "");
        }
    }
    return true;
}

/* f(a, b) with a scalar or either an array (broadcast), or two arrays of one shape. */
static bool map2(Interp *in, const CallInfo *ci, Value a, Value b, double (*f)(double, double), Value *out) {
    if (a.kind == VAL_NUM && b.kind == VAL_NUM) { *out = value_num(f(a.as.num, b.as.num)); return true; }
    const Array *shape = a.kind == VAL_ARR ? a.as.arr : b.as.arr;
    if (a.kind == VAL_ARR && b.kind == VAL_ARR &&
        (a.as.arr->rows != b.as.arr->rows || a.as.arr->cols != b.as.arr->cols || a.as.arr->ndim != b.as.arr->ndim)) {
        char sa[32], sb[32];
        return interp_error(in, ci->call, "%s: the shapes %s and %s differ", ci->builtin->name, value_shape(a, sa, sizeof sa),
                            value_shape(b, sb, sizeof sb));
    }
    Array *r = interp_new_array(in, ci->call, shape->ndim, shape->rows, shape->cols);
    if (!r) return false;
    for (size_t i = 0; i < shape->len; i++) {
        double x = a.kind == VAL_NUM ? a.as.num : array_at(a.as.arr, i);
        double y = b.kind == VAL_NUM ? b.as.num : array_at(b.as.arr, i);
        r->data[i] = f(x, y);
    }
    *out = value_arr(r);
    return true;
}

static bool map1(Interp *in, const CallInfo *ci, const Value *argv, int check, const char *hint, double (*f)(double), Value *out) {
    if (!check_arg(in, ci, argv, 0, check, hint)) return false;
    return ew_map(in, f, argv[0], ci->call, out);
}

/* }===================== */

/* {===================== the functions */

static double factorial_of(double n) {
    if (n > 170) return INFINITY;
    double r = 1;
    for (double k = 2; k <= n; k++) r *= k;
    return r;
}

static bool fn_factorial(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    (void)argc;
    return map1(in, ci, argv, NONNEG_WHOLE, " (for other numbers use gamma: x! = gamma(x + 1))", factorial_of, out);
}

static double choose_of(double n, double k) { return choose(n, k); }

/* n·(n − 1)·…·(n − k + 1): ordered selections of k from n (n may be real) */
static double perm_of(double n, double k) {
    if (k > n && n == floor(n) && n >= 0) return 0;
    double r = 1;
    for (double i = 0; i < k; i++) r *= n - i;
    return r;
}

static bool fn_choose(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    (void)argc;
    if (!check_arg(in, ci, argv, 0, ANY, NULL) || !check_arg(in, ci, argv, 1, NONNEG_WHOLE, NULL)) return false;
    return map2(in, ci, argv[0], argv[1], strcmp(ci->builtin->name, "perm") == 0 ? perm_of : choose_of, out);
}

static double gcd_of(double a, double b) {
    a = fabs(a);
    b = fabs(b);
    while (b > 0) { double t = fmod(a, b); a = b; b = t; }
    return a;
}

static double lcm_of(double a, double b) {
    if (a == 0 || b == 0) return 0;
    return fabs(a / gcd_of(a, b) * b);
}

static bool fn_gcd(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    (void)argc;
    if (!check_arg(in, ci, argv, 0, WHOLE, NULL) || !check_arg(in, ci, argv, 1, WHOLE, NULL)) return false;
    return map2(in, ci, argv[0], argv[1], strcmp(ci->builtin->name, "lcm") == 0 ? lcm_of : gcd_of, out);
}

static double beta_of(double a, double b) { return beta(a, b); }

static bool fn_beta(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    (void)argc;
    if (!check_arg(in, ci, argv, 0, ANY, NULL) || !check_arg(in, ci, argv, 1, ANY, NULL)) return false;
    return map2(in, ci, argv[0], argv[1], beta_of, out);
}

/* glibc's cbrt(27) is 3.0000000000000004: a perfect cube gets its exact root */
static double cbrt_of(double x) {
    double r = cbrt(x), n = round(r);
    return n * n * n == x ? n : r;
}

static double gamma_of(double x) { return gammafn(x); }
static double lgamma_of(double x) { return lgammafn(x); }
static double fract_of(double x) { return x - trunc(x); }
static double deg2rad_of(double x) { return x * (M_PI / 180); }
static double rad2deg_of(double x) { return x * (180 / M_PI); }

static bool fn_map(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    (void)argc;
    return map1(in, ci, argv, ANY, NULL, ci->builtin->map, out);
}

static double clamp_lo, clamp_hi; /* set just before the map below (single-threaded) */
static double clamp_of(double x) { return x < clamp_lo ? clamp_lo : x > clamp_hi ? clamp_hi : x; }

static bool fn_clamp(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    (void)argc;
    double lo, hi;
    if (!builtin_scalar_arg(in, ci, "clamp", argv, 1, &lo) || !builtin_scalar_arg(in, ci, "clamp", argv, 2, &hi)) return false;
    if (!(lo <= hi)) return interp_error(in, ci->args[2], "clamp: the upper bound must be at least the lower bound");
    clamp_lo = lo;
    clamp_hi = hi;
    return map1(in, ci, argv, ANY, NULL, clamp_of, out);
}

/* }===================== */

#define M "maths"
static const Builtin entries[] = {
    {.name = "factorial", .min_args = 1, .max_args = 1, .fn = fn_factorial, .signature = "factorial(n) or n!",
     .summary = "n! = 1·2·…·n for a whole n ≥ 0 (5.5! is an error: use gamma(6.5)); n! binds tighter than ^ and unary minus",
     .example = "factorial(5)", .related = "gamma, choose, perm", .pillar = M},
    {.name = "choose", .min_args = 2, .max_args = 2, .fn = fn_choose, .signature = "choose(n, k)",
     .summary = "the binomial coefficient n over k (n may be any real number: choose(1.5, 3) = −0.0625)",
     .example = "choose(5, 2)", .related = "perm, factorial, Binomial", .pillar = M},
    {.name = "perm", .min_args = 2, .max_args = 2, .fn = fn_choose, .signature = "perm(n, k)",
     .summary = "ordered selections of k from n: n!/(n − k)!", .example = "perm(5, 2)", .related = "choose", .pillar = M},
    {.name = "gamma", .min_args = 1, .max_args = 1, .fn = fn_map, .signature = "gamma(x)",
     .summary = "the gamma function Γ(x) (Γ(n) = (n − 1)!), element-wise", .example = "gamma(0.5)", .related = "lgamma, factorial",
     .pillar = M, .map = gamma_of},
    {.name = "lgamma", .min_args = 1, .max_args = 1, .fn = fn_map, .signature = "lgamma(x)",
     .summary = "log |Γ(x)| without overflow, element-wise", .example = "lgamma(200)", .related = "gamma", .pillar = M, .map = lgamma_of},
    {.name = "beta", .min_args = 2, .max_args = 2, .fn = fn_beta, .signature = "beta(a, b)",
     .summary = "the beta function B(a, b) = Γ(a)Γ(b)/Γ(a + b)", .example = "beta(2, 3)", .related = "gamma, Beta", .pillar = M},
    {.name = "erf", .min_args = 1, .max_args = 1, .fn = fn_map, .signature = "erf(x)",
     .summary = "the error function, element-wise", .example = "erf(1)", .related = "erfc, cdf", .pillar = M, .map = erf},
    {.name = "erfc", .min_args = 1, .max_args = 1, .fn = fn_map, .signature = "erfc(x)",
     .summary = "1 − erf(x), accurate in the tail", .example = "erfc(5)", .related = "erf", .pillar = M, .map = erfc},
    {.name = "gcd", .min_args = 2, .max_args = 2, .fn = fn_gcd, .signature = "gcd(a, b)",
     .summary = "the greatest common divisor of whole numbers", .example = "gcd(12, 18)", .related = "lcm", .pillar = M},
    {.name = "lcm", .min_args = 2, .max_args = 2, .fn = fn_gcd, .signature = "lcm(a, b)",
     .summary = "the least common multiple of whole numbers", .example = "lcm(4, 6)", .related = "gcd", .pillar = M},
    {.name = "asinh", .min_args = 1, .max_args = 1, .fn = fn_map, .signature = "asinh(x)",
     .summary = "inverse hyperbolic sine, element-wise", .example = "asinh(1)", .related = "sinh", .pillar = M, .map = asinh},
    {.name = "acosh", .min_args = 1, .max_args = 1, .fn = fn_map, .signature = "acosh(x)",
     .summary = "inverse hyperbolic cosine (x ≥ 1), element-wise", .example = "acosh(2)", .related = "cosh", .pillar = M, .map = acosh},
    {.name = "atanh", .min_args = 1, .max_args = 1, .fn = fn_map, .signature = "atanh(x)",
     .summary = "inverse hyperbolic tangent (|x| < 1), element-wise", .example = "atanh(0.5)", .related = "tanh", .pillar = M, .map = atanh},
    {.name = "cbrt", .min_args = 1, .max_args = 1, .fn = fn_map, .signature = "cbrt(x) or ∛x",
     .summary = "the real cube root (∛-8 = -2), element-wise", .example = "cbrt(27)", .related = "sqrt", .pillar = M, .map = cbrt_of},
    {.name = "trunc", .min_args = 1, .max_args = 1, .fn = fn_map, .signature = "trunc(x)",
     .summary = "x with its fractional part dropped (towards zero), element-wise", .example = "trunc(-2.7)", .related = "fract, floor",
     .pillar = M, .map = trunc},
    {.name = "fract", .min_args = 1, .max_args = 1, .fn = fn_map, .signature = "fract(x)",
     .summary = "the fractional part x − trunc(x), element-wise", .example = "fract(2.75)", .related = "trunc", .pillar = M, .map = fract_of},
    {.name = "clamp", .min_args = 3, .max_args = 3, .fn = fn_clamp, .signature = "clamp(x, lo, hi)",
     .summary = "x limited to [lo, hi], element-wise", .example = "clamp([-2, 0.5, 3], 0, 1)", .related = "min, max", .pillar = M},
    {.name = "deg2rad", .min_args = 1, .max_args = 1, .fn = fn_map, .signature = "deg2rad(x)",
     .summary = "degrees to radians", .example = "deg2rad(180)", .related = "rad2deg", .pillar = M, .map = deg2rad_of},
    {.name = "rad2deg", .min_args = 1, .max_args = 1, .fn = fn_map, .signature = "rad2deg(x)",
     .summary = "radians to degrees", .example = "rad2deg(pi)", .related = "deg2rad", .pillar = M, .map = rad2deg_of},
};
#undef M

const BuiltinTable builtins_special = {entries, sizeof entries / sizeof entries[0]};
