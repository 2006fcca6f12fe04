// The C++ wrapper (fastlinalg.hpp): every wrapper called at least once and its result checked
// against a long double loop, a residual, or the C function called directly; errors surfacing
// as fastlinalg::error with the C library's status and message; handles moved and released
// (the sanitizer build catches a leak or a double destroy).
#include <fastlinalg/fastlinalg.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace fl = fastlinalg;

namespace {

template <class T>
class CppWrapper : public ::testing::Test {};
using RealTypes = ::testing::Types<float, double>;
TYPED_TEST_SUITE(CppWrapper, RealTypes);

template <class T>
double eps() {
    return static_cast<double>(std::numeric_limits<T>::epsilon());
}
// The scaled-residual threshold of the rest of the suite (LAPACK's tests use 30).
constexpr double kThreshold = 30.0;

template <class T>
fl::matrix<T> random_matrix(int64_t rows, int64_t cols, fl_layout layout, unsigned seed) {
    std::mt19937 gen(seed);
    std::uniform_real_distribution<double> u(-1.0, 1.0);
    fl::matrix<T> m(rows, cols, layout);
    for (int64_t i = 0; i < rows; ++i)
        for (int64_t j = 0; j < cols; ++j) m(i, j) = static_cast<T>(u(gen));
    return m;
}

// M M^T + n I: symmetric positive definite and well conditioned.
template <class T>
fl::matrix<T> spd_matrix(int64_t n, fl_layout layout, unsigned seed) {
    const auto m = random_matrix<T>(n, n, layout, seed);
    fl::matrix<T> a(n, n, layout);
    for (int64_t i = 0; i < n; ++i)
        for (int64_t j = 0; j < n; ++j) {
            long double s = i == j ? static_cast<long double>(n) : 0.0L;
            for (int64_t p = 0; p < n; ++p) s += static_cast<long double>(m(i, p)) * m(j, p);
            a(i, j) = static_cast<T>(s);
        }
    return a;
}

// op(A) B in long double.
template <class T>
std::vector<std::vector<long double>> product(const fl::matrix<T> &a, const fl::matrix<T> &b,
                                              bool transpose_a = false) {
    const int64_t r = transpose_a ? a.cols() : a.rows(), inner = transpose_a ? a.rows() : a.cols();
    std::vector<std::vector<long double>> c(
        static_cast<size_t>(r), std::vector<long double>(static_cast<size_t>(b.cols())));
    for (int64_t i = 0; i < r; ++i)
        for (int64_t j = 0; j < b.cols(); ++j) {
            long double s = 0;
            for (int64_t p = 0; p < inner; ++p)
                s += static_cast<long double>(transpose_a ? a(p, i) : a(i, p)) * b(p, j);
            c[static_cast<size_t>(i)][static_cast<size_t>(j)] = s;
        }
    return c;
}

template <class T>
long double max_abs(const fl::matrix<T> &m) {
    long double v = 0;
    for (T x : m.elements()) v = std::max(v, std::fabs(static_cast<long double>(x)));
    return v;
}

// max |op(A) X - B| / (max|A| max|X| n eps): LAPACK's solve residual, elementwise.
template <class T>
double solve_residual(const fl::matrix<T> &a, const fl::matrix<T> &x, const fl::matrix<T> &b,
                      bool transpose_a = false) {
    const auto ax = product(a, x, transpose_a);
    long double worst = 0;
    for (int64_t i = 0; i < b.rows(); ++i)
        for (int64_t j = 0; j < b.cols(); ++j)
            worst = std::max(
                worst, std::fabs(ax[static_cast<size_t>(i)][static_cast<size_t>(j)] - b(i, j)));
    const long double scale =
        max_abs(a) * max_abs(x) * static_cast<long double>(a.rows()) * eps<T>();
    return static_cast<double>(worst / (scale > 0 ? scale : 1));
}

// Every element of two matrices of one shape agrees to tol relative to the larger's size.
template <class T>
void expect_close(const fl::matrix<T> &got, const fl::matrix<T> &want, double tol) {
    ASSERT_EQ(got.rows(), want.rows());
    ASSERT_EQ(got.cols(), want.cols());
    const double scale = static_cast<double>(std::max(1.0L, max_abs(want))) * tol;
    for (int64_t i = 0; i < got.rows(); ++i)
        for (int64_t j = 0; j < got.cols(); ++j)
            EXPECT_NEAR(static_cast<double>(got(i, j)), static_cast<double>(want(i, j)), scale)
                << "at (" << i << ", " << j << ")";
}

// Runs `call`, which must throw fastlinalg::error with `status` and a message containing
// `words`.
template <class F>
void expect_error(F &&call, fl_status status, const std::string &words) {
    try {
        call();
        ADD_FAILURE() << "no fastlinalg::error thrown; expected " << fl_status_string(status);
    } catch (const fl::error &e) {
        EXPECT_EQ(e.status(), status) << e.what();
        EXPECT_NE(std::string(e.what()).find(words), std::string::npos)
            << "message '" << e.what() << "' lacks '" << words << "'";
    }
}

constexpr fl_layout kLayouts[] = {FL_ROW_MAJOR, FL_COL_MAJOR};

}  // namespace

// ---- runtime, options, errors ----------------------------------------------------------

TEST(CppWrapperRuntime, VersionBlasAndThreads) {
    EXPECT_EQ(fl::version(), std::string(fl_version()));
    EXPECT_EQ(fl::version_number(), FL_VERSION_NUMBER);
    EXPECT_FALSE(fl::blas_info().empty());
    EXPECT_FALSE(fl::blas_core().empty());
    EXPECT_EQ(fl::status_string(FL_ERR_SINGULAR), std::string(fl_status_string(FL_ERR_SINGULAR)));
    const int threads = fl::num_threads();
    fl::set_num_threads(1);
    EXPECT_EQ(fl::num_threads(), 1);
    fl::set_num_threads(threads);
    EXPECT_EQ(fl::num_threads(), threads);
    expect_error([] { fl::set_num_threads(0); }, FL_ERR_INVALID_ARGUMENT, "num_threads");
    EXPECT_NO_THROW(fl::check(FL_OK));
}

