/* test_eval.c — the evaluator end to end through interp_run: source text in, what a user
 * sees out (results on stdout, `file:line:col: error:` + line + caret on stderr). Covers
 * arithmetic and printing, Σ/∏ in both forms, indexing and slicing, functions, recursion
 * and its limit, lambdas with captures, blocks, check/assert, printf, probability facts,
 * and the runtime errors of issue 2's "Bad input" list. */
#include <check.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interp.h"

#include "table.h"

/* {======== the eval helper */

typedef struct Session {
    Interp *in;
    FILE *out, *err;
    char *out_buf, *err_buf;
    size_t out_size, err_size;
} Session;

typedef struct Run {
    RunStatus status;
    char *out;  /* what this run printed on stdout (malloc) */
    char *err;  /* and on stderr (malloc) */
} Run;

static void session_open(Session *s) {
    memset(s, 0, sizeof *s);
    s->out = open_memstream(&s->out_buf, &s->out_size);
    s->err = open_memstream(&s->err_buf, &s->err_size);
    ck_assert_ptr_nonnull(s->out);
    ck_assert_ptr_nonnull(s->err);
    s->in = interp_new(s->out, s->err);
    ck_assert_ptr_nonnull(s->in);
    s->in->use_colour = false;
}

static void session_close(Session *s) {
    interp_free(s->in);
    fclose(s->out);
    fclose(s->err);
    free(s->out_buf);
    free(s->err_buf);
}

/* interp_run on a thread with a 512 MiB stack, as main.c runs it: the default recursion
 * limit (5000 calls) needs more than the 8 MiB of a test process, under ASan above all. */
typedef struct Job {
    Interp *in;
    Source *src;
    RunStatus status;
} Job;

static void *job_run(void *arg) {
    Job *job = arg;
    job->status = interp_run(job->in, job->src, false);
    return NULL;
}

static RunStatus run_on_big_stack(Interp *in, Source *src) {
    Job job = {in, src, RUN_ERROR};
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, (size_t)512 << 20);
    pthread_t thread;
    ck_assert_int_eq(pthread_create(&thread, &attr, job_run, &job), 0);
    pthread_join(thread, NULL);
    pthread_attr_destroy(&attr);
    return job.status;
}

/* Runs text as the script "t.mlm" in the session; returns what it printed. */
static Run session_run(Session *s, const char *text) {
    fflush(s->out);
    fflush(s->err);
    size_t out_at = s->out_size, err_at = s->err_size;
    Source *src = source_new("t.mlm", text, strlen(text));
    Run r;
    r.status = run_on_big_stack(s->in, src);
    source_release(src);
    fflush(s->out);
    fflush(s->err);
    r.out = strdup(s->out_buf ? s->out_buf + out_at : "");
    r.err = strdup(s->err_buf ? s->err_buf + err_at : "");
    ck_assert_ptr_nonnull(r.out);
    ck_assert_ptr_nonnull(r.err);
    return r;
}

static void run_free(Run *r) {
    free(r->out);
    free(r->err);
}

/* Runs text in a fresh session. */
static Run eval(const char *text) {
    Session s;
    session_open(&s);
    Run r = session_run(&s, text);
    session_close(&s);
    return r;
}

/* Runs text in a fresh session: it must run cleanly and print exactly expected. */
static void row_prints(Failures *f, const char *text, const char *expected) {
    Run r = eval(text);
    if (r.status != RUN_OK || r.err[0] != '\0')
        failure(f, "\"%s\": status %d, stderr:\n%s", text, r.status, r.err);
    else if (strcmp(r.out, expected) != 0)
        failure(f, "\"%s\": printed \"%s\", expected \"%s\"", text, r.out, expected);
    run_free(&r);
}

/* Runs text in a fresh session: it must stop with an error printing exactly expected_err. */
static void row_fails(Failures *f, const char *text, const char *expected_err) {
    Run r = eval(text);
    if (r.status != RUN_ERROR)
        failure(f, "\"%s\": status %d, expected an error; stdout \"%s\"", text, r.status, r.out);
    else if (strcmp(r.err, expected_err) != 0)
        failure(f, "\"%s\": stderr\n%sexpected\n%s", text, r.err, expected_err);
    run_free(&r);
}

/* }======== */

/* {======== results: table of input → stdout */

typedef struct Case {
    const char *input;
    const char *out;
} Case;

