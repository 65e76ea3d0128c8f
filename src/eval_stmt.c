/* eval_stmt.c — statements: assignments (lazy ranges, [a, b] = …), function definitions,
 * check and assert, for/while/if (compiled loops first, the general path as the meaning),
 * time, import, commands, why, and P(…) facts. */
#include "eval.h"
#include "eval_internal.h"

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "builtins.h"
#include "commands.h"
#include "elementwise.h"
#include "func.h"
#include "help_topics.h"
#include "kernels.h"
#include "linalg.h"
#include "member.h"
#include "object.h"
#include "dist.h"
#include "print.h"
#include "prog.h"
#include "slips.h"
#include "eval_prob.h"
#include "builtins_calc.h"
#include "why.h"

/* {===================== statements */

static void print_check_line(Interp *in, Node *s, bool passed, const char *detail) {
    FILE *o = in->out;
    const Source *src = s->span.src;
    const char *mark = passed ? "✓" : "✗";
    const char *colour = !in->use_colour ? "" : passed ? "\033[32m" : "\033[31m";
    const char *reset = in->use_colour ? "\033[0m" : "";
    fprintf(o, "%s%s%s %s:%d  %s", colour, mark, reset, src ? src->name : "?", s->span.line, s->name);
    if (detail && detail[0]) fprintf(o, "  %s", detail);
    fputc('\n', o);
}

static void format_value_brief(Value v, char *buf, size_t size) {
    char *text = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&text, &len);
    if (!m) { snprintf(buf, size, "?"); return; }
    print_value_brief(m, v);
    fclose(m);
    snprintf(buf, size, "%s", text);
    free(text);
}

/* Returns FLOW_NEXT; an error inside the check is a failed check, not a stopped script. */
COLD static Flow eval_check(Interp *in, Frame *fr, Node *s) {
    Value a = value_nil(), b = value_nil(), tol = value_nil();
    char detail[1024] = "";
    bool passed = false;
    bool ok = eval_expr(in, fr, s->a, &a);
    if (ok && s->b) ok = eval_expr(in, fr, s->b, &b);
    if (ok && s->c) ok = eval_expr(in, fr, s->c, &tol);
    if (ok) {
        if (s->op == CHECK_TRUE) {
            bool truth = false;
            ok = eval_truth(in, a, s->a, &truth);
            passed = ok && truth;
            if (ok && !passed) {
                char got[256];
                format_value_brief(a, got, sizeof got);
                snprintf(detail, sizeof detail, "got %s", got);
            }
        } else {
            double rel = 1e-9, abs_tol = 1e-12;
            if (s->op == CHECK_EQ) { rel = 0; abs_tol = 0; }
            if (s->c) {
                if (tol.kind != VAL_NUM || !(tol.as.num >= 0)) {
                    ok = interp_error(in, s->c->span, "'within' needs a non-negative number");
                } else {
                    rel = 0;
                    abs_tol = tol.as.num;
                }
            }
            if (ok) {
                bool equal = false;
                if (s->op == CHECK_EQ && (a.kind == VAL_STR || b.kind == VAL_STR)) {
                    equal = a.kind == VAL_STR && b.kind == VAL_STR && strcmp(a.as.str->text, b.as.str->text) == 0;
                } else if (s->op == CHECK_EQ && a.kind == VAL_ARR && b.kind == VAL_ARR &&
                           (a.as.arr->rows != b.as.arr->rows || a.as.arr->cols != b.as.arr->cols ||
                            a.as.arr->ndim != b.as.arr->ndim)) {
                    equal = false;
                } else {
                    ok = eval_approx_equal(in, a, b, rel, abs_tol, s->span, &equal);
                }
                passed = ok && equal;
                if (ok && !passed) {
                    char got[256], want[256];
                    format_value_brief(a, got, sizeof got);
                    format_value_brief(b, want, sizeof want);
                    if (a.kind == VAL_NUM && b.kind == VAL_NUM) {
                        char diff[64];
                        snprintf(diff, sizeof diff, "%.3g", fabs(a.as.num - b.as.num));
                        snprintf(detail, sizeof detail, "got %s, expected %s (difference %s)", got, want, diff);
                    } else {
                        snprintf(detail, sizeof detail, "got %s, expected %s", got, want);
                    }
                    char slip[480];
                    size_t used = strlen(detail);
                    if (slips_explain(in, s->a, s->b, a, b, rel, abs_tol, slip, sizeof slip))
                        snprintf(detail + used, sizeof detail - used, " — %s", slip);
                }
            }
        }
    }
    if (!ok) {
        snprintf(detail, sizeof detail, "error: %s", in->error.message);
        in->error.set = false;
    }
    value_release(a);
    value_release(b);
    value_release(tol);
    if (passed) in->checks.passed++;
    else in->checks.failed++;
    if (in->check_mode || !passed) print_check_line(in, s, passed, detail);
    return FLOW_NEXT;
}


