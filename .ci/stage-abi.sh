#!/usr/bin/env bash
# The ABI stage: builds the library alone with debug info (-g -Og, build-abi/) and compares it
# with libabigail's description of the last release, tests/abi/libfastlinalg-<version>.abi.
# Fails on any incompatible change: a removed function, a changed parameter or return type,
# a changed enumerator value, a changed type. Passes added functions and enumerators appended
# at the end of an enum (libabigail counts those as harmless), and lists them.
#
#   bash .ci/stage-abi.sh
#   bash .ci/stage-abi.sh --write-baseline   (at a release only: writes the baseline of the
#                                             version in the header)
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
jobs=${CI_JOBS:-2}
build=${ABI_BUILD_DIR:-build-abi}
start=$SECONDS

# Source paths recorded relative to the repository, so that the baseline is the same from any
# checkout.
debug_flags="-g -Og -fdebug-prefix-map=$repo=."
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Debug -DCMAKE_C_FLAGS_DEBUG="$debug_flags" \
    -DCMAKE_CXX_FLAGS_DEBUG="$debug_flags" -DFL_BUILD_TESTS=OFF -DFL_BUILD_BENCH=OFF \
    -DFL_BUILD_DEMO=OFF >/dev/null
cmake --build "$build" -j"$jobs" --target fastlinalg
lib=$(realpath "$build/src/libfastlinalg.so.0")
headers=include/fastlinalg
# What counts is what the exported fl_* functions reach, and only the types the public header
# defines: the handles stay opaque (declaration-only), the library's C++ internals are not ABI.
abi_options=(--headers-dir "$headers" --drop-private-types --exported-interfaces-only --no-show-locs)
if [[ ${1:-} == --write-baseline ]]; then
    version=$(sed -n 's/^#define FL_VERSION_\(MAJOR\|MINOR\|PATCH\) \([0-9]*\)$/\2/p' \
        include/fastlinalg/fastlinalg.h | paste -sd.)
    out=tests/abi/libfastlinalg-$version.abi
    abidw "${abi_options[@]}" --no-comp-dir-path --no-corpus-path --out-file "$out" "$lib"
    echo "wrote $out"
    exit 0
fi

baseline=$(find tests/abi -name 'libfastlinalg-*.abi' | sort -V | tail -n1)
[[ -n $baseline ]] || { echo "no baseline tests/abi/libfastlinalg-*.abi" >&2; exit 1; }
echo "comparing $lib with $baseline"
diff_options=(--headers-dir2 "$headers" --drop-private-types --exported-interfaces-only --no-show-locs)
# abidiff's exit status is a bit field: 1 error, 2 usage error, 4 an ABI change, 8 an
# incompatible one. Harmless changes (enumerators appended to an enum) are filtered out
# before it is computed; added functions would set 4, so the verdict leaves them out and
# anything but 0 fails.
rc=0
abidiff "${diff_options[@]}" --no-added-syms "$baseline" "$lib" || rc=$?
if [[ $rc -ne 0 ]]; then
    echo "ABI check FAILED (abidiff exit $rc): an incompatible change against $baseline" >&2
    exit 1
fi
echo "functions added since $baseline (compatible):"
{ abidiff "${diff_options[@]}" --added-fns "$baseline" "$lib" || true; } | grep '^ *\[A\]' ||
    echo "  none"
echo "ABI compatible with $baseline; abi stage: $((SECONDS - start)) s"
