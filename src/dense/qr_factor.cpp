#include "dense/qr_factor.hpp"

#include <string>

#include "core/error.hpp"
#include "core/finite_check.hpp"
#include "core/matrix_copy.hpp"
#include "dense/factor_kinds.hpp"
#include "lapack/blas_runtime.hpp"
#include "lapack/lapack.hpp"
#include "lapack/layout_gemm.hpp"

namespace fl {

namespace hh = householder;

namespace {

using lapack::gemm;

using lapack::to_int;

// The same memory read as the transpose: a row-major r-by-c matrix is the column-major
// c-by-r one.
MatrixRef transposed(const MatrixRef &m) {
    return {m.layout == Layout::row_major ? Layout::col_major : Layout::row_major, m.cols, m.rows, m.ld, m.data};
}

// y (n-by-k, any layout) <- R^-1 y for the upper triangular n-by-n R (column-major, lda).
// A row-major y is, in memory, y^T, and (R^-1 y)^T = y^T R^-T: a solve from the right.
template <class T> void solve_r(const T *r, index_t lda, const MatrixRef &y) {
    const ColMajorView<T> v = stored_view<T>(y);
    if (y.layout == Layout::col_major)
        lapack::trsm_upper_left(Transpose::no, y.rows, y.cols, r, lda, v.data, v.ld);
    else
        lapack::trsm_right(Triangle::upper, Transpose::yes, false, y.cols, y.rows, r, lda, v.data, v.ld);
}

}  // namespace

template <class T>
QrFactor<T>::QrFactor(const MatrixRef &a, const FactorOptions &options)
    : m_(a.rows),
      n_(a.cols),
      // Left uninitialised: the copy below writes every element.
      storage_(static_cast<size_t>(ld() * n_)),
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
        lapack::geqrf(m_, n_, storage_.get(), ld(), tau_.data());
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

// Rent or buy. Time-equivalents in orgqr flops, fitted at 2000x200 (OpenBLAS 0.3.21,
// SkylakeX, 2 threads; orgqr 6.6 ms there): a reflector solve with k b's loses about
// 32 m n (dormqr's per-call block-reflector set-up, 0.54 ms) plus 0.69 n (m - n) k
// (ormqr's 4 m n - 2 n^2 flops per b at its lower rate, against GEMM's 2 m n) to a solve
// with Q_1, and 70 m k more when B or X is row-major (the reflector path transposes them
// through a column-major scratch, which GEMM's flags avoid). Forming Q_1 costs orgqr's
// 2 m n^2 - 2/3 n^3. So at 2000x200 a one-shot column-major solve keeps the reflectors
// up to about 570 b's and a row-major one forms Q_1 from about 370; one b at a time forms
// it at the 12th solve.
template <class T> bool QrFactor<T>::thin_q_for(index_t k, bool row_major) const {
    // A complex factor keeps the reflectors: the GEMMs below read Q_1^T through a layout
    // flag, where a complex Q_1 needs Q_1^H.
    if constexpr (is_complex_v<T>) return false;
    if (q_ready_.load(std::memory_order_acquire)) return true;
    const double m = double(m_), n = double(n_);
    if (m_ == 0 || n_ == 0 || m < thin_q_min_aspect * n) return false;
    const std::lock_guard<std::mutex> lock(q_mutex_);
    if (q_ready_.load(std::memory_order_relaxed)) return true;
    q_savings_ += 32.0 * m * n + (0.69 * n * (m - n) + (row_major ? 70.0 * m : 0.0)) * double(k);
    if (q_savings_ < 2.0 * m * n * n - 2.0 / 3.0 * n * n * n) return false;
    {
        // orgqr's work is geqrf's, so it takes the same thread decision.
        const double cutoff = double(blas::serial_factor_order);
        blas::SerialRegion serial(m * n * n < cutoff * cutoff * cutoff);
        std::unique_ptr<T[]> q(new T[static_cast<size_t>(ld() * n_)]);
        const ColMajorView<T> v{q.get(), m_, n_, ld()};
        copy_columns(stored(), v);
        lapack::orgqr(m_, n_, n_, v.data, v.ld, tau_.data());
        q_ = std::move(q);
    }
    q_ready_.store(true, std::memory_order_release);
    return true;
}

template <class T> bool QrFactor<T>::small_solve(index_t k) const {
    return double(m_) * double(n_) * double(k) < blas::serial_solve_work;
}

template <class T> void QrFactor<T>::solve(Transpose trans, const MatrixRef &b, const MatrixRef &x) const {
    if (x.rows == 0 || x.cols == 0) return;
    // Before the solve's thread decision: orgqr takes its own.
    const bool use_q = thin_q_for(x.cols, b.layout == Layout::row_major || x.layout == Layout::row_major);
    blas::SerialRegion serial(small_solve(x.cols));
    if (use_q && trans == Transpose::no)
        least_squares_thin_q(b, x);
    else if (use_q)
        minimum_norm_thin_q(b, x);
    else if (trans == Transpose::no)
        least_squares(b, x);
    else  // A^T X = B of a complex A is A^H conj(X) = conj(B)
        minimum_norm(b, x, is_complex_v<T> && trans == Transpose::yes);
}

// X = R^-1 (Q_1^T B): one GEMM reading B and writing X in their own layouts, then a
// triangular solve in X. Only a square A can be solved in place (x == b), and a square A
// never forms Q_1, so X never aliases B here.
template <class T> void QrFactor<T>::least_squares_thin_q(const MatrixRef &b, const MatrixRef &x) const {
    gemm(T(1), transposed(thin_q()), b, m_, T(0), x);
    solve_r(storage_.get(), ld(), x);
}

// X = Q_1 (R^-T B): R^-T B in an n-by-k column-major scratch, then one GEMM into X. The
// scratch holds a copy of B, so X could even be B.
template <class T> void QrFactor<T>::minimum_norm_thin_q(const MatrixRef &b, const MatrixRef &x) const {
    const index_t k = x.cols;
    const hh::Scratch<T> w(n_, k);
    copy_matrix<T>(b, w.ref(n_));
    lapack::trsm_upper_left(Transpose::yes, n_, k, storage_.get(), ld(), w.data(), w.ld());
    gemm(T(1), thin_q(), w.ref(n_), n_, T(0), x);
}

// X = R^-1 (Q^T B)[0:n]. Q^T B is m-by-k, taller than X, so it is formed in a
// column-major scratch; its top n rows then go to X in X's layout.
template <class T> void QrFactor<T>::least_squares(const MatrixRef &b, const MatrixRef &x) const {
    const index_t k = x.cols;
    const hh::Scratch<T> w(m_, k);
    copy_matrix<T>(b, w.ref(m_));
    lapack::ormqr(lapack::Side::left, lapack::adjoint<T>(), m_, k, n_, storage_.get(), ld(),
                  tau_.data(), w.data(), w.ld());
    lapack::trsm_upper_left(Transpose::no, n_, k, storage_.get(), ld(), w.data(), w.ld());
    copy_matrix<T>(w.ref(n_), x);
}

// A^H = R^H Q_1^H, so the solution of least norm (the one in the range of A) is
// X = Q_1 R^-H B = Q [R^-H B; 0] (A^T, R^T for a real A). A column-major X (m-by-k) is the
// workspace itself. With `conjugated`, B and X are conjugated on their way in and out.
template <class T>
void QrFactor<T>::minimum_norm(const MatrixRef &b, const MatrixRef &x, bool conjugated) const {
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
    if (conjugated) conjugate_in_place(w);
    lapack::trsm_upper_left(lapack::adjoint<T>(), n_, k, storage_.get(), ld(), w.data, w.ld);
    lapack::ormqr(lapack::Side::left, Transpose::no, m_, k, n_, storage_.get(), ld(), tau_.data(),
                  w.data, w.ld);
    if (conjugated) conjugate_in_place(w);
    if (scratch) copy_matrix<T>(scratch->ref(m_), x);
}

template <class T> void QrFactor<T>::thin_q_into(const ColMajorView<T> &out) const {
    if (q_ready_.load(std::memory_order_acquire)) {
        copy_columns(ColMajorView<const T>{q_.get(), m_, n_, ld()}, out);
        return;
    }
    copy_columns(stored(), out);
    lapack::orgqr(m_, n_, n_, out.data, out.ld, tau_.data());
}

// A^+ = R^-1 Q_1^H (n-by-m; Q_1^T for a real A). A row-major out is, in memory,
// (A^+)^T = conj(Q_1 R^-H) (m-by-n): Q_1 is built right there, solved from the right and
// conjugated. A column-major out gets Q_1^H transposed (and conjugated) in from a scratch
// and is solved from the left. Either costs about 3 m n^2 flops, less than applying Q^H to
// an m-by-m identity.
template <class T> void QrFactor<T>::inverse(const MatrixRef &out) const {
    if (m_ == 0 || n_ == 0) return;
    const ColMajorView<T> o = stored_view<T>(out);
    blas::SerialRegion serial(small_solve(m_));
    if (out.layout == Layout::row_major) {
        thin_q_into(o);
        lapack::trsm_right(Triangle::upper, lapack::adjoint<T>(), false, m_, n_, storage_.get(),
                           ld(), o.data, o.ld);
        conjugate_in_place(o);
        return;
    }
    const hh::Scratch<T> q(m_, n_);
    thin_q_into(q.view(m_));
    const ColMajorView<T> qv = q.view(m_);
    transpose_into(ColMajorView<const T>{qv.data, qv.rows, qv.cols, qv.ld}, o);
    conjugate_in_place(o);
    lapack::trsm_upper_left(Transpose::no, n_, m_, storage_.get(), ld(), o.data, o.ld);
}

template <class T>
double QrFactor<T>::rcond() const {
    return lapack::trcon_upper(n_, storage_.get(), ld());
}

template <class T> std::pair<index_t, index_t> QrFactor<T>::part_shape(Part part) const {
    if (part == Part::q) return {m_, n_};
    if (part == Part::r) return {n_, n_};
    if (part == Part::reflectors) return {m_, n_};
    if (part == Part::tau) return {n_, 1};
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
    const ColMajorView<const T> r = stored();
    if (part == Part::reflectors) {  // geqrf's output as it lies in the storage
        copy_matrix<T>({Layout::col_major, m_, n_, ld(), storage_.get()}, out);
        return;
    }
    if (part == Part::tau) {
        for (index_t i = 0; i < n_; ++i) hh::element<T>(out, i, 0) = tau_[static_cast<size_t>(i)];
        return;
    }
    // R: its upper triangle, and explicit zeros below it, in the caller's layout.
    for (index_t i = 0; i < n_; ++i)
        for (index_t j = 0; j < n_; ++j) hh::element<T>(out, i, j) = i <= j ? r(i, j) : T(0);
}

template <class T> void QrFactor<T>::apply_q(Transpose trans, const MatrixRef &c) const {
    if (c.rows == 0 || c.cols == 0) return;
    blas::SerialRegion serial(small_solve(c.cols));
    hh::apply_q(reflectors(), trans, c);
}

// With Q_1: r = b - Q_1 (Q_1^T b) formed explicitly (two GEMMs) and measured, as SVD does;
// sqrt(||b||^2 - ||Q_1^T b||^2) would lose every digit of a residual below sqrt(eps) ||b||.
// Its error is O(eps ||b||), as that of the reflector-based ||(Q^T b)[n:m]||, at half
// the flops of ormqr for many b's and without its per-call overhead for few.
template <class T> void QrFactor<T>::residual_norms(const MatrixRef &b, void *norms) const {
    real_t<T> *out = static_cast<real_t<T> *>(norms);  // real for a complex A too
    const index_t k = b.cols;
    const bool use_q = k > 0 && thin_q_for(k, b.layout == Layout::row_major);
    blas::SerialRegion serial(small_solve(k));
    if (!use_q) {
        hh::residual_norms(reflectors(), n_, b, out);
        return;
    }
    const hh::Scratch<T> r(m_, k), y(n_, k);
    copy_matrix<T>(b, r.ref(m_));
    gemm(T(1), transposed(thin_q()), b, m_, T(0), y.ref(n_));
    gemm(T(-1), thin_q(), y.ref(n_), n_, T(1), r.ref(m_));
    const ColMajorView<T> v = r.view(m_);
    for (index_t j = 0; j < k; ++j) out[j] = lapack::nrm2(m_, v.column(j));
}

template class QrFactor<float>;
template class QrFactor<double>;
template class QrFactor<std::complex<float>>;
template class QrFactor<std::complex<double>>;

std::unique_ptr<Factor> make_qr(Dtype dtype, const MatrixRef &a, const FactorOptions &options) {
    return make_typed<QrFactor, ComplexReady::yes>(dtype, a, options);
}

}  // namespace fl
