"""scipy.linalg's functions, computed by fastlinalg (the plugin puts them in scipy.linalg).

Each function keeps scipy 1.10's signature and input contract (shapes, dtypes, ValueError
and LinAlgError); every number comes from fastlinalg. numpy only converts, reshapes, selects
and assembles what the library returned. What fastlinalg cannot do raises PeerGap.
"""
import inspect
import warnings

import numpy as np

import fastlinalg as fl
from fastlinalg import linalg as stacks
from peer_gap import PeerGap, reject, require_dtype
from peer_qr import completed, qr_parts, raw_qr

def _has(name):
    """Whether fastlinalg's Factor has the attribute (parts land with feat/parts)."""
    return hasattr(fl.Factor, name)


def _takes(fn, argument):
    return argument in inspect.signature(fn).parameters


def _validated(a):
    """a as an ndarray of the dtype scipy's LAPACK wrappers would use (float32, float64,
    complex64, complex128), rejecting what scipy's _asarray_validated rejects."""
    if isinstance(a, np.ma.MaskedArray):
        raise ValueError("masked arrays are not supported")
    a = np.asarray(a)
    if a.dtype.kind == "O":
        raise ValueError("object arrays are not supported")
    if a.dtype.char in "fdFD":
        return a
    if a.dtype.kind == "c":
        return a.astype(np.complex128)
    return a.astype(np.float32 if a.dtype == np.float16 else np.float64)


def _square(a, message="expected square matrix"):
    if a.ndim != 2 or a.shape[0] != a.shape[1]:
        raise ValueError(message)
    return a


def _carry(array, factor):
    """array as a view that remembers the fastlinalg factor it came from, so that the
    companion solve (lu_solve, cho_solve) uses that factor, not the numbers."""
    view = array.view(_Packed)
    view.fl_factor = factor
    return view


class _Packed(np.ndarray):
    """A packed factor (lu_factor's lu, cho_factor's c) returned with its fastlinalg factor."""


def _solve(f, b, **options):
    """f.solve(b) for a b of any dtype scipy's LAPACK wrappers would take with f's matrix: a
    complex b and a real factor solve for b's real and imaginary parts (the factor is real),
    as the complex ?getrs/?potrs scipy would call on the promoted pair compute."""
    if np.iscomplexobj(b) and f.dtype.kind != "c":
        return f.solve(b.real, **options) + 1j * f.solve(b.imag, **options)
    return f.solve(b, **options)


def _factor_of(packed, maker):
    factor = getattr(packed, "fl_factor", None)
    if factor is None:
        raise PeerGap(f"packed factor not made by fastlinalg: {maker}")
    return factor


# ---- solve, inv, det ---------------------------------------------------------------------------
def solve(a, b, sym_pos=False, lower=False, overwrite_a=False, overwrite_b=False,
          check_finite=True, assume_a="gen", transposed=False):
    a1 = np.atleast_2d(_validated(a))
    b1 = np.atleast_1d(_validated(b))
    n = a1.shape[0]
    _square(a1, "Input a needs to be a square matrix.")
    if n != b1.shape[0] and not (n == 1 and b1.size != 0):
        raise ValueError("Input b has to have same number of rows as input a")
    if b1.size == 0:
        return np.asfortranarray(b1.copy())
    vector = b1.ndim == 1
    if vector:
        b1 = b1[None, :] if n == 1 else b1[:, None]
    if sym_pos:
        warnings.warn("The 'sym_pos' keyword is deprecated and should be replaced by using "
                      "'assume_a = \"pos\"'. 'sym_pos' will be removed in SciPy 1.11.0.",
                      DeprecationWarning, stacklevel=2)
        assume_a = "pos"
    if assume_a not in ("gen", "sym", "her", "pos"):
        raise ValueError(f"{assume_a} is not a recognized matrix structure")
    complex_ = np.iscomplexobj(a1) or np.iscomplexobj(b1)
    if transposed and complex_:
        raise NotImplementedError("scipy.linalg.solve can currently not solve a^T x = b or "
                                  "a^H x = b for complex matrices.")
    dtype = np.result_type(a1, b1)
    a1, b1 = a1.astype(dtype, copy=False), b1.astype(dtype, copy=False)
    if assume_a == "gen":
        require_dtype(a1, "lu", "solve")
        f = fl.lu(a1, check_finite=check_finite)
    elif assume_a == "pos":
        require_dtype(a1, "cholesky", "solve(assume_a='pos')")
        f = fl.cholesky(a1, lower=lower, check_finite=check_finite)
    else:  # Bunch-Kaufman: 'her' Hermitian (hetrf), 'sym' symmetric (sytrf; either, if real)
        if complex_ and not _takes(fl.ldlt, "hermitian"):
            raise PeerGap(f"complex dtypes: solve(assume_a={assume_a!r})")
        hermitian = {"hermitian": assume_a == "her"} if complex_ else {}
        f = fl.ldlt(a1, lower=lower, check_finite=check_finite, **hermitian)
    # scipy takes b of shape (n, ...) as n rows of right-hand sides
    x = f.solve(b1.reshape(n, -1), trans=bool(transposed), check_finite=check_finite)
    return x.ravel() if vector else x.reshape(b1.shape)


