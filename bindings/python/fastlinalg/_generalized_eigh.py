"""fastlinalg.eigh(a, b, type=...): the generalized symmetric-definite eigenproblem
(fl_factor_create_generalized_eigh, LAPACK sygvd; hegvd for a complex Hermitian pencil), with scipy.linalg.eigh(a, b, type=...)'s
meaning of type: 1 is A v = w B v, 2 is A B v = w v, 3 is B A v = w v."""
import ctypes

import numpy as np

from . import _lib
from ._errors import DimensionMismatchError, InvalidArgumentError, Status
from ._factor import (_FL_DTYPE, _addr, _as_matrix_array, _options, _options_with_tolerances,
                      _raise, _wrap)


def _square(m, name):
    if m.ndim != 2 or m.shape[0] != m.shape[1]:
        raise InvalidArgumentError(
            f"fastlinalg: {name} must be a square 2-D matrix, got an array of shape {m.shape}",
            Status.INVALID_ARGUMENT)


def generalized_eigh(a, b, lower, itype, tol, check_finite):
    """The Factor of the pencil (a, b); see fastlinalg.eigh."""
    if type(itype) is bool or not isinstance(itype, (int, np.integer)) or itype not in (1, 2, 3):
        raise InvalidArgumentError(
            f"fastlinalg: type = {itype!r}: expected 1 (A v = w B v), 2 (A B v = w v) or "
            "3 (B A v = w v)", Status.INVALID_ARGUMENT)
    a = _as_matrix_array(a, "A")
    b = _as_matrix_array(b, "B")
    _square(a, "A")
    _square(b, "B")
    if a.shape != b.shape:
        raise DimensionMismatchError(
            f"fastlinalg: A is {a.shape} but B is {b.shape}; they must have the same shape",
            Status.DIMENSION_MISMATCH)
    dt = np.promote_types(a.dtype, b.dtype)
    n = a.shape[0]
    # Both in one layout, as the library takes them: Fortran order when both already are
    # (no copy), else C order (a copy only where needed).
    if a.flags.f_contiguous and b.flags.f_contiguous and n > 1:
        a, b = np.asfortranarray(a, dtype=dt), np.asfortranarray(b, dtype=dt)
        layout = _lib.COL_MAJOR
    else:
        a, b = np.ascontiguousarray(a, dtype=dt), np.ascontiguousarray(b, dtype=dt)
        layout = _lib.ROW_MAJOR
    triangle = _lib.LOWER if lower else _lib.UPPER
    opts = (_options(check_finite, triangle) if tol is None
            else _options_with_tolerances(check_finite, triangle, tol))
    h = ctypes.c_void_p()
    try:
        status = _lib.lib.fl_factor_create_generalized_eigh(
            ctypes.byref(h), int(itype), _FL_DTYPE[dt], layout, n, _addr(a), max(n, 1), _addr(b),
            max(n, 1), opts)
    finally:
        if tol is not None:
            _lib.lib.fl_options_destroy(opts)
    if status:
        _raise(status)
    return _wrap(h.value, _lib.FACTOR_EIGH, dt, _FL_DTYPE[dt], n, n, bool(check_finite))
