// Everything the library knows about each kind of factorization, in one row per kind
// (factor_kind_table.cpp): its name in messages, the shapes of A it accepts, whether A is
// symmetric, the function that makes it, and the queries it answers. capi/ translates the
// public fl_factor_kind to a FactorKind and asks this table the rest; a new kind is a new
// row (and its class), not a new case in every switch.
#pragma once

#include <cstdint>
#include <memory>

#include "core/types.hpp"
#include "dense/factor.hpp"

namespace fl {

// The shapes of a dense A a kind accepts.
enum class ShapeRule {
    square,
    square_to_solve,  // any shape, but only a square A solves: a rectangular one has parts (LU)
    tall,  // rows >= cols
    any,
    sparse,  // made from an fl_sparse, which the kind checks itself
};

using DenseMaker = std::unique_ptr<Factor> (*)(Dtype, const MatrixRef &, const FactorOptions &);
using SparseMaker = std::unique_ptr<Factor> (*)(const SparseMatrix &, const FactorOptions &);

struct FactorKindRow {
    FactorKind kind;
    const char *name;         // in messages: "LU", "complete orthogonal (COD)", ...
    ShapeRule shape;          // of a dense A
    bool symmetric;           // A is symmetric, so are A^-1 Y's products (mirrored exactly)
    DenseMaker make_dense;    // the factor of a dense A; null for a sparse kind
    SparseMaker make_sparse;  // the factor of an fl_sparse; null for a dense kind
    std::uint32_t answers;    // the Query bits this kind answers

    bool answers_query(Query query) const {
        return (answers & static_cast<std::uint32_t>(query)) != 0;
    }
};

// The row of a kind; Error(internal) for a value that is not a FactorKind.
const FactorKindRow &factor_kind_row(FactorKind kind);

// Throws invalid_argument when a rows-by-cols dense A does not have a shape `kind` accepts
// (a dense kind: the C layer refuses a sparse kind before, in its own words).
void require_shape(FactorKind kind, index_t rows, index_t cols);
// The same for a factor that must solve (a batch): ShapeRule::square_to_solve is square here.
void require_solvable_shape(FactorKind kind, index_t rows, index_t cols);

// The factor of an fl_sparse by a sparse kind (the C layer refuses a dense kind before).
std::unique_ptr<Factor> make_sparse_factor(FactorKind kind, const SparseMatrix &a,
                                           const FactorOptions &options);

}  // namespace fl
