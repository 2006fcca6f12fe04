#!/usr/bin/env bash
# CI for the Julia binding, against an installed fastlinalg only:
#     bash bindings/julia/ci.sh PKG_CONFIG_DIR LIBDIR PREFIX SCRATCH_DIR
# Julia is not available on the CI machines, so this
#  1. checks every ccall in FastLinalg/src against the installed header: the symbol exists,
#     the argument count and each argument's type match the C prototype, and every header
#     function is called somewhere (tools/check_ccalls.py, Python 3 standard library only);
#  2. checks that runtests.jl and the C mirror carry the same test blocks [T1], [T2], ...;
#  3. builds the C mirror of runtests.jl's call sequences through pkg-config and runs it.
set -euo pipefail

pcdir=$1
libdir=$2
prefix=$3
scratch=$4

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
work=$scratch/julia
rm -rf "$work"
mkdir -p "$work"
cp -r "$here/FastLinalg" "$here/mirror" "$here/tools" "$work/"
echo "julia binding copied to $work (prefix $prefix)"

includedir=$(PKG_CONFIG_PATH=$pcdir pkg-config --variable=includedir fastlinalg)
header=$includedir/fastlinalg/fastlinalg.h
echo "== ccalls of FastLinalg/src against $header"
/usr/bin/python3 "$work/tools/check_ccalls.py" "$header" "$work/FastLinalg/src"

echo "== test blocks of runtests.jl vs mirror/sequence_test.c"
labels() { grep -o '\[T[0-9]*\]' "$1" | sort -u; }
if ! diff <(labels "$work/FastLinalg/test/runtests.jl") <(labels "$work/mirror/sequence_test.c"); then
    echo "runtests.jl and sequence_test.c do not carry the same [Tn] blocks" >&2
    exit 1
fi
echo "blocks: $(labels "$work/FastLinalg/test/runtests.jl" | tr '\n' ' ')"

echo "== C mirror of runtests.jl"
flags=$(PKG_CONFIG_PATH=$pcdir pkg-config --cflags --libs fastlinalg)
echo "cc -std=c99 -Wall -Wextra -Werror -pedantic sequence_test.c $flags -lm"
# shellcheck disable=SC2086 # flags is a list of flags
(cd "$work/mirror" && cc -std=c99 -Wall -Wextra -Werror -pedantic -o sequence_test sequence_test.c $flags -lm)
LD_LIBRARY_PATH=$libdir "$work/mirror/sequence_test" </dev/null
