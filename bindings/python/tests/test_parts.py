"""Parts (Q, R, U, Vt, ...), apply_q, rank_update, what each kind does not support, bad
shapes and the new C calls through the raw ABI."""
import ctypes

import numpy as np
import pytest
import scipy.linalg

import fastlinalg
from fastlinalg import Status, _lib
from helpers import DTYPES, assert_close, rng, spd, tall, well_conditioned

ORDERS = ["C", "F"]


# -- QR parts and apply_q --------------------------------------------------------------------------
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("a_order", ORDERS)
@pytest.mark.parametrize("m,n", [(30, 8), (9, 9), (5, 1)])
def test_qr_parts_vs_scipy(dtype, a_order, m, n):
    a = tall(m, n, dtype, seed=m, order=a_order)
    a64 = a.astype(np.float64)
    f = fastlinalg.qr(a)
    q, r = f.Q, f.R
    assert q.shape == (m, n) and r.shape == (n, n)
    assert q.dtype == dtype and r.dtype == dtype
    assert np.all(np.tril(r, -1) == 0)
    assert_close(q.T.astype(np.float64) @ q, np.eye(n), dtype, 10)
    assert_close(q.astype(np.float64) @ r, a64, dtype, 10)
    # R agrees with scipy's up to the signs of its rows (Q's columns).
    q_ref, r_ref = scipy.linalg.qr(a64, mode="economic")
    assert_close(np.abs(r), np.abs(r_ref), dtype, 10)
    signs = np.sign(np.diag(r)) * np.sign(np.diag(r_ref))
    assert_close(q, q_ref * signs, dtype, 10)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("c_order", ORDERS)
@pytest.mark.parametrize("make", [fastlinalg.qr, fastlinalg.cod])
def test_apply_q(dtype, c_order, make):
    m, n = 17, 6
    a = tall(m, n, dtype, seed=2)
    f = make(a)
    c = np.asarray(rng(1).standard_normal((m, 4)), dtype=dtype, order=c_order)
    keep = c.copy()
    qc = f.apply_q(c)
    assert qc.shape == c.shape and qc.dtype == dtype and not np.shares_memory(qc, c)
    np.testing.assert_array_equal(c, keep)
    assert qc.flags.c_contiguous if c_order == "C" else qc.flags.f_contiguous
    # Q is orthogonal: norms are kept, Q^T undoes Q.
    assert_close(np.linalg.norm(qc, axis=0), np.linalg.norm(c.astype(np.float64), axis=0), dtype)
    assert_close(f.apply_q(qc, trans=True), c, dtype, 10)
    assert_close(f.apply_q(qc, trans="T"), c, dtype, 10)
    # The full Q's first n columns: for QR they are the thin Q part.
    full = f.apply_q(np.eye(m, dtype=dtype))
    assert_close(full.T.astype(np.float64) @ full, np.eye(m), dtype, 10)
    if make is fastlinalg.qr:
        assert_close(full[:, :n], f.Q, dtype, 10)
        # Q^T A = [R; 0]
        qta = f.apply_q(a, trans=True)
        assert_close(qta[:n], f.R, dtype, 10)
        assert_close(qta[n:], np.zeros((m - n, n)), dtype, 10)
    # 1-D C, and in place
    v = np.asarray(rng(2).standard_normal(m), dtype=dtype)
    qv = f.apply_q(v)
    assert qv.shape == (m,)
    assert_close(qv, f.apply_q(v[:, None])[:, 0], dtype)
    w = v.copy()
    assert f.apply_q(w, overwrite_c=True) is w
    assert_close(w, qv, dtype)
    cc = c.copy(order=c_order)
    assert f.apply_q(cc, overwrite_c=True) is cc
    assert_close(cc, qc, dtype)
    # a strided C is copied
    big = np.asarray(rng(3).standard_normal((m, 8)), dtype=dtype)
    assert_close(f.apply_q(big[:, ::2]), f.apply_q(np.ascontiguousarray(big[:, ::2])), dtype)


def test_apply_q_errors():
    f = fastlinalg.qr(tall(8, 3, np.float64))
    with pytest.raises(fastlinalg.DimensionMismatchError):
        f.apply_q(np.ones((3, 2)))  # Q is 8-by-8
    with pytest.raises(fastlinalg.DimensionMismatchError):
        f.apply_q(np.ones(7))
    with pytest.raises(fastlinalg.InvalidArgumentError):
        f.apply_q(np.ones((8, 1, 1)))
    with pytest.raises(fastlinalg.InvalidArgumentError):
        f.apply_q(np.ones(8), trans="X")
    f32 = fastlinalg.qr(tall(8, 3, np.float32))
    with pytest.raises(fastlinalg.DtypeMismatchError):
        f32.apply_q(np.ones(8))
    assert f32.apply_q(np.ones(8, dtype=np.int32)).dtype == np.float32