TEST(CppWrapperOptions, SetGetAndRejects) {
    fl::options opts;
    EXPECT_EQ(opts.get_int(FL_OPT_CHECK_FINITE), 1);
    opts.set_int(FL_OPT_CHECK_FINITE, 0)
        .set_int(FL_OPT_TRIANGLE, FL_UPPER)
        .set_real(FL_OPT_ATOL, 0.25);
    EXPECT_EQ(opts.get_int(FL_OPT_CHECK_FINITE), 0);
    EXPECT_EQ(opts.get_int(FL_OPT_TRIANGLE), FL_UPPER);
    EXPECT_EQ(opts.get_real(FL_OPT_ATOL), 0.25);
    expect_error([&] { opts.set_int(FL_OPT_RTOL, 1); }, FL_ERR_INVALID_ARGUMENT,
                 "fl_options_set_int");
    expect_error([&] { opts.set_real(FL_OPT_ATOL, -1.0); }, FL_ERR_INVALID_ARGUMENT,
                 "fl_options_set_real");
    EXPECT_EQ(opts.get_real(FL_OPT_ATOL), 0.25);  // unchanged by the rejected call

    // The upper triangle is read: a garbage lower triangle changes nothing.
    auto a = spd_matrix<double>(4, FL_ROW_MAJOR, 3);
    auto garbage = a;
    for (int64_t i = 1; i < 4; ++i)
        for (int64_t j = 0; j < i; ++j) garbage(i, j) = 100.0;
    const auto b = random_matrix<double>(4, 2, FL_ROW_MAJOR, 4);
    fl::options upper;
    upper.set_int(FL_OPT_TRIANGLE, FL_UPPER);
    const fl::factor chol(FL_FACTOR_CHOLESKY, garbage, upper);
    EXPECT_LT(solve_residual(a, chol.solve(b), b), kThreshold);
}

TEST(CppWrapperErrors, StatusAndMessageOfTheCLibrary) {
    const std::vector<double> a = {1, 2, 2, 4};  // singular
    expect_error([&] { fl::factor(FL_FACTOR_LU, fl::row_major(a.data(), 2, 2)); }, FL_ERR_SINGULAR,
                 "fl_factor_create");
    // A leading dimension too small: the C library names lda.
    expect_error([&] { fl::factor(FL_FACTOR_LU, fl::row_major(a.data(), 2, 2, 1)); },
                 FL_ERR_INVALID_ARGUMENT, "lda");
    // A shape the kind cannot take.
    const std::vector<double> wide(6, 1.0);
    expect_error([&] { fl::factor(FL_FACTOR_CHOLESKY, fl::row_major(wide.data(), 2, 3)); },
                 FL_ERR_INVALID_ARGUMENT, "fl_factor_create");
    // NaN in A.
    const std::vector<double> nan = {1, 0, 0, std::nan("")};
    expect_error([&] { fl::factor(FL_FACTOR_LU, fl::row_major(nan.data(), 2, 2)); },
                 FL_ERR_NON_FINITE, "fl_factor_create");
    // A dtype that is not the factor's.
    const auto spd = spd_matrix<double>(3, FL_ROW_MAJOR, 1);
    const fl::factor lu(FL_FACTOR_LU, spd);
    const auto bf = random_matrix<float>(3, 1, FL_ROW_MAJOR, 2);
    expect_error([&] { (void)lu.solve(bf); }, FL_ERR_DTYPE_MISMATCH, "fl_factor_solve");
    // A query the kind cannot answer.
    expect_error([&] { (void)lu.rank(); }, FL_ERR_UNSUPPORTED, "fl_factor_rank");
    // Sizes the C call cannot see are checked by the wrapper.
    const auto b4 = random_matrix<double>(4, 1, FL_ROW_MAJOR, 2);
    expect_error([&] { (void)lu.solve(b4); }, FL_ERR_DIMENSION_MISMATCH, "b.rows = 4, expected 3");
    fl::matrix<double> x_wrong(3, 2);
    const auto b3 = random_matrix<double>(3, 1, FL_ROW_MAJOR, 2);
    expect_error([&] { lu.solve(b3, x_wrong.span()); }, FL_ERR_DIMENSION_MISMATCH, "x.cols");
    // The error is a std::runtime_error too.
    try {
        fl::set_num_threads(-3);
        ADD_FAILURE();
    } catch (const std::runtime_error &e) {
        EXPECT_NE(std::string(e.what()).find("-3"), std::string::npos) << e.what();
    }
}

TEST(CppWrapperHandles, MovesReleaseAndMovedFrom) {
    const auto a = spd_matrix<double>(5, FL_COL_MAJOR, 7);
    const auto b = random_matrix<double>(5, 3, FL_COL_MAJOR, 8);
    fl::factor f(FL_FACTOR_CHOLESKY, a);
    const fl_factor *raw = f.get();
    fl::factor g = std::move(f);
    EXPECT_EQ(g.get(), raw);
    EXPECT_EQ(f.get(), nullptr);  // NOLINT(bugprone-use-after-move): the moved-from state
    expect_error([&] { (void)f.solve(b); }, FL_ERR_INVALID_ARGUMENT, "factor is NULL");
    expect_error([&] { (void)f.rcond(); }, FL_ERR_INVALID_ARGUMENT, "fl_factor_rcond");
    EXPECT_LT(solve_residual(a, g.solve(b), b), kThreshold);
    std::vector<fl::factor> many;
    for (int i = 0; i < 8; ++i) many.emplace_back(FL_FACTOR_LU, a);  // reallocations move them
    for (const auto &h : many) EXPECT_LT(solve_residual(a, h.solve(b), b), kThreshold);
    // release hands the handle back to C, which destroys it.
    fl_factor *released = g.release();
    EXPECT_EQ(g.get(), nullptr);
    fl_factor_destroy(released);
    // Adopting a C handle.
    fl_factor *made = nullptr;
    ASSERT_EQ(fl_factor_create(&made, FL_FACTOR_LU, FL_FLOAT64, a.layout(), 5, 5, a.data(), a.ld(),
                               nullptr),
              FL_OK);
    const fl::factor adopted(made);
    EXPECT_EQ(adopted.kind(), FL_FACTOR_LU);
    fl::options o1;
    fl::options o2 = std::move(o1);
    EXPECT_EQ(o2.get_int(FL_OPT_CHECK_FINITE), 1);
    fl::kernel k1(FL_KERNEL_GAUSSIAN, FL_METRIC_ISOTROPIC, 2, {1.0}, 1.0);
    fl::kernel k2 = std::move(k1);
    EXPECT_NE(k2.get(), nullptr);
}

// ---- dense factors -----------------------------------------------------------------------

