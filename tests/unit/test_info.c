/* test_info.c — the numerics of information theory (src/infotheory.c) against SciPy 1.10.1
 * and scikit-learn's formulas done by hand in NumPy 1.24 (the script that printed each
 * literal is quoted beside it), to 1e-12 relative; the checks of a distribution; 0·log 0;
 * infinities where q = 0 but p > 0; the stability of the logit losses; compensated sums
 * over 10^7 terms (W13). */
#include <check.h>
#include <math.h>
#include <stdlib.h>

#include "infotheory.h"

#define REL 1e-12
#define ck_rel(got, want) \
    ck_assert_msg(fabs((got) - (want)) <= REL * fabs(want), "%s = %.17g, want %.17g", #got, (double)(got), (double)(want))

static const double P[] = {0.1, 0.2, 0.3, 0.4}, Q[] = {0.25, 0.25, 0.25, 0.25};

START_TEST(entropy_matches_scipy) {
    double h, sum;
    size_t bad;
    ck_assert_int_eq(it_entropy(P, 4, 2, &h, &sum, &bad), IT_OK);
    ck_rel(h, 1.2798542258336676);              /* scipy.stats.entropy(p) */
    ck_rel(h / M_LN2, 1.8464393446710157);      /* scipy.stats.entropy(p, base=2) */
    /* 0·log 0 = 0: scipy.stats.entropy([0.5, 0.5, 0]) */
    const double p3[] = {0.5, 0.5, 0.0};
    ck_assert_int_eq(it_entropy(p3, 3, 2, &h, &sum, &bad), IT_OK);
    ck_rel(h, 0.6931471805599453);
    const double one[] = {1.0};
    ck_assert_int_eq(it_entropy(one, 1, 2, &h, &sum, &bad), IT_OK);
    ck_assert(h == 0);
}
END_TEST

START_TEST(divergences_match_scipy) {
    size_t at;
    ck_rel(it_kl(P, Q, 4, &at), 0.10644013528622318);  /* scipy.special.rel_entr(p, q).sum() */
    ck_assert(at == (size_t)-1);
    ck_rel(it_kl(Q, P, 4, &at), 0.12177727428716867);  /* rel_entr(q, p).sum() */
    /* H(p) + rel_entr(p, q).sum() = −Σ p ln q */
    ck_rel(it_cross_entropy(P, Q, 4, &at), 1.3862943611198908);
    /* scipy.spatial.distance.jensenshannon(p, q)**2 */
    ck_rel(it_js(P, Q, 4), 0.02786561345727674);
    const double p3[] = {0.5, 0.5, 0.0}, q3[] = {0.25, 0.25, 0.5};
    ck_rel(it_kl(p3, q3, 3, &at), 0.6931471805599453); /* rel_entr(p3, q3).sum() */
    /* rel_entr(q3, p3).sum() = inf, at the third entry */
    ck_assert(isinf(it_kl(q3, p3, 3, &at)));
    ck_assert_uint_eq(at, 2);
    ck_assert(isinf(it_cross_entropy(q3, p3, 3, &at)));
    ck_assert_uint_eq(at, 2);
    ck_assert(isfinite(it_js(q3, p3, 3)));
    const double a[] = {1, 0}, b[] = {0, 1};
    ck_rel(it_js(a, b, 2), M_LN2); /* disjoint supports: ln 2 nats = 1 bit */
}
END_TEST

START_TEST(joint_tables) {
    const double J[] = {0.1, 0.2, 0.05, 0.3, 0.15, 0.2};
    ItJoint r;
    it_joint(J, 2, 3, &r);
    ck_rel(r.hxy, 1.6695801269814072); /* scipy.stats.entropy(J.ravel()) */
    ck_rel(r.hx, 0.6474466390346325);  /* entropy(J.sum(1)) */
    ck_rel(r.hy, 1.080527626604172);   /* entropy(J.sum(0)) */
    ck_rel(r.mi, 0.05839413865739717); /* rel_entr(J, outer(px, py)).sum() */
    const double ind[] = {0.25, 0.25, 0.25, 0.25};
    it_joint(ind, 2, 2, &r);
    ck_assert(r.mi == 0);
}
END_TEST

START_TEST(labels) {
    /* sklearn.metrics.mutual_info_score(x, y) by hand: the contingency table / n, then
     * rel_entr(Pj, outer(Pj.sum(1), Pj.sum(0))).sum() */
    const double x[] = {1, 1, 2, 2, 3, 3, 1, 2}, y[] = {0, 1, 0, 1, 1, 1, 0, 0};
    double *t;
    size_t rows, cols;
    ck_assert(it_contingency(x, y, 8, &t, &rows, &cols));
    ck_assert_uint_eq(rows, 3);
    ck_assert_uint_eq(cols, 2);
    ItJoint r;
    it_joint(t, rows, cols, &r);
    free(t);
    ck_rel(r.mi, 0.21576155433883565);
    /* information gain: H(par) − 3/8 H(L) − 5/8 H(R), H from np.unique counts */
    const double par[] = {1, 1, 1, 2, 2, 2, 2, 3};
    double hp, hl, hr;
    ck_assert(it_label_entropy(par, 8, &hp));
    ck_assert(it_label_entropy(par, 3, &hl));
    ck_assert(it_label_entropy(par + 3, 5, &hr));
    ck_rel(hp - 3.0 / 8 * hl - 5.0 / 8 * hr, 0.661563238157982);
    /* the best split of feature x = 1..8 for these labels is x > 3.5 with that gain */
    const double feat[] = {1, 2, 3, 4, 5, 6, 7, 8};
    double th, gain;
    bool found;
    ck_assert(it_best_split(feat, par, 8, &th, &gain, &found));
    ck_assert(found);
    ck_assert(th == 3.5);
    ck_rel(gain, 0.661563238157982);
    const double flat[] = {2, 2, 2};
    ck_assert(it_best_split(flat, par, 3, &th, &gain, &found));
    ck_assert(!found);
}
END_TEST

START_TEST(losses) {
    size_t at;
    /* -mean(y log p + (1 - y) log(1 - p)), sklearn.metrics.log_loss's formula */
    const double yb[] = {1, 0, 1, 1, 0}, pb[] = {0.9, 0.2, 0.7, 0.55, 0.01};
    ck_rel(it_bce(yb, pb, 5, &at), 0.258613269503978);
    /* mean(max(z, 0) − z y + log1p(exp(−|z|))), TensorFlow's sigmoid_cross_entropy_with_logits */
    const double z[] = {2, -1, 0.5, 40, -30}, yz[] = {1, 0, 1, 0, 0};
    ck_rel(it_bce_logits(yz, z, 5), 8.182853336548279);
    /* a certain and right prediction costs 0; certain and wrong costs ∞ */
    const double y1[] = {1, 0}, p1[] = {1, 0};
    ck_assert(it_bce(y1, p1, 2, &at) == 0);
    const double p2[] = {1, 1};
    ck_assert(isinf(it_bce(y1, p2, 2, &at)));
    ck_assert_uint_eq(at, 1);
    /* scipy.special.logsumexp([1000, 0, -1000]) = 1000 */
    const double big[] = {1000, 0, -1000};
    ck_rel(it_logsumexp(big, 3), 1000.0);
    const double z3[] = {2.0, 1.0, 0.1};
    ck_rel(it_logsumexp(z3, 3), 2.4170300162778333); /* scipy.special.logsumexp([2, 1, 0.1]) */
}
END_TEST

START_TEST(bad_distributions) {
    double h, sum;
    size_t bad;
    const double neg[] = {0.5, -0.1, 0.6};
    ck_assert_int_eq(it_entropy(neg, 3, 2, &h, &sum, &bad), IT_NEGATIVE);
    ck_assert_uint_eq(bad, 1);
    const double nan_[] = {0.5, NAN};
    ck_assert_int_eq(it_check(nan_, 2, &sum, &bad), IT_NOT_FINITE);
    ck_assert_uint_eq(bad, 1);
    ck_assert_int_eq(it_entropy(nan_, 2, 2, &h, &sum, &bad), IT_NOT_FINITE);
    ck_assert_uint_eq(bad, 1);
    const double inf_[] = {0.5, 0.5, INFINITY}, negzero[] = {-0.0, 1.0};
    ck_assert_int_eq(it_entropy(inf_, 3, 2, &h, &sum, &bad), IT_NOT_FINITE);
    ck_assert_uint_eq(bad, 2);
    ck_assert_int_eq(it_entropy(negzero, 2, 2, &h, &sum, &bad), IT_OK); /* −0 is a probability of 0 */
    ck_assert(h == 0);
    const double short_[] = {0.5, 0.4};
    ck_assert_int_eq(it_entropy(short_, 2, 2, &h, &sum, &bad), IT_NOT_ONE);
    ck_rel(sum, 0.9);
    ck_assert_int_eq(it_check(short_, 2, &sum, &bad), IT_NOT_ONE);
    const double thirds[] = {1.0 / 3, 1.0 / 3, 1.0 / 3};
    ck_assert_int_eq(it_check(thirds, 3, &sum, &bad), IT_OK);
}
END_TEST

/* W13: p_i = i / Σ k, N = 10^7, H in bits = 22.974844256790757 (scipy.stats.entropy(p, base=2));
 * the threaded chunks, the compensated sums and a bad entry deep in the vector. */
START_TEST(ten_million_terms) {
    size_t n = 10000000;
    double *p = malloc(n * sizeof *p);
    ck_assert_ptr_nonnull(p);
    double s = (double)n * (double)(n + 1) / 2;
    for (size_t i = 0; i < n; i++) p[i] = (double)(i + 1) / s;
    double h, sum;
    size_t bad;
    ck_assert_int_eq(it_entropy(p, n, 2, &h, &sum, &bad), IT_OK);
    ck_rel(h / M_LN2, 22.974844256790757);
    ck_assert(fabs(sum - 1) < 1e-14);
    /* the same bits on one thread and on five: fixed chunks, combined in order */
    double h1, h5;
    ck_assert_int_eq(it_entropy(p, n, 1, &h1, &sum, &bad), IT_OK);
    ck_assert_int_eq(it_entropy(p, n, 5, &h5, &sum, &bad), IT_OK);
    ck_assert(h1 == h && h5 == h);
    p[7654321] = -1e-9;
    ck_assert_int_eq(it_entropy(p, n, 2, &h, &sum, &bad), IT_NEGATIVE);
    ck_assert_uint_eq(bad, 7654321);
    free(p);
}
END_TEST

Suite *info_suite(void) {
    Suite *s = suite_create("info");
    TCase *c = tcase_create("Core");
    tcase_set_timeout(c, 60);
    tcase_add_test(c, entropy_matches_scipy);
    tcase_add_test(c, divergences_match_scipy);
    tcase_add_test(c, joint_tables);
    tcase_add_test(c, labels);
    tcase_add_test(c, losses);
    tcase_add_test(c, bad_distributions);
    tcase_add_test(c, ten_million_terms);
    suite_add_tcase(s, c);
    return s;
}
