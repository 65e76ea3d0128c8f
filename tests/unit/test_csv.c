/* test_csv.c — the CSV reader and writer (src/csv.c): numbers parse exactly as strtod does,
 * quotes with embedded delimiters, quotes and newlines, CRLF / CR line ends, a UTF-8 byte
 * order mark, TSV by extension and by sniffing, semicolons, the header decided by the first
 * row, text columns as codes with labels, empty cells as nan, and every error with its line
 * and column: ragged rows, a text cell in a numeric column, unclosed quotes, binary input,
 * an empty file, a reserve that says no; atomic writes that leave nothing behind on failure. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csv.h"

/* {======== helpers: storage from malloc, at most `limit` rows (0: any) */

static size_t limit_rows;

static double *reserve(void *ctx, size_t rows, size_t cols, size_t keep) {
    double **slot = ctx;
    if (limit_rows && rows > limit_rows) return NULL;
    double *d = malloc((rows * cols + 1) * sizeof *d);
    if (*slot && keep) memcpy(d, *slot, keep * cols * sizeof *d);
    free(*slot);
    *slot = d;
    return d;
}

static double *storage;

static bool read_text(const char *text, const char *name, CsvHeader header, CsvTable *t) {
    free(storage);
    storage = NULL;
    CsvOptions opt = {header, 0};
    return csv_read_buffer(text, strlen(text), name, &opt, reserve, &storage, t);
}

#define AT(t, i, j) ((t).data[(i) * (t).cols + (j)])

/* }======== */

START_TEST(numbers_match_strtod) {
    const char *cases[] = {"0", "-0", "1", "0.1", "0.3", "-2.5e-3", "1e22", "1e23", "123456789012345678",
                           "9007199254740993", "0.000001", "3.141592653589793", "2.2250738585072014e-308",
                           "1.7976931348623157e308", "4.9e-324", "+7", "  42  ", ".5", "5.", "1E5",
                           "0.1000000000000000055511151231257827", "inf", "-inf", "12345678901234567890123"};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char buf[64];
        snprintf(buf, sizeof buf, "%s,", cases[i]); /* the byte after a cell is never a digit */
        double x;
        ck_assert_msg(csv_number(buf, buf + strlen(cases[i]), &x), "%s", cases[i]);
        double want = strtod(cases[i], NULL);
        ck_assert_msg(memcmp(&x, &want, sizeof x) == 0, "%s: %.17g against strtod's %.17g", cases[i], x, want);
    }
    const char *bad[] = {"", "-", ".", "1e", "1e+", "abc", "1,5", "0x1A", "1 2", "--1", "12a"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char buf[64];
        snprintf(buf, sizeof buf, "%s;", bad[i]);
        double x;
        ck_assert_msg(!csv_number(buf, buf + strlen(bad[i]), &x), "'%s' is not a number", bad[i]);
    }
}
END_TEST

START_TEST(header_names_and_numbers) {
    CsvTable t;
    ck_assert(read_text("a,b,c\n1,2,3\n4,5.5,-6\n", "x.csv", CSV_HEADER_AUTO, &t));
    ck_assert_uint_eq(t.rows, 2);
    ck_assert_uint_eq(t.cols, 3);
    ck_assert(t.had_header);
    ck_assert_str_eq(t.names[1], "b");
    ck_assert(AT(t, 1, 1) == 5.5 && AT(t, 1, 2) == -6);
    csv_table_free(&t);
    /* every cell of the first row a number: no header, names x1, x2 */
    ck_assert(read_text("1,2\n3,4", "x.csv", CSV_HEADER_AUTO, &t));
    ck_assert(!t.had_header);
    ck_assert_uint_eq(t.rows, 2);
    ck_assert_str_eq(t.names[0], "x1");
    ck_assert(AT(t, 1, 1) == 4);
    csv_table_free(&t);
    /* "noheader" makes a text first row data */
    ck_assert(read_text("a,1\nb,2\n", "x.csv", CSV_HEADER_NO, &t));
    ck_assert_uint_eq(t.rows, 2);
    ck_assert_ptr_nonnull(t.labels[0]);
    ck_assert_str_eq(t.labels[0]->text[1], "b");
    csv_table_free(&t);
    /* a header and no rows */
    ck_assert(read_text("a,b\n", "x.csv", CSV_HEADER_AUTO, &t));
    ck_assert_uint_eq(t.rows, 0);
    ck_assert_uint_eq(t.cols, 2);
    csv_table_free(&t);
}
END_TEST

