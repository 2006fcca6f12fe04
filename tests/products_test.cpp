// Products with A^-1 (fl_factor_quadratic_form, _bilinear_form, _sandwich, _trace_solve,
// _inverse_diagonal, _mahalanobis) through the public C API, for every kind, both dtypes and
// every layout, against long double references made from a Gauss-Jordan inverse of the
// matrix the library saw (rounded to the dtype).
//
// Accuracy: each result R of a product P with A^-1 must satisfy
//     max |R - R_ref| / (n eps cond_1(A) bound(P)) < kResidualThreshold
// where bound(P) bounds the size of R's entries by 1-norms (||A^-1|| ||Y|| ||W|| for
// Y^T A^-1 W, ...). A solve's forward error is of order n eps cond(A) times its result, and
// these products inherit it; a wrong result (a transposed inverse, a swapped layout, an
// unwritten element) is off by the size of the result itself, far beyond the threshold.
#include "constructed_matrices.hpp"
#include "error_expect.hpp"

#include <cmath>
#include <thread>

namespace fltest {
namespace {

FLTEST_TYPED_SUITE(Products);

constexpr fl_factor_kind kSquareKinds[] = {FL_FACTOR_LU,  FL_FACTOR_CHOLESKY, FL_FACTOR_LDLT,
                                           FL_FACTOR_QR,  FL_FACTOR_COD,      FL_FACTOR_SVD,
                                           FL_FACTOR_EIGH};

bool symmetric_kind(fl_factor_kind kind) {
    return kind == FL_FACTOR_CHOLESKY || kind == FL_FACTOR_LDLT || kind == FL_FACTOR_EIGH;
}

// A test matrix that suits `kind`: symmetric positive definite for Cholesky, symmetric
// indefinite for LDL^T and EIGH, a general one for the rest.
Ref matrix_for(fl_factor_kind kind, int64_t n, uint64_t seed) {
    if (kind == FL_FACTOR_CHOLESKY) return spd_ref(n, seed);
    if (symmetric_kind(kind))
        return with_eigenvalues(signed_spectrum(n - n / 2, n / 2, 0.5L, 4.0L, seed), seed);
    return diag_dominant_ref(n, seed, 2.0L + std::sqrt(static_cast<long double>(n)));
}

// A factored matrix and what the references need.
template <class T>
struct Factored {
    FactorPtr f;
    Ref inv;                   // A^-1 of the rounded A, in long double
    long double cond = 1;      // ||A||_1 ||A^-1||_1
    long double inv_norm = 0;  // ||A^-1||_1
    int64_t n = 0;
};

// Factors `exact` (rounded to T) as `kind`; a symmetric kind reads only triangle `tri`, the
// other one holding NaN.
template <class T>
Factored<T> factored(fl_factor_kind kind, const Ref &exact, fl_layout layout, fl_triangle tri) {
    const Matrix<T> m = symmetric_kind(kind) ? one_triangle<T>(exact, tri, layout, 1)
                                             : Matrix<T>::from_ref(exact, layout, 1);
    const OptionsPtr options = make_options(1, tri);
    Factored<T> out;
    EXPECT_EQ(make_factor(out.f, kind, m, options.get()), FL_OK) << fl_last_error();
    out.n = exact.rows;
    const Ref a = rounded<T>(exact);
    EXPECT_TRUE(ref_inverse(a, out.inv));
    out.inv_norm = norm1(out.inv);
    out.cond = std::max(1.0L, norm1(a) * out.inv_norm);
    return out;
}

// max |got - want| / (n eps bound), infinite when got holds NaN (an unwritten element).
template <class T>
double scaled_error(const Ref &got, const Ref &want, long double bound, int64_t n) {
    long double worst = 0;
    for (size_t i = 0; i < got.v.size(); ++i) {
        const long double d = std::fabs(got.v[i] - want.v[i]);
        if (!(d == d)) return std::numeric_limits<double>::infinity();
        worst = std::max(worst, d);
    }
    return ratio(worst, static_cast<long double>(std::max<int64_t>(n, 1)) * eps<T>() * bound);
}

// An output matrix full of NaN, with NaN padding that must survive the call.
template <class T>
Matrix<T> nan_output(int64_t rows, int64_t cols, fl_layout layout) {
    Matrix<T> out(rows, cols, layout, 1);
    out.fill(std::numeric_limits<T>::quiet_NaN());
    return out;
}

template <class T>
Ref random_input(int64_t rows, int64_t cols, fl_layout layout, uint64_t seed, Matrix<T> &m) {
    const Ref r = rounded<T>(random_ref(rows, cols, seed));
    m = Matrix<T>::from_ref(r, layout, 1);  // NaN padding: never read
    return r;
}

long double trace_of(const Ref &a) {
    long double t = 0;
    for (int64_t i = 0; i < a.rows; ++i) t += a(i, i);
    return t;
}

// ---- The six products, called and checked against their references -----------------------

template <class T>
void check_quadratic_form(const Factored<T> &c, int64_t k, fl_layout y_layout, fl_layout out_layout,
                          bool symmetric) {
    SCOPED_TRACE("quadratic form, k = " + std::to_string(k) + ", y " + layout_name(y_layout) +
                 ", out " + layout_name(out_layout));
    Matrix<T> y;
    const Ref yr = random_input<T>(c.n, k, y_layout, 11 + static_cast<uint64_t>(k), y);
    Matrix<T> out = nan_output<T>(k, k, out_layout);
    const Matrix<T> before = out;
    ASSERT_EQ(fl_factor_quadratic_form(c.f.get(), Dtype<T>::value, k, y_layout, y.data(), y.ld(),
                                       out_layout, out.data(), out.ld()),
              FL_OK)
        << fl_last_error();
    EXPECT_TRUE(out.padding_equal(before));
    const Ref want = multiply(transpose(yr), multiply(c.inv, yr));
    const long double y_norm = norm1(yr);
    EXPECT_LT(scaled_error<T>(out.to_ref(), want, c.cond * c.inv_norm * y_norm * y_norm, c.n),
              kResidualThreshold);
    if (!symmetric) return;
    for (int64_t i = 0; i < k; ++i)
        for (int64_t j = 0; j < i; ++j)
            ASSERT_EQ(out(i, j), out(j, i)) << "not exactly symmetric at " << i << ", " << j;
}

template <class T>
void check_bilinear_form(const Factored<T> &c, int64_t k, int64_t p, fl_layout y_layout,
                         fl_layout w_layout, fl_layout out_layout) {
    SCOPED_TRACE("bilinear form, k = " + std::to_string(k) + ", p = " + std::to_string(p) + ", y " +
                 layout_name(y_layout) + ", w " + layout_name(w_layout) + ", out " +
                 layout_name(out_layout));
    Matrix<T> y, w;
    const Ref yr = random_input<T>(c.n, k, y_layout, 21, y),
              wr = random_input<T>(c.n, p, w_layout, 22, w);
    Matrix<T> out = nan_output<T>(k, p, out_layout);
    const Matrix<T> before = out;
    ASSERT_EQ(fl_factor_bilinear_form(c.f.get(), Dtype<T>::value, k, y_layout, y.data(), y.ld(), p,
                                      w_layout, w.data(), w.ld(), out_layout, out.data(), out.ld()),
              FL_OK)
        << fl_last_error();
    EXPECT_TRUE(out.padding_equal(before));
    const Ref want = multiply(transpose(yr), multiply(c.inv, wr));
    EXPECT_LT(scaled_error<T>(out.to_ref(), want, c.cond * c.inv_norm * norm1(yr) * norm1(wr), c.n),
              kResidualThreshold);
}

template <class T>
void check_sandwich(const Factored<T> &c, fl_layout y_layout, fl_layout out_layout) {
    SCOPED_TRACE(std::string("sandwich, y ") + layout_name(y_layout) + ", out " +
                 layout_name(out_layout));
    Matrix<T> y;
    const Ref yr = random_input<T>(c.n, c.n, y_layout, 31, y);
    Matrix<T> out = nan_output<T>(c.n, c.n, out_layout);
    const Matrix<T> before = out;
    ASSERT_EQ(fl_factor_sandwich(c.f.get(), Dtype<T>::value, y_layout, y.data(), y.ld(), out_layout,
                                 out.data(), out.ld()),
              FL_OK)
        << fl_last_error();
    EXPECT_TRUE(out.padding_equal(before));
    const Ref want = multiply(multiply(c.inv, yr), c.inv);
    EXPECT_LT(
        scaled_error<T>(out.to_ref(), want, c.cond * c.inv_norm * c.inv_norm * norm1(yr), c.n),
        kResidualThreshold);
}

template <class T>
void check_trace_solve(const Factored<T> &c, fl_layout y_layout) {
    SCOPED_TRACE(std::string("trace, y ") + layout_name(y_layout));
    Matrix<T> y;
    const Ref yr = random_input<T>(c.n, c.n, y_layout, 41, y);
    double trace = std::nan("");
    ASSERT_EQ(fl_factor_trace_solve(c.f.get(), Dtype<T>::value, y_layout, y.data(), y.ld(), &trace),
              FL_OK)
        << fl_last_error();
    Ref got(1, 1), want(1, 1);
    got(0, 0) = trace;
    want(0, 0) = trace_of(multiply(c.inv, yr));
    // |trace| <= n max |entry| <= n ||A^-1||_1 ||Y||_1.
    EXPECT_LT(scaled_error<T>(got, want,
                              static_cast<long double>(c.n) * c.cond * c.inv_norm * norm1(yr), c.n),
              kResidualThreshold);
}

template <class T>
void check_inverse_diagonal(const Factored<T> &c) {
    SCOPED_TRACE("inverse diagonal");
    std::vector<T> diag(static_cast<size_t>(c.n) + 1, std::numeric_limits<T>::quiet_NaN());
    ASSERT_EQ(fl_factor_inverse_diagonal(c.f.get(), Dtype<T>::value, diag.data()), FL_OK)
        << fl_last_error();
    EXPECT_TRUE(std::isnan(diag.back())) << "wrote past the n values";
    Ref got(c.n, 1), want(c.n, 1);
    for (int64_t i = 0; i < c.n; ++i) {
        got(i, 0) = diag[static_cast<size_t>(i)];
        want(i, 0) = c.inv(i, i);
    }
    EXPECT_LT(scaled_error<T>(got, want, c.cond * c.inv_norm, c.n), kResidualThreshold);
}

template <class T>
void check_mahalanobis(const Factored<T> &c, int64_t k, fl_layout y_layout) {
    SCOPED_TRACE("mahalanobis, k = " + std::to_string(k) + ", y " + layout_name(y_layout));
    Matrix<T> y;
    const Ref yr = random_input<T>(c.n, k, y_layout, 51 + static_cast<uint64_t>(k), y);
    std::vector<T> out(static_cast<size_t>(k) + 1, std::numeric_limits<T>::quiet_NaN());
    ASSERT_EQ(fl_factor_mahalanobis(c.f.get(), Dtype<T>::value, k, y_layout, y.data(), y.ld(),
                                    out.data()),
              FL_OK)
        << fl_last_error();
    EXPECT_TRUE(std::isnan(out.back())) << "wrote past the k values";
    const Ref z = multiply(c.inv, yr);
    Ref got(k, 1), want(k, 1);
    for (int64_t j = 0; j < k; ++j) {
        got(j, 0) = out[static_cast<size_t>(j)];
        for (int64_t i = 0; i < c.n; ++i) want(j, 0) += yr(i, j) * z(i, j);
    }
    const long double y_norm = norm1(yr);
    EXPECT_LT(scaled_error<T>(got, want, c.cond * c.inv_norm * y_norm * y_norm, c.n),
              kResidualThreshold);
}

// Every product, every layout, a few widths (k = 1 and 5 take both of Cholesky's routes
// for row-major Y at n = 40; n = 130 spans two blocks of the diagonal solves).
template <class T>
void check_all_products(const Factored<T> &c, bool symmetric) {
    for (fl_layout yl : kLayouts) {
        for (fl_layout ol : kLayouts) {
            for (int64_t k : {1, 5, 33}) check_quadratic_form(c, k, yl, ol, symmetric);
            check_sandwich(c, yl, ol);
            for (fl_layout wl : kLayouts) {
                check_bilinear_form(c, 3, 7, yl, wl, ol);
                check_bilinear_form(c, 7, 3, yl, wl, ol);
            }
        }
        check_trace_solve(c, yl);
        for (int64_t k : {1, 5, 40}) check_mahalanobis(c, k, yl);
    }
    check_inverse_diagonal(c);
}

TYPED_TEST(Products, EveryKindEveryLayout) {
    using T = TypeParam;
    for (fl_factor_kind kind : kSquareKinds)
        for (int64_t n : {1, 7, 40, 130})
            for (fl_layout a_layout : kLayouts)
                for (fl_triangle tri : kTriangles) {
                    if (!symmetric_kind(kind) && tri == FL_UPPER)
                        continue;  // the triangle is not read
                    SCOPED_TRACE("kind " + std::to_string(kind) + ", n = " + std::to_string(n) +
                                 ", a " + layout_name(a_layout) + ", " + triangle_name(tri));
                    const Factored<T> c = factored<T>(
                        kind, matrix_for(kind, n, 100 + static_cast<uint64_t>(n)), a_layout, tri);
                    ASSERT_TRUE(c.f);
                    check_all_products(c, symmetric_kind(kind));
                }
}

// Condition numbers near what each dtype can still resolve: the errors grow with cond(A)
// as a solve's do, and no faster.
TYPED_TEST(Products, IllConditionedSpd) {
    using T = TypeParam;
    const long double smallest = std::is_same_v<T, float> ? 1e-4L : 1e-11L;
    const int64_t n = 30;
    std::vector<long double> spectrum(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i)
        spectrum[static_cast<size_t>(i)] = std::pow(smallest, i / (n - 1.0L));
    const Ref a = with_eigenvalues(spectrum, 7);
    for (fl_factor_kind kind : {FL_FACTOR_CHOLESKY, FL_FACTOR_LU, FL_FACTOR_EIGH})
        for (fl_triangle tri : kTriangles) {
            if (!symmetric_kind(kind) && tri == FL_UPPER) continue;
            SCOPED_TRACE("kind " + std::to_string(kind) + ", " + triangle_name(tri));
            const Factored<T> c = factored<T>(kind, a, FL_ROW_MAJOR, tri);
            ASSERT_TRUE(c.f);
            EXPECT_GT(c.cond, 1 / (100 * smallest));  // it really is ill-conditioned
            check_all_products(c, symmetric_kind(kind));
        }
}

// EIGH of a singular A applies the pseudo-inverse, known here from the construction:
// A = Q diag(d) Q^T, A^+ = Q diag(d^+) Q^T.
TYPED_TEST(Products, EighPseudoInverse) {
    using T = TypeParam;
    const int64_t n = 12;
    std::vector<long double> d(static_cast<size_t>(n)), d_plus(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i) {
        d[static_cast<size_t>(i)] = i < 4 ? 0.0L : (i % 2 ? 1.0L : -2.0L) * (1 + i / 8.0L);
        d_plus[static_cast<size_t>(i)] =
            d[static_cast<size_t>(i)] == 0 ? 0.0L : 1 / d[static_cast<size_t>(i)];
    }
    const Ref q = random_orthogonal(n, 5);
    // The exact A is not what the library sees; the pseudo-inverse of the rounded A is that
    // of A up to eps times the gap, which cond = 2 * 2.5 / 1 covers.
    Matrix<T> m = Matrix<T>::from_ref(q_diag_qt(q, d), FL_COL_MAJOR);
    Factored<T> c;
    ASSERT_EQ(make_factor(c.f, FL_FACTOR_EIGH, m), FL_OK) << fl_last_error();
    c.n = n;
    c.inv = q_diag_qt(q, d_plus);
    c.inv_norm = norm1(c.inv);
    c.cond = 8;
    check_all_products(c, true);
}

// 1-by-1 matrices, k = 0, and 0-by-0 factors, for which every product is empty or zero.
TYPED_TEST(Products, EmptyAndOneByOne) {
    using T = TypeParam;
    const fl_dtype dt = Dtype<T>::value;
    Ref one(1, 1);
    one(0, 0) = 4;
    for (fl_factor_kind kind : kSquareKinds) {
        SCOPED_TRACE("kind " + std::to_string(kind));
        const Factored<T> c = factored<T>(kind, one, FL_COL_MAJOR, FL_LOWER);
        T y[3] = {2, -6, 1}, out[3] = {0, 0, 0};
        ASSERT_EQ(fl_factor_mahalanobis(c.f.get(), dt, 3, FL_ROW_MAJOR, y, 3, out), FL_OK)
            << fl_last_error();
        EXPECT_EQ(out[0], T(1));
        EXPECT_EQ(out[1], T(9));
        EXPECT_EQ(out[2], T(0.25));
        // k = 0: nothing to read or write, NULL pointers included.
        EXPECT_EQ(fl_factor_quadratic_form(c.f.get(), dt, 0, FL_COL_MAJOR, nullptr, 1, FL_ROW_MAJOR,
                                           nullptr, 1),
                  FL_OK);
        EXPECT_EQ(fl_factor_bilinear_form(c.f.get(), dt, 0, FL_COL_MAJOR, nullptr, 1, 2,
                                          FL_COL_MAJOR, y, 1, FL_COL_MAJOR, nullptr, 1),
                  FL_OK);
        EXPECT_EQ(fl_factor_mahalanobis(c.f.get(), dt, 0, FL_COL_MAJOR, nullptr, 1, nullptr),
                  FL_OK);

        FactorPtr empty;
        ASSERT_EQ(make_factor(empty, kind, Matrix<T>(0, 0, FL_COL_MAJOR)), FL_OK)
            << fl_last_error();
        T q[4] = {7, 7, 7, 7};
        ASSERT_EQ(fl_factor_quadratic_form(empty.get(), dt, 2, FL_COL_MAJOR, nullptr, 1,
                                           FL_ROW_MAJOR, q, 2),
                  FL_OK)
            << fl_last_error();
        for (T v : q) EXPECT_EQ(v, T(0));  // Y^T A^-1 Y with n = 0 is the zero matrix
        T b[6] = {7, 7, 7, 7, 7, 7};
        ASSERT_EQ(fl_factor_bilinear_form(empty.get(), dt, 2, FL_ROW_MAJOR, nullptr, 3, 3,
                                          FL_COL_MAJOR, nullptr, 1, FL_COL_MAJOR, b, 2),
                  FL_OK)
            << fl_last_error();
        for (T v : b) EXPECT_EQ(v, T(0));
        T m2[2] = {7, 7};
        ASSERT_EQ(fl_factor_mahalanobis(empty.get(), dt, 2, FL_COL_MAJOR, nullptr, 1, m2), FL_OK);
        EXPECT_EQ(m2[0], T(0));
        EXPECT_EQ(m2[1], T(0));
        double trace = 5;
        ASSERT_EQ(fl_factor_trace_solve(empty.get(), dt, FL_COL_MAJOR, nullptr, 1, &trace), FL_OK);
        EXPECT_EQ(trace, 0.0);
        EXPECT_EQ(
            fl_factor_sandwich(empty.get(), dt, FL_COL_MAJOR, nullptr, 1, FL_ROW_MAJOR, nullptr, 1),
            FL_OK);
        EXPECT_EQ(fl_factor_inverse_diagonal(empty.get(), dt, nullptr), FL_OK);
    }
}

// Y is not checked for NaN (as in fl_factor_solve): it propagates to the results that
// depend on it, and only to those.
// NaN in Y: FL_ERR_NON_FINITE by default; with FL_OPT_CHECK_FINITE = 0 on the factor it
// reaches only its own column's result.
TYPED_TEST(Products, NanPropagates) {
    using T = TypeParam;
    const int64_t n = 6;
    for (fl_factor_kind kind : {FL_FACTOR_CHOLESKY, FL_FACTOR_LU, FL_FACTOR_EIGH}) {
        SCOPED_TRACE("kind " + std::to_string(kind));
        Factored<T> c = factored<T>(kind, matrix_for(kind, n, 3), FL_COL_MAJOR, FL_LOWER);
        Matrix<T> y = Matrix<T>::from_ref(random_ref(n, 3, 4), FL_COL_MAJOR);
        y(2, 1) = std::numeric_limits<T>::quiet_NaN();
        T out[3];
        EXPECT_EQ(fl_factor_mahalanobis(c.f.get(), Dtype<T>::value, 3, FL_COL_MAJOR, y.data(),
                                        y.ld(), out),
                  FL_ERR_NON_FINITE);
        const OptionsPtr off = make_options(0, FL_LOWER);
        const Matrix<T> m = Matrix<T>::from_ref(matrix_for(kind, n, 3), FL_COL_MAJOR, 1);
        ASSERT_EQ(make_factor(c.f, kind, m, off.get()), FL_OK);
        ASSERT_EQ(fl_factor_mahalanobis(c.f.get(), Dtype<T>::value, 3, FL_COL_MAJOR, y.data(),
                                        y.ld(), out),
                  FL_OK);
        EXPECT_TRUE(std::isfinite(out[0]));
        EXPECT_TRUE(std::isnan(out[1]));
        EXPECT_TRUE(std::isfinite(out[2]));
    }
}

// One handle, many threads: every product is const and keeps its scratch per call (and per
// thread), so concurrent calls give the results of a lone call (to rounding: the BLAS may
// split a call differently while other threads hold its workers).
TEST(ProductThreads, SharedHandle) {
    const int64_t n = 300, k = 40;  // large enough for mapped scratch blocks
    FactorPtr f;
    ASSERT_EQ(
        make_factor(f, FL_FACTOR_CHOLESKY, Matrix<double>::from_ref(spd_ref(n, 9), FL_ROW_MAJOR)),
        FL_OK);
    const Matrix<double> y = Matrix<double>::from_ref(random_ref(n, k, 10), FL_ROW_MAJOR);
    const auto products = [&](std::vector<double> &q, std::vector<double> &m,
                              std::vector<double> &d, double &t) {
        q.assign(static_cast<size_t>(k * k), 0.0);
        m.assign(static_cast<size_t>(k), 0.0);
        d.assign(static_cast<size_t>(n), 0.0);
        const Matrix<double> sq = Matrix<double>::from_ref(random_ref(n, n, 11), FL_COL_MAJOR);
        return fl_factor_quadratic_form(f.get(), FL_FLOAT64, k, FL_ROW_MAJOR, y.data(), y.ld(),
                                        FL_ROW_MAJOR, q.data(), k) == FL_OK &&
               fl_factor_mahalanobis(f.get(), FL_FLOAT64, k, FL_ROW_MAJOR, y.data(), y.ld(),
                                     m.data()) == FL_OK &&
               fl_factor_inverse_diagonal(f.get(), FL_FLOAT64, d.data()) == FL_OK &&
               fl_factor_trace_solve(f.get(), FL_FLOAT64, FL_COL_MAJOR, sq.data(), sq.ld(), &t) ==
                   FL_OK;
    };
    const auto close = [](const std::vector<double> &a, const std::vector<double> &b) {
        if (a.size() != b.size()) return false;
        for (size_t i = 0; i < a.size(); ++i)
            if (!(std::fabs(a[i] - b[i]) <= 1e-12 * std::fabs(b[i]))) return false;
        return true;
    };
    std::vector<double> q0, m0, d0;
    double t0 = 0;
    ASSERT_TRUE(products(q0, m0, d0, t0)) << fl_last_error();
    constexpr int threads = 4;
    std::vector<int> same(threads, 0);
    std::vector<std::thread> pool;
    for (int i = 0; i < threads; ++i)
        pool.emplace_back([&, i] {
            std::vector<double> q, m, d;
            double t = 0;
            bool ok = true;
            for (int round = 0; round < 5 && ok; ++round)
                ok = products(q, m, d, t) && close(q, q0) && close(m, m0) && close(d, d0) &&
                     close({t}, {t0});
            same[static_cast<size_t>(i)] = ok;
        });
    for (std::thread &t : pool) t.join();
    for (int i = 0; i < threads; ++i) EXPECT_TRUE(same[static_cast<size_t>(i)]) << "thread " << i;
}

// ---- Errors ---------------------------------------------------------------------------------

class ProductErrors : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_EQ(make_factor(chol, FL_FACTOR_CHOLESKY,
                              Matrix<double>::from_ref(spd_ref(n, 1), FL_COL_MAJOR)),
                  FL_OK);
        ASSERT_EQ(make_factor(tall, FL_FACTOR_QR,
                              Matrix<double>::from_ref(random_ref(5, 3, 2), FL_COL_MAJOR)),
                  FL_OK);
    }
    static constexpr int64_t n = 4;
    FactorPtr chol, tall;
    std::vector<double> y = std::vector<double>(n * n, 1.0), w = std::vector<double>(n * n, 1.0),
                        out = std::vector<double>(n * n, 0.0);
};

