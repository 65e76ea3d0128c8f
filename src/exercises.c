/* exercises.c — exercise files (parsing the #? / #hint / #answer blocks) and the practice
 * mode `mlm --exercises FILE`: a question, the learner's answer as any mlm expression, ✓ or ✗
 * (with the slip the numbers show, from the check's ✗ line), hints and the worked answer on
 * request, progress kept across sessions in a file rewritten atomically, a score at the end.
 * The format is described in exercises.h and docs/LANGUAGE.md ("Learning"). */
#include "exercises.h"

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <unistd.h>

#include <readline/readline.h>
#include <readline/history.h>

#include "files.h"
#include "source.h"
#include "value.h"

/* {===================== parsing */

static char *dup_range(const char *s, size_t n) {
    char *d = malloc(n + 1);
    if (!d) return NULL;
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

/* Appends "\n" + piece (or piece alone when *text is NULL) to the malloc'd *text. */
static bool append_line(char **text, const char *piece, size_t n) {
    size_t old = *text ? strlen(*text) : 0;
    char *grown = realloc(*text, old + n + 2);
    if (!grown) return false;
    if (old) grown[old++] = '\n';
    memcpy(grown + old, piece, n);
    grown[old + n] = '\0';
    *text = grown;
    return true;
}

static void hash_key(const char *text, char key[17]) {
    uint64_t h = 1469598103934665603ULL;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        h ^= *p;
        h *= 1099511628211ULL;
    }
    snprintf(key, 17, "%016llx", (unsigned long long)h);
}

/* Does the directive `word` (e.g. "#hint") start s, followed by a space or the end? Sets
 * *rest to the text after it (one space skipped). */
static bool directive(const char *s, size_t n, const char *word, const char **rest, size_t *restlen) {
    size_t w = strlen(word);
    if (n < w || memcmp(s, word, w) != 0) return false;
    if (n > w && s[w] != ' ' && s[w] != '\t') return false;
    size_t skip = w < n ? w + 1 : w;
    *rest = s + skip;
    *restlen = n - skip;
    return true;
}

