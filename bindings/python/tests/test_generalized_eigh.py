"""fastlinalg.eigh(a, b, type=...) against scipy.linalg.eigh(a, b, type=...): eigenvalues,
the B-normalised eigenvectors, solves, slogdet, rank/inertia and the generalized ridge path of
A, for float32/float64, C/F order and either triangle; the complex Hermitian pencil (hegvd);
empty and 1x1; and the errors."""
import numpy as np
import pytest
import scipy.linalg

import fastlinalg
from fastlinalg import (InvalidArgumentError, NonFiniteError, NotPositiveDefiniteError,
                        UnsupportedError)


def pencil(n, seed, cond_b=10.0):
    rng = np.random.default_rng(seed)
    a = rng.standard_normal((n, n))
    a = a + a.T
    q, _ = np.linalg.qr(rng.standard_normal((n, n)))
    b = (q * np.geomspace(1.0, 1.0 / cond_b, n)) @ q.T
    return a, (b + b.T) / 2


EPS = {np.float32: np.finfo(np.float32).eps, np.float64: np.finfo(np.float64).eps}


@pytest.mark.parametrize("itype", [1, 2, 3])
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("order", ["C", "F"])
@pytest.mark.parametrize("lower", [True, False])
def test_matches_scipy(itype, dtype, order, lower):
    n = 12
    a64, b64 = pencil(n, 10 + itype)
    a, b = np.asarray(a64, dtype, order=order), np.asarray(b64, dtype, order=order)
    # The triangle not read holds junk.
    junk = np.triu_indices(n, 1) if lower else np.tril_indices(n, -1)
    a_in, b_in = a.copy(order=order), b.copy(order=order)
    a_in[junk], b_in[junk] = 1e30, -1e30
    a_before, b_before = a_in.copy(), b_in.copy()
    f = fastlinalg.eigh(a_in, b_in, lower=lower, type=itype)
    w_ref, v_ref = scipy.linalg.eigh(a64, b64, type=itype)
    w, v = f.eigenvalues, f.eigenvectors
    assert w.dtype == dtype and v.dtype == dtype and w.shape == (n,) and v.shape == (n, n)
    eps = EPS[dtype]
    scale = np.abs(w_ref).max()
    np.testing.assert_allclose(w, w_ref, rtol=0, atol=30 * n * eps * scale * 10)
    # scipy's V up to each column's sign.
    signs = np.sign(np.sum(v * v_ref, axis=0))
    np.testing.assert_allclose(v * signs, v_ref, rtol=0, atol=3000 * n * eps * np.abs(v_ref).max())
    m = b64 if itype in (1, 2) else np.linalg.inv(b64)
    v64 = v.astype(np.float64)
    gram = v64.T @ m @ v64 - np.eye(n)
    assert np.abs(gram).max() / (n * eps * np.linalg.norm(m, 1) * np.linalg.norm(v64, 1) ** 2) < 30
    # Solves, slogdet, rank and inertia are A's.
    c = np.arange(1.0, n + 1.0, dtype=dtype)
    np.testing.assert_allclose(f.solve(c), np.linalg.solve(a64, c), rtol=0,
                               atol=3000 * n * eps * np.abs(np.linalg.solve(a64, c)).max())
    sign, logabs = f.slogdet()
    ref = np.linalg.slogdet(a64)
    assert sign == ref[0]
    assert abs(logabs - ref[1]) < 100 * n * eps * max(1.0, abs(ref[1]))
    assert f.rank == n
    assert f.inertia == (int((w_ref > 0).sum()), int((w_ref < 0).sum()), 0)
    assert np.array_equal(a_in, a_before) and np.array_equal(b_in, b_before), "an input changed"


def test_ridge_path_type_one():
    a, b = pencil(20, 3)
    f = fastlinalg.eigh(a, b)
    lowest = f.eigenvalues[0]
    shifts = [0.5 - lowest, 3.0 - lowest]
    c = np.random.default_rng(4).standard_normal((20, 3))
    x = f.solve_shifted(c, shifts)
    for s, xs in zip(shifts, x):
        np.testing.assert_allclose(xs, np.linalg.solve(a + s * b, c), rtol=1e-9, atol=1e-11)
    for itype in (2, 3):
        with pytest.raises(UnsupportedError, match="itype 1"):
            fastlinalg.eigh(a, b, type=itype).solve_shifted(c, [1.0])


