"""Sparse matrices on SuiteSparse: products with dense arrays, and Cholesky (CHOLMOD), LU
(UMFPACK) and QR (SPQR) factors that are ordinary :class:`fastlinalg.Factor` objects::

    import scipy.sparse as sp, fastlinalg
    S = fastlinalg.SparseMatrix(A)            # A: any scipy.sparse matrix (CSC/CSR read as is)
    Y = S @ X                                  # X: (n,) or (n, k), either order
    W = S.apply_last_axis(V)                   # V[..., :] -> A V[..., :], no reshaped copies
    f = fastlinalg.sparse_cholesky(S)          # or sparse_lu, sparse_qr; S or a scipy matrix
    x = f.solve(b)                             # trans=True: A^T, trans='C': A^H
    S.set_values(new_data)                     # same pattern, new values
    f2 = fastlinalg.refactor(f, S)             # reuses f's symbolic analysis
"""
import ctypes

import numpy as np

from . import _lib
from ._errors import DimensionMismatchError, InvalidArgumentError, Status
from ._factor import (_FL_DTYPE, _options, _options_with_tolerances, _parse_trans, _raise,
                      _tolerances, _wrap)

__all__ = ["SparseMatrix", "sparse_cholesky", "sparse_lu", "sparse_qr", "refactor",
           "sparse_rank_update"]

_lib_ = _lib.lib
_CODE = _FL_DTYPE  # float32, float64, complex64, complex128
_INDEX = {np.dtype(np.int32): _lib.INDEX_INT32, np.dtype(np.int64): _lib.INDEX_INT64}


def _ptr(a):
    return a.ctypes.data if a.size else None


def _compressed(a):
    """(format code, indptr, indices, data) of a scipy.sparse matrix, the arrays as scipy
    holds them when they are already contiguous int32/int64 and float32/float64/complex64/
    complex128 (other complex dtypes become complex128, other real ones float64)."""
    fmt = getattr(a, "format", None)
    if fmt not in ("csc", "csr"):
        if not hasattr(a, "tocsc"):
            raise InvalidArgumentError(
                f"fastlinalg: expected a scipy.sparse matrix, got {type(a).__name__}",
                Status.INVALID_ARGUMENT)
        a, fmt = a.tocsc(), "csc"
    indptr, indices = np.asarray(a.indptr), np.asarray(a.indices)
    itype = np.dtype(np.int64) if np.int64 in (indptr.dtype, indices.dtype) else np.dtype(np.int32)
    indptr = np.ascontiguousarray(indptr, dtype=itype)
    indices = np.ascontiguousarray(indices, dtype=itype)
    data = np.asarray(a.data)
    if data.dtype not in _CODE:
        data = data.astype(np.complex128 if np.iscomplexobj(data) else np.float64)
    data = np.ascontiguousarray(data)
    code = _lib.SPARSE_CSC if fmt == "csc" else _lib.SPARSE_CSR
    return code, indptr, indices, data


