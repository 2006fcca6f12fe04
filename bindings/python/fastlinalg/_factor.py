"""Factor objects: factor A once, then solve, query and invert as often as you like."""
import ctypes
import threading

import numpy as np

from . import _lib
from ._errors import (DimensionMismatchError, InvalidArgumentError, NonFiniteError, Status,
                      error_for)

__all__ = ["Factor", "lu", "cholesky"]

_F32 = np.dtype(np.float32)
_F64 = np.dtype(np.float64)
_FL_DTYPE = {_F32: _lib.FLOAT32, _F64: _lib.FLOAT64}
_KIND_NAME = {_lib.FACTOR_LU: "lu", _lib.FACTOR_CHOLESKY: "cholesky"}

_ROW, _COL = _lib.ROW_MAJOR, _lib.COL_MAJOR

# Function pointers looked up once: attribute access on a CDLL costs more than the call setup.
_lib_ = _lib.lib
_create = _lib_.fl_factor_create
_destroy = _lib_.fl_factor_destroy
_solve = _lib_.fl_factor_solve
_logdet = _lib_.fl_factor_logdet
_rcond = _lib_.fl_factor_rcond
_inverse = _lib_.fl_factor_inverse
_byref = ctypes.byref
_c_void_p = ctypes.c_void_p
_c_double = ctypes.c_double
_ndarray = np.ndarray
_asarray = np.asarray
_empty = np.empty
_addressof = ctypes.addressof
_from_buffer = ctypes.c_char.from_buffer


def _addr(a):
    """The address of a's first element. ndarray.ctypes.data builds a Python-level helper
    object on every access (about 0.5 us); for a writable contiguous array, taking the
    address through the buffer protocol costs a third of that. Hot path of every call."""
    fl = a.flags
    if fl.writeable and a.size:
        if fl.c_contiguous:
            return _addressof(_from_buffer(a))
        if fl.f_contiguous:
            return _addressof(_from_buffer(a.T))
    return a.ctypes.data


def _raise(status):
    """Raises the exception for a non-zero status, with this thread's fl_last_error()."""
    message = _lib.last_error() or _lib.status_string(status)
    raise error_for(status, message)


# --------------------------------------------------------------------------------------------
# Options: one immutable fl_options handle per combination, created on first use and shared
# (the library only reads it). (check_finite=True, lower=True) is all defaults: NULL.
# --------------------------------------------------------------------------------------------
_options_cache = {}
_options_lock = threading.Lock()


def _options(check_finite, triangle):
    key = (bool(check_finite), triangle)
    if key == (True, _lib.LOWER):
        return None
    handle = _options_cache.get(key)
    if handle is not None:
        return handle
    with _options_lock:
        handle = _options_cache.get(key)
        if handle is None:
            h = _c_void_p()
            status = _lib_.fl_options_create(_byref(h))
            if status:
                _raise(status)
            for option, value in ((_lib.OPT_CHECK_FINITE, int(key[0])),
                                  (_lib.OPT_TRIANGLE, triangle)):
                status = _lib_.fl_options_set_int(h, option, value)
                if status:
                    _lib_.fl_options_destroy(h)
                    _raise(status)
            handle = _options_cache[key] = h.value
    return handle


# --------------------------------------------------------------------------------------------
# numpy arrays -> (layout, leading dimension)
# --------------------------------------------------------------------------------------------
def _layout(a, rows, cols, itemsize):
    """(layout, ld) describing the 2-D array a as the library sees matrices, or None when its
    strides fit neither layout (then the caller copies). Dimensions of length 0 or 1 have
    meaningless strides in numpy; they are ignored."""
    s0, s1 = a.strides
    if s1 == itemsize or cols <= 1:
        if rows <= 1:
            return _ROW, cols if cols > 1 else 1
        if s0 > 0 and s0 % itemsize == 0:
            ld = s0 // itemsize
            if ld >= cols:
                return _ROW, ld
    if s0 == itemsize or rows <= 1:
        if cols <= 1:
            return _COL, rows if rows > 1 else 1
        if s1 > 0 and s1 % itemsize == 0:
            ld = s1 // itemsize
            if ld >= rows:
                return _COL, ld
    return None


