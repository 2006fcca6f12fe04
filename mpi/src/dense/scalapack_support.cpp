#include "mpi/src/dense/scalapack_support.hpp"

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstring>
#include <string>

#include "core/error.hpp"
#include "mpi/src/scalapack/scalapack.hpp"

namespace fl::mpi {

void check_argument_info(const char *routine, int info) {
    if (info < 0)
        throw Error(ErrorCode::internal, std::string(routine) + " rejected argument " + std::to_string(-info));
}

int workspace_size(double queried) {
    const double padded = std::ceil(queried * 1.01) + 64;
    if (padded > INT_MAX) throw Error(ErrorCode::too_large, "ScaLAPACK asks for a workspace beyond 32-bit sizes");
    return static_cast<int>(padded);
}

void copy_leading_rows(const DistMatrix &b, DistMatrix &x) {
    if (&b == &x) return;
    const double *from = b.data("B");
    double *to = x.data("X");
    const int64_t rows = x.distribution().local_rows();
    for (int64_t j = 0; j < x.distribution().local_cols(); ++j)
        std::memcpy(to + j * x.ld(), from + j * b.ld(), static_cast<size_t>(rows) * sizeof(double));
}

DiagonalSums diagonal_sums(const DistMatrix &a, int64_t count) {
    const Distribution &dist = a.distribution();
    const double *local = a.data("A");
    double log_abs = 0;
    int64_t counts[2] = {0, count};  // negatives, smallest zero index (count = none)
    for (int64_t d = 0; d < count; ++d) {
        if (dist.rows.owner(d) != dist.prow || dist.cols.owner(d) != dist.pcol) continue;
        const double value = local[dist.rows.local_index(d) + dist.cols.local_index(d) * a.ld()];
        if (value == 0) counts[1] = std::min(counts[1], d);
        if (value < 0) ++counts[0];
        log_abs += std::log(std::fabs(value));
    }
    const MPI_Comm comm = a.context().comm();
    MPI_Allreduce(MPI_IN_PLACE, &log_abs, 1, MPI_DOUBLE, MPI_SUM, comm);
    MPI_Allreduce(MPI_IN_PLACE, &counts[0], 1, MPI_INT64_T, MPI_SUM, comm);
    MPI_Allreduce(MPI_IN_PLACE, &counts[1], 1, MPI_INT64_T, MPI_MIN, comm);
    return {log_abs, counts[0], counts[1] == count ? -1 : counts[1]};
}

double one_norm(const DistMatrix &a, bool symmetric_lower) {
    const int m = static_cast<int>(a.rows()), n = static_cast<int>(a.cols()), one = 1;
    // Above pdlansy's documented 2*Nq0 + Np0 + LDW (pdlange needs less).
    const Distribution &dist = a.distribution();
    std::vector<double> work(static_cast<size_t>(2 * (dist.local_rows() + dist.local_cols()) +
                                                 4 * int64_t{dist.cols.block} + 16));
    return symmetric_lower ? pdlansy_("1", "L", &n, a.data("A"), &one, &one, a.desc(), work.data())
                           : pdlange_("1", &m, &n, a.data("A"), &one, &one, a.desc(), work.data());
}

}  // namespace fl::mpi