static const Case arithmetic_cases[] = {
    {"1 + 2", "3\n"},
    {"0.1 + 0.2", "0.3\n"},
    {"1/3", "0.333333333333333\n"},
    {"7 / 2", "3.5\n"},
    {"3.0", "3\n"},
    {"-2^2", "-4\n"},
    {"2^3^2", "512\n"},
    {"(-2)^2", "4\n"},
    {"2^-1", "0.5\n"},
    {"1/0", "inf\n"},
    {"-1/0", "-inf\n"},
    {"0/0", "nan\n"},
    {"1e20", "1e20\n"},
    {"1e-7", "1e-7\n"},
    {"1_000_000", "1000000\n"},
    {".5 + .25", "0.75\n"},
    {"7 % 3", "1\n"},
    {"-7 % 3", "2\n"},
    {"x = 3; 2x", "6\n"},
    {"x = 3; 2(x + 1)", "8\n"},
    {"x = 3; 2x^2", "18\n"},
    {"2π", "6.28318530717959\n"},
    {"π", "3.14159265358979\n"},
    {"∞", "inf\n"},
    {"e", "2.71828182845905\n"},
    {"6 ÷ 4 × 2 − 1", "2\n"},
    {"2 · 3", "6\n"},
    {"√16 + 3²", "13\n"},
    {"2⁻¹", "0.5\n"},
    {"x = 2; n = 5; xⁿ", "32\n"},
    {"|-3| + |2 - 5|", "6\n"},
    {"||[3, 4]||", "5\n"},
    {"‖[3, -4]‖_1", "7\n"},
    {"||[3, -4]||_inf", "4\n"},
    {"v = [3, 4]; ‖v‖ / 5", "1\n"},
    {"1 ≤ 2", "1\n"},
    {"2 ≠ 2", "0\n"},
    {"2 ≥ 3", "0\n"},
    {"1 ≈ 1 + 1e-12", "1\n"},
    {"1 ≈ 1.001", "0\n"},
    {"3 > 2 > 1", "1\n"},
    {"(3 > 2) > 1", "0\n"},
    {"1 < 3 < 2", "0\n"},
    {"1 < 2 <= 2 < 3", "1\n"},
    {"not 0 and 1", "1\n"},
    {"0 or 0", "0\n"},
    {"1 && !0", "1\n"},
    {"if 2 > 1 then 10 else 20", "10\n"},
    {"x = -5; if x > 0 then x else -x", "5\n"},
    {"abs(-2) + sqrt(9) + max(3, 4) + min([4, 2, 8])", "11\n"},
    {"floor(2.7) + ceil(2.1) + round(2.5)", "8\n"},
    {"exp(0) + log(e) + log2(8) + log10(1000)", "8\n"},
    {"sin(0) + cos(0)", "1\n"},
};

START_TEST(arithmetic) {
    Failures f = {0};
    for (size_t i = 0; i < ROWS(arithmetic_cases); i++) row_prints(&f, arithmetic_cases[i].input, arithmetic_cases[i].out);
    ck_no_failures(f, ROWS(arithmetic_cases));
}
END_TEST

static const Case printing_cases[] = {
    {"x = 5", ""},
    {"x = 5; x;", ""},
    {"x = 5;\nx", "5\n"},
    {"2 + 3; ans * 2", "10\n"},
    {"1\n2\n", "1\n2\n"},
    {"[1, 2, 3]", "[1, 2, 3]\n"},
    {"[0.5, 1, 1e-3]", "[0.5, 1, 0.001]\n"},
    {"[1, 2; 3, 4]", "[1, 2;\n 3, 4]\n"},
    {"[1, 2\n 3, 4]", "[1, 2;\n 3, 4]\n"},
    {"[[1, 2], [3, 4]]", "[1, 2;\n 3, 4]\n"},
    {"[1, -2.5; 30, 4]", "[   1, -2.5;\n   30,    4]\n"},
    {"[]", "[]\n"},
    {"[1, [2, 3]]", "[1, 2, 3]\n"},
    {"[1, 2]ᵀ", "[1, 2]  (1×2)\n"},
    {"[1, 2; 3, 4]'", "[1, 3;\n 2, 4]\n"},
    {"[1, 2; 3, 4]^T", "[1, 3;\n 2, 4]\n"},
    {"A = [1, 2; 3, 4]; A⁻¹", "[  -2,    1;\n  1.5, -0.5]\n"},
    {"\"a\\tb\"", "a\tb\n"},
    {"print(\"a\\\"b\\\\c\")", "a\"b\\c\n"},
    {"print(\"a\", 1, [1, 2])", "a 1 [1, 2]\n"},
    {"1 # a comment", "1\n"},
    {"# only a comment\n", ""},
    {"zeros(2, 3)", "[0, 0, 0;\n 0, 0, 0]\n"},
    {"ones(3)", "[1, 1, 1]\n"},
    {"eye(2)", "[1, 0;\n 0, 1]\n"},
    {"linspace(0, 1, 5)", "[0, 0.25, 0.5, 0.75, 1]\n"},
    {"size([1, 2, 3; 4, 5, 6])", "[2, 3]\n"},
    {"length([1, 2, 3])", "3\n"},
    {"mean([1, 2, 3, 4])", "2.5\n"},
};

START_TEST(printing) {
    Failures f = {0};
    for (size_t i = 0; i < ROWS(printing_cases); i++) row_prints(&f, printing_cases[i].input, printing_cases[i].out);
    ck_no_failures(f, ROWS(printing_cases));
}
END_TEST

