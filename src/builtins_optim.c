/* builtins_optim.c — optimisation and integration on GSL: argmin/argmax (BFGS with the exact
 * gradient — symbolic formulas or backpropagation — for several variables, Brent's bracketing
 * method for one), descend (traced gradient descent), integrate (QAGS, QAGI for infinite
 * limits).
 *
 * Results are objects: an optimum (point, value, iterations, evaluations, converged) and an
 * integral (value, error); both stand for their number/point in arithmetic (as_array).
 * GSL's abort-on-error handler is switched off on first use; its status codes become errors. */
#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_min.h>
#include <gsl/gsl_multimin.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backprop.h"
#include "builtins.h"
#include "deriv.h"
#include "eval.h"
#include "func.h"
#include "object.h"
#include "print.h"

static void gsl_quiet(void) {
    static bool done;
    if (!done) {
        gsl_set_error_handler_off();
        done = true;
    }
}

static void format_point(char *buf, size_t size, const double *x, int n) {
    size_t used = 0;
    if (n > 1) used += (size_t)snprintf(buf + used, size - used, "[");
    for (int i = 0; i < n && used < size; i++)
        used += (size_t)snprintf(buf + used, size - used, "%s%.6g", i ? ", " : "", x[i]);
    if (n > 1 && used < size) snprintf(buf + used, size - used, "]");
}

/* {===================== objective: f of n numbers, or of one vector */

typedef struct Objective {
    Interp *in;
    Value f;          /* borrowed: the function */
    const Func *fn;   /* f's Func, or NULL for a builtin */
    int n;            /* variables */
    bool vector_arg;  /* f takes one vector of n */
    Span span;
    double sign;      /* 1 argmin, −1 argmax */
    const char *what; /* the builtin, for messages */
    int evaluations;  /* points where f (with or without its gradient) was computed */
    bool failed;      /* an error is recorded in in->error */
    double last_x[64], last_f; /* the last point f was computed at, for the line search's repeats */
    bool have_last;
    double seen_x[64]; /* the last point counted as an evaluation */
    bool have_seen;
} Objective;

/* Counts x as an evaluation unless it is the point counted last (f and then ∇f at one point
 * is one evaluation, as SciPy counts). */
static void count_point(Objective *o, const double *x) {
    if (o->have_seen && memcmp(o->seen_x, x, (size_t)o->n * sizeof(double)) == 0) return;
    memcpy(o->seen_x, x, (size_t)o->n * sizeof(double));
    o->have_seen = true;
    o->evaluations++;
}

static bool pack_args(Objective *o, const double *x, Value *args, Value *vec) {
    if (o->vector_arg) {
        Array *a = interp_new_vector(o->in, o->span, (size_t)o->n);
        if (!a) return false;
        memcpy(a->data, x, (size_t)o->n * sizeof(double));
        *vec = value_arr(a);
        args[0] = *vec;
    } else {
        for (int i = 0; i < o->n; i++) args[i] = value_num(x[i]);
        *vec = value_nil();
    }
    return true;
}

static double objective_value(Objective *o, const double *x) {
    if (o->failed) return NAN;
    if (o->have_last && memcmp(o->last_x, x, (size_t)o->n * sizeof(double)) == 0) return o->last_f;
    count_point(o, x);
    Value args[64], vec, r;
    if (!pack_args(o, x, args, &vec)) { o->failed = true; return NAN; }
    bool ok = eval_call_value(o->in, o->f, o->vector_arg ? 1 : o->n, args, o->span, NULL, &r);
    value_release(vec);
    if (!ok) { o->failed = true; return NAN; }
    if (r.kind != VAL_NUM) {
        char what[64];
        interp_error(o->in, o->span, "the function must give a number, got %s", value_describe(r, what, sizeof what));
        value_release(r);
        o->failed = true;
        return NAN;
    }
    if (isnan(r.as.num)) {
        char pt[256];
        format_point(pt, sizeof pt, x, o->n);
        interp_error(o->in, o->span, "%s: the function is nan at %s (outside where it is defined?)", o->what, pt);
        o->failed = true;
        return NAN;
    }
    memcpy(o->last_x, x, (size_t)o->n * sizeof(double));
    o->last_f = o->sign * r.as.num;
    o->have_last = true;
    return o->last_f;
}

