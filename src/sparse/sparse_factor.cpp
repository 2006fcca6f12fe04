#include "sparse/sparse_factor.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/error.hpp"
#include "core/norms.hpp"
#include "core/typed.hpp"

namespace fl {
namespace {

// ||A||_1 from the stored entries; for stype != 0 only one triangle is stored and each
// off-diagonal entry counts in its column and, mirrored, in its row.
double one_norm(const SparsePattern &p, const std::vector<double> &values, int stype) {
    std::vector<double> sums(static_cast<size_t>(p.cols), 0.0);
    for (index_t j = 0; j < p.cols; ++j)
        for (int64_t k = p.col_ptr[j]; k < p.col_ptr[j + 1]; ++k) {
            const int64_t i = p.row_idx[k];
            const bool read = stype == 0 || (stype < 0 ? i >= j : i <= j);
            if (!read) continue;
            sums[j] += std::fabs(values[k]);
            if (stype != 0 && i != j) sums[i] += std::fabs(values[k]);
        }
    return largest_sum(sums);
}

}  // namespace

SparseFactor::SparseFactor(const SparseMatrix &a, int stype)
    : pattern_(a.pattern()),
      dtype_(a.dtype()),
      rows_(a.rows()),
      cols_(a.cols()),
      anorm_(one_norm(*a.pattern(), a.csc_values(), stype)) {}

template <class T>
void SparseFactor::solve_typed(Transpose trans, const MatrixRef &b, const MatrixRef &x) const {
    suitesparse::DenseBuffer bb = suitesparse::load<T>(b);
    const suitesparse::DenseBuffer xb = solve_buffer(trans, bb);
    suitesparse::store<T>(xb.data.data(), xb.rows, x);
}

void SparseFactor::solve(Transpose trans, const MatrixRef &b, const MatrixRef &x) const {
    if (x.rows == 0 || x.cols == 0 || solve_direct(trans, b, x)) return;
    typed_real(dtype_, [&](auto t) { solve_typed<decltype(t)>(trans, b, x); });
}

void SparseFactor::inverse(const MatrixRef &out) const {
    if (out.rows == 0 || out.cols == 0) return;
    suitesparse::DenseBuffer eye(rows_, rows_);
    for (index_t i = 0; i < rows_; ++i) eye.data[i + i * rows_] = 1.0;
    const suitesparse::DenseBuffer inv = solve_buffer(Transpose::no, eye);
    typed_real(dtype_,
               [&](auto t) { suitesparse::store<decltype(t)>(inv.data.data(), inv.rows, out); });
}

double SparseFactor::rcond() const {
    const index_t n = rows_;
    if (n == 0) return 1.0;
    if (anorm_ == 0) return 0.0;
    // Hager's method: maximise ||A^-1 x||_1 over the unit 1-norm ball by moving between
    // its vertices along the subgradient A^-T sign(A^-1 x).
    auto apply = [&](Transpose op, const std::vector<double> &v) {
        suitesparse::DenseBuffer b(n, 1);
        b.data = v;
        return solve_buffer(op, b).data;
    };
    std::vector<double> x(static_cast<size_t>(n), 1.0 / double(n));
    double estimate = 0;
    index_t last = -1;
    for (int step = 0; step < 5; ++step) {
        const std::vector<double> y = apply(Transpose::no, x);
        double norm = 0;
        std::vector<double> signs(y.size());
        for (size_t i = 0; i < y.size(); ++i) {
            norm += std::fabs(y[i]);
            signs[i] = y[i] >= 0 ? 1.0 : -1.0;
        }
        if (!std::isfinite(norm)) return 0.0;
        if (step > 0 && norm <= estimate) break;
        estimate = norm;
        const std::vector<double> z = apply(Transpose::yes, signs);
        index_t j = 0;
        double ztx = 0;
        for (index_t i = 0; i < n; ++i) {
            ztx += z[i] * x[i];
            if (std::fabs(z[i]) > std::fabs(z[j])) j = i;
        }
        if (std::fabs(z[j]) <= ztx || j == last) break;
        std::fill(x.begin(), x.end(), 0.0);
        x[j] = 1.0;
        last = j;
    }
    // Higham's safeguard against the estimate's rare underestimates: an alternating vector.
    std::vector<double> alt(static_cast<size_t>(n));
    for (index_t i = 0; i < n; ++i)
        alt[i] =
            (i % 2 == 0 ? 1.0 : -1.0) * (1.0 + double(i) / double(std::max<index_t>(n - 1, 1)));
    double alt_norm = 0;
    for (double v : apply(Transpose::no, alt)) alt_norm += std::fabs(v);
    estimate = std::max(estimate, 2.0 * alt_norm / (3.0 * double(n)));
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
