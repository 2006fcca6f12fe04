import numpy as np
import pytest

import fastlinalg
from helpers import DTYPES, rng, spd, well_conditioned


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("order", ["C", "F"])
@pytest.mark.parametrize("n", [1, 2, 9, 120])
def test_slogdet_det_vs_numpy(dtype, order, n):
    for seed in range(3):
        a = np.asarray(rng(seed).standard_normal((n, n)), dtype=dtype, order=order)
        sign, logdet = fastlinalg.lu(a).slogdet()
        rsign, rlogdet = np.linalg.slogdet(a.astype(np.float64))
        assert sign == rsign
        assert logdet == pytest.approx(rlogdet, rel=1e-4 if dtype == np.float32 else 1e-10,
                                       abs=1e-3 if dtype == np.float32 else 1e-9)
        assert isinstance(sign, np.floating) and sign.dtype == dtype
        det = fastlinalg.lu(a).det()
        assert det.dtype == dtype
        with np.errstate(over="ignore"):  # may overflow float32, as numpy's det does
            ref = np.linalg.det(a.astype(np.float64)).astype(dtype)
        if np.isfinite(ref):
            assert det == pytest.approx(ref, rel=1e-3 if dtype == np.float32 else 1e-9)
        else:
            assert det == ref
    s = spd(n, dtype, order=order)
    csign, clogdet = fastlinalg.cholesky(s).slogdet()
    assert csign == 1
    assert clogdet == pytest.approx(np.linalg.slogdet(s.astype(np.float64))[1],
                                    rel=1e-4 if dtype == np.float32 else 1e-10, abs=1e-4)


def test_slogdet_does_not_overflow():
    n = 400
    a = 100.0 * np.eye(n) + rng(1).standard_normal((n, n))
    sign, logdet = fastlinalg.lu(a).slogdet()
    rsign, rlogdet = np.linalg.slogdet(a)
    assert sign == rsign and logdet == pytest.approx(rlogdet, rel=1e-12)
    assert logdet > 1000  # det itself overflows
    assert np.isinf(fastlinalg.lu(a).det())


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("order", ["C", "F"])
def test_inv_vs_numpy(dtype, order):
    for n in (1, 3, 50, 200):
        a = well_conditioned(n, dtype, seed=n, order=order)
        tol = 1e-4 if dtype == np.float32 else 1e-11
        for f in (fastlinalg.lu(a), fastlinalg.cholesky(spd(n, dtype, seed=n))):
            ref_a = a if f.kind == "lu" else spd(n, dtype, seed=n)
            for out_order in ("C", "F"):
                inv = f.inv(order=out_order)
                assert inv.dtype == dtype and inv.shape == (n, n)
                assert inv.flags.c_contiguous if out_order == "C" else inv.flags.f_contiguous
                ref = np.linalg.inv(ref_a.astype(np.float64))
                np.testing.assert_allclose(inv, ref, rtol=tol * 10,
                                           atol=tol * np.abs(ref).max())
    with pytest.raises(fastlinalg.InvalidArgumentError):
        fastlinalg.lu(np.eye(2)).inv(order="K")


@pytest.mark.parametrize("dtype", DTYPES)
def test_rcond_within_factor_10(dtype):
    for n, seed in ((5, 0), (60, 1), (200, 2)):
        a = np.asarray(rng(seed).standard_normal((n, n)), dtype=dtype)
        true = 1.0 / (np.linalg.norm(a.astype(np.float64), 1)
                      * np.linalg.norm(np.linalg.inv(a.astype(np.float64)), 1))
        r = fastlinalg.lu(a).rcond()
        assert isinstance(r, float) and 0 < r <= 1
        assert true / 10 <= r <= true * 10, (r, true)
        s = spd(n, dtype, seed=seed)
        true = 1.0 / (np.linalg.norm(s.astype(np.float64), 1)
                      * np.linalg.norm(np.linalg.inv(s.astype(np.float64)), 1))
        r = fastlinalg.cholesky(s).rcond()
        assert true / 10 <= r <= true * 10, (r, true)
    # An ill-conditioned matrix has a small rcond.
    h = np.array([[1.0 / (i + j + 1) for j in range(8)] for i in range(8)])  # Hilbert
    assert fastlinalg.lu(h).rcond() < 1e-8
