/* repl.c — the interactive prompt.
 *
 * Readline runs through its callback interface: the loop polls the terminal and a
 * self-pipe written by our signal handlers, so no handler ever longjmps or touches readline
 * (the evaluator runs on a thread other than main, and a signal may land on either).
 *   - Ctrl-C at the prompt: the handler writes 'C' to the pipe; the loop wakes and throws
 *     the half-typed line (and any unfinished multi-line entry) away.
 *   - Ctrl-C while an entry runs: the same handler sets *in->interrupted, which the
 *     evaluator polls; it raises an "interrupted" error and every variable survives.
 *   - A window resize writes 'W'; readline is told at the prompt.
 * An entry is read line by line while interp_run says RUN_INCOMPLETE (an open bracket,
 * block or operator at the end), under a `... ` prompt; a blank line abandons it. */
#include "repl.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "complete.h"

enum { HISTORY_MAX = 1000 };

/* {===================== the history file */

bool repl_history_path(char *buf, size_t size) {
    const char *env = getenv("MLM_HISTORY");
    int n;
    if (env) {
        if (!env[0]) return false;
        n = snprintf(buf, size, "%s", env);
    } else {
        const char *state = getenv("XDG_STATE_HOME");
        const char *home = getenv("HOME");
        if (state && state[0] == '/') n = snprintf(buf, size, "%s/mlm/history", state);
        else if (home && home[0]) n = snprintf(buf, size, "%s/.mlm_history", home);
        else return false;
    }
    return n > 0 && (size_t)n < size;
}

void repl_history_free(char **entries, int n) {
    for (int i = 0; i < n; i++) free(entries[i]);
    free(entries);
}

/* Reads the whole file; NULL if it cannot be read. */
static char *read_file_text(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 4096, n = 0, k;
    char *text = malloc(cap);
    while (text && (k = fread(text + n, 1, cap - n - 1, f)) > 0) {
        n += k;
        if (cap - n - 1 == 0) {
            char *bigger = realloc(text, cap * 2);
            if (!bigger) { free(text); text = NULL; break; }
            text = bigger;
            cap *= 2;
        }
    }
    fclose(f);
    if (!text) return NULL;
    text[n] = '\0';
    *len = n;
    return text;
}

int repl_history_read(const char *path, char ***entries) {
    *entries = NULL;
    size_t len;
    char *text = read_file_text(path, &len);
    if (!text) return 0;
    int lines = 1;
    for (size_t i = 0; i < len; i++) lines += text[i] == '\n';
    char **out = malloc((size_t)lines * sizeof *out);
    if (!out) { free(text); return 0; }
    int count = 0;
    for (char *line = text; line < text + len;) {
        char *nl = memchr(line, '\n', (size_t)(text + len - line));
        char *end = nl ? nl : text + len;
        char *entry = malloc((size_t)(end - line) + 1);
        if (!entry) break;
        size_t k = 0;
        for (char *p = line; p < end && *p; p++) {
            if (*p == '\\' && p + 1 < end && (p[1] == '\\' || p[1] == 'n')) {
                entry[k++] = p[1] == 'n' ? '\n' : '\\';
                p++;
            } else {
                entry[k++] = *p;
            }
        }
        entry[k] = '\0';
        if (k) out[count++] = entry;
        else free(entry);
        line = end + 1;
    }
    free(text);
    if (count == 0) { free(out); return 0; }
    *entries = out;
    return count;
}

static void write_entry(FILE *f, const char *s) {
    for (; *s; s++) {
        if (*s == '\\') fputs("\\\\", f);
        else if (*s == '\n') fputs("\\n", f);
        else fputc(*s, f);
    }
    fputc('\n', f);
}

/* mkdir -p for the directory part of path (mode 0700 for what it creates). */
static void make_parent_dirs(const char *path) {
    char dir[PATH_MAX];
    if (snprintf(dir, sizeof dir, "%s", path) >= (int)sizeof dir) return;
    for (char *p = dir + 1; *p; p++) {
        if (*p != '/') continue;
        *p = '\0';
        mkdir(dir, 0700);
        *p = '/';
    }
}

/* Locks the directory holding path (flock) so concurrent sessions merge one at a time;
 * returns the descriptor to close, or -1 (then we go on without the lock). */
static int lock_parent_dir(const char *path) {
    char dir[PATH_MAX];
    if (snprintf(dir, sizeof dir, "%s", path) >= (int)sizeof dir) return -1;
    char *slash = strrchr(dir, '/');
    if (!slash) snprintf(dir, sizeof dir, ".");
    else if (slash == dir) dir[1] = '\0';
    else *slash = '\0';
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return -1;
    while (flock(fd, LOCK_EX) != 0) {
        if (errno != EINTR) { close(fd); return -1; }
    }
    return fd;
}

