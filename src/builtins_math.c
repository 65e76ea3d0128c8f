/* builtins_math.c — the maths pillar: element-wise functions of numbers and arrays
 * (sqrt, exp, log, trigonometry, rounding) and two-argument ones (atan2, min, max of two). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builtins.h"
#include "elementwise.h"

/* One implementation for every element-wise function: the table entry names the scalar
 * function in its `map` field. */
static bool map_builtin(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out);

static bool fn_map(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    return map_builtin(in, ci, argc, argv, out);
}

static double round_half_away(double x) { return round(x); }
static double sign(double x) { return x > 0 ? 1 : x < 0 ? -1 : x; }

static bool fn_log(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    if (argc == 1) return map_builtin(in, ci, argc, argv, out);
    /* log(x, base) = ln x / ln base */
    Value ln_x, ln_b;
    if (!ew_map(in, log, argv[0], ci->args[0], &ln_x)) return false;
    if (!ew_map(in, log, argv[1], ci->args[1], &ln_b)) { value_release(ln_x); return false; }
    bool ok = ew_binary(in, OP_DIV, ln_x, ln_b, ci->call, out);
    value_release(ln_x);
    value_release(ln_b);
    return ok;
}

static bool fn_atan2(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    (void)argc;
    return ew_binary_named(in, KB_ATAN2, "atan2", argv[0], argv[1], ci->call, out);
}

static bool fn_hypot(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    (void)argc;
    return ew_binary_named(in, KB_HYPOT, "hypot", argv[0], argv[1], ci->call, out);
}

static int round_digits; /* round(x, n): set just before the map (single-threaded) */
static double round_to_digits(double x) {
    if (!isfinite(x)) return x;
    char buf[64]; /* the decimal nearest to x at n places, as printf rounds it, then halves away from zero */
    double scaled = x * pow(10, round_digits);
    if (fabs(scaled) < 1e15) {
        double r = round(scaled) / pow(10, round_digits);
        snprintf(buf, sizeof buf, "%.*f", round_digits > 0 ? round_digits : 0, r);
        return strtod(buf, NULL);
    }
    return x;
}

static bool fn_round(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    if (argc == 1) return map_builtin(in, ci, argc, argv, out);
    long long n;
    if (!builtin_int_arg(in, ci, "round", argv, 1, -15, 15, &n)) return false;
    if (argv[0].kind != VAL_NUM && argv[0].kind != VAL_ARR)
        return interp_error(in, ci->args[0], "round needs a number or an array, got a %s", value_kind_name(argv[0]));
    round_digits = (int)n;
    return ew_map(in, round_to_digits, argv[0], ci->call, out);
}