/* Refuses to give a library name (a builtin such as sum, or a function of the prelude such as
 * sigmoid, which other library functions call) a new function: softmax would change its
 * meaning in silence. Values that are not functions may still take such a name (`mean = 4.2`):
 * a later call then fails with an error instead of a wrong number. */
static bool library_name_kept(Interp *in, int slot, Span span, const char *name) {
    const Global *g = &in->globals[slot];
    if (g->builtin.kind != VAL_BUILTIN && g->builtin.kind != VAL_FUNC) return true;
    return interp_error(in, span, "'%s' is %s of mlm's library and other functions rely on it; give your "
                        "function another name, such as my_%s", name,
                        g->builtin.kind == VAL_BUILTIN ? "a builtin" : "a function", name);
}

static Flow eval_assign(Interp *in, Frame *fr, Node *s) {
    Node *target = s->a;
    if (s->flag) { /* X ~ Normal(0, 1): an assignment whose value must be a distribution */
        Value v;
        if (!eval_expr(in, fr, s->b, &v)) return FLOW_ERROR;
        if (!value_is_dist(v)) {
            char what[64];
            interp_error(in, node_extent(s->b), "'~' needs a distribution on its right, such as Normal(0, 1); this is %s",
                         value_describe(v, what, sizeof what));
            value_release(v);
            return FLOW_ERROR;
        }
        value_replace(variable_slot(in, fr, target), v);
        return FLOW_NEXT;
    }
    if (target->kind != N_VECTOR && (s->b->kind == N_RANGE || s->b->kind == N_CALL)) {
        Value lazy;
        int st = eval_lazy_sequence(in, fr, s->b, &lazy);
        if (st == SCALAR_ERROR) return FLOW_ERROR;
        if (st == SCALAR_OK) {
            Value *slot = variable_slot(in, fr, target);
            value_replace(slot, lazy);
            return FLOW_NEXT;
        }
    }
    if (target->kind != N_VECTOR) {
        double d;
        int st = eval_scalar(in, fr, s->b, &d);
        if (st == SCALAR_ERROR) return FLOW_ERROR;
        if (st == SCALAR_OK) {
            Value *slot = variable_slot(in, fr, target);
            if (slot->kind > VAL_NUM) value_release(*slot);
            *slot = value_num(d);
            return FLOW_NEXT;
        }
    }
    Value v;
    if (!eval_expr(in, fr, s->b, &v)) return FLOW_ERROR;
    if (v.kind == VAL_NIL) {
        interp_error(in, s->b->span, "this call returns no value, so there is nothing to assign");
        return FLOW_ERROR;
    }
    Node *t = s->a;
    if (t->kind == N_VECTOR) {
        if (v.kind != VAL_OBJ || !v.as.obj->type->unpack) {
            value_release(v);
            interp_error(in, s->b->span, "[a, b] = … needs a function that returns several results");
            return FLOW_ERROR;
        }
        Value items[16];
        int count = v.as.obj->type->unpack(v.as.obj, items, 16);
        int got = count < 16 ? count : 16;
        if (t->nlist > count) {
            interp_error(in, s->span, "%d names on the left but only %d results", t->nlist, count);
            for (int i = 0; i < got; i++) value_release(items[i]);
            value_release(v);
            return FLOW_ERROR;
        }
        for (int i = 0; i < got; i++) {
            if (i >= t->nlist) { value_release(items[i]); continue; }
            Node *name = t->list[i];
            if (name->kind == N_LOCAL) value_replace(&fr->slots[name->slot], items[i]);
            else value_replace(&in->globals[name->slot].value, items[i]);
        }
        value_release(v);
        return FLOW_NEXT;
    }
    if (t->kind == N_GLOBAL && (v.kind == VAL_FUNC || v.kind == VAL_BUILTIN) &&
        !library_name_kept(in, t->slot, t->span, t->name)) {
        value_release(v);
        return FLOW_ERROR;
    }
    if (t->kind == N_LOCAL) value_replace(&fr->slots[t->slot], v);
    else value_replace(&in->globals[t->slot].value, v);
    return FLOW_NEXT;
}

COLD static Flow eval_funcdef(Interp *in, Frame *fr, Node *s) {
    if (!library_name_kept(in, s->b->slot, s->span, s->name)) return FLOW_ERROR;
    struct Func *f = func_new(++in->func_serial, s->name, s->nlist, s->list, s->a, s->slot, fr->arena, 0, NULL, NULL);
    Value v = {.kind = VAL_FUNC, .as.fn = f};
    value_replace(&in->globals[s->b->slot].value, v);
    return FLOW_NEXT;
}


