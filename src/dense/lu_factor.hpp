// LU with partial pivoting, S = P L U (LAPACK getrf), of a square A in either layout.
#pragma once

#include <vector>

#include "dense/small_lu.hpp"
#include "dense/square_factor.hpp"
#include "lapack/lapack.hpp"

namespace fl {

template <class T> class LuFactor final : public SquareFactor<T> {
public:
    LuFactor(const MatrixRef &a, const FactorOptions &options);
    // Rebuilds a saved factor, and saves one (dense/saved/lu_state.cpp).
    explicit LuFactor(StateReader &in);
    void save(StateWriter &out) const override;

    FactorKind kind() const override { return FactorKind::lu; }
    LogDet logdet() const override;
    double rcond() const override;

private:
    void solve_left(Transpose op, const ColMajorView<T> &x) const override;
    void solve_right(Transpose op, const ColMajorView<T> &y) const override;
    void invert_in_place(const ColMajorView<T> &a) const override;
    bool solves_without_blas() const override { return small(); }

    // gecon needs ||A||_1, which for a stored S = A^T (row-major A) is S's infinity norm.
    char condition_norm() const { return this->transposed_ ? 'I' : '1'; }
    static NormOf condition_norm_of(Layout a) { return a == Layout::row_major ? NormOf::inf : NormOf::one; }

    // Small orders factor and solve with the register kernels of dense/small_lu.hpp.
    // Real matrices only: the small kernels pivot on |a| and solve with A or A^T, not A^H.
    bool small() const { return !is_complex_v<T> && this->n_ <= small_lu::max_order; }

    std::vector<lapack_int> pivots_;  // getrf's 1-based row interchanges
};

}  // namespace fl
