/* interp.c — the session, the floor every other module may call: globals, errors, the memory
 * budget, interrupts, the stack guard. Running source text is the runner's (run.c). */
#include "interp.h"

#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dist.h"
#include "help_topics.h"
#include "prob.h"

static void *xrealloc(void *p, size_t size) {
    void *q = realloc(p, size);
    if (!q) { fputs("mlm: out of memory\n", stderr); abort(); }
    return q;
}

/* {===================== globals */

/* Names → slots through an open-addressing hash table (in->gindex: slot + 1, 0 = empty, at
 * most half full), so registering ~900 builtins and the prelude is not quadratic: the linear
 * search it replaces took ~30 µs of every start (perf, 300 runs of `mlm -e 1+1`). Slots are
 * never removed, so no tombstones. */
static uint32_t name_hash(const char *name) {
    uint32_t h = 2166136261u; /* FNV-1a */
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) h = (h ^ *p) * 16777619u;
    return h;
}

static void gindex_put(int *index, int cap, const char *name, int slot) {
    uint32_t mask = (uint32_t)cap - 1;
    uint32_t i = name_hash(name) & mask;
    while (index[i]) i = (i + 1) & mask;
    index[i] = slot + 1;
}

static void gindex_grow(Interp *in) {
    int cap = in->gindex_cap ? in->gindex_cap * 2 : 2048;
    int *index = calloc((size_t)cap, sizeof *index);
    if (!index) { fputs("mlm: out of memory\n", stderr); abort(); }
    for (int i = 0; i < in->nglobals; i++) gindex_put(index, cap, in->globals[i].name, i);
    free(in->gindex);
    in->gindex = index;
    in->gindex_cap = cap;
}

static int find_slot(const Interp *in, const char *name) {
    if (!in->gindex_cap) return -1;
    uint32_t mask = (uint32_t)in->gindex_cap - 1;
    for (uint32_t i = name_hash(name) & mask; in->gindex[i]; i = (i + 1) & mask) {
        int slot = in->gindex[i] - 1;
        if (strcmp(in->globals[slot].name, name) == 0) return slot;
    }
    return -1;
}

void interp_need_prelude(Interp *in) {
    void (*load)(Interp *) = in->load_prelude;
    if (!load) return;
    in->load_prelude = NULL; /* first: the prelude's own definitions look their names up */
    load(in);
    for (int i = 0; i < in->nglobals; i++) in->globals[i].lazy = false;
}

/* A lookup of a name the prelude defines runs the prelude first (a session's lookups are
 * its own: the const is the caller's promise about the globals it reads, kept). */
int interp_find_global(const Interp *in, const char *name) {
    int slot = find_slot(in, name);
    if (slot >= 0 && in->globals[slot].lazy && in->load_prelude) interp_need_prelude((Interp *)in);
    return slot;
}

int interp_global_slot(Interp *in, const char *name) {
    int slot = interp_find_global(in, name);
    if (slot >= 0) return slot;
    if (in->nglobals == in->capglobals) {
        in->capglobals = in->capglobals ? in->capglobals * 2 : 64;
        in->globals = xrealloc(in->globals, (size_t)in->capglobals * sizeof *in->globals);
    }
    if (2 * (in->nglobals + 1) > in->gindex_cap) gindex_grow(in);
    Global *g = &in->globals[in->nglobals];
    g->name = strdup(name);
    if (!g->name) abort();
    g->value = value_nil();
    g->builtin = value_nil();
    g->lazy = false;
    gindex_put(in->gindex, in->gindex_cap, g->name, in->nglobals);
    return in->nglobals++;
}

void interp_set_global(Interp *in, const char *name, Value v) {
    int slot = interp_global_slot(in, name);
    value_replace(&in->globals[slot].value, v);
}

void interp_define_builtin(Interp *in, const char *name, Value v) {
    int slot = interp_global_slot(in, name);
    value_replace(&in->globals[slot].builtin, value_retain(v));
    value_replace(&in->globals[slot].value, v);
}

/* Edit distance between two short strings (bytes), capped at 9. */
static int edit_distance(const char *a, const char *b) {
    size_t la = strlen(a), lb = strlen(b);
    if (la > 32 || lb > 32) return 9;
    int prev[33], cur[33];
    for (size_t j = 0; j <= lb; j++) prev[j] = (int)j;
    for (size_t i = 1; i <= la; i++) {
        cur[0] = (int)i;
        for (size_t j = 1; j <= lb; j++) {
            int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            int best = prev[j - 1] + cost;
            if (prev[j] + 1 < best) best = prev[j] + 1;
            if (cur[j - 1] + 1 < best) best = cur[j - 1] + 1;
            /* a transposition counts as one edit */
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && prev[j - 2] + 1 < best)
                best = prev[j - 2] + 1;
            cur[j] = best;
        }
        memcpy(prev, cur, sizeof cur);
    }
    return prev[lb];
}

const char *interp_suggest(const Interp *in, const char *name) {
    const char *best = NULL;
    int best_d = 9;
    size_t len = strlen(name);
    if (len <= 1) return NULL; /* every one-letter name is one edit from another */
    int limit = len <= 3 ? 1 : len <= 6 ? 2 : 3;
    interp_need_prelude((Interp *)in); /* the prelude's names are suggestions too */
    for (int i = 0; i < in->nglobals; i++) {
        const Global *g = &in->globals[i];
        if (g->value.kind == VAL_NIL || strcmp(g->name, name) == 0) continue;
        int d = edit_distance(name, g->name);
        if (d <= limit && d < best_d) {
            best_d = d;
            best = g->name;
        }
    }
    return best;
}

