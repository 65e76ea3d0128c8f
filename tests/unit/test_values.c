/* test_values.c — values and the element-wise engine (src/value.c, src/elementwise.c):
 * reference counts and copy-on-write, 64-byte aligned storage, size overflow and the memory
 * budget, shapes in messages, and NumPy broadcasting (scalar, row and column) with the
 * shape-mismatch messages that name both shapes. */
#include <check.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ast.h"
#include "elementwise.h"
#include "interp.h"
#include "value.h"

/* {======== helpers */

static Value vec(size_t n, const double *data) {
    Array *a = array_new_vector(NULL, n, NULL);
    ck_assert_ptr_nonnull(a);
    if (n) memcpy(a->data, data, n * sizeof(double));
    return value_arr(a);
}

static Value mat(size_t rows, size_t cols, const double *data) {
    Array *a = array_new_matrix(NULL, rows, cols, NULL);
    ck_assert_ptr_nonnull(a);
    if (rows * cols != 0) memcpy(a->data, data, rows * cols * sizeof(double));
    return value_arr(a);
}

#define VEC(...) vec(sizeof((double[]){__VA_ARGS__}) / sizeof(double), (double[]){__VA_ARGS__})
#define MAT(r, c, ...) mat((r), (c), (double[]){__VA_ARGS__})

/* A session whose output goes to memory; the span points into a small Source. */
typedef struct Session {
    Interp *in;
    FILE *out, *err;
    char *out_text, *err_text;
    size_t out_size, err_size;
    Source *src;
    Span span;
} Session;

static void session_open(Session *s) {
    memset(s, 0, sizeof *s);
    s->out = open_memstream(&s->out_text, &s->out_size);
    s->err = open_memstream(&s->err_text, &s->err_size);
    ck_assert_ptr_nonnull(s->out);
    ck_assert_ptr_nonnull(s->err);
    s->in = interp_new(s->out, s->err);
    ck_assert_ptr_nonnull(s->in);
    s->src = source_new("v.mlm", "a + b", 5);
    s->span = (Span){s->src, 2, 1, 1, 3};
}

static void session_close(Session *s) {
    interp_free(s->in);
    fclose(s->out);
    fclose(s->err);
    free(s->out_text);
    free(s->err_text);
    source_release(s->src);
}

/* Asserts that v is an array of the given ndim/rows/cols holding want (row-major). */
static void ck_array(Value v, int ndim, size_t rows, size_t cols, const double *want) {
    ck_assert_int_eq(v.kind, VAL_ARR);
    const Array *a = v.as.arr;
    ck_assert_int_eq(a->ndim, ndim);
    ck_assert_uint_eq(a->rows, rows);
    ck_assert_uint_eq(a->cols, cols);
    ck_assert_uint_eq(a->len, rows * cols);
    for (size_t i = 0; i < a->len; i++)
        ck_assert_msg(a->data[i] == want[i] || (isnan(a->data[i]) && isnan(want[i])),
                      "element %zu is %.17g, expected %.17g", i, a->data[i], want[i]);
}

#define CK_ARRAY(v, ndim, rows, cols, ...) ck_array((v), (ndim), (rows), (cols), (double[]){__VA_ARGS__})

/* }======== */

/* {======== arrays: shape, alignment, overflow, budget */

START_TEST(vector_and_matrix_shapes) {
    Array *v = array_new_vector(NULL, 5, NULL);
    ck_assert_ptr_nonnull(v);
    ck_assert_int_eq(v->ndim, 1);
    ck_assert_uint_eq(v->rows, 1);
    ck_assert_uint_eq(v->cols, 5);
    ck_assert_uint_eq(v->len, 5);
    ck_assert_int_eq(v->refcount, 1);
    array_release(v);

    Array *m = array_new_matrix(NULL, 3, 2, NULL);
    ck_assert_int_eq(m->ndim, 2);
    ck_assert_uint_eq(m->rows, 3);
    ck_assert_uint_eq(m->cols, 2);
    ck_assert_uint_eq(m->len, 6);
    array_release(m);

    /* array_new with ndim 1 ignores rows */
    AllocStatus st = ALLOC_NO_MEMORY;
    Array *w = array_new(NULL, 1, 7, 4, &st);
    ck_assert_int_eq(st, ALLOC_OK);
    ck_assert_uint_eq(w->rows, 1);
    ck_assert_uint_eq(w->len, 4);
    array_release(w);

    Array *e = array_new_vector(NULL, 0, &st);
    ck_assert_ptr_nonnull(e);
    ck_assert_int_eq(st, ALLOC_OK);
    ck_assert_uint_eq(e->len, 0);
    ck_assert_ptr_nonnull(e->data); /* empty arrays still have (uncharged) storage */
    array_release(e);
}
END_TEST

