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
    Inertia inertia() const override { return {this->n_, 0, 0}; }  // positive definite
    // A new factor of A + sign V V^T, in O(n^2 k) (cholesky_update.cpp).
    std::unique_ptr<Factor> rank_update(int sign, const MatrixRef &v) const override;

private:
    // The factor of A + sign V V^T, made from `from` by rotations (cholesky_update.cpp). It
    // always stores the lower L, whichever triangle `from` holds.
    CholeskyFactor(const CholeskyFactor &from, int sign, const MatrixRef &v);
    // An estimate of ||L L^T||_1 from the stored lower L alone, for a factor that never saw
    // A (cholesky_update.cpp).
    double estimated_anorm() const;

    void solve_left(Transpose op, const ColMajorView<T> &x) const override;
    void solve_right(Transpose op, const ColMajorView<T> &y) const override;
    void invert_in_place(const ColMajorView<T> &a) const override;

    // The caller's triangle as it lies in the column-major storage: a row-major lower
    // triangle is the stored upper one. Always lower for an updated factor.
    const Triangle triangle_;
    // anorm_ (SquareFactor's 1-norm of A) for an updated factor, whose A was never
    // formed: rcond() then estimates it (estimated_anorm).
    static constexpr double unknown_anorm = -1;
};

}  // namespace fl
