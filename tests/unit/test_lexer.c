/* test_lexer.c — the re2c lexer on its own (grammar/lexer.re): ASCII and Unicode operators,
 * names with Greek letters, accents and subscripts, numbers, strings, comments, and the
 * error tokens for malformed UTF-8 and unexpected characters (with their byte offsets). */
#include <check.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ast.h"
#include "keywords.h"
#include "lex.h"
#include "parser.h"

#include "table.h"

enum { MAX_TOKENS = 64 };

typedef struct Lexed {
    Source *src;
    Token tok[MAX_TOKENS];
    int n;                  /* tokens before LX_EOF */
    Token eof;
} Lexed;

/* Lexes all of text (which may contain any bytes, len of them) into lx. */
static void lex_bytes(Lexed *lx, const char *text, size_t len) {
    lx->src = source_new("<test>", text, len);
    ck_assert_ptr_nonnull(lx->src);
    Lexer l;
    lexer_init(&l, lx->src);
    lx->n = 0;
    for (;;) {
        Token t;
        memset(&t, 0, sizeof t);
        int k = lexer_next(&l, &t);
        ck_assert_int_eq(k, t.kind);
        if (k == LX_EOF) { lx->eof = t; break; }
        ck_assert_int_lt(lx->n, MAX_TOKENS);
        lx->tok[lx->n++] = t;
    }
}

static void lex(Lexed *lx, const char *text) { lex_bytes(lx, text, strlen(text)); }

static void lexed_free(Lexed *lx) { source_release(lx->src); }

static const char *kind_name(int k) {
    switch (k) {
    case LX_EOF: return "EOF";
    case LX_NEWLINE: return "NL";
    case LX_BAR: return "|";
    case LX_DBAR: return "||";
    case LX_ERROR: return "ERROR";
    case TK_DOTSTAR: return ".*";
    case TK_DOTCARET: return ".^";
    case TK_ARROW: return "->";
    case TK_ELSE: return "else";
    case TK_OR: return "or";
    case TK_AND: return "and";
    case TK_NOT: return "not";
    case TK_CMP: return "CMP";
    case TK_APPROX: return "~=";
    case TK_COLON: return ":";
    case TK_PLUS: return "+";
    case TK_MINUS: return "-";
    case TK_STAR: return "*";
    case TK_SLASH: return "/";
    case TK_PERCENT: return "%";
    case TK_AT: return "@";
    case TK_DOT: return "DOT";
    case TK_PERIOD: return ".";
    case TK_BACKSLASH: return "\\";
    case TK_INTERSECT: return "CAP";
    case TK_SQRT: return "SQRT";
    case TK_CARET: return "^";
    case TK_TRANSPOSE: return "'";
    case TK_SUP: return "SUP";
    case TK_SUPNAME: return "SUPNAME";
    case TK_LPAREN: return "(";
    case TK_RPAREN: return ")";
    case TK_LBRACKET: return "[";
    case TK_RBRACKET: return "]";
    case TK_LBRACE: return "{";
    case TK_RBRACE: return "}";
    case TK_SEMI: return ";";
    case TK_COMMA: return ",";
    case TK_ASSIGN: return "=";
    case TK_FOR: return "for";
    case TK_IN: return "in";
    case TK_WHILE: return "while";
    case TK_IF: return "if";
    case TK_THEN: return "then";
    case TK_RETURN: return "return";
    case TK_BREAK: return "break";
    case TK_CONTINUE: return "continue";
    case TK_CHECK: return "check";
    case TK_WITHIN: return "within";
    case TK_ASSERT: return "assert";
    case TK_WHY: return "why";
    case TK_IMPORT: return "import";
    case TK_END: return "end";
    case TK_NAME: return "NAME";
    case TK_NUM: return "NUM";
    case TK_STR: return "STR";
    case TK_SUM: return "SUM";
    case TK_PROD: return "PROD";
    case TK_UNDERSCORE: return "_";
    default: return "?";
    }
}

