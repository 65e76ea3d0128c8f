/* lexer.re — mlm's lexer, compiled by re2c (-8: UTF-8) into build/gen/lexer.c.
 *
 * Rules are written in code points. Identifiers take a curated set of letters (ASCII,
 * Latin-1, Latin Extended-A/B, Greek without Σ and Π, combining accents, subscript digits)
 * so `ŷ`, `θ₁` and `x̄` are names while `Σ`, `∏`, `²`, `ᵀ` are operators. Any other valid
 * code point is an "unexpected character" error; a byte that is not valid UTF-8 is an
 * "invalid UTF-8" error. Input is NUL-terminated; the end is detected with YYLIMIT so a NUL
 * byte inside a file is an error, not a silent end. */
#include <stdlib.h>
#include <string.h>
#include "lex.h"
#include "ast.h"
#include "parser.h"

void lexer_init(Lexer *lx, const Source *src) {
    lx->src = src;
    lx->cursor = src->text;
    lx->limit = src->text + src->len;
    lx->marker = lx->ctxmarker = lx->cursor;
}

/* Value of a run of superscript characters like ⁻¹², already known to be well formed. */
static double superscript_value(const char *s, const char *e) {
    static const char *const digits[] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
    double sign = 1, value = 0;
    while (s < e) {
        if (strncmp(s, "⁻", 3) == 0) { sign = -1; s += 3; continue; }
        if (strncmp(s, "⁺", 3) == 0) { s += 3; continue; }
        int matched = 0;
        for (int d = 0; d < 10; d++) {
            size_t n = strlen(digits[d]);
            if ((size_t)(e - s) >= n && strncmp(s, digits[d], n) == 0) {
                value = value * 10 + d;
                s += n;
                matched = 1;
                break;
            }
        }
        if (!matched) s++;
    }
    return sign * value;
}

/* The order of a derivative written after "d" or "∂" at s (², ³, ^k or nothing). */
static int deriv_order(const char *s, const char **after) {
    if (strncmp(s, "²", 2) == 0) { *after = s + 2; return 2; }
    if (strncmp(s, "³", 2) == 0) { *after = s + 2; return 3; }
    if (s[0] == '^' && s[1] >= '2' && s[1] <= '9') { *after = s + 2; return s[1] - '0'; }
    *after = s;
    return 1;
}

/* d/dx-like token [s, e): the variable's text and the order; mark is the byte length of
 * "d" (1) or "∂" (3). */
static void deriv_token(Token *tok, const char *s, const char *e, int mark) {
    const char *p;
    tok->num = deriv_order(s + mark, &p);
    p += 1 + mark; /* "/d" or "/∂" */
    const char *end = e;
    if (end - p > 2 && (strncmp(end - 2, "²", 2) == 0 || strncmp(end - 2, "³", 2) == 0 || end[-2] == '^')) end -= 2;
    tok->text = p;
    tok->text_len = (size_t)(end - p);
}

static double number_value(const char *s, const char *e) {
    char buf[128];
    size_t n = 0;
    for (; s < e && n + 1 < sizeof buf; s++)
        if (*s != '_') buf[n++] = *s;
    buf[n] = '\0';
    return strtod(buf, NULL);
}

int lexer_next(Lexer *lx, Token *tok) {
    const char *start;
    int space = 0;
    tok->num = 0;
    tok->op = 0;
    tok->text = NULL;
    tok->text_len = 0;
#define YYCTYPE unsigned char
#define YYCURSOR lx->cursor
#define YYLIMIT lx->limit
#define YYMARKER lx->marker
#define YYCTXMARKER lx->ctxmarker
#define RET(k) do { tok->kind = (k); tok->offset = (unsigned)(start - lx->src->text); \
                    tok->length = (unsigned)(lx->cursor - start); tok->space_before = space; return (k); } while (0)
#define OPRET(k, o) do { tok->op = (o); RET(k); } while (0)
loop:
    start = lx->cursor;
