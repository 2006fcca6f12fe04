#!/usr/bin/env bash
# CI stage for libfastlinalg_mpi (docs/scale.md), against the installed, moved prefix:
# its SONAME and fl_mpi_*-only exports, libfastlinalg free of MPI, and the example
# examples/mpi/solve_distributed.c built through pkg-config and through the CMake package,
# run under mpirun -np 2. The tests themselves run in ctest (mpi.np1/np2/np4).
#   bash .ci/stage-mpi.sh PKG_CONFIG_DIR LIBDIR PREFIX SCRATCH_DIR
set -euo pipefail
pcdir=$1 libdir=$2 prefix=$3 scratch=$4
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }
start=$SECONDS
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OPENBLAS_NUM_THREADS=1

lib=$libdir/libfastlinalg_mpi.so.0
[[ -f $lib ]] || die "libfastlinalg_mpi.so.0 not installed in $libdir (is FL_BUILD_MPI on?)"
soname=$(readelf -d "$lib" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
[[ $soname == libfastlinalg_mpi.so.0 ]] || die "SONAME of $lib is '$soname'"
stray=$(nm -D --defined-only "$lib" | awk '{print $NF}' | grep -v '^fl_mpi_' || true)
[[ -z $stray ]] || die "symbols other than fl_mpi_* are exported by $lib: $stray"
if readelf -d "$libdir/libfastlinalg.so.0" | grep -q 'NEEDED.*libmpi'; then
    die "libfastlinalg.so.0 depends on MPI"
fi
echo "libfastlinalg_mpi: SONAME $soname, $(nm -D --defined-only "$lib" | grep -c ' fl_mpi_') fl_mpi_* symbols"

src=$(cd "$(dirname "${BASH_SOURCE[0]}")/../examples/mpi" && pwd)
work=$scratch/mpi-consumer
cp -r "$src" "$work"
flags=$(PKG_CONFIG_PATH=$pcdir pkg-config --cflags --libs fastlinalg_mpi)
echo "pkg-config --cflags --libs fastlinalg_mpi: $flags"
# shellcheck disable=SC2086 # flags is a list
mpicc -std=c99 -Wall -Wextra -Werror -pedantic -o "$work/solve_pc" "$work/solve_distributed.c" $flags
out=$(LD_LIBRARY_PATH=$libdir mpirun -np 2 --oversubscribe "$work/solve_pc" </dev/null)
printf '%s\n' "$out"
[[ $(grep -c '= 1\.000000$' <<<"$out") -eq 6 ]] || die "solve_distributed (pkg-config): X is not all ones"

cmake -S "$work" -B "$work/build" -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
cmake --build "$work/build" -j2 >/dev/null
out=$(mpirun -np 2 --oversubscribe "$work/build/solve_distributed" </dev/null)
[[ $(grep -c '= 1\.000000$' <<<"$out") -eq 6 ]] || die "solve_distributed (CMake package): X is not all ones"
echo "mpi stage: $((SECONDS - start))s"
