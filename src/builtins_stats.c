/* builtins_stats.c — the statistics pillar: estimators over vectors and matrix columns
 * (median mode var std quantile percentile zscore corr; cov(x, y) joins linear algebra's
 * cov(X)), intervals (ci, ci_proportion, ci_bootstrap), tests (ttest, chisq_test,
 * ztest_prop) returning labelled records (testresult.c), and model evaluation (accuracy,
 * precision, recall, f1, confusion, kfold). The numerics are in stats.c.
 *
 * Conventions (docs/LANGUAGE.md "Statistics"): var/std divide by n − 1 (NumPy's default
 * divides by n); a matrix is rows of observations, so each column is a variable; NaN in the
 * data is refused, not propagated; level is a confidence level in (0, 1), 0.95 by default.
 * Scratch buffers are malloc'd and freed in the call that made them. */
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "builtins.h"
#include "eval.h"
#include "object.h"
#include "stats.h"
#include "testresult.h"

/* {===================== data arguments */

/* Data argument i as n numbers stride apart: a scalar is one value, a vector its elements; a
 * matrix only when matrix_ok (then *cols > 1 tells the caller). */
typedef struct Data {
    const double *x;
    size_t n;       /* observations (rows of a matrix) */
    size_t cols;    /* variables: 1 for a vector */
    bool matrix;
    double one;     /* storage for a scalar */
} Data;

static bool data_arg(Interp *in, const CallInfo *ci, const Value *argv, int i, bool matrix_ok, Data *d) {
    const char *name = ci->builtin->name;
    Value v = argv[i];
    memset(d, 0, sizeof *d);
    if (v.kind == VAL_NUM) {
        d->one = v.as.num;
        d->x = &d->one;
        d->n = d->cols = 1;
        return true;
    }
    if (v.kind != VAL_ARR) {
        char what[64];
        return interp_error(in, ci->args[i], "%s: the data must be numbers, got %s", name,
                            value_describe(v, what, sizeof what));
    }
    const Array *a = v.as.arr;
    if (a->ndim == 2 && !matrix_ok) {
        char what[64];
        return interp_error(in, ci->args[i], "%s needs a vector of data, got %s", name,
                            value_describe(v, what, sizeof what));
    }
    d->x = a->data;
    d->matrix = a->ndim == 2;
    d->n = a->ndim == 2 ? a->rows : a->len;
    d->cols = a->ndim == 2 ? a->cols : 1;
    if (a->len == 0) return interp_error(in, ci->args[i], "%s of empty data", name);
    return true;
}

/* Refuses NaN in n values stride apart (the documented policy), naming the first. */
static bool no_nan(Interp *in, const CallInfo *ci, int i, const double *x, size_t n, size_t stride) {
    for (size_t k = 0; k < n; k++)
        if (isnan(x[k * stride]))
            return interp_error(in, ci->args[i],
                                "%s: the data contain NaN (element %zu); mlm's statistics refuse missing values "
                                "rather than pass NaN on: remove them first",
                                ci->builtin->name, k + 1);
    return true;
}

static bool all_clean(Interp *in, const CallInfo *ci, int i, const Data *d) {
    return no_nan(in, ci, i, d->x, d->n * d->cols, 1);
}

/* A copy of n values stride apart, sorted (malloc'd; the caller frees). */
static double *sorted_copy(const double *x, size_t n, size_t stride) {
    double *s = malloc(n * sizeof *s);
    if (!s) return NULL;
    for (size_t k = 0; k < n; k++) s[k] = x[k * stride];
    stats_sort(s, n);
    return s;
}

/* Option strings from argument `from` on: each must be one of the allowed names (returned as
 * bits 1 << index); a number is the dim argument when dim is not NULL. */
static bool options(Interp *in, const CallInfo *ci, int argc, const Value *argv, int from,
                    const char *const *allowed, unsigned *bits, long long *dim) {
    const char *name = ci->builtin->name;
    *bits = 0;
    for (int i = from; i < argc; i++) {
        if (argv[i].kind == VAL_NUM && dim) {
            if (!builtin_int_arg(in, ci, name, argv, i, 1, 2, dim)) return false;
            continue;
        }
        if (argv[i].kind != VAL_STR) {
            char what[64];
            return interp_error(in, ci->args[i], "%s: argument %d must be %s, got %s", name, i + 1,
                                dim ? "a dimension (1 or 2) or an option string" : "an option string",
                                value_describe(argv[i], what, sizeof what));
        }
        int k = 0;
        for (; allowed[k]; k++)
            if (strcmp(argv[i].as.str->text, allowed[k]) == 0) break;
        if (!allowed[k]) {
            char list[256];
            size_t used = 0;
            for (int j = 0; allowed[j] && used < sizeof list; j++)
                used += (size_t)snprintf(list + used, sizeof list - used, "%s\"%s\"", j ? ", " : "", allowed[j]);
            return interp_error(in, ci->args[i], "%s: unknown option \"%s\"; the options are %s", name,
                                argv[i].as.str->text, list);
        }
        *bits |= 1u << k;
    }
    return true;
}

/* A statistic of one variable: n values stride apart to one number (false: error recorded). */
typedef bool (*ColumnFn)(Interp *in, const CallInfo *ci, const double *x, size_t n, size_t stride, const void *ctx,
                         double *out);

/* f over a vector (a number), or over each column (dim 1, the default) or row (dim 2) of a
 * matrix (a vector of numbers). */
static bool per_variable(Interp *in, const CallInfo *ci, const Data *d, long long dim, ColumnFn f, const void *ctx,
                         Value *out) {
    if (!all_clean(in, ci, 0, d)) return false;
    if (!d->matrix) {
        double r;
        if (!f(in, ci, d->x, d->n, 1, ctx, &r)) return false;
        *out = value_num(r);
        return true;
    }
    size_t count = dim == 2 ? d->n : d->cols, len = dim == 2 ? d->cols : d->n;
    size_t step = dim == 2 ? d->cols : 1, stride = dim == 2 ? 1 : d->cols;
    Array *v = interp_new_vector(in, ci->call, count);
    if (!v) return false;
    for (size_t j = 0; j < count; j++)
        if (!f(in, ci, d->x + j * step, len, stride, ctx, &v->data[j])) {
            array_release(v);
            return false;
        }
    *out = value_arr(v);
    return true;
}

/* }===================== */

/* {===================== estimators */

static const char *const ddof_options[] = {"sample", "population", NULL};

typedef struct VarCtx { int ddof; bool root; } VarCtx;

