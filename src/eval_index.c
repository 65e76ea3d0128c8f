/* eval_index.c — indexing: x[i], X[i, j], X[:, j], x[2:end], logical masks, E[X] of a random
 * variable, and assigning into elements or selections (copy-on-write). Indices are 1-based
 * and checked: an error names the index and the length. */
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
#include "eval_prob.h"
#include "builtins_calc.h"
#include "why.h"

/* {===================== indexing */

/* One index position resolved against a dimension of length len: either a single
 * position (is_scalar) or a list of positions (0-based). */
typedef struct IndexSel {
    bool is_scalar;
    bool all;
    size_t pos;        /* scalar */
    size_t *list;      /* owned (malloc) unless all/scalar */
    size_t count;
} IndexSel;

static void sel_free(IndexSel *s) { free(s->list); s->list = NULL; }

bool eval_check_index(Interp *in, Span span, double x, size_t len, size_t *pos) {
    if (isnan(x)) return interp_error(in, span, "index is nan");
    if (x != floor(x)) return interp_error(in, span, "index %.15g is not a whole number", x);
    if (x < 1 || x > (double)len) {
        if (len == 0) return interp_error(in, span, "index %.15g is out of range: the dimension is empty", x);
        return interp_error(in, span, "index %.15g is out of range 1..%zu (length %zu)", x, len, len);
    }
    *pos = (size_t)x - 1;
    return true;
}

static bool eval_selector(Interp *in, Frame *fr, Node *idx, size_t len, IndexSel *sel) {
    memset(sel, 0, sizeof *sel);
    if (idx->kind == N_ALL) {
        sel->all = true;
        sel->count = len;
        return true;
    }
    double saved_end = fr->end_value;
    bool saved_has = fr->has_end;
    fr->end_value = (double)len;
    fr->has_end = true;
    Value v;
    bool ok = eval_expr(in, fr, idx, &v);
    fr->end_value = saved_end;
    fr->has_end = saved_has;
    if (!ok) return false;
    if (v.kind == VAL_NUM) {
        sel->is_scalar = true;
        sel->count = 1;
        ok = eval_check_index(in, idx->span, v.as.num, len, &sel->pos);
    } else if (v.kind == VAL_ARR && v.as.arr->ndim == 1) {
        const Array *a = v.as.arr;
        /* A vector of 0s and 1s as long as the dimension is a mask (X[x > 80, :]): it picks
         * the positions of its 1s. */
        bool mask = a->len == len && len > 0;
        for (size_t i = 0; mask && i < a->len; i++) mask = a->data[i] == 0 || a->data[i] == 1;
        sel->count = a->len;
        sel->list = malloc((a->len ? a->len : 1) * sizeof *sel->list);
        if (!sel->list) ok = interp_error(in, idx->span, "out of memory");
        if (ok && !mask && a->len != len) { /* 0s and 1s with a 0: a mask of the wrong length */
            bool zero_one = true, zero = false;
            for (size_t i = 0; zero_one && i < a->len; i++) {
                zero_one = a->data[i] == 0 || a->data[i] == 1;
                zero = zero || a->data[i] == 0;
            }
            if (zero_one && zero)
                ok = interp_error(in, idx->span, "a mask of 0s and 1s must be as long as the dimension: %zu values for %zu",
                                  a->len, len);
        }
        if (ok && mask) {
            sel->count = 0;
            for (size_t i = 0; i < a->len; i++)
                if (a->data[i] == 1) sel->list[sel->count++] = i;
        }
        for (size_t i = 0; ok && !mask && i < a->len; i++) ok = eval_check_index(in, idx->span, a->data[i], len, &sel->list[i]);
        if (!ok) sel_free(sel);
    } else {
        ok = interp_error(in, idx->span, "an index must be a whole number or a vector of them, got a %s", value_kind_name(v));
    }
    value_release(v);
    return ok;
}

static size_t sel_at(const IndexSel *s, size_t i) {
    if (s->is_scalar) return s->pos;
    if (s->all) return i;
    return s->list[i];
}