START_TEST(storage_is_64_byte_aligned) {
    for (size_t n = 1; n <= 130; n++) {
        Array *v = array_new_vector(NULL, n, NULL);
        ck_assert_ptr_nonnull(v);
        ck_assert_msg(((uintptr_t)v->data & 63) == 0, "vector of %zu at %p", n, (void *)v->data);
        for (size_t i = 0; i < n; i++) v->data[i] = (double)i; /* the whole extent is writable */
        Array *c = array_copy(NULL, v, NULL);
        ck_assert_msg(((uintptr_t)c->data & 63) == 0, "copy of %zu", n);
        ck_assert_double_eq(c->data[n - 1], (double)(n - 1));
        array_release(c);
        array_release(v);
    }
    Array *m = array_new_matrix(NULL, 3, 7, NULL);
    ck_assert(((uintptr_t)m->data & 63) == 0);
    array_release(m);
}
END_TEST

START_TEST(size_overflow) {
    ck_assert_uint_eq(array_bytes_for(3, 4), 96);
    ck_assert_uint_eq(array_bytes_for(0, 5), 0);
    ck_assert_uint_eq(array_bytes_for(SIZE_MAX / 2, 3), SIZE_MAX);        /* rows × cols overflows */
    ck_assert_uint_eq(array_bytes_for((size_t)1 << 33, (size_t)1 << 33), SIZE_MAX);
    ck_assert_uint_eq(array_bytes_for(1, SIZE_MAX / 4), SIZE_MAX);        /* × 8 bytes overflows */

    AllocStatus st = ALLOC_OK;
    ck_assert_ptr_null(array_new_matrix(NULL, (size_t)1 << 33, (size_t)1 << 33, &st));
    ck_assert_int_eq(st, ALLOC_TOO_BIG);
    st = ALLOC_OK;
    ck_assert_ptr_null(array_new_vector(NULL, SIZE_MAX, &st));
    ck_assert_int_eq(st, ALLOC_TOO_BIG);
    /* 10^7 × 10^7 doubles (800 TB) is refused before asking the allocator */
    st = ALLOC_OK;
    ck_assert_ptr_null(array_new_matrix(NULL, 10000000, 10000000, &st));
    ck_assert_int_eq(st, ALLOC_TOO_BIG);
}
END_TEST

START_TEST(memory_budget) {
    MemBudget b = {1000, 0};
    AllocStatus st;
    Array *x = array_new_vector(&b, 100, &st); /* 800 bytes */
    ck_assert_ptr_nonnull(x);
    ck_assert_uint_eq(b.in_use, 800);
    ck_assert_uint_eq(x->bytes, 800);

    Array *y = array_new_vector(&b, 26, &st); /* 208 bytes: 8 over */
    ck_assert_ptr_null(y);
    ck_assert_int_eq(st, ALLOC_OVER_LIMIT);
    ck_assert_uint_eq(b.in_use, 800);

    y = array_new_vector(&b, 25, &st); /* exactly up to the limit */
    ck_assert_ptr_nonnull(y);
    ck_assert_uint_eq(b.in_use, 1000);

    /* a copy is charged too; a shared array being made unique needs room for the copy */
    ck_assert_ptr_null(array_copy(&b, y, &st));
    ck_assert_int_eq(st, ALLOC_OVER_LIMIT);
    Array *shared = array_retain(y);
    ck_assert(!array_make_unique(&b, &shared, &st));
    ck_assert_int_eq(st, ALLOC_OVER_LIMIT);
    ck_assert_ptr_eq(shared, y);
    array_release(shared);

    array_release(x);
    ck_assert_uint_eq(b.in_use, 200);
    array_release(y);
    ck_assert_uint_eq(b.in_use, 0);

    /* the 10^12-element vector of the issue: a clear "over the limit" status, no allocation */
    MemBudget big = {(size_t)16 << 30, 0};
    ck_assert_ptr_null(array_new_vector(&big, 1000000000000ull, &st));
    ck_assert_int_eq(st, ALLOC_OVER_LIMIT);
    ck_assert_uint_eq(big.in_use, 0);

    /* limit 0 means unlimited */
    MemBudget unlimited = {0, 0};
    Array *z = array_new_vector(&unlimited, 1000, &st);
    ck_assert_ptr_nonnull(z);
    ck_assert_uint_eq(unlimited.in_use, 8000);
    array_release(z);
    ck_assert_uint_eq(unlimited.in_use, 0);
}
END_TEST

