/* test_print.c — how values look: numbers, vectors, aligned matrices, elision, strings,
 * functions and tuples. Output is captured with open_memstream. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "builtins.h"
#include "func.h"
#include "object.h"
#include "print.h"

/* Returns what print_value (or print_value_brief) writes for v; the caller frees it. */
static char *shown(Value v, int brief) {
    char *text = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&text, &size);
    ck_assert_ptr_nonnull(out);
    if (brief) print_value_brief(out, v);
    else print_value(out, v);
    fclose(out);
    return text;
}

#define ck_shows(v, expected) do { \
    char *got_ = shown((v), 0); ck_assert_str_eq(got_, (expected)); free(got_); } while (0)
#define ck_shows_brief(v, expected) do { \
    char *got_ = shown((v), 1); ck_assert_str_eq(got_, (expected)); free(got_); } while (0)

static const char *num(double x) {
    static char buf[64];
    return print_number(x, buf, sizeof buf);
}

static Value vec(size_t n, const double *data) {
    Array *a = array_new_vector(NULL, n, NULL);
    ck_assert_ptr_nonnull(a);
    if (n) memcpy(a->data, data, n * sizeof(double));
    return value_arr(a);
}

static Value vec_range(size_t n) {
    Array *a = array_new_vector(NULL, n, NULL);
    ck_assert_ptr_nonnull(a);
    for (size_t i = 0; i < n; i++) a->data[i] = (double)(i + 1);
    return value_arr(a);
}

static Value mat(size_t rows, size_t cols, const double *data) {
    Array *a = array_new_matrix(NULL, rows, cols, NULL);
    ck_assert_ptr_nonnull(a);
    if (rows * cols != 0) memcpy(a->data, data, rows * cols * sizeof(double));
    return value_arr(a);
}

/* rows × cols matrix with element (r, c) = r * cols + c + 1. */
static Value mat_range(size_t rows, size_t cols) {
    Array *a = array_new_matrix(NULL, rows, cols, NULL);
    ck_assert_ptr_nonnull(a);
    for (size_t i = 0; i < rows * cols; i++) a->data[i] = (double)(i + 1);
    return value_arr(a);
}

START_TEST(numbers_shortest) {
    ck_assert_str_eq(num(0.1 + 0.2), "0.3");
    ck_assert_str_eq(num(1.0 / 3.0), "0.333333333333333");
    ck_assert_str_eq(num(3.0), "3");
    ck_assert_str_eq(num(0), "0");
    ck_assert_str_eq(num(-2.5), "-2.5");
    ck_assert_str_eq(num(42), "42");
    ck_assert_str_eq(num(-7), "-7");
    ck_assert_str_eq(num(123456789012.0), "123456789012");
    ck_assert_str_eq(num(123456789012345.0), "123456789012345");
}
END_TEST

START_TEST(numbers_special) {
    ck_assert_str_eq(num(-0.0), "0");
    ck_assert_str_eq(num(INFINITY), "inf");
    ck_assert_str_eq(num(-INFINITY), "-inf");
    ck_assert_str_eq(num(NAN), "nan");
    ck_assert_str_eq(num(-NAN), "nan");
}
END_TEST

START_TEST(numbers_exponent) {
    ck_assert_str_eq(num(1e20), "1e20");
    ck_assert_str_eq(num(1e15), "1e15");
    ck_assert_str_eq(num(1.5e-7), "1.5e-7");
    ck_assert_str_eq(num(-1.5e-7), "-1.5e-7");
    ck_assert_str_eq(num(1e-300), "1e-300");
    ck_assert_str_eq(num(5e-324), "4.94065645841247e-324");
    ck_assert_str_eq(num(1e100), "1e100");
    ck_assert_str_eq(num(-1.7976931348623157e308), "-1.79769313486232e308");
    ck_assert_str_eq(num(0.0001), "0.0001");
    ck_assert_str_eq(num(0.00001), "1e-5");
}
END_TEST

