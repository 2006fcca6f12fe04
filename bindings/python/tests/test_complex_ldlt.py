"""Complex ldlt: Hermitian (hetrf, the default) and complex symmetric (hermitian=False,
sytrf) factors in C and F order, from either triangle: solves with A, A^T and A^H by LAPACK's
scaled residual, ldl() against scipy.linalg.ldl (the same numbers for F order, where both
call LAPACK on the same triangle), the upper form (lower=False), slogdet against numpy,
inertia, inv, and the refusals."""
import numpy as np
import pytest
import scipy.linalg

import fastlinalg
from helpers import complex_scaled_residual as _scaled_residual

COMPLEX = [np.complex64, np.complex128]
TRANS = {0: lambda a: a, 1: lambda a: a.T, 2: lambda a: a.conj().T}


def _matrix(n, dtype, hermitian, seed=0, zero_diagonal=False):
    """A Hermitian (or complex symmetric) indefinite matrix with a dominant diagonal of
    alternating sign, or with a zero diagonal (Bunch-Kaufman's 2-by-2 blocks)."""
    rng = np.random.default_rng(seed)
    b = rng.standard_normal((n, n)) + 1j * rng.standard_normal((n, n))
    a = (b + (b.conj().T if hermitian else b.T)) / 2
    d = np.zeros(n) if zero_diagonal else 2.0 * n * (-1.0) ** np.arange(n)
    a[np.diag_indices(n)] = d if hermitian else d * np.exp(0.7j * np.arange(n))
    return a.astype(dtype)


@pytest.mark.parametrize("dtype", COMPLEX)
@pytest.mark.parametrize("order", ["C", "F"])
@pytest.mark.parametrize("hermitian", [True, False])
@pytest.mark.parametrize("lower", [True, False])
@pytest.mark.parametrize("n", [1, 7, 40])
def test_solves_every_transpose(dtype, order, hermitian, lower, n):
    for zero_diagonal in ([False, True] if n > 1 else [False]):
        a = np.asarray(_matrix(n, dtype, hermitian, n, zero_diagonal), order=order)
        f = fastlinalg.ldlt(a, lower=lower, hermitian=hermitian)
        assert f.kind == "ldlt" and f.dtype == dtype
        b = np.random.default_rng(1).standard_normal((n, 3)).astype(dtype) * (1 + 1j)
        for trans, op in TRANS.items():
            x = f.solve(b, trans=trans)
            assert x.dtype == dtype
            assert _scaled_residual(op(a), x, b) < 30


@pytest.mark.parametrize("dtype", COMPLEX)
@pytest.mark.parametrize("hermitian", [True, False])
@pytest.mark.parametrize("lower", [True, False])
@pytest.mark.parametrize("n", [1, 2, 6, 25])
def test_ldl_matches_scipy(dtype, hermitian, lower, n):
    a = np.asfortranarray(_matrix(n, dtype, hermitian, n + 3, zero_diagonal=n > 1))
    lu, d, perm = fastlinalg.ldlt(a, lower=lower, hermitian=hermitian).ldl()
    lu_ref, d_ref, perm_ref = scipy.linalg.ldl(a, lower=lower, hermitian=hermitian)
    assert np.array_equal(perm, perm_ref)
    tol = 50 * np.finfo(dtype).eps * max(1.0, np.abs(a).max())
    assert np.abs(lu - lu_ref).max() <= tol and np.abs(d - d_ref).max() <= tol
    op = lu.conj().T if hermitian else lu.T
    assert np.abs(lu @ d @ op - a).max() <= 10 * n * tol
    triangle = np.tril if lower else np.triu
    assert np.array_equal(triangle(lu[perm]), lu[perm])


@pytest.mark.parametrize("dtype", COMPLEX)
@pytest.mark.parametrize("lower", [True, False])
def test_parts_in_c_order_reconstruct_a(dtype, lower):
    for hermitian in (True, False):
        a = _matrix(8, dtype, hermitian, 4, zero_diagonal=True)  # C order: the other triangle
        f = fastlinalg.ldlt(a, lower=lower, hermitian=hermitian)
        t = f.L if lower else f.U
        p = f.perm
        op = t.conj().T if hermitian else t.T
        assert np.allclose(t @ f.D @ op, a[p][:, p], atol=1e-4)
        with pytest.raises(fastlinalg.UnsupportedError, match="FL_PART_UPPER" if not lower
                           else "FL_PART_LOWER"):
            f.U if lower else f.L


@pytest.mark.parametrize("dtype", COMPLEX)
@pytest.mark.parametrize("order", ["C", "F"])
def test_slogdet_inertia_inv(dtype, order):
    n = 9
    tol = 1e-3 if dtype == np.complex64 else 1e-10
    for hermitian in (True, False):
        a = np.asarray(_matrix(n, dtype, hermitian, 5), order=order)
        f = fastlinalg.ldlt(a, hermitian=hermitian)
        sign, logabs = f.slogdet()
        sign_ref, logabs_ref = np.linalg.slogdet(a.astype(np.complex128))
        assert sign.dtype == dtype and abs(sign - sign_ref) < tol
        assert abs(logabs - logabs_ref) < tol * n
        inv = f.inv()
        assert inv.dtype == dtype
        assert np.abs(a.astype(np.complex128) @ inv - np.eye(n)).max() < 100 * tol
        if hermitian:
            assert sign.imag == 0
            assert f.inertia == (n - n // 2, n // 2, 0)
        else:
            with pytest.raises(fastlinalg.UnsupportedError, match="complex symmetric"):
                f.inertia


def test_refusals():
    h = _matrix(4, np.complex128, True)
    s = h.copy()
    s[1, 3] = s[3, 1] = 0.0  # zero row and column 1: singular
    s[1, :] = s[:, 1] = 0.0
    with pytest.raises(fastlinalg.SingularMatrixError):
        fastlinalg.ldlt(s)
    # allow_singular=True keeps it, as scipy.linalg.ldl does: parts, det 0, solves refused.
    with pytest.warns(scipy.linalg.LinAlgWarning):  # rcond = 0, as lu(allow_singular) warns
        f = fastlinalg.ldlt(s, allow_singular=True)
    lu, d, perm = f.ldl()
    assert np.allclose(lu @ d @ lu.conj().T, s)
    assert f.slogdet() == (0.0, -np.inf) and f.inertia[2] == 1
    with pytest.raises(fastlinalg.SingularMatrixError, match="D\\["):
        f.solve(np.ones(4))
    with pytest.raises(fastlinalg.InvalidArgumentError, match="stack"):
        fastlinalg.ldlt(np.stack([h, h]), hermitian=False)
    # A real matrix is both: hermitian= changes nothing.
    r = _matrix(5, np.complex128, True).real.copy()
    b = np.arange(5.0)
    assert np.array_equal(fastlinalg.ldlt(r).solve(b), fastlinalg.ldlt(r, hermitian=False).solve(b))
    # A real B into a complex factor is cast up.
    x = fastlinalg.ldlt(h).solve(b[:4])
    assert x.dtype == np.complex128 and _scaled_residual(h, x, b[:4].astype(complex)) < 30
