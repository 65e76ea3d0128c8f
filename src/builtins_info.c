/* builtins_info.c — the information theory pillar: entropy, joint and conditional entropy,
 * cross-entropy, KL and Jensen–Shannon divergence, mutual information, information gain,
 * perplexity, normalize, the ML losses (binary and categorical cross-entropy from
 * probabilities and from logits), best_split, and the `why` explainers of cross_entropy and
 * kl (why.h). Numerics are in infotheory.c; this file checks arguments and attaches units.
 *
 * Units: every result is a number carrying its unit (value_num_unit: `1.5 bits`). Entropy,
 * cross_entropy, kl, js, mutual information and information gain default to bits (base 2),
 * as information theory books; the ML losses default to nats (base e), as Keras, PyTorch and
 * scikit-learn. An optional last argument chooses: 2, e, "bits" or "nats" (another base gives
 * a plain number). Nothing is ever rescaled in silence: p that does not sum to 1 is an error
 * naming normalize(p). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builtins.h"
#include "infotheory.h"
#include "object.h"
#include "why.h"

static const size_t NONE = (size_t)-1;

/* {===================== arguments */

/* The source text of argument i when short ("p", "[0.5, 0.5]"), else "the argument". */
static const char *arg_text(const CallInfo *ci, int i, char *buf, size_t size) {
    Span s = ci->args[i];
    const char *text = s.src ? s.src->text + s.offset : NULL;
    if (!text || s.length == 0 || s.length > 24 || memchr(text, '\n', s.length)) {
        snprintf(buf, size, "argument %d", i + 1);
        return buf;
    }
    snprintf(buf, size, "%.*s", (int)s.length, text);
    return buf;
}

/* Argument i as an array of numbers (a vector, or a matrix when allow_matrix). */
static bool array_arg(Interp *in, const CallInfo *ci, const Value *argv, int i, bool allow_matrix,
                      const char *what, const Array **out) {
    const char *name = ci->builtin->name;
    char d[64];
    if (argv[i].kind != VAL_ARR)
        return interp_error(in, ci->args[i], "%s: argument %d must be %s, got %s", name, i + 1, what,
                            value_describe(argv[i], d, sizeof d));
    const Array *a = argv[i].as.arr;
    if (a->ndim == 2 && !allow_matrix)
        return interp_error(in, ci->args[i], "%s: argument %d must be %s, got %s", name, i + 1, what,
                            value_describe(argv[i], d, sizeof d));
    if (a->len == 0)
        return interp_error(in, ci->args[i], "%s: argument %d is empty; %s needs at least one entry", name, i + 1,
                            what);
    *out = a;
    return true;
}

/* "[3]" of a vector, "[2, 1]" of a matrix: the 1-based position of element k. */
static const char *position(const Array *a, size_t k, char *buf, size_t size) {
    if (a->ndim == 2) snprintf(buf, size, "[%zu, %zu]", k / a->cols + 1, k % a->cols + 1);
    else snprintf(buf, size, "[%zu]", k + 1);
    return buf;
}

/* Element k of argument i (array a) for messages: "p[2]" when the argument is a name,
 * "entry 2 of [0.5, -0.1]" otherwise ("[2, 1]" positions in a matrix). */
