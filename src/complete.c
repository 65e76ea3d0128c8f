/* complete.c — the Tab completion generator (see complete.h): symbol names first (they may
 * be typed anywhere, even in strings and comments), then file names inside the string
 * argument of import/load, then names (after `r.`, the parts of the result r). Nothing here
 * touches readline. */
#include "complete.h"
#include "keywords.h"
#include "object.h"

#include <dirent.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

enum { SYMBOL_LOOKBACK = 48 }; /* bytes before the cursor searched for a '\' */

/* {===================== UTF-8 and identifier characters (as grammar/lexer.re) */

/* Decodes the character at s (n bytes available) into *cp; returns its length (≥ 1; a
 * malformed byte counts as one character U+FFFD). */
static int utf8_decode(const char *s, size_t n, uint32_t *cp) {
    const unsigned char *u = (const unsigned char *)s;
    int len = u[0] < 0x80 ? 1 : (u[0] & 0xE0) == 0xC0 ? 2 : (u[0] & 0xF0) == 0xE0 ? 3
            : (u[0] & 0xF8) == 0xF0 ? 4 : 0;
    if (len == 0 || (size_t)len > n) { *cp = 0xFFFD; return 1; }
    uint32_t c = len == 1 ? u[0] : len == 2 ? (u[0] & 0x1Fu) : len == 3 ? (u[0] & 0x0Fu) : (u[0] & 0x07u);
    for (int i = 1; i < len; i++) {
        if ((u[i] & 0xC0) != 0x80) { *cp = 0xFFFD; return 1; }
        c = (c << 6) | (u[i] & 0x3Fu);
    }
    *cp = c;
    return len;
}

/* The offset of the character that ends just before offset i (i > 0). */
static int utf8_prev(const char *s, int i) {
    int j = i - 1;
    while (j > 0 && i - j < 4 && ((unsigned char)s[j] & 0xC0) == 0x80) j--;
    return j;
}

static bool is_letter(uint32_t c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xD6) ||
           (c >= 0xD8 && c <= 0xF6) || (c >= 0xF8 && c <= 0x24F) || (c >= 0x391 && c <= 0x39F) ||
           c == 0x3A1 || (c >= 0x3A4 && c <= 0x3A9) || (c >= 0x3B1 && c <= 0x3C9) ||
           c == 0x3D1 || c == 0x3D5 || c == 0x3F5 || c == 0x2113;
}

static bool is_idcont(uint32_t c) {
    return is_letter(c) || (c >= '0' && c <= '9') || c == '_' || (c >= 0x300 && c <= 0x36F) ||
           (c >= 0x2080 && c <= 0x2089) || (c >= 0x2090 && c <= 0x209C) || (c >= 0x1D62 && c <= 0x1D65) ||
           c == 0x2C7C; /* subscript letters, as the lexer reads them (yᵢ) */
}

static bool is_ascii_letter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* }===================== */

/* {===================== the symbol table */

typedef struct Symbol {
    const char *name; /* without the backslash */
    const char *text;
} Symbol;

/* LaTeX names where LaTeX has them (so \epsilon is ϵ and \varepsilon is ε, as in a paper),
 * plus the operators mlm reads. Only symbols the lexer accepts (∇ and ∂ are reserved). */
static const Symbol symbols[] = {
    {"alpha", "α"}, {"beta", "β"}, {"gamma", "γ"}, {"delta", "δ"}, {"epsilon", "ϵ"},
    {"varepsilon", "ε"}, {"zeta", "ζ"}, {"eta", "η"}, {"theta", "θ"}, {"vartheta", "ϑ"},
    {"iota", "ι"}, {"kappa", "κ"}, {"lambda", "λ"}, {"mu", "μ"}, {"nu", "ν"}, {"xi", "ξ"},
    {"omicron", "ο"}, {"pi", "π"}, {"rho", "ρ"}, {"sigma", "σ"}, {"varsigma", "ς"},
    {"tau", "τ"}, {"upsilon", "υ"}, {"phi", "ϕ"}, {"varphi", "φ"}, {"chi", "χ"}, {"psi", "ψ"},
    {"omega", "ω"},
    {"Gamma", "Γ"}, {"Delta", "Δ"}, {"Theta", "Θ"}, {"Lambda", "Λ"}, {"Xi", "Ξ"}, {"Pi", "Π"},
    {"Sigma", "Σ"}, {"Upsilon", "Υ"}, {"Phi", "Φ"}, {"Psi", "Ψ"}, {"Omega", "Ω"},
    {"sum", "Σ"}, {"prod", "∏"}, {"sqrt", "√"}, {"nabla", "∇"}, {"partial", "∂"},
    {"in", "∈"}, {"le", "≤"}, {"leq", "≤"}, {"ge", "≥"}, {"geq", "≥"}, {"ne", "≠"},
    {"neq", "≠"}, {"approx", "≈"}, {"times", "×"}, {"cdot", "·"}, {"div", "÷"},
    {"infty", "∞"}, {"top", "ᵀ"}, {"intercal", "ᵀ"}, {"cap", "∩"}, {"land", "∧"},
    {"wedge", "∧"}, {"lor", "∨"}, {"vee", "∨"}, {"neg", "¬"}, {"lnot", "¬"}, {"to", "→"},
    {"rightarrow", "→"}, {"Vert", "‖"}, {"ell", "ℓ"}, {"minus", "−"},
};

