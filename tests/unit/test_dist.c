/* test_dist.c — the distribution families against SciPy: density (pmf), cdf, upper tail and
 * quantiles of both tails, including extreme tails, to 1e-12 relative (1e-9 for the few
 * noted below, where SciPy's and R's algorithms themselves differ); and the answers a
 * distribution gives to mean/std/var/median/quantile/entropy through ObjType.builtin. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ast.h"
#include "builtins.h"
#include "dist.h"
#include "interp.h"
#include "parse.h"

typedef struct RefCase {
    DistFamily family;
    double p[2];
    char kind;      /* 'x': a = x, b = pdf, c = cdf, d = sf; 'q': a = p, b = ppf(p), c = isf(p) */
    double a, b, c, d;
} RefCase;

/* The literals below were printed by a short SciPy script: for each case scipy.stats.<family>(…) with
 * norm(μ, σ), uniform(a, b − a), expon(scale = 1/λ), gamma(α, scale = 1/β), beta, chi2, t, f,
 * lognorm(σ, scale = e^μ), laplace(μ, b), bernoulli, binom, poisson, geom, nbinom;
 * .pdf/.pmf, .cdf, .sf, .ppf, .isf; the three lines marked below are corrected where SciPy itself is
 * off (checked with mpmath at 30 digits). */
