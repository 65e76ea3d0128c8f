/* csv.c — the delimited-text reader and writer of csv.h (see there for the format handled and
 * why it is not libcsv). Ownership: a CsvTable owns its names and labels; its data belongs to
 * whoever the reserve callback allocated it for. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "csv.h"
#include "files.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { WINDOW = 1 << 20, FIRST_ROWS_MIN = 1024 };

static void *xmalloc(size_t n) {
    void *p = malloc(n ? n : 1);
    if (!p) { fputs("mlm: out of memory\n", stderr); abort(); }
    return p;
}

static void *xrealloc(void *p, size_t n) {
    p = realloc(p, n ? n : 1);
    if (!p) { fputs("mlm: out of memory\n", stderr); abort(); }
    return p;
}

static char *xstrndup(const char *s, size_t n) {
    char *d = xmalloc(n + 1);
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

/* {===================== numbers */

static const double POW10[23] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

/* strtod on a copy of [s, e): true when it takes all of it. Hex numbers are refused (a cell
 * "0x1A" is text, not 26). */
static bool slow_number(const char *s, const char *e, double *out) {
    size_t n = (size_t)(e - s);
    if (memchr(s, 'x', n) || memchr(s, 'X', n)) return false;
    char small[64];
    char *copy = n < sizeof small ? small : xmalloc(n + 1);
    memcpy(copy, s, n);
    copy[n] = '\0';
    char *end;
    errno = 0;
    double x = strtod(copy, &end);
    bool ok = n > 0 && end == copy + n;
    if (copy != small) free(copy);
    if (ok) *out = x;
    return ok;
}

/* Clinger's fast path: a decimal with at most 19 significant digits whose mantissa m fits in
 * 53 bits and whose power of ten is within ±22 is m·10^e or m/10^-e with one rounding (both
 * operands exact), so the result is the correctly rounded one strtod gives. Others go to strtod. */
bool csv_number(const char *s, const char *e, double *out) {
    while (s < e && (*s == ' ' || *s == '\t')) s++;
    while (e > s && (e[-1] == ' ' || e[-1] == '\t')) e--;
    const char *start = s, *p = s;
    if (p == e) return false;
    bool neg = false;
    if (*p == '-' || *p == '+') neg = *p++ == '-';
    uint64_t m = 0;
    int digits = 0, exp10 = 0;
    bool truncated = false, any = false;
    /* the digit loops need no bound: the byte at e is never a digit (a delimiter, a line end,
     * a space trimmed off, or the NUL after the window or after an unquoted field) */
    while ((unsigned)(*p - '0') < 10) {
        any = true;
        if (digits < 19) { m = m * 10 + (uint64_t)(*p - '0'); if (m) digits++; }
        else { exp10++; truncated = true; }
        p++;
    }
    if (p < e && *p == '.') {
        p++;
        while ((unsigned)(*p - '0') < 10) {
            any = true;
            if (digits < 19) { m = m * 10 + (uint64_t)(*p - '0'); if (m) digits++; exp10--; }
            else truncated = true;
            p++;
        }
    }
    if (!any) return slow_number(start, e, out); /* inf, nan, or not a number */
    if (p < e && (*p == 'e' || *p == 'E')) {
        p++;
        bool eneg = false;
        if (p < e && (*p == '-' || *p == '+')) eneg = *p++ == '-';
        if (p == e || (unsigned)(*p - '0') >= 10) return false;
        int x = 0;
        while (p < e && (unsigned)(*p - '0') < 10) {
            if (x < 100000) x = x * 10 + (*p - '0');
            p++;
        }
        exp10 += eneg ? -x : x;
    }
    if (p != e) return false;
    if (truncated || m > ((uint64_t)1 << 53) || exp10 < -22 || exp10 > 22) return slow_number(start, e, out);
    double x = (double)m;
    x = exp10 < 0 ? x / POW10[-exp10] : x * POW10[exp10];
    *out = neg ? -x : x;
    return true;
}

