/* fuzz_csv.c — libFuzzer harness for the CSV reader (src/csv.c; see tests/fuzz/README.md).
 *
 * The first byte chooses the options (header auto / yes / no; delimiter sniffed, by a .tsv
 * name, or ';'); the rest is the file. Reading must end in a table or an error with a message,
 * never a crash, a sanitizer report or a leak, and a table's codes must name its labels.
 * Differentially, csv_number on the input's first 40 bytes must agree with strtod bit for bit
 * whenever it accepts them. Storage is capped at 2^20 cells so that the reserve can say no. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static double *reserve(void *ctx, size_t rows, size_t cols, size_t keep) {
    double **slot = ctx;
    if (cols && rows > ((size_t)1 << 20) / cols) return NULL;
    double *d = malloc((rows * cols + 1) * sizeof *d);
    if (!d) return NULL;
    if (*slot && keep) memcpy(d, *slot, keep * cols * sizeof *d);
    free(*slot);
    *slot = d;
    return d;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size == 0) return 0;
    uint8_t mode = data[0];
    const char *text = (const char *)data + 1;
    size_t len = size - 1;
    CsvOptions opt = {(CsvHeader)(mode % 3), (mode >> 2) % 3 == 2 ? ';' : 0};
    const char *name = (mode >> 2) % 3 == 1 ? "fuzz.tsv" : "fuzz.csv";
    double *storage = NULL;
    CsvTable t;
    if (csv_read_buffer(text, len, name, &opt, reserve, &storage, &t)) {
        for (size_t j = 0; j < t.cols; j++) {
            if (!t.names[j]) abort();
            for (size_t i = 0; i < t.rows; i++) {
                double x = t.data[i * t.cols + j];
                if (t.labels[j] && !isnan(x) && (x < 1 || x > (double)t.labels[j]->count || x != floor(x))) abort();
            }
        }
        csv_table_free(&t);
    } else if (!t.message[0]) {
        abort(); /* every failure says why */
    }
    free(storage);
    /* csv_number against strtod */
    char cell[48];
    size_t n = len < 40 ? len : 40;
    memcpy(cell, text, n);
    cell[n] = ',';
    cell[n + 1] = '\0';
    if (!memchr(cell, '\0', n)) {
        double x;
        if (csv_number(cell, cell + n, &x)) {
            char copy[48];
            memcpy(copy, cell, n);
            copy[n] = '\0';
            double want = strtod(copy, NULL);
            if (!(isnan(x) && isnan(want)) && memcmp(&x, &want, sizeof x) != 0) abort();
        }
    }
    return 0;
}
