/* parse.c — the parser driver: pulls raw tokens from the re2c lexer, classifies the
 * context-dependent ones, and pushes them into the Lemon parser.
 *
 * The token filter decides, from the token before and the stack of open brackets:
 *   |    opens an absolute value where an operand is expected, closes the innermost open
 *        one, and otherwise means "given" (P(A | B));
 *   ||   likewise opens or closes a norm (‖x‖, ||x||_1), otherwise means `or`; directly
 *        inside the parentheses of D_KL( it separates the arguments: D_KL(p ‖ q);
 *   2x   a number glued to a name or `(` is multiplied (a hidden IMPMUL token);
 *   ^T   glued together is a transpose;
 *   %    ending an expression (before a new line, `)`, `,`, `;`, `]`, `}`) is a percentage;
 *   !    after an operand is the factorial (5!), elsewhere `not`;
 *   =    inside P( … ) is the comparison P(K = 3);
 *   NEWLINE is dropped inside ( ) and bars and after an operator or comma, becomes a row
 *        separator inside [ ], and is dropped before `else` / `then`.
 * It also bounds bracket nesting, so 100,000 open parentheses are an error, not a crash. */
#include "parse.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <ctype.h>
#include <string.h>

#include "files.h"
#include "keywords.h"
#include "latex_in.h"
#include "parser.h"

void *mlmParseAlloc(void *(*alloc)(size_t));
void mlmParse(void *parser, int kind, Token tok, ParseCtx *ctx);
void mlmParseFree(void *parser, void (*dealloc)(void *));

enum { DEFAULT_MAX_DEPTH = 256 };

typedef struct Filter {
    Lexer lx;
    LatexLayer latex;    /* LaTeX read as mlm, between the lexer and this filter */
    ParseCtx *ctx;
    Token ahead[2];      /* raw tokens read but not yet consumed */
    int nahead;
    int prev;            /* kind of the last token given to the parser (0 = none) */
    int prev2;
    unsigned prev_end;   /* byte offset just past it */
    Span prev_span;      /* and where it was */
    char *stack;         /* open brackets: ( [ { and a (abs bar) n (norm bar) */
    Span *open_at;       /* where each open bracket is */
    int depth, max_depth;
    bool in_sumhead;     /* between Σ_ and its upper bound */
    int dkl_depth;       /* depth of the open '(' of a D_KL call (0 = none) */
    bool sum_upper;      /* the last token was the ^ of a Σ head */
    int integrals;       /* ∫ signs whose closing dx has not come yet */
    /* incremental line/column tracking */
    unsigned pos;
    int line, col;
} Filter;

void parse_error_at(ParseCtx *ctx, Span span, const char *fmt, ...) {
    if (ctx->failed) return;
    ctx->failed = true;
    va_list ap;
    va_start(ap, fmt);
    diag_vset(&ctx->diag, span, fmt, ap);
    va_end(ap);
}

Span parse_span(ParseCtx *ctx, const Token *tok) {
    Span s = {ctx->src, tok->offset, tok->length, tok->line, tok->col};
    return s;
}

/* Advances the line/column counters to byte offset `to`. */
static void locate(Filter *f, Token *tok) {
    const char *text = f->ctx->src->text;
    if (tok->offset < f->pos) { f->pos = 0; f->line = 1; f->col = 1; } /* an error further back (latex_in.c) */
    while (f->pos < tok->offset) {
        unsigned char c = (unsigned char)text[f->pos];
        if (c == '\n') { f->line++; f->col = 1; }
        else if ((c & 0xC0) != 0x80) f->col++;
        f->pos++;
    }
    tok->line = f->line;
    tok->col = f->col;
}

static Token raw_next(Filter *f) {
    Token t;
    if (f->nahead > 0) {
        t = f->ahead[0];
        f->ahead[0] = f->ahead[1];
        f->nahead--;
        return t;
    }
    latex_next(&f->latex, &t);
    locate(f, &t);
    return t;
}

static const Token *raw_peek(Filter *f) {
    if (f->nahead == 0) {
        latex_next(&f->latex, &f->ahead[0]);
        locate(f, &f->ahead[0]);
        f->nahead = 1;
    }
    return &f->ahead[0];
}

static bool ends_operand(int kind) {
    switch (kind) {
    case TK_NUM: case TK_STR: case TK_NAME: case TK_END: case TK_RPAREN: case TK_RBRACKET:
    case TK_ABSCLOSE: case TK_NORMCLOSE: case TK_TRANSPOSE: case TK_SUP: case TK_SUPNAME: case TK_PERCENTSIGN:
    case TK_FACTORIAL:
    case TK_PARTIALF:
        return true;
    default:
        return false;
    }
}

