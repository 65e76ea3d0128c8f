/* print.c — turns values into text: numbers with up to 15 significant digits, vectors as
 * [1, 2, 3], matrices as right-aligned columns written as a literal that can be pasted
 * back, large arrays elided with … and their shape, functions and strings; objects (tuples,
 * distributions, …) print through their type tables.
 *
 * Matrix columns share one width (the widest shown element), as NumPy prints them, so
 * [[52.1, 61.9], [107.5, 197]] shows as "[ 52.1,  61.9;\n 107.5,   197]".
 *
 * Only the elements that are shown are formatted: a matrix shows at most 20 rows and 10
 * columns (beyond that the first and last 3 of each), so the formatted cells fit in a
 * fixed buffer on the stack and printing a huge array costs the same as a small one. */
#include "print.h"

#include <math.h>
#include <stdbool.h>
#include <string.h>

#include "builtins.h"
#include "astprint.h"
#include "deriv.h"
#include "func.h"
#include "object.h"

#define ELLIPSIS "\xE2\x80\xA6" /* "…": 3 bytes, 1 display column */

enum {
    NUM_BUF = 32,        /* longest "%.15g" text is 22 chars: -1.23456789012345e-308 */
    VEC_MAX = 20,        /* vectors longer than this are elided */
    MAT_MAX_ROWS = 20,   /* matrices taller than this show EDGE rows at each end */
    MAT_MAX_COLS = 10,   /* matrices wider than this show EDGE columns at each end */
    EDGE = 3,
    BRIEF_VEC_MAX = 8,   /* brief: vectors up to this many elements in full */
    BRIEF_MAT_MAX = 16,  /* brief: matrices up to this many elements as a one-line literal */
};

const char *print_number(double x, char *buf, size_t size) {
    if (!buf || size == 0) return buf;
    char tmp[NUM_BUF + 8];
    if (isnan(x)) {
        strcpy(tmp, "nan");
    } else if (isinf(x)) {
        strcpy(tmp, x < 0 ? "-inf" : "inf");
    } else {
        if (x == 0) x = 0.0; /* -0 → 0 */
        char raw[NUM_BUF + 8];
        snprintf(raw, sizeof raw, "%.15g", x);
        /* Rewrite the exponent: "1e+20" → "1e20", "1.5e-07" → "1.5e-7". */
        char *e = strchr(raw, 'e');
        if (!e) {
            memcpy(tmp, raw, sizeof raw);
        } else {
            size_t n = (size_t)(e - raw);
            memcpy(tmp, raw, n);
            tmp[n++] = 'e';
            const char *p = e + 1;
            if (*p == '-') tmp[n++] = '-';
            if (*p == '+' || *p == '-') p++;
            while (*p == '0' && p[1] != '\0') p++;
            while (*p) tmp[n++] = *p++;
            tmp[n] = '\0';
        }
    }
    snprintf(buf, size, "%s", tmp);
    return buf;
}

static void put_spaces(FILE *out, size_t n) {
    while (n-- > 0) fputc(' ', out);
}

static void put_number(FILE *out, double x) {
    char buf[NUM_BUF];
    fputs(print_number(x, buf, sizeof buf), out);
}

/* How many of n items are shown when at most max fit, and which item the k-th shown is. */
static size_t shown_count(size_t n, size_t max) {
    return n > max ? 2 * EDGE : n;
}

static size_t shown_index(size_t k, size_t n, size_t max) {
    return (n > max && k >= EDGE) ? n - 2 * EDGE + k : k;
}

/* ---- vectors ---- */

/* "[1, 2, 3]", or "[1, 2, 3, …, 8, 9, 10]" when longer than max (edge shown per end). */
static void print_vector_items(FILE *out, const Array *a, size_t max, size_t edge, bool tail) {
    size_t n = a->len;
    fputc('[', out);
    if (n <= max) {
        for (size_t i = 0; i < n; i++) {
            if (i) fputs(", ", out);
            put_number(out, a->data[i]);
        }
    } else {
        for (size_t i = 0; i < edge; i++) {
            if (i) fputs(", ", out);
            put_number(out, a->data[i]);
        }
        fputs(", " ELLIPSIS, out);
        if (tail) {
            for (size_t i = n - edge; i < n; i++) {
                fputs(", ", out);
                put_number(out, a->data[i]);
            }
        }
    }
    fputc(']', out);
}

/* ---- matrices ---- */

/* Writes the bracketed, aligned rows of a non-empty matrix; returns true if anything
 * was elided. */
static bool print_matrix_rows(FILE *out, const Array *a) {
    char cells[MAT_MAX_ROWS][MAT_MAX_COLS][NUM_BUF];
    size_t width = 0; /* one width for every column, as NumPy does */
    size_t nr = shown_count(a->rows, MAT_MAX_ROWS);
    size_t nc = shown_count(a->cols, MAT_MAX_COLS);
    bool row_gap = a->rows > MAT_MAX_ROWS, col_gap = a->cols > MAT_MAX_COLS;

    /* First pass: format each shown element once and measure it. */
    for (size_t r = 0; r < nr; r++) {
        const double *row = a->data + shown_index(r, a->rows, MAT_MAX_ROWS) * a->cols;
        for (size_t c = 0; c < nc; c++) {
            print_number(row[shown_index(c, a->cols, MAT_MAX_COLS)], cells[r][c], NUM_BUF);
            size_t len = strlen(cells[r][c]);
            if (len > width) width = len;
        }
    }

    fputc('[', out);
    for (size_t r = 0; r < nr; r++) {
        if (r > 0) fputs(";\n ", out);
        if (row_gap && r == EDGE) {
            /* A row of …, one under each column, keeping the columns' alignment. */
            for (size_t c = 0; c < nc; c++) {
                if (c > 0) fputs("  ", out);
                if (col_gap && c == EDGE) fputs(ELLIPSIS "  ", out);
                put_spaces(out, width - 1);
                fputs(ELLIPSIS, out);
            }
            fputs("\n ", out);
        }
        for (size_t c = 0; c < nc; c++) {
            if (c > 0) fputs(", ", out);
            if (col_gap && c == EDGE) fputs(ELLIPSIS ", ", out);
            put_spaces(out, width - strlen(cells[r][c]));
            fputs(cells[r][c], out);
        }
    }
    fputc(']', out);
    return row_gap || col_gap;
}

