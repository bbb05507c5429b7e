#!/usr/bin/env bash
# The benchmark command: builds what it needs, measures, prints one table and
# writes it into docs/performance.md (between the bench markers).
#   page      transfer size, time to first frame, idle frames, frame cost, heap
#             (Microreach against a bare Dear ImGui page built here with the same flags)
#   core      the optimizer against CBC, native and wasm; Monte Carlo native vs wasm
# Usage: scripts/bench.sh [--loads N] [--no-update] [--page-only]
#   --page-only  only the page figures (minutes instead of the core's long runs); the
#                core tables already in docs/performance.md stay as they are
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/setup.sh
export NODE_PATH=/usr/share/nodejs
loads=10
update=(--update docs/performance.md)
page_only=0
while [ $# -gt 0 ]; do
    case "$1" in
        --loads) loads="$2"; shift 2 ;;
        --no-update) update=(); shift ;;
        --page-only) page_only=1; shift ;;
        *) echo "unknown option $1"; exit 2 ;;
    esac
done

echo "== building the app and the bare ImGui baseline (wasm, same flags)"
cmake --preset wasm-release -B build/bench-wasm -DMICROREACH_BUILD_PERF=ON >/dev/null
if ! cmake --build build/bench-wasm -j2 >build/bench-wasm-build.log 2>&1; then
    tail -30 build/bench-wasm-build.log
    echo "the build failed (build/bench-wasm-build.log)"
    exit 1
fi

core_table=build/bench-core.md
: >"$core_table"
if [ "$page_only" = 1 ]; then
    if [ ${#update[@]} -gt 0 ]; then
        update+=(--keep-core)
    fi
elif [ -x scripts/bench-core.sh ]; then
    echo "== core benchmarks (native, wasm under node, CBC)"
    scripts/bench-core.sh >"$core_table"
fi

echo "== page benchmarks in headless Chromium"
node tests/perf/bench.mjs --site build/bench-wasm/dist --bare build/bench-wasm/bare-dist \
    --loads "$loads" --core-table "$core_table" "${update[@]}"