/* The kinds of all tokens, space separated: "NAME = NUM". */
static const char *kinds(const char *text) {
    static char buf[1024];
    Lexed lx;
    lex(&lx, text);
    buf[0] = '\0';
    for (int i = 0; i < lx.n; i++) {
        if (i) strcat(buf, " ");
        strcat(buf, kind_name(lx.tok[i].kind));
    }
    lexed_free(&lx);
    return buf;
}

/* {======== token kinds, table-driven */

typedef struct KindCase {
    const char *input;
    const char *kinds;
} KindCase;

static const KindCase kind_cases[] = {
    /* ASCII operators */
    {"a + b - c * d / e", "NAME + NAME - NAME * NAME / NAME"},
    {"a % b @ c \\ d", "NAME % NAME @ NAME \\ NAME"},
    {"a ^ b ** c", "NAME ^ NAME ^ NAME"},
    {"a == b != c < d <= e > f >= g", "NAME CMP NAME CMP NAME CMP NAME CMP NAME CMP NAME CMP NAME"},
    {"a ~= b", "NAME ~= NAME"},
    {"x -> x", "NAME -> NAME"},
    {"1:2 1..2", "NUM : NUM NUM : NUM"},
    {"( ) [ ] { } , ; =", "( ) [ ] { } , ; ="},
    {"a && b || c", "NAME and NAME || NAME"},
    {"!a", "not NAME"},
    {"|x| ||y||", "| NAME | || NAME ||"},
    {"a'", "NAME '"},
    /* Unicode twins */
    {"a × b", "NAME * NAME"},
    {"a · b ⋅ c", "NAME DOT NAME DOT NAME"},
    {"a ÷ b", "NAME / NAME"},
    {"a − b", "NAME - NAME"},
    {"a ≤ b ≥ c ≠ d", "NAME CMP NAME CMP NAME CMP NAME"},
    {"a ≈ b", "NAME ~= NAME"},
    {"√x", "SQRT NAME"},
    {"x² y³ z⁻¹", "NAME SUP NAME SUP NAME SUP"},
    {"xⁿ", "NAME SUPNAME"},
    {"xᵀ", "NAME '"},
    {"‖x‖", "|| NAME ||"},
    {"Σ ∑", "SUM SUM"},
    {"∏ Π", "PROD PROD"},
    {"x → 1", "NAME -> NUM"},
    {"i ∈ s", "NAME in NAME"},
    {"a ∧ b ∨ ¬c", "NAME and NAME or not NAME"},
    {"A ∩ B", "NAME CAP NAME"},
    {"π ∞", "NAME NAME"},
    /* names with Greek letters, accents, subscripts and digits */
    {"ŷ", "NAME"},
    {"θ₁", "NAME"},
    {"x̄", "NAME"},
    {"α_2 beta3", "NAME NAME"},
    {"yhat ŷ", "NAME NAME"},
    /* keywords */
    {"if a then b else c", "if NAME then NAME else NAME"},
    {"for i in x", "for NAME in NAME"},
    {"while return break continue", "while return break continue"},
    {"check assert within why import end", "check assert within why import end"},
    {"and or not", "and or not"},
    {"format iffy ending", "NAME NAME NAME"},
    /* sums: the notation head */
    {"Σ_{i=1}^{n} i", "SUM _ { NAME = NUM } ^ { NAME } NAME"},
    /* numbers */
    {"3 3.14 .5 1e-3 1_000_000", "NUM NUM NUM NUM NUM"},
    {"2x", "NUM NAME"},
    /* a number may end in its point, except before a second point (a range) or a letter */
    {"1. 2.e3 1_000. (3.)", "NUM NUM NUM ( NUM )"},
    {"1..4", "NUM : NUM"},
    {"2.x", "NUM . NAME"},                 /* the part x of 2: an error when evaluated */
    {"r.S eig(A).values", "NAME . NAME NAME ( NAME ) . NAME"},
    /* Octave's element-wise operators are errors that name mlm's */
    /* .* and .^ say "element by element" explicitly (a square matrix's A^2 is refused as
     * ambiguous); ./ stays Octave's spelling of what / does already */
    {"x.*y x./y x.^2", "NAME .* NAME NAME ERROR NAME NAME .^ NUM"},
    /* strings, comments, newlines */
    {"\"hello\" \"a\\\"b\"", "STR STR"},
    {"1 # comment + - *\n2", "NUM NL NUM"},
    {"# only a comment", ""},
    {"a\nb\n", "NAME NL NAME NL"},
    {"a + \\\n b", "NAME + NAME"},
    {"", ""},
};

