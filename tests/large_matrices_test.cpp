// FL_OPT_PRECISION = FL_PRECISION_MIXED (float32 factor, float64 refinement, fallback) and
// FL_OPT_OVERWRITE_A (A's memory as the factor's storage), with fl_factor_get_info telling
// which path ran. Residuals are float64's (eps of double, LAPACK's threshold 30) for every
// path, layout, transpose and shape, including 0-by-0, 1-by-1 and ill-conditioned matrices.
#include "constructed_matrices.hpp"
#include "error_expect.hpp"
#include "solve_check.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace fltest {
namespace {

OptionsPtr options_with(fl_option option, int64_t value) {
    fl_options *o = nullptr;
    EXPECT_EQ(fl_options_create(&o), FL_OK);
    EXPECT_EQ(fl_options_set_int(o, option, value), FL_OK) << fl_last_error();
    return OptionsPtr(o);
}

int64_t info(const fl_factor *f, fl_factor_info what) {
    int64_t value = -1;
    EXPECT_EQ(fl_factor_get_info(f, what, &value), FL_OK) << fl_last_error();
    return value;
}

// A = Q diag(d) Q^T with eigenvalues spread geometrically from 1 to 1/kappa: symmetric
// positive definite with 2-norm condition number kappa.
Ref spd_with_condition(int64_t n, long double kappa, uint64_t seed) {
    std::vector<long double> d(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i)
        d[static_cast<size_t>(i)] =
            std::pow(kappa, -static_cast<long double>(i) / std::max<int64_t>(1, n - 1));
    return with_eigenvalues(d, seed);
}

// A nonsymmetric matrix with condition about kappa: the SPD one times a random orthogonal Q.
Ref general_with_condition(int64_t n, long double kappa, uint64_t seed) {
    return multiply(spd_with_condition(n, kappa, seed), random_orthogonal(n, seed + 7));
}

const fl_factor_kind kMixedKinds[] = {FL_FACTOR_LU, FL_FACTOR_CHOLESKY};

Ref test_matrix(fl_factor_kind kind, int64_t n, long double kappa, uint64_t seed) {
    return kind == FL_FACTOR_LU ? general_with_condition(n, kappa, seed)
                                : spd_with_condition(n, kappa, seed);
}

TEST(MixedPrecision, SolvesToFloat64AccuracyInEveryLayoutAndShape) {
    const OptionsPtr mixed = options_with(FL_OPT_PRECISION, FL_PRECISION_MIXED);
    for (fl_factor_kind kind : kMixedKinds)
        for (int64_t n : {0, 1, 2, 17, 120}) {
            SCOPED_TRACE(::testing::Message() << "kind " << kind << " n " << n);
            check_solves<double>(kind, test_matrix(kind, n, 1e3L, 40 + n), {0, 1, 7, 40}, 3,
                                 mixed.get());
        }
}

TEST(MixedPrecision, StaysMixedForWellConditionedAndRefines) {
    const OptionsPtr mixed = options_with(FL_OPT_PRECISION, FL_PRECISION_MIXED);
    for (fl_factor_kind kind : kMixedKinds)
        for (fl_layout layout : kLayouts) {
            const int64_t n = 200;
            const Ref a = test_matrix(kind, n, 1e4L, 5);
            const Matrix<double> am = Matrix<double>::from_ref(a, layout);
            FactorPtr f;
            ASSERT_EQ(make_factor(f, kind, am, mixed.get()), FL_OK) << fl_last_error();
            EXPECT_EQ(info(f.get(), FL_INFO_PRECISION), FL_PRECISION_MIXED);
            EXPECT_EQ(info(f.get(), FL_INFO_REFINEMENT_STEPS), 0);
            const Matrix<double> b = Matrix<double>::from_ref(random_ref(n, 10, 9), FL_COL_MAJOR);
            Matrix<double> x(n, 10, FL_COL_MAJOR);
            ASSERT_EQ(solve(f.get(), FL_NO_TRANS, b, x), FL_OK) << fl_last_error();
            EXPECT_LT(solve_residual(a, FL_NO_TRANS, x.to_ref(), b.to_ref(), eps<double>()),
                      kResidualThreshold);
            // kappa 1e4 needs a step or two beyond float32's answer, and stays mixed.
            EXPECT_GE(info(f.get(), FL_INFO_REFINEMENT_STEPS), 1);
            EXPECT_EQ(info(f.get(), FL_INFO_PRECISION), FL_PRECISION_MIXED);
            EXPECT_EQ(info(f.get(), FL_INFO_FALLBACK), FL_FALLBACK_NONE);
        }
}

TEST(MixedPrecision, IllConditionedFallsBackAtCreation) {
    const OptionsPtr mixed = options_with(FL_OPT_PRECISION, FL_PRECISION_MIXED);
    for (fl_factor_kind kind : kMixedKinds) {
        const int64_t n = 80;
        const Ref a = test_matrix(kind, n, 1e10L, 11);
        FactorPtr f;
        ASSERT_EQ(make_factor(f, kind, Matrix<double>::from_ref(a, FL_ROW_MAJOR), mixed.get()),
                  FL_OK);
        EXPECT_EQ(info(f.get(), FL_INFO_PRECISION), FL_PRECISION_NATIVE);
        const int64_t why = info(f.get(), FL_INFO_FALLBACK);
        EXPECT_TRUE(why == FL_FALLBACK_ILL_CONDITIONED || why == FL_FALLBACK_LOW_PRECISION) << why;
        check_solves_with<double>(f.get(), a, {1, 5}, 13);
    }
}

TEST(MixedPrecision, BeyondFloat32RangeFallsBack) {
    const OptionsPtr mixed = options_with(FL_OPT_PRECISION, FL_PRECISION_MIXED);
    for (fl_factor_kind kind : kMixedKinds) {
        Ref a = test_matrix(kind, 6, 10.0L, 3);
        for (long double &v : a.v) v *= 1e300L;  // far outside float32, fine in float64
        FactorPtr f;
        ASSERT_EQ(make_factor(f, kind, Matrix<double>::from_ref(a, FL_COL_MAJOR), mixed.get()),
                  FL_OK);
        EXPECT_EQ(info(f.get(), FL_INFO_FALLBACK), FL_FALLBACK_LOW_PRECISION);
        check_solves_with<double>(f.get(), a, {1, 3}, 17);
    }
}

TEST(MixedPrecision, LogdetRcondInverseAreFloat64s) {
    const OptionsPtr mixed = options_with(FL_OPT_PRECISION, FL_PRECISION_MIXED);
    for (fl_factor_kind kind : kMixedKinds)
        for (fl_layout layout : kLayouts) {
            const Ref a = test_matrix(kind, 60, 1e3L, 21);
            const Matrix<double> am = Matrix<double>::from_ref(a, layout);
            FactorPtr f, g;
            ASSERT_EQ(make_factor(f, kind, am, mixed.get()), FL_OK);
            ASSERT_EQ(make_factor(g, kind, am), FL_OK);
            double s1, l1, s2, l2, r1, r2;
            ASSERT_EQ(fl_factor_logdet(f.get(), &s1, &l1), FL_OK);
            ASSERT_EQ(fl_factor_logdet(g.get(), &s2, &l2), FL_OK);
            EXPECT_EQ(s1, s2);
            EXPECT_NEAR(l1, l2, 1e-12 * (1 + std::fabs(l2)));
            EXPECT_NEAR(l1, double(ref_logdet(a).logabs), 1e-9 * (1 + std::fabs(l2)));
            EXPECT_EQ(info(f.get(), FL_INFO_FALLBACK), FL_FALLBACK_QUERY);
            ASSERT_EQ(fl_factor_rcond(f.get(), &r1), FL_OK);
            ASSERT_EQ(fl_factor_rcond(g.get(), &r2), FL_OK);
            EXPECT_EQ(r1, r2);
            Matrix<double> inv(60, 60, layout);
            ASSERT_EQ(fl_factor_inverse(f.get(), FL_FLOAT64, layout, inv.data(), inv.ld()), FL_OK);
            EXPECT_LT(inverse_residual(a, inv.to_ref(), eps<double>()), kResidualThreshold);
        }
}

TEST(MixedPrecision, SingularAndIndefiniteStillReportedAsInFloat64) {
    const OptionsPtr mixed = options_with(FL_OPT_PRECISION, FL_PRECISION_MIXED);
    Ref singular = random_ref(5, 5, 3);
    for (int64_t i = 0; i < 5; ++i) singular(i, 2) = 0;
    FactorPtr f;
    EXPECT_EQ(
        make_factor(f, FL_FACTOR_LU, Matrix<double>::from_ref(singular, FL_COL_MAJOR), mixed.get()),
        FL_ERR_SINGULAR);
    EXPECT_EQ(f, nullptr);
    Ref indefinite = identity_ref(4);
    indefinite(2, 2) = -1;
    EXPECT_EQ(make_factor(f, FL_FACTOR_CHOLESKY, Matrix<double>::from_ref(indefinite, FL_ROW_MAJOR),
                          mixed.get()),
              FL_ERR_NOT_POSITIVE_DEFINITE);
    Ref nan = identity_ref(3);
    nan(1, 0) = std::nan("");
    EXPECT_EQ(
        make_factor(f, FL_FACTOR_LU, Matrix<double>::from_ref(nan, FL_COL_MAJOR), mixed.get()),
        FL_ERR_NON_FINITE);
}

TEST(MixedPrecision, OnlyFloat64LuAndCholesky) {
    const OptionsPtr mixed = options_with(FL_OPT_PRECISION, FL_PRECISION_MIXED);
    const Ref a = spd_with_condition(4, 10, 1);
    FactorPtr f;
    EXPECT_EQ(make_factor(f, FL_FACTOR_LU, Matrix<float>::from_ref(a, FL_COL_MAJOR), mixed.get()),
              FL_ERR_INVALID_ARGUMENT);
    EXPECT_TRUE(contains(fl_last_error(), "FL_FLOAT64")) << fl_last_error();
    for (fl_factor_kind kind : {FL_FACTOR_QR, FL_FACTOR_LDLT, FL_FACTOR_SVD, FL_FACTOR_AUTO}) {
        EXPECT_EQ(make_factor(f, kind, Matrix<double>::from_ref(a, FL_COL_MAJOR), mixed.get()),
                  FL_ERR_UNSUPPORTED);
        EXPECT_TRUE(contains(fl_last_error(), "FL_OPT_PRECISION")) << fl_last_error();
    }
}

TEST(LargeMatrixOptions, BadValuesAndQueries) {
    fl_options *o = nullptr;
    ASSERT_EQ(fl_options_create(&o), FL_OK);
    OptionsPtr owner(o);
    EXPECT_EQ(fl_options_set_int(o, FL_OPT_PRECISION, 2), FL_ERR_INVALID_ARGUMENT);
    EXPECT_TRUE(contains(fl_last_error(), "fl_options_set_int: FL_OPT_PRECISION"))
        << fl_last_error();
    EXPECT_EQ(fl_options_set_int(o, FL_OPT_PRECISION, -1), FL_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(fl_options_set_int(o, FL_OPT_OVERWRITE_A, 2), FL_ERR_INVALID_ARGUMENT);
    EXPECT_TRUE(contains(fl_last_error(), "FL_OPT_OVERWRITE_A takes 0 or 1, not 2"))
        << fl_last_error();
    EXPECT_EQ(fl_options_set_real(o, FL_OPT_PRECISION, 1.0), FL_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(fl_options_set_real(o, FL_OPT_OVERWRITE_A, 1.0), FL_ERR_INVALID_ARGUMENT);
    double real = 0;
    EXPECT_EQ(fl_options_get_real(o, FL_OPT_PRECISION, &real), FL_ERR_INVALID_ARGUMENT);
    int64_t v = -1;
    ASSERT_EQ(fl_options_get_int(o, FL_OPT_PRECISION, &v), FL_OK);
    EXPECT_EQ(v, FL_PRECISION_NATIVE);  // unchanged by the failed sets
    ASSERT_EQ(fl_options_set_int(o, FL_OPT_PRECISION, FL_PRECISION_MIXED), FL_OK);
    ASSERT_EQ(fl_options_set_int(o, FL_OPT_OVERWRITE_A, 1), FL_OK);
    ASSERT_EQ(fl_options_get_int(o, FL_OPT_PRECISION, &v), FL_OK);
    EXPECT_EQ(v, FL_PRECISION_MIXED);
    ASSERT_EQ(fl_options_get_int(o, FL_OPT_OVERWRITE_A, &v), FL_OK);
    EXPECT_EQ(v, 1);

    EXPECT_EQ(fl_factor_get_info(nullptr, FL_INFO_PRECISION, &v), FL_ERR_INVALID_ARGUMENT);
    EXPECT_TRUE(contains(fl_last_error(), "fl_factor_get_info: factor is NULL")) << fl_last_error();
    FactorPtr f;
    ASSERT_EQ(make_factor(f, FL_FACTOR_LU, Matrix<double>::from_ref(identity_ref(2), FL_COL_MAJOR)),
              FL_OK);
    EXPECT_EQ(fl_factor_get_info(f.get(), FL_INFO_PRECISION, nullptr), FL_ERR_INVALID_ARGUMENT);
    EXPECT_TRUE(contains(fl_last_error(), "value")) << fl_last_error();
    v = 42;
    EXPECT_EQ(fl_factor_get_info(f.get(), static_cast<fl_factor_info>(99), &v),
              FL_ERR_INVALID_ARGUMENT);
    EXPECT_TRUE(contains(fl_last_error(), "what = 99")) << fl_last_error();
    EXPECT_EQ(v, 42);  // untouched on failure
    for (fl_factor_info what :
         {FL_INFO_PRECISION, FL_INFO_FALLBACK, FL_INFO_REFINEMENT_STEPS, FL_INFO_OVERWRITES_A})
        EXPECT_EQ(info(f.get(), what), 0);  // a plain factor: native, no fallback, copied
}

// FL_OPT_OVERWRITE_A: the kinds that factor in place use A's memory (and leave it changed),
// solve as well as a copying factor, and never free it (ASan checks the vector's memory).
TEST(OverwriteA, InPlaceKindsUseAsMemoryAndSolve) {
    const OptionsPtr overwrite = options_with(FL_OPT_OVERWRITE_A, 1);
    for (fl_factor_kind kind : {FL_FACTOR_LU, FL_FACTOR_CHOLESKY, FL_FACTOR_LDLT})
        for (fl_layout layout : kLayouts)
            for (int64_t n : {0, 1, 9, 64})
                for (int64_t pad : {0, 3}) {
                    SCOPED_TRACE(::testing::Message()
                                 << "kind " << kind << " n " << n << " pad " << pad);
                    const Ref a = kind == FL_FACTOR_LU ? general_with_condition(n, 1e4L, 2)
                                                       : spd_with_condition(n, 1e4L, 2);
                    for (bool float32 : {false, true}) {
                        FactorPtr f;
                        if (float32) {
                            Matrix<float> am = Matrix<float>::from_ref(a, layout, pad);
                            const Matrix<float> before = am;
                            ASSERT_EQ(make_factor(f, kind, am, overwrite.get()), FL_OK)
                                << fl_last_error();
                            EXPECT_EQ(info(f.get(), FL_INFO_OVERWRITES_A), 1);
                            if (n > 1) {
                                EXPECT_FALSE(am.bitwise_equal(before)) << "A was not used";
                            }
                            check_solves_with<float>(f.get(), before.to_ref(), {1, 4}, 5);
                            f.reset();
                            continue;
                        }
                        Matrix<double> am = Matrix<double>::from_ref(a, layout, pad);
                        const Matrix<double> before = am;
                        ASSERT_EQ(make_factor(f, kind, am, overwrite.get()), FL_OK)
                            << fl_last_error();
                        EXPECT_EQ(info(f.get(), FL_INFO_OVERWRITES_A), 1);
                        if (n > 1) {
                            EXPECT_FALSE(am.bitwise_equal(before)) << "A was not used";
                        }
                        check_solves_with<double>(f.get(), a, {1, 4}, 5);
                        double sign, logabsdet;
                        if (n > 0) {
                            ASSERT_EQ(fl_factor_logdet(f.get(), &sign, &logabsdet), FL_OK);
                            EXPECT_NEAR(logabsdet, double(ref_logdet(a).logabs), 1e-8);
                        }
                    }
                }
}

TEST(OverwriteA, OtherKindsCopyAndLeaveAUntouched) {
    const OptionsPtr overwrite = options_with(FL_OPT_OVERWRITE_A, 1);
    const Ref a = spd_with_condition(12, 100, 4);
    for (fl_factor_kind kind :
         {FL_FACTOR_QR, FL_FACTOR_COD, FL_FACTOR_SVD, FL_FACTOR_EIGH, FL_FACTOR_AUTO}) {
        const Matrix<double> am = Matrix<double>::from_ref(a, FL_COL_MAJOR);
        const Matrix<double> before = am;
        FactorPtr f;
        ASSERT_EQ(make_factor(f, kind, am, overwrite.get()), FL_OK) << fl_last_error();
        EXPECT_EQ(info(f.get(), FL_INFO_OVERWRITES_A), 0);
        EXPECT_TRUE(am.bitwise_equal(before));
    }
}

}  // namespace
}  // namespace fltest
