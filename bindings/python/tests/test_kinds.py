"""ldlt, qr, cod, svd, eigh and factorize against numpy/scipy: solves (square and rectangular,
1-D and 2-D B, C and F order, float32 and float64), pseudo-inverses, rank and its tolerances,
determinants, inertia and factorize's choices."""
import numpy as np
import pytest
import scipy.linalg

import fastlinalg
from helpers import (DTYPES, assert_close, rng, spd, sym_indefinite, tall, well_conditioned,
                     with_singular_values)

ORDERS = ["C", "F"]


def rhs(rows, k, dtype, order="C", seed=7):
    """(rows, k) right-hand sides, or (rows,) for k is None."""
    shape = (rows,) if k is None else (rows, k)
    return np.asarray(rng(seed).standard_normal(shape), dtype=dtype, order=order)


def check_solution_layout(x, b, x_rows):
    k = None if b.ndim == 1 else b.shape[1]
    assert x.shape == ((x_rows,) if k is None else (x_rows, k))
    assert x.dtype == b.dtype
    assert not np.shares_memory(x, b)
    if k is not None and k > 1 and x_rows > 1:
        assert x.flags.c_contiguous if b.flags.c_contiguous else x.flags.f_contiguous


# -- LDL^T ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("a_order", ORDERS)
@pytest.mark.parametrize("b_order", ORDERS)
@pytest.mark.parametrize("lower", [True, False])
@pytest.mark.parametrize("k", [None, 1, 5])
def test_ldlt_solve(dtype, a_order, b_order, lower, k):
    n = 37
    a = sym_indefinite(n, dtype, seed=1, order=a_order)
    # The triangle that is not read holds nonsense: nothing may change.
    junk = np.asarray(a.copy(), order=a_order)
    mask = np.triu(np.ones((n, n), bool), 1) if lower else np.tril(np.ones((n, n), bool), -1)
    junk[mask] = 1e3 * rng(2).standard_normal(mask.sum())
    f = fastlinalg.ldlt(junk, lower=lower)
    assert f.kind == "ldlt" and f.shape == (n, n) and f.dtype == dtype
    b = rhs(n, k, dtype, b_order)
    for trans in (False, True):  # symmetric: A^T = A
        x = f.solve(b, trans=trans)
        check_solution_layout(x, b, n)
        assert_close(x, np.linalg.solve(a.astype(np.float64), b.astype(np.float64)), dtype, 10)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("a_order", ORDERS)
@pytest.mark.parametrize("lower", [True, False])
def test_ldlt_queries_vs_numpy_and_scipy(dtype, a_order, lower):
    n = 30
    a = sym_indefinite(n, dtype, seed=3, npos=12, order=a_order)
    f = fastlinalg.ldlt(a, lower=lower)
    a64 = a.astype(np.float64)
    assert f.inertia == (12, n - 12, 0)
    # scipy's ldl agrees on the inertia (Sylvester's law).
    _, d, _ = scipy.linalg.ldl(a64)
    w = np.linalg.eigvalsh(d)
    assert (int((w > 0).sum()), int((w < 0).sum())) == (12, n - 12)
    sign, logdet = f.slogdet()
    ref_sign, ref_logdet = np.linalg.slogdet(a64)
    assert sign == ref_sign
    assert abs(logdet - ref_logdet) <= (1e-3 if dtype == np.float32 else 1e-10) * n
    assert_close(f.inv(), np.linalg.inv(a64), dtype, 10)
    assert_close(f.inv(order="F"), np.linalg.inv(a64), dtype, 10)
    assert 0 < f.rcond() <= 1
    b = rhs(n, 3, dtype)
    x = f.solve(b.copy(), overwrite_b=True)  # square exact kind: may solve in place
    assert_close(x, np.linalg.solve(a64, b), dtype, 10)
    bb = b.copy()
    assert f.solve(bb, overwrite_b=True) is bb


