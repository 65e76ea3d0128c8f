/* startup.c — a benchmark, not a test: time from fork to the first `mlm> ` on a pseudo-
 * terminal, with a tiny launcher so the launcher's own start-up does not count.
 *
 *   cc -O2 -o build/repl-startup tests/repl/startup.c -lutil
 *   build/repl-startup build/mlm [runs [args…]]   (prints median and best)
 *
 * With args, mlm runs with them and the clock stops at the first "mlm>" it prints, so
 * `build/repl-startup build/mlm 40 -e 'print("mlm>")'` is the same launch without the
 * prompt, for comparison.
 * HOME and XDG_STATE_HOME point at STARTUP_HOME (default /tmp) so no personal history is
 * read: `make bench` puts a 1000-line history there. MLM_HISTORY is left alone (set it
 * empty to compare without a history file). */
#define _GNU_SOURCE
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int compare(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s path/to/mlm [runs]\n", argv[0]);
        return 2;
    }
    int runs = argc > 2 ? atoi(argv[2]) : 30;
    if (runs < 1 || runs > 10000) runs = 30;
    double *times = calloc((size_t)runs, sizeof *times);
    if (!times) return 1;
    const char *home = getenv("STARTUP_HOME") ? getenv("STARTUP_HOME") : "/tmp";
    setenv("HOME", home, 1);
    setenv("XDG_STATE_HOME", home, 1);
    setenv("INPUTRC", "/dev/null", 1);
    for (int i = 0; i < runs; i++) {
        int fd;
        double t0 = now_ms();
        pid_t pid = forkpty(&fd, NULL, NULL, NULL);
        if (pid < 0) { perror("forkpty"); return 1; }
        if (pid == 0) {
            char **args = argc > 3 ? argv + 2 : (char *[]){argv[1], NULL};
            if (argc > 3) args[0] = argv[1];
            execv(argv[1], args);
            _exit(127);
        }
        char buf[4096];
        size_t have = 0;
        for (;;) {
            struct pollfd p = {fd, POLLIN, 0};
            if (poll(&p, 1, 10000) <= 0) { fprintf(stderr, "no prompt\n"); return 1; }
            ssize_t n = read(fd, buf + have, sizeof buf - 1 - have);
            if (n <= 0) { fprintf(stderr, "no prompt\n"); return 1; }
            have += (size_t)n;
            buf[have] = '\0';
            if (strstr(buf, "mlm> ") || strstr(buf, "mlm>")) break;
            if (have > sizeof buf - 64) have = 0;
        }
        times[i] = now_ms() - t0;
        kill(pid, SIGKILL);
        waitpid(pid, NULL, 0);
        close(fd);
    }
    qsort(times, (size_t)runs, sizeof *times, compare);
    printf("start-up to first prompt: median %.1f ms, best %.1f ms (%d runs)\n",
           times[runs / 2], times[0], runs);
    free(times);
    return 0;
}