/* Released buffers of 256 KiB and more are kept (MEM_SPARES of them, the biggest) and handed
 * back to the next array of the same storage size; smaller ones go back to malloc. */
START_TEST(released_buffers_are_reused) {
    MemBudget b = {0, 0};
    AllocStatus st;
    const size_t n = 40000; /* 320,000 bytes: above the 256 KiB floor */
    Array *x = array_new_vector(&b, n, &st);
    ck_assert_ptr_nonnull(x);
    double *storage = x->data;
    array_release(x);
    ck_assert_uint_eq(b.in_use, 0);
    Array *other = array_new_vector(&b, n + 100, &st); /* another size: not the spare */
    ck_assert_ptr_ne(other->data, storage);
    Array *same = array_new_matrix(&b, 200, n / 200, &st); /* same bytes, other shape */
    ck_assert_ptr_eq(same->data, storage);
    array_release(same);
    array_release(other);

    /* all slots hold small spares: a bigger buffer takes the smallest one's place */
    Array *small[MEM_SPARES];
    for (int i = 0; i < MEM_SPARES; i++) small[i] = array_new_vector(&b, n + (size_t)i * 8, &st);
    double *smallest = small[0]->data;
    for (int i = 0; i < MEM_SPARES; i++) array_release(small[i]);
    Array *big = array_new_vector(&b, 2 * n, &st);
    double *big_storage = big->data;
    array_release(big);
    bool kept = false, smallest_kept = false;
    for (int i = 0; i < MEM_SPARES; i++) {
        kept |= b.spare[i].ptr == big_storage;
        smallest_kept |= b.spare[i].ptr == smallest;
    }
    ck_assert(kept);
    ck_assert(!smallest_kept);
    /* and a buffer smaller than every spare is freed, not kept */
    Array *tiny = array_new_vector(&b, n - 8, &st);
    double *tiny_storage = tiny->data;
    array_release(tiny);
    for (int i = 0; i < MEM_SPARES; i++) ck_assert_ptr_ne(b.spare[i].ptr, tiny_storage);
    membudget_release(&b);
    for (int i = 0; i < MEM_SPARES; i++) ck_assert_ptr_null(b.spare[i].ptr);
}
END_TEST

/* }======== */

/* {======== reference counts and copy-on-write */

START_TEST(refcounts) {
    Value v = VEC(1, 2, 3);
    Array *a = v.as.arr;
    ck_assert_int_eq(a->refcount, 1);
    Value w = value_retain(v);
    ck_assert_ptr_eq(w.as.arr, a);
    ck_assert_int_eq(a->refcount, 2);
    value_release(w);
    ck_assert_int_eq(a->refcount, 1);

    /* value_replace releases what the slot held */
    Value slot = value_retain(v);
    ck_assert_int_eq(a->refcount, 2);
    value_replace(&slot, value_num(4));
    ck_assert_int_eq(a->refcount, 1);
    ck_assert_int_eq(slot.kind, VAL_NUM);
    ck_assert_double_eq(slot.as.num, 4);
    value_release(v);

    /* scalars and nil need no counting */
    value_release(value_retain(value_num(1)));
    value_release(value_nil());

    Str *s = str_new("héllo", 6);
    ck_assert_int_eq(s->refcount, 1);
    ck_assert_uint_eq(s->len, 6);
    ck_assert_str_eq(s->text, "héllo");
    Value sv = value_str(s);
    value_retain(sv);
    ck_assert_int_eq(s->refcount, 2);
    value_release(sv);
    value_release(sv);
}
END_TEST

