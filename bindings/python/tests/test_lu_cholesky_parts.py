"""LU's and Cholesky's parts in scipy's words (plu, lu_factor, L, U, perm), checked against
scipy.linalg's own lu / lu_factor / cholesky, for square and rectangular LU, and
lu(allow_singular=True)."""
import numpy as np
import pytest
import scipy.linalg

import fastlinalg
from helpers import DTYPES, assert_close, spd, well_conditioned

ORDERS = ["C", "F"]


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("order", ORDERS)
@pytest.mark.parametrize("n", [1, 2, 9, 40])
def test_lu_parts_match_scipy(dtype, order, n):
    a = np.asarray(np.random.default_rng(n).standard_normal((n, n)), dtype=dtype, order=order)
    f = fastlinalg.lu(a)
    P, L, U = f.plu()
    p_ref, l_ref, u_ref = scipy.linalg.lu(a)
    # The same pivoting rule on the same matrix: the same permutation, L and U to rounding.
    assert np.array_equal(P, p_ref)
    assert_close(L, l_ref, dtype, 30)
    assert_close(U, u_ref, dtype, 30)
    assert_close(P.astype(np.float64) @ L @ U, a.astype(np.float64), dtype, 30)
    assert np.array_equal(a[f.perm], (P.T @ a))
    pl, u2 = f.plu(permute_l=True)
    assert_close(pl.astype(np.float64) @ u2, a.astype(np.float64), dtype, 30)
    lu, piv = f.lu_factor()
    lu_ref, piv_ref = scipy.linalg.lu_factor(a)
    assert np.array_equal(piv, piv_ref)
    assert_close(lu, lu_ref, dtype, 30)
    # scipy's lu_solve takes our (lu, piv) as its own.
    b = np.arange(n, dtype=dtype)
    assert_close(scipy.linalg.lu_solve((lu, piv), b), f.solve(b), dtype, 1000)


@pytest.mark.parametrize("dtype", DTYPES + [np.complex64, np.complex128])
@pytest.mark.parametrize("order", ORDERS)
@pytest.mark.parametrize("shape", [(5, 3), (3, 5), (1, 4), (4, 1), (30, 12), (12, 30)])
def test_rectangular_lu_parts_match_scipy(dtype, order, shape):
    g = np.random.default_rng(shape[0] * 100 + shape[1])
    a = g.standard_normal(shape) + (1j * g.standard_normal(shape) if dtype in (np.complex64, np.complex128) else 0)
    a = np.asarray(a, dtype=dtype, order=order)
    f = fastlinalg.lu(a)
    k = min(shape)
    P, L, U = f.plu()
    p_ref, l_ref, u_ref = scipy.linalg.lu(a)
    assert (P.shape, L.shape, U.shape) == ((shape[0], shape[0]), (shape[0], k), (k, shape[1]))
    assert np.array_equal(P, p_ref)
    # (assert_close is real-only: _scaled's norms take complex arrays as they are.)
    assert _scaled(L, l_ref, dtype) < 30 and _scaled(U, u_ref, dtype) < 30
    assert _scaled(P @ L @ U, a, dtype) < 30
    pl, _ = f.plu(permute_l=True)
    assert _scaled(pl, scipy.linalg.lu(a, permute_l=True)[0], dtype) < 30
    lu, piv = f.lu_factor()
    lu_ref, piv_ref = scipy.linalg.lu_factor(a)
    assert lu.shape == shape and np.array_equal(piv, piv_ref)
    assert _scaled(lu, lu_ref, dtype) < 30


def test_rectangular_lu_keeps_zero_pivots_and_refuses_square_queries():
    # Column 2 is zero: U[2, 2] is exactly 0, kept without allow_singular (as scipy's lu).
    a = np.array([[1.0, 0.0, 2.0, 3.0], [4.0, 0.0, 5.0, 6.0]])
    f = fastlinalg.lu(a)
    P, L, U = f.plu()
    assert U[1, 1] == 0 and np.allclose(P @ L @ U, a)
    for query in (lambda: f.solve(np.ones(2)), f.rcond, f.slogdet, f.det, f.inv):
        with pytest.raises(fastlinalg.UnsupportedError, match=r"a rectangular LU \(2 x 4\)"):
            query()
    empty = fastlinalg.lu(np.zeros((0, 3)))
    assert [x.shape for x in empty.plu()] == [(0, 0), (0, 0), (0, 3)]


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("order", ORDERS)
def test_cholesky_parts_match_scipy(dtype, order):
    a = np.asarray(spd(12, dtype), order=order)
    for lower in (True, False):
        f = fastlinalg.cholesky(a, lower=lower)
        assert_close(f.L, scipy.linalg.cholesky(a, lower=True), dtype, 30)
        assert_close(f.U, scipy.linalg.cholesky(a, lower=False), dtype, 30)
        assert np.array_equal(f.U, f.L.T)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("order", ORDERS)
