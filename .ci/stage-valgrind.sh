#!/usr/bin/env bash
# valgrind memcheck over the C99 caller test (tests/c_api_test.c) as built by the Release
# stage: any memory error or leak fails. OpenBLAS runs on one thread (OPENBLAS_NUM_THREADS=1,
# in this stage only): its worker threads' start-up buffers are not ours to check, and memcheck
# runs one thread at a time anyway. The suppressions in .ci/valgrind.supp cover only what is
# provably inside OpenBLAS or libgomp, each with its reason.
#
#   bash .ci/stage-valgrind.sh [BUILD_DIR]     (default build/)
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
build=${1:-build}
start=$SECONDS
[[ -x $build/tests/fl_c_api_test ]] || { echo "no $build/tests/fl_c_api_test: build the tests first" >&2; exit 1; }
OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 \
    valgrind --tool=memcheck --error-exitcode=1 --leak-check=full --show-leak-kinds=definite,indirect,possible \
    --errors-for-leak-kinds=definite,indirect,possible --track-origins=yes \
    --suppressions=.ci/valgrind.supp "$build/tests/fl_c_api_test"
echo "valgrind stage: $((SECONDS - start)) s"
