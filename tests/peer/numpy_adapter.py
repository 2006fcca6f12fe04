"""numpy.linalg's functions, computed by fastlinalg (the plugin puts them in numpy.linalg).

numpy 1.24's contract is kept: stacks (..., m, n), LinAlgError for non-square or < 2-D input,
array subclasses wrapped back, and numpy's dtype rule (every computation in double precision,
float32/complex64 results cast back). The real stacks go to fastlinalg.linalg in one library
call; what it has no stack function for (svd, pinv, qr, complex matrices) is factored matrix
by matrix with fastlinalg's factors. numpy only converts, reshapes, sorts and assembles.
"""
import warnings

import numpy as np

import fastlinalg as fl
from fastlinalg import linalg as stacks
from fastlinalg._batched import _solve_shapes  # numpy's broadcasting rule for solve's b
from peer_gap import PeerGap, require_dtype
from peer_qr import completed, qr_parts, raw_qr

LinAlgError = np.linalg.LinAlgError


def _makearray(a):
    new = np.asarray(a)
    return new, getattr(a, "__array_prepare__", new.__array_wrap__)


def _common_type(*arrays):
    """(computation dtype, result dtype) as numpy.linalg's _commonType decides them."""
    single, complex_ = True, False
    for a in arrays:
        dt = a.dtype.newbyteorder("=")
        if dt.kind == "c":
            complex_, dt = True, np.finfo(dt).dtype
        elif dt.kind in "biu":
            dt = np.dtype(np.float64)
        if dt == np.float64:
            single = False
        elif dt != np.float32:
            raise TypeError(f"array type {a.dtype.name} is unsupported in linalg")
    t = np.complex128 if complex_ else np.float64
    result = ((np.complex64 if complex_ else np.float32) if single else t)
    return np.dtype(t), np.dtype(result)


def _stacked_2d(*arrays):
    for a in arrays:
        if a.ndim < 2:
            raise LinAlgError(f"{a.ndim}-dimensional array given. Array must be at least "
                              "two-dimensional")


def _stacked_square(*arrays):
    for a in arrays:
        if a.shape[-1] != a.shape[-2]:
            raise LinAlgError("Last 2 dimensions of the array must be square")


def _square_input(a):
    a, wrap = _makearray(a)
    _stacked_2d(a)
    _stacked_square(a)
    t, result_t = _common_type(a)
    return a.astype(t), wrap, result_t


def _per_matrix(fn, a, *outputs):
    """fn(matrix) for every matrix of the stack a, its results stacked into outputs (one
    ndarray per result of fn; each (batch + shape), allocated by the caller)."""
    for index in np.ndindex(a.shape[:-2]):
        results = fn(a[index])
        for out, r in zip(outputs, results if isinstance(results, tuple) else (results,)):
            out[index] = r
    return outputs if len(outputs) > 1 else outputs[0]


# ---- solve, inv, det, slogdet ------------------------------------------------------------------
def solve(a, b):
    a, _ = _makearray(a)
    _stacked_2d(a)
    _stacked_square(a)
    b, wrap = _makearray(b)
    t, result_t = _common_type(a, b)
    a, b = a.astype(t), b.astype(t)
    if t.kind != "c":
        return wrap(stacks.solve(a, b).astype(result_t, copy=False))
    require_dtype(a, "lu", "solve")
    batch, bb, vector = _solve_shapes(a, b, numpy_rule=True)
    aa = np.broadcast_to(a, batch + a.shape[-2:])
    bb = np.broadcast_to(bb, batch + bb.shape[-2:])
    x = np.empty(batch + (a.shape[-1], bb.shape[-1]), t)
    for index in np.ndindex(batch):
        x[index] = fl.lu(aa[index]).solve(bb[index])
    x = x[..., 0] if vector else x
    return wrap(x.astype(result_t, copy=False))


def inv(a):
    a, wrap, result_t = _square_input(a)
    if a.dtype.kind != "c":
        return wrap(stacks.inv(a).astype(result_t, copy=False))
    require_dtype(a, "lu", "inv")
    out = np.empty(a.shape, a.dtype)
    return wrap(_per_matrix(lambda m: fl.lu(m).inv(), a, out)
                .astype(result_t, copy=False))


def _complex_slogdet(m):
    try:
        return fl.lu(m).slogdet()
    except fl.SingularMatrixError:
        return 0.0, -np.inf  # getrf met an exactly zero pivot: det(A) is exactly 0