def test_singular_lu_kept_on_request(dtype, order):
    # Exactly singular: the last column is zero, so getrf meets an exact zero at U[3, 3].
    a = np.asarray([[1, 2, 0], [4, 5, 0], [7, 8, 0]], dtype=dtype, order=order)
    with pytest.raises(fastlinalg.SingularMatrixError):
        fastlinalg.lu(a)
    f = fastlinalg.lu(a, allow_singular=True)
    assert f.slogdet() == np.linalg.slogdet(np.zeros((2, 2)))  # numpy's (0, -inf)
    assert f.det() == 0 and f.rcond() == 0
    with pytest.raises(fastlinalg.SingularMatrixError, match=r"U\[3, 3\]"):
        f.solve(np.ones(3, dtype))
    P, L, U = f.plu()
    assert_close(P @ L @ U, a, dtype, 30)
    # A nonsingular matrix is unaffected.
    w = well_conditioned(5, dtype)
    assert_close(fastlinalg.lu(w, allow_singular=True).slogdet()[1], np.linalg.slogdet(w)[1], dtype, 100)


def test_index_parts_of_other_kinds_are_unsupported():
    f = fastlinalg.cholesky(spd(4, np.float64))
    with pytest.raises(fastlinalg.UnsupportedError, match="row permutation"):
        f._indices(fastlinalg._lib.PART_ROW_PERMUTATION)
    with pytest.raises(fastlinalg.UnsupportedError, match="lower triangular"):
        fastlinalg.svd(spd(4, np.float64)).L


def _scaled(x, ref, dtype):
    """||x - ref||_1 / (||ref||_1 n eps): LAPACK's reconstruction residual."""
    n = max(ref.shape[0], 1)
    eps = np.finfo(dtype).eps
    return np.linalg.norm(x - ref, 1) / (max(np.linalg.norm(ref, 1), 1e-300) * n * eps)


@pytest.mark.parametrize("dtype", [np.complex64, np.complex128])
@pytest.mark.parametrize("order", ORDERS)
def test_complex_parts_reconstruct_a(dtype, order):
    g = np.random.default_rng(5)
    n = 12
    a = np.asarray(g.standard_normal((n, n)) + 1j * g.standard_normal((n, n)), dtype=dtype,
                   order=order)
    P, L, U = fastlinalg.lu(a).plu()
    assert L.dtype == dtype and U.dtype == dtype
    assert np.array_equal(P, scipy.linalg.lu(a)[0])
    assert _scaled(P @ L.astype(np.complex128) @ U, a.astype(np.complex128), dtype) < 30
    h = np.asarray(a @ a.conj().T + n * np.eye(n), dtype=dtype, order=order)
    for lower in (True, False):
        c = fastlinalg.cholesky(h, lower=lower)
        L = c.L.astype(np.complex128)
        assert np.array_equal(c.U, c.L.conj().T)
        assert _scaled(L @ L.conj().T, h.astype(np.complex128), dtype) < 30
    sing = a.copy()
    sing[:, 3] = 0
    sign, logabs = fastlinalg.lu(sing, allow_singular=True).slogdet()
    assert sign == 0 and logabs == -np.inf


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("order", ORDERS)
@pytest.mark.parametrize("lower", [True, False])
@pytest.mark.parametrize("n", [1, 6, 31])
def test_ldl_matches_scipy_form(dtype, order, lower, n):
    g = np.random.default_rng(n)
    s = g.standard_normal((n, n))
    a = np.asarray(s + s.T, dtype=dtype, order=order)
    np.fill_diagonal(a, 0 if n > 1 else 1)  # zero diagonal: 2-by-2 blocks
    f = fastlinalg.ldlt(a, lower=lower)
    lu, d, perm = f.ldl()
    assert lu.dtype == dtype and d.dtype == dtype and perm.dtype == np.int64
    assert np.array_equal(np.sort(perm), np.arange(n))
    tri = lu[perm]
    # unit lower triangular (upper for lower=False: scipy's ldl(a, lower=False) form)
    assert np.array_equal((np.triu if lower else np.tril)(tri), np.eye(n, dtype=dtype))
    assert np.array_equal(d, d.T) and np.array_equal(d, np.triu(np.tril(d, 1), -1))
    a64 = a.astype(np.float64)
    assert _scaled(lu.astype(np.float64) @ d @ lu.T, a64, dtype) < 30
    assert np.array_equal(f.L if lower else f.U, tri) and np.array_equal(f.D, d)
    lu_ref, d_ref, perm_ref = scipy.linalg.ldl(a, lower=lower)
    if order == "F":  # the same sytrf call on the same triangle: scipy's very triple
        assert np.array_equal(perm, perm_ref)
        assert_close(lu, lu_ref, dtype, 30)
        assert_close(d, d_ref, dtype, 30)
    else:  # scipy's own triple has the same form (its pivots may differ from ours)
        assert np.array_equal((np.triu(lu_ref[perm_ref], 1) if lower
                               else np.tril(lu_ref[perm_ref], -1)), np.zeros((n, n)))


