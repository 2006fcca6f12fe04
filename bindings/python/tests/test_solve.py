import gc
import tracemalloc

import numpy as np
import pytest
import scipy.linalg

import fastlinalg
from helpers import DTYPES, rng, scaled_residual, spd, well_conditioned

ORDERS = ["C", "F"]


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("a_order", ORDERS)
@pytest.mark.parametrize("b_order", ORDERS)
@pytest.mark.parametrize("trans", [False, True])
@pytest.mark.parametrize("n,k", [(1, 1), (5, 3), (64, 10), (257, 33)])
def test_lu_solve_2d(dtype, a_order, b_order, trans, n, k):
    a = well_conditioned(n, dtype, seed=n, order=a_order)
    b = np.asarray(rng(k).standard_normal((n, k)), dtype=dtype, order=b_order)
    b_before = b.copy()
    f = fastlinalg.lu(a)
    assert f.kind == "lu" and f.dtype == dtype and f.shape == (n, n)
    x = f.solve(b, trans=trans)
    assert x.dtype == dtype and x.shape == (n, k)
    assert not np.shares_memory(x, b)
    np.testing.assert_array_equal(b, b_before)  # B only read
    if k > 1 and n > 1:
        assert x.flags.c_contiguous if b_order == "C" else x.flags.f_contiguous
    assert scaled_residual(a, x, b, trans) < 30
    ref = scipy.linalg.lu_solve(scipy.linalg.lu_factor(a.astype(np.float64)),
                                b.astype(np.float64), trans=int(trans))
    tol = 1e-3 if dtype == np.float32 else 1e-10
    np.testing.assert_allclose(x, ref, rtol=tol, atol=tol)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("trans", [False, True, 0, 1, 2, "N", "T", "C"])
def test_lu_solve_1d(dtype, trans):
    n = 40
    a = well_conditioned(n, dtype, seed=3)
    b = rng(4).standard_normal(n).astype(dtype)
    x = fastlinalg.lu(a).solve(b, trans=trans)
    assert x.shape == (n,) and x.dtype == dtype
    t = trans not in (False, 0, "N")
    assert scaled_residual(a, x, b, t) < 30
    ref = np.linalg.solve(a.T if t else a, b)
    np.testing.assert_allclose(x, ref, rtol=1e-3 if dtype == np.float32 else 1e-10)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("lower", [True, False])
@pytest.mark.parametrize("a_order", ORDERS)
@pytest.mark.parametrize("b_order", ORDERS)
@pytest.mark.parametrize("n,k", [(1, 1), (7, 2), (130, 17)])
def test_cholesky_reads_one_triangle(dtype, lower, a_order, b_order, n, k):
    a = spd(n, dtype, seed=n)
    garbage = a.copy()
    # Fill the triangle that must not be read with nonsense: the result must not change.
    iu = np.triu_indices(n, 1) if lower else np.tril_indices(n, -1)
    garbage[iu] = 1e6
    garbage = np.asarray(garbage, order=a_order)
    b = np.asarray(rng(1).standard_normal((n, k)), dtype=dtype, order=b_order)
    f = fastlinalg.cholesky(garbage, lower=lower)
    assert f.kind == "cholesky"
    for trans in (False, True):
        x = f.solve(b, trans=trans)
        assert scaled_residual(a, x, b) < 30
    ref = scipy.linalg.cho_solve(scipy.linalg.cho_factor(a.astype(np.float64)), b)
    tol = 1e-3 if dtype == np.float32 else 1e-10
    np.testing.assert_allclose(f.solve(b), ref, rtol=tol, atol=tol)


@pytest.mark.parametrize("lower", [True, False])
def test_cholesky_nan_in_unread_triangle(lower):
    a = spd(6, np.float64)
    iu = np.triu_indices(6, 1) if lower else np.tril_indices(6, -1)
    a[iu] = np.nan
    b = np.arange(6.0)
    f = fastlinalg.cholesky(a, lower=lower)  # "the other triangle is never read"
    full = np.where(np.isnan(a), a.T, a)
    assert scaled_residual(full, f.solve(b), b) < 30


