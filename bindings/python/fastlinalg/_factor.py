"""Factor objects: factor A once, then solve, query and invert as often as you like.

One Factor class serves every kind of factorization of the library: lu, cholesky, ldlt
(square; an lu of a rectangular A has its parts only); qr, cod, svd (any shape, least squares / pseudo-inverse); eigh (symmetric); and
factorize (the library picks). What a kind cannot answer raises UnsupportedError.
"""
import ctypes
import threading

import numpy as np

from . import _lib
from ._warnings import warn_if_ill_conditioned as _warn_if_ill_conditioned
from ._errors import (DimensionMismatchError, InvalidArgumentError, NonFiniteError, Status,
                      UnsupportedError, error_for)

__all__ = ["Factor", "lu", "cholesky", "ldlt", "qr", "cod", "svd", "eigh", "factorize"]

_F32 = np.dtype(np.float32)
_F64 = np.dtype(np.float64)
_C64 = np.dtype(np.complex64)
_C128 = np.dtype(np.complex128)
_FL_DTYPE = {_F32: _lib.FLOAT32, _F64: _lib.FLOAT64, _C64: _lib.COMPLEX64,
             _C128: _lib.COMPLEX128}
# The parts that are real for a complex factor too, written in the real dtype of its precision.
_REAL_PARTS = frozenset((_lib.PART_SINGULAR_VALUES, _lib.PART_EIGENVALUES))
# The narrower dtype of each pair, into which the wider one is not cast silently.
_NARROWER = {_F32: _F64, _C64: _C128}
_KIND_NAME = {_lib.FACTOR_LU: "lu", _lib.FACTOR_CHOLESKY: "cholesky", _lib.FACTOR_LDLT: "ldlt",
              _lib.FACTOR_QR: "qr", _lib.FACTOR_COD: "cod", _lib.FACTOR_SVD: "svd",
              _lib.FACTOR_EIGH: "eigh", _lib.FACTOR_SPARSE_CHOLESKY: "sparse_cholesky",
              _lib.FACTOR_SPARSE_LU: "sparse_lu", _lib.FACTOR_SPARSE_QR: "sparse_qr"}
# Kinds whose solve may write X over B (x == b): the square, exact ones.
_IN_PLACE_KINDS = frozenset((_lib.FACTOR_LU, _lib.FACTOR_CHOLESKY, _lib.FACTOR_LDLT))
# Kinds whose inverse is the Moore-Penrose pseudo-inverse.
_PINV_KINDS = frozenset((_lib.FACTOR_QR, _lib.FACTOR_COD, _lib.FACTOR_SVD, _lib.FACTOR_EIGH))

_ROW, _COL = _lib.ROW_MAJOR, _lib.COL_MAJOR

# Function pointers looked up once: attribute access on a CDLL costs more than the call setup.
_lib_ = _lib.lib
_create = _lib_.fl_factor_create
_destroy = _lib_.fl_factor_destroy
_solve = _lib_.fl_factor_solve
_logdet = _lib_.fl_factor_logdet
_logdet_complex = _lib_.fl_factor_logdet_complex
_rcond = _lib_.fl_factor_rcond
_inverse = _lib_.fl_factor_inverse
_c_int64 = ctypes.c_int64
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


def _new_options(check_finite, triangle, precision=0, overwrite_a=False, storage=0,
                 allow_singular=False, complex_symmetric=False):
    """A new options handle (the caller owns it) with FL_OPT_CHECK_FINITE, FL_OPT_TRIANGLE,
    FL_OPT_PRECISION, FL_OPT_OVERWRITE_A, FL_OPT_STORAGE, FL_OPT_ALLOW_SINGULAR and
    FL_OPT_COMPLEX_SYMMETRIC set; destroyed again if setting one fails."""
    h = _c_void_p()
    status = _lib_.fl_options_create(_byref(h))
    if status:
        _raise(status)
    for option, value in ((_lib.OPT_CHECK_FINITE, int(bool(check_finite))),
                          (_lib.OPT_TRIANGLE, triangle),
                          (_lib.OPT_PRECISION, precision),
                          (_lib.OPT_OVERWRITE_A, int(bool(overwrite_a))),
                          (_lib.OPT_STORAGE, storage),
                          (_lib.OPT_ALLOW_SINGULAR, int(bool(allow_singular))),
                          (_lib.OPT_COMPLEX_SYMMETRIC, int(bool(complex_symmetric)))):
        status = _lib_.fl_options_set_int(h, option, value)
        if status:
            _lib_.fl_options_destroy(h)
            _raise(status)
    return h


def _options(check_finite, triangle, precision=0, overwrite_a=False, storage=0,
             allow_singular=False, complex_symmetric=False):
    """The shared options handle for these options; None for all defaults."""
    key = (bool(check_finite), triangle, precision, bool(overwrite_a), storage,
           bool(allow_singular), bool(complex_symmetric))
    if key == (True, _lib.LOWER, 0, False, 0, False, False):
        return None
    handle = _options_cache.get(key)
    if handle is not None:
        return handle
    with _options_lock:
        handle = _options_cache.get(key)
        if handle is None:
            handle = _options_cache[key] = _new_options(*key).value
    return handle


def _tolerances(rtol, atol):
    """(rtol, atol) as floats, or None when both are the library's defaults (rtol=None: the
    default max(rows, cols) * eps; atol=0). The library checks the ranges."""
    if rtol is None and (atol is None or (type(atol) in (int, float) and atol == 0)):
        return None
    try:
        r = -1.0 if rtol is None else float(rtol)
        a = 0.0 if atol is None else float(atol)
    except (TypeError, ValueError):
        raise InvalidArgumentError(
            f"fastlinalg: rtol = {rtol!r}, atol = {atol!r}: expected real numbers (or None)",
            Status.INVALID_ARGUMENT) from None
    return (r, a)


def _options_with_tolerances(check_finite, triangle, tol):
    """A new options handle (the caller destroys it) holding everything including the rank
    tolerances. Not cached: tolerances are continuous and a sweep would fill any cache."""
    h = _new_options(check_finite, triangle)
    try:
        rtol, atol = tol
        if rtol != -1.0:
            status = _lib_.fl_options_set_real(h, _lib.OPT_RTOL, rtol)
            if status:
                _raise(status)
        status = _lib_.fl_options_set_real(h, _lib.OPT_ATOL, atol)
        if status:
            _raise(status)
    except BaseException:
        _lib_.fl_options_destroy(h)
        raise
    return h.value


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


def _as_matrix_array(a, name):
    """a as an ndarray of a dtype the factors take: complex64/complex128 are kept, any other
    complex dtype becomes complex128, and real ones go as in _as_float_array."""
    if type(a) is not _ndarray:
        a = _asarray(a)
    if a.dtype.kind != "c":
        return _as_float_array(a, name)[0]
    if a.dtype == _C64 or a.dtype == _C128:
        return a
    return a.astype(_C128)


