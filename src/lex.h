/* lex.h — the re2c lexer's interface: raw tokens of one Source.
 *
 * The lexer knows nothing of context. Tokens whose meaning depends on position (a `|` that
 * opens an absolute value, closes one, or means "given"; a `||`; a newline inside brackets)
 * come out as raw LX_* kinds and are classified by the token filter in parse.c. All other
 * kinds are the parser's TK_* numbers from the Lemon-generated parser.h. */
#ifndef MLM_LEX_H
#define MLM_LEX_H

#include <stddef.h>
#include "source.h"

enum {
    LX_EOF = 0,
    LX_NEWLINE = 1000,  /* end of a line */
    LX_BAR,             /* |  */
    LX_DBAR,            /* || or ‖ ; op = NORM_* from a subscript written after it */
    LX_ERROR,           /* text = message */
};

typedef struct Token {
    int kind;            /* TK_* or LX_* */
    unsigned offset;     /* byte offset in the source */
    unsigned length;     /* bytes */
    double num;          /* TK_NUM, TK_SUP (exponent) */
    int op;              /* operator detail: OP_* / NORM_* */
    const char *text;    /* TK_NAME / TK_SUPNAME: points into the source; TK_STR: into it too (raw, with escapes); LX_ERROR: static message */
    size_t text_len;
    int line, col;       /* filled in by the filter */
    int space_before;    /* whitespace or comment precedes this token */
} Token;

typedef struct Lexer {
    const Source *src;
    const char *cursor;
    const char *limit;   /* src->text + src->len; a NUL sits there */
    const char *marker;
    const char *ctxmarker;
} Lexer;

void lexer_init(Lexer *lx, const Source *src);
/* Reads the next raw token into *tok; returns tok->kind. After LX_EOF keeps returning it. */
int lexer_next(Lexer *lx, Token *tok);

#endif
