// Cholesky rank-k update and downdate: from A = L L^T and an n-by-k V, the factor of
// A + V V^T or A - V V^T in O(n^2 k) flops, without forming either matrix.
//
// Each column x of V is folded into L by n rotations of the n-by-(n+1) matrix [L x] from
// the right, the j-th mixing column j of L with x so that x_j becomes 0 (LINPACK's
// dchud/dchdd; Golub & Van Loan, "Matrix Computations", 6.5.4):
//  - update: Givens rotations. [L x] G G^T [L x]^T = L L^T + x x^T for orthogonal G, so
//    once x is all zeros the rotated L is the factor of A + x x^T.
//  - downdate: hyperbolic rotations (c^2 - s^2 = 1), which keep L L^T - x x^T instead.
//    One exists only while L_jj^2 - x_j^2 > 0; when it does not, A - x x^T is not
//    positive definite (within rounding) and the downdate is refused.
// The k columns of V are interleaved column of L by column of L: rotation (j, l) needs
// column j of L after rotations (j, 0..l-1) and x_l after rotations (0..j-1, l), so this
// order does exactly the arithmetic of k successive rank-1 updates, while column j of L
// stays in cache for all k of them. Since A - V V^T is positive definite only if every
// partial downdate A - v_1 v_1^T - ... - v_l v_l^T is, a failure at any step is a failure
// of the whole downdate.
//
// The 1-norm that rcond() needs. ||A +- V V^T||_1 cannot be had from ||A||_1, and computing
// it exactly from the new L means forming L L^T, n^3/3 flops, more than the update itself.
// An updated factor therefore estimates it from L with Higham's 1-norm estimator (the
// algorithm of LAPACK's lacn2), each step a product with L L^T costing 2 n^2 flops, a
// handful of steps in all. The estimate is a lower bound that is exact for most matrices,
// just as pocon's estimate of ||A^-1||_1 is, so rcond stays an O(n^2) estimate of the same
// number. It is computed when rcond() is asked, never during the update, so the update
// costs only its O(n^2 k).
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/finite_check.hpp"
#include "core/matrix_copy.hpp"
#include "dense/cholesky_factor.hpp"

