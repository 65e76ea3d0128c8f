/* builtins_data.c — the data pillar: load and save delimited text files (csv.h) and describe
 * a dataset column by column. A loaded file is a table (table.h). */
#include <libgen.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "builtins.h"
#include "csv.h"
#include "table.h"

/* The path a script means: relative paths are taken beside the script, as import's are (at
 * the prompt, in the current directory). */
static void resolve_path(const CallInfo *ci, const char *path, char *out, size_t size) {
    const Source *here = ci->call.src;
    if (path[0] != '/' && here && here->name[0] != '<') {
        char dir_buf[4096];
        snprintf(dir_buf, sizeof dir_buf, "%s", here->name);
        const char *dir = dirname(dir_buf);
        if (strcmp(dir, ".") != 0) {
            snprintf(out, size, "%s/%s", dir, path);
            return;
        }
    }
    snprintf(out, size, "%s", path);
}

static bool path_arg(Interp *in, const CallInfo *ci, const Value *argv, int i, char *out, size_t size) {
    if (argv[i].kind != VAL_STR) {
        char what[64];
        return interp_error(in, ci->args[i], "%s: the file name must be a string, got %s", ci->builtin->name,
                            value_describe(argv[i], what, sizeof what));
    }
    if (argv[i].as.str->len == 0) return interp_error(in, ci->args[i], "%s: the file name is empty", ci->builtin->name);
    resolve_path(ci, argv[i].as.str->text, out, size);
    return true;
}

/* {===================== load */

typedef struct LoadCtx {
    Interp *in;
    Array *m; /* owned until the table takes it */
    AllocStatus status;
} LoadCtx;

static double *load_reserve(void *ctx, size_t rows, size_t cols, size_t keep) {
    LoadCtx *c = ctx;
    Array *m = array_new(&c->in->budget, 2, rows, cols, &c->status);
    if (!m) return NULL;
    if (c->m) {
        if (keep) memcpy(m->data, c->m->data, keep * cols * sizeof(double));
        array_release(c->m);
    }
    c->m = m;
    return m->data;
}

static bool fn_load(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    char path[4096];
    if (!path_arg(in, ci, argv, 0, path, sizeof path)) return false;
    CsvOptions opt = {CSV_HEADER_AUTO, 0};
    for (int i = 1; i < argc; i++) {
        const char *o = argv[i].kind == VAL_STR ? argv[i].as.str->text : NULL;
        if (o && strcmp(o, "header") == 0) opt.header = CSV_HEADER_YES;
        else if (o && strcmp(o, "noheader") == 0) opt.header = CSV_HEADER_NO;
        else if (o && (strcmp(o, "tab") == 0 || strcmp(o, "tsv") == 0)) opt.delim = '\t';
        else if (o && (strcmp(o, "comma") == 0 || strcmp(o, "csv") == 0)) opt.delim = ',';
        else if (o && strcmp(o, "semicolon") == 0) opt.delim = ';';
        else
            return interp_error(in, ci->args[i], "load: options are \"header\", \"noheader\", \"csv\", \"tsv\" or \"semicolon\"");
    }
    LoadCtx ctx = {in, NULL, ALLOC_OK};
    CsvTable t;
    const char *shown = argv[0].as.str->text;
    if (!csv_read_file(path, &opt, load_reserve, &ctx, &t)) {
        if (ctx.m) array_release(ctx.m);
        switch (t.error) {
        case CSV_ERR_OPEN: case CSV_ERR_BINARY: case CSV_ERR_EMPTY:
            return interp_error(in, ci->args[0], "load: '%s': %s", path, t.message);
        case CSV_ERR_MEMORY: {
            char need[64], limit[64];
            bytes_text((double)t.err_rows * (double)t.err_cols * 8, need, sizeof need);
            bytes_text((double)in->budget.limit, limit, sizeof limit);
            if (ctx.status == ALLOC_OVER_LIMIT)
                return interp_error(in, ci->args[0],
                                    "load: '%s' has about %zu rows × %zu columns: %s of numbers, over the memory limit of %s (--memory-limit or limit(\"memory\", …))",
                                    path, t.err_rows, t.err_cols, need, limit);
            return interp_error(in, ci->args[0], "load: '%s' at line %zu: out of memory (%s)", path, t.err_line, need);
        }
        default:
            if (t.err_col)
                return interp_error(in, ci->args[0], "load: %s:%zu:%zu: %s", path, t.err_line, t.err_col, t.message);
            return interp_error(in, ci->args[0], "load: %s:%zu: %s", path, t.err_line, t.message);
        }
    }
    (void)shown;
    Array *m = ctx.m;
    if (!m) { /* a header and no rows */
        m = interp_new_matrix(in, ci->call, 0, t.cols);
        if (!m) { csv_table_free(&t); return false; }
    } else if (m->rows != t.rows) {
        /* the guess had room for more rows: the rest is returned (it was never written) */
        size_t bytes = array_bytes_for(t.rows, t.cols);
        m->rows = t.rows;
        m->len = t.rows * t.cols;
        if (m->budget) m->budget->in_use -= m->bytes - bytes;
        m->bytes = bytes;
    }
    if (t.missing)
        fprintf(in->err, "load: %zu empty cell%s in %s read as nan\n", t.missing, t.missing == 1 ? "" : "s", path);
    Table *tab = table_new(m, t.names, t.labels, NULL, path, t.missing);
    t.names = NULL;
    t.labels = NULL;
    *out = value_obj(&tab->obj);
    return true;
}

