#!/bin/sh
# run-errors.sh MLM — each tests/errors/NAME.mlm is run with MLM; its standard error and
# exit status must equal NAME.err and the status in NAME.status (default 1). NAME.args, when
# present, holds options given before the file (e.g. --timeout 0.2). With SKIP=EXT in the
# environment, a test that has a NAME.EXT file (saying why) is skipped: the ASan run skips
# those marked .asan-skip. A NAME.argv file replaces the command line altogether (no script
# name is added) and NAME.mlm becomes standard input: for errors in the options themselves. Ends with "errors: N passed, N failed" (and ", N skipped").
mlm=$1
# the tests run inside tests/errors, so a relative path to mlm is made absolute first
case $mlm in /*) ;; */*) mlm=$(pwd)/$mlm ;; esac
dir=$(dirname "$0")/errors
passed=0; failed=0; skipped=0
for t in "$dir"/*.mlm; do
  [ -e "$t" ] || continue
  base=${t%.mlm}
  if [ -n "$SKIP" ] && [ -f "$base.$SKIP" ]; then skipped=$((skipped + 1)); continue; fi
  want_status=1
  [ -f "$base.status" ] && want_status=$(cat "$base.status")
  args=
  [ -f "$base.args" ] && args=$(cat "$base.args")
  if [ -f "$base.argv" ]; then
    # the whole command line is in NAME.argv and NAME.mlm is standard input
    argv=$(cat "$base.argv")
    # shellcheck disable=SC2086 # split on purpose
    got=$(cd "$dir" && NO_COLOR=1 "$mlm" $argv <"$(basename "$t")" 2>&1 >/dev/null)
  else
    # shellcheck disable=SC2086 # args are split on purpose
    got=$(cd "$dir" && NO_COLOR=1 "$mlm" $args "$(basename "$t")" 2>&1 >/dev/null)
  fi
  status=$?
  if [ "$got" = "$(cat "$base.err")" ] && [ "$status" = "$want_status" ]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL $t (exit $status, expected $want_status)"
    printf '%s\n' "$got" | diff "$base.err" - | head -20
  fi
done
if [ "$skipped" -gt 0 ]; then echo "errors: $passed passed, $failed failed, $skipped skipped"
else echo "errors: $passed passed, $failed failed"; fi
[ "$failed" -eq 0 ]
