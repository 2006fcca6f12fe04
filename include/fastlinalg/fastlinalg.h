/*
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

#if defined(_WIN32) && defined(FL_BUILDING_LIBRARY)
#define FL_API __declspec(dllexport)
#elif defined(__GNUC__) || defined(__clang__)
#define FL_API __attribute__((visibility("default")))
#else
#define FL_API
#endif

/* Every fl_* enum is an int in C. C++ is told so explicitly, so that any int a C caller
 * passes is a valid value there too (and gets FL_ERR_INVALID_ARGUMENT, not undefined
 * behaviour, when it names no enumerator). */
#ifdef __cplusplus
#define FL_ENUM_TYPE : int
#else
#define FL_ENUM_TYPE
#endif

#define FL_VERSION_MAJOR 0
#define FL_VERSION_MINOR 1
#define FL_VERSION_PATCH 0
/* One number that compares in order: major * 10000 + minor * 100 + patch. */
#define FL_VERSION_NUMBER (FL_VERSION_MAJOR * 10000 + FL_VERSION_MINOR * 100 + FL_VERSION_PATCH)

/* The version of the library actually loaded, as "MAJOR.MINOR.PATCH". Compare it with
 * FL_VERSION_NUMBER to detect a header/library mismatch. Never NULL. */
FL_API const char *fl_version(void);
/* The same version as FL_VERSION_NUMBER computes it. */
FL_API int fl_version_number(void);

/* ------------------------------------------------------------------------------------------ */
/* Status and errors                                                                            */
/* ------------------------------------------------------------------------------------------ */

/* The values are part of the ABI and never change; new codes are appended. */
typedef enum fl_status FL_ENUM_TYPE {
    FL_OK = 0,
    FL_ERR_INVALID_ARGUMENT = 1,     /* a NULL pointer, a negative size, a bad enum value, ld too small */
    FL_ERR_DIMENSION_MISMATCH = 2,   /* shapes that do not fit together (B's rows vs A's order, ...) */
    FL_ERR_DTYPE_MISMATCH = 3,       /* a matrix's dtype differs from the factor's */
    FL_ERR_SINGULAR = 4,             /* LU: an exactly zero pivot; the message names it */
    FL_ERR_NOT_POSITIVE_DEFINITE = 5,/* Cholesky: a leading minor is not positive definite */
    FL_ERR_NON_FINITE = 6,           /* NaN or Inf in the input (see FL_OPT_CHECK_FINITE) */
    FL_ERR_TOO_LARGE = 7,            /* a size beyond int64 products or LAPACK's 32-bit integers */
    FL_ERR_OUT_OF_MEMORY = 8,        /* an allocation failed */
    FL_ERR_UNSUPPORTED = 9,          /* a valid request this kind of factor cannot answer */
    FL_ERR_INTERNAL = 10             /* a bug in fastlinalg or underneath: please report it */
} fl_status;

/* A static, human-readable name of a status ("singular matrix"). Never NULL: unknown
 * values give "unknown status". */
FL_API const char *fl_status_string(fl_status status);

/* The message of the last fastlinalg call on this thread that returned a status: empty
 * after FL_OK, else what was wrong and with which argument, e.g.
 * "fl_factor_create: lda = 3 is smaller than cols = 5 (row-major)". The pointer is
 * thread-local and valid until this thread's next fastlinalg call. Never NULL. */
FL_API const char *fl_last_error(void);

/* ------------------------------------------------------------------------------------------ */
/* Matrix description                                                                           */
/* ------------------------------------------------------------------------------------------ */

typedef enum fl_dtype FL_ENUM_TYPE {
    FL_FLOAT32 = 1, /* float */
    FL_FLOAT64 = 2  /* double */
} fl_dtype;

typedef enum fl_layout FL_ENUM_TYPE {
    FL_ROW_MAJOR = 1, /* C, numpy, Rust, Go: element (i, j) at p[i*ld + j] */
    FL_COL_MAJOR = 2  /* Fortran, Julia, LAPACK: element (i, j) at p[i + j*ld] */
} fl_layout;

typedef enum fl_transpose FL_ENUM_TYPE {
    FL_NO_TRANS = 1, /* solve A X = B */
    FL_TRANS = 2     /* solve A^T X = B */
} fl_transpose;

typedef enum fl_triangle FL_ENUM_TYPE {
    FL_LOWER = 1,
    FL_UPPER = 2
} fl_triangle;

/* ------------------------------------------------------------------------------------------ */
/* Options                                                                                      */
/* ------------------------------------------------------------------------------------------ */

/* An options handle. Passing NULL wherever options are taken means "all defaults". */
typedef struct fl_options fl_options;

typedef enum fl_option FL_ENUM_TYPE {
    /* 1 (default): reject NaN and Inf in the input with FL_ERR_NON_FINITE, naming the
     * first such element. 0: skip the O(n^2) check, like scipy's check_finite=False; the
     * results for non-finite input are then whatever LAPACK makes of them. */
    FL_OPT_CHECK_FINITE = 1,
    /* Cholesky: which triangle of A is read, FL_LOWER (default) or FL_UPPER, in the
     * caller's layout. The other triangle is never read. */
    FL_OPT_TRIANGLE = 2
} fl_option;

/* Creates an options handle holding every default. *options is NULL on failure. */
FL_API fl_status fl_options_create(fl_options **options);
FL_API void fl_options_destroy(fl_options *options);
/* Sets one option. An unknown option or a value outside its range gives
 * FL_ERR_INVALID_ARGUMENT and leaves the handle unchanged. */
FL_API fl_status fl_options_set_int(fl_options *options, fl_option option, int64_t value);
FL_API fl_status fl_options_get_int(const fl_options *options, fl_option option, int64_t *value);