static bool objective_gradient(Objective *o, const double *x, double *g) {
    if (o->failed) return false;
    count_point(o, x);
    Value args[64], vec;
    if (!pack_args(o, x, args, &vec)) { o->failed = true; return false; }
    bool ok;
    if (!o->fn) {
        ok = interp_error(o->in, o->span, "the gradient of a builtin of several arguments is not available");
    } else {
        Value grads[64];
        ok = backprop_grad(o->in, o->fn, o->vector_arg ? 1 : o->n, args, o->span, grads);
        if (ok) {
            if (o->vector_arg) {
                for (int i = 0; i < o->n; i++) g[i] = o->sign * grads[0].as.arr->data[i];
                value_release(grads[0]);
            } else {
                for (int i = 0; i < o->n; i++) g[i] = o->sign * grads[i].as.num;
            }
        }
    }
    value_release(vec);
    for (int i = 0; ok && i < o->n; i++)
        if (isnan(g[i])) {
            char pt[256];
            format_point(pt, sizeof pt, x, o->n);
            ok = interp_error(o->in, o->span, "%s: the gradient is nan at %s", o->what, pt);
        }
    if (!ok) o->failed = true;
    return ok;
}

/* Sets up o for f at a start x0 (a number or a vector); fills start[] and o->n. */
static bool objective_init(Interp *in, const CallInfo *ci, const Value *argv, Objective *o, double *start) {
    memset(o, 0, sizeof *o);
    o->in = in;
    o->f = argv[0];
    o->span = ci->call;
    o->sign = 1;
    o->what = ci->builtin->name;
    const char *name = ci->builtin->name;
    if (argv[0].kind == VAL_FUNC) {
        o->fn = argv[0].as.fn;
    } else if (argv[0].kind != VAL_BUILTIN) {
        char what[64];
        return interp_error(in, ci->args[0], "%s: the first argument must be a function, got %s", name,
                            value_describe(argv[0], what, sizeof what));
    }
    int nparams = o->fn ? o->fn->nparams : argv[0].as.builtin->min_args;
    Value x0 = argv[1];
    if (x0.kind == VAL_NUM) {
        if (nparams != 1)
            return interp_error(in, ci->args[1], "%s: the start is one number but the function takes %d variables",
                                name, nparams);
        o->n = 1;
        start[0] = x0.as.num;
    } else if (x0.kind == VAL_ARR && x0.as.arr->ndim == 1 && x0.as.arr->len >= 1 && x0.as.arr->len <= 64) {
        o->n = (int)x0.as.arr->len;
        if (nparams == 1 && o->n > 1) o->vector_arg = true;
        else if (nparams != o->n)
            return interp_error(in, ci->args[1], "%s: the start has %d numbers but the function takes %d variables",
                                name, o->n, nparams);
        AllocStatus st;
        if (x0.as.arr->lazy && !array_materialize(x0.as.arr, &st)) return interp_error(in, ci->args[1], "out of memory");
        memcpy(start, x0.as.arr->data, (size_t)o->n * sizeof(double));
    } else {
        char what[64];
        return interp_error(in, ci->args[1], "%s: the start must be a number or a vector of up to 64, got %s", name,
                            value_describe(x0, what, sizeof what));
    }
    return true;
}

/* }===================== */

/* {===================== the optimum object */

typedef struct Optimum {
    Obj obj;
    Value point;    /* owned: number or vector */
    double value;
    int iterations, evaluations;
    bool converged;
    bool max;
} Optimum;

static void optimum_free(Obj *o) {
    value_release(((Optimum *)o)->point);
    free(o);
}

static void optimum_print(FILE *out, const Obj *o) {
    const Optimum *m = (const Optimum *)o;
    fputs(m->max ? "argmax " : "argmin ", out);
    print_value(out, m->point);
    fprintf(out, ": value %.10g; %s after %d iteration%s, %d evaluation%s", m->value,
            m->converged ? "converged" : "NOT converged", m->iterations, m->iterations == 1 ? "" : "s",
            m->evaluations, m->evaluations == 1 ? "" : "s");
}

static void optimum_describe(const Obj *o, char *buf, size_t size) {
    snprintf(buf, size, "an optimum (%s)", ((const Optimum *)o)->max ? "argmax" : "argmin");
}

static const char *const optimum_fields[] = {"point", "value", "iterations", "evaluations", "converged"};

