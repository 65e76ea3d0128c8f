/* table.c — the data table kind of value (table.h): printing, columns by name, the matrix it
 * stands for. */
#include "table.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "interp.h"

enum { SHOW_HEAD = 10, SHOW_TAIL = 3, SHOW_COLS = 10, LABEL_WIDTH = 14 };

static char *dup_text(const char *s) {
    size_t n = strlen(s);
    char *d = malloc(n + 1);
    if (!d) { fputs("mlm: out of memory\n", stderr); abort(); }
    memcpy(d, s, n + 1);
    return d;
}

static void free_strings(char **s, size_t n) {
    if (!s) return;
    for (size_t i = 0; i < n; i++) free(s[i]);
    free(s);
}

static void table_free(Obj *o) {
    Table *t = (Table *)(void *)o;
    size_t rows = t->m->rows;
    array_release(t->m);
    free_strings(t->names, t->cols);
    free_strings(t->keys, t->cols);
    free_strings(t->row_names, rows);
    if (t->labels)
        for (size_t j = 0; j < t->cols; j++)
            if (t->labels[j]) {
                for (size_t k = 0; k < t->labels[j]->count; k++) free(t->labels[j]->text[k]);
                free(t->labels[j]->text);
                free(t->labels[j]->hash);
                free(t->labels[j]);
            }
    free(t->labels);
    free(t->source);
    free(t);
}

/* A cell as text: 6 significant digits (a table is for reading), a label for a text column. */
static void cell_text(const Table *t, size_t i, size_t j, char *buf, size_t size) {
    double x = t->m->data[i * t->cols + j];
    const CsvLabels *l = t->labels ? t->labels[j] : NULL;
    if (isnan(x)) snprintf(buf, size, "nan");
    else if (l && x >= 1 && x <= (double)l->count && x == floor(x)) {
        const char *s = l->text[(size_t)x - 1];
        if (strlen(s) > LABEL_WIDTH) snprintf(buf, size, "%.*s…", LABEL_WIDTH - 1, s);
        else snprintf(buf, size, "%s", s);
    } else if (isinf(x)) snprintf(buf, size, x < 0 ? "-inf" : "inf");
    else if (x == 0) snprintf(buf, size, "0");
    else if (fabs(x) >= 1e-4 && fabs(x) < 1e15) {
        /* 6 significant digits, but whole numbers in full and no exponent: 4444444, 2839506 */
        int whole = (int)floor(log10(fabs(x))) + 1;
        int decimals = whole >= 6 ? 0 : 6 - whole;
        snprintf(buf, size, "%.*f", decimals, x);
        if (strchr(buf, '.')) {
            char *end = buf + strlen(buf) - 1;
            while (*end == '0') *end-- = '\0';
            if (*end == '.') *end = '\0';
        }
        if (strcmp(buf, "-0") == 0) snprintf(buf, size, "0");
    } else {
        snprintf(buf, size, "%.6g", x);
        char *e = strchr(buf, 'e'); /* 1e+06 → 1e6, 1.5e-07 → 1.5e-7 */
        if (e) {
            char *p = e + 1, *w = e + 1;
            if (*p == '-') *w++ = *p++;
            else if (*p == '+') p++;
            while (*p == '0' && p[1]) p++;
            memmove(w, p, strlen(p) + 1);
        }
    }
}

static size_t text_width(const char *s) {
    size_t w = 0;
    for (; *s; s++) w += ((unsigned char)*s & 0xC0) != 0x80;
    return w;
}

static void pad(FILE *out, size_t n) {
    while (n--) fputc(' ', out);
}

static bool shown_row(size_t rows, size_t i) { return rows <= SHOW_HEAD + SHOW_TAIL + 2 || i < SHOW_HEAD || i >= rows - SHOW_TAIL; }

