"""Seed 001's block sums and matrix-calculus toolkit against the notebook's numpy loop forms
(and its reshape forms where it has them), float32 and float64, C, Fortran and sliced
arrays; the worked example of the notebook's comments section; bad arguments."""
import numpy as np
import pytest

import fastlinalg as fl
from helpers import DTYPES, assert_close, rng
from notebook_forms import comMat, mat2vec, matb2vecb


def blocks(X, n):
    """The notebook's row-wise chunks X[n*i:n*(i+1), :]."""
    return [X[n * i:n * (i + 1), :] for i in range(X.shape[0] // n)]


def grid(X, n1, n2):
    return [[X[n1 * i:n1 * (i + 1), n2 * j:n2 * (j + 1)] for j in range(X.shape[1] // n2)]
            for i in range(X.shape[0] // n1)]


def loop_sum(terms, shape):
    """sum(terms) in float64, zeros of `shape` for no terms (the notebook's running sums)."""
    total = np.zeros(shape)
    for t in terms:
        total = total + t
    return total


def rand(shape, dtype, seed, order="C"):
    return np.asarray(rng(seed).standard_normal(shape), dtype=dtype, order=order)


def variants(X):
    """The same matrix as C-ordered, Fortran-ordered and a sliced view (padded ld)."""
    padded = np.zeros((X.shape[0] + 3, X.shape[1] + 2), dtype=X.dtype)
    padded[1:1 + X.shape[0], 2:2 + X.shape[1]] = X
    return [np.ascontiguousarray(X), np.asfortranarray(X), padded[1:1 + X.shape[0], 2:]]


def f64(*xs):
    return [np.asarray(x, dtype=np.float64) for x in xs]


# (l, n1, n2, k1, k2): the notebook's sizes scaled down, one block, blocks of one row,
# non-square blocks, n1 != n2, no blocks.
ROW_CASES = [(4, 2, 2, 4, 3), (1, 5, 5, 3, 2), (7, 1, 1, 3, 4), (3, 3, 2, 5, 1), (0, 2, 3, 2, 2),
             (50, 2, 2, 100, 3)]


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("case", ROW_CASES)
def test_lemma1_and_notebook_reshape(dtype, case):
    l, n1, n2, k, _ = case
    A, B = rand((l * n1, k), dtype, 1), rand((l * n2, k), dtype, 2)
    a, b = f64(A, B)
    ref = loop_sum((ai @ bi.T for ai, bi in zip(blocks(a, n1), blocks(b, n2))), (n1, n2))
    for va, vb in zip(variants(A), variants(B)):
        got = fl.block_sum_abt(va, vb, (n1, n2))
        assert got.dtype == dtype and got.shape == (n1, n2)
        assert_close(got, ref, dtype, scale=10)
    if n1 == n2 and l:
        m = l * n1  # the notebook's right-hand side, ((A')^{r(kl, n)})' (B')^{r(kl, n)}
        rhs = a.T.reshape((m * k // n1, n1)).T @ b.T.reshape((m * k // n1, n1))
        assert_close(fl.block_sum_abt(A, B, n1), rhs, dtype, scale=10)


@pytest.mark.parametrize("dtype", DTYPES)
def test_lemma1_same_matrix_is_exactly_symmetric(dtype):
    A = rand((60, 7), dtype, 3)
    for va in variants(A):
        S = fl.block_sum_abt(va, va, 3)
        assert np.array_equal(S, S.T)
        a = f64(A)[0]
        assert_close(S, loop_sum((ai @ ai.T for ai in blocks(a, 3)), (3, 3)), dtype, scale=10)


@pytest.mark.parametrize("dtype", DTYPES)
def test_sum_aij_bijt(dtype):
    A, B = rand((6, 12), dtype, 4), rand((15, 12), dtype, 5)
    a, b = f64(A, B)
    ga, gb = grid(a, 2, 3), grid(b, 5, 3)
    ref = loop_sum((ga[i][j] @ gb[i][j].T for i in range(3) for j in range(4)), (2, 5))
    assert_close(fl.sum_aij_bijt(A, B, [2, 3], [5, 3]), ref, dtype, scale=10)
    with pytest.raises(ValueError):
        fl.sum_aij_bijt(A, B, [2, 5], [5, 3])


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("case", ROW_CASES)
def test_lemma2_both_orders(dtype, case):
    l, n1, n2, k1, k2 = case
    for kk2 in (k2, k1 + 3):
        A, C, B = rand((l * n1, k1), dtype, 6), rand((k1, kk2), dtype, 7), rand((l * n2, kk2), dtype, 8)
        a, c, b = f64(A, C, B)
        ref = loop_sum((ai @ c @ bi.T for ai, bi in zip(blocks(a, n1), blocks(b, n2))), (n1, n2))
        for va, vc in zip(variants(A), variants(C)):
            assert_close(fl.block_sum_acbt(va, vc, B, (n1, n2)), ref, dtype, scale=30)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("case", ROW_CASES)
def test_lemma3_residual_sum(dtype, case):
    l, n, _, k1, k2 = case
    A, B, C = rand((l * n, k1), dtype, 9), rand((l * n, k2), dtype, 10), rand((k2, k1), dtype, 11)
    a, b, c = f64(A, B, C)
    ref = loop_sum(((ai - bi @ c) @ (ai - bi @ c).T for ai, bi in zip(blocks(a, n), blocks(b, n))),
                   (n, n))
    for vb in variants(B):
        S = fl.block_sum_residual(A, vb, C, n)
        assert np.array_equal(S, S.T)
        assert_close(S, ref, dtype, scale=30)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("case", ROW_CASES)
def test_lemma4_kron_sum(dtype, case):
    l, n1, n2, k1, k2 = case
    A, B = rand((l * n1, k1), dtype, 12), rand((l * n2, k2), dtype, 13)
    a, b = f64(A, B)
    ref = loop_sum((np.kron(ai, bi) for ai, bi in zip(blocks(a, n1), blocks(b, n2))),
                   (n1 * n2, k1 * k2))
    for va, vb in zip(variants(A), variants(B)):
        assert_close(fl.block_sum_kron(va, vb, (n1, n2)), ref, dtype, scale=10)


# (l1, l2, n1, n2, k1, k2): narrow k (Kronecker route), wide k (products route), n1 != n2,
# one block, blocks of one row, no blocks.
GRID_CASES = [(3, 4, 2, 2, 1, 1), (3, 4, 2, 2, 6, 5), (2, 3, 3, 2, 4, 3), (1, 1, 3, 4, 2, 2),
              (4, 5, 1, 1, 3, 2), (0, 3, 2, 2, 2, 2)]


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("case", GRID_CASES)
def test_lemma5(dtype, case):
    l1, l2, n1, n2, k1, k2 = case
    A, B = rand((l1 * n1, k1), dtype, 14), rand((l2 * n2, k1), dtype, 15, "F")
    C, D = rand((l1 * n1, k2), dtype, 16), rand((l2 * n2, k2), dtype, 17)
    a, b, c, d = f64(A, B, C, D)
    ref = loop_sum((np.kron(ai @ bj.T, ci @ dj.T) for bj, dj in zip(blocks(b, n2), blocks(d, n2))
                    for ai, ci in zip(blocks(a, n1), blocks(c, n1))), (n1 * n1, n2 * n2))
    assert_close(fl.block_sum_kron_abt_cdt(A, B, C, D, n1, n2), ref, dtype, scale=30)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("case", GRID_CASES)
def test_lemma6(dtype, case):
    l1, l2, n1, n2, k, _ = case
    A, B, C = rand((l1 * n1, l2 * n2), dtype, 18), rand((l1 * n1, k), dtype, 19), \
        rand((l2 * n2, k), dtype, 20)
    a, b, c = f64(A, B, C)
    ga = grid(a, n1, n2)
    ref = loop_sum((np.kron(ga[i][j], bi @ cj.T) for i, bi in enumerate(blocks(b, n1))
                    for j, cj in enumerate(blocks(c, n2))), (n1 * n1, n2 * n2))
    for va in variants(A):
        assert_close(fl.block_sum_kron_grid(va, B, C, n1, n2), ref, dtype, scale=30)


@pytest.mark.parametrize("dtype", DTYPES)
def test_vec_vecb_vech(dtype):
    X = rand((6, 8), dtype, 21)
    for v in variants(X):
        assert np.array_equal(fl.vec(v), mat2vec(X)[:, 0])
        assert np.array_equal(fl.vecb(v, 2, 8), matb2vecb(X, 2))
        ref = np.array([X[2 * i:2 * i + 2, 4 * j:4 * j + 4].T.reshape(-1) for i in range(3)
                        for j in range(2)])
        assert np.array_equal(fl.vecb(v, 2, 4), ref)
    S = rand((5, 5), dtype, 22)
    ref = np.concatenate([S[j:, j] for j in range(5)])
    for v in variants(S):
        got = fl.vech(v)
        assert got.dtype == dtype and np.array_equal(got, ref)


def test_commutation_and_the_notebooks_commat():
    for a, b in [(2, 3), (3, 1), (4, 4), (1, 1)]:
        assert np.array_equal(fl.commutation_matrix(b, a), comMat(a, b))
        A = rng(a).standard_normal((a, b))
        assert np.array_equal(fl.commutation_apply(mat2vec(A)[:, 0], a, b), mat2vec(A.T)[:, 0])
        X = rng(1).standard_normal((a * b, 3))
        assert np.array_equal(fl.commutation_apply(np.asfortranarray(X), a, b),
                              fl.commutation_matrix(a, b) @ X)
    assert fl.commutation_matrix(2, 3, dtype=np.float32).dtype == np.float32


@pytest.mark.parametrize("n", [1, 2, 4])
def test_duplication(n):
    D, P = fl.duplication_matrix(n), fl.duplication_matrix(n, pinv=True)
    assert_close(P, np.linalg.pinv(D), np.float64)
    S = rng(n).standard_normal((n, n))
    S = S + S.T
    assert np.array_equal(D @ fl.vech(S), fl.vec(S))
    assert np.allclose(fl.duplication_apply(fl.vec(S), n, pinv=True), fl.vech(S))
    for pinv, M in ((False, D), (True, P)):
        for trans in (False, True):
            op = M.T if trans else M
            X = rng(2).standard_normal((op.shape[1], 3))
            assert_close(fl.duplication_apply(X, n, pinv=pinv, trans=trans), op @ X, np.float64)
            # from the right: X op(M) = (op(M)^T X^T)^T
            Y = rng(3).standard_normal((2, op.shape[0]))
            assert_close(fl.duplication_apply(Y.T, n, pinv=pinv, trans=not trans).T, Y @ op,
                         np.float64)


def test_worked_example_first_term_of_dl_dDk():
    """The notebook's comments section: the first term of dl/dD_k,
    sum_j (T_(k,j) u)(T_(k,j) u)' = sum_j (A_j - B_j)(A_j - B_j)', with
    A = Z_(k)' e and B = Z_(k)' Z D (I + Z'Z D)^-1 Z' e in blocks of q_k rows, by Lemma 1,
    on a random design with two grouping factors (random intercept and slope for factor 1,
    random intercept for factor 2)."""
    r = rng(7)
    n_obs, levels, q = 200, (12, 5), (2, 1)
    x = r.standard_normal(n_obs)
    blocks_z, d_blocks = [], []
    for k, (l_k, q_k) in enumerate(zip(levels, q)):
        group = r.integers(0, l_k, n_obs)
        Zk = np.zeros((n_obs, l_k * q_k))
        for j in range(l_k):  # columns of level j: intercept (and slope)
            rows = group == j
            Zk[rows, j * q_k] = 1.0
            if q_k == 2:
                Zk[rows, j * q_k + 1] = x[rows]
        blocks_z.append(Zk)
        L = r.standard_normal((q_k, q_k))
        d_blocks.append(np.kron(np.eye(l_k), L @ L.T + np.eye(q_k)))
    Z = np.hstack(blocks_z)
    D = np.zeros((Z.shape[1], Z.shape[1]))
    at = 0
    for Dk in d_blocks:
        D[at:at + Dk.shape[0], at:at + Dk.shape[0]] = Dk
        at += Dk.shape[0]
    e = r.standard_normal(n_obs)
    k, l_k, q_k = 0, levels[0], q[0]
    Zk = blocks_z[k]
    A = Zk.T @ e
    B = Zk.T @ Z @ D @ np.linalg.solve(np.eye(Z.shape[1]) + Z.T @ Z @ D, Z.T @ e)
    loop = np.zeros((q_k, q_k))
    for j in range(l_k):  # the loop over the levels j of factor k
        Zkj = Zk[:, j * q_k:(j + 1) * q_k]
        Tu = Zkj.T @ e - Zkj.T @ Z @ D @ np.linalg.solve(np.eye(Z.shape[1]) + Z.T @ Z @ D, Z.T @ e)
        loop += np.outer(Tu, Tu)
    V = (A - B)[:, None]
    got = fl.block_sum_abt(V, V, q_k)
    assert_close(got, loop, np.float64)
    assert np.array_equal(got, got.T)


def test_errors():
    A = np.ones((8, 4))
    with pytest.raises(fl.InvalidArgumentError, match="n1 = 3 does not divide m1 = 8"):
        fl.block_sum_abt(A, A, 3)
    with pytest.raises(fl.DimensionMismatchError, match="m2 / n2"):
        fl.block_sum_abt(A, np.ones((6, 4)), 2)
    with pytest.raises(fl.InvalidArgumentError, match="n1 = 0"):
        fl.block_sum_kron(A, A, 0)
    with pytest.raises(fl.InvalidArgumentError, match="n2 = 4 does not divide m2 = 6"):
        fl.block_sum_kron_grid(np.ones((4, 6)), np.ones((4, 2)), np.ones((6, 2)), 2, 4)
    # Shapes that disagree are caught before the library could read past an array.
    with pytest.raises(fl.DimensionMismatchError, match="C has shape"):
        fl.block_sum_acbt(A, np.ones((3, 2)), np.ones((8, 2)), 2)
    with pytest.raises(fl.DimensionMismatchError, match="B has shape"):
        fl.block_sum_abt(A, np.ones((8, 3)), 2)
    with pytest.raises(fl.DimensionMismatchError, match="B has shape"):
        fl.block_sum_residual(A, np.ones((6, 2)), np.ones((2, 4)), 2)
    with pytest.raises(fl.DimensionMismatchError, match="D has shape"):
        fl.block_sum_kron_abt_cdt(A, A, A, np.ones((8, 3)), 2, 2)
    with pytest.raises(fl.DimensionMismatchError, match="C has shape"):
        fl.block_sum_kron_grid(np.ones((4, 6)), np.ones((4, 2)), np.ones((6, 3)), 2, 3)
    with pytest.raises(fl.DimensionMismatchError, match="X has shape"):
        fl.commutation_apply(np.ones((5, 2)), 2, 3)
    with pytest.raises(fl.DimensionMismatchError, match="X has shape"):
        fl.duplication_apply(np.ones(9), 3)  # D(3) takes vech-sized rows (6)
    with pytest.raises(fl.InvalidArgumentError, match="trans"):
        fl.duplication_apply(np.ones(6), 3, trans="X")
    with pytest.raises(fl.InvalidArgumentError, match="n = -1"):
        fl.duplication_matrix(-1)
    with pytest.raises(ValueError, match="square"):
        fl.vech(np.ones((2, 3)))
    with pytest.raises(TypeError):
        fl.block_sum_abt(A.astype(complex), A, 2)
    with pytest.raises(TypeError):
        fl.commutation_matrix(2, 2, dtype=np.int32)
    with pytest.raises(ValueError):
        fl.block_sum_abt(np.ones((2, 2, 2)), A, 2)


def test_mixed_and_integer_dtypes_compute_in_float64():
    A = np.arange(8.0).reshape(4, 2)
    got = fl.block_sum_abt(A.astype(np.float32), np.arange(8).reshape(4, 2), 2)
    assert got.dtype == np.float64
    assert np.array_equal(got, A[:2] @ A[:2].T + A[2:] @ A[2:].T)
