/* test_astprint.c — the syntax-tree printer (src/astprint.c): for every expression node kind,
 * printing in mlm style and parsing the text back gives the same tree (compared through
 * ast_to_sexpr); exact mlm, LaTeX and spoken forms of a set of expressions. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ast.h"
#include "astprint.h"
#include "parse.h"

#include "table.h"

/* The first statement's expression of text, parsed into a fresh arena (kept in *arena). */
static Node *parse_expr(const char *text, AstArena **arena, Source **src) {
    *src = source_new("<test>", text, strlen(text));
    *arena = ast_arena_new(*src);
    Diagnostic d;
    memset(&d, 0, sizeof d);
    Node *program = parse_source(*arena, *src, 0, &d, NULL);
    if (!program || program->nlist == 0) return NULL;
    Node *s = program->list[0];
    return s->kind == N_EXPR_STMT ? s->a : s;
}

static void release(AstArena *arena, Source *src) {
    ast_arena_release(arena);
    source_release(src);
}

/* Every node kind the parser makes, in the shapes that need brackets or not. */
static const char *const round_trips[] = {
    "1", "2.5", "1e20", "\"a \\\"b\\\"\\n\"", "x", "ŷ", "θ₁",
    "x + y * z", "(x + y) * z", "x - (y - z)", "x - y - z", "x / (y * z)", "x / y * z",
    "2^3^2", "(2^3)^2", "-2^2", "(-2)^2", "2^(-1)", "-x", "- -x", "not a", "not (a and b)",
    "a and b or c", "a and (b or c)", "a < b", "0 < x < 1", "(a < b) == c", "a ≈ b", "a != b",
    "x²", "x⁻¹", "(x + 1)²", "A⁻¹", "xᵀ", "(x + y)ᵀ", "Xᵀ @ X", "|x|", "|x - y|", "‖x‖",
    "‖x‖_1", "‖x‖_inf", "‖A‖_F", "f(x)", "f(x, y)", "g()", "f(x)(y)", "y[i]", "X[i, j]",
    "X[:, j]", "x[end]", "x[2:end]", "r.values", "eig(A).values", "1:n", "0:0.1:1", "(1:3) + 1",
    "[1, 2, 3]", "[]", "[1, 2; 3, 4]", "[[1, 2], [3, 4]]", "if c then a else b",
    "if c then a else if d then b else e", "x -> 2 * x", "(x, y) -> x + y", "add = x -> y -> x + y",
    "Σ_{i=1}^{n} (y[i] - ŷ[i])^2", "Σ_{i=1}^{n} i + 1", "∏_{k=1}^{5} k", "a * (Σ_{i=1}^{n} i)",
    "sum(i, 1, n, i^2)", "Σ x", "P(A)", "P(A | B)", "P(not A, B)", "P(A ∩ B | C)", "2x", "2x²",
    "3(x + 1)", "1/2x", "2sin(x)", "x @ W + b", "a · b", "A \\ b", "x % 3", "√x", "√(x + 1)",
    "2π", "-x^2 + 3 * x", "x * -y", "a - -3", "A .^ 2", "A .* B", "a × b", "8%", "(x + 1)%",
};

START_TEST(mlm_style_round_trips) {
    Failures f = {0};
    for (size_t i = 0; i < sizeof round_trips / sizeof round_trips[0]; i++) {
        AstArena *a1, *a2;
        Source *s1, *s2;
        Node *n1 = parse_expr(round_trips[i], &a1, &s1);
        if (!n1) { failure(&f, "%s: does not parse", round_trips[i]); release(a1, s1); continue; }
        char printed[512], want[1024], got[1024];
        ast_print_text(n1, AST_MLM, printed, sizeof printed);
        ast_to_sexpr(n1, want, sizeof want);
        Node *n2 = parse_expr(printed, &a2, &s2);
        if (!n2) failure(&f, "%s: printed as %s, which does not parse", round_trips[i], printed);
        else if (strcmp(ast_to_sexpr(n2, got, sizeof got), want) != 0)
            failure(&f, "%s: printed as %s, which reads back as %s, not %s", round_trips[i], printed, got, want);
        release(a2, s2);
        release(a1, s1);
    }
    ck_assert_msg(f.count == 0, "%d failures:\n%s", f.count, f.text);
}
END_TEST