static void table_print(FILE *out, const Obj *o) {
    const Table *t = (const Table *)(const void *)o;
    size_t rows = t->m->rows, cols = t->cols;
    size_t ncols = cols > SHOW_COLS ? SHOW_COLS - 2 : cols; /* then … and the last one */
    if (t->source || !t->row_names) {
        fprintf(out, "%zu×%zu table", rows, cols);
        if (t->source) fprintf(out, " from %s", t->source);
        if (t->missing) fprintf(out, " (%zu empty cell%s read as nan)", t->missing, t->missing == 1 ? "" : "s");
        fputc('\n', out);
    }
    /* the row label column: row numbers or row names */
    size_t lw = 0;
    char buf[64];
    for (size_t i = 0; i < rows; i++) {
        if (!shown_row(rows, i)) continue;
        if (t->row_names) snprintf(buf, sizeof buf, "%s", t->row_names[i]);
        else snprintf(buf, sizeof buf, "%zu", i + 1);
        if (text_width(buf) > lw) lw = text_width(buf);
    }
    size_t width[SHOW_COLS + 1];
    size_t which[SHOW_COLS + 1];
    size_t nshow = 0;
    for (size_t j = 0; j < ncols; j++) which[nshow++] = j;
    if (cols > SHOW_COLS) which[nshow++] = cols - 1;
    for (size_t k = 0; k < nshow; k++) {
        size_t j = which[k];
        width[k] = text_width(t->names[j]);
        for (size_t i = 0; i < rows; i++) {
            if (!shown_row(rows, i)) continue;
            cell_text(t, i, j, buf, sizeof buf);
            if (text_width(buf) > width[k]) width[k] = text_width(buf);
        }
    }
    pad(out, lw);
    for (size_t k = 0; k < nshow; k++) {
        if (cols > SHOW_COLS && k == nshow - 1) fputs("  …", out);
        pad(out, 2 + width[k] - text_width(t->names[which[k]]));
        fputs(t->names[which[k]], out);
    }
    bool elided = false;
    for (size_t i = 0; i < rows; i++) {
        if (!shown_row(rows, i)) {
            if (!elided) { fputc('\n', out); pad(out, lw > 0 ? lw - 1 : 0); fputs("…", out); }
            elided = true;
            continue;
        }
        fputc('\n', out);
        if (t->row_names) snprintf(buf, sizeof buf, "%s", t->row_names[i]);
        else snprintf(buf, sizeof buf, "%zu", i + 1);
        if (t->row_names) { fputs(buf, out); pad(out, lw - text_width(buf)); }
        else { pad(out, lw - text_width(buf)); fputs(buf, out); }
        for (size_t k = 0; k < nshow; k++) {
            if (cols > SHOW_COLS && k == nshow - 1) fputs("  …", out);
            cell_text(t, i, which[k], buf, sizeof buf);
            pad(out, 2 + width[k] - text_width(buf));
            fputs(buf, out);
        }
    }
}

static void table_describe(const Obj *o, char *buf, size_t size) {
    const Table *t = (const Table *)(const void *)o;
    snprintf(buf, size, "a %zu×%zu table", t->m->rows, t->cols);
}

static bool table_field(Interp *in, const Obj *o, const char *name, Span span, Value *out) {
    const Table *t = (const Table *)(const void *)o;
    for (size_t j = 0; j < t->cols; j++) {
        if (strcmp(t->keys[j], name) != 0 && strcmp(t->names[j], name) != 0) continue;
        Array *v = interp_new_vector(in, span, t->m->rows);
        if (!v) return false;
        for (size_t i = 0; i < t->m->rows; i++) v->data[i] = t->m->data[i * t->cols + j];
        *out = value_arr(v);
        return true;
    }
    return false;
}

static int table_field_names(const Obj *o, const char *const **names) {
    const Table *t = (const Table *)(const void *)o;
    *names = (const char *const *)t->keys;
    return (int)t->cols;
}

static bool table_as_array(const Obj *o, Value *out) {
    const Table *t = (const Table *)(const void *)o;
    *out = value_arr(array_retain(t->m));
    return true;
}

const ObjType table_type = {
    .name = "table",
    .free = table_free,
    .print = table_print,
    .describe = table_describe,
    .field = table_field,
    .field_names = table_field_names,
    .as_array = table_as_array,
};

/* "cpu avg" → cpu_avg, "2nd" → _2nd: what can follow a '.' */
static char *identifier(const char *name, size_t j) {
    size_t n = strlen(name);
    char *k = malloc(n + 24);
    if (!k) { fputs("mlm: out of memory\n", stderr); abort(); }
    size_t w = 0;
    if (n == 0) { snprintf(k, n + 24, "x%zu", j + 1); return k; }
    if (isdigit((unsigned char)name[0])) k[w++] = '_';
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)name[i];
        k[w++] = (isalnum(c) || c == '_' || c >= 0x80) ? (char)c : '_';
    }
    k[w] = '\0';
    return k;
}

Table *table_new(Array *m, char **names, CsvLabels **labels, char **row_names, const char *source, size_t missing) {
    Table *t = calloc(1, sizeof *t);
    if (!t) { fputs("mlm: out of memory\n", stderr); abort(); }
    obj_init(&t->obj, &table_type);
    t->m = m;
    t->cols = m->cols;
    t->names = names;
    t->keys = malloc((t->cols ? t->cols : 1) * sizeof *t->keys);
    if (!t->keys) { fputs("mlm: out of memory\n", stderr); abort(); }
    for (size_t j = 0; j < t->cols; j++) {
        t->keys[j] = identifier(names[j], j);
        if (!names[j][0]) { /* an unnamed column (pandas' index) goes by its key, x1 */
            free(names[j]);
            names[j] = dup_text(t->keys[j]);
        }
    }
    t->labels = labels;
    t->row_names = row_names;
    t->source = source ? dup_text(source) : NULL;
    t->missing = missing;
    return t;
}
