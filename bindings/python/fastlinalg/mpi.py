"""fastlinalg over MPI: distributed dense factors (ScaLAPACK) and sparse factors (MUMPS).

A binding of ``libfastlinalg_mpi`` (``fastlinalg/fastlinalg_mpi.h``) on mpi4py. Run it under
``mpirun``; every call below marked *collective* must be made by every rank of the
communicator, in the same order. A failure on any rank raises the same exception, with the
same message, on every rank::

    from mpi4py import MPI
    import numpy as np
    from fastlinalg import mpi as flm

    with flm.Context(MPI.COMM_WORLD) as ctx:
        A = flm.DistMatrix.from_global(ctx, a if MPI.COMM_WORLD.rank == 0 else None)
        lu = flm.lu(A)
        x = lu.solve(b if MPI.COMM_WORLD.rank == 0 else None)   # numpy in and out at rank 0

The library is found through ``FASTLINALG_MPI_LIBRARY`` (a full path), next to this package,
or as ``libfastlinalg_mpi.so.0`` through the dynamic loader. Contexts and sparse factors
release MPI resources collectively: close them (or use ``with``) on every rank; the garbage
collector, which runs at different moments on different ranks, never does it for you.
"""
import ctypes
import ctypes.util
import os

import numpy as np
from mpi4py import MPI

from ._errors import error_for

__all__ = ["Context", "DistMatrix", "DistFactor", "SparseFactor", "lu", "cholesky", "qr", "eigh",
           "sparse_lu", "sparse_cholesky", "sparse_ldl"]

# Enum values from fastlinalg.h and fastlinalg_mpi.h (part of the ABI).
_FLOAT64, _ROW_MAJOR, _COL_MAJOR, _NO_TRANS, _TRANS = 2, 1, 2, 1, 2
_LU, _CHOLESKY, _QR, _EIGH = 1, 2, 4, 7
_SPARSE_GENERAL, _SPARSE_SPD, _SPARSE_SYMMETRIC = 1, 2, 3
_SONAME = "libfastlinalg_mpi.so.0"


def _load():
    path = os.environ.get("FASTLINALG_MPI_LIBRARY")
    if path:
        return ctypes.CDLL(path)
    here = os.path.dirname(os.path.abspath(__file__))
    tried = []
    for candidate in [os.path.join(here, _SONAME), _SONAME, ctypes.util.find_library("fastlinalg_mpi")]:
        if not candidate:
            continue
        try:
            return ctypes.CDLL(candidate)
        except OSError as exc:
            tried.append(f"{candidate}: {exc}")
    raise ImportError("fastlinalg.mpi: cannot load libfastlinalg_mpi; set FASTLINALG_MPI_LIBRARY. Tried:\n  "
                      + "\n  ".join(tried))


lib = _load()
_P, _I64, _INT, _D = ctypes.c_void_p, ctypes.c_int64, ctypes.c_int, ctypes.c_double
_PP, _PI64, _PD = ctypes.POINTER(_P), ctypes.POINTER(_I64), ctypes.POINTER(_D)
for _name, _res, _args in [
        ("fl_mpi_last_error", ctypes.c_char_p, []),
        ("fl_mpi_context_create", _INT, [_PP, _I64, _I64, _I64]),
        ("fl_mpi_context_destroy", None, [_P]),
        ("fl_mpi_context_grid", _INT, [_P, _PI64, _PI64, _PI64, _PI64]),
        ("fl_mpi_matrix_create", _INT, [_PP, _P, _INT, _I64, _I64, _I64, _I64]),
        ("fl_mpi_matrix_destroy", None, [_P]),
        ("fl_mpi_matrix_shape", _INT, [_P, _PI64, _PI64, _PI64, _PI64, _PI64, _PI64]),
        ("fl_mpi_matrix_set_local", _INT, [_P, _INT, _P, _I64]),
        ("fl_mpi_matrix_get_local", _INT, [_P, _INT, _P, _I64]),
        ("fl_mpi_matrix_scatter", _INT, [_P, _I64, _INT, _INT, _P, _I64]),
        ("fl_mpi_matrix_gather", _INT, [_P, _I64, _INT, _INT, _P, _I64]),
        ("fl_mpi_matrix_add_entries", _INT, [_P, _INT, _I64, _P, _P, _P]),
        ("fl_mpi_factor_create", _INT, [_PP, _INT, _P, _INT]),
        ("fl_mpi_factor_destroy", None, [_P]),
        ("fl_mpi_factor_solve", _INT, [_P, _INT, _P, _P]),
        ("fl_mpi_factor_logdet", _INT, [_P, _PD, _PD]),
        ("fl_mpi_factor_rcond", _INT, [_P, _PD]),
        ("fl_mpi_factor_eigenvalues", _INT, [_P, _INT, _P]),
        ("fl_mpi_factor_eigenvectors", _INT, [_P, _P]),
        ("fl_mpi_sparse_factor_create", _INT, [_PP, _P, _INT, _I64, _INT, _I64, _P, _P, _INT, _P]),
        ("fl_mpi_sparse_factor_destroy", None, [_P]),
        ("fl_mpi_sparse_factor_refactor", _INT, [_P, _INT, _P]),
        ("fl_mpi_sparse_factor_solve", _INT, [_P, _INT, _I64, _INT, _P, _I64, _P, _I64]),
        ("fl_mpi_sparse_factor_logdet", _INT, [_P, _PD, _PD]),
        ("fl_mpi_sparse_factor_inertia", _INT, [_P, _PI64, _PI64, _PI64])]:
    _f = getattr(lib, _name)
    _f.restype, _f.argtypes = _res, _args