static bool col_var(Interp *in, const CallInfo *ci, const double *x, size_t n, size_t stride, const void *ctx,
                    double *out) {
    const VarCtx *c = ctx;
    if (c->ddof == 1 && n < 2)
        return interp_error(in, ci->args[0],
                            "%s: a sample %s needs at least 2 values, got 1 (%s(x, \"population\") divides by n)",
                            ci->builtin->name, c->root ? "standard deviation" : "variance", ci->builtin->name);
    double v = stats_var(x, n, stride, c->ddof);
    *out = c->root ? sqrt(v) : v;
    return true;
}

static bool var_or_std(Interp *in, const CallInfo *ci, int argc, const Value *argv, bool root, Value *out) {
    Data d;
    unsigned bits;
    long long dim = 1;
    if (!data_arg(in, ci, argv, 0, true, &d) || !options(in, ci, argc, argv, 1, ddof_options, &bits, &dim))
        return false;
    VarCtx c = {bits & 2 ? 0 : 1, root};
    return per_variable(in, ci, &d, dim, col_var, &c, out);
}

static bool fn_var(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    return var_or_std(in, ci, argc, argv, false, out);
}

static bool fn_std(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    return var_or_std(in, ci, argc, argv, true, out);
}

typedef enum SortedStat { SS_MEDIAN, SS_MODE } SortedStat;

static bool col_sorted(Interp *in, const CallInfo *ci, const double *x, size_t n, size_t stride, const void *ctx,
                       double *out) {
    double *s = sorted_copy(x, n, stride);
    if (!s) return interp_error(in, ci->call, "%s: out of memory", ci->builtin->name);
    size_t count;
    *out = *(const SortedStat *)ctx == SS_MEDIAN ? stats_median_sorted(s, n) : stats_mode_sorted(s, n, &count);
    free(s);
    return true;
}

static bool sorted_stat(Interp *in, const CallInfo *ci, int argc, const Value *argv, SortedStat which, Value *out) {
    Data d;
    long long dim = 1;
    static const char *const none[] = {NULL};
    unsigned bits;
    if (!data_arg(in, ci, argv, 0, true, &d) || !options(in, ci, argc, argv, 1, none, &bits, &dim)) return false;
    return per_variable(in, ci, &d, dim, col_sorted, &which, out);
}

static bool fn_median(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    return sorted_stat(in, ci, argc, argv, SS_MEDIAN, out);
}

static bool fn_mode(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    return sorted_stat(in, ci, argc, argv, SS_MODE, out);
}

/* quantile(x, p, method) and percentile(x, q, method) = quantile(x, q/100, method). */
static bool quantiles(Interp *in, const CallInfo *ci, int argc, const Value *argv, double scale, Value *out) {
    const char *name = ci->builtin->name;
    Data d;
    if (!data_arg(in, ci, argv, 0, true, &d) || !all_clean(in, ci, 0, &d)) return false;
    Value pv = argv[1];
    if (pv.kind != VAL_NUM && !(pv.kind == VAL_ARR && pv.as.arr->ndim == 1)) {
        char what[64];
        return interp_error(in, ci->args[1], "%s: the probabilities must be a number or a vector, got %s", name,
                            value_describe(pv, what, sizeof what));
    }
    size_t np = pv.kind == VAL_NUM ? 1 : pv.as.arr->len;
    const double *p = pv.kind == VAL_NUM ? &pv.as.num : pv.as.arr->data;
    for (size_t k = 0; k < np; k++)
        if (!(p[k] >= 0 && p[k] <= scale))
            return interp_error(in, ci->args[1], "%s: %s %.15g is outside [0, %g]%s", name,
                                scale == 1 ? "the probability" : "the percentage", p[k], scale,
                                scale == 1 && p[k] > 1 && p[k] <= 100 ? " (percentile(x, q) takes percentages)" : "");
    QuantileMethod m = Q_LINEAR;
    if (argc == 3) {
        int mm = argv[2].kind == VAL_STR ? stats_quantile_method(argv[2].as.str->text) : -1;
        if (mm < 0)
            return interp_error(in, ci->args[2],
                                "%s: the method must be one of \"linear\" (the default, R type 7), \"lower\", "
                                "\"higher\", \"nearest\", \"midpoint\", \"interpolated_inverted_cdf\", "
                                "\"hazen\", \"weibull\", \"median_unbiased\", \"normal_unbiased\" or "
                                "\"type4\"…\"type9\"",
                                name);
        m = (QuantileMethod)mm;
    }
    /* result: vector data & scalar p → number; & vector p → vector; matrix & scalar p → one per
     * column; & vector p → a len(p) × cols matrix (as np.quantile(X, p, axis=0)) */
    Array *r = NULL;
    if (d.matrix || pv.kind != VAL_NUM) {
        r = d.matrix && pv.kind != VAL_NUM ? interp_new_matrix(in, ci->call, np, d.cols)
                                           : interp_new_vector(in, ci->call, d.matrix ? d.cols : np);
        if (!r) return false;
    }
    double result = 0;
    for (size_t j = 0; j < d.cols; j++) {
        double *s = sorted_copy(d.x + j, d.n, d.cols);
        if (!s) {
            if (r) array_release(r);
            return interp_error(in, ci->call, "%s: out of memory", name);
        }
        for (size_t k = 0; k < np; k++) {
            double q = stats_quantile_sorted(s, d.n, p[k] / scale, m);
            if (r) r->data[k * d.cols + j] = q;
            else result = q;
        }
        free(s);
    }
    *out = r ? value_arr(r) : value_num(result);
    return true;
}

static bool fn_quantile(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    return quantiles(in, ci, argc, argv, 1, out);
}

static bool fn_percentile(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    return quantiles(in, ci, argc, argv, 100, out);
}

static bool fn_zscore(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    Data d;
    unsigned bits;
    if (!data_arg(in, ci, argv, 0, true, &d) || !all_clean(in, ci, 0, &d) ||
        !options(in, ci, argc, argv, 1, ddof_options, &bits, NULL))
        return false;
    int ddof = bits & 2 ? 0 : 1;
    if (d.n <= (size_t)ddof)
        return interp_error(in, ci->args[0], "zscore: a sample standard deviation needs at least 2 values, got 1");
    Array *r = interp_new_array(in, ci->call, d.matrix ? 2 : 1, d.matrix ? d.n : 1, d.matrix ? d.cols : d.n);
    if (!r) return false;
    for (size_t j = 0; j < d.cols; j++) {
        double m = stats_mean(d.x + j, d.n, d.cols), s = sqrt(stats_var(d.x + j, d.n, d.cols, ddof));
        for (size_t k = 0; k < d.n; k++) r->data[k * d.cols + j] = (d.x[k * d.cols + j] - m) / s;
    }
    *out = value_arr(r);
    return true;
}

