/** @file
 * fastlinalg over MPI — the same factor-once, solve-many handles on many processes.
 *
 * The public header of libfastlinalg_mpi, an optional component built on ScaLAPACK (dense)
 * and MUMPS (sparse). Requires fastlinalg.h (fl_status, fl_dtype, fl_layout, fl_factor_kind)
 * but not libfastlinalg itself: link -lfastlinalg_mpi (pkg-config fastlinalg_mpi, CMake
 * fastlinalg::fastlinalg_mpi). docs/scale.md says how to run it on a cluster.
 *
 * Conventions, on top of fastlinalg.h's:
 *
 *  - The communicator crosses the ABI as its Fortran integer handle: MPI_Comm_c2f(comm) in
 *    C, comm.py2f() in mpi4py. The library never initialises or finalises MPI; MPI must be
 *    initialised when a context is created and finalised only after it is destroyed.
 *  - Functions marked "Collective" must be called by every rank of the context's
 *    communicator, in the same order. Their status is agreed between the ranks: if any
 *    rank fails, every rank returns the status of the lowest failing rank, and every
 *    rank's fl_mpi_last_error() holds that rank's message followed by " [rank r]". A
 *    failure is therefore never a hang. Sizes that differ between ranks are
 *    FL_ERR_DIMENSION_MISMATCH on every rank.
 *  - Errors of this library are read with fl_mpi_last_error(), not fl_last_error(): the
 *    two libraries keep separate thread-local messages, so neither has to link the other.
 *  - Handles are opaque. A NULL handle argument is reported on the calling rank only
 *    (no agreement is possible without a context). Destroy matrices and factors before
 *    the context they were made on.
 *  - float64 only for now: FL_FLOAT32 is FL_ERR_UNSUPPORTED.
 */
#ifndef FASTLINALG_MPI_H
#define FASTLINALG_MPI_H

#include "fastlinalg/fastlinalg.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------------------------ */
/* Errors                                                                                       */
/* ------------------------------------------------------------------------------------------ */

/** The message of this thread's last fl_mpi_* call that returned a status.
 *  Empty after FL_OK, else what was wrong, e.g. "fl_mpi_factor_create: A(3,3) is exactly
 *  zero: A is singular [rank 0]". Thread-local, valid until this thread's next fl_mpi_*
 *  call. fl_status_string() of libfastlinalg names the status itself.
 *  @return a message, never NULL */
FL_API const char *fl_mpi_last_error(void);

/* ------------------------------------------------------------------------------------------ */
/* Contexts: a communicator and its process grid                                               */
/* ------------------------------------------------------------------------------------------ */

/** A communicator (duplicated, so that fastlinalg's messages never mix with the caller's)
 *  and a BLACS process grid of nprow-by-npcol processes over it. */
typedef struct fl_mpi_context fl_mpi_context;

/** Creates a context over a communicator.  Collective.  Rank r of the communicator is the
 *  grid process (r / npcol, r % npcol) (row-major order).  With nprow = npcol = 0 the grid
 *  is chosen from the process count P: the most nearly square nprow-by-npcol with
 *  nprow <= npcol and nprow * npcol = P (1x2 for 2, 2x2 for 4, 1x3 for 3).
 *  @param context receives the new context, NULL on failure; release with fl_mpi_context_destroy
 *  @param comm the communicator's Fortran handle (MPI_Comm_c2f, mpi4py's comm.py2f())
 *  @param nprow process rows, or 0 with npcol = 0 for the default grid
 *  @param npcol process columns; nprow * npcol must equal the communicator's size
 *  @return FL_OK; FL_ERR_INVALID_ARGUMENT if MPI is not initialised, comm is not a valid
 *          communicator or the grid does not match the size; FL_ERR_DIMENSION_MISMATCH if
 *          the ranks ask for different grids */
FL_API fl_status fl_mpi_context_create(fl_mpi_context **context, int64_t comm, int64_t nprow,
                                       int64_t npcol);

