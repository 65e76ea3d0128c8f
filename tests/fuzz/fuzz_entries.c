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
#include "sandbox.h"
#include "source.h"

enum { MAX_ENTRIES = 32 };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
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
    Interp *in = fuzz_session_open();
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
    fuzz_session_close(in);
    return NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    Input input = {data, size};
    fuzz_run_on_big_stack(run_input, &input);
    return 0;
}
