#!/bin/sh
# run.sh FUZZ_DIR SECONDS NAME… — runs each libFuzzer harness FUZZ_DIR/fuzz_NAME (parse, eval,
# entries, …) for SECONDS, then prints per harness the executions run and the crashes, timeouts, leaks
# and out-of-memory inputs it saved. Called by `make fuzz` (see tests/fuzz/README.md).
#
# Corpora live in FUZZ_DIR/corpus-NAME and grow from run to run; the seeds are copied in
# each time: every *.mlm under tests/ and samples/, whole and split at blank lines. Inputs
# that failed are saved in FUZZ_DIR/artifacts/NAME/ (crash-*, timeout-*, leak-*, oom-*);
# rerun one with `FUZZ_DIR/fuzz_NAME FILE`. Exits 1 when this run saved any.
set -u
dir=$1
seconds=${2:-60}
shift 2
names=${*:-parse eval}
top=$(pwd)
for name in $names; do
  [ -x "$dir/fuzz_$name" ] || { echo "run.sh: build the harnesses first (make fuzz): no $dir/fuzz_$name"; exit 2; }
done

# one seed file per script and per blank-line-separated paragraph of it
seed() {
  corpus=$1
  mkdir -p "$corpus"
  for f in $(find tests samples -name '*.mlm' | sort); do
    base=$(echo "$f" | tr '/' '_')
    cp "$f" "$corpus/seed_$base"
    awk -v out="$corpus/seed_${base}_" 'BEGIN { n = 0 }
      /^[ \t]*$/ { if (buf != "") { print buf > (out n); close(out n); n++; buf = "" } next }
      { buf = buf $0 "\n" }
      END { if (buf != "") print buf > (out n) }' "$f"
  done
  # hand-written seeds (tests/fuzz/seeds/NAME-*): entries separated by form feeds
  for f in tests/fuzz/seeds/"$2"-*; do [ -f "$f" ] && cp "$f" "$corpus/"; done
}

# the harness reads imports relative to its working directory: give it one file to import
mkdir -p "$dir/work"
printf 'imported = 42\nsq(x) = x^2\n' > "$dir/work/lib.mlm"

export OPENBLAS_NUM_THREADS=1
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=1:allocator_may_return_null=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
status=0
marker="$dir/.run-started"
touch "$marker"
for name in $names; do
  corpus="$top/$dir/corpus-$name"
  dict="-dict=$top/tests/fuzz/mlm.dict"
  if [ "$name" = csv ]; then
    # the CSV reader's seeds: the test data and sample files, behind an options byte of 0
    mkdir -p "$corpus"
    for f in tests/data/* samples/*.csv; do
      { printf '\0'; cat "$f"; } > "$corpus/seed_$(echo "$f" | tr '/' '_')"
    done
    dict=
  else
    seed "$corpus" "$name"
  fi
  artifacts="$top/$dir/artifacts/$name"
  mkdir -p "$artifacts"
  log="$top/$dir/fuzz-$name.log"
  echo "fuzz_$name: ${seconds}s, corpus $(ls "$corpus" | wc -l) inputs, log $dir/fuzz-$name.log"
  # -fork=1 with -ignore_*: keep fuzzing after a finding, so one run can save several.
  (cd "$dir/work" && "$top/$dir/fuzz_$name" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -max_len=4096 $dict -artifact_prefix="$artifacts/" \
      -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
      -print_final_stats=1 "$corpus") >"$log" 2>&1
  execs=$(sed -n 's/^#\([0-9]*\):* .*exec\/s.*/\1/p; s/^#\([0-9]*\)[[:space:]]*DONE.*/\1/p' "$log" | tail -1)
  found=$(find "$artifacts" -type f -newer "$marker" | sort)
  n=$(printf '%s' "$found" | grep -c . || true)
  echo "fuzz_$name: ${execs:-?} executions, $(ls "$corpus" | wc -l) corpus inputs, $n new findings"
  # fork mode keeps the children's reports out of the log: rerun each input for its summary
  for f in $found; do
    summary=$(cd "$dir/work" && timeout 60 "$top/$dir/fuzz_$name" -timeout=10 \
      -rss_limit_mb=2048 "$f" 2>&1 | grep -m1 "SUMMARY:")
    echo "  ${f#$top/}"
    echo "    ${summary:-(did not fail again when rerun alone)}"
    status=1
  done
done
rm -f "$marker"
exit $status
