#include "mpi/src/dense/dense_factor.hpp"

#include <optional>

#include "core/error.hpp"
#include "mpi/src/redistribute.hpp"

namespace fl::mpi {

std::unique_ptr<DenseFactor> DenseFactor::make(DenseKind kind, DistMatrix a) {
    switch (kind) {
        case DenseKind::lu:
            return make_lu(std::move(a));
        case DenseKind::cholesky:
            return make_cholesky(std::move(a));
        case DenseKind::qr:
            return make_qr(std::move(a));
        case DenseKind::eigh:
            return make_eigh(std::move(a));
    }
    throw Error(ErrorCode::internal, "unknown dense kind");
}

void solve_any_distribution(const DenseFactor &f, bool transpose, const DistMatrix &b,
                            DistMatrix &x) {
    const Distribution &wanted = f.factored().distribution();
    const auto in_a_distribution = [&](const DistMatrix &m) -> std::optional<DistMatrix> {
        if (m.distribution().same_distribution(wanted)) return std::nullopt;
        return DistMatrix(m.context(), m.rows(), m.cols(), wanted.rows.block, wanted.cols.block);
    };
    std::optional<DistMatrix> b_copy = in_a_distribution(b), x_copy = in_a_distribution(x);
    if (b_copy) copy_between_distributions(b, *b_copy);
    f.solve(transpose, b_copy ? *b_copy : b, x_copy ? *x_copy : x);
    if (x_copy) copy_between_distributions(*x_copy, x);
}

}  // namespace fl::mpi