TYPED_TEST(CppWrapper, SolveEveryDenseKindBothLayouts) {
    using T = TypeParam;
    const int64_t n = 7;
    for (fl_layout layout : kLayouts) {
        const auto a = spd_matrix<T>(n, layout, 11);
        const auto b =
            random_matrix<T>(n, 4, layout == FL_ROW_MAJOR ? FL_COL_MAJOR : FL_ROW_MAJOR, 12);
        for (fl_factor_kind kind : {FL_FACTOR_LU, FL_FACTOR_CHOLESKY, FL_FACTOR_LDLT, FL_FACTOR_QR,
                                    FL_FACTOR_COD, FL_FACTOR_SVD, FL_FACTOR_EIGH, FL_FACTOR_AUTO}) {
            const fl::factor f(kind, a);
            EXPECT_EQ(f.dtype(), fl::dtype_v<T>);
            EXPECT_EQ(f.rows(), n);
            EXPECT_EQ(f.cols(), n);
            const auto x = f.solve(b);
            EXPECT_EQ(x.layout(), b.layout());
            EXPECT_LT(solve_residual(a, x, b), kThreshold) << "kind " << kind;
            // Into a span of the other layout: the same solution.
            fl::matrix<T> x2(n, 4, layout);
            f.solve(b.view(), x2.span());
            expect_close(x2, x, 10 * eps<T>());
        }
        EXPECT_EQ(fl::factor(FL_FACTOR_AUTO, a).kind(), FL_FACTOR_CHOLESKY);
    }
}

TYPED_TEST(CppWrapper, TransposedSolveInPlaceAndRawPointers) {
    using T = TypeParam;
    const int64_t n = 6;
    const auto a = random_matrix<T>(n, n, FL_ROW_MAJOR, 21);
    std::vector<T> b(static_cast<size_t>(n * 2));
    for (size_t i = 0; i < b.size(); ++i) b[i] = static_cast<T>(i % 5) - T(2);
    const fl::factor lu(FL_FACTOR_LU, fl::row_major(a.data(), n, n));
    const auto x = lu.solve(fl::col_major(b.data(), n, 2), FL_TRANS);
    fl::matrix<T> bm(n, 2, FL_COL_MAJOR);
    bm.elements() = b;
    EXPECT_LT(solve_residual(a, x, bm, true), kThreshold);
    // In place: X over B.
    lu.solve(fl::col_major(b.data(), n, 2), fl::col_major(b.data(), n, 2), FL_TRANS);
    fl::matrix<T> xin(n, 2, FL_COL_MAJOR);
    xin.elements() = b;
    expect_close(xin, x, 10 * eps<T>());
}

TYPED_TEST(CppWrapper, LogdetRcondInverseInertia) {
    using T = TypeParam;
    // det = 4 (3 2 - 1) - 1 (2 - 0) = 18.
    const std::vector<T> a = {4, 1, 0, 1, 3, 1, 0, 1, 2};
    const auto av = fl::row_major(a.data(), 3, 3);
    for (fl_factor_kind kind : {FL_FACTOR_LU, FL_FACTOR_CHOLESKY, FL_FACTOR_LDLT, FL_FACTOR_EIGH}) {
        const fl::factor f(kind, av);
        const auto ld = f.logdet();
        EXPECT_EQ(ld.sign, 1.0);
        EXPECT_NEAR(ld.logabsdet, std::log(18.0), 100 * eps<T>());
        const double rc = f.rcond();
        double want = 0;
        ASSERT_EQ(fl_factor_rcond(f.get(), &want), FL_OK);
        EXPECT_EQ(rc, want);
        EXPECT_GT(rc, 0.0);
        const auto inv = f.template inverse<T>(FL_COL_MAJOR);
        fl::matrix<T> am(3, 3);
        am.elements() = a;
        const auto ai = product(am, inv);
        for (int i = 0; i < 3; ++i)
            for (int j = 0; j < 3; ++j)
                EXPECT_NEAR(static_cast<double>(ai[static_cast<size_t>(i)][static_cast<size_t>(j)]),
                            i == j ? 1.0 : 0.0, 100 * eps<T>());
        if (kind == FL_FACTOR_LU) continue;  // LU reveals no inertia
        const auto in = f.inertia();
        EXPECT_EQ(in.positive, 3);
        EXPECT_EQ(in.negative, 0);
        EXPECT_EQ(in.zero, 0);
    }
    // An indefinite matrix: eigenvalues 3 and -1, det -3.
    const std::vector<T> s = {1, 2, 2, 1};
    const fl::factor ldlt(FL_FACTOR_LDLT, fl::row_major(s.data(), 2, 2));
    const auto in = ldlt.inertia();
    EXPECT_EQ(in.positive, 1);
    EXPECT_EQ(in.negative, 1);
    EXPECT_EQ(ldlt.logdet().sign, -1.0);
    fl::matrix<T> out(2, 2, FL_ROW_MAJOR);
    ldlt.inverse(out.span());  // [[1, 2], [2, 1]]^-1 = [[-1, 2], [2, -1]] / 3
    EXPECT_NEAR(static_cast<double>(out(0, 0)), -1.0 / 3, 10 * eps<T>());
    EXPECT_NEAR(static_cast<double>(out(0, 1)), 2.0 / 3, 10 * eps<T>());
}