COLD static Flow eval_for(Interp *in, Frame *fr, Node *s) {
    Node *var = s->c;
    Value *slot_ref;
#define VAR_SLOT() variable_slot(in, fr, var)
    double start, step, stop;
    Value seq = value_nil();
    size_t count;
    bool lazy = s->a->kind == N_RANGE;
    if (lazy) {
        if (!eval_range_bounds(in, fr, s->a, &start, &step, &stop, &count)) return FLOW_ERROR;
    } else {
        if (!eval_expr(in, fr, s->a, &seq)) return FLOW_ERROR;
        if (seq.kind == VAL_NUM) count = 1;
        else if (seq.kind == VAL_ARR) count = seq.as.arr->ndim == 1 ? seq.as.arr->len : seq.as.arr->rows;
        else {
            interp_error(in, s->a->span, "cannot loop over a %s", value_kind_name(seq));
            value_release(seq);
            return FLOW_ERROR;
        }
    }
    Flow result = FLOW_NEXT;
    size_t i = 0;
    /* A counted loop whose body is scalar assignments (g = 2x; x = x - lr*g) runs as one
     * compiled loop; where it stops, the general path takes over from that statement. */
    if (lazy && count > 1 && s->prog_state >= 0 && s->b->kind == N_BLOCK) {
        /* the first iteration runs generally, so every statement's program gets compiled */
        i = 1;
        Flow f0 = FLOW_NEXT;
        slot_ref = VAR_SLOT();
        if (slot_ref->kind > VAL_NUM) value_release(*slot_ref);
        *slot_ref = value_num(start);
        f0 = eval_statement(in, fr, s->b);
        if (f0 == FLOW_BREAK) return FLOW_NEXT;
        if (f0 != FLOW_NEXT && f0 != FLOW_CONTINUE) return f0;
        int stmt = 0;
        ProgResult r = prog_loop(in, fr, s, start, step, count, &i, &stmt);
        if (r == PROG_ERROR) return FLOW_ERROR;
        if (r == PROG_OK) return stmt == -2 ? FLOW_RETURN : FLOW_NEXT;
        if (i < count && stmt >= 0) {
            /* finish iteration i from statement stmt, then carry on generally */
            for (int k = stmt; k < s->b->nlist; k++) {
                Flow f = eval_statement(in, fr, s->b->list[k]);
                if (f == FLOW_BREAK) return FLOW_NEXT;
                if (f == FLOW_CONTINUE) break;
                if (f != FLOW_NEXT) return f;
            }
            i++;
        }
    }
    for (; i < count; i++) {
        if (interp_interrupt_pending(in) && interp_check_interrupt(in, s->span)) { result = FLOW_ERROR; break; }
        Value item;
        if (lazy) item = value_num(start + (double)i * step);
        else if (seq.kind == VAL_NUM) item = seq;
        else if (seq.as.arr->ndim == 1) item = value_num(seq.as.arr->data[i]);
        else {
            const Array *m = seq.as.arr;
            Array *row = interp_new_vector(in, s->a->span, m->cols);
            if (!row) { result = FLOW_ERROR; break; }
            if (m->cols) memcpy(row->data, m->data + i * m->cols, m->cols * sizeof(double));
            item = value_arr(row);
        }
        slot_ref = VAR_SLOT();
        if (slot_ref->kind > VAL_NUM) value_release(*slot_ref);
        *slot_ref = item;
        Flow f = eval_statement(in, fr, s->b);
        if (f == FLOW_BREAK) break;
        if (f == FLOW_CONTINUE || f == FLOW_NEXT) continue;
        result = f;
        break;
    }
#undef VAR_SLOT
    value_release(seq);
    return result;
}

/* time stmt: runs stmt, then prints its wall time and the arrays it allocated. */
COLD static Flow eval_time(Interp *in, Frame *fr, Node *s) {
    struct timespec t0, t1;
    size_t allocations = in->budget.allocations, bytes = in->budget.allocated_bytes;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    Flow f = eval_statement(in, fr, s->a);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (f == FLOW_ERROR || f == FLOW_ASSERT) return f;
    double seconds = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) * 1e-9;
    allocations = in->budget.allocations - allocations;
    bytes = in->budget.allocated_bytes - bytes;
    const char *unit = seconds >= 1 ? "s" : seconds >= 1e-3 ? "ms" : "µs";
    double shown = seconds >= 1 ? seconds : seconds >= 1e-3 ? seconds * 1e3 : seconds * 1e6;
    fprintf(in->out, "time: %.4g %s, %zu array%s allocated (%.4g MiB)\n", shown, unit, allocations,
            allocations == 1 ? "" : "s", (double)bytes / (1 << 20));
    return f;
}