static const Case array_cases[] = {
    /* broadcasting and @ */
    {"[1, 2, 3] + 1", "[2, 3, 4]\n"},
    {"2 * [1, 2, 3]", "[2, 4, 6]\n"},
    {"[1, 2, 3]^2", "[1, 4, 9]\n"},
    {"[1, 2, 3]²", "[1, 4, 9]\n"},
    {"A = [1, 2; 3, 4]; A + [10, 20]", "[11, 22;\n 13, 24]\n"},
    {"A = [1, 2; 3, 4]; A + [10; 20]", "[11, 12;\n 23, 24]\n"},
    {"[1, 2; 3, 4] @ [1, 1]", "[3, 7]\n"},
    {"[1, 1] @ [1, 2; 3, 4]", "[4, 6]\n"},
    {"[1, 2; 3, 4] @ [1, 0; 0, 1]", "[1, 2;\n 3, 4]\n"},
    {"x = [1, 2, 3]; xᵀ @ x", "14\n"},
    {"x = [1, 2, 3]; x @ x", "14\n"},
    {"x = [1, 2]; x @ xᵀ", "[1, 2;\n 2, 4]\n"},
    {"[1, 2] · [3, 4]", "11\n"},
    {"X = [45, 62, 120; 92, 88, 450; 38, 55, 95]\n"
     "W = [0.2, -0.1; 0.5, 0.3; 0.1, 0.4]\n"
     "b = [0.1, -0.2]\n"
     "X @ W + b\nsize(X @ W + b)",
     "[ 52.1,  61.9;\n 107.5,   197;\n  44.7,  50.5]\n[3, 2]\n"},
    {"[1, 2, 3] == [1, 2, 3]", "[1, 1, 1]\n"},
    {"[1, 5, 3] > 2", "[0, 1, 1]\n"},
    {"-[1, 2]", "[-1, -2]\n"},
    {"|[-1, 2, -3]|", "[1, 2, 3]\n"},
    {"sqrt([1, 4, 9])", "[1, 2, 3]\n"},
    /* ranges */
    {"1:5", "[1, 2, 3, 4, 5]\n"},
    {"1..3", "[1, 2, 3]\n"},
    {"0:0.25:1", "[0, 0.25, 0.5, 0.75, 1]\n"},
    {"0:0.1:0.3", "[0, 0.1, 0.2, 0.3]\n"},
    {"5:-1:1", "[5, 4, 3, 2, 1]\n"},
    {"1:0", "[]\n"},
    /* indexing and slicing */
    {"x = [10, 20, 30, 40, 50]; x[2]", "20\n"},
    {"x = [10, 20, 30, 40, 50]; x[end]", "50\n"},
    {"x = [10, 20, 30, 40, 50]; x[end - 1]", "40\n"},
    {"x = [10, 20, 30, 40, 50]; x[2:4]", "[20, 30, 40]\n"},
    {"x = [10, 20, 30, 40, 50]; x[3:end]", "[30, 40, 50]\n"},
    {"x = [10, 20, 30, 40, 50]; x[[1, 3]]", "[10, 30]\n"},
    {"x = [10, 20, 30, 40, 50]; x[end:-2:1]", "[50, 30, 10]\n"},
    {"X = [1, 2; 3, 4]; X[2, 1]", "3\n"},
    {"X = [1, 2; 3, 4]; X[:, 2]", "[2, 4]\n"},
    {"X = [1, 2; 3, 4]; X[2, :]", "[3, 4]\n"},
    {"X = [1, 2; 3, 4]; X[1]", "[1, 2]\n"},
    {"X = [1, 2, 3; 4, 5, 6]; X[end, end]", "6\n"},
    {"X = [1, 2, 3; 4, 5, 6]; X[:, 2:3]", "[2, 3;\n 5, 6]\n"},
    {"x = 7; x[1]", "7\n"},
    /* assignment into arrays, copy-on-write */
    {"x = [1, 2, 3]; x[2] = 9; x", "[1, 9, 3]\n"},
    {"x = [1, 2, 3]; x[2:3] = 0; x", "[1, 0, 0]\n"},
    {"X = [1, 2; 3, 4]; X[1, :] = [7, 8]; X", "[7, 8;\n 3, 4]\n"},
    {"X = [1, 2; 3, 4]; X[2, 2] = -1; X", "[ 1,  2;\n  3, -1]\n"},
    {"a = [1, 2]; b = a; b[1] = 9; a", "[1, 2]\n"},
    {"a = [1, 2]; b = a; b[1] = 9; b", "[9, 2]\n"},
    {"a = [1, 2]; b = a; a[2] = 5; b", "[1, 2]\n"},
    {"f(v) = { v[1] = 0; return v }\na = [1, 2]\nb = f(a)\na\nb", "[1, 2]\n[0, 2]\n"},
    {"a = [1, 2]; g = x -> a[1]; a[1] = 5; g(0)", "5\n"},
};

START_TEST(arrays) {
    Failures f = {0};
    for (size_t i = 0; i < ROWS(array_cases); i++) row_prints(&f, array_cases[i].input, array_cases[i].out);
    ck_no_failures(f, ROWS(array_cases));
}
END_TEST

static const Case sum_cases[] = {
    {"y = [3, 5, 2]; yhat = [2.5, 5, 4]; n = 3; sum(i, 1, n, (y[i] - yhat[i])^2)", "4.25\n"},
    {"y = [3, 5, 2]; ŷ = [2.5, 5, 4]; n = 3; Σ_{i=1}^{n} (y[i] - ŷ[i])²", "4.25\n"},
    {"y = [3, 5, 2]; ŷ = [2.5, 5, 4]; n = 3; ∑_{i=1}^{n} (y[i] - ŷ[i])^2", "4.25\n"},
    {"Σ_{i=1}^{4} i + 1", "11\n"},
    {"sum(i, 1, 4, i) + 1", "11\n"},
    {"Σ_{i=1}^{4} i * 2", "20\n"},
    {"Σ_{i=1}^4 i^2", "30\n"},
    {"∏_{i=1}^{5} i", "120\n"},
    {"Π_{i=1}^{5} i", "120\n"},
    {"prod(i, 1, 5, i)", "120\n"},
    {"Σ_{i=1}^{0} i", "0\n"},
    {"∏_{i=1}^{0} i", "1\n"},
    {"Σ_{i=1}^{2} [i, 2i]", "[3, 6]\n"},
    {"Σ_{i=1}^{3} Σ_{j=1}^{2} i*j", "18\n"},
    {"n = 100; Σ_{k=1}^{n} 1/k^2", "1.63498390018489\n"},
    {"Σ_{i=1}^{1000000} 0.1", "100000\n"},
    {"sum([1, 2, 3])", "6\n"},
    {"sum([1, 2; 3, 4])", "10\n"},
    {"prod([1, 2, 3, 4])", "24\n"},
    {"v = [1, 2, 3]; Σ v", "6\n"},
    {"i = 42; Σ_{i=1}^{3} i; i", "42\n"},
    {"f(n) = Σ_{i=1}^{n} i; f(10)", "55\n"},
};

