#!/bin/sh
# tests/repl/run.sh — types into the real mlm prompt inside a private tmux server and checks
# what the screen shows: completion, \Sigma → Σ, the continuation prompt, an error caret,
# Ctrl-C (at the prompt and during a running loop), Ctrl-D, history across a restart and
# between two concurrent sessions, MLM_HISTORY, and colour.
#
# usage: sh tests/repl/run.sh [path/to/mlm]      prints `repl: N passed, N failed` last
#
# Every wait polls the screen (capture-pane) until the text appears or a generous timeout
# passes, so a slow or loaded machine makes it slower, not flaky. Set REPL_TEST_VERBOSE=1
# to see each check.

MLM=${1:-build/mlm}
NAME=repl
. "$(dirname "$0")/common.sh"

mkdir -p "$TMP/work/data" "$TMP/home" "$TMP/state"
printf 'from_lib = 5\n' > "$TMP/work/lib1.mlm"
printf 'x,y\n1,2\n' > "$TMP/work/data/points.csv"

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# start WINDOW [VAR=value…]: a fresh mlm in a new window (session `t` is created first).
start() {
    win=$1
    shift
    rm -f "$TMP/status.$win"
    cmd="cd '$TMP/work' && env -u NO_COLOR -u MLM_HISTORY HOME='$TMP/home' \
XDG_STATE_HOME='$TMP/state' INPUTRC=/dev/null LC_ALL=C.UTF-8 TERM=screen $* '$MLM'; echo \$? > '$TMP/status.$win'"
    if T has-session -t t 2>/dev/null; then
        T new-window -d -t t -n "$win" "$cmd"
    else
        T new-session -d -x 100 -y 40 -s t -n "$win" "$cmd"
    fi
    T set-option -t t remain-on-exit on >/dev/null
}

# The screen of WINDOW, trailing blanks removed (readline pads lines it shortened).
screen() { T capture-pane -p -J -t "t:$1" | sed 's/[[:space:]]*$//'; }

NL='
'
# polls: TIMEOUT seconds at 50 ms a try (longer when the machine is slow: never shorter)
TRIES=$((TIMEOUT * 20))

# wait_for WINDOW KIND TEXT: KIND is `has` (a substring of the screen) or `line` (a whole
# line); polls until it appears or the tries run out.
wait_for() {
    n=0
    while [ $n -lt $TRIES ]; do
        s="$NL$(screen "$1")$NL"
        if [ "$2" = line ]; then
            case $s in *"$NL$3$NL"*) return 0 ;; esac
        else
            case $s in *"$3"*) return 0 ;; esac
        fi
        n=$((n + 1))
        sleep 0.05
    done
    return 1
}

# wait_prompt WINDOW: the last line is an empty prompt.
wait_prompt() {
    n=0
    while [ $n -lt $TRIES ]; do
        [ "$(screen "$1" | grep -v '^$' | tail -n 1)" = "mlm>" ] && return 0
        n=$((n + 1))
        sleep 0.05
    done
    return 1
}

# wait_accepted WINDOW TEXT: the line TEXT was accepted (the cursor left it for column 0
# of the next line), so the entry is now running.
wait_accepted() {
    n=0
    while [ $n -lt $TRIES ]; do
        case "$NL$(screen "$1")$NL" in
        *"${NL}mlm> $2$NL"*)
            [ "$(T display-message -p -t "t:$1" '#{cursor_x}')" = 0 ] && return 0 ;;
        esac
        n=$((n + 1))
        sleep 0.05
    done
    return 1
}

# wait_dead WINDOW: mlm has exited; its status is in $TMP/status.WINDOW (written by the
# shell that started it: tmux itself may be slow to reap a pane's process).
wait_dead() {
    n=0
    while [ ! -s "$TMP/status.$1" ]; do
        [ $n -ge $TRIES ] && return 1
        n=$((n + 1))
        sleep 0.05
    done
}

