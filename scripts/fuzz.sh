#!/usr/bin/env bash
# Runs the libFuzzer harnesses (tests/fuzz/) for longer than the test suite does.
#
#   scripts/fuzz.sh                 every fuzzer for 600 seconds, one after another
#   scripts/fuzz.sh 3600 csv        only the CSV fuzzer, for an hour
#   FUZZ_BUILD=build/h-fuzz scripts/fuzz.sh 60
#
# Builds the `fuzz` preset (clang++-14, ASan + UBSan) first. New inputs collect in
# <build>/fuzz-corpus/<name>/ (kept between runs, so each run starts where the last
# stopped); a crash is written to <build>/fuzz-artifacts/<name>/ and ends the script with
# status 1. To keep a crash as a regression test: fix it, then copy the file into
# tests/fuzz/<name>/corpus/ (the `fuzz_<name>_corpus` ctest test replays that folder).
# The figures for docs/reliability.md are in the summary printed at the end.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-600}"
shift || true
all=(numbers csv share_link state_json optimizer)
names=("${@:-${all[@]}}")
build="${FUZZ_BUILD:-$root/build/fuzz}"

cd "$root"
if [ ! -f "$build/CMakeCache.txt" ]; then
    cmake --preset fuzz -B "$build" >/dev/null
fi
cmake --build "$build" -j2

summary=()
status=0
for name in "${names[@]}"; do
    binary="$build/tests/fuzz/fuzz_$name"
    if [ ! -x "$binary" ]; then
        echo "fuzz.sh: no fuzzer named $name (choose from: ${all[*]})" >&2
        exit 2
    fi
    mkdir -p "$build/fuzz-corpus/$name" "$build/fuzz-artifacts/$name" "$build/fuzz-logs"
    log="$build/fuzz-logs/$name.log"
    echo "[fuzz] $name for ${seconds}s (log: $log)"
    set +e
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        "$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        -dict="tests/fuzz/$name/$name.dict" -artifact_prefix="$build/fuzz-artifacts/$name/" \
        "$build/fuzz-corpus/$name" "tests/fuzz/$name/corpus" >"$log" 2>&1
    code=$?
    set -e
    runs="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')"
    corpus="$(ls "$build/fuzz-corpus/$name" | wc -l)"
    if [ "$code" -ne 0 ]; then
        status=1
        summary+=("$name: FOUND A PROBLEM after $runs runs (exit $code); see $log and $build/fuzz-artifacts/$name/")
    else
        summary+=("$name: $runs runs in ${seconds}s, nothing found (corpus now $corpus inputs)")
    fi
done

echo
echo "[fuzz] summary"
printf '  %s\n' "${summary[@]}"
exit "$status"
