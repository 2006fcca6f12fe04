"""Kernel matrices of stationary kernels and their hyperparameter gradients.

    k = fastlinalg.Kernel("gaussian", lengthscales=[1.0, 2.0, 0.5], sigma_f=1.5, noise=1e-3)
    K = k(X)                  # (N, N), symmetric, noise on the diagonal
    K12 = k(X1, X2)           # (N, M), no noise
    g = k.gradient(X, W)      # {"sigma_f": ..., "noise": ..., "lengthscales": array(D)}

K_ij = sigma_f^2 kappa(r_ij) with r^2 = (x_i - x_j)^T M (x_i - x_j), the metric M given by
exactly one of: `lengthscale` (a number: M = I / l^2), `lengthscales` (D values:
M = diag(1 / l^2), ARD), `Lambda` and `psi` (M = Lambda Lambda^T + diag(psi)^2: GPML's
eq. 5.2 M3, whose L_inv is diag(psi)), or `M` itself (symmetric positive definite).
Points are the rows of (N, D) arrays of any memory order, float32 or float64 (others are
converted to float64); the result has the points' dtype. See docs/kernels.md.
"""
import ctypes

import numpy as np

from . import _lib
from ._errors import InvalidArgumentError, Status
from ._factor import _raise

__all__ = ["Kernel"]

_KINDS = {
    "squared_distance": _lib.KERNEL_SQUARED_DISTANCE,
    "gaussian": _lib.KERNEL_GAUSSIAN,
    "matern12": _lib.KERNEL_MATERN12,
    "matern32": _lib.KERNEL_MATERN32,
    "matern52": _lib.KERNEL_MATERN52,
}
_FL_DTYPE = {np.dtype(np.float32): _lib.FLOAT32, np.dtype(np.float64): _lib.FLOAT64}


def _invalid(message):
    raise InvalidArgumentError("fastlinalg.Kernel: " + message, Status.INVALID_ARGUMENT)


def _metric_params(dim, lengthscale, lengthscales, Lambda, psi, M):
    """(fl_metric, params as float64 in the C order of the metric, gradient unpacker)."""
    given = [name for name, v in (("lengthscale", lengthscale), ("lengthscales", lengthscales),
                                  ("Lambda", Lambda), ("M", M)) if v is not None]
    if len(given) != 1:
        _invalid("give exactly one of lengthscale, lengthscales, Lambda (with psi) or M; got "
                 + (", ".join(given) or "none"))
    if lengthscale is not None:
        p = np.array([lengthscale], dtype=np.float64).ravel()
        if p.size != 1:
            _invalid("lengthscale must be one number (use lengthscales for ARD)")
        return _lib.METRIC_ISOTROPIC, p, dim, lambda g: {"lengthscale": float(g[0])}
    if lengthscales is not None:
        p = np.array(lengthscales, dtype=np.float64).ravel()
        return _lib.METRIC_ARD, p, p.size, lambda g: {"lengthscales": g.copy()}
    if Lambda is not None:
        if psi is None:
            _invalid("Lambda needs psi (the diagonal L_inv of M = Lambda Lambda^T + L_inv^2)")
        lam = np.array(Lambda, dtype=np.float64)
        if lam.ndim == 1:
            lam = lam[:, None]
        if lam.ndim != 2:
            _invalid(f"Lambda must be (D, q), got shape {lam.shape}")
        d, q = lam.shape
        ps = np.array(psi, dtype=np.float64)
        if ps.ndim == 2 and ps.shape[0] == ps.shape[1]:
            ps = np.diag(ps)  # the seed's L_inv = np.diag(...)
        ps = ps.ravel()
        p = np.concatenate([lam.ravel(order="F"), ps])
        return (_lib.METRIC_LOWRANK_DIAG, p, d,
                lambda g: {"Lambda": g[:d * q].reshape((d, q), order="F"), "psi": g[d * q:].copy()})
    m = np.array(M, dtype=np.float64)
    if m.ndim != 2 or m.shape[0] != m.shape[1]:
        _invalid(f"M must be a square (D, D) matrix, got shape {m.shape}")
    d = m.shape[0]
    return _lib.METRIC_FULL, m.ravel(order="F"), d, lambda g: {"M": g.reshape((d, d), order="F")}


