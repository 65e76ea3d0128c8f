/* test_notation.c — issue 19's notation: LaTeX read as mlm (latex_in.c) compared as syntax
 * trees with mlm's own spelling, LaTeX errors and their columns, help for symbols
 * (help_topics.c), the learners' names table, and \mathbb{R} in the completion table. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ast.h"
#include "astprint.h"
#include "builtins.h"
#include "commands.h"
#include "complete.h"
#include "help_topics.h"
#include "interp.h"
#include "latex_in.h"
#include "manpage.h"
#include "ops.h"
#include "parse.h"
#include "textwidth.h"

/* The program parsed from text as an S-expression, or "ERROR line:col message". */
static char *sx(const char *text) {
    static char bufs[2][4096];
    static int which;
    char *buf = bufs[which++ & 1];
    Source *src = source_new("<test>", text, strlen(text));
    AstArena *arena = ast_arena_new(src);
    Diagnostic d;
    memset(&d, 0, sizeof d);
    bool incomplete = false;
    Node *program = parse_source(arena, src, 0, &d, &incomplete);
    if (!program) snprintf(buf, 4096, "ERROR %d:%d %s", d.line, d.col, d.message);
    else ast_to_sexpr(program, buf, 4096);
    ast_arena_release(arena);
    source_release(src);
    return buf;
}

#define SAME(latex, mlm) ck_assert_str_eq(sx(latex), sx(mlm))

START_TEST(test_latex_reads_as_mlm) {
    SAME("\\frac{a}{b}", "((a) / (b))");
    SAME("\\frac{1}{n} \\sum_{i=1}^{n} x[i]", "((1) / (n)) * Σ_{i=1}^{n} x[i]");
    SAME("\\sum_{i=1}^{n} i^2", "Σ_{i=1}^{n} i^2");
    SAME("\\sum_{i=1}^n i", "Σ_{i=1}^n i");
    SAME("\\prod_{k=1}^{3} k", "∏_{k=1}^{3} k");
    SAME("\\sqrt{x + 1}", "√(x + 1)");
    SAME("\\sqrt{2} x", "√(2) * x");
    SAME("a \\cdot b", "a · b");
    SAME("a \\times b", "a × b");
    SAME("\\left( a + b \\right) \\cdot c", "(a + b) · c");
    SAME("\\|x\\|", "‖x‖");
    SAME("\\lVert x \\rVert", "‖x‖");
    SAME("X^\\top", "Xᵀ");
    SAME("X^{\\top} @ y", "Xᵀ @ y");
    SAME("x^{2}", "x^(2)");
    SAME("\\hat{y}", "ŷ");
    SAME("\\bar{x}", "x̄");
    SAME("\\hat{\\theta}", "θ̂");
    SAME("\\mathbf{x}", "x");
    SAME("\\alpha + \\beta", "α + β");
    SAME("\\epsilon", "ϵ");
    SAME("\\varepsilon", "ε");
    SAME("a \\le b", "a ≤ b");
    SAME("a \\ge b", "a ≥ b");
    SAME("a \\ne b", "a ≠ b");
    SAME("a \\approx b", "a ≈ b");
    SAME("\\log(x) + \\exp(x) + \\sin(x)", "log(x) + exp(x) + sin(x)");
    SAME("y_{i}", "y_i");
    SAME("y_{i+1}", "y[i+1]");
    SAME("\\hat{y}_i", "ŷ_i");
    SAME("\\hat{y}_{i}", "ŷ_i");
    SAME("\\theta_{1}", "θ₁");
    SAME("\\theta_1", "θ₁");
    SAME("w_{10}", "w₁₀");
    SAME("\\mathbb{R}", "ℝ");
    SAME("for i \\in 1..3 { i }", "for i ∈ 1..3 { i }");
    SAME("x \\to 2x", "x → 2x");
    SAME("A\\b", "A \\ b");  /* an unknown \name after an operand stays left division */
    SAME("1\\,+\\;2", "1 + 2");
}
END_TEST

