/* dist.c — the distribution family table (see dist.h): densities, tails and quantiles from
 * R's standalone maths library (the Laplace family from GSL), moments and entropies in closed
 * form, draws from GSL, printing, and the closed forms of a·X + b and of independent sums. */
#define MATHLIB_STANDALONE 1
#include "dist.h"

#include <Rmath.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ast.h"
#include "interp.h"
#include "print.h"

const DistInfo dist_info[DF_COUNT] = {
    [DF_NORMAL] = {"Normal", 2, {"μ", "σ"}, false},
    [DF_UNIFORM] = {"Uniform", 2, {"a", "b"}, false},
    [DF_EXPONENTIAL] = {"Exponential", 1, {"λ", NULL}, false},
    [DF_GAMMA] = {"Gamma", 2, {"α", "β"}, false},
    [DF_BETA] = {"Beta", 2, {"α", "β"}, false},
    [DF_CHISQ] = {"ChiSquared", 1, {"k", NULL}, false},
    [DF_T] = {"StudentT", 1, {"ν", NULL}, false},
    [DF_F] = {"F", 2, {"d₁", "d₂"}, false},
    [DF_LOGNORMAL] = {"LogNormal", 2, {"μ", "σ"}, false},
    [DF_LAPLACE] = {"Laplace", 2, {"μ", "b"}, false},
    [DF_BERNOULLI] = {"Bernoulli", 1, {"p", NULL}, true},
    [DF_BINOMIAL] = {"Binomial", 2, {"n", "p"}, true},
    [DF_POISSON] = {"Poisson", 1, {"λ", NULL}, true},
    [DF_GEOMETRIC] = {"Geometric", 1, {"p", NULL}, true},
    [DF_NEGBINOMIAL] = {"NegativeBinomial", 2, {"r", "p"}, true},
    [DF_CATEGORICAL] = {"Categorical", 0, {"p", NULL}, true},
};

/* {===================== parameters */

bool dist_check_param(DistFamily f, const double *p, int i, char *msg, size_t size) {
    const char *name = dist_info[f].param[i];
    double x = p[i];
    char num[40];
    print_number(x, num, sizeof num);
    if (isnan(x)) { snprintf(msg, size, "%s must be a number, got nan", name); return false; }
    bool positive = false, prob = false, finite = false;
    switch (f) {
    case DF_NORMAL: case DF_LOGNORMAL: case DF_LAPLACE:
        if (i == 0) finite = true; else positive = true;
        break;
    case DF_UNIFORM:
        if (!isfinite(x)) { snprintf(msg, size, "%s must be finite, got %s", name, num); return false; }
        if (i == 1 && !(p[0] < p[1])) {
            char a[40];
            snprintf(msg, size, "b must be greater than a = %s, got %s", print_number(p[0], a, sizeof a), num);
            return false;
        }
        return true;
    case DF_EXPONENTIAL: case DF_GAMMA: case DF_BETA: case DF_CHISQ: case DF_T: case DF_F:
    case DF_POISSON:
        positive = true;
        break;
    case DF_BERNOULLI: prob = true; break;
    case DF_BINOMIAL:
        if (i == 0) {
            if (x != floor(x) || x < 0 || !isfinite(x)) {
                snprintf(msg, size, "n (the number of trials) must be a whole number ≥ 0, got %s", num);
                return false;
            }
            return true;
        }
        prob = true;
        break;
    case DF_GEOMETRIC:
        if (!(x > 0 && x <= 1)) { snprintf(msg, size, "p must be in (0, 1], got %s", num); return false; }
        return true;
    case DF_NEGBINOMIAL:
        if (i == 1) {
            if (!(x > 0 && x <= 1)) { snprintf(msg, size, "p must be in (0, 1], got %s", num); return false; }
            return true;
        }
        positive = true;
        break;
    default: return true;
    }
    if (finite && !isfinite(x)) { snprintf(msg, size, "%s must be finite, got %s", name, num); return false; }
    if (positive && !(x > 0 && isfinite(x))) {
        snprintf(msg, size, "%s must be > 0%s, got %s", name,
                 (f == DF_NORMAL || f == DF_LOGNORMAL) ? " (it is the standard deviation, not the variance)" :
                 (f == DF_EXPONENTIAL || f == DF_POISSON) ? " (a rate)" : "", num);
        return false;
    }
    if (prob && !(x >= 0 && x <= 1)) { snprintf(msg, size, "%s must be a probability in [0, 1], got %s", name, num); return false; }
    return true;
}