type_text() { T send-keys -t "t:$1" -l -- "$2"; }
key() { w=$1; shift; T send-keys -t "t:$w" "$@"; }
enter() { T send-keys -t "t:$1" -l -- "$2" \; send-keys -t "t:$1" Enter; }
# A clean screen for the next check (readline's clear-screen redraws the prompt).
fresh() { T send-keys -t "t:$1" C-l \; clear-history -t "t:$1"; wait_prompt "$1"; }

ok() {
    passed=$((passed + 1))
    [ -n "$REPL_TEST_VERBOSE" ] && echo "✓ repl: $1"
    return 0
}
fail() {
    failed=$((failed + 1))
    echo "✗ repl: $1"
    [ -n "$2" ] && screen "$2" | grep -v '^$' | tail -n 12 | sed 's/^/    | /'
    return 0
}
# check NAME WINDOW COMMAND…: one assertion.
check() {
    name=$1 win=$2
    shift 2
    if "$@"; then ok "$name"; else fail "$name" "$win"; fi
}

# {===================== session 1: editing, completion, multi-line, errors, Ctrl-C

start a NO_COLOR=1
check "the prompt appears" a wait_prompt a
check "a one-line banner names the version, help, ?name and \\Sigma Tab" a \
    wait_for a has "help lists everything, ?name explains one, \\Sigma⇥ types Σ."

fresh a
enter a "?norm"
check "?name at the start of a line is help" a wait_for a has "norm(x, p = 2) — vector p-norm"
wait_prompt a
fresh a
enter a "help @"
check "help @ explains the matrix product" a wait_for a has "A @ B — the matrix product"
wait_prompt a
fresh a
enter a '\frac{1}{'
check "an open LaTeX group shows the continuation prompt" a wait_for a line "..."
enter a "4}"
check "the LaTeX entry ran" a wait_for a line "0.25"
wait_prompt a
fresh a
type_text a '\mathbb{R}'; key a Tab
check '\mathbb{R} then Tab becomes ℝ' a wait_for a line "mlm> ℝ"
key a C-u

type_text a "sq"; key a Tab
check "Tab completes a builtin (sq → sqrt)" a wait_for a line "mlm> sqrt"
enter a "(16)"
check "sqrt(16) runs" a wait_for a line "4"

fresh a
enter a "learning_rate = 0.5"
wait_prompt a
type_text a "learn"; key a Tab
check "Tab completes a user's name" a wait_for a line "mlm> learning_rate"
key a C-u

fresh a
type_text a '\Sigma'; key a Tab
check '\Sigma then Tab becomes Σ' a wait_for a line "mlm> Σ"
enter a "_{i=1}^{4} i"
check "Σ_{i=1}^{4} i runs" a wait_for a line "10"

fresh a
type_text a '\hat{y}'; key a Tab
check '\hat{y} then Tab becomes ŷ' a wait_for a line "mlm> ŷ"
enter a " = 7"
wait_prompt a
enter a "ŷ + 1"
check "ŷ is a name" a wait_for a line "8"

fresh a
enter a "total = 0"
wait_prompt a
enter a "for i in 1..4 {"
check "an open block shows the continuation prompt" a wait_for a line "..."
enter a "  total = total + i"
wait_for a line "...   total = total + i"
enter a "}"
wait_prompt a
enter a "total"
check "the multi-line entry ran" a wait_for a line "10"

fresh a
enter a "[1, 2"
wait_for a line "..."
key a Enter
check "a blank line abandons an unfinished entry" a wait_prompt a

fresh a
enter a "(1 +"
wait_for a line "..."
key a C-c
check "Ctrl-C at the continuation prompt abandons the entry" a wait_prompt a

fresh a
type_text a '\var'; key a Tab
check "Tab lists the choices when they share no more than typed" a wait_for a has '\varepsilon  \varphi'
key a C-u

fresh a
enter a "1 + * 2"
check "a syntax error shows the message" a wait_for a has "error:"
check "… and a caret under the typed line" a wait_for a line "      ^"
check "… and the prompt comes back" a wait_prompt a

fresh a
type_text a "garbage"
wait_for a line "mlm> garbage"
key a C-c
check "Ctrl-C at the prompt shows ^C" a wait_for a line "mlm> garbage^C"
enter a "6 * 7"
check "… and discards the half-typed line" a wait_for a line "42"

