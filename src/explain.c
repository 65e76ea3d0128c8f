/* explain.c — `explain expr`: the expression read in words (the AST printer's AST_WORDS
 * style), the quantity it computes named when it is one a learner meets in machine
 * learning (a table of patterns over the syntax tree), and, with its variables bound, the
 * shapes where arrays meet: (3×3) @ (3×2) → 3×2, then b (length 2) added to every row.
 *
 * The patterns look at the tree as parsed (names unresolved), so they see what was written:
 * Σ_{i=1}^{n} (y[i] − ŷ[i])², Σ (y_i − ŷ_i)², sum((y − ŷ)^2) and ‖y − ŷ‖² are all the sum
 * of squared errors. Each pattern is a function that returns true and writes one sentence;
 * the first that matches is used. Nothing here allocates beyond stack buffers. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "astprint.h"
#include "ops.h"
#include "notation.h"
#include "subscript.h"

/* {===================== small matchers */

static bool num_is(const Node *n, double v) { return n && n->kind == N_NUM && n->num == v; }

static const char *name_of(const Node *n) {
    if (n && (n->kind == N_NAME || n->kind == N_GLOBAL || n->kind == N_LOCAL)) return n->name;
    return NULL;
}

static bool is_name(const Node *n, const char *name) {
    const char *s = name_of(n);
    return s && strcmp(s, name) == 0;
}

static bool is_binary(const Node *n, int op, const Node **a, const Node **b) {
    if (!n || n->kind != N_BINARY || n->op != op) return false;
    if (a) *a = n->a;
    if (b) *b = n->b;
    return true;
}

/* a * b written with *, ×, · between numbers, or juxtaposed (2x) */
static bool is_product(const Node *n, const Node **a, const Node **b) {
    if (n && n->kind == N_BINARY && n->op == OP_MATMUL && n->flag) { /* λ‖w‖², p_i log(p_i) */
        if (a) *a = n->a;
        if (b) *b = n->b;
        return true;
    }
    return is_binary(n, OP_MUL, a, b) || is_binary(n, OP_TIMES, a, b);
}

static bool is_call(const Node *n, const char *name, int nargs) {
    return n && n->kind == N_CALL && is_name(n->a, name) && n->nlist == nargs;
}

static bool is_square(const Node *n, const Node **base) {
    if (n && n->kind == N_POWSUP && n->num == 2) { *base = n->a; return true; }
    const Node *e;
    if (is_binary(n, OP_POW, base, &e) && num_is(e, 2)) return true;
    return false;
}

/* Σ_{i=…} body (idx = i) or sum(x) (idx = NULL, body = x). */
static bool is_sum(const Node *n, const Node **body, const char **idx) {
    if (n && n->kind == N_SUM && n->op == OP_SUM) {
        *body = n->c;
        if (idx) *idx = n->name;
        return true;
    }
    if (is_call(n, "sum", 1)) {
        *body = n->list[0];
        if (idx) *idx = NULL;
        return true;
    }
    return false;
}

/* The body of a mean: mean(x), (1/n) Σ x, Σ x / n, sum(x) / length(x). */
static bool is_mean(const Node *n, const Node **body) {
    if (is_call(n, "mean", 1)) { *body = n->list[0]; return true; }
    const Node *a, *b, *one, *den;
    if (is_product(n, &a, &b) && is_binary(a, OP_DIV, &one, &den) && num_is(one, 1) && is_sum(b, body, NULL))
        return true;
    if (is_binary(n, OP_DIV, &a, &b) && is_sum(a, body, NULL) &&
        (name_of(b) || is_call(b, "length", 1) || is_call(b, "numel", 1)))
        return true;
    return false;
}

static bool is_abs_diff(const Node *n, const Node **a, const Node **b) {
    return n && n->kind == N_ABS && is_binary(n->a, OP_SUB, a, b);
}

static bool is_log(const Node *n, const Node **arg) {
    if (is_call(n, "log", 1) || is_call(n, "ln", 1) || is_call(n, "log2", 1)) { *arg = n->list[0]; return true; }
    return false;
}

static bool is_exp(const Node *n, const Node **arg) {
    if (is_call(n, "exp", 1)) { *arg = n->list[0]; return true; }
    const Node *b;
    if (is_binary(n, OP_POW, NULL, &b) && is_name(n->a, "e")) { *arg = b; return true; }
    return false;
}

static bool is_norm2(const Node *n, const Node **x) {
    if (n && n->kind == N_NORM && n->op == NORM_2) { *x = n->a; return true; }
    if (is_call(n, "norm", 1)) { *x = n->list[0]; return true; }
    return false;
}

static bool is_transpose(const Node *n, const Node **x) {
    if (n && n->kind == N_TRANSPOSE) { *x = n->a; return true; }
    if (is_call(n, "transpose", 1)) { *x = n->list[0]; return true; }
    return false;
}