def _check(status):
    if status != 0:
        raise error_for(status, lib.fl_mpi_last_error().decode(errors="replace"))


def _pointer(array):
    return None if array is None or array.size == 0 else array.ctypes.data


def _as_f64(array, order="F"):
    return np.require(np.asarray(array, dtype=np.float64), requirements=[order, "A"])


class _Collective:
    """A handle whose release is collective: ``close()`` (or ``with``) on every rank, never
    the garbage collector. ``_destroy`` is the C function that releases it."""
    _handle = None
    _destroy = None

    def close(self):
        """Releases the handle (collective)."""
        if self._handle:
            type(self)._destroy(self._handle)
            self._handle = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class Context(_Collective):
    """A communicator and its process grid (``grid=(nprow, npcol)``, default nearly square).

    *Collective* to create and to close.
    """

    _destroy = staticmethod(lib.fl_mpi_context_destroy)

    def __init__(self, comm=None, grid=None):
        self.comm = MPI.COMM_WORLD if comm is None else comm
        nprow, npcol = grid if grid is not None else (0, 0)
        handle = _P()
        _check(lib.fl_mpi_context_create(ctypes.byref(handle), self.comm.py2f(), nprow, npcol))
        self._handle = handle

    @property
    def grid(self):
        """(nprow, npcol, myrow, mycol)."""
        values = [_I64() for _ in range(4)]
        _check(lib.fl_mpi_context_grid(self._handle, *[ctypes.byref(v) for v in values]))
        return tuple(v.value for v in values)



class DistMatrix:
    """A float64 matrix in 2-D block-cyclic layout over a context's grid (see fastlinalg_mpi.h).

    ``DistMatrix(ctx, shape, block=None)`` makes zeros (*collective*); ``block`` is the square
    block size, default chosen from the shape and the grid.
    """

    def __init__(self, context, shape, block=None):
        self.context = context
        handle = _P()
        b = 0 if block is None else int(block)
        _check(lib.fl_mpi_matrix_create(ctypes.byref(handle), context._handle, _FLOAT64, int(shape[0]),
                                        int(shape[1]), b, b))
        self._handle = handle

    def __del__(self):  # local: safe whenever the collector runs
        if getattr(self, "_handle", None):
            lib.fl_mpi_matrix_destroy(self._handle)
            self._handle = None

    def _info(self):
        values = [_I64() for _ in range(6)]
        _check(lib.fl_mpi_matrix_shape(self._handle, *[ctypes.byref(v) for v in values]))
        return [v.value for v in values]

    @property
    def shape(self):
        return tuple(self._info()[:2])

    @property
    def block(self):
        return tuple(self._info()[2:4])

    @property
    def local_shape(self):
        """The shape of this rank's column-major piece."""
        return tuple(self._info()[4:])

    @classmethod
    def from_global(cls, context, a, root=0, block=None):
        """Scatters ``a`` (2-D, read on ``root`` only; pass None elsewhere). *Collective*."""
        comm = context.comm
        shape = comm.bcast(None if comm.rank != root else np.shape(a), root=root)
        m = cls(context, shape, block)
        data = _as_f64(a) if comm.rank == root else None
        ld = max(1, shape[0])
        _check(lib.fl_mpi_matrix_scatter(m._handle, root, _FLOAT64, _COL_MAJOR, _pointer(data), ld))
        return m

    def to_global(self, root=0):
        """The whole matrix as a numpy array on ``root``, None elsewhere. *Collective*."""
        rows, cols = self.shape
        out = np.zeros((rows, cols), order="F") if self.context.comm.rank == root else None
        _check(lib.fl_mpi_matrix_gather(self._handle, root, _FLOAT64, _COL_MAJOR, _pointer(out), max(1, rows)))
        return out

    def get_local(self):
        """A copy of this rank's piece (local_shape, column-major). Local."""
        lr, lc = self.local_shape
        out = np.zeros((lr, lc), order="F")
        _check(lib.fl_mpi_matrix_get_local(self._handle, _FLOAT64, _pointer(out), max(1, lr)))
        return out

    def set_local(self, piece):
        """Overwrites this rank's piece. Local."""
        lr, lc = self.local_shape
        piece = _as_f64(piece)
        if piece.shape != (lr, lc):
            raise ValueError(f"set_local: piece has shape {piece.shape}, this rank holds {(lr, lc)}")
        _check(lib.fl_mpi_matrix_set_local(self._handle, _FLOAT64, _pointer(piece), max(1, lr)))

    def add_entries(self, rows, cols, values):
        """A[rows[k], cols[k]] += values[k] for this rank's entries (any rank, any entry). *Collective*."""
        rows = np.ascontiguousarray(rows, dtype=np.int64)
        cols = np.ascontiguousarray(cols, dtype=np.int64)
        values = np.ascontiguousarray(values, dtype=np.float64)
        if not rows.shape == cols.shape == values.shape:
            raise ValueError("add_entries: rows, cols and values differ in length")
        _check(lib.fl_mpi_matrix_add_entries(self._handle, _FLOAT64, values.size, _pointer(rows), _pointer(cols),
                                             _pointer(values)))


