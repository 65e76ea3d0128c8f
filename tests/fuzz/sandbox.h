/* sandbox.h — what the fuzz harnesses that run programs (fuzz_eval.c, fuzz_entries.c) share,
 * from sandbox.c: a session with small limits whose output goes to /dev/null, a watchdog that
 * interrupts an input running past FUZZ_EVAL_MS (as ^C would), evaluation on a thread with a big
 * stack (as main.c evaluates), and the file functions wrapped so that nothing outside the
 * working directory is read and nothing is written. sandbox.c defines LLVMFuzzerInitialize. */
#ifndef MLM_FUZZ_SANDBOX_H
#define MLM_FUZZ_SANDBOX_H

#include "interp.h"

enum { FUZZ_EVAL_MS = 50 };

/* A new session for one input (64 MiB of array memory, 200 nested calls), its deadline set. */
Interp *fuzz_session_open(void);
/* Ends the input's session and clears the deadline. */
void fuzz_session_close(Interp *in);
/* Runs fn(arg) on a thread with a 64 MiB stack and waits for it. */
void fuzz_run_on_big_stack(void *(*fn)(void *), void *arg);

#endif
