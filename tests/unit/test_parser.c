/* test_parser.c — the token filter and Lemon grammar (src/parse.c, grammar/parser.y): a
 * precedence table checked through ast_to_sexpr, the context-dependent bars, implicit
 * multiplication, Σ/∏ notation, newline rules, statements, syntax errors with their
 * positions, the "incomplete input" flag and the nesting limit. */
#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ast.h"
#include "parse.h"

#include "table.h"

/* Parses text and renders the program without its outer braces: "(+ 1 2)", or several
 * statements separated by spaces. Fails the test on a syntax error. */
static const char *sx(const char *text) {
    static char buf[4096];
    Source *src = source_new("<test>", text, strlen(text));
    AstArena *arena = ast_arena_new(src);
    Diagnostic d;
    memset(&d, 0, sizeof d);
    bool incomplete = false;
    Node *program = parse_source(arena, src, 0, &d, &incomplete);
    if (!program) {
        snprintf(buf, sizeof buf, "ERROR %d:%d %s", d.line, d.col, d.message);
    } else {
        ck_assert_int_eq(program->kind, N_BLOCK);
        char tmp[4096];
        ast_to_sexpr(program, tmp, sizeof tmp);
        size_t n = strlen(tmp);
        ck_assert_msg(n >= 2 && tmp[0] == '{' && tmp[n - 1] == '}', "program renders as %s", tmp);
        tmp[n - 1] = '\0';
        snprintf(buf, sizeof buf, "%s", tmp + 1);
    }
    ast_arena_release(arena);
    source_release(src);
    return buf;
}

/* Parses text (len bytes) as "t.mlm"; returns whether it parsed, with the diagnostic and
 * the incomplete flag. */
static bool try_parse(const char *text, size_t len, int max_depth, Diagnostic *d, bool *incomplete) {
    Source *src = source_new("t.mlm", text, len);
    AstArena *arena = ast_arena_new(src);
    memset(d, 0, sizeof *d);
    bool inc = false;
    Node *program = parse_source(arena, src, max_depth, d, &inc);
    ast_arena_release(arena);
    source_release(src);
    if (incomplete) *incomplete = inc;
    return program != NULL;
}

/* Parses text expecting a syntax error; returns the diagnostic and the incomplete flag. */
static Diagnostic parse_fails(const char *text, size_t len, int max_depth, bool *incomplete) {
    Diagnostic d;
    ck_assert_msg(!try_parse(text, len, max_depth, &d, incomplete), "\"%.60s\" parsed, expected a syntax error",
                  text);
    ck_assert(d.set);
    return d;
}

/* {======== precedence and shapes of expressions */

typedef struct TreeCase {
    const char *input;
    const char *tree;
} TreeCase;