/** Destroys a context: frees its grid and its duplicated communicator.  Collective.
 *  NULL does nothing.  @param context the context, or NULL */
FL_API void fl_mpi_context_destroy(fl_mpi_context *context);

/** The process grid and this rank's place in it.  Local.  Any pointer may be NULL.
 *  @param context the context
 *  @param nprow receives the number of process rows
 *  @param npcol receives the number of process columns
 *  @param myrow receives this rank's process row
 *  @param mycol receives this rank's process column
 *  @return FL_OK; FL_ERR_INVALID_ARGUMENT for a NULL context */
FL_API fl_status fl_mpi_context_grid(const fl_mpi_context *context, int64_t *nprow, int64_t *npcol,
                                     int64_t *myrow, int64_t *mycol);

/* ------------------------------------------------------------------------------------------ */
/* Distributed dense matrices (2-D block-cyclic, as ScaLAPACK lays them out)                    */
/* ------------------------------------------------------------------------------------------ */

/** A rows-by-cols matrix distributed 2-D block-cyclically over a context's grid.
 *
 *  The layout, exactly (0-based, as ScaLAPACK's with RSRC = CSRC = 0): rows are cut into
 *  blocks of row_block rows and block b lives on process row b % nprow; columns likewise
 *  with col_block and npcol.  Global element (i, j) lives on process
 *  (pr, pc) = ((i / row_block) % nprow, (j / col_block) % npcol), at local row
 *  li = (i / (row_block * nprow)) * row_block + i % row_block and local column
 *  lj = (j / (col_block * npcol)) * col_block + j % col_block.  Each rank holds its
 *  local_rows-by-local_cols piece column-major: element (li, lj) at p[li + lj * ld]. */
typedef struct fl_mpi_matrix fl_mpi_matrix;

/** Creates a distributed matrix of zeros.  Collective.
 *  @param matrix receives the new matrix, NULL on failure; release with fl_mpi_matrix_destroy
 *  @param context the context whose grid holds it (must outlive the matrix)
 *  @param dtype FL_FLOAT64
 *  @param rows global rows, >= 0
 *  @param cols global columns, >= 0
 *  @param row_block rows per block, >= 1, or 0 for the default
 *  @param col_block columns per block, >= 1, or 0 for the default.  The default for both
 *         is min(64, max(1, ceil(max(rows, cols) / (4 * max(nprow, npcol))))): 64 for
 *         large matrices, smaller ones so each process still gets several blocks.  The
 *         factors need row_block == col_block (square blocks).
 *  @return FL_OK; FL_ERR_INVALID_ARGUMENT for bad sizes; FL_ERR_DIMENSION_MISMATCH if the
 *          ranks pass different values; FL_ERR_UNSUPPORTED for FL_FLOAT32;
 *          FL_ERR_TOO_LARGE beyond 32-bit local sizes; FL_ERR_OUT_OF_MEMORY */
FL_API fl_status fl_mpi_matrix_create(fl_mpi_matrix **matrix, const fl_mpi_context *context,
                                      fl_dtype dtype, int64_t rows, int64_t cols, int64_t row_block,
                                      int64_t col_block);

/** Destroys a matrix.  Local.  NULL does nothing.  @param matrix the matrix, or NULL */
FL_API void fl_mpi_matrix_destroy(fl_mpi_matrix *matrix);

/** The global shape, the blocking, and this rank's local piece.  Local.  Any pointer may
 *  be NULL.
 *  @param matrix the matrix
 *  @param rows receives the global rows
 *  @param cols receives the global columns
 *  @param row_block receives the rows per block
 *  @param col_block receives the columns per block
 *  @param local_rows receives the rows of this rank's piece
 *  @param local_cols receives the columns of this rank's piece
 *  @return FL_OK; FL_ERR_INVALID_ARGUMENT for a NULL matrix */
