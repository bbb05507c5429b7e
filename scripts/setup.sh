#!/usr/bin/env bash
# Installs everything Microreach needs to build, run and test, from Debian's
# packages and the npm registry only. Idempotent: each step checks first and
# does nothing when its result is already there. Called by ./run and ./test.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
third_party="$root/third_party"
imgui_version="1.90.1"
imgui_package_version="1.90.1+ds-1"

log() { printf '[setup] %s\n' "$*"; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Debian binary packages: the compilers, browser, header-only libraries,
# font, the MIP solver used to cross-check the optimizer, and fuzzing tools.
debian_packages=(
    emscripten            # em++ 3.1.6, clang-14, lld, binaryen
    chromium              # headless browser for end-to-end tests
    libreoffice-calc-nogui # opens the CSV exports in a real spreadsheet (tests/e2e/ui-flow)
    cmake ninja-build g++ clang-14 libclang-rt-14-dev
    clang-format-14       # the format suite of ./test (scripts/check-format.sh)
    libgtest-dev googletest libbenchmark-dev
    nlohmann-json3-dev libfast-float-dev
    fonts-inter python3-fonttools
    coinor-cbc            # reference MIP solver for tests and benchmarks
    brotli gzip python3
    dpkg-dev xz-utils
)

# Node.js and npm come with the machine (they must be 18 or newer); Debian's
# own npm package conflicts with the machine's Node.js, so it is not asked for.
for tool in node npm; do
    command -v "$tool" >/dev/null || { log "error: $tool is required (Node.js 18 or newer)" >&2; exit 1; }
done

missing=()
for package in "${debian_packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
        missing+=("$package")
    fi
done
if [ ${#missing[@]} -gt 0 ]; then
    log "installing Debian packages: ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Dear ImGui 1.90.1 source, from Debian trixie's source package.
imgui_dir="$third_party/imgui"
if ! grep -q "#define IMGUI_VERSION *\"$imgui_version\"" "$imgui_dir/imgui.h" 2>/dev/null; then
    log "fetching Dear ImGui $imgui_version source package"
    sources_file=/etc/apt/sources.list.d/microreach-trixie-src.sources
    if [ ! -f "$sources_file" ]; then
        mirror="$(grep -h -m1 -E '^URIs:.*debian/?$' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}')"
        mirror="${mirror:-http://deb.debian.org/debian}"
        as_root tee "$sources_file" >/dev/null <<SOURCES
Types: deb-src
URIs: $mirror
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SOURCES
        as_root apt-get update -qq
    fi
    download_dir="$third_party/download"
    mkdir -p "$download_dir"
    (cd "$download_dir" && apt-get source --download-only "imgui=$imgui_package_version" >/dev/null)
    rm -rf "$imgui_dir" && mkdir -p "$imgui_dir"
    tar -xJf "$download_dir"/imgui_${imgui_version}+ds.orig.tar.xz -C "$imgui_dir" --strip-components=1
    if ! grep -q "#define IMGUI_VERSION *\"$imgui_version\"" "$imgui_dir/imgui.h"; then
        log "error: $imgui_dir/imgui.h is not version $imgui_version" >&2
        exit 1
    fi
fi

# npm development dependencies, exactly as locked.
if [ -f "$root/package-lock.json" ]; then
    stamp="$root/node_modules/.microreach-lock"
    if [ ! -f "$stamp" ] || ! cmp -s "$root/package-lock.json" "$stamp"; then
        log "installing npm dependencies from package-lock.json"
        (cd "$root" && npm ci --no-audit --no-fund --loglevel=error)
        cp "$root/package-lock.json" "$stamp"
    fi
fi
log "ready"