START_TEST(quotes_crlf_bom) {
    CsvTable t;
    ck_assert(read_text("\xEF\xBB\xBF\"name\",\"x\"\r\n\"a, \"\"b\"\"\",1\r\n\"two\r\nlines\",2\r\n", "x.csv",
                        CSV_HEADER_AUTO, &t));
    ck_assert_str_eq(t.names[0], "name"); /* the byte order mark is not part of the name */
    ck_assert_uint_eq(t.rows, 2);
    ck_assert_str_eq(t.labels[0]->text[0], "a, \"b\"");
    ck_assert_str_eq(t.labels[0]->text[1], "two\r\nlines");
    ck_assert(AT(t, 0, 1) == 1 && AT(t, 1, 1) == 2);
    ck_assert(AT(t, 0, 0) == 1 && AT(t, 1, 0) == 2); /* codes */
    csv_table_free(&t);
    /* a quote inside an unquoted field is text (an inch mark), not the start of a quoted field */
    ck_assert(read_text("item,size\nscreen 27\",27\nlamp,3\n", "x.csv", CSV_HEADER_AUTO, &t));
    ck_assert_uint_eq(t.rows, 2);
    ck_assert_str_eq(t.labels[0]->text[0], "screen 27\"");
    ck_assert(AT(t, 1, 1) == 3);
    csv_table_free(&t);
    /* old Mac line ends, blank lines skipped, no final newline */
    ck_assert(read_text("a,b\r1,2\r\r3,4", "x.csv", CSV_HEADER_AUTO, &t));
    ck_assert_uint_eq(t.rows, 2);
    ck_assert(AT(t, 1, 0) == 3);
    csv_table_free(&t);
}
END_TEST

START_TEST(delimiters) {
    CsvTable t;
    ck_assert(read_text("a\tb\n1,5\t2\n", "x.tsv", CSV_HEADER_AUTO, &t)); /* by extension */
    ck_assert_int_eq(t.delim, '\t');
    ck_assert_ptr_nonnull(t.labels[0]); /* "1,5" is text in a TSV file */
    csv_table_free(&t);
    ck_assert(read_text("a\tb\tc\n1\t2\t3\n", "data.txt", CSV_HEADER_AUTO, &t)); /* sniffed */
    ck_assert_int_eq(t.delim, '\t');
    ck_assert_uint_eq(t.cols, 3);
    csv_table_free(&t);
    ck_assert(read_text("a;b\n1;2\n", "data.csv", CSV_HEADER_AUTO, &t));
    ck_assert_int_eq(t.delim, ';');
    ck_assert(AT(t, 0, 1) == 2);
    csv_table_free(&t);
}
END_TEST

START_TEST(text_columns_and_missing) {
    CsvTable t;
    ck_assert(read_text("k,v\n,1\nweb,\ndb,NA\nweb,4\n", "x.csv", CSV_HEADER_AUTO, &t));
    ck_assert_uint_eq(t.missing, 3);
    ck_assert(isnan(AT(t, 0, 0))); /* an empty cell above the first label stays nan */
    ck_assert(AT(t, 1, 0) == 1 && AT(t, 2, 0) == 2 && AT(t, 3, 0) == 1);
    ck_assert_uint_eq(t.labels[0]->count, 2);
    ck_assert(isnan(AT(t, 1, 1)) && isnan(AT(t, 2, 1)) && AT(t, 3, 1) == 4);
    ck_assert_ptr_null(t.labels[1]);
    csv_table_free(&t);
}
END_TEST

