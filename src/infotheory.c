/* infotheory.c — the numerics of information theory (see infotheory.h). Results in nats,
 * sums compensated; the entropy of a large vector runs in fixed chunks on a few threads. */
#include "infotheory.h"

#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cpu.h"
#include "kernels.h"

#pragma GCC optimize("O3", "no-trapping-math")

enum { BLOCK = 512, CHUNK = 1 << 16, THREADED_FROM = 1 << 20, MAX_THREADS = 64 };

static const size_t NONE = (size_t)-1;

static double total(double s, double c) { return s + c; }

/* {===================== checking and entropy */

/* The first index in p[0..n) that is NaN, infinite or negative, with its status. */
static ItStatus first_bad(const double *p, size_t n, size_t *bad) {
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(p[i])) { *bad = i; return IT_NOT_FINITE; }
        if (p[i] < 0) { *bad = i; return IT_NEGATIVE; }
    }
    return IT_OK;
}

/* One chunk's share of the fused pass: −Σ p ln p and Σ p, each compensated across blocks. */
typedef struct ChunkResult {
    double h, hc, s, sc;
    ItStatus status;
    size_t bad;
} ChunkResult;

/* The terms x ln x of one block into t (which holds ln x on entry; 0 where x = 0); returns how
 * many entries are negative, infinite or NaN. Branch-free, so GCC vectorises it. Compiled for
 * SSE2, AVX2 and AVX-512F and picked by cpu_simd_width() on use rather than by target_clones,
 * whose load-time resolver runs cpuid at every start (cpu.h). */
#define BLOCK_TERMS(NAME, ATTR)                                                  \
    ATTR static long NAME(const double *x, double *t, size_t m) {                \
        long bad = 0;                                                            \
        for (size_t i = 0; i < m; i++) {                                         \
            double v = x[i], prod = v * t[i];                                    \
            bad += (long)(!(v >= 0) | (v == INFINITY));                          \
            t[i] = v > 0 ? prod : 0.0;                                           \
        }                                                                        \
        return bad;                                                              \
    }
BLOCK_TERMS(block_terms_sse2, )
BLOCK_TERMS(block_terms_avx2, __attribute__((target("avx2"))))
BLOCK_TERMS(block_terms_avx512, __attribute__((target("avx512f"))))
#undef BLOCK_TERMS

static long block_terms(const double *x, double *t, size_t m) {
    int w = cpu_simd_width();
    return w == 8 ? block_terms_avx512(x, t, m) : w == 4 ? block_terms_avx2(x, t, m)
                                                        : block_terms_sse2(x, t, m);
}

static void entropy_chunk(const double *p, size_t n, size_t base, ChunkResult *r) {
    double lg[BLOCK];
    r->h = r->hc = r->s = r->sc = 0;
    r->status = IT_OK;
    for (size_t at = 0; at < n; at += BLOCK) {
        size_t m = n - at < BLOCK ? n - at : BLOCK;
        const double *x = p + at;
        kernel_unary(KU_LOG, lg, x, m);
        if (block_terms(x, lg, m)) {
            r->status = first_bad(x, m, &r->bad);
            r->bad += base + at;
            return;
        }
        neumaier_add(&r->h, &r->hc, -kernel_sum(lg, m));
        neumaier_add(&r->s, &r->sc, kernel_sum(x, m));
    }
}

typedef struct EntropyJob {
    const double *p;
    size_t n, nchunks;
    atomic_size_t next;
    ChunkResult *results;
} EntropyJob;

static void *entropy_worker(void *arg) {
    EntropyJob *job = arg;
    for (;;) {
        size_t c = atomic_fetch_add(&job->next, 1);
        if (c >= job->nchunks) return NULL;
        size_t at = c * CHUNK, m = job->n - at < CHUNK ? job->n - at : CHUNK;
        entropy_chunk(job->p + at, m, at, &job->results[c]);
    }
}

