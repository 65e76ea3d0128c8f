/* test_calc.c — the calculus pillar (deriv.c, simplify.c, builtins_calc.c).
 *
 * Symbolic derivatives are checked three ways: against forward-mode automatic
 * differentiation (dual numbers, evaluated by this file's own small evaluator over the
 * original formula) at random points for every rule and builtin; against values worked by
 * SymPy 1.14 (sympy.diff(...).subs(x, p), N(…, 20)), stored as literals; and by the forms
 * the simplifier gives (S-expressions) for the textbook examples. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "astprint.h"
#include "backprop.h"
#include "deriv.h"
#include "eval.h"
#include "func.h"
#include "interp.h"
#include "lex.h"
#include "parser.h"
#include "simplify.h"

#include "table.h"

/* {======== session */

typedef struct Session {
    Interp *in;
    FILE *out, *err;
    char *out_buf, *err_buf;
    size_t out_size, err_size;
} Session;

static void open_session(Session *s) {
    memset(s, 0, sizeof *s);
    s->out = open_memstream(&s->out_buf, &s->out_size);
    s->err = open_memstream(&s->err_buf, &s->err_size);
    s->in = interp_new(s->out, s->err);
    ck_assert_ptr_nonnull(s->in);
}

static void close_session(Session *s) {
    interp_free(s->in);
    fclose(s->out);
    fclose(s->err);
    free(s->out_buf);
    free(s->err_buf);
}

static bool run(Session *s, const char *text) {
    Source *src = source_new("t.mlm", text, strlen(text));
    RunStatus st = interp_run(s->in, src, false);
    source_release(src);
    return st == RUN_OK;
}

static Func *global_func(Session *s, const char *name) {
    int slot = interp_find_global(s->in, name);
    if (slot < 0 || s->in->globals[slot].value.kind != VAL_FUNC) return NULL;
    return s->in->globals[slot].value.as.fn;
}

static bool call1(Session *s, Func *f, double x, double *out) {
    Value arg = value_num(x), r;
    Span span = f->body->span;
    Value fv = {.kind = VAL_FUNC, .as.fn = f};
    if (!eval_call_value(s->in, fv, 1, &arg, span, NULL, &r)) return false;
    bool ok = r.kind == VAL_NUM;
    *out = ok ? r.as.num : NAN;
    value_release(r);
    return ok;
}

/* }======== */

/* {======== forward-mode automatic differentiation: dual numbers v + d·ε, ε² = 0 */

typedef struct Dual {
    double v, d;
} Dual;

typedef struct Env {
    const char *names[8];
    Dual values[8];
    int n;
    const struct Env *outer; /* unused beyond one level: calls get a fresh Env */
} Env;

static Dual dual_eval(Session *s, const Node *n, const Env *env, bool *ok);

static Dual D(double v, double d) { return (Dual){v, d}; }

