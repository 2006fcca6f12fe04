"""Finds libfastlinalg, declares the C prototypes and checks the version.

Search order:
  1. the environment variable FASTLINALG_LIBRARY (a full path; an error if it does not load),
  2. the libfastlinalg.so.0 that `pip install ./bindings/python` built into this package
     (or a libfastlinalg.so.0 / libfastlinalg.so copied next to it),
  3. the library named at build time by FL_PYTHON_LIBRARY (_configured_library.py),
  4. the soname libfastlinalg.so.0 through the dynamic loader (LD_LIBRARY_PATH, ld.so.cache),
  5. ctypes.util.find_library("fastlinalg").
"""
import ctypes
import ctypes.util
import os

# The library versions this package was written against: same major, and for 0.x the same
# minor (0.x minors may change the ABI); the patch level and later minors of 1.x are fine.
EXPECTED_MAJOR = 0
EXPECTED_MINOR = 1
EXPECTED_VERSION_NUMBER = EXPECTED_MAJOR * 10000 + EXPECTED_MINOR * 100

# Enum values from fastlinalg.h (part of the ABI).
FLOAT32, FLOAT64, COMPLEX64, COMPLEX128 = 1, 2, 3, 4
ROW_MAJOR, COL_MAJOR = 1, 2
NO_TRANS, TRANS, CONJ_TRANS = 1, 2, 3
LOWER, UPPER = 1, 2
OPT_CHECK_FINITE, OPT_TRIANGLE, OPT_RTOL, OPT_ATOL = 1, 2, 3, 4
OPT_PRECISION, OPT_OVERWRITE_A, OPT_STORAGE = 5, 6, 7
STORAGE_FULL, STORAGE_RFP, STORAGE_RFP_INPUT = 0, 1, 2
PRECISION_NATIVE, PRECISION_MIXED = 0, 1
INFO_PRECISION, INFO_FALLBACK, INFO_REFINEMENT_STEPS, INFO_OVERWRITES_A = 1, 2, 3, 4
(FALLBACK_NONE, FALLBACK_LOW_PRECISION, FALLBACK_ILL_CONDITIONED, FALLBACK_NOT_CONVERGED,
 FALLBACK_QUERY) = 0, 1, 2, 3, 4
OPT_ALLOW_SINGULAR = 20
OPT_COMPLEX_SYMMETRIC = 21
(FACTOR_LU, FACTOR_CHOLESKY, FACTOR_LDLT, FACTOR_QR, FACTOR_COD, FACTOR_SVD, FACTOR_EIGH,
 FACTOR_AUTO) = 1, 2, 3, 4, 5, 6, 7, 8
FACTOR_SPARSE_CHOLESKY, FACTOR_SPARSE_LU, FACTOR_SPARSE_QR = 9, 10, 11
SPARSE_CSC, SPARSE_CSR = 1, 2
INDEX_INT32, INDEX_INT64 = 1, 2
(PART_SINGULAR_VALUES, PART_U, PART_VT, PART_EIGENVALUES, PART_EIGENVECTORS, PART_Q,
 PART_R) = 1, 2, 3, 4, 5, 6, 7
PART_LOWER, PART_UPPER, PART_ROW_PERMUTATION, PART_LU_PACKED, PART_PIVOTS = 8, 9, 10, 11, 12
PART_BLOCK_DIAGONAL, PART_REFLECTORS, PART_TAU, PART_COLUMN_PERMUTATION = 13, 14, 15, 16

(KERNEL_SQUARED_DISTANCE, KERNEL_GAUSSIAN, KERNEL_MATERN12, KERNEL_MATERN32,
 KERNEL_MATERN52) = 1, 2, 3, 4, 5
METRIC_ISOTROPIC, METRIC_ARD, METRIC_LOWRANK_DIAG, METRIC_FULL = 1, 2, 3, 4

_SONAME = "libfastlinalg.so.0"