/* The keyword table (src/keywords.c) and the lexer agree: every keyword row lexes as its own
 * token, every command and statement word as a name (they are words only at a statement's
 * start, which the token filter decides). */
START_TEST(keyword_table_matches_lexer) {
    for (int i = 0; keyword_at(i); i++) {
        const Keyword *k = keyword_at(i);
        Lexed lx;
        lex(&lx, k->word);
        ck_assert_int_eq(lx.n, 1);
        if (k->kind == KW_KEYWORD) ck_assert_msg(lx.tok[0].kind == k->token, "%s lexes as %d, the table says %d", k->word, lx.tok[0].kind, k->token);
        else ck_assert_msg(lx.tok[0].kind == TK_NAME, "%s should lex as a name", k->word);
        lexed_free(&lx);
    }
    ck_assert_ptr_nonnull(keyword_find("while", 5));
    ck_assert(keyword_is_command("help", 4));
    ck_assert(!keyword_is_command("helpx", 5));
    ck_assert_ptr_null(keyword_find("sum", 3));
}
END_TEST

START_TEST(token_kinds) {
    Failures f = {0};
    for (size_t i = 0; i < ROWS(kind_cases); i++) {
        const KindCase *c = &kind_cases[i];
        const char *got = kinds(c->input);
        if (strcmp(got, c->kinds) != 0)
            failure(&f, "lexing \"%s\": got \"%s\", expected \"%s\"", c->input, got, c->kinds);
    }
    ck_no_failures(f, ROWS(kind_cases));
}
END_TEST

/* }======== */

/* {======== token details */

START_TEST(operator_details) {
    Lexed lx;
    lex(&lx, "a <= b ≥ c ≠ d");
    ck_assert_int_eq(lx.n, 7);
    ck_assert_int_eq(lx.tok[1].op, OP_LE);
    ck_assert_int_eq(lx.tok[3].op, OP_GE);
    ck_assert_int_eq(lx.tok[5].op, OP_NE);
    lexed_free(&lx);

    lex(&lx, "||x||_1 ‖y‖_inf ||z||");
    ck_assert_int_eq(lx.n, 9);
    ck_assert_int_eq(lx.tok[0].op, NORM_2);
    ck_assert_int_eq(lx.tok[2].op, NORM_1);
    ck_assert_uint_eq(lx.tok[2].length, 4); /* "||_1" */
    ck_assert_int_eq(lx.tok[5].op, NORM_INF);
    ck_assert_int_eq(lx.tok[8].op, NORM_2);
    lexed_free(&lx);
}
END_TEST

typedef struct NumCase {
    const char *input;
    double value;
    unsigned length;
} NumCase;

static const NumCase num_cases[] = {
    {"3", 3, 1},
    {"3.14", 3.14, 4},
    {".5", 0.5, 2},
    {"1e-3", 0.001, 4},
    {"2.5E3", 2500, 5},
    {"1e+5", 100000, 4},
    {"1_000_000", 1000000, 9},
    {"0.000_1", 0.0001, 7},
    {"123456789012", 123456789012.0, 12},
    {"1.", 1, 2},
    {"2.e3", 2000, 4},
    {"1_000.", 1000, 6},
};

START_TEST(number_values) {
    Failures f = {0};
    for (size_t i = 0; i < ROWS(num_cases); i++) {
        const NumCase *c = &num_cases[i];
        Lexed lx;
        lex(&lx, c->input);
        const Token *t = &lx.tok[0];
        if (lx.n != 1 || t->kind != TK_NUM)
            failure(&f, "\"%s\": %d tokens, the first of kind %d", c->input, lx.n, t->kind);
        else if (fabs(t->num - c->value) > 1e-12 * fabs(c->value) || t->offset != 0 || t->length != c->length)
            failure(&f, "\"%s\": %.17g at %u+%u, expected %.17g at 0+%u", c->input, t->num, t->offset, t->length,
                    c->value, c->length);
        lexed_free(&lx);
    }
    ck_no_failures(f, ROWS(num_cases));
}
END_TEST

