// FL_FACTOR_AUTO: every route of the choice (Julia's factorize), that fl_factor_get_kind
// reports it, and that the chosen factor solves. Both dtypes, both layouts of A (a row-major
// symmetric matrix is symmetric too), padded leading dimensions.
//
// Right-hand sides are made consistent, B = op(A) Y, so that the scaled residual
// ||B - op(A) X|| / (||op(A)|| ||X|| n eps) judges the least-squares and minimum-norm
// solutions of the rectangular and rank-deficient routes as well as the square ones.
#include "error_expect.hpp"
#include "solve_check.hpp"

#include <sstream>

namespace fltest {
namespace {

constexpr const char *kCreate = "fl_factor_create";

FLTEST_TYPED_SUITE(Automatic);

Ref symmetric_random(int64_t n, uint64_t seed, long double diagonal) {
    Ref a = random_ref(n, n, seed);
    for (int64_t i = 0; i < n; ++i) {
        a(i, i) = diagonal;
        for (int64_t j = 0; j < i; ++j) a(j, i) = a(i, j);
    }
    return a;
}

// rows-by-cols of rank r: a product of random rows-by-r and r-by-cols factors.
Ref low_rank(int64_t rows, int64_t cols, int64_t r, uint64_t seed) {
    return multiply(random_ref(rows, r, seed), random_ref(r, cols, seed + 1));
}

// The scaled residual max_j ||b_j - op x_j||_1 / (||op||_1 ||x_j||_1 max(m, n) eps) for a
// rectangular op (test_support's solve_residual is for square matrices).
double residual(const Ref &op, const Ref &x, const Ref &b, double eps) {
    const Ref ax = multiply(op, x);
    const long double scale = norm1(op) * static_cast<long double>(std::max(op.rows, op.cols)) * eps;
    double worst = 0;
    for (int64_t j = 0; j < x.cols; ++j) {
        long double rnorm = 0, xnorm = 0;
        for (int64_t i = 0; i < op.rows; ++i) rnorm += std::fabs(b(i, j) - ax(i, j));
        for (int64_t i = 0; i < x.rows; ++i) xnorm += std::fabs(x(i, j));
        if (std::isnan(static_cast<double>(rnorm + xnorm))) return std::numeric_limits<double>::infinity();
        if (rnorm == 0) continue;
        worst = std::max(worst, static_cast<double>(rnorm / (scale * xnorm)));
    }
    return worst;
}

// Solves with consistent right-hand sides for both transposes and every B/X layout.
template <class T>
void check_consistent_solves(const fl_factor *f, const Ref &a, uint64_t seed) {
    int combo = 0;
    for (fl_transpose tr : kTransposes)
        for (fl_layout bl : kLayouts)
            for (fl_layout xl : kLayouts) {
                ++combo;
                std::ostringstream what;
                what << trans_name(tr) << " B " << layout_name(bl) << " X " << layout_name(xl);
                SCOPED_TRACE(what.str());
                const Ref op = tr == FL_NO_TRANS ? a : transpose(a);
                const Matrix<T> b =
                    Matrix<T>::from_ref(multiply(op, random_ref(op.cols, 3, seed + combo)), bl, combo % 2);
                Matrix<T> x(op.cols, 3, xl, 2);
                ASSERT_EQ(solve(f, tr, b, x), FL_OK) << fl_last_error();
                EXPECT_LT(residual(op, x.to_ref(), b.to_ref(), eps<T>()), kResidualThreshold);
            }
}

// Factors `a` with FL_FACTOR_AUTO in both layouts (with and without padding), checks the
// kind chosen and the solves.
template <class T>
void check_route(const Ref &a, fl_factor_kind expected, uint64_t seed, const fl_options *options = nullptr) {
    for (fl_layout l : kLayouts)
        for (int64_t pad : {0, 2}) {
            std::ostringstream what;
            what << a.rows << "x" << a.cols << " " << layout_name(l) << " ldpad " << pad;
            SCOPED_TRACE(what.str());
            const Matrix<T> am = Matrix<T>::from_ref(a, l, pad);
            const Matrix<T> am_before = am;
            FactorPtr f;
            EXPECT_ERROR(make_factor(f, FL_FACTOR_AUTO, am, options), FL_OK, kCreate);
            ASSERT_NE(f, nullptr);
            EXPECT_TRUE(am.bitwise_equal(am_before)) << "A was modified";
            EXPECT_EQ(fl_factor_get_kind(f.get()), expected);
            EXPECT_EQ(fl_factor_get_dtype(f.get()), Matrix<T>::dtype());
            EXPECT_EQ(fl_factor_rows(f.get()), a.rows);
            EXPECT_EQ(fl_factor_cols(f.get()), a.cols);
            check_consistent_solves<T>(f.get(), am.to_ref(), seed);
        }
}

TYPED_TEST(Automatic, SymmetricPositiveDefiniteIsCholesky) {
    check_route<TypeParam>(spd_ref(30, 1), FL_FACTOR_CHOLESKY, 10);
    check_route<TypeParam>(hilbert_ref(4), FL_FACTOR_CHOLESKY, 11);
    // Both triangles are equal, so the triangle option changes nothing.
    OptionsPtr upper = make_options(1, FL_UPPER);
    check_route<TypeParam>(spd_ref(9, 2), FL_FACTOR_CHOLESKY, 12, upper.get());
}

// Positive diagonal, but indefinite: Cholesky is tried, fails, and LDL^T takes over.
TYPED_TEST(Automatic, SymmetricIndefiniteIsLdlt) {
    using T = TypeParam;
    const Ref a = symmetric_random(30, 3, 0.5L);
    check_route<T>(a, FL_FACTOR_LDLT, 20);
    FactorPtr f;
    ASSERT_EQ(make_factor(f, FL_FACTOR_AUTO, Matrix<T>::from_ref(a, FL_ROW_MAJOR)), FL_OK) << fl_last_error();
    int64_t positive = 0, negative = 0, zero = 0;
    ASSERT_EQ(fl_factor_inertia(f.get(), &positive, &negative, &zero), FL_OK) << fl_last_error();
    EXPECT_GT(positive, 0);
    EXPECT_GT(negative, 0);
    EXPECT_EQ(positive + negative + zero, 30);
}

// A non-positive diagonal element rules Cholesky out at once.
TYPED_TEST(Automatic, SymmetricWithNonPositiveDiagonalIsLdlt) {
    Ref a = spd_ref(25, 4);
    a(7, 7) = -0.5L;
    check_route<TypeParam>(a, FL_FACTOR_LDLT, 30);
    Ref b = spd_ref(25, 5);
    b(0, 0) = 0.0L;
    check_route<TypeParam>(b, FL_FACTOR_LDLT, 31);
    Ref swap(2, 2); // [0 1; 1 0]: Bunch-Kaufman's 2-by-2 pivot
    swap(0, 1) = swap(1, 0) = 1.0L;
    check_route<TypeParam>(swap, FL_FACTOR_LDLT, 32);
    Ref minus(1, 1);
    minus(0, 0) = -3.0L;
    check_route<TypeParam>(minus, FL_FACTOR_LDLT, 33);
}

TYPED_TEST(Automatic, GeneralSquareIsLu) {
    check_route<TypeParam>(diag_dominant_ref(30, 6, 4.0L), FL_FACTOR_LU, 40);
    check_route<TypeParam>(random_ref(17, 17, 7), FL_FACTOR_LU, 41);
    // One asymmetric pair is enough, even in a matrix that is otherwise SPD.
    Ref almost = spd_ref(20, 8);
    almost(19, 3) += 0.125L;
    check_route<TypeParam>(almost, FL_FACTOR_LU, 42);
}

// LU meets an exactly zero pivot: COD, whose solves are minimum-norm least squares.
TYPED_TEST(Automatic, ExactlySingularSquareIsCod) {
    Ref a = random_ref(20, 20, 9);
    for (int64_t i = 0; i < 20; ++i) a(i, 5) = 0.0L; // a zero column: U[5, 5] is exactly 0
    check_route<TypeParam>(a, FL_FACTOR_COD, 50);
    // Symmetric and exactly singular (a zero diagonal sends them to LDL^T): LDL^T meets
    // its zero pivot and COD takes over too.
    check_route<TypeParam>(Ref(6, 6), FL_FACTOR_COD, 51);
    check_route<TypeParam>(Ref(1, 1), FL_FACTOR_COD, 52);
}

TYPED_TEST(Automatic, TallFullRankIsQr) {
    check_route<TypeParam>(random_ref(40, 12, 11), FL_FACTOR_QR, 60);
    check_route<TypeParam>(random_ref(5, 1, 12), FL_FACTOR_QR, 61);
}

TYPED_TEST(Automatic, TallRankDeficientIsCod) {
    // Numerically rank-deficient: R's rcond is far below the rank tolerance.
    check_route<TypeParam>(low_rank(40, 12, 6, 13), FL_FACTOR_COD, 70);
    // Exactly: a zero column gives R an exactly zero diagonal element.
    Ref a = random_ref(30, 8, 14);
    for (int64_t i = 0; i < 30; ++i) a(i, 0) = 0.0L;
    check_route<TypeParam>(a, FL_FACTOR_COD, 71);
}

// The rank tolerance decides what "rank-deficient" means: with FL_OPT_RTOL = 0 (and ATOL 0)
// only an exactly zero diagonal of R does, so the same matrix stays on QR.
TYPED_TEST(Automatic, RankToleranceDecidesQrOrCod) {
    using T = TypeParam;
    const Matrix<T> a = Matrix<T>::from_ref(low_rank(40, 12, 6, 13), FL_ROW_MAJOR);
    FactorPtr f;
    ASSERT_EQ(make_factor(f, FL_FACTOR_AUTO, a), FL_OK) << fl_last_error();
    EXPECT_EQ(fl_factor_get_kind(f.get()), FL_FACTOR_COD);
    OptionsPtr exact = make_options(1, FL_LOWER);
    ASSERT_EQ(fl_options_set_real(exact.get(), FL_OPT_RTOL, 0.0), FL_OK);
    ASSERT_EQ(make_factor(f, FL_FACTOR_AUTO, a, exact.get()), FL_OK) << fl_last_error();
    EXPECT_EQ(fl_factor_get_kind(f.get()), FL_FACTOR_QR);
    // A large absolute tolerance sends even a well-conditioned matrix to COD.
    OptionsPtr loose = make_options(1, FL_LOWER);
    ASSERT_EQ(fl_options_set_real(loose.get(), FL_OPT_ATOL, 0.99), FL_OK);
    ASSERT_EQ(make_factor(f, FL_FACTOR_AUTO, Matrix<T>::from_ref(random_ref(40, 12, 11), FL_COL_MAJOR),
                          loose.get()),
              FL_OK)
        << fl_last_error();
    EXPECT_EQ(fl_factor_get_kind(f.get()), FL_FACTOR_COD);
}

TYPED_TEST(Automatic, WideIsCod) {
    check_route<TypeParam>(random_ref(12, 40, 15), FL_FACTOR_COD, 80);
    check_route<TypeParam>(low_rank(10, 25, 4, 16), FL_FACTOR_COD, 81);
}

TYPED_TEST(Automatic, EmptyMatrix) {
    using T = TypeParam;
    for (fl_layout l : kLayouts) {
        FactorPtr f;
        EXPECT_ERROR(make_factor(f, FL_FACTOR_AUTO, Matrix<T>(0, 0, l)), FL_OK, kCreate);
        ASSERT_NE(f, nullptr);
        EXPECT_EQ(fl_factor_get_kind(f.get()), FL_FACTOR_CHOLESKY); // vacuously SPD
        EXPECT_EQ(fl_factor_rows(f.get()), 0);
    }
}

// NaN != NaN must not send a symmetric matrix down the wrong route: the check comes first
// and reports the element, whatever the shape.
TYPED_TEST(Automatic, NonFiniteInput) {
    using T = TypeParam;
    const T nan = std::numeric_limits<T>::quiet_NaN();
    const T inf = std::numeric_limits<T>::infinity();
    for (fl_layout l : kLayouts) {
        SCOPED_TRACE(layout_name(l));
        FactorPtr f;
        Matrix<T> sym = Matrix<T>::from_ref(spd_ref(8, 17), l);
        sym(2, 5) = sym(5, 2) = nan; // still "symmetric" by position
        EXPECT_ERROR(make_factor(f, FL_FACTOR_AUTO, sym), FL_ERR_NON_FINITE, kCreate, "nan");
        EXPECT_EQ(f, nullptr);

        Matrix<T> one = Matrix<T>::from_ref(spd_ref(8, 18), l);
        one(6, 1) = nan; // in the lower triangle only
        EXPECT_ERROR(make_factor(f, FL_FACTOR_AUTO, one), FL_ERR_NON_FINITE, kCreate, "a[6, 1]", "nan");
        EXPECT_EQ(f, nullptr);

        Matrix<T> upper = Matrix<T>::from_ref(spd_ref(8, 19), l);
        upper(0, 4) = inf; // the upper triangle, which Cholesky (lower by default) never reads
        EXPECT_ERROR(make_factor(f, FL_FACTOR_AUTO, upper), FL_ERR_NON_FINITE, kCreate, "a[0, 4]", "inf");
        EXPECT_EQ(f, nullptr);

        Matrix<T> diag = Matrix<T>::from_ref(spd_ref(8, 20), l);
        diag(3, 3) = nan;
        EXPECT_ERROR(make_factor(f, FL_FACTOR_AUTO, diag), FL_ERR_NON_FINITE, kCreate, "a[3, 3]");

        Matrix<T> general = Matrix<T>::from_ref(random_ref(9, 9, 21), l);
        general(8, 0) = -inf;
        EXPECT_ERROR(make_factor(f, FL_FACTOR_AUTO, general), FL_ERR_NON_FINITE, kCreate, "a[8, 0]", "-inf");

        Matrix<T> tall = Matrix<T>::from_ref(random_ref(12, 4, 22), l);
        tall(11, 3) = nan;
        EXPECT_ERROR(make_factor(f, FL_FACTOR_AUTO, tall), FL_ERR_NON_FINITE, kCreate, "a[11, 3]");

        Matrix<T> wide = Matrix<T>::from_ref(random_ref(4, 12, 23), l);
        wide(1, 10) = nan;
        EXPECT_ERROR(make_factor(f, FL_FACTOR_AUTO, wide), FL_ERR_NON_FINITE, kCreate, "a[1, 10]");
        EXPECT_EQ(f, nullptr);
    }
}

// A failure that has no fallback is reported as the chosen kind reports it.
TYPED_TEST(Automatic, BadArguments) {
    using T = TypeParam;
    fl_factor *f = nullptr;
    const std::vector<T> a(4, T(1));
    EXPECT_ERROR(fl_factor_create(&f, FL_FACTOR_AUTO, Matrix<T>::dtype(), FL_COL_MAJOR, 2, 2, a.data(), 1, nullptr),
                 FL_ERR_INVALID_ARGUMENT, kCreate, "lda");
    EXPECT_EQ(f, nullptr);
    EXPECT_ERROR(fl_factor_create(&f, FL_FACTOR_AUTO, Matrix<T>::dtype(), FL_COL_MAJOR, -1, 2, a.data(), 2, nullptr),
                 FL_ERR_INVALID_ARGUMENT, kCreate, "rows");
    EXPECT_EQ(f, nullptr);
}

} // namespace
} // namespace fltest
