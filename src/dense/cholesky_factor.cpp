#include "dense/cholesky_factor.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/error.hpp"
#include "dense/factor_kinds.hpp"
#include "dense/mixed_precision_factor.hpp"
#include "core/finite_check.hpp"
#include "core/matrix_copy.hpp"
#include "core/norms.hpp"
#include "dense/factor_kinds.hpp"
#include "lapack/lapack.hpp"

namespace fl {

template <class T>
CholeskyFactor<T>::CholeskyFactor(const MatrixRef &a, const FactorOptions &options)
    : SquareFactor<T>(a, /*symmetric=*/true, symmetric_one(stored_triangle(a, options)),
                      options.overwrite_a),
      triangle_(stored_triangle(a, options)) {
    const index_t n = this->n_;
    if (n == 0) return;
    const ColMajorView<T> s = this->storage();
    // The norm, taken while copying A in, is finite exactly when the triangle read is.
    if (options.check_finite && !std::isfinite(this->anorm_)) require_finite<T>(a, "a", options.triangle);

    lapack_int info;
    {
        blas::SerialRegion serial(n < blas::serial_factor_order);
        info = lapack::potrf(triangle_, n, s.data, s.ld);
    }
    if (info > 0)
        throw Error(ErrorCode::not_positive_definite,
                    "the matrix is not positive definite: its leading minor of order " +
                        std::to_string(info) + " (of " + std::to_string(n) + ") is not");
    if (info < 0)
        throw Error(ErrorCode::internal, "potrf rejected argument " + std::to_string(-info));
}

// A is symmetric (S^T = S^H = S), so op does not matter for a real A. A Hermitian S has S^H
// = S but S^T = conj(S): that solve is S conj(X) = conj(B).
template <class T>
void CholeskyFactor<T>::solve_left(Transpose op, const ColMajorView<T> &x) const {
    const ColMajorView<const T> c = this->stored();
    const bool conjugate = is_complex_v<T> && op == Transpose::yes;
    if (conjugate) conjugate_in_place(x);
    lapack::potrs(triangle_, this->n_, x.cols, c.data, c.ld, x.data, x.ld);
    if (conjugate) conjugate_in_place(x);
}

// Y A^-1 = Y L^-T L^-1 when A = L L^T, and Y U^-1 U^-T when A = U^T U. Real only:
// SquareFactor::solve never takes this route for a complex X.
template <class T> void CholeskyFactor<T>::solve_right(Transpose, const ColMajorView<T> &y) const {
    const ColMajorView<const T> c = this->stored();
    const Transpose first = triangle_ == Triangle::lower ? Transpose::yes : Transpose::no;
    lapack::trsm_right(triangle_, first, false, y.rows, this->n_, c.data, c.ld, y.data, y.ld);
    lapack::trsm_right(triangle_, toggled(first), false, y.rows, this->n_, c.data, c.ld, y.data, y.ld);
}

template <class T> void CholeskyFactor<T>::invert_in_place(const ColMajorView<T> &a) const {
    if (this->n_ == 0) return;
    const lapack_int info = lapack::potri(triangle_, this->n_, a.data, a.ld);
    if (info != 0) throw Error(ErrorCode::internal, "potri failed with info " + std::to_string(info));
    symmetrize(a, triangle_);
}

// det(A) = prod(L_ii)^2 > 0.
template <class T> LogDet CholeskyFactor<T>::logdet() const {
    const ColMajorView<const T> c = this->stored();
    LogDet d{1.0, 0.0};
    for (index_t i = 0; i < this->n_; ++i)
        d.logabsdet += 2.0 * std::log(static_cast<double>(std::real(c(i, i))));
    return d;
}

template <class T> double CholeskyFactor<T>::rcond() const {
    if (this->n_ == 0) return 1.0;
    const ColMajorView<const T> c = this->stored();
    const double anorm = this->anorm_ == unknown_anorm ? estimated_anorm() : this->anorm_;
    double r = 0;
    const lapack_int info = lapack::pocon(triangle_, this->n_, c.data, c.ld, anorm, &r);
    if (info != 0) throw Error(ErrorCode::internal, "pocon failed with info " + std::to_string(info));
    // Rounding can put the estimate for a perfectly conditioned matrix (1-by-1, an updated
    // factor's estimated norm) an ulp above 1; the contract is 0 <= rcond <= 1.
    return std::min(r, 1.0);
}

template class CholeskyFactor<float>;
template class CholeskyFactor<double>;
template class CholeskyFactor<std::complex<float>>;
template class CholeskyFactor<std::complex<double>>;

std::unique_ptr<Factor> make_cholesky(Dtype dtype, const MatrixRef &a, const FactorOptions &options) {
    if (options.precision == Precision::mixed) return make_mixed_cholesky(a, options);
    if (options.storage != Storage::full) return make_rfp_cholesky(dtype, a, options);
    return make_typed<CholeskyFactor, ComplexReady::yes>(dtype, a, options);
}

}  // namespace fl
