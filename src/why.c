/* why.c — the `why` statement (see why.h): P(…) goes to eval_prob.c, d/dx … (a diff call) to
 * builtins_calc.c, a call to the explainer its builtin has in the table below. */
#include "why.h"

#include <stdlib.h>
#include <string.h>

#include "builtins_calc.h"
#include "eval_prob.h"

static const struct {
    const char *name;
    WhyFn explain;
} explainers[] = {
    {"cross_entropy", why_cross_entropy},
    {"kl", why_kl},
    {"D_KL", why_kl},
    {"entropy", why_entropy},
    {"H", why_entropy},
    {"information_gain", why_information_gain},
    {"binary_cross_entropy", why_bce},
};
enum { NEXPLAINERS = sizeof explainers / sizeof explainers[0] };

WhyFn why_find(const char *name) {
    for (int i = 0; i < NEXPLAINERS; i++)
        if (strcmp(explainers[i].name, name) == 0) return explainers[i].explain;
    return NULL;
}

/* "cross_entropy, kl, D_KL" for messages. */
static void explainer_list(char *buf, size_t size) {
    size_t used = 0;
    buf[0] = '\0';
    for (int i = 0; i < NEXPLAINERS && used < size; i++)
        used += (size_t)snprintf(buf + used, size - used, "%s%s", i ? ", " : "", explainers[i].name);
}

Flow why_statement(Interp *in, Frame *fr, Node *s) {
    Node *call = s->a;
    if (call->kind == N_PROB) return evalprob_why(in, fr, s);
    if (calc_why_accepts(call)) return calc_why(in, fr, s); /* why d/dx …: the derivative rules */
    /* resolve.c lets only P(…) and calls through */
    Value callee;
    if (!eval_expr(in, fr, call->a, &callee)) return FLOW_ERROR;
    WhyFn explain = callee.kind == VAL_BUILTIN ? why_find(callee.as.builtin->name) : NULL;
    if (!explain) {
        char list[256];
        explainer_list(list, sizeof list);
        value_release(callee);
        interp_error(in, node_extent(call->a), "'why' explains P(…) and calls of %s", list);
        return FLOW_ERROR;
    }
    const Builtin *b = callee.as.builtin;
    int argc = call->nlist;
    if (argc < b->min_args || (b->max_args >= 0 && argc > b->max_args)) {
        interp_error(in, call->span, "%s expects %d to %d arguments, got %d (%s)", b->name, b->min_args, b->max_args,
                     argc, b->signature);
        return FLOW_ERROR;
    }
    Value *argv = calloc((size_t)argc + 1, sizeof *argv);
    Span *spans = calloc((size_t)argc + 1, sizeof *spans);
    bool ok = argv && spans;
    int done = 0;
    for (; ok && done < argc; done++) {
        spans[done] = node_extent(call->list[done]);
        if (!eval_expr(in, fr, call->list[done], &argv[done])) { ok = false; break; }
    }
    if (ok) {
        CallInfo ci = {call->span, spans, b};
        ok = explain(in, &ci, argc, argv, in->out);
    } else if (!argv || !spans) {
        interp_error(in, call->span, "out of memory");
    }
    for (int i = 0; i < done; i++) value_release(argv[i]);
    free(argv);
    free(spans);
    return ok ? FLOW_NEXT : FLOW_ERROR;
}
