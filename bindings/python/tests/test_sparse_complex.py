"""Complex sparse matrices (complex64, complex128): products with A, A^T and A^H against
scipy.sparse, UMFPACK LU and CHOLMOD Hermitian Cholesky solves against dense numpy solves,
slogdet against numpy's, refactorization, and the refusals (complex QR, complex rank updates,
real and complex mixed)."""
import numpy as np
import pytest
import scipy.sparse as sp

import fastlinalg
from helpers import rng

CDTYPES = [np.complex64, np.complex128]


def tol(dtype):
    return 2e-4 if np.dtype(dtype) == np.complex64 else 1e-11


def random_complex(m, n, density, seed, fmt="csc", dtype=np.complex128):
    A = sp.random(m, n, density=density, format="csc", random_state=seed)
    A.data = A.data + 1j * rng(seed + 1).standard_normal(A.data.size)
    return A.astype(dtype).asformat(fmt)


def general(n, seed, dtype):
    d = np.exp(0.7j * np.arange(n)) * (2.0 + np.arange(n) % 3)
    return (random_complex(n, n, 0.2, seed) + sp.diags(d)).astype(dtype).tocsc()


def hermitian_pd(n, seed, dtype):
    S = random_complex(n, n, 2.0 / n, seed)
    return (S.conj().T @ S + n * sp.eye(n)).astype(dtype).tocsc()


def complex_rhs(n, k, seed, dtype):
    r = rng(seed)
    return (r.standard_normal((n, k)) + 1j * r.standard_normal((n, k))).astype(dtype)


@pytest.mark.parametrize("fmt", ["csc", "csr", "coo"])
@pytest.mark.parametrize("dtype", CDTYPES)
def test_products_with_a_transpose_and_adjoint(fmt, dtype):
    A = random_complex(40, 25, 0.1, 1, fmt, dtype)
    S = fastlinalg.SparseMatrix(A)
    assert S.dtype == np.dtype(dtype)
    Ad = A.toarray().astype(np.complex128)
    X = complex_rhs(25, 30, 2, dtype)
    Z = complex_rhs(40, 30, 3, dtype)
    for order in "CF":
        Xo, Zo = np.asarray(X, order=order), np.asarray(Z, order=order)
        np.testing.assert_allclose(S @ Xo, Ad @ X, rtol=tol(dtype), atol=tol(dtype))
        np.testing.assert_allclose(S.multiply(Zo, trans=True), Ad.T @ Z, rtol=tol(dtype),
                                   atol=tol(dtype))
        np.testing.assert_allclose(S.multiply(Zo, trans="C"), Ad.conj().T @ Z,
                                   rtol=tol(dtype), atol=tol(dtype))
    V = complex_rhs(6 * 4, 25, 4, dtype).reshape(6, 4, 25)
    np.testing.assert_allclose(S.apply_last_axis(V), V @ Ad.T, rtol=tol(dtype), atol=tol(dtype))


def test_other_complex_dtypes_become_complex128_and_set_values():
    A = random_complex(8, 8, 0.4, 5)
    S = fastlinalg.SparseMatrix(A.astype(np.clongdouble))
    assert S.dtype == np.complex128
    B = A.copy()
    B.data = B.data * 2j
    S.set_values(B.data.astype(np.complex64))
    x = complex_rhs(8, 1, 6, np.complex128)[:, 0]
    np.testing.assert_allclose(S @ x, B.astype(np.complex64).toarray() @ x, rtol=1e-12,
                               atol=1e-12)
    with pytest.raises(TypeError, match="real and complex"):
        S.set_values(np.ones(A.nnz))
    R = fastlinalg.SparseMatrix(A.real.tocsc())
    with pytest.raises(TypeError, match="complex"):
        R.set_values(A.data)
    with pytest.raises(TypeError, match="complex"):
        R @ x


def test_nan_in_an_imaginary_part_is_refused():
    A = random_complex(5, 5, 0.6, 7)
    A.data[1] = complex(1.0, np.nan)
    with pytest.raises(fastlinalg.NonFiniteError, match="imaginary part"):
        fastlinalg.SparseMatrix(A)


@pytest.mark.parametrize("dtype", CDTYPES)
def test_lu_solves_slogdet_and_refactor(dtype):
    n = 60
    A = general(n, 8, dtype)
    Ad = A.toarray().astype(np.complex128)
    f = fastlinalg.sparse_lu(A)
    assert f.dtype == np.dtype(dtype)
    B = complex_rhs(n, 3, 9, dtype)
    for trans, op in ((False, Ad), (True, Ad.T), ("C", Ad.conj().T)):
        X = f.solve(B, trans=trans)
        assert X.dtype == np.dtype(dtype)
        np.testing.assert_allclose(X, np.linalg.solve(op, B), rtol=tol(dtype) * 10,
                                   atol=tol(dtype) * 10)
    sign, logabs = f.slogdet()
    want_sign, want_logabs = np.linalg.slogdet(Ad)
    np.testing.assert_allclose(sign, want_sign, rtol=1e-4 if dtype == np.complex64 else 1e-10)
    np.testing.assert_allclose(logabs, want_logabs, rtol=1e-5 if dtype == np.complex64 else 1e-12)
    assert 0 < f.rcond() <= 1
    A2 = A.copy()
    A2.data = (A2.data * np.exp(0.3j)).astype(dtype)
    g = fastlinalg.refactor(f, A2)
    np.testing.assert_allclose(g.solve(B), np.linalg.solve(A2.toarray().astype(np.complex128), B),
                               rtol=tol(dtype) * 10, atol=tol(dtype) * 10)


@pytest.mark.parametrize("dtype", CDTYPES)
@pytest.mark.parametrize("lower", [True, False])
def test_hermitian_cholesky(dtype, lower):
    n = 70
    A = hermitian_pd(n, 10, dtype)
    Ad = A.toarray().astype(np.complex128)
    f = fastlinalg.sparse_cholesky(sp.tril(A) if lower else sp.triu(A), lower=lower)
    B = complex_rhs(n, 2, 11, dtype)
    for trans, op in ((False, Ad), (True, Ad.T), ("C", Ad)):
        np.testing.assert_allclose(f.solve(B, trans=trans), np.linalg.solve(op, B),
                                   rtol=tol(dtype) * 10, atol=tol(dtype) * 10)
    sign, logabs = f.slogdet()
    assert sign == 1
    np.testing.assert_allclose(logabs, np.linalg.slogdet(Ad)[1],
                               rtol=1e-5 if dtype == np.complex64 else 1e-12)
    V = random_complex(n, 2, 0.2, 12, dtype=dtype)
    with pytest.raises(fastlinalg.UnsupportedError, match="real only"):
        fastlinalg.sparse_rank_update(f, V)


def test_complex_qr_is_refused():
    with pytest.raises(fastlinalg.UnsupportedError, match="complex sparse QR"):
        fastlinalg.sparse_qr(random_complex(6, 4, 0.5, 13))
