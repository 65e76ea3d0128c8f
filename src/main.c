/* main.c — the mlm command: options, scripts, -e, --check, and the prompt.
 *
 * Exit status: 0 ok, 1 an error in the program (or a failed check), 2 a usage error or an
 * unreadable file, 130 interrupted. The interpreter runs on a thread with a large stack so
 * deep (but bounded) recursion in user code cannot overflow the C stack. */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <ucontext.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "exercises.h"
#include "manpage.h"
#include "files.h"
#include "interp.h"
#include "repl.h"

#ifndef MLM_VERSION
#define MLM_VERSION "0.1.0"
#endif

enum { EXIT_OK = 0, EXIT_PROGRAM = 1, EXIT_USAGE = 2, EXIT_INTERRUPTED = 130 };
enum { EVAL_STACK_BYTES = 512 << 20 };

/* The evaluation runs on the big stack by a context switch (makecontext/swapcontext) rather
 * than on a thread: creating and joining the thread took ~85 µs of a ~1 ms `mlm -e 1+1`
 * (clock_gettime around each step, 200 runs). Under AddressSanitizer, which does not follow
 * a switch of stacks without annotations, the thread stays. Valgrind is told of the stack. */
#if defined(__SANITIZE_ADDRESS__)
#define EVAL_ON_THREAD 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define EVAL_ON_THREAD 1
#endif
#endif
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#else
#define VALGRIND_STACK_REGISTER(start, end) 0
#endif

/* The only process-wide mutable state: what the SIGINT handler writes. */
static volatile sig_atomic_t sigint_flag;

static void on_sigint(int sig) {
    (void)sig;
    sigint_flag = 1;
}

typedef struct Options {
    int argc;
    char **argv;
    const char *expr;       /* -e */
    bool check;             /* --check */
    bool exercises;         /* --exercises FILE */
    int first_file;         /* index of the first file argument, or argc */
    int status;             /* result */
    /* resource limits; 0 = mlm's default */
    double memory_limit;    /* --memory-limit bytes */
    int max_depth;          /* --max-depth: user function recursion */
    int max_nesting;        /* --max-nesting: bracket nesting in the source */
    double timeout;         /* --timeout seconds (wall clock) */
} Options;

static void usage(FILE *out) {
    fputs("usage: mlm [FILE.mlm]          run a script (no file: the prompt, or stdin if piped)\n"
          "       mlm -e 'EXPR'            evaluate one expression or statement list\n"
          "       mlm --check FILE|DIR…    run scripts (a directory: its *.mlm, sorted), report every check\n"
          "       mlm --exercises FILE     practise the exercises of FILE: questions, hints, answers, a score\n"
          "       mlm --help | --version\n"
          "limits: --memory-limit SIZE (e.g. 2G, 512M; default 3/4 of RAM)  --max-depth N (calls, 5000)\n"
          "        --max-nesting N (brackets, 256)  --timeout SECONDS (none)\n"
          "environment: MLM_THREADS=N (threads for large array work; default one per CPU, at most 8)\n"
          "             MLM_HISTORY=FILE (prompt history; empty: none)  NO_COLOR=1 (no colour)\n", out);
}

/* Colour on fd only for a terminal, and not when NO_COLOR is set (non-empty, as
 * no-color.org says) or the terminal is dumb. */
static bool colour_wanted(int fd) {
    const char *no_colour = getenv("NO_COLOR");
    const char *term = getenv("TERM");
    if (no_colour && no_colour[0]) return false;
    if (term && strcmp(term, "dumb") == 0) return false;
    return isatty(fd);
}

static Interp *new_session(const Options *o) {
    Interp *in = interp_new(stdout, stderr);
    if (!in) {
        fputs("mlm: the built-in library failed to load\n", stderr);
        return NULL;
    }
    in->interrupted = &sigint_flag;
    in->use_colour = colour_wanted(STDERR_FILENO);
    if (o->memory_limit > 0) in->budget.limit = in->limits.max_memory = (size_t)o->memory_limit;
    if (o->max_depth > 0) in->limits.max_call_depth = o->max_depth;
    if (o->max_nesting > 0) in->limits.max_parse_depth = o->max_nesting;
    in->timeout_seconds = o->timeout;
    return in;
}

static int status_of(Interp *in, RunStatus st) {
    if (in->interrupt_seen) return EXIT_INTERRUPTED;
    if (st == RUN_ERROR || st == RUN_ASSERT || st == RUN_INCOMPLETE) return EXIT_PROGRAM;
    if (st == RUN_QUIT) return in->exit_requested > 0 ? in->exit_requested : EXIT_OK;
    return in->checks.failed > 0 ? EXIT_PROGRAM : EXIT_OK;
}

