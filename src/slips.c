/* slips.c — the usual slips a failed check's numbers show (slips.h). Pure arithmetic on the
 * two results; slips_explain only reads the check's expressions (array lengths, a product of
 * two named matrices) and never evaluates anything. Nothing here allocates a Value. */
#include "slips.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_HITS = 2, MAX_NS = 8 };

typedef struct Hits {
    char text[MAX_HITS][200];
    int n;
} Hits;

static void hit(Hits *h, const char *fmt, long n) {
    if (h->n >= MAX_HITS) return;
    snprintf(h->text[h->n++], sizeof h->text[0], fmt, n);
}

static void hit_text(Hits *h, const char *text) {
    if (h->n >= MAX_HITS) return;
    snprintf(h->text[h->n++], sizeof h->text[0], "%s", text);
}

static double tol_of(double x, double y, double rel, double abs_tol) {
    double scale = fmax(fabs(x), fabs(y));
    return fmax(abs_tol, rel * scale);
}

static bool close_to(double x, double y, double rel, double abs_tol) {
    if (isnan(x) || isnan(y)) return false;
    if (x == y) return true;
    return fabs(x - y) <= tol_of(x, y, rel, abs_tol);
}

static size_t count(SlipArray a) { return a.ndim == 0 ? 1 : a.rows * a.cols; }

static bool same_shape(SlipArray a, SlipArray b) {
    if (a.ndim == 0 || b.ndim == 0) return a.ndim == b.ndim;
    return a.rows == b.rows && a.cols == b.cols;
}

typedef double (*Slip)(double want, double k);

static double s_neg(double w, double k) { (void)k; return -w; }
static double s_recip(double w, double k) { (void)k; return 1 / w; }
static double s_times(double w, double k) { return w * k; }

/* got ≈ f(want, k) at every element, and f moves want by more than ten tolerances somewhere
 * (else the slip would not show in these numbers). */
static bool fits(SlipArray got, SlipArray want, Slip f, double k, double rel, double abs_tol) {
    size_t n = count(want);
    bool moved = false;
    for (size_t i = 0; i < n; i++) {
        double w = want.data[i], s = f(w, k);
        if (!isfinite(s) || !close_to(got.data[i], s, rel, abs_tol)) return false;
        /* the slip must move the answer by ten tolerances: a looser check cannot tell it */
        if (fabs(s - w) > 10 * tol_of(s, w, rel, abs_tol)) moved = true;
    }
    return moved;
}

/* the factor got/want at the first element where want is not 0, or NAN */
static double ratio(SlipArray got, SlipArray want) {
    size_t n = count(want);
    for (size_t i = 0; i < n; i++)
        if (want.data[i] != 0 && isfinite(want.data[i])) return got.data[i] / want.data[i];
    return NAN;
}

/* n candidates: the given lengths, else the whole n ≥ min that the ratio r makes exact */
static int candidates(const size_t *ns, int nn, double derived, long min, long out[MAX_NS]) {
    int k = 0;
    if (nn > 0) {
        for (int i = 0; i < nn && k < MAX_NS; i++) {
            bool seen = false;
            for (int j = 0; j < k; j++) seen |= out[j] == (long)ns[i];
            if (!seen && ns[i] >= 2) out[k++] = (long)ns[i];
        }
        return k;
    }
    if (isfinite(derived) && derived >= (double)min - 0.5 && derived <= 1e4) out[k++] = lround(derived);
    return k;
}

/* With n read from the ratio alone (no array length to confirm it), n must be the only whole
 * number that fits: when n − 1 or n + 1 fits too, the tolerance is too loose to tell. */
static bool fits_n(SlipArray got, SlipArray want, double (*factor)(double n), long n, bool derived,
                   double rel, double abs_tol) {
    if (!fits(got, want, s_times, factor((double)n), rel, abs_tol)) return false;
    if (!derived) return true;
    return !fits(got, want, s_times, factor((double)(n + 1)), rel, abs_tol) &&
           (n - 1 < 2 || !fits(got, want, s_times, factor((double)(n - 1)), rel, abs_tol));
}

static double f_n(double n) { return n; }
static double f_inv_n(double n) { return 1 / n; }
static double f_pop(double n) { return (n - 1) / n; }
static double f_samp(double n) { return n / (n - 1); }
static double f_pop_sd(double n) { return sqrt((n - 1) / n); }
static double f_samp_sd(double n) { return sqrt(n / (n - 1)); }