def test_ldlt_singular_and_inertia_of_spd():
    with pytest.raises(fastlinalg.SingularMatrixError):
        fastlinalg.ldlt(np.zeros((3, 3)))
    f = fastlinalg.ldlt(spd(8, np.float64))
    assert f.inertia == (8, 0, 0)


# -- QR ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("a_order", ORDERS)
@pytest.mark.parametrize("b_order", ORDERS)
@pytest.mark.parametrize("m,n", [(40, 13), (20, 20), (7, 1)])
@pytest.mark.parametrize("k", [None, 1, 4])
def test_qr_least_squares_and_min_norm(dtype, a_order, b_order, m, n, k):
    a = tall(m, n, dtype, seed=m + n, order=a_order)
    a64 = a.astype(np.float64)
    f = fastlinalg.qr(a)
    assert f.kind == "qr" and f.shape == (m, n)
    b = rhs(m, k, dtype, b_order)
    x = f.solve(b)
    check_solution_layout(x, b, n)
    assert_close(x, np.linalg.lstsq(a64, b.astype(np.float64), rcond=None)[0], dtype, 10)
    # op(A) = A^T, n-by-m: B has n rows, X has m: the minimum-norm solution.
    bt = rhs(n, k, dtype, b_order, seed=8)
    xt = f.solve(bt, trans=True)
    check_solution_layout(xt, bt, m)
    assert_close(xt, np.linalg.pinv(a64.T) @ bt.astype(np.float64), dtype, 10)
    # The rows check uses rows(op(A)).
    if m != n:
        with pytest.raises(fastlinalg.DimensionMismatchError):
            f.solve(rhs(n, k, dtype))
        with pytest.raises(fastlinalg.DimensionMismatchError):
            f.solve(rhs(m, k, dtype), trans=True)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("m,n", [(25, 9), (6, 6)])
def test_qr_pinv_and_residuals(dtype, m, n):
    a = tall(m, n, dtype, seed=5)
    a64 = a.astype(np.float64)
    f = fastlinalg.qr(a)
    p = f.inv()
    assert p.shape == (n, m) and p.dtype == dtype
    assert_close(p, np.linalg.pinv(a64), dtype, 10)
    assert_close(f.pinv(order="F"), np.linalg.pinv(a64), dtype, 10)
    assert f.pinv(order="F").flags.f_contiguous
    b = rhs(m, 3, dtype)
    norms = f.residual_norms(b)
    x = np.linalg.lstsq(a64, b.astype(np.float64), rcond=None)[0]
    ref = np.linalg.norm(b.astype(np.float64) - a64 @ x, axis=0)
    assert norms.shape == (3,) and norms.dtype == dtype
    np.testing.assert_allclose(norms, ref, rtol=1e-3 if dtype == np.float32 else 1e-8,
                               atol=1e-4 if dtype == np.float32 else 1e-10)
    r1 = f.residual_norms(b[:, 1])
    assert np.ndim(r1) == 0
    np.testing.assert_allclose(r1, ref[1], rtol=1e-3 if dtype == np.float32 else 1e-8,
                               atol=1e-4 if dtype == np.float32 else 1e-10)
    assert 0 < f.rcond() <= 1


def test_qr_shape_and_rank_deficiency():
    with pytest.raises(fastlinalg.InvalidArgumentError):
        fastlinalg.qr(np.ones((3, 5)))  # rows < cols
    a = np.ones((5, 3))
    a[:, 2] = 0.0
    with pytest.raises(fastlinalg.SingularMatrixError):
        fastlinalg.qr(a)


