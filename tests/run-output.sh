#!/bin/sh
# run-output.sh MLM — golden output tests: each tests/output/NAME.mlm is run with MLM (inside
# tests/output, NO_COLOR=1, MLM_PLOT_SIZE unset unless NAME.env sets variables); its standard
# output must equal NAME.out byte for byte and its exit status NAME.status (default 0).
# What mlm prints is the product: formulas, explanations, LaTeX, tables and plots are pinned
# here exactly. Ends with "output: N passed, N failed".
mlm=$1
case $mlm in /*) ;; */*) mlm=$(pwd)/$mlm ;; esac
dir=$(dirname "$0")/output
passed=0; failed=0
tmp=$(mktemp "${TMPDIR:-/tmp}/mlm-output.XXXXXX")
trap 'rm -f "$tmp"' EXIT
for t in "$dir"/*.mlm; do
  [ -e "$t" ] || continue
  base=${t%.mlm}
  want_status=0
  [ -f "$base.status" ] && want_status=$(cat "$base.status")
  envs=
  [ -f "$base.env" ] && envs=$(cat "$base.env")
  # shellcheck disable=SC2086 # NAME.env holds VAR=value words
  (cd "$dir" && env NO_COLOR=1 $envs "$mlm" "$(basename "$t")" >"$tmp" 2>/dev/null)
  status=$?
  if cmp -s "$tmp" "$base.out" && [ "$status" = "$want_status" ]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL $t (exit $status, expected $want_status)"
    diff "$base.out" "$tmp" | head -20
  fi
done
echo "output: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
