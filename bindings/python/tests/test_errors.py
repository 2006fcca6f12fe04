import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest

import fastlinalg
from fastlinalg import Status
from fastlinalg._errors import error_for


def check(excinfo, cls, status):
    e = excinfo.value
    assert type(e) is cls
    assert isinstance(e, fastlinalg.Error)
    assert e.status == status and isinstance(e.status, Status)
    assert e.message and str(e) == e.message
    return e


def test_singular():
    a = np.array([[1.0, 2.0], [2.0, 4.0]])
    with pytest.raises(fastlinalg.SingularMatrixError) as ei:
        fastlinalg.lu(a)
    e = check(ei, fastlinalg.SingularMatrixError, Status.SINGULAR)
    assert isinstance(e, np.linalg.LinAlgError)
    assert "2" in e.message  # the 1-based zero pivot
    with pytest.raises(np.linalg.LinAlgError):
        fastlinalg.lu(np.zeros((3, 3), np.float32))


def test_not_positive_definite():
    a = np.array([[1.0, 2.0], [2.0, 1.0]])
    with pytest.raises(fastlinalg.NotPositiveDefiniteError) as ei:
        fastlinalg.cholesky(a)
    e = check(ei, fastlinalg.NotPositiveDefiniteError, Status.NOT_POSITIVE_DEFINITE)
    assert isinstance(e, np.linalg.LinAlgError)
    assert "2" in e.message  # the leading minor of order 2
    with pytest.raises(np.linalg.LinAlgError):
        fastlinalg.cholesky(-np.eye(3, dtype=np.float32), lower=False)


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
@pytest.mark.parametrize("make", [fastlinalg.lu, fastlinalg.cholesky])
def test_non_finite(bad, make):
    a = np.eye(4)
    a[2, 1] = a[1, 2] = bad
    with pytest.raises(fastlinalg.NonFiniteError) as ei:
        make(a)
    e = check(ei, fastlinalg.NonFiniteError, Status.NON_FINITE)
    assert isinstance(e, ValueError)


def test_invalid_argument():
    with pytest.raises(fastlinalg.InvalidArgumentError) as ei:
        fastlinalg.ldlt(np.ones((3, 4)))  # not square: reported by the library
    e = check(ei, fastlinalg.InvalidArgumentError, Status.INVALID_ARGUMENT)
    assert isinstance(e, ValueError)
    with pytest.raises(fastlinalg.InvalidArgumentError):
        fastlinalg.cholesky(np.ones((4, 3), np.float32))
    with pytest.raises(fastlinalg.InvalidArgumentError):
        fastlinalg.lu(np.ones(3))
    with pytest.raises(fastlinalg.InvalidArgumentError):  # a stack must be (..., n, n)
        fastlinalg.lu(np.ones((2, 2, 3)))
    f = fastlinalg.lu(np.eye(2))
    with pytest.raises(fastlinalg.InvalidArgumentError):
        f.solve(np.ones((2, 2, 2)))
    with pytest.raises(fastlinalg.InvalidArgumentError):
        f.solve(np.ones(2), trans="X")
    with pytest.raises(fastlinalg.InvalidArgumentError) as ei:
        fastlinalg.set_num_threads(0)  # reported by the library
    check(ei, fastlinalg.InvalidArgumentError, Status.INVALID_ARGUMENT)
    with pytest.raises(fastlinalg.InvalidArgumentError):
        fastlinalg.set_num_threads(1.5)


def test_dimension_mismatch():
    f = fastlinalg.lu(np.eye(3))
    for b in (np.ones(4), np.ones((2, 5)), np.ones((4, 1), order="F")):
        with pytest.raises(fastlinalg.DimensionMismatchError) as ei:
            f.solve(b)
        e = check(ei, fastlinalg.DimensionMismatchError, Status.DIMENSION_MISMATCH)
        assert isinstance(e, ValueError)