TEST_F(ProductErrors, QuadraticForm) {
    const char *fn = "fl_factor_quadratic_form";
    const fl_factor *f = chol.get();
    double *o = out.data();
    const double *yp = y.data();
    EXPECT_ERROR(
        fl_factor_quadratic_form(nullptr, FL_FLOAT64, 2, FL_COL_MAJOR, yp, n, FL_COL_MAJOR, o, 2),
        FL_ERR_INVALID_ARGUMENT, fn, "factor is NULL");
    EXPECT_ERROR(fl_factor_quadratic_form(f, static_cast<fl_dtype>(9), 2, FL_COL_MAJOR, yp, n,
                                          FL_COL_MAJOR, o, 2),
                 FL_ERR_INVALID_ARGUMENT, fn, "dtype = 9");
    EXPECT_ERROR(
        fl_factor_quadratic_form(f, FL_FLOAT32, 2, FL_COL_MAJOR, yp, n, FL_COL_MAJOR, o, 2),
        FL_ERR_DTYPE_MISMATCH, fn, "FL_FLOAT32", "FL_FLOAT64");
    EXPECT_ERROR(
        fl_factor_quadratic_form(f, FL_FLOAT64, -1, FL_COL_MAJOR, yp, n, FL_COL_MAJOR, o, 2),
        FL_ERR_INVALID_ARGUMENT, fn, "k = -1");
    EXPECT_ERROR(fl_factor_quadratic_form(f, FL_FLOAT64, 2, static_cast<fl_layout>(0), yp, n,
                                          FL_COL_MAJOR, o, 2),
                 FL_ERR_INVALID_ARGUMENT, fn, "y's layout");
    EXPECT_ERROR(
        fl_factor_quadratic_form(f, FL_FLOAT64, 2, FL_COL_MAJOR, yp, 3, FL_COL_MAJOR, o, 2),
        FL_ERR_INVALID_ARGUMENT, fn, "ldy = 3", "n = 4");
    EXPECT_ERROR(
        fl_factor_quadratic_form(f, FL_FLOAT64, 2, FL_COL_MAJOR, nullptr, n, FL_COL_MAJOR, o, 2),
        FL_ERR_INVALID_ARGUMENT, fn, "y is NULL");
    EXPECT_ERROR(fl_factor_quadratic_form(f, FL_FLOAT64, 2, FL_COL_MAJOR, yp, n,
                                          static_cast<fl_layout>(7), o, 2),
                 FL_ERR_INVALID_ARGUMENT, fn, "out's layout");
    EXPECT_ERROR(
        fl_factor_quadratic_form(f, FL_FLOAT64, 2, FL_COL_MAJOR, yp, n, FL_ROW_MAJOR, o, 1),
        FL_ERR_INVALID_ARGUMENT, fn, "ldout = 1", "k = 2");
    EXPECT_ERROR(
        fl_factor_quadratic_form(f, FL_FLOAT64, 2, FL_COL_MAJOR, yp, n, FL_COL_MAJOR, nullptr, 2),
        FL_ERR_INVALID_ARGUMENT, fn, "out is NULL");
    EXPECT_ERROR(fl_factor_quadratic_form(f, FL_FLOAT64, 2, FL_COL_MAJOR, y.data(), n, FL_COL_MAJOR,
                                          y.data() + 5, 2),
                 FL_ERR_INVALID_ARGUMENT, fn, "out and y overlap");
    EXPECT_ERROR(fl_factor_quadratic_form(f, FL_FLOAT64, int64_t(1) << 40, FL_COL_MAJOR, yp, n,
                                          FL_COL_MAJOR, o, 2),
                 FL_ERR_TOO_LARGE, fn, "k = ");
    EXPECT_ERROR(fl_factor_quadratic_form(tall.get(), FL_FLOAT64, 2, FL_COL_MAJOR, yp, 5,
                                          FL_COL_MAJOR, o, 2),
                 FL_ERR_UNSUPPORTED, fn, "square", "5 x 3");
    EXPECT_ERROR(
        fl_factor_quadratic_form(f, FL_FLOAT64, 2, FL_COL_MAJOR, yp, n, FL_COL_MAJOR, o, 2), FL_OK,
        fn);
}

