/* stats.c — the numerics of the statistics pillar (stats.h): stable estimators, quantiles as
 * NumPy computes them, t-tests, χ², proportions. Distribution functions come from R's
 * standalone maths library; none is written here. Nothing here allocates except stats_rank's
 * scratch array (freed before it returns). */
#include "stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MATHLIB_STANDALONE
#include <Rmath.h>

#include "kernels.h"

/* {===================== estimators */

static double sum_strided(const double *x, size_t n, size_t stride) {
    if (stride == 1) return kernel_sum(x, n);
    double s = 0, c = 0;
    for (size_t i = 0; i < n; i++) neumaier_add(&s, &c, x[i * stride]);
    return s + c;
}

double stats_mean(const double *x, size_t n, size_t stride) { return sum_strided(x, n, stride) / (double)n; }

/* Σ(x − mx)(y − my) and Σ(x − mx), Σ(y − my) in chunks of 256 whose sums are added with
 * Neumaier compensation: the rounding error grows with the number of chunks, not of values
 * (the fused engine's block moments and NumPy's pairwise sums agree to the last digits). */
typedef struct Moments { double sxy, sx, sy; } Moments;

static Moments centred_sums(const double *x, size_t sx, double mx, const double *y, size_t sy, double my, size_t n) {
    double axy = 0, cxy = 0, ax = 0, cx = 0, ay = 0, cy = 0;
    for (size_t start = 0; start < n; start += 256) {
        size_t end = n - start < 256 ? n : start + 256;
        double pxy[4] = {0}, px[4] = {0}, py[4] = {0};
        size_t i = start;
        for (; i + 4 <= end; i += 4)
            for (int k = 0; k < 4; k++) {
                double dx = x[(i + k) * sx] - mx, dy = y[(i + k) * sy] - my;
                pxy[k] += dx * dy;
                px[k] += dx;
                py[k] += dy;
            }
        for (; i < end; i++) {
            double dx = x[i * sx] - mx, dy = y[i * sy] - my;
            pxy[0] += dx * dy;
            px[0] += dx;
            py[0] += dy;
        }
        neumaier_add(&axy, &cxy, (pxy[0] + pxy[1]) + (pxy[2] + pxy[3]));
        neumaier_add(&ax, &cx, (px[0] + px[1]) + (px[2] + px[3]));
        neumaier_add(&ay, &cy, (py[0] + py[1]) + (py[2] + py[3]));
    }
    return (Moments){axy + cxy, ax + cx, ay + cy};
}

double stats_var(const double *x, size_t n, size_t stride, int ddof) {
    double m = stats_mean(x, n, stride);
    Moments c = centred_sums(x, stride, m, x, stride, m, n);
    return (c.sxy - c.sx * c.sx / (double)n) / (double)((long long)n - ddof);
}

double stats_cov(const double *x, size_t sx, const double *y, size_t sy, size_t n, int ddof) {
    double mx = stats_mean(x, n, sx), my = stats_mean(y, n, sy);
    Moments c = centred_sums(x, sx, mx, y, sy, my, n);
    return (c.sxy - c.sx * c.sy / (double)n) / (double)((long long)n - ddof);
}

double stats_pearson(const double *x, size_t sx, const double *y, size_t sy, size_t n) {
    double mx = stats_mean(x, n, sx), my = stats_mean(y, n, sy);
    double sxy = 0, sxx = 0, syy = 0;
    for (size_t i = 0; i < n; i++) {
        double dx = x[i * sx] - mx, dy = y[i * sy] - my;
        sxy += dx * dy;
        sxx += dx * dx;
        syy += dy * dy;
    }
    if (sxx == 0 || syy == 0) return NAN;
    double r = sxy / (sqrt(sxx) * sqrt(syy));
    return r > 1 ? 1 : r < -1 ? -1 : r;
}

typedef struct Ranked { double v; size_t i; } Ranked;

static int cmp_ranked(const void *a, const void *b) {
    const Ranked *p = a, *q = b;
    if (p->v < q->v) return -1;
    if (p->v > q->v) return 1;
    return p->i < q->i ? -1 : p->i > q->i;
}

void stats_rank(const double *x, size_t stride, size_t n, double *ranks) {
    Ranked *r = malloc((n ? n : 1) * sizeof *r);
    if (!r) abort();
    for (size_t i = 0; i < n; i++) r[i] = (Ranked){x[i * stride], i};
    qsort(r, n, sizeof *r, cmp_ranked);
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j + 1 < n && r[j + 1].v == r[i].v) j++;
        double avg = (double)(i + j) / 2 + 1;
        for (size_t k = i; k <= j; k++) ranks[r[k].i] = avg;
        i = j + 1;
    }
    free(r);
}

