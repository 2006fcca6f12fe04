"""fastlinalg.Kernel against numpy's direct definition (the seed's einsum)."""
import numpy as np
import pytest

import fastlinalg
from fastlinalg import Status

from helpers import DTYPES, rng

KINDS = ["squared_distance", "gaussian", "matern12", "matern32", "matern52"]


def kappa(kind, r2):
    r = np.sqrt(r2)
    if kind == "squared_distance":
        return r2
    if kind == "gaussian":
        return np.exp(-r2 / 2)
    if kind == "matern12":
        return np.exp(-r)
    if kind == "matern32":
        return (1 + np.sqrt(3) * r) * np.exp(-np.sqrt(3) * r)
    return (1 + np.sqrt(5) * r + 5 * r2 / 3) * np.exp(-np.sqrt(5) * r)


def direct(kind, M, X1, X2, sigma_f, noise=0.0):
    """The seed's definition: sigma_f^2 kappa((x - y)^T M (x - y)), noise when X2 is None."""
    Y = X1 if X2 is None else X2
    d = np.asarray(X1, np.float64)[:, None] - np.asarray(Y, np.float64)[None, :]
    r2 = np.maximum(np.einsum("ijk,kl,ijl->ij", d, M, d), 0)
    K = sigma_f ** 2 * kappa(kind, r2)
    if X2 is None:
        K += noise * np.eye(len(X1))
    return K


def metrics(d, seed=0):
    """(keyword arguments, M) for each metric."""
    r = rng(seed)
    ls = r.uniform(0.5, 2, d)
    lam, psi = r.uniform(-0.6, 0.6, (d, 2)), r.uniform(0.3, 1, d)
    a = r.standard_normal((d, d))
    full = a @ a.T / d + np.eye(d)
    return [
        ({"lengthscale": 1.3}, np.eye(d) / 1.3 ** 2),
        ({"lengthscales": ls}, np.diag(1 / ls ** 2)),
        ({"Lambda": lam, "psi": psi}, lam @ lam.T + np.diag(psi ** 2)),
        ({"M": full}, full),
    ]


def tol(dtype):
    return 1e-5 if np.dtype(dtype) == np.float32 else 1e-12


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("d", [3, 20])
def test_matches_direct_definition(dtype, kind, d):
    r = rng(1)
    X1, X2 = r.random((37, d)), r.random((290, d))
    for kw, M in metrics(d):
        k = fastlinalg.Kernel(kind, sigma_f=1.4, noise=0.3, dim=d, **kw)
        x1, x2 = X1.astype(dtype), X2.astype(dtype)
        K = k(x1, x2)
        assert K.dtype == dtype and K.shape == (37, 290)
        ref = direct(kind, M, x1, x2, 1.4)
        scale = np.abs(ref).max()
        assert np.abs(K - ref).max() <= 50 * tol(dtype) * max(scale, 1), (kw.keys(), kind)
        Ks = k(x2)
        refs = direct(kind, M, x2, None, 1.4, 0.3)
        assert np.abs(Ks - refs).max() <= 50 * tol(dtype) * max(np.abs(refs).max(), 1)
        assert np.array_equal(Ks, Ks.T)
        assert np.all(np.diag(Ks) == dtype(dtype(1.4 ** 2 * kappa(kind, 0.0)) + dtype(0.3)))


def test_seed_lambda_and_l_inv():
    """The seed's own parameters: Lambda (D, 1) and L_inv = np.diag(...)."""
    r = rng(2)
    N, M, D = 30, 40, 6
    X1, X2 = r.random((N, D)), r.random((M, D))
    Lambda, L_inv, sigma_f = r.random((D, 1)), np.diag(r.random(D)), r.random()
    M3 = Lambda @ Lambda.T + L_inv ** 2
    K = np.empty((N, M))
    for n in range(N):
        for m in range(M):
            dd = (X1[n] - X2[m]).reshape(-1, 1)
            K[n, m] = sigma_f ** 2 * np.exp(-0.5 * (dd.T @ M3 @ dd).item())
    k = fastlinalg.Kernel("gaussian", Lambda=Lambda, psi=L_inv, sigma_f=sigma_f)
    assert np.abs(k(X1, X2) - K).max() <= 1e-14


@pytest.mark.parametrize("order1", ["C", "F"])
@pytest.mark.parametrize("order2", ["C", "F"])
def test_memory_orders_and_out(order1, order2):
    r = rng(3)
    X1 = np.asarray(r.random((50, 4)), order=order1)
    X2 = np.asarray(r.random((60, 4)), order=order2)
    k = fastlinalg.Kernel("matern32", lengthscales=[1, 2, 3, 4])
    ref = direct("matern32", np.diag(1 / np.array([1, 2, 3, 4.0]) ** 2), X1, X2, 1.0)
    assert np.abs(k(X1, X2) - ref).max() < 1e-13
    assert np.abs(k(X1[::2], X2[1::3]) - ref[::2, 1::3]).max() < 1e-13  # strided views
    for out_order in "CF":
        out = np.full((50, 60), np.nan, order=out_order)
        assert k(X1, X2, out=out) is out
        assert np.abs(out - ref).max() < 1e-13
    with pytest.raises(fastlinalg.InvalidArgumentError):
        k(X1, X2, out=np.empty((60, 50)))
    with pytest.raises(fastlinalg.InvalidArgumentError):
        k(X1, X2, out=np.empty((50, 60), np.float32))