# -- COD -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("a_order", ORDERS)
@pytest.mark.parametrize("b_order", ORDERS)
@pytest.mark.parametrize("m,n,r", [(30, 12, 5), (12, 30, 5), (16, 16, 16), (16, 16, 9)])
@pytest.mark.parametrize("k", [None, 3])
def test_cod_min_norm_least_squares(dtype, a_order, b_order, m, n, r, k):
    a = with_singular_values(m, n, np.linspace(1.0, 5.0, r), dtype, seed=m * n + r,
                             order=a_order)
    a64 = a.astype(np.float64)
    f = fastlinalg.cod(a)
    assert f.kind == "cod" and f.shape == (m, n)
    assert f.rank == r
    pinv = np.linalg.pinv(a64, rcond=1e-3)
    b = rhs(m, k, dtype, b_order)
    x = f.solve(b)
    check_solution_layout(x, b, n)
    assert_close(x, pinv @ b.astype(np.float64), dtype, 10)
    bt = rhs(n, k, dtype, b_order, seed=9)
    xt = f.solve(bt, trans=True)
    check_solution_layout(xt, bt, m)
    assert_close(xt, pinv.T @ bt.astype(np.float64), dtype, 10)
    p = f.pinv()
    assert p.shape == (n, m)
    assert_close(p, pinv, dtype, 10)
    if k is not None:
        ref = np.linalg.norm(b.astype(np.float64) - a64 @ (pinv @ b.astype(np.float64)), axis=0)
        np.testing.assert_allclose(f.residual_norms(b), ref,
                                   rtol=1e-3 if dtype == np.float32 else 1e-8,
                                   atol=1e-3 if dtype == np.float32 else 1e-10)


# -- SVD -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("a_order", ORDERS)
@pytest.mark.parametrize("m,n", [(30, 11), (11, 30), (15, 15), (1, 4)])
def test_svd_parts_and_pinv(dtype, a_order, m, n):
    a = np.asarray(rng(m + n).standard_normal((m, n)), dtype=dtype, order=a_order)
    a64 = a.astype(np.float64)
    f = fastlinalg.svd(a)
    assert f.kind == "svd" and f.shape == (m, n)
    p = min(m, n)
    s = f.singular_values
    assert s.shape == (p,) and s.dtype == dtype
    assert np.all(np.diff(s) <= 0)
    assert_close(s, np.linalg.svd(a64, compute_uv=False), dtype)
    u, vt = f.U, f.Vt
    assert u.shape == (m, p) and vt.shape == (p, n)
    assert_close(u.T.astype(np.float64) @ u, np.eye(p), dtype, 10)
    assert_close(vt.astype(np.float64) @ vt.T, np.eye(p), dtype, 10)
    assert_close((u.astype(np.float64) * s) @ vt, a64, dtype, 10)
    assert f.rank == p
    assert f.rcond() == pytest.approx(s[-1] / s[0], rel=1e-4 if dtype == np.float32 else 1e-10)
    assert_close(f.inv(), np.linalg.pinv(a64), dtype, 100)
    b = rhs(m, 4, dtype)
    assert_close(f.solve(b), np.linalg.lstsq(a64, b.astype(np.float64), rcond=None)[0], dtype,
                 100)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("k", [None, 1, 6])
@pytest.mark.parametrize("b_order", ORDERS)
def test_svd_rank_deficient_solve(dtype, k, b_order):
    m, n, r = 20, 14, 6
    a = with_singular_values(m, n, np.linspace(2.0, 8.0, r), dtype, seed=4)
    a64 = a.astype(np.float64)
    f = fastlinalg.svd(a)
    assert f.rank == r
    b = rhs(m, k, dtype, b_order)
    x = f.solve(b)
    check_solution_layout(x, b, n)
    pinv = np.linalg.pinv(a64, rcond=1e-3)
    assert_close(x, pinv @ b.astype(np.float64), dtype, 10)
    xt = f.solve(rhs(n, k, dtype, b_order), trans=True)
    assert_close(xt, pinv.T @ rhs(n, k, np.float64, b_order), dtype, 10)
    assert f.rcond() < 1e-6  # smallest / largest singular value: rounding level


# -- rank and its tolerances ------------------------------------------------------------------
SPECTRUM = [10.0, 1.0, 1e-2, 1e-8]