/* }===================== */

/* {===================== save */

static bool fn_save(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    (void)argc;
    char path[4096];
    if (!path_arg(in, ci, argv, 0, path, sizeof path)) return false;
    Value x = argv[1];
    const Array *a = NULL;
    char *const *names = NULL;
    CsvLabels *const *labels = NULL;
    double one;
    Array scalar = {0};
    if (value_is(x, &table_type)) {
        const Table *t = obj_as(Table, x);
        a = t->m;
        names = t->names;
        labels = t->labels;
    } else if (x.kind == VAL_ARR) {
        a = x.as.arr;
    } else if (x.kind == VAL_NUM) {
        one = x.as.num;
        scalar.ndim = 1; scalar.rows = 1; scalar.cols = 1; scalar.len = 1; scalar.data = &one;
        a = &scalar;
    } else {
        char what[64];
        return interp_error(in, ci->args[1], "save: writes numbers, a matrix or a table, got %s",
                            value_describe(x, what, sizeof what));
    }
    if (a->lazy) {
        return interp_error(in, ci->args[1], "save: internal: a lazy range");
    }
    /* a vector is written as one column */
    size_t rows = a->ndim == 1 ? a->len : a->rows, cols = a->ndim == 1 ? 1 : a->cols;
    char err[512];
    if (!csv_write_file(path, rows, cols, a->data, names, labels, err, sizeof err))
        return interp_error(in, ci->args[0], "save: '%s': %s", path, err);
    *out = value_nil();
    return true;
}

/* }===================== */

/* {===================== describe */

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* NumPy's default (linear) quantile of sorted v[0..n). */
static double quantile_sorted(const double *v, size_t n, double p) {
    double h = (double)(n - 1) * p;
    size_t lo = (size_t)floor(h);
    if (lo + 1 >= n) return v[n - 1];
    return v[lo] + (h - (double)lo) * (v[lo + 1] - v[lo]);
}

static const char *const STAT_NAMES[] = {"n", "mean", "std", "min", "25%", "50%", "75%", "max"};
enum { NSTATS = 8 };