/* Two vectors of the same length ≥ 2 as arguments i and i + 1. */
static bool pair_args(Interp *in, const CallInfo *ci, const Value *argv, int i, Data *x, Data *y) {
    if (!data_arg(in, ci, argv, i, false, x) || !data_arg(in, ci, argv, i + 1, false, y)) return false;
    if (x->n != y->n)
        return interp_error(in, ci->args[i + 1], "%s: x has %zu values but y has %zu; they must pair up", ci->builtin->name,
                            x->n, y->n);
    if (x->n < 2) return interp_error(in, ci->args[i], "%s needs at least 2 pairs of values, got 1", ci->builtin->name);
    return no_nan(in, ci, i, x->x, x->n, 1) && no_nan(in, ci, i + 1, y->x, y->n, 1);
}

/* cov(x, y): the sample covariance of two vectors (cov(X) is linear algebra's). */
bool stats_builtin_cov2(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    (void)argc;
    Data x, y;
    if (!pair_args(in, ci, argv, 0, &x, &y)) return false;
    *out = value_num(stats_cov(x.x, 1, y.x, 1, x.n, 1));
    return true;
}

static double spearman(const double *x, size_t sx, const double *y, size_t sy, size_t n) {
    double *rx = malloc(2 * n * sizeof *rx);
    if (!rx) abort();
    stats_rank(x, sx, n, rx);
    stats_rank(y, sy, n, rx + n);
    double r = stats_pearson(rx, 1, rx + n, 1, n);
    free(rx);
    return r;
}

static bool fn_corr(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    static const char *const kinds[] = {"pearson", "spearman", NULL};
    bool two = argc >= 2 && argv[1].kind != VAL_STR;
    unsigned bits;
    if (!options(in, ci, argc, argv, two ? 2 : 1, kinds, &bits, NULL)) return false;
    bool rank = bits & 2;
    if (two) {
        Data x, y;
        if (!pair_args(in, ci, argv, 0, &x, &y)) return false;
        *out = value_num(rank ? spearman(x.x, 1, y.x, 1, x.n) : stats_pearson(x.x, 1, y.x, 1, x.n));
        return true;
    }
    Data d;
    if (!data_arg(in, ci, argv, 0, true, &d) || !all_clean(in, ci, 0, &d)) return false;
    if (!d.matrix)
        return interp_error(in, ci->args[0], "corr needs two vectors, corr(x, y), or a matrix whose columns are the variables");
    if (d.n < 2) return interp_error(in, ci->args[0], "corr needs at least 2 observations (rows), got 1");
    size_t p = d.cols;
    Array *r = interp_new_matrix(in, ci->call, p, p);
    if (!r) return false;
    for (size_t i = 0; i < p; i++)
        for (size_t j = i; j < p; j++) {
            double v = i == j ? 1
                     : rank ? spearman(d.x + i, p, d.x + j, p, d.n) : stats_pearson(d.x + i, p, d.x + j, p, d.n);
            r->data[i * p + j] = r->data[j * p + i] = v;
        }
    *out = value_arr(r);
    return true;
}

/* }===================== */

/* {===================== intervals and tests */

static bool level_arg(Interp *in, const CallInfo *ci, const Value *argv, int i, double *level) {
    if (!builtin_scalar_arg(in, ci, ci->builtin->name, argv, i, level)) return false;
    if (!(*level > 0 && *level < 1))
        return interp_error(in, ci->args[i], "%s: the confidence level must be between 0 and 1 (0.95 for 95%%), got %.15g",
                            ci->builtin->name, *level);
    return true;
}

static const char *pct(double level, char *buf, size_t size) {
    char tmp[32];
    snprintf(buf, size, "%s%%", testresult_fmt(level * 100, 6, tmp, sizeof tmp));
    return buf;
}

static bool fn_ci(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    Data d;
    double level = 0.95;
    if (!data_arg(in, ci, argv, 0, false, &d) || !no_nan(in, ci, 0, d.x, d.n, 1)) return false;
    if (argc == 2 && !level_arg(in, ci, argv, 1, &level)) return false;
    if (d.n < 2) return interp_error(in, ci->args[0], "ci: a t interval needs at least 2 values, got 1");
    TResult t = stats_ttest_one(d.x, d.n, 0, ALT_TWO_SIDED, level);
    char l[32], a[32], b[32], m[32];
    TestResult *r = testresult_new("t interval: mean ± t(1 − α/2, n − 1)·s/√n, s the sample standard deviation "
                                   "(n − 1), as R's t.test and scipy.stats.t.interval");
    r->interval = true;
    testresult_read(r, "%s t interval for the mean: [%s, %s] around %s — intervals made this way cover the true "
                       "mean in %s of samples (for a random sample from a roughly normal population).",
                    pct(level, l, sizeof l), testresult_fmt(t.lo, 4, a, sizeof a), testresult_fmt(t.hi, 4, b, sizeof b),
                    testresult_fmt(t.estimate, 4, m, sizeof m), l);
    testresult_pair(r, "ci", t.lo, t.hi, NULL);
    testresult_num(r, "lower", t.lo, NULL);
    testresult_num(r, "upper", t.hi, NULL);
    testresult_num(r, "estimate", t.estimate, "the sample mean");
    testresult_num(r, "se", t.se, "standard error s/√n");
    testresult_num(r, "df", t.df, NULL);
    testresult_num(r, "level", level, NULL);
    testresult_num(r, "n", (double)d.n, NULL);
    *out = value_obj(&r->obj);
    return true;
}

/* Counts k of n: whole numbers with 0 ≤ k ≤ n, n ≥ 1. */
static bool counts(Interp *in, const CallInfo *ci, const Value *argv, int ik, int in_, double *k, double *n) {
    long long kk, nn;
    if (!builtin_int_arg(in, ci, ci->builtin->name, argv, in_, 1, 9007199254740992.0, &nn)) return false;
    if (!builtin_int_arg(in, ci, ci->builtin->name, argv, ik, 0, (double)nn, &kk)) return false;
    *k = (double)kk;
    *n = (double)nn;
    return true;
}

