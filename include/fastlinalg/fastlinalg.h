/** @file
 * fastlinalg — factor once, solve many times, at BLAS-3 speed.
 *
 * The one public header of libfastlinalg. C99 and C++ compatible; it declares only
 * `fl_*` functions, `fl_*` types and `FL_*` constants.
 *
 * Conventions that hold for every function below:
 *
 *  - Errors are values. Every fallible function returns an fl_status; FL_OK is 0.
 *    fl_last_error() then holds a message naming the argument and the value that was
 *    wrong. The library never prints, aborts or exits, and no C++ exception crosses
 *    this boundary.
 *  - Matrices cross the boundary as a dtype, a layout, rows, cols, a leading dimension
 *    and a pointer. For FL_COL_MAJOR, element (i, j) is at p[i + j*ld] and ld >= rows;
 *    for FL_ROW_MAJOR it is at p[i*ld + j] and ld >= cols (ld >= 1 always). A pointer
 *    may be NULL only when the matrix has no elements.
 *  - Sizes are int64_t. Negative sizes, products that overflow, and sizes beyond the
 *    32-bit integers of the LAPACK underneath are reported, never truncated.
 *  - Handles are opaque. A destroy function accepts NULL and does nothing.
 *  - A factor handle never changes after it is built: any number of threads may use one
 *    handle at once (solve, query, inverse) without locking.
 *  - Options that may grow are set on an fl_options handle through fl_options_set_int;
 *    new options are new enum values, never new struct fields.
 *
 * A three-line example (A is n-by-n, B is n-by-k, both row-major doubles):
 *
 *     fl_factor *lu = NULL;
 *     if (fl_factor_create(&lu, FL_FACTOR_LU, FL_FLOAT64, FL_ROW_MAJOR, n, n, A, n, NULL) == FL_OK)
 *         fl_factor_solve(lu, FL_NO_TRANS, FL_FLOAT64, k, FL_ROW_MAJOR, B, k, FL_ROW_MAJOR, X, k);
 *     fl_factor_destroy(lu);
 */
#ifndef FASTLINALG_H
#define FASTLINALG_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------------------------ */
/* Export and version                                                                           */
/* ------------------------------------------------------------------------------------------ */

/** Marks the exported functions: the default visibility (a DLL export on Windows). */
#if defined(_WIN32) && defined(FL_BUILDING_LIBRARY)
#define FL_API __declspec(dllexport)
#elif defined(__GNUC__) || defined(__clang__)
#define FL_API __attribute__((visibility("default")))
#else
#define FL_API
#endif

/** Every fl_* enum is an int in C. C++ is told so explicitly, so that any int a C caller
 * passes is a valid value there too (and gets FL_ERR_INVALID_ARGUMENT, not undefined
 * behaviour, when it names no enumerator). */
#ifdef __cplusplus
#define FL_ENUM_TYPE : int
#else
#define FL_ENUM_TYPE
#endif

/** The major version of this header: a change breaks the ABI (and the SONAME). */
#define FL_VERSION_MAJOR 0
/** The minor version of this header: during 0.x a change may break the ABI (README.md,
 * "Versions and ABI"). */
#define FL_VERSION_MINOR 1
/** The patch version of this header: fixes only, never an ABI change. */
#define FL_VERSION_PATCH 0
/** One number that compares in order: major * 10000 + minor * 100 + patch. */
#define FL_VERSION_NUMBER (FL_VERSION_MAJOR * 10000 + FL_VERSION_MINOR * 100 + FL_VERSION_PATCH)

/** The version of the library actually loaded, as "MAJOR.MINOR.PATCH". Compare it with
 * FL_VERSION_NUMBER to detect a header/library mismatch. Never NULL.
 *
 * @return a static string, never NULL */
FL_API const char *fl_version(void);
/** The same version as FL_VERSION_NUMBER computes it.
 *
 * @return major * 10000 + minor * 100 + patch of the loaded library */
FL_API int fl_version_number(void);

/* ------------------------------------------------------------------------------------------ */
/* Status and errors                                                                            */
/* ------------------------------------------------------------------------------------------ */

/** What a fallible function reports. The values are part of the ABI and never change; new
 * codes are appended. */
typedef enum fl_status FL_ENUM_TYPE {
    FL_OK = 0,                       /**< success */
    FL_ERR_INVALID_ARGUMENT = 1,     /**< a NULL pointer, a negative size, a bad enum, ld too small */
    FL_ERR_DIMENSION_MISMATCH = 2,   /**< shapes that do not fit together (B's rows vs A's order) */
    FL_ERR_DTYPE_MISMATCH = 3,       /**< a matrix's dtype differs from the factor's */
    FL_ERR_SINGULAR = 4,             /**< an exactly zero pivot (LU, LDL^T) or diagonal of R (QR), named */
    FL_ERR_NOT_POSITIVE_DEFINITE = 5,/**< Cholesky: a leading minor is not positive definite */
    FL_ERR_NON_FINITE = 6,           /**< NaN or Inf in the input (see FL_OPT_CHECK_FINITE) */
    FL_ERR_TOO_LARGE = 7,            /**< a size beyond int64 or LAPACK's 32-bit integers */
    FL_ERR_OUT_OF_MEMORY = 8,        /**< an allocation failed */
    FL_ERR_UNSUPPORTED = 9,          /**< a valid request this kind of factor cannot answer */
    FL_ERR_INTERNAL = 10,            /**< a bug in fastlinalg or underneath: please report it */
    /** an iterative LAPACK routine did not converge on this (finite) matrix: the symmetric
     *  eigensolver (syevd), or the SVD (gesdd and then gesvd); numpy's and scipy's
     *  "did not converge" LinAlgError. Seen on matrices whose entries span most of the
     *  exponent range; scaling A may help. */
    FL_ERR_NO_CONVERGENCE = 11
} fl_status;

/* A failed call leaves its outputs untouched: nothing is written through an output pointer
 * (X of a solve, out of a product, bins, counts, sizes, ...) and no handle changes, unless
 * the call returns FL_OK. The one exception is the handle a create function makes
 * (*factor, *sparse, *kernel, *options, ...), which is set to NULL on failure. This holds
 * for failures found late too (a NaN in the last element, a bad last label), because every
 * input is checked before the first output is written. */

/** A static, human-readable name of a status ("singular matrix"). Never NULL: unknown
 * values give "unknown status".
 *
 * @param status any value, valid or not
 * @return a static string, never NULL */
FL_API const char *fl_status_string(fl_status status);

/** The message of the last fastlinalg call on this thread that returned a status: empty
 * after FL_OK, else what was wrong and with which argument, e.g.
 * "fl_factor_create: lda = 3 is smaller than cols = 5 (row-major a)". The pointer is
 * thread-local and valid until this thread's next fastlinalg call. Never NULL.
 *
 * @return a thread-local string, never NULL */
FL_API const char *fl_last_error(void);

/* ------------------------------------------------------------------------------------------ */
/* Matrix description                                                                           */
/* ------------------------------------------------------------------------------------------ */

/** The element type of the matrices passed. */
typedef enum fl_dtype FL_ENUM_TYPE {
    FL_FLOAT32 = 1,   /**< float */
    FL_FLOAT64 = 2,   /**< double */
    FL_COMPLEX64 = 3, /**< float _Complex: (re, im) float pairs, see "Complex matrices" */
    FL_COMPLEX128 = 4 /**< double _Complex: (re, im) double pairs */
} fl_dtype;

/** How a matrix lies in memory (see the conventions at the top). */
typedef enum fl_layout FL_ENUM_TYPE {
    FL_ROW_MAJOR = 1, /**< C, numpy, Rust, Go: element (i, j) at p[i*ld + j] */
    FL_COL_MAJOR = 2  /**< Fortran, Julia, LAPACK: element (i, j) at p[i + j*ld] */
} fl_layout;

/** Whether an operation uses a matrix or its transpose. */
typedef enum fl_transpose FL_ENUM_TYPE {
    FL_NO_TRANS = 1,  /**< solve A X = B */
    FL_TRANS = 2,     /**< solve A^T X = B */
    FL_CONJ_TRANS = 3 /**< solve A^H X = B (the same as FL_TRANS for a real dtype) */
} fl_transpose;

/** Which triangle of a symmetric matrix is read (FL_OPT_TRIANGLE). */
typedef enum fl_triangle FL_ENUM_TYPE {
    FL_LOWER = 1, /**< the lower triangle, diagonal included */
    FL_UPPER = 2  /**< the upper triangle, diagonal included */
} fl_triangle;

/* ------------------------------------------------------------------------------------------ */
/* Options                                                                                      */
/* ------------------------------------------------------------------------------------------ */

/** An options handle. Passing NULL wherever options are taken means "all defaults". */
typedef struct fl_options fl_options;

/** The options an fl_options handle holds. */
typedef enum fl_option FL_ENUM_TYPE {
    /** 1 (default): reject NaN and Inf in the input with FL_ERR_NON_FINITE, naming the
     * first such element: in A when a factor is made, and afterwards in every matrix the
     * factor is applied to (B of fl_factor_solve, fl_factor_solve_shifted and
     * fl_factor_residual_norms, C of fl_factor_apply_q, Y and W of the products with A^-1),
     * at O(size of that matrix), a small part of the O(n) times larger solve or product.
     * 0: skip these checks, like scipy's check_finite=False; the results for non-finite
     * input are then whatever LAPACK makes of them, and the call still returns. SVD and
     * EIGH check A whatever this says: their iterative LAPACK drivers (gesdd, gesvd,
     * syevd) may never return on NaN/Inf. */
    FL_OPT_CHECK_FINITE = 1,
    /** Cholesky, LDL^T, symmetric eigen: which triangle of A is read, FL_LOWER (default)
     * or FL_UPPER, in the caller's layout. The other triangle is never read. */
    FL_OPT_TRIANGLE = 2,
    /** Real. The relative tolerance of rank decisions (COD, SVD, symmetric eigen): values
     * (singular values, |eigenvalues|, |R's diagonal|) at or below
     * max(FL_OPT_ATOL, FL_OPT_RTOL * largest) count as zero. Default -1, meaning
     * max(rows, cols) * epsilon of the dtype: numpy's matrix_rank and scipy's pinv default.
     * Set it in [0, 1). */
    FL_OPT_RTOL = 3,
    /** Real. The absolute tolerance of rank decisions, >= 0. Default 0. */
    FL_OPT_ATOL = 4,
    /** FL_PRECISION_NATIVE (default) or FL_PRECISION_MIXED: a float64 LU or Cholesky
     *  factor held in float32 and refined to float64 at every solve (see "Large matrices"
     *  below and fl_factor_get_info). */
    FL_OPT_PRECISION = 5,
    /** 0 (default) or 1: A's own memory may become the factor's storage (scipy's
     *  overwrite_a), so that no copy of A is made. See "Large matrices" below for the
     *  kinds that use it and the lifetime rule. */
    FL_OPT_OVERWRITE_A = 6,
    /** FL_STORAGE_FULL (default), FL_STORAGE_RFP or FL_STORAGE_RFP_INPUT: Cholesky in
     *  rectangular full packed storage, half the memory (see "Large matrices" below). */
    FL_OPT_STORAGE = 7,
    /** LU: 0 (default): an exactly zero pivot fails fl_factor_create with FL_ERR_SINGULAR.
     * 1: the factor is kept, as LAPACK and scipy's lu_factor keep it: its parts read as
     * usual, fl_factor_logdet gives sign 0 and log|det| -inf (numpy's slogdet), rcond is 0,
     * and solves, inverses and the products with A^-1 fail with FL_ERR_SINGULAR naming the
     * first zero pivot U[k, k] (1-based, of A in the caller's layout). A rectangular LU,
     * which has no solves, always keeps its factor, as scipy.linalg.lu does. LDL^T: the same for
     * an exactly zero D[k, k] of sytrf/hetrf (scipy.linalg.ldl returns that factor too);
     * fl_factor_inertia counts it as a zero eigenvalue. */
    FL_OPT_ALLOW_SINGULAR = 20,
    /** LDL^T of a complex A: 0 (default): A is Hermitian (A^H = A, the FL_OPT_TRIANGLE
     * triangle read, the imaginary parts of its diagonal ignored) and factored as
     * P A P^T = L D L^H (LAPACK hetrf), as complex Cholesky and EIGH read A. 1: A is complex
     * symmetric (A^T = A, not conjugated) and factored as P A P^T = L D L^T (sytrf); its
     * determinant has a complex phase (fl_factor_logdet_complex) and it has no inertia. A
     * real A is both, and either value gives the same factor. Only FL_FACTOR_LDLT reads it:
     * 1 with another kind is FL_ERR_UNSUPPORTED. */
    FL_OPT_COMPLEX_SYMMETRIC = 21
} fl_option;

/** Creates an options handle holding every default. *options is NULL on failure.
 *
 * @param options receives the new handle, which the caller releases with fl_options_destroy
 * @return FL_OK, or the status of the first problem found, named with its argument and
 *     value by fl_last_error() */
FL_API fl_status fl_options_create(fl_options **options);
/** Frees an options handle.
 *
 * @param options the handle to free, or NULL */
FL_API void fl_options_destroy(fl_options *options);
/** Sets one option. An unknown option or a value outside its range gives
 * FL_ERR_INVALID_ARGUMENT and leaves the handle unchanged.
 *
 * @param options the handle to change
 * @param option which option
 * @param value its new value
 * @return FL_OK, or the status of the first problem found, named with its argument and
 *     value by fl_last_error() */
FL_API fl_status fl_options_set_int(fl_options *options, fl_option option, int64_t value);
/** Reads one integer option.
 *
 * @param options the handle to read
 * @param option which option
 * @param value receives its value
 * @return FL_OK, or the status of the first problem found, named with its argument and
 *     value by fl_last_error() */
FL_API fl_status fl_options_get_int(const fl_options *options, fl_option option, int64_t *value);
/** The same for the real-valued options (FL_OPT_RTOL, FL_OPT_ATOL). Setting an integer
 * option through these, or a real one through the _int pair, is FL_ERR_INVALID_ARGUMENT.
 *
 * @param options the handle to change
 * @param option FL_OPT_RTOL or FL_OPT_ATOL
 * @param value its new value
 * @return FL_OK, or the status of the first problem found, named with its argument and
 *     value by fl_last_error() */
FL_API fl_status fl_options_set_real(fl_options *options, fl_option option, double value);
/** Reads one real option (FL_OPT_RTOL, FL_OPT_ATOL).
 *
 * @param options the handle to read
 * @param option FL_OPT_RTOL or FL_OPT_ATOL
 * @param value receives its value
 * @return FL_OK, or the status of the first problem found, named with its argument and
 *     value by fl_last_error() */
FL_API fl_status fl_options_get_real(const fl_options *options, fl_option option, double *value);

/* ------------------------------------------------------------------------------------------ */
/* Factorizations                                                                               */
/* ------------------------------------------------------------------------------------------ */

/** A factorization of one matrix A. Immutable once built; safe to share between threads. */
typedef struct fl_factor fl_factor;