bool eval_index(Interp *in, Frame *fr, Node *n, Value *out) {
    /* E[X]: the expectation builtin written with brackets, as books print it */
    if (n->a->kind == N_GLOBAL && in->globals[n->a->slot].value.kind == VAL_BUILTIN &&
        strcmp(in->globals[n->a->slot].value.as.builtin->name, "E") == 0)
        return eval_call(in, fr, n, out);
    /* x[i] of a lazy range reads one element without building the range */
    if ((n->a->kind == N_LOCAL || n->a->kind == N_GLOBAL)) {
        Value held = *variable_slot(in, fr, n->a);
        if (held.kind == VAL_ARR && held.as.arr->lazy) {
            int st = SCALAR_OK;
            double x = eval_scalar_index(in, fr, n, &st);
            if (st == SCALAR_OK) {
                *out = value_num(x);
                return true;
            }
            if (st == SCALAR_ERROR) return false;
        }
    }
    Value base;
    if (!eval_expr(in, fr, n->a, &base)) return false;
    bool ok = true;
    if (base.kind == VAL_STR) {
        value_release(base);
        return interp_error(in, n->span, "strings cannot be indexed");
    }
    Value as_array;
    if (obj_to_array(base, &as_array)) { /* a data table indexes as its matrix */
        value_release(base);
        base = as_array;
    }
    if (base.kind == VAL_NUM) {
        /* A scalar indexes like a 1-element vector: x[1] is x. */
        Array *one = interp_new_vector(in, n->span, 1);
        if (!one) { value_release(base); return false; }
        one->data[0] = base.as.num;
        base = value_arr(one);
    }
    if (base.kind != VAL_ARR) {
        char what[32];
        snprintf(what, sizeof what, "%s", value_kind_name(base));
        value_release(base);
        return interp_error(in, n->a->span, "a %s cannot be indexed", what);
    }
    const Array *a = base.as.arr;
    if (a->ndim == 1) {
        if (n->nlist != 1) {
            value_release(base);
            return interp_error(in, n->span, "a vector takes one index, got %d", n->nlist);
        }
        IndexSel s;
        if (!eval_selector(in, fr, n->list[0], a->len, &s)) { value_release(base); return false; }
        if (s.is_scalar) {
            *out = value_num(a->data[s.pos]);
        } else {
            Array *r = interp_new_vector(in, n->span, s.count);
            if (!r) ok = false;
            else {
                for (size_t i = 0; i < s.count; i++) r->data[i] = a->data[sel_at(&s, i)];
                *out = value_arr(r);
            }
        }
        sel_free(&s);
        value_release(base);
        return ok;
    }
    /* matrix */
    if (n->nlist == 1) {
        /* X[i] is row i (as in NumPy), X[I] the rows I */
        IndexSel s;
        if (!eval_selector(in, fr, n->list[0], a->rows, &s)) { value_release(base); return false; }
        Array *r = s.is_scalar ? interp_new_vector(in, n->span, a->cols)
                               : interp_new_matrix(in, n->span, s.count, a->cols);
        if (!r) ok = false;
        else {
            for (size_t i = 0; i < s.count; i++)
                if (a->cols) memcpy(r->data + i * a->cols, a->data + sel_at(&s, i) * a->cols, a->cols * sizeof(double));
            *out = value_arr(r);
        }
        sel_free(&s);
        value_release(base);
        return ok;
    }
    if (n->nlist != 2) {
        value_release(base);
        return interp_error(in, n->span, "a matrix takes one or two indices, got %d", n->nlist);
    }
    IndexSel rs, cs;
    if (!eval_selector(in, fr, n->list[0], a->rows, &rs)) { value_release(base); return false; }
    if (!eval_selector(in, fr, n->list[1], a->cols, &cs)) { sel_free(&rs); value_release(base); return false; }
    if (rs.is_scalar && cs.is_scalar) {
        *out = value_num(a->data[rs.pos * a->cols + cs.pos]);
    } else {
        Array *r;
        if (rs.is_scalar) r = interp_new_vector(in, n->span, cs.count);
        else if (cs.is_scalar) r = interp_new_vector(in, n->span, rs.count);
        else r = interp_new_matrix(in, n->span, rs.count, cs.count);
        if (!r) ok = false;
        else {
            size_t k = 0;
            for (size_t i = 0; i < rs.count; i++) {
                const double *row = a->data + sel_at(&rs, i) * a->cols;
                for (size_t j = 0; j < cs.count; j++) r->data[k++] = row[sel_at(&cs, j)];
            }
            *out = value_arr(r);
        }
    }
    sel_free(&rs);
    sel_free(&cs);
    value_release(base);
    return ok;
}