/* Is the code line s the keyword `kw` followed by something that is not part of a name? */
static bool starts_word(const char *s, size_t n, const char *kw) {
    size_t w = strlen(kw);
    if (n < w || memcmp(s, kw, w) != 0) return false;
    if (n == w) return true;
    unsigned char c = (unsigned char)s[w];
    return !(c == '_' || c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
}

static bool parse_fail(char *err, size_t errsize, const char *name, int line, const char *fmt, ...) {
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    snprintf(err, errsize, "%s:%d: error: %s", name, line, msg);
    return false;
}

void exercises_free(ExerciseSet *set) {
    for (int i = 0; i < set->n; i++) {
        Exercise *e = &set->items[i];
        free(e->question);
        for (int k = 0; k < e->nhints; k++) free(e->hints[k]);
        free(e->hints);
        free(e->worked);
        free(e->check_text);
    }
    free(set->items);
    set->items = NULL;
    set->n = 0;
}

bool exercises_parse(const char *name, const char *text, size_t len, ExerciseSet *out,
                     char *err, size_t errsize) {
    memset(out, 0, sizeof *out);
    int cap = 0;
    Exercise *cur = NULL;     /* the open block, or NULL */
    bool cur_more = false;    /* the open block has more than its question (a hint, answer or code) */
    int next_setup = 1;       /* the first line after the last exercise */
    int line = 0;
    size_t pos = 0;
    bool ok = true;
    while (ok && pos < len) {
        line++;
        const char *s = text + pos;
        const char *nl = memchr(s, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - s) : len - pos;
        pos += n + (nl ? 1 : 0);
        size_t full = n;
        while (n && (*s == ' ' || *s == '\t')) { s++; n--; }
        while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r')) n--;
        const char *rest;
        size_t restlen;
        if (directive(s, n, "#?", &rest, &restlen)) {
            if (cur && cur_more) {
                ok = parse_fail(err, errsize, name, line, "a new question (#?) before the question of line %d "
                                "ended with its `check answer …` line", cur->line);
                break;
            }
            if (!cur) {
                if (out->n == cap) {
                    cap = cap ? 2 * cap : 8;
                    Exercise *grown = realloc(out->items, (size_t)cap * sizeof *grown);
                    if (!grown) { ok = parse_fail(err, errsize, name, line, "out of memory"); break; }
                    out->items = grown;
                }
                cur = &out->items[out->n++];
                memset(cur, 0, sizeof *cur);
                cur->line = line;
                cur->setup_first = next_setup;
                cur_more = false;
            }
            if (!append_line(&cur->question, rest, restlen)) { ok = parse_fail(err, errsize, name, line, "out of memory"); break; }
            continue;
        }
        bool is_hint = directive(s, n, "#hint", &rest, &restlen);
        bool is_answer = !is_hint && directive(s, n, "#answer", &rest, &restlen);
        if (is_hint || is_answer) {
            if (!cur) {
                ok = parse_fail(err, errsize, name, line, "%s outside an exercise: an exercise starts with a #? line",
                                is_hint ? "#hint" : "#answer");
                break;
            }
            if (restlen == 0) {
                ok = parse_fail(err, errsize, name, line, "%s needs text after it", is_hint ? "#hint" : "#answer");
                break;
            }
            cur_more = true;
            if (is_hint) {
                char **grown = realloc(cur->hints, (size_t)(cur->nhints + 1) * sizeof *grown);
                char *h = dup_range(rest, restlen);
                if (!grown || !h) { free(h); if (grown) cur->hints = grown; ok = parse_fail(err, errsize, name, line, "out of memory"); break; }
                cur->hints = grown;
                cur->hints[cur->nhints++] = h;
            } else if (!append_line(&cur->worked, rest, restlen)) {
                ok = parse_fail(err, errsize, name, line, "out of memory");
            }
            continue;
        }
        if (n == 0 || s[0] == '#' || !cur) continue; /* blank, a comment, or set-up code */
        /* code inside an exercise block */
        cur_more = true;
        if (starts_word(s, n, "check")) {
            const char *t = s + 5;
            size_t tn = n - 5;
            while (tn && (*t == ' ' || *t == '\t')) { t++; tn--; }
            if (!starts_word(t, tn, "answer")) {
                ok = parse_fail(err, errsize, name, line, "the check that ends an exercise must check `answer` "
                                "(check answer ≈ expected within tolerance)");
                break;
            }
            if (!cur->question[0]) {
                ok = parse_fail(err, errsize, name, cur->line, "the question (#?) is empty");
                break;
            }
            if (!cur->worked) {
                ok = parse_fail(err, errsize, name, cur->line, "the exercise has no #answer line (the worked answer)");
                break;
            }
            cur->check_line = line;
            cur->check_text = dup_range(text + pos - (nl ? 1 : 0) - full, full);
            if (!cur->check_text) { ok = parse_fail(err, errsize, name, line, "out of memory"); break; }
            hash_key(cur->question, cur->key);
            cur = NULL;
            next_setup = line + 1;
            continue;
        }
        if (starts_word(s, n, "answer")) continue; /* the reference answer */
        ok = parse_fail(err, errsize, name, line, "inside an exercise (the question of line %d) the code may only be "
                        "`answer = …` and the closing `check answer …`; put set-up code before the #? line", cur->line);
    }
    if (ok && cur) ok = parse_fail(err, errsize, name, cur->line, "the question has no `check answer ≈ expected within tolerance` line");
    if (ok && out->n == 0) ok = parse_fail(err, errsize, name, line > 0 ? 1 : 1, "no exercises in this file (an exercise starts with a #? line)");
    if (!ok) exercises_free(out);
    return ok;
}

/* }===================== */

/* {===================== the progress file: "# mlm exercise progress 1", then lines
 * STATUS<TAB>FILE<TAB>KEY, STATUS one of solved, shown, skipped. */

static const char PROGRESS_HEADER[] = "# mlm exercise progress 1";

typedef struct Progress {
    char **lines;       /* owned: every entry, "STATUS\tFILE\tKEY", other files' too */
    int n, cap;
    char path[PATH_MAX];
    bool usable;        /* a path is known */
} Progress;

static bool progress_path(char *buf, size_t size) {
    const char *env = getenv("MLM_PROGRESS");
    const char *state = getenv("XDG_STATE_HOME");
    const char *home = getenv("HOME");
    int n;
    if (env && env[0]) n = snprintf(buf, size, "%s", env);
    else if (state && state[0] == '/') n = snprintf(buf, size, "%s/mlm/progress", state);
    else if (home && home[0]) n = snprintf(buf, size, "%s/.local/state/mlm/progress", home);
    else return false;
    return n > 0 && (size_t)n < size;
}

static bool progress_add(Progress *p, const char *status, const char *file, const char *key) {
    if (p->n == p->cap) {
        int cap = p->cap ? 2 * p->cap : 32;
        char **grown = realloc(p->lines, (size_t)cap * sizeof *grown);
        if (!grown) return false;
        p->lines = grown;
        p->cap = cap;
    }
    size_t len = strlen(status) + strlen(file) + strlen(key) + 3;
    char *l = malloc(len);
    if (!l) return false;
    snprintf(l, len, "%s\t%s\t%s", status, file, key);
    p->lines[p->n++] = l;
    return true;
}

static bool valid_entry(const char *l) {
    const char *t1 = strchr(l, '\t');
    if (!t1) return false;
    size_t sl = (size_t)(t1 - l);
    if (!((sl == 6 && memcmp(l, "solved", 6) == 0) || (sl == 5 && memcmp(l, "shown", 5) == 0) ||
          (sl == 7 && memcmp(l, "skipped", 7) == 0)))
        return false;
    const char *t2 = strrchr(l, '\t');
    if (t2 == t1 || t2 == t1 + 1 || strlen(t2 + 1) != 16) return false;
    for (const char *k = t2 + 1; *k; k++)
        if (!((*k >= '0' && *k <= '9') || (*k >= 'a' && *k <= 'f'))) return false;
    return true;
}

static void mkdirs_for(const char *path) {
    char dir[PATH_MAX];
    if (snprintf(dir, sizeof dir, "%s", path) >= (int)sizeof dir) return;
    for (char *q = dir + 1; *q; q++) {
        if (*q != '/') continue;
        *q = '\0';
        mkdir(dir, 0700);
        *q = '/';
    }
}

/* Loads p->path. A file that is not a progress file is renamed PATH.corrupt (kept) and the
 * session starts afresh, saying so on stderr. */
static void progress_load(Progress *p, FILE *err) {
    memset(p, 0, sizeof *p);
    p->usable = progress_path(p->path, sizeof p->path);
    if (!p->usable) return;
    FILE *f = fopen(p->path, "r");
    if (!f) return; /* none yet */
    char *l = NULL;
    size_t cap = 0;
    ssize_t got;
    int lineno = 0;
    int bad = 0;
    while ((got = getline(&l, &cap, f)) >= 0) {
        lineno++;
        while (got > 0 && (l[got - 1] == '\n' || l[got - 1] == '\r')) l[--got] = '\0';
        if (lineno == 1) {
            if (strcmp(l, PROGRESS_HEADER) != 0) { bad = 1; break; }
            continue;
        }
        if (!l[0]) continue;
        if (!valid_entry(l) || memchr(l, '\0', (size_t)got)) { bad = lineno; break; }
        char *t1 = strchr(l, '\t'), *t2 = strrchr(l, '\t');
        *t1 = '\0';
        *t2 = '\0';
        progress_add(p, l, t1 + 1, t2 + 1);
    }
    free(l);
    fclose(f);
    if (!bad) return;
    for (int i = 0; i < p->n; i++) free(p->lines[i]);
    p->n = 0;
    char copy[PATH_MAX + 16];
    snprintf(copy, sizeof copy, "%s.corrupt", p->path);
    if (rename(p->path, copy) == 0)
        fprintf(err, "mlm: the progress file %s is not one mlm wrote (line %d); kept it as %s and started afresh\n",
                p->path, bad, copy);
    else
        fprintf(err, "mlm: the progress file %s is not one mlm wrote (line %d); starting afresh (%s)\n",
                p->path, bad, strerror(errno));
}

/* Writes every entry to a temporary file beside the progress file, then renames it over the
 * progress file: a reader sees the old file or the new one, never half of one. */
static bool progress_save(Progress *p, FILE *err) {
    if (!p->usable) return false;
    mkdirs_for(p->path);
    char tmp[PATH_MAX + 32];
    snprintf(tmp, sizeof tmp, "%s.tmp.%ld", p->path, (long)getpid());
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!f) {
        fprintf(err, "mlm: cannot save progress to %s: %s\n", p->path, strerror(errno));
        if (fd >= 0) close(fd);
        p->usable = false; /* say it once */
        return false;
    }
    fprintf(f, "%s\n", PROGRESS_HEADER);
    for (int i = 0; i < p->n; i++) fprintf(f, "%s\n", p->lines[i]);
    bool written = fflush(f) == 0 && !ferror(f) && fsync(fileno(f)) == 0;
    if (fclose(f) != 0) written = false;
    if (!written || rename(tmp, p->path) != 0) {
        fprintf(err, "mlm: cannot save progress to %s: %s\n", p->path, strerror(errno));
        unlink(tmp);
        p->usable = false;
        return false;
    }
    return true;
}

