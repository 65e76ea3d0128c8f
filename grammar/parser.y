/* parser.y — mlm's grammar, compiled by Lemon into build/gen/parser.{c,h}.
 *
 * Precedence, low to high (docs/LANGUAGE.md): -> · if/else · | (given) · or · and · not ·
 * comparisons · : .. · + - · Σ∏ prefix · * / · × @ % \ ∩ · implicit multiplication (2x) ·
 * unary - + √ · ^ (right) · postfix ' ᵀ ² calls indexing .field. Conflicts fail the build.
 * Nodes live in the parse context's arena, so no %destructor is needed. */

%include {
#include <assert.h>
#include <stdlib.h>
#include "ast.h"
#include "lex.h"
#include "parse.h"
#define YYNOERRORRECOVERY 1
}

%token_type { Token }
%token_prefix TK_
%extra_argument { ParseCtx *ctx }
%name mlmParse
%stack_size 2000

%syntax_error {
    (void)yymajor;
    if (!ctx->failed) {
        ctx->failed = true;
        Span s = parse_span(ctx, &TOKEN);
        if (TOKEN.kind == 0 || TOKEN.offset >= ctx->src->len) {
            ctx->incomplete = true;
            diag_set(&ctx->diag, s, "unexpected end of input");
        } else if (TOKEN.kind == TK_NEWLINE) {
            diag_set(&ctx->diag, s, "unexpected end of line");
        } else {
            int n = (int)TOKEN.length;
            diag_set(&ctx->diag, s, "syntax error: unexpected '%.*s'", n > 40 ? 40 : n,
                     ctx->src->text + TOKEN.offset);
        }
    }
}
%stack_overflow {
    if (!ctx->failed) {
        ctx->failed = true;
        diag_set(&ctx->diag, ctx->last, "expression nested too deeply");
    }
}
%parse_failure {
    if (!ctx->failed) {
        ctx->failed = true;
        diag_set(&ctx->diag, ctx->last, "syntax error");
    }
}

%right ARROW.
%right ELSE.
%left GIVEN.
%left OR.
%left AND.
%right NOT.
%left CMP APPROX IN.
%left COLON.
%left PLUS MINUS.
%right SUMHEAD.
%left STAR DOTSTAR SLASH PERCENT AT DOT BACKSLASH INTERSECT.
%left IMPMUL.
%right UMINUS SQRT CBRT DERIV ARGOPT.
%right CARET DOTCARET.
%left TRANSPOSE SUP SUPNAME LPAREN LBRACKET PERIOD PERCENTSIGN FACTORIAL.

%type program {Node*}
%type stmt {Node*}
%type block {Node*}
%type blines {Node*}
%type expr {Node*}
%type args {Node*}
%type idxs {Node*}
%type idx {Node*}
%type rows {Node*}
%type row {Node*}
%type sumhead {Node*}
%type ifstmt {Node*}
%type cmdargs {Node*}

program ::= lines.

lines ::= .
lines ::= lines NEWLINE.
lines ::= lines SEMI.
lines ::= lines stmt(S) NEWLINE. { ast_append(ctx->arena, ctx->program, S); }
lines ::= lines stmt(S) SEMI. { if (S->kind == N_EXPR_STMT) S->flag = true; ast_append(ctx->arena, ctx->program, S); }

/* block -> '{' { stmt (NEWLINE | ';') } [stmt] '}' */
block(B) ::= LBRACE(L) blines(X) RBRACE. { B = X; B->span = parse_span(ctx, &L); }
block(B) ::= LBRACE(L) blines(X) stmt(S) RBRACE. { B = X; ast_append(ctx->arena, B, S); B->span = parse_span(ctx, &L); }
blines(B) ::= . { B = ast_node(ctx->arena, N_BLOCK, (Span){ctx->src, 0, 0, 0, 0}); }
blines(B) ::= blines(X) NEWLINE. { B = X; }
blines(B) ::= blines(X) SEMI. { B = X; }
blines(B) ::= blines(X) stmt(S) NEWLINE. { B = X; ast_append(ctx->arena, B, S); }
blines(B) ::= blines(X) stmt(S) SEMI. { B = X; if (S->kind == N_EXPR_STMT) S->flag = true; ast_append(ctx->arena, B, S); }

