/* test_slips.c — the slip diagnoses of a failed check (src/slips.c): each slip on numbers that
 * show it, and near-misses that must not get a hint (a ratio a little off, a tolerance too
 * loose to tell, n not known from an array, a symmetric matrix "transposed", a product that
 * equals its element-wise twin). */
#include <check.h>
#include <math.h>
#include <string.h>

#include "slips.h"

static SlipArray sc(const double *x) { return (SlipArray){x, 1, 1, 0}; }
static SlipArray vec(const double *x, size_t n) { return (SlipArray){x, 1, n, 1}; }
static SlipArray mat(const double *x, size_t r, size_t c) { return (SlipArray){x, r, c, 2}; }

static char buf[512];
static const size_t N8[1] = {8};

/* the hint for scalars got / want (rel 1e-9 as ≈), or NULL */
static const char *hint2(double got, double want, double rel, double abs_tol, const size_t *ns, int nn) {
    return slips_numbers(sc(&got), sc(&want), rel, abs_tol, ns, nn, buf, sizeof buf) ? buf : NULL;
}
static const char *hint(double got, double want) { return hint2(got, want, 1e-9, 1e-12, NULL, 0); }

#define HAS(h, text) do { const char *h_ = (h); ck_assert_msg(h_ && strstr(h_, text), "hint %s lacks '%s'", h_ ? h_ : "(none)", text); } while (0)
#define NONE(h) do { const char *h_ = (h); ck_assert_msg(h_ == NULL, "unexpected hint: %s", h_); } while (0)

START_TEST(scalar_slips) {
    HAS(hint(-3.5, 3.5), "sign");
    HAS(hint(85, 0.85), "percentage where a fraction");
    HAS(hint(0.85, 85), "fraction where a percentage");
    HAS(hint(30, M_PI / 6), "degrees where radians");
    HAS(hint(M_PI / 6, 30), "radians where degrees");
    HAS(hint(1.5 * M_LN2, 1.5), "nats where bits");        /* H([0.5, 0.25, 0.25]) in nats */
    HAS(hint(1.5, 1.5 * M_LN2), "bits where nats");
    HAS(hint(0.25, 4), "reciprocal");
    /* n from an array of length 8 */
    HAS(hint2(40, 5, 1e-9, 1e-12, N8, 1), "a sum where a mean");
    HAS(hint2(5, 40, 1e-9, 1e-12, N8, 1), "a mean where a sum");
    HAS(hint2(4, 32.0 / 7, 1e-9, 1e-12, N8, 1), "population variance");    /* np.var vs var(ddof=1) */
    HAS(hint2(32.0 / 7, 4, 1e-9, 1e-12, N8, 1), "sample variance (÷ (n − 1)) where the population");
    HAS(hint2(2, sqrt(32.0 / 7), 1e-9, 1e-12, N8, 1), "population standard deviation");
    HAS(hint2(sqrt(32.0 / 7), 2, 1e-9, 1e-12, N8, 1), "sample standard deviation");
    HAS(hint2(40, 5, 1e-9, 1e-12, N8, 1), "n = 8");
    /* an exercise's absolute tolerance */
    HAS(hint2(1.0397, 1.5, 0, 1e-3, NULL, 0), "nats where bits");
}
END_TEST

START_TEST(near_misses) {
    NONE(hint(2.0001, 1));                  /* close to 2×, not 2× */
    NONE(hint(-3.5001, 3.5));               /* nearly the negative */
    NONE(hint(0.693, 1));                   /* ln 2 to three digits, checked to 1e-9 */
    NONE(hint(85.2, 0.85));                 /* not 100× */
    NONE(hint(57.3, 1));                    /* 180/π ≈ 57.2958 */
    NONE(hint(0.2501, 4));                  /* nearly the reciprocal */
    NONE(hint(1, 1));                       /* equal: nothing to explain */
    NONE(hint(-1, 1) == NULL ? NULL : (strstr(buf, "reciprocal") ? buf : NULL)); /* −1 is 1/(−1)… but 1/1 = 1 moves nothing */
    NONE(hint(0, 0.0));
    NONE(hint(0, 5));                       /* no slip gives 0 from 5 */
    /* a factor n needs n from the arrays the check reads: plain numbers 2 and 1 are no sum */
    NONE(hint(2, 1));
    NONE(hint(4, 4.0 * 8 / 7));             /* looks like n/(n − 1) with n = 8, but no array says n = 8 */
    /* n known, but the ratio is not n: 40.1 / 5 */
    NONE(hint2(40.1, 5, 1e-9, 1e-12, N8, 1));
    NONE(hint2(4.01, 32.0 / 7, 1e-9, 1e-12, N8, 1));
    /* a tolerance too loose to tell: 1.5 ln 2 = 1.04 is within 0.2 of 1, but so is much else */
    NONE(hint2(1, 1.5, 0, 0.2, NULL, 0));
    NONE(hint2(-0.05, 0.05, 0, 0.2, NULL, 0));  /* both within the tolerance of each other */
    NONE(hint2(3.9, 4, 0, 0.01, N8, 1));
}
END_TEST