START_TEST(test_latex_errors) {
    ck_assert_str_eq(sx("\\foo + 1"), "ERROR 1:1 unsupported LaTeX command '\\foo'");
    ck_assert_str_eq(sx("x \\foo"), "ERROR 1:3 unsupported LaTeX command '\\foo'");
    ck_assert_str_eq(sx("\\frac{a}"), "ERROR 1:8 \\frac{a} needs its denominator: \\frac{a}{b}");
    ck_assert_str_eq(sx("\\frac{a}{b"), "ERROR 1:9 unexpected end of input: '{' is never closed");
    ck_assert_str_eq(sx("\\frac a b"), "ERROR 1:1 \\frac needs two groups in braces: \\frac{a}{b}");
    ck_assert_str_eq(sx("\\hat{xy}"), "ERROR 1:1 \\hat{…} takes one letter");
    ck_assert_str_eq(sx("\\mathbb{X}"), "ERROR 1:1 no blackboard letter X: \\mathbb{R} is ℝ");
    ck_assert_str_eq(sx("\\top"), "ERROR 1:1 '\\top' (the transpose) belongs in a superscript: x^\\top");
    ck_assert_str_eq(sx("\\nabla f"), "ERROR 1:1 \\nabla (∇, the gradient) is not supported yet");
    ck_assert_str_eq(sx("a \\\\ b"), "ERROR 1:3 '\\\\' (a LaTeX line break) is not supported: one expression per line");
    ck_assert_str_eq(sx("y = 1\n\\sqrt[3]{8}"), "ERROR 2:6 \\sqrt[n]{x} (an n-th root) is not supported: write x^(1/n)");
}
END_TEST

START_TEST(test_latex_letters) {
    ck_assert_str_eq(latex_letter("alpha", 5), "α");
    ck_assert_str_eq(latex_letter("ell", 3), "ℓ");
    ck_assert_ptr_null(latex_letter("sum", 3));   /* an operator, not a letter */
    ck_assert_ptr_null(latex_letter("Sigma", 5)); /* Σ is the sum in mlm */
    ck_assert_ptr_null(latex_letter("nosuch", 6));
}
END_TEST

START_TEST(test_blackboard_completion) {
    char buf[16];
    ck_assert(complete_symbol("\\mathbb{R}", 10, buf, sizeof buf));
    ck_assert_str_eq(buf, "ℝ");
    ck_assert(complete_symbol("\\mathbb{N", 9, buf, sizeof buf)); /* the brace may be left off */
    ck_assert_str_eq(buf, "ℕ");
    ck_assert(!complete_symbol("\\mathbb{X}", 10, buf, sizeof buf));
    ck_assert(!complete_symbol("\\mathbb{RR}", 11, buf, sizeof buf));
    Completion c;
    complete_line(NULL, "\\mathb", 6, &c);
    bool found = false;
    for (int i = 0; i < c.count; i++) found |= strcmp(c.items[i], "\\mathbb{") == 0;
    ck_assert(found);
    completion_free(&c);
}
END_TEST

static char *help_of(const char *topic) {
    static char *text;
    static size_t size;
    free(text);
    text = NULL;
    FILE *f = open_memstream(&text, &size);
    bool found = help_notation(topic, f);
    fclose(f);
    if (!found) return NULL;
    return text;
}

START_TEST(test_help_notation) {
    ck_assert_ptr_nonnull(strstr(help_of("@"), "the matrix product"));
    ck_assert_ptr_nonnull(strstr(help_of("^"), "power"));
    ck_assert_ptr_nonnull(strstr(help_of("**"), "power"));
    ck_assert_ptr_nonnull(strstr(help_of("⁻¹"), "inverse"));
    ck_assert_ptr_nonnull(strstr(help_of("‖"), "norm"));
    ck_assert_ptr_nonnull(strstr(help_of("||"), "norm"));
    ck_assert_ptr_nonnull(strstr(help_of("\\cdot"), "dot product"));
    ck_assert_ptr_nonnull(strstr(help_of("∂"), "partial derivative"));
    ck_assert_ptr_nonnull(strstr(help_of("\\frac"), "a / b"));
    ck_assert_ptr_nonnull(strstr(help_of("·"), "LaTeX: \\cdot")); /* from the operator table */
    ck_assert_ptr_nonnull(strstr(help_of("notation"), "Operators, keywords and symbols"));
    ck_assert_ptr_null(help_of("xyzzy"));
    ck_assert_ptr_null(help_of(""));
}
END_TEST

/* Every spelling of every operator in the operator table has help (help @, help ≤, help ∈ …). */
START_TEST(test_help_every_operator) {
    for (int op = 1; op < OP_COUNT; op++) {
        const OpInfo *info = op_info(op);
        if (!info->spellings || !info->spellings[0]) continue;
        char spellings[128];
        snprintf(spellings, sizeof spellings, "%s", info->spellings);
        for (char *w = strtok(spellings, " "); w; w = strtok(NULL, " "))
            ck_assert_msg(help_of(w) != NULL || builtins_find(w), "no help for '%s' (%s)", w, info->text);
    }
    static const char *const more[] = {"ᵀ", "'", "⁻¹", "²", "√", "‖", "|", "∈", "ℝ", "∂", "∇", "_", "?", "#",
                                       "for", "explain", "latex", "help", "juxtaposition", ".*", "=", "..", NULL};
    FILE *sink = fopen("/dev/null", "w");
    ck_assert_ptr_nonnull(sink);
    for (int i = 0; more[i]; i++) ck_assert_msg(command_help_topic(NULL, more[i], sink), "no help for '%s'", more[i]);
    fclose(sink);
}
END_TEST

