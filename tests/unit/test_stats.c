/* test_stats.c — the statistics numerics (src/stats.c) against SciPy 1.10.1 / NumPy 1.24.2:
 * every estimator, quantile method, interval and p-value, one- and two-sided, to 1e-12
 * relative. The literals are printed by tests/unit/ref/stats_ref.py (its name for each value
 * is given beside it). The interval ends use t quantiles from mpmath at 30 digits, not SciPy's:
 * SciPy 1.10's t.ppf is off by about 2.5e-10 relative (t.ppf(0.975, 7) = 2.3646242510102993,
 * the true root 2.36462425159278534…, which Rmath's qt gives). */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stats.h"
#include "testresult.h"

static const double X[8] = {5.1, 4.9, 5.6, 5.8, 6.0, 5.3, 4.7, 5.5};
static const double Y[6] = {4.1, 5.2, 4.4, 4.9, 4.0, 4.6};
static const double Z[8] = {4.8, 5.0, 5.1, 5.2, 5.9, 5.0, 4.9, 5.1};

#define NEAR(got, want) near_at(got, want, #got, __LINE__)
static void near_at(double got, double want, const char *what, int line) {
    if (isinf(want)) {
        ck_assert_msg(got == want, "line %d: %s = %.17g, want %.17g", line, what, got, want);
        return;
    }
    double tol = 1e-12 * fmax(fabs(want), 1e-300);
    ck_assert_msg(fabs(got - want) <= tol, "line %d: %s = %.17g, want %.17g", line, what, got, want);
}

START_TEST(estimators) {
    NEAR(stats_mean(X, 8, 1), 5.3625);                 /* np.mean */
    NEAR(stats_var(X, 8, 1, 1), 0.19982142857142846);  /* np.var(ddof=1) */
    NEAR(stats_var(X, 8, 1, 0), 0.1748437499999999);   /* np.var */
    NEAR(sqrt(stats_var(X, 8, 1, 1)), 0.4470139019889968); /* np.std(ddof=1) */
    NEAR(stats_cov(X, 1, Z, 1, 8, 1), 0.11678571428571428); /* np.cov(x, z)[0, 1] */
    NEAR(stats_pearson(X, 1, Z, 1, 8), 0.775236384119113);  /* scipy.stats.pearsonr */
    double r[16];
    stats_rank(X, 1, 8, r);
    stats_rank(Z, 1, 8, r + 8);
    NEAR(stats_pearson(r, 1, r + 8, 1, 8), 0.9036800488347749); /* scipy.stats.spearmanr */
    /* the numbat case: E[x²] − E[x]² gives −128; two-pass gives the exact answers */
    const double big[4] = {1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16};
    ck_assert(stats_var(big, 4, 1, 1) == 30.0);  /* np.var(ddof=1) */
    ck_assert(stats_var(big, 4, 1, 0) == 22.5);  /* np.var */
    /* a matrix column: stride */
    const double m[6] = {1, 10, 2, 20, 4, 40};
    NEAR(stats_var(m + 1, 3, 2, 1), 233.33333333333334); /* np.var([10, 20, 40], ddof=1) */
}
END_TEST

START_TEST(order_statistics) {
    double s[8];
    memcpy(s, X, sizeof s);
    stats_sort(s, 8);
    NEAR(stats_median_sorted(s, 8), 5.4); /* np.median */
    double t[6];
    memcpy(t, Y, sizeof t);
    stats_sort(t, 6);
    NEAR(stats_median_sorted(t, 6), 4.5);
    const double ps[4] = {0.1, 0.25, 0.5, 0.9};
    /* np.quantile(x, [0.1, 0.25, 0.5, 0.9], method=m) */
    static const struct { const char *name; double q[4]; } want[] = {
        {"linear", {4.840000000000001, 5.05, 5.4, 5.859999999999999}},
        {"lower", {4.7, 4.9, 5.3, 5.8}},
        {"higher", {4.9, 5.1, 5.5, 6.0}},
        {"nearest", {4.9, 5.1, 5.5, 5.8}},
        {"midpoint", {4.800000000000001, 5.0, 5.4, 5.9}},
        {"interpolated_inverted_cdf", {4.7, 4.9, 5.3, 5.84}},
        {"hazen", {4.760000000000001, 5.0, 5.4, 5.94}},
        {"weibull", {4.7, 4.95, 5.4, 6.0}},
        {"median_unbiased", {4.733333333333333, 4.983333333333333, 5.4, 5.966666666666667}},
        {"normal_unbiased", {4.74, 4.9875, 5.4, 5.96}},
    };
    for (size_t k = 0; k < sizeof want / sizeof want[0]; k++) {
        int m = stats_quantile_method(want[k].name);
        ck_assert_int_ge(m, 0);
        for (int i = 0; i < 4; i++) {
            double q = stats_quantile_sorted(s, 8, ps[i], (QuantileMethod)m);
            ck_assert_msg(fabs(q - want[k].q[i]) <= 1e-12 * want[k].q[i], "%s p=%g: %.17g, want %.17g", want[k].name, ps[i],
                          q, want[k].q[i]);
        }
    }
    ck_assert_int_eq(stats_quantile_method("type7"), Q_LINEAR);
    ck_assert_int_eq(stats_quantile_method("type1"), -1);
    ck_assert_int_eq(stats_quantile_method("cubic"), -1);
    double md[6] = {0, 1, 2, 2, 3, 3};
    size_t count;
    ck_assert(stats_mode_sorted(md, 6, &count) == 2); /* scipy.stats.mode([1, 2, 2, 3, 3, 0]): 2 */
    ck_assert_uint_eq(count, 2);
}
END_TEST

