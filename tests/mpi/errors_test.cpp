// Failures agreed between ranks: a singular matrix on a grid, a bad descriptor (another
// blocking or context), sizes or roots that differ between ranks, bad arguments on one
// rank only. Every rank must return the same status and hold the same message; none hangs.
#include "mpi_test_support.hpp"

namespace fltest::mpi {
namespace {

TEST(MpiErrors, SingularOnAGridIsReportedEverywhere) {
    ContextPtr c = make_context();
    Ref a = rounded<double>(random_ref(20, 20, 1));
    for (int64_t i = 0; i < 20; ++i) a(i, 13) = 0;  // column 14 zero: U(14,14) = 0 at the latest
    DistPtr ad = scatter(c.get(), a, 3);
    fl_mpi_factor *f = nullptr;
    expect_agreed(fl_mpi_factor_create(&f, FL_FACTOR_LU, ad.get(), 0), FL_ERR_SINGULAR, "singular");
    EXPECT_EQ(f, nullptr);
    expect_agreed(fl_mpi_factor_create(&f, FL_FACTOR_CHOLESKY, ad.get(), 0),
                  FL_ERR_NOT_POSITIVE_DEFINITE, "leading minor");
    Ref rank_deficient = rounded<double>(random_ref(12, 5, 2));
    for (int64_t i = 0; i < 12; ++i) rank_deficient(i, 4) = 0;
    DistPtr qd = scatter(c.get(), rank_deficient, 2);
    expect_agreed(fl_mpi_factor_create(&f, FL_FACTOR_QR, qd.get(), 0), FL_ERR_SINGULAR, "R(5,5)");
}

TEST(MpiErrors, SizesThatDifferBetweenRanks) {
    if (size() < 2) GTEST_SKIP() << "needs 2 ranks";
    ContextPtr c = make_context();
    fl_mpi_matrix *m = nullptr;
    expect_agreed(fl_mpi_matrix_create(&m, c.get(), FL_FLOAT64, 10 + rank(), 10, 0, 0),
                  FL_ERR_DIMENSION_MISMATCH, "different sizes");
    EXPECT_EQ(m, nullptr);
    DistPtr a = zeros(c.get(), 6, 6, 2);
    Matrix<double> full(6, 6, FL_COL_MAJOR);
    expect_agreed(fl_mpi_matrix_scatter(a.get(), rank() == 1 ? 1 : 0, FL_FLOAT64, FL_COL_MAJOR,
                                        full.data(), 6),
                  FL_ERR_DIMENSION_MISMATCH, "roots");
}

TEST(MpiErrors, BadArgumentOnOneRankOnlyFailsEverywhere) {
    ContextPtr c = make_context();
    DistPtr a = zeros(c.get(), 6, 6, 2);
    Matrix<double> full(6, 6, FL_COL_MAJOR);
    // The root's lda is checked on the root only; the others learn of it.
    const int root = size() - 1;
    expect_agreed(fl_mpi_matrix_scatter(a.get(), root, FL_FLOAT64, FL_COL_MAJOR, full.data(), 3),
                  FL_ERR_INVALID_ARGUMENT, "[rank " + std::to_string(root) + "]");
    expect_agreed(fl_mpi_matrix_scatter(a.get(), size(), FL_FLOAT64, FL_COL_MAJOR, full.data(), 6),
                  FL_ERR_INVALID_ARGUMENT, "root = " + std::to_string(size()));
    const int64_t row = rank() == 0 ? 6 : 0, col = 0;
    const double value = 1;
    expect_agreed(fl_mpi_matrix_add_entries(a.get(), FL_FLOAT64, 1, &row, &col, &value),
                  FL_ERR_INVALID_ARGUMENT, "entry 0 at (6, 0)");
}

TEST(MpiErrors, BadOperandsForSolves) {
    ContextPtr c = make_context();
    DistPtr a = scatter(c.get(), rounded<double>(spd_ref(8, 3)), 2);
    DistFactorPtr f = factor(FL_FACTOR_CHOLESKY, a.get());
    fl_mpi_factor *raw = nullptr;
    DistPtr x = zeros(c.get(), 8, 2, 2);
    ContextPtr other = make_context();
    DistPtr elsewhere = zeros(other.get(), 8, 2, 2);
    expect_agreed(fl_mpi_factor_solve(f.get(), FL_NO_TRANS, elsewhere.get(), x.get()),
                  FL_ERR_INVALID_ARGUMENT, "another context");
    DistPtr short_b = zeros(c.get(), 7, 2, 2);
    expect_agreed(fl_mpi_factor_solve(f.get(), FL_NO_TRANS, short_b.get(), x.get()),
                  FL_ERR_DIMENSION_MISMATCH, "b has 7 rows");
    DistPtr wide_x = zeros(c.get(), 8, 3, 2), b = zeros(c.get(), 8, 2, 2);
    expect_agreed(fl_mpi_factor_solve(f.get(), FL_NO_TRANS, b.get(), wide_x.get()),
                  FL_ERR_DIMENSION_MISMATCH, "x is 8x3");
    expect_agreed(fl_mpi_factor_solve(f.get(), static_cast<fl_transpose>(7), b.get(), x.get()),
                  FL_ERR_INVALID_ARGUMENT, "trans = 7");
    DistPtr rect = zeros(c.get(), 8, 6, 2);
    expect_agreed(fl_mpi_factor_create(&raw, FL_FACTOR_LU, rect.get(), 0), FL_ERR_INVALID_ARGUMENT,
                  "square");
    fl_mpi_matrix *ub = nullptr;
    expect_agreed(fl_mpi_matrix_create(&ub, c.get(), FL_FLOAT64, 8, 8, 2, 3), FL_OK);
    DistPtr uneven_blocks(ub);
    expect_agreed(fl_mpi_factor_create(&raw, FL_FACTOR_LU, ub, 0), FL_ERR_INVALID_ARGUMENT,
                  "square blocks");
}

TEST(MpiErrors, EnumsDtypesAndNullHandles) {
    ContextPtr c = make_context();
    fl_mpi_matrix *m = nullptr;
    expect_agreed(fl_mpi_matrix_create(&m, c.get(), FL_FLOAT32, 4, 4, 0, 0), FL_ERR_UNSUPPORTED,
                  "FL_FLOAT32");
    expect_agreed(fl_mpi_matrix_create(&m, c.get(), static_cast<fl_dtype>(9), 4, 4, 0, 0),
                  FL_ERR_INVALID_ARGUMENT, "dtype = 9");
    expect_agreed(fl_mpi_matrix_create(&m, c.get(), FL_FLOAT64, -1, 4, 0, 0),
                  FL_ERR_INVALID_ARGUMENT, "rows = -1");
    expect_agreed(fl_mpi_matrix_create(&m, c.get(), FL_FLOAT64, 4, 4, -2, 0),
                  FL_ERR_INVALID_ARGUMENT, "row_block = -2");
    DistPtr a = zeros(c.get(), 4, 4);
    fl_mpi_factor *f = nullptr;
    expect_agreed(fl_mpi_factor_create(&f, FL_FACTOR_SVD, a.get(), 0), FL_ERR_UNSUPPORTED,
                  "no distributed form");
    expect_agreed(fl_mpi_factor_create(&f, static_cast<fl_factor_kind>(99), a.get(), 0),
                  FL_ERR_INVALID_ARGUMENT, "kind = 99");
    expect_agreed(fl_mpi_factor_create(&f, FL_FACTOR_LU, a.get(), 2), FL_ERR_INVALID_ARGUMENT,
                  "consume = 2");
    EXPECT_EQ(fl_mpi_factor_create(&f, FL_FACTOR_LU, nullptr, 0), FL_ERR_INVALID_ARGUMENT);
    EXPECT_TRUE(contains(fl_mpi_last_error(), "fl_mpi_factor_create: a is NULL"));
    EXPECT_EQ(fl_mpi_matrix_create(nullptr, c.get(), FL_FLOAT64, 4, 4, 0, 0),
              FL_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(fl_mpi_matrix_shape(nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr),
              FL_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(fl_mpi_context_grid(nullptr, nullptr, nullptr, nullptr, nullptr),
              FL_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(fl_mpi_factor_solve(nullptr, FL_NO_TRANS, a.get(), a.get()), FL_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(fl_mpi_factor_logdet(nullptr, nullptr, nullptr), FL_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(fl_mpi_factor_rcond(nullptr, nullptr), FL_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(fl_mpi_factor_eigenvalues(nullptr, FL_FLOAT64, nullptr), FL_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(fl_mpi_factor_eigenvectors(nullptr, a.get()), FL_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(fl_mpi_matrix_set_local(nullptr, FL_FLOAT64, nullptr, 1), FL_ERR_INVALID_ARGUMENT);
    int64_t lr = 0;
    fl_mpi_matrix_shape(a.get(), nullptr, nullptr, nullptr, nullptr, &lr, nullptr);
    std::vector<double> piece(64);
    EXPECT_EQ(fl_mpi_matrix_set_local(a.get(), FL_FLOAT64, piece.data(), 0),
              FL_ERR_INVALID_ARGUMENT);
    EXPECT_TRUE(contains(fl_mpi_last_error(), "ld = 0"));
    fl_mpi_matrix_destroy(nullptr);
    fl_mpi_factor_destroy(nullptr);
    fl_mpi_context_destroy(nullptr);
    fl_mpi_sparse_factor_destroy(nullptr);
}

TEST(MpiErrors, ContextsOnBadCommunicatorsOrGrids) {
    fl_mpi_context *c = nullptr;
    EXPECT_EQ(fl_mpi_context_create(&c, -123456, 0, 0), FL_ERR_INVALID_ARGUMENT);
    EXPECT_TRUE(contains(fl_mpi_last_error(), "comm = -123456")) << fl_mpi_last_error();
    EXPECT_EQ(fl_mpi_context_create(&c, int64_t{1} << 40, 0, 0), FL_ERR_INVALID_ARGUMENT);
    expect_agreed(fl_mpi_context_create(&c, world(), size() + 1, 1), FL_ERR_INVALID_ARGUMENT,
                  "do not make a grid");
    EXPECT_EQ(c, nullptr);
    EXPECT_EQ(fl_mpi_context_create(nullptr, world(), 0, 0), FL_ERR_INVALID_ARGUMENT);
    if (size() == 4) {
        expect_agreed(fl_mpi_context_create(&c, world(), rank() == 0 ? 1 : 2, rank() == 0 ? 4 : 2),
                      FL_ERR_DIMENSION_MISMATCH, "grids");
    }
}

TEST(MpiErrors, WrongKindQueries) {
    ContextPtr c = make_context();
    DistPtr a = scatter(c.get(), rounded<double>(spd_ref(5, 4)), 0);
    DistFactorPtr f = factor(FL_FACTOR_LU, a.get());
    double w[5];
    EXPECT_EQ(fl_mpi_factor_eigenvalues(f.get(), FL_FLOAT64, w), FL_ERR_UNSUPPORTED);
    DistPtr v = zeros(c.get(), 5, 5);
    expect_agreed(fl_mpi_factor_eigenvectors(f.get(), v.get()), FL_ERR_UNSUPPORTED,
                  "FL_FACTOR_EIGH");
    expect_agreed(fl_mpi_factor_rcond(f.get(), nullptr), FL_ERR_INVALID_ARGUMENT, "rcond is NULL");
    // A NULL operand on the last rank only: refused everywhere before any communication.
    DistPtr b = zeros(c.get(), 5, 1);
    fl_mpi_matrix *maybe = rank() == size() - 1 ? nullptr : b.get();
    expect_agreed(fl_mpi_factor_solve(f.get(), FL_NO_TRANS, b.get(), maybe), FL_ERR_INVALID_ARGUMENT, "x is NULL");
    DistFactorPtr eigh = factor(FL_FACTOR_EIGH, a.get());
    expect_agreed(fl_mpi_factor_eigenvectors(eigh.get(), rank() == size() - 1 ? nullptr : v.get()),
                  FL_ERR_INVALID_ARGUMENT, "v is NULL");
}

}  // namespace
}  // namespace fltest::mpi
