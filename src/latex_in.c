/* latex_in.c — LaTeX read as mlm, between the lexer and the token filter (see latex_in.h).
 *
 * The layer reads raw tokens, translates the LaTeX ones and queues what it produces:
 *   \frac{a}{b}     → ( ( a ) / ( b ) )
 *   \sqrt{x}        → √ ( x )
 *   x^{e}           → x ^ ( e )        except a Σ/∏ head's upper bound, which keeps its braces
 *   x^\top, x^{\top}, x^{T} → xᵀ
 *   \|x\|, \lVert x \rVert → ‖x‖;  \lvert \rvert \vert \mid → |
 *   \left \right \big … \, \; \! \quad → nothing
 *   \cdot \times \div \le \ge \ne \approx \in \to \land \lor \lnot \sum \prod → operators
 *   \alpha … \omega, \ell, \hat{y}, \bar{x} … → the letters (the completion table's, so the
 *                     prompt's \hat{y}⇥ and a pasted \hat{y} are the same name)
 *   \mathbf{x} \boldsymbol{x} \mathrm{x} \operatorname{softmax} … → the name inside
 *   \mathbb{R}      → ℝ (and the other blackboard letters)
 *   \log \exp \sin … \max \min \det → the builtin's name
 *   y_{i}           → the name y_i;  y_{i+1} → y[i+1];  θ_{1}, \theta_1 → θ₁
 *   ŷ_i after \hat{y}: the subscript joins the name (ŷ_i)
 *   x^{2}, A^{-1}   → the superscripts x², A⁻¹
 *   \begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix} → [1, 2; 3, 4]
 *   \log x          → log(x) (one plain operand)
 * It also makes juxtaposition multiply, for LaTeX and mlm alike (XᵀX, λ‖w‖², ‖a‖ ‖b‖, X W + b):
 * between two operands side by side it hands on a zero-length @ (see juxtaposed()).
 * Every produced token carries the span of the LaTeX it stands for. */
#include "latex_in.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "complete.h"
#include "keywords.h"
#include "parser.h"

typedef enum Kind {
    LC_TOKEN,       /* one token: kind, op */
    LC_NAME,        /* a name: text */
    LC_SKIP,        /* sizing and spacing: nothing */
    LC_FRAC,
    LC_SQRT,
    LC_FONT,        /* \mathbf{x}: the name inside */
    LC_BLACKBOARD,  /* \mathbb{R} */
    LC_ACCENT,      /* \hat{y}: the completion table composes it */
    LC_TOP,         /* \top outside ^ */
    LC_BEGIN,       /* \begin{bmatrix} … */
    LC_END,
    LC_UNSUPPORTED, /* text = why */
} Kind;

typedef struct Command {
    const char *name;
    Kind kind;
    int token;
    int op;
    const char *text;
} Command;

