/* builtins.h — the table that defines every builtin function: its C implementation and
 * its help text, in one place so `help` cannot drift from behaviour.
 *
 * Each pillar has its own file (builtins_math.c, builtins_array.c, builtins_linalg.c, …)
 * exporting one table; builtins_register() loads them all into a session. A builtin
 * receives borrowed arguments and, on success, stores a new reference in *out. On failure
 * it records an error (interp_error) at the call's span or at an argument's span and
 * returns false. */
#ifndef MLM_BUILTINS_H
#define MLM_BUILTINS_H

#include "interp.h"
#include "kernels.h"
#include "ops.h"

struct Builtin;

typedef struct CallInfo {
    Span call;                     /* the whole call: name(...) */
    const Span *args;              /* span of each argument */
    const struct Builtin *builtin; /* the table entry being called */
} CallInfo;

typedef bool (*BuiltinFn)(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out);

typedef struct Builtin {
    const char *name;
    int min_args, max_args;   /* max_args -1 = any */
    BuiltinFn fn;
    const char *signature;    /* "norm(x, p = 2)" */
    const char *summary;      /* one line: what it means */
    const char *example;      /* an expression that runs: "norm([3, 4])" */
    const char *related;      /* "abs, dot" */
    const char *pillar;       /* "maths", "arrays", "linear algebra", … (help groups by it) */
    double (*map)(double);    /* for element-wise maths builtins: the scalar function */
    KernelUnary unary_kernel; /* the SIMD kernel computing map over arrays (KU_NONE: none) */
    KernelBinary binary_kernel; /* two-argument element-wise builtins (min, max, atan2): KB_NONE: none */
    Reduce reduce;            /* REDUCE_SUM … for reductions the fused engine can run */
    bool shape_only;          /* reads only shapes: a lazy range is passed unbuilt (size, length) */
    bool takes_objects;       /* receives objects as they are (else one with as_array becomes its array) */
} Builtin;

typedef struct BuiltinTable {
    const Builtin *entries;
    int count;
} BuiltinTable;

/* One per pillar file. */
extern const BuiltinTable builtins_math;
extern const BuiltinTable builtins_array;
extern const BuiltinTable builtins_linalg;
extern const BuiltinTable builtins_io;
extern const BuiltinTable builtins_session;
extern const BuiltinTable builtins_stats;
extern const BuiltinTable builtins_info;
extern const BuiltinTable builtins_dist;
extern const BuiltinTable builtins_special;
extern const BuiltinTable builtins_data;
extern const BuiltinTable builtins_plot;
extern const BuiltinTable builtins_calc;
extern const BuiltinTable builtins_optim;

/* Defines every builtin in the session's globals. */
void builtins_register(Interp *in);
/* Finds a builtin by name across all tables, or NULL. */
const Builtin *builtins_find(const char *name);
/* Iterates all builtins: index from 0 until NULL. */
const Builtin *builtins_at(int index);
/* The pillars named by the builtin rows, in table order ("maths", "arrays", …): up to max
 * of them into pillars (borrowed strings); returns how many. help's overview lists by them. */
int builtins_pillars(const char **pillars, int max);

/* Helpers for implementations. */
/* Scalar argument i or error "NAME: argument i must be a scalar, got a 3×2 matrix". */
bool builtin_scalar_arg(Interp *in, const CallInfo *ci, const char *name, const Value *argv, int i, double *out);
/* Integer-valued argument in [lo, hi]. */
bool builtin_int_arg(Interp *in, const CallInfo *ci, const char *name, const Value *argv, int i,
                     double lo, double hi, long long *out);

/* cov(x, y) of two vectors (builtins_stats.c), for linear algebra's cov row. */
bool stats_builtin_cov2(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out);

#endif