/* An empty cell or one of the usual spellings of "no value". */
static bool missing_cell(const char *s, const char *e) {
    while (s < e && (*s == ' ' || *s == '\t')) s++;
    while (e > s && (e[-1] == ' ' || e[-1] == '\t')) e--;
    size_t n = (size_t)(e - s);
    if (n == 0) return true;
    static const char *const words[] = {"NA", "N/A", "NaN", "nan", "NAN", "null", "NULL", NULL};
    for (int i = 0; words[i]; i++)
        if (strlen(words[i]) == n && memcmp(words[i], s, n) == 0) return true;
    return false;
}

/* }===================== */

/* {===================== labels */

static size_t hash_text(const char *s, size_t n) {
    size_t h = 1469598103934665603u;
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 1099511628211u;
    return h;
}

static void labels_rehash(CsvLabels *l, size_t cap) {
    free(l->hash);
    l->hash = calloc(cap, sizeof *l->hash);
    if (!l->hash) { fputs("mlm: out of memory\n", stderr); abort(); }
    l->hash_cap = cap;
    for (size_t k = 0; k < l->count; k++) {
        size_t h = hash_text(l->text[k], strlen(l->text[k])) & (cap - 1);
        while (l->hash[h]) h = (h + 1) & (cap - 1);
        l->hash[h] = k + 1;
    }
}

/* The code (1-based) of label [s, s + n), added when new. */
static size_t labels_code(CsvLabels *l, const char *s, size_t n) {
    if (l->count * 2 >= l->hash_cap) labels_rehash(l, l->hash_cap ? l->hash_cap * 2 : 16);
    size_t h = hash_text(s, n) & (l->hash_cap - 1);
    while (l->hash[h]) {
        const char *t = l->text[l->hash[h] - 1];
        if (strlen(t) == n && memcmp(t, s, n) == 0) return l->hash[h];
        h = (h + 1) & (l->hash_cap - 1);
    }
    if (l->count == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 8;
        l->text = xrealloc(l->text, l->cap * sizeof *l->text);
    }
    l->text[l->count++] = xstrndup(s, n);
    l->hash[h] = l->count;
    return l->count;
}

static void labels_free(CsvLabels *l) {
    if (!l) return;
    for (size_t k = 0; k < l->count; k++) free(l->text[k]);
    free(l->text);
    free(l->hash);
    free(l);
}

/* }===================== */

/* {===================== the reader */

typedef struct Field {
    const char *s;   /* into the window, or into scratch for a quoted field */
    size_t n;
    const char *raw; /* where the field starts in the window (for its column in messages) */
    const char *line_start;
    size_t line;
} Field;

typedef enum ColKind { COL_UNDECIDED, COL_NUMBER, COL_TEXT } ColKind;

typedef struct Reader {
    int fd;               /* -1: reading from memory */
    const char *mem;      /* memory source */
    size_t mem_len, mem_pos;
    char *buf;            /* owned window: [pos, end) unread, buf[end] == '\0' */
    size_t cap, pos, end;
    bool eof;
    size_t offset;        /* file offset of buf[0], for messages */
    size_t line;          /* line number of buf[pos] */
    long long file_size;  /* -1 unknown */
    Field *fields;
    size_t nfields, capfields;
    char *scratch;        /* owned: quoted fields unescaped, as long as the record at least */
    size_t capscratch;
    CsvTable *t;
    CsvReserve reserve;
    void *ctx;
    size_t cap_rows;
    size_t guess_rows;    /* the rows the file's size suggests (0: unknown) */
    ColKind *kind;
} Reader;

static bool fail(Reader *r, CsvError e, size_t line, size_t col, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static bool fail(Reader *r, CsvError e, size_t line, size_t col, const char *fmt, ...) {
    r->t->error = e;
    r->t->err_line = line;
    r->t->err_col = col;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->t->message, sizeof r->t->message, fmt, ap);
    va_end(ap);
    return false;
}