def _as_float_array(a, name):
    """a as an ndarray of float32/float64 (kept) or float64 (anything else real), without a
    copy when it already is one. Complex input is a TypeError."""
    if type(a) is not _ndarray:
        a = _asarray(a)
    dt = a.dtype
    if dt is _F64 or dt is _F32:
        return a, False
    if dt == _F64 or dt == _F32:  # an equal dtype object that is not the cached one
        return a, False
    kind = dt.kind
    if kind == "c":
        raise TypeError(f"fastlinalg: {name} has complex dtype {dt}; complex matrices are not "
                        "supported yet")
    if kind in "biuf":  # bool, integers, float16/longdouble/non-native byte order
        return a.astype(_F64), True
    try:
        return _asarray(a, dtype=_F64), True
    except (TypeError, ValueError) as exc:
        raise TypeError(f"fastlinalg: {name} of dtype {dt} cannot be converted to float64: "
                        f"{exc}") from None


def _parse_trans(trans):
    if trans is False or trans is None or trans == 0:
        return _lib.NO_TRANS
    if trans is True or trans == 1 or trans == 2:
        return _lib.TRANS
    if isinstance(trans, str):
        t = trans.upper()
        if t == "N":
            return _lib.NO_TRANS
        if t in ("T", "C", "H"):
            return _lib.TRANS
    raise InvalidArgumentError(
        f"fastlinalg: trans = {trans!r}: expected False/True, 0/1/2 or 'N'/'T'/'C'",
        Status.INVALID_ARGUMENT)