static const TreeCase tree_cases[] = {
    /* arithmetic */
    {"1+2*3", "(+ 1 (* 2 3))"},
    {"(1+2)*3", "(* (+ 1 2) 3)"},
    {"1-2-3", "(- (- 1 2) 3)"},
    {"8/4/2", "(/ (/ 8 4) 2)"},
    {"7 % 3 * 2", "(* (% 7 3) 2)"},
    {"-2^2", "(neg (^ 2 2))"},
    {"2^3^2", "(^ 2 (^ 3 2))"},
    {"2^-2", "(^ 2 (neg 2))"},
    {"-x^2", "(neg (^ x 2))"},
    {"--x", "(neg (neg x))"},
    {"a - -b", "(- a (neg b))"},
    {"+x", "(pos x)"},
    {"a @ b + c", "(+ (@ a b) c)"},
    {"a + b @ c", "(+ a (@ b c))"},
    {"a · b", "(· a b)"},
    {"a × b ÷ c", "(/ (* a b) c)"},
    {"a − b", "(- a b)"},
    {"a \\ b", "(\\ a b)"},
    /* implicit multiplication: a number glued to a name or ( */
    {"2x", "(* 2 x)"},
    {"2π", "(* 2 π)"},
    {"2(x+1)", "(* 2 (+ x 1))"},
    {"3(x+1)^2", "(* 3 (^ (+ x 1) 2))"},
    {"2x^2", "(* 2 (^ x 2))"},
    {"2.5e3x", "(* 2500 x)"},
    {"1/2x", "(/ 1 (* 2 x))"},
    {"x(1)", "(call x 1)"},
    /* postfix */
    {"x'", "(' x)"},
    {"xᵀ", "(' x)"},
    {"x^T", "(' x)"},
    {"x²", "(^ x 2)"},
    {"-3²", "(neg (^ 3 2))"},
    {"A⁻¹", "(^ A -1)"},
    {"x⁻¹ + 1", "(+ (^ x -1) 1)"},
    {"X' @ y", "(@ (' X) y)"},
    {"x[1]", "(index x 1)"},
    {"X[1, :]", "(index X 1 :)"},
    {"X[:, 2]", "(index X : 2)"},
    {"x[end]", "(index x end)"},
    {"x[2:end]", "(index x (: 2 end))"},
    {"x[1][2]", "(index (index x 1) 2)"},
    {"f(1)(2)", "(call (call f 1) 2)"},
    {"f()", "(call f)"},
    {"eig(A).values[1]", "(index (. (call eig A) values) 1)"},
    {"-r.S^2", "(neg (^ (. r S) 2))"},
    {"r.U @ r.V'", "(@ (. r U) (' (. r V)))"},
    {"2.5 + x", "(+ 2.5 x)"},
    {"√x + 1", "(+ (call sqrt x) 1)"},
    {"√x^2", "(call sqrt (^ x 2))"},
    /* bars: absolute value, norm, given, or */
    {"|x|", "(abs x)"},
    {"|x - y|", "(abs (- x y))"},
    {"|a| + |b|", "(+ (abs a) (abs b))"},
    {"f(|x|)", "(call f (abs x))"},
    {"||x||", "(norm x)"},
    {"‖x‖", "(norm x)"},
    {"||x - y||", "(norm (- x y))"},
    {"||x||_1", "(norm1 x)"},
    {"||x||_inf", "(norminf x)"},
    {"‖x‖_1 + 1", "(+ (norm1 x) 1)"},
    {"||x||^2", "(^ (norm x) 2)"},
    {"P(A|B)", "(P P (| A B))"},
    {"P(A | B)", "(P P (| A B))"},
    {"P(A, B | C)", "(P P A (| B C))"},
    {"P(not A)", "(P P (not A))"},
    {"P(A ∩ B)", "(P P (∩ A B))"},
    {"a || b", "(or a b)"},
    /* inside D_KL( a bar after an operand separates the arguments (issue 15) */
    {"D_KL(p ‖ q)", "(call D_KL p q)"},
    {"D_KL(p || q)", "(call D_KL p q)"},
    {"D_KL(f(p) ‖ q, 2)", "(call D_KL (call f p) q 2)"},
    {"D_KL(‖x‖ ‖ q)", "(call D_KL (norm x) q)"},
    {"D_KL(p ‖ q) + ‖x‖", "(+ (call D_KL p q) (norm x))"},
    {"f(p ‖ q)", "(call f (or p q))"},
    /* sums and products: the body is the next multiplicative term */
    {"Σ_{i=1}^{n} i + 1", "(+ (sum i 1 n i) 1)"},
    {"Σ_{i=1}^{n} i * 2", "(sum i 1 n (* i 2))"},
    {"Σ_{i=1}^n i^2", "(sum i 1 n (^ i 2))"},
    {"∑_{i=1}^{3} i", "(sum i 1 3 i)"},
    {"Σ_{i=1}^{n} (y[i] - ŷ[i])²", "(sum i 1 n (^ (- (index y i) (index ŷ i)) 2))"},
    {"∏_{k=1}^{3} k", "(prod k 1 3 k)"},
    {"Π_{k=1}^{n+1} k", "(prod k 1 (+ n 1) k)"},
    {"Σ_{i=1}^{n} Σ_{j=1}^{m} i*j", "(sum i 1 n (sum j 1 m (* i j)))"},
    {"2 Σ_{i=1}^{2} i", "ERROR 1:3 syntax error: unexpected 'Σ'"},
    {"sum(i, 1, n, i^2)", "(sum i 1 n (^ i 2))"},
    {"prod(k, 1, 3, k)", "(prod k 1 3 k)"},
    {"sum(v)", "(call sum v)"},
    {"Σ v", "(call sum v)"},
    /* ranges: a:b, start:step:stop, .. */
    {"1:n", "(: 1 n)"},
    {"1..n", "(: 1 n)"},
    {"a:b:c", "(: a c b)"},
    {"0:0.1:1", "(: 0 1 0.1)"},
    {"1:n+1", "(: 1 (+ n 1))"},
    {"(a:b):c", "(: (: a b) c)"},
    /* comparison and logic */
    {"a < b", "(< a b)"},
    {"a < b < c", "(< (< a b) c)"},
    {"a + 1 <= b * 2", "(<= (+ a 1) (* b 2))"},
    {"a ≤ b", "(<= a b)"},
    {"a ≥ b", "(>= a b)"},
    {"a ≠ b", "(!= a b)"},
    {"a ≈ b", "(≈ a b)"},
    {"a ~= b", "(≈ a b)"},
    {"a == b and c or d", "(or (and (== a b) c) d)"},
    {"a or b and c", "(or a (and b c))"},
    {"not a == b", "(not (== a b))"},
    {"!a && b", "(and (not a) b)"},
    {"1:3 == 1:3", "(== (: 1 3) (: 1 3))"},
    /* lambdas and conditionals */
    {"x -> x^2", "(lambda (x) (^ x 2))"},
    {"(x, y) -> x + y", "(lambda (x y) (+ x y))"},
    {"g = x -> 2x", "(= g (lambda (x) (* 2 x)))"},
    {"if a then b else c", "(if a b c)"},
    {"if a then b else c + 1", "(if a b (+ c 1))"},
    {"if a then b else if c then d else e", "(if a b (if c d e))"},
    {"y = if x > 0 then x else -x", "(= y (if (> x 0) x (neg x)))"},
    /* literals */
    {"[1, 2, 3]", "[1 2 3]"},
    {"[1, 2; 3, 4]", "[[1 2]; [3 4]]"},
    {"[[1, 2], [3, 4]]", "[[1 2] [3 4]]"},
    {"[1, -2]", "[1 (neg 2)]"},
    {"[]", "[]"},
    {"\"a\\tb\\n\\\"c\\\\\"", "\"a\tb\n\"c\\\""},
    {"1_000_000 + .5", "(+ 1000000 0.5)"},
    {"π + ∞", "(+ π inf)"},
    /* statements */
    {"y = 3", "(= y 3)"},
    {"f(x) = x^2", "(def f (x) (^ x 2))"},
    {"f(x, y) = x*y", "(def f (x y) (* x y))"},
    {"x[2] = 3", "(=[] (index x 2) 3)"},
    {"X[1, 2] = 3", "(=[] (index X 1 2) 3)"},
    {"P(A) = 0.5", "(fact (P P A) 0.5)"},
    {"P(B | A) = 0.9", "(fact (P P (| B A)) 0.9)"},
    {"[a, b] = f(1)", "(= [a b] (call f 1))"},
    {"1; 2", "1; 2"},
    {"x = 1;", "(= x 1)"},
    {"a = 1\nb = 2", "(= a 1) (= b 2)"},
    {"a = 1 # one\n\n\nb = 2 # two\n", "(= a 1) (= b 2)"},
    /* newlines: continuation after an operator, inside ( ), rows inside [ ] */
    {"x = 1 +\n  2", "(= x (+ 1 2))"},
    {"a *\n b", "(* a b)"},
    {"a ==\n b", "(== a b)"},
    {"f(1,\n2)", "(call f 1 2)"},
    {"(1\n+ 2)", "(+ 1 2)"},
    {"g = x ->\n x + 1", "(= g (lambda (x) (+ x 1)))"},
    {"[1, 2\n 3, 4]", "[[1 2]; [3 4]]"},
    {"[1, 2;\n 3, 4]", "[[1 2]; [3 4]]"},
    {"[\n1, 2\n3, 4\n]", "[[1 2]; [3 4]]"},
    {"[1,\n 2]", "[1 2]"},
    {"if a then b\nelse c", "(if a b c)"},
    {"if a\nthen b\nelse c", "(if a b c)"},
    {"x = 1 \\\n + 2", "(= x (+ 1 2))"},
};