/* Tokens after which a line break cannot end the statement. */
static bool continues_line(int kind) {
    switch (kind) {
    case TK_PLUS: case TK_MINUS: case TK_STAR: case TK_DOTSTAR: case TK_DOTCARET: case TK_SLASH: case TK_PERCENT: case TK_AT:
    case TK_DOT: case TK_BACKSLASH: case TK_CARET: case TK_CMP: case TK_APPROX: case TK_AND:
    case TK_OR: case TK_NOT: case TK_COLON: case TK_ASSIGN: case TK_ARROW: case TK_COMMA:
    case TK_INTERSECT: case TK_GIVEN: case TK_IMPMUL: case TK_THEN: case TK_ELSE:
    case TK_SQRT: case TK_CBRT: case TK_IN: case TK_WITHIN:
        return true;
    default:
        return false;
    }
}

static char top(const Filter *f) { return f->depth > 0 ? f->stack[f->depth - 1] : 0; }

static bool push(Filter *f, char c, const Token *tok) {
    if (f->depth >= f->max_depth) {
        parse_error_at(f->ctx, parse_span(f->ctx, tok),
                       "brackets nested more than %d deep", f->max_depth);
        return false;
    }
    f->open_at[f->depth] = parse_span(f->ctx, tok);
    f->stack[f->depth++] = c;
    return true;
}

static void feed(Filter *f, void *parser, int kind, Token *tok) {
    tok->kind = kind;
    if (kind == TK_UNDERSCORE && (f->prev == TK_SUM || f->prev == TK_PROD)) f->in_sumhead = true;
    f->sum_upper = kind == TK_CARET && f->in_sumhead;
    if (f->sum_upper) f->in_sumhead = false;
    f->prev2 = f->prev;
    f->prev = kind;
    f->prev_end = tok->offset + tok->length;
    f->prev_span = parse_span(f->ctx, tok);
    f->ctx->last = f->prev_span;
    mlmParse(parser, kind, *tok, f->ctx);
}

static void lex_error(Filter *f, const Token *tok) {
    Span s = parse_span(f->ctx, tok);
    const char *text = f->ctx->src->text + tok->offset;
    size_t bad;
    if (strcmp(tok->text, "unexpected character") == 0 && !file_valid_utf8(text, tok->length, &bad))
        parse_error_at(f->ctx, s, "invalid UTF-8 byte 0x%02x", (unsigned char)text[0]);
    else if (strcmp(tok->text, "unexpected character") == 0)
        parse_error_at(f->ctx, s, "unexpected character '%.*s'", (int)tok->length, text);
    else if (strcmp(tok->text, "invalid UTF-8") == 0)
        parse_error_at(f->ctx, s, "invalid UTF-8 byte 0x%02x", (unsigned char)text[0]);
    else
        parse_error_at(f->ctx, s, "%s", tok->text);
    /* a LaTeX group left open at the end (latex_in.c): the prompt reads another line */
    if (strncmp(tok->text, "unexpected end of input", 23) == 0) f->ctx->incomplete = true;
}

/* help, vars, clear, quit and exit are commands when they start a statement and are
 * followed by names or nothing (`help sum`, `clear x y`); elsewhere they are names. */
static bool is_command(Filter *f, const Token *t) {
    if (!keyword_is_command(t->text, t->text_len)) return false;
    if (f->prev != 0 && f->prev != TK_NEWLINE && f->prev != TK_SEMI && f->prev != TK_LBRACE) return false;
    int next = raw_peek(f)->kind;
    return next == TK_NAME || next == LX_NEWLINE || next == LX_EOF || next == TK_SEMI ||
           next == TK_RBRACE || next == TK_SUM || next == TK_PROD || next == TK_IF || next == TK_FOR ||
           next == TK_WHILE || next == TK_CHECK || next == TK_END;
}

/* `help` at the start of a statement takes the rest of its line as raw text (`help @`,
 * `help ⁻¹`, `help \\frac`), as does `?` (`?mean`); `help = 3` and `help(x)` keep it a
 * name. */
static bool is_help(Filter *f, const Token *t) {
    if (t->kind == TK_NAME && (t->text_len != 4 || strncmp(t->text, "help", 4) != 0)) return false;
    if (f->prev != 0 && f->prev != TK_NEWLINE && f->prev != TK_SEMI && f->prev != TK_LBRACE) return false;
    if (t->kind != TK_NAME) return true;
    const Token *next = raw_peek(f);
    if (next->kind == TK_ASSIGN) {
        /* `help =` alone asks about '='; `help = 3` assigns */
        const char *s = f->ctx->src->text + next->offset + 1;
        while (*s == ' ' || *s == '\t' || *s == '\r') s++;
        return *s == '\n' || *s == '\0' || *s == '#';
    }
    if (next->kind == TK_LPAREN && !next->space_before) return false;
    return true;
}

/* Feeds `help` (or `?`) and the raw text after it up to the end of the line or a comment,
 * as one name token, and moves the lexer past it. */
