// LDL^T (Bunch-Kaufman, sytrf) of symmetric indefinite matrices: solves in every layout
// combination, FL_OPT_TRIANGLE (the other triangle is never read), log-determinant, sign
// and inertia against matrices built with known eigenvalues (A = Q diag(d) Q^T), 2-by-2
// pivots forced by a zero diagonal, inverse, rcond, exactly singular D, and the queries an
// LDL^T factor does not answer.
#include "error_expect.hpp"
#include "constructed_matrices.hpp"
#include "solve_check.hpp"

#include <sstream>

namespace fltest {
namespace {

FLTEST_TYPED_SUITE(Ldlt);

// [0 B; B^T 0] with B k-by-k random: a zero diagonal, so Bunch-Kaufman must start with a
// 2-by-2 pivot. Its eigenvalues are +-sigma_i(B): inertia (k, k, 0), det = (-1)^k det(B)^2.
Ref zero_diagonal(int64_t k, uint64_t seed, Ref *b_out = nullptr) {
    const Ref b = random_ref(k, k, seed);
    Ref a(2 * k, 2 * k);
    for (int64_t i = 0; i < k; ++i)
        for (int64_t j = 0; j < k; ++j) a(i, k + j) = a(k + j, i) = b(i, j);
    if (b_out != nullptr) *b_out = b;
    return a;
}

// ---- Solves ---------------------------------------------------------------------------------

TYPED_TEST(Ldlt, SolveEmpty) { check_solves<TypeParam>(FL_FACTOR_LDLT, Ref(0, 0)); }

TYPED_TEST(Ldlt, SolveOneByOneNegative) {
    Ref a(1, 1);
    a(0, 0) = -3.0L;
    check_solves<TypeParam>(FL_FACTOR_LDLT, a);
}

TYPED_TEST(Ldlt, SolveRandomIndefinite) {
    check_solves<TypeParam>(FL_FACTOR_LDLT, random_symmetric(5, 101));
    check_solves<TypeParam>(FL_FACTOR_LDLT, random_symmetric(50, 102));
    check_solves<TypeParam>(FL_FACTOR_LDLT, random_symmetric(200, 103), {1, 9});
}

TYPED_TEST(Ldlt, SolveKnownSpectrum) {
    check_solves<TypeParam>(FL_FACTOR_LDLT, with_eigenvalues(signed_spectrum(20, 17, 0.5L, 4.0L, 104), 105));
}

TYPED_TEST(Ldlt, SolveZeroDiagonalTwoByTwoPivots) {
    check_solves<TypeParam>(FL_FACTOR_LDLT, zero_diagonal(1, 106));
    check_solves<TypeParam>(FL_FACTOR_LDLT, zero_diagonal(20, 107));
}

TYPED_TEST(Ldlt, SolveManyMoreRightHandSidesThanRows) {
    check_solves<TypeParam>(FL_FACTOR_LDLT, random_symmetric(20, 108), {150});
}

// Above the serial cut-offs: the BLAS runs multi-threaded here.
TYPED_TEST(Ldlt, SolveOrder450) {
    using T = TypeParam;
    const Ref a = random_symmetric(450, 109);
    check_solves_each_layout<T>(FL_FACTOR_LDLT, a, {2, 40}, 110);
}

// The other triangle is NaN: neither the finite check nor the factorization may read it.
TYPED_TEST(Ldlt, OtherTriangleIsNeverRead) {
    using T = TypeParam;
    const std::vector<long double> d = signed_spectrum(15, 16, 0.5L, 3.0L, 111);
    const Ref s = with_eigenvalues(d, 112);
    long double want_log = 0;
    for (long double v : d) want_log += std::log(std::fabs(v));
    for (int64_t check : {1, 0})
        for (fl_triangle tri : kTriangles)
            for (fl_layout l : kLayouts) {
                SCOPED_TRACE(std::string(triangle_name(tri)) + " " + layout_name(l) +
                             " check_finite=" + std::to_string(check));
                FactorPtr f;
                ASSERT_NO_FATAL_FAILURE(
                    check_one_triangle_solves<T>(f, FL_FACTOR_LDLT, s, tri, l, check, 2, {1, 5}, 113));
                double sign = 0, logabs = 0;
                ASSERT_EQ(fl_factor_logdet(f.get(), &sign, &logabs), FL_OK) << fl_last_error();
                EXPECT_EQ(sign, 1.0); // 16 negative eigenvalues
                EXPECT_NEAR(logabs, static_cast<double>(want_log), logdet_tol<T>());
                int64_t pos = -1, neg = -1, zero = -1;
                ASSERT_EQ(fl_factor_inertia(f.get(), &pos, &neg, &zero), FL_OK) << fl_last_error();
                EXPECT_EQ(pos, 15);
                EXPECT_EQ(neg, 16);
                EXPECT_EQ(zero, 0);
            }
}

// The lower and the upper triangle describe two different matrices; the option picks one.
TYPED_TEST(Ldlt, TriangleOptionSelectsTheMatrix) {
    using T = TypeParam;
    const int64_t n = 24;
    const Ref lower = random_symmetric(n, 114), upper = random_symmetric(n, 115);
    Ref both = lower;
    for (int64_t i = 0; i < n; ++i)
        for (int64_t j = i; j < n; ++j) both(i, j) = upper(i, j);
    for (fl_triangle tri : kTriangles)
        for (fl_layout l : kLayouts) {
            SCOPED_TRACE(std::string(triangle_name(tri)) + " " + layout_name(l));
            OptionsPtr opts = make_options(1, tri);
            const Matrix<T> m = Matrix<T>::from_ref(both, l, 1);
            FactorPtr f;
            ASSERT_EQ(make_factor(f, FL_FACTOR_LDLT, m, opts.get()), FL_OK) << fl_last_error();
            check_solves_with<T>(f.get(), symmetric_from(m, tri), {3}, 116);
            // And the default is the lower triangle.
            if (tri == FL_LOWER) {
                FactorPtr g;
                ASSERT_EQ(make_factor(g, FL_FACTOR_LDLT, m), FL_OK) << fl_last_error();
                check_solves_with<T>(g.get(), symmetric_from(m, FL_LOWER), {2}, 117);
            }
        }
}

// ---- Determinant and inertia ------------------------------------------------------------------

struct WantInertia {
    int64_t positive, negative, zero;
};

// Checks logdet (sign and log|det|) and inertia of the LDL^T factor of `a` in both
// layouts, both triangles (the other one NaN), with a padded leading dimension.
template <class T>
void expect_logdet_inertia(const Ref &a, double want_sign, long double want_log, WantInertia want, double tol) {
    for (fl_triangle tri : kTriangles)
        for (fl_layout l : kLayouts) {
            std::ostringstream what;
            what << "n=" << a.rows << " " << triangle_name(tri) << " " << layout_name(l);
            SCOPED_TRACE(what.str());
            OptionsPtr opts = make_options(1, tri);
            FactorPtr f;
            ASSERT_EQ(make_factor(f, FL_FACTOR_LDLT, one_triangle<T>(a, tri, l, 3), opts.get()), FL_OK)
                << fl_last_error();
            double sign = 0, logabs = 0;
            ASSERT_EQ(fl_factor_logdet(f.get(), &sign, &logabs), FL_OK) << fl_last_error();
            EXPECT_EQ(sign, want_sign);
            EXPECT_NEAR(logabs, static_cast<double>(want_log), tol);
            int64_t pos = -1, neg = -1, zero = -1;
            ASSERT_EQ(fl_factor_inertia(f.get(), &pos, &neg, &zero), FL_OK) << fl_last_error();
            EXPECT_EQ(pos, want.positive);
            EXPECT_EQ(neg, want.negative);
            EXPECT_EQ(zero, want.zero);
            // Any pointer may be NULL.
            EXPECT_EQ(fl_factor_inertia(f.get(), nullptr, &neg, nullptr), FL_OK);
            EXPECT_EQ(neg, want.negative);
            EXPECT_EQ(fl_factor_logdet(f.get(), nullptr, nullptr), FL_OK);
        }
}

template <class T>
void expect_spectrum(const std::vector<long double> &d, uint64_t seed, double tol) {
    long double log = 0;
    double sign = 1;
    WantInertia want{0, 0, 0};
    for (long double v : d) {
        log += std::log(std::fabs(v));
        if (v < 0) sign = -sign;
        ++(v > 0 ? want.positive : want.negative);
    }
    expect_logdet_inertia<T>(with_eigenvalues(d, seed), sign, log, want, tol);
}

TYPED_TEST(Ldlt, LogdetAndInertiaOfKnownSpectra) {
    using T = TypeParam;
    expect_spectrum<T>({-2.0L}, 120, 1e-6);
    expect_spectrum<T>({3.0L, -0.5L}, 121, 1e-6);
    expect_spectrum<T>(signed_spectrum(10, 7, 0.5L, 3.0L, 122), 123, logdet_tol<T>());
    expect_spectrum<T>(signed_spectrum(3, 40, 0.5L, 3.0L, 124), 125, logdet_tol<T>());
    expect_spectrum<T>(signed_spectrum(33, 0, 0.5L, 3.0L, 126), 127, logdet_tol<T>());
    expect_spectrum<T>(signed_spectrum(0, 33, 0.5L, 3.0L, 128), 129, logdet_tol<T>());
}

// Small exact cases: [[0, 1], [1, 0]] (a pure 2-by-2 pivot, det -1), [[1, 2], [2, 1]]
// (det -3), a diagonal with mixed signs (det -12), the empty matrix (det 1).
TYPED_TEST(Ldlt, LogdetAndInertiaSmallExact) {
    using T = TypeParam;
    Ref swap(2, 2);
    swap(0, 1) = swap(1, 0) = 1;
    expect_logdet_inertia<T>(swap, -1.0, 0.0L, {1, 1, 0}, 1e-6);
    Ref m(2, 2);
    m(0, 0) = m(1, 1) = 1, m(0, 1) = m(1, 0) = 2;
    expect_logdet_inertia<T>(m, -1.0, std::log(3.0L), {1, 1, 0}, 1e-6);
    Ref d(5, 5);
    const long double diag[] = {2, -3, 0.5, -4, -1};
    for (int i = 0; i < 5; ++i) d(i, i) = diag[i];
    expect_logdet_inertia<T>(d, -1.0, std::log(12.0L), {2, 3, 0}, 1e-6);
    expect_logdet_inertia<T>(Ref(0, 0), 1.0, 0.0L, {0, 0, 0}, 0.0);
}

// A zero diagonal forces 2-by-2 pivots: det [0 B; B^T 0] = (-1)^k det(B)^2, inertia (k, k, 0).
TYPED_TEST(Ldlt, LogdetAndInertiaWithTwoByTwoPivots) {
    using T = TypeParam;
    for (int64_t k : {1, 2, 5, 16}) {
        Ref b;
        const Ref a = zero_diagonal(k, 130 + static_cast<uint64_t>(k), &b);
        const LogDet det_b = ref_logdet(Matrix<T>::from_ref(b, FL_COL_MAJOR).to_ref());
        ASSERT_FALSE(det_b.singular);
        expect_logdet_inertia<T>(a, k % 2 ? -1.0 : 1.0, 2.0L * det_b.logabs, {k, k, 0}, logdet_tol<T>());
    }
}

// |det| = prod |d| far beyond double's range (about e^2100): the log must not overflow.
TYPED_TEST(Ldlt, LogdetDoesNotOverflow) {
    using T = TypeParam;
    std::vector<long double> d = signed_spectrum(150, 151, 1e3L, 2e3L, 131);
    expect_spectrum<T>(d, 132, std::is_same_v<T, float> ? 5e-3 : 1e-8);
    for (auto &v : d) v = 1.0L / v; // and about e^-2100
    expect_spectrum<T>(d, 133, std::is_same_v<T, float> ? 5e-3 : 1e-8);
}

// ---- Inverse and rcond ----------------------------------------------------------------------

template <class T>
void expect_inverse(const Ref &a) {
    for (fl_layout al : kLayouts) {
        const Matrix<T> am = Matrix<T>::from_ref(a, al);
        FactorPtr f;
        ASSERT_EQ(make_factor(f, FL_FACTOR_LDLT, am), FL_OK) << fl_last_error();
        for (fl_layout il : kLayouts)
            for (int64_t pad : {0, 3}) {
                std::ostringstream what;
                what << "n=" << a.rows << " A " << layout_name(al) << ", inv " << layout_name(il) << " ldpad " << pad;
                SCOPED_TRACE(what.str());
                Ref r;
                ASSERT_NO_FATAL_FAILURE(checked_inverse<T>(f.get(), a.rows, a.cols, il, pad, r));
                EXPECT_LT(inverse_residual(am.to_ref(), r, eps<T>()), kResidualThreshold);
                for (int64_t i = 0; i < a.rows; ++i)
                    for (int64_t j = 0; j < i; ++j)
                        ASSERT_EQ(r(i, j), r(j, i)) << "inv is not symmetric at (" << i << ", " << j << ")";
            }
    }
}

TYPED_TEST(Ldlt, Inverse) {
    using T = TypeParam;
    expect_inverse<T>(Ref(0, 0));
    Ref one(1, 1);
    one(0, 0) = -0.25L;
    expect_inverse<T>(one);
    expect_inverse<T>(random_symmetric(5, 140));
    expect_inverse<T>(random_symmetric(50, 141));
    expect_inverse<T>(zero_diagonal(12, 142));
}

// LAPACK's estimate against 1 / (||A||_1 ||A^-1||_1) from an explicit inverse: within 10x.
template <class T>
void expect_rcond(const Ref &a) {
    const long double want = ref_rcond1(Matrix<T>::from_ref(a, FL_COL_MAJOR).to_ref());
    for (fl_triangle tri : kTriangles)
        for (fl_layout l : kLayouts) {
            SCOPED_TRACE("n=" + std::to_string(a.rows) + " " + triangle_name(tri) + " " + layout_name(l));
            OptionsPtr opts = make_options(1, tri);
            FactorPtr f;
            ASSERT_EQ(make_factor(f, FL_FACTOR_LDLT, one_triangle<T>(a, tri, l, 1), opts.get()), FL_OK)
                << fl_last_error();
            double rcond = -1;
            ASSERT_EQ(fl_factor_rcond(f.get(), &rcond), FL_OK) << fl_last_error();
            EXPECT_LE(rcond, 1.0);
            EXPECT_GT(rcond, static_cast<double>(want) / 10.0) << "true rcond " << static_cast<double>(want);
            EXPECT_LT(rcond, static_cast<double>(want) * 10.0) << "true rcond " << static_cast<double>(want);
        }
}

TYPED_TEST(Ldlt, Rcond) {
    using T = TypeParam;
    expect_rcond<T>(identity_ref(6));
    expect_rcond<T>(random_symmetric(40, 150));
    expect_rcond<T>(zero_diagonal(10, 151));
    expect_rcond<T>(with_eigenvalues(signed_spectrum(10, 10, 1e-3L, 1.0L, 152), 153));
    FactorPtr f;
    ASSERT_EQ(make_factor(f, FL_FACTOR_LDLT, Matrix<T>(0, 0, FL_ROW_MAJOR)), FL_OK);
    double rcond = -1;
    ASSERT_EQ(fl_factor_rcond(f.get(), &rcond), FL_OK);
    EXPECT_EQ(rcond, 1.0);
}

// ---- Errors ---------------------------------------------------------------------------------

// An exactly zero 1-by-1 pivot of D: FL_ERR_SINGULAR naming it.
TYPED_TEST(Ldlt, ExactlySingularIsRejected) {
    using T = TypeParam;
    for (fl_triangle tri : kTriangles)
        for (fl_layout l : kLayouts) {
            SCOPED_TRACE(std::string(triangle_name(tri)) + " " + layout_name(l));
            OptionsPtr opts = make_options(1, tri);
            EXPECT_ERROR(create_expecting_null(FL_FACTOR_LDLT, Matrix<T>::from_ref(Ref(4, 4), l), opts.get()),
                         FL_ERR_SINGULAR, "fl_factor_create", "singular", "D[");
            Ref one(1, 1);
            EXPECT_ERROR(create_expecting_null(FL_FACTOR_LDLT, Matrix<T>::from_ref(one, l), opts.get()),
                         FL_ERR_SINGULAR, "fl_factor_create", "D[1, 1]");
            Ref d(3, 3); // diag(2, 0, -3): the middle pivot, whichever end sytrf starts from
            d(0, 0) = 2, d(2, 2) = -3;
            EXPECT_ERROR(create_expecting_null(FL_FACTOR_LDLT, Matrix<T>::from_ref(d, l), opts.get()), FL_ERR_SINGULAR,
                         "fl_factor_create", "D[2, 2]");
        }
}

TYPED_TEST(Ldlt, NonFiniteAndShapeErrors) {
    using T = TypeParam;
    for (fl_layout l : kLayouts) {
        SCOPED_TRACE(layout_name(l));
        Matrix<T> m = Matrix<T>::from_ref(random_symmetric(6, 160), l);
        m(4, 1) = std::numeric_limits<T>::quiet_NaN(); // in the lower triangle, read by default
        EXPECT_ERROR(create_expecting_null(FL_FACTOR_LDLT, m), FL_ERR_NON_FINITE, "fl_factor_create", "a[4, 1]");
        m(4, 1) = std::numeric_limits<T>::infinity();
        EXPECT_ERROR(create_expecting_null(FL_FACTOR_LDLT, m), FL_ERR_NON_FINITE, "fl_factor_create", "a[4, 1]");
        OptionsPtr upper = make_options(1, FL_UPPER); // ... but not in the upper one
        EXPECT_EQ(create_expecting_null(FL_FACTOR_LDLT, m, upper.get()), FL_OK) << fl_last_error();
        const Matrix<T> wide(3, 4, l);
        EXPECT_ERROR(create_expecting_null(FL_FACTOR_LDLT, wide), FL_ERR_INVALID_ARGUMENT, "fl_factor_create",
                     "square");
    }
}

// LDL^T does not reveal rank and has no parts or shifted solves.
TYPED_TEST(Ldlt, UnsupportedQueries) {
    using T = TypeParam;
    FactorPtr f;
    ASSERT_EQ(make_factor(f, FL_FACTOR_LDLT, Matrix<T>::from_ref(random_symmetric(4, 170), FL_COL_MAJOR)), FL_OK);
    int64_t rank = -1, rows = -1, cols = -1;
    EXPECT_ERROR(fl_factor_rank(f.get(), &rank), FL_ERR_UNSUPPORTED, "fl_factor_rank", "LDL^T");
    EXPECT_ERROR(fl_factor_part_shape(f.get(), FL_PART_EIGENVALUES, &rows, &cols), FL_ERR_UNSUPPORTED,
                 "fl_factor_part_shape", "eigenvalues");
    Matrix<T> out(4, 1, FL_COL_MAJOR);
    EXPECT_ERROR(fl_factor_get_part(f.get(), FL_PART_EIGENVALUES, Dtype<T>::value, FL_COL_MAJOR, out.data(), out.ld()),
                 FL_ERR_UNSUPPORTED, "fl_factor_get_part");
    const Matrix<T> b = Matrix<T>::from_ref(random_ref(4, 2, 171), FL_COL_MAJOR);
    Matrix<T> x(4, 2, FL_COL_MAJOR);
    const double shift = 1.0;
    EXPECT_ERROR(fl_factor_solve_shifted(f.get(), Dtype<T>::value, 1, &shift, 2, FL_COL_MAJOR, b.data(), b.ld(),
                                         FL_COL_MAJOR, x.data(), x.ld(), 8),
                 FL_ERR_UNSUPPORTED, "fl_factor_solve_shifted");
}

} // namespace
} // namespace fltest