/* a · b, dot(a, b), aᵀ b, aᵀ @ b */
static bool is_dot(const Node *n, const Node **a, const Node **b) {
    if (is_binary(n, OP_DOT, a, b)) return true;
    if (is_call(n, "dot", 2)) { *a = n->list[0]; *b = n->list[1]; return true; }
    const Node *l, *r;
    if ((is_binary(n, OP_MATMUL, &l, &r) || is_product(n, &l, &r)) && is_transpose(l, a) && !is_transpose(r, b)) {
        *b = r;
        return true;
    }
    return false;
}

/* The text of an operand for a sentence: y[i] and y_i (i the sum's index) are "y". */
static const char *operand(const Node *n, const char *idx, char *buf, size_t size) {
    if (idx && n->kind == N_INDEX && n->nlist == 1 && name_of(n->a) && is_name(n->list[0], idx)) {
        snprintf(buf, size, "%s", name_of(n->a));
        return buf;
    }
    const char *s = name_of(n);
    size_t base_len;
    char index[64];
    if (s && idx && subscript_split(s, &base_len, index, sizeof index) && strcmp(index, idx) == 0) {
        snprintf(buf, size, "%.*s", (int)base_len, s);
        return buf;
    }
    return ast_print_text(n, AST_MLM, buf, size);
}

static bool same(const Node *a, const Node *b, const char *idx) {
    char x[256], y[256];
    return strcmp(operand(a, idx, x, sizeof x), operand(b, idx, y, sizeof y)) == 0;
}

/* A mean written as a name: x̄, μ, or mean(x). */
static bool is_mean_of(const Node *m, const Node *x, const char *idx) {
    const Node *body;
    if (is_call(m, "mean", 1)) return same(m->list[0], x, idx);
    if (is_mean(m, &body)) return same(body, x, idx);
    const char *s = name_of(m);
    return s && (strcmp(s, "μ") == 0 || strcmp(s, "x̄") == 0 || strcmp(s, "mu") == 0);
}

static bool is_rate(const Node *n) {
    static const char *const rates[] = {"η", "α", "lr", "learning_rate", "eta", "alpha", "step", NULL};
    for (int i = 0; rates[i]; i++)
        if (is_name(n, rates[i])) return true;
    return false;
}

/* }===================== */

/* {===================== the patterns */

typedef struct Say {
    char *buf;
    size_t size;
} Say;

static bool say(Say *s, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->buf, s->size, fmt, ap);
    va_end(ap);
    return true;
}