static void feed_help(Filter *f, void *parser, Token *t) {
    const char *text = f->ctx->src->text;
    unsigned i = t->offset + t->length, len = (unsigned)f->ctx->src->len;
    while (i < len && (text[i] == ' ' || text[i] == '\t')) i++;
    unsigned start = i;
    unsigned end = start;
    /* `help sum; x = 1`: a ';' after the topic ends it and the line goes on (`help ;` asks for
     * ';'); so does a comment, `help sum  # the sum`; the lexer reads on from there */
    while (i < len && text[i] != '\n' && !(text[i] == ';' && i > start) &&
           !(text[i] == '#' && i > start && (text[i - 1] == ' ' || text[i - 1] == '\t')))
        i++;
    end = i;
    while (end > start && (text[end - 1] == ' ' || text[end - 1] == '\t' || text[end - 1] == '\r')) end--;
    Token cmd = *t;
    cmd.text = "help";
    cmd.text_len = 4;
    f->nahead = 0;
    f->lx.cursor = text + i;
    latex_reset(&f->latex);
    feed(f, parser, TK_COMMAND, &cmd);
    if (end > start && !f->ctx->failed) {
        Token arg = *t;
        arg.offset = start;
        arg.length = end - start;
        arg.text = text + start;
        arg.text_len = end - start;
        if (f->pos <= start) locate(f, &arg);
        else { arg.line = t->line; arg.col = t->col + (int)(start - t->offset); }
        feed(f, parser, TK_NAME, &arg);
    }
}

/* `time expr` at the start of a statement measures it (as `@time expr`); `time = 3` and
 * `time(x)` keep `time` a name. */
static bool is_time(Filter *f, const Token *t) {
    if (t->text_len != 4 || strncmp(t->text, "time", 4) != 0) return false;
    if (f->prev != 0 && f->prev != TK_NEWLINE && f->prev != TK_SEMI && f->prev != TK_LBRACE) return false;
    const Token *next = raw_peek(f);
    if (!next->space_before) return false;
    switch (next->kind) {
    case TK_NAME: case TK_NUM: case TK_LBRACKET: case TK_LPAREN: case TK_SUM: case TK_PROD: case TK_SQRT:
    case TK_MINUS: case TK_NOT: case TK_STR: case LX_BAR: case LX_DBAR: case TK_IF: case TK_FOR:
    case TK_WHILE: case TK_WHY:
        return true;
    default:
        return false;
    }
}

/* `explain expr` and `latex expr` at the start of a statement (notation.c); `latex = 1` and
 * `explain(x)` keep the words names. */
static bool is_notation(Filter *f, const Token *t) {
    if (!((t->text_len == 5 && strncmp(t->text, "latex", 5) == 0) ||
          (t->text_len == 7 && strncmp(t->text, "explain", 7) == 0)))
        return false;
    if (f->prev != 0 && f->prev != TK_NEWLINE && f->prev != TK_SEMI && f->prev != TK_LBRACE) return false;
    const Token *next = raw_peek(f);
    if (next->kind == LX_NEWLINE || next->kind == LX_EOF) return true; /* bare: notation.c says what it needs */
    if (!next->space_before) return false;
    switch (next->kind) {
    case TK_NAME: case TK_NUM: case TK_LBRACKET: case TK_LPAREN: case TK_SUM: case TK_PROD: case TK_SQRT:
    case TK_MINUS: case TK_NOT: case LX_BAR: case LX_DBAR: case TK_IF: case TK_CBRT:
    /* the calculus notations: latex d/dx (x^2), explain ∇L, latex ∫_0^1 x^2 dx */
    case TK_DERIV: case TK_PARTIALF: case TK_NABLA: case TK_INTEGRAL: case TK_ARGOPT:
        return true;
    default:
        return false;
    }
}