static bool has_std(const char *name, void *ctx) {
    (void)ctx;
    return strcmp(name, "std") == 0;
}

START_TEST(test_learner_names) {
    ck_assert_str_eq(learner_hint("len", NULL, NULL), "Python's len is length(x) in mlm");
    ck_assert_str_eq(learner_hint("np", NULL, NULL), "mlm needs no np.: write zeros(3), mean(x), x @ y directly");
    /* a name mlm has is pointed at; without it, the formula */
    ck_assert_str_eq(learner_hint("sd", has_std, NULL), "did you mean 'std'?");
    ck_assert_str_eq(learner_hint("sd", NULL, NULL), "the standard deviation is sqrt(mean((x − mean(x))^2)) in mlm");
    ck_assert_str_eq(learner_hint("avg", NULL, NULL), "did you mean 'mean'?");
    ck_assert_ptr_null(learner_hint("lenght", NULL, NULL));
    ck_assert_str_eq(learner_field_hint("shape"), "NumPy's x.shape is size(x) in mlm");
    ck_assert_ptr_null(learner_field_hint("values"));
}
END_TEST

/* The LaTeX of expression text, from the AST printer, into buf. */
static const char *latex_of(const char *text, char *buf, size_t size) {
    Source *src = source_new("<rt>", text, strlen(text));
    AstArena *arena = ast_arena_new(src);
    Diagnostic d;
    memset(&d, 0, sizeof d);
    Node *program = parse_source(arena, src, 0, &d, NULL);
    ck_assert_msg(program && program->nlist == 1, "%s does not parse: %s", text, d.message);
    ast_print_text(program->list[0]->a, AST_LATEX, buf, size);
    ast_arena_release(arena);
    source_release(src);
    return buf;
}

/* Runs text in session in; true when it ran without an error. */
static bool run(Interp *in, const char *text) {
    Source *src = source_new("<rt>", text, strlen(text));
    RunStatus st = interp_run(in, src, false);
    source_release(src);
    return st == RUN_OK;
}

/* latex e pasted back gives e's value: for every expression form the printer writes. */
START_TEST(test_latex_round_trips) {
    static const char *const exprs[] = {
        "Σ_{i=1}^{n} (y[i] − ŷ[i])²", "Σ_{i=1}^{n} (y_i − ŷ_i)²", "∏_{k=1}^{n} k", "sum(i, 1, 10, i^2)",
        "(1/n) * Σ_{i=1}^{n} y[i]", "a / b", "(a + b) / (c − a)", "a / b / c", "sqrt(a) / 2", "√(a² + b²)",
        "ŷ", "x̄", "θ₁", "learning_rate * 2", "α + β * γ", "‖x‖", "‖x‖_1", "‖x − w‖²", "|a − 10|", "Xᵀ", "x'",
        "Xᵀ @ X", "XᵀX", "(XᵀX)⁻¹Xᵀx", "X⁻¹", "X \\ x", "X @ W + b", "x · w", "a * b", "a × b", "2a + 3",
        "-x", "a^2 + 2a + 1", "2^(1/2)", "e^(-a)", "exp(x)", "log(a) + sin(a)", "sigmoid(x)", "mean(x)",
        "max(x)", "[1, 2, 3]", "[1, 2; 3, 4]", "X[1, 2]", "X[1, :]", "a % 3", "a ≤ b", "a < b ≤ c", "a ≠ b",
        "not (a > b)", "a > 1 and b > 1 or c > 1", "x ∈ ℝ^3", "X ∈ ℝ^{2×2}", "λ‖w‖²", "1 / (1 + exp(-x))",
        "exp(x) / sum(exp(x))", "‖x‖ ‖w‖", "xᵀw", "X @ x", "2 * Xᵀ @ (X @ w − x)", "-Σ_{i=1}^{3} p_i log2(p_i)",
        "cosine_similarity(x, w)", "mse(y, ŷ)", "a ≈ b", "x ≥ 2",
    };
    FILE *out = fopen("/dev/null", "w"), *err = tmpfile();
    ck_assert_ptr_nonnull(out);
    ck_assert_ptr_nonnull(err);
    Interp *in = interp_new(out, err);
    ck_assert_ptr_nonnull(in);
    ck_assert(run(in, "y = [3, 5, 2]; ŷ = [2.5, 5, 4]; n = 3; a = 2; b = 3; c = 5; x = [1, 2]; w = [3, 4]\n"
                      "X = [2, 1; 1, 3]; W = [1, 0; 0, 1]; λ = 0.5; α = 1; β = 2; γ = 3; θ₁ = 4; x̄ = 5\n"
                      "learning_rate = 0.1; p = [0.5, 0.25, 0.25]\n"));
    for (size_t i = 0; i < sizeof exprs / sizeof exprs[0]; i++) {
        char latex[1024], script[2300];
        latex_of(exprs[i], latex, sizeof latex);
        snprintf(script, sizeof script, "rt_want = %s\nrt_got = %s\n", exprs[i], latex);
        ck_assert_msg(run(in, script), "%s → %s does not run back", exprs[i], latex);
        int failed = in->checks.failed;
        ck_assert(run(in, "check rt_got ≈ rt_want within 1e-12\n"));
        ck_assert_msg(in->checks.failed == failed, "%s → %s has another value", exprs[i], latex);
    }
    ck_assert_int_eq(in->checks.passed, (int)(sizeof exprs / sizeof exprs[0]));
    interp_free(in);
    fclose(out);
    fclose(err);
}
END_TEST