static Dual dual_call(Session *s, const Node *n, const Env *env, bool *ok) {
    const char *f = n->a->name;
    Dual a[4] = {{0, 0}};
    for (int i = 0; i < n->nlist && i < 4; i++) a[i] = dual_eval(s, n->list[i], env, ok);
    Dual u = a[0];
    if (!strcmp(f, "sqrt")) return D(sqrt(u.v), u.d / (2 * sqrt(u.v)));
    if (!strcmp(f, "exp")) return D(exp(u.v), exp(u.v) * u.d);
    if ((!strcmp(f, "log") || !strcmp(f, "ln")) && n->nlist == 1) return D(log(u.v), u.d / u.v);
    if (!strcmp(f, "log") && n->nlist == 2)
        return D(log(u.v) / log(a[1].v), (u.d / u.v * log(a[1].v) - log(u.v) * a[1].d / a[1].v) / (log(a[1].v) * log(a[1].v)));
    if (!strcmp(f, "log2")) return D(log2(u.v), u.d / (u.v * M_LN2));
    if (!strcmp(f, "log10")) return D(log10(u.v), u.d / (u.v * M_LN10));
    if (!strcmp(f, "sin")) return D(sin(u.v), cos(u.v) * u.d);
    if (!strcmp(f, "cos")) return D(cos(u.v), -sin(u.v) * u.d);
    if (!strcmp(f, "tan")) return D(tan(u.v), u.d / (cos(u.v) * cos(u.v)));
    if (!strcmp(f, "asin")) return D(asin(u.v), u.d / sqrt(1 - u.v * u.v));
    if (!strcmp(f, "acos")) return D(acos(u.v), -u.d / sqrt(1 - u.v * u.v));
    if (!strcmp(f, "atan")) return D(atan(u.v), u.d / (1 + u.v * u.v));
    if (!strcmp(f, "sinh")) return D(sinh(u.v), cosh(u.v) * u.d);
    if (!strcmp(f, "asinh")) return D(asinh(u.v), u.d / sqrt(u.v * u.v + 1));
    if (!strcmp(f, "acosh")) return D(acosh(u.v), u.d / sqrt(u.v * u.v - 1));
    if (!strcmp(f, "atanh")) return D(atanh(u.v), u.d / (1 - u.v * u.v));
    if (!strcmp(f, "cbrt")) return D(cbrt(u.v), u.d / (3 * cbrt(u.v) * cbrt(u.v)));
    if (!strcmp(f, "erf")) return D(erf(u.v), 2 / sqrt(M_PI) * exp(-u.v * u.v) * u.d);
    if (!strcmp(f, "erfc")) return D(erfc(u.v), -2 / sqrt(M_PI) * exp(-u.v * u.v) * u.d);
    if (!strcmp(f, "trunc")) return D(trunc(u.v), 0);
    if (!strcmp(f, "clamp")) return u.v < a[1].v ? a[1] : u.v > a[2].v ? a[2] : u;
    if (!strcmp(f, "cosh")) return D(cosh(u.v), sinh(u.v) * u.d);
    if (!strcmp(f, "tanh")) return D(tanh(u.v), (1 - tanh(u.v) * tanh(u.v)) * u.d);
    if (!strcmp(f, "abs")) return D(fabs(u.v), (u.v > 0 ? 1 : u.v < 0 ? -1 : 0) * u.d);
    if (!strcmp(f, "sign")) return D(u.v > 0 ? 1 : u.v < 0 ? -1 : 0, 0);
    if (!strcmp(f, "floor")) return D(floor(u.v), 0);
    if (!strcmp(f, "ceil")) return D(ceil(u.v), 0);
    if (!strcmp(f, "round")) return D(round(u.v), 0);
    if (!strcmp(f, "atan2")) {
        Dual y = a[0], x = a[1];
        return D(atan2(y.v, x.v), (x.v * y.d - y.v * x.d) / (x.v * x.v + y.v * y.v));
    }
    if (!strcmp(f, "hypot")) {
        double h = hypot(a[0].v, a[1].v);
        return D(h, (a[0].v * a[0].d + a[1].v * a[1].d) / h);
    }
    if (!strcmp(f, "max") && n->nlist == 2) return a[0].v >= a[1].v ? a[0] : a[1];
    if (!strcmp(f, "min") && n->nlist == 2) return a[0].v <= a[1].v ? a[0] : a[1];
    /* a user or prelude function: its body with the arguments bound */
    Func *fn = global_func(s, f);
    if (!fn || fn->nparams != n->nlist || fn->nparams > 8) { *ok = false; return D(0, 0); }
    Env inner = {.n = fn->nparams};
    for (int i = 0; i < fn->nparams; i++) {
        inner.names[i] = fn->params[i]->name;
        inner.values[i] = a[i];
    }
    return dual_eval(s, fn->body, &inner, ok);
}