# --------------------------------------------------------------------------------------------
# Factor
# --------------------------------------------------------------------------------------------
class Factor:
    """A factorization of one square matrix A, owned by the library (it holds its own copy of
    A's factors: changing or deleting A afterwards does not affect it).

    Immutable once built: any number of threads may call its methods at once. Release it with
    close() or a ``with`` block (or let garbage collection do it); do not close it while other
    threads still use it.
    """

    __slots__ = ("_h", "_n", "_dtype", "_fl_dtype", "_kind", "__weakref__")

    def __init__(self, *args, **kwargs):
        raise TypeError("fastlinalg.Factor is built by fastlinalg.lu() or fastlinalg.cholesky()")

    # -- lifetime --------------------------------------------------------------------------
    def close(self):
        """Releases the factor now. Further use raises InvalidArgumentError. Idempotent."""
        h, self._h = self._h, None
        if h:
            _destroy(h)

    def __del__(self, _destroy=_destroy):
        try:
            h = self._h
        except AttributeError:  # never fully built
            return
        if h:
            self._h = None
            _destroy(h)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __reduce__(self):
        raise TypeError("fastlinalg.Factor cannot be pickled: factor A again in the other process")

    def __copy__(self):  # immutable: a copy is the object itself
        return self

    def __deepcopy__(self, memo):
        return self

    @property
    def closed(self):
        return self._h is None

    def _handle(self):
        h = self._h
        if h is None:
            raise InvalidArgumentError("fastlinalg: this factor has been closed",
                                       Status.INVALID_ARGUMENT)
        return h

    # -- what it is --------------------------------------------------------------------------
    @property
    def kind(self):
        """'lu' or 'cholesky'."""
        return _KIND_NAME[self._kind]

    @property
    def dtype(self):
        """numpy dtype of the factor (float32 or float64); solves take and return it."""
        return self._dtype

    @property
    def shape(self):
        """(n, n), the shape of A."""
        return (self._n, self._n)

    def __repr__(self):
        state = " closed" if self._h is None else ""
        return (f"<fastlinalg.Factor kind={self.kind!r} shape={self.shape} "
                f"dtype={self._dtype.name}{state}>")

    def _library_info(self):
        """(kind, dtype, rows, cols) as the library reports them (for tests)."""
        h = self._handle()
        return (_lib_.fl_factor_get_kind(h), _lib_.fl_factor_get_dtype(h),
                _lib_.fl_factor_rows(h), _lib_.fl_factor_cols(h))

    # -- solve -------------------------------------------------------------------------------
    def solve(self, b, trans=False, overwrite_b=False, check_finite=False):
        """X with op(A) X = B, op(A) = A or A.T (trans=True, 1, 2, 'T' or 'C').

        B is 1-D (n,) -> X is (n,), or 2-D (n, k) -> X is (n, k) in B's memory order (C or F).
        All k right-hand sides are solved in one BLAS-3 call: pass them together. B of another
        real dtype is converted to the factor's dtype, except float64 into a float32 factor
        (DtypeMismatchError: cast it yourself if you mean it). overwrite_b=True solves in B's
        own memory when B is writable, of the factor's dtype and C/F-ordered (or has a usable
        leading stride), and returns B. check_finite=True rejects NaN/Inf in B
        (NonFiniteError); by default they propagate, as in the library.
        """
        h = self._h
        dt = self._dtype
        # Short path: a writable, contiguous 2-D B of the factor's dtype, no options.
        op = 1 if trans is False else (2 if trans is True else 0)  # FL_NO_TRANS / FL_TRANS
        if (op and type(b) is _ndarray and b.dtype is dt and not overwrite_b
                and not check_finite and h is not None):
            shape = b.shape
            if len(shape) == 2:
                rows, nrhs = shape
                fl = b.flags
                if rows == self._n and fl.writeable and fl.aligned and b.size:
                    if fl.c_contiguous:
                        x = _empty(shape, dt)
                        status = _solve(h, op, self._fl_dtype, nrhs, _ROW,
                                        _addressof(_from_buffer(b)), nrhs, _ROW,
                                        _addressof(_from_buffer(x)), nrhs)
                        if status:
                            _raise(status)
                        return x
                    if fl.f_contiguous:
                        xt = _empty((nrhs, rows), dt)
                        status = _solve(h, op, self._fl_dtype, nrhs, _COL,
                                        _addressof(_from_buffer(b.T)), rows, _COL,
                                        _addressof(_from_buffer(xt)), rows)
                        if status:
                            _raise(status)
                        return xt.T
        return self._solve_general(b, trans, overwrite_b, check_finite)

    def _solve_general(self, b, trans, overwrite_b, check_finite):
        h = self._h
        if h is None:
            self._handle()
        if type(b) is not _ndarray:
            b = _asarray(b)
        dt = self._dtype
        owned = False
        if b.dtype is not dt:
            b, owned = self._convert_rhs(b)
        if trans is False:
            op = 1  # NO_TRANS
        else:
            op = _parse_trans(trans)
        if check_finite and not np.isfinite(b).all():
            raise NonFiniteError("fastlinalg: B contains NaN or Inf (check_finite=True)",
                                 Status.NON_FINITE)
        n = self._n
        isz = b.dtype.itemsize
        fl_dtype = self._fl_dtype if b.dtype is dt else _FL_DTYPE.get(b.dtype, 0)
        ndim = b.ndim
        if ndim == 1:
            if b.shape[0] != n:
                raise DimensionMismatchError(
                    f"fastlinalg: B has {b.shape[0]} rows but the factor is {n}-by-{n}",
                    Status.DIMENSION_MISMATCH)
            ld = n if n > 1 else 1
            if b.strides[0] == isz or n <= 1:
                if (overwrite_b or owned) and b.flags.writeable:
                    x = b
                    ptr = xptr = _addr(b)
                else:
                    x = _empty(n, b.dtype)
                    ptr = _addr(b)
                    xptr = _addr(x)
            else:  # strided vector: copy into the output and solve there
                x = _empty(n, b.dtype)
                x[...] = b
                ptr = xptr = _addr(x)
            if ptr % isz:  # misaligned buffer: work on an aligned copy
                x = b.copy()
                ptr = xptr = _addr(x)
            status = _solve(h, op, fl_dtype, 1, _COL, ptr, ld, _COL, xptr, ld)
            if status:
                _raise(status)
            return x
        if ndim != 2:
            raise InvalidArgumentError(
                f"fastlinalg: B must be 1-D or 2-D, got an array of shape {b.shape}",
                Status.INVALID_ARGUMENT)
        rows, nrhs = b.shape
        if rows != n:
            raise DimensionMismatchError(
                f"fastlinalg: B has {rows} rows but the factor is {n}-by-{n}",
                Status.DIMENSION_MISMATCH)
        lay = _layout(b, rows, nrhs, isz)
        if lay is None:
            # No usable leading stride: copy B into the output once and solve in place there.
            x = np.empty_like(b, dtype=b.dtype, order="K")
            x[...] = b
            lay = _layout(x, rows, nrhs, isz)
            if lay is None:
                x = np.array(b, order="C")
                lay = (_ROW, nrhs if nrhs > 1 else 1)
            layout, ld = lay
            ptr = xptr = _addr(x)
            xlayout, ldx = layout, ld
        else:
            layout, ld = lay
            if (overwrite_b or owned) and b.flags.writeable:
                x = b
                ptr = xptr = _addr(b)
                xlayout, ldx = layout, ld
            else:
                ptr = _addr(b)
                if layout == _ROW:
                    x = _empty((rows, nrhs), b.dtype)
                    xlayout, ldx = _ROW, (nrhs if nrhs > 1 else 1)
                    xptr = _addressof(_from_buffer(x)) if x.size else 0
                else:  # allocated C-ordered (nrhs, n) and returned transposed: F-ordered
                    xt = _empty((nrhs, rows), b.dtype)
                    xptr = _addressof(_from_buffer(xt)) if xt.size else 0
                    x = xt.T
                    xlayout, ldx = _COL, (rows if rows > 1 else 1)
        if ptr % isz:  # misaligned buffer (e.g. from an offset into bytes): work on a copy
            x = np.array(b, order="C")
            layout = xlayout = _ROW
            ld = ldx = nrhs if nrhs > 1 else 1
            ptr = xptr = _addr(x)
        status = _solve(h, op, fl_dtype, nrhs, layout, ptr, ld, xlayout, xptr, ldx)
        if status:
            _raise(status)
        return x

    def _convert_rhs(self, b):
        """B converted for this factor; returns (array, owned). float64 B for a float32 factor
        is returned as is so that the library reports the dtype mismatch."""
        dt = b.dtype
        if dt == self._dtype:
            return b, False
        if dt.kind == "c":
            raise TypeError(f"fastlinalg: B has complex dtype {dt}; complex right-hand sides "
                            "are not supported yet")
        if self._dtype is _F32 and dt == _F64:
            return b, False
        try:
            return b.astype(self._dtype), True
        except (TypeError, ValueError) as exc:
            raise TypeError(f"fastlinalg: B of dtype {dt} cannot be converted to "
                            f"{self._dtype}: {exc}") from None

    # -- what the factor knows ---------------------------------------------------------------
    def slogdet(self):
        """(sign, logabsdet) with det(A) = sign * exp(logabsdet), like numpy.linalg.slogdet;
        no overflow for large matrices. Scalars of the factor's dtype."""
        h = self._handle()
        sign = _c_double()
        logabs = _c_double()
        status = _logdet(h, _byref(sign), _byref(logabs))
        if status:
            _raise(status)
        t = self._dtype.type
        return t(sign.value), t(logabs.value)

    def det(self):
        """det(A) (may overflow to +-inf for large matrices: prefer slogdet())."""
        sign, logabs = self.slogdet()
        with np.errstate(over="ignore"):
            return self._dtype.type(np.float64(sign) * np.exp(np.float64(logabs)))

    def rcond(self):
        """Estimate of 1 / (||A||_1 ||A^-1||_1) (LAPACK gecon/pocon), in (0, 1]."""
        h = self._handle()
        r = _c_double()
        status = _rcond(h, _byref(r))
        if status:
            _raise(status)
        return r.value

    def inv(self, order="C"):
        """A^-1 as a new (n, n) array in the given order ('C' or 'F'). Solving is faster and
        more accurate than forming the inverse: use solve() where you can."""
        h = self._handle()
        n = self._n
        if order not in ("C", "F"):
            raise InvalidArgumentError(f"fastlinalg: order = {order!r}: expected 'C' or 'F'",
                                       Status.INVALID_ARGUMENT)
        x = _empty((n, n), self._dtype, order=order)
        status = _inverse(h, self._fl_dtype, _ROW if order == "C" else _COL, _addr(x),
                          n if n > 1 else 1)
        if status:
            _raise(status)
        return x