/* generated with SciPy 1.10.1 */
static const RefCase ref_cases[] = {
    {DF_NORMAL, {0, 1}, 'x', -40, 0.0, 0.0, 1.0},
    {DF_NORMAL, {0, 1}, 'x', -8, 5.052271083536893e-15, 6.22096057427174e-16, 0.9999999999999993},
    {DF_NORMAL, {0, 1}, 'x', -1.5, 0.12951759566589174, 0.06680720126885807, 0.9331927987311419},
    {DF_NORMAL, {0, 1}, 'x', 0, 0.3989422804014327, 0.5, 0.5},
    {DF_NORMAL, {0, 1}, 'x', 1.96, 0.058440944333451476, 0.9750021048517795, 0.024997895148220435},
    {DF_NORMAL, {0, 1}, 'x', 8, 5.052271083536893e-15, 0.9999999999999993, 6.22096057427174e-16},
    {DF_NORMAL, {0, 1}, 'x', 30, 1.4736461348785476e-196, 1.0, 4.906713927147908e-198},
    {DF_NORMAL, {0, 1}, 'q', 1e-300, -37.0470962993612, 37.0470962993612, 0},
    {DF_NORMAL, {0, 1}, 'q', 1e-10, -6.361340902404056, 6.361340902404056, 0},
    {DF_NORMAL, {0, 1}, 'q', 0.025, -1.9599639845400545, 1.9599639845400545, 0},
    {DF_NORMAL, {0, 1}, 'q', 0.5, 0.0, 0.0, 0},
    {DF_NORMAL, {0, 1}, 'q', 0.975, 1.959963984540054, -1.959963984540054, 0},
    {DF_NORMAL, {0, 1}, 'q', 0.9999999999, 6.361340889697422, -6.361340889697422, 0},
    {DF_NORMAL, {3, 2}, 'x', -5, 6.691511288244267e-05, 3.167124183311986e-05, 0.9999683287581669},
    {DF_NORMAL, {3, 2}, 'x', 3, 0.19947114020071635, 0.5, 0.5},
    {DF_NORMAL, {3, 2}, 'x', 10, 0.0004363413475228801, 0.9997673709209645, 0.00023262907903552502},
    {DF_NORMAL, {3, 2}, 'q', 0.001, -3.1804646123356264, 9.180464612335626, 0},
    {DF_NORMAL, {3, 2}, 'q', 0.5, 3.0, 3.0, 0},
    {DF_NORMAL, {3, 2}, 'q', 0.999, 9.180464612335626, -3.1804646123356264, 0},
    {DF_UNIFORM, {-1, 3}, 'x', -2, 0.0, 0.0, 1.0},
    {DF_UNIFORM, {-1, 3}, 'x', 0, 0.25, 0.25, 0.75},
    {DF_UNIFORM, {-1, 3}, 'x', 2.5, 0.25, 0.875, 0.125},
    {DF_UNIFORM, {-1, 3}, 'x', 4, 0.0, 1.0, 0.0},
    {DF_UNIFORM, {-1, 3}, 'q', 0, -1.0, 3.0, 0},
    {DF_UNIFORM, {-1, 3}, 'q', 0.3, 0.19999999999999996, 1.7999999999999998, 0},
    {DF_UNIFORM, {-1, 3}, 'q', 1, 3.0, -1.0, 0},
    {DF_EXPONENTIAL, {2, 0}, 'x', 0, 2.0, 0.0, 1.0},
    {DF_EXPONENTIAL, {2, 0}, 'x', 0.1, 1.6374615061559636, 0.18126924692201815, 0.8187307530779818},
    {DF_EXPONENTIAL, {2, 0}, 'x', 3, 0.004957504353332717, 0.9975212478233336, 0.0024787521766663585},
    {DF_EXPONENTIAL, {2, 0}, 'x', 20, 8.496708510583178e-18, 1.0, 4.248354255291589e-18},
    {DF_EXPONENTIAL, {2, 0}, 'q', 1e-12, 5.0000000000025e-13, 13.815510557964274, 0},
    {DF_EXPONENTIAL, {2, 0}, 'q', 0.5, 0.34657359027997264, 0.34657359027997264, 0},
    {DF_EXPONENTIAL, {2, 0}, 'q', 0.999999, 6.907755278967759, 5.000002500145445e-07, 0},
    {DF_GAMMA, {2.5, 1.5}, 'x', 0.01, 0.002042102470243305, 8.203534362447038e-06, 0.9999917964656375},
    {DF_GAMMA, {2.5, 1.5}, 'x', 1, 0.4625409894113078, 0.3000141641213724, 0.6999858358786276},
    {DF_GAMMA, {2.5, 1.5}, 'x', 5, 0.012818533423821173, 0.9896376620842136, 0.010362337915786429},
    {DF_GAMMA, {2.5, 1.5}, 'x', 40, 4.592117803798422e-24, 1.0, 3.1385797727553017e-24},
    {DF_GAMMA, {2.5, 1.5}, 'q', 1e-08, 0.0006802457416455115, 15.264862374361522, 0},
    {DF_GAMMA, {2.5, 1.5}, 'q', 0.5, 1.4504867303651754, 1.4504867303651754, 0},
    {DF_GAMMA, {2.5, 1.5}, 'q', 0.99999999, 15.26486237078754, 0.0006802457430131384, 0},
    {DF_BETA, {2, 5}, 'x', 0.001, 0.029880179880030003, 1.4960044976005004e-05, 0.999985039955024},
    {DF_BETA, {2, 5}, 'x', 0.2, 2.4575999999999993, 0.3446400000000002, 0.6553599999999997},
    {DF_BETA, {2, 5}, 'x', 0.9, 0.0026999999999999993, 0.999945, 5.499999999999994e-05},
    {DF_BETA, {2, 5}, 'x', 0.999, 2.997000000000012e-11, 0.999999999999994, 5.995000000000026e-15},
    {DF_BETA, {2, 5}, 'q', 1e-06, 0.00025828782935406356, 0.9555730480301817, 0},
    {DF_BETA, {2, 5}, 'q', 0.5, 0.26444998329566005, 0.26444998329566005, 0},
    {DF_BETA, {2, 5}, 'q', 0.99, 0.7056863283197075, 0.026763191142755067, 0},
    {DF_CHISQ, {3, 0}, 'x', 0.1, 0.12000389484301362, 0.00816257626812352, 0.9918374237318764},
    {DF_CHISQ, {3, 0}, 'x', 3, 0.1541803298037693, 0.6083748237289109, 0.3916251762710877},
    {DF_CHISQ, {3, 0}, 'x', 50, 3.917716632754344e-11, 0.9999999999201082, 7.989179244951495e-11},
    {DF_CHISQ, {3, 0}, 'q', 1e-06, 0.00024181048720124264, 30.664849706213598, 0},
    {DF_CHISQ, {3, 0}, 'q', 0.5, 2.3659738843753377, 2.3659738843753377, 0},
    {DF_CHISQ, {3, 0}, 'q', 0.9999, 21.107513466160444, 0.005214832329027595, 0},
    {DF_T, {5, 0}, 'x', -30, 6.401741489594478e-08, 3.8593243102480234e-07, 0.999999614067569},
    {DF_T, {5, 0}, 'x', -2, 0.06509031032621647, 0.05096973941492914, 0.9490302605850709},
    {DF_T, {5, 0}, 'x', 0, 0.37960668982249446, 0.5, 0.5},
    {DF_T, {5, 0}, 'x', 2.5, 0.03332623888702283, 0.9727549503288119, 0.027245049671188102},
    {DF_T, {5, 0}, 'x', 100, 4.7379731090455336e-11, 0.9999999990519993, 9.480007112311828e-10},
    {DF_T, {5, 0}, 'q', 1e-09, -98.93722464837131, 98.93722464837131, 0},
    /* SciPy 1.10: t(5).ppf(0.5) = 6.976e-17 (rounding noise); the median of a t is 0 exactly (R: qt(0.5, 5) = 0) */
    {DF_T, {5, 0}, 'q', 0.5, 0, 0, 0},
    /* SciPy 1.10: t(5).ppf(0.975) = 2.5705818366147395, whose cdf is 0.975 + 3e-11; mpmath (30 digits,
     * regularised incomplete beta) gives 2.570581835636315514…, which R's qt matches */
    {DF_T, {5, 0}, 'q', 0.975, 2.5705818356363155, -2.5705818356363155, 0},
    {DF_F, {3, 10}, 'x', 0.1, 0.5803676479898581, 0.041814651667830736, 0.9581853483321691},
    {DF_F, {3, 10}, 'x', 1, 0.40412281148856155, 0.5676627969783029, 0.4323372030216969},
    {DF_F, {3, 10}, 'x', 8, 0.002208397203076617, 0.9948253003218863, 0.005174699678113637},
    {DF_F, {3, 10}, 'x', 200, 7.81657008072613e-11, 0.9999999968168518, 3.1831481745761683e-09},
    {DF_F, {3, 10}, 'q', 0.01, 0.0367259085765334, 6.552312557515209, 0},
    {DF_F, {3, 10}, 'q', 0.5, 0.8450805765917135, 0.8450805765917135, 0},
    {DF_F, {3, 10}, 'q', 0.999, 12.552745388943725, 0.00773714255417156, 0},
    {DF_LOGNORMAL, {0, 1}, 'x', 0.01, 0.0009902386649591815, 2.0606433959717227e-06, 0.9999979393566041},
    {DF_LOGNORMAL, {0, 1}, 'x', 1, 0.3989422804014327, 0.5, 0.5},
    {DF_LOGNORMAL, {0, 1}, 'x', 5, 0.02185071483032721, 0.9462396895483368, 0.053760310451663136},
    {DF_LOGNORMAL, {0, 1}, 'x', 300, 1.1463267077750309e-10, 0.9999999941411202, 5.858879834908206e-09},
    /* SciPy 1.10: lognorm(1).isf(1e-9) = 402.54505142515745 (4.6e-9 off); mpmath: exp(5.99780701500768687…)
     * = 402.5450495758857479…, which R's qlnorm(1e-9, lower.tail = FALSE) matches */
    {DF_LOGNORMAL, {0, 1}, 'q', 1e-09, 0.002484194007735488, 402.54504957588575, 0},
    {DF_LOGNORMAL, {0, 1}, 'q', 0.5, 1.0, 1.0, 0},
    {DF_LOGNORMAL, {0, 1}, 'q', 0.99, 10.240473656312131, 0.09765173307033599, 0},
    {DF_LAPLACE, {1, 2}, 'x', -60, 1.4189213081581807e-14, 2.8378426163163614e-14, 0.9999999999999716},
    {DF_LAPLACE, {1, 2}, 'x', 0, 0.15163266492815836, 0.3032653298563167, 0.6967346701436833},
    {DF_LAPLACE, {1, 2}, 'x', 1, 0.25, 0.5, 0.5},
    {DF_LAPLACE, {1, 2}, 'x', 4, 0.055782540037107455, 0.888434919925785, 0.11156508007421491},
    {DF_LAPLACE, {1, 2}, 'x', 70, 2.598845029175555e-16, 0.9999999999999994, 5.19769005835111e-16},
    {DF_LAPLACE, {1, 2}, 'q', 1e-12, -52.87574787073721, 54.87574787073721, 0},
    {DF_LAPLACE, {1, 2}, 'q', 0.3, -0.021651247531981443, 2.0216512475319814, 0},
    {DF_LAPLACE, {1, 2}, 'q', 0.5, 1.0, 1.0, 0},
    {DF_LAPLACE, {1, 2}, 'q', 0.9, 4.218875824868201, -2.218875824868201, 0},
    {DF_BERNOULLI, {0.3, 0}, 'x', 0, 0.7, 0.7, 0.3},
    {DF_BERNOULLI, {0.3, 0}, 'x', 1, 0.3, 1.0, 0.0},
    {DF_BERNOULLI, {0.3, 0}, 'q', 0.5, 0.0, 0.0, 0},
    {DF_BERNOULLI, {0.3, 0}, 'q', 0.8, 1.0, 0.0, 0},
    {DF_BINOMIAL, {20, 0.3}, 'x', 0, 0.0007979226629761189, 0.0007979226629761204, 0.9992020773370239},
    {DF_BINOMIAL, {20, 0.3}, 'x', 6, 0.1916389827534426, 0.6080098122009244, 0.3919901877990756},
    {DF_BINOMIAL, {20, 0.3}, 'x', 15, 3.7389768875293014e-05, 0.9999944497469218, 5.5502530782987564e-06},
    {DF_BINOMIAL, {20, 0.3}, 'x', 20, 3.4867844009999975e-11, 1.0, 0.0},
    {DF_BINOMIAL, {20, 0.3}, 'q', 0.001, 1.0, 13.0, 0},
    {DF_BINOMIAL, {20, 0.3}, 'q', 0.5, 6.0, 6.0, 0},
    {DF_BINOMIAL, {20, 0.3}, 'q', 0.999, 13.0, 1.0, 0},
    {DF_POISSON, {3, 0}, 'x', 0, 0.04978706836786394, 0.04978706836786395, 0.950212931632136},
    {DF_POISSON, {3, 0}, 'x', 3, 0.22404180765538775, 0.6472318887822313, 0.35276811121776874},
    {DF_POISSON, {3, 0}, 'x', 10, 0.0008101511794681437, 0.9997076630493527, 0.00029233695064733665},
    {DF_POISSON, {3, 0}, 'x', 30, 3.864507201615529e-20, 1.0, 4.12540519811399e-21},
    {DF_POISSON, {3, 0}, 'q', 0.01, 0.0, 8.0, 0},
    {DF_POISSON, {3, 0}, 'q', 0.5, 3.0, 3.0, 0},
    {DF_POISSON, {3, 0}, 'q', 0.9999, 11.0, 0.0, 0},
    {DF_GEOMETRIC, {0.2, 0}, 'x', 1, 0.2, 0.2, 0.7999999999999999},
    {DF_GEOMETRIC, {0.2, 0}, 'x', 3, 0.128, 0.48800000000000004, 0.512},
    {DF_GEOMETRIC, {0.2, 0}, 'x', 40, 3.323069989462297e-05, 0.9998670772004216, 0.0001329227995784916},
    {DF_GEOMETRIC, {0.2, 0}, 'q', 0.1, 1.0, 11.0, 0},
    {DF_GEOMETRIC, {0.2, 0}, 'q', 0.5, 4.0, 4.0, 0},
    {DF_GEOMETRIC, {0.2, 0}, 'q', 0.999, 31.0, 1.0, 0},
    {DF_NEGBINOMIAL, {3, 0.4}, 'x', 0, 0.06399999999999999, 0.06400000000000002, 0.9359999999999999},
    {DF_NEGBINOMIAL, {3, 0.4}, 'x', 4, 0.1244160000000001, 0.5800960000000001, 0.41990399999999994},
    {DF_NEGBINOMIAL, {3, 0.4}, 'x', 30, 7.017770507614978e-06, 0.999987695909924, 1.2304090075977123e-05},
    {DF_NEGBINOMIAL, {3, 0.4}, 'q', 0.05, 0.0, 11.0, 0},
    {DF_NEGBINOMIAL, {3, 0.4}, 'q', 0.5, 4.0, 4.0, 0},
    {DF_NEGBINOMIAL, {3, 0.4}, 'q', 0.99, 15.0, 0.0, 0},
};

