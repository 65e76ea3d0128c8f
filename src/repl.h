/* repl.h — the interactive prompt (GNU Readline). */
#ifndef MLM_REPL_H
#define MLM_REPL_H

#include "interp.h"

/* Runs the prompt until quit or end of input; returns the exit status. */
int repl_run(Interp *in);

#endif