/** The factorizations. The values are part of the ABI; later kinds are appended. */
typedef enum fl_factor_kind FL_ENUM_TYPE {
    /** P A = L U with partial pivoting (LAPACK getrf). A square A solves; an m-by-n A with
     * m != n has its parts only (L m-by-min(m,n), U min(m,n)-by-n, as scipy.linalg.lu), and
     * its other queries give FL_ERR_UNSUPPORTED naming "a rectangular LU (m x n)". */
    FL_FACTOR_LU = 1,
    FL_FACTOR_CHOLESKY = 2, /**< A = L L^T, A symmetric positive definite (LAPACK potrf) */
    FL_FACTOR_LDLT = 3,     /**< P A P^T = L D L^T, Bunch-Kaufman (LAPACK sytrf); A symmetric
                                 (L D L^H of a Hermitian complex A, hetrf) */
    FL_FACTOR_QR = 4,       /**< A = Q R, Householder (LAPACK geqrf); rows >= cols, full rank */
    FL_FACTOR_COD = 5,      /**< A P = Q [T 0; 0 0] Z (geqp3 + tzrzf): any shape and rank */
    FL_FACTOR_SVD = 6,      /**< A = U diag(s) V^T, thin, divide and conquer (gesdd), any shape */
    FL_FACTOR_EIGH = 7,     /**< A = V diag(w) V^T, A symmetric (syevd); V^H, Hermitian (heevd) */
    /** Only as a request to fl_factor_create: picks one of the above as Julia's factorize
     * does, and fl_factor_get_kind reports which. Exactly symmetric with a positive
     * diagonal: Cholesky, falling back to LDL^T; other symmetric: LDL^T; other square: LU;
     * LU or LDL^T meeting an exactly zero pivot falls back to COD; tall: QR, or COD when
     * R's rcond is at or below the rank tolerance; wide: COD. */
    FL_FACTOR_AUTO = 8,
    /* Sparse kinds, made from an fl_sparse by fl_factor_create_sparse (SuiteSparse): */
    FL_FACTOR_SPARSE_CHOLESKY = 9, /**< P A P^T = L L^T (or L D L^T), CHOLMOD; A s.p.d. */
    FL_FACTOR_SPARSE_LU = 10,      /**< P R A Q = L U, UMFPACK; A square */
    FL_FACTOR_SPARSE_QR = 11       /**< A E = Q R, SPQR; any shape, rank-revealing */
} fl_factor_kind;

/** Factors the rows-by-cols matrix A (dtype, layout, lda as described above) and stores
 * *factor, which the caller releases with fl_factor_destroy. A itself is only read and
 * is copied exactly once, into the factor (not at all with FL_OPT_OVERWRITE_A, see
 * "Large matrices"). LU copies a row-major A transposed, so that its parts, pivots and
 * messages are those of A itself; the other kinds take a row-major A as it lies in memory
 * where their algorithm allows, with no transposed copy.
 *
 * Returns FL_ERR_SINGULAR (LU of a square A, LDL^T: an exactly zero pivot) or
 * FL_ERR_NOT_POSITIVE_DEFINITE (Cholesky) with the offending pivot or minor, 1-based, in
 * the message; FL_ERR_NON_FINITE for NaN/Inf unless FL_OPT_CHECK_FINITE is 0 (SVD and
 * EIGH: always);
 * FL_ERR_INVALID_ARGUMENT if A's shape does not suit the kind (square for Cholesky,
 * LDL^T and EIGH; rows >= cols for QR; any for LU, whose rectangular factor has no
 * solves); FL_ERR_SINGULAR from QR if R has an exactly zero diagonal element (use COD or
 * SVD for rank-deficient A); FL_ERR_NO_CONVERGENCE naming the driver if an SVD or eigen
 * iteration fails to converge (SVD first retries with LAPACK's gesvd).
 * Empty matrices are valid: a 0-by-0 determinant is 1 and solves return empty results.
 * *factor is NULL on any failure. Cost: (2/3) n^3 flops (LU), (1/3) n^3 (Cholesky,
 * LDL^T), 2 m n^2 - (2/3) n^3 (QR), a few times more for COD, SVD and EIGH.
 *
 * @param factor receives the new factor; NULL on failure
 * @param kind the factorization to compute (fl_factor_kind; not a sparse kind)
 * @param dtype the element type of A, which the factor keeps
 * @param layout A's layout
 * @param rows the number of rows of A (>= 0)
 * @param cols the number of columns of A (>= 0)
 * @param a A's elements (read only)
 * @param lda A's leading dimension
 * @param options FL_OPT_CHECK_FINITE, FL_OPT_TRIANGLE, FL_OPT_RTOL, FL_OPT_ATOL, or NULL
 *     for the defaults
 * @return FL_OK, or the status of the first problem found, named with its argument and
 *     value by fl_last_error() */
FL_API fl_status fl_factor_create(fl_factor **factor, fl_factor_kind kind, fl_dtype dtype,
                                  fl_layout layout, int64_t rows, int64_t cols, const void *a,
                                  int64_t lda, const fl_options *options);
/** Frees a factor. NULL is a no-op. Its storage, when 64 KiB or more, is kept for the next
 * factor or product of about the same size (see fl_release_memory).
 *
 * @param factor the factor to free, or NULL */
FL_API void fl_factor_destroy(fl_factor *factor);

/** What a handle holds. For a NULL handle these return 0 and set fl_last_error.
 *
 * @param factor the factor (not NULL)
 * @return the kind (the one chosen, for FL_FACTOR_AUTO), or 0 for NULL */
FL_API fl_factor_kind fl_factor_get_kind(const fl_factor *factor);
/** The dtype the factor holds (and takes in every call). For a NULL handle: 0, and fl_last_error
 * is set.
 *
 * @param factor the factor (not NULL)
 * @return FL_FLOAT32 or FL_FLOAT64, or 0 for NULL */
FL_API fl_dtype fl_factor_get_dtype(const fl_factor *factor);
/** The number of rows of the factored A. For a NULL handle: 0, and fl_last_error is set.
 *
 * @param factor the factor (not NULL)
 * @return rows of A, or 0 for NULL */
FL_API int64_t fl_factor_rows(const fl_factor *factor);
/** The number of columns of the factored A. For a NULL handle: 0, and fl_last_error is set.
 *
 * @param factor the factor (not NULL)
 * @return columns of A, or 0 for NULL */
FL_API int64_t fl_factor_cols(const fl_factor *factor);

/** Solves op(A) X = B for nrhs right-hand sides at once, op(A) = A or A^T (trans).
 * B has as many rows as op(A) and X as many as op(A) has columns (both n for square
 * kinds); each has nrhs columns, its own layout and leading dimension. X is written,
 * never read. dtype must be the factor's (else FL_ERR_DTYPE_MISMATCH).
 *
 * Square kinds (LU, Cholesky, LDL^T) solve exactly. QR gives the least-squares solution
 * (op = A) or the minimum-norm solution (op = A^T); COD and SVD give the minimum-norm
 * least-squares solution, with the rank decided by FL_OPT_RTOL/FL_OPT_ATOL, which is
 * the pseudo-inverse applied to B without forming it. EIGH applies the pseudo-inverse
 * of A the same way (eigenvalues within the tolerance count as zero).
 *
 * In place: pass x == b with the same layout and leading dimension (square kinds
 * only). Any other overlap of B and X is rejected. One call with many right-hand sides
 * is much faster than many calls with one: the work is BLAS-3. Cost: 2 n^2 nrhs flops
 * for square kinds. NaN/Inf in B is FL_ERR_NON_FINITE naming the element, unless the
 * factor was made with FL_OPT_CHECK_FINITE = 0 (then they propagate into X).
 *
 * @param factor the factor (not NULL)
 * @param trans FL_NO_TRANS (solve with A) or FL_TRANS (with A^T)
 * @param dtype the element type of the arrays passed: must be the factor's (else
 *     FL_ERR_DTYPE_MISMATCH)
 * @param nrhs the number of right-hand sides, the columns of B and X (>= 0)
 * @param b_layout the layout of B
 * @param b B's elements (read only)
 * @param ldb the leading dimension of B
 * @param x_layout the layout of X
 * @param x receives X's elements; may be b itself (see above)
 * @param ldx the leading dimension of X
 * @return FL_OK, or the status of the first problem found, named with its argument and
 *     value by fl_last_error() */
FL_API fl_status fl_factor_solve(const fl_factor *factor, fl_transpose trans, fl_dtype dtype,
                                 int64_t nrhs, fl_layout b_layout, const void *b, int64_t ldb,
                                 fl_layout x_layout, void *x, int64_t ldx);

/** det(A) = sign * exp(logabsdet), computed from the factor without overflow (log|det|
 * of a 5000-by-5000 matrix is fine). sign is +1 or -1 (always +1 for Cholesky), and 0
 * with logabsdet = -inf for a singular EIGH or LDL^T factor. For a 0-by-0 matrix:
 * sign = 1, logabsdet = 0. Either pointer may be NULL. LU, Cholesky, LDL^T and EIGH
 * only; FL_ERR_UNSUPPORTED for the others.
 *
 * @param factor the factor (not NULL)
 * @param sign receives the sign of det(A), or NULL
 * @param logabsdet receives log|det(A)|, or NULL
 * @return FL_OK, or the status of the first problem found, named with its argument and
 *     value by fl_last_error() */
FL_API fl_status fl_factor_logdet(const fl_factor *factor, double *sign, double *logabsdet);

/** The reciprocal condition number of A: 0 <= rcond <= 1 always, for every kind; small
 * means ill-conditioned. LU, Cholesky, LDL^T: LAPACK's estimate (gecon/pocon/sycon) of
 * 1 / (||A||_1 ||A^-1||_1), cost O(n^2). QR and COD: the same estimate for the triangular
 * factor R (or COD's leading T), which has A's singular values. SVD and EIGH: exactly
 * smallest / largest singular value (2-norm), 0 if A is singular. For an empty matrix
 * rcond is 1 (as in LAPACK). An estimate a rounding error above 1 is reported as 1. An
 * estimate that is not a number in [0, 1] is unknown and reported as 0: LAPACK computes
 * (1 / ||A^-1||) / ||A||, whose first quotient overflows to +Inf when ||A^-1|| is below
 * 1 / overflow (A with entries near the overflow threshold), and a factor made from NaN/Inf
 * with FL_OPT_CHECK_FINITE = 0 gives NaN. 0 is returned because it claims nothing: code
 * that trusts solves only above some rcond will not trust them, where a made-up 1 would
 * vouch for an accuracy nobody computed.
 *
 * @param factor the factor (not NULL)
 * @param rcond receives the reciprocal condition number, in [0, 1]
 * @return FL_OK, or the status of the first problem found, named with its argument and
 *     value by fl_last_error() */
FL_API fl_status fl_factor_rcond(const fl_factor *factor, double *rcond);

/** Writes A^-1 into inv (cols-by-rows of A) in the given layout. For QR, COD, SVD and
 * EIGH this is the Moore-Penrose pseudo-inverse A^+ (with the rank decided as for
 * solves). Prefer fl_factor_solve: forming the inverse costs more and is less accurate
 * than solving. Cost: (4/3) n^3 flops (LU), n^3 (Cholesky).
 *
 * @param factor the factor (not NULL)
 * @param dtype the element type of the arrays passed: must be the factor's (else
 *     FL_ERR_DTYPE_MISMATCH)
 * @param layout the layout of inv
 * @param inv receives the cols-by-rows (pseudo-)inverse
 * @param ld inv's leading dimension
 * @return FL_OK, or the status of the first problem found, named with its argument and
 *     value by fl_last_error() */
FL_API fl_status fl_factor_inverse(const fl_factor *factor, fl_dtype dtype, fl_layout layout,
                                   void *inv, int64_t ld);

/** The numerical rank: the number of singular values (SVD), |eigenvalues| (EIGH) or
 * |diagonal elements of COD's R| above max(FL_OPT_ATOL, FL_OPT_RTOL * largest).
 * FL_ERR_UNSUPPORTED for kinds that do not reveal rank (LU, Cholesky, LDL^T, QR).
 *
 * @param factor the factor (not NULL)
 * @param rank receives the numerical rank
 * @return FL_OK, or the status of the first problem found, named with its argument and
 *     value by fl_last_error() */
FL_API fl_status fl_factor_rank(const fl_factor *factor, int64_t *rank);

/** The inertia of a symmetric A: how many eigenvalues are positive, negative and zero
 * (LDL^T reads it from D, by Sylvester's law; EIGH counts eigenvalues within the rank
 * tolerance as zero; Cholesky: all positive). Any pointer may be NULL.
 *
 * @param factor the factor (not NULL)
 * @param positive receives the number of positive eigenvalues, or NULL
 * @param negative receives the number of negative eigenvalues, or NULL
 * @param zero receives the number of zero eigenvalues, or NULL
 * @return FL_OK, or the status of the first problem found, named with its argument and
 *     value by fl_last_error() */
FL_API fl_status fl_factor_inertia(const fl_factor *factor, int64_t *positive, int64_t *negative,
                                   int64_t *zero);

/** Parts of a factorization that can be copied out as matrices. */
typedef enum fl_factor_part FL_ENUM_TYPE {
    FL_PART_SINGULAR_VALUES = 1, /**< SVD: min(m,n)-by-1, descending; real for a complex factor */
    FL_PART_U = 2,               /**< SVD: m-by-min(m,n), the left singular vectors */
    FL_PART_VT = 3, /**< SVD: min(m,n)-by-n, V^T: the right singular vectors as rows; V^H
                         (conjugated) for a complex factor, so that A = U diag(s) V^H */
    FL_PART_EIGENVALUES = 4,     /**< EIGH: n-by-1, ascending; real for a complex factor */
    FL_PART_EIGENVECTORS = 5,    /**< EIGH: n-by-n, column j for eigenvalue j, orthonormal */
    FL_PART_Q = 6,               /**< QR: m-by-n, the thin Q with orthonormal columns */
    /** QR: n-by-n, upper triangular (zeros below). COD: the min(m,n)-by-n upper trapezoidal
     * R of the column-pivoted QR A[:, p] = Q R (geqp3; FL_PART_COLUMN_PERMUTATION gives p),
     * scipy.linalg.qr(a, pivoting=True, mode='economic')'s R. */
    FL_PART_R = 7,
    /** LU: the m-by-min(m,n) unit lower triangular L of A = P L U (ones on the diagonal,
     * zeros above). Cholesky: the n-by-n lower triangular L of A = L L^H (L L^T for a real A),
     * whichever triangle was read. LDL^T read from the lower triangle (FL_OPT_TRIANGLE): the
     * n-by-n unit lower triangular L of P A P^T = L D L^T (L D L^H for a complex Hermitian
     * A; FL_PART_ROW_PERMUTATION gives P, FL_PART_BLOCK_DIAGONAL D). Always of A as the
     * caller passed it, in either layout. */
    FL_PART_LOWER = 8,
    /** LU: the min(m,n)-by-n upper triangular U of A = P L U. Cholesky: U = L^H, the upper
     * triangular factor of A = U^H U. Zeros below the diagonal. LDL^T read from the upper
     * triangle: the n-by-n unit upper triangular U of P A P^T = U D U^T (U D U^H for a
     * complex Hermitian A), with its own D and P (scipy.linalg.ldl(a, lower=False)); such a
     * factor has no FL_PART_LOWER, and one read from the lower triangle no FL_PART_UPPER
     * (FL_ERR_UNSUPPORTED naming the part it has). */
    FL_PART_UPPER = 9,
    /** LU: an index part (read it with fl_factor_get_indices): m 0-based row indices p with
     * A[p[i], :] = (L U)[i, :], that is P^T A = L U. The permutation matrix P of A = P L U
     * (scipy.linalg.lu's P) has P[p[i], i] = 1. LDL^T: n 0-based indices p of the symmetric
     * permutation, (P A P^T)[i, j] = A[p[i], p[j]]; scipy.linalg.ldl's (lu, d, perm) are
     * lu[p[i], :] = L[i, :], d = D and perm = p. */
    FL_PART_ROW_PERMUTATION = 10,
    /** LU: the m-by-n matrix LAPACK's getrf leaves in place of A: U on and above the
     * diagonal, L's multipliers below it (scipy's lu_factor's lu). */
    FL_PART_LU_PACKED = 11,
    /** LU: an index part: getrf's min(m,n) 1-based row interchanges (row i of A was swapped
     * with row piv[i], for i = 1, 2, ... in turn); scipy's lu_factor piv is piv - 1. */
    FL_PART_PIVOTS = 12,
    /** LDL^T: the n-by-n block diagonal D of P A P^T = L D L^T (or U D U^T), symmetric
     * (Hermitian for a complex Hermitian A), with Bunch-Kaufman's 1-by-1 and 2-by-2 blocks
     * (zeros outside them). */
    FL_PART_BLOCK_DIAGONAL = 13,
    /** QR: the m-by-n matrix LAPACK's geqrf leaves in place of A: R on and above the
     * diagonal, the Householder vectors v_j (v_j[j] = 1 implied) below it; with
     * FL_PART_TAU, Q = H_1 ... H_n, H_j = I - tau_j v_j v_j^T (scipy.linalg.qr's
     * mode='raw' (qr, tau)). Of A in either layout. */
    FL_PART_REFLECTORS = 14,
    /** QR: n-by-1, the scalars tau_j of the reflectors in FL_PART_REFLECTORS. */
    FL_PART_TAU = 15,
    /** COD: an index part (fl_factor_get_indices): n 0-based column indices p of the
     * column-pivoted QR, A[:, p] = Q R (scipy.linalg.qr(a, pivoting=True)'s P). */
    FL_PART_COLUMN_PERMUTATION = 16
} fl_factor_part;

