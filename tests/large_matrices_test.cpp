// FL_OPT_PRECISION = FL_PRECISION_MIXED (float32 factor, float64 refinement, fallback) and
// FL_OPT_OVERWRITE_A (A's memory as the factor's storage), with fl_factor_get_info telling
// which path ran. Residuals are float64's (eps of double, LAPACK's threshold 30) for every
// path, layout, transpose and shape, including 0-by-0, 1-by-1 and ill-conditioned matrices.
#include "constructed_matrices.hpp"
#include "error_expect.hpp"
#include "solve_check.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>
#include <lapacke.h>

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

// Mixed precision with FL_OPT_OVERWRITE_A: A's memory is the float64 A the refinement reads
// (so the handle adds only the float32 factor), the solves are float64's, and a fallback
// at creation factors A's memory in place.
TEST(MixedPrecision, OverwriteAKeepsTheFloat64AInAsMemory) {
    OptionsPtr o = options_with(FL_OPT_PRECISION, FL_PRECISION_MIXED);
    ASSERT_EQ(fl_options_set_int(o.get(), FL_OPT_OVERWRITE_A, 1), FL_OK);
    for (fl_factor_kind kind : kMixedKinds)
        for (fl_layout layout : kLayouts)
            for (long double kappa : {1e3L, 1e10L})
                for (int64_t pad : {0, 3}) {
                    SCOPED_TRACE(::testing::Message() << "kind " << kind << " layout " << layout
                                                      << " kappa " << double(kappa));
                    const Ref a = test_matrix(kind, 50, kappa, 31);
                    Matrix<double> am = Matrix<double>::from_ref(a, layout, pad);
                    const Matrix<double> before = am;
                    FactorPtr f;
                    ASSERT_EQ(make_factor(f, kind, am, o.get()), FL_OK) << fl_last_error();
                    EXPECT_EQ(info(f.get(), FL_INFO_OVERWRITES_A), 1);
                    check_solves_with<double>(f.get(), before.to_ref(), {1, 6}, 19);
                    // kappa 1e10 falls back, at creation or at the first solve.
                    EXPECT_EQ(info(f.get(), FL_INFO_PRECISION),
                              kappa < 1e5L ? FL_PRECISION_MIXED : FL_PRECISION_NATIVE);
                    double sign = 0, logabsdet = 0;
                    ASSERT_EQ(fl_factor_logdet(f.get(), &sign, &logabsdet), FL_OK);
                    EXPECT_NEAR(logabsdet, double(ref_logdet(a).logabs),
                                1e-8 * (1 + std::fabs(logabsdet)));
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

// The kind table says Cholesky answers rank updates, so the mixed one does too: the update
// is made from its float64 factor (the fuzzer once found FL_ERR_INTERNAL here).
TEST(MixedPrecision, CholeskyRankUpdateIsTheFloat64Ones) {
    const OptionsPtr mixed = options_with(FL_OPT_PRECISION, FL_PRECISION_MIXED);
    for (fl_layout layout : kLayouts) {
        // Eigenvalues 1 .. 0.1 and ||V V^T|| < 0.04: the downdate stays positive definite.
        const Ref a = spd_with_condition(40, 10.0L, 31);
        const Matrix<double> am = Matrix<double>::from_ref(a, layout);
        Matrix<double> v(40, 2, FL_COL_MAJOR), b(40, 1, FL_COL_MAJOR);
        for (int64_t i = 0; i < 40; ++i) {
            v(i, 0) = 0.02 * std::sin(0.3 * double(i));
            v(i, 1) = 0.02 * std::cos(0.7 * double(i));
            b(i, 0) = 1.0 + double(i % 5);
        }
        FactorPtr f, g;
        ASSERT_EQ(make_factor(f, FL_FACTOR_CHOLESKY, am, mixed.get()), FL_OK);
        ASSERT_EQ(make_factor(g, FL_FACTOR_CHOLESKY, am), FL_OK);
        for (int sign : {+1, -1}) {
            fl_factor *fu = nullptr, *gu = nullptr;
            ASSERT_EQ(fl_factor_rank_update(&fu, f.get(), sign, FL_FLOAT64, 2, FL_COL_MAJOR,
                                            v.data(), v.ld()),
                      FL_OK)
                << fl_last_error();
            ASSERT_EQ(fl_factor_rank_update(&gu, g.get(), sign, FL_FLOAT64, 2, FL_COL_MAJOR,
                                            v.data(), v.ld()),
                      FL_OK);
            const FactorPtr fu_owned(fu), gu_owned(gu);
            Matrix<double> x1(40, 1, FL_COL_MAJOR), x2(40, 1, FL_COL_MAJOR);
            ASSERT_EQ(fl_factor_solve(fu, FL_NO_TRANS, FL_FLOAT64, 1, FL_COL_MAJOR, b.data(), b.ld(),
                                      FL_COL_MAJOR, x1.data(), x1.ld()),
                      FL_OK);
            ASSERT_EQ(fl_factor_solve(gu, FL_NO_TRANS, FL_FLOAT64, 1, FL_COL_MAJOR, b.data(), b.ld(),
                                      FL_COL_MAJOR, x2.data(), x2.ld()),
                      FL_OK);
            for (int64_t i = 0; i < 40; ++i) EXPECT_NEAR(x1(i, 0), x2(i, 0), 1e-12 * (1 + std::fabs(x2(i, 0))));
        }
        EXPECT_EQ(info(f.get(), FL_INFO_FALLBACK), FL_FALLBACK_QUERY);
    }
    const Ref a = general_with_condition(10, 10.0L, 3);
    const Matrix<double> am = Matrix<double>::from_ref(a, FL_COL_MAJOR);
    FactorPtr lu;
    ASSERT_EQ(make_factor(lu, FL_FACTOR_LU, am, mixed.get()), FL_OK);
    Matrix<double> v(10, 1, FL_COL_MAJOR);
    fl_factor *updated = nullptr;
    EXPECT_ERROR(fl_factor_rank_update(&updated, lu.get(), 1, FL_FLOAT64, 1, FL_COL_MAJOR, v.data(), v.ld()),
                 FL_ERR_UNSUPPORTED, "fl_factor_rank_update", "rank update");
    EXPECT_EQ(updated, nullptr);
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

// FL_OPT_OVERWRITE_A honoured for a (rounded to T) in layout with padding: A's memory
// changes, the solves are right against the A that was passed.
template <class T>
void check_overwrite(fl_factor_kind kind, const Ref &a, fl_layout layout, int64_t pad,
                     const fl_options *overwrite) {
    Matrix<T> am = Matrix<T>::from_ref(a, layout, pad);
    const Matrix<T> before = am;
    FactorPtr f;
    ASSERT_EQ(make_factor(f, kind, am, overwrite), FL_OK) << fl_last_error();
    EXPECT_EQ(info(f.get(), FL_INFO_OVERWRITES_A), 1);
    if (a.rows > 1) {
        EXPECT_FALSE(am.bitwise_equal(before)) << "A was not used";
    }
    check_solves_with<T>(f.get(), before.to_ref(), {1, 4}, 5);
    if (a.rows > 0) {
        double sign, logabsdet;
        ASSERT_EQ(fl_factor_logdet(f.get(), &sign, &logabsdet), FL_OK);
        EXPECT_NEAR(logabsdet, double(ref_logdet(before.to_ref()).logabs), logdet_tol<T>() * 100);
    }
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
                    check_overwrite<double>(kind, a, layout, pad, overwrite.get());
                    check_overwrite<float>(kind, a, layout, pad, overwrite.get());
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

// ---- FL_OPT_STORAGE: Cholesky in rectangular full packed storage -------------------------

// LAPACK's own packing (dtrttf/strttf, TRANSR = 'N') of triangle tri of the symmetric s:
// an independent reference for the library's.
template <class T>
std::vector<T> lapack_rfp(const Ref &s, fl_triangle tri) {
    const int64_t n = s.rows;
    const Matrix<T> full = Matrix<T>::from_ref(s, FL_COL_MAJOR);
    std::vector<T> arf(static_cast<size_t>(n * (n + 1) / 2 + 1));
    const char uplo = tri == FL_LOWER ? 'L' : 'U';
    const lapack_int ld = static_cast<lapack_int>(std::max<int64_t>(1, n));
    if constexpr (std::is_same_v<T, double>)
        LAPACKE_dtrttf_work(LAPACK_COL_MAJOR, 'N', uplo, static_cast<lapack_int>(n), full.data(),
                            ld, arf.data());
    else
        LAPACKE_strttf_work(LAPACK_COL_MAJOR, 'N', uplo, static_cast<lapack_int>(n), full.data(),
                            ld, arf.data());
    return arf;
}

OptionsPtr rfp_options(int64_t storage, fl_triangle tri, int64_t overwrite) {
    OptionsPtr o = options_with(FL_OPT_STORAGE, storage);
    EXPECT_EQ(fl_options_set_int(o.get(), FL_OPT_TRIANGLE, tri), FL_OK);
    EXPECT_EQ(fl_options_set_int(o.get(), FL_OPT_OVERWRITE_A, overwrite), FL_OK);
    return o;
}

// Solves, logdet, inverse and rcond of an RFP factor of s against the references.
template <class T>
void check_rfp_factor(const fl_factor *f, const Ref &s) {
    const int64_t n = s.rows;
    EXPECT_EQ(fl_factor_get_kind(f), FL_FACTOR_CHOLESKY);
    check_solves_with<T>(f, s, {0, 1, 6}, 31);
    if (n == 0) return;
    double sign = 0, logabsdet = 0, rcond = -1;
    ASSERT_EQ(fl_factor_logdet(f, &sign, &logabsdet), FL_OK);
    EXPECT_EQ(sign, 1.0);
    const double exact = double(ref_rcond1(s));
    // log det moves by about n kappa eps under the factorization's backward error.
    EXPECT_NEAR(logabsdet, double(ref_logdet(s).logabs),
                logdet_tol<T>() * (1 + n) + double(n) * eps<T>() / exact);
    ASSERT_EQ(fl_factor_rcond(f, &rcond), FL_OK) << fl_last_error();
    EXPECT_LE(rcond, 1.0);
    EXPECT_GE(rcond, exact / 10);  // LAPACK's estimate: within a small factor of the truth
    EXPECT_LE(rcond, exact * 10);
    for (fl_layout layout : kLayouts) {
        Matrix<T> inv(n, n, layout);
        ASSERT_EQ(fl_factor_inverse(f, Matrix<T>::dtype(), layout, inv.data(), inv.ld()), FL_OK);
        EXPECT_LT(inverse_residual(s, inv.to_ref(), eps<T>()), kResidualThreshold);
    }
}

template <class T>
void check_rfp_storage() {
    for (int64_t n : {0, 1, 2, 5, 6, 33, 64})
        for (fl_triangle tri : kTriangles) {
            SCOPED_TRACE(::testing::Message() << "n " << n << " " << triangle_name(tri));
            const Ref s =
                rounded<T>(spd_with_condition(n, std::is_same_v<T, float> ? 1e3L : 1e8L, 50 + n));
            // From one triangle of either layout (the other triangle NaN: never read).
            for (fl_layout layout : kLayouts) {
                const Matrix<T> a = one_triangle<T>(s, tri, layout, 2);
                const OptionsPtr o =
                    rfp_options(FL_STORAGE_RFP, tri, 1);  // overwrite: still a copy
                FactorPtr f;
                ASSERT_EQ(make_factor(f, FL_FACTOR_CHOLESKY, a, o.get()), FL_OK) << fl_last_error();
                EXPECT_EQ(info(f.get(), FL_INFO_OVERWRITES_A), 0);
                check_rfp_factor<T>(f.get(), s);
            }
            // Already packed, by LAPACK, copied or factored in place.
            for (int64_t overwrite : {0, 1}) {
                std::vector<T> arf = lapack_rfp<T>(s, tri);
                const std::vector<T> before = arf;
                const OptionsPtr o = rfp_options(FL_STORAGE_RFP_INPUT, tri, overwrite);
                fl_factor *raw = nullptr;
                ASSERT_EQ(
                    fl_factor_create(&raw, FL_FACTOR_CHOLESKY, Matrix<T>::dtype(), FL_COL_MAJOR, n,
                                     n, n > 0 ? arf.data() : nullptr, 0, o.get()),
                    FL_OK)
                    << fl_last_error();
                FactorPtr f(raw);
                EXPECT_EQ(info(f.get(), FL_INFO_OVERWRITES_A), overwrite);
                if (overwrite == 0 || n < 2) {
                    EXPECT_EQ(arf, before);
                } else {
                    EXPECT_NE(arf, before);
                }
                check_rfp_factor<T>(f.get(), s);
            }
        }
}

TEST(RfpStorage, Float64) { check_rfp_storage<double>(); }
TEST(RfpStorage, Float32) { check_rfp_storage<float>(); }

TEST(RfpStorage, BadInput) {
    const Ref s = spd_with_condition(6, 10, 3);
    const Matrix<double> a = Matrix<double>::from_ref(s, FL_COL_MAJOR);
    FactorPtr f;
    const OptionsPtr rfp = options_with(FL_OPT_STORAGE, FL_STORAGE_RFP);
    for (fl_factor_kind kind : {FL_FACTOR_LU, FL_FACTOR_LDLT, FL_FACTOR_EIGH, FL_FACTOR_AUTO}) {
        EXPECT_EQ(make_factor(f, kind, a, rfp.get()), FL_ERR_UNSUPPORTED);
        EXPECT_TRUE(contains(fl_last_error(), "FL_OPT_STORAGE")) << fl_last_error();
    }
    // NaN in the triangle read, in either layout: FL_ERR_NON_FINITE naming it (the 1-norm
    // the check rests on once passed over a NaN column sum; a fuzz finding).
    for (fl_layout layout : kLayouts) {
        Matrix<double> bad = Matrix<double>::from_ref(s, layout);
        bad(4, 1) = std::nan("");
        EXPECT_ERROR(make_factor(f, FL_FACTOR_CHOLESKY, bad, rfp.get()), FL_ERR_NON_FINITE,
                     "fl_factor_create", "a[4, 1]");
        bad(4, 1) = 0;
        bad(1, 4) = std::nan("");  // the other triangle is not read
        EXPECT_EQ(make_factor(f, FL_FACTOR_CHOLESKY, bad, rfp.get()), FL_OK) << fl_last_error();
    }
    EXPECT_EQ(fl_options_set_int(rfp.get(), FL_OPT_PRECISION, FL_PRECISION_MIXED), FL_OK);
    EXPECT_EQ(make_factor(f, FL_FACTOR_CHOLESKY, a, rfp.get()), FL_ERR_UNSUPPORTED);
    EXPECT_TRUE(contains(fl_last_error(), "FL_STORAGE_FULL")) << fl_last_error();

    fl_options *o = nullptr;
    ASSERT_EQ(fl_options_create(&o), FL_OK);
    OptionsPtr owner(o);
    EXPECT_EQ(fl_options_set_int(o, FL_OPT_STORAGE, 3), FL_ERR_INVALID_ARGUMENT);
    EXPECT_TRUE(contains(fl_last_error(), "FL_OPT_STORAGE takes")) << fl_last_error();
    EXPECT_EQ(fl_options_set_real(o, FL_OPT_STORAGE, 1.0), FL_ERR_INVALID_ARGUMENT);

    const OptionsPtr input = options_with(FL_OPT_STORAGE, FL_STORAGE_RFP_INPUT);
    std::vector<double> arf = lapack_rfp<double>(s, FL_LOWER);
    fl_factor *raw = nullptr;
    EXPECT_EQ(fl_factor_create(&raw, FL_FACTOR_CHOLESKY, FL_FLOAT64, FL_COL_MAJOR, 6, 5, arf.data(),
                               0, input.get()),
              FL_ERR_INVALID_ARGUMENT);
    EXPECT_TRUE(contains(fl_last_error(), "rows = 6, cols = 5")) << fl_last_error();
    EXPECT_EQ(fl_factor_create(&raw, FL_FACTOR_CHOLESKY, FL_FLOAT64, FL_COL_MAJOR, 6, 6, nullptr, 0,
                               input.get()),
              FL_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(fl_factor_create(&raw, FL_FACTOR_CHOLESKY, FL_FLOAT64, static_cast<fl_layout>(9), 6,
                               6, arf.data(), 0, input.get()),
              FL_ERR_INVALID_ARGUMENT);
    arf[4] = std::nan("");
    EXPECT_EQ(fl_factor_create(&raw, FL_FACTOR_CHOLESKY, FL_FLOAT64, FL_COL_MAJOR, 6, 6, arf.data(),
                               0, input.get()),
              FL_ERR_NON_FINITE);
    EXPECT_TRUE(contains(fl_last_error(), "RFP")) << fl_last_error();
    Ref indefinite = identity_ref(6);
    indefinite(4, 4) = -1;
    arf = lapack_rfp<double>(indefinite, FL_LOWER);
    EXPECT_EQ(fl_factor_create(&raw, FL_FACTOR_CHOLESKY, FL_FLOAT64, FL_COL_MAJOR, 6, 6, arf.data(),
                               0, input.get()),
              FL_ERR_NOT_POSITIVE_DEFINITE);
    EXPECT_EQ(raw, nullptr);

    ASSERT_EQ(
        make_factor(f, FL_FACTOR_CHOLESKY, a, options_with(FL_OPT_STORAGE, FL_STORAGE_RFP).get()),
        FL_OK);
    fl_factor *updated = nullptr;
    const Matrix<double> v = Matrix<double>::from_ref(random_ref(6, 1, 2), FL_COL_MAJOR);
    EXPECT_EQ(
        fl_factor_rank_update(&updated, f.get(), 1, FL_FLOAT64, 1, FL_COL_MAJOR, v.data(), v.ld()),
        FL_ERR_UNSUPPORTED);
    EXPECT_TRUE(contains(fl_last_error(), "RFP")) << fl_last_error();
}

// A destroyed factor's storage (64 KiB and up) is kept for the next factor of its size, and
// fl_release_memory hands it back; factors made from the kept memory solve as well as the
// first (the pool never hands out a block still in use, nor a short one).
TEST(MemoryPool, DestroyedStorageIsReusedAndReleased) {
    fl_release_memory();
    EXPECT_EQ(fl_release_memory(), 0);
    const Ref a = spd_ref(160, 3);  // 200 KiB of storage
    const Matrix<double> m = Matrix<double>::from_ref(a, FL_COL_MAJOR);
    for (int round = 0; round < 3; ++round) {
        FactorPtr f, other;  // both alive at once: each needs a block of its own
        ASSERT_EQ(make_factor(f, FL_FACTOR_CHOLESKY, m), FL_OK) << fl_last_error();
        ASSERT_EQ(make_factor(other, FL_FACTOR_LU, m), FL_OK) << fl_last_error();
        check_solves_with<double>(f.get(), m.to_ref(), {1, 5}, 7);
        check_solves_with<double>(other.get(), m.to_ref(), {1, 5}, 7);
    }
    EXPECT_GE(fl_release_memory(), 2 * 160 * 160 * int64_t(sizeof(double)));
    EXPECT_EQ(fl_release_memory(), 0);
}

}  // namespace
}  // namespace fltest
