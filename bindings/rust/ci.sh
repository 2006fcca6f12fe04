#!/usr/bin/env bash
# Builds and tests the Rust bindings against an installed fastlinalg only, from a copy outside
# the source tree, offline: bash ci.sh PKG_CONFIG_DIR LIBDIR PREFIX SCRATCH_DIR.
# CARGO may name another cargo (e.g. CARGO=/usr/bin/cargo with RUSTC=/usr/bin/rustc).
set -euo pipefail

pcdir=$1 libdir=$2 prefix=$3 scratch=$4
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cargo=${CARGO:-cargo}

# A fresh copy each run: the workspace manifest, both crates and the README (a doc test).
work=$scratch/rust
rm -rf "$work"
mkdir -p "$work"
cp -r "$here/Cargo.toml" "$here/README.md" "$here/fastlinalg-sys" "$here/fastlinalg" "$work/"

export CARGO_HOME=$scratch/cargo-home CARGO_TARGET_DIR=$scratch/target CARGO_NET_OFFLINE=true
export PKG_CONFIG_PATH=$pcdir
export LD_LIBRARY_PATH=$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}

echo "rust binding: $("$cargo" --version), $(${RUSTC:-rustc} --version)"
echo "rust binding: fastlinalg $(pkg-config --modversion fastlinalg) from $pcdir (prefix $prefix)"
cd "$work"
echo "rust binding: cargo test --offline --workspace (in $work)"
"$cargo" test --offline --workspace