static void n_slips(SlipArray got, SlipArray want, double rel, double abs_tol, const size_t *ns, int nn,
                    Hits *h) {
    double r = ratio(got, want);
    /* n comes from the lengths of the arrays the check reads: a ratio of 2 or 3 between two
     * plain numbers is no evidence of a sum or a variance */
    if (nn == 0 || !isfinite(r) || r <= 0) return;
    long cand[MAX_NS];
    int k;
    /* a sum where a mean was expected (got = n · want), and the other way */
    k = candidates(ns, nn, r >= 1 ? r : 1 / r, 2, cand);
    bool derived = nn == 0;
    for (int i = 0; i < k; i++) {
        if (fits_n(got, want, f_n, cand[i], derived, rel, abs_tol))
            hit(h, "got is n × expected (n = %ld): a sum where a mean was expected?", cand[i]);
        else if (fits_n(got, want, f_inv_n, cand[i], derived, rel, abs_tol))
            hit(h, "got is expected / n (n = %ld): a mean where a sum was expected?", cand[i]);
    }
    /* population (÷ n) where sample (÷ (n − 1)) was expected: got = want (n − 1)/n; the
     * standard deviations by the square root of that; and the other way */
    double rr = r < 1 ? r : 1 / r;
    long min = nn > 0 ? 2 : 3; /* n = 2 read from the ratio alone is a factor 2: too common to claim */
    k = candidates(ns, nn, 1 / (1 - rr), min, cand);
    long k2c[MAX_NS];
    int k2 = candidates(ns, nn, 1 / (1 - rr * rr), min, k2c);
    for (int i = 0; i < k; i++) {
        if (fits_n(got, want, f_pop, cand[i], derived, rel, abs_tol))
            hit(h, "got is expected × (n − 1)/n (n = %ld): the population variance (÷ n) where the sample variance (÷ (n − 1)) was expected?", cand[i]);
        else if (fits_n(got, want, f_samp, cand[i], derived, rel, abs_tol))
            hit(h, "got is expected × n/(n − 1) (n = %ld): the sample variance (÷ (n − 1)) where the population variance (÷ n) was expected?", cand[i]);
    }
    for (int i = 0; i < k2; i++) {
        if (fits_n(got, want, f_pop_sd, k2c[i], derived, rel, abs_tol))
            hit(h, "got is expected × √((n − 1)/n) (n = %ld): the population standard deviation (÷ n) where the sample one (÷ (n − 1)) was expected?", k2c[i]);
        else if (fits_n(got, want, f_samp_sd, k2c[i], derived, rel, abs_tol))
            hit(h, "got is expected × √(n/(n − 1)) (n = %ld): the sample standard deviation where the population one (÷ n) was expected?", k2c[i]);
    }
}

bool slips_numbers(SlipArray got, SlipArray want, double rel, double abs_tol,
                   const size_t *ns, int nn, char *buf, size_t size) {
    Hits h = {.n = 0};
    double rel_eff = fmax(rel, 1e-12);
    if (same_shape(got, want) && count(want) > 0) {
        struct { Slip f; double k; const char *text; } table[] = {
            {s_neg, 0, "got is −expected: the sign is flipped?"},
            {s_times, 100, "got is 100 × expected: a percentage where a fraction was expected?"},
            {s_times, 0.01, "got is expected / 100: a fraction where a percentage was expected?"},
            {s_times, 180 / M_PI, "got is expected × 180/π: degrees where radians were expected?"},
            {s_times, M_PI / 180, "got is expected × π/180: radians where degrees were expected?"},
            {s_times, M_LN2, "got is expected × ln 2: nats where bits were expected (bits = nats / ln 2)?"},
            {s_times, 1 / M_LN2, "got is expected / ln 2: bits where nats were expected (nats = bits × ln 2)?"},
            {s_recip, 0, "got is 1 / expected: the reciprocal?"},
        };
        for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
            if (fits(got, want, table[i].f, table[i].k, rel_eff, abs_tol)) hit_text(&h, table[i].text);
        /* n read from the ratio alone only when nothing above explains it (100 is a percent) */
        if (h.n == 0 || nn > 0) n_slips(got, want, rel_eff, abs_tol, ns, nn, &h);
    }
    /* a transposed matrix */
    if (want.ndim == 2 && got.ndim == 2 && got.rows == want.cols && got.cols == want.rows &&
        count(want) > 1) {
        bool all = true, moved = want.rows != want.cols;
        for (size_t i = 0; all && i < want.rows; i++)
            for (size_t j = 0; all && j < want.cols; j++) {
                double w = want.data[i * want.cols + j];
                all = close_to(got.data[j * got.cols + i], w, rel_eff, abs_tol);
                if (want.rows == want.cols && !close_to(want.data[j * want.cols + i], w, rel_eff, abs_tol)) moved = true;
            }
        if (all && moved) hit_text(&h, "got is expectedᵀ: the matrix is transposed?");
    }
    if (h.n == 0) return false;
    if (h.n == 1) snprintf(buf, size, "%s", h.text[0]);
    else snprintf(buf, size, "%s Or %s", h.text[0], h.text[1]);
    return true;
}