static void print_matrix(FILE *out, const Array *a) {
    if (a->len == 0) {
        fprintf(out, "[] (%zu×%zu)", a->rows, a->cols);
        return;
    }
    if (print_matrix_rows(out, a))
        fprintf(out, "\n(%zu×%zu matrix)", a->rows, a->cols);
    else if (a->rows == 1)
        fprintf(out, "  (1×%zu)", a->cols); /* a row matrix must not look like a vector */
}

static void print_array(FILE *out, const Array *a) {
    if (a->ndim == 1) {
        print_vector_items(out, a, VEC_MAX, EDGE, true);
        if (a->len > VEC_MAX) fprintf(out, "  (%zu elements)", a->len);
    } else {
        print_matrix(out, a);
    }
}

/* ---- functions, strings ---- */

/* A function with a one-expression body shows its formula (`f(x) = x^2`, `x -> 2x`) through
 * the AST printer; a block body, or a brief form for messages, shows its signature only. */
static void print_function(FILE *out, const Func *f, bool full) {
    if (full && f->formula) { deriv_print(out, f); return; }
    bool lambda = !f->name || strcmp(f->name, "<lambda>") == 0;
    if (full && f->body && f->body->kind != N_BLOCK) {
        if (lambda) {
            if (f->nparams != 1) fputc('(', out);
        } else {
            fprintf(out, "%s(", f->name);
        }
        for (int i = 0; i < f->nparams; i++) fprintf(out, "%s%s", i ? ", " : "", f->params[i]->name);
        if (!lambda || f->nparams != 1) fputc(')', out);
        fputs(lambda ? " -> " : " = ", out);
        ast_print(out, f->body, AST_MLM);
        return;
    }
    if (lambda) fputs("<lambda (", out);
    else fprintf(out, "<function %s(", f->name);
    for (int i = 0; i < f->nparams; i++) {
        if (i) fputs(", ", out);
        const char *name = f->params && f->params[i] && f->params[i]->name ? f->params[i]->name : "?";
        fputs(name, out);
    }
    fputs(")>", out);
}

static void print_quoted(FILE *out, const Str *s) {
    fputc('"', out);
    for (size_t i = 0; i < s->len; i++) {
        char ch = s->text[i];
        switch (ch) {
        case '"': fputs("\\\"", out); break;
        case '\\': fputs("\\\\", out); break;
        case '\n': fputs("\\n", out); break;
        case '\t': fputs("\\t", out); break;
        default: fputc(ch, out); break;
        }
    }
    fputc('"', out);
}

/* ---- entry points ---- */

void print_value(FILE *out, Value v) {
    switch (v.kind) {
    case VAL_NIL: break;
    case VAL_NUM:
        put_number(out, v.as.num);
        if (v.unit) fprintf(out, " %s", value_unit_name((ValueUnit)v.unit, v.as.num));
        break;
    case VAL_ARR: print_array(out, v.as.arr); break;
    case VAL_STR: fwrite(v.as.str->text, 1, v.as.str->len, out); break;
    case VAL_FUNC: print_function(out, v.as.fn, true); break;
    case VAL_BUILTIN: fprintf(out, "<builtin %s>", v.as.builtin->name); break;
    case VAL_OBJ: v.as.obj->type->print(out, v.as.obj); break;
    default: break;
    }
}

void print_value_brief(FILE *out, Value v) {
    switch (v.kind) {
    case VAL_NIL: fputs("nothing", out); break;
    case VAL_STR: print_quoted(out, v.as.str); break;
    case VAL_ARR: {
        const Array *a = v.as.arr;
        if (a->ndim == 1) {
            print_vector_items(out, a, BRIEF_VEC_MAX, EDGE, false);
            if (a->len > BRIEF_VEC_MAX) fprintf(out, " (%zu elements)", a->len);
        } else if (a->len == 0) {
            fprintf(out, "[] (%zu×%zu)", a->rows, a->cols);
        } else if (a->len <= BRIEF_MAT_MAX) {
            fputc('[', out);
            for (size_t r = 0; r < a->rows; r++) {
                if (r) fputs("; ", out);
                for (size_t c = 0; c < a->cols; c++) {
                    if (c) fputs(", ", out);
                    put_number(out, a->data[r * a->cols + c]);
                }
            }
            fputc(']', out);
            if (a->rows == 1) fprintf(out, " (1×%zu)", a->cols);
        } else {
            fprintf(out, "(%zu×%zu matrix)", a->rows, a->cols);
        }
        break;
    }
    case VAL_OBJ:
        if (v.as.obj->type->print_brief) v.as.obj->type->print_brief(out, v.as.obj);
        else fprintf(out, "<%s>", v.as.obj->type->name);
        break;
    case VAL_FUNC: print_function(out, v.as.fn, false); break;
    default: print_value(out, v); break;
    }
}
