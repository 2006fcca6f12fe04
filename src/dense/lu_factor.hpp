// LU with partial pivoting, A = P L U (LAPACK getrf), of a square A in either layout; its
// parts (lu_parts.cpp) are those of A.
#pragma once

#include <vector>

#include "dense/square_factor.hpp"
#include "lapack/lapack.hpp"

namespace fl {

template <class T> class LuFactor final : public SquareFactor<T> {
public:
    LuFactor(const MatrixRef &a, const FactorOptions &options);

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
    // Throws Error(singular) naming the first zero pivot, if the factor kept one.
    void require_nonsingular() const;

    std::vector<lapack_int> pivots_;  // getrf's 1-based row interchanges
    // getrf's info: the 1-based first exactly zero U[k, k], kept under allow_singular; 0 if none.
    lapack_int zero_pivot_ = 0;
};

}  // namespace fl