def _parse_trans(trans):
    """scipy's lu_solve convention: 0/'N' A, 1/'T' A^T, 2/'C'/'H' A^H (the library takes A^H
    of a real matrix as A^T); True means A^T."""
    if trans is False or trans is None or trans == 0:
        return _lib.NO_TRANS
    if trans is True or trans == 1:
        return _lib.TRANS
    if trans == 2:
        return _lib.CONJ_TRANS
    if isinstance(trans, str):
        t = trans.upper()
        if t == "N":
            return _lib.NO_TRANS
        if t == "T":
            return _lib.TRANS
        if t in ("C", "H"):
            return _lib.CONJ_TRANS
    raise InvalidArgumentError(
        f"fastlinalg: trans = {trans!r}: expected False/True, 0/1/2 or 'N'/'T'/'C'",
        Status.INVALID_ARGUMENT)


# --------------------------------------------------------------------------------------------
# Factor
# --------------------------------------------------------------------------------------------
def _part_property(part, doc, vector=False):
    """A read-only property that copies out one part of the factor (Factor._part)."""
    def get(self):
        return self._part(part, vector)
    return property(get, doc=doc)


class Factor:
    """A factorization of one rows-by-cols matrix A, owned by the library (it holds its own
    copy of A's factors: changing or deleting A afterwards does not affect it).

    Built by lu(), cholesky(), ldlt(), qr(), cod(), svd(), eigh() or factorize(); ``kind``
    says which. Immutable once built: any number of threads may call its methods at once.
    Release it with close() or a ``with`` block (or let garbage collection do it); do not
    close it while other threads still use it. A query that this kind of factor cannot
    answer (an LU factor's singular values, say) raises UnsupportedError.
    """

    # _n is the order of a square A and -1 for a rectangular one: the short path of solve()
    # compares B's rows with it and so never takes a rectangular factor.
    __slots__ = ("_h", "_n", "_rows", "_cols", "_dtype", "_fl_dtype", "_kind", "_in_place",
                 "_borrowed", "_checks", "__weakref__")

    def __init__(self, *args, **kwargs):
        raise TypeError("fastlinalg.Factor is built by fastlinalg.lu(), cholesky(), ldlt(), qr(), "
                        "cod(), svd(), eigh() or factorize()")

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

    # -- as bytes (_saved.py: the library's checked format) ---------------------------------
    def to_bytes(self):
        """The factor's serialized form (fl_factor_serialize): bytes that fastlinalg.from_bytes()
        turns back into an equal factor, in this or another process, without refactoring.
        Sparse kinds raise UnsupportedError."""
        from ._saved import to_bytes
        return to_bytes(self)

    def save(self, path):
        """Writes to_bytes() to the file at path; fastlinalg.load(path) reads it back."""
        from ._saved import save
        save(self, path)

    def __reduce__(self):
        """Pickles through to_bytes(): the unpickled factor answers exactly as this one."""
        from ._saved import from_bytes
        return (from_bytes, (self.to_bytes(),))

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
        """'lu', 'cholesky', 'ldlt', 'qr', 'cod', 'svd' or 'eigh' (for factorize(): the kind
        the library chose)."""
        return _KIND_NAME.get(self._kind, str(self._kind))

    @property
    def dtype(self):
        """numpy dtype of the factor (float32, float64, complex64 or complex128); solves take
        and return it."""
        return self._dtype

    @property
    def shape(self):
        """(rows, cols), the shape of A."""
        return (self._rows, self._cols)

    def _info(self, what):
        """fl_factor_get_info(what)."""
        value = ctypes.c_int64()
        status = _lib_.fl_factor_get_info(self._handle(), what, _byref(value))
        if status:
            _raise(status)
        return value.value

    @property
    def precision(self):
        """'mixed' while a precision="mixed" factor refines float32 solves, else 'native'
        (also after it fell back to float64)."""
        return "mixed" if self._info(_lib.INFO_PRECISION) == _lib.PRECISION_MIXED else "native"

    @property
    def fallback(self):
        """Why a precision="mixed" factor works in float64: None, 'low_precision',
        'ill_conditioned', 'not_converged' or 'query' (logdet, rcond or inv asked)."""
        return _FALLBACKS[self._info(_lib.INFO_FALLBACK)]

    @property
    def refinement_steps(self):
        """The most refinement steps any solve of a precision="mixed" factor has taken."""
        return self._info(_lib.INFO_REFINEMENT_STEPS)

    @property
    def overwrites_a(self):
        """True if the factor lives in the caller's a (overwrite_a=True was honoured)."""
        return bool(self._info(_lib.INFO_OVERWRITES_A))

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
    def solve(self, b, trans=False, overwrite_b=False, check_finite=True):
        """X with op(A) X = B: op(A) = A, A.T (trans=True, 1 or 'T') or A^H (trans=2, 'C'
        or 'H'; the same as A.T for a real factor), scipy's lu_solve convention.

        B has rows(op(A)) rows and X has cols(op(A)) rows (both n for a square A): B is 1-D
        (m,) -> X is (n,), or 2-D (m, k) -> X is (n, k) in B's memory order (C or F).
        lu, cholesky, ldlt solve exactly; qr gives the least-squares solution (or, with trans,
        the minimum-norm one); cod and svd the minimum-norm least-squares solution; eigh
        applies the pseudo-inverse (rank decided by the factor's rtol/atol).
        All k right-hand sides are solved in one BLAS-3 call: pass them together. B of another
        real dtype is converted to the factor's dtype, except float64 into a float32 factor
        (DtypeMismatchError: cast it yourself if you mean it). overwrite_b=True solves in B's
        own memory when B is writable, of the factor's dtype and C/F-ordered (or has a usable
        leading stride), and returns B; only lu, cholesky and ldlt solve in place, the other
        kinds ignore overwrite_b and return a new array. check_finite=True (the default, as in
        scipy) rejects NaN/Inf in B with NonFiniteError naming the element. A factor made
        with check_finite=True has the library check every B (FL_OPT_CHECK_FINITE), so
        check_finite=False here skips the check only for a factor made with
        check_finite=False; NaN/Inf then propagate into X.
        """
        h = self._h
        dt = self._dtype
        # Short path: a writable, contiguous 2-D B of the factor's dtype, no options.
        op = 1 if trans is False else (2 if trans is True else 0)  # FL_NO_TRANS / FL_TRANS
        if (op and type(b) is _ndarray and b.dtype is dt and not overwrite_b
                and (self._checks or not check_finite) and h is not None):
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
        if check_finite:
            self._require_finite(b, "B")
        # B has the rows of op(A), X its columns.
        if op == 1:
            m, n = self._rows, self._cols
        else:
            m, n = self._cols, self._rows
        in_place = self._in_place  # this kind may write X over B (square kinds)
        isz = b.dtype.itemsize
        fl_dtype = self._fl_dtype if b.dtype is dt else _FL_DTYPE.get(b.dtype, 0)
        ndim = b.ndim
        if ndim == 1:
            if b.shape[0] != m:
                raise DimensionMismatchError(
                    f"fastlinalg: B has {b.shape[0]} rows but op(A) has {m} "
                    f"(the factor is {self._rows}-by-{self._cols})", Status.DIMENSION_MISMATCH)
            ld = m if m > 1 else 1
            ldx = n if n > 1 else 1
            if in_place:
                if b.strides[0] == isz or m <= 1:
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
            else:
                if not (b.strides[0] == isz or m <= 1) or _addr(b) % isz:
                    b = b.copy()  # strided or misaligned: one contiguous copy
                ptr = _addr(b)
                x = _empty(n, b.dtype)
                xptr = _addr(x)
            status = _solve(h, op, fl_dtype, 1, _COL, ptr, ld, _COL, xptr, ldx)
            if status:
                _raise(status)
            return x
        if ndim != 2:
            raise InvalidArgumentError(
                f"fastlinalg: B must be 1-D or 2-D, got an array of shape {b.shape}",
                Status.INVALID_ARGUMENT)
        rows, nrhs = b.shape
        if rows != m:
            raise DimensionMismatchError(
                f"fastlinalg: B has {rows} rows but op(A) has {m} "
                f"(the factor is {self._rows}-by-{self._cols})", Status.DIMENSION_MISMATCH)
        lay = _layout(b, rows, nrhs, isz)
        if not in_place:
            if lay is None or _addr(b) % isz:
                b = np.array(b, order="C")  # the one copy an oddly strided B needs
                lay = (_ROW, nrhs if nrhs > 1 else 1)
            layout, ld = lay
            ptr = _addr(b)
            if layout == _ROW:
                x = _empty((n, nrhs), b.dtype)
                xlayout, ldx = _ROW, (nrhs if nrhs > 1 else 1)
                xptr = _addressof(_from_buffer(x)) if x.size else 0
            else:
                xt = _empty((nrhs, n), b.dtype)
                xptr = _addressof(_from_buffer(xt)) if xt.size else 0
                x = xt.T
                xlayout, ldx = _COL, (n if n > 1 else 1)
            status = _solve(h, op, fl_dtype, nrhs, layout, ptr, ld, xlayout, xptr, ldx)
            if status:
                _raise(status)
            return x
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
        if dt.kind == "c" and self._dtype.kind != "c":
            raise TypeError(f"fastlinalg: B has complex dtype {dt} but the factor is real "
                            f"({self._dtype}): factor a complex A to solve with complex B")
        wider = _NARROWER.get(self._dtype)
        # (`is not None` first: numpy's dtype('float64') == None is True, which once sent a
        # float64 B into a complex128 factor unconverted)
        if wider is not None and dt == wider:
            return b, False
        try:
            return b.astype(self._dtype), True
        except (TypeError, ValueError) as exc:
            raise TypeError(f"fastlinalg: B of dtype {dt} cannot be converted to "
                            f"{self._dtype}: {exc}") from None

    # -- what the factor knows ---------------------------------------------------------------
    def slogdet(self):
        """(sign, logabsdet) with det(A) = sign * exp(logabsdet), like numpy.linalg.slogdet;
        no overflow for large matrices. sign has the factor's dtype (for a complex factor a
        complex number of modulus 1), logabsdet its real counterpart."""
        h = self._handle()
        sign = _c_double()
        logabs = _c_double()
        t = self._dtype.type
        if self._dtype.kind == "c":
            phase_im = _c_double()
            status = _logdet_complex(h, _byref(sign), _byref(phase_im), _byref(logabs))
            if status:
                _raise(status)
            return t(complex(sign.value, phase_im.value)), np.finfo(self._dtype).dtype.type(logabs.value)
        status = _logdet(h, _byref(sign), _byref(logabs))
        if status:
            _raise(status)
        return t(sign.value), t(logabs.value)

    def det(self):
        """det(A) (may overflow to +-inf for large matrices: prefer slogdet())."""
        sign, logabs = self.slogdet()
        with np.errstate(over="ignore"):
            return self._dtype.type(np.complex128(sign) * np.exp(np.float64(logabs))
                                    if self._dtype.kind == "c" else
                                    np.float64(sign) * np.exp(np.float64(logabs)))

    def rcond(self):
        """The reciprocal condition number, in [0, 1]: LAPACK's 1-norm estimate for lu,
        cholesky, ldlt (gecon/pocon/sycon) and for qr's and cod's triangular factor; exactly
        smallest / largest singular value for svd and eigh (0 if A is singular)."""
        h = self._handle()
        r = _c_double()
        status = _rcond(h, _byref(r))
        if status:
            _raise(status)
        return r.value

    def inv(self, order="C"):
        """A^-1 as a new (cols, rows) array in the given order ('C' or 'F'). For qr, cod, svd
        and eigh this is the Moore-Penrose pseudo-inverse A^+ (rank decided by the factor's
        rtol/atol), like numpy.linalg.pinv. Solving is faster and more accurate than forming
        the inverse: use solve() where you can."""
        h = self._handle()
        rows, cols = self._rows, self._cols
        if order not in ("C", "F"):
            raise InvalidArgumentError(f"fastlinalg: order = {order!r}: expected 'C' or 'F'",
                                       Status.INVALID_ARGUMENT)
        x = _empty((cols, rows), self._dtype, order=order)
        ld = rows if order == "C" else cols
        status = _inverse(h, self._fl_dtype, _ROW if order == "C" else _COL, _addr(x),
                          ld if ld > 1 else 1)
        if status:
            _raise(status)
        return x

    def pinv(self, order="C"):
        """The pseudo-inverse A^+, (cols, rows): the same as inv(), which for qr, cod, svd and
        eigh already is the pseudo-inverse (and for an invertible square A, A^+ = A^-1)."""
        return self.inv(order)

    # -- rank, inertia, parts --------------------------------------------------------------
    @property
    def rank(self):
        """The numerical rank (cod, svd, eigh): how many singular values / |eigenvalues| /
        |diagonal elements of R| exceed max(atol, rtol * largest)."""
        h = self._handle()
        r = _c_int64()
        status = _lib_.fl_factor_rank(h, _byref(r))
        if status:
            _raise(status)
        return int(r.value)

    @property
    def inertia(self):
        """(positive, negative, zero): the signs of A's eigenvalues (ldlt, eigh, cholesky)."""
        h = self._handle()
        p, n, z = _c_int64(), _c_int64(), _c_int64()
        status = _lib_.fl_factor_inertia(h, _byref(p), _byref(n), _byref(z))
        if status:
            _raise(status)
        return (int(p.value), int(n.value), int(z.value))

    def _part(self, part, vector=False):
        h = self._handle()
        r, c = _c_int64(), _c_int64()
        status = _lib_.fl_factor_part_shape(h, part, _byref(r), _byref(c))
        if status:
            _raise(status)
        rows, cols = r.value, c.value
        dt = self._dtype
        if part in _REAL_PARTS and dt.kind == "c":
            dt = np.finfo(dt).dtype  # eigenvalues and singular values are real: float32/64
        out = _empty((rows, cols), dt)
        status = _lib_.fl_factor_get_part(h, part, _FL_DTYPE[dt], _ROW, _addr(out),
                                          cols if cols > 1 else 1)
        if status:
            _raise(status)
        return out.reshape(rows) if vector else out

    singular_values = _part_property(
        _lib.PART_SINGULAR_VALUES,
        "svd: the singular values, shape (min(m, n),), descending (numpy's svd's s); real "
        "(float32/float64) for a complex factor too.",
        vector=True)
    @property
    def U(self):
        """svd: the left singular vectors, (m, min(m, n)) (thin, full_matrices=False).
        lu: the upper triangular U of A = P L U; cholesky: U = L.T with A = U.T U (scipy's
        cholesky(a, lower=False)); ldlt(a, lower=False): the unit upper triangular U of
        A[perm][:, perm] = U D U.T (U D U^H for a Hermitian a)."""
        upper = self._kind in (_lib.FACTOR_LU, _lib.FACTOR_CHOLESKY, _lib.FACTOR_LDLT)
        return self._part(_lib.PART_UPPER if upper else _lib.PART_U)

    L = _part_property(
        _lib.PART_LOWER,
        "lu: the unit lower triangular L of A = P L U; cholesky: L with A = L L.T (scipy's "
        "cholesky(a, lower=True)); ldlt(a) (lower=True): the unit lower triangular L of "
        "A[perm][:, perm] = L D L.T (L D L^H for a Hermitian a).")
    D = _part_property(
        _lib.PART_BLOCK_DIAGONAL,
        "ldlt: the block diagonal D (1-by-1 and 2-by-2 blocks) of A[perm][:, perm] = L D L.T.")

    def _indices(self, part):
        h = self._handle()
        r, c = _c_int64(), _c_int64()
        status = _lib_.fl_factor_part_shape(h, part, _byref(r), _byref(c))
        if status:
            _raise(status)
        out = _empty(r.value, np.int64)
        status = _lib_.fl_factor_get_indices(h, part, _addr(out), r.value)
        if status:
            _raise(status)
        return out

    @property
    def perm(self):
        """lu: the row indices p with a[p] == L @ U; ldlt: the indices p with
        a[p][:, p] == L @ D @ L.T (int64)."""
        return self._indices(_lib.PART_ROW_PERMUTATION)

    def plu(self, permute_l=False):
        """lu: (P, L, U) with a == P @ L @ U, as scipy.linalg.lu(a) returns them (P (m, m),
        L (m, k), U (k, n), k = min(m, n)); with permute_l=True, (P @ L, U)."""
        p, L, U = self.perm, self.L, self.U
        if permute_l:
            return L[np.argsort(p)], U
        P = np.zeros((p.size, p.size), dtype=self._dtype)
        P[p, np.arange(p.size)] = 1
        return P, L, U

    def lu_factor(self):
        """lu: (lu, piv) as scipy.linalg.lu_factor returns them: getrf's packed L and U
        (m, n), and the min(m, n) 0-based row interchanges (row i was swapped with row
        piv[i])."""
        return self._part(_lib.PART_LU_PACKED), self._indices(_lib.PART_PIVOTS) - 1

    def ldl(self):
        """ldlt: (lu, d, perm) as scipy.linalg.ldl(a, lower) returns them: a == lu @ d @ lu.T
        (lu.conj().T for a Hermitian a), with lu[perm] unit lower triangular (upper, for a
        factor of the upper triangle) and d block diagonal."""
        p = self.perm
        try:
            L = self.L
        except UnsupportedError:  # the upper form, P A P^T = U D U^T
            L = self.U
        lu = _empty(L.shape, self._dtype)
        lu[p] = L
        return lu, self.D, p
    Vt = _part_property(_lib.PART_VT, "svd: the right singular vectors as rows, (min(m, n), n): "
                        "V.T, or V^H (numpy's vh) for a complex factor.")
    eigenvalues = _part_property(
        _lib.PART_EIGENVALUES,
        "eigh: the eigenvalues, shape (n,), ascending (numpy.linalg.eigh's w).", vector=True)
    eigenvectors = _part_property(
        _lib.PART_EIGENVECTORS,
        "eigh: (n, n) orthonormal eigenvectors, column j for eigenvalue j.")
    Q = _part_property(
        _lib.PART_Q,
        "qr: the thin Q, (m, n), orthonormal columns (scipy.linalg.qr mode='economic').")
    R = _part_property(_lib.PART_R, "qr: the upper triangular R, (n, n); cod: the (min(m, n), "
                       "n) R of the column-pivoted QR a[:, column_perm] = Q R.")

    @property
    def column_perm(self):
        """cod: the column indices p of the pivoted QR, a[:, p] == Q @ R (int64), as
        scipy.linalg.qr(a, pivoting=True) returns its P."""
        return self._indices(_lib.PART_COLUMN_PERMUTATION)

    def raw(self):
        """qr: ((qr, tau), R) as scipy.linalg.qr(a, mode='raw') returns them: geqrf's m-by-n
        output (R above the diagonal, the Householder vectors below; Fortran order, as
        scipy's) and the n scalars tau, with the economic R."""
        qr = np.asfortranarray(self._part(_lib.PART_REFLECTORS))
        return (qr, self._part(_lib.PART_TAU, vector=True)), self.R

    # -- more operations -------------------------------------------------------------------
    def _input(self, b, rows, name):
        """b as (array, ncols, layout, ld, was_1d) for the library to read, rows checked: an
        array of the factor's dtype (float64 for a float32 factor is kept, for the library to
        report), with a usable layout (else one contiguous copy)."""
        if type(b) is not _ndarray:
            b = _asarray(b)
        if b.dtype is not self._dtype:
            b, _ = self._convert_rhs(b)
        isz = b.dtype.itemsize
        if b.ndim == 1:
            if b.shape[0] != rows:
                raise DimensionMismatchError(
                    f"fastlinalg: {name} has {b.shape[0]} rows but needs {rows} "
                    f"(the factor is {self._rows}-by-{self._cols})", Status.DIMENSION_MISMATCH)
            if not (b.strides[0] == isz or rows <= 1) or _addr(b) % isz:
                b = b.copy()
            return b, 1, _COL, (rows if rows > 1 else 1), True
        if b.ndim != 2:
            raise InvalidArgumentError(
                f"fastlinalg: {name} must be 1-D or 2-D, got an array of shape {b.shape}",
                Status.INVALID_ARGUMENT)
        r, k = b.shape
        if r != rows:
            raise DimensionMismatchError(
                f"fastlinalg: {name} has {r} rows but needs {rows} "
                f"(the factor is {self._rows}-by-{self._cols})", Status.DIMENSION_MISMATCH)
        lay = _layout(b, r, k, isz)
        if lay is None or _addr(b) % isz:
            b = np.array(b, order="C")
            lay = (_ROW, k if k > 1 else 1)
        return b, k, lay[0], lay[1], False

    def _square_input(self, y, what):
        """The (n, n) Y of `what` as (array, layout, ld) for the library to read (see _input)."""
        n = self._rows
        y, k, layout, ld, was_1d = self._input(y, n, "Y")
        if was_1d or k != n:
            raise DimensionMismatchError(
                f"fastlinalg: Y must be ({n}, {n}) for {what}, got shape {y.shape}",
                Status.DIMENSION_MISMATCH)
        return y, layout, ld

    def _require_finite(self, a, name):
        """check_finite=True on a factor whose library handle does not check (one made with
        check_finite=False): the same check, in numpy."""
        if not self._checks and not np.isfinite(a).all():
            raise NonFiniteError(f"fastlinalg: {name} contains NaN or Inf (check_finite=True)",
                                 Status.NON_FINITE)

    def _per_column(self, routine, h, b, k, layout, ld, was_1d):
        """routine's one value per column of b (an _input result): shape (k,), or a scalar for a
        1-D b. The values are real: float32/float64 for a complex factor."""
        out = _empty(k, np.finfo(self._dtype).dtype if self._dtype.kind == "c" else self._dtype)
        status = routine(h, _FL_DTYPE.get(b.dtype, 0), k, layout, _addr(b), ld, _addr(out))
        if status:
            _raise(status)
        return out[0] if was_1d else out

    def apply_q(self, c, trans=False, overwrite_c=False):
        """op(Q) C for the full m-by-m orthogonal Q of a qr or cod factor (LAPACK ormqr),
        without forming Q; op(Q) = Q, or Q.T with trans=True. C is (m,) or (m, k). Returns a
        new array in C's order, or C itself, changed in place, with overwrite_c=True (when C
        is writable, of the factor's dtype and has a usable layout)."""
        h = self._handle()
        op = _parse_trans(trans)
        if type(c) is not _ndarray:
            c = _asarray(c)
        owned = False
        if c.dtype is not self._dtype:
            c, owned = self._convert_rhs(c)
        m = self._rows
        isz = c.dtype.itemsize
        if c.ndim not in (1, 2):
            raise InvalidArgumentError(
                f"fastlinalg: C must be 1-D or 2-D, got an array of shape {c.shape}",
                Status.INVALID_ARGUMENT)
        if c.shape[0] != m:
            raise DimensionMismatchError(
                f"fastlinalg: C has {c.shape[0]} rows but Q is {m}-by-{m}",
                Status.DIMENSION_MISMATCH)
        k = 1 if c.ndim == 1 else c.shape[1]
        c2 = c.reshape(m, 1) if c.ndim == 1 else c
        lay = _layout(c2, m, k, isz) if c.ndim == 2 or c.strides[0] == isz or m <= 1 else None
        if c.ndim == 1 and lay is not None:
            lay = (_COL, m if m > 1 else 1)
        if not ((overwrite_c or owned) and c.flags.writeable and lay is not None
                and _addr(c) % isz == 0):
            c = np.array(c, order="K")
            c2 = c.reshape(m, 1) if c.ndim == 1 else c
            if c.ndim == 1:
                lay = (_COL, m if m > 1 else 1)
            else:
                lay = _layout(c2, m, k, isz) or (_ROW, k if k > 1 else 1)
        layout, ld = lay
        status = _lib_.fl_factor_apply_q(h, op, _FL_DTYPE.get(c.dtype, 0), k, layout, _addr(c),
                                         ld)
        if status:
            _raise(status)
        return c

    def residual_norms(self, b):
        """The 2-norms ||b_j - A x_j|| of the least-squares residuals of B's columns (qr, cod,
        svd), without computing X. B is (m,) -> a scalar, or (m, k) -> shape (k,); of the
        factor's dtype. (numpy.linalg.lstsq's residuals are the squares of these.)"""
        h = self._handle()
        b, k, layout, ld, was_1d = self._input(b, self._rows, "B")
        return self._per_column(_lib_.fl_factor_residual_norms, h, b, k, layout, ld, was_1d)

    def solve_shifted(self, b, shifts):
        """eigh: X_l with (A + shifts[l] I) X_l = B for every shift, in one call and without
        refactoring (a ridge path). B is (n,) or (n, k); returns an array of shape
        (len(shifts), n) or (len(shifts), n, k) (each X_l in B's order), or X alone for a
        scalar shift. Raises SingularMatrixError if some shift + eigenvalue is exactly 0.
        For eigh(a, b) (type 1) the systems are (A + shifts[l] B) X_l = B_rhs."""
        h = self._handle()
        sh = np.array(shifts, dtype=_F64, order="C", copy=True)
        scalar = sh.ndim == 0
        if scalar:
            sh = sh.reshape(1)
        elif sh.ndim != 1:
            raise InvalidArgumentError(
                f"fastlinalg: shifts must be a scalar or 1-D, got an array of shape {sh.shape}",
                Status.INVALID_ARGUMENT)
        n = self._rows
        b, k, layout, ld, was_1d = self._input(b, n, "B")
        s = sh.shape[0]
        if was_1d:
            x = _empty((s, n), b.dtype)
            xlayout, ldx = _COL, (n if n > 1 else 1)
        elif layout == _ROW:
            x = _empty((s, n, k), b.dtype)
            xlayout, ldx = _ROW, (k if k > 1 else 1)
        else:
            x = _empty((s, k, n), b.dtype).transpose(0, 2, 1)
            xlayout, ldx = _COL, (n if n > 1 else 1)
        xptr = x.ctypes.data
        status = _lib_.fl_factor_solve_shifted(h, _FL_DTYPE.get(b.dtype, 0), s, sh.ctypes.data, k,
                                               layout, _addr(b), ld, xlayout, xptr, ldx, n * k)
        if status:
            _raise(status)
        return x[0] if scalar else x

    def rank_update(self, v, sign=+1):
        """cholesky: a new Factor of A + V V^T (sign=+1) or A - V V^T (sign=-1), V of shape
        (n,) or (n, k), in O(n^2 k) without refactoring; this factor is left as it is. A
        downdate that loses positive definiteness raises NotPositiveDefiniteError."""
        h = self._handle()
        if sign not in (1, -1) or isinstance(sign, bool):
            raise InvalidArgumentError(
                f"fastlinalg: sign = {sign!r}: expected +1 (update) or -1 (downdate)",
                Status.INVALID_ARGUMENT)
        v, k, layout, ld, _ = self._input(v, self._rows, "V")
        out = _c_void_p()
        status = _lib_.fl_factor_rank_update(_byref(out), h, int(sign), _FL_DTYPE.get(v.dtype, 0),
                                             k, layout, _addr(v), ld)
        if status:
            _raise(status)
        return _wrap(out.value, _lib_.fl_factor_get_kind(out.value), self._dtype,
                     self._fl_dtype, self._rows, self._cols, self._checks)

    # -- products with A^-1 (never forming it) ---------------------------------------------
    # Y and W may be (n,) or (n, k) arrays in any order; results are new C-ordered arrays of
    # the factor's dtype. For qr, cod, svd and eigh, A^-1 is the pseudo-inverse as solve()
    # applies it; a factor of a non-square A raises UnsupportedError. check_finite=True (the
    # default) rejects NaN/Inf in Y and W as solve() does in B.

    def quadratic_form(self, y, check_finite=True):
        """Y.T @ inv(A) @ Y without forming inv(A): (k, k) for Y of shape (n, k), a scalar for
        y of shape (n,). For cholesky it is one triangular solve Z = L^-1 Y and Z.T @ Z by a
        symmetric rank-k update; the result is exactly symmetric for cholesky, ldlt, eigh."""
        h = self._handle()
        y, k, layout, ld, was_1d = self._input(y, self._rows, "Y")
        if check_finite:
            self._require_finite(y, "Y")
        out = _empty((k, k), self._dtype)
        status = _lib_.fl_factor_quadratic_form(h, _FL_DTYPE.get(y.dtype, 0), k, layout, _addr(y),
                                                ld, _ROW, _addr(out), k if k > 1 else 1)
        if status:
            _raise(status)
        return out[0, 0] if was_1d else out

    def bilinear_form(self, y, w, check_finite=True):
        """Y.T @ inv(A) @ W without forming inv(A): (k, p) for Y (n, k) and W (n, p); a 1-D Y
        or W drops that dimension (two vectors give a scalar)."""
        h = self._handle()
        y, k, ylayout, ldy, y1 = self._input(y, self._rows, "Y")
        w, p, wlayout, ldw, w1 = self._input(w, self._rows, "W")
        if check_finite:
            self._require_finite(y, "Y")
            self._require_finite(w, "W")
        out = _empty((k, p), self._dtype)
        status = _lib_.fl_factor_bilinear_form(h, _FL_DTYPE.get(y.dtype, 0), k, ylayout, _addr(y),
                                               ldy, p, wlayout, _addr(w), ldw, _ROW, _addr(out),
                                               p if p > 1 else 1)
        if status:
            _raise(status)
        if y1 and w1:
            return out[0, 0]
        return out[0] if y1 else (out[:, 0] if w1 else out)

    def sandwich(self, y, check_finite=True):
        """inv(A) @ Y @ inv(A) for an (n, n) Y (covariance propagation), by two solves."""
        h = self._handle()
        n = self._rows
        y, layout, ld = self._square_input(y, "sandwich")
        if check_finite:
            self._require_finite(y, "Y")
        out = _empty((n, n), self._dtype)
        status = _lib_.fl_factor_sandwich(h, _FL_DTYPE.get(y.dtype, 0), layout, _addr(y), ld, _ROW,
                                          _addr(out), n if n > 1 else 1)
        if status:
            _raise(status)
        return out

    def trace_solve(self, y, check_finite=True):
        """trace(inv(A) @ Y) for an (n, n) Y, as a Python float (accumulated in double)."""
        h = self._handle()
        y, layout, ld = self._square_input(y, "trace_solve")
        if check_finite:
            self._require_finite(y, "Y")
        t = _c_double()
        status = _lib_.fl_factor_trace_solve(h, _FL_DTYPE.get(y.dtype, 0), layout, _addr(y), ld,
                                             _byref(t))
        if status:
            _raise(status)
        return t.value

    def inverse_diagonal(self):
        """The diagonal of inv(A), shape (n,), without forming inv(A) (cholesky: the column
        norms of L^-1, a third of the work of an inverse)."""
        h = self._handle()
        d = _empty(self._rows, self._dtype)
        status = _lib_.fl_factor_inverse_diagonal(h, self._fl_dtype, _addr(d))
        if status:
            _raise(status)
        return d

    def mahalanobis(self, y, check_finite=True):
        """Squared Mahalanobis norms y_i @ inv(A) @ y_i of the rows y_i of an (N, n) array, as
        numpy holds samples (shape (N,)); a 1-D y of shape (n,) gives a scalar. A C-ordered Y
        is passed without a copy (its rows are the columns of a column-major n-by-N matrix)."""
        h = self._handle()
        if type(y) is not _ndarray:
            y = _asarray(y)
        if y.ndim == 2:
            if y.shape[1] != self._rows:
                raise DimensionMismatchError(
                    f"fastlinalg: Y has {y.shape[1]} columns but the vectors need {self._rows} "
                    f"(the factor is {self._rows}-by-{self._cols})", Status.DIMENSION_MISMATCH)
            yt, k, layout, ld, _ = self._input(y.T, self._rows, "Y.T")
            was_1d = False
        else:
            yt, k, layout, ld, was_1d = self._input(y, self._rows, "y")
        if check_finite:
            self._require_finite(yt, "Y")
        return self._per_column(_lib_.fl_factor_mahalanobis, h, yt, k, layout, ld, was_1d)


