// Cholesky, A = L L^T or U^T U (LAPACK potrf), of a symmetric positive definite A read
// from one triangle in either layout; for a complex A, A = L L^H or U^H U of a Hermitian
// positive definite A.
#pragma once

#include "dense/factor_products.hpp"
#include "dense/square_factor.hpp"

namespace fl {

template <class T> class CholeskyFactor final : public SquareFactor<T> {
public:
    CholeskyFactor(const MatrixRef &a, const FactorOptions &options);
    // Rebuilds a saved factor, and saves one (dense/saved/cholesky_state.cpp).
    explicit CholeskyFactor(StateReader &in);
    void save(StateWriter &out) const override;

    FactorKind kind() const override { return FactorKind::cholesky; }
    LogDet logdet() const override;
    double rcond() const override;
    Inertia inertia() const override { return {this->n_, 0, 0}; }  // positive definite
    // L of A = L L^T and U = L^T (cholesky_parts.cpp), whichever triangle is stored.
    std::pair<index_t, index_t> part_shape(Part part) const override;
    void get_part(Part part, const MatrixRef &out) const override;
    // A new factor of A + sign V V^T, in O(n^2 k) (cholesky_update.cpp).
    std::unique_ptr<Factor> rank_update(int sign, const MatrixRef &v) const override;

protected:
    // Products with A^-1 through the triangular factor (cholesky_products.cpp).
    void do_quadratic_form(const MatrixRef &y, const MatrixRef &out) const override;
    double do_trace_solve(const MatrixRef &y) const override;
    void do_inverse_diagonal(void *diag) const override;
    void do_mahalanobis(const MatrixRef &y, void *out) const override;

private:
    // Z = L^-1 Y (A = L L^T) or U^-T Y (A = U^T U), so that Z^T Z = Y^T A^-1 Y, in a new
    // matrix laid out as half_solve chooses.
    products::Scratch<T> half_solve(const MatrixRef &y) const;
    // M = L^-1 or U^-1 (LAPACK trtri on a copy of the stored triangle), n-by-n column-major.
    products::Scratch<T> inverse_triangle() const;

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

// A complex factor has neither the products through L nor rank updates yet: these
// members answer Error(unsupported) for it (cholesky_complex.cpp).
#define FL_CHOLESKY_REAL_ONLY(T)                                                           \
    template <>                                                                            \
    void CholeskyFactor<T>::do_quadratic_form(const MatrixRef &, const MatrixRef &) const; \
    template <>                                                                            \
    double CholeskyFactor<T>::do_trace_solve(const MatrixRef &) const;                     \
    template <>                                                                            \
    void CholeskyFactor<T>::do_inverse_diagonal(void *) const;                             \
    template <>                                                                            \
    void CholeskyFactor<T>::do_mahalanobis(const MatrixRef &, void *) const;               \
    template <>                                                                            \
    std::unique_ptr<Factor> CholeskyFactor<T>::rank_update(int, const MatrixRef &) const;  \
    template <>                                                                            \
    double CholeskyFactor<T>::estimated_anorm() const;
FL_CHOLESKY_REAL_ONLY(std::complex<float>)
FL_CHOLESKY_REAL_ONLY(std::complex<double>)
#undef FL_CHOLESKY_REAL_ONLY

}  // namespace fl
