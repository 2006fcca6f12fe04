#include "dense/generalized_eigh_factor.hpp"

#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "core/finite_check.hpp"
#include "core/matrix_copy.hpp"
#include "core/norms.hpp"
#include "core/typed.hpp"
#include "lapack/blas_runtime.hpp"
#include "lapack/symmetric.hpp"

namespace fl {

template <class T>
struct GeneralizedEighFactor<T>::Decomposition {
    std::vector<real_t<T>> w;      // ascending
    LargeBuffer<T> basis;    // of A^-1: V, or B V for itype 2
    LargeBuffer<T> vectors;  // itype 2: V; else null (the basis is V)
    double logdet_b = 0;
};

namespace {

// dst (n-by-n column-major, leading dimension ld) <- the stored triangle of the symmetric
// m, checked finite: sygvd's iterations may not return on NaN/Inf, so this runs whatever
// FL_OPT_CHECK_FINITE says. The norm of the copy is finite exactly when the triangle is;
// require_finite only names the culprit.
template <class T>
void copy_finite(const MatrixRef &m, const char *name, const FactorOptions &options, T *dst,
                 index_t ld) {
    const ColMajorView<T> s = stored_view<T>(m);
    const ColMajorView<T> d{dst, m.rows, m.rows, ld};
    copy_columns(ColMajorView<const T>{s.data, s.rows, s.cols, s.ld}, d);
    const ColMajorView<const T> copy{dst, m.rows, m.rows, ld};
    if (!std::isfinite(norm_of(symmetric_one(stored_triangle(m, options)), copy)))
        require_finite<T>(m, name, options.triangle, FiniteCheck::always);
}

}  // namespace

template <class T>
typename GeneralizedEighFactor<T>::Decomposition GeneralizedEighFactor<T>::decompose(
    int itype, const MatrixRef &a, const MatrixRef &b, const FactorOptions &options) {
    const index_t n = a.rows, ld = n > 0 ? n : 1;
    const auto square = [n] { return static_cast<size_t>(n * n); };
    Decomposition d;
    d.w.resize(static_cast<size_t>(n));
    // Left uninitialised: the copies write every element.
    LargeBuffer<T> v(square());
    std::vector<T> factor_b(square());
    copy_finite<T>(a, "a", options, v.get(), ld);
    copy_finite<T>(b, "b", options, factor_b.data(), ld);
    // itype 2's basis B V needs B itself; sygvd leaves only its Cholesky factor.
    std::vector<T> original_b = itype == 2 ? factor_b : std::vector<T>();
    const Triangle stored = stored_triangle(a, options);  // both matrices share a layout
    if (n > 0) {
        lapack_int info;
        {
            blas::SerialRegion serial(n < blas::serial_factor_order);
            info = lapack::sygvd(itype, stored, n, v.get(), ld, factor_b.data(), ld, d.w.data());
        }
        if (info > n)
            throw Error(ErrorCode::not_positive_definite,
                        "b is not positive definite: its leading minor of order " +
                            std::to_string(info - n) + " (of " + std::to_string(n) + ") is not");
        if (info > 0)
            throw Error(ErrorCode::no_convergence,
                        "sygvd failed to converge (info = " + std::to_string(info) +
                            ") on a generalized eigenproblem of order " + std::to_string(n));
        if (info < 0)
            throw Error(ErrorCode::internal, "sygvd rejected argument " + std::to_string(-info));
    }
    // A complex Hermitian pair that came row-major was stored as (conj(A), conj(B)), whose
    // eigenvectors are conj(V) for the same w: conjugated back, with B for itype 2's basis.
    if (is_complex_v<T> && a.layout == Layout::row_major) {
        conjugate_in_place(ColMajorView<T>{v.get(), n, n, ld});
        conjugate_in_place(ColMajorView<T>{original_b.data(), itype == 2 ? n : 0, n, ld});
    }
    // det B = prod(diag(L))^2 for B = L L^H (or U^H U), whose diagonal is real.
    for (index_t i = 0; i < n; ++i)
        d.logdet_b += 2 * std::log(double(std::real(factor_b[static_cast<size_t>(i + i * ld)])));
    if (itype == 2) {
        d.basis = LargeBuffer<T>(square());
        if (n > 0)
            lapack::symm(stored, n, n, original_b.data(), ld, v.get(), ld, d.basis.get(), ld);
        d.vectors = std::move(v);
    } else {
        d.basis = std::move(v);
    }
    return d;
}

template <class T>
GeneralizedEighFactor<T>::GeneralizedEighFactor(int itype, const MatrixRef &a, const MatrixRef &b,
                                                const FactorOptions &options)
    : GeneralizedEighFactor(itype, a.rows, options, decompose(itype, a, b, options)) {}

template <class T>
GeneralizedEighFactor<T>::GeneralizedEighFactor(int itype, index_t n, const FactorOptions &options,
                                                Decomposition d)
    : EighFactor<T>(n, options, std::move(d.w), std::move(d.basis)),
      itype_(itype),
      logdet_b_(d.logdet_b),
      vectors_(std::move(d.vectors)) {}

// The eigenvalues of the pencil say nothing of A's own condition.
template <class T>
double GeneralizedEighFactor<T>::rcond() const {
    throw Error(ErrorCode::unsupported,
                std::string("a ") + kind_name(kind()) +
                    " factor has no condition estimate (the generalized eigenvalues "
                    "are not A's; factor A itself for rcond)");
}

// det A = det B prod(w) for itype 1, prod(w) / det B for itypes 2 and 3; det B > 0.
template <class T>
LogDet GeneralizedEighFactor<T>::logdet() const {
    LogDet d = EighFactor<T>::logdet();
    d.logabsdet += itype_ == 1 ? logdet_b_ : -logdet_b_;
    return d;
}

template <class T>
void GeneralizedEighFactor<T>::get_part(Part part, const MatrixRef &out) const {
    if (part != Part::eigenvectors || !vectors_)
        return EighFactor<T>::get_part(part, out);
    const index_t n = this->rows();
    copy_matrix<T>({Layout::col_major, n, n, n > 0 ? n : 1, vectors_.get()}, out);
}

template <class T>
void GeneralizedEighFactor<T>::solve_shifted(const double *shifts, index_t nshifts,
                                             const MatrixRef &b, const MatrixRef &x,
                                             index_t x_stride) const {
    if (itype_ != 1)
        throw Error(ErrorCode::unsupported,
                    "shifted solves (A + shift B)^-1 are for itype 1 (A v = w B v); "
                    "this factor is of itype " +
                        std::to_string(itype_));
    EighFactor<T>::solve_shifted(shifts, nshifts, b, x, x_stride);
}

template <class T>
void GeneralizedEighFactor<T>::save(StateWriter &) const {
    this->unsupported("serialized form (only fl_factor_create's dense kinds can be saved)");
}

template class GeneralizedEighFactor<float>;
template class GeneralizedEighFactor<double>;
template class GeneralizedEighFactor<std::complex<float>>;
template class GeneralizedEighFactor<std::complex<double>>;

std::unique_ptr<Factor> make_generalized_eigh(int itype, Dtype dtype, const MatrixRef &a,
                                              const MatrixRef &b, const FactorOptions &options) {
    return typed(dtype, [&](auto t) -> std::unique_ptr<Factor> {
        return std::make_unique<GeneralizedEighFactor<decltype(t)>>(itype, a, b, options);
    });
}

}  // namespace fl
