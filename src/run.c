/* run.c — the runner, the top layer: a session with its library (builtins and the prelude),
 * and running source text in it — parse all of it into a fresh arena, then for each top-level
 * statement resolve it, evaluate it in a new frame and report its error. `import` comes back
 * here (commands.c), the one recursion between layers. */
#include "interp.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "builtins.h"
#include "eval.h"
#include "parse.h"
#include "resolve.h"

extern const char mlm_prelude_source[];

/* The prelude runs on first need rather than in interp_new: its parse and resolution were
 * ~90 µs of every start (warm; more cold, of a ~1 ms `mlm -e 1+1`), and most one-liners and
 * many scripts never use sigmoid or mse. interp_new reserves a global for each name the
 * prelude defines, marked lazy; looking one up (to call it, define it, differentiate it, or
 * suggest it for a misspelling) runs the whole prelude first (interp.c), so every program sees
 * the same session as if it had run at start. The names are read off the source: a top-level
 * definition starts a line with its name followed by '(' or " =". */
static void reserve_prelude_names(Interp *in) {
    for (const char *line = mlm_prelude_source; *line;) {
        const char *end = strchr(line, '\n');
        if (!end) end = line + strlen(line);
        size_t n = strcspn(line, "( =\n");
        if (n > 0 && n < 64 && line[0] != '#' && line[0] != '}' && line[0] != '\t' &&
            (line[n] == '(' || line[n] == ' ')) {
            char name[64];
            memcpy(name, line, n);
            name[n] = '\0';
            int slot = interp_global_slot(in, name);
            if (in->globals[slot].value.kind == VAL_NIL) in->globals[slot].lazy = true;
        }
        line = *end ? end + 1 : end;
    }
}

static void run_prelude(Interp *in) {
    /* a lookup in the middle of a statement (resolving, evaluating, reporting) lands here:
     * the prelude must leave the session's error and its run state as it found them */
    Diagnostic saved = in->error;
    bool assert_failed = in->assert_failed;
    Limits limits = in->limits; /* the user's --max-nesting is for the user's code */
    if (in->limits.max_parse_depth < 256) in->limits.max_parse_depth = 256;
    in->import_depth++;
    Source *prelude = source_new("<prelude>", mlm_prelude_source, strlen(mlm_prelude_source));
    RunStatus st = interp_run(in, prelude, false);
    source_release(prelude);
    in->import_depth--;
    in->limits = limits;
    in->error = saved;
    in->assert_failed = assert_failed;
    if (st != RUN_OK) {
        fputs("mlm: the prelude does not run\n", stderr); /* a build error: its tests catch it */
        abort();
    }
    /* what the prelude defined (its reserved names; not the user's globals made before it
     * ran) is part of the library: `clear` restores it */
    for (int i = 0; i < in->nglobals; i++)
        if (in->globals[i].lazy && in->globals[i].value.kind != VAL_NIL && in->globals[i].builtin.kind == VAL_NIL)
            in->globals[i].builtin = value_retain(in->globals[i].value);
}

Interp *interp_new(FILE *out, FILE *err) {
    Interp *in = interp_open(out, err);
    if (!in) return NULL;
    interp_define_builtin(in, "pi", value_num(M_PI));
    interp_define_builtin(in, "π", value_num(M_PI));
    interp_define_builtin(in, "e", value_num(M_E));
    interp_define_builtin(in, "inf", value_num(INFINITY));
    interp_define_builtin(in, "nan", value_num(NAN));
    builtins_register(in);
    reserve_prelude_names(in);
    in->load_prelude = run_prelude;
    return in;
}

static void report(Interp *in) {
    if (!in->error.set) return;
    fflush(in->out);
    diag_print(&in->error, in->err, in->use_colour);
    fflush(in->err);
    in->error.set = false;
}

RunStatus interp_run(Interp *in, Source *src, bool report_incomplete) {
    if (in->import_depth == 0) interp_guard_stack(in);
    AstArena *arena = ast_arena_new(src);
    bool incomplete = false;
    Node *program = parse_source(arena, src, in->limits.max_parse_depth, &in->error, &incomplete);
    if (!program) {
        ast_arena_release(arena);
        if (incomplete && report_incomplete) {
            in->error.set = false;
            return RUN_INCOMPLETE;
        }
        report(in);
        return RUN_ERROR;
    }
    RunStatus status = RUN_OK;
    for (int i = 0; i < program->nlist && status == RUN_OK; i++) {
        Node *stmt = program->list[i];
        in->error.set = false;
        if (in->import_depth == 0) in->assert_failed = false;
        if (!resolve_statement(in, arena, stmt)) {
            report(in);
            status = RUN_ERROR;
            break;
        }
        int nslots = stmt->frame_size;
        Value small[8];
        Value *slots = nslots <= 8 ? small : calloc((size_t)nslots, sizeof *slots);
        if (!slots) abort();
        for (int k = 0; k < nslots; k++) slots[k] = value_nil();
        Frame fr = {slots, nslots, 0, false, value_nil(), arena};
        Flow flow = eval_statement(in, &fr, stmt);
        for (int k = 0; k < nslots; k++) value_release(slots[k]);
        if (slots != small) free(slots);
        value_release(fr.ret);
        if (flow == FLOW_ASSERT || (flow == FLOW_ERROR && in->assert_failed)) {
            report(in);
            status = RUN_ASSERT;
        } else if (flow == FLOW_ERROR) {
            report(in);
            status = RUN_ERROR;
        } else if (in->exit_requested >= 0) {
            status = RUN_QUIT;
        }
    }
    fflush(in->out);
    ast_arena_release(arena); /* functions defined in it hold their own references */
    return status;
}