/* }===================== */

/* {===================== the object */

static void dist_free(Obj *o) {
    Dist *d = (Dist *)(void *)o;
    free(d->probs);
    free(d);
}

Dist *dist_new(DistFamily family, const double *p, const double *probs, size_t k) {
    Dist *d = calloc(1, sizeof *d);
    if (!d) { fputs("mlm: out of memory\n", stderr); abort(); }
    obj_init(&d->obj, &dist_type);
    d->family = family;
    for (int i = 0; i < dist_info[family].nparams; i++) d->p[i] = p[i];
    if (family == DF_CATEGORICAL) {
        d->k = k;
        d->probs = malloc((k ? k : 1) * sizeof(double));
        if (!d->probs) { fputs("mlm: out of memory\n", stderr); abort(); }
        memcpy(d->probs, probs, k * sizeof(double));
    }
    return d;
}

const char *dist_text(const Dist *d, char *buf, size_t size) {
    const DistInfo *info = &dist_info[d->family];
    size_t used = (size_t)snprintf(buf, size, "%s(", info->name);
    char num[40];
    if (d->family == DF_CATEGORICAL) {
        used += (size_t)snprintf(buf + used, used < size ? size - used : 0, "p = [");
        for (size_t i = 0; i < d->k && used < size; i++) {
            if (i == 8 && d->k > 10) { used += (size_t)snprintf(buf + used, size - used, ", …"); break; }
            used += (size_t)snprintf(buf + used, size - used, "%s%s", i ? ", " : "", print_number(d->probs[i], num, sizeof num));
        }
        if (used < size) used += (size_t)snprintf(buf + used, size - used, "]");
    }
    for (int i = 0; i < info->nparams && used < size; i++)
        used += (size_t)snprintf(buf + used, size - used, "%s%s = %s", i ? ", " : "", info->param[i],
                                 print_number(d->p[i], num, sizeof num));
    if (used < size) snprintf(buf + used, size - used, ")");
    return buf;
}

static void dist_print(FILE *out, const Obj *o) {
    char buf[512];
    fputs(dist_text((const Dist *)(const void *)o, buf, sizeof buf), out);
}

static void dist_describe(const Obj *o, char *buf, size_t size) {
    snprintf(buf, size, "a %s distribution", dist_info[((const Dist *)(const void *)o)->family].name);
}

/* }===================== */

/* {===================== densities, tails, quantiles */

static bool whole(double x) { return x == floor(x) && isfinite(x); }

