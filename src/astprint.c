/* astprint.c — the syntax-tree printer (see astprint.h): one walk over the tree, three styles.
 * Precedence and spellings come from the operator table (ops.h); what differs by style is
 * only how each node kind is written. */
#include "astprint.h"

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ops.h"
#include "print.h"

typedef struct Printer {
    FILE *out;
    AstStyle style;
} Printer;

static void node(Printer *p, const Node *n, int need);

static bool is_name_kind(const Node *n) {
    return n && (n->kind == N_NAME || n->kind == N_LOCAL || n->kind == N_GLOBAL);
}

/* A product the mlm style writes as juxtaposition, as a book does: a number glued to a name,
 * a call, an index or a power of a name (`2x`, `3x²`, `2sin(x)`). The parser reads that form
 * back as the same product (implicit multiplication binds tighter than `/`). */
static bool juxtaposed(const Node *n) {
    if (n->kind != N_BINARY || n->op != OP_MUL || n->a->kind != N_NUM || !(n->a->num >= 0) ||
        isinf(n->a->num))
        return false;
    const Node *b = n->b;
    while (b->kind == N_POWSUP || b->kind == N_TRANSPOSE || (b->kind == N_BINARY && b->op == OP_POW))
        b = b->a;
    if (b->kind == N_CALL) b = b->a;
    if (b->kind == N_INDEX) b = b->a;
    if (!is_name_kind(b)) return false;
    /* `2e` or `2e5` would read as a number: only names not starting with e/E after digits */
    return b->name[0] != 'e' && b->name[0] != 'E';
}

int ast_node_prec(const Node *n) {
    switch (n->kind) {
    case N_NUM: return n->num < 0 || (n->num == 0 && signbit(n->num)) ? PREC_UNARY : PREC_ATOM;
    case N_BINARY:
        if (juxtaposed(n)) return PREC_IMPMUL;
        return op_info(n->op)->prec;
    case N_UNARY: return op_info(n->op)->prec;
    case N_AND: return PREC_AND;
    case N_OR: return PREC_OR;
    case N_COMPARE: case N_APPROX: return PREC_COMPARE;
    case N_RANGE: return PREC_RANGE;
    case N_SUM: return PREC_SUM;
    case N_IF_EXPR: return PREC_IF;
    case N_LAMBDA: return PREC_LAMBDA;
    case N_GIVEN: return PREC_GIVEN;
    case N_POWSUP: case N_TRANSPOSE: case N_CALL: case N_INDEX: case N_FIELD: return PREC_POSTFIX;
    default: return PREC_ATOM;
    }
}

/* {===================== pieces */

static void put(Printer *p, const char *s) { fputs(s, p->out); }

static void number(Printer *p, double x) {
    char buf[40];
    if (isinf(x) || isnan(x)) {
        if (p->style == AST_LATEX) put(p, isnan(x) ? "\\mathrm{NaN}" : x < 0 ? "-\\infty" : "\\infty");
        else put(p, isnan(x) ? "nan" : x < 0 ? "-∞" : "∞");
        return;
    }
    print_number(x, buf, sizeof buf);
    char *e = strchr(buf, 'e');
    if (p->style == AST_LATEX && e) {
        *e = '\0';
        if (strcmp(buf, "1") == 0) fprintf(p->out, "10^{%s}", e + 1);
        else fprintf(p->out, "%s \\times 10^{%s}", buf, e + 1);
        return;
    }
    put(p, buf);
}

/* A whole-number exponent as Unicode superscripts: ², ⁻¹, ¹⁰. */
static void superscript(Printer *p, double k) {
    static const char *const digits[] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
    char buf[32];
    snprintf(buf, sizeof buf, "%.0f", fabs(k));
    if (k < 0) put(p, "⁻");
    for (const char *c = buf; *c; c++) put(p, digits[*c - '0']);
}

/* {===================== LaTeX names: Greek letters, accents, subscript digits */

