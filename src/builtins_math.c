/* builtins_math.c — the maths pillar: element-wise functions of numbers and arrays
 * (sqrt, exp, log, trigonometry, rounding) and two-argument ones (atan2, min, max of two). */
#include <math.h>
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

static const Builtin entries[] = {
    {"sqrt", 1, 1, fn_map, "sqrt(x)", "square root, element-wise (√x is the same)", "sqrt(16)", "abs, exp", "maths", sqrt},
    {"exp", 1, 1, fn_map, "exp(x)", "e raised to x, element-wise", "exp(1)", "log, sigmoid", "maths", exp},
    {"log", 1, 2, fn_log, "log(x, base = e)", "natural logarithm (or to the given base), element-wise", "log(e^2)", "log2, log10, exp", "maths", log},
    {"ln", 1, 1, fn_map, "ln(x)", "natural logarithm, element-wise", "ln(1)", "log", "maths", log},
    {"log2", 1, 1, fn_map, "log2(x)", "base-2 logarithm (bits), element-wise", "log2(8)", "log, log10", "maths", log2},
    {"log10", 1, 1, fn_map, "log10(x)", "base-10 logarithm, element-wise", "log10(1000)", "log, log2", "maths", log10},
    {"sin", 1, 1, fn_map, "sin(x)", "sine (radians), element-wise", "sin(pi/2)", "cos, tan, asin", "maths", sin},
    {"cos", 1, 1, fn_map, "cos(x)", "cosine (radians), element-wise", "cos(0)", "sin, tan, acos", "maths", cos},
    {"tan", 1, 1, fn_map, "tan(x)", "tangent (radians), element-wise", "tan(pi/4)", "sin, cos, atan", "maths", tan},
    {"asin", 1, 1, fn_map, "asin(x)", "inverse sine, element-wise", "asin(1)", "sin", "maths", asin},
    {"acos", 1, 1, fn_map, "acos(x)", "inverse cosine, element-wise", "acos(0)", "cos", "maths", acos},
    {"atan", 1, 1, fn_map, "atan(x)", "inverse tangent, element-wise", "atan(1)", "atan2, tan", "maths", atan},
    {"atan2", 2, 2, fn_atan2, "atan2(y, x)", "angle of the point (x, y), element-wise", "atan2(1, 1)", "atan", "maths", NULL},
    {"hypot", 2, 2, fn_hypot, "hypot(x, y)", "√(x² + y²) without overflow, element-wise", "hypot(3, 4)", "norm", "maths", NULL},
    {"sinh", 1, 1, fn_map, "sinh(x)", "hyperbolic sine, element-wise", "sinh(0)", "cosh, tanh", "maths", sinh},
    {"cosh", 1, 1, fn_map, "cosh(x)", "hyperbolic cosine, element-wise", "cosh(0)", "sinh, tanh", "maths", cosh},
    {"tanh", 1, 1, fn_map, "tanh(x)", "hyperbolic tangent, element-wise (an activation function)", "tanh(0.5)", "sigmoid, relu", "maths", tanh},
    {"abs", 1, 1, fn_map, "abs(x)", "absolute value, element-wise (|x| is the same)", "abs(-3)", "norm, sign", "maths", fabs},
    {"sign", 1, 1, fn_map, "sign(x)", "-1, 0 or 1 by the sign of x, element-wise", "sign(-2.5)", "abs", "maths", sign},
    {"floor", 1, 1, fn_map, "floor(x)", "largest whole number ≤ x, element-wise", "floor(2.7)", "ceil, round", "maths", floor},
    {"ceil", 1, 1, fn_map, "ceil(x)", "smallest whole number ≥ x, element-wise", "ceil(2.1)", "floor, round", "maths", ceil},
    {"round", 1, 1, fn_map, "round(x)", "nearest whole number (halves away from zero), element-wise", "round(2.5)", "floor, ceil", "maths", round_half_away},
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
