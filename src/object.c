/* object.c — dispatch through the open value kind's type tables (object.h), and the first
 * kind on it: tuples, the several named results of eig, svd, qr, lstsq and pca. */
#include "object.h"

#include <stdlib.h>
#include <string.h>

#include "ast.h"
#include "interp.h"
#include "ops.h"
#include "print.h"

/* {===================== dispatch */

bool obj_field(Interp *in, Value v, const char *name, Span span, Value *out) {
    const ObjType *t = v.as.obj->type;
    if (t->field && t->field(in, v.as.obj, name, span, out)) return true;
    if (in->error.set) return false;
    const char *const *names = NULL;
    int count = t->field_names ? t->field_names(v.as.obj, &names) : 0;
    if (count == 0) return interp_error(in, span, "a %s has no parts to pick with '.%s'", t->name, name);
    char list[256];
    size_t used = 0;
    list[0] = '\0';
    for (int i = 0; i < count && used < sizeof list; i++)
        used += (size_t)snprintf(list + used, sizeof list - used, "%s%s", i ? ", " : "", names[i]);
    return interp_error(in, span, "this result has no part '%s'; its parts are %s", name, list);
}

bool obj_binary(Interp *in, int op, Value a, Value b, Span span, Value *out) {
    if (a.kind == VAL_OBJ && a.as.obj->type->binary) return a.as.obj->type->binary(in, op, a, b, span, out);
    if (b.kind == VAL_OBJ && b.as.obj->type->binary) return b.as.obj->type->binary(in, op, a, b, span, out);
    char da[64], db[64];
    return interp_error(in, span, "'%s' cannot combine %s and %s", op_info(op)->text, value_describe(a, da, sizeof da),
                        value_describe(b, db, sizeof db));
}

bool obj_unary(Interp *in, int op, Value a, Span span, Value *out) {
    if (a.as.obj->type->unary) return a.as.obj->type->unary(in, op, a, span, out);
    char da[64];
    return interp_error(in, span, "'%s' cannot be applied to %s", op_info(op)->text, value_describe(a, da, sizeof da));
}

bool obj_to_array(Value v, Value *out) {
    if (v.kind != VAL_OBJ || !v.as.obj->type->as_array) return false;
    return v.as.obj->type->as_array(v.as.obj, out);
}

/* }===================== */

/* {===================== tuples */

static void tuple_free(Obj *o) {
    Tuple *t = (Tuple *)(void *)o;
    for (int i = 0; i < t->count; i++) value_release(t->items[i]);
    free(t);
}

/* Each part as "name = value" on its own line (a matrix starts on the next line). */
static void tuple_print(FILE *out, const Obj *o) {
    const Tuple *t = (const Tuple *)(const void *)o;
    for (int i = 0; i < t->count; i++) {
        if (i) fputc('\n', out);
        const char *name = t->names && t->names[i] ? t->names[i] : "?";
        Value item = t->items[i];
        bool matrix = item.kind == VAL_ARR && item.as.arr->ndim == 2 && item.as.arr->len > 0;
        fprintf(out, "%s =%s", name, matrix ? "\n" : " ");
        print_value(out, item);
    }
}

static void tuple_print_brief(FILE *out, const Obj *o) {
    const Tuple *t = (const Tuple *)(const void *)o;
    fputc('(', out);
    for (int i = 0; i < t->count; i++) {
        if (i) fputs(", ", out);
        fputs(t->names && t->names[i] ? t->names[i] : "?", out);
    }
    fputc(')', out);
}

static void tuple_describe(const Obj *o, char *buf, size_t size) {
    snprintf(buf, size, "%d results", ((const Tuple *)(const void *)o)->count);
}

static bool tuple_field(Interp *in, const Obj *o, const char *name, Span span, Value *out) {
    (void)in;
    (void)span;
    const Tuple *t = (const Tuple *)(const void *)o;
    for (int i = 0; i < t->count; i++)
        if (strcmp(t->names[i], name) == 0) {
            *out = value_retain(t->items[i]);
            return true;
        }
    return false;
}

static int tuple_field_names(const Obj *o, const char *const **names) {
    const Tuple *t = (const Tuple *)(const void *)o;
    *names = t->names;
    return t->count;
}

static int tuple_unpack(const Obj *o, Value *items, int max) {
    const Tuple *t = (const Tuple *)(const void *)o;
    for (int i = 0; i < t->count && i < max; i++) items[i] = value_retain(t->items[i]);
    return t->count;
}

const ObjType tuple_type = {
    .name = "tuple",
    .free = tuple_free,
    .print = tuple_print,
    .print_brief = tuple_print_brief,
    .describe = tuple_describe,
    .field = tuple_field,
    .field_names = tuple_field_names,
    .unpack = tuple_unpack,
};

Tuple *tuple_new(int count, const char *const *names, const Value *items) {
    Tuple *t = malloc(sizeof *t + (size_t)count * sizeof(Value));
    if (!t) { fputs("mlm: out of memory\n", stderr); abort(); }
    obj_init(&t->obj, &tuple_type);
    t->count = count;
    t->names = names;
    for (int i = 0; i < count; i++) t->items[i] = items[i];
    return t;
}

Value value_tuple(int count, const char *const *names, const Value *items) {
    return value_obj(&tuple_new(count, names, items)->obj);
}

/* }===================== */