bool slips_product(SlipArray A, SlipArray B, SlipArray got, SlipArray want, bool elementwise_got,
                   double rel, double abs_tol, char *buf, size_t size) {
    if (A.ndim != 2 || B.ndim != 2) return false;
    bool square_same = A.rows == B.rows && A.cols == B.cols && A.cols == B.rows;
    if (!square_same) return false; /* both products exist only for square matrices of one size */
    size_t n = A.rows;
    SlipArray other = elementwise_got ? want : got; /* the one that should be the matrix product */
    SlipArray ew = elementwise_got ? got : want;
    if (other.ndim != 2 || ew.ndim != 2 || other.rows != n || other.cols != n || ew.rows != n || ew.cols != n) return false;
    double rel_eff = fmax(rel, 1e-12);
    bool moved = false;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++) {
            double mm = 0;
            for (size_t k = 0; k < n; k++) mm += A.data[i * n + k] * B.data[k * n + j];
            double e = A.data[i * n + j] * B.data[i * n + j];
            if (!close_to(other.data[i * n + j], mm, rel_eff, abs_tol)) return false;
            if (!close_to(ew.data[i * n + j], e, rel_eff, abs_tol)) return false;
            if (!close_to(mm, e, rel_eff, abs_tol)) moved = true;
        }
    if (!moved) return false;
    snprintf(buf, size, "%s", elementwise_got
             ? "got is the element-wise product A * B: the matrix product A @ B was expected?"
             : "got is the matrix product A @ B: the element-wise product A * B (A .* B) was expected?");
    return true;
}

/* {===================== reading the check */

/* A view of v's numbers; *owned is a copy to free when v is a lazy sequence. */
static bool view(Value v, SlipArray *out, double **owned, double *scalar) {
    *owned = NULL;
    if (v.kind == VAL_NUM) {
        *scalar = v.as.num;
        *out = (SlipArray){scalar, 1, 1, 0};
        return true;
    }
    if (v.kind != VAL_ARR) return false;
    const Array *a = v.as.arr;
    if (a->len > 1000000) return false; /* a hint is not worth a pass over huge data */
    const double *data = a->data;
    if (!data && a->len > 0) {
        *owned = malloc(a->len * sizeof **owned);
        if (!*owned) return false;
        for (size_t i = 0; i < a->len; i++) (*owned)[i] = array_at(a, i);
        data = *owned;
    }
    *out = (SlipArray){data, a->rows, a->cols, a->ndim};
    return true;
}

static const Value *global_of(Interp *in, const Node *n) {
    if (!n || n->kind != N_GLOBAL || n->slot < 0 || n->slot >= in->nglobals) return NULL;
    return &in->globals[n->slot].value;
}

/* the lengths of the named vectors (and row counts of matrices) the expression reads */
static void lengths(Interp *in, const Node *n, size_t *ns, int *nn, int depth) {
    if (!n || depth > 64 || *nn >= MAX_NS) return;
    const Value *v = global_of(in, n);
    if (v && v->kind == VAL_ARR) {
        const Array *a = v->as.arr;
        size_t len = a->ndim == 1 ? a->len : a->rows;
        bool seen = false;
        for (int i = 0; i < *nn; i++) seen |= ns[i] == len;
        if (!seen && len >= 2) ns[(*nn)++] = len;
        return;
    }
    lengths(in, n->a, ns, nn, depth + 1);
    lengths(in, n->b, ns, nn, depth + 1);
    lengths(in, n->c, ns, nn, depth + 1);
    for (int i = 0; i < n->nlist; i++) lengths(in, n->list[i], ns, nn, depth + 1);
}

bool slips_explain(Interp *in, const Node *got_expr, const Node *want_expr, Value got, Value want,
                   double rel, double abs_tol, char *buf, size_t size) {
    SlipArray g, w;
    double *og = NULL, *ow = NULL, sg, sw;
    bool found = false;
    if (!view(got, &g, &og, &sg) || !view(want, &w, &ow, &sw)) goto done;
    /* the product slip: got written as a product of two named matrices */
    if (got_expr && got_expr->kind == N_BINARY && (got_expr->op == OP_MUL || got_expr->op == OP_MATMUL)) {
        const Value *va = global_of(in, got_expr->a), *vb = global_of(in, got_expr->b);
        if (va && vb && va->kind == VAL_ARR && vb->kind == VAL_ARR) {
            SlipArray A, B;
            double *oa = NULL, *ob = NULL, s1, s2;
            if (view(*va, &A, &oa, &s1) && view(*vb, &B, &ob, &s2))
                found = slips_product(A, B, g, w, got_expr->op == OP_MUL, rel, abs_tol, buf, size);
            free(oa);
            free(ob);
        }
    }
    if (!found) {
        size_t ns[MAX_NS];
        int nn = 0;
        lengths(in, got_expr, ns, &nn, 0);
        lengths(in, want_expr, ns, &nn, 0);
        found = slips_numbers(g, w, rel, abs_tol, ns, nn, buf, size);
    }
done:
    free(og);
    free(ow);
    return found;
}

/* }===================== */