_new = object.__new__
_F64_CODE, _F32_CODE = _lib.FLOAT64, _lib.FLOAT32


def _build(a, kind, check_finite, triangle):
    """Factor a. The common case (an ndarray of float32/float64 that is C- or F-contiguous,
    writable, aligned, with the default options) takes the short path: a handful of
    attribute reads and one library call, no copies."""
    if type(a) is _ndarray:
        dt = a.dtype
        if dt is _F64 or dt is _F32:
            fl = a.flags
            shape = a.shape
            if fl.writeable and len(shape) == 2 and a.size and fl.aligned:
                rows, cols = shape
                if fl.c_contiguous:
                    layout, ld = _ROW, cols
                    ptr = _addressof(_from_buffer(a))
                elif fl.f_contiguous:
                    layout, ld = _COL, rows
                    ptr = _addressof(_from_buffer(a.T))
                else:
                    layout = 0
                if layout:
                    code = _F64_CODE if dt is _F64 else _F32_CODE
                    return _create_factor(kind, dt, code, layout, rows, cols, ptr, ld,
                                          check_finite, triangle)
    # General path: conversions, odd strides, read-only or misaligned buffers, 0-by-0.
    a, _ = _as_float_array(a, "A")
    if a.ndim != 2:
        raise InvalidArgumentError(
            f"fastlinalg: A must be a 2-D square matrix, got an array of shape {a.shape}",
            Status.INVALID_ARGUMENT)
    dt = _F64 if a.dtype == _F64 else _F32
    itemsize = dt.itemsize
    rows, cols = a.shape
    lay = _layout(a, rows, cols, itemsize)
    ptr = _addr(a)
    if lay is None or ptr % itemsize:
        a = np.ascontiguousarray(a)  # the one copy a non-contiguous A needs
        lay = (_ROW, cols if cols > 1 else 1)
        ptr = _addr(a)
    layout, ld = lay
    return _create_factor(kind, dt, _FL_DTYPE[dt], layout, rows, cols, ptr, ld, check_finite,
                          triangle)