class DistFactor:
    """A ScaLAPACK factorization of a DistMatrix (made by lu, cholesky, qr or eigh)."""

    def __init__(self, kind, a, overwrite_a=False):
        self.context = a.context
        self._rows, self._cols = a.shape
        self._block = a.block[0]
        handle = _P()
        _check(lib.fl_mpi_factor_create(ctypes.byref(handle), kind, a._handle, 1 if overwrite_a else 0))
        self._handle = handle

    def __del__(self):  # local
        if getattr(self, "_handle", None):
            lib.fl_mpi_factor_destroy(self._handle)
            self._handle = None

    def solve(self, b, trans=False, root=0):
        """X = A^-1 B. *Collective*. ``b`` a DistMatrix gives a DistMatrix; a numpy array
        (1-D or 2-D, read on ``root``, None elsewhere) gives numpy on ``root``, None elsewhere."""
        if isinstance(b, DistMatrix):
            x = DistMatrix(self.context, (self._cols, b.shape[1]), self._block)
            _check(lib.fl_mpi_factor_solve(self._handle, _TRANS if trans else _NO_TRANS, b._handle, x._handle))
            return x
        comm = self.context.comm
        vector = comm.bcast(np.ndim(b) == 1 if comm.rank == root else None, root=root)
        if comm.rank == root and vector:
            b = np.asarray(b)[:, None]
        x = self.solve(DistMatrix.from_global(self.context, b, root, self._block), trans).to_global(root)
        return x[:, 0] if x is not None and vector else x

    def logdet(self):
        """(sign, log|det A|), the same on every rank. *Collective*."""
        sign, logabs = _D(), _D()
        _check(lib.fl_mpi_factor_logdet(self._handle, ctypes.byref(sign), ctypes.byref(logabs)))
        return sign.value, logabs.value

    def rcond(self):
        """Reciprocal condition number estimate (1-norm; exact for eigh). *Collective*."""
        r = _D()
        _check(lib.fl_mpi_factor_rcond(self._handle, ctypes.byref(r)))
        return r.value

    @property
    def eigenvalues(self):
        """Ascending eigenvalues (eigh only), on every rank. Local."""
        w = np.zeros(self._rows)
        _check(lib.fl_mpi_factor_eigenvalues(self._handle, _FLOAT64, _pointer(w)))
        return w

    def eigenvectors(self):
        """The eigenvectors as a DistMatrix (eigh only). *Collective*."""
        v = DistMatrix(self.context, (self._rows, self._rows), self._block)
        _check(lib.fl_mpi_factor_eigenvectors(self._handle, v._handle))
        return v


def lu(a, overwrite_a=False):
    """LU with partial pivoting (pdgetrf) of a square DistMatrix. *Collective*."""
    return DistFactor(_LU, a, overwrite_a)


def cholesky(a, overwrite_a=False):
    """Cholesky (pdpotrf) of an s.p.d. DistMatrix; its lower triangle is read. *Collective*."""
    return DistFactor(_CHOLESKY, a, overwrite_a)


