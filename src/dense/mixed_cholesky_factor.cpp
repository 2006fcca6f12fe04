// FL_PRECISION_MIXED Cholesky: spotrf/spotrs on the float32 copy of the stored triangle,
// and the residuals of dsposv's refinement (on S mirrored to full, with dgemm).
#include <string>

#include "core/error.hpp"
#include "dense/factor_kinds.hpp"
#include "dense/mixed_precision_factor.hpp"
#include "lapack/lapack.hpp"

namespace fl {
namespace {

class MixedCholeskyFactor final : public MixedPrecisionFactor {
public:
    MixedCholeskyFactor(const MatrixRef &a, const FactorOptions &options)
        : MixedPrecisionFactor(a, options, stored_triangle(a, options)) {
        factor();
    }

    FactorKind kind() const override { return FactorKind::cholesky; }
    Inertia inertia() const override { return {n_, 0, 0}; }  // positive definite

private:
    bool factor_low() override {
        const lapack_int info = lapack::potrf(*triangle_, n_, low_.get(), n_);
        if (info < 0)
            throw Error(ErrorCode::internal, "spotrf rejected argument " + std::to_string(-info));
        return info == 0;
    }
    void solve_low(Transpose, float *x, index_t k) const override {
        lapack::potrs(*triangle_, n_, k, low_.get(), n_, x, n_);
    }
    std::unique_ptr<Factor> make_full(const MatrixRef &s, const FactorOptions &o) const override {
        return make_cholesky(Dtype::float64, s, o);
    }
};

}  // namespace

std::unique_ptr<Factor> make_mixed_cholesky(const MatrixRef &a, const FactorOptions &options) {
    return std::make_unique<MixedCholeskyFactor>(a, options);
}

}  // namespace fl
