// A MUMPS (dmumps_c) factorization of a sparse matrix over a context's communicator:
// analysis and factorization at construction, numeric refactorization on the same
// pattern, solves with right-hand sides centralised on rank 0. Every member function is
// collective except the queries that read INFOG, which MUMPS makes the same on every rank.
#pragma once

#include <dmumps_c.h>

#include <cstdint>
#include <vector>

#include "mpi/src/context.hpp"
#include "mpi/src/dense/dense_factor.hpp"

namespace fl::mpi {

enum class SparseKind {
    general,
    spd,
    symmetric
};

struct SparseEntries {
    int64_t count;
    const int64_t *rows, *cols;  // 0-based, already checked to lie in [0, n)
    const double *values;
};

class MumpsFactor {
public:
    // distributed: every rank passes its share; otherwise only rank 0's entries are read.
    MumpsFactor(const Context &context, SparseKind kind, int64_t n, bool distributed,
                SparseEntries entries);
    MumpsFactor(const MumpsFactor &) = delete;
    MumpsFactor &operator=(const MumpsFactor &) = delete;

    SparseKind kind() const { return kind_; }
    int64_t order() const { return n_; }
    const Context &context() const { return *context_; }
    bool holds_entries() const { return distributed_ || context_->rank() == 0; }
    int64_t entry_count() const { return count_; }

    // New values for the entries of the constructor, in the same order.
    void refactor(const double *values);
    // Overwrites the n-by-nrhs column-major rhs (leading dimension n) on rank 0 with A^-1 rhs.
    void solve(int64_t nrhs, double *rhs);
    LogDet logdet() const;
    int64_t negative_pivots() const { return n_ == 0 ? 0 : instance_.id.infog[11]; }

private:
    void run(int job, const char *what);
    void set_values(const double *values);

    const Context *context_;
    SparseKind kind_;
    int64_t n_;
    bool distributed_;
    int64_t count_;
    bool factored_ = false;
    // The MUMPS instance, ended (JOB = -2, collective) however construction or life ends.
    struct Instance {
        DMUMPS_STRUC_C id{};
        bool live = false;
        ~Instance();
    } instance_;
    DMUMPS_STRUC_C &id_ = instance_.id;
    std::vector<int64_t>
        kept_;  // which of the caller's entries MUMPS sees (one triangle when symmetric)
    std::vector<MUMPS_INT> irn_, jcn_;
    std::vector<double> a_;
};

}  // namespace fl::mpi