static bool close_to(double got, double want, double rel) {
    if (want == 0) return fabs(got) < 1e-300;
    if (isinf(want)) return got == want;
    return fabs(got - want) <= rel * fabs(want);
}

START_TEST(test_reference_values) {
    int n = (int)(sizeof ref_cases / sizeof ref_cases[0]);
    int failures = 0;
    for (int i = 0; i < n; i++) {
        const RefCase *r = &ref_cases[i];
        Dist *d = dist_new(r->family, r->p, NULL, 0);
        double rel = 1e-12;
        if (r->kind == 'x') {
            double pdf = dist_pdf(d, r->a, false), cdf = dist_cdf(d, r->a, true), sf = dist_cdf(d, r->a, false);
            if (!close_to(pdf, r->b, rel) || !close_to(cdf, r->c, rel) || !close_to(sf, r->d, rel)) {
                fprintf(stderr, "%s(%g, %g) at x = %.17g: pdf %.17g (want %.17g) cdf %.17g (%.17g) sf %.17g (%.17g)\n",
                        dist_info[r->family].name, r->p[0], r->p[1], r->a, pdf, r->b, cdf, r->c, sf, r->d);
                failures++;
            }
        } else {
            double q = dist_quantile(d, r->a, true), qu = dist_quantile(d, r->a, false);
            if (!close_to(q, r->b, rel) || !close_to(qu, r->c, rel)) {
                fprintf(stderr, "%s(%g, %g) at p = %.17g: quantile %.17g (want %.17g) upper %.17g (%.17g)\n",
                        dist_info[r->family].name, r->p[0], r->p[1], r->a, q, r->b, qu, r->c);
                failures++;
            }
        }
        value_release(value_obj(&d->obj));
    }
    ck_assert_int_eq(failures, 0);
}
END_TEST

