/* fuzz_eval.c — libFuzzer harness for parse + resolve + evaluate (see tests/fuzz/README.md).
 *
 * Each input runs in a fresh session (interp_new) with small limits: 64 MiB of array
 * memory and 200 nested calls. An input without a form feed runs as a script. An input with
 * form feeds (\f) is a REPL session: each piece is a line, joined to the lines before it
 * while the entry is incomplete, exactly as repl.c does, so functions defined by one Source
 * are called from a later one. Output goes to /dev/null.
 *
 * Loops that never end (`while 1 { }`) are ordinary input, so a watchdog thread sets the
 * session's interrupt flag once an input has run for FUZZ_EVAL_MS; the evaluator polls it in
 * loops and Σ and stops with "interrupted". An input that still runs past libFuzzer's
 * -timeout does not poll somewhere it should: that is a finding.
 *
 * `import "path"` would let the fuzzer read any file (/dev/zero, /dev/stdin): file_read is
 * wrapped (-Wl,--wrap=file_read) so only relative paths without ".." are read, from the
 * directory the fuzzer runs in (build/fuzz/work). */
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

#include "csv.h"
#include "files.h"
#include "interp.h"
#include "plot.h"
#include "sandbox.h"
#include "source.h"


int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
typedef struct Input {
    const uint8_t *data;
    size_t size;
} Input;

static void *run_input(void *arg) {
    const uint8_t *data = ((Input *)arg)->data;
    size_t size = ((Input *)arg)->size;
    Interp *in = fuzz_session_open();

    const char *text = (const char *)data;
    if (!memchr(text, '\f', size)) {
        /* a script */
        Source *src = source_new("<fuzz>", text, size);
        interp_run(in, src, false);
        source_release(src);
    } else {
        /* REPL lines, joined as repl.c joins them while an entry is incomplete */
        char *pending = malloc(size + 2 * (size + 1) + 1);
        if (!pending) abort();
        size_t pending_len = 0, start = 0;
        for (size_t i = 0; i <= size && !in->interrupt_seen; i++) {
            if (i < size && text[i] != '\f') continue;
            size_t len = i - start;
            const char *line = text + start;
            start = i + 1;
            if (pending_len > 0 && len == 0) { pending_len = 0; continue; } /* blank line */
            memcpy(pending + pending_len, line, len);
            pending[pending_len + len] = '\n';
            pending_len += len + 1;
            Source *src = source_new("<repl>", pending, pending_len);
            RunStatus st = interp_run(in, src, true);
            source_release(src);
            if (st == RUN_INCOMPLETE) continue;
            pending_len = 0;
            if (st == RUN_QUIT) break;
        }
        free(pending);
    }

    fuzz_session_close(in);
    return NULL;
}

/* Like main.c, evaluation runs on a thread with a large stack (the stack guard in
 * interp_run measures whichever thread it is on; on the main thread that costs a read of
 * /proc/self/maps per run). */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    Input input = {data, size};
    fuzz_run_on_big_stack(run_input, &input);
    return 0;
}
