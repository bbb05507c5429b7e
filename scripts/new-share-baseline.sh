#!/usr/bin/env bash
# Freezes today's default scenario as the baseline of share-link version N:
#   scripts/new-share-baseline.sh N "why the default changed"
# writes core/share_baseline_vN.cpp. For a new version: declare it in core/share_link.hpp,
# list it in `baselines` (core/share_link.cpp), raise share_link_version, and pin its size
# and CRC in ShareLinkTest.BaselineIsFrozen. Rewriting the baseline of a version that has
# not shipped yet (no link of it exists) is the only time an existing file may change.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
[ $# -eq 2 ] || { echo "usage: $0 VERSION WHY" >&2; exit 2; }
cmake --preset native-debug >/dev/null && cmake --build build/native-debug --target microreach_core -j2 >/dev/null
out="$(mktemp -d)"
g++ -std=c++20 -O1 -I. tools/make_share_baseline.cpp build/native-debug/core/libmicroreach_core.a -o "$out/make"
"$out/make" "$1" "$2" >"core/share_baseline_v$1.cpp"
clang-format-14 -i "core/share_baseline_v$1.cpp" # the check in ./test formats it the same way
rm -rf "$out"
echo "wrote core/share_baseline_v$1.cpp"