/* The recorded status of (file, key), or NULL. */
static const char *progress_status(const Progress *p, const char *file, const char *key) {
    size_t fl = strlen(file);
    for (int i = p->n - 1; i >= 0; i--) {
        const char *l = p->lines[i];
        const char *t1 = strchr(l, '\t');
        const char *t2 = strrchr(l, '\t');
        if ((size_t)(t2 - t1 - 1) == fl && memcmp(t1 + 1, file, fl) == 0 && strcmp(t2 + 1, key) == 0) {
            static char status[8];
            size_t sl = (size_t)(t1 - l);
            memcpy(status, l, sl);
            status[sl] = '\0';
            return status;
        }
    }
    return NULL;
}

/* Records status for (file, key), replacing an earlier entry, and saves. */
static void progress_set(Progress *p, const char *status, const char *file, const char *key, FILE *err) {
    size_t fl = strlen(file);
    for (int i = 0; i < p->n; i++) {
        const char *l = p->lines[i];
        const char *t1 = strchr(l, '\t');
        const char *t2 = strrchr(l, '\t');
        if ((size_t)(t2 - t1 - 1) == fl && memcmp(t1 + 1, file, fl) == 0 && strcmp(t2 + 1, key) == 0) {
            free(p->lines[i]);
            memmove(p->lines + i, p->lines + i + 1, (size_t)(p->n - i - 1) * sizeof *p->lines);
            p->n--;
            break;
        }
    }
    progress_add(p, status, file, key);
    progress_save(p, err);
}

