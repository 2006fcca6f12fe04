// Cholesky A = L L^T over the grid (the lower triangle is read): pdpotrf, pdpotrs; rcond by dlacn2
// over pdpotrs.
#include <string>

#include "core/error.hpp"
#include "mpi/src/dense/scalapack_support.hpp"
#include "mpi/src/scalapack/scalapack.hpp"

namespace fl::mpi {
namespace {

class CholeskyFactor final : public DenseFactor {
public:
    explicit CholeskyFactor(DistMatrix a) : DenseFactor(DenseKind::cholesky, std::move(a)) {
        const int n = static_cast<int>(a_.rows()), one = 1;
        if (n == 0) return;
        anorm_ = one_norm(a_, Part::symmetric_lower);
        int info = 0;
        pdpotrf_("L", &n, a_.data("A"), &one, &one, a_.desc(), &info);
        check_argument_info("pdpotrf", info);
        if (info > 0)
            throw Error(
                ErrorCode::not_positive_definite,
                "the leading minor of order " + std::to_string(info) + " is not positive definite");
    }

    void solve(bool, const DistMatrix &b, DistMatrix &x) const override {
        copy_leading_rows(b, x);
        const int n = static_cast<int>(a_.rows()), nrhs = static_cast<int>(x.cols()), one = 1;
        if (n == 0 || nrhs == 0) return;
        int info = 0;
        pdpotrs_("L", &n, &nrhs, a_.data("A"), &one, &one, a_.desc(), x.data("X"), &one, &one,
                 x.desc(), &info);
        check_argument_info("pdpotrs", info);
    }

    LogDet logdet() const override { return {1.0, 2 * diagonal_sums(a_, a_.rows()).log_abs}; }

    double rcond() const override {
        return estimate_rcond(a_, anorm_, [&](bool, DistMatrix &x) { solve(false, x, x); });
    }

private:
    double anorm_ = 0;
};

}  // namespace

std::unique_ptr<DenseFactor> make_cholesky(DistMatrix a) {
    return std::make_unique<CholeskyFactor>(std::move(a));
}

}  // namespace fl::mpi
