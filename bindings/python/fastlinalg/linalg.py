"""numpy.linalg's stacked functions, one library call per stack.

``solve``, ``inv``, ``slogdet``, ``det``, ``cholesky``, ``eigh`` and ``lstsq`` take arrays of
shape (..., n, n) (``lstsq``: (..., m, n), m >= n) with numpy's signatures and broadcasting,
and return what numpy returns, computed by fl_stack_* (small orders: many matrices per
vector instruction; larger ones: LAPACK per matrix, over threads). float32 stays float32.

A matrix that fails (singular, not positive definite, NaN/Inf) raises the matching
:class:`fastlinalg.Error` (a ``numpy.linalg.LinAlgError``) naming the batch indices of every
failed matrix; with ``check=False`` those matrices' results are NaN and the others are
returned as usual (numpy's ``slogdet`` convention, sign 0 and logabsdet -inf, holds for
singular matrices without any error).

These names would collide with the factor constructors (``fastlinalg.cholesky`` and
``fastlinalg.eigh`` return factor objects), hence this namespace.
"""
import numpy as np

from . import _lib
from ._batched import _solve_shapes, batch_factor
from ._errors import InvalidArgumentError, Status
from ._stacks import Stack, check, output, raise_failures

__all__ = ["solve", "inv", "slogdet", "det", "cholesky", "eigh", "lstsq"]

_lib_ = _lib.lib


def _info(count):
    return np.zeros(max(count, 1), np.int32)


def _square(a, what):
    s = Stack(a, "a")
    if s.rows != s.cols:
        raise InvalidArgumentError(
            f"fastlinalg.linalg.{what}: the last two dimensions of a must be square, got "
            f"{s.rows} x {s.cols}", Status.INVALID_ARGUMENT)
    return s


def _uplo(UPLO):
    if UPLO not in ("L", "U"):
        raise InvalidArgumentError(f"fastlinalg.linalg: UPLO = {UPLO!r}: expected 'L' or 'U'",
                                   Status.INVALID_ARGUMENT)
    return _lib.LOWER if UPLO == "L" else _lib.UPPER


def solve(a, b, check=True):
    """numpy.linalg.solve(a, b) on stacks: x with a @ x = b for every matrix of a (LU with
    partial pivoting), b broadcast against a as numpy does."""
    a_arr, b_arr = np.asarray(a), np.asarray(b)
    batch, bb, vector = _solve_shapes(a_arr, b_arr, numpy_rule=True)
    dtype = np.result_type(a_arr.dtype, b_arr.dtype, np.float32)
    n = a_arr.shape[-1]
    sa = _row_major(Stack(np.broadcast_to(a_arr, batch + a_arr.shape[-2:]), "a", dtype), "a")
    sb = _row_major(Stack(np.broadcast_to(bb, batch + bb.shape[-2:]), "b", dtype), "b")
    k = sb.cols
    x, xp, ldx, stride_x = output(batch, n, k, dtype)
    info = _info(sa.count)
    status = _lib_.fl_stack_solve(sa.fl_dtype, _lib.ROW_MAJOR, sa.count, n, sa.ptr, sa.ld,
                                  sa.stride, k, sb.ptr, sb.ld, sb.stride, xp, ldx, stride_x,
                                  info.ctypes.data)
    _check_and_raise(status, info[:sa.count], batch, "linalg.solve", check)
    return x[..., 0] if vector else x


def _check_and_raise(status, info, batch, what, check_failures):
    check(status)
    if check_failures:
        raise_failures(info, batch, what)


def _row_major(s, name):
    return s if s.layout == _lib.ROW_MAJOR else Stack(np.ascontiguousarray(s.array), name)


def inv(a, check=True):
    """numpy.linalg.inv on stacks (LU with partial pivoting)."""
    s = _row_major(_square(a, "inv"), "a")
    n = s.rows
    out, op, ld, stride = output(s.batch, n, n, s.array.dtype)
    info = _info(s.count)
    status = _lib_.fl_stack_inverse(s.fl_dtype, _lib.ROW_MAJOR, s.count, n, s.ptr, s.ld, s.stride,
                                    op, ld, stride, info.ctypes.data)
    _check_and_raise(status, info[:s.count], s.batch, "linalg.inv", check)
    return out


