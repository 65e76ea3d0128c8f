/* eval_prob.c — P(…) in the evaluator (see eval_prob.h): from the resolved argument of P to a
 * ProbQuery of event literals, and the three statements that use one. */
#include "eval_prob.h"

#include <string.h>

#include "eval_rv.h"
#include "prob.h"

/* Collects the literals of an event expression: A, not A, A ∩ B, (A, B as separate args). */
static bool event_literals(Interp *in, Node *e, ProbLiteral *lits, int *count) {
    if (e->kind == N_BINARY && e->op == OP_INTERSECT)
        return event_literals(in, e->a, lits, count) && event_literals(in, e->b, lits, count);
    if (e->kind == N_AND)
        return event_literals(in, e->a, lits, count) && event_literals(in, e->b, lits, count);
    bool negated = false;
    Node *negation = NULL;
    while (e->kind == N_UNARY && e->op == OP_NOT) { negated = !negated; negation = e; e = e->a; }
    if (negation && ((e->kind == N_BINARY && e->op == OP_INTERSECT) || e->kind == N_AND))
        /* `not` binds more loosely than ∩, so this is the complement of the intersection */
        return interp_error(in, node_extent(negation),
                            "P(…) cannot take the complement of an intersection; for (not A) ∩ B write (not A) ∩ B or B ∩ not A");
    if (e->kind != N_NAME && e->kind != N_GLOBAL && e->kind != N_LOCAL)
        return interp_error(in, e->span, "inside P(…) write events as names: P(A), P(not A), P(A, B), P(A | B)");
    if (*count >= PROB_MAX_LITERALS)
        return interp_error(in, e->span, "P(…) takes at most %d events on each side of '|'", PROB_MAX_LITERALS);
    lits[*count].event = e->name;
    lits[*count].negated = negated;
    (*count)++;
    return true;
}

static bool prob_query_of(Interp *in, Node *p, ProbQuery *q) {
    memset(q, 0, sizeof *q);
    if (p->nlist == 0) return interp_error(in, p->span, "P(…) needs an event: P(A), P(A | B)");
    for (int i = 0; i < p->nlist; i++) {
        Node *arg = p->list[i];
        if (arg->kind == N_GIVEN) {
            if (i != p->nlist - 1) return interp_error(in, arg->span, "'|' must come after all the events; join several conditions with ∩: P(A | B ∩ C)");
            if (!event_literals(in, arg->a, q->target, &q->ntarget)) return false;
            Node *cond = arg->b;
            /* P(A | B, C) parses as P(A | B) with a further argument: not reachable here */
            if (!event_literals(in, cond, q->cond, &q->ncond)) return false;
        } else if (!event_literals(in, arg, q->target, &q->ntarget)) {
            return false;
        }
    }
    return true;
}

bool evalprob_query(Interp *in, Frame *fr, Node *n, Value *out) {
    if (evalrv_is_query(n)) return evalrv_query(in, fr, n, out);
    ProbQuery q;
    if (!prob_query_of(in, n, &q)) return false;
    double value;
    char err[512];
    if (!prob_derive(in->prob, &q, &value, err, sizeof err, NULL))
        return interp_error(in, n->span, "%s", err);
    *out = value_num(value);
    return true;
}


Flow evalprob_fact(Interp *in, Frame *fr, Node *s) {
    /* P(X > 1) = 0.3: events on random variables are computed, not stated; event_literals
     * says events are names */
    ProbQuery q;
    if (!prob_query_of(in, s->a, &q)) return FLOW_ERROR;
    Value v;
    if (!eval_expr(in, fr, s->b, &v)) return FLOW_ERROR;
    if (v.kind != VAL_NUM) {
        interp_error(in, s->b->span, "a probability must be a number, got a %s", value_kind_name(v));
        value_release(v);
        return FLOW_ERROR;
    }
    char err[512];
    if (!prob_state(in->prob, &q, v.as.num, err, sizeof err)) {
        interp_error(in, s->b->span, "%s", err);
        return FLOW_ERROR;
    }
    return FLOW_NEXT;
}

Flow evalprob_why(Interp *in, Frame *fr, Node *s) {
    if (evalrv_is_query(s->a)) return evalrv_why(in, fr, s->a) ? FLOW_NEXT : FLOW_ERROR;
    ProbQuery q;
    if (!prob_query_of(in, s->a, &q)) return FLOW_ERROR;
    double value;
    char err[512];
    if (!prob_derive(in->prob, &q, &value, err, sizeof err, in->out)) {
        interp_error(in, s->a->span, "%s", err);
        return FLOW_ERROR;
    }
    return FLOW_NEXT;
}
