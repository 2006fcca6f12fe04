// QR least squares over the grid: pdgeqrf, then Q^T B (pdormqr) and R X = (Q^T B)_1:n
// (pdtrtrs).
#include <string>

#include "core/error.hpp"
#include "mpi/src/dense/scalapack_support.hpp"
#include "mpi/src/scalapack/scalapack.hpp"

namespace fl::mpi {
namespace {

class QrFactor final : public DenseFactor {
public:
    explicit QrFactor(DistMatrix a) : DenseFactor(DenseKind::qr, std::move(a)) {
        const int m = static_cast<int>(a_.rows()), n = static_cast<int>(a_.cols()), one = 1;
        if (n == 0) return;
        tau_.assign(static_cast<size_t>(a_.distribution().local_cols() + 1), 0.0);
        double query = 0;
        int minus_one = -1, info = 0;
        pdgeqrf_(&m, &n, a_.data("A"), &one, &one, a_.desc(), tau_.data(), &query, &minus_one,
                 &info);
        check_argument_info("pdgeqrf (workspace query)", info);
        const int lwork = workspace_size(query);
        std::vector<double> work(static_cast<size_t>(lwork));
        pdgeqrf_(&m, &n, a_.data("A"), &one, &one, a_.desc(), tau_.data(), work.data(), &lwork,
                 &info);
        check_argument_info("pdgeqrf", info);
        const int64_t zero = diagonal_sums(a_, n).first_zero;
        if (zero >= 0)
            throw Error(ErrorCode::singular, "R(" + std::to_string(zero + 1) + "," +
                                                 std::to_string(zero + 1) +
                                                 ") is exactly zero: A is rank deficient");
    }

    void solve(bool, const DistMatrix &b, DistMatrix &x) const override {
        const int m = static_cast<int>(a_.rows()), n = static_cast<int>(a_.cols());
        const int nrhs = static_cast<int>(x.cols()), one = 1;
        if (n == 0 || nrhs == 0) {
            copy_leading_rows(b, x);
            return;
        }
        DistMatrix work_b = b;  // m-by-nrhs: Q^T B needs all m rows
        double query = 0;
        int minus_one = -1, info = 0;
        pdormqr_("L", "T", &m, &nrhs, &n, a_.data("A"), &one, &one, a_.desc(), tau_.data(),
                 work_b.data("B"), &one, &one, work_b.desc(), &query, &minus_one, &info);
        check_argument_info("pdormqr (workspace query)", info);
        const int lwork = workspace_size(query);
        std::vector<double> work(static_cast<size_t>(lwork));
        pdormqr_("L", "T", &m, &nrhs, &n, a_.data("A"), &one, &one, a_.desc(), tau_.data(),
                 work_b.data("B"), &one, &one, work_b.desc(), work.data(), &lwork, &info);
        check_argument_info("pdormqr", info);
        pdtrtrs_("U", "N", "N", &n, &nrhs, a_.data("A"), &one, &one, a_.desc(), work_b.data("B"),
                 &one, &one, work_b.desc(), &info);
        check_argument_info("pdtrtrs", info);
        copy_leading_rows(work_b, x);
    }

    LogDet logdet() const override {
        throw Error(ErrorCode::unsupported,
                    "a QR factor has no log-determinant: use LU for a square A");
    }

    // R's condition (R has A's singular values): dlacn2 over triangular solves with R.
    double rcond() const override {
        const int n = static_cast<int>(a_.cols()), one = 1;
        if (n == 0) return 1;
        return estimate_rcond(a_, one_norm(a_, Part::upper), [&](bool transpose, DistMatrix &x) {
            int info = 0;
            pdtrtrs_("U", transpose ? "T" : "N", "N", &n, &one, a_.data("A"), &one, &one, a_.desc(),
                     x.data("x"), &one, &one, x.desc(), &info);
            check_argument_info("pdtrtrs", info);
        });
    }

private:
    std::vector<double> tau_;
};

}  // namespace

std::unique_ptr<DenseFactor> make_qr(DistMatrix a) {
    return std::make_unique<QrFactor>(std::move(a));
}

}  // namespace fl::mpi