TYPED_TEST(CppWrapper, RankPartsApplyQResidualNorms) {
    using T = TypeParam;
    // A 6-by-4 matrix of rank 2: two random columns and two sums of them.
    auto a = random_matrix<T>(6, 4, FL_COL_MAJOR, 31);
    for (int64_t i = 0; i < 6; ++i) {
        a(i, 2) = a(i, 0) + a(i, 1);
        a(i, 3) = a(i, 0) - a(i, 1);
    }
    EXPECT_EQ(fl::factor(FL_FACTOR_SVD, a).rank(), 2);
    EXPECT_EQ(fl::factor(FL_FACTOR_COD, a).rank(), 2);

    const auto full = random_matrix<T>(6, 4, FL_ROW_MAJOR, 32);
    const fl::factor qr(FL_FACTOR_QR, full);
    EXPECT_EQ(qr.part_shape(FL_PART_Q), std::make_pair(int64_t{6}, int64_t{4}));
    const auto q = qr.template part<T>(FL_PART_Q);
    const auto r = qr.template part<T>(FL_PART_R, FL_COL_MAJOR);
    // Q R = A.
    const auto qr_product = product(q, r);
    for (int64_t i = 0; i < 6; ++i)
        for (int64_t j = 0; j < 4; ++j)
            EXPECT_NEAR(
                static_cast<double>(qr_product[static_cast<size_t>(i)][static_cast<size_t>(j)]),
                static_cast<double>(full(i, j)), 50 * eps<T>());
    // Q^T then Q gives C back.
    const auto c = random_matrix<T>(6, 3, FL_ROW_MAJOR, 33);
    auto work = c;
    qr.apply_q(work.span(), FL_TRANS);
    qr.apply_q(work.span(), FL_NO_TRANS);
    expect_close(work, c, 50 * eps<T>());
    // Residual norms against ||b - A x|| of the least-squares x.
    const auto b = random_matrix<T>(6, 3, FL_COL_MAJOR, 34);
    const auto norms = qr.residual_norms(b);
    const auto x = qr.solve(b);
    const auto ax = product(full, x);
    ASSERT_EQ(norms.size(), 3u);
    for (int64_t j = 0; j < 3; ++j) {
        long double s = 0;
        for (int64_t i = 0; i < 6; ++i) {
            const long double d = b(i, j) - ax[static_cast<size_t>(i)][static_cast<size_t>(j)];
            s += d * d;
        }
        EXPECT_NEAR(static_cast<double>(norms[static_cast<size_t>(j)]),
                    static_cast<double>(std::sqrt(s)), 100 * eps<T>());
    }
    // Singular values of an SPD matrix are its eigenvalues (descending vs ascending).
    const auto spd = spd_matrix<T>(5, FL_ROW_MAJOR, 35);
    const auto sv = fl::factor(FL_FACTOR_SVD, spd).template part<T>(FL_PART_SINGULAR_VALUES);
    const auto ev = fl::factor(FL_FACTOR_EIGH, spd).template part<T>(FL_PART_EIGENVALUES);
    for (int64_t i = 0; i < 5; ++i)
        EXPECT_NEAR(static_cast<double>(sv(i, 0)), static_cast<double>(ev(4 - i, 0)),
                    100 * eps<T>() * 10);
}

// A v = w B v: the eigenpairs' residual, solves of A, and a B of another layout refused.
TYPED_TEST(CppWrapper, GeneralizedEigh) {
    using T = TypeParam;
    const int64_t n = 6;
    const auto a = spd_matrix<T>(n, FL_COL_MAJOR, 44);
    const auto b = spd_matrix<T>(n, FL_COL_MAJOR, 45);
    const fl::factor f = fl::factor::generalized_eigh(1, a, b);
    EXPECT_EQ(f.kind(), FL_FACTOR_EIGH);
    const auto w = f.part<T>(FL_PART_EIGENVALUES);
    const auto v = f.part<T>(FL_PART_EIGENVECTORS);
    double residual = 0, scale = 0;
    for (int64_t j = 0; j < n; ++j)
        for (int64_t i = 0; i < n; ++i) {
            double av = 0, bv = 0;
            for (int64_t k = 0; k < n; ++k) {
                av += double(a(i, k)) * double(v(k, j));
                bv += double(b(i, k)) * double(v(k, j));
            }
            residual = std::max(residual, std::fabs(av - double(w(j, 0)) * bv));
            scale = std::max(scale, std::fabs(av));
        }
    EXPECT_LT(residual / (scale * n * double(std::numeric_limits<T>::epsilon())), kThreshold);
    const auto rhs = random_matrix<T>(n, 2, FL_COL_MAJOR, 46);
    EXPECT_LT(solve_residual(a, f.solve(rhs), rhs), kThreshold);
    const auto row_b = spd_matrix<T>(n, FL_ROW_MAJOR, 45);
    expect_error([&] { (void)fl::factor::generalized_eigh(1, a, row_b); }, FL_ERR_INVALID_ARGUMENT,
                 "fl_factor_create_generalized_eigh: b must have the layout");
    expect_error([&] { (void)fl::factor::generalized_eigh(4, a, b); }, FL_ERR_INVALID_ARGUMENT,
                 "itype = 4");
}

// LU's index parts through indices(): P^T A = L U, rows of A picked by the permutation; a
// rectangular A has the same parts (L m-by-min(m, n), U min(m, n)-by-n).
TYPED_TEST(CppWrapper, LuPartsAndIndices) {
    using T = TypeParam;
    for (const auto &[m, n] : {std::pair<int64_t, int64_t>{5, 5}, {3, 5}, {5, 3}}) {
        const auto a = random_matrix<T>(m, n, FL_ROW_MAJOR, 36);
        const fl::factor lu(FL_FACTOR_LU, a);
        const std::vector<int64_t> p = lu.indices(FL_PART_ROW_PERMUTATION);
        ASSERT_EQ(p.size(), static_cast<size_t>(m));
        EXPECT_EQ(lu.indices(FL_PART_PIVOTS).size(), static_cast<size_t>(std::min(m, n)));
        const auto l_times_u = product(lu.template part<T>(FL_PART_LOWER),
                                       lu.template part<T>(FL_PART_UPPER, FL_COL_MAJOR));
        for (int64_t i = 0; i < m; ++i)
            for (int64_t j = 0; j < n; ++j)
                EXPECT_NEAR(
                    static_cast<double>(l_times_u[static_cast<size_t>(i)][static_cast<size_t>(j)]),
                    static_cast<double>(a(p[static_cast<size_t>(i)], j)), 50 * eps<T>());
        EXPECT_THROW(lu.indices(FL_PART_LOWER), fl::error);
    }
}

TYPED_TEST(CppWrapper, SolveShiftedAndRankUpdate) {
    using T = TypeParam;
    const int64_t n = 6;
    const auto a = spd_matrix<T>(n, FL_ROW_MAJOR, 41);
    const auto b = random_matrix<T>(n, 2, FL_ROW_MAJOR, 42);
    const fl::factor eigh(FL_FACTOR_EIGH, a);
    const std::vector<double> shifts = {0.0, 0.5, 3.0};
    const auto xs = eigh.solve_shifted(shifts, b);
    ASSERT_EQ(xs.size(), 3u);
    for (size_t l = 0; l < shifts.size(); ++l) {
        auto shifted = a;
        for (int64_t i = 0; i < n; ++i) shifted(i, i) = static_cast<T>(shifted(i, i) + shifts[l]);
        EXPECT_LT(solve_residual(shifted, xs[l], b), kThreshold) << "shift " << shifts[l];
    }
    const auto v = random_matrix<T>(n, 2, FL_COL_MAJOR, 43);
    const fl::factor chol(FL_FACTOR_CHOLESKY, a);
    const fl::factor up = chol.rank_update(+1, v);
    auto updated = a;
    for (int64_t i = 0; i < n; ++i)
        for (int64_t j = 0; j < n; ++j)
            updated(i, j) = static_cast<T>(updated(i, j) + v(i, 0) * v(j, 0) + v(i, 1) * v(j, 1));
    EXPECT_LT(solve_residual(updated, up.solve(b), b), kThreshold);
    EXPECT_LT(solve_residual(a, chol.solve(b), b), kThreshold);  // the old factor is unchanged
}