static const Command commands[] = {
    {"frac", LC_FRAC, 0, 0, NULL}, {"dfrac", LC_FRAC, 0, 0, NULL}, {"tfrac", LC_FRAC, 0, 0, NULL},
    {"sqrt", LC_SQRT, 0, 0, NULL},
    {"sum", LC_TOKEN, TK_SUM, 0, NULL}, {"Sigma", LC_TOKEN, TK_SUM, 0, NULL},
    {"prod", LC_TOKEN, TK_PROD, 0, NULL}, {"Pi", LC_TOKEN, TK_PROD, 0, NULL},
    {"int", LC_TOKEN, TK_INTEGRAL, 0, NULL},
    {"cdot", LC_TOKEN, TK_DOT, 0, NULL}, {"times", LC_TOKEN, TK_STAR, OP_TIMES, NULL},
    {"ast", LC_TOKEN, TK_STAR, 0, NULL}, {"div", LC_TOKEN, TK_SLASH, 0, NULL},
    {"odot", LC_TOKEN, TK_STAR, 0, NULL}, /* the element-wise (Hadamard) product */
    {"bmod", LC_TOKEN, TK_PERCENT, 0, NULL}, {"mod", LC_TOKEN, TK_PERCENT, 0, NULL},
    {"le", LC_TOKEN, TK_CMP, OP_LE, NULL}, {"leq", LC_TOKEN, TK_CMP, OP_LE, NULL},
    {"ge", LC_TOKEN, TK_CMP, OP_GE, NULL}, {"geq", LC_TOKEN, TK_CMP, OP_GE, NULL},
    {"ne", LC_TOKEN, TK_CMP, OP_NE, NULL}, {"neq", LC_TOKEN, TK_CMP, OP_NE, NULL},
    {"lt", LC_TOKEN, TK_CMP, OP_LT, NULL}, {"gt", LC_TOKEN, TK_CMP, OP_GT, NULL},
    {"approx", LC_TOKEN, TK_APPROX, 0, NULL}, {"in", LC_TOKEN, TK_IN, 0, NULL},
    {"to", LC_TOKEN, TK_ARROW, 0, NULL}, {"rightarrow", LC_TOKEN, TK_ARROW, 0, NULL},
    {"mapsto", LC_TOKEN, TK_ARROW, 0, NULL},
    {"land", LC_TOKEN, TK_AND, 0, NULL}, {"wedge", LC_TOKEN, TK_AND, 0, NULL},
    {"lor", LC_TOKEN, TK_OR, 0, NULL}, {"vee", LC_TOKEN, TK_OR, 0, NULL},
    {"lnot", LC_TOKEN, TK_NOT, 0, NULL}, {"neg", LC_TOKEN, TK_NOT, 0, NULL},
    {"cap", LC_TOKEN, TK_INTERSECT, 0, NULL}, {"minus", LC_TOKEN, TK_MINUS, 0, NULL},
    {"lVert", LC_TOKEN, LX_DBAR, NORM_2, NULL}, {"rVert", LC_TOKEN, LX_DBAR, NORM_2, NULL},
    {"Vert", LC_TOKEN, LX_DBAR, NORM_2, NULL},
    {"lvert", LC_TOKEN, LX_BAR, 0, NULL}, {"rvert", LC_TOKEN, LX_BAR, 0, NULL},
    {"vert", LC_TOKEN, LX_BAR, 0, NULL}, {"mid", LC_TOKEN, LX_BAR, 0, NULL},
    {"infty", LC_NAME, 0, 0, "inf"},
    {"log", LC_NAME, 0, 0, "log"}, {"ln", LC_NAME, 0, 0, "ln"}, {"exp", LC_NAME, 0, 0, "exp"},
    {"sin", LC_NAME, 0, 0, "sin"}, {"cos", LC_NAME, 0, 0, "cos"}, {"tan", LC_NAME, 0, 0, "tan"},
    {"arcsin", LC_NAME, 0, 0, "asin"}, {"arccos", LC_NAME, 0, 0, "acos"},
    {"arctan", LC_NAME, 0, 0, "atan"}, {"sinh", LC_NAME, 0, 0, "sinh"},
    {"cosh", LC_NAME, 0, 0, "cosh"}, {"tanh", LC_NAME, 0, 0, "tanh"},
    {"max", LC_NAME, 0, 0, "max"}, {"min", LC_NAME, 0, 0, "min"}, {"det", LC_NAME, 0, 0, "det"},
    {"operatorname", LC_FONT, 0, 0, NULL}, {"mathbf", LC_FONT, 0, 0, NULL},
    {"boldsymbol", LC_FONT, 0, 0, NULL}, {"bm", LC_FONT, 0, 0, NULL},
    {"mathrm", LC_FONT, 0, 0, NULL}, {"mathit", LC_FONT, 0, 0, NULL},
    {"mathsf", LC_FONT, 0, 0, NULL}, {"mathcal", LC_FONT, 0, 0, NULL},
    {"mathbb", LC_BLACKBOARD, 0, 0, NULL},
    {"hat", LC_ACCENT, 0, 0, NULL}, {"widehat", LC_ACCENT, 0, 0, "hat"},
    {"bar", LC_ACCENT, 0, 0, NULL}, {"overline", LC_ACCENT, 0, 0, "bar"},
    {"tilde", LC_ACCENT, 0, 0, NULL}, {"widetilde", LC_ACCENT, 0, 0, "tilde"},
    {"dot", LC_ACCENT, 0, 0, NULL}, {"ddot", LC_ACCENT, 0, 0, NULL},
    {"check", LC_ACCENT, 0, 0, NULL}, {"acute", LC_ACCENT, 0, 0, NULL},
    {"grave", LC_ACCENT, 0, 0, NULL}, {"breve", LC_ACCENT, 0, 0, NULL},
    {"top", LC_TOP, 0, 0, NULL}, {"intercal", LC_TOP, 0, 0, NULL},
    {"left", LC_SKIP, 0, 0, NULL}, {"right", LC_SKIP, 0, 0, NULL},
    {"big", LC_SKIP, 0, 0, NULL}, {"Big", LC_SKIP, 0, 0, NULL}, {"bigg", LC_SKIP, 0, 0, NULL},
    {"Bigg", LC_SKIP, 0, 0, NULL}, {"bigl", LC_SKIP, 0, 0, NULL}, {"bigr", LC_SKIP, 0, 0, NULL},
    {"Bigl", LC_SKIP, 0, 0, NULL}, {"Bigr", LC_SKIP, 0, 0, NULL},
    {"quad", LC_SKIP, 0, 0, NULL}, {"qquad", LC_SKIP, 0, 0, NULL},
    {"displaystyle", LC_SKIP, 0, 0, NULL},
    {"nabla", LC_UNSUPPORTED, 0, 0, "\\nabla (∇, the gradient) is not supported yet"},
    {"partial", LC_UNSUPPORTED, 0, 0, "\\partial (∂, a partial derivative) is not supported yet"},
    {"int", LC_UNSUPPORTED, 0, 0, "\\int (an integral) is not supported: a sum Σ approximates it"},
    {"lim", LC_UNSUPPORTED, 0, 0, "\\lim (a limit) is not supported"},
    {"pm", LC_UNSUPPORTED, 0, 0, "\\pm (±) is not supported: write the two cases"},
    {"ldots", LC_UNSUPPORTED, 0, 0, "\\ldots (…) is not supported: write the range a..b"},
    {"cdots", LC_UNSUPPORTED, 0, 0, "\\cdots (⋯) is not supported: write a sum Σ_{i=1}^{n}"},
    {"dots", LC_UNSUPPORTED, 0, 0, "\\dots (…) is not supported: write the range a..b"},
    {"forall", LC_UNSUPPORTED, 0, 0, "\\forall (∀) is not supported"},
    {"exists", LC_UNSUPPORTED, 0, 0, "\\exists (∃) is not supported"},
    {"begin", LC_BEGIN, 0, 0, NULL}, {"end", LC_END, 0, 0, NULL},
    {"text", LC_UNSUPPORTED, 0, 0, "\\text{…} is not supported: a comment starts with #"},
    {"argmin", LC_UNSUPPORTED, 0, 0, "\\argmin is not supported yet"},
    {"argmax", LC_UNSUPPORTED, 0, 0, "\\argmax is not supported yet"},
};

static const Command *find_command(const char *name, size_t len) {
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strlen(commands[i].name) == len && memcmp(commands[i].name, name, len) == 0) return &commands[i];
    return NULL;
}

static bool ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

const char *latex_letter(const char *name, size_t len) {
    static char buf[32];
    char form[40];
    if (len == 0 || len + 2 > sizeof form) return NULL;
    form[0] = '\\';
    memcpy(form + 1, name, len);
    if (!complete_symbol(form, len + 1, buf, sizeof buf)) return NULL;
    /* only letters: operators come from the command table */
    unsigned char c0 = (unsigned char)buf[0];
    if (c0 != 0xCE && c0 != 0xCF && !(c0 == 0xE2 && strcmp(buf, "ℓ") == 0)) return NULL;
    if (strcmp(buf, "Σ") == 0 || strcmp(buf, "Π") == 0) return NULL;
    return buf;
}

void latex_init(LatexLayer *L, Lexer *lx, AstArena *arena) {
    memset(L, 0, sizeof *L);
    L->lx = lx;
    L->arena = arena;
}

void latex_reset(LatexLayer *L) {
    L->nin = 0;
    L->nout = L->outpos = 0;
    L->latex_line = false;
}

/* {===================== raw input and queued output */

static Token *peek(LatexLayer *L, int k) {
    while (L->nin <= k) {
        lexer_next(L->lx, &L->in[L->nin]);
        L->nin++;
    }
    return &L->in[k];
}