def test_dtype_mismatch():
    f = fastlinalg.lu(np.eye(3, dtype=np.float32))
    for b in (np.ones(3), np.ones((3, 2)), np.ones((3, 2), order="F")):
        with pytest.raises(fastlinalg.DtypeMismatchError) as ei:
            f.solve(b)  # float64 into a float32 factor: reported by the library
        e = check(ei, fastlinalg.DtypeMismatchError, Status.DTYPE_MISMATCH)
        assert isinstance(e, TypeError)


def test_error_mapping_of_every_status():
    expected = {
        Status.INVALID_ARGUMENT: (fastlinalg.InvalidArgumentError, ValueError),
        Status.DIMENSION_MISMATCH: (fastlinalg.DimensionMismatchError, ValueError),
        Status.DTYPE_MISMATCH: (fastlinalg.DtypeMismatchError, TypeError),
        Status.SINGULAR: (fastlinalg.SingularMatrixError, np.linalg.LinAlgError),
        Status.NOT_POSITIVE_DEFINITE: (fastlinalg.NotPositiveDefiniteError,
                                       np.linalg.LinAlgError),
        Status.NON_FINITE: (fastlinalg.NonFiniteError, ValueError),
        Status.TOO_LARGE: (fastlinalg.TooLargeError, ValueError),
        Status.OUT_OF_MEMORY: (fastlinalg.OutOfMemoryError, MemoryError),
        Status.UNSUPPORTED: (fastlinalg.UnsupportedError, NotImplementedError),
        Status.INTERNAL: (fastlinalg.InternalError, RuntimeError),
    }
    for status, (cls, base) in expected.items():
        e = error_for(int(status), "msg")
        assert type(e) is cls and isinstance(e, base) and isinstance(e, fastlinalg.Error)
        assert e.status is status and e.message == "msg"
        # the library names every status
        assert fastlinalg._lib.status_string(int(status)) not in ("", "unknown status")
    unknown = error_for(99, "future")
    assert type(unknown) is fastlinalg.Error and unknown.status == 99
    assert fastlinalg._lib.status_string(99) == "unknown status"
    import pickle
    e2 = pickle.loads(pickle.dumps(error_for(4, "pivot 2")))
    assert type(e2) is fastlinalg.SingularMatrixError and e2.status == 4