bool repl_history_append(const char *path, char *const *entries, int n, int max, char *err, size_t errsize) {
    make_parent_dirs(path);
    int lock = lock_parent_dir(path);
    char **old;
    int nold = repl_history_read(path, &old);
    int total = nold + n;
    int skip = total > max ? total - max : 0;
    char tmp[PATH_MAX];
    bool ok = false;
    if (snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid()) >= (int)sizeof tmp) {
        snprintf(err, errsize, "%s: path too long", path);
        goto done;
    }
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) {
        snprintf(err, errsize, "%s: %s", tmp, strerror(errno));
        goto done;
    }
    FILE *f = fdopen(fd, "w");
    if (!f) {
        snprintf(err, errsize, "%s: %s", tmp, strerror(errno));
        close(fd);
        unlink(tmp);
        goto done;
    }
    for (int i = skip; i < total; i++) write_entry(f, i < nold ? old[i] : entries[i - nold]);
    bool written = fflush(f) == 0 && !ferror(f) && fsync(fileno(f)) == 0;
    int saved_errno = errno;
    if (fclose(f) != 0 && written) { written = false; saved_errno = errno; }
    if (!written || rename(tmp, path) != 0) {
        snprintf(err, errsize, "%s: %s", path, strerror(written ? errno : saved_errno));
        unlink(tmp);
        goto done;
    }
    ok = true;
done:
    repl_history_free(old, nold);
    if (lock >= 0) close(lock);
    return ok;
}

/* }===================== */

/* {===================== signals: handlers only set the flag and write to a pipe */

static int sig_pipe[2] = {-1, -1};
static volatile sig_atomic_t *sig_flag; /* borrowed: the session's interrupt flag */

static void on_signal(int sig) {
    int saved = errno;
    char byte = sig == SIGINT ? 'C' : 'W';
    if (sig == SIGINT && sig_flag) *sig_flag = 1;
    if (sig_pipe[1] >= 0) {
        ssize_t ignored = write(sig_pipe[1], &byte, 1);
        (void)ignored;
    }
    errno = saved;
}

/* Reads everything in the pipe; reports whether a SIGINT and a SIGWINCH arrived. */
static void drain_signals(bool *interrupt, bool *resize) {
    char buf[64];
    ssize_t n;
    while ((n = read(sig_pipe[0], buf, sizeof buf)) > 0)
        for (ssize_t i = 0; i < n; i++) {
            if (buf[i] == 'C') *interrupt = true;
            else *resize = true;
        }
}

/* }===================== */

/* {===================== the prompt */

typedef struct Repl {
    Interp *in;             /* borrowed */
    char *pending;          /* owned: the lines of an unfinished entry, each ending in '\n' */
    size_t pending_len;
    char *line;             /* owned: the line readline just returned */
    bool have_line, eof;
    bool history;           /* history_path is in use */
    bool history_warned;
    char history_path[PATH_MAX];
} Repl;

/* The prompt in use; readline's callbacks carry no user pointer. */
static Repl *active;

static void on_line(char *line) {
    active->line = line;
    active->eof = line == NULL;
    active->have_line = true;
    rl_callback_handler_remove(); /* the loop reinstalls it with the next prompt */
}

/* Replaces the bytes [start, end) of the line with text, as one undoable change. */
static void replace_text(int start, int end, const char *text) {
    rl_begin_undo_group();
    rl_delete_text(start, end);
    rl_point = start;
    rl_insert_text(text);
    rl_end_undo_group();
}

/* Display width of a UTF-8 string, counting combining marks as zero. */
static int text_width(const char *s) {
    int w = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p & 0xC0) == 0x80) continue;
        if (*p == 0xCC || (*p == 0xCD && p[1] < 0xB0)) continue; /* U+0300–U+036F */
        w++;
    }
    return w;
}

static void show_choices(const Completion *c) {
    char **list = malloc(((size_t)c->count + 2) * sizeof *list);
    if (!list) return;
    int max = 0;
    list[0] = completion_common_prefix(c);
    for (int i = 0; i < c->count; i++) {
        char *shown = c->items[i];
        if (c->kind == COMPLETE_FILE) {
            /* the last path component, as readline shows file names */
            size_t n = strlen(shown);
            char *slash = NULL;
            for (char *p = shown; p < shown + n - (n > 0 && shown[n - 1] == '/'); p++)
                if (*p == '/') slash = p;
            if (slash) shown = slash + 1;
        }
        list[i + 1] = shown;
        int w = text_width(shown);
        if (w > max) max = w;
    }
    list[c->count + 1] = NULL;
    /* bring the screen up to date with the cursor on the entry's last line, so the list
     * goes below everything typed (typeahead may have left the display behind) */
    int point = rl_point;
    rl_point = rl_end;
    rl_redisplay();
    rl_point = point;
    rl_display_match_list(list, c->count, max);
    rl_forced_update_display();
    free(list[0]);
    free(list);
}