/* scipy.stats.ttest_1samp(x, 5.0, alternative=…); intervals: "mp one" of stats_ref.py */
START_TEST(one_sample) {
    TResult r = stats_ttest_one(X, 8, 5.0, ALT_TWO_SIDED, 0.95);
    NEAR(r.t, 2.293675494561534);
    NEAR(r.p, 0.0555060270490965);
    NEAR(r.df, 7);
    NEAR(r.lo, 4.9887870256778655);
    NEAR(r.hi, 5.736212974322134);
    r = stats_ttest_one(X, 8, 5.0, ALT_LESS, 0.95);
    NEAR(r.p, 0.9722469864754517);
    NEAR(r.lo, -INFINITY);
    NEAR(r.hi, 5.66192541827453);
    r = stats_ttest_one(X, 8, 5.0, ALT_GREATER, 0.95);
    NEAR(r.p, 0.02775301352454825);
    NEAR(r.lo, 5.06307458172547);
    NEAR(r.hi, INFINITY);
}
END_TEST

/* scipy.stats.ttest_rel(x, z, alternative=…) = the one-sample test of x − z against 0 */
START_TEST(paired) {
    double d[8];
    for (int i = 0; i < 8; i++) d[i] = X[i] - Z[i];
    TResult r = stats_ttest_one(d, 8, 0, ALT_TWO_SIDED, 0.95);
    NEAR(r.t, 2.377655115418281);
    NEAR(r.p, 0.04905092897460553);
    NEAR(r.lo, 0.0013016312325897506);
    NEAR(r.hi, 0.4736983687674101);
    r = stats_ttest_one(d, 8, 0, ALT_LESS, 0.95);
    NEAR(r.p, 0.9754745355126972);
    NEAR(r.hi, 0.42674629387627494);
    r = stats_ttest_one(d, 8, 0, ALT_GREATER, 0.95);
    NEAR(r.p, 0.024525464487302764);
    NEAR(r.lo, 0.048253706123724927);
}
END_TEST

/* scipy.stats.ttest_ind(x, y, equal_var=False / True, alternative=…); df by the
 * Welch–Satterthwaite formula and the intervals from scipy.stats.t.ppf (stats_ref.py) */
START_TEST(two_sample) {
    TResult w = stats_ttest_two(X, 8, Y, 6, false, ALT_TWO_SIDED, 0.95);
    NEAR(w.t, 3.363947358673686);
    NEAR(w.p, 0.006563462896220958);
    NEAR(w.df, 10.694981366024518);
    NEAR(w.lo, 0.28476044806129874);
    NEAR(w.hi, 1.3735728852720328);
    w = stats_ttest_two(X, 8, Y, 6, false, ALT_LESS, 0.95);
    NEAR(w.p, 0.9967182685518895);
    NEAR(w.hi, 1.272985632444943);
    w = stats_ttest_two(X, 8, Y, 6, false, ALT_GREATER, 0.95);
    NEAR(w.p, 0.003281731448110479);
    NEAR(w.lo, 0.3853477008883886);
    TResult p = stats_ttest_two(X, 8, Y, 6, true, ALT_TWO_SIDED, 0.95);
    NEAR(p.t, 3.382653436719864);
    NEAR(p.p, 0.0054413994618868556);
    NEAR(p.df, 12);
    NEAR(p.lo, 0.29508920201879796);
    NEAR(p.hi, 1.3632441313145334);
    p = stats_ttest_two(X, 8, Y, 6, true, ALT_LESS, 0.95);
    NEAR(p.p, 0.9972793002690565);
    NEAR(p.hi, 1.2660466069872005);
    p = stats_ttest_two(X, 8, Y, 6, true, ALT_GREATER, 0.95);
    NEAR(p.p, 0.0027206997309434278);
    NEAR(p.lo, 0.39228672634613093);
}
END_TEST

