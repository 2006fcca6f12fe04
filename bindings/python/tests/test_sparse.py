"""Sparse matrices: SparseMatrix from scipy.sparse, products against scipy, and the
sparse Cholesky / LU / QR factors against scipy.sparse.linalg and numpy."""
import threading

import numpy as np
import pytest
import scipy.sparse as sp
import scipy.sparse.linalg as spla

import fastlinalg
from helpers import DTYPES, rng


def laplacian(m):
    T = sp.diags([-1.0, 2.0, -1.0], [-1, 0, 1], shape=(m, m))
    E = sp.eye(m)
    return (sp.kron(E, T) + sp.kron(T, E)).tocsc()


def random_sparse(m, n, density, seed, fmt="csc", dtype=np.float64):
    return sp.random(m, n, density=density, format=fmt, random_state=seed, dtype=dtype)


def tol(dtype):
    return 2e-4 if np.dtype(dtype) == np.float32 else 1e-11


@pytest.mark.parametrize("fmt", ["csc", "csr", "coo"])
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("index", [np.int32, np.int64])
def test_products_match_scipy(fmt, dtype, index):
    A = random_sparse(40, 25, 0.1, 1, fmt, dtype)
    if fmt != "coo":
        A.indices = A.indices.astype(index)
        A.indptr = A.indptr.astype(index)
    S = fastlinalg.SparseMatrix(A)
    assert S.shape == (40, 25) and S.dtype == np.dtype(dtype)
    X = rng(2).standard_normal((25, 30)).astype(dtype)
    for order in "CF":
        Xo = np.asarray(X, order=order)
        np.testing.assert_allclose(S @ Xo, A @ X, rtol=tol(dtype), atol=tol(dtype))
        Z = rng(3).standard_normal((40, 30)).astype(dtype, order=order)
        np.testing.assert_allclose(S.multiply(Z, trans=True), A.T @ Z, rtol=tol(dtype),
                                   atol=tol(dtype))
    np.testing.assert_allclose(S @ X[:, 0], A @ X[:, 0], rtol=tol(dtype), atol=tol(dtype))


@pytest.mark.parametrize("per_row", [1, 4])
def test_seed_last_axis_product(per_row):
    N, I, J = 50, 7, 9
    A = random_sparse(N, N, per_row / N, 4)
    V = rng(5).random((I, J, N))
    W = fastlinalg.SparseMatrix(A).apply_last_axis(V)
    expected = (A @ V.reshape(-1, N).T).T.reshape(I, J, N)
    np.testing.assert_allclose(W, expected, rtol=1e-13, atol=1e-13)
    out = np.empty_like(W)
    assert fastlinalg.SparseMatrix(A).apply_last_axis(V, out=out) is out
    np.testing.assert_array_equal(out, W)


def test_duplicates_summed_and_set_values():
    # Unsorted, repeated entries in CSC: column 0 holds rows (1, 0, 1).
    A = sp.csc_matrix((np.array([1.5, 1.0, 0.5, 7.0]), np.array([1, 0, 1, 1]),
                       np.array([0, 3, 4])), shape=(2, 2))
    assert not A.has_canonical_format
    S = fastlinalg.SparseMatrix(A)
    assert S.nnz == 3
    np.testing.assert_array_equal(S @ np.eye(2), [[1.0, 0.0], [2.0, 7.0]])
    S.set_values(np.array([2.0, 4.0, 1.0, -7.0]))
    np.testing.assert_array_equal(S @ np.eye(2), [[4.0, 0.0], [3.0, -7.0]])
    with pytest.raises(fastlinalg.InvalidArgumentError):
        S.set_values(np.ones(3))
    with pytest.raises(fastlinalg.NonFiniteError, match=r"values\[1\] is nan"):
        S.set_values(np.array([1.0, np.nan, 1.0, 1.0]))


def test_bad_structure_is_reported():
    bad = sp.csc_matrix((3, 2))
    bad.indptr = np.array([0, 2, 1], dtype=np.int32)
    bad.indices = np.array([0, 1], dtype=np.int32)
    bad.data = np.array([1.0, 2.0])
    with pytest.raises(fastlinalg.InvalidArgumentError, match=r"ptr\[2\] = 1"):
        fastlinalg.SparseMatrix(bad)
    out = sp.csc_matrix((np.array([1.0]), np.array([5]), np.array([0, 1, 1])), shape=(3, 2))
    with pytest.raises(fastlinalg.InvalidArgumentError, match=r"idx\[0\] = 5"):
        fastlinalg.SparseMatrix(out)
    with pytest.raises(fastlinalg.InvalidArgumentError):
        fastlinalg.SparseMatrix(np.eye(3))
    with pytest.raises(fastlinalg.DimensionMismatchError):
        fastlinalg.SparseMatrix(sp.eye(3).tocsc()) @ np.ones((2, 2))
    with pytest.raises(fastlinalg.InvalidArgumentError):
        fastlinalg.SparseMatrix(sp.eye(3).tocsc()).apply_last_axis(np.ones((4, 2)))