def test_empty_and_one_by_one():
    f = fastlinalg.eigh(np.zeros((0, 0)), np.zeros((0, 0)))
    assert f.eigenvalues.shape == (0,) and f.eigenvectors.shape == (0, 0)
    assert f.slogdet() == (1.0, 0.0)
    for itype, w, v in [(1, -0.75, 0.5), (2, -12.0, 0.5), (3, -12.0, 2.0)]:
        g = fastlinalg.eigh([[-3.0]], [[4.0]], type=itype)
        assert g.eigenvalues[0] == pytest.approx(w)
        assert abs(g.eigenvectors[0, 0]) == pytest.approx(v)


def test_errors():
    a, b = pencil(4, 5)
    not_pd = b.copy()
    not_pd[2, 2] = -1.0
    with pytest.raises(NotPositiveDefiniteError, match="b is not positive definite"):
        fastlinalg.eigh(a, not_pd)
    bad = a.copy()
    bad[3, 1] = np.nan
    with pytest.raises(NonFiniteError, match="a"):
        fastlinalg.eigh(bad, b)
    bad = b.copy()
    bad[3, 0] = np.inf
    with pytest.raises(NonFiniteError, match="b"):
        fastlinalg.eigh(a, bad, check_finite=False)
    for t in (0, 4, 1.5, True, "1"):
        with pytest.raises(InvalidArgumentError, match="type"):
            fastlinalg.eigh(a, b, type=t)
    with pytest.raises(ValueError, match="same shape"):
        fastlinalg.eigh(a, np.eye(3))
    with pytest.raises(ValueError, match="square"):
        fastlinalg.eigh(a, np.ones((4, 3)))
    with pytest.raises(ValueError, match="square 2-D"):
        fastlinalg.eigh(np.stack([a, a]), b)  # b is not taken with a stack
    with pytest.raises(UnsupportedError, match="condition"):
        fastlinalg.eigh(a, b).rcond()


@pytest.mark.parametrize("dtype", [np.complex64, np.complex128])
@pytest.mark.parametrize("order", ["C", "F"])
@pytest.mark.parametrize("itype", [1, 2, 3])
@pytest.mark.parametrize("lower", [True, False])
def test_complex_hermitian_pencil_vs_scipy(dtype, order, itype, lower):
    n = 7
    rng = np.random.default_rng(itype)
    x = rng.standard_normal((n, n)) + 1j * rng.standard_normal((n, n))
    y = rng.standard_normal((n, n)) + 1j * rng.standard_normal((n, n))
    a = np.asarray((x + x.conj().T) / 2, dtype=dtype, order=order)
    b = np.asarray(y @ y.conj().T + n * np.eye(n), dtype=dtype, order=order)
    f = fastlinalg.eigh(a, b, lower=lower, type=itype)
    w_ref, v_ref = scipy.linalg.eigh(a, b, lower=lower, type=itype)
    tol = 1e-3 if dtype == np.complex64 else 1e-10
    w, v = f.eigenvalues, f.eigenvectors
    assert w.dtype == np.finfo(dtype).dtype and v.dtype == dtype
    assert np.abs(w - w_ref).max() <= tol * np.abs(w_ref).max()
    # The same vectors up to a unit phase per column.
    phase = np.sum(v_ref.conj() * v, axis=0)
    assert np.allclose(np.abs(phase), np.sum(np.abs(v_ref) ** 2, axis=0), rtol=100 * tol)
    a128, b128 = a.astype(np.complex128), b.astype(np.complex128)
    x = f.solve(np.arange(n, dtype=dtype))
    assert np.abs(a128 @ x - np.arange(n)).max() <= 1e3 * tol * np.abs(x).max()
    sign, logabs = f.slogdet()
    sign_ref, logabs_ref = np.linalg.slogdet(a128)
    assert sign.imag == 0 and abs(sign - sign_ref) <= tol and abs(logabs - logabs_ref) <= n * tol