double dist_pdf(const Dist *d, double x, bool lg) {
    const double *p = d->p;
    if (isnan(x)) return x;
    if (dist_info[d->family].discrete && !whole(x)) return lg ? -INFINITY : 0;
    int l = lg;
    switch (d->family) {
    case DF_NORMAL: return dnorm(x, p[0], p[1], l);
    case DF_UNIFORM: return dunif(x, p[0], p[1], l);
    case DF_EXPONENTIAL: return dexp(x, 1 / p[0], l);
    case DF_GAMMA: return dgamma(x, p[0], 1 / p[1], l);
    case DF_BETA: return dbeta(x, p[0], p[1], l);
    case DF_CHISQ: return dchisq(x, p[0], l);
    case DF_T: return dt(x, p[0], l);
    case DF_F: return df(x, p[0], p[1], l);
    case DF_LOGNORMAL: return dlnorm(x, p[0], p[1], l);
    case DF_LAPLACE: return lg ? -log(2 * p[1]) - fabs(x - p[0]) / p[1] : gsl_ran_laplace_pdf(x - p[0], p[1]);
    case DF_BERNOULLI: return dbinom(x, 1, p[0], l);
    case DF_BINOMIAL: return dbinom(x, p[0], p[1], l);
    case DF_POISSON: return dpois(x, p[0], l);
    case DF_GEOMETRIC: return x < 1 ? (lg ? -INFINITY : 0) : dgeom(x - 1, p[0], l);
    case DF_NEGBINOMIAL: return dnbinom(x, p[0], p[1], l);
    case DF_CATEGORICAL: {
        double q = (x >= 1 && x <= (double)d->k) ? d->probs[(size_t)x - 1] : 0;
        return lg ? log(q) : q;
    }
    default: return NAN;
    }
}

/* Categorical tails summed directly on each side. */
static double categorical_cdf(const Dist *d, double x, bool lower) {
    double s = 0;
    for (size_t i = 0; i < d->k; i++) {
        bool at_or_below = (double)(i + 1) <= x;
        if (at_or_below == lower) s += d->probs[i];
    }
    return s;
}

/* P(X ≤ x) or P(X > x), or its log (lg): R's tails keep their digits in both forms. */
static double tail(const Dist *d, double x, bool lower, bool lg) {
    const double *p = d->p;
    if (isnan(x)) return x;
    int lt = lower, l = lg;
    switch (d->family) {
    case DF_NORMAL: return pnorm(x, p[0], p[1], lt, l);
    case DF_UNIFORM: return punif(x, p[0], p[1], lt, l);
    case DF_EXPONENTIAL: return pexp(x, 1 / p[0], lt, l);
    case DF_GAMMA: return pgamma(x, p[0], 1 / p[1], lt, l);
    case DF_BETA: return pbeta(x, p[0], p[1], lt, l);
    case DF_CHISQ: return pchisq(x, p[0], lt, l);
    case DF_T: return pt(x, p[0], lt, l);
    case DF_F: return pf(x, p[0], p[1], lt, l);
    case DF_LOGNORMAL: return plnorm(x, p[0], p[1], lt, l);
    case DF_LAPLACE: {
        /* the far tail of a Laplace is ½·e^(−|x − μ|/b): its log directly */
        double z = (x - p[0]) / p[1];
        if (lg && ((lower && z < 0) || (!lower && z > 0))) return log(0.5) - fabs(z);
        double v = lower ? gsl_cdf_laplace_P(x - p[0], p[1]) : gsl_cdf_laplace_Q(x - p[0], p[1]);
        return lg ? log(v) : v;
    }
    case DF_BERNOULLI: return pbinom(floor(x), 1, p[0], lt, l);
    case DF_BINOMIAL: return pbinom(floor(x), p[0], p[1], lt, l);
    case DF_POISSON: return ppois(floor(x), p[0], lt, l);
    case DF_GEOMETRIC: return x < 1 ? (lower ? (lg ? -INFINITY : 0) : (lg ? 0 : 1)) : pgeom(floor(x) - 1, p[0], lt, l);
    case DF_NEGBINOMIAL: return pnbinom(floor(x), p[0], p[1], lt, l);
    case DF_CATEGORICAL: {
        double v = categorical_cdf(d, x, lower);
        return lg ? log(v) : v;
    }
    default: return NAN;
    }
}

double dist_cdf(const Dist *d, double x, bool lower) { return tail(d, x, lower, false); }