# -- rank update -----------------------------------------------------------------------------------
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("v_order", ORDERS)
@pytest.mark.parametrize("k", [None, 1, 3])
@pytest.mark.parametrize("lower", [True, False])
def test_rank_update_vs_fresh_cholesky(dtype, v_order, k, lower):
    n = 24
    a = spd(n, dtype, seed=3)
    f = fastlinalg.cholesky(a, lower=lower)
    shape = (n,) if k is None else (n, k)
    v = np.asarray(0.5 * rng(4).standard_normal(shape), dtype=dtype, order=v_order)
    v2 = v.astype(np.float64).reshape(n, -1)
    b = np.asarray(rng(5).standard_normal((n, 2)), dtype=dtype)
    up = f.rank_update(v)
    assert up is not f and up.kind == "cholesky" and up.shape == (n, n) and up.dtype == dtype
    a_up = a.astype(np.float64) + v2 @ v2.T
    fresh = fastlinalg.cholesky(a_up.astype(dtype))
    assert_close(up.solve(b), fresh.solve(b), dtype, 10)
    assert_close(up.solve(b), np.linalg.solve(a_up, b.astype(np.float64)), dtype, 10)
    assert up.slogdet()[1] == pytest.approx(np.linalg.slogdet(a_up)[1],
                                            rel=1e-4 if dtype == np.float32 else 1e-10)
    # The old factor is unchanged.
    assert_close(f.solve(b), np.linalg.solve(a.astype(np.float64), b.astype(np.float64)), dtype,
                 10)
    # Downdating the update gives A back.
    down = up.rank_update(v, sign=-1)
    assert_close(down.solve(b), np.linalg.solve(a.astype(np.float64), b.astype(np.float64)),
                 dtype, 100)


def test_rank_update_errors():
    n = 5
    f = fastlinalg.cholesky(np.eye(n))
    with pytest.raises(fastlinalg.NotPositiveDefiniteError):
        f.rank_update(2.0 * np.eye(n)[:, :1], sign=-1)  # I - 4 e1 e1^T is indefinite
    with pytest.raises(fastlinalg.DimensionMismatchError):
        f.rank_update(np.ones(n + 1))
    with pytest.raises(fastlinalg.InvalidArgumentError):
        f.rank_update(np.ones(n), sign=2)
    with pytest.raises(fastlinalg.InvalidArgumentError):
        f.rank_update(np.ones(n), sign=0)
    with pytest.raises(fastlinalg.InvalidArgumentError):
        f.rank_update(np.ones((n, 1, 1)))
    f32 = fastlinalg.cholesky(np.eye(n, dtype=np.float32))
    with pytest.raises(fastlinalg.DtypeMismatchError):
        f32.rank_update(np.ones(n))
    # zero columns: the same matrix again
    same = f.rank_update(np.empty((n, 0)))
    assert_close(same.solve(np.ones(n)), np.ones(n), np.float64)


def test_rank_update_unsupported_for_other_kinds():
    f = fastlinalg.lu(well_conditioned(4, np.float64))
    with pytest.raises(fastlinalg.UnsupportedError):
        f.rank_update(np.ones(4))


# -- what each kind does not support --------------------------------------------------------------
ALL_PARTS = ["singular_values", "U", "Vt", "eigenvalues", "eigenvectors", "Q", "R", "L", "D", "perm"]
SUPPORTED_PARTS = {
    "lu": {"L", "U", "perm"}, "cholesky": {"L", "U"}, "ldlt": {"L", "D", "perm"},
    "qr": {"Q", "R"}, "cod": {"R"},
    "svd": {"singular_values", "U", "Vt"}, "eigh": {"eigenvalues", "eigenvectors"},
}


def make_kind(kind):
    a = spd(6, np.float64, seed=1)
    return getattr(fastlinalg, kind)(a)


