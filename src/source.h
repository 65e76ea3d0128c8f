/* source.h — source texts, positions in them, and the one diagnostic format mlm prints.
 *
 * A Source is one script file, one REPL line or one -e argument. It is reference counted
 * because AST nodes (and so user functions defined in it) point into it long after the
 * statement that read it has finished. A Span names a byte range of a Source plus its
 * 1-based line and column (columns count code points, so a caret lines up under UTF-8). */
#ifndef MLM_SOURCE_H
#define MLM_SOURCE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef struct Source {
    int refcount;
    char *name;   /* owned: "file.mlm", "<stdin>", "<repl>", "<-e>" */
    char *text;   /* owned, NUL-terminated, len bytes */
    size_t len;
} Source;

typedef struct Span {
    const Source *src; /* borrowed: kept alive by whoever holds the node */
    unsigned offset;   /* byte offset of the first byte */
    unsigned length;   /* bytes covered (at least 1 where possible) */
    int line;          /* 1-based */
    int col;           /* 1-based, in code points */
} Span;

/* Returns a new Source with refcount 1 owning copies of name and text. */
Source *source_new(const char *name, const char *text, size_t len);
Source *source_retain(Source *src);
void source_release(Source *src);

/* Span covering both a and b (a must come first). */
Span span_join(Span a, Span b);

/* Column (1-based, code points) of byte offset `offset` on its line. */
int source_column(const Source *src, unsigned offset);
/* Line number (1-based) of byte offset. */
int source_line(const Source *src, unsigned offset);

/* A diagnostic: "name:line:col: error: message", the source line and a caret line.
 * Holds copies so it outlives the Source. */
typedef struct Diagnostic {
    bool set;
    char message[512];
    char file[256];
    int line, col;
    char line_text[512];
    int caret_col;    /* 1-based column of the caret */
    int caret_len;    /* number of ^ (at least 1) */
} Diagnostic;

/* Fills d from span and the printf-style message. A span with src == NULL gives a
 * diagnostic without position. */
void diag_set(Diagnostic *d, Span span, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void diag_vset(Diagnostic *d, Span span, const char *fmt, va_list ap);
/* Prints d to out; colour escapes only when use_colour. */
void diag_print(const Diagnostic *d, FILE *out, bool use_colour);

#endif
