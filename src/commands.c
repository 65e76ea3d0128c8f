/* commands.c — help, vars, clear, quit and import.
 *
 * Help comes from one place per kind of name: the builtin tables (builtins.h) and the
 * `#:` doc comments above each function in stdlib/prelude.mlm, so it cannot drift from
 * what the names do. */
#include "commands.h"

#include <libgen.h>
#include <stdlib.h>
#include <string.h>

#include "builtins.h"
#include "files.h"
#include "func.h"
#include "help_topics.h"
#include "notation.h"
#include "textwidth.h"
#include "print.h"
#include "prob.h"

extern const char mlm_prelude_source[];

enum { MAX_IMPORT_DEPTH = 16 };

/* {===================== help */

typedef struct Topic {
    const char *name;
    const char *text;
} Topic;

static const Topic topics[] = {
    {"sum", NULL}, /* a builtin too: its table entry is shown, then this */
    {"P", "P(A) = 0.05 states a fact; P(A | B) asks and is derived from the stated facts by the complement\n"
          "  rule, the product rule, Bayes' theorem and the law of total probability. P(A, B) or P(A ∩ B)\n"
          "  is the joint probability; P(not A) the complement. Inside P(…) names are events.\n"
          "  With X ~ Normal(0, 1), a comparison is an event on X: P(X > 1.96), P(-1 < X < 1), P(K = 3),\n"
          "  P(X ≤ 2 | X > 1), computed from the distribution (upper tails as tails). X ~ D binds X\n"
          "  like X = D, but D must be a distribution.\n"
          "  example: P(rain) = 0.3; P(not rain)   → 0.7\n"
          "  related: why, Normal, pdf, cdf"},
    {"why", "why P(A | B) — shows how P(A | B) is derived from the stated facts, with the numbers."},
    {"check", "check a ≈ b [within tol] | check a == b | check cond — records a pass or a failure and goes on.\n"
              "  ≈ is relative tolerance 1e-9; `within tol` sets an absolute tolerance. `mlm --check FILE…` runs\n"
              "  scripts and prints a line per check and 'N passed, N failed'."},
    {"assert", "assert cond — stops the script with an error if cond is false."},
    {"if", "if c then a else b (an expression), or a block: if c { … } else { … }"},
    {"for", "for i in 1..n { … }, for i ∈ 1..n { … }, for i = 0:19 { … }, for row in X { … } (rows of a matrix)"},
    {"while", "while c { … }  (Ctrl-C interrupts a long loop)"},
    {"import", "import \"file.mlm\" — runs a file in this session (paths relative to the importing file)"},
    {"vars", "vars — lists your variables with their kinds and shapes"},
    {"clear", "clear NAME … removes variables (a builtin name gets its builtin back); clear alone removes all\n"
              "  your variables and probability facts"},
    {"quit", "quit (or exit, or Ctrl-D) leaves mlm"},
    {"end", "end — inside an index, the last position: x[end], X[2:end, :]"},
    {"time", "time stmt (or @time stmt) — runs stmt and prints its wall time and the arrays it allocated\n"
             "  example: time sum(i, 1, 1e6, 1/i^2)"},
};

/* Finds the `#:` doc block of a prelude function: lines "#: name(...) — …", "#: example: …". */
static bool prelude_help(const char *name, FILE *out) {
    const char *s = mlm_prelude_source;
    size_t len = strlen(name);
    while ((s = strstr(s, "#: ")) != NULL) {
        const char *line = s + 3;
        if (strncmp(line, name, len) == 0 && line[len] == '(') {
            /* print this line and the following #: lines */
            const char *p = s;
            bool first = true;
            while (strncmp(p, "#: ", 3) == 0) {
                const char *end = strchr(p, '\n');
                size_t n = end ? (size_t)(end - p - 3) : strlen(p + 3);
                fprintf(out, "%s%.*s\n", first ? "" : "  ", (int)n, p + 3);
                first = false;
                if (!end) break;
                p = end + 1;
            }
            return true;
        }
        s = line;
    }
    return false;
}

bool command_help_topic(Interp *in, const char *name, FILE *out) {
    (void)in;
    const Builtin *b = builtins_find(name);
    bool found = false;
    if (b) {
        fprintf(out, "%s — %s\n", b->signature, b->summary);
        if (b->example && b->example[0]) fprintf(out, "  example: %s\n", b->example);
        if (b->related && b->related[0]) fprintf(out, "  related: %s\n", b->related);
        found = true;
    } else if (prelude_help(name, out)) {
        found = true;
    }
    for (size_t i = 0; i < sizeof topics / sizeof topics[0]; i++)
        if (strcmp(topics[i].name, name) == 0 && topics[i].text) {
            fprintf(out, "%s\n", topics[i].text);
            found = true;
        }
    if (!found) found = help_notation(name, out);
    return found;
}