def inv(a, overwrite_a=False, check_finite=True):
    a1 = _square(_validated(a))
    require_dtype(a1, "lu", "inv")
    return fl.lu(a1, check_finite=check_finite).inv()


def det(a, overwrite_a=False, check_finite=True):
    a1 = _square(_validated(a), "expected square matrix")
    require_dtype(a1, "lu", "det")
    try:
        return fl.lu(a1, check_finite=check_finite).det()
    except fl.SingularMatrixError:
        return a1.dtype.type(0.0)  # getrf met an exactly zero pivot: det(A) is exactly 0


# ---- least squares and pseudo-inverses ---------------------------------------------------------
def lstsq(a, b, cond=None, overwrite_a=False, overwrite_b=False, check_finite=True,
          lapack_driver=None):
    a1, b1 = _validated(a), _validated(b)
    if a1.ndim != 2:
        raise ValueError("Input array a should be 2D")
    m, n = a1.shape
    if m != b1.shape[0]:
        raise ValueError("Shape mismatch: a and b should have the same number of rows "
                         f"({m} != {b1.shape[0]}).")
    driver = lapack_driver or lstsq.default_lapack_driver
    if driver not in ("gelsd", "gelsy", "gelss"):
        raise ValueError(f'LAPACK driver "{driver}" is not found')
    dtype = np.result_type(a1, b1)
    # gelsd/gelss are SVD solvers, gelsy a complete orthogonal decomposition: so are ours.
    kind = "cod" if driver == "gelsy" else "svd"
    require_dtype(a1, kind, f"lstsq(lapack_driver={driver!r})" if kind == "cod" else "lstsq")
    a1, b1 = a1.astype(dtype, copy=False), b1.astype(dtype, copy=False)
    rtol = np.finfo(dtype).eps if cond is None else cond
    make = getattr(fl, kind)
    f = make(a1, rtol=rtol, check_finite=check_finite)
    x = f.solve(b1, check_finite=check_finite)
    rank = f.rank
    resids = np.asarray([], dtype=np.finfo(dtype).dtype)
    if m > n and rank == n and driver != "gelsy":
        resids = f.residual_norms(b1) ** 2  # scipy's: squares of the residuals' 2-norms
    if driver == "gelsy":
        return x, np.array([], dtype), rank, None
    return x, resids, rank, f.singular_values


lstsq.default_lapack_driver = "gelsd"


def _tolerances(a, atol, rtol):
    atol = 0.0 if atol is None else atol
    rtol = max(a.shape) * np.finfo(a.dtype).eps if rtol is None else rtol
    if atol < 0.0 or rtol < 0.0:
        raise ValueError("atol and rtol values must be positive.")
    return atol, rtol