/* The library and builtin functions that are named quantities. */
static bool named_call(const Node *n, Say *s) {
    static const struct { const char *name; int nargs; const char *fmt; } calls[] = {
        {"sse", 2, "the sum of squared errors (SSE) of %2$s against %1$s: Σ (%1$s − %2$s)²"},
        {"mse", 2, "the mean squared error (MSE) of %2$s against %1$s: the mean of (%1$s − %2$s)²"},
        {"rmse", 2, "the root mean squared error (RMSE) of %2$s against %1$s: √MSE, in the units of %1$s"},
        {"mae", 2, "the mean absolute error (MAE) of %2$s against %1$s: the mean of |%1$s − %2$s|"},
        {"sigmoid", 1, "the sigmoid (logistic) function of %1$s: 1 / (1 + e^(−%1$s)), squashing it into (0, 1)"},
        {"softmax", 1, "the softmax of %1$s: e^(%1$sᵢ) / Σⱼ e^(%1$sⱼ), scores turned into probabilities that sum to 1"},
        {"relu", 1, "the ReLU (rectified linear unit) of %1$s: max(0, %1$s)"},
        {"cosine_similarity", 2, "the cosine similarity of %1$s and %2$s: the cosine of the angle between them"},
        {"dist", 2, "the Euclidean distance between %1$s and %2$s: ‖%1$s − %2$s‖"},
        {"dot", 2, "the dot product of %1$s and %2$s: Σ %1$sᵢ %2$sᵢ"},
        {"norm", 1, "the L2 (Euclidean) norm of %1$s: its length √(Σ %1$sᵢ²)"},
        {"mean", 1, "the mean (average) of %1$s"},
        {"var", 1, "the variance of %1$s: the mean squared distance from its mean"},
        {"std", 1, "the standard deviation of %1$s: √variance, the typical distance from its mean"},
        {"cov", 1, "the covariance matrix of the columns of %1$s"},
        {"det", 1, "the determinant of %1$s: how much the matrix scales volume"},
        {"inv", 1, "the inverse of %1$s: the matrix that undoes it"},
        {"sqrt", 1, "the square root of %1$s"},
        {"exp", 1, "the exponential e^(%1$s)"},
        {"log", 1, "the natural logarithm of %1$s"},
        {"log2", 1, "the base-2 logarithm of %1$s (in bits)"},
        {"entropy", 1, "the entropy of %1$s: −Σ p log p, the expected surprise (in bits)"},
        {"H", 1, "the entropy of %1$s: −Σ p log p, the expected surprise (in bits)"},
        {"cross_entropy", 2, "the cross-entropy of %2$s relative to %1$s: −Σ p log q"},
        {"kl", 2, "the Kullback–Leibler divergence KL(%1$s ‖ %2$s): Σ p log(p / q)"},
        {"D_KL", 2, "the Kullback–Leibler divergence KL(%1$s ‖ %2$s): Σ p log(p / q)"},
        {"binary_cross_entropy", 2, "the binary cross-entropy (log loss) of the predicted probabilities %2$s for the labels %1$s"},
        {"log_loss", 2, "the log loss (binary cross-entropy) of the predicted probabilities %2$s for the labels %1$s"},
        {"mutual_information", 2, "the mutual information of %1$s and %2$s: how much knowing one tells about the other"},
        {"median", 1, "the median of %1$s: the middle value"},
        {"zscore", 1, "the z-scores of %1$s: each value's distance from the mean in standard deviations"},
        {"corr", 2, "the correlation of %1$s and %2$s: from −1 to 1"},
        {"accuracy", 2, "the accuracy of the predictions %2$s against %1$s: the share that are right"},
        {"trace", 1, "the trace of %1$s: the sum of its diagonal"},
        {"pinv", 1, "the pseudo-inverse of %1$s (Moore–Penrose)"},
        {"solve", 2, "the solution x of %1$s x = %2$s"},
        {"lstsq", 2, "the least-squares solution w minimising ‖%1$s w − %2$s‖²"},
        {"eig", 1, "the eigenvalues and eigenvectors of %1$s"},
        {"svd", 1, "the singular value decomposition of %1$s: U Σ Vᵀ"},
        {"pca", 2, "the principal components of %1$s: the directions of greatest variance"},
    };
    if (!n || n->kind != N_CALL || !name_of(n->a)) return false;
    for (size_t i = 0; i < sizeof calls / sizeof calls[0]; i++) {
        if (strcmp(calls[i].name, name_of(n->a)) != 0 || calls[i].nargs != n->nlist) continue;
        char a[128], b[128] = "";
        ast_print_text(n->list[0], AST_MLM, a, sizeof a);
        if (n->nlist > 1) ast_print_text(n->list[1], AST_MLM, b, sizeof b);
        return say(s, calls[i].fmt, a, b);
    }
    return false;
}

static bool mean_of_body(const Node *body, const char *idx, Say *s);

/* Σ of something, per its body (idx: the sum's index or NULL for sum(x)). */
static bool sum_of(const Node *body, const char *idx, Say *s) {
    const Node *d, *a, *b, *x, *arg;
    char A[128], B[128];
    /* Σ_{i} x[i] / n: the body is the multiplicative term, so the division is inside */
    if (idx && is_binary(body, OP_DIV, &a, &b) && (name_of(b) || is_call(b, "length", 1)))
        return mean_of_body(a, idx, s);
    if (is_square(body, &d) && is_binary(d, OP_SUB, &a, &b)) {
        if (is_mean_of(b, a, idx))
            return say(s, "the sum of squared deviations of %s from its mean: n times its variance",
                       operand(a, idx, A, sizeof A));
        return say(s, "the sum of squared errors (SSE) between %s and %s", operand(a, idx, A, sizeof A),
                   operand(b, idx, B, sizeof B));
    }
    if (is_square(body, &x))
        return say(s, "the sum of squares of %s: its squared L2 norm ‖%s‖²", operand(x, idx, A, sizeof A), A);
    if (is_abs_diff(body, &a, &b))
        return say(s, "the sum of absolute errors between %s and %s", operand(a, idx, A, sizeof A),
                   operand(b, idx, B, sizeof B));
    if (is_product(body, &a, &b) && is_log(b, &arg)) {
        const Node *p, *q;
        if (is_binary(arg, OP_DIV, &p, &q) && same(p, a, idx))
            return say(s, "the Kullback–Leibler divergence KL(%s ‖ %s): how far the distribution %s is from %s",
                       operand(a, idx, A, sizeof A), operand(q, idx, B, sizeof B), A, B);
        if (same(a, arg, idx))
            return say(s, "minus the entropy of %s (Σ p log p; the entropy is −Σ p log p)", operand(a, idx, A, sizeof A));
        return say(s, "minus the cross-entropy of %s relative to %s (the cross-entropy is −Σ p log q)",
                   operand(arg, idx, B, sizeof B), operand(a, idx, A, sizeof A));
    }
    if (is_product(body, &a, &b) && idx && !num_is(a, 0) && a->kind != N_NUM)
        return say(s, "the dot product of %s and %s: Σ %sᵢ %sᵢ", operand(a, idx, A, sizeof A),
                   operand(b, idx, B, sizeof B), A, B);
    if (is_exp(body, &x))
        return say(s, "the sum of exponentials of %s: the denominator of softmax", operand(x, idx, A, sizeof A));
    return false;
}