/* Reads more of the source into the window, keeping [pos, end). False on a read error. */
static bool refill(Reader *r) {
    if (r->eof) return true;
    if (r->pos > 0) {
        memmove(r->buf, r->buf + r->pos, r->end - r->pos);
        r->offset += r->pos;
        r->end -= r->pos;
        r->pos = 0;
    }
    if (r->end + 1 >= r->cap) { /* one record longer than the window: grow it */
        r->cap *= 2;
        r->buf = xrealloc(r->buf, r->cap);
    }
    size_t want = r->cap - 1 - r->end, got;
    if (r->fd < 0) {
        got = r->mem_len - r->mem_pos < want ? r->mem_len - r->mem_pos : want;
        memcpy(r->buf + r->end, r->mem + r->mem_pos, got);
        r->mem_pos += got;
    } else {
        ssize_t n;
        do n = read(r->fd, r->buf + r->end, want);
        while (n < 0 && errno == EINTR);
        if (n < 0) return fail(r, CSV_ERR_OPEN, 0, 0, "cannot read it: %s", strerror(errno));
        got = (size_t)n;
    }
    const char *zero = memchr(r->buf + r->end, '\0', got);
    if (zero)
        return fail(r, CSV_ERR_BINARY, 0, 0, "it is not a text file (a zero byte at offset %zu)",
                    r->offset + (size_t)(zero - r->buf));
    r->end += got;
    r->buf[r->end] = '\0';
    if (got == 0) r->eof = true;
    return true;
}

/* The end of the record starting at pos (the offset of its line end, or end at the end of the
 * input), reading more as needed; SIZE_MAX on a read error or an unterminated quote. */
static size_t record_end(Reader *r) {
    for (;;) {
        char *p = r->buf + r->pos, *e = r->buf + r->end;
        char *nl = memchr(p, '\n', (size_t)(e - p));
        char *cr = NULL;
        if (!nl) cr = memchr(p, '\r', (size_t)(e - p));
        /* a CR at the end of the window may be the first half of a CRLF: read on */
        if (cr && cr + 1 == e && !r->eof) cr = NULL;
        char *stop = nl ? nl : cr ? cr : e;
        if (!memchr(p, '"', (size_t)(stop - p))) {
            if (nl && nl > p && nl[-1] == '\r') stop = nl - 1;
            if (nl || cr || r->eof) return (size_t)(stop - r->buf);
        } else {
            /* a quote opens a quoted field only at the field's start (5" screen is text);
             * inside, "" is a quote and a lone " closes */
            bool quoted = false, start = true, more = false;
            char delim = r->t->delim;
            char *q = p;
            for (; q < e; q++) {
                if (quoted) {
                    if (*q != '"') continue;
                    if (q + 1 == e && !r->eof) { more = true; break; } /* "" split by the window? */
                    if (q[1] == '"') q++;
                    else quoted = false;
                    continue;
                }
                if (*q == '\n' || *q == '\r') break;
                if (*q == '"' && start) quoted = true;
                start = *q == delim;
            }
            if (!more && q < e && !(*q == '\r' && q + 1 == e && !r->eof)) return (size_t)(q - r->buf);
            if (r->eof) {
                if (quoted) {
                    fail(r, CSV_ERR_QUOTE, r->line, 0, "a quoted field is never closed (it starts on this line)");
                    return SIZE_MAX;
                }
                return (size_t)(e - r->buf);
            }
        }
        if (!refill(r)) return SIZE_MAX;
    }
}

static size_t utf8_column(const char *line_start, const char *at) {
    size_t col = 1;
    for (const char *p = line_start; p < at; p++) col += ((unsigned char)*p & 0xC0) != 0x80;
    return col;
}

static size_t field_col(const Field *f) { return utf8_column(f->line_start, f->raw); }

