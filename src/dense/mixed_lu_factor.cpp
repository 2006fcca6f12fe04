// FL_PRECISION_MIXED LU: sgetrf/sgetrs on the float32 copy, dgemm residuals (as dsgesv).
#include <string>
#include <vector>

#include "core/error.hpp"
#include "dense/factor_kinds.hpp"
#include "dense/mixed_precision_factor.hpp"
#include "lapack/lapack.hpp"

namespace fl {
namespace {

class MixedLuFactor final : public MixedPrecisionFactor {
public:
    MixedLuFactor(const MatrixRef &a, const FactorOptions &options)
        : MixedPrecisionFactor(a, options, std::nullopt), pivots_(static_cast<size_t>(n_)) {
        factor();
    }

    FactorKind kind() const override { return FactorKind::lu; }

private:
    bool factor_low() override {
        const lapack_int info = lapack::getrf(n_, low_.get(), n_, pivots_.data());
        if (info < 0)
            throw Error(ErrorCode::internal, "sgetrf rejected argument " + std::to_string(-info));
        return info == 0;
    }
    void solve_low(Transpose op, float *x, index_t k) const override {
        lapack::getrs(op, n_, k, low_.get(), n_, pivots_.data(), x, n_);
    }
    std::unique_ptr<Factor> make_full(const MatrixRef &s, const FactorOptions &o) const override {
        return make_lu(Dtype::float64, s, o);
    }

    std::vector<lapack_int> pivots_;  // sgetrf's
};

}  // namespace

std::unique_ptr<Factor> make_mixed_lu(const MatrixRef &a, const FactorOptions &options) {
    return std::make_unique<MixedLuFactor>(a, options);
}

}  // namespace fl
