"""Stacks of small matrices: fastlinalg.linalg against numpy.linalg on the same stacks, the
batched factors of fastlinalg.lu(stack) etc., strides, broadcasting and per-matrix failures."""
import numpy as np
import pytest

import fastlinalg as fl
from fastlinalg import linalg as L

RNG = np.random.default_rng(12)


def tol(dtype):
    return 2e-3 if dtype == np.float32 else 1e-9


def well_conditioned(shape, dtype=np.float64):
    a = RNG.standard_normal(shape)
    n = shape[-1]
    return (a + 2 * n ** 0.5 * np.eye(n)).astype(dtype)


def vec_solve(a, b):
    """numpy's solve of a stack of vectors b (..., n), written so that numpy 1 and 2 agree."""
    return np.linalg.solve(a, b[..., None])[..., 0]


def assert_solve_like_numpy(a, b):
    """fastlinalg.linalg.solve is a drop-in for numpy.linalg.solve: same result, or a
    ValueError where the installed numpy raises one (numpy 2 reads an (..., n) b against an
    (..., n, n) a as matrices, numpy 1 as vectors)."""
    try:
        want = np.linalg.solve(a, b)
    except ValueError:
        with pytest.raises(fl.DimensionMismatchError):
            L.solve(a, b)
        return
    np.testing.assert_allclose(L.solve(a, b), want, rtol=1e-10, atol=1e-12)


def spd(shape, dtype=np.float64):
    a = RNG.standard_normal(shape)
    return (a @ np.swapaxes(a, -1, -2) + shape[-1] * np.eye(shape[-1])).astype(dtype)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("n", [1, 2, 3, 4, 8, 16, 20])
def test_solve_inv_slogdet_match_numpy(dtype, n):
    a = well_conditioned((3, 7, n, n), dtype)
    b = RNG.standard_normal((3, 7, n, 2)).astype(dtype)
    x = L.solve(a, b)
    assert x.dtype == dtype and x.shape == (3, 7, n, 2)
    np.testing.assert_allclose(x, np.linalg.solve(a, b), rtol=tol(dtype), atol=tol(dtype))
    np.testing.assert_allclose(L.inv(a), np.linalg.inv(a), rtol=tol(dtype), atol=tol(dtype))
    sign, logabs = L.slogdet(a)
    want_sign, want_logabs = np.linalg.slogdet(a)
    np.testing.assert_array_equal(sign, want_sign)
    np.testing.assert_allclose(logabs, want_logabs, rtol=tol(dtype), atol=tol(dtype))
    np.testing.assert_allclose(L.det(a), np.linalg.det(a), rtol=10 * tol(dtype))


def test_solve_broadcasts_and_takes_any_strides():
    a = well_conditioned((5, 4, 4))
    b = RNG.standard_normal((3, 1, 4, 2))
    np.testing.assert_allclose(L.solve(a, b), np.linalg.solve(a, b), rtol=1e-10, atol=1e-12)
    vecs = RNG.standard_normal((5, 4))  # one vector per matrix (b.ndim == a.ndim - 1)
    assert_solve_like_numpy(a, vecs)
    np.testing.assert_allclose(L.solve(a, vecs[..., None])[..., 0], vec_solve(a, vecs), rtol=1e-10, atol=1e-12)
    # One 1-D b for every matrix (numpy 2's rule; numpy 1 refuses it, fastlinalg does not).
    np.testing.assert_allclose(L.solve(a, vecs[0]), vec_solve(a, np.broadcast_to(vecs[0], (5, 4))),
                               rtol=1e-10, atol=1e-12)
    big = well_conditioned((10, 6, 6))
    for view in (big[::2], big[:, :4, :4], np.swapaxes(big, -1, -2), big[..., ::-1, :]):
        rhs = RNG.standard_normal(view.shape[:-1] + (2,))
        np.testing.assert_allclose(L.solve(view, rhs), np.linalg.solve(view, rhs), rtol=1e-10, atol=1e-12)
        assert_solve_like_numpy(view, rhs[..., 0])
    one = well_conditioned((3, 3))
    many = RNG.standard_normal((1000, 3, 1))
    np.testing.assert_allclose(L.solve(one, many), np.linalg.solve(one, many), rtol=1e-10, atol=1e-12)


def test_factor_solve_reads_vectors_alike_under_numpy_1_and_2():
    # BatchFactor.solve and linalg.lstsq are fastlinalg's own: one b (..., n) per matrix is a
    # stack of vectors whatever numpy is installed; linalg.solve follows the installed numpy.
    a = well_conditioned((4, 3, 3))
    b = RNG.standard_normal((4, 3))
    x = fl.lu(a).solve(b)
    assert x.shape == (4, 3)
    np.testing.assert_allclose(x, vec_solve(a, b), rtol=1e-10, atol=1e-12)
    assert_solve_like_numpy(a, b)
    if int(np.__version__.split(".")[0]) >= 2:
        with pytest.raises(fl.DimensionMismatchError, match=r"b of shape \(4, 3\)"):
            L.solve(a, b)
    else:
        np.testing.assert_allclose(L.solve(a, b), x, rtol=1e-12, atol=1e-14)


