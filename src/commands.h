/* commands.h — statements that act on the session rather than compute: help, vars,
 * clear, quit, and import. */
#ifndef MLM_COMMANDS_H
#define MLM_COMMANDS_H

#include "eval.h"

/* Runs `help [name]`, `vars`, `clear [names]`, `quit`/`exit`. */
Flow command_run(Interp *in, Node *cmd);
/* Runs `import "file.mlm"` in the session. On failure the error has been reported
 * (in->error.set is false) or recorded at the import statement. */
bool command_import(Interp *in, Node *stmt);

/* Writes the help for name (a builtin or prelude function, keyword or command) to out;
 * returns false if there is none. */
bool command_help_topic(Interp *in, const char *name, FILE *out);

#endif