static bool fn_ci_proportion(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    double k, n, level = 0.95, lo, hi;
    if (!counts(in, ci, argv, 0, 1, &k, &n)) return false;
    if (argc == 3 && !level_arg(in, ci, argv, 2, &level)) return false;
    stats_wilson(k, n, level, &lo, &hi);
    char l[32], a[32], b[32], m[32], kn[64];
    snprintf(kn, sizeof kn, "%.0f of %.0f", k, n);
    TestResult *r = testresult_new("Wilson score interval (no continuity correction), as "
                                   "scipy.stats.binomtest(k, n).proportion_ci(method=\"wilson\") and R's prop.test(correct = FALSE)");
    r->interval = true;
    testresult_read(r, "%s Wilson interval for a proportion, %s = %s: [%s, %s] — the true rate is plausibly anywhere "
                       "in this range.",
                    pct(level, l, sizeof l), kn, testresult_fmt(k / n, 4, m, sizeof m),
                    testresult_fmt(lo, 4, a, sizeof a), testresult_fmt(hi, 4, b, sizeof b));
    testresult_pair(r, "ci", lo, hi, NULL);
    testresult_num(r, "lower", lo, NULL);
    testresult_num(r, "upper", hi, NULL);
    testresult_num(r, "estimate", k / n, "k/n");
    testresult_num(r, "level", level, NULL);
    testresult_num(r, "n", n, NULL);
    *out = value_obj(&r->obj);
    return true;
}

/* ci_bootstrap(x, f, seed, level = 0.95, B = 2000): the percentile interval of f over B
 * resamples drawn with GSL's MT19937 seeded with seed (the generator lives in this call). */
static bool fn_ci_bootstrap(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    Data d;
    double level = 0.95;
    long long seed, B = 2000;
    if (!data_arg(in, ci, argv, 0, false, &d) || !no_nan(in, ci, 0, d.x, d.n, 1)) return false;
    Value f = argv[1];
    if (f.kind != VAL_FUNC && f.kind != VAL_BUILTIN && !(f.kind == VAL_OBJ && f.as.obj->type->call)) {
        char what[64];
        return interp_error(in, ci->args[1], "ci_bootstrap: argument 2 must be the statistic, a function such as mean, got %s",
                            value_describe(f, what, sizeof what));
    }
    if (!builtin_int_arg(in, ci, "ci_bootstrap", argv, 2, 0, 4294967295.0, &seed)) return false;
    if (argc >= 4 && !level_arg(in, ci, argv, 3, &level)) return false;
    if (argc >= 5 && !builtin_int_arg(in, ci, "ci_bootstrap", argv, 4, 10, 1e7, &B)) return false;
    if (d.n < 2) return interp_error(in, ci->args[0], "ci_bootstrap needs at least 2 values, got 1");
    Value estimate;
    Value data = value_retain(argv[0]);
    bool ok = eval_call_value(in, f, 1, &data, ci->args[1], &ci->args[1], &estimate);
    value_release(data);
    if (!ok) return false;
    if (estimate.kind != VAL_NUM) {
        value_release(estimate);
        return interp_error(in, ci->args[1], "ci_bootstrap: the statistic must give one number");
    }
    double *stats = malloc((size_t)B * sizeof *stats);
    Array *sample = interp_new_vector(in, ci->call, d.n);
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    if (!stats || !sample || !rng) {
        free(stats);
        if (sample) array_release(sample);
        if (rng) gsl_rng_free(rng);
        return sample ? interp_error(in, ci->call, "ci_bootstrap: out of memory") : false;
    }
    gsl_rng_set(rng, (unsigned long)seed);
    ok = true;
    for (long long b = 0; b < B && ok; b++) {
        if (!array_make_unique(&in->budget, &sample, &(AllocStatus){0})) { ok = interp_error(in, ci->call, "out of memory"); break; }
        for (size_t i = 0; i < d.n; i++) sample->data[i] = d.x[gsl_rng_uniform_int(rng, d.n)];
        Value arg = value_arr(array_retain(sample)), s;
        ok = eval_call_value(in, f, 1, &arg, ci->args[1], &ci->args[1], &s);
        value_release(arg);
        if (!ok) break;
        if (s.kind != VAL_NUM || isnan(s.as.num)) {
            value_release(s);
            ok = interp_error(in, ci->args[1], "ci_bootstrap: the statistic must give one number for every resample");
            break;
        }
        stats[b] = s.as.num;
        if ((b & 255) == 0 && interp_check_interrupt(in, ci->call)) ok = false;
    }
    gsl_rng_free(rng);
    array_release(sample);
    if (!ok) {
        free(stats);
        value_release(estimate);
        return false;
    }
    stats_sort(stats, (size_t)B);
    double lo = stats_quantile_sorted(stats, (size_t)B, (1 - level) / 2, Q_LINEAR);
    double hi = stats_quantile_sorted(stats, (size_t)B, 1 - (1 - level) / 2, Q_LINEAR);
    free(stats);
    char l[32], a[32], b[32], m[32];
    TestResult *r = testresult_new("percentile bootstrap: resample n values with replacement B times (GSL's MT19937, "
                                   "seeded), the interval is the (1 − level)/2 and (1 + level)/2 quantiles of the statistic");
    r->interval = true;
    testresult_read(r, "%s bootstrap interval (%lld resamples, seed %lld): [%s, %s] around %s.", pct(level, l, sizeof l), B,
                    seed, testresult_fmt(lo, 4, a, sizeof a), testresult_fmt(hi, 4, b, sizeof b),
                    testresult_fmt(estimate.as.num, 4, m, sizeof m));
    testresult_pair(r, "ci", lo, hi, NULL);
    testresult_num(r, "lower", lo, NULL);
    testresult_num(r, "upper", hi, NULL);
    testresult_add(r, "estimate", estimate, "the statistic of the data");
    testresult_num(r, "level", level, NULL);
    testresult_num(r, "B", (double)B, "resamples");
    testresult_num(r, "seed", (double)seed, NULL);
    *out = value_obj(&r->obj);
    return true;
}

static const char *alt_name(Alternative a) {
    return a == ALT_LESS ? "one-sided (less)" : a == ALT_GREATER ? "one-sided (greater)" : "two-sided";
}

/* "at the 5% level, evidence that …" / "no evidence that …". */
static void verdict(char *buf, size_t size, double p, double level, const char *claim) {
    char tmp[32];
    testresult_fmt((1 - level) * 100, 6, tmp, sizeof tmp);
    if (snprintf(buf, size, "at the %s%% level, %s that %s.", tmp, p < 1 - level ? "evidence" : "no evidence", claim) < 0)
        buf[0] = '\0';
}

