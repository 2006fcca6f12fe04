// Complete orthogonal decomposition of any m-by-n A:
//
//     A P = Q [T11 T12; 0 T22]        (geqp3: QR with column pivoting)
//     [T11 T12] = [T 0] Z             (tzrzf: the RZ step on the leading r rows)
//     so A = Q [T 0; 0 0] Z P^T       once T22 is dropped,
//
// with Q m-by-m and Z n-by-n orthogonal (unitary for a complex A, whose Z^T and Q^T below
// are Z^H and Q^H), P a permutation and T r-by-r upper triangular and nonsingular; r is the
// numerical rank. This is what LAPACK's gelsy computes.
//
// The rank. r is the number of diagonal elements of geqp3's R with
// |R_ii| > rank_threshold(options, m, n, |R_11|), that is, above
// max(FL_OPT_ATOL, FL_OPT_RTOL * |R_11|) with FL_OPT_RTOL defaulting to max(m, n) eps.
// Column pivoting makes |R_11| >= |R_22| >= ... (each pivot is the largest remaining column
// norm), so r is also the length of the leading run above the threshold, which is how it
// is counted: T is always a leading block. This is the diagonal test on a rank-revealing QR
// that gelsy-style codes use. gelsy itself instead grows r one column at a time while an
// incremental condition estimate (laic1) of the leading r-by-r block stays below 1/rcond.
// The diagonal test is chosen because it is the rule the public header states for COD and
// because it is the same rule, with the same FL_OPT_RTOL/FL_OPT_ATOL meaning, as SVD and
// EIGH apply to their singular values and eigenvalues: the tolerances mean the same thing
// for every rank-revealing kind. Its known weakness: |R_rr| can overestimate the r-th
// singular value by a modest factor (badly so only for contrived matrices such as Kahan's),
// so a rank decided this way may come out larger than the SVD's. Use SVD when the rank
// must be exactly the number of singular values above the tolerance.
//
// Queries, all const (workspaces per call):
//   solve, op = A:   the minimum-norm least-squares X = P Z^T [T^-1 (Q^T B)[0:r]; 0]
//   solve, op = A^T: the minimum-norm least-squares solution of A^T X = B, implemented:
//                    A^T = P Z^T [T^T 0; 0 0] Q^T, so X = Q [T^-T (Z P^T B)[0:r]; 0]
//                    (for a complex A, op = A^H so with T^-H; A^T X = B is solved as
//                    A^H conj(X) = conj(B))
//   inverse:         the pseudo-inverse A^+ (n-by-m), as the solve of A X = I_m
//   rank:            r
//   rcond:           trcon's 1-norm estimate for T; 0 when r = 0, 1 when A is empty
//   apply_q:         C <- op(Q) C for geqp3's full m-by-m Q
//   residual_norms:  ||(Q^T b_j)[r:m]||_2, real for a complex A too
#pragma once

#include <memory>
#include <vector>

#include "core/large_buffer.hpp"
#include "dense/factor.hpp"
#include "dense/householder.hpp"

namespace fl {

template <class T> class CodFactor final : public Factor {
public:
    CodFactor(const MatrixRef &a, const FactorOptions &options);
    // Rebuilds a saved factor, and saves one (dense/saved/cod_state.cpp).
    explicit CodFactor(StateReader &in);
    void save(StateWriter &out) const override;

    FactorKind kind() const override { return FactorKind::cod; }
    Dtype dtype() const override { return dtype_of<T>(); }
    index_t rows() const override { return m_; }
    index_t cols() const override { return n_; }

    void solve(Transpose trans, const MatrixRef &b, const MatrixRef &x) const override;
    void inverse(const MatrixRef &out) const override;
    double rcond() const override;
    index_t rank() const override { return rank_; }
    // geqp3's R and column permutation (cod_parts.cpp).
    std::pair<index_t, index_t> part_shape(Part part) const override;
    void get_part(Part part, const MatrixRef &out) const override;
    void get_indices(Part part, std::int64_t *out) const override;
    void apply_q(Transpose trans, const MatrixRef &c) const override;
    void residual_norms(const MatrixRef &b, void *norms) const override;

private:
    void least_squares(const MatrixRef &b, const MatrixRef &x) const;
    void transposed_least_squares(const MatrixRef &b, const MatrixRef &x, bool conjugated) const;
    // w (n-by-k) <- op(Z) w. Z is the identity when r = n.
    void apply_z(Transpose op, const ColMajorView<T> &w) const;

    // Q's reflectors; `count` of them (all min(m, n) for apply_q, the first r for solves).
    householder::Reflectors<T> reflectors(index_t count) const {
        return {storage_.get(), m_, ld(), count, tau_q_.data()};
    }
    index_t ld() const { return m_ > 0 ? m_ : 1; }
    bool small_solve(index_t k) const;

    const index_t m_;
    const index_t n_;
    index_t rank_ = 0;
    // Column-major, ld(): T in the leading r-by-r triangle, Z's reflectors in columns r..n
    // of the first r rows, Q's reflectors below the diagonal (geqp3's, untouched by tzrzf).
    LargeBuffer<T> storage_;
    std::vector<T> tau_q_;          // min(m, n) scalars of Q's reflectors
    std::vector<T> tau_z_;          // r scalars of Z's reflectors
    std::vector<lapack_int> jpvt_;  // column i of A P is column jpvt_[i] - 1 of A
};

}  // namespace fl
