/* sandbox.c — what the fuzz harnesses that run programs (fuzz_eval, fuzz_entries) link in place
 * of the file functions, with -Wl,--wrap (see the Makefile): `import` and load() read only
 * relative paths without "..", from the directory the fuzzer runs in (build/fuzz/work); save()
 * and SVG plots write nothing. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "csv.h"
#include "files.h"
#include "plot.h"

bool __real_file_read(const char *path, char **text, size_t *len, char *err, size_t errsize);
bool __wrap_file_read(const char *path, char **text, size_t *len, char *err, size_t errsize);
/* load() reads under the same rule; save() and plot(…, "f.svg") write nothing while fuzzing */
bool __real_csv_read_file(const char *path, const CsvOptions *opt, CsvReserve reserve, void *ctx, CsvTable *t);
bool __wrap_csv_read_file(const char *path, const CsvOptions *opt, CsvReserve reserve, void *ctx, CsvTable *t);
bool __wrap_csv_write_file(const char *path, size_t rows, size_t cols, const double *data, char *const *names,
                           CsvLabels *const *labels, char *err, size_t errsize);
bool __wrap_plot_svg(const char *path, const Plot *p, char *err, size_t errsize);


bool __wrap_file_read(const char *path, char **text, size_t *len, char *err, size_t errsize) {
    if (path[0] == '/' || strstr(path, "..")) {
        snprintf(err, errsize, "cannot open '%s': refused by the fuzz harness", path);
        return false;
    }
    return __real_file_read(path, text, len, err, errsize);
}

bool __wrap_csv_read_file(const char *path, const CsvOptions *opt, CsvReserve reserve, void *ctx, CsvTable *t) {
    if (path[0] == '/' || strstr(path, "..")) {
        memset(t, 0, sizeof *t);
        t->error = CSV_ERR_OPEN;
        snprintf(t->message, sizeof t->message, "refused by the fuzz harness");
        return false;
    }
    return __real_csv_read_file(path, opt, reserve, ctx, t);
}

bool __wrap_csv_write_file(const char *path, size_t rows, size_t cols, const double *data, char *const *names,
                           CsvLabels *const *labels, char *err, size_t errsize) {
    (void)path; (void)rows; (void)cols; (void)data; (void)names; (void)labels;
    snprintf(err, errsize, "writing is refused by the fuzz harness");
    return false;
}

bool __wrap_plot_svg(const char *path, const Plot *p, char *err, size_t errsize) {
    (void)path; (void)p;
    snprintf(err, errsize, "writing is refused by the fuzz harness");
    return false;
}