TYPED_TEST(CppWrapper, ProductsWithTheInverse) {
    using T = TypeParam;
    const int64_t n = 5;
    const auto a = spd_matrix<T>(n, FL_COL_MAJOR, 51);
    const auto y = random_matrix<T>(n, 3, FL_ROW_MAJOR, 52);
    const auto w = random_matrix<T>(n, 2, FL_COL_MAJOR, 53);
    const auto ysq = random_matrix<T>(n, n, FL_ROW_MAJOR, 54);
    for (fl_factor_kind kind : {FL_FACTOR_CHOLESKY, FL_FACTOR_LU}) {
        const fl::factor f(kind, a);
        const auto ainv_y = f.solve(y), ainv_w = f.solve(w);
        // Y^T A^-1 Y against Y^T (A \ Y), and against the C function called directly.
        const auto qf = f.quadratic_form(y);
        expect_close(
            qf,
            [&] {
                fl::matrix<T> m(3, 3, FL_ROW_MAJOR);
                const auto p = product(y, ainv_y, true);
                for (int64_t i = 0; i < 3; ++i)
                    for (int64_t j = 0; j < 3; ++j)
                        m(i, j) = static_cast<T>(p[static_cast<size_t>(i)][static_cast<size_t>(j)]);
                return m;
            }(),
            100 * eps<T>());
        fl::matrix<T> direct(3, 3, FL_ROW_MAJOR);
        ASSERT_EQ(fl_factor_quadratic_form(f.get(), fl::dtype_v<T>, 3, FL_ROW_MAJOR, y.data(),
                                           y.ld(), FL_ROW_MAJOR, direct.data(), direct.ld()),
                  FL_OK);
        EXPECT_EQ(qf.elements(), direct.elements());
        const auto bf = f.bilinear_form(y, w);
        const auto bref = product(y, ainv_w, true);
        for (int64_t i = 0; i < 3; ++i)
            for (int64_t j = 0; j < 2; ++j)
                EXPECT_NEAR(
                    static_cast<double>(bf(i, j)),
                    static_cast<double>(bref[static_cast<size_t>(i)][static_cast<size_t>(j)]),
                    100 * eps<T>());
        // A^-1 Y A^-1 = inv Y inv, trace(A^-1 Y), diag(A^-1), Mahalanobis norms.
        const auto inv = f.template inverse<T>();
        const auto sw = f.sandwich(ysq);
        fl::matrix<T> inv_y(n, n);
        const auto iy = product(inv, ysq);
        for (int64_t i = 0; i < n; ++i)
            for (int64_t j = 0; j < n; ++j)
                inv_y(i, j) = static_cast<T>(iy[static_cast<size_t>(i)][static_cast<size_t>(j)]);
        const auto swref = product(inv_y, inv);
        long double trace = 0;
        for (int64_t i = 0; i < n; ++i) {
            trace += iy[static_cast<size_t>(i)][static_cast<size_t>(i)];
            for (int64_t j = 0; j < n; ++j)
                EXPECT_NEAR(
                    static_cast<double>(sw(i, j)),
                    static_cast<double>(swref[static_cast<size_t>(i)][static_cast<size_t>(j)]),
                    100 * eps<T>());
        }
        EXPECT_NEAR(f.trace_solve(ysq), static_cast<double>(trace), 100 * eps<T>());
        const auto diag = f.template inverse_diagonal<T>();
        ASSERT_EQ(diag.size(), static_cast<size_t>(n));
        for (int64_t i = 0; i < n; ++i)
            EXPECT_NEAR(static_cast<double>(diag[static_cast<size_t>(i)]),
                        static_cast<double>(inv(i, i)), 50 * eps<T>());
        const auto mh = f.mahalanobis(y);
        ASSERT_EQ(mh.size(), 3u);
        for (int64_t j = 0; j < 3; ++j)
            EXPECT_NEAR(static_cast<double>(mh[static_cast<size_t>(j)]),
                        static_cast<double>(qf(j, j)), 100 * eps<T>());
    }
}

// ---- kernels -----------------------------------------------------------------------------