static void ttest_record(TestResult *r, const char *title, Alternative alt, const TResult *t, double level,
                         const char *claim, const char *estimate_note) {
    char a[32], b[32], c[32], v[256];
    verdict(v, sizeof v, t->p, level, claim);
    testresult_read(r, "%s, %s: t = %s, df = %s, p = %s — %s", title, alt_name(alt), testresult_fmt(t->t, 3, a, sizeof a),
                    testresult_fmt(t->df, 3, b, sizeof b), testresult_fmt(t->p, 2, c, sizeof c), v);
    testresult_num(r, "t", t->t, NULL);
    testresult_num(r, "df", t->df, NULL);
    testresult_num(r, "p", t->p, NULL);
    testresult_num(r, "estimate", t->estimate, estimate_note);
    testresult_num(r, "se", t->se, "its standard error");
    testresult_pair(r, "ci", t->lo, t->hi, level == 0.95 ? "95% confidence interval" : "confidence interval at .level");
    testresult_num(r, "level", level, NULL);
}

/* ttest(x), ttest(x, mu0), ttest(x, y), ttest(x, y, "pooled" | "paired" | "welch"), with
 * "two-sided" (default), "less" or "greater", and a number for the level. */
static bool fn_ttest(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    static const char *const opts[] = {"welch", "pooled", "paired", "two-sided", "less", "greater", NULL};
    Data x, y;
    if (!data_arg(in, ci, argv, 0, false, &x) || !no_nan(in, ci, 0, x.x, x.n, 1)) return false;
    bool two = argc >= 2 && argv[1].kind == VAL_ARR;
    double mu0 = 0, level = 0.95;
    int from = 1;
    if (argc >= 2 && argv[1].kind == VAL_NUM) { mu0 = argv[1].as.num; from = 2; }
    if (two) {
        if (!data_arg(in, ci, argv, 1, false, &y) || !no_nan(in, ci, 1, y.x, y.n, 1)) return false;
        from = 2;
    }
    unsigned bits = 0;
    for (int i = from; i < argc; i++) {
        if (argv[i].kind == VAL_NUM) {
            if (!level_arg(in, ci, argv, i, &level)) return false;
            continue;
        }
        unsigned b;
        if (!options(in, ci, i + 1, argv, i, opts, &b, NULL)) return false;
        bits |= b;
    }
    Alternative alt = bits & 32 ? ALT_GREATER : bits & 16 ? ALT_LESS : ALT_TWO_SIDED;
    if ((bits & 7) && !two)
        return interp_error(in, ci->call, "ttest: \"welch\", \"pooled\" and \"paired\" compare two samples: ttest(x, y, …)");
    if (isnan(mu0) || isinf(mu0)) return interp_error(in, ci->args[1], "ttest: the hypothesised mean must be a finite number");
    const char *less = alt == ALT_LESS ? "is less than" : "is greater than";
    char claim[160];
    TestResult *r;
    TResult t;
    if (!two || (bits & 4)) {
        const double *data = x.x;
        double *diff = NULL;
        if (bits & 4) {
            if (x.n != y.n)
                return interp_error(in, ci->args[1], "ttest: a paired test needs samples of the same length, got %zu and %zu",
                                    x.n, y.n);
            diff = malloc(x.n * sizeof *diff);
            if (!diff) return interp_error(in, ci->call, "ttest: out of memory");
            for (size_t i = 0; i < x.n; i++) diff[i] = x.x[i] - y.x[i];
            data = diff;
        }
        if (x.n < 2) {
            free(diff);
            return interp_error(in, ci->args[0], "ttest needs at least 2 values in a sample, got 1");
        }
        t = stats_ttest_one(data, x.n, mu0, alt, level);
        free(diff);
        char m[32];
        testresult_fmt(mu0, 6, m, sizeof m);
        if (bits & 4) {
            r = testresult_new("paired: a one-sample t-test of the differences x − y (as R's t.test(paired = TRUE) and "
                               "scipy.stats.ttest_rel)");
            if (alt == ALT_TWO_SIDED) snprintf(claim, sizeof claim, "the mean difference differs from %s", m);
            else snprintf(claim, sizeof claim, "the mean difference %s %s", less, m);
            ttest_record(r, "Paired t-test", alt, &t, level, claim, "mean of x − y");
        } else {
            r = testresult_new("one-sample: t = (mean − μ0)/(s/√n), s with n − 1 (as R's t.test and scipy.stats.ttest_1samp)");
            if (alt == ALT_TWO_SIDED) snprintf(claim, sizeof claim, "the mean differs from %s", m);
            else snprintf(claim, sizeof claim, "the mean %s %s", less, m);
            ttest_record(r, "One-sample t-test", alt, &t, level, claim, "the sample mean");
            testresult_num(r, "mu0", mu0, "the hypothesised mean");
        }
    } else {
        if (x.n < 2 || y.n < 2)
            return interp_error(in, ci->args[x.n < 2 ? 0 : 1], "ttest needs at least 2 values in each sample, got 1");
        bool pooled = bits & 2;
        t = stats_ttest_two(x.x, x.n, y.x, y.n, pooled, alt, level);
        r = testresult_new(pooled ? "pooled: equal variances assumed, df = nx + ny − 2 (SciPy's ttest_ind default; R's "
                                    "var.equal = TRUE)"
                                  : "Welch: unequal variances, Welch–Satterthwaite df (R's t.test default; SciPy's "
                                    "ttest_ind needs equal_var=False)");
        if (alt == ALT_TWO_SIDED) snprintf(claim, sizeof claim, "the means differ");
        else snprintf(claim, sizeof claim, "the mean of x %s the mean of y", less);
        ttest_record(r, pooled ? "Two-sample t-test (pooled variance)" : "Welch two-sample t-test", alt, &t, level, claim,
                     "mean(x) − mean(y)");
    }
    *out = value_obj(&r->obj);
    return true;
}

