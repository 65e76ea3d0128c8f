/* plot.c — the canvas, axes and legend of plot.h, as text and as SVG.
 *
 * Text: every character cell of the drawing area holds a 2×4 braille dot pattern (U+2800 +
 * the dots' bits) and the series that drew last in it (its colour); ASCII mode draws a mark
 * per series (*, +, o, …) where any dot is set. Bars are block elements (▁ … █, eighths of a
 * cell). Ticks are at 1, 2 or 5 × 10^k (decades on a log axis) and the ranges are widened to
 * them. The canvas is a fixed array: widths and heights are clamped to PLOT_W_MAX × PLOT_H_MAX. */
#include "plot.h"
#include "files.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

enum { PLOT_W_MAX = 400, PLOT_H_MAX = 200, MAX_TICKS = 32 };

static const char *const ANSI[PLOT_MAX_SERIES] = {"\033[34m", "\033[31m", "\033[32m", "\033[33m",
                                                  "\033[35m", "\033[36m", "\033[94m", "\033[91m"};
static const char ASCII_MARK[PLOT_MAX_SERIES] = {'*', '+', 'o', 'x', '#', '@', '%', '&'};
static const char *const MARKER[PLOT_MAX_SERIES] = {"•", "×", "○", "+", "◆", "△", "□", "*"};
static const char *const SVG_COLOUR[PLOT_MAX_SERIES] = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e",
                                                        "#9467bd", "#17becf", "#8c564b", "#e377c2"};

bool plot_locale_utf8(void) {
    const char *vars[] = {"LC_ALL", "LC_CTYPE", "LANG"};
    for (int i = 0; i < 3; i++) {
        const char *v = getenv(vars[i]);
        if (!v || !*v) continue;
        return strcasestr(v, "utf-8") || strcasestr(v, "utf8");
    }
    return false;
}

/* {===================== ranges and ticks */

static double ty(const Plot *p, double y) { return p->logy ? log10(y) : y; }

static bool usable(const Plot *p, double x, double y) {
    return isfinite(x) && isfinite(y) && (!p->logy || y > 0);
}

static double nice_step(double span, int want) {
    double raw = span / (want > 0 ? want : 1);
    double mag = pow(10, floor(log10(raw)));
    double r = raw / mag;
    return (r < 1.5 ? 1 : r < 3 ? 2 : r < 7 ? 5 : 10) * mag;
}

bool plot_spans_decades(const Plot *p) {
    double lo = INFINITY, hi = 0;
    for (int s = 0; s < p->nseries; s++)
        for (size_t i = 0; i < p->series[s].n; i++) {
            double y = p->series[s].y[i];
            if (!isfinite(y) || !isfinite(p->series[s].x[i])) continue;
            if (y <= 0) return false;
            if (y < lo) lo = y;
            if (y > hi) hi = y;
        }
    return hi > 0 && hi / lo >= 1e3;
}

bool plot_ranges(Plot *p) {
    double x0 = INFINITY, x1 = -INFINITY, y0 = INFINITY, y1 = -INFINITY;
    bool bars = false;
    for (int s = 0; s < p->nseries; s++) {
        const PlotSeries *se = &p->series[s];
        bars = bars || se->style == PLOT_BARS;
        for (size_t i = 0; i < se->n; i++) {
            if (!usable(p, se->x[i], se->y[i])) continue;
            double x = se->x[i], y = ty(p, se->y[i]);
            double xe = se->style == PLOT_BARS ? x + p->bar_width : x;
            if (x < x0) x0 = x;
            if (xe > x1) x1 = xe;
            if (y < y0) y0 = y;
            if (y > y1) y1 = y;
        }
    }
    if (x0 > x1) return false;
    if (bars) y0 = 0;
    p->overflow = !isfinite(x1 - x0) || !isfinite(y1 - y0);
    if (p->overflow) return false;
    for (int i = 0; i < p->nvline; i++) {
        if (p->vline[i] < x0) x0 = p->vline[i];
        if (p->vline[i] > x1) x1 = p->vline[i];
    }
    for (int i = 0; i < p->nhline; i++) {
        if (!usable(p, 0, p->hline[i])) continue;
        double y = ty(p, p->hline[i]);
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
    }
    if (x0 == x1) { x0 -= x0 ? fabs(x0) / 2 : 1; x1 += x1 ? fabs(x1) / 2 : 1; }
    if (y0 == y1) { y0 -= y0 ? fabs(y0) / 2 : 1; y1 += y1 ? fabs(y1) / 2 : 1; }
    if (p->logy) {
        y0 = floor(y0 + 1e-9);
        y1 = ceil(y1 - 1e-9);
        if (y0 == y1) y1 = y0 + 1;
    } else if (!bars || y1 > y0) {
        double step = nice_step(y1 - y0, p->height / 3 > 1 ? p->height / 3 : 2);
        y0 = floor(y0 / step + 1e-9) * step;
        y1 = ceil(y1 / step - 1e-9) * step;
    }
    if (!bars) { /* functions and data sets end where they end: no widening of x */ }
    p->xmin = x0;
    p->xmax = x1;
    p->ymin = y0;
    p->ymax = y1;
    return true;
}

