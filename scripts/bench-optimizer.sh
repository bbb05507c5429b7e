#!/usr/bin/env bash
# Optimizer benchmark: the same seeded instances solved by Microreach natively, by
# Microreach compiled to wasm and run under node, and by CBC, in one run. Prints the
# markdown table and the verdict on the targets; --update FILE also writes them, with
# the command, date and machine load, into FILE's "Optimizer against CBC" section
# (between <!-- optimizer:begin --> and <!-- optimizer:end -->, appended after
# everything else the first time).
#
#   scripts/bench-optimizer.sh                                # sizes 100, 1,000, 10,000
#   scripts/bench-optimizer.sh --update docs/performance.md   # and record the result
#   SIZES=10000 INSTANCES=5 scripts/bench-optimizer.sh
#
# Environment (all optional):
#   NATIVE_BUILD  native-release build folder   (default build/native-release)
#   WASM_BUILD    wasm build folder             (default build/bench-wasm)
#   SIZES         candidate counts, comma list  (default 100,1000,10000)
#   INSTANCES     instances per family and size (default 3)
#   MAX_NODES     node limit per solve          (default 100000000)
#   TIME_LIMIT_MS wall-clock budget per solve   (default 0: none, CPU time is checked instead)
#   CBC_SECONDS   CBC time limit per instance   (default 20)
#   FEE_SIZES     sizes of the fee-plus-CPE run (default 300,1000,10000)
#   FEE_INSTANCES its instances per size        (default 10)
# The first run covers the uncorrelated, weakly and strongly correlated families at
# SIZES; the second the fee-plus-CPE family at FEE_SIZES, with its own verdict.
# With the defaults the whole run takes about 15 to 25 minutes (CBC hits its limit on
# most strongly correlated instances).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
native_build="${NATIVE_BUILD:-$root/build/native-release}"
wasm_build="${WASM_BUILD:-$root/build/bench-wasm}"
sizes="${SIZES:-100,1000,10000}"
instances="${INSTANCES:-3}"
max_nodes="${MAX_NODES:-100000000}"
time_limit_ms="${TIME_LIMIT_MS:-0}"
cbc_seconds="${CBC_SECONDS:-20}"
fee_sizes="${FEE_SIZES:-300,1000,10000}"
fee_instances="${FEE_INSTANCES:-10}"
export NODE_PATH="${NODE_PATH:-/usr/share/nodejs}" # Debian's emscripten needs it to link

log() { printf '[bench-optimizer] %s\n' "$*" >&2; }

update=""
while [ $# -gt 0 ]; do
    case "$1" in
    --update)
        [ $# -ge 2 ] || { log "--update needs a file, e.g. --update docs/performance.md"; exit 2; }
        update="$2"
        shift 2
        ;;
    -h | --help)
        sed -n '2,27p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
        exit 0
        ;;
    *)
        log "unknown argument: $1 (try --help)"
        exit 2
        ;;
    esac
done
if [ -n "$update" ] && [ ! -f "$update" ]; then
    log "no such file: $update"
    exit 2
fi

command -v cbc >/dev/null || { log "cbc is missing: run scripts/setup.sh (Debian package coinor-cbc)"; exit 1; }

load_now() { cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "unknown"; }
started="$(date -u '+%Y-%m-%d %H:%M UTC')"
load_start="$(load_now)"
start_seconds=$SECONDS

log "building the native driver in $native_build"
cmake --preset native-release -B "$native_build" >/dev/null
cmake --build "$native_build" -j2 --target optimizer_bench >/dev/null

log "building the wasm driver in $wasm_build"
cmake --preset wasm-test -B "$wasm_build" -DMICROREACH_BUILD_BENCHMARKS=ON >/dev/null
cmake --build "$wasm_build" -j2 --target optimizer_bench >/dev/null

node_version="$(node --version)"
cbc_version="$(cbc -quit 2>/dev/null | grep -m1 -o 'Version: [0-9.]*' | cut -d' ' -f2 || true)"
status=0
# One run per group of families: wasm first, then native and CBC with the wasm records.
run_group() { # name families sizes instances
    local wasm_results="$wasm_build/optimizer-bench-wasm-$1.txt"
    local native_results="$native_build/optimizer-bench-native-$1.txt"
    local limits=(--families "$2" --sizes "$3" --instances "$4" --max-nodes "$max_nodes"
        --time-limit-ms "$time_limit_ms")
    log "$1: wasm under node ($node_version)"
    node --no-experimental-fetch "$wasm_build/tests/bench/optimizer_bench.js" "${limits[@]}" \
        >"$wasm_results"
    log "$1: native and CBC ${cbc_version:-(version unknown)}"
    "$native_build/tests/bench/optimizer_bench" "${limits[@]}" --cbc --cbc-seconds "$cbc_seconds" \
        --wasm "$wasm_results" >"$native_results" || status=$?
    log "$1: per-instance records: $native_results, $wasm_results"
}
run_group classic 0,1,2 "$sizes" "$instances"
run_group fee 3 "$fee_sizes" "$fee_instances"
load_end="$(load_now)"
elapsed=$((SECONDS - start_seconds))
if [ "$elapsed" -lt 120 ]; then took="$elapsed s"; else took="$(((elapsed + 30) / 60)) min"; fi
report="$(grep -hv '^[RCD] ' "$native_build/optimizer-bench-native-classic.txt" \
    "$native_build/optimizer-bench-native-fee.txt")"
printf '%s\n' "$report"

if [ -n "$update" ]; then
    cores="$(nproc 2>/dev/null || echo '?')"
    cpu="$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | sed 's/^ *//' || true)"
    command="scripts/bench-optimizer.sh --update $update"
    settings="sizes $sizes, $instances instance(s) per family and size; fee plus CPE at $fee_sizes, $fee_instances each; node limit $max_nodes per solve, $( [ "$time_limit_ms" = 0 ] && echo "no wall-clock budget (CPU time is checked against it instead)" || echo "wall-clock budget $time_limit_ms ms" ), CBC limit $cbc_seconds s per instance"
    section="$(mktemp)"
    {
        echo "<!-- optimizer:begin -->"
        echo "## Optimizer against CBC"
        echo
        echo "Written by \`$command\` on $started"
        echo "($settings; $took in all)."
        echo "Machine: $cores cores${cpu:+ ($cpu)}, shared with other work: load average"
        echo "(1, 5, 15 min) $load_start at the start, $load_end at the end. Times are CPU time, so waiting"
        echo "for a core does not count: natively this thread's, in wasm node's process time"
        echo "(node $node_version, em++ -O3), and CBC ${cbc_version:-} its own \"CPU seconds\""
        echo "(printed to 0.01 s). Microreach's time is the median of repeated solves (at"
        echo "least 3, for at least 0.2 s). Instances and method: docs/optimizer.md; ratio"
        echo "\"CBC / native\" is per instance (\">=\" when CBC stopped at its time limit)."
        echo
        printf '%s\n' "$report" | sed '/./,$!d'
        echo "<!-- optimizer:end -->"
    } >"$section"
    updated="$(mktemp)"
    if grep -q '^<!-- optimizer:begin -->' "$update"; then
        awk -v file="$section" '
            /^<!-- optimizer:begin -->/ { while ((getline line < file) > 0) print line; skip = 1; next }
            /^<!-- optimizer:end -->/ { skip = 0; next }
            !skip { print }
        ' "$update" >"$updated"
    else
        { cat "$update"; echo; cat "$section"; } >"$updated"
    fi
    cat "$updated" >"$update"
    rm -f "$section" "$updated"
    log "updated $update"
fi
exit "$status"
