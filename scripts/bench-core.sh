#!/usr/bin/env bash
# Core speed for the benchmark table: the Monte Carlo simulation natively and in
# wasm under node, and the JS API against the core in one module. The optimizer has
# its own command (scripts/bench-optimizer.sh), which writes its table into
# docs/performance.md after this one.
# Prints markdown. Called by scripts/bench.sh after it built build/bench-wasm.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export NODE_PATH=/usr/share/nodejs
cmake --preset native-release -B build/bench-native -DMICROREACH_BUILD_PERF=ON >/dev/null
cmake --build build/bench-native -j2 --target monte_carlo_bench >/dev/null
cmake --build build/bench-wasm -j2 --target monte_carlo_bench >/dev/null

read -r _ native_median native_worst runs native_p50 < <(build/bench-native/tests/perf/monte_carlo_bench)
read -r _ wasm_median wasm_worst _ wasm_p50 < <(node --no-experimental-fetch build/bench-wasm/tests/perf/monte_carlo_bench.js)
ratio=$(awk -v w="$wasm_median" -v n="$native_median" 'BEGIN { printf "%.2f", w / n }')
echo "| Monte Carlo, 10,000 trials x 50 influencers (CPU time) | native (-O3) | wasm (-Oz, as shipped) | wasm / native | target |"
echo "|---|---|---|---|---|"
echo "| median of $runs runs | ${native_median} ms | ${wasm_median} ms | ${ratio}x | wasm <= 50 ms |"
echo "| worst | ${native_worst} ms | ${wasm_worst} ms | | |"
echo "| median engagements (same seed, both builds) | ${native_p50} | ${wasm_p50} | | equal |"

# The JS API against the core in the same module and run (tests/perf/api_bench.mjs).
cmake --build build/bench-wasm -j2 --target microreach_api >/dev/null
echo
echo "| JS API against the core, same wasm module and run | C++ inside the module | through the JS API | API / C++ | target |"
echo "|---|---|---|---|---|"
node --no-experimental-fetch tests/perf/api_bench.mjs build/bench-wasm/microreach-api.js
