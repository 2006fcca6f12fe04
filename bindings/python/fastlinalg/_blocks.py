"""Block-partitioned sums and the matrix-calculus toolkit of seed 001 (the BLMM notebook).

Each block sum is one library call: index arithmetic on the arrays' memory plus a few GEMMs,
never a Python loop over blocks nor the notebook's dense ``I (x) K (x) I`` matrices::

    S = fastlinalg.block_sum_abt(A, B, n)        # sum_i A_i B_i^T over blocks of n rows
    K = fastlinalg.block_sum_kron(A, B, n)       # sum_i kron(A_i, B_i)

Arrays may be float32 or float64 (anything else real becomes float64; mixing float32 and
float64 computes in float64), C or Fortran ordered or sliced with unit stride in one
dimension. Results are new C-ordered arrays. docs/blmm.md maps the notebook's functions to
these and derives the index maps.
"""
import ctypes

import numpy as np

from . import _lib
from ._errors import DimensionMismatchError, InvalidArgumentError, Status
from ._factor import (_F32, _F64, _FL_DTYPE, _addr, _as_float_array, _layout, _parse_trans,
                      _raise)

__all__ = [
    "block_sum_abt", "sum_aij_bijt", "block_sum_acbt", "block_sum_residual", "block_sum_kron",
    "block_sum_kron_abt_cdt", "block_sum_kron_grid", "vec", "vech", "vecb",
    "commutation_matrix", "commutation_apply", "duplication_matrix", "duplication_apply",
]

_P, _I64, _E = ctypes.c_void_p, ctypes.c_int64, ctypes.c_int
_M = [_E, _P, _I64]  # one matrix argument: layout, pointer, leading dimension
_PROTOTYPES = [
    ("fl_block_sum_abt", [_E] + [_I64] * 5 + _M * 3),
    ("fl_block_sum_acbt", [_E] + [_I64] * 6 + _M * 4),
    ("fl_block_sum_residual", [_E] + [_I64] * 4 + _M * 4),
    ("fl_block_sum_kron", [_E] + [_I64] * 6 + _M * 3),
    ("fl_block_sum_kron_abt_cdt", [_E] + [_I64] * 6 + _M * 5),
    ("fl_block_sum_kron_grid", [_E] + [_I64] * 5 + _M * 4),
    ("fl_vecb", [_E] + [_I64] * 4 + _M * 2),
    ("fl_vech", [_E, _I64] + _M + [_P]),
    ("fl_commutation_apply", [_E] + [_I64] * 3 + _M * 2),
    ("fl_commutation_matrix", [_E, _I64, _I64] + _M),
    ("fl_duplication_apply", [_E, _I64, _E, _E, _I64] + _M * 2),
    ("fl_duplication_matrix", [_E, _I64, _E] + _M),
]
_ROW, _COL = _lib.ROW_MAJOR, _lib.COL_MAJOR
_addressof, _from_buffer = ctypes.addressof, ctypes.c_char.from_buffer
_ndarray, _empty = np.ndarray, np.empty
_fn = {}
for _name, _args in _PROTOTYPES:
    _f = getattr(_lib.lib, _name)
    _f.restype, _f.argtypes = _E, _args
    _fn[_name] = _f


def _call(name, *args):
    status = _fn[name](*args)
    if status:
        _raise(status)


def _common_dtype(arrays):
    """float32 when every array is float32, else float64: the dtype the sum runs in."""
    for a in arrays:
        if a.dtype != _F32:
            return _F64
    return _F32


def _floats(names_arrays):
    """The arguments as 2-D float arrays of one dtype (a 1-D array is one column)."""
    first = names_arrays[0][1]
    if type(first) is _ndarray:  # the usual case first: 2-D float arrays of one dtype, as is
        dt = first.dtype
        if dt is _F64 or dt is _F32:
            for _, a in names_arrays:
                if type(a) is not _ndarray or a.dtype is not dt or a.ndim != 2:
                    break
            else:
                return [a for _, a in names_arrays], dt
    arrays = []
    for name, a in names_arrays:
        a, _ = _as_float_array(a, name)
        if a.ndim == 1:
            a = a[:, None]
        if a.ndim != 2:
            raise ValueError(f"fastlinalg: {name} must be a matrix (2-D), got {a.ndim} dimensions")
        arrays.append(a)
    dtype = _common_dtype(arrays)
    return [a if a.dtype == dtype else a.astype(dtype) for a in arrays], dtype


