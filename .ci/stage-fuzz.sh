#!/usr/bin/env bash
# The fuzz stage: builds the libFuzzer harnesses of tests/fuzz/ with clang (ASan + UBSan +
# coverage, target fuzz_all in build-fuzz/) and runs each for FUZZ_SECONDS (default 40) from a
# scratch copy of its committed corpus. Any finding fails the stage: a crash, a sanitizer
# report, a failed harness check ("FUZZ FINDING"), an input slower than 10 s (a hang), or a
# leak. The failing input is printed in hex and kept under FUZZ_ARTIFACTS (default: a scratch
# folder) as crash-*/timeout-*/leak-*; replay it with build-fuzz/tests/fuzz/fuzz_<harness> FILE.
# Prints executions per second and total executions per harness.
#
#   bash .ci/stage-fuzz.sh                        (as CI runs it)
#   FUZZ_SECONDS=600 bash .ci/stage-fuzz.sh       (the longer local run, docs/reliability.md)
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
jobs=${CI_JOBS:-2}
seconds=${FUZZ_SECONDS:-40}
build=${FUZZ_BUILD_DIR:-build-fuzz}
harnesses=(dense_factor sparse binning block_sums rolled_kernel)
start=$SECONDS

cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14 \
    -DFL_BUILD_FUZZ=ON -DFL_BUILD_TESTS=OFF -DFL_BUILD_BENCH=OFF -DFL_BUILD_DEMO=OFF >/dev/null
cmake --build "$build" -j"$jobs" --target fuzz_all
echo "fuzz build: $((SECONDS - start)) s"

work=$(mktemp -d "${TMPDIR:-/tmp}/fastlinalg-fuzz.XXXXXX")
artifacts=${FUZZ_ARTIFACTS:-$work/artifacts}
mkdir -p "$artifacts"
summary=()
failed=0
for h in "${harnesses[@]}"; do
    cp -r "tests/fuzz/corpus/$h" "$work/$h"
    log=$work/$h.log
    t0=$SECONDS
    # allocator_may_return_null: a huge request must reach the library as a failed allocation
    # (FL_ERR_OUT_OF_MEMORY), not stop the sanitizer; -malloc_limit_mb lets it through.
    rc=0
    ASAN_OPTIONS=allocator_may_return_null=1:detect_leaks=1 \
        UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        "$build/tests/fuzz/fuzz_$h" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=3072 \
        -malloc_limit_mb=2000000000 -print_final_stats=1 -artifact_prefix="$artifacts/$h-" \
        "$work/$h" >"$log" 2>&1 || rc=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n1)
    line=$(printf '%-14s %4ds  %10s execs  %7s execs/s  corpus %s -> %s' "$h" $((SECONDS - t0)) \
        "${execs:-?}" "${rate:-?}" "$(ls "tests/fuzz/corpus/$h" | wc -l)" "$(ls "$work/$h" | wc -l)")
    summary+=("$line")
    if [[ $rc -ne 0 ]]; then
        failed=1
        echo "==== fuzz_$h found something (exit $rc); the end of its log:"
        tail -n 60 "$log"
        for f in "$artifacts/$h-"*; do
            [[ -f $f ]] || continue
            echo "---- input $f ($(stat -c %s "$f") bytes):"
            od -An -tx1 -v "$f" | head -n 40
        done
    fi
done
printf '\n==== fuzz summary (%s s per harness)\n' "$seconds"
printf '  %s\n' "${summary[@]}"
echo "fuzz stage: $((SECONDS - start)) s"
[[ -z ${FUZZ_ARTIFACTS:-} ]] && rm -rf "$work"
exit "$failed"