static bool fn_chisq_test(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    static const char *const opts[] = {"yates", "pearson", NULL};
    unsigned bits;
    if (!options(in, ci, argc, argv, 1, opts, &bits, NULL)) return false;
    Value v = argv[0];
    if (v.kind != VAL_ARR || v.as.arr->ndim != 2 || v.as.arr->rows < 2 || v.as.arr->cols < 2) {
        char what[64];
        return interp_error(in, ci->args[0], "chisq_test needs a table of counts with at least 2 rows and 2 columns, got %s",
                            value_describe(v, what, sizeof what));
    }
    const Array *a = v.as.arr;
    if (!no_nan(in, ci, 0, a->data, a->len, 1)) return false;
    for (size_t k = 0; k < a->len; k++)
        if (a->data[k] < 0 || isinf(a->data[k]))
            return interp_error(in, ci->args[0], "chisq_test: the table holds counts, but row %zu, column %zu is %.15g",
                                k / a->cols + 1, k % a->cols + 1, a->data[k]);
    Array *e = interp_new_matrix(in, ci->call, a->rows, a->cols);
    if (!e) return false;
    bool yates = !(bits & 2);
    ChiResult c = stats_chisq(a->data, a->rows, a->cols, yates, e->data);
    for (size_t k = 0; k < a->len; k++)
        if (!(e->data[k] > 0)) {
            array_release(e);
            return interp_error(in, ci->args[0],
                                "chisq_test: the expected count of row %zu, column %zu is 0 (a row or column of the "
                                "table is all zeros); drop it",
                                k / a->cols + 1, k % a->cols + 1);
        }
    char s[32], df[32], p[32], vd[256];
    verdict(vd, sizeof vd, c.p, 0.95, "the rows and columns are associated");
    TestResult *r = testresult_new(c.corrected ? "Pearson's χ² with Yates' continuity correction on a 2×2 table (as R's "
                                                 "chisq.test and scipy.stats.chi2_contingency; \"pearson\" turns it off)"
                                               : "Pearson's χ² = Σ (observed − expected)²/expected, expected = row total × "
                                                 "column total / total (as scipy.stats.chi2_contingency)");
    testresult_read(r, "χ² test of independence%s: χ² = %s, df = %s, p = %s — %s", c.corrected ? " (Yates-corrected)" : "",
                    testresult_fmt(c.stat, 3, s, sizeof s), testresult_fmt(c.df, 3, df, sizeof df),
                    testresult_fmt(c.p, 2, p, sizeof p), vd);
    testresult_num(r, "chisq", c.stat, NULL);
    testresult_num(r, "df", c.df, "(rows − 1)(columns − 1)");
    testresult_num(r, "p", c.p, NULL);
    testresult_add(r, "expected", value_arr(e), NULL);
    *out = value_obj(&r->obj);
    return true;
}

static bool fn_ztest_prop(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    static const char *const opts[] = {"two-sided", "less", "greater", NULL};
    double k1, n1, k2, n2, level = 0.95;
    if (!counts(in, ci, argv, 0, 1, &k1, &n1) || !counts(in, ci, argv, 2, 3, &k2, &n2)) return false;
    unsigned bits = 0;
    for (int i = 4; i < argc; i++) {
        if (argv[i].kind == VAL_NUM) {
            if (!level_arg(in, ci, argv, i, &level)) return false;
            continue;
        }
        unsigned b;
        if (!options(in, ci, i + 1, argv, i, opts, &b, NULL)) return false;
        bits |= b;
    }
    Alternative alt = bits & 4 ? ALT_GREATER : bits & 2 ? ALT_LESS : ALT_TWO_SIDED;
    if (k1 + k2 == 0 || k1 + k2 == n1 + n2)
        return interp_error(in, ci->call, "ztest_prop: every case is a %s, so the pooled proportion is %g and z is undefined",
                            k1 + k2 == 0 ? "failure" : "success", k1 + k2 == 0 ? 0.0 : 1.0);
    ZResult z = stats_ztest_prop(k1, n1, k2, n2, alt, level);
    char a[32], c[32], vd[256], claim[96];
    if (alt == ALT_TWO_SIDED) snprintf(claim, sizeof claim, "the proportions differ");
    else snprintf(claim, sizeof claim, "the first proportion is %s the second", alt == ALT_LESS ? "less than" : "greater than");
    verdict(vd, sizeof vd, z.p, level, claim);
    TestResult *r = testresult_new("z = (p1 − p2)/√(p(1 − p)(1/n1 + 1/n2)) with the pooled p under H0, no continuity "
                                   "correction (as statsmodels' proportions_ztest; R's prop.test(correct = FALSE) gives "
                                   "χ² = z²); .ci is the unpooled Wald interval");
    testresult_read(r, "Two-proportion z-test, %s: z = %s, p = %s — %s", alt_name(alt), testresult_fmt(z.z, 3, a, sizeof a),
                    testresult_fmt(z.p, 2, c, sizeof c), vd);
    testresult_num(r, "z", z.z, NULL);
    testresult_num(r, "p", z.p, NULL);
    testresult_num(r, "estimate", z.estimate, "p1 − p2");
    testresult_pair(r, "ci", z.lo, z.hi, "Wald interval for p1 − p2");
    testresult_num(r, "level", level, NULL);
    *out = value_obj(&r->obj);
    return true;
}

/* }===================== */

/* {===================== model evaluation */

/* True and predicted labels: two vectors of the same length. */
static bool labels(Interp *in, const CallInfo *ci, const Value *argv, Data *y, Data *yhat) {
    if (!data_arg(in, ci, argv, 0, false, y) || !data_arg(in, ci, argv, 1, false, yhat)) return false;
    if (y->n != yhat->n)
        return interp_error(in, ci->args[1], "%s: %zu true labels but %zu predictions; they must pair up", ci->builtin->name,
                            y->n, yhat->n);
    return no_nan(in, ci, 0, y->x, y->n, 1) && no_nan(in, ci, 1, yhat->x, yhat->n, 1);
}

static bool fn_accuracy(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    (void)argc;
    Data y, h;
    if (!labels(in, ci, argv, &y, &h)) return false;
    size_t right = 0;
    for (size_t i = 0; i < y.n; i++) right += y.x[i] == h.x[i];
    *out = value_num((double)right / (double)y.n);
    return true;
}

typedef enum Score { SC_PRECISION, SC_RECALL, SC_F1 } Score;

static bool score(Interp *in, const CallInfo *ci, int argc, const Value *argv, Score which, Value *out) {
    Data y, h;
    double positive = 1;
    if (!labels(in, ci, argv, &y, &h)) return false;
    if (argc == 3 && !builtin_scalar_arg(in, ci, ci->builtin->name, argv, 2, &positive)) return false;
    double tp = 0, fp = 0, fn = 0;
    for (size_t i = 0; i < y.n; i++) {
        bool t = y.x[i] == positive, p = h.x[i] == positive;
        tp += t && p;
        fp += !t && p;
        fn += t && !p;
    }
    char pos[32];
    testresult_fmt(positive, 15, pos, sizeof pos);
    if (which != SC_RECALL && tp + fp == 0)
        return interp_error(in, ci->args[1], "%s: no case is predicted as the positive class %s, so precision is undefined",
                            ci->builtin->name, pos);
    if (which != SC_PRECISION && tp + fn == 0)
        return interp_error(in, ci->args[0], "%s: no case is truly of the positive class %s, so recall is undefined",
                            ci->builtin->name, pos);
    double pr = tp / (tp + fp), rc = tp / (tp + fn);
    *out = value_num(which == SC_PRECISION ? pr : which == SC_RECALL ? rc : (tp == 0 ? 0 : 2 * tp / (2 * tp + fp + fn)));
    return true;
}

