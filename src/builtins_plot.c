/* builtins_plot.c — the plots pillar: plot, scatter, hist and bar turn mlm values into a Plot
 * (plot.h) and print it, or write it to an SVG file.
 *
 * Options are strings after the data, in any order: "logy" / "linear" (y scale; a line plot
 * of data whose values span three decades or more is logarithmic unless "linear"), "WxH" such as
 * "60x15" (width in columns, height in rows of the drawing), "NAME.svg" (write that file
 * instead of printing), "title=…", "x=…", "y=…" (axis labels), "legend=a,b" (series names),
 * "vline=V", "hline=V" (reference lines: a decision split). The size is otherwise
 * MLM_PLOT_SIZE=WxH when set, else the terminal's (TIOCGWINSZ), else 72×16. ASCII replaces
 * braille when the locale's character set is not UTF-8. */
#include <libgen.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "builtins.h"
#include "eval.h"
#include "object.h"
#include "plot.h"
#include "table.h"

enum { DEFAULT_W = 72, DEFAULT_H = 16 };

typedef struct Options {
    int width, height;  /* 0: not given */
    int logy;           /* -1 "linear", 1 "logy", 0 not given */
    char svg[4096];     /* "" none (resolved path) */
    const char *title, *xlabel, *ylabel, *legend;
    double vline[PLOT_MAX_LINES], hline[PLOT_MAX_LINES];
    int nvline, nhline;
} Options;

static bool parse_size(const char *s, int *w, int *h) {
    char *end;
    long a = strtol(s, &end, 10);
    if (end == s || (*end != 'x' && *end != 'X')) return false;
    const char *t = end + 1;
    long b = strtol(t, &end, 10);
    if (end == t || *end) return false;
    if (a < 16 || a > 400 || b < 2 || b > 200) return false;
    *w = (int)a;
    *h = (int)b;
    return true;
}

static bool ends_with(const char *s, const char *tail) {
    size_t n = strlen(s), m = strlen(tail);
    return n > m && strcasecmp(s + n - m, tail) == 0;
}

/* An option string at argument i into o; false with the error recorded. */
static bool option(Interp *in, const CallInfo *ci, int i, const char *s, Options *o) {
    const char *name = ci->builtin->name;
    if (strcmp(s, "logy") == 0) o->logy = 1;
    else if (strcmp(s, "linear") == 0) o->logy = -1;
    else if (parse_size(s, &o->width, &o->height)) {}
    else if (ends_with(s, ".svg")) {
        const Source *here = ci->call.src;
        if (s[0] != '/' && here && here->name[0] != '<') {
            char dir_buf[4096];
            snprintf(dir_buf, sizeof dir_buf, "%s", here->name);
            const char *dir = dirname(dir_buf);
            if (strcmp(dir, ".") != 0) snprintf(o->svg, sizeof o->svg, "%s/%s", dir, s);
            else snprintf(o->svg, sizeof o->svg, "%s", s);
        } else snprintf(o->svg, sizeof o->svg, "%s", s);
    }
    else if (strncmp(s, "title=", 6) == 0) o->title = s + 6;
    else if (strncmp(s, "x=", 2) == 0) o->xlabel = s + 2;
    else if (strncmp(s, "y=", 2) == 0) o->ylabel = s + 2;
    else if (strncmp(s, "legend=", 7) == 0) o->legend = s + 7;
    else if (strncmp(s, "vline=", 6) == 0 || strncmp(s, "hline=", 6) == 0) {
        char *end;
        double v = strtod(s + 6, &end);
        if (end == s + 6 || *end || !isfinite(v))
            return interp_error(in, ci->args[i], "%s: '%s' needs a number after '='", name, s);
        bool vert = s[0] == 'v';
        int *n = vert ? &o->nvline : &o->nhline;
        if (*n >= PLOT_MAX_LINES) return interp_error(in, ci->args[i], "%s: at most %d such lines", name, PLOT_MAX_LINES);
        (vert ? o->vline : o->hline)[(*n)++] = v;
    } else if (s[0] >= '0' && s[0] <= '9' && strchr(s, 'x'))
        return interp_error(in, ci->args[i], "%s: a size is WxH with W in 16..400 and H in 2..200, got '%s'", name, s);
    else
        return interp_error(in, ci->args[i],
                            "%s: unknown option '%s' (options: \"logy\", \"linear\", \"WxH\", \"FILE.svg\", \"title=…\", \"x=…\", \"y=…\", \"legend=a,b\", \"vline=V\", \"hline=V\")",
                            name, s);
    return true;
}