static ItStatus finish(double s, double *sum, ItStatus st) {
    *sum = s;
    if (st != IT_OK) return st;
    return fabs(s - 1) <= IT_SUM_TOLERANCE ? IT_OK : IT_NOT_ONE;
}

ItStatus it_entropy(const double *p, size_t n, int threads, double *h, double *sum, size_t *bad) {
    *bad = NONE;
    if (n < THREADED_FROM) {
        ChunkResult r;
        entropy_chunk(p, n, 0, &r);
        *bad = r.bad;
        *h = total(r.h, r.hc);
        return finish(total(r.s, r.sc), sum, r.status);
    }
    EntropyJob job = {.p = p, .n = n, .nchunks = (n + CHUNK - 1) / CHUNK};
    atomic_init(&job.next, 0);
    job.results = malloc(job.nchunks * sizeof *job.results);
    if (!job.results) return IT_NO_MEMORY;
    pthread_t workers[MAX_THREADS];
    int started = 0, want = threads > MAX_THREADS ? MAX_THREADS : threads;
    for (int t = 1; t < want; t++)
        if (pthread_create(&workers[started], NULL, entropy_worker, &job) == 0) started++;
    entropy_worker(&job);
    for (int t = 0; t < started; t++) pthread_join(workers[t], NULL);
    double hs = 0, hc = 0, ss = 0, sc = 0;
    ItStatus st = IT_OK;
    for (size_t c = 0; c < job.nchunks; c++) {
        const ChunkResult *r = &job.results[c];
        if (r->status != IT_OK) { st = r->status; *bad = r->bad; break; }
        neumaier_add(&hs, &hc, r->h);
        neumaier_add(&hs, &hc, r->hc);
        neumaier_add(&ss, &sc, r->s);
        neumaier_add(&ss, &sc, r->sc);
    }
    free(job.results);
    *h = total(hs, hc);
    return finish(total(ss, sc), sum, st);
}

ItStatus it_check(const double *p, size_t n, double *sum, size_t *bad) {
    *bad = NONE;
    ItStatus st = first_bad(p, n, bad);
    double s = 0, c = 0;
    if (st == IT_OK)
        for (size_t at = 0; at < n; at += BLOCK)
            neumaier_add(&s, &c, kernel_sum(p + at, n - at < BLOCK ? n - at : BLOCK));
    return finish(total(s, c), sum, st);
}

/* }===================== */

/* {===================== divergences */

double it_cross_entropy(const double *p, const double *q, size_t n, size_t *inf_at) {
    double s = 0, c = 0;
    *inf_at = NONE;
    for (size_t i = 0; i < n; i++) {
        if (p[i] == 0) continue;
        if (q[i] == 0) { if (*inf_at == NONE) *inf_at = i; continue; }
        neumaier_add(&s, &c, -p[i] * log(q[i]));
    }
    return *inf_at != NONE ? INFINITY : total(s, c);
}

double it_kl(const double *p, const double *q, size_t n, size_t *inf_at) {
    double s = 0, c = 0;
    *inf_at = NONE;
    for (size_t i = 0; i < n; i++) {
        if (p[i] == 0) continue;
        if (q[i] == 0) { if (*inf_at == NONE) *inf_at = i; continue; }
        neumaier_add(&s, &c, p[i] * log(p[i] / q[i]));
    }
    return *inf_at != NONE ? INFINITY : total(s, c);
}

double it_js(const double *p, const double *q, size_t n) {
    double s = 0, c = 0;
    for (size_t i = 0; i < n; i++) {
        double m = 0.5 * (p[i] + q[i]);
        if (p[i] > 0) neumaier_add(&s, &c, 0.5 * p[i] * log(p[i] / m));
        if (q[i] > 0) neumaier_add(&s, &c, 0.5 * q[i] * log(q[i] / m));
    }
    return total(s, c);
}

/* }===================== */