def test_ldl_parts_of_other_kinds_are_unsupported():
    f = fastlinalg.lu(np.eye(3))
    with pytest.raises(fastlinalg.UnsupportedError, match="block diagonal"):
        f.D


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("order", ORDERS)
@pytest.mark.parametrize("shape", [(1, 1), (7, 7), (30, 9)])
def test_qr_raw_matches_scipy(dtype, order, shape):
    a = np.asarray(np.random.default_rng(shape[0]).standard_normal(shape), dtype=dtype,
                   order=order)
    (qr, tau), r = fastlinalg.qr(a).raw()
    (qr_ref, tau_ref), r_ref = scipy.linalg.qr(a, mode="raw")
    assert qr.shape == qr_ref.shape and tau.shape == tau_ref.shape and r.shape == r_ref.shape
    assert qr.dtype == dtype and tau.dtype == dtype and qr.flags.f_contiguous
    # Q from the reflectors, as LAPACK defines them; Q R is a.
    m, n = shape
    q = np.eye(m)
    for j in reversed(range(n)):
        v = np.zeros(m)
        v[j] = 1
        v[j + 1:] = qr[j + 1:, j]
        q = q - tau[j] * np.outer(v, v @ q)
    assert _scaled(q[:, :n] @ r.astype(np.float64), a.astype(np.float64), dtype) < 30
    assert np.array_equal(r, np.triu(qr[:n]))
    assert_close(np.abs(np.diag(r)), np.abs(np.diag(r_ref)), dtype, 30)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("order", ORDERS)
@pytest.mark.parametrize("shape", [(1, 1), (20, 7), (5, 9), "deficient"])
def test_pivoted_qr_matches_scipy(dtype, order, shape):
    g = np.random.default_rng(3)
    if shape == "deficient":  # rank 3 of 8
        a = g.standard_normal((8, 3)) @ g.standard_normal((3, 8))
    else:
        a = g.standard_normal(shape)
    a = np.asarray(a, dtype=dtype, order=order)
    f = fastlinalg.cod(a)
    r, p = f.R, f.column_perm
    q_ref, r_ref, p_ref = scipy.linalg.qr(a.astype(np.float64), pivoting=True, mode="economic")
    assert r.shape == r_ref.shape and r.dtype == dtype and p.dtype == np.int64
    assert np.array_equal(np.sort(p), np.arange(a.shape[1]))
    assert np.array_equal(r, np.triu(r))
    # Q is orthogonal: R^T R is (A P)^T (A P), and A[:, p] lies in the span of Q's columns.
    ap = a[:, p].astype(np.float64)
    assert_close(r.T.astype(np.float64) @ r, ap.T @ ap, dtype, 30 * max(a.shape))
    assert_close(np.abs(np.diag(r)), np.abs(np.diag(r_ref)), dtype, 300)