static Token take(LatexLayer *L) {
    peek(L, 0);
    Token t = L->in[0];
    memmove(L->in, L->in + 1, (size_t)(L->nin - 1) * sizeof *L->in);
    L->nin--;
    return t;
}

static bool glued(const Token *a, const Token *b) { return b->offset == a->offset + a->length; }

static void emit(LatexLayer *L, int kind, const Token *at, int op) {
    if (L->nout >= LATEX_QUEUE) return; /* cannot happen: one translation queues at most 6 */
    Token t = *at;
    t.kind = kind;
    t.op = op;
    if (kind != TK_NAME && kind != TK_STR && kind != LX_ERROR) { t.text = NULL; t.text_len = 0; }
    L->out[L->nout++] = t;
}

/* A name token with text copied into the arena, covering [offset, end). */
static void emit_name(LatexLayer *L, const char *text, size_t len, unsigned offset, unsigned end, const Token *like) {
    Token t = *like;
    t.kind = TK_NAME;
    t.offset = offset;
    t.length = end - offset;
    t.text = ast_strdup(L->arena, text, len);
    t.text_len = len;
    if (L->nout < LATEX_QUEUE) L->out[L->nout++] = t;
}

static void error_at(LatexLayer *L, unsigned offset, unsigned length, const Token *like, const char *fmt, ...) {
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    Token t = *like;
    t.kind = LX_ERROR;
    t.offset = offset;
    t.length = length;
    t.text = ast_strdup(L->arena, buf, strlen(buf));
    t.text_len = strlen(buf);
    L->nout = L->outpos = 0;
    L->out[L->nout++] = t;
}

static bool push(LatexLayer *L, char c, const Token *at) {
    if (L->depth >= LATEX_DEPTH) {
        error_at(L, at->offset, at->length, at, "braces nested more than %d deep", LATEX_DEPTH);
        return false;
    }
    L->open_at[L->depth] = at->offset;
    L->open_len[L->depth] = at->length;
    L->stack[L->depth++] = c;
    return true;
}

static bool ends_operand(int kind) {
    switch (kind) {
    case TK_NUM: case TK_STR: case TK_NAME: case TK_END: case TK_RPAREN: case TK_RBRACKET:
    case TK_TRANSPOSE: case TK_SUP: case TK_SUPNAME:
        return true;
    default:
        return false;
    }
}

/* }===================== */

/* {===================== the translations */

/* The text of one brace group's single name or number, `{y}`, after the command `cmd`
 * (consumed): its bytes in text and len, and the offset past its '}'. False (with an error
 * queued) when the group is missing or holds more than one name. */
static bool single_group(LatexLayer *L, const Token *cmd, const char *what, const char **text, size_t *len,
                         unsigned *end) {
    const char *src = L->lx->src->text;
    Token *open = peek(L, 0);
    if (open->kind == TK_NAME || open->kind == TK_NUM) {
        /* \hat y: one token without braces */
        Token t = take(L);
        *text = src + t.offset;
        *len = t.length;
        *end = t.offset + t.length;
        return true;
    }
    if (open->kind != TK_LBRACE) {
        error_at(L, cmd->offset, cmd->length, cmd, "'%.*s' needs its argument in braces: %.*s{x}", (int)cmd->length,
                 src + cmd->offset, (int)cmd->length, src + cmd->offset);
        return false;
    }
    Token *inner = peek(L, 1), *close = peek(L, 2);
    bool letter_cmd = inner->kind == TK_BACKSLASH && close->kind == TK_NAME && glued(inner, close);
    if (letter_cmd) close = peek(L, 3);
    if ((inner->kind != TK_NAME && inner->kind != TK_NUM && !letter_cmd) || close->kind != TK_RBRACE) {
        Token *bad = inner->kind == TK_RBRACE || inner->kind == LX_EOF ? inner : (letter_cmd ? peek(L, 3) : close);
        if (bad->kind == LX_EOF || bad->kind == LX_NEWLINE)
            error_at(L, open->offset, open->length, open, "'{' of %.*s is never closed", (int)cmd->length,
                     src + cmd->offset);
        else
            error_at(L, bad->offset, bad->length ? bad->length : 1, bad, "%.*s{…} takes %s", (int)cmd->length,
                     src + cmd->offset, what);
        return false;
    }
    take(L);
    Token first = take(L);
    *text = src + first.offset;
    if (letter_cmd) {
        Token nm = take(L);
        *len = nm.offset + nm.length - first.offset;
    } else {
        *len = first.length;
    }
    Token c = take(L);
    *end = c.offset + c.length;
    return true;
}

/* After a closing ‖: _1, _{1}, _2, _\infty, _{\infty}, _F, _{F} name the norm (consumed; the
 * span of t grows over it); 0 when none follows. */
static int norm_subscript(LatexLayer *L, Token *t) {
    const char *src = L->lx->src->text;
    Token *u = peek(L, 0);
    int k = 1, op = 0;
    if (u->kind == TK_NAME && u->offset == t->offset + t->length && src[u->offset] == '_') {
        /* the lexer read _1 or _F as a name: not a subscript here */
        return 0;
    }
    if (u->kind != TK_UNDERSCORE || u->offset != t->offset + t->length) return 0;
    bool braced = peek(L, 1)->kind == TK_LBRACE;
    if (braced) k = 2;
    Token *v = peek(L, k);
    int used = k + 1;
    if (v->kind == TK_NUM && v->num == 1) op = NORM_1;
    else if (v->kind == TK_NUM && v->num == 2) op = NORM_2;
    else if (v->kind == TK_NAME && v->length == 1 && src[v->offset] == 'F') op = NORM_FRO;
    else if (v->kind == TK_NAME && v->length == 3 && memcmp(src + v->offset, "inf", 3) == 0) op = NORM_INF;
    else if (v->kind == TK_BACKSLASH && peek(L, k + 1)->kind == TK_NAME && peek(L, k + 1)->length == 5 &&
             memcmp(src + peek(L, k + 1)->offset, "infty", 5) == 0) { op = NORM_INF; used = k + 2; }
    if (!op) return 0;
    if (braced) {
        if (peek(L, used)->kind != TK_RBRACE) return 0;
        used++;
    }
    Token last = L->in[used - 1];
    for (int i = 0; i < used; i++) take(L);
    t->length = last.offset + last.length - t->offset;
    return op;
}

