import concurrent.futures as cf
import os
import subprocess
import sys

import numpy as np
import pytest

import fastlinalg
from helpers import rng, scaled_residual, spd, well_conditioned


def _shared_factor_solves(f, c, c_matrix, bs, serial, compare):
    """Solves with one LU and one Cholesky factor from 8 threads at once; each LU solve is
    compared with its serial result by `compare`, each Cholesky solve by its residual."""
    def work(i):
        b = bs[i]
        x = f.solve(b, trans=bool(i % 2))
        y = c.solve(np.asfortranarray(b))
        return i, x, y, f.slogdet(), f.rcond()

    with cf.ThreadPoolExecutor(max_workers=8) as pool:
        for _ in range(3):
            for i, x, y, (sign, logdet), r in pool.map(work, range(len(bs))):
                compare(x, serial[i])
                assert scaled_residual(c_matrix, y, bs[i]) < 30
                assert (sign, logdet) == f.slogdet()  # read from the stored factor: exact
                # gecon's estimate may differ in the last bits when the BLAS threads differ
                assert r == pytest.approx(f.rcond(), rel=1e-10)


def _problem(n=300):
    a = well_conditioned(n, np.float64, seed=21)
    c_matrix = spd(n, np.float64, seed=22)
    f, c = fastlinalg.lu(a), fastlinalg.cholesky(c_matrix)
    bs = [rng(100 + i).standard_normal((n, 1 + i % 7)) for i in range(64)]
    serial = [f.solve(b, trans=bool(i % 2)) for i, b in enumerate(bs)]
    return f, c, c_matrix, bs, serial


def test_threads_share_one_factor():
    # What docs/reliability.md promises with several BLAS threads: the same solve from any
    # thread agrees with the serial one to rounding, not bit for bit, because a concurrent
    # small call's serial region can change how many threads this call's BLAS uses, and
    # with it the order of its sums. Two backward-stable solves of A x = b differ by at most
    # about 2 n eps cond(A) ||x|| (cond from LAPACK's 1-norm estimate); 10x that is asserted.
    f, c, c_matrix, bs, serial = _problem()
    n, eps = f.shape[0], np.finfo(np.float64).eps
    bound = 20 * n * eps / f.rcond()

    def within_rounding(x, want):
        assert np.linalg.norm(x - want, np.inf) <= bound * np.linalg.norm(want, np.inf)

    _shared_factor_solves(f, c, c_matrix, bs, serial, within_rounding)


def test_threads_share_one_factor_bit_identical_on_one_blas_thread():
    # With one BLAS thread nothing changes the order of the sums: every thread's solve is
    # bit-identical to the serial one (docs/reliability.md).
    n0 = fastlinalg.get_num_threads()
    try:
        fastlinalg.set_num_threads(1)
        f, c, c_matrix, bs, serial = _problem()
        _shared_factor_solves(f, c, c_matrix, bs, serial, np.testing.assert_array_equal)
    finally:
        fastlinalg.set_num_threads(n0)


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
