/* eval_rv.c — events on random variables inside P(…): P(X > 1.96), P(-1 < X < 1), P(K = 3),
 * P(X ≤ 2 | X > 1), and why P(X > 1.96). eval_prob.c hands a P(…) here when its events are
 * comparisons.
 *
 * Each comparison becomes an interval (or, for ≠, the complement of a point) on one random
 * variable; variables are told apart by the distribution object they hold (Y = X is the same
 * variable; two `~` statements make independent ones), so a conjunction multiplies over the
 * variables and intersects the intervals of each. Both sides of a comparison may be random:
 * X > Y is X − Y > 0 when X − Y has a closed form. A condition that underflows is taken from
 * log tails. Each event holds a reference to its distribution until the query is freed. */
#include "eval_rv.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "dist.h"
#include "object.h"
#include "print.h"

enum { RV_MAX = 16 };

typedef struct RvEvent {
    Value held;          /* owned: the distribution the event is about */
    double lo, hi;
    bool lo_open, hi_open;
    bool not_equal;      /* X ≠ lo (then lo == hi) */
    Span span;           /* the comparison, for messages */
    const char *name;    /* the variable's name when the random side is a name, else NULL */
} RvEvent;

static bool contains_compare(const Node *e) {
    if (!e) return false;
    if (e->kind == N_COMPARE) return true;
    if (e->kind == N_GIVEN || e->kind == N_AND || (e->kind == N_BINARY && e->op == OP_INTERSECT))
        return contains_compare(e->a) || contains_compare(e->b);
    if (e->kind == N_UNARY && e->op == OP_NOT) return contains_compare(e->a);
    return false;
}

bool evalrv_is_query(const Node *p) {
    for (int i = 0; i < p->nlist; i++)
        if (contains_compare(p->list[i])) return true;
    return false;
}

static int flip(int op) {
    switch (op) {
    case OP_LT: return OP_GT;
    case OP_LE: return OP_GE;
    case OP_GT: return OP_LT;
    case OP_GE: return OP_LE;
    default: return op;
    }
}

static void set_interval(RvEvent *ev, int op, double c) {
    ev->lo = -INFINITY; ev->hi = INFINITY; ev->lo_open = ev->hi_open = false; ev->not_equal = false;
    switch (op) {
    case OP_LT: ev->hi = c; ev->hi_open = true; break;
    case OP_LE: ev->hi = c; break;
    case OP_GT: ev->lo = c; ev->lo_open = true; break;
    case OP_GE: ev->lo = c; break;
    case OP_EQ: ev->lo = ev->hi = c; break;
    case OP_NE: ev->lo = ev->hi = c; ev->not_equal = true; break;
    default: break;
    }
}

static bool not_random(Interp *in, Node *operand, Value v) {
    char what[64];
    if (operand->kind == N_GLOBAL || operand->kind == N_LOCAL || operand->kind == N_NAME)
        return interp_error(in, operand->span, "'%s' is not a random variable (it is %s); bind one with %s ~ Normal(0, 1)",
                            operand->name, value_describe(v, what, sizeof what), operand->name);
    return interp_error(in, node_extent(operand), "this is not a random variable (it is %s); events in P(…) compare one, as in P(X > 1)",
                        value_describe(v, what, sizeof what));
}

static bool number_side(Interp *in, Node *operand, Value v, double *c) {
    if (v.kind == VAL_NUM) { *c = v.as.num; return true; }
    char what[64];
    return interp_error(in, node_extent(operand), "an event compares a random variable with a number; this is %s",
                        value_describe(v, what, sizeof what));
}

