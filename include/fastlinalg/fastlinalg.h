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
    /* Cholesky, LDL^T, symmetric eigen: which triangle of A is read, FL_LOWER (default)
     * or FL_UPPER, in the caller's layout. The other triangle is never read. */
    FL_OPT_TRIANGLE = 2,
    /* Real. The relative tolerance of rank decisions (COD, SVD, symmetric eigen): values
     * (singular values, |eigenvalues|, |R's diagonal|) at or below
     * max(FL_OPT_ATOL, FL_OPT_RTOL * largest) count as zero. Default -1, meaning
     * max(rows, cols) * epsilon of the dtype: numpy's matrix_rank and scipy's pinv default.
     * Set it in [0, 1). */
    FL_OPT_RTOL = 3,
    /* Real. The absolute tolerance of rank decisions, >= 0. Default 0. */
    FL_OPT_ATOL = 4
} fl_option;

/* Creates an options handle holding every default. *options is NULL on failure. */
FL_API fl_status fl_options_create(fl_options **options);
FL_API void fl_options_destroy(fl_options *options);
/* Sets one option. An unknown option or a value outside its range gives
 * FL_ERR_INVALID_ARGUMENT and leaves the handle unchanged. */
FL_API fl_status fl_options_set_int(fl_options *options, fl_option option, int64_t value);
FL_API fl_status fl_options_get_int(const fl_options *options, fl_option option, int64_t *value);
/* The same for the real-valued options (FL_OPT_RTOL, FL_OPT_ATOL). Setting an integer
 * option through these, or a real one through the _int pair, is FL_ERR_INVALID_ARGUMENT. */
FL_API fl_status fl_options_set_real(fl_options *options, fl_option option, double value);
FL_API fl_status fl_options_get_real(const fl_options *options, fl_option option, double *value);

/* ------------------------------------------------------------------------------------------ */
/* Factorizations                                                                               */
/* ------------------------------------------------------------------------------------------ */

/* A factorization of one matrix A. Immutable once built; safe to share between threads. */
typedef struct fl_factor fl_factor;

/* The values are part of the ABI; later kinds are appended. */
typedef enum fl_factor_kind FL_ENUM_TYPE {
    FL_FACTOR_LU = 1,       /* P A = L U with partial pivoting (LAPACK getrf); A square */
    FL_FACTOR_CHOLESKY = 2, /* A = L L^T, A symmetric positive definite (LAPACK potrf) */
    FL_FACTOR_LDLT = 3,     /* P A P^T = L D L^T, Bunch-Kaufman (LAPACK sytrf); A symmetric */
    FL_FACTOR_QR = 4,       /* A = Q R, Householder (LAPACK geqrf); rows >= cols, full rank */
    FL_FACTOR_COD = 5,      /* A P = Q [T 0; 0 0] Z, complete orthogonal (geqp3 + tzrzf), any shape */
    FL_FACTOR_SVD = 6,      /* A = U diag(s) V^T, thin, divide and conquer (gesdd), any shape */
    FL_FACTOR_EIGH = 7,     /* A = V diag(w) V^T, A symmetric (LAPACK syevd) */
    /* Only as a request to fl_factor_create: picks one of the above as Julia's factorize
     * does, and fl_factor_get_kind reports which. Exactly symmetric with a positive
     * diagonal: Cholesky, falling back to LDL^T; other symmetric: LDL^T; other square: LU;
     * LU or LDL^T meeting an exactly zero pivot falls back to COD; tall: QR, or COD when
     * R's rcond is at or below the rank tolerance; wide: COD. */
    FL_FACTOR_AUTO = 8
} fl_factor_kind;