START_TEST(numbers_small_buffer) {
    char buf[4];
    ck_assert_str_eq(print_number(12345, buf, sizeof buf), "123");
    ck_assert_ptr_eq(print_number(1, buf, 0), buf);
}
END_TEST

START_TEST(scalar_value) {
    ck_shows(value_num(0.1 + 0.2), "0.3");
    ck_shows_brief(value_num(-0.0), "0");
    ck_shows(value_nil(), "");
}
END_TEST

START_TEST(vectors) {
    const double d[] = {1, 2.5, -3};
    Value v = vec(3, d);
    ck_shows(v, "[1, 2.5, -3]");
    ck_shows_brief(v, "[1, 2.5, -3]");
    value_release(v);

    v = vec(0, NULL);
    ck_shows(v, "[]");
    ck_shows_brief(v, "[]");
    value_release(v);

    v = vec_range(20);
    ck_shows(v, "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]");
    value_release(v);
}
END_TEST

START_TEST(vector_elision) {
    Value v = vec_range(1000);
    ck_shows(v, "[1, 2, 3, …, 998, 999, 1000]  (1000 elements)");
    ck_shows_brief(v, "[1, 2, 3, …] (1000 elements)");
    value_release(v);

    v = vec_range(21);
    ck_shows(v, "[1, 2, 3, …, 19, 20, 21]  (21 elements)");
    value_release(v);

    v = vec_range(8);
    ck_shows_brief(v, "[1, 2, 3, 4, 5, 6, 7, 8]");
    value_release(v);
    v = vec_range(9);
    ck_shows_brief(v, "[1, 2, 3, …] (9 elements)");
    value_release(v);
}
END_TEST

START_TEST(matrix_aligned) {
    const double d[] = {52.1, 61.9, 107.5, 197, 44.7, 50.5};
    Value m = mat(3, 2, d);
    ck_shows(m,
             "[ 52.1,  61.9;\n"
             " 107.5,   197;\n"
             "  44.7,  50.5]");
    ck_shows_brief(m, "[52.1, 61.9; 107.5, 197; 44.7, 50.5]");
    value_release(m);

    const double e[] = {1, -2, 3, 4};
    m = mat(2, 2, e);
    ck_shows(m, "[ 1, -2;\n  3,  4]");
    value_release(m);
}
END_TEST

START_TEST(matrix_row_and_column) {
    const double d[] = {1, 2, 3};
    Value m = mat(1, 3, d);
    ck_shows(m, "[1, 2, 3]  (1×3)");
    ck_shows_brief(m, "[1, 2, 3] (1×3)");
    value_release(m);

    const double c[] = {1, 20, 300};
    m = mat(3, 1, c);
    ck_shows(m, "[  1;\n  20;\n 300]");
    value_release(m);
}
END_TEST

START_TEST(matrix_empty) {
    Value m = mat(0, 3, NULL);
    ck_shows(m, "[] (0×3)");
    ck_shows_brief(m, "[] (0×3)");
    value_release(m);
    m = mat(2, 0, NULL);
    ck_shows(m, "[] (2×0)");
    value_release(m);
}
END_TEST

START_TEST(matrix_elision_large) {
    Value m = mat_range(1000, 1000);
    clock_t start = clock();
    char *got = shown(m, 0);
    double seconds = (double)(clock() - start) / CLOCKS_PER_SEC;
    ck_assert_msg(seconds < 0.5, "printing a 1000×1000 matrix took %g s", seconds);
    ck_assert_str_eq(got,
        "[      1,       2,       3, …,     998,     999,    1000;\n"
        "    1001,    1002,    1003, …,    1998,    1999,    2000;\n"
        "    2001,    2002,    2003, …,    2998,    2999,    3000;\n"
        "       …        …        …  …        …        …        …\n"
        "  997001,  997002,  997003, …,  997998,  997999,  998000;\n"
        "  998001,  998002,  998003, …,  998998,  998999,  999000;\n"
        "  999001,  999002,  999003, …,  999998,  999999, 1000000]\n"
        "(1000×1000 matrix)");
    free(got);
    value_release(m);
}
END_TEST