static Dual dual_eval(Session *s, const Node *n, const Env *env, bool *ok) {
    switch (n->kind) {
    case N_NUM: return D(n->num, 0);
    case N_NAME: case N_LOCAL: case N_GLOBAL: {
        for (int i = env->n - 1; i >= 0; i--)
            if (!strcmp(env->names[i], n->name)) return env->values[i];
        int slot = interp_find_global(s->in, n->name);
        if (slot >= 0 && s->in->globals[slot].value.kind == VAL_NUM) return D(s->in->globals[slot].value.as.num, 0);
        *ok = false;
        return D(0, 0);
    }
    case N_UNARY: {
        Dual a = dual_eval(s, n->a, env, ok);
        return n->op == OP_NEG ? D(-a.v, -a.d) : a;
    }
    case N_POWSUP: {
        Dual a = dual_eval(s, n->a, env, ok);
        return D(pow(a.v, n->num), n->num * pow(a.v, n->num - 1) * a.d);
    }
    case N_ABS: {
        Dual a = dual_eval(s, n->a, env, ok);
        return D(fabs(a.v), (a.v > 0 ? 1 : a.v < 0 ? -1 : 0) * a.d);
    }
    case N_BINARY: {
        Dual a = dual_eval(s, n->a, env, ok), b = dual_eval(s, n->b, env, ok);
        switch (n->op) {
        case OP_ADD: return D(a.v + b.v, a.d + b.d);
        case OP_SUB: return D(a.v - b.v, a.d - b.d);
        case OP_MUL: return D(a.v * b.v, a.d * b.v + a.v * b.d);
        case OP_DIV: return D(a.v / b.v, (a.d * b.v - a.v * b.d) / (b.v * b.v));
        case OP_POW: {
            double p = pow(a.v, b.v);
            double d = b.d == 0 ? b.v * pow(a.v, b.v - 1) * a.d : p * (b.d * log(a.v) + b.v * a.d / a.v);
            return D(p, d);
        }
        default: *ok = false; return D(0, 0);
        }
    }
    case N_COMPARE: {
        Dual a = dual_eval(s, n->a, env, ok), b = dual_eval(s, n->b, env, ok);
        double r = n->op == OP_GT ? a.v > b.v : n->op == OP_GE ? a.v >= b.v : n->op == OP_LT ? a.v < b.v
                 : n->op == OP_LE ? a.v <= b.v : n->op == OP_EQ ? a.v == b.v : a.v != b.v;
        return D(r, 0);
    }
    case N_IF_EXPR: {
        Dual c = dual_eval(s, n->a, env, ok);
        return c.v != 0 ? dual_eval(s, n->b, env, ok) : dual_eval(s, n->c, env, ok);
    }
    case N_SUM: {
        Dual lo = dual_eval(s, n->a, env, ok), hi = dual_eval(s, n->b, env, ok);
        Dual acc = n->op == OP_SUM ? D(0, 0) : D(1, 0);
        Env inner = *env;
        if (inner.n >= 8) { *ok = false; return acc; }
        inner.names[inner.n] = n->name;
        inner.n++;
        for (double i = lo.v; i <= hi.v; i++) {
            inner.values[inner.n - 1] = D(i, 0);
            Dual t = dual_eval(s, n->c, &inner, ok);
            acc = n->op == OP_SUM ? D(acc.v + t.v, acc.d + t.d) : D(acc.v * t.v, acc.d * t.v + acc.v * t.d);
        }
        return acc;
    }
    case N_CALL: return dual_call(s, n, env, ok);
    default: *ok = false; return D(0, 0);
    }
}

/* }======== */

static bool close_to(double got, double want, double rel) {
    if (isnan(got) || isnan(want)) return false;
    return fabs(got - want) <= rel * fmax(1.0, fmax(fabs(got), fabs(want)));
}

/* Every rule and builtin: a formula in x and the interval its random points come from. */
typedef struct AdCase {
    const char *body;
    double lo, hi;
} AdCase;

