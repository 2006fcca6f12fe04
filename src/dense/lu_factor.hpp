// LU with partial pivoting, A = P L U (LAPACK getrf), of a square A in either layout; its
// parts (lu_parts.cpp) are those of A. A non-square A gets a RectangularLuFactor
// (rectangular_lu_factor.hpp), which has parts and no solves.
#pragma once

#include <vector>

#include "dense/small_lu.hpp"
#include "dense/square_factor.hpp"
#include "lapack/lapack.hpp"

namespace fl {

// Memory for an LU's factored matrix (n^2 elements) and pivots (n) that its caller
// provides (dense/lu_block.hpp); null: the factor allocates its own.
template <class T>
struct LuMemory {
    T *storage = nullptr;
    lapack_int *pivots = nullptr;
};

template <class T> class LuFactor final : public SquareFactor<T> {
public:
    LuFactor(const MatrixRef &a, const FactorOptions &options, LuMemory<T> memory = {});
    // Rebuilds a saved factor, and saves one (dense/saved/lu_state.cpp).
    explicit LuFactor(StateReader &in);
    void save(StateWriter &out) const override;

    FactorKind kind() const override { return FactorKind::lu; }
    LogDet logdet() const override;
    double rcond() const override;
    std::pair<index_t, index_t> part_shape(Part part) const override;
    void get_part(Part part, const MatrixRef &out) const override;
    void get_indices(Part part, std::int64_t *out) const override;

private:
    void solve_left(Transpose op, const ColMajorView<T> &x) const override;
    void solve_right(Transpose op, const ColMajorView<T> &y) const override;
    void invert_in_place(const ColMajorView<T> &a) const override;
    bool solves_without_blas() const override { return small(); }
    // Throws Error(singular) naming the first zero pivot, if the factor kept one.
    void require_nonsingular() const;
    // Refuses the parts of an LU saved as one of A^T (see square_factor.hpp).
    void require_parts_of_a() const;

    // gecon needs ||A||_1, which for a loaded S = A^T is S's infinity norm.
    char condition_norm() const { return this->transposed_ ? 'I' : '1'; }

    // Small orders factor and solve with the register kernels of dense/small_lu.hpp, and
    // larger ones up to blocked_lu::max_order factor with dense/blocked_lu.hpp (and solve
    // with getrs). Real matrices only: the kernels pivot on |a| and solve with A or A^T, not A^H.
    bool small() const { return !is_complex_v<T> && this->n_ <= small_lu::max_order; }
    bool own_factorization() const { return !is_complex_v<T> && this->n_ <= blocked_lu::max_order; }

    std::vector<lapack_int> owned_pivots_;  // empty when the caller provided the pivots
    lapack_int *const pivots_;              // getrf's 1-based row interchanges
    // getrf's info: the 1-based first exactly zero U[k, k], kept under allow_singular; 0 if none.
    lapack_int zero_pivot_ = 0;
};

}  // namespace fl