def test_cholesky_eigh_lstsq():
    s = spd((4, 3, 5, 5))
    np.testing.assert_allclose(L.cholesky(s), np.linalg.cholesky(s), rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(L.cholesky(s, upper=True), np.swapaxes(np.linalg.cholesky(s), -1, -2),
                               rtol=1e-10, atol=1e-12)
    for n in (2, 3, 8, 12):
        a = spd((50, n, n)) - 3 * np.eye(n)
        w, v = L.eigh(a)
        np.testing.assert_allclose(w, np.linalg.eigvalsh(a), rtol=1e-10, atol=1e-10)
        resid = np.linalg.norm(a @ v - v * w[..., None, :], axis=(-2, -1))
        assert np.all(resid <= 30 * n * np.finfo(float).eps * np.linalg.norm(a, axis=(-2, -1)))
        np.testing.assert_allclose(np.swapaxes(v, -1, -2) @ v, np.broadcast_to(np.eye(n), v.shape), atol=1e-12)
        w_upper, _ = L.eigh(np.triu(a), UPLO="U")
        np.testing.assert_allclose(w_upper, w, rtol=1e-10, atol=1e-10)
    t = RNG.standard_normal((6, 9, 4))
    y = RNG.standard_normal((6, 9))
    x, res, rank = L.lstsq(t, y)
    for i in range(6):
        want_x, want_res, want_rank, _ = np.linalg.lstsq(t[i], y[i], rcond=None)
        np.testing.assert_allclose(x[i], want_x, rtol=1e-10, atol=1e-12)
        np.testing.assert_allclose(res[i], want_res[0], rtol=1e-9)
        assert rank[i] == want_rank


def test_failures_name_indices_or_give_nan():
    a = well_conditioned((2, 5, 3, 3))
    a[1, 3] = 0  # exactly singular
    a[0, 1, 0, 0] = np.nan
    b = RNG.standard_normal((2, 5, 3, 1))
    # The first failure decides the class (NaN: NonFiniteError, a ValueError as for one
    # matrix); the message names every failed index.
    with pytest.raises(fl.NonFiniteError, match=r"2 of 10 .*\(0, 1\), \(1, 3\)"):
        L.solve(a, b)
    with pytest.raises(np.linalg.LinAlgError, match=r"1 of 5 .*\(3,\)"):
        L.solve(a[1], b[1])
    with pytest.raises(fl.NonFiniteError):
        L.inv(a)
    x = L.solve(a, b, check=False)
    assert np.isnan(x[1, 3]).all() and np.isnan(x[0, 1]).all()
    ok = np.ones((2, 5), bool)
    ok[1, 3] = ok[0, 1] = False
    np.testing.assert_allclose(x[ok], np.linalg.solve(a[ok], b[ok]), rtol=1e-10, atol=1e-12)
    sign, logabs = L.slogdet(a, check=False)
    assert sign[1, 3] == 0 and logabs[1, 3] == -np.inf and np.isnan(sign[0, 1])
    s = spd((4, 3, 3))
    s[2, 0, 0] = -1
    with pytest.raises(fl.NotPositiveDefiniteError, match=r"\(2,\)"):
        L.cholesky(s)
    assert np.isnan(L.cholesky(s, check=False)[2]).all()


def test_batch_factors_from_the_constructors():
    a = well_conditioned((3, 4, 6, 6))
    b = RNG.standard_normal((3, 4, 6, 2))
    f = fl.lu(a)
    assert isinstance(f, fl.BatchFactor) and f.shape == (3, 4, 6, 6)
    np.testing.assert_allclose(f.solve(b), np.linalg.solve(a, b), rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(f.solve(b[0, 0]), np.linalg.solve(a, b[0, 0]), rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(f.inv(), np.linalg.inv(a), rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(f.det(), np.linalg.det(a), rtol=1e-10)
    want_rcond = 1 / (np.linalg.norm(a, 1, axis=(-2, -1)) * np.linalg.norm(np.linalg.inv(a), 1, axis=(-2, -1)))
    np.testing.assert_allclose(f.rcond(), want_rcond, rtol=1e-8)
    s = spd((5, 4, 4))
    for make in (fl.cholesky, fl.ldlt, fl.eigh):
        g = make(s)
        np.testing.assert_allclose(g.solve(s[..., 0]), vec_solve(s, s[..., 0]), rtol=1e-9, atol=1e-10)
    e = fl.eigh(s)
    np.testing.assert_allclose(e.eigenvalues, np.linalg.eigvalsh(s), rtol=1e-10)
    assert e.eigenvectors.shape == (5, 4, 4)
    bad = s.copy()
    bad[3, 1, 1] = -100
    with pytest.raises(np.linalg.LinAlgError, match=r"\(3,\)"):
        fl.cholesky(bad)
    g = fl.cholesky(bad, check=False)
    assert g.failed == [(3,)] and list(g.info) == [0, 0, 0, fl.Status.NOT_POSITIVE_DEFINITE, 0]
    with pytest.raises(fl.DimensionMismatchError):
        f.solve(RNG.standard_normal((2, 4, 6)))


def test_empty_stacks_and_bad_input():
    a = np.zeros((0, 3, 3))
    assert L.solve(a, np.zeros((0, 3, 2))).shape == (0, 3, 2)
    assert fl.lu(a).solve(np.zeros((0, 3))).shape == (0, 3)
    assert L.inv(a).shape == (0, 3, 3)
    assert L.slogdet(a)[0].shape == (0,)
    w, v = L.eigh(np.zeros((2, 0, 0)))
    assert w.shape == (2, 0) and v.shape == (2, 0, 0)
    with pytest.raises(fl.InvalidArgumentError):
        L.inv(np.zeros((2, 3, 4)))
    with pytest.raises(fl.InvalidArgumentError):
        L.eigh(np.eye(3), UPLO="X")
    with pytest.raises(fl.DimensionMismatchError):
        L.solve(np.eye(3)[None], np.ones((1, 4)))
