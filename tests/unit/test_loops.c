/* test_loops.c — compiled loops (prog.c's prog_loop) against the general path: every program
 * runs three times in a fresh session — with the native tier taking every loop it can
 * (prog_native_min_iterations 1), in the interpreter (prog_native_enabled false), and on the
 * general path (prog_loops_enabled false) — and all must print the same output and the same
 * errors (message, position, caret). Each also checks that the compiled runs did run
 * iterations compiled, so that a test cannot pass by falling back unnoticed. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interp.h"
#include "prog.h"
#include "source.h"
#include "x86jit.h"

/* stdout then stderr of running text in a fresh session */
static char *run(const char *text) {
    char *buf = NULL, *ebuf = NULL;
    size_t len = 0, elen = 0;
    FILE *out = open_memstream(&buf, &len), *err = open_memstream(&ebuf, &elen);
    Interp *in = interp_new(out, err);
    ck_assert_ptr_nonnull(in);
    Source *src = source_new("t.mlm", text, strlen(text));
    interp_run(in, src, false);
    source_release(src);
    interp_free(in);
    fclose(out);
    fclose(err);
    char *both = malloc(len + elen + 2);
    snprintf(both, len + elen + 2, "%s%s", buf, ebuf);
    free(buf);
    free(ebuf);
    return both;
}

/* Runs text both ways; returns the compiled run's output (caller frees). */
static char *both_ways(const char *text, bool expect_compiled) {
    size_t threshold = prog_native_min_iterations;
    prog_native_min_iterations = 1;
    unsigned long before = prog_loop_iterations;
    char *native = run(text);
    prog_native_min_iterations = threshold;
    prog_native_enabled = false;
    char *compiled = run(text);
    prog_native_enabled = true;
    unsigned long ran = prog_loop_iterations - before;
    prog_loops_enabled = false;
    char *general = run(text);
    prog_loops_enabled = true;
    ck_assert_msg(strcmp(compiled, general) == 0, "\n%s\ncompiled → %s\ngeneral → %s", text, compiled, general);
    ck_assert_msg(strcmp(native, general) == 0, "\n%s\nnative → %s\ngeneral → %s", text, native, general);
    if (expect_compiled) ck_assert_msg(ran > 0, "not compiled:\n%s", text);
    free(general);
    free(native);
    return compiled;
}

/* Runs text three ways and checks that the native tier ran some of it. */
static void same_native(const char *text) {
    unsigned long before = prog_native_iterations;
    free(both_ways(text, true));
    if (JIT_AVAILABLE) ck_assert_msg(prog_native_iterations > before, "no native iterations:\n%s", text);
}

static void same(const char *text) { free(both_ways(text, true)); }

static void same_error_as(const char *text, const char *expected, bool expect_compiled) {
    char *out = both_ways(text, expect_compiled);
    ck_assert_msg(strstr(out, expected) != NULL, "\n%s\n→ %s\nwanted %s", text, out, expected);
    free(out);
}

static void same_error(const char *text, const char *expected) { same_error_as(text, expected, true); }

START_TEST(indexed_reads) {
    same("N = 1000; y = sin(1:N); s = 0\nfor i in 1..N { s = s + y[i] * y[i] }\nprintf(\"%.17g\", s)");
    same("y = [3, 1, 4, 1, 5, 9, 2, 6]; s = 0; t = 1\n"
         "for i in 1..7 { d = y[i + 1] - y[i]; s = s + d^2; t = t * y[8 - i] / 2 }\nprintf(\"%.17g %.17g %g\", s, t, d)");
    /* a stored range (lazy: no data until materialised), and a step */
    same("r = 1:50; s = 0\nfor i in 1..50 { s = s + r[i] / 3 }\nprintf(\"%.17g\", s)");
    same("y = linspace(0, 1, 101); s = 0\nfor i = 1:2:101 { s = s + y[i] }\nprintf(\"%.17g\", s)");
    /* a matrix, both indices */
    same("X = reshape(1:12, 4, 3) / 7; s = 0\nfor i in 1..4 { s = s + X[i, 1] * X[i, 3] - X[5 - i, 2] }\nprintf(\"%.17g\", s)");
    /* inside a function: locals, and an argument array */
    same("f(v) = {\n  s = 0\n  for k = 1:numel(v) { s = s + v[k] * k }\n  return s\n}\nprintf(\"%.17g\", f(cos(1:300)))");
    /* the array is assigned inside the loop: only the statements before run compiled */
    free(both_ways("y = [1, 2, 3, 4]; s = 0\nfor i in 1..4 { s = s + y[1]; y = i }\nprintf(\"%g %g\", s, y)", false));
}
END_TEST

