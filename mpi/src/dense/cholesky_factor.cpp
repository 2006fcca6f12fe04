// Cholesky A = L L^T over the grid (the lower triangle is read): p?potrf, p?potrs (T = double
// or float); rcond by dlacn2 over p?potrs.
#include <string>

#include "core/error.hpp"
#include "core/typed.hpp"
#include "mpi/src/dense/scalapack_support.hpp"
#include "mpi/src/scalapack/scalapack.hpp"

namespace fl::mpi {
namespace {

template <class T>
class CholeskyFactor final : public DenseFactor {
public:
    explicit CholeskyFactor(DistMatrix a) : DenseFactor(DenseKind::cholesky, std::move(a)) {
        const int n = static_cast<int>(a_.rows()), one = 1;
        if (n == 0) return;
        anorm_ = one_norm(a_, Part::symmetric_lower);
        int info = 0;
        Scalapack<T>::potrf("L", &n, a_.data<T>("A"), &one, &one, a_.desc(), &info);
        check_argument_info("p?potrf", info);
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
        Scalapack<T>::potrs("L", &n, &nrhs, a_.data<T>("A"), &one, &one, a_.desc(), x.data<T>("X"),
                            &one, &one, x.desc(), &info);
        check_argument_info("p?potrs", info);
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
    return typed_real(a.dtype(), [&](auto t) -> std::unique_ptr<DenseFactor> {
        return std::make_unique<CholeskyFactor<decltype(t)>>(std::move(a));
    });
}

}  // namespace fl::mpi
