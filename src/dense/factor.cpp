#include "dense/factor.hpp"

#include <algorithm>
#include <limits>
#include <string>

#include "core/error.hpp"
#include "core/typed.hpp"
#include "dense/factor_kind_table.hpp"

namespace fl {

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

void Factor::unsupported(Query query, const char *what) const {
    const FactorKindRow &row = factor_kind_row(kind());
    if (row.answers_query(query))
        throw Error(ErrorCode::internal, std::string("the kind table says a ") + row.name +
                                             " factor answers " + what + ", but it does not");
    unsupported(what);
}

index_t Factor::info(Info what) const {
    switch (what) {
        case Info::precision:
            return static_cast<index_t>(Precision::native);
        case Info::fallback:
            return static_cast<index_t>(Fallback::none);
        case Info::refinement_steps:
            return 0;
        case Info::overwrites_a:
            return 0;
    }
    return 0;
}

LogDet Factor::logdet() const {
    unsupported(Query::logdet, "determinant (use LU, Cholesky, LDL^T or EIGH)");
}
index_t Factor::rank() const { unsupported(Query::rank, "numerical rank (use COD, SVD or EIGH)"); }
Inertia Factor::inertia() const { unsupported(Query::inertia, "inertia (use LDL^T or EIGH)"); }

std::pair<index_t, index_t> Factor::part_shape(Part part) const {
    switch (part) {
        case Part::singular_values:
            unsupported(Query::singular_values, "singular values (use SVD)");
        case Part::u:
            unsupported(Query::u, "U (use SVD)");
        case Part::vt:
            unsupported(Query::vt, "V^T (use SVD)");
        case Part::eigenvalues:
            unsupported(Query::eigenvalues, "eigenvalues (use EIGH)");
        case Part::eigenvectors:
            unsupported(Query::eigenvectors, "eigenvectors (use EIGH)");
        case Part::q:
            unsupported(Query::q, "Q (use QR)");
        case Part::r:
            unsupported(Query::r, "R (use QR or COD)");
        case Part::lower:
            unsupported(Query::lower, "lower triangular factor (use LU, Cholesky or LDL^T)");
        case Part::upper:
            unsupported(Query::upper, "upper triangular factor (use LU or Cholesky)");
        case Part::row_permutation:
            unsupported(Query::row_permutation, "row permutation (use LU or LDL^T)");
        case Part::packed_lu:
            unsupported(Query::packed_lu, "packed LU (use LU)");
        case Part::pivots:
            unsupported(Query::pivots, "pivots (use LU)");
        case Part::block_diagonal:
            unsupported(Query::block_diagonal, "block diagonal D (use LDL^T)");
        case Part::reflectors:
            unsupported(Query::reflectors, "Householder reflectors (use QR)");
        case Part::tau:
            unsupported(Query::tau, "reflector scalars tau (use QR)");
        case Part::column_permutation:
            unsupported(Query::column_permutation, "column permutation (use COD)");
    }
    unsupported("such part");
}

void Factor::get_part(Part part, const MatrixRef &) const {
    part_shape(part);  // names what is missing
    unsupported("such part");
}

void Factor::get_indices(Part part, std::int64_t *) const {
    part_shape(part);  // names what is missing
    unsupported("such part");
}

void Factor::apply_q(Transpose, const MatrixRef &) const {
    unsupported(Query::apply_q, "Q (use QR or COD)");
}

void Factor::residual_norms(const MatrixRef &, void *) const {
    unsupported(Query::residual_norms, "least-squares residuals (use QR, COD or SVD)");
}

void Factor::solve_shifted(const double *, index_t, const MatrixRef &, const MatrixRef &,
                           index_t) const {
    unsupported(Query::solve_shifted, "shifted solves (use EIGH)");
}

std::unique_ptr<Factor> Factor::rank_update(int, const MatrixRef &) const {
    unsupported(Query::rank_update, "rank update (use Cholesky)");
}

std::unique_ptr<Factor> Factor::refactor(const SparseMatrix &) const {
    unsupported(Query::refactor, "refactorization with new values (use a sparse kind)");
}

std::unique_ptr<Factor> Factor::rank_update_sparse(int, const SparseMatrix &) const {
    unsupported(Query::rank_update_sparse, "sparse rank update (use sparse Cholesky)");
}

void Factor::save(StateWriter &) const {
    unsupported("serialized form (only the dense kinds can be saved)");
}

Dtype part_dtype(Dtype factor_dtype, Part part) {
    if (part != Part::singular_values && part != Part::eigenvalues) return factor_dtype;
    return real_dtype(factor_dtype);
}

double rcond_in_range(double estimate) {
    if (!(estimate >= 0) || estimate == std::numeric_limits<double>::infinity()) return 0.0;
    return std::min(estimate, 1.0);
}

}  // namespace fl