@pytest.mark.parametrize("make", [fastlinalg.svd, fastlinalg.cod])
def test_rank_follows_rtol_and_atol(make):
    a = with_singular_values(8, 6, SPECTRUM, np.float64, seed=11)
    assert make(a).rank == 4                      # default rtol = 8 * eps
    assert make(a, rtol=1e-5).rank == 3           # 1e-8 <= 1e-5 * 10
    assert make(a, atol=0.1).rank == 2            # 1e-2 <= 0.1
    assert make(a, rtol=1e-5, atol=0.1).rank == 2  # the larger threshold wins
    assert make(a, rtol=0.5).rank == 1
    assert make(a, rtol=0.0).rank == 6           # rounding-level values count too
    a32 = a.astype(np.float32)                    # float32's eps: 1e-8 is below the default
    assert make(a32).rank == 3
    assert make(a32, rtol=1e-5, atol=0.1).rank == 2
    # A zero matrix has rank 0 whatever the tolerance.
    assert make(np.zeros((4, 3))).rank == 0


def test_rank_tolerance_changes_solution():
    a = with_singular_values(8, 6, SPECTRUM, np.float64, seed=12)
    b = rhs(8, 2, np.float64)
    x = fastlinalg.svd(a, rtol=1e-5).solve(b)
    assert_close(x, np.linalg.pinv(a, rcond=1e-5) @ b, np.float64, 10)
    assert_close(fastlinalg.svd(a, rtol=1e-5).pinv(), np.linalg.pinv(a, rcond=1e-5), np.float64,
                 10)


@pytest.mark.parametrize("bad", [dict(rtol=-0.5), dict(rtol=1.0), dict(rtol=2.0),
                                 dict(atol=-1.0), dict(rtol=float("nan")),
                                 dict(atol=float("nan"))])
def test_bad_tolerances(bad):
    with pytest.raises(fastlinalg.InvalidArgumentError):
        fastlinalg.svd(np.eye(3), **bad)
    with pytest.raises(fastlinalg.InvalidArgumentError):
        fastlinalg.cod(np.eye(3), **bad)
    with pytest.raises(fastlinalg.InvalidArgumentError):
        fastlinalg.eigh(np.eye(3), **bad)


def test_tolerance_type_errors():
    with pytest.raises(fastlinalg.InvalidArgumentError):
        fastlinalg.svd(np.eye(3), rtol="small")
    with pytest.raises(fastlinalg.InvalidArgumentError):
        fastlinalg.svd(np.eye(3), atol=[1.0])


# -- EIGH ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("a_order", ORDERS)
@pytest.mark.parametrize("lower", [True, False])
def test_eigh_parts_vs_numpy(dtype, a_order, lower):
    n = 25
    a = sym_indefinite(n, dtype, seed=21, order=a_order, npos=10)
    junk = np.asarray(a.copy(), order=a_order)
    mask = np.triu(np.ones((n, n), bool), 1) if lower else np.tril(np.ones((n, n), bool), -1)
    junk[mask] = 7.0
    f = fastlinalg.eigh(junk, lower=lower)
    assert f.kind == "eigh" and f.shape == (n, n)
    a64 = a.astype(np.float64)
    w = f.eigenvalues
    assert w.shape == (n,) and w.dtype == dtype
    assert np.all(np.diff(w) >= 0)
    assert_close(w, np.linalg.eigvalsh(a64), dtype, 10)
    v = f.eigenvectors
    assert v.shape == (n, n) and v.dtype == dtype
    assert_close(v.T.astype(np.float64) @ v, np.eye(n), dtype, 10)
    assert_close(a64 @ v, v.astype(np.float64) * w, dtype, 10)
    assert f.inertia == (10, n - 10, 0)
    assert f.rank == n
    sign, logdet = f.slogdet()
    ref_sign, ref_logdet = np.linalg.slogdet(a64)
    assert sign == ref_sign and abs(logdet - ref_logdet) < (1e-3 if dtype == np.float32 else 1e-9)
    assert f.rcond() == pytest.approx(1.0 / 3.0, rel=1e-3 if dtype == np.float32 else 1e-9)
    b = rhs(n, 4, dtype)
    assert_close(f.solve(b), np.linalg.solve(a64, b.astype(np.float64)), dtype, 10)
    assert_close(f.solve(b[:, 0], trans=True), np.linalg.solve(a64, b[:, 0].astype(np.float64)),
                 dtype, 10)
    assert_close(f.inv(), np.linalg.inv(a64), dtype, 10)