/* Categorical([0.2, 0.5, 0.3]) on 1…3: pmf, both tails summed directly, quantiles. */
START_TEST(test_categorical) {
    double probs[3] = {0.2, 0.5, 0.3};
    Dist *d = dist_new(DF_CATEGORICAL, NULL, probs, 3);
    ck_assert_double_eq(dist_pdf(d, 2, false), 0.5);
    ck_assert_double_eq(dist_pdf(d, 2.5, false), 0);
    ck_assert_double_eq_tol(dist_cdf(d, 2, true), 0.7, 1e-15);
    ck_assert_double_eq_tol(dist_cdf(d, 2, false), 0.3, 1e-15);
    ck_assert_double_eq(dist_quantile(d, 0.2, true), 1);
    ck_assert_double_eq(dist_quantile(d, 0.21, true), 2);
    ck_assert_double_eq(dist_quantile(d, 0.71, true), 3);
    ck_assert_double_eq_tol(dist_mean(d), 2.1, 1e-15);
    ck_assert_double_eq_tol(dist_var(d), 0.49, 1e-15); /* 0.2 + 2 + 2.7 − 2.1² */
    value_release(value_obj(&d->obj));
}
END_TEST

/* Moments against SciPy 1.10 .mean() / .var(). */
START_TEST(test_moments) {
    struct { DistFamily f; double p[2]; double mean, var; } m[] = {
        {DF_GAMMA, {2.5, 1.5}, 1.6666666666666667, 1.1111111111111112},     /* gamma(2.5, scale=1/1.5) */
        {DF_BETA, {2, 5}, 0.2857142857142857, 0.025510204081632654},        /* beta(2, 5) */
        {DF_F, {3, 10}, 1.25, 1.9097222222222223},                          /* f(3, 10) */
        {DF_LOGNORMAL, {0, 1}, 1.6487212707001282, 4.670774270471604},      /* lognorm(1) */
        {DF_LAPLACE, {1, 2}, 1, 8},                                         /* laplace(1, 2) */
        {DF_GEOMETRIC, {0.2, 0}, 5, 20},                                    /* geom(0.2) */
        {DF_NEGBINOMIAL, {3, 0.4}, 4.5, 11.25},                             /* nbinom(3, 0.4) */
        {DF_T, {5, 0}, 0, 1.6666666666666667},                              /* t(5) */
    };
    for (size_t i = 0; i < sizeof m / sizeof m[0]; i++) {
        Dist *d = dist_new(m[i].f, m[i].p, NULL, 0);
        ck_assert_double_eq_tol(dist_mean(d), m[i].mean, 1e-12 * fmax(1, fabs(m[i].mean)));
        ck_assert_double_eq_tol(dist_var(d), m[i].var, 1e-12 * m[i].var);
        value_release(value_obj(&d->obj));
    }
}
END_TEST

