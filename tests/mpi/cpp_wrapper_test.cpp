// fastlinalg_mpi.hpp: the C++ classes over the C API, their exceptions and ownership.
#include <fastlinalg/fastlinalg_mpi.hpp>

#include "mpi_test_support.hpp"
#include "sparse_support.hpp"

namespace fltest::mpi {
namespace {

namespace flm = fastlinalg::mpi;

TEST(CppWrapper, DenseFactorsSolveAndReport) {
    flm::context ctx(world());
    EXPECT_EQ(ctx.grid()[0] * ctx.grid()[1], size());
    const Ref a = rounded<double>(spd_ref(17, 2));
    const Ref b = rounded<double>(random_ref(17, 3, 5));
    const Matrix<double> am = Matrix<double>::from_ref(a, FL_COL_MAJOR),
                         bm = Matrix<double>::from_ref(b, FL_ROW_MAJOR);
    flm::dist_matrix ad =
        flm::dist_matrix::scatter(ctx, 0, fastlinalg::col_major(am.data(), 17, 17), 4);
    flm::dist_matrix bd =
        flm::dist_matrix::scatter(ctx, 0, fastlinalg::row_major(bm.data(), 17, 3), 3);
    for (fl_factor_kind kind : {FL_FACTOR_LU, FL_FACTOR_CHOLESKY, FL_FACTOR_EIGH}) {
        flm::dist_factor f(kind, ad);
        const fastlinalg::matrix<double> x = f.solve(ctx, bd).gather(0, rank());
        if (rank() == 0) {
            Ref xr(17, 3);
            for (int64_t i = 0; i < 17; ++i)
                for (int64_t j = 0; j < 3; ++j) xr(i, j) = x(i, j);
            EXPECT_LT(solve_residual(a, FL_NO_TRANS, xr, b, eps<double>()),
                      10 * kResidualThreshold);
        }
        EXPECT_EQ(f.logdet().first, 1.0);
        EXPECT_GT(f.rcond(), 0);
    }
    flm::dist_factor eigh(FL_FACTOR_EIGH, ad, true);
    EXPECT_EQ(eigh.eigenvalues().size(), 17u);
    try {
        flm::dist_factor again(FL_FACTOR_LU, ad);
        ADD_FAILURE() << "a consumed matrix was factored";
    } catch (const fastlinalg::error &e) {
        EXPECT_EQ(e.status(), FL_ERR_INVALID_ARGUMENT);
        EXPECT_TRUE(contains(e.what(), "consumed"));
    }
}

TEST(CppWrapper, LocalPiecesAndEntries) {
    flm::context ctx(world());
    flm::dist_matrix m(ctx, 6, 5, 2);
    m.add_entries({0, 5}, {0, 4}, {1.5, rank() + 1.0});
    const fastlinalg::matrix<double> all = m.gather(0, rank());
    if (rank() == 0) {
        EXPECT_EQ(all(0, 0), 1.5 * size());
        EXPECT_EQ(all(5, 4), size() * (size() + 1) / 2.0);
    }
    const fastlinalg::matrix<double> piece = m.get_local();
    m.set_local(piece.view());
    EXPECT_THROW(m.add_entries({0}, {0, 1}, {1.0}), fastlinalg::error);
}

TEST(CppWrapper, SparseFactor) {
    flm::context ctx(world());
    const Ref a = laplacian_ref(6);
    std::vector<int64_t> rows, cols;
    std::vector<double> values;
    for (int64_t j = 0; j < a.cols; ++j)
        for (int64_t i = 0; i < a.rows; ++i)
            if (a(i, j) != 0 && i % size() == rank())
                rows.push_back(i), cols.push_back(j), values.push_back(a(i, j));
    flm::sparse_factor f(ctx, FL_MPI_SPARSE_SPD, 36, true, rows, cols, values);
    const Matrix<double> b =
        Matrix<double>::from_ref(rounded<double>(random_ref(36, 2, 1)), FL_COL_MAJOR);
    const fastlinalg::matrix<double> x =
        f.solve(fastlinalg::col_major(b.data(), 36, 2), 2, rank() == 0);
    if (rank() == 0) {
        Ref xr(36, 2);
        for (int64_t i = 0; i < 36; ++i)
            for (int64_t j = 0; j < 2; ++j) xr(i, j) = x(i, j);
        EXPECT_LT(solve_residual(a, FL_NO_TRANS, xr, b.to_ref(), eps<double>()),
                  kResidualThreshold);
    }
    EXPECT_EQ(f.inertia()[0], 36);
    EXPECT_EQ(f.logdet().first, 1.0);
    EXPECT_THROW(flm::sparse_factor(ctx, FL_MPI_SPARSE_SPD, 36, true, rows, cols, {}),
                 fastlinalg::error);
}

}  // namespace
}  // namespace fltest::mpi