TEST_F(ProductErrors, BilinearForm) {
    const char *fn = "fl_factor_bilinear_form";
    const fl_factor *f = chol.get();
    double *o = out.data();
    const double *yp = y.data(), *wp = w.data();
    EXPECT_ERROR(fl_factor_bilinear_form(nullptr, FL_FLOAT64, 2, FL_COL_MAJOR, yp, n, 3,
                                         FL_COL_MAJOR, wp, n, FL_COL_MAJOR, o, 2),
                 FL_ERR_INVALID_ARGUMENT, fn, "factor is NULL");
    EXPECT_ERROR(fl_factor_bilinear_form(f, FL_FLOAT32, 2, FL_COL_MAJOR, yp, n, 3, FL_COL_MAJOR, wp,
                                         n, FL_COL_MAJOR, o, 2),
                 FL_ERR_DTYPE_MISMATCH, fn, "FL_FLOAT32");
    EXPECT_ERROR(fl_factor_bilinear_form(f, FL_FLOAT64, -2, FL_COL_MAJOR, yp, n, 3, FL_COL_MAJOR,
                                         wp, n, FL_COL_MAJOR, o, 2),
                 FL_ERR_INVALID_ARGUMENT, fn, "k = -2");
    EXPECT_ERROR(fl_factor_bilinear_form(f, FL_FLOAT64, 2, FL_COL_MAJOR, yp, n, -3, FL_COL_MAJOR,
                                         wp, n, FL_COL_MAJOR, o, 2),
                 FL_ERR_INVALID_ARGUMENT, fn, "p = -3");
    EXPECT_ERROR(fl_factor_bilinear_form(f, FL_FLOAT64, 2, FL_ROW_MAJOR, yp, 1, 3, FL_COL_MAJOR, wp,
                                         n, FL_COL_MAJOR, o, 2),
                 FL_ERR_INVALID_ARGUMENT, fn, "ldy = 1", "k = 2");
    EXPECT_ERROR(fl_factor_bilinear_form(f, FL_FLOAT64, 2, FL_COL_MAJOR, yp, n, 3,
                                         static_cast<fl_layout>(3), wp, n, FL_COL_MAJOR, o, 2),
                 FL_ERR_INVALID_ARGUMENT, fn, "w's layout");
    EXPECT_ERROR(fl_factor_bilinear_form(f, FL_FLOAT64, 2, FL_COL_MAJOR, yp, n, 3, FL_COL_MAJOR, wp,
                                         2, FL_COL_MAJOR, o, 2),
                 FL_ERR_INVALID_ARGUMENT, fn, "ldw = 2", "n = 4");
    EXPECT_ERROR(fl_factor_bilinear_form(f, FL_FLOAT64, 2, FL_COL_MAJOR, yp, n, 3, FL_COL_MAJOR,
                                         nullptr, n, FL_COL_MAJOR, o, 2),
                 FL_ERR_INVALID_ARGUMENT, fn, "w is NULL");
    EXPECT_ERROR(fl_factor_bilinear_form(f, FL_FLOAT64, 2, FL_COL_MAJOR, yp, n, 3, FL_COL_MAJOR, wp,
                                         n, FL_ROW_MAJOR, o, 2),
                 FL_ERR_INVALID_ARGUMENT, fn, "ldout = 2", "p = 3");
    EXPECT_ERROR(fl_factor_bilinear_form(f, FL_FLOAT64, 2, FL_COL_MAJOR, yp, n, 3, FL_COL_MAJOR,
                                         w.data(), n, FL_COL_MAJOR, w.data() + 8, 2),
                 FL_ERR_INVALID_ARGUMENT, fn, "out and w overlap");
    EXPECT_ERROR(fl_factor_bilinear_form(tall.get(), FL_FLOAT64, 2, FL_COL_MAJOR, yp, 5, 3,
                                         FL_COL_MAJOR, wp, 5, FL_COL_MAJOR, o, 2),
                 FL_ERR_UNSUPPORTED, fn, "square");
}