START_TEST(sums) {
    Failures f = {0};
    for (size_t i = 0; i < ROWS(sum_cases); i++) row_prints(&f, sum_cases[i].input, sum_cases[i].out);
    ck_no_failures(f, ROWS(sum_cases));
}
END_TEST

static const Case function_cases[] = {
    {"f(x) = x^2 + 1; f(3)", "10\n"},
    {"f(x, y) = x * y; f(3, 4)", "12\n"},
    {"f() = 42; f()", "42\n"},
    {"fact(n) = if n <= 1 then 1 else n * fact(n - 1); fact(10)", "3628800\n"},
    {"fib(n) = if n < 2 then n else fib(n - 1) + fib(n - 2); fib(15)", "610\n"},
    {"f(n) = if n == 0 then 0 else 1 + f(n - 1); f(1000)", "1000\n"},
    {"even(n) = if n == 0 then 1 else odd(n - 1)\nodd(n) = if n == 0 then 0 else even(n - 1)\neven(10)", "1\n"},
    {"g = x -> 2x; g(4)", "8\n"},
    {"h = (x, y) -> x + y; h(1, 2)", "3\n"},
    {"make(k) = (x -> k * x); g = make(3); g(5)", "15\n"},
    {"make(k) = { g = x -> k * x; k = 100; return g }; h = make(3); h(5)", "15\n"},
    {"adders = 0; add(n) = (x -> x + n); a1 = add(1); a10 = add(10); a1(5) + a10(5)", "21\n"},
    {"apply(f, x) = f(x); apply(x -> x + 1, 1)", "2\n"},
    {"apply(f, x) = f(x); apply(sqrt, 16)", "4\n"},
    {"twice(f) = (x -> f(f(x))); inc = x -> x + 1; twice(inc)(5)", "7\n"},
    {"f(x) = { if x > 0 { return 1 }; return -1 }; f(-3)", "-1\n"},
    {"f(x) = { s = 0; for i in 1..x { s = s + i }; return s }; f(10)", "55\n"},
    {"f() = { for i in 1..10 { if i == 3 { return i } }; return 0 }; f()", "3\n"},
    {"f(x) = x + 1; f(1)\nf = 5; f", "2\n5\n"},
    {"f(x) = x; g(x) = f(x) * 2; f(x) = x + 1; g(1)", "4\n"},
    {"sigmoid(0)", "0.5\n"},
};

START_TEST(functions) {
    Failures f = {0};
    for (size_t i = 0; i < ROWS(function_cases); i++) row_prints(&f, function_cases[i].input, function_cases[i].out);
    ck_no_failures(f, ROWS(function_cases));
}
END_TEST

static const Case control_cases[] = {
    {"for i in 1..3 { print(i) }", "1\n2\n3\n"},
    {"for i = 0:2 { print(i) }", "0\n1\n2\n"},
    {"for v in [5, 6] { print(v) }", "5\n6\n"},
    {"for r in [1, 2; 3, 4] { print(r) }", "[1, 2]\n[3, 4]\n"},
    {"s = 0; for i = 1:100 { s = s + i }; s", "5050\n"},
    {"for i in 1..3 { }; i", "3\n"},
    {"for i in 1..0 { print(i) }", ""},
    {"for i in 1..5 {\n  if i == 2 { continue }\n  if i == 4 { break }\n  print(i)\n}", "1\n3\n"},
    {"for i in 1..2 { for j in 1..3 { if j == 2 { break }; print(i, j) } }", "1 1\n2 1\n"},
    {"i = 0; while i < 3 { i = i + 1; if i == 2 { continue }; print(i) }", "1\n3\n"},
    {"i = 0; while 1 { i = i + 1; if i >= 4 { break } }; i", "4\n"},
    {"x = 5; if x > 3 { print(\"big\") } else { print(\"small\") }", "big\n"},
    {"x = 1; if x > 3 { print(1) } else if x > 0 { print(2) } else { print(3) }", "2\n"},
    {"x = -1\nif x > 3 {\n  print(1)\n} else if x > 0 {\n  print(2)\n} else {\n  print(3)\n}", "3\n"},
    {"if [1, 2] == [1, 2] { print(1) }", "1\n"},
    {"if [1, 0] { print(1) } else { print(0) }", "0\n"},
    {"x = 5.0; lr = 0.1\nfor step = 0:2 {\n  x = x - lr * 2x\n  printf(\"Step %2d: x = %.4f, f(x) = %.4f\\n\", step, x, x^2)\n}",
     "Step  0: x = 4.0000, f(x) = 16.0000\nStep  1: x = 3.2000, f(x) = 10.2400\nStep  2: x = 2.5600, f(x) = 6.5536\n"},
    {"printf(\"Step %2d: x = %.4f\\n\", 0, 4)", "Step  0: x = 4.0000\n"},
    {"printf(\"%s|%5.2f|%g|%%|%d\\n\", \"hi\", 3.14159, 0.5, 3)", "hi| 3.14|0.5|%|3\n"},
    {"printf(\"no newline\")", "no newline"},
};

