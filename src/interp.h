/* interp.h — the session: everything a REPL or a script run owns, and the calls that run
 * source text in it.
 *
 * An Interp owns the global variables (name → slot → Value), the probability facts, the
 * check tallies, the memory budget and the last error. Runtime errors are returned, not
 * thrown: every evaluation function returns false after recording a Diagnostic in
 * interp->error, and callers release what they hold before passing the false upward.
 * One top-level statement is the unit of failure: the session and its variables survive. */
#ifndef MLM_INTERP_H
#define MLM_INTERP_H

#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include "ast.h"
#include "source.h"
#include "value.h"

struct ProbStore; /* prob.h */

typedef struct Global {
    char *name;        /* owned */
    Value value;       /* owned; VAL_NIL when undefined */
    Value builtin;     /* the builtin or prelude value this name had at start, restored by clear */
    bool lazy;         /* a name the prelude defines, before the prelude has run (run.c) */
} Global;

typedef struct Limits {
    int max_call_depth;     /* user function recursion */
    int max_parse_depth;    /* bracket / operator nesting */
    size_t max_memory;      /* bytes of array storage; 0 = no limit */
} Limits;

typedef struct CheckTally {
    int passed, failed;
} CheckTally;

typedef struct Interp {
    Global *globals;        /* owned array */
    int nglobals, capglobals;
    int *gindex;            /* owned: hash of names → slot + 1 (interp.c) */
    int gindex_cap;         /* a power of two, or 0 */
    /* Runs the prelude (run.c) the first time a name it defines is looked up, or anything
     * needs every global; NULL once it has run (or when the session has no prelude). */
    void (*load_prelude)(struct Interp *in);
    struct ProbStore *prob; /* owned */
    MemBudget budget;
    Limits limits;
    CheckTally checks;
    bool check_mode;        /* --check: print a line for every check, pass or fail */
    bool use_colour;
    const char *result_on, *result_off; /* escapes around printed results (the prompt's colour), or NULL */
    FILE *out;              /* borrowed: results */
    FILE *err;              /* borrowed: diagnostics */
    Diagnostic error;       /* the last error */
    int call_depth;
    int import_depth;
    const char *stack_floor; /* evaluation stops with an error below this address (stack guard) */
    bool have_ans;
    volatile sig_atomic_t *interrupted; /* borrowed: set by the SIGINT handler */
    bool interrupt_seen;    /* an evaluation was stopped by SIGINT */
    bool assert_failed;     /* an assert failed (even inside a function): the script stops */
    double timeout_seconds; /* --timeout: 0 = none; the SIGALRM handler sets *interrupted to 2 */
    int exit_requested;     /* quit command: -1 none, else exit status */
    int threads;            /* threads for large fused array work; 0 until interp_threads decides */
    unsigned long func_serial; /* the serial of the last Func made (func.h) */
    void *rng;              /* owned gsl_rng (builtins_dist.c): made on first use, freed by interp_free */
} Interp;

/* Returns a new empty session (no names defined), or NULL; out/err are borrowed. The floor:
 * interp.c. */
Interp *interp_open(FILE *out, FILE *err);
/* Returns a new session with builtins and the prelude loaded, or NULL if the prelude
 * fails (a build error). out/err are borrowed. The runner: run.c. */
Interp *interp_new(FILE *out, FILE *err);
void interp_free(Interp *in);

/* Status of running a piece of source. */
typedef enum RunStatus {
    RUN_OK = 0,
    RUN_ERROR,        /* a syntax or runtime error was printed */
    RUN_INCOMPLETE,   /* input ended inside a bracket or block: read more (REPL) */
    RUN_ASSERT,       /* an assert failed: stop the script */
    RUN_QUIT,         /* `quit` */
} RunStatus;

/* (run.c) Parses and runs src (all of it), printing results and errors. Statements run one by one;
 * a runtime error stops the run (a script stops at its first error). When
 * report_incomplete is set, input that ends inside an open construct returns
 * RUN_INCOMPLETE without printing. */
RunStatus interp_run(Interp *in, Source *src, bool report_incomplete);

/* Global table: returns the slot of name, creating an undefined one if absent. */
int interp_global_slot(Interp *in, const char *name);
/* Returns the slot or -1. */
int interp_find_global(const Interp *in, const char *name);
/* Runs the prelude now if it has not run yet: before anything that lists every global. */
void interp_need_prelude(Interp *in);
/* Defines name as a builtin/prelude value (also remembered for `clear`). Consumes v. */
void interp_define_builtin(Interp *in, const char *name, Value v);
/* Sets a global (consumes v). */
void interp_set_global(Interp *in, const char *name, Value v);

/* Records a runtime error at span; always returns false so callers can `return err(...)`. */
bool interp_error(Interp *in, Span span, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* The error message for a failed allocation of rows×cols. */
bool interp_alloc_error(Interp *in, Span span, AllocStatus status, size_t rows, size_t cols);

/* Allocation helpers charging the session budget; on failure they record the error at
 * span and return NULL. Returned arrays are new references. */
Array *interp_new_vector(Interp *in, Span span, size_t len);
Array *interp_new_matrix(Interp *in, Span span, size_t rows, size_t cols);
/* ndim 1 → vector of cols, ndim 2 → matrix */
Array *interp_new_array(Interp *in, Span span, int ndim, size_t rows, size_t cols);

/* The name closest to `name` among globals (edit distance), or NULL. */
const char *interp_suggest(const Interp *in, const char *name);
/* The parenthesis of an "unknown name" error: what mlm writes for a name a learner brought
 * from NumPy, Octave or R (help_topics.h), else "did you mean 'x'?" by edit distance, else
 * NULL. Points at static storage, valid until the next call. */
const char *interp_hint(const Interp *in, const char *name);

/* True (and records an "interrupted" error) if SIGINT arrived. */
bool interp_check_interrupt(Interp *in, Span span);
/* False when the C stack is nearly exhausted: deep recursion in user code or a very deep
 * expression must end in an error, on whatever thread (and stack size) mlm runs. */
static inline bool interp_stack_ok(const Interp *in) {
    char probe;
    return !in->stack_floor || (const char *)&probe > in->stack_floor;
}
/* Sets the stack guard for the thread that is about to evaluate. */
void interp_guard_stack(Interp *in);
/* The stack [low, low + size) that main runs the evaluation on (a context switch, not a
 * thread, so pthreads cannot say where it is); evaluation on it is guarded against it. */
void interp_set_eval_stack(void *low, size_t size);

/* Threads the fused engine may use for one large evaluation: MLM_THREADS when set (1–64),
 * else the online CPUs (at most 8); decided on first use and kept for the session. */
int interp_threads(Interp *in);

/* The cheap test loops make every iteration before calling interp_check_interrupt. */
static inline bool interp_interrupt_pending(const Interp *in) {
    return in->interrupted && *in->interrupted;
}

#endif