START_TEST(copy_on_write) {
    Value a = VEC(1, 2);
    Array *b = array_retain(a.as.arr); /* b = a: shared storage */
    ck_assert_ptr_eq(b, a.as.arr);
    ck_assert_int_eq(b->refcount, 2);

    AllocStatus st;
    ck_assert(array_make_unique(NULL, &b, &st)); /* b[1] = 9 must copy first */
    ck_assert_ptr_ne(b, a.as.arr);
    ck_assert_ptr_ne(b->data, a.as.arr->data);
    ck_assert_int_eq(b->refcount, 1);
    ck_assert_int_eq(a.as.arr->refcount, 1);
    b->data[0] = 9;
    CK_ARRAY(a, 1, 1, 2, 1, 2);
    CK_ARRAY(value_arr(b), 1, 1, 2, 9, 2);

    /* an unshared array is written in place */
    Array *before = b;
    ck_assert(array_make_unique(NULL, &b, &st));
    ck_assert_ptr_eq(b, before);

    array_release(b);
    value_release(a);
}
END_TEST

START_TEST(copy_keeps_shape) {
    Value m = MAT(2, 3, 1, 2, 3, 4, 5, 6);
    Array *c = array_copy(NULL, m.as.arr, NULL);
    ck_assert_ptr_nonnull(c);
    CK_ARRAY(value_arr(c), 2, 2, 3, 1, 2, 3, 4, 5, 6);
    ck_assert_int_eq(c->refcount, 1);
    array_release(c);
    value_release(m);
}
END_TEST

START_TEST(kind_and_shape_names) {
    char buf[64];
    Value s = value_num(1), v = VEC(1, 2, 3), m = MAT(3, 2, 1, 2, 3, 4, 5, 6);
    Value str = value_str(str_new("x", 1));
    ck_assert_str_eq(value_shape(s, buf, sizeof buf), "scalar");
    ck_assert_str_eq(value_shape(v, buf, sizeof buf), "3");
    ck_assert_str_eq(value_shape(m, buf, sizeof buf), "3×2");
    ck_assert_str_eq(value_kind_name(s), "scalar");
    ck_assert_str_eq(value_kind_name(v), "vector");
    ck_assert_str_eq(value_kind_name(m), "matrix");
    ck_assert_str_eq(value_kind_name(str), "string");
    ck_assert_str_eq(value_kind_name(value_nil()), "call with no value");
    char text[64];
    ck_assert_str_eq(value_describe(v, text, sizeof text), "a vector of length 3");
    ck_assert_str_eq(value_describe(m, text, sizeof text), "a 3×2 matrix");
    ck_assert_str_eq(value_describe(s, text, sizeof text), "a scalar");
    value_release(v);
    value_release(m);
    value_release(str);
}
END_TEST

/* }======== */

/* {======== broadcasting */

START_TEST(scalar_and_vector) {
    Session s;
    session_open(&s);
    Value v = VEC(1, 2, 3), r;
    ck_assert(ew_binary(s.in, OP_ADD, value_num(10), v, s.span, &r));
    CK_ARRAY(r, 1, 1, 3, 11, 12, 13);
    value_release(r);
    ck_assert(ew_binary(s.in, OP_SUB, v, value_num(1), s.span, &r));
    CK_ARRAY(r, 1, 1, 3, 0, 1, 2);
    value_release(r);
    ck_assert(ew_binary(s.in, OP_DIV, value_num(6), v, s.span, &r));
    CK_ARRAY(r, 1, 1, 3, 6, 3, 2);
    value_release(r);
    ck_assert(ew_binary(s.in, OP_POW, v, value_num(2), s.span, &r));
    CK_ARRAY(r, 1, 1, 3, 1, 4, 9);
    value_release(r);
    /* the operands are untouched */
    CK_ARRAY(v, 1, 1, 3, 1, 2, 3);
    ck_assert_int_eq(v.as.arr->refcount, 1);
    /* two scalars stay a scalar */
    ck_assert(ew_binary(s.in, OP_MUL, value_num(3), value_num(4), s.span, &r));
    ck_assert_int_eq(r.kind, VAL_NUM);
    ck_assert_double_eq(r.as.num, 12);
    value_release(v);
    session_close(&s);
}
END_TEST