/** The shape of a part. FL_ERR_UNSUPPORTED if this kind of factor has no such part
 * ("an LU factor has no singular values").
 *
 * @param factor the factor (not NULL)
 * @param part which part
 * @param rows receives the part's rows
 * @param cols receives the part's columns
 * @return FL_OK, or the status of the first problem found, named with its argument and
 *     value by fl_last_error() */
FL_API fl_status fl_factor_part_shape(const fl_factor *factor, fl_factor_part part, int64_t *rows,
                                      int64_t *cols);
/** Copies a part into out (its shape as above) in the given layout.
 *
 * @param factor the factor (not NULL)
 * @param part which part
 * @param dtype the element type of out: the factor's, except for the real-valued parts
 *     (FL_PART_EIGENVALUES, FL_PART_SINGULAR_VALUES) of a complex factor, which are
 *     written as the real type of its precision, FL_FLOAT32 for FL_COMPLEX64 and
 *     FL_FLOAT64 for FL_COMPLEX128, as LAPACK returns them (else FL_ERR_DTYPE_MISMATCH)
 * @param layout the layout of out
 * @param out receives the part
 * @param ld out's leading dimension
 * @return FL_OK, or the status of the first problem found, named with its argument and
 *     value by fl_last_error() */
FL_API fl_status fl_factor_get_part(const fl_factor *factor, fl_factor_part part, fl_dtype dtype,
                                    fl_layout layout, void *out, int64_t ld);

/** QR, COD: C <- op(Q) C in place, for the full m-by-m orthogonal Q and an m-by-ncols C,
 * without forming Q (LAPACK ormqr).
 *
 * @param factor the factor (not NULL)
 * @param trans FL_NO_TRANS (C <- Q C) or FL_TRANS (C <- Q^T C)
 * @param dtype the element type of the arrays passed: must be the factor's (else
 *     FL_ERR_DTYPE_MISMATCH)
 * @param ncols the number of columns of C
 * @param layout the layout of C
 * @param c C's elements, overwritten by the product
 * @param ldc the leading dimension of C
 * @return FL_OK, or the status of the first problem found, named with its argument and
 *     value by fl_last_error() */
FL_API fl_status fl_factor_apply_q(const fl_factor *factor, fl_transpose trans, fl_dtype dtype,
                                   int64_t ncols, fl_layout layout, void *c, int64_t ldc);

/** QR, COD, SVD: the 2-norms of the least-squares residuals ||b_j - A x_j|| of the
 * nrhs columns of B (m-by-nrhs), without computing X. norms receives nrhs values of the
 * factor's dtype (for a complex factor, of the real type of its precision: float for
 * FL_COMPLEX64, double for FL_COMPLEX128), and may not overlap B.
 *
 * @param factor the factor (not NULL)
 * @param dtype the element type of the arrays passed: must be the factor's (else
 *     FL_ERR_DTYPE_MISMATCH)
 * @param nrhs the number of columns of B
 * @param b_layout the layout of B
 * @param b B's elements (m-by-nrhs, read only)
 * @param ldb the leading dimension of B
 * @param norms receives the nrhs residual norms
 * @return FL_OK, or the status of the first problem found, named with its argument and
 *     value by fl_last_error() */
FL_API fl_status fl_factor_residual_norms(const fl_factor *factor, fl_dtype dtype, int64_t nrhs,
                                          fl_layout b_layout, const void *b, int64_t ldb,
                                          void *norms);

/** EIGH: a ridge path in one call. For each of the nshifts values lambda_l, solves
 * (A + lambda_l I) X_l = B, n-by-nrhs, writing X_l at x + l * x_stride elements, each
 * in x_layout with ldx (x_stride must leave the X_l apart). Cost: 2 n^2 nrhs flops once,
 * then 2 n^2 nrhs per shift; no refactorization. FL_ERR_SINGULAR if some
 * lambda_l + eigenvalue is exactly 0; FL_ERR_NON_FINITE naming a shift that is NaN or
 * +-Inf (always checked: nshifts values cost nothing).
 *
 * @param factor the factor (not NULL)
 * @param dtype the element type of the arrays passed: must be the factor's (else
 *     FL_ERR_DTYPE_MISMATCH)
 * @param nshifts the number of shifts
 * @param shifts the nshifts values lambda_l
 * @param nrhs the number of columns of B and of each X_l
 * @param b_layout the layout of B
 * @param b B's elements (n-by-nrhs, read only)
 * @param ldb the leading dimension of B
 * @param x_layout the layout of every X_l
 * @param x receives the nshifts solutions X_l
 * @param ldx the leading dimension of every X_l
 * @param x_stride the distance, in elements, from X_l to X_(l+1)
 * @return FL_OK, or the status of the first problem found, named with its argument and
 *     value by fl_last_error() */
FL_API fl_status fl_factor_solve_shifted(const fl_factor *factor, fl_dtype dtype, int64_t nshifts,
                                         const double *shifts, int64_t nrhs, fl_layout b_layout,
                                         const void *b, int64_t ldb, fl_layout x_layout, void *x,
                                         int64_t ldx, int64_t x_stride);

/** Cholesky: a new factor of A + V V^T (sign = +1, update) or A - V V^T (sign = -1,
 * downdate) for V n-by-k, in O(n^2 k) flops without refactoring; the old handle is left
 * as it was. A downdate that would make the matrix lose positive definiteness gives
 * FL_ERR_NOT_POSITIVE_DEFINITE naming the column of V; NaN/Inf in V gives
 * FL_ERR_NON_FINITE. *updated is NULL on failure. The new factor's rcond uses an
 * estimate of ||A +- V V^T||_1 (Higham's estimator, O(n^2) per step), since the matrix
 * itself is never formed.
 *
 * @param updated receives the new factor; NULL on failure
 * @param factor the Cholesky factor of A (not changed)
 * @param sign +1 (update) or -1 (downdate)
 * @param dtype the element type of the arrays passed: must be the factor's (else
 *     FL_ERR_DTYPE_MISMATCH)
 * @param k the number of columns of V
 * @param layout the layout of V
 * @param v V's elements (n-by-k, read only)
 * @param ldv V's leading dimension
 * @return FL_OK, or the status of the first problem found, named with its argument and
 *     value by fl_last_error() */
FL_API fl_status fl_factor_rank_update(fl_factor **updated, const fl_factor *factor, int sign,
                                       fl_dtype dtype, int64_t k, fl_layout layout, const void *v,
                                       int64_t ldv);

/* ------------------------------------------------------------------------------------------ */
/* Generalized symmetric-definite eigenproblem                                                  */
/* ------------------------------------------------------------------------------------------ */

/** Solves the generalized eigenproblem of a symmetric A and a symmetric positive definite B
 * (LAPACK sygvd, divide and conquer) and stores *factor, which the caller releases with
 * fl_factor_destroy:
 *   itype 1: A v = w B v,   itype 2: A B v = w v,   itype 3: B A v = w v.
 * Both matrices are read from the same triangle (FL_OPT_TRIANGLE, lower by default) in the
 * same layout and copied; neither is changed. For FL_COMPLEX64/FL_COMPLEX128, A is Hermitian
 * and B Hermitian positive definite (LAPACK hegvd), V^T below reads V^H, the eigenvalues are
 * real (written as FL_FLOAT32/FL_FLOAT64, as EIGH's) and the determinant is read with
 * fl_factor_logdet_complex (its phase is +-1).
 *
 * The factor reports kind FL_FACTOR_EIGH and answers, for every itype:
 *  - FL_PART_EIGENVALUES: n-by-1, ascending;
 *  - FL_PART_EIGENVECTORS: n-by-n V, column j for eigenvalue j, normalised as LAPACK does:
 *    V^T B V = I for itypes 1 and 2, V^T B^-1 V = I for itype 3 (scipy.linalg.eigh(a, b,
 *    type=itype) returns the same V up to the sign of each column);
 *  - fl_factor_solve (and fl_factor_inverse and the products with A^-1): solves A X = B_rhs
 *    for the A given here, as X = V diag(1/w) V^T B_rhs (itypes 1 and 3) or
 *    (B V) diag(1/w) (B V)^T B_rhs (itype 2); eigenvalues with |w| at or below
 *    max(FL_OPT_ATOL, FL_OPT_RTOL * max|w|) are dropped, as EIGH does (for a singular A
 *    this is a generalized inverse, A X A = A, not the Moore-Penrose one);
 *  - fl_factor_logdet of A: log|det A| = sum log|w| + log det B (itype 1) or - log det B
 *    (itypes 2 and 3), sign = the product of the signs of w;
 *  - fl_factor_rank and fl_factor_inertia of A (A is congruent to diag(w));
 *  - fl_factor_solve_shifted, itype 1 only: X_l = (A + shifts[l] B)^-1 B_rhs, the generalized
 *    ridge path, at two GEMMs per shift (FL_ERR_UNSUPPORTED for itypes 2 and 3).
 * fl_factor_rcond (the generalized eigenvalues do not give A's condition) and
 * fl_factor_serialize give FL_ERR_UNSUPPORTED.
 *
 * Returns FL_ERR_INVALID_ARGUMENT for itype outside 1 to 3 and for a bad n, lda or ldb
 * (named); FL_ERR_UNSUPPORTED for FL_OPT_PRECISION = FL_PRECISION_MIXED
 * and FL_OPT_STORAGE other than FL_STORAGE_FULL; FL_ERR_NON_FINITE naming a or b for NaN/Inf
 * in the triangle read (always checked: the iteration may not end on them);
 * FL_ERR_NOT_POSITIVE_DEFINITE naming b and the order of its first leading minor that is
 * not positive; FL_ERR_NO_CONVERGENCE if the eigen iteration fails. *factor is NULL on any
 * failure. n = 0 is valid. Cost: about 14 n^3 flops (sygvd with vectors; itype 2 adds a
 * symmetric product, 2 n^3).
 *
 * @param factor receives the new factor; NULL on failure
 * @param itype the problem: 1 (A v = w B v), 2 (A B v = w v) or 3 (B A v = w v)
 * @param dtype FL_FLOAT32, FL_FLOAT64, FL_COMPLEX64 or FL_COMPLEX128, the element type of A
 *     and B
 * @param layout the layout of both A and B
 * @param n the order of A and B (>= 0)
 * @param a A's elements (n-by-n, symmetric, read only)
 * @param lda A's leading dimension
 * @param b B's elements (n-by-n, symmetric positive definite, read only)
 * @param ldb B's leading dimension
 * @param options FL_OPT_TRIANGLE, FL_OPT_RTOL, FL_OPT_ATOL, or NULL for the defaults
 * @return FL_OK, or the status of the first problem found, named with its argument and
 *     value by fl_last_error() */
FL_API fl_status fl_factor_create_generalized_eigh(fl_factor **factor, int itype, fl_dtype dtype,
                                                   fl_layout layout, int64_t n, const void *a,
                                                   int64_t lda, const void *b, int64_t ldb,
                                                   const fl_options *options);

/* ------------------------------------------------------------------------------------------ */
/* Saving and loading factors                                                                   */
/* ------------------------------------------------------------------------------------------ */

/* A factorization that took minutes is kept as bytes in a caller's buffer and rebuilt in
 * another process (or on another machine of the same byte order) without factoring again.
 * Buffers, not files, cross this boundary: every language can hand one over, and writing it
 * to a file, a database or a socket is one call of the caller's own I/O. The format is
 * versioned and checked (magic, format version, library version, kind, dtype, shape, byte
 * order, payload size, checksum); docs/save_load.md describes it. Every dense kind can be
 * saved; the sparse kinds give FL_ERR_UNSUPPORTED. */

/** The number of bytes fl_factor_serialize writes for a factor.
 *
 * Costs no copy: the factor's fields are counted, not written. The size is about the
 * factor's own memory (n^2 values for LU, Cholesky, LDL^T, EIGH; m n for QR, COD; (max(m, n)
 * + min(m, n) + 1) min(m, n) for SVD) plus 64 bytes.
 *
 * @param factor  the factor to measure
 * @param size    receives the size in bytes (0 on failure)
 * @return FL_OK; FL_ERR_INVALID_ARGUMENT for a NULL pointer; FL_ERR_UNSUPPORTED for a
 *         sparse kind, which cannot be saved
 */
FL_API fl_status fl_factor_serialized_size(const fl_factor *factor, int64_t *size);

/** Writes a factor's serialized form into a caller's buffer.
 *
 * The first fl_factor_serialized_size() bytes of buffer are written; the rest are left as
 * they are. The bytes depend only on the factor and the library version (no pointers, no
 * time), so saving one factor twice gives the same bytes.
 *
 * @param factor  the factor to save
 * @param buffer  where the bytes go
 * @param size    the bytes available at buffer, at least fl_factor_serialized_size()'s
 * @return FL_OK; FL_ERR_INVALID_ARGUMENT for a NULL pointer or a size too small (the
 *         message says how many bytes are needed); FL_ERR_UNSUPPORTED for a sparse kind
 */
FL_API fl_status fl_factor_serialize(const fl_factor *factor, void *buffer, int64_t size);

/** Rebuilds a factor from bytes written by fl_factor_serialize, in this or another process.
 *
 * The result answers every query as the saved factor did, with the same results to the
 * last bit (QR may take the other of its two solve paths, which agree to rounding). Before
 * anything is built the whole buffer is checked: its magic, format version, byte order,
 * size against the payload size it announces, and checksum, then every field against the
 * factor's shape (pivots, rank, permutation). The buffer is only read; the factor keeps
 * no pointer into it.
 *
 * @param factor  receives the new factor, which the caller releases with
 *                fl_factor_destroy; NULL on failure
 * @param buffer  the serialized bytes
 * @param size    the number of bytes at buffer: exactly what fl_factor_serialize wrote
 * @return FL_OK; FL_ERR_INVALID_ARGUMENT for a NULL pointer, a negative size, or bytes that
 *         are not a whole, intact serialized factor (truncated, padded, corrupted, not
 *         fastlinalg's), the message saying which; FL_ERR_UNSUPPORTED for a format version
 *         this library does not read or bytes written on a machine of the other byte
 *         order; FL_ERR_OUT_OF_MEMORY
 */
FL_API fl_status fl_factor_deserialize(fl_factor **factor, const void *buffer, int64_t size);

/* ------------------------------------------------------------------------------------------ */
/* Index parts of a factorization                                                               */
/* ------------------------------------------------------------------------------------------ */

/** Copies an index part (FL_PART_ROW_PERMUTATION, FL_PART_PIVOTS) of a factor into out.
 * Indices are exact integers, so they have their own entry point rather than a matrix of
 * the factor's dtype. fl_factor_part_shape gives their count as rows (cols is 1). A matrix
 * part here, or an index part in fl_factor_get_part, is FL_ERR_INVALID_ARGUMENT.
 *
 * @param factor the factor (not NULL)
 * @param part FL_PART_ROW_PERMUTATION or FL_PART_PIVOTS
 * @param out receives count indices (not NULL unless count is 0)
 * @param count the number of elements of out: must be the part's rows
 * @return FL_OK, FL_ERR_UNSUPPORTED if this kind of factor has no such part, or the status
 *     of the first problem found, named with its argument and value by fl_last_error() */
