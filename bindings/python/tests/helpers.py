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