START_TEST(control) {
    Failures f = {0};
    for (size_t i = 0; i < ROWS(control_cases); i++) row_prints(&f, control_cases[i].input, control_cases[i].out);
    ck_no_failures(f, ROWS(control_cases));
}
END_TEST

static const Case prob_cases[] = {
    {"P(failure) = 0.05; P(high_cpu | failure) = 0.90; P(high_cpu) = 0.20; P(failure | high_cpu)", "0.225\n"},
    {"P(A) = 0.3; P(not A)", "0.7\n"},
    {"P(A) = 0.3; P(¬A)", "0.7\n"},
    {"P(A) = 0.3; P(B | A) = 0.5; P(A, B)", "0.15\n"},
    {"P(A) = 0.3; P(B | A) = 0.5; P(A ∩ B)", "0.15\n"},
    {"P(A) = 0.2; P(B | A) = 0.5; P(B | not A) = 0.25; P(B)", "0.3\n"},
    {"P(A) = 0.2; P(B | A) = 0.5; P(B | not A) = 0.25; P(A | B)", "0.333333333333333\n"},
    {"P(A) = 0.3; P(A) = 0.4; P(A)", "0.4\n"},
    {"P(A) = 0; P(not A)", "1\n"},
    {"P(A) = 1; P(A)", "1\n"},
    {"p = 0.25; P(A) = p; 2 * P(A)", "0.5\n"},
    {"P(A) = 0.2\nwhy P(not A)", "given: P(A) = 0.2\nP(not A) = 1 − P(A)    [complement rule]\n         = 1 − 0.2\n         = 0.8\n"},
};

START_TEST(probability) {
    Failures f = {0};
    for (size_t i = 0; i < ROWS(prob_cases); i++) row_prints(&f, prob_cases[i].input, prob_cases[i].out);
    ck_no_failures(f, ROWS(prob_cases));
}
END_TEST

/* }======== */

/* {======== runtime errors: exact stderr */

typedef struct ErrCase {
    const char *input;
    const char *err;
} ErrCase;

