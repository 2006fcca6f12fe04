// What a factor knows besides solves: log-determinant and sign, the 1-norm reciprocal
// condition estimate, and the explicit inverse. Each is checked against an independent long
// double computation on the matrix as stored.
#include "solve_check.hpp"

#include <sstream>

namespace fltest {
namespace {

FLTEST_TYPED_SUITE(FactorQueries);

constexpr fl_factor_kind kKinds[] = {FL_FACTOR_LU, FL_FACTOR_CHOLESKY};
const char *kind_name(fl_factor_kind k) { return k == FL_FACTOR_LU ? "LU" : "Cholesky"; }

template <class T>
void expect_logdet(fl_factor_kind kind, const Ref &a, double want_sign, long double want_logabs, double tol) {
    for (fl_layout l : kLayouts)
        for (int64_t pad : {0, 2}) {
            std::ostringstream what;
            what << kind_name(kind) << " n=" << a.rows << " " << layout_name(l) << " ldpad " << pad;
            SCOPED_TRACE(what.str());
            const Matrix<T> m = Matrix<T>::from_ref(a, l, pad);
            FactorPtr f;
            ASSERT_EQ(make_factor(f, kind, m), FL_OK) << fl_last_error();
            double sign = 0.0, logabs = -1.0;
            ASSERT_EQ(fl_factor_logdet(f.get(), &sign, &logabs), FL_OK) << fl_last_error();
            EXPECT_EQ(sign, want_sign);
            EXPECT_NEAR(logabs, static_cast<double>(want_logabs), tol);
            // Either pointer may be NULL.
            double only_sign = 0.0, only_log = -1.0;
            EXPECT_EQ(fl_factor_logdet(f.get(), &only_sign, nullptr), FL_OK);
            EXPECT_EQ(fl_factor_logdet(f.get(), nullptr, &only_log), FL_OK);
            EXPECT_EQ(fl_factor_logdet(f.get(), nullptr, nullptr), FL_OK);
            EXPECT_EQ(only_sign, sign);
            EXPECT_EQ(only_log, logabs);
        }
}

// Against the long double elimination of the matrix as rounded to T.
template <class T>
void expect_logdet_ref(fl_factor_kind kind, const Ref &a, double tol) {
    const LogDet want = ref_logdet(Matrix<T>::from_ref(a, FL_COL_MAJOR).to_ref());
    ASSERT_FALSE(want.singular);
    expect_logdet<T>(kind, a, want.sign, want.logabs, tol);
}

TYPED_TEST(FactorQueries, EmptyMatrix) {
    using T = TypeParam;
    for (fl_factor_kind k : kKinds) {
        SCOPED_TRACE(kind_name(k));
        expect_logdet<T>(k, Ref(0, 0), 1.0, 0.0L, 0.0);
        FactorPtr f;
        ASSERT_EQ(make_factor(f, k, Matrix<T>(0, 0, FL_COL_MAJOR)), FL_OK);
        double rcond = -1.0;
        EXPECT_EQ(fl_factor_rcond(f.get(), &rcond), FL_OK);
        EXPECT_EQ(rcond, 1.0);
        for (fl_layout l : kLayouts)
            EXPECT_EQ(fl_factor_inverse(f.get(), Dtype<T>::value, l, nullptr, 1), FL_OK) << fl_last_error();
    }
}

TYPED_TEST(FactorQueries, KnownDeterminants) {
    using T = TypeParam;
    Ref a(2, 2); // [[1, 2], [3, 4]]: det = -2
    a(0, 0) = 1, a(0, 1) = 2, a(1, 0) = 3, a(1, 1) = 4;
    expect_logdet<T>(FL_FACTOR_LU, a, -1.0, std::log(2.0L), 1e-6);

    Ref d(5, 5); // diag(2, -3, 0.5, -4, -1): det = -12
    const long double diag[] = {2, -3, 0.5, -4, -1};
    for (int i = 0; i < 5; ++i) d(i, i) = diag[i];
    expect_logdet<T>(FL_FACTOR_LU, d, -1.0, std::log(12.0L), 1e-6);

    Ref p(3, 3); // [[0, 0, 2], [0, -5, 1], [3, 0, 0]]: det = -(2 * -5 * 3) = 30
    p(0, 2) = 2, p(1, 1) = -5, p(1, 2) = 1, p(2, 0) = 3;
    expect_logdet<T>(FL_FACTOR_LU, p, 1.0, std::log(30.0L), 1e-6);

    Ref s(3, 3); // SPD [[4, 2, 0], [2, 5, 1], [0, 1, 3]]: det = 4*14 - 2*6 = 44
    s(0, 0) = 4, s(0, 1) = s(1, 0) = 2, s(1, 1) = 5, s(1, 2) = s(2, 1) = 1, s(2, 2) = 3;
    for (fl_factor_kind k : kKinds) expect_logdet<T>(k, s, 1.0, std::log(44.0L), 1e-6);
}

// Permutation matrices: |det| = 1, the sign is the permutation's parity.
TYPED_TEST(FactorQueries, PermutationSigns) {
    using T = TypeParam;
    for (int64_t n = 1; n <= 7; ++n) {
        Ref reversal(n, n), cycle(n, n);
        for (int64_t i = 0; i < n; ++i) {
            reversal(i, n - 1 - i) = 1;
            cycle(i, (i + 1) % n) = 1;
        }
        expect_logdet<T>(FL_FACTOR_LU, reversal, (n * (n - 1) / 2) % 2 ? -1.0 : 1.0, 0.0L, 0.0);
        expect_logdet<T>(FL_FACTOR_LU, cycle, (n - 1) % 2 ? -1.0 : 1.0, 0.0L, 0.0);
    }
}

TYPED_TEST(FactorQueries, RandomAgainstReference) {
    using T = TypeParam;
    expect_logdet_ref<T>(FL_FACTOR_LU, random_ref(50, 50, 31), logdet_tol<T>());
    expect_logdet_ref<T>(FL_FACTOR_LU, random_ref(7, 7, 32), logdet_tol<T>());
    for (fl_factor_kind k : kKinds) expect_logdet_ref<T>(k, spd_ref(40, 33), logdet_tol<T>());
}

// det(A) = 1e900 overflows double and det = 1e-900 underflows; log|det| must not.
TYPED_TEST(FactorQueries, LogdetDoesNotOverflow) {
    using T = TypeParam;
    const int64_t n = 300;
    const double tol = std::is_same_v<T, float> ? 5e-3 : 1e-8;
    expect_logdet_ref<T>(FL_FACTOR_LU, diag_dominant_ref(n, 34, 1e3L), tol);
    Ref tiny = diag_dominant_ref(n, 35, 1e-3L, 1e-6L);
    expect_logdet_ref<T>(FL_FACTOR_LU, tiny, tol);
    Ref neg = diag_dominant_ref(n, 36, -1e3L); // 300 negative pivots: sign +1; flip one row
    for (int64_t j = 0; j < n; ++j) neg(0, j) = -neg(0, j);
    expect_logdet_ref<T>(FL_FACTOR_LU, neg, tol);
    Ref spd = spd_ref(n, 37);
    for (auto &x : spd.v) x *= 1e4L;
    expect_logdet_ref<T>(FL_FACTOR_CHOLESKY, spd, tol);
    // And the reference agrees: these really are beyond double's range.
    EXPECT_GT(ref_logdet(diag_dominant_ref(n, 34, 1e3L)).logabs, 1000.0L);
    EXPECT_LT(ref_logdet(tiny).logabs, -1000.0L);
}

// det(H_n) = c_n^4 / c_2n with c_n = prod_{i<n} i!  (closed form, independent of any LU).
TEST(FactorQueriesDouble, HilbertDeterminantClosedForm) {
    for (int64_t n = 2; n <= 8; ++n) {
        long double want = 0.0L;
        for (int64_t k = 1; k < n; ++k) want += 4.0L * std::lgamma(static_cast<long double>(k + 1));
        for (int64_t k = 1; k < 2 * n; ++k) want -= std::lgamma(static_cast<long double>(k + 1));
        for (fl_factor_kind k : kKinds) expect_logdet<double>(k, hilbert_ref(n), 1.0, want, 1e-4);
    }
}

// rcond against 1 / (||A||_1 ||A^-1||_1) from an explicit long double inverse: an estimate,
// so within a factor of 10.
template <class T>
void expect_rcond(fl_factor_kind kind, const Ref &a) {
    const long double want = ref_rcond1(Matrix<T>::from_ref(a, FL_COL_MAJOR).to_ref());
    for (fl_layout l : kLayouts) {
        SCOPED_TRACE(std::string(kind_name(kind)) + " n=" + std::to_string(a.rows) + " " + layout_name(l));
        FactorPtr f;
        ASSERT_EQ(make_factor(f, kind, Matrix<T>::from_ref(a, l, 1)), FL_OK) << fl_last_error();
        double rcond = -1.0;
        ASSERT_EQ(fl_factor_rcond(f.get(), &rcond), FL_OK) << fl_last_error();
        EXPECT_STREQ(fl_last_error(), "");
        EXPECT_GT(rcond, 0.0);
        EXPECT_LE(rcond, 1.0);
        EXPECT_GT(rcond, static_cast<double>(want) / 10.0) << "true rcond " << static_cast<double>(want);
        EXPECT_LT(rcond, static_cast<double>(want) * 10.0) << "true rcond " << static_cast<double>(want);
    }
}

TYPED_TEST(FactorQueries, RcondMatchesExplicitInverse) {
    using T = TypeParam;
    for (fl_factor_kind k : kKinds) expect_rcond<T>(k, identity_ref(6));
    expect_rcond<T>(FL_FACTOR_LU, random_ref(50, 50, 41));
    expect_rcond<T>(FL_FACTOR_LU, random_ref(3, 3, 42));
    for (fl_factor_kind k : kKinds) expect_rcond<T>(k, spd_ref(60, 43));
    for (fl_factor_kind k : kKinds) expect_rcond<T>(k, hilbert_ref(std::is_same_v<T, float> ? 4 : 7));
}

// The 1-norm, not the infinity norm: for a matrix with one heavy row the two condition
// numbers differ by orders of magnitude, and a row-major A is stored as A^T.
TYPED_TEST(FactorQueries, RcondIsOneNormForBothLayouts) {
    using T = TypeParam;
    const int64_t n = 40;
    Ref a = diag_dominant_ref(n, 44, 1.0L, 0.05L); // I + noise, then one heavy row
    for (int64_t j = 0; j < n; ++j) a(3, j) = 5000.0L + static_cast<long double>(j % 3);
    const Ref stored = Matrix<T>::from_ref(a, FL_COL_MAJOR).to_ref();
    const long double r1 = ref_rcond1(stored), rinf = ref_rcond_inf(stored);
    ASSERT_GT(r1 / rinf, 100.0L) << "the test matrix no longer separates the two norms";
    expect_rcond<T>(FL_FACTOR_LU, a);
    expect_rcond<T>(FL_FACTOR_LU, transpose(a));
}

TEST(FactorQueriesDouble, RcondOfIllConditionedIsSmall) {
    for (fl_factor_kind k : kKinds) {
        FactorPtr f;
        ASSERT_EQ(make_factor(f, k, Matrix<double>::from_ref(hilbert_ref(10), FL_ROW_MAJOR)), FL_OK);
        double rcond = -1;
        ASSERT_EQ(fl_factor_rcond(f.get(), &rcond), FL_OK);
        EXPECT_GT(rcond, 0.0);
        EXPECT_LT(rcond, 1e-10);
    }
}

// ||A inv - I|| / (||A|| ||inv|| n eps), every factor layout x inverse layout, ld > n; the
// padding of inv is not written and every element of inv is (the whole matrix, both
// triangles for Cholesky).
template <class T>
void expect_inverse(fl_factor_kind kind, const Ref &a, bool every_layout = true) {
    for (fl_layout al : kLayouts) {
        if (!every_layout && al == FL_COL_MAJOR) continue;
        const Matrix<T> am = Matrix<T>::from_ref(a, al);
        FactorPtr f;
        ASSERT_EQ(make_factor(f, kind, am), FL_OK) << fl_last_error();
        for (fl_layout il : kLayouts)
            for (int64_t pad : {0, 3}) {
                if (!every_layout && (il == FL_ROW_MAJOR || pad == 0)) continue;
                std::ostringstream what;
                what << kind_name(kind) << " n=" << a.rows << " A " << layout_name(al) << ", inv "
                     << layout_name(il) << " ldpad " << pad;
                SCOPED_TRACE(what.str());
                Ref r;
                ASSERT_NO_FATAL_FAILURE(checked_inverse<T>(f.get(), a.rows, a.cols, il, pad, r));
                EXPECT_LT(inverse_residual(am.to_ref(), r, eps<T>()), kResidualThreshold);
                const double scale = static_cast<double>(norm1(r));
                if (kind == FL_FACTOR_CHOLESKY) {
                    for (int64_t i = 0; i < a.rows; ++i)
                        for (int64_t j = 0; j < i; ++j) {
                            ASSERT_NEAR(static_cast<double>(r(i, j)), static_cast<double>(r(j, i)),
                                        100.0 * eps<T>() * scale)
                                << "inv is not symmetric at (" << i << ", " << j << ")";
                        }
                }
            }
    }
}

TYPED_TEST(FactorQueries, Inverse) {
    using T = TypeParam;
    for (int64_t n : {1, 5, 50}) {
        expect_inverse<T>(FL_FACTOR_LU, random_ref(n, n, 50 + n));
        expect_inverse<T>(FL_FACTOR_CHOLESKY, spd_ref(n, 60 + n));
    }
    // Above the library's serial cut-off (order 400).
    // (Only row-major A with a padded column-major inverse here: the reference product is O(n^3).)
    expect_inverse<T>(FL_FACTOR_LU, diag_dominant_ref(410, 57, 30.0L), false);
    expect_inverse<T>(FL_FACTOR_CHOLESKY, spd_ref(410, 58), false);
    Ref p(4, 4); // a permutation: the inverse is its transpose, and needs pivoting
    p(0, 2) = p(1, 0) = p(2, 3) = p(3, 1) = 1;
    expect_inverse<T>(FL_FACTOR_LU, p);
}

} // namespace
} // namespace fltest
