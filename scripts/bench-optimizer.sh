#!/usr/bin/env bash
# Optimizer benchmark: the same seeded instances solved by Microreach natively, by
# Microreach compiled to wasm and run under node, and by CBC, in one run. Prints the
# markdown table recorded in docs/optimizer.md.
#
#   scripts/bench-optimizer.sh                 # sizes 100, 1,000, 10,000; 5 instances each
#   SIZES=10000 INSTANCES=3 scripts/bench-optimizer.sh
#
# Environment (all optional):
#   NATIVE_BUILD  native-release build folder   (default build/native-release)
#   WASM_BUILD    wasm build folder             (default build/bench-wasm)
#   SIZES         candidate counts, comma list  (default 100,1000,10000)
#   INSTANCES     instances per family and size (default 5)
#   MAX_NODES     node limit per solve          (default 5000000)
#   CBC_SECONDS   CBC time limit per instance   (default 20)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
native_build="${NATIVE_BUILD:-$root/build/native-release}"
wasm_build="${WASM_BUILD:-$root/build/bench-wasm}"
sizes="${SIZES:-100,1000,10000}"
instances="${INSTANCES:-5}"
max_nodes="${MAX_NODES:-5000000}"
cbc_seconds="${CBC_SECONDS:-20}"
export NODE_PATH="${NODE_PATH:-/usr/share/nodejs}"  # Debian's emscripten needs it to link

log() { printf '[bench-optimizer] %s\n' "$*" >&2; }

command -v cbc >/dev/null || { log "cbc is missing: run scripts/setup.sh (Debian package coinor-cbc)"; exit 1; }

log "building the native driver in $native_build"
cmake --preset native-release -B "$native_build" >/dev/null
cmake --build "$native_build" -j2 --target optimizer_bench >/dev/null

log "building the wasm driver in $wasm_build"
cmake --preset wasm-test -B "$wasm_build" -DMICROREACH_BUILD_BENCHMARKS=ON >/dev/null
cmake --build "$wasm_build" -j2 --target optimizer_bench >/dev/null

wasm_results="$wasm_build/optimizer-bench-wasm.txt"
log "wasm under node ($(node --version))"
node --no-experimental-fetch "$wasm_build/tests/bench/optimizer_bench.js" \
    --sizes "$sizes" --instances "$instances" --max-nodes "$max_nodes" > "$wasm_results"

log "native and CBC ($(cbc -quit 2>/dev/null | grep -m1 Version || echo cbc))"
native_results="$native_build/optimizer-bench-native.txt"
"$native_build/tests/bench/optimizer_bench" --sizes "$sizes" --instances "$instances" \
    --max-nodes "$max_nodes" --cbc --cbc-seconds "$cbc_seconds" --wasm "$wasm_results" \
    > "$native_results" || status=$?
log "per-instance records: $native_results, $wasm_results"
grep -v '^[RC] ' "$native_results"
exit "${status:-0}"
