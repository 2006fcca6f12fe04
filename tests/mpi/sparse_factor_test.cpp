// MUMPS factors against single-process libfastlinalg (CHOLMOD, UMFPACK, dense LAPACK) and
// scaled residuals: SPD, symmetric indefinite and general matrices, entries on rank 0 or
// distributed by rows, many right-hand sides, refactorization, logdet, inertia, errors.
#include "mpi_test_support.hpp"
#include "sparse_support.hpp"

namespace fltest::mpi {
namespace {

struct Triplets {
    std::vector<int64_t> rows, cols;
    std::vector<double> values;
    int64_t count() const { return static_cast<int64_t>(values.size()); }
};

// The nonzeros of a this rank passes: all of them on rank 0 (centralised), or the rows
// i with i % size == rank (distributed).
Triplets triplets_of(const Ref &a, bool distributed) {
    Triplets t;
    if (!distributed && rank() != 0) return t;
    for (int64_t j = 0; j < a.cols; ++j)
        for (int64_t i = 0; i < a.rows; ++i)
            if (a(i, j) != 0 && (!distributed || i % size() == rank())) {
                t.rows.push_back(i);
                t.cols.push_back(j);
                t.values.push_back(static_cast<double>(a(i, j)));
            }
    return t;
}

SparseFactorPtr sparse_factor(const fl_mpi_context *c, fl_mpi_sparse_kind kind, const Ref &a,
                              bool distributed, fl_status expected = FL_OK,
                              const std::string &message = "") {
    const Triplets t = triplets_of(a, distributed);
    fl_mpi_sparse_factor *f = nullptr;
    expect_agreed(
        fl_mpi_sparse_factor_create(&f, c, kind, a.rows, distributed, t.count(), t.rows.data(),
                                    t.cols.data(), FL_FLOAT64, t.values.data()),
        expected, message);
    return SparseFactorPtr(f);
}

// X = A^-1 B on rank 0, broadcast so that every rank checks it.
Ref sparse_solve(const fl_mpi_sparse_factor *f, const Ref &b, fl_layout layout) {
    const Matrix<double> bm = Matrix<double>::from_ref(b, layout);
    Matrix<double> x(b.rows, b.cols, layout);
    expect_agreed(fl_mpi_sparse_factor_solve(f, FL_FLOAT64, b.cols, layout, bm.data(), bm.ld(),
                                             x.data(), x.ld()),
                  FL_OK);
    Ref xr = x.to_ref();
    std::vector<double> flat(xr.v.begin(), xr.v.end());
    MPI_Bcast(flat.data(), static_cast<int>(flat.size()), MPI_DOUBLE, 0, MPI_COMM_WORLD);
    std::copy(flat.begin(), flat.end(), xr.v.begin());
    return xr;
}

Ref symmetric_indefinite(int64_t m) {
    Ref a = laplacian_ref(m);
    for (int64_t i = 0; i < a.rows; ++i) a(i, i) -= 2.3L;  // shifts a third of the spectrum below 0
    return a;
}

Ref general(int64_t m) {
    Ref a = laplacian_ref(m);
    for (int64_t i = 0; i + 1 < a.rows; ++i)
        a(i, i + 1) += 0.7L;  // convection: no longer symmetric
    return a;
}

TEST(SparseFactor, EveryKindSolvesManyRightHandSidesLikeSingleProcess) {
    ContextPtr c = make_context();
    struct Kind {
        fl_mpi_sparse_kind kind;
        Ref a;
        fl_factor_kind reference;
    };
    const Kind kinds[] = {{FL_MPI_SPARSE_SPD, laplacian_ref(9), FL_FACTOR_SPARSE_CHOLESKY},
                          {FL_MPI_SPARSE_SYMMETRIC, symmetric_indefinite(8), FL_FACTOR_SPARSE_LU},
                          {FL_MPI_SPARSE_GENERAL, general(10), FL_FACTOR_SPARSE_LU}};
    for (const Kind &k : kinds)
        for (bool distributed : {false, true})
            for (fl_layout layout : kLayouts) {
                SparseFactorPtr f = sparse_factor(c.get(), k.kind, k.a, distributed);
                const Ref b = rounded<double>(random_ref(k.a.rows, 7, 31));
                const Ref x = sparse_solve(f.get(), b, layout);
                EXPECT_LT(solve_residual(k.a, FL_NO_TRANS, x, b, eps<double>()), kResidualThreshold)
                    << "kind " << k.kind << (distributed ? " distributed" : " centralised");
                // The same solve by single-process libfastlinalg (SuiteSparse).
                SparsePtr s = make_sparse<double>(k.a);
                fl_factor *raw = nullptr;
                ASSERT_EQ(fl_factor_create_sparse(&raw, k.reference, s.get(), nullptr), FL_OK)
                    << fl_last_error();
                FactorPtr ref(raw);
                const Matrix<double> bm = Matrix<double>::from_ref(b, FL_COL_MAJOR);
                Matrix<double> xr(b.rows, b.cols, FL_COL_MAJOR);
                ASSERT_EQ(solve(ref.get(), FL_NO_TRANS, bm, xr), FL_OK);
                EXPECT_LT(relative_difference(x, xr.to_ref()), 1e-10);
                // log|det| and its sign against long double elimination.
                double sign = 0, logabs = 0;
                ASSERT_EQ(fl_mpi_sparse_factor_logdet(f.get(), &sign, &logabs), FL_OK)
                    << fl_mpi_last_error();
                const LogDet expected = ref_logdet(k.a);
                EXPECT_EQ(sign, expected.sign);
                EXPECT_NEAR(logabs, static_cast<double>(expected.logabs),
                            1e-9 * std::fabs(static_cast<double>(expected.logabs)));
            }
}

TEST(SparseFactor, InertiaOfSymmetricKindsMatchesEigenvalues) {
    ContextPtr c = make_context();
    const Ref a = symmetric_indefinite(7);
    SparseFactorPtr f = sparse_factor(c.get(), FL_MPI_SPARSE_SYMMETRIC, a, true);
    int64_t pos = -1, neg = -1, zero = -1;
    ASSERT_EQ(fl_mpi_sparse_factor_inertia(f.get(), &pos, &neg, &zero), FL_OK)
        << fl_mpi_last_error();
    FactorPtr eigh;
    ASSERT_EQ(make_factor(eigh, FL_FACTOR_EIGH, Matrix<double>::from_ref(a, FL_COL_MAJOR)), FL_OK);
    int64_t epos = 0, eneg = 0, ezero = 0;
    ASSERT_EQ(fl_factor_inertia(eigh.get(), &epos, &eneg, &ezero), FL_OK);
    EXPECT_EQ(pos, epos);
    EXPECT_EQ(neg, eneg);
    EXPECT_EQ(zero, ezero);
    EXPECT_GT(neg, 0);
    SparseFactorPtr spd = sparse_factor(c.get(), FL_MPI_SPARSE_SPD, laplacian_ref(5), false);
    ASSERT_EQ(fl_mpi_sparse_factor_inertia(spd.get(), &pos, &neg, &zero), FL_OK);
    EXPECT_EQ(pos, 25);
    EXPECT_EQ(neg, 0);
    SparseFactorPtr gen = sparse_factor(c.get(), FL_MPI_SPARSE_GENERAL, general(4), false);
    EXPECT_EQ(fl_mpi_sparse_factor_inertia(gen.get(), &pos, &neg, &zero), FL_ERR_UNSUPPORTED);
}

TEST(SparseFactor, RefactorReusesTheAnalysisForNewValues) {
    ContextPtr c = make_context();
    for (bool distributed : {false, true}) {
        const Ref a = general(9);
        SparseFactorPtr f = sparse_factor(c.get(), FL_MPI_SPARSE_GENERAL, a, distributed);
        // New values on the same pattern: A2 = 3 A + I's diagonal part.
        Ref a2 = a;
        for (auto &v : a2.v) v *= 3;
        for (int64_t i = 0; i < a.rows; ++i) a2(i, i) += 1;
        const Triplets t2 = triplets_of(a2, distributed);
        expect_agreed(fl_mpi_sparse_factor_refactor(f.get(), FL_FLOAT64, t2.values.data()), FL_OK);
        const Ref b = rounded<double>(random_ref(a.rows, 3, 9));
        EXPECT_LT(solve_residual(a2, FL_NO_TRANS, sparse_solve(f.get(), b, FL_COL_MAJOR), b,
                                 eps<double>()),
                  kResidualThreshold);
    }
}

TEST(SparseFactor, EmptyAndOneByOne) {
    ContextPtr c = make_context();
    SparseFactorPtr empty = sparse_factor(c.get(), FL_MPI_SPARSE_SPD, Ref(0, 0), false);
    double sign = 0, logabs = 1;
    ASSERT_EQ(fl_mpi_sparse_factor_logdet(empty.get(), &sign, &logabs), FL_OK);
    EXPECT_EQ(sign, 1);
    EXPECT_EQ(logabs, 0);
    expect_agreed(fl_mpi_sparse_factor_solve(empty.get(), FL_FLOAT64, 2, FL_COL_MAJOR, nullptr, 1,
                                             nullptr, 1),
                  FL_OK);
    Ref one(1, 1);
    one(0, 0) = -4;
    SparseFactorPtr f = sparse_factor(c.get(), FL_MPI_SPARSE_GENERAL, one, false);
    Ref b(1, 1);
    b(0, 0) = 2;
    EXPECT_EQ(sparse_solve(f.get(), b, FL_ROW_MAJOR)(0, 0), -0.5L);
}

TEST(SparseFactor, ErrorsAreTranslatedAndAgreed) {
    ContextPtr c = make_context();
    Ref singular = laplacian_ref(4);
    for (int64_t j = 0; j < singular.cols; ++j) singular(3, j) = singular(j, 3) = 0;
    singular(3, 3) = 0;
    sparse_factor(c.get(), FL_MPI_SPARSE_GENERAL, singular, false, FL_ERR_SINGULAR, "singular");
    sparse_factor(c.get(), FL_MPI_SPARSE_SPD, symmetric_indefinite(5), true,
                  FL_ERR_NOT_POSITIVE_DEFINITE, "not positive definite");
    const int64_t bad_row = 99, col = 0;
    const double value = 1;
    fl_mpi_sparse_factor *f = nullptr;
    expect_agreed(
        fl_mpi_sparse_factor_create(&f, c.get(), FL_MPI_SPARSE_GENERAL, 10, 1, rank() == 0 ? 1 : 0,
                                    &bad_row, &col, FL_FLOAT64, &value),
        FL_ERR_INVALID_ARGUMENT, "triplet 0 at (99, 0)");
    expect_agreed(fl_mpi_sparse_factor_create(&f, c.get(), static_cast<fl_mpi_sparse_kind>(0), 10,
                                              0, 0, nullptr, nullptr, FL_FLOAT64, nullptr),
                  FL_ERR_INVALID_ARGUMENT, "kind = 0");
    if (size() > 1) {
        expect_agreed(fl_mpi_sparse_factor_create(&f, c.get(), FL_MPI_SPARSE_SPD, 10 + rank(), 0, 0,
                                                  nullptr, nullptr, FL_FLOAT64, nullptr),
                      FL_ERR_DIMENSION_MISMATCH, "orders");
    }
    expect_agreed(fl_mpi_sparse_factor_create(&f, c.get(), FL_MPI_SPARSE_SPD, 4, 0, 0, nullptr,
                                              nullptr, FL_FLOAT32, nullptr),
                  FL_ERR_UNSUPPORTED, "FL_FLOAT32");
    EXPECT_EQ(f, nullptr);
    SparseFactorPtr good = sparse_factor(c.get(), FL_MPI_SPARSE_SPD, laplacian_ref(3), false);
    Matrix<double> b(9, 2, FL_COL_MAJOR), x(9, 2, FL_COL_MAJOR);
    expect_agreed(fl_mpi_sparse_factor_solve(good.get(), FL_FLOAT64, 2, FL_COL_MAJOR, b.data(), 4,
                                             x.data(), 9),
                  FL_ERR_INVALID_ARGUMENT, "ldb = 4");
    expect_agreed(fl_mpi_sparse_factor_solve(good.get(), FL_FLOAT64, -1, FL_COL_MAJOR, b.data(), 9,
                                             x.data(), 9),
                  FL_ERR_INVALID_ARGUMENT, "nrhs = -1");
    expect_agreed(fl_mpi_sparse_factor_refactor(good.get(), FL_FLOAT64, nullptr),
                  FL_ERR_INVALID_ARGUMENT, "values is NULL");
    EXPECT_EQ(
        fl_mpi_sparse_factor_solve(nullptr, FL_FLOAT64, 1, FL_COL_MAJOR, b.data(), 9, x.data(), 9),
        FL_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(fl_mpi_sparse_factor_logdet(nullptr, nullptr, nullptr), FL_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(fl_mpi_sparse_factor_inertia(nullptr, nullptr, nullptr, nullptr),
              FL_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(fl_mpi_sparse_factor_refactor(nullptr, FL_FLOAT64, nullptr), FL_ERR_INVALID_ARGUMENT);
}

}  // namespace
}  // namespace fltest::mpi
