// The factored batch behind fl_batch: count factors of one kind, shape and dtype, immutable
// once built. LU and Cholesky of orders up to the pack limits keep their factors as
// interleaved packs (packed_batch.cpp); every other kind and order keeps one LAPACK factor
// per matrix (factor_batch.cpp).
#pragma once

#include <memory>
#include <utility>
#include <vector>

#include "batched/stack.hpp"
#include "dense/factor.hpp"

namespace fl::batched {

class Batch {
public:
    Batch(FactorKind kind, Dtype dtype, index_t count, index_t rows, index_t cols)
        : kind_(kind), dtype_(dtype), count_(count), rows_(rows), cols_(cols) {}
    virtual ~Batch() = default;

    FactorKind kind() const { return kind_; }
    Dtype dtype() const { return dtype_; }
    index_t count() const { return count_; }
    index_t rows() const { return rows_; }
    index_t cols() const { return cols_; }

    // X_l <- A_l^-1 B_l (QR: least squares); B rows()-by-k, X cols()-by-k.
    virtual void solve(const Stack &b, const Stack &x) const = 0;
    // Throws Error(unsupported) for QR, before writing anything.
    virtual void logdet(double *sign, double *logabsdet) const = 0;
    virtual void rcond(double *rcond) const = 0;
    // inv_l, cols()-by-rows().
    virtual void inverse(const Stack &inv) const = 0;
    // The shape of one matrix's part, or Error(unsupported) for a kind without it.
    std::pair<index_t, index_t> part_shape(Part part) const;
    virtual void get_part(Part part, const Stack &out) const = 0;

private:
    FactorKind kind_;
    Dtype dtype_;
    index_t count_, rows_, cols_;
};

// Factors the count matrices of a (validated, of a shape that suits kind: LU, Cholesky,
// LDL^T, QR or EIGH) and records each matrix's outcome.
std::unique_ptr<Batch> make_batch(FactorKind kind, Dtype dtype, index_t count, const Stack &a,
                                  const FactorOptions &options, Outcome *outcome);

// The two implementations, for make_batch.
std::unique_ptr<Batch> make_packed_batch(FactorKind kind, Dtype dtype, index_t count,
                                         const Stack &a, const FactorOptions &options,
                                         Outcome *outcome);
std::unique_ptr<Batch> make_factor_batch(FactorKind kind, Dtype dtype, index_t count,
                                         const Stack &a, const FactorOptions &options,
                                         Outcome *outcome);

}  // namespace fl::batched