double dist_quantile(const Dist *d, double q, bool lower) {
    const double *p = d->p;
    if (isnan(q) || q < 0 || q > 1) return NAN;
    int lt = lower;
    switch (d->family) {
    case DF_NORMAL: return qnorm(q, p[0], p[1], lt, 0);
    case DF_UNIFORM: return qunif(q, p[0], p[1], lt, 0);
    case DF_EXPONENTIAL: return qexp(q, 1 / p[0], lt, 0);
    case DF_GAMMA: return qgamma(q, p[0], 1 / p[1], lt, 0);
    case DF_BETA: return qbeta(q, p[0], p[1], lt, 0);
    case DF_CHISQ: return qchisq(q, p[0], lt, 0);
    case DF_T: return qt(q, p[0], lt, 0);
    case DF_F: return qf(q, p[0], p[1], lt, 0);
    case DF_LOGNORMAL: return qlnorm(q, p[0], p[1], lt, 0);
    case DF_LAPLACE:
        if (q == 0) return lower ? -INFINITY : INFINITY;
        if (q == 1) return lower ? INFINITY : -INFINITY;
        return p[0] + (lower ? gsl_cdf_laplace_Pinv(q, p[1]) : gsl_cdf_laplace_Qinv(q, p[1]));
    case DF_BERNOULLI: return qbinom(q, 1, p[0], lt, 0);
    case DF_BINOMIAL: return qbinom(q, p[0], p[1], lt, 0);
    case DF_POISSON: return qpois(q, p[0], lt, 0);
    case DF_GEOMETRIC: return qgeom(q, p[0], lt, 0) + 1;
    case DF_NEGBINOMIAL: return qnbinom(q, p[0], p[1], lt, 0);
    case DF_CATEGORICAL: {
        /* the smallest k with P(X ≤ k) ≥ q (lower), or with P(X > k) ≤ q (upper) */
        for (size_t k = 1; k <= d->k; k++) {
            double t = categorical_cdf(d, (double)k, lower);
            if (lower ? t >= q * (1 - 1e-15) : t <= q * (1 + 1e-15)) return (double)k;
        }
        return (double)d->k;
    }
    default: return NAN;
    }
}

double dist_mean(const Dist *d) {
    const double *p = d->p;
    switch (d->family) {
    case DF_NORMAL: case DF_LAPLACE: return p[0];
    case DF_UNIFORM: return (p[0] + p[1]) / 2;
    case DF_EXPONENTIAL: return 1 / p[0];
    case DF_GAMMA: return p[0] / p[1];
    case DF_BETA: return p[0] / (p[0] + p[1]);
    case DF_CHISQ: return p[0];
    case DF_T: return p[0] > 1 ? 0 : NAN;
    case DF_F: return p[1] > 2 ? p[1] / (p[1] - 2) : NAN;
    case DF_LOGNORMAL: return exp(p[0] + p[1] * p[1] / 2);
    case DF_BERNOULLI: return p[0];
    case DF_BINOMIAL: return p[0] * p[1];
    case DF_POISSON: return p[0];
    case DF_GEOMETRIC: return 1 / p[0];
    case DF_NEGBINOMIAL: return p[0] * (1 - p[1]) / p[1];
    case DF_CATEGORICAL: {
        double s = 0;
        for (size_t i = 0; i < d->k; i++) s += (double)(i + 1) * d->probs[i];
        return s;
    }
    default: return NAN;
    }
}