static const char *entry_text(const CallInfo *ci, int i, const Array *a, size_t k, char *buf, size_t size) {
    char t[32], pos[40];
    arg_text(ci, i, t, sizeof t);
    bool name = t[0] != '\0';
    for (const char *c = t; *c; c++)
        name = name && (*c == '_' || (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9'));
    position(a, k, pos, sizeof pos);
    if (name) snprintf(buf, size, "%s%s", t, pos);
    else if (a->ndim == 2) snprintf(buf, size, "entry %s of %s", pos, t);
    else snprintf(buf, size, "entry %zu of %s", k + 1, t);
    return buf;
}

/* The error for a bad distribution (status from it_check / it_entropy). */
static bool dist_error(Interp *in, const CallInfo *ci, int i, const Array *a, ItStatus st, double sum, size_t bad) {
    const char *name = ci->builtin->name;
    char t[48], e[128];
    arg_text(ci, i, t, sizeof t);
    switch (st) {
    case IT_NOT_FINITE:
        return interp_error(in, ci->args[i], "%s: %s is %s; probabilities are numbers from 0 to 1", name,
                            entry_text(ci, i, a, bad, e, sizeof e), isnan(a->data[bad]) ? "NaN" : a->data[bad] > 0 ? "inf" : "-inf");
    case IT_NEGATIVE:
        return interp_error(in, ci->args[i], "%s: %s = %.15g is negative; probabilities cannot be below 0", name,
                            entry_text(ci, i, a, bad, e, sizeof e), a->data[bad]);
    case IT_NOT_ONE:
        return interp_error(in, ci->args[i],
                            "%s: %s sums to %.15g, not 1; mlm does not rescale in silence: normalize(%s) divides it by its sum",
                            name, t, sum, t);
    case IT_NO_MEMORY:
        return interp_error(in, ci->call, "out of memory");
    default:
        return true;
    }
}

/* Argument i as a probability distribution (a vector, or a joint table when allow_matrix). */
static bool dist_arg(Interp *in, const CallInfo *ci, const Value *argv, int i, bool allow_matrix, const Array **out) {
    if (!array_arg(in, ci, argv, i, allow_matrix,
                   allow_matrix ? "a vector of probabilities or a joint table" : "a vector of probabilities", out))
        return false;
    double sum;
    size_t bad;
    ItStatus st = it_check((*out)->data, (*out)->len, &sum, &bad);
    return st == IT_OK || dist_error(in, ci, i, *out, st, sum, bad);
}

/* Vectors a and b (arguments i and j) have the same length; else an error ending in `need`. */
static bool same_shape(Interp *in, const CallInfo *ci, int i, const Array *a, int j, const Array *b, const char *need) {
    if (a->len == b->len) return true;
    char ta[48], tb[48];
    return interp_error(in, ci->call, "%s: %s has %zu entr%s and %s has %zu; %s", ci->builtin->name,
                        arg_text(ci, i, ta, sizeof ta), a->len, a->len == 1 ? "y" : "ies",
                        arg_text(ci, j, tb, sizeof tb), b->len, need);
}

static bool same_length(Interp *in, const CallInfo *ci, int i, const Array *a, int j, const Array *b) {
    return same_shape(in, ci, i, a, j, b, "both must be over the same outcomes");
}

/* The unit of a result: the log's base and the unit it is shown with. */
typedef struct Base {
    double ln;       /* ln(base): divide a result in nats by it */
    ValueUnit unit;
} Base;

static const Base BITS = {M_LN2, UNIT_BITS}, NATS = {1.0, UNIT_NATS};

static bool is_base_arg(Value v) { return v.kind == VAL_NUM || v.kind == VAL_STR; }

/* An optional base argument i: 2, e, "bits", "nats" (or "bit", "nat"), another base > 0
 * and ≠ 1 (plain number). */
static bool base_arg(Interp *in, const CallInfo *ci, const Value *argv, int i, Base *out) {
    const char *name = ci->builtin->name;
    if (argv[i].kind == VAL_STR) {
        const char *s = argv[i].as.str->text;
        if (strcmp(s, "bits") == 0 || strcmp(s, "bit") == 0) { *out = BITS; return true; }
        if (strcmp(s, "nats") == 0 || strcmp(s, "nat") == 0) { *out = NATS; return true; }
        return interp_error(in, ci->args[i], "%s: the unit must be \"bits\" or \"nats\" (or a base: 2, e), got \"%s\"",
                            name, s);
    }
    double b;
    if (!builtin_scalar_arg(in, ci, name, argv, i, &b)) return false;
    if (b == 2) { *out = BITS; return true; }
    if (b == M_E) { *out = NATS; return true; }
    if (!(b > 0) || b == 1 || isinf(b))
        return interp_error(in, ci->args[i], "%s: the base of the logarithm must be positive and not 1 (2 for bits, e for nats), got %.15g",
                            name, b);
    out->ln = log(b);
    out->unit = UNIT_NONE;
    return true;
}

static Value in_unit(double nats, Base b) { return value_num_unit(nats / b.ln, b.unit); }

/* The logarithm of the unit: log₂ for bits, ln for nats. */
static const char *log_name(Base b) { return b.unit == UNIT_BITS ? "log₂" : b.unit == UNIT_NATS ? "ln" : "log"; }

/* "1.5 bits", "0.2 nats", "0.3" into buf. */
static const char *with_unit(double nats, Base b, char *buf, size_t size) {
    double x = nats / b.ln;
    const char *u = value_unit_name(b.unit, x);
    snprintf(buf, size, "%.6g%s%s", x, u ? " " : "", u ? u : "");
    return buf;
}

/* }===================== */

/* {===================== entropy and divergences */

static bool fn_entropy(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    Base b = BITS;
    if (argc == 2 && !base_arg(in, ci, argv, 1, &b)) return false;
    const Array *p;
    if (!array_arg(in, ci, argv, 0, true, "a vector of probabilities or a joint table (for labels: information_gain)", &p))
        return false;
    double h, sum;
    size_t bad;
    ItStatus st = it_entropy(p->data, p->len, interp_threads(in), &h, &sum, &bad);
    if (st != IT_OK) return dist_error(in, ci, 0, p, st, sum, bad);
    *out = in_unit(h, b);
    return true;
}

static bool fn_joint_entropy(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    Base b = BITS;
    if (argc == 2 && !base_arg(in, ci, argv, 1, &b)) return false;
    const Array *j;
    if (!dist_arg(in, ci, argv, 0, true, &j)) return false;
    ItJoint r;
    it_joint(j->data, j->rows, j->cols, &r);
    *out = in_unit(r.hxy, b);
    return true;
}

static bool fn_conditional_entropy(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    Base b = BITS;
    if (argc == 2 && !base_arg(in, ci, argv, 1, &b)) return false;
    const Array *j;
    if (!dist_arg(in, ci, argv, 0, true, &j)) return false;
    ItJoint r;
    it_joint(j->data, j->rows, j->cols, &r);
    double h = r.hxy - r.hx;
    *out = in_unit(h < 0 ? 0 : h, b);
    return true;
}

/* p, q and the optional base of cross_entropy, kl, js. */
static bool two_dists(Interp *in, const CallInfo *ci, int argc, const Value *argv, const Array **p, const Array **q,
                      Base *b) {
    *b = BITS;
    if (argc == 3 && !base_arg(in, ci, argv, 2, b)) return false;
    return dist_arg(in, ci, argv, 0, false, p) && dist_arg(in, ci, argv, 1, false, q) &&
           same_length(in, ci, 0, *p, 1, *q);
}

static bool fn_cross_entropy(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    const Array *p, *q;
    Base b;
    if (!two_dists(in, ci, argc, argv, &p, &q, &b)) return false;
    size_t at;
    *out = in_unit(it_cross_entropy(p->data, q->data, p->len, &at), b);
    return true;
}

static bool fn_kl(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    const Array *p, *q;
    Base b;
    if (!two_dists(in, ci, argc, argv, &p, &q, &b)) return false;
    size_t at;
    *out = in_unit(it_kl(p->data, q->data, p->len, &at), b);
    return true;
}

static bool fn_js(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    const Array *p, *q;
    Base b;
    if (!two_dists(in, ci, argc, argv, &p, &q, &b)) return false;
    *out = in_unit(it_js(p->data, q->data, p->len), b);
    return true;
}

static bool fn_surprise(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    Base b = BITS;
    if (argc == 2 && !base_arg(in, ci, argv, 1, &b)) return false;
    double p;
    if (!builtin_scalar_arg(in, ci, "surprise", argv, 0, &p)) return false;
    if (!(p >= 0 && p <= 1))
        return interp_error(in, ci->args[0], "surprise: a probability is a number from 0 to 1, got %.15g", p);
    *out = in_unit(-log(p), b);
    return true;
}

static bool fn_normalize(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    (void)argc;
    const Array *p;
    if (!array_arg(in, ci, argv, 0, true, "a vector or matrix of non-negative weights", &p)) return false;
    double sum;
    size_t bad;
    ItStatus st = it_check(p->data, p->len, &sum, &bad);
    if (st == IT_NOT_FINITE || st == IT_NEGATIVE) return dist_error(in, ci, 0, p, st, sum, bad);
    if (!(sum > 0))
        return interp_error(in, ci->args[0], "normalize: the entries sum to 0, so there is nothing to divide by");
    Array *r = interp_new_array(in, ci->call, p->ndim, p->rows, p->cols);
    if (!r) return false;
    for (size_t i = 0; i < p->len; i++) r->data[i] = p->data[i] / sum;
    *out = value_arr(r);
    return true;
}

/* }===================== */

/* {===================== mutual information and information gain */

/* A vector of labels (whole numbers or any numbers; not NaN). */
static bool labels_arg(Interp *in, const CallInfo *ci, const Value *argv, int i, const Array **out) {
    if (!array_arg(in, ci, argv, i, false, "a vector of labels", out)) return false;
    for (size_t k = 0; k < (*out)->len; k++)
        if (isnan((*out)->data[k])) {
            char e[128];
            return interp_error(in, ci->args[i], "%s: %s is NaN, not a label", ci->builtin->name,
                                entry_text(ci, i, *out, k, e, sizeof e));
        }
    return true;
}

static bool fn_mutual_information(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    Base b = BITS;
    if (argc >= 2 && argv[1].kind == VAL_ARR) {
        /* two label vectors */
        if (argc == 3 && !base_arg(in, ci, argv, 2, &b)) return false;
        const Array *x, *y;
        if (!labels_arg(in, ci, argv, 0, &x) || !labels_arg(in, ci, argv, 1, &y)) return false;
        if (!same_shape(in, ci, 0, x, 1, y, "one label of each for every sample")) return false;
        double *t;
        size_t r, c;
        if (!it_contingency(x->data, y->data, x->len, &t, &r, &c)) return interp_error(in, ci->call, "out of memory");
        ItJoint j;
        it_joint(t, r, c, &j);
        free(t);
        *out = in_unit(j.mi, b);
        return true;
    }
    if (argc == 3)
        return interp_error(in, ci->args[1], "mutual_information: with a base, write mutual_information(J, base) or mutual_information(x, y, base)");
    if (argc == 2 && !base_arg(in, ci, argv, 1, &b)) return false;
    const Array *j;
    if (!dist_arg(in, ci, argv, 0, true, &j)) return false;
    if (j->ndim != 2)
        return interp_error(in, ci->args[0], "mutual_information: one argument must be a joint table (a matrix: rows X, columns Y); for two label vectors write mutual_information(x, y)");
    ItJoint r;
    it_joint(j->data, j->rows, j->cols, &r);
    *out = in_unit(r.mi, b);
    return true;
}

/* information_gain(y, y_1, y_2, …) or information_gain(y, mask), with an optional base; with
 * why set, the terms are printed there (why information_gain(…)). */
static bool gain(Interp *in, const CallInfo *ci, int argc, const Value *argv, FILE *why, Value *out) {
    Base b = BITS;
    int nvec = argc;
    if (argc >= 2 && is_base_arg(argv[argc - 1])) {
        if (!base_arg(in, ci, argv, argc - 1, &b)) return false;
        nvec = argc - 1;
    }
    if (nvec < 2)
        return interp_error(in, ci->call, "information_gain: give the parent's labels and the children's, information_gain(y, y_left, y_right), or a mask: information_gain(y, x > 80)");
    const Array *parent;
    if (!labels_arg(in, ci, argv, 0, &parent)) return false;
    size_t n = parent->len;
    const Array *mask = NULL;
    if (nvec == 2) {
        if (!array_arg(in, ci, argv, 1, false, "a 0/1 mask such as x > 80", &mask) ||
            !same_shape(in, ci, 0, parent, 1, mask, "the mask says for each label which side it goes"))
            return false;
        for (size_t i = 0; i < n; i++)
            if (mask->data[i] != 0 && mask->data[i] != 1) {
                char e[128];
                return interp_error(in, ci->args[1], "information_gain: %s is %.15g; the split is a 0/1 mask such as x > 80 (or give the children's labels)",
                                    entry_text(ci, 1, mask, i, e, sizeof e), mask->data[i]);
            }
    } else {
        size_t total = 0;
        for (int i = 1; i < nvec; i++) {
            const Array *child;
            if (!labels_arg(in, ci, argv, i, &child)) return false;
            total += child->len;
        }
        if (total != n)
            return interp_error(in, ci->call, "information_gain: the children have %zu labels between them but the parent has %zu; a split puts each of the parent's labels in exactly one child",
                                total, n);
    }
    /* the mask's two children, copied out */
    double *split = mask ? malloc((n ? n : 1) * sizeof *split) : NULL;
    if (mask && !split) return interp_error(in, ci->call, "out of memory");
    size_t k1 = 0;
    for (size_t i = 0; mask && i < n; i++)
        if (mask->data[i] == 1) split[k1++] = parent->data[i];
    for (size_t i = 0, k0 = k1; mask && i < n; i++)
        if (mask->data[i] != 1) split[k0++] = parent->data[i];
    double hp;
    char a[48], t[48];
    bool ok = it_label_entropy(parent->data, n, &hp);
    if (ok && why)
        fprintf(why, "information gain = H(y) − Σ |y_k|/|y| · H(y_k): the entropy of the labels minus what is left after the split\n"
                     "  H(y) = %s over %zu labels\n", with_unit(hp, b, a, sizeof a), n);
    double hs = 0, hc = 0;
    int nchild = mask ? 2 : nvec - 1;
    for (int c = 0; ok && c < nchild; c++) {
        const double *lab = mask ? (c == 0 ? split : split + k1) : argv[c + 1].as.arr->data;
        size_t len = mask ? (c == 0 ? k1 : n - k1) : argv[c + 1].as.arr->len;
        double h;
        ok = it_label_entropy(lab, len, &h);
        if (!ok) break;
        neumaier_add(&hs, &hc, (double)len / (double)n * h);
        if (why) {
            if (mask) snprintf(t, sizeof t, "where %s is %d", arg_text(ci, 1, a, sizeof a), c == 0 ? 1 : 0);
            else arg_text(ci, c + 1, t, sizeof t);
            fprintf(why, "  − %zu/%zu × %s (%s)\n", len, n, with_unit(h, b, a, sizeof a), t);
        }
    }
    free(split);
    if (!ok) return interp_error(in, ci->call, "out of memory");
    double g = hp - (hs + hc);
    if (g < 0 && g > -1e-12) g = 0;
    if (why) {
        fprintf(why, "  = %s\n", with_unit(g, b, a, sizeof a));
        if (g == hp && hp > 0) fprintf(why, "Every child is pure: the split removes all the uncertainty.\n");
        else if (g == 0) fprintf(why, "The children are as mixed as the parent: the split tells nothing.\n");
    }
    *out = in_unit(g, b);
    return true;
}

static bool fn_information_gain(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    return gain(in, ci, argc, argv, NULL, out);
}

bool why_information_gain(Interp *in, const CallInfo *ci, int argc, const Value *argv, FILE *out) {
    Value v;
    return gain(in, ci, argc, argv, out, &v);
}

/* }===================== */

/* {===================== ML losses (mean over samples, nats by default) */

/* y for binary cross-entropy: numbers from 0 to 1 (labels 0/1 or soft targets). */
static bool unit_interval(Interp *in, const CallInfo *ci, const Array *a, int i, const char *what) {
    for (size_t k = 0; k < a->len; k++)
        if (!(a->data[k] >= 0 && a->data[k] <= 1)) {
            char e[128];
            return interp_error(in, ci->args[i], "%s: %s is %.15g; %s", ci->builtin->name,
                                entry_text(ci, i, a, k, e, sizeof e), a->data[k], what);
        }
    return true;
}

/* A one-sample call with numbers where vectors go (binary_cross_entropy(1, 0.9),
 * categorical_cross_entropy(2, [0.3, 0.7])): the numbers of argv[0..2) viewed as 1-element
 * vectors in the caller's storage (cells), which must outlive the call; nothing keeps them. */
typedef struct OneSample {
    Array cells[2];
    double x[2];
    Value argv[3];
} OneSample;

static const Value *one_sample(OneSample *o, int argc, const Value *argv) {
    for (int i = 0; i < argc && i < 3; i++) {
        o->argv[i] = argv[i];
        if (i < 2 && argv[i].kind == VAL_NUM) {
            o->x[i] = argv[i].as.num;
            o->cells[i] = (Array){.refcount = 1, .ndim = 1, .rows = 1, .cols = 1, .len = 1, .data = &o->x[i]};
            o->argv[i] = value_arr(&o->cells[i]);
        }
    }
    return o->argv;
}

static bool bce_args(Interp *in, const CallInfo *ci, int argc, const Value *argv, const Array **y, const Array **p,
                     Base *b, bool logits) {
    *b = NATS;
    if (argc == 3 && !base_arg(in, ci, argv, 2, b)) return false;
    if (!array_arg(in, ci, argv, 0, false, "a vector of labels 0 or 1", y) ||
        !array_arg(in, ci, argv, 1, false, logits ? "a vector of logits" : "a vector of predicted probabilities", p) ||
        !same_shape(in, ci, 0, *y, 1, *p, "one label for each prediction"))
        return false;
    if (!unit_interval(in, ci, *y, 0, "a label must be 0 or 1 (or a probability between)")) return false;
    if (logits) {
        for (size_t k = 0; k < (*p)->len; k++)
            if (isnan((*p)->data[k])) {
                char e[128];
                return interp_error(in, ci->args[1], "%s: %s is NaN, not a logit", ci->builtin->name,
                                    entry_text(ci, 1, *p, k, e, sizeof e));
            }
        return true;
    }
    return unit_interval(in, ci, *p, 1, "a predicted probability is a number from 0 to 1 (for raw scores use bce_logits)");
}

static bool fn_bce(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    const Array *y, *p;
    Base b;
    OneSample one;
    argv = one_sample(&one, argc, argv);
    if (!bce_args(in, ci, argc, argv, &y, &p, &b, false)) return false;
    size_t at;
    *out = in_unit(it_bce(y->data, p->data, y->len, &at), b);
    return true;
}

/* why binary_cross_entropy(y, p): each sample's term, the worst marked, and the mean. */
bool why_bce(Interp *in, const CallInfo *ci, int argc, const Value *argv, FILE *out) {
    const Array *y, *p;
    Base b;
    OneSample one;
    argv = one_sample(&one, argc, argv);
    if (!bce_args(in, ci, argc, argv, &y, &p, &b, false)) return false;
    const char *lg = log_name(b);
    size_t at, worst = 0, n = y->len;
    double mean = it_bce(y->data, p->data, n, &at), worst_term = -1;
    char a[48];
    fprintf(out, "binary cross-entropy = mean of −(y·%s p + (1 − y)·%s(1 − p)): the surprise of each true label under the predicted p\n",
            lg, lg);
    for (size_t i = 0; i < n; i++) {
        size_t one_at;
        double term = it_bce(y->data + i, p->data + i, 1, &one_at);
        if (term > worst_term) { worst_term = term; worst = i; }
    }
    for (size_t i = 0; i < n && i < 12; i++) {
        size_t one_at;
        double yi = y->data[i], pi = p->data[i], term = it_bce(y->data + i, p->data + i, 1, &one_at);
        if (yi == 1) fprintf(out, "  i = %zu: y = 1, p = %.6g: −%s %.6g = %s", i + 1, pi, lg, pi, with_unit(term, b, a, sizeof a));
        else if (yi == 0) fprintf(out, "  i = %zu: y = 0, p = %.6g: −%s(1 − %.6g) = %s", i + 1, pi, lg, pi, with_unit(term, b, a, sizeof a));
        else fprintf(out, "  i = %zu: y = %.6g, p = %.6g: %s", i + 1, yi, pi, with_unit(term, b, a, sizeof a));
        bool wrong = (yi >= 0.5) != (pi >= 0.5);
        if (i == worst && n > 1 && term > 0) fprintf(out, "    ← the largest%s", wrong ? ": confident and wrong" : "");
        fputc('\n', out);
    }
    if (n > 12) fprintf(out, "  … (%zu more samples)\n", n - 12);
    fprintf(out, "mean over the %zu sample%s = %s\n", n, n == 1 ? "" : "s", with_unit(mean, b, a, sizeof a));
    if (at != NONE)
        fprintf(out, "It is infinite because sample %zu has y = %.6g but p = %.6g: the prediction called what happened\n"
                     "impossible. Frameworks clip p (Keras to [1e-7, 1 − 1e-7]); bce_logits works from the scores,\n"
                     "which never reach p = 0 or 1.\n",
                at + 1, y->data[at], p->data[at]);
    return true;
}

static bool fn_bce_logits(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    const Array *y, *z;
    Base b;
    OneSample one;
    argv = one_sample(&one, argc, argv);
    if (!bce_args(in, ci, argc, argv, &y, &z, &b, true)) return false;
    *out = in_unit(it_bce_logits(y->data, z->data, y->len), b);
    return true;
}

/* Categorical cross-entropy of targets Y (class numbers 1..k, or rows of probabilities such as
 * one-hot rows) against P (rows of probabilities, or of logits when logits): the mean over
 * rows, in nats. A vector P is one sample. */
static bool categorical(Interp *in, const CallInfo *ci, int argc, const Value *argv, bool logits, double *nats) {
    const char *name = ci->builtin->name;
    OneSample one;
    if (argv[0].kind == VAL_NUM && argv[1].kind == VAL_ARR) argv = one_sample(&one, argc < 2 ? argc : 2, argv);
    const Array *y, *p;
    if (!array_arg(in, ci, argv, 0, true, "class numbers 1..k or one-hot rows", &y) ||
        !array_arg(in, ci, argv, 1, true, logits ? "a matrix of logits, one row per sample" :
                                          "a matrix of predicted probabilities, one row per sample", &p))
        return false;
    (void)argc;
    size_t n = p->rows, k = p->cols;
    bool onehot = y->ndim == 2 || (p->ndim == 1 && y->len == k && y->len > 1);
    char t[128];
    if (onehot && (y->rows != n || y->cols != k))
        return interp_error(in, ci->call, "%s: the targets are %zu×%zu and the predictions %zu×%zu; one row of each per sample",
                            name, y->rows, y->cols, n, k);
    if (!onehot && y->len != n)
        return interp_error(in, ci->call, "%s: %zu labels for %zu rows of predictions; one label per sample", name,
                            y->len, n);
    for (size_t r = 0; r < n; r++) {
        const double *row = p->data + r * k;
        if (logits) {
            for (size_t j = 0; j < k; j++)
                if (isnan(row[j]))
                    return interp_error(in, ci->args[1], "%s: %s is NaN, not a logit", name,
                                        entry_text(ci, 1, p, r * k + j, t, sizeof t));
            continue;
        }
        double sum;
        size_t bad;
        ItStatus st = it_check(row, k, &sum, &bad);
        if (st == IT_NOT_FINITE || st == IT_NEGATIVE) return dist_error(in, ci, 1, p, st, sum, r * k + bad);
        if (st == IT_NOT_ONE)
            return interp_error(in, ci->args[1], "%s: row %zu of %s sums to %.15g, not 1; for raw scores use cross_entropy_logits, or softmax them first",
                                name, r + 1, arg_text(ci, 1, t, sizeof t), sum);
    }
    double s = 0, c = 0;
    for (size_t r = 0; r < n; r++) {
        const double *row = p->data + r * k;
        double lse = logits ? it_logsumexp(row, k) : 0;
        if (onehot) {
            const double *yr = y->data + r * k;
            double sum;
            size_t bad;
            ItStatus st = it_check(yr, k, &sum, &bad);
            if (st != IT_OK) {
                if (st == IT_NOT_ONE)
                    return interp_error(in, ci->args[0], "%s: target row %zu sums to %.15g, not 1; one-hot rows have a single 1",
                                        name, r + 1, sum);
                return dist_error(in, ci, 0, y, st, sum, r * k + bad);
            }
            if (logits) {
                for (size_t j = 0; j < k; j++)
                    if (yr[j] > 0) neumaier_add(&s, &c, yr[j] * (lse - row[j]));
            } else {
                size_t at;
                neumaier_add(&s, &c, it_cross_entropy(yr, row, k, &at));
            }
        } else {
            double lab = y->data[r];
            if (!(lab >= 1 && lab <= (double)k && lab == floor(lab)))
                return interp_error(in, ci->args[0], "%s: %s is %.15g; labels are class numbers 1..%zu (the column of the prediction; for labels from 0 write y + 1)",
                                    name, entry_text(ci, 0, y, r, t, sizeof t), lab, k);
            size_t j = (size_t)lab - 1;
            neumaier_add(&s, &c, logits ? lse - row[j] : -log(row[j]));
        }
    }
    *nats = (s + c) / (double)n;
    return true;
}

static bool loss_base(Interp *in, const CallInfo *ci, int argc, const Value *argv, Base *b) {
    *b = NATS;
    return argc < 3 || base_arg(in, ci, argv, 2, b);
}

static bool fn_categorical(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    Base b;
    double h;
    if (!loss_base(in, ci, argc, argv, &b) || !categorical(in, ci, argc, argv, false, &h)) return false;
    *out = in_unit(h, b);
    return true;
}

static bool fn_categorical_logits(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    Base b;
    double h;
    if (!loss_base(in, ci, argc, argv, &b) || !categorical(in, ci, argc, argv, true, &h)) return false;
    *out = in_unit(h, b);
    return true;
}

static bool fn_perplexity(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    double h;
    if (argc == 1) {
        const Array *p;
        if (!array_arg(in, ci, argv, 0, false, "a vector of probabilities (or labels and predictions)", &p))
            return false;
        double sum;
        size_t bad;
        ItStatus st = it_entropy(p->data, p->len, interp_threads(in), &h, &sum, &bad);
        if (st != IT_OK) return dist_error(in, ci, 0, p, st, sum, bad);
    } else if (!categorical(in, ci, argc, argv, false, &h)) {
        return false;
    }
    *out = value_num(exp(h));
    return true;
}

/* }===================== */

/* {===================== best_split: a table of each feature's best threshold */

static const char *const split_names[] = {"feature", "threshold", "gain"};

typedef struct SplitTable {
    Obj obj;
    size_t count;
    ValueUnit unit;
    char **labels;      /* owned: the feature names, or NULL */
    Value feature, threshold, gain; /* owned: vectors, best first */
} SplitTable;

static void split_free(Obj *o) {
    SplitTable *t = (SplitTable *)(void *)o;
    value_release(t->feature);
    value_release(t->threshold);
    value_release(t->gain);
    if (t->labels)
        for (size_t i = 0; i < t->count; i++) free(t->labels[i]);
    free(t->labels);
    free(t);
}

static void split_print(FILE *out, const Obj *o) {
    const SplitTable *t = (const SplitTable *)(const void *)o;
    const double *f = t->feature.as.arr->data, *th = t->threshold.as.arr->data, *g = t->gain.as.arr->data;
    int w = 7;
    for (size_t i = 0; i < t->count && t->labels; i++) {
        int l = (int)strlen(t->labels[(size_t)f[i] - 1]);
        if (l > w) w = l;
    }
    fprintf(out, "%-*s  %-18s  %s", w, "feature", "split", "information gain");
    for (size_t i = 0; i < t->count; i++) {
        char name[64], rule[64];
        if (t->labels) snprintf(name, sizeof name, "%s", t->labels[(size_t)f[i] - 1]);
        else snprintf(name, sizeof name, "%g", f[i]);
        if (isnan(th[i])) snprintf(rule, sizeof rule, "(one value)");
        else snprintf(rule, sizeof rule, "> %.6g", th[i]);
        const char *u = value_unit_name(t->unit, g[i]);
        fprintf(out, "\n%-*s  %-18s  %.6g%s%s", w, name, rule, g[i], u ? " " : "", u ? u : "");
    }
}

static void split_describe(const Obj *o, char *buf, size_t size) {
    snprintf(buf, size, "a table of %zu splits", ((const SplitTable *)(const void *)o)->count);
}

static bool split_field(Interp *in, const Obj *o, const char *name, Span span, Value *out) {
    (void)in;
    (void)span;
    const SplitTable *t = (const SplitTable *)(const void *)o;
    if (strcmp(name, "feature") == 0) *out = value_retain(t->feature);
    else if (strcmp(name, "threshold") == 0) *out = value_retain(t->threshold);
    else if (strcmp(name, "gain") == 0) *out = value_retain(t->gain);
    else return false;
    return true;
}

static int split_field_names(const Obj *o, const char *const **names) {
    (void)o;
    *names = split_names;
    return 3;
}

static const ObjType split_type = {
    .name = "split table",
    .free = split_free,
    .print = split_print,
    .describe = split_describe,
    .field = split_field,
    .field_names = split_field_names,
};

/* Splits "cpu_avg, disk_io" into cols names (malloc'd); false when the count differs. */
static bool split_labels(const char *text, size_t cols, char ***out) {
    char **names = calloc(cols, sizeof *names);
    if (!names) return false;
    size_t k = 0;
    const char *p = text;
    while (*p) {
        while (*p == ' ' || *p == ',') p++;
        if (!*p) break;
        const char *e = p;
        while (*e && *e != ',' && *e != ' ') e++;
        if (k < cols) names[k] = strndup(p, (size_t)(e - p));
        k++;
        p = e;
    }
    if (k != cols) {
        for (size_t i = 0; i < cols; i++) free(names[i]);
        free(names);
        return false;
    }
    *out = names;
    return true;
}

/* best_split over arrays; names/nnames: the column names an object gave (a data table), used
 * when no string names them. */
static bool best_split(Interp *in, const CallInfo *ci, int argc, const Value *argv, const char *const *names,
                       int nnames, Value *out) {
    const Array *x, *y;
    if (!array_arg(in, ci, argv, 0, true, "a matrix of features, one column per feature", &x) ||
        !labels_arg(in, ci, argv, 1, &y))
        return false;
    size_t n = x->ndim == 1 ? x->len : x->rows, m = x->ndim == 1 ? 1 : x->cols;
    if (y->len != n)
        return interp_error(in, ci->call, "best_split: %zu labels for %zu rows of features; one label per row", y->len, n);
    char **labels = NULL;
    if (argc == 3) {
        if (argv[2].kind != VAL_STR)
            return interp_error(in, ci->args[2], "best_split: argument 3 names the columns in a string: \"cpu_avg, disk_io\"");
        if (!split_labels(argv[2].as.str->text, m, &labels))
            return interp_error(in, ci->args[2], "best_split: give one name for each of the %zu columns", m);
    } else if (names && nnames > 0 && (size_t)nnames == m) {
        labels = calloc(m, sizeof *labels);
        for (size_t j = 0; labels && j < m; j++) labels[j] = strdup(names[j] ? names[j] : "?");
    }
    Array *f = interp_new_vector(in, ci->call, m), *th = f ? interp_new_vector(in, ci->call, m) : NULL,
          *g = th ? interp_new_vector(in, ci->call, m) : NULL;
    double *col = malloc(n * sizeof *col);
    bool ok = f && th && g && col;
    for (size_t j = 0; ok && j < m; j++) {
        for (size_t i = 0; i < n; i++) col[i] = x->data[i * m + j];
        double t = NAN, gain = 0;
        bool found;
        for (size_t i = 0; i < n; i++)
            if (isnan(col[i])) {
                char e[128];
                ok = interp_error(in, ci->args[0], "best_split: %s is NaN; fill or drop missing values first",
                                  entry_text(ci, 0, x, i * m + j, e, sizeof e));
                break;
            }
        if (!ok) break;
        if (!it_best_split(col, y->data, n, &t, &gain, &found)) { ok = interp_error(in, ci->call, "out of memory"); break; }
        /* insertion, best first (stable: the lower feature number first on ties) */
        size_t at = j;
        while (at > 0 && g->data[at - 1] < gain / M_LN2) {
            f->data[at] = f->data[at - 1];
            th->data[at] = th->data[at - 1];
            g->data[at] = g->data[at - 1];
            at--;
        }
        f->data[at] = (double)(j + 1);
        th->data[at] = found ? t : NAN;
        g->data[at] = gain / M_LN2;
    }
    free(col);
    if (!ok) {
        if (f) array_release(f);
        if (th) array_release(th);
        if (g) array_release(g);
        if (labels)
            for (size_t i = 0; i < m; i++) free(labels[i]);
        free(labels);
        return in->error.set ? false : interp_error(in, ci->call, "out of memory");
    }
    SplitTable *t = malloc(sizeof *t);
    if (!t) { fputs("mlm: out of memory\n", stderr); abort(); }
    obj_init(&t->obj, &split_type);
    t->count = m;
    t->unit = UNIT_BITS;
    t->labels = labels;
    t->feature = value_arr(f);
    t->threshold = value_arr(th);
    t->gain = value_arr(g);
    *out = value_obj(&t->obj);
    return true;
}

/* An object standing for a matrix (a data table) is read as its array, its field names as the
 * column names. */
static bool fn_best_split(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    Value conv[3] = {value_nil(), value_nil(), value_nil()};
    bool owned[3] = {false, false, false};
    const char *const *names = NULL;
    int nnames = 0;
    for (int i = 0; i < argc; i++) {
        conv[i] = argv[i];
        if (i < 2 && argv[i].kind == VAL_OBJ && obj_to_array(argv[i], &conv[i])) {
            owned[i] = true;
            const ObjType *t = argv[i].as.obj->type;
            if (i == 0 && t->field_names) nnames = t->field_names(argv[i].as.obj, &names);
        }
    }
    bool ok = best_split(in, ci, argc, conv, names, nnames, out);
    for (int i = 0; i < argc; i++)
        if (owned[i]) value_release(conv[i]);
    return ok;
}

/* }===================== */

/* {===================== why explainers (why.h) */

/* " with p = [0.5, 0.5], q = r" naming the arguments, or "" when they are called p and q. */
static const char *naming(const CallInfo *ci, char *buf, size_t size) {
    char tp[32], tq[32];
    arg_text(ci, 0, tp, sizeof tp);
    arg_text(ci, 1, tq, sizeof tq);
    if (strcmp(tp, "p") == 0 && strcmp(tq, "q") == 0) buf[0] = '\0';
    else snprintf(buf, size, " with p = %s, q = %s", tp, tq);
    return buf;
}


bool why_cross_entropy(Interp *in, const CallInfo *ci, int argc, const Value *argv, FILE *out) {
    const Array *p, *q;
    Base b;
    if (!two_dists(in, ci, argc, argv, &p, &q, &b)) return false;
    double h, sum;
    size_t bad, at;
    it_entropy(p->data, p->len, interp_threads(in), &h, &sum, &bad);
    double kl = it_kl(p->data, q->data, p->len, &at);
    double ce = it_cross_entropy(p->data, q->data, p->len, &at);
    char a[48], bb[48], c[48], names[96];
    fprintf(out, "H(p, q) = −Σ p·%s q%s: the average surprise of outcomes drawn from p when coded for q\n", log_name(b),
            naming(ci, names, sizeof names));
    fprintf(out, "        = H(p) + D_KL(p ‖ q): the entropy of p itself plus the cost of believing q\n");
    fprintf(out, "        = %s + %s\n", with_unit(h, b, a, sizeof a), with_unit(kl, b, bb, sizeof bb));
    fprintf(out, "        = %s\n", with_unit(ce, b, c, sizeof c));
    if (at != NONE)
        fprintf(out, "It is infinite because q%s = 0 where p%s = %.6g: an outcome that happens costs −%s 0 = ∞.\n",
                position(q, at, a, sizeof a), position(p, at, bb, sizeof bb), p->data[at], log_name(b));
    else
        fprintf(out, "The excess over H(p) is D_KL(p ‖ q) = %s, 0 only when q = p.\n", with_unit(kl, b, a, sizeof a));
    return true;
}

bool why_kl(Interp *in, const CallInfo *ci, int argc, const Value *argv, FILE *out) {
    const Array *p, *q;
    Base b;
    if (!two_dists(in, ci, argc, argv, &p, &q, &b)) return false;
    size_t at;
    double kl = it_kl(p->data, q->data, p->len, &at);
    char a[48], bb[48], names[96];
    const char *lg = log_name(b);
    fprintf(out, "D_KL(p ‖ q) = Σ p·%s(p / q)%s: the extra %s per outcome paid for coding p with q\n", lg,
            naming(ci, names, sizeof names), b.unit == UNIT_NATS ? "nats" : b.unit == UNIT_BITS ? "bits" : "units");
    size_t shown = 0;
    for (size_t i = 0; i < p->len && shown < 8; i++) {
        if (p->data[i] == 0) continue;
        shown++;
        double term = q->data[i] == 0 ? INFINITY : p->data[i] * log(p->data[i] / q->data[i]);
        fprintf(out, "  i = %zu: %.6g·%s(%.6g / %.6g) = %s\n", i + 1, p->data[i], lg, p->data[i], q->data[i],
                with_unit(term, b, a, sizeof a));
    }
    if (shown < p->len) fprintf(out, "  (terms with p = 0 count 0: 0·log 0 = 0)\n");
    fprintf(out, "D_KL(p ‖ q) = %s\n", with_unit(kl, b, a, sizeof a));
    if (at != NONE)
        fprintf(out, "It is infinite because q%s = 0 where p%s = %.6g > 0: q says impossible what p says happens,\n"
                     "and %s(p / 0) = ∞. (D_KL(q ‖ p) or js(p, q) stay finite.)\n",
                position(q, at, a, sizeof a), position(p, at, bb, sizeof bb), p->data[at], lg);
    else if (kl == 0)
        fprintf(out, "It is 0 because q = p.\n");
    return true;
}

bool why_entropy(Interp *in, const CallInfo *ci, int argc, const Value *argv, FILE *out) {
    Base b = BITS;
    if (argc == 2 && !base_arg(in, ci, argv, 1, &b)) return false;
    const Array *p;
    if (!dist_arg(in, ci, argv, 0, false, &p)) return false;
    double h, sum;
    size_t bad;
    it_entropy(p->data, p->len, interp_threads(in), &h, &sum, &bad);
    const char *lg = log_name(b);
    char a[48], t[32];
    arg_text(ci, 0, t, sizeof t);
    fprintf(out, "H(p) = −Σ p·%s p%s%s: the average surprise −%s p of an outcome\n", lg, strcmp(t, "p") ? " with p = " : "",
            strcmp(t, "p") ? t : "", lg);
    size_t shown = 0, zeros = 0;
    for (size_t i = 0; i < p->len; i++) {
        if (p->data[i] == 0) { zeros++; continue; }
        if (shown++ >= 8) continue;
        fprintf(out, "  i = %zu: −%.6g·%s %.6g = %s\n", i + 1, p->data[i], lg, p->data[i],
                with_unit(-p->data[i] * log(p->data[i]), b, a, sizeof a));
    }
    if (shown > 8) fprintf(out, "  … (%zu more terms)\n", shown - 8);
    if (zeros) fprintf(out, "  (%zu term%s with p = 0 count 0: 0·log 0 = 0)\n", zeros, zeros == 1 ? "" : "s");
    fprintf(out, "H(p) = %s", with_unit(h, b, a, sizeof a));
    fprintf(out, "; the most for %zu outcomes is %s, when all are equally likely\n", p->len,
            with_unit(log((double)p->len), b, a, sizeof a));
    return true;
}

/* }===================== */

static const Builtin entries[] = {
    {.name = "entropy", .min_args = 1, .max_args = 2, .fn = fn_entropy,
     .signature = "entropy(p, base = 2)",
     .summary = "Shannon entropy −Σ p·log p in bits (base e or \"nats\": nats); a matrix is a joint table: H(X, Y); 0·log 0 = 0",
     .example = "entropy([0.5, 0.25, 0.25])", .related = "H, cross_entropy, kl, normalize", .pillar = "information theory"},
    {.name = "H", .min_args = 1, .max_args = 2, .fn = fn_entropy,
     .signature = "H(p, base = 2)", .summary = "entropy in bits, as books write it: H(p) is entropy(p)",
     .example = "H([0.5, 0.5])", .related = "entropy", .pillar = "information theory"},
    {.name = "joint_entropy", .min_args = 1, .max_args = 2, .fn = fn_joint_entropy,
     .signature = "joint_entropy(J, base = 2)", .summary = "H(X, Y) in bits of a joint table J (rows X, columns Y, all cells summing to 1)",
     .example = "joint_entropy([0.25, 0.25; 0.25, 0.25])", .related = "conditional_entropy, mutual_information", .pillar = "information theory"},
    {.name = "conditional_entropy", .min_args = 1, .max_args = 2, .fn = fn_conditional_entropy,
     .signature = "conditional_entropy(J, base = 2)", .summary = "H(Y | X) = H(X, Y) − H(X) in bits of a joint table J (rows X, columns Y)",
     .example = "conditional_entropy([0.5, 0; 0.25, 0.25])", .related = "joint_entropy, mutual_information", .pillar = "information theory"},
    {.name = "cross_entropy", .min_args = 2, .max_args = 3, .fn = fn_cross_entropy,
     .signature = "cross_entropy(p, q, base = 2)",
     .summary = "H(p, q) = −Σ p·log q in bits = H(p) + D_KL(p ‖ q); ∞ where q = 0 but p > 0 (why cross_entropy(p, q) explains)",
     .example = "cross_entropy([0.5, 0.5], [0.9, 0.1])", .related = "kl, entropy, categorical_cross_entropy", .pillar = "information theory"},
    {.name = "kl", .min_args = 2, .max_args = 3, .fn = fn_kl,
     .signature = "kl(p, q, base = 2)",
     .summary = "KL divergence D_KL(p ‖ q) = Σ p·log(p / q) in bits (SciPy's rel_entr summed, which is in nats); ∞ where q = 0 but p > 0",
     .example = "kl([0.5, 0.5], [0.9, 0.1])", .related = "D_KL, js, cross_entropy", .pillar = "information theory"},
    {.name = "D_KL", .min_args = 2, .max_args = 3, .fn = fn_kl,
     .signature = "D_KL(p ‖ q)", .summary = "KL divergence in bits, as books write it: D_KL(p ‖ q) is kl(p, q)",
     .example = "D_KL([0.5, 0.5] ‖ [0.9, 0.1])", .related = "kl", .pillar = "information theory"},
    {.name = "js", .min_args = 2, .max_args = 3, .fn = fn_js,
     .signature = "js(p, q, base = 2)",
     .summary = "Jensen–Shannon divergence ½ D_KL(p ‖ m) + ½ D_KL(q ‖ m), m = (p + q)/2, in bits (0 to 1); SciPy's jensenshannon is its square root",
     .example = "js([1, 0], [0, 1])", .related = "kl", .pillar = "information theory"},
    {.name = "mutual_information", .min_args = 1, .max_args = 3, .fn = fn_mutual_information,
     .signature = "mutual_information(J, base = 2) or mutual_information(x, y, base = 2)",
     .summary = "I(X; Y) in bits of a joint table J, or of two label vectors (scikit-learn's mutual_info_score is in nats)",
     .example = "mutual_information([1, 1, 2, 2], [1, 1, 2, 2])", .related = "entropy, information_gain", .pillar = "information theory"},
    {.name = "information_gain", .min_args = 2, .max_args = -1, .fn = fn_information_gain,
     .signature = "information_gain(y, y_1, y_2, …, base = 2) or information_gain(y, x > t)",
     .summary = "H(y) − Σ |y_k|/|y| · H(y_k) in bits: the entropy a split of the labels y into y_1, y_2, … (or by a 0/1 mask) removes",
     .example = "information_gain([1, 1, 2, 2], [1, 1], [2, 2])", .related = "best_split, mutual_information", .pillar = "information theory"},
    {.name = "best_split", .min_args = 2, .max_args = 3, .fn = fn_best_split,
     .signature = "best_split(X, y, \"name1, name2\")",
     .summary = "each column's best threshold x > t for the labels y and its information gain in bits, best first (a decision tree's choice)",
     .example = "best_split([1, 5; 2, 6; 3, 5; 4, 6], [1, 1, 2, 2])", .related = "information_gain", .pillar = "information theory",
     .takes_objects = true},
    {.name = "surprise", .min_args = 1, .max_args = 2, .fn = fn_surprise,
     .signature = "surprise(p, base = 2)", .summary = "self-information −log p of an outcome of probability p, in bits",
     .example = "surprise(1/8)", .related = "entropy", .pillar = "information theory"},
    {.name = "perplexity", .min_args = 1, .max_args = 2, .fn = fn_perplexity,
     .signature = "perplexity(p) or perplexity(y, P)",
     .summary = "e^H: the number of equally likely outcomes with p's entropy; of a model, e^(mean cross-entropy) of labels y under rows P (a plain number)",
     .example = "perplexity([0.25, 0.25, 0.25, 0.25])", .related = "entropy, categorical_cross_entropy", .pillar = "information theory"},
    {.name = "normalize", .min_args = 1, .max_args = 1, .fn = fn_normalize,
     .signature = "normalize(w)", .summary = "w divided by its sum (all entries of a matrix): non-negative weights made a distribution",
     .example = "normalize([1, 2, 5])", .related = "entropy", .pillar = "information theory"},
    {.name = "binary_cross_entropy", .min_args = 2, .max_args = 3, .fn = fn_bce,
     .signature = "binary_cross_entropy(y, p, base = e)",
     .summary = "mean of −(y·ln p + (1 − y)·ln(1 − p)) in nats, as Keras and scikit-learn's log_loss; p exactly 0 or 1 on the wrong side is ∞ (not clipped: Keras clips to 1e-7, use bce_logits)",
     .example = "binary_cross_entropy([1, 0, 1], [0.9, 0.2, 0.7])", .related = "bce_logits, categorical_cross_entropy", .pillar = "information theory"},
    {.name = "bce_logits", .min_args = 2, .max_args = 3, .fn = fn_bce_logits,
     .signature = "bce_logits(y, z, base = e)",
     .summary = "binary cross-entropy of labels y against logits z (p = σ(z)) in nats, stable: mean of max(z, 0) − z·y + ln(1 + e^−|z|)",
     .example = "bce_logits([1, 0], [2, -1])", .related = "binary_cross_entropy, sigmoid", .pillar = "information theory"},
    {.name = "categorical_cross_entropy", .min_args = 2, .max_args = 3, .fn = fn_categorical,
     .signature = "categorical_cross_entropy(y, P, base = e)",
     .summary = "mean over rows of −ln P[i, y_i] in nats; y class numbers 1..k or one-hot rows; rows of P sum to 1 (as Keras and scikit-learn's log_loss)",
     .example = "categorical_cross_entropy([1, 2], [0.8, 0.2; 0.4, 0.6])", .related = "log_loss, cross_entropy_logits", .pillar = "information theory"},
    {.name = "log_loss", .min_args = 2, .max_args = 3, .fn = fn_categorical,
     .signature = "log_loss(y, P, base = e)", .summary = "categorical cross-entropy in nats, scikit-learn's name: mean over samples",
     .example = "log_loss([1, 2], [0.8, 0.2; 0.4, 0.6])", .related = "categorical_cross_entropy", .pillar = "information theory"},
    {.name = "cross_entropy_logits", .min_args = 2, .max_args = 3, .fn = fn_categorical_logits,
     .signature = "cross_entropy_logits(y, Z, base = e)",
     .summary = "categorical cross-entropy from logits Z (softmax inside, by log-sum-exp: stable) in nats, mean over rows, as PyTorch's CrossEntropyLoss",
     .example = "cross_entropy_logits([1, 2], [2, 0; 0, 1])", .related = "categorical_cross_entropy, softmax", .pillar = "information theory"},
};

const BuiltinTable builtins_info = {entries, sizeof entries / sizeof entries[0]};
