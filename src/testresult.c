/* testresult.c — the ObjType of statistical results (testresult.h): a words line, the named
 * parts one per line, the convention last. */
#include "testresult.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "print.h"

static void *checked(void *p) {
    if (!p) { fputs("mlm: out of memory\n", stderr); abort(); }
    return p;
}

static char *copy(const char *s) { return s ? checked(strdup(s)) : NULL; }

static void tr_free(Obj *o) {
    TestResult *r = (TestResult *)(void *)o;
    for (int i = 0; i < r->count; i++) value_release(r->values[i]);
    free(r->reading);
    free(r->convention);
    free(r);
}

static void tr_print(FILE *out, const Obj *o) {
    const TestResult *r = (const TestResult *)(const void *)o;
    fputs(r->reading ? r->reading : "(result)", out);
    size_t width = 0;
    for (int i = 0; i < r->count; i++) width = strlen(r->names[i]) > width ? strlen(r->names[i]) : width;
    for (int i = 0; i < r->count; i++) {
        Value v = r->values[i];
        bool matrix = v.kind == VAL_ARR && v.as.arr->ndim == 2 && v.as.arr->len > 0;
        fprintf(out, "\n  .%-*s =%s", (int)width, r->names[i], matrix ? "\n" : " ");
        print_value(out, v);
        if (r->notes[i]) fprintf(out, "   %s", r->notes[i]);
    }
    if (r->convention) fprintf(out, "\n  %s", r->convention);
}

static void tr_print_brief(FILE *out, const Obj *o) {
    const TestResult *r = (const TestResult *)(const void *)o;
    const char *s = r->reading ? r->reading : "result";
    const char *colon = strchr(s, ':');
    fprintf(out, "<%.*s>", colon ? (int)(colon - s) : (int)strlen(s), s);
}

static void tr_describe(const Obj *o, char *buf, size_t size) {
    snprintf(buf, size, ((const TestResult *)(const void *)o)->interval ? "an interval" : "a test result");
}

static bool tr_field(struct Interp *in, const Obj *o, const char *name, Span span, Value *out) {
    (void)in;
    (void)span;
    const TestResult *r = (const TestResult *)(const void *)o;
    for (int i = 0; i < r->count; i++)
        if (strcmp(r->names[i], name) == 0) {
            *out = value_retain(r->values[i]);
            return true;
        }
    return false;
}

static int tr_field_names(const Obj *o, const char *const **names) {
    const TestResult *r = (const TestResult *)(const void *)o;
    *names = r->names;
    return r->count;
}

static bool tr_as_array(const Obj *o, Value *out) {
    const TestResult *r = (const TestResult *)(const void *)o;
    if (!r->interval) return false;
    for (int i = 0; i < r->count; i++)
        if (strcmp(r->names[i], "ci") == 0) {
            *out = value_retain(r->values[i]);
            return true;
        }
    return false;
}

static int tr_unpack(const Obj *o, Value *items, int max) {
    Value ci;
    if (!tr_as_array(o, &ci)) return 0;
    if (max >= 1) items[0] = value_num(ci.as.arr->data[0]);
    if (max >= 2) items[1] = value_num(ci.as.arr->data[1]);
    value_release(ci);
    return 2;
}

const ObjType testresult_type = {
    .name = "test result",
    .free = tr_free,
    .print = tr_print,
    .print_brief = tr_print_brief,
    .describe = tr_describe,
    .field = tr_field,
    .field_names = tr_field_names,
    .as_array = tr_as_array,
    .unpack = tr_unpack,
};

TestResult *testresult_new(const char *convention) {
    TestResult *r = checked(calloc(1, sizeof *r));
    obj_init(&r->obj, &testresult_type);
    r->convention = copy(convention);
    return r;
}

void testresult_add(TestResult *r, const char *name, Value value, const char *note) {
    if (r->count == TESTRESULT_MAX_PARTS) abort(); /* a programming error: the table is fixed */
    r->names[r->count] = name;
    r->notes[r->count] = note;
    r->values[r->count++] = value;
}

void testresult_num(TestResult *r, const char *name, double x, const char *note) {
    testresult_add(r, name, value_num(x), note);
}

void testresult_pair(TestResult *r, const char *name, double lo, double hi, const char *note) {
    AllocStatus st;
    Array *a = checked(array_new_vector(NULL, 2, &st));
    a->data[0] = lo;
    a->data[1] = hi;
    testresult_add(r, name, value_arr(a), note);
}

void testresult_read(TestResult *r, const char *fmt, ...) {
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    free(r->reading);
    r->reading = copy(buf);
}

const char *testresult_fmt(double x, int digits, char *buf, size_t size) {
    char tmp[64];
    if (isinf(x)) snprintf(tmp, sizeof tmp, "%s∞", x < 0 ? "-" : "");
    else snprintf(tmp, sizeof tmp, "%.*g", digits, x);
    if (tmp[0] == '-') snprintf(buf, size, "−%s", tmp + 1);
    else snprintf(buf, size, "%s", tmp);
    return buf;
}