/* Tab: a complete \name becomes its symbol; otherwise the longest common prefix of the
 * candidates is inserted, and when that adds nothing they are listed. On a blank line
 * Tab indents. */
static int repl_tab(int count, int key) {
    (void)count;
    (void)key;
    Completion c;
    complete_line(active ? active->in : NULL, rl_line_buffer, rl_point, &c);
    if (c.kind == COMPLETE_NONE && c.count == 0) {
        bool blank = true;
        for (int i = 0; i < rl_point; i++)
            if (rl_line_buffer[i] != ' ' && rl_line_buffer[i] != '\t') blank = false;
        if (blank) rl_insert_text("    ");
        else rl_ding();
    } else if (c.count == 0) {
        rl_ding();
    } else if (c.kind == COMPLETE_SYMBOL || c.count == 1) {
        char *text = c.items[0];
        size_t n = strlen(text);
        bool close_string = c.kind == COMPLETE_FILE && n > 0 && text[n - 1] != '/' &&
                            rl_line_buffer[rl_point] != '"';
        replace_text(c.start, c.end, text);
        if (close_string) rl_insert_text("\"");
    } else {
        char *prefix = completion_common_prefix(&c);
        if ((int)strlen(prefix) > c.end - c.start) replace_text(c.start, c.end, prefix);
        else show_choices(&c);
        free(prefix);
    }
    completion_free(&c);
    return 0;
}

static void setup_readline(void) {
    rl_readline_name = "mlm";
    rl_catch_signals = 0;
    rl_catch_sigwinch = 0;
    rl_change_environment = 0;
    rl_initialize();
    rl_add_defun("mlm-complete", repl_tab, -1);
    /* Tab completes our way unless the user's inputrc bound it to something else */
    Keymap maps[] = {emacs_standard_keymap, vi_insertion_keymap};
    for (size_t i = 0; i < sizeof maps / sizeof maps[0]; i++)
        if (rl_function_of_keyseq("\t", maps[i], NULL) == rl_complete)
            rl_bind_key_in_map('\t', repl_tab, maps[i]);
    using_history();
}