stmt(S) ::= expr(E). { S = ast_node(ctx->arena, N_EXPR_STMT, E->span); S->a = E; }
stmt(S) ::= expr(L) ASSIGN(T) expr(R). { S = parse_statement_from_assign(ctx, L, R, &T); }
/* X ~ Normal(0, 1): binds X like an assignment, and the value must be a distribution */
stmt(S) ::= expr(L) TILDE(T) expr(R). {
    S = parse_statement_from_assign(ctx, L, R, &T);
    if (S->kind == N_ASSIGN) S->flag = true;
    else parse_error_at(ctx, parse_span(ctx, &T), "'~' binds a name to a distribution: X ~ Normal(0, 1)"); }
stmt(S) ::= expr(L) ASSIGN(T) block(R). { S = parse_statement_from_assign(ctx, L, R, &T); }
stmt(S) ::= FOR(K) NAME(N) IN expr(E) block(B). {
    S = ast_node(ctx->arena, N_FOR, parse_span(ctx, &K));
    S->a = E; S->b = B; S->c = parse_name(ctx, &N); S->name = S->c->name; }
stmt(S) ::= FOR(K) NAME(N) ASSIGN expr(E) block(B). {
    S = ast_node(ctx->arena, N_FOR, parse_span(ctx, &K));
    S->a = E; S->b = B; S->c = parse_name(ctx, &N); S->name = S->c->name; }
stmt(S) ::= WHILE(K) expr(E) block(B). { S = ast_node(ctx->arena, N_WHILE, parse_span(ctx, &K)); S->a = E; S->b = B; }
stmt(S) ::= ifstmt(I). { S = I; }
ifstmt(S) ::= IF(K) expr(E) block(B). { S = ast_node(ctx->arena, N_IF, parse_span(ctx, &K)); S->a = E; S->b = B; }
ifstmt(S) ::= IF(K) expr(E) block(B) ELSE block(C). { S = ast_node(ctx->arena, N_IF, parse_span(ctx, &K)); S->a = E; S->b = B; S->c = C; }
ifstmt(S) ::= IF(K) expr(E) block(B) ELSE ifstmt(C). { S = ast_node(ctx->arena, N_IF, parse_span(ctx, &K)); S->a = E; S->b = B; S->c = C; }
stmt(S) ::= RETURN(K). { S = ast_node(ctx->arena, N_RETURN, parse_span(ctx, &K)); }
stmt(S) ::= RETURN(K) expr(E). { S = ast_node(ctx->arena, N_RETURN, parse_span(ctx, &K)); S->a = E; }
stmt(S) ::= BREAK(K). { S = ast_node(ctx->arena, N_BREAK, parse_span(ctx, &K)); }
stmt(S) ::= CONTINUE(K). { S = ast_node(ctx->arena, N_CONTINUE, parse_span(ctx, &K)); }
stmt(S) ::= CHECK(K) expr(E). { S = parse_check(ctx, &K, E, NULL); }
stmt(S) ::= CHECK(K) expr(E) WITHIN expr(T). { S = parse_check(ctx, &K, E, T); }
stmt(S) ::= ASSERT(K) expr(E). { S = parse_check(ctx, &K, E, NULL); }
stmt(S) ::= WHY(K) expr(E). { S = ast_node(ctx->arena, N_WHY, parse_span(ctx, &K)); S->a = E; }
stmt(S) ::= NOTATION(K) expr(E). {
    /* explain expr, latex expr (notation.c): a command holding its expression */
    S = ast_node(ctx->arena, N_COMMAND, parse_span(ctx, &K)); S->name = ast_strdup(ctx->arena, K.text, K.text_len); S->a = E; }