double dist_var(const Dist *d) {
    const double *p = d->p;
    switch (d->family) {
    case DF_NORMAL: case DF_LOGNORMAL: {
        double s2 = p[1] * p[1];
        return d->family == DF_NORMAL ? s2 : expm1(s2) * exp(2 * p[0] + s2);
    }
    case DF_LAPLACE: return 2 * p[1] * p[1];
    case DF_UNIFORM: return (p[1] - p[0]) * (p[1] - p[0]) / 12;
    case DF_EXPONENTIAL: return 1 / (p[0] * p[0]);
    case DF_GAMMA: return p[0] / (p[1] * p[1]);
    case DF_BETA: {
        double s = p[0] + p[1];
        return p[0] * p[1] / (s * s * (s + 1));
    }
    case DF_CHISQ: return 2 * p[0];
    case DF_T: return p[0] > 2 ? p[0] / (p[0] - 2) : p[0] > 1 ? INFINITY : NAN;
    case DF_F: {
        double m = p[0], n = p[1];
        if (n <= 4) return n > 2 ? INFINITY : NAN;
        return 2 * n * n * (m + n - 2) / (m * (n - 2) * (n - 2) * (n - 4));
    }
    case DF_BERNOULLI: return p[0] * (1 - p[0]);
    case DF_BINOMIAL: return p[0] * p[1] * (1 - p[1]);
    case DF_POISSON: return p[0];
    case DF_GEOMETRIC: return (1 - p[0]) / (p[0] * p[0]);
    case DF_NEGBINOMIAL: return p[0] * (1 - p[1]) / (p[1] * p[1]);
    case DF_CATEGORICAL: {
        double m = dist_mean(d), s = 0;
        for (size_t i = 0; i < d->k; i++) s += ((double)(i + 1) - m) * ((double)(i + 1) - m) * d->probs[i];
        return s;
    }
    default: return NAN;
    }
}

static double xlogx(double x) { return x > 0 ? x * log(x) : 0; }

bool dist_entropy(const Dist *d, double *out) {
    const double *p = d->p;
    switch (d->family) {
    case DF_NORMAL: *out = 0.5 * log(2 * M_PI * M_E * p[1] * p[1]); return true;
    case DF_UNIFORM: *out = log(p[1] - p[0]); return true;
    case DF_EXPONENTIAL: *out = 1 - log(p[0]); return true;
    case DF_LAPLACE: *out = 1 + log(2 * p[1]); return true;
    case DF_LOGNORMAL: *out = p[0] + 0.5 + log(p[1] * sqrt(2 * M_PI)); return true;
    case DF_GAMMA: *out = p[0] - log(p[1]) + lgammafn(p[0]) + (1 - p[0]) * digamma(p[0]); return true;
    case DF_CHISQ: {
        double a = p[0] / 2;
        *out = a + log(2) + lgammafn(a) + (1 - a) * digamma(a);
        return true;
    }
    case DF_BETA: {
        double a = p[0], b = p[1];
        *out = lbeta(a, b) - (a - 1) * digamma(a) - (b - 1) * digamma(b) + (a + b - 2) * digamma(a + b);
        return true;
    }
    case DF_BERNOULLI: *out = -xlogx(p[0]) - xlogx(1 - p[0]); return true;
    case DF_CATEGORICAL: {
        double s = 0;
        for (size_t i = 0; i < d->k; i++) s -= xlogx(d->probs[i]);
        *out = s;
        return true;
    }
    default: return false;
    }
}

/* The interval as F(hi) − F(lo) with whole-number bounds for a discrete family; false when it
 * holds nothing. Sets *point for a single whole number k (P(X = k) is then the pmf). */
static bool bounds(const Dist *d, double *lo, bool lo_open, double *hi, bool hi_open, bool *point) {
    *point = false;
    if (dist_info[d->family].discrete) {
        double lo_k = *lo == -INFINITY ? -INFINITY : lo_open ? floor(*lo) + 1 : ceil(*lo);
        double hi_k = *hi == INFINITY ? INFINITY : hi_open ? ceil(*hi) - 1 : floor(*hi);
        if (lo_k > hi_k) return false;
        *point = lo_k == hi_k;
        *lo = lo_k - 1; /* P(lo_k ≤ X ≤ hi_k) = F(hi_k) − F(lo_k − 1) */
        *hi = hi_k;
        return true;
    }
    return *lo < *hi;
}