/* Splits the record [pos, rend) into fields (quoted ones unescaped into scratch). */
static bool split(Reader *r, size_t rend, char delim) {
    const char *p = r->buf + r->pos, *e = r->buf + rend;
    const char *line_start = p;
    size_t line = r->line;
    r->nfields = 0;
    if (rend - r->pos + 1 > r->capscratch) {
        r->capscratch = rend - r->pos + 1;
        r->scratch = xrealloc(r->scratch, r->capscratch);
    }
    char *w = r->scratch;
    for (;;) {
        if (r->nfields == r->capfields) {
            r->capfields = r->capfields ? r->capfields * 2 : 16;
            r->fields = xrealloc(r->fields, r->capfields * sizeof *r->fields);
        }
        Field *f = &r->fields[r->nfields++];
        f->raw = p;
        f->line_start = line_start;
        f->line = line;
        if (p < e && *p == '"') {
            const char *q = p + 1;
            f->s = w;
            for (;;) {
                if (q >= e) return fail(r, CSV_ERR_QUOTE, line, field_col(f), "a quoted field is never closed");
                if (*q == '"') {
                    if (q + 1 < e && q[1] == '"') { *w++ = '"'; q += 2; continue; }
                    q++;
                    break;
                }
                if (*q == '\n') { line++; line_start = q + 1; }
                *w++ = *q++;
            }
            f->n = (size_t)(w - f->s);
            *w++ = '\0';
            while (q < e && (*q == ' ' || *q == '\t') && *q != delim) q++;
            if (q < e && *q != delim)
                return fail(r, CSV_ERR_QUOTE, line, utf8_column(line_start, q),
                            "text after the closing quote of a field");
            p = q;
        } else {
            f->s = p;
            const char *d = memchr(p, delim, (size_t)(e - p));
            p = d ? d : e;
            f->n = (size_t)(p - f->s);
        }
        if (p >= e) break;
        p++; /* the delimiter */
    }
    return true;
}

/* Moves past the record ending at rend and its line end. */
static void next_record(Reader *r, size_t rend) {
    const char *p = r->buf + r->pos, *e = r->buf + rend;
    while ((p = memchr(p, '\n', (size_t)(e - p)))) { r->line++; p++; }
    r->pos = rend;
    if (r->pos < r->end && r->buf[r->pos] == '\r') r->pos++;
    if (r->pos < r->end && r->buf[r->pos] == '\n') r->pos++;
    r->line++;
}

static bool blank_record(Reader *r, size_t rend) {
    for (size_t i = r->pos; i < rend; i++)
        if (r->buf[i] != ' ' && r->buf[i] != '\t') return false;
    return true;
}

static char sniff(const char *p, const char *e, const char *name) {
    size_t n = strlen(name);
    if ((n > 4 && strcasecmp(name + n - 4, ".tsv") == 0) || (n > 4 && strcasecmp(name + n - 4, ".tab") == 0))
        return '\t';
    size_t comma = 0, tab = 0, semi = 0;
    bool quoted = false;
    for (; p < e && (quoted || (*p != '\n' && *p != '\r')); p++) {
        if (*p == '"') quoted = !quoted;
        else if (!quoted) { comma += *p == ','; tab += *p == '\t'; semi += *p == ';'; }
    }
    if (tab > comma && tab >= semi) return '\t';
    if (semi > comma && semi > tab) return ';';
    return ',';
}

/* Makes room for row `row` (0-based). */
static bool room(Reader *r, size_t row) {
    if (row < r->cap_rows) return true;
    size_t want = r->cap_rows < FIRST_ROWS_MIN ? FIRST_ROWS_MIN : r->cap_rows + r->cap_rows / 2;
    double *d = r->reserve(r->ctx, want, r->t->cols, row);
    if (!d) {
        r->t->err_rows = r->guess_rows > want ? r->guess_rows : want;
        r->t->err_cols = r->t->cols;
        return fail(r, CSV_ERR_MEMORY, r->line, 0, "the numbers need more memory than the limit allows");
    }
    r->t->data = d;
    r->cap_rows = want;
    return true;
}

/* A first guess at the rows: the file's size over the mean length of the lines in the window
 * (pages of a generous guess that are never written cost nothing). */
static void first_reserve(Reader *r) {
    size_t lines = 0;
    const char *p = r->buf + r->pos, *e = r->buf + r->end;
    while (p < e && (p = memchr(p, '\n', (size_t)(e - p)))) { lines++; p++; }
    if (lines == 0) return;
    double per_line = (double)(r->end - r->pos) / (double)lines;
    double total = r->fd < 0 ? (double)(r->mem_len - r->offset - r->pos) : (double)r->file_size - (double)(r->offset + r->pos);
    if (total <= 0) return;
    double guess = total / per_line * 1.1 + 16;
    if (guess > 1e12 || !r->t->cols) return;
    r->guess_rows = (size_t)(total / per_line);
    double *d = r->reserve(r->ctx, (size_t)guess, r->t->cols, 0);
    if (d) {
        r->t->data = d;
        r->cap_rows = (size_t)guess;
    }
}

