"""numpy stacks (arrays of shape (..., m, n)) as the library's strided batches, and the
per-matrix info arrays the batched calls return.

A stack is passed where it lies when one element stride covers all its batch dimensions
(C- or F-ordered matrices, slices with a step, broadcast dimensions of stride 0); only
other strides cost one contiguous copy.
"""
import numpy as np

from . import _lib
from ._errors import InvalidArgumentError, Status, error_for
from ._factor import _as_float_array, _layout

_ROW, _COL = _lib.ROW_MAJOR, _lib.COL_MAJOR
_FL_DTYPE = {np.dtype(np.float32): _lib.FLOAT32, np.dtype(np.float64): _lib.FLOAT64}


def _batch_stride(shape, strides):
    """One element stride (bytes) that walks every batch dimension in C order, or None."""
    dims = [(n, s) for n, s in zip(shape, strides) if n != 1]
    if not dims:
        return 0
    if all(s == 0 for _, s in dims):
        return 0
    for (n0, s0), (n1, s1) in zip(dims, dims[1:]):
        if s0 != s1 * n1:
            return None
    return dims[-1][1]


class Stack:
    """A validated (..., rows, cols) float32/float64 array and how the library reads it:
    ``array`` (kept alive), ``count``, ``layout``, ``ld`` and ``stride`` (in elements)."""

    __slots__ = ("array", "batch", "count", "rows", "cols", "layout", "ld", "stride", "ptr",
                 "fl_dtype")

    def __init__(self, a, name, dtype=None):
        a, _ = _as_float_array(a, name)
        if dtype is not None and a.dtype != dtype:
            a = a.astype(dtype)
        if a.ndim < 2:
            raise InvalidArgumentError(
                f"fastlinalg: {name} must have at least 2 dimensions (..., m, n), got shape "
                f"{a.shape}", Status.INVALID_ARGUMENT)
        self.batch = a.shape[:-2]
        self.rows, self.cols = a.shape[-2:]
        self.count = int(np.prod(self.batch, dtype=np.int64))
        isz = a.itemsize
        lay = stride = None
        if self.count and a.size:
            stride = _batch_stride(self.batch, a.strides[:-2])
            lay = _layout(a[(0,) * len(self.batch)], self.rows, self.cols, isz)
        if (lay is None or stride is None or stride < 0 or stride % isz
                or a.ctypes.data % isz):
            a = np.ascontiguousarray(a)
            lay = (_ROW, self.cols if self.cols > 1 else 1)
            stride = self.rows * self.cols * isz
        self.array = a
        self.layout, self.ld = lay
        self.stride = stride // isz
        self.ptr = a.ctypes.data
        self.fl_dtype = _FL_DTYPE[a.dtype]


def output(batch, rows, cols, dtype):
    """A new C-ordered (*batch, rows, cols) array and (ptr, ld, stride) for the library."""
    out = np.empty(tuple(batch) + (rows, cols), dtype)
    return out, out.ctypes.data, max(cols, 1), rows * cols


def check(status):
    if status:
        raise error_for(status, _lib.last_error() or _lib.status_string(status))


def raise_failures(info, batch, what):
    """Raises the error of the first failed matrix, naming every failed index (as positions
    in the stack's batch shape), when info holds a non-zero status."""
    failed = np.flatnonzero(info)
    if failed.size == 0:
        return
    where = [tuple(int(i) for i in np.unravel_index(k, batch)) if batch else () for k in failed]
    shown = ", ".join(str(w) for w in where[:10]) + (", ..." if len(where) > 10 else "")
    status = int(info[failed[0]])
    reason = _lib.status_string(status)
    raise error_for(status, f"fastlinalg.{what}: {failed.size} of {info.size} matrices failed "
                            f"({reason} first), at batch indices {shown}; pass check=False to get "
                            "NaN for them instead")
