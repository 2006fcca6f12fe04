// Distributed matrices: the documented block-cyclic layout, scatter/gather in both
// layouts and from any root, entries added by every rank, grids and block sizes.
#include "mpi_test_support.hpp"

namespace fltest::mpi {
namespace {

// This rank's piece of r, computed from fastlinalg_mpi.h's formulas alone.
std::vector<double> local_piece_by_formula(const fl_mpi_context *c, const fl_mpi_matrix *m,
                                           const Ref &r) {
    int64_t nprow, npcol, myrow, mycol, mb, nb, lr, lc;
    fl_mpi_context_grid(c, &nprow, &npcol, &myrow, &mycol);
    fl_mpi_matrix_shape(m, nullptr, nullptr, &mb, &nb, &lr, &lc);
    std::vector<double> piece(static_cast<size_t>(std::max<int64_t>(1, lr) * lc), 0.0);
    for (int64_t i = 0; i < r.rows; ++i)
        for (int64_t j = 0; j < r.cols; ++j) {
            if ((i / mb) % nprow != myrow || (j / nb) % npcol != mycol) continue;
            const int64_t li = (i / (mb * nprow)) * mb + i % mb,
                          lj = (j / (nb * npcol)) * nb + j % nb;
            piece[li + lj * std::max<int64_t>(1, lr)] = static_cast<double>(r(i, j));
        }
    return piece;
}

TEST(DistributedMatrix, DefaultGridIsNearlySquare) {
    ContextPtr c = make_context();
    int64_t nprow = 0, npcol = 0;
    ASSERT_EQ(fl_mpi_context_grid(c.get(), &nprow, &npcol, nullptr, nullptr), FL_OK);
    EXPECT_EQ(nprow * npcol, size());
    EXPECT_LE(nprow, npcol);
    if (size() == 4) {
        EXPECT_EQ(nprow, 2);
    }
}

TEST(DistributedMatrix, LocalPiecesFollowTheDocumentedLayout) {
    for (auto [rows, cols, block] :
         {std::tuple{0, 0, 0}, {1, 1, 0}, {7, 5, 2}, {37, 23, 4}, {64, 64, 0}, {9, 40, 3}}) {
        ContextPtr c = make_context();
        const Ref r = random_ref(rows, cols, 11 + rows);
        DistPtr m = scatter(c.get(), r, block);
        int64_t lr = 0, lc = 0;
        fl_mpi_matrix_shape(m.get(), nullptr, nullptr, nullptr, nullptr, &lr, &lc);
        const std::vector<double> expected = local_piece_by_formula(c.get(), m.get(), r);
        std::vector<double> got(expected.size(), -1.0);
        ASSERT_EQ(
            fl_mpi_matrix_get_local(m.get(), FL_FLOAT64, got.data(), std::max<int64_t>(1, lr)),
            FL_OK);
        if (lr * lc > 0) {  // a rank with no rows still has a 1-element piece of padding
            EXPECT_EQ(got, expected) << rows << "x" << cols << " block " << block;
        }

        // And the other way: pieces set by each rank gather to the whole.
        DistPtr built = zeros(c.get(), rows, cols, block);
        ASSERT_EQ(fl_mpi_matrix_set_local(built.get(), FL_FLOAT64, expected.data(),
                                          std::max<int64_t>(1, lr)),
                  FL_OK);
        EXPECT_EQ(relative_difference(gather_everywhere(built.get()), rounded<double>(r)), 0.0);
    }
}

TEST(DistributedMatrix, ScatterAndGatherInBothLayoutsFromAnyRoot) {
    ContextPtr c = make_context();
    const Ref r = random_ref(29, 17, 5);
    for (fl_layout layout : kLayouts)
        for (int root = 0; root < size(); ++root) {
            DistPtr m = scatter(c.get(), r, 3, root, layout);
            Matrix<double> back(29, 17, layout, 2);
            ASSERT_EQ(
                fl_mpi_matrix_gather(m.get(), root, FL_FLOAT64, layout, back.data(), back.ld()),
                FL_OK);
            if (rank() == root) {
                EXPECT_EQ(relative_difference(back.to_ref(), rounded<double>(r)), 0.0);
            }
        }
}

TEST(DistributedMatrix, EntriesFromEveryRankAreSummedWhereTheyBelong) {
    ContextPtr c = make_context();
    const int64_t n = 21;
    const Ref r = random_ref(n, n, 8);
    // Each rank contributes every entry with (i + j) % size == rank, plus a share of the
    // diagonal that only the sum over all ranks completes.
    std::vector<int64_t> rows, cols;
    std::vector<double> values;
    for (int64_t i = 0; i < n; ++i)
        for (int64_t j = 0; j < n; ++j) {
            const double v = static_cast<double>(r(i, j));
            if ((i + j) % size() == rank())
                rows.push_back(i), cols.push_back(j), values.push_back(i == j ? v - 1 : v);
            if (i == j) rows.push_back(i), cols.push_back(j), values.push_back(1.0 / size());
        }
    DistPtr m = zeros(c.get(), n, n, 4);
    expect_agreed(
        fl_mpi_matrix_add_entries(m.get(), FL_FLOAT64, static_cast<int64_t>(values.size()),
                                  rows.data(), cols.data(), values.data()),
        FL_OK);
    EXPECT_LT(relative_difference(gather_everywhere(m.get()), rounded<double>(r)), 1e-15);
}

TEST(DistributedMatrix, ExplicitGridsAndBlocks) {
    if (size() != 4) GTEST_SKIP() << "needs 4 ranks";
    for (auto [nprow, npcol] : {std::pair{1, 4}, {4, 1}, {2, 2}}) {
        ContextPtr c = make_context(nprow, npcol);
        const Ref r = random_ref(13, 11, 3);
        DistPtr m = scatter(c.get(), r, 2);
        EXPECT_EQ(relative_difference(gather_everywhere(m.get()), rounded<double>(r)), 0.0);
    }
}

}  // namespace
}  // namespace fltest::mpi
