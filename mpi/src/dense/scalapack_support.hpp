// What the ScaLAPACK kinds share: the info check, workspace queries, copies between
// matrices of one distribution, and reductions over A's distributed diagonal.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "mpi/src/dense/dense_factor.hpp"

namespace fl::mpi {

// info < 0 means we passed ScaLAPACK a bad argument: a bug of ours, reported as internal.
void check_argument_info(const char *routine, int info);

// The workspace size a ScaLAPACK routine asks for in work[0] after an LWORK = -1 query,
// with a little headroom (some routines' queries are known to round down).
int workspace_size(double queried);

// 1 / (anorm * est ||A^-1||_1): dlacn2 drives solve(transpose, x) on an n-by-1 distributed
// x in a's blocking, every rank running the estimator identically on a replicated vector.
// 1 for an empty A, 0 when anorm is 0.
double estimate_rcond(const DistMatrix &a, double anorm,
                      const std::function<void(bool, DistMatrix &)> &solve);

// x's local rows and columns from b (same distribution; x may have fewer global rows,
// which are then b's leading rows). A no-op when x is b.
void copy_leading_rows(const DistMatrix &b, DistMatrix &x);

// Reduces f(value, global index) over the diagonal of the factored matrix: every rank
// visits the diagonal elements it holds, and the sums of the three results are agreed.
struct DiagonalSums {
    double log_abs = 0;       // sum of log|d|
    int64_t negatives = 0;    // how many d < 0
    int64_t first_zero = -1;  // the smallest global index with d == 0, or -1
};
DiagonalSums diagonal_sums(const DistMatrix &a, int64_t count);

// The 1-norm of A (pdlange), of its lower triangle read as symmetric (pdlansy), or of
// its upper triangle (pdlantr, QR's R).
enum class Part {
    general,
    symmetric_lower,
    upper
};
double one_norm(const DistMatrix &a, Part part);

}  // namespace fl::mpi