def _pseudo_inverse(make, a, atol, rtol, largest):
    """make(a)'s pseudo-inverse and rank with scipy's cut-off atol + rtol * largest: the
    library's cut-off is max(atol, rtol * largest), the same when either is 0; otherwise a
    first factor tells the largest singular value or |eigenvalue|."""
    if atol and rtol:
        atol, rtol = atol + rtol * largest(make(a)), 0.0
    f = make(a, atol, rtol)
    return f.inv(), f.rank


def pinv(a, atol=None, rtol=None, return_rank=False, check_finite=True, cond=None,
         rcond=None):
    a1 = _validated(a)
    require_dtype(a1, "svd", "pinv")
    if rcond or cond:
        warnings.warn('Use of the "cond" and "rcond" keywords are deprecated and will be '
                      'removed in future versions of SciPy. Use "atol" and "rtol" keywords '
                      'instead', DeprecationWarning, stacklevel=2)
        if atol is None and rtol is None:
            atol, rtol = rcond or cond, 0.0
    atol, rtol = _tolerances(a1, atol, rtol)

    def make(m, at=0.0, rt=None):
        return fl.svd(m, rtol=rt, atol=at, check_finite=check_finite)

    b, rank = _pseudo_inverse(make, a1, atol, rtol, lambda f: f.singular_values[0])
    return (b, rank) if return_rank else b


def pinvh(a, atol=None, rtol=None, lower=True, return_rank=False, check_finite=True):
    a1 = _square(_validated(a))
    require_dtype(a1, "eigh", "pinvh")
    atol, rtol = _tolerances(a1, atol, rtol)

    def make(m, at=0.0, rt=None):
        return fl.eigh(m, lower=lower, rtol=rt, atol=at, check_finite=check_finite)

    b, rank = _pseudo_inverse(make, a1, atol, rtol, lambda f: abs(f.eigenvalues).max())
    return (b, rank) if return_rank else b


# ---- LU ----------------------------------------------------------------------------------------
def _lu_factor_of(a1, check_finite):
    """fastlinalg's LU of a1 (square or rectangular), keeping an exactly singular one where
    the library can."""
    require_dtype(a1, "lu", "lu")
    if _takes(fl.lu, "allow_singular"):
        return fl.lu(a1, check_finite=check_finite, allow_singular=True)
    try:
        return fl.lu(a1, check_finite=check_finite)
    except fl.SingularMatrixError:
        raise PeerGap("LU of an exactly singular matrix") from None


def lu(a, permute_l=False, overwrite_a=False, check_finite=True):
    a1 = _validated(a)
    if a1.ndim != 2:
        raise ValueError("expected matrix")
    if not _has("plu"):
        raise PeerGap("no L, U, P output of LU")
    return _lu_factor_of(a1, check_finite).plu(permute_l=permute_l)


def lu_factor(a, overwrite_a=False, check_finite=True):
    a1 = _validated(a)  # scipy 1.10's lu_factor takes an m x n matrix too
    if a1.ndim != 2:
        raise ValueError("expected matrix")
    if not _has("lu_factor"):
        raise PeerGap("no packed (lu, piv) output of LU")
    f = _lu_factor_of(a1, check_finite)
    packed, piv = f.lu_factor()
    zero = np.flatnonzero(np.diagonal(packed) == 0)
    if zero.size:
        warnings.warn(f"Diagonal number {zero[0] + 1} is exactly zero. Singular matrix.",
                      fl.LinAlgWarning, stacklevel=2)
    return _carry(packed, f), piv


def lu_solve(lu_and_piv, b, trans=0, overwrite_b=False, check_finite=True):
    packed, piv = lu_and_piv
    f = _factor_of(packed, "lu_solve")
    b1 = _validated(b)
    if b1.shape[0] != packed.shape[0]:
        raise ValueError(f"Shapes of lu {packed.shape} and b {b1.shape} are incompatible")
    if trans not in (0, 1, 2):
        raise ValueError("trans must be 0, 1 or 2")
    return _solve(f, b1, trans=trans, check_finite=check_finite)