_new = object.__new__
_F64_CODE, _F32_CODE = _lib.FLOAT64, _lib.FLOAT32


_FALLBACKS = (None, "low_precision", "ill_conditioned", "not_converged", "query")
_PRECISIONS = {"native": _lib.PRECISION_NATIVE, "mixed": _lib.PRECISION_MIXED}


def _option_code(name, value, choices):
    """The option value for one of the words in choices (a dict), e.g. precision="mixed"."""
    code = choices.get(value) if isinstance(value, str) else None
    if code is None:
        expected = " or ".join(repr(word) for word in choices)
        raise InvalidArgumentError(f"fastlinalg: {name} = {value!r}: expected {expected}",
                                   Status.INVALID_ARGUMENT)
    return code


_STORAGES = {"full": _lib.STORAGE_FULL, "rfp": _lib.STORAGE_RFP}


def _build(a, kind, check_finite, triangle, tol=None, precision="native", overwrite_a=False,
           storage="full", allow_singular=False, complex_symmetric=False):
    """Factor a: one fl_factor_create call on a validated buffer, wrapped in a new Factor.
    The common case (an ndarray of float32/float64 that is C- or F-contiguous, writable,
    aligned, with the default options) takes the short path: a handful of attribute reads
    and one library call, no copies."""
    layout = 0
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
                code = _F64_CODE if dt is _F64 else _F32_CODE
    if not layout:
        # General path: conversions, odd strides, read-only or misaligned buffers, 0-by-0.
        a = _as_matrix_array(a, "A")
        if a.ndim != 2:
            raise InvalidArgumentError(
                f"fastlinalg: A must be a 2-D matrix, got an array of shape {a.shape}",
                Status.INVALID_ARGUMENT)
        dt = next(d for d in _FL_DTYPE if a.dtype == d)
        code = _FL_DTYPE[dt]
        itemsize = dt.itemsize
        rows, cols = a.shape
        lay = _layout(a, rows, cols, itemsize)
        ptr = _addr(a)
        if lay is None or ptr % itemsize:
            # The one copy a non-contiguous or misaligned A needs (kept alive in a):
            # ascontiguousarray alone keeps a misaligned C-contiguous buffer as it is.
            a = np.require(a, requirements=("C", "A"))
            lay = (_ROW, cols if cols > 1 else 1)
            ptr = _addr(a)
        layout, ld = lay
    h = _c_void_p()
    if tol is None:
        code_p = 0 if precision == "native" else _option_code("precision", precision, _PRECISIONS)
        code_s = 0 if storage == "full" else _option_code("storage", storage, _STORAGES)
        opts = (None if (check_finite is True and triangle == 1 and not code_p and not overwrite_a
                         and not code_s and not allow_singular and not complex_symmetric)
                else _options(check_finite, triangle, code_p, overwrite_a, code_s,
                              allow_singular, complex_symmetric))
        status = _create(_byref(h), kind, code, layout, rows, cols, ptr, ld, opts)
    else:
        opts = _options_with_tolerances(check_finite, triangle, tol)
        try:
            status = _create(_byref(h), kind, code, layout, rows, cols, ptr, ld, opts)
        finally:
            _lib_.fl_options_destroy(opts)
    if status:
        _raise(status)
    if kind == 8:  # FL_FACTOR_AUTO: which kind the library chose
        kind = _lib_.fl_factor_get_kind(h.value)
    f = _wrap(h.value, kind, dt, code, rows, cols, bool(check_finite))
    # The exactly solving kinds warn as scipy's solve does (_warnings.py); not a mixed-precision
    # factor, whose rcond would be answered by falling back to float64 for good.
    if f._in_place and f._n >= 0 and precision == "native":  # a rectangular lu has no rcond
        r = _c_double()
        if not _rcond(h, _byref(r)):
            _warn_if_ill_conditioned(r.value, dt, stacklevel=3)  # the caller of lu() etc.
    if overwrite_a and f._info(_lib.INFO_OVERWRITES_A):
        f._borrowed = a  # the factor lives in a's memory: keep a alive as long as the factor
    return f


