#!/bin/sh
# tests/repl/exercises.sh — `mlm --exercises FILE` in a real terminal (a private tmux server):
# a right answer, a wrong answer then a hint, an answer that is an error (its caret; the
# question stays open), Ctrl-C (progress kept, exit 130), a restart that skips what was solved
# and ends with the score, and a corrupt progress file (kept as .corrupt, started afresh).
#
# usage: sh tests/repl/exercises.sh [path/to/mlm]   prints `exercises: N passed, N failed` last

MLM=${1:-build/mlm}
NAME=exercises
. "$(dirname "$0")/common.sh"
TRIES=$((TIMEOUT * 20))

mkdir -p "$TMP/work" "$TMP/state"
cat > "$TMP/work/ex.mlm" <<'EOX'
x = [1, 2, 3, 4]
#? What is the sum of x = [1, 2, 3, 4]?
#answer 1 + 2 + 3 + 4 = 10
answer = sum(x)
check answer ≈ 10 within 1e-9

#? What is the mean of x?
#hint Divide the sum by n = 4.
#answer 10 / 4 = 2.5
answer = mean(x)
check answer ≈ sum(x) / 4 within 1e-9
EOX

start() {
    rm -f "$TMP/status.$1"
    cmd="cd '$TMP/work' && env -u NO_COLOR -u MLM_PROGRESS HOME='$TMP' XDG_STATE_HOME='$TMP/state' \
INPUTRC=/dev/null LC_ALL=C.UTF-8 TERM=screen '$MLM' --exercises ex.mlm; echo \$? > '$TMP/status.$1'; sleep 120"
    if T has-session -t t 2>/dev/null; then T new-window -d -t t -n "$1" "$cmd"
    else T new-session -d -x 120 -y 40 -s t -n "$1" "$cmd"; fi
    # the shell sleeps after mlm ends, so the window (and its screen) stays for the checks
}
screen() { T capture-pane -p -J -t "t:$1" | sed 's/[[:space:]]*$//'; }
# has WINDOW TEXT: polls until TEXT is on the screen
has() {
    n=0
    while [ $n -lt $TRIES ]; do
        case "$(screen "$1")" in *"$2"*) return 0 ;; esac
        n=$((n + 1)); sleep 0.05
    done
    return 1
}
# count WINDOW TEXT N: polls until TEXT is on the screen N times
count() {
    n=0
    while [ $n -lt $TRIES ]; do
        [ "$(screen "$1" | grep -cF -- "$2")" -ge "$3" ] && return 0
        n=$((n + 1)); sleep 0.05
    done
    return 1
}
dead() {
    n=0
    while [ ! -s "$TMP/status.$1" ]; do
        [ $n -ge $TRIES ] && return 1
        n=$((n + 1)); sleep 0.05
    done
}
enter() { T send-keys -t "t:$1" -l -- "$2" \; send-keys -t "t:$1" Enter; }
check() {
    name=$1 win=$2
    shift 2
    if "$@"; then
        passed=$((passed + 1))
        [ -n "$REPL_TEST_VERBOSE" ] && echo "✓ exercises: $name"
    else
        failed=$((failed + 1))
        echo "✗ exercises: $name"
        screen "$win" | grep -v '^$' | tail -n 12 | sed 's/^/    | /'
    fi
    return 0
}

# ---- the first session: right, wrong + hint, an error, Ctrl-C
start s1
check "the first question is asked" s1 has s1 "What is the sum of x"
check "an answer prompt" s1 count s1 "answer>" 1
enter s1 "Σ x"
check "a right answer is ✓" s1 has s1 "✓ right"
check "the next question follows" s1 has s1 "What is the mean of x?"
enter s1 "sum(x)"
check "a wrong answer is ✗ with the slip it shows" s1 has s1 "✗ not yet: got is n × expected (n = 4): a sum where a mean was expected?"
enter s1 "hint"
check "hint gives the hint" s1 has s1 "hint: Divide the sum by n = 4."
enter s1 "mean(x"
check "an answer that is an error shows its caret" s1 has s1 "answer:1:5: error:"
check "… and the question stays open" s1 has s1 "that is an error (above): the question stays open"
T send-keys -t "t:s1" -l -- "2.4"
T send-keys -t "t:s1" C-c
check "Ctrl-C says the progress is kept" s1 has s1 "stopped: your progress is kept in $TMP/state/mlm/progress"
check "Ctrl-C exits 130" s1 dead s1
check "… with status 130" s1 [ "$(cat "$TMP/status.s1" 2>/dev/null)" = 130 ]
check "the progress file holds the solved question" s1 grep -q "^solved	$TMP/work/ex.mlm	" "$TMP/state/mlm/progress"
check "no temporary file is left" s1 [ -z "$(ls "$TMP/state/mlm" | grep tmp)" ]

# ---- a restart: the solved question is skipped, the other asked; the score at the end
start s2
check "the restart counts what was solved" s2 has s2 "2 questions, 1 solved in an earlier session."
check "the solved question is not asked again" s2 has s2 "✓ 1. solved in an earlier session"
check "the open question is asked" s2 has s2 "What is the mean of x?"
enter s2 "(1 + 2 + 3 + 4) / 4"
check "right" s2 has s2 "✓ right"
check "the score" s2 has s2 "Score: 2 of 2 solved (1 this session, 1 before)."
check "the session ends by itself" s2 dead s2
check "… with status 0" s2 [ "$(cat "$TMP/status.s2" 2>/dev/null)" = 0 ]

# ---- a corrupt progress file: kept as .corrupt, a fresh start, said so
printf 'not a progress file\n' > "$TMP/state/mlm/progress"
start s3
check "a corrupt progress file is reported" s3 has s3 "is not one mlm wrote (line 1); kept it as $TMP/state/mlm/progress.corrupt and started afresh"
check "… and asked afresh" s3 has s3 "What is the sum of x"
enter s3 "skip"
enter s3 "answer"
check "answer shows the worked answer" s3 has s3 "10 / 4 = 2.5"
check "the score of a fresh start" s3 has s3 "Score: 0 of 2 solved; 1 worked answer shown, 1 skipped."
check "the corrupt copy is kept" s3 grep -q "not a progress file" "$TMP/state/mlm/progress.corrupt"

echo "exercises: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
