// Symmetric eigendecomposition A = V diag(w) V^T over the grid (divide and conquer,
// pdsyevd, lower triangle read). Solves apply the pseudo-inverse V diag(1/w) V^T with two
// pdgemm calls, eigenvalues at or below n * eps * max|w| counting as zero.
#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "core/error.hpp"
#include "mpi/src/dense/scalapack_support.hpp"
#include "mpi/src/scalapack/scalapack.hpp"

namespace fl::mpi {
namespace {

class EighFactor final : public DenseFactor {
public:
    explicit EighFactor(DistMatrix a)
        : DenseFactor(DenseKind::eigh, std::move(a)),
          vectors_(a_.context(), a_.rows(), a_.cols(), a_.distribution().rows.block,
                   a_.distribution().cols.block) {
        const int n = static_cast<int>(a_.rows()), one = 1;
        values_.assign(static_cast<size_t>(n), 0.0);
        if (n == 0) return;
        double query = 0;
        int iquery = 0, minus_one = -1, info = 0;
        pdsyevd_("V", "L", &n, a_.data("A"), &one, &one, a_.desc(), values_.data(),
                 vectors_.data("V"), &one, &one, vectors_.desc(), &query, &minus_one, &iquery,
                 &minus_one, &info);
        check_argument_info("pdsyevd (workspace query)", info);
        const int lwork = workspace_size(query), liwork = workspace_size(iquery);
        std::vector<double> work(static_cast<size_t>(lwork));
        std::vector<int> iwork(static_cast<size_t>(liwork));
        pdsyevd_("V", "L", &n, a_.data("A"), &one, &one, a_.desc(), values_.data(),
                 vectors_.data("V"), &one, &one, vectors_.desc(), work.data(), &lwork, iwork.data(),
                 &liwork, &info);
        check_argument_info("pdsyevd", info);
        if (info > 0)
            throw Error(ErrorCode::internal,
                        "pdsyevd did not converge (info = " + std::to_string(info) + ")");
        const double largest = std::max(std::fabs(values_.front()), std::fabs(values_.back()));
        tolerance_ = static_cast<double>(n) * std::numeric_limits<double>::epsilon() * largest;
    }

    void solve(bool, const DistMatrix &b, DistMatrix &x) const override {
        const int n = static_cast<int>(a_.rows()), nrhs = static_cast<int>(x.cols()), one = 1;
        if (n == 0 || nrhs == 0) return;
        DistMatrix projected(a_.context(), n, nrhs, b.distribution().rows.block,
                             b.distribution().cols.block);
        const double unit = 1, none = 0;
        pdgemm_("T", "N", &n, &nrhs, &n, &unit, vectors_.data("V"), &one, &one, vectors_.desc(),
                b.data("B"), &one, &one, b.desc(), &none, projected.data("W"), &one, &one,
                projected.desc());
        // Row k of V^T B is scaled by 1/w_k, or zeroed for w_k within the tolerance.
        const Distribution &dist = projected.distribution();
        double *local = projected.data("W");
        for (int64_t li = 0; li < dist.local_rows(); ++li) {
            const double w = values_[dist.rows.global_index(li, dist.prow)];
            const double scale = std::fabs(w) > tolerance_ ? 1 / w : 0;
            for (int64_t lj = 0; lj < dist.local_cols(); ++lj)
                local[li + lj * projected.ld()] *= scale;
        }
        pdgemm_("N", "N", &n, &nrhs, &n, &unit, vectors_.data("V"), &one, &one, vectors_.desc(),
                local, &one, &one, projected.desc(), &none, x.data("X"), &one, &one, x.desc());
    }

    LogDet logdet() const override {
        LogDet result{1.0, 0.0};
        for (double w : values_) {
            if (w == 0) return {0.0, -std::numeric_limits<double>::infinity()};
            if (w < 0) result.sign = -result.sign;
            result.logabs += std::log(std::fabs(w));
        }
        return result;
    }

    double rcond() const override {
        if (values_.empty()) return 1;
        double smallest = std::numeric_limits<double>::infinity(), largest = 0;
        for (double w : values_) {
            smallest = std::min(smallest, std::fabs(w));
            largest = std::max(largest, std::fabs(w));
        }
        return largest == 0 ? 0 : smallest / largest;
    }

    const std::vector<double> *eigenvalues() const override { return &values_; }
    const DistMatrix *eigenvectors() const override { return &vectors_; }

private:
    DistMatrix vectors_;
    std::vector<double> values_;
    double tolerance_ = 0;
};

}  // namespace

std::unique_ptr<DenseFactor> make_eigh(DistMatrix a) {
    return std::make_unique<EighFactor>(std::move(a));
}

}  // namespace fl::mpi