/* Runs the filter over the whole source. */
static void drive(Filter *f, void *parser) {
    ParseCtx *ctx = f->ctx;
    for (;;) {
        if (ctx->failed) return;
        Token t = raw_next(f);
        switch (t.kind) {
        case LX_ERROR:
            if (ctx->src->text[t.offset] == '?' && is_help(f, &t)) {
                feed_help(f, parser, &t);
                continue;
            }
            lex_error(f, &t);
            return;
        case LX_EOF:
            if (f->depth > 0 || continues_line(f->prev)) {
                ctx->failed = true;
                ctx->incomplete = true;
                char open = top(f);
                const char *what = open == '(' || open == 'P' ? "(" : open == '[' ? "[" : open == '{' ? "{" :
                                   open == 'a' ? "|" : "‖";
                if (f->depth > 0)
                    diag_set(&ctx->diag, f->open_at[f->depth - 1], "unexpected end of input: '%s' is never closed", what);
                else
                    diag_set(&ctx->diag, f->prev_span, "unexpected end of input after '%.*s'",
                             (int)f->prev_span.length, ctx->src->text + f->prev_span.offset);
                return;
            }
            if (f->prev != 0 && f->prev != TK_NEWLINE && f->prev != TK_SEMI) {
                Token nl = t;
                feed(f, parser, TK_NEWLINE, &nl);
                if (ctx->failed) return;
            }
            t.kind = 0;
            mlmParse(parser, 0, t, ctx);
            return;
        case LX_NEWLINE: {
            char open = top(f);
            if (open == '(' || open == 'P' || open == 'a' || open == 'n' || continues_line(f->prev)) continue;
            if (open == '[') {
                if (f->prev == TK_SEMI || f->prev == TK_LBRACKET) continue;
                const Token *next = raw_peek(f);
                while (next->kind == LX_NEWLINE) { raw_next(f); next = raw_peek(f); }
                if (next->kind == TK_RBRACKET) continue;
                feed(f, parser, TK_SEMI, &t);
                continue;
            }
            const Token *next = raw_peek(f);
            while (next->kind == LX_NEWLINE) { raw_next(f); next = raw_peek(f); }
            if (next->kind == TK_ELSE || next->kind == TK_THEN) continue;
            feed(f, parser, TK_NEWLINE, &t);
            continue;
        }
        case LX_BAR:
            if (!ends_operand(f->prev)) {
                if (!push(f, 'a', &t)) return;
                feed(f, parser, TK_ABSOPEN, &t);
            } else if (top(f) == 'a') {
                f->depth--;
                feed(f, parser, TK_ABSCLOSE, &t);
            } else {
                feed(f, parser, TK_GIVEN, &t);
            }
            continue;
        case LX_DBAR:
            if (f->dkl_depth && f->depth == f->dkl_depth && ends_operand(f->prev)) {
                feed(f, parser, TK_COMMA, &t); /* D_KL(p ‖ q) */
                continue;
            }
            if (!ends_operand(f->prev)) {
                if (!push(f, 'n', &t)) return;
                feed(f, parser, TK_NORMOPEN, &t);
            } else if (top(f) == 'n') {
                f->depth--;
                feed(f, parser, TK_NORMCLOSE, &t);
            } else {
                feed(f, parser, TK_OR, &t);
            }
            continue;
        case TK_LPAREN: case TK_LBRACKET: case TK_LBRACE: {
            /* P( … ): inside, `=` compares (P(K = 3)); 'P' on the stack marks it */
            bool prob_paren = t.kind == TK_LPAREN && f->prev == TK_NAME && f->prev_span.length == 1 &&
                              ctx->src->text[f->prev_span.offset] == 'P';
            if (!push(f, prob_paren ? 'P' : t.kind == TK_LPAREN ? '(' : t.kind == TK_LBRACKET ? '[' : '{', &t)) return;
            if (t.kind == TK_LPAREN && f->prev == TK_NAME && f->prev_span.length == 4 &&
                strncmp(ctx->src->text + f->prev_span.offset, "D_KL", 4) == 0)
                f->dkl_depth = f->depth;
            if (f->prev == TK_NUM && t.offset == f->prev_end && t.kind == TK_LPAREN &&
                !(f->prev2 == TK_CARET && f->sum_upper)) {
                Token im = t;
                im.length = 0;
                feed(f, parser, TK_IMPMUL, &im);
                if (ctx->failed) return;
            }
            feed(f, parser, t.kind, &t);
            continue;
        }
        case TK_RPAREN: case TK_RBRACKET: case TK_RBRACE: {
            char want = t.kind == TK_RPAREN ? '(' : t.kind == TK_RBRACKET ? '[' : '{';
            char open = top(f);
            if (open == want || (open == 'P' && want == '(')) {
                if (f->depth == f->dkl_depth) f->dkl_depth = 0;
                f->depth--;
            } else if (open == 'a' || open == 'n') {
                parse_error_at(ctx, parse_span(ctx, &t), "'%c' closes a bracket while '%s' is still open",
                               ctx->src->text[t.offset], open == 'a' ? "|" : "‖");
                return;
            } else if (open == 0) {
                parse_error_at(ctx, parse_span(ctx, &t), "unmatched '%c'", ctx->src->text[t.offset]);
                return;
            } else {
                parse_error_at(ctx, parse_span(ctx, &t), "'%c' does not match the open '%c'",
                               ctx->src->text[t.offset], open == 'P' ? '(' : open);
                return;
            }
            feed(f, parser, t.kind, &t);
            continue;
        }
        case TK_PERCENT: {
            /* `8%` ending an expression is a percentage, not a remainder waiting for its divisor */
            int next = raw_peek(f)->kind;
            if (ends_operand(f->prev) && (next == LX_NEWLINE || next == LX_EOF || next == TK_RPAREN ||
                                          next == TK_COMMA || next == TK_SEMI || next == TK_RBRACKET ||
                                          next == TK_RBRACE)) {
                feed(f, parser, TK_PERCENTSIGN, &t);
                continue;
            }
            feed(f, parser, TK_PERCENT, &t);
            continue;
        }
        case TK_ASSIGN:
            if (top(f) == 'P') { t.op = OP_EQ; feed(f, parser, TK_CMP, &t); continue; }
            feed(f, parser, t.kind, &t);
            continue;
        case TK_NOT:
            /* `!` right after an operand is the factorial: 5!, n!, (n − k)! */
            if (ends_operand(f->prev) && ctx->src->text[t.offset] == '!') { feed(f, parser, TK_FACTORIAL, &t); continue; }
            feed(f, parser, t.kind, &t);
            continue;
        case TK_CARET: {
            const Token *next = raw_peek(f);
            if (next->kind == TK_NAME && !next->space_before && next->text_len == 1 && next->text[0] == 'T') {
                Token nt = raw_next(f);
                t.length = nt.offset + nt.length - t.offset;
                feed(f, parser, TK_TRANSPOSE, &t);
                continue;
            }
            feed(f, parser, TK_CARET, &t);
            continue;
        }
        case TK_NAME:
            /* the dx closing an open ∫: d and one letter, after an operand, with a space */
            if (f->integrals > 0 && t.text_len >= 2 && t.text[0] == 'd' && isalpha((unsigned char)t.text[1]) &&
                t.space_before && ends_operand(f->prev)) {
                bool var = true;
                for (size_t k = 2; k < t.text_len; k++) var = var && isdigit((unsigned char)t.text[k]);
                if (var) {
                    f->integrals--;
                    feed(f, parser, TK_DVAR, &t);
                    continue;
                }
            }
            if (is_time(f, &t)) {
                feed(f, parser, TK_TIME, &t);
                continue;
            }
            if (is_notation(f, &t)) {
                int after = raw_peek(f)->kind;
                feed(f, parser, after == LX_NEWLINE || after == LX_EOF ? TK_COMMAND : TK_NOTATION, &t);
                continue;
            }
            if (is_help(f, &t)) {
                feed_help(f, parser, &t);
                continue;
            }
            if (is_command(f, &t)) {
                feed(f, parser, TK_COMMAND, &t);
                continue;
            }
            /* fall through */
        case TK_SQRT: case TK_CBRT:
            if (f->prev == TK_NUM && t.offset == f->prev_end && !(f->prev2 == TK_CARET && f->sum_upper)) {
                Token im = t;
                im.length = 0;
                feed(f, parser, TK_IMPMUL, &im);
                if (ctx->failed) return;
            }
            feed(f, parser, t.kind, &t);
            continue;
        case TK_INTEGRAL:
            f->integrals++;
            feed(f, parser, t.kind, &t);
            continue;
        default:
            feed(f, parser, t.kind, &t);
            continue;
        }
    }
}

