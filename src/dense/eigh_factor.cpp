#include "dense/eigh_factor.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <string>
#include <utility>

#include "core/error.hpp"
#include "core/finite_check.hpp"
#include "core/matrix_copy.hpp"
#include "core/norms.hpp"
#include "dense/factor_kinds.hpp"
#include "dense/factor_products.hpp"
#include "lapack/blas_runtime.hpp"
#include "lapack/lapack.hpp"
#include "lapack/symmetric.hpp"

namespace fl {

namespace {

// A value in a message, to full precision ("-0.25", "1.0000000000000002e-300").
std::string number(double v) {
    char text[32];
    std::snprintf(text, sizeof text, "%.17g", v);
    return text;
}

// C <- op(A) op(B), op a transpose where its flag is set.
template <class T>
void gemm(bool trans_a, bool trans_b, index_t m, index_t n, index_t k, const T *a, index_t lda, const T *b,
          index_t ldb, T *c, index_t ldc) {
    const auto op = [](bool t) { return t ? Transpose::yes : Transpose::no; };
    lapack::gemm(op(trans_a), op(trans_b), m, n, k, T(1), a, lda, b, ldb, T(0), c, ldc);
}

// dst <- diag(scale) src for n-by-k column-major blocks with leading dimension n; the
// scale is real (the reciprocals of the real eigenvalues) for every T.
template <class T>
void scale_rows(const std::vector<real_t<T>> &scale, const T *src, T *dst, index_t n, index_t k) {
    for (index_t j = 0; j < k; ++j)
        for (index_t i = 0; i < n; ++i) dst[i + j * n] = scale[static_cast<size_t>(i)] * src[i + j * n];
}

// Solves as small as this run on one thread, as SquareFactor's do.
bool small_solve(index_t n, index_t k) { return double(n) * double(n) * double(k) < blas::serial_solve_work; }

}  // namespace

template <class T>
EighFactor<T>::EighFactor(const MatrixRef &a, const FactorOptions &options)
    : n_(a.rows),
      options_(options),
      w_(static_cast<size_t>(n_)),
      // Left uninitialised: the copy below writes every element.
      v_(static_cast<size_t>(n_ * n_)) {
    if (n_ == 0) return;
    // A is symmetric, so its column-major view is A whatever the layout; only the
    // triangle flips (a row-major lower triangle is the stored upper one). A Hermitian
    // row-major A is stored as A^T = conj(A), whose eigenvectors are conj(V): they are
    // conjugated back below, so that v_ holds A's own.
    const ColMajorView<T> s = stored_view<T>(a);
    const ColMajorView<T> v{v_.get(), n_, n_, ld()};
    copy_columns(ColMajorView<const T>{s.data, s.rows, s.cols, s.ld}, v);
    const Triangle stored = stored_triangle(a, options);
    // The norm is finite exactly when every element of the triangle is: the vectorised
    // check, with require_finite only to name the culprit. syevd's iterations may not return
    // on NaN/Inf, so this runs whatever FL_OPT_CHECK_FINITE says.
    if (!std::isfinite(norm_of(symmetric_one(stored), vectors())))
        require_finite<T>(a, "a", options.triangle, FiniteCheck::always);

    lapack_int info;
    {
        blas::SerialRegion serial(n_ < blas::serial_factor_order);
        info = lapack::syevd(stored, n_, v.data, v.ld, w_.data());
    }
    if (info > 0)
        throw Error(ErrorCode::no_convergence, "syevd failed to converge (info = " + std::to_string(info) +
                                             ") on a symmetric matrix of order " + std::to_string(n_));
    if (info < 0) throw Error(ErrorCode::internal, "syevd rejected argument " + std::to_string(-info));
    if (a.layout == Layout::row_major) conjugate_in_place(v);
}

template <class T>
EighFactor<T>::EighFactor(index_t n, const FactorOptions &options, std::vector<real_t<T>> w,
                          LargeBuffer<T> v)
    : n_(n), options_(options), w_(std::move(w)), v_(std::move(v)) {}

template <class T> double EighFactor<T>::threshold() const {
    const double largest = n_ == 0 ? 0.0 : std::max(std::fabs(double(w_.front())), std::fabs(double(w_.back())));
    return rank_threshold<real_t<T>>(options_, n_, n_, largest);
}

template <class T>
std::vector<real_t<T>> EighFactor<T>::pseudo_inverse_scale() const {
    using R = real_t<T>;
    const double tol = threshold();
    std::vector<R> scale(w_.size());
    for (size_t i = 0; i < w_.size(); ++i)
        scale[i] = std::fabs(double(w_[i])) > tol ? R(1) / w_[i] : R(0);
    return scale;
}

// A column-major B is n-by-k in memory; a row-major one is B^T, k-by-n: GEMM reads either.
template <class T>
std::vector<T> EighFactor<T>::project(const MatrixRef &b, bool plain) const {
    const index_t k = b.cols;
    std::vector<T> c(static_cast<size_t>(n_ * k));
    lapack::gemm(plain ? Transpose::yes : Transpose::conj,
                 b.layout == Layout::row_major ? Transpose::yes : Transpose::no, n_, k, n_, T(1),
                 v_.get(), ld(), static_cast<const T *>(b.data), b.ld, T(0), c.data(), n_);
    return c;
}

// X = V D, or for a row-major X, which is X^T in memory, X^T = D^T V^T: one GEMM either way.
template <class T> void EighFactor<T>::expand(const std::vector<T> &d, const MatrixRef &x) const {
    const index_t k = x.cols;
    T *out = static_cast<T *>(x.data);
    if (x.layout == Layout::col_major)
        gemm<T>(false, false, n_, k, n_, v_.get(), ld(), d.data(), n_, out, x.ld);
    else
        gemm<T>(true, true, k, n_, n_, d.data(), n_, v_.get(), ld(), out, x.ld);
}

// X = A^+ B = V diag(1/w) V^H B with the eigenvalues within the tolerance dropped. A is
// symmetric or Hermitian, so only a complex A^T differs from A: A^T = conj(A), and
// X = conj(V) diag(1/w) V^T B = conj(V conj(D)) with D = diag(1/w) V^T B, which takes
// two O(n k) conjugations beside the O(n^2 k) products. B is read into C before X is
// written, so x == b (in place) needs nothing special.
template <class T>
void EighFactor<T>::solve(Transpose trans, const MatrixRef &b, const MatrixRef &x) const {
    const index_t k = x.cols;
    if (n_ == 0 || k == 0) return;
    blas::SerialRegion region(small_solve(n_, k));
    const bool conjugated = is_complex_v<T> && trans == Transpose::yes;
    std::vector<T> c = project(b, conjugated);
    scale_rows(pseudo_inverse_scale(), c.data(), c.data(), n_, k);
    if (conjugated) conjugate_in_place(ColMajorView<T>{c.data(), n_, k, n_});
    expand(c, x);
    if (conjugated) conjugate_in_place(stored_view<T>(x));
}

// A^+ = (V diag(s)) V^H is symmetric (Hermitian), so a real caller's layout does not
// matter; a complex row-major one is, in memory, (A^+)^T = conj(A^+). GEMM's two triangles
// may differ in the last bit; the mirror makes the result exactly symmetric (Hermitian).
template <class T> void EighFactor<T>::inverse(const MatrixRef &out) const {
    if (n_ == 0) return;
    const ColMajorView<T> o = stored_view<T>(out);
    const std::vector<real_t<T>> scale = pseudo_inverse_scale();
    std::vector<T> scaled(static_cast<size_t>(n_ * n_));
    for (index_t j = 0; j < n_; ++j)
        for (index_t i = 0; i < n_; ++i) scaled[static_cast<size_t>(i + j * n_)] = v_.get()[i + j * n_] * scale[j];
    {
        blas::SerialRegion serial(n_ < blas::serial_factor_order);
        lapack::gemm(Transpose::no, Transpose::conj, n_, n_, n_, T(1), scaled.data(), n_, v_.get(),
                     ld(), T(0), o.data, o.ld);
    }
    symmetrize(o, Triangle::lower);
    if (out.layout == Layout::row_major) conjugate_in_place(o);
}

// Exactly sigma_min / sigma_max: the singular values of a symmetric A are |w|.
template <class T> double EighFactor<T>::rcond() const {
    if (n_ == 0) return 1.0;
    double smallest = std::numeric_limits<double>::infinity(), largest = 0;
    for (const real_t<T> value : w_) {
        smallest = std::min(smallest, std::fabs(double(value)));
        largest = std::max(largest, std::fabs(double(value)));
    }
    return largest > 0 ? smallest / largest : 0.0;
}

template <class T> LogDet EighFactor<T>::logdet() const {
    LogDet d{1.0, 0.0};  // real for a Hermitian A too
    for (const real_t<T> value : w_) {
        if (value == 0) return {0.0, -std::numeric_limits<double>::infinity()};
        if (value < 0) d.sign = -d.sign;
        d.logabsdet += std::log(std::fabs(double(value)));
    }
    return d;
}

template <class T> index_t EighFactor<T>::rank() const {
    const double tol = threshold();
    return std::count_if(w_.begin(), w_.end(),
                         [tol](real_t<T> value) { return std::fabs(double(value)) > tol; });
}

template <class T> Inertia EighFactor<T>::inertia() const {
    const double tol = threshold();
    Inertia in{0, 0, 0};
    for (const real_t<T> value : w_) {
        if (double(value) > tol)
            ++in.positive;
        else if (double(value) < -tol)
            ++in.negative;
        else
            ++in.zero;
    }
    return in;
}

template <class T> std::pair<index_t, index_t> EighFactor<T>::part_shape(Part part) const {
    if (part == Part::eigenvalues) return {n_, 1};
    if (part == Part::eigenvectors) return {n_, n_};
    return Factor::part_shape(part);  // names what an EIGH factor lacks
}

// The eigenvalues are real, written in the real type of T's precision (part_dtype).
template <class T> void EighFactor<T>::get_part(Part part, const MatrixRef &out) const {
    // Our column-major copies as caller-style matrices; copy_matrix only reads the source.
    using R = real_t<T>;
    if (part == Part::eigenvalues)
        copy_matrix<R>({Layout::col_major, n_, 1, ld(), const_cast<R *>(w_.data())}, out);
    else if (part == Part::eigenvectors)
        copy_matrix<T>({Layout::col_major, n_, n_, ld(), v_.get()}, out);
    else
        Factor::get_part(part, out);
}

// (A + l I)^-1 = V diag(1 / (w + l)) V^T: V^T B is formed once, then each shift costs one
// scaling and one GEMM. Every shift is checked before anything is written.
template <class T>
void EighFactor<T>::solve_shifted(const double *shifts, index_t nshifts, const MatrixRef &b, const MatrixRef &x,
                                  index_t x_stride) const {
    for (index_t l = 0; l < nshifts; ++l)
        for (index_t i = 0; i < n_; ++i)
            if (double(w_[static_cast<size_t>(i)]) + shifts[l] == 0)
                throw Error(ErrorCode::singular,
                            "shifts[" + std::to_string(l) + "] = " + number(shifts[l]) + " makes " +
                                shifted_matrix() + " singular: it cancels eigenvalue " +
                                std::to_string(i + 1) + " (1-based, ascending) = " +
                                number(double(w_[static_cast<size_t>(i)])));
    const index_t k = x.cols;
    if (n_ == 0 || k == 0 || nshifts == 0) return;
    blas::SerialRegion region(small_solve(n_, k));
    const std::vector<T> c = project(b);
    std::vector<real_t<T>> scale(w_.size());
    std::vector<T> d(c.size());
    for (index_t l = 0; l < nshifts; ++l) {
        for (size_t i = 0; i < w_.size(); ++i)
            scale[i] = static_cast<real_t<T>>(1.0 / (double(w_[i]) + shifts[l]));
        scale_rows(scale, c.data(), d.data(), n_, k);
        MatrixRef xl = x;
        xl.data = static_cast<T *>(x.data) + l * x_stride;
        expand(d, xl);
    }
}

// The products with A^+ are written for real matrices (with transposes where a Hermitian
// A needs conjugate ones); a complex factor answers Error(unsupported), as Cholesky's does.
template <class T> void EighFactor<T>::do_quadratic_form(const MatrixRef &y, const MatrixRef &out) const {
    if constexpr (is_complex_v<T>) {
        this->unsupported("quadratic form for a complex matrix");
    } else {
        const index_t k = y.cols;
        const std::vector<T> c = project(y);
        std::vector<T> d(c.size());
        scale_rows(pseudo_inverse_scale(), c.data(), d.data(), n_, k);
        const ColMajorView<T> o = stored_view<T>(out);  // symmetric: either layout is out itself
        gemm<T>(true, false, k, k, n_, c.data(), n_, d.data(), n_, o.data, o.ld);
        symmetrize(o, Triangle::lower);
    }
}

template <class T> void EighFactor<T>::do_mahalanobis(const MatrixRef &y, void *out) const {
    if constexpr (is_complex_v<T>) {
        this->unsupported("Mahalanobis distances for a complex matrix");
    } else {
        const std::vector<T> c = project(y), scale = pseudo_inverse_scale();
        std::vector<double> norms(static_cast<size_t>(y.cols), 0.0);
        for (index_t j = 0; j < y.cols; ++j)
            for (index_t i = 0; i < n_; ++i) {
                const double cij = double(c[static_cast<size_t>(i + j * n_)]);
                norms[static_cast<size_t>(j)] += double(scale[static_cast<size_t>(i)]) * cij * cij;
            }
        products::write_values<T>(norms, out);
    }
}

// (V^T Y V)_jj = sum_i C_ji V_ij with C = V^T Y.
template <class T> double EighFactor<T>::do_trace_solve(const MatrixRef &y) const {
    if constexpr (is_complex_v<T>) {
        this->unsupported("trace of A^-1 Y for a complex matrix");
    } else {
        const std::vector<T> c = project(y), scale = pseudo_inverse_scale();
        const ColMajorView<const T> v = vectors();
        double trace = 0;
        for (index_t j = 0; j < n_; ++j) {
            double diagonal = 0;
            for (index_t i = 0; i < n_; ++i)
                diagonal += double(c[static_cast<size_t>(j + i * n_)]) * double(v(i, j));
            trace += double(scale[static_cast<size_t>(j)]) * diagonal;
        }
        return trace;
    }
}

template <class T> void EighFactor<T>::do_inverse_diagonal(void *diag) const {
    if constexpr (is_complex_v<T>) {
        this->unsupported("diagonal of A^-1 for a complex matrix");
    } else {
        const std::vector<T> scale = pseudo_inverse_scale();
        const ColMajorView<const T> v = vectors();
        std::vector<double> d(static_cast<size_t>(n_), 0.0);
        for (index_t j = 0; j < n_; ++j)
            for (index_t i = 0; i < n_; ++i)
                d[static_cast<size_t>(i)] +=
                    double(scale[static_cast<size_t>(j)]) * double(v(i, j)) * double(v(i, j));
        products::write_values<T>(d, diag);
    }
}

template class EighFactor<float>;
template class EighFactor<double>;
template class EighFactor<std::complex<float>>;
template class EighFactor<std::complex<double>>;

std::unique_ptr<Factor> make_eigh(Dtype dtype, const MatrixRef &a, const FactorOptions &options) {
    return make_typed<EighFactor, ComplexReady::yes>(dtype, a, options);
}

}  // namespace fl