/* name[i] = v, name[i, j] = v, name[i, :] = v … Copy-on-write: a shared array is copied
 * before it is changed, so other names holding it keep their value. */
bool eval_index_assign(Interp *in, Frame *fr, Node *s) {
    Node *target = s->a;
    Node *name = target->a;
    Value *slot = variable_slot(in, fr, name);
    if (slot->kind == VAL_NIL) {
        const char *hint = interp_hint(in, name->name);
        if (hint) return interp_error(in, name->span, "unknown name '%s' (%s)", name->name, hint);
        return interp_error(in, name->span, "unknown name '%s'", name->name);
    }
    if (slot->kind == VAL_NUM) {
        Array *one = interp_new_vector(in, name->span, 1);
        if (!one) return false;
        one->data[0] = slot->as.num;
        value_replace(slot, value_arr(one));
    }
    if (slot->kind != VAL_ARR)
        return interp_error(in, name->span, "'%s' is a %s, not an array", name->name, value_kind_name(*slot));
    if (slot->as.arr->lazy && !eval_materialize(in, slot->as.arr, name->span)) return false;
    Value v;
    if (!eval_expr(in, fr, s->b, &v)) return false;
    /* evaluating the value may have rebound the slot (globals may move): look again */
    slot = variable_slot(in, fr, name);
    if (slot->kind != VAL_ARR) { value_release(v); return interp_error(in, name->span, "'%s' changed while assigning", name->name); }
    if (v.kind != VAL_NUM && v.kind != VAL_ARR) {
        value_release(v);
        return interp_error(in, s->b->span, "cannot store a %s in an array", value_kind_name(v));
    }
    Array *a = slot->as.arr;
    IndexSel rs = {0}, cs = {0};
    bool ok = true;
    size_t rows_sel, cols_sel;
    bool matrix = a->ndim == 2 && target->nlist == 2;
    if (a->ndim == 1 || target->nlist == 1) {
        if (target->nlist != 1) { value_release(v); return interp_error(in, target->span, "a vector takes one index, got %d", target->nlist); }
        if (a->ndim == 1) {
            ok = eval_selector(in, fr, target->list[0], a->len, &cs);
            rs.is_scalar = true; rs.count = 1; rs.pos = 0;
        } else {
            ok = eval_selector(in, fr, target->list[0], a->rows, &rs);
            cs.all = true; cs.count = a->cols;
        }
    } else if (matrix) {
        ok = eval_selector(in, fr, target->list[0], a->rows, &rs) &&
             eval_selector(in, fr, target->list[1], a->cols, &cs);
    } else {
        ok = interp_error(in, target->span, "a matrix takes one or two indices, got %d", target->nlist);
    }
    if (!ok) { sel_free(&rs); sel_free(&cs); value_release(v); return false; }
    rows_sel = rs.count;
    cols_sel = cs.count;
    size_t count = rows_sel * cols_sel;
    if (v.kind == VAL_ARR && v.as.arr->len != count) {
        char shape[64];
        ok = interp_error(in, s->b->span, "cannot store %s values into %zu selected place%s",
                          value_shape(v, shape, sizeof shape), count, count == 1 ? "" : "s");
    }
    AllocStatus st;
    if (ok && !array_make_unique(&in->budget, &slot->as.arr, &st)) ok = interp_alloc_error(in, s->span, st, a->rows, a->cols);
    if (ok) {
        a = slot->as.arr;
        size_t k = 0;
        for (size_t i = 0; i < rows_sel; i++)
            for (size_t j = 0; j < cols_sel; j++, k++) {
                double x = v.kind == VAL_NUM ? v.as.num : v.as.arr->data[k];
                a->data[sel_at(&rs, i) * a->cols + sel_at(&cs, j)] = x;
            }
    }
    sel_free(&rs);
    sel_free(&cs);
    value_release(v);
    return ok;
}

/* }===================== */