/* The truth of a condition expression, scalars first. */
static bool eval_condition(Interp *in, Frame *fr, Node *cond, bool *truth) {
    double d;
    int st = eval_scalar(in, fr, cond, &d);
    if (st == SCALAR_ERROR) return false;
    if (st == SCALAR_OK) {
        if (isnan(d)) return interp_error(in, cond->span, "condition is nan");
        *truth = d != 0;
        return true;
    }
    Value c;
    if (!eval_expr(in, fr, cond, &c)) return false;
    bool ok = eval_truth(in, c, cond, truth);
    value_release(c);
    return ok;
}

static Flow eval_block(Interp *in, Frame *fr, Node *s) {
    for (int i = 0; i < s->nlist; i++) {
        Flow f = eval_statement(in, fr, s->list[i]);
        if (f != FLOW_NEXT) return f;
    }
    return FLOW_NEXT;
}

Flow eval_statement(Interp *in, Frame *fr, Node *s) {
    switch (s->kind) {
    case N_EXPR_STMT: {
        Value v;
        if (!eval_expr(in, fr, s->a, &v)) return FLOW_ERROR;
        if (v.kind == VAL_NIL) return FLOW_NEXT;
        if (!s->flag) {
            if (in->result_on) fputs(in->result_on, in->out);
            print_value(in->out, v);
            if (in->result_off) fputs(in->result_off, in->out);
            fputc('\n', in->out);
        }
        int ans = interp_global_slot(in, "ans");
        value_replace(&in->globals[ans].value, v);
        return FLOW_NEXT;
    }
    case N_ASSIGN:
        return eval_assign(in, fr, s);
    case N_INDEX_ASSIGN:
        return eval_index_assign(in, fr, s) ? FLOW_NEXT : FLOW_ERROR;
    case N_FUNCDEF:
        return eval_funcdef(in, fr, s);
    case N_FACT:
        return evalprob_fact(in, fr, s);
    case N_BLOCK:
        return eval_block(in, fr, s);
    case N_FOR:
        return eval_for(in, fr, s);
    case N_WHILE:
        for (bool first = true, tried = false;; first = false) {
            if (interp_interrupt_pending(in) && interp_check_interrupt(in, s->span)) return FLOW_ERROR;
            /* after one iteration on the general path (every name the body assigns then has
             * a value), the rest may run compiled; it stops before an iteration when the
             * general path must go on */
            if (!first && !tried && s->prog_state >= 0) {
                tried = true;
                bool returned = false;
                ProgResult r = prog_while(in, fr, s, &returned);
                if (r == PROG_ERROR) return FLOW_ERROR;
                if (r == PROG_OK) return returned ? FLOW_RETURN : FLOW_NEXT;
                if (interp_interrupt_pending(in) && interp_check_interrupt(in, s->span)) return FLOW_ERROR;
            }
            bool truth;
            if (!eval_condition(in, fr, s->a, &truth)) return FLOW_ERROR;
            if (!truth) return FLOW_NEXT;
            Flow f = eval_statement(in, fr, s->b);
            if (f == FLOW_BREAK) return FLOW_NEXT;
            if (f == FLOW_CONTINUE || f == FLOW_NEXT) continue;
            return f;
        }
    case N_IF: {
        bool truth;
        if (!eval_condition(in, fr, s->a, &truth)) return FLOW_ERROR;
        if (truth) return eval_statement(in, fr, s->b);
        if (s->c) return eval_statement(in, fr, s->c);
        return FLOW_NEXT;
    }
    case N_RETURN: {
        Value v = value_nil();
        if (s->a && !eval_expr(in, fr, s->a, &v)) return FLOW_ERROR;
        value_replace(&fr->ret, v);
        return FLOW_RETURN;
    }
    case N_BREAK: return FLOW_BREAK;
    case N_CONTINUE: return FLOW_CONTINUE;
    case N_CHECK:
        return eval_check(in, fr, s);
    case N_ASSERT: {
        Value c;
        if (!eval_expr(in, fr, s->a, &c)) return FLOW_ERROR;
        bool truth;
        bool ok = eval_truth(in, c, s->a, &truth);
        value_release(c);
        if (!ok) return FLOW_ERROR;
        if (!truth) {
            interp_error(in, s->span, "assertion failed: %s", s->name);
            in->assert_failed = true;
            return FLOW_ASSERT;
        }
        return FLOW_NEXT;
    }
    case N_WHY:
        return why_statement(in, fr, s); /* why.c: P(…) or a call's explainer */
    case N_IMPORT:
        return command_import(in, s) ? FLOW_NEXT : FLOW_ERROR;
    case N_COMMAND:
        return command_run(in, s);
    case N_TIME:
        return eval_time(in, fr, s);
    default: {
        Value v;
        if (!eval_expr(in, fr, s, &v)) return FLOW_ERROR;
        value_release(v);
        return FLOW_NEXT;
    }
    }
}

/* }===================== */