/* \mathrm{learning\_rate}: a group of names and numbers joined by \_ is one name. False
 * (nothing consumed) when the group is not of that form. */
static bool word_group(LatexLayer *L, const Token *cmd) {
    const char *src = L->lx->src->text;
    if (peek(L, 0)->kind != TK_LBRACE) return false;
    char buf[256];
    size_t n = 0;
    int k = 1;
    bool escaped = false;
    for (;; k++) {
        if (k >= LATEX_QUEUE - 2) return false;
        Token *t = peek(L, k);
        if (t->kind == TK_RBRACE) break;
        if (t->kind == TK_NAME || t->kind == TK_NUM) {
            if (n + t->length >= sizeof buf) return false;
            memcpy(buf + n, src + t->offset, t->length);
            n += t->length;
            continue;
        }
        if (t->kind == TK_BACKSLASH) {
            Token *u = peek(L, k + 1);
            if (u->kind == TK_NAME && glued(t, u) && src[u->offset] == '_') {
                /* the lexer read \_rate as a backslash and the name _rate */
                if (n + u->length >= sizeof buf) return false;
                memcpy(buf + n, src + u->offset, u->length);
                n += u->length;
                escaped = true;
                k++;
                continue;
            }
            if (u->kind == TK_UNDERSCORE && glued(t, u)) {
                if (n + 1 >= sizeof buf) return false;
                buf[n++] = '_';
                escaped = true;
                k++;
                continue;
            }
        }
        return false;
    }
    if (!escaped || n == 0) return false;
    Token close = *peek(L, k);
    for (int i = 0; i <= k; i++) take(L);
    emit_name(L, buf, n, cmd->offset, close.offset + close.length, cmd);
    return true;
}

/* After a name: a glued subscript joins it (ŷ then _i → ŷ_i), and `y_{i}` (the lexer's name
 * `y_` then a glued '{') is the name y_i, or y[…] when the braces hold more than a name. */
/* A name whose subscript is digits is written with subscript digits, as mlm's printer
 * writes θ₁ as \theta_{1}: θ_{1}, \theta_1 and θ_1 in LaTeX are the name θ₁. */
static void emit_subscripted(LatexLayer *L, char *buf, size_t n, unsigned offset, unsigned end, const Token *like) {
    static const char *const sub[] = {"₀", "₁", "₂", "₃", "₄", "₅", "₆", "₇", "₈", "₉"};
    size_t us = n;
    while (us > 0 && buf[us - 1] >= '0' && buf[us - 1] <= '9') us--;
    if (us > 1 && us < n && buf[us - 1] == '_' && n + 3 * (n - us) < 256) {
        char out[256];
        size_t k = us - 1;
        memcpy(out, buf, k);
        for (size_t i = us; i < n; i++) { memcpy(out + k, sub[buf[i] - '0'], 3); k += 3; }
        emit_name(L, out, k, offset, end, like);
        return;
    }
    emit_name(L, buf, n, offset, end, like);
}

static void name_with_subscript(LatexLayer *L, const char *text, size_t len, unsigned offset, unsigned end,
                                const Token *like) {
    const char *src = L->lx->src->text;
    char buf[256];
    if (len >= sizeof buf - 64) { emit_name(L, text, len, offset, end, like); return; }
    memcpy(buf, text, len);
    size_t n = len;
    Token *u = peek(L, 0);
    bool trailing = n > 0 && buf[n - 1] == '_';
    if (!trailing && u->kind == TK_UNDERSCORE && u->offset == end) {
        Token *v = peek(L, 1);
        if ((v->kind == TK_NAME || v->kind == TK_NUM) && glued(u, v)) {
            take(L);
            Token s = take(L);
            buf[n++] = '_';
            memcpy(buf + n, src + s.offset, s.length);
            n += s.length;
            emit_subscripted(L, buf, n, offset, s.offset + s.length, like);
            return;
        }
        if (v->kind == TK_LBRACE && glued(u, v)) {
            take(L);
            trailing = true;
            buf[n++] = '_';
            end = v->offset;
        }
    }
    if (trailing) {
        Token *open = peek(L, 0);
        if (open->kind == TK_LBRACE && open->offset == end) {
            Token *inner = peek(L, 1), *close = peek(L, 2);
            if ((inner->kind == TK_NAME || inner->kind == TK_NUM) && close->kind == TK_RBRACE) {
                take(L);
                Token s = take(L);
                Token c = take(L);
                memcpy(buf + n, src + s.offset, s.length);
                n += s.length;
                emit_subscripted(L, buf, n, offset, c.offset + c.length, like);
                return;
            }
            /* y_{i+1}: an index */
            Token o = take(L);
            emit_name(L, buf, n - 1, offset, end, like);
            if (push(L, 'I', &o)) emit(L, TK_LBRACKET, &o, 0);
            return;
        }
    }
    emit_subscripted(L, buf, n, offset, end, like);
}