stmt(S) ::= TIME(K) stmt(T). { S = ast_node(ctx->arena, N_TIME, parse_span(ctx, &K)); S->a = T; }
stmt(S) ::= IMPORT(K) STR(P). { S = ast_node(ctx->arena, N_IMPORT, parse_span(ctx, &K)); S->a = parse_string(ctx, &P); }
stmt(S) ::= COMMAND(K) cmdargs(A). { S = A; S->span = parse_span(ctx, &K); S->name = ast_strdup(ctx->arena, K.text, K.text_len); }
cmdargs(A) ::= . { A = ast_node(ctx->arena, N_COMMAND, (Span){ctx->src, 0, 0, 0, 0}); }
cmdargs(A) ::= cmdargs(X) NAME(N). { A = X; ast_append(ctx->arena, A, parse_name(ctx, &N)); }
cmdargs(A) ::= cmdargs(X) COMMAND(N). { A = X; ast_append(ctx->arena, A, parse_name(ctx, &N)); }
cmdargs(A) ::= cmdargs(X) SUM(N). { A = X; ast_append(ctx->arena, A, parse_name(ctx, &N)); }
cmdargs(A) ::= cmdargs(X) PROD(N). { A = X; ast_append(ctx->arena, A, parse_name(ctx, &N)); }

/* ---- expressions ---- */
expr(E) ::= NUM(T). { E = parse_leaf(ctx, N_NUM, &T); E->num = T.num; }
expr(E) ::= STR(T). { E = parse_string(ctx, &T); }
expr(E) ::= NAME(T). { E = parse_name(ctx, &T); }
expr(E) ::= END(T). { E = parse_leaf(ctx, N_END, &T); }
expr(E) ::= LPAREN(L) expr(X) RPAREN(R). {
    E = X; E->parenthesized = true;
    Span l = parse_span(ctx, &L), r = parse_span(ctx, &R);
    (void)l; (void)r; }
expr(E) ::= LPAREN(L) expr(X) COMMA args(A) RPAREN. {
    /* (x, y) is only meaningful as lambda parameters: (x, y) -> x + y */
    E = ast_node(ctx->arena, N_VECTOR, parse_span(ctx, &L)); E->flag = true;
    ast_append(ctx->arena, E, X);
    for (int i = 0; i < A->nlist; i++) ast_append(ctx->arena, E, A->list[i]); }
expr(E) ::= LBRACKET(L) RBRACKET(R). { E = ast_node(ctx->arena, N_VECTOR, span_join(parse_span(ctx, &L), parse_span(ctx, &R))); }
expr(E) ::= LBRACKET(L) args(A) RBRACKET(R). { E = A; E->kind = N_VECTOR; E->span = span_join(parse_span(ctx, &L), parse_span(ctx, &R)); }
expr(E) ::= LBRACKET(L) rows(A) RBRACKET(R). { E = A; E->kind = N_MATRIX; E->span = span_join(parse_span(ctx, &L), parse_span(ctx, &R)); }
expr(E) ::= LBRACKET(L) rows(A) SEMI RBRACKET(R). { E = A; E->kind = N_MATRIX; E->span = span_join(parse_span(ctx, &L), parse_span(ctx, &R)); }
rows(R) ::= row(A) SEMI row(B). { R = ast_node(ctx->arena, N_MATRIX, A->span); ast_append(ctx->arena, R, A); ast_append(ctx->arena, R, B); }
rows(R) ::= rows(X) SEMI row(B). { R = X; ast_append(ctx->arena, R, B); }
row(R) ::= args(A). { R = A; R->kind = N_VECTOR; }

args(A) ::= expr(E). { A = ast_node(ctx->arena, N_VECTOR, E->span); ast_append(ctx->arena, A, E); }
args(A) ::= args(X) COMMA expr(E). { A = X; ast_append(ctx->arena, A, E); }

expr(E) ::= expr(F) LPAREN RPAREN(R). { E = parse_call(ctx, F, NULL, &R); }
expr(E) ::= expr(F) LPAREN args(A) RPAREN(R). { E = parse_call(ctx, F, A, &R); }
expr(E) ::= expr(X) LBRACKET idxs(I) RBRACKET(R). {
    E = ast_node(ctx->arena, N_INDEX, span_join(X->span, parse_span(ctx, &R)));
    E->a = X; E->list = I->list; E->nlist = I->nlist; }
idxs(A) ::= idx(E). { A = ast_node(ctx->arena, N_VECTOR, E->span); ast_append(ctx->arena, A, E); }
idxs(A) ::= idxs(X) COMMA idx(E). { A = X; ast_append(ctx->arena, A, E); }
idx(E) ::= expr(X). { E = X; }
idx(E) ::= COLON(T). { E = parse_leaf(ctx, N_ALL, &T); }

