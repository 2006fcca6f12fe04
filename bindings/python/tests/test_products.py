"""Products with A^-1 (quadratic_form, bilinear_form, sandwich, trace_solve, inverse_diagonal,
mahalanobis) against numpy's explicit inverse, for every kind, both dtypes and both orders."""
import numpy as np
import pytest

import fastlinalg
from helpers import DTYPES, assert_close, rng, spd, well_conditioned

KINDS = ["lu", "cholesky", "ldlt", "qr", "cod", "svd", "eigh"]


def matrix_for(kind, n, dtype, order):
    if kind == "cholesky":
        return spd(n, dtype, seed=3, order=order)
    if kind in ("ldlt", "eigh"):
        s = rng(4).standard_normal((n, n))
        return np.asarray(s + s.T + 3 * n ** 0.5 * np.diag(np.sign(rng(5).standard_normal(n))),
                          dtype=dtype, order=order)
    return well_conditioned(n, dtype, seed=6, order=order)


def inputs(n, k, dtype, order, seed):
    return np.asarray(rng(seed).standard_normal((n, k)), dtype=dtype, order=order)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("order", ["C", "F"])
@pytest.mark.parametrize("n", [1, 6, 70])
def test_products_match_numpy(kind, dtype, order, n):
    a = matrix_for(kind, n, dtype, order)
    f = getattr(fastlinalg, kind)(a)
    inv = np.linalg.inv(a.astype(np.float64))
    scale = np.linalg.cond(a.astype(np.float64))
    y = inputs(n, 5, dtype, order, 7)
    w = inputs(n, 3, dtype, "F" if order == "C" else "C", 8)
    y64, w64 = y.astype(np.float64), w.astype(np.float64)

    q = f.quadratic_form(y)
    assert q.shape == (5, 5) and q.dtype == dtype
    assert_close(q, y64.T @ inv @ y64, dtype, scale)
    if kind in ("cholesky", "ldlt", "eigh"):
        assert np.array_equal(q, q.T)  # exactly symmetric
    b = f.bilinear_form(y, w)
    assert b.shape == (5, 3) and b.dtype == dtype
    assert_close(b, y64.T @ inv @ w64, dtype, scale)
    sq = inputs(n, n, dtype, order, 9)
    s64 = sq.astype(np.float64)
    assert_close(f.sandwich(sq), inv @ s64 @ inv, dtype, scale)
    t = f.trace_solve(sq)
    assert isinstance(t, float)
    assert_close(t, np.trace(inv @ s64), dtype, scale * n)
    d = f.inverse_diagonal()
    assert d.shape == (n,) and d.dtype == dtype
    assert_close(d, np.diag(inv), dtype, scale)
    # Samples as rows, the way numpy holds them; C order goes through without a copy.
    x = np.asarray(rng(10).standard_normal((40, n)), dtype=dtype, order=order)
    x64 = x.astype(np.float64)
    m = f.mahalanobis(x)
    assert m.shape == (40,) and m.dtype == dtype
    assert_close(m, np.einsum("ij,jk,ik->i", x64, inv, x64), dtype, scale)


def test_vectors_give_scalars_and_vectors():
    a = spd(8, np.float64, seed=1)
    f = fastlinalg.cholesky(a)
    inv = np.linalg.inv(a)
    y, w = rng(2).standard_normal(8), rng(3).standard_normal((8, 4))
    assert f.quadratic_form(y) == pytest.approx(y @ inv @ y, rel=1e-12)
    assert f.mahalanobis(y) == pytest.approx(y @ inv @ y, rel=1e-12)
    assert f.bilinear_form(y, y) == pytest.approx(y @ inv @ y, rel=1e-12)
    assert np.allclose(f.bilinear_form(y, w), y @ inv @ w, rtol=1e-12)
    assert np.allclose(f.bilinear_form(w, y), w.T @ inv @ y, rtol=1e-12)


def test_seed002_quadratic_form_at_n_1000():
    """Seed 002's YX^-1Y: the Cholesky route's Z.T @ Z, here without forming anything."""
    r = rng(11)
    x = r.standard_normal((1000, 1000))
    x = x @ x.T
    y = r.standard_normal((1000, 1000))
    got = fastlinalg.cholesky(x).quadratic_form(y)
    import scipy.linalg as sla
    z = sla.solve_triangular(np.linalg.cholesky(x), y, lower=True)
    ref = z.T @ z
    assert np.linalg.norm(got - ref) <= 1e-8 * np.linalg.cond(x) ** 0.5 * np.linalg.norm(ref)
    assert np.array_equal(got, got.T)


def test_mahalanobis_takes_c_ordered_samples_without_copy(monkeypatch):
    a = spd(5, np.float64, seed=4)
    f = fastlinalg.cholesky(a)
    x = rng(5).standard_normal((30, 5))
    # A C-ordered (N, n) array is passed as the column-major n-by-N matrix it is.
    seen = []
    real = fastlinalg._factor._lib_.fl_factor_mahalanobis

    def spy(h, dtype, k, layout, ptr, ld, out):
        seen.append((k, layout, ptr, ld))
        return real(h, dtype, k, layout, ptr, ld, out)
    monkeypatch.setattr(fastlinalg._factor._lib_, "fl_factor_mahalanobis", spy)
    f.mahalanobis(x)
    assert seen == [(30, fastlinalg._lib.COL_MAJOR, x.ctypes.data, 5)]


def test_empty_and_errors():
    f = fastlinalg.cholesky(spd(4, np.float64))
    assert f.quadratic_form(np.empty((4, 0))).shape == (0, 0)
    assert f.mahalanobis(np.empty((0, 4))).shape == (0,)
    e = fastlinalg.cholesky(np.empty((0, 0)))
    assert np.array_equal(e.quadratic_form(np.empty((0, 2))), np.zeros((2, 2)))
    assert e.trace_solve(np.empty((0, 0))) == 0.0
    assert e.inverse_diagonal().shape == (0,)
    with pytest.raises(fastlinalg.DimensionMismatchError):
        f.quadratic_form(np.ones((3, 2)))
    with pytest.raises(fastlinalg.DimensionMismatchError):
        f.mahalanobis(np.ones((2, 3)))
    with pytest.raises(fastlinalg.DimensionMismatchError):
        f.sandwich(np.ones((4, 3)))
    with pytest.raises(fastlinalg.DimensionMismatchError):
        f.trace_solve(np.ones(4))
    with pytest.raises(fastlinalg.DtypeMismatchError):
        fastlinalg.cholesky(spd(4, np.float32)).quadratic_form(np.ones((4, 2)))
    with pytest.raises(fastlinalg.UnsupportedError, match="square"):
        fastlinalg.qr(rng(1).standard_normal((6, 3))).inverse_diagonal()
    f.close()
    with pytest.raises(fastlinalg.InvalidArgumentError):
        f.inverse_diagonal()


def test_products_check_finite_by_default():
    a = spd(4, np.float64)
    y = np.ones((4, 2))
    y[3, 1] = np.nan
    f = fastlinalg.cholesky(a)
    for call in (lambda: f.quadratic_form(y), lambda: f.bilinear_form(np.ones(4), y),
                 lambda: f.mahalanobis(y.T), lambda: f.sandwich(np.full((4, 4), np.inf)),
                 lambda: f.trace_solve(np.full((4, 4), np.nan))):
        with pytest.raises(fastlinalg.NonFiniteError):
            call()
    g = fastlinalg.cholesky(a, check_finite=False)
    with pytest.raises(fastlinalg.NonFiniteError):
        g.quadratic_form(y)
    assert np.isnan(g.quadratic_form(y, check_finite=False)[1, 1])