class SparseMatrix:
    """A sparse matrix held by the library, built from a scipy.sparse matrix (CSC and CSR
    are read in place; other formats are converted to CSC first). The library keeps its own
    canonical copy: rows sorted, duplicates summed, float32 values computed in double and
    complex64 ones in complex128."""

    __slots__ = ("_h", "shape", "dtype", "_entries")

    def __init__(self, a):
        if isinstance(a, SparseMatrix):
            raise TypeError("fastlinalg: already a SparseMatrix")
        code, indptr, indices, data = _compressed(a)
        rows, cols = a.shape
        self._h = None
        h = ctypes.c_void_p()
        status = _lib_.fl_sparse_create(ctypes.byref(h), code, _INDEX[indptr.dtype],
                                        _CODE[data.dtype], rows, cols, _ptr(indptr),
                                        _ptr(indices), _ptr(data))
        if status:
            _raise(status)
        self._h = h.value
        self.shape = (rows, cols)
        self.dtype = data.dtype
        self._entries = data.size  # values set_values() expects, in the input's order

    def close(self):
        h, self._h = self._h, None
        if h:
            _lib_.fl_sparse_destroy(h)

    def __del__(self):
        try:
            self.close()
        except AttributeError:
            pass

    def _handle(self):
        if self._h is None:
            raise InvalidArgumentError("fastlinalg: this sparse matrix has been closed",
                                       Status.INVALID_ARGUMENT)
        return self._h

    @property
    def nnz(self):
        """Stored entries after duplicates were summed."""
        n = ctypes.c_int64()
        status = _lib_.fl_sparse_shape(self._handle(), None, None, ctypes.byref(n))
        if status:
            _raise(status)
        return n.value

    def set_values(self, data):
        """New values for the same pattern, in the order of the data array this matrix was
        built from (e.g. a scipy matrix's .data after changing it in place)."""
        data = np.ascontiguousarray(data)
        if np.iscomplexobj(data) != (self.dtype.kind == "c"):
            raise TypeError(f"fastlinalg: set_values got {data.dtype} values for a "
                            f"{self.dtype} matrix: real and complex values do not mix")
        if data.dtype not in _CODE:
            data = data.astype(self.dtype)
        if data.shape != (self._entries,):
            raise InvalidArgumentError(
                f"fastlinalg: set_values needs {self._entries} values, got shape {data.shape}",
                Status.INVALID_ARGUMENT)
        status = _lib_.fl_sparse_set_values(self._handle(), _CODE[data.dtype], _ptr(data))
        if status:
            _raise(status)

    def multiply(self, x, trans=False):
        """op(A) @ x for a dense x of shape (n,) or (n, k), C or F order (kept as is); op(A)
        = A, A.T (trans=True, 1 or 'T') or A^H (trans=2, 'C' or 'H'; A.T for a real A)."""
        op = _parse_trans(trans)
        if np.iscomplexobj(x) and self.dtype.kind != "c":
            raise TypeError(f"fastlinalg: x is complex but the sparse matrix is {self.dtype}: "
                            "make the matrix complex to multiply complex vectors")
        x = np.asarray(x, dtype=self.dtype)
        vector = x.ndim == 1
        if vector:
            x = x[:, None]
        if x.ndim != 2:
            raise InvalidArgumentError(f"fastlinalg: x must be 1-D or 2-D, got {x.shape}",
                                       Status.INVALID_ARGUMENT)
        transposed = op != _lib.NO_TRANS
        inner = self.shape[0] if transposed else self.shape[1]
        if x.shape[0] != inner:
            raise DimensionMismatchError(
                f"fastlinalg: x has {x.shape[0]} rows but op(A) has {inner} columns",
                Status.DIMENSION_MISMATCH)
        if not (x.flags.c_contiguous or x.flags.f_contiguous):
            x = np.ascontiguousarray(x)
        k = x.shape[1]
        col = x.flags.f_contiguous and not x.flags.c_contiguous
        out_rows = self.shape[1] if transposed else self.shape[0]
        y = np.empty((out_rows, k), dtype=self.dtype, order="F" if col else "C")
        layout = _lib.COL_MAJOR if col else _lib.ROW_MAJOR
        ldx = max(1, x.shape[0] if col else k)
        ldy = max(1, out_rows if col else k)
        status = _lib_.fl_sparse_multiply(self._handle(), op, _CODE[self.dtype], k, layout,
                                          _ptr(x), ldx, layout, _ptr(y), ldy)
        if status:
            _raise(status)
        return y[:, 0] if vector else y

    def __matmul__(self, x):
        return self.multiply(x)

    def apply_last_axis(self, v, out=None):
        """W[..., :] = A @ V[..., :] for a C-ordered V of shape (..., cols): the seed's
        "sparse matrix times every vector of an (I, J, N) array", computed as one product
        with the (cols, I*J) column-major matrix V already is, into W of shape (..., rows)."""
        if np.iscomplexobj(v) and self.dtype.kind != "c":
            raise TypeError(f"fastlinalg: V is complex but the sparse matrix is {self.dtype}")
        v = np.ascontiguousarray(v, dtype=self.dtype)
        rows, cols = self.shape
        if v.ndim == 0 or v.shape[-1] != cols:
            raise InvalidArgumentError(
                f"fastlinalg: V's last axis has length {v.shape[-1:] or None}, A has {cols} "
                "columns", Status.INVALID_ARGUMENT)
        if out is None:
            out = np.empty(v.shape[:-1] + (rows,), dtype=self.dtype)
        elif (out.shape != v.shape[:-1] + (rows,) or out.dtype != self.dtype
              or not out.flags.c_contiguous):
            raise InvalidArgumentError("fastlinalg: out must be C-contiguous, of shape "
                                       f"{v.shape[:-1] + (rows,)} and dtype {self.dtype}",
                                       Status.INVALID_ARGUMENT)
        k = v.size // cols if cols else int(np.prod(v.shape[:-1]))
        status = _lib_.fl_sparse_multiply(self._handle(), _lib.NO_TRANS, _CODE[self.dtype], k,
                                          _lib.COL_MAJOR, _ptr(v), max(1, cols), _lib.COL_MAJOR,
                                          _ptr(out), max(1, rows))
        if status:
            _raise(status)
        return out


