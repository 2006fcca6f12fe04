#include "batched/batch.hpp"

#include "core/error.hpp"

namespace fl::batched {

std::pair<index_t, index_t> Batch::part_shape(Part part) const {
    const index_t n = cols();
    if (kind() == FactorKind::eigh && part == Part::eigenvalues) return {n, 1};
    if (kind() == FactorKind::eigh && part == Part::eigenvectors) return {n, n};
    if (kind() == FactorKind::qr && part == Part::q) return {rows(), n};
    if (kind() == FactorKind::qr && part == Part::r) return {n, n};
    throw Error(ErrorCode::unsupported,
                "this kind of batch has no such part (EIGH: eigenvalues, eigenvectors; QR: Q, R)");
}

std::unique_ptr<Batch> make_batch(FactorKind kind, Dtype dtype, index_t count, const Stack &a,
                                  const FactorOptions &options, Outcome *outcome) {
    const index_t n = a.first.rows;
    const bool packed = (kind == FactorKind::lu && n <= lu_pack_limit) ||
                        (kind == FactorKind::cholesky && n <= cholesky_pack_limit);
    return packed ? make_packed_batch(kind, dtype, count, a, options, outcome)
                  : make_factor_batch(kind, dtype, count, a, options, outcome);
}

}  // namespace fl::batched
