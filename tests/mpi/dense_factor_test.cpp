// ScaLAPACK factors against single-process libfastlinalg and LAPACK's scaled residuals:
// LU, Cholesky, QR least squares, symmetric eigen; logdet, rcond; empty, 1x1,
// ill-conditioned; small and default blocks on every grid the run has.
#include "mpi_test_support.hpp"

namespace fltest::mpi {
namespace {

struct Case {
    int64_t n, k, block;
};
constexpr Case kCases[] = {{0, 3, 0},  {1, 1, 0},  {1, 0, 0},   {7, 3, 2},
                           {50, 5, 0}, {61, 4, 8}, {130, 2, 16}};

Ref distributed_solve(const fl_mpi_context *c, const fl_mpi_factor *f, const Ref &b, int64_t x_rows,
                      int64_t block, fl_transpose trans = FL_NO_TRANS) {
    DistPtr bd = scatter(c, b, block);
    DistPtr x = zeros(c, x_rows, b.cols, block);
    expect_agreed(fl_mpi_factor_solve(f, trans, bd.get(), x.get()), FL_OK);
    return gather_everywhere(x.get());
}

double reference_logdet_ratio(fl_factor_kind kind, const Ref &a, const fl_mpi_factor *f) {
    FactorPtr ref;
    EXPECT_EQ(make_factor(ref, kind, Matrix<double>::from_ref(a, FL_COL_MAJOR)), FL_OK);
    double sign = 0, logabs = 0, ref_sign = 0, ref_logabs = 0;
    expect_agreed(fl_mpi_factor_logdet(f, &sign, &logabs), FL_OK);
    EXPECT_EQ(fl_factor_logdet(ref.get(), &ref_sign, &ref_logabs), FL_OK);
    EXPECT_EQ(sign, ref_sign);
    return std::fabs(logabs - ref_logabs) / std::max(1.0, std::fabs(ref_logabs));
}

// The distributed estimate and gecon/pocon's run the same estimator (dlacn2) on solves
// rounded differently: they agree within a small factor.
void expect_rcond_like_reference(fl_factor_kind kind, const Ref &a, const fl_mpi_factor *f) {
    FactorPtr ref;
    EXPECT_EQ(make_factor(ref, kind, Matrix<double>::from_ref(a, FL_COL_MAJOR)), FL_OK);
    double rcond = -1, ref_rcond = -1;
    expect_agreed(fl_mpi_factor_rcond(f, &rcond), FL_OK);
    EXPECT_EQ(fl_factor_rcond(ref.get(), &ref_rcond), FL_OK);
    EXPECT_LE(rcond, ref_rcond * 3 + 1e-300);
    EXPECT_GE(rcond, ref_rcond / 3);
    // An estimate of ||A^-1|| never exceeds it: rcond is never below the true value.
    EXPECT_GE(rcond, static_cast<double>(ref_rcond1(a)) * (1 - 1e-8));
}

TEST(DenseFactor, LuSolvesBothTransposesLikeLapack) {
    ContextPtr c = make_context();
    for (const Case &t : kCases)
        for (fl_transpose trans : kTransposes) {
            const Ref a = rounded<double>(random_ref(t.n, t.n, 100 + t.n));
            const Ref b = rounded<double>(random_ref(t.n, t.k, 200 + t.n));
            DistPtr ad = scatter(c.get(), a, t.block);
            DistFactorPtr f = factor(FL_FACTOR_LU, ad.get());
            const Ref x = distributed_solve(c.get(), f.get(), b, t.n, t.block, trans);
            EXPECT_LT(solve_residual(a, trans, x, b, eps<double>()), kResidualThreshold)
                << "n = " << t.n;
            EXPECT_LT(relative_difference(x, reference_solve(FL_FACTOR_LU, a, b, trans)), 1e-10);
            EXPECT_LT(reference_logdet_ratio(FL_FACTOR_LU, a, f.get()), 1e-12);
            expect_rcond_like_reference(FL_FACTOR_LU, a, f.get());
        }
}

TEST(DenseFactor, LuOfIllConditionedHilbertHasSmallResidual) {
    ContextPtr c = make_context();
    const Ref a = rounded<double>(hilbert_ref(12));
    const Ref b = rounded<double>(random_ref(12, 3, 7));
    DistPtr ad = scatter(c.get(), a, 2);
    DistFactorPtr f = factor(FL_FACTOR_LU, ad.get());
    EXPECT_LT(solve_residual(a, FL_NO_TRANS, distributed_solve(c.get(), f.get(), b, 12, 2), b,
                             eps<double>()),
              kResidualThreshold);
    double rcond = 0;
    expect_agreed(fl_mpi_factor_rcond(f.get(), &rcond), FL_OK);
    EXPECT_LT(rcond, 1e-14);
}

TEST(DenseFactor, CholeskyReadsTheLowerTriangle) {
    ContextPtr c = make_context();
    for (const Case &t : kCases) {
        const Ref a = rounded<double>(spd_ref(t.n, 300 + t.n));
        Ref lower_only = a;  // garbage above the diagonal must not matter
        for (int64_t j = 0; j < t.n; ++j)
            for (int64_t i = 0; i < j; ++i) lower_only(i, j) = 1e30L;
        const Ref b = rounded<double>(random_ref(t.n, t.k, 400 + t.n));
        DistPtr ad = scatter(c.get(), lower_only, t.block);
        DistFactorPtr f = factor(FL_FACTOR_CHOLESKY, ad.get(), 1);
        const Ref x = distributed_solve(c.get(), f.get(), b, t.n, t.block);
        EXPECT_LT(solve_residual(a, FL_NO_TRANS, x, b, eps<double>()), kResidualThreshold)
            << "n = " << t.n;
        EXPECT_LT(relative_difference(x, reference_solve(FL_FACTOR_CHOLESKY, a, b)), 1e-10);
        EXPECT_LT(reference_logdet_ratio(FL_FACTOR_CHOLESKY, a, f.get()), 1e-12);
        expect_rcond_like_reference(FL_FACTOR_CHOLESKY, a, f.get());
    }
}

TEST(DenseFactor, QrLeastSquaresMatchesSingleProcess) {
    ContextPtr c = make_context();
    for (auto [m, n, k, block] : {std::tuple{0, 0, 2, 0},
                                  {1, 1, 1, 0},
                                  {5, 0, 2, 0},
                                  {9, 4, 3, 2},
                                  {80, 31, 4, 0},
                                  {101, 60, 2, 8}}) {
        const Ref a = rounded<double>(random_ref(m, n, 500 + m));
        const Ref b = rounded<double>(random_ref(m, k, 600 + m));
        DistPtr ad = scatter(c.get(), a, block);
        DistFactorPtr f = factor(FL_FACTOR_QR, ad.get());
        const Ref x = distributed_solve(c.get(), f.get(), b, n, block);
        EXPECT_LT(relative_difference(x, reference_solve(FL_FACTOR_QR, a, b)), 1e-10)
            << m << "x" << n;
        // The least-squares residual is orthogonal to A's columns: ||A^T (b - A x)||.
        const Ref r = subtract(b, multiply(a, x));
        const Ref atr = multiply(transpose(a), r);
        if (n > 0) {
            const long double scale = norm1(a) * norm1(a) * (norm1(x) + 1) * m * eps<double>();
            EXPECT_LT(static_cast<double>(norm1(atr) / scale), kResidualThreshold);
        }
        double rcond = 0;
        expect_agreed(fl_mpi_factor_rcond(f.get(), &rcond), FL_OK);
        EXPECT_GT(rcond, 0);
        expect_agreed(fl_mpi_factor_logdet(f.get(), nullptr, nullptr), FL_ERR_UNSUPPORTED, "QR");
    }
}

TEST(DenseFactor, EighEigenpairsSolvesAndDeterminant) {
    ContextPtr c = make_context();
    for (const Case &t : kCases) {
        Ref a = rounded<double>(random_ref(t.n, t.n, 700 + t.n));
        a = rounded<double>(multiply(transpose(a), a));
        for (int64_t i = 0; i < t.n; ++i) a(i, i) -= 0.5L;  // indefinite, still nonsingular
        DistPtr ad = scatter(c.get(), a, t.block);
        DistFactorPtr f = factor(FL_FACTOR_EIGH, ad.get());
        std::vector<double> w(static_cast<size_t>(t.n) + 1);
        ASSERT_EQ(fl_mpi_factor_eigenvalues(f.get(), FL_FLOAT64, w.data()), FL_OK)
            << fl_mpi_last_error();
        DistPtr v = zeros(c.get(), t.n, t.n, t.block);
        expect_agreed(fl_mpi_factor_eigenvectors(f.get(), v.get()), FL_OK);
        const Ref vr = gather_everywhere(v.get());
        // ||A V - V diag(w)||_1 / (||A||_1 n eps).
        Ref vw = vr;
        for (int64_t j = 0; j < t.n; ++j)
            for (int64_t i = 0; i < t.n; ++i) vw(i, j) *= w[j];
        if (t.n > 0) {
            EXPECT_LT(static_cast<double>(norm1(subtract(multiply(a, vr), vw)) /
                                          (norm1(a) * t.n * eps<double>())),
                      kResidualThreshold);
        }
        const Ref b = rounded<double>(random_ref(t.n, t.k, 800 + t.n));
        const Ref x = distributed_solve(c.get(), f.get(), b, t.n, t.block);
        EXPECT_LT(solve_residual(a, FL_NO_TRANS, x, b, eps<double>()), 10 * kResidualThreshold)
            << "n = " << t.n;
        EXPECT_LT(reference_logdet_ratio(FL_FACTOR_EIGH, a, f.get()), 1e-10);
    }
}

TEST(DenseFactor, RightHandSidesOfOtherBlocksAreRedistributed) {
    ContextPtr c = make_context();
    const Ref a = rounded<double>(random_ref(23, 23, 3));
    const Ref b = rounded<double>(random_ref(23, 4, 4));
    DistPtr ad = scatter(c.get(), a, 4);
    DistFactorPtr f = factor(FL_FACTOR_LU, ad.get());
    DistPtr bd = scatter(c.get(), b, 3);
    DistPtr x = zeros(c.get(), 23, 4, 5);
    expect_agreed(fl_mpi_factor_solve(f.get(), FL_NO_TRANS, bd.get(), x.get()), FL_OK);
    EXPECT_LT(solve_residual(a, FL_NO_TRANS, gather_everywhere(x.get()), b, eps<double>()),
              kResidualThreshold);
    // In place, in a blocking of its own.
    expect_agreed(fl_mpi_factor_solve(f.get(), FL_NO_TRANS, bd.get(), bd.get()), FL_OK);
    EXPECT_LT(solve_residual(a, FL_NO_TRANS, gather_everywhere(bd.get()), b, eps<double>()),
              kResidualThreshold);
}

TEST(DenseFactor, ConsumedMatrixIsRefusedAfterwards) {
    ContextPtr c = make_context();
    DistPtr a = scatter(c.get(), rounded<double>(spd_ref(9, 1)), 2);
    DistFactorPtr f = factor(FL_FACTOR_CHOLESKY, a.get(), 1);
    std::vector<double> piece(100);
    EXPECT_EQ(fl_mpi_matrix_get_local(a.get(), FL_FLOAT64, piece.data(), 10),
              FL_ERR_INVALID_ARGUMENT);
    EXPECT_TRUE(contains(fl_mpi_last_error(), "consumed"));
    fl_mpi_factor *again = nullptr;
    expect_agreed(fl_mpi_factor_create(&again, FL_FACTOR_LU, a.get(), 0), FL_ERR_INVALID_ARGUMENT,
                  "consumed");
    EXPECT_EQ(again, nullptr);
}

}  // namespace
}  // namespace fltest::mpi