static bool optimum_field(Interp *in, const Obj *o, const char *name, Span span, Value *out) {
    (void)in; (void)span;
    const Optimum *m = (const Optimum *)o;
    if (!strcmp(name, "point") || !strcmp(name, "x")) *out = value_retain(m->point);
    else if (!strcmp(name, "value")) *out = value_num(m->value);
    else if (!strcmp(name, "iterations")) *out = value_num(m->iterations);
    else if (!strcmp(name, "evaluations")) *out = value_num(m->evaluations);
    else if (!strcmp(name, "converged")) *out = value_num(m->converged);
    else return false;
    return true;
}

static int optimum_field_names(const Obj *o, const char *const **names) {
    (void)o;
    *names = optimum_fields;
    return 5;
}

static bool optimum_as_array(const Obj *o, Value *out) {
    *out = value_retain(((const Optimum *)o)->point);
    return true;
}

static const ObjType optimum_type = {
    .name = "optimum", .free = optimum_free, .print = optimum_print, .describe = optimum_describe,
    .field = optimum_field, .field_names = optimum_field_names, .as_array = optimum_as_array,
};

static bool make_optimum(Interp *in, const Objective *o, const CallInfo *ci, const double *x, double value, int iters,
                         bool converged, const char *why, Value *out) {
    Optimum *m = calloc(1, sizeof *m);
    if (!m) abort();
    obj_init(&m->obj, &optimum_type);
    if (o->n == 1) {
        m->point = value_num(x[0]);
    } else {
        Array *a = interp_new_vector(in, ci->call, (size_t)o->n);
        if (!a) { free(m); return false; }
        memcpy(a->data, x, (size_t)o->n * sizeof(double));
        m->point = value_arr(a);
    }
    m->value = o->sign * value;
    m->iterations = iters;
    m->evaluations = o->evaluations;
    m->converged = converged;
    m->max = o->sign < 0;
    *out = value_obj(&m->obj);
    if (!converged)
        fprintf(in->err, "warning: %s did not converge after %d iterations%s%s; the best point found is returned "
                "(.converged is 0)\n", ci->builtin->name, iters, why ? ": " : "", why ? why : "");
    return true;
}

/* }===================== */

/* {===================== one variable: bracket, then Brent */

static double f1(double x, void *p) { return objective_value(p, &x); }

static bool minimise_1d(Interp *in, const CallInfo *ci, Objective *o, double x0, Value *out) {
    /* bracket: walk downhill from x0 with growing steps until the function rises again */
    double h = fmax(1e-3, 1e-2 * fabs(x0));
    double a = x0, fa = f1(a, o), b = x0 + h, fb = f1(b, o);
    double c, fc;
    int guard = 0;
    if (o->failed) return false;
    if (fb > fa) {
        double l = x0 - h, fl = f1(l, o);
        if (fl >= fa) { /* x0 is already between two higher points */
            c = b; fc = fb;
            b = a; fb = fa;
            a = l; fa = fl;
            goto brent;
        }
        b = l; fb = fl; /* downhill to the left */
    }
    c = b + 1.618 * (b - a);
    fc = f1(c, o);
    while (fc < fb && !o->failed && guard++ < 200 && isfinite(c)) {
        a = b; fa = fb;
        b = c; fb = fc;
        c = b + 1.618 * (b - a);
        fc = f1(c, o);
    }
    if (o->failed) return false;
brent:
    if (!(fb < fa && fb < fc)) {
        /* no valley found (the function keeps falling, or is flat): the best point seen */
        double xs[1] = {b};
        return make_optimum(in, o, ci, xs, fb, guard, false, o->sign > 0 ? "the function keeps falling from the start (it may have no minimum)" : "the function keeps rising from the start (it may have no maximum)", out);
    }
    double lo = a < c ? a : c, flo = a < c ? fa : fc, hi = a < c ? c : a, fhi = a < c ? fc : fa;
    gsl_min_fminimizer *s = gsl_min_fminimizer_alloc(gsl_min_fminimizer_brent);
    gsl_function F = {f1, o};
    int status = gsl_min_fminimizer_set_with_values(s, &F, b, fb, lo, flo, hi, fhi);
    int iter = 0;
    bool converged = false;
    while (status == GSL_SUCCESS && iter < 200 && !o->failed) {
        iter++;
        status = gsl_min_fminimizer_iterate(s);
        if (status != GSL_SUCCESS) break;
        double l = gsl_min_fminimizer_x_lower(s), u = gsl_min_fminimizer_x_upper(s);
        if (gsl_min_test_interval(l, u, 1e-10, 1e-7) == GSL_SUCCESS) { converged = true; break; }
    }
    double xm = gsl_min_fminimizer_x_minimum(s), fm = gsl_min_fminimizer_f_minimum(s);
    gsl_min_fminimizer_free(s);
    if (o->failed) return false;
    return make_optimum(in, o, ci, &xm, fm, iter, converged, NULL, out);
}