FL_API fl_status fl_factor_get_indices(const fl_factor *factor, fl_factor_part part, int64_t *out,
                                       int64_t count);

/* ------------------------------------------------------------------------------------------ */
/* Products with the inverse of a factored matrix                                              */
/* ------------------------------------------------------------------------------------------ */

/* Each of these is a product with A^-1 that numpy code computes by forming inv(A) first.
 * None of them forms A^-1. They take a factor of a square n-by-n A of any kind; for QR,
 * COD, SVD and EIGH, A^-1 means the pseudo-inverse exactly as fl_factor_solve applies it.
 * A factor of a non-square A gives FL_ERR_UNSUPPORTED. Y and W are n-by-k and n-by-p
 * matrices in either layout; dtype must be the factor's. NaN/Inf in Y or W is
 * FL_ERR_NON_FINITE naming the element, unless the factor was made with
 * FL_OPT_CHECK_FINITE = 0 (they then propagate, as in fl_factor_solve). Outputs may not
 * overlap inputs.
 *
 * For a Cholesky factor A = L L^T they take the cheapest route: with Z = L^-1 Y (one
 * triangular solve, n^2 k flops), Y^T A^-1 Y = Z^T Z is one symmetric rank-k update
 * (n k^2 flops), exactly symmetric; Mahalanobis norms are ||L^-1 y_j||^2 (n^2 k);
 * diag(A^-1) comes from the column norms of L^-1 (n^3 / 3) and trace(A^-1 Y) from
 * L^-1 and one triangular product (4 n^3 / 3). Other kinds solve with A (2 n^2 per
 * column for LU). With k = 0 (or p = 0) nothing is read or written; for n = 0 the
 * matrices and vectors written are zero and the trace is 0.
 *
 * Memory: scratch blocks from 64 KiB up are kept after the call for the next one of about
 * the same size, as a destroyed factor's storage is (see fl_release_memory). */

/** out = Y^T A^-1 Y, k-by-k. Exactly symmetric for the symmetric kinds (Cholesky, LDL^T,
 * EIGH).
 *
 * @param factor the factor (not NULL)
 * @param dtype the element type of the arrays passed: must be the factor's (else
 *     FL_ERR_DTYPE_MISMATCH)
 * @param k the number of columns of Y
 * @param y_layout the layout of Y
 * @param y Y's elements (n-by-k)
 * @param ldy the leading dimension of Y
 * @param out_layout the layout of out
 * @param out receives the k-by-k result
 * @param ldout the leading dimension of out
 * @return FL_OK, or the status of the first problem found, named with its argument and
 *     value by fl_last_error() */
FL_API fl_status fl_factor_quadratic_form(const fl_factor *factor, fl_dtype dtype, int64_t k,
                                          fl_layout y_layout, const void *y, int64_t ldy,
                                          fl_layout out_layout, void *out, int64_t ldout);
/** out = Y^T A^-1 W, k-by-p.
 *
 * @param factor the factor (not NULL)
 * @param dtype the element type of the arrays passed: must be the factor's (else
 *     FL_ERR_DTYPE_MISMATCH)
 * @param k the number of columns of Y
 * @param y_layout the layout of Y
 * @param y Y's elements (n-by-k)
 * @param ldy the leading dimension of Y
 * @param p the number of columns of W
 * @param w_layout the layout of W
 * @param w W's elements (n-by-p)
 * @param ldw the leading dimension of W
 * @param out_layout the layout of out
 * @param out receives the k-by-p result
 * @param ldout the leading dimension of out
 * @return FL_OK, or the status of the first problem found, named with its argument and
 *     value by fl_last_error() */
FL_API fl_status fl_factor_bilinear_form(const fl_factor *factor, fl_dtype dtype, int64_t k,
                                         fl_layout y_layout, const void *y, int64_t ldy,
                                         int64_t p, fl_layout w_layout, const void *w,
                                         int64_t ldw, fl_layout out_layout, void *out,
                                         int64_t ldout);
/** out = A^-1 Y A^-1 for an n-by-n Y (the "sandwich" of covariance propagation).
 *
 * @param factor the factor (not NULL)
 * @param dtype the element type of the arrays passed: must be the factor's (else
 *     FL_ERR_DTYPE_MISMATCH)
 * @param y_layout the layout of Y
 * @param y Y's elements (n-by-n)
 * @param ldy the leading dimension of Y
 * @param out_layout the layout of out
 * @param out receives the n-by-n result
 * @param ldout the leading dimension of out
 * @return FL_OK, or the status of the first problem found, named with its argument and
 *     value by fl_last_error() */
FL_API fl_status fl_factor_sandwich(const fl_factor *factor, fl_dtype dtype, fl_layout y_layout,
                                    const void *y, int64_t ldy, fl_layout out_layout, void *out,
                                    int64_t ldout);
/** *trace = trace(A^-1 Y) for an n-by-n Y, accumulated in double.
 *
 * @param factor the factor (not NULL)
 * @param dtype the element type of the arrays passed: must be the factor's (else
 *     FL_ERR_DTYPE_MISMATCH)
 * @param y_layout the layout of Y
 * @param y Y's elements (n-by-n)
 * @param ldy the leading dimension of Y
 * @param trace receives trace(A^-1 Y)
 * @return FL_OK, or the status of the first problem found, named with its argument and
 *     value by fl_last_error() */
FL_API fl_status fl_factor_trace_solve(const fl_factor *factor, fl_dtype dtype, fl_layout y_layout,
                                       const void *y, int64_t ldy, double *trace);
/** diag receives the n diagonal elements of A^-1 (of the factor's dtype).
 *
 * @param factor the factor (not NULL)
 * @param dtype the element type of the arrays passed: must be the factor's (else
 *     FL_ERR_DTYPE_MISMATCH)
 * @param diag receives the n diagonal elements
 * @return FL_OK, or the status of the first problem found, named with its argument and
 *     value by fl_last_error() */
FL_API fl_status fl_factor_inverse_diagonal(const fl_factor *factor, fl_dtype dtype, void *diag);
/** out[j] = y_j^T A^-1 y_j for the k columns y_j of Y (n-by-k): squared Mahalanobis norms
 * when A is a covariance. k vectors stored as the rows of a row-major k-by-n array are
 * the columns of Y with y_layout = FL_COL_MAJOR and ldy = n. out holds k values of the
 * factor's dtype.
 *
 * @param factor the factor (not NULL)
 * @param dtype the element type of the arrays passed: must be the factor's (else
 *     FL_ERR_DTYPE_MISMATCH)
 * @param k the number of columns of Y
 * @param y_layout the layout of Y
 * @param y Y's elements (n-by-k)
 * @param ldy the leading dimension of Y
 * @param out receives the k values
 * @return FL_OK, or the status of the first problem found, named with its argument and
 *     value by fl_last_error() */
FL_API fl_status fl_factor_mahalanobis(const fl_factor *factor, fl_dtype dtype, int64_t k,
                                       fl_layout y_layout, const void *y, int64_t ldy, void *out);

/* ------------------------------------------------------------------------------------------ */
/* Batches of small matrices                                                                    */
/* ------------------------------------------------------------------------------------------ */

/* A batch is count matrices of one shape (rows-by-cols) and one dtype, the l-th at
 * a + l * stride_a elements, each laid out as layout and lda say (numpy's stacks: a C-
 * contiguous (count, n, n) array is FL_ROW_MAJOR with lda = n and stride_a = n * n). An
 * input stride may be 0 (one matrix used for every l, as numpy broadcasts) or any value
 * >= 0; an output stride must keep the count outputs apart (at least one output's extent).
 * Negative strides are FL_ERR_INVALID_ARGUMENT.
 *
 * One bad matrix never fails a batch. Every call that factors matrices takes int32_t
 * info[count]: on return FL_OK, info[l] is FL_OK (0) when matrix l was factored, else the
 * fl_status the one-matrix call would have returned for it (FL_ERR_SINGULAR,
 * FL_ERR_NOT_POSITIVE_DEFINITE, FL_ERR_NON_FINITE for NaN/Inf, which batches always check),
 * and every output of that matrix is NaN while all the others are computed. A caller finds
 * the failures by scanning info for non-zero entries; info must not be NULL unless count
 * is 0. The call itself returns an error only for invalid arguments, and then writes no
 * output and no info entry.
 *
 * Small orders (n up to about 16) run with several matrices interleaved so that each
 * vector lane holds one matrix (AVX-512, AVX2 or SSE2, chosen at run time); larger ones
 * call LAPACK per matrix. Batches are spread over fl_get_num_threads() threads.
 * docs/batched.md gives the layout, the crossovers and measured times. */

/** A factored batch of matrices.  Immutable once built: any number of threads may use one
 * handle at once. */
typedef struct fl_batch fl_batch;

/** Factors every matrix of a batch and stores the factors in *batch.
 *
 * kind is FL_FACTOR_LU, FL_FACTOR_CHOLESKY, FL_FACTOR_LDLT, FL_FACTOR_QR (rows >= cols:
 * least squares) or FL_FACTOR_EIGH; other kinds give FL_ERR_UNSUPPORTED. A matrix that
 * fails (see info) stays in the batch: its solves, inverse, parts and rcond are NaN (its
 * logdet: see fl_batch_logdet). *batch is NULL on any returned error.
 * @param batch receives the new handle, released with fl_batch_destroy
 * @param kind the factorization applied to every matrix
 * @param dtype FL_FLOAT32 or FL_FLOAT64, the element type of a
 * @param layout the layout of each matrix of a
 * @param count the number of matrices (0 is valid)
 * @param rows the rows of each matrix
 * @param cols the columns of each matrix (rows == cols except for QR)
 * @param a the first matrix
 * @param lda the leading dimension of each matrix
 * @param stride_a elements from one matrix to the next (>= 0)
 * @param options FL_OPT_TRIANGLE for the symmetric kinds; NULL for defaults
 * @param info receives count statuses, one per matrix (see the section's introduction)
 * @return FL_OK, FL_ERR_INVALID_ARGUMENT, FL_ERR_UNSUPPORTED, FL_ERR_TOO_LARGE or
 *         FL_ERR_OUT_OF_MEMORY */
FL_API fl_status fl_batch_create(fl_batch **batch, fl_factor_kind kind, fl_dtype dtype,
                                 fl_layout layout, int64_t count, int64_t rows, int64_t cols,
                                 const void *a, int64_t lda, int64_t stride_a,
                                 const fl_options *options, int32_t *info);

/** Releases a batch.  NULL is a no-op.
 * @param batch the handle, or NULL */
FL_API void fl_batch_destroy(fl_batch *batch);

/** What a batch holds.  Any output pointer may be NULL.
 * @param batch the handle
 * @param kind receives the kind
 * @param dtype receives the dtype
 * @param count receives the number of matrices
 * @param rows receives the rows of each matrix
 * @param cols receives the columns of each matrix
 * @return FL_OK, or FL_ERR_INVALID_ARGUMENT for a NULL batch */
FL_API fl_status fl_batch_describe(const fl_batch *batch, fl_factor_kind *kind, fl_dtype *dtype,
                                   int64_t *count, int64_t *rows, int64_t *cols);

/** Solves A_l X_l = B_l for every matrix of the batch, nrhs right-hand sides each.
 * B_l has rows rows and X_l cols rows (QR: the least-squares solution), both nrhs columns
 * in layout, at b + l * stride_b and x + l * stride_x. In place: x == b with the same
 * ldb/ldx and strides (square kinds). A failed matrix gets an X_l of NaN. B is not checked
 * for NaN/Inf: they propagate.
 * @param batch the handle
 * @param dtype the batch's dtype (else FL_ERR_DTYPE_MISMATCH)
 * @param nrhs right-hand sides per matrix
 * @param layout the layout of every B_l and X_l
 * @param b the first right-hand side matrix
 * @param ldb its leading dimension
 * @param stride_b elements from one B_l to the next (>= 0; 0 solves one B for every l)
 * @param x the first solution, written
 * @param ldx its leading dimension
 * @param stride_x elements from one X_l to the next
 * @return FL_OK, FL_ERR_INVALID_ARGUMENT (including outputs that overlap each other or B
 *         other than exactly in place), FL_ERR_DTYPE_MISMATCH, FL_ERR_TOO_LARGE */
FL_API fl_status fl_batch_solve(const fl_batch *batch, fl_dtype dtype, int64_t nrhs,
                                fl_layout layout, const void *b, int64_t ldb, int64_t stride_b,
                                void *x, int64_t ldx, int64_t stride_x);

/** The determinant of every matrix as det = sign * exp(logabsdet), without overflow.
 * LU, Cholesky, LDL^T and EIGH.  A matrix that failed as exactly singular (info
 * FL_ERR_SINGULAR) has sign 0 and logabsdet -inf, as its determinant is 0; any other failed
 * matrix has NaN in both.
 * @param batch the handle
 * @param sign receives count signs (+1, -1, 0), or NULL
 * @param logabsdet receives count values of log|det|, or NULL
 * @return FL_OK, FL_ERR_INVALID_ARGUMENT, FL_ERR_UNSUPPORTED (QR) */
FL_API fl_status fl_batch_logdet(const fl_batch *batch, double *sign, double *logabsdet);

/** The reciprocal condition number of every matrix in the 1-norm (LU, Cholesky, LDL^T:
 * exact from the inverse below the LAPACK crossover, LAPACK's estimate above it; QR: the
 * estimate for R; EIGH: exactly min |w| / max |w|).  NaN for a failed matrix.
 * @param batch the handle
 * @param rcond receives count values in [0, 1]
 * @return FL_OK or FL_ERR_INVALID_ARGUMENT */
FL_API fl_status fl_batch_rcond(const fl_batch *batch, double *rcond);

/** Writes the inverse of every matrix (QR, EIGH: the pseudo-inverse, cols-by-rows).
 * Prefer fl_batch_solve.  A failed matrix gets an inverse of NaN.
 * @param batch the handle
 * @param dtype the batch's dtype
 * @param layout the layout of every inverse
 * @param inv the first inverse, written
 * @param ld its leading dimension
 * @param stride elements from one inverse to the next
 * @return FL_OK, FL_ERR_INVALID_ARGUMENT, FL_ERR_DTYPE_MISMATCH, FL_ERR_TOO_LARGE */
FL_API fl_status fl_batch_inverse(const fl_batch *batch, fl_dtype dtype, fl_layout layout,
                                  void *inv, int64_t ld, int64_t stride);

/** Copies one part of every factor out, shaped as fl_factor_part_shape says for one
 * matrix: EIGH eigenvalues (n-by-1, ascending) and eigenvectors (n-by-n), QR's Q and R.
 * A failed matrix gets a part of NaN.
 * @param batch the handle
 * @param part which part
 * @param dtype the batch's dtype
 * @param layout the layout of every part matrix
 * @param out the first part, written
 * @param ld its leading dimension
 * @param stride elements from one part to the next
 * @return FL_OK, FL_ERR_INVALID_ARGUMENT, FL_ERR_DTYPE_MISMATCH, FL_ERR_UNSUPPORTED */
FL_API fl_status fl_batch_get_part(const fl_batch *batch, fl_factor_part part, fl_dtype dtype,
                                   fl_layout layout, void *out, int64_t ld, int64_t stride);

/* One-shot stack calls: what numpy's stacked linalg functions compute, fused so that no
 * factor is stored (for the smallest orders the whole computation stays in registers).
 * Every matrix is n-by-n; a, b and the outputs follow the batch conventions above, all in
 * one layout; info[count] reports per matrix as above. */