Node *parse_source(AstArena *arena, const Source *src, int max_depth, Diagnostic *diag,
                   bool *incomplete) {
    ParseCtx ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.arena = arena;
    ctx.src = src;
    ctx.program = ast_node(arena, N_BLOCK, (Span){src, 0, 0, 1, 1});
    Filter f;
    memset(&f, 0, sizeof f);
    lexer_init(&f.lx, src);
    latex_init(&f.latex, &f.lx, arena);
    f.ctx = &ctx;
    f.max_depth = max_depth > 0 ? max_depth : DEFAULT_MAX_DEPTH;
    f.stack = malloc((size_t)f.max_depth);
    f.open_at = malloc((size_t)f.max_depth * sizeof *f.open_at);
    f.line = 1;
    f.col = 1;
    void *parser = mlmParseAlloc(malloc);
    if (!parser || !f.stack || !f.open_at) { fputs("mlm: out of memory\n", stderr); abort(); }
    drive(&f, parser);
    mlmParseFree(parser, free);
    free(f.stack);
    free(f.open_at);
    if (incomplete) *incomplete = ctx.incomplete;
    if (ctx.failed) {
        if (diag) *diag = ctx.diag;
        return NULL;
    }
    return ctx.program;
}

/* ---- helpers for grammar actions ---- */

Node *parse_leaf(ParseCtx *ctx, NodeKind kind, const Token *tok) {
    return ast_node(ctx->arena, kind, parse_span(ctx, tok));
}

Node *parse_name(ParseCtx *ctx, const Token *tok) {
    Node *n = parse_leaf(ctx, N_NAME, tok);
    if (tok->kind == TK_SUM) n->name = "sum";
    else if (tok->kind == TK_PROD) n->name = "prod";
    else n->name = ast_strdup(ctx->arena, tok->text, tok->text_len);
    return n;
}

