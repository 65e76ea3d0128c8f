/* sandbox.c — what the fuzz harnesses that run programs share (see sandbox.h): the session,
 * the watchdog, the big stack, and the file functions linked in their place with -Wl,--wrap
 * (see the Makefile): `import` and load() read only relative paths without "..", from the
 * directory the fuzzer runs in (build/fuzz/work); save() and SVG plots write nothing. */
#include "sandbox.h"

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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


/* {===================== the session and its watchdog */

enum { WATCHDOG_TICK_MS = 5, EVAL_STACK_BYTES = 64 << 20 };

int LLVMFuzzerInitialize(int *argc, char ***argv);

static FILE *devnull;
static volatile sig_atomic_t interrupt_flag;
static _Atomic int64_t deadline_ns; /* 0: no input running */

static int64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* Keeps setting the flag while the running input is past its deadline: the evaluator clears
 * it when it reports "interrupted", and a later loop must be stopped too. */
static void *watchdog(void *arg) {
    (void)arg;
    struct timespec tick = {0, WATCHDOG_TICK_MS * 1000000L};
    for (;;) {
        nanosleep(&tick, NULL);
        int64_t d = atomic_load(&deadline_ns);
        if (d != 0 && now_ns() > d) interrupt_flag = 1;
    }
    return NULL;
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc;
    (void)argv;
    devnull = fopen("/dev/null", "w");
    if (!devnull) abort();
    pthread_t t;
    if (pthread_create(&t, NULL, watchdog, NULL) != 0) abort();
    pthread_detach(t);
    return 0;
}

Interp *fuzz_session_open(void) {
    Interp *in = interp_new(devnull, devnull);
    if (!in) abort(); /* the prelude failed: a build error, not an input's fault */
    in->interrupted = &interrupt_flag;
    in->budget.limit = in->limits.max_memory = (size_t)64 << 20;
    in->limits.max_call_depth = 200;
    interrupt_flag = 0;
    atomic_store(&deadline_ns, now_ns() + (int64_t)FUZZ_EVAL_MS * 1000000);
    return in;
}

void fuzz_session_close(Interp *in) {
    atomic_store(&deadline_ns, 0);
    interrupt_flag = 0;
    interp_free(in);
}

void fuzz_run_on_big_stack(void *(*fn)(void *), void *arg) {
    pthread_attr_t attr;
    pthread_t t;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, EVAL_STACK_BYTES);
    if (pthread_create(&t, &attr, fn, arg) != 0) abort();
    pthread_join(t, NULL);
    pthread_attr_destroy(&attr);
}

/* }===================== */