START_TEST(commuted_and_fused_operators) {
    /* X + E and X * E run as E then X (constants, globals, the latest store); a[i] as an
     * operand of the operator after it */
    same("y = cos(1:200); s = 1; t = 0; lr = 0.25\n"
         "for i in 1..200 { s = 0.5 * (y[i] - s / 3); t = lr + y[i] * y[i] / s; s = t * (s + y[i]) }\n"
         "printf(\"%.17g %.17g\", s, t)");
    same("y = cos(1:200); s = 0; c = 2\nfor i in 1..200 { s = c + (s - y[i]) / 2 }\nprintf(\"%.17g\", s)");
    same("y = 1:9; s = 0\nfor i in 1..9 { s = s * 0 + y[i] ^ 2 - y[i] }\nprintf(\"%.17g\", s)");
    /* inf and nan flow through as on the general path */
    same("y = [1, 0, -1, 0]; s = 0\nfor i in 1..4 { s = s + 1 / y[i] }\nprintf(\"%g\", s)");
}
END_TEST

/* Ranges written in place (1:N inside an expression) are affine operands of fused programs:
 * the same numbers as a stored, materialised range, and one array made, not two. */
START_TEST(ranges_in_place) {
    const char *pairs[][2] = {
        {"y = sin(1:1000)", "r = 1:1000; r[1] = 1; y = sin(r)"},
        {"n = 300; y = exp(-(1:n) / 7) + (2:2:600) * 3", "a = 1:300; a[1] = 1; b = 2:2:600; b[1] = 2; y = exp(-a / 7) + b * 3"},
        {"y = (1:0.5:4) ^ 2", "r = 1:0.5:4; r[1] = 1; y = r ^ 2"},
        {"y = reshape(1:6, 2, 3) + (1:3)", "r = 1:3; r[1] = 1; y = reshape(1:6, 2, 3) + r"},
        {"y = (1:3) + ones(2, 3)", "r = 1:3; r[1] = 1; y = r + ones(2, 3)"},
    };
    for (size_t k = 0; k < sizeof pairs / sizeof *pairs; k++) {
        char a[512], b[512];
        const char *show = "\nfor v in reshape(y, 1, numel(y)) { printf(\"%.17g \", v) }";
        snprintf(a, sizeof a, "%s%s", pairs[k][0], show);
        snprintf(b, sizeof b, "%s%s", pairs[k][1], show);
        char *x = run(a), *z = run(b);
        ck_assert_msg(strcmp(x, z) == 0, "%s\n→ %s\nvs %s\n→ %s", a, x, b, z);
        free(x);
        free(z);
    }
    char *t = run("N = 1e5\ntime y = sin(1:N)");
    ck_assert_msg(strstr(t, ", 1 array allocated (0.7629 MiB)") != NULL, "%s", t);
    free(t);
    /* errors in the bounds are the general path's */
    char *e = run("x = \"a\"; y = sin(1:x)");
    ck_assert_str_eq(e, "t.mlm:1:20: error: a range's end must be a scalar, got a string\n"
                        "  x = \"a\"; y = sin(1:x)\n"
                        "                     ^\n");
    free(e);
}
END_TEST