def slogdet(a):
    a, _, result_t = _square_input(a)
    real_t = np.finfo(result_t).dtype
    if a.dtype.kind != "c":
        sign, logdet = stacks.slogdet(a)
    else:
        require_dtype(a, "lu", "slogdet")
        batch = a.shape[:-2]
        sign, logdet = _per_matrix(_complex_slogdet, a, np.empty(batch, a.dtype),
                                   np.empty(batch, np.float64))
    # [()] makes the results of one matrix scalars, as numpy's are
    return sign.astype(result_t, copy=False)[()], logdet.astype(real_t, copy=False)[()]


def det(a):
    sign, logdet = slogdet(a)
    return (sign * np.exp(logdet)).astype(np.result_type(sign), copy=False)[()]


# ---- symmetric: cholesky, eigh, eigvalsh -------------------------------------------------------
def cholesky(a):
    a, wrap, result_t = _square_input(a)
    if a.dtype.kind != "c":
        return wrap(stacks.cholesky(a).astype(result_t, copy=False))
    require_dtype(a, "cholesky", "cholesky")
    if not hasattr(fl.Factor, "L"):
        raise PeerGap("complex dtypes: Cholesky factor output")
    out = np.empty(a.shape, a.dtype)
    return wrap(_per_matrix(lambda m: fl.cholesky(m).L, a, out)
                .astype(result_t, copy=False))


def _uplo(UPLO):
    UPLO = UPLO.upper()
    if UPLO not in ("L", "U"):
        raise ValueError("UPLO argument must be 'L' or 'U'")
    return UPLO


def eigh(a, UPLO="L"):
    UPLO = _uplo(UPLO)
    a, wrap, result_t = _square_input(a)
    real_t = np.finfo(result_t).dtype
    if a.dtype.kind != "c":
        w, v = stacks.eigh(a, UPLO)
    else:
        require_dtype(a, "eigh", "eigh")
        n = a.shape[-1]

        def one(m):
            f = fl.eigh(m, lower=UPLO == "L")
            return f.eigenvalues, f.eigenvectors

        w, v = _per_matrix(one, a, np.empty(a.shape[:-1], np.float64),
                           np.empty(a.shape, a.dtype)) if n else (
            np.empty(a.shape[:-1], np.float64), np.empty(a.shape, a.dtype))
    return w.astype(real_t, copy=False), wrap(v.astype(result_t, copy=False))


def eigvalsh(a, UPLO="L"):
    return eigh(a, UPLO)[0]


# ---- SVD, pseudo-inverse, least squares, QR ----------------------------------------------------
def _svd_hermitian(a, compute_uv):
    """numpy's svd(hermitian=True): |eigenvalues| descending; U the eigenvectors in that
    order, Vt = (U * sign(w)).T.conj()."""
    w, v = eigh(a)
    sign, s = np.sign(w), np.abs(w)
    order = np.argsort(s, axis=-1)[..., ::-1]
    s = np.take_along_axis(s, order, axis=-1)
    if not compute_uv:
        return s
    sign = np.take_along_axis(sign, order, axis=-1)
    u = np.take_along_axis(v, order[..., None, :], axis=-1)
    return u, s, np.swapaxes(u * sign[..., None, :], -1, -2).conj()


def svd(a, full_matrices=True, compute_uv=True, hermitian=False):
    a, wrap = _makearray(a)
    if hermitian:
        return _svd_hermitian(a, compute_uv)
    _stacked_2d(a)
    t, result_t = _common_type(a)
    a = a.astype(t)
    real_t = np.finfo(result_t).dtype
    m, n = a.shape[-2:]
    k = min(m, n)
    require_dtype(a, "svd", "svd")
    batch = a.shape[:-2]
    s = np.zeros(batch + (k,), np.float64)
    if not compute_uv:
        return _per_matrix(lambda x: fl.svd(x).singular_values, a, s).astype(real_t)
    full = full_matrices and m != n
    u = np.zeros(batch + (m, m if full else k), t)
    vt = np.zeros(batch + (n if full else k, n), t)

    def one(x):
        f = fl.svd(x)
        if full:
            return completed(f.U), f.singular_values, completed(f.Vt.T).T
        return f.U, f.singular_values, f.Vt

    _per_matrix(one, a, u, s, vt)
    return (wrap(u.astype(result_t)), s.astype(real_t), wrap(vt.astype(result_t)))