static bool fn_precision(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    return score(in, ci, argc, argv, SC_PRECISION, out);
}

static bool fn_recall(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    return score(in, ci, argc, argv, SC_RECALL, out);
}

static bool fn_f1(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    return score(in, ci, argc, argv, SC_F1, out);
}

static size_t class_index(const double *classes, size_t k, double v) {
    size_t lo = 0, hi = k;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (classes[mid] < v) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

static bool fn_confusion(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    (void)argc;
    Data y, h;
    if (!labels(in, ci, argv, &y, &h)) return false;
    double *cls = malloc(2 * y.n * sizeof *cls);
    if (!cls) return interp_error(in, ci->call, "confusion: out of memory");
    memcpy(cls, y.x, y.n * sizeof *cls);
    memcpy(cls + y.n, h.x, y.n * sizeof *cls);
    stats_sort(cls, 2 * y.n);
    size_t k = 0;
    for (size_t i = 0; i < 2 * y.n; i++)
        if (k == 0 || cls[i] != cls[k - 1]) cls[k++] = cls[i];
    Array *m = interp_new_matrix(in, ci->call, k, k);
    if (!m) { free(cls); return false; }
    memset(m->data, 0, k * k * sizeof *m->data);
    for (size_t i = 0; i < y.n; i++) m->data[class_index(cls, k, y.x[i]) * k + class_index(cls, k, h.x[i])] += 1;
    free(cls);
    *out = value_arr(m);
    return true;
}

/* kfold(n, k, seed): the fold (1..k) of each of n cases, shuffled with GSL's MT19937 seeded
 * with seed, fold sizes differing by at most one; kfold(n, k, seed, j): (train, test), the
 * indices of the cases outside and inside fold j. */
static bool fn_kfold(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    long long n, k, seed, j = 0;
    if (!builtin_int_arg(in, ci, "kfold", argv, 0, 2, 9007199254740992.0, &n)) return false;
    if (!builtin_int_arg(in, ci, "kfold", argv, 1, 2, (double)n, &k)) return false;
    if (!builtin_int_arg(in, ci, "kfold", argv, 2, 0, 4294967295.0, &seed)) return false;
    if (argc == 4 && !builtin_int_arg(in, ci, "kfold", argv, 3, 1, (double)k, &j)) return false;
    Array *fold = interp_new_vector(in, ci->call, (size_t)n);
    if (!fold) return false;
    for (long long i = 0; i < n; i++) fold->data[i] = (double)(i % k + 1);
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    if (!rng) { array_release(fold); return interp_error(in, ci->call, "kfold: out of memory"); }
    gsl_rng_set(rng, (unsigned long)seed);
    for (long long i = n - 1; i > 0; i--) { /* Fisher–Yates */
        size_t r = gsl_rng_uniform_int(rng, (unsigned long)i + 1);
        double t = fold->data[i];
        fold->data[i] = fold->data[r];
        fold->data[r] = t;
    }
    gsl_rng_free(rng);
    if (j == 0) { *out = value_arr(fold); return true; }
    size_t ntest = 0;
    for (long long i = 0; i < n; i++) ntest += fold->data[i] == (double)j;
    Array *train = interp_new_vector(in, ci->call, (size_t)n - ntest);
    Array *test = train ? interp_new_vector(in, ci->call, ntest) : NULL;
    if (!test) {
        array_release(fold);
        if (train) array_release(train);
        return false;
    }
    size_t a = 0, b = 0;
    for (long long i = 0; i < n; i++) {
        if (fold->data[i] == (double)j) test->data[b++] = (double)(i + 1);
        else train->data[a++] = (double)(i + 1);
    }
    array_release(fold);
    static const char *const names[] = {"train", "test"};
    Value items[2] = {value_arr(train), value_arr(test)};
    *out = value_tuple(2, names, items);
    return true;
}

/* }===================== */

#define P .pillar = "statistics"
static const Builtin entries[] = {
    {.name = "median", .min_args = 1, .max_args = 2, .fn = fn_median, P,
     .signature = "median(x) or median(X, dim)", .summary = "the middle value (the mean of the two middle ones when n is even); of a matrix, one per column (dim 2: per row). NaN is refused",
     .example = "median([3, 1, 4, 1, 5])", .related = "mean, quantile, mode"},
    {.name = "mode", .min_args = 1, .max_args = 2, .fn = fn_mode, P,
     .signature = "mode(x) or mode(X, dim)", .summary = "the most frequent value, the smallest of those tied (as scipy.stats.mode)",
     .example = "mode([1, 2, 2, 3, 3])", .related = "median, mean"},
    {.name = "var", .min_args = 1, .max_args = 3, .fn = fn_var, P,
     .signature = "var(x), var(x, \"population\"), var(X, dim)", .summary = "the sample variance Σ(x − x̄)²/(n − 1); \"population\" divides by n (NumPy's np.var divides by n unless ddof=1; pandas and R use n − 1). Two-pass, so 1e9 + [4, 7, 13, 16] gives 30 exactly. Of a matrix: one per column (dim 2: per row). NaN is refused",
     .example = "var([2, 4, 4, 4, 5, 5, 7, 9])", .related = "std, cov, mean", .reduce = REDUCE_VAR},
    {.name = "std", .min_args = 1, .max_args = 3, .fn = fn_std, P,
     .signature = "std(x), std(x, \"population\"), std(X, dim)", .summary = "the sample standard deviation √var(x), n − 1 (NumPy's np.std divides by n unless ddof=1); \"population\" divides by n",
     .example = "std([2, 4, 4, 4, 5, 5, 7, 9], \"population\")", .related = "var, zscore", .reduce = REDUCE_STD},
    {.name = "quantile", .min_args = 2, .max_args = 3, .fn = fn_quantile, P,
     .signature = "quantile(x, p, method = \"linear\")", .summary = "the p-quantile(s) of the data, p in [0, 1] (a number or a vector); \"linear\" is NumPy's default and R's type 7; also \"lower\", \"higher\", \"nearest\", \"midpoint\", \"hazen\", \"weibull\", \"median_unbiased\", \"normal_unbiased\", \"type4\"…\"type9\". Of a matrix: per column",
     .example = "quantile([1, 2, 3, 4, 5], [0.25, 0.75])", .related = "percentile, median"},
    {.name = "percentile", .min_args = 2, .max_args = 3, .fn = fn_percentile, P,
     .signature = "percentile(x, q, method = \"linear\")", .summary = "quantile(x, q/100): q in [0, 100]",
     .example = "percentile([1, 2, 3, 4, 5], 90)", .related = "quantile"},
    {.name = "zscore", .min_args = 1, .max_args = 2, .fn = fn_zscore, P,
     .signature = "zscore(x) or zscore(x, \"population\")", .summary = "(x − mean)/std with the sample std (n − 1, as R's scale; scipy.stats.zscore uses n unless ddof=1); a matrix by columns",
     .example = "zscore([1, 2, 3])", .related = "std, mean"},
    {.name = "corr", .min_args = 1, .max_args = 3, .fn = fn_corr, P,
     .signature = "corr(x, y), corr(X), corr(x, y, \"spearman\")", .summary = "Pearson's correlation r of two vectors, or the matrix of the columns of X; \"spearman\" correlates the ranks (ties averaged)",
     .example = "corr([1, 2, 3, 4], [2, 4, 5, 9])", .related = "cov"},
    {.name = "ci", .min_args = 1, .max_args = 2, .fn = fn_ci, P,
     .signature = "ci(x, level = 0.95)", .summary = "the t confidence interval for the mean, mean ± t·s/√n (a record: .ci .lower .upper .estimate .se .df; stands for [lower, upper])",
     .example = "ci([5.1, 4.9, 5.6, 5.8, 6.0], 0.95)", .related = "ci_proportion, ci_bootstrap, ttest"},
    {.name = "ci_proportion", .min_args = 2, .max_args = 3, .fn = fn_ci_proportion, P,
     .signature = "ci_proportion(k, n, level = 0.95)", .summary = "the Wilson score interval for k successes in n trials (an accuracy measured on n cases: ci_proportion(correct, n))",
     .example = "ci_proportion(85, 100)", .related = "ci, accuracy"},
    {.name = "ci_bootstrap", .min_args = 3, .max_args = 5, .fn = fn_ci_bootstrap, P,
     .signature = "ci_bootstrap(x, f, seed, level = 0.95, B = 2000)", .summary = "the percentile bootstrap interval of the statistic f (mean, median, a lambda) over B resamples, drawn by GSL's MT19937 from seed",
     .example = "ci_bootstrap([1, 5, 2, 8, 3, 9, 4], median, 42)", .related = "ci, quantile"},
    {.name = "ttest", .min_args = 1, .max_args = 5, .fn = fn_ttest, P,
     .signature = "ttest(x, mu0 = 0), ttest(x, y), ttest(x, y, \"pooled\" | \"paired\"), … \"less\" | \"greater\", level", .summary = "Student's t-test: one sample against mu0, two samples by Welch (unequal variances, R's default; SciPy's ttest_ind pools unless equal_var=False), pooled or paired; two-sided unless \"less\"/\"greater\". A record: .t .df .p .estimate .se .ci",
     .example = "ttest([5.1, 4.9, 5.6, 5.8, 6.0], 5)", .related = "ci, chisq_test, ztest_prop"},
    {.name = "chisq_test", .min_args = 1, .max_args = 2, .fn = fn_chisq_test, P,
     .signature = "chisq_test(T) or chisq_test(T, \"pearson\")", .summary = "Pearson's χ² test of independence of a table of counts; a 2×2 table gets Yates' continuity correction as in R and SciPy unless \"pearson\". A record: .chisq .df .p .expected",
     .example = "chisq_test([10, 20; 30, 25])", .related = "ttest, ztest_prop"},
    {.name = "ztest_prop", .min_args = 4, .max_args = 6, .fn = fn_ztest_prop, P,
     .signature = "ztest_prop(k1, n1, k2, n2, \"two-sided\" | \"less\" | \"greater\", level)", .summary = "the z-test that two proportions k1/n1 and k2/n2 are equal (pooled under H0, no continuity correction). A record: .z .p .estimate .ci",
     .example = "ztest_prop(45, 100, 30, 100)", .related = "chisq_test, ci_proportion"},
    {.name = "accuracy", .min_args = 2, .max_args = 2, .fn = fn_accuracy, P,
     .signature = "accuracy(y, yhat)", .summary = "the fraction of predictions yhat equal to the true labels y (for its interval: ci_proportion(sum(y == yhat), n))",
     .example = "accuracy([1, 0, 1, 1], [1, 0, 0, 1])", .related = "precision, recall, f1, confusion, ci_proportion"},
    {.name = "precision", .min_args = 2, .max_args = 3, .fn = fn_precision, P,
     .signature = "precision(y, yhat, positive = 1)", .summary = "of the cases predicted positive, the fraction truly positive: TP/(TP + FP)",
     .example = "precision([1, 0, 1, 1], [1, 1, 0, 1])", .related = "recall, f1, confusion"},
    {.name = "recall", .min_args = 2, .max_args = 3, .fn = fn_recall, P,
     .signature = "recall(y, yhat, positive = 1)", .summary = "of the truly positive cases, the fraction predicted positive: TP/(TP + FN)",
     .example = "recall([1, 0, 1, 1], [1, 1, 0, 1])", .related = "precision, f1"},
    {.name = "f1", .min_args = 2, .max_args = 3, .fn = fn_f1, P,
     .signature = "f1(y, yhat, positive = 1)", .summary = "the harmonic mean of precision and recall: 2TP/(2TP + FP + FN)",
     .example = "f1([1, 0, 1, 1], [1, 1, 0, 1])", .related = "precision, recall"},
    {.name = "confusion", .min_args = 2, .max_args = 2, .fn = fn_confusion, P,
     .signature = "confusion(y, yhat)", .summary = "the confusion matrix: row i = true class i, column j = predicted class j, classes in increasing order (as sklearn's confusion_matrix)",
     .example = "confusion([0, 1, 1, 0], [0, 1, 0, 0])", .related = "accuracy, precision, recall"},
    {.name = "kfold", .min_args = 3, .max_args = 4, .fn = fn_kfold, P,
     .signature = "kfold(n, k, seed) or [train, test] = kfold(n, k, seed, j)", .summary = "k-fold cross-validation: the fold 1..k of each of n cases (shuffled by GSL's MT19937 from seed), or the indices outside and inside fold j",
     .example = "kfold(10, 5, 42)", .related = "accuracy"},
};
#undef P

const BuiltinTable builtins_stats = {entries, sizeof entries / sizeof entries[0]};