START_TEST(native_tier) {
    /* W6 and W16 as written, shorter; subnormals, 2 × v as v + v, the loop variable */
    same_native("x = 5\nlr = 0.1\nfor k = 1:5000 { g = 2 * x; x = x - lr * g }\nprintf(\"%.17g %.17g\", x, g)");
    same_native("N = 3000; y = sin(1:N); s = 0\nfor i in 1..N { s = s + y[i] * y[i] }\nprintf(\"%.17g\", s)");
    same_native("s = 0; t = 1\nfor i = 3:-0.5:-40 { s = s + i / 3 - t; t = t * 0.999 + i * 2 }\nprintf(\"%.17g %.17g %g\", s, t, i)");
    same_native("y = cos(1:9000); s = 0; t = 0\nfor i = 9000:-3:1 { s = s + y[i] * i; t = y[i] - t / 2 }\nprintf(\"%.17g %.17g %g\", s, t, i)");
    /* a matrix's elements: checked indices, in the interpreter */
    free(both_ways("X = reshape(sin(1:8000), 4000, 2); s = 0\nfor i = 2:2:4000 { s = s + X[i, 2] * X[i - 1, 1] }\nprintf(\"%.17g %g\", s, i)", true));
    same_native("a = 1; b = 1; c = 0\nfor i in 1..90 { c = a + b; a = b; b = c }\nprintf(\"%.17g\", c)");
    same_native("x = 0\nfor i in 1..50 { x = x * 2 + 1 / (i - 25) }\nprintf(\"%.17g\", x)");  /* inf, then nan */
    /* locals inside a function, called twice (fresh frames), an argument array */
    same_native("f(v, n) = {\n  s = 0; p = 1\n  for k = 1:n { s = s + v[k] * p; p = p * 0.5 + s / 100 }\n  return s + p\n}\n"
                "printf(\"%.17g %.17g\", f(cos(1:300), 300), f(sin(1:50), 40))");
    /* a deep expression (more stack entries than registers stays in the interpreter) */
    free(both_ways("s = 0\nfor i in 1..30 { s = 1 + (2 + (3 + (4 + (5 + (6 + (7 + (8 + (9 + (10 + (11 + (12 + (13 + (14 + (15 + s / i)))))))))))))) }\n"
                   "printf(\"%.17g\", s)", true));
    /* an index the loop variable leaves the range of: the checked interpreter, same error */
    same_error("y = 1:100; s = 0\nfor i in 1..101 { s = s + y[i] }", "index 101 is out of range 1..100 (length 100)\n");
}
END_TEST

START_TEST(branches) {
    same("s = 0\nfor i in 1..40 { if i % 3 == 0 { s = s + i } else { s = s - 1 } }\nprintf(\"%g\", s)");
    same("y = sin(1:500); c = 0; m = -1; s = 0\n"
         "for i in 1..500 { if y[i] > 0.5 { c = c + 1; s = s + y[i] } else if y[i] < -0.9 { c = c - 1 } else { m = max(m, y[i]) } }\n"
         "printf(\"%g %.17g %.17g\", c, m, s)");
    /* the statement after an if reads what one branch stored (no forwarding across the join) */
    same("a = 1; b = 2\nfor i in 1..30 { if i > 10 { a = a + i } else { b = b * 1.5 }; c = a + b; a = c / 3 }\nprintf(\"%.17g %.17g %.17g\", a, b, c)");
    /* break and continue */
    same("s = 0\nfor i in 1..100 { s = s + i; if s > 50 { break } }\nprintf(\"%g %g\", s, i)");
    same("s = 0\nfor i in 1..10 { if i > 3 { continue }; s = s + i }\nprintf(\"%g %g\", s, i)");
    same("s = 0; t = 0\nfor i in 1..20 { s = s + i; if i < 5 { continue } else { if s > 100 { break } }; t = t + 1 }\nprintf(\"%g %g %g\", s, t, i)");
    /* a condition that is nan: the general path's error, at the condition */
    same_error("s = 0; z = 0\nfor i in 1..10 { s = s + 1; if z / (i - 4) { s = 0 } }",
               "t.mlm:2:34: error: condition is nan\n");
    /* an index error inside a branch */
    same_error("y = 1:5; s = 0\nfor i in 1..9 { if i > 2 { s = s + y[i] } }", "index 6 is out of range 1..5 (length 5)\n");
    /* in a function, with locals */
    same("f(n) = {\n  s = 0\n  for k = 1:n { if k % 2 == 1 { s = s + 1 / k } else { s = s - 1 / k } }\n  return s\n}\nprintf(\"%.17g\", f(1000))");
}
END_TEST

