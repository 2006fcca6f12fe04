// LU with partial pivoting over the grid: pdgetrf, pdgetrs; rcond by dlacn2 over pdgetrs.
#include <cmath>
#include <string>

#include "core/error.hpp"
#include "mpi/src/dense/scalapack_support.hpp"
#include "mpi/src/scalapack/scalapack.hpp"

namespace fl::mpi {
namespace {

class LuFactor final : public DenseFactor {
public:
    explicit LuFactor(DistMatrix a) : DenseFactor(DenseKind::lu, std::move(a)) {
        const int n = static_cast<int>(a_.rows()), one = 1;
        if (n == 0) return;
        anorm_ = one_norm(a_, Part::general);
        ipiv_.assign(
            static_cast<size_t>(a_.distribution().local_rows() + a_.distribution().rows.block), 0);
        int info = 0;
        pdgetrf_(&n, &n, a_.data("A"), &one, &one, a_.desc(), ipiv_.data(), &info);
        check_argument_info("pdgetrf", info);
        if (info > 0)
            throw Error(ErrorCode::singular, "U(" + std::to_string(info) + "," +
                                                 std::to_string(info) +
                                                 ") is exactly zero: A is singular");
    }

    void solve(bool transpose, const DistMatrix &b, DistMatrix &x) const override {
        copy_leading_rows(b, x);
        const int n = static_cast<int>(a_.rows()), nrhs = static_cast<int>(x.cols()), one = 1;
        if (n == 0 || nrhs == 0) return;
        int info = 0;
        pdgetrs_(transpose ? "T" : "N", &n, &nrhs, a_.data("A"), &one, &one, a_.desc(),
                 ipiv_.data(), x.data("X"), &one, &one, x.desc(), &info);
        check_argument_info("pdgetrs", info);
    }

    // det(A) = det(P) * prod(U_ii): a row interchange flips the sign. Each interchange is
    // counted once, by the process column that holds its diagonal block.
    LogDet logdet() const override {
        const int64_t n = a_.rows();
        const DiagonalSums sums = diagonal_sums(a_, n);
        const Distribution &dist = a_.distribution();
        int64_t swaps = 0;
        for (int64_t li = 0; li < dist.local_rows(); ++li) {
            const int64_t row = dist.rows.global_index(li, dist.prow);
            if (dist.cols.owner(row) == dist.pcol && ipiv_[li] != row + 1) ++swaps;
        }
        MPI_Allreduce(MPI_IN_PLACE, &swaps, 1, MPI_INT64_T, MPI_SUM, a_.context().comm());
        return {(sums.negatives + swaps) % 2 == 0 ? 1.0 : -1.0, sums.log_abs};
    }

    double rcond() const override {
        return estimate_rcond(a_, anorm_,
                              [&](bool transpose, DistMatrix &x) { solve(transpose, x, x); });
    }

private:
    std::vector<int> ipiv_;
    double anorm_ = 0;
};

}  // namespace

std::unique_ptr<DenseFactor> make_lu(DistMatrix a) {
    return std::make_unique<LuFactor>(std::move(a));
}

}  // namespace fl::mpi