static const ErrCase error_cases[] = {
    /* shapes */
    {"[1, 2] + [1, 2, 3]",
     "t.mlm:1:8: error: shapes 2 and 3 do not match for '+'\n  [1, 2] + [1, 2, 3]\n         ^\n"},
    {"A = [1, 2; 3, 4]\nA + [1, 2, 3]",
     "t.mlm:2:3: error: shapes 2×2 and 3 do not match for '+'\n  A + [1, 2, 3]\n    ^\n"},
    {"X = [1, 2; 3, 4; 5, 6]\nX @ X",
     "t.mlm:2:3: error: (3×2) @ (3×2): inner dimensions 2 and 3 differ\n  X @ X\n    ^\n"},
    {"X = [1, 2; 3, 4; 5, 6]\nX' @ X'",
     "t.mlm:2:4: error: (2×3) @ (2×3): inner dimensions 3 and 2 differ\n  X' @ X'\n     ^\n"},
    {"[1, 2, 3] @ [1, 2]",
     "t.mlm:1:11: error: (3) @ (2): inner dimensions 3 and 2 differ\n  [1, 2, 3] @ [1, 2]\n            ^\n"},
    {"[1, 2; 3]",
     "t.mlm:1:8: error: rows of a matrix must have the same length: row 1 has 2, row 2 has 1\n  [1, 2; 3]\n         ^\n"},
    /* indexing */
    {"x = [1, 2, 3]\nx[4]",
     "t.mlm:2:3: error: index 4 is out of range 1..3 (length 3)\n  x[4]\n    ^\n"},
    {"x = [1, 2, 3]\nx[0]",
     "t.mlm:2:3: error: index 0 is out of range 1..3 (length 3)\n  x[0]\n    ^\n"},
    {"x = [1, 2, 3]\nx[1.5]",
     "t.mlm:2:3: error: index 1.5 is not a whole number\n  x[1.5]\n    ^^^\n"},
    {"x = [1, 2, 3]\nx[5] = 1",
     "t.mlm:2:3: error: index 5 is out of range 1..3 (length 3)\n  x[5] = 1\n    ^\n"},
    {"x = [1, 2, 3]; x[1, 2]",
     "t.mlm:1:16: error: a vector takes one index, got 2\n  x = [1, 2, 3]; x[1, 2]\n                 ^^^^^^^\n"},
    {"x = [1, 2, 3]; x[\"a\"]",
     "t.mlm:1:18: error: an index must be a whole number or a vector of them, got a string\n"
     "  x = [1, 2, 3]; x[\"a\"]\n                   ^^^\n"},
    {"\"abc\"[1]", "t.mlm:1:1: error: strings cannot be indexed\n  \"abc\"[1]\n  ^^^^^^^^\n"},
    {"end", "t.mlm:1:1: error: 'end' is only meaningful inside an index: x[end]\n  end\n  ^^^\n"},
    /* names */
    {"sqr(4)", "t.mlm:1:1: error: unknown name 'sqr' (did you mean 'sqrt'?)\n  sqr(4)\n  ^^^\n"},
    {"lenght([1])", "t.mlm:1:1: error: unknown name 'lenght' (did you mean 'length'?)\n  lenght([1])\n  ^^^^^^\n"},
    {"learning_rate = 0.1\nlearning_rat * 2",
     "t.mlm:2:1: error: unknown name 'learning_rat' (did you mean 'learning_rate'?)\n  learning_rat * 2\n  ^^^^^^^^^^^^\n"},
    {"qqqqqq + 1", "t.mlm:1:1: error: unknown name 'qqqqqq'\n  qqqqqq + 1\n  ^^^^^^\n"},
    {"f(x) = y + x\nf(1)", "t.mlm:1:8: error: unknown name 'y'\n  f(x) = y + x\n         ^\n"},
    /* calls */
    {"sqrt(1, 2)", "t.mlm:1:1: error: sqrt expects 1 argument, got 2 (sqrt(x))\n  sqrt(1, 2)\n  ^^^^^^^^^^\n"},
    {"f(x) = x + 1\nf(1, 2)", "t.mlm:2:1: error: f expects 1 argument, got 2\n  f(1, 2)\n  ^^^^^^^\n"},
    {"f(x, y) = x + y\nf(1)", "t.mlm:2:1: error: f expects 2 arguments, got 1\n  f(1)\n  ^^^^\n"},
    {"g = x -> x\ng()", "t.mlm:2:1: error: <lambda> expects 1 argument, got 0\n  g()\n  ^^^\n"},
    {"\"abc\" + 1", "t.mlm:1:7: error: '+' needs numbers, got a string\n  \"abc\" + 1\n        ^\n"},
    /* recursion */
    {"f(n) = f(n + 1)\nf(1)", "t.mlm:1:8: error: recursion deeper than 5000 calls (in f)\n  f(n) = f(n + 1)\n         ^^^^^^^^\n"},
    /* memory */
    {"zeros(1e7, 1e7)",
     "t.mlm:1:1: error: a 10000000×10000000 matrix is too large (728 TiB)\n  zeros(1e7, 1e7)\n  ^^^^^^^^^^^^^^^\n"},
    /* Σ bounds */
    {"Σ_{i=1}^{2.5} i", "t.mlm:1:10: error: Σ's upper bound must be a whole number, got 2.5\n  Σ_{i=1}^{2.5} i\n           ^^^\n"},
    /* probability */
    {"P(A) = 1.5", "t.mlm:1:8: error: probability must be between 0 and 1, got 1.5\n  P(A) = 1.5\n         ^^^\n"},
    {"P(B | A) = 2", "t.mlm:1:12: error: probability must be between 0 and 1, got 2\n  P(B | A) = 2\n             ^\n"},
    {"P(A) = 0.5\nP(B)", "t.mlm:2:1: error: cannot derive P(B): no stated fact mentions B\n  P(B)\n  ^^^^\n"},
    {"P(A) = 0.3\nP(B | A) = 0.5\nP(A | B)",
     "t.mlm:3:1: error: cannot derive P(A | B): missing P(B) (or P(B | not A))\n  P(A | B)\n  ^^^^^^^^\n"},
    {"P(A) = \"x\"", "t.mlm:1:8: error: a probability must be a number, got a string\n  P(A) = \"x\"\n         ^^^\n"},
    {"A = 1; B = 2; A | B", "t.mlm:1:17: error: '|' means \"given\" only inside P(…): P(A | B)\n  A = 1; B = 2; A | B\n                  ^\n"},
    /* statements in the wrong place */
    {"break", "t.mlm:1:1: error: 'break' outside a loop\n  break\n  ^^^^^\n"},
    {"return 5", "t.mlm:1:1: error: 'return' outside a function\n  return 5\n  ^^^^^^\n"},
    {"if nan { }", "t.mlm:1:4: error: condition is nan\n  if nan { }\n     ^^^\n"},
    {"for i in \"abc\" { }", "t.mlm:1:10: error: cannot loop over a string\n  for i in \"abc\" { }\n           ^^^^^\n"},
    /* printf */
    {"printf(\"%d\\n\", 2.5)",
     "t.mlm:1:16: error: printf: %d needs a whole number, got 2.5 (use %f or %g)\n  printf(\"%d\\n\", 2.5)\n                 ^^^\n"},
    {"printf(\"%d %d\\n\", 1)",
     "t.mlm:1:1: error: printf: the format needs 2 values, got 1\n  printf(\"%d %d\\n\", 1)\n  ^^^^^^^^^^^^^^^^^^^^\n"},
    /* syntax errors come out of interp_run in the same format */
    {"a = 1\nb = 2 * * 3", "t.mlm:2:9: error: syntax error: unexpected '*'\n  b = 2 * * 3\n          ^\n"},
    {"x = 1 + \xff", "t.mlm:1:9: error: invalid UTF-8 byte 0xff\n  x = 1 + ?\n          ^\n"},
    {"1 + 2)", "t.mlm:1:6: error: unmatched ')'\n  1 + 2)\n       ^\n"},
};

START_TEST(runtime_errors) {
    Failures f = {0};
    for (size_t i = 0; i < ROWS(error_cases); i++) row_fails(&f, error_cases[i].input, error_cases[i].err);
    ck_no_failures(f, ROWS(error_cases));
}
END_TEST