static int cmp_double(const void *a, const void *b) {
    double p = *(const double *)a, q = *(const double *)b;
    return (p > q) - (p < q);
}

void stats_sort(double *x, size_t n) { qsort(x, n, sizeof *x, cmp_double); }

static const char *const quantile_names[Q_COUNT] = {
    [Q_LINEAR] = "linear", [Q_LOWER] = "lower", [Q_HIGHER] = "higher", [Q_NEAREST] = "nearest",
    [Q_MIDPOINT] = "midpoint", [Q_INTERPOLATED_INVERTED_CDF] = "interpolated_inverted_cdf",
    [Q_HAZEN] = "hazen", [Q_WEIBULL] = "weibull", [Q_MEDIAN_UNBIASED] = "median_unbiased",
    [Q_NORMAL_UNBIASED] = "normal_unbiased",
};

int stats_quantile_method(const char *name) {
    for (int m = 0; m < Q_COUNT; m++)
        if (strcmp(name, quantile_names[m]) == 0) return m;
    static const int types[10] = {-1, -1, -1, -1, Q_INTERPOLATED_INVERTED_CDF, Q_HAZEN, Q_WEIBULL,
                                  Q_LINEAR, Q_MEDIAN_UNBIASED, Q_NORMAL_UNBIASED};
    if (strncmp(name, "type", 4) == 0 && name[4] >= '4' && name[4] <= '9' && name[5] == '\0')
        return types[name[4] - '0'];
    return -1;
}

const char *stats_quantile_name(QuantileMethod m) { return quantile_names[m]; }

/* NumPy's _lerp: a + (b − a)t, computed from b's end when t ≥ 0.5. */
static double lerp(double a, double b, double t) {
    double d = b - a;
    return t >= 0.5 ? b - d * (1 - t) : a + d * t;
}

double stats_quantile_sorted(const double *s, size_t n, double p, QuantileMethod m) {
    double last = (double)(n - 1), v;
    switch (m) {
    case Q_LOWER: return s[(size_t)floor(last * p)];
    case Q_HIGHER: return s[(size_t)ceil(last * p)];
    case Q_NEAREST: return s[(size_t)nearbyint(last * p)];
    case Q_LINEAR: case Q_MIDPOINT: v = last * p; break;
    default: {
        static const double ab[Q_COUNT][2] = {
            [Q_INTERPOLATED_INVERTED_CDF] = {0, 1}, [Q_HAZEN] = {0.5, 0.5}, [Q_WEIBULL] = {0, 0},
            [Q_MEDIAN_UNBIASED] = {1.0 / 3, 1.0 / 3}, [Q_NORMAL_UNBIASED] = {3.0 / 8, 3.0 / 8}};
        double alpha = ab[m][0], beta = ab[m][1];
        v = (double)n * p + (alpha + p * (1 - alpha - beta)) - 1;
    }
    }
    double below = floor(v);
    double gamma = v - below;
    if (m == Q_MIDPOINT) gamma = gamma == 0 ? 0 : 0.5;
    if (v >= last) return s[n - 1];
    if (v < 0) return s[0];
    size_t i = (size_t)below;
    return lerp(s[i], s[i + 1], gamma);
}

double stats_median_sorted(const double *s, size_t n) {
    return n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

double stats_mode_sorted(const double *s, size_t n, size_t *count) {
    double best = s[0];
    size_t best_count = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && s[j] == s[i]) j++;
        if (j - i > best_count) { best_count = j - i; best = s[i]; }
        i = j;
    }
    *count = best_count;
    return best;
}

/* }===================== */

/* {===================== tests and intervals */

double stats_t_pvalue(double t, double df, Alternative alt) {
    if (alt == ALT_LESS) return pt(t, df, 1, 0);
    if (alt == ALT_GREATER) return pt(t, df, 0, 0);
    return 2 * pt(-fabs(t), df, 1, 0);
}

/* The upper-tail t quantile: P(T > q) = a (Rmath). */
static double t_upper_quantile(double a, double df) { return qt(a, df, 0, 0); }