static const AdCase ad_cases[] = {
    {"x^2 + 3x", -3, 3},
    {"x^3 - 2x + 7", -3, 3},
    {"5", -3, 3},
    {"-x", -3, 3},
    {"x * x * x", -2, 2},
    {"(x + 1) / (x^2 + 1)", -3, 3},
    {"x²", -3, 3},
    {"x³ + x⁻¹", 0.5, 3},
    {"x^x", 0.2, 3},
    {"2^x", -3, 3},
    {"e^(2x)", -2, 2},
    {"x^(1/2)", 0.1, 4},
    {"x^(-2)", 0.5, 3},
    {"sqrt(x)", 0.1, 4},
    {"√(1 + x^2)", -3, 3},
    {"exp(-x^2)", -2, 2},
    {"log(x)", 0.1, 4},
    {"ln(x^2 + 1)", -3, 3},
    {"log(x, 3)", 0.5, 4},
    {"log2(x)", 0.1, 4},
    {"log10(3x)", 0.1, 4},
    {"sin(x^2)", -2, 2},
    {"cos(3x)", -2, 2},
    {"tan(x)", -1.2, 1.2},
    {"asin(x)", -0.9, 0.9},
    {"acos(x / 2)", -0.9, 0.9},
    {"atan(x)", -3, 3},
    {"atan2(x, 2)", -3, 3},
    {"atan2(1, x)", 0.5, 3},
    {"hypot(x, 3)", -3, 3},
    {"sinh(x)", -2, 2},
    {"cosh(x)", -2, 2},
    {"tanh(2x)", -2, 2},
    {"abs(x - 1)", 1.1, 3},
    {"|x|", -3, -0.1},
    {"sign(x) + floor(x) + ceil(x) + round(x)", 0.1, 0.4},
    {"max(x, 1)", -3, 3},
    {"min(x^2, 2)", -3, 3},
    {"sigmoid(x)", -4, 4},
    {"relu(x)", -3, 3},
    {"leaky_relu(x, 0.1)", -3, 3},
    {"softplus(x)", -4, 4},
    {"sigmoid(2x + 1) * tanh(x)", -2, 2},
    {"if x > 0 then x^2 else -x", -3, 3},
    {"Σ_{i=1}^{4} (w*i - x)^2", -2, 2},
    {"∏_{i=1}^{3} (x + i)", -2, 2},
    {"exp(x) / (1 + exp(x))", -3, 3},
    {"x * sin(x) * exp(x)", -2, 2},
    {"(x^2 - 1)^3", -2, 2},
    {"sin(cos(tan(x)))", -1, 1},
    {"asinh(x) + acosh(x + 2) + atanh(x / 3)", -0.9, 0.9},
    {"cbrt(x^2 + 1)", -2, 2},
    {"erf(x) * erfc(x / 2)", -2, 2},
    {"trunc(x) + clamp(x^2, 0.5, 2)", 0.1, 1.9},
};

START_TEST(against_dual_numbers) {
    Failures fails = {0};
    srand(12345);
    for (size_t r = 0; r < ROWS(ad_cases); r++) {
        Session s;
        open_session(&s);
        char def[256];
        snprintf(def, sizeof def, "w = 0.75\nf(x) = %s\n", ad_cases[r].body);
        if (!run(&s, def)) { failure(&fails, "%s: definition failed: %s", ad_cases[r].body, s.in->error.message); close_session(&s); continue; }
        Func *f = global_func(&s, "f");
        Func *d = deriv_func(s.in, f, 0, 1, f->body->span);
        if (!d) { failure(&fails, "%s: %s", ad_cases[r].body, s.in->error.message); close_session(&s); continue; }
        for (int k = 0; k < 12; k++) {
            double x = ad_cases[r].lo + (ad_cases[r].hi - ad_cases[r].lo) * (rand() / (double)RAND_MAX);
            bool ok = true;
            Env env = {.names = {"x"}, .values = {{x, 1}}, .n = 1};
            Dual want = dual_eval(&s, f->body, &env, &ok);
            double got;
            if (!ok) { failure(&fails, "%s: the dual evaluator cannot read it", ad_cases[r].body); break; }
            if (!call1(&s, d, x, &got)) { failure(&fails, "%s at %g: %s", ad_cases[r].body, x, s.in->error.message); break; }
            if (!close_to(got, want.d, 1e-12)) {
                char buf[1024];
                failure(&fails, "%s at %.17g: symbolic %.17g, dual %.17g (%s)", ad_cases[r].body, x, got, want.d,
                        ast_to_sexpr(d->body, buf, sizeof buf));
                break;
            }
        }
        func_release(d);
        close_session(&s);
    }
    ck_no_failures(fails, ROWS(ad_cases));
}
END_TEST

