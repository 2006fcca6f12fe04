#include "dense/qr_factor.hpp"

#include <string>

#include "core/error.hpp"
#include "core/finite_check.hpp"
#include "core/matrix_copy.hpp"
#include "dense/factor_kinds.hpp"
#include "lapack/blas_runtime.hpp"

namespace fl {

namespace hh = householder;

template <class T>
QrFactor<T>::QrFactor(const MatrixRef &a, const FactorOptions &options)
    : m_(a.rows),
      n_(a.cols),
      // Left uninitialised: the copy below writes every element.
      storage_(new T[static_cast<size_t>(ld() * n_)]),
      tau_(static_cast<size_t>(n_)) {
    if (m_ == 0 || n_ == 0) return;
    // QR needs no norm of A, so the NaN/Inf check is its own O(m n) pass: small beside the
    // O(m n^2) factorization.
    if (options.check_finite) require_finite<T>(a, "a");
    copy_matrix<T>(a, MatrixRef{Layout::col_major, m_, n_, ld(), storage_.get()});
    {
        // The same amount of work as an LU of order serial_factor_order.
        const double work = double(m_) * double(n_) * double(n_);
        const double cutoff = double(blas::serial_factor_order);
        blas::SerialRegion serial(work < cutoff * cutoff * cutoff);
        hh::geqrf(m_, n_, storage_.get(), ld(), tau_.data());
    }
    const ColMajorView<const T> r = stored();
    for (index_t j = 0; j < n_; ++j)
        if (r(j, j) == T(0)) {
            const std::string k = std::to_string(j + 1);
            throw Error(ErrorCode::singular,
                        "the matrix is rank-deficient: R[" + k + ", " + k + "] (column " + k + " of " +
                            std::to_string(n_) +
                            ", 1-based) is exactly zero; use COD or SVD for rank-deficient A");
        }
}

template <class T> bool QrFactor<T>::small_solve(index_t k) const {
    return double(m_) * double(n_) * double(k) < blas::serial_solve_work;
}

template <class T> void QrFactor<T>::solve(Transpose trans, const MatrixRef &b, const MatrixRef &x) const {
    if (x.rows == 0 || x.cols == 0) return;
    blas::SerialRegion serial(small_solve(x.cols));
    if (trans == Transpose::no)
        least_squares(b, x);
    else
        minimum_norm(b, x);
}

// X = R^-1 (Q^T B)[0:n]. Q^T B is m-by-k, taller than X, so it is formed in a
// column-major scratch; its top n rows then go to X in X's layout.
template <class T> void QrFactor<T>::least_squares(const MatrixRef &b, const MatrixRef &x) const {
    const index_t k = x.cols;
    const hh::Scratch<T> w(m_, k);
    copy_matrix<T>(b, w.ref(m_));
    hh::ormqr('L', Transpose::yes, m_, k, n_, storage_.get(), ld(), tau_.data(), w.data(), w.ld());
    hh::trsm_upper_left(Transpose::no, n_, k, storage_.get(), ld(), w.data(), w.ld());
    copy_matrix<T>(w.ref(n_), x);
}

// A^T = R^T Q_1^T, so the solution of least norm (the one in the range of A) is
// X = Q_1 R^-T B = Q [R^-T B; 0]. A column-major X (m-by-k) is the workspace itself.
template <class T> void QrFactor<T>::minimum_norm(const MatrixRef &b, const MatrixRef &x) const {
    const index_t k = x.cols;
    std::unique_ptr<hh::Scratch<T>> scratch;
    ColMajorView<T> w = stored_view<T>(x);
    if (x.layout == Layout::row_major) {
        scratch = std::make_unique<hh::Scratch<T>>(m_, k);
        w = scratch->view(m_);
    }
    // x == b (in place, possible when m = n) already holds B in the right place.
    if (w.data != b.data) copy_matrix<T>(b, MatrixRef{Layout::col_major, n_, k, w.ld, w.data});
    hh::zero_rows(w, n_, m_);
    hh::trsm_upper_left(Transpose::yes, n_, k, storage_.get(), ld(), w.data, w.ld);
    hh::ormqr('L', Transpose::no, m_, k, n_, storage_.get(), ld(), tau_.data(), w.data, w.ld);
    if (scratch) copy_matrix<T>(scratch->ref(m_), x);
}

template <class T> void QrFactor<T>::thin_q_into(const ColMajorView<T> &out) const {
    copy_columns(stored(), out);
    hh::orgqr(m_, n_, n_, out.data, out.ld, tau_.data());
}

// A^+ = R^-1 Q_1^T (n-by-m). A row-major out is, in memory, (A^+)^T = Q_1 R^-T (m-by-n):
// Q_1 is built right there and solved from the right. A column-major out gets Q_1^T
// transposed in from a scratch and is solved from the left. Either costs about 3 m n^2
// flops, less than applying Q^T to an m-by-m identity.
template <class T> void QrFactor<T>::inverse(const MatrixRef &out) const {
    if (m_ == 0 || n_ == 0) return;
    const ColMajorView<T> o = stored_view<T>(out);
    blas::SerialRegion serial(small_solve(m_));
    if (out.layout == Layout::row_major) {
        thin_q_into(o);
        lapack::trsm_right(Triangle::upper, Transpose::yes, false, m_, n_, storage_.get(), ld(), o.data, o.ld);
        return;
    }
    const hh::Scratch<T> q(m_, n_);
    thin_q_into(q.view(m_));
    const ColMajorView<T> qv = q.view(m_);
    transpose_into(ColMajorView<const T>{qv.data, qv.rows, qv.cols, qv.ld}, o);
    hh::trsm_upper_left(Transpose::no, n_, m_, storage_.get(), ld(), o.data, o.ld);
}

template <class T> double QrFactor<T>::rcond() const { return hh::trcon_upper(n_, storage_.get(), ld()); }

template <class T> std::pair<index_t, index_t> QrFactor<T>::part_shape(Part part) const {
    if (part == Part::q) return {m_, n_};
    if (part == Part::r) return {n_, n_};
    return Factor::part_shape(part);  // names what a QR factor lacks
}

template <class T> void QrFactor<T>::get_part(Part part, const MatrixRef &out) const {
    part_shape(part);
    if (out.rows == 0 || out.cols == 0) return;
    const ColMajorView<T> o = stored_view<T>(out);
    if (part == Part::q) {
        if (out.layout == Layout::col_major) {
            thin_q_into(o);  // orgqr straight into the caller's memory
            return;
        }
        const hh::Scratch<T> q(m_, n_);
        thin_q_into(q.view(m_));
        copy_matrix<T>(q.ref(m_), out);
        return;
    }
    // R: its upper triangle, and explicit zeros below it, in the caller's layout.
    const ColMajorView<const T> r = stored();
    for (index_t i = 0; i < n_; ++i)
        for (index_t j = 0; j < n_; ++j) hh::element<T>(out, i, j) = i <= j ? r(i, j) : T(0);
}

template <class T> void QrFactor<T>::apply_q(Transpose trans, const MatrixRef &c) const {
    if (c.rows == 0 || c.cols == 0) return;
    blas::SerialRegion serial(small_solve(c.cols));
    hh::apply_q(reflectors(), trans, c);
}

template <class T> void QrFactor<T>::residual_norms(const MatrixRef &b, void *norms) const {
    blas::SerialRegion serial(small_solve(b.cols));
    hh::residual_norms(reflectors(), n_, b, static_cast<T *>(norms));
}

template class QrFactor<float>;
template class QrFactor<double>;

std::unique_ptr<Factor> make_qr(Dtype dtype, const MatrixRef &a, const FactorOptions &options) {
    return make_typed<QrFactor>(dtype, a, options);
}

}  // namespace fl