START_TEST(trees) {
    Failures f = {0};
    for (size_t i = 0; i < ROWS(tree_cases); i++) {
        const TreeCase *c = &tree_cases[i];
        const char *got = sx(c->input);
        if (strcmp(got, c->tree) != 0) failure(&f, "parsing \"%s\": got %s, expected %s", c->input, got, c->tree);
    }
    ck_no_failures(f, ROWS(tree_cases));
}
END_TEST

/* Parses text (which must be valid) and returns its last statement. */
static Node *parse_one(AstArena **arena, Source **src, const char *text) {
    *src = source_new("<test>", text, strlen(text));
    *arena = ast_arena_new(*src);
    Diagnostic d;
    memset(&d, 0, sizeof d);
    Node *program = parse_source(*arena, *src, 0, &d, NULL);
    ck_assert_msg(program != NULL, "\"%s\": %s", text, d.message);
    ck_assert_int_ge(program->nlist, 1);
    return program->list[program->nlist - 1]; /* the last statement */
}

START_TEST(block_statements) {
    AstArena *arena;
    Source *src;
    char buf[512];
    Node *s = parse_one(&arena, &src, "for i in 1..3 { s = s + i }");
    ck_assert_int_eq(s->kind, N_FOR);
    ck_assert_str_eq(s->name, "i");
    ck_assert_str_eq(ast_to_sexpr(s->a, buf, sizeof buf), "(: 1 3)");
    ck_assert_str_eq(ast_to_sexpr(s->b, buf, sizeof buf), "{(= s (+ s i))}");
    ast_arena_release(arena);
    source_release(src);

    s = parse_one(&arena, &src, "for i = 0:19 {\n  a = i\n  b = i\n}");
    ck_assert_int_eq(s->kind, N_FOR);
    ck_assert_str_eq(ast_to_sexpr(s->a, buf, sizeof buf), "(: 0 19)");
    ck_assert_str_eq(ast_to_sexpr(s->b, buf, sizeof buf), "{(= a i) (= b i)}");
    ast_arena_release(arena);
    source_release(src);

    s = parse_one(&arena, &src, "while x < 3 { x = x + 1; continue }");
    ck_assert_int_eq(s->kind, N_WHILE);
    ck_assert_str_eq(ast_to_sexpr(s->a, buf, sizeof buf), "(< x 3)");
    ck_assert_int_eq(s->b->nlist, 2);
    ck_assert_int_eq(s->b->list[1]->kind, N_CONTINUE);
    ast_arena_release(arena);
    source_release(src);

    s = parse_one(&arena, &src, "if x { 1 } else if y { 2 } else { break }");
    ck_assert_int_eq(s->kind, N_IF);
    ck_assert_str_eq(ast_to_sexpr(s->b, buf, sizeof buf), "{1}");
    ck_assert_int_eq(s->c->kind, N_IF);
    ck_assert_str_eq(ast_to_sexpr(s->c->a, buf, sizeof buf), "y");
    ck_assert_int_eq(s->c->c->list[0]->kind, N_BREAK);
    ast_arena_release(arena);
    source_release(src);

    s = parse_one(&arena, &src, "f(x) = {\n  if x > 0 { return 1 }\n  return\n}");
    ck_assert_int_eq(s->kind, N_FUNCDEF);
    ck_assert_str_eq(s->name, "f");
    ck_assert_int_eq(s->a->kind, N_BLOCK);
    ck_assert_int_eq(s->a->nlist, 2);
    ck_assert_int_eq(s->a->list[1]->kind, N_RETURN);
    ck_assert_ptr_null(s->a->list[1]->a);
    ast_arena_release(arena);
    source_release(src);
}
END_TEST

