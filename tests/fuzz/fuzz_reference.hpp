// The naive references the harnesses compare results with: dense matrices in long double,
// and the scaled residuals LAPACK's tests use, for matrices small enough that O(n^3) loops
// cost nothing.
#pragma once

#include "fuzz_checks.hpp"

namespace flfuzz {

using Real = long double;

class Dense {
public:
    Dense(int64_t rows, int64_t cols) : rows_(rows), cols_(cols), v_(rows * cols, 0) {}
    explicit Dense(const Mat &m) : Dense(m.rows(), m.cols()) {
        for (int64_t i = 0; i < rows_; ++i)
            for (int64_t j = 0; j < cols_; ++j) (*this)(i, j) = m(i, j);
    }
    int64_t rows() const { return rows_; }
    int64_t cols() const { return cols_; }
    Real &operator()(int64_t i, int64_t j) { return v_[i * cols_ + j]; }
    Real operator()(int64_t i, int64_t j) const { return v_[i * cols_ + j]; }

    Dense transposed() const {
        Dense t(cols_, rows_);
        for (int64_t i = 0; i < rows_; ++i)
            for (int64_t j = 0; j < cols_; ++j) t(j, i) = (*this)(i, j);
        return t;
    }
    Real frobenius() const {
        Real s = 0;
        for (Real x : v_) s += x * x;
        return std::sqrt(s);
    }

private:
    int64_t rows_, cols_;
    std::vector<Real> v_;
};

inline Dense operator*(const Dense &a, const Dense &b) {
    Dense c(a.rows(), b.cols());
    for (int64_t i = 0; i < a.rows(); ++i)
        for (int64_t k = 0; k < a.cols(); ++k)
            for (int64_t j = 0; j < b.cols(); ++j) c(i, j) += a(i, k) * b(k, j);
    return c;
}

inline Dense operator-(const Dense &a, const Dense &b) {
    Dense c(a.rows(), a.cols());
    for (int64_t i = 0; i < a.rows(); ++i)
        for (int64_t j = 0; j < a.cols(); ++j) c(i, j) = a(i, j) - b(i, j);
    return c;
}

// ||A^T (B - A X)||_F / (max(m, n) eps ||A||_F (||A||_F ||X||_F + ||B||_F)): small for the
// least-squares, minimum-norm and exact solutions alike (the normal equations hold), so one
// measure serves every kind. 0 when the denominator is 0.
inline double normal_equations_residual(const Dense &a, const Dense &x, const Dense &b,
                                        double eps) {
    const Dense g = a.transposed() * (b - a * x);
    const Real scale = std::max(a.rows(), a.cols()) * static_cast<Real>(eps) * a.frobenius() *
                       (a.frobenius() * x.frobenius() + b.frobenius());
    return scale > 0 ? static_cast<double>(g.frobenius() / scale) : 0.0;
}

// ||A X A - A||_F / (max(m, n) eps ||A||_F^2 ||X||_F): the first Penrose condition, which the
// inverse and the pseudo-inverse both meet.
inline double penrose_residual(const Dense &a, const Dense &x, double eps) {
    const Real scale = std::max(a.rows(), a.cols()) * static_cast<Real>(eps) * a.frobenius() *
                       a.frobenius() * x.frobenius();
    return scale > 0 ? static_cast<double>((a * x * a - a).frobenius() / scale) : 0.0;
}

// Scaled residuals above this are findings. LAPACK's tests use 30; the fuzzed matrices
// (orders up to 8, entries up to 16 in magnitude) allow pivot growth of a few hundred.
constexpr double kResidualLimit = 1000;

}  // namespace flfuzz

namespace flfuzz {

// Rows r0 .. r0 + rows - 1 and columns c0 .. c0 + cols - 1 of a.
inline Dense sub(const Dense &a, int64_t r0, int64_t c0, int64_t rows, int64_t cols) {
    Dense s(rows, cols);
    for (int64_t i = 0; i < rows; ++i)
        for (int64_t j = 0; j < cols; ++j) s(i, j) = a(r0 + i, c0 + j);
    return s;
}

inline Dense operator+(const Dense &a, const Dense &b) {
    Dense c(a.rows(), a.cols());
    for (int64_t i = 0; i < a.rows(); ++i)
        for (int64_t j = 0; j < a.cols(); ++j) c(i, j) = a(i, j) + b(i, j);
    return c;
}

inline Dense kron(const Dense &a, const Dense &b) {
    Dense k(a.rows() * b.rows(), a.cols() * b.cols());
    for (int64_t p = 0; p < a.rows(); ++p)
        for (int64_t r = 0; r < a.cols(); ++r)
            for (int64_t q = 0; q < b.rows(); ++q)
                for (int64_t s = 0; s < b.cols(); ++s)
                    k(p * b.rows() + q, r * b.cols() + s) = a(p, r) * b(q, s);
    return k;
}

inline Dense absolute(Dense a) {
    for (int64_t i = 0; i < a.rows(); ++i)
        for (int64_t j = 0; j < a.cols(); ++j) a(i, j) = std::fabs(a(i, j));
    return a;
}

// Checks got against want element by element, to `tol` times the matching element of scale
// (the same sum over absolute values, which bounds the rounding of any summation order).
inline void check_matrix(const char *function, const Mat &got, const Dense &want,
                         const Dense &scale, double tol) {
    for (int64_t i = 0; i < want.rows(); ++i)
        for (int64_t j = 0; j < want.cols(); ++j)
            check_close(function, "out[i, j]", got(i, j), static_cast<double>(want(i, j)), tol,
                        static_cast<double>(scale(i, j)));
}

}  // namespace flfuzz