/* scipy.stats.chi2_contingency(table, correction=…) */
START_TEST(chi_squared) {
    const double t22[4] = {10, 20, 30, 25};
    double e[6];
    ChiResult c = stats_chisq(t22, 2, 2, true, e);
    ck_assert(c.corrected);
    NEAR(c.stat, 2.706155303030302);
    NEAR(c.p, 0.0999616438735349);
    NEAR(c.df, 1);
    c = stats_chisq(t22, 2, 2, false, e);
    NEAR(c.stat, 3.505892255892255);
    NEAR(c.p, 0.06115089757606777);
    NEAR(e[0], 30.0 * 40 / 85);
    const double t23[6] = {12, 5, 9, 7, 14, 11};
    c = stats_chisq(t23, 2, 3, true, e); /* no correction beyond 1 df */
    ck_assert(!c.corrected);
    NEAR(c.stat, 5.214056174089068);
    NEAR(c.p, 0.07375340708662596);
    NEAR(c.df, 2);
}
END_TEST

START_TEST(proportions) {
    double lo, hi;
    stats_wilson(85, 100, 0.95, &lo, &hi); /* scipy.stats.binomtest(85, 100).proportion_ci(0.95, "wilson") */
    NEAR(lo, 0.7671644040916763);
    NEAR(hi, 0.9069401471634337);
    stats_wilson(3, 40, 0.9, &lo, &hi);    /* binomtest(3, 40).proportion_ci(0.9, "wilson") */
    NEAR(lo, 0.030370252611738993);
    NEAR(hi, 0.17348017873690036);
    /* pooled z of 45/100 against 30/100; p from scipy.stats.norm.sf / cdf */
    ZResult z = stats_ztest_prop(45, 100, 30, 100, ALT_TWO_SIDED, 0.95);
    NEAR(z.z, 2.1908902300206647);
    NEAR(z.p, 0.02845973691631055);
    NEAR(z.estimate, 0.15);
    z = stats_ztest_prop(45, 100, 30, 100, ALT_LESS, 0.95);
    NEAR(z.p, 0.9857701315418447);
    z = stats_ztest_prop(45, 100, 30, 100, ALT_GREATER, 0.95);
    NEAR(z.p, 0.014229868458155276);
}
END_TEST

/* The record: parts by name (for .name and Tab), the interval standing for [lower, upper],
 * its words line, and the minus sign of the words. */
START_TEST(records) {
    TestResult *r = testresult_new("convention");
    r->interval = true;
    testresult_pair(r, "ci", 1.5, 2.5, NULL);
    testresult_num(r, "p", 0.25, "a note");
    testresult_read(r, "Test: t = %s", "−1");
    Value v = value_obj(&r->obj);
    const char *const *names;
    ck_assert_int_eq(testresult_type.field_names(v.as.obj, &names), 2);
    ck_assert_str_eq(names[1], "p");
    Value p, arr;
    ck_assert(testresult_type.field(NULL, v.as.obj, "p", (Span){0}, &p));
    ck_assert(p.kind == VAL_NUM && p.as.num == 0.25);
    ck_assert(!testresult_type.field(NULL, v.as.obj, "q", (Span){0}, &p));
    ck_assert(obj_to_array(v, &arr));
    ck_assert(arr.kind == VAL_ARR && arr.as.arr->len == 2 && arr.as.arr->data[1] == 2.5);
    value_release(arr);
    Value items[2];
    ck_assert_int_eq(testresult_type.unpack(v.as.obj, items, 2), 2);
    ck_assert(items[0].as.num == 1.5 && items[1].as.num == 2.5);
    char *text = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&text, &size);
    testresult_type.print(f, v.as.obj);
    fclose(f);
    ck_assert_str_eq(text, "Test: t = −1\n  .ci = [1.5, 2.5]\n  .p  = 0.25   a note\n  convention");
    free(text);
    value_release(v);
    char buf[32];
    ck_assert_str_eq(testresult_fmt(-1.1547, 3, buf, sizeof buf), "−1.15");
    ck_assert_str_eq(testresult_fmt(0.00656, 2, buf, sizeof buf), "0.0066");
}
END_TEST

Suite *stats_suite(void) {
    Suite *s = suite_create("stats");
    TCase *tc = tcase_create("stats");
    tcase_add_test(tc, estimators);
    tcase_add_test(tc, order_statistics);
    tcase_add_test(tc, one_sample);
    tcase_add_test(tc, paired);
    tcase_add_test(tc, two_sample);
    tcase_add_test(tc, chi_squared);
    tcase_add_test(tc, proportions);
    tcase_add_test(tc, records);
    suite_add_tcase(s, tc);
    return s;
}