def _wrap(handle, kind, dt, code, rows, cols, checks=True):
    """A Factor around a handle the library made (fl_factor_create, rank_update); checks:
    whether the handle was made with FL_OPT_CHECK_FINITE on, so that it checks B itself."""
    self = _new(Factor)
    self._checks = checks
    self._h = handle
    self._n = rows if rows == cols else -1
    self._rows = rows
    self._cols = cols
    self._dtype = dt
    self._fl_dtype = code
    self._kind = kind
    self._in_place = kind in _IN_PLACE_KINDS
    self._borrowed = None
    return self


def _stack_or(a, kind, triangle, check):
    """The BatchFactor of a stack (..., m, n), or None for a single matrix."""
    if np.ndim(a) <= 2:
        return None
    from ._batched import batch_factor  # imported here: _batched builds on this module
    return batch_factor(a, kind, triangle, check, "factor of a stack")


def lu(a, check_finite=True, precision="native", overwrite_a=False, allow_singular=False, *,
       check=True):
    """LU factorization with partial pivoting (P A = L U, LAPACK getrf) of the matrix a.

    A square a solves and answers det, slogdet, rcond and inv. An (m, n) a with m != n is
    factored as scipy.linalg.lu does (L (m, k) unit lower trapezoidal, U (k, n) upper
    trapezoidal, k = min(m, n)) and has only its parts, plu(), lu_factor(), L, U and perm;
    an exactly zero pivot is kept without allow_singular, and the other queries raise
    UnsupportedError.

    float32, float64, complex64 and complex128 are kept; other real dtypes become float64,
    other complex ones complex128.
    A C- or F-ordered a is read where it lies (the library copies it once into the factor);
    the parts (plu(), lu_factor(), L, U, perm) are those of a in either order.
    Raises SingularMatrixError (a numpy.linalg.LinAlgError) for an exactly zero pivot and
    NonFiniteError for NaN/Inf unless check_finite=False. With allow_singular=True an exactly
    singular a is factored as scipy's lu_factor does: slogdet() is numpy's (0, -inf), det()
    is 0, rcond() is 0, and solves raise SingularMatrixError naming the zero pivot.

    precision="mixed" (float64 a only): factor in float32 and refine every solve to float64
    accuracy, falling back to a float64 factor when refinement cannot work (the factor's
    ``precision`` and ``fallback`` say which ran). overwrite_a=True (scipy's word): a
    writable, contiguous a becomes the factor's storage, with no copy; a then holds the
    factor (with precision="mixed": the float64 A that refinement reads, beside a float32
    factor of half a's size), and the Factor keeps a alive (``overwrites_a`` says whether it
    happened).

    A stack (..., n, n) gives a fastlinalg.BatchFactor of every matrix (always checked for
    NaN/Inf); a failed matrix raises naming its batch indices unless check=False. The same
    holds for cholesky, ldlt, qr and eigh.
    """
    return (_stack_or(a, 1, 1, check)
            or _build(a, 1, check_finite, 1, None, precision, overwrite_a, "full",
                      allow_singular))  # FL_FACTOR_LU