def _configured_library():
    try:
        from ._configured_library import LIBRARY
    except ImportError:
        return []
    return [LIBRARY]


def _load():
    tried = []
    path = os.environ.get("FASTLINALG_LIBRARY")
    if path:
        try:
            return ctypes.CDLL(path)
        except OSError as exc:
            raise ImportError(
                f"fastlinalg: FASTLINALG_LIBRARY={path!r} could not be loaded: {exc}") from exc
    here = os.path.dirname(os.path.abspath(__file__))
    candidates = [os.path.join(here, _SONAME), os.path.join(here, "libfastlinalg.so")]
    candidates = [c for c in candidates if os.path.exists(c)] + _configured_library() + [_SONAME]
    for candidate in candidates:
        try:
            return ctypes.CDLL(candidate)
        except OSError as exc:
            tried.append(f"{candidate}: {exc}")
    found = ctypes.util.find_library("fastlinalg")
    if found:
        try:
            return ctypes.CDLL(found)
        except OSError as exc:
            tried.append(f"{found}: {exc}")
    else:
        tried.append("ctypes.util.find_library('fastlinalg'): not found")
    raise ImportError(
        "fastlinalg: cannot find the shared library libfastlinalg. Set FASTLINALG_LIBRARY to its "
        "full path (e.g. build/src/libfastlinalg.so), install it where the dynamic loader looks "
        "(ldconfig, LD_LIBRARY_PATH), or copy it next to the package. Tried:\n  "
        + "\n  ".join(tried))


lib = _load()

_c = ctypes
_P = _c.c_void_p
_I64 = _c.c_int64
_INT = _c.c_int
_ENUM = _c.c_int  # C enums are int-sized on every ABI we target

