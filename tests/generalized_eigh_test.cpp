// fl_factor_create_generalized_eigh (sygvd, itypes 1-3) through the public C API: LAPACK's
// residual of the eigenpairs and the B-normalisation of V for both layouts, both triangles,
// float and double, empty, 1-by-1 and an ill-conditioned B; solves, logdet, rank and inertia
// of A; the generalized ridge path (A + s B)^-1 against the residual of the formed matrix; the
// refusals; and a bad value of every argument.
#include "constructed_matrices.hpp"
#include "error_expect.hpp"
#include "solve_check.hpp"

#include <cmath>
#include <string>

namespace fltest {
namespace {

FLTEST_TYPED_SUITE(GeneralizedEigh);

constexpr int kItypes[] = {1, 2, 3};

template <class T>
fl_status create(FactorPtr &out, int itype, const Matrix<T> &a, const Matrix<T> &b,
                 const fl_options *opts = nullptr) {
    fl_factor *raw = nullptr;
    const fl_status s =
        fl_factor_create_generalized_eigh(&raw, itype, Dtype<T>::value, a.layout(), a.rows(),
                                          a.data(), a.ld(), b.data(), b.ld(), opts);
    out.reset(raw);
    return s;
}

template <class T>
Ref part(const fl_factor *f, fl_factor_part which, fl_layout layout) {
    int64_t rows = -1, cols = -1;
    EXPECT_EQ(fl_factor_part_shape(f, which, &rows, &cols), FL_OK) << fl_last_error();
    Matrix<T> out(rows, cols, layout, 1, T(-777));
    EXPECT_EQ(fl_factor_get_part(f, which, Dtype<T>::value, layout, out.data(), out.ld()), FL_OK)
        << fl_last_error();
    return out.to_ref();
}

// B = Q diag(d) Q^T with d from 1 down to 1 / cond, geometrically.
Ref spd_with_condition(int64_t n, long double cond, uint64_t seed) {
    std::vector<long double> d(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i)
        d[static_cast<size_t>(i)] = std::pow(cond, -(long double)(i) / std::max<int64_t>(n - 1, 1));
    return with_eigenvalues(d, seed);
}

// LAPACK's measures (xSGT01): ||A V - B V W|| (itype 1), ||A B V - V W|| (2), ||B A V - V W|| (3)
// over (||A|| ||op|| ||V|| n eps), where ||op|| = ||B|| for itypes 2 and 3; for itype 1 the
// scale is the pencil's, (||A|| + max|w| ||B||), the normwise backward error of the
// eigenpairs, as LAPACK's ||A|| alone fails by cond(B) once max|w| ||B|| exceeds ||A||;
// and ||V^T M V - I|| / (||M|| ||V||^2 n eps) for M = B (itypes 1, 2) or B^-1 (3). W ascending.
template <class T>
void expect_eigenpairs(const fl_factor *f, int itype, const Ref &a, const Ref &b) {
    const int64_t n = a.rows;
    const Ref w = part<T>(f, FL_PART_EIGENVALUES, FL_COL_MAJOR);
    const Ref v = part<T>(f, FL_PART_EIGENVECTORS, FL_COL_MAJOR);
    ASSERT_EQ(w.rows, n);
    ASSERT_EQ(v.rows, n);
    EXPECT_EQ(part<T>(f, FL_PART_EIGENVECTORS, FL_ROW_MAJOR).v, v.v);
    if (n == 0) return;
    for (int64_t i = 1; i < n; ++i) EXPECT_LE(w(i - 1, 0), w(i, 0)) << "not ascending at " << i;
    Ref vw = v;
    for (int64_t j = 0; j < n; ++j)
        for (int64_t i = 0; i < n; ++i) vw(i, j) *= w(j, 0);
    const Ref left = itype == 1   ? multiply(a, v)
                     : itype == 2 ? multiply(a, multiply(b, v))
                                  : multiply(b, multiply(a, v));
    const Ref right = itype == 1 ? multiply(b, vw) : vw;
    const long double largest = std::max(std::fabs(w(0, 0)), std::fabs(w(n - 1, 0)));
    const long double scale =
        (itype == 1 ? norm1(a) + largest * norm1(b) : norm1(a) * norm1(b)) * norm1(v) * n;
    EXPECT_LT(static_cast<double>(norm1(subtract(left, right)) / scale) / eps<T>(),
              kResidualThreshold);

    Ref m = b;
    if (itype == 3) {
        ASSERT_TRUE(ref_inverse(b, m));
    }
    Ref gram = multiply(transpose(v), multiply(m, v));
    for (int64_t i = 0; i < n; ++i) gram(i, i) -= 1.0L;
    const long double vnorm = norm1(v);
    EXPECT_LT(static_cast<double>(norm1(gram) / (norm1(m) * vnorm * vnorm * n)) / eps<T>(),
              kResidualThreshold);
}

// An indefinite A with `positive` and `negative` eigenvalues in [0.5, 3] (so A is nonsingular).
Ref indefinite(int64_t positive, int64_t negative, uint64_t seed) {
    return with_eigenvalues(signed_spectrum(positive, negative, 0.5L, 3.0L, seed), seed + 1);
}

TYPED_TEST(GeneralizedEigh, EigenpairsEveryItypeLayoutTriangle) {
    using T = TypeParam;
    for (int64_t n : {1, 2, 5, 40, 90}) {
        const Ref a = indefinite(n - n / 3, n / 3, 400 + n), b = spd_ref(n, 500 + n);
        for (int itype : kItypes)
            for (fl_triangle tri : kTriangles)
                for (fl_layout l : kLayouts) {
                    SCOPED_TRACE("n=" + std::to_string(n) + " itype " + std::to_string(itype) +
                                 " " + triangle_name(tri) + " " + layout_name(l));
                    OptionsPtr opts = make_options(1, tri);
                    const Matrix<T> am = one_triangle<T>(a, tri, l, 2),
                                    bm = one_triangle<T>(b, tri, l, 1);
                    const Matrix<T> a_before = am, b_before = bm;
                    FactorPtr f;
                    ASSERT_EQ(create(f, itype, am, bm, opts.get()), FL_OK) << fl_last_error();
                    EXPECT_TRUE(am.bitwise_equal(a_before) && bm.bitwise_equal(b_before))
                        << "an input was modified";
                    EXPECT_EQ(fl_factor_get_kind(f.get()), FL_FACTOR_EIGH);
                    EXPECT_EQ(fl_factor_rows(f.get()), n);
                    expect_eigenpairs<T>(f.get(), itype, symmetric_from(am, tri),
                                         symmetric_from(bm, tri));
                    // NaN fills the triangle not read: itype 2's basis B V must not read it either.
                    if (n <= 40)
                        check_solves_with<T>(f.get(), symmetric_from(am, tri), {2}, 640 + n);
                }
    }
}

// cond(B) = 1e6 in float is beyond what a B-normalised V can be accurate to in the Gram
// test's terms, so the float case stops at 1e3; LAPACK's eigenpair residual holds for both.
TYPED_TEST(GeneralizedEigh, IllConditionedB) {
    using T = TypeParam;
    const long double cond = sizeof(T) == 4 ? 1e3L : 1e10L;
    const Ref a = random_symmetric(60, 610), b = spd_with_condition(60, cond, 611);
    for (int itype : kItypes)
        for (fl_layout l : kLayouts) {
            SCOPED_TRACE("itype " + std::to_string(itype) + " " + layout_name(l));
            const Matrix<T> am = Matrix<T>::from_ref(a, l), bm = Matrix<T>::from_ref(b, l);
            FactorPtr f;
            ASSERT_EQ(create(f, itype, am, bm), FL_OK) << fl_last_error();
            expect_eigenpairs<T>(f.get(), itype, am.to_ref(), bm.to_ref());
        }
}

// 1-by-1: w = a / b (itype 1) or a b (2, 3); v = 1 / sqrt(b) (1, 2) or sqrt(b) (3), up to sign.
TYPED_TEST(GeneralizedEigh, OneByOneAndEmpty) {
    using T = TypeParam;
    Ref a(1, 1), b(1, 1);
    a(0, 0) = -3, b(0, 0) = 4;
    const long double want_w[] = {-0.75L, -12, -12}, want_v[] = {0.5L, 0.5L, 2};
    for (int itype : kItypes) {
        FactorPtr f;
        ASSERT_EQ(create(f, itype, Matrix<T>::from_ref(a, FL_COL_MAJOR),
                         Matrix<T>::from_ref(b, FL_ROW_MAJOR)),
                  FL_OK)
            << fl_last_error();
        EXPECT_NEAR(double(part<T>(f.get(), FL_PART_EIGENVALUES, FL_COL_MAJOR)(0, 0)),
                    double(want_w[itype - 1]), 4 * eps<T>() * 12);
        EXPECT_NEAR(std::fabs(double(part<T>(f.get(), FL_PART_EIGENVECTORS, FL_COL_MAJOR)(0, 0))),
                    double(want_v[itype - 1]), 4 * eps<T>() * 2);
        double sign = 0, logabs = 0;
        ASSERT_EQ(fl_factor_logdet(f.get(), &sign, &logabs), FL_OK) << fl_last_error();
        EXPECT_EQ(sign, -1.0);
        EXPECT_NEAR(logabs, std::log(3.0), 8 * eps<T>());
        check_solves_with<T>(f.get(), a, {0, 1, 3}, 620);

        const Matrix<T> empty(0, 0, FL_COL_MAJOR);
        FactorPtr e;
        ASSERT_EQ(create(e, itype, empty, empty), FL_OK) << fl_last_error();
        expect_eigenpairs<T>(e.get(), itype, Ref(0, 0), Ref(0, 0));
        ASSERT_EQ(fl_factor_logdet(e.get(), &sign, &logabs), FL_OK);
        EXPECT_EQ(sign, 1.0);
        EXPECT_EQ(logabs, 0.0);
        check_solves_with<T>(e.get(), Ref(0, 0), {0, 2}, 621);
    }
}

// ---- What the factor answers about A -------------------------------------------------------

TYPED_TEST(GeneralizedEigh, SolvesLogdetRankInertiaOfA) {
    using T = TypeParam;
    const Ref a = indefinite(17, 8, 630), b = spd_with_condition(25, 100, 632);
    const LogDet want = ref_logdet(a);
    for (int itype : kItypes)
        for (fl_layout l : kLayouts) {
            SCOPED_TRACE("itype " + std::to_string(itype) + " " + layout_name(l));
            const Matrix<T> am = Matrix<T>::from_ref(a, l), bm = Matrix<T>::from_ref(b, l);
            FactorPtr f;
            ASSERT_EQ(create(f, itype, am, bm), FL_OK) << fl_last_error();
            check_solves_with<T>(f.get(), am.to_ref(), {1, 7}, 633);
            Ref inv;
            checked_inverse<T>(f.get(), 25, 25, l, 1, inv);
            EXPECT_LT(inverse_residual(am.to_ref(), inv, eps<T>()), kResidualThreshold);
            // The products with A^-1 run on the same basis: Y^T A^-1 Y against Y^T (A^-1 Y).
            const Matrix<T> y = Matrix<T>::from_ref(random_ref(25, 3, 634), FL_COL_MAJOR);
            Matrix<T> q(3, 3, FL_COL_MAJOR), x(25, 3, FL_COL_MAJOR);
            ASSERT_EQ(fl_factor_quadratic_form(f.get(), Dtype<T>::value, 3, FL_COL_MAJOR, y.data(),
                                               y.ld(), FL_COL_MAJOR, q.data(), q.ld()),
                      FL_OK)
                << fl_last_error();
            ASSERT_EQ(solve(f.get(), FL_NO_TRANS, y, x), FL_OK) << fl_last_error();
            const Ref want_q = multiply(transpose(y.to_ref()), x.to_ref());
            EXPECT_LT(double(norm1(subtract(q.to_ref(), want_q)) / norm1(want_q)),
                      25 * 30 * eps<T>());
            double sign = 0, logabs = 0;
            ASSERT_EQ(fl_factor_logdet(f.get(), &sign, &logabs), FL_OK) << fl_last_error();
            EXPECT_EQ(sign, want.sign);
            EXPECT_NEAR(logabs, double(want.logabs), 25 * 30 * eps<T>());
            int64_t rank = -1, pos = -1, neg = -1, zero = -1;
            ASSERT_EQ(fl_factor_rank(f.get(), &rank), FL_OK) << fl_last_error();
            ASSERT_EQ(fl_factor_inertia(f.get(), &pos, &neg, &zero), FL_OK) << fl_last_error();
            EXPECT_EQ(rank, 25);
            EXPECT_EQ(pos, 17);
            EXPECT_EQ(neg, 8);
            EXPECT_EQ(zero, 0);
            EXPECT_ERROR(fl_factor_rcond(f.get(), &sign), FL_ERR_UNSUPPORTED, "fl_factor_rcond",
                         "condition");
            int64_t size = -1;
            EXPECT_ERROR(fl_factor_serialized_size(f.get(), &size), FL_ERR_UNSUPPORTED,
                         "fl_factor_serialized_size", "serialized");
        }
}

// A of rank 5 (eigenvalues of A itself 5, 4, -3, 0.01, -0.02 and zeros): the generalized
// eigenvalues have A's inertia whatever B is.
TYPED_TEST(GeneralizedEigh, RankDeficientA) {
    using T = TypeParam;
    std::vector<long double> d(20, 0.0L);
    d[3] = 5, d[11] = 4, d[17] = -3, d[6] = 0.5L, d[9] = -0.25L;
    const Ref a = with_eigenvalues(d, 640), b = spd_ref(20, 641);
    for (int itype : kItypes) {
        FactorPtr f;
        ASSERT_EQ(create(f, itype, Matrix<T>::from_ref(a, FL_ROW_MAJOR),
                         Matrix<T>::from_ref(b, FL_ROW_MAJOR)),
                  FL_OK)
            << fl_last_error();
        int64_t rank = -1, pos = -1, neg = -1, zero = -1;
        ASSERT_EQ(fl_factor_rank(f.get(), &rank), FL_OK) << fl_last_error();
        ASSERT_EQ(fl_factor_inertia(f.get(), &pos, &neg, &zero), FL_OK) << fl_last_error();
        EXPECT_EQ(rank, 5) << "itype " << itype;
        EXPECT_EQ(pos, 3);
        EXPECT_EQ(neg, 2);
        EXPECT_EQ(zero, 15);
    }
}

// X_l = (A + s_l B)^-1 C, checked by the residual of the formed A + s_l B.
TYPED_TEST(GeneralizedEigh, RidgePathItypeOne) {
    using T = TypeParam;
    const int64_t n = 30, nrhs = 4;
    const Ref a = random_symmetric(n, 650), b = spd_ref(n, 651);
    const double shifts[] = {0.5, 2.0, 10.0};
    for (fl_layout l : kLayouts) {
        SCOPED_TRACE(layout_name(l));
        const Matrix<T> am = Matrix<T>::from_ref(a, l), bm = Matrix<T>::from_ref(b, l);
        // A is indefinite, so shifts start where A + s B is positive definite: above -w_min.
        FactorPtr f;
        ASSERT_EQ(create(f, 1, am, bm), FL_OK) << fl_last_error();
        const long double lowest = part<T>(f.get(), FL_PART_EIGENVALUES, FL_COL_MAJOR)(0, 0);
        const Matrix<T> c = Matrix<T>::from_ref(random_ref(n, nrhs, 652), l);
        const int64_t stride = n * nrhs;
        std::vector<T> x(static_cast<size_t>(3 * stride), T(-777));
        double path[3];
        for (int k = 0; k < 3; ++k) path[k] = shifts[k] - double(lowest);
        ASSERT_EQ(
            fl_factor_solve_shifted(f.get(), Dtype<T>::value, 3, path, nrhs, l, c.data(), c.ld(), l,
                                    x.data(), l == FL_ROW_MAJOR ? nrhs : n, stride),
            FL_OK)
            << fl_last_error();
        for (int k = 0; k < 3; ++k) {
            Ref shifted = am.to_ref();
            const Ref bs = bm.to_ref();
            for (size_t i = 0; i < shifted.v.size(); ++i)
                shifted.v[i] += static_cast<long double>(path[k]) * bs.v[i];
            Ref got(n, nrhs);
            for (int64_t j = 0; j < nrhs; ++j)
                for (int64_t i = 0; i < n; ++i)
                    got(i, j) = x[static_cast<size_t>(
                        k * stride + (l == FL_ROW_MAJOR ? i * nrhs + j : i + j * n))];
            EXPECT_LT(solve_residual(shifted, FL_NO_TRANS, got, c.to_ref(), eps<T>()),
                      kResidualThreshold)
                << "shift " << path[k];
        }
        const double exact = -double(lowest);
        EXPECT_ERROR(fl_factor_solve_shifted(f.get(), Dtype<T>::value, 1, &exact, nrhs, l, c.data(),
                                             c.ld(), l, x.data(), l == FL_ROW_MAJOR ? nrhs : n, 0),
                     FL_ERR_SINGULAR, "fl_factor_solve_shifted", "A + shift B", "shifts[0]");
        for (int itype : {2, 3}) {
            FactorPtr g;
            ASSERT_EQ(create(g, itype, am, bm), FL_OK) << fl_last_error();
            EXPECT_ERROR(
                fl_factor_solve_shifted(g.get(), Dtype<T>::value, 1, shifts, nrhs, l, c.data(),
                                        c.ld(), l, x.data(), l == FL_ROW_MAJOR ? nrhs : n, 0),
                FL_ERR_UNSUPPORTED, "fl_factor_solve_shifted", "itype 1",
                std::to_string(itype).c_str());
        }
    }
}

// ---- Bad input -------------------------------------------------------------------------------

template <class T>
fl_status create_raw(int itype, fl_dtype dtype, fl_layout layout, int64_t n, const void *a,
                     int64_t lda, const void *b, int64_t ldb, const fl_options *opts = nullptr) {
    fl_factor *f = reinterpret_cast<fl_factor *>(uintptr_t{0x10});
    const fl_status s =
        fl_factor_create_generalized_eigh(&f, itype, dtype, layout, n, a, lda, b, ldb, opts);
    if (s != FL_OK) {
        EXPECT_EQ(f, nullptr) << "*factor must be NULL on failure";
    } else {
        fl_factor_destroy(f);
    }
    return s;
}

TYPED_TEST(GeneralizedEigh, BadArguments) {
    using T = TypeParam;
    const char *fn = "fl_factor_create_generalized_eigh";
    const fl_dtype dt = Dtype<T>::value;
    const Matrix<T> a = Matrix<T>::from_ref(random_symmetric(4, 660), FL_COL_MAJOR);
    const Matrix<T> b = Matrix<T>::from_ref(spd_ref(4, 661), FL_COL_MAJOR);
    EXPECT_ERROR(fl_factor_create_generalized_eigh(nullptr, 1, dt, FL_COL_MAJOR, 4, a.data(), 4,
                                                   b.data(), 4, nullptr),
                 FL_ERR_INVALID_ARGUMENT, fn, "factor");
    for (int itype : {0, 4, -1})
        EXPECT_ERROR(create_raw<T>(itype, dt, FL_COL_MAJOR, 4, a.data(), 4, b.data(), 4),
                     FL_ERR_INVALID_ARGUMENT, fn, "itype", std::to_string(itype).c_str());
    EXPECT_ERROR(
        create_raw<T>(1, static_cast<fl_dtype>(99), FL_COL_MAJOR, 4, a.data(), 4, b.data(), 4),
        FL_ERR_INVALID_ARGUMENT, fn, "dtype", "99");
    EXPECT_ERROR(create_raw<T>(1, dt, static_cast<fl_layout>(7), 4, a.data(), 4, b.data(), 4),
                 FL_ERR_INVALID_ARGUMENT, fn, "layout", "7");
    EXPECT_ERROR(create_raw<T>(1, dt, FL_COL_MAJOR, -2, a.data(), 4, b.data(), 4),
                 FL_ERR_INVALID_ARGUMENT, fn, "n", "-2");
    EXPECT_ERROR(create_raw<T>(1, dt, FL_COL_MAJOR, 4, nullptr, 4, b.data(), 4),
                 FL_ERR_INVALID_ARGUMENT, fn, "a", "NULL");
    EXPECT_ERROR(create_raw<T>(1, dt, FL_COL_MAJOR, 4, a.data(), 3, b.data(), 4),
                 FL_ERR_INVALID_ARGUMENT, fn, "lda", "3");
    EXPECT_ERROR(create_raw<T>(1, dt, FL_COL_MAJOR, 4, a.data(), 4, nullptr, 4),
                 FL_ERR_INVALID_ARGUMENT, fn, "b", "NULL");
    EXPECT_ERROR(create_raw<T>(1, dt, FL_ROW_MAJOR, 4, a.data(), 4, b.data(), 2),
                 FL_ERR_INVALID_ARGUMENT, fn, "ldb", "2");
    EXPECT_ERROR(create_raw<T>(1, dt, FL_COL_MAJOR, int64_t(1) << 32, a.data(), int64_t(1) << 32,
                               b.data(), int64_t(1) << 32),
                 FL_ERR_TOO_LARGE, fn, "n");

    // NULL is accepted for an empty matrix, as everywhere.
    EXPECT_EQ(create_raw<T>(2, dt, FL_ROW_MAJOR, 0, nullptr, 1, nullptr, 1), FL_OK)
        << fl_last_error();

    fl_options *raw = nullptr;
    ASSERT_EQ(fl_options_create(&raw), FL_OK);
    OptionsPtr opts(raw);
    ASSERT_EQ(fl_options_set_int(raw, FL_OPT_PRECISION, FL_PRECISION_MIXED), FL_OK);
    EXPECT_ERROR(create_raw<T>(1, dt, FL_COL_MAJOR, 4, a.data(), 4, b.data(), 4, raw),
                 FL_ERR_UNSUPPORTED, fn, "FL_OPT_PRECISION");
    ASSERT_EQ(fl_options_set_int(raw, FL_OPT_PRECISION, FL_PRECISION_NATIVE), FL_OK);
    ASSERT_EQ(fl_options_set_int(raw, FL_OPT_STORAGE, FL_STORAGE_RFP), FL_OK);
    EXPECT_ERROR(create_raw<T>(1, dt, FL_COL_MAJOR, 4, a.data(), 4, b.data(), 4, raw),
                 FL_ERR_UNSUPPORTED, fn, "FL_OPT_STORAGE");
}

// NaN/Inf in the triangle read (even with FL_OPT_CHECK_FINITE = 0) names the matrix; the
// other triangle is never read; a B that is not positive definite names b and the minor.
TYPED_TEST(GeneralizedEigh, NonFiniteAndNotPositiveDefinite) {
    using T = TypeParam;
    const char *fn = "fl_factor_create_generalized_eigh";
    const fl_dtype dt = Dtype<T>::value;
    OptionsPtr unchecked = make_options(0, FL_LOWER);
    for (fl_layout l : kLayouts) {
        SCOPED_TRACE(layout_name(l));
        Matrix<T> a = Matrix<T>::from_ref(random_symmetric(5, 670), l);
        Matrix<T> b = Matrix<T>::from_ref(spd_ref(5, 671), l);
        const Matrix<T> a0 = a, b0 = b;
        // Row 3, column 1 is in the lower triangle read.
        a(3, 1) = std::numeric_limits<T>::quiet_NaN();
        const fl_options *checks[] = {nullptr, unchecked.get()};
        for (const fl_options *o : checks)
            EXPECT_ERROR(create_raw<T>(1, dt, l, 5, a.data(), a.ld(), b.data(), b.ld(), o),
                         FL_ERR_NON_FINITE, fn, "a");
        a = a0;
        b(4, 2) = std::numeric_limits<T>::infinity();
        EXPECT_ERROR(
            create_raw<T>(2, dt, l, 5, a.data(), a.ld(), b.data(), b.ld(), unchecked.get()),
            FL_ERR_NON_FINITE, fn, "b");
        // The upper triangle is not read.
        b = b0;
        b(1, 3) = std::numeric_limits<T>::quiet_NaN();
        a(0, 4) = std::numeric_limits<T>::quiet_NaN();
        EXPECT_EQ(create_raw<T>(3, dt, l, 5, a.data(), a.ld(), b.data(), b.ld()), FL_OK)
            << fl_last_error();
        // B indefinite at its third leading minor.
        b = Matrix<T>::from_ref(identity_ref(5), l);
        b(2, 2) = T(-1);
        EXPECT_ERROR(create_raw<T>(1, dt, l, 5, a.data(), a.ld(), b.data(), b.ld()),
                     FL_ERR_NOT_POSITIVE_DEFINITE, fn, "b is not positive definite", "order 3");
    }
}

}  // namespace
}  // namespace fltest