static void help_overview(FILE *out) {
    fputs("mlm — maths for machine learning, written the way books write it.\n\n"
          "  y = [3, 5, 2]; ŷ = [2.5, 5, 4]      vectors; [1, 2; 3, 4] is a matrix\n"
          "  Σ_{i=1}^{3} (y[i] - ŷ[i])²          sums as in print (or sum(i, 1, n, …))\n"
          "  X @ W + b    Xᵀ   A⁻¹   ‖x‖   |x|   matrix product, transpose, inverse, norm, abs\n"
          "  f(x) = x^2;  g = x -> 2x             functions and lambdas\n"
          "  P(A) = 0.05; P(B | A) = 0.9; …       probability facts; then ask P(A | B), why P(A | B)\n"
          "  X ~ Normal(0, 1); P(X > 1.96)        random variables: events, E[X], sample(X, n)\n"
          "  f'(2)   d/dx sin(x^2)   ∇L(w)        exact derivatives (formulas), gradients; why d/dx …\n"
          "  check a ≈ b                          exercises check themselves\n"
          "  \\frac{1}{n} \\sum_{i=1}^{n} y_i       LaTeX pasted is read as mlm; XᵀX multiplies as print\n\n"
          "Commands: help NAME (?NAME), vars, clear [NAME], import \"file.mlm\", time STMT, explain EXPR,\n"
          "  latex EXPR, quit\n\n", out);
    const char *pillars[32];
    int npillars = builtins_pillars(pillars, 32);
    for (int p = 0; p < npillars; p++) {
        fprintf(out, "%s:", pillars[p]);
        int col = (int)strlen(pillars[p]) + 1;
        for (int i = 0;; i++) {
            const Builtin *b = builtins_at(i);
            if (!b) break;
            if (strcmp(b->pillar, pillars[p]) != 0) continue;
            int w = (int)strlen(b->name) + 1;
            if (col + w > 78) { fputs("\n ", out); col = 1; }
            fprintf(out, " %s", b->name);
            col += w;
        }
        fputc('\n', out);
    }
    fputs("stdlib (written in mlm):", out);
    const char *s = mlm_prelude_source;
    int col = 24;
    while ((s = strstr(s, "#: ")) != NULL) {
        s += 3;
        const char *paren = strchr(s, '(');
        const char *nl = strchr(s, '\n');
        if (paren && (!nl || paren < nl) && strncmp(s, "example", 7) != 0 && strncmp(s, "related", 7) != 0) {
            int w = (int)(paren - s) + 1;
            if (col + w > 78) { fputs("\n ", out); col = 1; }
            fprintf(out, " %.*s", (int)(paren - s), s);
            col += w;
        }
    }
    fputs("\n\nhelp NAME (or ?NAME) shows what a name means, with an example; help @, help Σ, help for …\n"
          "explain a symbol or keyword; help notation lists them all.\n", out);
}

static bool help_unknown(Interp *in, const Node *arg) {
    const char *hint = interp_hint(in, arg->name);
    if (hint) return interp_error(in, arg->span, "no help for '%s' (%s)", arg->name, hint);
    return interp_error(in, arg->span, "no help for '%s'", arg->name);
}

/* help's argument is the raw rest of its line: one topic (`help @`, `help ⁻¹`, `help mean(x)`)
 * or several names separated by spaces (`help mean sum`). */
static bool help_text(Interp *in, const Node *arg) {
    const char *text = arg->name;
    char topic[256];
    size_t n = strlen(text);
    if (n >= sizeof topic) n = sizeof topic - 1;
    memcpy(topic, text, n);
    topic[n] = '\0';
    if (command_help_topic(in, topic, in->out)) return true;
    /* help mean(x): the name before the parenthesis */
    char *paren = strchr(topic, '(');
    if (paren && paren > topic) {
        *paren = '\0';
        if (command_help_topic(in, topic, in->out)) return true;
        *paren = '(';
    }
    if (strchr(topic, ' ')) {
        /* several topics: each word, each reported at its own place */
        for (char *w = topic; *w;) {
            while (*w == ' ' || *w == '\t') w++;
            if (!*w) break;
            char *e = w;
            while (*e && *e != ' ' && *e != '\t') e++;
            char saved = *e;
            *e = '\0';
            if (!command_help_topic(in, w, in->out)) {
                Span s = arg->span;
                s.col += (int)(w - topic);
                s.offset += (unsigned)(w - topic);
                s.length = (unsigned)(e - w);
                Node one = *arg;
                one.name = w;
                one.span = s;
                return help_unknown(in, &one);
            }
            *e = saved;
            w = e;
        }
        return true;
    }
    return help_unknown(in, arg);
}

