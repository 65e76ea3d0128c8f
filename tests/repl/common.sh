# tests/repl/common.sh — sourced by the terminal tests (run.sh, exercises.sh) after setting
# NAME (the label of their summary line) and MLM: fails when tmux is missing (never a silent
# pass: `make deps` installs it), makes MLM absolute, and sets up a private tmux server
# (T …), a temporary directory TMP removed at exit, and the counters passed / failed.
if ! command -v tmux >/dev/null 2>&1; then
    echo "$NAME: tmux is not installed ('make deps' installs it): the terminal tests cannot run"
    echo "$NAME: 0 passed, 1 failed"
    exit 1
fi
case $MLM in /*) ;; *) MLM=$(pwd)/$MLM ;; esac
[ -x "$MLM" ] || { echo "$NAME: no binary at $MLM"; exit 1; }

TMP=$(mktemp -d "${TMPDIR:-/tmp}/mlm-$NAME.XXXXXX")
SOCK="mlm-$NAME-$$"
TIMEOUT=${REPL_TEST_TIMEOUT:-10}
passed=0
failed=0

T() { tmux -L "$SOCK" -f /dev/null "$@"; }
cleanup() { T kill-server >/dev/null 2>&1; rm -rf "$TMP"; }
trap cleanup EXIT
trap 'exit 130' INT TERM
