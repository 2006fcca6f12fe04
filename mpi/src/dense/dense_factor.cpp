#include "mpi/src/dense/dense_factor.hpp"

#include "core/error.hpp"

namespace fl::mpi {

std::unique_ptr<DenseFactor> DenseFactor::make(DenseKind kind, DistMatrix a) {
    switch (kind) {
    case DenseKind::lu: return make_lu(std::move(a));
    case DenseKind::cholesky: return make_cholesky(std::move(a));
    case DenseKind::qr: return make_qr(std::move(a));
    case DenseKind::eigh: return make_eigh(std::move(a));
    }
    throw Error(ErrorCode::internal, "unknown dense kind");
}

}  // namespace fl::mpi