def _matrix(a):
    """(layout, pointer, ld) of a 2-D float array, copying only when its strides fit no
    layout the library reads; also the array to keep alive during the call."""
    rows, cols = a.shape
    if not a.size:  # no elements: any strides, no memory
        return (_ROW, None, max(cols, 1)), a
    flags = a.flags
    if flags.writeable:  # the address through the buffer protocol: a third of .ctypes.data
        if flags.c_contiguous:
            return (_ROW, _addressof(_from_buffer(a)), cols if cols > 1 else 1), a
        if flags.f_contiguous:
            return (_COL, _addressof(_from_buffer(a.T)), rows if rows > 1 else 1), a
    spec = _layout(a, rows, cols, a.itemsize)
    if spec is None:
        a = np.ascontiguousarray(a)
        spec = _layout(a, a.shape[0], a.shape[1], a.itemsize)
    return (spec[0], a.ctypes.data, spec[1]), a


def _out(rows, cols, dtype):
    out = _empty((rows, cols), dtype=dtype)
    return out, (_ROW, _addr(out) if out.size else None, max(cols, 1))


def _require_shape(name, a, rows, cols):
    """The library reads each matrix with the sizes it is given: a shape that disagrees with
    the others must be caught here, before it reads past an array."""
    if a.shape != (rows, cols):
        raise DimensionMismatchError(
            f"fastlinalg: {name} has shape {a.shape}, but the other arguments need "
            f"({rows}, {cols})", Status.DIMENSION_MISMATCH)


def _block_call(name, sizes, arrays, rows, cols, dtype):
    """Calls fl_<name>(dtype, *sizes, *arrays as matrices, out) and returns out."""
    args, keep = [_FL_DTYPE[dtype], *sizes], []
    for a in arrays:
        spec, kept = _matrix(a)
        args += spec
        keep.append(kept)
    out = _empty((rows, cols), dtype=dtype)
    args += (_ROW, _addr(out) if out.size else None, cols if cols > 1 else 1)
    status = _fn[name](*args)
    if status:
        _raise(status)
    return out


def _pair(n, name):
    if isinstance(n, (tuple, list)):
        if len(n) != 2:
            raise ValueError(f"fastlinalg: {name} must be an int or a pair of ints, got {n!r}")
        return int(n[0]), int(n[1])
    return int(n), int(n)


_abt = _fn["fl_block_sum_abt"]


def block_sum_abt(A, B, n):
    """sum_i A_i B_i^T over the row blocks of A and B (seed 001, Lemma 1).

    n is the block height, or a pair (n1, n2) when A's blocks have n1 rows and B's n2 (the
    same number of blocks). Passing the same array as A and B returns an exactly symmetric
    result at half the cost. Returns an n1-by-n2 array."""
    # The short path: C-ordered float arrays of one dtype and one block height, the shape of
    # the notebook's calls, where the sums are small enough for the call's own cost to count.
    if type(A) is _ndarray and type(B) is _ndarray and type(n) is int and n > 0:
        dt = A.dtype
        if (dt is _F64 or dt is _F32) and B.dtype is dt and A.ndim == 2 and B.ndim == 2 \
                and A.flags.c_contiguous and B.flags.c_contiguous and A.size and B.size:
            (m1, k), (m2, kb) = A.shape, B.shape
            if kb == k:
                out = _empty((n, n), dt)
                status = _abt(_FL_DTYPE[dt], m1, m2, k, n, n, _ROW, _addr(A), k, _ROW, _addr(B), k,
                              _ROW, _addr(out), n)
                if status:
                    _raise(status)
                return out
    n1, n2 = _pair(n, "n")
    (a, b), dt = _floats([("A", A), ("B", B)])
    if A is B:  # the library recognises one matrix passed twice and takes SYRK
        b = a
    _require_shape("B", b, b.shape[0], a.shape[1])
    return _block_call("fl_block_sum_abt", (a.shape[0], b.shape[0], a.shape[1], n1, n2), (a, b),
                       n1, n2, dt)


