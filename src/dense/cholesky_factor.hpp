// Cholesky, A = L L^T or U^T U (LAPACK potrf), of a symmetric positive definite A read
// from one triangle in either layout.
#pragma once

#include "dense/square_factor.hpp"

namespace fl {

template <class T> class CholeskyFactor final : public SquareFactor<T> {
public:
    CholeskyFactor(const MatrixRef &a, const FactorOptions &options);

    FactorKind kind() const override { return FactorKind::cholesky; }
    LogDet logdet() const override;
    double rcond() const override;

private:
    void solve_left(Transpose op, const ColMajorView<T> &x) const override;
    void solve_right(Transpose op, const ColMajorView<T> &y) const override;
    void invert_in_place(const ColMajorView<T> &a) const override;

    // The caller's triangle as it lies in the column-major storage: a row-major lower
    // triangle is the stored upper one.
    const Triangle triangle_;
    double anorm_ = 0;  // the 1-norm of A, taken before factoring
};

}  // namespace fl