def test_empty_and_single_point():
    k = fastlinalg.Kernel("gaussian", lengthscale=1.0, dim=2, noise=0.5)
    assert k(np.empty((0, 2))).shape == (0, 0)
    assert k(np.empty((0, 2)), np.ones((3, 2))).shape == (0, 3)
    assert k(np.ones((1, 2))).tolist() == [[1.5]]


def finite_difference(make, x1, x2, w, value, h=1e-6):
    return (np.sum(w * make(value + h)(x1, x2)) - np.sum(w * make(value - h)(x1, x2))) / (2 * h)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("symmetric", [False, True])
def test_gradient_against_finite_differences(kind, symmetric):
    r = rng(4)
    d = 4
    X1, X2 = r.random((30, d)), r.random((45, d))
    x2 = None if symmetric else X2
    W = r.standard_normal((30, 30 if symmetric else 45))
    ls = r.uniform(0.5, 2, d)
    lam, psi = r.uniform(-0.6, 0.6, (d, 2)), r.uniform(0.3, 1, d)

    g = fastlinalg.Kernel(kind, lengthscales=ls, sigma_f=1.2, noise=0.1).gradient(X1, W, x2)
    fd = finite_difference(lambda s: fastlinalg.Kernel(kind, lengthscales=ls, sigma_f=s, noise=0.1),
                           X1, x2, W, 1.2)
    assert abs(g["sigma_f"] - fd) <= 1e-6 * max(abs(fd), 1)
    assert g["noise"] == (np.trace(W) if symmetric else 0.0)
    for i in range(d):
        def make(v, i=i):
            l2 = ls.copy()
            l2[i] = v
            return fastlinalg.Kernel(kind, lengthscales=l2, sigma_f=1.2, noise=0.1)
        fd = finite_difference(make, X1, x2, W, ls[i])
        assert abs(g["lengthscales"][i] - fd) <= 1e-5 * max(abs(fd), 1), i

    g = fastlinalg.Kernel(kind, Lambda=lam, psi=psi).gradient(X1, W, x2)
    assert g["Lambda"].shape == (d, 2) and g["psi"].shape == (d,)
    for (a, b) in [(0, 0), (3, 1)]:
        def make(v, a=a, b=b):
            l2 = lam.copy()
            l2[a, b] = v
            return fastlinalg.Kernel(kind, Lambda=l2, psi=psi)
        fd = finite_difference(make, X1, x2, W, lam[a, b])
        assert abs(g["Lambda"][a, b] - fd) <= 1e-5 * max(abs(fd), 1)


def test_gradient_float32_and_fortran_weights():
    r = rng(5)
    X = r.random((40, 3))
    W = np.asfortranarray(r.standard_normal((40, 40)))
    k = fastlinalg.Kernel("matern52", lengthscales=[0.7, 1.1, 1.9])
    g64 = k.gradient(X, W)
    g32 = k.gradient(X.astype(np.float32), W.astype(np.float32))
    assert np.allclose(g32["lengthscales"], g64["lengthscales"], rtol=1e-3, atol=1e-3)
    gc = k.gradient(X, np.ascontiguousarray(W))
    assert np.allclose(gc["lengthscales"], g64["lengthscales"], rtol=1e-12, atol=1e-12)


def test_errors():
    with pytest.raises(fastlinalg.InvalidArgumentError) as ei:
        fastlinalg.Kernel("gaussian", lengthscales=[1.0, -2.0])
    assert ei.value.status == Status.INVALID_ARGUMENT and "params[1]" in ei.value.message
    with pytest.raises(fastlinalg.NotPositiveDefiniteError):
        fastlinalg.Kernel("gaussian", M=[[1.0, 2.0], [2.0, 1.0]])
    with pytest.raises(fastlinalg.InvalidArgumentError):
        fastlinalg.Kernel("laplace", lengthscale=1.0, dim=2)
    with pytest.raises(fastlinalg.InvalidArgumentError):
        fastlinalg.Kernel("gaussian", lengthscale=1.0)  # no dim
    with pytest.raises(fastlinalg.InvalidArgumentError):
        fastlinalg.Kernel("gaussian", lengthscales=[1.0], M=np.eye(1))
    k = fastlinalg.Kernel("gaussian", lengthscales=[1.0, 2.0])
    with pytest.raises(fastlinalg.InvalidArgumentError):
        k(np.ones((3, 3)))
    X = np.ones((3, 2))
    X[1, 1] = np.nan
    with pytest.raises(fastlinalg.NonFiniteError) as ei:
        k(X)
    assert "x1[1, 1]" in ei.value.message
    with pytest.raises(fastlinalg.NonFiniteError) as ei:
        k(np.ones((2, 2)), X)
    assert "x2[1, 1]" in ei.value.message
    W = np.ones((2, 2))
    W[0, 1] = np.inf
    with pytest.raises(fastlinalg.NonFiniteError) as ei:
        k.gradient(np.ones((2, 2)), W)
    assert "w[0, 1]" in ei.value.message
    with pytest.raises(fastlinalg.InvalidArgumentError):
        k.gradient(np.ones((2, 2)), np.ones((3, 2)))