START_TEST(unclosed_bracket_in_a_script) {
    /* not incomplete-and-silent in a script: an error is printed */
    Run r = eval("x = [1, 2");
    ck_assert_int_eq(r.status, RUN_ERROR);
    ck_assert_msg(strstr(r.err, "unexpected end of input: '[' is never closed") != NULL, "%s", r.err);
    run_free(&r);
    /* with report_incomplete the REPL is asked for another line, and nothing is printed */
    Session s;
    session_open(&s);
    Source *src = source_new("<repl>", "f(x) = {", 8);
    ck_assert_int_eq(interp_run(s.in, src, true), RUN_INCOMPLETE);
    source_release(src);
    src = source_new("<repl>", "1 +", 3);
    ck_assert_int_eq(interp_run(s.in, src, true), RUN_INCOMPLETE);
    source_release(src);
    fflush(s.err);
    ck_assert_uint_eq(s.err_size, 0);
    session_close(&s);
}
END_TEST

START_TEST(huge_allocation_over_the_budget) {
    Session s;
    session_open(&s);
    s.in->budget.limit = (size_t)1 << 30;
    Run r = session_run(&s, "zeros(1e6, 1e6)");
    ck_assert_int_eq(r.status, RUN_ERROR);
    ck_assert_str_eq(r.err, "t.mlm:1:1: error: a 1000000×1000000 matrix needs 7.28 TiB, over the memory limit "
                            "of 1 GiB (--memory-limit or limit(\"memory\", …))\n  zeros(1e6, 1e6)\n  ^^^^^^^^^^^^^^^\n");
    run_free(&r);
    /* a 10^12-element vector the same way */
    r = session_run(&s, "x = zeros(1e12)");
    ck_assert_int_eq(r.status, RUN_ERROR);
    ck_assert_msg(strstr(r.err, "needs 7.28 TiB, over the memory limit of 1 GiB") != NULL, "%s", r.err);
    run_free(&r);
    /* element-wise results are charged too */
    s.in->budget.limit = s.in->budget.in_use + ((size_t)1 << 20);
    r = session_run(&s, "a = ones(100000)");
    ck_assert_int_eq(r.status, RUN_OK);
    run_free(&r);
    r = session_run(&s, "b = a + 1");
    ck_assert_int_eq(r.status, RUN_ERROR);
    ck_assert_msg(strstr(r.err, "error: a vector of 100000 elements needs 781 KiB, over the memory limit of") != NULL,
                  "%s", r.err);
    run_free(&r);
    /* and the session goes on */
    r = session_run(&s, "clear a\nb = zeros(3); size(b)");
    ck_assert_int_eq(r.status, RUN_OK);
    ck_assert_str_eq(r.out, "[3]\n");
    run_free(&r);
    session_close(&s);
}
END_TEST

START_TEST(script_stops_at_first_error) {
    Run r = eval("print(1)\ny = qqqqqq\nprint(2)");
    ck_assert_int_eq(r.status, RUN_ERROR);
    ck_assert_str_eq(r.out, "1\n");
    ck_assert_str_eq(r.err, "t.mlm:2:5: error: unknown name 'qqqqqq'\n  y = qqqqqq\n      ^^^^^^\n");
    run_free(&r);
    /* a syntax error anywhere stops the script before anything runs */
    r = eval("print(1)\ny = (\nprint(2)");
    ck_assert_int_eq(r.status, RUN_ERROR);
    ck_assert_str_eq(r.out, "");
    run_free(&r);
}
END_TEST

START_TEST(session_survives_errors) {
    Session s;
    session_open(&s);
    Run r = session_run(&s, "x = 1\ny = 2");
    ck_assert_int_eq(r.status, RUN_OK);
    run_free(&r);
    r = session_run(&s, "x = 10\ny = [1, 2] + [1, 2, 3]\nx = 20");
    ck_assert_int_eq(r.status, RUN_ERROR);
    run_free(&r);
    r = session_run(&s, "x + y");
    ck_assert_int_eq(r.status, RUN_OK);
    ck_assert_str_eq(r.out, "12\n"); /* x = 10 ran, x = 20 did not, y kept its value */
    run_free(&r);
    r = session_run(&s, "f(n) = f(n + 1)\nf(0)");
    ck_assert_int_eq(r.status, RUN_ERROR);
    run_free(&r);
    ck_assert_int_eq(s.in->call_depth, 0); /* the depth is unwound after a recursion error */
    r = session_run(&s, "g(n) = if n == 0 then 0 else g(n - 1)\ng(100)");
    ck_assert_int_eq(r.status, RUN_OK);
    ck_assert_str_eq(r.out, "0\n");
    run_free(&r);
    session_close(&s);
}
END_TEST

START_TEST(recursion_limit_is_a_setting) {
    Session s;
    session_open(&s);
    s.in->limits.max_call_depth = 50;
    Run r = session_run(&s, "f(n) = if n == 0 then 0 else f(n - 1)\nf(49)");
    ck_assert_int_eq(r.status, RUN_OK);
    run_free(&r);
    r = session_run(&s, "f(50)");
    ck_assert_int_eq(r.status, RUN_ERROR);
    ck_assert_msg(strstr(r.err, "error: recursion deeper than 50 calls (in f)") != NULL, "%s", r.err);
    run_free(&r);
    session_close(&s);
}
END_TEST