static bool mean_of(const Node *body, Say *s) {
    const Node *d, *a, *b;
    char A[128], B[128];
    const char *idx = NULL;
    if (is_square(body, &d) && is_binary(d, OP_SUB, &a, &b)) {
        if (is_mean_of(b, a, idx))
            return say(s, "the variance of %s: the mean squared distance from its mean", operand(a, idx, A, sizeof A));
        return say(s, "the mean squared error (MSE) between %s and %s", operand(a, idx, A, sizeof A),
                   operand(b, idx, B, sizeof B));
    }
    if (is_abs_diff(body, &a, &b))
        return say(s, "the mean absolute error (MAE) between %s and %s", operand(a, idx, A, sizeof A),
                   operand(b, idx, B, sizeof B));
    return say(s, "the mean (average) of %s", operand(body, idx, A, sizeof A));
}

/* The same, for the body of a Σ inside a mean: (1/n) Σ_{i} (y_i − ŷ_i)² is the MSE. */
static bool mean_of_sum(const Node *n, Say *s) {
    const Node *a, *b, *one, *den, *body;
    const char *idx = NULL;
    bool found = false;
    if (is_product(n, &a, &b) && is_binary(a, OP_DIV, &one, &den) && num_is(one, 1) && is_sum(b, &body, &idx))
        found = true;
    else if (is_binary(n, OP_DIV, &a, &b) && is_sum(a, &body, &idx) && (name_of(b) || is_call(b, "length", 1)))
        found = true;
    if (!found || !idx) return false;
    return mean_of_body(body, idx, s);
}

/* The mean of body over the index idx. */
static bool mean_of_body(const Node *body, const char *idx, Say *s) {
    const Node *d, *p, *q;
    char A[128], B[128];
    if (is_square(body, &d) && is_binary(d, OP_SUB, &p, &q)) {
        if (is_mean_of(q, p, idx))
            return say(s, "the variance of %s: the mean squared distance from its mean", operand(p, idx, A, sizeof A));
        return say(s, "the mean squared error (MSE) between %s and %s", operand(p, idx, A, sizeof A),
                   operand(q, idx, B, sizeof B));
    }
    if (is_abs_diff(body, &p, &q))
        return say(s, "the mean absolute error (MAE) between %s and %s", operand(p, idx, A, sizeof A),
                   operand(q, idx, B, sizeof B));
    return say(s, "the mean (average) of %s", operand(body, idx, A, sizeof A));
}

static bool identify(const Node *n, Say *s);

static bool identify_sqrt(const Node *x, Say *s) {
    const Node *body, *a, *b;
    char inner[256];
    Say t = {inner, sizeof inner};
    char A[128];
    if ((is_mean(x, &body) && mean_of(body, &t)) || mean_of_sum(x, &t) || (x->kind == N_CALL && named_call(x, &t))) {
        if (strstr(inner, "(MSE)")) {
            const char *between = strstr(inner, "between");
            return say(s, "the root mean squared error (RMSE)%s%s: √MSE, in the units of the data",
                       between ? " " : "", between ? between : "");
        }
        const char *var = strstr(inner, "the variance of ");
        if (var) {
            const char *subject = var + strlen("the variance of ");
            const char *colon = strchr(subject, ':');
            int len = colon ? (int)(colon - subject) : (int)strlen(subject);
            return say(s, "the standard deviation of %.*s: √variance, the typical distance from its mean", len, subject);
        }
    }
    const char *idx = NULL;
    if (is_sum(x, &body, &idx) && is_square(body, &a))
        return say(s, "the L2 (Euclidean) norm of %s: its length √(Σ %sᵢ²)", operand(a, idx, A, sizeof A), A);
    if (is_dot(x, &a, &b) && same(a, b, NULL))
        return say(s, "the L2 (Euclidean) norm of %s: its length √(%s · %s)", operand(a, NULL, A, sizeof A), A, A);
    return false;
}