START_TEST(vector_and_vector) {
    Session s;
    session_open(&s);
    Value a = VEC(1, 2, 3), b = VEC(10, 20, 30), one = VEC(100), r;
    ck_assert(ew_binary(s.in, OP_MUL, a, b, s.span, &r));
    CK_ARRAY(r, 1, 1, 3, 10, 40, 90);
    value_release(r);
    /* a length-1 vector broadcasts and the result stays a vector */
    ck_assert(ew_binary(s.in, OP_ADD, a, one, s.span, &r));
    CK_ARRAY(r, 1, 1, 3, 101, 102, 103);
    value_release(r);
    value_release(a);
    value_release(b);
    value_release(one);
    session_close(&s);
}
END_TEST

START_TEST(matrix_and_row) {
    Session s;
    session_open(&s);
    /* X @ W + b: a vector broadcasts as a row over every row of the matrix */
    Value m = MAT(2, 3, 1, 2, 3, 4, 5, 6), row = VEC(10, 20, 30), r;
    ck_assert(ew_binary(s.in, OP_ADD, m, row, s.span, &r));
    CK_ARRAY(r, 2, 2, 3, 11, 22, 33, 14, 25, 36);
    value_release(r);
    ck_assert(ew_binary(s.in, OP_SUB, row, m, s.span, &r));
    CK_ARRAY(r, 2, 2, 3, 9, 18, 27, 6, 15, 24);
    value_release(r);
    /* a 1×3 matrix does the same */
    Value row_m = MAT(1, 3, 10, 20, 30);
    ck_assert(ew_binary(s.in, OP_MUL, m, row_m, s.span, &r));
    CK_ARRAY(r, 2, 2, 3, 10, 40, 90, 40, 100, 180);
    value_release(r);
    value_release(row_m);
    value_release(m);
    value_release(row);
    session_close(&s);
}
END_TEST

/* ew_binary_owned takes its operands over: a temporary (refcount 1) of the result's shape
 * holds the result, anything still held elsewhere is left alone. */
START_TEST(owned_operands_lend_their_storage) {
    Session s;
    session_open(&s);
    Value m = MAT(2, 3, 1, 2, 3, 4, 5, 6), row = VEC(10, 20, 30), r;
    double *storage = m.as.arr->data;
    ck_assert(ew_binary_owned(s.in, OP_ADD, m, value_retain(row), s.span, &r));
    CK_ARRAY(r, 2, 2, 3, 11, 22, 33, 14, 25, 36);
    ck_assert_ptr_eq(r.as.arr->data, storage);          /* the temporary's storage */
    ck_assert_int_eq(r.as.arr->refcount, 1);
    /* the right operand's storage too, when the left one cannot hold the result */
    Value m2 = MAT(2, 3, 1, 2, 3, 4, 5, 6);
    storage = m2.as.arr->data;
    Value r2;
    ck_assert(ew_binary_owned(s.in, OP_SUB, value_retain(row), m2, s.span, &r2));
    CK_ARRAY(r2, 2, 2, 3, 9, 18, 27, 6, 15, 24);
    ck_assert_ptr_eq(r2.as.arr->data, storage);
    value_release(r2);
    /* held elsewhere (a variable would hold it): a new array, the operand unchanged */
    Value held = value_retain(r);
    ck_assert(ew_binary_owned(s.in, OP_MUL, held, value_num(2), s.span, &r2));
    ck_assert_ptr_ne(r2.as.arr->data, r.as.arr->data);
    CK_ARRAY(r, 2, 2, 3, 11, 22, 33, 14, 25, 36);
    CK_ARRAY(r2, 2, 2, 3, 22, 44, 66, 28, 50, 72);
    value_release(r2);
    /* a result bigger than the temporary (a column against a row): a new array */
    Value col = MAT(2, 1, 1, 2);
    ck_assert(ew_binary_owned(s.in, OP_ADD, col, value_retain(row), s.span, &r2));
    CK_ARRAY(r2, 2, 2, 3, 11, 21, 31, 12, 22, 32);
    value_release(r2);
    /* a shape error releases both and leaves out alone */
    r2 = value_nil();
    ck_assert(!ew_binary_owned(s.in, OP_ADD, VEC(1, 2), value_retain(row), s.span, &r2));
    ck_assert_int_eq(r2.kind, VAL_NIL);
    ck_assert_int_eq(row.as.arr->refcount, 1);
    value_release(r);
    value_release(row);
    session_close(&s);
}
END_TEST