/* The span of the bytes [p, p + len) inside token tok (for the variable of d/dx). */
static Span token_part_span(ParseCtx *ctx, const Token *tok, const char *p, size_t len) {
    Span s = parse_span(ctx, tok);
    const char *t = ctx->src->text + tok->offset;
    for (const char *q = t; q < p; q++)
        if (((unsigned char)*q & 0xC0) != 0x80) s.col++;
    s.offset = (unsigned)(p - ctx->src->text);
    s.length = (unsigned)len;
    return s;
}

static Node *deriv_call(ParseCtx *ctx, Span span, Node *what, Node *var, double order) {
    Node *n = ast_node(ctx->arena, N_CALL, span);
    n->a = ast_node(ctx->arena, N_NAME, span);
    n->a->name = "diff";
    ast_append(ctx->arena, n, what);
    ast_append(ctx->arena, n, var);
    if (order != 1) {
        Node *k = ast_node(ctx->arena, N_NUM, span);
        k->num = order;
        ast_append(ctx->arena, n, k);
    }
    return n;
}

/* d/dx E, d²/dx² E, ∂/∂x E: diff(E, x[, order]) */
Node *parse_deriv(ParseCtx *ctx, const Token *tok, Node *e) {
    Node *var = ast_node(ctx->arena, N_NAME, token_part_span(ctx, tok, tok->text, tok->text_len));
    var->name = ast_strdup(ctx->arena, tok->text, tok->text_len);
    return deriv_call(ctx, parse_span(ctx, tok), e, var, tok->num);
}

/* ∫_a^b body dx: integrate(x -> body, a, b) */
Node *parse_integral(ParseCtx *ctx, const Token *tok, Node *a, Node *b, Node *body, const Token *dvar) {
    Span span = span_join(parse_span(ctx, tok), parse_span(ctx, dvar));
    Node *n = ast_node(ctx->arena, N_CALL, span);
    n->a = ast_node(ctx->arena, N_NAME, parse_span(ctx, tok));
    n->a->name = "integrate";
    Node *lambda = ast_node(ctx->arena, N_LAMBDA, parse_span(ctx, dvar));
    Node *x = ast_node(ctx->arena, N_NAME, parse_span(ctx, dvar));
    x->name = ast_strdup(ctx->arena, dvar->text + 1, dvar->text_len - 1);
    ast_append(ctx->arena, lambda, x);
    lambda->a = body;
    ast_append(ctx->arena, n, lambda);
    ast_append(ctx->arena, n, a);
    ast_append(ctx->arena, n, b);
    return n;
}

/* argmin_x E / argmax_x E: argmin(x -> E, 0), searched from 0 */
Node *parse_argopt(ParseCtx *ctx, const Token *tok, Node *e) {
    Span span = parse_span(ctx, tok);
    Node *n = ast_node(ctx->arena, N_CALL, span);
    n->a = ast_node(ctx->arena, N_NAME, span);
    n->a->name = tok->op ? "argmax" : "argmin";
    Node *lambda = ast_node(ctx->arena, N_LAMBDA, span);
    Node *x = ast_node(ctx->arena, N_NAME, token_part_span(ctx, tok, tok->text, tok->text_len));
    x->name = ast_strdup(ctx->arena, tok->text, tok->text_len);
    ast_append(ctx->arena, lambda, x);
    lambda->a = e;
    ast_append(ctx->arena, n, lambda);
    Node *start = ast_node(ctx->arena, N_NUM, span);
    start->num = 0;
    ast_append(ctx->arena, n, start);
    return n;
}

/* ∂f/∂x: diff(f, x) */
Node *parse_partial(ParseCtx *ctx, const Token *tok) {
    const char *f = tok->text, *end = ctx->src->text + tok->offset + tok->length;
    const char *slash = memchr(f, '/', (size_t)(end - f));
    Node *fn = ast_node(ctx->arena, N_NAME, token_part_span(ctx, tok, f, (size_t)(slash - f)));
    fn->name = ast_strdup(ctx->arena, f, (size_t)(slash - f));
    const char *v = slash + 4; /* "/∂" */
    Node *var = ast_node(ctx->arena, N_NAME, token_part_span(ctx, tok, v, (size_t)(end - v)));
    var->name = ast_strdup(ctx->arena, v, (size_t)(end - v));
    return deriv_call(ctx, parse_span(ctx, tok), fn, var, 1);
}

Node *parse_string(ParseCtx *ctx, const Token *tok) {
    Node *n = parse_leaf(ctx, N_STR, tok);
    char *out = malloc(tok->text_len + 1);
    if (!out) { fputs("mlm: out of memory\n", stderr); abort(); }
    size_t k = 0;
    for (size_t i = 0; i < tok->text_len; i++) {
        char c = tok->text[i];
        if (c == '\\' && i + 1 < tok->text_len) {
            char e = tok->text[++i];
            switch (e) {
            case 'n': out[k++] = '\n'; break;
            case 't': out[k++] = '\t'; break;
            case '"': out[k++] = '"'; break;
            case '\\': out[k++] = '\\'; break;
            default: {
                Span s = parse_span(ctx, tok);
                s.offset += (unsigned)i;
                s.col += (int)i;
                s.length = 2;
                parse_error_at(ctx, s, "unknown escape '\\%c' in string (use \\n \\t \\\" \\\\)", e);
                out[k++] = e;
            }
            }
        } else {
            out[k++] = c;
        }
    }
    n->name = ast_strdup(ctx->arena, out, k);
    n->num = (double)k;
    free(out);
    return n;
}