def _as_sparse(a):
    return a if isinstance(a, SparseMatrix) else SparseMatrix(a)


def _create(kind, a, opts):
    s = _as_sparse(a)
    h = ctypes.c_void_p()
    status = _lib_.fl_factor_create_sparse(ctypes.byref(h), kind, s._handle(), opts)
    if status:
        _raise(status)
    return _wrap(h.value, kind, s.dtype, _CODE[s.dtype], s.shape[0], s.shape[1])


def sparse_cholesky(a, lower=True):
    """CHOLMOD Cholesky of a symmetric positive definite sparse matrix (a SparseMatrix or any
    scipy.sparse matrix; for a complex one, Hermitian positive definite, A = L L^H); only the
    lower (or upper) triangle is read. Raises NotPositiveDefiniteError naming the column where
    elimination failed."""
    return _create(_lib.FACTOR_SPARSE_CHOLESKY, a, _options(True, _lib.LOWER if lower else _lib.UPPER))


def sparse_lu(a):
    """UMFPACK LU of a square sparse matrix, real or complex; SingularMatrixError for an
    exactly zero pivot."""
    return _create(_lib.FACTOR_SPARSE_LU, a, None)


def sparse_qr(a, rtol=None, atol=0.0):
    """SPQR QR of a real sparse matrix of any shape: solve() gives least-squares solutions
    (trans=True: minimum-norm), .rank the rank under the tolerance (SPQR's default unless
    rtol/atol are given). A complex matrix raises UnsupportedError."""
    tol = _tolerances(rtol, atol)
    if tol is None:
        return _create(_lib.FACTOR_SPARSE_QR, a, None)
    opts = _options_with_tolerances(True, _lib.LOWER, tol)
    try:
        return _create(_lib.FACTOR_SPARSE_QR, a, opts)
    finally:
        _lib_.fl_options_destroy(opts)


def refactor(factor, a):
    """A new Factor of a (same pattern as the matrix factor was made from, new values),
    reusing factor's symbolic analysis; factor itself is left as it was."""
    s = _as_sparse(a)
    h = ctypes.c_void_p()
    status = _lib_.fl_factor_refactor(ctypes.byref(h), factor._handle(), s._handle())
    if status:
        _raise(status)
    return _wrap(h.value, factor._kind, factor._dtype, factor._fl_dtype, *factor.shape,
                 factor._checks)


def sparse_rank_update(factor, v, sign=1):
    """sparse_cholesky: a new Factor of A + V V^T (sign=+1) or A - V V^T (sign=-1) for a
    sparse V of shape (n, k) (CHOLMOD's update/downdate); factor is left as it was."""
    if sign not in (1, -1) or isinstance(sign, bool):
        raise InvalidArgumentError(f"fastlinalg: sign = {sign!r}: expected +1 or -1",
                                   Status.INVALID_ARGUMENT)
    s = _as_sparse(v)
    h = ctypes.c_void_p()
    status = _lib_.fl_factor_rank_update_sparse(ctypes.byref(h), factor._handle(), int(sign),
                                                s._handle())
    if status:
        _raise(status)
    return _wrap(h.value, factor._kind, factor._dtype, factor._fl_dtype, *factor.shape,
                 factor._checks)