static bool store_row(Reader *r, size_t row) {
    CsvTable *t = r->t;
    double *out = t->data + row * t->cols;
    for (size_t j = 0; j < t->cols; j++) {
        Field *f = &r->fields[j];
        if (r->kind[j] != COL_TEXT) {
            if (csv_number(f->s, f->s + f->n, &out[j])) {
                r->kind[j] = COL_NUMBER;
                continue;
            }
            if (missing_cell(f->s, f->s + f->n)) {
                out[j] = NAN;
                t->missing++;
                continue;
            }
            if (r->kind[j] == COL_NUMBER) {
                int shown = f->n > 40 ? 40 : (int)f->n;
                return fail(r, CSV_ERR_NUMBER, f->line, field_col(f), "'%.*s%s' in column '%s' is not a number (the column above it is numbers)",
                            shown, f->s, f->n > 40 ? "…" : "", t->names[j]);
            }
            r->kind[j] = COL_TEXT; /* the cells above were all empty: they stay nan */
            t->labels[j] = calloc(1, sizeof *t->labels[j]);
            if (!t->labels[j]) { fputs("mlm: out of memory\n", stderr); abort(); }
        }
        if (f->n == 0) {
            out[j] = NAN;
            t->missing++;
        } else {
            out[j] = (double)labels_code(t->labels[j], f->s, f->n);
        }
    }
    return true;
}

static bool read_all(Reader *r, const char *name, const CsvOptions *opt) {
    CsvTable *t = r->t;
    if (!refill(r)) return false;
    if (r->end >= 3 && memcmp(r->buf, "\xEF\xBB\xBF", 3) == 0) r->pos = 3;
    t->delim = opt && opt->delim ? opt->delim : sniff(r->buf + r->pos, r->buf + r->end, name);
    bool first = true;
    size_t row = 0;
    for (;;) {
        if (r->pos >= r->end && r->eof) break;
        size_t rend = record_end(r);
        if (rend == SIZE_MAX) return false;
        if (rend == r->pos && r->pos >= r->end && r->eof) break;
        if (blank_record(r, rend)) { next_record(r, rend); continue; }
        if (!split(r, rend, t->delim)) return false;
        if (first) {
            first = false;
            t->cols = r->nfields;
            t->names = xmalloc(t->cols * sizeof *t->names);
            t->labels = calloc(t->cols ? t->cols : 1, sizeof *t->labels);
            r->kind = calloc(t->cols ? t->cols : 1, sizeof *r->kind);
            if (!t->labels || !r->kind) { fputs("mlm: out of memory\n", stderr); abort(); }
            bool header = !opt || opt->header != CSV_HEADER_NO;
            if (header && (!opt || opt->header == CSV_HEADER_AUTO)) {
                bool all_numbers = true;
                for (size_t j = 0; j < t->cols && all_numbers; j++) {
                    double x;
                    all_numbers = csv_number(r->fields[j].s, r->fields[j].s + r->fields[j].n, &x);
                }
                header = !all_numbers;
            }
            t->had_header = header;
            for (size_t j = 0; j < t->cols; j++) {
                if (header) t->names[j] = xstrndup(r->fields[j].s, r->fields[j].n);
                else {
                    char nm[32];
                    snprintf(nm, sizeof nm, "x%zu", j + 1);
                    t->names[j] = xstrndup(nm, strlen(nm));
                }
            }
            if (header) {
                next_record(r, rend);
                first_reserve(r);
                continue;
            }
            first_reserve(r);
        }
        if (r->nfields != t->cols)
            return fail(r, CSV_ERR_RAGGED, r->line, 0, "this row has %zu field%s, the %s %zu", r->nfields,
                        r->nfields == 1 ? "" : "s", t->had_header ? "header has" : "first row has", t->cols);
        if (!room(r, row) || !store_row(r, row)) return false;
        row++;
        t->rows = row;
        next_record(r, rend);
    }
    if (first) return fail(r, CSV_ERR_EMPTY, 1, 0, "the file is empty");
    return true;
}