static bool is_name(const Node *n) { return n && n->kind == N_NAME; }

/* True when name node n was written as the symbol Σ, ∑, ∏ or Π (it reads as sum or prod). */
static bool written_as_big_operator(const ParseCtx *ctx, const Node *n) {
    const char *at = ctx->src->text + n->span.offset;
    static const char *const symbols[] = {"Σ", "∑", "∏", "Π"};
    for (size_t i = 0; i < sizeof symbols / sizeof symbols[0]; i++)
        if (n->span.length == strlen(symbols[i]) && strncmp(at, symbols[i], n->span.length) == 0) return true;
    return false;
}

Node *parse_statement_from_assign(ParseCtx *ctx, Node *target, Node *value, const Token *eq) {
    Span at = parse_span(ctx, eq);
    if (value->kind == N_BLOCK && !(target->kind == N_CALL && is_name(target->a))) {
        parse_error_at(ctx, at, "a { } block can only be the body of a function definition");
        return ast_node(ctx->arena, N_BLOCK, at);
    }
    if (target->kind == N_NAME && !target->parenthesized) {
        Node *s = ast_node(ctx->arena, N_ASSIGN, at);
        s->a = target;
        s->b = value;
        return s;
    }
    if (target->kind == N_INDEX) {
        Node *s = ast_node(ctx->arena, N_INDEX_ASSIGN, at);
        s->a = target;
        s->b = value;
        return s;
    }
    if (target->kind == N_PROB) {
        Node *s = ast_node(ctx->arena, N_FACT, at);
        s->a = target;
        s->b = value;
        return s;
    }
    if (target->kind == N_CALL && is_name(target->a) && written_as_big_operator(ctx, target->a)) {
        /* `Σx = 15` reads as a definition of sum(x); the flattened paste `Σi=1^n (yi − ŷi)²`
         * as sum(i) = 1^n…: both would redefine sum in silence */
        const char *sym = ctx->src->text + target->a->span.offset;
        int len = (int)target->a->span.length;
        const char *what = strcmp(target->a->name, "sum") == 0 ? "sum" : "product";
        if (target->nlist == 1 && is_name(target->list[0]))
            parse_error_at(ctx, target->a->span,
                           "'%.*s%s = …' would define a function named %.*s (%s); write a %s as %.*s_{i=1}^{n} … or "
                           "%s(%s), and give a function a name of its own: f(%s) = …",
                           len, sym, target->list[0]->name, len, sym, target->a->name, what, len, sym,
                           target->a->name, target->list[0]->name, target->list[0]->name);
        else
            parse_error_at(ctx, target->a->span, "'%.*s' cannot be defined: a %s is written %.*s_{i=1}^{n} …", len, sym,
                           what, len, sym);
        return ast_node(ctx->arena, N_BLOCK, at);
    }
    if (target->kind == N_CALL && is_name(target->a)) {
        Node *s = ast_node(ctx->arena, N_FUNCDEF, target->a->span);
        s->name = target->a->name;
        for (int i = 0; i < target->nlist; i++) {
            Node *p = target->list[i];
            if (!is_name(p)) {
                parse_error_at(ctx, p->span, "a function's parameters must be names");
                return s;
            }
            for (int j = 0; j < i; j++)
                if (strcmp(target->list[j]->name, p->name) == 0) {
                    parse_error_at(ctx, p->span, "parameter '%s' appears twice", p->name);
                    return s;
                }
            ast_append(ctx->arena, s, p);
        }
        s->a = value;
        return s;
    }
    if (target->kind == N_VECTOR && target->nlist > 0 && !target->flag) {
        for (int i = 0; i < target->nlist; i++)
            if (!is_name(target->list[i])) {
                parse_error_at(ctx, target->list[i]->span, "only names can be assigned to in [a, b] = …");
                return ast_node(ctx->arena, N_BLOCK, at);
            }
        Node *s = ast_node(ctx->arena, N_ASSIGN, at);
        s->a = target;
        s->b = value;
        return s;
    }
    parse_error_at(ctx, at, "cannot assign to this: the left of '=' must be a name, x[i], f(x) or P(…)");
    return ast_node(ctx->arena, N_BLOCK, at);
}

