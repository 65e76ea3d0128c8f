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

/* Length of the UTF-8 sequence at s[0..n): 1 for an invalid byte (shown as one column). */
static size_t utf8_step(const unsigned char *s, size_t n) {
    unsigned c = s[0];
    size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    if (len <= 1 || len > n) return 1;
    unsigned cp = c & (0xFF >> (len + 1));
    for (size_t k = 1; k < len; k++) {
        if ((s[k] & 0xC0) != 0x80) return 1;
        cp = (cp << 6) | (s[k] & 0x3F);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF))
        return 1;
    return len;
}

static bool utf8_valid_at(const unsigned char *s, size_t n) {
    return s[0] < 0x80 || utf8_step(s, n) > 1;
}

static unsigned line_start(const Source *src, unsigned offset) {
    while (offset > 0 && src->text[offset - 1] != '\n') offset--;
    return offset;
}

int source_column(const Source *src, unsigned offset) {
    int col = 1;
    const unsigned char *t = (const unsigned char *)src->text;
    for (size_t i = line_start(src, offset); i < offset && i < src->len; i += utf8_step(t + i, src->len - i))
        col++;
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
    for (size_t i = 0; i < len; i += utf8_step((const unsigned char *)text + i, len - i)) n++;
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
    /* The line as shown: a tab becomes a space and a byte that is not UTF-8 a '?', so the
     * caret lines up and the terminal never receives broken text. */
    const unsigned char *t = (const unsigned char *)src->text;
    size_t k = 0;
    for (size_t i = start; i < end && k + 5 < sizeof d->line_text;) {
        if (!utf8_valid_at(t + i, end - i)) { d->line_text[k++] = '?'; i++; continue; }
        size_t step = utf8_step(t + i, end - i);
        if (t[i] == '\t') d->line_text[k++] = ' ';
        else { memcpy(d->line_text + k, t + i, step); k += step; }
        i += step;
    }
    d->line_text[k] = '\0';
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