/* `\name` at t (the backslash) and nm (the glued name). */
static void command(LatexLayer *L, Token t, Token nm) {
    const char *src = L->lx->src->text;
    L->latex_line = true;
    /* a command is the letters after the backslash; the lexer's name may run on (\alpha_1) */
    size_t k = 0;
    while (k < nm.length && ascii_letter(src[nm.offset + k])) k++;
    const char *name = src + nm.offset;
    unsigned cmd_end = nm.offset + (unsigned)k;
    unsigned cmd_len = cmd_end - t.offset;
    const Command *c = k ? find_command(name, k) : NULL;
    const char *letter = c || !k ? NULL : latex_letter(name, k);
    if (L->nin + 2 > LATEX_QUEUE) { /* room to push back what follows (cannot happen: at most 4 are read ahead) */
        error_at(L, t.offset, cmd_len, &t, "LaTeX too dense to read here");
        return;
    }
    if (!c && !letter) {
        if (ends_operand(L->prev) && !t.space_before) {
            /* A\b: the left division it always was */
            memmove(L->in + 1, L->in, (size_t)L->nin * sizeof *L->in);
            L->in[0] = nm;
            L->nin++;
            emit(L, TK_BACKSLASH, &t, 0);
            return;
        }
        error_at(L, t.offset, cmd_len, &t, "unsupported LaTeX command '\\%.*s'", (int)k ? (int)k : (int)nm.length, name);
        return;
    }
    bool sum_tail = c && c->kind == LC_TOKEN && k < nm.length && name[k] == '_';
    if (k < nm.length && !letter && !sum_tail) {
        error_at(L, t.offset, t.length + nm.length, &t, "'\\%.*s' runs into '%.*s': put a space or braces after it",
                 (int)k, name, (int)(nm.length - k), name + k);
        return;
    }
    if (letter) {
        char buf[128];
        size_t ln = strlen(letter), rest = nm.length - k;
        if (ln + rest >= sizeof buf) rest = 0;
        memcpy(buf, letter, ln);
        memcpy(buf + ln, name + k, rest);
        name_with_subscript(L, buf, ln + rest, t.offset, nm.offset + nm.length, &t);
        return;
    }
    if (sum_tail) {
        /* \sum_i: the subscript goes back to be read on its own */
        Token us = nm, tail = nm;
        us.kind = TK_UNDERSCORE;
        us.offset = cmd_end;
        us.length = 1;
        us.text = NULL;
        us.text_len = 0;
        tail.offset = cmd_end + 1;
        tail.length = nm.length - (unsigned)k - 1;
        tail.text = src + tail.offset;
        tail.text_len = tail.length;
        int add = tail.length > 0 ? 2 : 1;
        memmove(L->in + add, L->in, (size_t)L->nin * sizeof *L->in);
        L->in[0] = us;
        if (add == 2) L->in[1] = tail;
        L->nin += add;
    }
    Token whole = t;
    whole.length = cmd_len;
    switch (c->kind) {
    case LC_TOKEN:
        if (c->token == LX_DBAR) {
            /* \rVert_{1}, \|_2 … : which norm */
            int op = norm_subscript(L, &whole);
            emit(L, LX_DBAR, &whole, op ? op : NORM_2);
            return;
        }
        emit(L, c->token, &whole, c->op);
        if (c->token == TK_SUM || c->token == TK_PROD || c->token == TK_INTEGRAL) L->sum_state = 1;
        return;
    case LC_NAME: {
        emit_name(L, c->text, strlen(c->text), whole.offset, whole.offset + whole.length, &whole);
        /* \log x, \sin \theta: a function of one plain operand without brackets, as books write */
        Token *a = peek(L, 0);
        if (strcmp(c->text, "inf") == 0 || !a->space_before) return;
        bool greek = a->kind == TK_BACKSLASH && peek(L, 1)->kind == TK_NAME && glued(a, peek(L, 1)) &&
                      latex_letter(src + peek(L, 1)->offset, peek(L, 1)->length);
        if (a->kind != TK_NAME && a->kind != TK_NUM && !greek) return;
        Token *after = peek(L, greek ? 2 : 1);
        int ak = after->kind;
        if (ak == TK_LPAREN || ak == TK_LBRACKET || ak == TK_CARET || ak == TK_SUP || ak == TK_TRANSPOSE || ak == TK_UNDERSCORE ||
            ak == TK_PERIOD || (ak == TK_NAME && !after->space_before))
            return;
        Token arg = take(L);
        emit(L, TK_LPAREN, &arg, 0);
        L->out[L->nout - 1].length = 0;
        if (greek) {
            Token nm2 = take(L);
            const char *l = latex_letter(src + nm2.offset, nm2.length);
            emit_name(L, l, strlen(l), arg.offset, nm2.offset + nm2.length, &arg);
            arg.offset = nm2.offset;
            arg.length = nm2.length;
        } else {
            L->out[L->nout++] = arg;
        }
        Token close = arg;
        close.offset = arg.offset + arg.length;
        close.length = 0;
        emit(L, TK_RPAREN, &close, 0);
        return;
    }
    case LC_SKIP:
        /* \left( takes \left's spacing: X \left(…\right) is a product, f\left(x\right) a call */
        if (k == 4 && memcmp(name, "left", 4) == 0 && peek(L, 0)->kind == TK_LPAREN) {
            peek(L, 0)->space_before = t.space_before;
            peek(L, 0)->op = 1; /* marks a \left( for juxtaposed() */
        }
        return;
    case LC_UNSUPPORTED:
        error_at(L, whole.offset, whole.length, &whole, "%s", c->text);
        return;
    case LC_BEGIN: case LC_END: {
        /* \begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix} → [1, 2; 3, 4] */
        Token *o = peek(L, 0), *env = peek(L, 1), *cl = peek(L, 2);
        bool matrix = o->kind == TK_LBRACE && env->kind == TK_NAME && cl->kind == TK_RBRACE &&
                      ((env->length == 7 && memcmp(src + env->offset, "bmatrix", 7) == 0) ||
                       (env->length == 7 && memcmp(src + env->offset, "pmatrix", 7) == 0) ||
                       (env->length == 6 && memcmp(src + env->offset, "matrix", 6) == 0));
        if (!matrix) {
            error_at(L, whole.offset, whole.length, &whole,
                     "only \begin{bmatrix} … \end{bmatrix} of LaTeX's environments is read (a matrix: [1, 2; 3, 4])");
            return;
        }
        if (c->kind == LC_END && L->matrix == 0) {
            error_at(L, whole.offset, whole.length, &whole, "\end{%.*s} without its \begin", (int)env->length,
                     src + env->offset);
            return;
        }
        Token last = *cl;
        take(L); take(L); take(L);
        whole.length = last.offset + last.length - whole.offset;
        if (c->kind == LC_BEGIN) { L->matrix++; emit(L, TK_LBRACKET, &whole, 0); }
        else { L->matrix--; emit(L, TK_RBRACKET, &whole, 0); }
        return;
    }
    case LC_TOP:
        error_at(L, whole.offset, whole.length, &whole, "'\\%.*s' (the transpose) belongs in a superscript: x^\\top",
                 (int)k, name);
        return;
    case LC_FRAC: {
        Token *open = peek(L, 0);
        /* \frac{d}{dx} E: the derivative d/dx E, as the printer writes it (AST_LATEX) */
        Token *d = peek(L, 1), *c1 = peek(L, 2), *o2 = peek(L, 3), *dx = peek(L, 4), *c2 = peek(L, 5);
        if (open->kind == TK_LBRACE && d->kind == TK_NAME && d->length == 1 && src[d->offset] == 'd' &&
            c1->kind == TK_RBRACE && o2->kind == TK_LBRACE && dx->kind == TK_NAME && dx->length >= 2 &&
            src[dx->offset] == 'd' && c2->kind == TK_RBRACE) {
            Token deriv = whole;
            deriv.kind = TK_DERIV;
            deriv.length = c2->offset + c2->length - whole.offset;
            deriv.num = 1;
            deriv.op = 0;
            deriv.text = src + dx->offset + 1;
            deriv.text_len = dx->length - 1;
            for (int i = 0; i < 6; i++) take(L);
            L->out[L->nout++] = deriv;
            return;
        }
        if (open->kind != TK_LBRACE) {
            error_at(L, whole.offset, whole.length, &whole, "\\frac needs two groups in braces: \\frac{a}{b}");
            return;
        }
        Token o = take(L);
        emit(L, TK_LPAREN, &whole, 0);
        emit(L, TK_LPAREN, &o, 0);
        push(L, 'N', &o);
        return;
    }
    case LC_SQRT: {
        Token *open = peek(L, 0);
        if (open->kind == TK_LBRACKET) {
            error_at(L, open->offset, open->length, open, "\\sqrt[n]{x} (an n-th root) is not supported: write x^(1/n)");
            return;
        }
        emit(L, TK_SQRT, &whole, 0);
        if (open->kind == TK_LBRACE) {
            Token o = take(L);
            emit(L, TK_LPAREN, &o, 0);
            push(L, 'Q', &o);
        }
        return;
    }
    case LC_FONT: {
        const char *text;
        size_t len;
        unsigned end;
        if (word_group(L, &whole)) return;
        if (!single_group(L, &whole, "one name", &text, &len, &end)) return;
        if (text[0] == '\\') {
            const char *l = latex_letter(text + 1, len - 1);
            if (!l) {
                error_at(L, whole.offset, end - whole.offset, &whole, "unsupported LaTeX command '%.*s'", (int)len, text);
                return;
            }
            text = l;
            len = strlen(l);
        }
        name_with_subscript(L, text, len, whole.offset, end, &whole);
        return;
    }
    case LC_BLACKBOARD: {
        const char *text;
        size_t len;
        unsigned end;
        if (!single_group(L, &whole, "one letter", &text, &len, &end)) return;
        char form[16], out[16];
        int n = snprintf(form, sizeof form, "\\mathbb{%.*s}", (int)(len < 4 ? len : 4), text);
        if (len != 1 || !complete_symbol(form, (size_t)n, out, sizeof out)) {
            error_at(L, whole.offset, end - whole.offset, &whole, "no blackboard letter %.*s: \\mathbb{R} is ℝ", (int)len,
                     text);
            return;
        }
        emit_name(L, out, strlen(out), whole.offset, end, &whole);
        return;
    }
    case LC_ACCENT: {
        const char *text;
        size_t len;
        unsigned end;
        if (!single_group(L, &whole, "one letter", &text, &len, &end)) return;
        char form[96], out[64];
        int n = snprintf(form, sizeof form, "\\%s{%.*s}", c->text ? c->text : c->name, (int)(len < 60 ? len : 60), text);
        if (!complete_symbol(form, (size_t)n, out, sizeof out)) {
            error_at(L, whole.offset, end - whole.offset, &whole, "%.*s{…} takes one letter", (int)whole.length,
                     src + whole.offset);
            return;
        }
        name_with_subscript(L, out, strlen(out), whole.offset, end, &whole);
        return;
    }
    }
}