# ---- Cholesky ----------------------------------------------------------------------------------
def _cholesky_parts(a, lower, check_finite):
    """(the fastlinalg factor, its triangle L or U) of the matrix a, scipy's triangle read."""
    a1 = _square(_validated(a))
    require_dtype(a1, "cholesky", "cholesky")
    f = fl.cholesky(a1, lower=lower, check_finite=check_finite)
    if _has("L"):
        return f, (f.L if lower else f.U)
    if np.iscomplexobj(a1):
        raise PeerGap("complex dtypes: Cholesky factor output")
    # fastlinalg.linalg.cholesky reads the lower triangle; the upper one of a is the lower
    # one of a.T, whose factor L' gives U = L'.T.
    if lower:
        return f, stacks.cholesky(a1)
    return f, stacks.cholesky(a1.T).T.copy()


def cholesky(a, lower=False, overwrite_a=False, check_finite=True):
    return _cholesky_parts(a, lower, check_finite)[1]


def cho_factor(a, lower=False, overwrite_a=False, check_finite=True):
    f, tri = _cholesky_parts(a, lower, check_finite)
    c = np.array(_validated(a), order="F", dtype=tri.dtype)
    mask = np.tril(np.ones(c.shape, bool)) if lower else np.triu(np.ones(c.shape, bool))
    c[mask] = tri[mask]  # potrf's layout: the factor in its triangle, a's other entries kept
    return _carry(c, f), lower


def cho_solve(c_and_lower, b, overwrite_b=False, check_finite=True):
    c, _ = c_and_lower
    f = _factor_of(c, "cho_solve")
    b1 = _validated(b)
    if c.ndim != 2 or c.shape[0] != c.shape[1]:
        raise ValueError("The factored matrix c is not square.")
    if c.shape[1] != b1.shape[0]:
        raise ValueError(f"incompatible dimensions ({c.shape} and {b1.shape})")
    return _solve(f, b1, check_finite=check_finite)


# ---- LDL^T -------------------------------------------------------------------------------------
def ldl(A, lower=True, hermitian=True, overwrite_a=False, check_finite=True):
    a1 = _validated(A)
    if a1.ndim != 2 or a1.shape[0] != a1.shape[1]:
        raise ValueError("The input array \"a\" should be square.")
    if not _has("ldl"):
        raise PeerGap("no LDLT L, D and permutation output")
    require_dtype(a1, "ldlt", "ldl")
    if not _takes(fl.ldlt, "hermitian"):  # the complex and upper-form LDL^T came together
        if np.iscomplexobj(a1) and not hermitian:
            raise PeerGap("complex dtypes: complex symmetric LDLT")
        if not lower:
            raise PeerGap("no upper-form LDLT (lower=False)")
        return fl.ldlt(a1, lower=True, check_finite=check_finite).ldl()
    if hermitian and np.iscomplexobj(a1) and np.any(np.diag(a1).imag):  # scipy's warning
        warnings.warn("scipy.linalg.ldl():\nThe imaginary parts of the diagonal are ignored. "
                      "Use \"hermitian=False\" for factorization of complex symmetric arrays.",
                      getattr(np, "exceptions", np).ComplexWarning, stacklevel=2)
    # the upper form for lower=False: P A P^T = U D U^T, lu[perm] unit upper triangular;
    # scipy's ldl returns the factor of an exactly singular D, as allow_singular keeps it
    keep = {"allow_singular": True} if _takes(fl.ldlt, "allow_singular") else {}
    try:
        f = fl.ldlt(a1, lower=lower, hermitian=bool(hermitian), check_finite=check_finite,
                    **keep)
    except fl.SingularMatrixError:
        raise PeerGap("singular LDLT factor (ldl of an exactly singular matrix)") from None
    return f.ldl()