def pinv(a, rcond=1e-15, hermitian=False):
    a, wrap = _makearray(a)
    rcond = np.asarray(rcond)
    _stacked_2d(a)
    t, result_t = _common_type(a)
    a = a.astype(t)
    m, n = a.shape[-2:]
    out = np.zeros(a.shape[:-2] + (n, m), t)
    make, kind = ((lambda x, r: fl.eigh(x, rtol=r, atol=0.0), "eigh") if hermitian else
                  (lambda x, r: fl.svd(x, rtol=r, atol=0.0), "svd"))
    require_dtype(a, kind, "pinv")
    rc = np.broadcast_to(rcond, a.shape[:-2])
    for index in np.ndindex(a.shape[:-2]):
        out[index] = make(a[index], float(rc[index])).inv()
    return wrap(out.astype(result_t, copy=False))


def lstsq(a, b, rcond="warn"):
    a, _ = _makearray(a)
    b, wrap = _makearray(b)
    vector = b.ndim == 1
    if vector:
        b = b[:, np.newaxis]
    if a.ndim != 2 or b.ndim != 2:
        raise LinAlgError(f"{max(a.ndim, b.ndim)}-dimensional array given. Array must be "
                          "two-dimensional")
    m, n = a.shape
    if m != b.shape[0]:
        raise LinAlgError("Incompatible dimensions")
    t, result_t = _common_type(a, b)
    real_t = np.finfo(result_t).dtype
    if rcond == "warn":
        warnings.warn("`rcond` parameter will change to the default of machine precision "
                      "times ``max(M, N)`` where M and N are the input matrix dimensions.\n"
                      "To use the future default and silence this warning we advise to pass "
                      "`rcond=None`, to keep using the old, explicitly pass `rcond=-1`.",
                      FutureWarning, stacklevel=2)
        rcond = -1
    # gelsd reads rcond <= 0 as LAPACK's machine precision, dlamch('E') = eps / 2
    eps = np.finfo(t).eps
    rtol = eps * max(m, n) if rcond is None else (rcond if rcond > 0 else eps / 2)
    require_dtype(a, "svd", "lstsq")
    f = fl.svd(a.astype(t), rtol=rtol, atol=0.0)
    x = f.solve(b.astype(t)) if b.shape[1] else np.zeros((n, 0), t)
    rank = f.rank
    if rank != n or m <= n:
        resids = np.array([], real_t)
    else:
        resids = (f.residual_norms(b.astype(t)) ** 2 if b.shape[1]
                  else np.zeros(0)).astype(real_t)
    x = x[:, 0] if vector else x
    return wrap(x.astype(result_t)), wrap(resids), rank, f.singular_values.astype(real_t)


_QR_DEPRECATED = {"f": "reduced", "full": "reduced", "e": "economic", "economic": "economic"}


def qr(a, mode="reduced"):
    if mode not in ("reduced", "complete", "r", "raw"):
        if mode not in _QR_DEPRECATED:
            raise ValueError(f"Unrecognized mode '{mode}'")
        warnings.warn("The 'full' option is deprecated in favor of 'reduced'.\nFor backward "
                      "compatibility let mode default." if _QR_DEPRECATED[mode] == "reduced"
                      else "The 'economic' option is deprecated.", DeprecationWarning,
                      stacklevel=2)
        mode = _QR_DEPRECATED[mode]
    a, wrap = _makearray(a)
    _stacked_2d(a)
    if mode == "economic":
        raise PeerGap("no QR reflectors and tau (mode='raw')")
    t, result_t = _common_type(a)
    a = a.astype(t)
    m, n = a.shape[-2:]
    k = min(m, n)
    if mode == "raw":  # numpy's h is geqrf's output transposed, (..., n, m)
        h, tau = np.empty(a.shape[:-2] + (n, m), t), np.empty(a.shape[:-2] + (k,), t)
        _per_matrix(lambda x: tuple(part.T for part in raw_qr(x)[0]), a, h, tau)
        return h.astype(result_t), tau.astype(result_t)
    full = mode == "complete"
    q = np.empty(a.shape[:-2] + (m, m if full else k), t)
    r = np.empty(a.shape[:-2] + (m if full else k, n), t)
    _per_matrix(lambda x: qr_parts(x, full), a, q, r)
    r = wrap(r.astype(result_t))
    return r if mode == "r" else (wrap(q.astype(result_t)), r)