static void progress_free(Progress *p) {
    for (int i = 0; i < p->n; i++) free(p->lines[i]);
    free(p->lines);
}

/* }===================== */

/* {===================== reading an answer */

typedef enum { READ_LINE, READ_EOF, READ_INTERRUPT } ReadResult;

static char *rl_result;
static bool rl_have;

static void on_rl_line(char *line) {
    rl_result = line;
    rl_have = true;
    rl_callback_handler_remove();
}

/* One line into *line (malloc'd, the caller frees): readline on a terminal (Ctrl-C abandons
 * it), getline otherwise. */
static ReadResult read_answer(Interp *in, bool tty, const char *prompt, char **line) {
    *line = NULL;
    if (!tty) {
        fputs(prompt, stdout);
        fflush(stdout);
        size_t cap = 0;
        ssize_t got = getline(line, &cap, stdin);
        if (got < 0) {
            free(*line);
            *line = NULL;
            fputc('\n', stdout);
            return in->interrupted && *in->interrupted ? READ_INTERRUPT : READ_EOF;
        }
        if (got > 0 && (*line)[got - 1] == '\n') (*line)[got - 1] = '\0';
        fputs(*line, stdout); /* echo, so a transcript reads as a session */
        fputc('\n', stdout);
        return in->interrupted && *in->interrupted ? READ_INTERRUPT : READ_LINE;
    }
    rl_have = false;
    rl_result = NULL;
    rl_callback_handler_install(prompt, on_rl_line);
    while (!rl_have) {
        if (in->interrupted && *in->interrupted) {
            rl_callback_sigcleanup();
            rl_free_line_state();
            rl_callback_handler_remove();
            fputs("^C\n", stdout);
            return READ_INTERRUPT;
        }
        /* SIGINT may land on another thread: poll with a short timeout and look at the flag */
        struct pollfd fd = {STDIN_FILENO, POLLIN, 0};
        int r = poll(&fd, 1, 100);
        if (r < 0 && errno != EINTR) { rl_callback_handler_remove(); return READ_EOF; }
        if (r > 0 && (fd.revents & POLLIN)) rl_callback_read_char();
        else if (r > 0 && (fd.revents & (POLLHUP | POLLERR | POLLNVAL))) { rl_callback_handler_remove(); return READ_EOF; }
    }
    if (!rl_result) { fputc('\n', stdout); return READ_EOF; }
    if (rl_result[0]) add_history(rl_result);
    *line = rl_result;
    return READ_LINE;
}