static bool identify(const Node *n, Say *s) {
    const Node *a, *b, *x, *body, *p, *q, *r;
    const char *idx;
    char A[128], B[128], C[128];
    if (!n) return false;
    if (named_call(n, s) && !is_call(n, "sqrt", 1) && !is_call(n, "mean", 1)) return true;
    if (is_call(n, "sqrt", 1) && identify_sqrt(n->list[0], s)) return true;
    if (n->kind == N_SUM && n->op == OP_SUM && sum_of(n->c, n->name, s)) return true;
    if (is_call(n, "sum", 1) && sum_of(n->list[0], NULL, s)) return true;
    if (mean_of_sum(n, s)) return true;
    if (is_mean(n, &body) && mean_of(body, s)) return true;
    if (n->kind == N_UNARY && n->op == OP_NEG && is_sum(n->a, &body, &idx) && is_product(body, &p, &q) && is_log(q, &x)) {
        if (same(p, x, idx))
            return say(s, "the entropy of %s: −Σ p log p, the expected surprise", operand(p, idx, A, sizeof A));
        return say(s, "the cross-entropy of %s relative to %s: −Σ p log q, the loss of predicting %s when the truth is %s",
                   operand(x, idx, B, sizeof B), operand(p, idx, A, sizeof A), B, A);
    }
    if (n->kind == N_NORM) {
        const char *which = n->op == NORM_1 ? "L1 norm (the sum of absolute values)" :
                            n->op == NORM_INF ? "max norm (the largest absolute value)" :
                            n->op == NORM_FRO ? "Frobenius norm (√ of the sum of squared entries)" :
                                                "L2 (Euclidean) norm: the length";
        if (n->op == NORM_2 && is_binary(n->a, OP_SUB, &a, &b))
            return say(s, "the Euclidean distance between %s and %s", operand(a, NULL, A, sizeof A),
                       operand(b, NULL, B, sizeof B));
        return say(s, "the %s of %s", which, operand(n->a, NULL, A, sizeof A));
    }
    if (is_square(n, &x) && is_norm2(x, &a)) {
        if (is_binary(a, OP_SUB, &p, &q))
            return say(s, "the squared distance between %s and %s: the sum of squared errors (SSE)",
                       operand(p, NULL, A, sizeof A), operand(q, NULL, B, sizeof B));
        return say(s, "the squared L2 norm of %s: Σ %sᵢ²", operand(a, NULL, A, sizeof A), A);
    }
    if (is_dot(n, &a, &b)) {
        if (same(a, b, NULL)) return say(s, "the squared L2 norm of %s: %s · %s = Σ %sᵢ²", operand(a, NULL, A, sizeof A), A, A, A);
        return say(s, "the dot product of %s and %s: Σ %sᵢ %sᵢ", operand(a, NULL, A, sizeof A), operand(b, NULL, B, sizeof B), A, B);
    }
    if (is_binary(n, OP_DIV, &a, &b)) {
        const Node *na, *nb;
        if (is_dot(a, &p, &q) && is_product(b, &na, &nb) && is_norm2(na, &x) && is_norm2(nb, &r))
            return say(s, "the cosine similarity of %s and %s: the cosine of the angle between them, from −1 to 1",
                       operand(p, NULL, A, sizeof A), operand(q, NULL, B, sizeof B));
        if (is_exp(a, &x) && is_sum(b, &body, &idx) && is_exp(body, &r))
            return say(s, "the softmax of %s: e^(%sᵢ) / Σⱼ e^(%sⱼ), scores turned into probabilities that sum to 1",
                       operand(x, NULL, A, sizeof A), A, A);
        if (num_is(a, 1) && is_binary(b, OP_ADD, &p, &q) && num_is(p, 1) && is_exp(q, &x) && x->kind == N_UNARY &&
            x->op == OP_NEG)
            return say(s, "the sigmoid (logistic) function of %s: it squashes any number into (0, 1)",
                       operand(x->a, NULL, A, sizeof A));
        if (is_binary(a, OP_SUB, &p, &q) && p->kind == N_CALL && q->kind == N_CALL && p->nlist == 1 && q->nlist == 1 &&
            same(p->a, q->a, NULL) && is_binary(p->list[0], OP_ADD, &x, &r) && same(x, q->list[0], NULL) && same(r, b, NULL))
            return say(s, "a finite-difference approximation of the derivative %s′(%s), with step %s",
                       operand(p->a, NULL, A, sizeof A), operand(x, NULL, B, sizeof B), operand(b, NULL, C, sizeof C));
        if (is_product(a, &p, &q) && p->kind == N_PROB && q->kind == N_PROB && b->kind == N_PROB)
            return say(s, "Bayes' theorem: P(B | A) P(A) / P(B) turns the likelihood around into the posterior P(A | B)");
    }
    if (is_binary(n, OP_ADD, &a, &b) && is_binary(a, OP_MATMUL, &p, &q))
        return say(s, "a linear layer (an affine map): the inputs %s times the weights %s, plus the bias %s",
                   operand(p, NULL, A, sizeof A), operand(q, NULL, B, sizeof B), operand(b, NULL, C, sizeof C));
    if (is_binary(n, OP_SUB, &a, &b) && name_of(a) && is_product(b, &p, &q) && is_rate(p))
        return say(s, "a gradient-descent step: %s moves against the gradient %s, scaled by the learning rate %s",
                   operand(a, NULL, A, sizeof A), operand(q, NULL, B, sizeof B), operand(p, NULL, C, sizeof C));
    if (is_product(n, &a, &b) && name_of(a) && is_square(b, &x) && is_norm2(x, &p))
        return say(s, "L2 regularisation (weight decay): the penalty %s‖%s‖² that keeps the weights %s small",
                   operand(a, NULL, A, sizeof A), operand(p, NULL, B, sizeof B), B);
    if (is_product(n, &a, &b) && name_of(a) && is_sum(b, &body, &idx) && is_square(body, &x))
        return say(s, "L2 regularisation (weight decay): the penalty %s Σ %s² that keeps the weights small",
                   operand(a, NULL, A, sizeof A), operand(x, idx, B, sizeof B));
    if (is_product(n, &a, &b) && num_is(a, 2) && (is_binary(b, OP_MATMUL, &p, &q) || is_product(b, &p, &q)) &&
        is_transpose(p, &x) && is_binary(q, OP_SUB, &r, &body))
        return say(s, "the gradient of the squared error ‖%s − %s‖² with respect to the weights",
                   operand(r, NULL, A, sizeof A), operand(body, NULL, B, sizeof B));
    if (is_binary(n, OP_MATMUL, &a, &b) && is_product(a, &p, &q) && num_is(p, 2) && is_transpose(q, &x) &&
        is_binary(b, OP_SUB, &r, &body))
        return say(s, "the gradient of the squared error ‖%s − %s‖² with respect to the weights",
                   operand(r, NULL, A, sizeof A), operand(body, NULL, B, sizeof B));
    if (n->kind == N_POWSUP && n->num == -1 && is_binary(n->a, OP_MATMUL, &a, &b) && is_transpose(a, &x))
        return say(s, "the inverse of the Gram matrix %sᵀ%s, the heart of the normal equation",
                   operand(x, NULL, A, sizeof A), A);
    if (is_binary(n, OP_MATMUL, &a, &b) && is_binary(a, OP_MATMUL, &p, &q) && p->kind == N_POWSUP && p->num == -1 &&
        is_transpose(q, &x))
        return say(s, "the normal equation: the least-squares weights (%sᵀ%s)⁻¹%sᵀ%s of a linear model",
                   operand(x, NULL, A, sizeof A), A, A, operand(b, NULL, B, sizeof B));
    if (n->kind == N_TRANSPOSE) return say(s, "the transpose of %s: its rows become columns", operand(n->a, NULL, A, sizeof A));
    if (n->kind == N_POWSUP && n->num == -1) return say(s, "the inverse of %s", operand(n->a, NULL, A, sizeof A));
    if (n->kind == N_PROB) return say(s, "a probability, derived from the facts you stated (why P(…) shows how)");
    return false;
}