def _run_isolated(code):
    """Runs code in a fresh interpreter so that a library crash fails one test, not pytest."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in [os.path.dirname(os.path.dirname(
        os.path.abspath(__file__))), env.get("PYTHONPATH", "")] if p)
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], env=env,
                          capture_output=True, text=True, timeout=120)


def test_too_large_is_reported_not_attempted():
    # Sizes beyond LAPACK's 32-bit integers must be rejected before A is read.
    proc = _run_isolated("""
        import ctypes, numpy as np, fastlinalg
        from fastlinalg import _lib
        L = _lib.lib
        a = np.zeros(4)
        h = ctypes.c_void_p()
        n = 2**31
        st = L.fl_factor_create(ctypes.byref(h), 1, 2, 2, n, n, a.ctypes.data, n, None)
        print(st, _lib.last_error())
        n = 2**40
        st2 = L.fl_factor_create(ctypes.byref(h), 1, 2, 2, n, n, a.ctypes.data, n, None)
        print(st2, _lib.last_error())
        f = fastlinalg.lu(np.eye(2))
        st3 = L.fl_factor_solve(f._h, 1, 2, 2**62, 2, a.ctypes.data, 2, 2, a.ctypes.data, 2)
        print(st3, _lib.last_error())
        """)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    for line in lines:
        status = int(line.split()[0])
        assert status in (Status.TOO_LARGE, Status.INVALID_ARGUMENT), line
    assert int(lines[0].split()[0]) == Status.TOO_LARGE, lines[0]


def test_raw_abi_bad_arguments():
    proc = _run_isolated("""
        import ctypes, numpy as np
        from fastlinalg import _lib
        L = _lib.lib
        h = ctypes.c_void_p()
        a = np.eye(3)
        out = []
        out.append(L.fl_factor_create(None, 1, 2, 1, 3, 3, a.ctypes.data, 3, None))
        out.append(L.fl_factor_create(ctypes.byref(h), 9, 2, 1, 3, 3, a.ctypes.data, 3, None))
        out.append(L.fl_factor_create(ctypes.byref(h), 1, 9, 1, 3, 3, a.ctypes.data, 3, None))
        out.append(L.fl_factor_create(ctypes.byref(h), 1, 2, 5, 3, 3, a.ctypes.data, 3, None))
        out.append(L.fl_factor_create(ctypes.byref(h), 1, 2, 1, -3, -3, a.ctypes.data, 3, None))
        out.append(L.fl_factor_create(ctypes.byref(h), 1, 2, 1, 3, 3, a.ctypes.data, 2, None))
        out.append(L.fl_factor_create(ctypes.byref(h), 1, 2, 1, 3, 3, None, 3, None))
        out.append(L.fl_factor_solve(None, 1, 2, 1, 2, a.ctypes.data, 3, 2, a.ctypes.data, 3))
        out.append(int(h.value is None))
        assert L.fl_factor_create(ctypes.byref(h), 1, 2, 1, 3, 3, a.ctypes.data, 3, None) == 0
        x = np.empty(9)
        out.append(L.fl_factor_solve(h, 4, 2, 1, 2, a.ctypes.data, 3, 2, x.ctypes.data, 3))
        out.append(L.fl_factor_solve(h, 1, 2, -1, 2, a.ctypes.data, 3, 2, x.ctypes.data, 3))
        out.append(L.fl_factor_solve(h, 1, 2, 2, 2, a.ctypes.data, 2, 2, x.ctypes.data, 3))
        # overlapping but not identical B and X
        out.append(L.fl_factor_solve(h, 1, 2, 2, 2, a.ctypes.data, 3, 2, a.ctypes.data + 8, 3))
        out.append(L.fl_factor_logdet(None, None, None))
        out.append(L.fl_factor_rcond(h, None))
        out.append(L.fl_factor_inverse(h, 2, 1, x.ctypes.data, 2))
        L.fl_factor_destroy(h)
        L.fl_factor_destroy(None)
        o = ctypes.c_void_p()
        assert L.fl_options_create(ctypes.byref(o)) == 0
        out.append(L.fl_options_set_int(o, 1, 5))
        out.append(L.fl_options_set_int(o, 2, 3))
        out.append(L.fl_options_set_int(o, 42, 1))
        v = ctypes.c_int64()
        assert L.fl_options_get_int(o, 1, ctypes.byref(v)) == 0 and v.value == 1
        assert L.fl_options_get_int(o, 2, ctypes.byref(v)) == 0 and v.value == 1
        L.fl_options_destroy(o)
        L.fl_options_destroy(None)
        print(" ".join(map(str, out)))
        """)
    assert proc.returncode == 0, proc.stderr
    codes = [int(c) for c in proc.stdout.split()]
    assert codes[:8] == [1] * 8, codes
    assert codes[8] == 1, "*factor must be NULL after a failed create"
    assert codes[9:15] == [1, 1, 1, 1, 1, 1], codes
    assert codes[15] == 1, codes  # inverse with ld < n
    assert codes[16:] == [1, 1, 1], codes


def test_error_message_is_per_thread():
    import threading
    results = {}

    def worker(i):
        f = fastlinalg.lu(np.eye(3, dtype=np.float32))
        for _ in range(200):
            try:
                if i % 2:
                    f.solve(np.ones(3))  # dtype mismatch
                else:
                    fastlinalg.cholesky(np.ones((2, 3)))  # not square
            except fastlinalg.Error as e:
                results.setdefault(i, set()).add(type(e).__name__)
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for i in range(8):
        assert results[i] == {"DtypeMismatchError" if i % 2 else "InvalidArgumentError"}