/* One comparison (or a chain lo < X < hi) as an event. */
static bool rv_event(Interp *in, Frame *fr, Node *e, RvEvent *ev) {
    ev->held = value_nil();
    ev->span = node_extent(e);
    ev->name = NULL;
    {
        Node *side = e->flag ? e->a->b : e->a;
        if ((side->kind == N_GLOBAL || side->kind == N_LOCAL) && side->name) ev->name = side->name;
        else if (!e->flag && (e->b->kind == N_GLOBAL || e->b->kind == N_LOCAL) && e->b->name) ev->name = e->b->name;
    }
    if (e->flag) { /* a < X < b: n->a is (a < X) */
        Node *left = e->a;
        if (left->flag) return interp_error(in, ev->span, "P(…) takes a chain of at most two comparisons: P(a < X < b)");
        Value a, x, b;
        if (!eval_expr(in, fr, left->a, &a)) return false;
        if (!eval_expr(in, fr, left->b, &x)) { value_release(a); return false; }
        if (!eval_expr(in, fr, e->b, &b)) { value_release(a); value_release(x); return false; }
        bool ok = true;
        double lo = 0, hi = 0;
        if (!value_is_dist(x)) ok = not_random(in, left->b, x);
        else ok = number_side(in, left->a, a, &lo) && number_side(in, e->b, b, &hi);
        value_release(a);
        value_release(b);
        if (!ok) { value_release(x); return false; }
        int op1 = left->op, op2 = e->op;
        bool up = (op1 == OP_LT || op1 == OP_LE) && (op2 == OP_LT || op2 == OP_LE);
        bool down = (op1 == OP_GT || op1 == OP_GE) && (op2 == OP_GT || op2 == OP_GE);
        if (!up && !down) {
            value_release(x);
            return interp_error(in, ev->span, "a chain in P(…) goes one way: P(a < X < b) or P(b > X > a)");
        }
        ev->held = x;
        ev->not_equal = false;
        if (up) { ev->lo = lo; ev->lo_open = op1 == OP_LT; ev->hi = hi; ev->hi_open = op2 == OP_LT; }
        else { ev->lo = hi; ev->lo_open = op2 == OP_GT; ev->hi = lo; ev->hi_open = op1 == OP_GT; }
        return true;
    }
    Value a, b;
    if (!eval_expr(in, fr, e->a, &a)) return false;
    if (!eval_expr(in, fr, e->b, &b)) { value_release(a); return false; }
    bool ad = value_is_dist(a), bd = value_is_dist(b);
    bool ok = true;
    double c = 0;
    int op = e->op;
    if (ad && bd) { /* X op Y is X − Y op 0 */
        Value diff;
        ok = obj_binary(in, OP_SUB, a, b, e->span, &diff);
        if (!ok) { /* say why a difference was wanted */
            char da[64], db[64];
            in->error.set = false;
            interp_error(in, e->span, "comparing two random variables needs the distribution of their difference, and %s minus %s "
                         "has no closed form here; estimate it from draws: mean(sample(X, 100000) > sample(Y, 100000))",
                         value_describe(a, da, sizeof da), value_describe(b, db, sizeof db));
        }
        if (ok && !value_is_dist(diff)) { /* X − X is 0: the event is certain or impossible */
            set_interval(ev, op, 0);
            value_release(diff);
            diff = value_obj(&dist_new(DF_NORMAL, (double[]){0, 1}, NULL, 0)->obj);
            ev->lo = -INFINITY; ev->hi = INFINITY; ev->not_equal = false;
            bool truth = op == OP_EQ || op == OP_LE || op == OP_GE;
            if (!truth) { ev->lo = INFINITY; ev->hi = -INFINITY; }
            ev->held = diff;
            value_release(a);
            value_release(b);
            return true;
        }
        if (ok) { ev->held = diff; set_interval(ev, op, 0); }
        value_release(a);
        value_release(b);
        return ok;
    }
    if (ad) ok = number_side(in, e->b, b, &c);
    else if (bd) { ok = number_side(in, e->a, a, &c); op = flip(op); }
    else ok = not_random(in, (a.kind == VAL_NUM && (e->b->kind == N_GLOBAL || e->b->kind == N_LOCAL)) ? e->b : e->a,
                         (a.kind == VAL_NUM && (e->b->kind == N_GLOBAL || e->b->kind == N_LOCAL)) ? b : a);
    if (ok) {
        ev->held = value_retain(ad ? a : b);
        set_interval(ev, op, c);
    }
    value_release(a);
    value_release(b);
    return ok;
}

