/* test_plot.c — the plot canvas (src/plot.c): braille dots at the right places, ASCII marks,
 * nice ranges and ticks, decades on a log axis and when they are chosen, nothing to draw,
 * the locale test, and SVG files that are whole XML documents written atomically. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "plot.h"

static char *render(Plot *p) {
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    ck_assert(plot_ranges(p));
    plot_text(f, p);
    fclose(f);
    return text;
}

static Plot line_plot(const double *x, const double *y, size_t n, bool unicode) {
    Plot p;
    memset(&p, 0, sizeof p);
    p.width = 30;
    p.height = 4;
    p.unicode = unicode;
    p.series[0] = (PlotSeries){.x = x, .y = y, .n = n, .style = PLOT_LINE};
    p.nseries = 1;
    return p;
}

START_TEST(a_rising_line) {
    double x[] = {0, 1}, y[] = {0, 1};
    Plot p = line_plot(x, y, 2, true);
    char *text = render(&p);
    /* the range is exactly [0, 1] both ways; the first row ends in the line's top dot (⠁ or
     * ⠈ in the last cell) and the last row starts at the bottom left (⣀ family) */
    ck_assert(p.xmin == 0 && p.xmax == 1 && p.ymin == 0 && p.ymax == 1);
    ck_assert_msg(strstr(text, "  1 ┤") == text, "%s", text);
    ck_assert_ptr_nonnull(strstr(text, "0 ┤⡠") ? strstr(text, "0 ┤⡠") : strstr(text, "0 ┤⣀"));
    ck_assert_ptr_nonnull(strstr(text, "└"));
    free(text);
    p = line_plot(x, y, 2, false);
    text = render(&p);
    ck_assert_ptr_nonnull(strstr(text, "1 +"));
    ck_assert_ptr_nonnull(strchr(text, '*'));
    ck_assert_ptr_null(strstr(text, "┤"));
    free(text);
}
END_TEST

START_TEST(ranges_and_log_scale) {
    double x[] = {1, 2, 3, 4}, y[] = {1000, 10, 0.1, 0.001};
    Plot p = line_plot(x, y, 4, true);
    ck_assert(plot_spans_decades(&p));
    p.logy = true;
    char *text = render(&p);
    ck_assert(p.ymin == -3 && p.ymax == 3); /* decades */
    ck_assert_ptr_nonnull(strstr(text, "1000 ┤"));
    free(text);
    double y2[] = {1, 2, 3, 4};
    p = line_plot(x, y2, 4, true);
    ck_assert(!plot_spans_decades(&p));
    double y3[] = {-1, 10, 1e6, 2};
    p = line_plot(x, y3, 4, true);
    ck_assert(!plot_spans_decades(&p)); /* a value ≤ 0: never automatically logarithmic */
    /* nan only: nothing to draw; on a log axis, nothing positive */
    double ny[] = {NAN, NAN};
    p = line_plot(x, ny, 2, true);
    ck_assert(!plot_ranges(&p));
    double neg[] = {-1, -2};
    p = line_plot(x, neg, 2, true);
    p.logy = true;
    ck_assert(!plot_ranges(&p));
    /* y widened to round ticks */
    double y4[] = {0.3, 9.7};
    p = line_plot(x, y4, 2, true);
    p.height = 6;
    ck_assert(plot_ranges(&p));
    ck_assert(p.ymin == 0 && p.ymax == 10);
}
END_TEST

START_TEST(locale) {
    setenv("LC_ALL", "", 1);
    setenv("LC_CTYPE", "", 1);
    setenv("LANG", "en_GB.UTF-8", 1);
    ck_assert(plot_locale_utf8());
    setenv("LC_ALL", "C", 1);
    ck_assert(!plot_locale_utf8());
    setenv("LC_ALL", "", 1);
    setenv("LC_CTYPE", "de_DE.utf8", 1);
    ck_assert(plot_locale_utf8());
    unsetenv("LC_ALL");
    unsetenv("LC_CTYPE");
    unsetenv("LANG");
    ck_assert(!plot_locale_utf8());
}
END_TEST

START_TEST(svg_files) {
    double x[] = {0, 1, 2}, y[] = {1, NAN, 3};
    Plot p = line_plot(x, y, 3, true);
    p.title = "a < b & c";
    ck_assert(plot_ranges(&p));
    char dir[] = "/tmp/mlm-plot-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char path[128], err[256];
    snprintf(path, sizeof path, "%s/p.svg", dir);
    ck_assert(plot_svg(path, &p, err, sizeof err));
    FILE *f = fopen(path, "r");
    char text[8192];
    size_t n = fread(text, 1, sizeof text - 1, f);
    text[n] = '\0';
    fclose(f);
    ck_assert(strncmp(text, "<?xml version=\"1.0\"", 19) == 0);
    ck_assert_str_eq(text + n - 7, "</svg>\n");
    ck_assert_ptr_nonnull(strstr(text, "a &lt; b &amp; c"));
    /* the nan splits the line into two polylines */
    ck_assert_ptr_nonnull(strstr(strstr(text, "<polyline") + 1, "<polyline"));
    snprintf(path, sizeof path, "%s/none/p.svg", dir);
    ck_assert(!plot_svg(path, &p, err, sizeof err));
    char cmd[160];
    snprintf(cmd, sizeof cmd, "test $(ls %s | wc -l) -eq 1 && rm -rf %s", dir, dir);
    ck_assert_int_eq(system(cmd), 0);
}
END_TEST

Suite *plot_suite(void) {
    Suite *s = suite_create("plot");
    TCase *c = tcase_create("Core");
    tcase_add_test(c, a_rising_line);
    tcase_add_test(c, ranges_and_log_scale);
    tcase_add_test(c, locale);
    tcase_add_test(c, svg_files);
    suite_add_tcase(s, c);
    return s;
}
