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
        throw Error(ErrorCode::internal,
                    std::string(routine) + " rejected argument " + std::to_string(-info));
}

int workspace_size(double queried) {
    const double padded = std::ceil(queried * 1.01) + 64;
    if (padded > INT_MAX)
        throw Error(ErrorCode::too_large, "ScaLAPACK asks for a workspace beyond 32-bit sizes");
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

double one_norm(const DistMatrix &a, Part part) {
    const int m = static_cast<int>(a.rows()), n = static_cast<int>(a.cols()), one = 1;
    // Above pdlansy's documented 2*Nq0 + Np0 + LDW (pdlange needs less).
    const Distribution &dist = a.distribution();
    std::vector<double> work(static_cast<size_t>(2 * (dist.local_rows() + dist.local_cols()) +
                                                 4 * int64_t{dist.cols.block} + 16));
    switch (part) {
        case Part::symmetric_lower:
            return pdlansy_("1", "L", &n, a.data("A"), &one, &one, a.desc(), work.data());
        case Part::upper:
            return pdlantr_("1", "U", "N", &n, &n, a.data("A"), &one, &one, a.desc(), work.data());
        case Part::general:
            break;
    }
    return pdlange_("1", &m, &n, a.data("A"), &one, &one, a.desc(), work.data());
}

double estimate_rcond(const DistMatrix &a, double anorm,
                      const std::function<void(bool, DistMatrix &)> &solve) {
    const int64_t n = a.cols();
    if (n == 0) return 1;
    if (anorm == 0) return 0;
    const Distribution &dist = a.distribution();
    DistMatrix x(a.context(), n, 1, dist.rows.block, dist.cols.block);
    const Distribution &xd = x.distribution();
    const int order = static_cast<int>(n);
    std::vector<double> v(static_cast<size_t>(n)), full(static_cast<size_t>(n));
    std::vector<int> signs(static_cast<size_t>(n));
    int kase = 0, state[3] = {0, 0, 0};
    double estimate = 0;
    for (;;) {
        dlacn2_(&order, v.data(), full.data(), signs.data(), &estimate, &kase, state);
        if (kase == 0) break;
        // The replicated vector into x's one process column, the solve, and back to every
        // rank (each element is held by exactly one rank, so a sum collects it).
        double *local = x.data("x");
        const bool holds = xd.local_cols() > 0;
        for (int64_t li = 0; holds && li < xd.local_rows(); ++li)
            local[li] = full[xd.rows.global_index(li, xd.prow)];
        solve(kase == 2, x);
        std::fill(full.begin(), full.end(), 0.0);
        for (int64_t li = 0; holds && li < xd.local_rows(); ++li)
            full[xd.rows.global_index(li, xd.prow)] = local[li];
        MPI_Allreduce(MPI_IN_PLACE, full.data(), order, MPI_DOUBLE, MPI_SUM, a.context().comm());
    }
    return estimate == 0 ? 0 : 1 / estimate / anorm;
}

}  // namespace fl::mpi