/* Every derivative's printed formula parses back as mlm and gives the same values. */
START_TEST(printed_formulas_round_trip) {
    Failures fails = {0};
    srand(777);
    for (size_t r = 0; r < ROWS(ad_cases); r++) {
        Session s;
        open_session(&s);
        char def[256];
        snprintf(def, sizeof def, "w = 0.75\nf(x) = %s\n", ad_cases[r].body);
        ck_assert(run(&s, def));
        Func *f = global_func(&s, "f");
        Func *d = deriv_func(s.in, f, 0, 1, f->body->span);
        ck_assert_ptr_nonnull(d);
        char text[2048], line[2200];
        ast_print_text(d->body, AST_MLM, text, sizeof text);
        snprintf(line, sizeof line, "g(x) = %s\n", text);
        if (!run(&s, line)) {
            failure(&fails, "d/dx %s printed as \"%s\", which does not parse: %s", ad_cases[r].body, text,
                    s.in->error.message);
        } else {
            Func *g = global_func(&s, "g");
            for (int k = 0; k < 5; k++) {
                double x = ad_cases[r].lo + (ad_cases[r].hi - ad_cases[r].lo) * (rand() / (double)RAND_MAX);
                double a = NAN, b = NAN;
                if (!call1(&s, d, x, &a) || !call1(&s, g, x, &b) || !close_to(a, b, 1e-15)) {
                    failure(&fails, "d/dx %s printed as \"%s\": at %.17g %.17g against %.17g", ad_cases[r].body,
                            text, x, a, b);
                    break;
                }
            }
        }
        func_release(d);
        close_session(&s);
    }
    ck_no_failures(fails, ROWS(ad_cases));
}
END_TEST

/* Reverse mode (backprop.c) agrees with the symbolic derivative at every formula's points. */
START_TEST(backprop_against_symbolic) {
    Failures fails = {0};
    srand(4242);
    for (size_t r = 0; r < ROWS(ad_cases); r++) {
        Session s;
        open_session(&s);
        char def[256];
        snprintf(def, sizeof def, "w = 0.75\nf(x) = %s\n", ad_cases[r].body);
        ck_assert(run(&s, def));
        Func *f = global_func(&s, "f");
        Func *d = deriv_func(s.in, f, 0, 1, f->body->span);
        ck_assert_ptr_nonnull(d);
        for (int k = 0; k < 6; k++) {
            double x = ad_cases[r].lo + (ad_cases[r].hi - ad_cases[r].lo) * (rand() / (double)RAND_MAX);
            double want = NAN;
            Value arg = value_num(x), g;
            if (!call1(&s, d, x, &want)) { failure(&fails, "%s: %s", ad_cases[r].body, s.in->error.message); break; }
            if (!backprop_grad(s.in, f, 1, &arg, f->body->span, &g)) {
                failure(&fails, "∇ %s: %s", ad_cases[r].body, s.in->error.message);
                break;
            }
            bool same = g.kind == VAL_NUM && close_to(g.as.num, want, 1e-12);
            if (!same) failure(&fails, "∇ %s at %.17g: %.17g, symbolic %.17g", ad_cases[r].body, x,
                               g.kind == VAL_NUM ? g.as.num : NAN, want);
            value_release(g);
            if (!same) break;
        }
        func_release(d);
        close_session(&s);
    }
    ck_no_failures(fails, ROWS(ad_cases));
}
END_TEST

/* SymPy 1.14: N(diff(e, x).subs(x, p), 20), sigmoid written 1/(1 + exp(−x)). */
typedef struct RefCase {
    const char *body;
    double x, want;
} RefCase;

static const RefCase sympy_cases[] = {
    {"x^3 - 2x", 0.5, -1.2500000000000000000},
    {"x^3 - 2x", 1.5, 4.7500000000000000000},
    {"sin(x^2)", 0.5, 0.96891242171064478414},
    {"sin(x^2)", 1.5, -1.8845208681682172667},
    {"x^x", 0.5, 0.21697770945227392854},
    {"x^x", 1.5, 2.5820042746129493779},
    {"sigmoid(x)", 0.5, 0.23500371220159448907},
    {"sigmoid(x)", 1.5, 0.14914645207033285650},
    {"log(1 + exp(x))", 0.5, 0.62245933120185456464},
    {"log(1 + exp(x))", 1.5, 0.81757447619364365961},
    {"tanh(2x) / x", 0.5, -1.3664792573669552749},
    {"tanh(2x) / x", 1.5, -0.42909184097351550112},
    {"atan2(x, 2) + hypot(x, 3)", 0.5, 0.63498722259947493595},
    {"atan2(x, 2) + hypot(x, 3)", 1.5, 0.76721359549995793928},
    {"sqrt(1 + x^2) * exp(-x)", 0.5, -0.40687313566657241854},
    {"sqrt(1 + x^2) * exp(-x)", 1.5, -0.21659810133167644422},
    {"log2(x) + log10(x^2)", 0.5, 4.6225680093909341253},
    {"log2(x) + log10(x^2)", 1.5, 1.5408560031303113751},
    {"asin(x / 2) * acos(x / 3)", 0.5, 0.63926440181739948329},
    {"asin(x / 2) * acos(x / 3)", 1.5, 0.46518769475616948179},
};