/* {===================== joint tables and labels */

static double plogp_sum(double s, double c) { return -total(s, c) + 0.0; /* never −0 */ }

void it_joint(const double *J, size_t rows, size_t cols, ItJoint *out) {
    double hs = 0, hc = 0, ms = 0, mc = 0, xs = 0, xc = 0, ys = 0, yc = 0;
    double *py = calloc(cols ? cols : 1, sizeof *py);
    double *pyc = calloc(cols ? cols : 1, sizeof *pyc);
    for (size_t r = 0; r < rows; r++)
        for (size_t c = 0; c < cols; c++) {
            if (py && pyc) neumaier_add(&py[c], &pyc[c], J[r * cols + c]);
        }
    for (size_t c = 0; c < cols && py && pyc; c++) {
        py[c] += pyc[c];
        if (py[c] > 0) neumaier_add(&ys, &yc, py[c] * log(py[c]));
    }
    for (size_t r = 0; r < rows; r++) {
        double px = 0, pxc = 0;
        for (size_t c = 0; c < cols; c++) neumaier_add(&px, &pxc, J[r * cols + c]);
        px += pxc;
        if (px > 0) neumaier_add(&xs, &xc, px * log(px));
        for (size_t c = 0; c < cols; c++) {
            double j = J[r * cols + c];
            if (j <= 0) continue;
            neumaier_add(&hs, &hc, j * log(j));
            if (py && pyc) neumaier_add(&ms, &mc, j * log(j / (px * py[c])));
        }
    }
    out->hx = plogp_sum(xs, xc);
    out->hy = plogp_sum(ys, yc);
    out->hxy = plogp_sum(hs, hc);
    out->mi = py && pyc ? total(ms, mc) : out->hx + out->hy - out->hxy;
    if (out->mi < 0) out->mi = 0; /* rounding of an independent table */
    free(py);
    free(pyc);
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The distinct values of v (sorted, malloc'd into *out) and their count. */
static bool distinct(const double *v, size_t n, double **out, size_t *count) {
    double *s = malloc((n ? n : 1) * sizeof *s);
    if (!s) return false;
    memcpy(s, v, n * sizeof *s);
    qsort(s, n, sizeof *s, cmp_double);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (k == 0 || s[i] != s[k - 1]) s[k++] = s[i];
    *out = s;
    *count = k;
    return true;
}

static size_t find_sorted(const double *s, size_t k, double x) {
    size_t lo = 0, hi = k;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (s[mid] <= x) lo = mid;
        else hi = mid;
    }
    return lo;
}

bool it_contingency(const double *x, const double *y, size_t n, double **table, size_t *rows, size_t *cols) {
    double *ux = NULL, *uy = NULL;
    size_t kx, ky;
    if (!distinct(x, n, &ux, &kx) || !distinct(y, n, &uy, &ky)) { free(ux); return false; }
    double *t = calloc(kx * ky > 0 ? kx * ky : 1, sizeof *t);
    if (!t) { free(ux); free(uy); return false; }
    for (size_t i = 0; i < n; i++) t[find_sorted(ux, kx, x[i]) * ky + find_sorted(uy, ky, y[i])] += 1;
    for (size_t i = 0; i < kx * ky; i++) t[i] /= (double)n;
    free(ux);
    free(uy);
    *table = t;
    *rows = kx;
    *cols = ky;
    return true;
}

/* The entropy of counts c[0..k) summing to n: ln n − (1/n) Σ c ln c. */
static double counts_entropy(const double *counts, size_t k, double n) {
    if (n <= 0) return 0;
    double s = 0, c = 0;
    for (size_t i = 0; i < k; i++)
        if (counts[i] > 0) neumaier_add(&s, &c, counts[i] / n * log(counts[i] / n));
    return plogp_sum(s, c);
}

bool it_label_entropy(const double *y, size_t n, double *h) {
    if (n == 0) { *h = 0; return true; }
    double *s = malloc(n * sizeof *s);
    if (!s) return false;
    memcpy(s, y, n * sizeof *s);
    qsort(s, n, sizeof *s, cmp_double);
    double hs = 0, hc = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && s[j] == s[i]) j++;
        double q = (double)(j - i) / (double)n;
        neumaier_add(&hs, &hc, q * log(q));
        i = j;
    }
    free(s);
    *h = plogp_sum(hs, hc);
    return true;
}

