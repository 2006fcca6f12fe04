"""fastlinalg: factor once, solve many times, at BLAS-3 speed.

A thin ctypes binding of libfastlinalg's C ABI with a scipy-flavoured API::

    import numpy as np, fastlinalg
    f = fastlinalg.lu(A)          # or cholesky, ldlt, qr, cod, svd, eigh, factorize
    X = f.solve(B)                # all columns of B in one call; f.solve(B, trans=True) for A^T
    sign, logdet = f.slogdet()
    s = fastlinalg.svd(A).singular_values      # parts, rank, inertia, pinv(), ...
    out = fastlinalg.rolled_matmul(A3, B3, k)  # out[i, j] = A3[i] @ B3[(i + j) % d]
    offsets, perm = fastlinalg.group_by_bin(fastlinalg.digitize(z, edges) - 1, nbins)

The library is found through FASTLINALG_LIBRARY (a full path), then the copy that
`pip install` put inside this package, then the dynamic loader (soname libfastlinalg.so.0);
library_path() says which file was loaded. ctypes releases the GIL during every
library call, and a factor is immutable: threads may share one.
"""
from . import _lib
from ._errors import (DimensionMismatchError, DtypeMismatchError, Error, InternalError,
                      NoConvergenceError,
                      InvalidArgumentError, NonFiniteError, NotPositiveDefiniteError,
                      OutOfMemoryError, SingularMatrixError, Status, TooLargeError,
                      UnsupportedError)
from ._factor import Factor, cholesky, cod, eigh, factorize, ldlt, lu, qr, svd
from ._saved import from_bytes, load
from ._warnings import LinAlgWarning
from ._rolled import rolled_matmul
from ._binning import bincount, digitize, group_by_bin
from ._sparse import (SparseMatrix, refactor, sparse_cholesky, sparse_lu, sparse_qr,
                      sparse_rank_update)
from ._kernels import Kernel
from ._batched import BatchFactor
from . import linalg
from ._blocks import (block_sum_abt, block_sum_acbt, block_sum_kron, block_sum_kron_abt_cdt,
                      block_sum_kron_grid, block_sum_residual, commutation_apply,
                      commutation_matrix, duplication_apply, duplication_matrix, sum_aij_bijt,
                      vec, vecb, vech)

__version__ = "0.1.0"

__all__ = [
    "lu", "cholesky", "ldlt", "qr", "cod", "svd", "eigh", "factorize", "Factor", "Status",
    "Error", "InvalidArgumentError",
    "DimensionMismatchError", "DtypeMismatchError", "SingularMatrixError",
    "NotPositiveDefiniteError", "NonFiniteError", "TooLargeError", "OutOfMemoryError",
    "UnsupportedError", "InternalError", "NoConvergenceError", "blas_info", "blas_core", "get_num_threads",
    "set_num_threads", "release_memory", "library_version", "library_path", "__version__",
    "rolled_matmul", "digitize", "bincount", "group_by_bin",
    "SparseMatrix", "sparse_cholesky", "sparse_lu", "sparse_qr", "refactor", "sparse_rank_update",
    "Kernel",
    "from_bytes", "load", "LinAlgWarning",  # factors as bytes and files; scipy's warning
    # stacks of small matrices: batched factors and numpy.linalg's stacked functions
    "BatchFactor", "linalg",
    # seed 001: block-partitioned sums and the matrix-calculus toolkit (_blocks.py)
    "block_sum_abt", "sum_aij_bijt", "block_sum_acbt", "block_sum_residual", "block_sum_kron",
    "block_sum_kron_abt_cdt", "block_sum_kron_grid", "vec", "vech", "vecb",
    "commutation_matrix", "commutation_apply", "duplication_matrix", "duplication_apply",
]


def library_version():
    """The version of the loaded libfastlinalg, "MAJOR.MINOR.PATCH"."""
    return _lib.lib.fl_version().decode("ascii", "replace")


def library_path():
    """The absolute path of the libfastlinalg file actually loaded (symlinks resolved)."""
    from ._loaded_file import loaded_file
    return loaded_file(_lib.lib, "fl_version")


def blas_info():
    """The BLAS/LAPACK build description, e.g. "OpenBLAS 0.3.21 DYNAMIC_ARCH ... Haswell"."""
    return _lib.lib.fl_blas_info().decode("utf-8", "replace")


def blas_core():
    """The CPU kernel set the BLAS chose at run time (OPENBLAS_CORETYPE overrides it)."""
    return _lib.lib.fl_blas_core().decode("utf-8", "replace")


def get_num_threads():
    """Threads the BLAS uses for large problems (process-wide; shared with numpy/scipy when
    they use the same OpenBLAS)."""
    return int(_lib.lib.fl_get_num_threads())


def set_num_threads(n):
    """Sets the BLAS thread count (n >= 1), process-wide."""
    import operator
    try:
        n = operator.index(n)
    except TypeError:
        raise InvalidArgumentError(f"fastlinalg: set_num_threads({n!r}): expected an int",
                                   Status.INVALID_ARGUMENT) from None
    if not -2**31 <= n < 2**31:
        raise InvalidArgumentError(f"fastlinalg: set_num_threads({n}): out of range",
                                   Status.INVALID_ARGUMENT)
    status = _lib.lib.fl_set_num_threads(n)
    if status:
        from ._factor import _raise
        _raise(status)


def release_memory():
    """Hands back to the system the memory fastlinalg keeps for reuse (destroyed factors'
    storage and products' scratch, from 64 KiB up, at most 256 MiB or FASTLINALG_RETAIN_MB);
    returns the number of bytes released."""
    return int(_lib.lib.fl_release_memory())
