"""fastlinalg.digitize, bincount and group_by_bin against np.digitize, np.bincount and
np.argsort(kind="stable"), and the seed's two examples against their masked loops."""
import numpy as np
import pytest

import fastlinalg
from helpers import DTYPES, rng


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("right", [False, True])
@pytest.mark.parametrize("decreasing", [False, True])
def test_digitize_matches_numpy(dtype, right, decreasing):
    r = rng(1)
    edges = np.sort(r.integers(-10, 10, 15) / 2).astype(dtype)  # ties
    if decreasing:
        edges = edges[::-1]
    x = np.concatenate([r.integers(-12, 12, 300) / 2, r.standard_normal(300) * 5,
                        [np.inf, -np.inf]]).astype(dtype).reshape(2, -1)
    got = fastlinalg.digitize(x, edges, right=right)
    np.testing.assert_array_equal(got, np.digitize(x, edges, right=right))
    assert got.shape == x.shape


def test_digitize_hand_cases():
    x = [1.2, 10.0, 12.4, 15.5, 20.0, -1.0]
    np.testing.assert_array_equal(fastlinalg.digitize(x, [0, 5, 10, 15, 20]), [1, 3, 3, 4, 5, 0])
    np.testing.assert_array_equal(fastlinalg.digitize(x, [0, 5, 10, 15, 20], right=True),
                                  [1, 2, 3, 4, 4, 0])
    np.testing.assert_array_equal(fastlinalg.digitize([1.0, 0.0, 2.0], [1, 1, 1]), [3, 0, 3])
    np.testing.assert_array_equal(fastlinalg.digitize([1.0, 0.0], []), [0, 0])


def test_digitize_errors():
    with pytest.raises(fastlinalg.InvalidArgumentError, match=r"edges\[2\] = 1"):
        fastlinalg.digitize([1.0], [0.0, 2.0, 1.0])
    with pytest.raises(fastlinalg.NonFiniteError, match=r"x\[1\] is nan"):
        fastlinalg.digitize([1.0, np.nan], [0.0, 2.0])
    with pytest.raises(fastlinalg.NonFiniteError, match=r"edges\[0\] is nan"):
        fastlinalg.digitize([1.0], [np.nan, 2.0])
    with pytest.raises(fastlinalg.InvalidArgumentError, match="1-D"):
        fastlinalg.digitize([1.0], [[0.0, 2.0]])


def test_bincount_matches_numpy():
    r = rng(2)
    labels = r.integers(0, 30, 1000)
    np.testing.assert_array_equal(fastlinalg.bincount(labels), np.bincount(labels))
    np.testing.assert_array_equal(fastlinalg.bincount(labels, minlength=50),
                                  np.bincount(labels, minlength=50))
    w = r.standard_normal(1000)
    np.testing.assert_allclose(fastlinalg.bincount(labels, weights=w), np.bincount(labels, w),
                               rtol=1e-13, atol=1e-13)
    np.testing.assert_array_equal(fastlinalg.bincount([], minlength=3), np.bincount([], minlength=3))
    assert fastlinalg.bincount([]).shape == (0,)


def test_bincount_errors():
    with pytest.raises(fastlinalg.InvalidArgumentError, match=r"labels\[1\] = -2"):
        fastlinalg.bincount([1, -2, 3])
    with pytest.raises(TypeError):
        fastlinalg.bincount([1.5, 2.0])
    with pytest.raises(fastlinalg.InvalidArgumentError, match="minlength"):
        fastlinalg.bincount([1], minlength=-1)
    with pytest.raises(fastlinalg.InvalidArgumentError, match="weights"):
        fastlinalg.bincount([1, 2], weights=[1.0])


def test_group_by_bin_is_a_stable_argsort():
    r = rng(3)
    labels = r.integers(0, 12, 5000)
    offsets, perm = fastlinalg.group_by_bin(labels, 15)
    np.testing.assert_array_equal(perm, np.argsort(labels, kind="stable"))
    np.testing.assert_array_equal(np.diff(offsets), np.bincount(labels, minlength=15))
    assert offsets[0] == 0 and offsets[-1] == labels.size
    with pytest.raises(fastlinalg.InvalidArgumentError, match=r"labels\[0\] = 9 is not below nbins = 1"):
        fastlinalg.group_by_bin(labels, 1)


def test_seed_layered_field_grouped_equals_masked():
    """The seed's N-layer field: E += (layer n's field) * mask, versus computing each layer's
    field only on that layer's points found by digitize + group_by_bin."""
    r = rng(4)
    x, z = np.linspace(-2, 2, 100), np.linspace(-1, 3, 200)
    X, Z = np.meshgrid(x, z)
    N = 6
    d_cum = np.concatenate([[-1.0], np.sort(r.uniform(-1, 3, N - 1)), [3.0 + 1e-9]])
    kz, amp, kx = r.uniform(1, 5, N), r.standard_normal(N), 2.5
    masked = np.zeros(Z.shape, complex)
    for n in range(N):
        idx = np.logical_and(Z < d_cum[n + 1], Z >= d_cum[n])
        masked += amp[n] * np.exp(1j * kz[n] * (Z - d_cum[n]) + 1j * kx * X) * idx
    layer = fastlinalg.digitize(Z.ravel(), d_cum) - 1  # d_cum[n] <= z < d_cum[n + 1]
    offsets, perm = fastlinalg.group_by_bin(layer, N)
    grouped = np.zeros(Z.size, complex)
    Xf, Zf = X.ravel(), Z.ravel()
    for n in range(N):
        p = perm[offsets[n]:offsets[n + 1]]
        grouped[p] = amp[n] * np.exp(1j * kz[n] * (Zf[p] - d_cum[n]) + 1j * kx * Xf[p])
    np.testing.assert_allclose(grouped.reshape(Z.shape), masked, rtol=1e-14, atol=1e-14)


def test_seed_binomial_counts_equal_the_comparison_loop():
    r = rng(5)
    M, ntrials = 7, 100000
    samples = r.binomial(55, 0.05, ntrials)
    loop = np.array([np.sum(samples == m) for m in range(M + 1)]) / ntrials
    counts = fastlinalg.bincount(samples, minlength=M + 1)[:M + 1] / ntrials
    np.testing.assert_array_equal(counts, loop)
