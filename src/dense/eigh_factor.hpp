// The symmetric eigendecomposition A = V diag(w) V^T (LAPACK syevd, divide and conquer) of
// a symmetric A read from one triangle in either layout; for a complex A, the Hermitian
// A = V diag(w) V^H (heevd), with real eigenvalues w and a unitary V. It answers everything through
// w and V: the pseudo-inverse for solves and inverses (eigenvalues within the rank
// tolerance count as zero), the exact 2-norm condition number, rank and inertia, and
// shifted solves (A + lambda I)^-1 B for many lambda at the price of two GEMMs each.
// GeneralizedEighFactor (generalized_eigh_factor.hpp) reuses all of it with a basis that
// is not orthonormal: every query here only needs A^+ = V diag(1/w) V^T.
#pragma once

#include <memory>
#include <vector>

#include "core/large_buffer.hpp"
#include "dense/factor.hpp"

namespace fl {

template <class T>
class EighFactor : public Factor {
public:
    EighFactor(const MatrixRef &a, const FactorOptions &options);
    // Rebuilds a saved factor, and saves one (dense/saved/eigh_state.cpp).
    explicit EighFactor(StateReader &in);
    void save(StateWriter &out) const override;

    FactorKind kind() const override { return FactorKind::eigh; }
    Dtype dtype() const override { return dtype_of<T>(); }
    index_t rows() const override { return n_; }
    index_t cols() const override { return n_; }

    void solve(Transpose trans, const MatrixRef &b, const MatrixRef &x) const override;
    void inverse(const MatrixRef &out) const override;
    double rcond() const override;
    LogDet logdet() const override;
    index_t rank() const override;
    Inertia inertia() const override;
    std::pair<index_t, index_t> part_shape(Part part) const override;
    void get_part(Part part, const MatrixRef &out) const override;
    void solve_shifted(const double *shifts, index_t nshifts, const MatrixRef &b, const MatrixRef &x,
                       index_t x_stride) const override;

protected:
    // A factor whose queries run through the eigenvalues w (ascending) and the n-by-n
    // column-major basis v, A^+ = V diag(1/w) V^T, computed by the caller.
    EighFactor(index_t n, const FactorOptions &options, std::vector<real_t<T>> w, LargeBuffer<T> v);
    // The matrix solve_shifted inverts, in its messages.
    virtual const char *shifted_matrix() const { return "A + shift I"; }

    // Products with A^+ = V diag(s) V^T through C = V^T Y, which costs what one solve's
    // half does: quadratic forms C^T diag(s) C (mirrored, exactly symmetric), Mahalanobis
    // norms sum_i s_i C_ij^2, trace(A^+ Y) = sum_j s_j (V^T Y V)_jj, and diag(A^+)_i =
    // sum_j s_j V_ij^2 in O(n^2).
    void do_quadratic_form(const MatrixRef &y, const MatrixRef &out) const override;
    double do_trace_solve(const MatrixRef &y) const override;
    void do_inverse_diagonal(void *diag) const override;
    void do_mahalanobis(const MatrixRef &y, void *out) const override;

private:
    ColMajorView<const T> vectors() const { return {v_.get(), n_, n_, ld()}; }
    index_t ld() const { return n_ > 0 ? n_ : 1; }
    // Eigenvalues at or below this in magnitude count as zero (FL_OPT_RTOL, FL_OPT_ATOL).
    double threshold() const;
    // scale[i] = 1 / w[i] where |w[i]| is above the threshold, else 0: the pseudo-inverse.
    std::vector<real_t<T>> pseudo_inverse_scale() const;
    // C <- V^H B (V^T B with `plain`), C column-major n-by-b.cols (allocated here).
    std::vector<T> project(const MatrixRef &b, bool plain = false) const;
    // X <- V D, X in its own layout; D is n-by-x.cols column-major.
    void expand(const std::vector<T> &d, const MatrixRef &x) const;

    const index_t n_;
    const FactorOptions options_;  // the rank tolerance is applied at every query
    std::vector<real_t<T>> w_;     // eigenvalues, ascending
    LargeBuffer<T> v_;             // eigenvectors of A, column-major n-by-n, column j for w_[j]
};

}  // namespace fl