FL_API fl_status fl_mpi_matrix_shape(const fl_mpi_matrix *matrix, int64_t *rows, int64_t *cols,
                                     int64_t *row_block, int64_t *col_block, int64_t *local_rows,
                                     int64_t *local_cols);

/** Overwrites this rank's piece with local (column-major, local_rows-by-local_cols,
 *  leading dimension ld).  Local: each rank sets its own piece; no communication.
 *  @param matrix the matrix
 *  @param dtype FL_FLOAT64
 *  @param local the piece, NULL only if it has no elements
 *  @param ld its leading dimension, >= max(1, local_rows)
 *  @return FL_OK; FL_ERR_INVALID_ARGUMENT for a NULL pointer, ld too small or a matrix
 *          consumed by fl_mpi_factor_create; FL_ERR_DTYPE_MISMATCH */
FL_API fl_status fl_mpi_matrix_set_local(fl_mpi_matrix *matrix, fl_dtype dtype, const void *local,
                                         int64_t ld);

/** Copies this rank's piece out (column-major, leading dimension ld).  Local.
 *  @param matrix the matrix
 *  @param dtype FL_FLOAT64
 *  @param local receives the piece, NULL only if it has no elements
 *  @param ld its leading dimension, >= max(1, local_rows)
 *  @return as fl_mpi_matrix_set_local */
FL_API fl_status fl_mpi_matrix_get_local(const fl_mpi_matrix *matrix, fl_dtype dtype, void *local,
                                         int64_t ld);

/** Overwrites the matrix with a full rows-by-cols matrix held by one rank.  Collective.
 *  Moves one block column at a time, so the root needs only one panel of extra memory.
 *  @param matrix the matrix
 *  @param root the rank holding a; on the other ranks a and lda are not read
 *  @param dtype FL_FLOAT64
 *  @param layout a's layout, FL_ROW_MAJOR or FL_COL_MAJOR
 *  @param a the full matrix on root
 *  @param lda its leading dimension (see fastlinalg.h)
 *  @return FL_OK; FL_ERR_INVALID_ARGUMENT for a bad root, layout, pointer or lda (checked
 *          on root); FL_ERR_DIMENSION_MISMATCH if the ranks name different roots */
FL_API fl_status fl_mpi_matrix_scatter(fl_mpi_matrix *matrix, int64_t root, fl_dtype dtype,
                                       fl_layout layout, const void *a, int64_t lda);

/** Copies the whole matrix to one rank.  Collective; the inverse of fl_mpi_matrix_scatter.
 *  @param matrix the matrix
 *  @param root the rank receiving it; a and lda are not read elsewhere
 *  @param dtype FL_FLOAT64
 *  @param layout a's layout
 *  @param a receives the full matrix on root
 *  @param lda its leading dimension
 *  @return as fl_mpi_matrix_scatter */
FL_API fl_status fl_mpi_matrix_gather(const fl_mpi_matrix *matrix, int64_t root, fl_dtype dtype,
                                      fl_layout layout, void *a, int64_t lda);

/** Adds entries that any rank contributes: A(rows[k], cols[k]) += values[k] for
 *  k < count on every rank (0-based global indices; entries named twice are summed, as
 *  finite-element assembly wants).  Collective: each rank passes its own list, possibly
 *  empty, and every entry travels to the rank that owns it.
 *  @param matrix the matrix
 *  @param dtype FL_FLOAT64
 *  @param count this rank's number of entries, >= 0
 *  @param rows their global rows, in [0, rows)
 *  @param cols their global columns, in [0, cols)
 *  @param values their values
 *  @return FL_OK; FL_ERR_INVALID_ARGUMENT naming the first entry out of range (on the rank
 *          that passed it); FL_ERR_TOO_LARGE if one rank sends another over 2^31 bytes */