/* Factors the rows-by-cols matrix A (dtype, layout, lda as described above) and stores
 * *factor, which the caller releases with fl_factor_destroy. A itself is only read and
 * is copied exactly once, into the factor. A row-major A is factored as the
 * column-major A^T it already is in memory where the kind allows (LU), so no transposed
 * copy is made.
 *
 * Returns FL_ERR_SINGULAR (LU, LDL^T: an exactly zero pivot) or
 * FL_ERR_NOT_POSITIVE_DEFINITE (Cholesky) with the offending pivot or minor, 1-based, in
 * the message; FL_ERR_NON_FINITE for NaN/Inf unless FL_OPT_CHECK_FINITE is 0;
 * FL_ERR_INVALID_ARGUMENT if A's shape does not suit the kind (square for LU, Cholesky,
 * LDL^T and EIGH; rows >= cols for QR); FL_ERR_SINGULAR from QR if R has an exactly
 * zero diagonal element (use COD or SVD for rank-deficient A); FL_ERR_INTERNAL naming
 * the driver if an SVD or eigen iteration fails to converge (SVD first retries with
 * LAPACK's gesvd).
 * Empty matrices are valid: a 0-by-0 determinant is 1 and solves return empty results.
 * *factor is NULL on any failure. Cost: (2/3) n^3 flops (LU), (1/3) n^3 (Cholesky,
 * LDL^T), 2 m n^2 - (2/3) n^3 (QR), a few times more for COD, SVD and EIGH. */
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
 * for square kinds. B is not checked for NaN/Inf: they propagate. */
FL_API fl_status fl_factor_solve(const fl_factor *factor, fl_transpose trans, fl_dtype dtype,
                                 int64_t nrhs, fl_layout b_layout, const void *b, int64_t ldb,
                                 fl_layout x_layout, void *x, int64_t ldx);

/* det(A) = sign * exp(logabsdet), computed from the factor without overflow (log|det|
 * of a 5000-by-5000 matrix is fine). sign is +1 or -1 (always +1 for Cholesky), and 0
 * with logabsdet = -inf for a singular EIGH or LDL^T factor. For a 0-by-0 matrix:
 * sign = 1, logabsdet = 0. Either pointer may be NULL. LU, Cholesky, LDL^T and EIGH
 * only; FL_ERR_UNSUPPORTED for the others. */
FL_API fl_status fl_factor_logdet(const fl_factor *factor, double *sign, double *logabsdet);

/* The reciprocal condition number of A: 0 <= rcond <= 1, small means ill-conditioned.
 * LU, Cholesky, LDL^T: LAPACK's estimate (gecon/pocon/sycon) of 1 / (||A||_1 ||A^-1||_1),
 * cost O(n^2). QR and COD: the same estimate for the triangular factor R (or COD's
 * leading T), which has A's singular values. SVD and EIGH: exactly
 * smallest / largest singular value (2-norm), 0 if A is singular. For an empty matrix
 * rcond is 1 (as in LAPACK). */
FL_API fl_status fl_factor_rcond(const fl_factor *factor, double *rcond);

/* Writes A^-1 into inv (cols-by-rows of A) in the given layout. For QR, COD, SVD and
 * EIGH this is the Moore-Penrose pseudo-inverse A^+ (with the rank decided as for
 * solves). Prefer fl_factor_solve: forming the inverse costs more and is less accurate
 * than solving. Cost: (4/3) n^3 flops (LU), n^3 (Cholesky). */
FL_API fl_status fl_factor_inverse(const fl_factor *factor, fl_dtype dtype, fl_layout layout,
                                   void *inv, int64_t ld);

/* The numerical rank: the number of singular values (SVD), |eigenvalues| (EIGH) or
 * |diagonal elements of COD's R| above max(FL_OPT_ATOL, FL_OPT_RTOL * largest).
 * FL_ERR_UNSUPPORTED for kinds that do not reveal rank (LU, Cholesky, LDL^T, QR). */
FL_API fl_status fl_factor_rank(const fl_factor *factor, int64_t *rank);

/* The inertia of a symmetric A: how many eigenvalues are positive, negative and zero
 * (LDL^T reads it from D, by Sylvester's law; EIGH counts eigenvalues within the rank
 * tolerance as zero; Cholesky: all positive). Any pointer may be NULL. */