START_TEST(check_statements) {
    AstArena *arena;
    Source *src;
    char buf[512];
    Node *s = parse_one(&arena, &src, "check a ≈ b within 0.1  # note");
    ck_assert_int_eq(s->kind, N_CHECK);
    ck_assert_int_eq(s->op, CHECK_APPROX);
    ck_assert_str_eq(ast_to_sexpr(s->a, buf, sizeof buf), "a");
    ck_assert_str_eq(ast_to_sexpr(s->c, buf, sizeof buf), "0.1");
    ck_assert_str_eq(s->name, "a ≈ b within 0.1");
    ast_arena_release(arena);
    source_release(src);

    s = parse_one(&arena, &src, "check x == 2;");
    ck_assert_int_eq(s->op, CHECK_EQ);
    ck_assert_str_eq(s->name, "x == 2");
    ast_arena_release(arena);
    source_release(src);

    s = parse_one(&arena, &src, "check x > 2");
    ck_assert_int_eq(s->op, CHECK_TRUE);
    ast_arena_release(arena);
    source_release(src);

    s = parse_one(&arena, &src, "assert n >= 0");
    ck_assert_int_eq(s->kind, N_ASSERT);
    ck_assert_str_eq(s->name, "n >= 0");
    ck_assert_str_eq(ast_to_sexpr(s->a, buf, sizeof buf), "(>= n 0)");
    ast_arena_release(arena);
    source_release(src);
}
END_TEST