@pytest.mark.parametrize("dtype", DTYPES)
def test_cholesky_against_scipy(dtype):
    A = laplacian(20).astype(dtype)
    f = fastlinalg.sparse_cholesky(A)
    assert f.kind == "sparse_cholesky" and f.dtype == np.dtype(dtype)
    B = rng(1).random((400, 12)).astype(dtype)
    X = f.solve(B)
    expected = spla.splu(laplacian(20)).solve(B.astype(np.float64))
    np.testing.assert_allclose(X, expected, rtol=tol(dtype) * 10, atol=tol(dtype) * 10)
    sign, logdet = f.slogdet()
    assert sign == 1.0
    assert logdet == pytest.approx(np.linalg.slogdet(laplacian(20).toarray())[1],
                                   rel=1e-6 if np.dtype(dtype) == np.float32 else 1e-10)
    with pytest.raises(fastlinalg.NotPositiveDefiniteError, match="column"):
        fastlinalg.sparse_cholesky(laplacian(5) - 10 * sp.eye(25))


def test_cholesky_upper_triangle_refactor_and_updown():
    A = laplacian(12)
    f = fastlinalg.sparse_cholesky(sp.triu(A).tocsc(), lower=False)
    b = rng(2).random(144)
    np.testing.assert_allclose(A @ f.solve(b), b, atol=1e-12)
    S = fastlinalg.SparseMatrix(A)
    g = fastlinalg.sparse_cholesky(S)
    A2 = A.copy()
    A2.data = A2.data * 2
    S.set_values(A2.data)
    h = fastlinalg.refactor(g, S)
    np.testing.assert_allclose(A2 @ h.solve(b), b, atol=1e-12)
    np.testing.assert_allclose(A @ g.solve(b), b, atol=1e-12)  # the old factor is unchanged
    V = random_sparse(144, 3, 0.05, 7)
    up = fastlinalg.sparse_rank_update(g, V, +1)
    np.testing.assert_allclose((A + V @ V.T) @ up.solve(b), b, atol=1e-11)
    down = fastlinalg.sparse_rank_update(up, V, -1)
    np.testing.assert_allclose(A @ down.solve(b), b, atol=1e-11)
    with pytest.raises(fastlinalg.NotPositiveDefiniteError):
        fastlinalg.sparse_rank_update(g, sp.csc_matrix(np.eye(144)[:, :1] * 100), -1)
    with pytest.raises(fastlinalg.InvalidArgumentError, match="pattern"):
        fastlinalg.refactor(g, A + sp.random(144, 144, density=0.01, random_state=1))


@pytest.mark.parametrize("dtype", DTYPES)
def test_lu_solves_and_transposed_solves(dtype):
    A = (random_sparse(60, 60, 0.05, 3) + 3 * sp.eye(60)).tocsc().astype(dtype)
    f = fastlinalg.sparse_lu(A)
    B = rng(4).random((60, 5)).astype(dtype)
    dense = A.toarray().astype(np.float64)
    np.testing.assert_allclose(f.solve(B), np.linalg.solve(dense, B), rtol=tol(dtype) * 10,
                               atol=tol(dtype) * 10)
    np.testing.assert_allclose(f.solve(B, trans=True), np.linalg.solve(dense.T, B),
                               rtol=tol(dtype) * 10, atol=tol(dtype) * 10)
    assert f.slogdet()[1] == pytest.approx(np.linalg.slogdet(dense)[1], rel=1e-5)
    singular = sp.csc_matrix(np.array([[1.0, 2.0], [2.0, 4.0]]))
    with pytest.raises(fastlinalg.SingularMatrixError):
        fastlinalg.sparse_lu(singular)
    with pytest.raises(fastlinalg.UnsupportedError):
        f.rank


def test_qr_least_squares_and_rank():
    A = (random_sparse(80, 20, 0.1, 5) + sp.eye(80, 20)).tocsc()
    f = fastlinalg.sparse_qr(A)
    assert f.rank == 20
    B = rng(6).random((80, 3))
    np.testing.assert_allclose(f.solve(B), np.linalg.lstsq(A.toarray(), B, rcond=None)[0],
                               atol=1e-10)
    C = rng(7).random((20, 2))
    np.testing.assert_allclose(f.solve(C, trans=True), np.linalg.pinv(A.T.toarray()) @ C,
                               atol=1e-10)
    Ad = A.toarray()
    Ad[:, 4] = Ad[:, 1]
    assert fastlinalg.sparse_qr(sp.csc_matrix(Ad)).rank == 19
    assert fastlinalg.sparse_qr(sp.csc_matrix(Ad), atol=1e6).rank == 0


def test_shared_factor_from_threads():
    A = laplacian(15)
    f = fastlinalg.sparse_cholesky(A)
    B = rng(8).random((225, 40))
    expected = f.solve(B)
    errors = []

    def work():
        for _ in range(10):
            if not np.array_equal(f.solve(B), expected):
                errors.append("mismatch")

    threads = [threading.Thread(target=work) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