static const Builtin entries[] = {
    {.name = "sqrt", .min_args = 1, .max_args = 1, .fn = fn_map,
     .signature = "sqrt(x)", .summary = "square root, element-wise (√x is the same)",
     .example = "sqrt(16)", .related = "abs, exp", .pillar = "maths", .map = sqrt, .unary_kernel = KU_SQRT},
    {.name = "exp", .min_args = 1, .max_args = 1, .fn = fn_map,
     .signature = "exp(x)", .summary = "e raised to x, element-wise",
     .example = "exp(1)", .related = "log, sigmoid", .pillar = "maths", .map = exp, .unary_kernel = KU_EXP},
    {.name = "log", .min_args = 1, .max_args = 2, .fn = fn_log,
     .signature = "log(x, base = e)", .summary = "natural logarithm (or to the given base), element-wise",
     .example = "log(e^2)", .related = "log2, log10, exp", .pillar = "maths", .map = log, .unary_kernel = KU_LOG},
    {.name = "ln", .min_args = 1, .max_args = 1, .fn = fn_map,
     .signature = "ln(x)", .summary = "natural logarithm, element-wise",
     .example = "ln(1)", .related = "log", .pillar = "maths", .map = log, .unary_kernel = KU_LOG},
    {.name = "log2", .min_args = 1, .max_args = 1, .fn = fn_map,
     .signature = "log2(x)", .summary = "base-2 logarithm (bits), element-wise",
     .example = "log2(8)", .related = "log, log10", .pillar = "maths", .map = log2, .unary_kernel = KU_LOG2},
    {.name = "log10", .min_args = 1, .max_args = 1, .fn = fn_map,
     .signature = "log10(x)", .summary = "base-10 logarithm, element-wise",
     .example = "log10(1000)", .related = "log, log2", .pillar = "maths", .map = log10, .unary_kernel = KU_LOG10},
    {.name = "sin", .min_args = 1, .max_args = 1, .fn = fn_map,
     .signature = "sin(x)", .summary = "sine (radians), element-wise",
     .example = "sin(pi/2)", .related = "cos, tan, asin", .pillar = "maths", .map = sin, .unary_kernel = KU_SIN},
    {.name = "cos", .min_args = 1, .max_args = 1, .fn = fn_map,
     .signature = "cos(x)", .summary = "cosine (radians), element-wise",
     .example = "cos(0)", .related = "sin, tan, acos", .pillar = "maths", .map = cos, .unary_kernel = KU_COS},
    {.name = "tan", .min_args = 1, .max_args = 1, .fn = fn_map,
     .signature = "tan(x)", .summary = "tangent (radians), element-wise",
     .example = "tan(pi/4)", .related = "sin, cos, atan", .pillar = "maths", .map = tan, .unary_kernel = KU_TAN},
    {.name = "asin", .min_args = 1, .max_args = 1, .fn = fn_map,
     .signature = "asin(x)", .summary = "inverse sine, element-wise",
     .example = "asin(1)", .related = "sin", .pillar = "maths", .map = asin, .unary_kernel = KU_ASIN},
    {.name = "acos", .min_args = 1, .max_args = 1, .fn = fn_map,
     .signature = "acos(x)", .summary = "inverse cosine, element-wise",
     .example = "acos(0)", .related = "cos", .pillar = "maths", .map = acos, .unary_kernel = KU_ACOS},
    {.name = "atan", .min_args = 1, .max_args = 1, .fn = fn_map,
     .signature = "atan(x)", .summary = "inverse tangent, element-wise",
     .example = "atan(1)", .related = "atan2, tan", .pillar = "maths", .map = atan, .unary_kernel = KU_ATAN},
    {.name = "atan2", .min_args = 2, .max_args = 2, .fn = fn_atan2,
     .signature = "atan2(y, x)", .summary = "angle of the point (x, y), element-wise",
     .example = "atan2(1, 1)", .related = "atan", .pillar = "maths", .binary_kernel = KB_ATAN2},
    {.name = "hypot", .min_args = 2, .max_args = 2, .fn = fn_hypot,
     .signature = "hypot(x, y)", .summary = "√(x² + y²) without overflow, element-wise",
     .example = "hypot(3, 4)", .related = "norm", .pillar = "maths", .binary_kernel = KB_HYPOT},
    {.name = "sinh", .min_args = 1, .max_args = 1, .fn = fn_map,
     .signature = "sinh(x)", .summary = "hyperbolic sine, element-wise",
     .example = "sinh(0)", .related = "cosh, tanh", .pillar = "maths", .map = sinh, .unary_kernel = KU_SINH},
    {.name = "cosh", .min_args = 1, .max_args = 1, .fn = fn_map,
     .signature = "cosh(x)", .summary = "hyperbolic cosine, element-wise",
     .example = "cosh(0)", .related = "sinh, tanh", .pillar = "maths", .map = cosh, .unary_kernel = KU_COSH},
    {.name = "tanh", .min_args = 1, .max_args = 1, .fn = fn_map,
     .signature = "tanh(x)", .summary = "hyperbolic tangent, element-wise (an activation function)",
     .example = "tanh(0.5)", .related = "sigmoid, relu", .pillar = "maths", .map = tanh, .unary_kernel = KU_TANH},
    {.name = "abs", .min_args = 1, .max_args = 1, .fn = fn_map,
     .signature = "abs(x)", .summary = "absolute value, element-wise (|x| is the same)",
     .example = "abs(-3)", .related = "norm, sign", .pillar = "maths", .map = fabs, .unary_kernel = KU_ABS},
    {.name = "sign", .min_args = 1, .max_args = 1, .fn = fn_map,
     .signature = "sign(x)", .summary = "-1, 0 or 1 by the sign of x, element-wise",
     .example = "sign(-2.5)", .related = "abs", .pillar = "maths", .map = sign},
    {.name = "floor", .min_args = 1, .max_args = 1, .fn = fn_map,
     .signature = "floor(x)", .summary = "largest whole number ≤ x, element-wise",
     .example = "floor(2.7)", .related = "ceil, round", .pillar = "maths", .map = floor, .unary_kernel = KU_FLOOR},
    {.name = "ceil", .min_args = 1, .max_args = 1, .fn = fn_map,
     .signature = "ceil(x)", .summary = "smallest whole number ≥ x, element-wise",
     .example = "ceil(2.1)", .related = "floor, round", .pillar = "maths", .map = ceil, .unary_kernel = KU_CEIL},
    {.name = "round", .min_args = 1, .max_args = 2, .fn = fn_round,
     .signature = "round(x) or round(x, n)", .summary = "nearest whole number (halves away from zero), or to n decimal places (n < 0: tens, hundreds …), element-wise",
     .example = "round(2.5)", .related = "floor, ceil", .pillar = "maths", .map = round_half_away},
};

const BuiltinTable builtins_math = {entries, sizeof entries / sizeof entries[0]};

static bool map_builtin(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    (void)argc;
    const Builtin *b = ci->builtin;
    if (argv[0].kind != VAL_NUM && argv[0].kind != VAL_ARR)
        return interp_error(in, ci->args[0], "%s needs a number or an array, got a %s", b->name,
                            value_kind_name(argv[0]));
    return ew_map(in, b->map, argv[0], ci->call, out);
}
