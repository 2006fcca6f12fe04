#include "dense/lu_factor.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "core/error.hpp"
#include "dense/factor_kinds.hpp"
#include "dense/mixed_precision_factor.hpp"
#include "core/finite_check.hpp"
#include "core/norms.hpp"
#include "lapack/lapack.hpp"

namespace fl {

template <class T>
LuFactor<T>::LuFactor(const MatrixRef &a, const FactorOptions &options, LuMemory<T> memory)
    : SquareFactor<T>(a, /*symmetric=*/false, NormOf::one, options.overwrite_a, memory.storage),
      owned_pivots_(memory.pivots ? 0 : static_cast<size_t>(this->n_)),
      pivots_(memory.pivots ? memory.pivots : owned_pivots_.data()) {
    const index_t n = this->n_;
    if (n == 0) return;
    const ColMajorView<T> s = this->storage();
    // The norm is finite exactly when A is (or the sum overflowed: then all is well).
    if (options.check_finite && !std::isfinite(this->anorm_)) require_finite<T>(a, "a");

    lapack_int info = 0;
    if constexpr (!is_complex_v<T>)
        if (own_factorization()) info = small_lu::factor(n, s.data, s.ld, pivots_);
    if (!own_factorization()) {
        blas::SerialRegion serial(n < blas::serial_factor_order);
        info = lapack::getrf(n, s.data, s.ld, pivots_);
    }
    if (info < 0)
        throw Error(ErrorCode::internal, "getrf rejected argument " + std::to_string(-info));
    zero_pivot_ = info;
    if (!options.allow_singular) require_nonsingular();
}

template <class T>
void LuFactor<T>::require_nonsingular() const {
    if (zero_pivot_ == 0) return;  // every solve asks: no string unless it fails
    const std::string k = std::to_string(zero_pivot_);
    throw Error(ErrorCode::singular, "the matrix is singular: U[" + k + ", " + k + "] (pivot " + k +
                                         " of " + std::to_string(this->n_) +
                                         ", 1-based) is exactly zero");
}

template <class T> void LuFactor<T>::solve_left(Transpose op, const ColMajorView<T> &x) const {
    require_nonsingular();
    const ColMajorView<const T> lu = this->stored();
    if constexpr (!is_complex_v<T>)
        if (small()) {
            for (index_t j = 0; j < x.cols; ++j)
                small_lu::solve(op, this->n_, lu.data, lu.ld, pivots_, x.column(j), 1);
            return;
        }
    lapack::getrs(op, this->n_, x.cols, lu.data, lu.ld, pivots_, x.data, x.ld);
}

// S = P L U, so Y S^-1 = Y U^-1 L^-1 P^T and Y S^-T = Y P L^-T U^-T. P is the product of
// getrf's interchanges P_1 ... P_n: Y P swaps Y's columns in order 1..n, Y P^T in order n..1.
template <class T> void LuFactor<T>::solve_right(Transpose op, const ColMajorView<T> &y) const {
    require_nonsingular();
    const ColMajorView<const T> lu = this->stored();
    const index_t n = this->n_;
    if constexpr (!is_complex_v<T>)
        if (small()) {  // row r of Y: y_r <- op(S)^-T y_r
            for (index_t r = 0; r < y.rows; ++r)
                small_lu::solve(toggled(op), n, lu.data, lu.ld, pivots_, y.data + r, y.ld);
            return;
        }
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
    const lapack_int info = lapack::getri(this->n_, a.data, a.ld, pivots_);
    if (info != 0) throw Error(ErrorCode::internal, "getri failed with info " + std::to_string(info));
}

// det(A) = det(P) prod(U_ii); numpy's slogdet of a singular A is (0, -inf). For a complex
// A the phase is the product of U_ii / |U_ii|, renormalised at the end against rounding drift.
template <class T> LogDet LuFactor<T>::logdet() const {
    if (zero_pivot_ > 0) return {0.0, -std::numeric_limits<double>::infinity()};
    const ColMajorView<const T> lu = this->stored();
    LogDet d{1.0, 0.0};
    std::complex<double> phase = 1.0;
    for (index_t i = 0; i < this->n_; ++i) {
        if (pivots_[static_cast<size_t>(i)] != i + 1) d.sign = -d.sign;
        if constexpr (is_complex_v<T>) {
            const std::complex<double> u = lu(i, i);
            const double modulus = std::abs(u);
            phase *= u / modulus;
            d.logabsdet += std::log(modulus);
        } else {
            const double u = lu(i, i);
            if (u < 0) d.sign = -d.sign;
            d.logabsdet += std::log(std::fabs(u));
        }
    }
    if constexpr (is_complex_v<T>) {
        phase *= d.sign / std::abs(phase);
        d.sign = phase.real();
        d.phase_im = phase.imag();
    }
    return d;
}

template <class T> double LuFactor<T>::rcond() const {
    if (this->n_ == 0) return 1.0;
    if (zero_pivot_ > 0) return 0.0;  // exactly singular: gecon would divide by the zero pivot
    const ColMajorView<const T> lu = this->stored();
    double r = 0;
    const lapack_int info = lapack::gecon(condition_norm(), this->n_, lu.data, lu.ld, this->anorm_, &r);
    if (info != 0) throw Error(ErrorCode::internal, "gecon failed with info " + std::to_string(info));
    // A complex modulus rounds differently in our norm and in gecon's estimate, which can
    // put a perfectly conditioned matrix's rcond an ulp above 1; the contract is <= 1.
    return std::min(r, 1.0);
}

template class LuFactor<float>;
template class LuFactor<double>;
template class LuFactor<std::complex<float>>;
template class LuFactor<std::complex<double>>;

std::unique_ptr<Factor> make_lu(Dtype dtype, const MatrixRef &a, const FactorOptions &options) {
    if (a.rows != a.cols) return make_rectangular_lu(dtype, a, options);
    if (options.precision == Precision::mixed) return make_mixed_lu(a, options);
    return make_typed<LuFactor, ComplexReady::yes>(dtype, a, options);
}

}  // namespace fl
