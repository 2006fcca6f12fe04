// What the ScaLAPACK kinds share: the info check, workspace queries, copies between
// matrices of one distribution, and reductions over A's distributed diagonal.
#pragma once

#include <cstdint>
#include <vector>

#include "mpi/src/dense/dense_factor.hpp"

namespace fl::mpi {

// info < 0 means we passed ScaLAPACK a bad argument: a bug of ours, reported as internal.
void check_argument_info(const char *routine, int info);

// The workspace size a ScaLAPACK routine asks for in work[0] after an LWORK = -1 query,
// with a little headroom (some routines' queries are known to round down).
int workspace_size(double queried);

// Runs a ScaLAPACK condition estimator (pdgecon, pdpocon, pdtrcon) twice: a workspace
// query, then the estimate. call(rcond, work, lwork, iwork, liwork, info) makes the call.
template <class Call> double estimate_rcond(const char *routine, Call call) {
    double result = 0, query = 0;
    int iquery = 0, minus_one = -1, info = 0;
    call(&result, &query, &minus_one, &iquery, &minus_one, &info);
    check_argument_info(routine, info);
    const int lwork = workspace_size(query), liwork = workspace_size(iquery);
    std::vector<double> work(static_cast<size_t>(lwork));
    std::vector<int> iwork(static_cast<size_t>(liwork));
    call(&result, work.data(), &lwork, iwork.data(), &liwork, &info);
    check_argument_info(routine, info);
    return result;
}

// x's local rows and columns from b (same distribution; x may have fewer global rows,
// which are then b's leading rows). A no-op when x is b.
void copy_leading_rows(const DistMatrix &b, DistMatrix &x);

// Reduces f(value, global index) over the diagonal of the factored matrix: every rank
// visits the diagonal elements it holds, and the sums of the three results are agreed.
struct DiagonalSums {
    double log_abs = 0;      // sum of log|d|
    int64_t negatives = 0;   // how many d < 0
    int64_t first_zero = -1; // the smallest global index with d == 0, or -1
};
DiagonalSums diagonal_sums(const DistMatrix &a, int64_t count);

// The 1-norm ScaLAPACK condition estimators and the QR rank check need: pdlange / pdlansy.
double one_norm(const DistMatrix &a, bool symmetric_lower);

}  // namespace fl::mpi