@pytest.mark.parametrize("dtype", DTYPES)
def test_eigh_singular_is_pseudo_inverse(dtype):
    n, r = 12, 7
    v = np.linalg.qr(rng(5).standard_normal((n, n)))[0]
    w = np.concatenate([np.linspace(-3, -1, 3), np.linspace(1, 3, r - 3), np.zeros(n - r)])
    a64 = (v * w) @ v.T
    a64 = (a64 + a64.T) / 2
    f = fastlinalg.eigh(a64.astype(dtype))
    assert f.rank == r
    assert f.inertia == (r - 3, 3, n - r)
    sign, logdet = f.slogdet()
    # The zero eigenvalues are zero up to rounding here: either an exact 0 determinant or a
    # tiny one.
    assert (sign == 0 and logdet == -np.inf) or logdet < -20
    b = rhs(n, 2, dtype)
    pinv = np.linalg.pinv(a64, rcond=1e-4, hermitian=True)
    assert_close(f.solve(b), pinv @ b.astype(np.float64), dtype, 10)
    assert_close(f.pinv(), pinv, dtype, 10)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("b_order", ORDERS)
@pytest.mark.parametrize("k", [None, 1, 5])
def test_solve_shifted_vs_numpy(dtype, b_order, k):
    n = 30
    a = spd(n, dtype, seed=2)
    a64 = a.astype(np.float64)
    f = fastlinalg.eigh(a)
    shifts = [0.0, 0.1, 1.0, 25.0, -0.5]
    b = rhs(n, k, dtype, b_order)
    x = f.solve_shifted(b, shifts)
    assert x.shape == ((len(shifts), n) if k is None else (len(shifts), n, k))
    assert x.dtype == dtype
    for i, lam in enumerate(shifts):
        ref = np.linalg.solve(a64 + lam * np.eye(n), b.astype(np.float64))
        assert_close(x[i], ref, dtype, 100)
        if k is not None and k > 1:
            assert x[i].flags.c_contiguous if b_order == "C" else x[i].flags.f_contiguous
    # A scalar shift gives X alone; an empty list gives an empty stack.
    assert_close(f.solve_shifted(b, 0.3), np.linalg.solve(a64 + 0.3 * np.eye(n), b.astype(
        np.float64)), dtype, 100)
    assert f.solve_shifted(b, np.array([])).shape[0] == 0


def test_eigh_exactly_singular():
    f = fastlinalg.eigh(np.diag([1.0, -2.0, 0.0, 3.0]))
    assert f.rank == 3 and f.inertia == (2, 1, 1)
    assert f.slogdet() == (0.0, -np.inf)
    assert f.rcond() == 0.0
    assert_close(f.solve(np.ones(4)), [1.0, -0.5, 0.0, 1.0 / 3.0], np.float64)


def test_solve_shifted_singular_and_errors():
    f = fastlinalg.eigh(np.diag([1.0, 2.0, 3.0]))
    with pytest.raises(fastlinalg.SingularMatrixError):
        f.solve_shifted(np.ones(3), [0.5, -2.0])
    with pytest.raises(fastlinalg.DimensionMismatchError):
        f.solve_shifted(np.ones(4), [1.0])
    with pytest.raises(fastlinalg.InvalidArgumentError):
        f.solve_shifted(np.ones(3), [[1.0, 2.0]])
    with pytest.raises(fastlinalg.InvalidArgumentError):
        f.solve_shifted(np.ones((3, 1, 1)), [1.0])


def test_eigh_not_square():
    with pytest.raises(fastlinalg.InvalidArgumentError):
        fastlinalg.eigh(np.ones((3, 4)))
    with pytest.raises(fastlinalg.InvalidArgumentError):
        fastlinalg.ldlt(np.ones((4, 3)))