START_TEST(chained_comparison_flag) {
    AstArena *arena;
    Source *src;
    Node *s = parse_one(&arena, &src, "a < b <= c");
    Node *e = s->a;
    ck_assert_int_eq(e->kind, N_COMPARE);
    ck_assert(e->flag);         /* chained onto a < b */
    ck_assert(!e->a->flag);
    ast_arena_release(arena);
    source_release(src);

    s = parse_one(&arena, &src, "(a < b) <= c");
    ck_assert(!s->a->flag);     /* parenthesised: a real comparison of a truth value */
    ast_arena_release(arena);
    source_release(src);
}
END_TEST

START_TEST(spans_point_at_operators) {
    AstArena *arena;
    Source *src;
    Node *s = parse_one(&arena, &src, "a = 1\nθ₁ + b * c");
    Node *e = s->a;
    ck_assert_int_eq(e->kind, N_BINARY);
    ck_assert_int_eq(e->span.line, 2);
    ck_assert_int_eq(e->span.col, 4);      /* columns count code points: θ₁ is two */
    ck_assert_uint_eq(e->span.offset, 12); /* bytes: "a = 1\n" + θ₁ (2 + 3) + space */
    ck_assert_int_eq(e->a->span.col, 1);
    ck_assert_uint_eq(e->a->span.length, 5);
    ck_assert_int_eq(e->b->span.col, 8);
    ast_arena_release(arena);
    source_release(src);
}
END_TEST

/* }======== */

/* {======== syntax errors: message, position, incomplete flag */

typedef struct ErrCase {
    const char *input;
    int line, col;
    const char *message;
    bool incomplete;
} ErrCase;