# ---- SVD, symmetric eigen, QR ------------------------------------------------------------------
def svd(a, full_matrices=True, compute_uv=True, overwrite_a=False, check_finite=True,
        lapack_driver="gesdd"):
    a1 = _validated(a)
    if a1.ndim != 2:
        raise ValueError("expected matrix")
    if not isinstance(lapack_driver, str):
        raise TypeError("lapack_driver must be a string")
    if lapack_driver not in ("gesdd", "gesvd"):
        raise ValueError(f'lapack_driver must be "gesdd" or "gesvd", not "{lapack_driver}"')
    reject("lapack_driver", lapack_driver, "gesdd", "LAPACK driver choice (lapack_driver=)")
    require_dtype(a1, "svd", "svd")
    f = fl.svd(a1, check_finite=check_finite)
    if not compute_uv:
        return f.singular_values
    if full_matrices:
        return completed(f.U), f.singular_values, completed(f.Vt.T).T
    return f.U, f.singular_values, f.Vt


def eigh(a, b=None, lower=True, eigvals_only=False, overwrite_a=False, overwrite_b=False,
         turbo=False, eigvals=None, type=1, check_finite=True, subset_by_index=None,
         subset_by_value=None, driver=None):
    for keyword, value, instead in (("turbo", turbo, "driver=gvd"),
                                    ("eigvals", eigvals, "subset_by_index")):
        if value:
            warnings.warn(f"Keyword argument '{keyword}' is deprecated in favour of "
                          f"'{instead}' keyword instead and will be removed in SciPy 1.12.0.",
                          DeprecationWarning, stacklevel=2)
    if driver not in _EIGH_DRIVERS:
        names = '", "'.join(_EIGH_DRIVERS[1:])
        raise ValueError(f'"{driver}" is unknown. Possible values are "None", "{names}".')
    a1 = _validated(a)
    if a1.ndim != 2 or a1.shape[0] != a1.shape[1]:
        raise ValueError("expected square \"a\" matrix")
    b1 = None if b is None else _validated(b)
    if b1 is not None:
        if b1.ndim != 2 or b1.shape[0] != b1.shape[1]:
            raise ValueError("expected square \"b\" matrix")
        if b1.shape != a1.shape:
            raise ValueError(f"wrong b dimensions {b1.shape}, should be {a1.shape}")
        if type not in (1, 2, 3):
            raise ValueError('"type" keyword only accepts 1, 2, and 3.')
    keep = _subset(a1.shape[0], subset_by_index if eigvals is None else eigvals,
                   subset_by_value)
    _check_eigh_driver(driver, b1 is not None, subset_by_index if eigvals is None else eigvals,
                       subset_by_value)
    require_dtype(a1, "eigh", "eigh")
    f = _eigh_factor(a1, b1, lower, type, check_finite)
    w = f.eigenvalues
    keep = keep(w)
    if eigvals_only:
        return w[keep]
    return w[keep], f.eigenvectors[:, keep]


# scipy.linalg.eigh's drivers: ev/evd/evr/evx for A alone, gv/gvd/gvx for the pencil.
_EIGH_DRIVERS = (None, "ev", "evd", "evr", "evx", "gv", "gvd", "gvx")


def _check_eigh_driver(driver, pencil, by_index, by_value):
    """scipy's ValueErrors for a driver that does not fit the problem, then PeerGap for one
    whose algorithm fastlinalg does not run: fastlinalg runs divide and conquer, syevd/heevd
    ('evd') for A alone and sygvd/hegvd ('gvd') for the pencil, so only those map."""
    if not driver:
        return
    if not pencil and driver in ("gv", "gvd", "gvx"):
        raise ValueError(f"{driver} requires input b array to be supplied for generalized "
                         "eigenvalue problems.")
    if pencil and driver in ("ev", "evd", "evr", "evx"):
        raise ValueError(f'"{driver}" does not accept input b array for standard eigenvalue '
                         "problems.")
    if (by_index is not None or by_value is not None) and driver in ("ev", "evd", "gv", "gvd"):
        raise ValueError(f'"{driver}" cannot compute subsets of eigenvalues')
    if driver != ("gvd" if pencil else "evd"):
        raise PeerGap("LAPACK driver choice (driver=)")