def qr(a, overwrite_a=False):
    """QR (pdgeqrf) of a tall DistMatrix of full rank: solve gives least squares. *Collective*."""
    return DistFactor(_QR, a, overwrite_a)


def eigh(a, overwrite_a=False):
    """Symmetric eigendecomposition (pdsyevd), lower triangle read. *Collective*."""
    return DistFactor(_EIGH, a, overwrite_a)


class SparseFactor(_Collective):
    """A MUMPS factorization (made by sparse_lu, sparse_cholesky or sparse_ldl).

    ``a`` is a scipy.sparse matrix, or ``(rows, cols, values, n)`` triplets. With
    ``distributed=False`` it is read on rank 0 only (pass None elsewhere); with
    ``distributed=True`` every rank passes its own share (for example its rows), and the
    shares are summed. Close it (or use ``with``) on every rank: that is collective.
    """

    _destroy = staticmethod(lib.fl_mpi_sparse_factor_destroy)

    def __init__(self, context, kind, a, distributed):
        self.context = context
        comm = context.comm
        if a is None:
            rows = cols = np.zeros(0, np.int64)
            values, n = np.zeros(0), None
        elif isinstance(a, tuple):
            rows, cols, values, n = a
        else:
            coo = a.tocoo()
            rows, cols, values, n = coo.row, coo.col, coo.data, coo.shape[0]
        if not distributed:
            n = comm.bcast(n, root=0)
        self.n = int(n)
        self._rows = np.ascontiguousarray(rows, dtype=np.int64)
        self._cols = np.ascontiguousarray(cols, dtype=np.int64)
        values = np.ascontiguousarray(values, dtype=np.float64)
        handle = _P()
        _check(lib.fl_mpi_sparse_factor_create(ctypes.byref(handle), context._handle, kind, self.n,
                                               1 if distributed else 0, values.size, _pointer(self._rows),
                                               _pointer(self._cols), _FLOAT64, _pointer(values)))
        self._handle = handle


    def refactor(self, values):
        """New values for the same entries, in the same order, reusing the analysis. *Collective*."""
        values = np.ascontiguousarray(np.zeros(0) if values is None else values, dtype=np.float64)
        if values.size != self._rows.size:
            raise ValueError(f"refactor: {values.size} values for {self._rows.size} entries")
        _check(lib.fl_mpi_sparse_factor_refactor(self._handle, _FLOAT64, _pointer(values)))

    def solve(self, b):
        """X = A^-1 B for B (1-D or 2-D) on rank 0; X on rank 0, None elsewhere. *Collective*."""
        comm = self.context.comm
        vector = comm.bcast(np.ndim(b) == 1 if comm.rank == 0 else None, root=0)
        nrhs = comm.bcast(1 if vector else (np.shape(b)[1] if comm.rank == 0 else None), root=0)
        x = bb = None
        if comm.rank == 0:
            bb = _as_f64(np.asarray(b).reshape(self.n, nrhs))
            x = np.zeros((self.n, nrhs), order="F")
        _check(lib.fl_mpi_sparse_factor_solve(self._handle, _FLOAT64, nrhs, _COL_MAJOR, _pointer(bb),
                                              max(1, self.n), _pointer(x), max(1, self.n)))
        return x[:, 0] if x is not None and vector else x

    def logdet(self):
        """(sign, log|det A|) from MUMPS's determinant. Local."""
        sign, logabs = _D(), _D()
        _check(lib.fl_mpi_sparse_factor_logdet(self._handle, ctypes.byref(sign), ctypes.byref(logabs)))
        return sign.value, logabs.value

    def inertia(self):
        """(positive, negative, zero) eigenvalue counts of a symmetric A. Local."""
        values = [_I64() for _ in range(3)]
        _check(lib.fl_mpi_sparse_factor_inertia(self._handle, *[ctypes.byref(v) for v in values]))
        return tuple(v.value for v in values)


def sparse_lu(context, a, distributed=False):
    """MUMPS LU of a general square sparse matrix. *Collective*."""
    return SparseFactor(context, _SPARSE_GENERAL, a, distributed)


def sparse_cholesky(context, a, distributed=False):
    """MUMPS L D L^T of an s.p.d. sparse matrix (lower triangle read). *Collective*."""
    return SparseFactor(context, _SPARSE_SPD, a, distributed)


def sparse_ldl(context, a, distributed=False):
    """MUMPS L D L^T of a symmetric indefinite sparse matrix (lower triangle read). *Collective*."""
    return SparseFactor(context, _SPARSE_SYMMETRIC, a, distributed)