static const struct { uint32_t cp; const char *tex; } greek[] = {
    {0x3B1, "\\alpha"}, {0x3B2, "\\beta"}, {0x3B3, "\\gamma"}, {0x3B4, "\\delta"}, {0x3B5, "\\varepsilon"},
    {0x3F5, "\\epsilon"}, {0x3B6, "\\zeta"}, {0x3B7, "\\eta"}, {0x3B8, "\\theta"}, {0x3D1, "\\vartheta"},
    {0x3B9, "\\iota"}, {0x3BA, "\\kappa"}, {0x3BB, "\\lambda"}, {0x3BC, "\\mu"}, {0x3BD, "\\nu"},
    {0x3BE, "\\xi"}, {0x3C0, "\\pi"}, {0x3C1, "\\rho"}, {0x3C3, "\\sigma"}, {0x3C4, "\\tau"},
    {0x3C5, "\\upsilon"}, {0x3D5, "\\phi"}, {0x3C6, "\\varphi"}, {0x3C7, "\\chi"}, {0x3C8, "\\psi"},
    {0x3C9, "\\omega"}, {0x393, "\\Gamma"}, {0x394, "\\Delta"}, {0x398, "\\Theta"}, {0x39B, "\\Lambda"},
    {0x39E, "\\Xi"}, {0x3A6, "\\Phi"}, {0x3A8, "\\Psi"}, {0x3A9, "\\Omega"}, {0x2113, "\\ell"},
};

/* Decodes one UTF-8 code point at s (valid UTF-8: names come from the lexer); returns its length. */
static int decode(const char *s, uint32_t *cp) {
    const unsigned char *u = (const unsigned char *)s;
    if (u[0] < 0x80) { *cp = u[0]; return 1; }
    if ((u[0] & 0xE0) == 0xC0) { *cp = (uint32_t)(u[0] & 0x1F) << 6 | (u[1] & 0x3F); return 2; }
    if ((u[0] & 0xF0) == 0xE0) { *cp = (uint32_t)(u[0] & 0x0F) << 12 | (uint32_t)(u[1] & 0x3F) << 6 | (u[2] & 0x3F); return 3; }
    *cp = (uint32_t)(u[0] & 0x07) << 18 | (uint32_t)(u[1] & 0x3F) << 12 | (uint32_t)(u[2] & 0x3F) << 6 | (u[3] & 0x3F);
    return 4;
}

/* The LaTeX for one letter (with its combining accents already split off): a Greek command,
 * a precomposed accented Latin letter as \hat{y}, or the letter itself. */
static void latex_letter(Printer *p, uint32_t cp) {
    for (size_t i = 0; i < sizeof greek / sizeof greek[0]; i++)
        if (greek[i].cp == cp) { put(p, greek[i].tex); return; }
    static const struct { uint32_t cp; const char *tex; } accented[] = {
        {0x177, "\\hat{y}"}, {0x176, "\\hat{Y}"}, {0xE2, "\\hat{a}"}, {0xEA, "\\hat{e}"}, {0xEE, "\\hat{\\imath}"},
        {0xF4, "\\hat{o}"}, {0xFB, "\\hat{u}"}, {0x109, "\\hat{c}"}, {0x11D, "\\hat{g}"}, {0x125, "\\hat{h}"},
        {0x135, "\\hat{\\jmath}"}, {0x15D, "\\hat{s}"}, {0x175, "\\hat{w}"}, {0x101, "\\bar{a}"}, {0x113, "\\bar{e}"},
        {0x12B, "\\bar{\\imath}"}, {0x14D, "\\bar{o}"}, {0x16B, "\\bar{u}"}, {0xF1, "\\tilde{n}"}, {0xE3, "\\tilde{a}"},
        {0xF5, "\\tilde{o}"},
    };
    for (size_t i = 0; i < sizeof accented / sizeof accented[0]; i++)
        if (accented[i].cp == cp) { put(p, accented[i].tex); return; }
    char buf[5] = {0};
    if (cp < 0x80) buf[0] = (char)cp;
    else if (cp < 0x800) { buf[0] = (char)(0xC0 | cp >> 6); buf[1] = (char)(0x80 | (cp & 0x3F)); }
    else { buf[0] = (char)(0xE0 | cp >> 12); buf[1] = (char)(0x80 | ((cp >> 6) & 0x3F)); buf[2] = (char)(0x80 | (cp & 0x3F)); }
    put(p, buf);
}

/* A name in LaTeX: one letter (maybe accented, Greek, with subscript digits) as math italic
 * (`\hat{y}`, `\theta_{1}`); a longer word upright (`\mathrm{lr}`), `_` escaped. */
static void latex_name(Printer *p, const char *name);

/* True when name is one letter (maybe accented, Greek, with subscript digits). */
static bool one_letter(const char *name) {
    uint32_t cp;
    int letters = 0;
    for (const char *s = name; *s;) {
        s += decode(s, &cp);
        if ((cp >= 0x2080 && cp <= 0x2089) || (cp >= 0x300 && cp <= 0x36F)) continue;
        letters++;
    }
    return letters == 1;
}

