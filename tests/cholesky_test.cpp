// Cholesky (potrf) factor + solve: layouts, shapes, nrhs, transposes, ill-conditioning, and
// FL_OPT_TRIANGLE: only the chosen triangle (in the caller's layout) is ever read.
#include "solve_check.hpp"

namespace fltest {
namespace {

template <class T>
class CholeskySolve : public ::testing::Test {};
using Types = ::testing::Types<float, double>;
TYPED_TEST_SUITE(CholeskySolve, Types);

constexpr fl_triangle kTriangles[] = {FL_LOWER, FL_UPPER};

TYPED_TEST(CholeskySolve, EmptyMatrix) { check_solves<TypeParam>(FL_FACTOR_CHOLESKY, Ref(0, 0)); }

TYPED_TEST(CholeskySolve, OneByOne) {
    Ref a(1, 1);
    a(0, 0) = 4.0L;
    check_solves<TypeParam>(FL_FACTOR_CHOLESKY, a);
}

TYPED_TEST(CholeskySolve, Small) { check_solves<TypeParam>(FL_FACTOR_CHOLESKY, spd_ref(5, 21)); }

TYPED_TEST(CholeskySolve, Order50) { check_solves<TypeParam>(FL_FACTOR_CHOLESKY, spd_ref(50, 22)); }

TYPED_TEST(CholeskySolve, Order200) { check_solves<TypeParam>(FL_FACTOR_CHOLESKY, spd_ref(200, 23), {1, 9}); }

// Above the library's serial-problem cut-offs: the BLAS runs multi-threaded here.
TYPED_TEST(CholeskySolve, Order450MultiThreadedPath) {
    const Ref a = spd_ref(450, 31);
    for (fl_layout l : kLayouts) {
        SCOPED_TRACE(layout_name(l));
        const Matrix<TypeParam> am = Matrix<TypeParam>::from_ref(a, l);
        FactorPtr f;
        ASSERT_EQ(make_factor(f, FL_FACTOR_CHOLESKY, am), FL_OK) << fl_last_error();
        check_solves_with<TypeParam>(f.get(), am.to_ref(), {2}, 32);
    }
}

TYPED_TEST(CholeskySolve, ManyMoreRightHandSidesThanRows) {
    check_solves<TypeParam>(FL_FACTOR_CHOLESKY, spd_ref(20, 24), {150});
}

TYPED_TEST(CholeskySolve, IllConditionedHilbert) {
    using T = TypeParam;
    const int64_t hi = std::is_same_v<T, double> ? 10 : 5;
    for (int64_t n = 3; n <= hi; ++n) {
        SCOPED_TRACE("Hilbert n=" + std::to_string(n));
        check_solves<T>(FL_FACTOR_CHOLESKY, hilbert_ref(n), {1, 4});
    }
}

// Builds the stored matrix for a triangle test: `keep` holds the triangle that is read
// (in logical (i, j) terms, whatever the layout), the other triangle is NaN.
template <class T>
Matrix<T> one_triangle(const Ref &s, fl_triangle tri, fl_layout layout, int64_t pad) {
    Matrix<T> m(s.rows, s.cols, layout, pad);
    for (int64_t i = 0; i < s.rows; ++i)
        for (int64_t j = 0; j < s.cols; ++j) {
            const bool read = tri == FL_LOWER ? i >= j : i <= j;
            m(i, j) = read ? static_cast<T>(s(i, j)) : std::numeric_limits<T>::quiet_NaN();
        }
    return m;
}

// The symmetric matrix that the stored triangle of m describes.
template <class T>
Ref symmetric_from(const Matrix<T> &m, fl_triangle tri) {
    Ref r(m.rows(), m.cols());
    for (int64_t i = 0; i < m.rows(); ++i)
        for (int64_t j = 0; j < m.cols(); ++j) {
            const bool read = tri == FL_LOWER ? i >= j : i <= j;
            r(i, j) = static_cast<long double>(read ? m(i, j) : m(j, i));
        }
    return r;
}

// The other triangle is NaN: the default finite check must not look at it, and the factor
// must not use it.
TYPED_TEST(CholeskySolve, OtherTriangleIsNeverRead) {
    using T = TypeParam;
    const Ref s = spd_ref(37, 25);
    for (int64_t check : {1, 0})
        for (fl_triangle tri : kTriangles)
            for (fl_layout l : kLayouts) {
                SCOPED_TRACE(std::string(tri == FL_LOWER ? "lower" : "upper") + " " + layout_name(l) +
                             " check_finite=" + std::to_string(check));
                OptionsPtr opts = make_options(check, tri);
                ASSERT_NE(opts, nullptr);
                const Matrix<T> m = one_triangle<T>(s, tri, l, 2);
                const Matrix<T> m_before = m;
                FactorPtr f;
                ASSERT_EQ(make_factor(f, FL_FACTOR_CHOLESKY, m, opts.get()), FL_OK) << fl_last_error();
                EXPECT_TRUE(m.bitwise_equal(m_before));
                check_solves_with<T>(f.get(), symmetric_from(m, tri), {1, 5}, 26);

                double sign = 0, logabs = 0, rcond = 0;
                EXPECT_EQ(fl_factor_logdet(f.get(), &sign, &logabs), FL_OK);
                EXPECT_EQ(sign, 1.0);
                EXPECT_TRUE(std::isfinite(logabs));
                EXPECT_EQ(fl_factor_rcond(f.get(), &rcond), FL_OK);
                EXPECT_TRUE(rcond > 0 && rcond <= 1) << rcond;
            }
}

// The lower and the upper triangle describe two different SPD matrices; the option picks one.
TYPED_TEST(CholeskySolve, TriangleOptionSelectsTheMatrix) {
    using T = TypeParam;
    const int64_t n = 24;
    const Ref s = spd_ref(n, 27);
    Ref both = s; // lower = s; upper (off-diagonal) = s / 2: diag(s)/2 + s/2 is SPD too
    for (int64_t i = 0; i < n; ++i)
        for (int64_t j = i + 1; j < n; ++j) both(i, j) = s(i, j) / 2.0L;
    for (fl_triangle tri : kTriangles)
        for (fl_layout l : kLayouts) {
            SCOPED_TRACE(std::string(tri == FL_LOWER ? "lower" : "upper") + " " + layout_name(l));
            OptionsPtr opts = make_options(1, tri);
            ASSERT_NE(opts, nullptr);
            const Matrix<T> m = Matrix<T>::from_ref(both, l);
            FactorPtr f;
            ASSERT_EQ(make_factor(f, FL_FACTOR_CHOLESKY, m, opts.get()), FL_OK) << fl_last_error();
            check_solves_with<T>(f.get(), symmetric_from(m, tri), {3}, 28);
        }
}

TYPED_TEST(CholeskySolve, DefaultTriangleIsLower) {
    using T = TypeParam;
    const Ref s = spd_ref(12, 29);
    for (fl_layout l : kLayouts) {
        SCOPED_TRACE(layout_name(l));
        const Matrix<T> m = one_triangle<T>(s, FL_LOWER, l, 0);
        FactorPtr f;
        ASSERT_EQ(make_factor(f, FL_FACTOR_CHOLESKY, m), FL_OK) << fl_last_error();
        check_solves_with<T>(f.get(), symmetric_from(m, FL_LOWER), {2}, 30);
        // And the upper triangle, NaN here, is rejected when it is the one read.
        OptionsPtr upper = make_options(1, FL_UPPER);
        EXPECT_EQ(make_factor(f, FL_FACTOR_CHOLESKY, m, upper.get()), FL_ERR_NON_FINITE);
        EXPECT_EQ(f, nullptr);
    }
}

} // namespace
} // namespace fltest
