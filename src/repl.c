/* repl.c — the interactive prompt: reads lines with GNU Readline, asks for more while the
 * input is incomplete (an open bracket or block), runs each complete entry in the session. */
#include "repl.h"

#include <readline/history.h>
#include <readline/readline.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int repl_run(Interp *in) {
    char *pending = NULL;   /* owned: the lines of an incomplete entry so far */
    size_t pending_len = 0;
    int entry = 0;
    for (;;) {
        char *line = readline(pending ? "... " : "mlm> ");
        if (!line) {
            fputc('\n', stdout);
            break;
        }
        if (pending && line[0] == '\0') {
            /* a blank line abandons an incomplete entry */
            free(pending);
            pending = NULL;
            pending_len = 0;
            free(line);
            continue;
        }
        size_t len = strlen(line);
        char *joined = realloc(pending, pending_len + len + 2);
        if (!joined) abort();
        memcpy(joined + pending_len, line, len);
        joined[pending_len + len] = '\n';
        joined[pending_len + len + 1] = '\0';
        pending = joined;
        pending_len += len + 1;
        free(line);
        char name[32];
        snprintf(name, sizeof name, "<repl:%d>", ++entry);
        Source *src = source_new("<repl>", pending, pending_len);
        (void)name;
        RunStatus st = interp_run(in, src, true);
        source_release(src);
        if (st == RUN_INCOMPLETE) continue;
        pending[pending_len - 1] = '\0';
        if (pending[0]) add_history(pending);
        free(pending);
        pending = NULL;
        pending_len = 0;
        if (st == RUN_QUIT) break;
    }
    free(pending);
    return in->exit_requested > 0 ? in->exit_requested : 0;
}