TEST_F(ProductErrors, SandwichAndTrace) {
    const fl_factor *f = chol.get();
    double *o = out.data();
    const double *yp = y.data();
    const char *fn = "fl_factor_sandwich";
    EXPECT_ERROR(fl_factor_sandwich(nullptr, FL_FLOAT64, FL_COL_MAJOR, yp, n, FL_COL_MAJOR, o, n),
                 FL_ERR_INVALID_ARGUMENT, fn, "factor is NULL");
    EXPECT_ERROR(fl_factor_sandwich(f, FL_FLOAT32, FL_COL_MAJOR, yp, n, FL_COL_MAJOR, o, n),
                 FL_ERR_DTYPE_MISMATCH, fn, "FL_FLOAT32");
    EXPECT_ERROR(
        fl_factor_sandwich(f, FL_FLOAT64, static_cast<fl_layout>(-1), yp, n, FL_COL_MAJOR, o, n),
        FL_ERR_INVALID_ARGUMENT, fn, "y's layout");
    EXPECT_ERROR(fl_factor_sandwich(f, FL_FLOAT64, FL_COL_MAJOR, yp, 0, FL_COL_MAJOR, o, n),
                 FL_ERR_INVALID_ARGUMENT, fn, "ldy = 0");
    EXPECT_ERROR(fl_factor_sandwich(f, FL_FLOAT64, FL_COL_MAJOR, nullptr, n, FL_COL_MAJOR, o, n),
                 FL_ERR_INVALID_ARGUMENT, fn, "y is NULL");
    EXPECT_ERROR(fl_factor_sandwich(f, FL_FLOAT64, FL_COL_MAJOR, yp, n, FL_ROW_MAJOR, o, 3),
                 FL_ERR_INVALID_ARGUMENT, fn, "ldout = 3");
    EXPECT_ERROR(fl_factor_sandwich(f, FL_FLOAT64, FL_COL_MAJOR, yp, n, FL_ROW_MAJOR, nullptr, n),
                 FL_ERR_INVALID_ARGUMENT, fn, "out is NULL");
    EXPECT_ERROR(
        fl_factor_sandwich(f, FL_FLOAT64, FL_COL_MAJOR, y.data(), n, FL_COL_MAJOR, y.data(), n),
        FL_ERR_INVALID_ARGUMENT, fn, "out and y overlap");
    EXPECT_ERROR(
        fl_factor_sandwich(tall.get(), FL_FLOAT64, FL_COL_MAJOR, yp, 5, FL_COL_MAJOR, o, 5),
        FL_ERR_UNSUPPORTED, fn, "square");

    fn = "fl_factor_trace_solve";
    double trace = 0;
    EXPECT_ERROR(fl_factor_trace_solve(nullptr, FL_FLOAT64, FL_COL_MAJOR, yp, n, &trace),
                 FL_ERR_INVALID_ARGUMENT, fn, "factor is NULL");
    EXPECT_ERROR(fl_factor_trace_solve(f, FL_FLOAT32, FL_COL_MAJOR, yp, n, &trace),
                 FL_ERR_DTYPE_MISMATCH, fn, "FL_FLOAT32");
    EXPECT_ERROR(fl_factor_trace_solve(f, FL_FLOAT64, static_cast<fl_layout>(5), yp, n, &trace),
                 FL_ERR_INVALID_ARGUMENT, fn, "y's layout");
    EXPECT_ERROR(fl_factor_trace_solve(f, FL_FLOAT64, FL_ROW_MAJOR, yp, 2, &trace),
                 FL_ERR_INVALID_ARGUMENT, fn, "ldy = 2");
    EXPECT_ERROR(fl_factor_trace_solve(f, FL_FLOAT64, FL_ROW_MAJOR, nullptr, n, &trace),
                 FL_ERR_INVALID_ARGUMENT, fn, "y is NULL");
    EXPECT_ERROR(fl_factor_trace_solve(f, FL_FLOAT64, FL_ROW_MAJOR, yp, n, nullptr),
                 FL_ERR_INVALID_ARGUMENT, fn, "trace is NULL");
    EXPECT_ERROR(fl_factor_trace_solve(tall.get(), FL_FLOAT64, FL_ROW_MAJOR, yp, 5, &trace),
                 FL_ERR_UNSUPPORTED, fn, "square");
}