/* Names LaTeX writes otherwise: ℝ ℕ ℤ as \mathbb{R} …, and y_i, ŷ_k, θ_j (a one-letter base
 * and a subscript, subscript.h) as y_{i}, \hat{y}_{k}, \theta_{j}. False for other names. */
static bool latex_special_name(Printer *p, const char *name) {
    static const char *const blackboard[][2] = {{"ℝ", "\\mathbb{R}"}, {"ℕ", "\\mathbb{N}"}, {"ℤ", "\\mathbb{Z}"},
                                                {"ℚ", "\\mathbb{Q}"}, {"ℂ", "\\mathbb{C}"}};
    for (size_t i = 0; i < sizeof blackboard / sizeof blackboard[0]; i++)
        if (strcmp(name, blackboard[i][0]) == 0) { put(p, blackboard[i][1]); return true; }
    const char *us = strrchr(name, '_');
    if (!us || us == name || !us[1] || (size_t)(us - name) >= 64) return false;
    char base[64];
    memcpy(base, name, (size_t)(us - name));
    base[us - name] = '\0';
    if (!one_letter(base) || strchr(base, '_')) return false;
    latex_name(p, base);
    put(p, "_{");
    if (one_letter(us + 1)) latex_name(p, us + 1);
    else put(p, us + 1);
    put(p, "}");
    return true;
}

static void latex_name(Printer *p, const char *name) {
    if (latex_special_name(p, name)) return;
    uint32_t cps[64];
    int n = 0;
    for (const char *s = name; *s && n < 64;) s += decode(s, &cps[n++]);
    int letters = 0, digits_from = n;
    for (int i = 0; i < n; i++) {
        uint32_t c = cps[i];
        if (c >= 0x2080 && c <= 0x2089) { if (digits_from == n) digits_from = i; continue; }
        if (c >= 0x300 && c <= 0x36F) continue;
        if (digits_from != n) { letters = 99; break; } /* letters after subscripts: a word */
        letters++;
    }
    if (letters == 1) {
        /* the letter, its combining accent (hat, bar, tilde, dot) around it */
        uint32_t base = cps[0];
        const char *accent = NULL;
        for (int i = 1; i < digits_from; i++) {
            if (cps[i] == 0x302) accent = "\\hat";
            else if (cps[i] == 0x304 || cps[i] == 0x305) accent = "\\bar";
            else if (cps[i] == 0x303) accent = "\\tilde";
            else if (cps[i] == 0x307) accent = "\\dot";
            else if (cps[i] == 0x308) accent = "\\ddot";
        }
        if (accent) { put(p, accent); put(p, "{"); }
        latex_letter(p, base);
        if (accent) put(p, "}");
        if (digits_from < n) {
            put(p, "_{");
            for (int i = digits_from; i < n; i++) fputc('0' + (int)(cps[i] - 0x2080), p->out);
            put(p, "}");
        }
        return;
    }
    /* a word: upright; a Greek word (rare) letter by letter */
    put(p, "\\mathrm{");
    for (const char *s = name; *s; s++) {
        if (*s == '_') put(p, "\\_");
        else fputc(*s, p->out);
    }
    put(p, "}");
}

/* }===================== */

static const char *const latex_functions[] = {
    "sin", "cos", "tan", "exp", "log", "ln", "sinh", "cosh", "tanh", "arcsin", "arccos", "arctan",
    "det", "max", "min", "lg", NULL,
};

static bool latex_function(const char *name, const char **tex) {
    static const struct { const char *name, *tex; } renamed[] = {
        {"asin", "\\arcsin"}, {"acos", "\\arccos"}, {"atan", "\\arctan"},
    };
    for (size_t i = 0; i < sizeof renamed / sizeof renamed[0]; i++)
        if (strcmp(renamed[i].name, name) == 0) { *tex = renamed[i].tex; return true; }
    for (int i = 0; latex_functions[i]; i++)
        if (strcmp(latex_functions[i], name) == 0) { *tex = NULL; return true; }
    return false;
}