/* }===================== */

/* {===================== shapes where arrays meet */

typedef struct Shape {
    int ndim;      /* -1 unknown, 0 a number, 1 a vector, 2 a matrix */
    size_t rows, cols;
} Shape;

static void shape_text(Shape s, char *buf, size_t size) {
    if (s.ndim == 0) snprintf(buf, size, "a number");
    else if (s.ndim == 1) snprintf(buf, size, "length %zu", s.cols);
    else snprintf(buf, size, "%zu×%zu", s.rows, s.cols);
}

static Shape shape_walk(Interp *in, const Node *n, FILE *out, int *lines);

/* An operand of a binary operator as mlm prints it, bracketed when it binds more loosely. */
static const char *side(const Node *n, char *buf, size_t size) {
    if (ast_node_prec(n) > PREC_MUL) return ast_print_text(n, AST_MLM, buf, size);
    char inner[124];
    ast_print_text(n, AST_MLM, inner, sizeof inner);
    snprintf(buf, size, "(%s)", inner);
    return buf;
}

static Shape unknown(void) { return (Shape){-1, 0, 0}; }

static Shape shape_of_name(Interp *in, const char *name) {
    int g = interp_find_global(in, name);
    if (g < 0) return unknown();
    Value v = in->globals[g].value;
    if (v.kind == VAL_NUM) return (Shape){0, 1, 1};
    if (v.kind != VAL_ARR) return unknown();
    return (Shape){v.as.arr->ndim, v.as.arr->rows, v.as.arr->cols};
}