static bool is_blank(const char *s) {
    for (; *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n') return false;
    return true;
}

/* Adds an entry to the history (not a repeat of the last one) and saves it at once, so a
 * crash loses nothing that was typed. */
static void remember(Repl *r, const char *entry) {
    size_t n = strlen(entry);
    while (n > 0 && (entry[n - 1] == '\n' || entry[n - 1] == ' ')) n--;
    if (n == 0) return;
    char *text = strndup(entry, n);
    if (!text) return;
    HIST_ENTRY *last = history_length > 0 ? history_get(history_base + history_length - 1) : NULL;
    if (!last || strcmp(last->line, text) != 0) {
        add_history(text);
        if (r->history) {
            char err[PATH_MAX + 128];
            if (!repl_history_append(r->history_path, &text, 1, HISTORY_MAX, err, sizeof err) &&
                !r->history_warned) {
                fprintf(stderr, "mlm: history not saved: %s\n", err);
                r->history_warned = true;
            }
        }
    }
    free(text);
}

static void drop_pending(Repl *r, bool keep_in_history) {
    if (r->pending && keep_in_history) remember(r, r->pending);
    free(r->pending);
    r->pending = NULL;
    r->pending_len = 0;
}

static void add_pending(Repl *r, const char *line) {
    size_t len = strlen(line);
    char *joined = realloc(r->pending, r->pending_len + len + 2);
    if (!joined) abort();
    memcpy(joined + r->pending_len, line, len);
    joined[r->pending_len + len] = '\n';
    joined[r->pending_len + len + 1] = '\0';
    r->pending = joined;
    r->pending_len += len + 1;
}

/* Ctrl-C at the prompt: leave what was typed on the screen followed by ^C, forget it. */
static void abandon_line(void) {
    rl_callback_sigcleanup();
    rl_free_line_state();
    rl_point = rl_end;
    rl_redisplay();
    fputs("^C\n", rl_outstream);
    fflush(rl_outstream);
    rl_callback_handler_remove();
    using_history();
}

typedef enum ReadResult { READ_LINE, READ_EOF, READ_INTERRUPT } ReadResult;

static ReadResult read_line(Repl *r, const char *prompt) {
    r->have_line = false;
    r->eof = false;
    r->line = NULL;
    rl_callback_handler_install(prompt, on_line);
    while (!r->have_line) {
        struct pollfd fds[2] = {{STDIN_FILENO, POLLIN, 0}, {sig_pipe[0], POLLIN, 0}};
        if (poll(fds, 2, -1) < 0) {
            if (errno == EINTR) continue;
            rl_callback_handler_remove();
            return READ_EOF;
        }
        if (fds[1].revents & POLLIN) {
            bool interrupt = false, resize = false;
            drain_signals(&interrupt, &resize);
            if (resize) rl_resize_terminal();
            if (interrupt) {
                abandon_line();
                return READ_INTERRUPT;
            }
        }
        if (fds[0].revents & POLLIN) {
            rl_callback_read_char();
        } else if (fds[0].revents & (POLLHUP | POLLERR | POLLNVAL)) {
            rl_callback_handler_remove(); /* the terminal went away */
            return READ_EOF;
        }
    }
    return r->eof ? READ_EOF : READ_LINE;
}

void repl_banner(FILE *out, const char *version) {
    fprintf(out, "mlm %s — maths as books print it. help lists everything, ?name explains one, "
                 "\\Sigma⇥ types Σ.\n", version);
}

int repl_run(Interp *in) {
    Repl r;
    memset(&r, 0, sizeof r);
    r.in = in;
    r.history = repl_history_path(r.history_path, sizeof r.history_path);
    active = &r;

    if (pipe2(sig_pipe, O_CLOEXEC | O_NONBLOCK) != 0) {
        perror("mlm: pipe");
        return 1;
    }
    sig_flag = in->interrupted;
    struct sigaction sa, old_int, old_winch;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sa.sa_flags = SA_RESTART;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGWINCH, &sa, &old_winch);

    /* The terminal must not echo ^C while an entry runs: the "interrupted" error that
     * follows starts on a line of its own. Restored on the way out. */
    struct termios saved_tio;
    bool have_tio = tcgetattr(STDIN_FILENO, &saved_tio) == 0;
    if (have_tio) {
        struct termios tio = saved_tio;
        tio.c_lflag &= ~(tcflag_t)ECHOCTL;
        tcsetattr(STDIN_FILENO, TCSANOW, &tio);
    }

    setup_readline();
    if (r.history) {
        char **entries;
        int n = repl_history_read(r.history_path, &entries);
        for (int i = 0; i < n; i++) add_history(entries[i]);
        repl_history_free(entries, n);
    }

    const char *prompt = in->use_colour ? "\001\033[1;32m\002mlm>\001\033[0m\002 " : "mlm> ";
    if (in->use_colour) {
        in->result_on = "\033[36m"; /* results in cyan, told apart from print() output */
        in->result_off = "\033[0m";
    }
    const char *more = in->use_colour ? "\001\033[32m\002...\001\033[0m\002 " : "... ";
    for (;;) {
        bool interrupt = false, resize = false;
        drain_signals(&interrupt, &resize);
        if (in->interrupted) *in->interrupted = 0;
        in->interrupt_seen = false;
        if (resize) rl_reset_screen_size(); /* no prompt on screen yet: just re-read the size */

        ReadResult got = read_line(&r, r.pending ? more : prompt);
        if (got == READ_INTERRUPT) {
            drop_pending(&r, true);
            continue;
        }
        if (got == READ_EOF) {
            drop_pending(&r, true);
            fputc('\n', stdout);
            break;
        }
        char *line = r.line;
        r.line = NULL;
        if (is_blank(line)) {
            /* a blank line abandons an unfinished entry */
            drop_pending(&r, true);
            free(line);
            continue;
        }
        add_pending(&r, line);
        free(line);
        Source *src = source_new("<repl>", r.pending, r.pending_len);
        RunStatus st = interp_run(in, src, true);
        source_release(src);
        if (st == RUN_INCOMPLETE) continue;
        drop_pending(&r, true);
        if (st == RUN_QUIT) break;
    }
    fflush(stdout);

    rl_callback_handler_remove();
    rl_free_undo_list(); /* what Ctrl-D on an edited-then-emptied line leaves behind */
    /* a recalled entry that was edited keeps its undo list in the entry's data, which
     * clear_history does not free */
    for (int i = 0; i < history_length; i++) {
        HIST_ENTRY *h = history_get(history_base + i);
        if (h && h->data) {
            rl_undo_list = (UNDO_LIST *)h->data;
            rl_free_undo_list();
        }
    }
    if (have_tio) tcsetattr(STDIN_FILENO, TCSANOW, &saved_tio);
    clear_history();
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGWINCH, &old_winch, NULL);
    close(sig_pipe[0]);
    close(sig_pipe[1]);
    sig_pipe[0] = sig_pipe[1] = -1;
    sig_flag = NULL;
    active = NULL;
    return in->exit_requested > 0 ? in->exit_requested : 0;
}

/* }===================== */