TYPED_TEST(CppWrapper, KernelMatrixAgainstALoopAndGradient) {
    using T = TypeParam;
    const double l = 0.7, sf = 1.3, noise = 0.1;
    const fl::kernel k(FL_KERNEL_GAUSSIAN, FL_METRIC_ISOTROPIC, 3, {l}, sf, noise);
    EXPECT_EQ(k.dim(), 3);
    const auto x1 = random_matrix<T>(5, 3, FL_ROW_MAJOR, 61);
    const auto x2 = random_matrix<T>(4, 3, FL_ROW_MAJOR, 62);
    auto entry = [&](const fl::matrix<T> &p, int64_t i, const fl::matrix<T> &q, int64_t j) {
        long double r2 = 0;
        for (int64_t d = 0; d < 3; ++d) {
            const long double diff = static_cast<long double>(p(i, d)) - q(j, d);
            r2 += diff * diff;
        }
        return static_cast<double>(sf * sf * std::exp(-r2 / (2 * l * l)));
    };
    const auto kxx = k.matrix(x1);
    const auto kxy = k.matrix(x1, x2);
    ASSERT_EQ(kxy.rows(), 5);
    ASSERT_EQ(kxy.cols(), 4);
    for (int64_t i = 0; i < 5; ++i) {
        for (int64_t j = 0; j < 5; ++j)
            EXPECT_NEAR(static_cast<double>(kxx(i, j)),
                        entry(x1, i, x1, j) + (i == j ? noise : 0.0), 50 * eps<T>());
        for (int64_t j = 0; j < 4; ++j)
            EXPECT_NEAR(static_cast<double>(kxy(i, j)), entry(x1, i, x2, j), 50 * eps<T>());
    }
    // Gradients: d/dnoise of sum W_ij K_ij is trace(W); the rest as the C call gives them.
    const auto w = random_matrix<T>(5, 5, FL_ROW_MAJOR, 63);
    const auto g = k.gradient(x1, w);
    ASSERT_EQ(g.size(), 3u);
    double trace = 0;
    for (int64_t i = 0; i < 5; ++i) trace += static_cast<double>(w(i, i));
    EXPECT_NEAR(g[1], trace, 100 * eps<T>());
    std::vector<double> direct(3);
    ASSERT_EQ(fl_kernel_gradient(k.get(), fl::dtype_v<T>, FL_ROW_MAJOR, 5, x1.data(), 3, 5, nullptr,
                                 1, FL_ROW_MAJOR, w.data(), 5, direct.data()),
              FL_OK);
    EXPECT_EQ(g, direct);
    const auto w2 = random_matrix<T>(5, 4, FL_ROW_MAJOR, 64);
    const auto g2 = k.gradient(x1, x2, w2);
    EXPECT_EQ(g2[1], 0.0);  // no noise between distinct sets
    // d/dsigma_f = 2 / sigma_f sum W K.
    double wk = 0;
    for (int64_t i = 0; i < 5; ++i)
        for (int64_t j = 0; j < 4; ++j) wk += static_cast<double>(w2(i, j)) * entry(x1, i, x2, j);
    EXPECT_NEAR(g2[0], 2 * wk / sf, 1e3 * eps<T>());
    expect_error([&] { (void)k.gradient(x1, x2, w); }, FL_ERR_DIMENSION_MISMATCH, "w.cols");
    expect_error([&] { fl::kernel(FL_KERNEL_GAUSSIAN, FL_METRIC_ISOTROPIC, 3, {-1.0}, 1.0); },
                 FL_ERR_INVALID_ARGUMENT, "fl_kernel_create");
}

// ---- rolled products, binning --------------------------------------------------------------

TYPED_TEST(CppWrapper, RolledMatmulAgainstALoop) {
    using T = TypeParam;
    const int64_t d = 3, k = 2, m = 2, n = 3, l = 2;
    std::vector<T> a(static_cast<size_t>(d * m * n)), b(static_cast<size_t>(d * n * l));
    for (size_t i = 0; i < a.size(); ++i) a[i] = static_cast<T>(static_cast<int>(i % 7) - 3);
    for (size_t i = 0; i < b.size(); ++i) b[i] = static_cast<T>(static_cast<int>(i % 5) - 2);
    const auto out = fl::rolled_matmul(FL_ROW_MAJOR, d, k, m, n, l, a, b);
    ASSERT_EQ(out.size(), static_cast<size_t>(d * k * m * l));
    for (int64_t i = 0; i < d; ++i)
        for (int64_t j = 0; j < k; ++j) {
            const int64_t o = (i + j) % d;
            for (int64_t r = 0; r < m; ++r)
                for (int64_t c = 0; c < l; ++c) {
                    T s = 0;
                    for (int64_t p = 0; p < n; ++p)
                        s += a[static_cast<size_t>(i * m * n + r * n + p)] *
                             b[static_cast<size_t>(o * n * l + p * l + c)];
                    EXPECT_EQ(out[static_cast<size_t>((i * k + j) * m * l + r * l + c)], s);
                }
        }
    expect_error([&] { (void)fl::rolled_matmul(FL_ROW_MAJOR, d, d + 1, m, n, l, a, b); },
                 FL_ERR_INVALID_ARGUMENT, "fl_rolled_matmul");
    expect_error([&] { (void)fl::rolled_matmul(FL_ROW_MAJOR, d, k, m, n + 1, l, a, b); },
                 FL_ERR_DIMENSION_MISMATCH, "a.size()");
}

TYPED_TEST(CppWrapper, BinningHandCases) {
    using T = TypeParam;
    // numpy.digitize([0.2, 6.4, 3.0, 1.6], [0, 1, 2.5, 4, 10]) = [1, 4, 3, 2].
    const std::vector<T> x = {T(0.2), T(6.4), T(3.0), T(1.6), T(4.0)};
    const std::vector<T> edges = {0, 1, T(2.5), 4, 10};
    EXPECT_EQ(fl::digitize(x, edges), (std::vector<int64_t>{1, 4, 3, 2, 4}));
    EXPECT_EQ(fl::digitize(x, edges, true), (std::vector<int64_t>{1, 4, 3, 2, 3}));
    const std::vector<int64_t> labels = {0, 1, 1, 3, 2, 1, 7};
    EXPECT_EQ(fl::bincount(labels, 8), (std::vector<int64_t>{1, 3, 1, 1, 0, 0, 0, 1}));
    const std::vector<T> weights = {T(0.5), 1, 2, 3, 4, 5, 6};
    EXPECT_EQ(fl::bincount_weighted(labels, weights, 8),
              (std::vector<T>{T(0.5), 8, 4, 3, 0, 0, 0, 6}));
    const auto groups = fl::group_by_bin(labels, 8);
    EXPECT_EQ(groups.offsets, (std::vector<int64_t>{0, 1, 4, 5, 6, 6, 6, 6, 7}));
    EXPECT_EQ(groups.perm, (std::vector<int64_t>{0, 1, 2, 5, 4, 3, 6}));
    expect_error([&] { (void)fl::bincount(labels, 5); }, FL_ERR_INVALID_ARGUMENT, "labels");
    const std::vector<T> bad_edges = {0, 2, 1};
    expect_error([&] { (void)fl::digitize(x, bad_edges); }, FL_ERR_INVALID_ARGUMENT, "edges");
    expect_error([&] { (void)fl::bincount_weighted(labels, edges, 8); }, FL_ERR_DIMENSION_MISMATCH,
                 "weights.size()");
}

// ---- block sums, matrix calculus -------------------------------------------------------------

