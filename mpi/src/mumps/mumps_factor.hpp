// A MUMPS factorization of a sparse matrix over a context's communicator: analysis and
// factorization at construction, numeric refactorization on the same pattern, solves with
// right-hand sides centralised on rank 0 or distributed by rows. dmumps_c for float64, smumps_c for
// float32 (one template in mumps_factor.cpp behind this interface). Every member function is
// collective except the queries that read INFOG, which MUMPS makes the same on every rank.
#pragma once

#include <cstdint>
#include <memory>

#include "core/types.hpp"
#include "mpi/src/context.hpp"
#include "mpi/src/dense/dense_factor.hpp"
#include "mpi/src/mumps/row_owners.hpp"

namespace fl::mpi {

enum class SparseKind {
    general,
    spd,
    symmetric
};

struct SparseEntries {
    int64_t count;
    const int64_t *rows, *cols;  // 0-based, already checked to lie in [0, n)
    const void *values;          // of the factor's dtype
};

class MumpsFactor {
public:
    // distributed: every rank passes its share; otherwise only rank 0's entries are read.
    static std::unique_ptr<MumpsFactor> make(const Context &context, Dtype dtype, SparseKind kind,
                                             int64_t n, bool distributed, SparseEntries entries);
    virtual ~MumpsFactor() = default;
    MumpsFactor(const MumpsFactor &) = delete;
    MumpsFactor &operator=(const MumpsFactor &) = delete;

    Dtype dtype() const { return dtype_; }
    SparseKind kind() const { return kind_; }
    int64_t order() const { return n_; }
    const Context &context() const { return *context_; }
    bool holds_entries() const { return distributed_ || context_->rank() == 0; }
    int64_t entry_count() const { return count_; }

    // New values (of dtype()) for the entries of the constructor, in the same order.
    virtual void refactor(const void *values) = 0;
    // Overwrites the n-by-nrhs column-major rhs of dtype() (leading dimension n) on rank 0
    // with A^-1 rhs.
    virtual void solve(int64_t nrhs, void *rhs) = 0;
    // Overwrites this rank's count rows of B (global rows `rows`, 0-based, each on exactly
    // one rank as owners records; column-major, leading dimension max(1, count), dtype())
    // with the same rows of A^-1 B.
    virtual void solve_distributed(int64_t nrhs, int64_t count, const int64_t *rows, void *rhs,
                                   const RowOwners &owners) = 0;
    virtual LogDet logdet() const = 0;
    virtual int64_t negative_pivots() const = 0;

protected:
    MumpsFactor(const Context &context, Dtype dtype, SparseKind kind, int64_t n, bool distributed,
                int64_t count)
        : context_(&context),
          dtype_(dtype),
          kind_(kind),
          n_(n),
          distributed_(distributed),
          count_(count) {}

    const Context *context_;
    Dtype dtype_;
    SparseKind kind_;
    int64_t n_;
    bool distributed_;
    int64_t count_;
};

}  // namespace fl::mpi