FL_API fl_status fl_mpi_matrix_add_entries(fl_mpi_matrix *matrix, fl_dtype dtype, int64_t count,
                                           const int64_t *rows, const int64_t *cols,
                                           const void *values);

/* ------------------------------------------------------------------------------------------ */
/* Distributed dense factors (ScaLAPACK)                                                        */
/* ------------------------------------------------------------------------------------------ */

/** A factorization of a distributed matrix, immutable once built. */
typedef struct fl_mpi_factor fl_mpi_factor;

/** Factors a distributed matrix.  Collective.
 *  Kinds: FL_FACTOR_LU (pdgetrf; square), FL_FACTOR_CHOLESKY (pdpotrf; reads the lower
 *  triangle), FL_FACTOR_QR (pdgeqrf; rows >= cols, full rank: least squares),
 *  FL_FACTOR_EIGH (pdsyevd; reads the lower triangle).  A's blocks must be square.
 *  @param factor receives the factor, NULL on failure; release with fl_mpi_factor_destroy
 *  @param kind one of the four kinds above; other kinds are FL_ERR_UNSUPPORTED
 *  @param a the matrix
 *  @param consume 0: a is copied and left as it was.  1: the factor takes a's memory (no
 *         copy, the n^2/P doubles per rank counted once); a keeps its shape but every later
 *         use of its values is FL_ERR_INVALID_ARGUMENT, also when the factorization
 *         itself fails (singular, ...).  a must still be destroyed.
 *  @return FL_OK; FL_ERR_SINGULAR (LU: an exactly zero pivot; QR: R has a zero diagonal),
 *          FL_ERR_NOT_POSITIVE_DEFINITE (Cholesky), the failing index in the message;
 *          FL_ERR_INVALID_ARGUMENT for a shape the kind does not take or non-square blocks */
FL_API fl_status fl_mpi_factor_create(fl_mpi_factor **factor, fl_factor_kind kind, fl_mpi_matrix *a,
                                      int consume);

/** Destroys a factor.  Local.  NULL does nothing.  @param factor the factor, or NULL */
FL_API void fl_mpi_factor_destroy(fl_mpi_factor *factor);

/** Solves A X = B (or A^T X = B) for a distributed B with any number of columns.
 *  Collective.  QR gives the least-squares solution of the tall A; EIGH gives the
 *  pseudo-inverse solution, eigenvalues with |w| <= n * eps * max|w| counting as zero.
 *  @param factor the factor
 *  @param trans FL_NO_TRANS or FL_TRANS (the symmetric kinds ignore it; QR takes FL_NO_TRANS)
 *  @param b the right-hand sides, A's rows-by-k, on the factor's context; any blocks (blocks
 *         other than A's cost one redistribution, pdgemr2d, each way)
 *  @param x receives the solution, A's cols-by-k, on the factor's context; may be b itself
 *         for square kinds
 *  @return FL_OK; FL_ERR_DIMENSION_MISMATCH for shapes that do not fit;
 *          FL_ERR_INVALID_ARGUMENT for a matrix on another context; FL_ERR_UNSUPPORTED for
 *          FL_TRANS with QR */
FL_API fl_status fl_mpi_factor_solve(const fl_mpi_factor *factor, fl_transpose trans,
                                     const fl_mpi_matrix *b, fl_mpi_matrix *x);

/** det(A) = sign * exp(logabsdet), without overflow.  Collective.  LU, Cholesky and EIGH;
 *  FL_ERR_UNSUPPORTED for QR.  A 0-by-0 matrix gives sign 1, logabsdet 0; a singular EIGH
 *  gives sign 0, logabsdet -inf.  Either pointer may be NULL.
 *  @param factor the factor
 *  @param sign receives +1, -1 or 0, the same on every rank
 *  @param logabsdet receives log|det(A)|, the same on every rank
 *  @return FL_OK; FL_ERR_UNSUPPORTED */
FL_API fl_status fl_mpi_factor_logdet(const fl_mpi_factor *factor, double *sign, double *logabsdet);