static void line(FILE *out, int *lines, const char *fmt, ...) {
    if ((*lines)++ == 0) fputs("shapes:\n", out);
    fputs("  ", out);
    va_list ap;
    va_start(ap, fmt);
    vfprintf(out, fmt, ap);
    va_end(ap);
    fputc('\n', out);
}

static Shape shape_walk(Interp *in, const Node *n, FILE *out, int *lines) {
    if (!n) return unknown();
    char A[128], B[128], S1[32], S2[32], S3[32];
    switch (n->kind) {
    case N_NUM: return (Shape){0, 1, 1};
    case N_NAME: case N_GLOBAL: case N_LOCAL: return shape_of_name(in, n->name);
    case N_TRANSPOSE: {
        Shape s = shape_walk(in, n->a, out, lines);
        if (s.ndim == 1) return (Shape){2, 1, s.cols};
        if (s.ndim == 2) return (Shape){2, s.cols, s.rows};
        return s;
    }
    case N_BINARY: {
        Shape a = shape_walk(in, n->a, out, lines), b = shape_walk(in, n->b, out, lines);
        if (a.ndim < 0 || b.ndim < 0) return unknown();
        if (n->op == OP_MATMUL) {
            if (a.ndim == 0 || b.ndim == 0) return a.ndim == 0 ? b : a;
            size_t ar = a.ndim == 1 ? 1 : a.rows, ac = a.cols;
            size_t br = b.ndim == 1 ? b.cols : b.rows, bc = b.ndim == 1 ? 1 : b.cols;
            Shape r = b.ndim == 1 ? (Shape){1, 1, ar} : (Shape){2, ar, bc};
            if (a.ndim == 1) r = b.ndim == 1 ? (Shape){0, 1, 1} : (Shape){1, 1, bc};
            if (a.ndim == 2 && ar == 1 && b.ndim == 1) r = (Shape){0, 1, 1}; /* a row times a column: a number */
            shape_text(a, S1, sizeof S1);
            shape_text(b, S2, sizeof S2);
            if (ac != br) {
                line(out, lines, "%s @ %s: (%s) @ (%s) do not fit: the columns of the left (%zu) must equal the rows of the right (%zu)",
                     side(n->a, A, sizeof A), side(n->b, B, sizeof B), S1, S2, ac, br);
                return unknown();
            }
            shape_text(r, S3, sizeof S3);
            line(out, lines, "%s @ %s: (%s) @ (%s) → %s", side(n->a, A, sizeof A), side(n->b, B, sizeof B), S1, S2, S3);
            return r;
        }
        if (n->op == OP_DOT) return (Shape){0, 1, 1};
        if (op_info(n->op)->elementwise || n->op == OP_TIMES) {
            if (a.ndim == 0) return b;
            if (b.ndim == 0) return a;
            const char *verb = n->op == OP_ADD ? "added to" : n->op == OP_SUB ? "subtracted from" :
                               n->op == OP_MUL || n->op == OP_TIMES ? "multiplying" : "combined with";
            if (a.ndim == 2 && b.ndim == 1 && b.cols == a.cols) {
                shape_text(a, S1, sizeof S1);
                line(out, lines, "then %s (length %zu) %s every row of the %s", ast_print_text(n->b, AST_MLM, B, sizeof B),
                     b.cols, verb, S1);
                return a;
            }
            if (a.ndim == 2 && b.ndim == 2 && b.cols == 1 && b.rows == a.rows && a.cols > 1) {
                shape_text(a, S1, sizeof S1);
                line(out, lines, "then the column %s (%zu×1) %s every column of the %s",
                     ast_print_text(n->b, AST_MLM, B, sizeof B), b.rows, verb, S1);
                return a;
            }
            if (a.ndim == b.ndim && a.rows == b.rows && a.cols == b.cols) return a;
            shape_text(a, S1, sizeof S1);
            shape_text(b, S2, sizeof S2);
            line(out, lines, "%s %s %s: (%s) and (%s) do not match element by element",
                 ast_print_text(n->a, AST_MLM, A, sizeof A), op_info(n->op)->symbol,
                 ast_print_text(n->b, AST_MLM, B, sizeof B), S1, S2);
            return unknown();
        }
        return unknown();
    }
    case N_UNARY: case N_ABS: case N_POWSUP: return shape_walk(in, n->a, out, lines);
    case N_NORM: shape_walk(in, n->a, out, lines); return (Shape){0, 1, 1};
    case N_CALL: {
        Shape s = unknown();
        for (int i = 0; i < n->nlist; i++) s = shape_walk(in, n->list[i], out, lines);
        const char *f = name_of(n->a);
        if (!f || n->nlist != 1) return unknown();
        static const char *const reductions[] = {"sum", "mean", "norm", "max", "min", "prod", "det", "trace", NULL};
        for (int i = 0; reductions[i]; i++)
            if (strcmp(f, reductions[i]) == 0) return (Shape){0, 1, 1};
        static const char *const maps[] = {"exp", "log", "sqrt", "abs", "sigmoid", "relu", "tanh", "softmax", "sin",
                                           "cos", "log2", "ln", NULL};
        for (int i = 0; maps[i]; i++)
            if (strcmp(f, maps[i]) == 0) return s;
        return unknown();
    }
    case N_SUM:
        shape_walk(in, n->a, out, lines);
        shape_walk(in, n->b, out, lines);
        return unknown();
    default:
        return unknown();
    }
}