START_TEST(matrix_and_column) {
    Session s;
    session_open(&s);
    Value m = MAT(2, 3, 1, 2, 3, 4, 5, 6), col = MAT(2, 1, 10, 20), r;
    ck_assert(ew_binary(s.in, OP_ADD, m, col, s.span, &r));
    CK_ARRAY(r, 2, 2, 3, 11, 12, 13, 24, 25, 26);
    value_release(r);
    ck_assert(ew_binary(s.in, OP_DIV, col, m, s.span, &r));
    CK_ARRAY(r, 2, 2, 3, 10, 5, 10.0 / 3, 5, 4, 20.0 / 6);
    value_release(r);
    /* column (3×1) against row (3) makes the 3×3 table */
    Value c3 = MAT(3, 1, 1, 2, 3), r3 = VEC(10, 20, 30);
    ck_assert(ew_binary(s.in, OP_MUL, c3, r3, s.span, &r));
    CK_ARRAY(r, 2, 3, 3, 10, 20, 30, 20, 40, 60, 30, 60, 90);
    value_release(r);
    ck_assert(ew_binary(s.in, OP_ADD, r3, c3, s.span, &r));
    CK_ARRAY(r, 2, 3, 3, 11, 21, 31, 12, 22, 32, 13, 23, 33);
    value_release(r);
    /* scalar with matrix */
    ck_assert(ew_binary(s.in, OP_MUL, value_num(2), m, s.span, &r));
    CK_ARRAY(r, 2, 2, 3, 2, 4, 6, 8, 10, 12);
    value_release(r);
    value_release(c3);
    value_release(r3);
    value_release(m);
    value_release(col);
    session_close(&s);
}
END_TEST

START_TEST(comparisons_and_mod) {
    Session s;
    session_open(&s);
    Value a = VEC(1, 5, 3), b = VEC(3, 5, 1), r;
    ck_assert(ew_binary(s.in, OP_LT, a, b, s.span, &r));
    CK_ARRAY(r, 1, 1, 3, 1, 0, 0);
    value_release(r);
    ck_assert(ew_binary(s.in, OP_EQ, a, b, s.span, &r));
    CK_ARRAY(r, 1, 1, 3, 0, 1, 0);
    value_release(r);
    ck_assert(ew_binary(s.in, OP_GE, a, value_num(3), s.span, &r));
    CK_ARRAY(r, 1, 1, 3, 0, 1, 1);
    value_release(r);
    /* % is the floored modulo: the sign follows the divisor */
    Value m = VEC(7, -7, 7, -7), d = VEC(3, 3, -3, -3);
    ck_assert(ew_binary(s.in, OP_MOD, m, d, s.span, &r));
    CK_ARRAY(r, 1, 1, 4, 1, 2, -2, -1);
    value_release(r);
    ck_assert_double_eq(op_apply(OP_MOD, 5.5, 2), 1.5);
    ck_assert(isinf(op_apply(OP_DIV, 1, 0)));
    ck_assert(isnan(op_apply(OP_DIV, 0, 0)));
    value_release(a);
    value_release(b);
    value_release(m);
    value_release(d);
    session_close(&s);
}
END_TEST

START_TEST(empty_arrays) {
    Session s;
    session_open(&s);
    Value e = vec(0, NULL), r;
    ck_assert(ew_binary(s.in, OP_ADD, e, value_num(1), s.span, &r));
    CK_ARRAY(r, 1, 1, 0, 0);
    value_release(r);
    value_release(e);
    session_close(&s);
}
END_TEST

typedef struct MismatchCase {
    int op;
    int a_ndim;
    size_t ar, ac;
    int b_ndim;
    size_t br, bc;
    const char *message;
} MismatchCase;

static const MismatchCase mismatch_cases[] = {
    {OP_ADD, 1, 1, 2, 1, 1, 3, "shapes 2 and 3 do not match for '+'"},
    {OP_MUL, 2, 2, 3, 1, 1, 2, "shapes 2×3 and 2 do not match for '*'"},
    {OP_SUB, 2, 2, 3, 2, 3, 2, "shapes 2×3 and 3×2 do not match for '-'"},
    {OP_DIV, 2, 2, 2, 2, 3, 1, "shapes 2×2 and 3×1 do not match for '/'"},
    {OP_EQ, 1, 1, 4, 2, 1, 3, "shapes 4 and 1×3 do not match for '=='"},
    {OP_POW, 2, 3, 2, 2, 2, 3, "shapes 3×2 and 2×3 do not match for '^'"},
};

