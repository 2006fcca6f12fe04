// COD (geqp3 + tzrzf): the numerical rank of constructed matrices, minimum-norm
// least-squares solves (both transposes) checked against long double pseudo-inverses and
// the null space, the pseudo-inverse and its four Penrose conditions, FL_OPT_RTOL/ATOL,
// apply_q, residual norms, empty and zero matrices, and bad input.
#include "error_expect.hpp"
#include "least_squares_check.hpp"

namespace fltest {
namespace {

FLTEST_TYPED_SUITE(Cod);

OptionsPtr tolerance_options(double rtol, double atol) {
    fl_options *o = nullptr;
    EXPECT_EQ(fl_options_create(&o), FL_OK);
    OptionsPtr p(o);
    EXPECT_EQ(fl_options_set_real(o, FL_OPT_RTOL, rtol), FL_OK) << fl_last_error();
    EXPECT_EQ(fl_options_set_real(o, FL_OPT_ATOL, atol), FL_OK) << fl_last_error();
    return p;
}

template <class T>
int64_t rank_of(const Ref &a, fl_layout l, const fl_options *options = nullptr) {
    FactorPtr f;
    EXPECT_EQ(make_factor(f, FL_FACTOR_COD, Matrix<T>::from_ref(a, l, 1), options), FL_OK) << fl_last_error();
    int64_t rank = -1;
    if (f) {
        EXPECT_EQ(fl_factor_rank(f.get(), &rank), FL_OK) << fl_last_error();
    }
    return rank;
}

struct Shape {
    int64_t m, n, r;
};
constexpr Shape kLowRankShapes[] = {{30, 20, 7}, {20, 30, 5}, {25, 25, 1}, {16, 16, 16}, {12, 40, 12}};

TYPED_TEST(Cod, ExactRankOfLowRankProducts) {
    uint64_t seed = 200;
    for (const Shape s : kLowRankShapes)
        for (fl_layout l : kLayouts) {
            SCOPED_TRACE(std::to_string(s.m) + "x" + std::to_string(s.n) + " rank " + std::to_string(s.r) + " " +
                         layout_name(l));
            EXPECT_EQ(rank_of<TypeParam>(low_rank_problem<TypeParam>(s.m, s.n, s.r, ++seed).a, l), s.r);
        }
    // The zero matrix has rank 0.
    EXPECT_EQ(rank_of<TypeParam>(Ref(6, 4), FL_ROW_MAJOR), 0);
}

TYPED_TEST(Cod, MinimumNormLeastSquaresOfLowRank) {
    uint64_t seed = 300;
    for (const Shape s : kLowRankShapes) {
        ++seed;
        check_least_squares<TypeParam>(FL_FACTOR_COD, low_rank_problem<TypeParam>(s.m, s.n, s.r, seed), {1, 4}, seed);
    }
}

TYPED_TEST(Cod, FullRankShapes) {
    check_least_squares<TypeParam>(FL_FACTOR_COD, full_rank_problem<TypeParam>(35, 12, 401), {3}, 40);
    check_least_squares<TypeParam>(FL_FACTOR_COD, full_rank_problem<TypeParam>(9, 26, 402), {3}, 41);
    check_least_squares<TypeParam>(FL_FACTOR_COD, full_rank_problem<TypeParam>(15, 15, 403), {2}, 42);
    check_least_squares<TypeParam>(FL_FACTOR_COD, full_rank_problem<TypeParam>(1, 6, 404), {1}, 43);
    check_least_squares<TypeParam>(FL_FACTOR_COD, full_rank_problem<TypeParam>(6, 1, 405), {1}, 44);
}

// Past the serial cut-offs (m n min(m, n) > 400^3 for the factorization, m n nrhs > 2^18
// for the solves), so the BLAS runs threaded.
TYPED_TEST(Cod, LargeEnoughToThread) {
    check_least_squares<TypeParam>(FL_FACTOR_COD, low_rank_problem<TypeParam>(500, 420, 380, 406), {8}, 45);
}

// m < n, full rank: the minimum-norm solution is x = A^T (A A^T)^-1 b.
TYPED_TEST(Cod, UnderdeterminedFullRank) {
    using T = TypeParam;
    const int64_t m = 10, n = 25;
    const Ref a = rounded<T>(random_ref(m, n, 407));
    const Ref b = rounded<T>(random_ref(m, 3, 408));
    const Ref aat_inv = inverse_of(multiply(a, transpose(a)));
    const Ref xref = multiply(transpose(a), multiply(aat_inv, b));
    const long double kappa = norm1(a) * norm1(multiply(transpose(a), aat_inv));
    for (fl_layout l : kLayouts) {
        SCOPED_TRACE(layout_name(l));
        FactorPtr f;
        ASSERT_EQ(make_factor(f, FL_FACTOR_COD, Matrix<T>::from_ref(a, l)), FL_OK) << fl_last_error();
        int64_t rank = -1;
        ASSERT_EQ(fl_factor_rank(f.get(), &rank), FL_OK);
        EXPECT_EQ(rank, m);
        Matrix<T> x(n, 3, l, 2);
        ASSERT_EQ(solve(f.get(), FL_NO_TRANS, Matrix<T>::from_ref(b, l), x), FL_OK) << fl_last_error();
        EXPECT_LT(ratio(norm1(subtract(x.to_ref(), xref)), norm1(xref) * kappa * n * eps<T>()), kResidualThreshold);
    }
}

// The solve equals A^+ B with A^+ from fl_factor_inverse.
TYPED_TEST(Cod, SolveAgreesWithPseudoInverse) {
    using T = TypeParam;
    const Problem p = low_rank_problem<T>(22, 17, 6, 409);
    const long double kappa = norm1(p.a) * norm1(reference_pinv(p));
    const Ref b = rounded<T>(random_ref(22, 4, 410));
    for (fl_layout l : kLayouts) {
        SCOPED_TRACE(layout_name(l));
        FactorPtr f;
        ASSERT_EQ(make_factor(f, FL_FACTOR_COD, Matrix<T>::from_ref(p.a, l)), FL_OK) << fl_last_error();
        Matrix<T> inv(17, 22, l, 1, T(-777));
        const Matrix<T> before = inv;
        ASSERT_EQ(fl_factor_inverse(f.get(), Dtype<T>::value, l, inv.data(), inv.ld()), FL_OK) << fl_last_error();
        EXPECT_TRUE(inv.padding_equal(before));
        Matrix<T> x(17, 4, l);
        ASSERT_EQ(solve(f.get(), FL_NO_TRANS, Matrix<T>::from_ref(b, l), x), FL_OK);
        const Ref via_inverse = multiply(inv.to_ref(), b);
        EXPECT_LT(ratio(norm1(subtract(x.to_ref(), via_inverse)), norm1(inv.to_ref()) * norm1(b) * kappa * 22 * eps<T>()),
                  kResidualThreshold);
    }
}

// X = A^+: A X A = A, X A X = X, (A X)^T = A X, (X A)^T = X A, each to a scaled tolerance.
TYPED_TEST(Cod, PenroseConditions) {
    using T = TypeParam;
    const Problem problems[] = {low_rank_problem<T>(20, 14, 6, 411), full_rank_problem<T>(7, 12, 412),
                                low_rank_problem<T>(9, 9, 3, 413)};
    for (const Problem &p : problems) {
        const long double kappa = norm1(p.a) * norm1(reference_pinv(p));
        const double d = dims(p.a);
        for (fl_layout al : kLayouts)
            for (fl_layout ol : kLayouts) {
                SCOPED_TRACE(std::to_string(p.a.rows) + "x" + std::to_string(p.a.cols) + " A " + layout_name(al) +
                             ", A^+ " + layout_name(ol));
                FactorPtr f;
                ASSERT_EQ(make_factor(f, FL_FACTOR_COD, Matrix<T>::from_ref(p.a, al)), FL_OK) << fl_last_error();
                Matrix<T> inv(p.a.cols, p.a.rows, ol, 2);
                ASSERT_EQ(fl_factor_inverse(f.get(), Dtype<T>::value, ol, inv.data(), inv.ld()), FL_OK)
                    << fl_last_error();
                const Ref &a = p.a;
                const Ref x = inv.to_ref();
                const Ref ax = multiply(a, x), xa = multiply(x, a);
                EXPECT_LT(ratio(norm1(subtract(multiply(ax, a), a)), norm1(a) * kappa * d * eps<T>()),
                          kResidualThreshold);
                EXPECT_LT(ratio(norm1(subtract(multiply(xa, x), x)), norm1(x) * kappa * d * eps<T>()),
                          kResidualThreshold);
                EXPECT_LT(ratio(norm1(subtract(transpose(ax), ax)), kappa * d * eps<T>()), kResidualThreshold);
                EXPECT_LT(ratio(norm1(subtract(transpose(xa), xa)), kappa * d * eps<T>()), kResidualThreshold);
            }
    }
}

// A = H[:, 0:5] diag(d) with H a Householder reflection: orthogonal columns of norms d, so
// pivoted QR's |R_ii| are d sorted, and the rank under each tolerance is known exactly.
struct Graded {
    Ref a;
    std::vector<long double> d;
};

Graded graded_matrix(int64_t m) {
    Graded g;
    g.d = {1e-1L, 1.0L, 1e-4L, 1e-2L, 1e-5L};
    const int64_t n = static_cast<int64_t>(g.d.size());
    const Ref v = random_ref(m, 1, 414);
    long double vtv = 0;
    for (int64_t i = 0; i < m; ++i) vtv += v(i, 0) * v(i, 0);
    g.a = Ref(m, n);
    for (int64_t j = 0; j < n; ++j)
        for (int64_t i = 0; i < m; ++i)
            g.a(i, j) = ((i == j ? 1.0L : 0.0L) - 2.0L * v(i, 0) * v(j, 0) / vtv) * g.d[size_t(j)];
    return g;
}

TYPED_TEST(Cod, ToleranceOptionsChangeTheRank) {
    using T = TypeParam;
    const int64_t m = 8;
    const Graded g = graded_matrix(m);
    const Ref a = rounded<T>(g.a);
    struct Case {
        double rtol, atol;
        int64_t rank;
    };
    // Kept: |R_ii| > max(atol, rtol * |R_11|), |R_11| = 1. Default rtol = 8 eps.
    const Case cases[] = {{-1, 0, 5},    {0, 0, 5},     {0.5, 0, 1},   {5e-2, 0, 2},   {5e-3, 0, 3},
                          {5e-5, 0, 4},  {-1, 0.05, 2}, {5e-3, 0.5, 1}, {0.5, 5e-3, 1}, {0, 2.0, 0}};
    for (const Case &c : cases)
        for (fl_layout l : kLayouts) {
            SCOPED_TRACE("rtol " + std::to_string(c.rtol) + ", atol " + std::to_string(c.atol) + ", " + layout_name(l));
            const OptionsPtr o = tolerance_options(c.rtol, c.atol);
            FactorPtr f;
            ASSERT_EQ(make_factor(f, FL_FACTOR_COD, Matrix<T>::from_ref(a, l), o.get()), FL_OK) << fl_last_error();
            int64_t rank = -1;
            ASSERT_EQ(fl_factor_rank(f.get(), &rank), FL_OK);
            EXPECT_EQ(rank, c.rank);

            // The solve is the pseudo-inverse of A with the dropped columns' d set to 0:
            // x_j = (h_j^T b) / d_j for the kept columns, 0 for the others.
            std::vector<long double> sorted = g.d;
            std::sort(sorted.rbegin(), sorted.rend());
            const long double smallest_kept = c.rank > 0 ? sorted[size_t(c.rank - 1)] : 1.0L;
            const Ref b = rounded<T>(random_ref(m, 2, 415));
            Ref xref(5, 2);
            for (int64_t j = 0; j < 5; ++j) {
                const long double dj = g.d[size_t(j)];
                if (dj < smallest_kept || c.rank == 0) continue;
                for (int64_t k = 0; k < 2; ++k) {
                    long double dot = 0;
                    for (int64_t i = 0; i < m; ++i) dot += g.a(i, j) / dj * b(i, k);
                    xref(j, k) = dot / dj;
                }
            }
            Matrix<T> x(5, 2, l);
            ASSERT_EQ(solve(f.get(), FL_NO_TRANS, Matrix<T>::from_ref(b, l), x), FL_OK) << fl_last_error();
            const long double cond = 1.0L / smallest_kept;
            EXPECT_LT(ratio(norm1(subtract(x.to_ref(), xref)), std::max(norm1(xref), 1.0L) * cond * m * eps<T>()),
                      kResidualThreshold);

            // rcond is that of T, diag(kept d) up to rounding: smallest kept / largest.
            double rc = -1;
            ASSERT_EQ(fl_factor_rcond(f.get(), &rc), FL_OK);
            if (c.rank == 0) {
                EXPECT_EQ(rc, 0.0);
            } else {
                EXPECT_GT(rc, double(smallest_kept) / 10);
                EXPECT_LE(rc, std::min(1.0, double(smallest_kept) * 10));
            }
        }
}

// Q^T A = [T11 T12; 0 T22] P^T: the rows of Q^T A past the rank hold only what was
// dropped, so apply_q must apply geqp3's full Q. And op(Q) is orthogonal.
TYPED_TEST(Cod, ApplyQ) {
    using T = TypeParam;
    for (const Shape s : {Shape{24, 15, 5}, Shape{10, 18, 4}}) {
        const Problem p = low_rank_problem<T>(s.m, s.n, s.r, 416);
        for (fl_layout al : kLayouts)
            for (fl_layout cl : kLayouts) {
                SCOPED_TRACE(std::to_string(s.m) + "x" + std::to_string(s.n) + " A " + layout_name(al) + ", C " +
                             layout_name(cl));
                FactorPtr f;
                ASSERT_EQ(make_factor(f, FL_FACTOR_COD, Matrix<T>::from_ref(p.a, al)), FL_OK) << fl_last_error();
                Matrix<T> c = Matrix<T>::from_ref(p.a, cl, 2, T(-777));
                const Matrix<T> before = c;
                ASSERT_EQ(fl_factor_apply_q(f.get(), FL_TRANS, Dtype<T>::value, s.n, cl, c.data(), c.ld()), FL_OK)
                    << fl_last_error();
                EXPECT_TRUE(c.padding_equal(before));
                const Ref qta = c.to_ref();
                Ref tail(s.m - s.r, s.n);
                for (int64_t i = s.r; i < s.m; ++i)
                    for (int64_t j = 0; j < s.n; ++j) tail(i - s.r, j) = qta(i, j);
                EXPECT_LT(ratio(norm1(tail), norm1(p.a) * dims(p.a) * eps<T>()), kResidualThreshold);
                ASSERT_EQ(fl_factor_apply_q(f.get(), FL_NO_TRANS, Dtype<T>::value, s.n, cl, c.data(), c.ld()), FL_OK);
                EXPECT_LT(ratio(norm1(subtract(c.to_ref(), p.a)), norm1(p.a) * s.m * eps<T>()), kResidualThreshold);
                for (int64_t j = 0; j < s.n; ++j)
                    EXPECT_LT(ratio(std::fabs(column_norm2(qta, j) - column_norm2(p.a, j)),
                                     column_norm2(p.a, j) * s.m * eps<T>()),
                              kResidualThreshold);
            }
    }
}

TYPED_TEST(Cod, ResidualNorms) {
    using T = TypeParam;
    for (const Shape s : {Shape{30, 20, 7}, Shape{12, 20, 12}, Shape{15, 15, 15}}) {
        const Problem p = low_rank_problem<T>(s.m, s.n, s.r, 417);
        for (fl_layout l : kLayouts) {
            SCOPED_TRACE(std::to_string(s.m) + "x" + std::to_string(s.n) + " " + layout_name(l));
            FactorPtr f;
            ASSERT_EQ(make_factor(f, FL_FACTOR_COD, Matrix<T>::from_ref(p.a, l)), FL_OK) << fl_last_error();
            const Matrix<T> b = Matrix<T>::from_ref(rounded<T>(random_ref(s.m, 3, 418)), l, 1);
            Matrix<T> x(s.n, 3, FL_COL_MAJOR);
            ASSERT_EQ(solve(f.get(), FL_NO_TRANS, b, x), FL_OK);
            std::vector<T> norms(3, T(-1));
            ASSERT_EQ(fl_factor_residual_norms(f.get(), Dtype<T>::value, 3, l, b.data(), b.ld(), norms.data()), FL_OK)
                << fl_last_error();
            const Ref r = subtract(b.to_ref(), multiply(p.a, x.to_ref()));
            for (int64_t j = 0; j < 3; ++j) {
                const long double scale =
                    (norm1(p.a) * column_norm1(x.to_ref(), j) + column_norm1(b.to_ref(), j)) * dims(p.a) * eps<T>();
                EXPECT_LT(ratio(std::fabs(norms[size_t(j)] - column_norm2(r, j)), scale), kResidualThreshold);
            }
        }
    }
}

// Empty and zero matrices: rank 0; every minimum-norm solution and A^+ are zero; rcond is
// 1 for an empty matrix and 0 for a zero one.
TYPED_TEST(Cod, EmptyAndZeroMatrices) {
    using T = TypeParam;
    for (auto [m, n] : {std::pair<int64_t, int64_t>{0, 0}, {5, 0}, {0, 5}, {6, 4}})
        for (fl_layout l : kLayouts) {
            SCOPED_TRACE(std::to_string(m) + "x" + std::to_string(n) + " " + layout_name(l));
            FactorPtr f;
            ASSERT_EQ(make_factor(f, FL_FACTOR_COD, Matrix<T>(m, n, l)), FL_OK) << fl_last_error();
            int64_t rank = -1;
            ASSERT_EQ(fl_factor_rank(f.get(), &rank), FL_OK);
            EXPECT_EQ(rank, 0);
            double rc = -1;
            ASSERT_EQ(fl_factor_rcond(f.get(), &rc), FL_OK);
            EXPECT_EQ(rc, m == 0 || n == 0 ? 1.0 : 0.0);
            if (m == 0 || n == 0) {  // never factored: the identity permutation
                std::vector<int64_t> p(static_cast<size_t>(n), -7);
                ASSERT_EQ(fl_factor_get_indices(f.get(), FL_PART_COLUMN_PERMUTATION, p.data(), n),
                          FL_OK);
                for (int64_t j = 0; j < n; ++j) EXPECT_EQ(p[static_cast<size_t>(j)], j);
            }
            for (fl_transpose tr : kTransposes) {
                const int64_t brows = tr == FL_NO_TRANS ? m : n, xrows = tr == FL_NO_TRANS ? n : m;
                const Matrix<T> b = Matrix<T>::from_ref(random_ref(brows, 2, 419), l);
                Matrix<T> x(xrows, 2, l);
                x.fill(T(5));
                ASSERT_EQ(solve(f.get(), tr, b, x), FL_OK) << fl_last_error();
                for (int64_t i = 0; i < xrows; ++i)
                    for (int64_t j = 0; j < 2; ++j) EXPECT_EQ(x(i, j), T(0));
            }
            Matrix<T> inv(n, m, l);
            inv.fill(T(5));
            ASSERT_EQ(fl_factor_inverse(f.get(), Dtype<T>::value, l, inv.data(), inv.ld()), FL_OK) << fl_last_error();
            for (int64_t i = 0; i < n; ++i)
                for (int64_t j = 0; j < m; ++j) EXPECT_EQ(inv(i, j), T(0));
            const Matrix<T> b = Matrix<T>::from_ref(random_ref(m, 2, 420), l);
            std::vector<T> norms(2, T(-1));
            ASSERT_EQ(fl_factor_residual_norms(f.get(), Dtype<T>::value, 2, l, b.data(), b.ld(), norms.data()), FL_OK);
            for (int64_t j = 0; j < 2; ++j) EXPECT_NEAR(norms[size_t(j)], double(column_norm2(b.to_ref(), j)), 1e-5);
        }
}

TYPED_TEST(Cod, BadInput) {
    using T = TypeParam;
    FactorPtr f;
    ASSERT_EQ(make_factor(f, FL_FACTOR_COD, Matrix<T>::from_ref(random_ref(5, 8, 421), FL_COL_MAJOR)), FL_OK);
    double sign = 0, logabs = 0;
    EXPECT_ERROR(fl_factor_logdet(f.get(), &sign, &logabs), FL_ERR_UNSUPPORTED, "fl_factor_logdet", "COD");
    int64_t rows = 0, cols = 0;
    EXPECT_ERROR(fl_factor_part_shape(f.get(), FL_PART_Q, &rows, &cols), FL_ERR_UNSUPPORTED, "fl_factor_part_shape",
                 "COD");
    EXPECT_ERROR(fl_factor_inertia(f.get(), nullptr, nullptr, nullptr), FL_ERR_UNSUPPORTED, "fl_factor_inertia");
    // A^T X = B: B has cols(A) = 8 rows, which a column-major ldb of 5 cannot hold.
    std::vector<T> buf(64, T(1));
    EXPECT_ERROR(fl_factor_solve(f.get(), FL_TRANS, Dtype<T>::value, 2, FL_COL_MAJOR, buf.data(), 5, FL_COL_MAJOR,
                                 buf.data() + 32, 5),
                 FL_ERR_INVALID_ARGUMENT, "fl_factor_solve", "ldb = 5", "8");
    EXPECT_ERROR(fl_factor_solve(f.get(), FL_NO_TRANS, Dtype<T>::value, 2, FL_COL_MAJOR, buf.data(), 5, FL_COL_MAJOR,
                                 buf.data() + 32, 5),
                 FL_ERR_INVALID_ARGUMENT, "fl_factor_solve", "ldx = 5", "8");

    fl_options *raw = nullptr;
    ASSERT_EQ(fl_options_create(&raw), FL_OK);
    const OptionsPtr o(raw);
    for (double bad : {1.0, 1.5, -0.5, -2.0, std::numeric_limits<double>::quiet_NaN()}) {
        SCOPED_TRACE(bad);
        EXPECT_ERROR(fl_options_set_real(o.get(), FL_OPT_RTOL, bad), FL_ERR_INVALID_ARGUMENT, "fl_options_set_real",
                     "FL_OPT_RTOL");
    }
    double rtol = 0;
    ASSERT_EQ(fl_options_get_real(o.get(), FL_OPT_RTOL, &rtol), FL_OK);
    EXPECT_EQ(rtol, -1.0) << "a rejected value leaves the option unchanged";
    EXPECT_ERROR(fl_options_set_real(o.get(), FL_OPT_ATOL, -1e-3), FL_ERR_INVALID_ARGUMENT, "fl_options_set_real",
                 "FL_OPT_ATOL");
    EXPECT_ERROR(fl_options_set_int(o.get(), FL_OPT_RTOL, 0), FL_ERR_INVALID_ARGUMENT, "fl_options_set_int",
                 "FL_OPT_RTOL");
}

TYPED_TEST(Cod, NonFiniteInput) {
    using T = TypeParam;
    Matrix<T> a = Matrix<T>::from_ref(random_ref(4, 7, 422), FL_COL_MAJOR);
    a(1, 6) = std::numeric_limits<T>::infinity();
    FactorPtr f;
    EXPECT_ERROR(make_factor(f, FL_FACTOR_COD, a), FL_ERR_NON_FINITE, "fl_factor_create", "a[1, 6]", "inf");
}

}  // namespace
}  // namespace fltest