/* }===================== */

/* {===================== the session */

/* text of lines [first, last) of the file, the lines before them blank (so messages keep
 * the file's line numbers). Owned by the caller. */
static char *lines_of(const char *text, size_t len, int first, int last, size_t *outlen) {
    size_t pos = 0;
    int line = 1;
    while (line < first && pos < len) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        if (!nl) { pos = len; break; }
        pos = (size_t)(nl - text) + 1;
        line++;
    }
    size_t start = pos;
    while (line < last && pos < len) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        if (!nl) { pos = len; break; }
        pos = (size_t)(nl - text) + 1;
        line++;
    }
    size_t pad = (size_t)(first > 1 ? first - 1 : 0);
    char *out = malloc(pad + (pos - start) + 1);
    if (!out) return NULL;
    memset(out, '\n', pad);
    memcpy(out + pad, text + start, pos - start);
    out[pad + pos - start] = '\0';
    *outlen = pad + pos - start;
    return out;
}

static RunStatus run_text(Interp *in, const char *name, const char *text, size_t len) {
    Source *src = source_new(name, text, len);
    RunStatus st = interp_run(in, src, false);
    source_release(src);
    return st;
}

/* Runs the exercise's check against `answer` with results captured; returns whether it
 * passed, and in *why the slip the ✗ line names (after " — "), if any (owned). */