def slogdet(a, check=True):
    """numpy.linalg.slogdet on stacks: (sign, logabsdet), each of a's batch shape. A singular
    matrix gives (0, -inf) as in numpy; only NaN/Inf is a failure."""
    s = _row_major(_square(a, "slogdet"), "a")
    sign = np.empty(max(s.count, 1))
    logabs = np.empty(max(s.count, 1))
    info = _info(s.count)
    status = _lib_.fl_stack_slogdet(s.fl_dtype, _lib.ROW_MAJOR, s.count, s.rows, s.ptr, s.ld,
                                    s.stride, sign.ctypes.data, logabs.ctypes.data,
                                    info.ctypes.data)
    _check_and_raise(status, info[:s.count], s.batch, "linalg.slogdet", check)
    dt = s.array.dtype  # float64 results are returned as the library wrote them, not copied
    return (sign[:s.count].astype(dt, copy=False).reshape(s.batch),
            logabs[:s.count].astype(dt, copy=False).reshape(s.batch))


def det(a, check=True):
    """numpy.linalg.det on stacks, as sign * exp(logabsdet)."""
    sign, logabs = slogdet(a, check)
    return sign * np.exp(logabs)


def cholesky(a, upper=False, check=True):
    """numpy.linalg.cholesky on stacks: L with a = L L^T reading a's lower triangle (numpy
    reads the lower triangle too); upper=True returns L^T."""
    s = _row_major(_square(a, "cholesky"), "a")
    n = s.rows
    out, op, ld, stride = output(s.batch, n, n, s.array.dtype)
    info = _info(s.count)
    status = _lib_.fl_stack_cholesky(s.fl_dtype, _lib.ROW_MAJOR, s.count, n, s.ptr, s.ld, s.stride,
                                     _lib.LOWER, op, ld, stride, info.ctypes.data)
    _check_and_raise(status, info[:s.count], s.batch, "linalg.cholesky", check)
    return np.swapaxes(out, -1, -2).copy() if upper else out


def eigh(a, UPLO="L", check=True):
    """numpy.linalg.eigh on stacks: (w, v), eigenvalues ascending and orthonormal eigenvectors
    (column j of v for w[..., j]), reading the triangle UPLO of a."""
    tri = _uplo(UPLO)
    s = _row_major(_square(a, "eigh"), "a")
    n = s.rows
    dt = s.array.dtype
    w = np.empty(s.batch + (n,), dt)
    v, vp, ldv, stride_v = output(s.batch, n, n, dt)
    info = _info(s.count)
    status = _lib_.fl_stack_eigh(s.fl_dtype, _lib.ROW_MAJOR, s.count, n, s.ptr, s.ld, s.stride, tri,
                                 w.ctypes.data, max(n, 1), vp, ldv, stride_v, info.ctypes.data)
    _check_and_raise(status, info[:s.count], s.batch, "linalg.eigh", check)
    return w, v


def lstsq(a, b, check=True):
    """Least squares on stacks of full-column-rank a (..., m, n), m >= n, by Householder QR:
    returns (x, residuals, rank) as numpy.linalg.lstsq does for one matrix, without numpy's
    fourth value s (QR computes no singular values; use fastlinalg.svd for them). b is
    (..., m) or (..., m, k), broadcast as in solve. residuals holds the squared residual norm
    of each right-hand side when m > n, else an empty array; rank is n for every matrix that
    was solved and 0 for one that failed (an exactly zero diagonal of R, NaN/Inf)."""
    f = batch_factor(a, _lib.FACTOR_QR, _lib.LOWER, check, "linalg.lstsq")
    a_arr = f._stack.array.reshape(f.shape)
    x = f.solve(b)
    m, n = f.shape[-2:]
    _, bb, vector = _solve_shapes(a_arr, np.asarray(b))
    xm = x[..., None] if vector else x
    if m > n:
        r = bb.astype(x.dtype) - a_arr @ xm
        residuals = np.sum(r * r, axis=-2)
        residuals = residuals[..., 0] if vector else residuals
    else:
        residuals = np.empty((0,), x.dtype)
    rank = np.where(f.info == 0, n, 0).reshape(f.shape[:-2])
    return x, residuals, rank