/* Tick values in [lo, hi] (in axis units: log10 for a log axis), at most max of them. */
static int ticks(double lo, double hi, int want, bool decades, double *out, int max) {
    if (decades) {
        /* from the top decade down, so the largest value's decade is labelled */
        double step = hi - lo > want ? ceil((hi - lo) / want) : 1;
        int n = 0;
        for (double t = floor(hi + 1e-9); t >= lo - 1e-9 && n < max; t -= step) out[n++] = t;
        return n;
    }
    double step = nice_step(hi - lo, want);
    int n = 0;
    for (double t = ceil(lo / step - 1e-9) * step; t <= hi + step * 1e-9 && n < max; t += step)
        out[n++] = fabs(t) < step * 1e-9 ? 0 : t;
    return n;
}

/* "0.25", "1e-3", "1000": short tick labels, with the digits that tell ticks step apart. */
static void tick_label(double t, bool decade, double step, char *buf, size_t size) {
    if (decade) {
        int k = (int)lround(t);
        if (k >= 0 && k <= 4) snprintf(buf, size, "%.0f", pow(10, k));
        else if (k < 0 && k >= -2) snprintf(buf, size, "%g", pow(10, k));
        else snprintf(buf, size, "1e%d", k);
        return;
    }
    int prec = 4;
    if (t != 0 && step > 0) {
        int need = (int)ceil(log10(fabs(t) / step)) + 1;
        if (need > prec) prec = need > 17 ? 17 : need;
    }
    snprintf(buf, size, "%.*g", prec, t);
    char *e = strchr(buf, 'e');
    if (e) {
        char *q = e + 1, *w = e + 1;
        if (*q == '-') *w++ = *q++;
        else if (*q == '+') q++;
        while (*q == '0' && q[1]) q++;
        memmove(w, q, strlen(q) + 1);
    }
}

/* }===================== */

/* {===================== the text canvas */

typedef struct Canvas {
    int w, h;                           /* cells */
    uint8_t dots[PLOT_H_MAX][PLOT_W_MAX];
    int8_t who[PLOT_H_MAX][PLOT_W_MAX]; /* series that drew last, -1 none, -2 a reference line */
    int8_t mark[PLOT_H_MAX][PLOT_W_MAX]; /* several point series: the series whose marker is here, -1 none */
    uint8_t bar[PLOT_W_MAX];            /* hist: eighths of a cell per column, over h rows */
    int8_t bar_who;
} Canvas;

static const uint8_t BRAILLE_BIT[4][2] = {{0x01, 0x08}, {0x02, 0x10}, {0x04, 0x20}, {0x40, 0x80}};

static void dot(Canvas *c, int px, int py, int who) {
    if (px < 0 || py < 0 || px >= c->w * 2 || py >= c->h * 4) return;
    c->dots[py / 4][px / 2] |= BRAILLE_BIT[py % 4][px % 2];
    c->who[py / 4][px / 2] = (int8_t)who;
}

static void segment(Canvas *c, int x0, int y0, int x1, int y1, int who) {
    int dx = abs(x1 - x0), dy = -abs(y1 - y0), sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1, err = dx + dy;
    for (int guard = 0; guard < 4 * (PLOT_W_MAX + PLOT_H_MAX) * 4; guard++) {
        dot(c, x0, y0, who);
        if (x0 == x1 && y0 == y1) break;
        int e2 = 2 * err;
        if (e2 >= dy) { err += dy; x0 += sx; }
        if (e2 <= dx) { err += dx; y0 += sy; }
    }
}