typedef struct Pair { double x; size_t cls; } Pair;

static int cmp_pair(const void *a, const void *b) {
    const Pair *p = a, *q = b;
    return (p->x > q->x) - (p->x < q->x);
}

bool it_best_split(const double *x, const double *y, size_t n, double *threshold, double *gain, bool *found) {
    *found = false;
    double *classes = NULL;
    size_t k;
    if (!distinct(y, n, &classes, &k)) return false;
    Pair *pairs = malloc((n ? n : 1) * sizeof *pairs);
    double *left = calloc(2 * (k ? k : 1), sizeof *left);
    if (!pairs || !left) { free(classes); free(pairs); free(left); return false; }
    double *right = left + k;
    for (size_t i = 0; i < n; i++) {
        pairs[i].x = x[i];
        pairs[i].cls = find_sorted(classes, k, y[i]);
        right[pairs[i].cls] += 1;
    }
    qsort(pairs, n, sizeof *pairs, cmp_pair);
    double parent = counts_entropy(right, k, (double)n);
    for (size_t i = 0; i + 1 < n; i++) {
        left[pairs[i].cls] += 1;
        right[pairs[i].cls] -= 1;
        if (pairs[i].x == pairs[i + 1].x) continue;
        double nl = (double)(i + 1), nr = (double)(n - i - 1);
        double g = parent - (nl / (double)n) * counts_entropy(left, k, nl) -
                   (nr / (double)n) * counts_entropy(right, k, nr);
        if (!*found || g > *gain + 1e-15) {
            *found = true;
            *gain = g < 0 ? 0 : g;
            *threshold = pairs[i].x + (pairs[i + 1].x - pairs[i].x) / 2;
        }
    }
    free(classes);
    free(pairs);
    free(left);
    return true;
}

/* }===================== */

/* {===================== ML losses */

double it_logsumexp(const double *z, size_t n) {
    if (n == 0) return -INFINITY;
    double hi = z[0];
    for (size_t i = 1; i < n; i++) hi = z[i] > hi ? z[i] : hi;
    if (isinf(hi)) return hi;
    double s = 0, c = 0;
    for (size_t i = 0; i < n; i++) neumaier_add(&s, &c, exp(z[i] - hi));
    return hi + log(total(s, c));
}

double it_bce(const double *y, const double *p, size_t n, size_t *inf_at) {
    double s = 0, c = 0;
    *inf_at = NONE;
    for (size_t i = 0; i < n; i++) {
        if (y[i] > 0) {
            if (p[i] == 0) { if (*inf_at == NONE) *inf_at = i; continue; }
            neumaier_add(&s, &c, -y[i] * log(p[i]));
        }
        if (y[i] < 1) {
            if (p[i] == 1) { if (*inf_at == NONE) *inf_at = i; continue; }
            neumaier_add(&s, &c, -(1 - y[i]) * log1p(-p[i]));
        }
    }
    return *inf_at != NONE ? INFINITY : n ? total(s, c) / (double)n : NAN;
}

double it_bce_logits(const double *y, const double *z, size_t n) {
    double s = 0, c = 0;
    for (size_t i = 0; i < n; i++)
        neumaier_add(&s, &c, (z[i] > 0 ? z[i] : 0) - z[i] * y[i] + log1p(exp(-fabs(z[i]))));
    return n ? total(s, c) / (double)n : NAN;
}

/* }===================== */