expr(E) ::= expr(X) PERIOD(P) NAME(N). {
    E = ast_node(ctx->arena, N_FIELD, span_join(parse_span(ctx, &P), parse_span(ctx, &N)));
    E->a = X; E->name = ast_strdup(ctx->arena, N.text, N.text_len); }
/* 8% at the end of an expression (before a new line, `)`, `,`, `;`, `]` or `}`) is 8/100; the
 * token filter decides (src/parse.c), so `a % b` stays the remainder. */
expr(E) ::= expr(X) PERCENTSIGN(T). {
    Node *hundred = ast_node(ctx->arena, N_NUM, parse_span(ctx, &T)); hundred->num = 100;
    E = ast_binary(ctx->arena, OP_DIV, X, hundred, parse_span(ctx, &T)); }
expr(E) ::= expr(X) FACTORIAL(T). {
    E = ast_node(ctx->arena, N_CALL, parse_span(ctx, &T));
    E->a = ast_node(ctx->arena, N_NAME, E->span); E->a->name = "factorial"; ast_append(ctx->arena, E, X); }
expr(E) ::= CBRT(T) expr(X). {
    E = ast_node(ctx->arena, N_CALL, parse_span(ctx, &T));
    E->a = ast_node(ctx->arena, N_NAME, E->span); E->a->name = "cbrt"; ast_append(ctx->arena, E, X); }
expr(E) ::= expr(X) TRANSPOSE(T). { E = ast_node(ctx->arena, N_TRANSPOSE, parse_span(ctx, &T)); E->a = X; }
expr(E) ::= expr(X) SUP(T). { E = ast_node(ctx->arena, N_POWSUP, parse_span(ctx, &T)); E->a = X; E->num = T.num; }
expr(E) ::= expr(X) SUPNAME(T). {
    E = ast_node(ctx->arena, N_BINARY, parse_span(ctx, &T)); E->op = OP_POW; E->a = X;
    E->b = ast_node(ctx->arena, N_NAME, E->span); E->b->name = ast_strdup(ctx->arena, T.text, T.text_len); }

expr(E) ::= ABSOPEN(L) expr(X) ABSCLOSE(R). { E = ast_node(ctx->arena, N_ABS, span_join(parse_span(ctx, &L), parse_span(ctx, &R))); E->a = X; }
expr(E) ::= NORMOPEN(L) expr(X) NORMCLOSE(R). { E = ast_node(ctx->arena, N_NORM, span_join(parse_span(ctx, &L), parse_span(ctx, &R))); E->a = X; E->op = R.op; }

expr(E) ::= MINUS(T) expr(X). [UMINUS] { E = ast_node(ctx->arena, N_UNARY, parse_span(ctx, &T)); E->op = OP_NEG; E->a = X; }
expr(E) ::= PLUS(T) expr(X). [UMINUS] { E = ast_node(ctx->arena, N_UNARY, parse_span(ctx, &T)); E->op = OP_POS; E->a = X; }
expr(E) ::= SQRT(T) expr(X). {
    E = ast_node(ctx->arena, N_CALL, parse_span(ctx, &T));
    E->a = ast_node(ctx->arena, N_NAME, E->span); E->a->name = "sqrt"; ast_append(ctx->arena, E, X); }
/* calculus: d/dx E is diff(E, x, order); ∂f/∂x is diff(f, x); ∇f is grad(f) (deriv.h) */
expr(E) ::= DERIV(T) expr(X). { E = parse_deriv(ctx, &T, X); }
expr(E) ::= PARTIALF(T). { E = parse_partial(ctx, &T); }
expr(E) ::= ARGOPT(T) expr(X). { E = parse_argopt(ctx, &T, X); }
/* ∫_a^b body dx: integrate(x -> body, a, b); the filter turns the closing dx into DVAR */
%type ibound {Node*}
ibound(E) ::= NUM(T). { E = parse_leaf(ctx, N_NUM, &T); E->num = T.num; }
ibound(E) ::= NAME(T). { E = parse_name(ctx, &T); }
ibound(E) ::= MINUS(M) NUM(T). {
    E = ast_node(ctx->arena, N_UNARY, parse_span(ctx, &M)); E->op = OP_NEG;
    E->a = parse_leaf(ctx, N_NUM, &T); E->a->num = T.num; }
