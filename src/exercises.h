/* exercises.h — exercise files and `mlm --exercises FILE`, the interactive practice mode.
 *
 * An exercise file is an mlm script that `mlm --check` runs as it is. Inside it, an exercise
 * is a block:
 *
 *     #? the question (several #? lines make one question)
 *     #hint a hint (several #hint lines: shown one at a time)
 *     #answer the worked answer (several #answer lines are joined)
 *     answer = …                          the reference answer (skipped by --exercises)
 *     check answer ≈ expected within tol  ends the exercise
 *
 * Code outside the blocks sets up variables; --exercises runs it in order before each
 * question. Progress is kept in $XDG_STATE_HOME/mlm/progress (else
 * ~/.local/state/mlm/progress; MLM_PROGRESS=FILE overrides), rewritten atomically. */
#ifndef MLM_EXERCISES_H
#define MLM_EXERCISES_H
#include <stdbool.h>
#include <stddef.h>

#include "interp.h"

typedef struct Exercise {
    int line;             /* the first #? line (1-based) */
    char *question;       /* owned: the #? lines joined with '\n' */
    char **hints;         /* owned: nhints strings */
    int nhints;
    char *worked;         /* owned: the #answer lines joined with '\n' */
    int setup_first;      /* the set-up code before this exercise: lines [setup_first, line) */
    int check_line;       /* the closing `check answer …` line */
    char *check_text;     /* owned: that line's text */
    char key[17];         /* 16 hex digits of the question's FNV-1a hash: its name in the progress file */
} Exercise;

typedef struct ExerciseSet {
    Exercise *items;      /* owned: n exercises in file order */
    int n;
} ExerciseSet;

/* Parses the exercise blocks of text (the file named name). On a malformed block returns
 * false with "name:line: message" in err; a file without exercises is malformed too. */
bool exercises_parse(const char *name, const char *text, size_t len, ExerciseSet *out,
                     char *err, size_t errsize);
void exercises_free(ExerciseSet *set);

/* `mlm --exercises path` in the session in: asks every exercise not solved before, reading
 * answers from the terminal (readline) or stdin. Returns the exit status: 0, 1 for a
 * malformed file or failed set-up, 2 for an unreadable file, 130 after Ctrl-C. */
int exercises_run(Interp *in, const char *path);

#endif