/* }===================== */

static void list_vars(Interp *in) {
    int shown = 0;
    for (int i = 0; i < in->nglobals; i++) {
        Global *g = &in->globals[i];
        if (g->value.kind == VAL_NIL) continue;
        if (g->builtin.kind != VAL_NIL && g->builtin.kind == g->value.kind &&
            memcmp(&g->builtin.as, &g->value.as, sizeof g->value.as) == 0)
            continue;
        char shape[64];
        text_put_padded(in->out, g->name, 12); /* by display width: ŷ, x̄ and 数据 line up */
        fprintf(in->out, " %-8s %s\n", value_kind_name(g->value),
                g->value.kind == VAL_ARR ? value_shape(g->value, shape, sizeof shape) : "");
        shown++;
    }
    int facts = prob_store_count(in->prob);
    if (facts) fprintf(in->out, "(%d probability fact%s)\n", facts, facts == 1 ? "" : "s");
    if (!shown && !facts) fprintf(in->out, "no variables yet\n");
}

static bool clear_name(Interp *in, Node *arg) {
    int slot = interp_find_global(in, arg->name);
    if (slot < 0 || in->globals[slot].value.kind == VAL_NIL) {
        const char *hint = interp_suggest(in, arg->name);
        if (hint) return interp_error(in, arg->span, "unknown name '%s' (did you mean '%s'?)", arg->name, hint);
        return interp_error(in, arg->span, "unknown name '%s'", arg->name);
    }
    Global *g = &in->globals[slot];
    value_replace(&g->value, value_retain(g->builtin));
    return true;
}

Flow command_run(Interp *in, Node *cmd) {
    const char *word = cmd->name;
    if (strcmp(word, "latex") == 0 || strcmp(word, "explain") == 0) return notation_run(in, cmd);
    if (strcmp(word, "help") == 0) {
        if (cmd->nlist == 0) {
            help_overview(in->out);
            return FLOW_NEXT;
        }
        for (int i = 0; i < cmd->nlist; i++)
            if (!help_text(in, cmd->list[i])) return FLOW_ERROR;
        return FLOW_NEXT;
    }
    if (strcmp(word, "vars") == 0) {
        list_vars(in);
        return FLOW_NEXT;
    }
    if (strcmp(word, "clear") == 0) {
        if (cmd->nlist == 0) {
            for (int i = 0; i < in->nglobals; i++)
                value_replace(&in->globals[i].value, value_retain(in->globals[i].builtin));
            prob_store_clear(in->prob);
            return FLOW_NEXT;
        }
        for (int i = 0; i < cmd->nlist; i++)
            if (!clear_name(in, cmd->list[i])) return FLOW_ERROR;
        return FLOW_NEXT;
    }
    if (strcmp(word, "quit") == 0 || strcmp(word, "exit") == 0) {
        in->exit_requested = 0;
        return FLOW_NEXT;
    }
    interp_error(in, cmd->span, "unknown command '%s'", word);
    return FLOW_ERROR;
}

bool command_import(Interp *in, Node *stmt) {
    const char *path = stmt->a->name;
    char resolved[4096];
    const Source *here = stmt->span.src;
    if (path[0] != '/' && here && here->name[0] != '<') {
        char dir_buf[4096];
        snprintf(dir_buf, sizeof dir_buf, "%s", here->name);
        const char *dir = dirname(dir_buf);
        /* beside a script in the current directory the path stays as written, not ./path */
        if (strcmp(dir, ".") == 0) snprintf(resolved, sizeof resolved, "%s", path);
        else snprintf(resolved, sizeof resolved, "%s/%s", dir, path);
    } else {
        snprintf(resolved, sizeof resolved, "%s", path);
    }
    if (in->import_depth >= MAX_IMPORT_DEPTH)
        return interp_error(in, stmt->a->span, "imports nested more than %d deep (does '%s' import itself?)",
                            MAX_IMPORT_DEPTH, path);
    char *text;
    size_t len;
    char err[512];
    if (!file_read(resolved, &text, &len, err, sizeof err)) return interp_error(in, stmt->a->span, "%s", err);
    Source *src = source_new(resolved, text, len);
    free(text);
    in->import_depth++;
    RunStatus st = interp_run(in, src, false);
    in->import_depth--;
    source_release(src);
    if (st == RUN_OK || st == RUN_QUIT) return true;
    in->error.set = false; /* already reported where it happened */
    return false;
}