interrupt_check() { # interrupt_check WHAT: run WHAT, Ctrl-C it, time the stop
    fresh a
    enter a "kept = 17"
    wait_prompt a
    enter a "$1"
    if ! wait_accepted a "$1"; then fail "$1 started" a; return; fi
    sleep 0.2
    t0=$(now_ms)
    key a C-c
    if wait_for a has "error: interrupted"; then
        ms=$(( $(now_ms) - t0 ))
        if [ "$ms" -le 2000 ]; then ok "Ctrl-C stops $1 (seen after ${ms} ms)"
        else fail "Ctrl-C stops $1 quickly (took ${ms} ms)" a; fi
        [ -n "$REPL_TEST_VERBOSE" ] && echo "  (Ctrl-C → 'interrupted' on screen: ${ms} ms, screen polled every 50 ms)"
    else
        fail "Ctrl-C stops $1" a
        return
    fi
    wait_prompt a
    enter a "kept"
    check "… and the variables are kept" a wait_for a line "17"
}
interrupt_check "while 1 { }"
interrupt_check "sum(i, 1, 1e10, i)"

fresh a
type_text a 'import "li'; key a Tab
check "Tab completes a file name in import \"…\"" a wait_for a line 'mlm> import "lib1.mlm"'
key a Enter
wait_prompt a
enter a "from_lib"
check "… and the import runs" a wait_for a line "5"

fresh a
type_text a 'import "da'; key a Tab
check "Tab completes a directory in import \"…\"" a wait_for a line 'mlm> import "data/'
key a C-u

key a C-d
check "Ctrl-D exits" a wait_dead a
status=$(cat "$TMP/status.a" 2>/dev/null)
check "… with status 0 (got '$status')" a [ "$status" = 0 ]
HIST="$TMP/state/mlm/history"
check "history is saved in \$XDG_STATE_HOME/mlm/history" a grep -qxF "sqrt(16)" "$HIST"
check "a multi-line entry is saved as one entry" a grep -qxF 'for i in 1..4 {\n  total = total + i\n}' "$HIST"
check "a discarded line is not saved" a sh -c "! grep -q garbage '$HIST'"

# }=====================

# {===================== session 2: history after a restart, Ctrl-R, colour

start b
wait_prompt b
key b Up
check "after a restart, Up recalls the last entry" b wait_for b line "mlm> from_lib"
key b C-u
key b C-r
type_text b "i=1"
check "Ctrl-R searches the history" b wait_for b has "(reverse-i-search)\`i=1': Σ_{i=1}^{4} i"
key b Enter
check "… and Enter runs the entry found" b wait_for b line "10"
wait_prompt b
check "the prompt is coloured on a terminal" b sh -c "T() { tmux -L '$SOCK' -f /dev/null \"\$@\"; }; \
T capture-pane -p -e -t t:b | grep 'mlm>' | tail -n 1 | grep -q \"\$(printf '\\033')\""

# Two sessions at once: both entries end up in the file.
start c
wait_prompt c
enter b "from_b = 1"
enter c "from_c = 2"
wait_prompt b
wait_prompt c
key b C-d
key c C-d
wait_dead b
wait_dead c
check "two concurrent sessions both keep their entries" b \
    sh -c "grep -qxF 'from_b = 1' '$HIST' && grep -qxF 'from_c = 2' '$HIST' && grep -qxF 'sqrt(16)' '$HIST'"

# }=====================

# {===================== MLM_HISTORY

before=$(cksum < "$HIST")
start d MLM_HISTORY=
wait_prompt d
enter d "not_saved = 1"
wait_prompt d
key d C-d
wait_dead d
check "MLM_HISTORY= (empty) turns history off" d [ "$(cksum < "$HIST")" = "$before" ]

start e "MLM_HISTORY='$TMP/custom_history'"
wait_prompt e
enter e "saved_here = 1"
wait_prompt e
key e C-d
wait_dead e
check "MLM_HISTORY=path chooses the file" e grep -qxF "saved_here = 1" "$TMP/custom_history"

# }=====================

echo "repl: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