/* The ObjType.builtin hook: std, var, median, quantile and entropy of a distribution (the
 * stats branch defines those builtins on arrays; here they are asked through fake rows). */
static double hook(const char *name, Value x, int argc, Value arg, bool *handled) {
    Interp *in = interp_new(stdout, stderr);
    Builtin b = {.name = name};
    Span spans[2] = {{0}, {0}};
    CallInfo ci = {{0}, spans, &b};
    Value argv[2] = {x, arg};
    Value out = value_nil();
    bool ok = dist_builtin_hook(in, &b, &ci, argc, argv, &out, handled);
    double r = ok && out.kind == VAL_NUM ? out.as.num : NAN;
    value_release(out);
    interp_free(in);
    return r;
}

START_TEST(test_builtin_hook) {
    double p[2] = {3, 2};
    Value x = value_obj(&dist_new(DF_NORMAL, p, NULL, 0)->obj);
    bool handled;
    ck_assert_double_eq(hook("std", x, 1, value_nil(), &handled), 2);
    ck_assert(handled);
    ck_assert_double_eq(hook("var", x, 1, value_nil(), &handled), 4);
    ck_assert_double_eq(hook("mean", x, 1, value_nil(), &handled), 3);
    ck_assert_double_eq(hook("median", x, 1, value_nil(), &handled), 3);
    /* scipy.stats.norm(3, 2).ppf(0.975) = 6.919927969080108 */
    ck_assert_double_eq_tol(hook("quantile", x, 2, value_num(0.975), &handled), 6.919927969080108, 1e-14);
    /* scipy.stats.norm(3, 2).entropy() = 2.1120857137646176 (nats); in bits, as entropy(p) of a
     * vector by default: 2.1120857137646176 / ln 2 = 3.047095585180641 */
    Value nats = value_str(str_new("nats", 4));
    ck_assert_double_eq_tol(hook("entropy", x, 2, nats, &handled), 2.1120857137646176, 1e-14);
    value_release(nats);
    ck_assert_double_eq_tol(hook("entropy", x, 1, value_nil(), &handled), 3.047095585180641, 1e-14);
    hook("sum", x, 1, value_nil(), &handled);
    ck_assert(!handled);
    ck_assert(isnan(hook("quantile", x, 2, value_num(1.5), &handled))); /* an error: p ∉ [0, 1] */
    ck_assert(handled);
    value_release(x);
}
END_TEST