# -- factorize (AUTO) ------------------------------------------------------------------------------
def singular_square(n, dtype):
    """Non-symmetric, with an exactly zero column: LU meets an exactly zero pivot."""
    a = well_conditioned(n, np.float64, seed=9)
    a[:, n // 2] = 0.0
    return np.asarray(a, dtype=dtype)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("case", ["spd", "general", "singular", "tall", "tall_deficient",
                                  "wide"])
def test_factorize_routes(dtype, case):
    n = 20
    a, kinds = {
        "spd": lambda: (spd(n, dtype, seed=1), {"cholesky"}),
        "general": lambda: (well_conditioned(n, dtype, seed=3), {"lu"}),
        "singular": lambda: (singular_square(n, dtype), {"cod"}),
        "tall": lambda: (tall(30, 12, dtype, seed=4), {"qr"}),
        "tall_deficient": lambda: (with_singular_values(30, 12, [3.0, 2.0, 1.0], dtype, seed=5),
                                   {"cod"}),
        "wide": lambda: (with_singular_values(12, 30, np.linspace(1, 2, 12), dtype, seed=6),
                         {"cod", "qr"}),
    }[case]()
    a64 = a.astype(np.float64)
    f = fastlinalg.factorize(a)
    assert f.kind in kinds, (f.kind, kinds)
    assert f.shape == a.shape and f.dtype == dtype
    b = rhs(a.shape[0], 2, dtype)
    x = f.solve(b)
    assert x.shape == (a.shape[1], 2)
    ref = np.linalg.pinv(a64, rcond=1e-4) @ b.astype(np.float64)
    if case in ("singular", "tall_deficient"):  # minimum-norm least squares
        assert_close(x, ref, dtype, 100)
    else:
        assert_close(a64 @ x, a64 @ ref, dtype, 100)


def test_factorize_indefinite_with_positive_diagonal_is_ldlt():
    a = np.array([[1.0, 2.0, 0.0], [2.0, 1.0, 1.0], [0.0, 1.0, 3.0]])  # symmetric, indefinite
    f = fastlinalg.factorize(a)
    assert f.kind == "ldlt"
    assert f.inertia == tuple(int(v) for v in (
        (np.linalg.eigvalsh(a) > 0).sum(), (np.linalg.eigvalsh(a) < 0).sum(), 0))
    assert_close(f.solve(np.ones(3)), np.linalg.solve(a, np.ones(3)), np.float64, 10)


def test_factorize_singular_square_is_cod():
    a = np.array([[1.0, 2.0], [2.0, 4.0]]) @ np.array([[1.0, 1.0], [0.0, 1.0]])  # rank 1, unsym.
    f = fastlinalg.factorize(a)
    assert f.kind == "cod" and f.rank == 1
    b = np.array([1.0, 3.0])
    assert_close(f.solve(b), np.linalg.pinv(a) @ b, np.float64, 10)


# -- general properties of the new kinds ----------------------------------------------------------
@pytest.mark.parametrize("make,shape", [(fastlinalg.ldlt, (6, 6)), (fastlinalg.qr, (9, 6)),
                                        (fastlinalg.cod, (6, 9)), (fastlinalg.svd, (9, 6)),
                                        (fastlinalg.eigh, (6, 6))])
def test_new_kinds_handle_behaviour(make, shape):
    m, n = shape
    a = sym_indefinite(m, np.float64, seed=1) if m == n else tall(max(shape), min(shape),
                                                                  np.float64)
    if m < n:
        a = np.ascontiguousarray(a.T)
    f = make(a)
    assert f.shape == shape
    assert repr(f).startswith(f"<fastlinalg.Factor kind='{f.kind}' shape={shape}")
    kind, fl_dtype, rows, cols = f._library_info()
    assert (rows, cols) == shape and fl_dtype == 2
    # Other dtypes of A: ints become float64, float32 stays.
    assert make(a.astype(np.float32)).dtype == np.float32
    with f:
        pass
    assert f.closed
    with pytest.raises(fastlinalg.InvalidArgumentError):
        f.solve(np.ones(m))
    with pytest.raises(fastlinalg.InvalidArgumentError):
        f.inv()


@pytest.mark.parametrize("make", [fastlinalg.ldlt, fastlinalg.qr, fastlinalg.cod,
                                  fastlinalg.svd, fastlinalg.eigh, fastlinalg.factorize])
def test_new_kinds_non_finite_and_dtype(make):
    a = np.eye(4)
    a[1, 1] = np.nan
    with pytest.raises(fastlinalg.NonFiniteError):
        make(a)
    f = make(np.eye(4, dtype=np.float32) * 2)
    with pytest.raises(fastlinalg.DtypeMismatchError):
        f.solve(np.ones(4))  # float64 into a float32 factor
    assert f.solve(np.ones(4, dtype=np.int64)).dtype == np.float32
    if make in (fastlinalg.qr, fastlinalg.cod, fastlinalg.svd, fastlinalg.eigh, fastlinalg.ldlt):
        assert make(np.eye(3, dtype=np.complex128)).dtype == np.complex128
    else:
        with pytest.raises(fastlinalg.UnsupportedError, match="real matrices only|not real"):
            make(np.eye(3, dtype=np.complex128))


@pytest.mark.parametrize("make", [fastlinalg.cod, fastlinalg.svd, fastlinalg.qr])
def test_rectangular_empty_and_odd_strides(make):
    a = tall(10, 4, np.float64, seed=3)
    f = make(a)
    # B with odd strides is copied once; the answer is the same.
    big = rhs(20, 6, np.float64)
    b = big[::2, ::2]
    assert_close(f.solve(b), f.solve(np.ascontiguousarray(b)), np.float64)
    assert_close(f.solve(big[::2, 1]), f.solve(np.ascontiguousarray(big[::2, 1])), np.float64)
    # No right-hand sides.
    assert f.solve(np.empty((10, 0))).shape == (4, 0)
    # overwrite_b cannot apply to a rectangular X: a new array comes back, B unchanged.
    b = rhs(10, 2, np.float64)
    keep = b.copy()
    x = f.solve(b, overwrite_b=True)
    assert x.shape == (4, 2) and not np.shares_memory(x, b)
    np.testing.assert_array_equal(b, keep)
    # lists work
    assert f.solve(b.tolist()).shape == (4, 2)


@pytest.mark.parametrize("make", [fastlinalg.qr, fastlinalg.cod, fastlinalg.svd])
def test_rectangular_a_general_path(make):
    big = tall(24, 10, np.float64, seed=8)
    a = big[::2, ::2]                      # no usable leading stride: one copy
    ref = make(np.ascontiguousarray(a))
    b = rhs(12, 2, np.float64)
    assert_close(make(a).solve(b), ref.solve(b), np.float64)
    ro = np.ascontiguousarray(a)
    ro.setflags(write=False)               # read-only buffers are fine
    assert_close(make(ro).solve(b), ref.solve(b), np.float64)
    ints = np.array([[1, 0], [0, 2], [1, 1]])
    f = make(ints)
    assert f.dtype == np.float64 and f.shape == (3, 2)
    assert_close(f.solve([1.0, 2.0, 2.0]), np.linalg.lstsq(ints.astype(float), [1.0, 2.0, 2.0],
                                                            rcond=None)[0], np.float64)


def test_threads_share_a_rectangular_factor():
    from concurrent.futures import ThreadPoolExecutor
    a = tall(60, 20, np.float64, seed=1)
    f = fastlinalg.svd(a)
    bs = [rhs(60, 3, np.float64, seed=s) for s in range(16)]
    refs = [np.linalg.lstsq(a, b, rcond=None)[0] for b in bs]
    with ThreadPoolExecutor(4) as pool:
        outs = list(pool.map(lambda b: (f.solve(b), f.residual_norms(b), f.singular_values), bs))
    for (x, norms, s), b, ref in zip(outs, bs, refs):
        assert_close(x, ref, np.float64, 10)
        assert norms.shape == (3,) and s.shape == (20,)