/** The reciprocal condition number, as fl_factor_rcond defines it.  Collective.
 *  LU and Cholesky: 1 / (||A||_1 est(||A^-1||_1)), LAPACK's dlacn2 estimator driving
 *  distributed solves (2 to 5 pairs of n-by-1 solves: O(n^2 / P) per rank); QR: the same
 *  for R; EIGH: min|w| / max|w| exactly.  An empty matrix gives 1.  (ScaLAPACK's own
 *  pdgecon/pdpocon overestimate rcond up to 40x in Debian's 2.2.1, hence dlacn2.)
 *  @param factor the factor
 *  @param rcond receives the estimate in [0, 1], the same on every rank
 *  @return FL_OK */
FL_API fl_status fl_mpi_factor_rcond(const fl_mpi_factor *factor, double *rcond);

/** The eigenvalues of an EIGH factor, ascending, on every rank.  Local.
 *  @param factor the factor
 *  @param dtype FL_FLOAT64
 *  @param w receives n values
 *  @return FL_OK; FL_ERR_UNSUPPORTED for the other kinds */
FL_API fl_status fl_mpi_factor_eigenvalues(const fl_mpi_factor *factor, fl_dtype dtype, void *w);

/** Copies the eigenvectors of an EIGH factor (column k belongs to eigenvalue k) into a
 *  distributed n-by-n matrix on the factor's context, of any blocking.  Collective.
 *  @param factor the factor
 *  @param v receives the eigenvectors
 *  @return FL_OK; FL_ERR_UNSUPPORTED for the other kinds; as fl_mpi_factor_solve for v */
FL_API fl_status fl_mpi_factor_eigenvectors(const fl_mpi_factor *factor, fl_mpi_matrix *v);

/* ------------------------------------------------------------------------------------------ */
/* Distributed sparse factors (MUMPS)                                                           */
/* ------------------------------------------------------------------------------------------ */

/** What MUMPS is told about the matrix.  The values are part of the ABI. */
typedef enum fl_mpi_sparse_kind FL_ENUM_TYPE {
    FL_MPI_SPARSE_GENERAL = 1, /* any square A: LU with threshold pivoting (MUMPS SYM = 0) */
    FL_MPI_SPARSE_SPD = 2,     /* symmetric positive definite: L D L^T without pivoting (SYM = 1) */
    FL_MPI_SPARSE_SYMMETRIC = 3 /* symmetric indefinite: L D L^T with 2x2 pivots (SYM = 2) */
} fl_mpi_sparse_kind;

/** A MUMPS factorization of a sparse n-by-n matrix over a context's communicator. */
typedef struct fl_mpi_sparse_factor fl_mpi_sparse_factor;

/** Analyses and factors a sparse matrix given as (row, col, value) triplets.  Collective.
 *  For the symmetric kinds only the lower triangle (row >= col) is read; entries above
 *  the diagonal are ignored, so a full symmetric matrix may be passed as it is.  Entries
 *  named twice are summed.  MUMPS's determinant option is on, so fl_mpi_sparse_factor_logdet
 *  costs nothing more.
 *  @param factor receives the factor, NULL on failure; release with fl_mpi_sparse_factor_destroy
 *  @param context the context whose communicator MUMPS runs on (its grid is not used)
 *  @param kind general, SPD or symmetric indefinite
 *  @param n the order, >= 0
 *  @param distributed 0: the triplets are read on rank 0 only (centralised input);
 *         1: every rank passes its own share, for instance its block of rows
 *  @param count the number of triplets on this rank (on rank 0 only when distributed = 0)
 *  @param rows 0-based rows in [0, n)
 *  @param cols 0-based columns in [0, n)
 *  @param dtype FL_FLOAT64
 *  @param values the values
 *  @return FL_OK; FL_ERR_SINGULAR (MUMPS INFOG(1) = -10 numerically, -6 structurally);
 *          FL_ERR_NOT_POSITIVE_DEFINITE (SPD kind with a non-positive pivot);
 *          FL_ERR_OUT_OF_MEMORY (INFOG(1) = -9, -13, ...); FL_ERR_INVALID_ARGUMENT naming a
 *          triplet out of range; FL_ERR_INTERNAL with INFOG(1) and INFOG(2) otherwise */
