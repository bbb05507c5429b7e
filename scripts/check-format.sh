#!/usr/bin/env bash
# Fails when a C++ file of the project (core/, tools/, web/, tests/; never third_party/ or
# build/) differs from what Debian's clang-format 14 makes of it with .clang-format.
# Fix with: clang-format-14 -i FILE...
# Usage: scripts/check-format.sh [--junit OUT.xml]   (the JUnit file feeds ./test's summary)
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
junit=""
[ "${1:-}" = "--junit" ] && junit="$2"

formatter="$(command -v clang-format-14 || command -v clang-format)"
if [ -z "$formatter" ]; then
    echo "clang-format-14 is missing: run scripts/setup.sh" >&2
    exit 1
fi
# Tracked and new (not ignored) files, so a fresh clone and a working tree agree.
mapfile -t files < <(git ls-files --cached --others --exclude-standard -- \
    'core/*.cpp' 'core/*.hpp' 'tools/*.cpp' 'web/*.cpp' 'web/*.hpp' 'web/*.h' 'tests/*.cpp' 'tests/*.hpp' 'tests/*.h' |
    while read -r f; do [ -f "$f" ] && echo "$f"; done)
report="$("$formatter" --dry-run -Werror "${files[@]}" 2>&1)"
status=$?
bad="$(grep -oE '^[^:]+\.(cpp|hpp|h):' <<<"$report" | sort -u | tr -d ':')"
if [ $status -eq 0 ]; then
    echo "format: ${#files[@]} files clean"
else
    echo "format: not clang-formatted (fix with clang-format-14 -i):"
    sed 's/^/  /' <<<"$bad"
fi
if [ -n "$junit" ]; then
    {
        echo '<testsuite name="format">'
        if [ $status -eq 0 ]; then
            echo '<testcase name="clang-format"/>'
        else
            echo '<testcase name="clang-format"><failure message="unformatted files">'
            sed 's/&/\&amp;/g; s/</\&lt;/g' <<<"$bad"
            echo '</failure></testcase>'
        fi
        echo '</testsuite>'
    } >"$junit"
fi
exit $status