static void name(Printer *p, const char *text) {
    /* the constants by their symbols in LaTeX: ∞ is read as the name inf, π as pi */
    if (p->style == AST_LATEX && strcmp(text, "inf") == 0) { put(p, "\\infty"); return; }
    if (p->style == AST_LATEX && strcmp(text, "pi") == 0) { put(p, "\\pi"); return; }
    if (p->style == AST_LATEX) { latex_name(p, text); return; }
    /* words: y_i (a one-letter base and a subscript, subscript.h) reads "y sub i", as y[i] does */
    const char *us = p->style == AST_WORDS ? strrchr(text, '_') : NULL;
    if (us && us > text && us[1] && (size_t)(us - text) < 64) {
        char base[64];
        memcpy(base, text, (size_t)(us - text));
        base[us - text] = '\0';
        if (one_letter(base)) {
            put(p, base);
            put(p, " sub ");
            put(p, us + 1);
            return;
        }
    }
    put(p, text);
}

static void string(Printer *p, const Node *n) {
    size_t len = (size_t)n->num;
    if (p->style == AST_LATEX) put(p, "\\text{``");
    else fputc('"', p->out);
    for (size_t i = 0; i < len; i++) {
        char c = n->name[i];
        if (p->style == AST_LATEX) { fputc(c, p->out); continue; }
        switch (c) {
        case '"': put(p, "\\\""); break;
        case '\\': put(p, "\\\\"); break;
        case '\n': put(p, "\\n"); break;
        case '\t': put(p, "\\t"); break;
        default: fputc(c, p->out);
        }
    }
    put(p, p->style == AST_LATEX ? "''}" : "\"");
}

/* Operands of a list, separated. */
static void list(Printer *p, Node *const *items, int count, const char *sep) {
    for (int i = 0; i < count; i++) {
        if (i) put(p, sep);
        node(p, items[i], PREC_LAMBDA);
    }
}

/* {===================== node kinds */

static void binary(Printer *p, const Node *n) {
    const OpInfo *op = op_info(n->op);
    int prec = ast_node_prec(n);
    int left_need = op->right_assoc ? prec + 1 : prec, right_need = op->right_assoc ? prec : prec + 1;
    if (p->style == AST_LATEX) {
        switch (n->op) {
        case OP_DIV:
            put(p, "\\frac{"); node(p, n->a, 0); put(p, "}{"); node(p, n->b, 0); put(p, "}");
            return;
        case OP_POW:
            node(p, n->a, PREC_POSTFIX); put(p, "^{"); node(p, n->b, 0); put(p, "}");
            return;
        case OP_MUL:
            node(p, n->a, left_need);
            put(p, juxtaposed(n) ? "" : " \\cdot "); /* 2x: glued, as books and mlm write it */
            node(p, n->b, right_need);
            return;
        case OP_MATMUL:
            node(p, n->a, left_need); put(p, " "); node(p, n->b, right_need);
            return;
        case OP_LDIV:
            node(p, n->a, PREC_POSTFIX); put(p, "^{-1} "); node(p, n->b, right_need);
            return;
        default:
            node(p, n->a, left_need);
            fprintf(p->out, " %s ", op->latex);
            node(p, n->b, right_need);
            return;
        }
    }
    if (p->style == AST_WORDS) {
        if (n->op == OP_POW && n->b->kind == N_NUM && (n->b->num == 2 || n->b->num == 3)) {
            node(p, n->a, PREC_POSTFIX);
            put(p, n->b->num == 2 ? " squared" : " cubed");
            return;
        }
        static const struct { int op; const char *before, *between; } phrases[] = {
            {OP_MATMUL, "the matrix product of ", " and "}, {OP_DOT, "the dot product of ", " and "},
            {OP_LDIV, "the solution x of ", " x = "},
        };
        if (n->op == OP_MATMUL && n->flag) { /* written side by side (XᵀX, λ‖w‖²): read as print reads it */
            node(p, n->a, left_need); put(p, " times "); node(p, n->b, right_need);
            return;
        }
        for (size_t i = 0; i < sizeof phrases / sizeof phrases[0]; i++)
            if (phrases[i].op == n->op) {
                put(p, phrases[i].before); node(p, n->a, left_need); put(p, phrases[i].between); node(p, n->b, right_need);
                return;
            }
        node(p, n->a, left_need);
        fprintf(p->out, " %s ", op->words);
        node(p, n->b, right_need);
        return;
    }
    node(p, n->a, left_need);
    if (juxtaposed(n)) { node(p, n->b, right_need); return; }
    if (n->flag && (n->op == OP_POW || n->op == OP_MUL)) put(p, n->op == OP_POW ? " .^ " : " .* "); /* @'s flag: juxtaposed */
    else if (n->op == OP_POW) put(p, "^");
    else fprintf(p->out, " %s ", op->symbol);
    /* `2^-1`: a signed exponent is bracketed */
    node(p, n->b, n->op == OP_POW ? PREC_POSTFIX : right_need);
}