static bool rv_collect(Interp *in, Frame *fr, Node *e, RvEvent *evs, int *n) {
    if (e->kind == N_AND || (e->kind == N_BINARY && e->op == OP_INTERSECT))
        return rv_collect(in, fr, e->a, evs, n) && rv_collect(in, fr, e->b, evs, n);
    if (e->kind != N_COMPARE)
        return interp_error(in, node_extent(e), "events on random variables are comparisons such as X > 1; "
                                                "stated events (P(A) = …) cannot be mixed with them");
    if (*n >= RV_MAX) return interp_error(in, e->span, "P(…) takes at most %d comparisons", RV_MAX);
    if (!rv_event(in, fr, e, &evs[*n])) return false;
    (*n)++;
    return true;
}

/* P(all of evs) (or its log, lg): independent across variables, intervals intersected within one. */
static bool rv_probability(Interp *in, const RvEvent *evs, int n, bool lg, double *out) {
    bool done[RV_MAX] = {false};
    double prob = lg ? 0 : 1;
    for (int i = 0; i < n; i++) {
        if (done[i]) continue;
        const Obj *var = evs[i].held.as.obj;
        double lo = -INFINITY, hi = INFINITY;
        bool lo_open = false, hi_open = false;
        int nne = 0;
        double ne = 0;
        for (int j = i; j < n; j++) {
            if (evs[j].held.as.obj != var) continue;
            done[j] = true;
            const RvEvent *e = &evs[j];
            if (e->not_equal) {
                if (nne++ && e->lo != ne) return interp_error(in, e->span, "P(…) takes one '≠' per random variable");
                ne = e->lo;
                continue;
            }
            if (e->lo > lo || (e->lo == lo && e->lo_open)) { lo = e->lo; lo_open = e->lo_open; }
            if (e->hi < hi || (e->hi == hi && e->hi_open)) { hi = e->hi; hi_open = e->hi_open; }
        }
        const Dist *d = dist_of(evs[i].held);
        bool discrete = dist_info[d->family].discrete;
        double p;
        if (lo > hi || (lo == hi && !discrete)) p = lg ? -INFINITY : 0;
        else p = lg ? dist_log_interval(d, lo, lo_open, hi, hi_open) : dist_interval(d, lo, lo_open, hi, hi_open);
        if (nne && discrete) { /* remove the point ne when it lies in the interval */
            bool inside = (ne > lo || (ne == lo && !lo_open)) && (ne < hi || (ne == hi && !hi_open));
            if (inside && lg) p = p + log1p(-exp(dist_pdf(d, ne, true) - p));
            else if (inside) p = fmax(0, p - dist_pdf(d, ne, false));
            if (isnan(p)) p = lg ? -INFINITY : 0;
        }
        if (lg) prob += p;
        else prob *= p;
    }
    *out = prob;
    return true;
}

typedef struct RvQuery {
    RvEvent target[RV_MAX], cond[RV_MAX];
    int ntarget, ncond;
} RvQuery;

static void rv_query_free(RvQuery *q) {
    for (int i = 0; i < q->ntarget; i++) value_release(q->target[i].held);
    for (int i = 0; i < q->ncond; i++) value_release(q->cond[i].held);
}

static bool rv_query_of(Interp *in, Frame *fr, Node *p, RvQuery *q) {
    q->ntarget = q->ncond = 0;
    for (int i = 0; i < p->nlist; i++) {
        Node *arg = p->list[i];
        if (arg->kind == N_GIVEN) {
            if (i != p->nlist - 1) return interp_error(in, arg->span, "'|' must come after all the events");
            if (!rv_collect(in, fr, arg->a, q->target, &q->ntarget)) return false;
            if (!rv_collect(in, fr, arg->b, q->cond, &q->ncond)) return false;
        } else if (!rv_collect(in, fr, arg, q->target, &q->ntarget)) {
            return false;
        }
    }
    return true;
}