@pytest.mark.parametrize("dtype", DTYPES)
def test_strided_inputs(dtype):
    n, k = 50, 6
    big = well_conditioned(2 * n, dtype, seed=9)
    a_view = big[:n, :n]               # leading stride 2n, no copy needed
    a_strided = big[::2, ::2]          # no usable stride: one copy
    for a in (a_view, a_strided, np.asfortranarray(big)[:n, :n]):
        f = fastlinalg.lu(a)
        bb = np.asarray(rng(2).standard_normal((2 * n, 3 * k)), dtype=dtype)
        for b in (bb[:n, :k], bb[::2, ::3], bb[:n, 5], bb[::2, 0], np.asfortranarray(bb)[:n, :k],
                  bb[:n, :k].T.copy().T, np.broadcast_to(bb[:n, :1], (n, k))):
            x = f.solve(b)
            assert x.shape == b.shape
            assert scaled_residual(a, x, b) < 30


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("order", ORDERS)
def test_overwrite_b(dtype, order):
    n, k = 30, 4
    a = well_conditioned(n, dtype)
    f = fastlinalg.lu(a)
    b = np.asarray(rng(5).standard_normal((n, k)), dtype=dtype, order=order)
    b0 = b.copy()
    x = f.solve(b, overwrite_b=True)
    assert x is b
    assert scaled_residual(a, x, b0) < 30
    # 1-D in place
    v = b0[:, 0].copy()
    y = f.solve(v, overwrite_b=True, trans=True)
    assert y is v and scaled_residual(a, y, b0[:, 0], True) < 30
    # Strided with a usable leading stride: still in place.
    wide = np.asarray(rng(6).standard_normal((n, 2 * k)), dtype=dtype, order=order)
    view = wide[:, :k] if order == "C" else wide[:, :k]
    orig = view.copy()
    x = f.solve(view, overwrite_b=True)
    assert np.shares_memory(x, wide)
    assert scaled_residual(a, x, orig) < 30
    # Read-only B: not overwritten, a new array comes back.
    ro = b0.copy()
    ro.flags.writeable = False
    x = f.solve(ro, overwrite_b=True)
    assert x is not ro and np.array_equal(ro, b0)
    # Other dtype: converted copy, the caller's array untouched.
    other = b0.astype(np.int64)
    before = other.copy()
    x = f.solve(other, overwrite_b=True)
    assert x.dtype == dtype and np.array_equal(other, before)


def test_empty_and_tiny():
    for dtype in DTYPES:
        for make in (fastlinalg.lu, fastlinalg.cholesky):
            f = make(np.empty((0, 0), dtype=dtype))
            assert f.shape == (0, 0)
            assert f.solve(np.empty(0, dtype=dtype)).shape == (0,)
            assert f.solve(np.empty((0, 3), dtype=dtype)).shape == (0, 3)
            assert f.solve(np.empty((0, 3), dtype=dtype, order="F"), trans=True).shape == (0, 3)
            sign, logdet = f.slogdet()
            assert sign == 1 and logdet == 0
            assert f.det() == 1
            assert f.rcond() == 1
            assert f.inv().shape == (0, 0)
            f1 = make(np.array([[4.0]], dtype=dtype))
            assert f1.solve(np.array([2.0], dtype=dtype))[0] == pytest.approx(0.5)
            assert f1.solve(np.array([[2.0, 8.0]], dtype=dtype)).tolist() == [[0.5, 2.0]]
            assert f1.det() == pytest.approx(4.0)
            assert f1.inv()[0, 0] == pytest.approx(0.25)
            # zero right-hand sides
            f5 = make(spd(5, dtype))
            for order in ORDERS:
                assert f5.solve(np.empty((5, 0), dtype=dtype, order=order)).shape == (5, 0)


def test_negative_1x1_lu():
    f = fastlinalg.lu(np.array([[-3.0]]))
    sign, logdet = f.slogdet()
    assert sign == -1 and logdet == pytest.approx(np.log(3.0))


def test_input_conversion():
    a_int = np.array([[4, 1], [2, 3]], dtype=np.int32)
    for a in (a_int, a_int.tolist(), a_int.astype(np.float16), a_int.astype(np.uint8),
              a_int.astype(">f8"), a_int.astype(np.longdouble)):
        f = fastlinalg.lu(a)
        assert f.dtype == np.float64
        np.testing.assert_allclose(f.solve([1, 2]), np.linalg.solve(a_int, [1, 2]))
    assert fastlinalg.lu(np.eye(3, dtype=bool)).dtype == np.float64
    f32 = fastlinalg.lu(a_int.astype(np.float32))
    assert f32.dtype == np.float32
    assert f32.solve(np.array([1, 2])).dtype == np.float32          # ints -> factor dtype
    assert f32.solve(np.array([1, 2], np.float16)).dtype == np.float32
    f64 = fastlinalg.lu(a_int.astype(np.float64))
    x = f64.solve(np.array([1, 2], np.float32))                         # f32 -> f64 is exact
    assert x.dtype == np.float64
    assert fastlinalg.lu(np.eye(2, dtype=np.clongdouble)).dtype == np.complex128
    with pytest.raises(TypeError, match="complex"):
        f64.solve(np.ones(2, dtype=complex))  # a complex B needs a complex factor
    with pytest.raises(TypeError):
        fastlinalg.lu(np.array([["a", "b"], ["c", "d"]]))