START_TEST(against_sympy) {
    Failures fails = {0};
    for (size_t r = 0; r < ROWS(sympy_cases); r++) {
        Session s;
        open_session(&s);
        char def[256];
        snprintf(def, sizeof def, "f(x) = %s\n", sympy_cases[r].body);
        ck_assert(run(&s, def));
        Func *f = global_func(&s, "f");
        Func *d = deriv_func(s.in, f, 0, 1, f->body->span);
        double got;
        if (!d || !call1(&s, d, sympy_cases[r].x, &got))
            failure(&fails, "%s: %s", sympy_cases[r].body, s.in->error.message);
        else if (!close_to(got, sympy_cases[r].want, 1e-12))
            failure(&fails, "%s at %g: %.17g, SymPy %.17g", sympy_cases[r].body, sympy_cases[r].x, got, sympy_cases[r].want);
        if (d) func_release(d);
        close_session(&s);
    }
    ck_no_failures(fails, ROWS(sympy_cases));
}
END_TEST

/* The simplified forms, as S-expressions (the printer's text is tested in tests/output). */
typedef struct FormCase {
    const char *body;
    const char *sexpr;
} FormCase;

static const FormCase form_cases[] = {
    {"x^2 + 3x", "(+ (* 2 x) 3)"},
    {"x^3", "(* 3 (^ x 2))"},
    {"sin(x^2)", "(* (* 2 x) (call cos (^ x 2)))"},
    {"sigmoid(x)", "(* (call sigmoid x) (- 1 (call sigmoid x)))"},
    {"exp(x) / (1 + exp(x))", "(/ (call exp x) (^ (+ (call exp x) 1) 2))"},
    {"sqrt(x)", "(/ 1 (* 2 (call sqrt x)))"},
    {"x^x", "(* (^ x x) (+ (call log x) 1))"},
    {"tanh(x)", "(- 1 (^ (call tanh x) 2))"},
    {"x + x + x", "3"},
    {"x * x * x", "(* 3 (^ x 2))"},
    {"x^2 / 2", "x"},
    {"5x - 2", "5"},
    {"1 / x", "(/ -1 (^ x 2))"},
    {"-3x^2", "(* -6 x)"},
    {"cos(x)", "(neg (call sin x))"},
    {"relu(x)", "(> x 0)"},
    {"softplus(x)", "(call sigmoid x)"},
    {"log(x)", "(/ 1 x)"},
    {"x / (1 + x)", "(/ 1 (^ (+ x 1) 2))"},
    /* a common factor taken out, and the quotient rule's numerator expanded where it cancels
     * (SymPy's simplify gives x(x² + 2x + 2)eˣ/(x + 1)² for the last) */
    {"x * exp(x)", "(* (call exp x) (+ x 1))"},
    {"x^3 * log(x)", "(* (^ x 2) (+ (* 3 (call log x)) 1))"},
    {"x^2 * exp(x) / (1 + x)", "(/ (* (* x (call exp x)) (+ (+ (^ x 2) (* 2 x)) 2)) (^ (+ x 1) 2))"},
    {"(x^2 - 1)^3", "(* (* 6 x) (^ (- (^ x 2) 1) 2))"},
};

START_TEST(simplified_forms) {
    Failures fails = {0};
    for (size_t r = 0; r < ROWS(form_cases); r++) {
        Session s;
        open_session(&s);
        char def[256];
        snprintf(def, sizeof def, "f(x) = %s\n", form_cases[r].body);
        ck_assert(run(&s, def));
        Func *f = global_func(&s, "f");
        Func *d = deriv_func(s.in, f, 0, 1, f->body->span);
        char buf[1024];
        if (!d) failure(&fails, "%s: %s", form_cases[r].body, s.in->error.message);
        else if (strcmp(ast_to_sexpr(d->body, buf, sizeof buf), form_cases[r].sexpr) != 0)
            failure(&fails, "d/dx %s: %s, expected %s", form_cases[r].body, buf, form_cases[r].sexpr);
        if (d) func_release(d);
        close_session(&s);
    }
    ck_no_failures(fails, ROWS(form_cases));
}
END_TEST