FL_API fl_status fl_factor_inertia(const fl_factor *factor, int64_t *positive, int64_t *negative,
                                   int64_t *zero);

/* Parts of a factorization that can be copied out as matrices. */
typedef enum fl_factor_part FL_ENUM_TYPE {
    FL_PART_SINGULAR_VALUES = 1, /* SVD: min(m,n)-by-1, descending */
    FL_PART_U = 2,               /* SVD: m-by-min(m,n), the left singular vectors */
    FL_PART_VT = 3,              /* SVD: min(m,n)-by-n, the right singular vectors as rows */
    FL_PART_EIGENVALUES = 4,     /* EIGH: n-by-1, ascending */
    FL_PART_EIGENVECTORS = 5,    /* EIGH: n-by-n, column j for eigenvalue j, orthonormal */
    FL_PART_Q = 6,               /* QR: m-by-n, the thin Q with orthonormal columns */
    FL_PART_R = 7                /* QR: n-by-n, upper triangular (zeros below) */
} fl_factor_part;

/* The shape of a part. FL_ERR_UNSUPPORTED if this kind of factor has no such part
 * ("an LU factor has no singular values"). */
FL_API fl_status fl_factor_part_shape(const fl_factor *factor, fl_factor_part part, int64_t *rows,
                                      int64_t *cols);
/* Copies a part into out (its shape as above) in the given layout. */
FL_API fl_status fl_factor_get_part(const fl_factor *factor, fl_factor_part part, fl_dtype dtype,
                                    fl_layout layout, void *out, int64_t ld);

/* QR, COD: C <- op(Q) C in place, for the full m-by-m orthogonal Q and an m-by-ncols C,
 * without forming Q (LAPACK ormqr). */
FL_API fl_status fl_factor_apply_q(const fl_factor *factor, fl_transpose trans, fl_dtype dtype,
                                   int64_t ncols, fl_layout layout, void *c, int64_t ldc);

/* QR, COD, SVD: the 2-norms of the least-squares residuals ||b_j - A x_j|| of the
 * nrhs columns of B (m-by-nrhs), without computing X. norms receives nrhs values of the
 * factor's dtype. */
FL_API fl_status fl_factor_residual_norms(const fl_factor *factor, fl_dtype dtype, int64_t nrhs,
                                          fl_layout b_layout, const void *b, int64_t ldb,
                                          void *norms);

/* EIGH: a ridge path in one call. For each of the nshifts values lambda_l, solves
 * (A + lambda_l I) X_l = B, n-by-nrhs, writing X_l at x + l * x_stride elements, each
 * in x_layout with ldx (x_stride must leave the X_l apart). Cost: 2 n^2 nrhs flops once,
 * then 2 n^2 nrhs per shift; no refactorization. FL_ERR_SINGULAR if some
 * lambda_l + eigenvalue is exactly 0. */
FL_API fl_status fl_factor_solve_shifted(const fl_factor *factor, fl_dtype dtype, int64_t nshifts,
                                         const double *shifts, int64_t nrhs, fl_layout b_layout,
                                         const void *b, int64_t ldb, fl_layout x_layout, void *x,
                                         int64_t ldx, int64_t x_stride);

/* Cholesky: a new factor of A + V V^T (sign = +1, update) or A - V V^T (sign = -1,
 * downdate) for V n-by-k, in O(n^2 k) flops without refactoring; the old handle is left
 * as it was. A downdate that would make the matrix lose positive definiteness gives
 * FL_ERR_NOT_POSITIVE_DEFINITE naming the column of V; NaN/Inf in V gives
 * FL_ERR_NON_FINITE. *updated is NULL on failure. The new factor's rcond uses an
 * estimate of ||A +- V V^T||_1 (Higham's estimator, O(n^2) per step), since the matrix
 * itself is never formed. */
FL_API fl_status fl_factor_rank_update(fl_factor **updated, const fl_factor *factor, int sign,
                                       fl_dtype dtype, int64_t k, fl_layout layout, const void *v,
                                       int64_t ldv);

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
