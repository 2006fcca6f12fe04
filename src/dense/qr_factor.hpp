// Householder QR, A = Q R (LAPACK geqrf), of an m-by-n A with m >= n (the C layer checks
// the shape) and full column rank.
//
// Storage: one column-major m-by-n copy of A (a row-major A is transposed into it: QR has
// no use for the transpose A^T, which is n-by-m), which geqrf overwrites with R above the
// diagonal and Q's n Householder vectors below it, plus their n scalars tau.
//
// Full rank means R has no exactly zero diagonal element; one that is zero is reported as
// FL_ERR_SINGULAR naming it. Only exact zeros are: a nearly dependent column leaves a tiny
// but nonzero R_jj, which rcond() shows and COD or SVD handle with a rank tolerance.
//
// Queries, all const (their workspaces are per call):
//   solve, op = A:   the least-squares X = R^-1 (Q^T B)[0:n]
//   solve, op = A^T: the minimum-norm solution of A^T X = B, X = Q [R^-T B; 0]
//   inverse:         the pseudo-inverse A^+ = R^-1 Q_1^T (n-by-m, Q_1 the thin Q)
//   rcond:           trcon's 1-norm estimate for R, which has A's singular values
//   parts:           Q (m-by-n, thin, orgqr) and R (n-by-n, zeros below the diagonal)
//   apply_q:         C <- op(Q) C for the full m-by-m Q (ormqr)
//   residual_norms:  ||(Q^T b_j)[n:m]||_2, the least-squares residuals
#pragma once

#include <memory>
#include <vector>

#include "dense/factor.hpp"
#include "dense/householder.hpp"

namespace fl {

template <class T> class QrFactor final : public Factor {
public:
    QrFactor(const MatrixRef &a, const FactorOptions &options);

    FactorKind kind() const override { return FactorKind::qr; }
    Dtype dtype() const override { return dtype_of<T>(); }
    index_t rows() const override { return m_; }
    index_t cols() const override { return n_; }

    void solve(Transpose trans, const MatrixRef &b, const MatrixRef &x) const override;
    void inverse(const MatrixRef &out) const override;
    double rcond() const override;
    std::pair<index_t, index_t> part_shape(Part part) const override;
    void get_part(Part part, const MatrixRef &out) const override;
    void apply_q(Transpose trans, const MatrixRef &c) const override;
    void residual_norms(const MatrixRef &b, void *norms) const override;

private:
    void least_squares(const MatrixRef &b, const MatrixRef &x) const;
    void minimum_norm(const MatrixRef &b, const MatrixRef &x) const;
    // out (m-by-n, column-major) <- the thin Q.
    void thin_q_into(const ColMajorView<T> &out) const;

    householder::Reflectors<T> reflectors() const { return {storage_.get(), m_, ld(), n_, tau_.data()}; }
    ColMajorView<const T> stored() const { return {storage_.get(), m_, n_, ld()}; }
    index_t ld() const { return m_ > 0 ? m_ : 1; }
    // Solves with m n k below serial_solve_work run on one BLAS thread (as LU's do).
    bool small_solve(index_t k) const;

    const index_t m_;
    const index_t n_;
    std::unique_ptr<T[]> storage_;  // R and Q's reflectors, column-major, ld()
    std::vector<T> tau_;            // n reflector scalars
};

}  // namespace fl