static bool fn_describe(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    (void)argc;
    Value x = argv[0];
    const Array *a = NULL;
    const Table *t = NULL;
    if (value_is(x, &table_type)) { t = obj_as(Table, x); a = t->m; }
    else if (x.kind == VAL_ARR) a = x.as.arr;
    else {
        char what[64];
        return interp_error(in, ci->args[0], "describe: takes a vector, a matrix or a table, got %s",
                            value_describe(x, what, sizeof what));
    }
    if (a->lazy) return interp_error(in, ci->args[0], "describe: internal: a lazy range");
    size_t rows = a->ndim == 1 ? a->len : a->rows, width = a->ndim == 1 ? 1 : a->cols;
    if (rows == 0) return interp_error(in, ci->args[0], "describe: the data has no rows");
    /* the numeric columns (a table's text columns are codes: their mean means nothing) */
    size_t cols = 0;
    size_t *which = malloc((width ? width : 1) * sizeof *which);
    if (!which) return interp_error(in, ci->call, "out of memory");
    for (size_t j = 0; j < width; j++)
        if (!t || !t->labels || !t->labels[j]) which[cols++] = j;
    if (cols == 0) {
        free(which);
        return interp_error(in, ci->args[0], "describe: every column of the table is text");
    }
    Array *m = interp_new_matrix(in, ci->call, NSTATS, cols);
    if (!m) { free(which); return false; }
    double *col = malloc(rows * sizeof *col);
    if (!col) { free(which); array_release(m); return interp_error(in, ci->call, "out of memory"); }
    for (size_t j = 0; j < cols; j++) {
        size_t n = 0;
        for (size_t i = 0; i < rows; i++) {
            double v = a->data[i * width + which[j]];
            if (!isnan(v)) col[n++] = v;
        }
        double *s = m->data;
        s[0 * cols + j] = (double)n;
        if (n == 0) {
            for (int k = 1; k < NSTATS; k++) s[k * cols + j] = NAN;
            continue;
        }
        double mean = 0;
        for (size_t i = 0; i < n; i++) mean += col[i];
        mean /= (double)n;
        double ss = 0;
        for (size_t i = 0; i < n; i++) ss += (col[i] - mean) * (col[i] - mean);
        qsort(col, n, sizeof *col, cmp_double);
        s[1 * cols + j] = mean;
        s[2 * cols + j] = n > 1 ? sqrt(ss / (double)(n - 1)) : NAN;
        s[3 * cols + j] = col[0];
        s[4 * cols + j] = quantile_sorted(col, n, 0.25);
        s[5 * cols + j] = quantile_sorted(col, n, 0.5);
        s[6 * cols + j] = quantile_sorted(col, n, 0.75);
        s[7 * cols + j] = col[n - 1];
    }
    free(col);
    char **names = malloc(cols * sizeof *names);
    char **row_names = malloc(NSTATS * sizeof *row_names);
    if (!names || !row_names) { fputs("mlm: out of memory\n", stderr); abort(); }
    for (size_t j = 0; j < cols; j++) {
        char nm[32];
        const char *src = t ? t->names[which[j]] : nm;
        if (!t) snprintf(nm, sizeof nm, "x%zu", j + 1);
        names[j] = strdup(src);
    }
    for (int k = 0; k < NSTATS; k++) row_names[k] = strdup(STAT_NAMES[k]);
    free(which);
    Table *d = table_new(m, names, NULL, row_names, NULL, 0);
    *out = value_obj(&d->obj);
    return true;
}

/* }===================== */

static const Builtin entries[] = {
    {.name = "load", .min_args = 1, .max_args = 3, .fn = fn_load, .takes_objects = true,
     .signature = "load(path, options…)",
     .summary = "a CSV or TSV file as a table: the header names the columns (data.cpu), the numbers form a matrix, a text column becomes codes 1, 2, … with their labels; options \"noheader\", \"header\", \"tsv\", \"csv\", \"semicolon\"",
     .example = "load(\"servers.csv\")", .related = "save, describe", .pillar = "data"},
    {.name = "save", .min_args = 2, .max_args = 2, .fn = fn_save, .takes_objects = true,
     .signature = "save(path, X)",
     .summary = "writes a matrix, vector or table as CSV (a table with its header and labels), atomically: a temporary file, then rename",
     .example = "save(\"out.csv\", [1, 2; 3, 4])", .related = "load", .pillar = "data"},
    {.name = "describe", .min_args = 1, .max_args = 1, .fn = fn_describe, .takes_objects = true,
     .signature = "describe(X)",
     .summary = "per column: n, mean, std (n − 1), min, quartiles (linear, as NumPy's), max — nan cells left out — as a table",
     .example = "describe([1, 2; 3, 5; 4, 9])", .related = "mean, std, quantile, load", .pillar = "data"},
};

const BuiltinTable builtins_data = {entries, sizeof entries / sizeof entries[0]};