START_TEST(element_stores) {
    const char *show = "\nfor v in reshape(w, 1, numel(w)) { printf(\"%.17g \", v) }";
    const char *loops[] = {
        "w = zeros(300)\nfor i in 1..300 { w[i] = sin(i) * i }",
        "w = 1:6; v = w\nfor i in 2..6 { w[i] = w[i - 1] * 2 + v[i] }\nprintf(\"%g \", v)",  /* copy-on-write */
        "w = zeros(2, 3)\nfor i in 1..3 { w[1, i] = i; w[2, 4 - i] = -i * w[1, i] }",
        "w = zeros(50); y = cos(1:50); s = 0\nfor i in 1..50 { if y[i] > 0 { w[i] = y[i] } else { s = s + 1 } }\nprintf(\"%g \", s)",
        "w = zeros(100); lr = 0.5\nfor i = 100:-1:1 { w[i] = lr * i; lr = lr * 0.99 }",
        "w = 1:5\nfor i in 1..5 { w[6 - i] = w[i] }",                      /* reads what it wrote */
    };
    for (size_t k = 0; k < sizeof loops / sizeof *loops; k++) {
        char text[512];
        snprintf(text, sizeof text, "%s%s", loops[k], show);
        same(text);
    }
    same_native("w = zeros(9000); y = sin(1:9000)\nfor i in 1..9000 { w[i] = y[i] * y[i] - 0.5 }\nprintf(\"%.17g %.17g\", sum(w), w[9000])");
    /* errors: the index out of range, not a whole number, in a matrix's second index */
    same_error("w = zeros(5)\nfor i in 1..6 { w[i] = 1 }", "t.mlm:2:19: error: index 6 is out of range 1..5 (length 5)\n");
    same_error("w = zeros(6)\nfor i in 1..4 { w[6 / i] = 1 }", "error: index 1.5 is not a whole number\n");
    same_error("w = zeros(2, 2)\nfor i in 1..3 { w[1, i] = i }", "error: index 3 is out of range 1..2 (length 2)\n");
    /* the array replaced in the loop, or a number: the general path */
    free(both_ways("w = zeros(3)\nfor i in 1..3 { w[i] = 1; w = zeros(3) }\nprintf(\"%g\", sum(w))", false));
    free(both_ways("w = 5\nfor i in 1..3 { w[i] = i }\nprintf(\"%g\", sum(w))", false));
}
END_TEST

START_TEST(nested_loops) {
    same("s = 0\nfor i in 1..30 { for j in 1..i { s = s + i * j } }\nprintf(\"%g %g %g\", s, i, j)");
    same("X = reshape(sin(1:60), 6, 10); s = 0; t = 0\n"
         "for i in 1..6 { r = 0; for j = 1:2:10 { r = r + X[i, j]^2 }; s = s + sqrt(r); t = max(t, r) }\n"
         "printf(\"%.17g %.17g\", s, t)");
    /* matrix-vector product by hand, into a vector */
    same("A = reshape(cos(1:12), 3, 4); x = [1, 2, 3, 4]; y = zeros(3)\n"
         "for i in 1..3 { acc = 0; for j in 1..4 { acc = acc + A[i, j] * x[j] }; y[i] = acc }\n"
         "for v in y { printf(\"%.17g \", v) }");
    /* while inside for; break and continue of the inner loop only */
    same("s = 0\nfor i in 1..20 { k = 0; while k < i { k = k + 1; s = s + k } }\nprintf(\"%g %g\", s, k)");
    same("s = 0\nfor i in 1..9 { for j in 1..9 { if j > i { break }; if j == 2 { continue }; s = s + j }; s = s * 1.01 }\nprintf(\"%.17g %g %g\", s, i, j)");
    same("s = 0\nfor i in 1..9 { k = 0; while 1 { k = k + 1; if k > i { break } }; s = s + k }\nprintf(\"%g\", s)");
    /* empty and one-element inner ranges, a fractional step, a step of -1 */
    same("s = 0; j = -1\nfor i in 1..5 { for j in 1..(i - 3) { s = s + j }; s = s + 10 }\nprintf(\"%g %g\", s, j)");
    same("s = 0\nfor i in 1..5 { for t = 0:0.25:i { s = s + t }; for j = i:-1:1 { s = s - j } }\nprintf(\"%.17g\", s)");
    /* epochs over samples: the long inner loop runs as a loop of its own (natively) */
    same_native("y = sin(1:6000); w = 0.5; s = 0\n"
                "for epoch in 1..4 { g = 0; for i in 1..6000 { g = g + (w * y[i] - y[i]) * y[i] }; w = w - 0.1 * g / 6000; s = s + g }\n"
                "printf(\"%.17g %.17g %.17g %g\", w, s, g, i)");
    same_native("z = zeros(5000); t = 0\nfor k in 1..3 { for i in 1..5000 { z[i] = z[i] + k * i }; t = t + z[5000] }\nprintf(\"%.17g %.17g\", t, sum(z))");
    /* an inner range that is not valid: the general path's error */
    same_error("s = 0; z = 0\nfor i in 1..5 { for j in 1:(z / (i - 3)) { s = s + 1 } }", "error: a range's ends must be finite numbers\n");
    same_error("s = 0\nfor i in 1..5 { for j = 1:(i - 3):4 { s = s + 1 } }", "error: a range's step cannot be 0\n");
    /* the inner variable assigned in the body, or the outer one reused: the general path */
    free(both_ways("s = 0\nfor i in 1..3 { for j in 1..3 { j = 2; s = s + j } }\nprintf(\"%g\", s)", false));
}
END_TEST

