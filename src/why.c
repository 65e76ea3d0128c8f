/* why.c — the table of things `why` explains (see why.h). */
#include "why.h"

#include "builtins_calc.h"
#include "eval_prob.h"

typedef struct WhyRow {
    bool (*accepts)(const Node *n);
    Flow (*explain)(Interp *in, Frame *fr, Node *s);
} WhyRow;

static bool is_probability(const Node *n) { return n->kind == N_PROB; }

static const WhyRow rows[] = {
    {is_probability, evalprob_why},   /* why P(A | B): the rules of probability used */
    {calc_why_accepts, calc_why},     /* why d/dx f: the derivative rules used */
};

bool why_accepts(const Node *n) {
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        if (rows[i].accepts(n)) return true;
    return false;
}

const char *why_usage(void) {
    return "'why' explains a probability or a derivative: why P(A | B), why d/dx sin(x^2)";
}

Flow why_explain(Interp *in, Frame *fr, Node *s) {
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        if (rows[i].accepts(s->a)) return rows[i].explain(in, fr, s);
    interp_error(in, node_extent(s->a), "%s", why_usage());
    return FLOW_ERROR;
}