/* }===================== */

/* {===================== several variables: BFGS with the exact gradient */

static double mf(const gsl_vector *v, void *p) { return objective_value(p, v->data); }

static void mdf(const gsl_vector *v, void *p, gsl_vector *g) {
    Objective *o = p;
    if (!objective_gradient(o, v->data, g->data))
        for (int i = 0; i < o->n; i++) g->data[i] = NAN;
}

static void mfdf(const gsl_vector *v, void *p, double *f, gsl_vector *g) {
    *f = mf(v, p);
    mdf(v, p, g);
}

static bool minimise_nd(Interp *in, const CallInfo *ci, Objective *o, const double *start, Value *out) {
    gsl_vector *x = gsl_vector_alloc((size_t)o->n);
    memcpy(x->data, start, (size_t)o->n * sizeof(double));
    gsl_multimin_function_fdf F = {mf, mdf, mfdf, (size_t)o->n, o};
    gsl_multimin_fdfminimizer *s = gsl_multimin_fdfminimizer_alloc(gsl_multimin_fdfminimizer_vector_bfgs2,
                                                                    (size_t)o->n);
    int status = gsl_multimin_fdfminimizer_set(s, &F, x, 1, 0.1);
    int iter = 0;
    bool converged = false;
    while (status == GSL_SUCCESS && iter < 1000 && !o->failed) {
        if (gsl_multimin_test_gradient(s->gradient, 1e-8) == GSL_SUCCESS) { converged = true; break; }
        iter++;
        status = gsl_multimin_fdfminimizer_iterate(s);
    }
    if (!converged && !o->failed && gsl_multimin_test_gradient(s->gradient, 1e-6) == GSL_SUCCESS)
        converged = true; /* the line search cannot improve further: at the optimum to rounding */
    bool ok = !o->failed && make_optimum(in, o, ci, s->x->data, s->f, iter, converged, NULL, out);
    gsl_multimin_fdfminimizer_free(s);
    gsl_vector_free(x);
    return ok;
}

/* }===================== */

static bool optimise(Interp *in, const CallInfo *ci, const Value *argv, double sign, Value *out) {
    gsl_quiet();
    Objective o;
    double start[64];
    if (!objective_init(in, ci, argv, &o, start)) return false;
    o.sign = sign;
    bool ok;
    if (o.n == 1 && !o.vector_arg) {
        ok = minimise_1d(in, ci, &o, start[0], out);
    } else {
        ok = minimise_nd(in, ci, &o, start, out);
    }
    return ok;
}

static bool fn_argmin(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    (void)argc;
    return optimise(in, ci, argv, 1, out);
}

static bool fn_argmax(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    (void)argc;
    return optimise(in, ci, argv, -1, out);
}

/* {===================== descend: gradient descent, traced */


