#!/usr/bin/env bash
# CI stage "doxygen" (budget: 1 minute): builds the API reference from fastlinalg.h and
# fastlinalg_mpi.h with the `docs` target of a configured build folder (cmake/Docs.cmake). Any
# Doxygen warning - an undocumented function, enum value or parameter, a missing @return -
# fails the stage.
#
#   bash .ci/stage-doxygen.sh BUILD_DIR
set -euo pipefail
build=${1:?usage: stage-doxygen.sh BUILD_DIR}
command -v doxygen >/dev/null || { echo "ERROR: doxygen is not installed (.ci/install-deps)" >&2; exit 1; }
echo "doxygen $(doxygen --version)"
cmake --build "$build" --target docs
for page in "$build"/docs/html/fastlinalg_8h.html "$build"/docs/html/fastlinalg__mpi_8h.html; do
    [[ -f $page ]] || { echo "ERROR: $page was not generated" >&2; exit 1; }
    echo "API reference: $page ($(grep -o 'memitem:' "$page" | wc -l) documented members)"
done
