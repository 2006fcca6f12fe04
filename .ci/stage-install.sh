#!/usr/bin/env bash
# CI stage "install: custom prefix and /usr/local" (budget: 3 minutes, most of it the two
# venvs' pip installs).
#
#   bash .ci/stage-install.sh BUILD_DIR SCRATCH_DIR
#
# Installs BUILD_DIR (configured and built) twice, as README.md's "Install" section says:
#  1. to a custom prefix, 2. to /usr/local followed by ldconfig. After each, with no
# LD_LIBRARY_PATH, PYTHONPATH or FASTLINALG_LIBRARY set, these must run:
#  - examples/c built through pkg-config (its Libs carry a RUNPATH to the library),
#  - examples/cmake-consumer built through find_package and installed (RUNPATH from
#    CMAKE_INSTALL_RPATH_USE_LINK_PATH), and the installed bin/fastlinalg-demo ($ORIGIN),
#  - examples/python/solve_many.py in a venv where the package was built against the
#    installed library (FL_PYTHON_LIBRARY).
# The /usr/local install is removed again at the end (install_manifest.txt), as is ldconfig's
# cache entry.
set -euo pipefail
build=${1:?usage: stage-install.sh BUILD_DIR SCRATCH_DIR}
scratch=${2:?usage: stage-install.sh BUILD_DIR SCRATCH_DIR}
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=$(cd "$build" && pwd)
python=${FL_CI_PYTHON:-/usr/bin/python3}
mkdir -p "$scratch"
unset LD_LIBRARY_PATH PYTHONPATH FASTLINALG_LIBRARY
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1

die() { echo "ERROR: $*" >&2; exit 1; }

# check_resolves PROGRAM LIBRARY: PROGRAM finds libfastlinalg.so.0 by itself, and it is LIBRARY.
check_resolves() {
    local program=$1 want=$2 got
    got=$(ldd "$program" | awk '/libfastlinalg\.so\.0/ {print $3}')
    [[ $(realpath "$got") == $(realpath "$want") ]] ||
        die "$program resolves libfastlinalg.so.0 to '$got', expected $want"
    echo "  $program -> $got (RUNPATH: $(readelf -d "$program" | sed -n 's/.*(RUNPATH).*\[\(.*\)\]/\1/p'))"
}

# run_consumers PREFIX LIBDIR PKG_CONFIG_DIR TAG FL_PYTHON_LIBRARY
run_consumers() {
    local prefix=$1 libdir=$2 pcdir=$3 tag=$4 work=$scratch/$4
    mkdir -p "$work"
    echo "== [$tag] C example through pkg-config"
    cp -r "$repo/examples/c" "$work/c"
    make -s -C "$work/c" PKG_CONFIG_PATH="$pcdir"
    "$work/c/solve_many" </dev/null | tail -n 2
    check_resolves "$work/c/solve_many" "$libdir/libfastlinalg.so.0"

    echo "== [$tag] C++ example through find_package, built and installed"
    cmake -S "$repo/examples/cmake-consumer" -B "$work/cmake-build" -DCMAKE_PREFIX_PATH="$prefix" \
        -DCMAKE_INSTALL_PREFIX="$work/consumer-prefix" >/dev/null
    cmake --build "$work/cmake-build" >/dev/null
    cmake --install "$work/cmake-build" >/dev/null
    "$work/consumer-prefix/bin/cholesky_consumer" </dev/null
    check_resolves "$work/consumer-prefix/bin/cholesky_consumer" "$libdir/libfastlinalg.so.0"

    if [[ -x $prefix/bin/fastlinalg-demo ]]; then
        echo "== [$tag] the installed fastlinalg-demo"
        check_resolves "$prefix/bin/fastlinalg-demo" "$libdir/libfastlinalg.so.0"
    fi

    echo "== [$tag] Python example, the package built against the installed library"
    "$python" -m venv "$work/venv"
    "$work/venv/bin/pip" install -q "$repo/bindings/python" \
        --config-settings=cmake.define.FL_PYTHON_LIBRARY="$5"
    (cd "$work" && "$work/venv/bin/python" "$repo/examples/python/solve_many.py" </dev/null) | tee "$work/py.out"
    grep -q "loaded from $(realpath "$libdir/libfastlinalg.so.0")" "$work/py.out" ||
        die "the Python example did not load $libdir/libfastlinalg.so.0"
}

t0=$SECONDS
custom=$scratch/custom-prefix
cmake --install "$build" --prefix "$custom" >/dev/null
libdir=$(dirname "$(find "$custom" -name libfastlinalg.so.0 | head -n1)")
readelf -d "$libdir/libfastlinalg.so.0" | grep -q 'RUNPATH.*\$ORIGIN' ||
    die "the installed library has no \$ORIGIN RUNPATH"
run_consumers "$custom" "$libdir" "$libdir/pkgconfig" custom "$libdir/libfastlinalg.so.0"
printf '  custom prefix: %ds\n' $((SECONDS - t0))

t0=$SECONDS
cleanup_usr_local() {
    if [[ -f $build/install_manifest.txt ]]; then
        xargs -d '\n' rm -f <"$build/install_manifest.txt"
        rm -f "$build/install_manifest.txt"
        ldconfig
    fi
}
trap cleanup_usr_local EXIT
cmake --install "$build" --prefix /usr/local >/dev/null
ldconfig
libdir=$(dirname "$(find /usr/local -name libfastlinalg.so.0 | head -n1)")
ldconfig -p | grep -q "libfastlinalg.so.0 .*=> $libdir/libfastlinalg.so.0" ||
    die "ldconfig does not list $libdir/libfastlinalg.so.0"
# pkg-config and find_package search /usr/local by default: no path is passed.
run_consumers /usr/local "$libdir" "" usr-local libfastlinalg.so.0
printf '  /usr/local: %ds\n' $((SECONDS - t0))
