/* fuzz_entries.c — libFuzzer harness for the lifetimes of REPL entries and imported files
 * (see tests/fuzz/README.md): issue 11's use-after-free came from a lambda made inside a
 * function keeping the arena of whatever entry was running.
 *
 * The input is split at form feeds (\f) into entries. Entry i is written to the file eI.mlm
 * in the working directory, then run in one session, each entry its own Source and so its
 * own arena: as a REPL entry typed at the prompt, or — when its first byte is '#', a comment —
 * as `import "eI.mlm"`, so functions and lambdas defined in one file are called from later
 * entries and files (which may `import "eJ.mlm"` an earlier one themselves). Between
 * entries, variables are rebound and cleared as a person would (an entry may be `g = 0`).
 * Run under ASan and UBSan by `make fuzz`; a heap-use-after-free is a finding.
 *
 * Like fuzz_eval.c: 64 MiB of array memory, 200 nested calls, a watchdog that interrupts an
 * input after FUZZ_EVAL_MS, output to /dev/null, the file functions sandboxed (sandbox.c). */
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "files.h"
#include "interp.h"
#include "source.h"

enum { FUZZ_EVAL_MS = 50, WATCHDOG_TICK_MS = 5, EVAL_STACK_BYTES = 64 << 20, MAX_ENTRIES = 32 };

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
static FILE *devnull;
static volatile sig_atomic_t interrupt_flag;
static _Atomic int64_t deadline_ns;

static int64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

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

typedef struct Input {
    const uint8_t *data;
    size_t size;
} Input;

static void run_entry(Interp *in, const char *name, const char *text, size_t len) {
    Source *src = source_new(name, text, len);
    interp_run(in, src, false);
    source_release(src);
}

static void *run_input(void *arg) {
    const char *text = (const char *)((Input *)arg)->data;
    size_t size = ((Input *)arg)->size;
    Interp *in = interp_new(devnull, devnull);
    if (!in) abort();
    in->interrupted = &interrupt_flag;
    in->budget.limit = in->limits.max_memory = (size_t)64 << 20;
    in->limits.max_call_depth = 200;
    interrupt_flag = 0;
    atomic_store(&deadline_ns, now_ns() + (int64_t)FUZZ_EVAL_MS * 1000000);
    size_t start = 0;
    int entry = 0;
    for (size_t i = 0; i <= size && entry < MAX_ENTRIES && !in->interrupt_seen && in->exit_requested < 0; i++) {
        if (i < size && text[i] != '\f') continue;
        const char *piece = text + start;
        size_t len = i - start;
        start = i + 1;
        char file[32];
        snprintf(file, sizeof file, "e%d.mlm", entry);
        FILE *f = fopen(file, "w");
        if (f) {
            fwrite(piece, 1, len, f);
            fclose(f);
        }
        if (len > 0 && piece[0] == '#' && f) {
            char line[64];
            int n = snprintf(line, sizeof line, "import \"%s\"\n", file);
            run_entry(in, "<repl>", line, (size_t)n);
        } else {
            run_entry(in, "<repl>", piece, len);
        }
        entry++;
    }
    atomic_store(&deadline_ns, 0);
    interrupt_flag = 0;
    interp_free(in);
    return NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    Input input = {data, size};
    pthread_attr_t attr;
    pthread_t t;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, EVAL_STACK_BYTES);
    if (pthread_create(&t, &attr, run_input, &input) != 0) abort();
    pthread_join(t, NULL);
    pthread_attr_destroy(&attr);
    return 0;
}