def cholesky(a, lower=True, check_finite=True, precision="native", overwrite_a=False,
             storage="full", *, check=True):
    """Cholesky factorization A = L L^T of the symmetric positive definite matrix a (for a
    complex a, A = L L^H of the Hermitian positive definite a).

    Only one triangle of a is read: the lower one (lower=True) or the upper one. Raises
    NotPositiveDefiniteError (a numpy.linalg.LinAlgError) if a is not positive definite.
    storage="rfp" holds the factor in LAPACK's rectangular full packed format, n(n+1)/2
    elements (half the memory). Otherwise as lu(), precision and overwrite_a included.
    """
    t = 1 if lower else 2  # FL_LOWER/UPPER
    return (_stack_or(a, 2, t, check)
            or _build(a, 2, check_finite, t, None, precision, overwrite_a, storage))  # CHOLESKY


def ldlt(a, lower=True, check_finite=True, overwrite_a=False, *, hermitian=True,
         allow_singular=False, check=True):
    """Bunch-Kaufman factorization P A P^T = L D L^T (LAPACK sytrf) of the symmetric, possibly
    indefinite matrix a, reading only the lower (or upper) triangle. Solves exactly; knows
    slogdet, rcond, inv and inertia. Raises SingularMatrixError for an exactly singular D.
    overwrite_a as for lu().

    A complex a is Hermitian, P A P^T = L D L^H (hetrf), unless hermitian=False: then it is
    complex symmetric (a.T == a), P A P^T = L D L^T (sytrf), whose slogdet has a complex
    sign and which has no inertia (scipy.linalg.ldl's hermitian=). With lower=False the
    parts are U D U^T's (scipy's ldl(a, lower=False)): .U instead of .L, and ldl() in
    that form. hermitian=False is not taken with a stack. allow_singular=True keeps the
    factor of an exactly singular D, as scipy.linalg.ldl does (see lu()); its inertia
    counts the zero pivot.
    """
    t = 1 if lower else 2
    if not hermitian and np.ndim(a) > 2:
        raise InvalidArgumentError("fastlinalg: ldlt(hermitian=False) takes one matrix, not a "
                                   f"stack of shape {np.shape(a)}", Status.INVALID_ARGUMENT)
    return (_stack_or(a, _lib.FACTOR_LDLT, t, check)
            or _build(a, _lib.FACTOR_LDLT, check_finite, t, None, "native", overwrite_a,
                      allow_singular=allow_singular, complex_symmetric=not hermitian))


