import numpy as np

DTYPES = [np.float32, np.float64]


def rng(seed=0):
    return np.random.default_rng(seed)


def well_conditioned(n, dtype, seed=0, order="C"):
    """A random n-by-n matrix with condition number O(n) (diagonally weighted)."""
    r = rng(seed)
    a = r.standard_normal((n, n)) + n ** 0.5 * np.eye(n) * 2
    return np.asarray(a, dtype=dtype, order=order)


def spd(n, dtype, seed=0, order="C"):
    r = rng(seed)
    m = r.standard_normal((n, n))
    a = m @ m.T / max(n, 1) + np.eye(n)
    return np.asarray(a, dtype=dtype, order=order)


def scaled_residual(a, x, b, trans=False):
    """LAPACK's ||B - op(A) X||_1 / (||A||_1 ||X||_1 n eps); below 30 passes."""
    a64 = np.asarray(a, dtype=np.float64)
    opa = a64.T if trans else a64
    x64 = np.asarray(x, dtype=np.float64)
    b64 = np.asarray(b, dtype=np.float64)
    if x64.ndim == 1:
        x64, b64 = x64[:, None], b64[:, None]
    n = a64.shape[0]
    if n == 0 or x64.size == 0:
        return 0.0
    eps = np.finfo(np.asarray(x).dtype).eps
    num = np.linalg.norm(b64 - opa @ x64, 1)
    den = np.linalg.norm(a64, 1) * np.linalg.norm(x64, 1) * n * eps
    return num / den if den else num


def tol_of(dtype):
    """A relative tolerance for comparing well-conditioned results with float64 references."""
    return 2e-4 if np.dtype(dtype) == np.float32 else 1e-10


def assert_close(x, ref, dtype, scale=1.0):
    """||x - ref|| <= tol * scale * max(||ref||, 1), in float64 (norm-wise, not element-wise)."""
    x64 = np.asarray(x, dtype=np.float64)
    r64 = np.asarray(ref, dtype=np.float64)
    assert x64.shape == r64.shape, (x64.shape, r64.shape)
    err = np.linalg.norm(x64 - r64)
    assert err <= tol_of(dtype) * scale * max(np.linalg.norm(r64), 1.0), err


def orthonormal(m, k, seed=0):
    """An m-by-k matrix with orthonormal columns (k <= m)."""
    q, _ = np.linalg.qr(rng(seed).standard_normal((m, k)))
    return q


def with_singular_values(m, n, s, dtype, seed=0, order="C"):
    """An m-by-n matrix whose nonzero singular values are s (len(s) <= min(m, n)); the others
    are zero up to rounding: a matrix of rank len(s)."""
    r = len(s)
    a = orthonormal(m, r, seed) @ np.diag(np.asarray(s, dtype=np.float64)) @ \
        orthonormal(n, r, seed + 1).T
    return np.asarray(a, dtype=dtype, order=order)


def tall(m, n, dtype, seed=0, order="C"):
    """A random m-by-n matrix (m >= n) of full column rank, condition number O(1)."""
    return with_singular_values(m, n, np.linspace(1.0, 4.0, n), dtype, seed, order)


def sym_indefinite(n, dtype, seed=0, order="C", npos=None):
    """A symmetric n-by-n matrix with npos eigenvalues in [1, 3] and the others in [-3, -1]."""
    npos = n // 2 + 1 if npos is None else npos
    w = np.concatenate([np.linspace(1.0, 3.0, npos), -np.linspace(1.0, 3.0, n - npos)])
    v = orthonormal(n, n, seed)
    a = (v * w) @ v.T
    a = (a + a.T) / 2
    return np.asarray(a, dtype=dtype, order=order)


def complex_scaled_residual(a, x, b):
    """LAPACK's xGET02 in complex128: max_j ||b_j - A x_j||_1 / (||A||_1 ||x_j||_1 n eps)."""
    eps = np.finfo(a.dtype).eps
    a, x, b = (np.asarray(m, np.complex128).reshape(m.shape[0], -1) for m in (a, x, b))
    r = np.abs(b - a @ x).sum(axis=0)
    return (r / (np.abs(a).sum(axis=0).max() * np.abs(x).sum(axis=0) * a.shape[0] * eps)).max()
