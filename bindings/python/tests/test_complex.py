"""complex64/complex128 matrices: lu and cholesky solves with A, A^T and A^H in C and F order,
checked by LAPACK's scaled residual and against scipy.linalg; slogdet with a complex sign;
inv; dtype rules for B; Hermitian eigh (real eigenvalues against scipy), qr (least
squares, minimum norm, Q, R, real residual norms against numpy) and svd (real singular
values, U, V^H, pinv and solves against numpy)."""
import numpy as np
import pytest
import scipy.linalg

import fastlinalg
from helpers import complex_scaled_residual as _scaled_residual

COMPLEX = [np.complex64, np.complex128]
TRANS = {0: lambda a: a, 1: lambda a: a.T, 2: lambda a: a.conj().T}


def _random(shape, dtype, seed):
    rng = np.random.default_rng(seed)
    return (rng.standard_normal(shape) + 1j * rng.standard_normal(shape)).astype(dtype)


def _general(n, dtype, seed=0):
    return (_random((n, n), dtype, seed) + 2 * n * np.eye(n)).astype(dtype)


def _hermitian_pd(n, dtype, seed=1):
    b = _random((n, n), np.complex128, seed)
    return (b.conj().T @ b + n * np.eye(n)).astype(dtype)


@pytest.mark.parametrize("dtype", COMPLEX)
@pytest.mark.parametrize("order", ["C", "F"])
@pytest.mark.parametrize("trans", [0, 1, 2])
@pytest.mark.parametrize("n", [1, 6, 50])
def test_lu_solves(dtype, order, trans, n):
    a = np.asarray(_general(n, dtype), order=order)
    f = fastlinalg.lu(a)
    assert f.dtype == dtype
    for b in (_random(n, dtype, 5), np.asarray(_random((n, 3), dtype, 6), order=order)):
        x = f.solve(b, trans=trans)
        assert x.dtype == dtype
        assert _scaled_residual(TRANS[trans](a), x, b) < 30
    ref = scipy.linalg.lu_solve(scipy.linalg.lu_factor(a.astype(np.complex128)), b, trans=trans)
    tol = 1e-4 if dtype == np.complex64 else 1e-12
    np.testing.assert_allclose(x, ref, rtol=tol, atol=tol)


@pytest.mark.parametrize("dtype", COMPLEX)
@pytest.mark.parametrize("order", ["C", "F"])
@pytest.mark.parametrize("lower", [True, False])
def test_cholesky_is_hermitian_from_one_triangle(dtype, order, lower):
    n = 20
    h = _hermitian_pd(n, dtype)
    a = np.asarray(np.tril(h) if lower else np.triu(h), order=order)  # other triangle zero
    f = fastlinalg.cholesky(a, lower=lower)
    b = _random((n, 2), dtype, 7)
    for trans in (0, 1, 2):
        assert _scaled_residual(TRANS[trans](h), f.solve(b, trans=trans), b) < 30
    sign, logabs = f.slogdet()
    ref_sign, ref_logabs = np.linalg.slogdet(h.astype(np.complex128))
    assert sign == 1 and np.isclose(logabs, ref_logabs, rtol=1e-5)


@pytest.mark.parametrize("dtype", COMPLEX)
def test_slogdet_det_inv_rcond(dtype):
    a = (_general(7, dtype, 3) * np.exp(0.3j)).astype(dtype)  # np.exp's complex128 would promote
    f = fastlinalg.lu(a)
    sign, logabs = f.slogdet()
    ref_sign, ref_logabs = np.linalg.slogdet(a.astype(np.complex128))
    tol = 1e-4 if dtype == np.complex64 else 1e-12
    assert np.iscomplexobj(sign) and abs(sign - ref_sign) < tol
    assert not np.iscomplexobj(logabs) and abs(logabs - ref_logabs) < tol * 10
    np.testing.assert_allclose(f.det(), np.linalg.det(a.astype(np.complex128)), rtol=tol * 10)
    inv = f.inv()
    assert inv.dtype == dtype
    eps = np.finfo(dtype).eps
    r = np.abs(a @ inv - np.eye(7)).sum(axis=0).max()
    assert r / (np.abs(a).sum(axis=0).max() * np.abs(inv).sum(axis=0).max() * 7 * eps) < 30
    assert 0 < f.rcond() <= 1 and isinstance(f.rcond(), float)