START_TEST(test_display_width) {
    ck_assert_int_eq(text_display_width("y"), 1);
    ck_assert_int_eq(text_display_width("ŷ"), 1);       /* precomposed */
    ck_assert_int_eq(text_display_width("x̄"), 1);       /* x + combining macron */
    ck_assert_int_eq(text_display_width("θ̂₁"), 2);
    ck_assert_int_eq(text_display_width("数据"), 4);     /* wide */
    ck_assert_int_eq(text_display_width(""), 0);
    char *buf;
    size_t size;
    FILE *f = open_memstream(&buf, &size);
    text_put_padded(f, "x̄", 3);
    fclose(f);
    ck_assert_str_eq(buf, "x̄  ");
    free(buf);
}
END_TEST

static void test_usage(FILE *out) { fputs("usage: mlm [FILE.mlm]\n", out); }

/* mlm(1) comes from the help tables: builtins, the library, the notation table, escaped. */
START_TEST(test_man_page) {
    char *buf;
    size_t size;
    FILE *f = open_memstream(&buf, &size);
    manpage_write(f, "9.9", test_usage);
    fclose(f);
    ck_assert_ptr_nonnull(strstr(buf, ".TH MLM 1 \"\" \"mlm 9.9\""));
    ck_assert_ptr_nonnull(strstr(buf, "usage: mlm [FILE.mlm]"));
    ck_assert_ptr_nonnull(strstr(buf, "sqrt(x) — square root"));              /* a builtin row */
    ck_assert_ptr_nonnull(strstr(buf, ".B softmax\n"));                       /* the library */
    ck_assert_ptr_nonnull(strstr(buf, "A @ B — the matrix product"));          /* the notation table */
    ck_assert_ptr_nonnull(strstr(buf, "prefer A \\e b"));                    /* a backslash escaped */
    for (const char *line = buf; line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
        if (!*line) break;
        /* every line starting with '.' is a request this page makes */
        if (line[0] == '.')
            ck_assert_msg(strncmp(line, ".TH", 3) == 0 || strncmp(line, ".SH", 3) == 0 || strncmp(line, ".SS", 3) == 0 ||
                          strncmp(line, ".TP", 3) == 0 || strncmp(line, ".B ", 3) == 0 || strncmp(line, ".nf", 3) == 0 ||
                          strncmp(line, ".fi", 3) == 0, "unexpected request: %.40s", line);
    }
    free(buf);
}
END_TEST

Suite *notation_suite(void) {
    Suite *s = suite_create("notation");
    TCase *t = tcase_create("notation");
    tcase_add_test(t, test_latex_reads_as_mlm);
    tcase_add_test(t, test_latex_errors);
    tcase_add_test(t, test_latex_letters);
    tcase_add_test(t, test_blackboard_completion);
    tcase_add_test(t, test_help_notation);
    tcase_add_test(t, test_help_every_operator);
    tcase_add_test(t, test_learner_names);
    tcase_add_test(t, test_latex_round_trips);
    tcase_add_test(t, test_display_width);
    tcase_add_test(t, test_man_page);
    suite_add_tcase(s, t);
    return s;
}
