"""precision="mixed" and overwrite_a=True (issue 16): float64 answers from a float32 factor,
the fallback for ill-conditioned matrices, and factors living in the caller's array."""
import numpy as np
import pytest

import fastlinalg
from fastlinalg import InvalidArgumentError


def _conditioned(n, kappa, seed, spd):
    rng = np.random.default_rng(seed)
    q, _ = np.linalg.qr(rng.standard_normal((n, n)))
    d = np.geomspace(1.0, 1.0 / kappa, n)
    a = (q * d) @ q.T
    if not spd:
        p, _ = np.linalg.qr(rng.standard_normal((n, n)))
        a = a @ p
    return a


def _backward_error(a, x, b):
    return np.linalg.norm(b - a @ x, np.inf) / (np.linalg.norm(a, np.inf) * np.linalg.norm(x, np.inf))


@pytest.mark.parametrize("make", [fastlinalg.lu, fastlinalg.cholesky])
@pytest.mark.parametrize("order", ["C", "F"])
def test_mixed_matches_float64_backward_error(make, order):
    a = np.asarray(_conditioned(150, 1e4, 1, make is fastlinalg.cholesky), order=order)
    b = np.random.default_rng(2).standard_normal((150, 10))
    f = make(a, precision="mixed")
    x = f.solve(b)
    assert f.precision == "mixed" and f.fallback is None and f.refinement_steps >= 1
    assert _backward_error(a, x, b) < 30 * 150 * np.finfo(float).eps
    native = make(a).solve(b)
    assert _backward_error(a, x, b) <= 10 * max(_backward_error(a, native, b), np.finfo(float).eps)


@pytest.mark.parametrize("make", [fastlinalg.lu, fastlinalg.cholesky])
def test_mixed_falls_back_when_ill_conditioned(make):
    a = _conditioned(60, 1e10, 3, make is fastlinalg.cholesky)
    f = make(a, precision="mixed")
    assert f.precision == "native"
    assert f.fallback in ("ill_conditioned", "low_precision")
    b = np.ones(60)
    assert _backward_error(a, f.solve(b), b) < 30 * 60 * np.finfo(float).eps


def test_mixed_logdet_is_float64s():
    a = _conditioned(40, 1e3, 4, False)
    f = fastlinalg.lu(a, precision="mixed")
    sign, logdet = f.slogdet()
    ref = np.linalg.slogdet(a)
    assert sign == ref[0] and logdet == pytest.approx(ref[1], rel=1e-12, abs=1e-12)
    assert f.fallback == "query"


def test_bad_precision():
    a = np.eye(3)
    with pytest.raises(InvalidArgumentError, match="precision"):
        fastlinalg.lu(a, precision="half")
    with pytest.raises(InvalidArgumentError, match="FL_FLOAT64"):
        fastlinalg.lu(a.astype(np.float32), precision="mixed")


@pytest.mark.parametrize("make", [fastlinalg.lu, fastlinalg.cholesky, fastlinalg.ldlt])
@pytest.mark.parametrize("order", ["C", "F"])
def test_overwrite_a_uses_the_array(make, order):
    a0 = _conditioned(50, 1e3, 5, make is not fastlinalg.lu)
    a = np.array(a0, order=order)
    b = np.arange(50.0)
    f = make(a, overwrite_a=True)
    assert f.overwrites_a
    assert not np.array_equal(a, a0)  # a now holds the factor
    del a  # the Factor keeps the memory alive
    assert _backward_error(a0, f.solve(b), b) < 30 * 50 * np.finfo(float).eps


@pytest.mark.parametrize("make", [fastlinalg.lu, fastlinalg.cholesky])
@pytest.mark.parametrize("order", ["C", "F"])
def test_mixed_overwrite_a_keeps_float64_a_in_the_array(make, order):
    a0 = _conditioned(60, 1e3, 9, make is not fastlinalg.lu)
    a = np.array(a0, order=order)
    b = np.random.default_rng(10).standard_normal((60, 2))
    f = make(a, precision="mixed", overwrite_a=True)
    assert f.overwrites_a and f.precision == "mixed"
    del a  # the Factor keeps the float64 A it refines against alive
    assert _backward_error(a0, f.solve(b), b) < 30 * 60 * np.finfo(float).eps


def test_without_overwrite_a_is_untouched():
    a0 = _conditioned(20, 10, 6, False)
    a = a0.copy()
    f = fastlinalg.lu(a)
    assert not f.overwrites_a and np.array_equal(a, a0)


@pytest.mark.parametrize("lower", [True, False])
@pytest.mark.parametrize("order", ["C", "F"])
def test_rfp_storage_matches_full(lower, order):
    a = np.asarray(_conditioned(41, 1e5, 7, True), order=order)
    b = np.random.default_rng(8).standard_normal((41, 3))
    packed, full = fastlinalg.cholesky(a, lower=lower, storage="rfp"), fastlinalg.cholesky(a, lower=lower)
    np.testing.assert_allclose(packed.solve(b), full.solve(b), rtol=1e-9, atol=0)
    assert packed.slogdet()[1] == pytest.approx(full.slogdet()[1], rel=1e-12)
    np.testing.assert_allclose(packed.inv(), full.inv(), rtol=1e-8, atol=1e-8)
    with pytest.raises(InvalidArgumentError, match="storage"):
        fastlinalg.cholesky(a, storage="packed")


def test_release_memory_hands_back_a_destroyed_factors_storage():
    fastlinalg.release_memory()
    assert fastlinalg.release_memory() == 0
    a = _conditioned(200, 10.0, 5, spd=True)
    for _ in range(2):
        f = fastlinalg.cholesky(a)
        b = np.ones(200)
        assert np.allclose(a @ f.solve(b), b)
        del f
    assert fastlinalg.release_memory() >= 200 * 200 * 8
    assert fastlinalg.release_memory() == 0