static const ErrCase err_cases[] = {
    {"3 +* 4", 1, 4, "syntax error: unexpected '*'", false},
    {"θ = 1 +* 2", 1, 8, "syntax error: unexpected '*'", false},
    {"a = 1\nb = 2 * * 3\nc = 4", 2, 9, "syntax error: unexpected '*'", false},
    {"2 x", 1, 3, "syntax error: unexpected 'x'", false},
    {"1 2", 1, 3, "syntax error: unexpected '2'", false},
    {"a = b = c", 1, 7, "syntax error: unexpected '='", false},
    {"1+2)", 1, 4, "unmatched ')'", false},
    {"x = )", 1, 5, "unmatched ')'", false},
    {"a = 1\n\nb = (1 +\n 2))", 4, 4, "unmatched ')'", false},
    {"[1,2)", 1, 5, "')' does not match the open '['", false},
    {"(1, 2]", 1, 6, "']' does not match the open '('", false},
    {"|x)", 1, 3, "')' closes a bracket while '|' is still open", false},
    {"(1, 2) = 3", 1, 8, "cannot assign to this: the left of '=' must be a name, x[i], f(x) or P(…)", false},
    {"f(1) = 2", 1, 3, "a function's parameters must be names", false},
    {"f(x, x) = 1", 1, 6, "parameter 'x' appears twice", false},
    {"y = { 1 }", 1, 3, "a { } block can only be the body of a function definition", false},
    {"check a == b within 1", 1, 21, "'within' needs a check of the form a ≈ b", false},
    {"x = \"a\\qb\"", 1, 7, "unknown escape '\\q' in string (use \\n \\t \\\" \\\\)", false},
    {"x = \"abc", 1, 5, "unterminated string", false},
    {"a = 1\nb = 2 $ 3", 2, 7, "unexpected character '$'", false},
    {"ŷ = 1 ? 2", 1, 7, "unexpected character '?'", false},
    {"x = 1\ny = 2 + \xff", 2, 9, "invalid UTF-8 byte 0xff", false},
    {"y = ∂x", 1, 5, "∂ is written ∂f/∂x (a function's partial derivative) or ∂/∂x (expr)", false},
    /* input that ends too early: the REPL reads another line */
    {"(1+2", 1, 1, "unexpected end of input: '(' is never closed", true},
    {"x = [1, 2", 1, 5, "unexpected end of input: '[' is never closed", true},
    {"f(x) = {\n  x", 1, 8, "unexpected end of input: '{' is never closed", true},
    {"for i in 1..3 {", 1, 15, "unexpected end of input: '{' is never closed", true},
    {"|x", 1, 1, "unexpected end of input: '|' is never closed", true},
    {"||x", 1, 1, "unexpected end of input: '‖' is never closed", true},
    {"1 +", 1, 3, "unexpected end of input after '+'", true},
    {"x = 2 *\n", 1, 7, "unexpected end of input after '*'", true},
    {"if x then", 1, 6, "unexpected end of input after 'then'", true},
    {"x ->", 1, 3, "unexpected end of input after '->'", true},
    {"Σ_{i=1}^{n}", 1, 12, "unexpected end of input", true},
    {"if x then 1", 1, 12, "unexpected end of input", true},
};

START_TEST(syntax_errors) {
    Failures f = {0};
    for (size_t i = 0; i < ROWS(err_cases); i++) {
        const ErrCase *c = &err_cases[i];
        bool incomplete = !c->incomplete;
        Diagnostic d;
        if (try_parse(c->input, strlen(c->input), 0, &d, &incomplete))
            failure(&f, "\"%s\" parsed, expected a syntax error", c->input);
        else if (!d.set || strcmp(d.message, c->message) != 0 || d.line != c->line || d.col != c->col ||
                 incomplete != c->incomplete || strcmp(d.file, "t.mlm") != 0)
            failure(&f, "\"%s\": %s:%d:%d \"%s\" incomplete=%d, expected %d:%d \"%s\" incomplete=%d", c->input,
                    d.file, d.line, d.col, d.message, incomplete, c->line, c->col, c->message, c->incomplete);
    }
    ck_no_failures(f, ROWS(err_cases));
}
END_TEST

START_TEST(diagnostic_has_line_and_caret) {
    Diagnostic d = parse_fails("a = 1\nb = 2 * * 3\nc = 4", 19, 0, NULL);
    ck_assert_str_eq(d.line_text, "b = 2 * * 3");
    ck_assert_int_eq(d.caret_col, 9);
    ck_assert_int_eq(d.caret_len, 1);

    d = parse_fails("x = \"a\\qb\"", 10, 0, NULL);
    ck_assert_int_eq(d.caret_col, 7);
    ck_assert_int_eq(d.caret_len, 2);

    char *text = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&text, &size);
    ck_assert_ptr_nonnull(out);
    d = parse_fails("x = 1 +* 2", 10, 0, NULL);
    diag_print(&d, out, false);
    fclose(out);
    ck_assert_str_eq(text, "t.mlm:1:8: error: syntax error: unexpected '*'\n  x = 1 +* 2\n         ^\n");
    free(text);
}
END_TEST

/* }======== */

/* {======== nesting limits: errors, never a stack overflow */

static char *repeat(const char *open, int n, const char *middle, const char *close) {
    size_t lo = strlen(open), lc = strlen(close), lm = strlen(middle);
    char *s = malloc((size_t)n * (lo + lc) + lm + 1);
    ck_assert_ptr_nonnull(s);
    char *p = s;
    for (int i = 0; i < n; i++) { memcpy(p, open, lo); p += lo; }
    memcpy(p, middle, lm); p += lm;
    for (int i = 0; i < n; i++) { memcpy(p, close, lc); p += lc; }
    *p = '\0';
    return s;
}