/* Upper tails are tails: P(Z > 8) = 6.22e-16 (scipy.stats.norm.sf(8) = 6.22096057427174e-16),
 * and intervals above the median use the upper tail. */
START_TEST(test_tails) {
    double p[2] = {0, 1};
    Dist *z = dist_new(DF_NORMAL, p, NULL, 0);
    ck_assert_double_eq_tol(dist_interval(z, 8, true, INFINITY, false), 6.22096057427174e-16, 1e-27);
    /* norm.sf(8) − norm.sf(9) = 6.219832e-16 (SciPy: 6.221e-16 − 1.129e-19) */
    ck_assert_double_eq_tol(dist_interval(z, 8, true, 9, true), 6.22096057427174e-16 - 1.1285884059538425e-19, 1e-27);
    /* log tails where the probability underflows: scipy.stats.norm.logsf(40) = -804.6084420137539,
     * poisson(1).logpmf(200) = -864.2319871924054 (SciPy's laplace.logsf(800) is -inf; the log of
     * ½e^(−800) is log(½) − 800) */
    ck_assert_double_eq_tol(dist_log_interval(z, 40, true, INFINITY, false), -804.6084420137539, 1e-12 * 804.6);
    double lam[2] = {1, 0}, lap[2] = {0, 1};
    Dist *k = dist_new(DF_POISSON, lam, NULL, 0), *l = dist_new(DF_LAPLACE, lap, NULL, 0);
    ck_assert_double_eq_tol(dist_log_interval(k, 200, false, 200, false), -864.2319871924054, 1e-12 * 864.2);
    ck_assert_double_eq_tol(dist_log_interval(l, 800, true, INFINITY, false), log(0.5) - 800, 1e-13);
    value_release(value_obj(&k->obj));
    value_release(value_obj(&l->obj));
    value_release(value_obj(&z->obj));
}
END_TEST