namespace fl {
namespace {

// A factor's storage as the type-erased matrix that SquareFactor's constructor copies:
// that constructor only reads it.
template <class T> MatrixRef as_matrix(const ColMajorView<const T> &s) {
    return {Layout::col_major, s.rows, s.cols, s.ld, const_cast<T *>(s.data)};
}

// Rotates l = L(j:n, j) against x = x(j:n), len = n - j elements each, with the Givens
// rotation that zeroes x[0]. Returns false if the new diagonal overflows.
template <class T> bool givens_step(T *l, T *x, index_t len) {
    const T a = l[0], b = x[0];
    const T r = std::hypot(a, b);  // > 0: a is a Cholesky diagonal element
    if (!std::isfinite(r)) return false;
    const T c = a / r, s = b / r;
    l[0] = r;
    for (index_t i = 1; i < len; ++i) {
        const T li = l[i], xi = x[i];
        l[i] = c * li + s * xi;
        x[i] = c * xi - s * li;
    }
    return true;
}

// The same with the hyperbolic rotation that zeroes x[0] while keeping L L^T - x x^T.
// Returns false when there is none: L_jj^2 - x_j^2 <= 0 (or not finite).
template <class T> bool hyperbolic_step(T *l, T *x, index_t len) {
    const T a = l[0], b = x[0];
    if (!(std::fabs(b) < a)) return false;  // written so that NaN fails too
    // (a - b)(a + b) rather than a^2 - b^2: no cancellation, no overflow of the squares.
    const T r = std::sqrt((a - b) * (a + b));
    if (!(r > 0) || !std::isfinite(r)) return false;  // underflowed to 0, or a + b overflowed
    // With c = r / a and s = b / a, the new column is (L - s x) / c, and x is updated from
    // the new column rather than the old one: this "mixed" form of the hyperbolic rotation
    // is the numerically stable one (Stewart 1979; Bojanczyk et al. 1987).
    const T c = r / a, s = b / a, inv_c = a / r;
    l[0] = r;
    for (index_t i = 1; i < len; ++i) {
        l[i] = (l[i] - s * x[i]) * inv_c;
        x[i] = c * x[i] - s * l[i];
    }
    return true;
}

// y <- L (L^T x) for a lower triangular L: one pass over L, column by column, since
// (L^T x)_j needs only column j of L and x.
template <class T>
void multiply_llt(const ColMajorView<const T> &l, const double *x, double *y) {
    const index_t n = l.rows;
    std::fill(y, y + n, 0.0);
    for (index_t j = 0; j < n; ++j) {
        const T *column = l.column(j);
        double w = 0;
        for (index_t i = j; i < n; ++i) w += column[i] * x[i];
        for (index_t i = j; i < n; ++i) y[i] += w * column[i];
    }
}

double sum_abs(const std::vector<double> &v) {
    double s = 0;
    for (const double e : v) s += std::fabs(e);
    return s;
}

size_t argmax_abs(const std::vector<double> &v) {
    size_t best = 0;
    for (size_t i = 1; i < v.size(); ++i)
        if (std::fabs(v[i]) > std::fabs(v[best])) best = i;
    return best;
}

}  // namespace

template <class T>
CholeskyFactor<T>::CholeskyFactor(const CholeskyFactor &from, int sign, const MatrixRef &v)
    : SquareFactor<T>(as_matrix(from.stored()), /*symmetric=*/true, NormOf::none),
      triangle_(Triangle::lower) {
    this->anorm_ = unknown_anorm;  // estimated by rcond(), from the new L
    const index_t n = this->n_, k = v.cols;
    const ColMajorView<T> l = this->storage();
    // A = U^T U is A = L L^T with L = U^T: work on, and keep, the lower form only.
    if (from.triangle_ == Triangle::upper) transpose_in_place(l);
    if (n == 0 || k == 0) return;
    // NaN or Inf in V would silently poison every later column of L.
    require_finite<T>(v, "v");

    // V, copied column-major and contiguous: the rotations walk down its columns, and
    // overwrite them.
    std::vector<T> work(static_cast<size_t>(n * k));
    const MatrixRef work_ref{Layout::col_major, n, k, n, work.data()};
    copy_matrix<T>(v, work_ref);
    const ColMajorView<T> x = stored_view<T>(work_ref);

    for (index_t j = 0; j < n; ++j) {
        T *lj = l.column(j) + j;
        for (index_t c = 0; c < k; ++c) {
            T *xj = x.column(c) + j;
            if (*xj == T(0)) continue;  // the rotation would be the identity
            if (sign > 0) {
                if (!givens_step(lj, xj, n - j))
                    throw Error(ErrorCode::non_finite,
                                "A + V V^T overflows: its diagonal element at row " +
                                    std::to_string(j + 1) + " is beyond the range of the dtype");
            } else if (!hyperbolic_step(lj, xj, n - j)) {
                throw Error(ErrorCode::not_positive_definite,
                            "A - V V^T is not positive definite: downdating with column " +
                                std::to_string(c + 1) + " of v (of k = " + std::to_string(k) +
                                ") leaves no positive pivot at row " + std::to_string(j + 1) +
                                " (of n = " + std::to_string(n) + ")");
            }
        }
    }
}

template <class T>
std::unique_ptr<Factor> CholeskyFactor<T>::rank_update(int sign, const MatrixRef &v) const {
    if (sign != 1 && sign != -1)
        throw Error(ErrorCode::invalid_argument,
                    "sign = " + std::to_string(sign) + " is neither +1 (update) nor -1 (downdate)");
    return std::unique_ptr<Factor>(new CholeskyFactor(*this, sign, v));
}

// Higham's 1-norm estimator (Higham 1988, "FORTRAN codes for estimating the one-norm of a
// real or complex matrix", as in LAPACK's lacn2), with A^T = A = L L^T. Every value it
// returns is ||A y||_1 / ||y||_1 for some y, hence a lower bound on ||A||_1.
template <class T> double CholeskyFactor<T>::estimated_anorm() const {
    const ColMajorView<const T> l = this->stored();
    const index_t n = this->n_;
    const size_t count = static_cast<size_t>(n);
    std::vector<double> x(count, 1.0 / double(n)), y(count), signs(count);

    multiply_llt(l, x.data(), y.data());
    double estimate = sum_abs(y);
    if (n == 1) return estimate;  // exact

    for (size_t i = 0; i < count; ++i) signs[i] = y[i] >= 0 ? 1.0 : -1.0;
    multiply_llt(l, signs.data(), x.data());  // the gradient A^T sign(A x)
    size_t j = argmax_abs(x);
    for (int iteration = 2; iteration <= 5; ++iteration) {
        // The column of A the gradient points to: ||A e_j||_1 is its column sum.
        std::fill(x.begin(), x.end(), 0.0);
        x[j] = 1.0;
        multiply_llt(l, x.data(), y.data());
        const double previous = estimate;
        estimate = std::max(estimate, sum_abs(y));
        bool same_signs = true;
        for (size_t i = 0; i < count; ++i) {
            const double s = y[i] >= 0 ? 1.0 : -1.0;
            same_signs = same_signs && s == signs[i];
            signs[i] = s;
        }
        if (same_signs || estimate <= previous) break;  // converged, or cycling
        multiply_llt(l, signs.data(), x.data());
        const size_t last = j;
        j = argmax_abs(x);
        if (std::fabs(x[last]) == std::fabs(x[j])) break;  // no better column in sight
    }
    // Higham's extra test vector, which catches the matrices that fool the iteration.
    for (size_t i = 0; i < count; ++i)
        x[i] = (i % 2 == 0 ? 1.0 : -1.0) * (1.0 + double(i) / double(n - 1));
    multiply_llt(l, x.data(), y.data());
    return std::max(estimate, 2.0 * sum_abs(y) / (3.0 * double(n)));
}

// cholesky_factor.cpp instantiates the class; the members defined here are instantiated here.
template CholeskyFactor<float>::CholeskyFactor(const CholeskyFactor<float> &, int, const MatrixRef &);
template CholeskyFactor<double>::CholeskyFactor(const CholeskyFactor<double> &, int, const MatrixRef &);
template std::unique_ptr<Factor> CholeskyFactor<float>::rank_update(int, const MatrixRef &) const;
template std::unique_ptr<Factor> CholeskyFactor<double>::rank_update(int, const MatrixRef &) const;
template double CholeskyFactor<float>::estimated_anorm() const;
template double CholeskyFactor<double>::estimated_anorm() const;

}  // namespace fl