typedef struct Shown {
    const char *source;
    AstStyle style;
    const char *want;
} Shown;

static const Shown shown[] = {
    {"x + y * z", AST_MLM, "x + y * z"},
    {"(x+y)*z", AST_MLM, "(x + y) * z"},
    {"x - (y - z)", AST_MLM, "x − (y − z)"},
    {"2*x + 3", AST_MLM, "2x + 3"},
    {"3 * x^2", AST_MLM, "3x^2"},
    {"x^(-1)", AST_MLM, "x^(-1)"},
    {"Σ_{i=1}^{n} (y[i] - ŷ[i])²", AST_MLM, "Σ_{i=1}^{n} (y[i] − ŷ[i])²"},
    {"x -> x^2", AST_MLM, "x -> x^2"},
    {"a <= b", AST_MLM, "a ≤ b"},
    {"Σ_{i=1}^{n} (y[i] - ŷ[i])²", AST_LATEX, "\\sum_{i=1}^{n} \\left(y_{i} - \\hat{y}_{i}\\right)^{2}"},
    {"a / (b + 1)", AST_LATEX, "\\frac{a}{b + 1}"},
    {"sqrt(x)", AST_LATEX, "\\sqrt{x}"},
    {"‖x‖", AST_LATEX, "\\lVert x \\rVert"},
    {"xᵀ @ y", AST_LATEX, "x^{\\top} y"},
    {"[1, 2; 3, 4]", AST_LATEX, "\\begin{bmatrix} 1 & 2 \\\\ 3 & 4 \\end{bmatrix}"},
    {"sigmoid(θ₁ * x)", AST_LATEX, "\\operatorname{sigmoid}\\left(\\theta_{1} \\cdot x\\right)"},
    {"sin(x)^2 + lr", AST_LATEX, "\\sin\\left(x\\right)^{2} + \\mathrm{lr}"},
    {"a <= b", AST_LATEX, "a \\le b"},
    {"P(A | B)", AST_LATEX, "P(A \\mid B)"},
    {"A⁻¹", AST_LATEX, "A^{-1}"},
    {"Σ_{i=1}^{n} (y[i] - ŷ[i])²", AST_WORDS, "the sum, for i from 1 to n, of (y sub i minus ŷ sub i) squared"},
    {"xᵀ @ y", AST_WORDS, "the matrix product of the transpose of x and y"},
    {"‖x‖", AST_WORDS, "the norm of x"},
};

START_TEST(styles_show_exactly) {
    Failures f = {0};
    for (size_t i = 0; i < sizeof shown / sizeof shown[0]; i++) {
        AstArena *a;
        Source *s;
        Node *n = parse_expr(shown[i].source, &a, &s);
        char got[512];
        if (!n) failure(&f, "%s: does not parse", shown[i].source);
        else if (strcmp(ast_print_text(n, shown[i].style, got, sizeof got), shown[i].want) != 0)
            failure(&f, "%s (style %d): got «%s», want «%s»", shown[i].source, shown[i].style, got, shown[i].want);
        release(a, s);
    }
    ck_assert_msg(f.count == 0, "%d failures:\n%s", f.count, f.text);
}
END_TEST

START_TEST(long_text_is_cut) {
    AstArena *a;
    Source *s;
    Node *n = parse_expr("alpha + beta + gamma", &a, &s);
    char small[8];
    ast_print_text(n, AST_MLM, small, sizeof small);
    ck_assert_str_eq(small, "alpha +");
    release(a, s);
}
END_TEST

Suite *astprint_suite(void) {
    Suite *suite = suite_create("astprint");
    TCase *tc = tcase_create("Core");
    tcase_add_test(tc, mlm_style_round_trips);
    tcase_add_test(tc, styles_show_exactly);
    tcase_add_test(tc, long_text_is_cut);
    suite_add_tcase(suite, tc);
    return suite;
}