static Value filled(int ndim, size_t rows, size_t cols) {
    Array *a = array_new(NULL, ndim, rows, cols, NULL);
    ck_assert_ptr_nonnull(a);
    for (size_t i = 0; i < a->len; i++) a->data[i] = (double)i;
    return value_arr(a);
}

START_TEST(shape_mismatch_names_both_shapes) {
    Session s;
    session_open(&s);
    for (size_t i = 0; i < sizeof mismatch_cases / sizeof mismatch_cases[0]; i++) {
        const MismatchCase *c = &mismatch_cases[i];
        Value a = filled(c->a_ndim, c->ar, c->ac), b = filled(c->b_ndim, c->br, c->bc);
        Value r = value_num(-1);
        s.in->error.set = false;
        ck_assert_msg(!ew_binary(s.in, c->op, a, b, s.span, &r), "row %zu succeeded", i);
        ck_assert(s.in->error.set);
        ck_assert_str_eq(s.in->error.message, c->message);
        ck_assert_str_eq(s.in->error.file, "v.mlm");
        ck_assert_int_eq(s.in->error.line, 1);
        ck_assert_int_eq(s.in->error.col, 3);
        ck_assert_int_eq(r.kind, VAL_NUM); /* *out untouched */
        int ndim;
        size_t rows, cols;
        ck_assert(!ew_broadcast_shape(a, b, &ndim, &rows, &cols));
        value_release(a);
        value_release(b);
    }
    session_close(&s);
}
END_TEST

START_TEST(non_numbers_are_refused) {
    Session s;
    session_open(&s);
    Value str = value_str(str_new("abc", 3)), v = VEC(1), r;
    ck_assert(!ew_binary(s.in, OP_ADD, str, value_num(1), s.span, &r));
    ck_assert_str_eq(s.in->error.message, "'+' needs numbers, got a string");
    ck_assert(!ew_binary(s.in, OP_MUL, v, str, s.span, &r));
    ck_assert_str_eq(s.in->error.message, "'*' needs numbers, got a string");
    ck_assert(!ew_map(s.in, sqrt, str, s.span, &r));
    value_release(str);
    value_release(v);
    session_close(&s);
}
END_TEST

START_TEST(broadcast_shape) {
    int ndim;
    size_t rows, cols;
    Value m = filled(2, 4, 3), v = filled(1, 1, 3), c = filled(2, 4, 1);
    ck_assert(ew_broadcast_shape(m, v, &ndim, &rows, &cols));
    ck_assert_int_eq(ndim, 2);
    ck_assert_uint_eq(rows, 4);
    ck_assert_uint_eq(cols, 3);
    ck_assert(ew_broadcast_shape(c, v, &ndim, &rows, &cols));
    ck_assert_int_eq(ndim, 2);
    ck_assert_uint_eq(rows, 4);
    ck_assert_uint_eq(cols, 3);
    ck_assert(ew_broadcast_shape(value_num(1), v, &ndim, &rows, &cols));
    ck_assert_int_eq(ndim, 1);
    ck_assert_uint_eq(cols, 3);
    ck_assert(ew_broadcast_shape(value_num(1), value_num(2), &ndim, &rows, &cols));
    ck_assert_int_eq(ndim, 0);
    value_release(m);
    value_release(v);
    value_release(c);
}
END_TEST

START_TEST(map_and_binary_fn) {
    Session s;
    session_open(&s);
    Value m = MAT(2, 2, 1, 4, 9, 16), r;
    ck_assert(ew_map(s.in, sqrt, m, s.span, &r));
    CK_ARRAY(r, 2, 2, 2, 1, 2, 3, 4);
    value_release(r);
    ck_assert(ew_map(s.in, sqrt, value_num(25), s.span, &r));
    ck_assert_double_eq(r.as.num, 5);
    Value row = VEC(2, 10);
    ck_assert(ew_binary_named(s.in, KB_MAX, "max", m, row, s.span, &r));
    CK_ARRAY(r, 2, 2, 2, 2, 10, 9, 16);
    value_release(r);
    Value bad = VEC(1, 2, 3);
    ck_assert(!ew_binary_named(s.in, KB_MAX, "max", m, bad, s.span, &r));
    ck_assert_str_eq(s.in->error.message, "shapes 2×2 and 3 do not match for max");
    value_release(bad);
    value_release(row);
    value_release(m);
    session_close(&s);
}
END_TEST

