/* table.h — collecting the failing rows of a table-driven Check test, so one test reports
 * every failing row (Check forks per test, ~10 ms each on a small VM: a table is one test
 * rather than a loop test). Shared by the unit test files. */
#ifndef MLM_TEST_TABLE_H
#define MLM_TEST_TABLE_H

#include <check.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

typedef struct Failures {
    int count;
    size_t used;
    char text[4000];
} Failures;

static void failure(Failures *f, const char *fmt, ...) __attribute__((format(printf, 2, 3), unused));
static void failure(Failures *f, const char *fmt, ...) {
    f->count++;
    if (f->used + 2 >= sizeof f->text) return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(f->text + f->used, sizeof f->text - f->used - 1, fmt, ap);
    va_end(ap);
    if (n < 0) return;
    f->used += (size_t)n < sizeof f->text - f->used - 1 ? (size_t)n : sizeof f->text - f->used - 2;
    f->text[f->used++] = '\n';
    f->text[f->used] = '\0';
}

#define ck_no_failures(f, rows) \
    ck_assert_msg((f).count == 0, "%d of %d rows failed:\n%s", (f).count, (int)(rows), (f).text)

#define ROWS(table) (sizeof(table) / sizeof((table)[0]))

#endif