static bool run_check(Interp *in, const char *path, const Exercise *e, char **why) {
    *why = NULL;
    size_t n = (size_t)(e->check_line - 1) + strlen(e->check_text) + 1;
    char *text = malloc(n + 1);
    if (!text) return false;
    memset(text, '\n', (size_t)(e->check_line - 1));
    snprintf(text + e->check_line - 1, n + 1 - (size_t)(e->check_line - 1), "%s\n", e->check_text);
    char *captured = NULL;
    size_t caplen = 0;
    FILE *mem = open_memstream(&captured, &caplen);
    FILE *saved_out = in->out;
    bool saved_colour = in->use_colour, saved_mode = in->check_mode;
    int before = in->checks.passed;
    if (mem) in->out = mem;
    in->use_colour = false;
    in->check_mode = false;
    run_text(in, path, text, n);
    in->out = saved_out;
    in->use_colour = saved_colour;
    in->check_mode = saved_mode;
    if (mem) fclose(mem);
    free(text);
    bool passed = in->checks.passed > before;
    if (!passed && captured) {
        const char *dash = strstr(captured, " — ");
        const char *errtext = strstr(captured, "  error: ");
        if (dash) {
            char *w = strdup(dash + strlen(" — "));
            if (w) { char *nl = strchr(w, '\n'); if (nl) *nl = '\0'; }
            *why = w;
        } else if (errtext) {
            char *w = strdup(errtext + 2);
            if (w) { char *nl = strchr(w, '\n'); if (nl) *nl = '\0'; }
            *why = w;
        }
    }
    free(captured);
    return passed;
}

static bool is_command(const char *line, const char *word) {
    while (*line == ' ' || *line == '\t') line++;
    size_t n = strlen(word);
    if (strncmp(line, word, n) != 0) return false;
    for (const char *q = line + n; *q; q++)
        if (*q != ' ' && *q != '\t') return false;
    return true;
}

static void print_indented(const char *text, const char *lead) {
    const char *p = text;
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        printf("%s%.*s\n", lead, (int)n, p);
        p += n + (nl ? 1 : 0);
    }
}

