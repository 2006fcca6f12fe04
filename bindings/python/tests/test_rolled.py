"""fastlinalg.rolled_matmul against the seed's loop (numpy matmul per pair)."""
import numpy as np
import pytest

import fastlinalg
from helpers import DTYPES, rng


def loop(A, B, k):
    d = A.shape[0]
    out = np.empty((d, k, A.shape[1], B.shape[2]), np.result_type(A, B))
    for i in range(d):
        for j in range(k):
            out[i, j] = A[i] @ B[(i + j) % d]
    return out


def check(A, B, k):
    got = fastlinalg.rolled_matmul(A, B, k)
    want = loop(A.astype(np.float64), B.astype(np.float64), k)
    assert got.shape == want.shape
    eps = np.finfo(got.dtype).eps
    # Elementwise bound of a dot product of length n: n eps (|A| |B|).
    bound = loop(np.abs(A).astype(np.float64), np.abs(B).astype(np.float64), k)
    bound = bound * max(A.shape[2], 1) * eps
    assert np.all(np.abs(got - want) <= 30 * bound), np.max(np.abs(got - want) / bound)
    return got


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("d,k,m,n,l", [(5, 3, 4, 6, 7), (7, 7, 3, 5, 2), (6, 1, 4, 3, 5),
                                       (1, 1, 5, 4, 3), (64, 16, 32, 32, 32), (9, 4, 1, 1, 1)])
def test_matches_the_loop(dtype, d, k, m, n, l):
    r = rng(d * 100 + k)
    A = r.standard_normal((d, m, n)).astype(dtype)
    B = r.standard_normal((d, n, l)).astype(dtype)
    got = check(A, B, k)
    assert got.dtype == dtype and got.flags.c_contiguous


@pytest.mark.parametrize("dtype", DTYPES)
def test_column_major_stacks_stay_column_major(dtype):
    r = rng(3)
    A = r.standard_normal((6, 5, 4)).astype(dtype).transpose(0, 2, 1)  # (6, 4, 5), column-major
    B = np.ascontiguousarray(r.standard_normal((6, 3, 5)).astype(dtype)).transpose(0, 2, 1)
    got = check(A, B, 4)
    assert got.transpose(0, 1, 3, 2).flags.c_contiguous


def test_other_inputs_are_converted():
    r = rng(4)
    A = r.integers(0, 10, (8, 3, 4))  # the seed's integer matrices
    B = r.integers(0, 10, (8, 4, 2))
    got = fastlinalg.rolled_matmul(A, B, 3)
    assert got.dtype == np.float64
    np.testing.assert_array_equal(got, loop(A, B, 3))  # small integers: exact
    mixed = fastlinalg.rolled_matmul(A.astype(np.float32), B.astype(np.float64), 2)
    assert mixed.dtype == np.float64
    strided = r.standard_normal((8, 6, 4))[:, ::2, :]
    check(strided, r.standard_normal((8, 4, 5)), 5)


def test_out_is_filled_and_checked():
    r = rng(6)
    A, B = r.standard_normal((5, 3, 4)), r.standard_normal((5, 4, 2))
    out = np.full((5, 3, 3, 2), np.nan)
    assert fastlinalg.rolled_matmul(A, B, 3, out=out) is out
    np.testing.assert_allclose(out, loop(A, B, 3), rtol=1e-13, atol=1e-13)
    for bad in (np.empty((5, 3, 2, 3)), np.empty((5, 3, 3, 2), np.float32),
                np.empty((5, 3, 3, 4))[..., :2]):
        with pytest.raises(fastlinalg.InvalidArgumentError, match="out must be"):
            fastlinalg.rolled_matmul(A, B, 3, out=bad)
    # A C-contiguous (5, 1, 3, 2) view of A's own memory: the library refuses the overlap.
    inside_a = np.lib.stride_tricks.as_strided(A, (5, 1, 3, 2), (48, 48, 16, 8))
    with pytest.raises(fastlinalg.InvalidArgumentError, match="out and a overlap"):
        fastlinalg.rolled_matmul(A, B, 1, out=inside_a)


def test_empty():
    assert fastlinalg.rolled_matmul(np.zeros((0, 2, 3)), np.zeros((0, 3, 4)), 0).shape == (0, 0, 2, 4)
    out = fastlinalg.rolled_matmul(np.zeros((3, 2, 0)), np.zeros((3, 0, 4)), 2)
    np.testing.assert_array_equal(out, np.zeros((3, 2, 2, 4)))


def test_errors():
    A, B = np.ones((4, 2, 3)), np.ones((4, 3, 5))
    with pytest.raises(fastlinalg.InvalidArgumentError, match="k = 5 is larger than d = 4"):
        fastlinalg.rolled_matmul(A, B, 5)
    with pytest.raises(fastlinalg.InvalidArgumentError, match="k = -1"):
        fastlinalg.rolled_matmul(A, B, -1)
    with pytest.raises(fastlinalg.InvalidArgumentError, match="must be"):
        fastlinalg.rolled_matmul(A, np.ones((4, 2, 5)), 1)
    with pytest.raises(fastlinalg.InvalidArgumentError, match="3-D"):
        fastlinalg.rolled_matmul(A[0], B, 1)
