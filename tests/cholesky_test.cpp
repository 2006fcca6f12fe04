// Cholesky (potrf) factor + solve: layouts, shapes, nrhs, transposes, ill-conditioning, and
// FL_OPT_TRIANGLE: only the chosen triangle (in the caller's layout) is ever read.
#include "constructed_matrices.hpp"
#include "solve_check.hpp"

namespace fltest {
namespace {

FLTEST_TYPED_SUITE(CholeskySolve);

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
    check_solves_each_layout<TypeParam>(FL_FACTOR_CHOLESKY, a, {2}, 32);
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

// The other triangle is NaN: the default finite check must not look at it, and the factor
// must not use it.
TYPED_TEST(CholeskySolve, OtherTriangleIsNeverRead) {
    using T = TypeParam;
    const Ref s = spd_ref(37, 25);
    for (int64_t check : {1, 0})
        for (fl_triangle tri : kTriangles)
            for (fl_layout l : kLayouts) {
                SCOPED_TRACE(std::string(triangle_name(tri)) + " " + layout_name(l) +
                             " check_finite=" + std::to_string(check));
                FactorPtr f;
                ASSERT_NO_FATAL_FAILURE(
                    check_one_triangle_solves<T>(f, FL_FACTOR_CHOLESKY, s, tri, l, check, 2, {1, 5}, 26));

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