/*!re2c
    re2c:yyfill:enable = 0;
    re2c:eof = 0;
    re2c:flags:utf-8 = 1;

    digit   = [0-9];
    digits  = digit ("_"? digit)*;
    exp     = [eE] [+-]? digits;
    number  = digits ("." digits)? exp? | "." digits exp? | digits "." exp;
    letter  = [a-zA-Z] | [\u00C0-\u00D6] | [\u00D8-\u00F6] | [\u00F8-\u024F]
            | [\u0391-\u039F] | [\u03A1] | [\u03A4-\u03A9] | [\u03B1-\u03C9]
            | [\u03D1\u03D5\u03F5] | [\u2113];
    idcont  = letter | digit | "_" | [\u0300-\u036F] | [\u2080-\u2089]
            | [\u2090-\u209C] | [\u1D62-\u1D65] | [\u2C7C];  /* subscript letters: yᵢ (subscript.h) */
    supdigit = [\u2070\u00B9\u00B2\u00B3\u2074-\u2079];
    sup     = [\u207B\u207A]? supdigit+;
    ws      = [ \t\r\u00A0];
    dord    = "²" | "³" | "^" [2-9];
    dvar    = letter ([0-9_] | [\u2080-\u2089])*;

    $ { tok->kind = LX_EOF; tok->offset = (unsigned)(lx->cursor - lx->src->text); tok->length = 0;
        tok->space_before = space; return LX_EOF; }
    ws+          { space = 1; goto loop; }
    "#" [^\n\x00]* { space = 1; goto loop; }
    "\\" ws* "\n" { space = 1; goto loop; }
    "\n"         { RET(LX_NEWLINE); }

    number       { tok->num = number_value(start, lx->cursor); RET(TK_NUM); }
    digits "."   {
        /* "1." is a number, but in 1..4 the dots are the range and in 2.x a letter follows:
         * there the number ends before the dot */
        unsigned char next = (unsigned char)*lx->cursor;
        if (next == '.' || next == '_' || (unsigned)((next | 0x20) - 'a') < 26u || next >= 0x80) lx->cursor--;
        tok->num = number_value(start, lx->cursor);
        RET(TK_NUM);
    }

    "if"         { RET(TK_IF); }
    "then"       { RET(TK_THEN); }
    "else"       { RET(TK_ELSE); }
    "for"        { RET(TK_FOR); }
    "in" | "∈"   { RET(TK_IN); }
    "while"      { RET(TK_WHILE); }
    "return"     { RET(TK_RETURN); }
    "break"      { RET(TK_BREAK); }
    "continue"   { RET(TK_CONTINUE); }
    "check"      { RET(TK_CHECK); }
    "assert"     { RET(TK_ASSERT); }
    "within"     { RET(TK_WITHIN); }
    "why"        { RET(TK_WHY); }
    "import"     { RET(TK_IMPORT); }
    "end"        { RET(TK_END); }
    "and" | "&&" | "∧" { RET(TK_AND); }
    "or" | "∨"   { RET(TK_OR); }
    "not" | "!" | "¬" { RET(TK_NOT); }
    /* argmin_x E / argmax_x E (before names: argmin_x is not a name); text = the variable */
    ("argmin" | "argmax") "_" dvar { tok->text = start + 7; tok->text_len = (size_t)(lx->cursor - start) - 7;
                                     tok->op = start[4] == 'a'; RET(TK_ARGOPT); }
    letter idcont* { tok->text = start; tok->text_len = (size_t)(lx->cursor - start); RET(TK_NAME); }

    "\"" ([^"\\\n\x00] | "\\" [^\n\x00])* "\"" {
                   tok->text = start + 1; tok->text_len = (size_t)(lx->cursor - start) - 2; RET(TK_STR); }
    "\"" ([^"\\\n\x00] | "\\" [^\n\x00])* { tok->text = "unterminated string"; RET(LX_ERROR); }

    "+"          { RET(TK_PLUS); }
    "-" | "−"    { RET(TK_MINUS); }
    "*"          { RET(TK_STAR); }
    "×"          { OPRET(TK_STAR, OP_TIMES); }
    "/" | "÷"    { RET(TK_SLASH); }
    "\\"         { RET(TK_BACKSLASH); }
    "%"          { RET(TK_PERCENT); }
    "@time"      { RET(TK_TIME); }
    "@"          { RET(TK_AT); }
    "·" | "⋅"    { RET(TK_DOT); }
    "^"          { RET(TK_CARET); }
    "**"         { RET(TK_CARET); }
    "'" | "ᵀ"    { RET(TK_TRANSPOSE); }
    sup          { tok->num = superscript_value(start, lx->cursor); RET(TK_SUP); }
    "ⁿ"          { tok->text = "n"; tok->text_len = 1; RET(TK_SUPNAME); }
    "√"          { RET(TK_SQRT); }
    "∛"          { RET(TK_CBRT); }
    "Σ" | "∑"    { RET(TK_SUM); }
    "∏" | "Π"    { RET(TK_PROD); }
    "_"          { RET(TK_UNDERSCORE); }
    "∩"          { OPRET(TK_INTERSECT, OP_INTERSECT); }
    "∞"          { tok->text = "inf"; tok->text_len = 3; RET(TK_NAME); }
    "ℝ" | "ℕ" | "ℤ" | "ℚ" | "ℂ" { tok->text = start; tok->text_len = (size_t)(lx->cursor - start); RET(TK_NAME); }
    "=="         { OPRET(TK_CMP, OP_EQ); }
    "!=" | "≠"   { OPRET(TK_CMP, OP_NE); }
    "<"          { OPRET(TK_CMP, OP_LT); }
    "<=" | "≤"   { OPRET(TK_CMP, OP_LE); }
    ">"          { OPRET(TK_CMP, OP_GT); }
    ">=" | "≥"   { OPRET(TK_CMP, OP_GE); }
    "~=" | "≈"   { RET(TK_APPROX); }
    "="          { RET(TK_ASSIGN); }
    "~"          { RET(TK_TILDE); }
    "->" | "→"   { RET(TK_ARROW); }
    "("          { RET(TK_LPAREN); }
    ")"          { RET(TK_RPAREN); }
    "["          { RET(TK_LBRACKET); }
    "]"          { RET(TK_RBRACKET); }
    "{"          { RET(TK_LBRACE); }
    "}"          { RET(TK_RBRACE); }
    ","          { RET(TK_COMMA); }
    ";"          { RET(TK_SEMI); }
    ":"          { RET(TK_COLON); }
    ".."         { RET(TK_COLON); }
    "."          { RET(TK_PERIOD); }
    "|"          { RET(LX_BAR); }
    ("||" | "‖") "_" ("1")     { tok->op = NORM_1; RET(LX_DBAR); }
    ("||" | "‖") "_" ("2")     { tok->op = NORM_2; RET(LX_DBAR); }
    ("||" | "‖") "_" ("inf" | "∞") { tok->op = NORM_INF; RET(LX_DBAR); }
    ("||" | "‖") "_" ("F" | "fro") { tok->op = NORM_FRO; RET(LX_DBAR); }
    "||" | "‖"   { tok->op = NORM_2; RET(LX_DBAR); }
    ".*"         { RET(TK_DOTSTAR); }
    "./"         { tok->text = "'./' is Octave's element-wise division: in mlm '/' is element-wise already"; RET(LX_ERROR); }
    ".^"         { RET(TK_DOTCARET); }
    /* calculus (deriv.c): d/dx, d²/dx², d^2/dx^2, ∂/∂y, ∂f/∂x, ∇f. text = the variable
     * (TK_DERIV) or the function (TK_PARTIALF, whose variable follows "/∂"); num = order */
    "d" dord? "/d" dvar dord? {
        /* d/dist is d divided by dist: the variable must end where a name would */
        unsigned char next = (unsigned char)*lx->cursor;
        if ((unsigned)((next | 0x20) - 'a') < 26u || (next >= 0x80 && next != 0xC2 && next != 0xE2)) {
            lx->cursor = start + 1;
            tok->text = start; tok->text_len = 1; RET(TK_NAME);
        }
        deriv_token(tok, start, lx->cursor, 1); RET(TK_DERIV);
    }
    "∂" dord? "/∂" letter idcont* dord? { deriv_token(tok, start, lx->cursor, 3); tok->op = 1; RET(TK_DERIV); }
    "∂" letter idcont* "/∂" letter idcont* { tok->text = start + 3; tok->text_len = (size_t)(lx->cursor - start) - 3; RET(TK_PARTIALF); }
    "∇"          { RET(TK_NABLA); }
    "∫"          { RET(TK_INTEGRAL); }
    "∂"          { tok->text = "∂ is written ∂f/∂x (a function's partial derivative) or ∂/∂x (expr)"; RET(LX_ERROR); }
    "\x00"       { tok->text = "NUL byte in source"; RET(LX_ERROR); }
    [^]          { tok->text = "unexpected character"; RET(LX_ERROR); }
    *            { tok->text = "invalid UTF-8"; RET(LX_ERROR); }
*/
}