/* Accents over a letter: the combining mark, and the letters that have a precomposed form
 * inside the lexer's Latin range (U+00C0–U+024F, so `\hat{y}` is the ŷ people type). */
typedef struct Accent {
    const char *name;
    const char *mark;     /* combining character */
    const char *bases;    /* ASCII letters with a precomposed form … */
    const char *composed; /* … and those forms, in the same order */
} Accent;

static const Accent accents[] = {
    {"hat", "\u0302", "aceghijosuwyACEGHIJOSUWY", "âĉêĝĥîĵôŝûŵŷÂĈÊĜĤÎĴÔŜÛŴŶ"},
    {"bar", "\u0304", "aeiouyAEIOUY", "āēīōūȳĀĒĪŌŪȲ"},
    {"tilde", "\u0303", "ainouAINOU", "ãĩñõũÃĨÑÕŨ"},
    {"dot", "\u0307", "acegozACEGIOZ", "ȧċėġȯżȦĊĖĠİȮŻ"},
    {"ddot", "\u0308", "aeiouyAEIOUY", "äëïöüÿÄËÏÖÜŸ"},
    {"check", "\u030C", "acdeghijklnorstuzACDEGHIKLNORSTUZ", "ǎčďěǧȟǐǰǩľňǒřšťǔžǍČĎĚǦȞǏǨĽŇǑŘŠŤǓŽ"},
    {"acute", "\u0301", "acegilnorsuyzACEGILNORSUYZ", "áćéǵíĺńóŕśúýźÁĆÉǴÍĹŃÓŔŚÚÝŹ"},
    {"grave", "\u0300", "aeinouAEINOU", "àèìǹòùÀÈÌǸÒÙ"},
    {"breve", "\u0306", "aegiouAEGIOU", "ăĕğĭŏŭĂĔĞĬŎŬ"},
};

enum {
    NSYMBOLS = (int)(sizeof symbols / sizeof symbols[0]),
    NACCENTS = (int)(sizeof accents / sizeof accents[0]),
};

/* Superscripts (`\^…`) and subscripts (`\_…`) the lexer reads. */
static const char *superscript(char c) {
    static const char *const digits[] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
    if (c >= '0' && c <= '9') return digits[c - '0'];
    switch (c) {
    case '+': return "⁺";
    case '-': return "⁻";
    case 'T': return "ᵀ";
    case 'n': return "ⁿ";
    default: return NULL;
    }
}

static const char *subscript(char c) {
    static const char *const digits[] = {"₀", "₁", "₂", "₃", "₄", "₅", "₆", "₇", "₈", "₉"};
    return c >= '0' && c <= '9' ? digits[c - '0'] : NULL;
}

/* Blackboard bold (`\mathbb{R}`): the number sets ℝ ℕ ℤ ℚ ℂ, and ℙ ℍ 𝔼 𝟙 as papers use them. */
static const char *blackboard(char c) {
    switch (c) {
    case 'R': return "ℝ";
    case 'N': return "ℕ";
    case 'Z': return "ℤ";
    case 'Q': return "ℚ";
    case 'C': return "ℂ";
    case 'P': return "ℙ";
    case 'H': return "ℍ";
    case 'E': return "𝔼";
    case '1': return "𝟙";
    default: return NULL;
    }
}

const char *complete_symbol_at(int index, const char **text) {
    if (index < 0 || index >= NSYMBOLS) return NULL;
    if (text) *text = symbols[index].text;
    return symbols[index].name;
}

static const Symbol *find_symbol(const char *name, size_t len) {
    for (int i = 0; i < NSYMBOLS; i++)
        if (strlen(symbols[i].name) == len && memcmp(symbols[i].name, name, len) == 0) return &symbols[i];
    return NULL;
}