def sum_aij_bijt(A, B, pA, pB):
    """The notebook's sumAijBijt: sum_ij A_ij B_ij^T for A in blocks of pA = (n1, n2) and B in
    blocks of pB = (n3, n4), with as many block rows and block columns. Since
    sum_j A_ij B_ij^T = A_i B_i^T for the whole block rows, this is block_sum_abt(A, B,
    (n1, n3)); the column blocks only have to tile both matrices alike."""
    a, b = np.asarray(A), np.asarray(B)
    (n1, n2), (n3, n4) = _pair(pA, "pA"), _pair(pB, "pB")
    for name, cols, width in (("pA", a.shape[-1], n2), ("pB", b.shape[-1], n4)):
        if width < 1 or cols % width:
            raise ValueError(f"fastlinalg: {name}: column blocks of {width} do not tile "
                             f"{cols} columns")
    if a.shape[-1] // n2 != b.shape[-1] // n4 or n2 != n4:
        raise ValueError(f"fastlinalg: A_ij B_ij^T needs blocks of as many columns: "
                         f"pA = {pA}, pB = {pB}")
    return block_sum_abt(A, B, (n1, n3))


def block_sum_acbt(A, C, B, n):
    """sum_i A_i C B_i^T (Lemma 2) for A in blocks of n rows (or n = (n1, n2) for A's and B's
    block heights); C is k1-by-k2. The cheaper association order is chosen."""
    n1, n2 = _pair(n, "n")
    (a, c, b), dt = _floats([("A", A), ("C", C), ("B", B)])
    _require_shape("C", c, a.shape[1], b.shape[1])
    return _block_call("fl_block_sum_acbt",
                       (a.shape[0], b.shape[0], a.shape[1], b.shape[1], n1, n2), (a, c, b),
                       n1, n2, dt)


def block_sum_residual(A, B, C, n):
    """sum_i (A_i - B_i C)(A_i - B_i C)^T (Lemma 3), A m-by-k1, B m-by-k2, C k2-by-k1, blocks
    of n rows. Exactly symmetric."""
    (a, b, c), dt = _floats([("A", A), ("B", B), ("C", C)])
    n = int(n)
    _require_shape("B", b, a.shape[0], b.shape[1])
    _require_shape("C", c, b.shape[1], a.shape[1])
    return _block_call("fl_block_sum_residual", (a.shape[0], a.shape[1], b.shape[1], n),
                       (a, b, c), n, n, dt)


def block_sum_kron(A, B, n):
    """sum_i kron(A_i, B_i) (Lemma 4) over row blocks of n rows (or n = (n1, n2)). Returns an
    (n1 n2)-by-(k1 k2) array."""
    n1, n2 = _pair(n, "n")
    (a, b), dt = _floats([("A", A), ("B", B)])
    return _block_call("fl_block_sum_kron",
                       (a.shape[0], b.shape[0], a.shape[1], b.shape[1], n1, n2), (a, b),
                       n1 * n2, a.shape[1] * b.shape[1], dt)


def block_sum_kron_abt_cdt(A, B, C, D, n1, n2):
    """sum_j sum_i kron(A_i B_j^T, C_i D_j^T) (Lemma 5): A, C in blocks of n1 rows, B, D in
    blocks of n2 rows. Returns an n1^2-by-n2^2 array."""
    (a, b, c, d), dt = _floats([("A", A), ("B", B), ("C", C), ("D", D)])
    n1, n2 = int(n1), int(n2)
    _require_shape("B", b, b.shape[0], a.shape[1])
    _require_shape("C", c, a.shape[0], c.shape[1])
    _require_shape("D", d, b.shape[0], c.shape[1])
    return _block_call("fl_block_sum_kron_abt_cdt",
                       (a.shape[0], b.shape[0], a.shape[1], c.shape[1], n1, n2), (a, b, c, d),
                       n1 * n1, n2 * n2, dt)


def block_sum_kron_grid(A, B, C, n1, n2):
    """sum_i sum_j kron(A_ij, B_i C_j^T) (Lemma 6): A m1-by-m2 in n1-by-n2 blocks, B m1-by-k in
    blocks of n1 rows, C m2-by-k in blocks of n2 rows. Returns an n1^2-by-n2^2 array."""
    (a, b, c), dt = _floats([("A", A), ("B", B), ("C", C)])
    n1, n2 = int(n1), int(n2)
    _require_shape("B", b, a.shape[0], b.shape[1])
    _require_shape("C", c, a.shape[1], b.shape[1])
    return _block_call("fl_block_sum_kron_grid", (a.shape[0], a.shape[1], b.shape[1], n1, n2),
                       (a, b, c), n1 * n1, n2 * n2, dt)