static void unary(Printer *p, const Node *n) {
    const OpInfo *op = op_info(n->op);
    if (p->style == AST_WORDS) {
        put(p, n->op == OP_NEG ? "minus " : n->op == OP_NOT ? "not " : "plus ");
    } else if (p->style == AST_LATEX) {
        put(p, n->op == OP_NOT ? "\\lnot " : op->text);
    } else {
        put(p, n->op == OP_NOT ? "not " : op->text);
    }
    /* `- -x` and `-(-x)`: a signed operand is bracketed */
    const Node *a = n->a;
    bool signed_operand = (a->kind == N_UNARY && a->op != OP_NOT) || (a->kind == N_NUM && a->num < 0);
    node(p, a, signed_operand ? PREC_ATOM : op->prec);
}

static void compare(Printer *p, const Node *n, const char *mlm, const char *latex, const char *words) {
    /* a chain a < b < c prints as written; a comparison written in brackets keeps them */
    node(p, n->a, n->kind == N_COMPARE && n->flag ? PREC_COMPARE : PREC_COMPARE + 1);
    fprintf(p->out, " %s ", p->style == AST_LATEX ? latex : p->style == AST_WORDS ? words : mlm);
    node(p, n->b, PREC_COMPARE + 1);
}

static void powsup(Printer *p, const Node *n) {
    if (p->style == AST_LATEX) {
        node(p, n->a, PREC_POSTFIX);
        fprintf(p->out, "^{%.0f}", n->num);
        return;
    }
    if (p->style == AST_WORDS) {
        if (n->num == -1) { put(p, "the inverse of "); node(p, n->a, PREC_POSTFIX); return; }
        node(p, n->a, PREC_POSTFIX);
        if (n->num == 2) put(p, " squared");
        else if (n->num == 3) put(p, " cubed");
        else fprintf(p->out, " to the power %.0f", n->num);
        return;
    }
    node(p, n->a, PREC_POSTFIX);
    superscript(p, n->num);
}

static void norm(Printer *p, const Node *n) {
    const char *sub = n->op == NORM_1 ? "1" : n->op == NORM_INF ? "inf" : n->op == NORM_FRO ? "F" : NULL;
    if (p->style == AST_LATEX) {
        put(p, "\\lVert "); node(p, n->a, 0); put(p, " \\rVert");
        if (sub) fprintf(p->out, "_{%s}", n->op == NORM_INF ? "\\infty" : sub);
        return;
    }
    if (p->style == AST_WORDS) {
        put(p, n->op == NORM_1 ? "the 1-norm of " : n->op == NORM_INF ? "the max-norm of " :
               n->op == NORM_FRO ? "the Frobenius norm of " : "the norm of ");
        node(p, n->a, PREC_POSTFIX);
        return;
    }
    put(p, "‖"); node(p, n->a, 0); put(p, "‖");
    if (sub) fprintf(p->out, "_%s", sub);
}

/* f'(x), f''(x): a transpose being called is the derivative written with primes (an array is
 * never called), so it prints as primes in every style, not as ᵀ. */
static bool primed_call(Printer *p, const Node *n) {
    int primes = 0;
    const Node *f = n->a;
    while (f->kind == N_TRANSPOSE) { primes++; f = f->a; }
    if (!primes || !is_name_kind(f)) return false;
    if (p->style == AST_WORDS) {
        fprintf(p->out, "the %s derivative of ", primes == 1 ? "first" : primes == 2 ? "second" : primes == 3 ? "third" : "nth");
        name(p, f->name);
        put(p, " at ");
        list(p, n->list, n->nlist, " and ");
        return true;
    }
    name(p, f->name);
    for (int i = 0; i < primes; i++) put(p, p->style == AST_LATEX ? "'" : "'");
    put(p, p->style == AST_LATEX ? "\\left(" : "(");
    list(p, n->list, n->nlist, ", ");
    put(p, p->style == AST_LATEX ? "\\right)" : ")");
    return true;
}

/* d/dx E (the parser's diff(E, x[, k])) and ∫_a^b E dx (integrate(x -> E, a, b)) as a book sets
 * them, in LaTeX and words; mlm style keeps the call, which reads back as the same tree. */
