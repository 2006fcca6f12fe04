#!/usr/bin/env bash
# Builds, tests and packages the Rust crates against an installed fastlinalg only, from a copy
# outside the source tree: bash ci.sh PKG_CONFIG_DIR LIBDIR PREFIX SCRATCH_DIR.
# Crates come from crates.io at the versions Cargo.toml pins (cargo's own download cache).
#   1. cargo test: both crates, with the ndarray and nalgebra conversions;
#   2. cargo build --benches: the Criterion benchmarks compile (in the dev profile, reusing
#      step 1's build of criterion: `cargo bench --no-run` would build criterion's whole
#      dependency tree again with optimisation, which took longer than the tests themselves);
#   3. cargo package --workspace: both crates package and build from their packages;
#   4. the faer conversions, in their own step, bounded by FL_RUST_FAER_BUDGET seconds (faer
#      is a large crate: several minutes to compile on two cores). FL_RUST_FAER=0 skips it.
# CARGO may name another cargo.
set -euo pipefail

pcdir=$1 libdir=$2 prefix=$3 scratch=$4
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cargo=${CARGO:-cargo}

# A fresh copy each run: the workspace manifest, both crates and the README (a doc test).
work=$scratch/rust
rm -rf "$work"
mkdir -p "$work"
cp -r "$here/Cargo.toml" "$here/README.md" "$here/fastlinalg-sys" "$here/fastlinalg" "$work/"

export CARGO_TARGET_DIR=$scratch/target
export PKG_CONFIG_PATH=$pcdir
export LD_LIBRARY_PATH=$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}

step() {
    printf 'rust binding: %s\n' "$*"
    step_start=$SECONDS
}
took() { printf 'rust binding: ... %d s\n' $((SECONDS - step_start)); }

echo "rust binding: $("$cargo" --version), $(${RUSTC:-rustc} --version)"
echo "rust binding: fastlinalg $(pkg-config --modversion fastlinalg) from $pcdir (prefix $prefix)"
cd "$work"
step "cargo test --workspace --features fastlinalg/ndarray,fastlinalg/nalgebra (in $work)"
"$cargo" test --workspace --features fastlinalg/ndarray,fastlinalg/nalgebra
took
step "cargo build -p fastlinalg --benches (Criterion)"
"$cargo" build -p fastlinalg --benches
took
step "cargo package --workspace"
"$cargo" package --workspace
took
if [[ ${FL_RUST_FAER:-1} == 1 ]]; then
    budget=${FL_RUST_FAER_BUDGET:-600}
    step "cargo test -p fastlinalg --features faer --test interop (budget ${budget} s)"
    rc=0
    timeout "$budget" "$cargo" test -p fastlinalg --features faer --test interop || rc=$?
    if [[ $rc -eq 124 ]]; then
        echo "rust binding: the faer step ran past its ${budget} s budget (FL_RUST_FAER_BUDGET)" >&2
    fi
    [[ $rc -eq 0 ]] || exit "$rc"
    took
else
    echo "rust binding: faer conversions skipped (FL_RUST_FAER=0)"
fi
