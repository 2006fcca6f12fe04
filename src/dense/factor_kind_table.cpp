#include "dense/factor_kind_table.hpp"

#include <iterator>
#include <string>

#include "core/error.hpp"
#include "dense/factor_kinds.hpp"
#include "sparse/sparse_factor.hpp"

namespace fl {
namespace {

constexpr std::uint32_t operator|(Query a, Query b) {
    return static_cast<std::uint32_t>(a) | static_cast<std::uint32_t>(b);
}
constexpr std::uint32_t operator|(std::uint32_t a, Query b) {
    return a | static_cast<std::uint32_t>(b);
}

// A condition estimate: every kind but sparse QR has one.
constexpr std::uint32_t rcond = static_cast<std::uint32_t>(Query::rcond);

// One row per kind, in FactorKind's order (factor_kind_row checks it).
constexpr FactorKindRow rows[] = {
    {FactorKind::lu, "LU", ShapeRule::square_to_solve, false, make_lu, nullptr,
     rcond | Query::logdet | Query::lower | Query::upper | Query::row_permutation |
         Query::packed_lu | Query::pivots},
    {FactorKind::cholesky, "Cholesky", ShapeRule::square, true, make_cholesky, nullptr,
     rcond | Query::logdet | Query::inertia | Query::rank_update | Query::lower | Query::upper},
    {FactorKind::ldlt, "LDL^T", ShapeRule::square, true, make_ldlt, nullptr,
     rcond | Query::logdet | Query::inertia | Query::lower | Query::upper | Query::row_permutation |
         Query::block_diagonal},
    {FactorKind::qr, "QR", ShapeRule::tall, false, make_qr, nullptr,
     rcond | Query::q | Query::r | Query::apply_q | Query::residual_norms | Query::reflectors |
         Query::tau},
    {FactorKind::cod, "complete orthogonal (COD)", ShapeRule::any, false, make_cod, nullptr,
     rcond | Query::rank | Query::apply_q | Query::residual_norms | Query::r |
         Query::column_permutation},
    {FactorKind::svd, "SVD", ShapeRule::any, false, make_svd, nullptr,
     rcond | Query::rank | Query::singular_values | Query::u | Query::vt | Query::residual_norms},
    {FactorKind::eigh, "symmetric eigen (EIGH)", ShapeRule::square, true, make_eigh, nullptr,
     rcond | Query::logdet | Query::rank | Query::inertia | Query::eigenvalues |
         Query::eigenvectors | Query::solve_shifted},
    {FactorKind::sparse_cholesky, "sparse Cholesky", ShapeRule::sparse, true, nullptr,
     make_sparse_cholesky, rcond | Query::logdet | Query::refactor | Query::rank_update_sparse},
    {FactorKind::sparse_lu, "sparse LU", ShapeRule::sparse, false, nullptr, make_sparse_lu,
     rcond | Query::logdet | Query::refactor},
    {FactorKind::sparse_qr, "sparse QR", ShapeRule::sparse, false, nullptr, make_sparse_qr,
     Query::rank | Query::refactor},
    // Made by fl_factor_create_generalized_eigh, not from a kind code: no maker here.
    {FactorKind::generalized_eigh, "generalized symmetric-definite eigen (EIGH of A, B)",
     ShapeRule::square, true, nullptr, nullptr,
     Query::logdet | Query::rank | Query::inertia | Query::eigenvalues | Query::eigenvectors |
         Query::solve_shifted},
};

}  // namespace

const FactorKindRow &factor_kind_row(FactorKind kind) {
    const auto i = static_cast<std::size_t>(kind);
    if (i >= std::size(rows) || rows[i].kind != kind)
        throw Error(ErrorCode::internal,
                    "factor kind " + std::to_string(static_cast<int>(kind)) + " has no row");
    return rows[i];
}

const char *kind_name(FactorKind kind) { return factor_kind_row(kind).name; }

namespace {

// Throws invalid_argument unless an m-by-n A follows `rule`, one of row's kind.
void check_shape(const FactorKindRow &row, ShapeRule rule, index_t m, index_t n) {
    // Built only for a message: this runs in every fl_factor_create, where a string per call
    // is a measurable part of a small matrix's factorization.
    auto shape = [&] { return "rows = " + std::to_string(m) + ", cols = " + std::to_string(n); };
    switch (rule) {
        case ShapeRule::square:
            if (m != n)
                throw Error(ErrorCode::invalid_argument,
                            std::string("a must be square for ") + row.name + ", but " + shape());
            return;
        case ShapeRule::tall:
            if (m < n)
                throw Error(
                    ErrorCode::invalid_argument,
                    std::string(row.name) +
                        " needs rows >= cols (use COD or SVD for under-determined A), but " +
                        shape());
            return;
        case ShapeRule::square_to_solve:
        case ShapeRule::any:
            return;
        case ShapeRule::sparse:
            throw Error(ErrorCode::internal,
                        std::string("a ") + row.name + " factor is made from a sparse matrix");
    }
}

}  // namespace

void require_shape(FactorKind kind, index_t rows, index_t cols) {
    const FactorKindRow &row = factor_kind_row(kind);
    check_shape(row, row.shape, rows, cols);
}

void require_solvable_shape(FactorKind kind, index_t rows, index_t cols) {
    const FactorKindRow &row = factor_kind_row(kind);
    const bool solves_square = row.shape == ShapeRule::square_to_solve;
    check_shape(row, solves_square ? ShapeRule::square : row.shape, rows, cols);
}

std::unique_ptr<Factor> make_factor(FactorKind kind, Dtype dtype, const MatrixRef &a,
                                    const FactorOptions &options) {
    const FactorKindRow &row = factor_kind_row(kind);
    if (row.make_dense == nullptr) throw Error(ErrorCode::internal, "unknown factor kind");
    return row.make_dense(dtype, a, options);
}

std::unique_ptr<Factor> make_sparse_factor(FactorKind kind, const SparseMatrix &a,
                                           const FactorOptions &options) {
    const FactorKindRow &row = factor_kind_row(kind);
    if (row.make_sparse == nullptr)
        throw Error(ErrorCode::internal, std::string("a ") + row.name + " factor is dense");
    return row.make_sparse(a, options);
}

}  // namespace fl