@pytest.mark.parametrize("kind", ["lu", "cholesky", "ldlt", "qr", "cod", "svd", "eigh"])
def test_unsupported_parts(kind):
    f = make_kind(kind)  # built outside pytest.raises: a kind not built yet must not pass here
    assert f.kind == kind
    for part in ALL_PARTS:
        if part in SUPPORTED_PARTS[kind]:
            assert isinstance(getattr(f, part), np.ndarray)
        else:
            with pytest.raises(fastlinalg.UnsupportedError) as ei:
                getattr(f, part)
            e = ei.value
            assert e.status == Status.UNSUPPORTED and isinstance(e, NotImplementedError)
            assert e.message


@pytest.mark.parametrize("kind,queries", [
    ("lu", ["rank", "inertia", "apply_q", "residual_norms", "solve_shifted", "rank_update"]),
    ("cholesky", ["rank", "apply_q", "residual_norms", "solve_shifted"]),
    ("ldlt", ["rank", "apply_q", "residual_norms", "solve_shifted", "rank_update"]),
    ("qr", ["rank", "inertia", "slogdet", "solve_shifted", "rank_update"]),
    ("cod", ["inertia", "slogdet", "solve_shifted", "rank_update"]),
    ("svd", ["inertia", "slogdet", "apply_q", "solve_shifted", "rank_update"]),
    ("eigh", ["apply_q", "residual_norms", "rank_update"]),
])
def test_unsupported_queries(kind, queries):
    f = make_kind(kind)
    calls = {
        "rank": lambda: f.rank,
        "inertia": lambda: f.inertia,
        "slogdet": f.slogdet,
        "apply_q": lambda: f.apply_q(np.ones(6)),
        "residual_norms": lambda: f.residual_norms(np.ones(6)),
        "solve_shifted": lambda: f.solve_shifted(np.ones(6), [1.0]),
        "rank_update": lambda: f.rank_update(np.ones(6)),
    }
    for q in queries:
        with pytest.raises(fastlinalg.UnsupportedError):
            calls[q]()


def test_cholesky_inertia_all_positive():
    assert fastlinalg.cholesky(spd(5, np.float32)).inertia == (5, 0, 0)


def test_lu_pinv_is_inverse():
    a = well_conditioned(7, np.float64)
    f = fastlinalg.lu(a)
    assert_close(f.pinv(), np.linalg.inv(a), np.float64, 10)


# -- bad shapes and arguments ----------------------------------------------------------------------
def test_bad_shapes():
    f = fastlinalg.svd(tall(9, 4, np.float64))
    for bad in (np.ones(4), np.ones((4, 2)), np.ones((10, 1))):
        with pytest.raises(fastlinalg.DimensionMismatchError):
            f.solve(bad)
        with pytest.raises(fastlinalg.DimensionMismatchError):
            f.residual_norms(bad)
    with pytest.raises(fastlinalg.DimensionMismatchError):
        f.solve(np.ones(9), trans=True)  # op(A) = A^T is 4-by-9
    assert f.solve(np.ones(4), trans=True).shape == (9,)
    with pytest.raises(fastlinalg.InvalidArgumentError):
        f.solve(np.ones((9, 1, 1)))
    with pytest.raises(fastlinalg.InvalidArgumentError):
        f.residual_norms(np.ones((9, 1, 1)))
    with pytest.raises(fastlinalg.InvalidArgumentError):
        f.inv(order="A")
    with pytest.raises(fastlinalg.InvalidArgumentError):
        fastlinalg.svd(np.ones(5))
    with pytest.raises(fastlinalg.InvalidArgumentError):  # a stack of wide matrices
        fastlinalg.qr(np.ones((2, 2, 3)))


def test_empty_matrices():
    for make in (fastlinalg.qr, fastlinalg.cod, fastlinalg.svd):
        f = make(np.empty((3, 0)))
        assert f.shape == (3, 0)
        assert f.solve(np.ones(3)).shape == (0,)
        assert f.inv().shape == (0, 3)
    f = fastlinalg.svd(np.empty((0, 0)))
    assert f.singular_values.shape == (0,) and f.rank == 0
    f = fastlinalg.eigh(np.empty((0, 0)))
    assert f.eigenvalues.shape == (0,) and f.eigenvectors.shape == (0, 0)
    assert f.slogdet() == (1.0, 0.0)


# -- raw ABI: the new calls ------------------------------------------------------------------------
L = _lib.lib


def test_raw_invalid_kinds():
    a = np.eye(3)
    h = ctypes.c_void_p()
    for kind in (0, 9, -1, 100):
        st = L.fl_factor_create(ctypes.byref(h), kind, 2, 1, 3, 3, a.ctypes.data, 3, None)
        assert st == Status.INVALID_ARGUMENT, kind
        assert h.value is None
        assert str(kind) in _lib.last_error()