START_TEST(superscripts) {
    Lexed lx;
    lex(&lx, "x² y³ z⁻¹ w¹⁰ v⁰");
    ck_assert_int_eq(lx.n, 10);
    ck_assert_int_eq(lx.tok[1].kind, TK_SUP);
    ck_assert_double_eq(lx.tok[1].num, 2);
    ck_assert_double_eq(lx.tok[3].num, 3);
    ck_assert_double_eq(lx.tok[5].num, -1);
    ck_assert_uint_eq(lx.tok[5].length, 5); /* ⁻ and ¹: three bytes and two */
    ck_assert_double_eq(lx.tok[7].num, 10);
    ck_assert_double_eq(lx.tok[9].num, 0);
    lexed_free(&lx);
}
END_TEST

START_TEST(names_keep_their_text) {
    Lexed lx;
    lex(&lx, "ŷ θ₁ yhat x_1 ∞");
    ck_assert_int_eq(lx.n, 5);
    const char *want[] = {"ŷ", "θ₁", "yhat", "x_1", "inf"};
    for (int i = 0; i < 5; i++) {
        ck_assert_int_eq(lx.tok[i].kind, TK_NAME);
        ck_assert_uint_eq(lx.tok[i].text_len, strlen(want[i]));
        ck_assert_msg(strncmp(lx.tok[i].text, want[i], lx.tok[i].text_len) == 0, "name %d is \"%.*s\"", i,
                      (int)lx.tok[i].text_len, lx.tok[i].text);
    }
    /* ŷ is two bytes starting at 0, θ₁ five bytes starting at 3 */
    ck_assert_uint_eq(lx.tok[0].offset, 0);
    ck_assert_uint_eq(lx.tok[0].length, 2);
    ck_assert_uint_eq(lx.tok[1].offset, 3);
    ck_assert_uint_eq(lx.tok[1].length, 5);
    lexed_free(&lx);
}
END_TEST

START_TEST(strings_raw_text) {
    Lexed lx;
    lex(&lx, "\"a\\n\\t\\\"b\\\\\" 1");
    ck_assert_int_eq(lx.n, 2);
    ck_assert_int_eq(lx.tok[0].kind, TK_STR);
    /* the lexer keeps escapes as written; the parser unescapes them */
    ck_assert_uint_eq(lx.tok[0].text_len, 10);
    ck_assert(strncmp(lx.tok[0].text, "a\\n\\t\\\"b\\\\", 10) == 0);
    ck_assert_int_eq(lx.tok[1].kind, TK_NUM);
    lexed_free(&lx);
}
END_TEST

START_TEST(offsets_and_spacing) {
    Lexed lx;
    lex(&lx, "ab  + c3\n  ×d");
    ck_assert_int_eq(lx.n, 6);
    unsigned offsets[] = {0, 4, 6, 8, 11, 13};
    unsigned lengths[] = {2, 1, 2, 1, 2, 1};
    int spaces[] = {0, 1, 1, 0, 1, 0};
    for (int i = 0; i < 6; i++) {
        ck_assert_uint_eq(lx.tok[i].offset, offsets[i]);
        ck_assert_uint_eq(lx.tok[i].length, lengths[i]);
        ck_assert_int_eq(lx.tok[i].space_before, spaces[i]);
    }
    ck_assert_uint_eq(lx.eof.offset, 14);
    lexed_free(&lx);

    /* a comment counts as space before the next token */
    lex(&lx, "1 # x\n");
    ck_assert_int_eq(lx.n, 2);
    ck_assert_int_eq(lx.tok[1].kind, LX_NEWLINE);
    ck_assert_uint_eq(lx.tok[1].offset, 5);
    ck_assert_int_eq(lx.tok[1].space_before, 1);
    lexed_free(&lx);
}
END_TEST

