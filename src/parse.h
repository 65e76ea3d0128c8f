/* parse.h — from source text to a syntax tree: drives the re2c lexer through a token
 * filter (context-dependent tokens, implicit multiplication, newline handling, nesting
 * limit) into the Lemon parser.
 *
 * Syntax errors are recorded in the parse context, never thrown. An error at the end of
 * input (an open bracket, block or operator) is reported as "incomplete", which the REPL
 * answers by reading another line. */
#ifndef MLM_PARSE_H
#define MLM_PARSE_H

#include <stdbool.h>
#include "ast.h"
#include "lex.h"
#include "source.h"

typedef struct ParseCtx {
    AstArena *arena;     /* borrowed */
    const Source *src;   /* borrowed */
    Node *program;       /* N_BLOCK of top-level statements (arena memory) */
    bool failed;
    bool incomplete;     /* failed because input ended too early */
    Diagnostic diag;
    Span last;           /* the last token given to the parser (for errors without a token) */
} ParseCtx;

/* Parses all of src into arena. Returns the program (N_BLOCK) or NULL on a syntax error,
 * with *diag filled and *incomplete telling whether more input could complete it.
 * max_depth bounds bracket nesting (0 = default 256). */
Node *parse_source(AstArena *arena, const Source *src, int max_depth, Diagnostic *diag,
                   bool *incomplete);

/* Helpers called from grammar actions (parser.y). */
Span parse_span(ParseCtx *ctx, const Token *tok);
Node *parse_leaf(ParseCtx *ctx, NodeKind kind, const Token *tok);
Node *parse_name(ParseCtx *ctx, const Token *tok);
Node *parse_string(ParseCtx *ctx, const Token *tok);
Node *parse_statement_from_assign(ParseCtx *ctx, Node *target, Node *value, const Token *eq);
Node *parse_range(ParseCtx *ctx, Node *a, Node *b, const Token *colon);
Node *parse_compare(ParseCtx *ctx, int op, Node *a, Node *b, const Token *tok);
Node *parse_check(ParseCtx *ctx, const Token *kw, Node *e, Node *tolerance);
Node *parse_call(ParseCtx *ctx, Node *callee, Node *args, const Token *rparen);
Node *parse_lambda(ParseCtx *ctx, Node *params, Node *body, const Token *arrow);
Node *parse_deriv(ParseCtx *ctx, const Token *tok, Node *e);
Node *parse_partial(ParseCtx *ctx, const Token *tok);
Node *parse_argopt(ParseCtx *ctx, const Token *tok, Node *e);
Node *parse_integral(ParseCtx *ctx, const Token *tok, Node *a, Node *b, Node *body, const Token *dvar);
void parse_error_at(ParseCtx *ctx, Span span, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
