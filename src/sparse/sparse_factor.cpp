#include "sparse/sparse_factor.hpp"

#include <algorithm>
#include <cmath>
#include <complex>
#include <string>

#include "core/error.hpp"
#include "core/norms.hpp"
#include "core/typed.hpp"

namespace fl {
namespace {

// ||A||_1 from the stored entries; for stype != 0 only one triangle is stored and each
// off-diagonal entry counts in its column and, mirrored, in its row.
double one_norm(const SparseMatrix &a, int stype) {
    const SparsePattern &p = *a.pattern();
    const std::vector<double> &values = a.csc_values();
    const auto magnitude = [&](int64_t k) {
        return a.is_complex() ? std::hypot(values[2 * k], values[2 * k + 1]) : std::fabs(values[k]);
    };
    std::vector<double> sums(static_cast<size_t>(p.cols), 0.0);
    for (index_t j = 0; j < p.cols; ++j)
        for (int64_t k = p.col_ptr[j]; k < p.col_ptr[j + 1]; ++k) {
            const int64_t i = p.row_idx[k];
            const bool read = stype == 0 || (stype < 0 ? i >= j : i <= j);
            if (!read) continue;
            sums[j] += magnitude(k);
            if (stype != 0 && i != j) sums[i] += magnitude(k);
        }
    return largest_sum(sums);
}

// The sign of v as LAPACK's lacn2 and zlacn2 take it: +-1, or v / |v| (1 for v = 0).
double sign_of(double v) { return v >= 0 ? 1.0 : -1.0; }
std::complex<double> sign_of(std::complex<double> v) {
    const double m = std::abs(v);
    return m > 0 ? v / m : std::complex<double>(1.0);
}

// est(||A^-1||_1) by Hager's method (Higham's variant, as LAPACK's lacn2/zlacn2), with S
// double or std::complex<double>: apply(adjoint, v) is A^-1 v, or A^-H v when adjoint.
// It maximises ||A^-1 x||_1 over the unit 1-norm ball by moving between its vertices along
// the subgradient A^-H sign(A^-1 x).
template <class S, class Apply>
double inverse_norm_estimate(index_t n, Apply &&apply) {
    std::vector<S> x(static_cast<size_t>(n), S(1.0 / double(n)));
    double estimate = 0;
    index_t last = -1;
    for (int step = 0; step < 5; ++step) {
        const std::vector<S> y = apply(false, x);
        double norm = 0;
        std::vector<S> signs(y.size());
        for (size_t i = 0; i < y.size(); ++i) {
            norm += std::abs(y[i]);
            signs[i] = sign_of(y[i]);
        }
        if (!std::isfinite(norm)) return norm;
        if (step > 0 && norm <= estimate) break;
        estimate = norm;
        const std::vector<S> z = apply(true, signs);
        index_t j = 0;
        double ztx = 0;  // Re(z^H x), x being real
        for (index_t i = 0; i < n; ++i) {
            ztx += std::real(z[i]) * std::real(x[i]);
            if (std::abs(z[i]) > std::abs(z[j])) j = i;
        }
        if (std::abs(z[j]) <= ztx || j == last) break;
        std::fill(x.begin(), x.end(), S(0));
        x[j] = S(1);
        last = j;
    }
    // Higham's safeguard against the estimate's rare underestimates: an alternating vector.
    std::vector<S> alt(static_cast<size_t>(n));
    for (index_t i = 0; i < n; ++i)
        alt[i] =
            (i % 2 == 0 ? 1.0 : -1.0) * (1.0 + double(i) / double(std::max<index_t>(n - 1, 1)));
    double alt_norm = 0;
    for (const S &v : apply(false, alt)) alt_norm += std::abs(v);
    return std::max(estimate, 2.0 * alt_norm / (3.0 * double(n)));
}

}  // namespace

SparseFactor::SparseFactor(const SparseMatrix &a, int stype)
    : pattern_(a.pattern()),
      dtype_(a.dtype()),
      rows_(a.rows()),
      cols_(a.cols()),
      anorm_(one_norm(a, stype)) {}

template <class T>
void SparseFactor::solve_typed(Transpose trans, const MatrixRef &b, const MatrixRef &x) const {
    suitesparse::DenseBuffer bb = suitesparse::load<T>(b);
    const suitesparse::DenseBuffer xb = solve_buffer(trans, bb);
    suitesparse::store<T>(xb.data.data(), xb.rows, x);
}

void SparseFactor::solve(Transpose trans, const MatrixRef &b, const MatrixRef &x) const {
    if (x.rows == 0 || x.cols == 0 || solve_direct(trans, b, x)) return;
    typed(dtype_, [&](auto t) { solve_typed<decltype(t)>(trans, b, x); });
}

void SparseFactor::inverse(const MatrixRef &out) const {
    if (out.rows == 0 || out.cols == 0) return;
    const int width = is_complex() ? 2 : 1;
    suitesparse::DenseBuffer eye(rows_, rows_, width);
    for (index_t i = 0; i < rows_; ++i) eye.data[(i + i * rows_) * width] = 1.0;
    const suitesparse::DenseBuffer inv = solve_buffer(Transpose::no, eye);
    typed(dtype_, [&](auto t) { suitesparse::store<decltype(t)>(inv.data.data(), inv.rows, out); });
}

double SparseFactor::rcond() const {
    const index_t n = rows_;
    if (n == 0) return 1.0;
    if (anorm_ == 0) return 0.0;
    const auto estimate_with = [&](auto scalar) {
        using S = decltype(scalar);
        const int width = is_complex() ? 2 : 1;
        // A^-H is A^-T for a real factor.
        const Transpose adjoint = is_complex() ? Transpose::conj : Transpose::yes;
        return inverse_norm_estimate<S>(n, [&](bool adj, const std::vector<S> &v) {
            suitesparse::DenseBuffer b(n, 1, width);
            std::copy(v.begin(), v.end(), reinterpret_cast<S *>(b.data.data()));
            const suitesparse::DenseBuffer x = solve_buffer(adj ? adjoint : Transpose::no, b);
            const S *xs = reinterpret_cast<const S *>(x.data.data());
            return std::vector<S>(xs, xs + n);
        });
    };
    const double estimate =
        is_complex() ? estimate_with(std::complex<double>()) : estimate_with(0.0);
    if (!std::isfinite(estimate) || estimate == 0) return 0.0;
    return std::min(1.0, 1.0 / (anorm_ * estimate));
}

void SparseFactor::require_same_pattern(const SparseMatrix &s) const {
    if (s.rows() != rows_ || s.cols() != cols_)
        throw Error(ErrorCode::dimension_mismatch,
                    "sparse is " + std::to_string(s.rows()) + " x " + std::to_string(s.cols()) +
                        " but the factor's matrix is " + std::to_string(rows_) + " x " +
                        std::to_string(cols_));
    if (s.dtype() != dtype_)
        throw Error(ErrorCode::dtype_mismatch, "sparse's dtype differs from the factor's");
    const SparsePattern &p = *s.pattern();
    if (&p == pattern_.get()) return;
    for (index_t j = 0; j < cols_; ++j) {
        const bool same =
            p.col_ptr[j + 1] == pattern_->col_ptr[j + 1] &&
            std::equal(p.row_idx.begin() + p.col_ptr[j], p.row_idx.begin() + p.col_ptr[j + 1],
                       pattern_->row_idx.begin() + pattern_->col_ptr[j]);
        if (!same)
            throw Error(ErrorCode::invalid_argument,
                        "sparse's pattern differs from the factored matrix's, first in column " +
                            std::to_string(j) + " (a refactorization needs the same pattern)");
    }
}

}  // namespace fl