FL_API fl_status fl_mpi_sparse_factor_create(fl_mpi_sparse_factor **factor,
                                             const fl_mpi_context *context, fl_mpi_sparse_kind kind,
                                             int64_t n, int distributed, int64_t count,
                                             const int64_t *rows, const int64_t *cols,
                                             fl_dtype dtype, const void *values);

/** Destroys a sparse factor (MUMPS JOB = -2).  Collective.  NULL does nothing.
 *  @param factor the factor, or NULL */
FL_API void fl_mpi_sparse_factor_destroy(fl_mpi_sparse_factor *factor);

/** Factors new values on the same pattern, reusing the analysis (MUMPS JOB = 2), as
 *  fl_factor_refactor does.  Collective.  On failure the factor keeps no valid numeric
 *  factorization: solves then fail until a refactor succeeds.
 *  @param factor the factor
 *  @param dtype FL_FLOAT64
 *  @param values new values for the same triplets on the same ranks, in the same order
 *  @return as fl_mpi_sparse_factor_create */
FL_API fl_status fl_mpi_sparse_factor_refactor(fl_mpi_sparse_factor *factor, fl_dtype dtype,
                                               const void *values);

/** Solves A X = B for nrhs right-hand sides held on rank 0.  Collective.
 *  @param factor the factor
 *  @param dtype FL_FLOAT64
 *  @param nrhs the number of right-hand sides, >= 0
 *  @param layout the layout of b and x
 *  @param b n-by-nrhs on rank 0 (not read elsewhere)
 *  @param ldb its leading dimension
 *  @param x receives the n-by-nrhs solution on rank 0 (may be b)
 *  @param ldx its leading dimension
 *  @return FL_OK; FL_ERR_INVALID_ARGUMENT for bad pointers or leading dimensions, or a
 *          factor whose last refactor failed */
FL_API fl_status fl_mpi_sparse_factor_solve(const fl_mpi_sparse_factor *factor, fl_dtype dtype,
                                            int64_t nrhs, fl_layout layout, const void *b,
                                            int64_t ldb, void *x, int64_t ldx);

/** det(A) = sign * exp(logabsdet) from MUMPS's determinant (RINFOG(12) * 2^INFOG(34)).
 *  Local (the values are the same on every rank).  Either pointer may be NULL.
 *  @param factor the factor
 *  @param sign receives +1, -1 or 0
 *  @param logabsdet receives log|det(A)|
 *  @return FL_OK */
FL_API fl_status fl_mpi_sparse_factor_logdet(const fl_mpi_sparse_factor *factor, double *sign,
                                             double *logabsdet);

/** The inertia of a symmetric A: the negative eigenvalues are MUMPS's negative pivots
 *  (INFOG(12), Sylvester's law), the rest positive; zero is always 0, since a singular A
 *  fails to factor (FL_ERR_SINGULAR).  Local.  Any pointer may be NULL.
 *  @param factor the factor
 *  @param positive receives the number of positive eigenvalues
 *  @param negative receives the number of negative eigenvalues
 *  @param zero receives the number of zero eigenvalues
 *  @return FL_OK; FL_ERR_UNSUPPORTED for FL_MPI_SPARSE_GENERAL */
FL_API fl_status fl_mpi_sparse_factor_inertia(const fl_mpi_sparse_factor *factor, int64_t *positive,
                                              int64_t *negative, int64_t *zero);

#ifdef __cplusplus
}
#endif

#endif /* FASTLINALG_MPI_H */