def vecb(X, n1, n2):
    """vecb(X): row i l2 + j is vec(X_ij)^T for the n1-by-n2 blocks of X (column-major vec).
    The notebook's matb2vecb(X, n) is vecb(X, n, X.shape[1])."""
    (x,), dt = _floats([("X", X)])
    n1, n2 = int(n1), int(n2)
    rows = x.shape[0] // n1 if n1 > 0 else 0
    cols = x.shape[1] // n2 if n2 > 0 else 0
    return _block_call("fl_vecb", (x.shape[0], x.shape[1], n1, n2), (x,), rows * cols,
                       max(n1, 0) * max(n2, 0), dt)


def vec(X):
    """vec(X): X's columns stacked, as a 1-D array (the notebook's mat2vec, flattened)."""
    (x,), _ = _floats([("X", X)])
    return vecb(x, max(x.shape[0], 1), max(x.shape[1], 1)).reshape(-1)


def vech(X):
    """vech(X): the lower triangle of the square X, column by column, as a 1-D array."""
    (x,), dt = _floats([("X", X)])
    if x.shape[0] != x.shape[1]:
        raise ValueError(f"fastlinalg: vech needs a square matrix, got shape {x.shape}")
    n = x.shape[0]
    out = np.empty(n * (n + 1) // 2, dtype=dt)
    spec, keep = _matrix(x)
    _call("fl_vech", _FL_DTYPE[dt], n, *spec, out.ctypes.data if out.size else None)
    return out


def _dtype_arg(dtype):
    dt = np.dtype(dtype)
    if dt not in (_F32, _F64):
        raise TypeError(f"fastlinalg: dtype must be float32 or float64, got {dt}")
    return dt


def commutation_matrix(m, n, dtype=np.float64):
    """K(m,n), the (m n)-by-(m n) permutation with K vec(A) = vec(A^T) for m-by-n A. The
    notebook's comMat(a, b) is commutation_matrix(b, a)."""
    dt = _dtype_arg(dtype)
    m, n = int(m), int(n)
    if m < 0 or n < 0:
        size = -1  # let the library name the bad size
    else:
        size = m * n
    out, ospec = _out(max(size, 0), max(size, 0), dt)
    _call("fl_commutation_matrix", _FL_DTYPE[dt], m, n, *ospec)
    return out


def _apply(name, X, rows_in, rows_out, lead_args):
    vector = np.ndim(X) == 1
    (x,), dt = _floats([("X", X)])
    _require_shape("X", x, rows_in, x.shape[1])
    spec, keep = _matrix(x)
    out, ospec = _out(rows_out, x.shape[1], dt)
    _call(name, _FL_DTYPE[dt], *lead_args, x.shape[1], *spec, *ospec)
    return out[:, 0] if vector else out


def commutation_apply(X, m, n):
    """K(m,n) X without forming K: a row permutation of the (m n)-row X (a vector or a
    matrix). K(m,n)^T X is commutation_apply(X, n, m)."""
    m, n = int(m), int(n)
    if m < 0 or n < 0:
        raise InvalidArgumentError(f"fastlinalg: m = {m}, n = {n}: sizes must be >= 0",
                                   Status.INVALID_ARGUMENT)
    return _apply("fl_commutation_apply", X, m * n, m * n, (m, n))


def duplication_matrix(n, pinv=False, dtype=np.float64):
    """D(n) (n^2-by-n(n+1)/2, D vech(A) = vec(A) for symmetric A), or with pinv=True its
    Moore-Penrose inverse D(n)^+ (n(n+1)/2-by-n^2)."""
    dt = _dtype_arg(dtype)
    n = int(n)
    square, half = (n * n, n * (n + 1) // 2) if n >= 0 else (0, 0)
    rows, cols = (half, square) if pinv else (square, half)
    out, ospec = _out(rows, cols, dt)
    _call("fl_duplication_matrix", _FL_DTYPE[dt], n, int(bool(pinv)), *ospec)
    return out


def duplication_apply(X, n, pinv=False, trans=False):
    """op(M) X without forming M, for M = D(n) or (pinv=True) D(n)^+ and op(M) = M or (trans)
    M^T. X is a vector or a matrix with op(M)'s column count as rows."""
    n = int(n)
    t = _parse_trans(trans)
    if n < 0:
        raise InvalidArgumentError(f"fastlinalg: n = {n} must be >= 0", Status.INVALID_ARGUMENT)
    square, half = n * n, n * (n + 1) // 2
    expand = bool(pinv) == (t == _lib.TRANS)
    return _apply("fl_duplication_apply", X, half if expand else square,
                  square if expand else half, (n, int(bool(pinv)), t))
