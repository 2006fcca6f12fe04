#include "dense/factor.hpp"

#include "dense/cholesky_factor.hpp"
#include "dense/lu_factor.hpp"

namespace fl {
namespace {

template <class T>
std::unique_ptr<Factor> make_typed(FactorKind kind, const MatrixRef &a, const FactorOptions &options) {
    switch (kind) {
    case FactorKind::lu: return std::make_unique<LuFactor<T>>(a, options);
    case FactorKind::cholesky: return std::make_unique<CholeskyFactor<T>>(a, options);
    }
    return nullptr;  // unreachable: the C layer admits only the kinds above
}

}  // namespace

std::unique_ptr<Factor> make_factor(FactorKind kind, Dtype dtype, const MatrixRef &a,
                                    const FactorOptions &options) {
    return dtype == Dtype::float32 ? make_typed<float>(kind, a, options)
                                   : make_typed<double>(kind, a, options);
}

}  // namespace fl
