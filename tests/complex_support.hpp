// What the complex tests share: a long double complex reference matrix (ZRef), a caller's
// complex matrix in either layout with NaN padding (CMatrix), test matrices (general,
// Hermitian positive definite, phased Hilbert), LAPACK's scaled residual computed in long
// double complex, the solve check for every transpose and layout, and a reference solve
// (long double Gaussian elimination) with the relative difference to compare against it.
#pragma once

#include <fastlinalg/fastlinalg.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <complex>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <random>
#include <string>
#include <type_traits>
#include <vector>

#include "test_support.hpp"

namespace complextest {

using fltest::kResidualThreshold;
using Z = std::complex<long double>;

template <class C>
constexpr fl_dtype dtype_of();
template <>
constexpr fl_dtype dtype_of<std::complex<float>>() {
    return FL_COMPLEX64;
}
template <>
constexpr fl_dtype dtype_of<std::complex<double>>() {
    return FL_COMPLEX128;
}

// Machine epsilon of C's precision (C complex, or real: the shared helpers take both).
template <class C>
double eps() {
    if constexpr (std::is_floating_point_v<C>)
        return double(std::numeric_limits<C>::epsilon());
    else
        return double(std::numeric_limits<typename C::value_type>::epsilon());
}

// The real type of a complex C, and the dtype in which a complex factor writes its
// real-valued parts (eigenvalues, singular values, residual norms).
template <class C>
using Real = typename C::value_type;

template <class C>
constexpr fl_dtype real_dtype() {
    return std::is_same_v<Real<C>, float> ? FL_FLOAT32 : FL_FLOAT64;
}

// A column-major long double complex matrix: the reference side.
struct ZRef {
    int64_t rows = 0, cols = 0;
    std::vector<Z> v;
    ZRef(int64_t r, int64_t c) : rows(r), cols(c), v(size_t(r * c)) {}
    Z &operator()(int64_t i, int64_t j) { return v[size_t(i + j * rows)]; }
    Z operator()(int64_t i, int64_t j) const { return v[size_t(i + j * rows)]; }
};

// A caller's complex matrix in either layout, padded by one element per line (padding holds
// NaN: the library must neither read nor write it).
template <class C>
struct CMatrix {
    int64_t rows, cols, ld;
    fl_layout layout;
    std::vector<C> data;
    CMatrix(int64_t r, int64_t c, fl_layout l)
        : rows(r),
          cols(c),
          ld((l == FL_COL_MAJOR ? r : c) + 1),
          layout(l),
          data(size_t(ld * (l == FL_COL_MAJOR ? c : r)) + 1,
               C(std::numeric_limits<typename C::value_type>::quiet_NaN(), 0)) {}
    C &operator()(int64_t i, int64_t j) {
        return data[size_t(layout == FL_COL_MAJOR ? i + j * ld : i * ld + j)];
    }
    C operator()(int64_t i, int64_t j) const {
        return data[size_t(layout == FL_COL_MAJOR ? i + j * ld : i * ld + j)];
    }
    static CMatrix from(const ZRef &r, fl_layout l) {
        CMatrix m(r.rows, r.cols, l);
        for (int64_t i = 0; i < r.rows; ++i)
            for (int64_t j = 0; j < r.cols; ++j) m(i, j) = C(r(i, j));
        return m;
    }
    ZRef ref() const {
        ZRef r(rows, cols);
        for (int64_t i = 0; i < rows; ++i)
            for (int64_t j = 0; j < cols; ++j) r(i, j) = Z((*this)(i, j));
        return r;
    }
};

inline ZRef random_matrix(int64_t rows, int64_t cols, unsigned seed) {
    std::mt19937 gen(seed);
    std::uniform_real_distribution<double> u(-1, 1);
    ZRef a(rows, cols);
    for (Z &z : a.v) z = Z(u(gen), u(gen));
    return a;
}

// A general matrix with a dominant diagonal of varied phase: well conditioned.
inline ZRef general(int64_t n, unsigned seed) {
    ZRef a = random_matrix(n, n, seed);
    for (int64_t i = 0; i < n; ++i) a(i, i) += std::polar(2.0L * n, 0.7L * i);
    return a;
}

// D H D^H for the Hilbert matrix H and a diagonal of phases D: Hermitian positive definite
// with the Hilbert matrix's condition number (about 1.6e13 at n = 10), complex throughout.
inline ZRef phased_hilbert(int64_t n) {
    ZRef a(n, n);
    for (int64_t i = 0; i < n; ++i)
        for (int64_t j = 0; j < n; ++j)
            a(i, j) = std::polar(1.0L, 0.9L * i - 0.9L * j) / static_cast<long double>(i + j + 1);
    return a;
}

// B^H B + n I: Hermitian positive definite and well conditioned.
inline ZRef hermitian_pd(int64_t n, unsigned seed) {
    const ZRef b = random_matrix(n, n, seed);
    ZRef a(n, n);
    for (int64_t i = 0; i < n; ++i)
        for (int64_t j = 0; j < n; ++j) {
            Z s = i == j ? Z(n) : Z(0);
            for (int64_t k = 0; k < n; ++k) s += std::conj(b(k, i)) * b(k, j);
            a(i, j) = s;
        }
    return a;
}

// (B + B^H) / 2 with a diagonal of alternating sign and modulus 2n: Hermitian, indefinite,
// and (by Gershgorin) no eigenvalue within 0.5 n of zero.
inline ZRef hermitian_indefinite(int64_t n, unsigned seed) {
    const ZRef b = random_matrix(n, n, seed);
    ZRef a(n, n);
    for (int64_t i = 0; i < n; ++i)
        for (int64_t j = 0; j < n; ++j) a(i, j) = (b(i, j) + std::conj(b(j, i))) / 2.0L;
    for (int64_t i = 0; i < n; ++i) a(i, i) = Z(i % 2 ? -2.0L * n : 2.0L * n);
    return a;
}

inline ZRef op_of(const ZRef &a, fl_transpose t) {
    if (t == FL_NO_TRANS) return a;
    ZRef o(a.cols, a.rows);
    for (int64_t i = 0; i < a.rows; ++i)
        for (int64_t j = 0; j < a.cols; ++j) o(j, i) = t == FL_TRANS ? a(i, j) : std::conj(a(i, j));
    return o;
}

inline long double one_norm(const ZRef &a) {
    long double best = 0;
    for (int64_t j = 0; j < a.cols; ++j) {
        long double s = 0;
        for (int64_t i = 0; i < a.rows; ++i) s += std::abs(a(i, j));
        best = std::max(best, s);
    }
    return best;
}

inline ZRef product(const ZRef &a, const ZRef &b) {
    ZRef c(a.rows, b.cols);
    for (int64_t j = 0; j < b.cols; ++j)
        for (int64_t k = 0; k < a.cols; ++k)
            for (int64_t i = 0; i < a.rows; ++i) c(i, j) += a(i, k) * b(k, j);
    return c;
}

// LAPACK's xGET02: max_j ||b_j - M x_j||_1 / (||M||_1 ||x_j||_1 n eps).
inline double scaled_residual(const ZRef &m, const ZRef &x, const ZRef &b, double eps) {
    const ZRef mx = product(m, x);
    const long double mnorm = one_norm(m);
    double worst = 0;
    for (int64_t j = 0; j < b.cols; ++j) {
        long double r = 0, xn = 0;
        for (int64_t i = 0; i < b.rows; ++i) r += std::abs(b(i, j) - mx(i, j));
        for (int64_t i = 0; i < x.rows; ++i) xn += std::abs(x(i, j));
        if (r == 0) continue;
        worst = std::max(worst, double(r / (mnorm * xn * m.rows * eps)));
    }
    return worst;
}

// A factor handle that is destroyed with the test.
struct Handle {
    fl_factor *f = nullptr;
    ~Handle() { fl_factor_destroy(f); }
};

template <class C>
fl_status create(Handle &h, fl_factor_kind kind, const CMatrix<C> &a,
                 fl_triangle triangle = FL_LOWER) {
    fl_options *o = nullptr;
    EXPECT_EQ(fl_options_create(&o), FL_OK);
    EXPECT_EQ(fl_options_set_int(o, FL_OPT_TRIANGLE, triangle), FL_OK);
    const fl_status s = fl_factor_create(&h.f, kind, dtype_of<C>(), a.layout, a.rows, a.cols,
                                         a.rows ? a.data.data() : nullptr, a.ld, o);
    fl_options_destroy(o);
    return s;
}

// Solves op(A) X = B with the factor for every transpose and layout of B and X, with each
// number of right-hand sides in nrhs, and checks each scaled residual against the full
// matrix `a`.
template <class C>
void check_solves(const fl_factor *f, const ZRef &a, unsigned seed,
                  std::initializer_list<int64_t> nrhs = {1, 3}) {
    for (const fl_transpose t : {FL_NO_TRANS, FL_TRANS, FL_CONJ_TRANS})
        for (const fl_layout bl : fltest::kLayouts)
            for (const fl_layout xl : fltest::kLayouts)
                for (const int64_t k : nrhs) {
                    SCOPED_TRACE("trans " + std::to_string(t) + ", b layout " + std::to_string(bl) +
                                 ", x layout " + std::to_string(xl) + ", nrhs " +
                                 std::to_string(k));
                    const CMatrix<C> b = CMatrix<C>::from(random_matrix(a.rows, k, seed++), bl);
                    CMatrix<C> x(a.rows, k, xl);
                    ASSERT_EQ(fl_factor_solve(f, t, dtype_of<C>(), k, bl, b.data.data(), b.ld, xl,
                                              x.data.data(), x.ld),
                              FL_OK)
                        << fl_last_error();
                    EXPECT_LT(scaled_residual(op_of(a, t), x.ref(), b.ref(), eps<C>()),
                              kResidualThreshold);
                    EXPECT_TRUE(std::isnan(x.data.back().real())) << "the padding was written";
                }
}

// A with the triangle `triangle` (caller's terms) kept and the other one spoiled by NaN, so
// that a factor reading it fails the check for NaN.
template <class C>
CMatrix<C> one_triangle(const ZRef &a, fl_layout layout, fl_triangle triangle) {
    CMatrix<C> m = CMatrix<C>::from(a, layout);
    for (int64_t i = 0; i < a.rows; ++i)
        for (int64_t j = 0; j < a.cols; ++j)
            if (triangle == FL_LOWER ? j > i : j < i)
                m(i, j) = C(0, std::numeric_limits<double>::quiet_NaN());
    return m;
}

// X = M^-1 B by long double Gaussian elimination with partial pivoting (M square).
inline ZRef solve_reference(ZRef m, ZRef b) {
    const int64_t n = m.rows;
    for (int64_t k = 0; k < n; ++k) {
        int64_t p = k;
        for (int64_t i = k + 1; i < n; ++i)
            if (std::abs(m(i, k)) > std::abs(m(p, k))) p = i;
        for (int64_t j = 0; j < n; ++j) std::swap(m(k, j), m(p, j));
        for (int64_t j = 0; j < b.cols; ++j) std::swap(b(k, j), b(p, j));
        for (int64_t i = k + 1; i < n; ++i) {
            const Z f = m(i, k) / m(k, k);
            for (int64_t j = k; j < n; ++j) m(i, j) -= f * m(k, j);
            for (int64_t j = 0; j < b.cols; ++j) b(i, j) -= f * b(k, j);
        }
    }
    for (int64_t k = n - 1; k >= 0; --k)
        for (int64_t j = 0; j < b.cols; ++j) {
            for (int64_t i = k + 1; i < n; ++i) b(k, j) -= m(k, i) * b(i, j);
            b(k, j) /= m(k, k);
        }
    return b;
}

// ||a - b||_1 / ||b||_1.
inline long double relative_difference(const ZRef &a, const ZRef &b) {
    ZRef d = a;
    for (size_t i = 0; i < d.v.size(); ++i) d.v[i] -= b.v[i];
    return one_norm(d) / std::max(one_norm(b), 1e-300L);
}

// A matrix part of a factor, read in `layout` (fl_factor_part_shape gives its shape).
template <class C>
ZRef part_of(const fl_factor *f, fl_factor_part part, fl_layout layout) {
    int64_t rows = -1, cols = -1;
    EXPECT_EQ(fl_factor_part_shape(f, part, &rows, &cols), FL_OK) << fl_last_error();
    CMatrix<C> out(rows, cols, layout);
    EXPECT_EQ(fl_factor_get_part(f, part, dtype_of<C>(), layout, out.data.data(), out.ld), FL_OK)
        << fl_last_error();
    EXPECT_TRUE(std::isnan(out.data.back().real())) << "the padding was written";
    return out.ref();
}

// ||X - Y||_1 / (||A||_1 max(m, n) eps): LAPACK's reconstruction residual (xGET01, xPOT01)
// for an m-by-n A.
template <class C>
double reconstruction(const ZRef &x, const ZRef &y, const ZRef &a) {
    ZRef d = x;
    for (size_t i = 0; i < d.v.size(); ++i) d.v[i] -= y.v[i];
    const long double scale = one_norm(a) * std::max<int64_t>({a.rows, a.cols, 1}) * eps<C>();
    return one_norm(d) == 0 ? 0.0 : double(one_norm(d) / scale);
}

// det by long double Gaussian elimination with partial pivoting.
inline Z reference_det(ZRef a) {
    Z det = 1;
    const int64_t n = a.rows;
    for (int64_t k = 0; k < n; ++k) {
        int64_t p = k;
        for (int64_t i = k + 1; i < n; ++i)
            if (std::abs(a(i, k)) > std::abs(a(p, k))) p = i;
        if (p != k) {
            det = -det;
            for (int64_t j = 0; j < n; ++j) std::swap(a(k, j), a(p, j));
        }
        det *= a(k, k);
        for (int64_t i = k + 1; i < n; ++i) {
            const Z m = a(i, k) / a(k, k);
            for (int64_t j = k; j < n; ++j) a(i, j) -= m * a(k, j);
        }
    }
    return det;
}

}  // namespace complextest