static bool calculus_call(Printer *p, const Node *n, const char *callee) {
    if (p->style == AST_MLM || !callee) return false;
    if (strcmp(callee, "diff") == 0 && (n->nlist == 2 || n->nlist == 3) && is_name_kind(n->list[1]) &&
        (n->nlist == 2 || n->list[2]->kind == N_NUM)) {
        const char *x = n->list[1]->name;
        double k = n->nlist == 3 ? n->list[2]->num : 1;
        if (p->style == AST_WORDS) {
            if (k == 1) put(p, "the derivative with respect to ");
            else fprintf(p->out, "the derivative of order %.0f with respect to ", k);
            name(p, x);
            put(p, " of ");
            node(p, n->list[0], PREC_POSTFIX);
            return true;
        }
        if (k == 1) put(p, "\\frac{d}{d");
        else fprintf(p->out, "\\frac{d^{%.0f}}{d", k);
        latex_name(p, x);
        if (k != 1) fprintf(p->out, "^{%.0f}", k);
        put(p, "} ");
        node(p, n->list[0], PREC_POSTFIX);
        return true;
    }
    if (strcmp(callee, "integrate") == 0 && n->nlist == 3 && n->list[0]->kind == N_LAMBDA && n->list[0]->nlist == 1) {
        const Node *f = n->list[0];
        if (p->style == AST_WORDS) {
            put(p, "the integral from ");
            node(p, n->list[1], 0); put(p, " to "); node(p, n->list[2], 0); put(p, " of ");
            node(p, f->a, PREC_MUL); put(p, " with respect to "); name(p, f->list[0]->name);
            return true;
        }
        put(p, "\\int_{"); node(p, n->list[1], 0); put(p, "}^{"); node(p, n->list[2], 0); put(p, "} ");
        node(p, f->a, PREC_MUL);
        put(p, " \\, d"); latex_name(p, f->list[0]->name);
        return true;
    }
    return false;
}

static void call(Printer *p, const Node *n) {
    const char *callee = is_name_kind(n->a) ? n->a->name : NULL;
    if (primed_call(p, n) || calculus_call(p, n, callee)) return;
    if (p->style == AST_LATEX && callee) {
        const char *tex;
        if (strcmp(callee, "sqrt") == 0 && n->nlist == 1) { put(p, "\\sqrt{"); node(p, n->list[0], 0); put(p, "}"); return; }
        if (strcmp(callee, "abs") == 0 && n->nlist == 1) { put(p, "\\lvert "); node(p, n->list[0], 0); put(p, " \\rvert"); return; }
        if (strcmp(callee, "exp") == 0 && n->nlist == 1) { put(p, "e^{"); node(p, n->list[0], 0); put(p, "}"); return; }
        if (latex_function(callee, &tex)) {
            if (tex) put(p, tex);
            else fprintf(p->out, "\\%s", callee);
        } else if (strlen(callee) > 1 && (unsigned char)callee[0] < 0x80) {
            put(p, "\\operatorname{");
            for (const char *s = callee; *s; s++) { if (*s == '_') put(p, "\\_"); else fputc(*s, p->out); }
            put(p, "}");
        } else {
            latex_name(p, callee);
        }
        put(p, "\\left(");
        list(p, n->list, n->nlist, ", ");
        put(p, "\\right)");
        return;
    }
    if (p->style == AST_WORDS) {
        node(p, n->a, PREC_POSTFIX);
        put(p, " of ");
        list(p, n->list, n->nlist, " and ");
        return;
    }
    node(p, n->a, PREC_POSTFIX);
    put(p, "(");
    list(p, n->list, n->nlist, ", ");
    put(p, ")");
}

static void index_node(Printer *p, const Node *n) {
    if (p->style == AST_LATEX) {
        node(p, n->a, PREC_POSTFIX);
        put(p, "_{");
        list(p, n->list, n->nlist, ",");
        put(p, "}");
        return;
    }
    node(p, n->a, PREC_POSTFIX);
    put(p, p->style == AST_WORDS ? " sub " : "[");
    list(p, n->list, n->nlist, p->style == AST_WORDS ? " and " : ", ");
    if (p->style != AST_WORDS) put(p, "]");
}

