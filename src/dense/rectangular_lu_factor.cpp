#include "dense/rectangular_lu_factor.hpp"

#include <algorithm>
#include <string>

#include "core/error.hpp"
#include "core/finite_check.hpp"
#include "core/matrix_copy.hpp"
#include "dense/factor_kinds.hpp"
#include "dense/lu_parts.hpp"
#include "lapack/blas_runtime.hpp"

namespace fl {

namespace {

std::string rectangular_lu(index_t m, index_t n) {
    return "a rectangular LU (" + std::to_string(m) + " x " + std::to_string(n) + ")";
}

[[noreturn]] void refuse(index_t m, index_t n, const char *what) {
    throw Error(ErrorCode::unsupported, rectangular_lu(m, n) + " has no " + what);
}

}  // namespace

template <class T>
RectangularLuFactor<T>::RectangularLuFactor(const MatrixRef &a, const FactorOptions &options)
    : m_(a.rows),
      n_(a.cols),
      // Left uninitialised: the copy below writes every element.
      lu_(static_cast<size_t>(m_ * n_)),
      pivots_(static_cast<size_t>(std::min(m_, n_))) {
    if (m_ == 0 || n_ == 0) return;
    // No norm of A is needed (there is no rcond), so the NaN/Inf check is its own O(m n)
    // pass, small beside getrf's O(m n k).
    if (options.check_finite) require_finite<T>(a, "a");
    copy_matrix<T>(a, MatrixRef{Layout::col_major, m_, n_, ld(), lu_.get()});
    // The same amount of work as a square LU of order serial_factor_order.
    const double work = double(m_) * double(n_) * double(pivots_.size());
    const double cutoff = double(blas::serial_factor_order);
    blas::SerialRegion serial(work < cutoff * cutoff * cutoff);
    const lapack_int info = lapack::getrf(m_, n_, lu_.get(), ld(), pivots_.data());
    if (info < 0)
        throw Error(ErrorCode::internal, "getrf rejected argument " + std::to_string(-info));
    // info > 0, an exactly zero U[info, info], is kept (see the header).
}

template <class T>
void RectangularLuFactor<T>::solve(Transpose, const MatrixRef &, const MatrixRef &) const {
    refuse(m_, n_, "solves: A is not square (use QR, COD or SVD for least squares)");
}
template <class T>
void RectangularLuFactor<T>::inverse(const MatrixRef &) const {
    refuse(m_, n_, "inverse: A is not square (use COD or SVD for the pseudo-inverse)");
}
template <class T>
double RectangularLuFactor<T>::rcond() const {
    refuse(m_, n_, "condition number: A is not square (use SVD)");
}
template <class T>
LogDet RectangularLuFactor<T>::logdet() const {
    refuse(m_, n_, "determinant: A is not square");
}

template <class T>
std::pair<index_t, index_t> RectangularLuFactor<T>::part_shape(Part part) const {
    if (const auto s = lu_parts::shape(part, m_, n_)) return *s;
    return Factor::part_shape(part);  // names what an LU factor lacks
}

template <class T>
void RectangularLuFactor<T>::get_part(Part part, const MatrixRef &out) const {
    if (!lu_parts::write<T>(part, ColMajorView<const T>{lu_.get(), m_, n_, ld()}, out))
        Factor::get_part(part, out);
}

template <class T>
void RectangularLuFactor<T>::get_indices(Part part, std::int64_t *out) const {
    if (!lu_parts::write_indices(part, pivots_.data(), static_cast<index_t>(pivots_.size()), m_,
                                 out)) Factor::get_indices(part, out);
}

template class RectangularLuFactor<float>;
template class RectangularLuFactor<double>;
template class RectangularLuFactor<std::complex<float>>;
template class RectangularLuFactor<std::complex<double>>;

std::unique_ptr<Factor> make_rectangular_lu(Dtype dtype, const MatrixRef &a,
                                            const FactorOptions &options) {
    if (options.precision == Precision::mixed)
        throw Error(ErrorCode::unsupported,
                    "FL_OPT_PRECISION = FL_PRECISION_MIXED refines solves, and " +
                        rectangular_lu(a.rows, a.cols) + " has none");
    return make_typed<RectangularLuFactor, ComplexReady::yes>(dtype, a, options);
}

}  // namespace fl
