// The SuiteSparse kinds through the ordinary fl_factor calls: CHOLMOD Cholesky, UMFPACK LU
// and SPQR QR. Residuals against long double references on small random problems, known
// solutions on 2-D Laplacians, refactorization, update/downdate, singular and indefinite
// matrices, the queries each kind refuses, threads, and bad input for every function.
#include "error_expect.hpp"
#include "sparse_support.hpp"

#include <cmath>
#include <thread>

using namespace fltest;

namespace {

FactorPtr create_sparse(fl_factor_kind kind, const fl_sparse *s,
                        const fl_options *options = nullptr) {
    fl_factor *f = nullptr;
    const fl_status st = fl_factor_create_sparse(&f, kind, s, options);
    EXPECT_EQ(st, FL_OK) << fl_last_error();
    return FactorPtr(f);
}

// max_j ||b_j - op(A) x_j||_1 / (||A||_1 ||x_j||_1 n eps) for a solve of a random B.
template <class T>
double solve_ratio(const fl_factor *f, const Ref &a, fl_transpose trans, fl_layout bl, fl_layout xl,
                   int64_t k) {
    const int64_t b_rows = trans == FL_NO_TRANS ? a.rows : a.cols;
    const int64_t x_rows = trans == FL_NO_TRANS ? a.cols : a.rows;
    const Matrix<T> b = Matrix<T>::from_ref(random_ref(b_rows, k, 17), bl, 1);
    Matrix<T> x(x_rows, k, xl, 2);
    EXPECT_EQ(solve(f, trans, b, x), FL_OK) << fl_last_error();
    return solve_residual(a, trans, x.to_ref(), b.to_ref(), eps<T>());
}

// The symmetric matrix with only one triangle of a kept.
Ref triangle_of(const Ref &a, fl_triangle t) {
    Ref out(a.rows, a.cols);
    for (int64_t j = 0; j < a.cols; ++j)
        for (int64_t i = 0; i < a.rows; ++i)
            if (t == FL_LOWER ? i >= j : i <= j) out(i, j) = a(i, j);
    return out;
}

FLTEST_TYPED_SUITE(SparseCholesky);

TYPED_TEST(SparseCholesky, ResidualsLogdetRcondInverseEitherTriangle) {
    using T = TypeParam;
    const Ref a = sparse_spd_ref(60, 0.05, 3);
    for (fl_triangle tri : kTriangles) {
        SCOPED_TRACE(triangle_name(tri));
        // Only the triangle read is passed: the other half is not there to read.
        SparsePtr s = make_sparse<T>(triangle_of(a, tri), FL_SPARSE_CSR);
        OptionsPtr o = make_options(1, tri);
        FactorPtr f = create_sparse(FL_FACTOR_SPARSE_CHOLESKY, s.get(), o.get());
        ASSERT_TRUE(f);
        EXPECT_EQ(fl_factor_get_kind(f.get()), FL_FACTOR_SPARSE_CHOLESKY);
        EXPECT_EQ(fl_factor_get_dtype(f.get()), Dtype<T>::value);
        for (fl_layout bl : kLayouts)
            for (fl_layout xl : kLayouts)
                for (int64_t k : {1, 7})
                    EXPECT_LT(solve_ratio<T>(f.get(), a, FL_NO_TRANS, bl, xl, k),
                              kResidualThreshold);
        double sign = 0, logabs = 0;
        ASSERT_EQ(fl_factor_logdet(f.get(), &sign, &logabs), FL_OK);
        EXPECT_EQ(sign, 1.0);
        EXPECT_NEAR(logabs, double(ref_logdet(a).logabs), 1e-9 * std::fabs(logabs) + 1e-9);
        double rc = 0;
        ASSERT_EQ(fl_factor_rcond(f.get(), &rc), FL_OK);
        const double exact = double(ref_rcond1(a));
        EXPECT_GE(rc, exact * 0.9999);  // the estimate of ||A^-1||_1 is a lower bound
        EXPECT_LE(rc, exact * 10);
        Matrix<T> inv(60, 60, FL_ROW_MAJOR);
        ASSERT_EQ(fl_factor_inverse(f.get(), Dtype<T>::value, FL_ROW_MAJOR, inv.data(), inv.ld()),
                  FL_OK);
        EXPECT_LT(inverse_residual(a, inv.to_ref(), eps<T>()), kResidualThreshold);
        int64_t pos = 0, neg = 1, zero = 1;
        ASSERT_EQ(fl_factor_inertia(f.get(), &pos, &neg, &zero), FL_OK);
        EXPECT_EQ(pos, 60);
    }
}

// The 2-D Laplacian with x_ij = sin(pi i / (m+1)) sin(pi j / (m+1)), an eigenvector: A x =
// lambda x with lambda = 8 sin^2(pi / (2 (m+1))), so b = lambda x and the solution is x.
TEST(SparseCholesky, LaplacianKnownSolution) {
    const int64_t m = 40, n = m * m;
    const Ref a = laplacian_ref(m);
    SparsePtr s = make_sparse<double>(a);
    FactorPtr f = create_sparse(FL_FACTOR_SPARSE_CHOLESKY, s.get());
    const double pi = std::acos(-1.0), h = pi / double(m + 1);
    const double lambda = 8 * std::sin(h / 2) * std::sin(h / 2);
    Matrix<double> b(n, 1, FL_COL_MAJOR), x(n, 1, FL_COL_MAJOR), want(n, 1, FL_COL_MAJOR);
    for (int64_t i = 0; i < m; ++i)
        for (int64_t j = 0; j < m; ++j) {
            want(i * m + j, 0) = std::sin(h * double(i + 1)) * std::sin(h * double(j + 1));
            b(i * m + j, 0) = lambda * want(i * m + j, 0);
        }
    ASSERT_EQ(solve(f.get(), FL_NO_TRANS, b, x), FL_OK);
    double err = 0;
    for (int64_t k = 0; k < n; ++k) err = std::max(err, std::fabs(x(k, 0) - want(k, 0)));
    EXPECT_LT(err, 1e-10);
    // log det of the Laplacian: the sum of the logs of its eigenvalues
    // 4 sin^2(p h / 2) + 4 sin^2(q h / 2).
    long double exact = 0;
    for (int p = 1; p <= m; ++p)
        for (int q = 1; q <= m; ++q)
            exact += std::log(4 * std::pow(std::sin(p * h / 2), 2) +
                              4 * std::pow(std::sin(q * h / 2), 2));
    double logabs = 0;
    ASSERT_EQ(fl_factor_logdet(f.get(), nullptr, &logabs), FL_OK);
    EXPECT_NEAR(logabs, double(exact), 1e-8 * double(exact));
}

// A Laplacian large enough for CHOLMOD to choose a supernodal factor (from about a 70 x 70
// grid), with enough right-hand sides for the row-by-row supernodal solve and more than
// one block of them, against single right-hand side solves (cholmod_l_solve) and the
// residual.
TEST(SparseCholesky, ManyRightHandSidesMatchOneAtATime) {
    const int64_t m = 80, n = m * m, k = 70;
    const Compressed<int64_t, double> a = laplacian_csc(m);
    SparsePtr s;
    ASSERT_EQ(create(s, a), FL_OK);
    FactorPtr f = create_sparse(FL_FACTOR_SPARSE_CHOLESKY, s.get());
    for (fl_layout layout : kLayouts) {
        const Matrix<double> b = Matrix<double>::from_ref(random_ref(n, k, 23), layout);
        Matrix<double> x(n, k, layout);
        ASSERT_EQ(solve(f.get(), FL_NO_TRANS, b, x), FL_OK);
        EXPECT_LT(sparse_solve_residual(a, x, b), kResidualThreshold);
        for (int64_t j : {0, 31, 69}) {
            Matrix<double> bj(n, 1, FL_COL_MAJOR), xj(n, 1, FL_COL_MAJOR);
            for (int64_t i = 0; i < n; ++i) bj(i, 0) = b(i, j);
            ASSERT_EQ(solve(f.get(), FL_NO_TRANS, bj, xj), FL_OK);
            for (int64_t i = 0; i < n; ++i)
                ASSERT_NEAR(x(i, j), xj(i, 0), 1e-12 * (1 + std::fabs(xj(i, 0))));
        }
        // In place (x == b) gives the same X.
        Matrix<double> inout = b;
        ASSERT_EQ(fl_factor_solve(f.get(), FL_NO_TRANS, FL_FLOAT64, k, layout, inout.data(),
                                  inout.ld(), layout, inout.data(), inout.ld()),
                  FL_OK);
        EXPECT_TRUE(inout.bitwise_equal(x));
    }
    // float32: the same factorization in double underneath, float in and out.
    Compressed<int64_t, float> af{a.format, a.rows, a.cols, a.ptr, a.idx, {}};
    for (double v : a.values) af.values.push_back(static_cast<float>(v));
    SparsePtr sf;
    ASSERT_EQ(create(sf, af), FL_OK);
    FactorPtr ff = create_sparse(FL_FACTOR_SPARSE_CHOLESKY, sf.get());
    const Matrix<float> bf = Matrix<float>::from_ref(random_ref(n, k, 29), FL_ROW_MAJOR);
    const Matrix<double> bd = Matrix<double>::from_ref(bf.to_ref(), FL_ROW_MAJOR);
    Matrix<float> xf(n, k, FL_COL_MAJOR);
    Matrix<double> xd(n, k, FL_COL_MAJOR);
    ASSERT_EQ(solve(ff.get(), FL_NO_TRANS, bf, xf), FL_OK);
    ASSERT_EQ(solve(f.get(), FL_NO_TRANS, bd, xd), FL_OK);
    for (int64_t j = 0; j < k; j += 13)
        for (int64_t i = 0; i < n; ++i) ASSERT_EQ(xf(i, j), static_cast<float>(xd(i, j)));
}

TYPED_TEST(SparseCholesky, RefactorReusesTheAnalysisAndLeavesTheOldFactor) {
    using T = TypeParam;
    const Ref a = sparse_spd_ref(50, 0.06, 5);
    Ref a2 = a;
    for (auto &v : a2.v) v *= 3;
    for (int64_t i = 0; i < 50; ++i) a2(i, i) += 1;
    const Compressed<int64_t, T> c1 = compress<int64_t, T>(a, FL_SPARSE_CSC);
    const Compressed<int64_t, T> c2 = compress<int64_t, T>(a2, FL_SPARSE_CSC);
    ASSERT_EQ(c1.idx, c2.idx);
    SparsePtr s;
    ASSERT_EQ(create(s, c1), FL_OK);
    FactorPtr f = create_sparse(FL_FACTOR_SPARSE_CHOLESKY, s.get());
    ASSERT_EQ(fl_sparse_set_values(s.get(), Dtype<T>::value, c2.values.data()), FL_OK);
    fl_factor *raw = nullptr;
    ASSERT_EQ(fl_factor_refactor(&raw, f.get(), s.get()), FL_OK) << fl_last_error();
    FactorPtr g(raw);
    EXPECT_LT(solve_ratio<T>(g.get(), a2, FL_NO_TRANS, FL_COL_MAJOR, FL_ROW_MAJOR, 4),
              kResidualThreshold);
    EXPECT_LT(solve_ratio<T>(f.get(), a, FL_NO_TRANS, FL_COL_MAJOR, FL_ROW_MAJOR, 4),
              kResidualThreshold);
    // Refactoring from a refactored factor works the same.
    ASSERT_EQ(fl_sparse_set_values(s.get(), Dtype<T>::value, c1.values.data()), FL_OK);
    ASSERT_EQ(fl_factor_refactor(&raw, g.get(), s.get()), FL_OK);
    FactorPtr h(raw);
    EXPECT_LT(solve_ratio<T>(h.get(), a, FL_NO_TRANS, FL_ROW_MAJOR, FL_ROW_MAJOR, 3),
              kResidualThreshold);

    // Another pattern is refused, naming the column.
    Ref other = a;
    int64_t gap = 1;
    while (a(gap, 0) != 0) ++gap;
    other(gap, 0) = other(0, gap) = 0.5L;
    SparsePtr t = make_sparse<T>(other);
    raw = reinterpret_cast<fl_factor *>(uintptr_t{0x10});
    EXPECT_ERROR(fl_factor_refactor(&raw, f.get(), t.get()), FL_ERR_INVALID_ARGUMENT,
                 "fl_factor_refactor", "pattern", "column 0");
    EXPECT_EQ(raw, nullptr);
}

TYPED_TEST(SparseCholesky, UpdateAndDowndateMatchFreshFactors) {
    using T = TypeParam;
    const int64_t n = 45;
    const Ref a = sparse_spd_ref(n, 0.05, 9);
    const Ref v = sparse_random_ref(n, 3, 0.1, 21);
    const Ref plus = [&] {
        Ref r = multiply(v, transpose(v));
        for (size_t k = 0; k < r.v.size(); ++k) r.v[k] += a.v[k];
        return r;
    }();
    SparsePtr s = make_sparse<T>(a), vs = make_sparse<T>(v);
    FactorPtr f = create_sparse(FL_FACTOR_SPARSE_CHOLESKY, s.get());
    fl_factor *raw = nullptr;
    ASSERT_EQ(fl_factor_rank_update_sparse(&raw, f.get(), +1, vs.get()), FL_OK) << fl_last_error();
    FactorPtr up(raw);
    EXPECT_LT(solve_ratio<T>(up.get(), plus, FL_NO_TRANS, FL_COL_MAJOR, FL_COL_MAJOR, 3),
              kResidualThreshold);
    double logabs = 0;
    ASSERT_EQ(fl_factor_logdet(up.get(), nullptr, &logabs), FL_OK);
    EXPECT_NEAR(logabs, double(ref_logdet(plus).logabs), logdet_tol<T>() * std::fabs(logabs));
    // Downdating the update gives A back; the original is untouched throughout.
    ASSERT_EQ(fl_factor_rank_update_sparse(&raw, up.get(), -1, vs.get()), FL_OK) << fl_last_error();
    FactorPtr down(raw);
    EXPECT_LT(solve_ratio<T>(down.get(), a, FL_NO_TRANS, FL_ROW_MAJOR, FL_COL_MAJOR, 3),
              kResidualThreshold);
    EXPECT_LT(solve_ratio<T>(f.get(), a, FL_NO_TRANS, FL_ROW_MAJOR, FL_COL_MAJOR, 3),
              kResidualThreshold);

    // A - W W^T with a large W is not positive definite.
    Ref w(n, 1);
    w(4, 0) = 1000;
    SparsePtr ws = make_sparse<T>(w);
    raw = reinterpret_cast<fl_factor *>(uintptr_t{0x10});
    EXPECT_ERROR(fl_factor_rank_update_sparse(&raw, f.get(), -1, ws.get()),
                 FL_ERR_NOT_POSITIVE_DEFINITE, "fl_factor_rank_update_sparse",
                 "not positive definite");
    EXPECT_EQ(raw, nullptr);
}

TEST(SparseCholesky, IndefiniteMatrixNamesTheColumn) {
    Ref a = laplacian_ref(5);
    a(7, 7) = -3;
    SparsePtr s = make_sparse<double>(a);
    fl_factor *f = reinterpret_cast<fl_factor *>(uintptr_t{0x10});
    EXPECT_ERROR(fl_factor_create_sparse(&f, FL_FACTOR_SPARSE_CHOLESKY, s.get(), nullptr),
                 FL_ERR_NOT_POSITIVE_DEFINITE, "fl_factor_create_sparse", "not positive definite",
                 "column");
    EXPECT_EQ(f, nullptr);
    // Diagonal: the failing column is the negative one, whatever the order.
    Ref d(4, 4);
    d(0, 0) = 1, d(1, 1) = 2, d(2, 2) = -1, d(3, 3) = 4;
    SparsePtr ds = make_sparse<double>(d);
    EXPECT_ERROR(fl_factor_create_sparse(&f, FL_FACTOR_SPARSE_CHOLESKY, ds.get(), nullptr),
                 FL_ERR_NOT_POSITIVE_DEFINITE, "fl_factor_create_sparse", "column 2");
}

FLTEST_TYPED_SUITE(SparseLU);

TYPED_TEST(SparseLU, ResidualsBothTransposesLogdetRcondRefactor) {
    using T = TypeParam;
    Ref a = sparse_random_ref(70, 70, 0.05, 13);
    for (int64_t i = 0; i < 70; ++i) a(i, i) += 2;
    SparsePtr s = make_sparse<T, int32_t>(a, FL_SPARSE_CSR);
    FactorPtr f = create_sparse(FL_FACTOR_SPARSE_LU, s.get());
    ASSERT_TRUE(f);
    for (fl_transpose trans : kTransposes)
        for (fl_layout bl : kLayouts)
            for (fl_layout xl : kLayouts)
                for (int64_t k : {1, 9, 200}) {
                    SCOPED_TRACE(std::string(trans_name(trans)) + layout_name(bl) +
                                 layout_name(xl));
                    EXPECT_LT(solve_ratio<T>(f.get(), a, trans, bl, xl, k), kResidualThreshold);
                }
    double sign = 0, logabs = 0;
    ASSERT_EQ(fl_factor_logdet(f.get(), &sign, &logabs), FL_OK);
    const LogDet ref = ref_logdet(a);
    EXPECT_EQ(sign, ref.sign);
    EXPECT_NEAR(logabs, double(ref.logabs), 1e-9 * std::fabs(logabs) + 1e-9);
    double rc = 0;
    ASSERT_EQ(fl_factor_rcond(f.get(), &rc), FL_OK);
    EXPECT_GE(rc, double(ref_rcond1(a)) * 0.9999);
    EXPECT_LE(rc, double(ref_rcond1(a)) * 10);

    Matrix<T> inv(70, 70, FL_COL_MAJOR);
    ASSERT_EQ(fl_factor_inverse(f.get(), Dtype<T>::value, FL_COL_MAJOR, inv.data(), inv.ld()),
              FL_OK);
    EXPECT_LT(inverse_residual(a, inv.to_ref(), eps<T>()), kResidualThreshold);

    // New values, same pattern.
    Ref a2 = a;
    for (auto &v : a2.v) v = v * 2 - (v != 0 ? 0.25L : 0.0L);
    const Compressed<int32_t, T> c2 = compress<int32_t, T>(a2, FL_SPARSE_CSR);
    ASSERT_EQ(fl_sparse_set_values(s.get(), Dtype<T>::value, c2.values.data()), FL_OK);
    fl_factor *raw = nullptr;
    ASSERT_EQ(fl_factor_refactor(&raw, f.get(), s.get()), FL_OK) << fl_last_error();
    FactorPtr g(raw);
    EXPECT_LT(solve_ratio<T>(g.get(), a2, FL_TRANS, FL_ROW_MAJOR, FL_COL_MAJOR, 5),
              kResidualThreshold);
    EXPECT_LT(solve_ratio<T>(f.get(), a, FL_NO_TRANS, FL_ROW_MAJOR, FL_COL_MAJOR, 5),
              kResidualThreshold);
}

TEST(SparseLU, SingularAndEmpty) {
    Ref a = sparse_random_ref(20, 20, 0.2, 2);
    for (int64_t i = 0; i < 20; ++i) a(i, i) += 3;
    for (int64_t i = 0; i < 20; ++i) a(i, 5) = 2 * a(i, 3);  // dependent columns, same pattern
    SparsePtr s = make_sparse<double>(a);
    fl_factor *f = reinterpret_cast<fl_factor *>(uintptr_t{0x10});
    EXPECT_ERROR(fl_factor_create_sparse(&f, FL_FACTOR_SPARSE_LU, s.get(), nullptr),
                 FL_ERR_SINGULAR, "fl_factor_create_sparse", "singular");
    EXPECT_EQ(f, nullptr);
    SparsePtr zero = make_sparse<double>(Ref(3, 3));
    EXPECT_ERROR(fl_factor_create_sparse(&f, FL_FACTOR_SPARSE_LU, zero.get(), nullptr),
                 FL_ERR_SINGULAR, "fl_factor_create_sparse", "singular");
    // 0-by-0: a valid, empty factor for every kind.
    SparsePtr empty = make_sparse<double>(Ref(0, 0));
    for (fl_factor_kind kind :
         {FL_FACTOR_SPARSE_CHOLESKY, FL_FACTOR_SPARSE_LU, FL_FACTOR_SPARSE_QR}) {
        FactorPtr e = create_sparse(kind, empty.get());
        ASSERT_TRUE(e);
        EXPECT_EQ(fl_factor_solve(e.get(), FL_NO_TRANS, FL_FLOAT64, 3, FL_COL_MAJOR, nullptr, 1,
                                  FL_COL_MAJOR, nullptr, 1),
                  FL_OK);
    }
    // 1-by-1.
    Ref one(1, 1);
    one(0, 0) = 4;
    SparsePtr o = make_sparse<double>(one);
    for (fl_factor_kind kind :
         {FL_FACTOR_SPARSE_CHOLESKY, FL_FACTOR_SPARSE_LU, FL_FACTOR_SPARSE_QR}) {
        FactorPtr e = create_sparse(kind, o.get());
        double b = 2, x = 0;
        ASSERT_EQ(fl_factor_solve(e.get(), FL_NO_TRANS, FL_FLOAT64, 1, FL_COL_MAJOR, &b, 1,
                                  FL_COL_MAJOR, &x, 1),
                  FL_OK);
        EXPECT_DOUBLE_EQ(x, 0.5);
    }
}

FLTEST_TYPED_SUITE(SparseQR);

// ||A^T (b - A x)|| / (||A||_1^2 ||x||_1 m eps): the normal equations' residual, zero for
// the least-squares solution.
template <class T>
double normal_equations_ratio(const Ref &a, const Matrix<T> &b, const Matrix<T> &x) {
    const Ref r = subtract(b.to_ref(), multiply(a, x.to_ref()));
    const Ref g = multiply(transpose(a), r);
    double worst = 0;
    for (int64_t j = 0; j < x.cols(); ++j)
        worst = std::max(
            worst, ratio(column_norm1(g, j),
                         norm1(a) * norm1(a) * column_norm1(x.to_ref(), j) * a.rows * eps<T>()));
    return worst;
}

TYPED_TEST(SparseQR, LeastSquaresAndMinimumNormTransposedSolves) {
    using T = TypeParam;
    Ref a = sparse_random_ref(90, 30, 0.1, 31);
    for (int64_t i = 0; i < 30; ++i) a(i, i) += 1;
    SparsePtr s = make_sparse<T>(a);
    FactorPtr f = create_sparse(FL_FACTOR_SPARSE_QR, s.get());
    ASSERT_TRUE(f);
    int64_t rank = 0;
    ASSERT_EQ(fl_factor_rank(f.get(), &rank), FL_OK);
    EXPECT_EQ(rank, 30);
    for (fl_layout bl : kLayouts)
        for (fl_layout xl : kLayouts) {
            const Matrix<T> b = Matrix<T>::from_ref(random_ref(90, 6, 4), bl, 1);
            Matrix<T> x(30, 6, xl);
            ASSERT_EQ(solve(f.get(), FL_NO_TRANS, b, x), FL_OK);
            EXPECT_LT(normal_equations_ratio(a, b, x), kResidualThreshold);
        }
    // A^T x = c: x solves it and lies in range(A), as the dense QR's minimum-norm solution.
    FactorPtr dense;
    const Matrix<T> ad = Matrix<T>::from_ref(a, FL_COL_MAJOR);
    ASSERT_EQ(make_factor(dense, FL_FACTOR_QR, ad), FL_OK);
    const Matrix<T> c = Matrix<T>::from_ref(random_ref(30, 4, 8), FL_ROW_MAJOR);
    Matrix<T> x(90, 4, FL_COL_MAJOR), xd(90, 4, FL_COL_MAJOR);
    ASSERT_EQ(solve(f.get(), FL_TRANS, c, x), FL_OK);
    ASSERT_EQ(solve(dense.get(), FL_TRANS, c, xd), FL_OK);
    // ||c - A^T x||_1 / (||A||_1 ||x||_1 m eps), column by column.
    const Ref r = subtract(c.to_ref(), multiply(transpose(a), x.to_ref()));
    for (int64_t j = 0; j < 4; ++j)
        EXPECT_LT(ratio(column_norm1(r, j), norm1(a) * column_norm1(x.to_ref(), j) * 90 * eps<T>()),
                  kResidualThreshold);
    for (int64_t i = 0; i < 90; ++i)
        for (int64_t j = 0; j < 4; ++j)
            EXPECT_NEAR(double(x(i, j)), double(xd(i, j)), 200 * eps<T>());
}

// The pseudo-inverse of a tall full-rank A: A^+ A = I.
TEST(SparseQR, PseudoInverse) {
    Ref a = sparse_random_ref(40, 15, 0.2, 37);
    for (int64_t i = 0; i < 15; ++i) a(i, i) += 1;
    SparsePtr s = make_sparse<double>(a);
    FactorPtr f = create_sparse(FL_FACTOR_SPARSE_QR, s.get());
    Matrix<double> pinv(15, 40, FL_ROW_MAJOR);
    ASSERT_EQ(fl_factor_inverse(f.get(), FL_FLOAT64, FL_ROW_MAJOR, pinv.data(), pinv.ld()), FL_OK);
    const Ref product = multiply(pinv.to_ref(), a);
    for (int64_t i = 0; i < 15; ++i)
        for (int64_t j = 0; j < 15; ++j)
            EXPECT_NEAR(double(product(i, j)), i == j ? 1.0 : 0.0, 1e-12);
}

TEST(SparseQR, RankUnderTheTolerance) {
    Ref a = sparse_random_ref(60, 12, 0.3, 41);
    for (int64_t i = 0; i < 12; ++i) a(i, i) += 1;
    for (int64_t i = 0; i < 60; ++i) a(i, 7) = a(i, 2);  // a repeated column
    SparsePtr s = make_sparse<double>(a);
    FactorPtr f = create_sparse(FL_FACTOR_SPARSE_QR, s.get());
    int64_t rank = 0;
    ASSERT_EQ(fl_factor_rank(f.get(), &rank), FL_OK);
    EXPECT_EQ(rank, 11);
    // A basic least-squares solution still satisfies the normal equations.
    const Matrix<double> b = Matrix<double>::from_ref(random_ref(60, 2, 3), FL_COL_MAJOR);
    Matrix<double> x(12, 2, FL_COL_MAJOR);
    ASSERT_EQ(solve(f.get(), FL_NO_TRANS, b, x), FL_OK);
    EXPECT_LT(normal_equations_ratio(a, b, x), 1000.0);
    // A tolerance above every column's norm leaves rank 0.
    OptionsPtr o = make_options(1, FL_LOWER);
    ASSERT_EQ(fl_options_set_real(o.get(), FL_OPT_ATOL, 1e6), FL_OK);
    FactorPtr g = create_sparse(FL_FACTOR_SPARSE_QR, s.get(), o.get());
    ASSERT_EQ(fl_factor_rank(g.get(), &rank), FL_OK);
    EXPECT_EQ(rank, 0);
}

// ---- what each kind does not answer --------------------------------------------------------

TEST(SparseKinds, QueriesAKindCannotAnswerAreUnsupported) {
    Ref a = laplacian_ref(3);
    SparsePtr s = make_sparse<double>(a);
    FactorPtr chol = create_sparse(FL_FACTOR_SPARSE_CHOLESKY, s.get());
    FactorPtr lu = create_sparse(FL_FACTOR_SPARSE_LU, s.get());
    FactorPtr qr = create_sparse(FL_FACTOR_SPARSE_QR, s.get());
    int64_t r = 0;
    double d = 0;
    EXPECT_ERROR(fl_factor_rank(lu.get(), &r), FL_ERR_UNSUPPORTED, "fl_factor_rank", "sparse LU");
    EXPECT_ERROR(fl_factor_rank(chol.get(), &r), FL_ERR_UNSUPPORTED, "fl_factor_rank",
                 "sparse Cholesky");
    EXPECT_ERROR(fl_factor_logdet(qr.get(), &d, &d), FL_ERR_UNSUPPORTED, "fl_factor_logdet",
                 "sparse QR");
    EXPECT_ERROR(fl_factor_rcond(qr.get(), &d), FL_ERR_UNSUPPORTED, "fl_factor_rcond", "sparse QR");
    EXPECT_ERROR(fl_factor_part_shape(lu.get(), FL_PART_R, &r, &r), FL_ERR_UNSUPPORTED,
                 "fl_factor_part_shape");
    EXPECT_ERROR(fl_factor_inertia(lu.get(), &r, &r, &r), FL_ERR_UNSUPPORTED, "fl_factor_inertia");
    std::vector<double> v(9, 1.0);
    fl_factor *raw = nullptr;
    EXPECT_ERROR(
        fl_factor_rank_update(&raw, chol.get(), 1, FL_FLOAT64, 1, FL_COL_MAJOR, v.data(), 9),
        FL_ERR_UNSUPPORTED, "fl_factor_rank_update", "rank update");
    EXPECT_ERROR(fl_factor_rank_update_sparse(&raw, lu.get(), 1, s.get()), FL_ERR_UNSUPPORTED,
                 "fl_factor_rank_update_sparse", "sparse LU");
    // Dense factors refuse the sparse operations.
    FactorPtr dense;
    const Matrix<double> ad = Matrix<double>::from_ref(a, FL_COL_MAJOR);
    ASSERT_EQ(make_factor(dense, FL_FACTOR_CHOLESKY, ad), FL_OK);
    EXPECT_ERROR(fl_factor_refactor(&raw, dense.get(), s.get()), FL_ERR_UNSUPPORTED,
                 "fl_factor_refactor", "Cholesky");
    EXPECT_ERROR(fl_factor_rank_update_sparse(&raw, dense.get(), 1, s.get()), FL_ERR_UNSUPPORTED,
                 "fl_factor_rank_update_sparse");
    EXPECT_EQ(raw, nullptr);
}

// One handle of each kind solved from many threads at once: every thread gets the serial
// answer (each call uses its own CHOLMOD common and UMFPACK workspace).
// With 40 right-hand sides the threads race to the LU factor's first row-block solve,
// which extracts UMFPACK's factors once; the serial answer is computed afterwards.
TEST(SparseKinds, SharedHandlesSolveConcurrently) {
    const Ref a = laplacian_ref(12);
    SparsePtr s = make_sparse<double>(a);
    for (fl_factor_kind kind :
         {FL_FACTOR_SPARSE_CHOLESKY, FL_FACTOR_SPARSE_LU, FL_FACTOR_SPARSE_QR})
        for (int64_t k : {3, 40}) {
            FactorPtr f = create_sparse(kind, s.get());
            const Matrix<double> b = Matrix<double>::from_ref(random_ref(144, k, 5), FL_COL_MAJOR);
            std::vector<Matrix<double>> got(8, Matrix<double>(144, k, FL_COL_MAJOR));
            std::vector<int> ok(8, 0);
            std::vector<std::thread> pool;
            for (int t = 0; t < 8; ++t)
                pool.emplace_back([&, t] {
                    bool good = true;
                    for (int rep = 0; rep < 10; ++rep)
                        good = good && solve(f.get(), FL_NO_TRANS, b, got[t]) == FL_OK;
                    ok[t] = good;
                });
            for (std::thread &th : pool) th.join();
            Matrix<double> want(144, k, FL_COL_MAJOR);
            ASSERT_EQ(solve(f.get(), FL_NO_TRANS, b, want), FL_OK);
            for (int t = 0; t < 8; ++t)
                EXPECT_TRUE(ok[t] && got[t].bitwise_equal(want))
                    << "kind " << kind << " k " << k << " thread " << t;
        }
}

// ---- bad input -----------------------------------------------------------------------------

TEST(SparseFactorErrors, CreateRefactorAndUpdateNameTheArgument) {
    const Ref a = laplacian_ref(3);
    SparsePtr s = make_sparse<double>(a);
    SparsePtr rect = make_sparse<double>(sparse_random_ref(5, 3, 0.5, 1));
    SparsePtr f32 = make_sparse<float>(a);
    fl_factor *f = reinterpret_cast<fl_factor *>(uintptr_t{0x10});
    const char *fn = "fl_factor_create_sparse";
    EXPECT_ERROR(fl_factor_create_sparse(nullptr, FL_FACTOR_SPARSE_LU, s.get(), nullptr),
                 FL_ERR_INVALID_ARGUMENT, fn, "factor is NULL");
    EXPECT_ERROR(fl_factor_create_sparse(&f, FL_FACTOR_SPARSE_LU, nullptr, nullptr),
                 FL_ERR_INVALID_ARGUMENT, fn, "sparse is NULL");
    EXPECT_EQ(f, nullptr);
    EXPECT_ERROR(fl_factor_create_sparse(&f, FL_FACTOR_LU, s.get(), nullptr),
                 FL_ERR_INVALID_ARGUMENT, fn, "dense");
    EXPECT_ERROR(fl_factor_create_sparse(&f, FL_FACTOR_AUTO, s.get(), nullptr),
                 FL_ERR_INVALID_ARGUMENT, fn, "FL_FACTOR_AUTO");
    EXPECT_ERROR(fl_factor_create_sparse(&f, static_cast<fl_factor_kind>(99), s.get(), nullptr),
                 FL_ERR_INVALID_ARGUMENT, fn, "kind = 99");
    EXPECT_ERROR(fl_factor_create_sparse(&f, FL_FACTOR_SPARSE_CHOLESKY, rect.get(), nullptr),
                 FL_ERR_INVALID_ARGUMENT, fn, "square", "5 x 3");
    EXPECT_ERROR(fl_factor_create_sparse(&f, FL_FACTOR_SPARSE_LU, rect.get(), nullptr),
                 FL_ERR_INVALID_ARGUMENT, fn, "square");
    // Sparse kinds through the dense entry point.
    const Matrix<double> ad = Matrix<double>::from_ref(a, FL_COL_MAJOR);
    EXPECT_ERROR(create_expecting_null(FL_FACTOR_SPARSE_LU, ad), FL_ERR_INVALID_ARGUMENT,
                 "fl_factor_create", "fl_factor_create_sparse");

    FactorPtr lu = create_sparse(FL_FACTOR_SPARSE_LU, s.get());
    FactorPtr chol = create_sparse(FL_FACTOR_SPARSE_CHOLESKY, s.get());
    fl_factor *g = reinterpret_cast<fl_factor *>(uintptr_t{0x10});
    EXPECT_ERROR(fl_factor_refactor(nullptr, lu.get(), s.get()), FL_ERR_INVALID_ARGUMENT,
                 "fl_factor_refactor", "refactored is NULL");
    EXPECT_ERROR(fl_factor_refactor(&g, nullptr, s.get()), FL_ERR_INVALID_ARGUMENT,
                 "fl_factor_refactor", "factor is NULL");
    EXPECT_EQ(g, nullptr);
    EXPECT_ERROR(fl_factor_refactor(&g, lu.get(), nullptr), FL_ERR_INVALID_ARGUMENT,
                 "fl_factor_refactor", "sparse is NULL");
    EXPECT_ERROR(fl_factor_refactor(&g, lu.get(), rect.get()), FL_ERR_DIMENSION_MISMATCH,
                 "fl_factor_refactor", "5 x 3");
    EXPECT_ERROR(fl_factor_refactor(&g, lu.get(), f32.get()), FL_ERR_DTYPE_MISMATCH,
                 "fl_factor_refactor", "dtype");

    const char *un = "fl_factor_rank_update_sparse";
    EXPECT_ERROR(fl_factor_rank_update_sparse(nullptr, chol.get(), 1, s.get()),
                 FL_ERR_INVALID_ARGUMENT, un, "updated is NULL");
    EXPECT_ERROR(fl_factor_rank_update_sparse(&g, nullptr, 1, s.get()), FL_ERR_INVALID_ARGUMENT, un,
                 "factor is NULL");
    EXPECT_ERROR(fl_factor_rank_update_sparse(&g, chol.get(), 0, s.get()), FL_ERR_INVALID_ARGUMENT,
                 un, "sign = 0");
    EXPECT_ERROR(fl_factor_rank_update_sparse(&g, chol.get(), 1, nullptr), FL_ERR_INVALID_ARGUMENT,
                 un, "v is NULL");
    EXPECT_ERROR(fl_factor_rank_update_sparse(&g, chol.get(), 1, rect.get()),
                 FL_ERR_DIMENSION_MISMATCH, un, "5 rows");
    EXPECT_ERROR(fl_factor_rank_update_sparse(&g, chol.get(), 1, f32.get()), FL_ERR_DTYPE_MISMATCH,
                 un, "dtype");
    EXPECT_EQ(g, nullptr);

    // Solves check the dtype against the factor's like the dense kinds.
    float b[9] = {}, x[9] = {};
    EXPECT_ERROR(fl_factor_solve(lu.get(), FL_NO_TRANS, FL_FLOAT32, 1, FL_COL_MAJOR, b, 9,
                                 FL_COL_MAJOR, x, 9),
                 FL_ERR_DTYPE_MISMATCH, "fl_factor_solve", "FL_FLOAT32");
}

}  // namespace