/* }======== */

/* {======== check and assert */

START_TEST(check_records_and_goes_on) {
    Session s;
    session_open(&s);
    Run r = session_run(&s, "check 1 + 1 == 2\ncheck 0.1 + 0.2 ≈ 0.3\ncheck 1 ≈ 1.1 within 0.2\ncheck 2 > 1");
    ck_assert_int_eq(r.status, RUN_OK);
    ck_assert_str_eq(r.out, ""); /* passes are quiet outside --check */
    ck_assert_int_eq(s.in->checks.passed, 4);
    ck_assert_int_eq(s.in->checks.failed, 0);
    run_free(&r);

    r = session_run(&s, "check 1 == 2\nprint(\"after\")\ncheck 1 ≈ 1.5 within 0.2\ncheck 1 > 2");
    ck_assert_int_eq(r.status, RUN_OK);
    ck_assert_str_eq(r.out, "✗ t.mlm:1  1 == 2  got 1, expected 2 (difference 1)\n"
                            "after\n"
                            "✗ t.mlm:3  1 ≈ 1.5 within 0.2  got 1, expected 1.5 (difference 0.5)\n"
                            "✗ t.mlm:4  1 > 2  got 0\n");
    ck_assert_str_eq(r.err, "");
    ck_assert_int_eq(s.in->checks.passed, 4);
    ck_assert_int_eq(s.in->checks.failed, 3);
    run_free(&r);

    /* a tolerance must be ≥ 0: the check fails with the reason on its ✗ line */
    r = session_run(&s, "check 0.1 + 0.2 ≈ 0.3 within -1e-9");
    ck_assert_int_eq(r.status, RUN_OK);
    ck_assert_str_eq(r.out, "✗ t.mlm:1  0.1 + 0.2 ≈ 0.3 within -1e-9  error: 'within' needs a non-negative number\n");
    run_free(&r);

    /* an error inside a check is a failed check, not a stopped script */
    r = session_run(&s, "check [1, 2] + [1, 2, 3] == 1\nprint(\"still here\")");
    ck_assert_int_eq(r.status, RUN_OK);
    ck_assert_msg(strstr(r.out, "✗ t.mlm:1") == r.out, "%s", r.out);
    ck_assert_msg(strstr(r.out, "shapes 2 and 3 do not match") != NULL, "%s", r.out);
    ck_assert_msg(strstr(r.out, "still here\n") != NULL, "%s", r.out);
    ck_assert_int_eq(s.in->checks.failed, 5);
    run_free(&r);
    session_close(&s);
}
END_TEST

START_TEST(check_mode_prints_passes) {
    Session s;
    session_open(&s);
    s.in->check_mode = true;
    Run r = session_run(&s, "x = 2\ncheck x^2 == 4  # squares\ncheck [1, 2] ≈ [1, 2 + 1e-12]");
    ck_assert_str_eq(r.out, "✓ t.mlm:2  x^2 == 4\n✓ t.mlm:3  [1, 2] ≈ [1, 2 + 1e-12]\n");
    ck_assert_int_eq(s.in->checks.passed, 2);
    run_free(&r);
    session_close(&s);
}
END_TEST

START_TEST(assert_stops) {
    Run r = eval("x = 1\nassert x == 1\nassert x == 2\nprint(\"after\")");
    ck_assert_int_eq(r.status, RUN_ASSERT);
    ck_assert_str_eq(r.out, "");
    ck_assert_str_eq(r.err, "t.mlm:3:1: error: assertion failed: x == 2\n  assert x == 2\n  ^^^^^^\n");
    run_free(&r);
    /* inside a function too (the failure unwinds the call; the script stops) */
    r = eval("f(x) = {\n  assert x > 0\n  return x\n}\nf(1)\nf(-1)\nprint(\"after\")");
    ck_assert_msg(r.status == RUN_ASSERT || r.status == RUN_ERROR, "status %d", r.status);
    ck_assert_str_eq(r.out, "1\n");
    ck_assert_str_eq(r.err, "t.mlm:2:3: error: assertion failed: x > 0\n    assert x > 0\n    ^^^^^^\n");
    run_free(&r);
}
END_TEST

/* }======== */

Suite *eval_suite(void) {
    Suite *s = suite_create("eval");
    TCase *core = tcase_create("Core");
    tcase_add_test(core, arithmetic);
    tcase_add_test(core, printing);
    tcase_add_test(core, arrays);
    tcase_add_test(core, sums);
    tcase_add_test(core, functions);
    tcase_add_test(core, control);
    tcase_add_test(core, probability);
    suite_add_tcase(s, core);
    TCase *checks = tcase_create("Checks");
    tcase_add_test(checks, check_records_and_goes_on);
    tcase_add_test(checks, check_mode_prints_passes);
    tcase_add_test(checks, assert_stops);
    suite_add_tcase(s, checks);
    TCase *errors = tcase_create("Errors");
    tcase_add_test(errors, runtime_errors);
    tcase_add_test(errors, unclosed_bracket_in_a_script);
    tcase_add_test(errors, script_stops_at_first_error);
    tcase_add_test(errors, session_survives_errors);
    suite_add_tcase(s, errors);
    TCase *limits = tcase_create("Limits");
    tcase_add_test(limits, huge_allocation_over_the_budget);
    tcase_add_test(limits, recursion_limit_is_a_setting);
    suite_add_tcase(s, limits);
    return s;
}
