"""Which libfastlinalg the package loads, and that library_path() names that very file."""
import os
import subprocess
import sys

import pytest

import fastlinalg

PACKAGE_DIR = os.path.dirname(os.path.abspath(fastlinalg.__file__))
BUNDLED = os.path.join(PACKAGE_DIR, "libfastlinalg.so.0")


def test_library_path_is_the_real_file():
    path = fastlinalg.library_path()
    assert os.path.isabs(path)
    assert os.path.isfile(path) and not os.path.islink(path)
    assert os.path.basename(path).startswith("libfastlinalg.so")


def test_library_path_follows_the_environment_override():
    override = os.environ.get("FASTLINALG_LIBRARY")
    if not override:
        pytest.skip("FASTLINALG_LIBRARY is not set (an installed package)")
    assert os.path.samefile(fastlinalg.library_path(), override)


def test_the_copy_inside_the_package_comes_first():
    if os.environ.get("FASTLINALG_LIBRARY") or not os.path.exists(BUNDLED):
        pytest.skip("no library inside the package, or FASTLINALG_LIBRARY overrides it")
    assert fastlinalg.library_path() == os.path.realpath(BUNDLED)


def test_a_child_with_the_override_loads_that_file():
    # FASTLINALG_LIBRARY wins over the package's own copy: a child given this process's
    # library path by the variable reports exactly that file.
    path = fastlinalg.library_path()
    env = dict(os.environ, FASTLINALG_LIBRARY=path, PYTHONPATH=os.path.dirname(PACKAGE_DIR))
    out = subprocess.run([sys.executable, "-c", "import fastlinalg; print(fastlinalg.library_path())"],
                         env=env, capture_output=True, text=True, check=True,
                         cwd=os.path.dirname(path))
    assert out.stdout.strip() == path
