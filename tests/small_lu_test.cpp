// LU of small and mid-size orders, which the library factors with its own kernels
// (src/dense/small_lu.hpp, src/dense/blocked_lu.hpp) instead of getrf, and solves with its
// own up to n = 16: every order up to just past each crossover, both layouts, float and
// double, checked by scaled residuals and against LAPACK's own getrf/getrs/gecon run here
// on the same stored matrix (pivots included).
#include <lapacke.h>

#include <cmath>
#include <string>
#include <vector>

#include "solve_check.hpp"

namespace fltest {
namespace {

// Orders 1..8, around the small solves' crossover (16 | 17), the blocked kernel's panel
// and register-block edges (31-33: 4-column panels, 16-row blocks, tails), the mid sizes,
// and both sides of its crossover with getrf (256 | 257).
constexpr int64_t kOrders[] = {1,  2,  3,  4,  5,  6,  7,   8,   15, 16,
                               17, 24, 31, 32, 33, 64, 100, 256, 257};

template <class T>
struct Lapack;
template <>
struct Lapack<float> {
    static constexpr auto getrf = LAPACKE_sgetrf;
    static constexpr auto getrs = LAPACKE_sgetrs;
    static constexpr auto gecon = LAPACKE_sgecon;
    static constexpr auto lange = LAPACKE_slange;
};
template <>
struct Lapack<double> {
    static constexpr auto getrf = LAPACKE_dgetrf;
    static constexpr auto getrs = LAPACKE_dgetrs;
    static constexpr auto gecon = LAPACKE_dgecon;
    static constexpr auto lange = LAPACKE_dlange;
};

// LAPACK's LU of A as the caller hands it in `layout`, factored column-major in place.
template <class T>
struct LapackLu {
    std::vector<T> lu;
    std::vector<lapack_int> ipiv;
    lapack_int info;
    int64_t n;