/* }===================== */

/* A dimension written as a number or a name bound to one; -1 when unknown. */
static double dim_value(Interp *in, const Node *e) {
    if (!e) return -1;
    if (e->kind == N_NUM) return e->num;
    const char *name = name_of(e);
    int g = name ? interp_find_global(in, name) : -1;
    if (g >= 0 && in->globals[g].value.kind == VAL_NUM) return in->globals[g].value.as.num;
    return -1;
}

/* With x bound: whether the stated shape holds (the elements' kind is member.c's to check). */
static void member_holds(Interp *in, const Node *x, double rows, double cols, FILE *out) {
    const char *name = name_of(x);
    if (!name || cols < 0 || rows < -1) return;
    Shape s = shape_of_name(in, name);
    if (s.ndim < 0) return;
    char have[48];
    shape_text(s, have, sizeof have);
    bool fits;
    if (cols == 0) fits = s.ndim == 0;
    else if (rows == 0) fits = (s.ndim == 1 && (double)s.cols == cols) || (s.ndim == 2 && (double)s.rows == cols && s.cols == 1);
    else fits = (s.ndim == 2 && (double)s.rows == rows && (double)s.cols == cols) || (s.ndim == 1 && rows == 1 && (double)s.cols == cols);
    fprintf(out, "%s is bound to %s%s%s: the shape %s\n", name, s.ndim == 0 ? "" : s.ndim == 1 ? "a vector of " : "a ", have,
            s.ndim == 2 ? " matrix" : "", fits ? "holds" : "does not hold");
}

/* x ∈ ℝ^…: what the shape statement says. */
static bool explain_member(Interp *in, const Node *n, FILE *out) {
    if (!is_binary(n, OP_IN, NULL, NULL)) return false;
    const Node *s = n->b, *set = s;
    char A[128], E[128];
    operand(n->a, NULL, A, sizeof A);
    const char *kind = NULL;
    if (s->kind == N_POWSUP || is_binary(s, OP_POW, NULL, NULL)) set = s->a;
    if (is_name(set, "ℝ")) kind = "real numbers";
    else if (is_name(set, "ℤ")) kind = "integers";
    else if (is_name(set, "ℕ")) kind = "natural numbers (0, 1, 2, …)";
    if (!kind) {
        fprintf(out, "%s is an element of %s\n", A, ast_print_text(s, AST_MLM, E, sizeof E));
        return true;
    }
    if (set == s) {
        fprintf(out, "%s is a single number, one of the %s\n", A, kind);
        member_holds(in, n->a, 0, 0, out);
        return true;
    }
    const Node *e = s->kind == N_POWSUP ? NULL : s->b, *m, *k;
    if (e && (is_binary(e, OP_MUL, &m, &k) || is_binary(e, OP_TIMES, &m, &k))) {
        char M[64], K[64];
        ast_print_text(m, AST_MLM, M, sizeof M);
        /* "an n×n", "an 8×2", "a 3×2": the article of the dimension as it is read aloud */
        bool an = M[0] && strchr("aefhilmnorsx8", M[0]) != NULL;
        fprintf(out, "%s is %s %s×%s matrix of %s (%s rows, %s columns)\n", A, an ? "an" : "a", M,
                ast_print_text(k, AST_MLM, K, sizeof K), kind, M, K);
        double r = dim_value(in, m), c = dim_value(in, k);
        if (r > 0 && c > 0) member_holds(in, n->a, r, c, out);
        return true;
    }
    if (e) ast_print_text(e, AST_MLM, E, sizeof E);
    else snprintf(E, sizeof E, "%g", s->num);
    fprintf(out, "%s is a vector of %s %s\n", A, E, kind);
    double len = e ? dim_value(in, e) : s->num;
    if (len > 0) member_holds(in, n->a, 0, len, out);
    return true;
}

void explain_write(Interp *in, const Node *e, FILE *out) {
    if (explain_member(in, e, out)) return;
    ast_print(out, e, AST_WORDS);
    fputc('\n', out);
    char what[512];
    Say s = {what, sizeof what};
    if (identify(e, &s)) fprintf(out, "this is %s\n", what);
    int lines = 0;
    shape_walk(in, e, out, &lines);
}