ibound(E) ::= MINUS(M) NAME(T). {
    E = ast_node(ctx->arena, N_UNARY, parse_span(ctx, &M)); E->op = OP_NEG; E->a = parse_name(ctx, &T); }
ibound(E) ::= LBRACE expr(X) RBRACE. { E = X; }
expr(E) ::= INTEGRAL(T) UNDERSCORE ibound(A) CARET ibound(B) expr(F) DVAR(D). { E = parse_integral(ctx, &T, A, B, F, &D); }
expr(E) ::= NABLA(T) NAME(N). {
    E = ast_node(ctx->arena, N_CALL, span_join(parse_span(ctx, &T), parse_span(ctx, &N)));
    E->a = ast_node(ctx->arena, N_NAME, parse_span(ctx, &T)); E->a->name = "grad";
    ast_append(ctx->arena, E, parse_name(ctx, &N)); }
expr(E) ::= NOT(T) expr(X). { E = ast_node(ctx->arena, N_UNARY, parse_span(ctx, &T)); E->op = OP_NOT; E->a = X; }

expr(E) ::= expr(A) CARET(T) expr(B). { E = ast_binary(ctx->arena, OP_POW, A, B, parse_span(ctx, &T)); }
expr(E) ::= expr(A) IMPMUL(T) expr(B). { E = ast_binary(ctx->arena, OP_MUL, A, B, parse_span(ctx, &T)); }
expr(E) ::= expr(A) STAR(T) expr(B). { E = ast_binary(ctx->arena, T.op ? T.op : OP_MUL, A, B, parse_span(ctx, &T)); }
/* .* and .^ say "element by element" explicitly (flag set): for a square matrix, A .^ 2 is what
 * A^2 would be in NumPy, where mlm refuses A^2 as ambiguous (a matrix power in print). */
expr(E) ::= expr(A) DOTSTAR(T) expr(B). { E = ast_binary(ctx->arena, OP_MUL, A, B, parse_span(ctx, &T)); E->flag = true; }
expr(E) ::= expr(A) DOTCARET(T) expr(B). { E = ast_binary(ctx->arena, OP_POW, A, B, parse_span(ctx, &T)); E->flag = true; }
expr(E) ::= expr(A) SLASH(T) expr(B). { E = ast_binary(ctx->arena, OP_DIV, A, B, parse_span(ctx, &T)); }
expr(E) ::= expr(A) PERCENT(T) expr(B). { E = ast_binary(ctx->arena, OP_MOD, A, B, parse_span(ctx, &T)); }
expr(E) ::= expr(A) AT(T) expr(B). {
    /* flag: written side by side (XᵀX), the token latex_in.c makes without a length */
    E = ast_binary(ctx->arena, OP_MATMUL, A, B, parse_span(ctx, &T)); E->flag = T.length == 0; }
expr(E) ::= expr(A) DOT(T) expr(B). { E = ast_binary(ctx->arena, OP_DOT, A, B, parse_span(ctx, &T)); }
expr(E) ::= expr(A) BACKSLASH(T) expr(B). { E = ast_binary(ctx->arena, OP_LDIV, A, B, parse_span(ctx, &T)); }
expr(E) ::= expr(A) INTERSECT(T) expr(B). { E = ast_binary(ctx->arena, OP_INTERSECT, A, B, parse_span(ctx, &T)); }
expr(E) ::= expr(A) PLUS(T) expr(B). { E = ast_binary(ctx->arena, OP_ADD, A, B, parse_span(ctx, &T)); }
expr(E) ::= expr(A) MINUS(T) expr(B). { E = ast_binary(ctx->arena, OP_SUB, A, B, parse_span(ctx, &T)); }
expr(E) ::= expr(A) COLON(T) expr(B). { E = parse_range(ctx, A, B, &T); }
expr(E) ::= expr(A) CMP(T) expr(B). { E = parse_compare(ctx, T.op, A, B, &T); }
expr(E) ::= expr(A) IN(T) expr(B). { E = ast_binary(ctx->arena, OP_IN, A, B, parse_span(ctx, &T)); }
expr(E) ::= expr(A) APPROX(T) expr(B). { E = ast_node(ctx->arena, N_APPROX, parse_span(ctx, &T)); E->a = A; E->b = B; }
expr(E) ::= expr(A) AND(T) expr(B). { E = ast_node(ctx->arena, N_AND, parse_span(ctx, &T)); E->a = A; E->b = B; }
expr(E) ::= expr(A) OR(T) expr(B). { E = ast_node(ctx->arena, N_OR, parse_span(ctx, &T)); E->a = A; E->b = B; }
expr(E) ::= expr(A) GIVEN(T) expr(B). { E = ast_node(ctx->arena, N_GIVEN, parse_span(ctx, &T)); E->a = A; E->b = B; }
expr(E) ::= IF(K) expr(C) THEN expr(A) ELSE expr(B). { E = ast_node(ctx->arena, N_IF_EXPR, parse_span(ctx, &K)); E->a = C; E->b = A; E->c = B; }
expr(E) ::= expr(P) ARROW(T) expr(B). { E = parse_lambda(ctx, P, B, &T); }