START_TEST(errors_have_positions) {
    CsvTable t;
    ck_assert(!read_text("a,b,c\n1,2,3\n4,5\n", "x.csv", CSV_HEADER_AUTO, &t));
    ck_assert_int_eq(t.error, CSV_ERR_RAGGED);
    ck_assert_uint_eq(t.err_line, 3);
    ck_assert_str_eq(t.message, "this row has 2 fields, the header has 3");
    ck_assert(!read_text("a,b\n1,2\n3,x7\n", "x.csv", CSV_HEADER_AUTO, &t));
    ck_assert_int_eq(t.error, CSV_ERR_NUMBER);
    ck_assert_uint_eq(t.err_line, 3);
    ck_assert_uint_eq(t.err_col, 3);
    ck_assert_str_eq(t.message, "'x7' in column 'b' is not a number (the column above it is numbers)");
    ck_assert(!read_text("a,b\n1,\"2\n", "x.csv", CSV_HEADER_AUTO, &t));
    ck_assert_int_eq(t.error, CSV_ERR_QUOTE);
    ck_assert(!read_text("a,b\n1,\"2\"x\n", "x.csv", CSV_HEADER_AUTO, &t));
    ck_assert_int_eq(t.error, CSV_ERR_QUOTE);
    ck_assert_uint_eq(t.err_col, 6);
    ck_assert(!read_text("", "x.csv", CSV_HEADER_AUTO, &t));
    ck_assert_int_eq(t.error, CSV_ERR_EMPTY);
    CsvOptions opt = {CSV_HEADER_AUTO, 0};
    ck_assert(!csv_read_buffer("a\n1\0", 5, "x.csv", &opt, reserve, &storage, &t));
    ck_assert_int_eq(t.error, CSV_ERR_BINARY);
    /* the reserve callback says no: the rows asked for are reported */
    limit_rows = 1;
    ck_assert(!read_text("a\n1\n2\n3\n", "x.csv", CSV_HEADER_AUTO, &t));
    limit_rows = 0;
    ck_assert_int_eq(t.error, CSV_ERR_MEMORY);
    ck_assert_uint_eq(t.err_cols, 1);
    ck_assert(!csv_read_file("/nonexistent/file.csv", &opt, reserve, &storage, &t));
    ck_assert_int_eq(t.error, CSV_ERR_OPEN);
    ck_assert(!csv_read_file("/tmp", &opt, reserve, &storage, &t));
    ck_assert_str_eq(t.message, "it is a directory, not a file");
}
END_TEST

START_TEST(long_records_cross_the_window) {
    /* 3 MB of rows and one 2 MB quoted field: the 1 MiB window moves and grows */
    size_t n = 100000;
    size_t cap = n * 32 + (2u << 20) + 64;
    char *text = malloc(cap);
    size_t len = (size_t)sprintf(text, "i,s\n");
    for (size_t i = 0; i < n; i++) len += (size_t)sprintf(text + len, "%zu,%zu.25\n", i, i);
    len += (size_t)sprintf(text + len, "7,\"");
    memset(text + len, 'z', 2u << 20);
    len += 2u << 20;
    len += (size_t)sprintf(text + len, "\"\n");
    CsvTable t;
    free(storage);
    storage = NULL;
    CsvOptions opt = {CSV_HEADER_AUTO, 0};
    /* the last row's text in a numeric column is an error at the last line */
    ck_assert(!csv_read_buffer(text, len, "x.csv", &opt, reserve, &storage, &t));
    ck_assert_int_eq(t.error, CSV_ERR_NUMBER);
    ck_assert_uint_eq(t.err_line, n + 2);
    /* without it, all rows */
    len -= (2u << 20) + 5;
    ck_assert(csv_read_buffer(text, len, "x.csv", &opt, reserve, &storage, &t));
    ck_assert_uint_eq(t.rows, n);
    ck_assert(AT(t, n - 1, 1) == (double)(n - 1) + 0.25);
    csv_table_free(&t);
    free(text);
}
END_TEST

