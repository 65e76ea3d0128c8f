/* builtins_session.c — the session pillar: reading and changing the resource limits from
 * inside mlm (the command-line flags --memory-limit, --max-depth, --max-nesting set the
 * same values at start). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "builtins.h"

static void show_limits(Interp *in) {
    fprintf(in->out, "memory   %.4g GiB of arrays (in use: %.4g MiB)\n", (double)in->budget.limit / (1 << 30),
            (double)in->budget.in_use / (1 << 20));
    fprintf(in->out, "depth    %d nested function calls\n", in->limits.max_call_depth);
    fprintf(in->out, "nesting  %d nested brackets in the source\n", in->limits.max_parse_depth);
}

static bool fn_limit(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    *out = value_nil();
    if (argc == 0) {
        show_limits(in);
        return true;
    }
    if (argv[0].kind != VAL_STR)
        return interp_error(in, ci->args[0], "limit: the first argument names a limit: \"memory\", \"depth\" or \"nesting\"");
    const char *name = argv[0].as.str->text;
    bool memory = strcmp(name, "memory") == 0, depth = strcmp(name, "depth") == 0,
         nesting = strcmp(name, "nesting") == 0;
    if (!memory && !depth && !nesting)
        return interp_error(in, ci->args[0], "limit: unknown limit \"%s\" (memory, depth or nesting)", name);
    if (argc == 1) {
        *out = value_num(memory ? (double)in->budget.limit : depth ? in->limits.max_call_depth : in->limits.max_parse_depth);
        return true;
    }
    double x;
    if (!builtin_scalar_arg(in, ci, "limit", argv, 1, &x)) return false;
    if (!(x >= 1) || isinf(x) || x != floor(x))
        return interp_error(in, ci->args[1], "limit: the new %s limit must be a positive whole number, got %.15g", name, x);
    if (memory) {
        if (x > 9e18) x = 9e18;
        in->budget.limit = in->limits.max_memory = (size_t)x;
    } else if (depth) {
        in->limits.max_call_depth = x > 1e6 ? 1000000 : (int)x;
    } else {
        in->limits.max_parse_depth = x > 1e5 ? 100000 : (int)x;
    }
    return true;
}

static const Builtin entries[] = {
    {.name = "limit", .min_args = 0, .max_args = 2, .fn = fn_limit,
     .signature = "limit(), limit(name), limit(name, value)", .summary = "shows or sets a resource limit: \"memory\" (bytes of arrays), \"depth\" (nested calls), \"nesting\" (brackets)",
     .example = "limit(\"depth\")", .related = "", .pillar = "session"},
};

const BuiltinTable builtins_session = {entries, sizeof entries / sizeof entries[0]};
