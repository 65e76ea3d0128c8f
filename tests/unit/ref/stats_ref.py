"""stats_ref.py — prints the SciPy 1.10 / NumPy reference values stored as literals in
tests/unit/test_stats.c (run: python3 tests/unit/ref/stats_ref.py)."""
import numpy as np, scipy, scipy.stats as st
print("// scipy", scipy.__version__, "numpy", np.__version__)
x = np.array([5.1, 4.9, 5.6, 5.8, 6.0, 5.3, 4.7, 5.5])
y = np.array([4.1, 5.2, 4.4, 4.9, 4.0, 4.6])
z = np.array([4.8, 5.0, 5.1, 5.2, 5.9, 5.0, 4.9, 5.1])
def p(name, v): print(f"{name} = {float(v)!r}")
p("mean", np.mean(x)); p("var1", np.var(x, ddof=1)); p("var0", np.var(x)); p("std1", np.std(x, ddof=1))
p("median", np.median(x)); p("median_y", np.median(y))
p("cov_xz", np.cov(x, z)[0, 1]); p("pearson_xz", st.pearsonr(x, z)[0]); p("spearman_xz", st.spearmanr(x, z)[0])
for m in ["linear", "lower", "higher", "nearest", "midpoint", "interpolated_inverted_cdf", "hazen", "weibull", "median_unbiased", "normal_unbiased"]:
    print(m, [float(v) for v in np.quantile(x, [0.1, 0.25, 0.5, 0.9], method=m)])
for alt in ["two-sided", "less", "greater"]:
    r = st.ttest_1samp(x, 5.0, alternative=alt); c = r.confidence_interval(0.95)
    print("one", alt, repr(float(r.statistic)), repr(float(r.pvalue)), repr(float(c.low)), repr(float(c.high)))
    r = st.ttest_rel(x, z, alternative=alt); c = r.confidence_interval(0.95)
    print("rel", alt, repr(float(r.statistic)), repr(float(r.pvalue)), repr(float(c.low)), repr(float(c.high)))
    for ev in [False, True]:
        r = st.ttest_ind(x, y, equal_var=ev, alternative=alt)
        a, b = np.var(x, ddof=1) / 8, np.var(y, ddof=1) / 6
        df = (a + b) ** 2 / (a * a / 7 + b * b / 5) if not ev else 12.0
        se = np.sqrt(a + b) if not ev else np.sqrt((7 * np.var(x, ddof=1) + 5 * np.var(y, ddof=1)) / 12 * (1 / 8 + 1 / 6))
        est = x.mean() - y.mean()
        if alt == "two-sided": q = st.t.ppf(0.975, df); lo, hi = est - q * se, est + q * se
        elif alt == "less": lo, hi = -np.inf, est + st.t.ppf(0.95, df) * se
        else: lo, hi = est - st.t.ppf(0.95, df) * se, np.inf
        print("ind", "pooled" if ev else "welch", alt, repr(float(r.statistic)), repr(float(r.pvalue)), repr(float(df)), repr(float(lo)), repr(float(hi)))
for t in [[[10, 20], [30, 25]], [[12, 5, 9], [7, 14, 11]]]:
    for corr in [True, False]:
        s, pv, df, e = st.chi2_contingency(np.array(t), correction=corr)
        print("chi2", t, corr, repr(float(s)), repr(float(pv)), df)
ci = st.binomtest(85, 100).proportion_ci(0.95, method="wilson"); print("wilson 85/100", repr(ci.low), repr(ci.high))
ci = st.binomtest(3, 40).proportion_ci(0.9, method="wilson"); print("wilson 3/40 .9", repr(ci.low), repr(ci.high))
# two-proportion z: pooled z, p from scipy.stats.norm
k1, n1, k2, n2 = 45, 100, 30, 100
pp = (k1 + k2) / (n1 + n2); zz = (k1 / n1 - k2 / n2) / np.sqrt(pp * (1 - pp) * (1 / n1 + 1 / n2))
print("z", repr(zz), "two", repr(2 * st.norm.sf(abs(zz))), "less", repr(st.norm.cdf(zz)), "greater", repr(st.norm.sf(zz)))
# the GSL-free check of kfold / bootstrap is in the scripts tests
print("var 1e9", repr(np.var(1e9 + np.array([4., 7, 13, 16]), ddof=1)), repr(np.var(1e9 + np.array([4., 7, 13, 16]))))
print("mode", st.mode([1, 2, 2, 3, 3, 0]).mode)
# Intervals: SciPy 1.10's t.ppf (cephes stdtrit) is off by about 2.5e-10 relative
# (t.ppf(0.975, 7) = 2.3646242510102993; the root of the t cdf at 30 digits is
# 2.36462425159278534…, as Rmath's qt gives), so the interval references use quantiles from
# mpmath at 30 digits, with the estimate and standard error from NumPy.
import mpmath as mp
mp.mp.dps = 30
def tq(a, df):  # upper-tail quantile: P(T > q) = a
    df = mp.mpf(df)
    f = lambda q: mp.betainc(df / 2, mp.mpf(1) / 2, 0, df / (df + q * q), regularized=True) / 2 - a
    return float(mp.findroot(f, float(st.t.isf(float(a), float(df)))))
def iv(est, se, df, alt):
    if alt == "two-sided": q = tq(mp.mpf("0.025"), df); return est - q * se, est + q * se
    q = tq(mp.mpf("0.05"), df)
    return (-np.inf, est + q * se) if alt == "less" else (est - q * se, np.inf)
d = x - z
for alt in ["two-sided", "less", "greater"]:
    print("mp one", alt, [repr(v) for v in iv(x.mean(), np.std(x, ddof=1) / np.sqrt(8), 7, alt)])
    print("mp rel", alt, [repr(v) for v in iv(d.mean(), np.std(d, ddof=1) / np.sqrt(8), 7, alt)])
    a, b = np.var(x, ddof=1) / 8, np.var(y, ddof=1) / 6
    df = (a + b) ** 2 / (a * a / 7 + b * b / 5)
    print("mp welch", alt, [repr(v) for v in iv(x.mean() - y.mean(), np.sqrt(a + b), df, alt)])
    se = np.sqrt((7 * np.var(x, ddof=1) + 5 * np.var(y, ddof=1)) / 12 * (1 / 8 + 1 / 6))
    print("mp pooled", alt, [repr(v) for v in iv(x.mean() - y.mean(), se, 12, alt)])
