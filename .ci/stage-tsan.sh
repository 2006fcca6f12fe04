#!/usr/bin/env bash
# The ThreadSanitizer stage: builds the library and the thread tests with gcc
# -fsanitize=thread (RelWithDebInfo, build-tsan/) and runs them: threads_test (one handle
# shared by many threads, concurrent create/destroy while the BLAS thread count changes) and
# shared_handles_stress_test (16 threads on one handle of every dense and sparse kind and a
# kernel handle, every answer compared with a one-thread result).
#
# OpenBLAS and libgomp (under SuiteSparse) are not built with TSan, so their own threads'
# synchronisation is invisible to it and would show as races that are not there: they run on
# one thread here (OPENBLAS_NUM_THREADS=1, OMP_NUM_THREADS=1, in this stage only). fastlinalg's
# own threads (fl::parallel_for: sparse products, kernel tiles, rolled products) still run on
# several: the tests set fl_set_num_threads where they need more. Nothing is suppressed.
#
#   bash .ci/stage-tsan.sh
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
jobs=${CI_JOBS:-2}
build=${TSAN_BUILD_DIR:-build-tsan}
start=$SECONDS

cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFL_SANITIZE=thread \
    -DFL_BUILD_BENCH=OFF -DFL_BUILD_DEMO=OFF >/dev/null
cmake --build "$build" -j"$jobs" --target fl_threads_test fl_shared_handles_stress_test
echo "tsan build: $((SECONDS - start)) s"

t0=$SECONDS
OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 \
    TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1:history_size=4 \
    ctest --test-dir "$build" --output-on-failure -R '^(Threads|SharedHandlesStress)\.'
echo "tsan tests: $((SECONDS - t0)) s; tsan stage: $((SECONDS - start)) s"