def qr(a, check_finite=True, *, check=True):
    """Householder QR, A = Q R (LAPACK geqrf), of a with rows >= cols and full column rank.
    solve() gives the least-squares solution (trans=True: the minimum-norm solution of the
    under-determined A^T x = b); inv() is the pseudo-inverse; .Q, .R, apply_q() and
    residual_norms() give the parts. Raises SingularMatrixError for an exactly zero diagonal
    element of R (use cod or svd for rank-deficient A).
    """
    return _stack_or(a, _lib.FACTOR_QR, 1, check) or _build(a, _lib.FACTOR_QR, check_finite, 1)


def cod(a, rtol=None, atol=0.0, check_finite=True):
    """Complete orthogonal decomposition A P = Q [T 0; 0 0] Z (geqp3 + tzrzf) of a matrix of
    any shape: minimum-norm least-squares solves and the pseudo-inverse for rank-deficient A,
    cheaper than svd. Entries of R's diagonal at or below max(atol, rtol * largest) count as
    zero; rtol=None means max(rows, cols) * eps. .rank tells the rank found. A complex a
    (complex64/complex128) is kept: Q and Z are unitary, solve(b, trans=2) solves with A^H,
    apply_q(c, trans=2) applies Q^H, and residual norms are real.
    """
    return _build(a, _lib.FACTOR_COD, check_finite, 1, _tolerances(rtol, atol))