START_TEST(eof_repeats) {
    Source *src = source_new("<test>", "x", 1);
    Lexer l;
    lexer_init(&l, src);
    Token t;
    ck_assert_int_eq(lexer_next(&l, &t), TK_NAME);
    for (int i = 0; i < 3; i++) {
        ck_assert_int_eq(lexer_next(&l, &t), LX_EOF);
        ck_assert_uint_eq(t.offset, 1);
        ck_assert_uint_eq(t.length, 0);
    }
    source_release(src);
}
END_TEST

/* }======== */

/* {======== errors */

/* The first error token of bytes: its offset and message. */
static void first_error(const char *bytes, size_t len, unsigned *offset, const char **message) {
    Lexed lx;
    lex_bytes(&lx, bytes, len);
    *offset = (unsigned)-1;
    *message = NULL;
    for (int i = 0; i < lx.n; i++)
        if (lx.tok[i].kind == LX_ERROR) {
            *offset = lx.tok[i].offset;
            *message = lx.tok[i].text;
            break;
        }
    lexed_free(&lx);
}

typedef struct ErrCase {
    const char *bytes;
    size_t len;
    unsigned offset;
    const char *message;
} ErrCase;

#define BYTES(s) s, sizeof(s) - 1

static const ErrCase err_cases[] = {
    {BYTES("\xff"), 0, "invalid UTF-8"},
    {BYTES("1 + \xff"), 4, "invalid UTF-8"},
    {BYTES("ab\xc3"), 2, "invalid UTF-8"},           /* truncated two-byte sequence */
    {BYTES("x = \xe2\x82 + 1"), 4, "invalid UTF-8"}, /* truncated three-byte sequence */
    {BYTES("x\x80"), 1, "invalid UTF-8"},            /* lone continuation byte */
    {BYTES("\xc0\xaf"), 0, "invalid UTF-8"},         /* overlong encoding of '/' */
    {BYTES("a$"), 1, "unexpected character"},
    {BYTES("x = 1 ? 2"), 6, "unexpected character"},
    {BYTES("😀"), 0, "unexpected character"},
    {BYTES("1\x00" "2"), 1, "NUL byte in source"},
    {BYTES("\"abc"), 0, "unterminated string"},
    {BYTES("x = \"abc\ny\""), 4, "unterminated string"},
};

START_TEST(error_tokens) {
    Failures f = {0};
    for (size_t i = 0; i < ROWS(err_cases); i++) {
        const ErrCase *c = &err_cases[i];
        unsigned offset;
        const char *message;
        first_error(c->bytes, c->len, &offset, &message);
        if (!message)
            failure(&f, "row %zu: no error token", i);
        else if (strcmp(message, c->message) != 0 || offset != c->offset)
            failure(&f, "row %zu: \"%s\" at %u, expected \"%s\" at %u", i, message, offset, c->message, c->offset);
    }
    ck_no_failures(f, ROWS(err_cases));
}
END_TEST

START_TEST(lexing_goes_on_after_an_error) {
    Lexed lx;
    lex_bytes(&lx, BYTES("a \xff b"));
    ck_assert_int_eq(lx.n, 3);
    ck_assert_int_eq(lx.tok[0].kind, TK_NAME);
    ck_assert_int_eq(lx.tok[1].kind, LX_ERROR);
    ck_assert_uint_eq(lx.tok[1].length, 1);
    ck_assert_int_eq(lx.tok[2].kind, TK_NAME);
    ck_assert_uint_eq(lx.tok[2].offset, 4);
    lexed_free(&lx);
}
END_TEST

/* }======== */

Suite *lexer_suite(void) {
    Suite *s = suite_create("lexer");
    TCase *core = tcase_create("Core");
    tcase_add_test(core, token_kinds);
    tcase_add_test(core, keyword_table_matches_lexer);
    tcase_add_test(core, operator_details);
    tcase_add_test(core, number_values);
    tcase_add_test(core, superscripts);
    tcase_add_test(core, names_keep_their_text);
    tcase_add_test(core, strings_raw_text);
    tcase_add_test(core, offsets_and_spacing);
    tcase_add_test(core, eof_repeats);
    suite_add_tcase(s, core);
    TCase *errors = tcase_create("Errors");
    tcase_add_test(errors, error_tokens);
    tcase_add_test(errors, lexing_goes_on_after_an_error);
    suite_add_tcase(s, errors);
    return s;
}
