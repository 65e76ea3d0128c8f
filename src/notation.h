/* notation.h — `latex expr` (the expression as LaTeX, from the AST printer) and
 * `explain expr` (read in words, the known quantity named, shapes stated: explain.c). */
#ifndef MLM_NOTATION_H
#define MLM_NOTATION_H

#include "eval.h"

/* Runs cmd, an N_COMMAND named "latex" or "explain" whose expression is cmd->a. */
Flow notation_run(Interp *in, Node *cmd);

/* Writes what explain says about e (unresolved, as parsed) to out; variables bound in the
 * session give shapes. */
void explain_write(Interp *in, const Node *e, FILE *out);

#endif
