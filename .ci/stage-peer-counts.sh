#!/usr/bin/env bash
# The peers' own suites (ctest peer.scipy_linalg, peer.numpy_linalg; docs/peer_suites.md) ran
# in the Release ctest stage; this prints their pass / gap / fail counts into the CI log,
# which ctest shows only on failure. It runs nothing, so it costs no time, and fails when the
# suites should have run (Debian's python3-scipy is installed by .ci/install-deps) but did not.
#
#   bash .ci/stage-peer-counts.sh [BUILD_DIR]     (default build/)
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
build=${1:-build}
log=$build/Testing/Temporary/LastTest.log
[[ -f $log ]] || { echo "no $log: run ctest in $build first" >&2; exit 1; }
counts=$(grep -E '^peer\.[a-z]+_linalg: ' "$log" || true)
[[ -n $counts ]] || { echo "no peer.* test output in $log: were the peer suites registered?" >&2; exit 1; }
printf '%s\n' "$counts"