double dist_interval(const Dist *d, double lo, bool lo_open, double hi, bool hi_open) {
    bool point;
    if (!bounds(d, &lo, lo_open, &hi, hi_open, &point)) return 0;
    if (point) return dist_pdf(d, hi, false);
    if (lo == -INFINITY) return hi == INFINITY ? 1 : dist_cdf(d, hi, true);
    if (hi == INFINITY) return dist_cdf(d, lo, false);
    if (lo >= dist_quantile(d, 0.5, true)) return dist_cdf(d, lo, false) - dist_cdf(d, hi, false);
    return dist_cdf(d, hi, true) - dist_cdf(d, lo, true);
}

double dist_log_interval(const Dist *d, double lo, bool lo_open, double hi, bool hi_open) {
    bool point;
    if (!bounds(d, &lo, lo_open, &hi, hi_open, &point)) return -INFINITY;
    if (point) return dist_pdf(d, hi, true);
    if (lo == -INFINITY) return hi == INFINITY ? 0 : tail(d, hi, true, true);
    if (hi == INFINITY) return tail(d, lo, false, true);
    /* log(a − b) = log a + log1p(−b/a), both tails taken as logs */
    if (lo >= dist_quantile(d, 0.5, true)) {
        double a = tail(d, lo, false, true), b = tail(d, hi, false, true);
        return a + log1p(-exp(b - a));
    }
    double a = tail(d, hi, true, true), b = tail(d, lo, true, true);
    return a + log1p(-exp(b - a));
}

double dist_draw(const Dist *d, void *rng_ptr) {
    gsl_rng *r = rng_ptr;
    const double *p = d->p;
    switch (d->family) {
    case DF_NORMAL: return p[0] + gsl_ran_gaussian_ziggurat(r, p[1]);
    case DF_UNIFORM: return gsl_ran_flat(r, p[0], p[1]);
    case DF_EXPONENTIAL: return gsl_ran_exponential(r, 1 / p[0]);
    case DF_GAMMA: return gsl_ran_gamma(r, p[0], 1 / p[1]);
    case DF_BETA: return gsl_ran_beta(r, p[0], p[1]);
    case DF_CHISQ: return gsl_ran_chisq(r, p[0]);
    case DF_T: return gsl_ran_tdist(r, p[0]);
    case DF_F: return gsl_ran_fdist(r, p[0], p[1]);
    case DF_LOGNORMAL: return gsl_ran_lognormal(r, p[0], p[1]);
    case DF_LAPLACE: return p[0] + gsl_ran_laplace(r, p[1]);
    case DF_BERNOULLI: return gsl_ran_bernoulli(r, p[0]);
    case DF_BINOMIAL: return gsl_ran_binomial(r, p[1], (unsigned)p[0]);
    case DF_POISSON: return gsl_ran_poisson(r, p[0]);
    case DF_GEOMETRIC: return gsl_ran_geometric(r, p[0]);
    case DF_NEGBINOMIAL: return gsl_ran_negative_binomial(r, p[1], p[0]);
    case DF_CATEGORICAL: {
        double u = gsl_rng_uniform(r), s = 0;
        for (size_t i = 0; i < d->k; i++) {
            s += d->probs[i];
            if (u < s) return (double)(i + 1);
        }
        return (double)d->k;
    }
    default: return NAN;
    }
}

/* }===================== */

/* {===================== closed forms: a·X + b and independent sums */

static Value make(DistFamily f, double p0, double p1) {
    double p[2] = {p0, p1};
    return value_obj(&dist_new(f, p, NULL, 0)->obj);
}