static int map_x(const Plot *p, const Canvas *c, double x) {
    return (int)lround((x - p->xmin) / (p->xmax - p->xmin) * (c->w * 2 - 1));
}
static int map_y(const Plot *p, const Canvas *c, double y) {
    return (int)lround((p->ymax - ty(p, y)) / (p->ymax - p->ymin) * (c->h * 4 - 1));
}

static void draw(const Plot *p, Canvas *c) {
    memset(c->who, -1, sizeof c->who);
    memset(c->mark, -1, sizeof c->mark);
    int point_series = 0;
    for (int s = 0; s < p->nseries; s++) point_series += p->series[s].style == PLOT_POINTS;
    c->bar_who = -1;
    for (int i = 0; i < p->nvline; i++)
        for (int py = 0; py < c->h * 4; py += 2) dot(c, map_x(p, c, p->vline[i]), py, -2);
    for (int i = 0; i < p->nhline; i++)
        if (usable(p, 0, p->hline[i]))
            for (int px = 0; px < c->w * 2; px += 2) dot(c, px, map_y(p, c, p->hline[i]), -2);
    for (int s = 0; s < p->nseries; s++) {
        const PlotSeries *se = &p->series[s];
        if (se->style == PLOT_BARS) {
            c->bar_who = (int8_t)s;
            for (int col = 0; col < c->w; col++) {
                double x = p->xmin + (col + 0.5) / c->w * (p->xmax - p->xmin);
                for (size_t k = 0; k < se->n; k++) {
                    if (x < se->x[k] || x >= se->x[k] + p->bar_width || !isfinite(se->y[k])) continue;
                    double frac = (se->y[k] - p->ymin) / (p->ymax - p->ymin);
                    int eighths = (int)lround(frac * c->h * 8);
                    c->bar[col] = (uint8_t)(eighths < 0 ? 0 : eighths > c->h * 8 ? c->h * 8 : eighths);
                }
            }
            continue;
        }
        bool have = false;
        int lx = 0, ly = 0;
        for (size_t i = 0; i < se->n; i++) {
            if (!usable(p, se->x[i], se->y[i])) { have = false; continue; }
            int px = map_x(p, c, se->x[i]), py = map_y(p, c, se->y[i]);
            if (se->style == PLOT_POINTS && point_series > 1) { /* classes apart: a marker each */
                if (px >= 0 && py >= 0 && px < c->w * 2 && py < c->h * 4) c->mark[py / 4][px / 2] = (int8_t)s;
                continue;
            }
            if (se->style == PLOT_LINE && have) segment(c, lx, ly, px, py, s);
            else dot(c, px, py, s);
            lx = px;
            ly = py;
            have = true;
        }
    }
}