/* Splits argv into data arguments (the first ndata) and trailing option strings. */
static bool options(Interp *in, const CallInfo *ci, int argc, const Value *argv, int *ndata, Options *o) {
    memset(o, 0, sizeof *o);
    int n = argc;
    while (n > 0 && argv[n - 1].kind == VAL_STR) n--;
    for (int i = n; i < argc; i++)
        if (!option(in, ci, i, argv[i].as.str->text, o)) return false;
    for (int i = 0; i < n; i++)
        if (argv[i].kind == VAL_STR)
            return interp_error(in, ci->args[i], "%s: options come after the data", ci->builtin->name);
    *ndata = n;
    return true;
}

static void plot_size(const Interp *in, const Options *o, int *w, int *h) {
    if (o->width) { *w = o->width; *h = o->height; return; }
    const char *env = getenv("MLM_PLOT_SIZE");
    if (env && parse_size(env, w, h)) return;
    struct winsize ws;
    if (ioctl(fileno(in->out), TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20 && ws.ws_row >= 8) {
        *w = ws.ws_col > 160 ? 160 : ws.ws_col - 1;
        *h = ws.ws_row - 8;
        if (*h > *w / 3) *h = *w / 3;
        if (*h < 4) *h = 4;
        return;
    }
    *w = DEFAULT_W;
    *h = DEFAULT_H;
}

/* The source text of argument i, as a series' name ("sin", "data.cpu"). */
static void arg_text(const CallInfo *ci, int i, char *buf, size_t size) {
    Span s = ci->args[i];
    buf[0] = '\0';
    if (!s.src || s.offset + s.length > s.src->len) return;
    size_t n = s.length < size - 1 ? s.length : size - 1;
    memcpy(buf, s.src->text + s.offset, n);
    buf[n] = '\0';
}

/* Names from "legend=a,b" over the series' own. */
static void apply_legend(Plot *p, const char *legend) {
    if (!legend) return;
    const char *s = legend;
    for (int k = 0; k < p->nseries && *s; k++) {
        const char *comma = strchr(s, ',');
        size_t n = comma ? (size_t)(comma - s) : strlen(s);
        if (n >= PLOT_LABEL) n = PLOT_LABEL - 1;
        memcpy(p->series[k].label, s, n);
        p->series[k].label[n] = '\0';
        s = comma ? comma + 1 : s + strlen(s);
    }
}

/* Draws p by the options: an SVG file or text on the session's output. */
static bool finish(Interp *in, const CallInfo *ci, Plot *p, const Options *o, bool line_plot, Value *out) {
    p->title = o->title;
    p->xlabel = o->xlabel;
    p->ylabel = o->ylabel;
    memcpy(p->vline, o->vline, sizeof p->vline);
    memcpy(p->hline, o->hline, sizeof p->hline);
    p->nvline = o->nvline;
    p->nhline = o->nhline;
    apply_legend(p, o->legend);
    p->logy = o->logy > 0 || (o->logy == 0 && line_plot && plot_spans_decades(p));
    if (!plot_ranges(p)) {
        if (p->overflow) return interp_error(in, ci->call, "%s: the values are too far apart to draw (their span overflows)", ci->builtin->name);
        if (p->logy) return interp_error(in, ci->call, "%s: no positive finite value to draw on a log scale", ci->builtin->name);
        return interp_error(in, ci->call, "%s: nothing to draw: every value is nan or infinite", ci->builtin->name);
    }
    if (o->svg[0]) {
        char err[512];
        if (!plot_svg(o->svg, p, err, sizeof err)) return interp_error(in, ci->call, "%s: '%s': %s", ci->builtin->name, o->svg, err);
    } else {
        plot_size(in, o, &p->width, &p->height);
        p->unicode = plot_locale_utf8();
        p->colour = in->use_colour && isatty(fileno(in->out)) && !getenv("NO_COLOR");
        plot_text(in->out, p);
    }
    *out = value_nil();
    return true;
}

/* A function, a builtin, or an object that can be called (a distribution's pdf). */
static bool is_function(Value v) {
    return v.kind == VAL_FUNC || v.kind == VAL_BUILTIN || (v.kind == VAL_OBJ && v.as.obj->type->call);
}

/* A data argument as numbers: a vector, or a matrix / table whose columns are series. */
static bool data_arg(Interp *in, const CallInfo *ci, const Value *argv, int i, const Array **a, const Table **t) {
    Value v = argv[i];
    *t = NULL;
    if (value_is(v, &table_type)) { *t = obj_as(Table, v); *a = (*t)->m; return true; }
    if (v.kind == VAL_ARR && !v.as.arr->lazy) { *a = v.as.arr; return true; }
    char what[64];
    return interp_error(in, ci->args[i], "%s: argument %d must be a vector or a matrix of numbers, got %s",
                        ci->builtin->name, i + 1, value_describe(v, what, sizeof what));
}

/* {===================== plot(f, a, b) */

static bool plot_functions(Interp *in, const CallInfo *ci, int nf, int ndata, const Value *argv, Options *o,
                           Value *out) {
    const char *name = ci->builtin->name;
    if (ndata != nf + 2)
        return interp_error(in, ci->call, "%s: a function is drawn over a range: plot(f, a, b) or plot(f, g, a, b)", name);
    if (nf > PLOT_MAX_SERIES) return interp_error(in, ci->args[PLOT_MAX_SERIES], "%s: at most %d series", name, PLOT_MAX_SERIES);
    double a, b;
    if (!builtin_scalar_arg(in, ci, name, argv, nf, &a) || !builtin_scalar_arg(in, ci, name, argv, nf + 1, &b)) return false;
    if (!isfinite(a) || !isfinite(b) || !(a < b))
        return interp_error(in, ci->args[nf], "%s: the range must be finite with a < b, got %g to %g", name, a, b);
    int w, h;
    plot_size(in, o, &w, &h);
    size_t n = o->svg[0] ? 400 : (size_t)(2 * w);
    double *xs = malloc(n * sizeof *xs), *ys = malloc((size_t)nf * n * sizeof *ys);
    if (!xs || !ys) { free(xs); free(ys); return interp_error(in, ci->call, "out of memory"); }
    for (size_t k = 0; k < n; k++) xs[k] = k + 1 == n ? b : a + (b - a) * (double)k / (double)(n - 1);
    Plot p;
    memset(&p, 0, sizeof p);
    bool ok = true;
    for (int f = 0; f < nf && ok; f++) {
        size_t failed = 0, nonfinite = 0;
        double first_x = NAN, last_x = NAN;
        char first_error[512] = "";
        for (size_t k = 0; k < n && ok; k++) {
            Value x = value_num(xs[k]), y;
            ys[f * n + k] = NAN;
            if (interp_interrupt_pending(in)) { ok = interp_check_interrupt(in, ci->call); break; }
            if (!eval_call_value(in, argv[f], 1, &x, ci->args[f], NULL, &y)) {
                if (in->interrupt_seen || interp_interrupt_pending(in)) { ok = false; break; }
                if (!failed) snprintf(first_error, sizeof first_error, "%s", in->error.message);
                in->error.set = false;
                failed++;
                if (isnan(first_x)) first_x = xs[k];
                last_x = xs[k];
                continue;
            }
            if (y.kind != VAL_NUM) {
                char what[64];
                ok = interp_error(in, ci->args[f], "%s: the function must give a number, got %s at x = %g", name,
                                  value_describe(y, what, sizeof what), xs[k]);
                value_release(y);
                break;
            }
            ys[f * n + k] = y.as.num;
            if (!isfinite(y.as.num)) nonfinite++;
        }
        if (!ok) break;
        char label[PLOT_LABEL];
        arg_text(ci, f, label, sizeof label);
        if (failed == n) {
            ok = interp_error(in, ci->args[f], "%s: %s fails everywhere on [%g, %g]: %s", name, label, a, b, first_error);
            break;
        }
        if (failed)
            fprintf(in->err, "%s: skipped %zu of %zu points where %s fails (x from %g to %g): %s\n", name, failed, n,
                    label, first_x, last_x, first_error);
        if (nonfinite)
            fprintf(in->err, "%s: skipped %zu of %zu points where %s is nan or infinite\n", name, nonfinite, n, label);
        PlotSeries *se = &p.series[p.nseries++];
        se->x = xs;
        se->y = ys + f * n;
        se->n = n;
        se->style = PLOT_LINE;
        snprintf(se->label, sizeof se->label, "%s", nf > 1 ? label : "");
    }
    if (ok) ok = finish(in, ci, &p, o, false, out); /* a function's values near a zero are no loss curve */
    free(xs);
    free(ys);
    return ok;
}

/* }===================== */

/* {===================== plot(y), plot(x, y, …), scatter(x, y), scatter(x, y, groups) */

static bool series_from(Interp *in, const CallInfo *ci, int argc, const Value *argv, Options *o, PlotStyle style,
                        Value *out) {
    const char *name = ci->builtin->name;
    if (argc == 0) return interp_error(in, ci->call, "%s: nothing to draw", name);
    Plot p;
    memset(&p, 0, sizeof p);
    double *own[PLOT_MAX_SERIES * 2] = {0};
    int nown = 0;
    bool ok = true;
    const Array *xa = NULL;
    const Table *xt;
    int first = 0;
    /* with one argument, x is 1..n */
    if (argc >= 2) {
        if (!data_arg(in, ci, argv, 0, &xa, &xt)) return false;
        if (xa->ndim != 1 && xa->rows != 1 && xa->cols != 1)
            return interp_error(in, ci->args[0], "%s: x must be a vector, got a %zu×%zu matrix", name, xa->rows, xa->cols);
        first = 1;
    }
    for (int i = first; i < argc && ok; i++) {
        const Array *ya;
        const Table *yt;
        if (!data_arg(in, ci, argv, i, &ya, &yt)) { ok = false; break; }
        bool vector = ya->ndim == 1 || ya->cols == 1;
        size_t rows = ya->ndim == 1 ? ya->len : ya->rows, cols = vector ? 1 : ya->cols;
        if (rows == 0) { ok = interp_error(in, ci->args[i], "%s: an empty %s: nothing to draw", name, vector ? "vector" : "matrix"); break; }
        if (xa && rows != xa->len) {
            ok = interp_error(in, ci->args[i], "%s: x has %zu values, this has %zu %s", name, xa->len, rows,
                              vector ? "values" : "rows");
            break;
        }
        double *x = xa ? xa->data : NULL;
        if (!x) {
            x = malloc(rows * sizeof *x);
            if (!x) { ok = interp_error(in, ci->call, "out of memory"); break; }
            for (size_t k = 0; k < rows; k++) x[k] = (double)(k + 1);
            own[nown++] = x;
        }
        for (size_t j = 0; j < cols && ok; j++) {
            if (p.nseries == PLOT_MAX_SERIES) { ok = interp_error(in, ci->args[i], "%s: at most %d series", name, PLOT_MAX_SERIES); break; }
            PlotSeries *se = &p.series[p.nseries++];
            se->x = x;
            se->n = rows;
            se->style = style;
            if (vector) se->y = ya->data;
            else {
                double *y = malloc(rows * sizeof *y);
                if (!y) { ok = interp_error(in, ci->call, "out of memory"); break; }
                for (size_t k = 0; k < rows; k++) y[k] = ya->data[k * ya->cols + j];
                own[nown++] = y;
                se->y = y;
                if (nown >= PLOT_MAX_SERIES * 2 - 1) { ok = interp_error(in, ci->args[i], "%s: too many series", name); break; }
            }
            if (yt) snprintf(se->label, sizeof se->label, "%s", yt->names[j]);
            else if (cols > 1) snprintf(se->label, sizeof se->label, "column %zu", j + 1);
            else if (argc - first > 1) arg_text(ci, i, se->label, sizeof se->label);
        }
    }
    if (ok) ok = finish(in, ci, &p, o, style == PLOT_LINE, out);
    for (int k = 0; k < nown; k++) free(own[k]);
    return ok;
}

static bool fn_plot(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    Options o;
    int n;
    if (!options(in, ci, argc, argv, &n, &o)) return false;
    int nf = 0;
    while (nf < n && is_function(argv[nf])) nf++;
    if (nf > 0) return plot_functions(in, ci, nf, n, argv, &o, out);
    return series_from(in, ci, n, argv, &o, PLOT_LINE, out);
}

/* scatter(x, y) or scatter(x, y, g): with groups g (a label per point), one series per group. */
static bool fn_scatter(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    Options o;
    int n;
    if (!options(in, ci, argc, argv, &n, &o)) return false;
    if (n != 2 && n != 3) return interp_error(in, ci->call, "scatter: scatter(x, y) or scatter(x, y, groups), got %d data arguments", n);
    if (n == 2) return series_from(in, ci, 2, argv, &o, PLOT_POINTS, out);
    const Array *xa, *ya, *ga;
    const Table *t;
    if (!data_arg(in, ci, argv, 0, &xa, &t) || !data_arg(in, ci, argv, 1, &ya, &t) || !data_arg(in, ci, argv, 2, &ga, &t))
        return false;
    if (xa->len != ya->len || ga->len != xa->len)
        return interp_error(in, ci->call, "scatter: x, y and the groups must have one value per point (%zu, %zu, %zu)", xa->len,
                            ya->len, ga->len);
    if (xa->len == 0) return interp_error(in, ci->args[0], "scatter: an empty vector: nothing to draw");
    /* the distinct group values, in increasing order */
    double groups[PLOT_MAX_SERIES];
    int ng = 0;
    for (size_t k = 0; k < ga->len; k++) {
        double g = ga->data[k];
        if (isnan(g)) continue;
        bool seen = false;
        for (int j = 0; j < ng; j++) seen = seen || groups[j] == g;
        if (seen) continue;
        if (ng == PLOT_MAX_SERIES)
            return interp_error(in, ci->args[2], "scatter: at most %d groups, the groups have more values", PLOT_MAX_SERIES);
        groups[ng++] = g;
    }
    for (int a = 1; a < ng; a++)
        for (int b = a; b > 0 && groups[b - 1] > groups[b]; b--) { double s = groups[b]; groups[b] = groups[b - 1]; groups[b - 1] = s; }
    Plot p;
    memset(&p, 0, sizeof p);
    double *buf = malloc(2 * xa->len * sizeof *buf);
    if (!buf) return interp_error(in, ci->call, "out of memory");
    size_t used = 0;
    char gname[PLOT_LABEL];
    arg_text(ci, 2, gname, sizeof gname);
    const Table *gt = value_is(argv[2], &table_type) ? obj_as(Table, argv[2]) : NULL;
    (void)gt;
    for (int j = 0; j < ng; j++) {
        PlotSeries *se = &p.series[p.nseries++];
        double *xs = buf + used, *ys = buf + xa->len + used;
        size_t m = 0;
        for (size_t k = 0; k < xa->len; k++)
            if (ga->data[k] == groups[j]) { xs[m] = xa->data[k]; ys[m] = ya->data[k]; m++; }
        used += m;
        se->x = xs;
        se->y = ys;
        se->n = m;
        se->style = PLOT_POINTS;
        snprintf(se->label, sizeof se->label, "%.20s = %g", gname, groups[j]);
    }
    bool ok = finish(in, ci, &p, &o, false, out);
    free(buf);
    return ok;
}

/* }===================== */

/* {===================== hist and bar */

static bool fn_hist(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    Options o;
    int n;
    if (!options(in, ci, argc, argv, &n, &o)) return false;
    if (n < 1 || n > 2) return interp_error(in, ci->call, "hist: hist(x) or hist(x, bins)");
    const Array *a;
    const Table *t;
    if (!data_arg(in, ci, argv, 0, &a, &t)) return false;
    if (a->len == 0) return interp_error(in, ci->args[0], "hist: an empty vector: nothing to count");
    double lo = INFINITY, hi = -INFINITY;
    size_t finite = 0;
    for (size_t k = 0; k < a->len; k++)
        if (isfinite(a->data[k])) {
            finite++;
            if (a->data[k] < lo) lo = a->data[k];
            if (a->data[k] > hi) hi = a->data[k];
        }
    if (!finite) return interp_error(in, ci->args[0], "hist: nothing to count: every value is nan or infinite");
    long long bins = 0;
    if (n == 2) {
        if (!builtin_int_arg(in, ci, "hist", argv, 1, 1, 200, &bins)) return false;
    } else {
        bins = (long long)ceil(log2((double)finite)) + 1; /* Sturges */
        if (bins > 50) bins = 50;
    }
    if (!isfinite(hi - lo)) return interp_error(in, ci->args[0], "hist: the values are too far apart to count in bins (their span overflows)");
    if (lo == hi) { lo -= 0.5; hi += 0.5; }
    double width = (hi - lo) / (double)bins;
    double *edges = calloc((size_t)bins * 2, sizeof *edges);
    if (!edges) return interp_error(in, ci->call, "out of memory");
    double *counts = edges + bins;
    for (long long k = 0; k < bins; k++) edges[k] = lo + width * (double)k;
    for (size_t k = 0; k < a->len; k++) {
        double v = a->data[k];
        if (!isfinite(v)) continue;
        long long b = (long long)floor((v - lo) / width);
        if (b >= bins) b = bins - 1; /* the last bin holds its right edge, as NumPy's */
        if (b < 0) b = 0;
        counts[b]++;
    }
    if (finite < a->len) fprintf(in->err, "hist: left out %zu nan or infinite values\n", a->len - finite);
    Plot p;
    memset(&p, 0, sizeof p);
    p.bar_width = width;
    p.series[0] = (PlotSeries){.x = edges, .y = counts, .n = (size_t)bins, .style = PLOT_BARS};
    p.nseries = 1;
    bool ok = finish(in, ci, &p, &o, false, out);
    free(edges);
    return ok;
}

static bool fn_bar(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    Options o;
    int n;
    if (!options(in, ci, argc, argv, &n, &o)) return false;
    if (n != 1) return interp_error(in, ci->call, "bar: bar(values) with \"legend=a,b,…\" naming the bars");
    const Array *a;
    const Table *t;
    if (!data_arg(in, ci, argv, 0, &a, &t)) return false;
    if (a->len == 0) return interp_error(in, ci->args[0], "bar: an empty vector: nothing to draw");
    if (o.svg[0]) return interp_error(in, ci->call, "bar: SVG output is for plot, scatter and hist");
    size_t count = a->len;
    char (*names)[PLOT_LABEL] = calloc(count, sizeof *names);
    const char **labels = calloc(count, sizeof *labels);
    if (!names || !labels) { free(names); free(labels); return interp_error(in, ci->call, "out of memory"); }
    const char *s = o.legend;
    for (size_t k = 0; k < count; k++) {
        if (s && *s) {
            const char *comma = strchr(s, ',');
            size_t len = comma ? (size_t)(comma - s) : strlen(s);
            if (len >= PLOT_LABEL) len = PLOT_LABEL - 1;
            memcpy(names[k], s, len);
            s = comma ? comma + 1 : s + strlen(s);
        } else if (t) snprintf(names[k], PLOT_LABEL, "%s", k < t->cols ? t->names[k] : "?");
        else snprintf(names[k], PLOT_LABEL, "%zu", k + 1);
        labels[k] = names[k];
    }
    int w, h;
    plot_size(in, &o, &w, &h);
    if (o.title) fprintf(in->out, "%s\n", o.title);
    plot_bars_text(in->out, labels, a->data, count, w, plot_locale_utf8(),
                   in->use_colour && isatty(fileno(in->out)) && !getenv("NO_COLOR"));
    free(names);
    free(labels);
    *out = value_nil();
    return true;
}

/* }===================== */

static const Builtin entries[] = {
    {.name = "plot", .min_args = 1, .max_args = -1, .fn = fn_plot, .takes_objects = true,
     .signature = "plot(f, a, b), plot(y), plot(x, y, …), options…",
     .summary = "draws functions over [a, b] or data as lines in the terminal (braille dots), or to an SVG file: options \"logy\", \"linear\", \"60x15\", \"out.svg\", \"title=…\", \"x=…\", \"y=…\", \"legend=a,b\", \"vline=V\", \"hline=V\"",
     .example = "plot(sin, -pi, pi, \"40x8\")", .related = "scatter, hist, bar", .pillar = "plots"},
    {.name = "scatter", .min_args = 2, .max_args = -1, .fn = fn_scatter, .takes_objects = true,
     .signature = "scatter(x, y) or scatter(x, y, groups), options…",
     .summary = "points (x, y); with groups, one series per group value (a class label), in the legend",
     .example = "scatter([1, 2, 3], [2, 4, 3], \"40x8\")", .related = "plot, hist", .pillar = "plots"},
    {.name = "hist", .min_args = 1, .max_args = -1, .fn = fn_hist, .takes_objects = true,
     .signature = "hist(x) or hist(x, bins), options…",
     .summary = "a histogram: counts in equal bins from min(x) to max(x) (Sturges' number of bins unless given)",
     .example = "hist([1, 2, 2, 3, 3, 3], 3, \"40x6\")", .related = "plot, bar, describe", .pillar = "plots"},
    {.name = "bar", .min_args = 1, .max_args = -1, .fn = fn_bar, .takes_objects = true,
     .signature = "bar(values), \"legend=a,b,…\"",
     .summary = "a horizontal bar chart, one bar per value, named by \"legend=…\" (or a table's column names)",
     .example = "bar([3, 5, 2], \"legend=web,db,cache\")", .related = "hist, plot", .pillar = "plots"},
};

const BuiltinTable builtins_plot = {entries, sizeof entries / sizeof entries[0]};