START_TEST(while_loops) {
    same("k = 0; s = 0\nwhile k < 100 { k = k + 1; s = s + 1 / k }\nprintf(\"%.17g %g\", s, k)");
    same("x = 1; n = 0\nwhile abs(x - cos(x)) > 1e-12 { x = cos(x); n = n + 1 }\nprintf(\"%.17g %g\", x, n)");
    same("k = 0\nwhile 1 { k = k + 1; if k >= 100 { break } }\nprintf(\"%g\", k)");
    same("k = 0; s = 0\nwhile k < 30 { k = k + 1; if k % 3 == 0 { continue }; s = s + k }\nprintf(\"%g %g\", k, s)");
    /* Newton's method for √2 in a function; a while with a for inside */
    same("f(a) = {\n  x = a; n = 0\n  while abs(x * x - a) > 1e-15 * a { x = (x + a / x) / 2; n = n + 1 }\n  return x + n\n}\nprintf(\"%.17g\", f(2))");
    same("y = sin(1:50); i = 0; s = 0\nwhile i < 5 { i = i + 1; for j in 1..10 { s = s + y[(i - 1) * 10 + j] } }\nprintf(\"%.17g\", s)");
    same("w = zeros(20); k = 0\nwhile k < 20 { k = k + 1; w[k] = k^2 }\nprintf(\"%g\", sum(w))");
    /* a condition that becomes nan, an index error */
    same_error("x = 10; k = 0\nwhile x { k = k + 1; x = x - 1; if k > 3 { x = 0 / 0 } }", "error: condition is nan\n");
    same_error("y = 1:5; k = 0; s = 0\nwhile k < 9 { k = k + 1; s = s + y[k] }", "error: index 6 is out of range 1..5 (length 5)\n");
}
END_TEST

START_TEST(returns_and_calls) {
    /* return from inside a loop (a branch, a nested loop, a while) */
    same("f(y, t) = {\n  for i in 1..numel(y) { if y[i] > t { return i * 10 } }\n  return -1\n}\n"
         "printf(\"%g %g\", f(sin(1:100), 0.99), f(sin(1:100), 2))");
    same("f(n) = {\n  for i in 1..n { for j in 1..n { if i * j == 42 { return i + j / 100 } } }\n  return 0\n}\nprintf(\"%g\", f(50))");
    same("g(n) = {\n  k = 0\n  while 1 { k = k + 1; if k * k > n { return k } }\n}\nprintf(\"%g\", g(1000))");
    /* one-line functions and lambdas, inlined into the loop; natively too */
    same_native("sq(x) = x * x; h = x -> 2 * x + 1\ny = cos(1:5000); s = 0\n"
                "for i in 1..5000 { s = s + sq(y[i]) - h(y[i]) / 10 }\nprintf(\"%.17g\", s)");
    same("loss(w, x, t) = (w * x - t)^2 / 2\nx = sin(1:100); t = 3 * x + 0.5; w = 0; lr = 0.1\n"
         "for k in 1..20 { g = 0; for i in 1..100 { g = g + (w * x[i] - t[i]) * x[i] }; w = w - lr * g / 100; L = loss(w, x[1], t[1]) }\n"
         "printf(\"%.17g %.17g\", w, L)");
    /* a function redefined inside the loop is not inlined: the general path */
    free(both_ways("f(x) = x + 1; s = 0\nfor i in 1..5 { s = s + f(i); f = x -> x * 2 }\nprintf(\"%g\", s)", false));
    /* recursion inside a loop keeps the depth limit (not inlined: the general path) */
    char *e = both_ways("r(n) = if n <= 0 then 0 else 1 + r(n - 1)\ns = 0\nfor i in 1..3 { s = s + r(10^6) }", false);
    ck_assert_msg(strstr(e, "error:") != NULL && strstr(e, "deep") != NULL, "%s", e);
    free(e);
}
END_TEST