START_TEST(hundred_thousand_parentheses) {
    char *s = repeat("(", 100000, "1", ")");
    bool incomplete = true;
    Diagnostic d = parse_fails(s, strlen(s), 0, &incomplete);
    ck_assert_str_eq(d.message, "brackets nested more than 256 deep");
    ck_assert_int_eq(d.line, 1);
    ck_assert_int_eq(d.col, 257);
    ck_assert(!incomplete);
    free(s);

    s = repeat("[", 100000, "1", "]");
    d = parse_fails(s, strlen(s), 0, NULL);
    ck_assert_str_eq(d.message, "brackets nested more than 256 deep");
    free(s);

    s = repeat("|", 100000, "1", "|");
    d = parse_fails(s, strlen(s), 0, NULL);
    ck_assert_str_eq(d.message, "brackets nested more than 256 deep");
    free(s);
}
END_TEST

START_TEST(deep_operators) {
    /* no brackets at all: the parser's own stack limit must catch these */
    const char *prefixes[] = {"-", "not ", "√", "2^", "if 1 then "};
    for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
        char *s = repeat(prefixes[i], 100000, "1", "");
        Diagnostic d = parse_fails(s, strlen(s), 0, NULL);
        ck_assert_msg(strcmp(d.message, "expression nested too deeply") == 0, "prefix \"%s\": %s",
                      prefixes[i], d.message);
        free(s);
    }
}
END_TEST

START_TEST(max_depth_is_respected) {
    char *ok = repeat("(", 10, "1", ")");
    ck_assert_str_eq(sx(ok), "1");
    /* the limit is a parameter of parse_source */
    Source *src = source_new("<test>", ok, strlen(ok));
    AstArena *arena = ast_arena_new(src);
    Diagnostic d;
    memset(&d, 0, sizeof d);
    ck_assert_ptr_nonnull(parse_source(arena, src, 10, &d, NULL));
    ast_arena_release(arena);
    source_release(src);
    free(ok);

    char *deep = repeat("(", 11, "1", ")");
    d = parse_fails(deep, strlen(deep), 10, NULL);
    ck_assert_str_eq(d.message, "brackets nested more than 10 deep");
    ck_assert_int_eq(d.col, 11);
    free(deep);
}
END_TEST

START_TEST(long_flat_expression) {
    /* 100,000 terms side by side are not nesting: they parse */
    size_t n = 100000;
    char *s = malloc(n * 4 + 8);
    ck_assert_ptr_nonnull(s);
    strcpy(s, "x = 1");
    char *p = s + 5;
    for (size_t i = 1; i < n; i++) { memcpy(p, " + 1", 4); p += 4; }
    *p = '\0';
    Source *src = source_new("<test>", s, strlen(s));
    AstArena *arena = ast_arena_new(src);
    Diagnostic d;
    memset(&d, 0, sizeof d);
    Node *program = parse_source(arena, src, 0, &d, NULL);
    ck_assert_msg(program != NULL, "%s", d.message);
    ck_assert_int_eq(program->list[0]->kind, N_ASSIGN);
    ast_arena_release(arena);
    source_release(src);
    free(s);
}
END_TEST

/* }======== */

Suite *parser_suite(void) {
    Suite *s = suite_create("parser");
    TCase *core = tcase_create("Core");
    tcase_add_test(core, trees);
    tcase_add_test(core, block_statements);
    tcase_add_test(core, check_statements);
    tcase_add_test(core, chained_comparison_flag);
    tcase_add_test(core, spans_point_at_operators);
    suite_add_tcase(s, core);
    TCase *errors = tcase_create("Errors");
    tcase_add_test(errors, syntax_errors);
    tcase_add_test(errors, diagnostic_has_line_and_caret);
    suite_add_tcase(s, errors);
    TCase *limits = tcase_create("Limits");
    tcase_add_test(limits, hundred_thousand_parentheses);
    tcase_add_test(limits, deep_operators);
    tcase_add_test(limits, max_depth_is_respected);
    tcase_add_test(limits, long_flat_expression);
    suite_add_tcase(s, limits);
    return s;
}