static void report_failed_checks(Interp *in) {
    if (in->checks.failed > 0)
        fprintf(stderr, "%d passed, %d failed\n", in->checks.passed, in->checks.failed);
}

static int run_text(const Options *o, const char *name, const char *text, size_t len) {
    Interp *in = new_session(o);
    if (!in) return EXIT_PROGRAM;
    Source *src = source_new(name, text, len);
    RunStatus st = interp_run(in, src, false);
    source_release(src);
    report_failed_checks(in);
    int status = status_of(in, st);
    interp_free(in);
    return status;
}

static int run_file(const Options *o, const char *path) {
    char *text;
    size_t len;
    char err[512];
    if (!file_read(path, &text, &len, err, sizeof err)) {
        fprintf(stderr, "mlm: %s\n", err);
        return EXIT_USAGE;
    }
    int status = run_text(o, path, text, len);
    free(text);
    return status;
}

static int run_stdin(const Options *o) {
    size_t cap = 4096, len = 0;
    char *text = malloc(cap);
    if (!text) return EXIT_PROGRAM;
    size_t n;
    while ((n = fread(text + len, 1, cap - len, stdin)) > 0) {
        len += n;
        if (len == cap) {
            cap *= 2;
            char *bigger = realloc(text, cap);
            if (!bigger) { free(text); fputs("mlm: out of memory reading stdin\n", stderr); return EXIT_PROGRAM; }
            text = bigger;
        }
    }
    size_t bad;
    if (memchr(text, '\0', len) || !file_valid_utf8(text, len, &bad)) {
        fputs("mlm: standard input is not UTF-8 text\n", stderr);
        free(text);
        return EXIT_USAGE;
    }
    int status = run_text(o, "<stdin>", text, len);
    free(text);
    return status;
}

/* --check FILE…: every file in a fresh session; a line per check; the summary last. Exit 2
 * when a file could not be read, else 1 when a check failed or a script stopped, else 0. */
/* The *.mlm files directly inside dir, sorted by name, appended to *paths (each a new malloc'd
 * string the caller frees). Returns false with a message on stderr when dir cannot be read or
 * holds no *.mlm file. */
static bool list_mlm_files(const char *dir, char ***paths, int *n, int *cap) {
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "mlm: --check: %s: cannot read the directory: %s\n", dir, strerror(errno));
        return false;
    }
    int first = *n;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);
        if (len < 5 || strcmp(e->d_name + len - 4, ".mlm") != 0 || e->d_name[0] == '.') continue;
        if (*n == *cap) {
            int bigger = *cap ? 2 * *cap : 16;
            char **grown = realloc(*paths, (size_t)bigger * sizeof **paths);
            if (!grown) break;
            *paths = grown;
            *cap = bigger;
        }
        size_t dlen = strlen(dir);
        bool slash = dlen > 0 && dir[dlen - 1] == '/';
        char *full = malloc(dlen + len + 2);
        if (!full) break;
        sprintf(full, "%s%s%s", dir, slash ? "" : "/", e->d_name);
        (*paths)[(*n)++] = full;
    }
    closedir(d);
    if (*n == first) {
        fprintf(stderr, "mlm: --check: %s: no .mlm files in this directory\n", dir);
        return false;
    }
    for (int i = first + 1; i < *n; i++) /* insertion sort: a directory holds few scripts */
        for (int j = i; j > first && strcmp((*paths)[j - 1], (*paths)[j]) > 0; j--) {
            char *t = (*paths)[j]; (*paths)[j] = (*paths)[j - 1]; (*paths)[j - 1] = t;
        }
    return true;
}