static void sum(Printer *p, const Node *n) {
    bool is_sum = n->op == OP_SUM;
    if (p->style == AST_WORDS) {
        fprintf(p->out, "%s, for %s from ", is_sum ? "the sum" : "the product", n->name);
        node(p, n->a, 0); put(p, " to "); node(p, n->b, 0); put(p, ", of ");
        node(p, n->c, PREC_MUL);
        return;
    }
    if (p->style == AST_LATEX) {
        fprintf(p->out, "%s_{", is_sum ? "\\sum" : "\\prod");
        latex_name(p, n->name);
        put(p, "="); node(p, n->a, 0); put(p, "}^{"); node(p, n->b, 0); put(p, "} ");
        node(p, n->c, PREC_MUL);
        return;
    }
    fprintf(p->out, "%s_{%s=", is_sum ? "Σ" : "∏", n->name);
    node(p, n->a, 0);
    put(p, "}^{");
    node(p, n->b, 0);
    put(p, "} ");
    node(p, n->c, PREC_MUL);
}

static void matrix(Printer *p, const Node *n) {
    bool is_matrix = n->kind == N_MATRIX;
    if (p->style == AST_LATEX) {
        put(p, "\\begin{bmatrix} ");
        if (is_matrix)
            for (int r = 0; r < n->nlist; r++) {
                if (r) put(p, " \\\\ ");
                list(p, n->list[r]->list, n->list[r]->nlist, " & ");
            }
        else
            list(p, n->list, n->nlist, " & ");
        put(p, " \\end{bmatrix}");
        return;
    }
    put(p, "[");
    if (is_matrix)
        for (int r = 0; r < n->nlist; r++) {
            if (r) put(p, "; ");
            list(p, n->list[r]->list, n->list[r]->nlist, ", ");
        }
    else
        list(p, n->list, n->nlist, ", ");
    put(p, "]");
}

static void lambda(Printer *p, const Node *n) {
    bool several = n->nlist != 1;
    if (several) put(p, "(");
    for (int i = 0; i < n->nlist; i++) {
        if (i) put(p, ", ");
        name(p, n->list[i]->name);
    }
    if (several) put(p, ")");
    put(p, p->style == AST_LATEX ? " \\mapsto " : p->style == AST_WORDS ? " maps to " : " -> ");
    node(p, n->a, PREC_LAMBDA);
}

static void if_expr(Printer *p, const Node *n) {
    if (p->style == AST_LATEX) {
        put(p, "\\begin{cases} "); node(p, n->b, 0); put(p, " & \\text{if } "); node(p, n->a, 0);
        put(p, " \\\\ "); node(p, n->c, 0); put(p, " & \\text{otherwise} \\end{cases}");
        return;
    }
    put(p, "if "); node(p, n->a, PREC_IF + 1);
    put(p, " then "); node(p, n->b, PREC_IF + 1);
    put(p, " else "); node(p, n->c, PREC_IF);
}

/* }===================== */

/* {===================== statements (function bodies written as blocks) */

static void statement(Printer *p, const Node *n);

static void block(Printer *p, const Node *n) {
    put(p, "{ ");
    for (int i = 0; i < n->nlist; i++) {
        if (i) put(p, "; ");
        statement(p, n->list[i]);
    }
    put(p, " }");
}

static void statement(Printer *p, const Node *n) {
    switch (n->kind) {
    case N_EXPR_STMT: node(p, n->a, 0); if (n->flag) put(p, ";"); return;
    case N_ASSIGN: case N_INDEX_ASSIGN: case N_FACT:
        node(p, n->a, 0); put(p, " = "); node(p, n->b, 0);
        return;
    case N_FUNCDEF:
        put(p, n->name); put(p, "("); list(p, n->list, n->nlist, ", "); put(p, ") = ");
        if (n->a->kind == N_BLOCK) block(p, n->a);
        else node(p, n->a, 0);
        return;
    case N_BLOCK: block(p, n); return;
    case N_FOR:
        fprintf(p->out, "for %s in ", n->name); node(p, n->a, 0); put(p, " "); block(p, n->b);
        return;
    case N_WHILE: put(p, "while "); node(p, n->a, 0); put(p, " "); block(p, n->b); return;
    case N_IF:
        put(p, "if "); node(p, n->a, 0); put(p, " "); block(p, n->b);
        if (n->c) { put(p, " else "); if (n->c->kind == N_IF) statement(p, n->c); else block(p, n->c); }
        return;
    case N_RETURN: put(p, "return"); if (n->a) { put(p, " "); node(p, n->a, 0); } return;
    case N_BREAK: put(p, "break"); return;
    case N_CONTINUE: put(p, "continue"); return;
    case N_CHECK: case N_ASSERT: fprintf(p->out, "%s %s", n->kind == N_CHECK ? "check" : "assert", n->name); return;
    case N_WHY: put(p, "why "); node(p, n->a, 0); return;
    case N_IMPORT: put(p, "import "); string(p, n->a); return;
    case N_TIME: put(p, "time "); statement(p, n->a); return;
    case N_COMMAND:
        put(p, n->name);
        for (int i = 0; i < n->nlist; i++) { put(p, " "); put(p, n->list[i]->name); }
        return;
    default: node(p, n, 0); return;
    }
}