def svd(a, rtol=None, atol=0.0, check_finite=True):
    """Thin singular value decomposition A = U diag(s) Vt (LAPACK gesdd) of a matrix of any
    shape: .singular_values, .U, .Vt, .rank, minimum-norm least-squares solves and pinv()
    with the rank tolerance max(atol, rtol * s[0]) (rtol=None: max(rows, cols) * eps, as
    numpy.linalg.matrix_rank and scipy.linalg.pinv). A complex a (complex64/complex128) is
    kept: A = U diag(s) V^H with Vt = V^H, real singular values and residual norms
    (float32/float64), and solve(b, trans=2) for A^H.
    """
    return _build(a, _lib.FACTOR_SVD, check_finite, 1, _tolerances(rtol, atol))


def eigh(a, b=None, lower=True, rtol=None, atol=0.0, check_finite=True, *, type=1, check=True):
    """Symmetric eigendecomposition A = V diag(w) V^T (LAPACK syevd), reading only the lower
    (or upper) triangle; for a complex a, the Hermitian A = V diag(w) V^H (heevd), whose
    eigenvalues are real (float32 for complex64, float64 for complex128, as numpy's and
    scipy's eigh return them): .eigenvalues (ascending), .eigenvectors, .rank, .inertia, slogdet,
    pseudo-inverse solves (eigenvalues with |w| <= max(atol, rtol * max|w|) count as zero),
    and solve_shifted() for (A + lambda I) X = B over many lambda at once.

    With b (symmetric positive definite, same shape, the same triangle read), the generalized
    problem of scipy.linalg.eigh(a, b, type=type) (LAPACK sygvd): type 1 is A v = w B v, 2 is
    A B v = w v, 3 is B A v = w v. .eigenvalues (ascending; scipy's eigvalsh(a, b)) and
    .eigenvectors V with V^T B V = I (types 1, 2) or V^T B^-1 V = I (type 3), as scipy's up to
    each column's sign; solve(), slogdet, rank and inertia are of A itself; for type 1,
    solve_shifted(s, c) solves (A + s B) X = C, the generalized ridge path. rcond is
    unsupported. b is not taken with a stack. Raises NotPositiveDefiniteError naming b.
    """
    if b is not None:
        from ._generalized_eigh import generalized_eigh  # imported here: it builds on this module
        return generalized_eigh(a, b, lower, type, _tolerances(rtol, atol), check_finite)
    t = 1 if lower else 2
    return (_stack_or(a, _lib.FACTOR_EIGH, t, check)
            or _build(a, _lib.FACTOR_EIGH, check_finite, t, _tolerances(rtol, atol)))


def factorize(a, check_finite=True, rtol=None, atol=0.0):
    """Lets the library pick the factorization, as Julia's factorize does: a symmetric a with
    a positive diagonal gets cholesky (falling back to ldlt); another square a gets lu
    (falling back to cod when exactly singular); a rectangular a gets qr (or cod when it is
    rank-deficient). ``.kind`` tells which; rtol/atol apply if cod is chosen.
    """
    return _build(a, _lib.FACTOR_AUTO, check_finite, 1, _tolerances(rtol, atol))
