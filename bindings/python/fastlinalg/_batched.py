"""Batched factors: fastlinalg.lu(A) and the other square kinds, qr and eigh, given a stack
A of shape (..., m, n), return a BatchFactor holding one factor per matrix (fl_batch)."""
import ctypes

import numpy as np

from . import _lib
from ._errors import DimensionMismatchError, InvalidArgumentError, Status
from ._factor import _options
from ._stacks import Stack, check, output, raise_failures

__all__ = ["BatchFactor"]

_lib_ = _lib.lib
_NUMPY2 = int(np.__version__.split(".")[0]) >= 2


def _solve_shapes(a, b, numpy_rule=False):
    """Broadcasting of a solve: (batch, B as a (..., n, k) stack, b_was_vectors); a's and b's
    batch dimensions broadcast against each other.

    When b is a stack of vectors: fastlinalg's own rule (BatchFactor.solve, linalg.lstsq) is
    numpy 1.x's, whatever numpy is installed: b is 1-D or has one
    dimension less than a. With ``numpy_rule`` (linalg.solve, a drop-in for
    numpy.linalg.solve), the installed numpy's rule: numpy >= 2 takes only a 1-D b as a
    vector, since (..., n) against (..., n, n) is ambiguous."""
    if a.ndim < 2:
        raise InvalidArgumentError(f"fastlinalg: a must have at least 2 dimensions, got shape "
                                   f"{a.shape}", Status.INVALID_ARGUMENT)
    if numpy_rule and _NUMPY2:
        vector = b.ndim == 1
    else:
        vector = b.ndim == a.ndim - 1 or b.ndim == 1
    bb = b[..., None] if vector else b
    if bb.ndim < 2 or bb.shape[-2] != a.shape[-2]:
        raise DimensionMismatchError(
            f"fastlinalg: b of shape {b.shape} does not fit a of shape {a.shape} (b needs "
            f"{a.shape[-2]} rows)", Status.DIMENSION_MISMATCH)
    try:
        batch = np.broadcast_shapes(a.shape[:-2], bb.shape[:-2])
    except ValueError:
        raise DimensionMismatchError(
            f"fastlinalg: the batch shapes of a {a.shape[:-2]} and b {bb.shape[:-2]} do not "
            "broadcast", Status.DIMENSION_MISMATCH) from None
    return tuple(batch), bb, vector


class BatchFactor:
    """Factors of every matrix of a stack (..., m, n), made by fastlinalg.lu, cholesky, ldlt,
    qr or eigh given a stack. Immutable; threads may share it.

    ``info`` holds one status per matrix (0 = factored; flat, C order of the batch shape) and
    ``failed`` the batch indices of the others, whose results are NaN."""

    def __init__(self, handle, stack, kind):
        self._h = handle
        self._stack = stack
        self._kind = kind
        self.shape = stack.batch + (stack.rows, stack.cols)
        self.dtype = stack.array.dtype
        self.info = None

    def __del__(self, _destroy=_lib_.fl_batch_destroy):
        h, self._h = getattr(self, "_h", None), None
        if h:
            _destroy(h)

    def __repr__(self):
        return f"<fastlinalg.BatchFactor kind={self._kind} shape={self.shape} dtype={self.dtype}>"

    @property
    def failed(self):
        """Batch indices (tuples) of the matrices that could not be factored."""
        return [tuple(int(i) for i in np.unravel_index(k, self.shape[:-2])) if self.shape[:-2]
                else () for k in np.flatnonzero(self.info)]

    def solve(self, b):
        """x with A @ x = b per matrix (qr: least squares), b broadcast against the factor's
        batch shape as numpy.linalg.solve broadcasts; (..., m) or (..., m, k)."""
        s = self._stack
        batch, bb, vector = _solve_shapes(_ShapeOnly(self.shape), np.asarray(b))
        if tuple(batch) != self.shape[:-2]:
            raise DimensionMismatchError(
                f"fastlinalg: b's batch shape {bb.shape[:-2]} does not broadcast to the "
                f"factor's {self.shape[:-2]}", Status.DIMENSION_MISMATCH)
        sb = Stack(np.broadcast_to(bb, batch + bb.shape[-2:]), "b", self.dtype)
        x, xp, ldx, stride_x = output(batch, s.cols, sb.cols, self.dtype)
        if sb.layout != _lib.ROW_MAJOR:
            sb = Stack(np.ascontiguousarray(sb.array), "b")
        check(_lib_.fl_batch_solve(self._h, s.fl_dtype, sb.cols, _lib.ROW_MAJOR, sb.ptr, sb.ld,
                                   sb.stride, xp, ldx, stride_x))
        return x[..., 0] if vector else x

    def slogdet(self):
        """(sign, logabsdet) per matrix, each of the batch shape (NaN for failed matrices)."""
        count = self._stack.count
        sign, logabs = np.empty(max(count, 1)), np.empty(max(count, 1))
        check(_lib_.fl_batch_logdet(self._h, sign.ctypes.data, logabs.ctypes.data))
        batch = self.shape[:-2]
        return sign[:count].reshape(batch), logabs[:count].reshape(batch)

    def det(self):
        sign, logabs = self.slogdet()
        return sign * np.exp(logabs)

    def rcond(self):
        """Reciprocal condition numbers (1-norm), of the batch shape."""
        count = self._stack.count
        out = np.empty(max(count, 1))
        check(_lib_.fl_batch_rcond(self._h, out.ctypes.data))
        return out[:count].reshape(self.shape[:-2])

    def inv(self):
        """The inverse (qr, eigh: pseudo-inverse) of every matrix, (..., n, m)."""
        s = self._stack
        out, op, ld, stride = output(self.shape[:-2], s.cols, s.rows, self.dtype)
        check(_lib_.fl_batch_inverse(self._h, s.fl_dtype, _lib.ROW_MAJOR, op, ld, stride))
        return out

    def _part(self, part, rows, cols):
        s = self._stack
        out, op, ld, stride = output(self.shape[:-2], rows, cols, self.dtype)
        check(_lib_.fl_batch_get_part(self._h, part, s.fl_dtype, _lib.ROW_MAJOR, op, ld, stride))
        return out

    @property
    def eigenvalues(self):
        """eigh: (..., n) ascending."""
        return self._part(_lib.PART_EIGENVALUES, self._stack.cols, 1)[..., 0]

    @property
    def eigenvectors(self):
        """eigh: (..., n, n), column j for eigenvalue j."""
        n = self._stack.cols
        return self._part(_lib.PART_EIGENVECTORS, n, n)


class _ShapeOnly:
    """Stands for an array of the given shape where only .shape and .ndim are read."""

    def __init__(self, shape):
        self.shape = shape
        self.ndim = len(shape)


def batch_factor(a, kind, triangle, check_failures=True, what=None):
    """Factors every matrix of the stack a; raises for failed matrices unless
    check_failures is False (then see BatchFactor.info)."""
    s = Stack(a, "a")
    h = ctypes.c_void_p()
    opts = None if triangle == _lib.LOWER else _options(True, triangle)
    info = np.zeros(max(s.count, 1), np.int32)
    check(_lib_.fl_batch_create(ctypes.byref(h), kind, s.fl_dtype, s.layout, s.count, s.rows,
                                s.cols, s.ptr, s.ld, s.stride, opts, info.ctypes.data))
    f = BatchFactor(h.value, s, kind)
    f.info = info[:s.count]
    if check_failures:
        raise_failures(f.info, s.batch, what or "batch factor")
    return f
