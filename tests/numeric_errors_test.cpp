// Input that is well formed but numerically unusable: NaN/Inf (and FL_OPT_CHECK_FINITE),
// exactly singular matrices for LU, matrices that are not positive definite for Cholesky.
// The message names the offending element, pivot or minor (1-based).
#include "error_expect.hpp"

namespace fltest {
namespace {

FLTEST_TYPED_SUITE(NumericErrors);

constexpr fl_factor_kind kKinds[] = {FL_FACTOR_LU, FL_FACTOR_CHOLESKY};
const char *kCreate = "fl_factor_create";

TYPED_TEST(NumericErrors, NonFiniteIsRejectedByDefault) {
    using T = TypeParam;
    const T bad_values[] = {std::numeric_limits<T>::quiet_NaN(), std::numeric_limits<T>::infinity(),
                            -std::numeric_limits<T>::infinity()};
    for (fl_factor_kind k : kKinds)
        for (fl_layout l : kLayouts)
            for (T bad : bad_values) {
                SCOPED_TRACE(std::string(layout_name(l)) + (k == FL_FACTOR_LU ? " LU " : " Cholesky ") +
                             std::to_string(bad));
                // (4, 2) is in the lower triangle, which Cholesky reads by default.
                Matrix<T> m = Matrix<T>::from_ref(spd_ref(6, 3), l, 1);
                m(4, 2) = bad;
                // The message names the element: row 4 and column 2 (in whatever notation).
                EXPECT_ERROR(create_expecting_null(k, m), FL_ERR_NON_FINITE, kCreate, "4", "2");
                // The explicit default behaves the same.
                OptionsPtr on = make_options(1, FL_LOWER);
                EXPECT_ERROR(create_expecting_null(k, m, on.get()), FL_ERR_NON_FINITE, kCreate);
            }
}

// Padding is not part of the matrix: NaN there is never looked at.
TYPED_TEST(NumericErrors, NonFiniteInPaddingIsIgnored) {
    using T = TypeParam;
    for (fl_factor_kind k : kKinds)
        for (fl_layout l : kLayouts) {
            const Matrix<T> m = Matrix<T>::from_ref(spd_ref(6, 4), l, 5, std::numeric_limits<T>::infinity());
            EXPECT_ERROR(create_expecting_null(k, m), FL_OK, kCreate);
        }
}

// Finite values whose sums overflow are still finite input: not FL_ERR_NON_FINITE.
TYPED_TEST(NumericErrors, HugeFiniteValuesAreFinite) {
    using T = TypeParam;
    const T huge = std::numeric_limits<T>::max() / T(2);
    for (fl_factor_kind k : kKinds)
        for (fl_layout l : kLayouts) {
            SCOPED_TRACE(std::string(layout_name(l)) + (k == FL_FACTOR_LU ? " LU" : " Cholesky"));
            Matrix<T> m(3, 3, l);
            for (int64_t i = 0; i < 3; ++i)
                for (int64_t j = 0; j < 3; ++j) m(i, j) = huge * (i == j ? T(1) : T(0.25));
            FactorPtr f;
            EXPECT_ERROR(make_factor(f, k, m), FL_OK, kCreate);
        }
}

// B is not checked: NaN in one column of B gives NaN in that column of X, the rest is fine.
// NaN in B: FL_ERR_NON_FINITE naming it by default (FL_OPT_CHECK_FINITE covers B), and
// propagated into its own column only when the factor was made with the check off.
TYPED_TEST(NumericErrors, NonFiniteRightHandSidesPropagate) {
    using T = TypeParam;
    const OptionsPtr off = make_options(0, FL_LOWER);
    for (fl_factor_kind k : kKinds) {
        FactorPtr f;
        Matrix<T> b = Matrix<T>::from_ref(random_ref(6, 3, 8), FL_ROW_MAJOR), x(6, 3, FL_COL_MAJOR);
        b(2, 1) = std::numeric_limits<T>::quiet_NaN();
        ASSERT_EQ(make_factor(f, k, Matrix<T>::from_ref(spd_ref(6, 7), FL_COL_MAJOR)), FL_OK);
        EXPECT_ERROR(solve(f.get(), FL_NO_TRANS, b, x), FL_ERR_NON_FINITE, "fl_factor_solve",
                     "b[2, 1] is nan");
        ASSERT_EQ(make_factor(f, k, Matrix<T>::from_ref(spd_ref(6, 7), FL_COL_MAJOR), off.get()),
                  FL_OK);
        EXPECT_ERROR(solve(f.get(), FL_NO_TRANS, b, x), FL_OK, "fl_factor_solve");
        for (int64_t i = 0; i < 6; ++i) {
            EXPECT_TRUE(std::isfinite(x(i, 0)) && std::isfinite(x(i, 2)));
        }
        bool any_nan = false;
        for (int64_t i = 0; i < 6; ++i) any_nan = any_nan || std::isnan(x(i, 1));
        EXPECT_TRUE(any_nan);
    }
}

// With FL_OPT_CHECK_FINITE = 0 the check is skipped: creating an LU factor of a matrix
// with a NaN succeeds (the results are then whatever LAPACK makes of it).
TYPED_TEST(NumericErrors, CheckFiniteOffSkipsTheCheck) {
    using T = TypeParam;
    OptionsPtr off = make_options(0, FL_LOWER);
    ASSERT_NE(off, nullptr);
    for (fl_layout l : kLayouts)
        for (T bad : {std::numeric_limits<T>::quiet_NaN(), std::numeric_limits<T>::infinity()}) {
            SCOPED_TRACE(layout_name(l));
            Matrix<T> m = Matrix<T>::from_ref(random_ref(5, 5, 5), l);
            m(4, 4) = bad; // the last pivot: no exact zero pivot can come of it
            FactorPtr f;
            EXPECT_ERROR(make_factor(f, FL_FACTOR_LU, m, off.get()), FL_OK, kCreate);
            ASSERT_NE(f, nullptr);
            Matrix<T> b = Matrix<T>::from_ref(random_ref(5, 2, 6), l), x(5, 2, l);
            EXPECT_EQ(solve(f.get(), FL_NO_TRANS, b, x), FL_OK) << fl_last_error();
        }
}

// diag(1, 2, ..., 0 at position p, ...): an exactly zero pivot p (1-based) whatever the layout.
TYPED_TEST(NumericErrors, SingularNamesThePivot) {
    using T = TypeParam;
    for (fl_layout l : kLayouts)
        for (int64_t p : {1, 4, 7}) {
            SCOPED_TRACE(std::string(layout_name(l)) + " zero pivot " + std::to_string(p));
            Ref d(9, 9);
            for (int64_t i = 0; i < 9; ++i) d(i, i) = static_cast<long double>(i + 2);
            d(p - 1, p - 1) = 0;
            EXPECT_ERROR(create_expecting_null(FL_FACTOR_LU, Matrix<T>::from_ref(d, l)), FL_ERR_SINGULAR, kCreate,
                         std::to_string(p).c_str());
        }
}

TYPED_TEST(NumericErrors, SingularMatrices) {
    using T = TypeParam;
    for (fl_layout l : kLayouts) {
        SCOPED_TRACE(layout_name(l));
        Ref ones(5, 5);
        for (auto &v : ones.v) v = 1; // rank 1: the second pivot is exactly zero
        EXPECT_ERROR(create_expecting_null(FL_FACTOR_LU, Matrix<T>::from_ref(ones, l)), FL_ERR_SINGULAR, kCreate);
        EXPECT_ERROR(create_expecting_null(FL_FACTOR_LU, Matrix<T>::from_ref(Ref(4, 4), l)), FL_ERR_SINGULAR,
                     kCreate, "1");
        Ref one(1, 1); // 1x1 zero
        EXPECT_ERROR(create_expecting_null(FL_FACTOR_LU, Matrix<T>::from_ref(one, l)), FL_ERR_SINGULAR, kCreate);
    }
}

// diag with a negative or zero entry at position p: the leading minor p is not positive
// definite, for either triangle and layout.
TYPED_TEST(NumericErrors, NotPositiveDefiniteNamesTheMinor) {
    using T = TypeParam;
    for (fl_triangle tri : {FL_LOWER, FL_UPPER})
        for (fl_layout l : kLayouts)
            for (int64_t p : {1, 3, 6})
                for (long double bad : {-0.5L, 0.0L}) {
                    SCOPED_TRACE(std::string(layout_name(l)) + (tri == FL_LOWER ? " lower" : " upper") + " minor " +
                                 std::to_string(p) + " value " + std::to_string(static_cast<double>(bad)));
                    Ref d = identity_ref(8);
                    for (int64_t i = 0; i < 8; ++i) d(i, i) = static_cast<long double>(i + 2);
                    d(p - 1, p - 1) = bad;
                    OptionsPtr o = make_options(1, tri);
                    EXPECT_ERROR(create_expecting_null(FL_FACTOR_CHOLESKY, Matrix<T>::from_ref(d, l), o.get()),
                                 FL_ERR_NOT_POSITIVE_DEFINITE, kCreate, std::to_string(p).c_str());
                }
}

TYPED_TEST(NumericErrors, NotPositiveDefiniteMatrices) {
    using T = TypeParam;
    for (fl_layout l : kLayouts) {
        SCOPED_TRACE(layout_name(l));
        Ref ones(5, 5); // positive semidefinite, rank 1: the second minor is singular
        for (auto &v : ones.v) v = 1;
        EXPECT_ERROR(create_expecting_null(FL_FACTOR_CHOLESKY, Matrix<T>::from_ref(ones, l)),
                     FL_ERR_NOT_POSITIVE_DEFINITE, kCreate, "2");
        Ref indef(2, 2); // [[1, 2], [2, 1]]: eigenvalues 3 and -1
        indef(0, 0) = indef(1, 1) = 1;
        indef(0, 1) = indef(1, 0) = 2;
        EXPECT_ERROR(create_expecting_null(FL_FACTOR_CHOLESKY, Matrix<T>::from_ref(indef, l)),
                     FL_ERR_NOT_POSITIVE_DEFINITE, kCreate, "2");
        Ref neg = identity_ref(3);
        for (auto &v : neg.v) v = -v;
        EXPECT_ERROR(create_expecting_null(FL_FACTOR_CHOLESKY, Matrix<T>::from_ref(neg, l)),
                     FL_ERR_NOT_POSITIVE_DEFINITE, kCreate, "1");
    }
}

} // namespace
} // namespace fltest
