#!/usr/bin/env bash
# CI for the C++ example (run by .ci/run against the installed, moved prefix):
#   bash examples/cpp/ci.sh PKG_CONFIG_DIR LIBDIR PREFIX SCRATCH_DIR
# Builds solve_many from a copy in SCRATCH_DIR twice, through pkg-config (the Makefile) and
# through find_package(fastlinalg) (CMakeLists.txt), with -Wall -Wextra -Wpedantic -Wconversion
# -Werror, and runs both.
set -euo pipefail
[[ $# -eq 4 ]] || { echo "usage: $0 PKG_CONFIG_DIR LIBDIR PREFIX SCRATCH_DIR" >&2; exit 2; }
pcdir=$1 libdir=$2 prefix=$3 scratch=$4
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

src=$scratch/cpp-example
rm -rf "$src"
mkdir -p "$src"
cp "$here"/*.cpp "$here"/*.hpp "$here"/Makefile "$here"/CMakeLists.txt "$src"/

echo "== examples/cpp: make with pkg-config ($pcdir)"
make -C "$src" PKG_CONFIG_PATH="$pcdir" \
    CXXFLAGS="-O2 -std=c++17 -Wall -Wextra -Wpedantic -Wconversion -Werror"
echo "== examples/cpp: run (LD_LIBRARY_PATH=$libdir)"
LD_LIBRARY_PATH=$libdir "$src/solve_many" </dev/null
resolved=$(LD_LIBRARY_PATH=$libdir ldd "$src/solve_many")
[[ $resolved == *"libfastlinalg.so.0 => $libdir/libfastlinalg.so.0"* ]] ||
    { echo "solve_many did not load libfastlinalg.so.0 from $libdir: $resolved" >&2; exit 1; }

echo "== examples/cpp: cmake with find_package(fastlinalg) (CMAKE_PREFIX_PATH=$prefix)"
cmake -S "$src" -B "$src/build" -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH="$prefix"
cmake --build "$src/build"
echo "== examples/cpp: run the CMake build (its RPATH finds the library)"
"$src/build/solve_many" </dev/null
