#include "dense/cod_factor.hpp"

#include <algorithm>
#include <cmath>

#include "core/finite_check.hpp"
#include "core/matrix_copy.hpp"
#include "dense/factor_kinds.hpp"
#include "lapack/blas_runtime.hpp"

namespace fl {

namespace hh = householder;

template <class T>
CodFactor<T>::CodFactor(const MatrixRef &a, const FactorOptions &options)
    : m_(a.rows),
      n_(a.cols),
      // Left uninitialised: the copy below writes every element.
      storage_(static_cast<size_t>(ld() * n_)),
      tau_q_(static_cast<size_t>(std::min(m_, n_))),
      jpvt_(static_cast<size_t>(n_), 0) {  // 0: every column is free to be pivoted
    if (m_ == 0 || n_ == 0) return;
    if (options.check_finite) require_finite<T>(a, "a");
    copy_matrix<T>(a, MatrixRef{Layout::col_major, m_, n_, ld(), storage_.get()});

    const double work = double(m_) * double(n_) * double(std::min(m_, n_));
    const double cutoff = double(blas::serial_factor_order);
    blas::SerialRegion serial(work < cutoff * cutoff * cutoff);  // as much work as LU at that order
    T *s = storage_.get();
    lapack::geqp3(m_, n_, s, ld(), jpvt_.data(), tau_q_.data());

    // The diagonal test (see the header): the leading run of |R_ii| above the threshold.
    const index_t p = std::min(m_, n_);
    const double threshold = rank_threshold<real_t<T>>(options, m_, n_, double(std::abs(s[0])));
    while (rank_ < p && std::abs(s[rank_ + rank_ * ld()]) > threshold) ++rank_;

    // [R11 R12] = [T 0] Z on the leading rank_ rows; with rank_ = n there is nothing to do
    // (Z = I) and tzrzf is not called.
    tau_z_.assign(static_cast<size_t>(rank_), T(0));
    if (rank_ > 0 && rank_ < n_) lapack::tzrzf(rank_, n_, s, ld(), tau_z_.data());
}

template <class T> bool CodFactor<T>::small_solve(index_t k) const {
    return double(m_) * double(n_) * double(k) < blas::serial_solve_work;
}

template <class T> void CodFactor<T>::apply_z(Transpose op, const ColMajorView<T> &w) const {
    if (rank_ == n_) return;
    lapack::ormrz_left(op, n_, w.cols, rank_, n_ - rank_, storage_.get(), ld(), tau_z_.data(),
                       w.data, w.ld);
}

template <class T> void CodFactor<T>::solve(Transpose trans, const MatrixRef &b, const MatrixRef &x) const {
    if (x.rows == 0 || x.cols == 0) return;
    if (rank_ == 0) {
        hh::zero_matrix<T>(x);  // A^+ = 0, so is every minimum-norm solution
        return;
    }
    blas::SerialRegion serial(small_solve(x.cols));
    if (trans == Transpose::no)
        least_squares(b, x);
    else  // A^T X = B of a complex A is A^H conj(X) = conj(B)
        transposed_least_squares(b, x, is_complex_v<T> && trans == Transpose::yes);
}

// X = P Z^H [T^-1 (Q^H B)[0:r]; 0] (Z^T and Q^T for a real A). The workspace is max(m, n)
// rows tall: B (m rows) goes in, Z^H's result (n rows) comes out. Only Q's first r
// reflectors reach rows 0..r of Q^H B, so only they are applied.
template <class T> void CodFactor<T>::least_squares(const MatrixRef &b, const MatrixRef &x) const {
    const index_t k = x.cols, r = rank_;
    const hh::Scratch<T> w(std::max(m_, n_), k);
    copy_matrix<T>(b, w.ref(m_));
    lapack::ormqr(lapack::Side::left, lapack::adjoint<T>(), m_, k, r, storage_.get(), ld(),
                  tau_q_.data(), w.data(), w.ld());
    lapack::trsm_upper_left(Transpose::no, r, k, storage_.get(), ld(), w.data(), w.ld());
    const ColMajorView<T> y = w.view(n_);
    hh::zero_rows(y, r, n_);
    apply_z(lapack::adjoint<T>(), y);
    // X = P Y: row i of Y is row jpvt[i] - 1 of X, written in X's layout.
    for (index_t i = 0; i < n_; ++i) {
        const index_t to = jpvt_[static_cast<size_t>(i)] - 1;
        for (index_t j = 0; j < k; ++j) hh::element<T>(x, to, j) = y(i, j);
    }
}

// A^H = P Z^H [T^H 0; 0 0] Q^H, so X = Q [T^-H (Z P^T B)[0:r]; 0] (A^T and T^-T for a
// real A). The trailing reflectors of Q act on rows beyond r, which are zero here, so again
// only the first r are applied. With `conjugated`, B and X are conjugated on their way in
// and out.
template <class T>
void CodFactor<T>::transposed_least_squares(const MatrixRef &b, const MatrixRef &x,
                                            bool conjugated) const {
    const index_t k = x.cols, r = rank_;
    const hh::Scratch<T> w(std::max(m_, n_), k);
    const ColMajorView<T> y = w.view(n_);
    for (index_t i = 0; i < n_; ++i) {  // Y = P^T B
        const index_t from = jpvt_[static_cast<size_t>(i)] - 1;
        for (index_t j = 0; j < k; ++j) y(i, j) = hh::element<T>(b, from, j);
    }
    if (conjugated) conjugate_in_place(y);
    apply_z(Transpose::no, y);
    lapack::trsm_upper_left(lapack::adjoint<T>(), r, k, storage_.get(), ld(), w.data(), w.ld());
    const ColMajorView<T> v = w.view(m_);
    hh::zero_rows(v, r, m_);
    lapack::ormqr(lapack::Side::left, Transpose::no, m_, k, r, storage_.get(), ld(), tau_q_.data(),
                  v.data, v.ld);
    if (conjugated) conjugate_in_place(v);
    copy_matrix<T>(w.ref(m_), x);
}

// A^+ is the minimum-norm solution of A X = I_m.
template <class T> void CodFactor<T>::inverse(const MatrixRef &out) const {
    if (m_ == 0 || n_ == 0) return;
    const hh::Scratch<T> identity(m_, m_);
    const ColMajorView<T> e = identity.view(m_);
    hh::zero_rows(e, 0, m_);
    for (index_t i = 0; i < m_; ++i) e(i, i) = T(1);
    solve(Transpose::no, identity.ref(m_), out);
}

template <class T> double CodFactor<T>::rcond() const {
    if (m_ == 0 || n_ == 0) return 1.0;
    if (rank_ == 0) return 0.0;
    return lapack::trcon_upper(rank_, storage_.get(), ld());
}

template <class T> void CodFactor<T>::apply_q(Transpose trans, const MatrixRef &c) const {
    if (c.rows == 0 || c.cols == 0) return;
    blas::SerialRegion serial(small_solve(c.cols));
    hh::apply_q(reflectors(std::min(m_, n_)), trans, c);
}

template <class T> void CodFactor<T>::residual_norms(const MatrixRef &b, void *norms) const {
    blas::SerialRegion serial(small_solve(b.cols));
    hh::residual_norms(reflectors(rank_), rank_, b, static_cast<real_t<T> *>(norms));
}

template class CodFactor<float>;
template class CodFactor<double>;
template class CodFactor<std::complex<float>>;
template class CodFactor<std::complex<double>>;

std::unique_ptr<Factor> make_cod(Dtype dtype, const MatrixRef &a, const FactorOptions &options) {
    return make_typed<CodFactor, ComplexReady::yes>(dtype, a, options);
}

}  // namespace fl
