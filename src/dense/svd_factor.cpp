#include "dense/svd_factor.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "core/error.hpp"
#include "core/finite_check.hpp"
#include "core/matrix_copy.hpp"
#include "dense/factor_kinds.hpp"
#include "lapack/blas_runtime.hpp"
#include "lapack/lapack.hpp"
#include "lapack/layout_gemm.hpp"
#include "lapack/svd.hpp"

namespace fl {
namespace {

using lapack::gemm;

// The same memory read as the transpose: a row-major r-by-c matrix is the column-major
// c-by-r one.
MatrixRef transposed(const MatrixRef &m) {
    return {m.layout == Layout::row_major ? Layout::col_major : Layout::row_major, m.cols, m.rows,
            m.ld, m.data};
}

// The leading rows or columns of a matrix start where it starts and keep its leading
// dimension, whatever its layout: slicing is only a change of shape.
MatrixRef leading_rows(MatrixRef m, index_t rows) {
    m.rows = rows;
    return m;
}
MatrixRef leading_cols(MatrixRef m, index_t cols) {
    m.cols = cols;
    return m;
}

// Writes zeros into every element of m (never its padding).
template <class T> void fill_zero(const MatrixRef &m) {
    const ColMajorView<T> v = stored_view<T>(m);
    for (index_t j = 0; j < v.cols; ++j) std::fill_n(v.column(j), v.rows, T(0));
}

// A column-major scratch matrix owned by one query (queries share nothing).
template <class T> struct Scratch {
    Scratch(index_t rows, index_t cols)
        : storage(static_cast<size_t>(std::max<index_t>(rows * cols, 1))),
          ref{Layout::col_major, rows, cols, std::max<index_t>(rows, 1), storage.data()} {}
    std::vector<T> storage;
    MatrixRef ref;
    T &operator()(index_t i, index_t j) { return storage[static_cast<size_t>(i + j * ref.ld)]; }
};

}  // namespace

template <class T>
SvdFactor<T>::SvdFactor(const MatrixRef &a, const FactorOptions &options)
    : m_(a.rows), n_(a.cols), k_(std::min(a.rows, a.cols)), s_(static_cast<size_t>(k_)) {
    // gesdd (sgesdd on one +Inf) and gesvd can iterate forever on NaN/Inf: checked always.
    require_finite<T>(a, "a", {}, FiniteCheck::always);
    decompose(a);
    threshold_ = rank_threshold<real_t<T>>(options, m_, n_, k_ > 0 ? double(s_[0]) : 0.0);
    rank_ =
        std::count_if(s_.begin(), s_.end(), [&](real_t<T> v) { return double(v) > threshold_; });
}

template <class T> void SvdFactor<T>::allocate_parts(bool w_is_a) {
    const index_t sr = std::max(m_, n_), k = k_;
    const index_t ld_left = std::max<index_t>(sr, 1), ld_right = std::max<index_t>(k, 1);
    left_ = LargeBuffer<T>(static_cast<size_t>(std::max<index_t>(sr * k, 1)));
    right_ = LargeBuffer<T>(static_cast<size_t>(std::max<index_t>(k * k, 1)));
    if (w_is_a) {
        u_ = {Layout::col_major, m_, k, ld_left, left_.get()};
        vt_ = {Layout::col_major, k, n_, ld_right, right_.get()};
    } else {
        u_ = {Layout::row_major, m_, k, ld_right, right_.get()};
        vt_ = {Layout::row_major, k, n_, ld_left, left_.get()};
    }
}

// gesdd is fast on tall matrices and about 3x slower on the same matrix laid wide (63 ms
// against 21 ms at 2000x200 here), so the matrix factored is W, whichever of A and A^T is
// tall. The caller's memory already holds A (column-major) or A^T (row-major) as a
// column-major view; when that view is wide it is transposed into the copy LAPACK
// destroys anyway, else copied as it is. If W = A^T = U' S V'^T, then A = V' S U'^T: U and
// V^T are LAPACK's outputs read row-major (see u_ and vt_), and GEMM's transpose flags
// absorb the difference in every query.
template <class T> void SvdFactor<T>::decompose(const MatrixRef &a) {
    const ColMajorView<T> view = stored_view<T>(a);
    const bool transpose_view = view.rows < view.cols;
    const bool w_is_a = (a.layout == Layout::col_major) != transpose_view;
    const index_t sr = std::max(view.rows, view.cols), sc = std::min(view.rows, view.cols), k = k_;
    const index_t ld_left = std::max<index_t>(sr, 1), ld_right = std::max<index_t>(k, 1);
    allocate_parts(w_is_a);
    if (k == 0) return;

    // LAPACK overwrites its input, and a failed gesdd leaves it in pieces: each driver gets
    // a fresh copy of W.
    const std::unique_ptr<T[]> a_copy(new T[static_cast<size_t>(sr * sc)]);
    const ColMajorView<T> work_a{a_copy.get(), sr, sc, ld_left};
    const ColMajorView<const T> from{view.data, view.rows, view.cols, view.ld};
    const auto fresh_copy = [&] {
        if (transpose_view)
            transpose_into(from, work_a);
        else
            copy_columns(from, work_a);
    };

    // Small problems run on one thread (docs/design.md). The SVD has no measured cut-off of
    // its own; its work grows as m n min(m, n), so the factorization cut-off is used on that.
    const double order = double(blas::serial_factor_order);
    blas::SerialRegion serial(double(m_) * double(n_) * double(k) < order * order * order);

    fresh_copy();
    lapack_int info = lapack::gesdd(sr, sc, work_a.data, ld_left, s_.data(), left_.get(), ld_left,
                                    right_.get(), ld_right);
    if (info < 0) throw Error(ErrorCode::internal, "gesdd rejected argument " + std::to_string(-info));
    if (info == 0) return;

    // gesdd's divide and conquer did not converge: gesvd's QR iteration often still does.
    const lapack_int gesdd_info = info;
    fresh_copy();
    info = lapack::gesvd(sr, sc, work_a.data, ld_left, s_.data(), left_.get(), ld_left,
                         right_.get(), ld_right);
    if (info < 0) throw Error(ErrorCode::internal, "gesvd rejected argument " + std::to_string(-info));
    if (info > 0)
        throw Error(ErrorCode::no_convergence,
                    "the SVD did not converge: gesdd failed with info " + std::to_string(gesdd_info) +
                        " and the gesvd retry with info " + std::to_string(info) + " (" +
                        std::to_string(info) + " superdiagonals did not converge)");
}

template <class T>
void SvdFactor<T>::apply_pseudo_inverse(const MatrixRef &first, const MatrixRef &second,
                                        const MatrixRef &b, const MatrixRef &x,
                                        bool conjugated) const {
    const index_t r = rank_, nrhs = b.cols;
    if (r == 0) {  // A^+ = 0
        fill_zero<T>(x);
        return;
    }
    std::unique_ptr<Scratch<T>> conj_b;
    MatrixRef rhs = b;
    if (conjugated) {
        conj_b = std::make_unique<Scratch<T>>(b.rows, nrhs);
        copy_matrix<T>(b, conj_b->ref);
        conjugate_in_place(stored_view<T>(conj_b->ref));
        rhs = conj_b->ref;
    }
    // W is formed completely before X is written, so x == b (in place) needs no care.
    Scratch<T> w(r, nrhs);
    gemm(T(1), leading_rows(first, r), rhs, b.rows, T(0), w.ref);
    for (index_t j = 0; j < nrhs; ++j)
        for (index_t i = 0; i < r; ++i) w(i, j) /= s_[static_cast<size_t>(i)];
    gemm(T(1), leading_cols(second, r), w.ref, r, T(0), x);
    if (conjugated) conjugate_in_place(stored_view<T>(x));
}

// op = A^H: A^H = V S U^H, so X = U_r diag(1/s_r) V_r^H B: V^H and U as they are held.
// op = A:   X = V_r diag(1/s_r) U_r^H B, the minimum-norm least-squares solution; for a
//           complex A it is solved as conj(X) = conj(V_r) diag(1/s_r) U_r^T conj(B), whose
//           factors U^T and conj(V) = (V^H)^T are the held ones read transposed.
// op = A^T: A^T X = B is A^H conj(X) = conj(B).
// (For a real A, A^H is A^T and nothing is conjugated.)
template <class T> void SvdFactor<T>::solve(Transpose trans, const MatrixRef &b, const MatrixRef &x) const {
    if (x.rows == 0 || x.cols == 0) return;
    blas::SerialRegion serial(double(m_) * double(n_) * double(x.cols) < blas::serial_solve_work);
    const bool conjugated = is_complex_v<T> && trans != Transpose::conj;
    if (trans == Transpose::no)
        apply_pseudo_inverse(transposed(u_), transposed(vt_), b, x, conjugated);
    else
        apply_pseudo_inverse(vt_, u_, b, x, conjugated);
}

// A^+ = V_r (diag(1/s_r) U_r^H): the scaled rows are built directly, then one GEMM. For a
// complex A the GEMM reads conj(V_r) = ((V^H)^T)_r and U_r^T, so it makes conj(A^+), which
// is conjugated in place.
template <class T> void SvdFactor<T>::inverse(const MatrixRef &out) const {
    const index_t r = rank_;
    if (out.rows == 0 || out.cols == 0) return;
    if (r == 0) {
        fill_zero<T>(out);
        return;
    }
    Scratch<T> w(r, m_);
    copy_matrix<T>(transposed(leading_cols(u_, r)), w.ref);
    for (index_t j = 0; j < m_; ++j)
        for (index_t i = 0; i < r; ++i) w(i, j) /= s_[static_cast<size_t>(i)];
    blas::SerialRegion serial(double(m_) * double(n_) * double(r) < blas::serial_solve_work);
    gemm(T(1), leading_cols(transposed(vt_), r), w.ref, r, T(0), out);
    conjugate_in_place(stored_view<T>(out));
}

template <class T> double SvdFactor<T>::rcond() const {
    if (k_ == 0) return 1.0;
    const double largest = s_.front(), smallest = s_.back();
    return largest == 0 ? 0.0 : smallest / largest;
}

template <class T> std::pair<index_t, index_t> SvdFactor<T>::part_shape(Part part) const {
    switch (part) {
    case Part::singular_values: return {k_, 1};
    case Part::u: return {m_, k_};
    case Part::vt: return {k_, n_};
    default: return Factor::part_shape(part);  // names what an SVD lacks
    }
}

template <class T> void SvdFactor<T>::get_part(Part part, const MatrixRef &out) const {
    switch (part) {
    case Part::singular_values: {  // real: written in real_t<T> (part_dtype)
        using R = real_t<T>;
        const MatrixRef s{Layout::col_major, k_, 1, std::max<index_t>(k_, 1),
                          const_cast<R *>(s_.data())};  // only read
        copy_matrix<R>(s, out);
        return;
    }
    case Part::u: copy_matrix<T>(u_, out); return;
    case Part::vt: copy_matrix<T>(vt_, out); return;
    default: Factor::get_part(part, out);
    }
}

// The residual of the least-squares solution is b - U_r U_r^H b. It is formed explicitly
// and then measured: sqrt(||b||^2 - ||U_r^H b||^2) would lose every digit of a residual
// below sqrt(eps) ||b|| to cancellation. For a complex A, U_r^H b = conj(U_r^T conj(b)):
// the copy of b is conjugated around the first GEMM. The norms are real_t<T>.
template <class T> void SvdFactor<T>::residual_norms(const MatrixRef &b, void *norms) const {
    const index_t nrhs = b.cols, r = rank_;
    real_t<T> *out = static_cast<real_t<T> *>(norms);
    if (nrhs == 0) return;
    if (m_ == 0) {
        std::fill_n(out, nrhs, real_t<T>(0));
        return;
    }
    Scratch<T> residual(m_, nrhs);
    copy_matrix<T>(b, residual.ref);
    if (r > 0) {
        blas::SerialRegion serial(double(m_) * double(r) * double(nrhs) < blas::serial_solve_work);
        Scratch<T> w(r, nrhs);
        const MatrixRef u_r = leading_cols(u_, r);
        const ColMajorView<T> rv = stored_view<T>(residual.ref), wv = stored_view<T>(w.ref);
        conjugate_in_place(rv);
        gemm(T(1), transposed(u_r), residual.ref, m_, T(0), w.ref);
        conjugate_in_place(rv);
        conjugate_in_place(wv);
        gemm(T(-1), u_r, w.ref, r, T(1), residual.ref);
    }
    for (index_t j = 0; j < nrhs; ++j) out[j] = lapack::nrm2(m_, &residual(0, j));
}

template class SvdFactor<float>;
template class SvdFactor<double>;
template class SvdFactor<std::complex<float>>;
template class SvdFactor<std::complex<double>>;

std::unique_ptr<Factor> make_svd(Dtype dtype, const MatrixRef &a, const FactorOptions &options) {
    return make_typed<SvdFactor, ComplexReady::yes>(dtype, a, options);
}

}  // namespace fl
