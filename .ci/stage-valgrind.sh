#!/usr/bin/env bash
# valgrind memcheck over the C99 caller test (tests/c_api_test.c) as the Release stage built
# it: any invalid access, use of an uninitialised value or leak (definite, indirect or
# possible) fails. OpenBLAS runs with its default thread count: its own allocations are freed
# or still reachable at exit, so nothing needs suppressing and nothing is.
#
#   bash .ci/stage-valgrind.sh [BUILD_DIR]     (default build/)
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
build=${1:-build}
start=$SECONDS
test=$build/tests/fl_c_api_test
[[ -x $test ]] || { echo "no $test: build the tests first" >&2; exit 1; }
valgrind --tool=memcheck --error-exitcode=1 --leak-check=full \
    --show-leak-kinds=definite,indirect,possible --errors-for-leak-kinds=definite,indirect,possible \
    --track-origins=yes "$test" </dev/null
echo "valgrind stage: $((SECONDS - start)) s"