static bool is_directory(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int run_checks(Options *o) {
    int passed = 0, failed = 0, unreadable = 0;
    /* the files to run: each argument, a directory standing for its *.mlm files */
    char **paths = NULL;
    int npaths = 0, cap = 0;
    for (int i = o->first_file; i < o->argc; i++) {
        const char *arg = o->argv[i];
        if (is_directory(arg)) {
            if (!list_mlm_files(arg, &paths, &npaths, &cap)) unreadable++;
            continue;
        }
        if (npaths == cap) {
            cap = cap ? 2 * cap : 16;
            char **grown = realloc(paths, (size_t)cap * sizeof *paths);
            if (!grown) break;
            paths = grown;
        }
        paths[npaths++] = strdup(arg);
    }
    int status = EXIT_OK;
    for (int i = 0; i < npaths; i++) {
        const char *path = paths[i];
        char *text;
        size_t len;
        char err[512];
        if (!file_read(path, &text, &len, err, sizeof err)) {
            fprintf(stdout, "✗ %s  %s\n", path, err);
            failed++;
            unreadable++;
            continue;
        }
        Interp *in = new_session(o);
        if (!in) { free(text); status = EXIT_PROGRAM; break; }
        in->check_mode = true;
        Source *src = source_new(path, text, len);
        free(text);
        RunStatus st = interp_run(in, src, false);
        source_release(src);
        passed += in->checks.passed;
        failed += in->checks.failed;
        if (st == RUN_ERROR || st == RUN_ASSERT) {
            fprintf(stdout, "✗ %s  stopped by the error above\n", path);
            failed++;
        }
        bool interrupted = in->interrupt_seen;
        interp_free(in);
        if (interrupted) { status = EXIT_INTERRUPTED; break; }
    }
    for (int i = 0; i < npaths; i++) free(paths[i]);
    free(paths);
    if (status != EXIT_OK) return status;
    fflush(stderr);
    printf("%d passed, %d failed\n", passed, failed);
    /* an unreadable file is a usage error (exit 2), as for `mlm FILE`, even beside failed checks */
    return unreadable > 0 ? EXIT_USAGE : failed > 0 ? EXIT_PROGRAM : EXIT_OK;
}

static void *run(void *arg) {
    Options *o = arg;
    if (o->expr) {
        o->status = run_text(o, "<-e>", o->expr, strlen(o->expr));
    } else if (o->check) {
        o->status = run_checks(o);
    } else if (o->exercises) {
        Interp *in = new_session(o);
        if (!in) { o->status = EXIT_PROGRAM; return NULL; }
        o->status = exercises_run(in, o->argv[o->first_file]);
        interp_free(in);
    } else if (o->first_file < o->argc) {
        o->status = run_file(o, o->argv[o->first_file]);
    } else if (isatty(STDIN_FILENO)) {
        Interp *in = new_session(o);
        if (!in) { o->status = EXIT_PROGRAM; return NULL; }
        in->use_colour = colour_wanted(STDOUT_FILENO) && colour_wanted(STDERR_FILENO);
        if (isatty(STDOUT_FILENO)) repl_banner(stdout, MLM_VERSION);
        o->status = repl_run(in);
        interp_free(in);
    } else {
        o->status = run_stdin(o);
    }
    fflush(stdout);
    return NULL;
}

#ifndef EVAL_ON_THREAD
static Options *eval_options; /* run_switched's argument: makecontext passes only ints */

static void run_switched(void) { run(eval_options); }
#endif

/* "512M", "2G", "1e9", "100K" (sizes, powers of 1024) or a plain number. */
static bool parse_amount(const char *text, bool size, double *out) {
    char *end;
    double x = strtod(text, &end);
    if (end == text || isnan(x)) return false;
    if (size && *end) {
        const char *units = "KMGT";
        const char *u = strchr(units, toupper((unsigned char)*end));
        if (!u) return false;
        for (const char *k = units; k <= u; k++) x *= 1024;
        end++;
        if (*end == 'B' || *end == 'b') end++;
    }
    if (*end) return false;
    *out = x;
    return true;
}

static void on_alarm(int sig) {
    (void)sig;
    sigint_flag = 2; /* the evaluator reports "the time limit is over" */
}

int main(int argc, char **argv) {
    Options o = {argc, argv, NULL, false, false, argc, 0, 0, 0, 0, 0};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            return EXIT_OK;
        }
        if (strcmp(a, "--man") == 0) { /* mlm(1), from the help tables (make install) */
            manpage_write(stdout, MLM_VERSION, usage);
            return EXIT_OK;
        }
        if (strcmp(a, "--version") == 0) {
            printf("mlm %s\n", MLM_VERSION);
            return EXIT_OK;
        }
        if (strcmp(a, "-e") == 0) {
            if (i + 1 >= argc) { fputs("mlm: -e needs an expression\n", stderr); usage(stderr); return EXIT_USAGE; }
            o.expr = argv[++i];
            continue;
        }
        if (strcmp(a, "--check") == 0) { o.check = true; continue; }
        if (strcmp(a, "--exercises") == 0) { o.exercises = true; continue; }
        if (strcmp(a, "--memory-limit") == 0 || strcmp(a, "--max-depth") == 0 ||
            strcmp(a, "--max-nesting") == 0 || strcmp(a, "--timeout") == 0) {
            if (i + 1 >= argc) { fprintf(stderr, "mlm: %s needs a value\n", a); return EXIT_USAGE; }
            const char *v = argv[++i];
            double x;
            bool is_size = strcmp(a, "--memory-limit") == 0, is_time = strcmp(a, "--timeout") == 0;
            /* a depth is a whole number of calls or brackets, a size at least one byte, a
             * timeout at least a millisecond (setitimer would round less to "no timer") and
             * at most a year (larger values do not fit its time_t) */
            bool ok = parse_amount(v, is_size, &x);
            if (ok) ok = is_size ? x >= 1 : is_time ? x >= 0.001 && x <= 31536000 : x >= 1 && x == floor(x);
            if (!ok) {
                fprintf(stderr, "mlm: %s: '%s' is not %s\n", a, v,
                        is_size   ? "a positive size (like 512M or 2G)"
                        : is_time ? "a number of seconds from 0.001 to 31536000"
                                  : "a positive whole number");
                return EXIT_USAGE;
            }
            if (a[2] == 'm' && a[3] == 'e') o.memory_limit = x;
            else if (strcmp(a, "--max-depth") == 0) o.max_depth = x > 1e6 ? 1000000 : (int)x;
            else if (strcmp(a, "--max-nesting") == 0) o.max_nesting = x > 1e5 ? 100000 : (int)x;
            else o.timeout = x;
            continue;
        }
        if (a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, "mlm: unknown option '%s'\n", a);
            usage(stderr);
            return EXIT_USAGE;
        }
        o.first_file = i;
        break;
    }
    if (o.check && o.first_file >= argc) {
        fputs("mlm: --check needs at least one file\n", stderr);
        return EXIT_USAGE;
    }
    if (o.exercises && (o.check || o.expr || o.first_file + 1 != argc)) {
        fputs("mlm: --exercises needs one exercise file (and no --check or -e)\n", stderr);
        return EXIT_USAGE;
    }
    if (!o.check && !o.expr && o.first_file < argc && o.first_file + 1 < argc) {
        fprintf(stderr, "mlm: one script at a time (use --check to run several)\n");
        return EXIT_USAGE;
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    if (o.timeout > 0) {
        struct sigaction alarm_action;
        memset(&alarm_action, 0, sizeof alarm_action);
        alarm_action.sa_handler = on_alarm;
        sigemptyset(&alarm_action.sa_mask);
        sigaction(SIGALRM, &alarm_action, NULL);
        struct itimerval timer = {{0, 0}, {(time_t)o.timeout, (suseconds_t)((o.timeout - (double)(time_t)o.timeout) * 1e6)}};
        setitimer(ITIMER_REAL, &timer, NULL);
    }

    /* The evaluation thread's stack is mapped here with MAP_NORESERVE: letting pthreads map
     * and mprotect 512 MiB costs ~4 ms of kernel time at every start; untouched pages of
     * this mapping cost nothing. The lowest page is a guard. */
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    void *stack = mmap(NULL, EVAL_STACK_BYTES, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK, -1, 0);
    bool switched = false;
    if (stack != MAP_FAILED && mprotect(stack, page, PROT_NONE) == 0) {
        char *low = (char *)stack + page;
        size_t size = EVAL_STACK_BYTES - page;
#ifdef EVAL_ON_THREAD
        pthread_t thread;
        if (pthread_attr_setstack(&attr, low, size) == 0 && pthread_create(&thread, &attr, run, &o) == 0) {
            pthread_join(thread, NULL);
            switched = true;
        }
#else
        static ucontext_t main_context, eval_context;
        if (getcontext(&eval_context) == 0) {
            eval_context.uc_stack.ss_sp = low;
            eval_context.uc_stack.ss_size = size;
            eval_context.uc_link = &main_context;
            eval_options = &o;
            makecontext(&eval_context, run_switched, 0);
            interp_set_eval_stack(low, size);
            (void)VALGRIND_STACK_REGISTER(low, low + size);
            switched = swapcontext(&main_context, &eval_context) == 0;
        }
#endif
    }
    if (!switched) run(&o); /* no big stack: run on the main stack (the stack guard still applies) */
    pthread_attr_destroy(&attr);
    /* The stack is not unmapped: the process ends here and exit frees it. munmap after a
     * second thread has run flushes the other CPU's TLB by an interrupt, which waits for that
     * CPU on a shared VM (perf, 300 runs of `mlm -e 1+1`: munmap was ~9% of the start). */
    return o.status;
}