def test_raw_real_options():
    o = ctypes.c_void_p()
    assert L.fl_options_create(ctypes.byref(o)) == 0
    try:
        v = ctypes.c_double()
        assert L.fl_options_get_real(o, _lib.OPT_RTOL, ctypes.byref(v)) == 0 and v.value == -1
        assert L.fl_options_get_real(o, _lib.OPT_ATOL, ctypes.byref(v)) == 0 and v.value == 0
        assert L.fl_options_set_real(o, _lib.OPT_RTOL, 1e-6) == 0
        assert L.fl_options_get_real(o, _lib.OPT_RTOL, ctypes.byref(v)) == 0 and v.value == 1e-6
        assert L.fl_options_set_real(o, _lib.OPT_ATOL, 0.25) == 0
        assert L.fl_options_get_real(o, _lib.OPT_ATOL, ctypes.byref(v)) == 0 and v.value == 0.25
        # out of range, NaN and the wrong type leave the handle unchanged
        for opt, val in ((_lib.OPT_RTOL, 1.0), (_lib.OPT_RTOL, -2.0), (_lib.OPT_ATOL, -1.0),
                         (_lib.OPT_RTOL, float("nan")), (_lib.OPT_ATOL, float("nan")),
                         (_lib.OPT_CHECK_FINITE, 1.0), (_lib.OPT_TRIANGLE, 1.0), (42, 1.0)):
            assert L.fl_options_set_real(o, opt, val) == Status.INVALID_ARGUMENT, (opt, val)
        assert L.fl_options_get_real(o, _lib.OPT_RTOL, ctypes.byref(v)) == 0 and v.value == 1e-6
        i = ctypes.c_int64()
        assert L.fl_options_set_int(o, _lib.OPT_RTOL, 0) == Status.INVALID_ARGUMENT
        assert L.fl_options_get_int(o, _lib.OPT_ATOL, ctypes.byref(i)) == Status.INVALID_ARGUMENT
        assert L.fl_options_get_real(o, _lib.OPT_CHECK_FINITE,
                                     ctypes.byref(v)) == Status.INVALID_ARGUMENT
    finally:
        L.fl_options_destroy(o)


def test_raw_part_and_shift_arguments():
    f = fastlinalg.svd(tall(6, 4, np.float64))
    r, c = ctypes.c_int64(), ctypes.c_int64()
    assert L.fl_factor_part_shape(f._h, _lib.PART_U, ctypes.byref(r), ctypes.byref(c)) == 0
    assert (r.value, c.value) == (6, 4)
    assert L.fl_factor_part_shape(f._h, _lib.PART_VT, ctypes.byref(r), ctypes.byref(c)) == 0
    assert (r.value, c.value) == (4, 4)
    for bad_part in (0, 100, -1):
        assert L.fl_factor_part_shape(f._h, bad_part, ctypes.byref(r),
                                      ctypes.byref(c)) == Status.INVALID_ARGUMENT
    out = np.empty((6, 4))
    assert L.fl_factor_get_part(f._h, _lib.PART_U, 2, 1, out.ctypes.data, 3) \
        == Status.INVALID_ARGUMENT  # ld < cols
    assert L.fl_factor_get_part(f._h, _lib.PART_U, 1, 1, out.ctypes.data, 4) \
        == Status.DTYPE_MISMATCH
    e = fastlinalg.eigh(spd(4, np.float64))
    b = np.ones((4, 2))
    x = np.empty((3, 4, 2))
    sh = np.array([1.0, 2.0, 3.0])
    # x_stride that would overlap consecutive outputs
    assert L.fl_factor_solve_shifted(e._h, 2, 3, sh.ctypes.data, 2, 1, b.ctypes.data, 2, 1,
                                     x.ctypes.data, 2, 4) == Status.INVALID_ARGUMENT
    assert L.fl_factor_solve_shifted(e._h, 2, 3, sh.ctypes.data, 2, 1, b.ctypes.data, 2, 1,
                                     x.ctypes.data, 2, 8) == 0
    assert_close(x[2], np.linalg.solve(spd(4, np.float64) + 3 * np.eye(4), b), np.float64, 10)
    assert L.fl_factor_rank(None, ctypes.byref(r)) == Status.INVALID_ARGUMENT
    assert L.fl_factor_inertia(e._h, None, None, None) == 0