static const Accent *find_accent(const char *name, size_t len) {
    for (int i = 0; i < NACCENTS; i++)
        if (strlen(accents[i].name) == len && memcmp(accents[i].name, name, len) == 0) return &accents[i];
    return NULL;
}

/* Appends s to buf (of size) at *used; false if it does not fit. */
static bool put(char *buf, size_t size, size_t *used, const char *s, size_t n) {
    if (*used + n + 1 > size) return false;
    memcpy(buf + *used, s, n);
    *used += n;
    buf[*used] = '\0';
    return true;
}

/* base (one letter, maybe already accented) with accent a on top. */
static bool compose(const Accent *a, const char *base, char *buf, size_t size) {
    size_t used = 0;
    if (base[0] && !base[1]) {
        const char *hit = strchr(a->bases, base[0]);
        if (hit) {
            /* the composed forms are all two bytes (U+00C0–U+024F) */
            const char *c = a->composed + 2 * (hit - a->bases);
            return put(buf, size, &used, c, 2);
        }
    }
    return put(buf, size, &used, base, strlen(base)) && put(buf, size, &used, a->mark, strlen(a->mark));
}

bool complete_symbol(const char *text, size_t len, char *buf, size_t size) {
    if (len < 2 || text[0] != '\\' || size == 0) return false;
    size_t used = 0;
    buf[0] = '\0';
    if (text[1] == '^' || text[1] == '_') {
        if (len < 3) return false;
        for (size_t i = 2; i < len; i++) {
            const char *s = text[1] == '^' ? superscript(text[i]) : subscript(text[i]);
            if (!s || !put(buf, size, &used, s, strlen(s))) return false;
        }
        return true;
    }
    size_t k = 1;
    while (k < len && is_ascii_letter(text[k])) k++;
    if (k == 1) return false;
    if (k == len) {
        const Symbol *s = find_symbol(text + 1, k - 1);
        return s && put(buf, size, &used, s->text, strlen(s->text));
    }
    /* \mathbb{R} — a blackboard letter (ℝ ℕ ℤ ℚ ℂ …) */
    if (k - 1 == 6 && memcmp(text + 1, "mathbb", 6) == 0 && text[k] == '{' && k + 1 < len) {
        size_t end = len - (text[len - 1] == '}' ? 1 : 0);
        if (end != k + 2) return false;
        const char *bb = blackboard(text[k + 1]);
        return bb && put(buf, size, &used, bb, strlen(bb));
    }
    /* \accent{arg} — the closing brace may be left off */
    const Accent *a = find_accent(text + 1, k - 1);
    if (!a || text[k] != '{') return false;
    const char *arg = text + k + 1;
    size_t arglen = len - k - 1;
    if (arglen > 0 && arg[arglen - 1] == '}') arglen--;
    if (arglen == 0) return false;
    char base[64];
    if (arg[0] == '\\') {
        if (!complete_symbol(arg, arglen, base, sizeof base)) return false;
    } else {
        uint32_t cp;
        int n = utf8_decode(arg, arglen, &cp);
        if ((size_t)n != arglen || (size_t)n >= sizeof base) return false;
        memcpy(base, arg, (size_t)n);
        base[n] = '\0';
    }
    uint32_t first;
    utf8_decode(base, strlen(base), &first);
    if (!is_letter(first)) return false;
    return compose(a, base, buf, size);
}

/* }===================== */

/* {===================== the candidate list */

static void add_item(Completion *c, const char *s, size_t n) {
    if (c->count == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 16;
        char **bigger = realloc(c->items, (size_t)c->cap * sizeof *bigger);
        if (!bigger) abort();
        c->items = bigger;
    }
    char *copy = malloc(n + 1);
    if (!copy) abort();
    memcpy(copy, s, n);
    copy[n] = '\0';
    c->items[c->count++] = copy;
}