static bool fn_descend(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    Objective o;
    double x[64], g[64], v[64] = {0};
    if (!objective_init(in, ci, argv, &o, x)) return false;
    if (!o.fn) return interp_error(in, ci->args[0], "descend: the function must be one you defined (f(x) = …)");
    double eta, beta = 0;
    long long steps;
    if (!builtin_scalar_arg(in, ci, "descend", argv, 2, &eta)) return false;
    if (!(eta > 0) || !isfinite(eta))
        return interp_error(in, ci->args[2], "descend: the learning rate η must be a positive number, got %.6g", eta);
    if (!builtin_int_arg(in, ci, "descend", argv, 3, 1, 1e6, &steps)) return false;
    if (argc == 5) {
        if (!builtin_scalar_arg(in, ci, "descend", argv, 4, &beta)) return false;
        if (!(beta >= 0 && beta < 1))
            return interp_error(in, ci->args[4], "descend: the momentum must be in [0, 1), got %.6g", beta);
    }
    int n = o.n;
    Array *path = n == 1 ? interp_new_vector(in, ci->call, (size_t)steps + 1)
                         : interp_new_matrix(in, ci->call, (size_t)steps + 1, (size_t)n);
    if (!path) return false;
    FILE *f = in->out;
    fprintf(f, "%6s  %-24s %-14s %s\n", "step", n == 1 ? "x" : "point", "loss", "‖gradient‖");
    long long every = steps <= 20 ? 1 : (steps + 9) / 10;
    double first = NAN, last = NAN, prev = NAN, gnorm = 0;
    int rises = 0;
    for (long long k = 0; k <= steps; k++) {
        double loss = objective_value(&o, x);
        if (o.failed) { array_release(path); return false; }
        if (!isfinite(loss)) {
            array_release(path);
            return interp_error(in, ci->args[2], "descend: the loss became %g at step %lld: η = %g is far too large "
                                "(the steps overshoot and grow)", loss, k, eta);
        }
        if (!objective_gradient(&o, x, g)) { array_release(path); return false; }
        gnorm = 0;
        for (int i = 0; i < n; i++) gnorm += g[i] * g[i];
        gnorm = sqrt(gnorm);
        memcpy(path->data + k * n, x, (size_t)n * sizeof(double));
        if (k == 0) first = loss;
        if (k > 0 && loss > prev) rises++;
        prev = last = loss;
        if (k % every == 0 || k == steps) {
            char pt[256];
            format_point(pt, sizeof pt, x, n);
            fprintf(f, "%6lld  %-24s %-14.8g %.6g\n", k, pt, loss, gnorm);
        }
        if (k == steps) break;
        for (int i = 0; i < n; i++) {
            v[i] = beta * v[i] - eta * g[i];
            x[i] += v[i];
        }
    }
    if (last > first)
        fprintf(in->err, "warning: η = %g is too large: the loss grew from %.6g to %.6g (it rose in %d of %lld "
                "steps); try η = %g\n", eta, first, last, rises, steps, eta / 10);
    else if (gnorm > 1e-6 && first - last < 0.01 * fabs(first) && first != last)
        fprintf(in->err, "warning: η = %g is too small: in %lld steps the loss only went from %.6g to %.6g and the "
                "gradient is still %.3g; try η = %g\n", eta, steps, first, last, gnorm, eta * 10);
    *out = value_arr(path);
    return true;
}

/* }===================== */

/* {===================== integrals */

typedef struct Integral {
    Obj obj;
    double value, error;
    int intervals;
} Integral;

static void integral_free(Obj *o) { free(o); }

static void integral_print(FILE *out, const Obj *o) {
    const Integral *r = (const Integral *)o;
    fprintf(out, "%.15g (± %.2g)", r->value, r->error);
}

static void integral_describe(const Obj *o, char *buf, size_t size) {
    (void)o;
    snprintf(buf, size, "an integral");
}

static const char *const integral_fields[] = {"value", "error", "intervals"};

static bool integral_field(Interp *in, const Obj *o, const char *name, Span span, Value *out) {
    (void)in; (void)span;
    const Integral *r = (const Integral *)o;
    if (!strcmp(name, "value")) *out = value_num(r->value);
    else if (!strcmp(name, "error")) *out = value_num(r->error);
    else if (!strcmp(name, "intervals")) *out = value_num(r->intervals);
    else return false;
    return true;
}

static int integral_field_names(const Obj *o, const char *const **names) {
    (void)o;
    *names = integral_fields;
    return 3;
}

static bool integral_as_array(const Obj *o, Value *out) {
    *out = value_num(((const Integral *)o)->value);
    return true;
}

static const ObjType integral_type = {
    .name = "integral", .free = integral_free, .print = integral_print, .describe = integral_describe,
    .field = integral_field, .field_names = integral_field_names, .as_array = integral_as_array,
};

static double integrand(double x, void *p) {
    Objective *o = p;
    double y = objective_value(o, &x);
    return y;
}