/** X_l = A_l^-1 B_l for every l, by LU with partial pivoting (numpy's solve on stacks).
 * @param dtype FL_FLOAT32 or FL_FLOAT64
 * @param layout the layout of every matrix
 * @param count the number of systems
 * @param n the order of each A_l
 * @param a the first A_l
 * @param lda its leading dimension
 * @param stride_a elements from one A_l to the next (>= 0)
 * @param nrhs right-hand sides per system
 * @param b the first B_l (n-by-nrhs)
 * @param ldb its leading dimension
 * @param stride_b elements from one B_l to the next (>= 0)
 * @param x the first X_l, written (x == b with equal ld and stride solves in place)
 * @param ldx its leading dimension
 * @param stride_x elements from one X_l to the next
 * @param info receives count statuses (FL_ERR_SINGULAR, FL_ERR_NON_FINITE)
 * @return FL_OK, FL_ERR_INVALID_ARGUMENT, FL_ERR_TOO_LARGE, FL_ERR_OUT_OF_MEMORY */
FL_API fl_status fl_stack_solve(fl_dtype dtype, fl_layout layout, int64_t count, int64_t n,
                                const void *a, int64_t lda, int64_t stride_a, int64_t nrhs,
                                const void *b, int64_t ldb, int64_t stride_b, void *x,
                                int64_t ldx, int64_t stride_x, int32_t *info);

/** inv_l = A_l^-1 for every l, by LU with partial pivoting.
 * @param dtype FL_FLOAT32 or FL_FLOAT64
 * @param layout the layout of every matrix
 * @param count the number of matrices
 * @param n the order of each A_l
 * @param a the first A_l
 * @param lda its leading dimension
 * @param stride_a elements from one A_l to the next (>= 0)
 * @param inv the first inverse, written
 * @param ldinv its leading dimension
 * @param stride_inv elements from one inverse to the next
 * @param info receives count statuses (FL_ERR_SINGULAR, FL_ERR_NON_FINITE)
 * @return FL_OK, FL_ERR_INVALID_ARGUMENT, FL_ERR_TOO_LARGE, FL_ERR_OUT_OF_MEMORY */
FL_API fl_status fl_stack_inverse(fl_dtype dtype, fl_layout layout, int64_t count, int64_t n,
                                  const void *a, int64_t lda, int64_t stride_a, void *inv,
                                  int64_t ldinv, int64_t stride_inv, int32_t *info);

/** sign_l and logabsdet_l with det(A_l) = sign_l * exp(logabsdet_l), by LU with partial
 * pivoting (numpy's slogdet).  A singular matrix is not a failure: sign 0, logabsdet -inf,
 * info FL_OK.  NaN/Inf gives FL_ERR_NON_FINITE and NaN in both.
 * @param dtype FL_FLOAT32 or FL_FLOAT64
 * @param layout the layout of every matrix
 * @param count the number of matrices
 * @param n the order of each A_l
 * @param a the first A_l
 * @param lda its leading dimension
 * @param stride_a elements from one A_l to the next (>= 0)
 * @param sign receives count signs, or NULL
 * @param logabsdet receives count values, or NULL
 * @param info receives count statuses
 * @return FL_OK, FL_ERR_INVALID_ARGUMENT, FL_ERR_TOO_LARGE, FL_ERR_OUT_OF_MEMORY */
FL_API fl_status fl_stack_slogdet(fl_dtype dtype, fl_layout layout, int64_t count, int64_t n,
                                  const void *a, int64_t lda, int64_t stride_a, double *sign,
                                  double *logabsdet, int32_t *info);

/** L_l with A_l = L_l L_l^T for every symmetric positive definite A_l, zeros above the
 * diagonal (numpy's cholesky).  Only the triangle named is read.
 * @param dtype FL_FLOAT32 or FL_FLOAT64
 * @param layout the layout of every matrix
 * @param count the number of matrices
 * @param n the order of each A_l
 * @param a the first A_l
 * @param lda its leading dimension
 * @param stride_a elements from one A_l to the next (>= 0)
 * @param triangle FL_LOWER or FL_UPPER: the triangle of A_l that is read
 * @param l the first factor, written (lower triangular, n-by-n)
 * @param ldl its leading dimension
 * @param stride_l elements from one factor to the next
 * @param info receives count statuses (FL_ERR_NOT_POSITIVE_DEFINITE, FL_ERR_NON_FINITE)
 * @return FL_OK, FL_ERR_INVALID_ARGUMENT, FL_ERR_TOO_LARGE, FL_ERR_OUT_OF_MEMORY */
FL_API fl_status fl_stack_cholesky(fl_dtype dtype, fl_layout layout, int64_t count, int64_t n,
                                   const void *a, int64_t lda, int64_t stride_a,
                                   fl_triangle triangle, void *l, int64_t ldl, int64_t stride_l,
                                   int32_t *info);

/** X_l = A_l^-1 B_l for every symmetric positive definite A_l, by Cholesky.
 * @param dtype FL_FLOAT32 or FL_FLOAT64
 * @param layout the layout of every matrix
 * @param count the number of systems
 * @param n the order of each A_l
 * @param a the first A_l
 * @param lda its leading dimension
 * @param stride_a elements from one A_l to the next (>= 0)
 * @param triangle FL_LOWER or FL_UPPER: the triangle of A_l that is read
 * @param nrhs right-hand sides per system
 * @param b the first B_l (n-by-nrhs)
 * @param ldb its leading dimension
 * @param stride_b elements from one B_l to the next (>= 0)
 * @param x the first X_l, written (x == b with equal ld and stride solves in place)
 * @param ldx its leading dimension
 * @param stride_x elements from one X_l to the next
 * @param info receives count statuses (FL_ERR_NOT_POSITIVE_DEFINITE, FL_ERR_NON_FINITE)
 * @return FL_OK, FL_ERR_INVALID_ARGUMENT, FL_ERR_TOO_LARGE, FL_ERR_OUT_OF_MEMORY */
FL_API fl_status fl_stack_cholesky_solve(fl_dtype dtype, fl_layout layout, int64_t count,
                                         int64_t n, const void *a, int64_t lda, int64_t stride_a,
                                         fl_triangle triangle, int64_t nrhs, const void *b,
                                         int64_t ldb, int64_t stride_b, void *x, int64_t ldx,
                                         int64_t stride_x, int32_t *info);

/** Eigenvalues w_l (ascending) and orthonormal eigenvectors V_l (column j for w_l[j]) of
 * every symmetric A_l, with ||A_l V_l - V_l diag(w_l)|| <= 30 n eps ||A_l|| (numpy's eigh;
 * Jacobi sweeps on interleaved matrices below the LAPACK crossover, syevd above).
 * @param dtype FL_FLOAT32 or FL_FLOAT64
 * @param layout the layout of every matrix (A_l and V_l)
 * @param count the number of matrices
 * @param n the order of each A_l
 * @param a the first A_l
 * @param lda its leading dimension
 * @param stride_a elements from one A_l to the next (>= 0)
 * @param triangle FL_LOWER or FL_UPPER: the triangle of A_l that is read
 * @param w the first n eigenvalues, written; w_l at w + l * stride_w
 * @param stride_w elements from one w_l to the next (>= n)
 * @param v the first V_l, written, or NULL for eigenvalues only
 * @param ldv its leading dimension
 * @param stride_v elements from one V_l to the next
 * @param info receives count statuses (FL_ERR_NON_FINITE; FL_ERR_INTERNAL if an iteration
 *        does not converge)
 * @return FL_OK, FL_ERR_INVALID_ARGUMENT, FL_ERR_TOO_LARGE, FL_ERR_OUT_OF_MEMORY */
FL_API fl_status fl_stack_eigh(fl_dtype dtype, fl_layout layout, int64_t count, int64_t n,
                               const void *a, int64_t lda, int64_t stride_a, fl_triangle triangle,
                               void *w, int64_t stride_w, void *v, int64_t ldv, int64_t stride_v,
                               int32_t *info);

/* ------------------------------------------------------------------------------------------ */
/* Kernel matrices                                                                              */
/* ------------------------------------------------------------------------------------------ */

/** A stationary kernel k(x, y) = sigma_f^2 kappa(r) with r^2 = (x - y)^T M (x - y), for
 * points of dimension dim, plus noise on the diagonal of a symmetric kernel matrix (the
 * Kronecker delta of GPML's eq. 5.2). Immutable once built; safe to share between threads.
 * The metric M is factored once, when the handle is created. */
typedef struct fl_kernel fl_kernel;

/** The function kappa of a kernel. */
typedef enum fl_kernel_kind FL_ENUM_TYPE {
    FL_KERNEL_SQUARED_DISTANCE = 1, /**< kappa(r) = r^2: the squared distances themselves */
    FL_KERNEL_GAUSSIAN = 2,         /**< kappa(r) = exp(-r^2 / 2) (squared exponential, RBF) */
    FL_KERNEL_MATERN12 = 3,         /**< kappa(r) = exp(-r) */
    FL_KERNEL_MATERN32 = 4,         /**< kappa(r) = (1 + sqrt(3) r) exp(-sqrt(3) r) */
    FL_KERNEL_MATERN52 = 5          /**< kappa(r) = (1 + sqrt(5) r + 5 r^2 / 3) exp(-sqrt(5) r) */
} fl_kernel_kind;

/** How the nparams values of `params` define M (all column-major, all double). */
typedef enum fl_metric FL_ENUM_TYPE {
    FL_METRIC_ISOTROPIC = 1,  /**< 1 value, a length-scale l > 0: M = I / l^2 */
    FL_METRIC_ARD = 2,        /**< dim values, length-scales l_d > 0: M = diag(1 / l_d^2) */
    /** dim*q + dim values for some q >= 1: Lambda (dim-by-q) and then psi (dim):
     * M = Lambda Lambda^T + diag(psi)^2. This is GPML's eq. 5.2 M3 = Lambda Lambda^T + Psi
     * with Psi = diag(psi)^2, i.e. the L_inv of `Lambda @ Lambda.T + L_inv**2` is diag(psi). */
    FL_METRIC_LOWRANK_DIAG = 3,
    FL_METRIC_FULL = 4        /**< dim*dim values: M itself, symmetric positive definite */
} fl_metric;

/** Creates a kernel. params is copied; M is factored here, once (M = U^T U: a Cholesky
 * factorization for LOWRANK_DIAG and FULL, a diagonal scaling for the others). A FULL M must
 * be symmetric to 1e-12 relative (its symmetric part is used); psi may have either sign.
 * FL_ERR_INVALID_ARGUMENT names a bad kind, metric, dim < 1, an nparams that does not fit
 * the metric, a length-scale <= 0, a NaN/Inf parameter, an asymmetric FULL M, sigma_f <= 0
 * or noise < 0; FL_ERR_NOT_POSITIVE_DEFINITE a metric that is not positive definite (the
 * order of the failing leading minor in the message). *kernel is NULL on failure.
 *
 * @param kernel receives the new kernel; NULL on failure
 * @param kind the function kappa
 * @param metric how params define M
 * @param dim the dimension of the points (>= 1)
 * @param nparams the number of values in params
 * @param params the metric's parameters (copied)
 * @param sigma_f the signal standard deviation (> 0)
 * @param noise the variance added to the diagonal of symmetric kernel matrices (>= 0)
 * @return FL_OK, or the status of the first problem found, named with its argument and
 *     value by fl_last_error() */
FL_API fl_status fl_kernel_create(fl_kernel **kernel, fl_kernel_kind kind, fl_metric metric,
                                  int64_t dim, int64_t nparams, const double *params,
                                  double sigma_f, double noise);
/** Frees a kernel. NULL is a no-op.
 *
 * @param kernel the kernel to free, or NULL */
FL_API void fl_kernel_destroy(fl_kernel *kernel);

/** K (n1-by-n2, k_layout, ldk) with K_ij = k(x1_i, x2_j), the points being the rows of
 * X1 (n1-by-dim) and X2 (n2-by-dim), both in x_layout with their own leading dimensions;
 * dtype is that of X1, X2 and K alike. x2 = NULL means X2 = X1 (n2 must equal n1, else
 * FL_ERR_DIMENSION_MISMATCH, and ldx2 is ignored): K is then exactly symmetric, only one
 * half is computed and mirrored, its diagonal is exactly sigma_f^2 kappa(0) + noise. With
 * a distinct X2 no noise is added, even where points coincide.
 * The points are transformed once, z = U (x - c) with M = U^T U and c the mean of X1's
 * rows. Up to 16 dimensions the squared distances are summed from the exact differences
 * of the z's inside the fused kernel pass; above, they are |z_i|^2 + |z_j|^2 - 2 z_i^T z_j
 * by one GEMM per 256-by-256 tile, written straight into K, with negative round-off
 * clamped to 0. Nothing of size n1*n2*dim and no second n1-by-n2 array is allocated.
 * K must not overlap X1 or X2. NaN/Inf in the points: FL_ERR_NON_FINITE naming
 * x1[i, d] or x2[j, d]; so is a finite point whose transformed coordinates U (x - c)
 * overflow the dtype (naming x1[i, :] or x2[j, :]). Error bound: |K - K_exact| <= sigma_f^2 L E + 8 u |K| per element,
 * E = (5 dim + 8) u (|z~_i| + |z~_j|)^2, z~ = |U| |x - c|; docs/kernels.md has the details.
 *
 * @param kernel the kernel
 * @param dtype the element type of X1, X2 and K
 * @param x_layout the layout of X1 and X2
 * @param n1 the number of points in X1
 * @param x1 X1's elements (n1-by-dim)
 * @param ldx1 X1's leading dimension
 * @param n2 the number of points in X2
 * @param x2 X2's elements (n2-by-dim), or NULL for X2 = X1
 * @param ldx2 X2's leading dimension
 * @param k_layout the layout of K
 * @param k receives K (n1-by-n2)
 * @param ldk K's leading dimension
 * @return FL_OK, or the status of the first problem found, named with its argument and
 *     value by fl_last_error() */
FL_API fl_status fl_kernel_matrix(const fl_kernel *kernel, fl_dtype dtype, fl_layout x_layout,
                                  int64_t n1, const void *x1, int64_t ldx1, int64_t n2,
                                  const void *x2, int64_t ldx2, fl_layout k_layout, void *k,
                                  int64_t ldk);

/** The contractions sum_ij W_ij dK_ij/dtheta for every hyperparameter theta, which is what
 * the gradient of a Gaussian process's marginal likelihood needs (W = (alpha alpha^T -
 * K^-1) / 2), in O(n1 n2 dim + (n1 + n2) dim^2) work and, per thread, O(n1 + n2 + dim^2)
 * extra memory plus one 256-by-256 tile. X1, X2 (or NULL) as for fl_kernel_matrix; W is
 * n1-by-n2 in w_layout, of the same dtype, and need not be symmetric; NaN/Inf in it is
 * FL_ERR_NON_FINITE. grad receives 2 + nparams doubles (apart from X1, X2 and W):
 * d/dsigma_f, d/dnoise (the trace
 * of W in the symmetric case, else 0), then d/dparams in the order of the metric's params
 * (for FL_METRIC_FULL, the entries of M taken as independent, which gives a symmetric
 * dim-by-dim gradient). Matern 1/2 is not differentiable at r = 0; pairs with r = 0
 * contribute 0 to the length-scale derivatives (their limit). See docs/kernels.md.
 *
 * @param kernel the kernel
 * @param dtype the element type of X1, X2 and W
 * @param x_layout the layout of X1 and X2
 * @param n1 the number of points in X1
 * @param x1 X1's elements (n1-by-dim)
 * @param ldx1 X1's leading dimension
 * @param n2 the number of points in X2
 * @param x2 X2's elements (n2-by-dim), or NULL for X2 = X1
 * @param ldx2 X2's leading dimension
 * @param w_layout the layout of W
 * @param w W's elements (n1-by-n2)
 * @param ldw W's leading dimension
 * @param grad receives the 2 + nparams derivatives
 * @return FL_OK, or the status of the first problem found, named with its argument and
 *     value by fl_last_error() */
FL_API fl_status fl_kernel_gradient(const fl_kernel *kernel, fl_dtype dtype, fl_layout x_layout,
                                    int64_t n1, const void *x1, int64_t ldx1, int64_t n2,
                                    const void *x2, int64_t ldx2, fl_layout w_layout,
                                    const void *w, int64_t ldw, double *grad);