TYPED_TEST(CppWrapper, BlockSumsAgainstLoopsAndTheCCalls) {
    using T = TypeParam;
    const double tol = 200 * eps<T>();
    const auto a = random_matrix<T>(6, 3, FL_ROW_MAJOR, 71);  // 3 blocks of 2 rows
    const auto b = random_matrix<T>(9, 3, FL_COL_MAJOR, 72);  // 3 blocks of 3 rows
    // sum_i A_i B_i^T by a loop.
    const auto abt = fl::block_sum_abt(a, b, 2, 3);
    for (int64_t r = 0; r < 2; ++r)
        for (int64_t c = 0; c < 3; ++c) {
            long double s = 0;
            for (int64_t i = 0; i < 3; ++i)
                for (int64_t p = 0; p < 3; ++p)
                    s += static_cast<long double>(a(i * 2 + r, p)) * b(i * 3 + c, p);
            EXPECT_NEAR(static_cast<double>(abt(r, c)), static_cast<double>(s), tol);
        }
    // sum_i A_i (x) B_i by a loop: (A_i (x) B_i)(r1 n2 + r2, c1 k2 + c2) = A_i(r1, c1) B_i(r2, c2).
    const auto kr = fl::block_sum_kron(a, b, 2, 3);
    ASSERT_EQ(kr.rows(), 6);
    ASSERT_EQ(kr.cols(), 9);
    for (int64_t r1 = 0; r1 < 2; ++r1)
        for (int64_t r2 = 0; r2 < 3; ++r2)
            for (int64_t c1 = 0; c1 < 3; ++c1)
                for (int64_t c2 = 0; c2 < 3; ++c2) {
                    long double s = 0;
                    for (int64_t i = 0; i < 3; ++i)
                        s += static_cast<long double>(a(i * 2 + r1, c1)) * b(i * 3 + r2, c2);
                    EXPECT_NEAR(static_cast<double>(kr(r1 * 3 + r2, c1 * 3 + c2)),
                                static_cast<double>(s), tol);
                }
    // The others against the C function called with the same arguments.
    const auto c = random_matrix<T>(3, 3, FL_COL_MAJOR, 73);
    const auto acbt = fl::block_sum_acbt(a, c, b, 2, 3);
    fl::matrix<T> want(2, 3, FL_ROW_MAJOR);
    ASSERT_EQ(
        fl_block_sum_acbt(fl::dtype_v<T>, 6, 9, 3, 3, 2, 3, FL_ROW_MAJOR, a.data(), 3, FL_COL_MAJOR,
                          c.data(), 3, FL_COL_MAJOR, b.data(), 9, FL_ROW_MAJOR, want.data(), 3),
        FL_OK);
    EXPECT_EQ(acbt.elements(), want.elements());
    // Residual sum: with C = 0 it is sum_i A_i A_i^T = block_sum_abt(A, A).
    const auto bres = random_matrix<T>(6, 2, FL_ROW_MAJOR, 74);
    const fl::matrix<T> zero(2, 3, FL_ROW_MAJOR);
    expect_close(fl::block_sum_residual(a, bres, zero, 2), fl::block_sum_abt(a, a, 2, 2), tol);
    // Lemma 5 with one block each side is (A B^T) (x) (C D^T).
    const auto a5 = random_matrix<T>(2, 3, FL_ROW_MAJOR, 75),
               b5 = random_matrix<T>(2, 3, FL_ROW_MAJOR, 76);
    const auto c5 = random_matrix<T>(2, 2, FL_ROW_MAJOR, 77),
               d5 = random_matrix<T>(2, 2, FL_ROW_MAJOR, 78);
    const auto k5 = fl::block_sum_kron_abt_cdt(a5, b5, c5, d5, 2, 2);
    for (int64_t r1 = 0; r1 < 2; ++r1)
        for (int64_t r2 = 0; r2 < 2; ++r2)
            for (int64_t c1 = 0; c1 < 2; ++c1)
                for (int64_t c2 = 0; c2 < 2; ++c2) {
                    long double ab = 0, cd = 0;
                    for (int64_t p = 0; p < 3; ++p)
                        ab += static_cast<long double>(a5(r1, p)) * b5(c1, p);
                    for (int64_t p = 0; p < 2; ++p)
                        cd += static_cast<long double>(c5(r2, p)) * d5(c2, p);
                    EXPECT_NEAR(static_cast<double>(k5(r1 * 2 + r2, c1 * 2 + c2)),
                                static_cast<double>(ab * cd), tol);
                }
    // Lemma 6 against the C call.
    const auto ag = random_matrix<T>(4, 6, FL_ROW_MAJOR, 79);
    const auto bg = random_matrix<T>(4, 2, FL_ROW_MAJOR, 80),
               cg = random_matrix<T>(6, 2, FL_ROW_MAJOR, 81);
    const auto kg = fl::block_sum_kron_grid(ag, bg, cg, 2, 3);
    fl::matrix<T> wg(4, 9, FL_ROW_MAJOR);
    ASSERT_EQ(fl_block_sum_kron_grid(fl::dtype_v<T>, 4, 6, 2, 2, 3, FL_ROW_MAJOR, ag.data(), 6,
                                     FL_ROW_MAJOR, bg.data(), 2, FL_ROW_MAJOR, cg.data(), 2,
                                     FL_ROW_MAJOR, wg.data(), 9),
              FL_OK);
    EXPECT_EQ(kg.elements(), wg.elements());
    expect_error([&] { (void)fl::block_sum_abt(a, b, 4, 3); }, FL_ERR_INVALID_ARGUMENT, "n1");
    expect_error([&] { (void)fl::block_sum_abt(a, c5, 2, 2); }, FL_ERR_DIMENSION_MISMATCH,
                 "b.cols");
}