/* Random loop bodies (a fixed seed): expressions over scalars, the loop variable and array
 * elements, stores into elements, if/else, break; each program runs natively, interpreted
 * and generally. NaN's sign is the one thing left to the C compiler (which operand of
 * NaN + NaN it keeps), so "-nan" and "nan" count as the same. */
static unsigned long rnd_state = 12345;
static int rnd(int n) {
    rnd_state = rnd_state * 6364136223846793005UL + 1442695040888963407UL;
    return (int)((rnd_state >> 33) % (unsigned long)n);
}

#pragma GCC diagnostic ignored "-Wformat-truncation"  /* the sizes below are asserted */

static void rnd_expr(char *out, size_t cap, int depth) {
    static const char *leaves[] = {"a", "b", "c", "i", "y[i]", "y[3]", "0.5", "2", "3", "1e-3", "w[i]", "y[i + 1]"};
    static const char *ops[] = {" + ", " - ", " * ", " / ", " < ", " > "};
    int pick = depth <= 0 ? 0 : rnd(6);
    char l[300], r[300];
    switch (pick) {
    case 0: case 1:
        snprintf(out, cap, "%s", leaves[rnd(rnd(8) == 0 ? 12 : 11)]);   /* y[i + 1]: out of range at the end */
        return;
    case 2:
        rnd_expr(l, sizeof l, depth - 1);
        snprintf(out, cap, "sqrt(abs(%s))", l);
        return;
    case 3:
        rnd_expr(l, sizeof l, depth - 1);
        rnd_expr(r, sizeof r, depth - 1);
        snprintf(out, cap, "max(%s, %s)", l, r);
        return;
    default:
        rnd_expr(l, sizeof l, depth - 1);
        rnd_expr(r, sizeof r, depth - 1);
        ck_assert_int_lt(snprintf(out, cap, "(%s%s%s)", l, ops[rnd(6)], r), (int)cap);
        return;
    }
}

static void rnd_stmt(char *out, size_t cap, int depth) {
    static const char *targets[] = {"a", "b", "c", "w[i]", "w[i + 1]"};
    char e[700], t[900], f[900];
    int pick = depth <= 0 ? rnd(4) : rnd(8);
    rnd_expr(e, sizeof e, 3);
    if (pick < 5) {
        snprintf(out, cap, "%s = %s", targets[rnd(rnd(10) == 0 ? 5 : 4)], e);
    } else if (pick == 5) {
        rnd_stmt(t, sizeof t, depth - 1);
        rnd_stmt(f, sizeof f, depth - 1);
        ck_assert_int_lt(snprintf(out, cap, "if %s > 0.25 { %s } else { %s }", e, t, f), (int)cap);
    } else if (pick == 7) {
        rnd_stmt(t, sizeof t, depth - 1);
        ck_assert_int_lt(snprintf(out, cap, "for j in 1..%d { %s }", 1 + rnd(5), t), (int)cap);  /* nested */
    } else {
        if (rnd(3) == 0) snprintf(out, cap, "if %s { c = c / 2 }", e);   /* a condition may be nan */
        else snprintf(out, cap, "if abs(%s) > 1e6 { break }", e);
    }
}

static void normalise_nan(char *s) {
    for (char *p = strstr(s, "-nan"); p; p = strstr(p, "-nan")) memmove(p, p + 1, strlen(p));
}