static bool fn_integrate(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    (void)argc;
    gsl_quiet();
    Objective o;
    memset(&o, 0, sizeof o);
    o.in = in;
    o.f = argv[0];
    o.span = ci->call;
    o.sign = 1;
    o.n = 1;
    o.what = "integrate";
    int nparams = argv[0].kind == VAL_FUNC ? argv[0].as.fn->nparams : argv[0].kind == VAL_BUILTIN ? argv[0].as.builtin->min_args : -1;
    if (nparams != 1) {
        char what[64];
        return interp_error(in, ci->args[0], "integrate: the first argument must be a function of one variable, got %s",
                            value_describe(argv[0], what, sizeof what));
    }
    double a, b;
    if (!builtin_scalar_arg(in, ci, "integrate", argv, 1, &a) || !builtin_scalar_arg(in, ci, "integrate", argv, 2, &b))
        return false;
    if (isnan(a) || isnan(b)) return interp_error(in, ci->call, "integrate: a limit is nan");
    double sign = 1;
    if (a > b) { double t = a; a = b; b = t; sign = -1; }
    gsl_integration_workspace *w = gsl_integration_workspace_alloc(1000);
    gsl_function F = {integrand, &o};
    double r = 0, err = 0;
    int status;
    if (a == b) status = GSL_SUCCESS;
    else if (isinf(a) && isinf(b)) status = gsl_integration_qagi(&F, 0, 1e-10, 1000, w, &r, &err);
    else if (isinf(b)) status = gsl_integration_qagiu(&F, a, 0, 1e-10, 1000, w, &r, &err);
    else if (isinf(a)) status = gsl_integration_qagil(&F, b, 0, 1e-10, 1000, w, &r, &err);
    else status = gsl_integration_qags(&F, a, b, 0, 1e-10, 1000, w, &r, &err);
    int intervals = (int)w->size;
    gsl_integration_workspace_free(w);
    if (o.failed) return false;
    if (status == GSL_EROUND && isfinite(r) && err <= 1e-8 * fmax(1, fabs(r))) status = GSL_SUCCESS;
    if (status != GSL_SUCCESS || !isfinite(r)) {
        const char *why = status == GSL_EDIVERGE ? "diverges (or converges too slowly to be computed)"
                        : status == GSL_ESING ? "has a non-integrable singularity"
                        : status == GSL_EMAXITER ? "could not be computed in 1000 subintervals (a singularity, "
                                                    "an oscillation or a divergence)"
                        : status == GSL_EROUND ? "could not reach its tolerance (rounding errors dominate)"
                        : !isfinite(r) ? "diverges" : "could not be computed";
        return interp_error(in, ci->call, "integrate: the integral %s (estimate %.6g ± %.2g)", why, r, err);
    }
    Integral *res = calloc(1, sizeof *res);
    if (!res) abort();
    obj_init(&res->obj, &integral_type);
    res->value = sign * r;
    res->error = err;
    res->intervals = intervals;
    *out = value_obj(&res->obj);
    return true;
}

/* }===================== */

static const Builtin entries[] = {
    {.name = "argmin", .min_args = 2, .max_args = 2, .fn = fn_argmin,
     .signature = "argmin(f, x0)",
     .summary = "the point where f is smallest, searched from x0: BFGS with the exact gradient for several "
                "variables, Brent's bracketing method for one; the result has .point .value .iterations "
                ".evaluations .converged",
     .example = "argmin(x -> (x - 2)^2, 0)", .related = "argmax, descend, grad", .pillar = "calculus"},
    {.name = "argmax", .min_args = 2, .max_args = 2, .fn = fn_argmax,
     .signature = "argmax(f, x0)", .summary = "the point where f is largest, searched from x0 (as argmin of −f)",
     .example = "argmax(x -> -(x - 1)^2, 0)", .related = "argmin", .pillar = "calculus"},
    {.name = "descend", .min_args = 4, .max_args = 5, .fn = fn_descend,
     .signature = "descend(f, x0, η, steps, momentum = 0)",
     .summary = "gradient descent x ← x − η∇f(x) from x0 (with momentum: v ← βv − η∇f, x ← x + v), printing a "
                "table of the steps; warns when η is too large (the loss grows) or too small (it stalls); "
                "returns the path",
     .example = "descend(x -> x^2, 3, 0.1, 5)", .related = "argmin, grad", .pillar = "calculus"},
    {.name = "integrate", .min_args = 3, .max_args = 3, .fn = fn_integrate,
     .signature = "integrate(f, a, b)",
     .summary = "∫_a^b f(x) dx by adaptive Gauss–Kronrod quadrature (GSL QAGS; QAGI for infinite limits, "
                "-inf and inf); .error is the estimate of the error",
     .example = "integrate(x -> x^2, 0, 1)", .related = "diff", .pillar = "calculus"},
};

const BuiltinTable builtins_optim = {entries, sizeof entries / sizeof entries[0]};