static void put_cell(FILE *out, const Plot *p, const Canvas *c, int row, int col) {
    static const char *const BLOCK[9] = {" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
    int bar = c->bar[col] - (c->h - 1 - row) * 8;
    if (bar > 0) {
        if (p->colour && c->bar_who >= 0) fputs(ANSI[c->bar_who], out);
        if (p->unicode) fputs(BLOCK[bar > 8 ? 8 : bar], out);
        else fputc(bar >= 4 ? '#' : ' ', out);
        if (p->colour && c->bar_who >= 0) fputs("\033[0m", out);
        return;
    }
    int mk = c->mark[row][col];
    if (mk >= 0) {
        if (p->colour) fputs(ANSI[mk], out);
        if (p->unicode) fputs(MARKER[mk], out);
        else fputc(ASCII_MARK[mk], out);
        if (p->colour) fputs("\033[0m", out);
        return;
    }
    uint8_t d = c->dots[row][col];
    if (!d) { fputc(' ', out); return; }
    int who = c->who[row][col];
    if (p->colour && who >= 0) fputs(ANSI[who], out);
    if (p->unicode) {
        unsigned cp = 0x2800u + d; /* 3 bytes of UTF-8 */
        fputc((int)(0xE0 | (cp >> 12)), out);
        fputc((int)(0x80 | ((cp >> 6) & 0x3F)), out);
        fputc((int)(0x80 | (cp & 0x3F)), out);
    } else {
        fputc(who >= 0 ? ASCII_MARK[who] : who == -2 ? ':' : '.', out);
    }
    if (p->colour && who >= 0) fputs("\033[0m", out);
}

static int utf8_width(const char *s) {
    int w = 0;
    for (; *s; s++) w += ((unsigned char)*s & 0xC0) != 0x80;
    return w;
}

static void spaces(FILE *out, int n) {
    while (n-- > 0) fputc(' ', out);
}

void plot_text(FILE *out, const Plot *p) {
    static Canvas canvas; /* large: not on the stack */
    Canvas *c = &canvas;
    memset(c, 0, sizeof *c);
    /* y ticks first: their labels' width decides the drawing's */
    double yt[MAX_TICKS];
    int h = p->height < 2 ? 2 : p->height > PLOT_H_MAX ? PLOT_H_MAX : p->height;
    int nyt = ticks(p->ymin, p->ymax, h / 3 > 1 ? h / 3 : 2, p->logy, yt, MAX_TICKS);
    char labels[MAX_TICKS][24];
    int lw = 0;
    for (int i = 0; i < nyt; i++) {
        tick_label(yt[i], p->logy, nyt > 1 ? fabs(yt[1] - yt[0]) : 0, labels[i], sizeof labels[i]);
        if (utf8_width(labels[i]) > lw) lw = utf8_width(labels[i]);
    }
    int w = p->width - lw - 2;
    if (w < 8) w = 8;
    if (w > PLOT_W_MAX) w = PLOT_W_MAX;
    c->w = w;
    c->h = h;
    draw(p, c);
    int ytick_row[MAX_TICKS];
    for (int i = 0; i < nyt; i++)
        ytick_row[i] = (int)lround((p->ymax - yt[i]) / (p->ymax - p->ymin) * (h * 4 - 1)) / 4;
    const char *vbar = p->unicode ? "│" : "|", *vtick = p->unicode ? "┤" : "+";
    if (p->title) {
        spaces(out, lw + 2 + (w - utf8_width(p->title)) / 2);
        fprintf(out, "%s\n", p->title);
    }
    if (p->ylabel) fprintf(out, "%s\n", p->ylabel);
    for (int row = 0; row < h; row++) {
        int tick = -1;
        for (int i = 0; i < nyt; i++)
            if (ytick_row[i] == row) tick = i;
        if (tick >= 0) { spaces(out, lw - utf8_width(labels[tick])); fputs(labels[tick], out); }
        else spaces(out, lw);
        fputc(' ', out);
        fputs(tick >= 0 ? vtick : vbar, out);
        for (int col = 0; col < w; col++) put_cell(out, p, c, row, col);
        fputc('\n', out);
    }
    /* the x axis, its ticks and their labels (a label that would touch the last is left out) */
    double xt[MAX_TICKS];
    int nxt = ticks(p->xmin, p->xmax, w / 10 > 1 ? w / 10 : 2, false, xt, MAX_TICKS);
    int xcol[MAX_TICKS];
    for (int i = 0; i < nxt; i++) xcol[i] = (int)lround((xt[i] - p->xmin) / (p->xmax - p->xmin) * (w * 2 - 1)) / 2;
    spaces(out, lw + 1);
    fputs(p->unicode ? "└" : "+", out);
    for (int col = 0; col < w; col++) {
        bool t = false;
        for (int i = 0; i < nxt; i++) t = t || xcol[i] == col;
        fputs(t ? (p->unicode ? "┬" : "+") : (p->unicode ? "─" : "-"), out);
    }
    fputc('\n', out);
    char line[PLOT_W_MAX + 64];
    int len = lw + 2 + w + 8;
    memset(line, ' ', (size_t)len);
    int last_end = -1;
    for (int i = 0; i < nxt; i++) {
        char lab[24];
        tick_label(xt[i], false, nxt > 1 ? xt[1] - xt[0] : 0, lab, sizeof lab);
        int n = (int)strlen(lab);
        int at = lw + 2 + xcol[i] - n / 2;
        if (at < 0) at = 0;
        if (at <= last_end + 1 || at + n > len) continue;
        memcpy(line + at, lab, (size_t)n);
        last_end = at + n - 1;
    }
    while (len > 0 && line[len - 1] == ' ') len--;
    fprintf(out, "%.*s\n", len, line);
    if (p->xlabel) {
        spaces(out, lw + 2 + (w - utf8_width(p->xlabel)) / 2);
        fprintf(out, "%s\n", p->xlabel);
    }
    /* the legend, when there is more than one series or a series has a name */
    bool legend = p->nseries > 1;
    for (int s = 0; s < p->nseries; s++) legend = legend || p->series[s].label[0];
    if (legend) {
        int point_series = 0;
        for (int s = 0; s < p->nseries; s++) point_series += p->series[s].style == PLOT_POINTS;
        spaces(out, lw + 2);
        for (int s = 0; s < p->nseries; s++) {
            if (s) fputs("   ", out);
            if (p->colour) fputs(ANSI[s], out);
            if (p->unicode)
                fputs(p->series[s].style == PLOT_LINE ? "⠤⠤" : p->series[s].style == PLOT_BARS ? "█" : point_series > 1 ? MARKER[s] : "⠂", out);
            else fprintf(out, "%c", ASCII_MARK[s]);
            if (p->colour) fputs("\033[0m", out);
            fprintf(out, " %s", p->series[s].label[0] ? p->series[s].label : "?");
        }
        fputc('\n', out);
    }
}

void plot_bars_text(FILE *out, const char *const *labels, const double *values, size_t n, int width, bool unicode,
                    bool colour) {
    static const char *const PART[8] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
    int lw = 0, nw = 0;
    double top = 0;
    char num[32];
    for (size_t i = 0; i < n; i++) {
        if (utf8_width(labels[i]) > lw) lw = utf8_width(labels[i]);
        snprintf(num, sizeof num, "%.6g", values[i]);
        if ((int)strlen(num) > nw) nw = (int)strlen(num);
        if (isfinite(values[i]) && fabs(values[i]) > top) top = fabs(values[i]);
    }
    if (lw > 24) lw = 24;
    int bw = width - lw - nw - 3;
    if (bw < 4) bw = 4;
    for (size_t i = 0; i < n; i++) {
        int lwi = utf8_width(labels[i]);
        fprintf(out, "%s", labels[i]);
        spaces(out, lw - lwi);
        fputs(unicode ? " ┤" : " |", out);
        double v = isfinite(values[i]) ? fabs(values[i]) : 0;
        int eighths = top > 0 ? (int)lround(v / top * bw * 8) : 0;
        if (colour) fputs(ANSI[0], out);
        for (int k = 0; k < eighths / 8; k++) fputs(unicode ? "█" : "#", out);
        if (unicode) fputs(PART[eighths % 8], out);
        if (colour) fputs("\033[0m", out);
        snprintf(num, sizeof num, "%.6g", values[i]);
        fprintf(out, " %s\n", num);
    }
}

/* }===================== */

/* {===================== SVG */

static void svg_text(FILE *f, const char *s) {
    for (; *s; s++) {
        if (*s == '<') fputs("&lt;", f);
        else if (*s == '>') fputs("&gt;", f);
        else if (*s == '&') fputs("&amp;", f);
        else if (*s == '"') fputs("&quot;", f);
        else fputc(*s, f);
    }
}

bool plot_svg(const char *path, const Plot *p, char *err, size_t errsize) {
    AtomicFile out;
    if (!file_atomic_open(&out, path, err, errsize)) return false;
    FILE *f = out.f;
    const double W = 720, H = 440, L = 70, R = 20, T = p->title ? 40 : 20, B = 60;
    const double pw = W - L - R, ph = H - T - B;
#define SX(x) (L + ((x) - p->xmin) / (p->xmax - p->xmin) * pw)
#define SY(y) (T + (p->ymax - ty(p, (y))) / (p->ymax - p->ymin) * ph)
    fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
               "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%g\" height=\"%g\" viewBox=\"0 0 %g %g\" "
               "font-family=\"sans-serif\" font-size=\"12\">\n"
               "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n",
            W, H, W, H);
    if (p->title) {
        fprintf(f, "<text x=\"%g\" y=\"24\" text-anchor=\"middle\" font-size=\"15\">", L + pw / 2);
        svg_text(f, p->title);
        fputs("</text>\n", f);
    }
    fprintf(f, "<rect x=\"%g\" y=\"%g\" width=\"%g\" height=\"%g\" fill=\"none\" stroke=\"#444\"/>\n", L, T, pw, ph);
    double t[MAX_TICKS];
    int nt = ticks(p->ymin, p->ymax, 6, p->logy, t, MAX_TICKS);
    for (int i = 0; i < nt; i++) {
        char lab[24];
        tick_label(t[i], p->logy, nt > 1 ? fabs(t[1] - t[0]) : 0, lab, sizeof lab);
        double y = T + (p->ymax - t[i]) / (p->ymax - p->ymin) * ph;
        fprintf(f, "<line x1=\"%g\" y1=\"%.2f\" x2=\"%g\" y2=\"%.2f\" stroke=\"#ddd\"/>\n", L, y, L + pw, y);
        fprintf(f, "<text x=\"%g\" y=\"%.2f\" text-anchor=\"end\">%s</text>\n", L - 6, y + 4, lab);
    }
    nt = ticks(p->xmin, p->xmax, 8, false, t, MAX_TICKS);
    for (int i = 0; i < nt; i++) {
        char lab[24];
        tick_label(t[i], false, nt > 1 ? t[1] - t[0] : 0, lab, sizeof lab);
        double x = SX(t[i]);
        fprintf(f, "<line x1=\"%.2f\" y1=\"%g\" x2=\"%.2f\" y2=\"%g\" stroke=\"#444\"/>\n", x, T + ph, x, T + ph + 5);
        fprintf(f, "<text x=\"%.2f\" y=\"%g\" text-anchor=\"middle\">%s</text>\n", x, T + ph + 18, lab);
    }
    if (p->xlabel) {
        fprintf(f, "<text x=\"%g\" y=\"%g\" text-anchor=\"middle\">", L + pw / 2, T + ph + 36);
        svg_text(f, p->xlabel);
        fputs("</text>\n", f);
    }
    if (p->ylabel) {
        fprintf(f, "<text x=\"16\" y=\"%g\" text-anchor=\"middle\" transform=\"rotate(-90 16 %g)\">", T + ph / 2, T + ph / 2);
        svg_text(f, p->ylabel);
        fputs("</text>\n", f);
    }
    for (int i = 0; i < p->nvline; i++)
        fprintf(f, "<line x1=\"%.2f\" y1=\"%g\" x2=\"%.2f\" y2=\"%g\" stroke=\"#888\" stroke-dasharray=\"4 3\"/>\n",
                SX(p->vline[i]), T, SX(p->vline[i]), T + ph);
    for (int i = 0; i < p->nhline; i++)
        if (usable(p, 0, p->hline[i]))
            fprintf(f, "<line x1=\"%g\" y1=\"%.2f\" x2=\"%g\" y2=\"%.2f\" stroke=\"#888\" stroke-dasharray=\"4 3\"/>\n",
                    L, SY(p->hline[i]), L + pw, SY(p->hline[i]));
    for (int s = 0; s < p->nseries; s++) {
        const PlotSeries *se = &p->series[s];
        const char *col = SVG_COLOUR[s];
        if (se->style == PLOT_BARS) {
            for (size_t i = 0; i < se->n; i++)
                if (usable(p, se->x[i], se->y[i]))
                    fprintf(f, "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"%s\" stroke=\"white\"/>\n",
                            SX(se->x[i]), SY(se->y[i]), SX(se->x[i] + p->bar_width) - SX(se->x[i]),
                            T + ph - SY(se->y[i]), col);
        } else if (se->style == PLOT_POINTS) {
            for (size_t i = 0; i < se->n; i++)
                if (usable(p, se->x[i], se->y[i]))
                    fprintf(f, "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"2.5\" fill=\"%s\"/>\n", SX(se->x[i]), SY(se->y[i]), col);
        } else {
            bool open = false;
            for (size_t i = 0; i < se->n; i++) {
                if (!usable(p, se->x[i], se->y[i])) {
                    if (open) fputs("\"/>\n", f);
                    open = false;
                    continue;
                }
                if (!open) fprintf(f, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\" points=\"", col);
                fprintf(f, "%s%.2f,%.2f", open ? " " : "", SX(se->x[i]), SY(se->y[i]));
                open = true;
            }
            if (open) fputs("\"/>\n", f);
        }
        if (se->label[0] || p->nseries > 1) {
            double ly = T + 14 + 16 * s;
            fprintf(f, "<rect x=\"%g\" y=\"%g\" width=\"14\" height=\"4\" fill=\"%s\"/>\n", L + pw - 120, ly - 6, col);
            fprintf(f, "<text x=\"%g\" y=\"%g\">", L + pw - 100, ly);
            svg_text(f, se->label[0] ? se->label : "?");
            fputs("</text>\n", f);
        }
    }
#undef SX
#undef SY
    fputs("</svg>\n", f);
    return file_atomic_close(&out, err, errsize);
}

/* }===================== */
