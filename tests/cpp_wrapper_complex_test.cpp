// The C++ wrapper (fastlinalg.hpp) with std::complex<float> and std::complex<double>: every
// dense kind that takes complex matrices, through fastlinalg::factor, solved with A, A^T and
// A^H in both layouts (scaled residuals against a long double loop), the complex symmetric
// LDL^T through fastlinalg::options, the determinant's phase against LU's pivots, and the real
// types the real-valued parts and residual norms come back in.
#include <fastlinalg/fastlinalg.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <complex>
#include <cstdint>
#include <functional>
#include <limits>
#include <random>
#include <type_traits>
#include <vector>

namespace fl = fastlinalg;

namespace {

using CL = std::complex<long double>;

template <class C>
class CppWrapperComplex : public ::testing::Test {};
using ComplexTypes = ::testing::Types<std::complex<float>, std::complex<double>>;
TYPED_TEST_SUITE(CppWrapperComplex, ComplexTypes);

template <class C>
double eps() {
    return static_cast<double>(std::numeric_limits<typename C::value_type>::epsilon());
}
constexpr double kThreshold = 30.0;  // LAPACK's scaled-residual threshold
constexpr fl_layout kLayouts[] = {FL_ROW_MAJOR, FL_COL_MAJOR};
constexpr fl_transpose kTransposes[] = {FL_NO_TRANS, FL_TRANS, FL_CONJ_TRANS};

// An n-by-n matrix from (i, j) -> complex value, in layout.
template <class C>
fl::matrix<C> make(int64_t rows, int64_t cols, fl_layout layout,
                   const std::function<CL(int64_t, int64_t)> &f) {
    fl::matrix<C> m(rows, cols, layout);
    for (int64_t i = 0; i < rows; ++i)
        for (int64_t j = 0; j < cols; ++j) m(i, j) = C(f(i, j));
    return m;
}

std::vector<CL> random_values(int64_t count, unsigned seed) {
    std::mt19937 gen(seed);
    std::uniform_real_distribution<long double> u(-1.0L, 1.0L);
    std::vector<CL> v(static_cast<size_t>(count));
    for (CL &z : v) z = CL(u(gen), u(gen));
    return v;
}

enum class Shape {
    general,
    hermitian_pd,
    hermitian_indefinite,
    complex_symmetric
};

// Random n-by-n matrices of each structure, as functions of (i, j).
std::function<CL(int64_t, int64_t)> structured(Shape shape, int64_t n, unsigned seed) {
    const auto m = random_values(n * n, seed);
    const auto at = [m, n](int64_t i, int64_t j) { return m[static_cast<size_t>(i * n + j)]; };
    const auto diag = [](int64_t i, int64_t j, long double d) { return i == j ? d : 0.0L; };
    switch (shape) {
        case Shape::general:
            return [=](int64_t i, int64_t j) { return at(i, j) + diag(i, j, n); };
        case Shape::hermitian_pd:  // M M^H / n + I
            return [=](int64_t i, int64_t j) {
                CL s = 0;
                for (int64_t p = 0; p < n; ++p) s += at(i, p) * std::conj(at(j, p));
                return s / static_cast<long double>(n) + diag(i, j, 1);
            };
        case Shape::hermitian_indefinite:
            return [=](int64_t i, int64_t j) {
                return at(i, j) + std::conj(at(j, i)) +
                       diag(i, j, 3.0L - static_cast<long double>(i));
            };
        case Shape::complex_symmetric:
            return [=](int64_t i, int64_t j) { return at(i, j) + at(j, i) + diag(i, j, n); };
    }
    return nullptr;
}

// op(A)(i, j) for a solve with trans.
CL op_at(const std::function<CL(int64_t, int64_t)> &a, fl_transpose trans, int64_t i, int64_t j) {
    if (trans == FL_NO_TRANS) return a(i, j);
    return trans == FL_TRANS ? a(j, i) : std::conj(a(j, i));
}

// max |op(A) X - B| / (n eps (max|A| max|X| + max|B|)) in long double.
template <class C>
double scaled_residual(const std::function<CL(int64_t, int64_t)> &a, int64_t n, fl_transpose trans,
                       const fl::matrix<C> &x, const fl::matrix<C> &b) {
    long double worst = 0, amax = 0, xmax = 0, bmax = 0;
    for (int64_t i = 0; i < n; ++i)
        for (int64_t j = 0; j < b.cols(); ++j) {
            CL s = -CL(b(i, j));
            for (int64_t p = 0; p < n; ++p) s += op_at(a, trans, i, p) * CL(x(p, j));
            worst = std::max(worst, std::abs(s));
            xmax = std::max(xmax, std::abs(CL(x(i, j))));
            bmax = std::max(bmax, std::abs(CL(b(i, j))));
        }
    for (int64_t i = 0; i < n; ++i)
        for (int64_t j = 0; j < n; ++j) amax = std::max(amax, std::abs(a(i, j)));
    const long double scale = static_cast<long double>(n) * eps<C>() * (amax * xmax + bmax);
    return static_cast<double>(worst / (scale > 0 ? scale : 1));
}

// Factors A with kind in both layouts and checks the solves with A, A^T and A^H.
template <class C>
void check_kind(fl_factor_kind kind, Shape shape, const fl::options *opts = nullptr) {
    for (const int64_t n : {1, 7}) {
        const auto a = structured(shape, n, 15 + static_cast<unsigned>(n));
        for (const fl_layout layout : kLayouts) {
            const fl::matrix<C> am = make<C>(n, n, layout, a);
            const fl::factor f =
                opts ? fl::factor(kind, am.view(), *opts) : fl::factor(kind, am.view());
            EXPECT_EQ(f.dtype(), fl::dtype_v<C>);
            for (const fl_transpose trans : kTransposes) {
                const auto bv = random_values(n * 3, 7);
                const fl::matrix<C> b = make<C>(n, 3, layout, [&](int64_t i, int64_t j) {
                    return bv[static_cast<size_t>(i * 3 + j)];
                });
                const fl::matrix<C> x = f.solve(b, trans);
                EXPECT_LE(scaled_residual(a, n, trans, x, b), kThreshold)
                    << "kind " << kind << ", n " << n << ", layout " << layout << ", trans "
                    << trans;
            }
        }
    }
}

TYPED_TEST(CppWrapperComplex, EveryComplexKindSolvesWithAItsTransposeAndItsAdjoint) {
    using C = TypeParam;
    for (const fl_factor_kind kind : {FL_FACTOR_LU, FL_FACTOR_QR, FL_FACTOR_COD, FL_FACTOR_SVD})
        check_kind<C>(kind, Shape::general);
    check_kind<C>(FL_FACTOR_CHOLESKY, Shape::hermitian_pd);
    check_kind<C>(FL_FACTOR_EIGH, Shape::hermitian_pd);
    check_kind<C>(FL_FACTOR_LDLT, Shape::hermitian_indefinite);
    fl::options symmetric;
    symmetric.set_int(FL_OPT_COMPLEX_SYMMETRIC, 1);
    check_kind<C>(FL_FACTOR_LDLT, Shape::complex_symmetric, &symmetric);
}

TYPED_TEST(CppWrapperComplex, LogdetPhaseIsTheProductOfLuPivots) {
    using C = TypeParam;
    const int64_t n = 8;
    const auto values = random_values(n * n, 8);
    const auto a = [&](int64_t i, int64_t j) { return values[static_cast<size_t>(i * n + j)]; };
    for (const fl_layout layout : kLayouts) {
        const fl::factor lu(FL_FACTOR_LU, make<C>(n, n, layout, a).view());
        const fl::logdet_complex_result d = lu.logdet_complex();
        const fl::matrix<C> packed = lu.part<C>(FL_PART_LU_PACKED, layout);
        const std::vector<int64_t> piv = lu.indices(FL_PART_PIVOTS);
        CL want = 1;
        long double want_log = 0;
        for (int64_t i = 0; i < n; ++i) {
            const CL u(packed(i, i));
            want *= (piv[static_cast<size_t>(i)] != i + 1 ? -1.0L : 1.0L) * u / std::abs(u);
            want_log += std::log(std::abs(u));
        }
        const double tol = kThreshold * static_cast<double>(n) * eps<C>();
        EXPECT_NEAR(std::abs(d.phase), 1.0, 1e-12);
        EXPECT_LE(std::abs(CL(d.phase) - want), tol);
        EXPECT_NEAR(d.logabsdet, static_cast<double>(want_log),
                    tol * std::max(1.0, std::fabs(static_cast<double>(want_log))));
    }
}

TYPED_TEST(CppWrapperComplex, RealValuedOutputsComeBackInTheRealType) {
    using C = TypeParam;
    using R = typename C::value_type;
    const int64_t n = 5;
    const auto a = structured(Shape::hermitian_pd, n, 5);
    const fl::matrix<C> am = make<C>(n, n, FL_COL_MAJOR, a);
    const fl::factor eigh(FL_FACTOR_EIGH, am.view());
    const fl::matrix<R> w = eigh.part<R>(FL_PART_EIGENVALUES, FL_COL_MAJOR);
    const fl::matrix<C> v = eigh.part<C>(FL_PART_EIGENVECTORS, FL_COL_MAJOR);
    for (int64_t j = 0; j < n; ++j)
        for (int64_t i = 0; i < n; ++i) {
            CL av = 0;
            for (int64_t p = 0; p < n; ++p) av += a(i, p) * CL(v(p, j));
            EXPECT_LE(std::abs(av - CL(v(i, j)) * static_cast<long double>(w(j, 0))),
                      kThreshold * n * eps<C>() * w(n - 1, 0));
        }
    const fl::factor svd(FL_FACTOR_SVD, am.view());
    const fl::matrix<R> s = svd.part<R>(FL_PART_SINGULAR_VALUES, FL_COL_MAJOR);
    long double fro2 = 0, s2 = 0;
    for (int64_t i = 0; i < n; ++i) {
        s2 += static_cast<long double>(s(i, 0)) * s(i, 0);
        for (int64_t j = 0; j < n; ++j) fro2 += std::norm(a(i, j));
    }
    EXPECT_NEAR(static_cast<double>(s2), static_cast<double>(fro2),
                kThreshold * n * eps<C>() * static_cast<double>(fro2));
    // A column of A is fitted exactly: its least-squares residual norm is (real) zero.
    const fl::matrix<C> b =
        make<C>(n, 1, FL_COL_MAJOR, [&](int64_t i, int64_t) { return a(i, 2); });
    const auto norms = fl::factor(FL_FACTOR_QR, am.view()).residual_norms(b);
    static_assert(std::is_same<typename decltype(norms)::value_type, R>::value,
                  "residual norms of a complex B are real");
    EXPECT_LE(norms[0], 1e3 * eps<C>());
}

TYPED_TEST(CppWrapperComplex, AMismatchedDtypeIsRefused) {
    using C = TypeParam;
    using Other = typename std::conditional<std::is_same<C, std::complex<float>>::value,
                                            std::complex<double>, std::complex<float>>::type;
    const fl::matrix<C> a = make<C>(3, 3, FL_ROW_MAJOR, structured(Shape::general, 3, 11));
    const fl::factor lu(FL_FACTOR_LU, a.view());
    try {
        (void)lu.solve(fl::matrix<Other>(3, 1, FL_ROW_MAJOR));
        ADD_FAILURE() << "no fastlinalg::error";
    } catch (const fl::error &e) {
        EXPECT_EQ(e.status(), FL_ERR_DTYPE_MISMATCH) << e.what();
        EXPECT_NE(std::string(e.what()).find("fl_factor_solve"), std::string::npos) << e.what();
    }
    // Eigenvalues asked for in the complex type: refused, never half-filled.
    const fl::factor eigh(
        FL_FACTOR_EIGH, make<C>(3, 3, FL_ROW_MAJOR, structured(Shape::hermitian_pd, 3, 12)).view());
    EXPECT_THROW((void)eigh.part<C>(FL_PART_EIGENVALUES), fl::error);
}

}  // namespace