def test_no_python_copy_of_contiguous_a():
    n = 400  # 1.28 MB of float64
    for order in ORDERS:
        for dtype in DTYPES:
            a = well_conditioned(n, dtype, order=order)
            if dtype == np.float32:
                a.flags.writeable = False  # the general path must not copy either
            tracemalloc.start()
            try:
                f = fastlinalg.lu(a)
                _, peak = tracemalloc.get_traced_memory()
            finally:
                tracemalloc.stop()
            assert peak < a.nbytes / 4, f"python side allocated {peak} bytes for {order} A"
            f.close()
    strided = well_conditioned(2 * n, np.float64)[::2, ::2]
    tracemalloc.start()
    try:
        fastlinalg.lu(strided).close()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak >= strided.nbytes  # exactly the one copy a non-contiguous A needs
    assert peak < 2 * strided.nbytes


def test_factor_owns_its_copy():
    n = 20
    a = well_conditioned(n, np.float64)
    keep = a.copy()
    b = rng(1).standard_normal(n)
    f = fastlinalg.lu(a)
    c = fastlinalg.cholesky(spd(n, np.float64))
    a[:] = np.nan
    del a
    gc.collect()
    x = f.solve(b)
    assert scaled_residual(keep, x, b) < 30
    assert np.isfinite(c.solve(b)).all()


def test_factor_lifetime_and_repr():
    a = spd(4, np.float32)
    with fastlinalg.cholesky(a, lower=False) as f:
        r = repr(f)
        assert "cholesky" in r and "float32" in r and "(4, 4)" in r
        kind, fl_dtype, rows, cols = f._library_info()
        assert (kind, fl_dtype, rows, cols) == (2, 1, 4, 4)
        assert not f.closed
    assert f.closed and "closed" in repr(f)
    f.close()  # idempotent
    with pytest.raises(fastlinalg.InvalidArgumentError, match="closed"):
        f.solve(np.ones(4, np.float32))
    for method in (f.slogdet, f.det, f.rcond, f.inv):
        with pytest.raises(fastlinalg.InvalidArgumentError):
            method()
    g = fastlinalg.lu(a)
    assert g._library_info() == (1, 1, 4, 4)
    import copy
    import pickle
    assert copy.copy(g) is g and copy.deepcopy(g) is g
    assert pickle.loads(pickle.dumps(g))._library_info() == (1, 1, 4, 4)  # test_saved.py
    with pytest.raises(TypeError):
        fastlinalg.Factor()
    del g
    gc.collect()


@pytest.mark.filterwarnings("ignore::fastlinalg.LinAlgWarning")  # a NaN matrix's rcond is 0
def test_check_finite_false_skips_check():
    a = well_conditioned(5, np.float64)
    a[2, 3] = np.nan
    try:
        f = fastlinalg.lu(a, check_finite=False)
    except fastlinalg.SingularMatrixError:
        return  # what LAPACK makes of NaN is unspecified; it must not be NonFiniteError
    x = f.solve(np.ones(5))
    assert x.shape == (5,)


def test_solve_check_finite_defaults_to_true_as_in_scipy():
    f = fastlinalg.lu(np.eye(3))
    b = np.array([1.0, np.nan, 2.0])
    # The library checks B of a factor made with check_finite=True, naming the element.
    with pytest.raises(fastlinalg.NonFiniteError, match=r"b\[1, 0\] is nan"):
        f.solve(b)
    for order in "CF":
        b2 = np.array([[1.0, 2.0], [3.0, np.inf], [5.0, 6.0]], order=order)
        with pytest.raises(fastlinalg.NonFiniteError, match=r"b\[1, 1\] is inf"):
            f.solve(b2)
    # A factor made without the check: solve's own check_finite decides.
    g = fastlinalg.lu(np.eye(3), check_finite=False)
    with pytest.raises(fastlinalg.NonFiniteError):
        g.solve(b)
    assert np.isnan(g.solve(b, check_finite=False)[1])


def test_misaligned_buffers():
    n = 16
    a = well_conditioned(n, np.float64)
    raw = bytearray(a.nbytes + 1)
    mis = np.frombuffer(raw, dtype=np.float64, offset=1, count=n * n).reshape(n, n)
    mis[...] = a
    f = fastlinalg.lu(mis)
    rawb = bytearray(8 * n * 2 + 1)
    bmis = np.frombuffer(rawb, dtype=np.float64, offset=1, count=2 * n).reshape(n, 2)
    bmis[...] = rng(3).standard_normal((n, 2))
    assert scaled_residual(a, f.solve(bmis), bmis) < 30
    assert scaled_residual(a, f.solve(bmis[:, 0]), bmis[:, 0]) < 30


def test_large_blocked_path_uses_threads_safely():
    n, k = 700, 300
    a = well_conditioned(n, np.float64, seed=11, order="F")
    b = rng(12).standard_normal((n, k))
    f = fastlinalg.lu(a)
    assert scaled_residual(a, f.solve(b), b) < 30
    assert scaled_residual(a, f.solve(b, trans=True), b, True) < 30
    c = fastlinalg.cholesky(spd(n, np.float64, seed=13))
    assert scaled_residual(spd(n, np.float64, seed=13), c.solve(b), b) < 30