/* The interval estimate ± q·se at level for the alternative, q a t quantile on df. */
static void t_interval(TResult *r, Alternative alt, double level) {
    if (alt == ALT_TWO_SIDED) {
        double q = t_upper_quantile((1 - level) / 2, r->df);
        r->lo = r->estimate - q * r->se;
        r->hi = r->estimate + q * r->se;
    } else {
        double q = t_upper_quantile(1 - level, r->df);
        r->lo = alt == ALT_LESS ? -INFINITY : r->estimate - q * r->se;
        r->hi = alt == ALT_LESS ? r->estimate + q * r->se : INFINITY;
    }
}

TResult stats_ttest_one(const double *x, size_t n, double mu0, Alternative alt, double level) {
    TResult r;
    r.estimate = stats_mean(x, n, 1);
    r.se = sqrt(stats_var(x, n, 1, 1) / (double)n);
    r.df = (double)n - 1;
    r.t = (r.estimate - mu0) / r.se;
    r.p = stats_t_pvalue(r.t, r.df, alt);
    t_interval(&r, alt, level);
    return r;
}

TResult stats_ttest_two(const double *x, size_t nx, const double *y, size_t ny, bool pooled,
                        Alternative alt, double level) {
    TResult r;
    double vx = stats_var(x, nx, 1, 1), vy = stats_var(y, ny, 1, 1);
    double n1 = (double)nx, n2 = (double)ny;
    r.estimate = stats_mean(x, nx, 1) - stats_mean(y, ny, 1);
    if (pooled) {
        r.df = n1 + n2 - 2;
        double sp = ((n1 - 1) * vx + (n2 - 1) * vy) / r.df;
        r.se = sqrt(sp * (1 / n1 + 1 / n2));
    } else {
        double a = vx / n1, b = vy / n2;
        r.df = (a + b) * (a + b) / (a * a / (n1 - 1) + b * b / (n2 - 1));
        r.se = sqrt(a + b);
    }
    r.t = r.estimate / r.se;
    r.p = stats_t_pvalue(r.t, r.df, alt);
    t_interval(&r, alt, level);
    return r;
}

void stats_wilson(double k, double n, double level, double *lo, double *hi) {
    double z = qnorm((1 - level) / 2, 0, 1, 0, 0);
    double p = k / n, z2 = z * z;
    double denom = 1 + z2 / n;
    double centre = (p + z2 / (2 * n)) / denom;
    double half = z / denom * sqrt(p * (1 - p) / n + z2 / (4 * n * n));
    *lo = centre - half;
    *hi = centre + half;
    if (*lo < 0) *lo = 0;
    if (*hi > 1) *hi = 1;
}

ZResult stats_ztest_prop(double k1, double n1, double k2, double n2, Alternative alt, double level) {
    ZResult r;
    double p1 = k1 / n1, p2 = k2 / n2, pp = (k1 + k2) / (n1 + n2);
    r.estimate = p1 - p2;
    r.z = r.estimate / sqrt(pp * (1 - pp) * (1 / n1 + 1 / n2));
    r.p = alt == ALT_LESS ? pnorm(r.z, 0, 1, 1, 0)
        : alt == ALT_GREATER ? pnorm(r.z, 0, 1, 0, 0) : 2 * pnorm(-fabs(r.z), 0, 1, 1, 0);
    double se = sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2);
    if (alt == ALT_TWO_SIDED) {
        double q = qnorm((1 - level) / 2, 0, 1, 0, 0);
        r.lo = r.estimate - q * se;
        r.hi = r.estimate + q * se;
    } else {
        double q = qnorm(1 - level, 0, 1, 0, 0);
        r.lo = alt == ALT_LESS ? -1 : r.estimate - q * se;
        r.hi = alt == ALT_LESS ? r.estimate + q * se : 1;
    }
    return r;
}

ChiResult stats_chisq(const double *t, size_t r, size_t c, bool yates, double *e) {
    ChiResult res;
    double total = 0;
    for (size_t k = 0; k < r * c; k++) total += t[k];
    for (size_t i = 0; i < r; i++) {
        double ri = 0;
        for (size_t j = 0; j < c; j++) ri += t[i * c + j];
        for (size_t j = 0; j < c; j++) {
            double cj = 0;
            for (size_t k = 0; k < r; k++) cj += t[k * c + j];
            e[i * c + j] = ri * cj / total;
        }
    }
    res.df = (double)((r - 1) * (c - 1));
    res.corrected = yates && r == 2 && c == 2;
    res.stat = 0;
    for (size_t k = 0; k < r * c; k++) {
        double d = fabs(t[k] - e[k]);
        if (res.corrected) d -= fmin(0.5, d);
        res.stat += d * d / e[k];
    }
    res.p = pchisq(res.stat, res.df, 0, 0);
    return res;
}

/* }===================== */
