import concurrent.futures as cf
import os
import subprocess
import sys

import numpy as np
import pytest

import fastlinalg
from helpers import rng, scaled_residual, spd, well_conditioned


def test_threads_share_one_factor():
    n = 300
    a = well_conditioned(n, np.float64, seed=21)
    f = fastlinalg.lu(a)
    c = fastlinalg.cholesky(spd(n, np.float64, seed=22))
    bs = [rng(100 + i).standard_normal((n, 1 + i % 7)) for i in range(64)]
    serial = [f.solve(b, trans=bool(i % 2)) for i, b in enumerate(bs)]

    def work(i):
        b = bs[i]
        x = f.solve(b, trans=bool(i % 2))
        y = c.solve(np.asfortranarray(b))
        return i, x, y, f.slogdet(), f.rcond()

    with cf.ThreadPoolExecutor(max_workers=8) as pool:
        for _ in range(3):
            for i, x, y, (sign, logdet), r in pool.map(work, range(len(bs))):
                np.testing.assert_array_equal(x, serial[i])  # same work, same bits
                assert scaled_residual(spd(n, np.float64, seed=22), y, bs[i]) < 30
                assert (sign, logdet) == f.slogdet()
                # gecon's estimate may differ in the last bits when the BLAS threads differ
                assert r == pytest.approx(f.rcond(), rel=1e-10)


def test_module_functions():
    assert fastlinalg.__version__ == "0.1.0"
    assert fastlinalg.library_version() == "0.1.0"
    assert fastlinalg._lib.lib.fl_version_number() == 100
    info, core = fastlinalg.blas_info(), fastlinalg.blas_core()
    assert isinstance(info, str) and info
    assert isinstance(core, str) and core
    n0 = fastlinalg.get_num_threads()
    assert n0 >= 1
    try:
        fastlinalg.set_num_threads(1)
        assert fastlinalg.get_num_threads() == 1
    finally:
        fastlinalg.set_num_threads(n0)
    assert fastlinalg.get_num_threads() == n0
    assert os.path.exists(fastlinalg.library_path()) or "libfastlinalg" in fastlinalg.library_path()


def _python(code, **env_changes):
    env = dict(os.environ)
    env["PYTHONPATH"] = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    for k, v in env_changes.items():
        if v is None:
            env.pop(k, None)
        else:
            env[k] = v
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True, timeout=120)


def test_import_error_is_clear():
    proc = _python("import fastlinalg", FASTLINALG_LIBRARY="/nonexistent/libfastlinalg.so")
    assert proc.returncode != 0
    assert "ImportError" in proc.stderr and "FASTLINALG_LIBRARY" in proc.stderr


def test_openblas_coretype_override():
    proc = _python("import fastlinalg; print(fastlinalg.blas_core())",
                   OPENBLAS_CORETYPE="Haswell")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().lower() == "haswell"


def test_version_check():
    from fastlinalg._lib import _check_version

    class Stub:
        _name = "libstub.so"

        def __init__(self, number):
            self.number = number

        def fl_version_number(self):
            return self.number

        def fl_version(self):
            n = self.number
            return f"{n // 10000}.{n // 100 % 100}.{n % 100}".encode()

    assert _check_version(Stub(100)) == "0.1.0"
    assert _check_version(Stub(105)) == "0.1.5"
    for bad in (200, 10100, 0):
        with pytest.raises(ImportError, match="needs 0.1.x"):
            _check_version(Stub(bad))