# (name, restype, argtypes) for every function of fastlinalg.h.
_PROTOTYPES = [
    ("fl_version", _c.c_char_p, []),
    ("fl_version_number", _INT, []),
    ("fl_status_string", _c.c_char_p, [_ENUM]),
    ("fl_last_error", _c.c_char_p, []),
    ("fl_options_create", _ENUM, [_c.POINTER(_P)]),
    ("fl_options_destroy", None, [_P]),
    ("fl_options_set_int", _ENUM, [_P, _ENUM, _I64]),
    ("fl_options_get_int", _ENUM, [_P, _ENUM, _c.POINTER(_I64)]),
    ("fl_options_set_real", _ENUM, [_P, _ENUM, _c.c_double]),
    ("fl_options_get_real", _ENUM, [_P, _ENUM, _c.POINTER(_c.c_double)]),
    ("fl_factor_create", _ENUM, [_c.POINTER(_P), _ENUM, _ENUM, _ENUM, _I64, _I64, _P, _I64, _P]),
    ("fl_factor_create_generalized_eigh", _ENUM, [_c.POINTER(_P), _INT, _ENUM, _ENUM, _I64, _P, _I64,
                                                  _P, _I64, _P]),
    ("fl_factor_destroy", None, [_P]),
    ("fl_factor_get_kind", _ENUM, [_P]),
    ("fl_factor_get_dtype", _ENUM, [_P]),
    ("fl_factor_get_info", _ENUM, [_P, _ENUM, _c.POINTER(_I64)]),
    ("fl_factor_rows", _I64, [_P]),
    ("fl_factor_cols", _I64, [_P]),
    ("fl_factor_solve", _ENUM, [_P, _ENUM, _ENUM, _I64, _ENUM, _P, _I64, _ENUM, _P, _I64]),
    ("fl_factor_logdet", _ENUM, [_P, _c.POINTER(_c.c_double), _c.POINTER(_c.c_double)]),
    ("fl_factor_logdet_complex", _ENUM, [_P, _c.POINTER(_c.c_double), _c.POINTER(_c.c_double),
                                         _c.POINTER(_c.c_double)]),
    ("fl_factor_rcond", _ENUM, [_P, _c.POINTER(_c.c_double)]),
    ("fl_factor_inverse", _ENUM, [_P, _ENUM, _ENUM, _P, _I64]),
    ("fl_factor_rank", _ENUM, [_P, _c.POINTER(_I64)]),
    ("fl_factor_inertia", _ENUM, [_P, _c.POINTER(_I64), _c.POINTER(_I64), _c.POINTER(_I64)]),
    ("fl_factor_part_shape", _ENUM, [_P, _ENUM, _c.POINTER(_I64), _c.POINTER(_I64)]),
    ("fl_factor_get_part", _ENUM, [_P, _ENUM, _ENUM, _ENUM, _P, _I64]),
    ("fl_factor_get_indices", _ENUM, [_P, _ENUM, _P, _I64]),
    ("fl_factor_apply_q", _ENUM, [_P, _ENUM, _ENUM, _I64, _ENUM, _P, _I64]),
    ("fl_factor_residual_norms", _ENUM, [_P, _ENUM, _I64, _ENUM, _P, _I64, _P]),
    ("fl_factor_solve_shifted", _ENUM, [_P, _ENUM, _I64, _P, _I64, _ENUM, _P, _I64, _ENUM, _P,
                                        _I64, _I64]),
    ("fl_factor_rank_update", _ENUM, [_c.POINTER(_P), _P, _INT, _ENUM, _I64, _ENUM, _P, _I64]),
    ("fl_factor_quadratic_form", _ENUM, [_P, _ENUM, _I64, _ENUM, _P, _I64, _ENUM, _P, _I64]),
    ("fl_factor_bilinear_form", _ENUM, [_P, _ENUM, _I64, _ENUM, _P, _I64, _I64, _ENUM, _P, _I64,
                                        _ENUM, _P, _I64]),
    ("fl_factor_sandwich", _ENUM, [_P, _ENUM, _ENUM, _P, _I64, _ENUM, _P, _I64]),
    ("fl_factor_trace_solve", _ENUM, [_P, _ENUM, _ENUM, _P, _I64, _c.POINTER(_c.c_double)]),
    ("fl_factor_inverse_diagonal", _ENUM, [_P, _ENUM, _P]),
    ("fl_factor_mahalanobis", _ENUM, [_P, _ENUM, _I64, _ENUM, _P, _I64, _P]),
    ("fl_factor_serialized_size", _ENUM, [_P, _c.POINTER(_I64)]),
    ("fl_factor_serialize", _ENUM, [_P, _P, _I64]),
    ("fl_factor_deserialize", _ENUM, [_c.POINTER(_P), _P, _I64]),
    ("fl_sparse_create", _ENUM, [_c.POINTER(_P), _ENUM, _ENUM, _ENUM, _I64, _I64, _P, _P, _P]),
    ("fl_sparse_destroy", None, [_P]),
    ("fl_sparse_set_values", _ENUM, [_P, _ENUM, _P]),
    ("fl_sparse_shape", _ENUM, [_P, _c.POINTER(_I64), _c.POINTER(_I64), _c.POINTER(_I64)]),
    ("fl_sparse_multiply", _ENUM, [_P, _ENUM, _ENUM, _I64, _ENUM, _P, _I64, _ENUM, _P, _I64]),
    ("fl_factor_create_sparse", _ENUM, [_c.POINTER(_P), _ENUM, _P, _P]),
    ("fl_factor_refactor", _ENUM, [_c.POINTER(_P), _P, _P]),
    ("fl_factor_rank_update_sparse", _ENUM, [_c.POINTER(_P), _P, _INT, _P]),
    ("fl_kernel_create", _ENUM, [_c.POINTER(_P), _ENUM, _ENUM, _I64, _I64, _P, _c.c_double,
                          _c.c_double]),
    ("fl_kernel_destroy", None, [_P]),
    ("fl_kernel_matrix", _ENUM, [_P, _ENUM, _ENUM, _I64, _P, _I64, _I64, _P, _I64, _ENUM, _P, _I64]),
    ("fl_kernel_gradient", _ENUM, [_P, _ENUM, _ENUM, _I64, _P, _I64, _I64, _P, _I64, _ENUM, _P,
                                   _I64, _P]),
    # Batches of small matrices (fastlinalg.linalg, fastlinalg._batched)
    ("fl_batch_create", _ENUM, [_c.POINTER(_P), _ENUM, _ENUM, _ENUM, _I64, _I64, _I64, _P, _I64,
                                _I64, _P, _P]),
    ("fl_batch_destroy", None, [_P]),
    ("fl_batch_describe", _ENUM, [_P, _P, _P, _P, _P, _P]),
    ("fl_batch_solve", _ENUM, [_P, _ENUM, _I64, _ENUM, _P, _I64, _I64, _P, _I64, _I64]),
    ("fl_batch_logdet", _ENUM, [_P, _P, _P]),
    ("fl_batch_rcond", _ENUM, [_P, _P]),
    ("fl_batch_inverse", _ENUM, [_P, _ENUM, _ENUM, _P, _I64, _I64]),
    ("fl_batch_get_part", _ENUM, [_P, _ENUM, _ENUM, _ENUM, _P, _I64, _I64]),
    ("fl_stack_solve", _ENUM, [_ENUM, _ENUM, _I64, _I64, _P, _I64, _I64, _I64, _P, _I64, _I64,
                               _P, _I64, _I64, _P]),
    ("fl_stack_inverse", _ENUM, [_ENUM, _ENUM, _I64, _I64, _P, _I64, _I64, _P, _I64, _I64, _P]),
    ("fl_stack_slogdet", _ENUM, [_ENUM, _ENUM, _I64, _I64, _P, _I64, _I64, _P, _P, _P]),
    ("fl_stack_cholesky", _ENUM, [_ENUM, _ENUM, _I64, _I64, _P, _I64, _I64, _ENUM, _P, _I64,
                                  _I64, _P]),
    ("fl_stack_cholesky_solve", _ENUM, [_ENUM, _ENUM, _I64, _I64, _P, _I64, _I64, _ENUM, _I64,
                                        _P, _I64, _I64, _P, _I64, _I64, _P]),
    ("fl_stack_eigh", _ENUM, [_ENUM, _ENUM, _I64, _I64, _P, _I64, _I64, _ENUM, _P, _I64, _P,
                              _I64, _I64, _P]),
    ("fl_blas_info", _c.c_char_p, []),
    ("fl_blas_core", _c.c_char_p, []),
    ("fl_get_num_threads", _INT, []),
    ("fl_set_num_threads", _ENUM, [_INT]),
    ("fl_release_memory", _I64, []),
]


def _declare():
    missing = []
    for name, restype, argtypes in _PROTOTYPES:
        try:
            fn = getattr(lib, name)
        except AttributeError:
            missing.append(name)
            continue
        fn.restype = restype
        fn.argtypes = argtypes
    if missing:
        raise ImportError(f"fastlinalg: {lib._name} lacks {', '.join(missing)}: "
                          "not a compatible libfastlinalg")


_declare()


def _check_version(lib):
    number = lib.fl_version_number()
    text = lib.fl_version().decode("ascii", "replace")
    major, minor = number // 10000, (number // 100) % 100
    ok = major == EXPECTED_MAJOR and (minor == EXPECTED_MINOR if major == 0
                                      else minor >= EXPECTED_MINOR)
    if not ok:
        raise ImportError(
            f"fastlinalg: the library {lib._name} is version {text} ({number}), but this package "
            f"needs {EXPECTED_MAJOR}.{EXPECTED_MINOR}.x; point FASTLINALG_LIBRARY at a matching "
            "build")
    return text


library_version_string = _check_version(lib)


def last_error():
    """This thread's fl_last_error() as str."""
    return lib.fl_last_error().decode("utf-8", "replace")


def status_string(status):
    return lib.fl_status_string(status).decode("utf-8", "replace")