static void reader_init(Reader *r, CsvTable *t, CsvReserve reserve, void *ctx) {
    memset(r, 0, sizeof *r);
    memset(t, 0, sizeof *t);
    r->fd = -1;
    r->t = t;
    r->reserve = reserve;
    r->ctx = ctx;
    r->cap = WINDOW + 1;
    r->buf = xmalloc(r->cap);
    r->line = 1;
    r->file_size = -1;
}

static bool reader_done(Reader *r, bool ok) {
    free(r->buf);
    free(r->fields);
    free(r->scratch);
    free(r->kind);
    if (!ok) {
        CsvTable *t = r->t;
        CsvError e = t->error;
        size_t line = t->err_line, col = t->err_col, rows = t->err_rows, cols = t->err_cols;
        char message[sizeof t->message];
        memcpy(message, t->message, sizeof message);
        csv_table_free(t);
        t->error = e;
        t->err_line = line;
        t->err_col = col;
        t->err_rows = rows;
        t->err_cols = cols;
        memcpy(t->message, message, sizeof message);
    }
    return ok;
}

bool csv_read_buffer(const char *text, size_t len, const char *name, const CsvOptions *opt, CsvReserve reserve,
                     void *ctx, CsvTable *t) {
    Reader r;
    reader_init(&r, t, reserve, ctx);
    r.mem = text;
    r.mem_len = len;
    return reader_done(&r, read_all(&r, name, opt));
}

bool csv_read_file(const char *path, const CsvOptions *opt, CsvReserve reserve, void *ctx, CsvTable *t) {
    Reader r;
    reader_init(&r, t, reserve, ctx);
    r.fd = open(path, O_RDONLY | O_CLOEXEC);
    bool ok;
    struct stat st;
    if (r.fd < 0) ok = fail(&r, CSV_ERR_OPEN, 0, 0, "cannot open it: %s", strerror(errno));
    else if (fstat(r.fd, &st) == 0 && S_ISDIR(st.st_mode)) ok = fail(&r, CSV_ERR_OPEN, 0, 0, "it is a directory, not a file");
    else {
        r.file_size = S_ISREG(st.st_mode) ? (long long)st.st_size : -1;
        ok = read_all(&r, path, opt);
    }
    if (r.fd >= 0) close(r.fd);
    return reader_done(&r, ok);
}

void csv_table_free(CsvTable *t) {
    if (t->names)
        for (size_t j = 0; j < t->cols; j++) free(t->names[j]);
    if (t->labels)
        for (size_t j = 0; j < t->cols; j++) labels_free(t->labels[j]);
    free(t->names);
    free(t->labels);
    t->names = NULL;
    t->labels = NULL;
    t->error = CSV_OK;
}

/* }===================== */

/* {===================== the writer */

static void write_text(FILE *f, const char *s) {
    if (!strpbrk(s, ",\"\n\r\t;") && s[0] != ' ') { fputs(s, f); return; }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"') fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

/* The shortest of %.15g, %.16g, %.17g that reads back as x. */
static void write_number(FILE *f, double x) {
    if (isnan(x)) return;
    char buf[40];
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(buf, sizeof buf, "%.*g", prec, x);
        if (strtod(buf, NULL) == x) break;
    }
    fputs(buf, f);
}

bool csv_write_file(const char *path, size_t rows, size_t cols, const double *data, char *const *names,
                    CsvLabels *const *labels, char *err, size_t errsize) {
    size_t n = strlen(path);
    AtomicFile out;
    if (!file_atomic_open(&out, path, err, errsize)) return false;
    FILE *f = out.f;
    char delim = n > 4 && strcasecmp(path + n - 4, ".tsv") == 0 ? '\t' : ',';
    if (names) {
        for (size_t j = 0; j < cols; j++) {
            if (j) fputc(delim, f);
            write_text(f, names[j]);
        }
        fputc('\n', f);
    }
    for (size_t i = 0; i < rows; i++) {
        for (size_t j = 0; j < cols; j++) {
            if (j) fputc(delim, f);
            double x = data[i * cols + j];
            const CsvLabels *l = labels ? labels[j] : NULL;
            if (l && x >= 1 && x <= (double)l->count && x == floor(x)) write_text(f, l->text[(size_t)x - 1]);
            else write_number(f, x);
        }
        fputc('\n', f);
    }
    return file_atomic_close(&out, err, errsize);
}

/* }===================== */
