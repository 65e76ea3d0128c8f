/* plot.h — drawing plots as text (a Unicode braille canvas: 2×4 dots a character cell, or
 * ASCII) and as SVG files, independent of the interpreter. builtins_plot.c turns mlm values
 * into a Plot; this file lays out axes, ticks, labels and the legend and draws the series.
 *
 * Ownership: a Plot borrows everything it points to (series data, labels); nothing here
 * allocates what outlives a call. */
#ifndef MLM_PLOT_H
#define MLM_PLOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum { PLOT_MAX_SERIES = 8, PLOT_MAX_LINES = 4, PLOT_LABEL = 48 };

typedef enum PlotStyle {
    PLOT_LINE,   /* consecutive points joined (a nan breaks the line) */
    PLOT_POINTS, /* each point a dot */
    PLOT_BARS,   /* a histogram: y[k] over the bin [x[k], x[k] + bar_width) */
} PlotStyle;

typedef struct PlotSeries {
    const double *x, *y; /* borrowed, n each */
    size_t n;
    PlotStyle style;
    char label[PLOT_LABEL];
} PlotSeries;

typedef struct Plot {
    int width;             /* the whole plot's width in columns (labels included) */
    int height;            /* rows of the drawing area */
    bool unicode;          /* braille and box drawing; else ASCII */
    bool colour;           /* ANSI colours for the series */
    bool logy;             /* y on a log10 scale (only y > 0 drawn) */
    const char *title;     /* or NULL */
    const char *xlabel, *ylabel;
    PlotSeries series[PLOT_MAX_SERIES];
    int nseries;
    double vline[PLOT_MAX_LINES], hline[PLOT_MAX_LINES]; /* reference lines (a decision split) */
    int nvline, nhline;
    double bar_width;
    /* set by plot_ranges */
    double xmin, xmax, ymin, ymax;
    bool overflow;         /* plot_ranges failed because a span is beyond the doubles */
} Plot;

/* Decides the axes' ranges (nice round ends) from the finite data; false when no series has
 * a finite point to draw (with logy: a positive y). */
bool plot_ranges(Plot *p);
/* True when the finite positive ys of p's series span three decades or more, and none is ≤ 0. */
bool plot_spans_decades(const Plot *p);
/* Writes the plot as text (ends with a newline). Call plot_ranges first. */
void plot_text(FILE *out, const Plot *p);
/* Writes the plot as an SVG file, atomically (a temporary file, then rename). False with the
 * reason in err, and no file left behind, on failure. Call plot_ranges first. */
bool plot_svg(const char *path, const Plot *p, char *err, size_t errsize);
/* A horizontal bar chart: one row per value with its label and the number. */
void plot_bars_text(FILE *out, const char *const *labels, const double *values, size_t n, int width, bool unicode,
                    bool colour);

/* True when the locale's character set (LC_ALL, else LC_CTYPE, else LANG) is UTF-8. */
bool plot_locale_utf8(void);

#endif