/* True when the next raw token starts an operand, so `\frac{1}{n} \sum …` and
 * `\sqrt{2} x` multiply as printed. */
static bool operand_ahead(LatexLayer *L) {
    const char *src = L->lx->src->text;
    Token *a = peek(L, 0);
    switch (a->kind) {
    case TK_NAME: case TK_NUM: case TK_LPAREN: case TK_SUM: case TK_PROD: case TK_SQRT:
        return true;
    case TK_BACKSLASH: {
        Token *nm = peek(L, 1);
        if (nm->kind != TK_NAME || !glued(a, nm)) return false;
        size_t k = 0;
        while (k < nm->length && ascii_letter(src[nm->offset + k])) k++;
        const Command *c = find_command(src + nm->offset, k);
        if (!c) return latex_letter(src + nm->offset, k) != NULL;
        return c->kind == LC_FRAC || c->kind == LC_SQRT || c->kind == LC_FONT || c->kind == LC_ACCENT ||
               c->kind == LC_BLACKBOARD || c->kind == LC_NAME || (c->kind == LC_SKIP && k == 4) ||
               (c->kind == LC_TOKEN && (c->token == TK_SUM || c->token == TK_PROD));
    }
    default:
        return false;
    }
}

static void multiply_if_juxtaposed(LatexLayer *L, const Token *close) {
    if (!operand_ahead(L)) return;
    Token m = *close;
    m.offset = close->offset + close->length;
    m.length = 0;
    emit(L, TK_STAR, &m, 0);
}

/* After ^: {k} or {-k} with k a whole number is a superscript, as x² and A⁻¹ are. */
static bool superscript_after_caret(LatexLayer *L, const Token *caret) {
    if (peek(L, 0)->kind != TK_LBRACE) return false;
    int k = 1;
    double sign = 1;
    if (peek(L, 1)->kind == TK_MINUS) { sign = -1; k = 2; }
    Token *v = peek(L, k);
    if (v->kind != TK_NUM || v->num != floor(v->num) || v->num > 1e6 || peek(L, k + 1)->kind != TK_RBRACE) return false;
    Token close = *peek(L, k + 1);
    Token t = *caret;
    t.length = close.offset + close.length - caret->offset;
    t.num = sign * v->num;
    for (int i = 0; i <= k + 1; i++) take(L);
    emit(L, TK_SUP, &t, 0);
    L->out[L->nout - 1].num = t.num;
    return true;
}