/* Σ_{i=1}^{n} body — the body is the next multiplicative term. */
expr(E) ::= sumhead(H) expr(B). [SUMHEAD] { E = H; E->c = B; E->span = span_join(H->span, B->span); }
expr(E) ::= SUM(T) expr(B). [SUMHEAD] {
    E = ast_node(ctx->arena, N_CALL, parse_span(ctx, &T));
    E->a = ast_node(ctx->arena, N_NAME, E->span); E->a->name = "sum"; ast_append(ctx->arena, E, B); }
expr(E) ::= PROD(T) expr(B). [SUMHEAD] {
    E = ast_node(ctx->arena, N_CALL, parse_span(ctx, &T));
    E->a = ast_node(ctx->arena, N_NAME, E->span); E->a->name = "prod"; ast_append(ctx->arena, E, B); }
sumhead(H) ::= SUM(T) UNDERSCORE LBRACE NAME(I) ASSIGN expr(A) RBRACE CARET LBRACE expr(B) RBRACE.
    { H = ast_node(ctx->arena, N_SUM, parse_span(ctx, &T)); H->op = OP_SUM; H->name = parse_name(ctx, &I)->name; H->a = A; H->b = B; }
sumhead(H) ::= SUM(T) UNDERSCORE LBRACE NAME(I) ASSIGN expr(A) RBRACE CARET NAME(U).
    { H = ast_node(ctx->arena, N_SUM, parse_span(ctx, &T)); H->op = OP_SUM; H->name = parse_name(ctx, &I)->name; H->a = A; H->b = parse_name(ctx, &U); }
sumhead(H) ::= SUM(T) UNDERSCORE LBRACE NAME(I) ASSIGN expr(A) RBRACE CARET NUM(U).
    { H = ast_node(ctx->arena, N_SUM, parse_span(ctx, &T)); H->op = OP_SUM; H->name = parse_name(ctx, &I)->name; H->a = A; H->b = parse_leaf(ctx, N_NUM, &U); H->b->num = U.num; }
sumhead(H) ::= PROD(T) UNDERSCORE LBRACE NAME(I) ASSIGN expr(A) RBRACE CARET LBRACE expr(B) RBRACE.
    { H = ast_node(ctx->arena, N_SUM, parse_span(ctx, &T)); H->op = OP_PROD; H->name = parse_name(ctx, &I)->name; H->a = A; H->b = B; }
sumhead(H) ::= PROD(T) UNDERSCORE LBRACE NAME(I) ASSIGN expr(A) RBRACE CARET NAME(U).
    { H = ast_node(ctx->arena, N_SUM, parse_span(ctx, &T)); H->op = OP_PROD; H->name = parse_name(ctx, &I)->name; H->a = A; H->b = parse_name(ctx, &U); }
sumhead(H) ::= PROD(T) UNDERSCORE LBRACE NAME(I) ASSIGN expr(A) RBRACE CARET NUM(U).
    { H = ast_node(ctx->arena, N_SUM, parse_span(ctx, &T)); H->op = OP_PROD; H->name = parse_name(ctx, &I)->name; H->a = A; H->b = parse_leaf(ctx, N_NUM, &U); H->b->num = U.num; }