/* Second and higher derivatives, partial derivatives, the gradient. */
START_TEST(orders_and_partials) {
    Session s;
    open_session(&s);
    ck_assert(run(&s, "f(x) = x^4\ng(x, y) = x^2 * y + sin(y)\n"));
    Func *f = global_func(&s, "f"), *g = global_func(&s, "g");
    Func *d3 = deriv_func(s.in, f, 0, 3, f->body->span);
    double v;
    ck_assert_ptr_nonnull(d3);
    ck_assert(call1(&s, d3, 2, &v));
    ck_assert_double_eq(v, 48); /* 24x at 2 */
    func_release(d3);
    Func *gy = deriv_func(s.in, g, 1, 1, g->body->span);
    ck_assert_ptr_nonnull(gy);
    Value args[2] = {value_num(3), value_num(0.5)}, r;
    Value fv = {.kind = VAL_FUNC, .as.fn = gy};
    ck_assert(eval_call_value(s.in, fv, 2, args, g->body->span, NULL, &r));
    ck_assert(close_to(r.as.num, 9 + cos(0.5), 1e-15)); /* x² + cos y */
    func_release(gy);
    close_session(&s);
}
END_TEST

/* The lexer's calculus tokens: the variable (or function) text and the order they carry. */
typedef struct TokCase {
    const char *text;
    int kind;
    const char *name; /* tok.text */
    double order;     /* tok.num for TK_DERIV */
} TokCase;

static const TokCase tok_cases[] = {
    {"d/dx", TK_DERIV, "x", 1},
    {"d/dw1", TK_DERIV, "w1", 1},
    {"d²/dx²", TK_DERIV, "x", 2},
    {"d^3/dt^3", TK_DERIV, "t", 3},
    {"∂/∂y", TK_DERIV, "y", 1},
    {"∂²/∂θ²", TK_DERIV, "θ", 2},
    {"∂f/∂x", TK_PARTIALF, "f/∂x", 0},
    {"∂loss/∂w2", TK_PARTIALF, "loss/∂w2", 0},
    {"∇", TK_NABLA, NULL, 0},
    {"∫", TK_INTEGRAL, NULL, 0},
    {"argmin_x", TK_ARGOPT, "x", 0},
    {"argmax_t", TK_ARGOPT, "t", 0},
    {"argmin_xy", TK_NAME, "argmin_xy", 0}, /* a name */
    {"d/dist", TK_NAME, "d", 0},            /* d divided by dist */
    {"dx", TK_NAME, "dx", 0},
};

START_TEST(calculus_tokens) {
    Failures fails = {0};
    for (size_t r = 0; r < ROWS(tok_cases); r++) {
        const TokCase *c = &tok_cases[r];
        Source *src = source_new("<t>", c->text, strlen(c->text));
        Lexer lx;
        lexer_init(&lx, src);
        Token t;
        memset(&t, 0, sizeof t);
        lexer_next(&lx, &t);
        if (t.kind != c->kind) failure(&fails, "%s: kind %d, expected %d", c->text, t.kind, c->kind);
        else if (c->name && (t.text_len != strlen(c->name) || strncmp(t.text, c->name, t.text_len) != 0))
            failure(&fails, "%s: text %.*s, expected %s", c->text, (int)t.text_len, t.text, c->name);
        else if (c->kind == TK_DERIV && t.num != c->order)
            failure(&fails, "%s: order %g, expected %g", c->text, t.num, c->order);
        source_release(src);
    }
    ck_no_failures(fails, ROWS(tok_cases));
}
END_TEST

Suite *calc_suite(void) {
    Suite *s = suite_create("calc");
    TCase *t = tcase_create("deriv");
    tcase_set_timeout(t, 60);
    tcase_add_test(t, against_dual_numbers);
    tcase_add_test(t, against_sympy);
    tcase_add_test(t, printed_formulas_round_trip);
    tcase_add_test(t, backprop_against_symbolic);
    tcase_add_test(t, calculus_tokens);
    tcase_add_test(t, simplified_forms);
    tcase_add_test(t, orders_and_partials);
    suite_add_tcase(s, t);
    return s;
}
