// Symmetric eigendecomposition A = V diag(w) V^T over the grid (divide and conquer,
// p?syevd, lower triangle read; T = double or float). Solves apply the pseudo-inverse
// V diag(1/w) V^T with two p?gemm calls, eigenvalues at or below n * eps(T) * max|w|
// counting as zero.
#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "core/error.hpp"
#include "core/typed.hpp"
#include "mpi/src/dense/scalapack_support.hpp"
#include "mpi/src/scalapack/scalapack.hpp"

namespace fl::mpi {
namespace {

template <class T>
class EighFactor final : public DenseFactor {
public:
    explicit EighFactor(DistMatrix a)
        : DenseFactor(DenseKind::eigh, std::move(a)),
          vectors_(a_.context(), a_.dtype(), a_.rows(), a_.cols(), a_.distribution().rows.block,
                   a_.distribution().cols.block) {
        const int n = static_cast<int>(a_.rows()), one = 1;
        std::vector<T> w(static_cast<size_t>(n), T{0});
        if (n == 0) return;
        T query = 0;
        int iquery = 0, minus_one = -1, info = 0;
        Scalapack<T>::syevd("V", "L", &n, a_.data<T>("A"), &one, &one, a_.desc(), w.data(),
                            vectors_.data<T>("V"), &one, &one, vectors_.desc(), &query, &minus_one,
                            &iquery, &minus_one, &info);
        check_argument_info("p?syevd (workspace query)", info);
        const int lwork = workspace_size(query), liwork = workspace_size(iquery);
        std::vector<T> work(static_cast<size_t>(lwork));
        std::vector<int> iwork(static_cast<size_t>(liwork));
        Scalapack<T>::syevd("V", "L", &n, a_.data<T>("A"), &one, &one, a_.desc(), w.data(),
                            vectors_.data<T>("V"), &one, &one, vectors_.desc(), work.data(), &lwork,
                            iwork.data(), &liwork, &info);
        check_argument_info("p?syevd", info);
        if (info > 0)
            throw Error(ErrorCode::internal,
                        "p?syevd did not converge (info = " + std::to_string(info) + ")");
        values_.assign(w.begin(), w.end());
        const double largest = std::max(std::fabs(values_.front()), std::fabs(values_.back()));
        tolerance_ = static_cast<double>(n) * std::numeric_limits<T>::epsilon() * largest;
    }

    void solve(bool, const DistMatrix &b, DistMatrix &x) const override {
        const int n = static_cast<int>(a_.rows()), nrhs = static_cast<int>(x.cols()), one = 1;
        if (n == 0 || nrhs == 0) return;
        DistMatrix projected(a_.context(), a_.dtype(), n, nrhs, b.distribution().rows.block,
                             b.distribution().cols.block);
        const T unit = 1, none = 0;
        Scalapack<T>::gemm("T", "N", &n, &nrhs, &n, &unit, vectors_.data<T>("V"), &one, &one,
                           vectors_.desc(), b.data<T>("B"), &one, &one, b.desc(), &none,
                           projected.data<T>("W"), &one, &one, projected.desc());
        // Row k of V^T B is scaled by 1/w_k, or zeroed for w_k within the tolerance.
        const Distribution &dist = projected.distribution();
        T *local = projected.data<T>("W");
        for (int64_t li = 0; li < dist.local_rows(); ++li) {
            const double w = values_[dist.rows.global_index(li, dist.prow)];
            const T scale = static_cast<T>(std::fabs(w) > tolerance_ ? 1 / w : 0);
            for (int64_t lj = 0; lj < dist.local_cols(); ++lj)
                local[li + lj * projected.ld()] *= scale;
        }
        Scalapack<T>::gemm("N", "N", &n, &nrhs, &n, &unit, vectors_.data<T>("V"), &one, &one,
                           vectors_.desc(), local, &one, &one, projected.desc(), &none,
                           x.data<T>("X"), &one, &one, x.desc());
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
    std::vector<double> values_;  // T's eigenvalues, exactly, in double
    double tolerance_ = 0;
};

}  // namespace

std::unique_ptr<DenseFactor> make_eigh(DistMatrix a) {
    return typed_real(a.dtype(), [&](auto t) -> std::unique_ptr<DenseFactor> {
        return std::make_unique<EighFactor<decltype(t)>>(std::move(a));
    });
}

}  // namespace fl::mpi
