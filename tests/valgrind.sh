#!/bin/sh
# valgrind.sh MLM UNIT — runs MLM under valgrind memcheck over every tests/errors/*.mlm,
# tests/scripts/*.mlm, samples/*.mlm and samples/exercises/*.mlm (each file in its own
# process, error tests from their directory as run-errors.sh runs them), then the unit-test
# binary UNIT with CK_FORK=no so the tests run inside the process valgrind watches.
# Prints "valgrind: N files clean" or each failing file with valgrind's report; exits 1 on
# any failure. Called by `make valgrind` (part of `make check`). Reports are kept in
# valgrind-logs/ beside MLM.
#
# Only memcheck errors and definite leaks count (--errors-for-leak-kinds=definite): OpenBLAS
# keeps its thread pool's buffers to the end, which memcheck may call "possibly lost".
# The exit status of mlm itself is not checked here (error tests exit 1 on purpose; run-errors.sh
# checks it), so valgrind reports through --error-exitcode=99 instead of 1.
# So far OpenBLAS leaves nothing worse than "still reachable", so there is no
# tests/valgrind.supp; if one is needed, keep it scoped to libopenblas (obj:*libopenblas*).
# NAME.args beside an error test holds its options (e.g. --timeout 0.2), NAME.argv a whole
# command line with NAME.mlm as standard input, as in run-errors.sh.
# Files run in parallel, one per CPU (VALGRIND_JOBS=N to change).
mlm=$(realpath "$1")
unit=$(realpath "$2")
top=$(cd "$(dirname "$0")/.." && pwd)
jobs=${VALGRIND_JOBS:-$(nproc 2>/dev/null || echo 2)}
supp=""
[ -f "$top/tests/valgrind.supp" ] && supp="--suppressions=$top/tests/valgrind.supp"
logs=$(dirname "$mlm")/valgrind-logs
rm -rf "$logs" && mkdir -p "$logs" || exit 2

# one file: runs it from its directory; leaves LOG.fail with the report when valgrind finds
# something or the run does not end within 300 s
export mlm supp logs top
run_one='
  f=$1
  log="$logs/$(echo "$f" | tr "/" "_")"
  args="$(basename "$f")" input=/dev/null
  [ -f "${f%.mlm}.args" ] && args="$(cat "${f%.mlm}.args") $args"
  [ -f "${f%.mlm}.argv" ] && args=$(cat "${f%.mlm}.argv") && input=$(basename "$f")
  cd "$(dirname "$f")" || exit 0
  NO_COLOR=1 OPENBLAS_NUM_THREADS=2 timeout 300 valgrind -q --error-exitcode=99 --leak-check=full \
    --errors-for-leak-kinds=definite --show-leak-kinds=definite $supp \
    "$mlm" $args <"$input" >/dev/null 2>"$log"
  case $? in
    99) { echo "${f#"$top/"}"; cat "$log"; } >"$log.fail" ;;
    124) { echo "${f#"$top/"} (still running after 300 s)"; cat "$log"; } >"$log.fail" ;;
  esac
  exit 0'

# glibc frees a thread stack larger than its 40 MiB cache at pthread_join, and memcheck
# spends ~1.5 s re-marking each new 512 MiB stack (main.c and the unit tests' sessions run
# on one): keeping freed stacks cached makes the unit tests 8 s instead of 8 minutes.
export GLIBC_TUNABLES=glibc.pthread.stack_cache_size=1073741824

# the unit tests, in-process, beside the files
(CK_FORK=no CK_VERBOSITY=silent OPENBLAS_NUM_THREADS=2 valgrind -q --error-exitcode=99 \
    --leak-check=full --errors-for-leak-kinds=definite --show-leak-kinds=definite $supp \
    "$unit" >"$logs/unit" 2>&1; echo $? >"$logs/unit.status") &
unit_pid=$!

cd "$top" || exit 2
files=$(ls tests/errors/*.mlm tests/scripts/*.mlm samples/*.mlm samples/roadmap/*.mlm samples/exercises/*.mlm 2>/dev/null)
n=$(printf '%s\n' "$files" | grep -c .)
printf '%s\n' "$files" | sed "s|^|$top/|" | xargs -P "$jobs" -I{} sh -c "$run_one" sh {}

failed=0
for log in "$logs"/*.fail; do
  [ -e "$log" ] || continue
  failed=$((failed + 1))
  echo "valgrind: FAIL $(head -1 "$log")"
  grep '^==' "$log" | head -40
done
unit_failed=0

wait "$unit_pid"
if [ "$(cat "$logs/unit.status")" -ne 0 ]; then
  unit_failed=1
  echo "valgrind: FAIL $2 (CK_FORK=no, exit $(cat "$logs/unit.status"))"
  head -60 "$logs/unit"
fi

if [ "$failed" -eq 0 ] && [ "$unit_failed" -eq 0 ]; then
  echo "valgrind: $n files clean (and the unit tests)"
else
  echo "valgrind: $failed of $n files failed$([ "$unit_failed" -eq 1 ] && echo ', the unit tests failed')"
  exit 1
fi