START_TEST(pairwise_sum_and_close) {
    size_t n = 1000000;
    double *x = malloc(n * sizeof *x);
    ck_assert_ptr_nonnull(x);
    for (size_t i = 0; i < n; i++) x[i] = 0.1;
    /* naive summation is off by ~1e-6 here; pairwise stays within a few ulps */
    ck_assert_double_eq_tol(kernel_sum(x, n), 100000.0, 1e-8);
    free(x);
    double small[] = {1, 2, 3, 4, 5};
    ck_assert_double_eq(kernel_sum(small, 5), 15);
    ck_assert_double_eq(kernel_sum(small, 0), 0);

    ck_assert(ew_close(0.1 + 0.2, 0.3, 1e-9, 1e-12));
    ck_assert(!ew_close(1.0, 1.001, 1e-9, 1e-12));
    ck_assert(ew_close(1.0, 1.001, 0, 0.01));
    ck_assert(ew_close(INFINITY, INFINITY, 1e-9, 0));
    ck_assert(!ew_close(NAN, NAN, 1e-9, 1));
    ck_assert(!ew_close(INFINITY, 1e308, 1e-9, 0));
}
END_TEST

START_TEST(results_are_charged_to_the_budget) {
    Session s;
    session_open(&s);
    s.in->budget.limit = s.in->budget.in_use + 1000; /* room for 125 more doubles */
    Value a = filled(1, 1, 100), r;
    ck_assert(ew_binary(s.in, OP_ADD, a, value_num(1), s.span, &r));
    size_t used = s.in->budget.in_use;
    Value r2;
    ck_assert(!ew_binary(s.in, OP_ADD, a, value_num(1), s.span, &r2));
    ck_assert_msg(strstr(s.in->error.message, "a vector of 100 elements needs 800 bytes, over the memory limit of") ==
                      s.in->error.message,
                  "%s", s.in->error.message);
    ck_assert_uint_eq(s.in->budget.in_use, used);
    value_release(r);
    ck_assert_uint_eq(s.in->budget.in_use, used - 800);
    value_release(a);
    session_close(&s);
}
END_TEST

/* }======== */

Suite *values_suite(void) {
    Suite *s = suite_create("values");
    TCase *arrays = tcase_create("Core");
    tcase_add_test(arrays, vector_and_matrix_shapes);
    tcase_add_test(arrays, storage_is_64_byte_aligned);
    tcase_add_test(arrays, refcounts);
    tcase_add_test(arrays, copy_on_write);
    tcase_add_test(arrays, copy_keeps_shape);
    tcase_add_test(arrays, kind_and_shape_names);
    suite_add_tcase(s, arrays);
    TCase *limits = tcase_create("Limits");
    tcase_add_test(limits, size_overflow);
    tcase_add_test(limits, memory_budget);
    tcase_add_test(limits, released_buffers_are_reused);
    tcase_add_test(limits, results_are_charged_to_the_budget);
    suite_add_tcase(s, limits);
    TCase *bc = tcase_create("Broadcasting");
    tcase_add_test(bc, scalar_and_vector);
    tcase_add_test(bc, vector_and_vector);
    tcase_add_test(bc, matrix_and_row);
    tcase_add_test(bc, owned_operands_lend_their_storage);
    tcase_add_test(bc, matrix_and_column);
    tcase_add_test(bc, comparisons_and_mod);
    tcase_add_test(bc, empty_arrays);
    tcase_add_test(bc, shape_mismatch_names_both_shapes);
    tcase_add_test(bc, non_numbers_are_refused);
    tcase_add_test(bc, broadcast_shape);
    tcase_add_test(bc, map_and_binary_fn);
    tcase_add_test(bc, pairwise_sum_and_close);
    suite_add_tcase(s, bc);
    return s;
}