def _create_factor(kind, dt, code, layout, rows, cols, ptr, ld, check_finite, triangle):
    """One fl_factor_create call on a validated buffer, wrapped in a new Factor."""
    h = _c_void_p()
    opts = None if (check_finite is True and triangle == 1) else _options(check_finite, triangle)
    status = _create(_byref(h), kind, code, layout, rows, cols, ptr, ld, opts)
    if status:
        _raise(status)
    self = _new(Factor)
    self._h = h.value
    self._n = rows
    self._dtype = dt
    self._fl_dtype = code
    self._kind = kind
    return self


def lu(a, check_finite=True):
    """LU factorization with partial pivoting (P A = L U, LAPACK getrf) of the square matrix a.

    float32 and float64 are kept; other real dtypes become float64; complex is a TypeError.
    A C- or F-ordered a is read where it lies (the library copies it once into the factor).
    Raises SingularMatrixError (a numpy.linalg.LinAlgError) for an exactly zero pivot and
    NonFiniteError for NaN/Inf unless check_finite=False.
    """
    return _build(a, 1, check_finite, 1)  # FL_FACTOR_LU; triangle unused


def cholesky(a, lower=True, check_finite=True):
    """Cholesky factorization A = L L^T of the symmetric positive definite matrix a.

    Only one triangle of a is read: the lower one (lower=True) or the upper one. Raises
    NotPositiveDefiniteError (a numpy.linalg.LinAlgError) if a is not positive definite.
    Otherwise as lu().
    """
    return _build(a, 2, check_finite, 1 if lower else 2)  # FL_FACTOR_CHOLESKY, FL_LOWER/UPPER