/* ------------------------------------------------------------------------------------------ */
/* Large matrices: mixed precision and factoring in place                                       */
/* ------------------------------------------------------------------------------------------ */

/** The values of FL_OPT_PRECISION, and what fl_factor_get_info reports for FL_INFO_PRECISION.
 *  Appended, never renumbered. */
typedef enum fl_precision FL_ENUM_TYPE {
    /** The factor is computed and held in the dtype of A (the default). */
    FL_PRECISION_NATIVE = 0,
    /** FL_FLOAT64 LU and Cholesky only: A is factored in float32 (about twice as fast, half
     *  the memory of a float64 factor) and every solve refines the float32 answer against
     *  the float64 A, with LAPACK's dsgesv/dsposv stopping rule (each column's residual
     *  max|b - op(A) x| <= max|x| ||op(A)||_inf eps sqrt(n), at most 30 steps), so that the
     *  backward error is float64's. When refinement cannot work the factor falls back to a
     *  float64 factorization of A, once, and keeps it: at creation if A does not fit float32,
     *  its float32 factorization breaks down, or its pivots' spread max|d_i| / min|d_i|
     *  (squared for Cholesky) reaches 2^22 (kappa * 2^-24 >= 1/4); at a solve whose
     *  refinement does not converge or a step of it does not halve the scaled residual (that
     *  solve is redone in float64); and at the first fl_factor_logdet, fl_factor_rcond or
     *  fl_factor_inverse, which are always answered from the float64 factor. The factor
     *  keeps a float64 copy of A for the residuals beside the float32 factor (1.5 times the
     *  memory of a float64 factor; 1 time after a fallback at creation, 2.5 times after a
     *  later one). */
    FL_PRECISION_MIXED = 1
} fl_precision;

/** The values of FL_OPT_STORAGE. Appended, never renumbered. */
typedef enum fl_storage FL_ENUM_TYPE {
    /** The factor is held in full n-by-n storage (the default). */
    FL_STORAGE_FULL = 0,
    /** FL_FACTOR_CHOLESKY only: the factor is held in LAPACK's rectangular full packed (RFP)
     *  format, n(n+1)/2 elements, half of full storage, and factored, solved and inverted
     *  by LAPACK's pftrf, pftrs and pftri at BLAS-3 speed. A is read from one triangle
     *  (FL_OPT_TRIANGLE) of either layout, as for full storage, and packed in O(n^2).
     *  rcond is LAPACK's 1-norm estimate (lacn2 on pftrs solves, as pocon does); the
     *  rank update is not available in this storage. */
    FL_STORAGE_RFP = 1,
    /** As FL_STORAGE_RFP, but a already holds A's triangle FL_OPT_TRIANGLE packed in RFP
     *  with TRANSR = 'N' (LAPACK's dtrttf of that triangle): n(n+1)/2 elements, with
     *  rows = cols = n; layout must be valid but is not used, and lda is not read. With
     *  FL_OPT_OVERWRITE_A = 1 the factor is computed in a itself (no copy at all). */
    FL_STORAGE_RFP_INPUT = 2
} fl_storage;

/** What fl_factor_get_info reports. Appended, never renumbered. */
typedef enum fl_factor_info FL_ENUM_TYPE {
    /** The precision the factor is held and solved in now: FL_PRECISION_MIXED while a
     *  mixed-precision factor refines, FL_PRECISION_NATIVE for every other factor and
     *  after a fallback. */
    FL_INFO_PRECISION = 1,
    /** Why a mixed-precision factor works in float64: an fl_fallback value
     *  (FL_FALLBACK_NONE for every factor that did not fall back). */
    FL_INFO_FALLBACK = 2,
    /** The most refinement steps any solve of a mixed-precision factor has taken so far
     *  (0 before the first solve and for other factors). */
    FL_INFO_REFINEMENT_STEPS = 3,
    /** 1 if the factor's storage is the caller's A (FL_OPT_OVERWRITE_A honoured), else 0. */
    FL_INFO_OVERWRITES_A = 4
} fl_factor_info;

/** Why a FL_PRECISION_MIXED factor fell back to float64 (FL_INFO_FALLBACK). */
typedef enum fl_fallback FL_ENUM_TYPE {
    FL_FALLBACK_NONE = 0,             /**< still mixed, or never asked to be */
    FL_FALLBACK_LOW_PRECISION = 1,    /**< A beyond float32's range, or its float32 factorization broke down */
    FL_FALLBACK_ILL_CONDITIONED = 2,  /**< the float32 pivots' spread gave kappa * 2^-24 >= 1/4 */
    FL_FALLBACK_NOT_CONVERGED = 3,    /**< a solve's refinement stalled or took more than 30 steps */
    FL_FALLBACK_QUERY = 4             /**< fl_factor_logdet, _rcond, _inverse, _rank_update or a part asked */
} fl_fallback;

/** Reports one integer property of how a factor is held and solved.
 *
 *  Mixed precision (FL_OPT_PRECISION) and in-place factors (FL_OPT_OVERWRITE_A) are options
 *  of fl_factor_create; this query tells the caller which path actually ran, for any kind
 *  (dense or sparse). It only reads the handle and is safe to call from any thread; the
 *  answers for a mixed-precision factor may change after a solve or a query falls back.
 *
 *  FL_OPT_OVERWRITE_A = 1 lets fl_factor_create use A's memory (a, lda, in its layout) as
 *  the factor's storage instead of a copy, for FL_FACTOR_LU, FL_FACTOR_CHOLESKY and
 *  FL_FACTOR_LDLT in full storage, and for FL_STORAGE_RFP_INPUT (other kinds,
 *  FL_FACTOR_AUTO and FL_STORAGE_RFP from a full A copy A as usual and leave it untouched;
 *  FL_INFO_OVERWRITES_A says which happened). With FL_PRECISION_MIXED (LU, Cholesky) A's
 *  memory keeps the float64 A that refinement reads (transposed in place if a general A is
 *  row-major, the other triangle filled in if symmetric) beside the float32 factor the
 *  handle allocates, until a fallback factors it there in float64. FL_OPT_STORAGE other than
 *  FL_STORAGE_FULL is FL_ERR_UNSUPPORTED for kinds other than FL_FACTOR_CHOLESKY and
 *  together with FL_PRECISION_MIXED. Lifetime rule: when
 *  it is honoured, A's memory must stay valid and unmodified until fl_factor_destroy, and
 *  the handle never frees it; a must then point to writable memory (the const in
 *  fl_factor_create's signature no longer holds). After fl_factor_create, with the option
 *  honoured, A holds the factor (mixed precision: as above), not A; after a failed fl_factor_create its contents are
 *  unspecified (as scipy's overwrite_a). The peak memory of the factorization is then A
 *  itself plus O(n).
 *
 *  @param factor  the factor to ask (not NULL)
 *  @param what    the property, an fl_factor_info value
 *  @param value   receives the property's value (not NULL); untouched on failure
 *  @return FL_OK; FL_ERR_INVALID_ARGUMENT for a NULL factor or value or an unknown what */
FL_API fl_status fl_factor_get_info(const fl_factor *factor, fl_factor_info what, int64_t *value);

/* ------------------------------------------------------------------------------------------ */
/* Rolled pairwise products                                                                     */
/* ------------------------------------------------------------------------------------------ */

/** out[i, j] = A[i] B[(i + j) mod d] for 0 <= i < d and 0 <= j < k (1 <= k <= d; k = 0 or
 * d = 0 give an empty out), for a stack A of d m-by-n matrices, B of d n-by-l matrices and
 * out of d*k m-by-l matrices, each stack packed: matrix i starts at i*m*n (A), i*n*l (B),
 * (i*k + j)*m*l (out), and every matrix is stored in `layout` with no padding. This is
 * numpy's C-ordered A (d, m, n), B (d, n, l), out (d, k, m, l) with FL_ROW_MAJOR.
 * k > d (with d > 0) is FL_ERR_INVALID_ARGUMENT; out must not overlap a or b. NaN and Inf
 * propagate as in any matrix product (no finite check). The blocks out[i, .] are computed
 * on up to fl_get_num_threads() threads. Cost: 2 d k m n l flops; see
 * docs/rolled_and_binning.md for the schedule.
 *
 * @param dtype the element type of every array argument, FL_FLOAT32 or FL_FLOAT64
 * @param layout the layout of every matrix of the three stacks
 * @param d the number of matrices in A and in B
 * @param k the number of products per i (0 <= k <= d)
 * @param m the rows of each A[i]
 * @param n the columns of each A[i], rows of each B[i]
 * @param l the columns of each B[i]
 * @param a the stack A (d m-by-n matrices)
 * @param b the stack B (d n-by-l matrices)
 * @param out receives the d*k m-by-l products
 * @return FL_OK, or the status of the first problem found, named with its argument and
 *     value by fl_last_error() */
FL_API fl_status fl_rolled_matmul(fl_dtype dtype, fl_layout layout, int64_t d, int64_t k,
                                  int64_t m, int64_t n, int64_t l, const void *a, const void *b,
                                  void *out);

/* ------------------------------------------------------------------------------------------ */
/* Binning                                                                                      */
/* ------------------------------------------------------------------------------------------ */

/** bins[i] = the index of the bin of x[i] between the nedges edges, as numpy.digitize
 * defines it: for increasing edges and right = 0, the i with edges[i-1] <= x < edges[i]
 * (0 below the first edge, nedges at or above the last); right = 1 closes the bins on the
 * right instead (edges[i-1] < x <= edges[i]). For decreasing edges the bin is the i with
 * edges[i-1] > x >= edges[i] (right = 0) or edges[i-1] >= x > edges[i] (right = 1).
 * Edges must be monotone (ties allowed; all equal counts as increasing), else
 * FL_ERR_INVALID_ARGUMENT; a NaN in edges or x is FL_ERR_NON_FINITE; each names the first
 * offending index. +-Inf are ordinary values. right other than 0 or 1 is
 * FL_ERR_INVALID_ARGUMENT. bins may not overlap x or edges. Cost: n log(nedges).
 *
 * @param dtype the element type of x and edges
 * @param n the number of values in x
 * @param x the values to bin
 * @param nedges the number of edges
 * @param edges the monotone bin edges
 * @param right 0 (bins closed on the left) or 1 (on the right)
 * @param bins receives the n bin indices
 * @return FL_OK, or the status of the first problem found, named with its argument and
 *     value by fl_last_error() */
FL_API fl_status fl_digitize(fl_dtype dtype, int64_t n, const void *x, int64_t nedges,
                             const void *edges, int right, int64_t *bins);
/** counts[b] = the number of i with labels[i] = b, for 0 <= b < nbins. A label < 0 or
 * >= nbins is FL_ERR_INVALID_ARGUMENT naming it and its index (here and in the two
 * functions below). Outputs may not overlap labels, weights or each other.
 *
 * @param n the number of labels
 * @param labels the labels, each in [0, nbins)
 * @param nbins the number of bins
 * @param counts receives nbins counts
 * @return FL_OK, or the status of the first problem found, named with its argument and
 *     value by fl_last_error() */
FL_API fl_status fl_bincount(int64_t n, const int64_t *labels, int64_t nbins, int64_t *counts);
/** sums[b] = the sum of weights[i] over the i with labels[i] = b, accumulated in double and
 * written in dtype (numpy.bincount with weights; NaN weights propagate into their bin's
 * sum). Labels as for fl_bincount.
 *
 * @param n the number of labels and weights
 * @param labels the labels, each in [0, nbins)
 * @param dtype the element type of weights and sums
 * @param weights the n weights
 * @param nbins the number of bins
 * @param sums receives nbins sums
 * @return FL_OK, or the status of the first problem found, named with its argument and
 *     value by fl_last_error() */
FL_API fl_status fl_bincount_weighted(int64_t n, const int64_t *labels, fl_dtype dtype,
                                      const void *weights, int64_t nbins, void *sums);
/** Groups indices by label with one counting sort: offsets (nbins + 1 values) and perm
 * (n values) such that perm[offsets[b] .. offsets[b+1]) are the i with labels[i] = b, in
 * increasing order (the sort is stable). Work on bin b then touches only its own points.
 * Labels as for fl_bincount.
 *
 * @param n the number of labels
 * @param labels the labels, each in [0, nbins)
 * @param nbins the number of bins
 * @param offsets receives nbins + 1 offsets into perm
 * @param perm receives the n indices, grouped by bin
 * @return FL_OK, or the status of the first problem found, named with its argument and
 *     value by fl_last_error() */
FL_API fl_status fl_group_by_bin(int64_t n, const int64_t *labels, int64_t nbins, int64_t *offsets,
                                 int64_t *perm);

/* ------------------------------------------------------------------------------------------ */
/* Complex matrices                                                                             */
/* ------------------------------------------------------------------------------------------ */

/* FL_COMPLEX64 and FL_COMPLEX128 elements are C99's float _Complex and double _Complex: a
 * real part followed by an imaginary part, the layout of C++'s std::complex, numpy's
 * complex64/complex128, Rust's num_complex::Complex, Go's complex128 and Julia's ComplexF64.
 * Leading dimensions and sizes count complex elements.
 *
 * The factor kinds that take them are FL_FACTOR_LU (getrf), FL_FACTOR_CHOLESKY (potrf,
 * A = L L^H for a Hermitian positive definite A read from the FL_OPT_TRIANGLE triangle),
 * FL_FACTOR_LDLT (hetrf, P A P^T = L D L^H for a Hermitian A read from that triangle, with a
 * real determinant and inertia; or sytrf, L D L^T for a complex symmetric A, with
 * FL_OPT_COMPLEX_SYMMETRIC = 1; rcond, inverse and parts for both),
 * FL_FACTOR_EIGH (heevd, A = V diag(w) V^H for a Hermitian A read from that triangle, with
 * real eigenvalues that fl_factor_get_part writes as FL_FLOAT32/FL_FLOAT64, and
 * fl_factor_solve_shifted for real shifts) and FL_FACTOR_QR (geqrf, A = Q R with a unitary
 * Q: least squares with A, minimum-norm solves with A^H and A^T, parts Q and R,
 * fl_factor_apply_q with Q, Q^T and Q^H, real residual norms), FL_FACTOR_SVD (gesdd,
 * A = U diag(s) V^H: real singular values written as FL_FLOAT32/FL_FLOAT64, FL_PART_VT is
 * V^H; minimum-norm least-squares solves with A, A^T and A^H, the pseudo-inverse, rank,
 * rcond and real residual norms) and FL_FACTOR_COD (geqp3 + tzrzf, A P = Q [T 0; 0 0] Z
 * with unitary Q and Z: the same solves, pseudo-inverse, rank, rcond of T, parts R and
 * FL_PART_COLUMN_PERMUTATION, fl_factor_apply_q with Q, Q^T and Q^H, real residual norms).
 * fl_factor_solve takes FL_NO_TRANS, FL_TRANS (A^T, not conjugated) and FL_CONJ_TRANS (A^H);
 * fl_factor_inverse writes A^-1 in the factor's dtype; fl_factor_rcond's answer is real for
 * every dtype; fl_factor_logdet refuses a complex factor (the sign of its determinant is a
 * complex phase): fl_factor_logdet_complex answers instead. Sparse matrices (fl_sparse_*)
 * take complex values too: products with A, A^T and A^H, FL_FACTOR_SPARSE_LU (UMFPACK) and
 * FL_FACTOR_SPARSE_CHOLESKY (CHOLMOD, Hermitian positive definite, A = L L^H).
 * Every other kind, the products with A^-1 and rank updates (dense and sparse) answer
 * FL_ERR_UNSUPPORTED for a complex A, and so do kernels, rolled products, binning, block
 * sums and complex sparse QR. The matrix-calculus maps
 * (fl_vecb, fl_vech, fl_commutation_*, fl_duplication_*) only move and average elements and
 * take complex ones as they are (the maps are real: FL_CONJ_TRANS is FL_TRANS for them).
 * docs/complex.md has the details. */