/* ------------------------------------------------------------------------------------------ */
/* Factorizations                                                                               */
/* ------------------------------------------------------------------------------------------ */

/* A factorization of one matrix A. Immutable once built; safe to share between threads. */
typedef struct fl_factor fl_factor;

/* The values are part of the ABI; later kinds are appended. */
typedef enum fl_factor_kind FL_ENUM_TYPE {
    FL_FACTOR_LU = 1,      /* P A = L U with partial pivoting (LAPACK getrf); A square */
    FL_FACTOR_CHOLESKY = 2 /* A = L L^T, A symmetric positive definite (LAPACK potrf) */
} fl_factor_kind;

/* Factors the rows-by-cols matrix A (dtype, layout, lda as described above) and stores
 * *factor, which the caller releases with fl_factor_destroy. A itself is only read and
 * is copied exactly once, into the factor. A row-major A is factored as the
 * column-major A^T it already is in memory, so no transposed copy is ever made.
 *
 * Returns FL_ERR_SINGULAR (LU) or FL_ERR_NOT_POSITIVE_DEFINITE (Cholesky) with the
 * offending pivot or minor, 1-based, in the message; FL_ERR_NON_FINITE for NaN/Inf
 * unless FL_OPT_CHECK_FINITE is 0; FL_ERR_INVALID_ARGUMENT if A is not square.
 * A 0-by-0 matrix is valid: its determinant is 1 and solves return empty results.
 * *factor is NULL on any failure. Cost: (2/3) n^3 flops (LU), (1/3) n^3 (Cholesky). */
FL_API fl_status fl_factor_create(fl_factor **factor, fl_factor_kind kind, fl_dtype dtype,
                                  fl_layout layout, int64_t rows, int64_t cols, const void *a,
                                  int64_t lda, const fl_options *options);
FL_API void fl_factor_destroy(fl_factor *factor);

/* What a handle holds. For a NULL handle these return 0 and set fl_last_error. */
FL_API fl_factor_kind fl_factor_get_kind(const fl_factor *factor);
FL_API fl_dtype fl_factor_get_dtype(const fl_factor *factor);
FL_API int64_t fl_factor_rows(const fl_factor *factor);
FL_API int64_t fl_factor_cols(const fl_factor *factor);

/* Solves op(A) X = B for nrhs right-hand sides at once, op(A) = A or A^T (trans).
 * B is n-by-nrhs in b_layout with ldb; X is n-by-nrhs in x_layout with ldx, and is
 * written, never read. dtype must be the factor's (else FL_ERR_DTYPE_MISMATCH).
 *
 * In place: pass x == b with the same layout and leading dimension. Any other overlap
 * of B and X is rejected. B and X may have different layouts; then B is transposed
 * into X on the way. The work is done in X with BLAS-3 triangular solves whatever the
 * layout, so one call with many right-hand sides is much faster than many calls with
 * one. Cost: 2 n^2 nrhs flops. B is not checked for NaN/Inf: they propagate. */
FL_API fl_status fl_factor_solve(const fl_factor *factor, fl_transpose trans, fl_dtype dtype,
                                 int64_t nrhs, fl_layout b_layout, const void *b, int64_t ldb,
                                 fl_layout x_layout, void *x, int64_t ldx);

/* det(A) = sign * exp(logabsdet), computed from the factor's diagonal without overflow
 * (log|det| of a 5000-by-5000 matrix is fine). sign is +1 or -1 (always +1 for
 * Cholesky). For a 0-by-0 matrix: sign = 1, logabsdet = 0. Either pointer may be NULL. */
FL_API fl_status fl_factor_logdet(const fl_factor *factor, double *sign, double *logabsdet);

/* An estimate of the reciprocal condition number of A in the 1-norm,
 * 1 / (||A||_1 ||A^-1||_1), from LAPACK's gecon/pocon: 0 < rcond <= 1, small means
 * ill-conditioned. Cost O(n^2). For a 0-by-0 matrix rcond is 1 (as in LAPACK).*/
FL_API fl_status fl_factor_rcond(const fl_factor *factor, double *rcond);

/* Writes A^-1 (n-by-n) into inv in the given layout with ld >= n. Prefer
 * fl_factor_solve: forming the inverse costs more and is less accurate than solving.
 * Cost: (4/3) n^3 flops (LU), n^3 (Cholesky). */
FL_API fl_status fl_factor_inverse(const fl_factor *factor, fl_dtype dtype, fl_layout layout,
                                   void *inv, int64_t ld);

/* ------------------------------------------------------------------------------------------ */
/* What runs underneath                                                                         */
/* ------------------------------------------------------------------------------------------ */

/* The BLAS/LAPACK library's own description of its build, e.g. "OpenBLAS 0.3.21
 * NO_LAPACKE DYNAMIC_ARCH NO_AFFINITY Haswell MAX_THREADS=64". Never NULL. */
FL_API const char *fl_blas_info(void);
/* The CPU kernel set the BLAS chose at run time, e.g. "Haswell" or "SkylakeX". OpenBLAS
 * lets the environment variable OPENBLAS_CORETYPE override its choice. Never NULL. */
FL_API const char *fl_blas_core(void);
/* The number of threads the BLAS uses for large problems. Process-wide, like the BLAS
 * setting it controls. fastlinalg runs small factorizations on one thread whatever
 * this says, because threads cost more than they give below a few hundred rows. */
FL_API int fl_get_num_threads(void);
/* Sets that number (1 or more). Affects every user of the BLAS in this process. */
FL_API fl_status fl_set_num_threads(int num_threads);

#ifdef __cplusplus
}
#endif

#endif /* FASTLINALG_H */
