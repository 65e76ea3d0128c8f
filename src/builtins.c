/* builtins.c — loads the pillar tables into a session, finds entries, and the argument
 * helpers the implementations share. */
#include "builtins.h"

#include <math.h>
#include <string.h>

/* In the order help's overview lists the pillars: the maths first, output and session last. */
static const BuiltinTable *const tables[] = {
    &builtins_math, &builtins_special, &builtins_array, &builtins_linalg, &builtins_calc, &builtins_optim,
    &builtins_dist, &builtins_stats, &builtins_info, &builtins_data, &builtins_plot,
    &builtins_io, &builtins_session,
};
enum { NTABLES = sizeof tables / sizeof tables[0] };

void builtins_register(Interp *in) {
    for (int t = 0; t < NTABLES; t++)
        for (int i = 0; i < tables[t]->count; i++) {
            const Builtin *b = &tables[t]->entries[i];
            Value v = {.kind = VAL_BUILTIN, .as.builtin = b};
            interp_define_builtin(in, b->name, v);
        }
}

const Builtin *builtins_find(const char *name) {
    for (int t = 0; t < NTABLES; t++)
        for (int i = 0; i < tables[t]->count; i++)
            if (strcmp(tables[t]->entries[i].name, name) == 0) return &tables[t]->entries[i];
    return NULL;
}

int builtins_pillars(const char **pillars, int max) {
    int n = 0;
    for (int t = 0; t < NTABLES; t++)
        for (int i = 0; i < tables[t]->count; i++) {
            const char *p = tables[t]->entries[i].pillar;
            bool seen = false;
            for (int k = 0; k < n; k++) seen = seen || strcmp(pillars[k], p) == 0;
            if (!seen && n < max) pillars[n++] = p;
        }
    return n;
}

const Builtin *builtins_at(int index) {
    for (int t = 0; t < NTABLES; t++) {
        if (index < tables[t]->count) return &tables[t]->entries[index];
        index -= tables[t]->count;
    }
    return NULL;
}

bool builtin_scalar_arg(Interp *in, const CallInfo *ci, const char *name, const Value *argv, int i, double *out) {
    if (argv[i].kind != VAL_NUM) {
        char shape[64];
        if (argv[i].kind == VAL_ARR)
            return interp_error(in, ci->args[i], "%s: argument %d must be a scalar, got %s", name, i + 1,
                                value_describe(argv[i], shape, sizeof shape));
        return interp_error(in, ci->args[i], "%s: argument %d must be a scalar, got a %s", name, i + 1,
                            value_kind_name(argv[i]));
    }
    *out = argv[i].as.num;
    return true;
}

bool builtin_int_arg(Interp *in, const CallInfo *ci, const char *name, const Value *argv, int i,
                     double lo, double hi, long long *out) {
    double x;
    if (!builtin_scalar_arg(in, ci, name, argv, i, &x)) return false;
    if (isnan(x) || x != floor(x))
        return interp_error(in, ci->args[i], "%s: argument %d must be a whole number, got %.15g", name, i + 1, x);
    if (x < lo)
        return interp_error(in, ci->args[i], "%s: argument %d must be at least %.15g, got %.15g", name, i + 1, lo, x);
    if (x > hi)
        return interp_error(in, ci->args[i], "%s: argument %d must be at most %.15g, got %.15g", name, i + 1, hi, x);
    *out = (long long)x;
    return true;
}