START_TEST(crlf_across_the_window) {
    /* the first read fills the 1 MiB window; a padding row is chosen so that its last byte is
     * the CR of a CRLF: the line of an error at the end must still be right */
    size_t n = 300000, window = 1u << 20;
    char *text = malloc(n * 8 + 64);
    bool placed = false;
    size_t len = 0;
    for (int w = 1; w <= 6 && !placed; w++) {
        len = (size_t)sprintf(text, "a,b\r\n%0*d,1\r\n", w, 7);
        for (size_t i = 0; i < n; i++) len += (size_t)sprintf(text + len, "%s\r\n", i % 2 ? "1,1" : "2,\"2\"");
        placed = text[window - 1] == '\r';
    }
    ck_assert(placed);
    len += (size_t)sprintf(text + len, "1,x\r\n");
    CsvTable t;
    free(storage);
    storage = NULL;
    CsvOptions opt = {CSV_HEADER_AUTO, 0};
    ck_assert(!csv_read_buffer(text, len, "x.csv", &opt, reserve, &storage, &t));
    ck_assert_int_eq(t.error, CSV_ERR_NUMBER);
    ck_assert_uint_eq(t.err_line, n + 3);
    free(text);
}
END_TEST

START_TEST(write_is_atomic) {
    char dir[] = "/tmp/mlm-csv-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char path[256], err[256];
    snprintf(path, sizeof path, "%s/out.csv", dir);
    double data[] = {1, 0.1, NAN, 1e300};
    char *names[] = {"a", "b, c"};
    ck_assert(csv_write_file(path, 2, 2, data, names, NULL, err, sizeof err));
    FILE *f = fopen(path, "r");
    char text[256] = "";
    size_t got = fread(text, 1, sizeof text - 1, f);
    text[got] = '\0';
    fclose(f);
    ck_assert_str_eq(text, "a,\"b, c\"\n1,0.1\n,1e+300\n");
    /* a path in a missing directory: an error, and nothing written anywhere */
    snprintf(path, sizeof path, "%s/missing/out.csv", dir);
    ck_assert(!csv_write_file(path, 2, 2, data, NULL, NULL, err, sizeof err));
    ck_assert_str_eq(err, "cannot write it: No such file or directory");
    /* over a directory: rename fails, the temporary file is removed */
    snprintf(path, sizeof path, "%s/sub", dir);
    char sub[600];
    snprintf(sub, sizeof sub, "mkdir %s && touch %s/keep", path, path);
    ck_assert_int_eq(system(sub), 0);
    ck_assert(!csv_write_file(path, 2, 2, data, NULL, NULL, err, sizeof err));
    char cmd[600];
    snprintf(cmd, sizeof cmd, "test $(ls %s | wc -l) -eq 2", dir); /* out.csv and sub only */
    ck_assert_int_eq(system(cmd), 0);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    ck_assert_int_eq(system(cmd), 0);
}
END_TEST

Suite *csv_suite(void) {
    Suite *s = suite_create("csv");
    TCase *c = tcase_create("Core");
    tcase_add_test(c, numbers_match_strtod);
    tcase_add_test(c, header_names_and_numbers);
    tcase_add_test(c, quotes_crlf_bom);
    tcase_add_test(c, delimiters);
    tcase_add_test(c, text_columns_and_missing);
    tcase_add_test(c, errors_have_positions);
    tcase_add_test(c, long_records_cross_the_window);
    tcase_add_test(c, crlf_across_the_window);
    tcase_add_test(c, write_is_atomic);
    suite_add_tcase(s, c);
    return s;
}