/* c·X (mul) or X + c (shift) of one distribution, when the family is closed under it. */
static bool affine(const Dist *d, bool mul, double c, Value *out) {
    const double *p = d->p;
    if (mul && c == 0) { *out = value_num(0); return true; }
    switch (d->family) {
    case DF_NORMAL: *out = mul ? make(DF_NORMAL, c * p[0], fabs(c) * p[1]) : make(DF_NORMAL, p[0] + c, p[1]); return true;
    case DF_LAPLACE: *out = mul ? make(DF_LAPLACE, c * p[0], fabs(c) * p[1]) : make(DF_LAPLACE, p[0] + c, p[1]); return true;
    case DF_UNIFORM:
        if (!mul) { *out = make(DF_UNIFORM, p[0] + c, p[1] + c); return true; }
        *out = c > 0 ? make(DF_UNIFORM, c * p[0], c * p[1]) : make(DF_UNIFORM, c * p[1], c * p[0]);
        return true;
    case DF_EXPONENTIAL: if (mul && c > 0) { *out = make(DF_EXPONENTIAL, p[0] / c, 0); return true; } return false;
    case DF_GAMMA: if (mul && c > 0) { *out = make(DF_GAMMA, p[0], p[1] / c); return true; } return false;
    case DF_LOGNORMAL: if (mul && c > 0) { *out = make(DF_LOGNORMAL, p[0] + log(c), p[1]); return true; } return false;
    default: return false;
    }
}

/* A Bernoulli as Binomial(1, p), an Exponential as Gamma(1, λ): the families their sums land in. */
static Dist widened(const Dist *d) {
    Dist w = *d;
    if (d->family == DF_BERNOULLI) { w.family = DF_BINOMIAL; w.p[0] = 1; w.p[1] = d->p[0]; }
    if (d->family == DF_EXPONENTIAL) { w.family = DF_GAMMA; w.p[0] = 1; w.p[1] = d->p[0]; }
    return w;
}

/* X + Y (sign 1) or X − Y (sign −1) of independent X and Y. */
static bool independent_sum(const Dist *x0, const Dist *y0, int sign, Value *out) {
    Dist wx = widened(x0), wy = widened(y0);
    const Dist *x = &wx, *y = &wy;
    if (x->family == DF_NORMAL && y->family == DF_NORMAL) {
        *out = make(DF_NORMAL, x->p[0] + sign * y->p[0], hypot(x->p[1], y->p[1]));
        return true;
    }
    if (sign < 0) return false;
    if (x->family == DF_POISSON && y->family == DF_POISSON) { *out = make(DF_POISSON, x->p[0] + y->p[0], 0); return true; }
    if (x->family == DF_BINOMIAL && y->family == DF_BINOMIAL && x->p[1] == y->p[1]) {
        *out = make(DF_BINOMIAL, x->p[0] + y->p[0], x->p[1]);
        return true;
    }
    if (x->family == DF_GAMMA && y->family == DF_GAMMA && x->p[1] == y->p[1]) {
        *out = make(DF_GAMMA, x->p[0] + y->p[0], x->p[1]);
        return true;
    }
    if (x->family == DF_CHISQ && y->family == DF_CHISQ) { *out = make(DF_CHISQ, x->p[0] + y->p[0], 0); return true; }
    return false;
}

static bool no_closed_form(Interp *in, int op, Value a, Value b, Span span) {
    char da[64], db[64];
    const char *what = op == OP_ADD ? "sum" : op == OP_SUB ? "difference" : op == OP_MUL || op == OP_DOT ? "product" :
                       op == OP_DIV ? "quotient" : op == OP_POW ? "power" : "combination";
    return interp_error(in, span, "the %s of %s and %s has no closed form here; work with draws instead: sample(X, 100000)",
                        what, value_describe(a, da, sizeof da), value_describe(b, db, sizeof db));
}

