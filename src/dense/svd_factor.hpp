// The thin singular value decomposition A = U diag(s) V^H of an m-by-n A of any shape
// (LAPACK gesdd, divide and conquer; gesvd if gesdd fails to converge), real or complex
// (V^H is V^T for a real A). With k = min(m, n), s holds k real values in descending order,
// U is m-by-k and V^H is k-by-n.
//
// Rank decisions: singular values at or below max(FL_OPT_ATOL, FL_OPT_RTOL * s[0]) count
// as zero. When FL_OPT_RTOL is unset the relative tolerance is max(m, n) * epsilon of the
// dtype, which is numpy's matrix_rank and scipy's pinv default. The threshold and the rank
// it gives are computed once, when the factor is built.
//
// Solves apply the pseudo-inverse without forming it: X = V_r diag(1/s_r) U_r^H B is a GEMM,
// a scaling of r rows and a GEMM, where r is the rank. U and V^H are kept as MatrixRefs
// (logical matrices with a layout), so that every product with the caller's B and X, in
// either layout, is one GEMM with transpose flags and never a transposed copy. A layout
// flag transposes without conjugating, so a complex product that needs U^H or V reads U^T
// and conj(V) instead and conjugates B and X around it (docs/complex.md, "SVD").
#pragma once

#include <memory>
#include <vector>

#include "core/large_buffer.hpp"
#include "dense/factor.hpp"

namespace fl {

template <class T> class SvdFactor final : public Factor {
public:
    SvdFactor(const MatrixRef &a, const FactorOptions &options);
    // Rebuilds a saved factor, and saves one (dense/saved/svd_state.cpp).
    explicit SvdFactor(StateReader &in);
    void save(StateWriter &out) const override;

    FactorKind kind() const override { return FactorKind::svd; }
    Dtype dtype() const override { return dtype_of<T>(); }
    index_t rows() const override { return m_; }
    index_t cols() const override { return n_; }

    // The minimum-norm least-squares solution of op(A) X = B.
    void solve(Transpose trans, const MatrixRef &b, const MatrixRef &x) const override;
    // out <- A^+ = V_r diag(1/s_r) U_r^H, n-by-m.
    void inverse(const MatrixRef &out) const override;
    // Exactly s_min / s_max over all k singular values (1 for an empty A, 0 if s_max = 0).
    double rcond() const override;
    index_t rank() const override { return rank_; }
    std::pair<index_t, index_t> part_shape(Part part) const override;
    void get_part(Part part, const MatrixRef &out) const override;
    // norms[j] <- ||b_j - U_r (U_r^H b_j)||_2 (real_t<T>), with the residual formed explicitly.
    void residual_norms(const MatrixRef &b, void *norms) const override;

private:
    // Runs gesdd (then gesvd if it fails to converge) on the column-major view of `a`.
    void decompose(const MatrixRef &a);
    // left_ (max(m, n)-by-k) and right_ (k-by-k) for W, the tall one of A and A^T that
    // LAPACK factors, and u_, vt_ over them (w_is_a: W = A, else W = A^T).
    void allocate_parts(bool w_is_a);
    // W = first[0:r, :] B (r-by-nrhs), W <- diag(1/s_r) W, X = second[:, 0:r] W; with
    // `conjugated`, B and X are conjugated on their way in and out.
    void apply_pseudo_inverse(const MatrixRef &first, const MatrixRef &second, const MatrixRef &b,
                              const MatrixRef &x, bool conjugated) const;

    const index_t m_;
    const index_t n_;
    const index_t k_;  // min(m, n)
    std::vector<real_t<T>> s_;  // k singular values, descending
    // The two orthogonal factors LAPACK wrote for the matrix it was given (A, or A^T for a
    // row-major A): `left_` is its (stored rows)-by-k U, `right_` its k-by-(stored cols) V^T.
    LargeBuffer<T> left_;
    LargeBuffer<T> right_;
    // A's U (m-by-k) and V^H (k-by-n) as logical matrices over left_/right_. For a row-major
    // A, LAPACK factored its stored form A^T = U' S V'^H, so A = conj(V') S U'^T: U =
    // conj(V') = (V'^H)^T and V^H = (U')^T, which are exactly right_ and left_ read as
    // row-major matrices, with no conjugation for a complex A either.
    MatrixRef u_{};
    MatrixRef vt_{};
    double threshold_ = 0;  // values <= this count as zero
    index_t rank_ = 0;      // singular values above threshold_
};

}  // namespace fl
