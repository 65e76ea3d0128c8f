/* repl.h — the interactive prompt (GNU Readline): line editing, multi-line entries with a
 * `... ` continuation prompt, Tab completion (complete.h), history kept across sessions,
 * and Ctrl-C that discards a half-typed line or stops a running evaluation. */
#ifndef MLM_REPL_H
#define MLM_REPL_H

#include <stdbool.h>
#include <stddef.h>

#include "interp.h"

/* Runs the prompt on the terminal until quit or Ctrl-D; returns the exit status. While it
 * runs it owns the SIGINT and SIGWINCH handlers (SIGINT still sets *in->interrupted, which
 * the evaluator polls) and restores the previous ones when it returns. */
/* The one-line banner shown when the prompt starts on a terminal: the version, help, ?name
 * and how Σ is typed. */
void repl_banner(FILE *out, const char *version);
int repl_run(Interp *in);

/* {===================== the history file (exported for the unit tests)
 * One entry a line; inside an entry a backslash is written "\\" and a newline "\n", so a
 * multi-line entry comes back as one entry. Writers merge: they re-read the file under a
 * lock on its directory, append, keep the newest `max`, write a temporary file and rename
 * it over the old one, so a crash or a second session never leaves a half-written file. */

/* The history file: $MLM_HISTORY if set (empty: history off, returns false), else
 * $XDG_STATE_HOME/mlm/history (an absolute XDG_STATE_HOME), else ~/.mlm_history. */
bool repl_history_path(char *buf, size_t size);
/* Reads the entries of path into *entries (malloc'd array of malloc'd strings, oldest
 * first); returns how many (0 when the file is missing or empty). */
int repl_history_read(const char *path, char ***entries);
/* Appends n entries to the file at path (creating its directory), keeping the newest max.
 * On failure writes the reason to err and returns false. */
bool repl_history_append(const char *path, char *const *entries, int n, int max, char *err, size_t errsize);
/* Frees what repl_history_read returned. */
void repl_history_free(char **entries, int n);

/* }===================== */

#endif