static int compare_items(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void sort_unique(Completion *c) {
    if (c->count < 2) return;
    qsort(c->items, (size_t)c->count, sizeof *c->items, compare_items);
    int kept = 1;
    for (int i = 1; i < c->count; i++) {
        if (strcmp(c->items[i], c->items[kept - 1]) == 0) free(c->items[i]);
        else c->items[kept++] = c->items[i];
    }
    c->count = kept;
}

void completion_free(Completion *c) {
    for (int i = 0; i < c->count; i++) free(c->items[i]);
    free(c->items);
    memset(c, 0, sizeof *c);
}

char *completion_common_prefix(const Completion *c) {
    size_t n = c->count > 0 ? strlen(c->items[0]) : 0;
    for (int i = 1; i < c->count; i++) {
        size_t k = 0;
        while (k < n && c->items[i][k] == c->items[0][k]) k++;
        n = k;
    }
    /* never stop inside a UTF-8 sequence */
    while (n > 0 && c->count > 0 && ((unsigned char)c->items[0][n] & 0xC0) == 0x80) n--;
    char *out = malloc(n + 1);
    if (!out) abort();
    if (n) memcpy(out, c->items[0], n);
    out[n] = '\0';
    return out;
}

/* }===================== */

/* {===================== symbols: `\name`, `\hat{y}`, `\^2` before the cursor */

static bool symbol_context(const char *line, int point, Completion *out) {
    int floor = point > SYMBOL_LOOKBACK ? point - SYMBOL_LOOKBACK : 0;
    for (int b = point - 1; b >= floor; b--) {
        char ch = line[b];
        if (ch == ' ' || ch == '\t' || ch == '\n') return false;
        if (ch != '\\') continue;
        const char *form = line + b;
        size_t len = (size_t)(point - b);
        char text[128];
        if (complete_symbol(form, len, text, sizeof text)) {
            out->kind = COMPLETE_SYMBOL;
            out->start = b;
            add_item(out, text, strlen(text));
            return true;
        }
        size_t k = 1;
        while (k < len && is_ascii_letter(form[k])) k++;
        if (k < len) continue; /* not a \prefix: maybe an \accent{…} further back */
        out->kind = COMPLETE_SYMBOL_NAME;
        out->start = b;
        for (int i = 0; i < NSYMBOLS; i++)
            if (strncmp(symbols[i].name, form + 1, len - 1) == 0) {
                char name[64];
                snprintf(name, sizeof name, "\\%s", symbols[i].name);
                add_item(out, name, strlen(name));
            }
        if (strncmp("mathbb", form + 1, len - 1) == 0) add_item(out, "\\mathbb{", 8);
        for (int i = 0; i < NACCENTS; i++)
            if (strncmp(accents[i].name, form + 1, len - 1) == 0) {
                char name[64];
                snprintf(name, sizeof name, "\\%s{", accents[i].name);
                add_item(out, name, strlen(name));
            }
        sort_unique(out);
        if (out->count == 0) out->kind = COMPLETE_NONE;
        return true;
    }
    return false;
}

/* }===================== */

/* {===================== file names inside import "…" / load("…") */

/* Where line[0..point) ends: in code, in a string opened at *quote, or in a comment. */
typedef enum Place { IN_CODE, IN_STRING, IN_COMMENT } Place;

static Place place_of(const char *line, int point, int *quote) {
    Place p = IN_CODE;
    for (int i = 0; i < point; i++) {
        char ch = line[i];
        if (p == IN_STRING) {
            if (ch == '\\' && i + 1 < point) i++;
            else if (ch == '"' || ch == '\n') p = IN_CODE;
        } else if (p == IN_COMMENT) {
            if (ch == '\n') p = IN_CODE;
        } else if (ch == '"') {
            p = IN_STRING;
            *quote = i;
        } else if (ch == '#') {
            p = IN_COMMENT;
        }
    }
    return p;
}

/* True when line[0..end) ends with the word w (not part of a longer name). */
static bool ends_with_word(const char *line, int end, const char *w) {
    int n = (int)strlen(w);
    if (end < n || strncmp(line + end - n, w, (size_t)n) != 0) return false;
    if (end == n) return true;
    uint32_t cp;
    int prev = utf8_prev(line, end - n);
    utf8_decode(line + prev, (size_t)(end - n - prev), &cp);
    return !is_idcont(cp);
}

/* 1 for `import "…`, 2 for a file-reading call `load("…`, 0 otherwise. */
static int file_context(const char *line, int quote) {
    static const char *const readers[] = {"load", NULL}; /* the builtins that read a file by name */
    int e = quote;
    while (e > 0 && (line[e - 1] == ' ' || line[e - 1] == '\t')) e--;
    if (ends_with_word(line, e, "import")) return 1;
    if (e == 0 || line[e - 1] != '(') return 0;
    e--;
    while (e > 0 && (line[e - 1] == ' ' || line[e - 1] == '\t')) e--;
    for (int i = 0; readers[i]; i++)
        if (ends_with_word(line, e, readers[i])) return 2;
    return 0;
}

static bool ends_with(const char *s, const char *suffix) {
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

static void complete_files(const char *line, int start, int point, bool only_mlm, Completion *out) {
    out->kind = COMPLETE_FILE;
    out->start = start;
    const char *typed = line + start;
    int len = point - start;
    int slash = len - 1;
    while (slash >= 0 && typed[slash] != '/') slash--;
    int dirlen = slash + 1; /* "dir/" part, kept in every item */
    char dir[4096];
    if (dirlen == 0) snprintf(dir, sizeof dir, ".");
    else if (dirlen < (int)sizeof dir) snprintf(dir, sizeof dir, "%.*s", dirlen, typed);
    else return;
    const char *base = typed + dirlen;
    size_t baselen = (size_t)(len - dirlen);
    DIR *d = opendir(dir);
    if (!d) return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        const char *name = e->d_name;
        if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0) continue;
        if (name[0] == '.' && (baselen == 0 || base[0] != '.')) continue;
        if (strncmp(name, base, baselen) != 0) continue;
        bool is_dir = e->d_type == DT_DIR;
        if (e->d_type == DT_UNKNOWN || e->d_type == DT_LNK) {
            char path[8192];
            struct stat st;
            snprintf(path, sizeof path, "%s/%s", dir, name);
            is_dir = stat(path, &st) == 0 && S_ISDIR(st.st_mode);
        }
        if (!is_dir && only_mlm && !ends_with(name, ".mlm")) continue;
        char item[8192];
        int n = snprintf(item, sizeof item, "%.*s%s%s", dirlen, typed, name, is_dir ? "/" : "");
        if (n > 0 && n < (int)sizeof item) add_item(out, item, (size_t)n);
    }
    closedir(d);
    sort_unique(out);
}

