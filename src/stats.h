/* stats.h — the numerics of the statistics pillar, with no interpreter in sight: estimators
 * (mean, variance, quantiles, mode, covariance, Pearson and Spearman correlation), the
 * t-tests, the χ² test of independence, the z-test of two proportions, the t and Wilson
 * intervals, and the classification scores. builtins_stats.c checks the arguments and builds
 * values; the unit tests (tests/unit/test_stats.c) call these directly against SciPy.
 *
 * Data are `n` doubles `stride` apart (a vector: stride 1; a matrix column: stride cols).
 * Nothing here allocates except where a scratch buffer is documented; p-values and quantiles
 * of distributions come from R's standalone maths library (Rmath.h). */
#ifndef MLM_STATS_H
#define MLM_STATS_H

#include <stdbool.h>
#include <stddef.h>

/* Arithmetic mean (compensated sum). n ≥ 1. */
double stats_mean(const double *x, size_t n, size_t stride);
/* Variance with n − ddof in the denominator (ddof 1: sample, 0: population), by the
 * corrected two-pass formula (Σd² − (Σd)²/n)/(n − ddof), d = x − mean: 1e9 + [4, 7, 13, 16]
 * gives 30 (sample) and 22.5 (population) exactly. n > ddof. */
double stats_var(const double *x, size_t n, size_t stride, int ddof);
/* Covariance of x and y (n each) with n − ddof in the denominator, two-pass. */
double stats_cov(const double *x, size_t sx, const double *y, size_t sy, size_t n, int ddof);
/* Pearson's r of x and y: Σdx·dy / √(Σdx² Σdy²). NaN when either is constant. */
double stats_pearson(const double *x, size_t sx, const double *y, size_t sy, size_t n);
/* Ranks 1..n of x, ties given their average rank (as scipy.stats.rankdata). Writes n ranks. */
void stats_rank(const double *x, size_t stride, size_t n, double *ranks);

/* Quantile methods: NumPy's names (np.quantile method=…); R's types 4–9 where they agree. */
typedef enum QuantileMethod {
    Q_LINEAR,          /* R type 7, NumPy's default: (n − 1)p */
    Q_LOWER, Q_HIGHER, Q_NEAREST, Q_MIDPOINT,
    Q_INTERPOLATED_INVERTED_CDF, /* R type 4 */
    Q_HAZEN,           /* R type 5 */
    Q_WEIBULL,         /* R type 6 */
    Q_MEDIAN_UNBIASED, /* R type 8 */
    Q_NORMAL_UNBIASED, /* R type 9 */
    Q_COUNT
} QuantileMethod;
/* The method called name ("linear", "weibull", …, or "type4".."type9"), or -1. */
int stats_quantile_method(const char *name);
/* The method's name. */
const char *stats_quantile_name(QuantileMethod m);
/* Quantile p ∈ [0, 1] of sorted[0..n) (ascending, n ≥ 1), as np.quantile(x, p, method=m). */
double stats_quantile_sorted(const double *sorted, size_t n, double p, QuantileMethod m);
/* Median of sorted[0..n): the middle element, or the mean of the two middle ones. */
double stats_median_sorted(const double *sorted, size_t n);
/* The most frequent value of sorted[0..n) (the smallest of those tied, as scipy.stats.mode),
 * its count in *count. */
double stats_mode_sorted(const double *sorted, size_t n, size_t *count);
/* Sorts x[0..n) ascending in place (no NaN). */
void stats_sort(double *x, size_t n);

/* {===================== tests and intervals */

typedef enum Alternative { ALT_TWO_SIDED, ALT_LESS, ALT_GREATER } Alternative;

/* What a t-test or t interval found. */
typedef struct TResult {
    double t, df, p;
    double estimate;   /* the mean, or the difference of means */
    double se;         /* its standard error */
    double lo, hi;     /* the confidence interval at `level` (one-sided: one end infinite) */
} TResult;

/* p-value of the statistic t on df degrees of freedom for the alternative (Rmath pt). */
double stats_t_pvalue(double t, double df, Alternative alt);
/* One-sample t-test of mean = mu0 (n ≥ 2); paired tests pass the differences. */
TResult stats_ttest_one(const double *x, size_t n, double mu0, Alternative alt, double level);
/* Two-sample t-test of mean(x) − mean(y) = 0: Welch (pooled false, as R's t.test) or with
 * the pooled variance (as SciPy's ttest_ind default, R's var.equal = TRUE). */
TResult stats_ttest_two(const double *x, size_t nx, const double *y, size_t ny, bool pooled,
                        Alternative alt, double level);

/* Wilson score interval for k successes in n trials (no continuity correction, as
 * scipy.stats.binomtest(k, n).proportion_ci(method="wilson")). */
void stats_wilson(double k, double n, double level, double *lo, double *hi);

/* z-test of p1 = p2 from k1/n1 and k2/n2 with the pooled proportion under H0; the interval is
 * the unpooled Wald interval for p1 − p2. */
typedef struct ZResult { double z, p, estimate, lo, hi; } ZResult;
ZResult stats_ztest_prop(double k1, double n1, double k2, double n2, Alternative alt, double level);

/* χ² test of independence on an r×c table of counts (row-major): the statistic, df and p;
 * yates applies the continuity correction (only to a 2×2 table, as R and SciPy do). expected
 * receives the r·c expected counts. */
typedef struct ChiResult { double stat, df, p; bool corrected; } ChiResult;
ChiResult stats_chisq(const double *table, size_t r, size_t c, bool yates, double *expected);

/* }===================== */

#endif