def _subset(n, by_index, by_value):
    """scipy's checks of subset_by_index / subset_by_value, done before any computation; returns
    the selector of the eigenvalues w (ascending) to keep."""
    if by_index is not None and by_value is not None:
        raise ValueError("Either index or value subset can be requested.")
    if by_index is not None:
        lo, hi = (int(i) for i in by_index)
        if not 0 <= lo <= hi < n:
            raise ValueError(f"Requested eigenvalue indices are not valid. Valid range is "
                             f"[0, {n - 1}] and start <= end, but start={lo}, end={hi} is given")
        return lambda w: slice(lo, hi + 1)
    if by_value is not None:
        lo, hi = by_value
        if not -np.inf <= lo < hi <= np.inf:
            raise ValueError(f"Requested eigenvalue bounds are not valid. Valid range is "
                             f"(-inf, inf) and low < high, but low={lo}, high={hi} is given")
        return lambda w: (w > lo) & (w <= hi)  # scipy's half-open interval (lo, hi]
    return lambda w: slice(None)


def _eigh_factor(a1, b1, lower, itype, check_finite):
    """fastlinalg's eigh of a1, or of the pencil (a1, b1) where fastlinalg has it (sygvd,
    hegvd)."""
    if b1 is None:
        return fl.eigh(a1, lower=lower, check_finite=check_finite)
    if not _takes(fl.eigh, "b"):
        raise PeerGap("generalized eigen eigh(a, b)")
    require_dtype(b1, "eigh", "eigh")
    dtype = np.result_type(a1, b1)  # a complex pair: the Hermitian-definite pencil (hegvd)
    return fl.eigh(a1.astype(dtype, copy=False), b1.astype(dtype, copy=False), lower=lower,
                   check_finite=check_finite, type=itype)


def eigvalsh(a, b=None, lower=True, overwrite_a=False, overwrite_b=False, turbo=False,
             eigvals=None, type=1, check_finite=True, subset_by_index=None,
             subset_by_value=None, driver=None):
    return eigh(a, b=b, lower=lower, eigvals_only=True, turbo=turbo, eigvals=eigvals, type=type,
                check_finite=check_finite, subset_by_index=subset_by_index,
                subset_by_value=subset_by_value, driver=driver)


def qr(a, overwrite_a=False, lwork=None, mode="full", pivoting=False, check_finite=True):
    if mode not in ("full", "r", "economic", "raw"):
        raise ValueError("Mode argument should be one of ['full', 'r', 'economic', 'raw']")
    a1 = _validated(a)
    if a1.ndim != 2:
        raise ValueError("expected a 2-D array")
    reject("lwork", lwork, None, "LAPACK workspace size (lwork=)")
    if pivoting:
        return pivoted_qr(a1, mode, check_finite)
    if mode == "raw":
        return raw_qr(a1, check_finite)
    return _qr(a1, mode, check_finite)


def pivoted_qr(a1, mode, check_finite):
    """scipy's qr(a, pivoting=True) from fastlinalg's COD (geqp3): its column-pivoted R and
    column permutation p (a[:, p] = Q R), Q applied to the identity."""
    if not hasattr(fl.Factor, "column_perm"):
        raise PeerGap("no pivoted QR output (R, permutation)")
    if mode == "raw":
        raise PeerGap("pivoted QR in raw form (mode='raw', pivoting=True)")
    require_dtype(a1, "cod", "cod")
    m, n = a1.shape
    k = min(m, n)
    if k == 0:
        raise PeerGap("pivoted QR of an empty matrix")
    f = fl.cod(a1, check_finite=check_finite)
    r, p = f.R, f.column_perm
    if mode == "r":
        return r if m <= k else np.vstack([r, np.zeros((m - k, n), r.dtype)]), p
    if mode == "economic":
        return f.apply_q(np.eye(m, k, dtype=a1.dtype)), r, p
    full_r = r if m <= k else np.vstack([r, np.zeros((m - k, n), r.dtype)])
    return f.apply_q(np.eye(m, dtype=a1.dtype)), full_r, p


def _qr(a1, mode, check_finite):
    """scipy's (Q, R), (Q, R) economic or (R,) from fastlinalg's QR."""
    q, r = qr_parts(a1, full=mode != "economic", check_finite=check_finite)
    return (r,) if mode == "r" else (q, r)
