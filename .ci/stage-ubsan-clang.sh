#!/usr/bin/env bash
# Clang's UndefinedBehaviorSanitizer over the reliability tests (issue 13, item 6).
#
# The ASan+UBSan stage builds with the default compiler (GCC), whose -fsanitize=undefined
# does not report an offset added to a NULL pointer; clang's does ("applying non-zero
# offset to null pointer"), and legal empty matrices passed with NULL data are exactly that
# case. This stage builds the library and the two reliability test binaries only (not the
# whole suite, to stay within CI's time) with clang and -fsanitize=undefined, and runs them:
# EmptyWithNull.* calls every family of functions with empty NULL matrices.
#
#   bash .ci/stage-ubsan-clang.sh      (from anywhere; builds in build-ubsan-clang/)
# Budget: 15 minutes for the build, 5 for the tests; both times are printed.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
jobs=${CI_JOBS:-2}
build=build-ubsan-clang

# The library links with --no-undefined, so clang's UBSan runtime is linked as a shared
# library (-shared-libsan) into it and the tests, found through an rpath to clang's own.
runtime=$(dirname "$(clang++-14 -print-file-name=libclang_rt.ubsan_standalone-x86_64.so)")
link_flags="-shared-libsan -Wl,-rpath,$runtime"

start=$SECONDS
CC=clang-14 CXX=clang++-14 cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Debug -DFL_SANITIZE=undefined \
    -DFL_BUILD_BENCH=OFF -DFL_BUILD_DEMO=OFF \
    -DCMAKE_SHARED_LINKER_FLAGS="$link_flags" -DCMAKE_EXE_LINKER_FLAGS="$link_flags"
timeout 900 cmake --build "$build" -j"$jobs" --target fl_reliability_test fl_outputs_untouched_test
echo "ubsan-clang: build took $((SECONDS - start)) s"

start=$SECONDS
for test in fl_reliability_test fl_outputs_untouched_test; do
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 timeout 300 "$build/tests/$test"
done
echo "ubsan-clang: tests took $((SECONDS - start)) s"
