"""complex64/complex128 matrices: lu and cholesky solves with A, A^T and A^H in C and F order,
checked by LAPACK's scaled residual and against scipy.linalg; slogdet with a complex sign;
inv; the kinds that refuse complex A; dtype rules for B."""
import numpy as np
import pytest
import scipy.linalg

import fastlinalg

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


def _scaled_residual(a, x, b):
    """LAPACK's xGET02 in complex128: max_j ||b_j - A x_j||_1 / (||A||_1 ||x_j||_1 n eps)."""
    eps = np.finfo(a.dtype).eps
    a, x, b = (np.asarray(m, np.complex128).reshape(m.shape[0], -1) for m in (a, x, b))
    r = np.abs(b - a @ x).sum(axis=0)
    return (r / (np.abs(a).sum(axis=0).max() * np.abs(x).sum(axis=0) * a.shape[0] * eps)).max()


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