class Kernel:
    """A stationary kernel sigma_f^2 kappa(r) (+ noise on the diagonal of k(X)).

    kind: "gaussian" (exp(-r^2/2)), "matern12", "matern32", "matern52" or
    "squared_distance" (r^2 itself). The handle is immutable and may be shared by threads.
    """

    def __init__(self, kind="gaussian", *, lengthscale=None, lengthscales=None, Lambda=None,
                 psi=None, M=None, sigma_f=1.0, noise=0.0, dim=None):
        if kind not in _KINDS:
            _invalid(f"kind={kind!r}; expected one of {', '.join(_KINDS)}")
        metric, params, d, self._unpack = _metric_params(dim, lengthscale, lengthscales,
                                                         Lambda, psi, M)
        if d is None:
            _invalid("an isotropic kernel needs dim (the number of columns of the points)")
        if dim is not None and dim != d:
            _invalid(f"dim={dim} but the metric's parameters are for dim={d}")
        self.kind, self.dim = kind, int(d)
        self.sigma_f, self.noise = float(sigma_f), float(noise)
        self._params = np.ascontiguousarray(params)
        self._handle = ctypes.c_void_p()
        status = _lib.lib.fl_kernel_create(ctypes.byref(self._handle), _KINDS[kind], metric,
                                           self.dim, self._params.size,
                                           self._params.ctypes.data, self.sigma_f, self.noise)
        if status:
            _raise(status)

    def __del__(self, _destroy=_lib.lib.fl_kernel_destroy):
        # The destroy function is bound at definition time: at interpreter exit the module's
        # globals may already be gone.
        handle = getattr(self, "_handle", None)
        if handle:
            self._handle = None
            _destroy(handle)

    def _points(self, x1, x2):
        """X1 (and X2) as arrays of one float dtype and one memory order, with the layout
        and leading dimensions the C call takes."""
        x1 = np.asarray(x1)
        dtype = x1.dtype if x1.dtype in _FL_DTYPE else np.dtype(np.float64)
        if x2 is not None:
            x2 = np.asarray(x2)
            if x2.dtype != dtype and x2.dtype in _FL_DTYPE and x1.dtype not in _FL_DTYPE:
                dtype = x2.dtype
        arrays = []
        for name, x in (("x1", x1), ("x2", x2)):
            if x is None:
                arrays.append(None)
                continue
            if x.ndim != 2 or x.shape[1] != self.dim:
                _invalid(f"{name} must be (N, {self.dim}), got shape {x.shape}")
            arrays.append(x.astype(dtype, copy=False))
        x1 = arrays[0]
        fortran = x1.flags.f_contiguous and not x1.flags.c_contiguous
        order = "F" if fortran else "C"
        x1 = np.asarray(x1, order=order)
        x2 = None if arrays[1] is None else np.asarray(arrays[1], order=order)
        layout = _lib.COL_MAJOR if fortran else _lib.ROW_MAJOR

        def ld(x):
            return max(1, x.shape[0] if fortran else x.shape[1])
        return x1, x2, dtype, layout, ld

    def __call__(self, x1, x2=None, *, out=None):
        """K (N, M): k(x1_i, x2_j); x2=None means x2 = x1 (symmetric, noise on the
        diagonal). A new C-ordered array, or `out`: an existing (N, M) array of the points'
        dtype, C or Fortran contiguous, overwritten (reusing it saves the page faults of a
        fresh N x M array, which at N = M = 4000 cost as much as computing K)."""
        x1, x2, dtype, layout, ld = self._points(x1, x2)
        n1 = x1.shape[0]
        n2 = n1 if x2 is None else x2.shape[0]
        if out is None:
            out = np.empty((n1, n2), dtype=dtype)
        elif not isinstance(out, np.ndarray) or out.shape != (n1, n2) or out.dtype != dtype:
            _invalid(f"out must be a ({n1}, {n2}) {dtype} array")
        elif not out.flags.writeable or not (out.flags.c_contiguous or out.flags.f_contiguous):
            _invalid("out must be writeable and C or Fortran contiguous")
        k_fortran = out.flags.f_contiguous and not out.flags.c_contiguous
        status = _lib.lib.fl_kernel_matrix(
            self._handle, _FL_DTYPE[dtype], layout, n1, x1.ctypes.data, ld(x1), n2,
            None if x2 is None else x2.ctypes.data, 1 if x2 is None else ld(x2),
            _lib.COL_MAJOR if k_fortran else _lib.ROW_MAJOR, out.ctypes.data,
            max(1, n1 if k_fortran else n2))
        if status:
            _raise(status)
        return out

    matrix = __call__

    def gradient(self, x1, w, x2=None):
        """sum_ij W_ij dK_ij/dtheta for every hyperparameter, as a dict: "sigma_f", "noise"
        (trace(W) when x2 is None, else 0) and the metric's parameters in their shapes
        ("lengthscale", "lengthscales", "Lambda" and "psi", or "M")."""
        x1, x2, dtype, layout, ld = self._points(x1, x2)
        n1 = x1.shape[0]
        n2 = n1 if x2 is None else x2.shape[0]
        w = np.asarray(w, dtype=dtype)
        if w.shape != (n1, n2):
            _invalid(f"w must be ({n1}, {n2}), got shape {w.shape}")
        w_fortran = w.flags.f_contiguous and not w.flags.c_contiguous
        w = np.asarray(w, order="F" if w_fortran else "C")
        grad = np.empty(2 + self._params.size)
        status = _lib.lib.fl_kernel_gradient(
            self._handle, _FL_DTYPE[dtype], layout, n1, x1.ctypes.data, ld(x1), n2,
            None if x2 is None else x2.ctypes.data, 1 if x2 is None else ld(x2),
            _lib.COL_MAJOR if w_fortran else _lib.ROW_MAJOR, w.ctypes.data,
            max(1, n1 if w_fortran else n2), grad.ctypes.data)
        if status:
            _raise(status)
        result = {"sigma_f": float(grad[0]), "noise": float(grad[1])}
        result.update(self._unpack(grad[2:]))
        return result

    def __repr__(self):
        return (f"fastlinalg.Kernel({self.kind!r}, dim={self.dim}, sigma_f={self.sigma_f}, "
                f"noise={self.noise})")