/** The determinant of A as a phase and a logarithm: det(A) = (phase_re + i phase_im) *
 *  exp(logabsdet), computed from the factor without overflow.  For a complex factor the
 *  phase has modulus 1; for a real one it is fl_factor_logdet's sign (phase_im = 0), so
 *  this entry point answers for every dtype.  Kinds and empty matrices as for
 *  fl_factor_logdet.  Any pointer may be NULL.
 *  @param factor the factor (LU, Cholesky, LDL^T or EIGH)
 *  @param phase_re receives the real part of det(A) / |det(A)|
 *  @param phase_im receives its imaginary part
 *  @param logabsdet receives log|det(A)|
 *  @return FL_OK; FL_ERR_INVALID_ARGUMENT for a NULL factor; FL_ERR_UNSUPPORTED for a kind
 *          without a determinant */
FL_API fl_status fl_factor_logdet_complex(const fl_factor *factor, double *phase_re,
                                          double *phase_im, double *logabsdet);

/* ------------------------------------------------------------------------------------------ */
/* Sparse matrices (SuiteSparse)                                                                */
/* ------------------------------------------------------------------------------------------ */

/** A sparse matrix: its pattern, fixed when it is created, and its values, which
 * fl_sparse_set_values may replace. Products and factorizations only read it, so threads may
 * share one; fl_sparse_set_values must not run while another thread uses the handle. A
 * factor made from it copies what it needs and does not depend on it afterwards. */
typedef struct fl_sparse fl_sparse;

/** The compressed format of the arrays given to fl_sparse_create. */
typedef enum fl_sparse_format FL_ENUM_TYPE {
    FL_SPARSE_CSC = 1, /**< compressed columns: ptr has cols + 1 offsets, idx holds row indices */
    FL_SPARSE_CSR = 2  /**< compressed rows: ptr has rows + 1 offsets, idx holds column indices */
} fl_sparse_format;

/** The integer type of a sparse matrix's index arrays. */
typedef enum fl_index_type FL_ENUM_TYPE {
    FL_INDEX_INT32 = 1, /**< ptr and idx are int32_t arrays */
    FL_INDEX_INT64 = 2  /**< ptr and idx are int64_t arrays */
} fl_index_type;

/** Creates a rows-by-cols sparse matrix from compressed arrays, 0-based, as scipy.sparse's
 * csc/csr matrices hold them: ptr (outer + 1 offsets, outer = cols for CSC, rows for CSR),
 * idx and values (ptr[outer] entries each; values of `dtype`). The arrays are copied, in
 * canonical CSC form: indices sorted within each column, duplicate entries summed.
 * FL_ERR_INVALID_ARGUMENT names the first bad entry (ptr[0] != 0, decreasing offsets, an
 * index outside the matrix); FL_ERR_NON_FINITE the first NaN/Inf value. rows and cols
 * above 2^31 - 1 are FL_ERR_TOO_LARGE, before anything is read or allocated: every
 * product and solve takes a dense matrix with that many rows, which LAPACK's 32-bit sizes
 * cannot describe. Within that, creation takes O(rows + cols) memory even with no entries
 * (the CSC and CSR offsets), and reports FL_ERR_OUT_OF_MEMORY when that is not there.
 * SuiteSparse 5
 * computes in double only: FL_FLOAT32 values are widened to double on the way in, and every
 * product and factor made from the handle takes and returns float32 while computing in
 * double. FL_COMPLEX64 and FL_COMPLEX128 values are held as complex128 the same way (a NaN
 * or Inf in either part is FL_ERR_NON_FINITE). *sparse is NULL on failure.
 * Cost: O(nnz + rows + cols).
 *
 * @param sparse receives the new matrix; NULL on failure
 * @param format FL_SPARSE_CSC or FL_SPARSE_CSR
 * @param index_type the integer type of ptr and idx
 * @param dtype the element type of values
 * @param rows the number of rows (>= 0)
 * @param cols the number of columns (>= 0)
 * @param ptr the outer + 1 offsets
 * @param idx the inner indices, ptr[outer] of them
 * @param values the ptr[outer] values
 * @return FL_OK, or the status of the first problem found, named with its argument and
 *     value by fl_last_error() */
FL_API fl_status fl_sparse_create(fl_sparse **sparse, fl_sparse_format format,
                                  fl_index_type index_type, fl_dtype dtype, int64_t rows,
                                  int64_t cols, const void *ptr, const void *idx,
                                  const void *values);
/** Frees a sparse matrix. NULL is a no-op.
 *
 * @param sparse the matrix to free, or NULL */
FL_API void fl_sparse_destroy(fl_sparse *sparse);

/** Replaces the values for the same pattern: `values` holds one value per entry of the
 * arrays the handle was created from, in their order (duplicates are summed again). dtype
 * may be of either precision; it is widened or rounded to the handle's. Real values for a
 * complex handle, or complex ones for a real handle, are FL_ERR_DTYPE_MISMATCH. Checked for
 * NaN/Inf like fl_sparse_create; on failure the old values are kept.
 *
 * @param sparse the matrix to change
 * @param dtype the element type of values
 * @param values one value per entry of the original arrays
 * @return FL_OK, or the status of the first problem found, named with its argument and
 *     value by fl_last_error() */
FL_API fl_status fl_sparse_set_values(fl_sparse *sparse, fl_dtype dtype, const void *values);

/** The shape and the number of stored entries after duplicates were summed. Any pointer may
 * be NULL.
 *
 * @param sparse the matrix
 * @param rows receives the number of rows, or NULL
 * @param cols receives the number of columns, or NULL
 * @param nnz receives the number of stored entries, or NULL
 * @return FL_OK, or the status of the first problem found, named with its argument and
 *     value by fl_last_error() */
FL_API fl_status fl_sparse_shape(const fl_sparse *sparse, int64_t *rows, int64_t *cols,
                                 int64_t *nnz);

/** Y = op(A) X for a dense X with ncols columns (rows of X = cols of op(A)); X and Y each
 * in its own layout and leading dimension, of the handle's dtype, not overlapping.
 * Multithreaded over the columns when there are enough (fl_set_num_threads).
 * The seed's case, an (I, J, N) row-major array V times A^T along its last axis into an
 * (I, J, M) row-major array W (W[i, j, :] = A V[i, j, :]): V is the N-by-(I J) column-major
 * X with ldx = N, and W the M-by-(I J) column-major Y with ldy = M, so pass FL_NO_TRANS,
 * ncols = I J, both FL_COL_MAJOR: no reshaped or transposed copy is made.
 *
 * @param sparse the matrix A
 * @param trans FL_NO_TRANS (Y = A X), FL_TRANS (Y = A^T X) or FL_CONJ_TRANS (Y = A^H X;
 *     A^T X for a real A)
 * @param dtype the element type of X and Y: the handle's
 * @param ncols the number of columns of X and Y
 * @param x_layout the layout of X
 * @param x X's elements (read only)
 * @param ldx the leading dimension of X
 * @param y_layout the layout of Y
 * @param y receives Y's elements
 * @param ldy the leading dimension of Y
 * @return FL_OK, or the status of the first problem found, named with its argument and
 *     value by fl_last_error() */
FL_API fl_status fl_sparse_multiply(const fl_sparse *sparse, fl_transpose trans, fl_dtype dtype,
                                    int64_t ncols, fl_layout x_layout, const void *x, int64_t ldx,
                                    fl_layout y_layout, void *y, int64_t ldy);

/** Factors a sparse matrix with one of the sparse kinds; the result answers fl_factor_solve
 * (many right-hand sides, either layout; FL_TRANS too) and the other fl_factor_* queries
 * as the table in docs/sparse.md says (FL_ERR_UNSUPPORTED otherwise).
 *  - FL_FACTOR_SPARSE_CHOLESKY: reads one triangle (FL_OPT_TRIANGLE, lower by default) of
 *    a symmetric positive definite A; FL_ERR_NOT_POSITIVE_DEFINITE names the column of A
 *    where elimination failed. logdet, rcond, inverse, inertia.
 *  - FL_FACTOR_SPARSE_LU: square A; FL_ERR_SINGULAR if U has an exactly zero pivot.
 *    logdet, rcond, inverse.
 *  - FL_FACTOR_SPARSE_QR: any shape. Columns whose norm drops to max(FL_OPT_ATOL,
 *    FL_OPT_RTOL * largest column norm) count as dependent (SPQR's default tolerance when
 *    neither is set); fl_factor_rank reports the rank. FL_NO_TRANS solves give the
 *    least-squares solution (a basic one if A is rank-deficient), FL_TRANS the minimum-norm
 *    solution of A^T X = B for A of full column rank.
 * A matrix without entries (n >= 1) is not positive definite (Cholesky, column 0),
 * singular (LU), and a rank-0 QR factor whose solutions are 0.
 * A complex matrix (FL_COMPLEX64/128): LU solves with A, A^T and A^H (FL_CONJ_TRANS) and
 * answers fl_factor_logdet_complex; Cholesky reads a Hermitian positive definite A from one
 * triangle (solves with A^T are with conj(A)); QR is FL_ERR_UNSUPPORTED.
 * *factor is NULL on failure.
 *
 * @param factor receives the new factor; NULL on failure
 * @param kind FL_FACTOR_SPARSE_CHOLESKY, FL_FACTOR_SPARSE_LU or FL_FACTOR_SPARSE_QR
 * @param sparse the matrix A (not changed, not needed afterwards)
 * @param options FL_OPT_CHECK_FINITE, FL_OPT_TRIANGLE, FL_OPT_RTOL, FL_OPT_ATOL, or NULL
 *     for the defaults
 * @return FL_OK, or the status of the first problem found, named with its argument and
 *     value by fl_last_error() */
FL_API fl_status fl_factor_create_sparse(fl_factor **factor, fl_factor_kind kind,
                                         const fl_sparse *sparse, const fl_options *options);

/** A new factor of `sparse`, which must have exactly the pattern `factor` was made from
 * (FL_ERR_INVALID_ARGUMENT names the first column that differs), with its new values.
 * Cholesky and LU reuse the old factor's symbolic analysis (ordering, elimination tree),
 * so only the numeric factorization is redone; QR factors afresh. The old handle is left
 * as it was. FL_ERR_UNSUPPORTED for dense kinds. *refactored is NULL on failure.
 *
 * @param refactored receives the new factor; NULL on failure
 * @param factor the sparse factor whose analysis is reused (not changed)
 * @param sparse the matrix with the same pattern and new values
 * @return FL_OK, or the status of the first problem found, named with its argument and
 *     value by fl_last_error() */
FL_API fl_status fl_factor_refactor(fl_factor **refactored, const fl_factor *factor,
                                    const fl_sparse *sparse);

/** Sparse Cholesky: a new factor of A + V V^T (sign = +1) or A - V V^T (sign = -1) for a
 * sparse n-by-k V (CHOLMOD's cholmod_updown), without refactoring; the old handle is left
 * as it was. FL_ERR_NOT_POSITIVE_DEFINITE if a downdate loses positive definiteness. The
 * new factor's rcond keeps A's 1-norm. A complex factor is FL_ERR_UNSUPPORTED (CHOLMOD's
 * update is real only). *updated is NULL on failure.
 *
 * @param updated receives the new factor; NULL on failure
 * @param factor the sparse Cholesky factor of A (not changed)
 * @param sign +1 (update) or -1 (downdate)
 * @param v the sparse n-by-k V
 * @return FL_OK, or the status of the first problem found, named with its argument and
 *     value by fl_last_error() */
FL_API fl_status fl_factor_rank_update_sparse(fl_factor **updated, const fl_factor *factor,
                                              int sign, const fl_sparse *v);

/* ------------------------------------------------------------------------------------------ */
/* Block-partitioned sums (seed 001)                                                            */
/* ------------------------------------------------------------------------------------------ */

/* Sums over the blocks of partitioned matrices, from the BLMM mixed-model work (seed 001's
 * Lemmas 1-6), each computed as index arithmetic on the caller's memory plus a few GEMMs,
 * never as a loop over the l small products nor with the dense I (x) K (x) I matrices.
 * "A (m-by-k) in blocks of n rows" reads A as [A_1; A_2; ...; A_l], A_i its rows
 * (i-1) n .. i n - 1 and l = m / n. A block size must be at least 1 and divide its matrix's
 * rows (else FL_ERR_INVALID_ARGUMENT naming both, "n1 = 3 does not divide m1 = 8"), and the
 * block counts that a sum pairs must agree (FL_ERR_DIMENSION_MISMATCH). Every matrix has its
 * own layout and leading dimension and the one dtype; out is written, never read, and may
 * not overlap an input. NaN/Inf propagate. A sum over no blocks (l = 0) is a zero out.
 * docs/blmm.md derives each index map and maps the notebook's names to these functions. */

/** out = sum_i A_i B_i^T, n1-by-n2 (Lemma 1), for A (m1-by-k) in blocks of n1 rows and B
 * (m2-by-k) in blocks of n2 rows, m1 / n1 = m2 / n2. Passing A itself as B (same pointer,
 * layout, ld, sizes) takes a SYRK and gives an exactly symmetric out. The notebook's
 * sumAijBijt(A, B, [n1, c], [n2, c]) is this call: sum_ij A_ij B_ij^T = sum_i A_i B_i^T
 * whatever the column blocks. Cost: 2 n1 n2 l k flops (half with A = B) in GEMM (or SYRK)
 * calls; blocks are read in place when they are large (one GEMM each) or tall and A, B are
 * column-major with ld = rows, and otherwise packed side by side a cache-sized panel at a
 * time; sums of a few thousand multiply-adds are plain loops.
 *
 * @param dtype the element type of every array argument, FL_FLOAT32 or FL_FLOAT64
 * @param m1 the rows of A (and of C, where it is split like A)
 * @param m2 the rows of B
 * @param k the columns of A and B
 * @param n1 the rows of A's blocks
 * @param n2 the rows of B's blocks
 * @param a_layout the layout of A
 * @param a A's elements
 * @param lda the leading dimension of A
 * @param b_layout the layout of B
 * @param b B's elements
 * @param ldb the leading dimension of B
 * @param out_layout the layout of out
 * @param out receives the sum
 * @param ldout the leading dimension of out
 * @return FL_OK, or the status of the first problem found, named with its argument and
 *     value by fl_last_error() */
FL_API fl_status fl_block_sum_abt(fl_dtype dtype, int64_t m1, int64_t m2, int64_t k, int64_t n1,
                                  int64_t n2, fl_layout a_layout, const void *a, int64_t lda,
                                  fl_layout b_layout, const void *b, int64_t ldb,
                                  fl_layout out_layout, void *out, int64_t ldout);
/** out = sum_i A_i C B_i^T, n1-by-n2 (Lemma 2), for A (m1-by-k1) in blocks of n1 rows, C
 * (k1-by-k2) and B (m2-by-k2) in blocks of n2 rows. Formed as Lemma 1 of (A C, B) when
 * k2 <= k1, else of (A, B C^T): the cheaper association, 2 m k1 k2 + 2 n m min(k1, k2)
 * flops, the product made a panel of blocks at a time.
 *
 * @param dtype the element type of every array argument, FL_FLOAT32 or FL_FLOAT64
 * @param m1 the rows of A (and of C, where it is split like A)
 * @param m2 the rows of B
 * @param k1 the columns of A, rows of C
 * @param k2 the columns of C and B
 * @param n1 the rows of A's blocks
 * @param n2 the rows of B's blocks
 * @param a_layout the layout of A
 * @param a A's elements
 * @param lda the leading dimension of A
 * @param c_layout the layout of C
 * @param c C's elements
 * @param ldc the leading dimension of C
 * @param b_layout the layout of B
 * @param b B's elements
 * @param ldb the leading dimension of B
 * @param out_layout the layout of out
 * @param out receives the sum
 * @param ldout the leading dimension of out
 * @return FL_OK, or the status of the first problem found, named with its argument and
 *     value by fl_last_error() */