START_TEST(matrix_elision_rows) {
    Value m = mat_range(25, 2);
    ck_shows(m,
             "[ 1,  2;\n"
             "  3,  4;\n"
             "  5,  6;\n"
             "  …   …\n"
             " 45, 46;\n"
             " 47, 48;\n"
             " 49, 50]\n"
             "(25×2 matrix)");
    value_release(m);
}
END_TEST

START_TEST(matrix_elision_cols) {
    Value m = mat_range(2, 12);
    ck_shows(m,
             "[ 1,  2,  3, …, 10, 11, 12;\n"
             " 13, 14, 15, …, 22, 23, 24]\n"
             "(2×12 matrix)");
    ck_shows_brief(m, "(2×12 matrix)");
    value_release(m);

    m = mat_range(1, 11);
    ck_shows(m, "[ 1,  2,  3, …,  9, 10, 11]\n(1×11 matrix)");
    value_release(m);
}
END_TEST

START_TEST(strings) {
    const char text[] = "say \"hi\"\\\nbye";
    Value s = value_str(str_new(text, strlen(text)));
    ck_shows(s, "say \"hi\"\\\nbye");
    ck_shows_brief(s, "\"say \\\"hi\\\"\\\\\\nbye\"");
    value_release(s);
}
END_TEST

START_TEST(functions) {
    Node x = {0}, y = {0};
    x.name = "x";
    y.name = "y";
    Node *params[] = {&x, &y};
    Func f = {0};
    f.refcount = 1;
    f.name = "f";
    f.nparams = 2;
    f.params = params;
    Value v;
    v.kind = VAL_FUNC;
    v.as.fn = &f;
    ck_shows(v, "<function f(x, y)>");
    ck_shows_brief(v, "<function f(x, y)>");

    f.name = "<lambda>";
    f.nparams = 1;
    ck_shows(v, "<lambda (x)>");

    static const Builtin sqrt_builtin = {.name = "sqrt", .min_args = 1, .max_args = 1};
    Value b;
    b.kind = VAL_BUILTIN;
    b.as.builtin = &sqrt_builtin;
    ck_shows(b, "<builtin sqrt>");
}
END_TEST

START_TEST(tuples) {
    static const char *const names[] = {"U", "S", "n"};
    const double d[] = {1, 0, 0, 1};
    const double s[] = {2, 1};
    Value items[] = {mat(2, 2, d), vec(2, s), value_num(3)};
    Value t = value_tuple(3, names, items);
    ck_shows(t,
             "U =\n"
             "[1, 0;\n"
             " 0, 1]\n"
             "S = [2, 1]\n"
             "n = 3");
    ck_shows_brief(t, "(U, S, n)");
    value_release(t);
}
END_TEST

Suite *print_suite(void) {
    Suite *s = suite_create("print");
    TCase *tc = tcase_create("print");
    tcase_add_test(tc, numbers_shortest);
    tcase_add_test(tc, numbers_special);
    tcase_add_test(tc, numbers_exponent);
    tcase_add_test(tc, numbers_small_buffer);
    tcase_add_test(tc, scalar_value);
    tcase_add_test(tc, vectors);
    tcase_add_test(tc, vector_elision);
    tcase_add_test(tc, matrix_aligned);
    tcase_add_test(tc, matrix_row_and_column);
    tcase_add_test(tc, matrix_empty);
    tcase_add_test(tc, matrix_elision_large);
    tcase_add_test(tc, matrix_elision_rows);
    tcase_add_test(tc, matrix_elision_cols);
    tcase_add_test(tc, strings);
    tcase_add_test(tc, functions);
    tcase_add_test(tc, tuples);
    suite_add_tcase(s, tc);
    return s;
}
