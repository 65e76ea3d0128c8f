/* infotheory.h — the numerics of information theory over plain arrays of doubles: checking
 * a distribution, entropy, cross-entropy, KL and Jensen–Shannon divergence, mutual
 * information of a joint table, entropies of label vectors and the best threshold split of
 * one feature, and the ML losses (binary and categorical cross-entropy from probabilities
 * and from logits).
 *
 * Every result is in nats (natural logarithms); callers divide by ln(base) for bits. The
 * convention 0·log 0 = 0 holds throughout. Every sum is compensated (pairwise inside blocks,
 * Neumaier across them), so 10^7 terms keep their digits. Nothing here knows about the
 * interpreter: errors come back as a status with the index of the offending entry. Functions
 * that allocate say so and free what they allocate. */
#ifndef MLM_INFOTHEORY_H
#define MLM_INFOTHEORY_H

#include <stdbool.h>
#include <stddef.h>

/* How far from 1 a distribution's sum may be (absolute). */
#define IT_SUM_TOLERANCE 1e-9

typedef enum ItStatus {
    IT_OK = 0,
    IT_NOT_FINITE,  /* an entry is NaN or infinite (at *bad) */
    IT_NEGATIVE,    /* an entry is negative (at *bad) */
    IT_NOT_ONE,     /* the entries are fine but their sum (in *sum) is not 1 */
    IT_NO_MEMORY,
} ItStatus;

/* Checks that p[0..n) is a probability distribution: finite, non-negative, summing to 1
 * within IT_SUM_TOLERANCE. *sum gets the (compensated) sum, *bad the first bad index. */
ItStatus it_check(const double *p, size_t n, double *sum, size_t *bad);

/* −Σ p ln p after checking p as it_check does, in one pass over memory; large inputs are
 * shared among up to `threads` threads (interp_threads: MLM_THREADS) in fixed chunks combined
 * in order, so the result does not depend on the number of threads. *h is set when the
 * status is IT_OK. */
ItStatus it_entropy(const double *p, size_t n, int threads, double *h, double *sum, size_t *bad);

/* −Σ p ln q (terms with p = 0 count 0). Infinite when q = 0 where p > 0: *inf_at is the
 * first such index, else (size_t)-1. The inputs are assumed checked. */
double it_cross_entropy(const double *p, const double *q, size_t n, size_t *inf_at);
/* Σ p ln(p / q), as scipy.special.rel_entr summed; *inf_at as above. */
double it_kl(const double *p, const double *q, size_t n, size_t *inf_at);
/* ½ KL(p ‖ m) + ½ KL(q ‖ m), m = (p + q)/2: the divergence (SciPy's jensenshannon is its
 * square root). Never infinite. */
double it_js(const double *p, const double *q, size_t n);

/* A joint table J (rows × cols, row-major, checked) of X (rows) and Y (columns): the
 * marginal entropies, the joint entropy and the mutual information Σ J ln(J / (p_x p_y)). */
typedef struct ItJoint {
    double hx, hy, hxy, mi;
} ItJoint;
void it_joint(const double *J, size_t rows, size_t cols, ItJoint *out);

/* The joint table of two label vectors of length n (labels any numbers; NaN is refused by
 * the caller): *table gets a malloc'd rows × cols array of frequencies (the caller frees
 * it), rows for the distinct x in ascending order, columns for y. False: out of memory. */
bool it_contingency(const double *x, const double *y, size_t n, double **table, size_t *rows, size_t *cols);

/* The entropy (nats) of the empirical distribution of the labels y[0..n); false: out of
 * memory. n = 0 gives 0. */
bool it_label_entropy(const double *y, size_t n, double *h);

/* The best split x > t of one feature x[0..n) for labels y: the threshold t (the midpoint of
 * two neighbouring distinct values) with the largest information gain (nats), lowest t on
 * ties. *found is false when x has a single distinct value. Allocates scratch (freed);
 * false: out of memory. */
bool it_best_split(const double *x, const double *y, size_t n, double *threshold, double *gain, bool *found);

/* ln Σ exp(z_i), stable (the maximum taken out first). −inf for n = 0. */
double it_logsumexp(const double *z, size_t n);

/* Binary cross-entropy: the mean over i of −(y ln p + (1 − y) ln(1 − p)), terms whose weight
 * is 0 counting 0. Infinite when p is exactly 0 where y > 0 or exactly 1 where y < 1:
 * *inf_at is the first such i, else (size_t)-1. */
double it_bce(const double *y, const double *p, size_t n, size_t *inf_at);
/* The same from logits z (p = σ(z)), stable: mean of max(z, 0) − z y + ln(1 + e^−|z|). */
double it_bce_logits(const double *y, const double *z, size_t n);

#endif