/* }===================== */

/* Writes n, in brackets when it binds more loosely than `need`. */
static void node(Printer *p, const Node *n, int need) {
    if (!n) { put(p, "?"); return; }
    bool brackets = ast_node_prec(n) < need;
    if (brackets) put(p, p->style == AST_LATEX ? "\\left(" : "(");
    switch (n->kind) {
    case N_NUM: number(p, n->num); break;
    case N_STR: string(p, n); break;
    case N_NAME: case N_LOCAL: case N_GLOBAL: name(p, n->name); break;
    case N_END: put(p, "end"); break;
    case N_ALL: put(p, ":"); break;
    case N_BINARY: binary(p, n); break;
    case N_UNARY: unary(p, n); break;
    case N_AND: case N_OR: {
        int prec = n->kind == N_AND ? PREC_AND : PREC_OR;
        node(p, n->a, prec);
        put(p, p->style == AST_LATEX ? (n->kind == N_AND ? " \\land " : " \\lor ") : n->kind == N_AND ? " and " : " or ");
        node(p, n->b, prec + 1);
        break;
    }
    case N_COMPARE: {
        const OpInfo *op = op_info(n->op);
        compare(p, n, op->symbol, op->latex, op->words);
        break;
    }
    case N_APPROX: compare(p, n, "≈", "\\approx", "is approximately"); break;
    case N_POWSUP: powsup(p, n); break;
    case N_TRANSPOSE:
        if (p->style == AST_WORDS) { put(p, "the transpose of "); node(p, n->a, PREC_POSTFIX); break; }
        node(p, n->a, PREC_POSTFIX);
        put(p, p->style == AST_LATEX ? "^{\\top}" : "ᵀ");
        break;
    case N_ABS:
        if (p->style == AST_WORDS) { put(p, "the absolute value of "); node(p, n->a, PREC_POSTFIX); break; }
        put(p, p->style == AST_LATEX ? "\\lvert " : "|");
        node(p, n->a, 0);
        put(p, p->style == AST_LATEX ? " \\rvert" : "|");
        break;
    case N_NORM: norm(p, n); break;
    case N_CALL: call(p, n); break;
    case N_INDEX: index_node(p, n); break;
    case N_FIELD:
        node(p, n->a, PREC_POSTFIX);
        put(p, ".");
        put(p, n->name);
        break;
    case N_RANGE:
        node(p, n->a, PREC_RANGE + 1);
        put(p, ":");
        if (n->c) { node(p, n->c, PREC_RANGE + 1); put(p, ":"); }
        node(p, n->b, PREC_RANGE + 1);
        break;
    case N_VECTOR: case N_MATRIX: matrix(p, n); break;
    case N_IF_EXPR: if_expr(p, n); break;
    case N_LAMBDA: lambda(p, n); break;
    case N_SUM: sum(p, n); break;
    case N_GIVEN:
        node(p, n->a, PREC_GIVEN);
        put(p, p->style == AST_LATEX ? " \\mid " : p->style == AST_WORDS ? " given " : " | ");
        node(p, n->b, PREC_GIVEN + 1);
        break;
    case N_PROB:
        put(p, p->style == AST_WORDS ? "the probability of " : "P(");
        list(p, n->list, n->nlist, ", ");
        if (p->style != AST_WORDS) put(p, ")");
        break;
    default: statement(p, n); break;
    }
    if (brackets) put(p, p->style == AST_LATEX ? "\\right)" : ")");
}

void ast_print(FILE *out, const Node *n, AstStyle style) {
    Printer p = {out, style};
    node(&p, n, 0);
}

const char *ast_print_text(const Node *n, AstStyle style, char *buf, size_t size) {
    if (!size) return buf;
    FILE *m = fmemopen(buf, size, "w");
    if (!m) { buf[0] = '\0'; return buf; }
    setvbuf(m, NULL, _IONBF, 0);
    ast_print(m, n, style);
    long at = ftell(m);
    fclose(m);
    buf[at >= 0 && (size_t)at < size ? (size_t)at : size - 1] = '\0';
    return buf;
}