/* After ^: the transpose forms (^\top, ^{\top}, ^{T}, ^\intercal) become one ᵀ token. */
static bool transpose_after_caret(LatexLayer *L, const Token *caret) {
    const char *src = L->lx->src->text;
    Token *a = peek(L, 0);
    int n = 0;
    bool braced = a->kind == TK_LBRACE;
    int i = braced ? 1 : 0;
    Token *b = peek(L, i);
    if (b->kind == TK_BACKSLASH) {
        Token *nm = peek(L, i + 1);
        if (nm->kind != TK_NAME || !glued(b, nm)) return false;
        if (!((nm->length == 3 && memcmp(src + nm->offset, "top", 3) == 0) ||
              (nm->length == 8 && memcmp(src + nm->offset, "intercal", 8) == 0)))
            return false;
        n = i + 2;
    } else if (braced && b->kind == TK_NAME && b->length == 1 && src[b->offset] == 'T') {
        n = 2;
    } else {
        return false;
    }
    if (braced) {
        if (peek(L, n)->kind != TK_RBRACE) return false;
        n++;
    }
    Token last = L->in[n - 1];
    for (int j = 0; j < n; j++) take(L);
    Token t = *caret;
    t.length = last.offset + last.length - caret->offset;
    emit(L, TK_TRANSPOSE, &t, 0);
    return true;
}

/* Translates from the next raw token until something is queued. */
static void translate(LatexLayer *L) {
    while (L->nout == 0) {
        Token t = take(L);
        int state = L->sum_state;
        if (state == 3 && t.kind != TK_CARET) L->sum_state = 0;
        switch (t.kind) {
        case TK_BACKSLASH: {
            Token *nx = peek(L, 0);
            if (!glued(&t, nx)) { emit(L, TK_BACKSLASH, &t, 0); break; }
            if (nx->kind == TK_NAME) {
                Token nm = take(L);
                command(L, t, nm);
                break;
            }
            if (nx->kind == TK_END) { /* \end: the lexer read the keyword */
                Token nm = take(L);
                nm.kind = TK_NAME;
                nm.text = L->lx->src->text + nm.offset;
                nm.text_len = nm.length;
                command(L, t, nm);
                break;
            }
            if (nx->kind == TK_IN) { /* \in: the lexer read the keyword */
                Token k = take(L);
                t.length = k.offset + k.length - t.offset;
                emit(L, TK_IN, &t, 0);
                break;
            }
            if (nx->kind == LX_BAR) {
                Token b = take(L);
                t.length = b.offset + b.length - t.offset;
                int op = norm_subscript(L, &t);
                emit(L, LX_DBAR, &t, op ? op : NORM_2);
                break;
            }
            if (nx->kind == TK_COMMA || nx->kind == TK_SEMI || nx->kind == TK_NOT || nx->kind == TK_COLON) {
                take(L); /* \, \; \! \: spacing */
                break;
            }
            if (nx->kind == TK_LBRACE || nx->kind == TK_RBRACE) {
                error_at(L, t.offset, 2, &t, "'\\%c' (a set in braces) is not supported", L->lx->src->text[nx->offset]);
                break;
            }
            if (nx->kind == TK_BACKSLASH && L->matrix > 0) {
                Token b = take(L);
                t.length = b.offset + b.length - t.offset;
                emit(L, TK_SEMI, &t, 0); /* \\ ends a row of a bmatrix */
                break;
            }
            if (nx->kind == TK_BACKSLASH) {
                error_at(L, t.offset, 2, &t, "'\\\\' (a LaTeX line break) is not supported: one expression per line");
                break;
            }
            emit(L, TK_BACKSLASH, &t, 0);
            break;
        }
        case TK_CARET:
            if (transpose_after_caret(L, &t)) break;
            if (state != 3 && superscript_after_caret(L, &t)) break;
            emit(L, TK_CARET, &t, 0);
            if (state == 3) { L->sum_state = 4; break; }
            if (peek(L, 0)->kind == TK_LBRACE) {
                Token o = take(L);
                if (push(L, 'P', &o)) emit(L, TK_LPAREN, &o, 0);
            }
            break;
        case TK_UNDERSCORE:
            if (state == 1) { L->sum_state = 2; L->sum_depth = L->depth; }
            /* a bare lower bound (∫_0^1): the token after _ is all of it */
            if (state == 1 && peek(L, 0)->kind != TK_LBRACE) L->sum_state = 5;
            emit(L, TK_UNDERSCORE, &t, 0);
            break;
        case TK_LBRACE:
            if (L->sum_state == 4) L->sum_state = 0;
            if (push(L, 'b', &t)) emit(L, TK_LBRACE, &t, 0);
            break;
        case TK_RBRACE: {
            char open = L->depth > 0 ? L->stack[--L->depth] : 0;
            if (open == 'P') { emit(L, TK_RPAREN, &t, 0); break; }
            if (open == 'Q') { emit(L, TK_RPAREN, &t, 0); multiply_if_juxtaposed(L, &t); break; }
            if (open == 'I') { emit(L, TK_RBRACKET, &t, 0); break; }
            if (open == 'D') {
                emit(L, TK_RPAREN, &t, 0);
                emit(L, TK_RPAREN, &t, 0);
                multiply_if_juxtaposed(L, &t);
                break;
            }
            if (open == 'N') {
                emit(L, TK_RPAREN, &t, 0);
                Token *d = peek(L, 0);
                if (d->kind != TK_LBRACE) {
                    error_at(L, d->kind == LX_EOF || d->kind == LX_NEWLINE ? t.offset : d->offset,
                             d->kind == LX_EOF || d->kind == LX_NEWLINE ? t.length : (d->length ? d->length : 1), &t,
                             "\\frac{a} needs its denominator: \\frac{a}{b}");
                    break;
                }
                Token o = take(L);
                emit(L, TK_SLASH, &o, 0);
                emit(L, TK_LPAREN, &o, 0);
                push(L, 'D', &o);
                break;
            }
            emit(L, TK_RBRACE, &t, 0);
            if (state == 2 && L->depth == L->sum_depth) L->sum_state = 3;
            break;
        }
        case LX_ERROR:
            if (L->matrix > 0 && L->lx->src->text[t.offset] == '&') { emit(L, TK_COMMA, &t, 0); break; }
            L->out[L->nout++] = t;
            break;
        case LX_NEWLINE:
            L->latex_line = false;
            L->out[L->nout++] = t;
            break;
        case LX_EOF:
            if (L->depth > 0 && L->stack[L->depth - 1] != 'b') {
                /* a group this layer turned into ( ) or [ ]: the filter would name the wrong bracket */
                int d = L->depth - 1;
                error_at(L, L->open_at[d], L->open_len[d], &t, "unexpected end of input: '{' is never closed");
                L->depth = 0;
                break;
            }
            L->out[L->nout++] = t;
            break;
        case TK_NAME:
            if (state == 4) L->bound_at = t.offset + 1;
            if (state == 1 || state == 4) L->sum_state = 0;
            if (state == 5) L->sum_state = 3;
            name_with_subscript(L, t.text, t.text_len, t.offset, t.offset + t.length, &t);
            break;
        default:
            if (state == 4 && t.kind == TK_NUM) L->bound_at = t.offset + 1;
            if (state == 1 || state == 4) L->sum_state = 0;
            if (state == 5) L->sum_state = t.kind == TK_NUM ? 3 : 0;
            if (t.kind == TK_SUM || t.kind == TK_PROD || t.kind == TK_INTEGRAL) L->sum_state = 1; /* a big-operator head: _{…}^{…} are its bounds */
            L->out[L->nout++] = t;
            break;
        }
    }
}