/* The syntax of this issue: `X ~ D`, postfix `!` (tighter than ^ and unary minus), `∛`, and
 * `=` comparing inside P(…). Rendered with ast_to_sexpr. */
static const char *sx(const char *text) {
    static char buf[1024];
    Source *src = source_new("<test>", text, strlen(text));
    AstArena *arena = ast_arena_new(src);
    Diagnostic d;
    memset(&d, 0, sizeof d);
    Node *program = parse_source(arena, src, 0, &d, NULL);
    if (!program) snprintf(buf, sizeof buf, "ERROR %d:%d %s", d.line, d.col, d.message);
    else ast_to_sexpr(program, buf, sizeof buf);
    ast_arena_release(arena);
    source_release(src);
    return buf;
}

START_TEST(test_syntax) {
    ck_assert_str_eq(sx("X ~ Normal(0, 1)"), sx("X = Normal(0, 1)"));
    ck_assert_str_eq(sx("3!^3"), sx("factorial(3)^3"));
    ck_assert_str_eq(sx("-5!"), sx("-factorial(5)"));
    ck_assert_str_eq(sx("(n - k)!"), sx("factorial(n - k)"));
    ck_assert_str_eq(sx("2n!"), sx("2 * factorial(n)"));
    ck_assert_str_eq(sx("!a"), sx("not a"));
    ck_assert_str_eq(sx("a != b"), sx("a ≠ b"));
    ck_assert_str_eq(sx("∛x + 1"), sx("cbrt(x) + 1"));
    ck_assert_str_eq(sx("P(K = 3)"), sx("P(K == 3)"));
    ck_assert_str_eq(sx("P(A) = 0.5"), "{(fact (P P A) 0.5)}");
    ck_assert_str_eq(sx("f(x = 3)"), "ERROR 1:5 syntax error: unexpected '='");
    ck_assert_str_eq(sx("f(x) ~ Normal()"), "ERROR 1:6 '~' binds a name to a distribution: X ~ Normal(0, 1)");
}
END_TEST

Suite *dist_suite(void) {
    Suite *s = suite_create("dist");
    TCase *t = tcase_create("Families");
    tcase_add_test(t, test_reference_values);
    tcase_add_test(t, test_categorical);
    tcase_add_test(t, test_moments);
    tcase_add_test(t, test_builtin_hook);
    tcase_add_test(t, test_tails);
    tcase_add_test(t, test_syntax);
    suite_add_tcase(s, t);
    return s;
}
