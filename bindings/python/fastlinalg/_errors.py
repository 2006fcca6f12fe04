"""Exceptions raised by fastlinalg, one class per ``fl_status`` code.

Every exception is a :class:`fastlinalg.Error` carrying ``.status`` (a :class:`Status`) and
``.message`` (the library's ``fl_last_error()`` text, which names the argument and the value).
Each class also derives from the built-in or numpy exception a scipy user would expect, so
``except numpy.linalg.LinAlgError`` and ``except ValueError`` keep working.
"""
import enum

import numpy as np

__all__ = [
    "Status", "Error", "InvalidArgumentError", "DimensionMismatchError", "DtypeMismatchError",
    "SingularMatrixError", "NotPositiveDefiniteError", "NonFiniteError", "TooLargeError",
    "OutOfMemoryError", "UnsupportedError", "InternalError", "NoConvergenceError",
]


class Status(enum.IntEnum):
    """The values of ``fl_status`` (part of the C ABI; new codes are only appended)."""
    OK = 0
    INVALID_ARGUMENT = 1
    DIMENSION_MISMATCH = 2
    DTYPE_MISMATCH = 3
    SINGULAR = 4
    NOT_POSITIVE_DEFINITE = 5
    NON_FINITE = 6
    TOO_LARGE = 7
    OUT_OF_MEMORY = 8
    UNSUPPORTED = 9
    INTERNAL = 10
    NO_CONVERGENCE = 11


class Error(Exception):
    """Base class of every error fastlinalg raises.

    ``status`` is the :class:`Status` (or a plain int for a code this package does not know),
    ``message`` the library's explanation.
    """

    def __init__(self, message, status=None):
        super().__init__(message)
        self.message = message
        if status is None:
            status = _STATUS_OF.get(type(self), Status.INTERNAL)
        try:
            status = Status(status)
        except ValueError:
            pass
        self.status = status

    def __reduce__(self):  # keep status through pickling (multiprocessing)
        return (type(self), (self.message, int(self.status)))


class InvalidArgumentError(Error, ValueError):
    """A bad argument: wrong shape or rank, a negative size, a bad option, a closed factor."""


class DimensionMismatchError(Error, ValueError):
    """Shapes that do not fit together (B's rows differ from the factor's order, ...)."""


class DtypeMismatchError(Error, TypeError):
    """An array's dtype differs from the factor's and cannot be converted without loss."""


class SingularMatrixError(Error, np.linalg.LinAlgError):
    """LU: A has an exactly zero pivot (the message names it, 1-based)."""


class NotPositiveDefiniteError(Error, np.linalg.LinAlgError):
    """Cholesky: a leading minor of A is not positive definite (named in the message)."""


class NonFiniteError(Error, ValueError):
    """NaN or Inf in the input (pass ``check_finite=False`` to skip the check)."""


class TooLargeError(Error, ValueError):
    """A size beyond int64 products or the 32-bit integers of LAPACK."""


class OutOfMemoryError(Error, MemoryError):
    """An allocation inside the library failed."""


class UnsupportedError(Error, NotImplementedError):
    """A valid request that this kind of factor cannot answer."""


class InternalError(Error, RuntimeError):
    """A bug in fastlinalg or underneath; please report it with the message."""


class NoConvergenceError(Error, np.linalg.LinAlgError):
    """An iterative LAPACK routine (symmetric eigen, SVD) did not converge, as numpy's
    "Eigenvalues did not converge" / "SVD did not converge"."""


_CLASS_OF = {
    Status.INVALID_ARGUMENT: InvalidArgumentError,
    Status.DIMENSION_MISMATCH: DimensionMismatchError,
    Status.DTYPE_MISMATCH: DtypeMismatchError,
    Status.SINGULAR: SingularMatrixError,
    Status.NOT_POSITIVE_DEFINITE: NotPositiveDefiniteError,
    Status.NON_FINITE: NonFiniteError,
    Status.TOO_LARGE: TooLargeError,
    Status.OUT_OF_MEMORY: OutOfMemoryError,
    Status.UNSUPPORTED: UnsupportedError,
    Status.INTERNAL: InternalError,
    Status.NO_CONVERGENCE: NoConvergenceError,
}
_STATUS_OF = {cls: status for status, cls in _CLASS_OF.items()}


def error_for(status, message):
    """The exception instance for a non-zero status code and its message."""
    return _CLASS_OF.get(status, Error)(message, status)