TYPED_TEST(CppWrapper, MatrixCalculus) {
    using T = TypeParam;
    const auto x = random_matrix<T>(3, 3, FL_COL_MAJOR, 91);
    // vech: the lower triangle column by column.
    const auto h = fl::vech(x);
    EXPECT_EQ(h, (std::vector<T>{x(0, 0), x(1, 0), x(2, 0), x(1, 1), x(2, 1), x(2, 2)}));
    // vecb with one block is vec(X)^T.
    const auto v = fl::vecb(x, 3, 3);
    ASSERT_EQ(v.rows(), 1);
    ASSERT_EQ(v.cols(), 9);
    for (int64_t j = 0; j < 3; ++j)
        for (int64_t i = 0; i < 3; ++i) EXPECT_EQ(v(0, j * 3 + i), x(i, j));
    // K(2,3) vec(A) = vec(A^T), applied and as a matrix.
    const auto a = random_matrix<T>(2, 3, FL_COL_MAJOR, 92);
    const auto vec_a = fl::col_major(a.data(), 6, 1);
    const auto kv = fl::commutation_apply(2, 3, vec_a);
    for (int64_t i = 0; i < 2; ++i)
        for (int64_t j = 0; j < 3; ++j) EXPECT_EQ(kv(i * 3 + j, 0), a(i, j));  // vec(A^T)[j + 3 i]
    const auto km = fl::commutation_matrix<T>(2, 3);
    fl::matrix<T> va(6, 1);
    for (int64_t i = 0; i < 6; ++i) va(i, 0) = a.data()[i];
    expect_close(
        fl::matrix<T>(kv),
        [&] {
            const auto p = product(km, va);
            fl::matrix<T> m(6, 1, FL_COL_MAJOR);
            for (int64_t i = 0; i < 6; ++i) m(i, 0) = static_cast<T>(p[static_cast<size_t>(i)][0]);
            return m;
        }(),
        0);
    // D(3) vech(S) = vec(S) and D(3)^+ vec(S) = vech(S) for a symmetric S.
    const auto s = spd_matrix<T>(3, FL_COL_MAJOR, 93);
    const auto vech_s = fl::vech(s);
    const auto dup = fl::duplication_apply(3, false, fl::col_major(vech_s.data(), 6, 1));
    for (int64_t i = 0; i < 9; ++i) EXPECT_EQ(dup(i, 0), s.data()[i]);
    const auto back = fl::duplication_apply(3, true, fl::col_major(s.data(), 9, 1));
    for (int64_t i = 0; i < 6; ++i)
        EXPECT_NEAR(static_cast<double>(back(i, 0)),
                    static_cast<double>(vech_s[static_cast<size_t>(i)]), 4 * eps<T>());
    const auto dm = fl::duplication_matrix<T>(3, false, FL_COL_MAJOR);
    ASSERT_EQ(dm.rows(), 9);
    ASSERT_EQ(dm.cols(), 6);
    // The transpose applied equals D^T as a matrix applied by hand.
    const auto ones = random_matrix<T>(9, 1, FL_COL_MAJOR, 94);
    const auto dt = fl::duplication_apply(3, false, ones, FL_TRANS);
    const auto ref = product(dm, ones, true);
    for (int64_t i = 0; i < 6; ++i)
        EXPECT_NEAR(static_cast<double>(dt(i, 0)),
                    static_cast<double>(ref[static_cast<size_t>(i)][0]), 4 * eps<T>());
    EXPECT_EQ(fl::duplication_matrix<T>(2, true).cols(), 4);
    expect_error([&] { (void)fl::vecb(x, 2, 3); }, FL_ERR_INVALID_ARGUMENT, "n1");
}

// ---- sparse ----------------------------------------------------------------------------------

TEST(CppWrapperSparse, ProductsFactorsRefactorAndUpdate) {
    // The n-by-n tridiagonal (-1, 4, -1) in CSC with int32 indices.
    const int n = 6;
    std::vector<int32_t> ptr = {0}, idx;
    std::vector<double> val;
    fl::matrix<double> dense(n, n, FL_ROW_MAJOR);
    for (int j = 0; j < n; ++j) {
        for (int i = std::max(0, j - 1); i <= std::min(n - 1, j + 1); ++i) {
            idx.push_back(i);
            val.push_back(i == j ? 4.0 : -1.0);
            dense(i, j) = val.back();
        }
        ptr.push_back(static_cast<int32_t>(idx.size()));
    }
    fl::sparse_matrix a(FL_SPARSE_CSC, n, n, ptr, idx, val);
    const auto shape = a.shape();
    EXPECT_EQ(shape.rows, n);
    EXPECT_EQ(shape.nnz, static_cast<int64_t>(val.size()));
    const auto x = random_matrix<double>(n, 3, FL_COL_MAJOR, 101);
    const auto y = a.multiply(x);
    const auto yref = product(dense, x);
    for (int64_t i = 0; i < n; ++i)
        for (int64_t j = 0; j < 3; ++j)
            EXPECT_NEAR(y(i, j),
                        static_cast<double>(yref[static_cast<size_t>(i)][static_cast<size_t>(j)]),
                        1e-14);
    fl::matrix<double> yt(n, 3, FL_ROW_MAJOR);
    a.multiply(x, yt.span(), FL_TRANS);  // symmetric: the same product
    expect_close(yt, y, 1e-15);

    const auto b = random_matrix<double>(n, 2, FL_ROW_MAJOR, 102);
    for (fl_factor_kind kind :
         {FL_FACTOR_SPARSE_CHOLESKY, FL_FACTOR_SPARSE_LU, FL_FACTOR_SPARSE_QR})
        EXPECT_LT(solve_residual(dense, fl::factor(kind, a).solve(b), b), kThreshold)
            << "kind " << kind;
    const fl::factor chol(FL_FACTOR_SPARSE_CHOLESKY, a, fl::options{});

    // New values, same pattern: the diagonal 4 -> 5.
    for (size_t e = 0; e < val.size(); ++e)
        if (val[e] > 0) val[e] = 5.0;
    a.set_values(val);
    auto dense5 = dense;
    for (int64_t i = 0; i < n; ++i) dense5(i, i) = 5.0;
    const fl::factor re = chol.refactor(a);
    EXPECT_LT(solve_residual(dense5, re.solve(b), b), kThreshold);
    EXPECT_LT(solve_residual(dense, chol.solve(b), b), kThreshold);

    // A + v v^T for the sparse v = e_0 + e_2.
    const std::vector<int64_t> vptr = {0, 2}, vidx = {0, 2};
    const std::vector<double> vval = {1.0, 1.0};
    const fl::sparse_matrix v(FL_SPARSE_CSC, n, 1, vptr, vidx, vval);
    const fl::factor up = chol.rank_update(+1, v);
    auto dense_up = dense;
    for (int64_t i : {0, 2})
        for (int64_t j : {0, 2}) dense_up(i, j) += 1.0;
    EXPECT_LT(solve_residual(dense_up, up.solve(b), b), kThreshold);

    expect_error([&] { a.set_values(std::vector<double>(3, 1.0)); }, FL_ERR_DIMENSION_MISMATCH,
                 "values.size()");
    const std::vector<int32_t> bad_idx(idx.size(), 99);
    expect_error([&] { fl::sparse_matrix(FL_SPARSE_CSC, n, n, ptr, bad_idx, val); },
                 FL_ERR_INVALID_ARGUMENT, "fl_sparse_create");
    expect_error([&] { fl::factor(FL_FACTOR_SPARSE_LU, a).rank(); }, FL_ERR_UNSUPPORTED,
                 "fl_factor_rank");
}
