#include "dense/factor.hpp"

#include <algorithm>
#include <limits>
#include <string>

#include "core/error.hpp"
#include "dense/factor_kinds.hpp"

namespace fl {

const char *kind_name(FactorKind kind) {
    switch (kind) {
    case FactorKind::lu: return "LU";
    case FactorKind::cholesky: return "Cholesky";
    case FactorKind::ldlt: return "LDL^T";
    case FactorKind::qr: return "QR";
    case FactorKind::cod: return "complete orthogonal (COD)";
    case FactorKind::svd: return "SVD";
    case FactorKind::eigh: return "symmetric eigen (EIGH)";
    case FactorKind::sparse_cholesky: return "sparse Cholesky";
    case FactorKind::sparse_lu: return "sparse LU";
    case FactorKind::sparse_qr: return "sparse QR";
    }
    return "unknown";
}

template <class T>
double rank_threshold(const FactorOptions &options, index_t rows, index_t cols, double largest) {
    const double rtol = options.rtol >= 0
                            ? options.rtol
                            : double(std::max(rows, cols)) * std::numeric_limits<T>::epsilon();
    return std::max(options.atol, rtol * largest);
}
template double rank_threshold<float>(const FactorOptions &, index_t, index_t, double);
template double rank_threshold<double>(const FactorOptions &, index_t, index_t, double);

void Factor::unsupported(const char *what) const {
    throw Error(ErrorCode::unsupported,
                std::string("a ") + kind_name(kind()) + " factor has no " + what);
}

LogDet Factor::logdet() const { unsupported("determinant (use LU, Cholesky, LDL^T or EIGH)"); }
index_t Factor::rank() const { unsupported("numerical rank (use COD, SVD or EIGH)"); }
Inertia Factor::inertia() const { unsupported("inertia (use LDL^T or EIGH)"); }

std::pair<index_t, index_t> Factor::part_shape(Part part) const {
    switch (part) {
    case Part::singular_values: unsupported("singular values (use SVD)");
    case Part::u: unsupported("U (use SVD)");
    case Part::vt: unsupported("V^T (use SVD)");
    case Part::eigenvalues: unsupported("eigenvalues (use EIGH)");
    case Part::eigenvectors: unsupported("eigenvectors (use EIGH)");
    case Part::q: unsupported("Q (use QR)");
    case Part::r: unsupported("R (use QR)");
    }
    unsupported("such part");
}

void Factor::get_part(Part part, const MatrixRef &) const {
    part_shape(part);  // names what is missing
    unsupported("such part");
}

void Factor::apply_q(Transpose, const MatrixRef &) const { unsupported("Q (use QR or COD)"); }

void Factor::residual_norms(const MatrixRef &, void *) const {
    unsupported("least-squares residuals (use QR, COD or SVD)");
}

void Factor::solve_shifted(const double *, index_t, const MatrixRef &, const MatrixRef &,
                           index_t) const {
    unsupported("shifted solves (use EIGH)");
}

std::unique_ptr<Factor> Factor::rank_update(int, const MatrixRef &) const {
    unsupported("rank update (use Cholesky)");
}

std::unique_ptr<Factor> Factor::refactor(const SparseMatrix &) const {
    unsupported("refactorization with new values (use a sparse kind)");
}

std::unique_ptr<Factor> Factor::rank_update_sparse(int, const SparseMatrix &) const {
    unsupported("sparse rank update (use sparse Cholesky)");
}

double rcond_in_range(double estimate) {
    if (!(estimate >= 0) || estimate == std::numeric_limits<double>::infinity()) return 0.0;
    return std::min(estimate, 1.0);
}

std::unique_ptr<Factor> make_factor(FactorKind kind, Dtype dtype, const MatrixRef &a,
                                    const FactorOptions &options) {
    switch (kind) {
    case FactorKind::lu: return make_lu(dtype, a, options);
    case FactorKind::cholesky: return make_cholesky(dtype, a, options);
    case FactorKind::ldlt: return make_ldlt(dtype, a, options);
    case FactorKind::qr: return make_qr(dtype, a, options);
    case FactorKind::cod: return make_cod(dtype, a, options);
    case FactorKind::svd: return make_svd(dtype, a, options);
    case FactorKind::eigh: return make_eigh(dtype, a, options);
    case FactorKind::sparse_cholesky:
    case FactorKind::sparse_lu:
    case FactorKind::sparse_qr: break;  // made from an fl_sparse, never from a dense A
    }
    throw Error(ErrorCode::internal, "unknown factor kind");
}

}  // namespace fl