START_TEST(random_loops) {
    int compiled_runs = 0, native_runs = 0, errors = 0;
    for (int k = 0; k < 120; k++) {
        char body[6000] = "", st[2600], text[7000];
        int n = 1 + rnd(4);
        for (int j = 0; j < n; j++) {
            rnd_stmt(st, sizeof st, 2);
            strncat(body, st, sizeof body - strlen(body) - 3);
            strncat(body, "; ", sizeof body - strlen(body) - 1);
        }
        int count = k % 3 == 0 ? 5000 : 40;
        ck_assert(strlen(body) < sizeof body - 10);
        snprintf(text, sizeof text,
                 "y = sin(1:%d); w = zeros(%d); a = 1; b = 2; c = 0.5\nfor i in 1..%d { %s}\n"
                 "printf(\"%%.17g %%.17g %%.17g %%.17g %%g\", a, b, c, sum(w), i)", count, count, count, body);
        size_t threshold = prog_native_min_iterations;
        prog_native_min_iterations = 1;
        unsigned long before_native = prog_native_iterations;
        char *native = run(text);
        native_runs += prog_native_iterations > before_native;
        prog_native_min_iterations = threshold;
        prog_native_enabled = false;
        unsigned long before = prog_loop_iterations;
        char *compiled = run(text);
        compiled_runs += prog_loop_iterations > before;
        prog_native_enabled = true;
        prog_loops_enabled = false;
        char *general = run(text);
        prog_loops_enabled = true;
        normalise_nan(native);
        normalise_nan(compiled);
        normalise_nan(general);
        ck_assert_msg(strcmp(compiled, general) == 0, "\n%s\ncompiled → %s\ngeneral → %s", text, compiled, general);
        ck_assert_msg(strcmp(native, general) == 0, "\n%s\nnative → %s\ngeneral → %s", text, native, general);
        errors += strstr(general, "error:") != NULL;
        free(native);
        free(compiled);
        free(general);
    }
    ck_assert_int_ge(compiled_runs, 60);
    ck_assert_int_ge(errors, 5);   /* indices out of range, nan conditions: the same errors */
    ck_assert_int_le(errors, 80);
    if (JIT_AVAILABLE) ck_assert_int_ge(native_runs, 3);
}
END_TEST

START_TEST(indexed_errors) {
    /* out of range at the last iteration, after the compiled ones */
    same_error("y = 1:100; s = 0\nfor i in 1..100 { s = s + y[i + 1] }",
               "t.mlm:2:31: error: index 101 is out of range 1..100 (length 100)\n");
    same_error("y = 1:10; s = 0\nfor i in 1..10 { s = s + y[6 / i] }",
               "t.mlm:2:30: error: index 1.5 is not a whole number\n");
    same_error("y = 1:10; s = 0; z = 0\nfor i in 1..10 { s = s + y[1 + z / (i - 3)] }", "error: index is nan\n");
    same_error_as("y = zeros(0); s = 0\nfor i in 1..3 { s = s + y[i] }", "out of range: the dimension is empty\n", false);
    same_error("X = ones(3, 2); s = 0\nfor i in 1..3 { s = s + X[1, i] }",
               "t.mlm:2:30: error: index 3 is out of range 1..2 (length 2)\n");
    same_error("X = ones(3, 2); s = 0\nfor i in 1..4 { s = s + X[i, 1] }",
               "t.mlm:2:27: error: index 4 is out of range 1..3 (length 3)\n");
    /* a vector indexed as a matrix, a number indexed: the general path's answer */
    free(both_ways("y = 1:4; s = 0\nfor i in 1..3 { s = s + y[i, 1] }", false));
    free(both_ways("y = 4; s = 0\nfor i in 1..3 { s = s + y[i] }", false));
    /* the loop variable assigned in the body, a string stored: the general path */
    free(both_ways("y = 1:9; s = 0\nfor i in 1..3 { s = s + y[i]; i = 2 * i }\nprintf(\"%g %g\", s, i)", false));
    free(both_ways("y = 1:9; s = 0\nfor i in 1..3 { s = s + y[i]; s = \"a\" }", false));
}
END_TEST

Suite *loops_suite(void) {
    Suite *s = suite_create("loops");
    TCase *tc = tcase_create("Core");
    tcase_add_test(tc, indexed_reads);
    tcase_add_test(tc, indexed_errors);
    tcase_add_test(tc, commuted_and_fused_operators);
    tcase_add_test(tc, ranges_in_place);
    tcase_add_test(tc, native_tier);
    tcase_add_test(tc, branches);
    tcase_add_test(tc, element_stores);
    tcase_add_test(tc, nested_loops);
    tcase_add_test(tc, while_loops);
    tcase_add_test(tc, returns_and_calls);
    tcase_add_test(tc, random_loops);
    suite_add_tcase(s, tc);
    return s;
}
