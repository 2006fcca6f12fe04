// Test matrices with a known structure, built in long double without the library: random
// orthonormal columns (modified Gram-Schmidt), symmetric matrices with a chosen spectrum
// (A = Q diag(d) Q^T), and the storage of a symmetric matrix in one triangle only (the
// FL_OPT_TRIANGLE tests). Shared by the LDL^T, EIGH, SVD, Cholesky and rank-update tests.
#ifndef FASTLINALG_TESTS_CONSTRUCTED_MATRICES_HPP
#define FASTLINALG_TESTS_CONSTRUCTED_MATRICES_HPP

#include "test_support.hpp"

#include <cstdint>
#include <limits>
#include <vector>

namespace fltest {

// rows-by-cols (cols <= rows) with orthonormal columns: modified Gram-Schmidt run twice on a
// random matrix, which leaves the columns orthonormal to long double precision.
Ref orthonormal_ref(int64_t rows, int64_t cols, uint64_t seed);
// A random n-by-n orthogonal matrix (orthonormal_ref(n, n, seed)).
Ref random_orthogonal(int64_t n, uint64_t seed);

// Q diag(d) Q^T, exactly symmetric.
Ref q_diag_qt(const Ref &q, const std::vector<long double> &d);
// A symmetric matrix whose eigenvalues are d: Q diag(d) Q^T with Q = random_orthogonal.
Ref with_eigenvalues(const std::vector<long double> &d, uint64_t seed);
// Eigenvalues with `positive` of them in [lo, hi] and `negative` in [-hi, -lo].
std::vector<long double> signed_spectrum(int64_t positive, int64_t negative, long double lo, long double hi,
                                         uint64_t seed);
// (R + R^T) / 2 for a random R: symmetric and, almost surely, indefinite.
Ref random_symmetric(int64_t n, uint64_t seed);

// ---- One triangle of a symmetric matrix (FL_OPT_TRIANGLE) ------------------------------------

inline bool in_triangle(fl_triangle tri, int64_t i, int64_t j) { return tri == FL_LOWER ? i >= j : i <= j; }

// The stored matrix for a triangle test: the read triangle (in logical (i, j) terms, whatever
// the layout) holds s, the other one NaN.
template <class T>
Matrix<T> one_triangle(const Ref &s, fl_triangle tri, fl_layout layout, int64_t pad) {
    Matrix<T> m(s.rows, s.cols, layout, pad);
    for (int64_t i = 0; i < s.rows; ++i)
        for (int64_t j = 0; j < s.cols; ++j)
            m(i, j) = in_triangle(tri, i, j) ? static_cast<T>(s(i, j)) : std::numeric_limits<T>::quiet_NaN();
    return m;
}

// The symmetric matrix that the stored triangle of m describes.
template <class T>
Ref symmetric_from(const Matrix<T> &m, fl_triangle tri) {
    Ref r(m.rows(), m.cols());
    for (int64_t i = 0; i < m.rows(); ++i)
        for (int64_t j = 0; j < m.cols(); ++j)
            r(i, j) = static_cast<long double>(in_triangle(tri, i, j) ? m(i, j) : m(j, i));
    return r;
}

} // namespace fltest

#endif