START_TEST(array_slips) {
    const double want[3] = {0.2, 0.5, 0.3}, pct[3] = {20, 50, 30}, neg[3] = {-0.2, -0.5, -0.3};
    ck_assert(slips_numbers(vec(pct, 3), vec(want, 3), 1e-9, 1e-12, NULL, 0, buf, sizeof buf));
    HAS(buf, "percentage");
    ck_assert(slips_numbers(vec(neg, 3), vec(want, 3), 1e-9, 1e-12, NULL, 0, buf, sizeof buf));
    HAS(buf, "sign");
    /* one element off: no slip claimed for the whole */
    const double mixed[3] = {20, 50, 0.3};
    ck_assert(!slips_numbers(vec(mixed, 3), vec(want, 3), 1e-9, 1e-12, NULL, 0, buf, sizeof buf));
    /* transposed: 2×3 against 3×2, and a square non-symmetric matrix */
    const double M[6] = {1, 2, 3, 4, 5, 6}, Mt[6] = {1, 4, 2, 5, 3, 6};
    ck_assert(slips_numbers(mat(Mt, 3, 2), mat(M, 2, 3), 1e-9, 1e-12, NULL, 0, buf, sizeof buf));
    HAS(buf, "transposed");
    const double A[4] = {1, 2, 3, 4}, At[4] = {1, 3, 2, 4};
    ck_assert(slips_numbers(mat(At, 2, 2), mat(A, 2, 2), 1e-9, 1e-12, NULL, 0, buf, sizeof buf));
    HAS(buf, "transposed");
    /* near-miss: a symmetric matrix is its own transpose; and a transpose with one entry off */
    const double S[4] = {2, 1, 1, 3}, S2[4] = {2, 1, 1, 3.5};
    ck_assert(!slips_numbers(mat(S2, 2, 2), mat(S, 2, 2), 1e-9, 1e-12, NULL, 0, buf, sizeof buf));
    const double Mt_off[6] = {1, 4, 2, 5, 3, 6.1};
    ck_assert(!slips_numbers(mat(Mt_off, 3, 2), mat(M, 2, 3), 1e-9, 1e-12, NULL, 0, buf, sizeof buf));
}
END_TEST

START_TEST(product_slips) {
    const double A[4] = {1, 2, 3, 4}, B[4] = {0, 1, 1, 0};
    const double ab[4] = {2, 1, 4, 3}, ew[4] = {0, 2, 3, 0};
    ck_assert(slips_product(mat(A, 2, 2), mat(B, 2, 2), mat(ew, 2, 2), mat(ab, 2, 2), true, 1e-9, 1e-12, buf, sizeof buf));
    HAS(buf, "element-wise product A * B: the matrix product");
    ck_assert(slips_product(mat(A, 2, 2), mat(B, 2, 2), mat(ab, 2, 2), mat(ew, 2, 2), false, 1e-9, 1e-12, buf, sizeof buf));
    HAS(buf, "matrix product A @ B: the element-wise");
    /* near-misses: the expected is not the other product; diagonal matrices make both equal */
    const double other[4] = {2, 1, 4, 3.01};
    ck_assert(!slips_product(mat(A, 2, 2), mat(B, 2, 2), mat(ew, 2, 2), mat(other, 2, 2), true, 1e-9, 1e-12, buf, sizeof buf));
    const double D[4] = {2, 0, 0, 3}, E[4] = {4, 0, 0, 5}, de[4] = {8, 0, 0, 15};
    ck_assert(!slips_product(mat(D, 2, 2), mat(E, 2, 2), mat(de, 2, 2), mat(de, 2, 2), true, 1e-9, 1e-12, buf, sizeof buf));
    /* not square: only one of the products exists */
    const double R[6] = {1, 2, 3, 4, 5, 6};
    ck_assert(!slips_product(mat(R, 2, 3), mat(R, 2, 3), mat(R, 2, 3), mat(R, 2, 3), true, 1e-9, 1e-12, buf, sizeof buf));
}
END_TEST

Suite *slips_suite(void) {
    Suite *s = suite_create("slips");
    TCase *tc = tcase_create("slips");
    tcase_add_test(tc, scalar_slips);
    tcase_add_test(tc, near_misses);
    tcase_add_test(tc, array_slips);
    tcase_add_test(tc, product_slips);
    suite_add_tcase(s, tc);
    return s;
}