FL_API fl_status fl_block_sum_acbt(fl_dtype dtype, int64_t m1, int64_t m2, int64_t k1, int64_t k2,
                                   int64_t n1, int64_t n2, fl_layout a_layout, const void *a,
                                   int64_t lda, fl_layout c_layout, const void *c, int64_t ldc,
                                   fl_layout b_layout, const void *b, int64_t ldb,
                                   fl_layout out_layout, void *out, int64_t ldout);
/** out = sum_i (A_i - B_i C)(A_i - B_i C)^T, n-by-n and exactly symmetric (Lemma 3), for A
 * (m-by-k1) and B (m-by-k2) in blocks of n rows and C k2-by-k1. Computed as defined (the
 * residual a panel of blocks at a time, then SYRK); the notebook's closed form omits C.
 *
 * @param dtype the element type of every array argument, FL_FLOAT32 or FL_FLOAT64
 * @param m the rows of A and B
 * @param k1 the columns of A and C
 * @param k2 the columns of B, rows of C
 * @param n the rows of every block
 * @param a_layout the layout of A
 * @param a A's elements
 * @param lda the leading dimension of A
 * @param b_layout the layout of B
 * @param b B's elements
 * @param ldb the leading dimension of B
 * @param c_layout the layout of C
 * @param c C's elements
 * @param ldc the leading dimension of C
 * @param out_layout the layout of out
 * @param out receives the sum
 * @param ldout the leading dimension of out
 * @return FL_OK, or the status of the first problem found, named with its argument and
 *     value by fl_last_error() */
FL_API fl_status fl_block_sum_residual(fl_dtype dtype, int64_t m, int64_t k1, int64_t k2, int64_t n,
                                       fl_layout a_layout, const void *a, int64_t lda,
                                       fl_layout b_layout, const void *b, int64_t ldb,
                                       fl_layout c_layout, const void *c, int64_t ldc,
                                       fl_layout out_layout, void *out, int64_t ldout);
/** out = sum_i A_i (x) B_i, (n1 n2)-by-(k1 k2) (Lemma 4; (x) is the Kronecker product), for A
 * (m1-by-k1) in blocks of n1 rows and B (m2-by-k2) in blocks of n2 rows. One GEMM of
 * (n1 k1)-by-(n2 k2) over the l blocks, then one permuting copy into out. Cost:
 * 2 n1 n2 k1 k2 l flops and out's size in scratch memory.
 *
 * @param dtype the element type of every array argument, FL_FLOAT32 or FL_FLOAT64
 * @param m1 the rows of A (and of C, where it is split like A)
 * @param m2 the rows of B
 * @param k1 the columns of A
 * @param k2 the columns of B
 * @param n1 the rows of A's blocks
 * @param n2 the rows of B's blocks
 * @param a_layout the layout of A
 * @param a A's elements
 * @param lda the leading dimension of A
 * @param b_layout the layout of B
 * @param b B's elements
 * @param ldb the leading dimension of B
 * @param out_layout the layout of out
 * @param out receives the sum
 * @param ldout the leading dimension of out
 * @return FL_OK, or the status of the first problem found, named with its argument and
 *     value by fl_last_error() */
FL_API fl_status fl_block_sum_kron(fl_dtype dtype, int64_t m1, int64_t m2, int64_t k1, int64_t k2,
                                   int64_t n1, int64_t n2, fl_layout a_layout, const void *a,
                                   int64_t lda, fl_layout b_layout, const void *b, int64_t ldb,
                                   fl_layout out_layout, void *out, int64_t ldout);
/** out = sum_j sum_i A_i B_j^T (x) C_i D_j^T, n1^2-by-n2^2 (Lemma 5), for A (m1-by-k1) and C
 * (m1-by-k2) in blocks of n1 rows, B (m2-by-k1) and D (m2-by-k2) in blocks of n2 rows (the
 * i and j sums are independent: m1 / n1 and m2 / n2 may differ). Takes the cheaper of
 * (sum_i A_i (x) C_i)(sum_j B_j (x) D_j)^T (the notebook's route, about 2 k1 k2 (n1 m1 +
 * n2 m2) flops) and the grid sum of (A B^T)_ij (x) (C D^T)_ij (about 2 m1 m2 (k1 + k2)).
 *
 * @param dtype the element type of every array argument, FL_FLOAT32 or FL_FLOAT64
 * @param m1 the rows of A and C
 * @param m2 the rows of B and D
 * @param k1 the columns of A and B
 * @param k2 the columns of C and D
 * @param n1 the rows of A's and C's blocks
 * @param n2 the rows of B's and D's blocks
 * @param a_layout the layout of A
 * @param a A's elements
 * @param lda the leading dimension of A
 * @param b_layout the layout of B
 * @param b B's elements
 * @param ldb the leading dimension of B
 * @param c_layout the layout of C
 * @param c C's elements
 * @param ldc the leading dimension of C
 * @param d_layout the layout of D
 * @param d D's elements
 * @param ldd the leading dimension of D
 * @param out_layout the layout of out
 * @param out receives the sum
 * @param ldout the leading dimension of out
 * @return FL_OK, or the status of the first problem found, named with its argument and
 *     value by fl_last_error() */
FL_API fl_status fl_block_sum_kron_abt_cdt(fl_dtype dtype, int64_t m1, int64_t m2, int64_t k1,
                                           int64_t k2, int64_t n1, int64_t n2, fl_layout a_layout,
                                           const void *a, int64_t lda, fl_layout b_layout,
                                           const void *b, int64_t ldb, fl_layout c_layout,
                                           const void *c, int64_t ldc, fl_layout d_layout,
                                           const void *d, int64_t ldd, fl_layout out_layout,
                                           void *out, int64_t ldout);
/** out = sum_i sum_j A_ij (x) B_i C_j^T, n1^2-by-n2^2 (Lemma 6), for A (m1-by-m2) in blocks
 * A_ij of n1-by-n2, B (m1-by-k) in blocks of n1 rows and C (m2-by-k) in blocks of n2 rows.
 * B C^T is formed a band of block rows at a time (never whole). Cost: 2 m1 m2 k +
 * 2 n1 n2 m1 m2 flops.
 *
 * @param dtype the element type of every array argument, FL_FLOAT32 or FL_FLOAT64
 * @param m1 the rows of A and B
 * @param m2 the columns of A, rows of C
 * @param k the columns of B and C
 * @param n1 the rows of A's blocks and B's blocks
 * @param n2 the columns of A's blocks, rows of C's blocks
 * @param a_layout the layout of A
 * @param a A's elements
 * @param lda the leading dimension of A
 * @param b_layout the layout of B
 * @param b B's elements
 * @param ldb the leading dimension of B
 * @param c_layout the layout of C
 * @param c C's elements
 * @param ldc the leading dimension of C
 * @param out_layout the layout of out
 * @param out receives the sum
 * @param ldout the leading dimension of out
 * @return FL_OK, or the status of the first problem found, named with its argument and
 *     value by fl_last_error() */
FL_API fl_status fl_block_sum_kron_grid(fl_dtype dtype, int64_t m1, int64_t m2, int64_t k,
                                        int64_t n1, int64_t n2, fl_layout a_layout, const void *a,
                                        int64_t lda, fl_layout b_layout, const void *b, int64_t ldb,
                                        fl_layout c_layout, const void *c, int64_t ldc,
                                        fl_layout out_layout, void *out, int64_t ldout);

/* The matrix-calculus toolkit of the same notebook. vec(X) stacks X's columns. */

/** out = vecb(X), (l1 l2)-by-(n1 n2): row i l2 + j (0-based) is vec(X_ij)^T for the
 * n1-by-n2 blocks X_ij of the rows-by-cols X (l1 = rows / n1, l2 = cols / n2; each must
 * divide). One block (n1 = rows, n2 = cols) gives vec(X)^T: a 1-by-(rows cols) out with
 * ldout = rows cols is vec(X) itself in memory. The notebook's matb2vecb(A, n) is
 * vecb with blocks of n-by-cols.
 *
 * @param dtype the element type of every array argument, FL_FLOAT32 or FL_FLOAT64
 * @param rows the rows of X
 * @param cols the columns of X
 * @param n1 the rows of each block
 * @param n2 the columns of each block
 * @param x_layout the layout of X
 * @param x X's elements
 * @param ldx the leading dimension of X
 * @param out_layout the layout of out
 * @param out receives vecb(X)
 * @param ldout the leading dimension of out
 * @return FL_OK, or the status of the first problem found, named with its argument and
 *     value by fl_last_error() */
FL_API fl_status fl_vecb(fl_dtype dtype, int64_t rows, int64_t cols, int64_t n1, int64_t n2,
                         fl_layout x_layout, const void *x, int64_t ldx, fl_layout out_layout,
                         void *out, int64_t ldout);
/** out[0 .. n(n+1)/2) = vech(X): the lower triangle of the n-by-n X, column by column
 * (X(0,0), X(1,0), ..., X(n-1,0), X(1,1), ...). The upper triangle is never read.
 *
 * @param dtype the element type of every array argument, FL_FLOAT32 or FL_FLOAT64
 * @param n the order of X
 * @param x_layout the layout of X
 * @param x X's elements
 * @param ldx the leading dimension of X
 * @param out receives the n(n+1)/2 values
 * @return FL_OK, or the status of the first problem found, named with its argument and
 *     value by fl_last_error() */
FL_API fl_status fl_vech(fl_dtype dtype, int64_t n, fl_layout x_layout, const void *x, int64_t ldx,
                         void *out);
/** out = K(m,n) X for X (m n)-by-ncols, K(m,n) the commutation matrix: K(m,n) vec(A) =
 * vec(A^T) for every m-by-n A. Applied as the row permutation it is (row i + j m of X
 * becomes row j + i n), never as a product. K(m,n)^T = K(n,m): swap m and n.
 *
 * @param dtype the element type of every array argument, FL_FLOAT32 or FL_FLOAT64
 * @param m the first order of K(m,n)
 * @param n the second order of K(m,n)
 * @param ncols the columns of X
 * @param x_layout the layout of X
 * @param x X's elements
 * @param ldx the leading dimension of X
 * @param out_layout the layout of out
 * @param out receives K(m,n) X
 * @param ldout the leading dimension of out
 * @return FL_OK, or the status of the first problem found, named with its argument and
 *     value by fl_last_error() */
FL_API fl_status fl_commutation_apply(fl_dtype dtype, int64_t m, int64_t n, int64_t ncols,
                                      fl_layout x_layout, const void *x, int64_t ldx,
                                      fl_layout out_layout, void *out, int64_t ldout);
/** out = K(m,n), (m n)-by-(m n), zeros and ones. The notebook's comMat(a, b) is K(b,a).
 *
 * @param dtype the element type of every array argument, FL_FLOAT32 or FL_FLOAT64
 * @param m the first order of K(m,n)
 * @param n the second order of K(m,n)
 * @param out_layout the layout of out
 * @param out receives K(m,n)
 * @param ldout the leading dimension of out
 * @return FL_OK, or the status of the first problem found, named with its argument and
 *     value by fl_last_error() */
FL_API fl_status fl_commutation_matrix(fl_dtype dtype, int64_t m, int64_t n, fl_layout out_layout,
                                       void *out, int64_t ldout);
/** out = op(M) X, where M is the duplication matrix D(n) (n^2-by-n(n+1)/2, D vech(A) = vec(A)
 * for symmetric A) when pinv = 0, or its Moore-Penrose inverse D(n)^+ = (D^T D)^-1 D^T
 * (n(n+1)/2-by-n^2; D^+ vec(A) = vech(A) for symmetric A) when pinv = 1; op is M or M^T
 * (trans). X has as many rows as op(M) has columns, and ncols columns. Applied as index
 * maps (gathers and pair sums, O(n^2 ncols)), never as products. To apply from the right,
 * out = X op(M), pass X^T and out^T: the same buffers with both layouts flipped and the
 * other trans.
 *
 * @param dtype the element type of every array argument, FL_FLOAT32 or FL_FLOAT64
 * @param n the order of D(n)
 * @param pinv 0 for D(n), 1 for D(n)^+
 * @param trans FL_NO_TRANS (M) or FL_TRANS (M^T)
 * @param ncols the columns of X
 * @param x_layout the layout of X
 * @param x X's elements
 * @param ldx the leading dimension of X
 * @param out_layout the layout of out
 * @param out receives op(M) X
 * @param ldout the leading dimension of out
 * @return FL_OK, or the status of the first problem found, named with its argument and
 *     value by fl_last_error() */
FL_API fl_status fl_duplication_apply(fl_dtype dtype, int64_t n, int pinv, fl_transpose trans,
                                      int64_t ncols, fl_layout x_layout, const void *x, int64_t ldx,
                                      fl_layout out_layout, void *out, int64_t ldout);
/** out = D(n) (pinv = 0, n^2-by-n(n+1)/2) or D(n)^+ (pinv = 1, n(n+1)/2-by-n^2). The
 * transpose is the same buffer read in the other layout.
 *
 * @param dtype the element type of every array argument, FL_FLOAT32 or FL_FLOAT64
 * @param n the order of D(n)
 * @param pinv 0 for D(n), 1 for D(n)^+
 * @param out_layout the layout of out
 * @param out receives the matrix
 * @param ldout the leading dimension of out
 * @return FL_OK, or the status of the first problem found, named with its argument and
 *     value by fl_last_error() */
FL_API fl_status fl_duplication_matrix(fl_dtype dtype, int64_t n, int pinv, fl_layout out_layout,
                                       void *out, int64_t ldout);

/* ------------------------------------------------------------------------------------------ */
/* What runs underneath                                                                         */
/* ------------------------------------------------------------------------------------------ */

/** The BLAS/LAPACK library's own description of its build, e.g. "OpenBLAS 0.3.21
 * NO_LAPACKE DYNAMIC_ARCH NO_AFFINITY Haswell MAX_THREADS=64". Never NULL.
 *
 * @return a static string, never NULL */
FL_API const char *fl_blas_info(void);
/** The CPU kernel set the BLAS chose at run time, e.g. "Haswell" or "SkylakeX". OpenBLAS
 * lets the environment variable OPENBLAS_CORETYPE override its choice. Never NULL.
 *
 * @return a static string, never NULL */
FL_API const char *fl_blas_core(void);
/** The number of threads the BLAS uses for large problems. Process-wide, like the BLAS
 * setting it controls. fastlinalg runs small factorizations on one thread whatever
 * this says, because threads cost more than they give below a few hundred rows.
 *
 * @return the thread count, >= 1 */
FL_API int fl_get_num_threads(void);
/** Sets that number, from 1 to the BLAS's maximum (OpenBLAS's MAX_THREADS build setting,
 * shown in fl_blas_info(); a larger value is FL_ERR_INVALID_ARGUMENT naming the maximum,
 * where OpenBLAS itself would silently use fewer). Affects every user of the BLAS in this
 * process.
 *
 * @param num_threads the BLAS thread count, from 1 to the BLAS's maximum
 * @return FL_OK, or the status of the first problem found, named with its argument and
 *     value by fl_last_error() */
FL_API fl_status fl_set_num_threads(int num_threads);

/** Hands back to the system the memory fastlinalg keeps for reuse, and returns how many
 * bytes that was.
 *
 * Why it keeps any: the storage of a destroyed factor and the scratch of a product, from
 * 64 KiB up, are kept for the next request of about the same size (at least the size and
 * at most twice it), so that a loop of create + solve + destroy does not fault in and zero
 * fresh pages on every round (for a 64 MB matrix that costs 40 ms on a machine where the
 * copy itself takes 10). At most 8 blocks and 256 MiB are kept, process-wide; the
 * environment variable FASTLINALG_RETAIN_MB, read once at the first such request, sets
 * another limit in MiB (0 keeps nothing); a block above the limit is unmapped when
 * released, and the blocks kept longest make room for a new one. Thread-safe.
 *
 * @return the number of bytes handed back (0 when nothing was kept) */
FL_API int64_t fl_release_memory(void);

#ifdef __cplusplus
}
#endif

#endif /* FASTLINALG_H */
