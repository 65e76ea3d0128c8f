/* source.c — Source lifetime, line/column arithmetic and the diagnostic printer. */
#include "source.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

Source *source_new(const char *name, const char *text, size_t len) {
    Source *s = malloc(sizeof *s);
    if (!s) { fputs("mlm: out of memory\n", stderr); abort(); }
    s->refcount = 1;
    s->name = strdup(name);
    s->text = malloc(len + 1);
    if (!s->name || !s->text) { fputs("mlm: out of memory\n", stderr); abort(); }
    memcpy(s->text, text, len);
    s->text[len] = '\0';
    s->len = len;
    return s;
}

Source *source_retain(Source *src) {
    src->refcount++;
    return src;
}

void source_release(Source *src) {
    if (!src || --src->refcount > 0) return;
    free(src->name);
    free(src->text);
    free(src);
}

Span span_join(Span a, Span b) {
    Span s = a;
    if (b.offset + b.length > a.offset) s.length = b.offset + b.length - a.offset;
    return s;
}

static unsigned line_start(const Source *src, unsigned offset) {
    while (offset > 0 && src->text[offset - 1] != '\n') offset--;
    return offset;
}

int source_column(const Source *src, unsigned offset) {
    int col = 1;
    for (unsigned i = line_start(src, offset); i < offset && i < src->len; i++)
        if (((unsigned char)src->text[i] & 0xC0) != 0x80) col++;
    return col;
}

int source_line(const Source *src, unsigned offset) {
    int line = 1;
    for (unsigned i = 0; i < offset && i < src->len; i++)
        if (src->text[i] == '\n') line++;
    return line;
}

static int count_code_points(const char *text, size_t len) {
    int n = 0;
    for (size_t i = 0; i < len; i++)
        if (((unsigned char)text[i] & 0xC0) != 0x80) n++;
    return n;
}

void diag_vset(Diagnostic *d, Span span, const char *fmt, va_list ap) {
    memset(d, 0, sizeof *d);
    d->set = true;
    vsnprintf(d->message, sizeof d->message, fmt, ap);
    if (!span.src) return;
    const Source *src = span.src;
    snprintf(d->file, sizeof d->file, "%s", src->name);
    unsigned offset = span.offset <= src->len ? span.offset : (unsigned)src->len;
    d->line = span.line > 0 ? span.line : source_line(src, offset);
    d->col = span.col > 0 ? span.col : source_column(src, offset);
    unsigned start = line_start(src, offset);
    unsigned end = offset;
    while (end < src->len && src->text[end] != '\n') end++;
    size_t n = end - start;
    if (n >= sizeof d->line_text) n = sizeof d->line_text - 1;
    memcpy(d->line_text, src->text + start, n);
    d->line_text[n] = '\0';
    /* A tab in the line would misplace the caret: show it as a space. */
    for (size_t i = 0; i < n; i++) if (d->line_text[i] == '\t') d->line_text[i] = ' ';
    d->caret_col = d->col;
    unsigned stop = offset + span.length;
    if (stop > end) stop = end;
    int len = stop > offset ? count_code_points(src->text + offset, stop - offset) : 1;
    d->caret_len = len > 0 ? len : 1;
}

void diag_set(Diagnostic *d, Span span, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    diag_vset(d, span, fmt, ap);
    va_end(ap);
}

void diag_print(const Diagnostic *d, FILE *out, bool use_colour) {
    const char *red = use_colour ? "\033[1;31m" : "";
    const char *bold = use_colour ? "\033[1m" : "";
    const char *green = use_colour ? "\033[1;32m" : "";
    const char *reset = use_colour ? "\033[0m" : "";
    if (!d->file[0]) {
        fprintf(out, "%serror:%s %s\n", red, reset, d->message);
        return;
    }
    fprintf(out, "%s%s:%d:%d:%s %serror:%s %s\n", bold, d->file, d->line, d->col, reset,
            red, reset, d->message);
    fprintf(out, "  %s\n  ", d->line_text);
    for (int i = 1; i < d->caret_col; i++) fputc(' ', out);
    fputs(green, out);
    for (int i = 0; i < d->caret_len; i++) fputc('^', out);
    fprintf(out, "%s\n", reset);
}
