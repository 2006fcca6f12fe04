"""Rolled pairwise products: out[i, j] = A[i] @ B[(i + j) % d] for j < k (fl_rolled_matmul)."""
import ctypes

import numpy as np

from . import _lib
from ._errors import InvalidArgumentError, Status
from ._factor import _raise

__all__ = ["rolled_matmul"]

_rolled = _lib.lib.fl_rolled_matmul
_rolled.restype = ctypes.c_int
_rolled.argtypes = [ctypes.c_int, ctypes.c_int] + [ctypes.c_int64] * 5 + [ctypes.c_void_p] * 3

_FL_DTYPE = {np.dtype(np.float32): _lib.FLOAT32, np.dtype(np.float64): _lib.FLOAT64}


def _column_major_stack(a):
    """Whether every matrix a[i] is column-major and the stack packed: a.transpose(0, 2, 1)
    is C-contiguous (what a Fortran caller's stack of matrices looks like)."""
    return a.transpose(0, 2, 1).flags.c_contiguous


def _fits(out, shape, dtype, layout):
    if not isinstance(out, np.ndarray) or out.shape != shape or out.dtype != dtype:
        return False
    if not out.flags.writeable:
        return False
    return (out.flags.c_contiguous if layout == _lib.ROW_MAJOR
            else out.transpose(0, 1, 3, 2).flags.c_contiguous)


def rolled_matmul(A, B, k, out=None):
    """out[i, j] = A[i] @ B[(i + j) % d] for 0 <= i < d, 0 <= j < k: shape (d, k, m, l).

    A is (d, m, n), B is (d, n, l), 1 <= k <= d. float32 when both are float32, else
    float64. C-ordered stacks (numpy's default) give a C-ordered result; stacks whose
    matrices are each column-major (A.transpose(0, 2, 1) C-contiguous, both A and B) give
    column-major matrices in out the same way, without a copy. Anything else is copied to
    C order first. out, when given, receives the result: a C-contiguous (d, k, m, l) array
    of the result's dtype (with column-major stacks, one whose out.transpose(0, 1, 3, 2) is
    C-contiguous). Reusing it saves the fresh pages a new large array costs (the kernel
    zeroes them on first touch: about 3 ms for 33 MB here). The loop it replaces::

        for i in range(d):
            for j in range(k):
                out[i, j] = A[i] @ B[(i + j) % d]
    """
    A, B = np.asarray(A), np.asarray(B)
    if A.ndim != 3 or B.ndim != 3:
        raise InvalidArgumentError(f"fastlinalg: rolled_matmul needs 3-D A and B, got shapes "
                                   f"{A.shape} and {B.shape}", Status.INVALID_ARGUMENT)
    d, m, n = A.shape
    if B.shape[0] != d or B.shape[1] != n:
        raise InvalidArgumentError(f"fastlinalg: rolled_matmul: B has shape {B.shape}, A has "
                                   f"{A.shape}: B must be ({d}, {n}, l)", Status.INVALID_ARGUMENT)
    l = B.shape[2]
    k = int(k)
    both32 = A.dtype == np.float32 and B.dtype == np.float32
    dtype = np.dtype(np.float32 if both32 else np.float64)
    if (A.dtype == dtype and B.dtype == dtype and _column_major_stack(A)
            and _column_major_stack(B) and not (A.flags.c_contiguous and B.flags.c_contiguous)):
        layout = _lib.COL_MAJOR
    else:
        layout = _lib.ROW_MAJOR
        A = np.ascontiguousarray(A, dtype)
        B = np.ascontiguousarray(B, dtype)
    shape = (d, max(k, 0), m, l)
    if out is None:
        out = (np.empty(shape, dtype) if layout == _lib.ROW_MAJOR
               else np.empty((d, max(k, 0), l, m), dtype).transpose(0, 1, 3, 2))
    elif not _fits(out, shape, dtype, layout):
        order = "C-contiguous" if layout == _lib.ROW_MAJOR else "column-major-stacked"
        raise InvalidArgumentError(f"fastlinalg: rolled_matmul: out must be a writable {order} "
                                   f"{dtype} array of shape {shape}, got {out.dtype} "
                                   f"{out.shape}", Status.INVALID_ARGUMENT)
    status = _rolled(_FL_DTYPE[dtype], layout, d, k, m, n, l, A.ctypes.data, B.ctypes.data,
                     out.ctypes.data)
    if status:
        _raise(status)
    return out
