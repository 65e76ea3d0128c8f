/* testresult.h — the record a statistical test or interval returns: named parts (.t .df .p
 * .ci .estimate …, listed for Tab completion), a line that reads the result in words, and
 * the convention it follows. An interval record (ci(x)) also stands for its [lower, upper]
 * where numbers are expected.
 *
 * Ownership: testresult_new gives a record with refcount 1 owning its strings; each part
 * added is consumed. value_obj(&r->obj) hands the record to a Value. */
#ifndef MLM_TESTRESULT_H
#define MLM_TESTRESULT_H

#include "object.h"

enum { TESTRESULT_MAX_PARTS = 16 };

typedef struct TestResult {
    Obj obj;
    char *reading;     /* owned: "Welch two-sample t-test, two-sided: t = −1.15, … — at the 5% level, …" */
    char *convention;  /* owned: "Welch's unequal variances, as R's t.test; …" (may be NULL) */
    bool interval;     /* stands for its .ci where an array is expected */
    int count;
    const char *names[TESTRESULT_MAX_PARTS]; /* static strings */
    const char *notes[TESTRESULT_MAX_PARTS]; /* static strings or NULL: "mean(x) − mean(y)" */
    Value values[TESTRESULT_MAX_PARTS];      /* owned */
} TestResult;

extern const ObjType testresult_type;

/* A new empty record (refcount 1) with the convention text copied (NULL: none). */
TestResult *testresult_new(const char *convention);
/* Adds the part name = value (consumed) with an optional note shown beside it. */
void testresult_add(TestResult *r, const char *name, Value value, const char *note);
/* Adds a number part. */
void testresult_num(TestResult *r, const char *name, double x, const char *note);
/* Adds the part name = [lo, hi] (a new vector, no budget: two numbers). */
void testresult_pair(TestResult *r, const char *name, double lo, double hi, const char *note);
/* Sets the words line (printf-style, copied). */
void testresult_read(TestResult *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Formats x to digits significant digits with a real minus sign (−1.15), for the words line. */
const char *testresult_fmt(double x, int digits, char *buf, size_t size);

#endif