Node *parse_range(ParseCtx *ctx, Node *a, Node *b, const Token *colon) {
    if (a->kind == N_RANGE && !a->c && !a->parenthesized) {
        /* start:step:stop */
        Node *step = a->b;
        a->b = b;
        a->c = step;
        return a;
    }
    Node *r = ast_node(ctx->arena, N_RANGE, parse_span(ctx, colon));
    r->a = a;
    r->b = b;
    return r;
}

Node *parse_compare(ParseCtx *ctx, int op, Node *a, Node *b, const Token *tok) {
    Node *n = ast_node(ctx->arena, N_COMPARE, parse_span(ctx, tok));
    n->op = op;
    n->a = a;
    n->b = b;
    n->flag = a->kind == N_COMPARE && !a->parenthesized;
    return n;
}

/* The text of a check/assert: from after the keyword to the end of its statement — a new
 * line, or a `;` or `}` outside brackets and strings — without a trailing comment. */
static const char *statement_text(ParseCtx *ctx, const Token *kw) {
    const char *text = ctx->src->text;
    size_t len = ctx->src->len;
    size_t i = kw->offset + kw->length;
    while (i < len && (text[i] == ' ' || text[i] == '\t')) i++;
    size_t end = i;
    int depth = 0;
    bool in_string = false;
    for (; end < len; end++) {
        char c = text[end];
        if (in_string) {
            if (c == '\\' && end + 1 < len) end++;
            else if (c == '"') in_string = false;
            else if (c == '\n') break;
            continue;
        }
        if (c == '"') in_string = true;
        else if (c == '(' || c == '[' || c == '{') depth++;
        else if (c == ')' || c == ']') depth--;
        else if (c == '}') { if (depth == 0) break; depth--; }
        else if (c == '#' || (c == '\n' && depth <= 0) || (c == ';' && depth <= 0)) break;
    }
    while (end > i && (text[end - 1] == ' ' || text[end - 1] == '\t' || text[end - 1] == '\r')) end--;
    return ast_strdup(ctx->arena, text + i, end - i);
}

Node *parse_check(ParseCtx *ctx, const Token *kw, Node *e, Node *tolerance) {
    bool is_assert = kw->kind == TK_ASSERT;
    Node *s = ast_node(ctx->arena, is_assert ? N_ASSERT : N_CHECK, parse_span(ctx, kw));
    s->name = statement_text(ctx, kw);
    if (!is_assert && e->kind == N_APPROX && !e->parenthesized) {
        s->op = CHECK_APPROX;
        s->a = e->a;
        s->b = e->b;
        s->span = e->span;
    } else if (!is_assert && e->kind == N_COMPARE && e->op == OP_EQ && !e->flag && !e->parenthesized) {
        s->op = CHECK_EQ;
        s->a = e->a;
        s->b = e->b;
        s->span = e->span;
    } else {
        s->op = CHECK_TRUE;
        s->a = e;
    }
    s->span = parse_span(ctx, kw);
    if (tolerance && s->op != CHECK_APPROX) {
        parse_error_at(ctx, tolerance->span, "'within' needs a check of the form a ≈ b");
    }
    s->c = tolerance;
    return s;
}

Node *parse_call(ParseCtx *ctx, Node *callee, Node *args, const Token *rparen) {
    Span span = span_join(callee->span, parse_span(ctx, rparen));
    if (is_name(callee) && !callee->parenthesized && strcmp(callee->name, "P") == 0) {
        Node *n = ast_node(ctx->arena, N_PROB, span);
        n->a = callee;
        if (args) { n->list = args->list; n->nlist = args->nlist; }
        return n;
    }
    if (is_name(callee) && args && args->nlist == 4 && is_name(args->list[0]) &&
        (strcmp(callee->name, "sum") == 0 || strcmp(callee->name, "prod") == 0)) {
        Node *n = ast_node(ctx->arena, N_SUM, span);
        n->op = callee->name[0] == 's' ? OP_SUM : OP_PROD;
        n->name = args->list[0]->name;
        n->a = args->list[1];
        n->b = args->list[2];
        n->c = args->list[3];
        return n;
    }
    Node *n = ast_node(ctx->arena, N_CALL, span);
    n->a = callee;
    if (args) { n->list = args->list; n->nlist = args->nlist; }
    return n;
}

Node *parse_lambda(ParseCtx *ctx, Node *params, Node *body, const Token *arrow) {
    Node *n = ast_node(ctx->arena, N_LAMBDA, parse_span(ctx, arrow));
    n->a = body;
    if (is_name(params)) {
        ast_append(ctx->arena, n, params);
    } else if (params->kind == N_VECTOR && params->flag) {
        for (int i = 0; i < params->nlist; i++) {
            if (!is_name(params->list[i])) {
                parse_error_at(ctx, params->list[i]->span, "a lambda's parameters must be names");
                return n;
            }
            ast_append(ctx->arena, n, params->list[i]);
        }
    } else {
        parse_error_at(ctx, params->span, "the left of '->' must be a parameter name or (x, y)");
    }
    return n;
}