/* }===================== */

/* Keeps what juxtaposition needs to know about the token just handed on. */
static void note(LatexLayer *L, const Token *t) {
    bool starts_statement = L->prev == 0 || L->prev == LX_NEWLINE || L->prev == TK_SEMI || L->prev == TK_LBRACE;
    bool after_operand = (ends_operand(L->prev) && !L->word_before) || (L->prev == LX_DBAR && L->prev_closes);
    L->prev_closes = false;
    L->word_before = false;
    L->prev_is_bound = L->bound_at == t->offset + 1 && (t->kind == TK_NAME || t->kind == TK_NUM);
    L->prev_prime = t->kind == TK_TRANSPOSE && L->lx->src->text[t->offset] == '\'';
    switch (t->kind) {
    case TK_LBRACKET: L->brackets++; break;
    case TK_RBRACKET: if (L->brackets > 0) L->brackets--; break;
    case LX_DBAR:
        /* opens where an operand is expected, else closes the innermost open one (as parse.c) */
        if (!after_operand) L->norms++;
        else if (L->norms > 0) { L->norms--; L->prev_closes = true; }
        break;
    case TK_INTEGRAL: L->open_integrals++; break;
    case LX_NEWLINE: case TK_SEMI:
        L->open_integrals = 0;
        L->no_juxt = false;
        L->latex_line = false;
        break;
    case TK_NAME: {
        const Keyword *k = starts_statement ? keyword_find(t->text, t->text_len) : NULL;
        if (k && k->kind == KW_COMMAND) L->no_juxt = true; /* clear x y */
        if (k && k->kind == KW_STATEMENT) L->word_before = true; /* time x = …, explain x */
        break;
    }
    default: break;
    }
    L->prev = t->kind;
}

/* Operands side by side multiply as in print: XᵀX, (XᵀX)⁻¹Xᵀy, λ‖w‖², p_i log2(p_i),
 * ‖a‖ ‖b‖, 2 x — as @, the matrix product between arrays and a product when one side is a
 * number (eval.c refuses two plain vectors side by side: dot or element-wise?). Not inside
 * [ ] (where [1 2] would silently be 2), not before a number (1 000), not between a name and
 * '(' (a call), not after a Σ head's bound, not after a command word (clear x y); 2x glued
 * is the filter's. */
static bool juxtaposed(LatexLayer *L, const Token *next) {
    if (L->prev_is_bound || L->word_before) return false;
    if (L->no_juxt || L->brackets > 0) return false;
    bool left = ends_operand(L->prev) || (L->prev == LX_DBAR && L->prev_closes);
    if (!left) return false;
    /* a number before a space multiplies only on a line of LaTeX (2 x); 2x glued is the filter's */
    if (L->prev == TK_NUM && (!next->space_before || !L->latex_line)) return false;
    switch (next->kind) {
    case TK_NAME:
        /* the dx closing an open ∫ is no factor (the filter reads it: src/parse.c) */
        if (L->open_integrals > 0 && next->text_len == 2 && next->text[0] == 'd' && next->space_before) {
            L->open_integrals--;
            return false;
        }
        return true;
    case TK_SQRT: case TK_SUM: case TK_PROD:
        return true;
    case TK_LPAREN: /* f(x), g(1)(2) and f'(x) are calls; Xᵀ(…) and 2 (x + 1) are not */
        if (L->prev_prime && !next->space_before) return false;
        if (L->prev == TK_NAME || L->prev == TK_RPAREN || L->prev == TK_RBRACKET)
            return next->space_before && next->op == 1; /* f (x) stays a call; X \left(…\right) multiplies */
        return true;
    case LX_DBAR: {
        /* ‖a‖ ‖b‖, λ‖w‖²: a ‖ that opens is glued to what follows it; after an operand a spaced
         * ‖ or a || is `or` (p ‖ q), and D_KL(p ‖ q) separates with it (parse.c) */
        const char *text = L->lx->src->text;
        if (strncmp(text + next->offset, "\\lVert", 6) == 0) return true; /* \lambda \lVert w \rVert */
        char after = text[next->offset + next->length];
        return L->norms == 0 && (unsigned char)text[next->offset] == 0xE2 && after != ' ' && after != '\t' &&
               after != '\n' && after != '\0';
    }
    case TK_LBRACKET:
        return L->lx->src->text[next->offset] == '\\'; /* \begin{bmatrix} */
    default:
        return false;
    }
}

int latex_next(LatexLayer *L, Token *tok) {
    if (L->outpos >= L->nout) {
        L->nout = L->outpos = 0;
        translate(L);
    }
    const Token *next = &L->out[L->outpos];
    if (juxtaposed(L, next)) {
        Token at = *next;
        at.kind = TK_AT;
        at.length = 0;
        at.text = NULL;
        at.text_len = 0;
        *tok = at;
        L->prev = TK_AT;
        L->prev_closes = false;
        return TK_AT;
    }
    *tok = L->out[L->outpos++];
    note(L, tok);
    return tok->kind;
}