def test_dtype_rules():
    f64 = fastlinalg.lu(_general(3, np.complex64))
    assert f64.solve(np.ones(3)).dtype == np.complex64  # real B is cast up
    with pytest.raises(fastlinalg.DtypeMismatchError):
        f64.solve(np.ones(3, np.complex128))  # complex128 into complex64: not silently
    with pytest.raises(fastlinalg.UnsupportedError):
        f64.quadratic_form(np.ones((3, 1), np.complex64))
    with pytest.raises(fastlinalg.SingularMatrixError):
        fastlinalg.lu(np.zeros((2, 2), np.complex128))
    with pytest.raises(fastlinalg.NotPositiveDefiniteError):
        fastlinalg.cholesky(-np.eye(2, dtype=np.complex128))
    a = np.eye(2, dtype=np.complex128)
    a[1, 0] = complex(0, np.nan)
    with pytest.raises(fastlinalg.NonFiniteError, match=r"a\[1, 0\]"):
        fastlinalg.lu(a)


def _hermitian_indefinite(n, dtype, seed=2):
    b = _random((n, n), np.complex128, seed)
    return ((b + b.conj().T) / 2 + np.diag([2 * n * (-1) ** i for i in range(n)])).astype(dtype)


@pytest.mark.parametrize("dtype", COMPLEX)
@pytest.mark.parametrize("order", ["C", "F"])
@pytest.mark.parametrize("lower", [True, False])
@pytest.mark.parametrize("n", [1, 17])
def test_eigh_is_hermitian_with_real_eigenvalues(dtype, order, lower, n):
    h = _hermitian_indefinite(n, dtype)
    a = np.asarray(np.tril(h) if lower else np.triu(h), order=order)  # other triangle zero
    f = fastlinalg.eigh(a, lower=lower)
    assert f.dtype == dtype
    real = np.finfo(dtype).dtype
    w, v = f.eigenvalues, f.eigenvectors
    assert w.dtype == real and v.dtype == dtype  # numpy's and scipy's eigh give the same dtypes
    ref = scipy.linalg.eigh(h.astype(np.complex128), eigvals_only=True)
    eps = np.finfo(dtype).eps
    norm = np.abs(h).sum(axis=0).max()
    np.testing.assert_allclose(w, ref, rtol=0, atol=30 * n * eps * norm)
    # xHET21: ||A V - V W||_1 / (||A||_1 n eps) and ||V^H V - I||_1 / (n eps)
    h128, v128 = h.astype(np.complex128), v.astype(np.complex128)
    assert np.abs(h128 @ v128 - v128 * w).sum(axis=0).max() / (norm * n * eps) < 30
    assert np.abs(v128.conj().T @ v128 - np.eye(n)).sum(axis=0).max() / (n * eps) < 30
    b = _random((n, 2), dtype, 8)
    for trans in (0, 1, 2):
        assert _scaled_residual(TRANS[trans](h), f.solve(b, trans=trans), b) < 30
    shifts = [0.5, -1.25]
    xs = f.solve_shifted(b, shifts)
    for s, x in zip(shifts, xs):
        assert x.dtype == dtype
        assert _scaled_residual(h + s * np.eye(n, dtype=dtype), x, b) < 30
    sign, logabs = f.slogdet()
    ref_sign, ref_logabs = np.linalg.slogdet(h128)
    assert abs(sign - ref_sign) < 1e-6 and np.isclose(logabs, ref_logabs, rtol=1e-5)
    assert f.inertia == ((n + 1) // 2, n // 2, 0)


@pytest.mark.parametrize("dtype", COMPLEX)
@pytest.mark.parametrize("order", ["C", "F"])
@pytest.mark.parametrize("shape", [(1, 1), (8, 8), (30, 11)])
def test_qr_least_squares_minimum_norm_and_parts(dtype, order, shape):
    m, n = shape
    a = np.asarray(_random(shape, dtype, 3) + 2 * m * np.eye(m, n), dtype=dtype, order=order)
    f = fastlinalg.qr(a)
    assert f.dtype == dtype
    a128 = a.astype(np.complex128)
    eps = np.finfo(dtype).eps
    tol = 1e-4 if dtype == np.complex64 else 1e-11
    b = _random((m, 2), dtype, 4)
    x = f.solve(b)
    ref = np.linalg.lstsq(a128, b.astype(np.complex128), rcond=None)[0]
    np.testing.assert_allclose(x, ref, rtol=tol, atol=tol * np.abs(ref).max())
    r = f.residual_norms(b)
    assert r.dtype == np.finfo(dtype).dtype
    np.testing.assert_allclose(r, np.linalg.norm(b - a128 @ x, axis=0), rtol=tol, atol=tol)
    for trans in (1, 2):  # A^T X = B, A^H X = B: the minimum-norm X
        c = _random((n, 2), dtype, 5)
        y = f.solve(c, trans=trans)
        assert _scaled_residual(TRANS[trans](a), y, c) < 30
        np.testing.assert_allclose(y, np.linalg.pinv(TRANS[trans](a128)) @ c, rtol=tol,
                                   atol=tol * np.abs(y).max())
    q, rr = f.Q, f.R
    assert q.dtype == dtype and rr.dtype == dtype
    assert np.abs(q.astype(np.complex128) @ rr - a128).sum(axis=0).max() / (
        np.abs(a128).sum(axis=0).max() * m * eps) < 30
    assert np.abs(q.conj().T.astype(np.complex128) @ q - np.eye(n)).sum(axis=0).max() / (m * eps) < 30
    np.testing.assert_allclose(f.inv(), np.linalg.pinv(a128), rtol=tol, atol=tol)
    c = _random((m, 3), dtype, 6)
    np.testing.assert_allclose(f.apply_q(f.apply_q(c), trans=2), c, rtol=tol, atol=tol)


@pytest.mark.parametrize("dtype", COMPLEX)
@pytest.mark.parametrize("order", ["C", "F"])
@pytest.mark.parametrize("shape", [(1, 1), (9, 9), (30, 12), (12, 30)])
def test_svd_parts_pinv_and_minimum_norm_solves(dtype, order, shape):
    """svd of a complex a: real singular values against numpy's, A = U diag(s) Vt with Vt =
    V^H, pinv against numpy's, and every solve (A, A^T, A^H) equal to pinv(op(A)) b, also
    for a rank-deficient a (rank 3)."""
    m, n = shape
    tol = 2e-4 if dtype == np.complex64 else 1e-10
    low_rank = _random((m, 3), np.complex128, 7) @ _random((3, n), np.complex128, 8)
    for full_rank, a in ((True, _random(shape, np.complex128, 9)), (False, low_rank)):
        if not full_rank and min(shape) <= 3:
            continue
        a = np.asarray(a.astype(dtype), order=order)
        f = fastlinalg.svd(a)
        s = f.singular_values
        assert s.dtype == np.finfo(dtype).dtype
        assert f.U.dtype == dtype and f.Vt.dtype == dtype
        ref = np.linalg.svd(a.astype(np.complex128), compute_uv=False)
        np.testing.assert_allclose(s, ref, rtol=tol, atol=tol * ref[0])
        np.testing.assert_allclose((f.U * s) @ f.Vt, a, rtol=tol, atol=tol * ref[0])
        assert f.rank == (min(shape) if full_rank else 3)
        pinv = np.linalg.pinv(a.astype(np.complex128), rcond=max(shape) * np.finfo(dtype).eps)
        np.testing.assert_allclose(f.pinv(), pinv, rtol=tol, atol=tol * np.abs(pinv).max())
        for trans in (0, 1, 2):
            op = TRANS[trans](a).astype(np.complex128)
            b = _random(op.shape[0], dtype, 10 + trans)
            x = f.solve(b, trans=trans)
            assert x.dtype == dtype
            expected = TRANS[trans](pinv) @ b  # pinv(A^T) = pinv(A)^T, pinv(A^H) = pinv(A)^H
            np.testing.assert_allclose(x, expected, rtol=tol,
                                       atol=tol * np.abs(expected).max())
        if m > n and full_rank:
            b = _random(m, dtype, 20)
            norm = f.residual_norms(b)
            assert norm.dtype == np.finfo(dtype).dtype
            x = f.solve(b)
            np.testing.assert_allclose(norm, np.linalg.norm(b - a @ x), rtol=tol)


@pytest.mark.parametrize("dtype", COMPLEX)
@pytest.mark.parametrize("order", ["C", "F"])
@pytest.mark.parametrize("shape", [(14, 6), (6, 14)])
def test_cod_minimum_norm_solves_and_pivoted_qr(dtype, order, shape):
    """cod of a complex rank-3 a: rank, pinv and every solve (A, A^T, A^H) against numpy's
    pinv; a[:, column_perm] = Q R with Q applied to the identity, Q^H undoing Q."""
    m, n = shape
    tol = 2e-4 if dtype == np.complex64 else 1e-10
    a = (_random((m, 3), np.complex128, 30) @ _random((3, n), np.complex128, 31)).astype(dtype)
    a = np.asarray(a, order=order)
    f = fastlinalg.cod(a)
    assert f.dtype == dtype and f.rank == 3
    pinv = np.linalg.pinv(a.astype(np.complex128), rcond=1e-5)
    np.testing.assert_allclose(f.pinv(), pinv, rtol=tol, atol=tol * np.abs(pinv).max())
    for trans in (0, 1, 2):
        b = _random(TRANS[trans](a).shape[0], dtype, 32 + trans)
        expected = TRANS[trans](pinv) @ b
        np.testing.assert_allclose(f.solve(b, trans=trans), expected, rtol=tol,
                                   atol=tol * np.abs(expected).max())
    k = min(m, n)
    q = f.apply_q(np.eye(m, k, dtype=dtype))
    np.testing.assert_allclose(q @ f.R, a[:, f.column_perm], rtol=tol,
                               atol=tol * np.abs(a).max())
    np.testing.assert_allclose(f.apply_q(q, trans=2), np.eye(m, k), atol=tol)