static bool dist_binary(Interp *in, int op, Value a, Value b, Span span, Value *out) {
    if (op >= OP_EQ && op <= OP_GE)
        return interp_error(in, span, "a comparison with a random variable is an event: ask for its probability, P(X > 1)");
    if (op == OP_INTERSECT || op == OP_UNION)
        return interp_error(in, span, "'%s' binds tighter than a comparison, so it cannot join events on random variables; "
                                      "write P(X > 0, X < 1) or P(X > 0 and X < 1)", op == OP_INTERSECT ? "∩" : "∪");
    bool ad = value_is_dist(a), bd = value_is_dist(b);
    if (ad && bd) {
        if (op != OP_ADD && op != OP_SUB) return no_closed_form(in, op, a, b, span);
        if (a.as.obj == b.as.obj) { /* X + X is 2X, X − X is 0: the same variable */
            if (op == OP_SUB) { *out = value_num(0); return true; }
            if (affine(dist_of(a), true, 2, out)) return true;
            return no_closed_form(in, op, a, b, span);
        }
        if (independent_sum(dist_of(a), dist_of(b), op == OP_ADD ? 1 : -1, out)) return true;
        return no_closed_form(in, op, a, b, span);
    }
    Value dv = ad ? a : b, other = ad ? b : a;
    if (other.kind != VAL_NUM) {
        char dd[64], dn[64];
        return interp_error(in, span, "%s combines with a number here, not %s; draws combine with anything: sample(X, n)",
                            value_describe(dv, dd, sizeof dd), value_describe(other, dn, sizeof dn));
    }
    double c = other.as.num;
    const Dist *d = dist_of(dv);
    bool ok = false;
    switch (op) {
    case OP_ADD: ok = affine(d, false, c, out); break;
    case OP_SUB:
        if (ad) ok = affine(d, false, -c, out);
        else { /* c − X = (−1)·X + c */
            Value neg;
            if (affine(d, true, -1, &neg)) { ok = value_is_dist(neg) ? affine(dist_of(neg), false, c, out) : false; value_release(neg); }
        }
        break;
    case OP_MUL: case OP_DOT: ok = affine(d, true, c, out); break;
    case OP_DIV: ok = ad && c != 0 && affine(d, true, 1 / c, out); break;
    case OP_POW: /* Z² of Normal(0, σ) is σ²·χ²(1) = Gamma(1/2, rate 1/(2σ²)) */
        if (ad && c == 2 && d->family == DF_NORMAL && d->p[0] == 0) {
            *out = d->p[1] == 1 ? make(DF_CHISQ, 1, 0) : make(DF_GAMMA, 0.5, 1 / (2 * d->p[1] * d->p[1]));
            ok = true;
        }
        break;
    default: break;
    }
    if (!ok) return no_closed_form(in, op, a, b, span);
    return true;
}

static bool dist_unary(Interp *in, int op, Value a, Span span, Value *out) {
    if (op == OP_POS) { *out = value_retain(a); return true; }
    if (op == OP_NEG && affine(dist_of(a), true, -1, out)) return true;
    return no_closed_form(in, op == OP_NEG ? OP_MUL : op, value_num(-1), a, span);
}

/* }===================== */

static const char *const dist_fields[] = {"mean", "var", "std"};

static bool dist_field(Interp *in, const Obj *o, const char *name, Span span, Value *out) {
    (void)in;
    (void)span;
    const Dist *d = (const Dist *)(const void *)o;
    if (strcmp(name, "mean") == 0) { *out = value_num(dist_mean(d)); return true; }
    if (strcmp(name, "var") == 0) { *out = value_num(dist_var(d)); return true; }
    if (strcmp(name, "std") == 0) { *out = value_num(sqrt(dist_var(d))); return true; }
    for (int i = 0; i < dist_info[d->family].nparams; i++)
        if (strcmp(name, dist_info[d->family].param[i]) == 0) { *out = value_num(d->p[i]); return true; }
    return false;
}

static int dist_field_names(const Obj *o, const char *const **names) {
    (void)o;
    *names = dist_fields;
    return 3;
}


const ObjType dist_type = {
    .name = "distribution",
    .free = dist_free,
    .print = dist_print,
    .print_brief = dist_print,
    .describe = dist_describe,
    .field = dist_field,
    .field_names = dist_field_names,
    .binary = dist_binary,
    .unary = dist_unary,
    .builtin = dist_builtin_hook,
};