int exercises_run(Interp *in, const char *path) {
    char *text;
    size_t len;
    char err[600];
    if (!file_read(path, &text, &len, err, sizeof err)) {
        fprintf(stderr, "mlm: %s\n", err);
        return 2;
    }
    ExerciseSet set;
    if (!exercises_parse(path, text, len, &set, err, sizeof err)) {
        fprintf(stderr, "%s\n", err);
        free(text);
        return 1;
    }
    char file_id[PATH_MAX];
    if (!realpath(path, file_id)) snprintf(file_id, sizeof file_id, "%s", path);
    Progress prog;
    progress_load(&prog, stderr);
    bool tty = isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
    if (tty) {
        rl_readline_name = "mlm";
        rl_catch_signals = 0;
        rl_catch_sigwinch = 0;
        rl_change_environment = 0;
        rl_initialize();
        rl_bind_key('\t', rl_insert); /* no file-name completion of answers */
        using_history();
    }

    int before = 0;
    for (int i = 0; i < set.n; i++) {
        const char *st = progress_status(&prog, file_id, set.items[i].key);
        if (st && strcmp(st, "solved") == 0) before++;
    }
    printf("Exercises: %s — %d question%s", path, set.n, set.n == 1 ? "" : "s");
    if (before) printf(", %d solved in an earlier session", before);
    printf(".\nType your answer as an expression (any mlm notation), or: hint, answer (the worked answer), skip, quit.\n");

    int solved_now = 0, shown = 0, skipped = 0, status = 0;
    bool stop = false;
    for (int i = 0; i < set.n && !stop; i++) {
        Exercise *e = &set.items[i];
        size_t slen;
        char *setup = lines_of(text, len, e->setup_first, e->line, &slen);
        if (setup) {
            FILE *saved = in->out;
            FILE *null = fopen("/dev/null", "w");
            if (null) in->out = null; /* set-up results are not the learner's to read */
            RunStatus rs = run_text(in, path, setup, slen);
            in->out = saved;
            if (null) fclose(null);
            free(setup);
            if (rs == RUN_ERROR || rs == RUN_ASSERT) {
                fprintf(stderr, "mlm: %s: the set-up code before the question of line %d failed (above)\n", path, e->line);
                status = 1;
                break;
            }
        }
        const char *st = progress_status(&prog, file_id, e->key);
        if (st && strcmp(st, "solved") == 0) {
            printf("\n✓ %d. solved in an earlier session\n", i + 1);
            continue;
        }
        printf("\n%d of %d.\n", i + 1, set.n);
        print_indented(e->question, "  ");
        int next_hint = 0;
        for (;;) {
            char *line;
            ReadResult rr = read_answer(in, tty, "answer> ", &line);
            if (rr == READ_INTERRUPT) {
                free(line);
                printf("stopped: your progress is kept%s%s.\n", prog.usable ? " in " : "", prog.usable ? prog.path : "");
                status = 130;
                stop = true;
                break;
            }
            if (rr == READ_EOF || is_command(line, "quit") || is_command(line, "exit")) {
                free(line);
                stop = true;
                break;
            }
            if (is_command(line, "")) { free(line); continue; }
            if (is_command(line, "hint")) {
                free(line);
                if (e->nhints == 0) printf("  no hint for this one — type answer to see the worked answer\n");
                else if (next_hint < e->nhints) printf("  hint: %s\n", e->hints[next_hint++]);
                else printf("  no more hints — type answer to see the worked answer\n");
                continue;
            }
            if (is_command(line, "answer")) {
                free(line);
                printf("  worked answer:\n");
                print_indented(e->worked, "    ");
                progress_set(&prog, "shown", file_id, e->key, stderr);
                shown++;
                break;
            }
            if (is_command(line, "skip")) {
                free(line);
                progress_set(&prog, "skipped", file_id, e->key, stderr);
                skipped++;
                break;
            }
            /* the learner's answer: its value becomes `answer`, then the exercise's check runs */
            interp_set_global(in, "ans", value_nil());
            interp_set_global(in, "answer", value_nil());
            fflush(stdout);
            RunStatus rs = run_text(in, "answer", line, strlen(line));
            free(line);
            fflush(in->err);
            fflush(stdout);
            if (in->interrupted) *in->interrupted = 0;
            in->interrupt_seen = false;
            if (rs != RUN_OK) {
                printf("  that is an error (above): the question stays open — try again, or type hint\n");
                continue;
            }
            int slot = interp_find_global(in, "ans");
            Value v = slot >= 0 ? in->globals[slot].value : value_nil();
            if (v.kind == VAL_NIL) { /* `answer = …`, as the file writes it, gives the answer too */
                slot = interp_find_global(in, "answer");
                v = slot >= 0 ? in->globals[slot].value : value_nil();
            }
            if (v.kind == VAL_NIL) {
                printf("  that gave no value: type an expression (an assignment such as x = 3 has none)\n");
                continue;
            }
            if (v.kind == VAL_FUNC || v.kind == VAL_BUILTIN) {
                printf("✗ not yet: that is a function; the answer is its value at the point (as in f'(2) or ∇g(2, 1))\n");
                continue;
            }
            interp_set_global(in, "answer", value_retain(v));
            char *why;
            bool ok = run_check(in, path, e, &why);
            if (ok) {
                printf("✓ right\n");
                progress_set(&prog, "solved", file_id, e->key, stderr);
                solved_now++;
                free(why);
                break;
            }
            if (why) printf("✗ not yet: %s\n", why);
            else printf("✗ not yet\n");
            free(why);
            printf("  try again, or type hint%s\n", next_hint < e->nhints ? "" : ", answer or skip");
        }
    }
    int total_solved = before + solved_now;
    printf("\nScore: %d of %d solved", total_solved, set.n);
    if (before) printf(" (%d this session, %d before)", solved_now, before);
    if (shown || skipped) printf("; %d worked answer%s shown, %d skipped", shown, shown == 1 ? "" : "s", skipped);
    printf(".\n");
    fflush(stdout);
    progress_free(&prog);
    exercises_free(&set);
    free(text);
    return status;
}

/* }===================== */