    LapackLu(const Ref &a)
        : lu(static_cast<size_t>(a.rows * a.cols)), ipiv(static_cast<size_t>(a.rows)), n(a.rows) {
        for (int64_t j = 0; j < n; ++j)
            for (int64_t i = 0; i < n; ++i)
                lu[static_cast<size_t>(i + j * n)] = static_cast<T>(a(i, j));
        info = Lapack<T>::getrf(LAPACK_COL_MAJOR, n, n, lu.data(), n, ipiv.data());
    }
};

template <class T>
double relative_gap(T got, T want) {
    return std::fabs(double(got) - double(want)) / std::max(std::fabs(double(want)), 1e-300);
}

FLTEST_TYPED_SUITE(SmallLu);

// Every B/X layout, padding, transpose, nrhs and in-place solve, on random matrices.
TYPED_TEST(SmallLu, RandomSolves) {
    for (int64_t n : kOrders) {
        SCOPED_TRACE("n=" + std::to_string(n));
        check_solves<TypeParam>(FL_FACTOR_LU, random_ref(n, n, 100 + static_cast<uint64_t>(n)),
                                {1, 3, 20});
    }
}

// U diag(s) V^T with s from 1 down to 1 / cond, geometrically, U and V random orthogonal.
Ref graded_ref(int64_t n, long double cond, uint64_t seed) {
    Ref u = orthonormal_ref(n, n, seed);
    for (int64_t j = 0; j < n; ++j)
        for (int64_t i = 0; i < n; ++i)
            u(i, j) *= std::pow(cond, -static_cast<long double>(j) / std::max<int64_t>(n - 1, 1));
    return multiply(u, transpose(orthonormal_ref(n, n, seed + 1)));
}

// Hilbert matrices (condition numbers up to 1e10 at n = 8) and, at every order, graded
// singular values to a condition number of 1e12 (1e5 in float, where 1e12 rounds to
// singular): still small scaled residuals.
TYPED_TEST(SmallLu, IllConditionedSolves) {
    const long double cond = std::is_same_v<TypeParam, float> ? 1e5L : 1e12L;
    for (int64_t n : kOrders) {
        SCOPED_TRACE("n=" + std::to_string(n));
        if (n <= 8) check_solves<TypeParam>(FL_FACTOR_LU, hilbert_ref(n), {1, 2});
        check_solves<TypeParam>(FL_FACTOR_LU, graded_ref(n, cond, 40 + static_cast<uint64_t>(n)),
                                {1, 2});
    }
}

// The solution, log|det| with its sign, and rcond agree with LAPACK's on the same matrix.
TYPED_TEST(SmallLu, AgreesWithLapack) {
    using T = TypeParam;
    const double tol = std::is_same_v<T, float> ? 1e-3 : 1e-10;
    for (int64_t n : kOrders)
        for (fl_layout layout : kLayouts) {
            SCOPED_TRACE("n=" + std::to_string(n) + " " + layout_name(layout));
            const Ref a = random_ref(n, n, 300 + static_cast<uint64_t>(n));
            const Matrix<T> am = Matrix<T>::from_ref(a, layout);
            FactorPtr f;
            ASSERT_EQ(make_factor(f, FL_FACTOR_LU, am), FL_OK) << fl_last_error();

            const LapackLu<T> ref(a);
            ASSERT_EQ(ref.info, 0);
            const Matrix<T> b = Matrix<T>::from_ref(random_ref(n, 1, 7), FL_COL_MAJOR);
            std::vector<T> want(b.storage());
            ASSERT_EQ(Lapack<T>::getrs(LAPACK_COL_MAJOR, 'N', n, 1, ref.lu.data(), n,
                                       ref.ipiv.data(), want.data(), n),
                      0);
            Matrix<T> x(n, 1, FL_COL_MAJOR);
            ASSERT_EQ(solve(f.get(), FL_NO_TRANS, b, x), FL_OK) << fl_last_error();
            for (int64_t i = 0; i < n; ++i)
                EXPECT_LT(relative_gap(x(i, 0), want[static_cast<size_t>(i)]), 1e3 * tol) << i;

            // The same row interchanges, and the same packed L\U to rounding.
            std::vector<int64_t> pivots(static_cast<size_t>(n));
            ASSERT_EQ(fl_factor_get_indices(f.get(), FL_PART_PIVOTS, pivots.data(), n), FL_OK)
                << fl_last_error();
            for (int64_t i = 0; i < n; ++i)
                ASSERT_EQ(pivots[static_cast<size_t>(i)], ref.ipiv[static_cast<size_t>(i)]) << i;
            Matrix<T> packed(n, n, FL_COL_MAJOR);
            ASSERT_EQ(fl_factor_get_part(f.get(), FL_PART_LU_PACKED, Matrix<T>::dtype(),
                                         FL_COL_MAJOR, packed.data(), packed.ld()),
                      FL_OK)
                << fl_last_error();
            for (int64_t j = 0; j < n; ++j)
                for (int64_t i = 0; i < n; ++i)
                    EXPECT_NEAR(packed(i, j), ref.lu[static_cast<size_t>(i + j * n)], 1e2 * tol)
                        << i << ", " << j;

            // det(A) = det(P) prod(U_ii) from LAPACK's pivots and diagonal.
            double sign = 1, logabs = 0;
            for (int64_t i = 0; i < n; ++i) {
                const T u = ref.lu[static_cast<size_t>(i + i * n)];
                if (u < 0) sign = -sign;
                if (ref.ipiv[static_cast<size_t>(i)] != i + 1) sign = -sign;
                logabs += std::log(std::fabs(double(u)));
            }
            double got_sign = 0, got_logabs = 0;
            ASSERT_EQ(fl_factor_logdet(f.get(), &got_sign, &got_logabs), FL_OK) << fl_last_error();
            EXPECT_EQ(got_sign, sign);
            EXPECT_NEAR(got_logabs, logabs, tol * (1 + std::fabs(logabs)));

            std::vector<T> col_a(static_cast<size_t>(n * n));
            for (int64_t j = 0; j < n; ++j)
                for (int64_t i = 0; i < n; ++i) col_a[static_cast<size_t>(i + j * n)] = am(i, j);
            const T a1 = Lapack<T>::lange(LAPACK_COL_MAJOR, '1', n, n, col_a.data(), n);
            T want_rcond = 0;
            ASSERT_EQ(Lapack<T>::gecon(LAPACK_COL_MAJOR, '1', n, ref.lu.data(), n, a1, &want_rcond),
                      0);
            double got_rcond = 0;
            ASSERT_EQ(fl_factor_rcond(f.get(), &got_rcond), FL_OK) << fl_last_error();
            // A row-major A is factored as A^T, and gecon's 1-norm estimate may land elsewhere.
            if (layout == FL_COL_MAJOR) {
                EXPECT_LT(relative_gap(T(got_rcond), want_rcond), 1e2 * tol);
            }
            EXPECT_GT(got_rcond, 0.0);
            EXPECT_LE(got_rcond, 1.0);
        }
}

// An exactly singular matrix (a zero column) fails with the pivot LAPACK's getrf names on
// A itself, whichever layout A came in (the storage holds A, see square_factor.hpp).
TYPED_TEST(SmallLu, SingularNamesLapacksPivot) {
    using T = TypeParam;
    for (int64_t n : kOrders)
        for (int64_t zero = 0; zero < n; zero += std::max<int64_t>(1, n / 3))
            for (fl_layout layout : kLayouts) {
                SCOPED_TRACE("n=" + std::to_string(n) + " zero column " + std::to_string(zero) +
                             " " + layout_name(layout));
                Ref a = random_ref(n, n, 500 + static_cast<uint64_t>(n));
                for (int64_t i = 0; i < n; ++i) a(i, zero) = 0;
                const LapackLu<T> ref(a);
                ASSERT_GT(ref.info, 0);
                FactorPtr f;
                ASSERT_EQ(make_factor(f, FL_FACTOR_LU, Matrix<T>::from_ref(a, layout)),
                          FL_ERR_SINGULAR);
                EXPECT_EQ(f, nullptr);
                const std::string k = std::to_string(ref.info);
                EXPECT_TRUE(contains(fl_last_error(), "fl_factor_create")) << fl_last_error();
                EXPECT_TRUE(contains(fl_last_error(), "U[" + k + ", " + k + "]"))
                    << fl_last_error();
            }
}

// Ties for the pivot (equal magnitudes, either sign) go to the first row, as i?amax picks:
// a matrix of small integers, whose first steps are exact, pivots as LAPACK does.
TYPED_TEST(SmallLu, TiedPivotsAsLapack) {
    using T = TypeParam;
    for (int64_t n : kOrders)
        for (fl_layout layout : kLayouts) {
            SCOPED_TRACE("n=" + std::to_string(n) + " " + layout_name(layout));
            Ref a = random_ref(n, n, 900 + static_cast<uint64_t>(n));
            for (long double &v : a.v) v = v < -0.3L ? -2 : v < 0.3L ? 1 : 2;
            const LapackLu<T> ref(a);
            FactorPtr f;
            ASSERT_EQ(make_factor(f, FL_FACTOR_LU, Matrix<T>::from_ref(a, layout)),
                      ref.info == 0 ? FL_OK : FL_ERR_SINGULAR)
                << fl_last_error();
            if (ref.info != 0) continue;
            std::vector<int64_t> pivots(static_cast<size_t>(n));
            ASSERT_EQ(fl_factor_get_indices(f.get(), FL_PART_PIVOTS, pivots.data(), n), FL_OK);
            // Later steps' ties may be broken by rounding differences; the first is exact.
            EXPECT_EQ(pivots[0], ref.ipiv[0]);
            check_solves_with<T>(f.get(), rounded<T>(a), {1}, 3);
        }
}

// NaN in A is refused by name when checked, and factors to NaN solutions when not.
TYPED_TEST(SmallLu, NonFinite) {
    using T = TypeParam;
    for (int64_t n : {1, 3, 8, 33, 100}) {
        SCOPED_TRACE("n=" + std::to_string(n));
        Matrix<T> a = Matrix<T>::from_ref(random_ref(n, n, 9), FL_ROW_MAJOR);
        a(n - 1, 0) = std::numeric_limits<T>::quiet_NaN();
        FactorPtr f;
        EXPECT_EQ(make_factor(f, FL_FACTOR_LU, a), FL_ERR_NON_FINITE);
        EXPECT_TRUE(contains(fl_last_error(), "a")) << fl_last_error();
        OptionsPtr unchecked = make_options(0, FL_LOWER);
        ASSERT_EQ(make_factor(f, FL_FACTOR_LU, a, unchecked.get()), FL_OK) << fl_last_error();
        const Matrix<T> b = Matrix<T>::from_ref(random_ref(n, 1, 3), FL_COL_MAJOR);
        Matrix<T> x(n, 1, FL_COL_MAJOR);
        ASSERT_EQ(solve(f.get(), FL_NO_TRANS, b, x), FL_OK) << fl_last_error();
        bool any_nan = false;
        for (int64_t i = 0; i < n; ++i) any_nan = any_nan || std::isnan(x(i, 0));
        EXPECT_TRUE(any_nan);
    }
}

// Inverse: A A^-1 = I to working accuracy in both layouts.
TYPED_TEST(SmallLu, Inverse) {
    using T = TypeParam;
    for (int64_t n : kOrders)
        for (fl_layout layout : kLayouts) {
            SCOPED_TRACE("n=" + std::to_string(n) + " " + layout_name(layout));
            const Ref a = random_ref(n, n, 700 + static_cast<uint64_t>(n));
            FactorPtr f;
            ASSERT_EQ(make_factor(f, FL_FACTOR_LU, Matrix<T>::from_ref(a, layout)), FL_OK)
                << fl_last_error();
            Ref inv;
            ASSERT_NO_FATAL_FAILURE(checked_inverse<T>(f.get(), n, n, layout, 1, inv));
            EXPECT_LT(inverse_residual(Matrix<T>::from_ref(a, layout).to_ref(), inv, eps<T>()),
                      kResidualThreshold);
        }
}

}  // namespace
}  // namespace fltest
