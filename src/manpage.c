/* manpage.c — mlm(1) from the help tables (see manpage.h). Text from the tables is written
 * through roff_text, which escapes backslashes and guards lines that start with '.' or '''. */
#include "manpage.h"

#include <stdlib.h>
#include <string.h>

#include "builtins.h"
#include "commands.h"
#include "help_topics.h"

extern const char mlm_prelude_source[];

/* Writes text as roff: \ as \e, a leading . or ' guarded, hyphens left as written. */
static void roff_text(FILE *out, const char *text) {
    bool line_start = true;
    for (const char *s = text; *s; s++) {
        if (line_start && (*s == '.' || *s == '\'')) fputs("\\&", out);
        if (*s == '\\') fputs("\\e", out);
        else fputc(*s, out);
        line_start = *s == '\n';
    }
}

/* What printer(arg) writes, as roff. */
static void roff_of(FILE *out, void (*printer)(FILE *, const void *), const void *arg) {
    char *buf = NULL;
    size_t size = 0;
    FILE *mem = open_memstream(&buf, &size);
    if (!mem) return;
    printer(mem, arg);
    fclose(mem);
    roff_text(out, buf ? buf : "");
    free(buf);
}

static void usage_printer(FILE *out, const void *arg) {
    void (*usage)(FILE *) = *(void (*const *)(FILE *))arg;
    usage(out);
}

static void topic_printer(FILE *out, const void *arg) { command_help_topic(NULL, arg, out); }

static void notation_printer(FILE *out, const void *arg) {
    (void)arg;
    help_notation_list(out);
}

void manpage_write(FILE *out, const char *version, void (*usage)(FILE *out)) {
    fprintf(out, ".TH MLM 1 \"\" \"mlm %s\" \"User Commands\"\n", version);
    fputs(".SH NAME\nmlm \\- maths for machine learning, written the way books write it\n", out);
    fputs(".SH SYNOPSIS\n.nf\n", out);
    roff_of(out, usage_printer, &usage);
    fputs(".fi\n.SH DESCRIPTION\n"
          "mlm is an interpreter for the mathematics of machine learning: vectors, matrices, sums, norms,\n"
          "probability and statistics typed as books print them (Σ_{i=1}^{n} (y[i] − ŷ[i])²,\n"
          "X @ W + b, ‖x‖, P(A | B)) or pasted as LaTeX. At the prompt, help lists everything and\n"
          "help NAME (or ?NAME) explains a name, an operator or a symbol; explain EXPR reads an expression\n"
          "in words and names what it computes; latex EXPR prints it as LaTeX.\n", out);
    fputs(".SH NOTATION\n.nf\n", out);
    roff_of(out, notation_printer, NULL);
    fputs(".fi\n", out);
    const char *pillars[32];
    int npillars = builtins_pillars(pillars, 32);
    fputs(".SH BUILTINS\n", out);
    for (int p = 0; p < npillars; p++) {
        fputs(".SS ", out);
        roff_text(out, pillars[p]);
        fputc('\n', out);
        for (int i = 0;; i++) {
            const Builtin *b = builtins_at(i);
            if (!b) break;
            if (strcmp(b->pillar, pillars[p]) != 0) continue;
            fputs(".TP\n.B ", out);
            roff_text(out, b->name);
            fputs("\n.nf\n", out);
            roff_of(out, topic_printer, b->name);
            fputs(".fi\n", out);
        }
    }
    /* the library written in mlm: its functions' `#:` help comments */
    fputs(".SH LIBRARY\n", out);
    for (const char *d = mlm_prelude_source; (d = strstr(d, "#: ")) != NULL;) {
        d += 3;
        const char *paren = strchr(d, '('), *nl = strchr(d, '\n');
        if (!paren || (nl && paren > nl) || strncmp(d, "example", 7) == 0 || strncmp(d, "related", 7) == 0) continue;
        char name[64];
        size_t n = (size_t)(paren - d);
        if (n == 0 || n >= sizeof name) continue;
        memcpy(name, d, n);
        name[n] = '\0';
        fputs(".TP\n.B ", out);
        roff_text(out, name);
        fputs("\n.nf\n", out);
        roff_of(out, topic_printer, name);
        fputs(".fi\n", out);
    }
    fputs(".SH FILES\n.TP\n~/.mlm_history\nthe prompt's history ($MLM_HISTORY, else $XDG_STATE_HOME/mlm/history)\n", out);
    fputs(".SH SEE ALSO\nThe language reference, docs/LANGUAGE.md in the source.\n", out);
}