TEST_F(ProductErrors, DiagonalAndMahalanobis) {
    const fl_factor *f = chol.get();
    double *o = out.data();
    const double *yp = y.data();
    const char *fn = "fl_factor_inverse_diagonal";
    EXPECT_ERROR(fl_factor_inverse_diagonal(nullptr, FL_FLOAT64, o), FL_ERR_INVALID_ARGUMENT, fn,
                 "factor is NULL");
    EXPECT_ERROR(fl_factor_inverse_diagonal(f, FL_FLOAT32, o), FL_ERR_DTYPE_MISMATCH, fn,
                 "FL_FLOAT32");
    EXPECT_ERROR(fl_factor_inverse_diagonal(f, static_cast<fl_dtype>(0), o),
                 FL_ERR_INVALID_ARGUMENT, fn, "dtype = 0");
    EXPECT_ERROR(fl_factor_inverse_diagonal(f, FL_FLOAT64, nullptr), FL_ERR_INVALID_ARGUMENT, fn,
                 "diag is NULL");
    EXPECT_ERROR(fl_factor_inverse_diagonal(tall.get(), FL_FLOAT64, o), FL_ERR_UNSUPPORTED, fn,
                 "square");

    fn = "fl_factor_mahalanobis";
    EXPECT_ERROR(fl_factor_mahalanobis(nullptr, FL_FLOAT64, 2, FL_COL_MAJOR, yp, n, o),
                 FL_ERR_INVALID_ARGUMENT, fn, "factor is NULL");
    EXPECT_ERROR(fl_factor_mahalanobis(f, FL_FLOAT32, 2, FL_COL_MAJOR, yp, n, o),
                 FL_ERR_DTYPE_MISMATCH, fn, "FL_FLOAT32");
    EXPECT_ERROR(fl_factor_mahalanobis(f, FL_FLOAT64, -5, FL_COL_MAJOR, yp, n, o),
                 FL_ERR_INVALID_ARGUMENT, fn, "k = -5");
    EXPECT_ERROR(fl_factor_mahalanobis(f, FL_FLOAT64, 2, static_cast<fl_layout>(4), yp, n, o),
                 FL_ERR_INVALID_ARGUMENT, fn, "y's layout");
    EXPECT_ERROR(fl_factor_mahalanobis(f, FL_FLOAT64, 2, FL_COL_MAJOR, yp, 3, o),
                 FL_ERR_INVALID_ARGUMENT, fn, "ldy = 3");
    EXPECT_ERROR(fl_factor_mahalanobis(f, FL_FLOAT64, 2, FL_COL_MAJOR, nullptr, n, o),
                 FL_ERR_INVALID_ARGUMENT, fn, "y is NULL");
    EXPECT_ERROR(fl_factor_mahalanobis(f, FL_FLOAT64, 2, FL_COL_MAJOR, yp, n, nullptr),
                 FL_ERR_INVALID_ARGUMENT, fn, "out is NULL");
    EXPECT_ERROR(fl_factor_mahalanobis(f, FL_FLOAT64, 2, FL_COL_MAJOR, y.data(), n, y.data() + 7),
                 FL_ERR_INVALID_ARGUMENT, fn, "out and y overlap");
    EXPECT_ERROR(fl_factor_mahalanobis(tall.get(), FL_FLOAT64, 2, FL_COL_MAJOR, yp, 5, o),
                 FL_ERR_UNSUPPORTED, fn, "square");
}

}  // namespace
}  // namespace fltest