static bool global_exists(const char *name, void *ctx) {
    const Interp *in = ctx;
    int slot = interp_find_global(in, name);
    return slot >= 0 && in->globals[slot].value.kind != VAL_NIL;
}

const char *interp_hint(const Interp *in, const char *name) {
    static char buf[160];
    const char *learner = learner_hint(name, global_exists, (void *)in);
    if (learner) return learner;
    const char *near = interp_suggest(in, name);
    if (!near) return NULL;
    snprintf(buf, sizeof buf, "did you mean '%s'?", near);
    return buf;
}

/* }===================== */

/* {===================== errors and allocation */

bool interp_error(Interp *in, Span span, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    diag_vset(&in->error, span, fmt, ap);
    va_end(ap);
    return false;
}

bool interp_alloc_error(Interp *in, Span span, AllocStatus status, size_t rows, size_t cols) {
    double need = (double)rows * (double)cols * (double)sizeof(double);
    char need_text[64], limit_text[64];
    bytes_text(need, need_text, sizeof need_text);
    bytes_text((double)in->budget.limit, limit_text, sizeof limit_text);
    switch (status) {
    case ALLOC_OVER_LIMIT:
        if (rows == 1)
            return interp_error(in, span, "a vector of %zu elements needs %s, over the memory limit of %s (--memory-limit or limit(\"memory\", …))",
                                cols, need_text, limit_text);
        return interp_error(in, span, "a %zu×%zu matrix needs %s, over the memory limit of %s (--memory-limit or limit(\"memory\", …))",
                            rows, cols, need_text, limit_text);
    case ALLOC_TOO_BIG:
        if (rows == 1)
            return interp_error(in, span, "a vector of %.15g elements is too large (%s)", (double)cols, need_text);
        return interp_error(in, span, "a %.15g×%.15g matrix is too large (%s)", (double)rows, (double)cols, need_text);
    default:
        return interp_error(in, span, "out of memory allocating %s", need_text);
    }
}

Array *interp_new_array(Interp *in, Span span, int ndim, size_t rows, size_t cols) {
    AllocStatus st;
    Array *a = array_new(&in->budget, ndim, ndim == 1 ? 1 : rows, cols, &st);
    if (!a) interp_alloc_error(in, span, st, ndim == 1 ? 1 : rows, cols);
    return a;
}

Array *interp_new_vector(Interp *in, Span span, size_t len) {
    return interp_new_array(in, span, 1, 1, len);
}

Array *interp_new_matrix(Interp *in, Span span, size_t rows, size_t cols) {
    return interp_new_array(in, span, 2, rows, cols);
}

bool interp_check_interrupt(Interp *in, Span span) {
    if (in->interrupted && *in->interrupted) {
        int why = *in->interrupted;
        *in->interrupted = 0;
        if (why == 2) {
            interp_error(in, span, "stopped: the time limit of %g s is over (--timeout)", in->timeout_seconds);
        } else {
            in->interrupt_seen = true;
            interp_error(in, span, "interrupted");
        }
        return true;
    }
    return false;
}

/* }===================== */

/* {===================== session */

int interp_threads(Interp *in) {
    if (in->threads > 0) return in->threads;
    const char *wanted = getenv("MLM_THREADS");
    long n = wanted && *wanted ? strtol(wanted, NULL, 10) : sysconf(_SC_NPROCESSORS_ONLN);
    if (wanted && *wanted) n = n < 1 ? 1 : n > 64 ? 64 : n;
    else n = n < 1 ? 1 : n > 8 ? 8 : n;
    in->threads = (int)n;
    return in->threads;
}

static size_t default_memory_limit(void) {
    long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGE_SIZE);
    if (pages <= 0 || page <= 0) return (size_t)4 << 30;
    return (size_t)((double)pages * (double)page * 0.75);
}

Interp *interp_open(FILE *out, FILE *err) {
    Interp *in = calloc(1, sizeof *in);
    if (!in) return NULL;
    in->out = out;
    in->err = err;
    in->prob = prob_store_new();
    in->limits.max_call_depth = 5000;
    in->limits.max_parse_depth = 256;
    in->limits.max_memory = default_memory_limit();
    in->budget.limit = in->limits.max_memory;
    in->exit_requested = -1;
    return in;
}

void interp_free(Interp *in) {
    if (!in) return;
    for (int i = 0; i < in->nglobals; i++) {
        value_release(in->globals[i].value);
        value_release(in->globals[i].builtin);
        free(in->globals[i].name);
    }
    free(in->globals);
    free(in->gindex);
    prob_store_free(in->prob);
    dist_rng_free(in->rng);
    membudget_release(&in->budget);
    free(in);
}

/* The stack main.c switched to (makecontext), which pthread_getattr_np does not know of:
 * set once before evaluation starts, read-only afterwards. */
static const char *eval_stack_low;
static size_t eval_stack_size;

void interp_set_eval_stack(void *low, size_t size) {
    eval_stack_low = low;
    eval_stack_size = size;
}

static void guard_from(Interp *in, const char *low, size_t size) {
    char here;
    size_t margin = size / 8 > (256u << 10) ? size / 8 : (256u << 10);
    const char *floor = low + margin;
    in->stack_floor = floor < &here ? floor : NULL;
}

void interp_guard_stack(Interp *in) {
    char here;
    if (eval_stack_low && &here > eval_stack_low && &here < eval_stack_low + eval_stack_size) {
        guard_from(in, eval_stack_low, eval_stack_size);
        return;
    }
    pthread_attr_t attr;
    void *low;
    size_t size;
    if (pthread_getattr_np(pthread_self(), &attr) != 0) return;
    if (pthread_attr_getstack(&attr, &low, &size) == 0) guard_from(in, low, size);
    pthread_attr_destroy(&attr);
}

/* }===================== */
