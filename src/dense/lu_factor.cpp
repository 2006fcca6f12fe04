#include "dense/lu_factor.hpp"

#include <cmath>
#include <limits>
#include <string>

#include "core/error.hpp"
#include "dense/factor_kinds.hpp"
#include "core/finite_check.hpp"
#include "core/norms.hpp"
#include "lapack/lapack.hpp"

namespace fl {

template <class T>
LuFactor<T>::LuFactor(const MatrixRef &a, const FactorOptions &options)
    : SquareFactor<T>(a, /*symmetric=*/false, NormOf::one), pivots_(static_cast<size_t>(this->n_)) {
    const index_t n = this->n_;
    if (n == 0) return;
    const ColMajorView<T> s = this->storage();
    // The norm is finite exactly when A is (or the sum overflowed: then all is well).
    if (options.check_finite && !std::isfinite(this->anorm_)) require_finite<T>(a, "a");

    lapack_int info;
    {
        blas::SerialRegion serial(n < blas::serial_factor_order);
        info = lapack::getrf(n, s.data, s.ld, pivots_.data());
    }
    if (info < 0)
        throw Error(ErrorCode::internal, "getrf rejected argument " + std::to_string(-info));
    zero_pivot_ = info;
    if (!options.allow_singular) require_nonsingular();
}

template <class T>
void LuFactor<T>::require_nonsingular() const {
    const std::string k = std::to_string(zero_pivot_);
    if (zero_pivot_ > 0)
        throw Error(ErrorCode::singular, "the matrix is singular: U[" + k + ", " + k + "] (pivot " +
                                             k + " of " + std::to_string(this->n_) +
                                             ", 1-based) is exactly zero");
}

template <class T> void LuFactor<T>::solve_left(Transpose op, const ColMajorView<T> &x) const {
    require_nonsingular();
    const ColMajorView<const T> lu = this->stored();
    lapack::getrs(op, this->n_, x.cols, lu.data, lu.ld, pivots_.data(), x.data, x.ld);
}

// S = P L U, so Y S^-1 = Y U^-1 L^-1 P^T and Y S^-T = Y P L^-T U^-T. P is the product of
// getrf's interchanges P_1 ... P_n: Y P swaps Y's columns in order 1..n, Y P^T in order n..1.
template <class T> void LuFactor<T>::solve_right(Transpose op, const ColMajorView<T> &y) const {
    require_nonsingular();
    const ColMajorView<const T> lu = this->stored();
    const index_t n = this->n_;
    auto swap_columns = [&](index_t i) {
        const index_t p = pivots_[static_cast<size_t>(i)] - 1;
        if (p != i) lapack::swap(y.rows, y.column(i), y.column(p));
    };
    if (op == Transpose::no) {
        lapack::trsm_right(Triangle::upper, Transpose::no, false, y.rows, n, lu.data, lu.ld, y.data, y.ld);
        lapack::trsm_right(Triangle::lower, Transpose::no, true, y.rows, n, lu.data, lu.ld, y.data, y.ld);
        for (index_t i = n - 1; i >= 0; --i) swap_columns(i);
    } else {
        for (index_t i = 0; i < n; ++i) swap_columns(i);
        lapack::trsm_right(Triangle::lower, Transpose::yes, true, y.rows, n, lu.data, lu.ld, y.data, y.ld);
        lapack::trsm_right(Triangle::upper, Transpose::yes, false, y.rows, n, lu.data, lu.ld, y.data, y.ld);
    }
}

template <class T> void LuFactor<T>::invert_in_place(const ColMajorView<T> &a) const {
    if (this->n_ == 0) return;
    require_nonsingular();
    const lapack_int info = lapack::getri(this->n_, a.data, a.ld, pivots_.data());
    if (info != 0) throw Error(ErrorCode::internal, "getri failed with info " + std::to_string(info));
}

// det(A) = det(P) prod(U_ii); numpy's slogdet of a singular A is (0, -inf).
template <class T> LogDet LuFactor<T>::logdet() const {
    if (zero_pivot_ > 0) return {0.0, -std::numeric_limits<double>::infinity()};
    const ColMajorView<const T> lu = this->stored();
    LogDet d{1.0, 0.0};
    for (index_t i = 0; i < this->n_; ++i) {
        const double u = lu(i, i);
        if (u < 0) d.sign = -d.sign;
        if (pivots_[static_cast<size_t>(i)] != i + 1) d.sign = -d.sign;
        d.logabsdet += std::log(std::fabs(u));
    }
    return d;
}

template <class T> double LuFactor<T>::rcond() const {
    if (this->n_ == 0) return 1.0;
    if (zero_pivot_ > 0) return 0.0;  // exactly singular: gecon would divide by the zero pivot
    const ColMajorView<const T> lu = this->stored();
    double r = 0;
    const lapack_int info = lapack::gecon('1', this->n_, lu.data, lu.ld, this->anorm_, &r);
    if (info != 0) throw Error(ErrorCode::internal, "gecon failed with info " + std::to_string(info));
    return r;
}

template class LuFactor<float>;
template class LuFactor<double>;

std::unique_ptr<Factor> make_lu(Dtype dtype, const MatrixRef &a, const FactorOptions &options) {
    return make_typed<LuFactor>(dtype, a, options);
}

}  // namespace fl
