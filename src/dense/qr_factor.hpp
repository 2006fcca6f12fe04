// Householder QR, A = Q R (LAPACK geqrf), of an m-by-n A with m >= n (the C layer checks
// the shape) and full column rank. For a complex A, Q is unitary and every Q^T, R^T below
// is Q^H, R^H (unmqr, ungqr); solves with A^T go through A^H on conjugated B and X.
//
// Storage: one column-major m-by-n copy of A (a row-major A is transposed into it: QR has
// no use for the transpose A^T, which is n-by-m), which geqrf overwrites with R above the
// diagonal and Q's n Householder vectors below it, plus their n scalars tau.
//
// The explicit thin Q_1 (m-by-n, orgqr; m n more elements) is formed lazily for a tall A
// (m >= thin_q_min_aspect n), once it has paid for itself: solves and residual norms with
// Q_1 are GEMMs, about 2.5x faster than ormqr with many b's and 4 to 5x with one (ormqr
// rebuilds its block reflectors' triangular factors on every call), but orgqr costs more
// than geqrf (6.6 vs 4.3 ms at 2000x200), so forming it at factor time made a one-shot
// factor + solve with 1 to 100 b's 1.7 to 2.2x slower. Each solve that goes through the
// reflectors adds an estimate of what Q_1 would have saved it (thin_q_for); when the sum
// reaches orgqr's cost, Q_1 is formed (at most once, under a mutex) and every later solve
// uses it: a "rent or buy" rule, so a handle never pays much more than twice the better
// of the two. One big solve forms it at once (at 2000x200: from about 370 row-major or
// 570 column-major b's); one b at a time, at the 12th solve. A square A
// saves no flops with Q_1 and keeps the reflectors alone. Results of the two paths agree
// to rounding, not bit for bit. apply_q always uses the reflectors (it needs the full
// m-by-m Q).
//
// Full rank means R has no exactly zero diagonal element; one that is zero is reported as
// FL_ERR_SINGULAR naming it. Only exact zeros are: a nearly dependent column leaves a tiny
// but nonzero R_jj, which rcond() shows and COD or SVD handle with a rank tolerance.
//
// Queries, all const (their workspaces are per call):
//   solve, op = A:   the least-squares X = R^-1 (Q^T B)[0:n] = R^-1 Q_1^T B
//   solve, op = A^T: the minimum-norm solution of A^T X = B, X = Q [R^-T B; 0] = Q_1 R^-T B
//   inverse:         the pseudo-inverse A^+ = R^-1 Q_1^T (n-by-m, Q_1 the thin Q)
//   rcond:           trcon's 1-norm estimate for R, which has A's singular values
//   parts:           Q (m-by-n, thin: the kept Q_1, else orgqr) and R (n-by-n, zeros below
//                    the diagonal); the raw form, geqrf's output and tau
//   apply_q:         C <- op(Q) C for the full m-by-m Q (ormqr)
//   residual_norms:  the least-squares residuals, ||b_j - Q_1 (Q_1^T b_j)||_2 with a kept Q_1,
//                    else ||(Q^T b_j)[n:m]||_2 (equal up to rounding, O(eps ||b_j||) either way)
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <vector>

#include "core/large_buffer.hpp"
#include "dense/factor.hpp"
#include "dense/householder.hpp"

namespace fl {

template <class T> class QrFactor final : public Factor {
public:
    QrFactor(const MatrixRef &a, const FactorOptions &options);
    // Rebuilds a saved factor, and saves one (dense/saved/qr_state.cpp).
    explicit QrFactor(StateReader &in);
    void save(StateWriter &out) const override;

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
    void minimum_norm(const MatrixRef &b, const MatrixRef &x, bool conjugated = false) const;
    // The same two with the kept thin Q_1 (q_ != nullptr).
    void least_squares_thin_q(const MatrixRef &b, const MatrixRef &x) const;
    void minimum_norm_thin_q(const MatrixRef &b, const MatrixRef &x) const;
    // Q_1 as a caller-style column-major m-by-n matrix (only once q_ready_).
    MatrixRef thin_q() const { return {Layout::col_major, m_, n_, ld(), q_.get()}; }
    // Whether a query with k b's (row_major: B or X is) should use Q_1: true if it is
    // formed, or is formed now because the reflector solves so far (this one included)
    // would have paid for it.
    bool thin_q_for(index_t k, bool row_major) const;
    // out (m-by-n, column-major) <- the thin Q.
    void thin_q_into(const ColMajorView<T> &out) const;

    householder::Reflectors<T> reflectors() const { return {storage_.get(), m_, ld(), n_, tau_.data()}; }
    ColMajorView<const T> stored() const { return {storage_.get(), m_, n_, ld()}; }
    index_t ld() const { return m_ > 0 ? m_ : 1; }
    // Solves with m n k below serial_solve_work run on one BLAS thread (as LU's do).
    bool small_solve(index_t k) const;

    // Q_1 is considered when m >= thin_q_min_aspect * n (see the top of this file).
    static constexpr double thin_q_min_aspect = 2.0;

    const index_t m_;
    const index_t n_;
    LargeBuffer<T> storage_;        // R and Q's reflectors, column-major, ld()
    std::vector<T> tau_;            // n reflector scalars
    // The lazily formed thin Q_1 (column-major, ld()): written once under q_mutex_, then
    // q_ready_ is set (release) and it is only read.
    mutable std::unique_ptr<T[]> q_;
    mutable std::atomic<bool> q_ready_{false};
    mutable std::mutex q_mutex_;
    mutable double q_savings_ = 0;  // under q_mutex_: the estimated flops Q_1 would have saved
};

}  // namespace fl