/* }===================== */

/* {===================== names */

static void complete_names(const Interp *in, const char *word, size_t len, Completion *out) {
    out->kind = COMPLETE_NAME;
    for (int i = 0; keyword_at(i); i++) {
        const char *k = keyword_at(i)->word;
        if (strncmp(k, word, len) == 0) add_item(out, k, strlen(k));
    }
    if (in) interp_need_prelude((Interp *)in); /* the prelude's names complete too */
    if (in)
        for (int i = 0; i < in->nglobals; i++) {
            const Global *g = &in->globals[i];
            if (g->value.kind != VAL_NIL && strncmp(g->name, word, len) == 0)
                add_item(out, g->name, strlen(g->name));
        }
    sort_unique(out);
}

/* After `r.`: the part names of the object variable r (a tuple's results, …) that start with
 * word. False when the name before the point is not a variable holding such an object. */
static bool complete_parts(const Interp *in, const char *line, int dot, const char *word, size_t len,
                           Completion *out) {
    int start = dot;
    while (start > 0) {
        int prev = utf8_prev(line, start);
        uint32_t cp;
        utf8_decode(line + prev, (size_t)(start - prev), &cp);
        if (!is_idcont(cp)) break;
        start = prev;
    }
    if (!in || start == dot) return false;
    for (int i = 0; i < in->nglobals; i++) {
        const Global *g = &in->globals[i];
        if (strlen(g->name) != (size_t)(dot - start) || strncmp(g->name, line + start, (size_t)(dot - start)) != 0)
            continue;
        if (g->value.kind != VAL_OBJ || !g->value.as.obj->type->field_names) return false;
        const char *const *names = NULL;
        int count = g->value.as.obj->type->field_names(g->value.as.obj, &names);
        out->kind = COMPLETE_NAME;
        for (int k = 0; k < count; k++)
            if (strncmp(names[k], word, len) == 0) add_item(out, names[k], strlen(names[k]));
        sort_unique(out);
        return true;
    }
    return false;
}

/* }===================== */

void complete_line(const Interp *in, const char *line, int point, Completion *out) {
    memset(out, 0, sizeof *out);
    int n = (int)strlen(line);
    if (point > n) point = n;
    if (point < 0) point = 0;
    out->start = out->end = point;
    if (symbol_context(line, point, out)) return;
    int quote = -1;
    Place p = place_of(line, point, &quote);
    if (p == IN_STRING) {
        int what = file_context(line, quote);
        if (what) complete_files(line, quote + 1, point, what == 1, out);
        return;
    }
    if (p == IN_COMMENT) return;
    int start = point;
    while (start > 0) {
        int prev = utf8_prev(line, start);
        uint32_t cp;
        utf8_decode(line + prev, (size_t)(start - prev), &cp);
        if (!is_idcont(cp)) break;
        start = prev;
    }
    /* a name starts with a letter: `2x` completes x */
    while (start < point) {
        uint32_t cp;
        int k = utf8_decode(line + start, (size_t)(point - start), &cp);
        if (is_letter(cp)) break;
        start += k;
    }
    out->start = start;
    if (start > 0 && line[start - 1] == '.' &&
        complete_parts(in, line, start - 1, line + start, (size_t)(point - start), out))
        return;
    if (start == point) return;
    complete_names(in, line + start, (size_t)(point - start), out);
}
