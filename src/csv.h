/* csv.h — reading and writing delimited text files (CSV, TSV), independent of the interpreter.
 *
 * The reader streams the file through a 1 MiB window, so the only large memory is the matrix
 * of numbers, which it asks its caller for (CsvReserve: the caller allocates against its own
 * budget). RFC 4180 fields (quotes, "" inside quotes, delimiters and newlines inside quotes),
 * CRLF, LF or CR line ends, a UTF-8 byte order mark, blank lines skipped. The delimiter is a
 * tab for .tsv/.tab files, else sniffed from the first line (comma, tab or semicolon).
 *
 * Each column is numeric or text, decided by its first non-empty cell: numbers parse exactly
 * (csv_number: Clinger's fast path, strtod for the rest); a text column stores codes 1, 2, …
 * in order of first appearance and keeps the labels. An empty cell (or NA, NaN, nan) is nan
 * and counted in `missing`.
 *
 * Why not Debian's libcsv: it copies every field into its own buffer and calls back per field;
 * on W12's 50 MB file libcsv alone took 0.75 s here, against 0.08 s for this reader's whole
 * parse (numbers included), and NumPy's loadtxt takes 0.53 s: the goal (≤ 0.5× the faster peer)
 * cannot be met through it. glibc's strtod for every cell takes 0.40 s, hence the fast path. */
#ifndef MLM_CSV_H
#define MLM_CSV_H

#include <stdbool.h>
#include <stddef.h>

/* Storage for at least rows × cols doubles holding the rows already written (the first
 * `keep` rows of the previous storage, row-major), or NULL when it cannot be had. */
typedef double *(*CsvReserve)(void *ctx, size_t rows, size_t cols, size_t keep);

typedef enum CsvHeader { CSV_HEADER_AUTO = 0, CSV_HEADER_YES, CSV_HEADER_NO } CsvHeader;

typedef struct CsvOptions {
    CsvHeader header; /* AUTO: the first row is a header unless every cell of it is a number */
    char delim;       /* 0: by extension, else sniffed */
} CsvOptions;

typedef struct CsvLabels {
    size_t count, cap;
    char **text;       /* owned: label k has code k + 1 */
    size_t *hash;      /* open addressing table of label indices + 1 (0 = free), owned */
    size_t hash_cap;
} CsvLabels;

typedef enum CsvError {
    CSV_OK = 0,
    CSV_ERR_OPEN,     /* message has the reason (strerror) */
    CSV_ERR_BINARY,
    CSV_ERR_RAGGED,
    CSV_ERR_NUMBER,   /* a text cell in a numeric column */
    CSV_ERR_QUOTE,    /* an unterminated quote, or text after a closing quote */
    CSV_ERR_MEMORY,   /* the reserve callback said no: rows × cols in err_rows, err_cols */
    CSV_ERR_EMPTY,    /* no rows and no header */
} CsvError;

typedef struct CsvTable {
    size_t rows, cols;
    double *data;        /* from the reserve callback (the caller owns it) */
    char **names;        /* owned: cols header names (or "x1", "x2", … without a header) */
    CsvLabels **labels;  /* owned: per column, NULL for a numeric column */
    size_t missing;      /* empty / NA cells */
    bool had_header;
    char delim;
    /* on failure */
    CsvError error;
    size_t err_line, err_col, err_rows, err_cols;
    char message[320];   /* what went wrong, without the file name and position */
} CsvTable;

/* Reads path into *t. On failure returns false with t->error, the position and the message
 * set; anything allocated is freed (csv_table_free is still safe to call). */
bool csv_read_file(const char *path, const CsvOptions *opt, CsvReserve reserve, void *ctx, CsvTable *t);
/* The same from memory (tests, fuzzing); name picks the delimiter like a path does. */
bool csv_read_buffer(const char *text, size_t len, const char *name, const CsvOptions *opt, CsvReserve reserve,
                     void *ctx, CsvTable *t);
/* Frees names and labels (not data). */
void csv_table_free(CsvTable *t);

/* Parses a whole number cell [s, e) (spaces around allowed) into *out; false when it is not
 * one. Correctly rounded (the result equals strtod's). The byte at e must be readable and not
 * a digit (the delimiter, a line end or a NUL after the cell): the digit loops stop on it. */
bool csv_number(const char *s, const char *e, double *out);

/* Writes rows × cols (row-major) to path atomically: a temporary file in the same directory,
 * then rename. names (cols strings) may be NULL for no header; labels[j] non-NULL writes
 * column j's codes as its labels. On failure returns false with the reason in err and no
 * file left behind (the old file, if any, untouched). */
bool csv_write_file(const char *path, size_t rows, size_t cols, const double *data, char *const *names,
                    CsvLabels *const *labels, char *err, size_t errsize);

#endif