/* P(target | cond) = P(target ∩ cond) / P(cond); *joint and *given get the two parts. */
static bool rv_value(Interp *in, RvQuery *q, Span span, double *out, double *joint, double *given) {
    RvEvent all[2 * RV_MAX];
    int n = 0;
    for (int i = 0; i < q->ntarget; i++) all[n++] = q->target[i];
    for (int i = 0; i < q->ncond; i++) all[n++] = q->cond[i];
    double pj, pc = 1;
    if (!rv_probability(in, all, n, false, &pj)) return false;
    if (q->ncond && !rv_probability(in, q->cond, q->ncond, false, &pc)) return false;
    *joint = pj;
    *given = pc;
    if (q->ncond && pc < DBL_MIN) {
        /* the condition underflows (P(X > 40 | X > 39)): the ratio from log probabilities */
        double lj, lc;
        if (!rv_probability(in, all, n, true, &lj) || !rv_probability(in, q->cond, q->ncond, true, &lc)) return false;
        if (lc == -INFINITY) return interp_error(in, span, "the condition has probability 0, so P(… | …) is undefined");
        *out = exp(lj - lc);
        return true;
    }
    *out = q->ncond ? pj / pc : pj;
    return true;
}

bool evalrv_query(Interp *in, Frame *fr, Node *n, Value *out) {
    RvQuery q;
    bool ok = rv_query_of(in, fr, n, &q);
    double v = 0, joint, given;
    if (ok) ok = rv_value(in, &q, n->span, &v, &joint, &given);
    rv_query_free(&q);
    if (ok) *out = value_num(v);
    return ok;
}

static const char *text_of(Span s, char *buf, size_t size) {
    int len = (int)s.length;
    snprintf(buf, size, "%.*s", len, s.src->text + s.offset);
    return buf;
}

/* why P(X > 1.96): each variable, the standardisation of a Normal, the tail used and the value. */
bool evalrv_why(Interp *in, Frame *fr, Node *p) {
    RvQuery q;
    if (!rv_query_of(in, fr, p, &q)) { rv_query_free(&q); return false; }
    double v, joint, given;
    if (!rv_value(in, &q, p->span, &v, &joint, &given)) { rv_query_free(&q); return false; }
    FILE *o = in->out;
    char buf[512], num[3][40], ev[256];
    const char *whole = text_of(node_extent(p), ev, sizeof ev);
    /* the variables, once each */
    for (int i = 0; i < q.ntarget + q.ncond; i++) {
        const RvEvent *e = i < q.ntarget ? &q.target[i] : &q.cond[i - q.ntarget];
        bool seen = false;
        for (int j = 0; j < i; j++) {
            const RvEvent *f = j < q.ntarget ? &q.target[j] : &q.cond[j - q.ntarget];
            seen = seen || f->held.as.obj == e->held.as.obj;
        }
        if (seen) continue;
        if (e->name) fprintf(o, "given: %s ~ %s\n", e->name, dist_text(dist_of(e->held), buf, sizeof buf));
        else fprintf(o, "given: %s\n", dist_text(dist_of(e->held), buf, sizeof buf));
    }
    int indent = 0; /* characters, not bytes: ≤ is one column */
    for (const char *c = whole; *c; c++) indent += ((unsigned char)*c & 0xC0) != 0x80;
    bool explained = true;
    if (q.ncond == 0 && q.ntarget == 1 && !q.target[0].not_equal) {
        const RvEvent *e = &q.target[0];
        const Dist *d = dist_of(e->held);
        bool upper = e->hi == INFINITY && e->lo != -INFINITY;
        if (d->family == DF_NORMAL) {
            double mu = d->p[0], s = d->p[1];
            double zlo = (e->lo - mu) / s, zhi = (e->hi - mu) / s;
            fprintf(o, "%s = ", whole);
            if (e->lo == -INFINITY)
                fprintf(o, "P(Z %s (%s − %s) / %s)", e->hi_open ? "<" : "≤", print_number(e->hi, num[0], 40), print_number(mu, num[1], 40), print_number(s, num[2], 40));
            else if (e->hi == INFINITY)
                fprintf(o, "P(Z %s (%s − %s) / %s)", e->lo_open ? ">" : "≥", print_number(e->lo, num[0], 40), print_number(mu, num[1], 40), print_number(s, num[2], 40));
            else
            {
                char hi_text[40];
                fprintf(o, "P((%s − %s) / %s < Z < (%s − %s) / %s)", print_number(e->lo, num[0], 40), print_number(mu, num[1], 40),
                        print_number(s, num[2], 40), print_number(e->hi, hi_text, 40), num[1], num[2]);
            }
            fprintf(o, "    [standardise: Z = (X − μ) / σ ~ Normal(0, 1)]\n");
            if (e->lo == -INFINITY) {
                fprintf(o, "%*s = Φ(%s)\n", indent, "", print_number(zhi, num[0], 40));
            } else if (upper) {
                fprintf(o, "%*s = P(Z > %s)\n", indent, "", print_number(zlo, num[0], 40));
                fprintf(o, "%*s = 1 − Φ(%s)    [the upper tail, computed as a tail (not by subtracting from 1)]\n", indent, "", num[0]);
            } else {
                fprintf(o, "%*s = Φ(%s) − Φ(%s)\n", indent, "", print_number(zhi, num[0], 40), print_number(zlo, num[1], 40));
            }
        } else {
            fprintf(o, "%s = ", whole);
            if (e->lo == e->hi) fprintf(o, "pdf(%s, %s)    [the %s pmf]", e->name ? e->name : "X", print_number(e->lo, num[0], 40),
                                        dist_info[d->family].name);
            else if (e->lo == -INFINITY) fprintf(o, "F(%s)    [the cdf]", print_number(e->hi, num[0], 40));
            else if (upper) fprintf(o, "1 − F(%s)    [the upper tail, computed as a tail]", print_number(e->lo, num[0], 40));
            else fprintf(o, "F(%s) − F(%s)", print_number(e->hi, num[0], 40), print_number(e->lo, num[1], 40));
            fputc('\n', o);
        }
    } else if (q.ncond) {
        char joint_text[512], cond_text[256], part[128];
        size_t used = 0, cused = 0;
        joint_text[0] = cond_text[0] = '\0';
        for (int i = 0; i < q.ntarget + q.ncond; i++) {
            const RvEvent *e = i < q.ntarget ? &q.target[i] : &q.cond[i - q.ntarget];
            text_of(e->span, part, sizeof part);
            if (used < sizeof joint_text)
                used += (size_t)snprintf(joint_text + used, sizeof joint_text - used, "%s%s", i ? " ∩ " : "", part);
            if (i >= q.ntarget && cused < sizeof cond_text)
                cused += (size_t)snprintf(cond_text + cused, sizeof cond_text - cused, "%s%s", i > q.ntarget ? " ∩ " : "", part);
        }
        fprintf(o, "%s = P(%s) / P(%s)    [definition of conditional probability]\n", whole, joint_text, cond_text);
        fprintf(o, "%*s = %s / %s\n", indent, "", print_number(joint, num[0], 40), print_number(given, num[1], 40));
    } else {
        explained = false;
    }
    if (!explained && q.ntarget == 1) { /* X ≠ c */
        fprintf(o, "%s = 1 − P(%s = %s)\n", whole, q.target[0].name ? q.target[0].name : "X", print_number(q.target[0].lo, num[0], 40));
    } else if (!explained) { /* several events: independent variables multiply, one variable intersects */
        bool distinct = true;
        for (int i = 0; i < q.ntarget; i++)
            for (int j = 0; j < i; j++) distinct = distinct && q.target[i].held.as.obj != q.target[j].held.as.obj;
        fprintf(o, "%s = %s\n", whole, distinct ? "the product of the events' probabilities    [independent random variables]"
                                               : "the probability of the intersection of the intervals");
    }
    fprintf(o, "%*s = %s\n", indent, "", print_number(v, num[0], 40));
    rv_query_free(&q);
    return true;
}

